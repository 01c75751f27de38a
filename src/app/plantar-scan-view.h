/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "plantar-colormap.h"
#include "plantar-scan.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_SCAN_VIEW (plantar_scan_view_get_type ())

G_DECLARE_FINAL_TYPE (PlantarScanView, plantar_scan_view, PLANTAR, SCAN_VIEW, GtkWidget)

GtkWidget   *plantar_scan_view_new          (void);
PlantarScan *plantar_scan_view_get_scan     (PlantarScanView *self);
void         plantar_scan_view_set_scan     (PlantarScanView *self,
                                             PlantarScan     *scan);
void         plantar_scan_view_scan_changed (PlantarScanView *self);
void         plantar_scan_view_set_colormap (PlantarScanView *self,
                                             PlantarColormap  colormap);
void         plantar_scan_view_set_picking  (PlantarScanView *self,
                                             gboolean         picking);
gboolean     plantar_scan_view_get_picking  (PlantarScanView *self);

G_END_DECLS

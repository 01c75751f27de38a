/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PLANTAR_TYPE_SCAN_DIALOG (plantar_scan_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PlantarScanDialog, plantar_scan_dialog, PLANTAR, SCAN_DIALOG, AdwWindow)

GtkWidget *plantar_scan_dialog_new          (GtkWindow          *parent);
gboolean   plantar_scan_dialog_is_ready     (PlantarScanDialog  *self);
gboolean   plantar_scan_dialog_is_scanning  (PlantarScanDialog  *self);
void       plantar_scan_dialog_set_options  (PlantarScanDialog  *self,
                                             const char *const  *options);

G_END_DECLS

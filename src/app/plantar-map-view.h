/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "plantar-map.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_MAP_VIEW (plantar_map_view_get_type ())

G_DECLARE_FINAL_TYPE (PlantarMapView, plantar_map_view, PLANTAR, MAP_VIEW, GtkWidget)

GtkWidget   *plantar_map_view_new              (void);

void         plantar_map_view_set_subject      (PlantarMapView        *self,
                                                PlantarScan           *scan,
                                                PlantarFoot           *foot);
double          plantar_map_view_get_own_max   (PlantarMapView        *self);
PlantarScan *plantar_map_view_get_scan         (PlantarMapView        *self);
PlantarFoot *plantar_map_view_get_foot         (PlantarMapView        *self);
void         plantar_map_view_scan_changed     (PlantarMapView        *self);

void         plantar_map_view_set_style        (PlantarMapView        *self,
                                                const PlantarMapStyle *style);
void         plantar_map_view_get_style        (PlantarMapView        *self,
                                                PlantarMapStyle       *style);
void         plantar_map_view_set_frame        (PlantarMapView        *self,
                                                int                    frame);
void         plantar_map_view_set_editable     (PlantarMapView        *self,
                                                gboolean               editable);

double       plantar_map_view_get_zoom         (PlantarMapView        *self);
void         plantar_map_view_set_zoom         (PlantarMapView        *self,
                                                double                 zoom);
void         plantar_map_view_zoom_fit         (PlantarMapView        *self);
double       plantar_map_view_get_px_per_mm    (PlantarMapView        *self);

/* Where a point of the scan (mm) is drawn, and the other way. */
gboolean     plantar_map_view_to_widget        (PlantarMapView        *self,
                                                double                 x_mm,
                                                double                 y_mm,
                                                double                *x,
                                                double                *y);
gboolean     plantar_map_view_to_mm            (PlantarMapView        *self,
                                                double                 x,
                                                double                 y,
                                                double                *x_mm,
                                                double                *y_mm);

/* What is under the pointer: "312 kPa · 84.0, 201.5 mm", or NULL. */
const char  *plantar_map_view_get_readout      (PlantarMapView        *self);
void         plantar_map_view_update_readout   (PlantarMapView        *self,
                                                double                 x,
                                                double                 y);

/* A drag of a handle, as the pointer does it (widget coordinates). */
gboolean     plantar_map_view_drag_begin       (PlantarMapView        *self,
                                                double                 x,
                                                double                 y);
void         plantar_map_view_drag_update      (PlantarMapView        *self,
                                                double                 x,
                                                double                 y);
void         plantar_map_view_drag_end         (PlantarMapView        *self);

void         plantar_map_view_set_picking      (PlantarMapView        *self,
                                                gboolean               picking);
gboolean     plantar_map_view_get_picking      (PlantarMapView        *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "plantar-measurements.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_FOOT_PANEL (plantar_foot_panel_get_type ())

G_DECLARE_FINAL_TYPE (PlantarFootPanel, plantar_foot_panel, PLANTAR, FOOT_PANEL, GtkBox)

GtkWidget  *plantar_foot_panel_new       (PlantarSide                      side);
void        plantar_foot_panel_update    (PlantarFootPanel                *self,
                                          const PlantarFoot               *foot,
                                          PlantarThresholds               *thresholds,
                                          const PlantarMeasurementOptions *options);
/* What a row shows, for the tests: "0.252", or NULL when there is no such
 * row; "KEY:category" its category ("" for none). */
const char *plantar_foot_panel_get_value (PlantarFootPanel                *self,
                                          const char                      *key);

G_END_DECLS

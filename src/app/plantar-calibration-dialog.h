/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-calibration.h"
#include "plantar-window-state.h"

G_BEGIN_DECLS

/*
 * Asks what a scan does not say: for an image, the sheet it shows (or to
 * measure a known distance on it); for the distance, how long it is; for
 * a grid, its cell size, units and frame time. Its responses: "cancel",
 * "paper" and "measure" for an image, "apply" for a distance or a grid.
 */

#define PLANTAR_TYPE_CALIBRATION_DIALOG (plantar_calibration_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PlantarCalibrationDialog, plantar_calibration_dialog, PLANTAR, CALIBRATION_DIALOG,
                      AdwMessageDialog)

GtkWidget   *plantar_calibration_dialog_new          (GtkWindow                *parent,
                                                      PlantarScan              *scan,
                                                      PlantarScaleNeed          need);
GtkWidget   *plantar_calibration_dialog_new_distance (GtkWindow                *parent,
                                                      PlantarScan              *scan,
                                                      double                    x1,
                                                      double                    y1,
                                                      double                    x2,
                                                      double                    y2);
PlantarScan *plantar_calibration_dialog_get_scan     (PlantarCalibrationDialog *self);
/* What the answers say, for the "paper" and "apply" responses. */
void         plantar_calibration_dialog_get_calibration (PlantarCalibrationDialog *self,
                                                         PlantarCalibration       *calibration);

G_END_DECLS

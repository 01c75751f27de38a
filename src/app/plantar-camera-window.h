/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-camera.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_CAMERA_WINDOW (plantar_camera_window_get_type ())

G_DECLARE_FINAL_TYPE (PlantarCameraWindow, plantar_camera_window, PLANTAR, CAMERA_WINDOW, AdwWindow)

GtkWidget *plantar_camera_window_new             (GtkWindow           *parent);
/* how many frames the preview has shown, for the tests */
guint      plantar_camera_window_get_n_shown     (PlantarCameraWindow *self);
const PlantarCameraCalibration *
           plantar_camera_window_get_calibration (PlantarCameraWindow *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "plantar-import.h"
#include "plantar-sheet.h"

G_BEGIN_DECLS

/*
 * A camera (a podoscope's, a webcam) through GStreamer: its frames as they
 * come, for a live preview, and one of them captured as a scan with the
 * scale the camera was calibrated to once.
 */

#define PLANTAR_CAMERA_ERROR (plantar_camera_error_quark ())

typedef enum {
  PLANTAR_CAMERA_ERROR_NONE_FOUND,
  PLANTAR_CAMERA_ERROR_PIPELINE,     /* the source cannot be made or started */
  PLANTAR_CAMERA_ERROR_STREAM,       /* it stopped: unplugged, taken by another program */
  PLANTAR_CAMERA_ERROR_NO_FRAME,     /* nothing to capture yet */
  PLANTAR_CAMERA_ERROR_CALIBRATION,
} PlantarCameraError;

typedef struct {
  char *id;         /* what the calibration is remembered by */
  char *name;       /* for people */
  char *source;     /* a GStreamer source description: "v4l2src device=/dev/video0" */
} PlantarCameraInfo;

typedef enum {
  PLANTAR_CAMERA_UNCALIBRATED,
  PLANTAR_CAMERA_SCALE,     /* square pixels of a known size: two points a known distance apart */
  PLANTAR_CAMERA_SHEET,     /* a sheet of known size on the glass: its corners */
} PlantarCameraCalibrationKind;

typedef struct {
  PlantarCameraCalibrationKind kind;
  double                       mm_per_px;
  PlantarSheet                 sheet;
  gboolean                     mirror;   /* under the glass: the sole seen from below */
} PlantarCameraCalibration;

GQuark             plantar_camera_error_quark       (void);
GPtrArray         *plantar_camera_list              (GError                         **error);
void               plantar_camera_info_free         (PlantarCameraInfo               *info);

char              *plantar_camera_calibration_to_string (const PlantarCameraCalibration *calibration);
gboolean           plantar_camera_calibration_parse (const char                      *text,
                                                     PlantarCameraCalibration        *calibration,
                                                     GError                         **error);

#define PLANTAR_TYPE_CAMERA (plantar_camera_get_type ())
G_DECLARE_FINAL_TYPE (PlantarCamera, plantar_camera, PLANTAR, CAMERA, GObject)

PlantarCamera     *plantar_camera_new               (const char                      *source,
                                                     GError                         **error);
PlantarCamera     *plantar_camera_new_for_pipewire  (int                              fd,
                                                     const char                      *node,
                                                     GError                         **error);
gboolean           plantar_camera_start             (PlantarCamera                   *self,
                                                     GError                         **error);
void               plantar_camera_stop              (PlantarCamera                   *self);
void               plantar_camera_set_mirror        (PlantarCamera                   *self,
                                                     gboolean                         mirror);
guint              plantar_camera_get_n_frames      (PlantarCamera                   *self);
/* The latest frame, RGB; NULL before the first. */
GBytes            *plantar_camera_get_frame         (PlantarCamera                   *self,
                                                     guint                           *width,
                                                     guint                           *height,
                                                     gsize                           *stride);
PlantarScan       *plantar_camera_capture           (PlantarCamera                   *self,
                                                     const PlantarCameraCalibration  *calibration,
                                                     GError                         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarCameraInfo, plantar_camera_info_free)

G_END_DECLS

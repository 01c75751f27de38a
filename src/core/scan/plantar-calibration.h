/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-scan.h"

G_BEGIN_DECLS

/*
 * What the user says of a scan that does not say it itself: the sheet an
 * image shows, a known distance on it, or a grid's cell size, units and
 * frame time. A value: the calibration dialog fills one in, the window
 * applies it to the scan.
 */

typedef enum {
  PLANTAR_CALIBRATION_NONE,
  PLANTAR_CALIBRATION_PAPER,      /* the image is the whole sheet */
  PLANTAR_CALIBRATION_DISTANCE,   /* two points a known distance apart */
  PLANTAR_CALIBRATION_GRID,       /* what a grid leaves out */
  PLANTAR_CALIBRATION_FOOT_LENGTH,/* a picture scaled by its foot: plantar_foot_length_scale () */
} PlantarCalibrationKind;

typedef struct {
  PlantarCalibrationKind kind;
  double                 paper_width_mm, paper_height_mm;   /* paper */
  double                 x1, y1, x2, y2;                    /* distance: cells (pixels) */
  double                 distance_mm;
  double                 cell_width_mm, cell_height_mm;     /* grid: 0 keeps the file's */
  char                   units[16];                         /* grid: "" keeps the file's */
  double                 frame_ms;                          /* grid: 0 keeps the file's */
  double                 foot_length_mm;                    /* foot length */
} PlantarCalibration;

typedef struct {
  const char *name;          /* translated: "A4 (210 × 297 mm)" */
  const char *id;            /* "a4" */
  double      width_mm, height_mm;
} PlantarPaperSize;

const PlantarPaperSize *plantar_paper_sizes         (guint                    *n_sizes);
gboolean                plantar_paper_size_parse    (const char               *text,
                                                     double                   *width_mm,
                                                     double                   *height_mm,
                                                     GError                  **error);
void                    plantar_calibration_init    (PlantarCalibration       *calibration);
gboolean                plantar_calibration_apply   (const PlantarCalibration *calibration,
                                                     PlantarScan              *scan,
                                                     GError                  **error);

G_END_DECLS

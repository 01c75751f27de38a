/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-scan.h"

G_BEGIN_DECLS

/*
 * A sheet of paper of known size seen in a photo: its four corners, in the
 * photo's pixels, define the homography from the sheet's millimetres to
 * the photo, and the print on it is measured on the sheet rectified to
 * true millimetres.
 */

typedef enum {
  PLANTAR_SHEET_TOP_LEFT,
  PLANTAR_SHEET_TOP_RIGHT,
  PLANTAR_SHEET_BOTTOM_RIGHT,
  PLANTAR_SHEET_BOTTOM_LEFT,
  PLANTAR_SHEET_N_CORNERS
} PlantarSheetCorner;

typedef struct {
  /* photo pixels (0,0 the top-left corner of the first pixel), in the
   * order of PlantarSheetCorner for the sheet as rectified */
  double x[PLANTAR_SHEET_N_CORNERS], y[PLANTAR_SHEET_N_CORNERS];
  double width_mm, height_mm;   /* top-left to top-right is the width */
} PlantarSheet;

/* A homography: photo = H · (u, v, 1) with u, v in mm on the sheet. */
typedef struct {
  double h[9];
} PlantarHomography;

gboolean     plantar_sheet_check           (const PlantarSheet      *sheet,
                                            guint                    photo_width,
                                            guint                    photo_height,
                                            GError                 **error);
gboolean     plantar_sheet_homography      (const PlantarSheet      *sheet,
                                            PlantarHomography       *h);
void         plantar_homography_apply      (const PlantarHomography *h,
                                            double                   u,
                                            double                   v,
                                            double                  *x,
                                            double                  *y);
gboolean     plantar_homography_invert     (const PlantarHomography *h,
                                            PlantarHomography       *inverse);
double       plantar_sheet_min_px_per_mm   (const PlantarSheet      *sheet);
gboolean     plantar_sheet_equal           (const PlantarSheet      *a,
                                            const PlantarSheet      *b);

/* The sheet of @photo (an image scan) rectified to millimetres: an image
 * scan with its scale, which remembers @photo and @sheet. */
PlantarScan *plantar_sheet_rectify         (PlantarScan             *photo,
                                            const PlantarSheet      *sheet,
                                            GError                 **error);

/* The photo a scan was rectified from, and its sheet; NULL for a scan
 * that was not. */
PlantarScan        *plantar_scan_get_photo (const PlantarScan       *scan);
const PlantarSheet *plantar_scan_get_sheet (const PlantarScan       *scan);
void                plantar_scan_set_photo (PlantarScan             *scan,
                                            PlantarScan             *photo,
                                            const PlantarSheet      *sheet);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-insole.h"

G_BEGIN_DECLS

/* What the files of the insole share. */

/* The scan's frame into the insole's: the heel centre at the origin, the
 * foot axis along +y, then shifted so the outline starts at y = 0. */
typedef struct {
  double ox, oy;
  double ux, uy;     /* the axis, in the scan's frame */
  double rx, ry;     /* to the right of it, seen from above */
  double shift_y;
} InsoleFrame;

/* The foot's landmarks in the insole's frame */
typedef struct {
  double heel_x, heel_y;
  double back_y;                 /* the back of the heel's contact */
  double toeless_mm;
  double mth_y, mth_xmin, mth_xmax;
} InsoleFoot;

/* What a design keeps to be changed quickly: the landmarks, the outline's
 * width along y, and for each vertex of the top surface its distances to
 * the outline. */
typedef struct {
  InsoleFrame frame;
  InsoleFoot  foot;
  int         medial;            /* +1: medial is +x */
  /* the outline's extent across, in rows of ROW_MM from y = 0 */
  guint       n_rows;
  float      *row_xmin, *row_xmax;
  /* per top vertex */
  float      *d_edge;            /* to the outline, capped */
  float      *d_medial, *d_lateral;
  guint       n_rings, n_around;
  /* the distance to the outline on a DIST_MM grid over the rear, where the
   * heel cup needs it: x from dist_x0, y from 0 */
  float      *dist;
  guint       dist_w, dist_h;
  double      dist_x0;
  /* as this design places them */
  double      cup_wall;          /* the wall's run, kept clear of the heel centre */
  double      arch_start, arch_peak, arch_end;
  double      heel_xmin, heel_xmax;  /* the outline's extent across at the heel centre */
  double      pad_x, pad_y;
} InsolePriv;

#define ROW_MM 0.5
#define EDGE_CAP_MM 45.0
#define DIST_MM 1.0

void      insole_frame_to_insole    (const InsoleFrame *f,
                                     double             sx,
                                     double             sy,
                                     double            *x,
                                     double            *y);
gboolean  insole_outline_from_foot  (PlantarInsole     *insole,
                                     const PlantarFoot *foot,
                                     InsoleFrame       *frame,
                                     InsoleFoot        *foot_landmarks,
                                     GError           **error);
/* The outline's extent across at @y (FALSE outside it) */
gboolean  insole_row_extent         (const PlantarInsole *insole,
                                     double               y,
                                     double              *xmin,
                                     double              *xmax);
/* The distance from (x, y) to the outline, at most @cap */
double    insole_edge_distance      (const PlantarInsole *insole,
                                     double               x,
                                     double               y,
                                     double               cap);
/* The surface's height from the distances of a point */
double    insole_height             (const PlantarInsole *insole,
                                     double               x,
                                     double               y,
                                     double               d_edge,
                                     double               d_medial,
                                     double               d_lateral);
/* Atomic writes of the outputs: the file replaced whole, 0644 at most */
gboolean  insole_write_contents     (const char          *path,
                                     const void          *data,
                                     gsize                length,
                                     GError             **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

#include "plantar-analysis-private.h"

G_BEGIN_DECLS

/* What the steps of measuring a foot share (plantar-measure.c and the
 * plantar-measure-*.c beside it): the footprint's cells in the frame of
 * the foot's axis. */

typedef struct {
  double x, y;       /* mm, scan frame */
  double u, w;       /* along the axis from the heel centre; across, walker's left positive */
  float  load;
  float  cov;        /* the fraction of the cell in contact */
  float  nx, ny;     /* on the outline: towards the print, where the covered part lies */
  guint  index;      /* in the footprint grid */
  guint8 toe;        /* beyond the toe line */
  guint8 edge;       /* on the outline */
} Cell;

typedef struct {
  double cx, cy;     /* origin: the heel centre */
  double ax, ay;     /* heel to toe */
  double lx, ly;     /* walker's left */
} Frame;

#define STRIP_MM 1.0

/* The toe-less print along the axis, bin by bin. */
typedef struct {
  double  u0, du;
  guint   n;
  double *area;       /* toe-less contact area per bin */
  double *load;       /* load × area per bin */
  double *vmed;       /* medial-most contact (v = medial distance from the axis), or NAN */
  double *vlat;       /* lateral-most */
} Profile;

/* The regions' frame: the back of the heel, the toe-less length and the
 * medial and lateral border lines. */
typedef struct {
  double u_back, lt;
  double med_a, med_b, lat_a, lat_b;   /* border lines, v = a + b u */
  double medial;
} RegionFrame;

static inline void
frame_set (Frame  *f,
           double  cx,
           double  cy,
           double  ax,
           double  ay)
{
  double n = hypot (ax, ay);

  f->cx = cx;
  f->cy = cy;
  f->ax = ax / n;
  f->ay = ay / n;
  f->lx = f->ay;
  f->ly = -f->ax;
}

static inline void
project (const Frame *f,
         GArray      *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      double dx = c->x - f->cx, dy = c->y - f->cy;
      c->u = dx * f->ax + dy * f->ay;
      c->w = dx * f->lx + dy * f->ly;
    }
}

static inline PlantarPoint
to_scan (const Frame *f,
         double       u,
         double       w)
{
  PlantarPoint p = { f->cx + u * f->ax + w * f->lx, f->cy + u * f->ay + w * f->ly };
  return p;
}

/* Half the extent of a cell along the axis: contact reaches that far past a
 * cell's centre. */
static inline double
half_extent (const PlantarFootprint *fp,
             const Frame            *f)
{
  return 0.5 * (fabs (f->ax) * fp->cell_w + fabs (f->ay) * fp->cell_h);
}

/* heel (plantar-measure-heel.c) */
gboolean measure_heel_centre      (const PlantarFootprint *fp,
                                   GArray                 *cells,
                                   double                  heel_w,
                                   double                 *cu,
                                   double                 *cw);

/* toes (plantar-measure-toes.c) */
guint    measure_find_toes        (const PlantarFootprint *fp,
                                   GArray                 *cells,
                                   const Frame            *f,
                                   double                  umin,
                                   double                  umax,
                                   double                 *line_a,
                                   double                 *line_b,
                                   double                 *line_w0,
                                   double                 *line_w1);
void     measure_cut_toes_by_line (GArray                 *cells,
                                   const Frame            *f,
                                   const PlantarPoint      line[2],
                                   double                 *line_a,
                                   double                 *line_b,
                                   double                 *w0,
                                   double                 *w1);
gboolean measure_second_toe_tip   (const PlantarFootprint *fp,
                                   GArray                 *cells,
                                   double                  medial,
                                   double                  ext,
                                   double                  ball_width,
                                   double                 *tip_u,
                                   double                 *tip_w);

/* the shape along the axis, the regions, walking (plantar-measure-shape.c) */
void     measure_build_profile    (const PlantarFootprint *fp,
                                   GArray                 *cells,
                                   const Frame            *f,
                                   double                  medial,
                                   double                  u_back,
                                   double                  u_front,
                                   Profile                *p);
void     measure_profile_clear    (Profile                *p);
void     measure_shape            (PlantarFoot            *foot,
                                   const PlantarFootprint *fp,
                                   const Profile          *profile,
                                   RegionFrame            *rf);
void     measure_regions          (PlantarFoot            *foot,
                                   const PlantarFootprint *fp,
                                   GArray                 *cells,
                                   const RegionFrame      *rf,
                                   double                  threshold);
void     measure_walking          (PlantarFoot            *foot,
                                   const PlantarFootprint *fp,
                                   const Frame            *f,
                                   double                  medial,
                                   double                  u_back,
                                   const Profile          *profile);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-insole"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-insole-private.h"

/*
 * The surface and the solid.
 *
 * The top surface's height is the base (tapering to the toe thickness
 * ahead of the metatarsal heads) plus the supports, blended where they
 * meet by a 4-norm (exactly the one support where only one is there, a
 * smooth ridge where two meet), plus the rearfoot post's tilt. Along the
 * medial border the heel cup fades as the arch rises, and the two add up
 * to a wall without a dip:
 *
 * - heel cup: rises to its depth at the outline, over the wall's run,
 *   behind the heel centre and fading over the cup's length ahead of it;
 *   the heel centre itself is on the cup's floor;
 * - medial arch: from the heel centre up to its peak over the middle third
 *   of the toe-less print (where the arch index's midfoot lies), down to
 *   nothing just behind the metatarsal heads; full height from the medial
 *   edge to the inset, then falling over the arch's width;
 * - lateral arch: the same span along the lateral edge, lower;
 * - metatarsal pad: a dome just behind the 2nd-4th metatarsal heads;
 * - post: a wedge across the rearfoot, thicker medially for a medial post.
 *
 * The solid: the top surface over rings from the outline's centroid to
 * the outline (denser toward the edge, where the cup rises), a flat bottom
 * at z = 0, and a vertical side wall.
 */

#define N_RINGS 44

static double
smoothstep (double s)
{
  if (s <= 0)
    return 0;
  if (s >= 1)
    return 1;
  return s * s * (3 - 2 * s);
}

/* 1 up to @a, 0 from @b */
static double
fade (double y,
      double a,
      double b)
{
  return 1 - smoothstep ((y - a) / (b - a));
}

static double
bump (double y,
      double a,
      double peak,
      double b)
{
  if (y <= a || y >= b)
    return 0;
  if (y < peak)
    return smoothstep ((y - a) / (peak - a));
  return 1 - smoothstep ((y - peak) / (b - peak));
}

static double
across (double d,
        double inset,
        double width)
{
  if (d <= inset)
    return 1;
  return 1 - smoothstep ((d - inset) / width);
}

static double
norm4 (double a,
       double b,
       double c,
       double d)
{
  double s = a * a * a * a + b * b * b * b + c * c * c * c + d * d * d * d;
  return s > 0 ? sqrt (sqrt (s)) : 0;
}

double
insole_height (const PlantarInsole *insole,
               double               x,
               double               y,
               double               d_edge,
               double               d_medial,
               double               d_lateral)
{
  const PlantarInsoleParams *p = &insole->params;
  const InsolePriv *pr = insole->priv;
  double hy = pr->foot.heel_y, base = p->base_mm, cup, arch, lateral, pad = 0, post = 0, medial_run;

  if (p->length == PLANTAR_INSOLE_FULL)
    base = p->toe_mm + (p->base_mm - p->toe_mm) * fade (y, pr->foot.mth_y, pr->foot.mth_y + p->toe_taper_mm);

  /* on the medial side the cup's wall runs on into the arch's, the one
   * fading as the other rises, so the medial border has no dip */
  medial_run = smoothstep ((pr->medial * x + 10) / 20) * MAX (0, pr->arch_peak - hy - p->heel_cup_length_mm);
  cup = p->heel_cup_depth_mm * smoothstep (1 - d_edge / pr->cup_wall) *
        fade (y, hy, hy + p->heel_cup_length_mm + medial_run);
  arch = (p->arch_height_mm - p->base_mm) * across (d_medial, p->arch_inset_mm, p->arch_width_mm) *
         bump (y, pr->arch_start, pr->arch_peak, pr->arch_end);
  lateral = p->lateral_arch_mm * across (d_lateral, MIN (2, p->arch_inset_mm), p->lateral_arch_width_mm) *
            bump (y, pr->arch_start, pr->arch_peak, pr->arch_end);
  if (p->metatarsal_pad_mm > 0)
    {
      double u = (x - pr->pad_x) / (p->metatarsal_pad_width_mm / 2);
      double v = (y - pr->pad_y) / (p->metatarsal_pad_length_mm / 2);
      double r2 = u * u + v * v;
      if (r2 < 1)
        pad = p->metatarsal_pad_mm * (1 - r2) * (1 - r2);
    }
  if (p->post_deg != 0)
    {
      /* measured across from the edge the wedge starts at */
      double from = (p->post_deg > 0) == (pr->medial > 0) ? pr->heel_xmin : pr->heel_xmax;
      double run = fabs (x - from);
      post = tan (fabs (p->post_deg) * G_PI / 180) * run * fade (y, hy, hy + p->heel_cup_length_mm);
    }
  return base + norm4 (cup + arch, lateral, pad, 0) + post;
}

gboolean
insole_row_extent (const PlantarInsole *insole,
                   double               y,
                   double              *xmin,
                   double              *xmax)
{
  const InsolePriv *pr = insole->priv;
  double r = y / ROW_MM - 0.5, t;
  int i;

  if (r < 0)
    r = 0;
  if (r > pr->n_rows - 1)
    r = pr->n_rows - 1;
  i = MIN ((int) floor (r), (int) pr->n_rows - 2);
  t = r - i;
  if (pr->row_xmin[i] > pr->row_xmax[i] || pr->row_xmin[i + 1] > pr->row_xmax[i + 1])
    {
      /* an end row: no interpolation */
      int k = pr->row_xmin[i] <= pr->row_xmax[i] ? i : i + 1;
      *xmin = pr->row_xmin[k];
      *xmax = pr->row_xmax[k];
      return *xmin <= *xmax;
    }
  *xmin = pr->row_xmin[i] * (1 - t) + pr->row_xmin[i + 1] * t;
  *xmax = pr->row_xmax[i] * (1 - t) + pr->row_xmax[i + 1] * t;
  return TRUE;
}

double
insole_edge_distance (const PlantarInsole *insole,
                      double               x,
                      double               y,
                      double               cap)
{
  GArray *o = insole->outline;
  double best = cap * cap;

  for (guint i = 0; i < o->len; i++)
    {
      const PlantarPoint *a = &g_array_index (o, PlantarPoint, i);
      const PlantarPoint *b = &g_array_index (o, PlantarPoint, (i + 1) % o->len);
      double ex = b->x - a->x, ey = b->y - a->y, l2 = ex * ex + ey * ey, t, dx, dy;
      if (fabs (a->y - y) > cap + 2 && fabs (b->y - y) > cap + 2)
        continue;
      t = l2 > 0 ? ((x - a->x) * ex + (y - a->y) * ey) / l2 : 0;
      t = CLAMP (t, 0, 1);
      dx = a->x + t * ex - x;
      dy = a->y + t * ey - y;
      best = MIN (best, dx * dx + dy * dy);
    }
  return sqrt (best);
}

/* The outline's extent across, row by row */
static void
fill_rows (PlantarInsole *insole)
{
  InsolePriv *pr = insole->priv;
  GArray *o = insole->outline;

  pr->n_rows = (guint) ceil (insole->length_mm / ROW_MM) + 1;
  pr->row_xmin = g_new (float, pr->n_rows);
  pr->row_xmax = g_new (float, pr->n_rows);
  for (guint r = 0; r < pr->n_rows; r++)
    {
      pr->row_xmin[r] = G_MAXFLOAT;
      pr->row_xmax[r] = -G_MAXFLOAT;
    }
  for (guint i = 0; i < o->len; i++)
    {
      const PlantarPoint *a = &g_array_index (o, PlantarPoint, i);
      const PlantarPoint *b = &g_array_index (o, PlantarPoint, (i + 1) % o->len);
      double lo = MIN (a->y, b->y), hi = MAX (a->y, b->y);
      for (int r = MAX (0, (int) ceil (lo / ROW_MM - 0.5)); r < (int) pr->n_rows && (r + 0.5) * ROW_MM <= hi; r++)
        {
          double y = (r + 0.5) * ROW_MM, x = hi > lo ? a->x + (b->x - a->x) * (y - a->y) / (b->y - a->y) : a->x;
          pr->row_xmin[r] = MIN (pr->row_xmin[r], x);
          pr->row_xmax[r] = MAX (pr->row_xmax[r], x);
        }
    }
}

/* The rear's distances to the outline, once per outline: each row of the
 * grid looks only at the edges that can be within the cap of it. */
static void
fill_distances (PlantarInsole *insole)
{
  InsolePriv *pr = insole->priv;
  GArray *o = insole->outline;
  double xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE;
  double rear = MIN (insole->length_mm, pr->foot.heel_y + 120 + EDGE_CAP_MM);
  g_autofree guint *near = g_new (guint, o->len);

  for (guint i = 0; i < o->len; i++)
    {
      xmin = MIN (xmin, g_array_index (o, PlantarPoint, i).x);
      xmax = MAX (xmax, g_array_index (o, PlantarPoint, i).x);
    }
  pr->dist_x0 = xmin - DIST_MM;
  pr->dist_w = (guint) ceil ((xmax - xmin) / DIST_MM) + 3;
  pr->dist_h = (guint) ceil (rear / DIST_MM) + 2;
  pr->dist = g_new (float, (gsize) pr->dist_w * pr->dist_h);
  for (guint r = 0; r < pr->dist_h; r++)
    {
      double y = r * DIST_MM;
      guint n_near = 0;
      for (guint i = 0; i < o->len; i++)
        {
          double ya = g_array_index (o, PlantarPoint, i).y, yb = g_array_index (o, PlantarPoint, (i + 1) % o->len).y;
          if (MIN (ya, yb) <= y + EDGE_CAP_MM && MAX (ya, yb) >= y - EDGE_CAP_MM)
            near[n_near++] = i;
        }
      for (guint c = 0; c < pr->dist_w; c++)
        {
          double x = pr->dist_x0 + c * DIST_MM, best = EDGE_CAP_MM * EDGE_CAP_MM;
          for (guint k = 0; k < n_near; k++)
            {
              const PlantarPoint *a = &g_array_index (o, PlantarPoint, near[k]);
              const PlantarPoint *b = &g_array_index (o, PlantarPoint, (near[k] + 1) % o->len);
              double ex = b->x - a->x, ey = b->y - a->y, l2 = ex * ex + ey * ey, t, dx, dy;
              t = l2 > 0 ? CLAMP (((x - a->x) * ex + (y - a->y) * ey) / l2, 0, 1) : 0;
              dx = a->x + t * ex - x;
              dy = a->y + t * ey - y;
              best = MIN (best, dx * dx + dy * dy);
            }
          pr->dist[(gsize) r * pr->dist_w + c] = sqrt (best);
        }
    }
}

/* The distance to the outline at (x, y), from the grid: the cap beyond it */
static double
edge_distance_lookup (const PlantarInsole *insole,
                      double               x,
                      double               y)
{
  const InsolePriv *pr = insole->priv;
  double fx = (x - pr->dist_x0) / DIST_MM, fy = y / DIST_MM, tx, ty;
  int cx, cy;
  const float *d;

  if (fx < 0 || fy < 0 || fx >= pr->dist_w - 1 || fy >= pr->dist_h - 1)
    return EDGE_CAP_MM;
  cx = (int) fx;
  cy = (int) fy;
  tx = fx - cx;
  ty = fy - cy;
  d = &pr->dist[(gsize) cy * pr->dist_w + cx];
  return (d[0] * (1 - tx) + d[1] * tx) * (1 - ty) + (d[pr->dist_w] * (1 - tx) + d[pr->dist_w + 1] * tx) * ty;
}

static void
point_distances (const PlantarInsole *insole,
                 double               x,
                 double               y,
                 double              *d_edge,
                 double              *d_medial,
                 double              *d_lateral)
{
  const InsolePriv *pr = insole->priv;
  double xmin, xmax;

  if (!insole_row_extent (insole, y, &xmin, &xmax))
    xmin = xmax = x;
  *d_medial = MAX (0, pr->medial > 0 ? xmax - x : x - xmin);
  *d_lateral = MAX (0, pr->medial > 0 ? x - xmin : xmax - x);
  *d_edge = edge_distance_lookup (insole, x, y);
}

/* The mesh's vertices: the centroid, then N_RINGS rings out to the
 * outline, then the bottom's centre and outline. */
static void
build_vertices (PlantarInsole *insole)
{
  InsolePriv *pr = insole->priv;
  GArray *o = insole->outline;
  guint n = o->len, top;
  double cx = 0, cy = 0, area = 0;
  PlantarVertex v;

  /* the polygon's centroid */
  for (guint i = 0; i < n; i++)
    {
      const PlantarPoint *a = &g_array_index (o, PlantarPoint, i);
      const PlantarPoint *b = &g_array_index (o, PlantarPoint, (i + 1) % n);
      double c = a->x * b->y - b->x * a->y;
      area += c;
      cx += (a->x + b->x) * c;
      cy += (a->y + b->y) * c;
    }
  cx /= 3 * area;
  cy /= 3 * area;

  pr->n_rings = N_RINGS;
  pr->n_around = n;
  top = 1 + N_RINGS * n;
  insole->mesh.vertices = g_array_sized_new (FALSE, FALSE, sizeof (PlantarVertex), top + 1 + n);
  pr->d_edge = g_new (float, top);
  pr->d_medial = g_new (float, top);
  pr->d_lateral = g_new (float, top);

  v.x = cx;
  v.y = cy;
  v.z = 0;
  g_array_append_val (insole->mesh.vertices, v);
  for (guint k = 1; k <= N_RINGS; k++)
    {
      /* denser toward the edge: dt/ds from 1.5 at the centre to 0.5 at the outline */
      double s = (double) k / N_RINGS, t = 1.5 * s - 0.5 * s * s;
      for (guint i = 0; i < n; i++)
        {
          const PlantarPoint *q = &g_array_index (o, PlantarPoint, i);
          v.x = k == N_RINGS ? q->x : cx + t * (q->x - cx);
          v.y = k == N_RINGS ? q->y : cy + t * (q->y - cy);
          g_array_append_val (insole->mesh.vertices, v);
        }
    }
  for (guint i = 0; i < top; i++)
    {
      const PlantarVertex *p = &g_array_index (insole->mesh.vertices, PlantarVertex, i);
      double de, dm, dl;
      point_distances (insole, p->x, p->y, &de, &dm, &dl);
      if (i >= top - n)
        de = 0;   /* on the outline */
      pr->d_edge[i] = de;
      pr->d_medial[i] = dm;
      pr->d_lateral[i] = dl;
    }
  v.x = cx;
  v.y = cy;
  v.z = 0;
  g_array_append_val (insole->mesh.vertices, v);
  for (guint i = 0; i < n; i++)
    {
      const PlantarPoint *q = &g_array_index (o, PlantarPoint, i);
      v.x = q->x;
      v.y = q->y;
      g_array_append_val (insole->mesh.vertices, v);
    }
}

static void
add_triangle (GArray  *triangles,
              guint32  a,
              guint32  b,
              guint32  c)
{
  PlantarTriangle t = { { a, b, c } };
  g_array_append_val (triangles, t);
}

static void
build_triangles (PlantarInsole *insole)
{
  InsolePriv *pr = insole->priv;
  guint n = pr->n_around, top = 1 + N_RINGS * n, bottom = top;
  GArray *t = g_array_sized_new (FALSE, FALSE, sizeof (PlantarTriangle), 2 * N_RINGS * n + 4 * n);

#define RING(k, i) (1 + ((k) - 1) * n + ((i) % n))
  for (guint i = 0; i < n; i++)
    add_triangle (t, 0, RING (1, i), RING (1, i + 1));
  for (guint k = 1; k < N_RINGS; k++)
    for (guint i = 0; i < n; i++)
      {
        add_triangle (t, RING (k, i), RING (k + 1, i), RING (k + 1, i + 1));
        add_triangle (t, RING (k, i), RING (k + 1, i + 1), RING (k, i + 1));
      }
  /* the bottom, seen from below */
  for (guint i = 0; i < n; i++)
    add_triangle (t, bottom, bottom + 1 + (i + 1) % n, bottom + 1 + i);
  /* the side */
  for (guint i = 0; i < n; i++)
    {
      guint32 b0 = bottom + 1 + i, b1 = bottom + 1 + (i + 1) % n;
      add_triangle (t, b0, b1, RING (N_RINGS, i + 1));
      add_triangle (t, b0, RING (N_RINGS, i + 1), RING (N_RINGS, i));
    }
#undef RING
  insole->mesh.triangles = t;
}

/* Where the supports go, from the landmarks and the parameters */
static gboolean
place_supports (PlantarInsole *insole,
                GError       **error)
{
  const PlantarInsoleParams *p = &insole->params;
  InsolePriv *pr = insole->priv;
  InsoleFoot *lm = &pr->foot;
  double d_heel = insole_edge_distance (insole, 0, lm->heel_y, 200), xmin, xmax, dm, dl, de;

  pr->cup_wall = p->heel_cup_wall_mm;
  if (pr->cup_wall > 0.9 * d_heel)
    {
      pr->cup_wall = 0.9 * d_heel;
      g_ptr_array_add (insole->notes,
                       g_strdup_printf (_("The heel cup's wall runs %.0f mm, not %.0f mm: the heel centre is only "
                                          "%.0f mm from the edge and stays on the cup's floor."),
                                        pr->cup_wall, p->heel_cup_wall_mm, d_heel));
    }
  if (p->heel_cup_depth_mm > insole->length_mm / 4 || p->heel_cup_depth_mm > d_heel)
    {
      g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
                   _("heel_cup_depth_mm is %g mm: deeper than this insole can hold (%.0f mm long, the heel centre "
                     "%.0f mm from its edge)"), p->heel_cup_depth_mm, insole->length_mm, d_heel);
      return FALSE;
    }

  pr->arch_start = lm->heel_y;
  pr->arch_peak = lm->back_y + 0.5 * lm->toeless_mm;
  pr->arch_end = lm->mth_y - p->arch_end_behind_mth_mm;
  if (!(pr->arch_start + 10 < pr->arch_peak && pr->arch_peak + 10 < pr->arch_end))
    {
      g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
                   _("arch_end_behind_mth_mm is %g mm: the arch support would end before its peak"),
                   p->arch_end_behind_mth_mm);
      return FALSE;
    }
  insole_row_extent (insole, pr->arch_peak, &xmin, &xmax);
  insole->arch_peak.x = pr->medial > 0 ? xmax - p->arch_inset_mm / 2 : xmin + p->arch_inset_mm / 2;
  insole->arch_peak.y = pr->arch_peak;
  insole_row_extent (insole, lm->heel_y, &pr->heel_xmin, &pr->heel_xmax);

  /* the pad: behind the heads, between the 2nd and the 4th (the middle of
   * their sectors, 0.555 of the way from the medial border) */
  pr->pad_y = lm->mth_y - p->metatarsal_pad_behind_mm - p->metatarsal_pad_length_mm / 2;
  pr->pad_x = pr->medial > 0 ? lm->mth_xmax - 0.555 * (lm->mth_xmax - lm->mth_xmin)
                             : lm->mth_xmin + 0.555 * (lm->mth_xmax - lm->mth_xmin);
  insole->metatarsal_pad.x = pr->pad_x;
  insole->metatarsal_pad.y = pr->pad_y;

  point_distances (insole, insole->arch_peak.x, insole->arch_peak.y, &de, &dm, &dl);
  insole->arch_height_mm = insole_height (insole, insole->arch_peak.x, insole->arch_peak.y, de, dm, dl);
  return TRUE;
}

static void
lift_surface (PlantarInsole *insole)
{
  InsolePriv *pr = insole->priv;
  guint top = 1 + pr->n_rings * pr->n_around;
  PlantarVertex *v = (PlantarVertex *) insole->mesh.vertices->data;
  double zmax = 0, de, dm, dl, back_y = G_MAXDOUBLE, floor_z;

  for (guint i = 0; i < top; i++)
    {
      v[i].z = insole_height (insole, v[i].x, v[i].y, pr->d_edge[i], pr->d_medial[i], pr->d_lateral[i]);
      zmax = MAX (zmax, v[i].z);
    }
  insole->max_thickness_mm = zmax;

  /* the cup's depth: its rim straight behind the heel centre over its floor */
  for (guint i = 0; i < insole->outline->len; i++)
    {
      const PlantarPoint *a = &g_array_index (insole->outline, PlantarPoint, i);
      const PlantarPoint *b = &g_array_index (insole->outline, PlantarPoint, (i + 1) % insole->outline->len);
      if ((a->x <= 0) != (b->x <= 0))
        {
          double y = a->y + (b->y - a->y) * (0 - a->x) / (b->x - a->x);
          if (y < back_y)
            back_y = y;
        }
    }
  point_distances (insole, 0, pr->foot.heel_y, &de, &dm, &dl);
  floor_z = insole_height (insole, 0, pr->foot.heel_y, de, dm, dl);
  point_distances (insole, 0, back_y, &de, &dm, &dl);
  insole->heel_cup_depth_mm = insole_height (insole, 0, back_y, 0, dm, dl) - floor_z;
}

static void
priv_free (InsolePriv *pr)
{
  if (pr == NULL)
    return;
  g_free (pr->row_xmin);
  g_free (pr->row_xmax);
  g_free (pr->d_edge);
  g_free (pr->d_medial);
  g_free (pr->d_lateral);
  g_free (pr->dist);
  g_free (pr);
}

void
plantar_mesh_clear (PlantarMesh *mesh)
{
  g_clear_pointer (&mesh->vertices, g_array_unref);
  g_clear_pointer (&mesh->triangles, g_array_unref);
}

void
plantar_insole_free (PlantarInsole *insole)
{
  if (insole == NULL)
    return;
  g_clear_pointer (&insole->outline, g_array_unref);
  g_clear_pointer (&insole->footprint, cairo_surface_destroy);
  g_clear_pointer (&insole->notes, g_ptr_array_unref);
  plantar_mesh_clear (&insole->mesh);
  priv_free (insole->priv);
  g_free (insole);
}

/**
 * plantar_insole_design:
 *
 * Returns: (transfer full) (nullable): the insole for @foot, or %NULL with
 *   an error naming what is missing from the foot or the parameter out of
 *   its range
 */
PlantarInsole *
plantar_insole_design (const PlantarFoot          *foot,
                       const PlantarInsoleParams  *params,
                       GError                    **error)
{
  g_autoptr(PlantarInsole) insole = NULL;
  InsolePriv *pr;

  if (!plantar_insole_params_validate (params, error))
    return NULL;
  insole = g_new0 (PlantarInsole, 1);
  insole->side = foot->side;
  insole->params = *params;
  insole->notes = g_ptr_array_new_with_free_func (g_free);
  insole->priv = pr = g_new0 (InsolePriv, 1);
  pr->medial = foot->side == PLANTAR_SIDE_RIGHT ? -1 : 1;
  if (foot->side != PLANTAR_SIDE_LEFT && foot->side != PLANTAR_SIDE_RIGHT)
    g_ptr_array_add (insole->notes, g_strdup (_("The foot's side is not known: designed as a left insole.")));

  if (!insole_outline_from_foot (insole, foot, &pr->frame, &pr->foot, error))
    return NULL;
  fill_rows (insole);
  fill_distances (insole);
  if (!place_supports (insole, error))
    return NULL;
  build_vertices (insole);
  build_triangles (insole);
  lift_surface (insole);
  return g_steal_pointer (&insole);
}

PlantarInsole *
plantar_insole_design_for (PlantarFitting      *fitting,
                           PlantarSide          side,
                           PlantarRules        *rules,
                           const PlantarAdvice *advice,
                           JsonObject          *overrides,
                           GError             **error)
{
  PlantarFoot *foot = plantar_fitting_get_shown (fitting, side);
  PlantarInsoleParams params;

  if (foot == NULL)
    {
      g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_NO_HEEL,
                   side == PLANTAR_SIDE_LEFT ? _("No left foot was found to design an insole for")
                                             : _("No right foot was found to design an insole for"));
      return NULL;
    }
  if (!plantar_insole_params_for_foot (&params, rules, advice ? plantar_advice_get_foot (advice, side) : NULL,
                                       overrides, error))
    return NULL;
  return plantar_insole_design (foot, &params, error);
}

static gboolean
same_outline (const PlantarInsoleParams *a,
              const PlantarInsoleParams *b)
{
  return a->length == b->length && a->length_mm == b->length_mm && a->margin_mm == b->margin_mm &&
         a->toe_allowance_mm == b->toe_allowance_mm && a->smoothing_mm == b->smoothing_mm &&
         a->three_quarter_behind_mth_mm == b->three_quarter_behind_mth_mm;
}

gboolean
plantar_insole_redesign (PlantarInsole             *insole,
                         const PlantarInsoleParams *params,
                         GError                   **error)
{
  PlantarInsoleParams old = insole->params;

  if (!same_outline (&old, params) || !plantar_insole_params_validate (params, error))
    return FALSE;
  insole->params = *params;
  g_ptr_array_set_size (insole->notes, 0);
  if (!place_supports (insole, error))
    {
      insole->params = old;
      place_supports (insole, NULL);
      return FALSE;
    }
  lift_surface (insole);
  return TRUE;
}

double
plantar_insole_height_at (const PlantarInsole *insole,
                          double               x,
                          double               y)
{
  double xmin, xmax, de, dm, dl;

  if (y < 0 || y > insole->length_mm || !insole_row_extent (insole, y, &xmin, &xmax) || x < xmin || x > xmax)
    return NAN;
  point_distances (insole, x, y, &de, &dm, &dl);
  return insole_height (insole, x, y, de, dm, dl);
}

int
plantar_insole_medial_sign (const PlantarInsole *insole)
{
  return ((const InsolePriv *) insole->priv)->medial;
}

void
plantar_insole_build_json (const PlantarInsole *insole,
                           JsonBuilder         *builder)
{
  json_builder_set_member_name (builder, "side");
  json_builder_add_string_value (builder, plantar_side_to_string (insole->side));
  json_builder_set_member_name (builder, "length_mm");
  json_builder_add_double_value (builder, round (insole->length_mm * 10) / 10);
  json_builder_set_member_name (builder, "width_mm");
  json_builder_add_double_value (builder, round (insole->width_mm * 10) / 10);
  json_builder_set_member_name (builder, "heel_cup_depth_mm");
  json_builder_add_double_value (builder, round (insole->heel_cup_depth_mm * 10) / 10);
  json_builder_set_member_name (builder, "arch_height_mm");
  json_builder_add_double_value (builder, round (insole->arch_height_mm * 10) / 10);
  json_builder_set_member_name (builder, "max_thickness_mm");
  json_builder_add_double_value (builder, round (insole->max_thickness_mm * 10) / 10);
  json_builder_set_member_name (builder, "triangles");
  json_builder_add_int_value (builder, insole->mesh.triangles->len);
  json_builder_set_member_name (builder, "parameters");
  plantar_insole_params_build_json (&insole->params, builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < insole->notes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (insole->notes, i));
  json_builder_end_array (builder);
}

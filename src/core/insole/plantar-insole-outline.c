/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-insole"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-insole-private.h"

/*
 * The outline, from the footprint:
 *
 * - The foot's contact, turned into the insole's frame: the heel centre
 *   at x = 0, the foot axis along +y.
 * - Its convex hull: the medial arch filled to the line from the heel to
 *   the ball (the foot's border there, which the print does not show), the
 *   toes joined. For a full insole the toes' part is repeated a toe
 *   allowance ahead (or as far as a length asked for); a three-quarter
 *   insole is cut just behind the metatarsal heads.
 * - Grown by the margin with round corners, sampled every 2 mm and
 *   smoothed along its length.
 */

#define SAMPLE_MM 2.0
#define BIN_MM    1.0

void
insole_frame_to_insole (const InsoleFrame *f,
                        double             sx,
                        double             sy,
                        double            *x,
                        double            *y)
{
  double dx = sx - f->ox, dy = sy - f->oy;
  *x = dx * f->rx + dy * f->ry;
  *y = dx * f->ux + dy * f->uy + f->shift_y;
}

static void
frame_to_scan (const InsoleFrame *f,
               double             x,
               double             y,
               double            *sx,
               double            *sy)
{
  y -= f->shift_y;
  *sx = f->ox + x * f->rx + y * f->ux;
  *sy = f->oy + x * f->ry + y * f->uy;
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const PlantarPoint *p = a, *q = b;
  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  return (p->y > q->y) - (p->y < q->y);
}

static double
cross (const PlantarPoint *o,
       const PlantarPoint *a,
       const PlantarPoint *b)
{
  return (a->x - o->x) * (b->y - o->y) - (a->y - o->y) * (b->x - o->x);
}

/* Andrew's monotone chain: the hull, counter-clockwise */
static GArray *
convex_hull (GArray *points)
{
  guint n = points->len, k = 0;
  GArray *hull;
  PlantarPoint *p, *h;

  g_array_sort (points, compare_points);
  hull = g_array_sized_new (FALSE, FALSE, sizeof (PlantarPoint), 2 * n + 1);
  g_array_set_size (hull, 2 * n + 1);
  p = (PlantarPoint *) points->data;
  h = (PlantarPoint *) hull->data;
  for (guint i = 0; i < n; i++)
    {
      while (k >= 2 && cross (&h[k - 2], &h[k - 1], &p[i]) <= 0)
        k--;
      h[k++] = p[i];
    }
  for (int i = (int) n - 2, t = k + 1; i >= 0; i--)
    {
      while ((int) k >= t && cross (&h[k - 2], &h[k - 1], &p[i]) <= 0)
        k--;
      h[k++] = p[i];
    }
  g_array_set_size (hull, k > 1 ? k - 1 : k);
  return hull;
}

/* The part of a convex polygon with y ≤ @y_cut */
static GArray *
clip_below (GArray *poly,
            double  y_cut)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (PlantarPoint));

  for (guint i = 0; i < poly->len; i++)
    {
      PlantarPoint a = g_array_index (poly, PlantarPoint, i);
      PlantarPoint b = g_array_index (poly, PlantarPoint, (i + 1) % poly->len);
      gboolean ain = a.y <= y_cut, bin = b.y <= y_cut;
      if (ain)
        g_array_append_val (out, a);
      if (ain != bin)
        {
          PlantarPoint c = { a.x + (b.x - a.x) * (y_cut - a.y) / (b.y - a.y), y_cut };
          g_array_append_val (out, c);
        }
    }
  return out;
}

static void
append_point (GArray *a,
              double  x,
              double  y)
{
  PlantarPoint p = { x, y };
  g_array_append_val (a, p);
}

/* Grown by @r with round corners: each edge moved out along its normal,
 * the corners joined by arcs. */
static GArray *
offset_convex (GArray *poly,
               double  r)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (PlantarPoint));
  guint n = poly->len;

  for (guint i = 0; i < n; i++)
    {
      const PlantarPoint *prev = &g_array_index (poly, PlantarPoint, (i + n - 1) % n);
      const PlantarPoint *p = &g_array_index (poly, PlantarPoint, i);
      const PlantarPoint *next = &g_array_index (poly, PlantarPoint, (i + 1) % n);
      double a0 = atan2 (p->y - prev->y, p->x - prev->x) - G_PI / 2;
      double a1 = atan2 (next->y - p->y, next->x - p->x) - G_PI / 2;
      int steps;

      while (a1 < a0)
        a1 += 2 * G_PI;
      steps = MAX (1, (int) ceil ((a1 - a0) / (G_PI / 18)));
      if (r <= 0)
        {
          append_point (out, p->x, p->y);
          continue;
        }
      for (int s = 0; s <= steps; s++)
        {
          double a = a0 + (a1 - a0) * s / steps;
          append_point (out, p->x + r * cos (a), p->y + r * sin (a));
        }
    }
  return out;
}

/* Evenly spaced along the closed curve, about @step apart */
static GArray *
resample (GArray *poly,
          double  step)
{
  guint n = poly->len, m;
  g_autofree double *acc = g_new (double, n + 1);
  GArray *out;
  double total;
  guint j = 0;

  acc[0] = 0;
  for (guint i = 0; i < n; i++)
    {
      const PlantarPoint *a = &g_array_index (poly, PlantarPoint, i);
      const PlantarPoint *b = &g_array_index (poly, PlantarPoint, (i + 1) % n);
      acc[i + 1] = acc[i] + hypot (b->x - a->x, b->y - a->y);
    }
  total = acc[n];
  m = MAX (16, (guint) ceil (total / step));
  out = g_array_sized_new (FALSE, FALSE, sizeof (PlantarPoint), m);
  for (guint k = 0; k < m; k++)
    {
      double s = total * k / m, t;
      const PlantarPoint *a, *b;
      while (j + 1 < n && acc[j + 1] < s)
        j++;
      a = &g_array_index (poly, PlantarPoint, j);
      b = &g_array_index (poly, PlantarPoint, (j + 1) % n);
      t = acc[j + 1] > acc[j] ? (s - acc[j]) / (acc[j + 1] - acc[j]) : 0;
      append_point (out, a->x + (b->x - a->x) * t, a->y + (b->y - a->y) * t);
    }
  return out;
}

/* A Gaussian along the closed curve, σ in samples */
static void
smooth_closed (GArray *poly,
               double  sigma)
{
  guint n = poly->len;
  int radius = (int) ceil (3 * sigma);
  g_autofree PlantarPoint *copy = NULL;
  g_autofree double *kernel = NULL;
  double sum = 0;

  if (sigma < 0.3 || n < 8)
    return;
  radius = MIN (radius, (int) n / 2 - 1);
  copy = g_memdup2 (poly->data, n * sizeof (PlantarPoint));
  kernel = g_new (double, 2 * radius + 1);
  for (int k = -radius; k <= radius; k++)
    sum += kernel[k + radius] = exp (-0.5 * k * k / (sigma * sigma));
  for (guint i = 0; i < n; i++)
    {
      double x = 0, y = 0;
      for (int k = -radius; k <= radius; k++)
        {
          const PlantarPoint *p = &copy[(i + n + k) % n];
          x += kernel[k + radius] * p->x;
          y += kernel[k + radius] * p->y;
        }
      g_array_index (poly, PlantarPoint, i).x = x / sum;
      g_array_index (poly, PlantarPoint, i).y = y / sum;
    }
}

/* ------------------------------------------------------------ the foot */

static gboolean
heel_is_cut_off (const PlantarFoot     *foot,
                 const PlantarFootGrid *grid,
                 const guint8          *contact,
                 const InsoleFrame     *f,
                 double                 y_rear)
{
  if (foot->complete)
    return FALSE;
  for (guint y = 0; y < grid->height; y++)
    for (guint x = 0; x < grid->width; x++)
      {
        double ix, iy;
        if (!contact[(gsize) y * grid->width + x] || (x > 0 && x + 1 < grid->width && y > 0 && y + 1 < grid->height))
          continue;
        insole_frame_to_insole (f, grid->x0 + (x + 0.5) * grid->cell_w, grid->y0 + (y + 0.5) * grid->cell_h, &ix, &iy);
        if (iy < y_rear)
          return TRUE;
      }
  return FALSE;
}

/* The contact's width along the foot, in 1 mm bins from @y0 */
typedef struct {
  double  y0;
  guint   n;
  double *xmin, *xmax;
} Bins;

static void
bins_clear (Bins *b)
{
  g_free (b->xmin);
  g_free (b->xmax);
}

/* The metatarsal heads' line: the widest contact in the front half of the
 * toe-less print (55-95 % of its length), as a three-bin mean. */
static gboolean
find_mth_line (const Bins *b,
               double      y_back,
               double      toeless,
               InsoleFoot *out)
{
  double best = -1;

  for (guint i = 1; i + 1 < b->n; i++)
    {
      double y = b->y0 + (i + 0.5) * BIN_MM, w = 0;
      int k = 0;
      if (y < y_back + 0.55 * toeless || y > y_back + 0.95 * toeless)
        continue;
      for (guint j = i - 1; j <= i + 1; j++)
        if (b->xmax[j] >= b->xmin[j])
          {
            w += b->xmax[j] - b->xmin[j];
            k++;
          }
      if (k == 3 && w / 3 > best)
        {
          best = w / 3;
          out->mth_y = y;
          out->mth_xmin = b->xmin[i];
          out->mth_xmax = b->xmax[i];
        }
    }
  return best > 0;
}

/* Contact cells into the insole's frame: the hull's points (each grid
 * row's outermost cells' corners), the bins, the extent. */
static GArray *
collect_contact (const PlantarFootGrid *grid,
                 const guint8          *contact,
                 const InsoleFrame     *f,
                 Bins                  *bins)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (PlantarPoint));
  double hw = grid->cell_w / 2, hh = grid->cell_h / 2;

  for (guint y = 0; y < grid->height; y++)
    {
      int first = -1, last = -1;
      for (guint x = 0; x < grid->width; x++)
        if (contact[(gsize) y * grid->width + x])
          {
            double cx = grid->x0 + (x + 0.5) * grid->cell_w, cy = grid->y0 + (y + 0.5) * grid->cell_h, ix, iy;
            int bin;
            if (first < 0)
              first = x;
            last = x;
            insole_frame_to_insole (f, cx, cy, &ix, &iy);
            bin = (int) floor ((iy - bins->y0) / BIN_MM);
            if (bin >= 0 && (guint) bin < bins->n)
              {
                bins->xmin[bin] = MIN (bins->xmin[bin], ix);
                bins->xmax[bin] = MAX (bins->xmax[bin], ix);
              }
          }
      for (int e = 0; first >= 0 && e < 2; e++)
        {
          double cx = grid->x0 + ((e ? last : first) + 0.5) * grid->cell_w, cy = grid->y0 + (y + 0.5) * grid->cell_h;
          for (int c = 0; c < 4; c++)
            {
              PlantarPoint p;
              insole_frame_to_insole (f, cx + (c & 1 ? hw : -hw), cy + (c & 2 ? hh : -hh), &p.x, &p.y);
              g_array_append_val (points, p);
            }
        }
    }
  return points;
}

/* The footprint as a mask in the insole's frame, for the drawings */
static void
footprint_mask (PlantarInsole         *insole,
                const PlantarFootGrid *grid,
                const guint8          *contact,
                const InsoleFrame     *f)
{
  double cell = 0.5, x0 = -insole->width_mm, y0 = -5;
  int w = (int) ceil (2 * insole->width_mm / cell), h = (int) ceil ((insole->length_mm + 10) / cell);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  unsigned char *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);

  cairo_surface_flush (s);
  for (int j = 0; j < h; j++)
    for (int i = 0; i < w; i++)
      {
        double sx, sy;
        int gx, gy;
        frame_to_scan (f, x0 + (i + 0.5) * cell, y0 + (j + 0.5) * cell, &sx, &sy);
        gx = (int) floor ((sx - grid->x0) / grid->cell_w);
        gy = (int) floor ((sy - grid->y0) / grid->cell_h);
        data[j * stride + i] = gx >= 0 && gy >= 0 && (guint) gx < grid->width && (guint) gy < grid->height &&
                               contact[(gsize) gy * grid->width + gx] ? 255 : 0;
      }
  cairo_surface_mark_dirty (s);
  insole->footprint = s;
  insole->footprint_x0 = x0;
  insole->footprint_y0 = y0;
  insole->footprint_cell = cell;
}

static gboolean
refuse (GError    **error,
        int         code,
        const char *message)
{
  g_set_error_literal (error, PLANTAR_INSOLE_ERROR, code, message);
  return FALSE;
}

/* The hull of the contact, lengthened or cut as the parameters say */
static GArray *
shaped_hull (GArray                    *points,
             const InsoleFoot          *lm,
             const PlantarInsoleParams *p,
             double                     correction,
             GError                   **error)
{
  g_autoptr(GArray) hull = convex_hull (points);
  double ymin = G_MAXDOUBLE, ymax = -G_MAXDOUBLE, ahead;
  guint n;

  for (guint i = 0; i < hull->len; i++)
    {
      ymin = MIN (ymin, g_array_index (hull, PlantarPoint, i).y);
      ymax = MAX (ymax, g_array_index (hull, PlantarPoint, i).y);
    }
  if (p->length == PLANTAR_INSOLE_THREE_QUARTER)
    {
      double cut = lm->mth_y - p->three_quarter_behind_mth_mm - p->margin_mm;
      if (cut < lm->heel_y + 40)
        {
          g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
                       _("three_quarter_behind_mth_mm is %g mm: the insole would end %.0f mm ahead of the heel "
                         "centre; expected at least 40 mm"), p->three_quarter_behind_mth_mm, cut + p->margin_mm - lm->heel_y);
          return NULL;
        }
      return clip_below (hull, cut);
    }

  ahead = p->toe_allowance_mm;
  if (p->length_mm > 0)
    {
      double natural = ymax - ymin + 2 * p->margin_mm;
      ahead = p->length_mm - natural + correction;
      if (ahead < 0)
        {
          g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
                       _("length_mm is %g mm: shorter than this foot with its margin (%.0f mm)"), p->length_mm, natural);
          return NULL;
        }
    }
  /* the toes' part of the hull, again as far ahead */
  n = hull->len;
  for (guint i = 0; i < n && ahead > 0; i++)
    {
      PlantarPoint q = g_array_index (hull, PlantarPoint, i);
      if (q.y > lm->mth_y)
        {
          q.y += ahead;
          g_array_append_val (hull, q);
        }
    }
  return convex_hull (hull);
}

/**
 * insole_outline_from_foot:
 *
 * The outline of @insole and the foot's landmarks in its frame.
 */
gboolean
insole_outline_from_foot (PlantarInsole     *insole,
                          const PlantarFoot *foot,
                          InsoleFrame       *f,
                          InsoleFoot        *lm,
                          GError           **error)
{
  const PlantarInsoleParams *p = &insole->params;
  PlantarFootGrid grid;
  g_autofree guint8 *contact = NULL;
  g_autoptr(GArray) points = NULL, shaped = NULL, grown = NULL;
  Bins bins = { 0 };
  double a = foot->axis_deg * G_PI / 180, ymin = G_MAXDOUBLE, ymax = -G_MAXDOUBLE, xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE;
  double extent;

  if (foot->footprint == NULL || !isfinite (foot->heel_centre.x) || !isfinite (foot->heel_centre.y) ||
      !isfinite (foot->axis_deg) || !isfinite (foot->toeless_length_mm))
    return refuse (error, PLANTAR_INSOLE_ERROR_NO_HEEL,
                   _("This foot has no heel centre or foot axis, so there is nowhere to put the heel cup: set the "
                     "heel centre by hand on the map, or scan the foot again with the whole heel on the scan."));

  memset (f, 0, sizeof *f);
  f->ox = foot->heel_centre.x;
  f->oy = foot->heel_centre.y;
  f->ux = sin (a);
  f->uy = -cos (a);
  f->rx = cos (a);
  f->ry = sin (a);

  plantar_foot_get_grid (foot, &grid);
  contact = g_new (guint8, (gsize) grid.width * grid.height);
  plantar_foot_get_contact (foot, contact);

  memset (lm, 0, sizeof *lm);
  insole_frame_to_insole (f, foot->heel_back.x, foot->heel_back.y, &lm->heel_x, &lm->back_y);
  lm->heel_x = lm->heel_y = 0;
  if (heel_is_cut_off (foot, &grid, contact, f, lm->back_y + 0.3 * foot->toeless_length_mm))
    return refuse (error, PLANTAR_INSOLE_ERROR_NO_HEEL,
                   _("The heel runs off the edge of the scan, so its shape and the heel cup's place are not known: "
                     "scan the foot again with the whole heel on the scan."));

  extent = hypot (grid.width * grid.cell_w, grid.height * grid.cell_h);
  bins.y0 = -extent;
  bins.n = (guint) ceil (2 * extent / BIN_MM);
  bins.xmin = g_new (double, bins.n);
  bins.xmax = g_new (double, bins.n);
  for (guint i = 0; i < bins.n; i++)
    {
      bins.xmin[i] = G_MAXDOUBLE;
      bins.xmax[i] = -G_MAXDOUBLE;
    }
  points = collect_contact (&grid, contact, f, &bins);
  lm->toeless_mm = foot->toeless_length_mm;
  if (points->len < 8 || !find_mth_line (&bins, lm->back_y, lm->toeless_mm, lm))
    {
      bins_clear (&bins);
      return refuse (error, PLANTAR_INSOLE_ERROR_NO_HEEL,
                     _("This foot's forefoot was not found, so the insole has no front: scan the whole foot."));
    }
  bins_clear (&bins);

  /* smoothing takes a little off the ends: a length asked for is met by
   * going again that much further */
  for (int pass = 0; pass < 2; pass++)
    {
      g_clear_pointer (&insole->outline, g_array_unref);
      g_clear_pointer (&shaped, g_array_unref);
      g_clear_pointer (&grown, g_array_unref);
      shaped = shaped_hull (points, lm, p, pass ? p->length_mm - (ymax - ymin) : 0, error);
      if (shaped == NULL)
        return FALSE;
      grown = offset_convex (shaped, p->margin_mm);
      insole->outline = resample (grown, SAMPLE_MM);
      smooth_closed (insole->outline, p->smoothing_mm / SAMPLE_MM);

      xmin = ymin = G_MAXDOUBLE;
      xmax = ymax = -G_MAXDOUBLE;
      for (guint i = 0; i < insole->outline->len; i++)
        {
          const PlantarPoint *q = &g_array_index (insole->outline, PlantarPoint, i);
          xmin = MIN (xmin, q->x);
          xmax = MAX (xmax, q->x);
          ymin = MIN (ymin, q->y);
          ymax = MAX (ymax, q->y);
        }
      if (p->length_mm <= 0 || p->length != PLANTAR_INSOLE_FULL)
        break;
    }
  /* the heel end at y = 0 */
  f->shift_y = -ymin;
  for (guint i = 0; i < insole->outline->len; i++)
    g_array_index (insole->outline, PlantarPoint, i).y -= ymin;
  lm->heel_y -= ymin;
  lm->back_y -= ymin;
  lm->mth_y -= ymin;
  insole->length_mm = ymax - ymin;
  insole->width_mm = xmax - xmin;
  insole->heel_centre.x = 0;
  insole->heel_centre.y = lm->heel_y;
  insole->mth_y = lm->mth_y;
  footprint_mask (insole, &grid, contact, f);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-measure"

#include "config.h"

#include <string.h>

#include "plantar-analysis-private.h"

/*
 * Measuring one foot, by the constructions of SCIENCE.md:
 *
 * - Heel centre: the centre of the circle fitted (least squares) to the
 *   outline of the back of the heel, the part of the outline within 40 % of
 *   the heel's width from its back. It lies where the heel cup's centre goes.
 * - Toes: beyond the toe line, the gap (or, on pressure, the lowest-pressure
 *   valley) between the ball and the toe pads, found strip by strip along
 *   the foot. The toe line shown is the straight line fitted through it.
 * - Tip of the second toe: the second toe from the medial side on the
 *   front outline of the toes.
 * - Foot axis: heel centre to the tip of the second toe (Cavanagh & Rodgers).
 * - Back of the heel and front of the ball: the furthest contact along the
 *   axis, behind and in front, of the toe-less print.
 * - Regions, as fractions of the toe-less length from the back of the heel:
 *   heel 0–27 %, midfoot 27–55 %, forefoot 55–100 %, then the toes; medial
 *   and lateral halves on either side of the axis.
 * - Widths are contact widths perpendicular to the axis: ball width the
 *   largest in the forefoot, heel width the largest in the heel, midfoot
 *   width the smallest in the midfoot.
 * - Side: the arch is medial (midfoot contact lies lateral of the axis) and
 *   the big toe is medial (the toes reach further and weigh more there).
 *
 * Landmarks and the axis are found together, three times over, each time
 * from the last axis.
 */

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

PlantarFootprint *
plantar_footprint_new (guint    width,
                       guint    height,
                       double   cell_w,
                       double   cell_h,
                       gboolean is_pressure)
{
  PlantarFootprint *fp = g_atomic_rc_box_new0 (PlantarFootprint);

  fp->width = width;
  fp->height = height;
  fp->cell_w = cell_w;
  fp->cell_h = cell_h;
  fp->is_pressure = is_pressure;
  fp->load = g_new0 (float, (gsize) width * height);
  fp->own = g_new0 (guint8, (gsize) width * height);
  return fp;
}

void
plantar_step_frames_free (PlantarStepFrames *frames)
{
  if (frames == NULL)
    return;
  g_array_unref (frames->starts);
  g_array_unref (frames->cells);
  g_array_unref (frames->values);
  g_free (frames);
}

static void
footprint_clear (gpointer data)
{
  PlantarFootprint *fp = data;

  g_free (fp->load);
  g_free (fp->own);
  plantar_step_frames_free (fp->frames);
  g_clear_pointer (&fp->notes, g_ptr_array_unref);
}

PlantarFootprint *
plantar_footprint_ref (PlantarFootprint *footprint)
{
  return g_atomic_rc_box_acquire (footprint);
}

void
plantar_footprint_unref (PlantarFootprint *footprint)
{
  g_atomic_rc_box_release_full (footprint, footprint_clear);
}

/* ------------------------------------------------------------ foot results */

PlantarFoot *
plantar_foot_new (void)
{
  PlantarFoot *foot = g_atomic_rc_box_new0 (PlantarFoot);
  double *nan_fields[] = {
    &foot->foot_length_mm, &foot->toeless_length_mm, &foot->ball_width_mm, &foot->heel_width_mm,
    &foot->midfoot_width_mm, &foot->contact_area_mm2, &foot->toeless_area_mm2, &foot->arch_index,
    &foot->modified_arch_index, &foot->chippaux_smirak, &foot->staheli, &foot->clarke_angle_deg,
    &foot->hernandez_corvo, &foot->heel_cop_offset_mm, &foot->heel_medial_load_pct, &foot->heel_peak_kpa,
    &foot->peak_kpa, &foot->medial_load_pct, &foot->cpei_pct, &foot->progression_angle_deg,
    &foot->axis_deg, &foot->start_ms, &foot->contact_ms,
  };

  for (guint i = 0; i < G_N_ELEMENTS (nan_fields); i++)
    *nan_fields[i] = NAN;
  for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
    foot->regions[r] = (PlantarRegionStats) { NAN, NAN, NAN, NAN, NAN, NAN };
  foot->warnings = g_ptr_array_new_with_free_func (g_free);
  foot->side_source = "shape";
  foot->complete = TRUE;
  return foot;
}

static void
foot_clear (gpointer data)
{
  PlantarFoot *foot = data;

  g_clear_pointer (&foot->warnings, g_ptr_array_unref);
  g_clear_pointer (&foot->cop_path, g_array_unref);
  g_clear_pointer (&foot->footprint, plantar_footprint_unref);
}

PlantarFoot *
plantar_foot_ref (PlantarFoot *foot)
{
  return g_atomic_rc_box_acquire (foot);
}

void
plantar_foot_unref (PlantarFoot *foot)
{
  g_atomic_rc_box_release_full (foot, foot_clear);
}

/* Remembers the direction of walking with the footprint (so that a
 * measurement again keeps it) and sets the foot progression angle, the
 * angle from it to the foot axis, toe-out positive. */
void
plantar_foot_set_walk_direction (PlantarFoot *foot,
                                 double       dir_x,
                                 double       dir_y)
{
  double ax = sin (foot->axis_deg * G_PI / 180), ay = -cos (foot->axis_deg * G_PI / 180);
  double theta;

  foot->footprint->walk_x = dir_x;
  foot->footprint->walk_y = dir_y;
  if (dir_x == 0 && dir_y == 0)
    return;
  theta = atan2 (dir_x * ay - dir_y * ax, dir_x * ax + dir_y * ay) * 180 / G_PI;
  foot->progression_angle_deg = foot->side == PLANTAR_SIDE_RIGHT ? theta : -theta;
}

void
plantar_foot_get_grid (const PlantarFoot *foot,
                       PlantarFootGrid   *grid)
{
  const PlantarFootprint *fp = foot->footprint;

  grid->width = fp->width;
  grid->height = fp->height;
  grid->cell_w = fp->cell_w;
  grid->cell_h = fp->cell_h;
  grid->x0 = fp->x0;
  grid->y0 = fp->y0;
  grid->is_pressure = fp->is_pressure;
}

gboolean
plantar_foot_get_load (const PlantarFoot *foot,
                       int                frame,
                       float             *out)
{
  const PlantarFootprint *fp = foot->footprint;
  gsize n = (gsize) fp->width * fp->height;
  const PlantarStepFrames *fr = fp->frames;
  gboolean any = FALSE;

  if (frame < 0 || fr == NULL)
    {
      for (gsize i = 0; i < n; i++)
        {
          out[i] = fp->own[i] ? fp->load[i] : 0;
          any |= out[i] > 0;
        }
      return any;
    }

  memset (out, 0, n * sizeof (float));
  if (frame < (int) foot->first_frame || frame - foot->first_frame >= fr->n_frames)
    return FALSE;
  frame -= foot->first_frame;
  for (guint k = g_array_index (fr->starts, guint, frame); k < g_array_index (fr->starts, guint, frame + 1); k++)
    {
      guint32 cell = g_array_index (fr->cells, guint32, k);
      if (fp->own[cell])
        {
          out[cell] = g_array_index (fr->values, float, k);
          any = TRUE;
        }
    }
  return any;
}

void
plantar_foot_add_warning (PlantarFoot *foot,
                          const char  *format,
                          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (foot->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

int
plantar_compare_doubles (gconstpointer a,
                         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* ------------------------------------------------------------ geometry helpers */

static void
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

static void
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

static PlantarPoint
to_scan (const Frame *f,
         double       u,
         double       w)
{
  PlantarPoint p = { f->cx + u * f->ax + w * f->lx, f->cy + u * f->ay + w * f->ly };
  return p;
}

/* Half the extent of a cell along the axis: contact reaches that far past a
 * cell's centre. */
static double
half_extent (const PlantarFootprint *fp,
             const Frame            *f)
{
  return 0.5 * (fabs (f->ax) * fp->cell_w + fabs (f->ay) * fp->cell_h);
}

/* Least-squares circle (Kåsa) through points; FALSE if degenerate. */
static gboolean
fit_circle (const double *xs,
            const double *ys,
            guint         n,
            double       *cx,
            double       *cy,
            double       *r)
{
  double mx = 0, my = 0;
  double suu = 0, suv = 0, svv = 0, suuu = 0, svvv = 0, suvv = 0, svuu = 0;
  double det, uc, vc;

  if (n < 5)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      mx += xs[i];
      my += ys[i];
    }
  mx /= n;
  my /= n;
  for (guint i = 0; i < n; i++)
    {
      double u = xs[i] - mx, v = ys[i] - my;
      suu += u * u;
      suv += u * v;
      svv += v * v;
      suuu += u * u * u;
      svvv += v * v * v;
      suvv += u * v * v;
      svuu += v * u * u;
    }
  det = suu * svv - suv * suv;
  if (fabs (det) < 1e-9)
    return FALSE;
  uc = (0.5 * (suuu + suvv) * svv - 0.5 * (svvv + svuu) * suv) / det;
  vc = (0.5 * (svvv + svuu) * suu - 0.5 * (suuu + suvv) * suv) / det;
  *cx = uc + mx;
  *cy = vc + my;
  *r = sqrt (uc * uc + vc * vc + (suu + svv) / n);
  return isfinite (*cx) && isfinite (*cy);
}

/* ------------------------------------------------------------ the cells */

static GArray *
collect_cells (const PlantarFootprint *fp,
               double                  threshold)
{
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  guint w = fp->width, h = fp->height;

#define IN(x, y) ((x) < w && (y) < h && fp->own[(gsize) (y) * w + (x)] && fp->load[(gsize) (y) * w + (x)] > threshold)
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        Cell c = { 0 };
        if (!IN (x, y))
          continue;
        c.x = fp->x0 + (x + 0.5) * fp->cell_w;
        c.y = fp->y0 + (y + 0.5) * fp->cell_h;
        c.load = fp->load[i];
        c.index = i;
        c.edge = x == 0 || y == 0 || !IN (x - 1, y) || !IN (x + 1, y) || !IN (x, y - 1) || !IN (x, y + 1);
        c.cov = 1;
        g_array_append_val (cells, c);
      }

  /* A plate cell on the outline is partly covered, and reads about that
   * part of what its inner neighbours read. */
  if (fp->is_pressure)
    {
      g_autofree guint8 *edge = g_new0 (guint8, (gsize) w * h);
      for (guint i = 0; i < cells->len; i++)
        {
          Cell *c = &g_array_index (cells, Cell, i);
          edge[c->index] = c->edge ? 2 : 1;
        }
      for (guint i = 0; i < cells->len; i++)
        {
          Cell *c = &g_array_index (cells, Cell, i);
          guint x = c->index % w, y = c->index / w;
          float inner = 0, any = 0, inner_sum = 0, nx = 0, ny = 0, nn;
          guint n_inner = 0;
          if (!c->edge)
            continue;
          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
              {
                int xx = (int) x + dx, yy = (int) y + dy;
                gsize j;
                if ((dx == 0 && dy == 0) || xx < 0 || yy < 0 || xx >= (int) w || yy >= (int) h)
                  continue;
                j = (gsize) yy * w + xx;
                if (edge[j] == 1)
                  {
                    inner_sum += fp->load[j];
                    n_inner++;
                  }
                if (edge[j])
                  {
                    any = MAX (any, fp->load[j]);
                    nx += dx * fp->cell_w;
                    ny += dy * fp->cell_h;
                  }
              }
          if (n_inner > 0)
            inner = inner_sum / n_inner;
          if (inner <= 0)
            inner = any;
          /* Soft tissue bears less towards the edge of the contact, so
           * a partly covered cell reads less than its covered share of
           * what the cells inside read. sqrt (1.5 r) recovers the share
           * when the pressure falls off as the square root of the depth
           * over the outer 8 mm (what the generator draws); a whole-cell
           * count would overstate a midfoot's width by half a cell each
           * side. */
          if (inner > 0)
            c->cov = CLAMP (sqrtf (1.5f * c->load / inner), 0.05f, 1.0f);
          nn = hypotf (nx, ny);
          if (nn > 0)
            {
              c->nx = nx / nn;
              c->ny = ny / nn;
            }
        }
    }
#undef IN
  return cells;
}

/* The main axis of the print and its direction, heel to toe: the forefoot
 * end is the wider one. */
static double
initial_axis (const PlantarFootprint *fp,
              GArray                 *cells,
              Frame                  *f)
{
  double mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0, theta;
  double tmin = G_MAXDOUBLE, tmax = -G_MAXDOUBLE;
  double rear = 0, front = 0;
  guint n = cells->len;
  g_autofree double *wmin = NULL, *wmax = NULL;
  const guint nb = 20;

  for (guint i = 0; i < n; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      mx += c->x;
      my += c->y;
    }
  mx /= n;
  my /= n;
  for (guint i = 0; i < n; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      sxx += (c->x - mx) * (c->x - mx);
      sxy += (c->x - mx) * (c->y - my);
      syy += (c->y - my) * (c->y - my);
    }
  theta = 0.5 * atan2 (2 * sxy, sxx - syy);
  frame_set (f, mx, my, cos (theta), sin (theta));
  project (f, cells);

  /* widths across the axis in 20 slices */
  wmin = g_new (double, nb);
  wmax = g_new (double, nb);
  for (guint b = 0; b < nb; b++)
    {
      wmin[b] = G_MAXDOUBLE;
      wmax[b] = -G_MAXDOUBLE;
    }
  for (guint i = 0; i < n; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      tmin = MIN (tmin, c->u);
      tmax = MAX (tmax, c->u);
    }
  for (guint i = 0; i < n; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      guint b = MIN (nb - 1, (guint) ((c->u - tmin) / (tmax - tmin + 1e-9) * nb));
      wmin[b] = MIN (wmin[b], c->w);
      wmax[b] = MAX (wmax[b], c->w);
    }
  for (guint b = 1; b < 6; b++)
    rear = MAX (rear, wmax[b] - wmin[b]);
  for (guint b = 11; b < 17; b++)
    front = MAX (front, wmax[b] - wmin[b]);

  if (rear > front)
    frame_set (f, mx, my, -f->ax, -f->ay);
  project (f, cells);
  (void) fp;
  /* how sure: the narrower end over the wider */
  return MIN (rear, front) / MAX (MAX (rear, front), 1e-9);
}

/* ------------------------------------------------------------ toes */

/* The footprint's load at a point, interpolated between cell centres;
 * nothing outside the foot's own cells. */
static double
sample_load (const PlantarFootprint *fp,
             double                  x,
             double                  y)
{
  double gx = (x - fp->x0) / fp->cell_w - 0.5, gy = (y - fp->y0) / fp->cell_h - 0.5;
  int x0 = (int) floor (gx), y0 = (int) floor (gy);
  double fx = gx - x0, fy = gy - y0, sum = 0;

  for (int dy = 0; dy <= 1; dy++)
    for (int dx = 0; dx <= 1; dx++)
      {
        int xx = x0 + dx, yy = y0 + dy;
        double wgt = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy);
        gsize i;
        if (xx < 0 || yy < 0 || xx >= (int) fp->width || yy >= (int) fp->height)
          continue;
        i = (gsize) yy * fp->width + xx;
        if (fp->own[i])
          sum += wgt * fp->load[i];
      }
  return sum;
}

/* On a plate the gap between the ball and the toe pads is blurred by the
 * cells into a valley of pressure: look for it along lines through the
 * forefoot, between the ball's peak and the toe's. */
static double
pressure_toe_cut (const PlantarFootprint *fp,
                  const Frame            *f,
                  double                  w,
                  double                  zone,
                  double                  umax)
{
  const double step = 1.0;
  guint n = (guint) ((umax - zone) / step) + 1;
  g_autofree double *prof = g_new (double, n);
  double top = 0;
  int tip = -1, valley = -1;

  for (guint k = 0; k < n; k++)
    {
      double u = zone + k * step;
      prof[k] = sample_load (fp, f->cx + u * f->ax + w * f->lx, f->cy + u * f->ay + w * f->ly);
      top = MAX (top, prof[k]);
      if (prof[k] > 0)
        tip = k;
    }
  if (tip < 3 || top <= 0)
    return NAN;

  /* Every valley of the profile is a candidate: the ball is the highest
   * point behind it, the toe the highest in front. The toe line is the
   * deepest valley relative to the lower of the two (a gap of no contact
   * is deepest of all, its middle taken); between equally deep ones the
   * hindmost, so that a bump within a toe is not taken for it. */
  {
    g_autofree double *ahead = g_new (double, n + 1);
    g_autofree double *behind = g_new (double, n);
    double best = G_MAXDOUBLE;

    ahead[n] = 0;
    for (int k = (int) n - 1; k >= 0; k--)
      ahead[k] = MAX (ahead[k + 1], prof[k]);
    behind[0] = 0;
    for (guint k = 1; k < n; k++)
      behind[k] = MAX (behind[k - 1], prof[k - 1]);
    for (int k = 1; k < tip; k++)
      {
        int end = k, mid;
        double before, after, depth;
        if (!(prof[k] < prof[k - 1]))
          continue;
        while (end + 1 < tip && prof[end + 1] == prof[k])
          end++;
        if (!(prof[end + 1] > prof[end]))
          continue;
        mid = (k + end) / 2;
        before = behind[k];
        after = ahead[end + 1];
        if (after < 0.05 * top || prof[k] > 0.85 * MIN (before, after))
          continue;
        depth = prof[k] / MIN (before, after);
        if (depth <= best + 0.1)
          {
            if (depth < best)
              best = depth;
            valley = mid;
          }
      }
  }
  if (valley > 0)
    return zone + valley * step;

  /* Coarse cells can fill the gap in altogether: lightly loaded toes then
   * show as a shoulder, a plateau in front of the ball's steep fall that
   * falls again at the tip. The line is half a cell behind the plateau's
   * start, where the cell that straddles the gap lies. */
  {
    double cell = MAX (fp->cell_w, fp->cell_h);
    int flat = (int) ceil (MAX (8.0, cell) / step);
    int peak = 0;
    double ball;

    for (int k = 1; k <= tip; k++)
      if (prof[k] > prof[peak])
        peak = k;
    ball = prof[peak];
    for (int k = peak + 1; k + flat <= tip; k++)
      {
        double level = prof[k];
        gboolean plateau = TRUE;
        int back = MAX (peak, k - (int) ceil (1.5 * cell / step));
        if (level < 0.05 * top || level > 0.35 * ball)
          continue;
        /* a steep fall just behind it... */
        if (prof[back] < 2.0 * level)
          continue;
        /* ...and level for a toe's length */
        for (int j = k + 1; j <= k + flat; j++)
          if (fabs (prof[j] - level) > 0.2 * level)
            {
              plateau = FALSE;
              break;
            }
        if (!plateau)
          continue;
        valley = MAX (peak + 1, k - (int) round (0.5 * cell / step));
        return zone + valley * step;
      }
  }
  return NAN;
}

/* On an image, one strip's toe line: the first gap after the ball, in
 * @cv, the strip's cover of @nu bins of @du mm from @zone. */
static double
image_strip_cut (const float *cv,
                 guint        nu,
                 double       zone,
                 double       du)
{
  int tip = -1, k, gap_start, gap_end;

  for (k = nu - 1; k >= 0; k--)
    if (cv[k] > 0)
      {
        tip = k;
        break;
      }
  if (tip < 0)
    return NAN;
  /* forwards from the ball: the first gap after it is the toe line (a
   * strip at the edge of two toes sees both; the gap between them is not
   * the one) */
  for (k = 0; k < tip && cv[k] == 0; k++)
    ;
  for (; k <= tip && cv[k] > 0; k++)
    ;
  gap_start = k - 1;
  for (; k <= tip && cv[k] == 0; k++)
    ;
  gap_end = k;
  if (gap_end <= tip && gap_start >= 0)
    return zone + (gap_start + gap_end + 1) * 0.5 * du;
  return NAN;
}

/* A strip's cut is kept only if a neighbour (two each side) agrees within
 * 15 mm, so that a ragged outline does not pass for a toe; strips are
 * judged in turn, a strip dropped vouching for none after it. */
static void
keep_agreed_cuts (double *cut,
                  guint   ns)
{
  for (guint s = 0; s < ns; s++)
    {
      gboolean agreed = FALSE;
      if (isnan (cut[s]))
        continue;
      for (guint t = s > 2 ? s - 2 : 0; t <= MIN (ns - 1, s + 2) && !agreed; t++)
        agreed = t != s && !isnan (cut[t]) && fabs (cut[t] - cut[s]) < 15;
      if (!agreed)
        cut[s] = NAN;
    }
}

/* The toe line, u = a + b w: a straight line fitted to the strips' cuts,
 * those far from their median left out (and dropped from @cut). The
 * number of strips it is fitted to. */
static guint
fit_toe_line (double *cut,
              guint   ns,
              double  wmin,
              double  sw,
              double *line_a,
              double *line_b,
              double *line_w0,
              double *line_w1)
{
  g_autofree double *sorted = g_new (double, ns);
  double sx = 0, sy = 0, sxx = 0, sxy = 0, median;
  guint n_valid = 0, n_cut = 0;

  for (guint s = 0; s < ns; s++)
    if (!isnan (cut[s]))
      sorted[n_valid++] = cut[s];
  if (n_valid == 0)
    return 0;
  qsort (sorted, n_valid, sizeof (double), plantar_compare_doubles);
  median = sorted[n_valid / 2];
  *line_w0 = G_MAXDOUBLE;
  *line_w1 = -G_MAXDOUBLE;
  for (guint s = 0; s < ns; s++)
    {
      double w = wmin + (s + 0.5) * sw;
      if (isnan (cut[s]))
        continue;
      if (fabs (cut[s] - median) > 20)
        {
          cut[s] = NAN;
          continue;
        }
      n_cut++;
      sx += w;
      sy += cut[s];
      sxx += w * w;
      sxy += w * cut[s];
      *line_w0 = MIN (*line_w0, w);
      *line_w1 = MAX (*line_w1, w);
    }
  if (n_cut >= 2 && n_cut * sxx - sx * sx > 1e-9)
    {
      /* the toes' line is never steeper than 35 degrees across the foot */
      *line_b = CLAMP ((n_cut * sxy - sx * sy) / (n_cut * sxx - sx * sx), -0.7, 0.7);
      *line_a = (sy - *line_b * sx) / n_cut;
    }
  else if (n_cut == 1)
    {
      *line_b = 0;
      *line_a = sy;
    }
  return n_cut;
}

/* On an image a strip between two toes, or at the side of the outer ones,
 * has no toe pad of its own, but the outline spills into it: it takes its
 * neighbours' cut (within 10 mm), and its cells beyond that are toes. */
static void
mark_image_toes (GArray       *cells,
                 const double *cut,
                 guint         ns,
                 double        wmin,
                 double        sw)
{
  g_autofree double *filled = g_memdup2 (cut, ns * sizeof (double));
  int reach = (int) ceil (10.0 / sw);

  for (int s = 0; s < (int) ns; s++)
    {
      int l = -1, r = -1;
      if (!isnan (cut[s]))
        continue;
      for (int t = s - 1; t >= MAX (0, s - reach) && l < 0; t--)
        if (!isnan (cut[t]))
          l = t;
      for (int t = s + 1; t <= MIN ((int) ns - 1, s + reach) && r < 0; t++)
        if (!isnan (cut[t]))
          r = t;
      if (l >= 0 && r >= 0)
        filled[s] = cut[l] + (cut[r] - cut[l]) * (s - l) / (double) (r - l);
      else if (l >= 0 || r >= 0)
        filled[s] = cut[l >= 0 ? l : r];   /* at the edge of the toes */
    }
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      guint s = MIN (ns - 1, (guint) ((c->w - wmin) / sw));
      if (!isnan (filled[s]) && c->u > filled[s])
        c->toe = TRUE;
    }
}

/* Marks the cells beyond the toe line and fits the line. Returns the number
 * of strips that have toes. */
static guint
find_toes (const PlantarFootprint *fp,
           GArray                 *cells,
           const Frame            *f,
           double                  umin,
           double                  umax,
           double                 *line_a,
           double                 *line_b,
           double                 *line_w0,
           double                 *line_w1)
{
  /* strips: on images wider than the cells; on plates lines of samples 2 mm apart */
  double sw = fp->is_pressure ? 2.0 : MAX (STRIP_MM, MAX (fp->cell_w, fp->cell_h));
  /* bins wider than the cells: a bin inside the print always holds one */
  double du = fp->is_pressure ? MIN (fp->cell_w, fp->cell_h) : 1.5 * MAX (fp->cell_w, fp->cell_h);
  double wmin = G_MAXDOUBLE, wmax = -G_MAXDOUBLE;
  double zone = umin + 0.58 * (umax - umin);
  guint ns, nu, n_cut;
  g_autofree float *cover = NULL;
  g_autofree double *cut = NULL;

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      wmin = MIN (wmin, c->w);
      wmax = MAX (wmax, c->w);
      c->toe = FALSE;
    }
  ns = (guint) ((wmax - wmin) / sw) + 1;
  nu = (guint) ((umax - zone) / du) + 2;
  cover = g_new0 (float, (gsize) ns * nu);
  cut = g_new (double, ns);
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      if (c->u >= zone)
        cover[(gsize) MIN (ns - 1, (guint) ((c->w - wmin) / sw)) * nu + MIN (nu - 1, (guint) ((c->u - zone) / du))] += 1;
    }
  for (guint s = 0; s < ns; s++)
    cut[s] = fp->is_pressure ? pressure_toe_cut (fp, f, wmin + (s + 0.5) * sw, zone, umax)
                             : image_strip_cut (cover + (gsize) s * nu, nu, zone, du);

  keep_agreed_cuts (cut, ns);
  n_cut = fit_toe_line (cut, ns, wmin, sw, line_a, line_b, line_w0, line_w1);
  if (n_cut == 0)
    return 0;
  /* on a plate the cells blur the gaps: a strip's own cut is no surer than
   * the line, and the cells beyond the line are toes */
  if (fp->is_pressure)
    for (guint i = 0; i < cells->len; i++)
      {
        Cell *c = &g_array_index (cells, Cell, i);
        c->toe = c->u > *line_a + *line_b * c->w;
      }
  else
    mark_image_toes (cells, cut, ns, wmin, sw);
  return n_cut;
}

/* A toe line drawn by hand: everything beyond it is toes. */
static void
cut_toes_by_line (GArray           *cells,
                  const Frame      *f,
                  const PlantarPoint line[2],
                  double           *line_a,
                  double           *line_b,
                  double           *w0,
                  double           *w1)
{
  double u1 = (line[0].x - f->cx) * f->ax + (line[0].y - f->cy) * f->ay;
  double v1 = (line[0].x - f->cx) * f->lx + (line[0].y - f->cy) * f->ly;
  double u2 = (line[1].x - f->cx) * f->ax + (line[1].y - f->cy) * f->ay;
  double v2 = (line[1].x - f->cx) * f->lx + (line[1].y - f->cy) * f->ly;

  if (fabs (v2 - v1) < 1e-6)
    v2 = v1 + 1e-6;
  *line_b = (u2 - u1) / (v2 - v1);
  *line_a = u1 - *line_b * v1;
  *w0 = MIN (v1, v2);
  *w1 = MAX (v1, v2);
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      c->toe = c->u > *line_a + *line_b * c->w;
    }
}

/* ------------------------------------------------------------ side */

/* Positive for a right foot. Medial is the walker's left on a right foot:
 * the toes reach further and weigh more on the medial side, and the
 * midfoot's contact lies lateral. */
static double
side_score (GArray *cells,
            double  umin,
            double  length)
{
  double toe_left = 0, toe_right = 0, mid_w = 0, mid_n = 0;
  double front_left = -G_MAXDOUBLE, front_right = -G_MAXDOUBLE;
  double score = 0;
  double lo = umin + 0.33 * length, hi = umin + 0.5 * length;

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      if (c->toe)
        {
          if (c->w > 0)
            {
              toe_left += c->load > 0 ? c->load : 1;
              front_left = MAX (front_left, c->u);
            }
          else
            {
              toe_right += c->load > 0 ? c->load : 1;
              front_right = MAX (front_right, c->u);
            }
        }
      else if (c->u > lo && c->u < hi)
        {
          mid_w += c->w;
          mid_n++;
        }
    }

  /* the midfoot's contact is lateral: on the walker's right for a right foot */
  if (mid_n > 0)
    score += -(mid_w / mid_n) / 10.0;
  /* the toes are heavier and longer medially */
  if (toe_left + toe_right > 0)
    score += 2.0 * (toe_left - toe_right) / (toe_left + toe_right);
  if (front_left > -G_MAXDOUBLE && front_right > -G_MAXDOUBLE)
    score += (front_left - front_right) / 15.0;
  return score;
}

/* ------------------------------------------------------------ toe tips */

/* The front outline of the toes, strip by strip across the foot, and the
 * second toe from the medial side on it. */
static gboolean
second_toe_tip (const PlantarFootprint *fp,
                GArray                 *cells,
                double                  medial,  /* +1: medial is the walker's left */
                double                  ext,
                double                  ball_width,
                double                 *tip_u,
                double                 *tip_w)
{
  double sw = MAX (STRIP_MM, MAX (fp->cell_w, fp->cell_h));
  double wmin = G_MAXDOUBLE, wmax = -G_MAXDOUBLE;
  guint ns, radius;
  g_autofree double *front = NULL;
  g_autoptr(GArray) peaks = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean any = FALSE;

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      if (!c->toe)
        continue;
      wmin = MIN (wmin, c->w);
      wmax = MAX (wmax, c->w);
      any = TRUE;
    }
  if (!any)
    return FALSE;

  ns = (guint) ((wmax - wmin) / sw) + 1;
  front = g_new (double, ns);
  for (guint s = 0; s < ns; s++)
    front[s] = -G_MAXDOUBLE;
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      guint s;
      if (!c->toe)
        continue;
      s = MIN (ns - 1, (guint) ((c->w - wmin) / sw));
      front[s] = MAX (front[s], c->u - ext + 2 * ext * c->cov);
    }

  /* peaks: the furthest point within 5 mm on either side; peaks closer
   * than 10 mm are one toe (coarse plates draw a big toe as two) */
  radius = MAX (1, (guint) lround (5.0 / sw));
  for (guint s = 0; s < ns; s++)
    {
      gboolean peak = front[s] > -G_MAXDOUBLE;
      for (guint t = s > radius ? s - radius : 0; peak && t <= MIN (ns - 1, s + radius); t++)
        if (front[t] > front[s] || (front[t] == front[s] && t < s))
          peak = FALSE;
      if (!peak)
        continue;
      if (peaks->len > 0)
        {
          /* one toe unless the outline dips between: toes are apart */
          guint *last = &g_array_index (peaks, guint, peaks->len - 1);
          double low = G_MAXDOUBLE;
          for (guint t = *last + 1; t < s; t++)
            low = MIN (low, front[t]);
          if ((s - *last) * sw < 10 || MIN (front[s], front[*last]) - low < 3.0)
            {
              if (front[s] > front[*last])
                *last = s;
              continue;
            }
        }
      g_array_append_val (peaks, s);
    }
  if (peaks->len == 0)
    return FALSE;
  /* medial first: the list runs from the walker's right to the left */
  if (medial > 0)
    for (guint i = 0; i < peaks->len / 2; i++)
      {
        guint t = g_array_index (peaks, guint, i);
        g_array_index (peaks, guint, i) = g_array_index (peaks, guint, peaks->len - 1 - i);
        g_array_index (peaks, guint, peaks->len - 1 - i) = t;
      }

  /* the second toe: the next toe at least a fifth of the ball's width
   * lateral of the big toe */
  {
    guint hallux = g_array_index (peaks, guint, 0);
    for (guint i = 1; i < peaks->len; i++)
      {
        guint s = g_array_index (peaks, guint, i);
        if (fabs ((double) s - hallux) * sw >= 0.2 * ball_width)
          {
            *tip_u = front[s];
            *tip_w = wmin + (s + 0.5) * sw;
            return TRUE;
          }
      }
    {
      /* the toes show as one: the second toe lies a quarter of the ball
       * width lateral of the big toe's tip */
      double w = wmin + (hallux + 0.5) * sw - medial * 0.25 * ball_width;
      int t = (int) floor ((w - wmin) / sw);
      t = CLAMP (t, 0, (int) ns - 1);
      *tip_w = w;
      *tip_u = front[t] > -G_MAXDOUBLE ? front[t] : front[hallux];
    }
  }
  return TRUE;
}

/* ------------------------------------------------------------ profiles */

typedef struct {
  double  u0, du;
  guint   n;
  double *area;       /* toe-less contact area per bin */
  double *load;       /* load × area per bin */
  double *vmed;       /* medial-most contact (v = medial distance from the axis), or NAN */
  double *vlat;       /* lateral-most */
} Profile;

static void
profile_clear (Profile *p)
{
  g_free (p->area);
  g_free (p->load);
  g_free (p->vmed);
  g_free (p->vlat);
}

/* Each cell in s × s sub-samples of at most 1 mm, so that band boundaries
 * cut through coarse plate cells in proportion. */
static void
build_profile (const PlantarFootprint *fp,
               GArray                 *cells,
               const Frame            *f,
               double                  medial,
               double                  u_back,
               double                  u_front,
               Profile                *p)
{
  int s = fp->is_pressure ? (int) ceil (MAX (fp->cell_w, fp->cell_h) / 1.0) : 1;
  double sub_area = fp->cell_w * fp->cell_h / (s * s);

  p->du = fp->is_pressure ? 1.0 : 0.5;
  p->u0 = u_back;
  p->n = (guint) ceil ((u_front - u_back) / p->du) + 1;
  p->area = g_new0 (double, p->n);
  p->load = g_new0 (double, p->n);
  p->vmed = g_new (double, p->n);
  p->vlat = g_new (double, p->n);
  for (guint b = 0; b < p->n; b++)
    p->vmed[b] = p->vlat[b] = NAN;

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      if (c->toe)
        continue;
      for (int j = 0; j < s; j++)
        for (int k = 0; k < s; k++)
          {
            double ox = ((k + 0.5) / s - 0.5) * fp->cell_w;
            double oy = ((j + 0.5) / s - 0.5) * fp->cell_h;
            double u = c->u + ox * f->ax + oy * f->ay;
            double v = medial * (c->w + ox * f->lx + oy * f->ly);
            double wgt = c->cov;
            /* on the outline the covered part lies towards the print */
            if (c->cov < 1 && (c->nx != 0 || c->ny != 0))
              {
                double h = 0.5 * (fabs (c->nx) * fp->cell_w + fabs (c->ny) * fp->cell_h);
                if (ox * c->nx + oy * c->ny < h * (1 - 2 * c->cov))
                  continue;
                wgt = 1;
              }
            /* the sample covers [u - e, u + e] along the axis: its area goes
             * to the bins it overlaps, so that a grid aligned with the axis
             * does not alias with the bins */
            double e = 0.5 * (fabs (f->ax) * fp->cell_w + fabs (f->ay) * fp->cell_h) / s;
            double a0 = (u - e - p->u0) / p->du, a1 = (u + e - p->u0) / p->du;
            int b0 = CLAMP ((int) floor (a0), 0, (int) p->n - 1);
            int b1 = CLAMP ((int) floor (a1), 0, (int) p->n - 1);
            for (int b = b0; b <= b1; b++)
              {
                double lo = MAX (a0, b), hi = MIN (a1, b + 1);
                double share = a1 > a0 ? MAX (0, hi - lo) / (a1 - a0) : 1;
                if (b0 == b1)
                  share = 1;
                p->area[b] += sub_area * share * wgt;
                p->load[b] += sub_area * share * c->load;
              }
            {
              int b = CLAMP ((int) floor ((u - p->u0) / p->du), 0, (int) p->n - 1);
              if (isnan (p->vmed[b]) || v > p->vmed[b])
                p->vmed[b] = v;
              if (isnan (p->vlat[b]) || v < p->vlat[b])
                p->vlat[b] = v;
            }
          }
    }
}

/* Contact width at each bin, smoothed over three bins. */
static double
width_at (const Profile *p,
          guint          b)
{
  double sum = 0;
  guint n = 0;

  for (guint k = b > 0 ? b - 1 : 0; k <= MIN (p->n - 1, b + 1); k++)
    {
      sum += p->area[k];
      n++;
    }
  return sum / (n * p->du);
}

/* Clarke's angle, and the medial and lateral border lines (v = a + b u). */
static double
clarke_angle (const Profile *p,
              double         lt,
              double        *med_a,
              double        *med_b,
              double        *lat_a,
              double        *lat_b)
{
  g_autofree double *us = g_new (double, p->n);
  g_autofree double *vs = g_new (double, p->n);
  g_autofree guint *hull = g_new (guint, p->n);
  guint n = 0, h = 0;
  double arch_u = p->u0 + 0.40 * lt;
  double lowest = G_MAXDOUBLE;
  guint e0 = 0, e1 = 0;
  double best_depth = 0, deep_u = NAN, deep_v = NAN;
  gboolean found = FALSE;

  for (guint b = 0; b < p->n; b++)
    if (!isnan (p->vlat[b]))
      lowest = MIN (lowest, p->vlat[b]);

  /* the medial border; where the midfoot has no contact, the border is as
   * deep as the print's lateral edge */
  for (guint b = 0; b < p->n; b++)
    {
      us[n] = p->u0 + (b + 0.5) * p->du;
      vs[n] = isnan (p->vmed[b]) ? lowest : p->vmed[b];
      n++;
    }

  /* upper convex hull (monotone chain) of (u, v) */
  for (guint i = 0; i < n; i++)
    {
      while (h >= 2)
        {
          guint a = hull[h - 2], b = hull[h - 1];
          double cross = (us[b] - us[a]) * (vs[i] - vs[a]) - (vs[b] - vs[a]) * (us[i] - us[a]);
          if (cross >= 0)
            h--;
          else
            break;
        }
      hull[h++] = i;
    }

  /* the hull edge spanning the arch: the medial tangent line */
  for (guint k = 0; k + 1 < h; k++)
    if (us[hull[k]] <= arch_u && us[hull[k + 1]] >= arch_u)
      {
        e0 = hull[k];
        e1 = hull[k + 1];
        found = TRUE;
        break;
      }
  if (!found || us[e1] - us[e0] < 1e-6)
    return NAN;

  *med_b = (vs[e1] - vs[e0]) / (us[e1] - us[e0]);
  *med_a = vs[e0] - *med_b * us[e0];

  /* the deepest point of the concavity under it */
  for (guint i = e0; i <= e1; i++)
    {
      double depth = (*med_a + *med_b * us[i]) - vs[i];
      if (depth > best_depth)
        {
          best_depth = depth;
          deep_u = us[i];
          deep_v = vs[i];
        }
    }

  /* the lateral border line: the lower hull edge under the midfoot */
  {
    guint lh = 0;
    double ls[2] = { NAN, NAN };
    g_autofree guint *lower = g_new (guint, p->n);
    g_autofree double *lv = g_new (double, p->n);
    g_autofree double *lu = g_new (double, p->n);
    guint ln = 0;
    for (guint b = 0; b < p->n; b++)
      if (!isnan (p->vlat[b]))
        {
          lu[ln] = p->u0 + (b + 0.5) * p->du;
          lv[ln] = p->vlat[b];
          ln++;
        }
    for (guint i = 0; i < ln; i++)
      {
        while (lh >= 2)
          {
            guint a = lower[lh - 2], b = lower[lh - 1];
            double cross = (lu[b] - lu[a]) * (lv[i] - lv[a]) - (lv[b] - lv[a]) * (lu[i] - lu[a]);
            if (cross <= 0)
              lh--;
            else
              break;
          }
        lower[lh++] = i;
      }
    for (guint k = 0; k + 1 < lh; k++)
      if (lu[lower[k]] <= arch_u && lu[lower[k + 1]] >= arch_u)
        {
          ls[1] = (lv[lower[k + 1]] - lv[lower[k]]) / (lu[lower[k + 1]] - lu[lower[k]]);
          ls[0] = lv[lower[k]] - ls[1] * lu[lower[k]];
          break;
        }
    *lat_a = ls[0];
    *lat_b = ls[1];
  }

  if (best_depth <= 0)
    return 0;

  /* at the forefoot's tangent point, between the tangent line (towards the
   * heel) and the line to the deepest point */
  {
    double ax = us[e0] - us[e1], ay = vs[e0] - vs[e1];
    double bx = deep_u - us[e1], by = deep_v - vs[e1];
    double c = (ax * bx + ay * by) / (hypot (ax, ay) * hypot (bx, by));
    return acos (CLAMP (c, -1, 1)) * 180 / G_PI;
  }
}

/* ------------------------------------------------------------ regions */

typedef struct {
  double u_back, lt;
  double med_a, med_b, lat_a, lat_b;   /* border lines, v = a + b u */
  double medial;
} RegionFrame;

/* Which of the five metatarsal sectors (0..4), or the hallux (fraction <
 * 0.30) for toes: the fraction of the way from the medial border line to
 * the lateral one, turning about the point where they meet behind the
 * heel, or across if they do not. */
static double
sector_fraction (const RegionFrame *r,
                 double             u,
                 double             v)
{
  double db = r->med_b - r->lat_b;

  if (isnan (r->med_a) || isnan (r->lat_a))
    return NAN;
  if (fabs (db) > 1e-6)
    {
      double uo = (r->lat_a - r->med_a) / db;
      double vo = r->med_a + r->med_b * uo;
      if (uo < r->u_back)
        {
          double am = atan2 (r->med_b, 1), al = atan2 (r->lat_b, 1);
          double ap = atan2 (v - vo, u - uo);
          if (fabs (am - al) > 1e-6)
            return (am - ap) / (am - al);
        }
    }
  {
    double vm = r->med_a + r->med_b * u, vl = r->lat_a + r->lat_b * u;
    return fabs (vm - vl) > 1e-6 ? (vm - v) / (vm - vl) : NAN;
  }
}

static void
region_of (const RegionFrame *r,
           const Cell        *c,
           double             v,
           int                out[3])
{
  double f = (c->u - r->u_back) / r->lt;
  double t;

  out[0] = out[1] = out[2] = -1;
  if (c->toe)
    {
      out[0] = PLANTAR_REGION_TOES;
      t = sector_fraction (r, c->u, v);
      out[1] = isnan (t) ? (v > 0 ? PLANTAR_REGION_HALLUX : PLANTAR_REGION_LESSER_TOES)
                         : (t < 0.30 ? PLANTAR_REGION_HALLUX : PLANTAR_REGION_LESSER_TOES);
      return;
    }
  if (f < 0.27)
    {
      out[0] = PLANTAR_REGION_HEEL;
      out[1] = v > 0 ? PLANTAR_REGION_HEEL_MEDIAL : PLANTAR_REGION_HEEL_LATERAL;
    }
  else if (f < 0.55)
    {
      out[0] = PLANTAR_REGION_MIDFOOT;
      out[1] = v > 0 ? PLANTAR_REGION_MIDFOOT_MEDIAL : PLANTAR_REGION_MIDFOOT_LATERAL;
    }
  else
    {
      out[0] = PLANTAR_REGION_FOREFOOT;
      out[1] = v > 0 ? PLANTAR_REGION_FOREFOOT_MEDIAL : PLANTAR_REGION_FOREFOOT_LATERAL;
      t = sector_fraction (r, c->u, v);
      if (!isnan (t))
        out[2] = t < 0.30 ? PLANTAR_REGION_MTH1 : t < 0.47 ? PLANTAR_REGION_MTH2 : t < 0.64 ? PLANTAR_REGION_MTH3
                 : t < 0.81 ? PLANTAR_REGION_MTH4 : PLANTAR_REGION_MTH5;
    }
}

static void
measure_regions (PlantarFoot            *foot,
                 const PlantarFootprint *fp,
                 GArray                 *cells,
                 const RegionFrame      *rf,
                 double                  threshold)
{
  double cell_area = fp->cell_w * fp->cell_h;
  g_autofree gint8 *region = g_new (gint8, (gsize) fp->width * fp->height * 3);
  double sum[PLANTAR_N_REGIONS] = { 0 };
  guint count[PLANTAR_N_REGIONS] = { 0 };
  PlantarRegionStats *st = foot->regions;

  memset (region, -1, (gsize) fp->width * fp->height * 3);
  for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
    st[r] = (PlantarRegionStats) { 0, NAN, 0, 0, NAN, NAN };

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      double v = rf->medial * c->w;
      int rs[3];
      region_of (rf, c, v, rs);
      for (int k = 0; k < 3; k++)
        {
          region[(gsize) c->index * 3 + k] = rs[k];
          if (rs[k] < 0)
            continue;
          st[rs[k]].peak_kpa = MAX (st[rs[k]].peak_kpa, c->load);
          st[rs[k]].area_mm2 += cell_area;
          sum[rs[k]] += c->load;
          count[rs[k]]++;
          if (fp->frames == NULL)
            st[rs[k]].force_n += c->load * cell_area * 1e-3;
        }
    }
  for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
    if (count[r] > 0)
      st[r].mean_kpa = sum[r] / count[r];

  /* over time: force, pressure-time integral, contact time */
  if (fp->frames != NULL)
    {
      PlantarStepFrames *fr = fp->frames;
      double dt = fr->frame_ms / 1000.0;
      guint contact_frames[PLANTAR_N_REGIONS] = { 0 };

      for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
        st[r].pti_kpa_s = 0;
      for (guint f = 0; f < fr->n_frames; f++)
        {
          double force[PLANTAR_N_REGIONS] = { 0 }, peak[PLANTAR_N_REGIONS] = { 0 };
          guint s0 = g_array_index (fr->starts, guint, f), s1 = g_array_index (fr->starts, guint, f + 1);
          for (guint k = s0; k < s1; k++)
            {
              guint32 cell = g_array_index (fr->cells, guint32, k);
              float p = g_array_index (fr->values, float, k);
              for (int j = 0; j < 3; j++)
                {
                  int r = region[(gsize) cell * 3 + j];
                  if (r < 0)
                    continue;
                  force[r] += p * cell_area * 1e-3;
                  peak[r] = MAX (peak[r], p);
                }
            }
          for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
            {
              st[r].force_n = MAX (st[r].force_n, force[r]);
              st[r].pti_kpa_s += peak[r] * dt;
              contact_frames[r] += peak[r] > threshold;
            }
        }
      for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
        st[r].contact_ms = contact_frames[r] * fr->frame_ms;
    }

  for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
    if (st[r].area_mm2 == 0)
      st[r] = (PlantarRegionStats) { NAN, NAN, 0, NAN, NAN, NAN };
}

/* ------------------------------------------------------------ walking */

static void
measure_walking (PlantarFoot            *foot,
                 const PlantarFootprint *fp,
                 const Frame            *f,
                 double                  medial,
                 double                  u_back,
                 const Profile          *profile)
{
  PlantarStepFrames *fr = fp->frames;
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (PlantarCopPoint));
  double first_u = NAN, first_v = NAN, last_u = NAN, last_v = NAN;

  for (guint k = 0; k < fr->n_frames; k++)
    {
      guint s0 = g_array_index (fr->starts, guint, k), s1 = g_array_index (fr->starts, guint, k + 1);
      double sp = 0, sx = 0, sy = 0;
      for (guint j = s0; j < s1; j++)
        {
          guint32 cell = g_array_index (fr->cells, guint32, j);
          float p = g_array_index (fr->values, float, j);
          double x = fp->x0 + (cell % fp->width + 0.5) * fp->cell_w;
          double y = fp->y0 + (cell / fp->width + 0.5) * fp->cell_h;
          sp += p;
          sx += p * x;
          sy += p * y;
        }
      if (sp > 0)
        {
          PlantarCopPoint pt = { sx / sp, sy / sp, k * fr->frame_ms };
          g_array_append_val (path, pt);
        }
    }
  if (path->len >= 2)
    {
      PlantarCopPoint *a = &g_array_index (path, PlantarCopPoint, 0);
      PlantarCopPoint *b = &g_array_index (path, PlantarCopPoint, path->len - 1);
      first_u = (a->x - f->cx) * f->ax + (a->y - f->cy) * f->ay;
      first_v = medial * ((a->x - f->cx) * f->lx + (a->y - f->cy) * f->ly);
      last_u = (b->x - f->cx) * f->ax + (b->y - f->cy) * f->ay;
      last_v = medial * ((b->x - f->cx) * f->lx + (b->y - f->cy) * f->ly);
    }

  /* CPEI (Song 1996): at two thirds of the foot length, how far the path
   * runs lateral of the line from its first to its last point, over the
   * foot's width there */
  if (path->len >= 3 && isfinite (foot->foot_length_mm) && last_u - first_u > 20)
    {
      double uc = u_back + 2.0 / 3.0 * foot->foot_length_mm;
      double line_v = first_v + (uc - first_u) / (last_u - first_u) * (last_v - first_v);
      for (guint k = 0; k + 1 < path->len; k++)
        {
          PlantarCopPoint *a = &g_array_index (path, PlantarCopPoint, k);
          PlantarCopPoint *b = &g_array_index (path, PlantarCopPoint, k + 1);
          double ua = (a->x - f->cx) * f->ax + (a->y - f->cy) * f->ay;
          double ub = (b->x - f->cx) * f->ax + (b->y - f->cy) * f->ay;
          if ((ua - uc) * (ub - uc) <= 0 && ua != ub)
            {
              double va = medial * ((a->x - f->cx) * f->lx + (a->y - f->cy) * f->ly);
              double vb = medial * ((b->x - f->cx) * f->lx + (b->y - f->cy) * f->ly);
              double v = va + (uc - ua) / (ub - ua) * (vb - va);
              int bin = (int) floor ((uc - profile->u0) / profile->du);
              double width = bin >= 0 && bin < (int) profile->n ? width_at (profile, bin) : NAN;
              if (width > 10)
                foot->cpei_pct = 100 * (line_v - v) / width;
              break;
            }
        }
    }

  foot->cop_path = g_steal_pointer (&path);
  foot->contact_ms = fr->n_frames * fr->frame_ms;
}

/* ------------------------------------------------------------ the whole */

/* What the search for the landmarks settles on, in the final frame. */
typedef struct {
  double   ext;                       /* half a cell along the axis */
  double   umin, umax;                /* the print's extent along the axis */
  double   line_a, line_b;            /* the toe line, u = a + b w */
  double   line_w0, line_w1;
  guint    n_toe_strips;
  double   heel_w, ball_w;            /* rough widths, for the fits */
  double   medial;                    /* +1: medial is the walker's left */
  gboolean have_tip;
  double   u_tip;
} Landmarks;

/* The print's extent along the axis, outline cells counted for their
 * covered part. */
static void
extent_along (GArray *cells,
              double  ext,
              double *umin,
              double *umax)
{
  *umin = G_MAXDOUBLE;
  *umax = -G_MAXDOUBLE;
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      *umin = MIN (*umin, c->u + ext - 2 * ext * c->cov);
      *umax = MAX (*umax, c->u - ext + 2 * ext * c->cov);
    }
}

/* The toes tell the front better than the widths do when the ends are
 * alike (on a very flat foot the midfoot is as wide as the ball): then
 * look for them at both ends. */
static void
choose_front (const PlantarFootprint   *fp,
              GArray                   *cells,
              const PlantarCorrections *cor,
              Frame                    *f)
{
  double a = NAN, b = NAN, w0 = 0, w1 = 0, lo, hi;
  guint here, there;

  if (initial_axis (fp, cells, f) <= 0.8 || cor->has_heel_centre || cor->has_toe_tip)
    return;
  extent_along (cells, 0, &lo, &hi);
  here = find_toes (fp, cells, f, lo, hi, &a, &b, &w0, &w1);
  frame_set (f, f->cx, f->cy, -f->ax, -f->ay);
  project (f, cells);
  there = find_toes (fp, cells, f, -hi, -lo, &a, &b, &w0, &w1);
  if (!(there >= 3 && there > 2 * here))
    {
      frame_set (f, f->cx, f->cy, -f->ax, -f->ay);
      project (f, cells);
    }
}

/* Widths near the heel and across the ball, for the fits. */
static void
rough_widths (GArray    *cells,
              Landmarks *lm)
{
  double lt = lm->umax - lm->umin;
  double wl[2] = { G_MAXDOUBLE, G_MAXDOUBLE }, wh[2] = { -G_MAXDOUBLE, -G_MAXDOUBLE };

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      int k = c->u < lm->umin + 0.2 * lt ? 0 : (c->u > lm->umin + 0.6 * lt && !c->toe) ? 1 : -1;
      if (k < 0)
        continue;
      wl[k] = MIN (wl[k], c->w);
      wh[k] = MAX (wh[k], c->w);
    }
  if (wh[0] > wl[0])
    lm->heel_w = wh[0] - wl[0];
  if (wh[1] > wl[1])
    lm->ball_w = wh[1] - wl[1];
}

/* The heel centre: the circle through the back of the heel's outline, or
 * when that fit fails the centre of the rear fifth of the print. */
static void
fit_heel_centre (GArray          *cells,
                 const Landmarks *lm,
                 double          *hx,
                 double          *hy)
{
  g_autofree double *xs = g_new (double, cells->len);
  g_autofree double *ys = g_new (double, cells->len);
  double r, sx = 0, sy = 0, k = 0;
  guint n = 0;

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      if (c->edge && !c->toe && c->u < lm->umin + lm->ext + 0.4 * lm->heel_w)
        {
          xs[n] = c->x;
          ys[n] = c->y;
          n++;
        }
    }
  if (fit_circle (xs, ys, n, hx, hy, &r) && r <= lm->heel_w && r >= 0.2 * lm->heel_w)
    return;
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      if (c->u < lm->umin + 0.2 * (lm->umax - lm->umin))
        {
          sx += c->x;
          sy += c->y;
          k++;
        }
    }
  *hx = sx / k;
  *hy = sy / k;
}

/* One round of the search: the toes, the side, the heel centre and the
 * tip of the second toe in the frame @f, which becomes the axis through
 * them. */
static void
landmarks_round (const PlantarFootprint   *fp,
                 GArray                   *cells,
                 const PlantarCorrections *cor,
                 Frame                    *f,
                 Landmarks                *lm)
{
  double tip_u = NAN, tip_w = NAN, hx, hy;

  lm->ext = half_extent (fp, f);
  extent_along (cells, lm->ext, &lm->umin, &lm->umax);
  if (cor->has_toe_line)
    {
      cut_toes_by_line (cells, f, cor->toe_line, &lm->line_a, &lm->line_b, &lm->line_w0, &lm->line_w1);
      lm->n_toe_strips = 2;
    }
  else
    lm->n_toe_strips = find_toes (fp, cells, f, lm->umin, lm->umax, &lm->line_a, &lm->line_b, &lm->line_w0,
                                  &lm->line_w1);
  rough_widths (cells, lm);

  lm->medial = side_score (cells, lm->umin, lm->umax - lm->umin) >= 0 ? 1 : -1;
  if (fp->file_side != PLANTAR_SIDE_UNKNOWN)
    lm->medial = fp->file_side == PLANTAR_SIDE_RIGHT ? 1 : -1;

  if (cor->has_heel_centre)
    {
      hx = cor->heel_centre.x;
      hy = cor->heel_centre.y;
    }
  else
    fit_heel_centre (cells, lm, &hx, &hy);

  if (cor->has_toe_tip)
    {
      tip_u = (cor->toe_tip.x - f->cx) * f->ax + (cor->toe_tip.y - f->cy) * f->ay;
      tip_w = (cor->toe_tip.x - f->cx) * f->lx + (cor->toe_tip.y - f->cy) * f->ly;
      lm->have_tip = TRUE;
    }
  else
    lm->have_tip = second_toe_tip (fp, cells, lm->medial, lm->ext, lm->ball_w, &tip_u, &tip_w);

  if (lm->have_tip)
    {
      PlantarPoint t = to_scan (f, tip_u, tip_w);
      frame_set (f, hx, hy, t.x - hx, t.y - hy);
      lm->u_tip = hypot (t.x - hx, t.y - hy);
    }
  else
    frame_set (f, hx, hy, f->ax, f->ay);
  project (f, cells);
}

/* Landmarks and the axis found together, each round from the last axis,
 * until the heel centre moves less than 0.05 mm and the axis turns less
 * than 0.02° (five rounds at most). */
static void
find_landmarks (const PlantarFootprint   *fp,
                GArray                   *cells,
                const PlantarCorrections *cor,
                Frame                    *f,
                Landmarks                *lm)
{
  choose_front (fp, cells, cor, f);
  for (int round = 0; round < 5; round++)
    {
      Frame before = *f;
      landmarks_round (fp, cells, cor, f, lm);
      if (round > 0 && hypot (f->cx - before.cx, f->cy - before.cy) < 0.05 &&
          fabs (f->ax * before.ay - f->ay * before.ax) < 3.5e-4)
        break;
    }
}

/* Which foot: from the file when it says, from the shape otherwise. */
static void
decide_side (PlantarFoot            *foot,
             const PlantarFootprint *fp,
             GArray                 *cells,
             double                  u_back,
             double                  umax)
{
  double side = side_score (cells, u_back, umax - u_back);

  if (fp->file_side != PLANTAR_SIDE_UNKNOWN)
    {
      foot->side = fp->file_side;
      foot->side_source = "file";
      foot->side_confidence = 1;
      if ((side >= 0) != (fp->file_side == PLANTAR_SIDE_RIGHT) && fabs (side) > 0.5)
        plantar_foot_add_warning (foot, _("The file says %s foot, the shape looks like the other."),
                                  plantar_side_to_string (fp->file_side));
    }
  else
    {
      foot->side = side >= 0 ? PLANTAR_SIDE_RIGHT : PLANTAR_SIDE_LEFT;
      foot->side_confidence = CLAMP (fabs (side) / 2.0, 0, 1);
    }
}

/* The landmarks in the scan's frame, the lengths and the contact area. */
static void
place_landmarks (PlantarFoot            *foot,
                 const PlantarFootprint *fp,
                 GArray                 *cells,
                 const Frame            *f,
                 const Landmarks        *lm,
                 double                  u_back,
                 double                  u_front,
                 double                  umax)
{
  foot->heel_centre = to_scan (f, 0, 0);
  foot->heel_back = to_scan (f, u_back, 0);
  foot->ball_front = to_scan (f, u_front, 0);
  foot->axis_deg = fmod (atan2 (f->ax, -f->ay) * 180 / G_PI + 360, 360);
  foot->toe_tip = lm->have_tip ? to_scan (f, lm->u_tip, 0) : foot->ball_front;
  if (!isnan (lm->line_a))
    {
      foot->toe_line[0] = to_scan (f, lm->line_a + lm->line_b * lm->line_w0, lm->line_w0);
      foot->toe_line[1] = to_scan (f, lm->line_a + lm->line_b * lm->line_w1, lm->line_w1);
    }
  else
    foot->toe_line[0] = foot->toe_line[1] = foot->ball_front;

  foot->has_toes = lm->n_toe_strips > 0;
  foot->toeless_length_mm = u_front - u_back;
  foot->foot_length_mm = foot->has_toes ? umax - u_back : NAN;
  foot->contact_area_mm2 = 0;
  for (guint i = 0; i < cells->len; i++)
    foot->contact_area_mm2 += g_array_index (cells, Cell, i).cov * fp->cell_w * fp->cell_h;
  if (!foot->has_toes)
    plantar_foot_add_warning (foot, _("No toes show in the print: the foot length is unknown, "
                                      "and the axis runs from the heel along the print."));
}

/* The arch indices and the widths, from the profile along the axis; the
 * border lines go to @rf for the regions. */
static void
measure_shape (PlantarFoot            *foot,
               const PlantarFootprint *fp,
               const Profile          *profile,
               RegionFrame            *rf)
{
  double lt = foot->toeless_length_mm, total = 0, thirds[3] = { 0 }, ltot = 0, lthirds[3] = { 0 };
  double hw = 0, bw = 0, mw = G_MAXDOUBLE;

  for (guint b = 0; b < profile->n; b++)
    {
      double uc = (b + 0.5) * profile->du, fr = uc / lt;
      int t = CLAMP ((int) floor (3 * fr), 0, 2);
      double width = width_at (profile, b);
      total += profile->area[b];
      thirds[t] += profile->area[b];
      ltot += profile->load[b];
      lthirds[t] += profile->load[b];
      if (fr < 0.27)
        hw = MAX (hw, width);
      else if (fr < 0.55)
        mw = MIN (mw, width);
      else if (fr <= 1)
        bw = MAX (bw, width);
    }
  foot->toeless_area_mm2 = total;
  foot->arch_index = thirds[1] / total;
  if (fp->is_pressure && ltot > 0)
    foot->modified_arch_index = lthirds[1] / ltot;
  foot->heel_width_mm = hw;
  foot->ball_width_mm = bw;
  foot->midfoot_width_mm = mw == G_MAXDOUBLE ? NAN : mw;
  foot->chippaux_smirak = 100 * foot->midfoot_width_mm / bw;
  foot->staheli = foot->midfoot_width_mm / hw;
  foot->hernandez_corvo = 100 * (bw - foot->midfoot_width_mm) / bw;
  foot->clarke_angle_deg = clarke_angle (profile, lt, &rf->med_a, &rf->med_b, &rf->lat_a, &rf->lat_b);
  if (mw == 0 || mw == G_MAXDOUBLE)
    plantar_foot_add_warning (foot, _("Nothing touched under the midfoot: a very high arch, or a foot that did "
                                      "not bear its full weight."));
}

/* The heel's position and load, the medial share of the whole foot's,
 * the peak: over the step's time (its impulse) on a recording. */
static void
measure_heel_and_balance (PlantarFoot            *foot,
                          const PlantarFootprint *fp,
                          GArray                 *cells,
                          const RegionFrame      *rf)
{
  double hsum = 0, hv = 0, hmed = 0, all = 0, all_med = 0, peak = 0;
  g_autofree float *impulse = NULL;

  if (fp->frames != NULL)
    {
      PlantarStepFrames *fr = fp->frames;
      impulse = g_new0 (float, (gsize) fp->width * fp->height);
      for (guint k = 0; k < fr->cells->len; k++)
        impulse[g_array_index (fr->cells, guint32, k)] += g_array_index (fr->values, float, k) * fr->frame_ms / 1000;
    }
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      double v = rf->medial * c->w, load = impulse ? impulse[c->index] : c->load;
      peak = MAX (peak, c->load);
      all += load;
      if (v > 0)
        all_med += load;
      if (!c->toe && (c->u - rf->u_back) / rf->lt < 0.27)
        {
          hsum += load;
          hv += load * v;
          if (v > 0)
            hmed += load;
          foot->heel_peak_kpa = isnan (foot->heel_peak_kpa) ? c->load : MAX (foot->heel_peak_kpa, c->load);
        }
    }
  foot->peak_kpa = peak;
  if (hsum > 0)
    {
      foot->heel_cop_offset_mm = hv / hsum;
      foot->heel_medial_load_pct = 100 * hmed / hsum;
    }
  if (all > 0)
    foot->medial_load_pct = 100 * all_med / all;
}

/**
 * plantar_foot_measure:
 * @corrections: (nullable): landmarks and threshold set by hand
 *
 * Finds the landmarks of one foot (unless corrected) and measures it.
 *
 * Returns: (transfer full) (nullable): NULL when the footprint holds no
 *   contact above the threshold
 */
PlantarFoot *
plantar_foot_measure (PlantarFootprint         *fp,
                      const PlantarCorrections *corrections,
                      double                    threshold)
{
  PlantarCorrections none = { 0 };
  const PlantarCorrections *cor = corrections ? corrections : &none;
  double thr = cor->has_threshold ? cor->threshold : threshold;
  g_autoptr(GArray) cells = collect_cells (fp, thr);
  g_autoptr(PlantarFoot) foot = NULL;
  Landmarks lm = { 0 };
  Frame f;
  RegionFrame rf;
  Profile profile = { 0 };
  double u_back = G_MAXDOUBLE, u_front = -G_MAXDOUBLE, umax = -G_MAXDOUBLE, ext;

  if (cells->len < 8)
    return NULL;

  foot = plantar_foot_new ();
  foot->footprint = plantar_footprint_ref (fp);
  foot->corrections = *cor;
  foot->has_pressure = fp->is_pressure;
  for (guint i = 0; fp->notes != NULL && i < fp->notes->len; i++)
    g_ptr_array_add (foot->warnings, g_strdup (g_ptr_array_index (fp->notes, i)));

  lm.line_a = lm.line_b = lm.u_tip = NAN;
  lm.heel_w = 60;
  lm.ball_w = 90;
  lm.medial = 1;
  find_landmarks (fp, cells, cor, &f, &lm);

  /* the final extents along the axis: the covered part of an outline
   * cell lies towards the print */
  ext = half_extent (fp, &f);
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      u_back = MIN (u_back, c->u + ext - 2 * ext * c->cov);
      umax = MAX (umax, c->u - ext + 2 * ext * c->cov);
      if (!c->toe)
        u_front = MAX (u_front, c->u - ext + 2 * ext * c->cov);
    }
  decide_side (foot, fp, cells, u_back, umax);
  place_landmarks (foot, fp, cells, &f, &lm, u_back, u_front, umax);

  rf = (RegionFrame) { u_back, foot->toeless_length_mm, NAN, NAN, NAN, NAN,
                       foot->side == PLANTAR_SIDE_RIGHT ? 1 : -1 };
  build_profile (fp, cells, &f, rf.medial, u_back, u_front, &profile);
  measure_shape (foot, fp, &profile, &rf);
  if (fp->is_pressure)
    {
      measure_heel_and_balance (foot, fp, cells, &rf);
      measure_regions (foot, fp, cells, &rf, thr);
      if (fp->frames != NULL)
        measure_walking (foot, fp, &f, rf.medial, u_back, &profile);
    }
  profile_clear (&profile);
  return g_steal_pointer (&foot);
}

PlantarFoot *
plantar_foot_remeasure (const PlantarFoot             *foot,
                        const PlantarCorrections      *corrections,
                        const PlantarAnalysisSettings *settings)
{
  PlantarFoot *again;
  double threshold = foot->footprint->threshold;

  g_return_val_if_fail (foot->footprint != NULL, NULL);

  again = plantar_foot_measure (foot->footprint, corrections, threshold);
  if (again == NULL)
    return NULL;
  again->index = foot->index;
  again->complete = foot->complete;
  again->first_frame = foot->first_frame;
  again->last_frame = foot->last_frame;
  again->start_ms = foot->start_ms;
  if (g_strcmp0 (foot->side_source, "walk") == 0)
    {
      /* the walk knew better than the shape */
      again->side = foot->side;
      again->side_source = foot->side_source;
      again->side_confidence = foot->side_confidence;
    }
  plantar_foot_set_walk_direction (again, foot->footprint->walk_x, foot->footprint->walk_y);
  (void) settings;
  return again;
}

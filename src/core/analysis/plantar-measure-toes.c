/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-measure"

#include "config.h"

#include <string.h>

#include "plantar-measure-private.h"

/* The toes of a foot: where the toe line runs, strip by strip across the
 * foot, and the tip of the second toe, which the foot's axis points to. */

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
guint
measure_find_toes (const PlantarFootprint *fp,
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
void
measure_cut_toes_by_line (GArray           *cells,
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


/* ------------------------------------------------------------ toe tips */

/* The front outline of the toes, strip by strip across the foot, and the
 * second toe from the medial side on it. */
gboolean
measure_second_toe_tip (const PlantarFootprint *fp,
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

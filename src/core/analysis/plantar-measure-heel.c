/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-measure"

#include "config.h"

#include "plantar-measure-private.h"

/*
 * The heel centre: the centre of the circle that the back of the heel's
 * outline follows, where an insole's heel cup is centred.
 *
 * Only the outer outline counts. An ink print is mottled, with voids the
 * paper took no ink in, and every void has an edge of its own; fitted to
 * all the edges, the circle is pulled inwards and the centre lands
 * millimetres behind the truth. So the outline is found ray by ray from a
 * provisional centre, over the back of the heel (within ARC_DEG of
 * straight back): on each ray (a degree apart, or a cell apart on a
 * coarse plate), the furthest cell on an outline, at the outer edge of its
 * contact. A void that reaches the outline, or a speck beyond it, makes
 * a ray an outlier; those are dropped (their distance from the circle
 * more than three robust deviations) and the circle fitted again, by its
 * geometric distance rather than the algebraic one, which is biased on a
 * partial arc. The rays are cast again from each new centre, and the
 * radius must agree with the heel's width; when it does not (a heel cut
 * off by the edge of the plate, a print too coarse to show its curve) the
 * circle is fitted with the radius half the heel's width.
 */

#define ARC_DEG     70.0
#define MAX_RAYS    141

typedef struct {
  double u, w;
} Point;

/* Least-squares circle (Kåsa) through points; FALSE if degenerate. */
static gboolean
kasa (const Point *p,
      guint        n,
      double      *cu,
      double      *cw,
      double      *r)
{
  double mu = 0, mw = 0;
  double suu = 0, suw = 0, sww = 0, suuu = 0, swww = 0, suww = 0, swuu = 0;
  double det, uc, wc;

  if (n < 5)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      mu += p[i].u;
      mw += p[i].w;
    }
  mu /= n;
  mw /= n;
  for (guint i = 0; i < n; i++)
    {
      double u = p[i].u - mu, w = p[i].w - mw;
      suu += u * u;
      suw += u * w;
      sww += w * w;
      suuu += u * u * u;
      swww += w * w * w;
      suww += u * w * w;
      swuu += w * u * u;
    }
  det = suu * sww - suw * suw;
  if (fabs (det) < 1e-9)
    return FALSE;
  uc = (0.5 * (suuu + suww) * sww - 0.5 * (swww + swuu) * suw) / det;
  wc = (0.5 * (swww + swuu) * suu - 0.5 * (suuu + suww) * suw) / det;
  *cu = uc + mu;
  *cw = wc + mw;
  *r = sqrt (uc * uc + wc * wc + (suu + sww) / n);
  return isfinite (*cu) && isfinite (*cw) && isfinite (*r);
}

/* The geometric fit (Gauss-Newton on the distances from the circle),
 * from a start; with @fixed_r > 0 the radius is held. */
static gboolean
geometric (const Point *p,
           guint        n,
           double       fixed_r,
           double      *cu,
           double      *cw,
           double      *r)
{
  double a = *cu, b = *cw, rr = fixed_r > 0 ? fixed_r : *r;

  if (n < 5)
    return FALSE;
  for (int it = 0; it < 20; it++)
    {
      /* normal equations of J d = -res, J = [-(u-a)/d, -(w-b)/d, -1] */
      double m[3][3] = { { 0 } }, g[3] = { 0 }, step[3] = { 0 };
      guint k = fixed_r > 0 ? 2 : 3;

      for (guint i = 0; i < n; i++)
        {
          double du = p[i].u - a, dw = p[i].w - b, d = hypot (du, dw);
          double j[3], res;
          if (d < 1e-9)
            continue;
          j[0] = -du / d;
          j[1] = -dw / d;
          j[2] = -1;
          res = d - rr;
          for (guint x = 0; x < k; x++)
            {
              g[x] -= j[x] * res;
              for (guint y = 0; y < k; y++)
                m[x][y] += j[x] * j[y];
            }
        }
      /* Gaussian elimination, k ≤ 3 */
      for (guint c = 0; c < k; c++)
        {
          if (fabs (m[c][c]) < 1e-12)
            return FALSE;
          for (guint row = c + 1; row < k; row++)
            {
              double f = m[row][c] / m[c][c];
              for (guint col = c; col < k; col++)
                m[row][col] -= f * m[c][col];
              g[row] -= f * g[c];
            }
        }
      for (int c = (int) k - 1; c >= 0; c--)
        {
          double s = g[c];
          for (guint col = c + 1; col < k; col++)
            s -= m[c][col] * step[col];
          step[c] = s / m[c][c];
        }
      a += step[0];
      b += step[1];
      if (k == 3)
        rr += step[2];
      if (!isfinite (a) || !isfinite (b) || !isfinite (rr) || rr <= 0)
        return FALSE;
      if (hypot (step[0], step[1]) < 1e-5 && fabs (step[2]) < 1e-5)
        break;
    }
  *cu = a;
  *cw = b;
  *r = rr;
  return TRUE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* The outer outline of the back of the heel, one point a ray from
 * (cu, cw); the number of points. */
static guint
outline_rays (const PlantarFootprint *fp,
              GArray                 *cells,
              double                  cu,
              double                  cw,
              double                  reach,
              Point                  *out)
{
  double best[MAX_RAYS];
  /* a ray a degree, or one a cell on a coarse plate */
  double per_cell = MAX (fp->cell_w, fp->cell_h) / MAX (0.3 * reach, 1e-9) * 180 / G_PI;
  guint n_rays = (guint) CLAMP (2 * ARC_DEG / MAX (per_cell, 1e-9) + 1, 9, MAX_RAYS);
  double step = 2 * ARC_DEG / (n_rays - 1);
  guint n = 0;

  for (guint k = 0; k < n_rays; k++)
    best[k] = -1;
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      double du = c->u - cu, dw = c->w - cw, rho, phi, half;
      int k;

      if (c->toe || !c->edge || du >= 0)
        continue;
      rho = hypot (du, dw);
      if (rho > reach)
        continue;
      /* the angle from straight back, positive to the walker's left */
      phi = atan2 (dw, -du) * 180 / G_PI;
      k = (int) lround ((phi + ARC_DEG) / step);
      if (k < 0 || k >= (int) n_rays)
        continue;
      /* the cell's contact reaches its edge, or its covered part of it */
      half = 0.25 * (fp->cell_w + fp->cell_h);
      rho += half * (2 * c->cov - 1);
      best[k] = MAX (best[k], rho);
    }
  for (guint k = 0; k < n_rays; k++)
    if (best[k] > 0)
      {
        double phi = (-ARC_DEG + k * step) * G_PI / 180;
        out[n].u = cu - best[k] * cos (phi);
        out[n].w = cw + best[k] * sin (phi);
        n++;
      }
  return n;
}

/* Drops the points further from the circle than three robust deviations
 * (and at least a tenth of the cell); the number kept. */
static guint
drop_outliers (Point  *p,
               guint   n,
               double  cu,
               double  cw,
               double  r,
               double  floor_mm)
{
  g_autofree double *res = g_new (double, n);
  g_autofree double *dev = g_new (double, n);
  double med, mad, limit;
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    res[i] = dev[i] = hypot (p[i].u - cu, p[i].w - cw) - r;
  med = median (dev, n);
  for (guint i = 0; i < n; i++)
    dev[i] = fabs (res[i] - med);
  mad = 1.4826 * median (dev, n);
  limit = MAX (3 * mad, floor_mm);
  for (guint i = 0; i < n; i++)
    if (fabs (res[i] - med) <= limit)
      p[kept++] = p[i];
  return kept;
}

/**
 * measure_heel_centre:
 * @umin: the back of the print along the axis
 * @heel_w: the heel's width
 * @cu: (inout): the centre along the axis, from a start
 * @cw: (inout): across it
 *
 * Returns: %TRUE when the back of the heel gave a circle.
 */
gboolean
measure_heel_centre (const PlantarFootprint *fp,
                     GArray                 *cells,
                     double                  heel_w,
                     double                 *cu,
                     double                 *cw)
{
  Point pts[MAX_RAYS];
  double a = *cu, b = *cw, r = 0.5 * heel_w;
  double cell = MAX (fp->cell_w, fp->cell_h);
  gboolean fitted = FALSE;

  if (heel_w <= 0)
    return FALSE;
  for (int round = 0; round < 4; round++)
    {
      double na = a, nb = b, nr = r;
      guint n = outline_rays (fp, cells, a, b, 1.6 * heel_w, pts);
      gboolean ok = kasa (pts, n, &na, &nb, &nr);

      for (int pass = 0; ok && pass < 3; pass++)
        {
          guint kept = drop_outliers (pts, n, na, nb, nr, 0.1 * cell);
          if (kept == n && pass > 0)
            break;
          n = kept;
          ok = geometric (pts, n, 0, &na, &nb, &nr);
        }
      /* the heel's curve is about as wide as the heel */
      if (!ok || nr < 0.3 * heel_w || nr > 0.75 * heel_w)
        {
          na = a;
          nb = b;
          nr = 0.5 * heel_w;
          n = outline_rays (fp, cells, a, b, 1.6 * heel_w, pts);
          ok = n >= 5 && geometric (pts, n, nr, &na, &nb, &nr);
          if (ok)
            {
              n = drop_outliers (pts, n, na, nb, nr, 0.1 * cell);
              ok = geometric (pts, n, 0.5 * heel_w, &na, &nb, &nr);
            }
        }
      if (!ok)
        break;
      fitted = TRUE;
      if (hypot (na - a, nb - b) < 0.01)
        {
          a = na;
          b = nb;
          break;
        }
      a = na;
      b = nb;
      r = nr;
    }
  if (fitted)
    {
      *cu = a;
      *cw = b;
    }
  return fitted;
}

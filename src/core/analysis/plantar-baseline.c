/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-baseline"

#include "config.h"

#include <string.h>

#include "plantar-analysis-private.h"

/*
 * Sensors that never unload. An in-shoe sensor is pressed by the shoe
 * itself (a preload, calibrated in), and a plate may have a stuck or
 * drifting sensor: such a cell reads a load in every frame, the step it
 * lies under never ends, and the walk comes out as one step as long as the
 * recording.
 *
 * A cell's lowest value within a window longer than any stance (REST_MS
 * either side) is what it reads at rest: a step comes and goes within the
 * window, a preload stays. A cell that rests above the noise over a
 * quarter of the recording or more carries an offset. Its baseline is then followed by
 * asymmetric least squares (follow_baseline), drift and all, and taken
 * off; what is left at rest, within the noise, is no load.
 *
 * When most of the cells that are ever loaded never unload, the foot stood
 * still on the sensor the whole time (a standing recording): that is the
 * load itself, and it is left alone.
 */

#define REST_MS       3000.0
#define MIN_FRAMES    8
#define SMOOTH_MS     1500.0   /* the baseline follows nothing faster */
#define ALS_P         0.01
#define ALS_ROUNDS    12

/* Running minimum (or maximum) over a centred window of 2 h + 1 values,
 * by blocks (van Herk, Gil & Werman): three passes, whatever the window. */
static void
running_extreme (const float *in,
                 float       *out,
                 guint        n,
                 guint        h,
                 gboolean     maximum,
                 float       *g,
                 float       *r)
{
  guint k = 2 * h + 1;

#define PICK(a, b) (maximum ? MAX ((a), (b)) : MIN ((a), (b)))
  for (guint i = 0; i < n; i++)
    g[i] = i % k == 0 ? in[i] : PICK (g[i - 1], in[i]);
  for (guint i = n; i-- > 0;)
    r[i] = (i == n - 1 || (i + 1) % k == 0) ? in[i] : PICK (r[i + 1], in[i]);
  for (guint i = 0; i < n; i++)
    {
      guint lo = i >= h ? i - h : 0, hi = MIN (n - 1, i + h);
      /* [lo, hi] spans at most two blocks: the suffix of lo's, the prefix of hi's */
      if (lo / k == hi / k)
        {
          float v = in[lo];
          for (guint j = lo + 1; j <= hi; j++)
            v = PICK (v, in[j]);
          out[i] = v;
        }
      else
        out[i] = PICK (r[lo], g[hi]);
    }
#undef PICK
}

/* The baseline of one cell's values @v: asymmetric least squares (Eilers
 * and Boelens), a curve as smooth as @lambda asks that the values above it
 * pull at with weight ALS_P and those below with 1 - ALS_P, found again
 * with the weights from the last curve. Loads sit above it and are all
 * but ignored; an offset and its drift are followed, to the ends of the
 * recording. The system (W + λ D'D) b = W v, with D the second
 * difference, is symmetric and five-banded: solved by LDL'. @work holds
 * 6 n doubles. */
static void
follow_baseline (const float *v,
                 guint        n,
                 double       lambda,
                 double      *work,
                 float       *base)
{
  double *a0 = work, *a1 = a0 + n, *a2 = a1 + n, *d = a2 + n, *l1 = d + n, *l2 = l1 + n;

  for (guint f = 0; f < n; f++)
    base[f] = v[f];
  if (n < 3)
    return;
  for (int it = 0; it < ALS_ROUNDS; it++)
    {
      /* λ D'D: each row of D, (1, -2, 1) at i, i + 1, i + 2 */
      memset (a0, 0, 3 * n * sizeof (double));
      for (guint i = 0; i + 2 < n; i++)
        {
          a0[i] += lambda;
          a0[i + 1] += 4 * lambda;
          a0[i + 2] += lambda;
          a1[i] -= 2 * lambda;
          a1[i + 1] -= 2 * lambda;
          a2[i] += lambda;
        }
      for (guint f = 0; f < n; f++)
        {
          double w = it == 0 ? 1 : v[f] > base[f] ? ALS_P : 1 - ALS_P;
          a0[f] += w;
          /* the right-hand side, W v, kept in l2 until it is needed */
          l2[f] = w * v[f];
        }
      /* LDL', with L's two bands below the diagonal in l1 (i, i - 1) and
       * the right-hand side moved into base as it is solved */
      for (guint i = 0; i < n; i++)
        {
          double rhs = l2[i], m2 = 0, m1 = 0;
          if (i >= 2)
            m2 = a2[i - 2] / d[i - 2];
          if (i >= 1)
            m1 = (a1[i - 1] - (i >= 2 ? m2 * d[i - 2] * l1[i - 1] : 0)) / d[i - 1];
          d[i] = a0[i] - (i >= 1 ? m1 * m1 * d[i - 1] : 0) - (i >= 2 ? m2 * m2 * d[i - 2] : 0);
          l1[i] = m1;
          /* L y = b, y overwrites a0 (no longer needed at i) */
          a0[i] = rhs - (i >= 1 ? m1 * a0[i - 1] : 0) - (i >= 2 ? m2 * a0[i - 2] : 0);
          /* the band two below, kept for the back substitution in a2's slot */
          if (i >= 2)
            a2[i - 2] = m2;
        }
      for (guint i = n; i-- > 0;)
        {
          double x = a0[i] / d[i];
          if (i + 1 < n)
            x -= l1[i + 1] * base[i + 1];
          if (i + 2 < n)
            x -= a2[i] * base[i + 2];
          base[i] = (float) x;
        }
    }
}

/**
 * plantar_remove_baseline:
 * @noise: values at or below it are no load
 * @n_cells: (out): how many cells had a baseline taken off
 * @largest: (out): the largest baseline taken off
 *
 * Returns: (transfer full) (nullable): a copy of @scan with the baseline
 *   of each cell that never unloads taken off, or %NULL when no cell
 *   carries one (or the foot stood still throughout)
 */
PlantarScan *
plantar_remove_baseline (const PlantarScan *scan,
                         double             noise,
                         guint             *n_cells,
                         double            *largest)
{
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  guint n = plantar_scan_get_n_frames (scan);
  gsize cells = (gsize) w * h;
  double frame_ms = plantar_scan_get_frame_ms (scan) > 0 ? plantar_scan_get_frame_ms (scan) : 10;
  guint half = (guint) MIN ((double) n, ceil (REST_MS / frame_ms / 2));
  g_autofree float *series = NULL, *low = NULL, *base = NULL, *g = NULL, *r = NULL;
  g_autofree guint8 *offset = NULL;
  g_autofree double *work = NULL;
  guint loaded = 0, carrying = 0;
  double peak = 0, floor_value;
  /* the smoother's half-power period, SMOOTH_MS: 2π λ^¼ frames */
  double lambda = pow (SMOOTH_MS / frame_ms / (2 * G_PI), 4);
  PlantarScan *copy;

  *n_cells = 0;
  *largest = 0;
  if (!plantar_scan_is_pressure (scan) || n < MIN_FRAMES)
    return NULL;

  series = g_new (float, n);
  low = g_new (float, n);
  base = g_new (float, n);
  g = g_new (float, n);
  r = g_new (float, n);
  offset = g_new0 (guint8, cells);

  for (guint f = 0; f < n; f++)
    {
      const float *v = plantar_scan_get_frame (scan, f);
      for (gsize c = 0; c < cells; c++)
        peak = MAX (peak, v[c]);
    }
  /* below a hundredth of the peak is noise, whatever the threshold */
  floor_value = MAX (noise, 0.01 * peak);

  for (gsize c = 0; c < cells; c++)
    {
      guint above = 0;
      float top = 0;

      if (!plantar_scan_cell_present (scan, c % w, c / w))
        continue;
      for (guint f = 0; f < n; f++)
        {
          series[f] = plantar_scan_get_frame (scan, f)[c];
          top = MAX (top, series[f]);
        }
      if (top <= floor_value)
        continue;
      loaded++;
      running_extreme (series, low, n, half, FALSE, g, r);
      for (guint f = 0; f < n; f++)
        above += low[f] > floor_value;
      /* resting above the noise over a quarter of the recording at least:
       * a step never loads a cell for a whole window */
      if (above * 4 >= n)
        {
          offset[c] = 1;
          carrying++;
        }
    }
  if (carrying == 0 || carrying * 2 > loaded)
    return NULL;

  copy = plantar_scan_copy (scan);
  work = g_new (double, 6 * (gsize) n);
  for (gsize c = 0; c < cells; c++)
    {
      if (!offset[c])
        continue;
      for (guint f = 0; f < n; f++)
        series[f] = plantar_scan_get_frame (scan, f)[c];
      follow_baseline (series, n, lambda, work, base);
      for (guint f = 0; f < n; f++)
        {
          float *v = plantar_scan_get_frame_mutable (copy, f);
          float left = series[f] - base[f];
          /* what is left at rest is the sensor's noise, not a load */
          v[c] = left > floor_value ? left : 0.0f;
          *largest = MAX (*largest, base[f]);
        }
    }
  *n_cells = carrying;
  return copy;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-force"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "plantar-force-curve.h"
#include "plantar-render.h"

#define GRAVITY 9.80665

gboolean
plantar_force_curve_draw (cairo_t           *cr,
                          const PlantarGait *gait,
                          double             mass_kg,
                          PlantarSide        emphasis,
                          double             width,
                          double             height,
                          gboolean           dark)
{
  double mean[2][PLANTAR_GAIT_CURVE_POINTS] = { { 0 } };
  guint count[2] = { 0 };
  double weight_n = mass_kg > 0 && isfinite (mass_kg) ? mass_kg * GRAVITY : 0;
  double top = 0, step, size = CLAMP (height / 16, 8, 11);
  double left = size * 4.2, bottom = height - size * 2.4, right = width - (weight_n > 0 ? size * 3.8 : 4);
  double upper = size * 2;
  double plot_w = right - left, plot_h = bottom - upper;
  double ink = dark ? 0.93 : 0.2, dim = dark ? 0.75 : 0.37;

  if (gait == NULL || gait->steps == NULL || plot_w < 40 || plot_h < 30)
    return FALSE;
  for (guint i = 0; i < gait->steps->len; i++)
    {
      const PlantarGaitStep *s = &g_array_index (gait->steps, PlantarGaitStep, i);
      int k = s->side == PLANTAR_SIDE_RIGHT;
      if (!isfinite (s->force_n[0]))
        continue;
      for (guint p = 0; p < PLANTAR_GAIT_CURVE_POINTS; p++)
        {
          mean[k][p] += s->force_n[p];
          top = MAX (top, s->force_n[p]);
        }
      count[k]++;
    }
  if (count[0] + count[1] == 0 || !(top > 0))
    return FALSE;
  step = plantar_render_nice_step (top / 4);
  top = ceil (top / step) * step;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* the grid and its numbers */
  for (double v = 0; v <= top + 1e-9; v += step)
    {
      char label[32];
      double y = round (bottom - v / top * plot_h) + 0.5;
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      plantar_render_grid_line (cr, v == 0, dark);
      g_snprintf (label, sizeof label, "%.0f", v);
      cairo_set_source_rgb (cr, dim, dim, dim);
      plantar_render_chart_text (cr, left - 4, y, 1, label, size);
    }
  /* TRANSLATORS: the force axis: newtons */
  plantar_render_chart_text (cr, left - 4, size * 0.7, 1, _("N"), size);
  /* with the body mass known, the same force in % of body weight on the right */
  if (weight_n > 0)
    {
      double top_bw = top / weight_n * 100, step_bw = plantar_render_nice_step (top_bw / 4);
      for (double bw = 0; bw <= top_bw + 1e-9; bw += step_bw)
        {
          char label[32];
          g_snprintf (label, sizeof label, "%.0f", bw);
          cairo_set_source_rgb (cr, dim, dim, dim);
          plantar_render_chart_text (cr, right + 4, bottom - bw / 100 * weight_n / top * plot_h, 0, label, size);
        }
      /* TRANSLATORS: the force axis: percent of body weight */
      plantar_render_chart_text (cr, right + 4, size * 0.7, 0, _("% BW"), size);
    }
  for (int pct = 0; pct <= 100; pct += 25)
    {
      char label[32];
      double x = left + pct / 100.0 * plot_w;
      g_snprintf (label, sizeof label, "%d %%", pct);
      cairo_set_source_rgb (cr, dim, dim, dim);
      plantar_render_chart_text (cr, x, bottom + size * 0.9, pct == 0 ? 0 : pct == 100 ? 1 : 0.5, label, size);
    }
  plantar_render_chart_text (cr, left + plot_w / 2, bottom + size * 1.9, 0.5, _("of the stance, from heel strike to toe-off"), size);

  /* the other side first, then the one in view; each step, then the mean */
  for (int pass = 0; pass < 2; pass++)
    {
      int k = emphasis == PLANTAR_SIDE_UNKNOWN ? pass : (pass == 0) == (emphasis == PLANTAR_SIDE_LEFT);
      double strength = emphasis == PLANTAR_SIDE_UNKNOWN || pass == 1 ? 1 : 0.45;
      if (count[k] == 0)
        continue;
      for (guint i = 0; i < gait->steps->len; i++)
        {
          const PlantarGaitStep *s = &g_array_index (gait->steps, PlantarGaitStep, i);
          if ((s->side == PLANTAR_SIDE_RIGHT) != k || !isfinite (s->force_n[0]))
            continue;
          for (guint p = 0; p < PLANTAR_GAIT_CURVE_POINTS; p++)
            {
              double x = left + (double) p / (PLANTAR_GAIT_CURVE_POINTS - 1) * plot_w;
              double y = bottom - s->force_n[p] / top * plot_h;
              if (p == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          plantar_render_side_rgba (cr, k, 0.22 * strength);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
      for (guint p = 0; p < PLANTAR_GAIT_CURVE_POINTS; p++)
        {
          double x = left + (double) p / (PLANTAR_GAIT_CURVE_POINTS - 1) * plot_w;
          double y = bottom - mean[k][p] / count[k] / top * plot_h;
          if (p == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      plantar_render_side_rgba (cr, k, strength);
      cairo_set_line_width (cr, 2.4);
      cairo_stroke (cr);
    }

  /* which is which */
  for (int k = 0; k < 2; k++)
    {
      double x = right - (1 - k) * size * 5.5 - size * 5;
      if (count[k] == 0)
        continue;
      cairo_move_to (cr, x, size * 0.7);
      cairo_line_to (cr, x + size * 1.4, size * 0.7);
      plantar_render_side_rgba (cr, k, 1);
      cairo_set_line_width (cr, 2.4);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, ink, ink, ink);
      plantar_render_chart_text (cr, x + size * 1.8, size * 0.7, 0, k ? _("Right") : _("Left"), size);
    }
  cairo_restore (cr);
  return TRUE;
}

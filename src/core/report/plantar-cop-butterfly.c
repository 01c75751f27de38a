/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-butterfly"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "plantar-cop-butterfly.h"
#include "plantar-render.h"

static void
loaded_rgba (cairo_t *cr,
             guint8   loaded,
             gboolean dark,
             double   alpha)
{
  if (loaded == 1 || loaded == 2)
    plantar_render_side_rgba (cr, loaded - 1, alpha);
  else if (dark)
    cairo_set_source_rgba (cr, 0.85, 0.85, 0.85, alpha);
  else
    cairo_set_source_rgba (cr, 0.35, 0.35, 0.35, alpha);
}

gboolean
plantar_cop_butterfly_draw (cairo_t           *cr,
                            const PlantarGait *gait,
                            double             width,
                            double             height,
                            gboolean           dark)
{
  double size = CLAMP (height / 18, 8, 11), ink = dark ? 0.93 : 0.2, dim = dark ? 0.75 : 0.37;
  double min_x = 0, max_x = 0, min_y = 0, max_y = 0, sx, sy, cx, cy, bar;
  double top = size * 2.2, bottom = height - size * 1.8, left = size * 2.5;
  char label[32];

  if (gait == NULL || gait->cop == NULL || gait->cop->len < 2 || width < 60 || bottom - top < 40)
    return FALSE;
  for (guint i = 0; i < gait->cop->len; i++)
    {
      const PlantarGaitCop *p = &g_array_index (gait->cop, PlantarGaitCop, i);
      min_x = MIN (min_x, p->across_mm);
      max_x = MAX (max_x, p->across_mm);
      min_y = MIN (min_y, p->along_mm);
      max_y = MAX (max_y, p->along_mm);
    }
  /* across and along each to their own scale, as gait labs draw it: along
   * the belt the path runs the length of a stance, across only the width
   * of a step, and the wings show only when across is drawn wider */
  sx = (width - left - 8) / MAX (max_x - min_x, 40);
  sy = (bottom - top) / MAX (max_y - min_y, 40);
  cx = (left + width - 4) / 2 - (min_x + max_x) / 2 * sx;
  cy = (top + bottom) / 2 + (min_y + max_y) / 2 * sy;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* the walk's line, dashed */
  {
    double dash[] = { 3, 3 };
    cairo_set_dash (cr, dash, 2, 0);
    cairo_move_to (cr, round (cx) + 0.5, top);
    cairo_line_to (cr, round (cx) + 0.5, bottom);
    cairo_set_source_rgba (cr, dim, dim, dim, 0.5);
    cairo_set_line_width (cr, 1);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  /* each frame to the next, in the colour of who is on the belt */
  cairo_set_line_width (cr, 1.2);
  for (guint i = 1; i < gait->cop->len; i++)
    {
      const PlantarGaitCop *a = &g_array_index (gait->cop, PlantarGaitCop, i - 1);
      const PlantarGaitCop *b = &g_array_index (gait->cop, PlantarGaitCop, i);
      double jump = hypot (b->across_mm - a->across_mm, b->along_mm - a->along_mm);
      /* a gap in the loaded frames is not a line, nor a step left out
       * (cut by the recording's start or end) */
      if (jump > 0.5 * MAX (max_x - min_x, max_y - min_y) || b->loaded == 0)
        continue;
      cairo_move_to (cr, cx + a->across_mm * sx, cy - a->along_mm * sy);
      cairo_line_to (cr, cx + b->across_mm * sx, cy - b->along_mm * sy);
      loaded_rgba (cr, b->loaded, dark, 0.55);
      cairo_stroke (cr);
    }

  /* the key, and a scale bar */
  cairo_set_source_rgb (cr, ink, ink, ink);
  for (int k = 0; k < 3; k++)
    {
      double x = size * 0.5 + k * (width - size) / 3;
      cairo_move_to (cr, x, size * 0.8);
      cairo_line_to (cr, x + size * 1.4, size * 0.8);
      loaded_rgba (cr, k == 0 ? 1 : k == 1 ? 2 : 3, dark, 1);
      cairo_set_line_width (cr, 2.4);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, ink, ink, ink);
      plantar_render_chart_text (cr, x + size * 1.8, size * 0.8, 0,
                                 k == 0 ? _("Left") : k == 1 ? _("Right") : _("Both feet"), size);
    }
  /* a scale bar each way */
  bar = plantar_render_nice_step ((max_x - min_x) / 3);
  cairo_move_to (cr, width - 4 - bar * sx, bottom + size * 0.9);
  cairo_line_to (cr, width - 4, bottom + size * 0.9);
  cairo_set_source_rgb (cr, dim, dim, dim);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  g_snprintf (label, sizeof label, "%.0f mm", bar);
  plantar_render_chart_text (cr, width - 8 - bar * sx, bottom + size * 0.9, 1, label, size);
  bar = plantar_render_nice_step ((max_y - min_y) / 3);
  cairo_move_to (cr, size * 0.8, bottom);
  cairo_line_to (cr, size * 0.8, bottom - bar * sy);
  cairo_stroke (cr);
  g_snprintf (label, sizeof label, "%.0f mm", bar);
  cairo_save (cr);
  cairo_translate (cr, size * 1.9, bottom - bar * sy / 2);
  cairo_rotate (cr, -G_PI / 2);
  plantar_render_chart_text (cr, 0, 0, 0.5, label, size);
  cairo_restore (cr);
  /* TRANSLATORS: under the butterfly, the way the person walks on it */
  plantar_render_chart_text (cr, left, bottom + size * 0.9, 0, _("↑ walking"), size);
  cairo_restore (cr);
  return TRUE;
}

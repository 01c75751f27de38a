/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "plantar-map.h"

/* What a map is read with: the colour bar of its scale and a bar of known
 * length, drawn beside it on screen and in the report. */

/* A colour bar: upright when @height > @width (ticks on the right), else
 * lying (ticks under it, the unit after it). */
void
plantar_map_draw_legend (cairo_t         *cr,
                         PlantarColormap  colormap,
                         double           max_kpa,
                         const char      *unit,
                         double           x,
                         double           y,
                         double           width,
                         double           height,
                         gboolean         dark)
{
  const guint32 *table = plantar_colormap_get_table (colormap);
  gboolean upright = height > width;
  double bar = upright ? MIN (14, width * 0.35) : MIN (10, height * 0.4);
  double length = upright ? height : width - 34;
  cairo_pattern_t *gradient = upright ? cairo_pattern_create_linear (0, y + height, 0, y)
                                      : cairo_pattern_create_linear (x, 0, x + length, 0);
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  double step, text = dark ? 0.92 : 0.15;

  for (guint i = 0; i <= 256; i += 16)
    {
      guint32 c = table[MIN (i, 255)];
      cairo_pattern_add_color_stop_rgb (gradient, MIN (i, 255) / 255.0, ((c >> 16) & 0xff) / 255.0,
                                        ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0);
    }
  cairo_save (cr);
  if (upright)
    cairo_rectangle (cr, x, y, bar, length);
  else
    cairo_rectangle (cr, x, y, length, bar);
  cairo_set_source (cr, gradient);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, text, text, text, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_pattern_destroy (gradient);

  pango_font_description_set_absolute_size (font, 11 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  /* ticks no closer than about 40 px */
  step = max_kpa <= 120 ? 20 : max_kpa <= 300 ? 50 : max_kpa <= 700 ? 100 : max_kpa <= 1500 ? 250 : 500;
  while (length / (max_kpa / step) < (upright ? 26 : 40))
    step *= 2;
  cairo_set_source_rgb (cr, text, text, text);
  for (double v = 0; v <= max_kpa + 1e-9; v += step)
    {
      double t = length * v / max_kpa;
      char number[32];
      int tw, th;
      g_snprintf (number, sizeof number, "%.0f", v);
      pango_layout_set_text (layout, number, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      if (upright)
        {
          double ty = y + height - t;
          cairo_move_to (cr, x + bar, ty);
          cairo_line_to (cr, x + bar + 4, ty);
          cairo_stroke (cr);
          cairo_move_to (cr, x + bar + 6, ty - th / 2.0);
        }
      else
        {
          double tx = x + t;
          cairo_move_to (cr, tx, y + bar);
          cairo_line_to (cr, tx, y + bar + 3);
          cairo_stroke (cr);
          cairo_move_to (cr, CLAMP (tx - tw / 2.0, x - 2, x + length - tw + 2), y + bar + 3);
        }
      pango_cairo_show_layout (cr, layout);
    }
  if (unit != NULL)
    {
      int tw, th;
      pango_layout_set_text (layout, unit, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      if (upright)
        cairo_move_to (cr, x, y - th - 4);
      else
        cairo_move_to (cr, x + length + 6, y + bar / 2 - th / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_restore (cr);
}

void
plantar_map_draw_scale_bar (cairo_t  *cr,
                            double    px_per_mm,
                            double    x,
                            double    y,
                            double    max_width,
                            gboolean  dark)
{
  static const double lengths[] = { 200, 100, 50, 20, 10, 5, 2, 1 };
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  double mm = 1, text = dark ? 0.92 : 0.15, w;
  char caption[32];
  int tw, th;

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    if (lengths[i] * px_per_mm <= max_width)
      {
        mm = lengths[i];
        break;
      }
  w = mm * px_per_mm;

  pango_font_description_set_absolute_size (font, 11 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  /* TRANSLATORS: the length of the scale bar */
  g_snprintf (caption, sizeof caption, _("%.0f mm"), mm);
  pango_layout_set_text (layout, caption, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);

  cairo_save (cr);
  /* on a plate of the background, so that it reads over a white page too */
  {
    double left = MIN (x, x + w / 2 - tw / 2.0) - 5, right = MAX (x + w, x + w / 2 + tw / 2.0) + 5;
    double top = y - th - 9, bottom = y + 4, r = 4;
    double bg = dark ? 0.14 : 1.0;
    cairo_new_sub_path (cr);
    cairo_arc (cr, right - r, top + r, r, -G_PI / 2, 0);
    cairo_arc (cr, right - r, bottom - r, r, 0, G_PI / 2);
    cairo_arc (cr, left + r, bottom - r, r, G_PI / 2, G_PI);
    cairo_arc (cr, left + r, top + r, r, G_PI, 3 * G_PI / 2);
    cairo_close_path (cr);
    cairo_set_source_rgba (cr, bg, bg, bg, 0.8);
    cairo_fill (cr);
  }
  cairo_set_source_rgb (cr, text, text, text);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, x, y - 5);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x + w, y);
  cairo_line_to (cr, x + w, y - 5);
  cairo_stroke (cr);
  cairo_move_to (cr, x + w / 2 - tw / 2.0, y - th - 6);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

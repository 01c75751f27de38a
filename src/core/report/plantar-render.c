/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-render"

#include "config.h"

#include <math.h>

#include "plantar-analysis-private.h"
#include "plantar-render.h"

/*
 * Scans as Cairo image surfaces, one pixel per cell: the window, the report
 * and the tests draw them at whatever size with Cairo's own scaling.
 */

/* A cell without a sensor: a faint neutral, so it reads apart from a sensor
 * that felt nothing (fully transparent). Premultiplied ARGB. */
#define NO_SENSOR 0x30707070u

/**
 * plantar_render_pressure:
 * @values: width × height values (a frame, or the peak)
 * @max_value: the value drawn with the top colour (a fixed scale, or the
 *   largest value for "auto")
 *
 * Returns: (transfer full): an ARGB32 surface of width × height pixels
 */
cairo_surface_t *
plantar_render_pressure (const PlantarScan *scan,
                         const float       *values,
                         PlantarColormap    map,
                         double             max_value)
{
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  const guint8 *mask = plantar_scan_get_mask (scan);
  const guint32 *table = plantar_colormap_get_table (map);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  float scale = max_value > 0 ? 255.0f / max_value : 0;

  cairo_surface_flush (surface);
  for (guint y = 0; y < h; y++)
    {
      guint32 *row = (guint32 *) (void *) (data + (gsize) y * stride);
      for (guint x = 0; x < w; x++)
        {
          gsize i = (gsize) y * w + x;
          if (mask != NULL && !mask[i])
            row[x] = NO_SENSOR;
          else if (values[i] <= 0)
            row[x] = 0;
          else
            row[x] = 0xff000000u | table[(guint) MIN (values[i] * scale + 0.5f, 255.0f)];
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/**
 * plantar_render_image:
 *
 * A footprint image as it was scanned: in grey, or a photo in its colours.
 */
cairo_surface_t *
plantar_render_image (const PlantarScan *scan)
{
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  const guint8 *px = plantar_scan_get_pixels (scan), *rgb = plantar_scan_get_rgb (scan);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (guint y = 0; y < h; y++)
    {
      guint32 *row = (guint32 *) (void *) (data + (gsize) y * stride);
      const guint8 *src = px + (gsize) y * w;
      if (rgb != NULL)
        {
          const guint8 *c = rgb + (gsize) y * w * 3;
          for (guint x = 0; x < w; x++, c += 3)
            row[x] = 0xff000000u | (guint32) c[0] << 16 | (guint32) c[1] << 8 | c[2];
        }
      else
        for (guint x = 0; x < w; x++)
          row[x] = 0xff000000u | (guint32) src[x] * 0x010101u;
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/**
 * plantar_render_foot_map:
 * @cr: a context whose user space is the scan's, in mm
 *
 * The pressures a foot was measured on (for a step, its peaks laid out as
 * the heel struck), where they lie.
 */
PangoLayout *
plantar_render_layout (cairo_t    *cr,
                       const char *text,
                       double      size_px,
                       gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size_px * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

void
plantar_render_chart_text (cairo_t    *cr,
                           double      x,
                           double      y,
                           double      align,
                           const char *text,
                           double      size_px)
{
  g_autoptr(PangoLayout) layout = plantar_render_layout (cr, text, size_px, FALSE);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, round (x - align * w), round (y - h / 2.0));
  pango_cairo_show_layout (cr, layout);
}

void
plantar_render_side_rgba (cairo_t *cr,
                          int      side_index,
                          double   alpha)
{
  if (side_index == 0)
    cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, alpha);
  else
    cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, alpha);
}

void
plantar_render_grid_line (cairo_t  *cr,
                          gboolean  zero,
                          gboolean  dark)
{
  if (dark)
    cairo_set_source_rgba (cr, 1, 1, 1, zero ? 0.5 : 0.14);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, zero ? 0.45 : 0.12);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

double
plantar_render_nice_step (double target)
{
  double p = pow (10, floor (log10 (target))), f = target / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

void
plantar_render_foot_map (cairo_t           *cr,
                         const PlantarFoot *foot,
                         PlantarColormap    map,
                         double             max_value)
{
  const PlantarFootprint *fp = foot->footprint;
  const guint32 *table = plantar_colormap_get_table (map);
  cairo_surface_t *surface;
  guint8 *data;
  int stride;
  float scale = max_value > 0 ? 255.0f / max_value : 0;

  if (fp == NULL)
    return;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, fp->width, fp->height);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  cairo_surface_flush (surface);
  for (guint y = 0; y < fp->height; y++)
    {
      guint32 *row = (guint32 *) (void *) (data + (gsize) y * stride);
      for (guint x = 0; x < fp->width; x++)
        {
          gsize i = (gsize) y * fp->width + x;
          float v = fp->own[i] ? fp->load[i] : 0;
          row[x] = v > fp->threshold ? 0xff000000u | table[(guint) MIN (v * scale + 0.5f, 255.0f)] : 0;
        }
    }
  cairo_surface_mark_dirty (surface);

  cairo_save (cr);
  cairo_translate (cr, fp->x0, fp->y0);
  cairo_scale (cr, fp->cell_w, fp->cell_h);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (surface);
}

/* ------------------------------------------------------------ overlays */

static void
line_mm (cairo_t      *cr,
         PlantarPoint  a,
         PlantarPoint  b)
{
  cairo_move_to (cr, a.x, a.y);
  cairo_line_to (cr, b.x, b.y);
}

static PlantarPoint
along (const PlantarFoot *foot,
       double             u,
       double             w)
{
  double ax = sin (foot->axis_deg * G_PI / 180), ay = -cos (foot->axis_deg * G_PI / 180);
  PlantarPoint p = { foot->heel_back.x + u * ax + w * ay, foot->heel_back.y + u * ay - w * ax };
  return p;
}

static void
stroke_with_halo (cairo_t *cr,
                  double   r,
                  double   g,
                  double   b,
                  double   width)
{
  /* a light halo under every mark: readable on a print and on a map */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, width * 2.6);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
dot (cairo_t      *cr,
     PlantarPoint  p,
     double        radius,
     double        r,
     double        g,
     double        b)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, p.x, p.y, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, radius / 2.5);
  cairo_stroke (cr);
}

/**
 * plantar_render_overlays:
 * @cr: a context whose user space is the scan's, in mm
 * @px_per_mm: how many device pixels a mm is, to keep lines thin
 *
 * Draws what was measured on @foot: the axis, the thirds of the arch
 * index, the heel centre and width, the toe line, the centre-of-pressure
 * path and the peak pressure. The window, the report and plantar-cli draw
 * with this.
 */
void
plantar_render_overlays (cairo_t           *cr,
                         const PlantarFoot *foot,
                         PlantarOverlays    overlays,
                         double             px_per_mm)
{
  double lw = 1.6 / px_per_mm;
  double len = foot->toeless_length_mm;
  double half = 0.5 * MAX (foot->ball_width_mm, 60) + 6;

  if (!isfinite (len))
    return;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (overlays & PLANTAR_OVERLAY_THIRDS)
    {
      static const double dash[] = { 4, 3 };
      double d[2] = { dash[0] / px_per_mm, dash[1] / px_per_mm };
      for (int k = 0; k <= 3; k++)
        line_mm (cr, along (foot, k * len / 3, -half), along (foot, k * len / 3, half));
      cairo_set_dash (cr, d, 2, 0);
      stroke_with_halo (cr, 0.13, 0.45, 0.80, lw);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (overlays & PLANTAR_OVERLAY_AXIS)
    {
      line_mm (cr, foot->heel_back, foot->has_toes ? foot->toe_tip : foot->ball_front);
      stroke_with_halo (cr, 0.88, 0.11, 0.14, lw);
    }

  if ((overlays & PLANTAR_OVERLAY_TOE_LINE) && foot->has_toes)
    {
      line_mm (cr, foot->toe_line[0], foot->toe_line[1]);
      stroke_with_halo (cr, 0.90, 0.38, 0.0, lw);
    }

  if ((overlays & PLANTAR_OVERLAY_COP) && foot->cop_path && foot->cop_path->len > 1)
    {
      for (guint i = 0; i < foot->cop_path->len; i++)
        {
          PlantarCopPoint *p = &g_array_index (foot->cop_path, PlantarCopPoint, i);
          if (i == 0)
            cairo_move_to (cr, p->x, p->y);
          else
            cairo_line_to (cr, p->x, p->y);
        }
      stroke_with_halo (cr, 0.1, 0.1, 0.1, lw);
    }

  if (overlays & PLANTAR_OVERLAY_HEEL)
    {
      double ax = sin (foot->axis_deg * G_PI / 180), ay = -cos (foot->axis_deg * G_PI / 180);
      double hw = foot->heel_width_mm / 2;
      PlantarPoint a = { foot->heel_centre.x - hw * ay, foot->heel_centre.y + hw * ax };
      PlantarPoint b = { foot->heel_centre.x + hw * ay, foot->heel_centre.y - hw * ax };
      line_mm (cr, a, b);
      stroke_with_halo (cr, 0.38, 0.21, 0.51, lw);
      dot (cr, foot->heel_centre, 3.2 / px_per_mm + 1.5, 0.38, 0.21, 0.51);
      if (foot->has_toes)
        dot (cr, foot->toe_tip, 3.2 / px_per_mm + 1.2, 0.88, 0.11, 0.14);
    }

  cairo_restore (cr);
}

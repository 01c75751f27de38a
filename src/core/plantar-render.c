/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-render"

#include "config.h"

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
 * A footprint image as it was scanned, in grey.
 */
cairo_surface_t *
plantar_render_image (const PlantarScan *scan)
{
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  const guint8 *px = plantar_scan_get_pixels (scan);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (guint y = 0; y < h; y++)
    {
      guint32 *row = (guint32 *) (void *) (data + (gsize) y * stride);
      const guint8 *src = px + (gsize) y * w;
      for (guint x = 0; x < w; x++)
        row[x] = 0xff000000u | (guint32) src[x] * 0x010101u;
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

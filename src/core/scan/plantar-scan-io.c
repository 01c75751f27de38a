/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-scan-io"

#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <png.h>
#include <zlib.h>
#include <stdio.h>

#include "plantar-json-source.h"
#include "plantar-scan-io.h"

static mode_t
current_umask (void)
{
  mode_t mask = umask (022);
  umask (mask);
  return mask;
}

/**
 * plantar_scan_save_png:
 *
 * Writes a footprint image as an 8-bit grey PNG, with its scale in the pHYs
 * chunk when it has one. The file is written beside @path and renamed over
 * it, so a failure never leaves half a file.
 */
gboolean
plantar_scan_save_png (const PlantarScan  *scan,
                       const char         *path,
                       GError            **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  const guint8 *pixels = plantar_scan_get_pixels (scan);
  guint width = plantar_scan_get_width (scan);
  guint height = plantar_scan_get_height (scan);
  png_structp png = NULL;
  png_infop info = NULL;
  FILE *fp;
  int fd;

  g_return_val_if_fail (pixels != NULL, FALSE);

  fd = g_mkstemp_full (tmp, O_RDWR, 0666 & ~current_umask ());
  if (fd < 0 || (fp = fdopen (fd, "wb")) == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  info = png_create_info_struct (png);
  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      fclose (fp);
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the PNG “%s”"), path);
      return FALSE;
    }

  png_init_io (png, fp);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (plantar_scan_has_scale (scan))
    png_set_pHYs (png, info,
                  (png_uint_32) lround (1000.0 / plantar_scan_get_cell_width_mm (scan)),
                  (png_uint_32) lround (1000.0 / plantar_scan_get_cell_height_mm (scan)),
                  PNG_RESOLUTION_METER);
  png_write_info (png, info);
  for (guint y = 0; y < height; y++)
    png_write_row (png, pixels + (gsize) y * width);
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);

  if (fclose (fp) != 0 || g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * plantar_scan_to_grid:
 *
 * A pressure scan in Plantar's generic grid format: "# key: value" header
 * lines, one row of kPa per line, frames separated by blank lines. Plantar
 * reads it back exactly (to the 0.01 kPa written).
 */
GString *
plantar_scan_to_grid (const PlantarScan *scan)
{
  GString *out = g_string_new (NULL);
  guint width = plantar_scan_get_width (scan);
  guint height = plantar_scan_get_height (scan);
  const guint8 *mask = plantar_scan_get_mask (scan);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (plantar_scan_is_pressure (scan), out);

  g_string_append (out, "# Plantar pressure grid\n");
  if (plantar_scan_has_scale (scan))
    {
      if (plantar_scan_get_cell_width_mm (scan) == plantar_scan_get_cell_height_mm (scan))
        g_string_append_printf (out, "# cell_mm: %s\n",
                                g_ascii_formatd (buf, sizeof buf, "%.4g", plantar_scan_get_cell_width_mm (scan)));
      else
        {
          g_string_append_printf (out, "# cell_width_mm: %s\n",
                                  g_ascii_formatd (buf, sizeof buf, "%.4g", plantar_scan_get_cell_width_mm (scan)));
          g_string_append_printf (out, "# cell_height_mm: %s\n",
                                  g_ascii_formatd (buf, sizeof buf, "%.4g", plantar_scan_get_cell_height_mm (scan)));
        }
    }
  g_string_append_printf (out, "# units: %s\n",
                          plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_RAW ? "raw" : "kPa");
  if (plantar_scan_get_frame_ms (scan) > 0)
    g_string_append_printf (out, "# frame_ms: %s\n",
                            g_ascii_formatd (buf, sizeof buf, "%.6g", plantar_scan_get_frame_ms (scan)));
  if (plantar_scan_get_side (scan) != PLANTAR_SIDE_UNKNOWN)
    g_string_append_printf (out, "# side: %s\n", plantar_side_to_string (plantar_scan_get_side (scan)));
  if (plantar_scan_get_subject (scan))
    g_string_append_printf (out, "# subject: %s\n", plantar_scan_get_subject (scan));
  if (plantar_scan_get_device (scan))
    g_string_append_printf (out, "# device: %s\n", plantar_scan_get_device (scan));
  if (plantar_scan_get_date (scan))
    g_string_append_printf (out, "# date: %s\n", plantar_scan_get_date (scan));

  for (guint f = 0; f < plantar_scan_get_n_frames (scan); f++)
    {
      const float *values = plantar_scan_get_frame (scan, f);

      if (f > 0)
        g_string_append_c (out, '\n');
      for (guint y = 0; y < height; y++)
        {
          for (guint x = 0; x < width; x++)
            {
              gsize i = (gsize) y * width + x;
              if (x > 0)
                g_string_append_c (out, ',');
              if (mask != NULL && !mask[i])
                g_string_append_c (out, 'B');
              else if (values[i] == 0)
                g_string_append_c (out, '0');
              else
                g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", values[i]));
            }
          g_string_append_c (out, '\n');
        }
    }
  return out;
}

/* gzip, for a path ending in ".gz": a recording is mostly zeros. */
static GBytes *
gzip_bytes (const char *data,
            gsize       length)
{
  z_stream z = { 0 };
  gsize bound;
  guint8 *out;
  int status;

  if (deflateInit2 (&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    return NULL;
  bound = deflateBound (&z, length) + 64;
  out = g_malloc (bound);
  z.next_in = (Bytef *) data;
  z.avail_in = length;
  z.next_out = out;
  z.avail_out = bound;
  status = deflate (&z, Z_FINISH);
  deflateEnd (&z);
  if (status != Z_STREAM_END)
    {
      g_free (out);
      return NULL;
    }
  return g_bytes_new_take (out, z.total_out);
}

gboolean
plantar_scan_save_grid (const PlantarScan  *scan,
                        const char         *path,
                        GError            **error)
{
  g_autoptr(GString) text = plantar_scan_to_grid (scan);
  g_autoptr(GBytes) packed = NULL;

  if (!g_str_has_suffix (path, ".gz"))
    return g_file_set_contents (path, text->str, text->len, error);

  packed = gzip_bytes (text->str, text->len);
  if (packed == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot compress “%s”"), path);
      return FALSE;
    }
  return g_file_set_contents (path, g_bytes_get_data (packed, NULL), g_bytes_get_size (packed), error);
}

static void
add_double (JsonBuilder *b,
            const char  *key,
            double       value,
            gboolean     known)
{
  json_builder_set_member_name (b, key);
  if (known && isfinite (value))
    json_builder_add_double_value (b, round (value * 1e4) / 1e4);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *key,
          gboolean     value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, value);
}

/**
 * plantar_scan_build_json:
 *
 * What was read, as a JSON object: format, grid, scale, frames, units,
 * sensors, value range, metadata and warnings. Unknown values are null.
 */
void
plantar_scan_build_json (const PlantarScan *scan,
                         JsonBuilder       *b)
{
  double lo, hi;
  guint n_frames = plantar_scan_get_n_frames (scan);
  gboolean scaled = plantar_scan_has_scale (scan);
  double frame_ms = plantar_scan_get_frame_ms (scan);

  plantar_scan_get_value_range (scan, &lo, &hi);

  json_builder_begin_object (b);
  plantar_json_add_string (b, "format", plantar_scan_get_format_id (scan));
  plantar_json_add_string (b, "format_name", plantar_scan_get_format_name (scan));
  plantar_json_add_string (b, "kind", plantar_scan_is_pressure (scan) ? "pressure" : "image");
  add_int (b, "columns", plantar_scan_get_width (scan));
  add_int (b, "rows", plantar_scan_get_height (scan));
  add_bool (b, "has_scale", scaled);
  add_double (b, "cell_width_mm", plantar_scan_get_cell_width_mm (scan), scaled);
  add_double (b, "cell_height_mm", plantar_scan_get_cell_height_mm (scan), scaled);
  add_double (b, "width_mm", plantar_scan_get_width (scan) * plantar_scan_get_cell_width_mm (scan), scaled);
  add_double (b, "height_mm", plantar_scan_get_height (scan) * plantar_scan_get_cell_height_mm (scan), scaled);
  add_int (b, "frames", n_frames);
  add_double (b, "frame_ms", frame_ms, frame_ms > 0);
  add_double (b, "duration_ms", n_frames > 1 ? plantar_scan_get_frame_time_ms (scan, n_frames - 1) + frame_ms : 0,
              n_frames > 1 && frame_ms > 0);
  plantar_json_add_string (b, "capture", plantar_capture_mode_to_string (plantar_scan_get_capture_mode (scan)));
  plantar_json_add_string (b, "value_kind", plantar_value_kind_to_string (plantar_scan_get_value_kind (scan)));
  plantar_json_add_string (b, "units", plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_PRESSURE ? "kPa"
                          : plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_RAW ? "raw" : "grey level");
  plantar_json_add_string (b, "original_units", plantar_scan_get_original_units (scan));
  add_bool (b, "units_assumed", plantar_scan_get_units_assumed (scan));
  add_int (b, "sensors", plantar_scan_count_sensors (scan));
  add_int (b, "active_sensors", plantar_scan_count_active (scan));
  add_double (b, "min_value", lo, TRUE);
  add_double (b, "max_value", hi, TRUE);
  plantar_json_add_string (b, "side", plantar_side_to_string (plantar_scan_get_side (scan)));
  add_bool (b, "in_shoe", plantar_scan_get_in_shoe (scan));
  plantar_json_add_string (b, "device", plantar_scan_get_device (scan));
  plantar_json_add_string (b, "sensor", plantar_scan_get_sensor_name (scan));
  plantar_json_add_string (b, "description", plantar_scan_get_description (scan));
  plantar_json_add_string (b, "subject", plantar_scan_get_subject (scan));
  plantar_json_add_string (b, "date", plantar_scan_get_date (scan));
  plantar_json_add_string (b, "source_file", plantar_scan_get_source_file (scan));
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < plantar_scan_get_n_warnings (scan); i++)
    json_builder_add_string_value (b, plantar_scan_get_warning (scan, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * plantar_scan_describe:
 *
 * What was read, as aligned lines of text for people.
 */
char *
plantar_scan_describe (const PlantarScan *scan)
{
  GString *s = g_string_new (NULL);
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  guint n_frames = plantar_scan_get_n_frames (scan);
  gboolean pressure = plantar_scan_is_pressure (scan);
  double lo, hi;
  const char *unit;

  plantar_scan_get_value_range (scan, &lo, &hi);
  unit = plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_PRESSURE ? "kPa"
         : plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_RAW ? _("raw") : _("grey level");

#define ROW(label, ...) G_STMT_START { \
    g_string_append_printf (s, "  %-12s ", label); \
    g_string_append_printf (s, __VA_ARGS__); \
    g_string_append_c (s, '\n'); \
  } G_STMT_END

  ROW (_("Format"), "%s", plantar_scan_get_format_name (scan) ? plantar_scan_get_format_name (scan) : "?");
  if (plantar_scan_get_device (scan))
    ROW (_("Device"), "%s", plantar_scan_get_device (scan));
  if (plantar_scan_get_sensor_name (scan))
    ROW (_("Sensor"), "%s", plantar_scan_get_sensor_name (scan));
  if (plantar_scan_has_scale (scan))
    ROW (pressure ? _("Grid") : _("Image"), _("%u × %u %s of %.3g × %.3g mm (%.0f × %.0f mm)"), w, h,
         pressure ? _("cells") : _("pixels"),
         plantar_scan_get_cell_width_mm (scan), plantar_scan_get_cell_height_mm (scan),
         w * plantar_scan_get_cell_width_mm (scan), h * plantar_scan_get_cell_height_mm (scan));
  else
    ROW (pressure ? _("Grid") : _("Image"), _("%u × %u %s, scale unknown"), w, h,
         pressure ? _("cells") : _("pixels"));
  if (n_frames > 1 && plantar_scan_get_frame_ms (scan) > 0)
    ROW (_("Frames"), _("%u of %.3g ms (%.2f s), %s"), n_frames, plantar_scan_get_frame_ms (scan),
         (plantar_scan_get_frame_time_ms (scan, n_frames - 1) + plantar_scan_get_frame_ms (scan)) / 1000.0,
         plantar_capture_mode_to_string (plantar_scan_get_capture_mode (scan)));
  else
    ROW (_("Frames"), _("%u, %s"), n_frames, plantar_capture_mode_to_string (plantar_scan_get_capture_mode (scan)));
  if (pressure)
    {
      ROW (_("Units"), _("%s (file: %s%s)"), unit,
           plantar_scan_get_original_units (scan) ? plantar_scan_get_original_units (scan) : "?",
           plantar_scan_get_units_assumed (scan) ? _(", assumed") : "");
      ROW (_("Sensors"), _("%u, %u loaded"), plantar_scan_count_sensors (scan), plantar_scan_count_active (scan));
    }
  ROW (_("Range"), "%.4g – %.4g %s", lo, hi, unit);
  if (plantar_scan_get_side (scan) != PLANTAR_SIDE_UNKNOWN)
    ROW (_("Side"), "%s", plantar_side_to_string (plantar_scan_get_side (scan)));
  if (plantar_scan_get_description (scan))
    ROW (_("Record"), "%s", plantar_scan_get_description (scan));
  if (plantar_scan_get_subject (scan))
    ROW (_("Subject"), "%s", plantar_scan_get_subject (scan));
  if (plantar_scan_get_date (scan))
    ROW (_("Date"), "%s", plantar_scan_get_date (scan));
  for (guint i = 0; i < plantar_scan_get_n_warnings (scan); i++)
    ROW (i == 0 ? _("Note") : "", "%s", plantar_scan_get_warning (scan, i));
#undef ROW

  return g_string_free (s, FALSE);
}

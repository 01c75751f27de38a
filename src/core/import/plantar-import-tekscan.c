/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-tekscan"

#include "config.h"

#include <inttypes.h>

#include <math.h>

#include "plantar-import-private.h"

/*
 * Tekscan ASCII (.asf, .csv) from MatScan, HR Mat, F-Scan and friends:
 *
 *   DATA_TYPE MOVIE
 *   ROWS 60
 *   COLS 21
 *   ROW_SPACING 5.08 mm
 *   SECONDS_PER_FRAME 0.032
 *   UNITS KPa
 *   START_FRAME 1
 *   END_FRAME 205
 *   ASCII_DATA @@
 *
 *   Frame 1                 (newer: "Frame 1, 0,, date,,,Raw Sum=,,310")
 *   B,B,0,0,12,...          ROWS lines of COLS values, B = no sensel
 *   ...
 *   @@
 */

typedef struct {
  guint64     rows, cols;
  guint       rows_line, cols_line;
  double      row_mm, col_mm, sensel_mm2;
  double      frame_ms;
  guint64     start_frame, end_frame;
  gboolean    has_start, has_end;
  PlantarSpan units;
  guint       units_line;
  char       *time;
  char       *sensor_type;
  char       *version;
  char       *hardware;
} TekscanHeader;

static void
tekscan_header_clear (TekscanHeader *h)
{
  g_free (h->time);
  g_free (h->sensor_type);
  g_free (h->version);
  g_free (h->hardware);
}

/* "KEY value", "KEY,value" or "KEY: value"; the key is upper case. */
static gboolean
split_key (PlantarSpan  line,
           PlantarSpan *key,
           PlantarSpan *value)
{
  const char *p = line.p;

  while (p < line.end && (g_ascii_isupper (*p) || g_ascii_isdigit (*p) || *p == '_'))
    p++;
  if (p == line.p || (p < line.end && *p != ' ' && *p != '\t' && *p != ',' && *p != ':'))
    return FALSE;
  key->p = line.p;
  key->end = p;
  while (p < line.end && (*p == ' ' || *p == '\t' || *p == ',' || *p == ':'))
    p++;
  value->p = p;
  value->end = line.end;
  *value = plantar_span_trim (*value);
  /* "1.5,,,," in CSV exports */
  while (value->end > value->p && value->end[-1] == ',')
    value->end--;
  return TRUE;
}

gboolean
plantar_sniff_tekscan (PlantarSpan head)
{
  PlantarLineReader r;
  PlantarSpan line;
  gboolean rows = FALSE, cols = FALSE, spacing = FALSE, marker = FALSE;

  plantar_line_reader_init (&r, head.p, plantar_span_len (head));
  while (plantar_line_reader_next (&r, &line) && r.line < 200)
    {
      line = plantar_span_trim (line);
      if (plantar_span_has_prefix (line, "ROWS"))
        rows = TRUE;
      else if (plantar_span_has_prefix (line, "COLS"))
        cols = TRUE;
      else if (plantar_span_has_prefix (line, "ROW_SPACING") || plantar_span_has_prefix (line, "SENSEL_AREA"))
        spacing = TRUE;
      else if (plantar_span_has_prefix (line, "DATA_TYPE") || plantar_span_has_prefix (line, "ASCII_DATA"))
        marker = TRUE;
    }
  /* a header that lost its ROWS is still a Tekscan header, to be refused as such */
  return (marker && (rows || cols || spacing)) || (rows && cols && spacing);
}

/* A numeric key of the header, if @key is one. */
static gboolean
parse_number (const PlantarImportContext *ctx,
              guint                       line,
              PlantarSpan                 key,
              PlantarSpan                 value,
              TekscanHeader              *h,
              GError                    **error)
{
  g_autofree char *name = plantar_span_dup (key);
  guint64 *count = NULL;

  if (g_str_equal (name, "ROWS"))
    {
      count = &h->rows;
      h->rows_line = line;
    }
  else if (g_str_equal (name, "COLS"))
    {
      count = &h->cols;
      h->cols_line = line;
    }
  else if (g_str_equal (name, "START_FRAME"))
    {
      count = &h->start_frame;
      h->has_start = TRUE;
    }
  else if (g_str_equal (name, "END_FRAME"))
    {
      count = &h->end_frame;
      h->has_end = TRUE;
    }
  if (count != NULL)
    return plantar_import_header_uint (ctx, line, name, value, count, error);

  if (g_str_equal (name, "ROW_SPACING"))
    return plantar_import_header_length (ctx, line, name, value, 1, &h->row_mm, error);
  if (g_str_equal (name, "COL_SPACING"))
    return plantar_import_header_length (ctx, line, name, value, 1, &h->col_mm, error);
  if (g_str_equal (name, "SECONDS_PER_FRAME"))
    return plantar_import_header_time (ctx, line, name, value, 1000, &h->frame_ms, error);
  if (g_str_equal (name, "SENSEL_AREA"))
    {
      double area;
      PlantarSpan rest = value, number;
      if (plantar_span_next_word (&rest, &number) && plantar_span_to_double (number, &area) && area > 0)
        {
          h->sensel_mm2 = plantar_span_contains_ci (rest, "cm") ? area * 100 : area;
          return plantar_import_check_cell (ctx, line, name, sqrt (h->sensel_mm2), error);
        }
    }
  return TRUE;
}

static gboolean
parse_header (const PlantarImportContext *ctx,
              PlantarLineReader          *r,
              TekscanHeader              *h,
              GError                    **error)
{
  PlantarSpan line, key, value;

  while (plantar_line_reader_peek (r, &line))
    {
      PlantarSpan t = plantar_span_trim (line);

      if (plantar_span_has_prefix_ci (t, "Frame"))
        return TRUE;
      plantar_line_reader_next (r, &line);
      if (plantar_span_has_prefix (t, "ASCII_DATA"))
        return TRUE;
      if (!split_key (t, &key, &value))
        continue; /* comment text */

      if (!parse_number (ctx, r->line, key, value, h, error))
        return FALSE;
      if (plantar_span_equal (key, "UNITS"))
        {
          h->units = value;
          h->units_line = r->line;
        }
      else if (plantar_span_equal (key, "TIME"))
        plantar_span_replace_str (value, &h->time);
      else if (plantar_span_equal (key, "SENSOR_TYPE"))
        plantar_span_replace_str (value, &h->sensor_type);
      else if (plantar_span_equal (key, "VERSION"))
        plantar_span_replace_str (value, &h->version);
      else if (plantar_span_equal (key, "HARDWARE"))
        plantar_span_replace_str (value, &h->hardware);
    }

  return TRUE;
}

static gboolean
is_frame_line (PlantarSpan line)
{
  return plantar_span_len (line) >= 5 && (line.p[0] == 'F' || line.p[0] == 'f') &&
         plantar_span_has_prefix_ci (line, "Frame");
}

/* What the header announces, against what the file holds: @n_frames
 * "Frame" lines. */
static gboolean
check_header (const PlantarImportContext  *ctx,
              const TekscanHeader         *h,
              guint64                      n_frames,
              guint                        line,
              const PlantarPressureUnit  **unit,
              GError                     **error)
{
  if (h->rows == 0 || h->cols == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, h->rows == 0 ? h->rows_line : h->cols_line, 0,
                                h->rows_line == 0 || h->cols_line == 0
                                  ? _("the header has no ROWS or COLS line; expected both before the data")
                                  : _("ROWS and COLS must be at least 1"));
      return FALSE;
    }
  if (h->units.p != NULL && (*unit = plantar_import_units (ctx, h->units_line, h->units, error)) == NULL)
    return FALSE;
  if (n_frames == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, line, 0,
                                _("the file ends after its header: no “Frame” follows"));
      return FALSE;
    }
  if (h->has_start && h->has_end && h->end_frame >= h->start_frame &&
      n_frames > h->end_frame - h->start_frame + 1)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, 0, 0,
                                _("the header announces frames %" PRIu64 " to %" PRIu64
                                  " (%" PRIu64 " frames), but the file holds %" PRIu64),
                                h->start_frame, h->end_frame, h->end_frame - h->start_frame + 1, n_frames);
      return FALSE;
    }
  return plantar_import_check_size (ctx, h->rows_line, h->cols, h->rows,
                                    MAX (n_frames, h->has_end && h->end_frame >= h->start_frame
                                                     ? h->end_frame - h->start_frame + 1 : 0),
                                    error) &&
         plantar_import_check_fits (ctx, h->rows_line, h->cols * h->rows * n_frames, error);
}

/* The ROWS rows of one frame, after its "Frame" line; cells marked B are
 * not sensors. */
static gboolean
read_frame (const PlantarImportContext *ctx,
            PlantarLineReader          *r,
            const TekscanHeader        *h,
            const PlantarRowFormat     *fmt,
            guint                       frame,
            float                      *values,
            guint8                     *mask,
            gboolean                   *any_absent,
            GError                    **error)
{
  g_autofree guint8 *row_mask = g_malloc (h->cols);
  PlantarSpan line;

  for (guint64 row = 0; row < h->rows; row++)
    {
      if (!plantar_line_reader_next (r, &line) || plantar_span_is_blank (line) || plantar_span_has_prefix (line, "@@"))
        {
          gboolean at_end = r->pos >= r->end;
          plantar_import_set_error (error, ctx,
                                    at_end ? PLANTAR_IMPORT_ERROR_TRUNCATED : PLANTAR_IMPORT_ERROR_INCONSISTENT,
                                    r->line, 0,
                                    at_end ? _("the file ends in frame %u, after %" PRIu64 " of its %" PRIu64 " rows")
                                           : _("frame %u has %" PRIu64 " rows, but the header says ROWS %" PRIu64),
                                    frame + 1, row, h->rows);
          return FALSE;
        }
      memset (row_mask, 1, h->cols);
      if (!plantar_row_parse (ctx, r->line, line, fmt, h->cols, values + row * h->cols, row_mask, error))
        return FALSE;
      if (memchr (row_mask, 0, h->cols))
        {
          *any_absent = TRUE;
          for (guint64 c = 0; c < h->cols; c++)
            mask[row * h->cols + c] &= row_mask[c];
        }
    }
  return TRUE;
}

/* Every frame, up to "@@" or the end; how many frames were read. */
static gboolean
read_frames (const PlantarImportContext *ctx,
             PlantarLineReader          *r,
             const TekscanHeader        *h,
             PlantarScan                *scan,
             guint                      *n_read,
             gboolean                   *end_marker,
             GError                    **error)
{
  g_autofree char *width_source = g_strdup_printf (_("COLS %" PRIu64 ", line %u"), h->cols, h->cols_line);
  PlantarRowFormat fmt = { ',', '.', PLANTAR_ABSENT_B, 1, width_source };
  guint8 *mask = plantar_scan_ensure_mask (scan);
  gboolean any_absent = FALSE;
  PlantarSpan line;
  guint frame = 0;

  while (plantar_line_reader_next (r, &line))
    {
      PlantarSpan t = plantar_span_trim (line);

      if (plantar_span_has_prefix (t, "@@"))
        {
          *end_marker = TRUE;
          break;
        }
      if (t.p == t.end)
        continue;
      if (!plantar_span_has_prefix_ci (t, "Frame"))
        {
          g_autofree char *text = plantar_span_describe (t);
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, r->line, 0,
                                    _("expected “Frame %u” after %" PRIu64 " rows of frame %u, found “%s”; "
                                      "the header's ROWS may be wrong"),
                                    frame + 1, h->rows, frame, text);
          return FALSE;
        }
      if (!read_frame (ctx, r, h, &fmt, frame, plantar_scan_get_frame_mutable (scan, frame), mask, &any_absent, error))
        return FALSE;
      frame++;
    }
  if (!any_absent)
    memset (mask, 1, h->rows * h->cols);
  *n_read = frame;
  return TRUE;
}

/* The frames read, against those announced. */
static gboolean
check_frames (const PlantarImportContext *ctx,
              const TekscanHeader        *h,
              guint                       frame,
              guint64                     n_frames,
              gboolean                    end_marker,
              guint                       line,
              GError                    **error)
{
  if (frame < n_frames)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, line, 0,
                                _("“@@” ends the data after %u of %" PRIu64 " frames"), frame, n_frames);
      return FALSE;
    }
  if (h->has_start && h->has_end && h->end_frame >= h->start_frame && frame < h->end_frame - h->start_frame + 1)
    {
      if (end_marker)
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, line, 0,
                                  _("the header announces %" PRIu64 " frames (START_FRAME %" PRIu64 " to END_FRAME %"
                                    PRIu64 "), but the data holds %u"),
                                  h->end_frame - h->start_frame + 1, h->start_frame, h->end_frame, frame);
      else
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, line, 0,
                                  _("the file ends after %u of the %" PRIu64 " frames its header announces"),
                                  frame, h->end_frame - h->start_frame + 1);
      return FALSE;
    }
  return TRUE;
}

/* Units, scale, time and what the header says of the sensor. */
static void
describe_scan (PlantarScan               *scan,
               const TekscanHeader       *h,
               const PlantarPressureUnit *unit)
{
  if (unit != NULL)
    plantar_import_apply_units (scan, unit);
  else
    {
      plantar_scan_set_value_kind (scan, PLANTAR_VALUE_RAW);
      plantar_scan_add_warning (scan, _("The file has no UNITS line: the values are kept as raw "
                                        "sensor readings."));
    }

  if (h->row_mm > 0 && h->col_mm > 0)
    plantar_scan_set_cell_size (scan, h->col_mm, h->row_mm);
  else if (h->row_mm > 0 || h->col_mm > 0)
    plantar_scan_set_cell_size (scan, MAX (h->col_mm, h->row_mm), MAX (h->col_mm, h->row_mm));
  else if (h->sensel_mm2 > 0)
    plantar_scan_set_cell_size (scan, sqrt (h->sensel_mm2), sqrt (h->sensel_mm2));

  if (h->frame_ms > 0)
    plantar_scan_set_frame_ms (scan, h->frame_ms);
  plantar_scan_set_date (scan, h->time);
  plantar_scan_set_sensor_name (scan, h->sensor_type);
  {
    g_autofree char *device = g_strdup_printf ("Tekscan%s%s%s%s",
                                               h->sensor_type ? " " : "", h->sensor_type ? h->sensor_type : "",
                                               h->version ? ", " : "", h->version ? h->version : "");
    plantar_scan_set_device (scan, device);
  }

  /* F-Scan and other in-shoe Tekscan sensors */
  if (h->sensor_type && (g_ascii_strncasecmp (h->sensor_type, "FSCAN", 5) == 0 ||
                         g_ascii_strncasecmp (h->sensor_type, "F-SCAN", 6) == 0 ||
                         strstr (h->sensor_type, "INSOLE") != NULL))
    {
      plantar_scan_set_in_shoe (scan, TRUE);
      plantar_scan_add_warning (scan, _("This is an in-shoe sensor (%s): the print shows the load "
                                        "inside a shoe, so arch indices are indicative only."),
                                h->sensor_type);
    }
}

GPtrArray *
plantar_load_tekscan (const PlantarImportContext *ctx,
                      GError                    **error)
{
  PlantarLineReader r;
  TekscanHeader h = { 0 };
  g_autoptr(PlantarScan) scan = NULL;
  const PlantarPressureUnit *unit = NULL;
  guint64 n_frames;
  guint frame = 0;
  gboolean end_marker = FALSE;
  gboolean ok;

  plantar_line_reader_init (&r, ctx->data, ctx->length);
  ok = parse_header (ctx, &r, &h, error);
  n_frames = ok ? plantar_import_count_frames (&r, is_frame_line) : 0;
  ok = ok && check_header (ctx, &h, n_frames, r.line, &unit, error) &&
       (scan = plantar_scan_new_pressure (h.cols, h.rows, n_frames, error)) != NULL &&
       read_frames (ctx, &r, &h, scan, &frame, &end_marker, error) &&
       check_frames (ctx, &h, frame, n_frames, end_marker, r.line, error);
  if (ok)
    {
      if (!end_marker)
        plantar_scan_add_warning (scan, _("The data does not end with “@@”: the export may have been "
                                          "cut short after frame %u."), frame);
      describe_scan (scan, &h, unit);
    }
  tekscan_header_clear (&h);
  return ok ? plantar_import_single (g_steal_pointer (&scan)) : NULL;
}

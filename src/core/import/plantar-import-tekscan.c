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

static gboolean
parse_uint_value (const PlantarImportContext *ctx,
                  guint                       line_no,
                  PlantarSpan                 key,
                  PlantarSpan                 value,
                  guint64                    *out,
                  GError                    **error)
{
  PlantarSpan word = value, first;

  if (!plantar_span_next_word (&word, &first) || !plantar_span_to_uint (first, out))
    {
      g_autofree char *k = plantar_span_dup (key);
      g_autofree char *v = plantar_span_describe (value);
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line_no, 0,
                                _("%s must be a whole number, found “%s”"), k, v);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_length (const PlantarImportContext *ctx,
              guint                       line_no,
              PlantarSpan                 key,
              PlantarSpan                 value,
              double                     *mm,
              GError                    **error)
{
  g_autofree char *text = plantar_span_dup (value);

  if (!plantar_length_to_mm (text, mm))
    {
      g_autofree char *k = plantar_span_dup (key);
      g_autofree char *v = plantar_span_describe (value);
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line_no, 0,
                                _("%s must be a length such as “5.08 mm”, found “%s”"), k, v);
      return FALSE;
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

      if (plantar_span_equal (key, "ROWS"))
        {
          if (!parse_uint_value (ctx, r->line, key, value, &h->rows, error))
            return FALSE;
          h->rows_line = r->line;
        }
      else if (plantar_span_equal (key, "COLS"))
        {
          if (!parse_uint_value (ctx, r->line, key, value, &h->cols, error))
            return FALSE;
          h->cols_line = r->line;
        }
      else if (plantar_span_equal (key, "ROW_SPACING"))
        {
          if (!parse_length (ctx, r->line, key, value, &h->row_mm, error))
            return FALSE;
        }
      else if (plantar_span_equal (key, "COL_SPACING"))
        {
          if (!parse_length (ctx, r->line, key, value, &h->col_mm, error))
            return FALSE;
        }
      else if (plantar_span_equal (key, "SENSEL_AREA"))
        {
          double area;
          PlantarSpan rest = value, number;
          if (plantar_span_next_word (&rest, &number) && plantar_span_to_double (number, &area) && area > 0)
            h->sensel_mm2 = plantar_span_contains_ci (rest, "cm") ? area * 100 : area;
        }
      else if (plantar_span_equal (key, "SECONDS_PER_FRAME"))
        {
          double s;
          if (!plantar_span_to_double (value, &s) || !(s > 0) || s > 1000)
            {
              g_autofree char *v = plantar_span_describe (value);
              plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, r->line, 0,
                                        _("SECONDS_PER_FRAME must be a positive number, found “%s”"), v);
              return FALSE;
            }
          h->frame_ms = s * 1000.0;
        }
      else if (plantar_span_equal (key, "UNITS"))
        {
          h->units = value;
          h->units_line = r->line;
        }
      else if (plantar_span_equal (key, "START_FRAME"))
        {
          if (!parse_uint_value (ctx, r->line, key, value, &h->start_frame, error))
            return FALSE;
          h->has_start = TRUE;
        }
      else if (plantar_span_equal (key, "END_FRAME"))
        {
          if (!parse_uint_value (ctx, r->line, key, value, &h->end_frame, error))
            return FALSE;
          h->has_end = TRUE;
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

/* Counts the "Frame" lines ahead, to allocate the recording once. */
static guint64
count_frames (const PlantarLineReader *from)
{
  PlantarLineReader r = *from;
  PlantarSpan line;
  guint64 n = 0;

  while (plantar_line_reader_next (&r, &line))
    if (plantar_span_len (line) >= 5 && (line.p[0] == 'F' || line.p[0] == 'f') &&
        plantar_span_has_prefix_ci (line, "Frame"))
      n++;
  return n;
}

GPtrArray *
plantar_load_tekscan (const PlantarImportContext *ctx,
                      GError                    **error)
{
  PlantarLineReader r;
  PlantarSpan line;
  TekscanHeader h = { 0 };
  PlantarRowFormat fmt = { ',', '.', PLANTAR_ABSENT_B, 1, NULL };
  g_autofree char *width_source = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  g_autofree guint8 *row_mask = NULL;
  const PlantarPressureUnit *unit = NULL;
  guint8 *mask;
  guint64 n_frames;
  guint frame = 0;
  gboolean end_marker = FALSE;
  gboolean any_absent = FALSE;

  plantar_line_reader_init (&r, ctx->data, ctx->length);
  if (!parse_header (ctx, &r, &h, error))
    goto fail;

  if (h.rows == 0 || h.cols == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, h.rows == 0 ? h.rows_line : h.cols_line, 0,
                                h.rows_line == 0 || h.cols_line == 0
                                  ? _("the header has no ROWS or COLS line; expected both before the data")
                                  : _("ROWS and COLS must be at least 1"));
      goto fail;
    }

  if (h.units.p != NULL)
    {
      unit = plantar_import_units (ctx, h.units_line, h.units, error);
      if (unit == NULL)
        goto fail;
    }

  n_frames = count_frames (&r);
  if (n_frames == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, r.line, 0,
                                _("the file ends after its header: no “Frame” follows"));
      goto fail;
    }
  if (h.has_start && h.has_end && h.end_frame >= h.start_frame &&
      n_frames > h.end_frame - h.start_frame + 1)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, 0, 0,
                                _("the header announces frames %" PRIu64 " to %" PRIu64
                                  " (%" PRIu64 " frames), but the file holds %" PRIu64),
                                h.start_frame, h.end_frame, h.end_frame - h.start_frame + 1, n_frames);
      goto fail;
    }

  if (!plantar_import_check_size (ctx, h.rows_line, h.cols, h.rows,
                                  MAX (n_frames, h.has_end && h.end_frame >= h.start_frame
                                                   ? h.end_frame - h.start_frame + 1 : 0),
                                  error) ||
      !plantar_import_check_fits (ctx, h.rows_line, h.cols * h.rows * n_frames, error))
    goto fail;
  scan = plantar_scan_new_pressure (h.cols, h.rows, n_frames, error);
  if (scan == NULL)
    goto fail;
  mask = plantar_scan_ensure_mask (scan);
  row_mask = g_malloc (h.cols);
  width_source = g_strdup_printf (_("COLS %" PRIu64 ", line %u"), h.cols, h.cols_line);
  fmt.width_source = width_source;

  while (plantar_line_reader_next (&r, &line))
    {
      PlantarSpan t = plantar_span_trim (line);
      float *values;

      if (plantar_span_has_prefix (t, "@@"))
        {
          end_marker = TRUE;
          break;
        }
      if (t.p == t.end)
        continue;
      if (!plantar_span_has_prefix_ci (t, "Frame"))
        {
          g_autofree char *text = plantar_span_describe (t);
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, r.line, 0,
                                    _("expected “Frame %u” after %" PRIu64 " rows of frame %u, found “%s”; "
                                      "the header's ROWS may be wrong"),
                                    frame + 1, h.rows, frame, text);
          goto fail;
        }

      values = plantar_scan_get_frame_mutable (scan, frame);
      for (guint64 row = 0; row < h.rows; row++)
        {
          if (!plantar_line_reader_next (&r, &line) || plantar_span_is_blank (line) ||
              plantar_span_has_prefix (line, "@@"))
            {
              gboolean at_end = r.pos >= r.end;
              plantar_import_set_error (error, ctx,
                                        at_end ? PLANTAR_IMPORT_ERROR_TRUNCATED : PLANTAR_IMPORT_ERROR_INCONSISTENT,
                                        r.line, 0,
                                        at_end ? _("the file ends in frame %u, after %" PRIu64 " of its %"
                                                   PRIu64 " rows")
                                               : _("frame %u has %" PRIu64 " rows, but the header "
                                                   "says ROWS %" PRIu64),
                                        frame + 1, row, h.rows);
              goto fail;
            }
          memset (row_mask, 1, h.cols);
          if (!plantar_row_parse (ctx, r.line, line, &fmt, h.cols, values + row * h.cols, row_mask, error))
            goto fail;
          if (memchr (row_mask, 0, h.cols))
            {
              any_absent = TRUE;
              for (guint64 c = 0; c < h.cols; c++)
                mask[row * h.cols + c] &= row_mask[c];
            }
        }
      frame++;
    }

  if (frame < n_frames)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, r.line, 0,
                                _("“@@” ends the data after %u of %" PRIu64 " frames"),
                                frame, n_frames);
      goto fail;
    }
  if (h.has_start && h.has_end && h.end_frame >= h.start_frame &&
      frame < h.end_frame - h.start_frame + 1)
    {
      if (end_marker)
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, r.line, 0,
                                  _("the header announces %" PRIu64 " frames (START_FRAME %"
                                    PRIu64 " to END_FRAME %" PRIu64
                                    "), but the data holds %u"),
                                  h.end_frame - h.start_frame + 1, h.start_frame, h.end_frame, frame);
      else
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, r.line, 0,
                                  _("the file ends after %u of the %" PRIu64
                                    " frames its header announces"),
                                  frame, h.end_frame - h.start_frame + 1);
      goto fail;
    }

  if (!any_absent)
    memset (mask, 1, h.rows * h.cols);
  if (!end_marker)
    plantar_scan_add_warning (scan, _("The data does not end with “@@”: the export may have been "
                                      "cut short after frame %u."), frame);

  if (unit != NULL)
    plantar_import_apply_units (scan, unit);
  else
    {
      plantar_scan_set_value_kind (scan, PLANTAR_VALUE_RAW);
      plantar_scan_add_warning (scan, _("The file has no UNITS line: the values are kept as raw "
                                        "sensor readings."));
    }

  if (h.row_mm > 0 && h.col_mm > 0)
    plantar_scan_set_cell_size (scan, h.col_mm, h.row_mm);
  else if (h.row_mm > 0 || h.col_mm > 0)
    plantar_scan_set_cell_size (scan, MAX (h.col_mm, h.row_mm), MAX (h.col_mm, h.row_mm));
  else if (h.sensel_mm2 > 0)
    plantar_scan_set_cell_size (scan, sqrt (h.sensel_mm2), sqrt (h.sensel_mm2));

  if (h.frame_ms > 0)
    plantar_scan_set_frame_ms (scan, h.frame_ms);
  plantar_scan_set_date (scan, h.time);
  plantar_scan_set_sensor_name (scan, h.sensor_type);
  {
    g_autofree char *device = g_strdup_printf ("Tekscan%s%s%s%s",
                                               h.sensor_type ? " " : "", h.sensor_type ? h.sensor_type : "",
                                               h.version ? ", " : "", h.version ? h.version : "");
    plantar_scan_set_device (scan, device);
  }

  /* F-Scan and other in-shoe Tekscan sensors */
  if (h.sensor_type && (g_ascii_strncasecmp (h.sensor_type, "FSCAN", 5) == 0 ||
                        g_ascii_strncasecmp (h.sensor_type, "F-SCAN", 6) == 0 ||
                        strstr (h.sensor_type, "INSOLE") != NULL))
    {
      plantar_scan_set_in_shoe (scan, TRUE);
      plantar_scan_add_warning (scan, _("This is an in-shoe sensor (%s): the print shows the load "
                                        "inside a shoe, so arch indices are indicative only."),
                                h.sensor_type);
    }

  tekscan_header_clear (&h);
  return plantar_import_single (g_steal_pointer (&scan));

fail:
  tekscan_header_clear (&h);
  return NULL;
}

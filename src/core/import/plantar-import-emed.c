/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-emed"

#include "config.h"

#include <inttypes.h>

#include <math.h>

#include "plantar-import-private.h"

/*
 * novel emed "emascii" (.lst): Latin-1 text, one page per frame, pages
 * separated by a form feed. Each page has a header
 *
 *     File: C:\...\2.dat    Matrix: 64x95
 *     Sensor area: 0.25 cm²   Time/picture:10.0 ms
 *     Sensor size: 0.500x0.500 cm
 *     Pict-No.: 1  Force[N]=sum*sensor_area in row/column
 *
 * then a line of column numbers ("\t26\t27 ... \tForce"), rows that start
 * with their row number and end with the row's force, and a last "Force"
 * row. Only the window of the plate that was loaded is written; pages
 * without "Pict-No." (MVP / MPP summaries) are not frames.
 */

typedef struct {
  /* from the headers */
  guint64     matrix_w, matrix_h;
  guint       matrix_line;
  double      cell_w_mm, cell_h_mm;
  double      frame_ms;
  const PlantarPressureUnit *unit;
  char       *source;
  /* the union of every frame page's window */
  guint       col_min, col_max, row_min, row_max;
  guint       n_frames;
} EmedInfo;

typedef enum {
  PAGE_HEADER,
  PAGE_DATA,
  PAGE_AFTER,
} PageState;

gboolean
plantar_sniff_emed (PlantarSpan head)
{
  return plantar_span_find (head, "Matrix:") != NULL &&
         (plantar_span_find (head, "Time/picture") != NULL ||
          plantar_span_find (head, "Sensor size:") != NULL ||
          plantar_span_find (head, "Pict-No") != NULL);
}

/* "64x95", "0.500x0.500 cm" */
static gboolean
parse_pair (PlantarSpan  text,
            double      *a,
            double      *b)
{
  const char *after;

  text = plantar_span_trim (text);
  after = plantar_parse_double (text.p, text.end, '.', a);
  if (after == NULL || after >= text.end || (*after != 'x' && *after != 'X' && *after != '*'))
    return FALSE;
  after = plantar_parse_double (after + 1, text.end, '.', b);
  return after != NULL && *a > 0 && *b > 0;
}

static PlantarSpan
value_after (PlantarSpan  line,
             const char  *label)
{
  const char *at = plantar_span_find (line, label);
  PlantarSpan v = { line.end, line.end };

  if (at != NULL)
    {
      v.p = at + strlen (label);
      /* up to the next tab: several labels share a line */
      v.end = memchr (v.p, '\t', line.end - v.p);
      if (v.end == NULL)
        v.end = line.end;
      v = plantar_span_trim (v);
    }
  return v;
}

static gboolean
parse_header_line (const PlantarImportContext *ctx,
                   guint                       line_no,
                   PlantarSpan                 line,
                   EmedInfo                   *info,
                   GError                    **error)
{
  PlantarSpan v;
  double a, b;

  v = value_after (line, "Matrix:");
  if (v.p != v.end)
    {
      if (!parse_pair (v, &a, &b) || a != floor (a) || b != floor (b))
        {
          g_autofree char *text = plantar_span_describe (v);
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line_no, 0,
                                    _("expected a matrix size such as “64x95”, found “%s”"), text);
          return FALSE;
        }
      if (!plantar_import_check_size (ctx, line_no, a, b, 1, error))
        return FALSE;
      info->matrix_w = a;
      info->matrix_h = b;
      info->matrix_line = line_no;
    }

  v = value_after (line, "Sensor size:");
  if (v.p != v.end)
    {
      double factor = plantar_span_contains_ci (v, "mm") ? 1.0 : 10.0;
      if (!parse_pair (v, &a, &b))
        {
          g_autofree char *text = plantar_span_describe (v);
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line_no, 0,
                                    _("expected a sensor size such as “0.500x0.500 cm”, found “%s”"), text);
          return FALSE;
        }
      info->cell_w_mm = a * factor;
      info->cell_h_mm = b * factor;
      if (!plantar_import_check_cell (ctx, line_no, "Sensor size", info->cell_w_mm, error) ||
          !plantar_import_check_cell (ctx, line_no, "Sensor size", info->cell_h_mm, error))
        return FALSE;
    }

  v = value_after (line, "Time/picture:");
  if (v.p != v.end)
    {
      const char *after = plantar_parse_double (v.p, v.end, '.', &a);
      if (after == NULL || !(a > 0) || a > 1e6)
        {
          g_autofree char *text = plantar_span_describe (v);
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line_no, 0,
                                    _("expected a frame time such as “10.0 ms”, found “%s”"), text);
          return FALSE;
        }
      info->frame_ms = plantar_span_contains_ci ((PlantarSpan) { after, v.end }, "ms") ? a : a * 1000.0;
      if (!plantar_import_check_frame (ctx, line_no, "Time/picture", info->frame_ms, error))
        return FALSE;
    }

  v = value_after (line, "File:");
  if (v.p != v.end && info->source == NULL)
    info->source = plantar_span_dup_utf8 (v);

  if (plantar_span_contains_ci (line, "N/cm"))
    info->unit = plantar_pressure_unit_lookup ("N/cm2", -1);
  else if (plantar_span_contains_ci (line, "kPa"))
    info->unit = plantar_pressure_unit_lookup ("kPa", -1);

  return TRUE;
}

/* The column numbers of a page: "\t26\t27 ... \tForce". */
static gboolean
parse_columns (const PlantarImportContext *ctx,
               guint                       line_no,
               PlantarSpan                 line,
               GArray                     *columns,
               gboolean                   *has_force,
               GError                    **error)
{
  PlantarSpan rest = line, field;

  g_array_set_size (columns, 0);
  *has_force = FALSE;
  while (plantar_span_next_field (&rest, '\t', &field))
    {
      guint64 c;

      if (plantar_span_len (field) == 0)
        continue;
      if (plantar_span_has_prefix_ci (field, "Force"))
        {
          *has_force = TRUE;
          break;
        }
      if (!plantar_span_to_uint (field, &c) || c > PLANTAR_SCAN_MAX_SIDE)
        {
          g_autofree char *text = plantar_span_describe (field);
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line_no, columns->len + 2,
                                    _("expected a column number, found “%s”"), text);
          return FALSE;
        }
      g_array_append_val (columns, (guint) { c });
    }

  for (guint i = 1; i < columns->len; i++)
    if (g_array_index (columns, guint, i) != g_array_index (columns, guint, i - 1) + 1)
      {
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, line_no, i + 2,
                                  _("column numbers must follow each other; %u comes after %u"),
                                  g_array_index (columns, guint, i), g_array_index (columns, guint, i - 1));
        return FALSE;
      }
  return TRUE;
}

static gboolean
is_column_line (PlantarSpan line)
{
  PlantarSpan t = plantar_span_trim (line);

  return line.p < line.end && line.p[0] == '\t' && t.p < t.end && g_ascii_isdigit (*t.p) &&
         memchr (t.p, '\t', t.end - t.p) != NULL;
}

/* Where a walk through the pages is. */
typedef struct {
  const PlantarImportContext *ctx;
  EmedInfo                   *info;
  PlantarScan                *scan;        /* NULL on the first walk */
  PlantarLineReader           r;
  GArray                     *columns;     /* guint, of the page */
  float                      *row_values;
  PageState                   state;
  gboolean                    is_frame;    /* the page is a picture */
  gboolean                    has_force;
  gboolean                    page_has_text;
  guint                       frame;
  guint                       page_line;
  guint                       rows_in_page;
} Walk;

/* A form feed or the end of the file ends a page; FALSE with @error for
 * a page cut short. */
static gboolean
walk_end_page (Walk     *w,
               gboolean  more,
               GError  **error)
{
  if (w->is_frame && w->state == PAGE_DATA)
    {
      plantar_import_set_error (error, w->ctx, more ? PLANTAR_IMPORT_ERROR_PARSE : PLANTAR_IMPORT_ERROR_TRUNCATED,
                                w->r.line, 0,
                                more ? _("page %u ends without its “Force” row")
                                     : _("the file ends inside page %u, before its “Force” row"),
                                w->frame + 1);
      return FALSE;
    }
  if (w->is_frame && w->state == PAGE_AFTER)
    w->frame++;
  /* a well-formed export ends each page, the last one too, with a form
   * feed: text after the last one is a page cut short */
  if (!more && w->page_has_text && w->state != PAGE_AFTER)
    {
      plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, w->r.line, 0,
                                _("the file ends inside a page (from line %u) before its pressure "
                                  "rows; it was cut short"), w->page_line);
      return FALSE;
    }
  w->state = PAGE_HEADER;
  w->is_frame = FALSE;
  w->page_has_text = FALSE;
  w->page_line = w->r.line;
  w->rows_in_page = 0;
  return TRUE;
}

/* A line of a page's header: its numbers, or the column titles that start
 * its rows. */
static gboolean
walk_header_line (Walk        *w,
                  PlantarSpan  line,
                  GError     **error)
{
  guint first, last;

  if (!is_column_line (line))
    {
      if (plantar_span_find (line, "Pict-No") != NULL)
        {
          w->is_frame = TRUE;
          return TRUE;
        }
      return parse_header_line (w->ctx, w->r.line, line, w->info, error);
    }
  if (!parse_columns (w->ctx, w->r.line, line, w->columns, &w->has_force, error))
    return FALSE;
  w->state = PAGE_DATA;
  if (!w->is_frame || w->columns->len == 0)
    return TRUE;
  first = g_array_index (w->columns, guint, 0);
  last = g_array_index (w->columns, guint, w->columns->len - 1);
  if (w->info->matrix_w > 0 && last > w->info->matrix_w)
    {
      plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, w->r.line, 0,
                                _("column %u lies outside the %" PRIu64 "-column matrix of line %u"),
                                last, w->info->matrix_w, w->info->matrix_line);
      return FALSE;
    }
  if (w->scan == NULL)
    {
      w->info->col_min = MIN (w->info->col_min, first);
      w->info->col_max = MAX (w->info->col_max, last);
    }
  g_free (w->row_values);
  w->row_values = g_new (float, w->columns->len + 1);
  return TRUE;
}

/* A row of pressures ("30<TAB>0.0<TAB>…"), or the "Force" row that ends
 * them. */
static gboolean
walk_data_line (Walk        *w,
                PlantarSpan  line,
                GError     **error)
{
  const PlantarRowFormat fmt = { '\t', '.', PLANTAR_ABSENT_NONE, 2, NULL };
  PlantarSpan t = plantar_span_trim (line), values = line, label;
  guint64 row;

  if (t.p == t.end)
    return TRUE;
  if (plantar_span_has_prefix_ci (t, "Force"))
    {
      if (w->is_frame && w->rows_in_page == 0)
        {
          plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_PARSE, w->r.line, 0,
                                    _("page %u (from line %u) has no rows"), w->frame + 1, w->page_line);
          return FALSE;
        }
      w->state = PAGE_AFTER;
      return TRUE;
    }
  if (!w->is_frame)
    return TRUE;

  label.p = line.p;
  label.end = memchr (line.p, '\t', plantar_span_len (line));
  if (label.end == NULL || !plantar_span_to_uint (label, &row) ||
      (w->info->matrix_h > 0 && row > w->info->matrix_h))
    {
      g_autofree char *text = plantar_span_describe (label.end ? label : line);
      plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_PARSE, w->r.line, 1,
                                _("expected a row number within the matrix, found “%s”"), text);
      return FALSE;
    }
  values.p = label.end + 1;
  if (!plantar_row_parse (w->ctx, w->r.line, values, &fmt, w->columns->len + (w->has_force ? 1 : 0),
                          w->row_values, NULL, error))
    return FALSE;
  if (w->scan == NULL)
    {
      w->info->row_min = MIN (w->info->row_min, (guint) row);
      w->info->row_max = MAX (w->info->row_max, (guint) row);
    }
  else
    {
      guint width = plantar_scan_get_width (w->scan);
      float *dst = plantar_scan_get_frame_mutable (w->scan, w->frame) +
                   (gsize) (row - w->info->row_min) * width + (g_array_index (w->columns, guint, 0) - w->info->col_min);
      memcpy (dst, w->row_values, w->columns->len * sizeof (float));
    }
  w->rows_in_page++;
  return TRUE;
}

/* Walks every page. The first walk (@scan NULL) finds the frame pages and
 * their windows; the second fills @scan. */
static gboolean
walk_pages (const PlantarImportContext *ctx,
            EmedInfo                   *info,
            PlantarScan                *scan,
            GError                    **error)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
  Walk w = { ctx, info, scan };
  PlantarSpan line;
  gboolean ok = TRUE;

  w.columns = columns;
  w.state = PAGE_HEADER;
  w.page_line = 1;
  plantar_line_reader_init (&w.r, ctx->data, ctx->length);
  while (ok)
    {
      gboolean more = plantar_line_reader_next (&w.r, &line);

      if (!more || (line.p < line.end && line.p[0] == '\f'))
        {
          ok = walk_end_page (&w, more, error);
          if (!more)
            break;
          /* "\f" may share its line with the next page's first text */
          line.p++;
        }
      if (!plantar_span_is_blank (line))
        w.page_has_text = TRUE;
      if (w.state == PAGE_HEADER)
        ok = ok && walk_header_line (&w, line, error);
      else if (w.state == PAGE_DATA)
        ok = ok && walk_data_line (&w, line, error);
    }
  g_free (w.row_values);
  info->n_frames = w.frame;
  return ok;
}

GPtrArray *
plantar_load_emed (const PlantarImportContext *ctx,
                   GError                    **error)
{
  EmedInfo info = { 0 };
  g_autoptr(PlantarScan) scan = NULL;
  guint width, height;

  info.col_min = info.row_min = G_MAXUINT;

  if (!walk_pages (ctx, &info, NULL, error))
    goto fail;

  if (info.n_frames == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_EMPTY, 0, 0,
                                _("no page with a picture number (“Pict-No.”) holds pressure rows"));
      goto fail;
    }

  width = info.col_max - info.col_min + 1;
  height = info.row_max - info.row_min + 1;
  if (!plantar_import_check_size (ctx, 0, width, height, info.n_frames, error))
    goto fail;
  scan = plantar_scan_new_pressure (width, height, info.n_frames, error);
  if (scan == NULL)
    goto fail;

  if (!walk_pages (ctx, &info, scan, error))
    goto fail;

  /* the plate goes on beyond the written window (emed numbers its sensors
   * from 1): a foot at the window's edge is not cut off by the plate */
  plantar_scan_set_open_edges (scan, (info.col_min > 1 ? PLANTAR_EDGE_LEFT : 0) |
                                     (info.row_min > 1 ? PLANTAR_EDGE_TOP : 0) |
                                     (info.matrix_w == 0 || info.col_max < info.matrix_w ? PLANTAR_EDGE_RIGHT : 0) |
                                     (info.matrix_h == 0 || info.row_max < info.matrix_h ? PLANTAR_EDGE_BOTTOM : 0));
  plantar_import_apply_units (scan, info.unit ? info.unit : plantar_pressure_unit_lookup ("kPa", -1));
  if (info.cell_w_mm > 0)
    plantar_scan_set_cell_size (scan, info.cell_w_mm, info.cell_h_mm);
  if (info.frame_ms > 0)
    plantar_scan_set_frame_ms (scan, info.frame_ms);
  plantar_scan_set_device (scan, "novel emed");
  if (info.matrix_w > 0)
    {
      g_autofree char *name = g_strdup_printf ("%" PRIu64 " × %" PRIu64 " matrix, "
                                               "columns %u–%u, rows %u–%u",
                                               info.matrix_w, info.matrix_h,
                                               info.col_min, info.col_max, info.row_min, info.row_max);
      plantar_scan_set_sensor_name (scan, name);
    }

  g_free (info.source);
  return plantar_import_single (g_steal_pointer (&scan));

fail:
  g_free (info.source);
  return NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-grid"

#include "config.h"

#include "plantar-import-private.h"

/*
 * The generic grid: any rectangle of numbers, one row per line, comma, tab,
 * semicolon or blank separated. Frames are separated by blank lines or by
 * lines starting with "Frame". Optional header lines say what the numbers
 * are:
 *
 *   # cell_mm: 5.08            (or # cell_width_mm: and # cell_height_mm:)
 *   # units: kPa
 *   # frame_ms: 10
 *   # side: left
 *   # origin: bottom-left      (the first row is the plate's bottom, seen from
 *                               above, as a plot with its origin at the lower left)
 *   # rows: bottom-up          (the same, said the other way)
 *   # subject: ...   # device: ...   # date: ...
 *
 * "B" or "-" in a cell means no sensor there.
 */

typedef struct {
  double      cell_w;
  double      cell_h;
  double      frame_ms;
  PlantarSpan units;
  guint       units_line;
  char       *side;
  gboolean    bottom_up;
  char       *subject;
  char       *device;
  char       *date;
} GridHeader;

static void
grid_header_clear (GridHeader *h)
{
  g_free (h->side);
  g_free (h->subject);
  g_free (h->device);
  g_free (h->date);
}

static gboolean
is_frame_line (PlantarSpan line)
{
  return plantar_span_has_prefix_ci (plantar_span_trim (line), "frame");
}

static gboolean
is_comment (PlantarSpan line)
{
  line = plantar_span_trim (line);
  return line.p < line.end && (*line.p == '#' || *line.p == '%');
}

static char
guess_separator (PlantarSpan line)
{
  if (memchr (line.p, '\t', plantar_span_len (line)))
    return '\t';
  if (memchr (line.p, ';', plantar_span_len (line)))
    return ';';
  if (memchr (line.p, ',', plantar_span_len (line)))
    return ',';
  return ' ';
}

/* European spreadsheets write "1,5;2,25": a comma decimal when the fields
 * are not comma separated and hold commas but no points. */
static char
guess_decimal (PlantarSpan line,
               char        separator)
{
  if (separator == ',')
    return '.';
  if (memchr (line.p, ',', plantar_span_len (line)) && !memchr (line.p, '.', plantar_span_len (line)))
    return ',';
  return '.';
}

static gboolean
is_number_row (PlantarSpan line,
               guint      *n_fields)
{
  char sep = guess_separator (line);
  char dec = guess_decimal (line, sep);
  PlantarSpan rest = plantar_span_trim (line), field;
  guint n = 0;
  guint numbers = 0;

  if (rest.p == rest.end)
    return FALSE;

  while (sep == ' ' ? plantar_span_next_word (&rest, &field) : plantar_span_next_field (&rest, sep, &field))
    {
      double v;
      const char *after;

      if (plantar_span_len (field) == 0)
        continue;
      n++;
      if (plantar_span_len (field) == 1 && (*field.p == 'B' || *field.p == '-'))
        continue;
      after = plantar_parse_double (field.p, field.end, dec, &v);
      if (after != field.end)
        return FALSE;
      numbers++;
    }

  if (n_fields)
    *n_fields = n;
  return numbers > 0;
}

gboolean
plantar_sniff_grid (PlantarSpan head)
{
  PlantarLineReader r;
  PlantarSpan line;
  guint rows = 0;
  guint width = 0;

  plantar_line_reader_init (&r, head.p, plantar_span_len (head));
  while (plantar_line_reader_next (&r, &line) && rows < 3)
    {
      guint n = 0;

      /* the last line of the sniffed part may be cut short */
      if (r.pos >= r.end && rows > 0)
        break;
      if (plantar_span_is_blank (line) || is_comment (line) || is_frame_line (line))
        continue;
      if (!is_number_row (line, &n) || n < 2 || (width != 0 && n != width))
        return FALSE;
      width = n;
      rows++;
    }

  return rows >= 2 || (rows == 1 && r.pos >= r.end);
}

static gboolean
parse_header_line (const PlantarImportContext *ctx,
                   guint                       line_no,
                   PlantarSpan                 line,
                   GridHeader                 *h,
                   GError                    **error)
{
  PlantarSpan body = plantar_span_trim (line);
  const char *colon;
  PlantarSpan key, value;
  g_autofree char *key_str = NULL;
  g_autofree char *value_str = NULL;

  body.p++; /* '#' */
  colon = memchr (body.p, ':', plantar_span_len (body));
  if (colon == NULL)
    colon = memchr (body.p, '=', plantar_span_len (body));
  if (colon == NULL)
    return TRUE; /* a plain comment */

  key = plantar_span_trim ((PlantarSpan) { body.p, colon });
  value = plantar_span_trim ((PlantarSpan) { colon + 1, body.end });
  key_str = g_ascii_strdown (key.p, plantar_span_len (key));
  value_str = plantar_span_dup_utf8 (value);

  if (g_str_equal (key_str, "cell_mm") || g_str_equal (key_str, "cell_width_mm") ||
      g_str_equal (key_str, "cell_height_mm"))
    {
      double mm;
      if (!plantar_import_header_length (ctx, line_no, key_str, value, 1, &mm, error))
        return FALSE;
      if (!g_str_equal (key_str, "cell_height_mm"))
        h->cell_w = mm;
      if (!g_str_equal (key_str, "cell_width_mm"))
        h->cell_h = mm;
    }
  else if (g_str_equal (key_str, "units") || g_str_equal (key_str, "unit"))
    {
      h->units = value;
      h->units_line = line_no;
    }
  else if (g_str_equal (key_str, "frame_ms"))
    return plantar_import_header_time (ctx, line_no, key_str, value, 1, &h->frame_ms, error);
  else if (g_str_equal (key_str, "origin"))
    {
      if (g_ascii_strcasecmp (value_str, "bottom-left") != 0 && g_ascii_strcasecmp (value_str, "top-left") != 0)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line_no, 0,
                                    _("“origin” is “top-left” (the first row is the top of the plate) or "
                                      "“bottom-left” (it is the bottom), found “%s”"), value_str);
          return FALSE;
        }
      h->bottom_up = g_ascii_strcasecmp (value_str, "bottom-left") == 0;
    }
  else if (g_str_equal (key_str, "side"))
    plantar_replace_str (&h->side, value_str);
  else if (g_str_equal (key_str, "rows"))
    {
      if (g_ascii_strcasecmp (value_str, "bottom-up") != 0 && g_ascii_strcasecmp (value_str, "top-down") != 0)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line_no, 0,
                                    _("“rows” is “top-down” or “bottom-up”, found “%s”"), value_str);
          return FALSE;
        }
      h->bottom_up = g_ascii_strcasecmp (value_str, "bottom-up") == 0;
    }
  else if (g_str_equal (key_str, "subject"))
    plantar_replace_str (&h->subject, value_str);
  else if (g_str_equal (key_str, "device"))
    plantar_replace_str (&h->device, value_str);
  else if (g_str_equal (key_str, "date"))
    plantar_replace_str (&h->date, value_str);

  return TRUE;
}

/* Where the reading of the rows is. */
typedef struct {
  const PlantarImportContext *ctx;
  PlantarLineReader           r;
  GridHeader                  h;
  PlantarRowFormat            fmt;
  char                       *width_source;
  GArray                     *values;      /* float */
  GByteArray                 *mask;
  guint8                     *row_mask;
  gboolean                    any_absent;
  guint                       width, height, n_frames;
  guint                       rows_in_frame;
  guint                       frame_first_line;
  gboolean                    in_frame;
} Grid;

static void
grid_clear (Grid *g)
{
  grid_header_clear (&g->h);
  g_free (g->width_source);
  g_clear_pointer (&g->values, g_array_unref);
  g_clear_pointer (&g->mask, g_byte_array_unref);
  g_free (g->row_mask);
}

/* A blank line, a "Frame" line or the end of the file closes a frame,
 * which must have as many rows as the first. */
static gboolean
end_frame (Grid    *g,
           GError **error)
{
  if (!g->in_frame)
    return TRUE;
  if (g->n_frames > 0 && g->rows_in_frame != g->height)
    {
      plantar_import_set_error (error, g->ctx, PLANTAR_IMPORT_ERROR_RAGGED, g->frame_first_line, 0,
                                _("frame %u has %u rows, expected %u as in the first frame"),
                                g->n_frames + 1, g->rows_in_frame, g->height);
      return FALSE;
    }
  g->height = g->rows_in_frame;
  g->n_frames++;
  g->in_frame = FALSE;
  return TRUE;
}

/* A row of numbers; the first one says how they are written. */
static gboolean
read_row (Grid        *g,
          PlantarSpan  line,
          GError     **error)
{
  if (g->width == 0)
    {
      g->fmt.separator = guess_separator (line);
      g->fmt.decimal = guess_decimal (line, g->fmt.separator);
      g->width = plantar_row_count_fields (line, g->fmt.separator);
      if (g->width == 0)
        return TRUE;
      g->width_source = g_strdup_printf (_("as in line %u"), g->r.line);
      g->fmt.width_source = g->width_source;
      g->row_mask = g_malloc (g->width);
    }
  if (!g->in_frame)
    {
      g->in_frame = TRUE;
      g->rows_in_frame = 0;
      g->frame_first_line = g->r.line;
    }
  if (g->n_frames > 0 && g->rows_in_frame >= g->height)
    {
      plantar_import_set_error (error, g->ctx, PLANTAR_IMPORT_ERROR_RAGGED, g->r.line, 0,
                                _("frame %u has more than the %u rows of the first frame; "
                                  "separate frames with a blank line"), g->n_frames + 1, g->height);
      return FALSE;
    }
  if (!plantar_import_check_size (g->ctx, g->r.line, g->width, MAX (g->height, g->rows_in_frame + 1),
                                  g->n_frames + 1, error))
    return FALSE;
  g_array_set_size (g->values, g->values->len + g->width);
  memset (g->row_mask, 1, g->width);
  if (!plantar_row_parse (g->ctx, g->r.line, line, &g->fmt, g->width,
                          &g_array_index (g->values, float, g->values->len - g->width), g->row_mask, error))
    return FALSE;
  /* the sensor mask: a cell is absent if it is absent in any frame */
  if (g->n_frames == 0)
    g_byte_array_append (g->mask, g->row_mask, g->width);
  else
    for (guint i = 0; i < g->width; i++)
      g->mask->data[(gsize) g->rows_in_frame * g->width + i] &= g->row_mask[i];
  g->any_absent = g->any_absent || memchr (g->row_mask, 0, g->width) != NULL;
  g->rows_in_frame++;
  return TRUE;
}

/* Every line: header lines, rows, and the lines between frames. A single
 * row that does not end its line is a file cut in its first row, not a
 * grid one sensor deep. */
static gboolean
read_lines (Grid    *g,
            GError **error)
{
  PlantarSpan line;

  plantar_line_reader_init (&g->r, g->ctx->data, g->ctx->length);
  for (;;)
    {
      gboolean more = plantar_line_reader_next (&g->r, &line);

      if (more && is_comment (line))
        {
          if (!parse_header_line (g->ctx, g->r.line, line, &g->h, error))
            return FALSE;
        }
      else if (!more || plantar_span_is_blank (line) || is_frame_line (line))
        {
          if (!end_frame (g, error))
            return FALSE;
          if (!more)
            return TRUE;
        }
      else
        {
          if (!read_row (g, line, error))
            return FALSE;
          if (g->r.pos >= g->r.end && line.end == g->ctx->data + g->ctx->length && g->n_frames == 0 &&
              g->rows_in_frame == 1)
            {
              plantar_import_set_error (error, g->ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, g->r.line, 0,
                                        _("the file stops in the middle of its first row of numbers; "
                                          "it was cut short"));
              return FALSE;
            }
        }
    }
}

/* The units the header or the user says; NULL when neither does. */
static gboolean
grid_units (const Grid                 *g,
            const PlantarPressureUnit **unit,
            GError                    **error)
{
  const PlantarImportContext *ctx = g->ctx;

  *unit = NULL;
  if (g->h.units.p != NULL)
    *unit = plantar_import_units (ctx, g->h.units_line, g->h.units, error);
  else if (ctx->options && ctx->options->units)
    {
      PlantarSpan u = { ctx->options->units, ctx->options->units + strlen (ctx->options->units) };
      *unit = plantar_import_units (ctx, 0, u, error);
    }
  else
    return TRUE;
  return *unit != NULL;
}

/* Units, orientation, scale and what the header says of the scan. */
static void
describe_scan (PlantarScan               *scan,
               const GridHeader          *h,
               const PlantarPressureUnit *unit)
{
  if (unit != NULL)
    plantar_import_apply_units (scan, unit);
  else
    {
      plantar_scan_set_original_units (scan, "kPa");
      plantar_scan_set_units_assumed (scan, TRUE);
      plantar_scan_add_warning (scan, _("The file does not say its units; the values were taken "
                                        "as kPa. Add a line “# units: …” to say otherwise."));
    }
  if (h->bottom_up)
    plantar_scan_flip_rows (scan);
  if (h->cell_w > 0 && h->cell_h > 0)
    plantar_scan_set_cell_size (scan, h->cell_w, h->cell_h);
  if (h->frame_ms > 0)
    plantar_scan_set_frame_ms (scan, h->frame_ms);
  plantar_import_set_side_from_text (scan, h->side);
  plantar_scan_set_subject (scan, h->subject);
  plantar_scan_set_device (scan, h->device);
  plantar_scan_set_date (scan, h->date);
}

GPtrArray *
plantar_load_grid (const PlantarImportContext *ctx,
                   GError                    **error)
{
  Grid g = { ctx };
  const PlantarPressureUnit *unit = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  gboolean ok;

  g.fmt = (PlantarRowFormat) { 0, '.', PLANTAR_ABSENT_B | PLANTAR_ABSENT_DASH, 1, NULL };
  g.values = g_array_new (FALSE, FALSE, sizeof (float));
  g.mask = g_byte_array_new ();
  ok = read_lines (&g, error);
  if (ok && (g.n_frames == 0 || g.width == 0))
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_EMPTY, 0, 0, _("no rows of numbers found"));
      ok = FALSE;
    }
  ok = ok && grid_units (&g, &unit, error) &&
       (scan = plantar_scan_new_pressure_take (g.width, g.height, g.n_frames,
                                               (float *) (void *) g_array_free (g_steal_pointer (&g.values), FALSE),
                                               error)) != NULL;
  if (ok)
    {
      if (g.any_absent)
        memcpy (plantar_scan_ensure_mask (scan), g.mask->data, (gsize) g.width * g.height);
      describe_scan (scan, &g.h, unit);
    }
  grid_clear (&g);
  return ok ? plantar_import_single (g_steal_pointer (&scan)) : NULL;
}

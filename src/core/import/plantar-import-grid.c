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
 *   # rows: bottom-up          (the first row is the plate's bottom, seen from above)
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
      if (!plantar_length_to_mm (value_str, &mm))
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line_no, 0,
                                    _("“%s” must be a positive size in millimetres, found “%s”"),
                                    key_str, value_str);
          return FALSE;
        }
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
    {
      if (!plantar_span_to_double (value, &h->frame_ms) || !(h->frame_ms > 0) || h->frame_ms > 1e6)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line_no, 0,
                                    _("“frame_ms” must be a positive number of milliseconds, found “%s”"),
                                    value_str);
          return FALSE;
        }
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

GPtrArray *
plantar_load_grid (const PlantarImportContext *ctx,
                   GError                    **error)
{
  PlantarLineReader r;
  PlantarSpan line;
  GridHeader h = { 0 };
  PlantarRowFormat fmt = { 0, '.', PLANTAR_ABSENT_B | PLANTAR_ABSENT_DASH, 1, NULL };
  g_autofree char *width_source = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (float));
  g_autoptr(GByteArray) mask = g_byte_array_new ();
  g_autofree guint8 *row_mask = NULL;
  gboolean any_absent = FALSE;
  g_autoptr(PlantarScan) scan = NULL;
  const PlantarPressureUnit *unit = NULL;
  guint width = 0, height = 0, n_frames = 0;
  guint rows_in_frame = 0;
  guint frame_first_line = 0;
  guint first_row_line = 0;
  gboolean in_frame = FALSE;

  plantar_line_reader_init (&r, ctx->data, ctx->length);

  for (;;)
    {
      gboolean more = plantar_line_reader_next (&r, &line);
      gboolean separator = !more || plantar_span_is_blank (line) || is_frame_line (line);

      if (more && is_comment (line))
        {
          if (!parse_header_line (ctx, r.line, line, &h, error))
            goto fail;
          continue;
        }

      if (separator)
        {
          if (in_frame)
            {
              if (n_frames > 0 && rows_in_frame != height)
                {
                  plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_RAGGED,
                                            frame_first_line, 0,
                                            _("frame %u has %u rows, expected %u as in the first frame"),
                                            n_frames + 1, rows_in_frame, height);
                  goto fail;
                }
              height = rows_in_frame;
              n_frames++;
              in_frame = FALSE;
            }
          if (!more)
            break;
          continue;
        }

      if (width == 0)
        {
          fmt.separator = guess_separator (line);
          fmt.decimal = guess_decimal (line, fmt.separator);
          width = plantar_row_count_fields (line, fmt.separator);
          first_row_line = r.line;
          if (width == 0)
            continue;
          width_source = g_strdup_printf (_("as in line %u"), first_row_line);
          fmt.width_source = width_source;
          row_mask = g_malloc (width);
        }

      if (!in_frame)
        {
          in_frame = TRUE;
          rows_in_frame = 0;
          frame_first_line = r.line;
        }

      if (n_frames > 0 && rows_in_frame >= height)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_RAGGED, r.line, 0,
                                    _("frame %u has more than the %u rows of the first frame; "
                                      "separate frames with a blank line"),
                                    n_frames + 1, height);
          goto fail;
        }

      if (!plantar_import_check_size (ctx, r.line, width, MAX (height, rows_in_frame + 1),
                                      n_frames + 1, error))
        goto fail;

      g_array_set_size (values, values->len + width);
      memset (row_mask, 1, width);
      if (!plantar_row_parse (ctx, r.line, line, &fmt, width,
                              &g_array_index (values, float, values->len - width),
                              row_mask, error))
        goto fail;

      /* the sensor mask: a cell is absent if it is absent in any frame */
      if (n_frames == 0)
        g_byte_array_append (mask, row_mask, width);
      else
        for (guint i = 0; i < width; i++)
          mask->data[(gsize) rows_in_frame * width + i] &= row_mask[i];
      any_absent = any_absent || memchr (row_mask, 0, width) != NULL;
      rows_in_frame++;
    }

  if (n_frames == 0 || width == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_EMPTY, 0, 0,
                                _("no rows of numbers found"));
      goto fail;
    }

  if (h.units.p != NULL)
    {
      unit = plantar_import_units (ctx, h.units_line, h.units, error);
      if (unit == NULL)
        goto fail;
    }
  else if (ctx->options && ctx->options->units)
    {
      PlantarSpan u = { ctx->options->units, ctx->options->units + strlen (ctx->options->units) };
      unit = plantar_import_units (ctx, 0, u, error);
      if (unit == NULL)
        goto fail;
    }

  scan = plantar_scan_new_pressure_take (width, height, n_frames,
                                         (float *) (void *) g_array_free (g_steal_pointer (&values), FALSE),
                                         error);
  if (scan == NULL)
    goto fail;

  if (any_absent)
    memcpy (plantar_scan_ensure_mask (scan), mask->data, (gsize) width * height);

  if (unit != NULL)
    plantar_import_apply_units (scan, unit);
  else
    {
      plantar_scan_set_original_units (scan, "kPa");
      plantar_scan_set_units_assumed (scan, TRUE);
      plantar_scan_add_warning (scan, _("The file does not say its units; the values were taken "
                                        "as kPa. Add a line “# units: …” to say otherwise."));
    }

  if (h.bottom_up)
    plantar_scan_flip_rows (scan);
  if (h.cell_w > 0 && h.cell_h > 0)
    plantar_scan_set_cell_size (scan, h.cell_w, h.cell_h);
  if (h.frame_ms > 0)
    plantar_scan_set_frame_ms (scan, h.frame_ms);
  plantar_import_set_side_from_text (scan, h.side);
  plantar_scan_set_subject (scan, h.subject);
  plantar_scan_set_device (scan, h.device);
  plantar_scan_set_date (scan, h.date);

  grid_header_clear (&h);
  return plantar_import_single (g_steal_pointer (&scan));

fail:
  grid_header_clear (&h);
  return NULL;
}

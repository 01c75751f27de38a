/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import"

#include "config.h"

#include <math.h>

#include "plantar-import-private.h"

/* No plate measures anywhere near this; a larger value is a misread file. */
#define MAX_PLAUSIBLE_VALUE 1e8

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* How many values a row holds; a separator at the very end adds none. */
guint
plantar_row_count_fields (PlantarSpan row,
                          char        separator)
{
  guint n = 0;
  const char *p = row.p;

  row = plantar_span_trim (row);
  if (row.p == row.end)
    return 0;

  if (separator == ' ')
    {
      PlantarSpan rest = row, word;
      while (plantar_span_next_word (&rest, &word))
        n++;
      return n;
    }

  n = 1;
  for (p = row.p; p < row.end; p++)
    if (*p == separator)
      n++;
  /* "1,2,3," and "1,2,3,,,,": trailing empty fields are not values */
  for (p = row.end; p > row.p && (p[-1] == separator || is_blank (p[-1])); p--)
    if (p[-1] == separator)
      n--;
  return n;
}

/* Drops the row label ("y12", "30") before the values. */
gboolean
plantar_row_skip_label (PlantarSpan *row,
                        char         separator)
{
  const char *p = row->p;

  if (separator == ' ')
    {
      while (p < row->end && is_blank (*p))
        p++;
      while (p < row->end && !is_blank (*p))
        p++;
    }
  else
    {
      p = memchr (row->p, separator, row->end - row->p);
      if (p == NULL)
        return FALSE;
      p++;
    }
  row->p = p;
  return TRUE;
}

static PlantarSpan
field_at (const char *p,
          const char *end,
          char        separator)
{
  PlantarSpan f = { p, p };

  while (f.end < end && *f.end != separator && !(separator == ' ' && is_blank (*f.end)))
    f.end++;
  return plantar_span_trim (f);
}

/**
 * plantar_row_parse:
 * @expected: how many values the row must hold
 * @values: where they go (@expected floats)
 * @mask: (nullable): cleared where a cell holds no sensor
 *
 * Reads one row of a grid, refusing what is not a pressure (text, NaN,
 * infinity, negative values) and rows that are too short or too long,
 * with the line and column in the message.
 */
gboolean
plantar_row_parse (const PlantarImportContext *ctx,
                   guint                       line,
                   PlantarSpan                 row,
                   const PlantarRowFormat     *format,
                   guint                       expected,
                   float                      *values,
                   guint8                     *mask,
                   GError                    **error)
{
  const char sep = format->separator;
  const char *p = row.p;
  const char *end = row.end;
  guint n = 0;

  for (;;)
    {
      const char *q;
      const char *start;
      double v;

      while (p < end && (*p == ' ' || (sep != '\t' && *p == '\t')))
        p++;
      if (p >= end)
        break;
      start = p;

      q = plantar_parse_double (p, end, format->decimal, &v);

      if (G_UNLIKELY (q == NULL))
        {
          PlantarSpan f = field_at (p, end, sep);
          gboolean absent = FALSE;

          if (plantar_span_len (f) == 1)
            absent = ((format->absent & PLANTAR_ABSENT_B) && (*f.p == 'B' || *f.p == 'b')) ||
                     ((format->absent & PLANTAR_ABSENT_DASH) && *f.p == '-');
          if (!absent)
            {
              /* an empty field that ends the row is a trailing separator */
              if (plantar_span_len (f) == 0 && sep != ' ' && plantar_span_is_only ((PlantarSpan) { p, end }, (char[]) { sep, ' ', '\t', '\0' }))
                break;
              plantar_import_value_error (error, ctx, line, format->first_column + n, f, 0, FALSE);
              return FALSE;
            }
          if (n < expected)
            {
              values[n] = 0;
              if (mask)
                mask[n] = 0;
            }
          q = f.end;
        }
      else if (G_UNLIKELY (!(v >= 0 && v < MAX_PLAUSIBLE_VALUE)))
        {
          if ((format->absent & PLANTAR_ABSENT_MINUS_ONE) && v == -1)
            {
              if (n < expected)
                {
                  values[n] = 0;
                  if (mask)
                    mask[n] = 0;
                }
            }
          else
            {
              plantar_import_value_error (error, ctx, line, format->first_column + n,
                                          field_at (p, end, sep), v, TRUE);
              return FALSE;
            }
        }
      else if (G_LIKELY (n < expected))
        values[n] = v;

      n++;
      p = q;
      while (p < end && *p == ' ' && sep != ' ')
        p++;
      if (p >= end)
        break;
      if (sep == ' ' ? !is_blank (*p) : *p != sep)
        {
          /* "12.5kPa" or "1.2.3": the field goes on after its number */
          plantar_import_value_error (error, ctx, line, format->first_column + n - 1,
                                      field_at (start, end, sep), 0, FALSE);
          return FALSE;
        }
      if (sep != ' ')
        p++;
    }

  if (G_UNLIKELY (n != expected))
    {
      /* a short last line: the file stops in the middle of a row */
      if (n < expected && row.end == ctx->data + ctx->length)
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, line, 0,
                                  _("the file ends in the middle of this row, after %u of its %u values; "
                                    "it was cut short"), n, expected);
      else if (format->width_source != NULL)
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_RAGGED, line, 0,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "the row has %u value, expected %u (%s)",
                                               "the row has %u values, expected %u (%s)", n),
                                  n, expected, format->width_source);
      else
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_RAGGED, line, 0,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "the row has %u value, expected %u",
                                               "the row has %u values, expected %u", n),
                                  n, expected);
      return FALSE;
    }

  return TRUE;
}

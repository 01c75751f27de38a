/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* A piece of a text buffer: [p, end). Never nul-terminated. */
typedef struct {
  const char *p;
  const char *end;
} PlantarSpan;

/* Reads a buffer line by line, counting lines for error messages. */
typedef struct {
  const char *data;
  const char *pos;
  const char *end;
  guint       line;   /* number of the line last returned, 1-based */
} PlantarLineReader;

static inline void
plantar_line_reader_init (PlantarLineReader *r,
                          const char        *data,
                          gsize              length)
{
  r->data = data;
  r->pos = data;
  r->end = data + length;
  r->line = 0;
}

/* The next line without its "\n" or "\r\n"; FALSE at the end of the buffer. */
static inline gboolean
plantar_line_reader_next (PlantarLineReader *r,
                          PlantarSpan       *line)
{
  const char *nl;

  if (r->pos >= r->end)
    return FALSE;

  nl = memchr (r->pos, '\n', r->end - r->pos);
  line->p = r->pos;
  line->end = nl ? nl : r->end;
  r->pos = nl ? nl + 1 : r->end;
  if (line->end > line->p && line->end[-1] == '\r')
    line->end--;
  r->line++;
  return TRUE;
}

/* Looks at the next line without consuming it. */
static inline gboolean
plantar_line_reader_peek (const PlantarLineReader *r,
                          PlantarSpan             *line)
{
  PlantarLineReader copy = *r;
  return plantar_line_reader_next (&copy, line);
}

static inline gsize
plantar_span_len (PlantarSpan s)
{
  return s.end - s.p;
}

static inline PlantarSpan
plantar_span_trim (PlantarSpan s)
{
  while (s.p < s.end && (*s.p == ' ' || *s.p == '\t' || *s.p == '\r' || *s.p == '\f' || *s.p == '\v'))
    s.p++;
  while (s.end > s.p && (s.end[-1] == ' ' || s.end[-1] == '\t' || s.end[-1] == '\r' || s.end[-1] == '\f'))
    s.end--;
  return s;
}

void         plantar_replace_str          (char       **field,
                                           const char  *value);
void         plantar_span_replace_str     (PlantarSpan  s,
                                           char       **field);
gboolean     plantar_span_is_blank        (PlantarSpan  s);
gboolean     plantar_span_is_only         (PlantarSpan  s,
                                           const char  *chars);
gboolean     plantar_span_has_prefix      (PlantarSpan  s,
                                           const char  *prefix);
gboolean     plantar_span_has_prefix_ci   (PlantarSpan  s,
                                           const char  *prefix);
gboolean     plantar_span_equal           (PlantarSpan  s,
                                           const char  *text);
gboolean     plantar_span_contains_ci     (PlantarSpan  s,
                                           const char  *needle);
const char  *plantar_span_find            (PlantarSpan  s,
                                           const char  *needle);
char        *plantar_span_dup             (PlantarSpan  s);
char        *plantar_span_dup_utf8        (PlantarSpan  s);
char        *plantar_span_describe        (PlantarSpan  s);
PlantarSpan  plantar_span_after           (PlantarSpan  s,
                                           const char  *prefix);
gboolean     plantar_span_next_field      (PlantarSpan *s,
                                           char         separator,
                                           PlantarSpan *field);
gboolean     plantar_span_next_word       (PlantarSpan *s,
                                           PlantarSpan *word);
gboolean     plantar_span_to_double       (PlantarSpan  s,
                                           double      *value);
gboolean     plantar_span_to_uint         (PlantarSpan  s,
                                           guint64     *value);

const char  *plantar_parse_double_slow    (const char  *p,
                                           const char  *end,
                                           char         decimal,
                                           double      *value);

/* Parses a decimal number at @p ("12", "-0.5", "3.2e-4", "nan", "inf").
 * Returns the first byte after it, or NULL if there is no number at @p.
 * Exact for up to 15 significant digits and 10^±22; other numbers take the
 * slower, correctly rounded path. */
static inline const char *
plantar_parse_double (const char *p,
                      const char *end,
                      char        decimal,
                      double     *value)
{
  static const double pow10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
  const char *start = p;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  int n_digits = 0;
  int frac = 0;
  gboolean any = FALSE;

  if (p < end && (*p == '-' || *p == '+'))
    {
      negative = *p == '-';
      p++;
    }
  while (p < end && (guint) (*p - '0') < 10)
    {
      mantissa = mantissa * 10 + (guint) (*p - '0');
      n_digits++;
      any = TRUE;
      p++;
    }
  if (p < end && *p == decimal)
    {
      p++;
      while (p < end && (guint) (*p - '0') < 10)
        {
          mantissa = mantissa * 10 + (guint) (*p - '0');
          n_digits++;
          frac++;
          any = TRUE;
          p++;
        }
    }
  if (G_UNLIKELY (!any || n_digits > 15 || frac > 22 ||
                  (p < end && (*p == 'e' || *p == 'E'))))
    return plantar_parse_double_slow (start, end, decimal, value);

  *value = (double) mantissa / pow10[frac];
  if (negative)
    *value = -*value;
  return p;
}

G_END_DECLS

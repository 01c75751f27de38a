/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-text"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "plantar-text.h"

/* Sets a string field to a copy of @value (g_set_str() needs GLib 2.76). */
void
plantar_replace_str (char       **field,
                     const char  *value)
{
  char *copy;

  if (*field == value)
    return;
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
}

/* Sets a string field to the text of @s, as UTF-8. */
void
plantar_span_replace_str (PlantarSpan   s,
                          char        **field)
{
  g_free (*field);
  *field = plantar_span_dup_utf8 (s);
}

gboolean
plantar_span_is_blank (PlantarSpan s)
{
  s = plantar_span_trim (s);
  return s.p == s.end;
}

/* TRUE if @s holds nothing but characters from @chars (or is empty). */
gboolean
plantar_span_is_only (PlantarSpan  s,
                      const char  *chars)
{
  for (const char *c = s.p; c < s.end; c++)
    if (strchr (chars, *c) == NULL || *c == '\0')
      return FALSE;
  return TRUE;
}

gboolean
plantar_span_has_prefix (PlantarSpan  s,
                         const char  *prefix)
{
  gsize n = strlen (prefix);
  return plantar_span_len (s) >= n && memcmp (s.p, prefix, n) == 0;
}

gboolean
plantar_span_has_prefix_ci (PlantarSpan  s,
                            const char  *prefix)
{
  gsize n = strlen (prefix);
  return plantar_span_len (s) >= n && g_ascii_strncasecmp (s.p, prefix, n) == 0;
}

gboolean
plantar_span_equal (PlantarSpan  s,
                    const char  *text)
{
  gsize n = strlen (text);
  return plantar_span_len (s) == n && memcmp (s.p, text, n) == 0;
}

const char *
plantar_span_find (PlantarSpan  s,
                   const char  *needle)
{
  gsize n = strlen (needle);

  if (n == 0)
    return s.p;
  for (const char *p = s.p; p + n <= s.end; p++)
    if (*p == *needle && memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

gboolean
plantar_span_contains_ci (PlantarSpan  s,
                          const char  *needle)
{
  gsize n = strlen (needle);

  for (const char *p = s.p; p + n <= s.end; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return TRUE;
  return FALSE;
}

char *
plantar_span_dup (PlantarSpan s)
{
  return g_strndup (s.p, plantar_span_len (s));
}

/* A copy that is valid UTF-8 whatever the file's encoding: vendors' software
 * writes Latin-1 or Windows-1252 as often as UTF-8. */
char *
plantar_span_dup_utf8 (PlantarSpan s)
{
  gsize n = plantar_span_len (s);
  char *out;

  if (g_utf8_validate (s.p, n, NULL))
    return g_strndup (s.p, n);

  out = g_convert (s.p, n, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (out == NULL)
    out = g_convert (s.p, n, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  if (out == NULL)
    out = g_utf8_make_valid (s.p, n);
  return out;
}

/* How a field is quoted in an error message: at most 24 characters, with
 * anything unprintable shown as a byte value. */
char *
plantar_span_describe (PlantarSpan s)
{
  GString *out = g_string_new (NULL);
  gsize n = MIN (plantar_span_len (s), 24);

  if (plantar_span_len (s) == 0)
    return g_string_free (out, FALSE);

  for (gsize i = 0; i < n; i++)
    {
      guchar c = s.p[i];
      if (c >= 0x20 && c < 0x7f)
        g_string_append_c (out, c);
      else
        g_string_append_printf (out, "\\x%02X", c);
    }
  if (plantar_span_len (s) > n)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* What follows @prefix in @s, trimmed; empty if @s does not start with it. */
PlantarSpan
plantar_span_after (PlantarSpan  s,
                    const char  *prefix)
{
  PlantarSpan rest = { s.end, s.end };

  s = plantar_span_trim (s);
  if (plantar_span_has_prefix_ci (s, prefix))
    {
      rest.p = s.p + strlen (prefix);
      rest.end = s.end;
      rest = plantar_span_trim (rest);
    }
  return rest;
}

/* Splits off the next @separator-separated field of @s (trimmed).
 * Returns FALSE when @s is used up. */
gboolean
plantar_span_next_field (PlantarSpan *s,
                         char         separator,
                         PlantarSpan *field)
{
  const char *sep;

  if (s->p == NULL)
    return FALSE;

  sep = memchr (s->p, separator, s->end - s->p);
  field->p = s->p;
  field->end = sep ? sep : s->end;
  *field = plantar_span_trim (*field);
  /* NULL marks "no more fields": a trailing separator still gives one empty field */
  s->p = sep ? sep + 1 : NULL;
  return TRUE;
}

/* Splits off the next run of non-blank characters. */
gboolean
plantar_span_next_word (PlantarSpan *s,
                        PlantarSpan *word)
{
  const char *p = s->p;

  while (p < s->end && (*p == ' ' || *p == '\t'))
    p++;
  if (p >= s->end)
    {
      s->p = s->end;
      return FALSE;
    }
  word->p = p;
  while (p < s->end && *p != ' ' && *p != '\t')
    p++;
  word->end = p;
  s->p = p;
  return TRUE;
}

/* The whole of @s (trimmed) as one number. */
gboolean
plantar_span_to_double (PlantarSpan  s,
                        double      *value)
{
  const char *after;

  s = plantar_span_trim (s);
  after = plantar_parse_double (s.p, s.end, '.', value);
  return after != NULL && after == s.end;
}

gboolean
plantar_span_to_uint (PlantarSpan  s,
                      guint64     *value)
{
  guint64 v = 0;

  s = plantar_span_trim (s);
  if (s.p == s.end)
    return FALSE;
  for (const char *p = s.p; p < s.end; p++)
    {
      if ((guint) (*p - '0') >= 10 || v > (G_MAXUINT64 - 9) / 10)
        return FALSE;
      v = v * 10 + (guint) (*p - '0');
    }
  *value = v;
  return TRUE;
}

/* The careful path of plantar_parse_double(): long mantissas, exponents,
 * "nan" and "inf" (returned as such, for the caller to refuse by name). */
const char *
plantar_parse_double_slow (const char *p,
                           const char *end,
                           char        decimal,
                           double     *value)
{
  char buf[80];
  gsize n = 0;
  const char *q = p;
  gboolean digits = FALSE;
  char *stop = NULL;

  if (q < end && (*q == '-' || *q == '+'))
    buf[n++] = *q++;

  /* nan, inf, infinity in any case */
  if (end - q >= 3 && (g_ascii_strncasecmp (q, "nan", 3) == 0 || g_ascii_strncasecmp (q, "inf", 3) == 0))
    {
      gboolean is_nan = g_ascii_tolower (*q) == 'n';
      q += 3;
      if (!is_nan && end - q >= 5 && g_ascii_strncasecmp (q, "inity", 5) == 0)
        q += 5;
      *value = is_nan ? NAN : (p[0] == '-' ? -INFINITY : INFINITY);
      return q;
    }

  while (q < end && n < sizeof buf - 8)
    {
      char c = *q;
      if ((guint) (c - '0') < 10)
        digits = TRUE;
      else if (c == decimal)
        c = '.';
      else if ((c == 'e' || c == 'E') && digits)
        {
          /* only an exponent if digits follow */
          const char *e = q + 1;
          if (e < end && (*e == '-' || *e == '+'))
            e++;
          if (e >= end || (guint) (*e - '0') >= 10)
            break;
          buf[n++] = 'e';
          q++;
          if (*q == '-' || *q == '+')
            buf[n++] = *q++;
          continue;
        }
      else
        break;
      buf[n++] = c;
      q++;
    }

  if (!digits)
    return NULL;
  /* a number longer than the buffer is not a number a scan file holds */
  if (q < end && ((guint) (*q - '0') < 10 || *q == decimal))
    return NULL;

  buf[n] = '\0';
  *value = g_ascii_strtod (buf, &stop);
  if (stop != buf + n)
    return NULL;
  return q;
}

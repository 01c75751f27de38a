/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-units"

#include "config.h"

#include <string.h>

#include "plantar-units.h"

static const struct {
  const char          *spelling;   /* lower case, no spaces, "2" for squared */
  PlantarPressureUnit  unit;
} pressure_units[] = {
  { "kpa",     { "kPa",     1.0,       FALSE } },
  { "pa",      { "Pa",      0.001,     FALSE } },
  { "n/m2",    { "N/m²",    0.001,     FALSE } },
  { "mpa",     { "MPa",     1000.0,    FALSE } },
  { "n/mm2",   { "N/mm²",   1000.0,    FALSE } },
  { "n/cm2",   { "N/cm²",   10.0,      FALSE } },
  { "mmhg",    { "mmHg",    0.133322,  FALSE } },
  { "psi",     { "PSI",     6.894757,  FALSE } },
  { "kg/cm2",  { "kg/cm²",  98.0665,   FALSE } },
  { "kgf/cm2", { "kgf/cm²", 98.0665,   FALSE } },
  { "g/cm2",   { "g/cm²",   0.0980665, FALSE } },
  { "bar",     { "bar",     100.0,     FALSE } },
  { "mbar",    { "mbar",    0.1,       FALSE } },
  { "raw",     { "raw",     1.0,       TRUE } },
  { "rawsum",  { "raw",     1.0,       TRUE } },
  { "digital", { "raw",     1.0,       TRUE } },
};

/* Lower-cases, drops blanks and brackets, and spells "²", "^2" and "sq" as "2",
 * so "N/cm^2", "N/cm²", "[kPa]" and "KPa " all find their unit. */
static void
normalise (const char *text,
           gsize       length,
           char       *out,
           gsize       out_size)
{
  gsize o = 0;

  for (gsize i = 0; i < length && text[i] != '\0' && o + 1 < out_size; i++)
    {
      guchar c = text[i];

      if (c == ' ' || c == '\t' || c == '[' || c == ']' || c == '(' || c == ')' || c == '^')
        continue;
      if (c == 0xC2 && i + 1 < length && (guchar) text[i + 1] == 0xB2) /* UTF-8 ² */
        {
          out[o++] = '2';
          i++;
          continue;
        }
      if (c == 0xB2) /* Latin-1 ² */
        {
          out[o++] = '2';
          continue;
        }
      out[o++] = g_ascii_tolower (c);
    }
  out[o] = '\0';
}

/**
 * plantar_pressure_unit_lookup:
 * @text: a unit as a file spells it
 * @length: its length, or -1 if nul-terminated
 *
 * Returns: (nullable): the unit, or %NULL if Plantar cannot convert it
 */
const PlantarPressureUnit *
plantar_pressure_unit_lookup (const char *text,
                              gssize      length)
{
  char key[32];

  if (text == NULL)
    return NULL;
  if (length < 0)
    length = strlen (text);
  normalise (text, length, key, sizeof key);

  for (guint i = 0; i < G_N_ELEMENTS (pressure_units); i++)
    if (strcmp (key, pressure_units[i].spelling) == 0)
      return &pressure_units[i].unit;

  return NULL;
}

/**
 * plantar_pressure_unit_list:
 *
 * The units Plantar converts, for messages: "kPa, Pa, ...".
 */
char *
plantar_pressure_unit_list (void)
{
  GString *s = g_string_new (NULL);
  const char *last = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pressure_units); i++)
    {
      const char *name = pressure_units[i].unit.name;
      if (g_strcmp0 (name, last) == 0)
        continue;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, name);
      last = name;
    }
  return g_string_free (s, FALSE);
}

/**
 * plantar_length_to_mm:
 * @text: "5.08 mm", "0.508 cm", "0.2 in", or a bare number meaning mm
 *
 * Returns: %TRUE if @text was a positive, finite length
 */
gboolean
plantar_length_to_mm (const char *text,
                      double     *mm)
{
  char *end = NULL;
  double value;
  double factor = 1.0;

  value = g_ascii_strtod (text, &end);
  if (end == text || !(value > 0) || value > 1e6)
    return FALSE;

  while (*end == ' ' || *end == '\t')
    end++;

  if (*end == '\0' || g_ascii_strncasecmp (end, "mm", 2) == 0)
    factor = 1.0;
  else if (g_ascii_strncasecmp (end, "cm", 2) == 0)
    factor = 10.0;
  else if (g_ascii_strncasecmp (end, "in", 2) == 0 || *end == '"')
    factor = 25.4;
  else if (g_ascii_strncasecmp (end, "m", 1) == 0 && (end[1] == '\0' || end[1] == ' '))
    factor = 1000.0;
  else
    return FALSE;

  *mm = value * factor;
  return TRUE;
}

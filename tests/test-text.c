/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "plantar-json-source.h"
#include "plantar-text.h"
#include "plantar-units.h"

static double
parse (const char *text,
       char        decimal,
       gsize      *consumed)
{
  double v = -12345;
  const char *end = text + strlen (text);
  const char *after = plantar_parse_double (text, end, decimal, &v);

  *consumed = after ? (gsize) (after - text) : 0;
  return after ? v : NAN;
}

static void
test_numbers (void)
{
  struct { const char *text; double value; gsize consumed; } cases[] = {
    { "0", 0, 1 },
    { "0.00", 0, 4 },
    { "12.5", 12.5, 4 },
    { "-3.25", -3.25, 5 },
    { "+7", 7, 2 },
    { ".5", 0.5, 2 },
    { "5.", 5, 2 },
    { "1e3", 1000, 3 },
    { "2.5E-2", 0.025, 6 },
    { "1e", 1, 1 },                 /* not an exponent: stops before it */
    { "361.104\t", 361.104, 7 },
    { "12kPa", 12, 2 },
    { "123456789012345678", 123456789012345678.0, 18 }, /* long: slow path */
    { "0.000000000000000000000001", 1e-24, 26 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize consumed;
      double v = parse (cases[i].text, '.', &consumed);
      g_assert_cmpfloat_with_epsilon (v, cases[i].value, fabs (cases[i].value) * 1e-15 + 1e-300);
      g_assert_cmpuint (consumed, ==, cases[i].consumed);
    }
}

static void
test_not_numbers (void)
{
  const char *cases[] = { "", "-", "+", ".", "abc", "B", "-.", "e5", ",5" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize consumed;
      double v = parse (cases[i], '.', &consumed);
      g_assert_true (isnan (v));
      g_assert_cmpuint (consumed, ==, 0);
    }
}

static void
test_special_values (void)
{
  gsize consumed;

  g_assert_true (isnan (parse ("NaN", '.', &consumed)));
  g_assert_cmpuint (consumed, ==, 3);
  g_assert_true (isinf (parse ("inf", '.', &consumed)));
  g_assert_cmpfloat (parse ("-Infinity", '.', &consumed), <, 0);
  g_assert_cmpuint (consumed, ==, 9);
}

static void
test_decimal_comma (void)
{
  gsize consumed;

  g_assert_cmpfloat (parse ("1,25", ',', &consumed), ==, 1.25);
  g_assert_cmpuint (consumed, ==, 4);
  g_assert_cmpfloat (parse ("1,25", '.', &consumed), ==, 1);
  g_assert_cmpuint (consumed, ==, 1);
}

/* The fast path must give exactly what strtod gives, on numbers as plates
 * write them. */
static void
test_matches_strtod (void)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (int i = 0; i < 200000; i++)
    {
      char buf[64];
      double expected, got;
      gsize consumed;
      int decimals = g_rand_int_range (rand, 0, 7);
      double magnitude = pow (10, g_rand_int_range (rand, 0, 7));

      g_ascii_formatd (buf, sizeof buf, decimals == 0 ? "%.0f" : decimals == 1 ? "%.1f" : decimals == 2 ? "%.2f" :
                       decimals == 3 ? "%.3f" : decimals == 4 ? "%.4f" : decimals == 5 ? "%.5f" : "%.6f",
                       g_rand_double (rand) * magnitude * (g_rand_boolean (rand) ? 1 : -1));
      expected = g_ascii_strtod (buf, NULL);
      got = parse (buf, '.', &consumed);
      if (got != expected)
        g_error ("%s: parsed %.17g, strtod %.17g", buf, got, expected);
      g_assert_cmpuint (consumed, ==, strlen (buf));
    }
  g_rand_free (rand);
}

static void
test_lines (void)
{
  const char text[] = "one\r\ntwo\n\nfour";
  PlantarLineReader r;
  PlantarSpan line;

  plantar_line_reader_init (&r, text, strlen (text));
  g_assert_true (plantar_line_reader_next (&r, &line));
  g_assert_true (plantar_span_equal (line, "one"));
  g_assert_true (plantar_line_reader_peek (&r, &line));
  g_assert_true (plantar_span_equal (line, "two"));
  g_assert_cmpuint (r.line, ==, 1);
  g_assert_true (plantar_line_reader_next (&r, &line));
  g_assert_true (plantar_line_reader_next (&r, &line));
  g_assert_true (plantar_span_is_blank (line));
  g_assert_true (plantar_line_reader_next (&r, &line));
  g_assert_true (plantar_span_equal (line, "four"));
  g_assert_cmpuint (r.line, ==, 4);
  g_assert_false (plantar_line_reader_next (&r, &line));
}

static void
test_fields (void)
{
  const char text[] = " a , b,,c,";
  PlantarSpan s = { text, text + strlen (text) }, f;
  const char *expected[] = { "a", "b", "", "c", "" };
  guint n = 0;

  while (plantar_span_next_field (&s, ',', &f))
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_true (plantar_span_equal (f, expected[n]));
      n++;
    }
  g_assert_cmpuint (n, ==, 5);
}

static void
test_units (void)
{
  struct { const char *text; double factor; gboolean raw; } cases[] = {
    { "kPa", 1, FALSE }, { "KPa ", 1, FALSE }, { "N/cm^2", 10, FALSE }, { "N/cm²", 10, FALSE },
    { "N/cm\xb2", 10, FALSE }, { "[mmHg]", 0.133322, FALSE }, { "PSI", 6.894757, FALSE },
    { "kg/cm2", 98.0665, FALSE }, { "MPa", 1000, FALSE }, { "raw", 1, TRUE },
  };
  double mm;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const PlantarPressureUnit *u = plantar_pressure_unit_lookup (cases[i].text, -1);
      g_assert_nonnull (u);
      g_assert_cmpfloat (u->to_kpa, ==, cases[i].factor);
      g_assert_cmpint (u->raw, ==, cases[i].raw);
    }
  g_assert_null (plantar_pressure_unit_lookup ("furlongs", -1));
  g_assert_null (plantar_pressure_unit_lookup ("", -1));

  g_assert_true (plantar_length_to_mm ("5.08 mm", &mm));
  g_assert_cmpfloat (mm, ==, 5.08);
  g_assert_true (plantar_length_to_mm ("0.5 cm", &mm));
  g_assert_cmpfloat (mm, ==, 5.0);
  g_assert_true (plantar_length_to_mm ("0.2 in", &mm));
  g_assert_cmpfloat_with_epsilon (mm, 5.08, 1e-12);
  g_assert_false (plantar_length_to_mm ("-1 mm", &mm));
  g_assert_false (plantar_length_to_mm ("5 parsecs", &mm));
}

/* JSON numbers as a person reads them, or exactly when they are kept;
 * strings that look like numbers left alone. */
static void
test_json_numbers (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *shown = NULL, *kept = NULL;
  double third = 1.0 / 3, tenth = round (33.3 * 10) / 10 + 4e-15;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "a");
  json_builder_add_double_value (b, tenth);
  json_builder_set_member_name (b, "b");
  json_builder_add_double_value (b, third);
  json_builder_set_member_name (b, "c");
  json_builder_add_int_value (b, -12);
  json_builder_set_member_name (b, "d \" 0.30000000000000004");
  json_builder_add_string_value (b, "1.0000000000000002e5");
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  shown = plantar_json_to_text (root, FALSE, FALSE);
  g_assert_cmpstr (shown, ==, "{\"a\":33.3,\"b\":0.333333333333333,\"c\":-12,"
                              "\"d \\\" 0.30000000000000004\":\"1.0000000000000002e5\"}");
  kept = plantar_json_to_text (root, FALSE, TRUE);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *o;
    g_assert_true (json_parser_load_from_data (parser, kept, -1, NULL));
    o = json_node_get_object (json_parser_get_root (parser));
    g_assert_true (json_object_get_double_member (o, "a") == tenth);
    g_assert_true (json_object_get_double_member (o, "b") == third);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/numbers", test_numbers);
  g_test_add_func ("/text/not-numbers", test_not_numbers);
  g_test_add_func ("/text/special-values", test_special_values);
  g_test_add_func ("/text/decimal-comma", test_decimal_comma);
  g_test_add_func ("/text/matches-strtod", test_matches_strtod);
  g_test_add_func ("/text/lines", test_lines);
  g_test_add_func ("/text/fields", test_fields);
  g_test_add_func ("/text/units", test_units);
  g_test_add_func ("/text/json-numbers", test_json_numbers);
  return g_test_run ();
}

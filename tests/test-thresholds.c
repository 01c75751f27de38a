/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-analysis.h"
#include "plantar-test-util.h"

/* The categories a measure falls in, from Plantar's own thresholds and
 * from a clinic's file, and the shoe sizes a foot takes. */

static void
test_thresholds_builtin (void)
{
  PlantarThresholds *t = plantar_thresholds_get_builtin ();
  PlantarCategory c;

  /* high <= 0.21 < normal < 0.26 <= flat */
  g_assert_true (plantar_thresholds_categorize (t, "arch_index", 0.21, &c));
  g_assert_cmpstr (c.category, ==, "high");
  g_assert_true (plantar_thresholds_categorize (t, "arch_index", 0.2101, &c));
  g_assert_cmpstr (c.category, ==, "normal");
  g_assert_true (plantar_thresholds_categorize (t, "arch_index", 0.26, &c));
  g_assert_cmpstr (c.category, ==, "flat");
  g_assert_nonnull (strstr (c.citation, "Cavanagh"));
  /* high < 30 <= normal <= 45 < flat */
  g_assert_true (plantar_thresholds_categorize (t, "chippaux_smirak", 30, &c));
  g_assert_cmpstr (c.category, ==, "normal");
  g_assert_true (plantar_thresholds_categorize (t, "chippaux_smirak", 45, &c));
  g_assert_cmpstr (c.category, ==, "normal");
  g_assert_true (plantar_thresholds_categorize (t, "chippaux_smirak", 45.01, &c));
  g_assert_cmpstr (c.category, ==, "flat");
  g_assert_true (plantar_thresholds_categorize (t, "hernandez_corvo", 57, &c));
  g_assert_cmpstr (c.category, ==, "normal/cavus");
  /* no adult categories for Staheli: the value stands alone */
  g_assert_true (plantar_thresholds_categorize (t, "staheli", 0.7, &c));
  g_assert_null (c.category);
  /* no value, no category */
  g_assert_false (plantar_thresholds_categorize (t, "arch_index", NAN, &c));
  g_assert_true (plantar_thresholds_flag (t, "heel_peak_kpa", 500, &c));
  g_assert_false (plantar_thresholds_flag (t, "heel_peak_kpa", 300, &c));
}

/* The installed file is the built-in one. */
static void
test_thresholds_file (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "plantar-thresholds.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarThresholds) t = plantar_thresholds_load (path, &error);
  PlantarCategory c;

  g_assert_no_error (error);
  g_assert_true (plantar_thresholds_categorize (t, "clarke_angle_deg", 29.9, &c));
  g_assert_cmpstr (c.category, ==, "flat");
}

static void
assert_thresholds_error (const char *text,
                         int         code,
                         const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarThresholds) t = plantar_thresholds_parse (text, -1, "clinic.json", &error);

  g_assert_null (t);
  g_assert_error (error, PLANTAR_THRESHOLDS_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static void
test_thresholds_bad (void)
{
  assert_thresholds_error ("{ \"indices\": { ", PLANTAR_THRESHOLDS_ERROR_SYNTAX, "clinic.json");
  assert_thresholds_error ("[1, 2]", PLANTAR_THRESHOLDS_ERROR_SYNTAX, "expected a JSON object");
  /* a bound that is not a number, named by line and field */
  assert_thresholds_error ("{\n"
                           "  \"indices\": {\n"
                           "    \"arch_index\": {\n"
                           "      \"label\": \"Arch index\", \"citation\": \"Cavanagh 1987\",\n"
                           "      \"categories\": [\n"
                           "        { \"category\": \"high\", \"upto\": \"low\" },\n"
                           "        { \"category\": \"flat\" }\n"
                           "      ]\n"
                           "    }\n"
                           "  },\n"
                           "  \"flags\": {}\n"
                           "}\n",
                           PLANTAR_THRESHOLDS_ERROR_FIELD, "line 6: indices.arch_index.upto");
  /* bounds that go down */
  assert_thresholds_error ("{ \"indices\": { \"arch_index\": { \"label\": \"AI\", \"citation\": \"C\", "
                           "\"categories\": ["
                           "{ \"category\": \"high\", \"upto\": 0.26 },"
                           "{ \"category\": \"normal\", \"upto\": 0.21 },"
                           "{ \"category\": \"flat\" } ] } }, \"flags\": {} }",
                           PLANTAR_THRESHOLDS_ERROR_FIELD, "must increase");
  /* a threshold without its source */
  assert_thresholds_error ("{ \"indices\": { \"staheli\": { \"label\": \"Staheli\", \"categories\": [] } }, "
                           "\"flags\": {} }",
                           PLANTAR_THRESHOLDS_ERROR_FIELD, "indices.staheli.citation");
  /* a flag without its limit */
  assert_thresholds_error ("{ \"indices\": {}, \"flags\": { \"heel_peak_kpa\": { \"label\": \"x\", "
                           "\"citation\": \"y\" } } }",
                           PLANTAR_THRESHOLDS_ERROR_FIELD, "flags.heel_peak_kpa.above");
}

/* Shoe sizes of a 260 mm foot with a 15 mm allowance: a 275 mm last, 10.83
 * inches. EU (Paris points of 2/3 cm) 41.25 → 41.5; UK 3 × 10.83 − 25 =
 * 7.48 → 7.5; US men one more, 8.5; US women 10; Mondopoint length/width. */
static void
test_shoe_sizes (void)
{
  PlantarShoeSizes s;

  plantar_shoe_sizes (260, 98, 15, &s);
  g_assert_cmpfloat (s.eu, ==, 41.5);
  g_assert_cmpfloat (s.uk, ==, 7.5);
  g_assert_cmpfloat (s.us_men, ==, 8.5);
  g_assert_cmpfloat (s.us_women, ==, 10);
  g_assert_cmpstr (s.mondopoint, ==, "260/98");

  /* a 230 mm foot, 10 mm allowance: 240 mm last: EU 36, UK 3.5 (3 × 9.449 − 25 = 3.35) */
  plantar_shoe_sizes (230, 88, 10, &s);
  g_assert_cmpfloat (s.eu, ==, 36);
  g_assert_cmpfloat (s.uk, ==, 3.5);

  plantar_shoe_sizes (NAN, 88, 10, &s);
  g_assert_cmpstr (s.mondopoint, ==, "");
}

/* A clinic's thresholds file that is wrong is not used: Plantar's own are,
 * and the log says what is wrong with the file. */
static void
test_thresholds_bad_user_file (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "plantar", NULL);
  g_autofree char *path = g_build_filename (dir, "thresholds.json", NULL);
  g_autoptr(PlantarThresholds) t = NULL;
  PlantarCategory c;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{ \"version\": 1, \"measures\": [", -1, NULL));
  g_test_expect_message ("plantar-thresholds", G_LOG_LEVEL_WARNING, "*thresholds.json*using Plantar's own thresholds");
  t = plantar_thresholds_get_default ();
  g_test_assert_expected_messages ();
  g_assert_true (t == plantar_thresholds_get_builtin ());
  g_assert_true (plantar_thresholds_categorize (t, "arch_index", 0.26, &c));
  g_assert_cmpstr (c.category, ==, "flat");
  g_assert_cmpint (g_unlink (path), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *config_dir = g_dir_make_tmp ("plantar-config-XXXXXX", NULL);
  int status;

  /* a config directory of the test's own, before GLib reads it */
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/thresholds/builtin", test_thresholds_builtin);
  g_test_add_func ("/thresholds/file", test_thresholds_file);
  g_test_add_func ("/thresholds/bad", test_thresholds_bad);
  g_test_add_func ("/thresholds/bad-user-file", test_thresholds_bad_user_file);
  g_test_add_func ("/thresholds/shoe-sizes", test_shoe_sizes);

  status = g_test_run ();
  plantar_test_rm_rf (config_dir);
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "plantar-compare.h"
#include "plantar-synth.h"
#include "plantar-test-util.h"

/* Two visits of one foot, compared as the compare window shows them. */

static PlantarAnalysis *
measure (PlantarScan *scan)
{
  g_autoptr(GError) error = NULL;
  PlantarAnalysis *analysis = plantar_analyze (scan, NULL, &error);

  g_assert_no_error (error);
  return analysis;
}

static const PlantarComparisonRow *
find (GPtrArray  *rows,
      const char *key)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((PlantarComparisonRow *) g_ptr_array_index (rows, i))->key, key))
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The same print twice: every change is "no change", in the panel's words. */
static void
test_same (void)
{
  g_autoptr(PlantarScan) scan = plantar_synth_demo_footprint (NULL);
  g_autoptr(PlantarAnalysis) a = measure (scan);
  PlantarFoot *foot = g_ptr_array_index (a->feet, 0);
  PlantarMeasurementOptions options;
  g_autoptr(GPtrArray) rows = NULL;
  const PlantarComparisonRow *ai, *length;

  plantar_measurement_options_init (&options);
  rows = plantar_compare_feet (foot, foot, NULL, &options);
  ai = find (rows, "arch_index");
  length = find (rows, "foot_length_mm");
  g_assert_nonnull (ai);
  g_assert_cmpuint (strlen (ai->before), ==, 5);   /* "0.259": three decimals, as the panel */
  g_assert_cmpstr (ai->change, ==, "no change");
  g_assert_true (g_str_has_suffix (length->before, " mm"));
  g_assert_null (length->note);
  /* a print has no pressures: no rows of them */
  g_assert_null (find (rows, "heel_peak_kpa"));
}

/* A longer foot: the change in mm with one decimal, signed. */
static void
test_changed (void)
{
  g_autoptr(PlantarScan) scan = plantar_synth_demo_footprint (NULL);
  g_autoptr(PlantarAnalysis) a = measure (scan);
  PlantarFoot *before = g_ptr_array_index (a->feet, 0);
  g_autoptr(PlantarFoot) after = plantar_foot_remeasure (before, &before->corrections, NULL);
  PlantarMeasurementOptions options;
  g_autoptr(GPtrArray) rows = NULL;

  after->foot_length_mm = before->foot_length_mm + 3.14;
  plantar_measurement_options_init (&options);
  rows = plantar_compare_feet (before, after, NULL, &options);
  g_assert_cmpstr (find (rows, "foot_length_mm")->change, ==, "+3.1 mm");
  options.unit = PLANTAR_LENGTH_INCH;
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = plantar_compare_feet (before, after, NULL, &options);
  g_assert_cmpstr (find (rows, "foot_length_mm")->change, ==, "+0.12 in");
}

/* An ink print against a plate step: the arch indices are not compared,
 * and the pressures the print lacks are "not measured", with why. */
static void
test_print_against_plate (void)
{
  g_autoptr(PlantarScan) print = plantar_synth_demo_footprint (NULL);
  g_autoptr(PlantarScan) walk = plantar_synth_demo_walk (NULL);
  g_autoptr(PlantarAnalysis) a = measure (print);
  g_autoptr(PlantarAnalysis) b = measure (walk);
  PlantarFoot *ink = NULL, *step = NULL;
  PlantarMeasurementOptions options;
  g_autoptr(GPtrArray) rows = NULL;
  const PlantarComparisonRow *ai, *heel, *length;

  for (guint i = 0; i < a->feet->len; i++)
    if (((PlantarFoot *) g_ptr_array_index (a->feet, i))->side == PLANTAR_SIDE_LEFT)
      ink = g_ptr_array_index (a->feet, i);
  for (guint i = 0; i < b->feet->len && step == NULL; i++)
    if (((PlantarFoot *) g_ptr_array_index (b->feet, i))->side == PLANTAR_SIDE_LEFT)
      step = g_ptr_array_index (b->feet, i);
  g_assert_nonnull (ink);
  g_assert_nonnull (step);
  plantar_measurement_options_init (&options);
  rows = plantar_compare_feet (ink, step, NULL, &options);
  ai = find (rows, "arch_index");
  g_assert_null (ai->change);
  g_assert_nonnull (strstr (ai->note, "measured differently"));
  heel = find (rows, "heel_peak_kpa");
  g_assert_cmpstr (heel->before, ==, "not measured");
  g_assert_nonnull (strstr (heel->note, "no pressures"));
  g_assert_true (g_str_has_suffix (heel->after, " kPa"));
  /* lengths compare on any scan */
  length = find (rows, "foot_length_mm");
  g_assert_nonnull (length->change);
  for (guint i = 0; i < rows->len; i++)
    {
      PlantarComparisonRow *row = g_ptr_array_index (rows, i);
      g_assert_null (strstr (row->before, "nan"));
      g_assert_null (strstr (row->after, "nan"));
    }
}

/* A foot the older visit did not have. */
static void
test_missing_foot (void)
{
  g_autoptr(PlantarScan) print = plantar_synth_demo_footprint (NULL);
  g_autoptr(PlantarAnalysis) a = measure (print);
  PlantarMeasurementOptions options;
  g_autoptr(GPtrArray) rows = NULL;
  const PlantarComparisonRow *ai;

  plantar_measurement_options_init (&options);
  rows = plantar_compare_feet (NULL, g_ptr_array_index (a->feet, 0), NULL, &options);
  ai = find (rows, "arch_index");
  g_assert_cmpstr (ai->before, ==, "not measured");
  g_assert_nonnull (strstr (ai->note, "not measured at that visit"));
  g_assert_null (ai->change);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compare/same", test_same);
  g_test_add_func ("/compare/changed", test_changed);
  g_test_add_func ("/compare/print-against-plate", test_print_against_plate);
  g_test_add_func ("/compare/missing-foot", test_missing_foot);
  return g_test_run ();
}

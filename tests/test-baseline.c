/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-analysis.h"
#include "plantar-synth.h"
#include "plantar-test-util.h"

/*
 * Sensors that never unload: a shoe's preload on an in-shoe sensor, a
 * plate's stuck or drifting sensor. With the offset taken off, a walk has
 * the steps it has without it, measured the same.
 */

static PlantarAnalysis *
analyze (PlantarScan *scan)
{
  g_autoptr(GError) error = NULL;
  PlantarAnalysis *analysis = plantar_analyze (scan, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  return analysis;
}

static gboolean
says (PlantarAnalysis *analysis,
      const char      *fragment)
{
  for (guint i = 0; i < analysis->warnings->len; i++)
    if (strstr (g_ptr_array_index (analysis->warnings, i), fragment) != NULL)
      return TRUE;
  return FALSE;
}

/* The steps of @b are those of @a: as many, at the same frames, with the
 * same arch index and length. */
static void
assert_same_steps (PlantarAnalysis *a,
                   PlantarAnalysis *b,
                   double           cell_mm)
{
  g_assert_cmpuint (b->feet->len, ==, a->feet->len);
  for (guint i = 0; i < a->feet->len; i++)
    {
      PlantarFoot *x = g_ptr_array_index (a->feet, i), *y = g_ptr_array_index (b->feet, i);
      g_test_message ("step %u: frames %u–%u / %u–%u, AI %.4f / %.4f, length %.1f / %.1f mm", i + 1, x->first_frame,
                      x->last_frame, y->first_frame, y->last_frame, x->arch_index, y->arch_index, x->foot_length_mm,
                      y->foot_length_mm);
      g_assert_cmpint (y->side, ==, x->side);
      g_assert_cmpint (abs ((int) y->first_frame - (int) x->first_frame), <=, 1);
      g_assert_cmpint (abs ((int) y->last_frame - (int) x->last_frame), <=, 1);
      g_assert_cmpfloat_with_epsilon (y->arch_index, x->arch_index, 0.01);
      if (isfinite (x->foot_length_mm))
        g_assert_cmpfloat_with_epsilon (y->foot_length_mm, x->foot_length_mm, cell_mm);
    }
}

/* A walk of four steps on a plate; 52 of its cells pressed by a constant
 * offset, drifting as much again over the recording. */
static void
test_preload_generated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) walk = plantar_synth_demo_walk (&error);
  g_autoptr(PlantarScan) loaded = NULL;
  g_autoptr(PlantarAnalysis) clean = NULL, measured = NULL;

  g_assert_no_error (error);
  clean = analyze (walk);
  g_assert_cmpuint (clean->baseline_cells, ==, 0);
  g_assert_cmpuint (clean->feet->len, ==, 4);

  loaded = plantar_scan_copy (walk);
  g_assert_cmpuint (plantar_synth_add_preload (loaded, 52, 40, 30, 7), ==, 52);
  measured = analyze (loaded);
  assert_same_steps (clean, measured, 5);
  g_assert_cmpuint (measured->baseline_cells, ==, 52);
  g_assert_cmpfloat (measured->baseline_max, >, 40);
  g_assert_cmpfloat (measured->baseline_max, <, 2 * 40 + 1.5 * 30);
  g_assert_true (says (measured, "52 sensors read a load even with the foot off them"));
  /* the scan the steps were measured on has no offset left: what a cell
   * read under the foot is within 2 % of the peak of what it read before */
  {
    g_autofree float *peak_clean = plantar_scan_compute_peak (walk);
    g_autofree float *peak = plantar_scan_compute_peak (measured->scan);
    gsize n = (gsize) plantar_scan_get_width (walk) * plantar_scan_get_height (walk);
    double worst = 0, top = 0;
    for (gsize c = 0; c < n; c++)
      {
        worst = MAX (worst, fabs (peak[c] - peak_clean[c]));
        top = MAX (top, peak_clean[c]);
      }
    g_test_message ("peak pressures differ by at most %.1f kPa of %.0f", worst, top);
    g_assert_cmpfloat (worst, <, 0.02 * top);
  }
}

/* The real in-shoe recording, given the preload its right-foot sibling
 * carries: 52 cells loaded by the shoe, every frame. */
static void
test_preload_tekscan (void)
{
  g_autofree char *path = plantar_test_fixture ("tekscan-fscan-FrasP01L.asf");
  g_autoptr(PlantarScan) scan = plantar_test_import_one (path, NULL);
  g_autoptr(PlantarScan) loaded = plantar_scan_copy (scan);
  g_autoptr(PlantarAnalysis) clean = analyze (scan);
  g_autoptr(PlantarAnalysis) measured = NULL;

  g_assert_cmpuint (clean->baseline_cells, ==, 0);
  g_assert_cmpuint (clean->feet->len, ==, 6);
  g_assert_cmpuint (plantar_synth_add_preload (loaded, 52, 35, 15, 3), ==, 52);
  measured = analyze (loaded);
  assert_same_steps (clean, measured, 5.08);
  g_assert_cmpuint (measured->baseline_cells, ==, 52);
}

/* One sensor of a plate stuck at 60 kPa, off the feet, and one under
 * them drifting from nothing to 50 kPa. */
static void
test_stuck_sensor (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) walk = plantar_synth_demo_walk (&error);
  g_autoptr(PlantarScan) stuck = plantar_scan_copy (walk);
  g_autoptr(PlantarAnalysis) clean = analyze (walk);
  g_autoptr(PlantarAnalysis) measured = NULL;
  g_autofree float *peak = plantar_scan_compute_peak (walk);
  guint w = plantar_scan_get_width (walk), n = plantar_scan_get_n_frames (walk), under = 0;

  while (peak[under] < 100)
    under++;
  for (guint f = 0; f < n; f++)
    {
      float *v = plantar_scan_get_frame_mutable (stuck, f);
      v[2 * w + 1] = 60;
      v[under] += 50.0f * f / (n - 1);
    }
  measured = analyze (stuck);
  g_assert_cmpuint (measured->baseline_cells, ==, 2);
  g_assert_true (says (measured, "2 sensors read a load"));
  assert_same_steps (clean, measured, 5);
}

/* Standing still the whole recording, swaying a little: the load never
 * comes off, and it is the foot's own, left as it is. */
static void
test_standing_left_alone (void)
{
  PlantarSynthPlate plate;
  PlantarSynthFoot foot;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) still = NULL, scan = NULL;
  g_autoptr(PlantarAnalysis) analysis = NULL;
  const guint n = 60;
  gsize cells;

  plantar_synth_plate_init (&plate);
  plate.columns = 40;
  plate.rows = 70;
  plantar_synth_foot_init (&foot, PLANTAR_SIDE_RIGHT, 255);
  foot.heel_x_mm = 100;
  foot.heel_y_mm = 300;
  still = plantar_synth_render_plate (&plate, &foot, 1, &error);
  g_assert_no_error (error);
  scan = plantar_scan_new_pressure (plate.columns, plate.rows, n, &error);
  g_assert_no_error (error);
  cells = (gsize) plate.columns * plate.rows;
  for (guint f = 0; f < n; f++)
    {
      const float *from = plantar_scan_get_frame (still, 0);
      float *to = plantar_scan_get_frame_mutable (scan, f);
      for (gsize c = 0; c < cells; c++)
        {
          /* the weight sways from heel to toes and back */
          double along = (double) (c / plate.columns) / plate.rows - 0.5;
          to[c] = from[c] * (float) (1 + 0.1 * along * sin (f * 0.3));
        }
    }
  plantar_scan_set_cell_size (scan, 5, 5);
  plantar_scan_set_frame_ms (scan, 50);
  analysis = analyze (scan);
  g_assert_cmpuint (analysis->baseline_cells, ==, 0);
  g_assert_false (says (analysis, "read a load even"));
  g_assert_cmpuint (analysis->feet->len, ==, 1);
  g_assert_true (analysis->scan == scan);
}

/* A treadmill walk has no sensor that never unloads. */
static void
test_treadmill_untouched (void)
{
  g_autofree char *path = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  g_autoptr(PlantarScan) scan = plantar_test_import_one (path, NULL);
  g_autoptr(PlantarAnalysis) analysis = analyze (scan);

  g_assert_cmpuint (analysis->baseline_cells, ==, 0);
  g_assert_true (analysis->scan == scan);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/baseline/preload-generated", test_preload_generated);
  g_test_add_func ("/baseline/preload-tekscan", test_preload_tekscan);
  g_test_add_func ("/baseline/stuck-sensor", test_stuck_sensor);
  g_test_add_func ("/baseline/standing-left-alone", test_standing_left_alone);
  g_test_add_func ("/baseline/treadmill-untouched", test_treadmill_untouched);
  return g_test_run ();
}

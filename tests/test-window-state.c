/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "plantar-synth.h"
#include "plantar-test-util.h"
#include "plantar-window-state.h"

/* What the window shows and enables, decided without a display. */

static void
test_welcome (void)
{
  PlantarWindowState state;

  plantar_window_state_compute (&state, NULL, NULL, NULL);
  g_assert_true (state.show_welcome);
  g_assert_cmpstr (state.title, ==, "Plantar");
  g_assert_false (state.can_report);
  g_assert_false (state.can_add_scan);
  g_assert_false (state.can_play);
  g_assert_false (state.can_undo);
  plantar_window_state_clear (&state);
}

/* A grid without a cell size asks for it; then an image without a scale. */
static void
test_scale_need (void)
{
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  g_autoptr(GError) error = NULL;
  PlantarWindowState state;
  char *names[] = { (char *) "grid.csv", NULL };
  PlantarScan *grid = plantar_scan_new_pressure (3, 3, 1, &error);
  PlantarScan *image = plantar_scan_new_image (30, 30, &error);

  g_ptr_array_add (scans, grid);
  plantar_window_state_compute (&state, scans, names, NULL);
  g_assert_false (state.show_welcome);
  g_assert_cmpstr (state.title, ==, "grid.csv");
  g_assert_cmpint (state.scale_need, ==, PLANTAR_SCALE_GRID);
  g_assert_true (state.can_calibrate);
  plantar_window_state_clear (&state);

  plantar_scan_set_cell_size (grid, 5, 5);
  g_ptr_array_add (scans, image);
  plantar_window_state_compute (&state, scans, names, NULL);
  g_assert_cmpint (state.scale_need, ==, PLANTAR_SCALE_IMAGE);
  g_assert_cmpuint (state.scale_scan, ==, 1);
  g_assert_cmpstr (state.scale_action, ==, "Calibrate…");
  plantar_window_state_clear (&state);
}

/* While two points are clicked, calibration cannot start again but can
 * be cancelled. */
static void
test_picking (void)
{
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  PlantarWindowFacts facts = { NULL, NULL, TRUE };
  PlantarWindowState state;

  g_ptr_array_add (scans, plantar_scan_new_image (30, 30, NULL));
  plantar_window_state_compute (&state, scans, NULL, &facts);
  g_assert_false (state.can_calibrate);
  g_assert_true (state.can_cancel_calibration);
  plantar_window_state_clear (&state);
}

/* A measured walk: the result is the title, the timeline plays, the report
 * and undo follow the fitting. */
static void
test_walk (void)
{
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  g_autoptr(PlantarFitting) fitting = plantar_fitting_new ();
  g_autoptr(GError) error = NULL;
  char *names[] = { (char *) "walk.csv", NULL };
  PlantarWindowFacts facts = { fitting, NULL, FALSE };
  PlantarWindowState state;
  PlantarScan *walk = plantar_synth_demo_walk (&error);
  PlantarCorrections c;

  g_assert_no_error (error);
  g_ptr_array_add (scans, walk);
  plantar_fitting_set_scans (fitting, scans, (const char * const *) names, NULL);
  plantar_window_state_compute (&state, scans, names, &facts);
  g_assert_true (state.has_feet);
  g_assert_true (state.is_recording);
  g_assert_cmpfloat (state.frame_ms, ==, 20);
  g_assert_cmpfloat (state.duration_ms, ==, 115 * 20);
  g_assert_true (state.can_play && state.can_report && state.can_reset && state.can_add_scan);
  g_assert_false (state.can_undo);
  g_assert_cmpstr (state.subtitle, ==, "walk.csv");
  g_assert_true (g_str_has_prefix (state.title, "Left: "));
  plantar_window_state_clear (&state);

  plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, 1);
  c = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT)->corrections;
  c.has_heel_centre = TRUE;
  c.heel_centre = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT)->heel_centre;
  c.heel_centre.x += 2;
  g_assert_true (plantar_fitting_correct (fitting, PLANTAR_SIDE_LEFT, &c, FALSE));
  plantar_window_state_compute (&state, scans, names, &facts);
  g_assert_true (state.can_undo);
  g_assert_false (state.can_redo);
  plantar_window_state_clear (&state);
}

/* A scan is named by its side, its sensor or what it is. */
static void
test_scan_title (void)
{
  g_autoptr(PlantarScan) image = plantar_scan_new_image (30, 30, NULL);
  g_autofree char *plain = plantar_scan_title (image, 0, 1);
  g_autofree char *left = NULL;

  g_assert_cmpstr (plain, ==, "Footprint");
  plantar_scan_set_side (image, PLANTAR_SIDE_LEFT);
  left = plantar_scan_title (image, 1, 2);
  g_assert_cmpstr (left, ==, "Left Foot");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window-state/welcome", test_welcome);
  g_test_add_func ("/window-state/scale-need", test_scale_need);
  g_test_add_func ("/window-state/picking", test_picking);
  g_test_add_func ("/window-state/walk", test_walk);
  g_test_add_func ("/window-state/scan-title", test_scan_title);
  return g_test_run ();
}

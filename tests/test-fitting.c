/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-fitting.h"
#include "plantar-map.h"
#include "plantar-measurements.h"
#include "plantar-synth.h"
#include "plantar-test-util.h"

/* A fitting's model and its measurements as rows: what the window and
 * the report are made of, without a display. */

static guint n_changed;

static void
changed_cb (PlantarFitting *fitting,
            gpointer        data)
{
  n_changed++;
}

static void
test_walk_choices (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) walk = plantar_synth_demo_walk (&error);
  g_autoptr(PlantarFitting) fitting = plantar_test_fitting_of (walk);
  PlantarAnalysis *analysis = plantar_fitting_get_analysis (fitting, 0);
  PlantarFoot *mean, *step1, *step3;
  guint n;
  double sd;

  g_assert_nonnull (analysis);
  /* the mean of the left steps, then steps 1 and 3 */
  g_assert_cmpuint (plantar_fitting_get_n_choices (fitting, PLANTAR_SIDE_LEFT), ==, 3);
  {
    g_autofree char *mean_label = plantar_fitting_get_choice_label (fitting, PLANTAR_SIDE_LEFT, 0);
    g_autofree char *step_label = plantar_fitting_get_choice_label (fitting, PLANTAR_SIDE_LEFT, 2);
    g_assert_cmpstr (mean_label, ==, "Mean of 2 steps");
    g_assert_cmpstr (step_label, ==, "Step 3");
  }
  g_assert_true (plantar_fitting_is_mean (fitting, PLANTAR_SIDE_LEFT));
  mean = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT);
  step1 = g_ptr_array_index (analysis->feet, 0);
  step3 = g_ptr_array_index (analysis->feet, 2);
  g_assert_cmpfloat_with_epsilon (mean->arch_index, (step1->arch_index + step3->arch_index) / 2, 1e-12);
  g_assert_true (plantar_fitting_get_spread (fitting, PLANTAR_SIDE_LEFT, &n, &sd, NULL));
  g_assert_cmpuint (n, ==, 2);
  /* two steps give no spread worth the name */
  g_assert_true (isnan (sd));
  /* drawn from a real step */
  g_assert_true (plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT) == step1 ||
                 plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT) == step3);

  g_signal_connect (fitting, "changed", G_CALLBACK (changed_cb), NULL);
  n_changed = 0;
  plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, 2);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_true (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT) == step3);
  g_assert_false (plantar_fitting_get_spread (fitting, PLANTAR_SIDE_LEFT, NULL, NULL, NULL));
  /* the same choice again changes nothing */
  plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, 2);
  g_assert_cmpuint (n_changed, ==, 1);

  /* a correction of a step moves the mean */
  {
    PlantarCorrections cor = step3->corrections;
    double before;
    plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, 0);
    before = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->arch_index;
    plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, 2);
    cor.has_toe_line = TRUE;
    cor.toe_line[0].x = step3->toe_line[0].x;
    cor.toe_line[0].y = step3->toe_line[0].y + 25;
    cor.toe_line[1].x = step3->toe_line[1].x;
    cor.toe_line[1].y = step3->toe_line[1].y + 25;
    g_assert_true (plantar_fitting_correct (fitting, PLANTAR_SIDE_LEFT, &cor, FALSE));
    plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, 0);
    g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->arch_index, !=, before);
    g_assert_true (plantar_fitting_undo (fitting));
    g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->arch_index, ==, before);
  }
}

static void
test_undo_redo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) page = plantar_synth_demo_footprint (&error);
  g_autoptr(PlantarFitting) fitting = plantar_test_fitting_of (page);
  PlantarFoot *left = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT);
  PlantarPoint heel = left->heel_centre;
  PlantarCorrections cor = { 0 };

  g_assert_nonnull (left);
  g_assert_nonnull (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT));
  g_assert_cmpuint (plantar_fitting_get_n_choices (fitting, PLANTAR_SIDE_LEFT), ==, 1);
  g_assert_false (plantar_fitting_is_mean (fitting, PLANTAR_SIDE_LEFT));
  g_assert_false (plantar_fitting_can_undo (fitting));

  /* a drag: three moves, one step of the history */
  for (int i = 1; i <= 3; i++)
    {
      cor.has_heel_centre = TRUE;
      cor.heel_centre.x = heel.x + 3 * i;
      cor.heel_centre.y = heel.y;
      g_assert_true (plantar_fitting_correct (fitting, PLANTAR_SIDE_LEFT, &cor, i > 1));
    }
  g_assert_cmpfloat_with_epsilon (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->heel_centre.x, heel.x + 9, 1e-9);
  g_assert_true (plantar_fitting_is_corrected (fitting, PLANTAR_SIDE_LEFT));
  g_assert_false (plantar_fitting_is_corrected (fitting, PLANTAR_SIDE_RIGHT));
  /* a threshold on the other side: a second step */
  g_assert_true (plantar_fitting_set_threshold (fitting, PLANTAR_SIDE_RIGHT, 0.7));
  g_assert_cmpfloat (plantar_fitting_get_threshold (fitting, PLANTAR_SIDE_RIGHT), ==, 0.7);
  g_assert_cmpfloat (plantar_fitting_get_threshold (fitting, PLANTAR_SIDE_LEFT), ==, 0.5);

  g_assert_true (plantar_fitting_undo (fitting));
  g_assert_cmpfloat (plantar_fitting_get_threshold (fitting, PLANTAR_SIDE_RIGHT), ==, 0.5);
  g_assert_true (plantar_fitting_undo (fitting));
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->heel_centre.x, ==, heel.x);
  g_assert_false (plantar_fitting_undo (fitting));
  g_assert_true (plantar_fitting_redo (fitting));
  g_assert_cmpfloat_with_epsilon (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->heel_centre.x, heel.x + 9, 1e-9);
  /* a new change forgets what could be redone */
  g_assert_true (plantar_fitting_can_redo (fitting));
  plantar_fitting_reset (fitting, PLANTAR_SIDE_LEFT);
  g_assert_false (plantar_fitting_can_redo (fitting));
  g_assert_false (plantar_fitting_is_corrected (fitting, PLANTAR_SIDE_LEFT));
  /* the same correction twice is no change */
  cor = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->corrections;
  g_assert_false (plantar_fitting_correct (fitting, PLANTAR_SIDE_LEFT, &cor, FALSE));

  /* the two feet's difference */
  {
    PlantarAsymmetry asym;
    plantar_fitting_get_asymmetry (fitting, plantar_thresholds_get_builtin (), &asym);
    g_assert_true (asym.available);
    g_assert_cmpfloat_with_epsilon (asym.arch_index_diff,
                                    plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->arch_index -
                                    plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->arch_index, 1e-12);
  }
}

/* A scan with no foot: the fitting holds it, with the reason. */
static void
test_no_foot (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_scan_new_image (400, 500, &error);
  g_autoptr(PlantarFitting) fitting = NULL;

  memset (plantar_scan_get_pixels_mutable (scan), 230, 400 * 500);
  plantar_scan_set_cell_size (scan, 0.5, 0.5);
  fitting = plantar_test_fitting_of (scan);
  g_assert_cmpuint (plantar_fitting_get_n_scans (fitting), ==, 1);
  g_assert_null (plantar_fitting_get_analysis (fitting, 0));
  g_assert_error ((GError *) plantar_fitting_get_error (fitting, 0), PLANTAR_ANALYSIS_ERROR,
                  PLANTAR_ANALYSIS_ERROR_BLANK);
  g_assert_null (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT));
  g_assert_cmpuint (plantar_fitting_get_n_choices (fitting, PLANTAR_SIDE_RIGHT), ==, 0);
  g_assert_false (plantar_fitting_set_threshold (fitting, PLANTAR_SIDE_LEFT, 0.6));
}

/* The rows the panel and the report show. */
static void
test_measurement_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) walk = plantar_synth_demo_walk (&error);
  g_autoptr(PlantarFitting) fitting = plantar_test_fitting_of (walk);
  PlantarFoot *right;
  PlantarMeasurementOptions options;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) inches = NULL;
  const PlantarMeasurementRow *row;

  plantar_fitting_set_choice (fitting, PLANTAR_SIDE_RIGHT, 1);
  right = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT);
  plantar_measurement_options_init (&options);
  rows = plantar_measurements_rows (right, plantar_thresholds_get_builtin (), &options);

  row = plantar_measurements_find (rows, "arch_index");
  g_assert_nonnull (row);
  g_assert_cmpint (row->section, ==, PLANTAR_SECTION_ARCH);
  {
    g_autofree char *expected = g_strdup_printf ("%.3f", right->arch_index);
    g_assert_cmpstr (row->value, ==, expected);
  }
  /* 0.30: above 0.26, a flat arch; the hint names the rule and the paper */
  g_assert_cmpstr (row->category, ==, "flat");
  g_assert_nonnull (strstr (row->hint, "0.26"));
  g_assert_nonnull (strstr (row->hint, "Cavanagh"));
  /* what it measures, what its words mean, and the rule and source apart */
  g_assert_nonnull (strstr (row->hint, "Measures: inked footprints"));
  g_assert_nonnull (strstr (row->hint, "a low one"));
  g_assert_cmpstr (row->rule, ==, "high ≤ 0.21 < normal < 0.26 ≤ flat");
  g_assert_true (g_str_has_prefix (row->source, "Cavanagh PR"));
  /* indices putting one foot from normal to flat and to cavus are said
   * to disagree, and why; neighbouring bands are not a disagreement */
  {
    g_autoptr(GPtrArray) fake = g_ptr_array_new ();
    PlantarMeasurementRow a = { PLANTAR_SECTION_ARCH, "arch_index", NULL, NULL, (char *) "normal" };
    PlantarMeasurementRow b = { PLANTAR_SECTION_ARCH, "hernandez_corvo", NULL, NULL, (char *) "normal/cavus" };
    PlantarMeasurementRow c = { PLANTAR_SECTION_ARCH, "clarke_angle_deg", NULL, NULL, (char *) "flat" };
    g_autofree char *agree = NULL;
    g_autofree char *disagree = NULL;

    g_ptr_array_add (fake, &a);
    g_ptr_array_add (fake, &b);
    agree = plantar_measurements_disagreement (fake);
    g_assert_null (agree);
    g_ptr_array_add (fake, &c);
    disagree = plantar_measurements_disagreement (fake);
    g_assert_nonnull (strstr (disagree, "disagree"));
  }
  {
    g_autofree char *title = plantar_category_title ("arch_index", row->category);
    g_assert_cmpstr (title, ==, "Flat arch");
  }

  row = plantar_measurements_find (rows, "foot_length_mm");
  {
    g_autofree char *expected = g_strdup_printf ("%.1f mm", right->foot_length_mm);
    g_assert_cmpstr (row->value, ==, expected);
  }
  /* the right foot rolls in: its heel's pressure centre is medial */
  row = plantar_measurements_find (rows, "heel_cop_offset_mm");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (row->value, "medial"));
  g_assert_nonnull (plantar_measurements_find (rows, "cpei"));
  g_assert_nonnull (plantar_measurements_find (rows, "progression_angle_deg"));
  g_assert_nonnull (plantar_measurements_find (rows, "shoe_size"));
  g_assert_null (plantar_measurements_find (rows, "no_such_row"));

  options.unit = PLANTAR_LENGTH_INCH;
  inches = plantar_measurements_rows (right, plantar_thresholds_get_builtin (), &options);
  row = plantar_measurements_find (inches, "foot_length_mm");
  {
    g_autofree char *expected = g_strdup_printf ("%.2f in", right->foot_length_mm / 25.4);
    g_assert_cmpstr (row->value, ==, expected);
  }

  /* the arch index scale: high to 0.21, normal to 0.26, flat */
  {
    PlantarScaleBand bands[4];
    guint n = plantar_measurements_scale_bands (plantar_thresholds_get_builtin (), "arch_index", 0, 0.4, bands, 4);
    g_assert_cmpuint (n, ==, 3);
    g_assert_cmpstr (bands[0].name, ==, "high");
    g_assert_cmpfloat (bands[0].to, ==, 0.21);
    g_assert_cmpfloat (bands[1].to, ==, 0.26);
    g_assert_cmpfloat (bands[2].to, ==, 0.4);
  }
}

/* A photo of a print on A4, as opened: the scan is the sheet rectified. */
static PlantarScan *
photo_scan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = plantar_test_photo_jpeg (1200, 900, 20, NULL);
  g_autoptr(GPtrArray) scans = plantar_import_bytes (jpeg, "photo.jpg", NULL, &error);

  g_assert_no_error (error);
  return plantar_scan_ref (g_ptr_array_index (scans, 0));
}

static void
sheet_set_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GError **error = data;
  plantar_fitting_set_sheet_finish (PLANTAR_FITTING (source), result, error);
  *(gboolean *) g_object_get_data (source, "done") = TRUE;
}

/* Moves the sheet's corners, and waits for the photo to be measured again. */
static gboolean
set_sheet (PlantarFitting     *fitting,
           const PlantarSheet *sheet,
           gboolean            continued,
           GError            **error)
{
  gboolean done = FALSE;

  g_object_set_data (G_OBJECT (fitting), "done", &done);
  plantar_fitting_set_sheet_async (fitting, 0, sheet, continued, NULL, sheet_set_cb, error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return *error == NULL;
}

/* The sheet's corners moved by hand: the photo is measured again, once a
 * drag for the history; undo brings back the scan and the corrections on
 * it as they were, redo the sheet moved. */
static void
test_sheet (void)
{
  g_autoptr(PlantarScan) scan = photo_scan ();
  g_autoptr(PlantarFitting) fitting = plantar_test_fitting_of (scan);
  g_autoptr(GError) error = NULL;
  PlantarSheet found = *plantar_scan_get_sheet (scan), moved, further;
  PlantarFoot *foot = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT);
  double length = foot->foot_length_mm, corrected_x;
  PlantarCorrections cor = foot->corrections;

  g_assert_nonnull (foot);
  /* the heel moved by hand first */
  cor.has_heel_centre = TRUE;
  cor.heel_centre = foot->heel_centre;
  cor.heel_centre.x += 3;
  g_assert_true (plantar_fitting_correct (fitting, PLANTAR_SIDE_RIGHT, &cor, FALSE));
  corrected_x = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->heel_centre.x;

  /* the sheet said to be 5 % shorter than found: the foot measures 5 % shorter */
  moved = found;
  for (guint i = 0; i < 4; i++)
    {
      double cx = (found.x[0] + found.x[1] + found.x[2] + found.x[3]) / 4;
      double cy = (found.y[0] + found.y[1] + found.y[2] + found.y[3]) / 4;
      moved.x[i] = cx + (found.x[i] - cx) * 1.05;
      moved.y[i] = cy + (found.y[i] - cy) * 1.05;
    }
  g_assert_true (set_sheet (fitting, &moved, FALSE, &error));
  g_assert_no_error (error);
  foot = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT);
  g_assert_nonnull (foot);
  g_assert_cmpfloat (fabs (foot->foot_length_mm - length / 1.05), <, 2.5);
  g_assert_false (foot->corrections.has_heel_centre);
  g_assert_true (plantar_sheet_equal (plantar_scan_get_sheet (plantar_fitting_get_scan (fitting, 0)), &moved));

  /* dragged on: the same step */
  further = moved;
  further.x[2] += 4;
  g_assert_true (set_sheet (fitting, &further, TRUE, &error));
  g_assert_true (plantar_sheet_equal (plantar_scan_get_sheet (plantar_fitting_get_scan (fitting, 0)), &further));

  /* one undo: the sheet as found, with the heel as corrected */
  g_assert_true (plantar_fitting_undo (fitting));
  g_assert_true (plantar_sheet_equal (plantar_scan_get_sheet (plantar_fitting_get_scan (fitting, 0)), &found));
  foot = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT);
  g_assert_true (foot->corrections.has_heel_centre);
  g_assert_cmpfloat (foot->heel_centre.x, ==, corrected_x);
  /* another: the heel as found */
  g_assert_true (plantar_fitting_undo (fitting));
  g_assert_false (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->corrections.has_heel_centre);
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->foot_length_mm, ==, length);
  /* and again both */
  g_assert_true (plantar_fitting_redo (fitting));
  g_assert_true (plantar_fitting_redo (fitting));
  g_assert_true (plantar_sheet_equal (plantar_scan_get_sheet (plantar_fitting_get_scan (fitting, 0)), &further));
  g_assert_false (plantar_fitting_can_redo (fitting));

  /* corners that make no sheet are refused, and nothing changes */
  moved = further;
  moved.x[1] = further.x[3];
  moved.y[1] = further.y[3];
  moved.x[3] = further.x[1];
  moved.y[3] = further.y[1];
  g_assert_false (set_sheet (fitting, &moved, FALSE, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION);
  g_assert_true (plantar_sheet_equal (plantar_scan_get_sheet (plantar_fitting_get_scan (fitting, 0)), &further));
}

/* A scan that is no photo has no sheet to move. */
static void
test_sheet_not_photo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) walk = plantar_synth_demo_walk (&error);
  g_autoptr(PlantarFitting) fitting = plantar_test_fitting_of (walk);
  PlantarSheet sheet = { { 0, 100, 100, 0 }, { 0, 0, 100, 100 }, 210, 297 };

  g_assert_false (set_sheet (fitting, &sheet, FALSE, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION);
  g_assert_false (plantar_fitting_can_undo (fitting));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fitting/walk-choices", test_walk_choices);
  g_test_add_func ("/fitting/undo-redo", test_undo_redo);
  g_test_add_func ("/fitting/no-foot", test_no_foot);
  g_test_add_func ("/fitting/measurement-rows", test_measurement_rows);
  g_test_add_func ("/fitting/sheet", test_sheet);
  g_test_add_func ("/fitting/sheet-not-photo", test_sheet_not_photo);

  return g_test_run ();
}

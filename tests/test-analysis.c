/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-analysis.h"
#include "plantar-synth.h"
#include "plantar-test-util.h"

/*
 * The analysis against exactly known feet: the generator's truth is
 * computed on a 0.1 mm raster in the foot's own frame, independently of
 * the scan the analysis sees. Then the real vendor exports, and bad input.
 */

typedef struct {
  PlantarSide side;
  double      arch;
  double      angle_deg;
  double      dpi;
  gboolean    ink;          /* FALSE: a podoscope */
  double      noise;
  double      blur_mm;
  gboolean    toes_apart;
} ImageCase;

static void
assert_analysis_error (PlantarScan *scan,
                       int          code,
                       const char  *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarAnalysis) analysis = plantar_analyze (scan, NULL, &error);

  g_assert_null (analysis);
  g_assert_error (error, PLANTAR_ANALYSIS_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static void
check_image_case (const ImageCase *c)
{
  PlantarSynthFoot foot;
  PlantarSynthTruth truth;
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(PlantarAnalysis) analysis = NULL;
  PlantarFoot *f;

  plantar_synth_foot_init (&foot, c->side, 255);
  foot.arch = c->arch;
  foot.angle_deg = c->angle_deg;
  foot.toes_separate = c->toes_apart;
  scan = plantar_test_render_page (&foot, c->dpi, c->ink, c->noise, c->blur_mm, 7);
  plantar_synth_foot_truth (&foot, &truth);

  analysis = plantar_test_analyze (scan);
  g_test_message ("%s arch %.2f, %+.0f deg, %.0f dpi, %s: AI %.4f (truth %.4f), length %.1f (%.1f), "
                  "heel centre off by %.2f mm, CSI %.1f (%.1f)",
                  plantar_side_to_string (c->side), c->arch, c->angle_deg, c->dpi, c->ink ? "ink" : "podoscope",
                  ((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->arch_index, truth.arch_index,
                  ((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->foot_length_mm, truth.foot_length_mm,
                  hypot (((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->heel_centre.x - truth.heel_centre[0],
                         ((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->heel_centre.y - truth.heel_centre[1]),
                  ((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->chippaux_smirak, truth.chippaux_smirak);
  g_assert_false (analysis->is_recording);
  g_assert_cmpuint (analysis->feet->len, ==, 1);
  f = g_ptr_array_index (analysis->feet, 0);
  g_assert_cmpint (f->side, ==, c->side);
  g_assert_cmpstr (f->side_source, ==, "shape");
  g_assert_true (f->complete);
  g_assert_false (f->has_pressure);
  g_assert_cmpfloat_with_epsilon (f->arch_index, truth.arch_index, 0.01);
  g_assert_cmpfloat_with_epsilon (f->foot_length_mm, truth.foot_length_mm, 2.0);
  g_assert_cmpfloat (hypot (f->heel_centre.x - truth.heel_centre[0], f->heel_centre.y - truth.heel_centre[1]), <=, 0.5);
  g_assert_cmpfloat_with_epsilon (f->chippaux_smirak, truth.chippaux_smirak, 3.0);
  g_assert_cmpfloat_with_epsilon (f->toeless_length_mm, truth.toeless_length_mm, 3.0);
  g_assert_cmpfloat_with_epsilon (f->ball_width_mm, truth.ball_width_mm, 3.0);
  g_assert_cmpfloat_with_epsilon (f->heel_width_mm, truth.heel_width_mm, 2.0);
  /* the second toe's tip, and the axis through it */
  g_assert_cmpfloat (hypot (f->toe_tip.x - truth.toe_tip[0], f->toe_tip.y - truth.toe_tip[1]), <=, 4.0);
  g_assert_cmpfloat_with_epsilon (fmod (f->axis_deg - c->angle_deg + 540, 360) - 180, 0, 1.5);
  g_assert_true (f->has_toes);
  /* a print has no pressure: those values are unknown, not zero */
  g_assert_true (isnan (f->heel_cop_offset_mm));
  g_assert_true (isnan (f->modified_arch_index) || f->modified_arch_index > 0);
}

/* Arch indices from about 0.05 to 0.36, both sides, ±30°, both
 * polarities, 150 to 600 dpi, noise and blur. */
static void
test_image_accuracy (void)
{
  const ImageCase cases[] = {
    { PLANTAR_SIDE_RIGHT, -0.15, 0, 150, TRUE, 4, 0.15, TRUE },
    { PLANTAR_SIDE_RIGHT, 0.0, 0, 150, TRUE, 4, 0.15, TRUE },
    { PLANTAR_SIDE_RIGHT, 0.25, 0, 150, TRUE, 4, 0.15, TRUE },
    { PLANTAR_SIDE_RIGHT, 0.45, 0, 150, TRUE, 4, 0.15, TRUE },
    { PLANTAR_SIDE_RIGHT, 0.7, 0, 150, TRUE, 4, 0.15, TRUE },
    { PLANTAR_SIDE_RIGHT, 1.0, 0, 150, TRUE, 4, 0.15, TRUE },
    { PLANTAR_SIDE_LEFT, -0.15, 0, 150, TRUE, 4, 0.15, TRUE },
    { PLANTAR_SIDE_LEFT, 1.0, 0, 150, TRUE, 4, 0.15, TRUE },
    { PLANTAR_SIDE_LEFT, 0.45, 30, 200, FALSE, 4, 0.2, TRUE },
    { PLANTAR_SIDE_RIGHT, 0.3, -30, 300, TRUE, 6, 0.3, TRUE },
    { PLANTAR_SIDE_LEFT, 0.6, -20, 300, FALSE, 8, 0.5, TRUE },
    { PLANTAR_SIDE_RIGHT, 0.85, 25, 150, FALSE, 10, 0.4, TRUE },
    { PLANTAR_SIDE_LEFT, 0.2, 12, 600, TRUE, 4, 0.2, TRUE },
    { PLANTAR_SIDE_RIGHT, 0.4, -8, 150, TRUE, 4, 0.15, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_image_case (&cases[i]);
}

/* Below 150 dpi the targets loosen, but the side and the category hold. */
static void
test_image_low_resolution (void)
{
  PlantarSynthFoot foot;
  PlantarSynthTruth truth;
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(PlantarAnalysis) analysis = NULL;
  PlantarFoot *f;

  plantar_synth_foot_init (&foot, PLANTAR_SIDE_LEFT, 245);
  foot.arch = 0.5;
  foot.angle_deg = 10;
  scan = plantar_test_render_page (&foot, 100, TRUE, 5, 0.4, 3);
  plantar_synth_foot_truth (&foot, &truth);
  analysis = plantar_test_analyze (scan);
  f = g_ptr_array_index (analysis->feet, 0);
  g_assert_cmpint (f->side, ==, PLANTAR_SIDE_LEFT);
  g_assert_cmpfloat_with_epsilon (f->arch_index, truth.arch_index, 0.02);
  g_assert_cmpfloat_with_epsilon (f->foot_length_mm, truth.foot_length_mm, 3.0);
}

/* Both feet on one sheet: two feet, each its own side, each measured. */
static void
test_image_two_feet (void)
{
  PlantarSynthFoot feet[2];
  PlantarSynthTruth truth[2];
  PlantarSynthPage page;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(PlantarAnalysis) analysis = NULL;

  plantar_synth_foot_init (&feet[0], PLANTAR_SIDE_LEFT, 250);
  feet[0].heel_x_mm = 95;
  feet[0].heel_y_mm = 250;
  feet[0].angle_deg = -8;
  feet[0].arch = 0.6;
  plantar_synth_foot_init (&feet[1], PLANTAR_SIDE_RIGHT, 252);
  feet[1].heel_x_mm = 215;
  feet[1].heel_y_mm = 246;
  feet[1].angle_deg = 6;
  feet[1].arch = 0.1;
  plantar_synth_page_init (&page);
  page.width_mm = 300;
  page.height_mm = 297;
  page.ruler = TRUE;
  scan = plantar_synth_render_page (&page, feet, 2, &error);
  g_assert_no_error (error);

  analysis = plantar_test_analyze (scan);
  g_assert_cmpuint (analysis->feet->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      PlantarFoot *f = g_ptr_array_index (analysis->feet, i);
      plantar_synth_foot_truth (&feet[i], &truth[i]);
      g_assert_cmpint (f->side, ==, feet[i].side);
      g_assert_cmpfloat_with_epsilon (f->arch_index, truth[i].arch_index, 0.01);
      g_assert_cmpfloat_with_epsilon (f->foot_length_mm, truth[i].foot_length_mm, 2.0);
      g_assert_cmpfloat (hypot (f->heel_centre.x - truth[i].heel_centre[0],
                                f->heel_centre.y - truth[i].heel_centre[1]), <=, 0.5);
    }
  /* one page of one person: the sides are compared */
  {
    PlantarAsymmetry asym;
    plantar_analysis_asymmetry (analysis, plantar_thresholds_get_builtin (), &asym);
    g_assert_true (asym.available);
    g_assert_cmpfloat_with_epsilon (asym.arch_index_diff,
                                    ((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->arch_index -
                                    ((PlantarFoot *) g_ptr_array_index (analysis->feet, 1))->arch_index, 1e-9);
    g_assert_true (asym.flag_arch_index);
  }
}

static void
check_plate_case (PlantarSide side,
                  double      arch,
                  double      angle_deg,
                  double      cell_mm)
{
  PlantarSynthPlate plate;
  PlantarSynthFoot foot;
  PlantarSynthTruth truth;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(PlantarAnalysis) analysis = NULL;
  PlantarFoot *f;

  plantar_synth_plate_init (&plate);
  plate.cell_width_mm = plate.cell_height_mm = cell_mm;
  plate.columns = (guint) ceil (300 / cell_mm);
  plate.rows = (guint) ceil (360 / cell_mm);
  plantar_synth_foot_init (&foot, side, 262);
  foot.arch = arch;
  foot.angle_deg = angle_deg;
  /* off the cell grid by an odd fraction */
  foot.heel_x_mm = 150 + 0.37 * cell_mm;
  foot.heel_y_mm = 295 + 0.21 * cell_mm;
  plantar_synth_foot_truth (&foot, &truth);
  scan = plantar_synth_render_plate (&plate, &foot, 1, &error);
  g_assert_no_error (error);
  plantar_scan_set_side (scan, PLANTAR_SIDE_UNKNOWN);

  analysis = plantar_test_analyze (scan);
  g_assert_cmpuint (analysis->feet->len, ==, 1);
  f = g_ptr_array_index (analysis->feet, 0);
  g_test_message ("plate %.1f mm, %s arch %.2f %+.0f deg: AI %.4f (truth %.4f), length %.1f (%.1f), "
                  "heel centre off by %.2f mm", cell_mm, plantar_side_to_string (side), arch, angle_deg,
                  f->arch_index, truth.arch_index, f->foot_length_mm, truth.foot_length_mm,
                  hypot (f->heel_centre.x - truth.heel_centre[0], f->heel_centre.y - truth.heel_centre[1]));
  g_assert_cmpint (f->side, ==, side);
  g_assert_true (f->has_pressure);
  g_assert_cmpfloat_with_epsilon (f->arch_index, truth.arch_index, 0.02);
  g_assert_cmpfloat_with_epsilon (f->foot_length_mm, truth.foot_length_mm, cell_mm);
  g_assert_cmpfloat (hypot (f->heel_centre.x - truth.heel_centre[0], f->heel_centre.y - truth.heel_centre[1]), <=, cell_mm);
  /* pressure-only values are there */
  g_assert_true (f->modified_arch_index > 0 && f->modified_arch_index < f->arch_index + 0.05);
  g_assert_true (isfinite (f->heel_cop_offset_mm));
  g_assert_cmpfloat (f->heel_medial_load_pct, >, 0);
  g_assert_cmpfloat (f->heel_medial_load_pct, <, 100);
  g_assert_cmpfloat (f->regions[PLANTAR_REGION_HEEL].peak_kpa, >, 0);
  g_assert_cmpfloat (f->regions[PLANTAR_REGION_HEEL].area_mm2, >, 1000);
}

/* 5 mm cells, a Zebris-like plate's 8.47 mm and coarse 10 mm ones, every
 * arch, turned on the plate. */
static void
test_plate_accuracy (void)
{
  const double cells[] = { 5.0, 8.47, 10.0 };
  const double arches[] = { -0.1, 0.2, 0.45, 0.7, 1.0 };
  const double angles[] = { 0, 7, -12, 15, -25 };

  for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
    for (guint a = 0; a < G_N_ELEMENTS (arches); a++)
      for (guint t = 0; t < G_N_ELEMENTS (angles); t++)
        check_plate_case ((a + t) % 2 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT, arches[a], angles[t], cells[c]);
}

/* The demo walk: four steps up a plate, left, right, left, right; the
 * right foot's load moved medially. */
static void
test_plate_walk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_synth_demo_walk (&error);
  g_autoptr(PlantarAnalysis) analysis = NULL;
  const PlantarSide sides[] = { PLANTAR_SIDE_LEFT, PLANTAR_SIDE_RIGHT, PLANTAR_SIDE_LEFT, PLANTAR_SIDE_RIGHT };
  /* toe-out of the generated feet: 7, 9, 8, 9 degrees */
  const double fpa[] = { 7, 9, 8, 9 };
  PlantarSideSummary left = { 0 }, right = { 0 };
  PlantarAsymmetry asym;

  g_assert_no_error (error);
  analysis = plantar_test_analyze (scan);
  g_assert_true (analysis->is_recording);
  g_assert_cmpfloat (analysis->belt_mm_per_s, ==, 0);
  /* walking up the plate */
  g_assert_cmpfloat_with_epsilon (fmod (analysis->walk_direction_deg + 180, 360) - 180, 0, 3);
  g_assert_cmpuint (analysis->feet->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      PlantarFoot *f = g_ptr_array_index (analysis->feet, i);
      g_assert_cmpint (f->side, ==, sides[i]);
      g_assert_true (f->complete);
      g_assert_cmpfloat_with_epsilon (f->progression_angle_deg, fpa[i], 2.5);
      g_assert_cmpfloat_with_epsilon (f->foot_length_mm, i % 2 ? 261 : 258, 5.0);
      g_assert_nonnull (f->cop_path);
      g_assert_cmpuint (f->cop_path->len, >, 20);
      g_assert_true (isfinite (f->cpei_pct));
      /* the path runs from the heel to the toes */
      {
        PlantarCopPoint *first = &g_array_index (f->cop_path, PlantarCopPoint, 0);
        PlantarCopPoint *last = &g_array_index (f->cop_path, PlantarCopPoint, f->cop_path->len - 1);
        g_assert_cmpfloat (first->y - last->y, >, 120);
        g_assert_cmpfloat (last->time_ms, >, 500);
      }
      g_assert_cmpfloat (f->contact_ms, >, 600);
      g_assert_cmpfloat (f->contact_ms, <, 720);
      g_assert_cmpfloat (f->regions[PLANTAR_REGION_HEEL].pti_kpa_s, >, 0);
      g_assert_cmpfloat (f->regions[PLANTAR_REGION_HEEL].contact_ms, >, 100);
    }
  /* the right foot rolls in: its heel's centre of pressure lies more
   * medially, and more of its heel's load is medial */
  for (guint i = 0; i < 2; i++)
    {
      PlantarFoot *l = g_ptr_array_index (analysis->feet, 2 * i);
      PlantarFoot *r = g_ptr_array_index (analysis->feet, 2 * i + 1);
      g_assert_cmpfloat (r->heel_cop_offset_mm, >, l->heel_cop_offset_mm + 1);
      g_assert_cmpfloat (r->heel_medial_load_pct, >, l->heel_medial_load_pct);
      g_assert_cmpfloat (r->medial_load_pct, >, l->medial_load_pct);
      g_assert_cmpfloat (r->arch_index, >, l->arch_index + 0.03);
    }

  g_assert_true (plantar_analysis_side_summary (analysis, PLANTAR_SIDE_LEFT, &left));
  g_assert_true (plantar_analysis_side_summary (analysis, PLANTAR_SIDE_RIGHT, &right));
  g_assert_cmpuint (left.n_steps, ==, 2);
  g_assert_cmpuint (right.n_steps, ==, 2);
  g_assert_cmpfloat_with_epsilon (left.mean->arch_index,
                                  (((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->arch_index +
                                   ((PlantarFoot *) g_ptr_array_index (analysis->feet, 2))->arch_index) / 2, 1e-9);
  plantar_analysis_asymmetry (analysis, plantar_thresholds_get_builtin (), &asym);
  g_assert_true (asym.available);
  g_assert_cmpfloat_with_epsilon (asym.arch_index_diff, left.mean->arch_index - right.mean->arch_index, 1e-9);
  g_assert_true (asym.flag_arch_index);
  plantar_side_summary_clear (&left);
  plantar_side_summary_clear (&right);
}

/* ------------------------------------------------------------ real exports */

static PlantarAnalysis *
analyze_fixture (const char                 *name,
                 const PlantarImportOptions *options,
                 guint                       index)
{
  g_autofree char *path = plantar_test_fixture (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_import_file (path, options, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (scans->len, >, index);
  return plantar_test_analyze (g_ptr_array_index (scans, index));
}

static void
assert_plausible (PlantarFoot *f)
{
  g_assert_cmpfloat (f->arch_index, >=, 0.05);
  g_assert_cmpfloat (f->arch_index, <=, 0.40);
  g_assert_cmpfloat (f->foot_length_mm, >=, 180);
  g_assert_cmpfloat (f->foot_length_mm, <=, 330);
  g_assert_cmpfloat (f->ball_width_mm, >, 0.28 * f->foot_length_mm);
  g_assert_cmpfloat (f->ball_width_mm, <, 0.50 * f->foot_length_mm);
}

static guint
count_side (PlantarAnalysis *analysis,
            PlantarSide      side,
            gboolean         complete_only)
{
  guint n = 0;
  for (guint i = 0; i < analysis->feet->len; i++)
    {
      PlantarFoot *f = g_ptr_array_index (analysis->feet, i);
      n += f->side == side && (!complete_only || f->complete);
    }
  return n;
}

/* 54 MB of treadmill walking at 4 km/h: 27 steps, of which the first and
 * the last are cut by the recording; the sides alternate. */
static void
test_fixture_zebris_treadmill (void)
{
  g_autoptr(PlantarAnalysis) analysis = analyze_fixture ("zebris-fdmt-treadmill-walk.txt.gz", NULL, 0);
  guint n_complete = 0;

  g_assert_true (analysis->is_recording);
  /* 4 km/h is 1111 mm/s */
  g_assert_cmpfloat_with_epsilon (analysis->belt_mm_per_s, 1111, 60);
  g_assert_cmpuint (analysis->feet->len, ==, 27);
  for (guint i = 0; i < analysis->feet->len; i++)
    {
      PlantarFoot *f = g_ptr_array_index (analysis->feet, i);
      g_assert_cmpstr (f->side_source, ==, "walk");
      if (i > 0)
        g_assert_cmpint (f->side, !=, ((PlantarFoot *) g_ptr_array_index (analysis->feet, i - 1))->side);
      if (f->complete)
        n_complete++;
      if (i == 0 || i == analysis->feet->len - 1)
        continue;
      assert_plausible (f);
      /* toe-out within the adult range */
      g_assert_cmpfloat (f->progression_angle_deg, >, -5);
      g_assert_cmpfloat (f->progression_angle_deg, <, 25);
    }
  g_assert_false (((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->complete);
  g_assert_false (((PlantarFoot *) g_ptr_array_index (analysis->feet, 26))->complete);
  g_assert_cmpuint (n_complete, >=, 15);
  g_assert_cmpint (((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->side, ==, PLANTAR_SIDE_LEFT);
  g_assert_cmpuint (count_side (analysis, PLANTAR_SIDE_LEFT, FALSE), ==, 14);
  g_assert_cmpuint (count_side (analysis, PLANTAR_SIDE_RIGHT, FALSE), ==, 13);
  /* the same person step after step */
  {
    PlantarSideSummary s = { 0 };
    g_assert_true (plantar_analysis_side_summary (analysis, PLANTAR_SIDE_LEFT, &s));
    g_assert_cmpfloat (s.sd_arch_index, <, 0.03);
    g_assert_cmpfloat (s.sd_foot_length_mm, <, 8);
    plantar_side_summary_clear (&s);
  }
}

static void
test_fixture_emed (void)
{
  g_autoptr(PlantarAnalysis) analysis = analyze_fixture ("novel-emed-walk.lst", NULL, 0);
  PlantarFoot *f;

  g_assert_cmpuint (analysis->feet->len, ==, 1);
  f = g_ptr_array_index (analysis->feet, 0);
  assert_plausible (f);
  g_assert_cmpint (f->side, ==, PLANTAR_SIDE_RIGHT);
  g_assert_true (f->complete);
  g_assert_true (f->has_toes);
  g_assert_true (isfinite (f->cpei_pct));
  g_assert_cmpuint (f->cop_path->len, >, 50);
}

static void
test_fixture_tekscan (void)
{
  g_autoptr(PlantarAnalysis) analysis = analyze_fixture ("tekscan-fscan-FrasP01L.asf", NULL, 0);
  gboolean warned = FALSE;

  /* six steps of the left foot in a shoe; the first is cut by the start */
  g_assert_cmpuint (analysis->feet->len, ==, 6);
  g_assert_cmpuint (count_side (analysis, PLANTAR_SIDE_LEFT, FALSE), ==, 6);
  g_assert_false (((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->complete);
  for (guint i = 1; i < 6; i++)
    {
      PlantarFoot *f = g_ptr_array_index (analysis->feet, i);
      assert_plausible (f);
      g_assert_true (f->complete);
      /* the file does not say which foot (the name ends in L): the
       * shape does, the same for every step */
      g_assert_cmpstr (f->side_source, ==, "shape");
    }
  /* an in-shoe sensor's outline is the insole's: said so */
  for (guint i = 0; i < analysis->warnings->len; i++)
    warned |= strstr (g_ptr_array_index (analysis->warnings, i), "inside a shoe") != NULL;
  g_assert_true (warned);
}

static void
test_fixture_pedcad (void)
{
  g_autoptr(PlantarAnalysis) analysis = analyze_fixture ("zebris-pedcad-walk.apd", NULL, 0);
  PlantarFoot *f;

  g_assert_cmpuint (analysis->feet->len, ==, 1);
  f = g_ptr_array_index (analysis->feet, 0);
  assert_plausible (f);
  g_assert_cmpint (f->side, ==, PLANTAR_SIDE_LEFT);
}

/* The mean left foot of 104 adults, written heel at the top with row 0 at
 * the bottom, in 5 mm cells: a normal arch. */
static void
test_fixture_mun104 (void)
{
  PlantarImportOptions options = { 0 };
  g_autoptr(PlantarAnalysis) analysis = NULL;
  PlantarCategory category;
  PlantarFoot *f;

  options.cell_width_mm = options.cell_height_mm = 5;
  options.bottom_up = TRUE;
  analysis = analyze_fixture ("mun104-template-left.csv", &options, 0);
  g_assert_cmpuint (analysis->feet->len, ==, 1);
  f = g_ptr_array_index (analysis->feet, 0);
  assert_plausible (f);
  g_assert_cmpint (f->side, ==, PLANTAR_SIDE_LEFT);
  g_assert_true (plantar_thresholds_categorize (plantar_thresholds_get_builtin (), "arch_index", f->arch_index, &category));
  g_assert_cmpstr (category.category, ==, "normal");
}

/* A standing mat with nothing under the midfoot: measured, and said so. */
static void
test_fixture_pliance (void)
{
  g_autoptr(PlantarAnalysis) analysis = analyze_fixture ("novel-pliance-mat.asc", NULL, 0);
  PlantarFoot *f;
  gboolean warned = FALSE;

  g_assert_cmpuint (analysis->feet->len, ==, 1);
  f = g_ptr_array_index (analysis->feet, 0);
  g_assert_cmpfloat (f->foot_length_mm, >=, 180);
  g_assert_cmpfloat (f->foot_length_mm, <=, 330);
  g_assert_cmpfloat (f->arch_index, <, 0.05);
  g_assert_cmpfloat (f->midfoot_width_mm, ==, 0);
  for (guint i = 0; i < f->warnings->len; i++)
    warned |= strstr (g_ptr_array_index (f->warnings, i), "under the midfoot") != NULL;
  g_assert_true (warned);
}

static void
test_fixture_xsensor (void)
{
  g_autoptr(PlantarAnalysis) left = analyze_fixture ("xsensor-x4.csv", NULL, 0);
  g_autoptr(PlantarAnalysis) right = analyze_fixture ("xsensor-x4.csv", NULL, 1);

  g_assert_cmpuint (left->feet->len, ==, 1);
  g_assert_cmpuint (count_side (left, PLANTAR_SIDE_LEFT, FALSE), ==, 1);
  g_assert_cmpuint (right->feet->len, ==, 2);
  g_assert_cmpuint (count_side (right, PLANTAR_SIDE_RIGHT, FALSE), ==, 2);
  for (guint i = 0; i < right->feet->len; i++)
    {
      PlantarFoot *f = g_ptr_array_index (right->feet, i);
      g_assert_cmpfloat (f->foot_length_mm, >=, 180);
      g_assert_cmpfloat (f->foot_length_mm, <=, 330);
      g_assert_cmpfloat (f->arch_index, >=, 0.05);
      g_assert_cmpfloat (f->arch_index, <=, 0.40);
      /* an insole's edge is the shoe's: no step of it is "at the plate's
       * edge", only those the recording cuts are partial */
      for (guint w = 0; f->warnings != NULL && w < f->warnings->len; w++)
        g_assert_null (strstr (g_ptr_array_index (f->warnings, w), "edge of the plate"));
    }
  g_assert_true (((PlantarFoot *) g_ptr_array_index (left->feet, 0))->complete);
  g_assert_cmpuint (left->warnings->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (left->warnings, left->warnings->len - 1), "inside a shoe"));
}

/* A dog: no human steps, and said why. */
static void
test_fixture_dog (void)
{
  g_autofree char *path = plantar_test_fixture ("footscan-rolloff-dog.txt.gz");
  g_autoptr(PlantarScan) scan = plantar_test_import_one (path, NULL);

  assert_analysis_error (scan, PLANTAR_ANALYSIS_ERROR_NO_FOOT, "not shaped like a human foot");
}

/* ------------------------------------------------------------ bad input */

static PlantarScan *
uniform_image (guint  width,
               guint  height,
               guint8 value)
{
  g_autoptr(GError) error = NULL;
  PlantarScan *scan = plantar_scan_new_image (width, height, &error);

  g_assert_no_error (error);
  memset (plantar_scan_get_pixels_mutable (scan), value, (gsize) width * height);
  plantar_scan_set_cell_size (scan, 25.4 / 150, 25.4 / 150);
  return scan;
}

static void
test_bad_blank_and_saturated (void)
{
  g_autoptr(PlantarScan) white = uniform_image (1240, 1754, 240);
  g_autoptr(PlantarScan) black = uniform_image (1240, 1754, 3);

  assert_analysis_error (white, PLANTAR_ANALYSIS_ERROR_BLANK, NULL);
  assert_analysis_error (black, PLANTAR_ANALYSIS_ERROR_BLANK, NULL);
}

/* Paper grain and nothing else: no confident number made of noise. */
static void
test_bad_noise_only (void)
{
  g_autoptr(PlantarScan) scan = uniform_image (1240, 1754, 200);
  guint8 *p = plantar_scan_get_pixels_mutable (scan);
  guint32 state = 99;

  for (gsize i = 0; i < (gsize) 1240 * 1754; i++)
    {
      state = state * 1664525u + 1013904223u;
      p[i] = (guint8) (190 + (state >> 24) % 21);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PlantarAnalysis) analysis = plantar_analyze (scan, NULL, &error);
    g_assert_null (analysis);
    g_assert_true (g_error_matches (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_BLANK) ||
                   g_error_matches (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_FOOT));
  }
}

/* Handwriting-sized marks: no foot, and the error says what was seen. */
static void
test_bad_no_foot (void)
{
  g_autoptr(PlantarScan) scan = uniform_image (1240, 1754, 235);
  guint8 *p = plantar_scan_get_pixels_mutable (scan);

  for (guint k = 0; k < 12; k++)
    for (guint y = 200 + k * 110; y < 230 + k * 110; y++)
      for (guint x = 300 + (k % 3) * 200; x < 380 + (k % 3) * 200; x++)
        p[(gsize) y * 1240 + x] = 30;
  assert_analysis_error (scan, PLANTAR_ANALYSIS_ERROR_NO_FOOT, NULL);
}

static void
test_bad_cut_off (void)
{
  PlantarSynthFoot foot;
  PlantarSynthPage page;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = NULL;

  plantar_synth_foot_init (&foot, PLANTAR_SIDE_RIGHT, 260);
  /* the heel lies 60 mm below the bottom edge of the page */
  foot.heel_x_mm = 100;
  foot.heel_y_mm = 297 + 30;
  plantar_synth_page_init (&page);
  scan = plantar_synth_render_page (&page, &foot, 1, &error);
  g_assert_no_error (error);
  assert_analysis_error (scan, PLANTAR_ANALYSIS_ERROR_CUT_OFF, NULL);
}

/* A print whose heel the image's bottom edge meets: cut 0, 1 and 3 mm
 * into the heel it is measured, with a warning saying how much may be
 * missing; cut 15 mm, the heel's curve is visibly gone and it is refused. */
static void
test_cropped_heel (void)
{
  const double cuts[] = { 0, 1, 3, 15 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      PlantarSynthFoot foot;
      PlantarSynthPage page;
      PlantarSynthTruth truth;
      g_autoptr(GError) error = NULL;
      g_autoptr(PlantarScan) scan = NULL;
      g_autoptr(PlantarAnalysis) analysis = NULL;

      plantar_synth_foot_init (&foot, PLANTAR_SIDE_RIGHT, 250);
      foot.heel_x_mm = 80;
      /* the back of the heel @cut mm below the page's bottom edge */
      foot.heel_y_mm = 290 - foot.heel_width_mm / 2 + cuts[i];
      plantar_synth_foot_truth (&foot, &truth);
      plantar_synth_page_init (&page);
      page.width_mm = 160;
      page.height_mm = 290;
      page.dpi = 150;
      scan = plantar_synth_render_page (&page, &foot, 1, &error);
      g_assert_no_error (error);
      analysis = plantar_analyze (scan, NULL, &error);
      if (cuts[i] <= 3)
        {
          PlantarFoot *f;
          gboolean warned = FALSE;
          g_assert_no_error (error);
          f = g_ptr_array_index (analysis->feet, 0);
          g_assert_false (f->complete);
          for (guint w = 0; w < f->warnings->len; w++)
            warned |= strstr (g_ptr_array_index (f->warnings, w), "may be missing") != NULL;
          g_assert_true (warned);
          g_test_message ("cut %.0f mm: length %.1f (true %.1f), warned: %s", cuts[i], f->foot_length_mm,
                          truth.foot_length_mm, (char *) g_ptr_array_index (f->warnings, 0));
          g_assert_cmpfloat (f->foot_length_mm, >, truth.foot_length_mm - cuts[i] - 1.5);
        }
      else
        {
          g_assert_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_CUT_OFF);
          g_test_message ("cut %.0f mm: %s", cuts[i], error->message);
        }
    }
}

static void
test_bad_three_feet (void)
{
  PlantarSynthFoot feet[3];
  PlantarSynthPage page;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = NULL;

  for (guint i = 0; i < 3; i++)
    {
      plantar_synth_foot_init (&feet[i], i % 2 ? PLANTAR_SIDE_RIGHT : PLANTAR_SIDE_LEFT, 240);
      feet[i].heel_x_mm = 70 + 120.0 * i;
      feet[i].heel_y_mm = 250;
    }
  plantar_synth_page_init (&page);
  page.width_mm = 420;
  scan = plantar_synth_render_page (&page, feet, 3, &error);
  g_assert_no_error (error);
  assert_analysis_error (scan, PLANTAR_ANALYSIS_ERROR_TOO_MANY, "3");
}

static void
test_bad_no_scale (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_scan_new_image (300, 400, &error);

  g_assert_no_error (error);
  memset (plantar_scan_get_pixels_mutable (scan), 220, 300 * 400);
  assert_analysis_error (scan, PLANTAR_ANALYSIS_ERROR_NO_SCALE, NULL);
}

static void
test_bad_empty_recording (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_scan_new_pressure (40, 60, 50, &error);

  g_assert_no_error (error);
  plantar_scan_set_cell_size (scan, 5, 5);
  plantar_scan_set_frame_ms (scan, 10);
  assert_analysis_error (scan, PLANTAR_ANALYSIS_ERROR_NO_FOOT, "nothing touched");
}


/* Whatever a plate writes, the analysis answers or says why: tiny and
 * odd-shaped grids, huge values, isolated spikes, full plates, frames of
 * noise. Run under AddressSanitizer by .ci/run. */
static void
test_bad_random_pressure (void)
{
  GRand *rand = g_rand_new_with_seed (20261122);

  for (guint round = 0; round < 60; round++)
    {
      guint w = g_rand_int_range (rand, 1, 70), h = g_rand_int_range (rand, 1, 90);
      guint frames = g_rand_int_range (rand, 1, 40);
      g_autoptr(GError) error = NULL;
      g_autoptr(PlantarScan) scan = plantar_scan_new_pressure (w, h, frames, &error);
      g_autoptr(PlantarAnalysis) analysis = NULL;
      int kind = round % 4;

      g_assert_no_error (error);
      plantar_scan_set_cell_size (scan, g_rand_double_range (rand, 2, 12), g_rand_double_range (rand, 2, 12));
      if (frames > 1)
        plantar_scan_set_frame_ms (scan, g_rand_double_range (rand, 1, 50));
      for (guint f = 0; f < frames; f++)
        {
          float *v = plantar_scan_get_frame_mutable (scan, f);
          for (gsize i = 0; i < (gsize) w * h; i++)
            switch (kind)
              {
              case 0: /* sparse spikes, some enormous */
                v[i] = g_rand_int_range (rand, 0, 50) == 0 ? (float) g_rand_double_range (rand, 0, 1e7) : 0;
                break;
              case 1: /* everything loaded */
                v[i] = 100;
                break;
              case 2: /* noise everywhere */
                v[i] = (float) g_rand_double_range (rand, 0, 30);
                break;
              default: /* blocks that come and go */
                v[i] = ((i / w + f) / 7 + (i % w) / 5) % 3 == 0 ? 200 : 0;
                break;
              }
        }
      analysis = plantar_analyze (scan, NULL, &error);
      g_assert_true ((analysis == NULL) != (error == NULL));
      if (analysis == NULL)
        g_assert_true (error->domain == PLANTAR_ANALYSIS_ERROR);
      else
        for (guint i = 0; i < analysis->feet->len; i++)
          {
            PlantarFoot *f = g_ptr_array_index (analysis->feet, i);
            /* whatever it calls a foot is measured within the bounds of sense */
            g_assert_true (isnan (f->arch_index) || (f->arch_index >= 0 && f->arch_index <= 1));
            g_assert_true (isnan (f->foot_length_mm) || (f->foot_length_mm > 0 && f->foot_length_mm < 1000));
          }
    }
  g_rand_free (rand);
}


/* And whatever an image holds: slivers, stripes, checkerboards, a page
 * half black, discs of every size. */
static void
test_bad_random_images (void)
{
  GRand *rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 40; round++)
    {
      guint w = g_rand_int_range (rand, 1, 900), h = g_rand_int_range (rand, 1, 1300);
      g_autoptr(GError) error = NULL;
      g_autoptr(PlantarScan) scan = plantar_scan_new_image (w, h, &error);
      g_autoptr(PlantarAnalysis) analysis = NULL;
      guint8 *p;
      int kind = round % 5;

      g_assert_no_error (error);
      plantar_scan_set_cell_size (scan, 25.4 / 75, 25.4 / 75);
      p = plantar_scan_get_pixels_mutable (scan);
      for (guint y = 0; y < h; y++)
        for (guint x = 0; x < w; x++)
          {
            guint8 v;
            switch (kind)
              {
              case 0: v = (x / 7 + y / 7) % 2 ? 20 : 230; break;           /* checkerboard */
              case 1: v = x % 40 < 20 ? 10 : 240; break;                    /* stripes */
              case 2: v = y < h / 2 ? 5 : 250; break;                       /* half black */
              case 3: v = g_rand_int_range (rand, 0, 256); break;           /* noise */
              default:
                {
                  double dx = x - w / 2.0, dy = y - h / 3.0;
                  v = dx * dx + dy * dy < (w / 3.0) * (w / 3.0) ? 30 : 220;   /* a disc */
                }
                break;
              }
            p[(gsize) y * w + x] = v;
          }
      analysis = plantar_analyze (scan, NULL, &error);
      g_assert_true ((analysis == NULL) != (error == NULL));
      if (analysis == NULL)
        g_assert_true (error->domain == PLANTAR_ANALYSIS_ERROR);
    }
  g_rand_free (rand);
}

/* ------------------------------------------------------------ corrections */

/* What the command line and the report read. */
static void
test_json (void)
{
  PlantarSynthFoot foot;
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(PlantarAnalysis) analysis = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *f;
  JsonArray *heel;

  plantar_synth_foot_init (&foot, PLANTAR_SIDE_LEFT, 250);
  scan = plantar_test_render_page (&foot, 150, TRUE, 3, 0.15, 5);
  analysis = plantar_test_analyze (scan);
  plantar_analysis_build_json (analysis, plantar_thresholds_get_builtin (), "left.png", builder);
  root = json_builder_get_root (builder);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "file"), ==, "left.png");
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "image");
  f = json_array_get_object_element (json_object_get_array_member (o, "feet"), 0);
  g_assert_cmpstr (json_object_get_string_member (f, "side"), ==, "left");
  /* rounded to the digits that mean something */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (f, "arch_index"),
                                  ((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->arch_index, 0.0005);
  g_assert_nonnull (json_object_get_string_member (f, "arch_type"));
  heel = json_object_get_array_member (f, "heel_centre_mm");
  g_assert_cmpuint (json_array_get_length (heel), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (heel, 0),
                                  ((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->heel_centre.x, 0.051);
  for (guint i = 0; i < 8; i++)
    {
      const char *keys[] = { "chippaux_smirak", "staheli", "clarke_angle_deg", "hernandez_corvo",
                             "foot_length_mm", "ball_width_mm", "heel_width_mm", "contact_area_mm2" };
      g_assert_true (json_object_has_member (f, keys[i]));
    }
  /* pressure-only values are left out on a print */
  g_assert_false (json_object_has_member (f, "heel_cop_offset_mm"));
  g_assert_false (json_object_has_member (f, "cpei"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/image/accuracy", test_image_accuracy);
  g_test_add_func ("/analysis/image/low-resolution", test_image_low_resolution);
  g_test_add_func ("/analysis/image/two-feet", test_image_two_feet);
  g_test_add_func ("/analysis/plate/accuracy", test_plate_accuracy);
  g_test_add_func ("/analysis/plate/walk", test_plate_walk);
  g_test_add_func ("/analysis/fixture/zebris-treadmill", test_fixture_zebris_treadmill);
  g_test_add_func ("/analysis/fixture/emed", test_fixture_emed);
  g_test_add_func ("/analysis/fixture/tekscan", test_fixture_tekscan);
  g_test_add_func ("/analysis/fixture/pedcad", test_fixture_pedcad);
  g_test_add_func ("/analysis/fixture/mun104", test_fixture_mun104);
  g_test_add_func ("/analysis/fixture/pliance", test_fixture_pliance);
  g_test_add_func ("/analysis/fixture/xsensor", test_fixture_xsensor);
  g_test_add_func ("/analysis/fixture/dog", test_fixture_dog);
  g_test_add_func ("/analysis/bad/blank-and-saturated", test_bad_blank_and_saturated);
  g_test_add_func ("/analysis/bad/noise-only", test_bad_noise_only);
  g_test_add_func ("/analysis/bad/no-foot", test_bad_no_foot);
  g_test_add_func ("/analysis/bad/cut-off", test_bad_cut_off);
  g_test_add_func ("/analysis/cropped-heel", test_cropped_heel);
  g_test_add_func ("/analysis/bad/three-feet", test_bad_three_feet);
  g_test_add_func ("/analysis/bad/no-scale", test_bad_no_scale);
  g_test_add_func ("/analysis/bad/empty-recording", test_bad_empty_recording);
  g_test_add_func ("/analysis/bad/random-pressure", test_bad_random_pressure);
  g_test_add_func ("/analysis/bad/random-images", test_bad_random_images);
  g_test_add_func ("/analysis/json", test_json);

  return g_test_run ();
}

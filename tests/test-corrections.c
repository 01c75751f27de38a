/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-analysis.h"
#include "plantar-test-util.h"

/* A foot measured again with what the user corrected on the map: each
 * correction holds, and moves what follows from it. */

typedef struct {
  PlantarScan             *scan;
  PlantarAnalysis         *analysis;
  PlantarFoot             *foot;       /* as found */
  PlantarAnalysisSettings  settings;
  PlantarCorrections       cor;
} Fixture;

/* A flattish right foot printed at 150 dpi. */
static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  PlantarSynthFoot foot;

  plantar_synth_foot_init (&foot, PLANTAR_SIDE_RIGHT, 255);
  foot.arch = 0.45;
  fx->scan = plantar_test_render_page (&foot, 150, TRUE, 3, 0.15, 11);
  fx->analysis = plantar_test_analyze (fx->scan);
  fx->foot = g_ptr_array_index (fx->analysis->feet, 0);
  plantar_analysis_settings_init (&fx->settings);
  memset (&fx->cor, 0, sizeof fx->cor);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_pointer (&fx->analysis, plantar_analysis_free);
  g_clear_pointer (&fx->scan, plantar_scan_unref);
}

/* The heel centre set by hand is the heel centre, and the axis goes
 * through it. */
static void
test_heel_centre (Fixture       *fx,
                  gconstpointer  data)
{
  const PlantarFoot *f = fx->foot;
  g_autoptr(PlantarFoot) again = NULL;

  fx->cor.has_heel_centre = TRUE;
  fx->cor.heel_centre.x = f->heel_centre.x + 6;
  fx->cor.heel_centre.y = f->heel_centre.y;
  again = plantar_foot_remeasure (f, &fx->cor, &fx->settings);
  g_assert_nonnull (again);
  g_assert_cmpfloat_with_epsilon (again->heel_centre.x, fx->cor.heel_centre.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (again->heel_centre.y, fx->cor.heel_centre.y, 1e-6);
  g_assert_cmpfloat_with_epsilon (again->axis_deg,
                                  fmod (atan2 (again->toe_tip.x - again->heel_centre.x,
                                               -(again->toe_tip.y - again->heel_centre.y)) * 180 / G_PI + 360, 360),
                                  0.01);
  g_assert_cmpfloat (fabs (again->axis_deg - f->axis_deg), >, 0.5);
  g_assert_true (again->corrections.has_heel_centre);
}

/* The toe tip set by hand is the toe tip; the heel centre stays. */
static void
test_toe_tip (Fixture       *fx,
              gconstpointer  data)
{
  const PlantarFoot *f = fx->foot;
  g_autoptr(PlantarFoot) again = NULL;

  fx->cor.has_toe_tip = TRUE;
  fx->cor.toe_tip.x = f->toe_tip.x - 10;
  fx->cor.toe_tip.y = f->toe_tip.y;
  again = plantar_foot_remeasure (f, &fx->cor, &fx->settings);
  g_assert_nonnull (again);
  g_assert_cmpfloat_with_epsilon (again->toe_tip.x, fx->cor.toe_tip.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (again->toe_tip.y, fx->cor.toe_tip.y, 1e-6);
  g_assert_cmpfloat_with_epsilon (again->heel_centre.x, f->heel_centre.x, 0.5);
}

/* A toe line drawn 25 mm further back cuts into the ball: nothing in front
 * of it is toe-less print any more, and the foot is as long as it was. */
static void
test_toe_line (Fixture       *fx,
               gconstpointer  data)
{
  const PlantarFoot *f = fx->foot;
  g_autoptr(PlantarFoot) again = NULL;
  double ax = sin (f->axis_deg * G_PI / 180), ay = -cos (f->axis_deg * G_PI / 180);
  double front = -G_MAXDOUBLE;

  fx->cor.has_toe_line = TRUE;
  for (guint i = 0; i < 2; i++)
    {
      fx->cor.toe_line[i].x = f->toe_line[i].x - 25 * ax;
      fx->cor.toe_line[i].y = f->toe_line[i].y - 25 * ay;
      front = MAX (front, (fx->cor.toe_line[i].x - f->heel_back.x) * ax + (fx->cor.toe_line[i].y - f->heel_back.y) * ay);
    }
  again = plantar_foot_remeasure (f, &fx->cor, &fx->settings);
  g_assert_nonnull (again);
  g_assert_cmpfloat (again->toeless_length_mm, <=, front + 1);
  g_assert_cmpfloat (again->toeless_length_mm, <, f->toeless_length_mm - 5);
  g_assert_cmpfloat (again->toeless_area_mm2, <, f->toeless_area_mm2);
  g_assert_cmpfloat (again->arch_index, !=, f->arch_index);
  g_assert_cmpfloat_with_epsilon (again->foot_length_mm, f->foot_length_mm, 1);
}

/* A higher threshold takes only the darkest ink: less contact. */
static void
test_threshold (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(PlantarFoot) again = NULL;

  fx->cor.has_threshold = TRUE;
  fx->cor.threshold = 0.9;
  again = plantar_foot_remeasure (fx->foot, &fx->cor, &fx->settings);
  g_assert_nonnull (again);
  g_assert_cmpfloat (again->contact_area_mm2, <, fx->foot->contact_area_mm2);
}

/* No corrections: the same numbers, to the last bit. */
static void
test_none (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(PlantarFoot) again = plantar_foot_remeasure (fx->foot, &fx->cor, &fx->settings);

  g_assert_nonnull (again);
  g_assert_cmpfloat (again->arch_index, ==, fx->foot->arch_index);
  g_assert_cmpfloat (again->foot_length_mm, ==, fx->foot->foot_length_mm);
  g_assert_cmpfloat (again->heel_centre.x, ==, fx->foot->heel_centre.x);
}

/* A step of a walk measured again keeps what the walk told: its side, its
 * frames, its centre-of-pressure path; the progression angle turns with
 * the axis. */
static void
test_walk_step (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_synth_demo_walk (&error);
  g_autoptr(PlantarAnalysis) analysis = plantar_test_analyze (scan);
  PlantarFoot *f = g_ptr_array_index (analysis->feet, 1);
  PlantarCorrections cor = { 0 };
  g_autoptr(PlantarFoot) again = NULL;

  cor.has_heel_centre = TRUE;
  cor.heel_centre = f->heel_centre;
  cor.heel_centre.x += 4;
  again = plantar_foot_remeasure (f, &cor, NULL);
  g_assert_cmpint (again->side, ==, f->side);
  g_assert_cmpstr (again->side_source, ==, f->side_source);
  g_assert_true (again->complete);
  g_assert_cmpuint (again->first_frame, ==, f->first_frame);
  g_assert_true (isfinite (again->progression_angle_deg));
  /* the heel moved 4 mm laterally (right foot, walking up) */
  g_assert_cmpfloat (fabs (again->progression_angle_deg - f->progression_angle_deg), >, 0.3);
  g_assert_cmpuint (again->cop_path->len, ==, f->cop_path->len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/corrections/heel-centre", test_heel_centre);
  ADD ("/corrections/toe-tip", test_toe_tip);
  ADD ("/corrections/toe-line", test_toe_line);
  ADD ("/corrections/threshold", test_threshold);
  ADD ("/corrections/none", test_none);
#undef ADD
  g_test_add_func ("/corrections/walk-step", test_walk_step);

  return g_test_run ();
}

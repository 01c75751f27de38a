/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-gait.h"
#include "plantar-rules.h"
#include "plantar-force-curve.h"
#include "plantar-cop-butterfly.h"
#include "plantar-strike-diagram.h"
#include "plantar-test-util.h"

/* Gait from recordings of known speed, cadence, step length and width,
 * stance, strike and symmetry (the generator's), and from the Zebris
 * treadmill walk. The tolerances are the README's. */

static void
gait_of (const PlantarSynthGait *g,
         PlantarGait            *gait)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_synth_render_gait (g, &error);
  g_autoptr(PlantarAnalysis) analysis = NULL;

  g_assert_no_error (error);
  analysis = plantar_analyze (scan, NULL, &error);
  g_assert_no_error (error);
  plantar_gait_compute (analysis, NULL, gait);
  g_assert_true (gait->available);
}

static void
assert_gait (const PlantarSynthGait *g,
             const PlantarGait      *gait)
{
  double step_ms = 60000 / g->cadence_spm, speed = g->speed_kmh / 3.6 * 1000;

  g_assert_cmpint (gait->treadmill, ==, g->treadmill);
  /* speed within 5 %, cadence within 2 %, lengths within 5 %, width within 10 mm */
  g_assert_cmpfloat_with_epsilon (gait->speed_mm_s, speed, 0.05 * speed);
  g_assert_cmpfloat_with_epsilon (gait->cadence_spm, g->cadence_spm, 0.02 * g->cadence_spm);
  g_assert_cmpfloat_with_epsilon (gait->step_time_ms.mean, step_ms, 0.02 * step_ms);
  g_assert_cmpfloat_with_epsilon (gait->stride_time_ms.mean, 2 * step_ms, 0.02 * 2 * step_ms);
  g_assert_cmpfloat_with_epsilon (gait->step_length_mm.mean, speed * step_ms / 1000, 0.05 * speed * step_ms / 1000);
  g_assert_cmpfloat_with_epsilon (gait->step_width_mm.mean, g->step_width_mm, 10);
  for (int k = 0; k < 2; k++)
    {
      const PlantarGaitSide *s = &gait->sides[k];
      g_assert_cmpuint (s->n_steps, >=, g->n_steps / 2 - 1);
      /* stance within a frame or two */
      g_assert_cmpfloat_with_epsilon (s->stance_ms.mean, g->stance_ms[k], 2.5 * g->frame_ms);
      g_assert_cmpfloat_with_epsilon (s->stance_pct.mean, 100 * g->stance_ms[k] / (2 * step_ms), 2.5);
    }
}

static void
test_treadmill_walk (void)
{
  PlantarSynthGait g;
  PlantarGait gait;

  plantar_synth_gait_init (&g, FALSE);
  g.treadmill = TRUE;
  g.speed_kmh = 4.5;
  g.cadence_spm = 108;
  gait_of (&g, &gait);
  assert_gait (&g, &gait);
  g_assert_false (gait.running);
  g_assert_cmpuint (gait.double_support_ms.n, >, 0);
  g_assert_cmpfloat_with_epsilon (gait.double_support_ms.mean, g.stance_ms[0] - 60000 / g.cadence_spm, 25);
  g_assert_cmpint (gait.sides[0].strike, ==, PLANTAR_STRIKE_REARFOOT);
  g_assert_cmpint (gait.sides[1].strike, ==, PLANTAR_STRIKE_REARFOOT);
  for (int i = 0; i < PLANTAR_GAIT_N_SYMMETRIES; i++)
    g_assert_false (gait.symmetry_flag[i]);
  plantar_gait_clear (&gait);
}

/* A run on a walkway: flight, not double support; forefoot strikes */
static void
test_walkway_run (void)
{
  PlantarSynthGait g;
  PlantarGait gait;

  plantar_synth_gait_init (&g, TRUE);
  g.strike[0] = g.strike[1] = 0.8;
  gait_of (&g, &gait);
  assert_gait (&g, &gait);
  g_assert_true (gait.running);
  g_assert_cmpuint (gait.double_support_ms.n, ==, 0);
  g_assert_cmpfloat_with_epsilon (gait.flight_ms.mean, 60000 / g.cadence_spm - g.stance_ms[0], 25);
  for (int k = 0; k < 2; k++)
    {
      g_assert_cmpint (gait.sides[k].strike, ==, PLANTAR_STRIKE_FOREFOOT);
      g_assert_cmpfloat (gait.sides[k].strike_index_pct.mean, >, 66.7);
    }
  plantar_gait_clear (&gait);
}

/* A run on a treadmill, at 200 Hz and at the 100 Hz most plates record
 * (where the flights leave a third of the frames empty), rearfoot strikes */
static void
test_treadmill_run (void)
{
  for (int hz = 0; hz < 2; hz++)
    {
      PlantarSynthGait g;
      PlantarGait gait;

      plantar_synth_gait_init (&g, TRUE);
      g.treadmill = TRUE;
      g.frame_ms = hz ? 10 : 5;
      gait_of (&g, &gait);
      assert_gait (&g, &gait);
      g_assert_true (gait.running);
      g_assert_cmpint (gait.sides[0].strike, ==, PLANTAR_STRIKE_REARFOOT);
      plantar_gait_clear (&gait);
    }
}

/* A limp: the left foot stands longer, its steps take longer, it lands
 * mid-foot; the symmetry indices say so, and flag it */
static void
test_asymmetric (void)
{
  PlantarSynthGait g;
  PlantarGait gait;
  double step_ms;

  plantar_synth_gait_init (&g, FALSE);
  g.stance_ms[0] = 720;
  g.stance_ms[1] = 600;
  g.step_time_ratio = 1.25;
  g.strike[0] = 0.5;
  g.n_steps = 10;
  gait_of (&g, &gait);
  step_ms = 60000 / g.cadence_spm;
  g_assert_cmpfloat_with_epsilon (gait.sides[0].stance_ms.mean, 720, 25);
  g_assert_cmpfloat_with_epsilon (gait.sides[1].stance_ms.mean, 600, 25);
  /* the left's steps 1.25 × the right's */
  g_assert_cmpfloat_with_epsilon (gait.sides[0].step_time_ms.mean / gait.sides[1].step_time_ms.mean, 1.25, 0.03);
  g_assert_cmpfloat_with_epsilon (gait.cadence_spm, g.cadence_spm, 0.03 * g.cadence_spm);
  g_assert_cmpint (gait.sides[0].strike, ==, PLANTAR_STRIKE_MIDFOOT);
  g_assert_cmpint (gait.sides[1].strike, ==, PLANTAR_STRIKE_REARFOOT);
  /* (R − L) / mean: stance −18 %, step time −22 % */
  g_assert_cmpfloat_with_epsilon (gait.symmetry_pct[PLANTAR_GAIT_SYMMETRY_STANCE], -200.0 * 120 / 1320, 4);
  g_assert_cmpfloat_with_epsilon (gait.symmetry_pct[PLANTAR_GAIT_SYMMETRY_STEP_TIME], -200.0 * 0.25 / 2.25, 4);
  g_assert_true (gait.symmetry_flag[PLANTAR_GAIT_SYMMETRY_STANCE]);
  g_assert_true (gait.symmetry_flag[PLANTAR_GAIT_SYMMETRY_STEP_TIME]);
  g_assert_true (gait.symmetry_flag[PLANTAR_GAIT_SYMMETRY_STRIKE_INDEX]);
  g_assert_false (gait.symmetry_flag[PLANTAR_GAIT_SYMMETRY_PEAK_FORCE]);
  (void) step_ms;
  plantar_gait_clear (&gait);
}

/* The Zebris treadmill walk: barefoot at 4 km/h */
static void
test_zebris (void)
{
  g_autofree char *path = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  g_autoptr(PlantarScan) scan = plantar_test_import_one (path, NULL);
  g_autoptr(PlantarAnalysis) analysis = plantar_test_analyze (scan);
  PlantarGait gait;

  plantar_gait_compute (analysis, NULL, &gait);
  g_assert_null (gait.cop);
  plantar_gait_compute_cop (analysis, &gait);
  g_assert_true (gait.available);
  g_assert_true (gait.treadmill);
  g_assert_false (gait.running);
  g_assert_cmpfloat_with_epsilon (gait.speed_mm_s * 3.6 / 1000, 4, 0.2);
  g_assert_cmpfloat (gait.cadence_spm, >=, 95);
  g_assert_cmpfloat (gait.cadence_spm, <=, 125);
  g_assert_cmpint (gait.sides[0].strike, ==, PLANTAR_STRIKE_REARFOOT);
  g_assert_cmpint (gait.sides[1].strike, ==, PLANTAR_STRIKE_REARFOOT);
  g_assert_cmpfloat (gait.sides[0].stance_pct.mean, >, 55);
  g_assert_cmpfloat (gait.sides[0].stance_pct.mean, <, 68);
  g_assert_cmpuint (gait.sides[0].n_steps + gait.sides[1].n_steps, >=, 16);
  /* each walking step's force: the two humps, the dip of midstance
   * between them, near nothing at heel strike and toe-off; its highest
   * the step's peak force */
  for (guint i = 0; i < gait.steps->len; i++)
    {
      const PlantarGaitStep *st = &g_array_index (gait.steps, PlantarGaitStep, i);
      double first = 0, second = 0, dip = G_MAXDOUBLE, top = 0;
      for (guint k = 0; k < PLANTAR_GAIT_CURVE_POINTS; k++)
        {
          double f = st->force_n[k];
          top = MAX (top, f);
          if (k >= 5 && k <= 20)
            first = MAX (first, f);
          if (k >= 32 && k <= 45)
            second = MAX (second, f);
          if (k >= 20 && k <= 32)
            dip = MIN (dip, f);
        }
      g_assert_cmpfloat_with_epsilon (top, st->peak_force_n, 0.01 * st->peak_force_n);
      g_assert_cmpfloat (dip, <, 0.9 * first);
      g_assert_cmpfloat (dip, <, 0.9 * second);
      g_assert_cmpfloat (st->force_n[PLANTAR_GAIT_CURVE_POINTS - 1], <, 0.1 * top);
      g_assert_cmpfloat (st->force_n[0], <, 0.4 * top);
    }
  /* drawn: both sides' colours on the plot */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 200);
    cairo_t *cr = cairo_create (surface);
    guint blue = 0, orange = 0;
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    g_assert_true (plantar_force_curve_draw (cr, &gait, 0, PLANTAR_SIDE_UNKNOWN, 400, 200, FALSE));
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    for (int y = 0; y < 200; y++)
      for (int x = 0; x < 400; x++)
        {
          guint32 px = ((guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface)))[x];
          guint r = px >> 16 & 0xff, g = px >> 8 & 0xff, b = px & 0xff;
          blue += b > 180 && r < 80;
          orange += r > 200 && g > 70 && g < 130 && b < 60;
        }
    cairo_surface_destroy (surface);
    g_assert_cmpuint (blue, >, 300);
    g_assert_cmpuint (orange, >, 300);
  }
  /* with the body mass known, a second axis in % of body weight on the
   * right: text there, none without the mass */
  for (int with_mass = 0; with_mass < 2; with_mass++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 200);
      cairo_t *cr = cairo_create (surface);
      guint ink = 0;
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      g_assert_true (plantar_force_curve_draw (cr, &gait, with_mass ? 70 : 0, PLANTAR_SIDE_UNKNOWN, 400, 200, FALSE));
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      for (int y = 30; y < 170; y++)
        for (int x = 372; x < 400; x++)
          {
            guint32 px = ((guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface)))[x];
            int r = px >> 16 & 0xff, g = px >> 8 & 0xff, b = px & 0xff;
            /* grey text, not the sides' blue and orange curves */
            ink += r < 130 && ABS (r - g) < 24 && ABS (g - b) < 24;
          }
      cairo_surface_destroy (surface);
      if (with_mass)
        g_assert_cmpuint (ink, >, 20);
      else
        g_assert_cmpuint (ink, <, 5);
    }
  /* the treadmill's butterfly: the whole plate's centre of pressure, the
   * left foot's stance on the walker's left, the right's on the right,
   * double support crossing between them */
  {
    double across[4] = { 0 };
    guint count[4] = { 0 };
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 300);
    cairo_t *cr = cairo_create (surface);
    guint blue = 0, orange = 0, grey = 0;

    g_assert_nonnull (gait.cop);
    g_assert_cmpuint (gait.cop->len, >, 200);
    for (guint i = 0; i < gait.cop->len; i++)
      {
        const PlantarGaitCop *p = &g_array_index (gait.cop, PlantarGaitCop, i);
        across[p->loaded] += p->across_mm;
        count[p->loaded]++;
      }
    g_assert_cmpuint (count[1], >, 50);
    g_assert_cmpuint (count[2], >, 50);
    g_assert_cmpuint (count[3], >, 10);
    g_assert_cmpfloat (across[1] / count[1], <, -15);
    g_assert_cmpfloat (across[2] / count[2], >, 15);
    g_assert_cmpfloat (fabs (across[3] / count[3]), <, 0.5 * MIN (-across[1] / count[1], across[2] / count[2]));

    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    g_assert_true (plantar_cop_butterfly_draw (cr, &gait, 300, 300, FALSE));
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    for (int y = 30; y < 270; y++)
      for (int x = 0; x < 300; x++)
        {
          guint32 px = ((guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface)))[x];
          int r = px >> 16 & 0xff, g = px >> 8 & 0xff, b = px & 0xff;
          blue += b > 180 && r < 120;
          orange += r > 200 && g > 90 && g < 170 && b < 130;
          grey += r < 170 && ABS (r - g) < 12 && ABS (g - b) < 12;
        }
    cairo_surface_destroy (surface);
    g_assert_cmpuint (blue, >, 200);
    g_assert_cmpuint (orange, >, 200);
    g_assert_cmpuint (grey, >, 20);
  }
  /* a step's first contact lies in its heel, on the map */
  {
    const PlantarGaitStep *step = &g_array_index (gait.steps, PlantarGaitStep, 3);
    PlantarFoot *foot = g_ptr_array_index (analysis->feet, step->foot);
    g_assert_cmpfloat (hypot (step->first_contact.x - foot->heel_centre.x, step->first_contact.y - foot->heel_centre.y),
                       <, 40);
  }
  plantar_gait_clear (&gait);
}

/* A static print has no gait */
static void
test_static (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_synth_demo_footprint (&error);
  g_autoptr(PlantarAnalysis) analysis = plantar_test_analyze (scan);
  PlantarGait gait;

  plantar_gait_compute (analysis, NULL, &gait);
  g_assert_false (gait.available);
  g_assert_true (isnan (gait.cadence_spm));
  plantar_gait_clear (&gait);
}

static gboolean
has_reason (const PlantarFootAdvice *a,
            const char              *rule)
{
  for (guint i = 0; i < a->reasons->len; i++)
    if (g_str_equal (((PlantarReason *) g_ptr_array_index (a->reasons, i))->rule, rule))
      return TRUE;
  return FALSE;
}

/* The rules read the gait: a heel-striking run at a low cadence is told
 * to take more steps (Heiderscheit), a limp is referred */
static void
test_rules (void)
{
  PlantarSynthGait g;
  g_autoptr(GError) error = NULL;

  for (int c = 0; c < 3; c++)
    {
      g_autoptr(PlantarScan) scan = NULL;
      g_autoptr(PlantarFitting) fitting = NULL;
      g_autoptr(PlantarAdvice) advice = NULL;
      PlantarAnswers answers;

      plantar_synth_gait_init (&g, c < 2);
      if (c == 0)
        g.cadence_spm = 150;     /* a slow, heel-striking run */
      if (c == 2)
        {
          g.stance_ms[0] = 720;  /* a limp */
          g.stance_ms[1] = 600;
          g.n_steps = 10;
        }
      scan = plantar_synth_render_gait (&g, &error);
      g_assert_no_error (error);
      fitting = plantar_test_fitting_of (scan);
      plantar_answers_init (&answers);
      advice = plantar_rules_suggest_fitting (plantar_rules_get_builtin (), fitting, &answers, NULL);
      g_assert_cmpint (has_reason (&advice->left, "running-heel-strike-low-cadence"), ==, c == 0);
      g_assert_cmpint (has_reason (&advice->right, "gait-asymmetry"), ==, c == 2);
      if (c == 0)
        {
          gboolean cushion = FALSE;
          for (guint i = 0; i < advice->left.add_on_ids->len; i++)
            cushion |= g_str_equal (g_ptr_array_index (advice->left.add_on_ids, i), "heel-cushion");
          g_assert_true (cushion);
        }
      if (c == 2)
        {
          g_assert_cmpuint (advice->referrals->len, >, 0);
          g_assert_nonnull (strstr (g_ptr_array_index (advice->referrals, advice->referrals->len - 1), "stance time"));
        }
      plantar_answers_clear (&answers);
    }
}

/* The rows of the strike diagram's red dots, as a share of its height
 * from the top: the mean over the dots' pixels; NAN with none */
static double
strike_dots_at (double strike)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(PlantarAnalysis) analysis = NULL;
  PlantarSynthGait g;
  PlantarGait gait;
  PlantarFoot *left = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 240, 180);
  cairo_t *cr = cairo_create (surface);
  double sum = 0;
  guint n = 0;

  plantar_synth_gait_init (&g, TRUE);
  g.strike[0] = g.strike[1] = strike;
  scan = plantar_synth_render_gait (&g, &error);
  g_assert_no_error (error);
  analysis = plantar_analyze (scan, NULL, &error);
  g_assert_no_error (error);
  plantar_gait_compute (analysis, NULL, &gait);
  for (guint i = 0; left == NULL && i < analysis->feet->len; i++)
    if (((PlantarFoot *) g_ptr_array_index (analysis->feet, i))->side == PLANTAR_SIDE_LEFT &&
        ((PlantarFoot *) g_ptr_array_index (analysis->feet, i))->complete)
      left = g_ptr_array_index (analysis->feet, i);
  g_assert_nonnull (left);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  plantar_strike_diagram_draw (cr, left, (PlantarGaitStep *) gait.steps->data, gait.steps->len, NULL, 240, 180, FALSE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < 180; y++)
    for (int x = 0; x < 240; x++)
      {
        guint32 px = ((guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface)))[x];
        if (((px >> 16) & 0xff) > 180 && ((px >> 8) & 0xff) < 110 && (px & 0xff) < 110)
          {
            sum += y / 180.0;
            n++;
          }
      }
  cairo_surface_destroy (surface);
  plantar_gait_clear (&gait);
  /* a dot is 7 px across: the steps land on one another, a dot at least */
  g_assert_cmpuint (n, >, 20);
  return n ? sum / n : NAN;
}

/* The diagram puts a heel striker's dots low on the print (heel down),
 * a forefoot striker's high */
static void
test_strike_diagram (void)
{
  g_assert_cmpfloat (strike_dots_at (0.08), >, 0.75);
  g_assert_cmpfloat (strike_dots_at (0.8), <, 0.4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gait/treadmill-walk", test_treadmill_walk);
  g_test_add_func ("/gait/walkway-run", test_walkway_run);
  g_test_add_func ("/gait/treadmill-run", test_treadmill_run);
  g_test_add_func ("/gait/asymmetric", test_asymmetric);
  g_test_add_func ("/gait/zebris", test_zebris);
  g_test_add_func ("/gait/static", test_static);
  g_test_add_func ("/gait/rules", test_rules);
  g_test_add_func ("/gait/strike-diagram", test_strike_diagram);
  return g_test_run ();
}

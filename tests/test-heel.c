/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-analysis.h"
#include "plantar-synth.h"
#include "plantar-test-util.h"

/*
 * The heel centre, swept: the heel cup of an insole is placed on it, so it
 * must hold within 0.5 mm of the centre of the heel's curve on every print,
 * at every angle, resolution and ink, never jumping to another arc.
 */

#define HEEL_TOLERANCE_MM 0.5

typedef struct {
  PlantarSide side;
  double      arch;
  double      angle_deg;
  double      dpi;
  gboolean    ink;
  double      texture;
  guint32     seed;
  gboolean    two_feet;
} HeelCase;

typedef struct {
  guint  n, failed;
  double worst;
  GString *report;
} Sweep;

/* The heel centre's distance from the truth on one print. */
static double
heel_error (const HeelCase *c,
            double         *along)
{
  PlantarSynthFoot feet[2];
  PlantarSynthTruth truth;
  PlantarSynthPage page;
  double x0, y0, x1, y1;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(PlantarAnalysis) analysis = NULL;
  guint n = c->two_feet ? 2 : 1;
  PlantarFoot *found = NULL;
  double ax, ay, dx, dy;

  plantar_synth_foot_init (&feet[0], c->side, 262);
  feet[0].arch = c->arch;
  feet[0].angle_deg = c->angle_deg;
  feet[0].heel_x_mm = feet[0].heel_y_mm = 0;
  plantar_synth_foot_bounds (&feet[0], &x0, &y0, &x1, &y1);
  feet[0].heel_x_mm = 20 - x0;
  feet[0].heel_y_mm = 20 - y0;
  plantar_synth_page_init (&page);
  page.width_mm = x1 - x0 + 40;
  page.height_mm = y1 - y0 + 40;
  if (c->two_feet)
    {
      plantar_synth_foot_init (&feet[1], c->side == PLANTAR_SIDE_LEFT ? PLANTAR_SIDE_RIGHT : PLANTAR_SIDE_LEFT, 262);
      feet[1].arch = c->arch;
      feet[1].angle_deg = -c->angle_deg;
      feet[1].heel_y_mm = feet[0].heel_y_mm;
      feet[1].heel_x_mm = feet[0].heel_x_mm + 170;
      page.width_mm += 170;
    }
  page.dpi = c->dpi;
  page.dark_on_light = c->ink;
  page.texture = c->texture;
  page.seed = c->seed;
  scan = plantar_synth_render_page (&page, feet, n, &error);
  g_assert_no_error (error);
  plantar_scan_set_side (scan, PLANTAR_SIDE_UNKNOWN);
  analysis = plantar_analyze (scan, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  g_assert_cmpuint (analysis->feet->len, ==, n);

  plantar_synth_foot_truth (&feet[0], &truth);
  for (guint i = 0; i < analysis->feet->len; i++)
    {
      PlantarFoot *f = g_ptr_array_index (analysis->feet, i);
      if (found == NULL || hypot (f->heel_centre.x - truth.heel_centre[0], f->heel_centre.y - truth.heel_centre[1]) <
                             hypot (found->heel_centre.x - truth.heel_centre[0],
                                    found->heel_centre.y - truth.heel_centre[1]))
        found = f;
    }
  g_assert_cmpint (found->side, ==, c->side);
  /* along the foot's axis, positive towards the toes */
  ax = sin (c->angle_deg * G_PI / 180);
  ay = -cos (c->angle_deg * G_PI / 180);
  dx = found->heel_centre.x - truth.heel_centre[0];
  dy = found->heel_centre.y - truth.heel_centre[1];
  *along = dx * ax + dy * ay;
  return hypot (dx, dy);
}

static void
sweep_case (Sweep          *s,
            const HeelCase *c)
{
  double along = 0, e = heel_error (c, &along);

  s->n++;
  s->worst = MAX (s->worst, e);
  if (e > HEEL_TOLERANCE_MM)
    {
      s->failed++;
      g_string_append_printf (s->report, "\n  %s arch %.2f %+.0f deg %.0f dpi %s texture %.1f seed %u%s: %.2f mm (%.2f along)",
                              plantar_side_to_string (c->side), c->arch, c->angle_deg, c->dpi,
                              c->ink ? "ink" : "podoscope", c->texture, c->seed, c->two_feet ? " beside another" : "",
                              e, along);
    }
}

static void
sweep_finish (Sweep      *s,
              const char *what)
{
  g_test_message ("%s: %u prints, worst %.2f mm, %u beyond %.1f mm", what, s->n, s->worst, s->failed,
                  HEEL_TOLERANCE_MM);
  if (s->failed > 0)
    g_test_fail_printf ("%s: the heel centre is more than %.1f mm off on %u of %u prints:%s", what, HEEL_TOLERANCE_MM,
             s->failed, s->n, s->report->str);
  g_string_free (s->report, TRUE);
}

/* Every degree from 0 to 30, both feet, ink with its mottle. */
static void
test_heel_rotation (void)
{
  Sweep s = { 0, 0, 0, g_string_new (NULL) };

  for (int deg = 0; deg <= 30; deg++)
    {
      HeelCase c = { deg % 2 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT, 0.45, deg % 4 == 3 ? -deg : deg,
                     deg % 3 == 0 ? 300 : deg % 3 == 1 ? 150 : 200, TRUE, 0.6, 100 + deg, FALSE };
      sweep_case (&s, &c);
    }
  sweep_finish (&s, "rotation");
}

/* 100 to 600 dpi, each at an awkward angle. */
static void
test_heel_resolution (void)
{
  static const double dpis[] = { 100, 125, 150, 200, 250, 300, 400, 500, 600 };
  Sweep s = { 0, 0, 0, g_string_new (NULL) };

  for (guint i = 0; i < G_N_ELEMENTS (dpis); i++)
    {
      HeelCase c = { PLANTAR_SIDE_RIGHT, 0.45, 7 + 3.0 * i, dpis[i], TRUE, 0.6, 200 + i, FALSE };
      sweep_case (&s, &c);
    }
  sweep_finish (&s, "resolution");
}

/* The mottle of the ink, seed by seed, from even to a patchy stamp. */
static void
test_heel_texture (void)
{
  Sweep s = { 0, 0, 0, g_string_new (NULL) };

  for (guint seed = 1; seed <= 12; seed++)
    {
      HeelCase c = { seed % 2 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT, 0.45, 12 + seed, seed % 2 ? 150 : 300, TRUE,
                     (seed % 4) / 3.0, seed, FALSE };
      sweep_case (&s, &c);
    }
  sweep_finish (&s, "texture");
}

/* Podoscope captures, flat and high arches, and a foot beside another. */
static void
test_heel_kinds (void)
{
  Sweep s = { 0, 0, 0, g_string_new (NULL) };

  for (int deg = 0; deg <= 30; deg += 3)
    {
      HeelCase pod = { PLANTAR_SIDE_LEFT, 0.45, deg, 150, FALSE, 0, 300 + deg, FALSE };
      HeelCase flat = { PLANTAR_SIDE_RIGHT, -0.1, deg, 200, TRUE, 0.6, 400 + deg, FALSE };
      HeelCase high = { PLANTAR_SIDE_LEFT, 0.9, -deg, 250, TRUE, 0.6, 500 + deg, FALSE };
      sweep_case (&s, &pod);
      sweep_case (&s, &flat);
      sweep_case (&s, &high);
    }
  for (guint i = 0; i < 3; i++)
    {
      HeelCase pair = { PLANTAR_SIDE_RIGHT, 0.45, 4.0 * i, 200, TRUE, 0.6, 600 + i, TRUE };
      sweep_case (&s, &pair);
    }
  sweep_finish (&s, "kinds");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/heel/rotation", test_heel_rotation);
  g_test_add_func ("/heel/resolution", test_heel_resolution);
  g_test_add_func ("/heel/texture", test_heel_texture);
  g_test_add_func ("/heel/kinds", test_heel_kinds);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "plantar-scan-io.h"
#include "plantar-synth.h"
#include "plantar-test-util.h"

/* The synthetic foot generator: the geometry it promises, and the demo scans
 * in data/ that it made. */

static char *
source_data (const char *name)
{
  return g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", name, NULL);
}

/* data/demo-footprint.png is exactly what the generator draws. */
static void
test_demo_footprint (void)
{
  g_autofree char *path = source_data ("demo-footprint.png");
  g_autoptr(PlantarScan) shipped = plantar_test_import_one (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) made = plantar_synth_demo_footprint (&error);
  gsize n;

  g_assert_no_error (error);
  n = (gsize) plantar_scan_get_width (made) * plantar_scan_get_height (made);
  g_assert_cmpuint (plantar_scan_get_width (shipped), ==, plantar_scan_get_width (made));
  g_assert_cmpuint (plantar_scan_get_height (shipped), ==, plantar_scan_get_height (made));
  g_assert_cmpmem (plantar_scan_get_pixels (shipped), n, plantar_scan_get_pixels (made), n);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (shipped), 25.4 / 150, 1e-4);
}

/* data/demo-walk.csv.gz is the generator's recording, to the 0.01 kPa written. */
static void
test_demo_walk (void)
{
  g_autofree char *path = source_data ("demo-walk.csv.gz");
  g_autoptr(PlantarScan) shipped = plantar_test_import_one (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) made = plantar_synth_demo_walk (&error);
  gsize n;

  g_assert_no_error (error);
  g_assert_cmpuint (plantar_scan_get_n_frames (shipped), ==, 116);
  g_assert_cmpuint (plantar_scan_get_n_frames (made), ==, 116);
  g_assert_cmpuint (plantar_scan_get_width (shipped), ==, 64);
  g_assert_cmpuint (plantar_scan_get_height (shipped), ==, 370);
  g_assert_cmpfloat (plantar_scan_get_frame_ms (shipped), ==, 20);
  g_assert_cmpfloat (plantar_scan_get_cell_width_mm (shipped), ==, 5);
  n = (gsize) plantar_scan_get_width (made) * plantar_scan_get_height (made);
  for (guint f = 0; f < 116; f++)
    for (gsize i = 0; i < n; i++)
      g_assert_cmpfloat_with_epsilon (plantar_scan_get_frame (shipped, f)[i],
                                      plantar_scan_get_frame (made, f)[i], 0.0051);
}

static void
test_geometry (void)
{
  PlantarSynthFoot right, left;
  double x, y, u, v;

  plantar_synth_foot_init (&right, PLANTAR_SIDE_RIGHT, 260);
  right.heel_x_mm = 100;
  right.heel_y_mm = 250;
  left = right;
  left.side = PLANTAR_SIDE_LEFT;

  /* the heel centre is inside; the back of the heel is the heel radius behind it */
  g_assert_cmpfloat (plantar_synth_foot_field (&right, 100, 250), <, -20);
  g_assert_cmpfloat (fabs (plantar_synth_foot_field (&right, 100, 250 + 32.5)), <, 0.01);
  /* the hallux tip is at the foot length from the back of the heel, medial:
   * left of the axis for a right foot seen from above */
  plantar_synth_foot_to_page (&right, 260 - 1, 0.27 * 0.385 * 260, &x, &y);
  g_assert_cmpfloat (x, <, 100);
  g_assert_cmpfloat (plantar_synth_foot_field (&right, x, y), <, 0);
  g_assert_cmpfloat (plantar_synth_foot_field (&right, x, y - 3), >, 0);

  /* left is the mirror image of right */
  for (double py = 30; py < 290; py += 7)
    for (double px = 40; px < 160; px += 5)
      g_assert_cmpfloat_with_epsilon (plantar_synth_foot_field (&right, px, py),
                                      plantar_synth_foot_field (&left, 200 - px, py), 1e-9);

  /* page and foot coordinates are inverse */
  right.angle_deg = 23;
  plantar_synth_foot_to_page (&right, 120, -15, &x, &y);
  plantar_synth_foot_from_page (&right, x, y, &u, &v);
  g_assert_cmpfloat_with_epsilon (u, 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (v, -15, 1e-9);

  /* a higher arch has less midfoot contact */
  {
    PlantarSynthFoot high = right, flat = right;
    high.arch = 1;
    flat.arch = 0;
    g_assert_cmpfloat (plantar_synth_foot_body_field (&high, 0.43 * 260, -10), >, 0);
    g_assert_cmpfloat (plantar_synth_foot_body_field (&flat, 0.43 * 260, -10), <, 0);
    g_assert_cmpfloat (plantar_synth_foot_body_field (&flat, 0.43 * 260, 20), <, 0);
  }
}

static void
test_render_page (void)
{
  PlantarSynthPage page;
  PlantarSynthFoot foot;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) ink = NULL;
  g_autoptr(PlantarScan) podo = NULL;
  double mm;

  plantar_synth_page_init (&page);
  page.dpi = 100;
  plantar_synth_foot_init (&foot, PLANTAR_SIDE_LEFT, 250);
  foot.heel_x_mm = 105;
  foot.heel_y_mm = 250;

  ink = plantar_synth_render_page (&page, &foot, 1, &error);
  g_assert_no_error (error);
  mm = plantar_scan_get_cell_width_mm (ink);
  g_assert_cmpfloat_with_epsilon (mm, 0.254, 1e-12);
  g_assert_cmpuint (plantar_scan_get_width (ink), ==, 827);
  /* dark ink at the heel centre, light paper in the corner */
  g_assert_cmpuint (plantar_scan_get_pixels (ink)[(guint) (250 / mm) * 827 + (guint) (105 / mm)], <, 100);
  g_assert_cmpuint (plantar_scan_get_pixels (ink)[10 * 827 + 10], >, 200);

  page.dark_on_light = FALSE;
  podo = plantar_synth_render_page (&page, &foot, 1, &error);
  g_assert_cmpuint (plantar_scan_get_pixels (podo)[(guint) (250 / mm) * 827 + (guint) (105 / mm)], >, 150);
  g_assert_cmpuint (plantar_scan_get_pixels (podo)[10 * 827 + 10], <, 60);
}

/* A recording rolls from the heel to the toes; its peak is the footprint. */
static void
test_render_recording (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) walk = plantar_synth_demo_walk (&error);
  guint w = plantar_scan_get_width (walk), h = plantar_scan_get_height (walk);
  double first_y = 0, last_y = 0;
  guint first = G_MAXUINT, last = 0;

  g_assert_no_error (error);
  for (guint f = 0; f < plantar_scan_get_n_frames (walk); f++)
    {
      const float *values = plantar_scan_get_frame (walk, f);
      double sum = 0, sy = 0;
      for (guint y = 0; y < h; y++)
        for (guint x = 0; x < w; x++)
          {
            sum += values[y * w + x];
            sy += values[y * w + x] * y;
          }
      if (sum == 0)
        continue;
      if (first == G_MAXUINT)
        {
          first = f;
          first_y = sy / sum;
        }
      last = f;
      last_y = sy / sum;
    }

  /* the first heel strikes at 40 ms, the last foot lifts at 2310 ms;
   * 20 ms frames */
  g_assert_cmpuint (first, >=, 2);
  g_assert_cmpuint (first, <=, 3);
  g_assert_cmpuint (last, >=, 114);
  g_assert_cmpuint (last, <=, 115);
  /* the centre of pressure starts at the first heel, near the bottom
   * (1790 mm), and ends at the last toes, near the top (about 30 mm) */
  g_assert_cmpfloat (first_y * 5, >, 1700);
  g_assert_cmpfloat (last_y * 5, <, 120);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/synth/demo-footprint", test_demo_footprint);
  g_test_add_func ("/synth/demo-walk", test_demo_walk);
  g_test_add_func ("/synth/geometry", test_geometry);
  g_test_add_func ("/synth/render-page", test_render_page);
  g_test_add_func ("/synth/render-recording", test_render_recording);
  return g_test_run ();
}

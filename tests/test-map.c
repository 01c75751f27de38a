/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-fitting.h"
#include "plantar-map.h"
#include "plantar-synth.h"
#include "plantar-test-util.h"

/* The map as pixels: what the window and the report draw, checked on an
 * image surface without a display. */

static guint32
surface_pixel (cairo_surface_t *surface,
               int              x,
               int              y)
{
  cairo_surface_flush (surface);
  return ((guint32 *) (void *) (cairo_image_surface_get_data (surface) +
                                (gsize) y * cairo_image_surface_get_stride (surface)))[x];
}

/* A plate of 10 mm cells with one cell at 300 kPa and one without a
 * sensor, drawn at 4 px/mm: each cell is its colour, on its place. */
static void
test_map_cells (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_scan_new_pressure (4, 3, 1, &error);
  g_autoptr(PlantarMap) map = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 160, 120);
  cairo_t *cr = cairo_create (surface);
  PlantarMapStyle style;
  guint8 *mask;
  double value;

  plantar_scan_set_cell_size (scan, 10, 10);
  plantar_scan_get_frame_mutable (scan, 0)[1 * 4 + 2] = 300;   /* column 2, row 1 */
  plantar_scan_get_frame_mutable (scan, 0)[2 * 4 + 0] = 150;
  mask = plantar_scan_ensure_mask (scan);
  mask[0] = 0;                                                 /* column 0, row 0: no sensor */
  map = plantar_map_new (scan, NULL);
  plantar_map_style_init (&style);
  style.max_kpa = 300;
  style.overlays = 0;

  cairo_scale (cr, 4, 4);
  plantar_map_draw (map, cr, &style, 4);
  cairo_destroy (cr);

  /* the 300 kPa cell is the top colour, opaque */
  g_assert_cmphex (surface_pixel (surface, 2 * 40 + 20, 1 * 40 + 20),
                   ==, 0xff000000u | plantar_colormap_get_table (PLANTAR_COLORMAP_PERCEPTUAL)[255]);
  /* 150 kPa is the middle of the scale */
  g_assert_cmphex (surface_pixel (surface, 0 * 40 + 20, 2 * 40 + 20),
                   ==, 0xff000000u | plantar_colormap_get_table (PLANTAR_COLORMAP_PERCEPTUAL)[128]);
  /* nothing felt: transparent; no sensor: a faint grey, apart from it */
  g_assert_cmphex (surface_pixel (surface, 3 * 40 + 20, 2 * 40 + 20), ==, 0);
  g_assert_cmphex (surface_pixel (surface, 20, 20) >> 24, >, 0);
  g_assert_cmphex (surface_pixel (surface, 20, 20) >> 24, <, 0x80);

  g_assert_true (plantar_map_value_at (map, -1, 25, 15, &value));
  g_assert_cmpfloat (value, ==, 300);
  g_assert_false (plantar_map_value_at (map, -1, 5, 5, &value));     /* no sensor */
  g_assert_false (plantar_map_value_at (map, -1, 45, 5, &value));    /* off the plate */
  g_assert_cmpfloat (plantar_map_get_max_value (map, -1), ==, 300);

  /* the rainbow's top colour for the same cell */
  style.colormap = PLANTAR_COLORMAP_RAINBOW;
  cr = cairo_create (surface);
  cairo_scale (cr, 4, 4);
  plantar_map_draw (map, cr, &style, 4);
  cairo_destroy (cr);
  g_assert_cmphex (surface_pixel (surface, 2 * 40 + 20, 1 * 40 + 20),
                   ==, 0xff000000u | plantar_colormap_get_table (PLANTAR_COLORMAP_RAINBOW)[255]);
  cairo_surface_destroy (surface);
}

/* A foot's map: the handles where the landmarks are, and the overlays
 * drawn over the cells. */
static void
test_map_foot (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) walk = plantar_synth_demo_walk (&error);
  g_autoptr(PlantarFitting) fitting = plantar_test_fitting_of (walk);
  PlantarFoot *foot;
  g_autoptr(PlantarMap) map = NULL;
  PlantarPoint p;
  double x, y, w, h;

  plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, 1);
  foot = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT);
  map = plantar_map_new (walk, foot);
  plantar_map_get_bounds (map, &x, &y, &w, &h);
  /* the foot, with a margin */
  g_assert_cmpfloat (x, <, foot->heel_centre.x - 30);
  g_assert_cmpfloat (x + w, >, foot->heel_centre.x + 30);
  g_assert_cmpfloat (y + h, >, foot->heel_back.y);
  g_assert_cmpfloat (y, <, foot->toe_tip.y);

  g_assert_cmpint (plantar_map_handle_at (map, foot->heel_centre.x + 1, foot->heel_centre.y - 1, 4), ==,
                   PLANTAR_HANDLE_HEEL_CENTRE);
  g_assert_cmpint (plantar_map_handle_at (map, foot->toe_tip.x, foot->toe_tip.y, 4), ==, PLANTAR_HANDLE_TOE_TIP);
  g_assert_cmpint (plantar_map_handle_at (map, foot->toe_line[1].x, foot->toe_line[1].y, 4), ==,
                   PLANTAR_HANDLE_TOE_LINE_END);
  g_assert_cmpint (plantar_map_handle_at (map, x + 1, y + 1, 4), ==, PLANTAR_HANDLE_NONE);
  g_assert_true (plantar_map_get_handle (map, PLANTAR_HANDLE_HEEL_CENTRE, &p));
  g_assert_cmpfloat (p.x, ==, foot->heel_centre.x);

  /* at 2 px/mm: the heel centre's dot is white within, the cells under
   * the middle of the forefoot are coloured; with no overlays, the dot's
   * place shows the heel's cell */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * 2), (int) (h * 2));
    cairo_t *cr = cairo_create (surface);
    PlantarMapStyle style;
    int hx = (int) ((foot->heel_centre.x - x) * 2), hy = (int) ((foot->heel_centre.y - y) * 2);

    plantar_map_style_init (&style);
    cairo_scale (cr, 2, 2);
    cairo_translate (cr, -x, -y);
    plantar_map_draw (map, cr, &style, 2);
    cairo_destroy (cr);
    /* (the dot is 90 % white over the cell) */
    {
      guint32 px = surface_pixel (surface, hx, hy);
      g_assert_cmphex (px >> 24, ==, 0xff);
      g_assert_cmphex ((px >> 16) & 0xff, >, 0xe0);
      g_assert_cmphex ((px >> 8) & 0xff, >, 0xe0);
      g_assert_cmphex (px & 0xff, >, 0xe0);
    }

    style.overlays = 0;
    cr = cairo_create (surface);
    cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
    cairo_paint (cr);
    cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
    cairo_scale (cr, 2, 2);
    cairo_translate (cr, -x, -y);
    plantar_map_draw (map, cr, &style, 2);
    cairo_destroy (cr);
    g_assert_cmphex (surface_pixel (surface, hx, hy) >> 24, ==, 0xff);
    g_assert_cmphex (surface_pixel (surface, hx, hy) & 0xff, <, 0xd0);
    cairo_surface_destroy (surface);
  }

  /* a frame of the walk: before the heel strikes nothing is loaded */
  g_assert_cmpfloat (plantar_map_get_max_value (map, 0), ==, 0);
  g_assert_cmpfloat (plantar_map_get_max_value (map, 10), >, 0);
  g_assert_cmpfloat (plantar_map_get_max_value (map, -1), >=, plantar_map_get_max_value (map, 10));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/cells", test_map_cells);
  g_test_add_func ("/map/foot", test_map_foot);

  return g_test_run ();
}

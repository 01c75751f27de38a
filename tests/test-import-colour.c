/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <string.h>

#include "plantar-colormap.h"
#include "plantar-scan-io.h"
#include "plantar-test-util.h"

/*
 * Colour pressure pictures, as plate software draws them: a foot's peak
 * pressures on a known colour scale over a plain background, measured
 * against the same pressures read as numbers, and against the foot's true
 * geometry.
 */

#define PX_MM 0.5

typedef struct {
  const char *scale;       /* plantar_colour_scale_find () */
  guint32     background;  /* 0xRRGGBB; G_MAXUINT32: the scale's lowest colour */
  gboolean    legend;      /* a colour bar beside the foot, and black text */
  gboolean    jpeg;
  double      arch;
} PictureCase;

/* The foot's peak pressures on 0.5 mm cells: a picture's pixels. */
static PlantarScan *
foot_pressures (double             arch,
                PlantarSynthTruth *truth)
{
  PlantarSynthPlate plate;
  PlantarSynthFoot foot;
  g_autoptr(GError) error = NULL;
  PlantarScan *scan;

  plantar_synth_foot_init (&foot, PLANTAR_SIDE_RIGHT, 250);
  foot.arch = arch;
  foot.heel_x_mm = 55;
  foot.heel_y_mm = 250;
  plantar_synth_foot_truth (&foot, truth);
  plantar_synth_plate_init (&plate);
  plate.cell_width_mm = plate.cell_height_mm = PX_MM;
  plate.columns = (guint) (130 / PX_MM);
  plate.rows = (guint) (300 / PX_MM);
  plate.n_frames = 1;
  plate.samples = 1;
  scan = plantar_synth_render_plate (&plate, &foot, 1, &error);
  g_assert_no_error (error);
  return scan;
}

static GBytes *
draw_picture (PlantarScan       *scan,
              const PictureCase *c,
              double            *top_kpa)
{
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  const float *values = plantar_scan_get_frame (scan, 0);
  guint extra = c->legend ? 60 : 0;
  g_autoptr(GdkPixbuf) pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w + extra, h);
  guint8 *px = gdk_pixbuf_get_pixels (pb);
  int stride = gdk_pixbuf_get_rowstride (pb);
  int scale = plantar_colour_scale_find (c->scale);
  guint32 table[256], bg;
  double max = 0;
  gchar *buffer;
  gsize size;

  if (g_str_equal (c->scale, "grey") || g_str_equal (c->scale, "grey-light"))
    /* shades of grey, light to black on white or dark to white on black */
    for (guint i = 0; i < 256; i++)
      {
        guint l = g_str_equal (c->scale, "grey") ? 215 - i * 215 / 255 : 40 + i * 215 / 255;
        table[i] = l << 16 | l << 8 | l;
      }
  else
    {
      g_assert_cmpint (scale, >=, 0);
      plantar_colour_scale_get_table (scale, table);
    }
  bg = c->background == G_MAXUINT32 ? table[0] : c->background;
  for (gsize i = 0; i < (gsize) w * h; i++)
    max = MAX (max, values[i]);
  *top_kpa = max;
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w + extra; x++)
      {
        guint8 *p = px + (gsize) y * stride + 3 * x;
        guint32 rgb = bg;
        if (x < w && values[(gsize) y * w + x] > 0)
          rgb = table[(guint) MIN (255, values[(gsize) y * w + x] / max * 255)];
        /* the legend: a bar of the scale, top high, and a line of "text" */
        if (x >= w + 20 && x < w + 40 && y >= 40 && y < h - 40)
          rgb = table[(guint) (255.0 * (h - 41 - y) / (h - 81))];
        if (x >= w + 44 && x < w + 56 && y % 50 < 4)
          rgb = 0x101010;
        p[0] = rgb >> 16;
        p[1] = rgb >> 8;
        p[2] = rgb;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pb, &buffer, &size, c->jpeg ? "jpeg" : "png", NULL,
                                            c->jpeg ? "quality" : NULL, "92", NULL));
  return g_bytes_new_take (buffer, size);
}

/* The picture's RGB as a one-channel grey PNG */
static GBytes *
grey_png (GBytes *rgb_png)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (rgb_png);
  g_autoptr(GdkPixbuf) pb = gdk_pixbuf_new_from_stream (in, NULL, &error);
  g_autoptr(PlantarScan) grey = NULL;
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "grey.png", NULL);
  gchar *contents;
  gsize length;
  guint w, h;

  g_assert_no_error (error);
  w = gdk_pixbuf_get_width (pb);
  h = gdk_pixbuf_get_height (pb);
  grey = plantar_scan_new_image (w, h, &error);
  g_assert_no_error (error);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      plantar_scan_get_pixels_mutable (grey)[(gsize) y * w + x] =
        gdk_pixbuf_get_pixels (pb)[(gsize) y * gdk_pixbuf_get_rowstride (pb) + 3 * x];
  g_assert_true (plantar_scan_save_png (grey, path, &error));
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  plantar_test_rm_rf (dir);
  return g_bytes_new_take (contents, length);
}

static PlantarScan *
import_picture (GBytes *bytes,
                double  cell_mm,
                double  top_kpa)
{
  PlantarImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = NULL;

  options.cell_width_mm = options.cell_height_mm = cell_mm;
  options.scale_top_kpa = top_kpa;
  scans = plantar_import_bytes (bytes, "picture", &options, &error);
  g_assert_no_error (error);
  return plantar_scan_ref (g_ptr_array_index (scans, 0));
}

static void
check_picture_as (const PictureCase *c,
                  gboolean           one_channel)
{
  PlantarSynthTruth truth;
  g_autoptr(PlantarScan) numbers = foot_pressures (c->arch, &truth);
  g_autoptr(PlantarAnalysis) by_numbers = plantar_test_analyze (numbers);
  double top;
  g_autoptr(GBytes) drawn = draw_picture (numbers, c, &top);
  g_autoptr(GBytes) bytes = one_channel ? grey_png (drawn) : g_bytes_ref (drawn);
  g_autoptr(PlantarScan) picture = import_picture (bytes, PX_MM, 0);
  g_autoptr(PlantarAnalysis) by_picture = NULL;
  PlantarFoot *n, *p;

  g_assert_true (plantar_scan_is_pressure (picture));
  g_assert_cmpstr (plantar_scan_get_format_id (picture), ==, "colour-picture");
  g_assert_cmpint (plantar_scan_get_value_kind (picture), ==, PLANTAR_VALUE_RAW);
  by_picture = plantar_test_analyze (picture);
  g_assert_cmpuint (by_picture->feet->len, ==, 1);
  n = g_ptr_array_index (by_numbers->feet, 0);
  p = g_ptr_array_index (by_picture->feet, 0);
  g_test_message ("%s on %06x%s%s: arch index %.3f (numbers %.3f, true %.3f), length %.1f mm (true %.1f), "
                  "heel offset %.1f mm (numbers %.1f)", c->scale, c->background, c->legend ? ", legend" : "",
                  c->jpeg ? ", JPEG" : "", p->arch_index, n->arch_index, truth.arch_index, p->foot_length_mm,
                  truth.foot_length_mm, p->heel_cop_offset_mm, n->heel_cop_offset_mm);
  /* the dark-blue low pressure of the midfoot is contact */
  g_assert_cmpfloat (fabs (p->arch_index - n->arch_index), <, 0.01);
  g_assert_cmpfloat (fabs (p->arch_index - truth.arch_index), <, 0.02);
  g_assert_cmpfloat (fabs (p->foot_length_mm - truth.foot_length_mm), <, 3);
  g_assert_cmpfloat (fabs (p->heel_cop_offset_mm - n->heel_cop_offset_mm), <, 1);
  g_assert_cmpfloat (fabs (p->regions[PLANTAR_REGION_HEEL].load_pct - n->regions[PLANTAR_REGION_HEEL].load_pct), <, 3);
  /* relative pressures: no kPa is claimed */
  g_assert_true (p->pressure_uncalibrated);
  g_assert_true (isnan (p->peak_kpa));
  g_assert_true (isnan (p->heel_peak_kpa));
}

static void
check_picture (const PictureCase *c)
{
  check_picture_as (c, FALSE);
}

/* Every scale Plantar knows, on white and on its own lowest colour. */
static void
test_scales (void)
{
  const PictureCase cases[] = {
    { "jet", 0xffffff, FALSE, FALSE, 0.1 },
    { "jet", G_MAXUINT32, FALSE, FALSE, 0.1 },
    { "rainbow", 0xffffff, FALSE, FALSE, 0.45 },
    { "viridis", 0x000000, FALSE, FALSE, 0.45 },
    { "clinical", 0xffffff, FALSE, FALSE, 0.0 },
    { "hot", 0x1a1a60, FALSE, FALSE, 0.45 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_picture (&cases[i]);
}

/* Grey pressure pictures: darker is more on white, lighter is more on
 * black; as RGB and as a one-channel PNG, with and without a legend; the
 * light grey of the midfoot's low pressure is contact */
static void
test_grey (void)
{
  const PictureCase cases[] = {
    { "grey", 0xffffff, FALSE, FALSE, 0.45 },
    { "grey", 0xffffff, TRUE, FALSE, 0.1 },
    { "grey-light", 0x000000, FALSE, FALSE, 0.3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int one = 0; one < 2; one++)
      check_picture_as (&cases[i], one);
}

/* A picture cut from a report: its legend's colour bar and text are not
 * a foot; JPEG's artefacts do not make contact. */
static void
test_legend_and_jpeg (void)
{
  const PictureCase legend = { "jet", 0xffffff, TRUE, FALSE, 0.3 };
  const PictureCase jpeg = { "rainbow", 0xffffff, TRUE, TRUE, 0.3 };

  check_picture (&legend);
  check_picture (&jpeg);
}

/* The top of the scale given: pressures in kPa, each where its colour
 * lies on the scale. */
static void
test_top_of_scale (void)
{
  const PictureCase c = { "jet", 0xffffff, FALSE, FALSE, 0.4 };
  PlantarSynthTruth truth;
  g_autoptr(PlantarScan) numbers = foot_pressures (c.arch, &truth);
  g_autoptr(PlantarAnalysis) by_numbers = plantar_test_analyze (numbers);
  double top;
  g_autoptr(GBytes) bytes = draw_picture (numbers, &c, &top);
  g_autoptr(PlantarScan) picture = import_picture (bytes, PX_MM, top);
  g_autoptr(PlantarAnalysis) by_picture = plantar_test_analyze (picture);
  PlantarFoot *n = g_ptr_array_index (by_numbers->feet, 0), *p = g_ptr_array_index (by_picture->feet, 0);

  g_assert_cmpint (plantar_scan_get_value_kind (picture), ==, PLANTAR_VALUE_PRESSURE);
  g_assert_false (p->pressure_uncalibrated);
  /* 256 colours: to within a step of the scale */
  g_assert_cmpfloat (fabs (p->peak_kpa - n->peak_kpa), <=, top / 128);
  g_assert_cmpfloat (fabs (p->heel_peak_kpa - n->heel_peak_kpa), <=, top / 128);
}

/* Without a scale the picture says what to give; with --cell-mm it is
 * measured (plantar-cli analyze --cell-mm 0.5 picture.png). */
static void
test_no_scale (void)
{
  const PictureCase c = { "jet", 0xffffff, FALSE, FALSE, 0.4 };
  PlantarSynthTruth truth;
  g_autoptr(PlantarScan) numbers = foot_pressures (c.arch, &truth);
  double top;
  g_autoptr(GBytes) bytes = draw_picture (numbers, &c, &top);
  g_autoptr(PlantarScan) picture = import_picture (bytes, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarAnalysis) analysis = plantar_analyze (picture, NULL, &error);

  g_assert_false (plantar_scan_has_scale (picture));
  g_assert_null (analysis);
  g_assert_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_SCALE);
  g_assert_nonnull (strstr (error->message, "cell size"));
  g_assert_nonnull (strstr (error->message, "foot's length"));
  g_clear_error (&error);

  /* the foot's true length gives the picture's 0.5 mm pixels back */
  {
    double mm = plantar_foot_length_scale (picture, truth.foot_length_mm, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (fabs (mm - PX_MM), <, 0.01 * PX_MM);
    g_assert_false (plantar_scan_has_scale (picture));
    g_assert_cmpfloat (plantar_foot_length_scale (picture, 20, NULL, &error), ==, 0);
    g_assert_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_SCALE);
  }
}

/* An ink print, a podoscope capture and a photo of a print are not
 * pressure pictures, however their colours fall. */
static void
test_not_pictures (void)
{
  PlantarSynthFoot foot;
  PlantarSynthPage page;
  PlantarSynthPhoto photo;
  PlantarSheet truth;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) print = NULL;
  g_autoptr(PlantarScan) sheet = NULL;
  g_autofree guint8 *rgb = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GPtrArray) scans = NULL;

  plantar_synth_foot_init (&foot, PLANTAR_SIDE_LEFT, 240);
  foot.heel_x_mm = 70;
  foot.heel_y_mm = 230;
  plantar_synth_page_init (&page);
  page.width_mm = 150;
  page.height_mm = 280;
  page.dpi = 100;
  for (guint podoscope = 0; podoscope < 2; podoscope++)
    {
      g_autoptr(PlantarScan) grey = NULL;
      g_autoptr(GdkPixbuf) pb = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autofree gchar *buffer = NULL;
      gsize size;
      GBytes *bytes;
      page.dark_on_light = !podoscope;
      grey = plantar_synth_render_page (&page, &foot, 1, &error);
      g_assert_no_error (error);
      /* as a colour PNG, tinted blue as an ink pad's ink */
      pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, plantar_scan_get_width (grey), plantar_scan_get_height (grey));
      for (guint y = 0; y < plantar_scan_get_height (grey); y++)
        for (guint x = 0; x < plantar_scan_get_width (grey); x++)
          {
            guint8 *p = gdk_pixbuf_get_pixels (pb) + y * gdk_pixbuf_get_rowstride (pb) + 3 * x;
            guint g = plantar_scan_get_pixels (grey)[y * plantar_scan_get_width (grey) + x];
            p[0] = g * 0.8;
            p[1] = g * 0.85;
            p[2] = MIN (255, g + 30);
          }
      g_assert_true (gdk_pixbuf_save_to_buffer (pb, &buffer, &size, "png", NULL, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&buffer), size);
      found = plantar_import_bytes (bytes, "print.png", NULL, &error);
      g_assert_no_error (error);
      g_assert_false (plantar_scan_is_pressure (g_ptr_array_index (found, 0)));
      g_clear_pointer (&found, g_ptr_array_unref);
      /* and in grey, as a scanner writes it */
      {
        GBytes *grey_bytes = grey_png (bytes);
        found = plantar_import_bytes (grey_bytes, "print.png", NULL, &error);
        g_bytes_unref (grey_bytes);
        g_assert_no_error (error);
        g_assert_false (plantar_scan_is_pressure (g_ptr_array_index (found, 0)));
      }
      g_bytes_unref (bytes);
    }
  {
    g_autofree char *demo = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "demo-footprint.png", NULL);
    g_autoptr(GPtrArray) found = plantar_import_file (demo, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (plantar_scan_is_pressure (g_ptr_array_index (found, 0)));
  }

  plantar_synth_photo_init (&photo);
  photo.width = 1200;
  photo.height = 900;
  photo.tilt_deg = 15;
  foot.heel_x_mm = 105;
  foot.heel_y_mm = 148 + 120 - foot.heel_width_mm / 2;
  sheet = plantar_synth_render_sheet (&photo, &foot, 1, 150, &error);
  rgb = plantar_synth_render_photo (&photo, sheet, &truth);
  jpeg = plantar_synth_encode_jpeg (rgb, photo.width, photo.height, 85, 1);
  scans = plantar_import_bytes (jpeg, "photo.jpg", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (plantar_scan_is_pressure (g_ptr_array_index (scans, 0)));
  g_assert_nonnull (plantar_scan_get_sheet (g_ptr_array_index (scans, 0)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/colour/scales", test_scales);
  g_test_add_func ("/import/colour/grey", test_grey);
  g_test_add_func ("/import/colour/legend-and-jpeg", test_legend_and_jpeg);
  g_test_add_func ("/import/colour/top-of-scale", test_top_of_scale);
  g_test_add_func ("/import/colour/no-scale", test_no_scale);
  g_test_add_func ("/import/colour/not-pictures", test_not_pictures);

  return g_test_run ();
}

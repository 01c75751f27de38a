/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <png.h>
#include <jpeglib.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plantar-analysis.h"
#include "plantar-fitting.h"
#include "plantar-import.h"
#include "plantar-map.h"
#include "plantar-records.h"
#include "plantar-report.h"
#include "plantar-rules.h"
#include "plantar-scan-io.h"
#include "plantar-synth.h"
#include "plantar-insole.h"
#include "plantar-gait.h"
#include "plantar-test-util.h"

/*
 * plantar-bench: the speed figures in the README, measured.
 *
 *   meson test -C build --benchmark      or      build/tests/plantar-bench
 *
 * Each figure is the best of several runs on one core. Peak memory is
 * measured in a child process that does only the work in question, less
 * the memory of a child that does nothing.
 */

#define RUNS 5

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* ------------------------------------------------------------ child processes */

typedef void (*Work) (gpointer data);

/* Peak resident memory of a child running @work, in MB. */
static double
child_peak_mb (Work     work,
               gpointer data)
{
  struct rusage usage;
  int status;
  pid_t pid = fork ();

  if (pid == 0)
    {
      if (work)
        work (data);
      _exit (0);
    }
  if (wait4 (pid, &status, 0, &usage) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("benchmark child failed");
  return usage.ru_maxrss / 1024.0;
}

/* ------------------------------------------------------------ Zebris */

static GBytes *
unpack (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_no_error (error);
  in = g_converter_input_stream_new (raw, G_CONVERTER (gz));
  g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
bench_zebris (void)
{
  g_autofree char *path = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  g_autoptr(GBytes) text = unpack (path);
  double best_text = G_MAXDOUBLE, best_file = G_MAXDOUBLE;
  gsize size = g_bytes_get_size (text);

  for (int i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) scans = NULL;
      double t0 = now ();
      scans = plantar_import_bytes (text, "zebris.txt", NULL, &error);
      best_text = MIN (best_text, now () - t0);
      g_assert_no_error (error);
      g_assert_cmpuint (plantar_scan_get_n_frames (g_ptr_array_index (scans, 0)), ==, 1472);
    }

  for (int i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) scans = NULL;
      double t0 = now ();
      scans = plantar_import_file (path, NULL, &error);
      best_file = MIN (best_file, now () - t0);
      g_assert_no_error (error);
    }

  g_print ("Zebris FDM-T treadmill recording (1472 frames, %.1f MB of text)\n", size / 1e6);
  g_print ("  parse the text                 %7.1f ms   %6.0f MB/s   (goal >= 200 MB/s)\n",
           best_text * 1000, size / 1e6 / best_text);
  g_print ("  import the .gz file            %7.1f ms   %6.0f MB/s of text, gunzip included\n",
           best_file * 1000, size / 1e6 / best_file);

  /* finding and measuring the steps, after the import */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) scans = plantar_import_bytes (text, "zebris.txt", NULL, &error);
    double best = G_MAXDOUBLE;
    double best_gait = G_MAXDOUBLE, best_cop = G_MAXDOUBLE;
    guint n_steps = 0;

    g_assert_no_error (error);
    for (int i = 0; i < RUNS; i++)
      {
        g_autoptr(PlantarAnalysis) analysis = NULL;
        PlantarGait gait;
        double t0 = now (), t1, t2;
        analysis = plantar_analyze (g_ptr_array_index (scans, 0), NULL, &error);
        t1 = now ();
        best = MIN (best, t1 - t0);
        g_assert_no_error (error);
        n_steps = analysis->feet->len;
        /* the walk from its steps: speed, cadence, stance, strike, symmetry */
        plantar_gait_compute (analysis, NULL, &gait);
        t2 = now ();
        best_gait = MIN (best_gait, t2 - t1);
        g_assert_true (gait.available);
        /* the treadmill's butterfly: every frame read again */
        plantar_gait_compute_cop (analysis, &gait);
        best_cop = MIN (best_cop, now () - t2);
        g_assert_nonnull (gait.cop);
        plantar_gait_clear (&gait);
      }
    g_print ("  find and measure the %u steps  %7.1f ms   (goal < 500 ms)\n", n_steps, best * 1000);
    g_print ("  the gait from those steps      %7.1f ms   (goal < 10 ms)\n", best_gait * 1000);
    g_print ("  its centre-of-pressure path    %7.1f ms   (goal < 50 ms: once a drawing)\n\n", best_cop * 1000);
  }
}

/* ------------------------------------------------------------ 600-dpi PNG */

typedef struct {
  const char *path;
  gsize       size;
} PngJob;

/* libpng on its own: the rows of the file into one buffer, nothing else. */
static void
bare_decode (gpointer data)
{
  PngJob *job = data;
  FILE *fp = fopen (job->path, "rb");
  png_structp png = png_create_read_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  png_uint_32 w, h;
  int depth, type;
  guint8 *pixels;

  if (setjmp (png_jmpbuf (png)))
    g_error ("libpng failed on %s", job->path);
  png_init_io (png, fp);
  png_read_info (png, info);
  png_get_IHDR (png, info, &w, &h, &depth, &type, NULL, NULL, NULL);
  png_read_update_info (png, info);
  pixels = g_malloc ((gsize) png_get_rowbytes (png, info) * h);
  for (png_uint_32 y = 0; y < h; y++)
    png_read_row (png, pixels + (gsize) y * png_get_rowbytes (png, info), NULL);
  png_destroy_read_struct (&png, &info, NULL);
  fclose (fp);
  g_free (pixels);
}

static void
plantar_decode (gpointer data)
{
  PngJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_import_file (job->path, NULL, &error);

  if (scans == NULL)
    g_error ("%s", error->message);
}

/* what `plantar-cli analyze` does with the page */
static void
plantar_analyze_page (gpointer data)
{
  PngJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_import_file (job->path, NULL, &error);
  g_autoptr(PlantarAnalysis) analysis = NULL;

  if (scans == NULL)
    g_error ("%s", error->message);
  analysis = plantar_analyze (g_ptr_array_index (scans, 0), NULL, &error);
  if (analysis == NULL || analysis->feet->len != 2)
    g_error ("the benchmark page should hold two feet");
}

static char *
make_page (double dpi)
{
  g_autofree char *name = g_strdup_printf ("plantar-bench-%.0fdpi-v3.png", dpi);
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  PlantarSynthPage page;
  PlantarSynthFoot feet[2];
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;

  g_print ("(drawing a %.0f-dpi A4 page of two feet for the benchmark, once)\n", dpi);
  plantar_synth_page_init (&page);
  page.dpi = dpi;
  page.noise = 2;
  plantar_synth_foot_init (&feet[0], PLANTAR_SIDE_LEFT, 228);
  feet[0].heel_x_mm = 60;
  feet[0].heel_y_mm = 250;
  feet[0].angle_deg = -2;
  plantar_synth_foot_init (&feet[1], PLANTAR_SIDE_RIGHT, 228);
  feet[1].heel_x_mm = 150;
  feet[1].heel_y_mm = 250;
  feet[1].angle_deg = 2;
  scan = plantar_synth_render_page (&page, feet, 2, &error);
  g_assert_no_error (error);
  plantar_scan_save_png (scan, path, &error);
  g_assert_no_error (error);
  return path;
}

static void
bench_png (void)
{
  g_autofree char *path = make_page (600);
  PngJob job = { path, 0 };
  double best_bare = G_MAXDOUBLE, best_plantar = G_MAXDOUBLE, best_analyze = G_MAXDOUBLE;
  double base_mb, bare_mb, plantar_mb, analyze_mb;
  double eight_bit_mb;
  GStatBuf st;

  g_stat (path, &st);
  for (int i = 0; i < RUNS; i++)
    {
      double t0 = now ();
      bare_decode (&job);
      best_bare = MIN (best_bare, now () - t0);
      t0 = now ();
      plantar_decode (&job);
      best_plantar = MIN (best_plantar, now () - t0);
      t0 = now ();
      plantar_analyze_page (&job);
      best_analyze = MIN (best_analyze, now () - t0);
    }

  base_mb = child_peak_mb (NULL, NULL);
  bare_mb = child_peak_mb (bare_decode, &job) - base_mb;
  plantar_mb = child_peak_mb (plantar_decode, &job) - base_mb;
  analyze_mb = child_peak_mb (plantar_analyze_page, &job) - base_mb;
  eight_bit_mb = 4960.0 * 7016 / (1024 * 1024);

  g_print ("600-dpi A4 footprint PNG (4960 x 7016 grey, %.1f MB file)\n", st.st_size / 1e6);
  g_print ("  libpng bare decode             %7.1f ms\n", best_bare * 1000);
  g_print ("  Plantar import                 %7.1f ms   %.3f x libpng   (goal <= 1.15 x)\n",
           best_plantar * 1000, best_plantar / best_bare);
  g_print ("  import, find and measure feet  %7.1f ms   %.3f x libpng   (goal <= 1.10 x)\n",
           best_analyze * 1000, best_analyze / best_bare);
  g_print ("  peak memory, libpng            %7.1f MB\n", bare_mb);
  g_print ("  peak memory, Plantar import    %7.1f MB   %.2f x the 8-bit image (%.1f MB; goal < 2 x)\n",
           plantar_mb, plantar_mb / eight_bit_mb, eight_bit_mb);
  g_print ("  peak memory, with the analysis %7.1f MB   %.2f x the 8-bit image (goal < 2 x)\n\n",
           analyze_mb, analyze_mb / eight_bit_mb);
}

/* ------------------------------------------------------------ phone photo */

typedef struct {
  GBytes *jpeg;
} PhotoJob;

/* libjpeg-turbo on its own, as djpeg: the whole picture, full size, RGB. */
static void
bare_jpeg (gpointer data)
{
  PhotoJob *job = data;
  struct jpeg_decompress_struct cinfo;
  struct jpeg_error_mgr jerr;
  gsize length;
  const guint8 *bytes = g_bytes_get_data (job->jpeg, &length);
  guint8 *pixels;

  cinfo.err = jpeg_std_error (&jerr);
  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, bytes, length);
  jpeg_read_header (&cinfo, TRUE);
  cinfo.out_color_space = JCS_RGB;
  jpeg_start_decompress (&cinfo);
  pixels = g_malloc ((gsize) cinfo.output_width * cinfo.output_height * 3);
  while (cinfo.output_scanline < cinfo.output_height)
    {
      JSAMPROW row = pixels + (gsize) cinfo.output_scanline * cinfo.output_width * 3;
      jpeg_read_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  g_free (pixels);
}

static void
plantar_photo (gpointer data)
{
  PhotoJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_import_bytes (job->jpeg, "photo.jpg", NULL, &error);
  g_autoptr(PlantarAnalysis) analysis = NULL;

  if (scans == NULL)
    g_error ("%s", error->message);
  analysis = plantar_analyze (g_ptr_array_index (scans, 0), NULL, &error);
  if (analysis == NULL || analysis->feet->len != 1)
    g_error ("the benchmark photo should hold one foot: %s", error ? error->message : "");
}

/* A 12-megapixel phone photo of a print on A4, tilted 30 degrees, drawn
 * once and kept in the temporary folder. */
static GBytes *
make_photo (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "plantar-bench-photo-v1.jpg", NULL);
  PlantarSynthPhoto photo;
  PlantarSynthFoot foot;
  PlantarSheet truth;
  g_autoptr(PlantarScan) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *rgb = NULL;
  GBytes *jpeg;
  char *contents;
  gsize length;

  if (g_file_get_contents (path, &contents, &length, NULL))
    return g_bytes_new_take (contents, length);
  g_print ("(drawing a 12-megapixel phone photo for the benchmark, once)\n");
  plantar_synth_photo_init (&photo);
  photo.width = 4000;
  photo.height = 3000;
  photo.tilt_deg = 30;
  photo.turn_deg = 20;
  photo.light_gradient = 0.2;
  plantar_synth_foot_init (&foot, PLANTAR_SIDE_RIGHT, 255);
  foot.heel_x_mm = 105;
  foot.heel_y_mm = 148 + 255 / 2.0 - foot.heel_width_mm / 2;
  sheet = plantar_synth_render_sheet (&photo, &foot, 1, 200, &error);
  g_assert_no_error (error);
  rgb = plantar_synth_render_photo (&photo, sheet, &truth);
  jpeg = plantar_synth_encode_jpeg (rgb, photo.width, photo.height, 90, 1);
  g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), NULL);
  return jpeg;
}

static void
bench_photo (void)
{
  PhotoJob job = { make_photo () };
  double best_bare = G_MAXDOUBLE, best_plantar = G_MAXDOUBLE;

  for (int i = 0; i < RUNS; i++)
    {
      double t0 = now ();
      bare_jpeg (&job);
      best_bare = MIN (best_bare, now () - t0);
      t0 = now ();
      plantar_photo (&job);
      best_plantar = MIN (best_plantar, now () - t0);
    }
  g_print ("12-megapixel phone JPEG of a print on A4, tilted 30 degrees (%.1f MB)\n",
           g_bytes_get_size (job.jpeg) / 1e6);
  g_print ("  libjpeg-turbo decode, as djpeg %7.1f ms\n", best_bare * 1000);
  g_print ("  find the sheet, measure        %7.1f ms   %.2f x libjpeg-turbo   (goal <= 3 x)\n\n",
           best_plantar * 1000, best_plantar / best_bare);
  g_bytes_unref (job.jpeg);
}

/* ------------------------------------------------------------ corrections */

/* The slowest measurement again after a landmark moved, over every foot
 * and step of every real fixture, the demo scans and the 600-dpi page. */
static void
bench_remeasure (void)
{
  const char *fixtures[] = { "zebris-fdmt-treadmill-walk.txt.gz", "novel-emed-walk.lst", "tekscan-fscan-FrasP01L.asf",
                             "zebris-pedcad-walk.apd", "novel-pliance-mat.asc", "xsensor-x4.csv" };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  double worst = 0, sum = 0;
  guint n = 0;
  const char *worst_name = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    g_ptr_array_add (paths, plantar_test_fixture (fixtures[i]));
  g_ptr_array_add (paths, g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR") ? g_getenv ("PLANTAR_SOURCE_DIR") : ".",
                                            "data", "demo-footprint.png", NULL));
  g_ptr_array_add (paths, g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR") ? g_getenv ("PLANTAR_SOURCE_DIR") : ".",
                                            "data", "demo-walk.csv.gz", NULL));
  g_ptr_array_add (paths, make_page (600));

  for (guint p = 0; p < paths->len; p++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) scans = plantar_import_file (g_ptr_array_index (paths, p), NULL, &error);
      g_assert_no_error (error);
      for (guint s = 0; s < scans->len; s++)
        {
          g_autoptr(PlantarAnalysis) analysis = plantar_analyze (g_ptr_array_index (scans, s), NULL, &error);
          g_assert_no_error (error);
          for (guint f = 0; f < analysis->feet->len; f++)
            {
              PlantarFoot *foot = g_ptr_array_index (analysis->feet, f);
              PlantarCorrections cor = { 0 };
              double best = G_MAXDOUBLE;
              cor.has_heel_centre = TRUE;
              cor.heel_centre.x = foot->heel_centre.x + 3;
              cor.heel_centre.y = foot->heel_centre.y;
              for (int r = 0; r < RUNS; r++)
                {
                  double t0 = now ();
                  g_autoptr(PlantarFoot) again = plantar_foot_remeasure (foot, &cor, NULL);
                  best = MIN (best, now () - t0);
                  g_assert_nonnull (again);
                }
              sum += best;
              n++;
              if (best > worst)
                {
                  worst = best;
                  worst_name = g_ptr_array_index (paths, p);
                }
            }
        }
    }
  g_print ("Measuring a foot again after a correction (%u feet and steps)\n", n);
  g_print ("  mean                           %7.2f ms\n", sum / n * 1000);
  g_print ("  slowest                        %7.2f ms   (goal < 20 ms), %s\n\n", worst * 1000,
           strrchr (worst_name, '/') ? strrchr (worst_name, '/') + 1 : worst_name);
}

/* ------------------------------------------------------------ drawing */

/* One map drawn into 1000 x 1000 pixels as the window draws it: once
 * cold, then again with its cached picture (a redraw: a zoom, a drag). */
static void
bench_draw_one (const char *what,
                PlantarScan *scan,
                PlantarFoot *foot,
                int          frames)
{
  g_autoptr(PlantarMap) map = plantar_map_new (scan, foot);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 1000);
  PlantarMapStyle style;
  double x, y, w, h, ppm, cold = 0, best = G_MAXDOUBLE, frame_best = G_MAXDOUBLE, frame_worst = 0;

  plantar_map_style_init (&style);
  style.overlays = PLANTAR_OVERLAY_ALL | PLANTAR_OVERLAY_HANDLES;
  plantar_map_get_bounds (map, &x, &y, &w, &h);
  ppm = MIN (1000 / w, 1000 / h);

  for (int r = 0; r <= RUNS * 4; r++)
    {
      cairo_t *cr = cairo_create (surface);
      double t0 = now ();
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, ppm, ppm);
      cairo_translate (cr, -x, -y);
      plantar_map_draw (map, cr, &style, ppm);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (r == 0)
        cold = now () - t0;
      else
        best = MIN (best, now () - t0);
    }

  /* playback: every frame a new picture */
  for (int f = 0; f < frames; f++)
    {
      cairo_t *cr = cairo_create (surface);
      double t0 = now (), t;
      style.frame = foot ? (int) foot->first_frame + f : f;
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, ppm, ppm);
      cairo_translate (cr, -x, -y);
      plantar_map_draw (map, cr, &style, ppm);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      t = now () - t0;
      frame_best = MIN (frame_best, t);
      frame_worst = MAX (frame_worst, t);
    }
  cairo_surface_destroy (surface);

  g_print ("  %-30s %6.2f ms cold, %5.2f ms redrawn", what, cold * 1000, best * 1000);
  if (frames > 0)
    g_print (", each frame %4.2f–%4.2f ms", frame_best * 1000, frame_worst * 1000);
  g_print ("\n");
}

static void
bench_draw (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR") ? g_getenv ("PLANTAR_SOURCE_DIR") : ".",
                                            "data", "demo-footprint.png", NULL);
  g_autofree char *zebris = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  g_autofree char *page = make_page (600);
  const char *paths[] = { demo, page, zebris };
  const char *names[] = { "print, 150 dpi", "print, 600 dpi", "treadmill step, frames too" };

  g_print ("Drawing a foot's map with every overlay into 1000 x 1000 pixels (goal < 4 ms redrawn,\n"
           "a frame of a walk < 10 ms so that 100 frames a second keep up)\n");
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GPtrArray) scans = plantar_import_file (paths[i], NULL, &error);
      g_autoptr(PlantarFitting) fitting = plantar_fitting_new ();
      PlantarFoot *foot;
      g_assert_no_error (error);
      plantar_fitting_set_scans (fitting, scans, NULL, NULL);
      plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, plantar_fitting_is_mean (fitting, PLANTAR_SIDE_LEFT) ? 2 : 0);
      foot = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT);
      bench_draw_one (names[i], plantar_fitting_get_shown_scan (fitting, PLANTAR_SIDE_LEFT), foot,
                      plantar_scan_get_n_frames (g_ptr_array_index (scans, 0)) > 1 ? 60 : 0);
    }
  g_print ("\n");
}

/* The suggestion and the report for two feet, as PDF: from a fitting
 * already measured to the file written. */
static void
bench_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR") ? g_getenv ("PLANTAR_SOURCE_DIR") : ".",
                                            "data", "demo-footprint.png", NULL);
  g_autofree char *zebris = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  const char *paths[] = { demo, zebris, zebris };
  const char *names[] = { "demo print, one page", "treadmill walk, one page", "treadmill walk, clinic" };

  g_print ("The fitting report for two feet, suggestion and PDF (goal < 300 ms)\n");
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GPtrArray) scans = plantar_import_file (paths[i], NULL, &error);
      g_autoptr(PlantarFitting) fitting = plantar_fitting_new ();
      double best = G_MAXDOUBLE;
      GStatBuf st;

      g_assert_no_error (error);
      plantar_fitting_set_scans (fitting, scans, NULL, NULL);
      for (int run = 0; run < RUNS; run++)
        {
          double t0 = now ();
          g_autoptr(PlantarAdvice) advice = plantar_rules_suggest (plantar_rules_get_builtin (),
                                                                   plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT),
                                                                   plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT),
                                                                   NULL, NULL);
          g_autoptr(PlantarReport) report = NULL;
          PlantarReportInfo info;
          plantar_report_info_init (&info);
          info.customer = "Benchmark";
          info.detail = i == 2 ? PLANTAR_REPORT_CLINIC : PLANTAR_REPORT_STORE;
          report = plantar_report_new (fitting, advice, NULL, &info, &error);
          g_assert_true (plantar_report_write_pdf (report, PLANTAR_PAPER_A4, pdf, &error));
          best = MIN (best, now () - t0);
        }
      g_stat (pdf, &st);
      g_print ("  %-30s %6.1f ms   %.0f kB\n", names[i], best * 1000, st.st_size / 1024.0);
    }
  plantar_test_rm_rf (dir);
  g_print ("\n");
}

/* Both insoles of a fitting designed and written (STL, 3MF, SVG, DXF), and
 * one parameter changed as a slider does it, with the drawings redrawn. */
static void
bench_insole (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR") ? g_getenv ("PLANTAR_SOURCE_DIR") : ".",
                                            "data", "demo-footprint.png", NULL);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autoptr(GPtrArray) scans = plantar_import_file (demo, NULL, &error);
  g_autoptr(PlantarFitting) fitting = plantar_fitting_new ();
  g_autoptr(PlantarAdvice) advice = NULL;
  double best = G_MAXDOUBLE, best_design = G_MAXDOUBLE, best_change = G_MAXDOUBLE, worst_change = 0;
  guint triangles = 0;

  g_assert_no_error (error);
  plantar_fitting_set_scans (fitting, scans, NULL, NULL);
  advice = plantar_rules_suggest (plantar_rules_get_builtin (), plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT),
                                  plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT), NULL, NULL);
  for (int run = 0; run < RUNS; run++)
    {
      double t0 = now (), designing = 0;
      triangles = 0;
      for (PlantarSide side = PLANTAR_SIDE_LEFT; side <= PLANTAR_SIDE_RIGHT; side++)
        {
          double d0 = now ();
          g_autoptr(PlantarInsole) insole = plantar_insole_design_for (fitting, side, plantar_rules_get_builtin (),
                                                                        advice, NULL, &error);
          const char *ext[] = { "stl", "3mf", "svg", "dxf" };
          g_assert_no_error (error);
          designing += now () - d0;
          for (guint f = 0; f < G_N_ELEMENTS (ext); f++)
            {
              g_autofree char *path = g_strdup_printf ("%s/%s.%s", dir, plantar_side_to_string (side), ext[f]);
              gboolean ok = f == 0 ? plantar_insole_write_stl (insole, path, &error)
                            : f == 1 ? (!plantar_insole_can_write_3mf () || plantar_insole_write_3mf (insole, NULL, path, &error))
                            : f == 2 ? plantar_insole_write_svg (insole, path, &error)
                                     : plantar_insole_write_dxf (insole, path, &error);
              g_assert_true (ok);
            }
          triangles += insole->mesh.triangles->len;
        }
      best = MIN (best, now () - t0);
      best_design = MIN (best_design, designing);
    }
  /* a slider: the cup's depth through its range, each change redrawn */
  {
    g_autoptr(PlantarInsole) insole = plantar_insole_design_for (fitting, PLANTAR_SIDE_LEFT, plantar_rules_get_builtin (),
                                                                  advice, NULL, &error);
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 700);
    cairo_t *cr = cairo_create (surface);
    PlantarInsoleParams p = insole->params;
    for (double depth = 6; depth <= 24; depth += 1)
      {
        double t0 = now (), dt;
        cairo_surface_t *mesh;
        p.heel_cup_depth_mm = depth;
        g_assert_true (plantar_insole_redesign (insole, &p, &error));
        plantar_insole_draw_top (cr, insole, 300, 680);
        plantar_insole_draw_profile (cr, insole, 560, 200);
        mesh = plantar_insole_render_mesh (insole, 560, 420, 30, 35);
        cairo_surface_destroy (mesh);
        dt = now () - t0;
        best_change = MIN (best_change, dt);
        worst_change = MAX (worst_change, dt);
      }
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  g_print ("Both insoles of the demo fitting (%u triangles in all)\n", triangles);
  g_print ("  designed (outline, surface, mesh)  %6.1f ms\n", best_design * 1000);
  g_print ("  designed and written, 8 files  %7.1f ms   (goal < 200 ms)\n", best * 1000);
  g_print ("  one parameter changed, redrawn %7.1f–%.1f ms   (goal < 20 ms a change)\n\n", best_change * 1000,
           worst_change * 1000);
  plantar_test_rm_rf (dir);
}

/* 200 fittings saved for @busy, then the figures of listing them and of
 * searching @queries, each the best of RUNS; the slowest search printed. */
static void
bench_records_use (PlantarRecords     *records,
                   gint64              busy,
                   const char         *customers,
                   const char * const *queries)
{
  double best_list = G_MAXDOUBLE, best_save = G_MAXDOUBLE, worst_search = 0, t0;
  const char *worst = NULL;
  guint found = 0;

  for (int i = 0; i < 200; i++)
    {
      g_autoptr(PlantarFittingRecord) r = plantar_fitting_record_new ();
      PlantarStoredScan *scan = g_new0 (PlantarStoredScan, 1);
      g_autoptr(GError) error = NULL;
      scan->name = g_strdup ("scan.png");
      scan->bytes = g_bytes_new_take (g_malloc0 (20000), 20000);
      g_ptr_array_add (r->scans, scan);
      r->customer_id = busy;
      r->summary = g_strdup ("L 0.231 normal · R 0.244 normal");
      r->suggestion = g_strdup ("Neutral support insole");
      t0 = now ();
      plantar_records_save_fitting (records, r, &error);
      best_save = MIN (best_save, now () - t0);
      g_assert_no_error (error);
    }
  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(GPtrArray) list = NULL;
      t0 = now ();
      list = plantar_records_list_fittings (records, busy, NULL);
      best_list = MIN (best_list, now () - t0);
      g_assert_cmpuint (list->len, ==, 200);
    }
  for (guint q = 0; queries[q] != NULL; q++)
    {
      double best = G_MAXDOUBLE;
      guint hits_len = 0;
      for (int run = 0; run < RUNS; run++)
        {
          g_autoptr(GPtrArray) hits = NULL;
          t0 = now ();
          hits = plantar_records_search (records, queries[q], 200, NULL);
          best = MIN (best, now () - t0);
          g_assert_nonnull (hits);
          hits_len = hits->len;
        }
      g_print ("  \"%s\" searched in %s customers %*s%7.2f ms   %u found\n", queries[q], customers,
               (int) (20 - MIN (20, strlen (queries[q]))), "", best * 1000, hits_len);
      if (best > worst_search)
        worst_search = best, worst = queries[q], found = hits_len;
    }
  g_print ("  a fitting saved (one transaction)  %7.2f ms   best of 200\n", best_save * 1000);
  g_print ("  a customer's 200 fittings listed   %7.2f ms   (goal < 100 ms)\n", best_list * 1000);
  g_print ("  the slowest search (\"%s\")  %7.2f ms   %u found (goal: within a keystroke, < 50 ms)\n\n", worst,
           worst_search * 1000, found);
}

/* The records: a shop with 10,000 customers in its file, one of them with
 * 200 fittings. */
static void
bench_records (void)
{
  static const char * const first[] = { "Anna", "Ben", "Carla", "David", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jan" };
  static const char * const last[] = { "Smith", "Müller", "García", "Nowak", "Rossi", "Dubois", "Jensen", "Kowalski" };
  static const char * const queries[] = { "car nowa", "", "a", "zzz", NULL };
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autoptr(PlantarRecords) records = plantar_records_open (path, NULL);
  gint64 busy = 0;
  double t0;

  g_assert_nonnull (records);
  t0 = now ();
  for (int i = 0; i < 10000; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %d", first[i % 10], last[(i / 10) % 8], i);
      PlantarCustomer c = { 0 };
      gint64 id;
      c.name = name;
      id = plantar_records_add_customer (records, &c, NULL);
      if (i == 4321)
        busy = id;
    }
  g_print ("Records in a file: 10,000 customers added in %.1f s, one by one\n", now () - t0);
  bench_records_use (records, busy, "10,000", queries);
  plantar_test_rm_rf (dir);
}

/* The same on a PostgreSQL server over its Unix socket (tests/pg-server):
 * a chain's 100,000 customers. */
static void
bench_records_server (void)
{
  static const char * const queries[] = { "car nowa", "", "a", "anna smi", "kowalski 4", "zzz", "jan kowalski 99999",
                                          NULL };
  PlantarTestServer *server = plantar_test_server_start ();
  g_autofree char *address = NULL, *database = NULL, *busy_text = NULL;
  g_autoptr(PlantarRecords) records = NULL;
  g_autoptr(GError) error = NULL;
  double t0;

  if (server == NULL)
    {
      g_print ("Records on a server: skipped, PostgreSQL's server is not installed (Debian: postgresql)\n\n");
      return;
    }
  address = plantar_test_server_database (server, NULL);
  database = plantar_test_server_name (address);
  records = plantar_records_open (address, &error);
  g_assert_no_error (error);
  t0 = now ();
  /* the names as the file's bench makes them, their keys as Plantar's */
  g_free (plantar_test_server_sql (server, database,
    "INSERT INTO customers (name, name_key, created, uid) "
    "SELECT n, lower (translate (n, 'üí', 'ui')), 0, md5 (i::text) FROM generate_series (0, 99999) i, "
    "LATERAL (SELECT (ARRAY['Anna','Ben','Carla','David','Eva','Farid','Greta','Hugo','Ines','Jan'])[i % 10 + 1] "
    "  || ' ' || (ARRAY['Smith','Müller','García','Nowak','Rossi','Dubois','Jensen','Kowalski'])[(i / 10) % 8 + 1]"
    "  || ' ' || i AS n) names;"
    "ANALYZE customers"));
  busy_text = plantar_test_server_sql (server, database, "SELECT id FROM customers ORDER BY id OFFSET 43021 LIMIT 1");
  g_print ("Records on a PostgreSQL server (Unix socket): 100,000 customers put in in %.1f s\n", now () - t0);
  bench_records_use (records, g_ascii_strtoll (busy_text, NULL, 10), "100,000", queries);
  g_clear_pointer (&records, plantar_records_close);
  plantar_test_server_free (server);
}

int
main (int    argc,
      char **argv)
{
  static const struct {
    const char *name;
    void      (*run) (void);
  } benches[] = {
    { "zebris", bench_zebris }, { "png", bench_png }, { "photo", bench_photo },
    { "remeasure", bench_remeasure }, { "draw", bench_draw }, { "report", bench_report },
    { "insole", bench_insole },
    { "records", bench_records }, { "records-server", bench_records_server },
  };

  g_print ("Plantar %s benchmark, one core, best of %d runs\n\n", PACKAGE_VERSION, RUNS);
  /* plantar-bench [NAME…]: only those */
  for (guint i = 0; i < G_N_ELEMENTS (benches); i++)
    {
      gboolean wanted = argc < 2;
      for (int a = 1; a < argc; a++)
        wanted |= g_str_equal (argv[a], benches[i].name);
      if (wanted)
        benches[i].run ();
    }
  return 0;
}

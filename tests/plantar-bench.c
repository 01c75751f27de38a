/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <png.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plantar-import.h"
#include "plantar-scan-io.h"
#include "plantar-synth.h"
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
  g_print ("  import the .gz file            %7.1f ms   %6.0f MB/s of text, gunzip included\n\n",
           best_file * 1000, size / 1e6 / best_file);
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

static char *
make_page (double dpi)
{
  g_autofree char *name = g_strdup_printf ("plantar-bench-%.0fdpi-v2.png", dpi);
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
  double best_bare = G_MAXDOUBLE, best_plantar = G_MAXDOUBLE;
  double base_mb, bare_mb, plantar_mb;
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
    }

  base_mb = child_peak_mb (NULL, NULL);
  bare_mb = child_peak_mb (bare_decode, &job) - base_mb;
  plantar_mb = child_peak_mb (plantar_decode, &job) - base_mb;
  eight_bit_mb = 4960.0 * 7016 / (1024 * 1024);

  g_print ("600-dpi A4 footprint PNG (4960 x 7016 grey, %.1f MB file)\n", st.st_size / 1e6);
  g_print ("  libpng bare decode             %7.1f ms\n", best_bare * 1000);
  g_print ("  Plantar import                 %7.1f ms   %.3f x libpng   (goal <= 1.15 x)\n",
           best_plantar * 1000, best_plantar / best_bare);
  g_print ("  peak memory, libpng            %7.1f MB\n", bare_mb);
  g_print ("  peak memory, Plantar           %7.1f MB   %.2f x the 8-bit image (%.1f MB; goal < 2 x)\n\n",
           plantar_mb, plantar_mb / eight_bit_mb, eight_bit_mb);
}

int
main (int    argc,
      char **argv)
{
  g_print ("Plantar %s benchmark, one core, best of %d runs\n\n", PACKAGE_VERSION, RUNS);
  bench_zebris ();
  bench_png ();
  return 0;
}

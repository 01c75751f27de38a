/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <utime.h>

#include "plantar-camera.h"
#include "plantar-scan-io.h"
#include "plantar-scanner.h"
#include "plantar-test-util.h"
#include "plantar-watch.h"

/*
 * Capture at the fitting station, with the real things: SANE's test
 * backend for a scanner, GStreamer test sources for a camera, and files
 * written into a watched folder in pieces.
 */

static char *sane_dir;

/* ------------------------------------------------------------ the scanner */

static PlantarScan *
scan_with (const char *const *options,
           double             dpi,
           int                depth,
           PlantarScanMode    mode,
           GError           **error)
{
  PlantarScanRequest request = { "test:0", dpi, mode, depth, FALSE, options };
  return plantar_scanner_scan (&request, NULL, NULL, NULL, error);
}

static void
test_scanner_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scanners = plantar_scanner_list (&error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < scanners->len; i++)
    found |= g_str_equal (((PlantarScannerInfo *) g_ptr_array_index (scanners, i))->name, "test:0");
  g_assert_true (found);
}

/* Where the grey along a row turns from dark to light or back, in mm. */
static GArray *
edges_along (PlantarScan *scan,
             guint        y)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (double));
  const guint8 *row = plantar_scan_get_pixels (scan) + (gsize) y * plantar_scan_get_width (scan);

  for (guint x = 1; x < plantar_scan_get_width (scan); x++)
    if ((row[x - 1] < 128) != (row[x] < 128))
      {
        double mm = x * plantar_scan_get_cell_width_mm (scan);
        g_array_append_val (edges, mm);
      }
  return edges;
}

/* The test picture "Grid" has 10 mm squares: at 150 dpi they measure
 * 10 mm, and the page its size in millimetres. */
static void
test_scanner_grid (void)
{
  const char *options[] = { "test-picture=Grid", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = scan_with (options, 150, 0, PLANTAR_SCAN_GREY, &error);
  g_autoptr(GArray) edges = NULL;

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 25.4 / 150, 1e-9);
  g_assert_cmpstr (plantar_scan_get_format_id (scan), ==, "scanner");
  g_assert_cmpstr (plantar_scan_get_device (scan), ==, "test:0");
  edges = edges_along (scan, 20);
  g_assert_cmpuint (edges->len, >=, 5);
  for (guint i = 1; i < edges->len; i++)
    g_assert_cmpfloat (fabs (g_array_index (edges, double, i) - g_array_index (edges, double, i - 1) - 10), <, 0.35);
}

/* 16 bits a sample give the same page as 8. */
static void
test_scanner_16_bit (void)
{
  const char *options[] = { "test-picture=Grid", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) eight = scan_with (options, 100, 8, PLANTAR_SCAN_GREY, &error);
  g_autoptr(PlantarScan) sixteen = scan_with (options, 100, 16, PLANTAR_SCAN_GREY, &error);
  gsize n;

  g_assert_no_error (error);
  g_assert_cmpuint (plantar_scan_get_width (sixteen), ==, plantar_scan_get_width (eight));
  g_assert_cmpuint (plantar_scan_get_height (sixteen), ==, plantar_scan_get_height (eight));
  n = (gsize) plantar_scan_get_width (eight) * plantar_scan_get_height (eight);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (abs (plantar_scan_get_pixels (eight)[i] - plantar_scan_get_pixels (sixteen)[i]), <=, 1);
}

/* A hand scanner does not say how long the page is until its end; it is
 * 11 cm wide. (The second virtual scanner: the test backend keeps a
 * device's settings from one opening to the next.) */
static void
test_scanner_hand (void)
{
  const char *options[] = { "hand-scanner=yes", "test-picture=Grid", NULL };
  PlantarScanRequest request = { "test:1", 100, PLANTAR_SCAN_GREY, 0, FALSE, options };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_scanner_scan (&request, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (fabs (plantar_scan_get_width (scan) * plantar_scan_get_cell_width_mm (scan) - 110), <, 1);
  g_assert_cmpuint (plantar_scan_get_height (scan), >, 10);
}

static void
test_scanner_colour (void)
{
  const char *options[] = { "test-picture=Grid", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) colour = scan_with (options, 75, 0, PLANTAR_SCAN_COLOUR, &error);
  g_autoptr(PlantarScan) grey = scan_with (options, 75, 0, PLANTAR_SCAN_GREY, &error);

  g_assert_no_error (error);
  g_assert_false (plantar_scan_is_pressure (colour));
  g_assert_cmpuint (plantar_scan_get_width (colour), ==, plantar_scan_get_width (grey));
  g_assert_cmpint (plantar_scan_get_pixels (colour)[0], ==, plantar_scan_get_pixels (grey)[0]);
}

static void
test_scanner_errors (void)
{
  const char *bad_value[] = { "test-picture=Tartan", NULL };
  const char *unknown[] = { "laser-beams=on", NULL };
  const char *not_a_pair[] = { "grid", NULL };
  PlantarScanRequest nobody = { "test:9", 150, PLANTAR_SCAN_GREY, 0, FALSE, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_null (plantar_scanner_scan (&nobody, NULL, NULL, NULL, &error));
  g_assert_error (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "test:9"));
  g_clear_error (&error);
  g_assert_null (scan_with (bad_value, 150, 0, PLANTAR_SCAN_GREY, &error));
  g_assert_error (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_OPTION);
  g_clear_error (&error);
  g_assert_null (scan_with (unknown, 150, 0, PLANTAR_SCAN_GREY, &error));
  g_assert_error (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, "laser-beams"));
  g_clear_error (&error);
  g_assert_null (scan_with (not_a_pair, 150, 0, PLANTAR_SCAN_GREY, &error));
  g_assert_error (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_OPTION);
}

typedef struct {
  GCancellable *cancellable;
  guint         progress_calls;
  double        last_fraction;
  gboolean      done;
  PlantarScan  *scan;
  GError       *error;
} Waiting;

static void
progress_cb (double   fraction,
             gpointer data)
{
  Waiting *w = data;

  /* said on the main context, never going back */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpfloat (fraction, >=, w->last_fraction);
  w->last_fraction = fraction;
  w->progress_calls++;
  if (w->cancellable != NULL && w->progress_calls == 2)
    g_cancellable_cancel (w->cancellable);
}

static void
scanned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Waiting *w = data;

  w->scan = plantar_scanner_scan_finish (result, &w->error);
  w->done = TRUE;
}

/* In a worker, its progress said as it goes. */
static void
test_scanner_async (void)
{
  const char *options[] = { "test-picture=Grid", "read-limit=yes", "read-limit-size=4096", NULL };
  PlantarScanRequest request = { "test:0", 150, PLANTAR_SCAN_GREY, 0, FALSE, options };
  Waiting w = { 0 };

  plantar_scanner_scan_async (&request, NULL, progress_cb, &w, scanned_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (w.error);
  g_assert_nonnull (w.scan);
  g_assert_cmpuint (w.progress_calls, >, 1);
  g_assert_cmpfloat (w.last_fraction, ==, 1);
  plantar_scan_unref (w.scan);
}

/* Cancel in the middle of a slow scan: it stops at once, said so. */
static void
test_scanner_cancel (void)
{
  const char *options[] = { "test-picture=Grid", "read-limit=yes", "read-limit-size=1024", "read-delay=yes",
                            "read-delay-duration=20000", NULL };
  PlantarScanRequest request = { "test:0", 300, PLANTAR_SCAN_GREY, 0, FALSE, options };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Waiting w = { cancellable };
  gint64 start = g_get_monotonic_time ();

  plantar_scanner_scan_async (&request, cancellable, progress_cb, &w, scanned_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (w.scan);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&w.error);
  /* the whole page would take over 20 s at this pace */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

/* ------------------------------------------------------------ the camera */

static gboolean
wait_frames (PlantarCamera *camera,
             guint          n)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (plantar_camera_get_n_frames (camera) < n && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
  return plantar_camera_get_n_frames (camera) >= n;
}

static void
frame_cb (PlantarCamera *camera,
          guint         *frames)
{
  (*frames)++;
}

/* A test source's frames arrive, on the main context; a capture is a scan
 * with the calibration's scale. */
static void
test_camera_frames (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarCamera) camera = plantar_camera_new ("videotestsrc is-live=true ! video/x-raw,width=320,height=240",
                                                        &error);
  g_autoptr(PlantarScan) scan = NULL;
  PlantarCameraCalibration calibration = { PLANTAR_CAMERA_SCALE, 0.5 };
  guint frames = 0, w, h;
  gsize stride;
  g_autoptr(GBytes) frame = NULL;

  g_assert_no_error (error);
  g_signal_connect (camera, "frame", G_CALLBACK (frame_cb), &frames);
  g_assert_null (plantar_camera_capture (camera, &calibration, &error));
  g_assert_error (error, PLANTAR_CAMERA_ERROR, PLANTAR_CAMERA_ERROR_NO_FRAME);
  g_clear_error (&error);
  g_assert_true (plantar_camera_start (camera, &error));
  g_assert_true (wait_frames (camera, 5));
  while (frames == 0)
    g_main_context_iteration (NULL, TRUE);
  frame = plantar_camera_get_frame (camera, &w, &h, &stride);
  g_assert_cmpuint (w, ==, 320);
  g_assert_cmpuint (h, ==, 240);
  g_assert_cmpuint (g_bytes_get_size (frame), >=, (gsize) stride * (h - 1) + w * 3);
  scan = plantar_camera_capture (camera, &calibration, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (plantar_scan_get_cell_width_mm (scan), ==, 0.5);
  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 320);
  g_assert_cmpstr (plantar_scan_get_format_id (scan), ==, "camera");
  plantar_camera_stop (camera);
}

/* A podoscope's camera under the glass, calibrated once: a capture is a
 * foot measured to its true length, the right side once mirrored. */
static void
test_camera_podoscope (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "podoscope.png", NULL);
  g_autofree char *source = NULL;
  PlantarSynthFoot foot;
  PlantarSynthPage page;
  PlantarSynthTruth truth;
  g_autoptr(PlantarScan) below = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(PlantarCamera) camera = NULL;
  g_autoptr(PlantarAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  PlantarCameraCalibration calibration = { PLANTAR_CAMERA_SCALE, 25.4 / 60 };
  guint8 *px;
  guint w;

  plantar_synth_foot_init (&foot, PLANTAR_SIDE_LEFT, 255);
  foot.heel_x_mm = 90;
  foot.heel_y_mm = 270;
  plantar_synth_foot_truth (&foot, &truth);
  plantar_synth_page_init (&page);
  page.width_mm = 180;
  page.height_mm = 300;
  page.dpi = 60;
  page.dark_on_light = FALSE;
  below = plantar_synth_render_page (&page, &foot, 1, &error);
  g_assert_no_error (error);
  /* seen from below the glass: mirrored */
  w = plantar_scan_get_width (below);
  px = plantar_scan_get_pixels_mutable (below);
  for (guint y = 0; y < plantar_scan_get_height (below); y++)
    for (guint x = 0; x < w / 2; x++)
      {
        guint8 t = px[y * w + x];
        px[y * w + x] = px[y * w + w - 1 - x];
        px[y * w + w - 1 - x] = t;
      }
  g_assert_true (plantar_scan_save_png (below, path, &error));

  source = g_strdup_printf ("filesrc location=\"%s\" ! pngdec ! imagefreeze is-live=true", path);
  camera = plantar_camera_new (source, &error);
  g_assert_no_error (error);
  plantar_camera_set_mirror (camera, TRUE);
  g_assert_true (plantar_camera_start (camera, &error));
  g_assert_true (wait_frames (camera, 2));
  scan = plantar_camera_capture (camera, &calibration, &error);
  g_assert_no_error (error);
  analysis = plantar_analyze (scan, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (analysis->feet->len, ==, 1);
  g_assert_cmpint (((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->side, ==, PLANTAR_SIDE_LEFT);
  g_assert_cmpfloat (fabs (((PlantarFoot *) g_ptr_array_index (analysis->feet, 0))->foot_length_mm -
                           truth.foot_length_mm), <, 3);
  plantar_camera_stop (camera);
  plantar_test_rm_rf (dir);
}

static void
test_camera_errors (void)
{
  g_autoptr(GError) error = NULL;
  PlantarCameraCalibration c;
  g_autofree char *text = NULL;
  PlantarCameraCalibration sheet = { PLANTAR_CAMERA_SHEET, 0, { { 10, 300, 310, 5 }, { 8, 12, 400, 390 }, 210, 297 } };

  g_assert_null (plantar_camera_new ("nosuchsourceatall", &error));
  g_assert_error (error, PLANTAR_CAMERA_ERROR, PLANTAR_CAMERA_ERROR_PIPELINE);
  g_clear_error (&error);

  text = plantar_camera_calibration_to_string (&sheet);
  g_assert_true (plantar_camera_calibration_parse (text, &c, &error));
  g_assert_cmpint (c.kind, ==, PLANTAR_CAMERA_SHEET);
  g_assert_true (plantar_sheet_equal (&c.sheet, &sheet.sheet));
  g_assert_false (plantar_camera_calibration_parse ("{\"kind\": \"scale\", \"mm_per_px\": -3}", &c, &error));
  g_assert_error (error, PLANTAR_CAMERA_ERROR, PLANTAR_CAMERA_ERROR_CALIBRATION);
  g_assert_cmpint (c.kind, ==, PLANTAR_CAMERA_UNCALIBRATED);
  g_clear_error (&error);
  g_assert_false (plantar_camera_calibration_parse ("{not json", &c, &error));
}

/* ------------------------------------------------------------ the folder */

typedef struct {
  GPtrArray *paths;      /* what was read, in order */
  GPtrArray *failed;
  guint      n_scans;    /* scans in the last file */
} Watched;

static void
watch_scans_cb (PlantarWatch *watch,
                const char   *path,
                GPtrArray    *scans,
                Watched      *w)
{
  g_ptr_array_add (w->paths, g_path_get_basename (path));
  w->n_scans = scans->len;
}

static void
watch_failed_cb (PlantarWatch *watch,
                 const char   *path,
                 const GError *error,
                 Watched      *w)
{
  g_autofree char *name = g_path_get_basename (path);

  g_ptr_array_add (w->failed, g_strdup_printf ("%s: %s", name, error->message));
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static PlantarWatch *
watch_folder_full (const char        *dir,
                   PlantarWatchFlags  flags,
                   Watched           *w)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  PlantarWatch *watch = plantar_watch_new_full (folder, NULL, flags, &error);

  g_assert_no_error (error);
  plantar_watch_set_settle (watch, 400);
  w->paths = g_ptr_array_new_with_free_func (g_free);
  w->failed = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (watch, "scans", G_CALLBACK (watch_scans_cb), w);
  g_signal_connect (watch, "failed", G_CALLBACK (watch_failed_cb), w);
  return watch;
}

static PlantarWatch *
watch_folder (const char *dir,
              Watched    *w)
{
  return watch_folder_full (dir, PLANTAR_WATCH_DEFAULT, w);
}

/* A plate export written in three pieces, a moment apart: read once,
 * whole, after the last. */
static void
test_watch_pieces (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "export.lst", NULL);
  g_autoptr(GBytes) fixture = plantar_test_read_fixture ("novel-emed-walk.lst");
  Watched w = { 0 };
  g_autoptr(PlantarWatch) watch = watch_folder (dir, &w);
  gsize size;
  const guint8 *data = g_bytes_get_data (fixture, &size);
  FILE *f = fopen (path, "wb");

  for (guint piece = 0; piece < 3; piece++)
    {
      gsize from = size * piece / 3, to = size * (piece + 1) / 3;
      fwrite (data + from, 1, to - from, f);
      fflush (f);
      spin (250);
      g_assert_cmpuint (w.paths->len, ==, 0);
      g_assert_cmpuint (w.failed->len, ==, 0);
    }
  fclose (f);
  spin (1200);
  g_assert_cmpuint (w.failed->len, ==, 0);
  g_assert_cmpuint (w.paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (w.paths, 0), ==, "export.lst");
  g_assert_cmpuint (w.n_scans, ==, 1);
  /* nothing more happens: it is not read again */
  spin (800);
  g_assert_cmpuint (w.paths->len, ==, 1);
  g_ptr_array_unref (w.paths);
  g_ptr_array_unref (w.failed);
  plantar_test_rm_rf (dir);
}

/* Written under a temporary name and renamed; a file that is no scan is
 * said once, and the watch goes on; a file written anew is read anew. */
static void
test_watch_rename_and_failures (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *tmp = g_build_filename (dir, "walk.csv.part", NULL);
  g_autofree char *csv = g_build_filename (dir, "walk.csv", NULL);
  g_autofree char *junk = g_build_filename (dir, "notes.txt", NULL);
  Watched w = { 0 };
  g_autoptr(PlantarWatch) watch = watch_folder (dir, &w);
  const char *grid = "# cell_mm: 5\n0,1,2\n3,4,5\n";

  g_assert_true (g_file_set_contents (tmp, grid, -1, NULL));
  spin (600);
  g_assert_cmpuint (w.paths->len, ==, 0);
  g_assert_cmpint (g_rename (tmp, csv), ==, 0);
  g_assert_true (g_file_set_contents (junk, "\x01\x02 not a scan \x03", -1, NULL));
  spin (1200);
  g_assert_cmpuint (w.paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (w.paths, 0), ==, "walk.csv");
  g_assert_cmpuint (w.failed->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (w.failed, 0), "notes.txt"));

  /* the plate's software writes the same file again */
  g_usleep (20000);
  g_assert_true (g_file_set_contents (csv, "# cell_mm: 5\n9,9\n9,9\n", -1, NULL));
  spin (1200);
  g_assert_cmpuint (w.paths->len, ==, 2);
  g_assert_cmpuint (w.failed->len, ==, 1);
  g_ptr_array_unref (w.paths);
  g_ptr_array_unref (w.failed);
  plantar_test_rm_rf (dir);
}

/* A shared folder another computer writes into: the kernel says nothing,
 * the listing finds what is new. What was there before is left alone
 * until it is written anew. */
static void
test_watch_listing (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *old = plantar_test_write (dir, "yesterday.csv", "# cell_mm: 5\n1,1\n1,1\n", -1);
  g_autofree char *csv = g_build_filename (dir, "today.csv", NULL);
  Watched w = { 0 };
  g_autoptr(PlantarWatch) watch = NULL;
  struct utimbuf past = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };

  g_assert_cmpint (utime (old, &past), ==, 0);
  watch = watch_folder_full (dir, PLANTAR_WATCH_LISTING_ONLY, &w);
  plantar_watch_set_listing (watch, 200);
  spin (700);
  g_assert_cmpuint (w.paths->len, ==, 0);
  g_assert_true (g_file_set_contents (csv, "# cell_mm: 5\n0,1,2\n3,4,5\n", -1, NULL));
  spin (1500);
  g_assert_cmpuint (w.paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (w.paths, 0), ==, "today.csv");
  g_assert_true (g_file_set_contents (old, "# cell_mm: 5\n2,2\n2,2\n", -1, NULL));
  spin (1500);
  g_assert_cmpuint (w.paths->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (w.paths, 1), ==, "yesterday.csv");
  g_assert_cmpuint (w.failed->len, ==, 0);
  g_ptr_array_unref (w.paths);
  g_ptr_array_unref (w.failed);
  plantar_test_rm_rf (dir);
}

static void
test_watch_not_folder (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *file = plantar_test_write (dir, "f.csv", "1,2\n", -1);
  g_autoptr(GFile) gfile = g_file_new_for_path (file);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/plantar/folder");
  g_autoptr(GError) error = NULL;

  g_assert_null (plantar_watch_new (gfile, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);
  g_assert_null (plantar_watch_new (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  plantar_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* SANE's test backend, and nothing else, before SANE starts */
  sane_dir = plantar_test_sane_config ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capture/scanner/list", test_scanner_list);
  g_test_add_func ("/capture/scanner/grid", test_scanner_grid);
  g_test_add_func ("/capture/scanner/16-bit", test_scanner_16_bit);
  g_test_add_func ("/capture/scanner/hand-scanner", test_scanner_hand);
  g_test_add_func ("/capture/scanner/colour", test_scanner_colour);
  g_test_add_func ("/capture/scanner/errors", test_scanner_errors);
  g_test_add_func ("/capture/scanner/async", test_scanner_async);
  g_test_add_func ("/capture/scanner/cancel", test_scanner_cancel);
  g_test_add_func ("/capture/camera/frames", test_camera_frames);
  g_test_add_func ("/capture/camera/podoscope", test_camera_podoscope);
  g_test_add_func ("/capture/camera/errors", test_camera_errors);
  g_test_add_func ("/capture/watch/pieces", test_watch_pieces);
  g_test_add_func ("/capture/watch/rename-and-failures", test_watch_rename_and_failures);
  g_test_add_func ("/capture/watch/listing", test_watch_listing);
  g_test_add_func ("/capture/watch/not-a-folder", test_watch_not_folder);

  status = g_test_run ();
  plantar_test_rm_rf (sane_dir);
  g_free (sane_dir);
  return status;
}

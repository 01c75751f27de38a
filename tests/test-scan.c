/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "plantar-error.h"
#include "plantar-import.h"
#include "plantar-scan.h"
#include "plantar-scale-memory.h"
#include "plantar-scan-io.h"
#include "plantar-test-util.h"

static void
test_sizes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) ok = NULL;

  /* refused before allocating: either side over 16384, or over 4 GiB */
  g_assert_false (plantar_scan_check_size (16385, 10, 1, 4, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "16385"));
  g_clear_error (&error);

  g_assert_false (plantar_scan_check_size (16384, 16384, 5, 4, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "4 GiB"));
  g_clear_error (&error);

  g_assert_true (plantar_scan_check_size (16384, 16384, 4, 4, &error));
  g_assert_no_error (error);

  g_assert_false (plantar_scan_check_size (100, 100, G_MAXUINT64, 4, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_false (plantar_scan_check_size (0, 10, 1, 4, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_null (plantar_scan_new_pressure (20000, 2, 1, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_TOO_LARGE);
  g_clear_error (&error);

  ok = plantar_scan_new_image (16384, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plantar_scan_get_width (ok), ==, 16384);
}

static void
test_pressure_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_scan_new_pressure (4, 3, 2, &error);
  g_autofree float *peak = NULL;
  guint8 *mask;
  double lo, hi;

  g_assert_no_error (error);
  g_assert_true (plantar_scan_is_pressure (scan));
  g_assert_cmpint (plantar_scan_get_capture_mode (scan), ==, PLANTAR_CAPTURE_DYNAMIC);
  g_assert_false (plantar_scan_has_scale (scan));
  g_assert_null (plantar_scan_get_mask (scan));
  g_assert_cmpuint (plantar_scan_count_sensors (scan), ==, 12);

  plantar_scan_get_frame_mutable (scan, 0)[5] = 100;
  plantar_scan_get_frame_mutable (scan, 1)[5] = 50;
  plantar_scan_get_frame_mutable (scan, 1)[6] = 70;
  plantar_scan_get_frame_mutable (scan, 1)[0] = 900;
  mask = plantar_scan_ensure_mask (scan);
  mask[0] = 0;   /* no sensor there: its value does not count */

  peak = plantar_scan_compute_peak (scan);
  g_assert_cmpfloat (peak[5], ==, 100);
  g_assert_cmpfloat (peak[6], ==, 70);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 1, 2, 1), ==, 70);
  g_assert_cmpuint (plantar_scan_count_sensors (scan), ==, 11);
  g_assert_cmpuint (plantar_scan_count_active (scan), ==, 2);
  plantar_scan_get_value_range (scan, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 100);
  g_assert_false (plantar_scan_cell_present (scan, 0, 0));
  g_assert_true (plantar_scan_cell_present (scan, 1, 0));
  g_assert_false (plantar_scan_cell_present (scan, 4, 0));

  plantar_scan_set_frame_ms (scan, 10);
  g_assert_cmpfloat (plantar_scan_get_frame_time_ms (scan, 1), ==, 10);
  plantar_scan_set_frame_time_ms (scan, 1, 12.5);
  g_assert_cmpfloat (plantar_scan_get_frame_time_ms (scan, 1), ==, 12.5);
  g_assert_cmpfloat (plantar_scan_get_frame_time_ms (scan, 0), ==, 0);

  plantar_scan_add_warning (scan, "one %d", 1);
  g_assert_cmpuint (plantar_scan_get_n_warnings (scan), ==, 1);
  g_assert_cmpstr (plantar_scan_get_warning (scan, 0), ==, "one 1");
}

static void
test_calibration (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_scan_new_image (1240, 1754, &error);

  g_assert_false (plantar_scan_has_scale (scan));

  /* a 100 mm ruler across 500 pixels */
  g_assert_true (plantar_scan_calibrate_two_points (scan, 100, 200, 400, 600, 100, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 0.2, 1e-12);

  g_assert_false (plantar_scan_calibrate_two_points (scan, 10, 10, 12, 11, 50, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION);
  g_clear_error (&error);
  g_assert_false (plantar_scan_calibrate_two_points (scan, 10, 10, 500, 11, -3, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION);
  g_clear_error (&error);
  /* a failed calibration keeps the previous scale */
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 0.2, 1e-12);

  /* A4 at 150 dpi: 1240 × 1754 pixels */
  g_assert_true (plantar_scan_calibrate_paper (scan, 210, 297, &error));
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 25.4 / 150, 0.001);
  /* the proportions of US Letter are not those of this image */
  g_assert_false (plantar_scan_calibrate_paper (scan, 215.9, 279.4, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION);
}

static void
test_grid_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_scan_new_pressure (3, 2, 2, &error);
  g_autoptr(PlantarScan) back = NULL;
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "grid.csv", NULL);

  plantar_scan_set_cell_size (scan, 5.08, 7.62);
  plantar_scan_set_frame_ms (scan, 10);
  plantar_scan_set_side (scan, PLANTAR_SIDE_LEFT);
  plantar_scan_get_frame_mutable (scan, 1)[4] = 123.45f;
  plantar_scan_ensure_mask (scan)[2] = 0;
  g_assert_true (plantar_scan_save_grid (scan, path, &error));
  g_assert_no_error (error);

  back = plantar_test_import_one (path, NULL);
  g_assert_cmpuint (plantar_scan_get_n_frames (back), ==, 2);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (back), 5.08, 1e-9);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_height_mm (back), 7.62, 1e-9);
  g_assert_cmpfloat (plantar_scan_get_frame_ms (back), ==, 10);
  g_assert_cmpint (plantar_scan_get_side (back), ==, PLANTAR_SIDE_LEFT);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_frame (back, 1)[4], 123.45, 1e-4);
  g_assert_false (plantar_scan_cell_present (back, 2, 0));
  g_assert_false (plantar_scan_get_units_assumed (back));
  plantar_test_rm_rf (dir);
}

static void
test_png_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_scan_new_image (31, 17, &error);
  g_autoptr(PlantarScan) back = NULL;
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "print.png", NULL);
  guint8 *px = plantar_scan_get_pixels_mutable (scan);

  for (guint i = 0; i < 31 * 17; i++)
    px[i] = (i * 7) & 0xff;
  plantar_scan_set_cell_size (scan, 25.4 / 300, 25.4 / 300);
  g_assert_true (plantar_scan_save_png (scan, path, &error));
  g_assert_no_error (error);

  back = plantar_test_import_one (path, NULL);
  g_assert_cmpmem (plantar_scan_get_pixels (back), 31 * 17, px, 31 * 17);
  /* pHYs holds whole pixels per metre: 11811 for 300 dpi */
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (back), 25.4 / 300, 1e-5);
  plantar_test_rm_rf (dir);
}

/* A grid whose units were assumed is told what they were, once. */
static void
test_set_units (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("1,2\n3,4\n", 8);
  g_autoptr(GPtrArray) scans = plantar_import_bytes (bytes, "grid.csv", NULL, &error);
  PlantarScan *scan = g_ptr_array_index (scans, 0);

  g_assert_true (plantar_scan_get_units_assumed (scan));
  g_assert_false (plantar_scan_set_units (scan, "furlongs", &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_UNITS);
  g_clear_error (&error);

  g_assert_true (plantar_scan_set_units (scan, "N/cm2", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 0, 1, 1), ==, 40);
  g_assert_cmpstr (plantar_scan_get_original_units (scan), ==, "N/cm²");
  g_assert_false (plantar_scan_get_units_assumed (scan));

  /* stated now: not converted twice */
  g_assert_false (plantar_scan_set_units (scan, "N/cm2", &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_UNITS);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 0, 1, 1), ==, 40);
}

/* A scale given by hand is remembered by the scan's content, whatever its
 * file is called; the store is the user's alone and hand edits are
 * checked. */
static void
test_scale_memory (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *store = g_build_filename (dir, "plantar", "scales.ini", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) a = plantar_scan_new_image (40, 30, &error);
  g_autoptr(PlantarScan) same = plantar_scan_new_image (40, 30, &error);
  g_autoptr(PlantarScan) other = plantar_scan_new_image (40, 30, &error);
  g_autofree char *da = NULL, *dsame = NULL, *dother = NULL;
  double w = 0, h = 0;
  GStatBuf st;

  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  memset (plantar_scan_get_pixels_mutable (a), 200, 40 * 30);
  memset (plantar_scan_get_pixels_mutable (same), 200, 40 * 30);
  memset (plantar_scan_get_pixels_mutable (other), 200, 40 * 30);
  plantar_scan_get_pixels_mutable (other)[17] = 12;
  da = plantar_scan_content_digest (a);
  dsame = plantar_scan_content_digest (same);
  dother = plantar_scan_content_digest (other);
  g_assert_cmpuint (strlen (da), ==, 64);
  g_assert_cmpstr (da, ==, dsame);
  g_assert_cmpstr (da, !=, dother);

  g_assert_false (plantar_scale_memory_lookup (da, &w, &h));
  g_assert_true (plantar_scale_memory_store (da, 0.1693, 0.1701, &error));
  g_assert_no_error (error);
  g_assert_true (plantar_scale_memory_lookup (dsame, &w, &h));
  g_assert_cmpfloat (w, ==, 0.1693);
  g_assert_cmpfloat (h, ==, 0.1701);
  g_assert_false (plantar_scale_memory_lookup (dother, &w, &h));
  g_assert_cmpint (g_stat (store, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* forgotten when undone */
  g_assert_true (plantar_scale_memory_forget (da, &error));
  g_assert_false (plantar_scale_memory_lookup (da, &w, &h));

  /* a hand-edited absurd or garbled scale is not used */
  {
    g_autofree char *text = g_strdup_printf ("[scan %s]\ncell-width-mm=-3\ncell-height-mm=0.2\n"
                                             "[scan %s]\ncell-width-mm=nan\ncell-height-mm=zz\n", da, dother);
    g_assert_true (g_file_set_contents (store, text, -1, &error));
    g_assert_false (plantar_scale_memory_lookup (da, &w, &h));
    g_assert_false (plantar_scale_memory_lookup (dother, &w, &h));
    g_assert_true (g_file_set_contents (store, "\x01\x02 not a key file [[[", -1, &error));
    g_assert_false (plantar_scale_memory_lookup (da, &w, &h));
    g_assert_true (plantar_scale_memory_store (da, 0.2, 0.2, &error));
    g_assert_true (plantar_scale_memory_lookup (da, &w, &h));
  }
  g_unsetenv ("XDG_DATA_HOME");
  plantar_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scan/sizes", test_sizes);
  g_test_add_func ("/scan/pressure-model", test_pressure_model);
  g_test_add_func ("/scan/calibration", test_calibration);
  g_test_add_func ("/scan/scale-memory", test_scale_memory);
  g_test_add_func ("/scan/grid-roundtrip", test_grid_roundtrip);
  g_test_add_func ("/scan/png-roundtrip", test_png_roundtrip);
  g_test_add_func ("/scan/set-units", test_set_units);
  return g_test_run ();
}

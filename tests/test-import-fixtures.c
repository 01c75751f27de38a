/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "plantar-test-util.h"

/* Every real vendor export in ../shared/fixtures/pressure, read as the
 * vendor's own software wrote it. The expected values were read from the
 * files by hand (or by a separate script), not by Plantar. */

static PlantarScan *
load (const char *name)
{
  g_autofree char *path = plantar_test_fixture (name);
  return plantar_test_import_one (path, NULL);
}

static void
assert_mm (double got,
           double expected)
{
  g_assert_cmpfloat_with_epsilon (got, expected, 1e-6);
}

static void
test_tekscan (void)
{
  g_autoptr(PlantarScan) scan = load ("tekscan-fscan-FrasP01L.asf");

  g_assert_cmpstr (plantar_scan_get_format_id (scan), ==, "tekscan");
  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 21);
  g_assert_cmpuint (plantar_scan_get_height (scan), ==, 60);
  g_assert_cmpuint (plantar_scan_get_n_frames (scan), ==, 205);
  assert_mm (plantar_scan_get_cell_width_mm (scan), 5.08);
  assert_mm (plantar_scan_get_cell_height_mm (scan), 5.08);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_frame_ms (scan), 32, 1e-9);
  g_assert_cmpint (plantar_scan_get_value_kind (scan), ==, PLANTAR_VALUE_PRESSURE);
  g_assert_cmpstr (plantar_scan_get_original_units (scan), ==, "kPa");
  /* the B cells of the insole outline are not sensors: 1260 cells, 305 B */
  g_assert_cmpuint (plantar_scan_count_sensors (scan), ==, 1260 - 305);
  g_assert_false (plantar_scan_cell_present (scan, 0, 0));
  g_assert_true (plantar_scan_cell_present (scan, 10, 0));
  /* frame 31 (index 30) peaks at 636 kPa in row 54, column 10 */
  g_assert_cmpfloat (plantar_scan_get_value (scan, 30, 10, 54), ==, 636);
  g_assert_true (plantar_scan_get_in_shoe (scan));
  g_assert_cmpint (plantar_scan_get_capture_mode (scan), ==, PLANTAR_CAPTURE_DYNAMIC);
}

static void
test_emed (void)
{
  g_autoptr(PlantarScan) scan = load ("novel-emed-walk.lst");

  g_assert_cmpstr (plantar_scan_get_format_id (scan), ==, "novel-emed");
  /* the written window, columns 26–47 and rows 30–83 of the 64 × 95
   * matrix, as the file holds it; the plate goes on all round */
  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 22);
  g_assert_cmpuint (plantar_scan_get_height (scan), ==, 54);
  g_assert_cmpuint (plantar_scan_get_open_edges (scan), ==,
                    PLANTAR_EDGE_LEFT | PLANTAR_EDGE_RIGHT | PLANTAR_EDGE_TOP | PLANTAR_EDGE_BOTTOM);
  g_assert_cmpuint (plantar_scan_get_n_frames (scan), ==, 106);
  assert_mm (plantar_scan_get_cell_width_mm (scan), 5.0);
  g_assert_cmpfloat (plantar_scan_get_frame_ms (scan), ==, 10);
  /* page 50, row 76: columns 28, 29, 30 hold 230, 235, 250; the row's
   * Force column is dropped */
  g_assert_cmpfloat (plantar_scan_get_value (scan, 49, 28 - 26, 76 - 30), ==, 230);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 49, 29 - 26, 76 - 30), ==, 235);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 49, 30 - 26, 76 - 30), ==, 250);
  /* the last column written, 47, is the window's last */
  g_assert_cmpfloat (plantar_scan_get_value (scan, 49, 47 - 26, 76 - 30), ==, 0);
}

static void
test_pliance (void)
{
  g_autoptr(PlantarScan) scan = load ("novel-pliance-mat.asc");

  g_assert_cmpstr (plantar_scan_get_format_id (scan), ==, "novel-pliance");
  /* 812 sensors of 5.28 × 10.28 mm laid out in 28 columns and 29 rows */
  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 28);
  g_assert_cmpuint (plantar_scan_get_height (scan), ==, 29);
  g_assert_cmpuint (plantar_scan_count_sensors (scan), ==, 812);
  assert_mm (plantar_scan_get_cell_width_mm (scan), 5.28);
  assert_mm (plantar_scan_get_cell_height_mm (scan), 10.28);
  g_assert_cmpuint (plantar_scan_get_n_frames (scan), ==, 281);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_frame_ms (scan), 41.67, 1e-9);
  /* at 11.66667 s (frame 141) sensor 166, centred at (2.904, 27.242) cm,
   * carries 73.333 kPa: column 5, row 2 counted from the top */
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_value (scan, 141, 5, 2), 73.333, 1e-3);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_frame_time_ms (scan, 141), (11.66667 - 5.79167) * 1000, 1e-6);
}

static void
test_zebris (void)
{
  g_autoptr(PlantarScan) scan = load ("zebris-fdmt-treadmill-walk.txt.gz");

  g_assert_cmpstr (plantar_scan_get_format_id (scan), ==, "zebris-fdm");
  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 128);
  g_assert_cmpuint (plantar_scan_get_height (scan), ==, 56);
  g_assert_cmpuint (plantar_scan_get_n_frames (scan), ==, 1472);
  assert_mm (plantar_scan_get_cell_width_mm (scan), 8.47);
  assert_mm (plantar_scan_get_cell_height_mm (scan), 8.46);
  g_assert_cmpfloat (plantar_scan_get_frame_ms (scan), ==, 10);
  g_assert_cmpfloat (plantar_scan_get_frame_time_ms (scan, 499), ==, 4990);
  /* frame 500: 15.5 N/cm² in y28, x103 is 155 kPa */
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_value (scan, 499, 102, 27), 155, 1e-4);
  g_assert_cmpstr (plantar_scan_get_original_units (scan), ==, "N/cm²");
  g_assert_cmpstr (plantar_scan_get_subject (scan), ==, "nor, mal");
}

static void
test_pedcad (void)
{
  g_autoptr(PlantarScan) scan = load ("zebris-pedcad-walk.apd");

  g_assert_cmpstr (plantar_scan_get_format_id (scan), ==, "pedcad");
  /* 32 lines along the plate (SensCountX) of 15 values across (SensCountY),
   * as the file holds them: a window of a 353 × 64 plate starting at
   * (233, 8), which goes on all round it */
  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 15);
  g_assert_cmpuint (plantar_scan_get_height (scan), ==, 32);
  g_assert_cmpuint (plantar_scan_get_open_edges (scan), ==,
                    PLANTAR_EDGE_LEFT | PLANTAR_EDGE_RIGHT | PLANTAR_EDGE_TOP | PLANTAR_EDGE_BOTTOM);
  g_assert_cmpuint (plantar_scan_get_n_frames (scan), ==, 1);
  assert_mm (plantar_scan_get_cell_width_mm (scan), 8.46591);
  /* "-1 -1 1.0 3.0 ...": no sensor, then 1.0 N/cm² = 10 kPa */
  g_assert_false (plantar_scan_cell_present (scan, 0, 0));
  g_assert_false (plantar_scan_cell_present (scan, 1, 0));
  g_assert_cmpfloat (plantar_scan_get_value (scan, 0, 2, 0), ==, 10);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 0, 3, 0), ==, 30);
  g_assert_cmpstr (plantar_scan_get_subject (scan), ==, "M D");
  /* the 244 sensors with a value are all loaded */
  g_assert_cmpuint (plantar_scan_count_active (scan), ==, 244);
  g_assert_cmpuint (plantar_scan_count_sensors (scan), ==, 244);
}

static void
test_footscan (void)
{
  g_autoptr(PlantarScan) scan = load ("footscan-rolloff-dog.txt.gz");
  double kpa_per_newton = 1000.0 / (5.08 * 7.62);

  g_assert_cmpstr (plantar_scan_get_format_id (scan), ==, "footscan");
  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 63);
  g_assert_cmpuint (plantar_scan_get_height (scan), ==, 256);
  g_assert_cmpuint (plantar_scan_get_n_frames (scan), ==, 249);
  assert_mm (plantar_scan_get_cell_width_mm (scan), 5.08);
  assert_mm (plantar_scan_get_cell_height_mm (scan), 7.62);
  /* frame 100 (793.65 ms): 9.4 N on one sensor of 5.08 × 7.62 mm */
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_value (scan, 100, 57, 96), 9.4 * kpa_per_newton, 1e-3);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_frame_time_ms (scan, 100), 793.65, 1e-9);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_frame_ms (scan), 7.94, 0.01);
}

static void
test_xsensor (void)
{
  g_autofree char *path = plantar_test_fixture ("xsensor-x4.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_import_file (path, NULL, &error);
  PlantarScan *left, *right;

  g_assert_no_error (error);
  g_assert_cmpuint (scans->len, ==, 2);
  left = g_ptr_array_index (scans, 0);
  right = g_ptr_array_index (scans, 1);

  g_assert_cmpstr (plantar_scan_get_format_id (left), ==, "xsensor");
  g_assert_cmpint (plantar_scan_get_side (left), ==, PLANTAR_SIDE_LEFT);
  g_assert_cmpint (plantar_scan_get_side (right), ==, PLANTAR_SIDE_RIGHT);
  g_assert_cmpstr (plantar_scan_get_sensor_name (right), ==, "HX210.11.31.M11-DFM-RF S0073");
  for (guint i = 0; i < 2; i++)
    {
      PlantarScan *s = g_ptr_array_index (scans, i);
      g_assert_cmpuint (plantar_scan_get_width (s), ==, 11);
      g_assert_cmpuint (plantar_scan_get_height (s), ==, 31);
      g_assert_cmpuint (plantar_scan_get_n_frames (s), ==, 101);
      assert_mm (plantar_scan_get_cell_width_mm (s), 8.6);
      g_assert_true (plantar_scan_get_in_shoe (s));
    }
  /* frame 1464, left insole, row 2: "0,0,0,0,0,107.87,..." mmHg */
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_value (left, 0, 5, 1), 107.87 * 0.133322, 1e-3);
  g_assert_cmpstr (plantar_scan_get_original_units (left), ==, "mmHg");
}

static void
test_mun104 (void)
{
  g_autofree char *path = plantar_test_fixture ("mun104-template-left.csv");
  g_autoptr(PlantarScan) scan = plantar_test_import_one (path, NULL);
  g_autoptr(PlantarScan) scaled = NULL;
  PlantarImportOptions options = { 0 };

  g_assert_cmpstr (plantar_scan_get_format_id (scan), ==, "grid");
  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 27);
  g_assert_cmpuint (plantar_scan_get_height (scan), ==, 63);
  /* the file says neither the cell size nor the units */
  g_assert_false (plantar_scan_has_scale (scan));
  g_assert_true (plantar_scan_get_units_assumed (scan));
  g_assert_cmpuint (plantar_scan_get_n_warnings (scan), ==, 2);

  options.cell_width_mm = options.cell_height_mm = 5;
  options.units = "N/cm2";
  scaled = plantar_test_import_one (path, &options);
  assert_mm (plantar_scan_get_cell_width_mm (scaled), 5);
  g_assert_false (plantar_scan_get_units_assumed (scaled));
  g_assert_cmpfloat (plantar_scan_get_value (scaled, 0, 15, 4), ==, 10 * plantar_scan_get_value (scan, 0, 15, 4));
}

static void
test_pedar_refused (void)
{
  g_autofree char *path = plantar_test_fixture ("novel-pedar-insole.asc");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_import_file (path, NULL, &error);

  g_assert_null (scans);
  g_assert_error (error, PLANTAR_IMPORT_ERROR, PLANTAR_IMPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "pedar"));
  g_assert_nonnull (strstr (error->message, "in-shoe"));
  /* the true reason: the export names its sensors, it does not place them */
  g_assert_nonnull (strstr (error->message, "not where the sensor lies"));
  g_assert_nonnull (strstr (error->message, "XSENSOR"));
}

/* Recognised by content: every fixture still reads under a misleading name,
 * and a gzip-compressed copy reads the same. */
static void
test_by_content (void)
{
  const char *names[] = {
    "tekscan-fscan-FrasP01L.asf", "novel-emed-walk.lst", "novel-pliance-mat.asc",
    "zebris-pedcad-walk.apd", "xsensor-x4.csv", "mun104-template-left.csv",
  };
  g_autofree char *dir = plantar_test_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) bytes = plantar_test_read_fixture (names[i]);
      g_autofree char *misnamed = plantar_test_write (dir, "scan.png", g_bytes_get_data (bytes, NULL),
                                                      g_bytes_get_size (bytes));
      g_autofree char *original = plantar_test_fixture (names[i]);
      g_autoptr(GPtrArray) a = plantar_import_file (original, NULL, NULL);
      g_autoptr(GPtrArray) b = plantar_import_file (misnamed, NULL, NULL);
      g_autoptr(GZlibCompressor) gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
      g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_bytes (bytes);
      g_autoptr(GInputStream) zin = g_converter_input_stream_new (mem, G_CONVERTER (gz));
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autoptr(GBytes) compressed = NULL;
      g_autoptr(GPtrArray) c = NULL;
      PlantarScan *sa, *sb, *sc;

      g_output_stream_splice (out, zin, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL);
      compressed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
      c = plantar_import_bytes (compressed, "scan.txt", NULL, NULL);

      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_nonnull (c);
      sa = g_ptr_array_index (a, 0);
      sb = g_ptr_array_index (b, 0);
      sc = g_ptr_array_index (c, 0);
      g_assert_cmpstr (plantar_scan_get_format_id (sa), ==, plantar_scan_get_format_id (sb));
      g_assert_cmpstr (plantar_scan_get_format_id (sa), ==, plantar_scan_get_format_id (sc));
      g_assert_cmpuint (plantar_scan_get_n_frames (sa), ==, plantar_scan_get_n_frames (sc));
      g_assert_cmpmem (plantar_scan_get_frame (sa, 0),
                       plantar_scan_get_width (sa) * plantar_scan_get_height (sa) * sizeof (float),
                       plantar_scan_get_frame (sc, 0),
                       plantar_scan_get_width (sc) * plantar_scan_get_height (sc) * sizeof (float));
    }
  plantar_test_rm_rf (dir);
}

static void
test_detect (void)
{
  const PlantarFormatInfo *info;
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0 };
  static const char grid[] = "1,2,3\n4,5,6\n";

  info = plantar_import_detect (png, sizeof png);
  g_assert_cmpstr (info->id, ==, "png");
  info = plantar_import_detect ((const guint8 *) grid, strlen (grid));
  g_assert_cmpstr (info->id, ==, "grid");
  g_assert_null (plantar_import_detect ((const guint8 *) "hello world\n", 12));
}

typedef struct {
  GMainLoop *loop;
  GPtrArray *scans;
  GError    *error;
} AsyncData;

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncData *data = user_data;

  data->scans = plantar_import_file_finish (result, &data->error);
  g_main_loop_quit (data->loop);
}

/* The window imports in a worker thread: same scans, and errors come back. */
static void
test_async (void)
{
  g_autofree char *path = plantar_test_fixture ("novel-emed-walk.lst");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/scan.csv");
  AsyncData data = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  PlantarImportOptions options = { 0 };

  options.units = "N/cm2";   /* copied: the caller's string may go away */
  plantar_import_file_async (file, &options, NULL, imported_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_cmpuint (data.scans->len, ==, 1);
  g_assert_cmpuint (plantar_scan_get_n_frames (g_ptr_array_index (data.scans, 0)), ==, 106);
  g_clear_pointer (&data.scans, g_ptr_array_unref);

  plantar_import_file_async (missing, NULL, NULL, imported_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_null (data.scans);
  g_assert_error (data.error, PLANTAR_IMPORT_ERROR, PLANTAR_IMPORT_ERROR_IO);
  g_assert_nonnull (strstr (data.error->message, "scan.csv"));
  g_clear_error (&data.error);
  g_main_loop_unref (data.loop);
}

/* A grid that says its first row is the plate's bottom (plotted with the
 * origin at the lower left) is turned the right way up. */
static void
test_grid_origin (void)
{
  const char *text[] = { "# origin: bottom-left\n1,2\n3,4\n", "# rows: bottom-up\n1,2\n3,4\n",
                         "# origin: top-left\n3,4\n1,2\n" };

  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) scans = plantar_test_import_bytes (text[i], strlen (text[i]), NULL, &error);
      PlantarScan *scan;

      g_assert_no_error (error);
      scan = g_ptr_array_index (scans, 0);
      g_assert_cmpfloat (plantar_scan_get_value (scan, 0, 0, 0), ==, 3);
      g_assert_cmpfloat (plantar_scan_get_value (scan, 0, 1, 1), ==, 2);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/fixtures/tekscan", test_tekscan);
  g_test_add_func ("/import/fixtures/novel-emed", test_emed);
  g_test_add_func ("/import/fixtures/novel-pliance", test_pliance);
  g_test_add_func ("/import/fixtures/zebris-fdm", test_zebris);
  g_test_add_func ("/import/fixtures/pedcad", test_pedcad);
  g_test_add_func ("/import/fixtures/footscan", test_footscan);
  g_test_add_func ("/import/fixtures/xsensor", test_xsensor);
  g_test_add_func ("/import/fixtures/grid-mun104", test_mun104);
  g_test_add_func ("/import/fixtures/pedar-refused", test_pedar_refused);
  g_test_add_func ("/import/fixtures/by-content", test_by_content);
  g_test_add_func ("/import/fixtures/detect", test_detect);
  g_test_add_func ("/import/fixtures/grid-origin", test_grid_origin);
  g_test_add_func ("/import/fixtures/async", test_async);
  return g_test_run ();
}

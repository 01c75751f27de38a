/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <zlib.h>

#include "plantar-test-util.h"

/* Bad input: every importer answers with an error naming the file, the line
 * and what was expected. Never a crash, a hang or a partial scan. */

#define E(code) PLANTAR_IMPORT_ERROR_##code

static void
expect (const char *text,
        int         code,
        const char *fragment)
{
  plantar_test_assert_import_error (text, strlen (text), code, fragment);
}

static PlantarScan *
expect_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_test_import_bytes (text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (scans->len, ==, 1);
  return plantar_scan_ref (g_ptr_array_index (scans, 0));
}

/* @text with the first @from replaced by @to */
static char *
variant (const char *text,
         const char *from,
         const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
expect_variant (const char *text,
                const char *from,
                const char *to,
                int         code,
                const char *fragment)
{
  g_autofree char *bad = variant (text, from, to);
  expect (bad, code, fragment);
}

/* ------------------------------------------------------------ anything */

static void
test_empty_and_garbage (void)
{
  guint8 garbage[4096];
  GRand *rand = g_rand_new_with_seed (3);

  expect ("", E (EMPTY), "empty");
  expect ("\n\n  \r\n\t\n", E (EMPTY), "blank");
  expect ("hello, this is a letter\nnot a scan\n", E (UNKNOWN_FORMAT), "not a format");

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = g_rand_int (rand);
  garbage[0] = 'x';
  plantar_test_assert_import_error (garbage, sizeof garbage, E (UNKNOWN_FORMAT), "binary data");
  g_rand_free (rand);
}

static void
test_gzip (void)
{
  const char *text = "# cell_mm: 5\n1,2,3\n4,5,6\n";
  guint8 packed[256];
  uLongf packed_len = sizeof packed;
  z_stream zs = { 0 };

  /* a proper gzip stream */
  deflateInit2 (&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = (Bytef *) text;
  zs.avail_in = strlen (text);
  zs.next_out = packed;
  zs.avail_out = sizeof packed;
  g_assert_cmpint (deflate (&zs, Z_FINISH), ==, Z_STREAM_END);
  packed_len = zs.total_out;
  deflateEnd (&zs);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) scans = plantar_test_import_bytes (packed, packed_len, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (plantar_scan_get_value (g_ptr_array_index (scans, 0), 0, 2, 1), ==, 6);
  }

  /* cut short */
  plantar_test_assert_import_error (packed, packed_len - 12, E (TRUNCATED), "compressed file ends early");
  /* damaged in the middle */
  packed[packed_len / 2] ^= 0x55;
  packed[packed_len / 2 + 1] ^= 0xAA;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) scans = plantar_test_import_bytes (packed, packed_len, NULL, &error);
    g_assert_null (scans);
    g_assert_error (error, PLANTAR_IMPORT_ERROR, error->code);
  }
}

static void
test_files (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (plantar_import_file (missing, NULL, &error));
  g_assert_error (error, PLANTAR_IMPORT_ERROR, PLANTAR_IMPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.csv"));
  g_clear_error (&error);

  g_assert_null (plantar_import_file (dir, NULL, &error));
  g_assert_error (error, PLANTAR_IMPORT_ERROR, PLANTAR_IMPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "folder"));
  plantar_test_rm_rf (dir);
}

/* ------------------------------------------------------------ generic grid */

static void
test_grid (void)
{
  const char *good = "# cell_mm: 5.08\n# units: N/cm2\n# frame_ms: 10\n1,2,3\n4,B,6\n\n7,8,9\n1,2,3\n";
  g_autoptr(PlantarScan) scan = expect_ok (good);
  g_autoptr(PlantarScan) euro = expect_ok ("1,5;2;3\n4;5;6,25\n");
  g_autoptr(PlantarScan) blank = expect_ok ("1 2 3\n4 5 6\n");

  g_assert_cmpuint (plantar_scan_get_n_frames (scan), ==, 2);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 1, 0, 0), ==, 70);
  g_assert_false (plantar_scan_cell_present (scan, 1, 1));
  g_assert_cmpfloat (plantar_scan_get_value (euro, 0, 0, 0), ==, 1.5);
  g_assert_cmpfloat (plantar_scan_get_value (euro, 0, 2, 1), ==, 6.25);
  g_assert_cmpuint (plantar_scan_get_width (blank), ==, 3);

  expect ("1,2,3\n4,5\n", E (RAGGED), "line 2: the row has 2 values, expected 3 (as in line 1)");
  expect ("1,2,3\n4,5,6,7\n", E (RAGGED), "expected 3");
  expect ("1,2,3\n4,nan,6\n", E (INVALID_VALUE), "line 2, column 2");
  expect ("1,2,3\n4,inf,6\n", E (INVALID_VALUE), "infinite");
  expect ("1,2,3\n4,-5,6\n", E (INVALID_VALUE), "negative pressure");
  expect ("1,2,3\n4,abc,6\n", E (PARSE), "expected a number, found “abc”");
  expect ("1,2,3\n4,,6\n", E (PARSE), "empty field");
  expect ("1,2,3\n4,5.5.5,6\n", E (PARSE), "5.5.5");
  expect ("1,2,3\n4,5,6\n\n1,2,3\n", E (RAGGED), "frame 2 has 1 rows, expected 2");
  expect ("1,2,3\n4,5,6\n7,8", E (TRUNCATED), "cut short");
  expect ("# units: furlongs\n1,2\n3,4\n", E (UNKNOWN_UNITS), "furlongs");
  expect ("# cell_mm: -4\n1,2\n3,4\n", E (INVALID_VALUE), "cell_mm");
  expect ("# frame_ms: soon\n1,2\n3,4\n", E (PARSE), "frame_ms");
  /* header numbers no plate has: refused, naming their line */
  expect ("# cell_mm: 65536\n1,2\n3,4\n", E (INVALID_VALUE), "line 1: “cell_mm” gives a sensor of 65536 mm");
  expect ("# units: kPa\n# frame_ms: inf\n1,2\n3,4\n\n1,2\n3,4\n", E (INVALID_VALUE), "line 2: “frame_ms”");
  expect ("# frame_ms: 9.2e21\n1,2\n3,4\n", E (INVALID_VALUE), "frames of 9.2e+21 ms");
  /* a file cut in its one row is not a grid one sensor deep */
  expect ("0,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21", E (TRUNCATED), "line 1: the file stops");
  expect ("# cell_mm: 5\n", E (UNKNOWN_FORMAT), NULL);
}

/* ------------------------------------------------------------ Tekscan */

static const char tekscan[] =
  "DATA_TYPE MOVIE\n"
  "ROWS 2\n"
  "COLS 3\n"
  "ROW_SPACING 5.08 mm\n"
  "COL_SPACING 5.08 mm\n"
  "SECONDS_PER_FRAME 0.01\n"
  "UNITS KPa\n"
  "START_FRAME 1\n"
  "END_FRAME 2\n"
  "ASCII_DATA @@\n"
  "\n"
  "Frame 1\n"
  "B,1,2\n"
  "3,4,5\n"
  "\n"
  "Frame 2\n"
  "B,6,7\n"
  "8,9,10\n"
  "@@\n";

static void
test_tekscan (void)
{
  g_autoptr(PlantarScan) scan = expect_ok (tekscan);
  g_autofree char *psi = variant (tekscan, "UNITS KPa", "UNITS PSI");
  g_autoptr(PlantarScan) scan_psi = expect_ok (psi);
  g_autofree char *raw = variant (tekscan, "UNITS KPa", "UNITS raw");
  g_autoptr(PlantarScan) scan_raw = expect_ok (raw);

  g_assert_cmpfloat (plantar_scan_get_value (scan, 1, 2, 1), ==, 10);
  g_assert_false (plantar_scan_cell_present (scan, 0, 0));
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_value (scan_psi, 1, 2, 1), 68.94757, 1e-4);
  g_assert_cmpint (plantar_scan_get_value_kind (scan_raw), ==, PLANTAR_VALUE_RAW);
  g_assert_cmpfloat (plantar_scan_get_value (scan_raw, 1, 2, 1), ==, 10);

  expect_variant (tekscan, "ROWS 2", "ROWS 3", E (INCONSISTENT), "ROWS");
  expect_variant (tekscan, "END_FRAME 2", "END_FRAME 3", E (INCONSISTENT), "announces 3 frames");
  expect_variant (tekscan, "END_FRAME 2", "END_FRAME 1", E (INCONSISTENT), "holds 2");
  expect_variant (tekscan, "COLS 3", "COLS 4", E (RAGGED), "COLS 4");
  expect_variant (tekscan, "3,4,5", "3,nan,5", E (INVALID_VALUE), "line 14, column 2");
  expect_variant (tekscan, "8,9,10", "8,-9,10", E (INVALID_VALUE), "line 18, column 2");
  expect_variant (tekscan, "UNITS KPa", "UNITS furlongs", E (UNKNOWN_UNITS), "line 7");
  expect_variant (tekscan, "ROWS 2\nCOLS 3", "ROWS 99999\nCOLS 3", E (TOO_LARGE), "16384");
  expect_variant (tekscan, "ROWS 2\nCOLS 3", "ROWS 16384\nCOLS 16384", E (INCONSISTENT), "more than the file");
  {
    g_autofree char *big = variant (tekscan, "ROWS 2\nCOLS 3", "ROWS 16384\nCOLS 16384");
    expect_variant (big, "END_FRAME 2", "END_FRAME 5", E (TOO_LARGE), "4 GiB");
  }
  expect_variant (tekscan, "ROWS 2", "ROWS two", E (PARSE), "“ROWS” must be a whole number");
  expect_variant (tekscan, "ROWS 2\n", "", E (PARSE), "no ROWS or COLS");
  expect_variant (tekscan, "8,9,10\n@@\n", "8,9", E (TRUNCATED), "cut short");
  expect_variant (tekscan, "Frame 2\nB,6,7\n8,9,10\n@@\n", "Frame 2\nB,6,7\n", E (TRUNCATED), "ends in frame 2");
  expect_variant (tekscan, "\nFrame 1\nB,1,2\n3,4,5\n\nFrame 2\nB,6,7\n8,9,10\n@@\n", "\n", E (TRUNCATED), "no “Frame”");
}

/* ------------------------------------------------------------ novel emed */

static const char emed[] =
  "\n\t\t\t\tPage 1\n\n"
  "\tFile: C:\\x.dat \tMatrix: 64x95 \n"
  "\tSensor area: 0.25 cm\xb2\tTime/picture:10.0 ms\n"
  "\tSensor size: 0.500x0.500 cm\n"
  "\tPict-No.: 1  Force[N]=sum*sensor_area in row/column\n\n"
  "\t26\t27\t28\tForce\n"
  "30\t0.00\t5.00\t10.00\t0.38\n"
  "31\t15.00\t20.00\t25.00\t1.50\n"
  "Force\t0.38\t0.63\t0.88\t1.88\n"
  "\f\n";

static void
test_emed (void)
{
  g_autoptr(PlantarScan) scan = expect_ok (emed);

  /* columns 26–28, rows 30–31 of the matrix, as written */
  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 3);
  g_assert_cmpuint (plantar_scan_get_height (scan), ==, 2);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 0, 2, 1), ==, 25);

  expect_variant (emed, "31\t15.00\t20.00\t25.00\t1.50", "31\t15.00\t20.00\t1.50", E (RAGGED), "expected 4");
  expect_variant (emed, "\t26\t27\t28\tForce", "\t66\t67\t68\tForce", E (INCONSISTENT), "64-column matrix");
  expect_variant (emed, "Matrix: 64x95", "Matrix: 64000x95000", E (TOO_LARGE), "16384");
  expect_variant (emed, "Matrix: 64x95", "Matrix: big", E (PARSE), "matrix size");
  expect_variant (emed, "20.00", "NaN", E (INVALID_VALUE), "line 11, column 3");
  expect_variant (emed, "\t26\t27\t28", "\t26\t28\t29", E (INCONSISTENT), "follow each other");
  expect_variant (emed, "Force\t0.38\t0.63\t0.88\t1.88\n\f\n", "", E (TRUNCATED), "before its “Force” row");
  expect_variant (emed, "Pict-No.: 1", "MVP", E (EMPTY), "Pict-No");
}

/* ------------------------------------------------------------ novel pliance */

static const char pliance[] =
  "file name: x.mat date/time 17.06.23 15.21\n"
  "mat type s2160_001\n"
  "total times [secs]: 0.1 time per frame [secs]: 0.05 scanning rate [Hz]: 20\n"
  "pressure values in kPa\n\n"
  "time[secs]   1   2   3\n"
  "  0.05   1.0   2.0   3.0\n"
  "  0.10   4.0   5.0   6.0\n"
  "   MPP   4.0   5.0   6.0\n\n"
  "sensor   1   2   3\n"
  "corner[cm]\n"
  "x[0]  0.0  0.5  0.0\n"
  "y[0]  2.0  2.0  1.0\n"
  "x[1]  0.0  0.5  0.0\n"
  "y[1]  1.0  1.0  0.0\n"
  "x[2]  0.5  1.0  0.5\n"
  "y[2]  1.0  1.0  0.0\n"
  "x[3]  0.5  1.0  0.5\n"
  "y[3]  2.0  2.0  1.0\n"
  "x[c]  0.25  0.75  0.25\n"
  "y[c]  1.5  1.5  0.5\n"
  "area  0.5  0.5  0.5\n";

static void
test_pliance (void)
{
  g_autoptr(PlantarScan) scan = expect_ok (pliance);

  /* sensors 1 and 2 side by side on top, sensor 3 under sensor 1 */
  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 2);
  g_assert_cmpuint (plantar_scan_get_height (scan), ==, 2);
  g_assert_cmpfloat (plantar_scan_get_cell_width_mm (scan), ==, 5);
  g_assert_cmpfloat (plantar_scan_get_cell_height_mm (scan), ==, 10);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 1, 1, 0), ==, 5);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 1, 0, 1), ==, 6);
  g_assert_false (plantar_scan_cell_present (scan, 1, 1));

  expect_variant (pliance, "x[c]  0.25  0.75  0.25", "x[c]  0.25  0.95  0.25", E (UNSUPPORTED), "off the regular grid");
  expect_variant (pliance, "  0.10   4.0   5.0   6.0", "  0.10   4.0   -5.0   6.0", E (INVALID_VALUE), "line 8, column 3");
  expect_variant (pliance, "  0.10   4.0   5.0   6.0", "  0.10   4.0   5.0", E (RAGGED), "expected 3");
  expect_variant (pliance, "pressure values in kPa", "pressure values in furlongs", E (UNKNOWN_UNITS), "line 4");
  expect_variant (pliance, "x[c]  0.25  0.75  0.25\ny[c]  1.5  1.5  0.5\narea  0.5  0.5  0.5\n", "x[c]  0.25  0.7",
                  E (TRUNCATED), "cut short");
  expect_variant (pliance, "sensor   1   2   3", "sensor   1   2   4", E (INCONSISTENT), "layout");
  /* a frame time no mat has, and two exports joined end to end */
  expect_variant (pliance, "time per frame [secs]: 0.05", "time per frame [secs]: 9.2e18", E (INVALID_VALUE),
                  "line 3: “time per frame [secs]” gives frames of 9.2e+21 ms");
  {
    g_autofree char *joined = g_strconcat (pliance, pliance, NULL);
    expect (joined, E (INCONSISTENT), "line 25: a second “mat type” line: two exports joined");
  }
}

/* ------------------------------------------------------------ Zebris */

static const char zebris[] =
  "Person\tDoe, J\n"
  "Creation date\t01/02/2020 10:00:00\n\n"
  "Platform {\n"
  "Columns\t3\n"
  "Lines\t2\n"
  "Cell width,mm\t8.47\n"
  "Cell height,mm\t8.46\n"
  "Units\tN/cm^2\n"
  "Frame count\t2\n"
  "Frequency\t100.00\n\n"
  "Frame 1 {\n"
  "Exercise1\n"
  "Time, ms\t0.00\n"
  "Center of force\t(x2,y1)\n\n"
  "\tx1\tx2\tx3\n"
  "y1\t0.00\t1.50\t0.00\n"
  "y2\t0.00\t2.00\t0.50\n"
  "}\n"
  "Frame 2 {\n"
  "Exercise1\n"
  "Time, ms\t10.00\n"
  "Center of force\t(x2,y1)\n\n"
  "\tx1\tx2\tx3\n"
  "y1\t0.00\t1.00\t0.00\n"
  "y2\t0.00\t3.00\t0.00\n"
  "}\n";

static void
test_zebris (void)
{
  g_autoptr(PlantarScan) scan = expect_ok (zebris);

  g_assert_cmpfloat (plantar_scan_get_value (scan, 1, 1, 1), ==, 30);
  g_assert_cmpfloat (plantar_scan_get_frame_time_ms (scan, 1), ==, 10);
  g_assert_cmpstr (plantar_scan_get_subject (scan), ==, "Doe, J");

  expect_variant (zebris, "Frame count\t2", "Frame count\t3", E (TRUNCATED), "2 of the 3 frames");
  expect_variant (zebris, "Frame count\t2", "Frame count\t1", E (INCONSISTENT), "holds 2 frames");
  expect_variant (zebris, "Lines\t2", "Lines\t3", E (INCONSISTENT), "“Lines” says 3");
  expect_variant (zebris, "Lines\t2", "Lines\t1", E (INCONSISTENT), "more than the 1 lines");
  expect_variant (zebris, "Columns\t3", "Columns\t20000", E (TOO_LARGE), "16384");
  expect_variant (zebris, "Columns\t3", "Columns\t4", E (RAGGED), "“Columns” 4");
  expect_variant (zebris, "y2\t0.00\t3.00", "y2\tNaN\t3.00", E (INVALID_VALUE), "NaN");
  expect_variant (zebris, "Units\tN/cm^2", "Units\tquarts", E (UNKNOWN_UNITS), "quarts");
  expect_variant (zebris, "Frame 2 {", "Frame 7 {", E (INCONSISTENT), "expected “Frame 2 {”");
  expect_variant (zebris, "y2\t0.00\t3.00\t0.00\n}\n", "y2\t0.00\t3.0", E (TRUNCATED), "cut short");
  expect_variant (zebris, "Platform {", "Plateau", E (TRUNCATED), "Platform");
}

/* ------------------------------------------------------------ pedcad */

static const char pedcad[] =
  "[General]\nDescription=pedcad Importfile\nUnitDistance=mm\nUnitPressure=N/cm2\n\n"
  "[Technical]\nSensCountX=3\nSensCountY=2\nLDistX=8.5\nLDistY=8.0\n\n"
  "[Data]\n-1\t1.0\n2.0\t3.0\n4.0\t-1\n";

static void
test_pedcad (void)
{
  g_autoptr(PlantarScan) scan = expect_ok (pedcad);

  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 2);
  g_assert_cmpuint (plantar_scan_get_height (scan), ==, 3);
  g_assert_cmpfloat (plantar_scan_get_cell_width_mm (scan), ==, 8.0);
  g_assert_cmpfloat (plantar_scan_get_cell_height_mm (scan), ==, 8.5);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 0, 1, 1), ==, 30);
  g_assert_false (plantar_scan_cell_present (scan, 0, 0));

  expect_variant (pedcad, "SensCountX=3", "SensCountX=4", E (TRUNCATED), "SensCountX says 4");
  expect_variant (pedcad, "SensCountX=3", "SensCountX=2", E (INCONSISTENT), "more than the 2 lines");
  expect_variant (pedcad, "SensCountY=2", "SensCountY=99999", E (TOO_LARGE), "16384");
  expect_variant (pedcad, "UnitPressure=N/cm2", "UnitPressure=stone", E (UNKNOWN_UNITS), "stone");
  expect_variant (pedcad, "2.0\t3.0", "2.0\t-3.0", E (INVALID_VALUE), "negative");
  expect_variant (pedcad, "2.0\t3.0", "2.0\t3.0\t4.0", E (RAGGED), "SensCountY 2");
  expect_variant (pedcad, "SensCountY=2\n", "", E (PARSE), "SensCountY");
  expect_variant (pedcad, "[Data]\n-1\t1.0\n2.0\t3.0\n4.0\t-1\n", "", E (TRUNCATED), "no [Data]");
}

/* ------------------------------------------------------------ footscan */

static const char footscan[] =
  "Frame 0 (0.00 ms)\n0.0\t1.0\t0.0\t\n0.5\t2.0\t0.0\t\n\n"
  "Frame 1 (7.94 ms)\n0.0\t3.0\t0.0\t\n0.0\t4.0\t1.0\t\n\n";

static void
test_footscan (void)
{
  g_autoptr(PlantarScan) scan = expect_ok (footscan);

  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 3);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_value (scan, 1, 1, 1), 4 * 1000 / (5.08 * 7.62), 1e-3);

  expect_variant (footscan, "0.0\t4.0\t1.0\t\n", "0.0\t4.0\t\n", E (RAGGED), "as in line 2");
  expect_variant (footscan, "0.0\t4.0\t1.0\t\n\n", "0.0\t4", E (TRUNCATED), "cut short");
  expect_variant (footscan, "0.0\t4.0\t1.0\t\n\n", "", E (TRUNCATED), "ends in frame 1");
  expect_variant (footscan, "3.0", "-3.0", E (INVALID_VALUE), "line 6, column 2");
  expect_variant (footscan, "Frame 1 (7.94 ms)", "Frame one", E (INCONSISTENT), "Frame one");
}

/* ------------------------------------------------------------ XSENSOR */

static const char xsensor[] =
  "File:,\"x.XSN\",,,\n,,,,\nUnits:,mmHg,,,\n,,,,\n"
  "FRAME,1,,,\n,,,,\nTime, 08:00:00.000,,,\n,,,,\n"
  "SENSOR,MAT-1,,,\n,,,,\nRows,2,,,\n,,,,\nColumns,2,,,\n,,,,\n"
  "Sensel Width (cm),1.27,,,\n,,,,\nSensel Height (cm),1.27,,,\n,,,,\n"
  "SENSELS,,,,\n,,,,\n0,10,,,\n,,,,\n20,30,,,\n,,,,\n"
  "GROUP,1,,,\nName,Heel,,,\nSENSELS,,,,\n0,0,0,0,0,0\n"
  "FRAME,2,,,\n,,,,\nTime, 08:00:00.010,,,\n,,,,\n"
  "SENSOR,MAT-1,,,\n,,,,\nRows,2,,,\n,,,,\nColumns,2,,,\n,,,,\n"
  "SENSELS,,,,\n,,,,\n0,40,,,\n,,,,\n50,60,,,\n,,,,\n";

static void
test_xsensor (void)
{
  g_autoptr(PlantarScan) scan = expect_ok (xsensor);

  g_assert_cmpuint (plantar_scan_get_n_frames (scan), ==, 2);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_value (scan, 1, 1, 1), 60 * 0.133322, 1e-4);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_frame_ms (scan), 10, 1e-6);
  g_assert_false (plantar_scan_get_in_shoe (scan));

  expect_variant (xsensor, "Units:,mmHg", "Units:,cubits", E (UNKNOWN_UNITS), "cubits");
  expect_variant (xsensor, "50,60,,,\n,,,,\n", "50,6", E (TRUNCATED), "cut short");
  expect_variant (xsensor, "SENSELS,,,,\n,,,,\n0,40,,,\n,,,,\n50,60,,,\n,,,,\n", "", E (TRUNCATED), "before the grid");
  expect_variant (xsensor, "Rows,2,,,\n,,,,\nColumns,2,,,\n,,,,\nSENSELS,,,,\n,,,,\n0,40",
                  "Rows,3,,,\n,,,,\nColumns,2,,,\n,,,,\nSENSELS,,,,\n,,,,\n0,40", E (INCONSISTENT), "had 2 rows");
  expect_variant (xsensor, "20,30", "20,1e999", E (INVALID_VALUE), "infinite");
  expect_variant (xsensor, "Sensel Width (cm),1.27", "Sensel Width (cm),920000000000000000", E (INVALID_VALUE),
                  "Sensel Width");
  /* two exports end to end are not one recording of twice the frames */
  {
    g_autofree char *joined = g_strconcat (xsensor, xsensor, NULL);
    expect (joined, E (INCONSISTENT), "two exports joined");
  }
}

/* ------------------------------------------------------------ every real file, cut short */

static const char *fixtures[] = {
  "tekscan-fscan-FrasP01L.asf", "novel-emed-walk.lst", "novel-pliance-mat.asc",
  "zebris-pedcad-walk.apd", "xsensor-x4.csv", "mun104-template-left.csv",
  "footscan-rolloff-dog.txt.gz", "zebris-fdmt-treadmill-walk.txt.gz",
};

static GBytes *
unpacked_fixture (const char *name)
{
  g_autoptr(GBytes) bytes = plantar_test_read_fixture (name);

  if (g_str_has_suffix (name, ".gz"))
    {
      g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_bytes (bytes);
      g_autoptr(GInputStream) in = g_converter_input_stream_new (mem, G_CONVERTER (gz));
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL);
      return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
    }
  return g_steal_pointer (&bytes);
}

/* Cut each export in the middle of a line at many places: every cut is an
 * error, never a shorter scan passed off as the whole. */
static void
test_truncated_fixtures (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GBytes) bytes = unpacked_fixture (fixtures[f]);
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);
      guint cuts = length > 20000000 ? 4 : 12;

      for (guint i = 1; i <= cuts; i++)
        {
          gsize at = length * i / (cuts + 1);
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) scans = NULL;

          /* into the middle of a number */
          while (at < length && !g_ascii_isdigit (data[at]))
            at++;
          if (at + 1 >= length)
            continue;
          at++;
          if (data[at] == '\n' || data[at] == '\r')
            continue;

          scans = plantar_test_import_bytes (data, at, NULL, &error);
          if (scans != NULL)
            g_error ("%s cut at byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " was accepted",
                     fixtures[f], at, length);
          g_assert_nonnull (error);
          g_assert_nonnull (strstr (error->message, "test-file"));
        }
    }
}

/* Random damage: flipped bytes anywhere. The result may be a scan or an
 * error, but nothing may crash or read out of bounds (run under ASan). */
static void
test_damaged_fixtures (void)
{
  GRand *rand = g_rand_new_with_seed (1234);

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GBytes) bytes = unpacked_fixture (fixtures[f]);
      gsize length;
      const guint8 *data = g_bytes_get_data (bytes, &length);
      guint rounds = length > 20000000 ? 2 : 20;

      for (guint i = 0; i < rounds; i++)
        {
          g_autofree guint8 *copy = g_memdup2 (data, length);
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) scans = NULL;
          guint flips = g_rand_int_range (rand, 1, 40);

          for (guint k = 0; k < flips; k++)
            {
              /* mostly into the header, where the structure is */
              gsize span = g_rand_boolean (rand) ? MIN (length, 4096) : length;
              gsize at = g_rand_int_range (rand, 0, MIN (span, G_MAXINT32));
              static const char bytes_pool[] = "0123456789,;\t\n\r.-+eE B@#{}[]=:xyNaniI\f\x00\xff";
              copy[at] = bytes_pool[g_rand_int_range (rand, 0, sizeof bytes_pool - 1)];
            }

          scans = plantar_test_import_bytes (copy, length, NULL, &error);
          g_assert_true ((scans != NULL) != (error != NULL));
          if (scans != NULL)
            for (guint s = 0; s < scans->len; s++)
              {
                PlantarScan *scan = g_ptr_array_index (scans, s);
                double lo, hi;
                plantar_scan_get_value_range (scan, &lo, &hi);
                g_assert_cmpfloat (lo, >=, 0);
                g_assert_true (isfinite (hi));
              }
        }
    }
  g_rand_free (rand);
}

/* A PNG of a few bytes whose chunk claims 2 GiB: refused before libpng
 * allocates it (it took 2.1 GB). */
static void
test_png_chunk_bomb (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 10, 0, 0, 0, 10, 8, 0, 0, 0, 0, 0x02, 0x50, 0x58, 0xea,
    0x7f, 0xff, 0xff, 0xff, 'z', 'T', 'X', 't', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',
  };

  plantar_test_assert_import_error (png, sizeof png, PLANTAR_IMPORT_ERROR_PARSE, "2147483647 bytes");
}

/* A pressure no foot can put on a plate (1e5 kPa: a unit read wrongly,
 * a broken sensor) is flagged on the scan, not passed on silently. */
static void
test_implausible_pressure (void)
{
  const char grid[] = "# cell_mm: 5\n# units: kPa\n0,0,0,0\n0,100000,20,0\n0,30,40,0\n0,0,0,0\n";
  const char fine[] = "# cell_mm: 5\n# units: kPa\n0,0,0,0\n0,900,20,0\n0,30,40,0\n0,0,0,0\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_test_import_bytes (grid, strlen (grid), NULL, &error);
  g_autoptr(GPtrArray) ok = plantar_test_import_bytes (fine, strlen (fine), NULL, &error);
  PlantarScan *scan, *normal;
  gboolean flagged = FALSE;

  g_assert_no_error (error);
  scan = g_ptr_array_index (scans, 0);
  normal = g_ptr_array_index (ok, 0);
  for (guint i = 0; i < plantar_scan_get_n_warnings (scan); i++)
    flagged |= strstr (plantar_scan_get_warning (scan, i), "100000 kPa") != NULL;
  g_assert_true (flagged);
  for (guint i = 0; i < plantar_scan_get_n_warnings (normal); i++)
    g_assert_null (strstr (plantar_scan_get_warning (normal, i), "far beyond"));
}

/* A CSV saved by a spreadsheet starts with a byte-order mark: read as
 * the same grid without it. */
static void
test_byte_order_mark (void)
{
  const char grid[] = "# cell_mm: 5\n0,0,0,0\n0,10,20,0\n0,30,40,0\n0,0,0,0\n";
  g_autofree char *marked = g_strconcat ("\xef\xbb\xbf", grid, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plain = plantar_test_import_bytes (grid, strlen (grid), NULL, &error);
  g_autoptr(GPtrArray) with_mark = plantar_test_import_bytes (marked, strlen (marked), NULL, &error);
  PlantarScan *a, *b;

  g_assert_no_error (error);
  g_assert_nonnull (with_mark);
  a = g_ptr_array_index (plain, 0);
  b = g_ptr_array_index (with_mark, 0);
  g_assert_cmpuint (plantar_scan_get_width (b), ==, plantar_scan_get_width (a));
  g_assert_cmpuint (plantar_scan_get_height (b), ==, plantar_scan_get_height (a));
  g_assert_cmpfloat (plantar_scan_get_cell_width_mm (b), ==, 5);
  g_assert_cmpfloat (plantar_scan_get_value (b, 0, 2, 2), ==, plantar_scan_get_value (a, 0, 2, 2));
}

/* A gzip bomb (zeros packed a thousandfold) is refused at 1 GiB unpacked,
 * and said, before it eats the machine. */
static void
test_gzip_bomb (void)
{
  g_autoptr(GByteArray) packed = g_byte_array_new ();
  z_stream zs = { 0 };
  guint8 zeros[65536] = { 0 };
  guint8 out[65536];
  guint64 fed = 0;

  g_assert_cmpint (deflateInit2 (&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), ==, Z_OK);
  while (fed < (G_GUINT64_CONSTANT (1100) << 20))
    {
      zs.next_in = zeros;
      zs.avail_in = sizeof zeros;
      fed += sizeof zeros;
      do
        {
          zs.next_out = out;
          zs.avail_out = sizeof out;
          deflate (&zs, fed >= (G_GUINT64_CONSTANT (1100) << 20) ? Z_FINISH : Z_NO_FLUSH);
          g_byte_array_append (packed, out, sizeof out - zs.avail_out);
        }
      while (zs.avail_out == 0);
    }
  deflateEnd (&zs);
  g_assert_cmpuint (packed->len, <, 4 << 20);
  plantar_test_assert_import_error (packed->data, packed->len, PLANTAR_IMPORT_ERROR_TOO_LARGE, "1 GiB");
}

/* An uncompressed 24-bit BMP of @w × @h, a dark square on white. */
static GByteArray *
make_bmp (guint w,
          guint h)
{
  GByteArray *b = g_byte_array_new ();
  guint stride = (w * 3 + 3) / 4 * 4;
  guint32 size = 54 + stride * h;
  guint8 header[54] = { 'B', 'M' };

#define PUT32(at, v) G_STMT_START { guint32 _v = (v); for (int _k = 0; _k < 4; _k++) header[(at) + _k] = _v >> (8 * _k); } G_STMT_END
  PUT32 (2, size);
  PUT32 (10, 54);
  PUT32 (14, 40);
  PUT32 (18, w);
  PUT32 (22, h);
  header[26] = 1;
  header[28] = 24;
  PUT32 (34, stride * h);
#undef PUT32
  g_byte_array_append (b, header, sizeof header);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < stride; x++)
      {
        guint8 v = (x / 3 > w / 4 && x / 3 < 3 * w / 4 && y > h / 4 && y < 3 * h / 4) ? 30 : 240;
        g_byte_array_append (b, &v, 1);
      }
  return b;
}

/* BMP and WebP cut short are errors, never a picture padded with blank
 * rows; a BMP claiming more pixels than its bytes hold is refused before
 * anything is allocated for them. */
static void
test_truncated_images (void)
{
  g_autoptr(GByteArray) bmp = make_bmp (64, 48);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_test_import_bytes (bmp->data, bmp->len, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (scans->len, ==, 1);
  g_assert_cmpuint (plantar_scan_get_width (g_ptr_array_index (scans, 0)), ==, 64);

  /* cut at 60 %: by the size it declares */
  plantar_test_assert_import_error (bmp->data, bmp->len * 6 / 10, PLANTAR_IMPORT_ERROR_TRUNCATED, "cut short");
  /* its declared size zeroed: by its pixels' size */
  bmp->data[2] = bmp->data[3] = bmp->data[4] = bmp->data[5] = 0;
  plantar_test_assert_import_error (bmp->data, bmp->len * 6 / 10, PLANTAR_IMPORT_ERROR_TRUNCATED, "cut short");
  /* 16000 × 16000 run-length pixels in a few kilobytes */
  {
    g_autoptr(GByteArray) rle = make_bmp (64, 48);
    guint8 *d = rle->data;
    d[2] = d[3] = d[4] = d[5] = 0;
    d[18] = 0x80; d[19] = 0x3e; d[20] = d[21] = 0;
    d[22] = 0x80; d[23] = 0x3e; d[24] = d[25] = 0;
    d[28] = 8;
    d[30] = 1;
    plantar_test_assert_import_error (rle->data, rle->len, PLANTAR_IMPORT_ERROR_TOO_LARGE, "16000 × 16000");
  }
  /* a WebP shorter than its RIFF size */
  {
    guint8 webp[64] = { 'R', 'I', 'F', 'F', 0x00, 0x10, 0x00, 0x00, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ' };
    plantar_test_assert_import_error (webp, sizeof webp, PLANTAR_IMPORT_ERROR_TRUNCATED, "4104");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/bad/empty-and-garbage", test_empty_and_garbage);
  g_test_add_func ("/import/bad/gzip", test_gzip);
  g_test_add_func ("/import/bad/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/import/bad/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/import/bad/implausible-pressure", test_implausible_pressure);
  g_test_add_func ("/import/bad/png-chunk-bomb", test_png_chunk_bomb);
  g_test_add_func ("/import/bad/files", test_files);
  g_test_add_func ("/import/bad/grid", test_grid);
  g_test_add_func ("/import/bad/tekscan", test_tekscan);
  g_test_add_func ("/import/bad/novel-emed", test_emed);
  g_test_add_func ("/import/bad/novel-pliance", test_pliance);
  g_test_add_func ("/import/bad/zebris", test_zebris);
  g_test_add_func ("/import/bad/pedcad", test_pedcad);
  g_test_add_func ("/import/bad/footscan", test_footscan);
  g_test_add_func ("/import/bad/xsensor", test_xsensor);
  g_test_add_func ("/import/bad/truncated-fixtures", test_truncated_fixtures);
  g_test_add_func ("/import/bad/truncated-images", test_truncated_images);
  g_test_add_func ("/import/bad/damaged-fixtures", test_damaged_fixtures);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plantar-test-util.h"

/* plantar-cli as a user or a script runs it. */

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PLANTAR_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_info_json (void)
{
  g_autofree char *path = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *scan;

  run_cli (&run, "info", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "file"), ==, path);
  scan = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "scans"), 0);
  g_assert_cmpstr (json_object_get_string_member (scan, "format"), ==, "zebris-fdm");
  g_assert_cmpint (json_object_get_int_member (scan, "columns"), ==, 128);
  g_assert_cmpint (json_object_get_int_member (scan, "rows"), ==, 56);
  g_assert_cmpint (json_object_get_int_member (scan, "frames"), ==, 1472);
  g_assert_cmpfloat (json_object_get_double_member (scan, "cell_width_mm"), ==, 8.47);
  g_assert_cmpfloat (json_object_get_double_member (scan, "frame_ms"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (scan, "units"), ==, "kPa");
  g_assert_cmpstr (json_object_get_string_member (scan, "original_units"), ==, "N/cm²");
  g_assert_cmpint (json_object_get_int_member (scan, "sensors"), ==, 7168);
  g_assert_cmpint (json_object_get_int_member (scan, "active_sensors"), >, 1000);
  g_assert_cmpfloat (json_object_get_double_member (scan, "max_value"), >, 100);
}

static void
test_info_several (void)
{
  g_autofree char *a = plantar_test_fixture ("novel-emed-walk.lst");
  g_autofree char *b = plantar_test_fixture ("novel-pedar-insole.asc");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *files;
  JsonObject *refused;

  /* one good, one refused: both reported, the exit status says it failed */
  run_cli (&run, "info", "--json", a, b, NULL);
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (run.out);
  files = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (files), ==, 2);
  g_assert_true (json_object_has_member (json_array_get_object_element (files, 0), "scans"));
  refused = json_object_get_object_member (json_array_get_object_element (files, 1), "error");
  g_assert_cmpstr (json_object_get_string_member (refused, "code"), ==, "unsupported");
  g_assert_nonnull (strstr (run.err, "pedar"));
}

static void
test_info_text (void)
{
  g_autofree char *path = plantar_test_fixture ("mun104-template-left.csv");
  g_auto(Run) run = { 0 };
  g_auto(Run) scaled = { 0 };

  run_cli (&run, "info", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "27 × 63 cells, scale unknown"));
  g_assert_nonnull (strstr (run.out, "assumed"));

  /* what the file leaves out, given as options */
  run_cli (&scaled, "info", "--cell-mm", "5", "--units", "N/cm2", path, NULL);
  g_assert_cmpint (scaled.status, ==, 0);
  g_assert_nonnull (strstr (scaled.out, "27 × 63 cells of 5 × 5 mm (135 × 315 mm)"));
  g_assert_nonnull (strstr (scaled.out, "file: N/cm²"));
}

static void
test_errors (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *bad = plantar_test_write (dir, "bad.csv", "1,2,3\n4,5\n", -1);
  g_auto(Run) run = { 0 };
  g_auto(Run) usage = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) option = { 0 };

  run_cli (&run, "info", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“bad.csv”, line 2: the row has 2 values, expected 3"));

  run_cli (&usage, "info", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command"));
  run_cli (&option, "info", "--cell-mm", "-3", bad, NULL);
  g_assert_cmpint (option.status, ==, 2);
  plantar_test_rm_rf (dir);
}

static void
test_generate (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "print.png", NULL);
  g_autofree char *csv = g_build_filename (dir, "plate.csv", NULL);
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };
  g_autoptr(PlantarScan) print = NULL;
  g_autoptr(PlantarScan) plate = NULL;

  run_cli (&a, "generate", "footprint", "--side", "left", "--dpi", "200", "-o", png, NULL);
  g_assert_cmpint (a.status, ==, 0);
  run_cli (&b, "generate", "plate", "--frames", "40", "--cell-mm", "8.5", "-o", csv, NULL);
  g_assert_cmpint (b.status, ==, 0);
  run_cli (&c, "generate", "footprint", "--dpi", "5000", "-o", png, NULL);
  g_assert_cmpint (c.status, ==, 2);

  print = plantar_test_import_one (png, NULL);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (print), 0.127, 1e-4);
  plate = plantar_test_import_one (csv, NULL);
  g_assert_cmpuint (plantar_scan_get_n_frames (plate), ==, 40);
  g_assert_cmpfloat (plantar_scan_get_cell_width_mm (plate), ==, 8.5);
  plantar_test_rm_rf (dir);
}

static void
test_formats (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "formats", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (const char *const *id = (const char *const[]) { "png", "tekscan", "novel-emed", "novel-pliance",
                                                         "zebris-fdm", "pedcad", "footscan", "xsensor",
                                                         "grid", "in-shoe", NULL }; *id; id++)
    g_assert_nonnull (strstr (run.out, *id));
}

/* analyze --json: the fields a script reads, for a print and for a walk */
static void
test_analyze_json (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "left.png", NULL);
  g_autofree char *walk = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "demo-walk.csv.gz", NULL);
  g_autofree char *overlay = g_build_filename (dir, "overlay.png", NULL);
  g_auto(Run) gen = { 0 };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *files, *feet, *cop;
  JsonObject *image, *pressure, *foot;
  const char *image_keys[] = { "side", "arch_index", "arch_type", "chippaux_smirak", "staheli", "clarke_angle_deg",
                               "hernandez_corvo", "foot_length_mm", "ball_width_mm", "heel_width_mm",
                               "heel_centre_mm", "toe_tip_mm", "contact_area_mm2" };
  const char *pressure_keys[] = { "modified_arch_index", "heel_cop_offset_mm", "heel_medial_load_pct", "cpei",
                                  "cop_path_mm" };

  run_cli (&gen, "generate", "footprint", "--side", "left", "--arch", "0.6", "-o", png, NULL);
  g_assert_cmpint (gen.status, ==, 0);
  run_cli (&run, "analyze", "--json", "--overlay", overlay, png, walk, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  files = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (files), ==, 2);

  image = json_array_get_object_element (files, 0);
  g_assert_cmpstr (json_object_get_string_member (image, "file"), ==, png);
  g_assert_cmpstr (json_object_get_string_member (image, "kind"), ==, "image");
  feet = json_object_get_array_member (image, "feet");
  g_assert_cmpuint (json_array_get_length (feet), ==, 1);
  foot = json_array_get_object_element (feet, 0);
  for (guint i = 0; i < G_N_ELEMENTS (image_keys); i++)
    if (!json_object_has_member (foot, image_keys[i]))
      g_error ("no “%s” in the image's foot", image_keys[i]);
  g_assert_cmpstr (json_object_get_string_member (foot, "side"), ==, "left");
  /* arch 0.6 draws an arch index of about 0.21 */
  g_assert_cmpfloat (json_object_get_double_member (foot, "arch_index"), >, 0.18);
  g_assert_cmpfloat (json_object_get_double_member (foot, "arch_index"), <, 0.24);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (foot, "foot_length_mm"), 260, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (foot, "heel_centre_mm")), ==, 2);

  pressure = json_array_get_object_element (files, 1);
  g_assert_cmpstr (json_object_get_string_member (pressure, "kind"), ==, "pressure");
  feet = json_object_get_array_member (pressure, "feet");
  g_assert_cmpuint (json_array_get_length (feet), ==, 4);
  for (guint f = 0; f < 4; f++)
    {
      foot = json_array_get_object_element (feet, f);
      g_assert_cmpstr (json_object_get_string_member (foot, "side"), ==, f % 2 ? "right" : "left");
      for (guint i = 0; i < G_N_ELEMENTS (pressure_keys); i++)
        if (!json_object_has_member (foot, pressure_keys[i]))
          g_error ("no “%s” in step %u", pressure_keys[i], f + 1);
      cop = json_object_get_array_member (foot, "cop_path_mm");
      g_assert_cmpuint (json_array_get_length (cop), >, 20);
      /* [x, y] pairs in mm: within the 320 × 1850 mm plate */
      g_assert_cmpfloat (json_array_get_double_element (json_array_get_array_element (cop, 0), 1), <, 1850);
    }

  /* the overlay of the last file was drawn */
  g_assert_true (g_file_test (overlay, G_FILE_TEST_IS_REGULAR));
  plantar_test_rm_rf (dir);
}

/* analyze without --json: a table a person reads; a file without a foot
 * says why and fails */
static void
test_analyze_text (void)
{
  g_autofree char *walk = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "demo-walk.csv.gz", NULL);
  g_autofree char *dog = plantar_test_fixture ("footscan-rolloff-dog.txt.gz");
  g_auto(Run) run = { 0 };
  g_auto(Run) bad = { 0 };

  run_cli (&run, "analyze", walk, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "4 steps"));
  g_assert_nonnull (strstr (run.out, "mean of 2 left steps"));
  g_assert_nonnull (strstr (run.out, "mean of 2 right steps"));

  run_cli (&bad, "analyze", dog, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "not shaped like a human foot"));
}

static double
first_foot_length (const char *json)
{
  g_autoptr(JsonNode) root = parse_json (json);
  JsonArray *feet = json_object_get_array_member (json_node_get_object (root), "feet");
  return json_object_get_double_member (json_array_get_object_element (feet, 0), "foot_length_mm");
}

/* A phone photo of a print on A4 measures with no option at all; told the
 * sheet is Letter, it measures to Letter's scale; a paper size that is
 * none is refused before anything is read. */
static void
test_photo (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *jpg = g_build_filename (dir, "photo.jpg", NULL);
  g_auto(Run) made = { 0 };
  g_auto(Run) a4 = { 0 };
  g_auto(Run) letter = { 0 };
  g_auto(Run) bad = { 0 };
  double length;

  run_cli (&made, "generate", "photo", "--length-mm", "240", "--tilt", "20", "--turn", "30",
           "--photo-size", "1400x1050", "--json", "-o", jpg, NULL);
  g_assert_cmpint (made.status, ==, 0);
  g_assert_nonnull (strstr (made.out, "sheet_corners_px"));
  run_cli (&a4, "analyze", "--json", jpg, NULL);
  g_assert_cmpint (a4.status, ==, 0);
  length = first_foot_length (a4.out);
  g_assert_cmpfloat (fabs (length - 240), <=, 3);
  /* Letter is 279.4 mm long where A4 is 297 */
  run_cli (&letter, "analyze", "--json", "--paper", "letter", jpg, NULL);
  g_assert_cmpint (letter.status, ==, 0);
  g_assert_cmpfloat (fabs (first_foot_length (letter.out) - length * 279.4 / 297), <, 3);
  run_cli (&bad, "analyze", "--paper", "a5-ish", jpg, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "not a paper size"));
  plantar_test_rm_rf (dir);
}

/* The station's scanner: listed, and a scan written with its scale. */
static void
test_scanner (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "scan.png", NULL);
  g_auto(Run) devices = { 0 };
  g_auto(Run) scan = { 0 };
  g_auto(Run) bad = { 0 };
  g_autoptr(PlantarScan) read = NULL;

  run_cli (&devices, "devices", "--json", NULL);
  g_assert_cmpint (devices.status, ==, 0);
  g_assert_nonnull (strstr (devices.out, "\"test:0\""));
  run_cli (&scan, "scan", "--dpi", "200", "--option", "test-picture=Grid", "-o", png, NULL);
  g_assert_cmpint (scan.status, ==, 0);
  read = plantar_test_import_one (png, NULL);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (read), 25.4 / 200, 1e-4);
  run_cli (&bad, "scan", "--device", "test:5", "-o", png, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "test:5"));
  plantar_test_rm_rf (dir);
}

/* watch --json: a line for each scan written into the folder, whole. */
static void
test_watch (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *walk = g_build_filename (dir, "walk.csv", NULL);
  g_autofree char *cli = g_strdup (g_getenv ("PLANTAR_CLI"));
  const char *argv[] = { cli, "watch", "--json", "--count", "1", "--settle-ms", "300", dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) line = NULL;
  g_autofree char *out = NULL;
  GPid pid;
  int out_fd, wait_status = 0;
  GString *text = g_string_new (NULL);
  char buffer[4096];
  gssize got;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                           NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  /* the watch is up when its folder is; the file comes a moment later */
  g_usleep (400000);
  {
    g_auto(Run) made = { 0 };
    run_cli (&made, "generate", "plate", "--frames", "1", "-o", walk, NULL);
    g_assert_cmpint (made.status, ==, 0);
  }
  while ((got = read (out_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, got);
  close (out_fd);
  waitpid (pid, &wait_status, 0);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  out = g_string_free (text, FALSE);
  g_assert_nonnull (strchr (out, '\n'));
  g_assert_null (strchr (strchr (out, '\n') + 1, '\n'));
  line = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (line), "feet")), ==, 1);
  plantar_test_rm_rf (dir);
}

/* insole: the files of each foot, their numbers as JSON, and the
 * parameters and formats checked */
static void
test_insole (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *demo = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "demo-footprint.png", NULL);
  g_autofree char *prefix = g_build_filename (dir, "jane", NULL);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *insoles;

  run_cli (&run, "insole", demo, "-o", prefix, "--json", "--pain", "heel", "--customer", "Jane Runner",
           "--set", "metatarsal_pad_mm=4", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  insoles = json_object_get_array_member (json_node_get_object (root), "insoles");
  g_assert_cmpuint (json_array_get_length (insoles), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *o = json_array_get_object_element (insoles, i);
      JsonObject *files = json_object_get_object_member (o, "files");
      const char *side = json_object_get_string_member (o, "side");
      const char *ext[] = { "stl", "3mf", "svg", "dxf" };

      g_assert_cmpstr (side, ==, i == 0 ? "left" : "right");
      g_assert_cmpfloat (json_object_get_double_member (o, "length_mm"), >, 260);
      g_assert_cmpfloat (json_object_get_double_member (o, "width_mm"), >, 90);
      /* heel pain: a deep cup at least, and the pad asked for */
      g_assert_cmpfloat (json_object_get_double_member (o, "heel_cup_depth_mm"), >=, 18 - 0.2);
      g_assert_cmpfloat (json_object_get_double_member (o, "arch_height_mm"), >, 5);
      g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (o, "parameters"),
                                                        "metatarsal_pad_mm"), ==, 4);
      for (guint f = 0; f < G_N_ELEMENTS (ext); f++)
        {
          g_autofree char *expected = g_strdup_printf ("%s-%s.%s", prefix, side, ext[f]);
          g_assert_cmpstr (json_object_get_string_member (files, ext[f]), ==, expected);
          g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
        }
    }

  /* three-quarter, STL only */
  run_clear (&run);
  run_cli (&run, "insole", demo, "-o", prefix, "--length", "three-quarter", "--format", "stl", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (run.out);
  insoles = json_object_get_array_member (json_node_get_object (root), "insoles");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (insoles, 0), "length_mm"), <, 220);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (json_array_get_object_element (insoles, 0),
                                                                         "files")), ==, 1);

  /* fitted to an EU 43 shoe: 286.7 mm */
  run_clear (&run);
  run_cli (&run, "insole", demo, "-o", prefix, "--shoe-eu", "43", "--format", "dxf", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (run.out);
  insoles = json_object_get_array_member (json_node_get_object (root), "insoles");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_array_get_object_element (insoles, 1), "length_mm"),
                                  286.7, 0.5);

  /* refused, with the field named */
  {
    const char *bad[][2] = { { "--set", "base_mm=-1" }, { "--set", "cup=3" }, { "--format", "obj" },
                             { "--length", "half" }, { "--set", "heel_cup_depth_mm" }, { "--shoe-eu", "12" },
                             { "--set", "length_mm=180" } };
    const char *named[] = { "base_mm", "cup", "obj", "--length", "key=value", "--shoe-eu", "length_mm" };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        run_clear (&run);
        run_cli (&run, "insole", demo, "-o", prefix, bad[i][0], bad[i][1], NULL);
        g_assert_cmpint (run.status, ==, 2);
        if (strstr (run.err, named[i]) == NULL)
          g_error ("“%s %s”: “%s” does not name %s", bad[i][0], bad[i][1], run.err, named[i]);
      }
    run_clear (&run);
    run_cli (&run, "insole", demo, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "-o PREFIX"));
  }
  plantar_test_rm_rf (dir);
}

/* A run of known gait, generated, then measured by analyze (table and
 * JSON) and report --json: the values the generator was told */
static void
test_gait (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "run.csv", NULL);
  g_auto(Run) gen = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) report = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) advice = NULL;
  JsonObject *gait, *side;

  run_cli (&gen, "generate", "gait", "--running", "--speed-kmh", "11", "--cadence", "172", "--strike-left", "0.8",
           "--strike-right", "0.8", "--steps", "10", "-o", csv, NULL);
  g_assert_cmpint (gen.status, ==, 0);

  run_cli (&json, "analyze", "--json", csv, NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  gait = json_object_get_object_member (json_node_get_object (root), "gait");
  g_assert_true (json_object_get_boolean_member (gait, "running"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (gait, "speed_kmh"), 11, 0.05 * 11);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (gait, "cadence_spm"), 172, 0.02 * 172);
  side = json_object_get_object_member (gait, "left");
  g_assert_cmpstr (json_object_get_string_member (side, "strike"), ==, "forefoot");
  g_assert_cmpfloat (json_object_get_double_member (side, "strike_index_pct"), >, 66.7);

  run_cli (&text, "analyze", csv, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "running along a walkway"));
  g_assert_nonnull (strstr (text.out, "cadence 17"));
  g_assert_nonnull (strstr (text.out, "forefoot (index"));
  g_assert_nonnull (strstr (text.out, "none beyond 10 %"));

  run_cli (&report, "report", "--json", csv, NULL);
  g_assert_cmpint (report.status, ==, 0);
  advice = parse_json (report.out);
  gait = json_object_get_object_member (json_node_get_object (advice), "gait");
  g_assert_nonnull (gait);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (gait, "cadence_spm"), 172, 0.02 * 172);
  plantar_test_rm_rf (dir);
}

/* The records from the command line: an archive of scans filed under a
 * customer (the same customer whatever the case of the name), listed,
 * checked, backed up and copied; a server refused plainly. */
static void
test_records (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "records.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *records = g_strdup_printf ("--records=%s", db);
  g_autofree char *copied = g_strdup_printf ("--records=%s", copy);
  g_autofree char *print = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "demo-footprint.png", NULL);
  g_autofree char *walk = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "demo-walk.csv.gz", NULL);
  g_auto(Run) empty = { 0 };
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) customers = { 0 };
  g_auto(Run) fittings = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) back = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) from_copy = { 0 };
  g_auto(Run) server = { 0 };
  g_auto(Run) nobody = { 0 };
  g_auto(Run) nameless = { 0 };
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) filed = NULL;
  JsonArray *array;
  GStatBuf st;

  run_cli (&empty, "records", records, "customers", NULL);
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_nonnull (strstr (empty.out, "No customers yet"));

  run_cli (&first, "records", records, "file", print, "--customer", "Erika Muster", "--fitter", "Anna", "--json", NULL);
  g_assert_cmpint (first.status, ==, 0);
  filed = parse_json (first.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (filed), "new_customer"));
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (filed), "summary"), "L 0.259"));
  run_cli (&second, "records", records, "file", walk, "--customer", "erika MUSTER", NULL);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_nonnull (strstr (second.out, "filed under Erika Muster:"));

  run_cli (&customers, "records", records, "customers", "--search", "mus", "--json", NULL);
  g_assert_cmpint (customers.status, ==, 0);
  list = parse_json (customers.out);
  array = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "name"), ==, "Erika Muster");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "fittings"), ==, 2);
  g_clear_pointer (&list, json_node_unref);

  run_cli (&fittings, "records", records, "fittings", "Erika Muster", "--json", NULL);
  g_assert_cmpint (fittings.status, ==, 0);
  list = parse_json (fittings.out);
  array = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  /* newest first: the walk, then the print with its fitter */
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (array, 0), "summary"),
                            "L 0.257"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "fitter"), ==, "Anna");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (array, 1), "damaged"));

  run_cli (&check, "records", records, "check", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "whole"));

  run_cli (&back, "records", records, "backup", backup, NULL);
  g_assert_cmpint (back.status, ==, 0);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  run_cli (&again, "records", records, "copy", backup, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "exists"));
  {
    g_auto(Run) copying = { 0 };
    run_cli (&copying, "records", records, "copy", copy, NULL);
    g_assert_cmpint (copying.status, ==, 0);
  }
  run_cli (&from_copy, "records", copied, "customers", NULL);
  g_assert_cmpint (from_copy.status, ==, 0);
  g_assert_nonnull (strstr (from_copy.out, "Erika Muster"));
  g_assert_nonnull (strstr (from_copy.out, "2 fittings"));

  /* to a server and read from it, on a throwaway one; twice adds nothing */
  {
    PlantarTestServer *pg = plantar_test_server_start ();
    if (pg != NULL)
      {
        g_autofree char *address = plantar_test_server_database (pg, NULL);
        g_autofree char *option = g_strconcat ("--records=", address, NULL);
        g_auto(Run) to_server = { 0 };
        g_auto(Run) twice = { 0 };
        run_cli (&to_server, "records", records, "copy", address, NULL);
        g_assert_cmpint (to_server.status, ==, 0);
        g_assert_nonnull (strstr (to_server.out, "1 customers and 2 fittings added"));
        run_cli (&server, "records", option, "customers", NULL);
        g_assert_cmpint (server.status, ==, 0);
        g_assert_nonnull (strstr (server.out, "Erika Muster"));
        g_assert_nonnull (strstr (server.out, "2 fittings"));
        run_cli (&twice, "records", records, "copy", address, NULL);
        g_assert_cmpint (twice.status, ==, 0);
        g_assert_nonnull (strstr (twice.out, "0 customers and 0 fittings added"));
        plantar_test_server_free (pg);
      }
  }
  {
    g_auto(Run) unreachable = { 0 };
    run_cli (&unreachable, "records", "--records=postgresql://clinic@/plantar?host=/nonexistent", "customers", NULL);
    g_assert_cmpint (unreachable.status, ==, 1);
    g_assert_nonnull (strstr (unreachable.err, "cannot be reached"));
  }
  run_cli (&nobody, "records", records, "fittings", "Nobody", NULL);
  g_assert_cmpint (nobody.status, ==, 1);
  g_assert_nonnull (strstr (nobody.err, "Nobody"));
  run_cli (&nameless, "records", records, "file", print, NULL);
  g_assert_cmpint (nameless.status, ==, 2);
  g_assert_nonnull (strstr (nameless.err, "--customer"));
  plantar_test_rm_rf (dir);
}

static void
strip_member (JsonNode   *node,
              const char *member)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr(GList) members = NULL;
      json_object_remove_member (o, member);
      members = json_object_get_members (o);
      for (GList *m = members; m != NULL; m = m->next)
        strip_member (json_object_get_member (o, m->data), member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (a); i++)
        strip_member (json_array_get_element (a, i), member);
    }
}

/* The JSON as a script reads it, without the time it took to make */
static char *
json_without_timing (const char *text)
{
  g_autoptr(JsonNode) root = parse_json (text);
  strip_member (root, "elapsed_ms");
  return json_to_string (root, TRUE);
}

/* A German user's Plantar: German words and decimal commas on screen and
 * in the report, the insole rules' reasons in German; and the same JSON
 * as in any other locale, for the scripts that read it. */
static void
test_locale (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *locales = g_build_filename (dir, "locales", NULL);
  g_autofree char *german = g_build_filename (locales, "de_DE.UTF-8", NULL);
  g_autofree char *walk = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "demo-walk.csv.gz", NULL);
  g_autofree char *print = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "demo-footprint.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "bericht.pdf", NULL);
  const char *localedef[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", german, NULL };
  const char *pdftotext[] = { "pdftotext", "-layout", pdf, "-", NULL };
  const char *commands[][4] = {
    { "analyze", "--json", walk, NULL },
    { "report", "--json", print, NULL },
    { "info", "--json", walk, NULL },
  };
  g_autofree char *report_text = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  char *c_json[G_N_ELEMENTS (commands)];

  g_mkdir_with_parents (locales, 0700);
  if (!g_spawn_sync (NULL, (char **) localedef, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      /* CI installs Debian's locales package: there it must work */
      g_assert_null (g_getenv ("CI"));
      g_test_skip ("localedef cannot make de_DE.UTF-8 here (Debian: the locales package)");
      plantar_test_rm_rf (dir);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      run_cli (&run, commands[i][0], commands[i][1], commands[i][2], NULL);
      g_assert_cmpint (run.status, ==, 0);
      c_json[i] = json_without_timing (run.out);
    }

  g_setenv ("LOCPATH", locales, TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *json = NULL;
      run_cli (&run, commands[i][0], commands[i][1], commands[i][2], NULL);
      g_assert_cmpint (run.status, ==, 0);
      json = json_without_timing (run.out);
      g_assert_cmpstr (json, ==, c_json[i]);
      g_free (c_json[i]);
    }
  {
    g_auto(Run) text = { 0 };
    g_auto(Run) bad = { 0 };
    g_auto(Run) report = { 0 };

    run_cli (&text, "analyze", print, NULL);
    g_assert_cmpint (text.status, ==, 0);
    g_assert_true (g_regex_match_simple ("Gewölbeindex +0,2[0-9]{2} +0,3[0-9]{2}", text.out, 0, 0));
    g_assert_true (g_regex_match_simple ("Fußlänge mm +2[0-9]{2},[0-9]", text.out, 0, 0));

    run_cli (&bad, "analyze", "--allowance=90", print, NULL);
    g_assert_cmpint (bad.status, ==, 2);
    g_assert_nonnull (strstr (bad.err, "--allowance liegt zwischen 0 und 40 mm"));

    run_cli (&report, "report", print, "-o", pdf, "--pain", "heel", NULL);
    g_assert_cmpint (report.status, ==, 0);
  }
  g_unsetenv ("LOCPATH");
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &report_text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report_text, "Anpassungsbericht"));
  g_assert_nonnull (strstr (report_text, "Linker Fuß"));
  /* the built-in rules' reasons and caveat in German, numbers with commas */
  g_assert_true (g_regex_match_simple ("Gewölbeindex 0,3[0-9]{2} ist 0,26 oder mehr: Plattfuß", report_text, 0, 0));
  g_assert_nonnull (strstr (report_text, "Schmerzen an der Ferse"));
  g_assert_nonnull (strstr (report_text, "keine Diagnose"));
  g_assert_null (strstr (report_text, "Arch index"));
  plantar_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sane = plantar_test_sane_config ();
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/info-json", test_info_json);
  g_test_add_func ("/cli/info-several", test_info_several);
  g_test_add_func ("/cli/info-text", test_info_text);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/generate", test_generate);
  g_test_add_func ("/cli/formats", test_formats);
  g_test_add_func ("/cli/analyze-json", test_analyze_json);
  g_test_add_func ("/cli/analyze-text", test_analyze_text);
  g_test_add_func ("/cli/photo", test_photo);
  g_test_add_func ("/cli/scanner", test_scanner);
  g_test_add_func ("/cli/watch", test_watch);
  g_test_add_func ("/cli/insole", test_insole);
  g_test_add_func ("/cli/gait", test_gait);
  g_test_add_func ("/cli/locale", test_locale);
  g_test_add_func ("/cli/records", test_records);
  status = g_test_run ();
  plantar_test_rm_rf (sane);
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-test"

#include "config.h"

#include <libpq-fe.h>
#include <sys/wait.h>
#include <string.h>

#include "plantar-test-util.h"

/* The real vendor exports live beside the checkout, in ../shared/fixtures/pressure/.
 * They are read from there and never copied into the project. */
char *
plantar_test_fixture (const char *name)
{
  const char *shared = g_getenv ("PLANTAR_SHARED_DIR");
  char *path;

  g_assert_nonnull (shared);
  path = g_build_filename (shared, "fixtures", "pressure", name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("fixture %s is missing: the tests need ../shared/fixtures/pressure beside the checkout", path);
  return path;
}

GBytes *
plantar_test_read_fixture (const char *name)
{
  g_autofree char *path = plantar_test_fixture (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

char *
plantar_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("plantar-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

char *
plantar_test_write (const char *dir,
                    const char *name,
                    const void *data,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

GPtrArray *
plantar_test_import_bytes (const void                 *data,
                           gsize                       length,
                           const PlantarImportOptions *options,
                           GError                    **error)
{
  /* a copy that ends where the data ends, so ASan sees every overread */
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  return plantar_import_bytes (bytes, "test-file", options, error);
}

PlantarScan *
plantar_test_import_one (const char                 *path,
                         const PlantarImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_import_file (path, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scans);
  g_assert_cmpuint (scans->len, ==, 1);
  return plantar_scan_ref (g_ptr_array_index (scans, 0));
}

/* Importing @data must fail with @code and a message holding @fragment. */
void
plantar_test_assert_import_error (const void *data,
                                  gsize       length,
                                  int         code,
                                  const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_test_import_bytes (data, length, NULL, &error);

  if (scans != NULL)
    g_error ("expected error %d (“%s”), but this was accepted:\n%.*s", code, fragment ? fragment : "",
             (int) MIN (length, 2000), (const char *) data);
  g_assert_error (error, PLANTAR_IMPORT_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in the message: %s", fragment, error->message);
  /* every message names the file */
  g_assert_nonnull (strstr (error->message, "“test-file”"));
}

void
plantar_test_rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        plantar_test_rm_rf (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* ------------------------------------------------------------ synthetic feet */

/* A page just larger than the foot, the foot 25 mm from its edges. */
PlantarScan *
plantar_test_render_page (PlantarSynthFoot *foot,
                          double            dpi,
                          gboolean          ink,
                          double            noise,
                          double            blur_mm,
                          guint32           seed)
{
  PlantarSynthPage page;
  double x0, y0, x1, y1;
  g_autoptr(GError) error = NULL;
  PlantarScan *scan;

  foot->heel_x_mm = 0;
  foot->heel_y_mm = 0;
  plantar_synth_foot_bounds (foot, &x0, &y0, &x1, &y1);
  foot->heel_x_mm = 25 - x0;
  foot->heel_y_mm = 25 - y0;

  plantar_synth_page_init (&page);
  page.width_mm = x1 - x0 + 50;
  page.height_mm = y1 - y0 + 50;
  page.dpi = dpi;
  page.dark_on_light = ink;
  page.noise = noise;
  page.blur_mm = blur_mm;
  page.seed = seed;
  scan = plantar_synth_render_page (&page, foot, 1, &error);
  g_assert_no_error (error);
  /* the analysis must find the side itself */
  plantar_scan_set_side (scan, PLANTAR_SIDE_UNKNOWN);
  return scan;
}

PlantarAnalysis *
plantar_test_analyze (PlantarScan *scan)
{
  g_autoptr(GError) error = NULL;
  PlantarAnalysis *analysis = plantar_analyze (scan, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  return analysis;
}

/* A fitting of one scan, measured with the default settings. */
PlantarFitting *
plantar_test_fitting_of (PlantarScan *scan)
{
  PlantarFitting *fitting = plantar_fitting_new ();
  g_autoptr(GPtrArray) scans = g_ptr_array_new ();
  const char *names[] = { "scan", NULL };

  g_ptr_array_add (scans, scan);
  plantar_fitting_set_scans (fitting, scans, names, NULL);
  return fitting;
}

/* The text of a file in tests/data/. */
char *
plantar_test_read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* A phone photo (JPEG, @width × @height) of a right foot's print on A4,
 * the camera tilted @tilt degrees; the sheet's true corners in @truth. */
GBytes *
plantar_test_photo_jpeg (guint         width,
                         guint         height,
                         double        tilt,
                         PlantarSheet *truth)
{
  PlantarSynthPhoto photo;
  PlantarSynthFoot foot;
  PlantarSheet sheet_truth;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) sheet = NULL;
  g_autofree guint8 *rgb = NULL;

  plantar_synth_photo_init (&photo);
  photo.width = width;
  photo.height = height;
  photo.tilt_deg = tilt;
  photo.turn_deg = 10;
  plantar_synth_foot_init (&foot, PLANTAR_SIDE_RIGHT, 250);
  foot.heel_x_mm = 105;
  foot.heel_y_mm = 148 + 125 - foot.heel_width_mm / 2;
  sheet = plantar_synth_render_sheet (&photo, &foot, 1, 150, &error);
  g_assert_no_error (error);
  rgb = plantar_synth_render_photo (&photo, sheet, truth ? truth : &sheet_truth);
  return plantar_synth_encode_jpeg (rgb, photo.width, photo.height, 90, 1);
}

/* A SANE configuration of the test's own that names only SANE's "test"
 * backend (two virtual scanners), set in SANE_CONFIG_DIR before SANE
 * starts. The folder, to remove. */
char *
plantar_test_sane_config (void)
{
  char *dir = g_dir_make_tmp ("plantar-sane-XXXXXX", NULL);
  g_autofree char *dll = g_build_filename (dir, "dll.conf", NULL);

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (dll, "test\n", -1, NULL));
  g_setenv ("SANE_CONFIG_DIR", dir, TRUE);
  return dir;
}

/* ------------------------------------------------------------ server */

static gboolean
server_script (const char *command,
               const char *dir,
               int        *status)
{
  g_autofree char *script = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "tests", "pg-server", NULL);
  const char *argv[] = { script, command, dir, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, status, &error))
    g_error ("pg-server: %s", error->message);
  if (*status != 0 && !(g_spawn_check_wait_status (*status, NULL) == FALSE && WIFEXITED (*status) &&
                        WEXITSTATUS (*status) == 77))
    g_printerr ("pg-server %s: %s%s\n", command, out, err);
  return g_spawn_check_wait_status (*status, NULL);
}

PlantarTestServer *
plantar_test_server_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plantar-pg-XXXXXX", &error);
  PlantarTestServer *server;
  int status;

  g_assert_no_error (error);
  if (!server_script ("start", dir, &status))
    {
      plantar_test_rm_rf (dir);
      if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
        {
          if (g_getenv ("CI") != NULL)
            g_error ("PostgreSQL's server is not installed, and CI must run the tests on it");
          return NULL;
        }
      g_error ("the throwaway PostgreSQL server did not start");
    }
  server = g_new0 (PlantarTestServer, 1);
  server->dir = g_steal_pointer (&dir);
  return server;
}

void
plantar_test_server_ctl (PlantarTestServer *server,
                         const char        *command)
{
  int status;

  g_assert_true (server_script (command, server->dir, &status));
}

void
plantar_test_server_free (PlantarTestServer *server)
{
  int status;

  if (server == NULL)
    return;
  server_script ("stop", server->dir, &status);
  plantar_test_rm_rf (server->dir);
  g_free (server->dir);
  g_free (server);
}

char *
plantar_test_server_sql (PlantarTestServer *server,
                         const char        *database,
                         const char        *sql)
{
  const char *keywords[] = { "host", "user", "dbname", NULL };
  const char *values[] = { server->dir, "plantar", database ? database : "postgres", NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, FALSE);
  PGresult *res;
  char *first = NULL;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("connecting to the test server: %s", PQerrorMessage (conn));
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
    first = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  PQfinish (conn);
  return first;
}

char *
plantar_test_server_database (PlantarTestServer *server,
                              const char        *user)
{
  g_autofree char *name = g_strdup_printf ("records_%u", ++server->databases);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s OWNER %s", name, user ? user : "plantar");

  g_free (plantar_test_server_sql (server, NULL, create));
  return g_strdup_printf ("postgresql://%s@/%s?host=%s", user ? user : "plantar", name, server->dir);
}

char *
plantar_test_server_name (const char *address)
{
  const char *slash = strstr (address, "@/");
  const char *query = slash ? strchr (slash, '?') : NULL;

  g_assert_nonnull (query);
  return g_strndup (slash + 2, query - slash - 2);
}

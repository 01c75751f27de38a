/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fitting records: customers, fittings with their scans and
 * corrections, search, export and import, backup and restore, and what
 * goes wrong: an old schema, a newer one, a damaged file, a second
 * Plantar, a full disk, and a writer killed in the middle of saving. */
#include "config.h"

#include <sys/stat.h>

#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plantar-records.h"
#include "plantar-crypt.h"
#include "plantar-test-util.h"

static char *
demo_path (const char *name)
{
  return g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", name, NULL);
}

static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static gint64
add_customer (PlantarRecords *records,
              const char     *name)
{
  PlantarCustomer c = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  c.name = (char *) name;
  id = plantar_records_add_customer (records, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A fitting of the demo footprint with the left heel moved by hand. */
static PlantarFittingRecord *
demo_record (PlantarFitting **fitting_out,
             double          *left_ai)
{
  g_autofree char *demo = demo_path ("demo-footprint.png");
  g_autoptr(GPtrArray) scans = plantar_import_file (demo, NULL, NULL);
  g_autoptr(PlantarFitting) fitting = plantar_fitting_new ();
  PlantarFittingRecord *record = plantar_fitting_record_new ();
  PlantarStoredScan *stored = g_new0 (PlantarStoredScan, 1);
  PlantarCorrections c;
  g_autoptr(PlantarAdvice) advice = NULL;
  gchar *data;
  gsize size;

  g_assert_nonnull (scans);
  plantar_fitting_set_scans (fitting, scans, NULL, NULL);
  c = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT)->corrections;
  c.has_heel_centre = TRUE;
  c.heel_centre = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT)->heel_centre;
  c.heel_centre.y += 6;
  g_assert_true (plantar_fitting_correct (fitting, PLANTAR_SIDE_LEFT, &c, FALSE));
  *left_ai = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->arch_index;
  {
    /* the right insole changed by the designer */
    g_autoptr(JsonObject) insole = json_object_new ();
    json_object_set_double_member (insole, "heel_cup_depth_mm", 16.5);
    json_object_set_string_member (insole, "length", "three-quarter");
    plantar_fitting_set_insole_overrides (fitting, PLANTAR_SIDE_RIGHT, insole);
  }

  g_assert_true (g_file_get_contents (demo, &data, &size, NULL));
  stored->name = g_strdup ("demo-footprint.png");
  stored->bytes = g_bytes_new_take (data, size);
  g_ptr_array_add (record->scans, stored);
  record->fitter = g_strdup ("Sam");
  record->notes = g_strdup ("Tried two pairs");
  record->answers.pain = PLANTAR_PAIN_HEEL | PLANTAR_PAIN_KNEE;
  record->answers.pain_left = PLANTAR_PAIN_KNEE;
  advice = plantar_rules_suggest (plantar_rules_get_builtin (), plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT),
                                  plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT), &record->answers, NULL);
  plantar_fitting_record_capture (record, fitting, advice, NULL);
  if (fitting_out)
    *fitting_out = g_steal_pointer (&fitting);
  return record;
}

static void
test_open_and_customers (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sub", "records.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = plantar_records_open (path, &error);
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *mode = NULL, *version = NULL;
  PlantarCustomer update = { 0 };
  gint64 zoe;

  g_assert_no_error (error);
  mode = sql_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  version = sql_text (path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, PLANTAR_RECORDS_SCHEMA_VERSION);

  zoe = add_customer (records, "Zoë Müller-Lüdenscheidt");
  add_customer (records, "John Smith");
  add_customer (records, "Jo Smithers");
  add_customer (records, "Anna Jones");

  found = plantar_records_search (records, "mül", 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((PlantarCustomer *) g_ptr_array_index (found, 0))->name, ==, "Zoë Müller-Lüdenscheidt");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = plantar_records_search (records, "  jo   SMITH ", 0, &error);
  g_assert_cmpuint (found->len, ==, 2);   /* John Smith, Jo Smithers; not Anna Jones */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = plantar_records_search (records, "jones", 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = plantar_records_search (records, "%", 0, &error);   /* a wildcard is a character */
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = plantar_records_search (records, "", 2, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  update.id = zoe;
  update.name = (char *) "Zoe Mueller";
  update.contact = (char *) "zoe@example.org";
  g_assert_true (plantar_records_update_customer (records, &update, &error));
  {
    g_autoptr(PlantarCustomer) c = plantar_records_get_customer (records, zoe, &error);
    g_assert_cmpstr (c->name, ==, "Zoe Mueller");
    g_assert_cmpstr (c->contact, ==, "zoe@example.org");
  }
  {
    PlantarCustomer nameless = { 0 };
    nameless.name = (char *) "   ";
    g_assert_cmpint (plantar_records_add_customer (records, &nameless, &error), ==, 0);
    g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* a second Plantar */
  {
    g_autoptr(PlantarRecords) second = plantar_records_open (path, &error);
    g_assert_null (second);
    g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_LOCKED);
    g_assert_nonnull (strstr (error->message, "another Plantar"));
    g_clear_error (&error);
  }
  g_clear_pointer (&records, plantar_records_close);
  records = plantar_records_open (path, &error);
  g_assert_no_error (error);
  plantar_test_rm_rf (dir);
}

/* A fitting saved, listed, loaded and opened again as it was, from its own
 * copy of the scan. */
static void
test_fitting_roundtrip (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = plantar_records_open (path, &error);
  g_autoptr(PlantarFitting) fitting = NULL;
  g_autoptr(PlantarFittingRecord) record = NULL;
  g_autoptr(PlantarFittingRecord) loaded = NULL;
  g_autoptr(PlantarFitting) restored = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  double left_ai;
  gint64 customer = add_customer (records, "Jane Runner");

  record = demo_record (&fitting, &left_ai);
  record->customer_id = customer;
  g_assert_true (plantar_records_save_fitting (records, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (record->id, >, 0);
  g_assert_nonnull (strstr (record->summary, "L 0."));
  g_assert_cmpstr (record->suggestion, ==, "Neutral support insole · Structured orthotic");

  /* saved again after a change: the same row, the scans written once */
  g_free (record->notes);
  record->notes = g_strdup ("Chose the firmer pair");
  g_assert_true (plantar_records_save_fitting (records, record, &error));
  {
    g_autofree char *n = sql_text (path, "SELECT count(*) FROM scans");
    g_assert_cmpstr (n, ==, "1");
  }

  list = plantar_records_list_fittings (records, customer, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((PlantarFittingRecord *) g_ptr_array_index (list, 0))->notes, ==, "Chose the firmer pair");
  g_assert_cmpuint (((PlantarFittingRecord *) g_ptr_array_index (list, 0))->scans->len, ==, 0);
  {
    g_autoptr(PlantarCustomer) c = plantar_records_get_customer (records, customer, &error);
    g_assert_cmpuint (c->n_fittings, ==, 1);
  }

  loaded = plantar_records_load_fitting (records, record->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->fitter, ==, "Sam");
  g_assert_cmpuint (loaded->answers.pain, ==, PLANTAR_PAIN_HEEL | PLANTAR_PAIN_KNEE);
  g_assert_cmpuint (loaded->answers.pain_left, ==, PLANTAR_PAIN_KNEE);
  g_assert_cmpuint (loaded->answers.pain_right, ==, 0);
  g_assert_cmpuint (loaded->scans->len, ==, 1);
  g_assert_cmpuint (g_bytes_get_size (((PlantarStoredScan *) g_ptr_array_index (loaded->scans, 0))->bytes), >, 10000);
  restored = plantar_fitting_record_restore (loaded, &scans, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scans->len, ==, 1);
  /* the heel as it was moved, and the arch index it gave */
  g_assert_cmpfloat_with_epsilon (plantar_fitting_get_foot (restored, PLANTAR_SIDE_LEFT)->arch_index, left_ai, 1e-9);
  g_assert_cmpfloat_with_epsilon (plantar_fitting_get_foot (restored, PLANTAR_SIDE_RIGHT)->arch_index,
                                  plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->arch_index, 1e-9);
  g_assert_true (plantar_fitting_get_shown (restored, PLANTAR_SIDE_LEFT)->corrections.has_heel_centre);
  g_assert_false (plantar_fitting_can_undo (restored));
  /* and the insole as the designer left it */
  g_assert_null (plantar_fitting_get_insole_overrides (restored, PLANTAR_SIDE_LEFT));
  {
    JsonObject *insole = plantar_fitting_get_insole_overrides (restored, PLANTAR_SIDE_RIGHT);
    g_assert_nonnull (insole);
    g_assert_cmpfloat (json_object_get_double_member (insole, "heel_cup_depth_mm"), ==, 16.5);
    g_assert_cmpstr (json_object_get_string_member (insole, "length"), ==, "three-quarter");
  }

  /* the session marker */
  g_assert_cmpint (plantar_records_get_open_fitting (records), ==, 0);
  g_assert_true (plantar_records_set_open_fitting (records, record->id, &error));
  g_assert_cmpint (plantar_records_get_open_fitting (records), ==, record->id);

  /* gone for good: no trace of the name in the file */
  g_assert_true (plantar_records_delete_customer (records, customer, &error));
  g_assert_false (plantar_records_delete_customer (records, customer, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (plantar_records_load_fitting (records, record->id, &error));
  g_clear_error (&error);
  {
    g_autofree char *n = sql_text (path, "SELECT count(*) FROM scans");
    g_autofree char *bytes = NULL;
    gsize size;
    g_assert_cmpstr (n, ==, "0");
    g_clear_pointer (&records, plantar_records_close);
    g_assert_true (g_file_get_contents (path, &bytes, &size, NULL));
    g_assert_null (g_strstr_len (bytes, size, "Jane Runner"));
    g_assert_null (g_strstr_len (bytes, size, "firmer pair"));
  }
  plantar_test_rm_rf (dir);
}

/* A database of the first schema is copied aside, then brought up to date
 * with everything in it. */
static void
sheet_set_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;
  plantar_fitting_set_sheet_finish (PLANTAR_FITTING (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

/* A photo's sheet moved by hand comes back from the records as it was
 * left, not as it is found again in the photo. */
static void
test_photo_sheet (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = plantar_records_open (path, &error);
  g_autoptr(GBytes) jpeg = plantar_test_photo_jpeg (1200, 900, 15, NULL);
  g_autoptr(GPtrArray) scans = plantar_import_bytes (jpeg, "photo.jpg", NULL, &error);
  g_autoptr(PlantarFitting) fitting = plantar_test_fitting_of (g_ptr_array_index (scans, 0));
  g_autoptr(PlantarFittingRecord) record = plantar_fitting_record_new ();
  g_autoptr(PlantarFittingRecord) loaded = NULL;
  g_autoptr(PlantarFitting) restored = NULL;
  PlantarStoredScan *stored = g_new0 (PlantarStoredScan, 1);
  PlantarSheet moved = *plantar_scan_get_sheet (g_ptr_array_index (scans, 0));
  gboolean done = FALSE;
  double length;

  /* a little inside the sheet found */
  moved.x[0] += 6;
  moved.y[0] += 4;
  plantar_fitting_set_sheet_async (fitting, 0, &moved, FALSE, NULL, sheet_set_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (plantar_fitting_get_error (fitting, 0));
  g_assert_nonnull (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT));
  length = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->foot_length_mm;

  stored->name = g_strdup ("photo.jpg");
  stored->bytes = g_bytes_ref (jpeg);
  g_ptr_array_add (record->scans, stored);
  plantar_fitting_record_capture (record, fitting, NULL, NULL);
  g_assert_true (plantar_records_save_fitting (records, record, &error));
  loaded = plantar_records_load_fitting (records, record->id, &error);
  g_assert_no_error (error);
  restored = plantar_fitting_record_restore (loaded, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (plantar_sheet_equal (plantar_scan_get_sheet (plantar_fitting_get_scan (restored, 0)), &moved));
  g_assert_cmpfloat (plantar_fitting_get_foot (restored, PLANTAR_SIDE_RIGHT)->foot_length_mm, ==, length);
  g_clear_pointer (&records, plantar_records_close);
  plantar_test_rm_rf (dir);
}

static void
test_migration (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = NULL;
  g_autoptr(GPtrArray) found = NULL;
  sqlite3 *db = NULL;

  /* schema 1 as Plantar 0.1 wrote it */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "PRAGMA journal_mode = WAL;"
    "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL,"
    "  birth_date TEXT, notes TEXT, created INTEGER NOT NULL);"
    "CREATE INDEX customers_name_key ON customers (name_key);"
    "CREATE TABLE fittings (id INTEGER PRIMARY KEY,"
    "  customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,"
    "  created INTEGER NOT NULL, modified INTEGER NOT NULL, fitter TEXT, notes TEXT, answers TEXT,"
    "  state TEXT NOT NULL, measurements TEXT, suggestion TEXT);"
    "CREATE INDEX fittings_customer ON fittings (customer_id, created);"
    "CREATE TABLE scans (id INTEGER PRIMARY KEY,"
    "  fitting_id INTEGER NOT NULL REFERENCES fittings (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL, name TEXT NOT NULL, bytes BLOB NOT NULL,"
    "  cell_width_mm REAL NOT NULL DEFAULT 0, cell_height_mm REAL NOT NULL DEFAULT 0,"
    "  frame_ms REAL NOT NULL DEFAULT 0);"
    "CREATE TABLE session (key TEXT PRIMARY KEY, value INTEGER);"
    "INSERT INTO customers VALUES (1, 'Old Customer', 'old customer', NULL, 'since 2024', 1700000000);"
    "INSERT INTO fittings VALUES (1, 1, 1700000000, 1700000000, 'Kim', 'first visit', NULL, '{}', NULL, 'Neutral');"
    "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  records = plantar_records_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plantar_records_get_migration_backup (records));
  {
    g_autofree char *old = sql_text (plantar_records_get_migration_backup (records), "PRAGMA user_version");
    g_autofree char *now = sql_text (path, "PRAGMA user_version");
    g_assert_cmpstr (old, ==, "1");
    g_assert_cmpint (atoi (now), ==, PLANTAR_RECORDS_SCHEMA_VERSION);
  }
  found = plantar_records_search (records, "old", 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((PlantarCustomer *) g_ptr_array_index (found, 0))->notes, ==, "since 2024");
  g_assert_cmpuint (((PlantarCustomer *) g_ptr_array_index (found, 0))->n_fittings, ==, 1);
  {
    g_autoptr(GPtrArray) list = plantar_records_list_fittings (records, 1, &error);
    g_assert_cmpstr (((PlantarFittingRecord *) g_ptr_array_index (list, 0))->notes, ==, "first visit");
    g_assert_null (((PlantarFittingRecord *) g_ptr_array_index (list, 0))->summary);
  }
  /* the new column works */
  {
    PlantarCustomer c = { 0 };
    c.id = 1;
    c.name = (char *) "Old Customer";
    c.contact = (char *) "0131 000 0000";
    g_assert_true (plantar_records_update_customer (records, &c, &error));
  }
  g_clear_pointer (&records, plantar_records_close);

  /* opened again: nothing more to do */
  records = plantar_records_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (plantar_records_get_migration_backup (records));
  plantar_test_rm_rf (dir);
}

static void
test_bad_databases (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize before_size, after_size;

  /* written by a newer Plantar: refused, untouched */
  records = plantar_records_open (path, &error);
  g_assert_no_error (error);
  add_customer (records, "Someone");
  g_clear_pointer (&records, plantar_records_close);
  {
    sqlite3 *db;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 9", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_true (g_file_get_contents (path, &before, &before_size, NULL));
  records = plantar_records_open (path, &error);
  g_assert_null (records);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer Plantar"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &after, &after_size, NULL));
  g_assert_cmpmem (before, before_size, after, after_size);

  /* garbage where the records were: said, kept, set aside */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_unlink (wal);
  }
  g_assert_true (g_file_set_contents (path, "This is not a database, it is a shopping list: milk, bread, insoles. "
                                            "It goes on for a while to fill the header of a page of SQLite. "
                                            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", -1, NULL));
  records = plantar_records_open (path, &error);
  g_assert_null (records);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);
  aside = plantar_records_set_aside (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  records = plantar_records_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&records, plantar_records_close);

  /* a folder that cannot be made */
  records = plantar_records_open ("/proc/plantar-test/records.db", &error);
  g_assert_null (records);
  g_assert_true (g_error_matches (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO) ||
                 g_error_matches (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_READ_ONLY));
  g_assert_nonnull (strstr (error->message, "/proc/plantar-test"));
  g_clear_error (&error);

  /* a folder that cannot be written to (sysfs refuses new files, even
   * to root, as a read-only disk would) */
  if (g_file_test ("/sys/kernel", G_FILE_TEST_IS_DIR))
    {
      records = plantar_records_open ("/sys/kernel/plantar-records.db", &error);
      g_assert_null (records);
      g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "cannot be opened"));
      g_clear_error (&error);
    }
  else
    g_test_message ("no sysfs here: the read-only folder is not tried");

  plantar_test_rm_rf (dir);
}

/* The disk fills up: the save fails whole, said plainly, and what was
 * saved before stays. */
static void
test_full_disk (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = plantar_records_open (path, &error);
  g_autoptr(PlantarFittingRecord) small = plantar_fitting_record_new ();
  g_autoptr(PlantarFittingRecord) big = plantar_fitting_record_new ();
  PlantarStoredScan *scan = g_new0 (PlantarStoredScan, 1);
  g_autoptr(GPtrArray) list = NULL;

  small->notes = g_strdup ("small");
  g_assert_true (plantar_records_save_fitting (records, small, &error));
  plantar_records_set_max_size (records, 256 * 1024);
  scan->name = g_strdup ("huge.png");
  scan->bytes = g_bytes_new_take (g_malloc0 (2 * 1024 * 1024), 2 * 1024 * 1024);
  g_ptr_array_add (big->scans, scan);
  g_assert_false (plantar_records_save_fitting (records, big, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_cmpint (big->id, ==, 0);
  list = plantar_records_list_fittings (records, 0, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((PlantarFittingRecord *) g_ptr_array_index (list, 0))->notes, ==, "small");
  plantar_test_rm_rf (dir);
}

/* A writer killed at random points, many times: the file opens, passes
 * integrity_check, and holds every fitting that was reported saved. */
static void
test_killed_writer (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  GRand *rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) saved = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int round = 0; round < 25; round++)
    {
      int fds[2];
      pid_t pid;
      gint64 id;
      g_autoptr(GError) error = NULL;
      g_autoptr(PlantarRecords) records = NULL;
      g_autofree char *check = NULL;
      guint before = saved->len;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          /* the writer: saves fittings as fast as it can, and says so
           * after each commit */
          PlantarRecords *w;
          close (fds[0]);
          w = plantar_records_open (path, NULL);
          if (w == NULL)
            _exit (3);
          for (int i = 0;; i++)
            {
              PlantarFittingRecord *r = plantar_fitting_record_new ();
              PlantarStoredScan *scan = g_new0 (PlantarStoredScan, 1);
              gsize size = 1000 + (i * 7919) % 200000;
              scan->name = g_strdup_printf ("scan-%d.csv", i);
              scan->bytes = g_bytes_new_take (g_malloc0 (size), size);
              g_ptr_array_add (r->scans, scan);
              r->notes = g_strdup_printf ("round %d fitting %d", round, i);
              if (!plantar_records_save_fitting (w, r, NULL))
                _exit (4);
              if (write (fds[1], &r->id, sizeof r->id) != sizeof r->id)
                _exit (5);
              plantar_fitting_record_free (r);
            }
        }
      close (fds[1]);
      g_usleep (g_rand_int_range (rand, 2000, 120000));
      kill (pid, SIGKILL);
      waitpid (pid, NULL, 0);
      while (read (fds[0], &id, sizeof id) == sizeof id)
        g_array_append_val (saved, id);
      close (fds[0]);

      records = plantar_records_open (path, &error);
      g_assert_no_error (error);
      check = sql_text (path, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok");
      for (guint i = 0; i < saved->len; i++)
        {
          g_autoptr(PlantarFittingRecord) r = plantar_records_load_fitting (records, g_array_index (saved, gint64, i), &error);
          g_assert_no_error (error);
          g_assert_cmpuint (r->scans->len, ==, 1);
        }
      (void) before;
    }
  g_assert_cmpuint (saved->len, >, 25);
  g_rand_free (rand);
  plantar_test_rm_rf (dir);
}

/* The bundle a sealed export holds, by hand: name, length, bytes */
static void
bundle_add (GByteArray *b,
            const char *name,
            const char *data)
{
  guint16 n = GUINT16_TO_LE (strlen (name));
  guint64 len = GUINT64_TO_LE (strlen (data));
  g_byte_array_append (b, (const guint8 *) &n, 2);
  g_byte_array_append (b, (const guint8 *) name, strlen (name));
  g_byte_array_append (b, (const guint8 *) &len, 8);
  g_byte_array_append (b, (const guint8 *) data, strlen (data));
}

static void
assert_bundle_refused (PlantarRecords *records,
                       const char     *dir,
                       GByteArray     *bundle,
                       const char     *says)
{
  g_autofree char *plain = g_build_filename (dir, "bundle.bin", NULL);
  g_autofree char *sealed = g_build_filename (dir, "bad.plantar-customer", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = plantar_records_search (records, "", 0, NULL);
  g_autoptr(GPtrArray) after = NULL;

  g_assert_true (g_file_set_contents (plain, (const char *) bundle->data, bundle->len, NULL));
  g_assert_true (plantar_crypt_seal (plain, sealed, "correct horse", &error));
  g_assert_cmpint (plantar_records_import_customer_sealed (records, sealed, "correct horse", &error), ==, 0);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
  if (strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
  after = plantar_records_search (records, "", 0, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
}

/* An export sealed with a passphrase: one file, opened only with it, that
 * leaves nothing in the clear, and whose contents are checked as any
 * input's */
static void
test_export_sealed (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *sealed = g_build_filename (dir, "jane.plantar-customer", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = plantar_records_open (path, &error);
  g_autoptr(PlantarRecords) second = plantar_records_open (other, &error);
  g_autofree char *bytes = NULL;
  gsize size;
  double left_ai;
  gint64 customer = add_customer (records, "Jane Runner"), imported;
  GStatBuf st;

  {
    g_autoptr(PlantarFittingRecord) r = demo_record (NULL, &left_ai);
    r->customer_id = customer;
    g_assert_true (plantar_records_save_fitting (records, r, &error));
  }
  g_assert_true (plantar_records_export_customer_sealed (records, customer, sealed, "correct horse", &error));
  g_assert_no_error (error);
  g_assert_true (plantar_records_is_sealed (sealed));
  g_assert_cmpint (g_stat (sealed, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
  /* nothing of it in the clear: not the name, not the scan's PNG, no folder left */
  g_assert_true (g_file_get_contents (sealed, &bytes, &size, NULL));
  g_assert_null (memmem (bytes, size, "Jane", 4));
  g_assert_null (memmem (bytes, size, "IHDR", 4));
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".export-"));
  }

  /* without the passphrase, with a wrong one, changed: nothing imported */
  g_assert_cmpint (plantar_records_import_customer_sealed (second, sealed, NULL, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "passphrase"));
  g_clear_error (&error);
  g_assert_cmpint (plantar_records_import_customer_sealed (second, sealed, "wrong horse", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autofree char *changed = g_build_filename (dir, "changed.plantar-customer", NULL);
    bytes[size / 2] ^= 0x10;
    g_assert_true (g_file_set_contents (changed, bytes, size, NULL));
    g_assert_cmpint (plantar_records_import_customer_sealed (second, changed, "correct horse", &error), ==, 0);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  /* with it: the customer and the fitting, as they were */
  imported = plantar_records_import_customer_sealed (second, sealed, "correct horse", &error);
  g_assert_no_error (error);
  g_assert_cmpint (imported, >, 0);
  {
    g_autoptr(PlantarCustomer) c = plantar_records_get_customer (second, imported, &error);
    g_autoptr(GPtrArray) list = plantar_records_list_fittings (second, imported, &error);
    g_autoptr(PlantarFittingRecord) r = plantar_records_load_fitting (second, ((PlantarFittingRecord *) g_ptr_array_index (list, 0))->id, &error);
    g_autoptr(PlantarFitting) f = plantar_fitting_record_restore (r, NULL, &error);
    g_assert_cmpstr (c->name, ==, "Jane Runner");
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpfloat_with_epsilon (plantar_fitting_get_foot (f, PLANTAR_SIDE_LEFT)->arch_index, left_ai, 1e-9);
  }
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".import-"));
  }

  /* bundles that lie: names out of the folder, lengths past the end, no customer */
  {
    const char *magic = "PLANTAR-BUNDLE 1\n";
    const char *bad_names[] = { "../escape.json", "scans/../../x", "scans/", "/etc/passwd", "scans/a/b", "notes.txt" };
    for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
      {
        g_autoptr(GByteArray) b = g_byte_array_new ();
        g_byte_array_append (b, (const guint8 *) magic, strlen (magic));
        bundle_add (b, "customer.json", "{}");
        bundle_add (b, bad_names[i], "x");
        g_byte_array_append (b, (const guint8 *) "\0\0", 2);
        assert_bundle_refused (second, dir, b, "not part of an export");
      }
    {
      g_autoptr(GByteArray) b = g_byte_array_new ();
      guint64 huge = GUINT64_TO_LE (G_MAXUINT64 - 4);
      guint16 n = GUINT16_TO_LE (13);
      g_byte_array_append (b, (const guint8 *) magic, strlen (magic));
      g_byte_array_append (b, (const guint8 *) &n, 2);
      g_byte_array_append (b, (const guint8 *) "customer.json", 13);
      g_byte_array_append (b, (const guint8 *) &huge, 8);
      g_byte_array_append (b, (const guint8 *) "{}", 2);
      assert_bundle_refused (second, dir, b, "runs past its end");
    }
    {
      g_autoptr(GByteArray) b = g_byte_array_new ();
      g_byte_array_append (b, (const guint8 *) magic, strlen (magic));
      bundle_add (b, "customer.json", "{}");
      bundle_add (b, "customer.json", "{}");
      g_byte_array_append (b, (const guint8 *) "\0\0", 2);
      assert_bundle_refused (second, dir, b, "twice");
    }
    {
      g_autoptr(GByteArray) b = g_byte_array_new ();
      g_byte_array_append (b, (const guint8 *) magic, strlen (magic));
      bundle_add (b, "measurements.csv", "a,b\n");
      g_byte_array_append (b, (const guint8 *) "\0\0", 2);
      assert_bundle_refused (second, dir, b, "no customer.json");
    }
    {
      g_autoptr(GByteArray) b = g_byte_array_new ();
      g_byte_array_append (b, (const guint8 *) magic, strlen (magic));
      bundle_add (b, "customer.json", "{}");
      assert_bundle_refused (second, dir, b, "stops before its end");
    }
  }
  plantar_test_rm_rf (dir);
}

static void
test_export_import (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *out = g_build_filename (dir, "export", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = plantar_records_open (path, &error);
  g_autoptr(PlantarRecords) second = plantar_records_open (other, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *csv = NULL;
  double left_ai;
  gint64 customer = add_customer (records, "Jane Runner"), imported;

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(PlantarFittingRecord) r = demo_record (NULL, &left_ai);
      r->customer_id = customer;
      r->created = 1760000000 + i * 86400 * 90;
      g_assert_true (plantar_records_save_fitting (records, r, &error));
    }
  g_assert_true (plantar_records_export_customer (records, customer, out, &error));
  g_assert_no_error (error);
  {
    g_autofree char *json = g_build_filename (out, "customer.json", NULL);
    g_autofree char *csv_path = g_build_filename (out, "measurements.csv", NULL);
    g_autofree char *scans = g_build_filename (out, "scans", NULL);
    g_autoptr(GDir) d = g_dir_open (scans, 0, NULL);
    guint n = 0;
    g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    while (g_dir_read_name (d))
      n++;
    g_assert_cmpuint (n, ==, 2);
  }
  g_assert_true (g_str_has_prefix (csv, "fitting,date,side,arch_index,"));
  {
    g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 6);   /* header, 2 fittings × 2 feet, end */
    g_assert_nonnull (strstr (lines[1], ",left,0.2"));
  }

  imported = plantar_records_import_customer (second, out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (imported, >, 0);
  list = plantar_records_list_fittings (second, imported, &error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    g_autoptr(PlantarFittingRecord) r = plantar_records_load_fitting (second, ((PlantarFittingRecord *) g_ptr_array_index (list, 0))->id, &error);
    g_autoptr(PlantarFitting) f = plantar_fitting_record_restore (r, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (r->created, ==, 1760000000 + 86400 * 90);
    g_assert_cmpfloat_with_epsilon (plantar_fitting_get_foot (f, PLANTAR_SIDE_LEFT)->arch_index, left_ai, 1e-9);
  }

  /* a scan that is a link out of the folder (to a secret) is not read */
  {
    g_autofree char *scans_dir = g_build_filename (out, "scans", NULL);
    g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
    g_autoptr(GDir) listing = g_dir_open (scans_dir, 0, NULL);
    const char *first = g_dir_read_name (listing);
    g_autofree char *victim = g_build_filename (scans_dir, first, NULL);
    g_autofree char *saved = g_strconcat (victim, ".saved", NULL);
    guint before = 0;
    g_autoptr(GPtrArray) all = plantar_records_search (second, "", 0, NULL);

    before = all->len;
    g_assert_true (g_file_set_contents (secret, "root:x:0:0", -1, NULL));
    g_assert_cmpint (g_rename (victim, saved), ==, 0);
    g_assert_cmpint (symlink (secret, victim), ==, 0);
    g_assert_cmpint (plantar_records_import_customer (second, out, &error), ==, 0);
    g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "link"));
    g_clear_error (&error);
    g_clear_pointer (&all, g_ptr_array_unref);
    all = plantar_records_search (second, "", 0, NULL);
    g_assert_cmpuint (all->len, ==, before);
    g_unlink (victim);
    g_assert_cmpint (g_rename (saved, victim), ==, 0);
  }
  /* customer.json nested 100 000 deep: refused, no crash */
  {
    g_autofree char *deep_dir = g_build_filename (dir, "deep", NULL);
    g_autofree char *deep = g_build_filename (deep_dir, "customer.json", NULL);
    GString *text = g_string_new (NULL);
    g_assert_cmpint (g_mkdir (deep_dir, 0700), ==, 0);
    for (guint i = 0; i < 100000; i++)
      g_string_append_c (text, '[');
    g_assert_true (g_file_set_contents (deep, text->str, text->len, NULL));
    g_string_free (text, TRUE);
    g_assert_cmpint (plantar_records_import_customer (second, deep_dir, &error), ==, 0);
    g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "deep"));
    g_clear_error (&error);
  }

  /* not an export: nothing imported */
  g_assert_cmpint (plantar_records_import_customer (second, dir, &error), ==, 0);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *scan_dir = g_build_filename (out, "scans", NULL);
    g_autoptr(GPtrArray) all = NULL;
    plantar_test_rm_rf (scan_dir);
    g_assert_cmpint (plantar_records_import_customer (second, out, &error), ==, 0);
    g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "missing"));
    g_clear_error (&error);
    all = plantar_records_search (second, "jane", 0, NULL);
    g_assert_cmpuint (all->len, ==, 1);   /* all or nothing */
  }
  plantar_test_rm_rf (dir);
}

static void
test_backup_restore (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *junk = plantar_test_write (dir, "junk.db", "not a backup at all, and long enough to look like one "
                                                              "........................................................", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = plantar_records_open (path, &error);
  g_autoptr(GPtrArray) found = NULL;
  gint64 id = add_customer (records, "Kept Safe");

  g_assert_true (plantar_records_backup (records, backup, &error));
  g_assert_no_error (error);
  g_assert_true (plantar_records_delete_customer (records, id, &error));
  add_customer (records, "Added Later");

  /* junk: refused, nothing changed */
  g_assert_false (plantar_records_restore (records, junk, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  found = plantar_records_search (records, "added", 0, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  g_assert_true (plantar_records_restore (records, backup, &error));
  g_assert_no_error (error);
  found = plantar_records_search (records, "", 0, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((PlantarCustomer *) g_ptr_array_index (found, 0))->name, ==, "Kept Safe");
  /* the records before the restore were kept beside */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    gboolean kept = FALSE;
    while ((name = g_dir_read_name (d)) != NULL)
      kept |= g_str_has_prefix (name, "records.db.before-restore-");
    g_assert_true (kept);
  }
  plantar_test_rm_rf (dir);
}

/* Fittings not filed under anyone are listed, filed and deleted one by
 * one; a typed name finds its customer whatever its case and accents. */
static void
test_unfiled_and_names (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = plantar_records_open (path, &error);
  g_autoptr(PlantarFittingRecord) a = NULL;
  g_autoptr(PlantarFittingRecord) b = NULL;
  g_autoptr(GPtrArray) unfiled = NULL;
  g_autoptr(GPtrArray) hers = NULL;
  gint64 zoe = add_customer (records, "Zoë Müller");
  gboolean created = TRUE;
  double ai;

  g_assert_cmpint (plantar_records_find_or_add_customer (records, "  zoe   MULLER ", &created, &error), ==, zoe);
  g_assert_false (created);
  g_assert_cmpint (plantar_records_find_or_add_customer (records, "Sam Walker", &created, &error), >, zoe);
  g_assert_true (created);
  g_assert_cmpint (plantar_records_find_or_add_customer (records, "   ", NULL, &error), ==, 0);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
  g_clear_error (&error);

  a = demo_record (NULL, &ai);
  b = demo_record (NULL, &ai);
  g_assert_true (plantar_records_save_fitting (records, a, &error));
  b->created = a->created + 60;
  g_assert_true (plantar_records_save_fitting (records, b, &error));
  unfiled = plantar_records_list_fittings (records, 0, &error);
  g_assert_cmpuint (unfiled->len, ==, 2);
  /* newest first */
  g_assert_cmpint (((PlantarFittingRecord *) g_ptr_array_index (unfiled, 0))->id, ==, b->id);

  g_assert_true (plantar_records_file_fitting (records, a->id, zoe, &error));
  g_assert_no_error (error);
  g_clear_pointer (&unfiled, g_ptr_array_unref);
  unfiled = plantar_records_list_fittings (records, 0, &error);
  hers = plantar_records_list_fittings (records, zoe, &error);
  g_assert_cmpuint (unfiled->len, ==, 1);
  g_assert_cmpuint (hers->len, ==, 1);
  g_assert_cmpint (((PlantarFittingRecord *) g_ptr_array_index (hers, 0))->id, ==, a->id);
  /* no such customer, no such fitting: refused, nothing moved */
  g_assert_false (plantar_records_file_fitting (records, b->id, 9999, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (plantar_records_file_fitting (records, 9999, zoe, &error));
  g_clear_error (&error);

  /* one fitting deleted alone; its customer and the other stay */
  g_assert_true (plantar_records_delete_fitting (records, b->id, &error));
  g_clear_pointer (&unfiled, g_ptr_array_unref);
  unfiled = plantar_records_list_fittings (records, 0, &error);
  g_assert_cmpuint (unfiled->len, ==, 0);
  {
    g_autoptr(PlantarCustomer) c = plantar_records_get_customer (records, zoe, &error);
    g_assert_cmpuint (c->n_fittings, ==, 1);
  }
  g_clear_pointer (&records, plantar_records_close);
  plantar_test_rm_rf (dir);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &data, &length, NULL));
  g_assert_true (g_file_set_contents (to, data, length, NULL));
}

static guint
count_customers (PlantarRecords *records)
{
  g_autoptr(GPtrArray) all = plantar_records_search (records, "", 1000, NULL);
  return all ? all->len : 0;
}

/* A journal beside the records that is not theirs (another SQLite file's,
 * another Plantar's records', with or without its stamp) is set aside
 * untouched, never replayed; their own after a crash is. */
static void
test_foreign_journal (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  PlantarRecords *records;
  PlantarRecords *theirs;
  sqlite3 *db;

  records = plantar_records_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      add_customer (records, name);
    }
  plantar_records_close (records);

  /* another SQLite file's journal, left beside them */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                                     "CREATE TABLE t (x); INSERT INTO t VALUES (zeroblob (200000));",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autofree char *fwal = g_strconcat (foreign, "-wal", NULL);
    g_autofree char *data = NULL;
    g_autofree char *kept = NULL;
    gsize length, kept_length;
    g_autoptr(GDir) listing = NULL;
    const char *entry;
    gboolean found = FALSE;

    g_assert_true (g_file_get_contents (fwal, &data, &length, NULL));
    g_assert_cmpuint (length, >, 32);
    g_assert_true (g_file_set_contents (wal, data, length, NULL));
    records = plantar_records_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_customers (records), ==, 40);
    g_assert_nonnull (plantar_records_get_journal_set_aside (records));
    /* kept as it came */
    g_assert_true (g_file_get_contents (plantar_records_get_journal_set_aside (records), &kept, &kept_length, NULL));
    g_assert_cmpmem (kept, kept_length, data, length);
    plantar_records_close (records);
    listing = g_dir_open (dir, 0, NULL);
    while ((entry = g_dir_read_name (listing)) != NULL)
      found |= g_str_has_prefix (entry, "records.db-wal.not-these-records-");
    g_assert_true (found);
  }
  sqlite3_close (db);

  /* another Plantar's records' journal, and its stamp too */
  theirs = plantar_records_open (other, &error);
  g_assert_no_error (error);
  add_customer (theirs, "Not One Of Ours");
  {
    g_autofree char *owal = g_strconcat (other, "-wal", NULL);
    g_autofree char *owalid = g_strconcat (other, "-walid", NULL);
    g_autofree char *walid = g_strconcat (path, "-walid", NULL);
    copy_file (owal, wal);
    records = plantar_records_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_customers (records), ==, 40);
    g_assert_nonnull (plantar_records_get_journal_set_aside (records));
    plantar_records_close (records);
    copy_file (owal, wal);
    copy_file (owalid, walid);
    records = plantar_records_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_customers (records), ==, 40);
    g_assert_nonnull (plantar_records_get_journal_set_aside (records));
    g_assert_cmpint (plantar_records_find_customer (records, "Not One Of Ours", NULL), ==, 0);
    plantar_records_close (records);
  }
  plantar_records_close (theirs);

  /* their own journal, as a crash leaves it: replayed, nothing set aside */
  records = plantar_records_open (path, &error);
  add_customer (records, "Saved Before The Crash");
  {
    g_autofree char *copy = g_build_filename (dir, "crashed", NULL);
    g_autofree char *copy_db = g_build_filename (copy, "records.db", NULL);
    g_autofree char *copy_wal = g_strconcat (copy_db, "-wal", NULL);
    g_autofree char *copy_walid = g_strconcat (copy_db, "-walid", NULL);
    g_autofree char *walid = g_strconcat (path, "-walid", NULL);
    PlantarRecords *again;

    g_assert_cmpint (g_mkdir (copy, 0700), ==, 0);
    /* the three files as they are on disk while Plantar runs */
    copy_file (path, copy_db);
    copy_file (wal, copy_wal);
    copy_file (walid, copy_walid);
    again = plantar_records_open (copy_db, &error);
    g_assert_no_error (error);
    g_assert_null (plantar_records_get_journal_set_aside (again));
    g_assert_cmpint (plantar_records_find_customer (again, "saved before the crash", NULL), >, 0);
    g_assert_cmpuint (count_customers (again), ==, 41);
    plantar_records_close (again);
  }
  plantar_records_close (records);
  plantar_test_rm_rf (dir);
}

/* Content SQLite cannot vouch for is checked: a fitting whose notes or
 * scan bytes changed behind Plantar's back is reported, by itself, and
 * the others stay usable. */
static void
test_checksums (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autoptr(GError) error = NULL;
  PlantarRecords *records = plantar_records_open (path, &error);
  g_autoptr(PlantarFittingRecord) a = NULL, b = NULL, c = NULL;
  g_autoptr(GArray) damaged = NULL;
  double ai;
  sqlite3 *db;

  g_assert_no_error (error);
  a = demo_record (NULL, &ai);
  b = demo_record (NULL, &ai);
  c = demo_record (NULL, &ai);
  g_assert_true (plantar_records_save_fitting (records, a, &error));
  g_assert_true (plantar_records_save_fitting (records, b, &error));
  g_assert_true (plantar_records_save_fitting (records, c, &error));
  damaged = plantar_records_find_damaged (records, &error);
  g_assert_cmpuint (damaged->len, ==, 0);
  g_clear_pointer (&damaged, g_array_unref);
  plantar_records_close (records);

  /* as a damaged page would: the notes of one, a byte of another's scan */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE fittings SET notes = 'Tried three pairs' WHERE id = %" G_GINT64_FORMAT ";"
                                            "UPDATE scans SET bytes = zeroblob (length (bytes)) WHERE fitting_id = %"
                                            G_GINT64_FORMAT ";", a->id, c->id);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);

  records = plantar_records_open (path, &error);
  g_assert_no_error (error);
  damaged = plantar_records_find_damaged (records, &error);
  g_assert_cmpuint (damaged->len, ==, 2);
  g_assert_cmpint (g_array_index (damaged, gint64, 0), ==, a->id);
  g_assert_cmpint (g_array_index (damaged, gint64, 1), ==, c->id);
  {
    g_autoptr(PlantarFittingRecord) bad = plantar_records_load_fitting (records, a->id, &error);
    g_autoptr(PlantarFittingRecord) good = NULL;
    g_assert_null (bad);
    g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "damaged"));
    g_clear_error (&error);
    good = plantar_records_load_fitting (records, b->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (good->notes, ==, "Tried two pairs");
  }
  plantar_records_close (records);
  plantar_test_rm_rf (dir);
}

/* A backup sealed with a passphrase: unreadable without it (no name in
 * its bytes), restored with it, refused with a wrong one, a changed byte
 * or a cut end, and the records untouched then. */
static void
test_sealed_backup (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autofree char *sealed = g_build_filename (dir, "backup.sealed", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.sealed", NULL);
  g_autoptr(GError) error = NULL;
  PlantarRecords *records = plantar_records_open (path, &error);
  g_autofree char *bytes = NULL;
  gsize length;
  GStatBuf st;

  add_customer (records, "Secret Patient");
  g_assert_false (plantar_records_backup_sealed (records, sealed, "short", &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (plantar_records_backup_sealed (records, sealed, "correct horse battery", &error));
  g_assert_no_error (error);
  g_assert_true (plantar_records_is_sealed (sealed));
  g_assert_cmpint (g_stat (sealed, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (sealed, &bytes, &length, NULL));
  g_assert_null (memmem (bytes, length, "Secret Patient", 14));
  g_assert_null (memmem (bytes, length, "SQLite format", 13));
  /* no clear copy left beside the records */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *entry;
    while ((entry = g_dir_read_name (listing)) != NULL)
      g_assert_null (strstr (entry, "sealing"));
  }

  add_customer (records, "Added Later");
  /* wrong passphrase, none, a changed byte, a cut end: refused, nothing changed */
  g_assert_false (plantar_records_restore_sealed (records, sealed, "wrong horse battery", &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "passphrase"));
  g_clear_error (&error);
  g_assert_false (plantar_records_restore_sealed (records, sealed, NULL, &error));
  g_clear_error (&error);
  bytes[length / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (damaged, bytes, length, NULL));
  g_assert_false (plantar_records_restore_sealed (records, damaged, "correct horse battery", &error));
  g_clear_error (&error);
  bytes[length / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (damaged, bytes, length - 100, NULL));
  g_assert_false (plantar_records_restore_sealed (records, damaged, "correct horse battery", &error));
  g_assert_nonnull (strstr (error->message, "cut short"));
  g_clear_error (&error);
  g_assert_cmpint (plantar_records_find_customer (records, "Added Later", NULL), >, 0);

  /* the right one: the records as they were when sealed */
  g_assert_true (plantar_records_restore_sealed (records, sealed, "correct horse battery", &error));
  g_assert_no_error (error);
  g_assert_cmpint (plantar_records_find_customer (records, "Secret Patient", NULL), >, 0);
  g_assert_cmpint (plantar_records_find_customer (records, "Added Later", NULL), ==, 0);
  plantar_records_close (records);
  plantar_test_rm_rf (dir);
}

/* Delete for good: the person leaves the copies Plantar made itself
 * (before a migration or a restore) too; no one else is touched. */
static void
test_delete_for_good (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autofree char *copy = g_strconcat (path, ".before-restore-20260101-120000", NULL);
  g_autoptr(GError) error = NULL;
  PlantarRecords *records = plantar_records_open (path, &error);
  gint64 gone, kept;
  sqlite3 *db;
  g_autofree char *names = NULL;

  g_assert_no_error (error);
  gone = add_customer (records, "Erased Person");
  kept = add_customer (records, "Kept Person");
  g_assert_true (plantar_records_backup (records, copy, &error));
  g_assert_true (plantar_records_delete_customer (records, gone, &error));
  g_assert_no_error (error);
  g_assert_cmpint (plantar_records_find_customer (records, "Erased Person", NULL), ==, 0);
  g_assert_cmpint (plantar_records_find_customer (records, "Kept Person", NULL), ==, kept);
  plantar_records_close (records);

  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;
    GString *all = g_string_new (NULL);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM customers ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (all, "%s;", sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    names = g_string_free (all, FALSE);
  }
  sqlite3_close (db);
  g_assert_cmpstr (names, ==, "Kept Person;");
  /* nor any trace of the name in the file's bytes */
  {
    g_autofree char *bytes = NULL;
    gsize length;
    g_assert_true (g_file_get_contents (copy, &bytes, &length, NULL));
    g_assert_null (memmem (bytes, length, "Erased Person", 13));
  }
  plantar_test_rm_rf (dir);
}

/* After a restore the records are the backup's, header and all: the
 * journal started then is vouched for, so a crash after it still keeps
 * the saves made since. */
static void
test_journal_after_restore (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "other-backup.db", NULL);
  g_autofree char *crashed = g_build_filename (dir, "crashed", NULL);
  g_autofree char *crashed_db = g_build_filename (crashed, "records.db", NULL);
  g_autoptr(GError) error = NULL;
  PlantarRecords *source = plantar_records_open (other, &error);
  PlantarRecords *records;
  PlantarRecords *again;
  const char *suffixes[] = { "", "-wal", "-walid" };

  add_customer (source, "From The Backup");
  g_assert_true (plantar_records_backup (source, backup, &error));
  plantar_records_close (source);
  records = plantar_records_open (path, &error);
  add_customer (records, "Replaced");
  g_assert_true (plantar_records_restore (records, backup, &error));
  g_assert_no_error (error);
  add_customer (records, "Saved After The Restore");
  g_assert_cmpint (g_mkdir (crashed, 0700), ==, 0);
  for (guint k = 0; k < G_N_ELEMENTS (suffixes); k++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[k], NULL);
      g_autofree char *to = g_strconcat (crashed_db, suffixes[k], NULL);
      copy_file (from, to);
    }
  again = plantar_records_open (crashed_db, &error);
  g_assert_no_error (error);
  g_assert_null (plantar_records_get_journal_set_aside (again));
  g_assert_cmpint (plantar_records_find_customer (again, "Saved After The Restore", NULL), >, 0);
  g_assert_cmpint (plantar_records_find_customer (again, "From The Backup", NULL), >, 0);
  g_assert_cmpint (plantar_records_find_customer (again, "Replaced", NULL), ==, 0);
  plantar_records_close (again);
  plantar_records_close (records);
  plantar_test_rm_rf (dir);
}

/* The records are the user's alone whatever the umask; one Plantar at a
 * time by every name of the file; an emptied file is said, not reused. */
static void
test_records_file_guard (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "plantar", NULL);
  g_autofree char *path = g_build_filename (folder, "records.db", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.db", NULL);
  g_autofree char *symlink_path = g_build_filename (dir, "soft.db", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  PlantarRecords *records;
  PlantarRecords *second;
  mode_t old = umask (022);
  const char *suffixes[] = { "", "-wal", "-shm", "-walid" };
  GStatBuf st;

  records = plantar_records_open (path, &error);
  g_assert_no_error (error);
  add_customer (records, "Private Person");
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_assert_cmpint (g_stat (p, &st), ==, 0);
      if ((st.st_mode & 0777) != 0600)
        g_error ("%s is %o, not 600", p, st.st_mode & 0777);
    }

  /* a backup is the user's alone too */
  {
    g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
    g_assert_true (plantar_records_backup (records, backup, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (backup, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* a hard link and a symlink to the same file: the same lock */
  g_assert_cmpint (link (path, hard), ==, 0);
  g_assert_cmpint (symlink (path, symlink_path), ==, 0);
  second = plantar_records_open (hard, &error);
  g_assert_null (second);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_LOCKED);
  g_clear_error (&error);
  second = plantar_records_open (symlink_path, &error);
  g_assert_null (second);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_LOCKED);
  g_clear_error (&error);
  plantar_records_close (records);

  /* a 0-byte records file: said, kept */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  second = plantar_records_open (empty, &error);
  g_assert_null (second);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_assert_cmpint (g_stat (empty, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  umask (old);
  plantar_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/records/open-and-customers", test_open_and_customers);
  g_test_add_func ("/records/fitting-roundtrip", test_fitting_roundtrip);
  g_test_add_func ("/records/unfiled-and-names", test_unfiled_and_names);
  g_test_add_func ("/records/foreign-journal", test_foreign_journal);
  g_test_add_func ("/records/journal-after-restore", test_journal_after_restore);
  g_test_add_func ("/records/file-guard", test_records_file_guard);
  g_test_add_func ("/records/delete-for-good", test_delete_for_good);
  g_test_add_func ("/records/checksums", test_checksums);
  g_test_add_func ("/records/sealed-backup", test_sealed_backup);
  g_test_add_func ("/records/photo-sheet", test_photo_sheet);
  g_test_add_func ("/records/migration", test_migration);
  g_test_add_func ("/records/bad-databases", test_bad_databases);
  g_test_add_func ("/records/full-disk", test_full_disk);
  g_test_add_func ("/records/killed-writer", test_killed_writer);
  g_test_add_func ("/records/export-import", test_export_import);
  g_test_add_func ("/records/export-sealed", test_export_sealed);
  g_test_add_func ("/records/backup-restore", test_backup_restore);

  return g_test_run ();
}

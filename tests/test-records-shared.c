/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The records' calls, the same tests on both backends: a records file and
 * a PostgreSQL server (a throwaway one on a Unix socket, started here).
 * Then what only a shared server meets: two stations writing at once, the
 * server killed in the middle of a save, the server away and back, a
 * schema from a newer Plantar, a wrong password, a dropped connection. */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plantar-records.h"
#include "plantar-test-util.h"

static PlantarTestServer *server;

typedef struct {
  const char *name;
  gboolean    on_server;
} Backend;

static const Backend file_backend = { "file", FALSE };
static const Backend server_backend = { "server", TRUE };

typedef struct {
  const Backend  *backend;
  char           *dir;
  char           *address;
  PlantarRecords *records;
} Fixture;

static PlantarRecords *
open_records (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PlantarRecords *records = plantar_records_open (f->address, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  if (f->backend->on_server)
    {
      g_autofree char *outbox = g_build_filename (f->dir, "outbox", NULL);
      plantar_records_set_outbox (records, outbox);
    }
  return records;
}

static gboolean
fixture_new (Fixture       *f,
             const Backend *backend)
{
  if (backend->on_server && server == NULL)
    {
      g_test_skip ("PostgreSQL's server is not installed");
      return FALSE;
    }
  f->backend = backend;
  f->dir = plantar_test_tmpdir ();
  f->address = backend->on_server ? plantar_test_server_database (server, NULL)
                                  : g_build_filename (f->dir, "records.db", NULL);
  f->records = open_records (f);
  return TRUE;
}

static void
fixture_clear (Fixture *f)
{
  g_clear_pointer (&f->records, plantar_records_close);
  if (f->dir)
    plantar_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->address);
}

/* Changes the records behind Plantar's back (closed meanwhile). */
static void
tamper (Fixture    *f,
        const char *sql)
{
  g_clear_pointer (&f->records, plantar_records_close);
  if (f->backend->on_server)
    {
      g_autofree char *db = plantar_test_server_name (f->address);
      g_free (plantar_test_server_sql (server, db, sql));
    }
  else
    {
      sqlite3 *db = NULL;
      g_assert_cmpint (sqlite3_open (f->address, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }
  f->records = open_records (f);
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

/* A fitting with the demo footprint's bytes as its scan. */
static PlantarFittingRecord *
new_record (gint64      customer,
            const char *notes)
{
  g_autofree char *demo = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "demo-footprint.png", NULL);
  PlantarFittingRecord *record = plantar_fitting_record_new ();
  PlantarStoredScan *scan = g_new0 (PlantarStoredScan, 1);
  char *data;
  gsize size;

  g_assert_true (g_file_get_contents (demo, &data, &size, NULL));
  scan->name = g_strdup ("demo-footprint.png");
  scan->bytes = g_bytes_new_take (data, size);
  scan->cell_width_mm = 0.25;
  g_ptr_array_add (record->scans, scan);
  record->customer_id = customer;
  record->fitter = g_strdup ("Sam");
  record->notes = g_strdup (notes);
  record->summary = g_strdup ("L 0.259 normal · R 0.306 flat");
  record->suggestion = g_strdup ("Neutral support insole");
  record->answers.pain = PLANTAR_PAIN_HEEL;
  record->state = json_from_string ("{\"dpi\": 300, \"heel\": [12.5, 40.25]}", NULL);
  record->measurements = json_from_string ("{\"left\": {\"arch_index\": 0.259}}", NULL);
  return record;
}

static guint
count_fittings (PlantarRecords *records,
                gint64          customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = plantar_records_list_fittings (records, customer, &error);

  g_assert_no_error (error);
  return list->len;
}

/* ------------------------------------------------------------ both backends */

static void
test_customers (gconstpointer data)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  PlantarCustomer update = { 0 };
  gboolean created;
  gint64 zoe;

  if (!fixture_new (&f, data))
    return;
  g_assert_cmpint (plantar_records_get_schema_version (f.records), ==, PLANTAR_RECORDS_SCHEMA_VERSION);
  g_assert_true (plantar_records_is_server (f.records) == f.backend->on_server);
  zoe = add_customer (f.records, "Zoë Müller-Lüdenscheidt");
  add_customer (f.records, "John Smith");
  add_customer (f.records, "Jo Smithers");
  add_customer (f.records, "Anna Jones");

  found = plantar_records_search (f.records, "mül", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((PlantarCustomer *) g_ptr_array_index (found, 0))->name, ==, "Zoë Müller-Lüdenscheidt");
  g_assert_nonnull (((PlantarCustomer *) g_ptr_array_index (found, 0))->uid);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = plantar_records_search (f.records, "  jo   SMITH ", 0, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (((PlantarCustomer *) g_ptr_array_index (found, 0))->name, ==, "Jo Smithers");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = plantar_records_search (f.records, "smithers", 0, &error);   /* a word inside the name */
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = plantar_records_search (f.records, "%", 0, &error);   /* a wildcard is a character */
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = plantar_records_search (f.records, "", 3, &error);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpstr (((PlantarCustomer *) g_ptr_array_index (found, 0))->name, ==, "Anna Jones");
  g_clear_pointer (&found, g_ptr_array_unref);

  g_assert_cmpint (plantar_records_find_or_add_customer (f.records, "zoe  MULLER-ludenscheidt", &created, &error), ==, zoe);
  g_assert_false (created);
  g_assert_cmpint (plantar_records_find_or_add_customer (f.records, "New Person", &created, &error), >, zoe);
  g_assert_true (created);

  update.id = zoe;
  update.name = (char *) "Zoe Mueller";
  update.contact = (char *) "zoe@example.org";
  g_assert_true (plantar_records_update_customer (f.records, &update, &error));
  {
    g_autoptr(PlantarCustomer) c = plantar_records_get_customer (f.records, zoe, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (c->name, ==, "Zoe Mueller");
    g_assert_cmpstr (c->contact, ==, "zoe@example.org");
    g_assert_null (c->birth_date);
  }
  {
    PlantarCustomer nameless = { 0 };
    nameless.name = (char *) " ";
    g_assert_cmpint (plantar_records_add_customer (f.records, &nameless, &error), ==, 0);
    g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_null (plantar_records_get_customer (f.records, 999999, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (plantar_records_delete_customer (f.records, zoe, &error));
  g_assert_false (plantar_records_delete_customer (f.records, zoe, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  found = plantar_records_search (f.records, "", 0, &error);
  g_assert_cmpuint (found->len, ==, 4);
  fixture_clear (&f);
}

static void
test_fittings (gconstpointer data)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarFittingRecord) record = NULL, loaded = NULL;
  g_autofree char *sum = NULL, *sum_loaded = NULL;
  gint64 jane;

  if (!fixture_new (&f, data))
    return;
  jane = add_customer (f.records, "Jane Runner");
  record = new_record (jane, "Tried two pairs");
  g_assert_true (plantar_records_save_fitting (f.records, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (record->id, >, 0);
  g_assert_cmpint (record->version, ==, 1);
  g_assert_nonnull (record->uid);
  g_assert_false (record->pending);
  g_assert_cmpint (record->copy_of, ==, 0);

  /* saved again: the same fitting, one version more, the scan once */
  g_free (record->notes);
  record->notes = g_strdup ("Chose the firmer pair");
  g_assert_true (plantar_records_save_fitting (f.records, record, &error));
  g_assert_cmpint (record->version, ==, 2);
  g_assert_cmpuint (count_fittings (f.records, jane), ==, 1);
  {
    g_autoptr(PlantarCustomer) c = plantar_records_get_customer (f.records, jane, &error);
    g_assert_cmpuint (c->n_fittings, ==, 1);
  }

  loaded = plantar_records_load_fitting (f.records, record->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->notes, ==, "Chose the firmer pair");
  g_assert_cmpstr (loaded->uid, ==, record->uid);
  g_assert_cmpint (loaded->version, ==, 2);
  g_assert_cmpuint (loaded->answers.pain, ==, PLANTAR_PAIN_HEEL);
  g_assert_cmpuint (loaded->scans->len, ==, 1);
  g_assert_cmpfloat (((PlantarStoredScan *) g_ptr_array_index (loaded->scans, 0))->cell_width_mm, ==, 0.25);
  g_assert_true (g_bytes_equal (((PlantarStoredScan *) g_ptr_array_index (loaded->scans, 0))->bytes,
                                ((PlantarStoredScan *) g_ptr_array_index (record->scans, 0))->bytes));
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (
                       json_node_get_object (loaded->state), "heel"), 1), ==, 40.25);
  sum = plantar_fitting_record_checksum (record);
  sum_loaded = plantar_fitting_record_checksum (loaded);
  g_assert_cmpstr (sum, ==, sum_loaded);

  /* filed elsewhere, and under nobody */
  {
    gint64 other = add_customer (f.records, "Other");
    g_assert_true (plantar_records_file_fitting (f.records, record->id, other, &error));
    g_assert_cmpuint (count_fittings (f.records, other), ==, 1);
    g_assert_true (plantar_records_file_fitting (f.records, record->id, 0, &error));
    g_assert_cmpuint (count_fittings (f.records, 0), ==, 1);
    g_assert_false (plantar_records_file_fitting (f.records, record->id, 424242, &error));
    g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_true (plantar_records_file_fitting (f.records, record->id, jane, &error));
  }

  /* the session marker */
  g_assert_cmpint (plantar_records_get_open_fitting (f.records), ==, 0);
  g_assert_true (plantar_records_set_open_fitting (f.records, record->id, &error));
  g_assert_cmpint (plantar_records_get_open_fitting (f.records), ==, record->id);

  /* the customer gone, and the fitting with them */
  g_assert_true (plantar_records_delete_customer (f.records, jane, &error));
  g_assert_null (plantar_records_load_fitting (f.records, record->id, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (plantar_records_save_fitting (f.records, record, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND);
  fixture_clear (&f);
}

/* Two copies of one fitting changed apart: the later save is kept beside
 * the first, never over it. */
static void
test_conflict (gconstpointer data)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarFittingRecord) record = NULL, here = NULL, there = NULL, original = NULL, copy = NULL;
  gint64 jane;

  if (!fixture_new (&f, data))
    return;
  jane = add_customer (f.records, "Jane Runner");
  record = new_record (jane, "first");
  g_assert_true (plantar_records_save_fitting (f.records, record, &error));
  here = plantar_records_load_fitting (f.records, record->id, &error);
  there = plantar_records_load_fitting (f.records, record->id, &error);
  g_assert_no_error (error);

  g_free (here->notes);
  here->notes = g_strdup ("changed in room 1");
  g_assert_true (plantar_records_save_fitting (f.records, here, &error));
  g_assert_cmpint (here->copy_of, ==, 0);
  g_assert_cmpint (here->version, ==, 2);

  g_free (there->notes);
  there->notes = g_strdup ("changed in room 2");
  g_assert_true (plantar_records_save_fitting (f.records, there, &error));
  g_assert_no_error (error);
  g_assert_cmpint (there->copy_of, ==, record->id);
  g_assert_cmpint (there->id, !=, record->id);
  g_assert_cmpstr (there->uid, !=, record->uid);

  original = plantar_records_load_fitting (f.records, record->id, &error);
  g_assert_cmpstr (original->notes, ==, "changed in room 1");
  copy = plantar_records_load_fitting (f.records, there->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->notes, ==, "changed in room 2");
  g_assert_cmpuint (copy->scans->len, ==, 1);
  g_assert_cmpuint (count_fittings (f.records, jane), ==, 2);

  /* and the copy goes on as a fitting of its own */
  g_free (there->notes);
  there->notes = g_strdup ("room 2 again");
  g_assert_true (plantar_records_save_fitting (f.records, there, &error));
  g_assert_cmpint (there->copy_of, ==, 0);
  g_assert_cmpuint (count_fittings (f.records, jane), ==, 2);
  fixture_clear (&f);
}

/* What no longer matches its checksum is found and said; the rest reads. */
static void
test_damage (gconstpointer data)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarFittingRecord) a = NULL, b = NULL, fine = NULL;
  g_autoptr(GArray) damaged = NULL;
  g_autofree char *sql = NULL;
  gint64 jane;

  if (!fixture_new (&f, data))
    return;
  jane = add_customer (f.records, "Jane Runner");
  a = new_record (jane, "kept well");
  b = new_record (jane, "to be damaged");
  g_assert_true (plantar_records_save_fitting (f.records, a, &error));
  g_assert_true (plantar_records_save_fitting (f.records, b, &error));
  g_assert_true (plantar_records_check (f.records, &error));
  sql = g_strdup_printf ("UPDATE fittings SET notes = 'changed by hand' WHERE id = %" G_GINT64_FORMAT, b->id);
  tamper (&f, sql);

  g_assert_null (plantar_records_load_fitting (f.records, b->id, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "checksum"));
  g_clear_error (&error);
  fine = plantar_records_load_fitting (f.records, a->id, &error);
  g_assert_no_error (error);
  damaged = plantar_records_find_damaged (f.records, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (damaged->len, ==, 1);
  g_assert_cmpint (g_array_index (damaged, gint64, 0), ==, b->id);
  fixture_clear (&f);
}

static void
test_export_import (gconstpointer data)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarFittingRecord) record = NULL, back = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *out = NULL, *sum = NULL, *sum_back = NULL;
  gint64 jane, again;

  if (!fixture_new (&f, data))
    return;
  jane = add_customer (f.records, "Jane Runner");
  record = new_record (jane, "to export");
  g_assert_true (plantar_records_save_fitting (f.records, record, &error));
  out = g_build_filename (f.dir, "export", NULL);
  g_assert_true (plantar_records_export_customer (f.records, jane, out, &error));
  g_assert_no_error (error);
  again = plantar_records_import_customer (f.records, out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, >, jane);
  list = plantar_records_list_fittings (f.records, again, &error);
  g_assert_cmpuint (list->len, ==, 1);
  back = plantar_records_load_fitting (f.records, ((PlantarFittingRecord *) g_ptr_array_index (list, 0))->id, &error);
  g_assert_no_error (error);
  sum = plantar_fitting_record_checksum (record);
  sum_back = plantar_fitting_record_checksum (back);
  g_assert_cmpstr (sum, ==, sum_back);
  /* a folder that is not an export changes nothing */
  g_assert_cmpint (plantar_records_import_customer (f.records, f.dir, &error), ==, 0);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = plantar_records_search (f.records, "", 0, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  fixture_clear (&f);
}

/* Everything into the other backend and back, twice: the second run adds
 * nothing; a backup of these records opens as a records file. */
static void
test_copy (gconstpointer data)
{
  const Backend *backend = data;
  Fixture f = { 0 }, other = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) backup = NULL;
  g_autofree char *backup_path = NULL;
  PlantarRecordsCopyReport report;
  gint64 jane, tom;

  if (!fixture_new (&f, backend) || !fixture_new (&other, backend->on_server ? &file_backend : &server_backend))
    {
      fixture_clear (&f);
      return;
    }
  jane = add_customer (f.records, "Jane Runner");
  tom = add_customer (f.records, "Tom Walker");
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(PlantarFittingRecord) r = new_record (i < 2 ? jane : tom, "copied");
      g_assert_true (plantar_records_save_fitting (f.records, r, &error));
    }
  {
    g_autoptr(PlantarFittingRecord) unfiled = new_record (0, "filed under nobody");
    g_assert_true (plantar_records_save_fitting (f.records, unfiled, &error));
  }

  g_assert_true (plantar_records_copy_into (f.records, other.records, &report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.customers, ==, 2);
  g_assert_cmpuint (report.customers_added, ==, 2);
  g_assert_cmpuint (report.fittings, ==, 4);
  g_assert_cmpuint (report.fittings_added, ==, 4);
  g_assert_cmpuint (report.scans, ==, 4);
  g_assert_cmpuint (report.fittings_differing, ==, 0);
  {
    g_autoptr(GPtrArray) found = plantar_records_search (other.records, "jane", 0, &error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpuint (((PlantarCustomer *) g_ptr_array_index (found, 0))->n_fittings, ==, 2);
    g_assert_cmpuint (count_fittings (other.records, 0), ==, 1);
  }

  /* again: nothing added; and back: nothing added either */
  g_assert_true (plantar_records_copy_into (f.records, other.records, &report, NULL, NULL, &error));
  g_assert_cmpuint (report.customers_added, ==, 0);
  g_assert_cmpuint (report.fittings_added, ==, 0);
  g_assert_true (plantar_records_copy_into (other.records, f.records, &report, NULL, NULL, &error));
  g_assert_cmpuint (report.fittings, ==, 4);
  g_assert_cmpuint (report.fittings_added, ==, 0);
  g_assert_cmpuint (report.fittings_differing, ==, 0);

  /* a fitting changed on one side is left and said */
  {
    g_autoptr(GPtrArray) list = plantar_records_list_fittings (f.records, tom, &error);
    g_autoptr(PlantarFittingRecord) r =
      plantar_records_load_fitting (f.records, ((PlantarFittingRecord *) g_ptr_array_index (list, 0))->id, &error);
    g_free (r->notes);
    r->notes = g_strdup ("changed since");
    g_assert_true (plantar_records_save_fitting (f.records, r, &error));
    g_assert_true (plantar_records_copy_into (f.records, other.records, &report, NULL, NULL, &error));
    g_assert_cmpuint (report.fittings_differing, ==, 1);
    g_assert_cmpuint (report.fittings_added, ==, 0);
  }

  backup_path = g_build_filename (f.dir, "backup.db", NULL);
  g_assert_true (plantar_records_backup (f.records, backup_path, &error));
  g_assert_no_error (error);
  backup = plantar_records_open (backup_path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) found = plantar_records_search (backup, "", 0, &error);
    g_assert_cmpuint (found->len, ==, 2);
  }
  g_assert_cmpuint (count_fittings (backup, 0), ==, 1);
  fixture_clear (&other);
  fixture_clear (&f);
}

/* ------------------------------------------------------------ the server's own */

static void
test_two_writers (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarFittingRecord) shared = NULL;
  g_autoptr(GPtrArray) list = NULL;
  pid_t children[2];
  int ready[2], go[2];
  gint64 jane;
  guint copies = 0, edits = 0;

  if (!fixture_new (&f, &server_backend))
    return;
  jane = add_customer (f.records, "Jane Runner");
  shared = new_record (jane, "opened by both rooms");
  g_assert_true (plantar_records_save_fitting (f.records, shared, &error));

  /* two stations: each opens the shared fitting, adds ten fittings to
   * Jane, then saves its change of the shared one: both changes made on
   * the same version (the stations wait for each other to have read it) */
  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (go), ==, 0);
  for (int c = 0; c < 2; c++)
    {
      children[c] = fork ();
      g_assert_cmpint (children[c], >=, 0);
      if (children[c] == 0)
        {
          g_autoptr(PlantarRecords) records = plantar_records_open (f.address, NULL);
          g_autoptr(PlantarFittingRecord) mine = records ? plantar_records_load_fitting (records, shared->id, NULL) : NULL;
          gboolean ok = mine != NULL;
          char byte = 'r';
          ok = write (ready[1], &byte, 1) == 1 && ok;
          for (int i = 0; ok && i < 10; i++)
            {
              g_autoptr(PlantarFittingRecord) r = new_record (jane, c ? "room 2" : "room 1");
              ok = plantar_records_save_fitting (records, r, NULL) && !r->pending;
            }
          ok = read (go[0], &byte, 1) == 1 && ok;
          if (ok)
            {
              g_free (mine->notes);
              mine->notes = g_strdup (c ? "edited in room 2" : "edited in room 1");
              ok = plantar_records_save_fitting (records, mine, NULL) && !mine->pending;
            }
          _exit (ok ? 0 : 1);
        }
    }
  for (int c = 0; c < 2; c++)
    {
      char byte;
      g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
    }
  g_assert_cmpint (write (go[1], "gg", 2), ==, 2);
  for (int c = 0; c < 2; c++)
    {
      int status;
      g_assert_cmpint (waitpid (children[c], &status, 0), ==, children[c]);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    }
  list = plantar_records_list_fittings (f.records, jane, &error);
  g_assert_no_error (error);
  /* 1 + 20, and each edit either landed on the shared fitting or beside it */
  for (guint i = 0; i < list->len; i++)
    {
      PlantarFittingRecord *r = g_ptr_array_index (list, i);
      if (g_str_has_prefix (r->notes, "edited in room"))
        r->id == shared->id ? edits++ : copies++;
    }
  g_assert_cmpuint (edits, ==, 1);
  g_assert_cmpuint (copies, ==, 1);
  g_assert_cmpuint (list->len, ==, 22);
  fixture_clear (&f);
}

/* A save slowed down on the server (a trigger) and its connection cut, or
 * the server killed, in the middle: it lands once. */
static void
slow_saves (Fixture *f)
{
  g_autofree char *db = plantar_test_server_name (f->address);

  g_free (plantar_test_server_sql (server, db,
    "CREATE TABLE slow (on_ boolean); INSERT INTO slow VALUES (true);"
    "CREATE FUNCTION slow_down () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "  IF (SELECT on_ FROM slow) THEN PERFORM pg_sleep (1.5); END IF; RETURN NEW; END $$;"
    "CREATE TRIGGER slow_scans BEFORE INSERT ON scans FOR EACH ROW EXECUTE FUNCTION slow_down ()"));
}

typedef struct {
  PlantarRecords       *records;
  PlantarFittingRecord *record;
  gboolean              ok;
} Save;

static gpointer
save_thread (gpointer data)
{
  Save *save = data;

  save->ok = plantar_records_save_fitting (save->records, save->record, NULL);
  return NULL;
}

static void
test_interrupted_save (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL, *n = NULL;
  Save save = { 0 };
  GThread *thread;
  gint64 jane;

  if (!fixture_new (&f, &server_backend))
    return;
  db = plantar_test_server_name (f.address);
  jane = add_customer (f.records, "Jane Runner");
  slow_saves (&f);

  /* the connection cut while the scans are written: sent again at once */
  save.records = f.records;
  save.record = new_record (jane, "cut off");
  thread = g_thread_new ("save", save_thread, &save);
  g_usleep (500000);
  g_free (plantar_test_server_sql (server, db, "UPDATE slow SET on_ = false; "
                                   "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                                   "WHERE datname = current_database () AND pid != pg_backend_pid ()"));
  g_thread_join (thread);
  g_assert_true (save.ok);
  g_assert_false (save.record->pending);
  n = plantar_test_server_sql (server, db, "SELECT count(*) FROM fittings");
  g_assert_cmpstr (n, ==, "1");
  g_clear_pointer (&n, g_free);
  n = plantar_test_server_sql (server, db, "SELECT count(*) FROM scans");
  g_assert_cmpstr (n, ==, "1");
  g_clear_pointer (&n, g_free);
  g_clear_pointer (&save.record, plantar_fitting_record_free);

  /* the server killed in the middle: kept here, sent when it is back */
  g_free (plantar_test_server_sql (server, db, "UPDATE slow SET on_ = true"));
  save.record = new_record (jane, "server killed");
  thread = g_thread_new ("save", save_thread, &save);
  g_usleep (500000);
  plantar_test_server_ctl (server, "kill");
  g_thread_join (thread);
  g_assert_true (save.ok);
  g_assert_true (save.record->pending);
  g_assert_cmpuint (plantar_records_get_pending (f.records), ==, 1);
  g_assert_false (plantar_records_is_online (f.records));
  plantar_test_server_ctl (server, "start");
  g_free (plantar_test_server_sql (server, db, "UPDATE slow SET on_ = false"));
  g_assert_cmpint (plantar_records_send_pending (f.records, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (plantar_records_is_online (f.records));
  g_assert_cmpuint (plantar_records_get_pending (f.records), ==, 0);
  n = plantar_test_server_sql (server, db, "SELECT count(*) FROM fittings WHERE notes = 'server killed'");
  g_assert_cmpstr (n, ==, "1");
  g_clear_pointer (&n, g_free);
  g_assert_cmpuint (count_fittings (f.records, jane), ==, 2);
  g_clear_pointer (&save.record, plantar_fitting_record_free);
  fixture_clear (&f);
}

/* The server stopped: the station goes on saving; back, everything lands
 * once; a search meanwhile says the server is away without waiting. */
static void
test_offline (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarFittingRecord) later = NULL;
  gint64 jane, start;

  if (!fixture_new (&f, &server_backend))
    return;
  jane = add_customer (f.records, "Jane Runner");
  plantar_test_server_ctl (server, "stop");
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(PlantarFittingRecord) r = new_record (jane, "made offline");
      g_assert_true (plantar_records_save_fitting (f.records, r, &error));
      g_assert_no_error (error);
      g_assert_true (r->pending);
      if (i == 2)
        later = plantar_fitting_record_copy (r);
    }
  /* one of them saved again, still offline: one fitting, its newer state */
  g_free (later->notes);
  later->notes = g_strdup ("made offline, then changed");
  g_assert_true (plantar_records_save_fitting (f.records, later, &error));
  g_assert_cmpuint (plantar_records_get_pending (f.records), ==, 3);
  g_assert_false (plantar_records_is_online (f.records));
  start = g_get_monotonic_time ();
  g_assert_null (plantar_records_search (f.records, "jane", 0, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (plantar_records_send_pending (f.records, &error), ==, -1);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpuint (plantar_records_get_pending (f.records), ==, 3);

  plantar_test_server_ctl (server, "start");
  g_assert_cmpint (plantar_records_send_pending (f.records, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (plantar_records_send_pending (f.records, &error), ==, 0);
  g_assert_cmpuint (count_fittings (f.records, jane), ==, 3);
  {
    g_autoptr(GPtrArray) list = plantar_records_list_fittings (f.records, jane, &error);
    guint changed = 0;
    for (guint i = 0; i < list->len; i++)
      changed += g_strcmp0 (((PlantarFittingRecord *) g_ptr_array_index (list, i))->notes,
                            "made offline, then changed") == 0;
    g_assert_cmpuint (changed, ==, 1);
  }
  fixture_clear (&f);
}

/* A station started while the server is away: its records open offline,
 * the fitting at hand is kept here, and the first connection makes the
 * server's schema and sends it. A wrong password is still an error. */
static void
test_station_offline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = NULL;
  g_autoptr(PlantarFittingRecord) r = NULL;
  g_autofree char *dir = NULL, *outbox = NULL, *address = NULL, *db = NULL, *tables = NULL, *notes = NULL;

  if (server == NULL)
    {
      g_test_skip ("PostgreSQL's server is not installed");
      return;
    }
  dir = plantar_test_tmpdir ();
  outbox = g_build_filename (dir, "outbox", NULL);
  address = plantar_test_server_database (server, NULL);
  db = plantar_test_server_name (address);
  plantar_test_server_ctl (server, "stop");
  g_assert_null (plantar_records_open (address, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE);
  g_clear_error (&error);
  records = plantar_records_open_station (address, NULL, &error);
  g_assert_no_error (error);
  plantar_records_set_outbox (records, outbox);
  g_assert_true (plantar_records_is_server (records));
  g_assert_false (plantar_records_is_online (records));
  g_assert_false (plantar_records_ping (records, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE);
  g_clear_error (&error);
  r = new_record (0, "scanned while the server was away");
  g_assert_true (plantar_records_save_fitting (records, r, &error));
  g_assert_no_error (error);
  g_assert_true (r->pending);
  g_assert_cmpuint (plantar_records_get_pending (records), ==, 1);

  plantar_test_server_ctl (server, "start");
  g_assert_true (plantar_records_ping (records, &error));
  g_assert_no_error (error);
  g_assert_true (plantar_records_is_online (records));
  tables = plantar_test_server_sql (server, db, "SELECT version FROM plantar_schema");
  g_assert_cmpint (atoi (tables), ==, plantar_records_get_schema_version (records));
  g_assert_cmpint (plantar_records_send_pending (records, &error), ==, 1);
  g_assert_no_error (error);
  notes = plantar_test_server_sql (server, db, "SELECT notes FROM fittings");
  g_assert_cmpstr (notes, ==, "scanned while the server was away");
  g_assert_cmpuint (plantar_records_get_pending (records), ==, 0);

  /* the station saves the fitting again, naming what it kept: the one
   * sent, one version on, and no copy of it */
  g_assert_cmpint (r->id, ==, 0);
  g_free (r->notes);
  r->notes = g_strdup ("and changed once the server was back");
  g_assert_true (plantar_records_save_fitting (records, r, &error));
  g_assert_no_error (error);
  g_assert_false (r->pending);
  g_assert_cmpint (r->copy_of, ==, 0);
  g_assert_cmpint (r->id, >, 0);
  g_assert_cmpint (r->version, ==, 2);
  g_free (notes);
  notes = plantar_test_server_sql (server, db, "SELECT count(*) || ' ' || max(version) || ' ' || max(notes) FROM fittings");
  g_assert_cmpstr (notes, ==, "1 2 and changed once the server was back");

  /* away again with the fitting stored: kept at version 2, sent as 3, and
   * the station's next save, still naming 2, is 4 of the same fitting */
  plantar_test_server_ctl (server, "stop");
  g_free (r->notes);
  r->notes = g_strdup ("changed while away again");
  g_assert_true (plantar_records_save_fitting (records, r, &error));
  g_assert_no_error (error);
  g_assert_true (r->pending);
  g_assert_cmpint (r->version, ==, 2);
  plantar_test_server_ctl (server, "start");
  g_assert_true (plantar_records_ping (records, &error));
  g_assert_cmpint (plantar_records_send_pending (records, &error), ==, 1);
  g_assert_no_error (error);
  g_free (r->notes);
  r->notes = g_strdup ("and once more");
  g_assert_true (plantar_records_save_fitting (records, r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r->copy_of, ==, 0);
  g_assert_cmpint (r->version, ==, 4);
  g_free (notes);
  notes = plantar_test_server_sql (server, db, "SELECT count(*) || ' ' || max(version) || ' ' || max(notes) FROM fittings");
  g_assert_cmpstr (notes, ==, "1 4 and once more");
  plantar_test_rm_rf (dir);
}

/* "Test connection": it looks and changes nothing. */
static void
test_test_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL, *db = NULL, *tables = NULL;
  int schema = -1;
  guint customers = 99;

  if (server == NULL)
    {
      g_test_skip ("PostgreSQL's server is not installed");
      return;
    }
  address = plantar_test_server_database (server, NULL);
  db = plantar_test_server_name (address);
  g_assert_true (plantar_records_test_server (address, NULL, &schema, &customers, &error));
  g_assert_no_error (error);
  g_assert_cmpint (schema, ==, 0);
  g_assert_cmpuint (customers, ==, 0);
  tables = plantar_test_server_sql (server, db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
  g_assert_cmpstr (tables, ==, "0");
  {
    g_autoptr(PlantarRecords) records = plantar_records_open (address, &error);
    g_assert_no_error (error);
    add_customer (records, "Jane Runner");
    add_customer (records, "Ben Nowak");
  }
  g_assert_true (plantar_records_test_server (address, NULL, &schema, &customers, &error));
  g_assert_cmpint (schema, ==, 4);
  g_assert_cmpuint (customers, ==, 2);
  g_free (plantar_test_server_sql (server, db, "UPDATE plantar_schema SET version = 7"));
  g_assert_false (plantar_records_test_server (address, NULL, &schema, &customers, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer Plantar"));
  g_clear_error (&error);
  {
    g_autofree char *missing = g_strdup_printf ("postgresql://plantar@/no_such_records?host=%s", server->dir);
    g_assert_false (plantar_records_test_server (missing, NULL, &schema, &customers, &error));
    g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "no such database"));
  }
}

/* The address the window builds from its rows, and its rows from an
 * address pasted. */
static void
test_server_address (void)
{
  static const struct {
    const char *host;
    guint       port;
    const char *database, *user, *sslmode, *address;
  } cases[] = {
    { "db.clinic.lan", 5432, "plantar", "room1", "require", "postgresql://room1@db.clinic.lan:5432/plantar?sslmode=require" },
    { "db.clinic.lan", 0, "plantar", NULL, NULL, "postgresql://db.clinic.lan/plantar" },
    { "fe80::1", 5433, "rec ords", "dr@clinic", "verify-full", "postgresql://dr%40clinic@[fe80::1]:5433/rec%20ords?sslmode=verify-full" },
    { "/tmp/pg sock", 0, "plantar", "nobody", "disable", "postgresql://nobody@/plantar?host=/tmp/pg%20sock&sslmode=disable" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *address = plantar_records_server_address_build (cases[i].host, cases[i].port, cases[i].database,
                                                                       cases[i].user, cases[i].sslmode);
      g_autofree char *host = NULL, *database = NULL, *user = NULL, *sslmode = NULL;
      guint port;

      g_assert_cmpstr (address, ==, cases[i].address);
      g_assert_true (plantar_records_server_address_split (address, &host, &port, &database, &user, &sslmode, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (host, ==, cases[i].host);
      g_assert_cmpuint (port, ==, cases[i].port);
      g_assert_cmpstr (database, ==, cases[i].database);
      g_assert_cmpstr (user, ==, cases[i].user);
      g_assert_cmpstr (sslmode, ==, cases[i].sslmode);
    }
  {
    g_autofree char *host = NULL, *database = NULL, *user = NULL, *sslmode = NULL;
    guint port;
    g_assert_false (plantar_records_server_address_split ("db.clinic.lan", &host, &port, &database, &user, &sslmode,
                                                          &error));
    g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "postgresql://"));
    g_clear_error (&error);
    g_assert_false (plantar_records_server_address_split ("postgresql://a@b/c?nonsense=1", &host, &port, &database,
                                                          &user, &sslmode, &error));
    g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "nonsense"));
  }
}

static void
test_newer_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = NULL;
  g_autofree char *address = NULL, *db = NULL, *version = NULL, *tables = NULL;

  if (server == NULL)
    {
      g_test_skip ("PostgreSQL's server is not installed");
      return;
    }
  address = plantar_test_server_database (server, NULL);
  db = plantar_test_server_name (address);
  g_free (plantar_test_server_sql (server, db, "CREATE TABLE plantar_schema (version integer NOT NULL);"
                                               "INSERT INTO plantar_schema VALUES (99)"));
  records = plantar_records_open (address, &error);
  g_assert_null (records);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer Plantar"));
  g_assert_nonnull (strstr (error->message, "99"));
  version = plantar_test_server_sql (server, db, "SELECT version FROM plantar_schema");
  g_assert_cmpstr (version, ==, "99");
  tables = plantar_test_server_sql (server, db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
  g_assert_cmpstr (tables, ==, "1");
}

static void
test_connection_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL, *wrong = NULL, *right = NULL, *missing = NULL, *nowhere = NULL;
  PlantarRecords *records;

  if (server == NULL)
    {
      g_test_skip ("PostgreSQL's server is not installed");
      return;
    }
  g_free (plantar_test_server_sql (server, NULL, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                                   "'clinic') THEN CREATE ROLE clinic LOGIN PASSWORD 'right horse'; END IF; END $$"));
  address = plantar_test_server_database (server, "clinic");

  records = plantar_records_open_server (address, "wrong horse", &error);
  g_assert_null (records);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "password"));
  g_assert_nonnull (strstr (error->message, "clinic@"));
  g_clear_error (&error);
  records = plantar_records_open_server (address, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_DENIED);
  g_clear_error (&error);
  records = plantar_records_open_server (address, "right horse", &error);
  g_assert_no_error (error);
  g_assert_cmpint (plantar_records_get_schema_version (records), ==, PLANTAR_RECORDS_SCHEMA_VERSION);
  plantar_records_close (records);

  missing = g_strdup_printf ("postgresql://plantar@/no_such_records?host=%s", server->dir);
  g_assert_null (plantar_records_open (missing, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no such database"));
  g_clear_error (&error);
  nowhere = g_strdup_printf ("postgresql://plantar@/records?host=%s/nowhere", server->dir);
  g_assert_null (plantar_records_open (nowhere, &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_clear_error (&error);
  g_assert_null (plantar_records_open ("postgresql://plantar@no-such-host.invalid/records?connect_timeout=3", &error));
  g_assert_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "no computer has that name"));
  g_clear_error (&error);
  g_assert_null (plantar_records_open ("postgresql://plantar@host:notaport/x", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
}

/* The connection dropped between two searches (the server restarted, a
 * firewall's timeout): the next search connects again and answers. */
static void
test_dropped_connection (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *db = NULL;

  if (!fixture_new (&f, &server_backend))
    return;
  db = plantar_test_server_name (f.address);
  add_customer (f.records, "Jane Runner");
  g_free (plantar_test_server_sql (server, db, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                                   "WHERE datname = current_database () AND pid != pg_backend_pid ()"));
  found = plantar_records_search (f.records, "jane", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (plantar_records_is_online (f.records));
  fixture_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  const Backend *backends[] = { &file_backend, &server_backend };
  int status;

  g_test_init (&argc, &argv, NULL);
  server = plantar_test_server_start ();
  for (guint b = 0; b < G_N_ELEMENTS (backends); b++)
    {
      struct { const char *name; GTestDataFunc func; } shared[] = {
        { "customers", test_customers },
        { "fittings", test_fittings },
        { "conflict", test_conflict },
        { "damage", test_damage },
        { "export-import", test_export_import },
        { "copy", test_copy },
      };
      for (guint t = 0; t < G_N_ELEMENTS (shared); t++)
        {
          g_autofree char *path = g_strdup_printf ("/records/%s/%s", backends[b]->name, shared[t].name);
          g_test_add_data_func (path, backends[b], shared[t].func);
        }
    }
  g_test_add_func ("/records/server/two-writers", test_two_writers);
  g_test_add_func ("/records/server/interrupted-save", test_interrupted_save);
  g_test_add_func ("/records/server/offline", test_offline);
  g_test_add_func ("/records/server/station-offline", test_station_offline);
  g_test_add_func ("/records/server/address", test_server_address);
  g_test_add_func ("/records/server/test-connection", test_test_server);
  g_test_add_func ("/records/server/newer-schema", test_newer_schema);
  g_test_add_func ("/records/server/connection-errors", test_connection_errors);
  g_test_add_func ("/records/server/dropped-connection", test_dropped_connection);
  status = g_test_run ();
  plantar_test_server_free (server);
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "plantar-import.h"
#include "plantar-json-source.h"
#include "plantar-records-private.h"

/* Every fitting in one SQLite file in WAL mode: a save is one transaction,
 * so that a crash or a power cut leaves the last fitting reported saved
 * and never half of one. The schema has a version (PRAGMA user_version)
 * and each older version its migration; a database is copied aside before
 * it is migrated. One Plantar at a time holds a lock beside the file.
 *
 * This file opens the database and keeps the fittings; the customers,
 * a fitting's life in and out of the window, export and backup, and the
 * calls run in a worker each have a file beside it. */

G_DEFINE_QUARK (plantar-records-error-quark, plantar_records_error)

/* The schema, version by version: each step takes a database from the
 * version before it. */
static const char * const migrations[] = {
  /* 1: customers, fittings, scans */
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
  "CREATE INDEX scans_fitting ON scans (fitting_id, position);"
  "CREATE TABLE session (key TEXT PRIMARY KEY, value INTEGER);",
  /* 2: a contact for each customer; a summary of each fitting for lists */
  "ALTER TABLE customers ADD COLUMN contact TEXT;"
  "ALTER TABLE fittings ADD COLUMN summary TEXT;",
  /* 3: a SHA-256 of each fitting's content and of each scan, checked when
   * read: damage SQLite's own checks cannot see is found and said */
  "ALTER TABLE fittings ADD COLUMN sha256 TEXT;"
  "ALTER TABLE scans ADD COLUMN sha256 TEXT;"
  "UPDATE fittings SET sha256 = " FITTING_CONTENT_SHA256 ";"
  "UPDATE scans SET sha256 = " SCAN_CONTENT_SHA256 ";",
  /* 4: the same customer and fitting known in every copy of the records (a
   * file, a server) by a uid; a fitting's version, so that a save made on
   * top of another station's is kept as a copy, not written over it */
  "ALTER TABLE customers ADD COLUMN uid TEXT;"
  "ALTER TABLE fittings ADD COLUMN uid TEXT;"
  "ALTER TABLE fittings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE fittings ADD COLUMN saved_by TEXT;"
  "UPDATE customers SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;"
  "UPDATE fittings SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;"
  "CREATE UNIQUE INDEX customers_uid ON customers (uid);"
  "CREATE UNIQUE INDEX fittings_uid ON fittings (uid);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PLANTAR_RECORDS_SCHEMA_VERSION);

gboolean
records_sql_error (PlantarRecords *self,
                   int             code,
                   const char     *doing,
                   GError        **error)
{
  const char *message = self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (code);
  g_autofree char *name = self ? g_filename_display_basename (self->path) : g_strdup ("?");

  switch (code & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_FULL,
                   _("The disk is full: %s failed and nothing was changed. Free some space and try again."), doing);
      break;
    case SQLITE_READONLY:
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_READ_ONLY,
                   _("The records “%s” cannot be written (%s): %s failed"), name, message, doing);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT,
                   _("The records “%s” are damaged (%s). Restore a backup; the damaged file is kept."), name, message);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_LOCKED,
                   _("The records “%s” are busy in another program: %s failed"), name, doing);
      break;
    default:
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO,
                   _("The records “%s”: %s failed: %s"), name, doing, message);
      break;
    }
  return FALSE;
}

gboolean
records_exec (PlantarRecords *self,
              const char     *sql,
              const char     *doing,
              GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  return rc == SQLITE_OK || records_sql_error (self, rc, doing, error);
}

sqlite3_stmt *
records_prepare (PlantarRecords *self,
                 const char     *sql,
                 GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      records_sql_error (self, rc, _("reading the records"), error);
      return NULL;
    }
  return stmt;
}


void
records_bind_text (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

char *
records_column_text (sqlite3_stmt *stmt,
                     int           index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);
  return text ? g_strdup (text) : NULL;
}

int
records_delete_row (PlantarRecords  *self,
                    const char      *sql,
                    gint64           id,
                    const char      *doing,
                    GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = records_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      records_sql_error (self, rc, doing, error);
      return -1;
    }
  return sqlite3_changes (self->db);
}

static int
user_version (PlantarRecords *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

int
plantar_records_get_schema_version (PlantarRecords *self)
{
  RECORDS_LOCKED (self);
  return ON_SERVER (self) ? server_schema_version (self) : user_version (self);
}

char *
plantar_records_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "plantar", "records.db", NULL);
}

/* One Plantar at a time: an advisory lock on the records file itself (its
 * inode, so every name of it, a link or a symlink, is covered), let go by
 * the kernel when the process ends, however it ends. The file is made
 * readable by its owner alone; an empty one is not taken for new records. */
static gboolean
take_lock (PlantarRecords *self,
           GError        **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  GStatBuf st;
  gboolean exists = g_stat (self->path, &st) == 0;

  if (exists && S_ISREG (st.st_mode) && st.st_size == 0)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT,
                   _("The records “%s” are an empty file (0 bytes): they were cut short or emptied. Restore a "
                     "backup; the empty file is kept."), name);
      return FALSE;
    }
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO,
                   _("The records “%s” are not a file"), name);
      return FALSE;
    }
  self->lock_fd = open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd < 0)
    {
      int saved = errno;
      g_set_error (error, PLANTAR_RECORDS_ERROR,
                   saved == EACCES || saved == EROFS ? PLANTAR_RECORDS_ERROR_READ_ONLY : PLANTAR_RECORDS_ERROR_IO,
                   _("The records “%s” cannot be opened: %s"), name, g_strerror (saved));
      return FALSE;
    }
  /* whatever the umask made of them before */
  if (fstat (self->lock_fd, &st) == 0 && (st.st_mode & 0077) != 0)
    fchmod (self->lock_fd, st.st_mode & 0700);
  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_LOCKED,
                   _("The records “%s” are open in another Plantar. Close it, or work in that one."), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
records_copy_database (sqlite3    *from,
                       const char *path,
                       GError    **error)
{
  sqlite3 *to = NULL;
  sqlite3_backup *backup;
  int rc, fd;

  /* every copy of the records (backups, migration and restore copies) is
   * the user's alone, whatever the umask: made 0600 before SQLite opens it */
  fd = open (path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0)
    {
      fchmod (fd, 0600);
      close (fd);
    }
  rc = sqlite3_open_v2 (path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (to, "main", from, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (to);
      else
        {
          sqlite3_backup_step (backup, -1);
          rc = sqlite3_backup_finish (backup);
        }
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, PLANTAR_RECORDS_ERROR, (rc & 0xff) == SQLITE_FULL ? PLANTAR_RECORDS_ERROR_FULL : PLANTAR_RECORDS_ERROR_IO,
                   _("Could not copy the records to “%s”: %s"), name, to ? sqlite3_errmsg (to) : sqlite3_errstr (rc));
    }
  sqlite3_close (to);
  return rc == SQLITE_OK;
}

gboolean
records_migrate (PlantarRecords *self,
                 GError        **error)
{
  int version = user_version (self);

  if (version < 0)
    return records_sql_error (self, sqlite3_errcode (self->db), _("reading the schema version"), error);
  if (version > PLANTAR_RECORDS_SCHEMA_VERSION)
    {
      g_autofree char *name = g_filename_display_basename (self->path);
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_TOO_NEW,
                   _("The records “%s” were written by a newer Plantar (schema %d; this one knows %d). "
                     "Update Plantar to open them; they were not changed."),
                   name, version, PLANTAR_RECORDS_SCHEMA_VERSION);
      return FALSE;
    }
  if (version == PLANTAR_RECORDS_SCHEMA_VERSION)
    return TRUE;

  /* an older database: copied aside first, then migrated in one transaction */
  if (version > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      self->migration_backup = g_strdup_printf ("%s.schema-%d-%s.bak", self->path, version, stamp);
      if (!records_copy_database (self->db, self->migration_backup, error))
        return FALSE;
    }
  if (!records_exec (self, "BEGIN IMMEDIATE", _("upgrading the records"), error))
    return FALSE;
  for (int v = version; v < PLANTAR_RECORDS_SCHEMA_VERSION; v++)
    {
      g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!records_exec (self, migrations[v], _("upgrading the records"), error) ||
          !records_exec (self, set, _("upgrading the records"), error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return records_exec (self, "COMMIT", _("upgrading the records"), error);
}

/**
 * plantar_records_open:
 *
 * Opens the records at @path, making them (and their folder) when there
 * are none; checks them and brings an older schema up to date.
 *
 * Returns: (transfer full) (nullable): the records
 */
PlantarRecords *
plantar_records_open (const char  *path,
                      GError     **error)
{
  g_autoptr(PlantarRecords) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  if (plantar_records_is_server_address (path))
    return plantar_records_open_server (path, NULL, error);
  self = g_new0 (PlantarRecords, 1);
  dir = g_path_get_dirname (path);
  g_atomic_ref_count_init (&self->ref);
  g_rec_mutex_init (&self->lock);
  self->path = g_strdup (path);
  self->lock_fd = -1;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, PLANTAR_RECORDS_ERROR,
                   saved == EACCES || saved == EROFS ? PLANTAR_RECORDS_ERROR_READ_ONLY : PLANTAR_RECORDS_ERROR_IO,
                   _("The folder of the records “%s” cannot be made: %s"), dir, g_strerror (saved));
      return NULL;
    }
  /* the folder too is the user's alone */
  g_chmod (dir, 0700);
  if (!take_lock (self, error) ||
      !records_vouch_journal (self, self->lock_fd, &self->journal_set_aside, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_CANTOPEN && g_file_test (path, G_FILE_TEST_EXISTS))
        rc = SQLITE_READONLY;
      records_sql_error (self, rc, _("opening the records"), error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);
  sqlite3_extended_result_codes (self->db, FALSE);
  sqlite3_create_function (self->db, "plantar_sha256", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           records_sha256_function, NULL, NULL);

  /* what is deleted is overwritten, not only forgotten (privacy requests) */
  if (!records_exec (self, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON", _("opening the records"), error))
    return NULL;
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
    if (rc == SQLITE_OK)
      rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      {
        records_sql_error (self, rc == SQLITE_OK ? sqlite3_errcode (self->db) : rc, _("opening the records"), error);
        return NULL;
      }
    if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
      {
        records_sql_error (self, SQLITE_READONLY, _("opening the records"), error);
        return NULL;
      }
  }
  /* a commit is on disk before Plantar says saved; the journal is
   * checkpointed by Plantar (see plantar-records-journal.c) */
  sqlite3_wal_autocheckpoint (self->db, 0);
  if (!records_exec (self, "PRAGMA synchronous = FULL", _("opening the records"), error) ||
      !plantar_records_check (self, error) ||
      !records_migrate (self, error) ||
      !records_restart_journal (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Where a journal beside the records that was not theirs was moved, or
 * NULL: the window says so. */
const char *
plantar_records_get_journal_set_aside (PlantarRecords *self)
{
  return self->journal_set_aside;
}

void
plantar_records_close (PlantarRecords *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->server, server_free);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->path);
  g_free (self->migration_backup);
  g_free (self->journal_set_aside);
  g_rec_mutex_clear (&self->lock);
  g_free (self);
}

/* Another holder of the records: closed when the last one lets go. */
PlantarRecords *
plantar_records_ref (PlantarRecords *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

/* A cap on the file's size, as a full disk would set one: for shops that
 * want a limit, and for the tests of a full disk. */
void
plantar_records_set_max_size (PlantarRecords *self,
                              gint64          bytes)
{
  RECORDS_LOCKED (self);
  g_autofree char *sql = NULL;

  /* a server's size is its administrator's */
  if (ON_SERVER (self))
    return;
  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                                          MAX (bytes / 4096, (gint64) 1));
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

/* What the records were opened with: a file's path, or a server's address. */
const char *
plantar_records_get_address (PlantarRecords *self)
{
  return ON_SERVER (self) ? server_get_address (self) : self->path;
}

const char *
plantar_records_get_path (PlantarRecords *self)
{
  return self->path;
}

const char *
plantar_records_get_migration_backup (PlantarRecords *self)
{
  return self->migration_backup;
}

char *
plantar_records_set_aside (const char  *path,
                           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);
      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved = errno;
          g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO,
                       _("Could not move “%s” aside: %s"), from, g_strerror (saved));
          g_free (aside);
          return NULL;
        }
    }
  return aside;
}

/* ------------------------------------------------------------ fittings */

PlantarFittingRecord *
plantar_fitting_record_new (void)
{
  PlantarFittingRecord *record = g_new0 (PlantarFittingRecord, 1);

  plantar_answers_init (&record->answers);
  record->scans = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_stored_scan_free);
  return record;
}

void
plantar_stored_scan_free (PlantarStoredScan *scan)
{
  if (scan == NULL)
    return;
  g_free (scan->name);
  g_clear_pointer (&scan->bytes, g_bytes_unref);
  g_free (scan);
}

void
plantar_fitting_record_free (PlantarFittingRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->fitter);
  g_free (record->notes);
  plantar_answers_clear (&record->answers);
  g_clear_pointer (&record->scans, g_ptr_array_unref);
  g_clear_pointer (&record->state, json_node_unref);
  g_clear_pointer (&record->measurements, json_node_unref);
  g_free (record->summary);
  g_free (record->suggestion);
  g_free (record->uid);
  g_free (record);
}

char *
records_node_to_text (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  return plantar_json_to_text (node, FALSE, TRUE);
}

JsonNode *
records_text_to_node (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

char *
records_answers_to_text (const PlantarAnswers *answers)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "activity");
  if (answers->activity)
    json_builder_add_string_value (b, answers->activity);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "shoe");
  if (answers->shoe)
    json_builder_add_string_value (b, answers->shoe);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "weekly_km");
  json_builder_add_double_value (b, isfinite (answers->weekly_km) ? answers->weekly_km : -1);
  json_builder_set_member_name (b, "body_mass_kg");
  json_builder_add_double_value (b, isfinite (answers->body_mass_kg) ? answers->body_mass_kg : -1);
  json_builder_set_member_name (b, "pain");
  json_builder_add_int_value (b, answers->pain);
  json_builder_set_member_name (b, "pain_left");
  json_builder_add_int_value (b, answers->pain_left);
  json_builder_set_member_name (b, "pain_right");
  json_builder_add_int_value (b, answers->pain_right);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return records_node_to_text (root);
}

void
records_answers_from_text (PlantarAnswers *answers,
                           const char     *text)
{
  g_autoptr(JsonNode) node = records_text_to_node (text);
  JsonObject *o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  double v;

  plantar_answers_clear (answers);
  if (o == NULL)
    return;
  /* what the records or an export say, whatever it holds */
  if (plantar_json_string (o, "activity", NULL) != NULL)
    plantar_answers_set (answers, "activity", plantar_json_string (o, "activity", NULL), NULL);
  if (plantar_json_string (o, "shoe", NULL) != NULL)
    plantar_answers_set (answers, "shoe", plantar_json_string (o, "shoe", NULL), NULL);
  v = plantar_json_number (o, "weekly_km", -1);
  answers->weekly_km = v >= 0 ? v : NAN;
  v = plantar_json_number (o, "body_mass_kg", -1);
  answers->body_mass_kg = v >= 0 ? v : NAN;
  answers->pain = (PlantarPain) plantar_json_int (o, "pain", 0) & ((1u << PLANTAR_N_PAINS) - 1);
  answers->pain_left = (PlantarPain) plantar_json_int (o, "pain_left", 0) & answers->pain;
  answers->pain_right = (PlantarPain) plantar_json_int (o, "pain_right", 0) & answers->pain & ~answers->pain_left;
}

/* The fitting's row, and its scans when none are stored yet; inside the
 * caller's transaction. */
gboolean
records_write_fitting (PlantarRecords       *self,
                       PlantarFittingRecord *record,
                       gint64                now,
                       GError              **error)
{
  g_autofree char *state = NULL, *measurements = NULL, *answers = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean insert = record->id == 0;
  gint64 id;
  int rc;

  if (ON_SERVER (self))
    return server_write_fitting (self, record, now, NULL, error);
  state = records_node_to_text (record->state);
  measurements = records_node_to_text (record->measurements);
  answers = records_answers_to_text (&record->answers);
  if (record->uid == NULL)
    record->uid = records_new_uid ();
  stmt = records_prepare (self, insert
                  ? "INSERT INTO fittings (customer_id, created, modified, fitter, notes, answers, state, "
                    "measurements, suggestion, summary, uid, version) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1)"
                  : "UPDATE fittings SET customer_id = ?1, created = ?2, modified = ?3, fitter = ?4, notes = ?5, "
                    "answers = ?6, state = ?7, measurements = ?8, suggestion = ?9, summary = ?10, "
                    "version = version + 1 WHERE id = ?12 AND (?13 = 0 OR version = ?13)",
                  error);
  if (stmt == NULL)
    return FALSE;
  if (record->customer_id > 0)
    sqlite3_bind_int64 (stmt, 1, record->customer_id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, record->created ? record->created : now);
  sqlite3_bind_int64 (stmt, 3, now);
  records_bind_text (stmt, 4, record->fitter);
  records_bind_text (stmt, 5, record->notes);
  records_bind_text (stmt, 6, answers);
  records_bind_text (stmt, 7, state ? state : "{}");
  records_bind_text (stmt, 8, measurements);
  records_bind_text (stmt, 9, record->suggestion);
  records_bind_text (stmt, 10, record->summary);
  if (insert)
    records_bind_text (stmt, 11, record->uid);
  else
    {
      sqlite3_bind_int64 (stmt, 12, record->id);
      sqlite3_bind_int64 (stmt, 13, record->version);
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return records_sql_error (self, rc, _("saving the fitting"), error);
  if (!insert && sqlite3_changes (self->db) == 0)
    {
      gint64 original = record->id;
      g_clear_pointer (&stmt, sqlite3_finalize);
      stmt = records_prepare (self, "SELECT count(*) FROM fittings WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, original);
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) == 0)
        {
          g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND,
                       _("The fitting was deleted meanwhile"));
          return FALSE;
        }
      /* changed by someone else since this record was read: kept beside it */
      g_clear_pointer (&stmt, sqlite3_finalize);
      g_clear_pointer (&record->uid, g_free);
      record->id = 0;
      record->version = 0;
      if (!records_write_fitting (self, record, now, error))
        {
          record->id = original;
          return FALSE;
        }
      record->copy_of = original;
      if (record->scans->len == 0)
        {
          stmt = records_prepare (self, "INSERT INTO scans (fitting_id, position, name, bytes, cell_width_mm, "
                                  "cell_height_mm, frame_ms, sha256) SELECT ?1, position, name, bytes, cell_width_mm, "
                                  "cell_height_mm, frame_ms, sha256 FROM scans WHERE fitting_id = ?2", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, record->id);
          sqlite3_bind_int64 (stmt, 2, original);
          if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
            return records_sql_error (self, rc, _("saving the scans of the fitting"), error);
        }
      return TRUE;
    }
  id = insert ? sqlite3_last_insert_rowid (self->db) : record->id;

  /* the scans, once */
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = records_prepare (self, "SELECT count(*) FROM scans WHERE fitting_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return records_sql_error (self, sqlite3_errcode (self->db), _("saving the fitting"), error);
  if (sqlite3_column_int (stmt, 0) == 0)
    for (guint i = 0; i < record->scans->len; i++)
      {
        PlantarStoredScan *scan = g_ptr_array_index (record->scans, i);
        gsize size;
        const void *data = g_bytes_get_data (scan->bytes, &size);
        g_clear_pointer (&stmt, sqlite3_finalize);
        stmt = records_prepare (self, "INSERT INTO scans (fitting_id, position, name, bytes, cell_width_mm, cell_height_mm, "
                              "frame_ms) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, id);
        sqlite3_bind_int (stmt, 2, i);
        records_bind_text (stmt, 3, scan->name);
        sqlite3_bind_blob64 (stmt, 4, data ? data : "", size, SQLITE_STATIC);
        sqlite3_bind_double (stmt, 5, scan->cell_width_mm);
        sqlite3_bind_double (stmt, 6, scan->cell_height_mm);
        sqlite3_bind_double (stmt, 7, scan->frame_ms);
        rc = sqlite3_step (stmt);
        if (rc != SQLITE_DONE)
          return records_sql_error (self, rc, _("saving the scans of the fitting"), error);
      }
  /* the checksums of what was written */
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = records_prepare (self, "UPDATE fittings SET sha256 = " FITTING_CONTENT_SHA256 " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return records_sql_error (self, rc, _("saving the fitting"), error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = records_prepare (self, "UPDATE scans SET sha256 = " SCAN_CONTENT_SHA256 " WHERE fitting_id = ? AND sha256 IS NULL",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_DONE)
    return records_sql_error (self, rc, _("saving the scans of the fitting"), error);
  record->id = id;
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = records_prepare (self, "SELECT version FROM fittings WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return records_sql_error (self, sqlite3_errcode (self->db), _("saving the fitting"), error);
  record->version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
records_begin (PlantarRecords *self,
               const char     *doing,
               GError        **error)
{
  if (ON_SERVER (self))
    return server_begin (self, doing, error);
  return records_exec (self, "BEGIN IMMEDIATE", doing, error);
}

gboolean
records_commit (PlantarRecords *self,
                const char     *doing,
                GError        **error)
{
  int rc;

  if (ON_SERVER (self))
    return server_commit (self, doing, error);
  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      records_sql_error (self, rc, doing, error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

void
records_rollback (PlantarRecords *self)
{
  if (ON_SERVER (self))
    server_rollback (self);
  else
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A random UUID from the system's generator (not GLib's, whose state a
 * forked process shares with its parent). */
char *
records_new_uid (void)
{
  guint8 b[16];

  if (sodium_init () < 0)
    g_error ("libsodium cannot start");
  randombytes_buf (b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
                          b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/**
 * plantar_records_save_fitting:
 *
 * Inserts @record (id 0) or updates it, in one transaction: when this
 * returns TRUE the fitting is on the disk. The scans are written once,
 * with the first save.
 */
gboolean
plantar_records_save_fitting (PlantarRecords       *self,
                              PlantarFittingRecord *record,
                              GError              **error)
{
  RECORDS_LOCKED (self);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id = record->id, version = record->version;

  record->copy_of = 0;
  record->pending = FALSE;
  if (ON_SERVER (self))
    return server_save_fitting (self, record, error);
  if (!records_begin (self, _("saving the fitting"), error))
    return FALSE;
  if (!records_write_fitting (self, record, now, error))
    {
      records_rollback (self);
      record->id = id;
      record->version = version;
      record->copy_of = 0;
      return FALSE;
    }
  if (!records_commit (self, _("saving the fitting"), error))
    {
      record->id = id;
      record->version = version;
      record->copy_of = 0;
      return FALSE;
    }
  record->modified = now;
  if (record->created == 0)
    record->created = now;
  /* saved: a journal grown large is emptied now; failing that is not a
   * failed save, it is tried again after the next */
  {
    g_autoptr(GError) tend = NULL;
    if (!records_tend_journal (self, &tend))
      g_warning ("The records' journal could not be emptied: %s", tend->message);
  }
  return TRUE;
}

#define FITTING_COLUMNS "id, customer_id, created, modified, fitter, notes, answers, summary, suggestion, uid, version"

static PlantarFittingRecord *
fitting_from_row (sqlite3_stmt *stmt)
{
  PlantarFittingRecord *r = plantar_fitting_record_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->customer_id = sqlite3_column_int64 (stmt, 1);
  r->created = sqlite3_column_int64 (stmt, 2);
  r->modified = sqlite3_column_int64 (stmt, 3);
  r->fitter = records_column_text (stmt, 4);
  r->notes = records_column_text (stmt, 5);
  records_answers_from_text (&r->answers, (const char *) sqlite3_column_text (stmt, 6));
  r->summary = records_column_text (stmt, 7);
  r->suggestion = records_column_text (stmt, 8);
  r->uid = records_column_text (stmt, 9);
  r->version = sqlite3_column_int64 (stmt, 10);
  return r;
}

/**
 * plantar_records_list_fittings:
 * @customer_id: 0 for the fittings filed under nobody
 *
 * Returns: (transfer full) (element-type PlantarFittingRecord) (nullable)
 */
GPtrArray *
plantar_records_list_fittings (PlantarRecords  *self,
                               gint64           customer_id,
                               GError         **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *list;
  int rc;

  if (ON_SERVER (self))
    return server_list_fittings (self, customer_id, error);
  stmt = records_prepare (self, customer_id > 0
                          ? "SELECT " FITTING_COLUMNS " FROM fittings WHERE customer_id = ? "
                            "ORDER BY created DESC, id DESC"
                          : "SELECT " FITTING_COLUMNS " FROM fittings WHERE customer_id IS NULL "
                            "ORDER BY created DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  if (customer_id > 0)
    sqlite3_bind_int64 (stmt, 1, customer_id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_fitting_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, fitting_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (list);
      records_sql_error (self, rc, _("listing the fittings"), error);
      return NULL;
    }
  return list;
}

PlantarFittingRecord *
plantar_records_load_fitting (PlantarRecords  *self,
                              gint64           id,
                              GError         **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PlantarFittingRecord) record = NULL;
  int rc;

  if (ON_SERVER (self))
    return server_load_fitting (self, id, TRUE, error);
  stmt = records_prepare (self, "SELECT " FITTING_COLUMNS ", state, measurements FROM fittings WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND, _("No fitting %lld"), (long long) id);
      else
        records_sql_error (self, rc, _("reading a fitting"), error);
      return NULL;
    }
  record = fitting_from_row (stmt);
  record->state = records_text_to_node ((const char *) sqlite3_column_text (stmt, 11));
  record->measurements = records_text_to_node ((const char *) sqlite3_column_text (stmt, 12));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* what is read is what was saved */
  {
    g_autoptr(GArray) damaged = records_damaged_fittings (self, id, error);
    if (damaged == NULL)
      return NULL;
    if (damaged->len > 0)
      {
        g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (record->created);
        g_autofree char *date = g_date_time_format (when, "%Y-%m-%d %H:%M");
        g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT,
                     _("The fitting of %s is damaged: what the records hold of it no longer matches what was "
                       "saved (its checksum). The other fittings are not affected; restore this one from a "
                       "backup."), date);
        return NULL;
      }
  }

  stmt = records_prepare (self, "SELECT name, bytes, cell_width_mm, cell_height_mm, frame_ms FROM scans "
                        "WHERE fitting_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlantarStoredScan *scan = g_new0 (PlantarStoredScan, 1);
      scan->name = records_column_text (stmt, 0);
      scan->bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      scan->cell_width_mm = sqlite3_column_double (stmt, 2);
      scan->cell_height_mm = sqlite3_column_double (stmt, 3);
      scan->frame_ms = sqlite3_column_double (stmt, 4);
      g_ptr_array_add (record->scans, scan);
    }
  if (rc != SQLITE_DONE)
    {
      records_sql_error (self, rc, _("reading the scans of a fitting"), error);
      return NULL;
    }
  return g_steal_pointer (&record);
}

gboolean
plantar_records_delete_fitting (PlantarRecords  *self,
                                gint64           id,
                                GError         **error)
{
  RECORDS_LOCKED (self);
  if (ON_SERVER (self))
    return server_delete_row (self, "fittings", id, _("deleting a fitting"), error) >= 0;
  return records_delete_row (self, "DELETE FROM fittings WHERE id = ?", id, _("deleting a fitting"), error) >= 0;
}

/**
 * plantar_records_file_fitting:
 * @customer_id: the customer, or 0 to leave it unfiled
 *
 * Files a saved fitting under a customer, or takes it out of one.
 */
gboolean
plantar_records_file_fitting (PlantarRecords  *self,
                              gint64           id,
                              gint64           customer_id,
                              GError         **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (ON_SERVER (self))
    return server_file_fitting (self, id, customer_id, error);
  stmt = records_prepare (self, "UPDATE fittings SET customer_id = ?, modified = ? WHERE id = ? AND (? IS NULL OR "
                          "EXISTS (SELECT 1 FROM customers WHERE id = ?))", error);
  if (stmt == NULL)
    return FALSE;
  if (customer_id > 0)
    {
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_int64 (stmt, 4, customer_id);
      sqlite3_bind_int64 (stmt, 5, customer_id);
    }
  else
    {
      sqlite3_bind_null (stmt, 1);
      sqlite3_bind_null (stmt, 4);
      sqlite3_bind_null (stmt, 5);
    }
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 3, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return records_sql_error (self, rc, _("filing a fitting"), error);
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND,
                   _("The fitting or the customer is no longer in the records"));
      return FALSE;
    }
  return TRUE;
}

gint64
plantar_records_get_open_fitting (PlantarRecords *self)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (ON_SERVER (self))
    return server_get_open_fitting (self);
  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM session WHERE key = 'open-fitting'", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
plantar_records_set_open_fitting (PlantarRecords  *self,
                                  gint64           id,
                                  GError         **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (ON_SERVER (self))
    return server_set_open_fitting (self, id, error);
  stmt = records_prepare (self, "INSERT OR REPLACE INTO session (key, value) VALUES ('open-fitting', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  return rc == SQLITE_DONE || records_sql_error (self, rc, _("remembering the open fitting"), error);
}

/**
 * plantar_fitting_record_copy:
 *
 * A record of its own (the scans' bytes are shared: they never change), to
 * hand to a worker while the fitting goes on changing.
 */
PlantarFittingRecord *
plantar_fitting_record_copy (const PlantarFittingRecord *record)
{
  PlantarFittingRecord *copy = plantar_fitting_record_new ();

  copy->id = record->id;
  copy->customer_id = record->customer_id;
  copy->created = record->created;
  copy->modified = record->modified;
  copy->fitter = g_strdup (record->fitter);
  copy->notes = g_strdup (record->notes);
  plantar_answers_copy (&record->answers, &copy->answers);
  for (guint i = 0; i < record->scans->len; i++)
    {
      const PlantarStoredScan *from = g_ptr_array_index (record->scans, i);
      PlantarStoredScan *to = g_new0 (PlantarStoredScan, 1);
      *to = *from;
      to->name = g_strdup (from->name);
      to->bytes = g_bytes_ref (from->bytes);
      g_ptr_array_add (copy->scans, to);
    }
  copy->state = record->state ? json_node_copy (record->state) : NULL;
  copy->summary = g_strdup (record->summary);
  copy->suggestion = g_strdup (record->suggestion);
  copy->uid = g_strdup (record->uid);
  copy->version = record->version;
  copy->copy_of = record->copy_of;
  copy->pending = record->pending;
  copy->measurements = record->measurements ? json_node_copy (record->measurements) : NULL;
  return copy;
}

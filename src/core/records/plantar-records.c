/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "plantar-import.h"
#include "plantar-records.h"

/* Every fitting in one SQLite file in WAL mode: a save is one transaction,
 * so that a crash or a power cut leaves the last fitting reported saved
 * and never half of one. The schema has a version (PRAGMA user_version)
 * and each older version its migration; a database is copied aside before
 * it is migrated. One Plantar at a time holds a lock beside the file. */

struct _PlantarRecords
{
  gatomicrefcount ref;   /* a save in a worker keeps the records open */
  GRecMutex lock;   /* the connection is one thread's at a time */
  sqlite3  *db;
  char    *path;
  char    *migration_backup;
  int      lock_fd;
};

G_DEFINE_QUARK (plantar-records-error-quark, plantar_records_error)

/* Every public call holds the lock for its whole length: the window's
 * saves run in a worker while a search runs on the main loop. */
#define RECORDS_LOCKED(self) \
  g_autoptr(GRecMutexLocker) G_PASTE (records_locker_, __LINE__) = g_rec_mutex_locker_new (&(self)->lock)

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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PLANTAR_RECORDS_SCHEMA_VERSION);

static gboolean
sql_error (PlantarRecords *self,
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

static gboolean
exec (PlantarRecords *self,
      const char     *sql,
      const char     *doing,
      GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  return rc == SQLITE_OK || sql_error (self, rc, doing, error);
}

static sqlite3_stmt *
prepare (PlantarRecords *self,
         const char     *sql,
         GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sql_error (self, rc, _("reading the records"), error);
      return NULL;
    }
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static int
user_version (PlantarRecords *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

char *
plantar_records_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "plantar", "records.db", NULL);
}

/* One Plantar at a time: an advisory lock on a file beside the records,
 * let go by the kernel when the process ends, however it ends. */
static gboolean
take_lock (PlantarRecords *self,
           GError        **error)
{
  g_autofree char *lock = g_strconcat (self->path, ".lock", NULL);
  g_autofree char *name = g_filename_display_basename (self->path);

  self->lock_fd = open (lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd < 0)
    {
      int saved = errno;
      g_set_error (error, PLANTAR_RECORDS_ERROR,
                   saved == EACCES || saved == EROFS ? PLANTAR_RECORDS_ERROR_READ_ONLY : PLANTAR_RECORDS_ERROR_IO,
                   _("The records “%s” cannot be opened: %s"), name, g_strerror (saved));
      return FALSE;
    }
  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_LOCKED,
                   _("The records “%s” are open in another Plantar. Close it, or work in that one."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_database (sqlite3    *from,
               const char *path,
               GError    **error)
{
  sqlite3 *to = NULL;
  sqlite3_backup *backup;
  int rc = sqlite3_open_v2 (path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

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

static gboolean
migrate (PlantarRecords *self,
         GError        **error)
{
  int version = user_version (self);

  if (version < 0)
    return sql_error (self, sqlite3_errcode (self->db), _("reading the schema version"), error);
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
      if (!copy_database (self->db, self->migration_backup, error))
        return FALSE;
    }
  if (!exec (self, "BEGIN IMMEDIATE", _("upgrading the records"), error))
    return FALSE;
  for (int v = version; v < PLANTAR_RECORDS_SCHEMA_VERSION; v++)
    {
      g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!exec (self, migrations[v], _("upgrading the records"), error) ||
          !exec (self, set, _("upgrading the records"), error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return exec (self, "COMMIT", _("upgrading the records"), error);
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
  g_autoptr(PlantarRecords) self = g_new0 (PlantarRecords, 1);
  g_autofree char *dir = g_path_get_dirname (path);
  int rc;

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
  if (!take_lock (self, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_CANTOPEN && g_file_test (path, G_FILE_TEST_EXISTS))
        rc = SQLITE_READONLY;
      sql_error (self, rc, _("opening the records"), error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);
  sqlite3_extended_result_codes (self->db, FALSE);

  /* what is deleted is overwritten, not only forgotten (privacy requests) */
  if (!exec (self, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON", _("opening the records"), error))
    return NULL;
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
    if (rc == SQLITE_OK)
      rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      {
        sql_error (self, rc == SQLITE_OK ? sqlite3_errcode (self->db) : rc, _("opening the records"), error);
        return NULL;
      }
    if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
      {
        sql_error (self, SQLITE_READONLY, _("opening the records"), error);
        return NULL;
      }
  }
  /* a commit is on disk before Plantar says saved */
  if (!exec (self, "PRAGMA synchronous = FULL", _("opening the records"), error) ||
      !plantar_records_check (self, error) ||
      !migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* A quick look for damage. */
gboolean
plantar_records_check (PlantarRecords *self,
                       GError        **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  const char *result;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return sql_error (self, rc == SQLITE_OK ? sqlite3_errcode (self->db) : rc, _("checking the records"), error);
  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_autofree char *name = g_filename_display_basename (self->path);
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT,
                   _("The records “%s” are damaged (%s). Restore a backup; the damaged file is kept."), name,
                   result ? result : "?");
      return FALSE;
    }
  return TRUE;
}

void
plantar_records_close (PlantarRecords *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  if (self->db != NULL)
    sqlite3_close (self->db);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->path);
  g_free (self->migration_backup);
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
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                                          MAX (bytes / 4096, (gint64) 1));
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
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

/* ------------------------------------------------------------ customers */

/* "Zoë  Müller-Lüdenscheidt" → "zoe muller-ludenscheidt": what a search
 * compares. */
static char *
name_key (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, NULL);
  g_autofree char *folded = g_utf8_casefold (ascii, -1);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (kept, words[i]);
  joined = g_strv_builder_end (kept);
  return g_strjoinv (" ", joined);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);
  return text ? g_strdup (text) : NULL;
}

gint64
plantar_records_add_customer (PlantarRecords        *self,
                              const PlantarCustomer *customer,
                              GError               **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  int rc;

  if (customer->name == NULL || *g_strstrip (key = g_strdup (customer->name)) == '\0')
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID, _("A customer needs a name"));
      return 0;
    }
  g_free (key);
  key = name_key (customer->name);
  stmt = prepare (self, "INSERT INTO customers (name, name_key, birth_date, contact, notes, created) "
                        "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, customer->name);
  bind_text (stmt, 2, key);
  bind_text (stmt, 3, customer->birth_date);
  bind_text (stmt, 4, customer->contact);
  bind_text (stmt, 5, customer->notes);
  sqlite3_bind_int64 (stmt, 6, customer->created ? customer->created : g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_error (self, rc, _("adding a customer"), error);
      return 0;
    }
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
plantar_records_update_customer (PlantarRecords        *self,
                                 const PlantarCustomer *customer,
                                 GError               **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "UPDATE customers SET name = ?, name_key = ?, birth_date = ?, "
                                                "contact = ?, notes = ? WHERE id = ?", error);
  g_autofree char *key = name_key (customer->name ? customer->name : "");
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, customer->name);
  bind_text (stmt, 2, key);
  bind_text (stmt, 3, customer->birth_date);
  bind_text (stmt, 4, customer->contact);
  bind_text (stmt, 5, customer->notes);
  sqlite3_bind_int64 (stmt, 6, customer->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return sql_error (self, rc, _("changing a customer"), error);
  return TRUE;
}

static PlantarCustomer *
customer_from_row (sqlite3_stmt *stmt)
{
  PlantarCustomer *c = g_new0 (PlantarCustomer, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = column_text (stmt, 1);
  c->birth_date = column_text (stmt, 2);
  c->contact = column_text (stmt, 3);
  c->notes = column_text (stmt, 4);
  c->created = sqlite3_column_int64 (stmt, 5);
  c->n_fittings = sqlite3_column_int (stmt, 6);
  return c;
}

#define CUSTOMER_COLUMNS \
  "c.id, c.name, c.birth_date, c.contact, c.notes, c.created, " \
  "(SELECT count(*) FROM fittings f WHERE f.customer_id = c.id)"

PlantarCustomer *
plantar_records_get_customer (PlantarRecords  *self,
                              gint64           id,
                              GError         **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return customer_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND, _("No customer %" G_GINT64_FORMAT), id);
  else
    sql_error (self, rc, _("reading a customer"), error);
  return NULL;
}

/**
 * plantar_records_search:
 *
 * Returns: (transfer full) (element-type PlantarCustomer) (nullable)
 */
GPtrArray *
plantar_records_search (PlantarRecords  *self,
                        const char      *query,
                        guint            limit,
                        GError         **error)
{
  RECORDS_LOCKED (self);
  g_autofree char *key = name_key (query ? query : "");
  g_auto(GStrv) words = g_strsplit (key, " ", 6);
  g_autoptr(GString) sql = g_string_new ("SELECT " CUSTOMER_COLUMNS " FROM customers c");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *found;
  guint n = 0;
  int rc;

  /* each word starts a word of the name */
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (sql, "%s (c.name_key LIKE ? ESCAPE '\\' OR c.name_key LIKE ? ESCAPE '\\')",
                              n++ ? " AND" : " WHERE");
  g_string_append (sql, " ORDER BY c.name_key, c.id LIMIT ?");
  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  n = 0;
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        g_autoptr(GString) escaped = g_string_new (NULL);
        g_autofree char *start = NULL, *inside = NULL;
        for (const char *p = words[i]; *p; p++)
          {
            if (*p == '%' || *p == '_' || *p == '\\')
              g_string_append_c (escaped, '\\');
            g_string_append_c (escaped, *p);
          }
        start = g_strdup_printf ("%s%%", escaped->str);
        inside = g_strdup_printf ("%% %s%%", escaped->str);
        sqlite3_bind_text (stmt, ++n, start, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, ++n, inside, -1, SQLITE_TRANSIENT);
      }
  sqlite3_bind_int (stmt, ++n, limit ? (int) MIN (limit, G_MAXINT) : -1);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_customer_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, customer_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (found);
      sql_error (self, rc, _("searching the customers"), error);
      return NULL;
    }
  return found;
}

/* One row by its id, and what hangs on it (ON DELETE CASCADE): how many
 * rows went, or -1. */
static int
delete_row (PlantarRecords  *self,
            const char      *sql,
            gint64           id,
            const char      *doing,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      sql_error (self, rc, doing, error);
      return -1;
    }
  return sqlite3_changes (self->db);
}

gboolean
plantar_records_delete_customer (PlantarRecords  *self,
                                 gint64           id,
                                 GError         **error)
{
  RECORDS_LOCKED (self);
  int deleted = delete_row (self, "DELETE FROM customers WHERE id = ?", id, _("deleting a customer"), error);

  if (deleted <= 0)
    {
      if (deleted == 0)
        g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND, _("No customer %" G_GINT64_FORMAT), id);
      return FALSE;
    }
  /* out of the write-ahead log too: gone from the disk, not only the index */
  sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  return TRUE;
}

void
plantar_customer_free (PlantarCustomer *customer)
{
  if (customer == NULL)
    return;
  g_free (customer->name);
  g_free (customer->birth_date);
  g_free (customer->contact);
  g_free (customer->notes);
  g_free (customer);
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
  g_free (record);
}

static char *
node_to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = NULL;

  if (node == NULL)
    return NULL;
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static JsonNode *
text_to_node (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static char *
answers_to_text (const PlantarAnswers *answers)
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
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return node_to_text (root);
}

static void
answers_from_text (PlantarAnswers *answers,
                   const char     *text)
{
  g_autoptr(JsonNode) node = text_to_node (text);
  JsonObject *o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  double v;

  plantar_answers_clear (answers);
  if (o == NULL)
    return;
  if (json_object_has_member (o, "activity") && !json_object_get_null_member (o, "activity"))
    plantar_answers_set (answers, "activity", json_object_get_string_member (o, "activity"), NULL);
  if (json_object_has_member (o, "shoe") && !json_object_get_null_member (o, "shoe"))
    plantar_answers_set (answers, "shoe", json_object_get_string_member (o, "shoe"), NULL);
  v = json_object_has_member (o, "weekly_km") ? json_object_get_double_member (o, "weekly_km") : -1;
  answers->weekly_km = v >= 0 ? v : NAN;
  v = json_object_has_member (o, "body_mass_kg") ? json_object_get_double_member (o, "body_mass_kg") : -1;
  answers->body_mass_kg = v >= 0 ? v : NAN;
  answers->pain = json_object_has_member (o, "pain") ? (PlantarPain) json_object_get_int_member (o, "pain") : 0;
}

/* The fitting's row, and its scans when none are stored yet; inside the
 * caller's transaction. */
static gboolean
write_fitting (PlantarRecords       *self,
               PlantarFittingRecord *record,
               gint64                now,
               GError              **error)
{
  g_autofree char *state = node_to_text (record->state);
  g_autofree char *measurements = node_to_text (record->measurements);
  g_autofree char *answers = answers_to_text (&record->answers);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean insert = record->id == 0;
  gint64 id;
  int rc;

  stmt = prepare (self, insert
                  ? "INSERT INTO fittings (customer_id, created, modified, fitter, notes, answers, state, "
                    "measurements, suggestion, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                  : "UPDATE fittings SET customer_id = ?1, created = ?2, modified = ?3, fitter = ?4, notes = ?5, "
                    "answers = ?6, state = ?7, measurements = ?8, suggestion = ?9, summary = ?10 WHERE id = ?11",
                  error);
  if (stmt == NULL)
    return FALSE;
  if (record->customer_id > 0)
    sqlite3_bind_int64 (stmt, 1, record->customer_id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, record->created ? record->created : now);
  sqlite3_bind_int64 (stmt, 3, now);
  bind_text (stmt, 4, record->fitter);
  bind_text (stmt, 5, record->notes);
  bind_text (stmt, 6, answers);
  bind_text (stmt, 7, state ? state : "{}");
  bind_text (stmt, 8, measurements);
  bind_text (stmt, 9, record->suggestion);
  bind_text (stmt, 10, record->summary);
  if (!insert)
    sqlite3_bind_int64 (stmt, 11, record->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return sql_error (self, rc, _("saving the fitting"), error);
  if (!insert && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND, _("The fitting was deleted meanwhile"));
      return FALSE;
    }
  id = insert ? sqlite3_last_insert_rowid (self->db) : record->id;

  /* the scans, once */
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = prepare (self, "SELECT count(*) FROM scans WHERE fitting_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return sql_error (self, sqlite3_errcode (self->db), _("saving the fitting"), error);
  if (sqlite3_column_int (stmt, 0) == 0)
    for (guint i = 0; i < record->scans->len; i++)
      {
        PlantarStoredScan *scan = g_ptr_array_index (record->scans, i);
        gsize size;
        const void *data = g_bytes_get_data (scan->bytes, &size);
        g_clear_pointer (&stmt, sqlite3_finalize);
        stmt = prepare (self, "INSERT INTO scans (fitting_id, position, name, bytes, cell_width_mm, cell_height_mm, "
                              "frame_ms) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, id);
        sqlite3_bind_int (stmt, 2, i);
        bind_text (stmt, 3, scan->name);
        sqlite3_bind_blob64 (stmt, 4, data ? data : "", size, SQLITE_STATIC);
        sqlite3_bind_double (stmt, 5, scan->cell_width_mm);
        sqlite3_bind_double (stmt, 6, scan->cell_height_mm);
        sqlite3_bind_double (stmt, 7, scan->frame_ms);
        rc = sqlite3_step (stmt);
        if (rc != SQLITE_DONE)
          return sql_error (self, rc, _("saving the scans of the fitting"), error);
      }
  record->id = id;
  return TRUE;
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
  gint64 id = record->id;
  int rc;

  if (!exec (self, "BEGIN IMMEDIATE", _("saving the fitting"), error))
    return FALSE;
  if (!write_fitting (self, record, now, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      record->id = id;
      return FALSE;
    }
  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      sql_error (self, rc, _("saving the fitting"), error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      record->id = id;
      return FALSE;
    }
  record->modified = now;
  if (record->created == 0)
    record->created = now;
  return TRUE;
}

#define FITTING_COLUMNS "id, customer_id, created, modified, fitter, notes, answers, summary, suggestion"

static PlantarFittingRecord *
fitting_from_row (sqlite3_stmt *stmt)
{
  PlantarFittingRecord *r = plantar_fitting_record_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->customer_id = sqlite3_column_int64 (stmt, 1);
  r->created = sqlite3_column_int64 (stmt, 2);
  r->modified = sqlite3_column_int64 (stmt, 3);
  r->fitter = column_text (stmt, 4);
  r->notes = column_text (stmt, 5);
  answers_from_text (&r->answers, (const char *) sqlite3_column_text (stmt, 6));
  r->summary = column_text (stmt, 7);
  r->suggestion = column_text (stmt, 8);
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
  g_autoptr(sqlite3_stmt) stmt = prepare (self, customer_id > 0
                                          ? "SELECT " FITTING_COLUMNS " FROM fittings WHERE customer_id = ? "
                                            "ORDER BY created DESC, id DESC"
                                          : "SELECT " FITTING_COLUMNS " FROM fittings WHERE customer_id IS NULL "
                                            "ORDER BY created DESC, id DESC", error);
  GPtrArray *list;
  int rc;

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
      sql_error (self, rc, _("listing the fittings"), error);
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
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT " FITTING_COLUMNS ", state, measurements FROM fittings "
                                                "WHERE id = ?", error);
  g_autoptr(PlantarFittingRecord) record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND, _("No fitting %" G_GINT64_FORMAT), id);
      else
        sql_error (self, rc, _("reading a fitting"), error);
      return NULL;
    }
  record = fitting_from_row (stmt);
  record->state = text_to_node ((const char *) sqlite3_column_text (stmt, 9));
  record->measurements = text_to_node ((const char *) sqlite3_column_text (stmt, 10));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare (self, "SELECT name, bytes, cell_width_mm, cell_height_mm, frame_ms FROM scans "
                        "WHERE fitting_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlantarStoredScan *scan = g_new0 (PlantarStoredScan, 1);
      scan->name = column_text (stmt, 0);
      scan->bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      scan->cell_width_mm = sqlite3_column_double (stmt, 2);
      scan->cell_height_mm = sqlite3_column_double (stmt, 3);
      scan->frame_ms = sqlite3_column_double (stmt, 4);
      g_ptr_array_add (record->scans, scan);
    }
  if (rc != SQLITE_DONE)
    {
      sql_error (self, rc, _("reading the scans of a fitting"), error);
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
  return delete_row (self, "DELETE FROM fittings WHERE id = ?", id, _("deleting a fitting"), error) >= 0;
}

gint64
plantar_records_get_open_fitting (PlantarRecords *self)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

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
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "INSERT OR REPLACE INTO session (key, value) VALUES ('open-fitting', ?)",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  return rc == SQLITE_DONE || sql_error (self, rc, _("remembering the open fitting"), error);
}

/* ------------------------------------------------------------ a live fitting */

static void
add_point (JsonBuilder        *b,
           const char         *name,
           gboolean            has,
           const PlantarPoint *p)
{
  json_builder_set_member_name (b, name);
  if (!has)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  json_builder_add_double_value (b, p->x);
  json_builder_add_double_value (b, p->y);
  json_builder_end_array (b);
}

static gboolean
get_point (JsonObject   *o,
           const char   *name,
           PlantarPoint *p)
{
  JsonNode *n = json_object_get_member (o, name);
  JsonArray *a;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n) || json_array_get_length (a = json_node_get_array (n)) != 2)
    return FALSE;
  p->x = json_array_get_double_element (a, 0);
  p->y = json_array_get_double_element (a, 1);
  return isfinite (p->x) && isfinite (p->y);
}

/**
 * plantar_fitting_record_capture:
 *
 * Writes what the fitting is now into @record: the analysis settings, each
 * side's choice and the corrections of the foot shown, the measurements,
 * a summary for lists and the suggestion.
 */
void
plantar_fitting_record_capture (PlantarFittingRecord *record,
                                PlantarFitting       *fitting,
                                const PlantarAdvice  *advice,
                                PlantarThresholds    *thresholds)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonBuilder) m = json_builder_new ();
  const PlantarAnalysisSettings *settings = plantar_fitting_get_settings (fitting);
  g_autoptr(GString) summary = g_string_new (NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_double_value (b, isnan (settings->threshold) ? -1 : settings->threshold);
  json_builder_set_member_name (b, "shoe_allowance_mm");
  json_builder_add_double_value (b, settings->shoe_allowance_mm);

  json_builder_begin_object (m);
  for (int s = 0; s < 2; s++)
    {
      PlantarSide side = s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      const char *name = s == 0 ? "left" : "right";
      PlantarFoot *shown = plantar_fitting_get_shown (fitting, side);
      PlantarFoot *foot = plantar_fitting_get_foot (fitting, side);
      const PlantarCorrections *c = shown ? &shown->corrections : NULL;

      json_builder_set_member_name (b, name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "choice");
      json_builder_add_int_value (b, plantar_fitting_get_choice (fitting, side));
      add_point (b, "heel_centre", c && c->has_heel_centre, c ? &c->heel_centre : NULL);
      add_point (b, "toe_tip", c && c->has_toe_tip, c ? &c->toe_tip : NULL);
      add_point (b, "toe_line_start", c && c->has_toe_line, c ? &c->toe_line[0] : NULL);
      add_point (b, "toe_line_end", c && c->has_toe_line, c ? &c->toe_line[1] : NULL);
      json_builder_set_member_name (b, "threshold");
      if (c && c->has_threshold)
        json_builder_add_double_value (b, c->threshold);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);

      /* the numbers, for export and comparison */
      json_builder_set_member_name (m, name);
      if (foot == NULL)
        json_builder_add_null_value (m);
      else
        {
          PlantarCategory category;
          json_builder_begin_object (m);
#define NUMBER(key, value) \
          G_STMT_START { json_builder_set_member_name (m, key); \
                         if (isfinite (value)) json_builder_add_double_value (m, value); \
                         else json_builder_add_null_value (m); } G_STMT_END
          NUMBER ("arch_index", foot->arch_index);
          NUMBER ("modified_arch_index", foot->modified_arch_index);
          NUMBER ("chippaux_smirak", foot->chippaux_smirak);
          NUMBER ("staheli", foot->staheli);
          NUMBER ("clarke_angle_deg", foot->clarke_angle_deg);
          NUMBER ("hernandez_corvo", foot->hernandez_corvo);
          NUMBER ("foot_length_mm", foot->foot_length_mm);
          NUMBER ("ball_width_mm", foot->ball_width_mm);
          NUMBER ("heel_width_mm", foot->heel_width_mm);
          NUMBER ("heel_cop_offset_mm", foot->heel_cop_offset_mm);
          NUMBER ("heel_peak_kpa", foot->has_pressure ? foot->heel_peak_kpa : NAN);
          NUMBER ("peak_kpa", foot->has_pressure ? foot->peak_kpa : NAN);
          NUMBER ("medial_load_pct", foot->medial_load_pct);
          NUMBER ("cpei_pct", foot->cpei_pct);
          NUMBER ("progression_angle_deg", foot->progression_angle_deg);
#undef NUMBER
          json_builder_end_object (m);
          if (isfinite (foot->arch_index))
            {
              g_string_append_printf (summary, "%s%s %.3f", summary->len ? " · " : "", s == 0 ? _("L") : _("R"),
                                      foot->arch_index);
              if (plantar_thresholds_categorize (thresholds ? thresholds : plantar_thresholds_get_builtin (),
                                                 "arch_index", foot->arch_index, &category) && category.category)
                g_string_append_printf (summary, " %s", category.category);
            }
        }
    }
  json_builder_end_object (m);
  json_builder_end_object (b);

  g_clear_pointer (&record->state, json_node_unref);
  g_clear_pointer (&record->measurements, json_node_unref);
  record->state = json_builder_get_root (b);
  record->measurements = json_builder_get_root (m);
  g_free (record->summary);
  record->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  g_clear_pointer (&record->suggestion, g_free);
  if (advice != NULL)
    {
      const char *l = advice->left.available ? advice->left.insole_label : NULL;
      const char *r = advice->right.available ? advice->right.insole_label : NULL;
      record->suggestion = l && r && g_strcmp0 (l, r) != 0 ? g_strdup_printf ("%s · %s", l, r) : g_strdup (l ? l : r);
    }
}

/**
 * plantar_fitting_record_load_scans:
 * @names: (out) (optional): the file name of each scan
 *
 * The scans of the record, read again from their stored bytes, with the
 * calibration they were given.
 *
 * Returns: (transfer full) (nullable) (element-type PlantarScan)
 */
GPtrArray *
plantar_fitting_record_load_scans (const PlantarFittingRecord *record,
                                   GStrv                      *names,
                                   GError                    **error)
{
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (record->scans->len == 0)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID, _("The fitting holds no scan"));
      return NULL;
    }
  for (guint i = 0; i < record->scans->len; i++)
    {
      PlantarStoredScan *stored = g_ptr_array_index (record->scans, i);
      g_autoptr(GError) import_error = NULL;
      g_autoptr(GPtrArray) got = plantar_import_bytes (stored->bytes, stored->name, NULL, &import_error);
      if (got == NULL)
        {
          g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT,
                       _("The stored scan “%s” cannot be read: %s"), stored->name, import_error->message);
          return NULL;
        }
      for (guint k = 0; k < got->len; k++)
        {
          PlantarScan *scan = g_ptr_array_index (got, k);
          if (stored->cell_width_mm > 0 && stored->cell_height_mm > 0)
            plantar_scan_set_cell_size (scan, stored->cell_width_mm, stored->cell_height_mm);
          if (stored->frame_ms > 0 && plantar_scan_get_n_frames (scan) > 1)
            plantar_scan_set_frame_ms (scan, stored->frame_ms);
          g_ptr_array_add (scans, plantar_scan_ref (scan));
          g_strv_builder_add (builder, stored->name);
        }
    }
  if (names != NULL)
    *names = g_strv_builder_end (builder);
  return g_steal_pointer (&scans);
}

/* The analysis settings a record was measured with. */
void
plantar_fitting_record_get_settings (const PlantarFittingRecord *record,
                                     PlantarAnalysisSettings    *settings)
{
  JsonObject *state = record->state && JSON_NODE_HOLDS_OBJECT (record->state) ? json_node_get_object (record->state) : NULL;

  plantar_analysis_settings_init (settings);
  if (state != NULL)
    {
      double t = json_object_get_double_member_with_default (state, "threshold", -1);
      settings->threshold = t >= 0 ? t : NAN;
      settings->shoe_allowance_mm = json_object_get_double_member_with_default (state, "shoe_allowance_mm",
                                                                                settings->shoe_allowance_mm);
    }
}

/**
 * plantar_fitting_record_apply_state:
 *
 * Brings @fitting, measured from the record's scans, to where the record
 * left it: each side's choice, threshold and corrections. Where it starts
 * from, not steps to undo.
 */
void
plantar_fitting_record_apply_state (const PlantarFittingRecord *record,
                                    PlantarFitting             *fitting)
{
  JsonObject *state = record->state && JSON_NODE_HOLDS_OBJECT (record->state) ? json_node_get_object (record->state) : NULL;

  for (int s = 0; state != NULL && s < 2; s++)
    {
      PlantarSide side = s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      const char *key = s == 0 ? "left" : "right";
      JsonNode *node = json_object_get_member (state, key);
      JsonObject *o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      PlantarCorrections c;
      JsonNode *threshold;
      gint64 choice;

      if (o == NULL || plantar_fitting_get_n_choices (fitting, side) == 0)
        continue;
      choice = json_object_get_int_member_with_default (o, "choice", 0);
      if (choice >= 0 && choice < plantar_fitting_get_n_choices (fitting, side))
        plantar_fitting_set_choice (fitting, side, choice);
      threshold = json_object_get_member (o, "threshold");
      if (threshold != NULL && JSON_NODE_HOLDS_VALUE (threshold))
        plantar_fitting_set_threshold (fitting, side, json_node_get_double (threshold));
      c = plantar_fitting_get_shown (fitting, side)->corrections;
      c.has_heel_centre = get_point (o, "heel_centre", &c.heel_centre);
      c.has_toe_tip = get_point (o, "toe_tip", &c.toe_tip);
      c.has_toe_line = get_point (o, "toe_line_start", &c.toe_line[0]) && get_point (o, "toe_line_end", &c.toe_line[1]);
      if (c.has_heel_centre || c.has_toe_tip || c.has_toe_line)
        plantar_fitting_correct (fitting, side, &c, FALSE);
    }
  plantar_fitting_forget_history (fitting);
}

/**
 * plantar_fitting_record_restore:
 * @scans: (out) (optional): the scans, read again from the stored bytes
 *
 * Returns: (transfer full) (nullable): the fitting as it was saved
 */
PlantarFitting *
plantar_fitting_record_restore (const PlantarFittingRecord *record,
                                GPtrArray                 **scans_out,
                                GError                    **error)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) scans = plantar_fitting_record_load_scans (record, &names, error);
  g_autoptr(PlantarFitting) fitting = NULL;
  PlantarAnalysisSettings settings;

  if (scans == NULL)
    return NULL;
  fitting = plantar_fitting_new ();
  plantar_fitting_record_get_settings (record, &settings);
  plantar_fitting_set_scans (fitting, scans, (const char * const *) names, &settings);
  plantar_fitting_record_apply_state (record, fitting);
  if (scans_out != NULL)
    *scans_out = g_steal_pointer (&scans);
  return g_steal_pointer (&fitting);
}

/* ------------------------------------------------------------ export, import */

static gboolean
write_json (const char *path,
            JsonNode   *node,
            GError    **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  return json_generator_to_file (generator, path, error);
}

static const char * const csv_columns[] = {
  "arch_index", "modified_arch_index", "chippaux_smirak", "staheli", "clarke_angle_deg", "hernandez_corvo",
  "foot_length_mm", "ball_width_mm", "heel_width_mm", "heel_cop_offset_mm", "heel_peak_kpa", "peak_kpa",
  "medial_load_pct", "cpei_pct", "progression_angle_deg",
};

/**
 * plantar_records_export_customer:
 * @directory: made if missing
 *
 * Writes customer.json (the customer and every fitting, with their state),
 * measurements.csv (one row per fitting and foot) and scans/ (each fitting's
 * scans as the files they came from).
 */
gboolean
plantar_records_export_customer (PlantarRecords  *self,
                                 gint64           id,
                                 const char      *directory,
                                 GError         **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(PlantarCustomer) customer = plantar_records_get_customer (self, id, error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) csv = g_string_new ("fitting,date,side");
  g_autofree char *scans_dir = g_build_filename (directory, "scans", NULL);
  g_autofree char *json_path = g_build_filename (directory, "customer.json", NULL);
  g_autofree char *csv_path = g_build_filename (directory, "measurements.csv", NULL);

  if (customer == NULL)
    return FALSE;
  list = plantar_records_list_fittings (self, id, error);
  if (list == NULL)
    return FALSE;
  if (g_mkdir_with_parents (scans_dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO, _("Could not make “%s”: %s"), scans_dir,
                   g_strerror (saved));
      return FALSE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (csv_columns); k++)
    g_string_append_printf (csv, ",%s", csv_columns[k]);
  g_string_append_c (csv, '\n');

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "plantar_export");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "customer");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, customer->name);
#define OPT_STRING(key, v) G_STMT_START { json_builder_set_member_name (b, key); \
    if (v) json_builder_add_string_value (b, v); else json_builder_add_null_value (b); } G_STMT_END
  OPT_STRING ("birth_date", customer->birth_date);
  OPT_STRING ("contact", customer->contact);
  OPT_STRING ("notes", customer->notes);
  json_builder_set_member_name (b, "created");
  json_builder_add_int_value (b, customer->created);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "fittings");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      PlantarFittingRecord *summary = g_ptr_array_index (list, i);
      g_autoptr(PlantarFittingRecord) r = plantar_records_load_fitting (self, summary->id, error);
      g_autofree char *answers = NULL;
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *day = NULL;

      if (r == NULL)
        return FALSE;
      date = g_date_time_new_from_unix_local (r->created);
      day = g_date_time_format (date, "%Y-%m-%d");
      answers = answers_to_text (&r->answers);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "created");
      json_builder_add_int_value (b, r->created);
      OPT_STRING ("fitter", r->fitter);
      OPT_STRING ("notes", r->notes);
      OPT_STRING ("summary", r->summary);
      OPT_STRING ("suggestion", r->suggestion);
      json_builder_set_member_name (b, "answers");
      json_builder_add_value (b, text_to_node (answers));
      json_builder_set_member_name (b, "state");
      json_builder_add_value (b, r->state ? json_node_copy (r->state) : json_node_new (JSON_NODE_NULL));
      json_builder_set_member_name (b, "measurements");
      json_builder_add_value (b, r->measurements ? json_node_copy (r->measurements) : json_node_new (JSON_NODE_NULL));
      json_builder_set_member_name (b, "scans");
      json_builder_begin_array (b);
      for (guint s = 0; s < r->scans->len; s++)
        {
          PlantarStoredScan *scan = g_ptr_array_index (r->scans, s);
          g_autofree char *base = g_path_get_basename (scan->name);
          g_autofree char *file = g_strdup_printf ("%s-%u-%u-%s", day, i + 1, s + 1, base);
          g_autofree char *path = g_build_filename (scans_dir, file, NULL);
          gsize size;
          const void *data = g_bytes_get_data (scan->bytes, &size);
          if (!g_file_set_contents (path, data ? data : "", size, error))
            return FALSE;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "file");
          json_builder_add_string_value (b, file);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, scan->name);
          json_builder_set_member_name (b, "cell_width_mm");
          json_builder_add_double_value (b, scan->cell_width_mm);
          json_builder_set_member_name (b, "cell_height_mm");
          json_builder_add_double_value (b, scan->cell_height_mm);
          json_builder_set_member_name (b, "frame_ms");
          json_builder_add_double_value (b, scan->frame_ms);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);

      for (int side = 0; side < 2 && r->measurements && JSON_NODE_HOLDS_OBJECT (r->measurements); side++)
        {
          JsonObject *m = json_node_get_object (r->measurements);
          const char *name = side == 0 ? "left" : "right";
          JsonObject *foot = json_object_has_member (m, name) && !json_object_get_null_member (m, name)
                             ? json_object_get_object_member (m, name) : NULL;
          if (foot == NULL)
            continue;
          g_string_append_printf (csv, "%u,%s,%s", i + 1, day, name);
          for (guint k = 0; k < G_N_ELEMENTS (csv_columns); k++)
            {
              JsonNode *v = json_object_get_member (foot, csv_columns[k]);
              char buffer[G_ASCII_DTOSTR_BUF_SIZE] = "";
              if (v && JSON_NODE_HOLDS_VALUE (v))
                g_ascii_formatd (buffer, sizeof buffer, "%.4g", json_node_get_double (v));
              g_string_append_printf (csv, ",%s", buffer);
            }
          g_string_append_c (csv, '\n');
        }
    }
#undef OPT_STRING
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return write_json (json_path, root, error) && g_file_set_contents (csv_path, csv->str, csv->len, error);
}

static gboolean
invalid_export (const char  *directory,
                const char  *what,
                GError     **error)
{
  g_autofree char *name = g_filename_display_name (directory);
  g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID,
               _("“%s” is not a Plantar export: %s"), name, what);
  return FALSE;
}

/**
 * plantar_records_import_customer:
 *
 * Adds the customer of an export, as a new customer, with every fitting
 * and its scans; all or nothing.
 *
 * Returns: the new customer's id, or 0
 */
gint64
plantar_records_import_customer (PlantarRecords  *self,
                                 const char      *directory,
                                 GError         **error)
{
  RECORDS_LOCKED (self);
  g_autofree char *json_path = g_build_filename (directory, "customer.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  PlantarCustomer customer = { 0 };
  JsonObject *root, *c;
  JsonArray *fittings;
  gint64 id;

  if (!json_parser_load_from_file (parser, json_path, &parse_error))
    return invalid_export (directory, parse_error->message, error);
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  if (root == NULL || !json_object_has_member (root, "plantar_export") ||
      !json_object_has_member (root, "customer") || !json_object_has_member (root, "fittings"))
    return invalid_export (directory, _("customer.json lacks “plantar_export”, “customer” or “fittings”"), error);
  c = json_object_get_object_member (root, "customer");
  fittings = json_object_get_array_member (root, "fittings");
  if (c == NULL || fittings == NULL || json_object_get_string_member_with_default (c, "name", NULL) == NULL)
    return invalid_export (directory, _("the customer has no name"), error);

  if (!exec (self, "BEGIN IMMEDIATE", _("importing a customer"), error))
    return 0;
  customer.name = (char *) json_object_get_string_member_with_default (c, "name", NULL);
  customer.birth_date = (char *) json_object_get_string_member_with_default (c, "birth_date", NULL);
  customer.contact = (char *) json_object_get_string_member_with_default (c, "contact", NULL);
  customer.notes = (char *) json_object_get_string_member_with_default (c, "notes", NULL);
  customer.created = json_object_get_int_member_with_default (c, "created", 0);
  id = plantar_records_add_customer (self, &customer, error);
  if (id == 0)
    goto fail;

  for (guint i = 0; i < json_array_get_length (fittings); i++)
    {
      JsonObject *f = json_array_get_object_element (fittings, i);
      g_autoptr(PlantarFittingRecord) r = plantar_fitting_record_new ();
      JsonArray *scans = f && json_object_has_member (f, "scans") ? json_object_get_array_member (f, "scans") : NULL;
      g_autofree char *answers = NULL;

      if (f == NULL || scans == NULL)
        {
          invalid_export (directory, _("a fitting has no scans"), error);
          goto fail;
        }
      r->customer_id = id;
      r->created = json_object_get_int_member_with_default (f, "created", 0);
      r->fitter = g_strdup (json_object_get_string_member_with_default (f, "fitter", NULL));
      r->notes = g_strdup (json_object_get_string_member_with_default (f, "notes", NULL));
      r->summary = g_strdup (json_object_get_string_member_with_default (f, "summary", NULL));
      r->suggestion = g_strdup (json_object_get_string_member_with_default (f, "suggestion", NULL));
      if (json_object_has_member (f, "answers"))
        {
          answers = node_to_text (json_object_get_member (f, "answers"));
          answers_from_text (&r->answers, answers);
        }
      if (json_object_has_member (f, "state"))
        r->state = json_node_copy (json_object_get_member (f, "state"));
      if (json_object_has_member (f, "measurements"))
        r->measurements = json_node_copy (json_object_get_member (f, "measurements"));
      for (guint s = 0; s < json_array_get_length (scans); s++)
        {
          JsonObject *so = json_array_get_object_element (scans, s);
          const char *file = so ? json_object_get_string_member_with_default (so, "file", NULL) : NULL;
          g_autofree char *base = file ? g_path_get_basename (file) : NULL;
          g_autofree char *path = base ? g_build_filename (directory, "scans", base, NULL) : NULL;
          g_autoptr(GMappedFile) mapped = NULL;
          PlantarStoredScan *scan;

          if (path == NULL || (mapped = g_mapped_file_new (path, FALSE, NULL)) == NULL)
            {
              g_autofree char *what = g_strdup_printf (_("the scan “%s” is missing"), file ? file : "?");
              invalid_export (directory, what, error);
              goto fail;
            }
          scan = g_new0 (PlantarStoredScan, 1);
          scan->name = g_strdup (json_object_get_string_member_with_default (so, "name", base));
          scan->bytes = g_mapped_file_get_bytes (mapped);
          scan->cell_width_mm = json_object_get_double_member_with_default (so, "cell_width_mm", 0);
          scan->cell_height_mm = json_object_get_double_member_with_default (so, "cell_height_mm", 0);
          scan->frame_ms = json_object_get_double_member_with_default (so, "frame_ms", 0);
          g_ptr_array_add (r->scans, scan);
        }
      /* inside the import's transaction */
      if (!write_fitting (self, r, g_get_real_time () / G_USEC_PER_SEC, error))
        goto fail;
    }
  if (!exec (self, "COMMIT", _("importing a customer"), error))
    goto fail;
  return id;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return 0;
}

/* ------------------------------------------------------------ backup */

gboolean
plantar_records_backup (PlantarRecords  *self,
                        const char      *path,
                        GError         **error)
{
  RECORDS_LOCKED (self);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);

  /* written whole beside, then put in place: an old backup stays until
   * the new one is complete */
  g_unlink (partial);
  if (!copy_database (self->db, partial, error))
    {
      g_unlink (partial);
      return FALSE;
    }
  if (g_rename (partial, path) != 0)
    {
      int saved = errno;
      g_unlink (partial);
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO, _("Could not write the backup “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * plantar_records_restore:
 *
 * Replaces every record by those of a backup, once the backup is found
 * whole; the records as they were are first copied beside them
 * (records.db.before-restore-DATE).
 */
gboolean
plantar_records_restore (PlantarRecords  *self,
                         const char      *path,
                         GError         **error)
{
  RECORDS_LOCKED (self);
  sqlite3 *from = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *before = g_strdup_printf ("%s.before-restore-%s", self->path, stamp);
  sqlite3_backup *backup;
  int rc, version = -1;
  gboolean ok = FALSE;

  rc = sqlite3_open_v2 (path, &from, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      if (sqlite3_prepare_v2 (from, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
        {
          g_clear_pointer (&stmt, sqlite3_finalize);
          if (sqlite3_prepare_v2 (from, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
              sqlite3_step (stmt) == SQLITE_ROW)
            version = sqlite3_column_int (stmt, 0);
          g_clear_pointer (&stmt, sqlite3_finalize);
          if (version >= 1 && version <= PLANTAR_RECORDS_SCHEMA_VERSION &&
              sqlite3_prepare_v2 (from, "SELECT count(*) FROM customers, fittings LIMIT 1", -1, &stmt, NULL) == SQLITE_OK)
            ok = TRUE;
        }
    }
  if (!ok)
    {
      sqlite3_close (from);
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID,
                   version > PLANTAR_RECORDS_SCHEMA_VERSION
                   ? _("“%s” was written by a newer Plantar; nothing was changed")
                   : _("“%s” is not a whole backup of Plantar’s records; nothing was changed"), name);
      return FALSE;
    }

  if (!copy_database (self->db, before, error))
    {
      sqlite3_close (from);
      return FALSE;
    }
  backup = sqlite3_backup_init (self->db, "main", from, "main");
  if (backup == NULL)
    {
      sqlite3_close (from);
      return sql_error (self, sqlite3_errcode (self->db), _("restoring the backup"), error);
    }
  sqlite3_backup_step (backup, -1);
  rc = sqlite3_backup_finish (backup);
  sqlite3_close (from);
  if (rc != SQLITE_OK)
    return sql_error (self, rc, _("restoring the backup"), error);
  /* a backup of an older schema comes up to date */
  return migrate (self, error);
}

/* ------------------------------------------------------------ in a worker */

/* The slow calls, run in a worker thread so that a window never waits on
 * the disk: each holds the records' lock for its length, as the direct
 * calls do, so they are done one at a time and in order of the lock. */

typedef enum {
  JOB_SAVE,
  JOB_MARK_OPEN,
  JOB_LOAD,
  JOB_BACKUP,
  JOB_RESTORE,
  JOB_IMPORT,
  JOB_EXPORT,
} JobKind;

typedef struct {
  JobKind               kind;
  PlantarRecords       *records;
  PlantarFittingRecord *record;
  gint64                id;
  char                 *path;
  gboolean              mark_open;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->records, plantar_records_close);
  g_clear_pointer (&job->record, plantar_fitting_record_free);
  g_free (job->path);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gint64 id;

  switch (job->kind)
    {
    case JOB_SAVE:
      if (plantar_records_save_fitting (job->records, job->record, &error) &&
          (!job->mark_open || plantar_records_set_open_fitting (job->records, job->record->id, &error)))
        g_task_return_pointer (task, g_steal_pointer (&job->record), (GDestroyNotify) plantar_fitting_record_free);
      else
        g_task_return_error (task, error);
      break;
    case JOB_LOAD:
      {
        PlantarFittingRecord *record = plantar_records_load_fitting (job->records, job->id, &error);
        if (record != NULL)
          g_task_return_pointer (task, record, (GDestroyNotify) plantar_fitting_record_free);
        else
          g_task_return_error (task, error);
      }
      break;
    case JOB_MARK_OPEN:
    case JOB_BACKUP:
    case JOB_RESTORE:
    case JOB_EXPORT:
      if ((job->kind == JOB_MARK_OPEN ? plantar_records_set_open_fitting (job->records, job->id, &error)
           : job->kind == JOB_BACKUP ? plantar_records_backup (job->records, job->path, &error)
           : job->kind == JOB_RESTORE ? plantar_records_restore (job->records, job->path, &error)
           : plantar_records_export_customer (job->records, job->id, job->path, &error)))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      break;
    case JOB_IMPORT:
      id = plantar_records_import_customer (job->records, job->path, &error);
      if (id > 0)
        g_task_return_int (task, id);
      else
        g_task_return_error (task, error);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
run_job (PlantarRecords       *self,
         Job                  *job,
         gpointer              tag,
         GCancellable         *cancellable,
         GAsyncReadyCallback   callback,
         gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  job->records = plantar_records_ref (self);
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* a save is not given up half-way because its window closed */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, job_thread);
}

/**
 * plantar_records_save_fitting_async:
 * @record: (transfer full): what to save, the caller's own copy
 * @mark_open: and remember it as the fitting open (see
 *   plantar_records_get_open_fitting())
 *
 * plantar_records_save_fitting() in a worker thread.
 */
void
plantar_records_save_fitting_async (PlantarRecords       *self,
                                    PlantarFittingRecord *record,
                                    gboolean              mark_open,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_SAVE;
  job->record = record;
  job->mark_open = mark_open;
  run_job (self, job, plantar_records_save_fitting_async, cancellable, callback, user_data);
}

/* Returns: (transfer full): the record as saved, with its id and dates */
PlantarFittingRecord *
plantar_records_save_fitting_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
plantar_records_load_fitting_async (PlantarRecords      *self,
                                    gint64               id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_LOAD;
  job->id = id;
  run_job (self, job, plantar_records_load_fitting_async, cancellable, callback, user_data);
}

PlantarFittingRecord *
plantar_records_load_fitting_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
run_path_job (PlantarRecords      *self,
              JobKind              kind,
              gint64               id,
              const char          *path,
              gpointer             tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->id = id;
  job->path = g_strdup (path);
  run_job (self, job, tag, cancellable, callback, user_data);
}

/* plantar_records_set_open_fitting() in a worker thread. */
void
plantar_records_set_open_fitting_async (PlantarRecords      *self,
                                        gint64               id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  run_path_job (self, JOB_MARK_OPEN, id, NULL, plantar_records_set_open_fitting_async, cancellable, callback,
                user_data);
}

void
plantar_records_backup_async (PlantarRecords      *self,
                              const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  run_path_job (self, JOB_BACKUP, 0, path, plantar_records_backup_async, cancellable, callback, user_data);
}

void
plantar_records_restore_async (PlantarRecords      *self,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  run_path_job (self, JOB_RESTORE, 0, path, plantar_records_restore_async, cancellable, callback, user_data);
}

void
plantar_records_export_customer_async (PlantarRecords      *self,
                                       gint64               id,
                                       const char          *directory,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  run_path_job (self, JOB_EXPORT, id, directory, plantar_records_export_customer_async, cancellable, callback,
                user_data);
}

/* The backup, the restore or the export, done or not. */
gboolean
plantar_records_job_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
plantar_records_import_customer_async (PlantarRecords      *self,
                                       const char          *directory,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  run_path_job (self, JOB_IMPORT, 0, directory, plantar_records_import_customer_async, cancellable, callback,
                user_data);
}

gint64
plantar_records_import_customer_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);
  return g_task_propagate_int (G_TASK (result), error);
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
  copy->measurements = record->measurements ? json_node_copy (record->measurements) : NULL;
  return copy;
}

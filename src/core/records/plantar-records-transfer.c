/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <errno.h>

#include <unistd.h>

#include <sys/stat.h>

#include <fcntl.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "plantar-import.h"
#include "plantar-crypt.h"
#include "plantar-json-source.h"
#include "plantar-records-private.h"

/* ------------------------------------------------------------ export, import */

static gboolean
write_json (const char *path,
            JsonNode   *node,
            GError    **error)
{
  g_autofree char *text = plantar_json_to_text (node, TRUE, TRUE);

  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
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
      answers = records_answers_to_text (&r->answers);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "created");
      json_builder_add_int_value (b, r->created);
      OPT_STRING ("fitter", r->fitter);
      OPT_STRING ("notes", r->notes);
      OPT_STRING ("summary", r->summary);
      OPT_STRING ("suggestion", r->suggestion);
      json_builder_set_member_name (b, "answers");
      json_builder_add_value (b, records_text_to_node (answers));
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
          if (!g_file_set_contents_full (path, data ? data : "", size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
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
          JsonObject *foot = plantar_json_object (m, name);
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
  return write_json (json_path, root, error) &&
         g_file_set_contents_full (csv_path, csv->str, csv->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
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
/* A file of an exported customer's folder: a regular file there, never
 * a symlink out of it (to /etc/shadow), a device or a folder, and no
 * larger than @max_bytes. */
static GBytes *
read_export_file (const char *path,
                  guint64     max_bytes,
                  GError    **error)
{
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  struct stat st;
  g_autofree guint8 *data = NULL;
  gsize done = 0;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                   saved == ELOOP ? _("a link, not a file of the folder") : g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("not a regular file"));
      return NULL;
    }
  if ((guint64) st.st_size > max_bytes)
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, _("larger than %u MB"), (guint) (max_bytes >> 20));
      return NULL;
    }
  data = g_try_malloc (MAX (st.st_size, 1));
  while (data != NULL && done < (gsize) st.st_size)
    {
      ssize_t n = read (fd, data + done, st.st_size - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  close (fd);
  if (data == NULL || done != (gsize) st.st_size)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("could not be read whole"));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), done);
}

gint64
plantar_records_import_customer (PlantarRecords  *self,
                                 const char      *directory,
                                 GError         **error)
{
  RECORDS_LOCKED (self);
  g_autofree char *json_path = g_build_filename (directory, "customer.json", NULL);
  g_auto(PlantarJsonSource) source = { 0 };
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GBytes) json_bytes = NULL;
  PlantarCustomer customer = { 0 };
  JsonObject *root, *c;
  JsonArray *fittings;
  gint64 id;

  /* read as any input: a regular file of the folder, checked for depth
   * before it is parsed */
  json_bytes = read_export_file (json_path, 256 << 20, &parse_error);
  if (json_bytes == NULL ||
      !plantar_json_source_load_data (&source, g_bytes_get_data (json_bytes, NULL), g_bytes_get_size (json_bytes),
                                      "customer.json", PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID,
                                      &parse_error))
    return invalid_export (directory, parse_error->message, error);
  root = plantar_json_source_get_root (&source);
  if (root == NULL || !json_object_has_member (root, "plantar_export") ||
      !json_object_has_member (root, "customer") || !json_object_has_member (root, "fittings"))
    return invalid_export (directory, _("customer.json lacks “plantar_export”, “customer” or “fittings”"), error);
  c = plantar_json_object (root, "customer");
  fittings = plantar_json_array (root, "fittings");
  if (c == NULL || fittings == NULL || plantar_json_string (c, "name", NULL) == NULL)
    return invalid_export (directory, _("the customer has no name"), error);

  if (!records_begin (self, _("importing a customer"), error))
    return 0;
  customer.name = (char *) plantar_json_string (c, "name", NULL);
  customer.birth_date = (char *) plantar_json_string (c, "birth_date", NULL);
  customer.contact = (char *) plantar_json_string (c, "contact", NULL);
  customer.notes = (char *) plantar_json_string (c, "notes", NULL);
  customer.created = plantar_json_int (c, "created", 0);
  id = plantar_records_add_customer (self, &customer, error);
  if (id == 0)
    goto fail;

  for (guint i = 0; i < json_array_get_length (fittings); i++)
    {
      JsonObject *f = plantar_json_element_object (fittings, i);
      g_autoptr(PlantarFittingRecord) r = plantar_fitting_record_new ();
      JsonArray *scans = plantar_json_array (f, "scans");
      g_autofree char *answers = NULL;

      if (f == NULL || scans == NULL)
        {
          invalid_export (directory, _("a fitting has no scans"), error);
          goto fail;
        }
      r->customer_id = id;
      r->created = plantar_json_int (f, "created", 0);
      r->fitter = g_strdup (plantar_json_string (f, "fitter", NULL));
      r->notes = g_strdup (plantar_json_string (f, "notes", NULL));
      r->summary = g_strdup (plantar_json_string (f, "summary", NULL));
      r->suggestion = g_strdup (plantar_json_string (f, "suggestion", NULL));
      if (json_object_has_member (f, "answers"))
        {
          answers = records_node_to_text (json_object_get_member (f, "answers"));
          records_answers_from_text (&r->answers, answers);
        }
      if (json_object_has_member (f, "state"))
        r->state = json_node_copy (json_object_get_member (f, "state"));
      if (json_object_has_member (f, "measurements"))
        r->measurements = json_node_copy (json_object_get_member (f, "measurements"));
      for (guint s = 0; s < json_array_get_length (scans); s++)
        {
          JsonObject *so = plantar_json_element_object (scans, s);
          const char *file = so ? plantar_json_string (so, "file", NULL) : NULL;
          g_autofree char *base = file ? g_path_get_basename (file) : NULL;
          g_autofree char *path = base ? g_build_filename (directory, "scans", base, NULL) : NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) read_error = NULL;
          PlantarStoredScan *scan;

          if (path == NULL || (bytes = read_export_file (path, G_GUINT64_CONSTANT (2) << 30, &read_error)) == NULL)
            {
              g_autofree char *what =
                read_error == NULL || g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                  ? g_strdup_printf (_("the scan “%s” is missing"), file ? file : "?")
                  : g_strdup_printf (_("the scan “%s” cannot be read: %s"), file ? file : "?", read_error->message);
              invalid_export (directory, what, error);
              goto fail;
            }
          scan = g_new0 (PlantarStoredScan, 1);
          scan->name = g_strdup (plantar_json_string (so, "name", base));
          scan->bytes = g_steal_pointer (&bytes);
          scan->cell_width_mm = plantar_json_number (so, "cell_width_mm", 0);
          scan->cell_height_mm = plantar_json_number (so, "cell_height_mm", 0);
          scan->frame_ms = plantar_json_number (so, "frame_ms", 0);
          g_ptr_array_add (r->scans, scan);
        }
      /* inside the import's transaction */
      if (!records_write_fitting (self, r, g_get_real_time () / G_USEC_PER_SEC, error))
        goto fail;
    }
  if (!records_commit (self, _("importing a customer"), error))
    return 0;
  return id;

fail:
  records_rollback (self);
  return 0;
}

/* ------------------------------------------------------------ backup */

/* A server's records into a records file of their own: what the window
 * restores, and what a station can open without the server. */
static gboolean
backup_server (PlantarRecords *self,
               const char     *path,
               GError        **error)
{
  g_autoptr(PlantarRecords) file = plantar_records_open (path, error);
  PlantarRecordsCopyReport report;

  return file != NULL && plantar_records_copy_into (self, file, &report, NULL, NULL, error);
}

/* A backup brought back to a server: what it holds and the server lacks
 * is added, matched by uid; nothing another station has saved since is
 * taken away (a shared server is never rolled back by one station). */
static gboolean
restore_server (PlantarRecords *self,
                const char     *path,
                GError        **error)
{
  g_autofree char *dir = g_dir_make_tmp ("plantar-restore-XXXXXX", error);
  g_autofree char *copy = NULL;
  g_autoptr(PlantarRecords) file = NULL;
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = NULL;
  PlantarRecordsCopyReport report;
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  copy = g_build_filename (dir, "backup.db", NULL);
  to = g_file_new_for_path (copy);
  /* a copy, so that the backup itself is never migrated nor locked */
  ok = g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error) &&
       (file = plantar_records_open (copy, error)) != NULL &&
       plantar_records_copy_into (file, self, &report, NULL, NULL, error);
  g_clear_pointer (&file, plantar_records_close);
  g_unlink (copy);
  g_rmdir (dir);
  return ok;
}

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
  if (ON_SERVER (self) ? !backup_server (self, partial, error) : !records_copy_database (self->db, partial, error))
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

  if (ON_SERVER (self))
    return restore_server (self, path, error);
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

  if (!records_copy_database (self->db, before, error))
    {
      sqlite3_close (from);
      return FALSE;
    }
  backup = sqlite3_backup_init (self->db, "main", from, "main");
  if (backup == NULL)
    {
      sqlite3_close (from);
      return records_sql_error (self, sqlite3_errcode (self->db), _("restoring the backup"), error);
    }
  sqlite3_backup_step (backup, -1);
  rc = sqlite3_backup_finish (backup);
  sqlite3_close (from);
  if (rc != SQLITE_OK)
    return records_sql_error (self, rc, _("restoring the backup"), error);
  /* a backup of an older schema comes up to date, and the journal is
   * started afresh for the records as they now are */
  return records_migrate (self, error) && records_restart_journal (self, error);
}

/**
 * plantar_records_backup_sealed:
 * @passphrase: (nullable): seals the backup with it; %NULL writes it plain
 *
 * A backup to take off the computer: sealed with a passphrase (see
 * plantar-crypt.h), nothing of it ever on the disk in the clear but a
 * temporary copy beside the records, readable by the user alone and
 * removed at once.
 */
gboolean
plantar_records_backup_sealed (PlantarRecords  *self,
                               const char      *path,
                               const char      *passphrase,
                               GError         **error)
{
  RECORDS_LOCKED (self);
  g_autofree char *plain = NULL;
  gboolean ok;

  if (passphrase == NULL)
    return plantar_records_backup (self, path, error);
  /* beside the records, or beside the backup for a server's */
  plain = g_strdup_printf ("%s.sealing-%u", ON_SERVER (self) ? path : self->path, g_random_int ());
  ok = plantar_records_backup (self, plain, error) && plantar_crypt_seal (plain, path, passphrase, error);
  g_unlink (plain);
  return ok;
}

/**
 * plantar_records_restore_sealed:
 * @passphrase: (nullable): for a sealed backup
 *
 * Restores a backup, plain or sealed (a sealed one without its
 * passphrase is an error that says so, and nothing changes).
 */
gboolean
plantar_records_restore_sealed (PlantarRecords  *self,
                                const char      *path,
                                const char      *passphrase,
                                GError         **error)
{
  RECORDS_LOCKED (self);
  g_autofree char *plain = NULL;
  gboolean ok;

  if (!plantar_crypt_is_sealed (path))
    return plantar_records_restore (self, path, error);
  if (passphrase == NULL)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID,
                   _("This backup is sealed with a passphrase"));
      return FALSE;
    }
  if (ON_SERVER (self))
    {
      g_autofree char *dir = g_dir_make_tmp ("plantar-opening-XXXXXX", error);
      if (dir == NULL)
        return FALSE;
      plain = g_build_filename (dir, "backup.db", NULL);
      ok = plantar_crypt_open (path, plain, passphrase, error) && plantar_records_restore (self, plain, error);
      g_unlink (plain);
      g_rmdir (dir);
      return ok;
    }
  plain = g_strdup_printf ("%s.opening-%u", self->path, g_random_int ());
  ok = plantar_crypt_open (path, plain, passphrase, error) && plantar_records_restore (self, plain, error);
  g_unlink (plain);
  return ok;
}

gboolean
plantar_records_is_sealed (const char *path)
{
  return plantar_crypt_is_sealed (path);
}

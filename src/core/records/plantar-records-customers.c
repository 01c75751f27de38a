/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "plantar-import.h"
#include "plantar-records-private.h"

/* ------------------------------------------------------------ customers */

/* "Zoë  Müller-Lüdenscheidt" → "zoe muller-ludenscheidt": what a search
 * compares. */
char *
records_name_key (const char *name)
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

gint64
plantar_records_add_customer (PlantarRecords        *self,
                              const PlantarCustomer *customer,
                              GError               **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL, *uid = NULL;
  int rc;

  if (customer->name == NULL || *g_strstrip (key = g_strdup (customer->name)) == '\0')
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID, _("A customer needs a name"));
      return 0;
    }
  g_free (key);
  key = records_name_key (customer->name);
  if (ON_SERVER (self))
    return server_add_customer (self, customer, key, error);
  uid = customer->uid ? g_strdup (customer->uid) : records_new_uid ();
  stmt = records_prepare (self, "INSERT INTO customers (name, name_key, birth_date, contact, notes, created, uid) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  records_bind_text (stmt, 1, customer->name);
  records_bind_text (stmt, 2, key);
  records_bind_text (stmt, 3, customer->birth_date);
  records_bind_text (stmt, 4, customer->contact);
  records_bind_text (stmt, 5, customer->notes);
  sqlite3_bind_int64 (stmt, 6, customer->created ? customer->created : g_get_real_time () / G_USEC_PER_SEC);
  records_bind_text (stmt, 7, uid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      records_sql_error (self, rc, _("adding a customer"), error);
      return 0;
    }
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * plantar_records_find_customer:
 *
 * The customer called @name, by the same words whatever their case and
 * accents ("zoe  MULLER" is Zoë Müller).
 *
 * Returns: the customer's id, 0 when there is none (or on an error, set)
 */
gint64
plantar_records_find_customer (PlantarRecords *self,
                               const char     *name,
                               GError        **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = name ? records_name_key (name) : NULL;
  int rc;

  if (key == NULL || *key == '\0')
    return 0;
  if (ON_SERVER (self))
    return server_find_customer (self, "name_key", key, error);
  stmt = records_prepare (self, "SELECT id FROM customers WHERE name_key = ? ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  records_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    records_sql_error (self, rc, _("finding a customer"), error);
  return 0;
}

/**
 * plantar_records_find_or_add_customer:
 * @created: (out) (optional): whether the customer is new
 *
 * The customer called @name (see plantar_records_find_customer()), or a
 * new one of that name: the name a fitter types and the customers in the
 * records are one thing.
 *
 * Returns: the customer's id, or 0 with @error set
 */
gint64
plantar_records_find_or_add_customer (PlantarRecords *self,
                                      const char     *name,
                                      gboolean       *created,
                                      GError        **error)
{
  RECORDS_LOCKED (self);
  g_autofree char *trimmed = name ? g_strstrip (g_strdup (name)) : NULL;
  PlantarCustomer c = { 0 };
  GError *failed = NULL;
  gint64 id;

  if (created)
    *created = FALSE;
  if (trimmed == NULL || *trimmed == '\0')
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID, _("A customer needs a name"));
      return 0;
    }
  if ((id = plantar_records_find_customer (self, trimmed, &failed)) > 0)
    return id;
  if (failed != NULL)
    {
      g_propagate_error (error, failed);
      return 0;
    }
  c.name = trimmed;
  if (created)
    *created = TRUE;
  return plantar_records_add_customer (self, &c, error);
}

gboolean
plantar_records_update_customer (PlantarRecords        *self,
                                 const PlantarCustomer *customer,
                                 GError               **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = records_name_key (customer->name ? customer->name : "");
  int rc;

  if (ON_SERVER (self))
    return server_update_customer (self, customer, key, error);
  stmt = records_prepare (self, "UPDATE customers SET name = ?, name_key = ?, birth_date = ?, contact = ?, notes = ? "
                          "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  records_bind_text (stmt, 1, customer->name);
  records_bind_text (stmt, 2, key);
  records_bind_text (stmt, 3, customer->birth_date);
  records_bind_text (stmt, 4, customer->contact);
  records_bind_text (stmt, 5, customer->notes);
  sqlite3_bind_int64 (stmt, 6, customer->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return records_sql_error (self, rc, _("changing a customer"), error);
  return TRUE;
}

static PlantarCustomer *
customer_from_row (sqlite3_stmt *stmt)
{
  PlantarCustomer *c = g_new0 (PlantarCustomer, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = records_column_text (stmt, 1);
  c->birth_date = records_column_text (stmt, 2);
  c->contact = records_column_text (stmt, 3);
  c->notes = records_column_text (stmt, 4);
  c->created = sqlite3_column_int64 (stmt, 5);
  c->n_fittings = sqlite3_column_int (stmt, 6);
  c->uid = records_column_text (stmt, 7);
  return c;
}

#define CUSTOMER_COLUMNS \
  "c.id, c.name, c.birth_date, c.contact, c.notes, c.created, " \
  "(SELECT count(*) FROM fittings f WHERE f.customer_id = c.id), c.uid"

PlantarCustomer *
plantar_records_get_customer (PlantarRecords  *self,
                              gint64           id,
                              GError         **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (ON_SERVER (self))
    return server_get_customer (self, id, error);
  stmt = records_prepare (self, "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return customer_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND, _("No customer %lld"), (long long) id);
  else
    records_sql_error (self, rc, _("reading a customer"), error);
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
  g_autofree char *key = records_name_key (query ? query : "");
  g_auto(GStrv) words = g_strsplit (key, " ", 6);
  g_autoptr(GStrvBuilder) built = g_strv_builder_new ();
  g_auto(GStrv) patterns = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT " CUSTOMER_COLUMNS " FROM customers c");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *found;
  int rc;

  /* each word starts a word of the name: two patterns a word, the name's
   * start and a word inside it; a wildcard typed is a character */
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        g_autoptr(GString) escaped = g_string_new (NULL);
        for (const char *p = words[i]; *p; p++)
          {
            if (*p == '%' || *p == '_' || *p == '\\')
              g_string_append_c (escaped, '\\');
            g_string_append_c (escaped, *p);
          }
        g_autofree char *start = g_strdup_printf ("%s%%", escaped->str);
        g_autofree char *inside = g_strdup_printf ("%% %s%%", escaped->str);
        g_strv_builder_add (built, start);
        g_strv_builder_add (built, inside);
      }
  patterns = g_strv_builder_end (built);
  if (ON_SERVER (self))
    return server_search (self, patterns, limit, error);

  for (guint i = 0; patterns[i] != NULL; i += 2)
    g_string_append_printf (sql, "%s (c.name_key LIKE ? ESCAPE '\\' OR c.name_key LIKE ? ESCAPE '\\')",
                            i ? " AND" : " WHERE");
  g_string_append (sql, " ORDER BY c.name_key, c.id LIMIT ?");
  stmt = records_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; patterns[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, patterns[i], -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, g_strv_length (patterns) + 1, limit ? (int) MIN (limit, G_MAXINT) : -1);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_customer_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, customer_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (found);
      records_sql_error (self, rc, _("searching the customers"), error);
      return NULL;
    }
  return found;
}

/* One row by its id, and what hangs on it (ON DELETE CASCADE): how many
 * rows went, or -1. */
/* The customer @id called @name deleted from each copy of the records
 * beside them (the same ids, and the name checked so that no one else is
 * touched), the freed pages overwritten. */
static void
scrub_copies (PlantarRecords *self,
              gint64          id,
              const char     *name)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *migration = g_strconcat (base, ".schema-", NULL);
  g_autofree char *restore = g_strconcat (base, ".before-restore-", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      sqlite3 *copy = NULL;
      sqlite3_stmt *stmt = NULL;

      if (!g_str_has_prefix (entry, migration) && !g_str_has_prefix (entry, restore))
        continue;
      if (g_str_has_suffix (entry, "-wal") || g_str_has_suffix (entry, "-shm") || g_str_has_suffix (entry, "-journal"))
        continue;
      path = g_build_filename (dir, entry, NULL);
      if (sqlite3_open_v2 (path, &copy, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
          sqlite3_exec (copy, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON", NULL, NULL, NULL) == SQLITE_OK &&
          sqlite3_prepare_v2 (copy, "DELETE FROM customers WHERE id = ? AND name = ?", -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_DONE && sqlite3_changes (copy) > 0)
            sqlite3_exec (copy, "VACUUM", NULL, NULL, NULL);
          else
            g_debug ("%s does not hold customer %" G_GINT64_FORMAT, path, id);
        }
      else
        g_warning ("The copy %s could not be cleared of a deleted customer: %s", path,
                   copy ? sqlite3_errmsg (copy) : "?");
      sqlite3_finalize (stmt);
      sqlite3_close (copy);
    }
}

gboolean
plantar_records_delete_customer (PlantarRecords  *self,
                                 gint64           id,
                                 GError         **error)
{
  RECORDS_LOCKED (self);
  g_autoptr(PlantarCustomer) who = NULL;
  g_autoptr(GError) journal_error = NULL;
  int deleted;

  if (ON_SERVER (self))
    {
      /* gone for every station at once: the fittings and scans with it */
      deleted = server_delete_row (self, "customers", id, _("deleting a customer"), error);
      if (deleted == 0)
        g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND, _("No customer %lld"), (long long) id);
      return deleted > 0;
    }
  who = plantar_records_get_customer (self, id, NULL);
  deleted = records_delete_row (self, "DELETE FROM customers WHERE id = ?", id, _("deleting a customer"), error);
  if (deleted <= 0)
    {
      if (deleted == 0)
        g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND, _("No customer %lld"), (long long) id);
      return FALSE;
    }
  /* out of the journal too: gone from the disk, not only the index */
  if (!records_restart_journal (self, &journal_error))
    g_warning ("The journal could not be emptied after a delete: %s", journal_error->message);
  /* and out of the copies Plantar made itself (before a migration, before
   * a restore): the person is gone from every file Plantar keeps */
  if (who != NULL)
    scrub_copies (self, id, who->name);
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
  g_free (customer->uid);
  g_free (customer);
}

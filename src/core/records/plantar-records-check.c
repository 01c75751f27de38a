/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "plantar-records-private.h"

/*
 * What the records are checked for: SQLite's view of the file's structure
 * (quick_check), and, where that cannot see, the content: a SHA-256 of
 * each fitting and each scan, written with them and compared when read.
 */

/* plantar_sha256 (...): the SHA-256 of its arguments, each with its type
 * and length, so that ("ab", "c") and ("a", "bc") differ. */
void
records_sha256_function (sqlite3_context *context,
                         int              argc,
                         sqlite3_value  **argv)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (int i = 0; i < argc; i++)
    {
      int type = sqlite3_value_type (argv[i]);
      guint8 tag = (guint8) type;
      guint64 length = 0;

      g_checksum_update (sum, &tag, 1);
      switch (type)
        {
        case SQLITE_INTEGER:
          {
            gint64 v = GINT64_TO_LE (sqlite3_value_int64 (argv[i]));
            g_checksum_update (sum, (const guchar *) &v, sizeof v);
          }
          break;
        case SQLITE_FLOAT:
          {
            double v = sqlite3_value_double (argv[i]);
            g_checksum_update (sum, (const guchar *) &v, sizeof v);
          }
          break;
        case SQLITE_TEXT:
        case SQLITE_BLOB:
          {
            const void *data = type == SQLITE_TEXT ? (const void *) sqlite3_value_text (argv[i])
                                                   : sqlite3_value_blob (argv[i]);
            length = GUINT64_TO_LE ((guint64) sqlite3_value_bytes (argv[i]));
            g_checksum_update (sum, (const guchar *) &length, sizeof length);
            if (data != NULL)
              g_checksum_update (sum, data, sqlite3_value_bytes (argv[i]));
          }
          break;
        case SQLITE_NULL:
        default:
          break;
        }
    }
  sqlite3_result_text (context, g_checksum_get_string (sum), -1, SQLITE_TRANSIENT);
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
    return records_sql_error (self, rc == SQLITE_OK ? sqlite3_errcode (self->db) : rc, _("checking the records"), error);
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

/* The fittings whose content or scans no longer match their checksums,
 * lowest id first; @only: one fitting, or 0 for all. */
GArray *
records_damaged_fittings (PlantarRecords *self,
                          gint64          only,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = records_prepare (self,
    "SELECT id FROM fittings WHERE (?1 = 0 OR id = ?1) AND sha256 IS NOT NULL AND sha256 != " FITTING_CONTENT_SHA256
    " UNION SELECT fitting_id FROM scans WHERE (?1 = 0 OR fitting_id = ?1) AND sha256 IS NOT NULL AND sha256 != "
    SCAN_CONTENT_SHA256 " ORDER BY 1", error);
  GArray *ids;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, only);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      g_array_unref (ids);
      records_sql_error (self, rc, _("checking the fittings"), error);
      return NULL;
    }
  return ids;
}

/**
 * plantar_records_find_damaged:
 *
 * Every fitting whose notes, answers, measurements or scans no longer
 * match what was saved (a damaged disk, a hand-edited file): SQLite's own
 * checks see the file's structure, not what it says. The others are
 * unaffected and stay usable.
 *
 * Returns: (transfer full) (element-type gint64): their ids, or %NULL on
 *   an error
 */
GArray *
plantar_records_find_damaged (PlantarRecords  *self,
                              GError         **error)
{
  RECORDS_LOCKED (self);
  return records_damaged_fittings (self, 0, error);
}


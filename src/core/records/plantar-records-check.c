/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

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
  const char *result;
  int rc;

  if (ON_SERVER (self))
    return server_check (self, error);
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
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
  if (ON_SERVER (self))
    return server_damaged_fittings (self, error);
  return records_damaged_fittings (self, 0, error);
}


/* A fitting's checksum, as a server keeps it: the SHA-256 of its texts as
 * they are stored and of each scan, each with its length. */
static void
sum_text (GChecksum  *sum,
          const char *text)
{
  guint64 length = GUINT64_TO_LE (text ? (guint64) strlen (text) + 1 : 0);

  g_checksum_update (sum, (const guchar *) &length, sizeof length);
  if (text != NULL)
    g_checksum_update (sum, (const guchar *) text, strlen (text));
}

static void
sum_double (GChecksum *sum,
            double     v)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  sum_text (sum, g_ascii_dtostr (text, sizeof text, v));
}

char *
records_content_checksum (gint64      created,
                          const char *fitter,
                          const char *notes,
                          const char *answers,
                          const char *state,
                          const char *measurements,
                          const char *suggestion,
                          const char *summary,
                          GPtrArray  *scans)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gint64 le = GINT64_TO_LE (created);

  g_checksum_update (sum, (const guchar *) &le, sizeof le);
  sum_text (sum, fitter);
  sum_text (sum, notes);
  sum_text (sum, answers);
  sum_text (sum, state);
  sum_text (sum, measurements);
  sum_text (sum, suggestion);
  sum_text (sum, summary);
  for (guint i = 0; scans != NULL && i < scans->len; i++)
    {
      PlantarStoredScan *scan = g_ptr_array_index (scans, i);
      gsize size = 0;
      const guchar *data = scan->bytes ? g_bytes_get_data (scan->bytes, &size) : NULL;
      guint64 length = GUINT64_TO_LE ((guint64) size);

      sum_text (sum, scan->name);
      g_checksum_update (sum, (const guchar *) &length, sizeof length);
      if (data != NULL)
        g_checksum_update (sum, data, size);
      sum_double (sum, scan->cell_width_mm);
      sum_double (sum, scan->cell_height_mm);
      sum_double (sum, scan->frame_ms);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/**
 * plantar_fitting_record_checksum:
 *
 * What a fitting holds, its scans included, as one SHA-256: equal in every
 * copy of the records that holds the same fitting.
 */
char *
plantar_fitting_record_checksum (const PlantarFittingRecord *record)
{
  g_autofree char *answers = records_answers_to_text (&record->answers);
  g_autofree char *state = records_node_to_text (record->state);
  g_autofree char *measurements = records_node_to_text (record->measurements);

  return records_content_checksum (record->created, record->fitter, record->notes, answers, state ? state : "{}",
                                   measurements, record->suggestion, record->summary, record->scans);
}

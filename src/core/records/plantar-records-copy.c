/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "plantar-records-private.h"

/*
 * The whole records into other records: a file to a server when a clinic
 * moves to one, a server back to a file, a backup of a server. Customers
 * and fittings are matched by their uids, so that a copy cut short (the
 * network, a closed laptop) is run again and takes up where it stopped,
 * and a copy run twice adds nothing. Each fitting written is read back and
 * compared by its checksum.
 */

static gint64
find_by_uid (PlantarRecords *self,
             const char     *table,
             const char     *uid,
             GError        **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (uid == NULL)
    return 0;
  if (ON_SERVER (self))
    return strcmp (table, "customers") == 0 ? server_find_customer (self, "uid", uid, error)
                                            : server_find_fitting (self, uid, error);
  sql = g_strdup_printf ("SELECT id FROM %s WHERE uid = ?", table);
  if ((stmt = records_prepare (self, sql, error)) == NULL)
    return 0;
  records_bind_text (stmt, 1, uid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    records_sql_error (self, rc, _("finding a fitting"), error);
  return 0;
}

static gboolean
copy_fitting (PlantarRecords           *self,
              PlantarRecords           *to,
              gint64                    id,
              gint64                    to_customer,
              PlantarRecordsCopyReport *report,
              GError                  **error)
{
  g_autoptr(PlantarFittingRecord) source = plantar_records_load_fitting (self, id, error);
  g_autoptr(PlantarFittingRecord) copy = NULL, back = NULL;
  g_autofree char *sum = NULL, *sum_back = NULL;
  GError *failed = NULL;
  gint64 there;

  if (source == NULL)
    return FALSE;
  report->scans += source->scans->len;
  sum = plantar_fitting_record_checksum (source);
  there = find_by_uid (to, "fittings", source->uid, &failed);
  if (failed != NULL)
    {
      g_propagate_error (error, failed);
      return FALSE;
    }
  if (there > 0)
    {
      /* copied before: left as it is, and said when it differs */
      back = plantar_records_load_fitting (to, there, error);
      if (back == NULL)
        return FALSE;
      sum_back = plantar_fitting_record_checksum (back);
      if (strcmp (sum, sum_back) != 0)
        report->fittings_differing++;
      return TRUE;
    }
  copy = plantar_fitting_record_copy (source);
  copy->id = 0;
  copy->version = 0;
  copy->customer_id = to_customer;
  if (!plantar_records_save_fitting (to, copy, error))
    return FALSE;
  if (copy->pending)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE,
                   _("The server went out of reach during the copy; run it again to go on where it stopped"));
      return FALSE;
    }
  report->fittings_added++;
  /* read back: what the other records hold is what was copied */
  back = plantar_records_load_fitting (to, copy->id, error);
  if (back == NULL)
    return FALSE;
  sum_back = plantar_fitting_record_checksum (back);
  if (strcmp (sum, sum_back) != 0)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT,
                   _("The copy of a fitting differs from the original once written (checksum %.12s… against "
                     "%.12s…); the copy was stopped"), sum_back, sum);
      return FALSE;
    }
  return TRUE;
}

/**
 * plantar_records_copy_into:
 * @report: (out caller-allocates): what was found and written
 * @progress: (nullable): told after each fitting
 *
 * Returns: whether every customer and fitting of @self is in @to
 */
gboolean
plantar_records_copy_into (PlantarRecords           *self,
                           PlantarRecords           *to,
                           PlantarRecordsCopyReport *report,
                           PlantarRecordsProgress    progress,
                           gpointer                  user_data,
                           GError                  **error)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) unfiled = NULL;
  guint total = 0, done = 0;

  memset (report, 0, sizeof *report);
  if ((customers = plantar_records_search (self, "", 0, error)) == NULL ||
      (unfiled = plantar_records_list_fittings (self, 0, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < customers->len; i++)
    total += ((PlantarCustomer *) g_ptr_array_index (customers, i))->n_fittings;
  total += unfiled->len;
  report->customers = customers->len;

  for (guint i = 0; i <= customers->len; i++)
    {
      PlantarCustomer *c = i < customers->len ? g_ptr_array_index (customers, i) : NULL;
      g_autoptr(GPtrArray) fittings = NULL;
      GError *failed = NULL;
      gint64 to_id = 0;

      if (c != NULL)
        {
          to_id = find_by_uid (to, "customers", c->uid, &failed);
          if (failed != NULL)
            {
              g_propagate_error (error, failed);
              return FALSE;
            }
          if (to_id == 0)
            {
              if ((to_id = plantar_records_add_customer (to, c, error)) == 0)
                return FALSE;
              report->customers_added++;
            }
          if ((fittings = plantar_records_list_fittings (self, c->id, error)) == NULL)
            return FALSE;
        }
      else
        fittings = g_ptr_array_ref (unfiled);
      for (guint f = 0; f < fittings->len; f++)
        {
          PlantarFittingRecord *listed = g_ptr_array_index (fittings, f);
          if (!copy_fitting (self, to, listed->id, to_id, report, error))
            return FALSE;
          report->fittings++;
          if (progress != NULL)
            progress (++done, total, user_data);
        }
    }
  return TRUE;
}

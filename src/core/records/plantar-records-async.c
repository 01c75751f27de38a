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
  JOB_EXPORT_SEALED,
  JOB_IMPORT_SEALED,
  JOB_SEND_PENDING,
} JobKind;

typedef struct {
  JobKind               kind;
  PlantarRecords       *records;
  PlantarFittingRecord *record;
  gint64                id;
  char                 *path;
  char                 *passphrase;
  gboolean              mark_open;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->records, plantar_records_close);
  g_clear_pointer (&job->record, plantar_fitting_record_free);
  g_free (job->path);
  if (job->passphrase != NULL)
    memset (job->passphrase, 0, strlen (job->passphrase));
  g_free (job->passphrase);
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
      /* a fitting kept here while the server is away is not marked open there */
      if (plantar_records_save_fitting (job->records, job->record, &error) &&
          (!job->mark_open || job->record->pending ||
           plantar_records_set_open_fitting (job->records, job->record->id, &error)))
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
    case JOB_EXPORT_SEALED:
      if ((job->kind == JOB_MARK_OPEN ? plantar_records_set_open_fitting (job->records, job->id, &error)
           : job->kind == JOB_EXPORT_SEALED ? plantar_records_export_customer_sealed (job->records, job->id, job->path,
                                                                                        job->passphrase, &error)
           : job->kind == JOB_BACKUP ? plantar_records_backup_sealed (job->records, job->path, job->passphrase, &error)
           : job->kind == JOB_RESTORE ? plantar_records_restore_sealed (job->records, job->path, job->passphrase, &error)
           : plantar_records_export_customer (job->records, job->id, job->path, &error)))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      break;
    case JOB_IMPORT:
    case JOB_IMPORT_SEALED:
      id = job->kind == JOB_IMPORT ? plantar_records_import_customer (job->records, job->path, &error)
                                   : plantar_records_import_customer_sealed (job->records, job->path, job->passphrase,
                                                                            &error);
      if (id > 0)
        g_task_return_int (task, id);
      else
        g_task_return_error (task, error);
      break;
    case JOB_SEND_PENDING:
      {
        int sent = plantar_records_ping (job->records, &error) ? plantar_records_send_pending (job->records, &error)
                                                               : -1;
        job->id = plantar_records_get_pending (job->records);
        if (sent >= 0)
          g_task_return_int (task, sent);
        else
          g_task_return_error (task, error);
      }
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

static void
run_sealed_job (PlantarRecords      *self,
                JobKind              kind,
                const char          *path,
                const char          *passphrase,
                gpointer             tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->path = g_strdup (path);
  job->passphrase = g_strdup (passphrase);
  run_job (self, job, tag, cancellable, callback, user_data);
}

void
plantar_records_backup_async (PlantarRecords      *self,
                              const char          *path,
                              const char          *passphrase,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  run_sealed_job (self, JOB_BACKUP, path, passphrase, plantar_records_backup_async, cancellable, callback, user_data);
}

void
plantar_records_restore_async (PlantarRecords      *self,
                               const char          *path,
                               const char          *passphrase,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  run_sealed_job (self, JOB_RESTORE, path, passphrase, plantar_records_restore_async, cancellable, callback,
                  user_data);
}

void
plantar_records_export_customer_sealed_async (PlantarRecords      *self,
                                              gint64               id,
                                              const char          *path,
                                              const char          *passphrase,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_EXPORT_SEALED;
  job->id = id;
  job->path = g_strdup (path);
  job->passphrase = g_strdup (passphrase);
  run_job (self, job, plantar_records_export_customer_sealed_async, cancellable, callback, user_data);
}

/* Finished by plantar_records_import_customer_finish() */
void
plantar_records_import_customer_sealed_async (PlantarRecords      *self,
                                              const char          *path,
                                              const char          *passphrase,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  run_sealed_job (self, JOB_IMPORT_SEALED, path, passphrase, plantar_records_import_customer_sealed_async, cancellable,
                  callback, user_data);
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
 * plantar_records_send_pending_async:
 *
 * In a worker: the server asked whether it is there (connecting again if
 * need be), then plantar_records_send_pending().
 */
void
plantar_records_send_pending_async (PlantarRecords      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_SEND_PENDING;
  run_job (self, job, plantar_records_send_pending_async, cancellable, callback, user_data);
}

/* Returns: how many fittings were sent, or -1 with @error set; @pending:
 * how many still wait */
int
plantar_records_send_pending_finish (GAsyncResult  *result,
                                     guint         *pending,
                                     GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);
  job = g_task_get_task_data (G_TASK (result));
  if (pending != NULL)
    *pending = (guint) job->id;
  return (int) g_task_propagate_int (G_TASK (result), error);
}

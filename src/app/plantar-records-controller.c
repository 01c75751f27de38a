/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records-controller"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-records-controller.h"

/* How long a fitting rests after a change before it is saved. */
#define SAVE_DELAY_MS 600

/*
 * A session is one fitting's life in the records. Its saves go one at a
 * time: a change made while a save is on its way waits for it, so that
 * the second save knows the id the first one got. A session outlives the
 * controller's interest in it until its last save has landed.
 */
typedef struct {
  PlantarRecordsController *owner;      /* not a reference: a save on its way holds one */
  PlantarFittingRecord     *record;     /* as last captured; main thread only */
  gboolean                  in_flight;
  gboolean                  queued;     /* captured again while one was on its way */
} Session;

struct _PlantarRecordsController
{
  GObject              parent_instance;

  PlantarApplication  *application;   /* weak */
  PlantarFitting      *fitting;
  GSettings           *settings;
  PlantarThresholds   *thresholds;
  PlantarFittingNotes  notes;
  Session             *session;       /* the fitting at hand, or NULL */
  guint                save_id;
  guint                in_flight;     /* saves on their way, of every session */
  guint                start_generation;
};

G_DEFINE_FINAL_TYPE (PlantarRecordsController, plantar_records_controller, G_TYPE_OBJECT)

enum {
  ERROR,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void session_save (Session *session);

/* ------------------------------------------------------------ sessions */

static void
session_clear (gpointer data)
{
  Session *session = data;

  g_clear_pointer (&session->record, plantar_fitting_record_free);
}

static Session *
session_new (PlantarRecordsController *owner,
             PlantarFittingRecord     *record)
{
  Session *session = g_rc_box_new0 (Session);

  session->owner = owner;
  session->record = record;
  return session;
}

static void
session_unref (Session *session)
{
  g_rc_box_release_full (session, session_clear);
}

static void
emit_error (PlantarRecordsController *self,
            const char               *title,
            const GError             *error)
{
  g_signal_emit (self, signals[ERROR], 0, title, error->message);
}

/* The fitting and what the fitter typed, into the session's record. */
static void
capture (PlantarRecordsController *self,
         Session                  *session)
{
  g_autoptr(PlantarRules) rules = plantar_rules_get_default (NULL);
  g_autoptr(PlantarAdvice) advice = NULL;
  g_autofree char *fitter = NULL;
  PlantarFittingRecord *record = session->record;

  advice = plantar_rules_suggest_fitting (rules, self->fitting, &self->notes.answers, self->thresholds);
  plantar_fitting_record_capture (record, self->fitting, advice, self->thresholds);
  plantar_answers_clear (&record->answers);
  plantar_answers_copy (&self->notes.answers, &record->answers);
  g_free (record->notes);
  record->notes = g_strdup (self->notes.notes);
  fitter = g_settings_get_string (self->settings, "fitter");
  if (record->fitter == NULL && *fitter != '\0')
    record->fitter = g_steal_pointer (&fitter);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Session *session = user_data;
  PlantarRecordsController *self = session->owner;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarFittingRecord) saved = plantar_records_save_fitting_finish (result, &error);

  session->in_flight = FALSE;
  self->in_flight--;
  if (g_application_get_default () != NULL)
    g_application_release (g_application_get_default ());
  if (saved == NULL)
    {
      /* the fitting was deleted meanwhile (its customer, say): nothing to keep */
      if (!g_error_matches (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND))
        emit_error (self, _("The fitting could not be saved"), error);
      session->queued = FALSE;
    }
  else
    {
      /* the next save names the version this one made, or goes on in the copy */
      session->record->id = saved->id;
      session->record->created = saved->created;
      session->record->modified = saved->modified;
      session->record->version = saved->version;
      if (g_strcmp0 (session->record->uid, saved->uid) != 0)
        {
          g_free (session->record->uid);
          session->record->uid = g_strdup (saved->uid);
        }
      if (self->application != NULL)
        plantar_application_note_saved (self->application, saved);
      if (saved->copy_of != 0)
        g_signal_emit (self, signals[NOTICE], 0,
                       _("Another station changed this fitting meanwhile: yours is kept beside it, as a copy"));
    }
  if (session->queued)
    {
      session->queued = FALSE;
      session_save (session);
    }
  session_unref (session);
  g_object_unref (self);
}

/* Saves the record as captured, after the save on its way if there is one. */
static void
session_save (Session *session)
{
  PlantarRecordsController *self = session->owner;
  PlantarRecords *records = plantar_records_controller_get_records (self, NULL);

  if (records == NULL)
    return;
  if (session->in_flight)
    {
      session->queued = TRUE;
      return;
    }
  session->in_flight = TRUE;
  self->in_flight++;
  g_object_ref (self);
  /* the process waits for the disk before it ends */
  if (g_application_get_default () != NULL)
    g_application_hold (g_application_get_default ());
  plantar_records_save_fitting_async (records, plantar_fitting_record_copy (session->record),
                                      session == self->session, NULL, saved_cb,
                                      g_rc_box_acquire (session));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  PlantarRecordsController *self = user_data;

  self->save_id = 0;
  if (self->session != NULL)
    {
      capture (self, self->session);
      session_save (self->session);
    }
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------ GObject */

static void
plantar_records_controller_dispose (GObject *object)
{
  PlantarRecordsController *self = PLANTAR_RECORDS_CONTROLLER (object);

  /* a change not yet saved goes with the fitting it belongs to */
  if (self->save_id != 0 && self->session != NULL)
    plantar_records_controller_finish (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_pointer (&self->session, session_unref);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->fitting);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (plantar_records_controller_parent_class)->dispose (object);
}

static void
plantar_records_controller_finalize (GObject *object)
{
  PlantarRecordsController *self = PLANTAR_RECORDS_CONTROLLER (object);

  g_clear_pointer (&self->thresholds, plantar_thresholds_unref);
  plantar_fitting_notes_clear (&self->notes);
  G_OBJECT_CLASS (plantar_records_controller_parent_class)->finalize (object);
}

static void
plantar_records_controller_class_init (PlantarRecordsControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plantar_records_controller_dispose;
  object_class->finalize = plantar_records_controller_finalize;

  /**
   * PlantarRecordsController::error:
   * @title: what failed, as a heading
   * @message: why
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * PlantarRecordsController::notice:
   * @message: what the user should know about a save that went well
   */
  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
plantar_records_controller_init (PlantarRecordsController *self)
{
  plantar_fitting_notes_init (&self->notes);
  self->thresholds = plantar_thresholds_get_default ();
}

/* ------------------------------------------------------------ public API */

/* The records are elsewhere now: the fitting at hand, saved in the old
 * ones, is saved in the new ones as the same fitting (its uid), from its
 * next change on. */
static void
records_changed_cb (PlantarRecordsController *self)
{
  if (self->session == NULL)
    return;
  self->session->record->id = 0;
  self->session->record->version = 0;
  self->session->record->customer_id = 0;
  plantar_records_controller_changed (self);
}

PlantarRecordsController *
plantar_records_controller_new (PlantarApplication *application,
                                PlantarFitting     *fitting,
                                GSettings          *settings)
{
  PlantarRecordsController *self = g_object_new (PLANTAR_TYPE_RECORDS_CONTROLLER, NULL);

  g_set_weak_pointer (&self->application, application);
  if (application != NULL)
    g_signal_connect_object (application, "records-changed", G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
  self->fitting = g_object_ref (fitting);
  self->settings = g_object_ref (settings);
  return self;
}

PlantarRecords *
plantar_records_controller_get_records (PlantarRecordsController  *self,
                                        const GError             **error)
{
  g_return_val_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self), NULL);
  if (self->application == NULL)
    return NULL;
  return plantar_application_get_records (self->application, error);
}

PlantarFittingNotes *
plantar_records_controller_get_notes (PlantarRecordsController *self)
{
  g_return_val_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self), NULL);
  return &self->notes;
}

/* A new fitting: the questions are asked again. */
void
plantar_records_controller_new_notes (PlantarRecordsController *self)
{
  g_return_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self));
  plantar_fitting_notes_clear (&self->notes);
  plantar_fitting_notes_init (&self->notes);
}

PlantarFittingRecord *
plantar_records_controller_get_record (PlantarRecordsController *self)
{
  g_return_val_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self), NULL);
  return self->session ? self->session->record : NULL;
}

gboolean
plantar_records_controller_is_saving (PlantarRecordsController *self)
{
  g_return_val_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self), FALSE);
  return self->save_id != 0 || self->in_flight > 0;
}

void
plantar_records_controller_changed (PlantarRecordsController *self)
{
  g_return_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self));
  if (self->session == NULL)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

void
plantar_records_controller_finish (PlantarRecordsController *self)
{
  g_return_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self));
  /* a start still reading its files is not wanted any more */
  self->start_generation++;
  if (self->session == NULL)
    return;
  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      capture (self, self->session);
      session_save (self->session);
    }
  g_clear_pointer (&self->session, session_unref);
}

void
plantar_records_controller_flush (PlantarRecordsController *self)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_return_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self));
  if (self->save_id != 0 && self->session != NULL)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      capture (self, self->session);
      session_save (self->session);
    }
  /* the saves land on the main loop; a disk that hangs is not waited on for ever */
  while (self->in_flight > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

void
plantar_records_controller_close (PlantarRecordsController *self)
{
  PlantarRecords *records;

  g_return_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self));
  plantar_records_controller_flush (self);
  records = plantar_records_controller_get_records (self, NULL);
  if (records != NULL && self->session != NULL)
    plantar_records_set_open_fitting (records, 0, NULL);
  g_clear_pointer (&self->session, session_unref);
}

void
plantar_records_controller_file (PlantarRecordsController *self,
                                 gint64                    customer_id,
                                 const char               *customer_name)
{
  g_return_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self));
  if (self->session == NULL)
    return;
  self->session->record->customer_id = customer_id;
  g_free (self->notes.customer);
  self->notes.customer = g_strdup (customer_name);
  g_clear_handle_id (&self->save_id, g_source_remove);
  capture (self, self->session);
  session_save (self->session);
}

void
plantar_records_controller_forget (PlantarRecordsController *self)
{
  g_return_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self));
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_pointer (&self->session, session_unref);
}

/* ------------------------------------------------------------ starting */

/* The files of a new fitting, read in the background. */
typedef struct {
  PlantarRecordsController *self;
  guint                     generation;
  GPtrArray                *paths;   /* char *, unique */
  GPtrArray                *scans;   /* PlantarScan, for their calibration */
  GPtrArray                *first;   /* the first scan of each path */
  GPtrArray                *bytes;   /* GBytes, as they come */
  guint                     pending;
  GError                   *error;
} Start;

static void
start_free (Start *start)
{
  g_clear_object (&start->self);
  g_clear_pointer (&start->paths, g_ptr_array_unref);
  g_clear_pointer (&start->scans, g_ptr_array_unref);
  g_clear_pointer (&start->first, g_ptr_array_unref);
  g_clear_pointer (&start->bytes, g_ptr_array_unref);
  g_clear_error (&start->error);
  g_free (start);
}

static void
start_done (Start *start)
{
  PlantarRecordsController *self = start->self;
  PlantarFittingRecord *record;

  if (start->generation != self->start_generation)
    return;
  if (start->error != NULL)
    {
      emit_error (self, _("The fitting is not kept in the records"), start->error);
      return;
    }
  record = plantar_fitting_record_new ();
  for (guint i = 0; i < start->paths->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (start->first, i);
      PlantarStoredScan *stored = g_new0 (PlantarStoredScan, 1);

      stored->name = g_path_get_basename (g_ptr_array_index (start->paths, i));
      stored->bytes = g_bytes_ref (g_ptr_array_index (start->bytes, i));
      if (plantar_scan_has_scale (scan))
        {
          stored->cell_width_mm = plantar_scan_get_cell_width_mm (scan);
          stored->cell_height_mm = plantar_scan_get_cell_height_mm (scan);
        }
      stored->frame_ms = plantar_scan_get_frame_ms (scan);
      g_ptr_array_add (record->scans, stored);
    }
  self->session = session_new (self, record);
  plantar_records_controller_changed (self);
}

typedef struct {
  Start *start;
  guint  index;
} StartFile;

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  StartFile *file = user_data;
  Start *start = file->start;
  GError *error = NULL;
  GBytes *bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (bytes != NULL)
    g_ptr_array_index (start->bytes, file->index) = bytes;
  else if (start->error == NULL)
    start->error = error;
  else
    g_error_free (error);
  g_free (file);
  if (--start->pending == 0)
    {
      start_done (start);
      start_free (start);
    }
}

/**
 * plantar_records_controller_start:
 * @paths: (element-type utf8): the file of each scan (NULL for none)
 *
 * Keeps a new fitting of these scans in the records, with its own copy of
 * each file, read in the background.
 */
void
plantar_records_controller_start (PlantarRecordsController *self,
                                  GPtrArray                *scans,
                                  GPtrArray                *paths)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  Start *start;

  g_return_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self));
  plantar_records_controller_finish (self);
  if (plantar_records_controller_get_records (self, NULL) == NULL || scans == NULL || paths == NULL)
    return;

  start = g_new0 (Start, 1);
  start->self = g_object_ref (self);
  start->generation = self->start_generation;
  start->paths = g_ptr_array_new_with_free_func (g_free);
  start->first = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  start->bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  start->scans = g_ptr_array_ref (scans);
  for (guint i = 0; i < paths->len && i < scans->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      if (path == NULL || g_hash_table_contains (seen, path))
        continue;
      g_hash_table_add (seen, (gpointer) path);
      g_ptr_array_add (start->paths, g_strdup (path));
      g_ptr_array_add (start->first, plantar_scan_ref (g_ptr_array_index (scans, i)));
      g_ptr_array_add (start->bytes, NULL);
    }
  start->pending = start->paths->len;
  if (start->pending == 0)
    {
      start_free (start);
      return;
    }
  for (guint i = 0; i < start->paths->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (start->paths, i));
      StartFile *call = g_new (StartFile, 1);
      call->start = start;
      call->index = i;
      g_file_load_bytes_async (file, NULL, file_loaded_cb, call);
    }
}

static void
marked_open_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PlantarRecordsController) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!plantar_records_job_finish (result, &error))
    emit_error (self, _("The records could not be written"), error);
}

/**
 * plantar_records_controller_adopt:
 * @record: (transfer full): a fitting read from the records
 */
void
plantar_records_controller_adopt (PlantarRecordsController *self,
                                  PlantarFittingRecord     *record)
{
  PlantarRecords *records;

  g_return_if_fail (PLANTAR_IS_RECORDS_CONTROLLER (self));
  plantar_records_controller_finish (self);
  self->session = session_new (self, record);
  plantar_records_controller_new_notes (self);
  plantar_answers_copy (&record->answers, &self->notes.answers);
  self->notes.notes = g_strdup (record->notes);
  records = plantar_records_controller_get_records (self, NULL);
  if (records == NULL)
    return;
  if (record->customer_id > 0)
    {
      g_autoptr(PlantarCustomer) customer = plantar_records_get_customer (records, record->customer_id, NULL);
      if (customer != NULL)
        self->notes.customer = g_strdup (customer->name);
    }
  plantar_records_set_open_fitting_async (records, record->id, NULL, marked_open_cb, g_object_ref (self));
}

/* ------------------------------------------------------------ loading */

typedef struct {
  PlantarRecords       *records;
  gint64                id;
  PlantarFittingRecord *record;
  GPtrArray            *scans;
  GStrv                 names;
} Load;

static void
load_free (Load *load)
{
  g_clear_pointer (&load->records, plantar_records_close);
  g_clear_pointer (&load->record, plantar_fitting_record_free);
  g_clear_pointer (&load->scans, g_ptr_array_unref);
  g_strfreev (load->names);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  load->record = plantar_records_load_fitting (load->records, load->id, &error);
  if (load->record != NULL)
    load->scans = plantar_fitting_record_load_scans (load->record, &load->names, &error);
  if (load->scans == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
plantar_records_controller_load_async (PlantarRecordsController *self,
                                       gint64                    id,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  PlantarRecords *records = plantar_records_controller_get_records (self, NULL);
  Load *load;

  g_task_set_source_tag (task, plantar_records_controller_load_async);
  if (records == NULL)
    {
      g_task_return_new_error (task, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO, _("The records are not open"));
      return;
    }
  load = g_new0 (Load, 1);
  load->records = plantar_records_ref (records);
  load->id = id;
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

/* Returns: (transfer full): the scans, read again from the stored bytes */
GPtrArray *
plantar_records_controller_load_finish (PlantarRecordsController  *self,
                                        GAsyncResult              *result,
                                        PlantarFittingRecord     **record,
                                        GStrv                     *names,
                                        GError                   **error)
{
  Load *load;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  load = g_task_get_task_data (G_TASK (result));
  *record = g_steal_pointer (&load->record);
  *names = g_steal_pointer (&load->names);
  return g_steal_pointer (&load->scans);
}

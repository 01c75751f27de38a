/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-watch"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "plantar-watch.h"

/*
 * The folder is watched by the kernel (GFileMonitor) and also listed every
 * LIST_MS in a worker, since the kernel says nothing of files written over
 * the network into a shared folder (SMB, NFS) or through the document
 * portal. A file either names is looked at every CHECK_MS until its size
 * and modification time have not changed for @settle ms, then read in a
 * worker. What was read (or failed) is remembered by its size and time, so
 * that a file is reported once, and again only when the plate's software
 * writes it anew.
 */

#define CHECK_MS      150
#define DEFAULT_SETTLE 700
#define LIST_MS       2000

typedef struct {
  goffset size;
  gint64  mtime_us;
  gint64  since_us;      /* unchanged since */
  gboolean reading;
  gboolean again;        /* written to again while it was read */
} Pending;

struct _PlantarWatch
{
  GObject               parent_instance;

  GFile                *folder;
  GFileMonitor         *monitor;
  PlantarImportOptions  options;
  char                 *units;
  guint                 settle_ms;
  GHashTable           *pending;     /* path → Pending */
  GHashTable           *reported;    /* path → "size:mtime" last reported */
  GHashTable           *listed;      /* path → "size:mtime" when last listed */
  gboolean              baseline;    /* the first listing has come back */
  gint64                started_us;  /* wall clock when the watch began */
  guint                 list_ms;
  guint                 list_id;
  gboolean              listing;
  guint                 check_id;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (PlantarWatch, plantar_watch, G_TYPE_OBJECT)

enum {
  SCANS,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Files an export is written to and renamed from, and hidden ones. */
static gboolean
is_candidate (const char *name)
{
  static const char * const temporary[] = { "~", ".tmp", ".part", ".partial", ".crdownload", ".swp", NULL };

  if (name == NULL || name[0] == '.' || name[0] == '~' || name[0] == '#')
    return FALSE;
  for (guint i = 0; temporary[i] != NULL; i++)
    if (g_str_has_suffix (name, temporary[i]))
      return FALSE;
  return TRUE;
}

static gboolean
stat_file (const char *path,
           goffset    *size,
           gint64     *mtime_us)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE
                                                 "," G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                 G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return FALSE;
  *size = g_file_info_get_size (info);
  *mtime_us = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
              g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  return TRUE;
}

static char *
version_of (goffset size,
            gint64  mtime_us)
{
  return g_strdup_printf ("%" G_GOFFSET_FORMAT ":%" G_GINT64_FORMAT, size, mtime_us);
}

typedef struct {
  PlantarWatch *self;
  char         *path;
  char         *version;
} Reading;

static void
reading_free (Reading *r)
{
  g_object_unref (r->self);
  g_free (r->path);
  g_free (r->version);
  g_free (r);
}

static void start_checking (PlantarWatch *self);

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Reading *r = data;
  PlantarWatch *self = r->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_import_file_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->pending == NULL)
    {
      reading_free (r);
      return;
    }
  {
    Pending *p = g_hash_table_lookup (self->pending, r->path);
    if (p != NULL && p->again)
      {
        /* looked at again once it settles anew */
        p->reading = p->again = FALSE;
        p->since_us = g_get_monotonic_time ();
        start_checking (self);
      }
    else
      g_hash_table_remove (self->pending, r->path);
  }
  g_hash_table_insert (self->reported, g_strdup (r->path), g_strdup (r->version));
  if (scans != NULL)
    g_signal_emit (self, signals[SCANS], 0, r->path, scans);
  else
    g_signal_emit (self, signals[FAILED], 0, r->path, error);
  reading_free (r);
}

static gboolean
check_cb (gpointer data)
{
  PlantarWatch *self = data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *path = key;
      Pending *p = value;
      goffset size;
      gint64 mtime;

      if (p->reading)
        continue;
      if (!stat_file (path, &size, &mtime))
        {
          g_ptr_array_add (gone, g_strdup (path));
          continue;
        }
      if (size != p->size || mtime != p->mtime_us)
        {
          p->size = size;
          p->mtime_us = mtime;
          p->since_us = now;
          continue;
        }
      if (now - p->since_us >= (gint64) self->settle_ms * 1000 && size > 0)
        {
          g_autofree char *version = version_of (size, mtime);
          Reading *r;
          g_autoptr(GFile) file = NULL;

          /* read before in this very version: nothing new */
          if (g_strcmp0 (g_hash_table_lookup (self->reported, path), version) == 0)
            {
              g_ptr_array_add (gone, g_strdup (path));
              continue;
            }
          p->reading = TRUE;
          r = g_new0 (Reading, 1);
          r->self = g_object_ref (self);
          r->path = g_strdup (path);
          r->version = g_steal_pointer (&version);
          file = g_file_new_for_path (path);
          plantar_import_file_async (file, &self->options, self->cancellable, read_cb, r);
        }
    }
  for (guint i = 0; i < gone->len; i++)
    g_hash_table_remove (self->pending, g_ptr_array_index (gone, i));
  if (g_hash_table_size (self->pending) == 0)
    {
      self->check_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_checking (PlantarWatch *self)
{
  if (self->check_id == 0)
    self->check_id = g_timeout_add (CHECK_MS, check_cb, self);
}

/* A file named by the kernel: looked at until it settles. */
static void
note (PlantarWatch *self,
      GFile        *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_path (file);
  Pending *p;

  if (path == NULL || !is_candidate (name))
    return;
  p = g_hash_table_lookup (self->pending, path);
  if (p == NULL)
    {
      p = g_new0 (Pending, 1);
      p->size = -1;
      g_hash_table_insert (self->pending, g_strdup (path), p);
    }
  else if (p->reading)
    p->again = TRUE;
  else
    p->since_us = g_get_monotonic_time ();
  start_checking (self);
}

static void
changed_cb (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            PlantarWatch      *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      note (self, file);
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      /* written under a temporary name, then renamed: the new name */
      if (other != NULL)
        note (self, other);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

typedef struct {
  char   *path;
  char   *version;
  gint64  mtime_us;
} Listed;

static void
listed_free (Listed *l)
{
  g_free (l->path);
  g_free (l->version);
  g_free (l);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GFile *folder = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                                                   G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable,
                                                                   &error);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) listed_free);
  GFileInfo *info;

  if (children == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  while ((info = g_file_enumerator_next_file (children, cancellable, &error)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);
      g_autofree char *path = NULL;
      Listed *l;
      goffset size;
      gint64 mtime;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR || !is_candidate (name))
        continue;
      path = g_build_filename (g_file_peek_path (folder), name, NULL);
      if (!stat_file (path, &size, &mtime))
        continue;
      l = g_new0 (Listed, 1);
      l->path = g_steal_pointer (&path);
      l->version = version_of (size, mtime);
      l->mtime_us = mtime;
      g_ptr_array_add (found, l);
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
}

static void note (PlantarWatch *self,
                  GFile        *file);

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  PlantarWatch *self = PLANTAR_WATCH (source);
  g_autoptr(GPtrArray) found = g_task_propagate_pointer (G_TASK (result), NULL);

  self->listing = FALSE;
  if (found == NULL)
    return; /* cancelled, or the share is away for now: listed again later */
  for (guint i = 0; i < found->len; i++)
    {
      Listed *l = g_ptr_array_index (found, i);
      const char *before = g_hash_table_lookup (self->listed, l->path);

      /* Files already there when the watch began are left alone, unless
       * written since it began (before the first listing came back). */
      if (g_strcmp0 (before, l->version) != 0 && (self->baseline || l->mtime_us >= self->started_us - G_USEC_PER_SEC))
        {
          g_autoptr(GFile) file = g_file_new_for_path (l->path);
          note (self, file);
        }
      g_hash_table_insert (self->listed, g_strdup (l->path), g_strdup (l->version));
    }
  self->baseline = TRUE;
}

static gboolean
list_cb (gpointer data)
{
  PlantarWatch *self = data;
  g_autoptr(GTask) task = NULL;

  if (self->listing)
    return G_SOURCE_CONTINUE;
  self->listing = TRUE;
  task = g_task_new (self, self->cancellable, listed_cb, NULL);
  g_task_set_source_tag (task, list_cb);
  g_task_set_task_data (task, g_object_ref (self->folder), g_object_unref);
  g_task_run_in_thread (task, list_thread);
  return G_SOURCE_CONTINUE;
}

/**
 * plantar_watch_set_listing:
 * @ms: how often the folder is listed, for the files the kernel does not
 *   name (written over the network); 0 never
 */
void
plantar_watch_set_listing (PlantarWatch *self,
                           guint         ms)
{
  g_return_if_fail (PLANTAR_IS_WATCH (self));
  self->list_ms = ms;
  g_clear_handle_id (&self->list_id, g_source_remove);
  if (ms > 0)
    self->list_id = g_timeout_add (ms, list_cb, self);
}

static void
plantar_watch_dispose (GObject *object)
{
  PlantarWatch *self = PLANTAR_WATCH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_handle_id (&self->list_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
    }
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (plantar_watch_parent_class)->dispose (object);
}

static void
plantar_watch_finalize (GObject *object)
{
  PlantarWatch *self = PLANTAR_WATCH (object);

  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->reported, g_hash_table_unref);
  g_clear_pointer (&self->listed, g_hash_table_unref);
  g_free (self->units);
  G_OBJECT_CLASS (plantar_watch_parent_class)->finalize (object);
}

static void
plantar_watch_class_init (PlantarWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plantar_watch_dispose;
  object_class->finalize = plantar_watch_finalize;

  /**
   * PlantarWatch::scans:
   * @path: the file read
   * @scans: (element-type PlantarScan): what it holds
   */
  signals[SCANS] = g_signal_new ("scans", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_PTR_ARRAY);
  /**
   * PlantarWatch::failed:
   * @path: the file that could not be read
   * @error: why
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
plantar_watch_init (PlantarWatch *self)
{
  self->settle_ms = DEFAULT_SETTLE;
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->started_us = g_get_real_time ();
  self->cancellable = g_cancellable_new ();
}

/**
 * plantar_watch_new:
 * @options: (nullable): how to read what a file does not say
 *
 * Watches @folder for scan files from now on (those already there are
 * left alone).
 */
PlantarWatch *
plantar_watch_new (GFile                      *folder,
                   const PlantarImportOptions *options,
                   GError                    **error)
{
  return plantar_watch_new_full (folder, options, PLANTAR_WATCH_DEFAULT, error);
}

/**
 * plantar_watch_new_full:
 * @flags: %PLANTAR_WATCH_LISTING_ONLY not to ask the kernel, as for a
 *   shared folder written by another computer
 *
 * As plantar_watch_new(). When the kernel cannot watch the folder (too
 * many folders watched already, a file system it cannot see into), the
 * folder is listed only.
 */
PlantarWatch *
plantar_watch_new_full (GFile                      *folder,
                        const PlantarImportOptions *options,
                        PlantarWatchFlags           flags,
                        GError                    **error)
{
  g_autoptr(PlantarWatch) self = g_object_new (PLANTAR_TYPE_WATCH, NULL);
  g_autoptr(GFileInfo) info = g_file_query_info (folder, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                                                 NULL, error);

  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY || g_file_peek_path (folder) == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (folder);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, _("“%s” is not a folder to watch"), name);
      return NULL;
    }
  self->folder = g_object_ref (folder);
  if (options != NULL)
    {
      self->options = *options;
      self->units = g_strdup (options->units);
      self->options.units = self->units;
    }
  if (!(flags & PLANTAR_WATCH_LISTING_ONLY))
    {
      g_autoptr(GError) local = NULL;
      self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &local);
      if (self->monitor != NULL)
        g_signal_connect (self->monitor, "changed", G_CALLBACK (changed_cb), self);
      else
        g_debug ("Listing %s only: %s", g_file_peek_path (folder), local->message);
    }
  list_cb (self);
  plantar_watch_set_listing (self, LIST_MS);
  return g_steal_pointer (&self);
}

GFile *
plantar_watch_get_folder (PlantarWatch *self)
{
  g_return_val_if_fail (PLANTAR_IS_WATCH (self), NULL);
  return self->folder;
}

/* How long a file must stay as it is before it is read (700 ms). */
void
plantar_watch_set_settle (PlantarWatch *self,
                          guint         ms)
{
  g_return_if_fail (PLANTAR_IS_WATCH (self));
  self->settle_ms = ms;
}

guint
plantar_watch_get_n_pending (PlantarWatch *self)
{
  g_return_val_if_fail (PLANTAR_IS_WATCH (self), 0);
  return g_hash_table_size (self->pending);
}

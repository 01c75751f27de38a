/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "plantar-camera-window.h"
#include "plantar-scan-dialog.h"
#include "plantar-scan-io.h"
#include "plantar-window-private.h"

/*
 * Scans straight from the station: the scanner, the camera, and the folder
 * the plate's software exports into. What a scanner or a camera gives is
 * kept as a PNG among the captures (in Plantar's own data folder, for the
 * person alone) and opened from there like any file, so that the records
 * keep it as they keep every scan. A new scan becomes the fitting at hand,
 * or joins it as the other foot when the fitter asked for that.
 */

/* Where captures are kept: ~/.local/share/plantar/captures, for the user
 * alone. */
static char *
captures_folder (GError **error)
{
  char *dir = g_build_filename (g_get_user_data_dir (), "plantar", "captures", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("The captures cannot be kept in “%s”: %s"),
                   dir, g_strerror (saved));
      g_free (dir);
      return NULL;
    }
  g_chmod (dir, 0700);
  return dir;
}

typedef struct {
  PlantarScan *scan;
  char        *kind;
} Keeping;

static void
keeping_free (Keeping *k)
{
  plantar_scan_unref (k->scan);
  g_free (k->kind);
  g_free (k);
}

static void
keep_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Keeping *k = data;
  GError *error = NULL;
  g_autofree char *dir = captures_folder (&error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H.%M.%S");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  name = g_strdup_printf ("%s %s.png", k->kind, stamp);
  path = g_build_filename (dir, name, NULL);
  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (name);
      g_free (path);
      name = g_strdup_printf ("%s %s (%u).png", k->kind, stamp, n);
      path = g_build_filename (dir, name, NULL);
    }
  if (!plantar_scan_save_png (k->scan, path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_chmod (path, 0600);
  g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

static void
kept_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  PlantarWindow *self = PLANTAR_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GFile) file = NULL;

  plantar_window_set_busy (self, FALSE);
  if (path == NULL)
    {
      plantar_window_show_error (self, _("Could not keep the capture"), error->message);
      return;
    }
  file = g_file_new_for_path (path);
  plantar_window_open (self, &file, 1, self->next_joins && self->scans != NULL);
}

/* A scan from a device: kept among the captures, then opened. */
void
plantar_window_take_capture (PlantarWindow *self,
                             PlantarScan   *scan,
                             const char    *kind)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, kept_cb, NULL);
  Keeping *k = g_new0 (Keeping, 1);

  k->scan = plantar_scan_ref (scan);
  k->kind = g_strdup (kind);
  g_task_set_task_data (task, k, (GDestroyNotify) keeping_free);
  plantar_window_set_busy (self, TRUE);
  g_task_run_in_thread (task, keep_thread);
}

static void
scanned_cb (PlantarScanDialog *dialog,
            PlantarScan       *scan,
            PlantarWindow     *self)
{
  /* TRANSLATORS: the start of a kept scan's file name: "Scan 2026-12-01 10.42.07.png" */
  plantar_window_take_capture (self, scan, _("Scan"));
}

void
plantar_window_scan (PlantarWindow *self)
{
  GtkWidget *dialog = plantar_scan_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "scanned", G_CALLBACK (scanned_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
captured_cb (PlantarCameraWindow *camera,
             PlantarScan         *scan,
             PlantarWindow       *self)
{
  /* TRANSLATORS: the start of a kept capture's file name */
  plantar_window_take_capture (self, scan, _("Camera"));
}

void
plantar_window_camera (PlantarWindow *self)
{
  GtkWidget *window = plantar_camera_window_new (GTK_WINDOW (self));

  g_signal_connect_object (window, "captured", G_CALLBACK (captured_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

/* ------------------------------------------------------------ the watched folder */

static void
watch_scans_cb (PlantarWatch  *watch,
                const char    *path,
                GPtrArray     *scans,
                PlantarWindow *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* opened as a file is, the import being quick now it is complete */
  plantar_window_open (self, &file, 1, self->next_joins && self->scans != NULL);
}

static void
watch_failed_cb (PlantarWatch  *watch,
                 const char    *path,
                 const GError  *error,
                 PlantarWindow *self)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *title = g_strdup_printf (_("Could not read “%s” from the watched folder"), name);

  plantar_window_show_error (self, title, error->message);
}

/* The folder of the settings watched, or none. */
void
plantar_window_update_watch (PlantarWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "watch-folder");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  PlantarImportOptions options;

  if (self->watch != NULL && folder != NULL && *folder != '\0')
    {
      g_autofree char *now = g_file_get_path (plantar_watch_get_folder (self->watch));
      if (g_strcmp0 (now, folder) == 0)
        return;
    }
  g_clear_object (&self->watch);
  if (folder == NULL || *folder == '\0')
    return;
  file = g_file_new_for_path (folder);
  plantar_window_sheet_import_options (self, &options);
  self->watch = plantar_watch_new (file, &options, &error);
  if (self->watch == NULL)
    {
      plantar_window_show_error (self, _("Could not watch the folder"), error->message);
      return;
    }
  g_signal_connect_object (self->watch, "scans", G_CALLBACK (watch_scans_cb), self, 0);
  g_signal_connect_object (self->watch, "failed", G_CALLBACK (watch_failed_cb), self, 0);
}

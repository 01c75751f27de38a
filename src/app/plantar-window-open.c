/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-import.h"
#include "plantar-window-private.h"

/*
 * Opening scans: read in workers, all of a batch or nothing (what was open
 * stays open when one file cannot be read), then measured in the
 * background; the file chooser; the recent scans on the welcome page.
 */

#define MAX_RECENT 8

/* One "open" of one or more files. */
typedef struct {
  PlantarWindow *self;
  GPtrArray     *files;
  GPtrArray     *results;   /* GPtrArray of scans per file, in order; NULL for a failed one */
  GError        *error;
  guint          error_index;
  guint          pending;
  GCancellable  *cancellable;
  gboolean       adding;
} OpenBatch;

typedef struct {
  OpenBatch *batch;
  guint      index;
} ImportCall;

static void
scans_unref_nullable (gpointer scans)
{
  if (scans != NULL)
    g_ptr_array_unref (scans);
}

static void
open_batch_free (OpenBatch *batch)
{
  g_clear_object (&batch->self);
  g_clear_pointer (&batch->files, g_ptr_array_unref);
  g_clear_pointer (&batch->results, g_ptr_array_unref);
  g_clear_error (&batch->error);
  g_clear_object (&batch->cancellable);
  g_free (batch);
}

/* ------------------------------------------------------------ recent scans */

static void
recent_row_activated_cb (AdwActionRow  *row,
                         PlantarWindow *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  plantar_window_open_files (self, &file, 1);
}

void
plantar_window_rebuild_recent (PlantarWindow *self)
{
  g_auto(GStrv) uris = g_settings_get_strv (self->settings, "recent-files");
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; uris[i] != NULL && shown < 5; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *folder = parent ? g_file_get_parse_name (parent) : NULL;
      GtkWidget *row;

      if (g_file_is_native (file) && !g_file_query_exists (file, NULL))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder ? folder : "");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uris[i]), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (recent_row_activated_cb), self, 0);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), shown > 0);
}

static void
remember_files (PlantarWindow *self,
                GPtrArray     *files)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-files");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) uris = NULL;
  guint n = 0;

  for (guint i = 0; i < files->len && n < MAX_RECENT; i++)
    {
      char *uri = g_file_get_uri (g_ptr_array_index (files, i));
      if (g_hash_table_add (seen, uri))
        {
          g_strv_builder_add (builder, uri);
          n++;
        }
    }
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_hash_table_add (seen, g_strdup (old[i])))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }

  uris = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char *const *) uris);
  plantar_window_rebuild_recent (self);
}

/* ------------------------------------------------------------ opening */

/* The scans of the batch, after those of the fitting when adding. */
static void
collect_scans (OpenBatch     *batch,
               GPtrArray     *all,
               GStrvBuilder  *names,
               GPtrArray     *paths)
{
  PlantarWindow *self = batch->self;

  if (batch->adding && self->scans != NULL)
    for (guint i = 0; i < self->scans->len; i++)
      {
        g_ptr_array_add (all, plantar_scan_ref (g_ptr_array_index (self->scans, i)));
        if (self->file_names && i < g_strv_length (self->file_names))
          g_strv_builder_add (names, self->file_names[i]);
        g_ptr_array_add (paths, g_strdup (self->scan_paths && i < self->scan_paths->len
                                            ? g_ptr_array_index (self->scan_paths, i) : NULL));
      }
  for (guint i = 0; i < batch->results->len; i++)
    {
      GPtrArray *scans = g_ptr_array_index (batch->results, i);
      GFile *file = g_ptr_array_index (batch->files, i);
      g_autofree char *name = g_file_get_basename (file);

      for (guint s = 0; s < scans->len; s++)
        {
          g_ptr_array_add (all, plantar_scan_ref (g_ptr_array_index (scans, s)));
          g_ptr_array_add (paths, g_file_get_path (file));
          if (s == 0 || scans->len > 1)
            g_strv_builder_add (names, name);
        }
    }
}

static void
open_batch_finish (OpenBatch *batch)
{
  PlantarWindow *self = batch->self;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GStrvBuilder) names = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_auto(GStrv) file_names = NULL;

  plantar_window_set_busy (self, FALSE);
  if (g_cancellable_is_cancelled (batch->cancellable))
    return;

  if (batch->error != NULL)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (batch->files, batch->error_index));
      g_autofree char *title = g_strdup_printf (_("Could not open “%s”"), name);
      /* what was open stays open */
      plantar_window_show_error (self, title, batch->error->message);
      return;
    }

  all = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  names = g_strv_builder_new ();
  paths = g_ptr_array_new_with_free_func (g_free);
  collect_scans (batch, all, names, paths);
  file_names = g_strv_builder_end (names);

  /* a new fitting: the questions are asked again (a scan added makes a
   * new record too, since a record's scans are written once) */
  if (!batch->adding)
    plantar_records_controller_new_notes (self->records);
  plantar_window_show_scans (self, all, file_names, paths, NULL);
  remember_files (self, batch->files);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportCall *call = user_data;
  OpenBatch *batch = call->batch;
  GError *error = NULL;
  GPtrArray *scans = plantar_import_file_finish (result, &error);

  if (scans != NULL)
    g_ptr_array_index (batch->results, call->index) = scans;
  else if (batch->error == NULL)
    {
      batch->error = error;
      batch->error_index = call->index;
    }
  else
    g_error_free (error);
  g_free (call);

  if (--batch->pending == 0)
    {
      open_batch_finish (batch);
      open_batch_free (batch);
    }
}

/* Reads @files in workers and shows them, as a new fitting or added to
 * the one at hand. */
void
plantar_window_open (PlantarWindow  *self,
                     GFile         **files,
                     int             n_files,
                     gboolean        adding)
{
  OpenBatch *batch;
  PlantarImportOptions options;

  if (n_files <= 0)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  batch = g_new0 (OpenBatch, 1);
  batch->self = g_object_ref (self);
  batch->cancellable = g_object_ref (self->cancellable);
  batch->files = g_ptr_array_new_with_free_func (g_object_unref);
  batch->results = g_ptr_array_new_with_free_func (scans_unref_nullable);
  batch->pending = n_files;
  batch->adding = adding;
  for (int i = 0; i < n_files; i++)
    {
      g_ptr_array_add (batch->files, g_object_ref (files[i]));
      g_ptr_array_add (batch->results, NULL);
    }

  plantar_window_set_busy (self, TRUE);
  plantar_window_sheet_import_options (self, &options);
  for (int i = 0; i < n_files; i++)
    {
      ImportCall *call = g_new (ImportCall, 1);
      call->batch = batch;
      call->index = i;
      plantar_import_file_async (files[i], &options, self->cancellable, imported_cb, call);
    }
}

/* ------------------------------------------------------------ the chooser */

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     PlantarWindow   *self)
{
  gboolean adding = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "plantar-adding"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      plantar_window_open (self, (GFile **) array->pdata, array->len, adding && self->scans != NULL);
    }
  g_clear_object (&self->chooser);
}

/* Shows @chooser (taking it), unless another is shown already. */
void
plantar_window_show_chooser (PlantarWindow        *self,
                             GtkFileChooserNative *chooser)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
      g_object_unref (chooser);
      return;
    }
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  gtk_native_dialog_show (self->chooser);
}

static GtkFileFilter *
make_filter (const char         *name,
             const char * const *mime_types,
             const char * const *patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types && mime_types[i]; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns && patterns[i]; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  return filter;
}

void
plantar_window_choose_files (PlantarWindow *self,
                             gboolean       adding)
{
  static const char *image_types[] = { "image/png", "image/jpeg", "image/tiff", "image/bmp", "image/webp", NULL };
  static const char *export_patterns[] = {
    "*.asf", "*.ASF", "*.csv", "*.CSV", "*.tsv", "*.txt", "*.TXT", "*.lst", "*.LST", "*.asc", "*.ASC",
    "*.apd", "*.APD", "*.gz", NULL
  };
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) all = NULL;
  g_autoptr(GtkFileFilter) images = NULL;
  g_autoptr(GtkFileFilter) exports = NULL;
  g_autoptr(GtkFileFilter) any = NULL;

  chooser = gtk_file_chooser_native_new (adding ? _("Add a Scan of the Other Foot") : _("Open Scans"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         adding ? _("_Add") : _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "plantar-adding", GINT_TO_POINTER (adding));

  all = make_filter (_("Scans and Exports"), image_types, export_patterns);
  images = make_filter (_("Footprint Images"), image_types, NULL);
  exports = make_filter (_("Pressure Plate Exports"), NULL, export_patterns);
  any = make_filter (_("All Files"), NULL, (const char *[]) { "*", NULL });
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), exports);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), any);

  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  plantar_window_show_chooser (self, chooser);
}

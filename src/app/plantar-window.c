/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-application.h"
#include "plantar-import.h"
#include "plantar-scan-view.h"
#include "plantar-window.h"
#include "plantar-window-state.h"

#define MAX_RECENT 8

struct _PlantarWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwWindowTitle       *window_title;
  GtkSpinner           *spinner;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_title;
  GtkLabel             *error_message;
  GtkRevealer          *scale_revealer;
  GtkLabel             *scale_message;
  GtkButton            *scale_button;
  GtkButton            *cancel_pick_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;
  GtkBox               *views_box;
  GtkBox               *info_box;

  GSettings            *settings;
  GPtrArray            *scans;          /* PlantarScan, what is shown */
  GStrv                 file_names;     /* their files, for the title */
  GPtrArray            *views;          /* PlantarScanView, one per scan */
  PlantarWindowState    state;
  GCancellable         *cancellable;    /* the open in progress */
  GtkNativeDialog      *chooser;
  PlantarScanView      *picking;        /* the view taking two clicks */
};

G_DEFINE_FINAL_TYPE (PlantarWindow, plantar_window, ADW_TYPE_APPLICATION_WINDOW)

/* One "open" of one or more files: all of them import, or nothing changes. */
typedef struct {
  PlantarWindow *self;
  GPtrArray     *files;
  GPtrArray     *results;   /* GPtrArray of scans per file, in order */
  GError        *error;
  guint          error_index;
  guint          pending;
  GCancellable  *cancellable;
} OpenBatch;

typedef struct {
  PlantarWindow *self;
  PlantarScan   *scan;
  double         x1, y1, x2, y2;
  GtkWidget     *dropdown;
  GtkWidget     *spin_a;
  GtkWidget     *spin_b;
  GtkWidget     *spin_frame;
} CalibrationData;

/* results of the imports that failed stay NULL */
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

static void
calibration_data_free (CalibrationData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->scan, plantar_scan_unref);
  g_free (data);
}

static void points_picked_cb (PlantarScanView *view,
                              double           x1,
                              double           y1,
                              double           x2,
                              double           y2,
                              PlantarWindow   *self);

/* ------------------------------------------------------------ helpers */

static void
show_error (PlantarWindow *self,
            const char    *title,
            const char    *message)
{
  gtk_label_set_text (self->error_title, title);
  gtk_label_set_text (self->error_message, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.dismiss-error", TRUE);
}

static void
hide_error (PlantarWindow *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.dismiss-error", FALSE);
}

static void
set_busy (PlantarWindow *self,
          gboolean       busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  /* short values on one line, long ones wrapped at a readable width */
  if (g_utf8_strlen (value, -1) > 20)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (row, label);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static GtkWidget *
scan_info_group (PlantarScan *scan,
                 const char  *title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  guint n_frames = plantar_scan_get_n_frames (scan);
  gboolean pressure = plantar_scan_is_pressure (scan);
  double lo, hi;
  g_autofree char *grid = NULL;
  g_autofree char *cells = NULL;
  g_autofree char *frames = NULL;
  g_autofree char *range = NULL;
  const char *unit;

  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, plantar_scan_get_format_name (scan));

  grid = g_strdup_printf (pressure ? _("%u × %u cells") : _("%u × %u pixels"),
                          plantar_scan_get_width (scan), plantar_scan_get_height (scan));
  add_row (group, pressure ? _("Grid") : _("Image"), grid);

  if (plantar_scan_has_scale (scan))
    {
      double cw = plantar_scan_get_cell_width_mm (scan), ch = plantar_scan_get_cell_height_mm (scan);
      if (pressure)
        cells = cw == ch ? g_strdup_printf (_("%.2f mm"), cw) : g_strdup_printf (_("%.2f × %.2f mm"), cw, ch);
      else
        cells = g_strdup_printf (_("%.0f dpi (%.3f mm)"), 25.4 / cw, cw);
    }
  else
    cells = g_strdup (_("Unknown"));
  add_row (group, pressure ? _("Cell Size") : _("Resolution"), cells);

  if (n_frames > 1)
    {
      double ms = plantar_scan_get_frame_ms (scan);
      frames = ms > 0 ? g_strdup_printf (_("%u × %.3g ms"), n_frames, ms) : g_strdup_printf ("%u", n_frames);
      add_row (group, _("Frames"), frames);
    }

  plantar_scan_get_value_range (scan, &lo, &hi);
  unit = plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_PRESSURE ? "kPa"
         : plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_RAW ? _("raw") : "";
  if (pressure)
    {
      range = g_strdup_printf (_("%.0f %s"), hi, unit);
      add_row (group, n_frames > 1 ? _("Peak Pressure") : _("Highest Value"), range);
      if (plantar_scan_get_original_units (scan) != NULL)
        add_row (group, _("File Units"), plantar_scan_get_original_units (scan));
    }

  if (plantar_scan_get_device (scan) != NULL)
    add_row (group, _("Device"), plantar_scan_get_device (scan));
  if (plantar_scan_get_subject (scan) != NULL)
    add_row (group, _("Subject"), plantar_scan_get_subject (scan));
  if (plantar_scan_get_date (scan) != NULL)
    add_row (group, _("Date"), plantar_scan_get_date (scan));

  for (guint i = 0; i < plantar_scan_get_n_warnings (scan); i++)
    {
      GtkWidget *note = gtk_label_new (plantar_scan_get_warning (scan, i));
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_set_margin_top (note, 6);
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      adw_preferences_group_add (group, note);
    }

  return GTK_WIDGET (group);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
plantar_window_actions_update (PlantarWindow *self)
{
  gboolean picking = self->picking != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.calibrate",
                                 self->state.scale_need != PLANTAR_SCALE_KNOWN && !picking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-calibration", picking);
}

/* Everything the window shows follows from the scans it holds. */
static void
update_state (PlantarWindow *self)
{
  plantar_window_state_clear (&self->state);
  plantar_window_state_compute (&self->state, self->scans, self->file_names);

  adw_window_title_set_title (self->window_title, self->state.title);
  adw_window_title_set_subtitle (self->window_title, self->state.subtitle ? self->state.subtitle : "");
  gtk_stack_set_visible_child_name (self->stack, self->state.show_welcome ? "welcome" : "scans");

  if (self->picking == NULL)
    {
      gtk_revealer_set_reveal_child (self->scale_revealer, self->state.scale_need != PLANTAR_SCALE_KNOWN);
      if (self->state.scale_message)
        gtk_label_set_text (self->scale_message, self->state.scale_message);
      if (self->state.scale_action)
        gtk_button_set_label (self->scale_button, self->state.scale_action);
      gtk_widget_set_visible (GTK_WIDGET (self->scale_button), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->cancel_pick_button), FALSE);
    }

  plantar_window_actions_update (self);
}

static void
rebuild_info (PlantarWindow *self)
{
  clear_box (self->info_box);
  for (guint i = 0; self->scans && i < self->scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (self->scans, i);
      g_autofree char *title = plantar_scan_title (scan, i, self->scans->len);
      gtk_box_append (self->info_box, scan_info_group (scan, title));
    }
}

static void
rebuild_views (PlantarWindow *self)
{
  clear_box (self->views_box);
  g_ptr_array_set_size (self->views, 0);
  self->picking = NULL;

  for (guint i = 0; self->scans && i < self->scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (self->scans, i);
      g_autofree char *title = plantar_scan_title (scan, i, self->scans->len);
      g_autofree char *caption = NULL;
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label;
      GtkWidget *view = plantar_scan_view_new ();

      if (plantar_scan_is_pressure (scan) && plantar_scan_get_n_frames (scan) > 1)
        caption = g_strdup_printf (_("%s · peak pressure of %u frames"), title, plantar_scan_get_n_frames (scan));
      label = gtk_label_new (caption ? caption : title);
      gtk_widget_add_css_class (label, "scan-caption");
      gtk_box_append (GTK_BOX (column), label);

      plantar_scan_view_set_scan (PLANTAR_SCAN_VIEW (view), scan);
      g_signal_connect (view, "points-picked", G_CALLBACK (points_picked_cb), self);
      gtk_box_append (GTK_BOX (column), view);
      gtk_box_append (self->views_box, column);
      g_ptr_array_add (self->views, view);
    }
}

static void
show_scans (PlantarWindow *self,
            GPtrArray     *scans,
            GStrv          file_names)
{
  g_clear_pointer (&self->scans, g_ptr_array_unref);
  g_clear_pointer (&self->file_names, g_strfreev);
  self->scans = scans ? g_ptr_array_ref (scans) : NULL;
  self->file_names = g_strdupv (file_names);

  rebuild_views (self);
  rebuild_info (self);
  update_state (self);
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

static void
rebuild_recent (PlantarWindow *self)
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
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder ? folder : "");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uris[i]), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (recent_row_activated_cb), self);
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
  rebuild_recent (self);
}

/* ------------------------------------------------------------ opening */

static void
open_batch_finish (OpenBatch *batch)
{
  PlantarWindow *self = batch->self;

  if (g_cancellable_is_cancelled (batch->cancellable))
    return;
  set_busy (self, FALSE);

  if (batch->error != NULL)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (batch->files, batch->error_index));
      g_autofree char *title = g_strdup_printf (_("Could not open “%s”"), name);
      /* what was open stays open */
      show_error (self, title, batch->error->message);
      return;
    }

  {
    g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
    g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
    g_auto(GStrv) file_names = NULL;

    for (guint i = 0; i < batch->results->len; i++)
      {
        GPtrArray *scans = g_ptr_array_index (batch->results, i);
        g_autofree char *name = g_file_get_basename (g_ptr_array_index (batch->files, i));
        for (guint s = 0; s < scans->len; s++)
          g_ptr_array_add (all, plantar_scan_ref (g_ptr_array_index (scans, s)));
        g_strv_builder_add (names, name);
      }
    file_names = g_strv_builder_end (names);

    hide_error (self);
    show_scans (self, all, file_names);
    remember_files (self, batch->files);
  }
}

/* Which file of which batch an import was for. */
typedef struct {
  OpenBatch *batch;
  guint      index;
} ImportCall;

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

/**
 * plantar_window_open_files:
 *
 * Opens one or more scans (left and right, say) in the background. If any
 * of them cannot be read, the window says why and keeps what it showed.
 */
void
plantar_window_open_files (PlantarWindow  *self,
                           GFile         **files,
                           int             n_files)
{
  OpenBatch *batch;

  g_return_if_fail (PLANTAR_IS_WINDOW (self));
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
  for (int i = 0; i < n_files; i++)
    {
      g_ptr_array_add (batch->files, g_object_ref (files[i]));
      g_ptr_array_add (batch->results, NULL);
    }

  set_busy (self, TRUE);
  for (int i = 0; i < n_files; i++)
    {
      ImportCall *call = g_new (ImportCall, 1);
      call->batch = batch;
      call->index = i;
      plantar_import_file_async (files[i], NULL, self->cancellable, imported_cb, call);
    }
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     PlantarWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      plantar_window_open_files (self, (GFile **) array->pdata, array->len);
    }
  g_clear_object (&self->chooser);
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

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);
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

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Open Scans"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  all = make_filter (_("All Scans"), image_types, export_patterns);
  images = make_filter (_("Footprint Images"), image_types, NULL);
  exports = make_filter (_("Pressure Plate Exports"), NULL, export_patterns);
  any = make_filter (_("All Files"), NULL, (const char *[]) { "*", NULL });
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), exports);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), any);

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  g_autofree char *path = plantar_application_find_demo (g_str_equal (which, "walk") ? "demo-walk.csv.gz"
                                                                                     : "demo-footprint.png");
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    {
      show_error (self, _("The demo scans are missing"),
                  _("Plantar's demo scans were not installed with it. Reinstall Plantar."));
      return;
    }
  file = g_file_new_for_path (path);
  plantar_window_open_files (self, &file, 1);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  hide_error (PLANTAR_WINDOW (widget));
}

/* ------------------------------------------------------------ calibration */

static void
scale_changed (PlantarWindow *self)
{
  for (guint i = 0; i < self->views->len; i++)
    plantar_scan_view_scan_changed (g_ptr_array_index (self->views, i));
  rebuild_info (self);
  update_state (self);
}

static void
stop_picking (PlantarWindow *self)
{
  if (self->picking != NULL)
    plantar_scan_view_set_picking (self->picking, FALSE);
  self->picking = NULL;
  update_state (self);
}

static void
distance_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      CalibrationData  *data)
{
  PlantarWindow *self = data->self;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "apply"))
    {
      double mm = gtk_spin_button_get_value (GTK_SPIN_BUTTON (data->spin_a));
      if (plantar_scan_calibrate_two_points (data->scan, data->x1, data->y1, data->x2, data->y2, mm, &error))
        hide_error (self);
      else
        show_error (self, _("Could not calibrate the image"), error->message);
    }
  stop_picking (self);
  scale_changed (self);
}

static void
points_picked_cb (PlantarScanView *view,
                  double           x1,
                  double           y1,
                  double           x2,
                  double           y2,
                  PlantarWindow   *self)
{
  CalibrationData *data = g_new0 (CalibrationData, 1);
  g_autofree char *body = g_strdup_printf (_("How long is the line between the two points? "
                                             "It is %.0f pixels on the image."),
                                           hypot (x2 - x1, y2 - y1));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  AdwMessageDialog *dialog;

  data->self = g_object_ref (self);
  data->scan = plantar_scan_ref (plantar_scan_view_get_scan (view));
  data->x1 = x1;
  data->y1 = y1;
  data->x2 = x2;
  data->y2 = y2;
  data->spin_a = gtk_spin_button_new_with_range (1, 3000, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (data->spin_a), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (data->spin_a), 100);
  gtk_widget_set_hexpand (data->spin_a, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->spin_a), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Distance in millimetres"), -1);
  gtk_box_append (GTK_BOX (box), data->spin_a);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("mm")));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Known Distance"), body));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Set Scale"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  g_signal_connect_data (dialog, "response", G_CALLBACK (distance_response_cb), data,
                         (GClosureNotify) (void (*) (void)) calibration_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_picking (PlantarWindow *self,
               guint          index)
{
  if (index >= self->views->len)
    return;
  self->picking = g_ptr_array_index (self->views, index);
  plantar_scan_view_set_picking (self->picking, TRUE);
  gtk_label_set_text (self->scale_message, _("Click both ends of a known distance on the image, "
                                             "such as 100 mm of a ruler."));
  gtk_widget_set_visible (GTK_WIDGET (self->scale_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_pick_button), TRUE);
  gtk_revealer_set_reveal_child (self->scale_revealer, TRUE);
  plantar_window_actions_update (self);
}

static const struct {
  const char *name;
  double      width_mm, height_mm;
} papers[] = {
  { N_("A4 (210 × 297 mm)"), 210, 297 },
  { N_("A3 (297 × 420 mm)"), 297, 420 },
  { N_("US Letter (8.5 × 11 in)"), 215.9, 279.4 },
  { N_("US Legal (8.5 × 14 in)"), 215.9, 355.6 },
};

static void
image_scale_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CalibrationData  *data)
{
  PlantarWindow *self = data->self;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "paper"))
    {
      guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (data->dropdown));
      if (plantar_scan_calibrate_paper (data->scan, papers[i].width_mm, papers[i].height_mm, &error))
        hide_error (self);
      else
        show_error (self, _("Could not calibrate the image"), error->message);
      scale_changed (self);
    }
  else if (g_str_equal (response, "measure"))
    start_picking (self, self->state.scale_scan);
}

static const char *grid_units[] = { "kPa", "N/cm²", "mmHg", "PSI", "kg/cm²", "raw" };

static void
grid_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  CalibrationData  *data)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "apply"))
    return;

  if (data->spin_a != NULL)
    plantar_scan_set_cell_size (data->scan,
                                gtk_spin_button_get_value (GTK_SPIN_BUTTON (data->spin_a)),
                                gtk_spin_button_get_value (GTK_SPIN_BUTTON (data->spin_b)));
  if (data->dropdown != NULL &&
      !plantar_scan_set_units (data->scan, grid_units[gtk_drop_down_get_selected (GTK_DROP_DOWN (data->dropdown))],
                               &error))
    show_error (data->self, _("Could not set the units"), error->message);
  if (data->spin_frame != NULL)
    plantar_scan_set_frame_ms (data->scan, gtk_spin_button_get_value (GTK_SPIN_BUTTON (data->spin_frame)));
  scale_changed (data->self);
}

static GtkWidget *
labelled (const char *label,
          GtkWidget  *control,
          const char *unit)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (label);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  gtk_box_append (GTK_BOX (row), title);
  gtk_box_append (GTK_BOX (row), control);
  if (unit != NULL)
    gtk_box_append (GTK_BOX (row), gtk_label_new (unit));
  return row;
}

static GtkWidget *
spin (double low,
      double high,
      double step,
      double value)
{
  GtkWidget *button = gtk_spin_button_new_with_range (low, high, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (button), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (button), value);
  return button;
}

/* Asks for what a grid leaves out: its cell size, its units, its frame time. */
static AdwMessageDialog *
grid_dialog (PlantarWindow   *self,
             CalibrationData *data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  AdwMessageDialog *dialog;
  PlantarScan *scan = data->scan;

  if (!plantar_scan_has_scale (scan))
    {
      data->spin_a = spin (0.5, 50, 0.01, 5.0);
      data->spin_b = spin (0.5, 50, 0.01, 5.0);
      gtk_box_append (GTK_BOX (box), labelled (_("Cell width"), data->spin_a, _("mm")));
      gtk_box_append (GTK_BOX (box), labelled (_("Cell height"), data->spin_b, _("mm")));
    }
  if (plantar_scan_get_units_assumed (scan))
    {
      data->dropdown = gtk_drop_down_new_from_strings (grid_units);
      gtk_box_append (GTK_BOX (box), labelled (_("Units of the values"), data->dropdown, NULL));
    }
  if (plantar_scan_get_n_frames (scan) > 1 && plantar_scan_get_frame_ms (scan) <= 0)
    {
      data->spin_frame = spin (0.1, 10000, 0.1, 10.0);
      gtk_box_append (GTK_BOX (box), labelled (_("Frame time"), data->spin_frame, _("ms")));
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Describe the Grid"),
                                                       _("The file leaves these out. Take them from the "
                                                         "plate's manual or export settings: sensors are "
                                                         "5.08 mm for Tekscan and footscan, 5 mm for emed, "
                                                         "8.47 mm for Zebris.")));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  g_signal_connect_data (dialog, "response", G_CALLBACK (grid_response_cb), data,
                         (GClosureNotify) (void (*) (void)) calibration_data_free, 0);
  return dialog;
}

static void
calibrate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);
  CalibrationData *data;
  AdwMessageDialog *dialog;

  if (self->state.scale_need == PLANTAR_SCALE_KNOWN || self->scans == NULL)
    return;

  data = g_new0 (CalibrationData, 1);
  data->self = g_object_ref (self);
  data->scan = plantar_scan_ref (g_ptr_array_index (self->scans, self->state.scale_scan));

  if (self->state.scale_need == PLANTAR_SCALE_IMAGE)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) names = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
        g_strv_builder_add (builder, _(papers[i].name));
      names = g_strv_builder_end (builder);
      data->dropdown = gtk_drop_down_new_from_strings ((const char *const *) names);
      gtk_accessible_update_property (GTK_ACCESSIBLE (data->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Paper size"), -1);

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Set the Image Scale"),
                                                           _("If the image shows the whole sheet, choose its "
                                                             "paper size. Otherwise measure a known distance "
                                                             "on it, such as a ruler beside the print.")));
      adw_message_dialog_set_extra_child (dialog, data->dropdown);
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "measure", _("_Measure a Distance"),
                                        "paper", _("Use _Paper Size"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "paper", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "paper");
      g_signal_connect_data (dialog, "response", G_CALLBACK (image_scale_response_cb), data,
                             (GClosureNotify) (void (*) (void)) calibration_data_free, 0);
    }
  else
    dialog = grid_dialog (self, data);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_calibration_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  stop_picking (PLANTAR_WINDOW (widget));
}

/* ------------------------------------------------------------ drag and drop */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PlantarWindow *self)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  for (GSList *l = list; l; l = l->next)
    g_ptr_array_add (files, l->data);
  plantar_window_open_files (self, (GFile **) files->pdata, files->len);
  return files->len > 0;
}

/* ------------------------------------------------------------ GObject */

static gboolean
plantar_window_close_request (GtkWindow *window)
{
  PlantarWindow *self = PLANTAR_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (plantar_window_parent_class)->close_request (window);
}

static void
plantar_window_dispose (GObject *object)
{
  PlantarWindow *self = PLANTAR_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_WINDOW);

  G_OBJECT_CLASS (plantar_window_parent_class)->dispose (object);
}

static void
plantar_window_finalize (GObject *object)
{
  PlantarWindow *self = PLANTAR_WINDOW (object);

  g_clear_pointer (&self->scans, g_ptr_array_unref);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->file_names, g_strfreev);
  g_clear_object (&self->settings);
  plantar_window_state_clear (&self->state);

  G_OBJECT_CLASS (plantar_window_parent_class)->finalize (object);
}

static void
plantar_window_class_init (PlantarWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = plantar_window_dispose;
  object_class->finalize = plantar_window_finalize;
  window_class->close_request = plantar_window_close_request;

  g_type_ensure (PLANTAR_TYPE_SCAN_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, error_title);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, error_message);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, scale_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, scale_message);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, scale_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, cancel_pick_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, views_box);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, info_box);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", "s", open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.calibrate", NULL, calibrate_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-calibration", NULL, cancel_calibration_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-calibration", NULL);
}

static void
plantar_window_init (PlantarWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->views = g_ptr_array_new ();
  self->settings = g_object_ref (plantar_application_get_settings (
                     PLANTAR_APPLICATION (g_application_get_default ())));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  rebuild_recent (self);
  hide_error (self);
  update_state (self);
}

PlantarWindow *
plantar_window_new (PlantarApplication *application)
{
  return g_object_new (PLANTAR_TYPE_WINDOW, "application", application, NULL);
}

/* For tests: what the window shows. */
GPtrArray *
plantar_window_get_scans (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return self->scans;
}

gboolean
plantar_window_is_showing_error (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->error_revealer);
}

const char *
plantar_window_get_error_text (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->error_message);
}

gboolean
plantar_window_is_busy (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->spinner));
}

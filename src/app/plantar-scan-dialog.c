/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-scan-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-render.h"
#include "plantar-scan-dialog.h"
#include "plantar-scanner.h"

/*
 * Scan a print: the scanners SANE finds (the one chosen last first), the
 * resolution, grey or colour, a quick preview, then the scan, each in a
 * worker with its progress and Cancel. "scanned" gives the scan, its scale
 * the scanner's resolution.
 */

static const int resolutions[] = { 75, 100, 150, 200, 300, 600 };

struct _PlantarScanDialog
{
  AdwWindow          parent_instance;

  /* template */
  GtkWidget         *close_button;
  GtkWidget         *scan_button;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkPicture        *preview;
  GtkWidget         *placeholder;
  AdwComboRow       *scanner_row;
  AdwComboRow       *dpi_row;
  GtkSwitch         *colour_switch;
  GtkWidget         *preview_button;
  GtkProgressBar    *progress;

  GSettings         *settings;
  GPtrArray         *scanners;      /* PlantarScannerInfo */
  GCancellable      *cancellable;   /* the scan or preview under way */
  GCancellable      *life;          /* cancelled when the dialog goes */
  gboolean           scanning;
  gboolean           is_preview;
  char             **extra_options; /* for the tests: the test backend's picture */
};

G_DEFINE_FINAL_TYPE (PlantarScanDialog, plantar_scan_dialog, ADW_TYPE_WINDOW)

enum {
  SCANNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (PlantarScanDialog *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
update_sensitivity (PlantarScanDialog *self)
{
  gboolean have = self->scanners != NULL && self->scanners->len > 0;

  gtk_widget_set_sensitive (self->scan_button, have && !self->scanning);
  gtk_widget_set_sensitive (self->preview_button, have && !self->scanning);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scanner_row), have && !self->scanning);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dpi_row), !self->scanning);
  gtk_button_set_label (GTK_BUTTON (self->close_button), self->scanning ? _("_Stop") : _("_Cancel"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress), self->scanning);
}

/* ------------------------------------------------------------ scanners */

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scanners = g_task_propagate_pointer (G_TASK (result), &error);
  PlantarScanDialog *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *chosen = NULL;
  guint selected = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = PLANTAR_SCAN_DIALOG (data);
  if (scanners == NULL || scanners->len == 0)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scanner_row),
                                   _("None found: check that the scanner is plugged in and switched on"));
      show_error (self, error ? error->message : _("No scanner was found."));
      return;
    }
  chosen = g_settings_get_string (self->settings, "scanner-device");
  for (guint i = 0; i < scanners->len; i++)
    {
      PlantarScannerInfo *info = g_ptr_array_index (scanners, i);
      g_autofree char *label = g_strdup_printf ("%s %s", info->vendor, info->model);
      gtk_string_list_append (names, label);
      if (g_strcmp0 (info->name, chosen) == 0)
        selected = i;
    }
  self->scanners = g_steal_pointer (&scanners);
  adw_combo_row_set_model (self->scanner_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->scanner_row, selected);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scanner_row), NULL);
  update_sensitivity (self);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *scanners = plantar_scanner_list (&error);

  if (scanners == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scanners, (GDestroyNotify) g_ptr_array_unref);
}

/* ------------------------------------------------------------ scanning */

static void
progress_cb (double   fraction,
             gpointer data)
{
  PlantarScanDialog *self = data;

  if (!self->scanning)
    return;
  if (fraction < 0)
    gtk_progress_bar_pulse (self->progress);
  else
    gtk_progress_bar_set_fraction (self->progress, fraction);
}

static void
scanned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(PlantarScanDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_scanner_scan_finish (result, &error);

  if (g_cancellable_is_cancelled (self->life))
    return;
  self->scanning = FALSE;
  g_clear_object (&self->cancellable);
  update_sensitivity (self);
  if (scan == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  if (self->is_preview)
    {
      cairo_surface_t *surface = plantar_render_image (scan);
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GBytes) bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                                             (gsize) cairo_image_surface_get_stride (surface) *
                                             cairo_image_surface_get_height (surface));
      texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface), cairo_image_surface_get_height (surface),
                                        GDK_MEMORY_B8G8R8A8_PREMULTIPLIED, bytes,
                                        cairo_image_surface_get_stride (surface));
      cairo_surface_destroy (surface);
      gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
      gtk_widget_set_visible (self->placeholder, FALSE);
      return;
    }
  g_signal_emit (self, signals[SCANNED], 0, scan);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_scan (PlantarScanDialog *self,
            gboolean           preview)
{
  PlantarScannerInfo *info;
  PlantarScanRequest request = { 0 };
  guint dpi_index = adw_combo_row_get_selected (self->dpi_row);

  if (self->scanners == NULL || self->scanning)
    return;
  info = g_ptr_array_index (self->scanners, MIN (adw_combo_row_get_selected (self->scanner_row),
                                                 self->scanners->len - 1));
  request.device = info->name;
  request.dpi = preview ? 50 : resolutions[MIN (dpi_index, G_N_ELEMENTS (resolutions) - 1)];
  request.mode = gtk_switch_get_active (self->colour_switch) ? PLANTAR_SCAN_COLOUR : PLANTAR_SCAN_GREY;
  request.preview = preview;
  request.options = (const char * const *) self->extra_options;
  if (!preview)
    {
      g_settings_set_string (self->settings, "scanner-device", info->name);
      g_settings_set_int (self->settings, "scanner-dpi", (int) request.dpi);
      g_settings_set_boolean (self->settings, "scanner-colour", request.mode == PLANTAR_SCAN_COLOUR);
    }
  show_error (self, NULL);
  self->scanning = TRUE;
  self->is_preview = preview;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, preview ? _("Previewing…") : _("Scanning…"));
  update_sensitivity (self);
  plantar_scanner_scan_async (&request, self->cancellable, progress_cb, self, scanned_cb, g_object_ref (self));
}

static void
scan_clicked_cb (PlantarScanDialog *self)
{
  start_scan (self, FALSE);
}

static void
preview_clicked_cb (PlantarScanDialog *self)
{
  start_scan (self, TRUE);
}

/* Cancel closes; while scanning, it stops the scan. */
static void
close_clicked_cb (PlantarScanDialog *self)
{
  if (self->scanning)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* ------------------------------------------------------------ GObject */

static void
plantar_scan_dialog_dispose (GObject *object)
{
  PlantarScanDialog *self = PLANTAR_SCAN_DIALOG (object);

  g_cancellable_cancel (self->life);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_SCAN_DIALOG);
  G_OBJECT_CLASS (plantar_scan_dialog_parent_class)->dispose (object);
}

static void
plantar_scan_dialog_finalize (GObject *object)
{
  PlantarScanDialog *self = PLANTAR_SCAN_DIALOG (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->life);
  g_clear_pointer (&self->scanners, g_ptr_array_unref);
  g_strfreev (self->extra_options);
  G_OBJECT_CLASS (plantar_scan_dialog_parent_class)->finalize (object);
}

static void
plantar_scan_dialog_class_init (PlantarScanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_scan_dialog_dispose;
  object_class->finalize = plantar_scan_dialog_finalize;

  /**
   * PlantarScanDialog::scanned:
   * @scan: the page scanned, with its scale
   */
  signals[SCANNED] = g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, PLANTAR_TYPE_SCAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-scan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarScanDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarScanDialog, scan_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarScanDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlantarScanDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PlantarScanDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, PlantarScanDialog, placeholder);
  gtk_widget_class_bind_template_child (widget_class, PlantarScanDialog, scanner_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarScanDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarScanDialog, colour_switch);
  gtk_widget_class_bind_template_child (widget_class, PlantarScanDialog, preview_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarScanDialog, progress);
  gtk_widget_class_bind_template_callback (widget_class, scan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
plantar_scan_dialog_init (PlantarScanDialog *self)
{
  g_autoptr(GtkStringList) dpis = gtk_string_list_new (NULL);
  g_autoptr(GTask) task = NULL;
  int chosen;
  guint selected = 2;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new ("io.github.plantar.Plantar");
  self->life = g_cancellable_new ();
  chosen = g_settings_get_int (self->settings, "scanner-dpi");
  for (guint i = 0; i < G_N_ELEMENTS (resolutions); i++)
    {
      /* TRANSLATORS: a scan's resolution and the size of its pixels */
      g_autofree char *label = g_strdup_printf (_("%d dpi · %.2f mm"), resolutions[i], 25.4 / resolutions[i]);
      gtk_string_list_append (dpis, label);
      if (resolutions[i] == chosen)
        selected = i;
    }
  adw_combo_row_set_model (self->dpi_row, G_LIST_MODEL (dpis));
  adw_combo_row_set_selected (self->dpi_row, selected);
  gtk_switch_set_active (self->colour_switch, g_settings_get_boolean (self->settings, "scanner-colour"));
  update_sensitivity (self);

  task = g_task_new (NULL, self->life, listed_cb, self);
  g_task_run_in_thread (task, list_thread);
}

GtkWidget *
plantar_scan_dialog_new (GtkWindow *parent)
{
  return g_object_new (PLANTAR_TYPE_SCAN_DIALOG, "transient-for", parent, NULL);
}

gboolean
plantar_scan_dialog_is_ready (PlantarScanDialog *self)
{
  g_return_val_if_fail (PLANTAR_IS_SCAN_DIALOG (self), FALSE);
  return self->scanners != NULL && !self->scanning;
}

gboolean
plantar_scan_dialog_is_scanning (PlantarScanDialog *self)
{
  g_return_val_if_fail (PLANTAR_IS_SCAN_DIALOG (self), FALSE);
  return self->scanning;
}

/* Settings of the scanner's own to scan with (the test backend's picture). */
void
plantar_scan_dialog_set_options (PlantarScanDialog  *self,
                                 const char *const  *options)
{
  g_return_if_fail (PLANTAR_IS_SCAN_DIALOG (self));
  g_strfreev (self->extra_options);
  self->extra_options = g_strdupv ((char **) options);
}

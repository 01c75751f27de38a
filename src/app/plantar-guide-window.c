/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-guide-window"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-guide.h"
#include "plantar-guide-window.h"

/* The shape of the page the guide is drawn for: A4, in points. */
#define PAGE_W 595.0
#define PAGE_H 842.0

/* The page, as tall as its width asks (height for width). */
#define PLANTAR_TYPE_GUIDE_PAGE (plantar_guide_page_get_type ())
G_DECLARE_FINAL_TYPE (PlantarGuidePage, plantar_guide_page, PLANTAR, GUIDE_PAGE, GtkWidget)

struct _PlantarGuidePage
{
  GtkWidget     parent_instance;
  PlantarGuide *guide;   /* the window's */
};

G_DEFINE_FINAL_TYPE (PlantarGuidePage, plantar_guide_page, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
page_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
page_measure (GtkWidget      *widget,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 300;
      *natural = 600;
    }
  else
    *minimum = *natural = (int) ((for_size > 0 ? for_size : 600) * PAGE_H / PAGE_W);
}

static void
page_snapshot (GtkWidget   *widget,
               GtkSnapshot *snapshot)
{
  PlantarGuidePage *self = PLANTAR_GUIDE_PAGE (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->guide == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_scale (cr, w / PAGE_W, w / PAGE_W);
  plantar_guide_draw_page (self->guide, cr, PAGE_W, PAGE_H);
  cairo_destroy (cr);
}

static void
plantar_guide_page_class_init (PlantarGuidePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->get_request_mode = page_request_mode;
  widget_class->measure = page_measure;
  widget_class->snapshot = page_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
plantar_guide_page_init (PlantarGuidePage *self)
{
}

struct _PlantarGuideWindow
{
  AdwWindow             parent_instance;

  /* template */
  AdwToastOverlay      *toasts;
  GtkWidget            *save_button;
  GtkWidget            *print_button;
  GtkStack             *stack;
  PlantarGuidePage     *page;

  PlantarGuide         *guide;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (PlantarGuideWindow, plantar_guide_window, ADW_TYPE_WINDOW)

static void
guide_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  g_task_return_pointer (task, plantar_guide_new (), (GDestroyNotify) plantar_guide_free);
}

static void
guide_drawn_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  PlantarGuide *guide = g_task_propagate_pointer (G_TASK (result), NULL);
  PlantarGuideWindow *self;

  if (guide == NULL)
    return;
  self = PLANTAR_GUIDE_WINDOW (source);
  self->guide = guide;
  gtk_widget_set_sensitive (self->save_button, TRUE);
  gtk_widget_set_sensitive (self->print_button, TRUE);
  self->page->guide = guide;
  gtk_stack_set_visible_child_name (self->stack, "guide");
  gtk_widget_queue_draw (GTK_WIDGET (self->page));
}

/* ------------------------------------------------------------ saving */

typedef struct {
  PlantarGuide *guide;
  char         *path;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  SaveJob *job = data;
  GError *error = NULL;

  if (plantar_guide_write_pdf (job->guide, PLANTAR_PAPER_A4, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Writes the guide as a PDF in a worker. */
void
plantar_guide_window_save_async (PlantarGuideWindow  *self,
                                 GFile               *file,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, callback, user_data);
  SaveJob *job = g_new0 (SaveJob, 1);

  g_return_if_fail (self->guide != NULL);
  job->guide = self->guide;
  job->path = g_file_get_path (file);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
plantar_guide_window_save_finish (PlantarGuideWindow  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  PlantarGuideWindow *self = PLANTAR_GUIDE_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (plantar_guide_window_save_finish (self, result, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("The guide was saved")));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     PlantarGuideWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file != NULL)
    plantar_guide_window_save_async (self, file, saved_cb, NULL);
}

static void
save_clicked_cb (PlantarGuideWindow *self)
{
  if (self->chooser != NULL || self->guide == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save the Guide"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("Measure at home.pdf"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ------------------------------------------------------------ printing */

static void
print_page_cb (GtkPrintOperation *operation,
               GtkPrintContext   *context,
               int                page,
               PlantarGuideWindow *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double w = gtk_print_context_get_width (context), h = gtk_print_context_get_height (context);
  double s = MIN (w / PAGE_W, h / PAGE_H);

  cairo_scale (cr, s, s);
  plantar_guide_draw_page (self->guide, cr, PAGE_W, PAGE_H);
}

static void
print_clicked_cb (PlantarGuideWindow *self)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;

  if (self->guide == NULL)
    return;
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, _("Measure at Home"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (print_page_cb), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

/* ------------------------------------------------------------ GObject */

static void
plantar_guide_window_dispose (GObject *object)
{
  PlantarGuideWindow *self = PLANTAR_GUIDE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_GUIDE_WINDOW);
  G_OBJECT_CLASS (plantar_guide_window_parent_class)->dispose (object);
}

static void
plantar_guide_window_finalize (GObject *object)
{
  PlantarGuideWindow *self = PLANTAR_GUIDE_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->guide, plantar_guide_free);
  G_OBJECT_CLASS (plantar_guide_window_parent_class)->finalize (object);
}

static void
plantar_guide_window_class_init (PlantarGuideWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (PLANTAR_TYPE_GUIDE_PAGE);
  object_class->dispose = plantar_guide_window_dispose;
  object_class->finalize = plantar_guide_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-guide-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarGuideWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, PlantarGuideWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarGuideWindow, print_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarGuideWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PlantarGuideWindow, page);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
plantar_guide_window_init (PlantarGuideWindow *self)
{
  g_autoptr(GTask) task = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, guide_drawn_cb, NULL);
  g_task_run_in_thread (task, guide_thread);
}

GtkWidget *
plantar_guide_window_new (GtkWindow *parent)
{
  return g_object_new (PLANTAR_TYPE_GUIDE_WINDOW, "transient-for", parent, NULL);
}

gboolean
plantar_guide_window_is_ready (PlantarGuideWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_GUIDE_WINDOW (self), FALSE);
  return self->guide != NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-calibration-dialog.h"
#include "plantar-window-private.h"

/*
 * A scan without a scale: the calibration dialog asks for the sheet, a
 * known distance (two clicks on the image), the foot's length (a
 * pressure picture) or what a grid leaves out, and the scan is measured
 * again with it.
 */

static void
start_picking (PlantarWindow *self,
               guint          index)
{
  if (index >= self->views->len)
    return;
  gtk_stack_set_visible_child_name (self->mode_stack, "scans");
  self->picking = g_ptr_array_index (self->views, index);
  plantar_map_view_set_picking (self->picking, TRUE);
  gtk_label_set_text (self->scale_message, _("Click both ends of a known distance on the image, "
                                             "such as 100 mm of a ruler."));
  gtk_widget_set_visible (GTK_WIDGET (self->scale_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_pick_button), TRUE);
  gtk_revealer_set_reveal_child (self->scale_revealer, TRUE);
  plantar_window_update_state (self);
}

void
plantar_window_stop_picking (PlantarWindow *self)
{
  if (self->picking != NULL)
    plantar_map_view_set_picking (self->picking, FALSE);
  self->picking = NULL;
  plantar_window_update_state (self);
}

typedef struct {
  PlantarWindow *self;
  PlantarScan   *scan;
  double         foot_length_mm;
} FootScale;

static void
foot_scale_free (FootScale *job)
{
  g_clear_object (&job->self);
  g_clear_pointer (&job->scan, plantar_scan_unref);
  g_free (job);
}

static void
foot_scale_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  FootScale *job = data;
  GError *error = NULL;
  double *mm = g_new (double, 1);

  *mm = plantar_foot_length_scale (job->scan, job->foot_length_mm, NULL, &error);
  if (*mm <= 0)
    {
      g_free (mm);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, mm, g_free);
}

static void
foot_scale_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  FootScale *job = g_task_get_task_data (G_TASK (result));
  PlantarWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autofree double *mm = g_task_propagate_pointer (G_TASK (result), &error);

  plantar_window_set_busy (self, FALSE);
  if (mm == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        plantar_window_show_error (self, _("Could not take the scale from the foot"), error->message);
      return;
    }
  plantar_scan_set_cell_size (job->scan, *mm, *mm);
  plantar_window_scale_changed (self);
}

/* The picture scaled by the foot it shows: the foot is found and measured
 * a few times over in a worker. */
static void
scale_by_foot (PlantarWindow *self,
               PlantarScan   *scan,
               double         foot_length_mm)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, foot_scale_done_cb, NULL);
  FootScale *job = g_new0 (FootScale, 1);

  job->self = g_object_ref (self);
  job->scan = plantar_scan_ref (scan);
  job->foot_length_mm = foot_length_mm;
  g_task_set_task_data (task, job, (GDestroyNotify) foot_scale_free);
  plantar_window_set_busy (self, TRUE);
  g_task_run_in_thread (task, foot_scale_thread);
}

static void
calibration_response_cb (PlantarCalibrationDialog *dialog,
                         const char               *response,
                         PlantarWindow            *self)
{
  PlantarCalibration calibration;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "measure"))
    {
      start_picking (self, self->state.scale_scan);
      return;
    }
  plantar_window_stop_picking (self);
  if (g_str_equal (response, "corners"))
    {
      plantar_window_show_sheet (self, TRUE);
      return;
    }
  if (!g_str_equal (response, "paper") && !g_str_equal (response, "apply"))
    return;

  plantar_calibration_dialog_get_calibration (dialog, &calibration);
  if (calibration.kind == PLANTAR_CALIBRATION_FOOT_LENGTH)
    {
      scale_by_foot (self, plantar_calibration_dialog_get_scan (dialog), calibration.foot_length_mm);
      return;
    }
  if (!plantar_calibration_apply (&calibration, plantar_calibration_dialog_get_scan (dialog), &error))
    {
      plantar_window_show_error (self, _("Could not calibrate the scan"), error->message);
      return;
    }
  plantar_window_scale_changed (self);
}

static void
present (PlantarWindow *self,
         GtkWidget     *dialog)
{
  g_signal_connect_object (dialog, "response", G_CALLBACK (calibration_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Asks for what the scan that needs it lacks. */
void
plantar_window_calibrate (PlantarWindow *self)
{
  if (self->state.scale_need == PLANTAR_SCALE_KNOWN || self->scans == NULL)
    return;
  present (self, plantar_calibration_dialog_new (GTK_WINDOW (self),
                                                 g_ptr_array_index (self->scans, self->state.scale_scan),
                                                 self->state.scale_need));
}

/* Both ends of a known distance were clicked: how long is it? */
void
plantar_window_points_picked_cb (PlantarMapView *view,
                                 double          x1,
                                 double          y1,
                                 double          x2,
                                 double          y2,
                                 PlantarWindow  *self)
{
  present (self, plantar_calibration_dialog_new_distance (GTK_WINDOW (self), plantar_map_view_get_scan (view),
                                                          x1, y1, x2, y2));
}

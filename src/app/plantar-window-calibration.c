/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-calibration-dialog.h"
#include "plantar-scale-memory.h"
#include "plantar-window-private.h"

/*
 * A scan without a scale: the calibration dialog asks for the sheet, a
 * known distance (two clicks on the image), the foot's length (a
 * pressure picture) or what a grid leaves out, and the scan is measured
 * again with it. A scale given by hand can be undone (Undo, or the
 * toast's button), changed later (Change Scale…), and is remembered by
 * the scan's content, so the same print opened again is measured at once.
 */

void
plantar_window_clear_scale_undo (PlantarWindow *self)
{
  g_clear_pointer (&self->scale_undo.scan, plantar_scan_unref);
  g_clear_pointer (&self->scale_undo.digest, g_free);
}

static gboolean
is_shown (PlantarWindow *self,
          PlantarScan   *scan)
{
  for (guint i = 0; scan != NULL && self->scans != NULL && i < self->scans->len; i++)
    if (g_ptr_array_index (self->scans, i) == scan)
      return TRUE;
  return FALSE;
}

static void
show_toast (PlantarWindow *self,
            const char    *title,
            const char    *button,
            const char    *action)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 8);
  if (button != NULL)
    {
      adw_toast_set_button_label (toast, button);
      adw_toast_set_action_name (toast, action);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* "0.169 mm a pixel", or "0.50 × 0.52 mm a cell" */
static char *
scale_text (PlantarScan *scan)
{
  double w = plantar_scan_get_cell_width_mm (scan), h = plantar_scan_get_cell_height_mm (scan);
  gboolean image = !plantar_scan_is_pressure (scan);

  if (fabs (w - h) < 1e-3 * w)
    return g_strdup_printf (image ? _("%.3f mm a pixel") : _("%.3f mm a cell"), w);
  return g_strdup_printf (image ? _("%.3f × %.3f mm a pixel") : _("%.3f × %.3f mm a cell"), w, h);
}

/* A scale was given by hand to @scan, which had @old_w × @old_h (0: none):
 * kept for its content, and offered to undo. */
static void
scale_given (PlantarWindow *self,
             PlantarScan   *scan,
             double         old_w,
             double         old_h)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  plantar_window_clear_scale_undo (self);
  if (!plantar_scan_has_scale (scan))
    return;
  self->scale_undo.scan = plantar_scan_ref (scan);
  self->scale_undo.width_mm = old_w;
  self->scale_undo.height_mm = old_h;
  self->scale_undo.digest = plantar_scan_content_digest (scan);
  if (!plantar_scale_memory_store (self->scale_undo.digest, plantar_scan_get_cell_width_mm (scan),
                                   plantar_scan_get_cell_height_mm (scan), &error))
    g_warning ("The scale could not be remembered: %s", error->message);
  text = scale_text (scan);
  /* TRANSLATORS: %s: "0.169 mm a pixel" */
  title = g_strdup_printf (_("Scale set: %s"), text);
  show_toast (self, title, _("_Undo"), "win.undo-scale");
}

gboolean
plantar_window_can_undo_scale (PlantarWindow *self)
{
  return is_shown (self, self->scale_undo.scan);
}

/* The scale given last goes back to what it was, and is forgotten. */
void
plantar_window_undo_scale (PlantarWindow *self)
{
  PlantarScan *scan = self->scale_undo.scan;
  g_autoptr(GError) error = NULL;

  if (!plantar_window_can_undo_scale (self))
    return;
  if (self->scale_undo.width_mm > 0 && self->scale_undo.height_mm > 0)
    {
      plantar_scan_set_cell_size (scan, self->scale_undo.width_mm, self->scale_undo.height_mm);
      plantar_scale_memory_store (self->scale_undo.digest, self->scale_undo.width_mm, self->scale_undo.height_mm,
                                  &error);
    }
  else
    {
      plantar_scan_clear_cell_size (scan);
      plantar_scale_memory_forget (self->scale_undo.digest, &error);
    }
  if (error != NULL)
    g_warning ("The scale could not be forgotten: %s", error->message);
  plantar_window_clear_scale_undo (self);
  plantar_window_scale_changed (self);
}

/* A scan whose kind takes a scale by hand: an image or a pressure picture. */
static gboolean
takes_hand_scale (PlantarScan *scan)
{
  return !plantar_scan_is_pressure (scan) || g_strcmp0 (plantar_scan_get_format_id (scan), "colour-picture") == 0;
}

/**
 * plantar_window_apply_remembered_scales:
 *
 * Scans opened without a scale that were given one before, by their
 * content, take it again.
 *
 * Returns: whether any did
 */
gboolean
plantar_window_apply_remembered_scales (PlantarWindow *self,
                                        GPtrArray     *scans)
{
  PlantarScan *last = NULL;

  for (guint i = 0; i < scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (scans, i);
      g_autofree char *digest = NULL;
      double w, h;

      if (plantar_scan_has_scale (scan) || !takes_hand_scale (scan))
        continue;
      digest = plantar_scan_content_digest (scan);
      if (!plantar_scale_memory_lookup (digest, &w, &h))
        continue;
      plantar_scan_set_cell_size (scan, w, h);
      last = scan;
    }
  if (last != NULL)
    {
      g_autofree char *text = scale_text (last);
      /* TRANSLATORS: %s: "0.169 mm a pixel" */
      g_autofree char *title = g_strdup_printf (_("Measured with the scale given before: %s"), text);
      show_toast (self, title, _("_Change…"), "win.change-scale");
    }
  return last != NULL;
}

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
  double         old_w, old_h;
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
  scale_given (self, job->scan, job->old_w, job->old_h);
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
  job->old_w = plantar_scan_get_cell_width_mm (scan);
  job->old_h = plantar_scan_get_cell_height_mm (scan);
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
  PlantarScan *scan;
  double old_w, old_h;

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
  scan = plantar_calibration_dialog_get_scan (dialog);
  old_w = plantar_scan_get_cell_width_mm (scan);
  old_h = plantar_scan_get_cell_height_mm (scan);
  if (!plantar_calibration_apply (&calibration, scan, &error))
    {
      plantar_window_show_error (self, _("Could not calibrate the scan"), error->message);
      return;
    }
  if (takes_hand_scale (scan))
    scale_given (self, scan, old_w, old_h);
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
  plantar_window_hide_error (self);
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

/* A scale given before, or read from the file, changed: the first image
 * or pressure picture shown is calibrated again. */
void
plantar_window_change_scale (PlantarWindow *self)
{
  for (guint i = 0; self->scans != NULL && i < self->scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (self->scans, i);
      if (!takes_hand_scale (scan))
        continue;
      plantar_window_hide_error (self);
      self->state.scale_scan = i;
      present (self, plantar_calibration_dialog_new (GTK_WINDOW (self), scan,
                                                     plantar_scan_is_pressure (scan) ? PLANTAR_SCALE_PICTURE
                                                                                     : PLANTAR_SCALE_IMAGE));
      return;
    }
}

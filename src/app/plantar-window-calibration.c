/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-calibration-dialog.h"
#include "plantar-window-private.h"

/*
 * A scan without a scale: the calibration dialog asks for the sheet, a
 * known distance (two clicks on the image) or what a grid leaves out, and
 * the scan is measured again with it.
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
  if (!g_str_equal (response, "paper") && !g_str_equal (response, "apply"))
    return;

  plantar_calibration_dialog_get_calibration (dialog, &calibration);
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-insole-window.h"
#include "plantar-report-dialog.h"
#include "plantar-steps-window.h"
#include "plantar-guide-window.h"
#include "plantar-window-private.h"

/*
 * What the window can do: its actions, which of them are enabled (as
 * PlantarWindowState computes it), and its keys. Playback keys work
 * wherever the focus is, except in a field that takes text.
 */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  plantar_window_choose_files (PLANTAR_WINDOW (widget), FALSE);
}

static void
add_scan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  plantar_window_choose_files (PLANTAR_WINDOW (widget), TRUE);
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
      plantar_window_show_error (self, _("The demo scans are missing"),
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
  plantar_window_hide_error (PLANTAR_WINDOW (widget));
}

static void
calibrate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  plantar_window_calibrate (PLANTAR_WINDOW (widget));
}

static void
cancel_calibration_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  plantar_window_stop_picking (PLANTAR_WINDOW (widget));
}

static void
scan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  plantar_window_scan (PLANTAR_WINDOW (widget));
}

static void
camera_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  plantar_window_camera (PLANTAR_WINDOW (widget));
}

static void
next_joins_cb (GSimpleAction *action,
               GVariant      *value,
               PlantarWindow *self)
{
  self->next_joins = g_variant_get_boolean (value);
  g_simple_action_set_state (action, value);
}

static void
guide_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (plantar_guide_window_new (GTK_WINDOW (widget))));
}

static void
show_sheet_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  plantar_window_show_sheet (PLANTAR_WINDOW (widget), g_variant_get_boolean (parameter));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);

  /* corrections first, then the scale they were made on */
  if (plantar_fitting_can_undo (self->fitting))
    plantar_fitting_undo (self->fitting);
  else
    plantar_window_undo_scale (self);
}

static void
undo_scale_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  plantar_window_undo_scale (PLANTAR_WINDOW (widget));
}

static void
change_scale_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  plantar_window_change_scale (PLANTAR_WINDOW (widget));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  plantar_fitting_redo (PLANTAR_WINDOW (widget)->fitting);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);
  const char *which = g_variant_get_string (parameter, NULL);

  if (!g_str_equal (which, "right"))
    plantar_fitting_reset (self->fitting, PLANTAR_SIDE_LEFT);
  if (!g_str_equal (which, "left"))
    plantar_fitting_reset (self->fitting, PLANTAR_SIDE_RIGHT);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);

  plantar_map_view_zoom_fit (self->left_view);
  plantar_map_view_zoom_fit (self->right_view);
  for (guint i = 0; i < self->views->len; i++)
    plantar_map_view_zoom_fit (g_ptr_array_index (self->views, i));
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  plantar_playback_bar_toggle (PLANTAR_WINDOW (widget)->playback);
}

static void
frame_step_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  plantar_playback_bar_step (PLANTAR_WINDOW (widget)->playback, g_str_equal (action_name, "win.frame-back") ? -1 : 1);
}

static void
steps_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);

  if (self->steps_window == NULL)
    g_set_weak_pointer (&self->steps_window, GTK_WINDOW (plantar_steps_window_new (GTK_WINDOW (self), self->fitting)));
  gtk_window_present (self->steps_window);
}

static void
insole_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);
  PlantarFittingNotes *notes = plantar_records_controller_get_notes (self->records);
  PlantarInsoleWindow *window = plantar_insole_window_new (GTK_WINDOW (self), self->fitting, &notes->answers,
                                                           notes->customer);

  /* the designer's changes go into the record */
  g_signal_connect_object (window, "destroy", G_CALLBACK (plantar_records_controller_changed), self->records,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);
  PlantarReportDialog *dialog =
    plantar_report_dialog_new (GTK_WINDOW (self), self->fitting, self->settings,
                               plantar_records_controller_get_notes (self->records));

  {
    PlantarFittingRecord *record = plantar_records_controller_get_record (self->records);
    plantar_report_dialog_set_records (dialog, plantar_records_controller_get_records (self->records, NULL),
                                       record ? record->customer_id : 0);
  }
  /* the answers and notes go into the record, the customer named with it */
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (plantar_window_report_closed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
customers_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  plantar_window_show_customers (PLANTAR_WINDOW (widget));
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  plantar_window_back_up (PLANTAR_WINDOW (widget));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  plantar_window_import_customer (PLANTAR_WINDOW (widget));
}

static void
import_sealed_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  plantar_window_import_sealed_customer (PLANTAR_WINDOW (widget));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  plantar_window_restore (PLANTAR_WINDOW (widget));
}

/* Does the focused widget take this key as text, or as a value to move? */
static gboolean
focus_takes_key (PlantarWindow *self,
                 guint          keyval)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return FALSE;
  if (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus))
    return TRUE;
  return keyval != GDK_KEY_space && GTK_IS_RANGE (focus);
}

/* Space plays and pauses before any focused button or menu sees it;
 * Left and Right step a frame where the focus does not take them. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PlantarWindow         *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK)) != 0 ||
      !self->state.is_recording || focus_takes_key (self, keyval))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.play", NULL);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Right:
      if (gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE)
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), keyval == GDK_KEY_Left ? "win.frame-back" : "win.frame-forward",
                                  NULL);
      return TRUE;
    default:
      return FALSE;
    }
}

void
plantar_window_class_add_actions (GtkWidgetClass *widget_class)
{
  static const struct {
    const char                  *name;
    const char                  *parameter;
    GtkWidgetActionActivateFunc  activate;
  } actions[] = {
    { "win.open", NULL, open_action },
    { "win.add-scan", NULL, add_scan_action },
    { "win.open-demo", "s", open_demo_action },
    { "win.calibrate", NULL, calibrate_action },
    { "win.cancel-calibration", NULL, cancel_calibration_action },
    { "win.dismiss-error", NULL, dismiss_error_action },
    { "win.show-sheet", "b", show_sheet_action },
    { "win.guide", NULL, guide_action },
    { "win.scan", NULL, scan_action },
    { "win.camera", NULL, camera_action },
    { "win.undo", NULL, undo_action },
    { "win.undo-scale", NULL, undo_scale_action },
    { "win.change-scale", NULL, change_scale_action },
    { "win.redo", NULL, redo_action },
    { "win.reset", "s", reset_action },
    { "win.zoom-fit", NULL, zoom_fit_action },
    { "win.report", NULL, report_action },
    { "win.steps", NULL, steps_action },
    { "win.insole", NULL, insole_action },
    { "win.customers", NULL, customers_action },
    { "win.backup", NULL, backup_action },
    { "win.import-sealed-customer", NULL, import_sealed_action },
    { "win.import-customer", NULL, import_action },
    { "win.restore", NULL, restore_action },
    { "win.play", NULL, play_action },
    { "win.frame-back", NULL, frame_step_action },
    { "win.frame-forward", NULL, frame_step_action },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter, actions[i].activate);

  /* the shortcuts the menus show are the application's (plantar-application.c) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-scan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-calibration", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.frame-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.frame-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, 0, "win.frame-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, 0, "win.frame-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
}

/* The settings' actions (the view menu) and the playback keys. */
void
plantar_window_init_actions (PlantarWindow *self)
{
  static const char *keys[] = {
    "show-outline", "show-axis", "show-thirds", "show-heel", "show-toe-line", "show-regions", "show-cop",
    "show-peak", "isobars", "smooth", "colormap",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, keys[i]);
      g_action_map_add_action (G_ACTION_MAP (self), action);
    }

  {
    /* not kept: each session starts with a scan for a new fitting */
    g_autoptr(GSimpleAction) joins = g_simple_action_new_stateful ("next-joins", NULL, g_variant_new_boolean (FALSE));
    g_signal_connect (joins, "change-state", G_CALLBACK (next_joins_cb), self);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (joins));
  }

  for (guint i = 0; i < 2; i++)
    {
      GtkEventController *keys_controller = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (keys_controller, i == 0 ? GTK_PHASE_CAPTURE : GTK_PHASE_BUBBLE);
      g_signal_connect (keys_controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (self), keys_controller);
    }
}

/* What can be used now, as PlantarWindowState says. */
void
plantar_window_actions_update (PlantarWindow *self)
{
  const PlantarWindowState *s = &self->state;
  GtkWidget *w = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (w, "win.calibrate", s->can_calibrate);
  gtk_widget_action_set_enabled (w, "win.cancel-calibration", s->can_cancel_calibration);
  gtk_widget_action_set_enabled (w, "win.undo", s->can_undo || plantar_window_can_undo_scale (self));
  gtk_widget_action_set_enabled (w, "win.undo-scale", plantar_window_can_undo_scale (self));
  gtk_widget_action_set_enabled (w, "win.change-scale", s->can_change_scale);
  gtk_widget_action_set_enabled (w, "win.redo", s->can_redo);
  gtk_widget_action_set_enabled (w, "win.reset", s->can_reset);
  gtk_widget_action_set_enabled (w, "win.report", s->can_report);
  gtk_widget_action_set_enabled (w, "win.insole", s->can_report);
  gtk_widget_action_set_enabled (w, "win.add-scan", s->can_add_scan);
  gtk_widget_action_set_enabled (w, "win.zoom-fit", s->can_zoom);
  gtk_widget_action_set_enabled (w, "win.play", s->can_play);
  gtk_widget_action_set_enabled (w, "win.steps", s->is_recording && s->has_feet);
  gtk_widget_action_set_enabled (w, "win.frame-back", s->can_play);
  gtk_widget_action_set_enabled (w, "win.frame-forward", s->can_play);
  gtk_widget_action_set_enabled (w, "win.show-sheet", s->can_show_sheet);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_button), s->can_show_sheet);
  self->updating = TRUE;
  gtk_toggle_button_set_active (self->sheet_button, plantar_window_is_showing_sheet (self));
  self->updating = FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-application.h"
#include "plantar-fitting.h"
#include "plantar-foot-panel.h"
#include "plantar-import.h"
#include "plantar-map-view.h"
#include "plantar-records-dialog.h"
#include "plantar-report-dialog.h"
#include "plantar-window.h"
#include "plantar-window-state.h"

/*
 * The fitting station: the left foot and the right foot side by side, each
 * drawn with its overlays and its measurements beside it; a walk plays on
 * a timeline; landmarks and the contact threshold are corrected by hand,
 * and undone. When no foot can be found (an image without a scale, a grid
 * that says too little) the scans are shown whole, to calibrate them.
 */

#define MAX_RECENT 8

struct _PlantarWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwWindowTitle       *window_title;
  GtkSpinner           *spinner;
  GtkWidget            *view_button;
  GtkWidget            *undo_button;
  GtkWidget            *report_button;
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
  GtkStack             *mode_stack;
  GtkScrolledWindow    *left_panel_scroller;
  GtkScrolledWindow    *right_panel_scroller;
  GtkDropDown          *left_choice;
  GtkDropDown          *right_choice;
  PlantarMapView       *left_view;
  PlantarMapView       *right_view;
  GtkWidget            *left_threshold_box;
  GtkWidget            *right_threshold_box;
  GtkScale             *left_threshold;
  GtkScale             *right_threshold;
  GtkBox               *views_box;
  GtkRevealer          *asymmetry_revealer;
  GtkLabel             *asymmetry_label;
  GtkRevealer          *timeline_revealer;
  GtkButton            *play_button;
  GtkToggleButton      *peak_button;
  GtkScale             *timeline;
  GtkDropDown          *speed_dropdown;
  GtkLabel             *time_label;

  PlantarFootPanel     *panels[2];

  GSettings            *settings;
  PlantarThresholds    *thresholds;
  PlantarFitting       *fitting;
  GPtrArray            *scans;          /* PlantarScan, what is shown */
  GStrv                 file_names;     /* their files, for the title */
  GPtrArray            *views;          /* PlantarMapView of whole scans */
  PlantarWindowState    state;
  GCancellable         *cancellable;    /* the open in progress */
  GtkNativeDialog      *chooser;
  PlantarMapView       *picking;        /* the view taking two clicks */
  gboolean              adding;         /* the open adds to the fitting */
  PlantarFittingNotes   notes;          /* the answers and notes of this fitting */
  PlantarFittingRecord *record;         /* the fitting in the records, saved as it changes */
  GPtrArray            *scan_paths;     /* the file of each scan, for the record */
  guint                 save_id;
  gboolean              updating;       /* the controls follow the fitting */

  /* playback */
  double                time_ms;
  double                duration_ms;
  double                step_ms;        /* a frame of the first recording */
  guint                 tick_id;
  gint64                last_tick_us;

  guint                 threshold_timeout[2];
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
  gboolean       adding;
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

static const double speeds[] = { 0.1, 0.25, 0.5, 1.0 };

static void points_picked_cb (PlantarMapView *view,
                              double          x1,
                              double          y1,
                              double          x2,
                              double          y2,
                              PlantarWindow  *self);
static void show_fitting     (PlantarWindow  *self);

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

/* ------------------------------------------------------------ helpers */

static PlantarSide
side_of_index (guint i)
{
  return i == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
}

static PlantarMapView *
view_of (PlantarWindow *self,
         PlantarSide    side)
{
  return side == PLANTAR_SIDE_LEFT ? self->left_view : self->right_view;
}

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

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static gboolean
has_feet (PlantarWindow *self)
{
  return plantar_fitting_get_foot (self->fitting, PLANTAR_SIDE_LEFT) != NULL ||
         plantar_fitting_get_foot (self->fitting, PLANTAR_SIDE_RIGHT) != NULL;
}

/* The map style from the settings. */
static void
style_from_settings (PlantarWindow   *self,
                     PlantarMapStyle *style)
{
  static const struct {
    const char     *key;
    PlantarOverlays flag;
  } keys[] = {
    { "show-outline", PLANTAR_OVERLAY_OUTLINE },
    { "show-axis", PLANTAR_OVERLAY_AXIS },
    { "show-thirds", PLANTAR_OVERLAY_THIRDS },
    { "show-heel", PLANTAR_OVERLAY_HEEL },
    { "show-toe-line", PLANTAR_OVERLAY_TOE_LINE },
    { "show-regions", PLANTAR_OVERLAY_REGIONS },
    { "show-cop", PLANTAR_OVERLAY_COP },
    { "show-peak", PLANTAR_OVERLAY_PEAK },
  };
  g_autofree char *colormap = g_settings_get_string (self->settings, "colormap");

  plantar_map_style_init (style);
  style->colormap = plantar_colormap_from_string (colormap);
  style->max_kpa = g_settings_get_double (self->settings, "scale-max");
  style->smooth = g_settings_get_boolean (self->settings, "smooth");
  style->isobars = g_settings_get_boolean (self->settings, "isobars");
  style->overlays = 0;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_settings_get_boolean (self->settings, keys[i].key))
      style->overlays |= keys[i].flag;
}

static void
measurement_options (PlantarWindow             *self,
                     PlantarSide                side,
                     PlantarMeasurementOptions *options)
{
  g_autofree char *unit = g_settings_get_string (self->settings, "length-unit");

  plantar_measurement_options_init (options);
  options->unit = g_str_equal (unit, "inch") ? PLANTAR_LENGTH_INCH : PLANTAR_LENGTH_MM;
  options->shoe_allowance_mm = g_settings_get_double (self->settings, "shoe-allowance");
  plantar_fitting_get_spread (self->fitting, side, &options->n_steps, &options->sd_arch_index,
                              &options->sd_foot_length_mm);
}

/* The frame of @scan at the timeline's time, or -1 for the peak. */
static int
frame_for (PlantarWindow *self,
           PlantarScan   *scan)
{
  double ms;

  if (scan == NULL || plantar_scan_get_n_frames (scan) <= 1 || gtk_toggle_button_get_active (self->peak_button))
    return -1;
  ms = plantar_scan_get_frame_ms (scan);
  if (ms <= 0)
    return -1;
  return CLAMP ((int) floor (self->time_ms / ms + 1e-6), 0, (int) plantar_scan_get_n_frames (scan) - 1);
}

/* ------------------------------------------------------------ the state of the window */

static void
plantar_window_actions_update (PlantarWindow *self)
{
  gboolean picking = self->picking != NULL;
  gboolean feet = self->scans != NULL && has_feet (self);
  gboolean recording = self->duration_ms > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.calibrate",
                                 self->state.scale_need != PLANTAR_SCALE_KNOWN && !picking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-calibration", picking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", plantar_fitting_can_undo (self->fitting));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", plantar_fitting_can_redo (self->fitting));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset", feet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.report", feet);
  gtk_widget_set_visible (self->report_button, feet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-scan", self->scans != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-fit", self->scans != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play", recording);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.frame-back", recording);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.frame-forward", recording);
  gtk_widget_set_visible (self->undo_button, feet);
}

/* Title, banners and which page, from the scans and the fitting. */
static void
update_state (PlantarWindow *self)
{
  g_autofree char *result = NULL;

  plantar_window_state_clear (&self->state);
  plantar_window_state_compute (&self->state, self->scans, self->file_names);

  result = self->scans != NULL ? plantar_fitting_result (self->fitting, self->thresholds) : NULL;
  adw_window_title_set_title (self->window_title, result ? result : self->state.title);
  adw_window_title_set_subtitle (self->window_title,
                                 result ? self->state.title : self->state.subtitle ? self->state.subtitle : "");
  gtk_stack_set_visible_child_name (self->stack, self->state.show_welcome ? "welcome" : "scans");
  gtk_widget_set_visible (self->view_button, !self->state.show_welcome);

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

/* ------------------------------------------------------------ the feet */

static char *
threshold_format_cb (GtkScale *scale,
                     double    value,
                     gpointer  user_data)
{
  gboolean pressure = GPOINTER_TO_INT (user_data);

  return pressure ? g_strdup_printf (_("%.0f kPa"), value) : g_strdup_printf ("%.2f", value);
}

/* The slider of a side follows the fitting: its range by the kind of scan. */
static void
update_threshold (PlantarWindow *self,
                  PlantarSide    side)
{
  GtkScale *scale = side == PLANTAR_SIDE_LEFT ? self->left_threshold : self->right_threshold;
  GtkWidget *box = side == PLANTAR_SIDE_LEFT ? self->left_threshold_box : self->right_threshold_box;
  PlantarFoot *foot = plantar_fitting_get_shown (self->fitting, side);
  double value = plantar_fitting_get_threshold (self->fitting, side);

  gtk_widget_set_visible (box, foot != NULL);
  if (foot == NULL)
    return;
  if (foot->has_pressure)
    {
      gtk_range_set_range (GTK_RANGE (scale), 0, 80);
      gtk_range_set_increments (GTK_RANGE (scale), 1, 5);
      gtk_scale_set_digits (scale, 0);
    }
  else
    {
      gtk_range_set_range (GTK_RANGE (scale), 0.2, 0.9);
      gtk_range_set_increments (GTK_RANGE (scale), 0.01, 0.05);
      gtk_scale_set_digits (scale, 2);
    }
  gtk_scale_set_format_value_func (scale, threshold_format_cb, GINT_TO_POINTER (foot->has_pressure), NULL);
  gtk_range_set_value (GTK_RANGE (scale), value);
}

static void
update_choices (PlantarWindow *self,
                PlantarSide    side)
{
  GtkDropDown *dropdown = side == PLANTAR_SIDE_LEFT ? self->left_choice : self->right_choice;
  guint n = plantar_fitting_get_n_choices (self->fitting, side);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = plantar_fitting_get_choice_label (self->fitting, side, i);
      gtk_string_list_append (list, label);
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  if (n > 0)
    gtk_drop_down_set_selected (dropdown, plantar_fitting_get_choice (self->fitting, side));
  gtk_widget_set_visible (GTK_WIDGET (dropdown), n > 1);
}

/* Everything of the feet from the fitting: maps, panels, sliders. */
static void
update_feet (PlantarWindow *self,
             gboolean       choices_too)
{
  PlantarMapStyle style;
  PlantarAsymmetry asym;
  g_autofree char *asym_text = NULL;

  self->updating = TRUE;
  style_from_settings (self, &style);
  for (guint i = 0; i < 2; i++)
    {
      PlantarSide side = side_of_index (i);
      PlantarFoot *shown = plantar_fitting_get_shown (self->fitting, side);
      PlantarScan *scan = plantar_fitting_get_shown_scan (self->fitting, side);
      PlantarMeasurementOptions options;

      if (choices_too)
        update_choices (self, side);
      else
        {
          GtkDropDown *dropdown = side == PLANTAR_SIDE_LEFT ? self->left_choice : self->right_choice;
          if (plantar_fitting_get_n_choices (self->fitting, side) > 0 &&
              gtk_drop_down_get_selected (dropdown) != plantar_fitting_get_choice (self->fitting, side))
            gtk_drop_down_set_selected (dropdown, plantar_fitting_get_choice (self->fitting, side));
        }
      style.frame = frame_for (self, scan);
      plantar_map_view_set_style (view_of (self, side), &style);
      plantar_map_view_set_subject (view_of (self, side), scan, shown);
      /* a mean is drawn from a step, but the landmarks are the step's own */
      plantar_map_view_set_editable (view_of (self, side), shown != NULL && !plantar_fitting_is_mean (self->fitting, side));
      gtk_widget_set_visible (GTK_WIDGET (view_of (self, side)), shown != NULL);
      measurement_options (self, side, &options);
      plantar_foot_panel_update (self->panels[i], plantar_fitting_get_foot (self->fitting, side), self->thresholds,
                                 &options);
      update_threshold (self, side);
    }

  plantar_fitting_get_asymmetry (self->fitting, self->thresholds, &asym);
  asym_text = plantar_asymmetry_text (&asym);
  if (asym_text != NULL)
    gtk_label_set_text (self->asymmetry_label, asym_text);
  gtk_revealer_set_reveal_child (self->asymmetry_revealer, asym_text != NULL);
  self->updating = FALSE;
}

static void record_changed (PlantarWindow *self);

static void
fitting_changed_cb (PlantarFitting *fitting,
                    PlantarWindow  *self)
{
  update_feet (self, FALSE);
  update_state (self);
  record_changed (self);
}

static void
choice_selected_cb (GtkDropDown   *dropdown,
                    GParamSpec    *pspec,
                    PlantarWindow *self)
{
  PlantarSide side = dropdown == self->left_choice ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  plantar_fitting_set_choice (self->fitting, side, selected);
}

static void
handle_moved_cb (PlantarMapView *view,
                 guint           handle,
                 double          x_mm,
                 double          y_mm,
                 gboolean        continued,
                 PlantarWindow  *self)
{
  PlantarSide side = view == self->left_view ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
  PlantarFoot *foot = plantar_fitting_get_shown (self->fitting, side);
  PlantarCorrections cor;
  PlantarPoint p = { x_mm, y_mm };

  if (foot == NULL)
    return;
  cor = foot->corrections;
  switch ((PlantarHandle) handle)
    {
    case PLANTAR_HANDLE_HEEL_CENTRE:
      cor.has_heel_centre = TRUE;
      cor.heel_centre = p;
      break;
    case PLANTAR_HANDLE_TOE_TIP:
      cor.has_toe_tip = TRUE;
      cor.toe_tip = p;
      break;
    case PLANTAR_HANDLE_TOE_LINE_START:
    case PLANTAR_HANDLE_TOE_LINE_END:
      if (!cor.has_toe_line)
        {
          cor.toe_line[0] = foot->toe_line[0];
          cor.toe_line[1] = foot->toe_line[1];
        }
      cor.has_toe_line = TRUE;
      cor.toe_line[handle == PLANTAR_HANDLE_TOE_LINE_START ? 0 : 1] = p;
      break;
    case PLANTAR_HANDLE_NONE:
    default:
      return;
    }
  plantar_fitting_correct (self->fitting, side, &cor, continued);
}

static gboolean
threshold_commit_cb (gpointer user_data)
{
  PlantarWindow *self = user_data;

  for (guint i = 0; i < 2; i++)
    if (self->threshold_timeout[i] != 0)
      {
        GtkScale *scale = i == 0 ? self->left_threshold : self->right_threshold;
        self->threshold_timeout[i] = 0;
        plantar_fitting_set_threshold (self->fitting, side_of_index (i), gtk_range_get_value (GTK_RANGE (scale)));
      }
  return G_SOURCE_REMOVE;
}

static void
threshold_changed_cb (GtkRange      *range,
                      PlantarWindow *self)
{
  guint i = range == GTK_RANGE (self->left_threshold) ? 0 : 1;

  if (self->updating)
    return;
  /* measured again when the slider rests a moment: one undo step a move */
  g_clear_handle_id (&self->threshold_timeout[i], g_source_remove);
  self->threshold_timeout[i] = g_timeout_add (120, threshold_commit_cb, self);
}

/* ------------------------------------------------------------ whole scans */

static void
rebuild_views (PlantarWindow *self)
{
  PlantarMapStyle style;

  clear_box (self->views_box);
  g_ptr_array_set_size (self->views, 0);
  self->picking = NULL;
  style_from_settings (self, &style);

  for (guint i = 0; self->scans && i < self->scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (self->scans, i);
      g_autofree char *title = plantar_scan_title (scan, i, self->scans->len);
      g_autofree char *caption = NULL;
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label;
      GtkWidget *view = plantar_map_view_new ();

      if (plantar_scan_is_pressure (scan) && plantar_scan_get_n_frames (scan) > 1)
        caption = g_strdup_printf (_("%s · peak pressure of %u frames"), title, plantar_scan_get_n_frames (scan));
      label = gtk_label_new (caption ? caption : title);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (column), label);

      plantar_map_view_set_style (PLANTAR_MAP_VIEW (view), &style);
      plantar_map_view_set_subject (PLANTAR_MAP_VIEW (view), scan, NULL);
      g_signal_connect (view, "points-picked", G_CALLBACK (points_picked_cb), self);
      gtk_box_append (GTK_BOX (column), view);
      gtk_box_append (self->views_box, column);
      g_ptr_array_add (self->views, view);
    }
}

/* Why no foot was found, said once for all scans. */
static void
show_analysis_errors (PlantarWindow *self)
{
  for (guint i = 0; i < plantar_fitting_get_n_scans (self->fitting); i++)
    {
      const GError *error = plantar_fitting_get_error (self->fitting, i);
      const char *name = plantar_fitting_get_name (self->fitting, i);
      g_autofree char *title = NULL;

      /* a missing scale is the banner's to ask for */
      if (error == NULL || g_error_matches (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_SCALE))
        continue;
      title = g_strdup_printf (_("Could not measure “%s”"), name ? name : _("the scan"));
      show_error (self, title, error->message);
      return;
    }
}

/* ------------------------------------------------------------ playback */

static void
update_time_label (PlantarWindow *self)
{
  g_autofree char *text = NULL;

  if (gtk_toggle_button_get_active (self->peak_button))
    text = g_strdup_printf (_("Peak of %.2f s"), self->duration_ms / 1000);
  else
    text = g_strdup_printf (_("%.2f s of %.2f s"), self->time_ms / 1000, self->duration_ms / 1000);
  gtk_label_set_text (self->time_label, text);
}

static void
set_time (PlantarWindow *self,
          double         time_ms)
{
  self->time_ms = CLAMP (time_ms, 0, self->duration_ms);
  self->updating = TRUE;
  gtk_range_set_value (GTK_RANGE (self->timeline), self->time_ms);
  self->updating = FALSE;
  for (guint i = 0; i < 2; i++)
    {
      PlantarSide side = side_of_index (i);
      plantar_map_view_set_frame (view_of (self, side),
                                  frame_for (self, plantar_fitting_get_shown_scan (self->fitting, side)));
    }
  for (guint i = 0; i < self->views->len; i++)
    {
      PlantarMapView *view = g_ptr_array_index (self->views, i);
      plantar_map_view_set_frame (view, frame_for (self, plantar_map_view_get_scan (view)));
    }
  update_time_label (self);
}

static void
stop_playing (PlantarWindow *self)
{
  if (self->tick_id == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Play"), -1);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double speed = speeds[MIN (gtk_drop_down_get_selected (self->speed_dropdown), G_N_ELEMENTS (speeds) - 1)];
  double t;

  if (self->last_tick_us == 0)
    self->last_tick_us = now;
  t = self->time_ms + (now - self->last_tick_us) / 1000.0 * speed;
  self->last_tick_us = now;
  /* round and round: a fitting station shows the walk while it talks */
  if (t > self->duration_ms)
    t = 0;
  set_time (self, t);
  return G_SOURCE_CONTINUE;
}

static void
start_playing (PlantarWindow *self)
{
  if (self->tick_id != 0 || self->duration_ms <= 0)
    return;
  if (gtk_toggle_button_get_active (self->peak_button))
    gtk_toggle_button_set_active (self->peak_button, FALSE);
  self->last_tick_us = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  gtk_button_set_icon_name (self->play_button, "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Pause (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pause"), -1);
}

static void
timeline_changed_cb (GtkRange      *range,
                     PlantarWindow *self)
{
  if (self->updating)
    return;
  /* scrubbing shows the frames */
  if (gtk_toggle_button_get_active (self->peak_button))
    gtk_toggle_button_set_active (self->peak_button, FALSE);
  set_time (self, gtk_range_get_value (range));
}

static void
peak_toggled_cb (GtkToggleButton *button,
                 PlantarWindow   *self)
{
  if (gtk_toggle_button_get_active (button))
    stop_playing (self);
  set_time (self, self->time_ms);
}

static void
speed_selected_cb (GtkDropDown   *dropdown,
                   GParamSpec    *pspec,
                   PlantarWindow *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i < G_N_ELEMENTS (speeds))
    g_settings_set_double (self->settings, "playback-speed", speeds[i]);
}

/* The timeline for the recordings among the scans. */
static void
setup_timeline (PlantarWindow *self)
{
  stop_playing (self);
  self->duration_ms = 0;
  self->step_ms = 0;
  for (guint i = 0; self->scans != NULL && i < self->scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (self->scans, i);
      double ms = plantar_scan_get_frame_ms (scan);
      guint n = plantar_scan_get_n_frames (scan);
      if (n <= 1 || ms <= 0 || !plantar_scan_is_pressure (scan))
        continue;
      self->duration_ms = MAX (self->duration_ms, (n - 1) * ms);
      if (self->step_ms == 0)
        self->step_ms = ms;
    }
  gtk_revealer_set_reveal_child (self->timeline_revealer, self->duration_ms > 0);
  if (self->duration_ms > 0)
    {
      self->updating = TRUE;
      gtk_range_set_range (GTK_RANGE (self->timeline), 0, self->duration_ms);
      gtk_range_set_increments (GTK_RANGE (self->timeline), self->step_ms, 10 * self->step_ms);
      self->updating = FALSE;
    }
  self->updating = TRUE;
  gtk_toggle_button_set_active (self->peak_button, TRUE);
  self->updating = FALSE;
  self->time_ms = 0;
  update_time_label (self);
}

/* ------------------------------------------------------------ showing a fitting */

static void
show_fitting (PlantarWindow *self)
{
  gboolean feet = has_feet (self);

  rebuild_views (self);
  setup_timeline (self);
  update_feet (self, TRUE);
  gtk_stack_set_visible_child_name (self->mode_stack, feet ? "feet" : "scans");
  if (!feet)
    show_analysis_errors (self);
  update_state (self);
  set_time (self, 0);
}

/* ------------------------------------------------------------ the records */

static PlantarRecords *
records_of (PlantarWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return PLANTAR_IS_APPLICATION (app) ? plantar_application_get_records (PLANTAR_APPLICATION (app), NULL) : NULL;
}

static gboolean
record_save (PlantarWindow *self)
{
  PlantarRecords *records = records_of (self);
  g_autoptr(PlantarRules) rules = NULL;
  g_autoptr(PlantarAdvice) advice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fitter = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (records == NULL || self->record == NULL)
    return G_SOURCE_REMOVE;

  rules = plantar_rules_get_default (NULL);
  advice = plantar_rules_suggest (rules, plantar_fitting_get_foot (self->fitting, PLANTAR_SIDE_LEFT),
                                  plantar_fitting_get_foot (self->fitting, PLANTAR_SIDE_RIGHT), &self->notes.answers,
                                  self->thresholds);
  plantar_fitting_record_capture (self->record, self->fitting, advice, self->thresholds);
  plantar_answers_clear (&self->record->answers);
  plantar_answers_copy (&self->notes.answers, &self->record->answers);
  g_free (self->record->notes);
  self->record->notes = g_strdup (self->notes.notes);
  fitter = g_settings_get_string (self->settings, "fitter");
  if (self->record->fitter == NULL && *fitter != '\0')
    self->record->fitter = g_steal_pointer (&fitter);

  if (!plantar_records_save_fitting (records, self->record, &error) ||
      !plantar_records_set_open_fitting (records, self->record->id, &error))
    show_error (self, _("The fitting could not be saved"), error->message);
  return G_SOURCE_REMOVE;
}

/* Saved within a second of a change. */
static void
record_changed (PlantarWindow *self)
{
  if (self->record == NULL || records_of (self) == NULL)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (600, (GSourceFunc) record_save, self);
}

/* A new fitting in the records, with its scans' files as they are now. */
static void
record_start (PlantarWindow *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (records_of (self) == NULL || self->scans == NULL || self->scan_paths == NULL || !has_feet (self))
    return;
  self->record = plantar_fitting_record_new ();
  for (guint i = 0; i < self->scan_paths->len && i < self->scans->len; i++)
    {
      const char *path = g_ptr_array_index (self->scan_paths, i);
      PlantarScan *scan = g_ptr_array_index (self->scans, i);
      PlantarStoredScan *stored;
      g_autoptr(GError) error = NULL;
      char *data;
      gsize size;

      if (path == NULL || g_hash_table_contains (seen, path))
        continue;
      g_hash_table_add (seen, (gpointer) path);
      if (!g_file_get_contents (path, &data, &size, &error))
        {
          show_error (self, _("The fitting is not kept in the records"), error->message);
          g_clear_pointer (&self->record, plantar_fitting_record_free);
          return;
        }
      stored = g_new0 (PlantarStoredScan, 1);
      stored->name = g_path_get_basename (path);
      stored->bytes = g_bytes_new_take (data, size);
      if (plantar_scan_has_scale (scan))
        {
          stored->cell_width_mm = plantar_scan_get_cell_width_mm (scan);
          stored->cell_height_mm = plantar_scan_get_cell_height_mm (scan);
        }
      stored->frame_ms = plantar_scan_get_frame_ms (scan);
      g_ptr_array_add (self->record->scans, stored);
    }
  record_changed (self);
}

/* What is pending is saved; the fitting is no longer the one open. */
static void
record_finish (PlantarWindow *self)
{
  if (self->save_id != 0)
    record_save (self);
  g_clear_pointer (&self->record, plantar_fitting_record_free);
}

static void
show_scans (PlantarWindow *self,
            GPtrArray     *scans,
            GStrv          file_names)
{
  PlantarAnalysisSettings settings;

  g_clear_pointer (&self->scans, g_ptr_array_unref);
  g_clear_pointer (&self->file_names, g_strfreev);
  self->scans = scans ? g_ptr_array_ref (scans) : NULL;
  self->file_names = g_strdupv (file_names);

  plantar_analysis_settings_init (&settings);
  settings.shoe_allowance_mm = g_settings_get_double (self->settings, "shoe-allowance");
  plantar_fitting_set_scans (self->fitting, scans, (const char * const *) file_names, &settings);
  show_fitting (self);
}

/* Measures again after a scan learned its scale. */
static void
scale_changed (PlantarWindow *self)
{
  g_autoptr(GPtrArray) scans = self->scans ? g_ptr_array_ref (self->scans) : NULL;
  g_auto(GStrv) names = g_strdupv (self->file_names);

  for (guint i = 0; i < self->views->len; i++)
    plantar_map_view_scan_changed (g_ptr_array_index (self->views, i));
  hide_error (self);
  show_scans (self, scans, names);
  /* the record keeps the calibration with the scans */
  record_finish (self);
  record_start (self);
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
    g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
    g_auto(GStrv) file_names = NULL;

    /* added to the fitting: the scans already open come first */
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
        g_autofree char *name = g_file_get_basename (g_ptr_array_index (batch->files, i));
        for (guint s = 0; s < scans->len; s++)
          {
            g_ptr_array_add (all, plantar_scan_ref (g_ptr_array_index (scans, s)));
            g_ptr_array_add (paths, g_file_get_path (g_ptr_array_index (batch->files, i)));
            if (s == 0 || scans->len > 1)
              g_strv_builder_add (names, name);
          }
      }
    file_names = g_strv_builder_end (names);

    /* a new fitting: the questions are asked again; a scan added makes
     * a new record too, since a record's scans are written once */
    if (!batch->adding)
      {
        plantar_fitting_notes_clear (&self->notes);
        plantar_fitting_notes_init (&self->notes);
      }
    record_finish (self);
    g_clear_pointer (&self->scan_paths, g_ptr_array_unref);
    self->scan_paths = g_ptr_array_ref (paths);
    hide_error (self);
    show_scans (self, all, file_names);
    record_start (self);
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

static void
open_files (PlantarWindow  *self,
            GFile         **files,
            int             n_files,
            gboolean        adding)
{
  OpenBatch *batch;

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

  set_busy (self, TRUE);
  for (int i = 0; i < n_files; i++)
    {
      ImportCall *call = g_new (ImportCall, 1);
      call->batch = batch;
      call->index = i;
      plantar_import_file_async (files[i], NULL, self->cancellable, imported_cb, call);
    }
}

/**
 * plantar_window_open_files:
 *
 * Opens one or more scans (left and right, say) in the background, as a
 * new fitting. If any of them cannot be read, the window says why and
 * keeps what it showed.
 */
void
plantar_window_open_files (PlantarWindow  *self,
                           GFile         **files,
                           int             n_files)
{
  g_return_if_fail (PLANTAR_IS_WINDOW (self));
  open_files (self, files, n_files, FALSE);
}

/* The scan of the other foot, added to the fitting. */
void
plantar_window_add_files (PlantarWindow  *self,
                          GFile         **files,
                          int             n_files)
{
  g_return_if_fail (PLANTAR_IS_WINDOW (self));
  open_files (self, files, n_files, self->scans != NULL);
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
      open_files (self, (GFile **) array->pdata, array->len, self->adding);
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
choose_files (PlantarWindow *self,
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

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (adding ? _("Add a Scan of the Other Foot") : _("Open Scans"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         adding ? _("_Add") : _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  self->adding = adding;

  all = make_filter (_("Scans and Exports"), image_types, export_patterns);
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

/* ------------------------------------------------------------ calibration */

static void
stop_picking (PlantarWindow *self)
{
  if (self->picking != NULL)
    plantar_map_view_set_picking (self->picking, FALSE);
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
  gboolean done = FALSE;

  if (g_str_equal (response, "apply"))
    {
      double mm = gtk_spin_button_get_value (GTK_SPIN_BUTTON (data->spin_a));
      done = plantar_scan_calibrate_two_points (data->scan, data->x1, data->y1, data->x2, data->y2, mm, &error);
      if (!done)
        show_error (self, _("Could not calibrate the image"), error->message);
    }
  stop_picking (self);
  if (done)
    scale_changed (self);
}

static void
points_picked_cb (PlantarMapView *view,
                  double          x1,
                  double          y1,
                  double          x2,
                  double          y2,
                  PlantarWindow  *self)
{
  CalibrationData *data = g_new0 (CalibrationData, 1);
  g_autofree char *body = g_strdup_printf (_("How long is the line between the two points? "
                                             "It is %.0f pixels on the image."),
                                           hypot (x2 - x1, y2 - y1));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  AdwMessageDialog *dialog;

  data->self = g_object_ref (self);
  data->scan = plantar_scan_ref (plantar_map_view_get_scan (view));
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
  gtk_stack_set_visible_child_name (self->mode_stack, "scans");
  self->picking = g_ptr_array_index (self->views, index);
  plantar_map_view_set_picking (self->picking, TRUE);
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
        scale_changed (self);
      else
        show_error (self, _("Could not calibrate the image"), error->message);
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

/* ------------------------------------------------------------ actions */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  choose_files (PLANTAR_WINDOW (widget), FALSE);
}

static void
add_scan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  choose_files (PLANTAR_WINDOW (widget), TRUE);
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

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  plantar_fitting_undo (PLANTAR_WINDOW (widget)->fitting);
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
  PlantarWindow *self = PLANTAR_WINDOW (widget);

  if (self->tick_id != 0)
    stop_playing (self);
  else
    start_playing (self);
}

static void
frame_step_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);
  double step = g_str_equal (action_name, "win.frame-back") ? -self->step_ms : self->step_ms;

  stop_playing (self);
  if (gtk_toggle_button_get_active (self->peak_button))
    {
      self->updating = TRUE;
      gtk_toggle_button_set_active (self->peak_button, FALSE);
      self->updating = FALSE;
      step = 0;
    }
  set_time (self, self->time_ms + step);
}

/* ------------------------------------------------------------ settings */

static void
settings_changed_cb (GSettings     *settings,
                     const char    *key,
                     PlantarWindow *self)
{
  PlantarMapStyle style;

  if (g_str_equal (key, "recent-files") || g_str_has_prefix (key, "window-") || g_str_has_prefix (key, "shop-") ||
      g_str_equal (key, "fitter") || g_str_equal (key, "playback-speed"))
    return;
  style_from_settings (self, &style);
  for (guint i = 0; i < self->views->len; i++)
    {
      PlantarMapView *view = g_ptr_array_index (self->views, i);
      style.frame = frame_for (self, plantar_map_view_get_scan (view));
      plantar_map_view_set_style (view, &style);
    }
  if (self->scans != NULL)
    update_feet (self, FALSE);
}

static void
add_settings_actions (PlantarWindow *self)
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

  /* closed as it should be: nothing to bring back next time */
  record_finish (self);
  if (records_of (self) != NULL)
    plantar_records_set_open_fitting (records_of (self), 0, NULL);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (plantar_window_parent_class)->close_request (window);
}

/* ------------------------------------------------------------ customers, backups */

static void
message (PlantarWindow *self,
         const char    *heading,
         const char    *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_aside_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PlantarWindow    *self)
{
  g_autoptr(GError) error = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (g_strcmp0 (response, "new") != 0 || !PLANTAR_IS_APPLICATION (app))
    return;
  if (!plantar_application_reset_records (PLANTAR_APPLICATION (app), &error))
    message (self, _("New Records Could Not Be Started"), error->message);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.customers", NULL);
}

/* The records cannot be opened: say why, and for a damaged file offer to
 * keep it aside and start new records. */
static gboolean
records_ready (PlantarWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const GError *error = NULL;
  AdwMessageDialog *dialog;

  if (!PLANTAR_IS_APPLICATION (app))
    return FALSE;
  if (plantar_application_get_records (PLANTAR_APPLICATION (app), &error) != NULL)
    return TRUE;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("The Records Cannot Be Opened"),
                                                       error ? error->message : NULL));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (error && g_error_matches (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT))
    {
      adw_message_dialog_add_response (dialog, "new", _("_Keep the File Aside and Start New Records"));
      adw_message_dialog_set_response_appearance (dialog, "new", ADW_RESPONSE_DESTRUCTIVE);
      g_signal_connect (dialog, "response", G_CALLBACK (set_aside_response_cb), self);
    }
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

static void
customers_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);

  if (!records_ready (self))
    return;
  /* the fitting at hand is in the records before it is filed */
  if (self->save_id != 0)
    record_save (self);
  gtk_window_present (GTK_WINDOW (plantar_records_dialog_new (self, records_of (self))));
}

/* A file chooser of the portal's for the records' actions. */
static void
choose (PlantarWindow        *self,
        const char           *title,
        GtkFileChooserAction  action,
        const char           *accept,
        const char           *name,
        GCallback             response)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));

  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", response, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
backup_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    PlantarWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !plantar_records_backup (records_of (self), path, &error))
        message (self, _("The Backup Failed"), error ? error->message : _("Choose a local file"));
      else
        {
          g_autofree char *body = g_strdup_printf (_("Every customer and fitting is in “%s”."), path);
          message (self, _("Records Backed Up"), body);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (!records_ready (self))
    return;
  if (self->save_id != 0)
    record_save (self);
  /* TRANSLATORS: the file name of a backup */
  name = g_strdup_printf (_("Plantar records %s.db"), date);
  choose (self, _("Back Up Records"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"), name, G_CALLBACK (backup_response_cb));
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    PlantarWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (folder);
      g_autoptr(GError) error = NULL;
      gint64 id = path ? plantar_records_import_customer (records_of (self), path, &error) : 0;

      if (id == 0)
        message (self, _("Nothing Was Imported"), error ? error->message : _("Choose a local folder"));
      else
        {
          PlantarRecordsDialog *dialog = plantar_records_dialog_new (self, records_of (self));
          plantar_records_dialog_show_customer (dialog, id);
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* A customer exported from another Plantar: the folder with customer.json. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);

  if (records_ready (self))
    choose (self, _("Import a Customer"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Import"), NULL,
            G_CALLBACK (import_response_cb));
}

static void
restore_confirm_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PlantarWindow    *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "plantar-path");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "restore") != 0)
    return;
  /* the fitting at hand belongs to the records being replaced */
  record_finish (self);
  if (!plantar_records_restore (records_of (self), path, &error))
    message (self, _("The Backup Was Not Restored"), error->message);
  else
    message (self, _("Records Restored"),
             _("The records are those of the backup. The records as they were are kept beside them."));
}

static void
restore_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PlantarWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      char *path = g_file_get_path (file);
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Records?"),
                                                           _("Every customer and fitting will be those of the "
                                                             "backup. The records as they are now are kept beside "
                                                             "them, not deleted.")));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "plantar-path", path, g_free);
      g_signal_connect (dialog, "response", G_CALLBACK (restore_confirm_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);

  if (records_ready (self))
    choose (self, _("Restore Records"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL,
            G_CALLBACK (restore_response_cb));
}

/* ------------------------------------------------------------ the report */

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlantarWindow *self = PLANTAR_WINDOW (widget);
  PlantarReportDialog *dialog = plantar_report_dialog_new (GTK_WINDOW (self), self->fitting, self->settings,
                                                           &self->notes);

  /* the answers and notes go into the record */
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (record_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
plantar_window_dispose (GObject *object)
{
  PlantarWindow *self = PLANTAR_WINDOW (object);

  stop_playing (self);
  /* a change not yet saved is saved now */
  if (self->save_id != 0)
    record_save (self);
  for (guint i = 0; i < 2; i++)
    g_clear_handle_id (&self->threshold_timeout[i], g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->fitting != NULL)
    g_signal_handlers_disconnect_by_data (self->fitting, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
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
  g_clear_object (&self->fitting);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->thresholds, plantar_thresholds_unref);
  plantar_window_state_clear (&self->state);
  plantar_fitting_notes_clear (&self->notes);
  g_clear_pointer (&self->record, plantar_fitting_record_free);
  g_clear_pointer (&self->scan_paths, g_ptr_array_unref);

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

  g_type_ensure (PLANTAR_TYPE_MAP_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, view_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, report_button);
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
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, left_panel_scroller);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, right_panel_scroller);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, left_choice);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, right_choice);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, left_view);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, right_view);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, left_threshold_box);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, right_threshold_box);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, left_threshold);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, right_threshold);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, views_box);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, asymmetry_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, asymmetry_label);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, timeline_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, peak_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, time_label);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.add-scan", NULL, add_scan_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", "s", open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.calibrate", NULL, calibrate_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-calibration", NULL, cancel_calibration_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.reset", "s", reset_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "win.report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "win.customers", NULL, customers_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.import-customer", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.frame-back", NULL, frame_step_action);
  gtk_widget_class_install_action (widget_class, "win.frame-forward", NULL, frame_step_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-scan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-calibration", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.frame-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.frame-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, 0, "win.frame-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, 0, "win.frame-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
}

/* Left and Right step a frame wherever the focus is, unless it is in
 * something that takes them itself (a text field, a slider). */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PlantarWindow         *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if ((keyval != GDK_KEY_Left && keyval != GDK_KEY_Right) || (state & GDK_MODIFIER_MASK) != 0 ||
      self->duration_ms <= 0)
    return FALSE;
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_RANGE (focus) || GTK_IS_TEXT (focus)))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), keyval == GDK_KEY_Left ? "win.frame-back" : "win.frame-forward",
                              NULL);
  return TRUE;
}

static void
plantar_window_init (PlantarWindow *self)
{
  GtkDropTarget *drop;
  GtkEventController *keys;
  g_autoptr(GtkStringList) speed_names = gtk_string_list_new (NULL);
  double speed;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->views = g_ptr_array_new ();
  self->settings = g_object_ref (plantar_application_get_settings (
                     PLANTAR_APPLICATION (g_application_get_default ())));
  self->thresholds = plantar_thresholds_get_default ();
  self->fitting = plantar_fitting_new ();
  plantar_fitting_notes_init (&self->notes);
  g_signal_connect (self->fitting, "changed", G_CALLBACK (fitting_changed_cb), self);

  for (guint i = 0; i < 2; i++)
    {
      self->panels[i] = PLANTAR_FOOT_PANEL (plantar_foot_panel_new (side_of_index (i)));
      gtk_widget_set_margin_top (GTK_WIDGET (self->panels[i]), 12);
      gtk_widget_set_margin_bottom (GTK_WIDGET (self->panels[i]), 18);
      gtk_widget_set_margin_start (GTK_WIDGET (self->panels[i]), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (self->panels[i]), 12);
    }
  gtk_scrolled_window_set_child (self->left_panel_scroller, GTK_WIDGET (self->panels[0]));
  gtk_scrolled_window_set_child (self->right_panel_scroller, GTK_WIDGET (self->panels[1]));

  g_signal_connect (self->left_choice, "notify::selected", G_CALLBACK (choice_selected_cb), self);
  g_signal_connect (self->right_choice, "notify::selected", G_CALLBACK (choice_selected_cb), self);
  g_signal_connect (self->left_view, "handle-moved", G_CALLBACK (handle_moved_cb), self);
  g_signal_connect (self->right_view, "handle-moved", G_CALLBACK (handle_moved_cb), self);
  g_signal_connect (self->left_view, "points-picked", G_CALLBACK (points_picked_cb), self);
  g_signal_connect (self->right_view, "points-picked", G_CALLBACK (points_picked_cb), self);
  g_signal_connect (self->left_threshold, "value-changed", G_CALLBACK (threshold_changed_cb), self);
  g_signal_connect (self->right_threshold, "value-changed", G_CALLBACK (threshold_changed_cb), self);
  g_signal_connect (self->timeline, "value-changed", G_CALLBACK (timeline_changed_cb), self);
  g_signal_connect (self->peak_button, "toggled", G_CALLBACK (peak_toggled_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->left_threshold), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Contact threshold of the left foot"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->right_threshold), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Contact threshold of the right foot"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timeline), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time in the recording"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->left_choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Step of the left foot"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->right_choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Step of the right foot"), -1);

  /* the playback speeds, as a share of real time */
  speed = g_settings_get_double (self->settings, "playback-speed");
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    {
      g_autofree char *name = speeds[i] == 1 ? g_strdup (_("Real time"))
                                             : g_strdup_printf (_("%g × slower"), 1 / speeds[i]);
      gtk_string_list_append (speed_names, name);
    }
  gtk_drop_down_set_model (self->speed_dropdown, G_LIST_MODEL (speed_names));
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (fabs (speeds[i] - speed) < 1e-6)
      gtk_drop_down_set_selected (self->speed_dropdown, i);
  g_signal_connect (self->speed_dropdown, "notify::selected", G_CALLBACK (speed_selected_cb), self);

  add_settings_actions (self);
  g_signal_connect (self->settings, "changed", G_CALLBACK (settings_changed_cb), self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_BUBBLE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

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

/**
 * plantar_window_open_record:
 *
 * Opens a fitting of the records as it was saved: its own copy of the
 * scans, its corrections, its answers and notes.
 */
gboolean
plantar_window_open_record (PlantarWindow *self,
                            gint64         id)
{
  PlantarRecords *records = records_of (self);
  g_autoptr(PlantarFittingRecord) record = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  if (records == NULL)
    return FALSE;
  record = plantar_records_load_fitting (records, id, &error);
  if (record != NULL)
    scans = plantar_fitting_record_load_scans (record, &names, &error);
  if (scans == NULL)
    {
      show_error (self, _("The fitting could not be opened"), error->message);
      return FALSE;
    }
  record_finish (self);
  plantar_fitting_notes_clear (&self->notes);
  plantar_fitting_notes_init (&self->notes);
  plantar_answers_copy (&record->answers, &self->notes.answers);
  self->notes.notes = g_strdup (record->notes);
  if (record->customer_id > 0)
    {
      g_autoptr(PlantarCustomer) customer = plantar_records_get_customer (records, record->customer_id, NULL);
      if (customer != NULL)
        self->notes.customer = g_strdup (customer->name);
    }
  g_clear_pointer (&self->scan_paths, g_ptr_array_unref);
  hide_error (self);
  show_scans (self, scans, names);
  plantar_fitting_record_apply_state (record, self->fitting);
  self->record = g_steal_pointer (&record);
  plantar_records_set_open_fitting (records, self->record->id, NULL);
  return TRUE;
}

/* The fitting being worked on, as the records hold it (NULL: none). */
PlantarFittingRecord *
plantar_window_get_record (PlantarWindow *self)
{
  return self->record;
}

/* Files the fitting under a customer, and saves it. */
void
plantar_window_file_record (PlantarWindow *self,
                            gint64         customer_id,
                            const char    *customer_name)
{
  if (self->record == NULL)
    return;
  self->record->customer_id = customer_id;
  g_free (self->notes.customer);
  self->notes.customer = g_strdup (customer_name);
  record_save (self);
}

PlantarFitting *
plantar_window_get_fitting (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return self->fitting;
}

GtkWidget *
plantar_window_get_map_view (PlantarWindow *self,
                             PlantarSide    side)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  if (side == PLANTAR_SIDE_LEFT || side == PLANTAR_SIDE_RIGHT)
    return GTK_WIDGET (view_of (self, side));
  return self->views->len > 0 ? g_ptr_array_index (self->views, 0) : NULL;
}

GtkWidget *
plantar_window_get_panel (PlantarWindow *self,
                          PlantarSide    side)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->panels[side == PLANTAR_SIDE_LEFT ? 0 : 1]);
}

gboolean
plantar_window_is_showing_feet (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "feet") == 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "scans") == 0;
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

const char *
plantar_window_get_title_text (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return adw_window_title_get_title (self->window_title);
}

double
plantar_window_get_time (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), 0);
  return gtk_toggle_button_get_active (self->peak_button) ? -1 : self->time_ms;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-application.h"
#include "plantar-window-private.h"

/*
 * The fitting station: the left foot and the right foot side by side, each
 * drawn with its overlays and its measurements beside it; a walk plays on
 * a timeline; landmarks and the contact threshold are corrected by hand,
 * and undone. When no foot can be found (an image without a scale, a grid
 * that says too little) the scans are shown whole, to calibrate them.
 *
 * This file holds the window's state and what it shows; its actions, its
 * files, calibration, the records and drag and drop have rooms of their
 * own (see plantar-window-private.h).
 */

G_DEFINE_FINAL_TYPE (PlantarWindow, plantar_window, ADW_TYPE_APPLICATION_WINDOW)

/* ------------------------------------------------------------ helpers */

static PlantarSide
side_of_index (guint i)
{
  return i == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
}

PlantarMapView *
plantar_window_view_of (PlantarWindow *self,
                        PlantarSide    side)
{
  return side == PLANTAR_SIDE_LEFT ? self->left_view : self->right_view;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

void
plantar_window_show_error (PlantarWindow *self,
                           const char    *title,
                           const char    *message)
{
  gtk_label_set_text (self->error_title, title);
  gtk_label_set_text (self->error_message, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.dismiss-error", TRUE);
}

void
plantar_window_hide_error (PlantarWindow *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.dismiss-error", FALSE);
}

/* Counted: an open and the analysis after it each hold the spinner. */
void
plantar_window_set_busy (PlantarWindow *self,
                         gboolean       busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy > 0);
  gtk_spinner_set_spinning (self->spinner, self->busy > 0);
}

void
plantar_window_message (PlantarWindow *self,
                        const char    *heading,
                        const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
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
  options->in_shoe = plantar_fitting_get_shown_scan (self->fitting, side) != NULL &&
                     plantar_scan_get_in_shoe (plantar_fitting_get_shown_scan (self->fitting, side));
  {
    PlantarFittingNotes *notes = plantar_records_controller_get_notes (self->records);
    double kg = notes != NULL ? notes->answers.body_mass_kg : 0;
    options->body_mass_kg = isfinite (kg) && kg > 0 ? kg : 0;
  }
}

/* The frame of @scan the timeline stands on, or -1 for the peak. */
static int
frame_for (PlantarWindow *self,
           PlantarScan   *scan)
{
  if (scan == NULL || !plantar_scan_is_pressure (scan))
    return -1;
  return plantar_playback_bar_frame_of (self->playback, plantar_scan_get_n_frames (scan),
                                        plantar_scan_get_frame_ms (scan));
}

/* ------------------------------------------------------------ the state of the window */

/* Title, banners, which page and what is enabled, from the scans and the
 * fitting (PlantarWindowState). */
void
plantar_window_update_state (PlantarWindow *self)
{
  PlantarWindowFacts facts = { self->fitting, self->thresholds, self->picking != NULL };

  plantar_window_state_clear (&self->state);
  plantar_window_state_compute (&self->state, self->scans, self->file_names, &facts);

  adw_window_title_set_title (self->window_title, self->state.title);
  {
    /* whose fitting it is, once it is filed */
    PlantarFittingNotes *notes = plantar_records_controller_get_notes (self->records);
    PlantarFittingRecord *record = plantar_records_controller_get_record (self->records);
    g_autofree char *subtitle = record != NULL && record->customer_id > 0 && notes->customer && *notes->customer
                                  ? g_strdup_printf ("%s · %s", notes->customer, self->state.subtitle ? self->state.subtitle : "")
                                  : g_strdup (self->state.subtitle ? self->state.subtitle : "");
    adw_window_title_set_subtitle (self->window_title, subtitle);
  }
  gtk_stack_set_visible_child_name (self->stack, self->state.show_welcome ? "welcome" : "scans");
  gtk_widget_set_visible (self->view_button, !self->state.show_welcome);
  gtk_widget_set_visible (self->report_button, self->state.can_report);
  gtk_widget_set_visible (self->undo_button, self->state.has_feet);

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

/* @user_data: the unit of a pressure scan's values, or NULL for a print */
static char *
threshold_format_cb (GtkScale *scale,
                     double    value,
                     gpointer  user_data)
{
  const char *unit = user_data;

  if (unit != NULL)
    /* TRANSLATORS: a contact threshold and its unit (kPa, raw):
     * contact from this pressure on, after the word “Contact” */
    return g_strdup_printf (_("%.0f %s"), value, unit);
  /* TRANSLATORS: a print's contact threshold, a share of the ink's
   * contrast, after the word “Contact”: “Contact 50 % ink” */
  return g_strdup_printf (_("%.0f %% ink"), value * 100);
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
  gtk_widget_set_tooltip_text (GTK_WIDGET (scale),
                               foot->has_pressure
                                 ? _("Contact threshold: a sensor counts as touching the plate from this "
                                     "pressure on. Raise it to leave out light touches and noise.")
                                 /* xgettext:no-c-format */
                                 : _("Contact threshold: a pixel counts as ink from this share of the ink's "
                                     "contrast on (0 % is the paper, 100 % the darkest ink). Raise it to "
                                     "leave out smudges and light texture."));
  gtk_scale_set_format_value_func (scale, threshold_format_cb,
                                   foot->has_pressure ? (gpointer) plantar_scan_get_value_unit (
                                                          plantar_fitting_get_shown_scan (self->fitting, side))
                                                      : NULL, NULL);
  gtk_range_set_value (GTK_RANGE (scale), value);
}

static GtkDropDown *
choice_of (PlantarWindow *self,
           PlantarSide    side)
{
  return side == PLANTAR_SIDE_LEFT ? self->left_choice : self->right_choice;
}

/* The step chooser's list: each step, and beneath a partial one why it is
 * partial, where it is chosen. */
static void
choice_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 36);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), note);
  gtk_list_item_set_child (item, box);
}

static void
choice_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkStringObject *object = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *note = gtk_widget_get_next_sibling (title);
  const char *text = g_object_get_data (G_OBJECT (object), "note");

  gtk_label_set_text (GTK_LABEL (title), gtk_string_object_get_string (object));
  gtk_label_set_text (GTK_LABEL (note), text ? text : "");
  gtk_widget_set_visible (note, text != NULL);
}

static void
init_choices (PlantarWindow *self)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (choice_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (choice_bind_cb), NULL);
      gtk_drop_down_set_list_factory (choice_of (self, side_of_index (i)), factory);
    }
}

static void
update_choices (PlantarWindow *self,
                PlantarSide    side)
{
  GtkDropDown *dropdown = choice_of (self, side);
  guint n = plantar_fitting_get_n_choices (self->fitting, side);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = plantar_fitting_get_choice_label (self->fitting, side, i);
      g_autoptr(GObject) item = NULL;
      gtk_string_list_append (list, label);
      item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_object_set_data_full (item, "note", plantar_fitting_get_choice_note (self->fitting, side, i), g_free);
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  if (n > 0)
    gtk_drop_down_set_selected (dropdown, plantar_fitting_get_choice (self->fitting, side));
  gtk_widget_set_visible (GTK_WIDGET (dropdown), n > 1);
}

/* The chosen step's note as the chooser's tooltip. */
static void
update_choice_tooltip (PlantarWindow *self,
                       PlantarSide    side)
{
  GtkDropDown *dropdown = choice_of (self, side);
  GObject *item = gtk_drop_down_get_selected_item (dropdown);
  const char *note = item ? g_object_get_data (item, "note") : NULL;

  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), note ? note : _("Which step of this foot is measured"));
}

/* One side's map, panel, choice and slider from the fitting. */
static void
update_side (PlantarWindow     *self,
             PlantarSide        side,
             PlantarMapStyle   *style,
             const PlantarGait *gait,
             gboolean           choices_too)
{
  PlantarFoot *shown = plantar_fitting_get_shown (self->fitting, side);
  PlantarScan *scan = plantar_fitting_get_shown_scan (self->fitting, side);
  PlantarMapView *view = plantar_window_view_of (self, side);
  GtkDropDown *dropdown = choice_of (self, side);
  PlantarMeasurementOptions options;

  if (choices_too)
    update_choices (self, side);
  else if (plantar_fitting_get_n_choices (self->fitting, side) > 0 &&
           gtk_drop_down_get_selected (dropdown) != plantar_fitting_get_choice (self->fitting, side))
    gtk_drop_down_set_selected (dropdown, plantar_fitting_get_choice (self->fitting, side));
  update_choice_tooltip (self, side);
  style->frame = frame_for (self, scan);
  plantar_map_view_set_style (view, style);
  plantar_map_view_set_subject (view, scan, shown);
  /* a mean is drawn from a step, but the landmarks are the step's own */
  plantar_map_view_set_editable (view, shown != NULL && !plantar_fitting_is_mean (self->fitting, side));
  gtk_widget_set_visible (GTK_WIDGET (view), shown != NULL);
  gtk_widget_set_visible (side == PLANTAR_SIDE_LEFT ? self->left_missing : self->right_missing, shown == NULL);
  measurement_options (self, side, &options);
  options.gait = gait;
  options.feet[0] = plantar_fitting_get_foot (self->fitting, PLANTAR_SIDE_LEFT);
  options.feet[1] = plantar_fitting_get_foot (self->fitting, PLANTAR_SIDE_RIGHT);
  plantar_foot_panel_update (self->panels[side == PLANTAR_SIDE_LEFT ? 0 : 1],
                             plantar_fitting_get_foot (self->fitting, side), self->thresholds, &options);
  update_threshold (self, side);
}

/* Everything of the feet from the fitting: maps, panels, sliders. */
static void
update_feet (PlantarWindow *self,
             gboolean       choices_too)
{
  PlantarMapStyle style;
  PlantarAsymmetry asym;
  PlantarGait gait;
  g_autofree char *asym_text = NULL;
  g_autofree char *gait_text = NULL;

  self->updating = TRUE;
  style_from_settings (self, &style);
  /* a recording's walk or run: its rows in each panel, its words below */
  plantar_gait_for_fitting (self->fitting, self->thresholds, &gait);
  if (gait.treadmill && gait.available)
    {
      PlantarAnalysis *recording = plantar_gait_recording (self->fitting);
      double landings = 0;
      for (guint i = 0; i < gait.steps->len; i++)
        landings += g_array_index (gait.steps, PlantarGaitStep, i).land_ms;
      if (self->cop == NULL || self->cop_analysis != recording || self->cop_steps != gait.steps->len ||
          self->cop_landings != landings)
        {
          plantar_gait_compute_cop (recording, &gait);
          g_clear_pointer (&self->cop, g_array_unref);
          self->cop = gait.cop ? g_array_ref (gait.cop) : NULL;
          self->cop_analysis = recording;
          self->cop_steps = gait.steps->len;
          self->cop_landings = landings;
        }
      else
        gait.cop = g_array_ref (self->cop);
    }
  for (guint i = 0; i < 2; i++)
    update_side (self, side_of_index (i), &style, &gait, choices_too);
  /* both feet of a fitting on one colour scale, unless one is set: the
   * higher of their peaks */
  if (style.max_kpa <= 0)
    {
      double common = MAX (plantar_map_view_get_own_max (self->left_view),
                           plantar_map_view_get_own_max (self->right_view));
      for (guint i = 0; common > 0 && i < 2; i++)
        {
          PlantarMapView *view = i == 0 ? self->left_view : self->right_view;
          PlantarMapStyle own;
          plantar_map_view_get_style (view, &own);
          own.max_kpa = common;
          plantar_map_view_set_style (view, &own);
        }
    }
  plantar_feet_box_set_present (self->feet_box, plantar_fitting_get_foot (self->fitting, PLANTAR_SIDE_LEFT) != NULL,
                                plantar_fitting_get_foot (self->fitting, PLANTAR_SIDE_RIGHT) != NULL);

  plantar_fitting_get_asymmetry (self->fitting, self->thresholds, &asym);
  asym_text = plantar_asymmetry_text (&asym);
  if (gait.available)
    {
      g_autofree char *words = plantar_gait_describe (&gait);
      gait_text = asym_text ? g_strdup_printf ("%s\n%s", words, asym_text) : g_steal_pointer (&words);
    }
  else
    gait_text = g_strdup (asym_text);
  plantar_gait_clear (&gait);
  if (gait_text != NULL)
    gtk_label_set_text (self->asymmetry_label, gait_text);
  gtk_revealer_set_reveal_child (self->asymmetry_revealer, gait_text != NULL);
  self->updating = FALSE;
}

static void rebuild_views (PlantarWindow *self);

static void
sheet_toggled_cb (GtkToggleButton *button,
                  PlantarWindow   *self)
{
  if (!self->updating)
    plantar_window_show_sheet (self, gtk_toggle_button_get_active (button));
}

/* A scan the fitting replaced (a photo's sheet moved, or that undone):
 * what the window shows follows. */
static void
follow_fitting_scans (PlantarWindow *self)
{
  gboolean replaced = FALSE;

  for (guint i = 0; self->scans != NULL && i < self->scans->len && i < plantar_fitting_get_n_scans (self->fitting); i++)
    {
      PlantarScan *scan = plantar_fitting_get_scan (self->fitting, i);
      if (g_ptr_array_index (self->scans, i) == scan)
        continue;
      plantar_scan_unref (g_ptr_array_index (self->scans, i));
      g_ptr_array_index (self->scans, i) = plantar_scan_ref (scan);
      replaced = TRUE;
    }
  if (replaced)
    rebuild_views (self);
  plantar_window_sync_sheets (self);
}

static void
fitting_changed_cb (PlantarFitting *fitting,
                    PlantarWindow  *self)
{
  /* a fitting being shown is drawn once, when it is all there */
  if (self->showing)
    return;
  follow_fitting_scans (self);
  update_feet (self, FALSE);
  plantar_window_update_state (self);
  plantar_records_controller_changed (self->records);
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

/* A landmark dragged on a map: the foot is measured again as it moves. */
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
      g_signal_connect_object (view, "points-picked", G_CALLBACK (plantar_window_points_picked_cb), self, 0);
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
      plantar_window_show_error (self, title, error->message);
      return;
    }
}

/* ------------------------------------------------------------ playback */

/* The timeline moved: every map shows the frame at its time. */
static void
playback_time_cb (PlantarWindow *self)
{
  for (guint i = 0; i < 2; i++)
    {
      PlantarSide side = side_of_index (i);
      plantar_map_view_set_frame (plantar_window_view_of (self, side),
                                  frame_for (self, plantar_fitting_get_shown_scan (self->fitting, side)));
    }
  for (guint i = 0; i < self->views->len; i++)
    {
      PlantarMapView *view = g_ptr_array_index (self->views, i);
      plantar_map_view_set_frame (view, frame_for (self, plantar_map_view_get_scan (view)));
    }
}

/* ------------------------------------------------------------ showing a fitting */

static void
show_fitting (PlantarWindow *self)
{
  rebuild_views (self);
  plantar_window_rebuild_sheets (self);
  plantar_window_update_state (self);
  plantar_playback_bar_set_recording (self->playback, self->state.duration_ms, self->state.frame_ms);
  gtk_revealer_set_reveal_child (self->timeline_revealer, self->state.is_recording);
  update_feet (self, TRUE);
  if (!plantar_window_is_showing_sheet (self) || self->sheet.views->len == 0)
    gtk_stack_set_visible_child_name (self->mode_stack, self->state.has_feet ? "feet" : "scans");
  if (!self->state.has_feet)
    show_analysis_errors (self);
  /* a new scan opens with the measurements from their top */
  for (guint i = 0; i < 2; i++)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (i == 0 ? self->left_panel_scroller
                                                                          : self->right_panel_scroller), 0);
}

typedef struct {
  PlantarWindow        *self;
  GPtrArray            *scans;
  GStrv                 names;
  GPtrArray            *paths;
  PlantarFittingRecord *record;
} Showing;

static void
showing_free (Showing *showing)
{
  g_clear_object (&showing->self);
  g_clear_pointer (&showing->scans, g_ptr_array_unref);
  g_strfreev (showing->names);
  g_clear_pointer (&showing->paths, g_ptr_array_unref);
  g_clear_pointer (&showing->record, plantar_fitting_record_free);
  g_free (showing);
}

static void
scans_measured_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Showing *showing = user_data;
  PlantarWindow *self = showing->self;
  g_autoptr(GError) error = NULL;

  plantar_window_set_busy (self, FALSE);
  /* what is pending of the fitting before is saved while it is still there */
  if (!g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    plantar_records_controller_finish (self->records);
  self->showing = TRUE;
  if (!plantar_fitting_set_scans_finish (self->fitting, result, &error))
    {
      /* superseded by a newer open: that one shows */
      self->showing = FALSE;
      showing_free (showing);
      return;
    }

  g_clear_pointer (&self->scans, g_ptr_array_unref);
  g_clear_pointer (&self->file_names, g_strfreev);
  g_clear_pointer (&self->scan_paths, g_ptr_array_unref);
  self->scans = g_steal_pointer (&showing->scans);
  self->file_names = g_steal_pointer (&showing->names);
  self->scan_paths = showing->paths ? g_ptr_array_ref (showing->paths) : NULL;
  plantar_window_hide_error (self);
  if (showing->record != NULL)
    {
      /* a fitting of the records, where it was left */
      plantar_fitting_record_apply_state (showing->record, self->fitting);
      plantar_records_controller_adopt (self->records, g_steal_pointer (&showing->record));
      self->showing = FALSE;
      show_fitting (self);
    }
  else
    {
      self->showing = FALSE;
      show_fitting (self);
      if (self->state.has_feet)
        plantar_records_controller_start (self->records, self->scans, self->scan_paths);
    }
  showing_free (showing);
}

void
plantar_window_show_scans (PlantarWindow        *self,
                           GPtrArray            *scans,
                           GStrv                 file_names,
                           GPtrArray            *paths,
                           PlantarFittingRecord *record)
{
  Showing *showing = g_new0 (Showing, 1);
  PlantarAnalysisSettings settings;

  showing->self = g_object_ref (self);
  showing->scans = g_ptr_array_ref (scans);
  showing->names = g_strdupv (file_names);
  showing->paths = paths ? g_ptr_array_ref (paths) : NULL;
  showing->record = record;

  if (record != NULL)
    plantar_fitting_record_get_settings (record, &settings);
  else
    {
      plantar_window_apply_remembered_scales (self, scans);
      plantar_analysis_settings_init (&settings);
      settings.shoe_allowance_mm = g_settings_get_double (self->settings, "shoe-allowance");
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  plantar_window_set_busy (self, TRUE);
  plantar_fitting_set_scans_async (self->fitting, scans, (const char * const *) file_names, &settings,
                                   self->cancellable, scans_measured_cb, showing);
}

/* Measures again after a scan learned its scale; the record keeps the
 * calibration with the scans. */
void
plantar_window_scale_changed (PlantarWindow *self)
{
  g_autoptr(GPtrArray) scans = self->scans ? g_ptr_array_ref (self->scans) : NULL;

  if (scans == NULL)
    return;
  for (guint i = 0; i < self->views->len; i++)
    plantar_map_view_scan_changed (g_ptr_array_index (self->views, i));
  plantar_window_hide_error (self);
  plantar_window_show_scans (self, scans, self->file_names, self->scan_paths, NULL);
}

/* ------------------------------------------------------------ settings */

static void
settings_changed_cb (GSettings     *settings,
                     const char    *key,
                     PlantarWindow *self)
{
  PlantarMapStyle style;

  if (g_str_equal (key, "recent-files") || g_str_has_prefix (key, "window-") || g_str_has_prefix (key, "shop-") ||
      g_str_equal (key, "fitter") || g_str_equal (key, "playback-speed") || g_str_equal (key, "photo-paper") ||
      g_str_has_prefix (key, "scanner-") || g_str_has_prefix (key, "camera-"))
    return;
  if (g_str_equal (key, "watch-folder"))
    {
      plantar_window_update_watch (self);
      return;
    }
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

/* The records' server away, or fittings waiting for it: a button in the
 * header bar says so, and its popover what it means. */
static void
records_status_cb (PlantarWindow *self)
{
  PlantarApplication *app = PLANTAR_APPLICATION (g_application_get_default ());
  guint pending = 0;
  gboolean online = plantar_application_get_records_status (app, &pending);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->records_status, !online || pending > 0);
  if (online && pending == 0)
    return;
  if (!online)
    {
      adw_button_content_set_label (self->records_status_content, _("Offline"));
      adw_button_content_set_icon_name (self->records_status_content, "network-offline-symbolic");
      gtk_label_set_text (self->records_status_title, _("The Records’ Server Cannot Be Reached"));
      text = pending == 0
        ? g_strdup (_("Go on working: the fitting at hand is kept on this computer and sent to the server when it is "
                      "back. Customers can be looked up again then."))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Go on working: %u fitting is kept on this computer and will be sent to the "
                                        "server as soon as it is back. Nothing is lost meanwhile.",
                                        "Go on working: %u fittings are kept on this computer and will be sent to the "
                                        "server as soon as it is back. Nothing is lost meanwhile.",
                                        pending), pending);
    }
  else
    {
      adw_button_content_set_label (self->records_status_content, _("Sending"));
      adw_button_content_set_icon_name (self->records_status_content, "emblem-synchronizing-symbolic");
      gtk_label_set_text (self->records_status_title, _("Sending to the Records’ Server"));
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fitting kept on this computer is being sent.",
                                           "%u fittings kept on this computer are being sent.", pending), pending);
    }
  gtk_label_set_text (self->records_status_text, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->records_status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  online ? _("Sending to the records’ server") : _("The records’ server cannot be reached"),
                                  -1);
}

static void
records_try_again_cb (PlantarWindow *self)
{
  plantar_application_check_records (PLANTAR_APPLICATION (g_application_get_default ()));
}

static void
records_sent_cb (PlantarWindow *self,
                 guint          sent)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "The server is back: %u fitting kept on this computer is on it now",
                                                        "The server is back: %u fittings kept on this computer are on it now",
                                                        sent), sent);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
records_notice_cb (PlantarRecordsController *records,
                   const char               *message,
                   PlantarWindow            *self)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);   /* until it is read */
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
records_error_cb (PlantarRecordsController *records,
                  const char               *title,
                  const char               *message,
                  PlantarWindow            *self)
{
  plantar_window_show_error (self, title, message);
}

/* ------------------------------------------------------------ GObject */

static gboolean
plantar_window_close_request (GtkWindow *window)
{
  PlantarWindow *self = PLANTAR_WINDOW (window);
  int width, height;

  /* closed as it should be: every change saved, nothing to bring back */
  plantar_records_controller_close (self->records);

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

  for (guint i = 0; i < 2; i++)
    g_clear_handle_id (&self->threshold_timeout[i], g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->fitting != NULL)
    g_signal_handlers_disconnect_by_data (self->fitting, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->records != NULL)
    g_signal_handlers_disconnect_by_data (self->records, self);
  /* a change still waiting goes to the records with its fitting */
  g_clear_object (&self->records);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  plantar_window_finish_sheet (self);
  plantar_window_clear_scale_undo (self);
  if (self->steps_window != NULL)
    gtk_window_destroy (self->steps_window);
  g_clear_weak_pointer (&self->steps_window);
  g_clear_object (&self->watch);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_WINDOW);
  g_clear_object (&self->fitting);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (plantar_window_parent_class)->dispose (object);
}

static void
plantar_window_finalize (GObject *object)
{
  PlantarWindow *self = PLANTAR_WINDOW (object);

  g_clear_pointer (&self->scans, g_ptr_array_unref);
  g_clear_pointer (&self->file_names, g_strfreev);
  g_clear_pointer (&self->scan_paths, g_ptr_array_unref);
  g_clear_pointer (&self->thresholds, plantar_thresholds_unref);
  g_clear_pointer (&self->cop, g_array_unref);
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

  g_type_ensure (PLANTAR_TYPE_FEET_BOX);
  g_type_ensure (PLANTAR_TYPE_MAP_VIEW);
  g_type_ensure (PLANTAR_TYPE_PLAYBACK_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, records_status);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, records_status_content);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, records_status_title);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, records_status_text);
  gtk_widget_class_bind_template_callback (widget_class, records_try_again_cb);
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
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, sheet_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, sheet_paper);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, sheet_box);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, left_panel_scroller);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, right_panel_scroller);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, left_choice);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, right_choice);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, feet_box);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, left_view);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, right_view);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, left_missing);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, right_missing);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, left_threshold_box);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, right_threshold_box);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, left_threshold);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, right_threshold);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, views_box);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, asymmetry_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, asymmetry_label);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, timeline_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlantarWindow, playback);
  gtk_widget_class_bind_template_callback (widget_class, choice_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, handle_moved_cb);
  gtk_widget_class_bind_template_callback (widget_class, threshold_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheet_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, playback_time_cb);
  gtk_widget_class_bind_template_callback (widget_class, plantar_window_points_picked_cb);

  plantar_window_class_add_actions (widget_class);
}

static void
plantar_window_init (PlantarWindow *self)
{
  PlantarApplication *app = PLANTAR_APPLICATION (g_application_get_default ());

  gtk_widget_init_template (GTK_WIDGET (self));
  init_choices (self);

  self->views = g_ptr_array_new ();
  self->settings = g_object_ref (plantar_application_get_settings (app));
  self->thresholds = plantar_thresholds_get_default ();
  self->fitting = plantar_fitting_new ();
  self->records = plantar_records_controller_new (app, self->fitting, self->settings);
  g_signal_connect (self->fitting, "changed", G_CALLBACK (fitting_changed_cb), self);
  g_signal_connect (self->records, "error", G_CALLBACK (records_error_cb), self);
  g_signal_connect (self->records, "notice", G_CALLBACK (records_notice_cb), self);
  g_signal_connect_object (app, "records-status-changed", G_CALLBACK (records_status_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "records-sent", G_CALLBACK (records_sent_cb), self, G_CONNECT_SWAPPED);
  records_status_cb (self);

  for (guint i = 0; i < 2; i++)
    {
      self->panels[i] = PLANTAR_FOOT_PANEL (plantar_foot_panel_new (side_of_index (i)));
      gtk_widget_add_css_class (GTK_WIDGET (self->panels[i]), "foot-panel");
    }
  gtk_scrolled_window_set_child (self->left_panel_scroller, GTK_WIDGET (self->panels[0]));
  gtk_scrolled_window_set_child (self->right_panel_scroller, GTK_WIDGET (self->panels[1]));

  g_settings_bind (self->settings, "playback-speed", self->playback, "speed", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect (self->settings, "changed", G_CALLBACK (settings_changed_cb), self);

  {
    int width = g_settings_get_int (self->settings, "window-width");
    int height = g_settings_get_int (self->settings, "window-height");
    gboolean maximize = g_settings_get_boolean (self->settings, "window-maximized");
    GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
    g_autoptr(GdkMonitor) monitor = g_list_model_get_n_items (monitors) > 0 ? g_list_model_get_item (monitors, 0)
                                                                            : NULL;

    /* never larger than the screen: a store laptop's 1024 × 600 is filled */
    if (monitor != NULL)
      {
        GdkRectangle area;
        gdk_monitor_get_geometry (monitor, &area);
        if (width > area.width || height > area.height)
          {
            width = MIN (width, area.width);
            height = MIN (height, area.height);
            maximize = TRUE;
          }
      }
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
    if (maximize)
      gtk_window_maximize (GTK_WINDOW (self));
  }

  plantar_window_init_actions (self);
  plantar_window_init_sheet (self);
  plantar_window_init_dnd (self);
  plantar_window_update_watch (self);
  plantar_window_rebuild_recent (self);
  plantar_window_hide_error (self);
  plantar_window_update_state (self);
}

/* ------------------------------------------------------------ public API */

PlantarWindow *
plantar_window_new (PlantarApplication *application)
{
  return g_object_new (PLANTAR_TYPE_WINDOW, "application", application, NULL);
}

PlantarFitting *
plantar_window_get_fitting (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return self->fitting;
}

void
plantar_window_open_files (PlantarWindow  *self,
                           GFile         **files,
                           int             n_files)
{
  g_return_if_fail (PLANTAR_IS_WINDOW (self));
  plantar_window_open (self, files, n_files, FALSE);
}

void
plantar_window_add_files (PlantarWindow  *self,
                          GFile         **files,
                          int             n_files)
{
  g_return_if_fail (PLANTAR_IS_WINDOW (self));
  plantar_window_open (self, files, n_files, self->scans != NULL);
}

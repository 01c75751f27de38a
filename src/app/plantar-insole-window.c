/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-insole-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-insole-window.h"

/*
 * The insoles of a fitting: both over their footprints with height
 * contours, the one being designed as a solid and in its side profile, and
 * its parameters as sliders that redesign it as they move. What the
 * designer changes is kept with the fitting (and so in the records);
 * Export writes both feet's files into one folder.
 */

typedef struct {
  const PlantarInsoleParamInfo *info;
  GtkAdjustment                *adjustment;   /* NULL for the length's choice */
  AdwComboRow                  *combo;
} ParamRow;

struct _PlantarInsoleWindow
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toasts;
  AdwWindowTitle      *title;
  GtkToggleButton     *left_button;
  GtkToggleButton     *right_button;
  GtkWidget           *export_button;
  GtkWidget           *reset_button;
  GtkDrawingArea      *tops;
  GtkDrawingArea      *solid;
  GtkDrawingArea      *profile;
  GtkLabel            *summary;
  AdwPreferencesPage  *parameters;

  PlantarFitting      *fitting;
  PlantarRules        *rules;
  PlantarAdvice       *advice;
  char                *customer;
  PlantarInsole       *insoles[2];
  char                *errors[2];
  PlantarSide          side;
  GArray              *rows;          /* ParamRow */
  gboolean             updating;
  GtkNativeDialog     *chooser;
  /* how the solid is seen: turned by dragging it */
  double               yaw[2], pitch, drag_yaw, drag_pitch;
};

G_DEFINE_FINAL_TYPE (PlantarInsoleWindow, plantar_insole_window, ADW_TYPE_WINDOW)

static int
slot (PlantarSide side)
{
  return side == PLANTAR_SIDE_RIGHT;
}

static const PlantarFootAdvice *
advice_of (PlantarInsoleWindow *self,
           PlantarSide          side)
{
  return self->advice ? plantar_advice_get_foot (self->advice, side) : NULL;
}

/* ------------------------------------------------------------ designing */

static void
design_side (PlantarInsoleWindow *self,
             PlantarSide          side)
{
  g_autoptr(GError) error = NULL;
  int i = slot (side);

  g_clear_pointer (&self->insoles[i], plantar_insole_free);
  g_clear_pointer (&self->errors[i], g_free);
  if (plantar_fitting_get_shown (self->fitting, side) == NULL)
    return;
  self->insoles[i] = plantar_insole_design_for (self->fitting, side, self->rules, self->advice,
                                                plantar_fitting_get_insole_overrides (self->fitting, side), &error);
  if (self->insoles[i] == NULL)
    self->errors[i] = g_strdup (error->message);
}

static void
update_summary (PlantarInsoleWindow *self)
{
  const PlantarInsole *insole = self->insoles[slot (self->side)];
  g_autoptr(GString) s = g_string_new (NULL);

  if (insole == NULL)
    {
      const char *error = self->errors[slot (self->side)];
      gtk_label_set_text (self->summary, error ? error : _("No foot of this side was found."));
      return;
    }
  g_string_printf (s, _("%.0f × %.0f mm · heel cup %.1f mm · arch %.1f mm high · thickest %.1f mm"),
                   insole->length_mm, insole->width_mm, insole->heel_cup_depth_mm, insole->arch_height_mm,
                   insole->max_thickness_mm);
  for (guint i = 0; i < insole->notes->len; i++)
    g_string_append_printf (s, "\n%s", (char *) g_ptr_array_index (insole->notes, i));
  gtk_label_set_text (self->summary, s->str);
}

static void
redraw (PlantarInsoleWindow *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->tops));
  gtk_widget_queue_draw (GTK_WIDGET (self->solid));
  gtk_widget_queue_draw (GTK_WIDGET (self->profile));
  update_summary (self);
  gtk_widget_set_sensitive (self->export_button, self->insoles[0] != NULL || self->insoles[1] != NULL);
  gtk_widget_set_sensitive (self->reset_button, plantar_fitting_get_insole_overrides (self->fitting, self->side) != NULL);
}

/* The parameters of the side shown into the controls */
static void
load_controls (PlantarInsoleWindow *self)
{
  const PlantarInsole *insole = self->insoles[slot (self->side)];
  PlantarInsoleParams params;

  if (insole != NULL)
    params = insole->params;
  else if (!plantar_insole_params_for_foot (&params, self->rules, advice_of (self, self->side),
                                            plantar_fitting_get_insole_overrides (self->fitting, self->side), NULL))
    plantar_insole_params_for_foot (&params, self->rules, advice_of (self, self->side), NULL, NULL);

  self->updating = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      ParamRow *row = &g_array_index (self->rows, ParamRow, i);
      double v = plantar_insole_params_get (&params, row->info);
      if (row->combo)
        adw_combo_row_set_selected (row->combo, v > 0.5 ? 1 : 0);
      else
        gtk_adjustment_set_value (row->adjustment, v);
    }
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->parameters), plantar_fitting_get_shown (self->fitting, self->side) != NULL);
}

/* What differs from the suggestion's own design is kept with the fitting */
static void
store_overrides (PlantarInsoleWindow       *self,
                 const PlantarInsoleParams *params)
{
  PlantarInsoleParams suggested;
  g_autoptr(JsonObject) overrides = json_object_new ();

  plantar_insole_params_for_foot (&suggested, self->rules, advice_of (self, self->side), NULL, NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const PlantarInsoleParamInfo *info = g_array_index (self->rows, ParamRow, i).info;
      double v = plantar_insole_params_get (params, info);
      if (fabs (v - plantar_insole_params_get (&suggested, info)) < 1e-9)
        continue;
      if (info->kind == PLANTAR_PARAM_CHOICE)
        json_object_set_string_member (overrides, info->key, v > 0.5 ? "three-quarter" : "full");
      else
        json_object_set_double_member (overrides, info->key, v);
    }
  plantar_fitting_set_insole_overrides (self->fitting, self->side, overrides);
}

static void
parameter_changed (PlantarInsoleWindow *self)
{
  PlantarInsole *insole = self->insoles[slot (self->side)];
  g_autoptr(GError) error = NULL;
  PlantarInsoleParams params;

  if (self->updating)
    return;
  if (insole != NULL)
    params = insole->params;
  else
    plantar_insole_params_for_foot (&params, self->rules, advice_of (self, self->side), NULL, NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      ParamRow *row = &g_array_index (self->rows, ParamRow, i);
      plantar_insole_params_set (&params, row->info,
                                 row->combo ? adw_combo_row_get_selected (row->combo) : gtk_adjustment_get_value (row->adjustment));
    }
  store_overrides (self, &params);
  /* a surface's change keeps the outline: quick enough for a slider */
  if (insole == NULL || !plantar_insole_redesign (insole, &params, &error))
    {
      if (error != NULL)
        {
          g_free (self->errors[slot (self->side)]);
          self->errors[slot (self->side)] = g_strdup (error->message);
        }
      design_side (self, self->side);
    }
  redraw (self);
}

/* ------------------------------------------------------------ controls */

static char *
format_value (GtkScale *scale,
              double    value,
              gpointer  user_data)
{
  const PlantarInsoleParamInfo *info = user_data;

  if (info->kind == PLANTAR_PARAM_ANGLE)
    return g_strdup_printf ("%+.1f°", value);
  if (g_str_equal (info->key, "length_mm"))
    {
      if (value < 1)
        return g_strdup (_("from the foot"));
      /* the shoe whose last is that long: EU sizes are 6.667 mm apart */
      return g_strdup_printf (_("%.0f mm · EU %.1f"), value, value * 3 / 20);
    }
  return g_strdup_printf ("%.1f mm", value);
}

static void
build_controls (PlantarInsoleWindow *self)
{
  guint n;
  const PlantarInsoleParamInfo *info = plantar_insole_param_info (&n);
  AdwPreferencesGroup *group = NULL;
  const char *group_name = NULL;

  for (guint i = 0; i < n; i++)
    {
      ParamRow row = { &info[i], NULL, NULL };
      if (group_name == NULL || !g_str_equal (group_name, info[i].group))
        {
          group_name = info[i].group;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, _(group_name));
          adw_preferences_page_add (self->parameters, group);
        }
      if (info[i].kind == PLANTAR_PARAM_CHOICE)
        {
          const char *choices[] = { _("Full length"), _("Three-quarter"), NULL };
          row.combo = ADW_COMBO_ROW (adw_combo_row_new ());
          adw_combo_row_set_model (row.combo, G_LIST_MODEL (gtk_string_list_new (choices)));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row.combo), _(info[i].label));
          g_signal_connect_swapped (row.combo, "notify::selected", G_CALLBACK (parameter_changed), self);
          adw_preferences_group_add (group, GTK_WIDGET (row.combo));
        }
      else
        {
          GtkWidget *action_row = adw_action_row_new ();
          GtkWidget *scale;
          row.adjustment = gtk_adjustment_new (info[i].min, info[i].min, info[i].max, info[i].step, info[i].step * 10, 0);
          scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, row.adjustment);
          gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
          gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_TOP);
          gtk_scale_set_digits (GTK_SCALE (scale), 1);
          gtk_scale_set_format_value_func (GTK_SCALE (scale), format_value, (gpointer) &info[i], NULL);
          gtk_widget_set_size_request (scale, 140, -1);
          gtk_widget_set_valign (scale, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL, _(info[i].label), -1);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), _(info[i].label));
          adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), scale);
          gtk_widget_set_name (scale, info[i].key);
          g_signal_connect_swapped (row.adjustment, "value-changed", G_CALLBACK (parameter_changed), self);
          adw_preferences_group_add (group, action_row);
        }
      g_array_append_val (self->rows, row);
    }
}

static void
side_toggled_cb (PlantarInsoleWindow *self)
{
  self->side = gtk_toggle_button_get_active (self->right_button) ? PLANTAR_SIDE_RIGHT : PLANTAR_SIDE_LEFT;
  load_controls (self);
  redraw (self);
}

static void
reset_clicked_cb (PlantarInsoleWindow *self)
{
  plantar_fitting_set_insole_overrides (self->fitting, self->side, NULL);
  design_side (self, self->side);
  load_controls (self);
  redraw (self);
}

/* ------------------------------------------------------------ drawing */

static void
draw_tops (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  PlantarInsoleWindow *self = user_data;
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  for (int i = 0; i < 2; i++)
    {
      PlantarSide side = i ? PLANTAR_SIDE_RIGHT : PLANTAR_SIDE_LEFT;
      double x = i * width / 2.0, w = width / 2.0;
      cairo_save (cr);
      cairo_translate (cr, x, 0);
      if (side == self->side)
        {
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.10);
          cairo_rectangle (cr, 2, 2, w - 4, height - 4);
          cairo_fill (cr);
        }
      if (self->insoles[i] != NULL)
        plantar_insole_draw_top (cr, self->insoles[i], w, height);
      else
        {
          PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), self->errors[i] ? self->errors[i]
                                                                : _("No foot of this side"));
          pango_layout_set_width (layout, (int) (w - 24) * PANGO_SCALE);
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_move_to (cr, 12, height / 2.0 - 20);
          pango_cairo_show_layout (cr, layout);
          g_object_unref (layout);
        }
      cairo_restore (cr);
    }
}

static void
draw_solid (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  PlantarInsoleWindow *self = user_data;
  const PlantarInsole *insole = self->insoles[slot (self->side)];
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  cairo_surface_t *image;

  if (insole == NULL || width < 8 || height < 8)
    return;
  /* seen from the medial side, above the heel */
  image = plantar_insole_render_mesh (insole, width * scale, height * scale, self->yaw[slot (self->side)], self->pitch);
  cairo_scale (cr, 1.0 / scale, 1.0 / scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_surface_destroy (image);
}

static void
draw_profile (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  PlantarInsoleWindow *self = user_data;
  const PlantarInsole *insole = self->insoles[slot (self->side)];

  if (insole != NULL)
    plantar_insole_draw_profile (cr, insole, width, height);
}

static void
drag_begin (GtkGestureDrag      *gesture,
            double               x,
            double               y,
            PlantarInsoleWindow *self)
{
  self->drag_yaw = self->yaw[slot (self->side)];
  self->drag_pitch = self->pitch;
}

static void
drag_update (GtkGestureDrag      *gesture,
             double               dx,
             double               dy,
             PlantarInsoleWindow *self)
{
  self->yaw[slot (self->side)] = fmod (self->drag_yaw - dx * 0.5 + 360, 360);
  self->pitch = CLAMP (self->drag_pitch + dy * 0.3, 5, 89);
  gtk_widget_queue_draw (GTK_WIDGET (self->solid));
}

/* ------------------------------------------------------------ export */

typedef struct {
  PlantarInsole *insoles[2];   /* borrowed: the window is insensitive meanwhile */
  char          *folder, *base, *customer;
  guint          written;
} ExportTask;

static void
export_task_free (gpointer data)
{
  ExportTask *t = data;
  g_free (t->folder);
  g_free (t->base);
  g_free (t->customer);
  g_free (t);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportTask *t = task_data;
  const char *ext[] = { "stl", "3mf", "svg", "dxf" };
  PlantarInsoleMeta meta = { t->customer, NULL };

  for (int i = 0; i < 2; i++)
    for (guint f = 0; t->insoles[i] != NULL && f < G_N_ELEMENTS (ext); f++)
      {
        g_autofree char *name = g_strdup_printf ("%s-%s.%s", t->base, plantar_side_to_string (t->insoles[i]->side), ext[f]);
        g_autofree char *path = g_build_filename (t->folder, name, NULL);
        g_autoptr(GError) error = NULL;
        gboolean ok;
        if (f == 1 && !plantar_insole_can_write_3mf ())
          continue;
        ok = f == 0 ? plantar_insole_write_stl (t->insoles[i], path, &error)
             : f == 1 ? plantar_insole_write_3mf (t->insoles[i], &meta, path, &error)
             : f == 2 ? plantar_insole_write_svg (t->insoles[i], path, &error)
                      : plantar_insole_write_dxf (t->insoles[i], path, &error);
        if (!ok)
          {
            g_task_return_error (task, g_steal_pointer (&error));
            return;
          }
        t->written++;
      }
  g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PlantarInsoleWindow *self = PLANTAR_INSOLE_WINDOW (source);
  ExportTask *t = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->parameters), TRUE);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup_printf (_("The insoles could not be written: %s"), error->message);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file written to %s", "%u files written to %s",
                                            t->written), t->written, t->folder);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

/* A file name from the customer's name: letters, digits and dashes */
static char *
file_base (const char *customer)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (const char *p = customer; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        g_string_append_unichar (s, g_unichar_tolower (c));
      else if (s->len > 0 && s->str[s->len - 1] != '-')
        g_string_append_c (s, '-');
    }
  while (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    return g_strdup ("insole");
  g_string_append (s, "-insole");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
plantar_insole_window_export_to (PlantarInsoleWindow *self,
                                 const char          *folder,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback ? callback : export_done, user_data);
  ExportTask *t = g_new0 (ExportTask, 1);

  t->insoles[0] = self->insoles[0];
  t->insoles[1] = self->insoles[1];
  t->folder = g_strdup (folder);
  t->base = file_base (self->customer);
  t->customer = g_strdup (self->customer);
  g_task_set_task_data (task, t, export_task_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->parameters), FALSE);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  g_task_run_in_thread (task, export_thread);
}

static void
chooser_response (GtkNativeDialog     *chooser,
                  int                  response,
                  PlantarInsoleWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;
      if (path != NULL)
        plantar_insole_window_export_to (self, path, NULL, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
export_clicked_cb (PlantarInsoleWindow *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Export the Insoles into a Folder"), GTK_WINDOW (self),
                                                                  GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"),
                                                                  _("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

/* ------------------------------------------------------------ object */

static void
plantar_insole_window_dispose (GObject *object)
{
  PlantarInsoleWindow *self = PLANTAR_INSOLE_WINDOW (object);

  if (self->chooser)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (plantar_insole_window_parent_class)->dispose (object);
}

static void
plantar_insole_window_finalize (GObject *object)
{
  PlantarInsoleWindow *self = PLANTAR_INSOLE_WINDOW (object);

  for (int i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->insoles[i], plantar_insole_free);
      g_clear_pointer (&self->errors[i], g_free);
    }
  g_clear_object (&self->fitting);
  g_clear_pointer (&self->advice, plantar_advice_free);
  g_clear_pointer (&self->rules, plantar_rules_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_free (self->customer);
  G_OBJECT_CLASS (plantar_insole_window_parent_class)->finalize (object);
}

static void
plantar_insole_window_class_init (PlantarInsoleWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_insole_window_dispose;
  object_class->finalize = plantar_insole_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-insole-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarInsoleWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, PlantarInsoleWindow, title);
  gtk_widget_class_bind_template_child (widget_class, PlantarInsoleWindow, left_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarInsoleWindow, right_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarInsoleWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarInsoleWindow, reset_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarInsoleWindow, tops);
  gtk_widget_class_bind_template_child (widget_class, PlantarInsoleWindow, solid);
  gtk_widget_class_bind_template_child (widget_class, PlantarInsoleWindow, profile);
  gtk_widget_class_bind_template_child (widget_class, PlantarInsoleWindow, summary);
  gtk_widget_class_bind_template_child (widget_class, PlantarInsoleWindow, parameters);
  gtk_widget_class_bind_template_callback (widget_class, side_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
plantar_insole_window_init (PlantarInsoleWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, FALSE, sizeof (ParamRow));
  self->side = PLANTAR_SIDE_LEFT;
  gtk_drawing_area_set_draw_func (self->tops, draw_tops, self, NULL);
  gtk_drawing_area_set_draw_func (self->solid, draw_solid, self, NULL);
  gtk_drawing_area_set_draw_func (self->profile, draw_profile, self, NULL);
  /* each insole seen from its medial side, above the heel; dragged round */
  self->yaw[0] = 120;
  self->yaw[1] = 240;
  self->pitch = 30;
  {
    GtkGesture *drag = gtk_gesture_drag_new ();
    g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
    g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
    gtk_widget_add_controller (GTK_WIDGET (self->solid), GTK_EVENT_CONTROLLER (drag));
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self->solid), "grab");
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->solid), _("Drag to turn the insole"));
  }
  build_controls (self);
}

/**
 * plantar_insole_window_new:
 * @answers: (nullable): the customer's answers, for the suggestion
 * @customer: (nullable): their name, for the files
 */
PlantarInsoleWindow *
plantar_insole_window_new (GtkWindow            *parent,
                           PlantarFitting       *fitting,
                           const PlantarAnswers *answers,
                           const char           *customer)
{
  PlantarInsoleWindow *self = g_object_new (PLANTAR_TYPE_INSOLE_WINDOW, "transient-for", parent, NULL);
  g_autoptr(PlantarThresholds) thresholds = plantar_thresholds_get_default ();

  self->fitting = g_object_ref (fitting);
  self->rules = plantar_rules_get_default (NULL);
  self->advice = plantar_rules_suggest_fitting (self->rules, fitting, answers, thresholds);
  self->customer = customer && *customer ? g_strdup (customer) : NULL;
  if (self->customer)
    adw_window_title_set_subtitle (self->title, self->customer);
  design_side (self, PLANTAR_SIDE_LEFT);
  design_side (self, PLANTAR_SIDE_RIGHT);
  if (plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT) == NULL &&
      plantar_fitting_get_shown (fitting, PLANTAR_SIDE_RIGHT) != NULL)
    gtk_toggle_button_set_active (self->right_button, TRUE);
  load_controls (self);
  redraw (self);
  return self;
}

PlantarInsole *
plantar_insole_window_get_insole (PlantarInsoleWindow *self,
                                  PlantarSide          side)
{
  return self->insoles[slot (side)];
}

void
plantar_insole_window_set_parameter (PlantarInsoleWindow *self,
                                     const char          *key,
                                     double               value)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      ParamRow *row = &g_array_index (self->rows, ParamRow, i);
      if (!g_str_equal (row->info->key, key))
        continue;
      if (row->combo)
        adw_combo_row_set_selected (row->combo, value > 0.5);
      else
        gtk_adjustment_set_value (row->adjustment, value);
    }
}

void
plantar_insole_window_set_side (PlantarInsoleWindow *self,
                                PlantarSide          side)
{
  gtk_toggle_button_set_active (side == PLANTAR_SIDE_RIGHT ? self->right_button : self->left_button, TRUE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-compare-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-compare.h"
#include "plantar-compare-window.h"
#include "plantar-map.h"

/* The maps' cells, on screen: each foot fits 150 × 300 px at the scale
 * the four share. */
#define FOOT_W 150
#define FOOT_H 300

struct _PlantarCompareWindow
{
  AdwWindow             parent_instance;

  /* template */
  GtkStack             *stack;
  AdwStatusPage        *failed;
  GtkGrid              *maps;
  AdwPreferencesGroup  *groups[2];

  PlantarRecords       *records;
  GCancellable         *cancellable;
  PlantarFitting       *fittings[2];
  PlantarFittingRecord *visits[2];
  double                px_per_mm;
  double                max_kpa;
  GHashTable           *rows;       /* "left/arch_index" → AdwActionRow */
  gboolean              ready;
};

G_DEFINE_FINAL_TYPE (PlantarCompareWindow, plantar_compare_window, ADW_TYPE_WINDOW)

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (unix_time);
  /* TRANSLATORS: the date of a fitting in a list, see g_date_time_format() */
  return g_date_time_format (date, _("%-d %B %Y, %H:%M"));
}

/* ------------------------------------------------------------ the maps */

/* One foot of one visit, drawn at the scale shared by all four, toes up. */
static void
draw_foot (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  PlantarCompareWindow *self = user_data;
  int visit = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "plantar-visit"));
  PlantarSide side = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "plantar-side"));
  PlantarFoot *foot = plantar_fitting_get_shown (self->fittings[visit], side);
  PlantarScan *scan = plantar_fitting_get_shown_scan (self->fittings[visit], side);
  g_autoptr(PlantarMap) map = NULL;
  PlantarMapStyle style;
  double bx, by, bw, bh;
  guint quarter;

  if (foot == NULL || scan == NULL)
    return;
  map = plantar_map_new (scan, foot);
  plantar_map_style_init (&style);
  style.max_kpa = self->max_kpa;
  style.frame = -1;
  /* small labels beside the feet, within their cells */
  style.label_px = 10;
  style.overlays = PLANTAR_OVERLAY_OUTLINE | PLANTAR_OVERLAY_AXIS | PLANTAR_OVERLAY_THIRDS | PLANTAR_OVERLAY_HEEL;
  plantar_map_get_bounds (map, &bx, &by, &bw, &bh);
  quarter = isfinite (foot->axis_deg) ? (((int) lround (foot->axis_deg / 90.0)) % 4 + 4) % 4 : 0;
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_scale (cr, self->px_per_mm, self->px_per_mm);
  cairo_rotate (cr, -G_PI / 2 * quarter);
  cairo_translate (cr, -(bx + bw / 2), -(by + bh / 2));
  plantar_map_draw (map, cr, &style, self->px_per_mm * gtk_widget_get_scale_factor (GTK_WIDGET (area)));
}

/* One scale for the four feet, so that lengths and pressures compare. */
static void
fit_scale (PlantarCompareWindow *self)
{
  double fit = G_MAXDOUBLE;

  self->max_kpa = 0;
  for (int v = 0; v < 2; v++)
    for (int s = 0; s < 2; s++)
      {
        PlantarSide side = s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
        PlantarFoot *foot = plantar_fitting_get_shown (self->fittings[v], side);
        PlantarScan *scan = plantar_fitting_get_shown_scan (self->fittings[v], side);
        g_autoptr(PlantarMap) map = NULL;
        double bx, by, bw, bh;

        if (foot == NULL || scan == NULL)
          continue;
        map = plantar_map_new (scan, foot);
        plantar_map_get_bounds (map, &bx, &by, &bw, &bh);
        fit = MIN (fit, MIN (FOOT_W / MIN (bw, bh), FOOT_H / MAX (bw, bh)));
        self->max_kpa = MAX (self->max_kpa, plantar_map_get_max_value (map, -1));
      }
  self->px_per_mm = fit < G_MAXDOUBLE ? fit : 1;
  self->max_kpa = self->max_kpa > 0 ? ceil (self->max_kpa / 50) * 50 : 0;
}

static void
build_maps (PlantarCompareWindow *self)
{
  for (int v = 0; v < 2; v++)
    {
      g_autofree char *date = format_date (self->visits[v]->created);
      GtkWidget *label = gtk_label_new (date);

      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->maps, label, v * 2, 0, 2, 1);
      for (int s = 0; s < 2; s++)
        {
          GtkWidget *area = gtk_drawing_area_new ();

          /* room beside the foot for its arch index */
          gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), FOOT_W + 30);
          gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), FOOT_H);
          g_object_set_data (G_OBJECT (area), "plantar-visit", GINT_TO_POINTER (v));
          g_object_set_data (G_OBJECT (area), "plantar-side",
                             GINT_TO_POINTER (s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT));
          gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_foot, self, NULL);
          gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          s == 0 ? _("Left foot") : _("Right foot"), -1);
          gtk_grid_attach (self->maps, area, v * 2 + s, 1, 1, 1);
        }
    }
}

/* ------------------------------------------------------------ the numbers */

static void
build_rows (PlantarCompareWindow *self)
{
  g_autoptr(PlantarThresholds) thresholds = plantar_thresholds_get_default ();
  PlantarMeasurementOptions options;

  plantar_measurement_options_init (&options);
  for (int s = 0; s < 2; s++)
    {
      PlantarSide side = s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      g_autoptr(GPtrArray) rows = plantar_compare_feet (plantar_fitting_get_foot (self->fittings[0], side),
                                                        plantar_fitting_get_foot (self->fittings[1], side),
                                                        thresholds, &options);

      for (guint i = 0; i < rows->len; i++)
        {
          PlantarComparisonRow *c = g_ptr_array_index (rows, i);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *change = gtk_label_new (c->change ? c->change : _("not comparable"));
          g_autofree char *values = g_strdup_printf ("%s → %s", c->before, c->after);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->label);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), values);
          gtk_widget_add_css_class (change, "numeric");
          if (c->change == NULL)
            gtk_widget_add_css_class (change, "dim-label");
          /* why a value is missing, or why the two do not compare, under them */
          if (c->note != NULL)
            {
              g_autofree char *sub = g_strdup_printf ("%s\n%s", values, c->note);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
            }
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), change);
          adw_preferences_group_add (self->groups[s], row);
          g_object_set_data_full (G_OBJECT (row), "plantar-values", g_strdup (values), g_free);
          g_object_set_data_full (G_OBJECT (row), "plantar-change", g_strdup (c->change), g_free);
          g_hash_table_insert (self->rows, g_strdup_printf ("%d/%s", s, c->key), row);
        }
    }
}

/* ------------------------------------------------------------ loading */

typedef struct {
  PlantarRecords       *records;
  gint64                ids[2];
  PlantarFittingRecord *visits[2];
  PlantarFitting       *fittings[2];
} Load;

static void
load_free (Load *load)
{
  g_clear_pointer (&load->records, plantar_records_close);
  for (int v = 0; v < 2; v++)
    {
      g_clear_pointer (&load->visits[v], plantar_fitting_record_free);
      g_clear_object (&load->fittings[v]);
    }
  g_free (load);
}

/* Both visits read and measured again from their stored scans. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  for (int v = 0; v < 2; v++)
    {
      load->visits[v] = plantar_records_load_fitting (load->records, load->ids[v], &error);
      if (load->visits[v] != NULL)
        load->fittings[v] = plantar_fitting_record_restore (load->visits[v], NULL, &error);
      if (load->fittings[v] == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PlantarCompareWindow *self = PLANTAR_COMPARE_WINDOW (source);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->failed, error->message);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      self->ready = TRUE;
      return;
    }
  for (int v = 0; v < 2; v++)
    {
      self->visits[v] = g_steal_pointer (&load->visits[v]);
      self->fittings[v] = g_steal_pointer (&load->fittings[v]);
    }
  fit_scale (self);
  build_maps (self);
  build_rows (self);
  gtk_stack_set_visible_child_name (self->stack, "compare");
  self->ready = TRUE;
}

/* ------------------------------------------------------------ GObject */

static void
plantar_compare_window_dispose (GObject *object)
{
  PlantarCompareWindow *self = PLANTAR_COMPARE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_COMPARE_WINDOW);
  for (int v = 0; v < 2; v++)
    g_clear_object (&self->fittings[v]);
  G_OBJECT_CLASS (plantar_compare_window_parent_class)->dispose (object);
}

static void
plantar_compare_window_finalize (GObject *object)
{
  PlantarCompareWindow *self = PLANTAR_COMPARE_WINDOW (object);

  for (int v = 0; v < 2; v++)
    g_clear_pointer (&self->visits[v], plantar_fitting_record_free);
  G_OBJECT_CLASS (plantar_compare_window_parent_class)->finalize (object);
}

static void
plantar_compare_window_class_init (PlantarCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_compare_window_dispose;
  object_class->finalize = plantar_compare_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarCompareWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PlantarCompareWindow, failed);
  gtk_widget_class_bind_template_child (widget_class, PlantarCompareWindow, maps);
  gtk_widget_class_bind_template_child_full (widget_class, "left_group", FALSE,
                                             G_STRUCT_OFFSET (PlantarCompareWindow, groups[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "right_group", FALSE,
                                             G_STRUCT_OFFSET (PlantarCompareWindow, groups[1]));
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
plantar_compare_window_init (PlantarCompareWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ------------------------------------------------------------ public API */

/* @older, @newer: the fittings, the older one shown on the left */
GtkWidget *
plantar_compare_window_new (GtkWindow      *parent,
                            PlantarRecords *records,
                            gint64          older,
                            gint64          newer)
{
  PlantarCompareWindow *self = g_object_new (PLANTAR_TYPE_COMPARE_WINDOW,
                                             "transient-for", parent,
                                             "modal", TRUE,
                                             "destroy-with-parent", TRUE,
                                             NULL);
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, loaded_cb, NULL);
  Load *load = g_new0 (Load, 1);

  load->records = plantar_records_ref (records);
  load->ids[0] = older;
  load->ids[1] = newer;
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
  return GTK_WIDGET (self);
}

gboolean
plantar_compare_window_is_ready (PlantarCompareWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_COMPARE_WINDOW (self), FALSE);
  return self->ready;
}

gboolean
plantar_compare_window_get_row (PlantarCompareWindow  *self,
                                PlantarSide            side,
                                const char            *key,
                                const char           **values,
                                const char           **change)
{
  g_autofree char *name = g_strdup_printf ("%d/%s", side == PLANTAR_SIDE_LEFT ? 0 : 1, key);
  GObject *row = g_hash_table_lookup (self->rows, name);

  if (row == NULL)
    return FALSE;
  *values = g_object_get_data (row, "plantar-values");
  *change = g_object_get_data (row, "plantar-change");
  return TRUE;
}

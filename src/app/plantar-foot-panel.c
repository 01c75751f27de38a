/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-foot-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "plantar-arch-scale.h"
#include "plantar-foot-panel.h"
#include "plantar-force-curve.h"
#include "plantar-cop-butterfly.h"
#include "plantar-region-bars.h"
#include "plantar-strike-diagram.h"

/*
 * One foot's measurements beside its map: the arch index large with its
 * category and where it falls, then the rows of each section, each with
 * its category and, on hover, the rule and where it comes from. Rows are
 * updated in place while a landmark is dragged.
 */

struct _PlantarFootPanel
{
  GtkBox            parent_instance;

  PlantarSide       side;
  GtkLabel         *ai_value;
  GtkLabel         *ai_category;
  GtkLabel         *ai_spread;
  PlantarArchScale *ai_scale;
  GtkWidget        *summary;
  GtkBox           *sections;
  GtkBox           *notes;
  GtkWidget        *empty;
  /* a recording's: where this foot's steps land, under the Gait rows */
  GtkWidget        *strike_area;
  GtkWidget        *force_area;
  GtkWidget        *butterfly_area;
  GArray           *cop;          /* PlantarGaitCop: a treadmill walk's */
  /* a pressure scan's: both feet's regional peaks, under Peak Pressures */
  GtkWidget        *regions_area;
  PlantarFoot      *region_feet[2];
  PlantarFoot      *strike_foot;
  GArray           *strike_steps;  /* PlantarGaitStep */
  double            body_mass_kg;  /* > 0: the force curve in % of it too */
  PlantarThresholds *thresholds;

  GPtrArray        *keys;         /* the rows shown, in order */
  GHashTable       *values;       /* key -> GtkLabel */
  GHashTable       *categories;   /* key -> GtkLabel */
  GHashTable       *rows;         /* key -> AdwActionRow */
  GHashTable       *texts;        /* key -> the value shown, for tests */
};

G_DEFINE_FINAL_TYPE (PlantarFootPanel, plantar_foot_panel, GTK_TYPE_BOX)

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
set_category (GtkLabel   *label,
              const char *index,
              const char *category,
              gboolean    flagged)
{
  static const char *classes[] = { "high", "normal", "flat", "flagged" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
  if (flagged)
    {
      gtk_label_set_text (label, C_("flagged value", "high"));
      gtk_widget_add_css_class (GTK_WIDGET (label), "flagged");
      gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (label), category != NULL);
  if (category == NULL)
    return;
  {
    g_autofree char *badge = plantar_category_badge (category);
    gtk_label_set_text (label, badge);
  }
  for (guint i = 0; i < 3; i++)
    if (g_str_equal (category, classes[i]))
      gtk_widget_add_css_class (GTK_WIDGET (label), classes[i]);
  /* left and right differ beyond the gait's symmetry flag */
  if (g_str_equal (category, "uneven"))
    gtk_widget_add_css_class (GTK_WIDGET (label), "flagged");
}

static void
draw_strike (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  PlantarFootPanel *self = data;

  if (self->strike_foot == NULL || self->strike_steps == NULL)
    return;
  plantar_strike_diagram_draw (cr, self->strike_foot, (const PlantarGaitStep *) self->strike_steps->data,
                               self->strike_steps->len, self->thresholds, width, height,
                               adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

/* The drawings follow the style's dark or light */
static void
dark_changed_cb (AdwStyleManager  *manager,
                 GParamSpec       *pspec,
                 PlantarFootPanel *self)
{
  if (self->strike_area != NULL)
    gtk_widget_queue_draw (self->strike_area);
  if (self->force_area != NULL)
    gtk_widget_queue_draw (self->force_area);
}

static void
draw_force (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  PlantarFootPanel *self = data;
  PlantarGait gait = { 0 };

  if (self->strike_steps == NULL)
    return;
  gait.steps = self->strike_steps;
  /* this foot's steps over the other's, paler */
  plantar_force_curve_draw (cr, &gait, self->body_mass_kg, self->side, width, height,
                            adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
draw_butterfly (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        data)
{
  PlantarFootPanel *self = data;
  PlantarGait gait = { 0 };

  gait.cop = self->cop;
  plantar_cop_butterfly_draw (cr, &gait, width, height, adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
draw_regions (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  PlantarFootPanel *self = data;
  PlantarThresholds *t = self->thresholds ? self->thresholds : plantar_thresholds_get_builtin ();

  plantar_region_bars_draw (cr, self->region_feet[0], self->region_feet[1],
                            plantar_thresholds_flag_limit (t, "heel_peak_kpa"),
                            plantar_thresholds_flag_limit (t, "forefoot_peak_kpa"), self->side,
                            width, height, adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

/* A card of a drawing with its caption under it */
static GtkWidget *
add_drawing_card (AdwPreferencesGroup *group,
                  const char          *caption_text,
                  int                  height,
                  GtkDrawingAreaDrawFunc draw,
                  gpointer             data)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *caption = gtk_label_new (caption_text);
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "strike-card");
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), height);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw, data, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, caption_text, -1);
  gtk_box_append (GTK_BOX (card), area);
  gtk_box_append (GTK_BOX (card), caption);
  gtk_widget_set_margin_top (card, 12);
  adw_preferences_group_add (group, card);
  return area;
}

/* The diagram of where the foot lands and the steps' force curves, in
 * cards under the Gait rows */
static void
add_strike_diagram (PlantarFootPanel    *self,
                    AdwPreferencesGroup *group)
{
  self->strike_area = add_drawing_card (group, _("Where the foot lands: a dot for each step’s first contact"), 170,
                                        draw_strike, self);
  self->force_area = add_drawing_card (group, _("The force under each step over its stance, this foot over the "
                                                "other: a thin line a step, the thick line their mean"),
                                       150, draw_force, self);
  self->butterfly_area = add_drawing_card (group, _("The centre of pressure over the whole walk on the treadmill, "
                                                    "seen from above: each foot’s stance a wing, double support "
                                                    "where they cross"),
                                           230, draw_butterfly, self);
}

static gboolean
same_keys (PlantarFootPanel *self,
           GPtrArray        *rows)
{
  if (rows->len != self->keys->len)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (!g_str_equal (((PlantarMeasurementRow *) g_ptr_array_index (rows, i))->key, g_ptr_array_index (self->keys, i)))
      return FALSE;
  return TRUE;
}

static void
rebuild (PlantarFootPanel *self,
         GPtrArray        *rows)
{
  AdwPreferencesGroup *groups[PLANTAR_N_SECTIONS] = { NULL };

  clear_box (self->sections);
  self->strike_area = NULL;
  self->force_area = NULL;
  self->butterfly_area = NULL;
  self->regions_area = NULL;
  g_ptr_array_set_size (self->keys, 0);
  g_hash_table_remove_all (self->values);
  g_hash_table_remove_all (self->categories);
  g_hash_table_remove_all (self->rows);

  for (guint i = 0; i < rows->len; i++)
    {
      PlantarMeasurementRow *r = g_ptr_array_index (rows, i);
      GtkWidget *row, *value, *category, *box;

      if (g_str_equal (r->key, "arch_index"))
        {
          /* large at the top */
          g_ptr_array_add (self->keys, g_strdup (r->key));
          continue;
        }
      if (groups[r->section] == NULL)
        {
          groups[r->section] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (groups[r->section], plantar_section_title (r->section));
          gtk_box_append (self->sections, GTK_WIDGET (groups[r->section]));
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), r->label);
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      category = gtk_label_new (NULL);
      gtk_widget_add_css_class (category, "category");
      gtk_widget_set_valign (category, GTK_ALIGN_CENTER);
      value = gtk_label_new (NULL);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      /* one line for a number; a few words may wrap, short of squeezing */
      gtk_label_set_wrap (GTK_LABEL (value), g_utf8_strlen (r->value, -1) > 16);
      gtk_label_set_justify (GTK_LABEL (value), GTK_JUSTIFY_RIGHT);
      gtk_widget_add_css_class (value, "numeric");
      gtk_box_append (GTK_BOX (box), category);
      gtk_box_append (GTK_BOX (box), value);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      /* a long value goes under the title, where it may wrap */
      if (g_str_equal (r->key, "shoe_size"))
        gtk_widget_set_visible (value, FALSE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
      adw_preferences_group_add (groups[r->section], row);

      g_ptr_array_add (self->keys, g_strdup (r->key));
      g_hash_table_insert (self->values, g_strdup (r->key), value);
      g_hash_table_insert (self->categories, g_strdup (r->key), category);
      g_hash_table_insert (self->rows, g_strdup (r->key), row);
    }
  if (groups[PLANTAR_SECTION_PRESSURE] != NULL)
    self->regions_area = add_drawing_card (groups[PLANTAR_SECTION_PRESSURE],
                                           _("The peak pressure of each region, this foot’s bars over the "
                                             "other’s; a red mark is the heel’s or the forefoot’s flag"),
                                           230, draw_regions, self);
  if (groups[PLANTAR_SECTION_GAIT] != NULL)
    add_strike_diagram (self, groups[PLANTAR_SECTION_GAIT]);
}

static void
plantar_foot_panel_finalize (GObject *object)
{
  PlantarFootPanel *self = PLANTAR_FOOT_PANEL (object);

  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->categories, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->strike_foot, plantar_foot_unref);
  g_clear_pointer (&self->strike_steps, g_array_unref);
  g_clear_pointer (&self->cop, g_array_unref);
  g_clear_pointer (&self->region_feet[0], plantar_foot_unref);
  g_clear_pointer (&self->region_feet[1], plantar_foot_unref);
  g_clear_pointer (&self->thresholds, plantar_thresholds_unref);

  G_OBJECT_CLASS (plantar_foot_panel_parent_class)->finalize (object);
}

static void
plantar_foot_panel_class_init (PlantarFootPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = plantar_foot_panel_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "footpanel");
}

static void
plantar_foot_panel_init (PlantarFootPanel *self)
{
  GtkWidget *box;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);

  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (dark_changed_cb), self, 0);

  /* the arch index, large */
  self->summary = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->summary, "card");
  gtk_widget_add_css_class (self->summary, "arch-summary");
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  self->ai_value = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->ai_value), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (self->ai_value), "numeric");
  gtk_label_set_selectable (self->ai_value, TRUE);
  self->ai_category = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->ai_category, TRUE);
  gtk_label_set_xalign (self->ai_category, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->ai_category), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->ai_category), "title-4");
  gtk_widget_set_valign (GTK_WIDGET (self->ai_category), GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (GTK_WIDGET (self->ai_value), GTK_ALIGN_BASELINE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->ai_value));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->ai_category));
  {
    GtkWidget *caption = gtk_label_new (_("Arch index"));
    gtk_label_set_xalign (GTK_LABEL (caption), 0);
    gtk_widget_add_css_class (caption, "caption-heading");
    gtk_widget_add_css_class (caption, "dim-label");
    gtk_box_append (GTK_BOX (self->summary), caption);
  }
  gtk_box_append (GTK_BOX (self->summary), box);
  self->ai_spread = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->ai_spread, 0);
  gtk_label_set_wrap (self->ai_spread, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->ai_spread), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->ai_spread), "dim-label");
  gtk_box_append (GTK_BOX (self->summary), GTK_WIDGET (self->ai_spread));
  self->ai_scale = PLANTAR_ARCH_SCALE (plantar_arch_scale_new ());
  gtk_box_append (GTK_BOX (self->summary), GTK_WIDGET (self->ai_scale));
  gtk_box_append (GTK_BOX (self), self->summary);

  self->sections = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->sections));
  self->notes = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->notes));

  self->empty = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->empty), TRUE);
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_widget_set_visible (self->empty, FALSE);
  gtk_box_append (GTK_BOX (self), self->empty);
}

GtkWidget *
plantar_foot_panel_new (PlantarSide side)
{
  PlantarFootPanel *self = g_object_new (PLANTAR_TYPE_FOOT_PANEL, NULL);

  self->side = side;
  gtk_label_set_text (GTK_LABEL (self->empty), side == PLANTAR_SIDE_LEFT ? _("No left foot in this fitting.")
                                                                          : _("No right foot in this fitting."));
  return GTK_WIDGET (self);
}

/**
 * plantar_foot_panel_update:
 * @foot: (nullable): the foot, or %NULL when the fitting has none of this side
 */
void
plantar_foot_panel_update (PlantarFootPanel                *self,
                           const PlantarFoot               *foot,
                           PlantarThresholds               *thresholds,
                           const PlantarMeasurementOptions *options)
{
  g_autoptr(GPtrArray) rows = NULL;
  const PlantarMeasurementRow *ai;
  g_autofree char *disagreement = NULL;
  GtkWidget *child;

  g_return_if_fail (PLANTAR_IS_FOOT_PANEL (self));

  g_hash_table_remove_all (self->texts);
  gtk_widget_set_visible (self->summary, foot != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sections), foot != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->notes), foot != NULL);
  gtk_widget_set_visible (self->empty, foot == NULL);
  if (foot == NULL)
    return;

  rows = plantar_measurements_rows (foot, thresholds, options);
  if (!same_keys (self, rows))
    rebuild (self, rows);

  ai = plantar_measurements_find (rows, "arch_index");
  if (ai != NULL)
    {
      g_autofree char *title = plantar_category_title ("arch_index", ai->category);
      g_autofree char *number = g_strdup_printf ("%.3f", ai->number);
      g_autofree char *spread = NULL;

      /* the mean large; how many steps, and their spread once there are
       * enough for one to mean something, beneath */
      if (options != NULL && options->n_steps >= 3 && isfinite (options->sd_arch_index))
        spread = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mean of %u step, SD %.3f",
                                               "Mean of %u steps, SD %.3f", options->n_steps),
                                  options->n_steps, options->sd_arch_index);
      else if (options != NULL && options->n_steps >= 2)
        spread = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mean of %u step: too few for a spread",
                                               "Mean of %u steps: too few for a spread", options->n_steps),
                                  options->n_steps);
      /* an insole's load is not a footprint: the category is a hint */
      if (options != NULL && options->in_shoe)
        {
          const char *caveat = _("Measured inside a shoe: indicative only");
          char *both = spread ? g_strdup_printf ("%s\n%s", spread, caveat) : g_strdup (caveat);
          g_free (spread);
          spread = both;
        }
      gtk_label_set_text (self->ai_spread, spread ? spread : "");
      g_hash_table_insert (self->texts, g_strdup ("arch_index_spread"), g_strdup (spread ? spread : ""));
      gtk_widget_set_visible (GTK_WIDGET (self->ai_spread), spread != NULL);
      gtk_label_set_text (self->ai_value, number);
      gtk_label_set_text (self->ai_category, title ? title : "");
      gtk_widget_set_tooltip_text (self->summary, ai->hint);
      plantar_arch_scale_set_value (self->ai_scale, thresholds, ai->number);
      g_hash_table_insert (self->texts, g_strdup ("arch_index"), g_strdup (ai->value));
    }
  else
    {
      gtk_label_set_text (self->ai_value, "–");
      gtk_label_set_text (self->ai_category, "");
      gtk_widget_set_visible (GTK_WIDGET (self->ai_spread), FALSE);
      plantar_arch_scale_set_value (self->ai_scale, thresholds, NAN);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      PlantarMeasurementRow *r = g_ptr_array_index (rows, i);
      GtkLabel *value = g_hash_table_lookup (self->values, r->key);
      GtkLabel *category = g_hash_table_lookup (self->categories, r->key);
      GtkWidget *row = g_hash_table_lookup (self->rows, r->key);
      if (value == NULL)
        continue;
      if (g_strcmp0 (gtk_label_get_text (value), r->value) != 0)
        gtk_label_set_text (value, r->value);
      if (!gtk_widget_get_visible (GTK_WIDGET (value)))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->value);
      set_category (category, r->key, r->category, r->flagged);
      gtk_widget_set_tooltip_text (row, r->hint);
      g_hash_table_insert (self->texts, g_strdup (r->key), g_strdup (r->value));
      g_hash_table_insert (self->texts, g_strconcat (r->key, ":category", NULL), g_strdup (r->category ? r->category : ""));
    }

  if (self->thresholds != thresholds)
    {
      g_clear_pointer (&self->thresholds, plantar_thresholds_unref);
      self->thresholds = thresholds ? plantar_thresholds_ref (thresholds) : NULL;
    }
  /* both feet's regions */
  for (int k = 0; k < 2; k++)
    {
      g_clear_pointer (&self->region_feet[k], plantar_foot_unref);
      if (options != NULL && options->feet[k] != NULL)
        self->region_feet[k] = plantar_foot_ref ((PlantarFoot *) options->feet[k]);
    }
  if (self->regions_area != NULL)
    gtk_widget_queue_draw (self->regions_area);

  /* where this foot's steps land */
  g_clear_pointer (&self->strike_foot, plantar_foot_unref);
  g_clear_pointer (&self->strike_steps, g_array_unref);
  g_clear_pointer (&self->cop, g_array_unref);
  if (self->strike_area != NULL && options != NULL && options->gait != NULL && options->gait->steps != NULL)
    {
      self->strike_foot = plantar_foot_ref ((PlantarFoot *) foot);
      self->strike_steps = g_array_ref (options->gait->steps);
      self->body_mass_kg = options->body_mass_kg;
      self->cop = options->gait->cop ? g_array_ref (options->gait->cop) : NULL;
      gtk_widget_queue_draw (self->strike_area);
      gtk_widget_queue_draw (self->butterfly_area);
      gtk_widget_set_visible (gtk_widget_get_parent (self->butterfly_area), self->cop != NULL);
      gtk_widget_queue_draw (self->force_area);
      /* no force without kPa */
      gtk_widget_set_visible (gtk_widget_get_parent (self->force_area),
                              self->strike_steps->len > 0 &&
                              isfinite (g_array_index (self->strike_steps, PlantarGaitStep, 0).force_n[0]));
    }

  /* what the analysis warns of */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notes))) != NULL)
    gtk_box_remove (self->notes, child);
  disagreement = plantar_measurements_disagreement (rows);
  g_hash_table_insert (self->texts, g_strdup ("disagreement"), g_strdup (disagreement ? disagreement : ""));
  for (guint i = 0; i < (foot->warnings != NULL ? foot->warnings->len : 0) + 1; i++)
    {
      const char *text = foot->warnings != NULL && i < foot->warnings->len ? g_ptr_array_index (foot->warnings, i)
                                                                          : disagreement;
      GtkWidget *note;
      if (text == NULL)
        continue;
      note = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (self->notes, note);
    }
}

const char *
plantar_foot_panel_get_value (PlantarFootPanel *self,
                              const char       *key)
{
  g_return_val_if_fail (PLANTAR_IS_FOOT_PANEL (self), NULL);
  return g_hash_table_lookup (self->texts, key);
}

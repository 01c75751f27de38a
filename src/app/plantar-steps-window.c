/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-steps-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-measurements.h"
#include "plantar-steps-window.h"

/*
 * Every step of a recording in one table: its side, arch index, length,
 * CPEI, contact time and why it is partial, sorted by any of them, and
 * the one chosen shown in the window. A fitter looks for the odd step
 * out, a podiatrist for the spread.
 */

/* ------------------------------------------------------------ a step */

#define PLANTAR_TYPE_STEP_ROW (plantar_step_row_get_type ())
G_DECLARE_FINAL_TYPE (PlantarStepRow, plantar_step_row, PLANTAR, STEP_ROW, GObject)

struct _PlantarStepRow
{
  GObject     parent_instance;
  PlantarSide side;
  guint       choice;
  guint       number;
  char       *side_name;
  double      values[4];   /* arch index, length mm, CPEI %, contact ms: NAN when not measured */
  char       *note;
};

enum { VALUE_AI, VALUE_LENGTH, VALUE_CPEI, VALUE_CONTACT };

enum {
  ROW_PROP_0,
  ROW_PROP_NUMBER,
  ROW_PROP_SIDE,
  ROW_PROP_AI,
  ROW_PROP_LENGTH,
  ROW_PROP_CPEI,
  ROW_PROP_CONTACT,
  ROW_N_PROPS
};

G_DEFINE_FINAL_TYPE (PlantarStepRow, plantar_step_row, G_TYPE_OBJECT)

static void
plantar_step_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PlantarStepRow *self = PLANTAR_STEP_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case ROW_PROP_SIDE:
      g_value_set_string (value, self->side_name);
      break;
    case ROW_PROP_AI:
    case ROW_PROP_LENGTH:
    case ROW_PROP_CPEI:
    case ROW_PROP_CONTACT:
      {
        /* what is not measured sorts after every value */
        double v = self->values[prop_id - ROW_PROP_AI];
        g_value_set_double (value, isfinite (v) ? v : G_MAXDOUBLE);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plantar_step_row_finalize (GObject *object)
{
  PlantarStepRow *self = PLANTAR_STEP_ROW (object);

  g_free (self->side_name);
  g_free (self->note);
  G_OBJECT_CLASS (plantar_step_row_parent_class)->finalize (object);
}

static void
plantar_step_row_class_init (PlantarStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, "number", "side", "ai", "length", "cpei", "contact" };

  object_class->get_property = plantar_step_row_get_property;
  object_class->finalize = plantar_step_row_finalize;
  g_object_class_install_property (object_class, ROW_PROP_NUMBER,
                                   g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, ROW_PROP_SIDE,
                                   g_param_spec_string ("side", NULL, NULL, NULL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  for (guint p = ROW_PROP_AI; p < ROW_N_PROPS; p++)
    g_object_class_install_property (object_class, p,
                                     g_param_spec_double (names[p], NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
plantar_step_row_init (PlantarStepRow *self)
{
}

/* ------------------------------------------------------------ the window */

struct _PlantarStepsWindow
{
  AdwWindow       parent_instance;

  PlantarFitting *fitting;
  GListStore     *store;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;

  /* template */
  GtkColumnView  *view;
  AdwWindowTitle *title;
};

G_DEFINE_FINAL_TYPE (PlantarStepsWindow, plantar_steps_window, ADW_TYPE_WINDOW)

static const struct {
  const char *key;       /* the row's property; NULL for the note */
  const char *title;
  gboolean    numeric;
} columns[] = {
  { "number", N_("Step"), TRUE },
  { "side", N_("Foot"), FALSE },
  { "ai", N_("Arch index"), TRUE },
  { "length", N_("Length"), TRUE },
  { "cpei", N_("CPEI"), TRUE },
  { "contact", N_("Contact"), TRUE },
  { NULL, N_("Note"), FALSE },
};

static char *
cell_text (PlantarStepRow *row,
           guint           column)
{
  double v;

  switch (column)
    {
    case 0:
      return g_strdup_printf ("%u", row->number);
    case 1:
      return g_strdup (row->side_name);
    case 6:
      return g_strdup (row->note ? row->note : "");
    default:
      break;
    }
  v = row->values[column - 2];
  if (!isfinite (v))
    /* TRANSLATORS: a measure a step lacks, in the table of steps */
    return g_strdup (_("–"));
  switch (column - 2)
    {
    case VALUE_AI:
      return g_strdup_printf ("%.3f", v);
    case VALUE_LENGTH:
      return plantar_format_length (v, PLANTAR_LENGTH_MM);
    case VALUE_CPEI:
      return g_strdup_printf (_("%.1f %%"), v);
    case VALUE_CONTACT:
    default:
      /* TRANSLATORS: a step's contact time in seconds */
      return g_strdup_printf (_("%.2f s"), v / 1000);
    }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), columns[column].numeric ? 1 : 0);
  if (columns[column].numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (columns[column].key == NULL)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_add_css_class (label, "dim-label");
    }
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  g_autofree char *text = cell_text (gtk_list_item_get_item (item), GPOINTER_TO_UINT (data));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_columns (PlantarStepsWindow *self)
{
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(columns[c].title), factory);
      if (columns[c].key != NULL)
        {
          GtkExpression *e = gtk_property_expression_new (PLANTAR_TYPE_STEP_ROW, NULL, columns[c].key);
          sorter = columns[c].numeric ? GTK_SORTER (gtk_numeric_sorter_new (e)) : GTK_SORTER (gtk_string_sorter_new (e));
          gtk_column_view_column_set_sorter (column, sorter);
          g_object_unref (sorter);
        }
      gtk_column_view_column_set_expand (column, columns[c].key == NULL);
      g_object_set_data (G_OBJECT (column), "plantar-key", (gpointer) columns[c].key);
      gtk_column_view_append_column (self->view, column);
      g_object_unref (column);
    }
}

/* The steps of both feet, from the fitting: every choice but the mean. */
static void
fill (PlantarStepsWindow *self)
{
  guint n = 0;

  g_list_store_remove_all (self->store);
  for (int s = 0; s < 2; s++)
    {
      PlantarSide side = s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      guint choices = plantar_fitting_get_n_choices (self->fitting, side);

      for (guint c = 0; c < choices; c++)
        {
          PlantarFoot *foot = plantar_fitting_get_choice_foot (self->fitting, side, c);
          g_autoptr(PlantarStepRow) row = NULL;

          /* the mean is not a step */
          if (foot == NULL || (c == 0 && plantar_fitting_has_mean (self->fitting, side)))
            continue;
          row = g_object_new (PLANTAR_TYPE_STEP_ROW, NULL);
          row->side = side;
          row->choice = c;
          row->number = foot->index + 1;
          row->side_name = g_strdup (side == PLANTAR_SIDE_LEFT ? _("Left") : _("Right"));
          row->values[VALUE_AI] = foot->arch_index;
          row->values[VALUE_LENGTH] = isfinite (foot->foot_length_mm) ? foot->foot_length_mm : foot->toeless_length_mm;
          row->values[VALUE_CPEI] = foot->cpei_pct;
          row->values[VALUE_CONTACT] = foot->contact_ms > 0 ? foot->contact_ms : NAN;
          row->note = plantar_fitting_get_choice_note (self->fitting, side, c);
          g_list_store_append (self->store, row);
          n++;
        }
    }
  {
    g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps", n), n);
    adw_window_title_set_subtitle (self->title, subtitle);
  }
}

static void
fitting_changed_cb (PlantarStepsWindow *self)
{
  fill (self);
}

void
plantar_steps_window_choose (PlantarStepsWindow *self,
                             guint               position)
{
  g_autoptr(PlantarStepRow) row = NULL;

  g_return_if_fail (PLANTAR_IS_STEPS_WINDOW (self));
  row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  if (row == NULL)
    return;
  plantar_fitting_set_choice (self->fitting, row->side, row->choice);
}

static void
row_activated_cb (PlantarStepsWindow *self,
                  guint               position)
{
  plantar_steps_window_choose (self, position);
}

GListModel *
plantar_steps_window_get_model (PlantarStepsWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_STEPS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

void
plantar_steps_window_sort_by (PlantarStepsWindow *self,
                              const char         *key,
                              gboolean            descending)
{
  GListModel *cols = gtk_column_view_get_columns (self->view);

  for (guint i = 0; i < g_list_model_get_n_items (cols); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (cols, i);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "plantar-key"), key) == 0)
        gtk_column_view_sort_by_column (self->view, column,
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
    }
}

static void
plantar_steps_window_dispose (GObject *object)
{
  PlantarStepsWindow *self = PLANTAR_STEPS_WINDOW (object);

  if (self->fitting != NULL)
    g_signal_handlers_disconnect_by_data (self->fitting, self);
  g_clear_object (&self->fitting);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_STEPS_WINDOW);
  G_OBJECT_CLASS (plantar_steps_window_parent_class)->dispose (object);
}

static void
plantar_steps_window_finalize (GObject *object)
{
  PlantarStepsWindow *self = PLANTAR_STEPS_WINDOW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (plantar_steps_window_parent_class)->finalize (object);
}

static void
plantar_steps_window_class_init (PlantarStepsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_steps_window_dispose;
  object_class->finalize = plantar_steps_window_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-steps-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarStepsWindow, view);
  gtk_widget_class_bind_template_child (widget_class, PlantarStepsWindow, title);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
plantar_steps_window_init (PlantarStepsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = g_list_store_new (PLANTAR_TYPE_STEP_ROW);
  add_columns (self);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                          g_object_ref (gtk_column_view_get_sorter (self->view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
}

PlantarStepsWindow *
plantar_steps_window_new (GtkWindow      *parent,
                          PlantarFitting *fitting)
{
  PlantarStepsWindow *self = g_object_new (PLANTAR_TYPE_STEPS_WINDOW,
                                           "transient-for", parent,
                                           "destroy-with-parent", TRUE,
                                           NULL);

  self->fitting = g_object_ref (fitting);
  g_signal_connect_swapped (fitting, "changed", G_CALLBACK (fitting_changed_cb), self);
  fill (self);
  return self;
}

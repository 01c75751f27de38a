/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "plantar-feet-box.h"

/*
 * Both feet and their measurements, however wide the window.
 *
 * Its children, in the order the template gives them: the left foot's
 * measurements, the left map's column, a separator, the right map's
 * column, the right foot's measurements. Wide, they stand in that order,
 * the measurements growing with the window (a fifth of it each, up to
 * PANEL_MAX) so that a large screen is shared between the maps and the
 * numbers. Narrower than both panels and both maps need, the maps stay
 * side by side and one foot's measurements stand at the right, with a
 * switch above them between the feet: a 1024 × 600 store laptop shows
 * everything. The maps' columns always share what is left equally, so
 * that choosing another step never moves a pane.
 */

#define PANEL_MIN    300
#define PANEL_MAX    460
#define NARROW_MIN   280
#define COLUMN_MIN   250

enum {
  LEFT_PANEL,
  LEFT_COLUMN,
  SEPARATOR,
  RIGHT_COLUMN,
  RIGHT_PANEL,
  N_PARTS
};

struct _PlantarFeetBox
{
  GtkWidget    parent_instance;

  GtkWidget   *parts[N_PARTS];
  guint        n_parts;
  GtkWidget   *switcher;          /* Left | Right, when narrow */
  GtkWidget   *left_toggle;
  GtkWidget   *right_toggle;
  gboolean     present[2];
  gboolean     narrow;
  PlantarSide  shown;
};

static void plantar_feet_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PlantarFeetBox, plantar_feet_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, plantar_feet_box_buildable_init))

enum {
  PROP_0,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkBuildableIface *parent_buildable;

static void
plantar_feet_box_add_child (GtkBuildable *buildable,
                            GtkBuilder   *builder,
                            GObject      *child,
                            const char   *type)
{
  PlantarFeetBox *self = PLANTAR_FEET_BOX (buildable);

  if (GTK_IS_WIDGET (child) && self->n_parts < N_PARTS)
    {
      self->parts[self->n_parts++] = GTK_WIDGET (child);
      gtk_widget_insert_before (GTK_WIDGET (child), GTK_WIDGET (self), self->switcher);
    }
  else
    parent_buildable->add_child (buildable, builder, child, type);
}

static void
plantar_feet_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable = g_type_interface_peek_parent (iface);
  iface->add_child = plantar_feet_box_add_child;
}

static int
min_width (GtkWidget *w)
{
  int min = 0;

  if (w != NULL && gtk_widget_get_visible (w))
    gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* What the maps need, side by side, with the separator. */
static int
maps_min (PlantarFeetBox *self)
{
  return MAX (COLUMN_MIN, min_width (self->parts[LEFT_COLUMN])) +
         MAX (COLUMN_MIN, min_width (self->parts[RIGHT_COLUMN])) + min_width (self->parts[SEPARATOR]);
}

static int
panel_width (int width,
             int lo)
{
  return CLAMP (width / 5, lo, PANEL_MAX);
}

static gboolean
fits_wide (PlantarFeetBox *self,
           int             width)
{
  int panels = (self->present[0] ? 1 : 0) + (self->present[1] ? 1 : 0);
  return width >= maps_min (self) + MAX (panels, 1) * panel_width (width, PANEL_MIN);
}

static void
plantar_feet_box_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  PlantarFeetBox *self = PLANTAR_FEET_BOX (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int nat = 0;
      for (guint i = 0; i < self->n_parts; i++)
        if (gtk_widget_get_visible (self->parts[i]))
          {
            int m, n;
            gtk_widget_measure (self->parts[i], orientation, -1, &m, &n, NULL, NULL);
            nat += i == LEFT_PANEL || i == RIGHT_PANEL ? MAX (n, PANEL_MIN) : MAX (n, COLUMN_MIN);
          }
      *minimum = maps_min (self) + NARROW_MIN;
      *natural = MAX (nat, *minimum);
    }
  else
    {
      for (guint i = 0; i < self->n_parts; i++)
        {
          int m = 0, n = 0;
          if (!gtk_widget_get_visible (self->parts[i]))
            continue;
          gtk_widget_measure (self->parts[i], orientation, -1, &m, &n, NULL, NULL);
          *minimum = MAX (*minimum, m);
          *natural = MAX (*natural, n);
        }
      {
        int m = 0, n = 0;
        gtk_widget_measure (self->switcher, orientation, -1, &m, &n, NULL, NULL);
        *minimum = MAX (*minimum, m);
      }
    }
  *minimum_baseline = *natural_baseline = -1;
}

static void
place (GtkWidget *child,
       int        x,
       int        y,
       int        width,
       int        height)
{
  GtkAllocation a = { x, y, MAX (width, 0), MAX (height, 0) };

  gtk_widget_set_child_visible (child, TRUE);
  gtk_widget_size_allocate (child, &a, -1);
}

static void
update_toggles (PlantarFeetBox *self)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->left_toggle), self->shown == PLANTAR_SIDE_LEFT);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->right_toggle), self->shown == PLANTAR_SIDE_RIGHT);
}

static void
plantar_feet_box_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  PlantarFeetBox *self = PLANTAR_FEET_BOX (widget);
  gboolean narrow;
  int x = 0, sep, columns, left_w, panel;
  GtkWidget *left_panel = self->parts[LEFT_PANEL], *right_panel = self->parts[RIGHT_PANEL];

  if (self->n_parts < N_PARTS)
    return;
  narrow = !fits_wide (self, width);
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
    }
  sep = min_width (self->parts[SEPARATOR]);

  if (!narrow)
    {
      panel = panel_width (width, PANEL_MIN);
      gtk_widget_set_child_visible (self->switcher, FALSE);
      columns = width - sep - (self->present[0] ? panel : 0) - (self->present[1] ? panel : 0);
      left_w = columns / 2;
      if (self->present[0])
        {
          place (left_panel, x, 0, panel, height);
          x += panel;
        }
      else
        gtk_widget_set_child_visible (left_panel, FALSE);
      place (self->parts[LEFT_COLUMN], x, 0, left_w, height);
      x += left_w;
      place (self->parts[SEPARATOR], x, 0, sep, height);
      x += sep;
      place (self->parts[RIGHT_COLUMN], x, 0, columns - left_w, height);
      x += columns - left_w;
      if (self->present[1])
        place (right_panel, x, 0, panel, height);
      else
        gtk_widget_set_child_visible (right_panel, FALSE);
      return;
    }

  /* narrow: the maps, then one foot's measurements with the switch above */
  {
    gboolean both = self->present[0] && self->present[1];
    PlantarSide side = both ? self->shown : self->present[0] ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
    GtkWidget *shown = side == PLANTAR_SIDE_LEFT ? left_panel : right_panel;
    GtkWidget *hidden = side == PLANTAR_SIDE_LEFT ? right_panel : left_panel;
    int switch_h = 0;

    panel = CLAMP (width - maps_min (self), NARROW_MIN, PANEL_MIN);
    columns = width - sep - panel;
    left_w = columns / 2;
    place (self->parts[LEFT_COLUMN], 0, 0, left_w, height);
    place (self->parts[SEPARATOR], left_w, 0, sep, height);
    place (self->parts[RIGHT_COLUMN], left_w + sep, 0, columns - left_w, height);
    if (both)
      {
        gtk_widget_measure (self->switcher, GTK_ORIENTATION_VERTICAL, panel, NULL, &switch_h, NULL, NULL);
        place (self->switcher, columns + sep, 0, panel, switch_h);
      }
    else
      gtk_widget_set_child_visible (self->switcher, FALSE);
    place (shown, columns + sep, switch_h, panel, height - switch_h);
    gtk_widget_set_child_visible (hidden, FALSE);
  }
}

static void
toggled_cb (GtkToggleButton *button,
            PlantarFeetBox  *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  plantar_feet_box_show_side (self, GTK_WIDGET (button) == self->left_toggle ? PLANTAR_SIDE_LEFT
                                                                              : PLANTAR_SIDE_RIGHT);
}

static void
plantar_feet_box_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PlantarFeetBox *self = PLANTAR_FEET_BOX (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plantar_feet_box_dispose (GObject *object)
{
  PlantarFeetBox *self = PLANTAR_FEET_BOX (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->n_parts = 0;
  self->switcher = NULL;
  G_OBJECT_CLASS (plantar_feet_box_parent_class)->dispose (object);
}

static void
plantar_feet_box_class_init (PlantarFeetBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = plantar_feet_box_get_property;
  object_class->dispose = plantar_feet_box_dispose;
  widget_class->measure = plantar_feet_box_measure;
  widget_class->size_allocate = plantar_feet_box_size_allocate;

  /**
   * PlantarFeetBox:narrow:
   *
   * One foot's measurements at a time, the window being too narrow for both.
   */
  properties[PROP_NARROW] = g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                    G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "feetbox");
}

static void
plantar_feet_box_init (PlantarFeetBox *self)
{
  self->present[0] = self->present[1] = TRUE;
  self->shown = PLANTAR_SIDE_LEFT;
  self->switcher = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->switcher, "linked");
  gtk_widget_add_css_class (self->switcher, "feet-switcher");
  gtk_widget_set_halign (self->switcher, GTK_ALIGN_CENTER);
  self->left_toggle = gtk_toggle_button_new_with_label (_("Left Foot"));
  self->right_toggle = gtk_toggle_button_new_with_label (_("Right Foot"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->right_toggle), GTK_TOGGLE_BUTTON (self->left_toggle));
  gtk_widget_set_tooltip_text (self->left_toggle, _("The left foot’s measurements"));
  gtk_widget_set_tooltip_text (self->right_toggle, _("The right foot’s measurements"));
  gtk_box_append (GTK_BOX (self->switcher), self->left_toggle);
  gtk_box_append (GTK_BOX (self->switcher), self->right_toggle);
  g_signal_connect (self->left_toggle, "toggled", G_CALLBACK (toggled_cb), self);
  g_signal_connect (self->right_toggle, "toggled", G_CALLBACK (toggled_cb), self);
  gtk_widget_set_parent (self->switcher, GTK_WIDGET (self));
  gtk_widget_set_child_visible (self->switcher, FALSE);
  update_toggles (self);
}

/* Which feet the fitting has: a missing foot has no measurements. */
void
plantar_feet_box_set_present (PlantarFeetBox *self,
                              gboolean        left,
                              gboolean        right)
{
  g_return_if_fail (PLANTAR_IS_FEET_BOX (self));
  if (self->present[0] == left && self->present[1] == right)
    return;
  self->present[0] = left;
  self->present[1] = right;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
plantar_feet_box_get_narrow (PlantarFeetBox *self)
{
  g_return_val_if_fail (PLANTAR_IS_FEET_BOX (self), FALSE);
  return self->narrow;
}

PlantarSide
plantar_feet_box_get_shown (PlantarFeetBox *self)
{
  g_return_val_if_fail (PLANTAR_IS_FEET_BOX (self), PLANTAR_SIDE_LEFT);
  return self->shown;
}

/* When narrow, the measurements of @side are the ones shown. */
void
plantar_feet_box_show_side (PlantarFeetBox *self,
                            PlantarSide     side)
{
  g_return_if_fail (PLANTAR_IS_FEET_BOX (self));
  if (side != PLANTAR_SIDE_LEFT && side != PLANTAR_SIDE_RIGHT)
    return;
  if (self->shown != side)
    {
      self->shown = side;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  update_toggles (self);
}

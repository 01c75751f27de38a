/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-arch-scale"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "plantar-arch-scale.h"
#include "plantar-measurements.h"

/*
 * Where an arch index falls between a high arch and a flat foot: the
 * categories of the thresholds as bands from 0.0 to 0.40, a mark at the
 * value, the bounds written under it.
 */

#define LOW   0.0
#define HIGH  0.40
#define BAR_H 10.0

struct _PlantarArchScale
{
  GtkWidget         parent_instance;

  PlantarScaleBand  bands[8];
  guint             n_bands;
  double            value;
};

G_DEFINE_FINAL_TYPE (PlantarArchScale, plantar_arch_scale, GTK_TYPE_WIDGET)

static void
band_colour (const char *name,
             gboolean    dark,
             GdkRGBA    *rgba)
{
  /* high: violet, normal: green, flat: amber; quiet tones */
  if (g_str_equal (name, "high"))
    gdk_rgba_parse (rgba, dark ? "#7d5fb8" : "#b9a5e0");
  else if (g_str_equal (name, "normal"))
    gdk_rgba_parse (rgba, dark ? "#3d8f5c" : "#9fd8b0");
  else
    gdk_rgba_parse (rgba, dark ? "#b58a2e" : "#f0cf86");
}

static double
to_x (double value,
      double width)
{
  return 8 + (CLAMP (value, LOW, HIGH) - LOW) / (HIGH - LOW) * (width - 16);
}

static void
plantar_arch_scale_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  PlantarArchScale *self = PLANTAR_ARCH_SCALE (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA fg;
  cairo_t *cr;
  double y = 12;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint i = 0; i < self->n_bands; i++)
    {
      GdkRGBA c;
      double x0 = to_x (self->bands[i].from, width), x1 = to_x (self->bands[i].to, width);
      band_colour (self->bands[i].name, dark, &c);
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_rectangle (cr, x0, y, x1 - x0, BAR_H);
      cairo_fill (cr);
    }

  /* the bounds between the bands */
  for (guint i = 0; i + 1 < self->n_bands; i++)
    {
      g_autofree char *text = g_strdup_printf ("%.2f", self->bands[i].to);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      double x = to_x (self->bands[i].to, width);
      int tw, th;
      pango_layout_get_pixel_size (layout, &tw, &th);
      gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg.red, fg.green, fg.blue, 0.6 });
      /* the bounds of a narrow band stand apart: the lower one to the
       * left of its mark, the upper one to the right */
      if (self->n_bands > 2 && i == 0)
        cairo_move_to (cr, x - tw - 1, y + BAR_H + 3);
      else if (self->n_bands > 2 && i == self->n_bands - 2)
        cairo_move_to (cr, x + 2, y + BAR_H + 3);
      else
        cairo_move_to (cr, x - tw / 2.0, y + BAR_H + 3);
      pango_cairo_show_layout (cr, layout);
    }

  /* the value */
  if (isfinite (self->value))
    {
      double x = to_x (self->value, width);
      cairo_move_to (cr, x, y - 1);
      cairo_line_to (cr, x - 6, y - 9);
      cairo_line_to (cr, x + 6, y - 9);
      cairo_close_path (cr);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_fill (cr);
      cairo_rectangle (cr, x - 1.5, y - 1, 3, BAR_H + 2);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
plantar_arch_scale_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 240;
    }
  else
    *minimum = *natural = 44;
}

static void
plantar_arch_scale_class_init (PlantarArchScaleClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = plantar_arch_scale_snapshot;
  widget_class->measure = plantar_arch_scale_measure;
  gtk_widget_class_set_css_name (widget_class, "archscale");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
plantar_arch_scale_init (PlantarArchScale *self)
{
  self->value = NAN;
}

GtkWidget *
plantar_arch_scale_new (void)
{
  return g_object_new (PLANTAR_TYPE_ARCH_SCALE, NULL);
}

void
plantar_arch_scale_set_value (PlantarArchScale  *self,
                              PlantarThresholds *thresholds,
                              double             value)
{
  g_autofree char *label = NULL;

  g_return_if_fail (PLANTAR_IS_ARCH_SCALE (self));
  self->n_bands = plantar_measurements_scale_bands (thresholds, "arch_index", LOW, HIGH, self->bands,
                                                    G_N_ELEMENTS (self->bands));
  self->value = value;
  label = isfinite (value) ? g_strdup_printf (_("Arch index %.3f on the scale from high arch to flat foot"), value)
                           : g_strdup (_("No arch index"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
plantar_arch_scale_get_value (PlantarArchScale *self)
{
  g_return_val_if_fail (PLANTAR_IS_ARCH_SCALE (self), NAN);
  return self->value;
}

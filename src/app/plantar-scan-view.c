/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-scan-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-render.h"
#include "plantar-scan-view.h"

/*
 * Shows a scan drawn with Cairo: a footprint image as it was scanned, or a
 * pressure scan coloured by value (the peak over all frames for a
 * recording), fitted into the widget with the cells' real proportions.
 * It can also take two clicks, to calibrate an image with a known distance.
 */

struct _PlantarScanView
{
  GtkWidget         parent_instance;

  PlantarScan      *scan;
  cairo_surface_t  *surface;
  PlantarColormap   colormap;
  double            max_value;

  gboolean          picking;
  guint             n_picked;
  double            picked[2][2];   /* in cells */
};

G_DEFINE_FINAL_TYPE (PlantarScanView, plantar_scan_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SCAN,
  PROP_COLORMAP,
  PROP_PICKING,
  N_PROPS
};

enum {
  POINTS_PICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Where the scan is drawn: origin and pixels per cell in x and y. */
typedef struct {
  double x0, y0;
  double sx, sy;
} Layout;

static gboolean
compute_layout (PlantarScanView *self,
                Layout          *layout)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double cw, ch, pw, ph, scale;
  guint w, h;

  if (self->scan == NULL || width < 2 || height < 2)
    return FALSE;

  w = plantar_scan_get_width (self->scan);
  h = plantar_scan_get_height (self->scan);
  cw = plantar_scan_has_scale (self->scan) ? plantar_scan_get_cell_width_mm (self->scan) : 1;
  ch = plantar_scan_has_scale (self->scan) ? plantar_scan_get_cell_height_mm (self->scan) : 1;
  pw = w * cw;
  ph = h * ch;
  scale = MIN ((width - 24) / pw, (height - 24) / ph);
  if (scale <= 0)
    return FALSE;

  layout->sx = scale * cw;
  layout->sy = scale * ch;
  layout->x0 = floor ((width - pw * scale) / 2);
  layout->y0 = floor ((height - ph * scale) / 2);
  return TRUE;
}

static void
rebuild_surface (PlantarScanView *self)
{
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  if (self->scan == NULL)
    return;

  if (plantar_scan_is_pressure (self->scan))
    {
      g_autofree float *peak = plantar_scan_compute_peak (self->scan);
      double lo;

      plantar_scan_get_value_range (self->scan, &lo, &self->max_value);
      self->surface = plantar_render_pressure (self->scan, peak, self->colormap, self->max_value);
    }
  else
    self->surface = plantar_render_image (self->scan);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PlantarScanView *self)
{
  Layout layout;

  if (!self->picking || !compute_layout (self, &layout))
    return;

  self->picked[self->n_picked][0] = (x - layout.x0) / layout.sx;
  self->picked[self->n_picked][1] = (y - layout.y0) / layout.sy;
  self->n_picked++;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (self->n_picked == 2)
    {
      self->n_picked = 0;
      g_signal_emit (self, signals[POINTS_PICKED], 0,
                     self->picked[0][0], self->picked[0][1], self->picked[1][0], self->picked[1][1]);
    }
}

static void
draw_picked (PlantarScanView *self,
             cairo_t         *cr,
             const Layout    *layout)
{
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };

  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < self->n_picked; i++)
    {
      double x = layout->x0 + self->picked[i][0] * layout->sx;
      double y = layout->y0 + self->picked[i][1] * layout->sy;
      cairo_move_to (cr, x - 8, y);
      cairo_line_to (cr, x + 8, y);
      cairo_move_to (cr, x, y - 8);
      cairo_line_to (cr, x, y + 8);
      cairo_stroke (cr);
    }
}

static void
plantar_scan_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  PlantarScanView *self = PLANTAR_SCAN_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  Layout layout;
  cairo_t *cr;

  if (self->surface == NULL || !compute_layout (self, &layout))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_save (cr);
  cairo_translate (cr, layout.x0, layout.y0);
  cairo_scale (cr, layout.sx, layout.sy);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  /* pressure cells stay crisp squares; images are filtered when shrunk */
  cairo_pattern_set_filter (cairo_get_source (cr),
                            plantar_scan_is_pressure (self->scan) ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_rectangle (cr, 0, 0, plantar_scan_get_width (self->scan), plantar_scan_get_height (self->scan));
  cairo_fill (cr);
  cairo_restore (cr);

  if (plantar_scan_is_pressure (self->scan))
    {
      /* the plate's edge */
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.5);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, layout.x0 - 0.5, layout.y0 - 0.5,
                       plantar_scan_get_width (self->scan) * layout.sx + 1,
                       plantar_scan_get_height (self->scan) * layout.sy + 1);
      cairo_stroke (cr);
    }

  if (self->picking)
    draw_picked (self, cr, &layout);

  cairo_destroy (cr);
}

static void
plantar_scan_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 480;
}

static void
plantar_scan_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PlantarScanView *self = PLANTAR_SCAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCAN:
      g_value_set_boxed (value, self->scan);
      break;
    case PROP_COLORMAP:
      g_value_set_int (value, self->colormap);
      break;
    case PROP_PICKING:
      g_value_set_boolean (value, self->picking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plantar_scan_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PlantarScanView *self = PLANTAR_SCAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCAN:
      plantar_scan_view_set_scan (self, g_value_get_boxed (value));
      break;
    case PROP_COLORMAP:
      plantar_scan_view_set_colormap (self, g_value_get_int (value));
      break;
    case PROP_PICKING:
      plantar_scan_view_set_picking (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plantar_scan_view_finalize (GObject *object)
{
  PlantarScanView *self = PLANTAR_SCAN_VIEW (object);

  g_clear_pointer (&self->scan, plantar_scan_unref);
  g_clear_pointer (&self->surface, cairo_surface_destroy);

  G_OBJECT_CLASS (plantar_scan_view_parent_class)->finalize (object);
}

static void
plantar_scan_view_class_init (PlantarScanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = plantar_scan_view_finalize;
  object_class->get_property = plantar_scan_view_get_property;
  object_class->set_property = plantar_scan_view_set_property;

  widget_class->snapshot = plantar_scan_view_snapshot;
  widget_class->measure = plantar_scan_view_measure;

  properties[PROP_SCAN] =
    g_param_spec_boxed ("scan", NULL, NULL, PLANTAR_TYPE_SCAN,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COLORMAP] =
    g_param_spec_int ("colormap", NULL, NULL, PLANTAR_COLORMAP_PERCEPTUAL, PLANTAR_COLORMAP_RAINBOW,
                      PLANTAR_COLORMAP_PERCEPTUAL,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PICKING] =
    g_param_spec_boolean ("picking", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PlantarScanView::points-picked:
   *
   * Two points were clicked while picking; in cells (pixels of an image).
   */
  signals[POINTS_PICKED] =
    g_signal_new ("points-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "scanview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
plantar_scan_view_init (PlantarScanView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
plantar_scan_view_new (void)
{
  return g_object_new (PLANTAR_TYPE_SCAN_VIEW, NULL);
}

PlantarScan *
plantar_scan_view_get_scan (PlantarScanView *self)
{
  g_return_val_if_fail (PLANTAR_IS_SCAN_VIEW (self), NULL);
  return self->scan;
}

void
plantar_scan_view_set_scan (PlantarScanView *self,
                            PlantarScan     *scan)
{
  g_return_if_fail (PLANTAR_IS_SCAN_VIEW (self));

  if (self->scan == scan)
    return;
  g_clear_pointer (&self->scan, plantar_scan_unref);
  if (scan != NULL)
    self->scan = plantar_scan_ref (scan);
  rebuild_surface (self);
  self->n_picked = 0;

  if (scan != NULL)
    {
      g_autofree char *label = g_strdup_printf (plantar_scan_is_pressure (scan)
                                                  ? _("Pressure map, %u × %u cells")
                                                  : _("Footprint image, %u × %u pixels"),
                                                plantar_scan_get_width (scan), plantar_scan_get_height (scan));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCAN]);
}

/* Call after the scan changed in place (calibrated). */
void
plantar_scan_view_scan_changed (PlantarScanView *self)
{
  g_return_if_fail (PLANTAR_IS_SCAN_VIEW (self));
  rebuild_surface (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
plantar_scan_view_set_colormap (PlantarScanView *self,
                                PlantarColormap  colormap)
{
  g_return_if_fail (PLANTAR_IS_SCAN_VIEW (self));

  if (self->colormap == colormap)
    return;
  self->colormap = colormap;
  rebuild_surface (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLORMAP]);
}

void
plantar_scan_view_set_picking (PlantarScanView *self,
                               gboolean         picking)
{
  g_return_if_fail (PLANTAR_IS_SCAN_VIEW (self));

  picking = !!picking;
  if (self->picking == picking)
    return;
  self->picking = picking;
  self->n_picked = 0;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), picking ? "crosshair" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKING]);
}

gboolean
plantar_scan_view_get_picking (PlantarScanView *self)
{
  g_return_val_if_fail (PLANTAR_IS_SCAN_VIEW (self), FALSE);
  return self->picking;
}

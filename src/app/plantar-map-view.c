/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-map-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "plantar-map-view.h"

/*
 * One foot (or a whole scan) drawn with the core's PlantarMap: zoom with
 * the wheel, a pinch or the keyboard, pan by dragging, the value under the
 * pointer, and the landmarks dragged by hand (the view says where they
 * went; the window measures again). It also takes two clicks, to calibrate
 * an image by a known distance.
 */

#define MARGIN       14.0
#define FOOT_SPACE   58.0   /* under the drawing: the legend, the scale bar and the readout */
#define MAX_ZOOM     40.0
#define HANDLE_REACH 14.0   /* px */

struct _PlantarMapView
{
  GtkWidget        parent_instance;

  PlantarMap      *map;
  PlantarMapStyle  style;
  gboolean         editable;

  double           zoom;          /* 1: the whole subject fits */
  double           cx, cy;        /* mm at the centre of the widget */
  guint            quarter;       /* quarter turns anticlockwise that bring the toes up */

  PlantarHandle    dragging;
  gboolean         panning;
  gboolean         drag_moved;
  double           drag_x, drag_y;           /* where the drag began, widget */
  double           pan_cx, pan_cy;
  double           pinch_zoom;
  PlantarPoint     drag_point;               /* the handle while it moves */

  gboolean         picking;
  guint            n_picked;
  double           picked[2][2];  /* in cells (pixels of an image) */

  char            *readout;
};

G_DEFINE_FINAL_TYPE (PlantarMapView, plantar_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_READOUT,
  PROP_PICKING,
  N_PROPS
};

enum {
  HANDLE_MOVED,
  POINTS_PICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ geometry */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/* The area the drawing fits in, widget pixels. */
static void
drawing_area (PlantarMapView  *self,
              graphene_rect_t *area)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  double bottom = self->map && plantar_scan_is_pressure (plantar_map_get_scan (self->map)) ? FOOT_SPACE : 34;

  graphene_rect_init (area, MARGIN, MARGIN, MAX (1, w - 2 * MARGIN), MAX (1, h - MARGIN - bottom));
}

static double
fit_scale (PlantarMapView *self)
{
  graphene_rect_t area;
  double bx, by, bw, bh;

  if (self->map == NULL)
    return 1;
  drawing_area (self, &area);
  plantar_map_get_bounds (self->map, &bx, &by, &bw, &bh);
  if (self->quarter % 2 == 1)
    {
      double t = bw;
      bw = bh;
      bh = t;
    }
  return MAX (1e-3, MIN (area.size.width / bw, area.size.height / bh));
}

double
plantar_map_view_get_px_per_mm (PlantarMapView *self)
{
  g_return_val_if_fail (PLANTAR_IS_MAP_VIEW (self), 1);
  return fit_scale (self) * self->zoom;
}

static void
centre_of_area (PlantarMapView *self,
                double         *x,
                double         *y)
{
  graphene_rect_t area;

  drawing_area (self, &area);
  *x = area.origin.x + area.size.width / 2;
  *y = area.origin.y + area.size.height / 2;
}

/* The map turned by quarters: (x, y) in mm about the centre, to the
 * screen's directions. */
static void
turn (guint   quarter,
      double  x,
      double  y,
      double *tx,
      double *ty)
{
  switch (quarter % 4)
    {
    case 1:   /* toes pointed right: turned a quarter anticlockwise */
      *tx = y;
      *ty = -x;
      break;
    case 2:
      *tx = -x;
      *ty = -y;
      break;
    case 3:
      *tx = -y;
      *ty = x;
      break;
    default:
      *tx = x;
      *ty = y;
      break;
    }
}

gboolean
plantar_map_view_to_widget (PlantarMapView *self,
                            double          x_mm,
                            double          y_mm,
                            double         *x,
                            double         *y)
{
  double ppm, ox, oy, tx, ty;

  g_return_val_if_fail (PLANTAR_IS_MAP_VIEW (self), FALSE);
  if (self->map == NULL)
    return FALSE;
  ppm = plantar_map_view_get_px_per_mm (self);
  centre_of_area (self, &ox, &oy);
  turn (self->quarter, x_mm - self->cx, y_mm - self->cy, &tx, &ty);
  *x = ox + tx * ppm;
  *y = oy + ty * ppm;
  return TRUE;
}

gboolean
plantar_map_view_to_mm (PlantarMapView *self,
                        double          x,
                        double          y,
                        double         *x_mm,
                        double         *y_mm)
{
  double ppm, ox, oy, tx, ty;

  g_return_val_if_fail (PLANTAR_IS_MAP_VIEW (self), FALSE);
  if (self->map == NULL)
    return FALSE;
  ppm = plantar_map_view_get_px_per_mm (self);
  centre_of_area (self, &ox, &oy);
  turn ((4 - self->quarter % 4) % 4, (x - ox) / ppm, (y - oy) / ppm, &tx, &ty);
  *x_mm = self->cx + tx;
  *y_mm = self->cy + ty;
  return TRUE;
}

/* Keeps some of the subject in view however far it is panned. */
static void
clamp_centre (PlantarMapView *self)
{
  double bx, by, bw, bh;

  if (self->map == NULL)
    return;
  plantar_map_get_bounds (self->map, &bx, &by, &bw, &bh);
  if (self->zoom <= 1.0001)
    {
      self->cx = bx + bw / 2;
      self->cy = by + bh / 2;
      return;
    }
  self->cx = CLAMP (self->cx, bx, bx + bw);
  self->cy = CLAMP (self->cy, by, by + bh);
}

/* Zooms to @zoom keeping the point under (@x, @y) where it is. */
static void
zoom_at (PlantarMapView *self,
         double          zoom,
         double          x,
         double          y)
{
  double before_x, before_y, after_x, after_y;

  zoom = CLAMP (zoom, 1, MAX_ZOOM);
  if (self->map == NULL || zoom == self->zoom)
    return;
  plantar_map_view_to_mm (self, x, y, &before_x, &before_y);
  self->zoom = zoom;
  plantar_map_view_to_mm (self, x, y, &after_x, &after_y);
  self->cx += before_x - after_x;
  self->cy += before_y - after_y;
  clamp_centre (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* ------------------------------------------------------------ drawing */

static void
draw_picked (PlantarMapView *self,
             cairo_t        *cr)
{
  PlantarScan *scan = plantar_map_get_scan (self->map);
  double cw = plantar_scan_has_scale (scan) ? plantar_scan_get_cell_width_mm (scan) : 1;
  double ch = plantar_scan_has_scale (scan) ? plantar_scan_get_cell_height_mm (scan) : 1;

  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < self->n_picked; i++)
    {
      double x, y;
      plantar_map_view_to_widget (self, self->picked[i][0] * cw, self->picked[i][1] * ch, &x, &y);
      cairo_move_to (cr, x - 9, y);
      cairo_line_to (cr, x + 9, y);
      cairo_move_to (cr, x, y - 9);
      cairo_line_to (cr, x, y + 9);
      cairo_stroke (cr);
    }
}

static void
draw_readout (PlantarMapView *self,
              cairo_t        *cr,
              int             width,
              int             height,
              gboolean        dark)
{
  g_autoptr(PangoLayout) layout = NULL;
  int tw, th;

  if (self->readout == NULL)
    return;
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->readout);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, width - MARGIN - tw, height - th - 4);
  cairo_set_source_rgb (cr, dark ? 0.9 : 0.2, dark ? 0.9 : 0.2, dark ? 0.9 : 0.2);
  pango_cairo_show_layout (cr, layout);
}

static void
plantar_map_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  PlantarMapView *self = PLANTAR_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean dark = is_dark ();
  PlantarMapStyle style = self->style;
  double ppm, ox, oy;
  graphene_rect_t area;
  cairo_t *cr;

  if (self->map == NULL || width < 4 || height < 4)
    return;

  ppm = plantar_map_view_get_px_per_mm (self);
  centre_of_area (self, &ox, &oy);
  drawing_area (self, &area);
  if (self->editable && plantar_map_get_foot (self->map) != NULL)
    style.overlays |= PLANTAR_OVERLAY_HANDLES;
  /* sharp on a HiDPI screen */
  style.device_scale = gtk_widget_get_scale_factor (widget);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, area.origin.y + area.size.height + 6);
  cairo_clip (cr);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, ppm, ppm);
  cairo_rotate (cr, -G_PI / 2 * self->quarter);
  cairo_translate (cr, -self->cx, -self->cy);
  plantar_map_draw (self->map, cr, &style, ppm);

  /* the landmark being dragged goes with the pointer */
  if (self->dragging != PLANTAR_HANDLE_NONE && self->drag_moved)
    {
      cairo_arc (cr, self->drag_point.x, self->drag_point.y, 6 / ppm, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.45);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, 2 / ppm);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  if (self->picking)
    draw_picked (self, cr);

  /* under the map: the colours on the left, the scale bar on the right,
   * the readout under them */
  if (plantar_scan_is_pressure (plantar_map_get_scan (self->map)))
    plantar_map_draw_legend (cr, style.colormap, plantar_map_get_scale_max (self->map, &style),
                             plantar_scan_get_value_unit (plantar_map_get_scan (self->map)),
                             MARGIN, height - FOOT_SPACE + 12, MIN (240, width * 0.56), 24, dark);
  if (plantar_scan_has_scale (plantar_map_get_scan (self->map)))
    plantar_map_draw_scale_bar (cr, ppm, width - MARGIN - MIN (110, width * 0.27), height - FOOT_SPACE + 22,
                                MIN (110, width * 0.27), dark);
  draw_readout (self, cr, width, height, dark);

  cairo_destroy (cr);
}

static void
plantar_map_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 220;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 560;
}

static void
plantar_map_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  clamp_centre (PLANTAR_MAP_VIEW (widget));
}

/* ------------------------------------------------------------ input */

static void
set_readout (PlantarMapView *self,
             char           *text)
{
  if (g_strcmp0 (self->readout, text) == 0)
    {
      g_free (text);
      return;
    }
  g_free (self->readout);
  self->readout = text;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READOUT]);
}

void
plantar_map_view_update_readout (PlantarMapView *self,
                                 double          x,
                                 double          y)
{
  double xm, ym, value;
  PlantarScan *scan;
  g_autofree char *what = NULL;

  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));
  if (self->map == NULL || !plantar_map_view_to_mm (self, x, y, &xm, &ym) ||
      !plantar_map_value_at (self->map, self->style.frame, xm, ym, &value))
    {
      set_readout (self, NULL);
      return;
    }
  scan = plantar_map_get_scan (self->map);
  if (plantar_scan_is_pressure (scan))
    what = g_strdup_printf (plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_RAW
                              /* TRANSLATORS: an uncalibrated sensor value and its unit */
                              ? _("value %.0f %s")
                              /* TRANSLATORS: a pressure and its unit: "pressure 143 kPa" */
                              : _("pressure %.0f %s"),
                            value, plantar_scan_get_value_unit (scan));
  else
    /* TRANSLATORS: how dark the print is there, white paper 0 %, black 100 % */
    what = g_strdup_printf (_("ink %.0f %%"), 100.0 * (255.0 - CLAMP (value, 0, 255)) / 255.0);
  if (plantar_scan_has_scale (scan))
    /* TRANSLATORS: what is under the pointer, then where it is */
    set_readout (self, g_strdup_printf (_("%s · %.1f, %.1f mm"), what, xm, ym));
  else
    /* TRANSLATORS: what is under the pointer, then where it is in an image without a scale */
    set_readout (self, g_strdup_printf (_("%s · %.0f, %.0f px"), what, xm, ym));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           PlantarMapView           *self)
{
  plantar_map_view_update_readout (self, x, y);

  if (self->editable && self->map != NULL && self->dragging == PLANTAR_HANDLE_NONE && !self->picking)
    {
      double xm, ym;
      PlantarHandle h = PLANTAR_HANDLE_NONE;
      if (plantar_map_view_to_mm (self, x, y, &xm, &ym))
        h = plantar_map_handle_at (self->map, xm, ym, HANDLE_REACH / plantar_map_view_get_px_per_mm (self));
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), h != PLANTAR_HANDLE_NONE ? "grab"
                                                          : self->zoom > 1 ? "default" : NULL);
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          PlantarMapView           *self)
{
  set_readout (self, NULL);
}

/**
 * plantar_map_view_drag_begin:
 *
 * Returns: %TRUE if a handle was taken (otherwise the drag pans, when
 *   zoomed in)
 */
gboolean
plantar_map_view_drag_begin (PlantarMapView *self,
                             double          x,
                             double          y)
{
  double xm, ym;

  g_return_val_if_fail (PLANTAR_IS_MAP_VIEW (self), FALSE);
  self->dragging = PLANTAR_HANDLE_NONE;
  self->panning = FALSE;
  self->drag_moved = FALSE;
  self->drag_x = x;
  self->drag_y = y;
  if (self->map == NULL || !plantar_map_view_to_mm (self, x, y, &xm, &ym))
    return FALSE;

  if (self->editable)
    self->dragging = plantar_map_handle_at (self->map, xm, ym, HANDLE_REACH / plantar_map_view_get_px_per_mm (self));
  if (self->dragging != PLANTAR_HANDLE_NONE)
    {
      plantar_map_get_handle (self->map, self->dragging, &self->drag_point);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      return TRUE;
    }
  self->panning = self->zoom > 1;
  self->pan_cx = self->cx;
  self->pan_cy = self->cy;
  return FALSE;
}

void
plantar_map_view_drag_update (PlantarMapView *self,
                              double          x,
                              double          y)
{
  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));

  if (self->dragging != PLANTAR_HANDLE_NONE)
    {
      double xm, ym;
      gboolean continued = self->drag_moved;
      if (!plantar_map_view_to_mm (self, x, y, &xm, &ym))
        return;
      self->drag_moved = TRUE;
      self->drag_point.x = xm;
      self->drag_point.y = ym;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_signal_emit (self, signals[HANDLE_MOVED], 0, (guint) self->dragging, xm, ym, continued);
    }
  else if (self->panning)
    {
      double ppm = plantar_map_view_get_px_per_mm (self);
      double dx, dy;
      turn ((4 - self->quarter % 4) % 4, (x - self->drag_x) / ppm, (y - self->drag_y) / ppm, &dx, &dy);
      self->cx = self->pan_cx - dx;
      self->cy = self->pan_cy - dy;
      clamp_centre (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
plantar_map_view_drag_end (PlantarMapView *self)
{
  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));
  if (self->dragging != PLANTAR_HANDLE_NONE)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
  self->dragging = PLANTAR_HANDLE_NONE;
  self->panning = FALSE;
  self->drag_moved = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PlantarMapView *self)
{
  if (self->picking)
    {
      PlantarScan *scan = plantar_map_get_scan (self->map);
      double xm, ym;
      double cw = plantar_scan_has_scale (scan) ? plantar_scan_get_cell_width_mm (scan) : 1;
      double ch = plantar_scan_has_scale (scan) ? plantar_scan_get_cell_height_mm (scan) : 1;

      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (!plantar_map_view_to_mm (self, x, y, &xm, &ym))
        return;
      self->picked[self->n_picked][0] = xm / cw;
      self->picked[self->n_picked][1] = ym / ch;
      self->n_picked++;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      if (self->n_picked == 2)
        {
          self->n_picked = 0;
          g_signal_emit (self, signals[POINTS_PICKED], 0,
                         self->picked[0][0], self->picked[0][1], self->picked[1][0], self->picked[1][1]);
        }
      return;
    }
  if (plantar_map_view_drag_begin (self, x, y) || self->panning)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                PlantarMapView *self)
{
  if (!self->picking)
    plantar_map_view_drag_update (self, self->drag_x + dx, self->drag_y + dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             PlantarMapView *self)
{
  if (!self->picking)
    plantar_map_view_drag_end (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PlantarMapView           *self)
{
  double x, y;
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  if (self->map == NULL || event == NULL || !gdk_event_get_position (event, &x, &y))
    return FALSE;
  zoom_at (self, self->zoom * pow (1.2, -dy), x, y);
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture     *gesture,
                GdkEventSequence *sequence,
                PlantarMapView *self)
{
  self->pinch_zoom = self->zoom;
}

static void
pinch_scale_changed_cb (GtkGestureZoom *gesture,
                        double          scale,
                        PlantarMapView *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    centre_of_area (self, &x, &y);
  zoom_at (self, self->pinch_zoom * scale, x, y);
}

static void
style_dark_cb (AdwStyleManager *manager,
               GParamSpec      *pspec,
               PlantarMapView  *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlantarMapView *self = PLANTAR_MAP_VIEW (widget);
  double x, y;

  centre_of_area (self, &x, &y);
  zoom_at (self, self->zoom * 1.25, x, y);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PlantarMapView *self = PLANTAR_MAP_VIEW (widget);
  double x, y;

  centre_of_area (self, &x, &y);
  zoom_at (self, self->zoom / 1.25, x, y);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  plantar_map_view_zoom_fit (PLANTAR_MAP_VIEW (widget));
}

/* ------------------------------------------------------------ GObject */

static void
plantar_map_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PlantarMapView *self = PLANTAR_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_READOUT:
      g_value_set_string (value, self->readout);
      break;
    case PROP_PICKING:
      g_value_set_boolean (value, self->picking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plantar_map_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PlantarMapView *self = PLANTAR_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      plantar_map_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_PICKING:
      plantar_map_view_set_picking (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plantar_map_view_dispose (GObject *object)
{
  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), style_dark_cb, object);
  G_OBJECT_CLASS (plantar_map_view_parent_class)->dispose (object);
}

static void
plantar_map_view_finalize (GObject *object)
{
  PlantarMapView *self = PLANTAR_MAP_VIEW (object);

  g_clear_pointer (&self->map, plantar_map_free);
  g_clear_pointer (&self->readout, g_free);

  G_OBJECT_CLASS (plantar_map_view_parent_class)->finalize (object);
}

static void
plantar_map_view_class_init (PlantarMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_map_view_dispose;
  object_class->finalize = plantar_map_view_finalize;
  object_class->get_property = plantar_map_view_get_property;
  object_class->set_property = plantar_map_view_set_property;

  widget_class->snapshot = plantar_map_view_snapshot;
  widget_class->measure = plantar_map_view_measure;
  widget_class->size_allocate = plantar_map_view_size_allocate;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 1, MAX_ZOOM, 1,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READOUT] =
    g_param_spec_string ("readout", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PICKING] =
    g_param_spec_boolean ("picking", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PlantarMapView::handle-moved:
   * @handle: a #PlantarHandle
   * @x_mm: where it is now, mm in the scan's frame
   * @y_mm:
   * @continued: %FALSE for the first move of a drag
   */
  signals[HANDLE_MOVED] =
    g_signal_new ("handle-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_BOOLEAN);

  /**
   * PlantarMapView::points-picked:
   *
   * Two points were clicked while picking; in cells (pixels of an image).
   */
  signals[POINTS_PICKED] =
    g_signal_new ("points-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "map.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "map.zoom-fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "mapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
plantar_map_view_init (PlantarMapView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->zoom = 1;
  plantar_map_style_init (&self->style);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (style_dark_cb), self, 0);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
plantar_map_view_new (void)
{
  return g_object_new (PLANTAR_TYPE_MAP_VIEW, NULL);
}

static gboolean
same_grid (PlantarFoot *a,
           PlantarFoot *b)
{
  PlantarFootGrid ga, gb;

  if (a == NULL || b == NULL)
    return a == b;
  plantar_foot_get_grid (a, &ga);
  plantar_foot_get_grid (b, &gb);
  return ga.width == gb.width && ga.height == gb.height && ga.cell_w == gb.cell_w && ga.cell_h == gb.cell_h &&
         ga.x0 == gb.x0 && ga.y0 == gb.y0 && ga.is_pressure == gb.is_pressure;
}

/**
 * plantar_map_view_set_subject:
 * @foot: (nullable): the foot to show; %NULL for the whole scan
 *
 * A foot measured again on the same grid keeps the zoom; anything else is
 * fitted into the view.
 */
void
plantar_map_view_set_subject (PlantarMapView *self,
                              PlantarScan    *scan,
                              PlantarFoot    *foot)
{
  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));

  if (self->map != NULL && scan == plantar_map_get_scan (self->map) &&
      same_grid (foot, plantar_map_get_foot (self->map)))
    {
      plantar_map_set_foot (self->map, foot);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  g_clear_pointer (&self->map, plantar_map_free);
  if (scan != NULL)
    self->map = plantar_map_new (scan, foot);
  self->n_picked = 0;
  self->dragging = PLANTAR_HANDLE_NONE;
  self->zoom = 1;
  /* toes up: a walk along the plate is turned by quarters, so that its
   * cells stay square to the screen */
  self->quarter = 0;
  if (foot != NULL && isfinite (foot->axis_deg))
    self->quarter = ((int) lround (foot->axis_deg / 90.0) % 4 + 4) % 4;
  clamp_centre (self);

  if (scan != NULL)
    {
      g_autofree char *label = NULL;
      if (foot != NULL)
        label = g_strdup_printf (foot->side == PLANTAR_SIDE_LEFT
                                   ? (plantar_scan_is_pressure (scan) ? _("Pressure map of the left foot")
                                                                      : _("Print of the left foot"))
                                   : (plantar_scan_is_pressure (scan) ? _("Pressure map of the right foot")
                                                                      : _("Print of the right foot")));
      else
        label = g_strdup_printf (plantar_scan_is_pressure (scan) ? _("Pressure map, %u × %u cells")
                                                                 : _("Footprint image, %u × %u pixels"),
                                 plantar_scan_get_width (scan), plantar_scan_get_height (scan));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* The top of the colour scale the map would choose for itself (its
 * step's peak), or 0 when it shows no pressure. */
double
plantar_map_view_get_own_max (PlantarMapView *self)
{
  g_return_val_if_fail (PLANTAR_IS_MAP_VIEW (self), 0);
  if (self->map == NULL || !plantar_scan_is_pressure (plantar_map_get_scan (self->map)))
    return 0;
  return plantar_map_get_max_value (self->map, -1);
}

PlantarScan *
plantar_map_view_get_scan (PlantarMapView *self)
{
  g_return_val_if_fail (PLANTAR_IS_MAP_VIEW (self), NULL);
  return self->map ? plantar_map_get_scan (self->map) : NULL;
}

PlantarFoot *
plantar_map_view_get_foot (PlantarMapView *self)
{
  g_return_val_if_fail (PLANTAR_IS_MAP_VIEW (self), NULL);
  return self->map ? plantar_map_get_foot (self->map) : NULL;
}

/* The scan changed in place (calibrated): drawn again from scratch. */
void
plantar_map_view_scan_changed (PlantarMapView *self)
{
  PlantarScan *scan;
  PlantarFoot *foot;

  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));
  if (self->map == NULL)
    return;
  scan = plantar_scan_ref (plantar_map_get_scan (self->map));
  foot = plantar_map_get_foot (self->map) ? plantar_foot_ref (plantar_map_get_foot (self->map)) : NULL;
  g_clear_pointer (&self->map, plantar_map_free);
  plantar_map_view_set_subject (self, scan, foot);
  plantar_scan_unref (scan);
  if (foot)
    plantar_foot_unref (foot);
}

void
plantar_map_view_set_style (PlantarMapView        *self,
                            const PlantarMapStyle *style)
{
  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));
  self->style = *style;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
plantar_map_view_get_style (PlantarMapView  *self,
                            PlantarMapStyle *style)
{
  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));
  *style = self->style;
}

void
plantar_map_view_set_frame (PlantarMapView *self,
                            int             frame)
{
  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));
  if (self->style.frame == frame)
    return;
  self->style.frame = frame;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
plantar_map_view_set_editable (PlantarMapView *self,
                               gboolean        editable)
{
  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));
  self->editable = !!editable;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
plantar_map_view_get_zoom (PlantarMapView *self)
{
  g_return_val_if_fail (PLANTAR_IS_MAP_VIEW (self), 1);
  return self->zoom;
}

void
plantar_map_view_set_zoom (PlantarMapView *self,
                           double          zoom)
{
  double x, y;

  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));
  centre_of_area (self, &x, &y);
  zoom_at (self, zoom, x, y);
}

void
plantar_map_view_zoom_fit (PlantarMapView *self)
{
  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));
  self->zoom = 1;
  clamp_centre (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

const char *
plantar_map_view_get_readout (PlantarMapView *self)
{
  g_return_val_if_fail (PLANTAR_IS_MAP_VIEW (self), NULL);
  return self->readout;
}

void
plantar_map_view_set_picking (PlantarMapView *self,
                              gboolean        picking)
{
  g_return_if_fail (PLANTAR_IS_MAP_VIEW (self));

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
plantar_map_view_get_picking (PlantarMapView *self)
{
  g_return_val_if_fail (PLANTAR_IS_MAP_VIEW (self), FALSE);
  return self->picking;
}

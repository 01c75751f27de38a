/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-sheet-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-render.h"
#include "plantar-sheet-view.h"

#define MARGIN       16.0
#define HANDLE       9.0
#define GRAB         26.0    /* how near a corner a press takes it */
#define LOUPE        70.0    /* radius of the magnifier while dragging */
#define LOUPE_ZOOM   4.0

struct _PlantarSheetView
{
  GtkWidget        parent_instance;

  PlantarScan     *photo;
  guint            index;
  cairo_surface_t *surface;       /* the photo, drawn once */
  PlantarSheet     sheet;
  gboolean         has_sheet;

  int              active;        /* the corner dragged or moved by key; -1 */
  gboolean         dragging;
  gboolean         moved;         /* this drag has said so already */
  double           drag_x, drag_y;            /* widget */
  double           grab_px, grab_py;          /* the corner as the drag took it, photo pixels */
  gint64           last_key_us;
};

G_DEFINE_FINAL_TYPE (PlantarSheetView, plantar_sheet_view, GTK_TYPE_WIDGET)

enum {
  SHEET_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ geometry */

/* The scale and offset the photo is drawn with, fitted into the widget. */
static gboolean
layout (PlantarSheetView *self,
        double           *scale,
        double           *ox,
        double           *oy)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * MARGIN;
  double pw, ph;

  if (self->photo == NULL || w <= 1 || h <= 1)
    return FALSE;
  pw = plantar_scan_get_width (self->photo);
  ph = plantar_scan_get_height (self->photo);
  *scale = MIN (w / pw, h / ph);
  *ox = MARGIN + (w - pw * *scale) / 2;
  *oy = MARGIN + (h - ph * *scale) / 2;
  return TRUE;
}

gboolean
plantar_sheet_view_to_widget (PlantarSheetView *self,
                              double            px,
                              double            py,
                              double           *x,
                              double           *y)
{
  double s, ox, oy;

  g_return_val_if_fail (PLANTAR_IS_SHEET_VIEW (self), FALSE);
  if (!layout (self, &s, &ox, &oy))
    return FALSE;
  *x = ox + px * s;
  *y = oy + py * s;
  return TRUE;
}

static int
corner_at (PlantarSheetView *self,
           double            x,
           double            y)
{
  double best = GRAB;
  int found = -1;

  for (int i = 0; self->has_sheet && i < PLANTAR_SHEET_N_CORNERS; i++)
    {
      double cx, cy, d;
      if (!plantar_sheet_view_to_widget (self, self->sheet.x[i], self->sheet.y[i], &cx, &cy))
        return -1;
      d = hypot (cx - x, cy - y);
      if (d < best)
        {
          best = d;
          found = i;
        }
    }
  return found;
}

static void
say_changed (PlantarSheetView *self,
             gboolean          continued)
{
  PlantarSheet sheet = self->sheet;
  g_signal_emit (self, signals[SHEET_CHANGED], 0, &sheet, continued);
}

/* ------------------------------------------------------------ drawing */

static void
draw_corner_path (cairo_t            *cr,
                  const PlantarSheet *sheet)
{
  cairo_move_to (cr, sheet->x[0], sheet->y[0]);
  for (guint i = 1; i < PLANTAR_SHEET_N_CORNERS; i++)
    cairo_line_to (cr, sheet->x[i], sheet->y[i]);
  cairo_close_path (cr);
}

/* The photo near the corner dragged, four times larger, clear of the
 * pointer, with a cross where the corner is. */
static void
draw_loupe (PlantarSheetView *self,
            cairo_t          *cr,
            double            scale)
{
  double cx, cy, lx, ly, w = gtk_widget_get_width (GTK_WIDGET (self));

  plantar_sheet_view_to_widget (self, self->sheet.x[self->active], self->sheet.y[self->active], &cx, &cy);
  /* up and to the side away from the sheet's middle */
  lx = cx + (cx > w / 2 ? -1 : 1) * (LOUPE + 30);
  ly = cy - LOUPE - 30;
  if (ly < LOUPE + 4)
    ly = cy + LOUPE + 30;
  lx = CLAMP (lx, LOUPE + 4, w - LOUPE - 4);

  cairo_save (cr);
  cairo_arc (cr, lx, ly, LOUPE, 0, 2 * G_PI);
  cairo_clip_preserve (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_fill (cr);
  cairo_translate (cr, lx, ly);
  cairo_scale (cr, scale * LOUPE_ZOOM, scale * LOUPE_ZOOM);
  cairo_translate (cr, -self->sheet.x[self->active], -self->sheet.y[self->active]);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  draw_corner_path (cr, &self->sheet);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
  cairo_set_line_width (cr, 1.5 / (scale * LOUPE_ZOOM));
  cairo_stroke (cr);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, lx - 12, ly);
  cairo_line_to (cr, lx + 12, ly);
  cairo_move_to (cr, lx, ly - 12);
  cairo_line_to (cr, lx, ly + 12);
  cairo_stroke (cr);
  cairo_arc (cr, lx, ly, LOUPE, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
plantar_sheet_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  PlantarSheetView *self = PLANTAR_SHEET_VIEW (widget);
  double scale, ox, oy, w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (!layout (self, &scale, &ox, &oy))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (self->surface == NULL)
    self->surface = plantar_render_image (self->photo);

  cairo_save (cr);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  if (self->has_sheet)
    {
      /* what is not the sheet, dimmed */
      cairo_rectangle (cr, 0, 0, plantar_scan_get_width (self->photo), plantar_scan_get_height (self->photo));
      draw_corner_path (cr, &self->sheet);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
      cairo_fill (cr);
      draw_corner_path (cr, &self->sheet);
      cairo_restore (cr);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);

      for (int i = 0; i < PLANTAR_SHEET_N_CORNERS; i++)
        {
          double cx, cy;
          plantar_sheet_view_to_widget (self, self->sheet.x[i], self->sheet.y[i], &cx, &cy);
          cairo_arc (cr, cx, cy, HANDLE, 0, 2 * G_PI);
          if (i == self->active)
            cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
          else
            cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
          cairo_set_line_width (cr, 2.5);
          cairo_stroke (cr);
        }
      if (self->dragging && self->active >= 0)
        draw_loupe (self, cr, scale);
    }
  else
    cairo_restore (cr);
  cairo_destroy (cr);
}

static void
plantar_sheet_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = 160;
  *natural = 480;
}

/* ------------------------------------------------------------ dragging */

gboolean
plantar_sheet_view_drag_begin (PlantarSheetView *self,
                               double            x,
                               double            y)
{
  g_return_val_if_fail (PLANTAR_IS_SHEET_VIEW (self), FALSE);
  self->active = corner_at (self, x, y);
  if (self->active < 0)
    return FALSE;
  self->dragging = TRUE;
  self->moved = FALSE;
  self->drag_x = x;
  self->drag_y = y;
  self->grab_px = self->sheet.x[self->active];
  self->grab_py = self->sheet.y[self->active];
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

void
plantar_sheet_view_drag_update (PlantarSheetView *self,
                                double            x,
                                double            y)
{
  double s, ox, oy;

  g_return_if_fail (PLANTAR_IS_SHEET_VIEW (self));
  if (!self->dragging || !layout (self, &s, &ox, &oy))
    return;
  self->sheet.x[self->active] = CLAMP (self->grab_px + (x - self->drag_x) / s, 0,
                                       plantar_scan_get_width (self->photo));
  self->sheet.y[self->active] = CLAMP (self->grab_py + (y - self->drag_y) / s, 0,
                                       plantar_scan_get_height (self->photo));
  say_changed (self, self->moved);
  self->moved = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
plantar_sheet_view_drag_end (PlantarSheetView *self)
{
  g_return_if_fail (PLANTAR_IS_SHEET_VIEW (self));
  if (!self->dragging)
    return;
  self->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin_cb (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               PlantarSheetView *self)
{
  if (plantar_sheet_view_drag_begin (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
drag_update_cb (GtkGestureDrag   *gesture,
                double            dx,
                double            dy,
                PlantarSheetView *self)
{
  plantar_sheet_view_drag_update (self, self->drag_x + dx, self->drag_y + dy);
}

static void
drag_end_cb (GtkGestureDrag   *gesture,
             double            dx,
             double            dy,
             PlantarSheetView *self)
{
  plantar_sheet_view_drag_end (self);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           PlantarSheetView         *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), corner_at (self, x, y) >= 0 ? "grab" : NULL);
}

/* Arrow keys move the corner chosen (a pixel, ten with Shift); Page Up and
 * Page Down choose the next corner. Moves in quick succession are one
 * step of the history. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PlantarSheetView      *self)
{
  double step = state & GDK_SHIFT_MASK ? 10 : 1, dx = 0, dy = 0;
  gint64 now = g_get_monotonic_time ();

  if (!self->has_sheet)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Page_Down:
      self->active = (self->active + 1) % PLANTAR_SHEET_N_CORNERS;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    case GDK_KEY_Page_Up:
      self->active = (self->active + PLANTAR_SHEET_N_CORNERS - 1) % PLANTAR_SHEET_N_CORNERS;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    case GDK_KEY_Left: dx = -step; break;
    case GDK_KEY_Right: dx = step; break;
    case GDK_KEY_Up: dy = -step; break;
    case GDK_KEY_Down: dy = step; break;
    default:
      return FALSE;
    }
  if (self->active < 0)
    self->active = 0;
  self->sheet.x[self->active] += dx;
  self->sheet.y[self->active] += dy;
  say_changed (self, now - self->last_key_us < G_USEC_PER_SEC);
  self->last_key_us = now;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* ------------------------------------------------------------ GObject */

static void
plantar_sheet_view_finalize (GObject *object)
{
  PlantarSheetView *self = PLANTAR_SHEET_VIEW (object);

  g_clear_pointer (&self->photo, plantar_scan_unref);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  G_OBJECT_CLASS (plantar_sheet_view_parent_class)->finalize (object);
}

static void
plantar_sheet_view_class_init (PlantarSheetViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = plantar_sheet_view_finalize;
  widget_class->snapshot = plantar_sheet_view_snapshot;
  widget_class->measure = plantar_sheet_view_measure;

  /**
   * PlantarSheetView::sheet-changed:
   * @sheet: (type gpointer): the sheet as moved
   * @continued: the same drag or run of keys as the last
   */
  signals[SHEET_CHANGED] = g_signal_new ("sheet-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_BOOLEAN);
  gtk_widget_class_set_css_name (widget_class, "sheetview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
plantar_sheet_view_init (PlantarSheetView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->active = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The sheet in the photo"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Drag each corner to a corner of the sheet. The arrow keys move the corner "
                                    "chosen; Page Up and Page Down choose another."),
                                  -1);
}

GtkWidget *
plantar_sheet_view_new (void)
{
  return g_object_new (PLANTAR_TYPE_SHEET_VIEW, NULL);
}

void
plantar_sheet_view_set_photo (PlantarSheetView *self,
                              PlantarScan      *photo,
                              guint             scan_index)
{
  g_return_if_fail (PLANTAR_IS_SHEET_VIEW (self));
  self->index = scan_index;
  if (photo == self->photo)
    return;
  g_clear_pointer (&self->photo, plantar_scan_unref);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  self->photo = photo ? plantar_scan_ref (photo) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

PlantarScan *
plantar_sheet_view_get_photo (PlantarSheetView *self)
{
  g_return_val_if_fail (PLANTAR_IS_SHEET_VIEW (self), NULL);
  return self->photo;
}

guint
plantar_sheet_view_get_index (PlantarSheetView *self)
{
  g_return_val_if_fail (PLANTAR_IS_SHEET_VIEW (self), 0);
  return self->index;
}

/* The sheet as the fitting has it; ignored while the user drags. */
void
plantar_sheet_view_set_sheet (PlantarSheetView   *self,
                              const PlantarSheet *sheet)
{
  g_return_if_fail (PLANTAR_IS_SHEET_VIEW (self));
  if (self->dragging)
    return;
  self->has_sheet = sheet != NULL;
  if (sheet != NULL)
    self->sheet = *sheet;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const PlantarSheet *
plantar_sheet_view_get_sheet (PlantarSheetView *self)
{
  g_return_val_if_fail (PLANTAR_IS_SHEET_VIEW (self), NULL);
  return self->has_sheet ? &self->sheet : NULL;
}

gboolean
plantar_sheet_view_is_dragging (PlantarSheetView *self)
{
  g_return_val_if_fail (PLANTAR_IS_SHEET_VIEW (self), FALSE);
  return self->dragging;
}

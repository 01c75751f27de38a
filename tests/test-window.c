/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "plantar-application.h"
#include "plantar-scan-io.h"
#include "plantar-foot-panel.h"
#include "plantar-map-view.h"
#include "plantar-records-dialog.h"
#include "plantar-report-dialog.h"
#include "plantar-test-util.h"
#include "plantar-window.h"
#include "plantar-window-state.h"

/* The window as a user meets it, under Xvfb. */

static PlantarApplication *app;

static void
wait_until_idle (PlantarWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* one iteration lets the import start; then wait for it to land */
  g_main_context_iteration (NULL, FALSE);
  while (plantar_window_is_busy (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (plantar_window_is_busy (window));
  /* and until the new page is laid out and drawn */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
open_path (PlantarWindow *window,
           const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  plantar_window_open_files (window, &file, 1);
  wait_until_idle (window);
}

static PlantarWindow *
new_window (void)
{
  PlantarWindow *window = plantar_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return window;
}

/* The first map of a whole scan under @widget (shown when no foot is). */
static GtkWidget *
find_view (GtkWidget *widget)
{
  if (PLANTAR_IS_MAP_VIEW (widget) && plantar_map_view_get_foot (PLANTAR_MAP_VIEW (widget)) == NULL &&
      plantar_map_view_get_scan (PLANTAR_MAP_VIEW (widget)) != NULL && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_view (child);
      if (found)
        return found;
    }
  return NULL;
}

/* What the widget draws, as pixels, once it has been laid out again. */
static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w, h;
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 10;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

static guint32
pixel_at (GdkTexture *texture,
          int         x,
          int         y)
{
  guint32 px = 0;
  int w = gdk_texture_get_width (texture);
  g_autofree guint32 *data = g_new (guint32, (gsize) w * gdk_texture_get_height (texture));

  gdk_texture_download (texture, (guchar *) data, w * 4);
  px = data[(gsize) y * w + x];
  return px;
}

static guint
grey_of (guint32 argb)
{
  return (((argb >> 16) & 0xff) + ((argb >> 8) & 0xff) + (argb & 0xff)) / 3;
}

static void
test_welcome (void)
{
  PlantarWindow *window = new_window ();

  g_assert_null (plantar_window_get_scans (window));
  g_assert_false (plantar_window_is_showing_error (window));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_demo_and_bad_file (void)
{
  PlantarWindow *window = new_window ();
  g_autofree char *demo = plantar_application_find_demo ("demo-footprint.png");
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *bad = plantar_test_write (dir, "broken.csv", "# cell_mm: 5\n1,2,3\n4,5\n", -1);
  g_autoptr(GdkTexture) texture = NULL;
  GPtrArray *scans;
  GtkWidget *view;
  int w, h;

  g_assert_nonnull (demo);
  open_path (window, demo);
  scans = plantar_window_get_scans (window);
  g_assert_nonnull (scans);
  g_assert_cmpuint (scans->len, ==, 1);
  g_assert_false (plantar_window_is_showing_error (window));

  /* both feet of the sheet, side by side, and the result in the title */
  g_assert_true (plantar_window_is_showing_feet (window));
  g_assert_cmpstr (plantar_window_get_title_text (window), ==, "Left: normal arch · Right: low arch");

  /* the print is drawn: inside the left heel, 12 mm in front of its centre,
   * the ink is dark; the view's corner is not */
  view = plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT);
  texture = render (view);
  {
    PlantarFoot *left = plantar_fitting_get_foot (plantar_window_get_fitting (window), PLANTAR_SIDE_LEFT);
    double ax = sin (left->axis_deg * G_PI / 180), ay = -cos (left->axis_deg * G_PI / 180);
    double x, y;
    g_assert_true (plantar_map_view_to_widget (PLANTAR_MAP_VIEW (view), left->heel_centre.x + 12 * ax,
                                               left->heel_centre.y + 12 * ay, &x, &y));
    g_assert_cmpuint (grey_of (pixel_at (texture, x, y)), <, 110);
    /* beside the heel, the paper */
    g_assert_true (plantar_map_view_to_widget (PLANTAR_MAP_VIEW (view), left->heel_centre.x + 45 * ay,
                                               left->heel_centre.y - 45 * ax, &x, &y));
    g_assert_cmpuint (grey_of (pixel_at (texture, x, y)), >, 200);
  }
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  g_assert_cmpint (w, >, 100);
  g_assert_cmpint (h, >, 200);

  /* a file that cannot be read: the error shows, the print stays */
  open_path (window, bad);
  g_assert_true (plantar_window_is_showing_error (window));
  g_assert_nonnull (strstr (plantar_window_get_error_text (window), "line 3"));
  g_assert_true (plantar_window_get_scans (window) == scans);
  g_assert_true (plantar_window_is_showing_feet (window));
  g_assert_cmpuint (plantar_window_get_scans (window)->len, ==, 1);

  /* the next good file clears the error */
  {
    g_autofree char *walk = plantar_application_find_demo ("demo-walk.csv.gz");
    open_path (window, walk);
    g_assert_false (plantar_window_is_showing_error (window));
    g_assert_cmpuint (plantar_scan_get_n_frames (g_ptr_array_index (plantar_window_get_scans (window), 0)), ==, 116);
  }

  plantar_test_rm_rf (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Left and right from two files, side by side. */
static void
test_two_files (void)
{
  PlantarWindow *window = new_window ();
  g_autofree char *a = plantar_application_find_demo ("demo-walk.csv.gz");
  g_autofree char *b = plantar_test_fixture ("zebris-pedcad-walk.apd");
  GFile *files[2] = { g_file_new_for_path (a), g_file_new_for_path (b) };

  plantar_window_open_files (window, files, 2);
  wait_until_idle (window);
  g_assert_cmpuint (plantar_window_get_scans (window)->len, ==, 2);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */

  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
respond (const char *response)
{
  AdwMessageDialog *dialog = find_dialog ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
write_unscaled_image (const char *dir,
                      guint       width,
                      guint       height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_scan_new_image (width, height, &error);
  char *path = g_build_filename (dir, "unscaled.png", NULL);

  memset (plantar_scan_get_pixels_mutable (scan), 230, (gsize) width * height);
  g_assert_true (plantar_scan_save_png (scan, path, &error));
  return path;
}

/* An image without a scale: calibrated by its paper size, or by two points
 * of a known distance. */
static void
test_calibrate_image (void)
{
  PlantarWindow *window = new_window ();
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *a4 = write_unscaled_image (dir, 1240, 1754);
  PlantarScan *scan;
  GtkWidget *view;

  open_path (window, a4);
  scan = g_ptr_array_index (plantar_window_get_scans (window), 0);
  g_assert_false (plantar_scan_has_scale (scan));

  /* A4 is the first paper offered */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calibrate", NULL);
  respond ("paper");
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 25.4 / 150, 2e-4);

  /* a cropped photo: measure 100 mm that span 500 pixels */
  g_unlink (a4);
  g_free (a4);
  a4 = write_unscaled_image (dir, 800, 600);
  open_path (window, a4);
  scan = g_ptr_array_index (plantar_window_get_scans (window), 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calibrate", NULL);
  respond ("measure");
  view = find_view (GTK_WIDGET (window));
  g_assert_true (plantar_map_view_get_picking (PLANTAR_MAP_VIEW (view)));
  g_signal_emit_by_name (view, "points-picked", 100.0, 100.0, 400.0, 500.0);
  respond ("apply");
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 0.2, 1e-9);
  /* the scan is shown again, measured now, in a view of its own */
  view = find_view (GTK_WIDGET (window));
  g_assert_false (plantar_map_view_get_picking (PLANTAR_MAP_VIEW (view)));

  plantar_test_rm_rf (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A grid that says nothing of itself: the window asks cell size, units and
 * frame time. */
static void
test_describe_grid (void)
{
  PlantarWindow *window = new_window ();
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *grid = plantar_test_write (dir, "bare.csv", "0,1\n2,3\n\n4,5\n6,7\n", -1);
  PlantarScan *scan;

  open_path (window, grid);
  scan = g_ptr_array_index (plantar_window_get_scans (window), 0);
  g_assert_true (plantar_scan_get_units_assumed (scan));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calibrate", NULL);
  respond ("apply");   /* the defaults: 5 mm, kPa, 10 ms */
  g_assert_cmpfloat (plantar_scan_get_cell_width_mm (scan), ==, 5);
  g_assert_false (plantar_scan_get_units_assumed (scan));
  g_assert_cmpfloat (plantar_scan_get_frame_ms (scan), ==, 10);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 1, 1, 1), ==, 7);
  plantar_test_rm_rf (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Files dropped on the window open like files chosen. */
static void
test_drop (void)
{
  PlantarWindow *window = new_window ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autofree char *demo = plantar_application_find_demo ("demo-walk.csv.gz");
  GSList *files = g_slist_prepend (NULL, g_file_new_for_path (demo));
  GValue value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  wait_until_idle (window);
  g_assert_cmpuint (plantar_window_get_scans (window)->len, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}


static PlantarWindow *
open_demo (const char *name)
{
  PlantarWindow *window = new_window ();
  g_autofree char *path = plantar_application_find_demo (name);

  g_assert_nonnull (path);
  open_path (window, path);
  g_assert_true (plantar_window_is_showing_feet (window));
  return window;
}

static gboolean
is_reddish (guint32 argb)
{
  int r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;
  return r > 150 && r > g + 60 && r > b + 60;
}

/* The axis is drawn in red between the heel centre and the second toe;
 * switched off, it is gone. */
static void
test_overlays (void)
{
  PlantarWindow *window = open_demo ("demo-footprint.png");
  GSettings *settings = plantar_application_get_settings (app);
  GtkWidget *view = plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT);
  PlantarFoot *left = plantar_fitting_get_foot (plantar_window_get_fitting (window), PLANTAR_SIDE_LEFT);
  double x, y;
  gboolean found = FALSE;

  /* a point of the axis between the thirds, and around it a pixel or two */
  plantar_map_view_to_widget (PLANTAR_MAP_VIEW (view), 0.55 * left->heel_centre.x + 0.45 * left->toe_tip.x,
                              0.55 * left->heel_centre.y + 0.45 * left->toe_tip.y, &x, &y);
  {
    g_autoptr(GdkTexture) texture = render (view);
    for (int dx = -2; dx <= 2 && !found; dx++)
      found = is_reddish (pixel_at (texture, x + dx, y));
    g_assert_true (found);
  }
  g_settings_set_boolean (settings, "show-axis", FALSE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  {
    g_autoptr(GdkTexture) texture = render (view);
    for (int dx = -2; dx <= 2; dx++)
      g_assert_false (is_reddish (pixel_at (texture, x + dx, y)));
  }
  g_settings_reset (settings, "show-axis");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Dragging the heel centre measures the foot again at once; undo and redo
 * take it back and forth. */
static void
test_drag_heel (void)
{
  PlantarWindow *window = open_demo ("demo-footprint.png");
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  PlantarMapView *view = PLANTAR_MAP_VIEW (plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT));
  PlantarFootPanel *panel = PLANTAR_FOOT_PANEL (plantar_window_get_panel (window, PLANTAR_SIDE_LEFT));
  PlantarFoot *before = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT);
  PlantarPoint heel = before->heel_centre;
  double axis = before->axis_deg, x, y, ppm = plantar_map_view_get_px_per_mm (view);
  g_autofree char *ai_before = g_strdup (plantar_foot_panel_get_value (panel, "arch_index"));
  g_autofree char *clarke_before = g_strdup (plantar_foot_panel_get_value (panel, "clarke_angle_deg"));

  g_assert_false (plantar_fitting_can_undo (fitting));
  plantar_map_view_to_widget (view, heel.x, heel.y, &x, &y);
  /* the background is no handle */
  g_assert_false (plantar_map_view_drag_begin (view, x + 60, y - 150));
  plantar_map_view_drag_end (view);

  g_assert_true (plantar_map_view_drag_begin (view, x, y));
  plantar_map_view_drag_update (view, x + 6, y);
  plantar_map_view_drag_update (view, x + 12 * ppm, y);
  plantar_map_view_drag_end (view);

  /* the foot was measured again with the heel 12 mm to the side */
  {
    PlantarFoot *after = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT);
    g_assert_cmpfloat_with_epsilon (after->heel_centre.x, heel.x + 12, 0.05);
    g_assert_cmpfloat_with_epsilon (after->heel_centre.y, heel.y, 0.05);
    g_assert_true (after->corrections.has_heel_centre);
    g_assert_cmpfloat (fabs (after->axis_deg - axis), >, 1);
    /* the panel shows the new numbers */
    g_assert_cmpstr (plantar_foot_panel_get_value (panel, "clarke_angle_deg"), !=, clarke_before);
  }
  /* one drag, one step of the history */
  g_assert_true (plantar_fitting_can_undo (fitting));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_false (plantar_fitting_can_undo (fitting));
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->heel_centre.x, ==, heel.x);
  g_assert_cmpstr (plantar_foot_panel_get_value (panel, "arch_index"), ==, ai_before);
  g_assert_cmpstr (plantar_foot_panel_get_value (panel, "clarke_angle_deg"), ==, clarke_before);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpfloat_with_epsilon (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->heel_centre.x, heel.x + 12, 0.05);

  /* reset: what the analysis found, and that too can be undone */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", "s", "left");
  g_assert_false (plantar_fitting_is_corrected (fitting, PLANTAR_SIDE_LEFT));
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->heel_centre.x, ==, heel.x);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
}

/* The contact threshold of a print: more of the ink's contrast asked
 * for, less contact. */
static void
test_threshold (void)
{
  PlantarWindow *window = open_demo ("demo-footprint.png");
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  double area = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->contact_area_mm2;
  GtkWidget *panel = plantar_window_get_panel (window, PLANTAR_SIDE_RIGHT);
  GtkRange *slider = NULL;

  /* the right foot's slider: the last GtkScale of the right column */
  for (GtkWidget *w = gtk_widget_get_parent (plantar_window_get_map_view (window, PLANTAR_SIDE_RIGHT)); w && !slider;
       w = NULL)
    for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
      for (GtkWidget *d = gtk_widget_get_first_child (c); d; d = gtk_widget_get_next_sibling (d))
        if (GTK_IS_SCALE (d))
          slider = GTK_RANGE (d);
  g_assert_nonnull (slider);
  g_assert_cmpfloat (gtk_range_get_value (slider), ==, 0.5);
  gtk_range_set_value (slider, 0.85);
  wait_ms (300);
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->contact_area_mm2, <, area);
  g_assert_cmpfloat (plantar_fitting_get_threshold (fitting, PLANTAR_SIDE_RIGHT), ==, 0.85);
  g_assert_nonnull (plantar_foot_panel_get_value (PLANTAR_FOOT_PANEL (panel), "contact_area_mm2"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->contact_area_mm2, ==, area);
  g_assert_cmpfloat (gtk_range_get_value (slider), ==, 0.5);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A walk: the mean of each side's steps or one step, and the frames on
 * the timeline. */
static void
test_recording (void)
{
  PlantarWindow *window = open_demo ("demo-walk.csv.gz");
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  PlantarMapView *view = PLANTAR_MAP_VIEW (plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT));
  PlantarFootPanel *panel = PLANTAR_FOOT_PANEL (plantar_window_get_panel (window, PLANTAR_SIDE_LEFT));
  PlantarFoot *step;
  PlantarMapStyle style;
  double ball_x, ball_y;

  g_assert_cmpuint (plantar_fitting_get_n_choices (fitting, PLANTAR_SIDE_LEFT), ==, 3);
  g_assert_true (plantar_fitting_is_mean (fitting, PLANTAR_SIDE_LEFT));
  g_assert_nonnull (strstr (plantar_foot_panel_get_value (panel, "arch_index"), "±"));
  /* a step: its own numbers, and its landmarks can be dragged */
  plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, 2);
  g_assert_null (strstr (plantar_foot_panel_get_value (panel, "arch_index"), "±"));
  step = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT);
  g_assert_true (plantar_map_view_get_foot (view) == step);

  /* the peak map shows the ball; 100 ms into the walk only the first
   * heel is down */
  plantar_map_view_to_widget (view, step->ball_front.x - 15 * sin (step->axis_deg * G_PI / 180),
                              step->ball_front.y + 15 * cos (step->axis_deg * G_PI / 180), &ball_x, &ball_y);
  plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, 1);
  step = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT);
  g_assert_cmpfloat (plantar_window_get_time (window), <, 0);
  {
    g_autoptr(GdkTexture) peak = render (GTK_WIDGET (view));
    guint32 px = pixel_at (peak, ball_x, ball_y);
    /* a cell's colour, opaque (the view's own background is all but
     * transparent) */
    g_assert_cmpuint (px >> 24, ==, 255);
  }
  for (int i = 0; i < 6; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.frame-forward", NULL);
  g_assert_cmpfloat (plantar_window_get_time (window), ==, 100);
  plantar_map_view_get_style (view, &style);
  g_assert_cmpint (style.frame, ==, 5);
  {
    g_autoptr(GdkTexture) frame = render (GTK_WIDGET (view));
    guint32 px = pixel_at (frame, ball_x, ball_y);
    g_assert_cmpuint (px >> 24, <, 60);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.frame-back", NULL);
  g_assert_cmpfloat (plantar_window_get_time (window), ==, 80);

  /* playing moves time on */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  wait_ms (400);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_cmpfloat (plantar_window_get_time (window), >, 80);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The other foot from a second scan. */
static void
test_add_scan (void)
{
  PlantarWindow *window = open_demo ("demo-walk.csv.gz");
  g_autofree char *pedcad = plantar_test_fixture ("zebris-pedcad-walk.apd");
  g_autoptr(GFile) file = g_file_new_for_path (pedcad);

  plantar_window_add_files (window, &file, 1);
  wait_until_idle (window);
  g_assert_cmpuint (plantar_window_get_scans (window)->len, ==, 2);
  g_assert_cmpuint (plantar_fitting_get_n_scans (plantar_window_get_fitting (window)), ==, 2);
  /* the pedcad step is a left foot: one more choice on the left */
  g_assert_cmpuint (plantar_fitting_get_n_choices (plantar_window_get_fitting (window), PLANTAR_SIDE_LEFT), ==, 4);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Zoom and the turn that brings a treadmill step's toes up. */
static void
test_zoom_and_turn (void)
{
  PlantarWindow *window = new_window ();
  g_autofree char *path = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  PlantarMapView *view;
  PlantarFoot *foot;
  double x0, y0, x1, y1, ppm, mx, my;

  open_path (window, path);
  view = PLANTAR_MAP_VIEW (plantar_window_get_map_view (window, PLANTAR_SIDE_RIGHT));
  foot = plantar_map_view_get_foot (view);
  g_assert_nonnull (foot);
  /* the heel is drawn below the toe's tip, though the walk runs along x */
  plantar_map_view_to_widget (view, foot->heel_centre.x, foot->heel_centre.y, &x0, &y0);
  plantar_map_view_to_widget (view, foot->toe_tip.x, foot->toe_tip.y, &x1, &y1);
  g_assert_cmpfloat (y0 - y1, >, fabs (x0 - x1));
  /* there and back */
  plantar_map_view_to_mm (view, x1, y1, &mx, &my);
  g_assert_cmpfloat_with_epsilon (mx, foot->toe_tip.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (my, foot->toe_tip.y, 1e-6);

  ppm = plantar_map_view_get_px_per_mm (view);
  plantar_map_view_set_zoom (view, 2);
  g_assert_cmpfloat_with_epsilon (plantar_map_view_get_px_per_mm (view), 2 * ppm, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL);
  g_assert_cmpfloat (plantar_map_view_get_zoom (view), ==, 1);

  /* the pointer's readout: kPa and mm */
  plantar_map_view_to_widget (view, foot->heel_centre.x, foot->heel_centre.y, &x0, &y0);
  plantar_map_view_update_readout (view, x0, y0);
  g_assert_nonnull (strstr (plantar_map_view_get_readout (view), "kPa"));
  g_assert_nonnull (strstr (plantar_map_view_get_readout (view), "mm"));
  plantar_map_view_update_readout (view, 1, 1);
  g_assert_null (plantar_map_view_get_readout (view));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the scale banner asks for, decided without a display. */
/* Every control a keyboard or a screen reader reaches has a name: its own
 * text, a label it is labelled by, or an accessible label. */
static guint
check_names (GtkWidget *widget,
             GString   *unnamed)
{
  guint controls = 0;

  if (!gtk_widget_get_mapped (widget) || GTK_IS_SCROLLBAR (widget))
    return 0;
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_RANGE (widget) ||
      GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget) || GTK_IS_SPIN_BUTTON (widget))
    {
      gboolean named =
        gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
        gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      if (!named && GTK_IS_BUTTON (widget))
        {
          const char *label = gtk_button_get_label (GTK_BUTTON (widget));
          GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));
          named = (label != NULL && *label != '\0' && gtk_button_get_icon_name (GTK_BUTTON (widget)) == NULL) ||
                  GTK_IS_LABEL (child) || ADW_IS_BUTTON_CONTENT (child);
        }
      if (!named && GTK_IS_MENU_BUTTON (widget))
        named = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL;
      controls++;
      if (!named)
        g_string_append_printf (unnamed, " %s(%s)", G_OBJECT_TYPE_NAME (widget),
                                gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "");
      /* a button's own inside (a menu button's toggle) is one control */
      if (GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
        return controls;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    controls += check_names (child, unnamed);
  return controls;
}

static void
test_accessible_names (void)
{
  const char *demos[] = { "demo-footprint.png", "demo-walk.csv.gz" };

  for (guint i = 0; i < G_N_ELEMENTS (demos); i++)
    {
      PlantarWindow *window = open_demo (demos[i]);
      g_autoptr(GString) unnamed = g_string_new (NULL);
      guint controls = check_names (GTK_WIDGET (window), unnamed);

      g_assert_cmpuint (controls, >=, 8);
      if (unnamed->len > 0)
        g_error ("%s: controls without an accessible name:%s", demos[i], unnamed->str);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* The first widget of @type under @widget whose accessible label, or
 * title, is @name (NULL: any). */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (name == NULL)
        return widget;
      if (ADW_IS_PREFERENCES_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), name) == 0)
        return widget;
      if (GTK_IS_CHECK_BUTTON (widget))
        {
          GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
          if (row && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
            return widget;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);
      if (found)
        return found;
    }
  return NULL;
}

static PlantarReportDialog *
find_report_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (PLANTAR_IS_REPORT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return PLANTAR_REPORT_DIALOG (window);
    }
  return NULL;
}

/* The report: the suggestion follows the answers; the PDF carries the
 * customer's name; what was typed is still there when it opens again. */
static void
test_report (void)
{
  PlantarWindow *window = open_demo ("demo-footprint.png");
  PlantarReportDialog *dialog;
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  GtkWidget *heel, *customer;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.report", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  dialog = find_report_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (plantar_report_dialog_get_advice (dialog)->left.heel_cup, ==, "standard");
  g_assert_cmpstr (plantar_report_dialog_get_advice (dialog)->right.insole, ==, "structured-orthotic");

  heel = find_widget (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, "Heel");
  g_assert_nonnull (heel);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (heel), TRUE);
  g_assert_cmpstr (plantar_report_dialog_get_advice (dialog)->left.heel_cup, ==, "deep");
  customer = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Customer or Patient");
  g_assert_nonnull (customer);
  gtk_editable_set_text (GTK_EDITABLE (customer), "Jo Tester");

  g_assert_true (plantar_report_dialog_export (dialog, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, NULL, &error));
  g_assert_nonnull (strstr (text, "Jo Tester"));
  g_assert_nonnull (strstr (text, "Pain at the heel"));

  /* the printer's path: the same pages through GtkPrintOperation */
  {
    g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
    g_autofree char *printed_text = NULL;
    const char *argv2[] = { "pdftotext", printed, "-", NULL };
    plantar_report_dialog_print (dialog, GTK_PRINT_OPERATION_ACTION_EXPORT, printed);
    g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_spawn_sync (NULL, (char **) argv2, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &printed_text, NULL,
                                 NULL, &error));
    g_assert_nonnull (strstr (printed_text, "Jo Tester"));
    g_assert_nonnull (strstr (printed_text, "Neutral support insole"));
    g_assert_nonnull (strstr (printed_text, "Page 1 of 1"));
  }

  /* closed and opened again: as it was left */
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.report", NULL);
  dialog = find_report_dialog ();
  customer = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Customer or Patient");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (customer)), ==, "Jo Tester");
  g_assert_cmpstr (plantar_report_dialog_get_advice (dialog)->left.heel_cup, ==, "deep");
  gtk_window_destroy (GTK_WINDOW (dialog));

  plantar_test_rm_rf (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The fitting at hand is saved as it changes; a window that goes away
 * without closing (a crash) leaves it to be opened again as it was; a
 * fitting is filed under a customer found by name. */
static void
test_records (void)
{
  PlantarWindow *window = open_demo ("demo-footprint.png");
  PlantarRecords *records = plantar_application_get_records (app, NULL);
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  PlantarCorrections c;
  PlantarRecordsDialog *dialog;
  PlantarWindow *again;
  double left_ai;
  gint64 id, customer;

  g_assert_nonnull (records);
  c = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT)->corrections;
  c.has_heel_centre = TRUE;
  c.heel_centre = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT)->heel_centre;
  c.heel_centre.y += 5;
  g_assert_true (plantar_fitting_correct (fitting, PLANTAR_SIDE_LEFT, &c, FALSE));
  left_ai = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->arch_index;

  /* within a second */
  wait_ms (1000);
  g_assert_nonnull (plantar_window_get_record (window));
  id = plantar_window_get_record (window)->id;
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (plantar_records_get_open_fitting (records), ==, id);

  /* gone without closing, as in a crash: opened again as it was */
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (plantar_records_get_open_fitting (records), ==, id);
  g_application_activate (G_APPLICATION (app));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  again = PLANTAR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (again);
  g_assert_true (plantar_window_is_showing_feet (again));
  g_assert_cmpint (plantar_window_get_record (again)->id, ==, id);
  g_assert_cmpfloat_with_epsilon (plantar_fitting_get_foot (plantar_window_get_fitting (again), PLANTAR_SIDE_LEFT)->arch_index,
                                  left_ai, 1e-9);
  g_assert_false (plantar_fitting_can_undo (plantar_window_get_fitting (again)));

  /* filed under a customer found by name */
  {
    PlantarCustomer who = { 0 };
    who.name = (char *) "Quentin Tester";
    customer = plantar_records_add_customer (records, &who, NULL);
  }
  gtk_widget_activate_action (GTK_WIDGET (again), "win.customers", NULL);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
    dialog = NULL;
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
        if (PLANTAR_IS_RECORDS_DIALOG (w))
          dialog = PLANTAR_RECORDS_DIALOG (w);
      }
  }
  g_assert_nonnull (dialog);
  plantar_records_dialog_search (dialog, "quen tes");
  g_assert_cmpuint (plantar_records_dialog_get_n_shown (dialog), ==, 1);
  plantar_records_dialog_search (dialog, "nobody");
  g_assert_cmpuint (plantar_records_dialog_get_n_shown (dialog), ==, 0);
  plantar_records_dialog_show_customer (dialog, customer);
  {
    GtkWidget *contact = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Contact");
    g_autoptr(PlantarCustomer) who = NULL;
    g_assert_nonnull (contact);
    gtk_editable_set_text (GTK_EDITABLE (contact), "0131 555 0100");
    who = plantar_records_get_customer (records, customer, NULL);
    g_assert_cmpstr (who->contact, ==, "0131 555 0100");
  }
  plantar_window_file_record (again, customer, "Quentin Tester");
  {
    g_autoptr(GPtrArray) list = plantar_records_list_fittings (records, customer, NULL);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpint (((PlantarFittingRecord *) g_ptr_array_index (list, 0))->id, ==, id);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* closed as it should be: nothing to open next time */
  gtk_window_close (GTK_WINDOW (again));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (plantar_records_get_open_fitting (records), ==, 0);
}

static void
test_state (void)
{
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  g_autoptr(GError) error = NULL;
  PlantarWindowState state;
  char *names[] = { (char *) "grid.csv", NULL };
  PlantarScan *grid = plantar_scan_new_pressure (3, 3, 1, &error);
  PlantarScan *image = plantar_scan_new_image (30, 30, &error);

  plantar_window_state_compute (&state, NULL, NULL);
  g_assert_true (state.show_welcome);
  plantar_window_state_clear (&state);

  g_ptr_array_add (scans, grid);
  plantar_window_state_compute (&state, scans, names);
  g_assert_false (state.show_welcome);
  g_assert_cmpstr (state.title, ==, "grid.csv");
  g_assert_cmpint (state.scale_need, ==, PLANTAR_SCALE_GRID);
  plantar_window_state_clear (&state);

  plantar_scan_set_cell_size (grid, 5, 5);
  g_ptr_array_add (scans, image);
  plantar_window_state_compute (&state, scans, names);
  g_assert_cmpint (state.scale_need, ==, PLANTAR_SCALE_IMAGE);
  g_assert_cmpuint (state.scale_scan, ==, 1);
  plantar_window_state_clear (&state);

  plantar_scan_set_side (image, PLANTAR_SIDE_LEFT);
  {
    g_autofree char *title = plantar_scan_title (image, 1, 2);
    g_assert_cmpstr (title, ==, "Left Foot");
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_autofree char *records_dir = g_dir_make_tmp ("plantar-records-XXXXXX", NULL);
  g_autofree char *records = g_build_filename (records_dir, "records.db", NULL);

  /* records of the test's own, never the user's */
  g_setenv ("PLANTAR_RECORDS", records, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = plantar_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  g_test_add_func ("/window/welcome", test_welcome);
  g_test_add_func ("/window/open-demo-and-bad-file", test_open_demo_and_bad_file);
  g_test_add_func ("/window/two-files", test_two_files);
  g_test_add_func ("/window/state", test_state);
  g_test_add_func ("/window/calibrate-image", test_calibrate_image);
  g_test_add_func ("/window/describe-grid", test_describe_grid);
  g_test_add_func ("/window/drop", test_drop);
  g_test_add_func ("/window/overlays", test_overlays);
  g_test_add_func ("/window/drag-heel", test_drag_heel);
  g_test_add_func ("/window/threshold", test_threshold);
  g_test_add_func ("/window/recording", test_recording);
  g_test_add_func ("/window/add-scan", test_add_scan);
  g_test_add_func ("/window/zoom-and-turn", test_zoom_and_turn);
  g_test_add_func ("/window/accessible-names", test_accessible_names);
  g_test_add_func ("/window/report", test_report);
  g_test_add_func ("/window/records", test_records);
  status = g_test_run ();

  g_object_unref (app);
  plantar_test_rm_rf (records_dir);
  return status;
}

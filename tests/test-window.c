/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "plantar-application.h"
#include "plantar-scan-io.h"
#include "plantar-scan-view.h"
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
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (plantar_window_is_busy (window));
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

/* The first PlantarScanView under @widget. */
static GtkWidget *
find_view (GtkWidget *widget)
{
  if (PLANTAR_IS_SCAN_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_view (child);
      if (found)
        return found;
    }
  return NULL;
}

/* What the widget draws, as pixels. */
static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

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

  /* the print is drawn: the heel of the left foot (heel centre at 140 mm,
   * 252 mm on a 420 × 297 mm sheet) is dark, the sheet's corner light */
  view = find_view (GTK_WIDGET (window));
  g_assert_nonnull (view);
  texture = render (view);
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  {
    double scale = MIN ((w - 24) / 420.0, (h - 24) / 297.0);
    double x0 = floor ((w - 420 * scale) / 2), y0 = floor ((h - 297 * scale) / 2);
    g_assert_cmpuint (grey_of (pixel_at (texture, x0 + 140 * scale, y0 + 252 * scale)), <, 110);
    g_assert_cmpuint (grey_of (pixel_at (texture, x0 + 10 * scale, y0 + 10 * scale)), >, 200);
  }

  /* a file that cannot be read: the error shows, the print stays */
  open_path (window, bad);
  g_assert_true (plantar_window_is_showing_error (window));
  g_assert_nonnull (strstr (plantar_window_get_error_text (window), "line 3"));
  g_assert_true (plantar_window_get_scans (window) == scans);
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
  g_assert_true (plantar_scan_view_get_picking (PLANTAR_SCAN_VIEW (view)));
  g_signal_emit_by_name (view, "points-picked", 100.0, 100.0, 400.0, 500.0);
  respond ("apply");
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 0.2, 1e-9);
  g_assert_false (plantar_scan_view_get_picking (PLANTAR_SCAN_VIEW (view)));

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

/* What the scale banner asks for, decided without a display. */
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
  status = g_test_run ();

  g_object_unref (app);
  return status;
}

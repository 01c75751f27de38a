/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "plantar-application.h"
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
    g_autofree char *walk = plantar_application_find_demo ("demo-walk.csv");
    open_path (window, walk);
    g_assert_false (plantar_window_is_showing_error (window));
    g_assert_cmpuint (plantar_scan_get_n_frames (g_ptr_array_index (plantar_window_get_scans (window), 0)), ==, 100);
  }

  plantar_test_rm_rf (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Left and right from two files, side by side. */
static void
test_two_files (void)
{
  PlantarWindow *window = new_window ();
  g_autofree char *a = plantar_application_find_demo ("demo-walk.csv");
  g_autofree char *b = plantar_test_fixture ("zebris-pedcad-walk.apd");
  GFile *files[2] = { g_file_new_for_path (a), g_file_new_for_path (b) };

  plantar_window_open_files (window, files, 2);
  wait_until_idle (window);
  g_assert_cmpuint (plantar_window_get_scans (window)->len, ==, 2);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
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
  status = g_test_run ();

  g_object_unref (app);
  return status;
}

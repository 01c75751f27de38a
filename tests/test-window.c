/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "plantar-calibration-dialog.h"
#include "plantar-camera-window.h"
#include "plantar-gui-util.h"
#include "plantar-steps-window.h"
#include "plantar-scan-dialog.h"
#include "plantar-guide-window.h"
#include "plantar-render.h"
#include "plantar-sheet-view.h"
#include "plantar-scan-io.h"
#include "plantar-test-util.h"

/* The window as a user meets it, under Xvfb. */

/* ------------------------------------------------------------ opening */

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if ((section != NULL && menu_has_action (section, action)) ||
          (submenu != NULL && menu_has_action (submenu, action)))
        return TRUE;
    }
  return FALSE;
}

static void
test_welcome (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
  GtkMenuButton *menu = GTK_MENU_BUTTON (plantar_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                                                  "menu_button"));
  g_auto(GStrv) help_keys = gtk_application_get_accels_for_action (app, "app.help");

  /* the user's guide: F1, and in the main menu */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  g_assert_true (g_strv_contains ((const char * const *) help_keys, "F1"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu), "app.help"));

  g_assert_null (plantar_window_get_scans (window));
  g_assert_false (plantar_window_is_showing_error (window));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (plantar_window_get_title_text (window), ==, "Plantar");
  plantar_gui_destroy (window);
}

/* Both feet of the sheet side by side, the result in the title, and the
 * print drawn where the foot is. */
static void
test_open_demo (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  GtkWidget *view = plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT);
  PlantarFoot *left = plantar_fitting_get_foot (plantar_window_get_fitting (window), PLANTAR_SIDE_LEFT);
  g_autoptr(GdkTexture) texture = plantar_gui_render (view);
  double ax = sin (left->axis_deg * G_PI / 180), ay = -cos (left->axis_deg * G_PI / 180);
  double x, y;

  g_assert_cmpuint (plantar_window_get_scans (window)->len, ==, 1);
  g_assert_false (plantar_window_is_showing_error (window));
  g_assert_cmpstr (plantar_window_get_title_text (window), ==, "Left: normal arch · Right: flat arch");
  /* inside the left heel, 12 mm in front of its centre and 8 mm beside
   * the axis (off the lines drawn over it), the ink is dark */
  g_assert_true (plantar_map_view_to_widget (PLANTAR_MAP_VIEW (view), left->heel_centre.x + 12 * ax + 8 * ay,
                                             left->heel_centre.y + 12 * ay - 8 * ax, &x, &y));
  g_assert_cmpuint (plantar_gui_grey (plantar_gui_pixel (texture, x, y)), <, 110);
  /* beside the heel, the paper */
  g_assert_true (plantar_map_view_to_widget (PLANTAR_MAP_VIEW (view), left->heel_centre.x + 45 * ay,
                                             left->heel_centre.y - 45 * ax, &x, &y));
  g_assert_cmpuint (plantar_gui_grey (plantar_gui_pixel (texture, x, y)), >, 200);
  g_assert_cmpint (gdk_texture_get_width (texture), >, 100);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 200);
  plantar_gui_destroy (window);
}

/* A file that cannot be read: the error shows, the print stays. */
static void
test_open_bad_file (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  GPtrArray *scans = plantar_window_get_scans (window);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *bad = plantar_test_write (dir, "broken.csv", "# cell_mm: 5\n1,2,3\n4,5\n", -1);

  plantar_gui_open (window, bad);
  g_assert_true (plantar_window_is_showing_error (window));
  g_assert_nonnull (strstr (plantar_window_get_error_text (window), "line 3"));
  g_assert_true (plantar_window_get_scans (window) == scans);
  g_assert_true (plantar_window_is_showing_feet (window));
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* The next good file clears the error. */
static void
test_open_clears_error (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *bad = plantar_test_write (dir, "broken.csv", "nothing to see\n", -1);
  g_autofree char *walk = plantar_application_find_demo ("demo-walk.csv.gz");

  plantar_gui_open (window, bad);
  g_assert_true (plantar_window_is_showing_error (window));
  plantar_gui_open (window, walk);
  g_assert_false (plantar_window_is_showing_error (window));
  g_assert_cmpuint (plantar_scan_get_n_frames (g_ptr_array_index (plantar_window_get_scans (window), 0)), ==, 116);
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* Left and right from two files, side by side. */
static void
test_open_two_files (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  g_autofree char *a = plantar_application_find_demo ("demo-walk.csv.gz");
  g_autofree char *b = plantar_test_fixture ("zebris-pedcad-walk.apd");
  GFile *files[2] = { g_file_new_for_path (a), g_file_new_for_path (b) };

  plantar_window_open_files (window, files, 2);
  plantar_gui_wait_idle (window);
  g_assert_cmpuint (plantar_window_get_scans (window)->len, ==, 2);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  plantar_gui_destroy (window);
}

/* Files dropped on the window open like files chosen. */
static void
test_open_dropped (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
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
  plantar_gui_wait_idle (window);
  g_assert_cmpuint (plantar_window_get_scans (window)->len, ==, 1);
  g_clear_object (&controllers);
  plantar_gui_destroy (window);
}

/* The other foot from a second scan. */
static void
test_open_add_scan (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-walk.csv.gz");
  g_autofree char *pedcad = plantar_test_fixture ("zebris-pedcad-walk.apd");
  g_autoptr(GFile) file = g_file_new_for_path (pedcad);

  plantar_window_add_files (window, &file, 1);
  plantar_gui_wait_idle (window);
  g_assert_cmpuint (plantar_window_get_scans (window)->len, ==, 2);
  g_assert_cmpuint (plantar_fitting_get_n_scans (plantar_window_get_fitting (window)), ==, 2);
  /* the pedcad step is a left foot: one more choice on the left */
  g_assert_cmpuint (plantar_fitting_get_n_choices (plantar_window_get_fitting (window), PLANTAR_SIDE_LEFT), ==, 4);
  plantar_gui_destroy (window);
}

/* The main thread's own processor time: what it spends between two beats
 * is work done on the main loop, however loaded the machine is (a busy
 * machine stretches the wall-clock gaps without any work of ours). */
static gint64
main_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

typedef struct {
  PlantarWindow *window;
  gint64         last_us, last_cpu_us;
  gint64         paint_start_cpu_us;
  gint64         painting_cpu_us;   /* GTK's own painting since the last beat */
  gint64         longest_busy_us;   /* main-thread time while the file is read and measured */
  gint64         longest_us;        /* and while the result is shown */
  gint64         longest_wall_us;   /* wall clock, for the record */
  guint          ticks;
} Beat;

static gboolean
beat_cb (gpointer data)
{
  Beat *beat = data;
  gint64 now = g_get_monotonic_time (), cpu = main_thread_cpu_us ();
  gint64 work = cpu - beat->last_cpu_us - beat->painting_cpu_us;

  if (beat->last_us != 0)
    {
      beat->longest_us = MAX (beat->longest_us, work);
      beat->longest_wall_us = MAX (beat->longest_wall_us, now - beat->last_us);
      if (plantar_window_is_busy (beat->window))
        beat->longest_busy_us = MAX (beat->longest_busy_us, work);
    }
  beat->last_us = now;
  beat->last_cpu_us = cpu;
  beat->painting_cpu_us = 0;
  beat->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
paint_begins_cb (GdkFrameClock *clock,
                 Beat          *beat)
{
  beat->paint_start_cpu_us = main_thread_cpu_us ();
}

static void
paint_ends_cb (GdkFrameClock *clock,
               Beat          *beat)
{
  beat->painting_cpu_us += main_thread_cpu_us () - beat->paint_start_cpu_us;
}

/* The 54 MB treadmill walk is read and measured in workers: all the while
 * a 10 ms timeout goes on firing, and between two beats the main thread
 * never works more than 50 ms but for the frames GTK paints (a software
 * renderer's). Showing the result is told, not judged. */
static void
test_open_responsive (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  g_autofree char *path = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Beat beat = { window };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gulong begins = g_signal_connect (clock, "flush-events", G_CALLBACK (paint_begins_cb), &beat);
  gulong ends = g_signal_connect (clock, "after-paint", G_CALLBACK (paint_ends_cb), &beat);
  guint id;

  id = g_timeout_add (10, beat_cb, &beat);
  plantar_window_open_files (window, &file, 1);
  plantar_gui_wait_idle (window);
  g_source_remove (id);
  g_signal_handler_disconnect (clock, begins);
  g_signal_handler_disconnect (clock, ends);
  g_assert_true (plantar_window_is_showing_feet (window));
  g_assert_cmpuint (beat.ticks, >, 5);
  g_test_message ("longest main-thread work between beats: %.1f ms while reading and measuring, %.1f ms with "
                  "showing; longest wall-clock gap %.1f ms; over %u beats", beat.longest_busy_us / 1000.0,
                  beat.longest_us / 1000.0, beat.longest_wall_us / 1000.0, beat.ticks);
  g_assert_cmpint (beat.longest_busy_us, <, 50 * 1000);
  plantar_gui_destroy (window);
}

/* ------------------------------------------------------------ calibration */

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

/* A scan of a whole A4 sheet: its paper size gives its scale. */
static void
test_calibrate_paper (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *a4 = write_unscaled_image (dir, 1240, 1754);
  PlantarScan *scan;

  plantar_gui_open (window, a4);
  scan = g_ptr_array_index (plantar_window_get_scans (window), 0);
  g_assert_false (plantar_scan_has_scale (scan));
  /* A4 is the first paper offered */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calibrate", NULL);
  plantar_gui_respond ("paper");
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 25.4 / 150, 2e-4);
  plantar_gui_wait_idle (window);

  /* Undo takes the scale back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  plantar_gui_wait_idle (window);
  scan = g_ptr_array_index (plantar_window_get_scans (window), 0);
  g_assert_false (plantar_scan_has_scale (scan));

  /* given again, and remembered for what the file holds: the same print
   * under another name opens measured, without asking */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calibrate", NULL);
  plantar_gui_respond ("paper");
  plantar_gui_wait_idle (window);
  plantar_gui_destroy (window);
  {
    g_autofree char *copy = g_build_filename (dir, "renamed.png", NULL);
    g_autofree char *bytes = NULL;
    gsize length;
    g_assert_true (g_file_get_contents (a4, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (copy, bytes, length, NULL));
    window = plantar_gui_new_window (1000, 700);
    plantar_gui_open (window, copy);
    scan = g_ptr_array_index (plantar_window_get_scans (window), 0);
    g_assert_true (plantar_scan_has_scale (scan));
    g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 25.4 / 150, 2e-4);
    /* and changed later: the dialog asks again */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.change-scale", NULL));
    plantar_gui_respond ("cancel");
  }
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* A cropped photo: 100 mm clicked across 500 pixels. */
static void
test_calibrate_distance (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *photo = write_unscaled_image (dir, 800, 600);
  PlantarScan *scan;
  GtkWidget *view;

  plantar_gui_open (window, photo);
  scan = g_ptr_array_index (plantar_window_get_scans (window), 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calibrate", NULL);
  plantar_gui_respond ("measure");
  view = plantar_gui_find_scan_view (GTK_WIDGET (window));
  g_assert_true (plantar_map_view_get_picking (PLANTAR_MAP_VIEW (view)));
  g_signal_emit_by_name (view, "points-picked", 100.0, 100.0, 400.0, 500.0);
  plantar_gui_respond ("apply");
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 0.2, 1e-9);
  /* the scan is shown again, measured now, in a view of its own */
  plantar_gui_wait_idle (window);
  view = plantar_gui_find_scan_view (GTK_WIDGET (window));
  g_assert_false (plantar_map_view_get_picking (PLANTAR_MAP_VIEW (view)));
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* A grid that says nothing of itself: the window asks cell size, units and
 * frame time. */
static void
test_calibrate_grid (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *grid = plantar_test_write (dir, "bare.csv", "0,1\n2,3\n\n4,5\n6,7\n", -1);
  PlantarScan *scan;

  plantar_gui_open (window, grid);
  scan = g_ptr_array_index (plantar_window_get_scans (window), 0);
  g_assert_true (plantar_scan_get_units_assumed (scan));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calibrate", NULL);
  plantar_gui_respond ("apply");   /* the defaults: 5 mm, kPa, 10 ms */
  g_assert_cmpfloat (plantar_scan_get_cell_width_mm (scan), ==, 5);
  g_assert_false (plantar_scan_get_units_assumed (scan));
  g_assert_cmpfloat (plantar_scan_get_frame_ms (scan), ==, 10);
  g_assert_cmpfloat (plantar_scan_get_value (scan, 1, 1, 1), ==, 7);
  plantar_gui_wait_idle (window);
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* ------------------------------------------------------------ a photo's sheet */

static char *
write_photo (const char *dir)
{
  g_autoptr(GBytes) jpeg = plantar_test_photo_jpeg (1200, 900, 20, NULL);
  return plantar_test_write (dir, "photo.jpg", g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
}

/* Drags corner @corner of the sheet by (@dx, @dy) pixels of the widget,
 * and waits for the feet to be measured on it. */
static void
drag_corner (PlantarWindow    *window,
             PlantarSheetView *view,
             guint             corner,
             double            dx,
             double            dy)
{
  const PlantarSheet *sheet = plantar_sheet_view_get_sheet (view);
  double x, y;

  g_assert_true (plantar_sheet_view_to_widget (view, sheet->x[corner], sheet->y[corner], &x, &y));
  g_assert_true (plantar_sheet_view_drag_begin (view, x, y));
  for (guint k = 1; k <= 4; k++)
    plantar_sheet_view_drag_update (view, x + dx * k / 4, y + dy * k / 4);
  plantar_sheet_view_drag_end (view);
  plantar_gui_wait_idle (window);
}

/* A phone photo opens measured; its sheet is shown on it in colour, a
 * corner dragged measures the foot again as one step to undo, and the
 * feet come back as they were. */
static void
test_photo_sheet (void)
{
  PlantarWindow *window = plantar_gui_new_window (1100, 760);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *photo = write_photo (dir);
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  PlantarSheetView *view;
  PlantarSheet found;
  double length;
  g_autoptr(GdkTexture) shown = NULL;
  double cx, cy;

  plantar_gui_open (window, photo);
  g_assert_true (plantar_window_is_showing_feet (window));
  length = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->foot_length_mm;
  g_assert_cmpfloat (fabs (length - 250), <, 3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->sheet_button)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sheet", "b", TRUE);
  view = PLANTAR_SHEET_VIEW (plantar_window_get_sheet_view (window, 0));
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  found = *plantar_sheet_view_get_sheet (view);
  /* the photo in its colours: the wooden floor outside the sheet is brown */
  plantar_gui_wait_painted (GTK_WIDGET (view));
  shown = plantar_gui_render (GTK_WIDGET (view));
  g_assert_true (plantar_sheet_view_to_widget (view, 20, 20, &cx, &cy));
  {
    guint32 floor = plantar_gui_pixel (shown, (int) cx, (int) cy);
    g_assert_cmpint ((floor >> 16) & 0xff, >, (floor & 0xff) + 8);
  }

  /* the bottom-right corner 4 % further out: the foot measures shorter */
  drag_corner (window, view, 2, (found.x[2] - found.x[0]) * 0.04 * gtk_widget_get_width (GTK_WIDGET (view)) / 1200.0,
               (found.y[2] - found.y[0]) * 0.04 * gtk_widget_get_width (GTK_WIDGET (view)) / 1200.0);
  g_assert_false (plantar_sheet_equal (plantar_scan_get_sheet (plantar_fitting_get_scan (fitting, 0)), &found));
  g_assert_nonnull (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT));
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->foot_length_mm, <, length - 1);
  g_assert_true (plantar_fitting_can_undo (fitting));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_false (plantar_fitting_can_undo (fitting));
  g_assert_true (plantar_sheet_equal (plantar_scan_get_sheet (plantar_fitting_get_scan (fitting, 0)), &found));
  g_assert_true (plantar_sheet_equal (plantar_sheet_view_get_sheet (view), &found));
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->foot_length_mm, ==, length);
  /* the scans the window shows follow */
  g_assert_true (g_ptr_array_index (plantar_window_get_scans (window), 0) == plantar_fitting_get_scan (fitting, 0));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sheet", "b", FALSE);
  g_assert_true (plantar_window_is_showing_feet (window));
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* Letter chosen for the sheet: remembered, and the photo measured again
 * at that size. */
static void
test_photo_paper (void)
{
  PlantarWindow *window = plantar_gui_new_window (1100, 760);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *photo = write_photo (dir);
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  double length;

  plantar_gui_open (window, photo);
  length = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->foot_length_mm;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sheet", "b", TRUE);
  /* A4, A3, Letter, Legal */
  gtk_drop_down_set_selected (window->sheet_paper, 2);
  plantar_gui_wait_idle (window);
  g_assert_cmpstr (g_settings_get_string (window->settings, "photo-paper"), ==, "letter");
  g_assert_cmpfloat (plantar_scan_get_sheet (plantar_fitting_get_scan (fitting, 0))->height_mm, ==, 279.4);
  g_assert_cmpfloat (fabs (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->foot_length_mm -
                           length * 279.4 / 297), <, 3);
  g_settings_reset (window->settings, "photo-paper");
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* A pressure picture without a scale: the foot's length gives it one. */
static void
test_calibrate_foot_length (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *plate = g_build_filename (dir, "plate.csv", NULL);
  g_autofree char *picture = g_build_filename (dir, "picture.png", NULL);
  PlantarSynthPlate p;
  PlantarSynthFoot foot;
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(GError) error = NULL;
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  cairo_surface_t *surface;

  plantar_synth_foot_init (&foot, PLANTAR_SIDE_LEFT, 240);
  foot.heel_x_mm = 60;
  foot.heel_y_mm = 240;
  plantar_synth_plate_init (&p);
  p.cell_width_mm = p.cell_height_mm = 1;
  p.columns = 130;
  p.rows = 290;
  scan = plantar_synth_render_plate (&p, &foot, 1, &error);
  g_assert_no_error (error);
  surface = plantar_render_pressure (scan, plantar_scan_get_frame (scan, 0), PLANTAR_COLORMAP_RAINBOW, 0);
  {
    /* on white, as a report shows it */
    cairo_surface_t *white = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 130, 290);
    cairo_t *cr = cairo_create (white);
    double max, min;
    plantar_scan_get_value_range (scan, &min, &max);
    cairo_surface_destroy (surface);
    surface = plantar_render_pressure (scan, plantar_scan_get_frame (scan, 0), PLANTAR_COLORMAP_RAINBOW, max);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_set_source_surface (cr, surface, 0, 0);
    cairo_paint (cr);
    cairo_destroy (cr);
    g_assert_cmpint (cairo_surface_write_to_png (white, picture), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (white);
  }
  cairo_surface_destroy (surface);

  plantar_gui_open (window, picture);
  g_assert_cmpint (window->state.scale_need, ==, PLANTAR_SCALE_PICTURE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calibrate", NULL);
  {
    GtkWindow *dialog = plantar_gui_find_toplevel (PLANTAR_TYPE_CALIBRATION_DIALOG);
    GtkSpinButton *spin = GTK_SPIN_BUTTON (plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON,
                                                                    "foot_length"));
    gtk_spin_button_set_value (spin, 240);
  }
  plantar_gui_respond ("apply");
  plantar_gui_wait_idle (window);
  g_assert_true (plantar_window_is_showing_feet (window));
  g_assert_cmpfloat (fabs (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->foot_length_mm - 240), <, 1);
  g_assert_cmpfloat (fabs (plantar_scan_get_cell_width_mm (plantar_fitting_get_scan (fitting, 0)) - 1), <, 0.02);
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* ------------------------------------------------------------ the station's devices */

static gboolean
scan_dialog_ready (gpointer data)
{
  return plantar_scan_dialog_is_ready (data);
}

static gboolean
window_has_scans (gpointer data)
{
  PlantarWindow *window = data;
  return plantar_window_get_scans (window) != NULL && !plantar_window_is_busy (window);
}

/* Scan: the test backend's scanner found, its grid of 10 mm squares
 * scanned at the resolution remembered, kept among the captures, opened
 * with its scale. */
static void
test_scan_dialog (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  const char *grid[] = { "test-picture=Grid", NULL };
  GtkWindow *dialog;
  PlantarScan *scan;
  g_autofree char *captures = g_build_filename (g_get_user_data_dir (), "plantar", "captures", NULL);
  GStatBuf st;

  g_settings_set_int (window->settings, "scanner-dpi", 100);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.scan", NULL);
  dialog = plantar_gui_find_toplevel (PLANTAR_TYPE_SCAN_DIALOG);
  g_assert_nonnull (dialog);
  plantar_gui_wait_for (scan_dialog_ready, dialog, "the scanners listed");
  plantar_scan_dialog_set_options (PLANTAR_SCAN_DIALOG (dialog), grid);
  g_signal_emit_by_name (plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "scan_button"), "clicked");
  g_assert_true (plantar_scan_dialog_is_scanning (PLANTAR_SCAN_DIALOG (dialog)));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  plantar_gui_wait_for (window_has_scans, window, "the scan opened");
  g_assert_null (dialog);
  scan = g_ptr_array_index (plantar_window_get_scans (window), 0);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 25.4 / 100, 1e-4);
  /* kept for the records, for the user alone */
  g_assert_cmpint (g_stat (captures, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_settings_reset (window->settings, "scanner-dpi");
  plantar_gui_destroy (window);
}

/* Cancel stops a slow scan; the dialog stays for another try. */
static void
test_scan_cancel (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  const char *slow[] = { "read-limit=yes", "read-limit-size=512", "read-delay=yes", "read-delay-duration=50000", NULL };
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.scan", NULL);
  dialog = plantar_gui_find_toplevel (PLANTAR_TYPE_SCAN_DIALOG);
  plantar_gui_wait_for (scan_dialog_ready, dialog, "the scanners listed");
  plantar_scan_dialog_set_options (PLANTAR_SCAN_DIALOG (dialog), slow);
  g_signal_emit_by_name (plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "scan_button"), "clicked");
  g_assert_true (plantar_scan_dialog_is_scanning (PLANTAR_SCAN_DIALOG (dialog)));
  g_signal_emit_by_name (plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "close_button"), "clicked");
  plantar_gui_wait_for (scan_dialog_ready, dialog, "the scan stopped");
  g_assert_null (plantar_window_get_scans (window));
  gtk_window_destroy (dialog);
  plantar_gui_destroy (window);
}

static gboolean
camera_showing (gpointer data)
{
  return plantar_camera_window_get_n_shown (data) >= 3;
}

/* The camera: a test source named in the settings, its frames shown live;
 * calibrated once, a capture is opened with its scale. */
static void
test_camera (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  const char *source = "videotestsrc is-live=true pattern=smpte ! video/x-raw,width=400,height=300";
  g_autoptr(GVariant) calibrations = NULL;
  GtkWindow *camera;
  PlantarScan *scan;

  g_settings_set_string (window->settings, "camera-source", source);
  {
    g_auto(GVariantBuilder) b = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
    g_variant_builder_add (&b, "{ss}", source, "{\"kind\": \"scale\", \"mm_per_px\": 0.75}");
    g_settings_set_value (window->settings, "camera-calibrations", g_variant_builder_end (&b));
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.camera", NULL);
  camera = plantar_gui_find_toplevel (PLANTAR_TYPE_CAMERA_WINDOW);
  g_assert_nonnull (camera);
  plantar_gui_wait_for (camera_showing, camera, "the camera's frames shown");
  g_assert_cmpint (plantar_camera_window_get_calibration (PLANTAR_CAMERA_WINDOW (camera))->kind, ==,
                   PLANTAR_CAMERA_SCALE);
  g_signal_emit_by_name (plantar_gui_find_widget (GTK_WIDGET (camera), GTK_TYPE_BUTTON, "capture_button"), "clicked");
  plantar_gui_wait_for (window_has_scans, window, "the capture opened");
  scan = g_ptr_array_index (plantar_window_get_scans (window), 0);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 0.75, 1e-3);
  g_assert_cmpuint (plantar_scan_get_width (scan), ==, 400);

  /* the mirror remembered with the calibration */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.camera", NULL);
  camera = plantar_gui_find_toplevel (PLANTAR_TYPE_CAMERA_WINDOW);
  plantar_gui_wait_for (camera_showing, camera, "the camera's frames shown");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (plantar_gui_find_widget (GTK_WIDGET (camera), GTK_TYPE_CHECK_BUTTON,
                                                                          "mirror_check")), TRUE);
  calibrations = g_settings_get_value (window->settings, "camera-calibrations");
  {
    const char *text = NULL;
    g_assert_true (g_variant_lookup (calibrations, source, "&s", &text));
    g_assert_nonnull (strstr (text, "\"mirror\":true"));
  }
  gtk_window_destroy (camera);
  g_settings_reset (window->settings, "camera-source");
  g_settings_reset (window->settings, "camera-calibrations");
  plantar_gui_destroy (window);
}

/* The folder the plate exports into: a file written there is opened and
 * measured; asked to, the next one joins the fitting as the other foot. */
static void
test_watched_folder (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *left = g_build_filename (dir, "left.csv", NULL);
  g_autofree char *right = g_build_filename (dir, "right.csv", NULL);
  PlantarSynthPlate plate;
  PlantarSynthFoot foot;
  g_autoptr(GError) error = NULL;
  PlantarFitting *fitting = plantar_window_get_fitting (window);

  g_settings_set_string (window->settings, "watch-folder", dir);
  plantar_synth_plate_init (&plate);
  plate.columns = 30;
  plate.rows = 62;
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PlantarScan) scan = NULL;
      plantar_synth_foot_init (&foot, i == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT, 250);
      foot.heel_x_mm = 75;
      foot.heel_y_mm = 250;
      scan = plantar_synth_render_plate (&plate, &foot, 1, &error);
      g_assert_no_error (error);
      if (i == 1)
        g_action_group_change_action_state (G_ACTION_GROUP (window), "next-joins", g_variant_new_boolean (TRUE));
      g_assert_true (plantar_scan_save_grid (scan, i == 0 ? left : right, &error));
      plantar_gui_wait_for (window_has_scans, window, "the export opened");
      while (plantar_window_get_scans (window)->len < i + 1)
        g_main_context_iteration (NULL, TRUE);
      plantar_gui_wait_idle (window);
      /* one foot: the other side says how to add it, in place of its map */
      g_assert_cmpint (gtk_widget_get_visible (window->right_missing), ==, i == 0);
      if (i == 1)
        {
          /* 1000 px: one foot's measurements at a time, the other a click away */
          g_assert_true (plantar_feet_box_get_narrow (window->feet_box));
          plantar_feet_box_show_side (window->feet_box, PLANTAR_SIDE_RIGHT);
          plantar_gui_wait_idle (window);
        }
      g_assert_cmpint (gtk_widget_get_child_visible (GTK_WIDGET (window->right_panel_scroller)), ==, i == 1);
      g_assert_false (gtk_widget_get_visible (window->left_missing));
    }
  g_assert_cmpuint (plantar_window_get_scans (window)->len, ==, 2);
  g_assert_nonnull (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT));
  g_assert_nonnull (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT));
  g_settings_reset (window->settings, "watch-folder");
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* ------------------------------------------------------------ measure at home */

static gboolean
guide_ready (gpointer data)
{
  return plantar_guide_window_is_ready (data);
}

static void
guide_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (plantar_guide_window_save_finish (PLANTAR_GUIDE_WINDOW (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The guide opens from the welcome page, is drawn (the page in white,
 * the pictures in colour), and saves as a one-page PDF. */
static void
test_guide (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "guide.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkTexture) texture = NULL;
  GtkWindow *guide;
  gboolean saved = FALSE;
  gsize size;
  g_autofree char *pdf = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.guide", NULL);
  guide = plantar_gui_find_toplevel (PLANTAR_TYPE_GUIDE_WINDOW);
  g_assert_nonnull (guide);
  plantar_gui_wait_for (guide_ready, guide, "the guide drawn");
  plantar_gui_wait_painted (GTK_WIDGET (guide));
  texture = plantar_gui_render (GTK_WIDGET (guide));
  {
    guint coloured = 0, w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
    g_autofree guint32 *pixels = g_new (guint32, (gsize) w * h);
    gdk_texture_download (texture, (guchar *) pixels, w * 4);
    for (gsize i = 0; i < (gsize) w * h; i += 4)
      {
        int r = (pixels[i] >> 16) & 0xff, b = pixels[i] & 0xff;
        coloured += r > b + 40;   /* brown paper */
      }
    g_assert_cmpuint (coloured, >, 2000);
  }
  plantar_guide_window_save_async (PLANTAR_GUIDE_WINDOW (guide), file, guide_saved_cb, &saved);
  plantar_gui_wait_for (is_true, &saved, "the guide saved");
  g_assert_true (g_file_get_contents (path, &pdf, &size, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));
  gtk_window_destroy (guide);
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* ------------------------------------------------------------ the maps */

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
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  GSettings *settings = plantar_application_get_settings (plantar_gui_test_app ());
  GtkWidget *view = plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT);
  PlantarFoot *left = plantar_fitting_get_foot (plantar_window_get_fitting (window), PLANTAR_SIDE_LEFT);
  double x, y;
  gboolean found = FALSE;

  /* a point of the axis between the thirds, and around it a pixel or two */
  plantar_map_view_to_widget (PLANTAR_MAP_VIEW (view), 0.55 * left->heel_centre.x + 0.45 * left->toe_tip.x,
                              0.55 * left->heel_centre.y + 0.45 * left->toe_tip.y, &x, &y);
  {
    g_autoptr(GdkTexture) texture = plantar_gui_render (view);
    for (int dx = -2; dx <= 2 && !found; dx++)
      found = is_reddish (plantar_gui_pixel (texture, x + dx, y));
    g_assert_true (found);
  }
  g_settings_set_boolean (settings, "show-axis", FALSE);
  {
    g_autoptr(GdkTexture) texture = plantar_gui_render (view);
    for (int dx = -2; dx <= 2; dx++)
      g_assert_false (is_reddish (plantar_gui_pixel (texture, x + dx, y)));
  }
  g_settings_reset (settings, "show-axis");
  plantar_gui_destroy (window);
}

/* Zoom, and the turn that brings a treadmill step's toes up. */
static void
test_zoom_and_turn (void)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  g_autofree char *path = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  PlantarMapView *view;
  PlantarFoot *foot;
  double x0, y0, x1, y1, ppm, mx, my;

  plantar_gui_open (window, path);
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
  plantar_gui_destroy (window);
}

/* What is under the pointer: kPa and mm, nothing off the map. */
static void
test_readout (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-walk.csv.gz");
  PlantarMapView *view = PLANTAR_MAP_VIEW (plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT));
  PlantarFoot *foot = plantar_map_view_get_foot (view);
  double x, y;

  plantar_map_view_to_widget (view, foot->heel_centre.x, foot->heel_centre.y, &x, &y);
  plantar_map_view_update_readout (view, x, y);
  g_assert_nonnull (strstr (plantar_map_view_get_readout (view), "kPa"));
  g_assert_nonnull (strstr (plantar_map_view_get_readout (view), "mm"));
  plantar_map_view_update_readout (view, 1, 1);
  g_assert_null (plantar_map_view_get_readout (view));
  plantar_gui_destroy (window);
}

/* ------------------------------------------------------------ corrections */

/* Drags the left heel centre 12 mm to the side, as the pointer does. */
static void
drag_left_heel (PlantarWindow *window)
{
  PlantarMapView *view = PLANTAR_MAP_VIEW (plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT));
  PlantarFoot *foot = plantar_fitting_get_foot (plantar_window_get_fitting (window), PLANTAR_SIDE_LEFT);
  double x, y, ppm = plantar_map_view_get_px_per_mm (view);

  plantar_map_view_to_widget (view, foot->heel_centre.x, foot->heel_centre.y, &x, &y);
  g_assert_true (plantar_map_view_drag_begin (view, x, y));
  plantar_map_view_drag_update (view, x + 6, y);
  plantar_map_view_drag_update (view, x + 12 * ppm, y);
  plantar_map_view_drag_end (view);
}

/* Dragging the heel centre measures the foot again at once. */
static void
test_drag_heel (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  PlantarMapView *view = PLANTAR_MAP_VIEW (plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT));
  PlantarFootPanel *panel = PLANTAR_FOOT_PANEL (plantar_window_get_panel (window, PLANTAR_SIDE_LEFT));
  PlantarFoot *before = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT);
  PlantarPoint heel = before->heel_centre;
  double axis = before->axis_deg, x, y;
  g_autofree char *clarke_before = g_strdup (plantar_foot_panel_get_value (panel, "clarke_angle_deg"));
  PlantarFoot *after;

  /* the background is no handle */
  plantar_map_view_to_widget (view, heel.x, heel.y, &x, &y);
  g_assert_false (plantar_map_view_drag_begin (view, x + 60, y - 150));
  plantar_map_view_drag_end (view);
  drag_left_heel (window);

  after = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT);
  g_assert_cmpfloat_with_epsilon (after->heel_centre.x, heel.x + 12, 0.05);
  g_assert_cmpfloat_with_epsilon (after->heel_centre.y, heel.y, 0.05);
  g_assert_true (after->corrections.has_heel_centre);
  g_assert_cmpfloat (fabs (after->axis_deg - axis), >, 1);
  g_assert_cmpstr (plantar_foot_panel_get_value (panel, "clarke_angle_deg"), !=, clarke_before);
  plantar_gui_destroy (window);
}

/* One drag is one step of the history, undone and redone. */
static void
test_undo_redo (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  PlantarFootPanel *panel = PLANTAR_FOOT_PANEL (plantar_window_get_panel (window, PLANTAR_SIDE_LEFT));
  double heel_x = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->heel_centre.x;
  g_autofree char *ai_before = g_strdup (plantar_foot_panel_get_value (panel, "arch_index"));

  g_assert_false (plantar_fitting_can_undo (fitting));
  drag_left_heel (window);
  g_assert_true (plantar_fitting_can_undo (fitting));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_false (plantar_fitting_can_undo (fitting));
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->heel_centre.x, ==, heel_x);
  g_assert_cmpstr (plantar_foot_panel_get_value (panel, "arch_index"), ==, ai_before);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpfloat_with_epsilon (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->heel_centre.x, heel_x + 12,
                                  0.05);
  plantar_gui_destroy (window);
}

/* Reset: what the analysis found, undoable too. */
static void
test_reset (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  double heel_x = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->heel_centre.x;

  drag_left_heel (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", "s", "left");
  g_assert_false (plantar_fitting_is_corrected (fitting, PLANTAR_SIDE_LEFT));
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->heel_centre.x, ==, heel_x);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_true (plantar_fitting_is_corrected (fitting, PLANTAR_SIDE_LEFT));
  plantar_gui_destroy (window);
}

static GtkRange *
threshold_slider (PlantarWindow *window,
                  PlantarSide    side)
{
  GtkWidget *column = gtk_widget_get_parent (plantar_window_get_map_view (window, side));

  return GTK_RANGE (plantar_gui_find_widget (column, GTK_TYPE_SCALE, NULL));
}

typedef struct {
  PlantarFitting *fitting;
  double          threshold;
} ThresholdWait;

static gboolean
threshold_is (gpointer data)
{
  ThresholdWait *w = data;
  return plantar_fitting_get_threshold (w->fitting, PLANTAR_SIDE_RIGHT) == w->threshold;
}

/* The contact threshold of a print: more of the ink's contrast asked
 * for, less contact; one undo step for the move. */
static void
test_threshold (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  double area = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->contact_area_mm2;
  GtkRange *slider = threshold_slider (window, PLANTAR_SIDE_RIGHT);
  ThresholdWait wait = { fitting, 0.85 };

  g_assert_nonnull (slider);
  g_assert_cmpfloat (gtk_range_get_value (slider), ==, 0.5);
  gtk_range_set_value (slider, 0.85);
  /* measured when the slider rests */
  plantar_gui_wait_for (threshold_is, &wait, "the threshold to be applied");
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->contact_area_mm2, <, area);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpfloat (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT)->contact_area_mm2, ==, area);
  g_assert_cmpfloat (gtk_range_get_value (slider), ==, 0.5);
  plantar_gui_destroy (window);
}

/* ------------------------------------------------------------ screens */

/* The right edge of @widget within @window, in the window's pixels. */
static double
right_edge (GtkWidget *widget,
            GtkWidget *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  return bounds.origin.x + bounds.size.width;
}

/* A print, the demo walk and the Zebris treadmill walk each fit a
 * 1024 × 600 store laptop: the window asks for no more, and the last
 * button of the header bar and the measurements lie within it. */
static void
test_small_screen (void)
{
  const char *files[] = { "demo-footprint.png", "demo-walk.csv.gz", NULL };
  g_autofree char *zebris = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");

  for (guint i = 0; i < 3; i++)
    {
      PlantarWindow *window = plantar_gui_new_window (1024, 600);
      g_autofree char *demo = files[i] ? plantar_application_find_demo (files[i]) : NULL;
      int min_w, min_h;
      GtkWidget *panel;

      plantar_gui_open (window, demo ? demo : zebris);
      g_assert_true (plantar_window_is_showing_feet (window));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, min_w, &min_h, NULL, NULL, NULL);
      g_test_message ("%s: at least %d × %d", demo ? files[i] : "zebris", min_w, min_h);
      g_assert_cmpint (min_w, <=, 1024);
      g_assert_cmpint (min_h, <=, 600);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
      g_assert_cmpfloat (right_edge (plantar_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "menu_button"),
                                     GTK_WIDGET (window)), <=, 1024);
      /* one foot's measurements, whole, beside the maps */
      g_assert_true (plantar_feet_box_get_narrow (window->feet_box));
      panel = GTK_WIDGET (window->left_panel_scroller);
      g_assert_true (gtk_widget_get_child_visible (panel));
      g_assert_cmpfloat (right_edge (panel, GTK_WIDGET (window)), <=, 1024);
      g_assert_cmpint (gtk_widget_get_width (panel), >=, 280);
      plantar_gui_destroy (window);
    }
}

/* On a large screen the measurements widen with it, both feet's at
 * once; choosing another step moves no pane. */
static void
test_large_screen (void)
{
  PlantarWindow *window = plantar_gui_new_window (2400, 1300);
  g_autofree char *demo = plantar_application_find_demo ("demo-walk.csv.gz");
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  int column;

  plantar_gui_open (window, demo);
  g_assert_false (plantar_feet_box_get_narrow (window->feet_box));
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (window->left_panel_scroller)));
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (window->right_panel_scroller)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->left_panel_scroller)), >, 400);
  column = gtk_widget_get_width (GTK_WIDGET (window->left_view));
  for (guint choice = 1; choice < plantar_fitting_get_n_choices (fitting, PLANTAR_SIDE_LEFT); choice++)
    {
      plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, choice);
      plantar_gui_wait_idle (window);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->left_view)), ==, column);
    }
  plantar_gui_destroy (window);
}

/* ------------------------------------------------------------ recordings */

/* A walk: the mean of each side's steps, or one step with its own
 * numbers and landmarks. */
static void
test_recording_steps (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-walk.csv.gz");
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  PlantarMapView *view = PLANTAR_MAP_VIEW (plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT));
  PlantarFootPanel *panel = PLANTAR_FOOT_PANEL (plantar_window_get_panel (window, PLANTAR_SIDE_LEFT));

  g_assert_cmpuint (plantar_fitting_get_n_choices (fitting, PLANTAR_SIDE_LEFT), ==, 3);
  g_assert_true (plantar_fitting_is_mean (fitting, PLANTAR_SIDE_LEFT));
  /* two steps: their mean, and no spread pretending to mean something */
  g_assert_null (strstr (plantar_foot_panel_get_value (panel, "arch_index"), "±"));
  g_assert_cmpstr (plantar_foot_panel_get_value (panel, "arch_index_spread"), ==,
                   "Mean of 2 steps: too few for a spread");
  plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, 2);
  g_assert_null (strstr (plantar_foot_panel_get_value (panel, "arch_index"), "±"));
  g_assert_cmpstr (plantar_foot_panel_get_value (panel, "arch_index_spread"), ==, "");
  g_assert_true (plantar_map_view_get_foot (view) == plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT));
  plantar_gui_destroy (window);
}

/* A treadmill walk: the Gait rows in each panel (speed, cadence, strike,
 * no contact time beside the stance time), the walk in words below the
 * feet; a limp generated: its stance and step times "uneven", and said */
static void
test_recording_gait (void)
{
  g_autofree char *zebris = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *limp = g_build_filename (dir, "limp.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  PlantarWindow *window = plantar_gui_new_window (1280, 800);
  PlantarFootPanel *left = PLANTAR_FOOT_PANEL (plantar_window_get_panel (window, PLANTAR_SIDE_LEFT));
  PlantarFootPanel *right = PLANTAR_FOOT_PANEL (plantar_window_get_panel (window, PLANTAR_SIDE_RIGHT));
  PlantarSynthGait g;
  double cadence;

  plantar_gui_open (window, zebris);
  g_assert_cmpstr (plantar_foot_panel_get_value (left, "speed_kmh"), ==, "4.0 km/h");
  cadence = g_ascii_strtod (plantar_foot_panel_get_value (right, "cadence_spm"), NULL);
  g_assert_cmpfloat (cadence, >=, 95);
  g_assert_cmpfloat (cadence, <=, 125);
  g_assert_cmpstr (plantar_foot_panel_get_value (left, "strike_index_pct:category"), ==, "rearfoot");
  g_assert_cmpstr (plantar_foot_panel_get_value (right, "strike_index_pct:category"), ==, "rearfoot");
  g_assert_cmpstr (plantar_foot_panel_get_value (left, "stance_ms:category"), ==, "");
  g_assert_nonnull (plantar_foot_panel_get_value (left, "double_support_ms"));
  g_assert_null (plantar_foot_panel_get_value (left, "contact_ms"));
  g_assert_true (g_str_has_prefix (plantar_window_get_banner_text (window), "Walking at 4.0 km/h"));
  g_assert_nonnull (strstr (plantar_window_get_banner_text (window), "Both feet land on the heel"));

  plantar_synth_gait_init (&g, FALSE);
  g.stance_ms[0] = 720;
  g.stance_ms[1] = 600;
  g.step_time_ratio = 1.25;
  g.n_steps = 10;
  scan = plantar_synth_render_gait (&g, &error);
  g_assert_no_error (error);
  g_assert_true (plantar_scan_save_grid (scan, limp, &error));
  g_assert_no_error (error);
  plantar_gui_open (window, limp);
  g_assert_cmpstr (plantar_foot_panel_get_value (left, "stance_ms:category"), ==, "uneven");
  g_assert_cmpstr (plantar_foot_panel_get_value (right, "step_time_ms:category"), ==, "uneven");
  g_assert_cmpstr (plantar_foot_panel_get_value (left, "speed_kmh:category"), ==, "");
  g_assert_nonnull (strstr (plantar_window_get_banner_text (window), "Left and right differ in stance time"));
  plantar_gui_destroy (window);
  plantar_test_rm_rf (dir);
}

/* An insole recording: the step chooser says why a step is partial where
 * it is chosen, and true (the recording, never a plate's edge); the arch
 * carries the in-shoe caveat; the threshold says what its number is. */
static void
test_recording_in_shoe (void)
{
  g_autofree char *path = plantar_test_fixture ("xsensor-x4.csv");
  PlantarWindow *window = plantar_gui_new_window (1280, 800);
  PlantarFitting *fitting;
  PlantarFootPanel *panel = PLANTAR_FOOT_PANEL (plantar_window_get_panel (window, PLANTAR_SIDE_RIGHT));
  GtkDropDown *chooser;
  GtkScale *scale;
  GObject *item;
  char *text = NULL;

  plantar_gui_open (window, path);
  plantar_gui_wait_idle (window);
  fitting = plantar_window_get_fitting (window);
  chooser = GTK_DROP_DOWN (plantar_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, "right_choice"));
  g_assert_cmpuint (plantar_fitting_get_n_choices (fitting, PLANTAR_SIDE_RIGHT), ==, 2);
  item = gtk_drop_down_get_selected_item (chooser);
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), ==, "Step 1 (partial)");
  g_assert_cmpstr (g_object_get_data (item, "note"), ==, "The recording starts during this step.");
  text = g_strdup (gtk_widget_get_tooltip_text (GTK_WIDGET (chooser)));
  g_assert_cmpstr (text, ==, "The recording starts during this step.");
  g_assert_nonnull (strstr (plantar_foot_panel_get_value (panel, "arch_index_spread"), "inside a shoe"));
  /* and the result in the title says so too */
  g_assert_nonnull (strstr (plantar_window_get_title_text (window), "in a shoe, indicative"));

  scale = GTK_SCALE (plantar_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_SCALE, "right_threshold"));
  g_free (text);
  text = g_strdup (gtk_widget_get_tooltip_text (GTK_WIDGET (scale)));
  g_assert_nonnull (strstr (text, "Contact threshold: a sensor counts"));
  g_free (text);
  plantar_gui_destroy (window);
}

/* Every step in one table, sorted by a measure; the step picked there is
 * the one the window shows. */
static void
test_recording_step_table (void)
{
  g_autofree char *path = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  PlantarWindow *window = plantar_gui_new_window (1280, 800);
  PlantarFitting *fitting;
  PlantarStepsWindow *steps;
  GListModel *model;
  guint n, steps_left = 0;
  double last = -G_MAXDOUBLE;
  g_autoptr(GObject) first = NULL;
  guint number, choice_before;

  plantar_gui_open (window, path);
  plantar_gui_wait_idle (window);
  fitting = plantar_window_get_fitting (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.steps", NULL));
  steps = PLANTAR_STEPS_WINDOW (plantar_gui_find_toplevel (PLANTAR_TYPE_STEPS_WINDOW));
  g_assert_nonnull (steps);
  model = plantar_steps_window_get_model (steps);
  n = g_list_model_get_n_items (model);
  /* every step of both feet, not the means */
  g_assert_cmpuint (n, ==, plantar_fitting_get_n_choices (fitting, PLANTAR_SIDE_LEFT) - 1 +
                           plantar_fitting_get_n_choices (fitting, PLANTAR_SIDE_RIGHT) - 1);
  g_assert_cmpuint (n, ==, 27);

  /* by arch index, highest first */
  plantar_steps_window_sort_by (steps, "ai", TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, n - 1 - i);
      double ai;
      g_autofree char *side = NULL;
      g_object_get (row, "ai", &ai, "side", &side, NULL);
      g_assert_cmpfloat (ai, >=, last);
      last = ai;
      steps_left += g_str_equal (side, "Left");
    }
  g_assert_cmpuint (steps_left, >, 0);
  g_assert_cmpuint (steps_left, <, n);

  /* the highest picked: the window shows that step, and nothing of the
   * layout moves */
  plantar_gui_wait_painted (GTK_WIDGET (window));
  {
    GtkWidget *lv = plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT);
    GtkWidget *rv = plantar_window_get_map_view (window, PLANTAR_SIDE_RIGHT);
    int before[4] = { gtk_widget_get_width (lv), gtk_widget_get_width (rv),
                      gtk_widget_get_width (GTK_WIDGET (window->left_panel_scroller)),
                      gtk_widget_get_width (GTK_WIDGET (window->right_panel_scroller)) };
    for (guint c = 1; c < plantar_fitting_get_n_choices (fitting, PLANTAR_SIDE_LEFT); c += 3)
      {
        plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, c);
        plantar_gui_wait_painted (GTK_WIDGET (window));
        g_assert_cmpint (gtk_widget_get_width (lv), ==, before[0]);
        g_assert_cmpint (gtk_widget_get_width (rv), ==, before[1]);
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->left_panel_scroller)), ==, before[2]);
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->right_panel_scroller)), ==, before[3]);
      }
  }
  first = g_list_model_get_item (model, 0);
  g_object_get (first, "number", &number, NULL);
  choice_before = plantar_fitting_get_choice (fitting, PLANTAR_SIDE_LEFT) + plantar_fitting_get_choice (fitting, PLANTAR_SIDE_RIGHT);
  plantar_steps_window_choose (steps, 0);
  {
    PlantarFoot *left = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT);
    PlantarFoot *right = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_RIGHT);
    g_assert_cmpuint (plantar_fitting_get_choice (fitting, PLANTAR_SIDE_LEFT) +
                      plantar_fitting_get_choice (fitting, PLANTAR_SIDE_RIGHT), !=, choice_before);
    g_assert_true (left->index + 1 == number || right->index + 1 == number);
    g_assert_cmpfloat (fabs ((left->index + 1 == number ? left : right)->arch_index - last), <, 1e-9);
  }
  gtk_window_destroy (GTK_WINDOW (steps));
  plantar_gui_destroy (window);
}

/* The peak map shows the toes; 100 ms into the walk only the first heel
 * and the midfoot are down. */
static void
test_recording_frames (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-walk.csv.gz");
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  PlantarMapView *view = PLANTAR_MAP_VIEW (plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT));
  PlantarFoot *step;
  PlantarMapStyle style;
  double ball_x, ball_y;

  plantar_fitting_set_choice (fitting, PLANTAR_SIDE_LEFT, 1);
  step = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT);
  /* the second toe's pad, 9 mm behind its tip and 4 mm aside, off the
   * axis drawn through it */
  {
    double ax = sin (step->axis_deg * G_PI / 180), ay = -cos (step->axis_deg * G_PI / 180);
    plantar_map_view_to_widget (view, step->toe_tip.x - 9 * ax - 4 * ay, step->toe_tip.y - 9 * ay + 4 * ax, &ball_x,
                                &ball_y);
  }
  g_assert_cmpfloat (plantar_window_get_time (window), <, 0);
  {
    g_autoptr(GdkTexture) peak = plantar_gui_render (GTK_WIDGET (view));
    /* a cell's colour, opaque (the view's own background is all but transparent) */
    g_assert_cmpuint (plantar_gui_pixel (peak, ball_x, ball_y) >> 24, ==, 255);
  }
  for (int i = 0; i < 6; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.frame-forward", NULL);
  g_assert_cmpfloat (plantar_window_get_time (window), ==, 100);
  plantar_map_view_get_style (view, &style);
  g_assert_cmpint (style.frame, ==, 5);
  {
    g_autoptr(GdkTexture) frame = plantar_gui_render (GTK_WIDGET (view));
    g_assert_cmpuint (plantar_gui_pixel (frame, ball_x, ball_y) >> 24, <, 60);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.frame-back", NULL);
  g_assert_cmpfloat (plantar_window_get_time (window), ==, 80);
  plantar_gui_destroy (window);
}

static gboolean
time_passed_80 (gpointer data)
{
  return plantar_window_get_time (data) > 80;
}

/* Playing moves time on. */
static void
test_recording_play (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-walk.csv.gz");

  for (int i = 0; i < 5; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.frame-forward", NULL);
  g_assert_cmpfloat (plantar_window_get_time (window), ==, 80);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  plantar_gui_wait_for (time_passed_80, window, "the walk to play on");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  plantar_gui_destroy (window);
}

/* Presses and releases @keyval on the window, as the keyboard does. */
static void
press_key (PlantarWindow *window,
           guint          keyval)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *target = focus ? focus : GTK_WIDGET (window);

  /* what a key press reaches: the window's capture controllers first */
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_EVENT_CONTROLLER_KEY (c) &&
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (c)) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, 0, &handled);
    }
  /* else the focused widget: a button activates on Space */
  if (!handled && keyval == GDK_KEY_space && GTK_IS_BUTTON (target))
    g_signal_emit_by_name (target, "activate");
  plantar_gui_flush ();
}

/* Space plays and pauses wherever the focus is: on the main menu's button,
 * on the step drop-down, on the map. */
static void
test_recording_space (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-walk.csv.gz");
  GtkWidget *menu = plantar_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL);
  GtkWidget *targets[] = {
    menu,
    gtk_widget_get_first_child (menu),
    plantar_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, NULL),
    plantar_window_get_map_view (window, PLANTAR_SIDE_LEFT),
  };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_assert_nonnull (targets[i]);
      gtk_widget_grab_focus (targets[i]);
      press_key (window, GDK_KEY_space);
      g_assert_true (plantar_playback_bar_get_playing (PLANTAR_PLAYBACK_BAR (
        plantar_gui_find_widget (GTK_WIDGET (window), PLANTAR_TYPE_PLAYBACK_BAR, NULL))));
      press_key (window, GDK_KEY_space);
      g_assert_false (plantar_playback_bar_get_playing (PLANTAR_PLAYBACK_BAR (
        plantar_gui_find_widget (GTK_WIDGET (window), PLANTAR_TYPE_PLAYBACK_BAR, NULL))));
    }
  /* no menu opened on the way */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)))));
  plantar_gui_destroy (window);
}

/* ------------------------------------------------------------ accessibility */

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
test_accessible_names (gconstpointer data)
{
  PlantarWindow *window = plantar_gui_open_demo (data);
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint controls = check_names (GTK_WIDGET (window), unnamed);

  g_assert_cmpuint (controls, >=, 8);
  if (unnamed->len > 0)
    g_error ("%s: controls without an accessible name:%s", (const char *) data, unnamed->str);
  plantar_gui_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  plantar_gui_test_init (&argc, &argv);
  g_test_add_func ("/window/welcome", test_welcome);
  g_test_add_func ("/window/open/demo", test_open_demo);
  g_test_add_func ("/window/open/bad-file-keeps-scan", test_open_bad_file);
  g_test_add_func ("/window/open/next-file-clears-error", test_open_clears_error);
  g_test_add_func ("/window/open/two-files", test_open_two_files);
  g_test_add_func ("/window/open/dropped", test_open_dropped);
  g_test_add_func ("/window/open/add-scan", test_open_add_scan);
  g_test_add_func ("/window/open/responsive", test_open_responsive);
  g_test_add_func ("/window/calibrate/paper", test_calibrate_paper);
  g_test_add_func ("/window/calibrate/distance", test_calibrate_distance);
  g_test_add_func ("/window/calibrate/grid", test_calibrate_grid);
  g_test_add_func ("/window/calibrate/foot-length", test_calibrate_foot_length);
  g_test_add_func ("/window/photo/sheet", test_photo_sheet);
  g_test_add_func ("/window/photo/paper", test_photo_paper);
  g_test_add_func ("/window/guide", test_guide);
  g_test_add_func ("/window/capture/scan", test_scan_dialog);
  g_test_add_func ("/window/capture/scan-cancel", test_scan_cancel);
  g_test_add_func ("/window/capture/camera", test_camera);
  g_test_add_func ("/window/capture/watched-folder", test_watched_folder);
  g_test_add_func ("/window/map/overlays", test_overlays);
  g_test_add_func ("/window/map/zoom-and-turn", test_zoom_and_turn);
  g_test_add_func ("/window/map/readout", test_readout);
  g_test_add_func ("/window/corrections/drag-heel", test_drag_heel);
  g_test_add_func ("/window/corrections/undo-redo", test_undo_redo);
  g_test_add_func ("/window/corrections/reset", test_reset);
  g_test_add_func ("/window/corrections/threshold", test_threshold);
  g_test_add_func ("/window/screen/small", test_small_screen);
  g_test_add_func ("/window/screen/large", test_large_screen);
  g_test_add_func ("/window/recording/steps", test_recording_steps);
  g_test_add_func ("/window/recording/frames", test_recording_frames);
  g_test_add_func ("/window/recording/in-shoe", test_recording_in_shoe);
  g_test_add_func ("/window/recording/gait", test_recording_gait);
  g_test_add_func ("/window/recording/step-table", test_recording_step_table);
  g_test_add_func ("/window/recording/play", test_recording_play);
  g_test_add_func ("/window/recording/space-anywhere", test_recording_space);
  g_test_add_data_func ("/window/accessible-names/footprint", "demo-footprint.png", test_accessible_names);
  g_test_add_data_func ("/window/accessible-names/walk", "demo-walk.csv.gz", test_accessible_names);
  status = g_test_run ();
  plantar_gui_test_shutdown ();
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-test"

#include "config.h"

#include "plantar-gui-util.h"
#include "plantar-test-util.h"

static PlantarApplication *app;
static char *records_dir;
static char *sane_dir;

/* GTK, libadwaita and a Plantar with records of the test's own. */
PlantarApplication *
plantar_gui_test_init (int    *argc,
                       char ***argv)
{
  g_autofree char *records = NULL;

  records_dir = g_dir_make_tmp ("plantar-records-XXXXXX", NULL);
  records = g_build_filename (records_dir, "records.db", NULL);
  /* records, captures and scanners of the test's own, never the user's */
  g_setenv ("PLANTAR_RECORDS", records, TRUE);
  g_setenv ("XDG_DATA_HOME", records_dir, TRUE);
  sane_dir = plantar_test_sane_config ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* what is measured is where it comes to rest, not halfway through a
   * revealer's slide */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = plantar_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  return app;
}

void
plantar_gui_test_shutdown (void)
{
  g_clear_object (&app);
  if (records_dir != NULL)
    plantar_test_rm_rf (records_dir);
  g_clear_pointer (&records_dir, g_free);
  if (sane_dir != NULL)
    plantar_test_rm_rf (sane_dir);
  g_clear_pointer (&sane_dir, g_free);
}

PlantarApplication *
plantar_gui_test_app (void)
{
  return app;
}

/* Runs the main loop until @condition holds; fails after 30 s. */
void
plantar_gui_wait_for (PlantarTestCondition  condition,
                      gpointer              data,
                      const char           *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("waited 30 s for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Whatever is ready to run has run. */
void
plantar_gui_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
not_busy (gpointer data)
{
  return !plantar_window_is_busy (data);
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The next frame of @widget's window has been painted. */
void
plantar_gui_wait_painted (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_draw (widget);
  plantar_gui_wait_for (is_true, &painted, "a paint");
  g_signal_handler_disconnect (clock, id);
}

/* The open or the analysis under way has landed, and it is drawn. */
void
plantar_gui_wait_idle (PlantarWindow *window)
{
  plantar_gui_flush ();
  plantar_gui_wait_for (not_busy, window, "the window to finish reading and measuring");
  plantar_gui_wait_painted (GTK_WIDGET (window));
}

PlantarWindow *
plantar_gui_new_window (int width,
                        int height)
{
  PlantarWindow *window = plantar_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  plantar_gui_wait_painted (GTK_WIDGET (window));
  return window;
}

void
plantar_gui_open (PlantarWindow *window,
                  const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  plantar_window_open_files (window, &file, 1);
  plantar_gui_wait_idle (window);
}

PlantarWindow *
plantar_gui_open_demo (const char *name)
{
  PlantarWindow *window = plantar_gui_new_window (1000, 700);
  g_autofree char *path = plantar_application_find_demo (name);

  g_assert_nonnull (path);
  plantar_gui_open (window, path);
  g_assert_true (plantar_window_is_showing_feet (window));
  return window;
}

/* Destroys @window and checks that nothing kept it alive. */
void
plantar_gui_destroy (PlantarWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  plantar_gui_flush ();
  g_assert_finalize_object (window);
}

/* What the widget draws, as pixels, once it has been painted again. */
GdkTexture *
plantar_gui_render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w, h;

  /* the paintable takes the widget as it was last painted */
  plantar_gui_wait_painted (widget);
  paintable = gtk_widget_paintable_new (widget);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

guint32
plantar_gui_pixel (GdkTexture *texture,
                   int         x,
                   int         y)
{
  int w = gdk_texture_get_width (texture);
  g_autofree guint32 *data = g_new (guint32, (gsize) w * gdk_texture_get_height (texture));

  gdk_texture_download (texture, (guchar *) data, w * 4);
  return data[(gsize) y * w + x];
}

guint
plantar_gui_grey (guint32 argb)
{
  return (((argb >> 16) & 0xff) + ((argb >> 8) & 0xff) + (argb & 0xff)) / 3;
}

/* The visible toplevel of @type (the last one opened), or NULL. */
GtkWindow *
plantar_gui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */
  GtkWindow *found = NULL;

  plantar_gui_flush ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = GTK_WINDOW (window);
    }
  return found;
}

/* Answers the message dialog shown, as a click on its button would. */
void
plantar_gui_respond (const char *response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (plantar_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  plantar_gui_flush ();
}

/* The first widget of @type under @widget whose title (a row's, or the
 * row's around a check button or a slider) is @name (NULL: any). */
GtkWidget *
plantar_gui_find_widget (GtkWidget  *widget,
                         GType       type,
                         const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (name == NULL || g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), name) == 0)
        return widget;
      if (ADW_IS_PREFERENCES_ROW (widget) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), name) == 0)
        return widget;
      if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), name) == 0)
        return widget;
      /* an icon's button by what its tooltip says */
      if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
          g_strcmp0 (gtk_widget_get_tooltip_text (widget), name) == 0)
        return widget;
      if (GTK_IS_CHECK_BUTTON (widget) || GTK_IS_RANGE (widget))
        {
          GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
          if (row && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
            return widget;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = plantar_gui_find_widget (child, type, name);
      if (found)
        return found;
    }
  return NULL;
}

/* The first map of a whole scan under @widget (shown when no foot is). */
GtkWidget *
plantar_gui_find_scan_view (GtkWidget *widget)
{
  if (PLANTAR_IS_MAP_VIEW (widget) && plantar_map_view_get_foot (PLANTAR_MAP_VIEW (widget)) == NULL &&
      plantar_map_view_get_scan (PLANTAR_MAP_VIEW (widget)) != NULL && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = plantar_gui_find_scan_view (child);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
saved (gpointer data)
{
  PlantarWindow *window = data;
  PlantarFittingRecord *record = plantar_window_get_record (window);

  return record != NULL && record->id > 0 && !plantar_records_controller_is_saving (plantar_window_get_records (window));
}

static gboolean
saving (gpointer data)
{
  return plantar_records_controller_is_saving (plantar_window_get_records (PLANTAR_WINDOW (data)));
}

static gboolean
not_saving (gpointer data)
{
  return !saving (data);
}

/* The left heel centre moved @dy mm, and the saves it makes waited for. */
void
plantar_gui_correct (PlantarWindow *window,
                     double         dy,
                     double        *left_ai)
{
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  PlantarCorrections c = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT)->corrections;

  c.has_heel_centre = TRUE;
  c.heel_centre = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_LEFT)->heel_centre;
  c.heel_centre.y += dy;
  g_assert_true (plantar_fitting_correct (fitting, PLANTAR_SIDE_LEFT, &c, FALSE));
  if (left_ai != NULL)
    *left_ai = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT)->arch_index;
  /* the save waits a moment for further changes before it starts */
  plantar_gui_wait_for (saving, window, "the save the correction asks for");
  plantar_gui_wait_for (not_saving, window, "the saves of the fitting");
}

/* A correction, and the fitting at hand saved with it: its id. */
gint64
plantar_gui_correct_and_save (PlantarWindow *window,
                              double        *left_ai)
{
  plantar_gui_correct (window, 5, left_ai);
  plantar_gui_wait_for (saved, window, "the fitting to be saved");
  return plantar_window_get_record (window)->id;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-application"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-application.h"
#include "plantar-keyring.h"
#include "plantar-preferences.h"
#include "plantar-records.h"
#include "plantar-resources.h"
#include "plantar-window-private.h"

struct _PlantarApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  PlantarRecords *records;
  GError         *records_error;
  gboolean        records_tried;
  /* the server's state, as the last call in a worker found it */
  gboolean        online;
  guint           pending;
  guint           check_id;
  gboolean        checking;
  gboolean        check_again;
};

G_DEFINE_FINAL_TYPE (PlantarApplication, plantar_application, ADW_TYPE_APPLICATION)

/* How often a station whose server is away, or that has fittings waiting
 * for it, asks again. */
#define CHECK_EVERY_S 10

enum {
  RECORDS_CHANGED,
  RECORDS_STATUS,
  RECORDS_SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The settings, from the installed schema or, when Plantar runs from its
 * build tree, from the schema compiled there. */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaSource) build_source = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      build_source = g_settings_schema_source_new_from_directory (BUILD_DATADIR, source, FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, APP_ID, TRUE);
    }
  if (schema == NULL)
    g_error ("The settings schema %s is not installed; run Plantar with “meson devenv” or install it", APP_ID);

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * plantar_application_find_demo:
 * @name: "demo-footprint.png" or "demo-walk.csv.gz"
 *
 * Returns: (nullable): the path of a demo scan, installed or in the source tree
 */
char *
plantar_application_find_demo (const char *name)
{
  const char *dirs[] = { g_getenv ("PLANTAR_DATADIR"), PKGDATADIR, SOURCE_DATADIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;
      if (dirs[i] == NULL)
        continue;
      path = g_build_filename (dirs[i], name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

/* PLANTAR_TIMING=quit: the first frame that shows what was asked for (the
 * scans given, or the welcome page) ends the program, so that a script can
 * time the start from the shell (tests/bench-startup). */
static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  PlantarWindow *window = user_data;
  gboolean waiting = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "plantar-expects-scans"));
  GPtrArray *scans = plantar_window_get_scans (window);

  if (waiting && (scans == NULL || scans->len == 0))
    return;
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
timing_map_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), window, 0);
}

static PlantarWindow *
get_window (PlantarApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (plantar_window_new (self));
      if (g_strcmp0 (g_getenv ("PLANTAR_TIMING"), "quit") == 0)
        g_signal_connect (window, "map", G_CALLBACK (timing_map_cb), NULL);
    }
  return PLANTAR_WINDOW (window);
}

/* Where the records are: $PLANTAR_RECORDS (a file or a server), else the
 * server of Preferences, else records.db in the user's data folder. */
static char *
records_address (PlantarApplication *self)
{
  g_autofree char *server = NULL;

  if (g_getenv ("PLANTAR_RECORDS") != NULL)
    return g_strdup (g_getenv ("PLANTAR_RECORDS"));
  if (self->settings != NULL)
    {
      g_autofree char *location = g_settings_get_string (self->settings, "records-location");
      server = g_settings_get_string (self->settings, "records-server");
      if (g_str_equal (location, "server") && *server != '\0')
        return g_steal_pointer (&server);
    }
  return plantar_records_get_default_path ();
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PlantarApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  guint pending = 0;
  int sent = plantar_records_send_pending_finish (result, &pending, &error);
  gboolean online = sent >= 0 || !g_error_matches (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE);

  self->checking = FALSE;
  if (error != NULL)
    g_debug ("the records' server: %s", error->message);
  if (online != self->online || pending != self->pending)
    {
      self->online = online;
      self->pending = pending;
      g_signal_emit (self, signals[RECORDS_STATUS], 0);
    }
  if (sent > 0)
    g_signal_emit (self, signals[RECORDS_SENT], 0, (guint) sent);
  if (self->check_again)
    {
      self->check_again = FALSE;
      plantar_application_check_records (self);
    }
}

/**
 * plantar_application_check_records:
 *
 * Asks the records' server, in a worker, whether it is there, and sends
 * what waited for it; "records-status-changed" says what changed.
 */
void
plantar_application_check_records (PlantarApplication *self)
{
  g_return_if_fail (PLANTAR_IS_APPLICATION (self));
  if (self->records == NULL || !plantar_records_is_server (self->records))
    return;
  if (self->checking)
    {
      self->check_again = TRUE;
      return;
    }
  self->checking = TRUE;
  plantar_records_send_pending_async (self->records, NULL, checked_cb, g_object_ref (self));
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  PlantarApplication *self = user_data;

  if (!self->online || self->pending > 0)
    plantar_application_check_records (self);
  return G_SOURCE_CONTINUE;
}

/**
 * plantar_application_get_records_status:
 * @pending: (out) (optional): fittings kept on this computer for the server
 *
 * Returns: whether the records' server was there when last asked (TRUE
 *   for a file)
 */
gboolean
plantar_application_get_records_status (PlantarApplication *self,
                                        guint              *pending)
{
  g_return_val_if_fail (PLANTAR_IS_APPLICATION (self), TRUE);
  if (pending != NULL)
    *pending = self->pending;
  return self->online;
}

/* A save came back: kept here for the server, or the server there. */
void
plantar_application_note_saved (PlantarApplication         *self,
                                const PlantarFittingRecord *saved)
{
  g_return_if_fail (PLANTAR_IS_APPLICATION (self));
  if (self->records == NULL || !plantar_records_is_server (self->records))
    return;
  if (saved->pending || !self->online)
    plantar_application_check_records (self);
}

/**
 * plantar_application_get_records:
 * @error: (nullable): why there are none
 *
 * The fitting records, opened the first time they are asked for (see
 * records_address()). A server out of reach is no error: the records are
 * opened offline and the fittings kept on this computer until it is back.
 *
 * Returns: (transfer none) (nullable)
 */
PlantarRecords *
plantar_application_get_records (PlantarApplication  *self,
                                 const GError       **error)
{
  if (!self->records_tried)
    {
      g_autofree char *address = records_address (self);
      self->records_tried = TRUE;
      if (plantar_records_is_server_address (address))
        {
          g_autoptr(GError) keyring_error = NULL;
          g_autofree char *password = plantar_keyring_lookup (address, &keyring_error);
          if (keyring_error != NULL)
            g_message ("%s", keyring_error->message);
          self->records = plantar_records_open_station (address, password, &self->records_error);
          if (password != NULL)
            memset (password, 0, strlen (password));
        }
      else
        self->records = plantar_records_open (address, &self->records_error);
      if (self->records == NULL)
        g_message ("%s", self->records_error->message);
      self->online = self->records == NULL || plantar_records_is_online (self->records);
      self->pending = 0;
      if (self->records != NULL && plantar_records_is_server (self->records))
        {
          /* what an earlier run kept here, and whether the server is there */
          plantar_application_check_records (self);
          if (self->check_id == 0)
            self->check_id = g_timeout_add_seconds (CHECK_EVERY_S, check_timeout_cb, self);
        }
      else
        g_clear_handle_id (&self->check_id, g_source_remove);
    }
  if (error != NULL)
    *error = self->records_error;
  return self->records;
}

/* Preferences moved the records: the windows find them again. */
static void
records_moved_cb (PlantarApplication *self)
{
  g_autofree char *address = records_address (self);

  if (self->records_tried && self->records != NULL &&
      g_strcmp0 (address, plantar_records_get_address (self->records)) == 0)
    return;
  g_clear_pointer (&self->records, plantar_records_close);
  g_clear_error (&self->records_error);
  self->records_tried = FALSE;
  self->online = TRUE;
  self->pending = 0;
  g_signal_emit (self, signals[RECORDS_CHANGED], 0);
  g_signal_emit (self, signals[RECORDS_STATUS], 0);
}

/* The records could not be opened: set the damaged file aside and start
 * new ones. */
gboolean
plantar_application_reset_records (PlantarApplication  *self,
                                   GError             **error)
{
  g_autofree char *path = records_address (self);
  g_autofree char *aside = NULL;

  if (plantar_records_is_server_address (path))
    {
      /* nothing on a server is set aside from a station */
      g_clear_pointer (&self->records, plantar_records_close);
      g_clear_error (&self->records_error);
      self->records_tried = FALSE;
      return plantar_application_get_records (self, (const GError **) error) != NULL;
    }
  g_clear_pointer (&self->records, plantar_records_close);
  g_clear_error (&self->records_error);
  aside = plantar_records_set_aside (path, error);
  if (aside == NULL)
    return FALSE;
  self->records_tried = FALSE;
  return plantar_application_get_records (self, NULL) != NULL;
}

static void
plantar_application_activate (GApplication *app)
{
  PlantarApplication *self = PLANTAR_APPLICATION (app);
  gboolean fresh = gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL;
  PlantarWindow *window = get_window (self);
  PlantarRecords *records = plantar_application_get_records (self, NULL);

  gtk_window_present (GTK_WINDOW (window));
  /* Plantar did not close cleanly: the fitting it was working on, as it was */
  if (fresh && records != NULL && plantar_records_get_open_fitting (records) > 0)
    plantar_window_open_record (window, plantar_records_get_open_fitting (records));
}

static void
plantar_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  PlantarWindow *window = get_window (PLANTAR_APPLICATION (app));

  g_object_set_data (G_OBJECT (window), "plantar-expects-scans", GINT_TO_POINTER (TRUE));
  gtk_window_present (GTK_WINDOW (window));
  plantar_window_open_files (window, files, n_files);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Plantar developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Plantar"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Plantar developers"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_BUGREPORTS,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Plantar developers",
                        "developers", developers,
                        "comments", _("Foot scans and pressure plate recordings, measured the way the "
                                      "literature defines it, for fitting insoles."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_shown (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;
  g_warning ("Could not show the guide: %s", error->message);
  if (window != NULL && PLANTAR_IS_WINDOW (window))
    adw_toast_overlay_add_toast (PLANTAR_WINDOW (window)->toast_overlay,
                                 adw_toast_new (_("The user’s guide could not be opened: install Yelp, GNOME’s help viewer")));
}

/* The user's guide, in Yelp: help:io.github.plantar.Plantar, or one page
 * of it with the page's id as parameter. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PlantarApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *page = parameter != NULL ? g_variant_get_string (parameter, NULL) : "";
  g_autofree char *uri = *page != '\0' ? g_strdup_printf ("help:%s/%s", APP_ID, page)
                                        : g_strdup ("help:" APP_ID);
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (window != NULL)
    context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (window)));
  g_app_info_launch_default_for_uri_async (uri, context ? G_APP_LAUNCH_CONTEXT (context) : NULL, NULL, help_shown,
                                           window ? g_object_ref (window) : NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PlantarApplication *self = user_data;

  gtk_window_present (plantar_preferences_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                               self->settings));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* close the windows so they save their state */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (app);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "help", help_action },
  { "help-page", help_action, "s" },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
plantar_application_startup (GApplication *app)
{
  PlantarApplication *self = PLANTAR_APPLICATION (app);

  G_APPLICATION_CLASS (plantar_application_parent_class)->startup (app);

  self->settings = create_settings ();
  g_signal_connect_object (self->settings, "changed::records-location", G_CALLBACK (records_moved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::records-server", G_CALLBACK (records_moved_cb), self,
                           G_CONNECT_SWAPPED);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.report", (const char *[]) { "<Control>p", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.steps", (const char *[]) { "<Control>t", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.insole", (const char *[]) { "<Control>i", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.customers", (const char *[]) { "<Control>u", NULL });
  /* one set of keys for undo and redo, shown the same in the menu and the shortcuts window */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.undo", (const char *[]) { "<Control>z", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.redo",
                                         (const char *[]) { "<Control><Shift>z", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
}

static void
plantar_application_dispose (GObject *object)
{
  PlantarApplication *self = PLANTAR_APPLICATION (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->records, plantar_records_close);
  g_clear_error (&self->records_error);
  G_OBJECT_CLASS (plantar_application_parent_class)->dispose (object);
}

static void
plantar_application_class_init (PlantarApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = plantar_application_dispose;

  /* registered by hand: a static library would drop an automatic constructor */
  plantar_register_resource ();

  app_class->activate = plantar_application_activate;
  app_class->open = plantar_application_open;
  app_class->startup = plantar_application_startup;

  /**
   * PlantarApplication::records-changed:
   *
   * The records are elsewhere now (Preferences): what showed the old ones
   * finds them again.
   */
  signals[RECORDS_CHANGED] = g_signal_new ("records-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                           NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PlantarApplication::records-status-changed:
   *
   * The server came or went, or the fittings waiting for it changed: see
   * plantar_application_get_records_status().
   */
  signals[RECORDS_STATUS] = g_signal_new ("records-status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PlantarApplication::records-sent:
   * @sent: fittings kept on this computer that are on the server now
   */
  signals[RECORDS_SENT] = g_signal_new ("records-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
plantar_application_init (PlantarApplication *self)
{
  self->online = TRUE;
}

PlantarApplication *
plantar_application_new (void)
{
  return g_object_new (PLANTAR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/plantar/Plantar",
                       NULL);
}

GSettings *
plantar_application_get_settings (PlantarApplication *self)
{
  g_return_val_if_fail (PLANTAR_IS_APPLICATION (self), NULL);
  return self->settings;
}

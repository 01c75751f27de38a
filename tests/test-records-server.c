/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "plantar-gui-util.h"
#include "plantar-keyring.h"
#include "plantar-records-page.h"
#include "plantar-test-util.h"

/* The records on a shared server, from the window: Preferences → Records
 * fills its rows from a pasted address, says what failed, copies this
 * computer's records up and moves the windows to the server; the window
 * saves there, keeps working when the server goes away, says so in its
 * header bar, and sends what waited when it is back. One throwaway
 * server (tests/pg-server) for all of it, in order. */

static PlantarTestServer *server;
static char *address;    /* the database the station uses */
static char *database;   /* its name */
static const char *no_keyring;   /* why there is no keyring to try */

static gboolean
have_server (void)
{
  if (server == NULL)
    g_test_skip ("PostgreSQL's server is not installed");
  return server != NULL;
}

static PlantarRecords *
records (void)
{
  PlantarRecords *r = plantar_application_get_records (plantar_gui_test_app (), NULL);

  g_assert_nonnull (r);
  return r;
}

static guint
server_count (const char *sql)
{
  g_autofree char *n = plantar_test_server_sql (server, database, sql);

  return (guint) g_ascii_strtoull (n, NULL, 10);
}

static GtkWidget *
child (GtkWidget  *page,
       GType       type,
       const char *id)
{
  GtkWidget *found = plantar_gui_find_widget (page, type, id);

  g_assert_nonnull (found);
  return found;
}

static const char *
text_of (GtkWidget  *page,
         const char *id)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (page, ADW_TYPE_ENTRY_ROW, id)));
}

static void
set_text (GtkWidget  *page,
          const char *id,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (page, ADW_TYPE_ENTRY_ROW, id)), text);
}

static gboolean
page_idle (gpointer data)
{
  return !gtk_widget_get_visible (child (data, GTK_TYPE_SPINNER, "server_spinner")) &&
         !gtk_widget_get_visible (child (data, GTK_TYPE_PROGRESS_BAR, "copy_progress"));
}

/* @button clicked, and the connection or the copy it starts ended. */
static void
click (GtkWidget  *page,
       const char *button)
{
  GtkWidget *widget = child (page, GTK_TYPE_BUTTON, button);

  g_assert_true (gtk_widget_is_sensitive (widget));
  g_signal_emit_by_name (widget, "clicked");
  g_assert_false (page_idle (page));
  plantar_gui_wait_for (page_idle, page, button);
}

static const char *
result_title (GtkWidget *page)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (page, ADW_TYPE_ACTION_ROW, "server_result")));
}

static const char *
result_subtitle (GtkWidget *page)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (child (page, ADW_TYPE_ACTION_ROW, "server_result")));
}

/* Preferences opened as the menu opens it (the one open before closed
 * first), and its Records page. */
static GtkWidget *
open_records_page (GtkWindow **preferences)
{
  if (*preferences != NULL)
    {
      gtk_window_destroy (*preferences);
      plantar_gui_flush ();
    }
  g_action_group_activate_action (G_ACTION_GROUP (plantar_gui_test_app ()), "preferences", NULL);
  plantar_gui_flush ();
  *preferences = plantar_gui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (*preferences);
  return child (GTK_WIDGET (*preferences), PLANTAR_TYPE_RECORDS_PAGE, NULL);
}

/* This computer's records copied up, the server tested and used. */
static void
test_preferences (void)
{
  PlantarCustomer who = { .name = (char *) "Ada Moved" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_object_ref (plantar_application_get_settings (plantar_gui_test_app ()));
  g_autofree char *location = NULL, *used = NULL, *wrong = NULL;
  PlantarWindow *window;
  GtkWindow *preferences = NULL;
  GtkWidget *page;

  if (!have_server ())
    return;
  /* a customer on this computer, to be copied up */
  g_assert_false (plantar_records_is_server (records ()));
  g_assert_cmpint (plantar_records_add_customer (records (), &who, &error), >, 0);
  g_assert_no_error (error);

  window = plantar_gui_new_window (1280, 800);
  page = open_records_page (&preferences);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (page, GTK_TYPE_CHECK_BUTTON,
                                                                       "computer_check"))));
  /* nothing named yet but the default database: the server's rows wait */
  g_assert_false (gtk_widget_is_sensitive (child (page, ADW_TYPE_PREFERENCES_GROUP, "server_group")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (page, GTK_TYPE_CHECK_BUTTON, "server_check")), TRUE);
  g_assert_true (gtk_widget_is_sensitive (child (page, ADW_TYPE_PREFERENCES_GROUP, "server_group")));
  /* a new server is not used before it is tested */
  location = g_settings_get_string (settings, "records-location");
  g_assert_cmpstr (location, ==, "computer");

  /* an address pasted into the host row: its parts into their rows */
  set_text (page, "server_host", address);
  g_assert_cmpstr (text_of (page, "server_host"), ==, server->dir);
  g_assert_cmpstr (text_of (page, "server_database"), ==, database);
  g_assert_cmpstr (text_of (page, "server_user"), ==, "plantar");
  g_assert_cmpstr (result_title (page), ==, "Not tested yet");

  /* a port that is none: said so before anything is tried */
  set_text (page, "server_port", "99999");
  g_signal_emit_by_name (child (page, GTK_TYPE_BUTTON, "test_button"), "clicked");
  g_assert_true (page_idle (page));
  g_assert_cmpstr (result_title (page), ==, "Not connected");
  g_assert_nonnull (strstr (result_subtitle (page), "1 to 65535"));
  set_text (page, "server_port", "");

  /* a database that is not there: said so, nothing moved */
  set_text (page, "server_database", "no_such_records");
  click (page, "test_button");
  g_assert_cmpstr (result_title (page), ==, "Not connected");
  g_assert_nonnull (strstr (result_subtitle (page), "no_such_records"));
  click (page, "use_button");
  g_assert_cmpstr (result_title (page), ==, "Not connected");
  g_free (location);
  location = g_settings_get_string (settings, "records-location");
  g_assert_cmpstr (location, ==, "computer");
  g_assert_false (plantar_records_is_server (records ()));

  /* the right one: tested, empty */
  set_text (page, "server_database", database);
  click (page, "test_button");
  g_assert_cmpstr (result_title (page), ==, "Connected");
  g_assert_nonnull (strstr (result_subtitle (page), "No records there yet"));

  /* this computer's records copied up, and checked */
  click (page, "copy_up_button");
  g_assert_cmpuint (server_count ("SELECT count(*) FROM customers WHERE name = 'Ada Moved'"), ==, 1);
  /* again: nothing twice */
  click (page, "copy_up_button");
  g_assert_cmpuint (server_count ("SELECT count(*) FROM customers"), ==, 1);
  click (page, "test_button");
  g_assert_cmpstr (result_subtitle (page), ==, "1 customer in the records there");

  /* used: the windows' records are the server's */
  click (page, "use_button");
  g_assert_cmpstr (result_title (page), ==, "In use");
  g_free (location);
  location = g_settings_get_string (settings, "records-location");
  used = g_settings_get_string (settings, "records-server");
  g_assert_cmpstr (location, ==, "server");
  g_assert_nonnull (strstr (used, database));
  g_assert_null (strstr (used, "password"));
  g_assert_true (plantar_records_is_server (records ()));
  g_assert_true (plantar_records_is_online (records ()));

  /* Preferences opened again shows the server in use */
  page = open_records_page (&preferences);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (page, GTK_TYPE_CHECK_BUTTON,
                                                                       "server_check"))));
  g_assert_cmpstr (text_of (page, "server_database"), ==, database);
  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
  plantar_gui_flush ();
}

static gboolean
status_shown (gpointer data)
{
  PlantarWindow *window = data;
  GtkWidget *status = plantar_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "records_status");

  return status != NULL && gtk_widget_get_visible (status);
}

static gboolean
status_hidden (gpointer data)
{
  return !status_shown (data);
}

static gboolean
offline (gpointer data)
{
  return !plantar_application_get_records_status (plantar_gui_test_app (), NULL);
}

/* Fittings saved on the server, once each; the server away, the window
 * goes on and says so; back, what waited is there, once. */
static void
test_offline (void)
{
  PlantarWindow *window;
  gint64 id;
  guint pending = 0;
  GtkWidget *status;
  g_autoptr(PlantarFittingRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  double left_ai;
  g_autofree char *version = NULL;

  if (!have_server ())
    return;
  g_assert_true (plantar_records_is_server (records ()));
  window = plantar_gui_open_demo ("demo-footprint.png");
  g_assert_true (status_hidden (window));
  id = plantar_gui_correct_and_save (window, NULL);
  g_assert_cmpuint (server_count ("SELECT count(*) FROM fittings"), ==, 1);
  g_assert_cmpuint (server_count ("SELECT count(*) FROM scans"), >=, 1);
  /* a second save is the same fitting, one version on */
  plantar_gui_correct (window, 3, NULL);
  g_assert_cmpint (plantar_window_get_record (window)->id, ==, id);
  g_assert_cmpuint (server_count ("SELECT count(*) FROM fittings"), ==, 1);
  version = plantar_test_server_sql (server, database, "SELECT version FROM fittings");
  g_assert_cmpstr (version, ==, "2");

  /* the server stopped: the correction is kept here, and the header says so */
  plantar_test_server_ctl (server, "stop");
  plantar_gui_correct (window, 4, &left_ai);
  plantar_gui_wait_for (offline, NULL, "the station to notice the server is away");
  plantar_gui_wait_for (status_shown, window, "the header bar to say the server is away");
  g_assert_false (plantar_application_get_records_status (plantar_gui_test_app (), &pending));
  g_assert_cmpuint (pending, ==, 1);
  status = plantar_gui_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, "records_status");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (plantar_gui_find_widget (status, GTK_TYPE_LABEL,
                                                                                  "records_status_text"))),
                            "1 fitting is kept on this computer"));

  /* back: sent, once, and the status gone */
  plantar_test_server_ctl (server, "start");
  plantar_application_check_records (plantar_gui_test_app ());
  plantar_gui_wait_for (status_hidden, window, "the header bar to say the server is back");
  g_assert_true (plantar_application_get_records_status (plantar_gui_test_app (), &pending));
  g_assert_cmpuint (pending, ==, 0);
  g_assert_cmpuint (server_count ("SELECT count(*) FROM fittings"), ==, 1);
  g_free (version);
  version = plantar_test_server_sql (server, database, "SELECT version FROM fittings");
  g_assert_cmpstr (version, ==, "3");
  stored = plantar_records_load_fitting (records (), id, &error);
  g_assert_no_error (error);
  g_assert_false (stored->pending);
  {
    g_autoptr(PlantarFitting) reopened = plantar_fitting_record_restore (stored, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (plantar_fitting_get_foot (reopened, PLANTAR_SIDE_LEFT)->arch_index, left_ai,
                                    1e-9);
  }
  /* and the window goes on saving that same fitting, no copy of it made */
  plantar_gui_correct (window, -2, NULL);
  g_assert_cmpint (plantar_window_get_record (window)->id, ==, id);
  g_assert_cmpuint (server_count ("SELECT count(*) FROM fittings"), ==, 1);
  g_free (version);
  version = plantar_test_server_sql (server, database, "SELECT version FROM fittings");
  g_assert_cmpstr (version, ==, "4");
  plantar_gui_destroy (window);
}

/* A keyring of the test's own on the test's own D-Bus session, unlocked
 * from the start as after a log-in: NULL, or why there is none. */
static const char *
start_keyring (void)
{
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *program = NULL;

  if (g_getenv ("PLANTAR_PRIVATE_SESSION") == NULL)
    return "the keyring is tried on the tests' own D-Bus session only, never on the user's";
  program = g_find_program_in_path ("gnome-keyring-daemon");
  if (program == NULL)
    {
      if (g_getenv ("CI") != NULL)
        g_error ("gnome-keyring is not installed, and CI must try the keyring");
      return "gnome-keyring is not installed";
    }
  /* its login keyring made, unlocked, in the test's own data folder */
  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             "gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (daemon, "a test's own keyring\n", NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (daemon));
  return NULL;
}

/* A server that asks for a password: the wrong one said so, the right
 * one kept in the keyring and nowhere else, and the records opened with
 * it from there. */
static void
test_keyring (void)
{
  g_autoptr(GSettings) settings = g_object_ref (plantar_application_get_settings (plantar_gui_test_app ()));
  g_autofree char *clinic = NULL, *kept = NULL, *used = NULL, *clinic_db = NULL, *schemas = NULL;
  g_autoptr(GError) error = NULL;
  PlantarWindow *window;
  GtkWindow *preferences = NULL;
  GtkWidget *page;

  if (!have_server ())
    return;
  if (no_keyring != NULL)
    {
      g_test_skip (no_keyring);
      return;
    }
  g_free (plantar_test_server_sql (server, NULL, "CREATE ROLE clinic LOGIN PASSWORD 'right horse'"));
  clinic = plantar_test_server_database (server, "clinic");

  window = plantar_gui_new_window (1280, 800);
  page = open_records_page (&preferences);
  set_text (page, "server_host", clinic);
  g_assert_cmpstr (text_of (page, "server_user"), ==, "clinic");
  set_text (page, "server_password", "wrong horse");
  click (page, "use_button");
  g_assert_cmpstr (result_title (page), ==, "Not connected");
  g_assert_nonnull (strstr (result_subtitle (page), "password"));
  g_assert_null (plantar_keyring_lookup (clinic, &error));
  g_assert_no_error (error);

  set_text (page, "server_password", "right horse");
  click (page, "use_button");
  g_assert_cmpstr (result_title (page), ==, "In use");
  kept = plantar_keyring_lookup (clinic, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "right horse");
  used = g_settings_get_string (settings, "records-server");
  g_assert_nonnull (strstr (used, "clinic@"));
  g_assert_null (strstr (used, "horse"));
  /* the windows' records opened with the keyring's password */
  g_assert_true (plantar_records_is_server (records ()));
  g_assert_true (plantar_records_is_online (records ()));
  clinic_db = plantar_test_server_name (clinic);
  schemas = plantar_test_server_sql (server, clinic_db, "SELECT count(*) FROM plantar_schema");
  g_assert_cmpstr (schemas, ==, "1");

  /* Preferences opened again: the password from the keyring */
  page = open_records_page (&preferences);
  g_assert_cmpstr (text_of (page, "server_password"), ==, "right horse");
  gtk_window_destroy (preferences);
  plantar_gui_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  plantar_gui_test_init (&argc, &argv);
  /* the records where Preferences says, in the test's own data folder */
  g_unsetenv ("PLANTAR_RECORDS");
  no_keyring = start_keyring ();
  server = plantar_test_server_start ();
  if (server != NULL)
    {
      address = plantar_test_server_database (server, NULL);
      database = plantar_test_server_name (address);
    }
  g_test_add_func ("/records-server/preferences", test_preferences);
  g_test_add_func ("/records-server/offline", test_offline);
  g_test_add_func ("/records-server/keyring", test_keyring);
  status = g_test_run ();
  plantar_gui_test_shutdown ();
  plantar_test_server_free (server);
  g_free (address);
  g_free (database);
  return status;
}

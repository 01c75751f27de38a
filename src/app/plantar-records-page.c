/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "plantar-keyring.h"
#include "plantar-records-page.h"

/*
 * Preferences → Records. The rows make a server's address (the password
 * apart: it goes to the keyring); "Test" connects and changes nothing;
 * "Use This Server" tests, keeps the password, and only then moves the
 * records, so that a station is never pointed at a server it cannot use.
 * The connections and the copies run in a worker.
 */

struct _PlantarRecordsPage
{
  AdwPreferencesPage  parent_instance;

  /* template */
  AdwActionRow       *computer_row;
  AdwActionRow       *server_row;
  GtkCheckButton     *computer_check;
  GtkCheckButton     *server_check;
  AdwPreferencesGroup *server_group;
  AdwEntryRow        *server_host;
  AdwEntryRow        *server_port;
  AdwEntryRow        *server_database;
  AdwEntryRow        *server_user;
  AdwEntryRow        *server_password;
  AdwComboRow        *server_sslmode;
  AdwActionRow       *server_result;
  GtkImage           *server_result_icon;
  GtkSpinner         *server_spinner;
  GtkWidget          *test_button;
  GtkWidget          *use_button;
  AdwPreferencesGroup *copy_group;
  GtkWidget          *copy_up_button;
  GtkWidget          *copy_down_button;
  GtkProgressBar     *copy_progress;

  PlantarApplication *application;   /* weak */
  GSettings          *settings;
  GCancellable       *cancellable;
  gboolean            filling;       /* the rows set from an address: not an edit */
  guint               host_length;   /* to tell a paste from typing */
  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (PlantarRecordsPage, plantar_records_page, ADW_TYPE_PREFERENCES_PAGE)

/* libpq's sslmode values, in the order of the combo row */
static const char * const sslmodes[] = { "prefer", "require", "verify-full", NULL };

/* ------------------------------------------------------------ the rows */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

char *
plantar_records_page_get_address (PlantarRecordsPage *self)
{
  g_autofree char *host = g_strstrip (g_strdup (row_text (self->server_host)));
  g_autofree char *database = g_strstrip (g_strdup (row_text (self->server_database)));
  g_autofree char *user = g_strstrip (g_strdup (row_text (self->server_user)));
  guint64 port = g_ascii_strtoull (row_text (self->server_port), NULL, 10);
  guint mode = adw_combo_row_get_selected (self->server_sslmode);

  return plantar_records_server_address_build (host, (guint) MIN (port, 65535), database, user,
                                               sslmodes[MIN (mode, G_N_ELEMENTS (sslmodes) - 2)]);
}

static void
fill_rows (PlantarRecordsPage *self,
           const char         *address)
{
  g_autofree char *host = NULL, *database = NULL, *user = NULL, *sslmode = NULL, *port_text = NULL;
  guint port = 0;

  if (!plantar_records_server_address_split (address, &host, &port, &database, &user, &sslmode, NULL))
    return;
  self->filling = TRUE;
  port_text = port ? g_strdup_printf ("%u", port) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->server_host), host ? host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->server_port), port_text);
  gtk_editable_set_text (GTK_EDITABLE (self->server_database), database ? database : "");
  gtk_editable_set_text (GTK_EDITABLE (self->server_user), user ? user : "");
  adw_combo_row_set_selected (self->server_sslmode, 0);
  for (guint i = 0; sslmodes[i] != NULL; i++)
    if (g_strcmp0 (sslmode, sslmodes[i]) == 0)
      adw_combo_row_set_selected (self->server_sslmode, i);
  self->filling = FALSE;
}

/* What the result row says: @ok TRUE, FALSE, or -1 for not tested. */
static void
show_result (PlantarRecordsPage *self,
             int                 ok,
             const char         *title,
             const char         *subtitle)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->server_result), title);
  adw_action_row_set_subtitle (self->server_result, subtitle ? subtitle : "");
  gtk_image_set_from_icon_name (self->server_result_icon, ok == TRUE ? "emblem-ok-symbolic"
                                                         : ok == FALSE ? "dialog-error-symbolic"
                                                                       : "network-server-symbolic");
  if (ok == FALSE)
    gtk_widget_add_css_class (GTK_WIDGET (self->server_result_icon), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->server_result_icon), "error");
  if (ok == TRUE)
    gtk_widget_add_css_class (GTK_WIDGET (self->server_result_icon), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->server_result_icon), "success");
}

static gboolean
is_env_set (void)
{
  return g_getenv ("PLANTAR_RECORDS") != NULL;
}

static void
update_sensitivity (PlantarRecordsPage *self)
{
  gboolean server = gtk_check_button_get_active (self->server_check);
  gboolean named = *row_text (self->server_host) != '\0' || *row_text (self->server_database) != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), server && !is_env_set ());
  gtk_widget_set_sensitive (self->test_button, named && !self->busy);
  gtk_widget_set_sensitive (self->use_button, named && !self->busy);
  gtk_widget_set_sensitive (self->copy_up_button, named && !self->busy && server);
  gtk_widget_set_sensitive (self->copy_down_button, named && !self->busy && server);
  gtk_widget_set_visible (GTK_WIDGET (self->server_spinner), self->busy);
  gtk_spinner_set_spinning (self->server_spinner, self->busy);
}

static void
host_activated_cb (PlantarRecordsPage *self)
{
  g_autofree char *address = g_strstrip (g_strdup (row_text (self->server_host)));

  if (plantar_records_is_server_address (address))
    fill_rows (self, address);
  self->host_length = strlen (row_text (self->server_host));
}

static void
server_edited_cb (PlantarRecordsPage *self)
{
  const char *host;

  if (self->filling || self->settings == NULL)
    return;
  host = row_text (self->server_host);
  /* a whole address pasted: its parts into their rows (typed, on Enter) */
  if (plantar_records_is_server_address (host) && strlen (host) > self->host_length + 1)
    host_activated_cb (self);
  self->host_length = strlen (row_text (self->server_host));
  show_result (self, -1, _("Not tested yet"), NULL);
  update_sensitivity (self);
}

static void
location_toggled_cb (PlantarRecordsPage *self)
{
  g_autofree char *server = NULL;

  if (self->settings == NULL)
    return;   /* still being built */
  server = g_settings_get_string (self->settings, "records-server");
  update_sensitivity (self);
  if (self->filling)
    return;
  if (gtk_check_button_get_active (self->computer_check))
    g_settings_set_string (self->settings, "records-location", "computer");
  /* a server used before: back to it; a new one waits for "Use This Server" */
  else if (*server != '\0')
    g_settings_set_string (self->settings, "records-location", "server");
}

/* ------------------------------------------------------------ testing */

typedef struct {
  char  *address;
  char  *password;
  int    schema;
  guint  customers;
  gboolean use;   /* and then use it */
} Test;

static void
test_free (Test *test)
{
  g_free (test->address);
  if (test->password != NULL)
    memset (test->password, 0, strlen (test->password));
  g_free (test->password);
  g_free (test);
}

static void
test_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Test *test = data;
  GError *error = NULL;

  if (plantar_records_test_server (test->address, *test->password ? test->password : NULL, &test->schema,
                                   &test->customers, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PlantarRecordsPage *self = g_task_get_source_object (task);
  Test *test = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  update_sensitivity (self);
  if (!plantar_keyring_store_finish (result, &error) && *test->password != '\0')
    {
      g_autofree char *message = g_strdup_printf (_("The password could not be kept in the keyring (%s): the records "
                                                    "stay where they are"), error->message);
      show_result (self, FALSE, _("Not used"), message);
      return;
    }
  g_settings_set_string (self->settings, "records-server", test->address);
  g_settings_set_string (self->settings, "records-location", "server");
  show_result (self, TRUE, _("In use"), _("Every window of this computer now shows the server’s records"));
}

static void
tested_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PlantarRecordsPage *self = PLANTAR_RECORDS_PAGE (source);
  Test *test = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->busy = FALSE;
      update_sensitivity (self);
      show_result (self, FALSE, _("Not connected"), error->message);
      return;
    }
  if (test->schema == 0)
    said = g_strdup (_("No records there yet: Plantar makes them when this server is used"));
  else if (test->schema < PLANTAR_RECORDS_SCHEMA_VERSION)
    said = g_strdup_printf (_("Records of an older Plantar (schema %d): brought up to date when this server is used, "
                              "which older Plantars then cannot open"), test->schema);
  else
    said = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer in the records there",
                                         "%u customers in the records there", test->customers), test->customers);
  show_result (self, TRUE, _("Connected"), said);
  if (!test->use)
    {
      self->busy = FALSE;
      update_sensitivity (self);
      return;
    }
  /* the password kept first: a station never points at a server it could not open again */
  plantar_keyring_store_async (test->address, test->password, self->cancellable, stored_cb,
                               g_object_ref (G_TASK (result)));
}

/* An empty port is libpq's 5432; anything else must be one. */
static gboolean
check_port (PlantarRecordsPage *self)
{
  const char *text = row_text (self->server_port);
  guint64 port = 0;

  if (*text == '\0' || (g_ascii_string_to_unsigned (text, 10, 1, 65535, &port, NULL)))
    return TRUE;
  show_result (self, FALSE, _("Not connected"), _("The port is a number from 1 to 65535 (empty: 5432)"));
  return FALSE;
}

static void
start_test (PlantarRecordsPage *self,
            gboolean            use)
{
  g_autoptr(GTask) task = NULL;
  Test *test;

  if (!check_port (self))
    return;
  task = g_task_new (self, self->cancellable, tested_cb, NULL);
  test = g_new0 (Test, 1);

  test->address = plantar_records_page_get_address (self);
  test->password = g_strdup (row_text (self->server_password));
  test->use = use;
  g_task_set_task_data (task, test, (GDestroyNotify) test_free);
  self->busy = TRUE;
  update_sensitivity (self);
  show_result (self, -1, _("Connecting…"), test->address);
  g_task_run_in_thread (task, test_thread);
}

static void
test_clicked_cb (PlantarRecordsPage *self)
{
  start_test (self, FALSE);
}

static void
use_clicked_cb (PlantarRecordsPage *self)
{
  start_test (self, TRUE);
}

/* ------------------------------------------------------------ copying */

typedef struct {
  PlantarRecordsPage       *self;      /* a reference, for the progress */
  PlantarRecords           *from, *to; /* the application's own, when one is */
  char                     *address;
  char                     *password;
  char                     *file;
  gboolean                  up;        /* this computer → the server */
  PlantarRecordsCopyReport  report;
} Copy;

static void
copy_free (Copy *copy)
{
  g_clear_pointer (&copy->from, plantar_records_close);
  g_clear_pointer (&copy->to, plantar_records_close);
  g_free (copy->address);
  if (copy->password != NULL)
    memset (copy->password, 0, strlen (copy->password));
  g_free (copy->password);
  g_free (copy->file);
  g_clear_object (&copy->self);
  g_free (copy);
}

typedef struct {
  PlantarRecordsPage *self;
  guint               done, total;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;
  g_autofree char *text = g_strdup_printf (_("%u of %u fittings"), progress->done, progress->total);

  gtk_progress_bar_set_fraction (progress->self->copy_progress,
                                 progress->total ? (double) progress->done / progress->total : 0);
  gtk_progress_bar_set_text (progress->self->copy_progress, text);
  g_object_unref (progress->self);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
copy_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  Copy *copy = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (copy->self);
  progress->done = done;
  progress->total = total;
  g_main_context_invoke (NULL, show_progress, progress);
}

/* The records of one side: the application's when they are those, so that
 * a file is not opened twice. */
static PlantarRecords *
open_side (Copy      *copy,
           gboolean   server,
           GError   **error)
{
  if (server)
    return plantar_records_open_server (copy->address, *copy->password ? copy->password : NULL, error);
  return plantar_records_open (copy->file, error);
}

static void
copy_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Copy *copy = data;
  GError *error = NULL;

  if (copy->from == NULL && (copy->from = open_side (copy, !copy->up, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (copy->to == NULL && (copy->to = open_side (copy, copy->up, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (plantar_records_copy_into (copy->from, copy->to, &copy->report, copy_progress_cb, copy, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
copied_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PlantarRecordsPage *self = PLANTAR_RECORDS_PAGE (source);
  Copy *copy = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  AdwActionRow *row;

  self->busy = FALSE;
  update_sensitivity (self);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_progress), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_result (self, FALSE, _("Not copied"), error->message);
      return;
    }
  said = g_strdup_printf (_("%u customers and %u fittings there, each fitting read back and checked: %u customers "
                            "and %u fittings added"), copy->report.customers, copy->report.fittings,
                          copy->report.customers_added, copy->report.fittings_added);
  if (copy->report.fittings_differing > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "; %u fitting was there already with other content, and "
                                                            "was left as it is",
                                                            "; %u fittings were there already with other content, "
                                                            "and were left as they are",
                                                            copy->report.fittings_differing),
                                               copy->report.fittings_differing);
      g_autofree char *both = g_strconcat (said, more, NULL);
      g_free (said);
      said = g_steal_pointer (&both);
    }
  row = copy->up ? ADW_ACTION_ROW (gtk_widget_get_ancestor (self->copy_up_button, ADW_TYPE_ACTION_ROW))
                 : ADW_ACTION_ROW (gtk_widget_get_ancestor (self->copy_down_button, ADW_TYPE_ACTION_ROW));
  adw_action_row_set_subtitle (row, said);
}

static void
start_copy (PlantarRecordsPage *self,
            gboolean            up)
{
  g_autoptr(GTask) task = NULL;
  Copy *copy;
  PlantarRecords *current;

  if (!check_port (self))
    return;
  task = g_task_new (self, self->cancellable, copied_cb, NULL);
  copy = g_new0 (Copy, 1);
  current = self->application ? plantar_application_get_records (self->application, NULL) : NULL;

  copy->self = g_object_ref (self);
  copy->up = up;
  copy->address = plantar_records_page_get_address (self);
  copy->password = g_strdup (row_text (self->server_password));
  copy->file = plantar_records_get_default_path ();
  /* the side the windows have open is used as it is */
  if (current != NULL)
    {
      gboolean current_is_server = plantar_records_is_server (current);
      g_autofree char *server_key = NULL;
      if (current_is_server)
        {
          g_autofree char *host = NULL, *db = NULL, *user = NULL, *mode = NULL;
          g_autofree char *here_host = NULL, *here_db = NULL, *here_user = NULL, *here_mode = NULL;
          guint port = 0, here_port = 0;
          if (plantar_records_server_address_split (plantar_records_get_address (current), &host, &port, &db, &user,
                                                    &mode, NULL) &&
              plantar_records_server_address_split (copy->address, &here_host, &here_port, &here_db, &here_user,
                                                    &here_mode, NULL) &&
              g_strcmp0 (host, here_host) == 0 && port == here_port && g_strcmp0 (db, here_db) == 0 &&
              g_strcmp0 (user, here_user) == 0)
            {
              if (up)
                copy->to = plantar_records_ref (current);
              else
                copy->from = plantar_records_ref (current);
            }
        }
      else if (g_strcmp0 (plantar_records_get_address (current), copy->file) == 0)
        {
          if (up)
            copy->from = plantar_records_ref (current);
          else
            copy->to = plantar_records_ref (current);
        }
    }
  g_task_set_task_data (task, copy, (GDestroyNotify) copy_free);
  self->busy = TRUE;
  update_sensitivity (self);
  gtk_progress_bar_set_fraction (self->copy_progress, 0);
  gtk_progress_bar_set_text (self->copy_progress, _("Connecting…"));
  gtk_widget_set_visible (GTK_WIDGET (self->copy_progress), TRUE);
  g_task_run_in_thread (task, copy_thread);
}

static void
copy_up_cb (PlantarRecordsPage *self)
{
  start_copy (self, TRUE);
}

static void
copy_down_cb (PlantarRecordsPage *self)
{
  start_copy (self, FALSE);
}

/* ------------------------------------------------------------ GObject */

static void
plantar_records_page_dispose (GObject *object)
{
  PlantarRecordsPage *self = PLANTAR_RECORDS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->application);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_RECORDS_PAGE);
  G_OBJECT_CLASS (plantar_records_page_parent_class)->dispose (object);
}

static void
plantar_records_page_class_init (PlantarRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_records_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, computer_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, computer_check);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_check);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_group);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_host);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_port);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_database);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_user);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_password);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_sslmode);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_result);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_result_icon);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, server_spinner);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, use_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, copy_group);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, copy_up_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, copy_down_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsPage, copy_progress);
  gtk_widget_class_bind_template_callback (widget_class, server_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, host_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_up_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_down_cb);
}

static void
plantar_records_page_init (PlantarRecordsPage *self)
{
  const char * const mode_names[] = { _("When offered"), _("Always"), _("Always, certificate checked"), NULL };
  g_autoptr(GtkStringList) modes = gtk_string_list_new (mode_names);

  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->server_sslmode, G_LIST_MODEL (modes));
  self->cancellable = g_cancellable_new ();
  self->filling = FALSE;
}

GtkWidget *
plantar_records_page_new (PlantarApplication *application)
{
  PlantarRecordsPage *self = g_object_new (PLANTAR_TYPE_RECORDS_PAGE, NULL);
  g_autofree char *location = NULL, *server = NULL, *path = plantar_records_get_default_path ();

  g_set_weak_pointer (&self->application, application);
  self->settings = g_object_ref (plantar_application_get_settings (application));
  location = g_settings_get_string (self->settings, "records-location");
  server = g_settings_get_string (self->settings, "records-server");

  self->filling = TRUE;
  if (is_env_set ())
    {
      g_autofree char *said = g_strdup_printf (_("%s, as $PLANTAR_RECORDS says"), g_getenv ("PLANTAR_RECORDS"));
      adw_action_row_set_subtitle (self->computer_row, said);
      gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), FALSE);
      gtk_check_button_set_active (self->computer_check, TRUE);
    }
  else
    {
      g_autofree char *shown = g_str_has_prefix (path, g_get_home_dir ())
                               ? g_strconcat ("~", path + strlen (g_get_home_dir ()), NULL) : g_strdup (path);
      adw_action_row_set_subtitle (self->computer_row, shown);
      gtk_check_button_set_active (g_str_equal (location, "server") ? self->server_check : self->computer_check, TRUE);
    }
  adw_action_row_set_subtitle (self->server_row, _("PostgreSQL, one for every station of the practice"));
  if (*server != '\0')
    fill_rows (self, server);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->server_database), "plantar");
  self->filling = FALSE;
  update_sensitivity (self);
  /* the password kept for this server, so that "Test" tests what is used */
  if (*server != '\0')
    {
      g_autofree char *password = plantar_keyring_lookup (server, NULL);
      if (password != NULL)
        {
          self->filling = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self->server_password), password);
          self->filling = FALSE;
          memset (password, 0, strlen (password));
        }
    }
  return GTK_WIDGET (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-passphrase.h"
#include "plantar-records-dialog.h"
#include "plantar-window-private.h"

/*
 * The records from the window: the customers dialog, opening a fitting as
 * it was, filing the one at hand, and backing up, restoring and importing,
 * each in a worker while the window goes on.
 */

static void
set_aside_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PlantarWindow    *self)
{
  g_autoptr(GError) error = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (g_strcmp0 (response, "new") != 0 || !PLANTAR_IS_APPLICATION (app))
    return;
  if (!plantar_application_reset_records (PLANTAR_APPLICATION (app), &error))
    plantar_window_message (self, _("New Records Could Not Be Started"), error->message);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.customers", NULL);
}

/* The records cannot be opened: say why, and for a damaged file offer to
 * keep it aside and start new records. */
static PlantarRecords *
records_ready (PlantarWindow *self)
{
  const GError *error = NULL;
  PlantarRecords *records = plantar_records_controller_get_records (self->records, &error);
  GtkWidget *dialog;

  if (records != NULL && plantar_records_get_journal_set_aside (records) != NULL && !self->journal_told)
    {
      g_autofree char *body =
        g_strdup_printf (_("A journal file beside the records did not belong to them, so it was not read into "
                           "them: it was moved aside, unchanged, to “%s”. The records are as they were last "
                           "saved."), plantar_records_get_journal_set_aside (records));
      self->journal_told = TRUE;
      plantar_window_message (self, _("A Foreign Journal Was Set Aside"), body);
    }
  if (records != NULL)
    return records;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Records Cannot Be Opened"),
                                   error ? error->message : NULL);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (error && g_error_matches (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT))
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "new",
                                       _("_Keep the File Aside and Start New Records"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "new", ADW_RESPONSE_DESTRUCTIVE);
      g_signal_connect_object (dialog, "response", G_CALLBACK (set_aside_response_cb), self, 0);
    }
  gtk_window_present (GTK_WINDOW (dialog));
  return NULL;
}

void
plantar_window_show_customers (PlantarWindow *self)
{
  PlantarRecords *records = records_ready (self);

  if (records == NULL)
    return;
  /* the fitting at hand is in the records before it is filed */
  plantar_records_controller_flush (self->records);
  gtk_window_present (GTK_WINDOW (plantar_records_dialog_new (self, records)));
}

/* A file chooser of the portal's for the records' actions. */
static void
choose (PlantarWindow        *self,
        const char           *title,
        GtkFileChooserAction  action,
        const char           *accept,
        const char           *name,
        GCallback             response)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));

  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", response, self, 0);
  plantar_window_show_chooser (self, chooser);
}

/* The local path the chooser gave, and the chooser let go. */
static char *
chosen_path (PlantarWindow   *self,
             GtkNativeDialog *chooser,
             int              response)
{
  g_autoptr(GFile) file = NULL;
  char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
      if (path == NULL)
        plantar_window_message (self, _("Not a Local File"), _("Choose a file or a folder on this computer."));
    }
  g_clear_object (&self->chooser);
  return path;
}

/* ------------------------------------------------------------ backup */

typedef struct {
  PlantarWindow *self;
  char          *path;
} Backup;

static void
backed_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Backup *backup = user_data;
  g_autoptr(GError) error = NULL;

  plantar_window_set_busy (backup->self, FALSE);
  if (!plantar_records_job_finish (result, &error))
    plantar_window_message (backup->self, _("The Backup Failed"), error->message);
  else
    {
      g_autofree char *body = g_strdup_printf (_("Every customer and fitting is in “%s”."), backup->path);
      plantar_window_message (backup->self, _("Records Backed Up"), body);
    }
  g_object_unref (backup->self);
  g_free (backup->path);
  g_free (backup);
}

static void
start_backup (PlantarWindow *self,
              const char    *path,
              const char    *passphrase)
{
  PlantarRecords *records = records_ready (self);
  Backup *backup;

  if (records == NULL)
    return;
  /* the fitting at hand is in the backup */
  plantar_records_controller_flush (self->records);
  plantar_window_set_busy (self, TRUE);
  backup = g_new0 (Backup, 1);
  backup->self = g_object_ref (self);
  backup->path = g_strdup (path);
  plantar_records_backup_async (records, path, passphrase, NULL, backed_up_cb, backup);
}

/* What a chooser's answer waits for: the window and the path chosen */
typedef struct {
  PlantarWindow *self;
  char          *path;
} Chosen;

static void
chosen_free (gpointer data)
{
  Chosen *c = data;
  g_object_unref (c->self);
  g_free (c->path);
  g_free (c);
}

static Chosen *
chosen_new (PlantarWindow *self,
            const char    *path)
{
  Chosen *c = g_new0 (Chosen, 1);
  c->self = g_object_ref (self);
  c->path = g_strdup (path);
  return c;
}

static void
backup_passphrase_cb (gpointer    data,
                      const char *passphrase)
{
  Chosen *c = data;
  start_backup (c->self, c->path, passphrase);
}

static void
backup_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    PlantarWindow   *self)
{
  g_autofree char *path = chosen_path (self, chooser, response);

  if (path == NULL || records_ready (self) == NULL)
    return;
  /* a backup that leaves the computer should be sealed */
  plantar_passphrase_seal (GTK_WINDOW (self), _("Seal the Backup with a Passphrase?"),
                           _("Sealed, the backup can be read only with its passphrase: seal a backup "
                             "that leaves this computer (a USB stick, a cloud folder). Nobody, Plantar "
                             "included, can open it without the passphrase."),
                           backup_passphrase_cb, chosen_new (self, path), chosen_free);
}

void
plantar_window_back_up (PlantarWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (records_ready (self) == NULL)
    return;
  /* TRANSLATORS: the file name of a backup */
  name = g_strdup_printf (_("Plantar records %s.db"), date);
  choose (self, _("Back Up Records"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"), name,
          G_CALLBACK (backup_response_cb));
}

/* ------------------------------------------------------------ import */

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PlantarWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = plantar_records_import_customer_finish (result, &error);
  PlantarRecords *records = plantar_records_controller_get_records (self->records, NULL);

  plantar_window_set_busy (self, FALSE);
  if (id == 0)
    plantar_window_message (self, _("Nothing Was Imported"), error->message);
  else if (records != NULL)
    {
      PlantarRecordsDialog *dialog = plantar_records_dialog_new (self, records);
      plantar_records_dialog_show_customer (dialog, id);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    PlantarWindow   *self)
{
  g_autofree char *path = chosen_path (self, chooser, response);
  PlantarRecords *records = path ? records_ready (self) : NULL;

  if (records == NULL)
    return;
  plantar_window_set_busy (self, TRUE);
  plantar_records_import_customer_async (records, path, NULL, imported_cb, g_object_ref (self));
}

static void
import_passphrase_cb (gpointer    data,
                      const char *passphrase)
{
  Chosen *c = data;
  PlantarRecords *records = records_ready (c->self);

  if (records == NULL)
    return;
  plantar_window_set_busy (c->self, TRUE);
  plantar_records_import_customer_sealed_async (records, c->path, passphrase, NULL, imported_cb, g_object_ref (c->self));
}

static void
import_sealed_response_cb (GtkNativeDialog *chooser,
                           int              response,
                           PlantarWindow   *self)
{
  g_autofree char *path = chosen_path (self, chooser, response);

  if (path == NULL || records_ready (self) == NULL)
    return;
  if (!plantar_records_is_sealed (path))
    {
      plantar_window_message (self, _("Nothing Was Imported"),
                              _("This file is not a sealed Plantar export. An export without a passphrase is a "
                                "folder: choose Import a Customer and that folder."));
      return;
    }
  plantar_passphrase_open (GTK_WINDOW (self), _("Open the Sealed Export?"),
                           _("The customer's fittings in this file are sealed with the passphrase it was "
                             "exported with."),
                           _("_Import"), import_passphrase_cb, chosen_new (self, path), chosen_free);
}

/* A customer exported from another Plantar and sealed: one file. */
void
plantar_window_import_sealed_customer (PlantarWindow *self)
{
  if (records_ready (self) != NULL)
    choose (self, _("Import a Sealed Customer File"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL,
            G_CALLBACK (import_sealed_response_cb));
}

/* A customer exported from another Plantar: the folder with customer.json. */
void
plantar_window_import_customer (PlantarWindow *self)
{
  if (records_ready (self) != NULL)
    choose (self, _("Import a Customer"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Import"), NULL,
            G_CALLBACK (import_response_cb));
}

/* ------------------------------------------------------------ restore */

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PlantarWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  plantar_window_set_busy (self, FALSE);
  if (!plantar_records_job_finish (result, &error))
    plantar_window_message (self, _("The Backup Was Not Restored"), error->message);
  else
    plantar_window_message (self, _("Records Restored"),
                            _("The records are those of the backup. The records as they were are kept beside them."));
}

static void
restore_confirm_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PlantarWindow    *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "plantar-path");
  GtkEditable *passphrase = g_object_get_data (G_OBJECT (dialog), "plantar-passphrase");
  PlantarRecords *records = plantar_records_controller_get_records (self->records, NULL);
  g_autofree char *phrase = passphrase ? g_strdup (gtk_editable_get_text (passphrase)) : NULL;

  /* the password entry must not hold the focus as its window goes */
  gtk_root_set_focus (GTK_ROOT (dialog), NULL);
  if (g_strcmp0 (response, "restore") != 0 || records == NULL)
    return;
  /* the fitting at hand belongs to the records being replaced */
  plantar_records_controller_finish (self->records);
  plantar_records_controller_flush (self->records);
  plantar_window_set_busy (self, TRUE);
  plantar_records_restore_async (records, path, phrase, NULL, restored_cb, g_object_ref (self));
}

static void
restore_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PlantarWindow   *self)
{
  char *path = chosen_path (self, chooser, response);
  GtkWidget *dialog;

  if (path == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Records?"),
                                   _("Every customer and fitting will be those of the backup. The records as "
                                     "they are now are kept beside them, not deleted."));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* a sealed backup: its passphrase, asked with the confirmation */
  if (plantar_records_is_sealed (path))
    {
      GtkWidget *entry = plantar_passphrase_entry_new (_("The backup's passphrase"));
      gtk_password_entry_set_extra_menu (GTK_PASSWORD_ENTRY (entry), NULL);
      g_object_set (entry, "activates-default", TRUE, NULL);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
      g_object_set_data (G_OBJECT (dialog), "plantar-passphrase", entry);
    }
  g_object_set_data_full (G_OBJECT (dialog), "plantar-path", path, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
plantar_window_restore (PlantarWindow *self)
{
  if (records_ready (self) != NULL)
    choose (self, _("Restore Records"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL,
            G_CALLBACK (restore_response_cb));
}

/* ------------------------------------------------------------ the fitting at hand */

static void
record_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PlantarWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_auto(GStrv) names = NULL;
  PlantarFittingRecord *record = NULL;

  plantar_window_set_busy (self, FALSE);
  scans = plantar_records_controller_load_finish (self->records, result, &record, &names, &error);
  if (scans == NULL)
    {
      plantar_window_show_error (self, _("The fitting could not be opened"), error->message);
      return;
    }
  plantar_window_show_scans (self, scans, names, NULL, record);
}

/**
 * plantar_window_open_record:
 *
 * Opens a fitting of the records as it was saved: its own copy of the
 * scans, its corrections, its answers and notes; read and measured in
 * the background.
 */
void
plantar_window_open_record (PlantarWindow *self,
                            gint64         id)
{
  g_return_if_fail (PLANTAR_IS_WINDOW (self));
  plantar_window_set_busy (self, TRUE);
  plantar_records_controller_load_async (self->records, id, NULL, record_loaded_cb, g_object_ref (self));
}

/* The fitting being worked on, as the records hold it (NULL: none). */
PlantarFittingRecord *
plantar_window_get_record (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return plantar_records_controller_get_record (self->records);
}

/* Files the fitting at hand under a customer, and saves it. */
void
plantar_window_file_record (PlantarWindow *self,
                            gint64         customer_id,
                            const char    *customer_name)
{
  g_return_if_fail (PLANTAR_IS_WINDOW (self));
  plantar_records_controller_file (self->records, customer_id, customer_name);
  plantar_window_update_state (self);
}

/* The fitting at hand went with its customer: it is not saved again. */
void
plantar_window_forget_record (PlantarWindow *self)
{
  g_return_if_fail (PLANTAR_IS_WINDOW (self));
  plantar_records_controller_forget (self->records);
}

/* The report dialog closed: the customer named in it and the customer in
 * the records are one. A name typed there files the fitting under the
 * customer of that name, an existing one or a new one. */
void
plantar_window_report_closed (PlantarWindow *self)
{
  PlantarFittingNotes *notes = plantar_records_controller_get_notes (self->records);
  PlantarFittingRecord *record = plantar_records_controller_get_record (self->records);
  PlantarRecords *records = plantar_records_controller_get_records (self->records, NULL);
  g_autofree char *name = notes->customer ? g_strstrip (g_strdup (notes->customer)) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean created = FALSE;
  gint64 customer;

  plantar_records_controller_changed (self->records);
  if (record == NULL || records == NULL || name == NULL || *name == '\0')
    return;
  customer = plantar_records_find_or_add_customer (records, name, &created, &error);
  if (customer == 0)
    {
      plantar_window_show_error (self, _("The fitting could not be filed"), error->message);
      return;
    }
  if (customer == record->customer_id)
    return;
  plantar_records_controller_file (self->records, customer, name);
  message = g_strdup_printf (created ? _("Filed under %s, a new customer") : _("Filed under %s"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  plantar_window_update_state (self);
}

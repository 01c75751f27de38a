/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "plantar-compare-window.h"
#include "plantar-gui-util.h"
#include "plantar-records-dialog.h"
#include "plantar-report-dialog.h"
#include "plantar-passphrase.h"
#include "plantar-test-util.h"

/* The records from the window: the fitting at hand kept as it changes and
 * opened again after a crash; customers found, edited, filed under;
 * visits compared. */

static PlantarRecords *
records (void)
{
  PlantarRecords *r = plantar_application_get_records (plantar_gui_test_app (), NULL);

  g_assert_nonnull (r);
  return r;
}

/* The fitting at hand is in the records within a second of a change, and
 * marked as the one open. */
static void
test_autosave (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  gint64 id = plantar_gui_correct_and_save (window, NULL);

  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (plantar_records_get_open_fitting (records ()), ==, id);
  gtk_window_close (GTK_WINDOW (window));
  plantar_gui_flush ();
}

static gboolean
showing_feet (gpointer data)
{
  PlantarWindow *window = PLANTAR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (data)));

  return window != NULL && !plantar_window_is_busy (window) && plantar_window_is_showing_feet (window);
}

/* A window gone without closing, as in a crash: the next start opens the
 * fitting again as it was, with no history to undo. */
static void
test_reopen_after_crash (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarWindow *again;
  double left_ai;
  gint64 id = plantar_gui_correct_and_save (window, &left_ai);

  gtk_window_destroy (GTK_WINDOW (window));
  plantar_gui_flush ();
  g_assert_cmpint (plantar_records_get_open_fitting (records ()), ==, id);
  g_application_activate (G_APPLICATION (plantar_gui_test_app ()));
  plantar_gui_wait_for (showing_feet, plantar_gui_test_app (), "the fitting to open again");
  again = PLANTAR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (plantar_gui_test_app ())));
  g_assert_cmpint (plantar_window_get_record (again)->id, ==, id);
  g_assert_cmpfloat_with_epsilon (plantar_fitting_get_foot (plantar_window_get_fitting (again),
                                                            PLANTAR_SIDE_LEFT)->arch_index, left_ai, 1e-9);
  g_assert_false (plantar_fitting_can_undo (plantar_window_get_fitting (again)));
  gtk_window_close (GTK_WINDOW (again));
  plantar_gui_flush ();
}

/* Closed as it should be: saved, and nothing to open next time. */
static void
test_clean_close (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  PlantarCorrections c = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_RIGHT)->corrections;
  g_autoptr(PlantarFittingRecord) stored = NULL;
  gint64 id;

  plantar_gui_correct_and_save (window, NULL);
  /* a change still waiting when the window closes is saved too */
  c.has_heel_centre = TRUE;
  c.heel_centre = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_RIGHT)->heel_centre;
  c.heel_centre.x += 3;
  g_assert_true (plantar_fitting_correct (fitting, PLANTAR_SIDE_RIGHT, &c, FALSE));
  id = plantar_window_get_record (window)->id;
  gtk_window_close (GTK_WINDOW (window));
  plantar_gui_flush ();
  g_assert_cmpint (plantar_records_get_open_fitting (records ()), ==, 0);
  stored = plantar_records_load_fitting (records (), id, NULL);
  g_assert_nonnull (stored);
  {
    JsonObject *right = json_object_get_object_member (json_node_get_object (stored->state), "right");
    g_assert_false (json_object_get_null_member (right, "heel_centre"));
  }
}

static PlantarRecordsDialog *
open_customers (PlantarWindow *window)
{
  PlantarRecordsDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.customers", NULL);
  dialog = PLANTAR_RECORDS_DIALOG (plantar_gui_find_toplevel (PLANTAR_TYPE_RECORDS_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

static gint64
add_customer (const char *name)
{
  PlantarCustomer who = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  who.name = (char *) name;
  id = plantar_records_add_customer (records (), &who, &error);
  g_assert_no_error (error);
  return id;
}

/* A customer found by the start of each word of their name. */
static void
test_search (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarRecordsDialog *dialog;

  add_customer ("Quentin Tester");
  dialog = open_customers (window);
  plantar_records_dialog_search (dialog, "quen tes");
  g_assert_cmpuint (plantar_records_dialog_get_n_shown (dialog), ==, 1);
  plantar_records_dialog_search (dialog, "nobody");
  g_assert_cmpuint (plantar_records_dialog_get_n_shown (dialog), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_close (GTK_WINDOW (window));
  plantar_gui_flush ();
}

/* The customer's details are written as they are typed. */
static void
test_edit_details (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  gint64 customer = add_customer ("Rita Detail");
  PlantarRecordsDialog *dialog = open_customers (window);
  GtkWidget *contact;
  g_autoptr(PlantarCustomer) who = NULL;

  plantar_records_dialog_show_customer (dialog, customer);
  contact = plantar_gui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Contact");
  g_assert_nonnull (contact);
  gtk_editable_set_text (GTK_EDITABLE (contact), "0131 555 0100");
  who = plantar_records_get_customer (records (), customer, NULL);
  g_assert_cmpstr (who->contact, ==, "0131 555 0100");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_close (GTK_WINDOW (window));
  plantar_gui_flush ();
}

static gboolean
filed (gpointer data)
{
  g_autoptr(GPtrArray) list = plantar_records_list_fittings (records (), GPOINTER_TO_SIZE (data), NULL);

  return list != NULL && list->len > 0;
}

/* The fitting at hand filed under a customer, from their page. */
static void
test_file_fitting (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  gint64 id = plantar_gui_correct_and_save (window, NULL);
  gint64 customer = add_customer ("Sam Filed");
  PlantarRecordsDialog *dialog = open_customers (window);
  GtkWidget *file;
  g_autoptr(GPtrArray) list = NULL;

  plantar_records_dialog_show_customer (dialog, customer);
  file = plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_File the Open Fitting Here");
  g_assert_nonnull (file);
  g_assert_true (gtk_widget_get_sensitive (file));
  gtk_widget_activate (file);
  plantar_gui_wait_for (filed, GSIZE_TO_POINTER (customer), "the fitting to be filed");
  list = plantar_records_list_fittings (records (), customer, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((PlantarFittingRecord *) g_ptr_array_index (list, 0))->id, ==, id);
  /* filed already: the button stays where it is, and cannot file again */
  g_assert_false (gtk_widget_get_sensitive (file));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_close (GTK_WINDOW (window));
  plantar_gui_flush ();
}

static GtkWidget *
fitting_button (PlantarRecordsDialog *dialog,
                const char           *name)
{
  GtkWidget *fittings = plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, "fittings");
  GtkWidget *button = plantar_gui_find_widget (fittings, GTK_TYPE_BUTTON, name);

  g_assert_nonnull (button);
  return button;
}

/* Every fitting is reachable: those filed under no one are listed first,
 * filed under a name typed (an existing customer found by it), and
 * deleted one at a time after a confirmation. */
static void
test_unfiled (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  gint64 open_id = plantar_gui_correct_and_save (window, NULL);
  gint64 customer = add_customer ("Una Filed");
  g_autoptr(GPtrArray) before = plantar_records_list_fittings (records (), 0, NULL);
  PlantarRecordsDialog *dialog;
  GtkWidget *customers, *row;
  guint n;

  g_assert_nonnull (before);
  n = before->len;
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpint (((PlantarFittingRecord *) g_ptr_array_index (before, 0))->id, ==, open_id);
  dialog = open_customers (window);
  customers = plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, "customers");
  row = plantar_gui_find_widget (customers, ADW_TYPE_ACTION_ROW, "Unfiled Fittings");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_first_child (customers) == row);
  g_signal_emit_by_name (customers, "row-activated", row);
  g_assert_false (gtk_widget_get_visible (plantar_gui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_GROUP,
                                                                   "details_group")));

  /* filed under "una filed": the customer there is, not a new one */
  g_assert_true (plantar_records_dialog_file_fitting (dialog, open_id, "una filed"));
  plantar_gui_wait_for (filed, GSIZE_TO_POINTER (customer), "the fitting to be filed");
  g_assert_cmpint (plantar_window_get_record (window)->customer_id, ==, customer);
  /* the window says whose it is */
  g_assert_true (g_str_has_prefix (plantar_window_get_subtitle_text (window), "una filed · "));

  /* an unfiled fitting deleted alone: asked first */
  if (n > 1)
    {
      GtkWidget *del = fitting_button (dialog, "Delete This Fitting…");
      gint64 doomed = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (del), "plantar-fitting"));
      g_autoptr(PlantarFittingRecord) kept = NULL;
      g_autoptr(PlantarFittingRecord) gone = NULL;

      g_assert_cmpint (doomed, >, 0);
      g_signal_emit_by_name (del, "clicked");
      plantar_gui_respond ("cancel");
      kept = plantar_records_load_fitting (records (), doomed, NULL);
      g_assert_nonnull (kept);
      g_signal_emit_by_name (fitting_button (dialog, "Delete This Fitting…"), "clicked");
      plantar_gui_respond ("delete");
      gone = plantar_records_load_fitting (records (), doomed, NULL);
      g_assert_null (gone);
      /* the one filed is still there */
      g_assert_true (filed (GSIZE_TO_POINTER (customer)));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_close (GTK_WINDOW (window));
  plantar_gui_flush ();
}

/* The name typed in the report dialog is the records' customer: a new
 * name makes a new customer and files the fitting under them. */
static void
test_report_names_customer (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  gint64 id = plantar_gui_correct_and_save (window, NULL);
  GtkWidget *dialog, *entry;
  gint64 customer;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.report", NULL);
  dialog = GTK_WIDGET (plantar_gui_find_toplevel (PLANTAR_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  entry = plantar_gui_find_widget (dialog, ADW_TYPE_ENTRY_ROW, "customer");
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Rita Reported");
  /* the dialog says whose the name is before it files anything */
  g_assert_cmpstr (plantar_report_dialog_get_customer_hint (PLANTAR_REPORT_DIALOG (dialog)), ==, "New customer");
  add_customer ("Olga Older");
  gtk_editable_set_text (GTK_EDITABLE (entry), "olga older");
  g_assert_cmpstr (plantar_report_dialog_get_customer_hint (PLANTAR_REPORT_DIALOG (dialog)), ==,
                   "Existing customer, 0 fittings");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Rita Reported");
  gtk_window_destroy (GTK_WINDOW (dialog));
  plantar_gui_flush ();
  customer = plantar_records_find_or_add_customer (records (), "rita reported", NULL, NULL);
  plantar_gui_wait_for (filed, GSIZE_TO_POINTER (customer), "the fitting to be filed");
  g_assert_cmpint (plantar_window_get_record (window)->id, ==, id);
  g_assert_cmpint (plantar_window_get_record (window)->customer_id, ==, customer);
  /* opened again: the name is this fitting's customer */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.report", NULL);
  dialog = GTK_WIDGET (plantar_gui_find_toplevel (PLANTAR_TYPE_REPORT_DIALOG));
  g_assert_cmpstr (plantar_report_dialog_get_customer_hint (PLANTAR_REPORT_DIALOG (dialog)), ==,
                   "This fitting’s customer");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_close (GTK_WINDOW (window));
  plantar_gui_flush ();
}

static gboolean
compare_ready (gpointer data)
{
  return plantar_compare_window_is_ready (data);
}

/* Two visits, read and measured in a worker; each change in its units,
 * with the panel's decimals. */
static void
test_compare (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  gint64 first = plantar_gui_correct_and_save (window, NULL);
  gint64 second;
  GtkWidget *compare;
  const char *values, *change;

  gtk_window_close (GTK_WINDOW (window));
  plantar_gui_flush ();
  window = plantar_gui_open_demo ("demo-footprint.png");
  second = plantar_gui_correct_and_save (window, NULL);
  g_assert_cmpint (second, !=, first);
  compare = plantar_compare_window_new (GTK_WINDOW (window), records (), first, second);
  gtk_window_present (GTK_WINDOW (compare));
  plantar_gui_wait_for (compare_ready, compare, "the visits to be read");
  g_assert_true (plantar_compare_window_get_row (PLANTAR_COMPARE_WINDOW (compare), PLANTAR_SIDE_RIGHT,
                                                 "foot_length_mm", &values, &change));
  g_assert_nonnull (strstr (values, " mm → "));
  g_assert_cmpstr (change, ==, "no change");
  g_assert_true (plantar_compare_window_get_row (PLANTAR_COMPARE_WINDOW (compare), PLANTAR_SIDE_LEFT,
                                                 "arch_index", &values, &change));
  g_assert_null (strstr (values, "nan"));
  gtk_window_destroy (GTK_WINDOW (compare));
  gtk_window_close (GTK_WINDOW (window));
  plantar_gui_flush ();
}

static void
got_passphrase (gpointer    data,
                const char *passphrase)
{
  char **out = data;
  g_free (*out);
  *out = g_strdup (passphrase ? passphrase : "(none)");
}

/* Sealing asks for the passphrase twice and offers Seal only when both
 * say the same, 8 characters or more; Without a Passphrase says so. */
static void
test_passphrase_dialog (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  g_autofree char *answer = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *first, *again, *box;

  plantar_passphrase_seal (GTK_WINDOW (window), "Seal?", "Body", got_passphrase, &answer, NULL);
  dialog = ADW_MESSAGE_DIALOG (plantar_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  box = adw_message_dialog_get_extra_child (dialog);
  first = gtk_widget_get_first_child (box);
  again = gtk_widget_get_next_sibling (first);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "seal"));
  gtk_editable_set_text (GTK_EDITABLE (first), "short");
  gtk_editable_set_text (GTK_EDITABLE (again), "short");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "seal"));
  gtk_editable_set_text (GTK_EDITABLE (first), "correct horse");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "seal"));
  gtk_editable_set_text (GTK_EDITABLE (again), "correct horse");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "seal"));
  plantar_gui_respond ("seal");
  g_assert_cmpstr (answer, ==, "correct horse");

  plantar_passphrase_seal (GTK_WINDOW (window), "Seal?", "Body", got_passphrase, &answer, NULL);
  plantar_gui_respond ("plain");
  g_assert_cmpstr (answer, ==, "(none)");

  g_clear_pointer (&answer, g_free);
  plantar_passphrase_open (GTK_WINDOW (window), "Open?", "Body", "_Import", got_passphrase, &answer, NULL);
  dialog = ADW_MESSAGE_DIALOG (plantar_gui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "correct horse");
  plantar_gui_respond ("cancel");
  g_assert_null (answer);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  plantar_gui_test_init (&argc, &argv);
  g_test_add_func ("/records-dialog/window/autosave", test_autosave);
  g_test_add_func ("/records-dialog/window/reopen-after-crash", test_reopen_after_crash);
  g_test_add_func ("/records-dialog/window/clean-close", test_clean_close);
  g_test_add_func ("/records-dialog/search", test_search);
  g_test_add_func ("/records-dialog/edit-details", test_edit_details);
  g_test_add_func ("/records-dialog/file-fitting", test_file_fitting);
  g_test_add_func ("/records-dialog/compare", test_compare);
  g_test_add_func ("/records-dialog/unfiled", test_unfiled);
  g_test_add_func ("/records-dialog/report-names-customer", test_report_names_customer);
  g_test_add_func ("/records-dialog/passphrase", test_passphrase_dialog);
  status = g_test_run ();
  plantar_gui_test_shutdown ();
  return status;
}

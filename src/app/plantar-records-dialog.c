/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-passphrase.h"
#include "plantar-compare-window.h"
#include "plantar-records-dialog.h"

/* Customers: a search as the fitter types, each customer's fittings with
 * their dates, arch types and suggestions, and what to do with them:
 * open one as it was, file the fitting at hand, compare two visits,
 * export, delete for good. */

struct _PlantarRecordsDialog
{
  AdwWindow        parent_instance;

  PlantarWindow   *window;     /* weak */
  PlantarRecords  *records;    /* the application's */
  gint64           customer;   /* shown, UNFILED, or 0 */

  /* template */
  AdwToastOverlay *toasts;
  GtkStack        *stack;
  GtkSearchEntry  *search;
  GtkListBox      *customers;
  GtkWidget       *back;
  AdwWindowTitle  *title;
  GtkListBox      *fittings;
  AdwEntryRow     *name_row, *birth_row, *contact_row, *notes_row;
  GtkWidget       *file_button;
  GtkWidget       *compare_button;
  GtkWidget       *actions_box;
  GtkWidget       *details_group;

  gboolean         filling;
  GPtrArray       *checks;     /* GtkCheckButton of each fitting row */
  guint            n_shown;
};

G_DEFINE_FINAL_TYPE (PlantarRecordsDialog, plantar_records_dialog, ADW_TYPE_WINDOW)

/* The page of the fittings filed under no customer */
#define UNFILED ((gint64) -1)

static void
toast (PlantarRecordsDialog *self,
       const char           *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (unix_time);
  /* TRANSLATORS: the date of a fitting in a list, see g_date_time_format() */
  return g_date_time_format (date, _("%-d %B %Y, %H:%M"));
}

/* ------------------------------------------------------------ customers */

static void show_customer (PlantarRecordsDialog *self, gint64 id);

static void
customer_activated_cb (GtkListBox           *list,
                       GtkListBoxRow        *row,
                       PlantarRecordsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "plantar-customer"));

  if (g_object_get_data (G_OBJECT (row), "plantar-unfiled") != NULL)
    id = UNFILED;
  else if (id == 0)
    {
      /* the row that adds the name typed */
      PlantarCustomer c = { 0 };
      g_autoptr(GError) error = NULL;
      c.name = (char *) gtk_editable_get_text (GTK_EDITABLE (self->search));
      id = plantar_records_add_customer (self->records, &c, &error);
      if (id == 0)
        {
          toast (self, error->message);
          return;
        }
    }
  show_customer (self, id);
}

void
plantar_records_dialog_search (PlantarRecordsDialog *self,
                               const char           *text)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  gboolean exact = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->customers))) != NULL)
    gtk_list_box_remove (self->customers, child);
  self->n_shown = 0;

  found = plantar_records_search (self->records, trimmed, 200, &error);
  if (found == NULL)
    {
      toast (self, error->message);
      return;
    }
  /* every fitting is reachable: those filed under no one come first */
  if (*trimmed == '\0')
    {
      g_autoptr(GPtrArray) unfiled = plantar_records_list_fittings (self->records, 0, NULL);
      if (unfiled != NULL && unfiled->len > 0)
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *subtitle =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fitting not filed under a customer",
                                          "%u fittings not filed under a customer", unfiled->len), unfiled->len);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Unfiled Fittings"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("folder-documents-symbolic"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data (G_OBJECT (row), "plantar-unfiled", GINT_TO_POINTER (1));
          gtk_list_box_append (self->customers, row);
        }
    }
  for (guint i = 0; i < found->len; i++)
    {
      PlantarCustomer *c = g_ptr_array_index (found, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      subtitle = c->n_fittings == 0 ? g_strdup (_("No fittings yet"))
                                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fitting", "%u fittings",
                                                                    c->n_fittings), c->n_fittings);
      if (c->birth_date != NULL)
        {
          char *with = g_strdup_printf ("%s · %s", c->birth_date, subtitle);
          g_free (subtitle);
          subtitle = with;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "plantar-customer", GSIZE_TO_POINTER (c->id));
      gtk_list_box_append (self->customers, row);
      exact |= g_utf8_collate (c->name, trimmed) == 0;
      self->n_shown++;
    }
  if (*trimmed != '\0' && !exact)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("Add “%s” as a New Customer"), trimmed);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->customers, row);
    }
  else if (found->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No customers yet: type a name to add one"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->customers, row);
    }
}

guint
plantar_records_dialog_get_n_shown (PlantarRecordsDialog *self)
{
  return self->n_shown;
}

static void
search_changed_cb (PlantarRecordsDialog *self)
{
  plantar_records_dialog_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search)));
}

/* ------------------------------------------------------------ one customer */

static void
open_clicked_cb (GtkButton            *button,
                 PlantarRecordsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "plantar-fitting"));

  if (self->window == NULL)
    return;
  /* read and measured in the background; the window says if it fails */
  plantar_window_open_record (self->window, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
check_toggled_cb (PlantarRecordsDialog *self)
{
  guint checked = 0;

  for (guint i = 0; i < self->checks->len; i++)
    checked += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  gtk_widget_set_sensitive (self->compare_button, checked == 2);
}

static void fitting_delete_clicked_cb (GtkButton *button, PlantarRecordsDialog *self);
static void fitting_file_clicked_cb (GtkButton *button, PlantarRecordsDialog *self);

/* A button at the end of a fitting's row, for that fitting. */
static GtkWidget *
row_button (AdwActionRow         *row,
            gint64                fitting,
            const char           *label,
            const char           *icon,
            GCallback             clicked,
            PlantarRecordsDialog *self)
{
  GtkWidget *button = icon ? gtk_button_new_from_icon_name (icon) : gtk_button_new_with_mnemonic (label);

  if (icon != NULL)
    {
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_add_css_class (button, "flat");
    }
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "plantar-fitting", GSIZE_TO_POINTER (fitting));
  g_signal_connect_object (button, "clicked", clicked, self, 0);
  adw_action_row_add_suffix (row, button);
  return button;
}

/* A customer's fittings and details, or (UNFILED) the fittings filed
 * under no one, each to open, file or delete. */
static void
show_customer (PlantarRecordsDialog *self,
               gint64                id)
{
  g_autoptr(PlantarCustomer) customer = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PlantarFittingRecord *current = self->window ? plantar_window_get_record (self->window) : NULL;
  gboolean unfiled = id == UNFILED;
  g_autoptr(GArray) damaged = NULL;
  GtkWidget *child;

  customer = unfiled ? NULL : plantar_records_get_customer (self->records, id, &error);
  list = unfiled || customer ? plantar_records_list_fittings (self->records, unfiled ? 0 : id, &error) : NULL;
  if (list == NULL)
    {
      toast (self, error->message);
      return;
    }
  self->customer = id;
  adw_window_title_set_title (self->title, unfiled ? _("Unfiled Fittings") : customer->name);
  adw_window_title_set_subtitle (self->title, "");
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), customer ? customer->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->birth_row), customer && customer->birth_date ? customer->birth_date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->contact_row), customer && customer->contact ? customer->contact : "");
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), customer && customer->notes ? customer->notes : "");
  self->filling = FALSE;
  gtk_widget_set_visible (self->actions_box, !unfiled);
  gtk_widget_set_visible (self->details_group, !unfiled);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fittings))) != NULL)
    gtk_list_box_remove (self->fittings, child);
  g_ptr_array_set_size (self->checks, 0);

  damaged = plantar_records_find_damaged (self->records, NULL);
  for (guint i = 0; i < list->len; i++)
    {
      PlantarFittingRecord *r = g_ptr_array_index (list, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = format_date (r->created);
      gboolean broken = FALSE;
      g_autofree char *subtitle = NULL;

      for (guint d = 0; damaged != NULL && d < damaged->len; d++)
        broken |= g_array_index (damaged, gint64, d) == r->id;
      subtitle = broken ? g_strdup (_("Damaged: what is stored no longer matches what was saved. "
                                      "Restore it from a backup."))
                        : g_strdup_printf ("%s%s%s", r->summary ? r->summary : "",
                                           r->summary && r->suggestion ? "\n" : "",
                                           r->suggestion ? r->suggestion : "");
      if (broken)
        gtk_widget_add_css_class (row, "error");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (!unfiled)
        {
          GtkWidget *check = gtk_check_button_new ();
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Compare"), -1);
          gtk_widget_set_tooltip_text (check, _("Compare"));
          g_object_set_data (G_OBJECT (check), "plantar-fitting", GSIZE_TO_POINTER (r->id));
          g_signal_connect_swapped (check, "toggled", G_CALLBACK (check_toggled_cb), self);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          g_ptr_array_add (self->checks, check);
        }
      if (current != NULL && current->id == r->id)
        {
          GtkWidget *open_now = gtk_label_new (_("Open now"));
          gtk_widget_add_css_class (open_now, "dim-label");
          gtk_widget_add_css_class (open_now, "caption");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_now);
        }
      row_button (ADW_ACTION_ROW (row), r->id, _("Delete This Fitting…"), "user-trash-symbolic",
                  G_CALLBACK (fitting_delete_clicked_cb), self);
      if (unfiled)
        row_button (ADW_ACTION_ROW (row), r->id, _("_File…"), NULL, G_CALLBACK (fitting_file_clicked_cb), self);
      row_button (ADW_ACTION_ROW (row), r->id, _("Open"), NULL, G_CALLBACK (open_clicked_cb), self);
      gtk_list_box_append (self->fittings, row);
    }
  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), unfiled ? _("Every fitting is filed")
                                                                         : _("No fittings yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->fittings, row);
    }
  /* insensitive rather than hidden: the buttons beside it never move */
  gtk_widget_set_sensitive (self->file_button, current != NULL && !unfiled && current->customer_id != id);
  gtk_widget_set_sensitive (self->compare_button, FALSE);
  gtk_widget_set_visible (self->back, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "customer");
}

/* ------------------------------------------------------------ one fitting */

static void
fitting_delete_response_cb (AdwMessageDialog     *dialog,
                            const char           *response,
                            PlantarRecordsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "plantar-fitting"));
  PlantarFittingRecord *current = self->window ? plantar_window_get_record (self->window) : NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  /* the fitting at hand: it is not saved again behind the user's back */
  if (current != NULL && current->id == id && self->window != NULL)
    plantar_window_forget_record (self->window);
  if (!plantar_records_delete_fitting (self->records, id, &error))
    {
      toast (self, error->message);
      return;
    }
  show_customer (self, self->customer);
  toast (self, _("The fitting and its scans are deleted"));
}

static void
fitting_delete_clicked_cb (GtkButton            *button,
                           PlantarRecordsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "plantar-fitting"));
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  g_autofree char *body = g_strdup_printf (_("The fitting of %s and its scans will be deleted for good."),
                                           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Delete the Fitting?"),
                                                                         body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "plantar-fitting", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (fitting_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Files a fitting under the customer named @name, found or added. */
gboolean
plantar_records_dialog_file_fitting (PlantarRecordsDialog *self,
                                     gint64                id,
                                     const char           *name)
{
  PlantarFittingRecord *current = self->window ? plantar_window_get_record (self->window) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean created = FALSE;
  gint64 customer = plantar_records_find_or_add_customer (self->records, name, &created, &error);

  if (customer == 0)
    {
      toast (self, error->message);
      return FALSE;
    }
  if (!plantar_records_file_fitting (self->records, id, customer, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  /* the fitting at hand is filed in the window too, whose next save would
   * otherwise take it out again */
  if (current != NULL && current->id == id && self->window != NULL)
    plantar_window_file_record (self->window, customer, name);
  show_customer (self, self->customer);
  message = g_strdup_printf (created ? _("Filed under %s, a new customer") : _("Filed under %s"), name);
  toast (self, message);
  return TRUE;
}

static void
fitting_file_response_cb (AdwMessageDialog     *dialog,
                          const char           *response,
                          PlantarRecordsDialog *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "plantar-entry");

  if (g_strcmp0 (response, "file") == 0)
    plantar_records_dialog_file_fitting (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog),
                                                                                    "plantar-fitting")),
                                         gtk_editable_get_text (entry));
}

static void
fitting_file_name_changed_cb (GtkEditable      *entry,
                              AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "file", *name != '\0');
}

static void
fitting_file_clicked_cb (GtkButton            *button,
                         PlantarRecordsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "plantar-fitting"));
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("File the Fitting"),
                                                _("Under the customer of this name; a new customer when there is "
                                                  "none yet.")));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Customer name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Customer name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "file", _("_File"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "file", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "file", FALSE);
  adw_message_dialog_set_default_response (dialog, "file");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "plantar-fitting", GSIZE_TO_POINTER (id));
  g_object_set_data (G_OBJECT (dialog), "plantar-entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (fitting_file_name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (fitting_file_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* The customer's details, written as they are typed. */
static void
details_changed_cb (PlantarRecordsDialog *self)
{
  PlantarCustomer c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (self->filling || self->customer <= 0)
    return;
  if (*name == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  c.id = self->customer;
  c.name = name;
  c.birth_date = (char *) gtk_editable_get_text (GTK_EDITABLE (self->birth_row));
  c.contact = (char *) gtk_editable_get_text (GTK_EDITABLE (self->contact_row));
  c.notes = (char *) gtk_editable_get_text (GTK_EDITABLE (self->notes_row));
  if (*c.birth_date == '\0')
    c.birth_date = NULL;
  if (*c.contact == '\0')
    c.contact = NULL;
  if (*c.notes == '\0')
    c.notes = NULL;
  if (!plantar_records_update_customer (self->records, &c, &error))
    toast (self, error->message);
  else
    adw_window_title_set_title (self->title, name);
}

void
plantar_records_dialog_show_customer (PlantarRecordsDialog *self,
                                      gint64                id)
{
  show_customer (self, id);
}

void
plantar_records_dialog_show_unfiled (PlantarRecordsDialog *self)
{
  show_customer (self, UNFILED);
}

static void
back_clicked_cb (PlantarRecordsDialog *self)
{
  self->customer = 0;
  adw_window_title_set_title (self->title, _("Customers"));
  adw_window_title_set_subtitle (self->title, "");
  gtk_widget_set_visible (self->back, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "list");
  search_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

static void
file_clicked_cb (PlantarRecordsDialog *self)
{
  g_autoptr(PlantarCustomer) customer = plantar_records_get_customer (self->records, self->customer, NULL);

  PlantarFittingRecord *current = self->window ? plantar_window_get_record (self->window) : NULL;

  if (self->window == NULL || customer == NULL)
    return;
  /* saved already: filed in the records at once, so the list below shows it */
  if (current != NULL && current->id > 0)
    plantar_records_file_fitting (self->records, current->id, self->customer, NULL);
  plantar_window_file_record (self->window, self->customer, customer->name);
  show_customer (self, self->customer);
  toast (self, _("The fitting is filed under this customer"));
}

static void
compare_clicked_cb (PlantarRecordsDialog *self)
{
  gint64 ids[2] = { 0, 0 };
  guint n = 0;

  /* the list is newest first: the older visit goes on the left */
  for (guint i = self->checks->len; i-- > 0 && n < 2;)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      ids[n++] = GPOINTER_TO_SIZE (g_object_get_data (g_ptr_array_index (self->checks, i), "plantar-fitting"));
  if (n == 2)
    gtk_window_present (GTK_WINDOW (plantar_compare_window_new (GTK_WINDOW (self), self->records, ids[0], ids[1])));
}

typedef struct {
  PlantarRecordsDialog *self;
  char                 *path;
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;
  g_object_unref (export->self);
  g_free (export->path);
  g_free (export);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;

  if (!plantar_records_job_finish (result, &error))
    toast (export->self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Exported to “%s”"), export->path);
      toast (export->self, text);
    }
  export_free (export);
}

/* Plain: the folder NAME with customer.json, measurements.csv and scans/;
 * sealed: one file NAME.plantar-customer */
static void
export_passphrase_cb (gpointer    data,
                      const char *passphrase)
{
  Export *export = data;
  Export *job = g_new0 (Export, 1);

  job->self = g_object_ref (export->self);
  if (passphrase == NULL)
    {
      job->path = g_strdup (export->path);
      plantar_records_export_customer_async (job->self->records, job->self->customer, job->path, NULL, exported_cb,
                                             job);
    }
  else
    {
      job->path = g_strconcat (export->path, ".plantar-customer", NULL);
      plantar_records_export_customer_sealed_async (job->self->records, job->self->customer, job->path, passphrase,
                                                    NULL, exported_cb, job);
    }
}

static void
export_response_cb (GtkNativeDialog      *chooser,
                    int                   response,
                    PlantarRecordsDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(PlantarCustomer) customer = plantar_records_get_customer (self->records, self->customer, NULL);
      g_autofree char *base = g_file_get_path (folder);
      g_autofree char *name = customer ? g_strdelimit (g_strdup (customer->name), "/\\", '-') : g_strdup ("customer");

      if (base == NULL)
        toast (self, _("Export to a local folder"));
      else
        {
          Export *export = g_new0 (Export, 1);
          export->self = g_object_ref (self);
          export->path = g_build_filename (base, name, NULL);
          /* an export that leaves the computer should be sealed */
          plantar_passphrase_seal (GTK_WINDOW (self), _("Seal the Export with a Passphrase?"),
                                   _("Sealed, the customer's fittings are one file that only the passphrase opens: "
                                     "seal an export that is sent or carried away. Without a passphrase they are a "
                                     "folder anyone with the files can read."),
                                   export_passphrase_cb, export, export_free);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_clicked_cb (PlantarRecordsDialog *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export the Customer’s Fittings"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export Here"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
delete_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    PlantarRecordsDialog *self)
{
  g_autoptr(GError) error = NULL;
  PlantarFittingRecord *current = self->window ? plantar_window_get_record (self->window) : NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!plantar_records_delete_customer (self->records, self->customer, &error))
    {
      toast (self, error->message);
      return;
    }
  /* the fitting at hand was theirs: it goes too, and is not saved again */
  if (current != NULL && current->customer_id == self->customer && self->window != NULL)
    plantar_window_forget_record (self->window);
  back_clicked_cb (self);
  toast (self, _("The customer and every fitting of theirs are deleted"));
}

static void
delete_clicked_cb (PlantarRecordsDialog *self)
{
  g_autoptr(PlantarCustomer) customer = plantar_records_get_customer (self->records, self->customer, NULL);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (customer == NULL)
    return;
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s and %u fitting with its scans will be deleted for good, from the "
                                       "records and from the copies Plantar keeps of them. Backups made before "
                                       "still hold them. Export them first if they may be needed again.",
                                       "%s and %u fittings with their scans will be deleted for good, from the "
                                       "records and from the copies Plantar keeps of them. Backups made before "
                                       "still hold them. Export them first if they may be needed again.",
                                       customer->n_fittings),
                          customer->name, customer->n_fittings);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Delete the Customer?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
plantar_records_dialog_dispose (GObject *object)
{
  PlantarRecordsDialog *self = PLANTAR_RECORDS_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_RECORDS_DIALOG);
  G_OBJECT_CLASS (plantar_records_dialog_parent_class)->dispose (object);
}

static void
plantar_records_dialog_finalize (GObject *object)
{
  PlantarRecordsDialog *self = PLANTAR_RECORDS_DIALOG (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (plantar_records_dialog_parent_class)->finalize (object);
}

static void
plantar_records_dialog_class_init (PlantarRecordsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_records_dialog_dispose;
  object_class->finalize = plantar_records_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-records-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, search);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, customers);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, back);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, title);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, fittings);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, birth_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, contact_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, file_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, compare_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, actions_box);
  gtk_widget_class_bind_template_child (widget_class, PlantarRecordsDialog, details_group);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, customer_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, file_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, details_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
plantar_records_dialog_init (PlantarRecordsDialog *self)
{
  /* the details' rows say they changed as the template fills them */
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
  self->checks = g_ptr_array_new ();
}

PlantarRecordsDialog *
plantar_records_dialog_new (PlantarWindow  *window,
                            PlantarRecords *records)
{
  PlantarRecordsDialog *self = g_object_new (PLANTAR_TYPE_RECORDS_DIALOG,
                                             "transient-for", window,
                                             "modal", TRUE,
                                             "destroy-with-parent", TRUE,
                                             NULL);

  g_set_weak_pointer (&self->window, window);
  self->records = records;
  plantar_records_dialog_search (self, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
  return self;
}

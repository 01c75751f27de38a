/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-map.h"
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
  gint64           customer;   /* shown, or 0 */

  AdwToastOverlay *toasts;
  GtkStack        *stack;
  GtkSearchEntry  *search;
  GtkListBox      *customers;
  GtkWidget       *back;
  AdwWindowTitle  *title;
  GtkWidget       *customer_page;
  GtkListBox      *fittings;
  AdwEntryRow     *name_row, *birth_row, *contact_row, *notes_row;
  gboolean         filling;
  GtkWidget       *file_button;
  GtkWidget       *compare_button;
  GPtrArray       *checks;     /* GtkCheckButton of each fitting row */
  guint            n_shown;
};

G_DEFINE_FINAL_TYPE (PlantarRecordsDialog, plantar_records_dialog, ADW_TYPE_WINDOW)

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

  if (id == 0)
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

  if (self->window != NULL && plantar_window_open_record (self->window, id))
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

static void
show_customer (PlantarRecordsDialog *self,
               gint64                id)
{
  g_autoptr(PlantarCustomer) customer = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PlantarFittingRecord *current = self->window ? plantar_window_get_record (self->window) : NULL;
  GtkWidget *child;

  customer = plantar_records_get_customer (self->records, id, &error);
  list = customer ? plantar_records_list_fittings (self->records, id, &error) : NULL;
  if (list == NULL)
    {
      toast (self, error->message);
      return;
    }
  self->customer = id;
  adw_window_title_set_title (self->title, customer->name);
  adw_window_title_set_subtitle (self->title, "");
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), customer->name);
  gtk_editable_set_text (GTK_EDITABLE (self->birth_row), customer->birth_date ? customer->birth_date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->contact_row), customer->contact ? customer->contact : "");
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), customer->notes ? customer->notes : "");
  self->filling = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fittings))) != NULL)
    gtk_list_box_remove (self->fittings, child);
  g_ptr_array_set_size (self->checks, 0);

  for (guint i = 0; i < list->len; i++)
    {
      PlantarFittingRecord *r = g_ptr_array_index (list, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *open = gtk_button_new_with_label (_("Open"));
      g_autofree char *date = format_date (r->created);
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s", r->summary ? r->summary : "",
                                                   r->summary && r->suggestion ? "\n" : "",
                                                   r->suggestion ? r->suggestion : "");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Compare"), -1);
      gtk_widget_set_tooltip_text (check, _("Compare"));
      g_object_set_data (G_OBJECT (check), "plantar-fitting", GSIZE_TO_POINTER (r->id));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (open), "plantar-fitting", GSIZE_TO_POINTER (r->id));
      g_signal_connect (open, "clicked", G_CALLBACK (open_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      gtk_list_box_append (self->fittings, row);
      g_ptr_array_add (self->checks, check);
    }
  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No fittings yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->fittings, row);
    }
  gtk_widget_set_visible (self->file_button, current != NULL && current->customer_id != id);
  gtk_widget_set_sensitive (self->compare_button, FALSE);
  gtk_widget_set_visible (self->back, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "customer");
}

/* The customer's details, written as they are typed. */
static void
details_changed_cb (PlantarRecordsDialog *self)
{
  PlantarCustomer c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (self->filling || self->customer == 0)
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

  if (self->window == NULL || customer == NULL)
    return;
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
      g_autofree char *path = base ? g_build_filename (base, name, NULL) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL || !plantar_records_export_customer (self->records, self->customer, path, &error))
        toast (self, error ? error->message : _("Export to a local folder"));
      else
        {
          g_autofree char *text = g_strdup_printf (_("Exported to “%s”"), path);
          toast (self, text);
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
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
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
  if (current != NULL && current->customer_id == self->customer)
    {
      current->customer_id = 0;
      current->id = 0;
    }
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
                                       "%s and %u fitting with its scans will be deleted for good. "
                                       "Export them first if they may be needed again.",
                                       "%s and %u fittings with their scans will be deleted for good. "
                                       "Export them first if they may be needed again.", customer->n_fittings),
                          customer->name, customer->n_fittings);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Delete the Customer?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ building */

static GtkWidget *
boxed_list (GtkListBox **list)
{
  *list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (*list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (*list), "boxed-list");
  return GTK_WIDGET (*list);
}

static GtkWidget *
scrolled_page (GtkWidget *content)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

static void
build (PlantarRecordsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *list_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *customer_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));
  GtkWidget *delete = gtk_button_new_with_mnemonic (_("_Delete…"));

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Customers"), ""));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back, _("Back to the Customers"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  gtk_widget_set_visible (self->back, FALSE);
  g_signal_connect_swapped (self->back, "clicked", G_CALLBACK (back_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back);
  gtk_box_append (GTK_BOX (box), header);

  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search, "placeholder-text", _("Search or add a customer by name"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Customer name"), -1);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (search_changed_cb), self);
  gtk_box_append (GTK_BOX (list_page), GTK_WIDGET (self->search));
  gtk_box_append (GTK_BOX (list_page), boxed_list (&self->customers));
  g_signal_connect (self->customers, "row-activated", G_CALLBACK (customer_activated_cb), self);

  self->file_button = gtk_button_new_with_mnemonic (_("_File the Open Fitting Here"));
  gtk_widget_add_css_class (self->file_button, "suggested-action");
  g_signal_connect_swapped (self->file_button, "clicked", G_CALLBACK (file_clicked_cb), self);
  self->compare_button = gtk_button_new_with_mnemonic (_("_Compare"));
  gtk_widget_set_tooltip_text (self->compare_button, _("Tick two fittings to compare them"));
  g_signal_connect_swapped (self->compare_button, "clicked", G_CALLBACK (compare_clicked_cb), self);
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_widget_add_css_class (delete, "destructive-action");
  g_signal_connect_swapped (delete, "clicked", G_CALLBACK (delete_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->file_button);
  gtk_box_append (GTK_BOX (buttons), self->compare_button);
  gtk_box_append (GTK_BOX (buttons), export);
  gtk_box_append (GTK_BOX (buttons), delete);
  gtk_box_append (GTK_BOX (customer_page), buttons);
  gtk_box_append (GTK_BOX (customer_page), boxed_list (&self->fittings));
  {
    AdwPreferencesGroup *details = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
    AdwEntryRow **rows[] = { &self->name_row, &self->birth_row, &self->contact_row, &self->notes_row };
    const char *titles[] = { _("Name"), _("Date of Birth"), _("Contact"), _("Notes") };
    adw_preferences_group_set_title (details, _("Details"));
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        *rows[i] = ADW_ENTRY_ROW (adw_entry_row_new ());
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (*rows[i]), titles[i]);
        g_signal_connect_swapped (*rows[i], "changed", G_CALLBACK (details_changed_cb), self);
        adw_preferences_group_add (details, GTK_WIDGET (*rows[i]));
      }
    gtk_widget_set_margin_top (GTK_WIDGET (details), 12);
    gtk_box_append (GTK_BOX (customer_page), GTK_WIDGET (details));
  }

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_stack_add_named (self->stack, scrolled_page (list_page), "list");
  gtk_stack_add_named (self->stack, scrolled_page (customer_page), "customer");
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
plantar_records_dialog_dispose (GObject *object)
{
  PlantarRecordsDialog *self = PLANTAR_RECORDS_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (plantar_records_dialog_parent_class)->dispose (object);
}

static void
plantar_records_dialog_class_init (PlantarRecordsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_records_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
plantar_records_dialog_init (PlantarRecordsDialog *self)
{
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
                                             "title", _("Customers"),
                                             "default-width", 620,
                                             "default-height", 640,
                                             NULL);

  g_set_weak_pointer (&self->window, window);
  self->records = records;
  build (self);
  plantar_records_dialog_search (self, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
  return self;
}

/* ------------------------------------------------------------ comparing */

typedef struct {
  PlantarFitting *fittings[2];
  double          px_per_mm;
  double          max_kpa;
} Compare;

static void
compare_free (gpointer data)
{
  Compare *c = data;
  g_clear_object (&c->fittings[0]);
  g_clear_object (&c->fittings[1]);
  g_free (c);
}

/* One foot of one visit, drawn at the scale shared by all four, toes up. */
static void
draw_foot (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  Compare *c = g_object_get_data (G_OBJECT (area), "plantar-compare");
  int visit = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "plantar-visit"));
  PlantarSide side = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "plantar-side"));
  PlantarFoot *foot = plantar_fitting_get_shown (c->fittings[visit], side);
  PlantarScan *scan = plantar_fitting_get_shown_scan (c->fittings[visit], side);
  g_autoptr(PlantarMap) map = NULL;
  PlantarMapStyle style;
  double bx, by, bw, bh;
  guint quarter;

  if (foot == NULL || scan == NULL)
    return;
  map = plantar_map_new (scan, foot);
  plantar_map_style_init (&style);
  style.max_kpa = c->max_kpa;
  style.frame = -1;
  style.overlays = PLANTAR_OVERLAY_OUTLINE | PLANTAR_OVERLAY_AXIS | PLANTAR_OVERLAY_THIRDS | PLANTAR_OVERLAY_HEEL;
  plantar_map_get_bounds (map, &bx, &by, &bw, &bh);
  quarter = isfinite (foot->axis_deg) ? (((int) lround (foot->axis_deg / 90.0)) % 4 + 4) % 4 : 0;
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_scale (cr, c->px_per_mm, c->px_per_mm);
  cairo_rotate (cr, -G_PI / 2 * quarter);
  cairo_translate (cr, -(bx + bw / 2), -(by + bh / 2));
  plantar_map_draw (map, cr, &style, c->px_per_mm * gtk_widget_get_scale_factor (GTK_WIDGET (area)));
}

static char *
change_text (const char *key,
             double      a,
             double      b)
{
  const char *format = g_str_has_suffix (key, "_mm") ? "%+.1f mm" : g_str_has_suffix (key, "_kpa") ? "%+.0f kPa"
                       : g_str_has_suffix (key, "_pct") ? "%+.1f %%" : g_str_has_suffix (key, "_deg") ? "%+.1f°" : "%+.3f";
  if (!isfinite (a) || !isfinite (b))
    return g_strdup ("–");
  return g_strdup_printf (format, b - a);
}

GtkWidget *
plantar_compare_window_new (GtkWindow      *parent,
                            PlantarRecords *records,
                            gint64          older,
                            gint64          newer)
{
  static const struct { const char *key; const char *label; } rows[] = {
    { "arch_index", N_("Arch index") }, { "chippaux_smirak", N_("Chippaux-Smirak index") },
    { "clarke_angle_deg", N_("Clarke’s angle") }, { "foot_length_mm", N_("Foot length") },
    { "ball_width_mm", N_("Ball width") }, { "heel_cop_offset_mm", N_("Heel pressure centre") },
    { "heel_peak_kpa", N_("Heel peak pressure") }, { "medial_load_pct", N_("Medial share of load") },
    { "cpei_pct", N_("CPEI") },
  };
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *maps = gtk_grid_new ();
  Compare *c = g_new0 (Compare, 1);
  PlantarFittingRecord *r[2] = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  double fit = G_MAXDOUBLE;

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_title (GTK_WINDOW (window), _("Compare Fittings"));
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 760);
  g_object_set_data_full (G_OBJECT (window), "plantar-compare", c, compare_free);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  for (int v = 0; v < 2; v++)
    {
      r[v] = plantar_records_load_fitting (records, v == 0 ? older : newer, &error);
      c->fittings[v] = r[v] ? plantar_fitting_record_restore (r[v], NULL, &error) : NULL;
      if (c->fittings[v] == NULL)
        {
          g_clear_pointer (&r[0], plantar_fitting_record_free);
          g_clear_pointer (&r[1], plantar_fitting_record_free);
          GtkWidget *status = adw_status_page_new ();
          adw_status_page_set_title (ADW_STATUS_PAGE (status), _("The fittings cannot be compared"));
          adw_status_page_set_description (ADW_STATUS_PAGE (status), error->message);
          gtk_box_append (GTK_BOX (box), status);
          adw_window_set_content (ADW_WINDOW (window), box);
          return window;
        }
    }

  /* one scale for the four feet: lengths and pressures compare */
  for (int v = 0; v < 2; v++)
    for (int s = 0; s < 2; s++)
      {
        PlantarSide side = s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
        PlantarFoot *foot = plantar_fitting_get_shown (c->fittings[v], side);
        PlantarScan *scan = plantar_fitting_get_shown_scan (c->fittings[v], side);
        g_autoptr(PlantarMap) map = NULL;
        double bx, by, bw, bh;
        if (foot == NULL || scan == NULL)
          continue;
        map = plantar_map_new (scan, foot);
        plantar_map_get_bounds (map, &bx, &by, &bw, &bh);
        fit = MIN (fit, MIN (150 / MIN (bw, bh), 300 / MAX (bw, bh)));
        c->max_kpa = MAX (c->max_kpa, plantar_map_get_max_value (map, -1));
      }
  c->px_per_mm = fit < G_MAXDOUBLE ? fit : 1;
  g_object_set_data_full (G_OBJECT (window), "plantar-record-0", r[0], (GDestroyNotify) plantar_fitting_record_free);
  g_object_set_data_full (G_OBJECT (window), "plantar-record-1", r[1], (GDestroyNotify) plantar_fitting_record_free);
  c->max_kpa = c->max_kpa > 0 ? ceil (c->max_kpa / 50) * 50 : 0;

  gtk_grid_set_column_spacing (GTK_GRID (maps), 12);
  gtk_grid_set_row_spacing (GTK_GRID (maps), 6);
  gtk_widget_set_halign (maps, GTK_ALIGN_CENTER);
  for (int v = 0; v < 2; v++)
    {
      g_autofree char *date = format_date (r[v]->created);
      GtkWidget *label = gtk_label_new (date);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (GTK_GRID (maps), label, v * 2, 0, 2, 1);
      for (int s = 0; s < 2; s++)
        {
          GtkWidget *area = gtk_drawing_area_new ();
          gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 150);
          gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 300);
          g_object_set_data (G_OBJECT (area), "plantar-compare", c);
          g_object_set_data (G_OBJECT (area), "plantar-visit", GINT_TO_POINTER (v));
          g_object_set_data (G_OBJECT (area), "plantar-side", GINT_TO_POINTER (s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT));
          gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_foot, NULL, NULL);
          gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          s == 0 ? _("Left foot") : _("Right foot"), -1);
          gtk_grid_attach (GTK_GRID (maps), area, v * 2 + s, 1, 1, 1);
        }
    }
  gtk_box_append (GTK_BOX (page), maps);

  for (int s = 0; s < 2; s++)
    {
      const char *side = s == 0 ? "left" : "right";
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      JsonObject *m[2] = { NULL, NULL };

      adw_preferences_group_set_title (group, s == 0 ? _("Left foot") : _("Right foot"));
      for (int v = 0; v < 2; v++)
        if (r[v]->measurements && JSON_NODE_HOLDS_OBJECT (r[v]->measurements))
          {
            JsonNode *n = json_object_get_member (json_node_get_object (r[v]->measurements), side);
            m[v] = n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
          }
      for (guint k = 0; k < G_N_ELEMENTS (rows); k++)
        {
          JsonNode *a = m[0] ? json_object_get_member (m[0], rows[k].key) : NULL;
          JsonNode *b = m[1] ? json_object_get_member (m[1], rows[k].key) : NULL;
          double va = a && JSON_NODE_HOLDS_VALUE (a) ? json_node_get_double (a) : NAN;
          double vb = b && JSON_NODE_HOLDS_VALUE (b) ? json_node_get_double (b) : NAN;
          GtkWidget *row;
          g_autofree char *values = NULL, *change = NULL;

          if (!isfinite (va) && !isfinite (vb))
            continue;
          row = adw_action_row_new ();
          values = g_strdup_printf ("%.4g → %.4g", va, vb);
          change = change_text (rows[k].key, va, vb);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(rows[k].label));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), values);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (change));
          adw_preferences_group_add (group, row);
        }
      gtk_box_append (GTK_BOX (page), GTK_WIDGET (group));
    }
  gtk_box_append (GTK_BOX (box), scrolled_page (page));
  adw_window_set_content (ADW_WINDOW (window), box);
  return window;
}

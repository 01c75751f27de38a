/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-report-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-report-dialog.h"

/* The questions, the suggestion with its reasons as the answers change,
 * and the report: printed (GtkPrintOperation, with the system's dialog
 * and page setup) or exported as PDF in a worker, drawn by the same code.
 * The questions have a pane of their own beside the suggestion, so that
 * nothing moves under the pointer as the suggestion grows. */

struct _PlantarReportDialog
{
  AdwWindow            parent_instance;

  /* template */
  AdwToastOverlay     *toasts;
  AdwEntryRow         *customer;
  GtkTextView         *notes_view;
  AdwComboRow         *activity;
  GtkSpinButton       *weekly_km;
  GtkSpinButton       *mass;
  AdwExpanderRow      *pain_row;
  AdwComboRow         *shoe;
  AdwComboRow         *detail;
  AdwComboRow         *paper;
  AdwPreferencesGroup *suggestion_group;
  GtkWidget           *left_column;
  GtkWidget           *right_column;
  GtkLabel            *referrals;
  GtkLabel            *caveat;
  GtkWidget           *export_button;

  GtkCheckButton      *pains[PLANTAR_N_PAINS];
  GtkDropDown         *pain_sides[PLANTAR_N_PAINS];   /* both feet, left, right */
  PlantarFitting      *fitting;
  GSettings           *settings;
  PlantarRecords      *records;        /* nullable: the names are looked up there */
  gint64               customer_id;    /* the fitting's, 0 when not filed */
  GtkLabel            *customer_hint;
  PlantarFittingNotes *notes;        /* the records controller's */
  PlantarRules        *rules;
  PlantarThresholds   *thresholds;
  PlantarAdvice       *advice;
  PlantarReport       *printing;
  GCancellable        *cancellable;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (PlantarReportDialog, plantar_report_dialog, ADW_TYPE_WINDOW)

void
plantar_fitting_notes_init (PlantarFittingNotes *notes)
{
  plantar_answers_init (&notes->answers);
  notes->customer = NULL;
  notes->notes = NULL;
  notes->detail = PLANTAR_REPORT_STORE;
}

void
plantar_fitting_notes_clear (PlantarFittingNotes *notes)
{
  plantar_answers_clear (&notes->answers);
  g_clear_pointer (&notes->customer, g_free);
  g_clear_pointer (&notes->notes, g_free);
  notes->detail = PLANTAR_REPORT_STORE;
}

static void
toast (PlantarReportDialog *self,
       const char          *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

/* ------------------------------------------------------------ the suggestion */

static GtkWidget *
label_new (const char *text,
           const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

/* What a foot's suggestion is made of, in lines. */
static char *
suggestion_details (const PlantarFootAdvice *f)
{
  GString *s = g_string_new (NULL);

  if (f->insole_description)
    g_string_append_printf (s, "%s\n", f->insole_description);
  g_string_append_printf (s, "%s\n", f->arch_profile_label);
  g_string_append_printf (s, _("Heel cup: %.0f mm (%s)"), f->heel_cup_mm, f->heel_cup_label);
  for (guint i = 0; i < f->add_ons->len; i++)
    g_string_append_printf (s, "\n+ %s", (char *) g_ptr_array_index (f->add_ons, i));
  for (guint i = 0; i < f->products->len; i++)
    {
      PlantarProduct *p = g_ptr_array_index (f->products, i);
      g_string_append_printf (s, "\n%s%s%s%s%s", p->name, p->code ? " · " : "", p->code ? p->code : "",
                              p->price ? " · " : "", p->price ? p->price : "");
    }
  return g_string_free (s, FALSE);
}

static void
fill_column (GtkWidget               *box,
             PlantarSide              side,
             const PlantarFootAdvice *f)
{
  GtkWidget *child;
  g_autofree char *details = NULL;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);

  gtk_box_append (GTK_BOX (box), label_new (side == PLANTAR_SIDE_LEFT ? _("Left foot") : _("Right foot"), "heading"));
  if (!f->available)
    {
      gtk_box_append (GTK_BOX (box), label_new (_("Not measured"), "dim-label"));
      return;
    }
  gtk_box_append (GTK_BOX (box), label_new (f->insole_label, "title-3"));
  details = suggestion_details (f);
  gtk_box_append (GTK_BOX (box), label_new (details, NULL));
  for (guint i = 0; i < f->reasons->len; i++)
    {
      PlantarReason *r = g_ptr_array_index (f->reasons, i);
      g_autofree char *text = NULL;
      GtkWidget *label;

      /* a reason to see someone is said once, in the box below */
      if (r->refer)
        continue;
      text = g_strdup_printf ("• %s", r->text);
      label = label_new (text, "dim-label");
      if (r->source != NULL)
        gtk_widget_set_tooltip_text (label, r->source);
      gtk_box_append (GTK_BOX (box), label);
    }
}

static void
read_answers (PlantarReportDialog *self)
{
  PlantarAnswers *a = &self->notes->answers;
  guint activity = adw_combo_row_get_selected (self->activity);
  guint shoe = adw_combo_row_get_selected (self->shoe);
  const char * const *activities = plantar_answer_choices ("activity");
  const char * const *shoes = plantar_answer_choices ("shoe");
  double km = gtk_spin_button_get_value (self->weekly_km), kg = gtk_spin_button_get_value (self->mass);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  if (self->loading)
    return;
  g_clear_pointer (&a->activity, g_free);
  g_clear_pointer (&a->shoe, g_free);
  /* the first choice of each list is "Not asked" */
  if (activity > 0 && activity != GTK_INVALID_LIST_POSITION)
    a->activity = g_strdup (activities[activity - 1]);
  if (shoe > 0 && shoe != GTK_INVALID_LIST_POSITION)
    a->shoe = g_strdup (shoes[shoe - 1]);
  a->weekly_km = km > 0 ? km : NAN;
  a->body_mass_kg = kg > 0 ? kg : NAN;
  a->pain = a->pain_left = a->pain_right = 0;
  for (guint i = 0; i < PLANTAR_N_PAINS; i++)
    {
      guint side = gtk_drop_down_get_selected (self->pain_sides[i]);
      gboolean on = gtk_check_button_get_active (self->pains[i]);
      gtk_widget_set_visible (GTK_WIDGET (self->pain_sides[i]), on);
      if (!on)
        continue;
      a->pain |= 1u << i;
      if (side == 1)
        a->pain_left |= 1u << i;
      else if (side == 2)
        a->pain_right |= 1u << i;
    }

  g_free (self->notes->customer);
  self->notes->customer = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->customer)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (self->notes->notes);
  self->notes->notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  self->notes->detail = adw_combo_row_get_selected (self->detail) == 1 ? PLANTAR_REPORT_CLINIC : PLANTAR_REPORT_STORE;
}

static void
update (PlantarReportDialog *self)
{
  read_answers (self);
  g_clear_pointer (&self->advice, plantar_advice_free);
  self->advice = plantar_rules_suggest_fitting (self->rules, self->fitting, &self->notes->answers, self->thresholds);
  fill_column (self->left_column, PLANTAR_SIDE_LEFT, &self->advice->left);
  fill_column (self->right_column, PLANTAR_SIDE_RIGHT, &self->advice->right);
  if (self->advice->referrals->len > 0)
    {
      GString *s = g_string_new (_("Worth an assessment by a podiatrist or a physiotherapist:"));
      for (guint i = 0; i < self->advice->referrals->len; i++)
        g_string_append_printf (s, "\n• %s", (char *) g_ptr_array_index (self->advice->referrals, i));
      gtk_label_set_text (self->referrals, s->str);
      g_string_free (s, TRUE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->referrals), self->advice->referrals->len > 0);
  gtk_label_set_text (self->caveat, self->advice->caveat);
}

static void
changed_cb (PlantarReportDialog *self)
{
  if (!self->loading)
    update (self);
}

/* Whose the name typed is: this fitting's customer, another one of the
 * records, or a new one that the fitting is filed under on closing. */
static void
update_customer_hint (PlantarReportDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->customer))));
  g_autofree char *text = NULL;
  gint64 id;

  if (self->records == NULL || *name == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->customer_hint), FALSE);
      return;
    }
  id = plantar_records_find_customer (self->records, name, NULL);
  if (id > 0 && id == self->customer_id)
    text = g_strdup (_("This fitting’s customer"));
  else if (id > 0)
    {
      g_autoptr(PlantarCustomer) c = plantar_records_get_customer (self->records, id, NULL);
      guint n = c ? c->n_fittings : 0;
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Existing customer, %u fitting",
                                           "Existing customer, %u fittings", n), n);
    }
  else
    text = g_strdup (_("New customer"));
  gtk_label_set_text (self->customer_hint, text);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_hint), TRUE);
}

static void
text_changed_cb (PlantarReportDialog *self)
{
  read_answers (self);
  update_customer_hint (self);
}

void
plantar_report_dialog_set_records (PlantarReportDialog *self,
                                   PlantarRecords      *records,
                                   gint64               customer_id)
{
  g_return_if_fail (PLANTAR_IS_REPORT_DIALOG (self));
  self->records = records;
  self->customer_id = customer_id;
  update_customer_hint (self);
}

const char *
plantar_report_dialog_get_customer_hint (PlantarReportDialog *self)
{
  g_return_val_if_fail (PLANTAR_IS_REPORT_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->customer_hint)) ? gtk_label_get_text (self->customer_hint) : NULL;
}

/* ------------------------------------------------------------ the report */

static void
report_info (PlantarReportDialog *self,
             PlantarReportInfo   *info,
             GStrv                strings)
{
  g_autofree char *unit = g_settings_get_string (self->settings, "length-unit");
  g_autofree char *colormap = g_settings_get_string (self->settings, "colormap");

  /* @strings keeps the settings' texts alive as long as @info */
  strings[0] = g_settings_get_string (self->settings, "shop-name");
  strings[1] = g_settings_get_string (self->settings, "shop-address");
  strings[2] = g_settings_get_string (self->settings, "shop-logo");
  strings[3] = g_settings_get_string (self->settings, "fitter");
  plantar_report_info_init (info);
  info->shop_name = strings[0];
  info->shop_address = strings[1];
  info->shop_logo = strings[2];
  info->fitter = strings[3];
  info->customer = self->notes->customer;
  info->notes = self->notes->notes;
  info->detail = self->notes->detail;
  info->unit = g_str_equal (unit, "inch") ? PLANTAR_LENGTH_INCH : PLANTAR_LENGTH_MM;
  info->shoe_allowance_mm = g_settings_get_double (self->settings, "shoe-allowance");
  info->colormap = plantar_colormap_from_string (colormap);
  info->max_kpa = g_settings_get_double (self->settings, "scale-max");
  info->body_mass_kg = self->notes->answers.body_mass_kg;
}

PlantarReport *
plantar_report_dialog_build_report (PlantarReportDialog *self,
                                    GError             **error)
{
  g_auto(GStrv) strings = g_new0 (char *, 5);
  PlantarReportInfo info;

  update (self);
  report_info (self, &info, strings);
  return plantar_report_new (self->fitting, self->advice, self->thresholds, &info, error);
}

static PlantarPaper
chosen_paper (PlantarReportDialog *self)
{
  return adw_combo_row_get_selected (self->paper) == 1 ? PLANTAR_PAPER_LETTER : PLANTAR_PAPER_A4;
}

/**
 * plantar_report_dialog_export_async:
 *
 * Writes the report as a PDF in a worker, as the Export button does.
 */
void
plantar_report_dialog_export_async (PlantarReportDialog *self,
                                    const char          *path,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_auto(GStrv) strings = g_new0 (char *, 5);
  PlantarReportInfo info;

  update (self);
  report_info (self, &info, strings);
  plantar_report_write_pdf_async (self->fitting, self->rules, &self->notes->answers, self->thresholds, &info,
                                  chosen_paper (self), path, self->cancellable, callback, user_data);
}

gboolean
plantar_report_dialog_export_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return plantar_report_write_pdf_finish (result, error);
}

typedef struct {
  PlantarReportDialog *self;
  char                *name;
} Export;

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;

  if (!plantar_report_dialog_export_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (export->self, error->message);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), export->name);
      toast (export->self, text);
    }
  gtk_widget_set_sensitive (export->self->export_button, TRUE);
  g_object_unref (export->self);
  g_free (export->name);
  g_free (export);
}

static void
export_response_cb (GtkNativeDialog     *chooser,
                    int                  response,
                    PlantarReportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      if (path == NULL)
        toast (self, _("The report can only be saved to a local file"));
      else
        {
          Export *export = g_new0 (Export, 1);
          export->self = g_object_ref (self);
          export->name = g_file_get_basename (file);
          gtk_widget_set_sensitive (self->export_button, FALSE);
          plantar_report_dialog_export_async (self, path, exported_cb, export);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_clicked_cb (PlantarReportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  read_answers (self);
  /* TRANSLATORS: the file name of a report: "Fitting report, Jane Runner, 2026-11-22.pdf" */
  name = self->notes->customer && *self->notes->customer
         ? g_strdup_printf (_("Fitting report, %s, %s.pdf"), self->notes->customer, date)
         : g_strdup_printf (_("Fitting report, %s.pdf"), date);
  g_strdelimit (name, "/\\", '-');
  chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
begin_print_cb (GtkPrintOperation   *operation,
                GtkPrintContext     *context,
                PlantarReportDialog *self)
{
  guint pages = plantar_report_paginate (self->printing, gtk_print_context_get_width (context),
                                         gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, pages);
}

static void
draw_page_cb (GtkPrintOperation   *operation,
              GtkPrintContext     *context,
              int                  page,
              PlantarReportDialog *self)
{
  plantar_report_draw_page (self->printing, gtk_print_context_get_cairo_context (context), page);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               PlantarReportDialog     *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      gtk_print_operation_get_error (operation, &error);
      toast (self, error ? error->message : _("The report could not be printed"));
    }
  g_clear_pointer (&self->printing, plantar_report_free);
}

/**
 * plantar_report_dialog_print:
 * @export_path: (nullable): for %GTK_PRINT_OPERATION_ACTION_EXPORT, the PDF
 *
 * Prints the report as the Print button does (with the system's dialog),
 * or exports it through the same print operation.
 */
void
plantar_report_dialog_print (PlantarReportDialog     *self,
                             GtkPrintOperationAction  action,
                             const char              *export_path)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (chosen_paper (self) == PLANTAR_PAPER_LETTER
                                                      ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;

  if (self->printing != NULL)
    return;
  self->printing = plantar_report_dialog_build_report (self, &error);
  if (self->printing == NULL)
    {
      toast (self, error->message);
      return;
    }
  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* the report keeps its own margins, wider than a printer's */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Fitting report"));
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  gtk_print_operation_set_allow_async (operation, action != GTK_PRINT_OPERATION_ACTION_EXPORT);
  if (gtk_print_operation_run (operation, action, GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (self, error->message);
  if (action == GTK_PRINT_OPERATION_ACTION_EXPORT || error != NULL)
    g_clear_pointer (&self->printing, plantar_report_free);
}

static void
print_clicked_cb (PlantarReportDialog *self)
{
  plantar_report_dialog_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}

/* ------------------------------------------------------------ building */

static void
set_choices (AdwComboRow        *row,
             const char         *first,
             const char         *question,
             const char * const *choices)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (list, question ? plantar_answer_choice_label (question, choices[i]) : _(choices[i]));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

/* The pains the rules know, a check each. */
static void
add_pains (PlantarReportDialog *self)
{
  const char * const *pains = plantar_answer_choices ("pain");

  for (guint i = 0; i < PLANTAR_N_PAINS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *side;
      const char *label = plantar_pain_get_label (plantar_pain_from_string (pains[i]));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->pain_row, row);
      self->pains[i] = GTK_CHECK_BUTTON (check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);

      /* which foot: the rules suggest for each foot by its own pains */
      side = gtk_drop_down_new_from_strings ((const char *[]) { _("Both feet"), _("Left foot"), _("Right foot"), NULL });
      {
        /* TRANSLATORS: the side of a pain, for a screen reader: "Heel pain: which foot" */
        g_autofree char *name = g_strdup_printf (_("%s: which foot"), label);
        gtk_accessible_update_property (GTK_ACCESSIBLE (side), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      }
      gtk_widget_set_valign (side, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (side, FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), side);
      self->pain_sides[i] = GTK_DROP_DOWN (side);
      g_signal_connect_object (side, "notify::selected", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
    }
}

static int
index_of (const char * const *choices,
          const char         *value)
{
  for (int i = 0; value && choices[i]; i++)
    if (g_str_equal (choices[i], value))
      return i;
  return -1;
}

static void
load_notes (PlantarReportDialog *self)
{
  const PlantarAnswers *a = &self->notes->answers;
  int activity = index_of (plantar_answer_choices ("activity"), a->activity);
  int shoe = index_of (plantar_answer_choices ("shoe"), a->shoe);
  g_autofree char *customer = g_strdup (self->notes->customer);
  g_autofree char *notes = g_strdup (self->notes->notes);
  PlantarPain pain = a->pain;
  PlantarReportDetail detail = self->notes->detail;

  self->loading = TRUE;
  adw_combo_row_set_selected (self->activity, activity + 1);
  adw_combo_row_set_selected (self->shoe, shoe + 1);
  gtk_spin_button_set_value (self->weekly_km, isfinite (a->weekly_km) ? a->weekly_km : 0);
  gtk_spin_button_set_value (self->mass, isfinite (a->body_mass_kg) ? a->body_mass_kg : 0);
  for (guint i = 0; i < PLANTAR_N_PAINS; i++)
    {
      gtk_check_button_set_active (self->pains[i], (pain & (1u << i)) != 0);
      gtk_drop_down_set_selected (self->pain_sides[i], a->pain_left & (1u << i) ? 1 : a->pain_right & (1u << i) ? 2 : 0);
      gtk_widget_set_visible (GTK_WIDGET (self->pain_sides[i]), (pain & (1u << i)) != 0);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->customer), customer ? customer : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);
  adw_combo_row_set_selected (self->detail, detail == PLANTAR_REPORT_CLINIC ? 1 : 0);
  /* Letter where the locale's paper is */
  adw_combo_row_set_selected (self->paper, g_str_equal (gtk_paper_size_get_default (), GTK_PAPER_NAME_LETTER) ? 1 : 0);
  self->loading = FALSE;
}

static void
plantar_report_dialog_dispose (GObject *object)
{
  PlantarReportDialog *self = PLANTAR_REPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_REPORT_DIALOG);
  g_clear_object (&self->fitting);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (plantar_report_dialog_parent_class)->dispose (object);
}

static void
plantar_report_dialog_finalize (GObject *object)
{
  PlantarReportDialog *self = PLANTAR_REPORT_DIALOG (object);

  g_clear_pointer (&self->rules, plantar_rules_unref);
  g_clear_pointer (&self->thresholds, plantar_thresholds_unref);
  g_clear_pointer (&self->advice, plantar_advice_free);
  g_clear_pointer (&self->printing, plantar_report_free);
  G_OBJECT_CLASS (plantar_report_dialog_parent_class)->finalize (object);
}

static void
plantar_report_dialog_class_init (PlantarReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_report_dialog_dispose;
  object_class->finalize = plantar_report_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, customer);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, activity);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, weekly_km);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, mass);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, pain_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, shoe);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, detail);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, paper);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, suggestion_group);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, left_column);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, right_column);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, referrals);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, caveat);
  gtk_widget_class_bind_template_child (widget_class, PlantarReportDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
plantar_report_dialog_init (PlantarReportDialog *self)
{
  const char * const details[] = { N_("Store: one page"), N_("Clinic: every measure"), NULL };
  const char * const papers[] = { N_("A4"), N_("US Letter"), NULL };

  /* the template's signals fire as it is built: nothing is read till it is */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  set_choices (self->activity, _("Not asked"), "activity", plantar_answer_choices ("activity"));
  set_choices (self->shoe, _("Not asked"), "shoe", plantar_answer_choices ("shoe"));
  set_choices (self->detail, NULL, NULL, details);
  set_choices (self->paper, NULL, NULL, papers);
  add_pains (self);
}

/**
 * plantar_report_dialog_new:
 * @notes: the fitting's, written as the fitter types
 */
PlantarReportDialog *
plantar_report_dialog_new (GtkWindow           *parent,
                           PlantarFitting      *fitting,
                           GSettings           *settings,
                           PlantarFittingNotes *notes)
{
  PlantarReportDialog *self = g_object_new (PLANTAR_TYPE_REPORT_DIALOG,
                                            "transient-for", parent,
                                            "modal", TRUE,
                                            "destroy-with-parent", TRUE,
                                            NULL);
  g_autoptr(GError) warning = NULL;

  self->fitting = g_object_ref (fitting);
  self->settings = g_object_ref (settings);
  self->notes = notes;
  self->rules = plantar_rules_get_default (&warning);
  if (warning != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Your rules file is not used: %s. These are Plantar’s own rules."),
                                               warning->message);
      adw_preferences_group_set_description (self->suggestion_group, text);
    }
  self->thresholds = plantar_thresholds_get_default ();
  self->customer_hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->customer_hint), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->customer_hint), "dim-label");
  gtk_label_set_ellipsize (self->customer_hint, PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_hint), FALSE);
  adw_entry_row_add_suffix (self->customer, GTK_WIDGET (self->customer_hint));
  load_notes (self);
  update (self);
  return self;
}

const PlantarAdvice *
plantar_report_dialog_get_advice (PlantarReportDialog *self)
{
  return self->advice;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-report-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-report-dialog.h"

/* The questions, the suggestion with its reasons as the answers change,
 * and the report: printed (GtkPrintOperation, with the system's dialog
 * and page setup) or exported as PDF, drawn by the same code. */

struct _PlantarReportDialog
{
  AdwWindow            parent_instance;

  PlantarFitting      *fitting;
  GSettings           *settings;
  PlantarFittingNotes *notes;        /* the window's */
  PlantarRules        *rules;
  PlantarThresholds   *thresholds;
  PlantarAdvice       *advice;
  char                *rules_warning;

  AdwToastOverlay     *toasts;
  AdwEntryRow         *customer;
  GtkTextView         *notes_view;
  AdwComboRow         *activity;
  GtkSpinButton       *weekly_km;
  GtkSpinButton       *mass;
  GtkCheckButton      *pains[PLANTAR_N_PAINS];
  AdwComboRow         *shoe;
  AdwComboRow         *detail;
  AdwComboRow         *paper;
  GtkWidget           *columns[2];   /* the suggestion of each foot */
  GtkLabel            *referrals;
  GtkLabel            *caveat;
  PlantarReport       *printing;
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

static void
fill_column (PlantarReportDialog     *self,
             GtkWidget               *box,
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
    details = g_string_free (s, FALSE);
  }
  gtk_box_append (GTK_BOX (box), label_new (details, NULL));
  for (guint i = 0; i < f->reasons->len; i++)
    {
      PlantarReason *r = g_ptr_array_index (f->reasons, i);
      g_autofree char *text = g_strdup_printf ("• %s", r->text);
      GtkWidget *label = label_new (text, "dim-label");
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

  g_clear_pointer (&a->activity, g_free);
  g_clear_pointer (&a->shoe, g_free);
  /* the first choice of each list is "Not asked" */
  if (activity > 0 && activity != GTK_INVALID_LIST_POSITION)
    a->activity = g_strdup (activities[activity - 1]);
  if (shoe > 0 && shoe != GTK_INVALID_LIST_POSITION)
    a->shoe = g_strdup (shoes[shoe - 1]);
  a->weekly_km = km > 0 ? km : NAN;
  a->body_mass_kg = kg > 0 ? kg : NAN;
  a->pain = 0;
  for (guint i = 0; i < PLANTAR_N_PAINS; i++)
    if (gtk_check_button_get_active (self->pains[i]))
      a->pain |= 1u << i;

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
  self->advice = plantar_rules_suggest (self->rules,
                                        plantar_fitting_get_foot (self->fitting, PLANTAR_SIDE_LEFT),
                                        plantar_fitting_get_foot (self->fitting, PLANTAR_SIDE_RIGHT),
                                        &self->notes->answers, self->thresholds);
  fill_column (self, self->columns[0], PLANTAR_SIDE_LEFT, &self->advice->left);
  fill_column (self, self->columns[1], PLANTAR_SIDE_RIGHT, &self->advice->right);
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
  update (self);
}

/* ------------------------------------------------------------ the report */

PlantarReport *
plantar_report_dialog_build_report (PlantarReportDialog *self,
                                    GError             **error)
{
  g_autofree char *shop = g_settings_get_string (self->settings, "shop-name");
  g_autofree char *address = g_settings_get_string (self->settings, "shop-address");
  g_autofree char *logo = g_settings_get_string (self->settings, "shop-logo");
  g_autofree char *fitter = g_settings_get_string (self->settings, "fitter");
  g_autofree char *unit = g_settings_get_string (self->settings, "length-unit");
  g_autofree char *colormap = g_settings_get_string (self->settings, "colormap");
  PlantarReportInfo info;

  update (self);
  plantar_report_info_init (&info);
  info.shop_name = shop;
  info.shop_address = address;
  info.shop_logo = logo;
  info.fitter = fitter;
  info.customer = self->notes->customer;
  info.notes = self->notes->notes;
  info.detail = self->notes->detail;
  info.unit = g_str_equal (unit, "inch") ? PLANTAR_LENGTH_INCH : PLANTAR_LENGTH_MM;
  info.shoe_allowance_mm = g_settings_get_double (self->settings, "shoe-allowance");
  info.colormap = plantar_colormap_from_string (colormap);
  info.max_kpa = g_settings_get_double (self->settings, "scale-max");
  return plantar_report_new (self->fitting, self->advice, self->thresholds, &info, error);
}

static PlantarPaper
chosen_paper (PlantarReportDialog *self)
{
  return adw_combo_row_get_selected (self->paper) == 1 ? PLANTAR_PAPER_LETTER : PLANTAR_PAPER_A4;
}

gboolean
plantar_report_dialog_export (PlantarReportDialog *self,
                              const char          *path,
                              GError             **error)
{
  g_autoptr(PlantarReport) report = plantar_report_dialog_build_report (self, error);

  return report != NULL && plantar_report_write_pdf (report, chosen_paper (self), path, error);
}

static void
toast (PlantarReportDialog *self,
       const char          *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static void
export_response_cb (GtkNativeDialog     *chooser,
                    int                  response,
                    PlantarReportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      if (path == NULL || !plantar_report_dialog_export (self, path, &error))
        toast (self, error ? error->message : _("The report can only be saved to a local file"));
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);
          toast (self, text);
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
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
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
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), self);
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

static AdwComboRow *
combo_row (const char          *title,
           const char          *first,
           const char          *question,
           const char * const  *choices)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (list, question ? plantar_answer_choice_label (question, choices[i]) : _(choices[i]));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_unref (list);
  return row;
}

static GtkSpinButton *
spin_row (AdwPreferencesGroup *group,
          const char          *title,
          const char          *subtitle,
          double               max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
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
build (PlantarReportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *print = gtk_button_new_with_mnemonic (_("_Print…"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export PDF…"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *pair = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  AdwPreferencesGroup *group;
  GtkWidget *frame, *row;
  const char * const details[] = { N_("For the customer, one page"), N_("For the clinic, every measurement"), NULL };
  const char * const papers[] = { N_("A4"), N_("US Letter"), NULL };
  const char * const *pains = plantar_answer_choices ("pain");

  gtk_widget_add_css_class (print, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), print);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  g_signal_connect_swapped (print, "clicked", G_CALLBACK (print_clicked_cb), self);
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), header);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_toast_overlay_set_child (self->toasts, scrolled);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 24);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);

  /* the suggestion first: it is what the customer asks */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Suggestion"));
  if (self->rules_warning != NULL)
    adw_preferences_group_set_description (group, self->rules_warning);
  for (int s = 0; s < 2; s++)
    {
      self->columns[s] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_hexpand (self->columns[s], TRUE);
      gtk_widget_set_size_request (self->columns[s], 200, -1);
      gtk_box_append (GTK_BOX (pair), self->columns[s]);
    }
  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_set_margin_top (pair, 12);
  gtk_widget_set_margin_bottom (pair, 12);
  gtk_widget_set_margin_start (pair, 12);
  gtk_widget_set_margin_end (pair, 12);
  gtk_frame_set_child (GTK_FRAME (frame), pair);
  adw_preferences_group_add (group, frame);
  self->referrals = GTK_LABEL (label_new (NULL, "warning"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->referrals), 12);
  adw_preferences_group_add (group, GTK_WIDGET (self->referrals));
  self->caveat = GTK_LABEL (label_new (NULL, "caption"));
  gtk_widget_add_css_class (GTK_WIDGET (self->caveat), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->caveat), 12);
  adw_preferences_group_add (group, GTK_WIDGET (self->caveat));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (group));

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Questions"));
  adw_preferences_group_set_description (group, _("What the customer says changes the suggestion"));
  self->activity = combo_row (_("Activity"), _("Not asked"), "activity", plantar_answer_choices ("activity"));
  adw_preferences_group_add (group, GTK_WIDGET (self->activity));
  self->weekly_km = spin_row (group, _("Distance a Week"), _("Kilometres walked or run; 0 when not asked"), 400);
  self->mass = spin_row (group, _("Body Mass"), _("Kilograms; 0 when not asked"), 300);
  self->shoe = combo_row (_("Shoes"), _("Not asked"), "shoe", plantar_answer_choices ("shoe"));
  adw_preferences_group_add (group, GTK_WIDGET (self->shoe));
  row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Where It Hurts"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Pain in the knees or the back suggests an assessment"));
  for (guint i = 0; i < PLANTAR_N_PAINS; i++)
    {
      GtkWidget *pain_row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *label = plantar_pain_get_label (plantar_pain_from_string (pains[i]));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pain_row), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (pain_row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (pain_row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), pain_row);
      self->pains[i] = GTK_CHECK_BUTTON (check);
    }
  adw_preferences_group_add (group, row);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (group));

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Report"));
  adw_preferences_group_set_description (group, _("The shop’s name, address and logo and who fitted come from Preferences"));
  self->customer = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->customer), _("Customer or Patient"));
  adw_preferences_group_add (group, GTK_WIDGET (self->customer));
  self->detail = combo_row (_("Detail"), NULL, NULL, details);
  adw_preferences_group_add (group, GTK_WIDGET (self->detail));
  self->paper = combo_row (_("Paper for PDF"), NULL, NULL, papers);
  adw_preferences_group_add (group, GTK_WIDGET (self->paper));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (group));

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Notes"));
  adw_preferences_group_set_description (group, _("Printed on the report"));
  self->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->notes_view, 8);
  gtk_text_view_set_bottom_margin (self->notes_view, 8);
  gtk_text_view_set_left_margin (self->notes_view, 8);
  gtk_text_view_set_right_margin (self->notes_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (self->notes_view), -1, 90);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"), -1);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->notes_view));
  adw_preferences_group_add (group, frame);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (group));

  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
load_notes (PlantarReportDialog *self)
{
  const PlantarAnswers *a = &self->notes->answers;
  int activity = index_of (plantar_answer_choices ("activity"), a->activity);
  int shoe = index_of (plantar_answer_choices ("shoe"), a->shoe);

  adw_combo_row_set_selected (self->activity, activity + 1);
  adw_combo_row_set_selected (self->shoe, shoe + 1);
  gtk_spin_button_set_value (self->weekly_km, isfinite (a->weekly_km) ? a->weekly_km : 0);
  gtk_spin_button_set_value (self->mass, isfinite (a->body_mass_kg) ? a->body_mass_kg : 0);
  for (guint i = 0; i < PLANTAR_N_PAINS; i++)
    gtk_check_button_set_active (self->pains[i], (a->pain & (1u << i)) != 0);
  gtk_editable_set_text (GTK_EDITABLE (self->customer), self->notes->customer ? self->notes->customer : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), self->notes->notes ? self->notes->notes : "", -1);
  adw_combo_row_set_selected (self->detail, self->notes->detail == PLANTAR_REPORT_CLINIC ? 1 : 0);
  /* Letter where the locale's paper is */
  adw_combo_row_set_selected (self->paper, g_str_equal (gtk_paper_size_get_default (), GTK_PAPER_NAME_LETTER) ? 1 : 0);
}

static void
connect_changes (PlantarReportDialog *self)
{
  g_signal_connect_swapped (self->activity, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->shoe, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->detail, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->weekly_km, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->mass, "value-changed", G_CALLBACK (changed_cb), self);
  for (guint i = 0; i < PLANTAR_N_PAINS; i++)
    g_signal_connect_swapped (self->pains[i], "toggled", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->customer, "changed", G_CALLBACK (read_answers), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed", G_CALLBACK (read_answers), self);
}

static void
plantar_report_dialog_dispose (GObject *object)
{
  PlantarReportDialog *self = PLANTAR_REPORT_DIALOG (object);

  g_clear_object (&self->fitting);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rules, plantar_rules_unref);
  g_clear_pointer (&self->thresholds, plantar_thresholds_unref);
  g_clear_pointer (&self->advice, plantar_advice_free);
  g_clear_pointer (&self->printing, plantar_report_free);
  g_clear_pointer (&self->rules_warning, g_free);
  G_OBJECT_CLASS (plantar_report_dialog_parent_class)->dispose (object);
}

static void
plantar_report_dialog_class_init (PlantarReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_report_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
plantar_report_dialog_init (PlantarReportDialog *self)
{
}

/**
 * plantar_report_dialog_new:
 * @notes: the window's, written as the fitter types
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
                                            "title", _("Fitting Report"),
                                            "default-width", 760,
                                            "default-height", 720,
                                            NULL);
  g_autoptr(GError) warning = NULL;

  self->fitting = g_object_ref (fitting);
  self->settings = g_object_ref (settings);
  self->notes = notes;
  self->rules = plantar_rules_get_default (&warning);
  if (warning != NULL)
    self->rules_warning = g_strdup_printf (_("Your rules file is not used: %s. These are Plantar’s own rules."),
                                           warning->message);
  self->thresholds = plantar_thresholds_get_default ();
  build (self);
  load_notes (self);
  connect_changes (self);
  update (self);
  return self;
}

const PlantarAdvice *
plantar_report_dialog_get_advice (PlantarReportDialog *self)
{
  return self->advice;
}

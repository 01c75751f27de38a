/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "plantar-gui-util.h"
#include "plantar-products-page.h"
#include "plantar-products.h"
#include "plantar-report-dialog.h"
#include "plantar-test-util.h"

/* The report dialog: questions, the suggestion as they change, and the
 * report exported and printed. */

static PlantarReportDialog *
open_dialog (PlantarWindow *window)
{
  PlantarReportDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.report", NULL);
  dialog = PLANTAR_REPORT_DIALOG (plantar_gui_find_toplevel (PLANTAR_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  plantar_gui_wait_painted (GTK_WIDGET (dialog));
  return dialog;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, NULL,
                               &error));
  g_assert_no_error (error);
  return text;
}

/* Heel pain asks for a deeper heel cup. */
static void
test_suggestion_follows_answers (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarReportDialog *dialog = open_dialog (window);
  GtkWidget *heel;

  g_assert_cmpstr (plantar_report_dialog_get_advice (dialog)->left.heel_cup, ==, "standard");
  g_assert_cmpstr (plantar_report_dialog_get_advice (dialog)->right.insole, ==, "structured-orthotic");
  heel = plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, "Heel");
  g_assert_nonnull (heel);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (heel), TRUE);
  g_assert_cmpstr (plantar_report_dialog_get_advice (dialog)->left.heel_cup, ==, "deep");
  g_assert_cmpstr (plantar_report_dialog_get_advice (dialog)->right.heel_cup, ==, "extra-deep");

  /* only the left heel hurts: the right foot's suggestion goes back, and
   * the side chooser beside the pain shows only once it is ticked */
  {
    GtkWidget *row = gtk_widget_get_ancestor (heel, ADW_TYPE_ACTION_ROW);
    GtkWidget *side = plantar_gui_find_widget (row, GTK_TYPE_DROP_DOWN, NULL);
    GtkWidget *arch = plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, "Arch");
    GtkWidget *arch_side = plantar_gui_find_widget (gtk_widget_get_ancestor (arch, ADW_TYPE_ACTION_ROW),
                                                    GTK_TYPE_DROP_DOWN, NULL);
    const PlantarAdvice *advice;
    gboolean right_heel_pain = FALSE;

    g_assert_true (gtk_widget_get_visible (side));
    g_assert_false (gtk_widget_get_visible (arch_side));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (side), 1);
    advice = plantar_report_dialog_get_advice (dialog);
    g_assert_cmpstr (advice->left.heel_cup, ==, "deep");
    for (guint i = 0; i < advice->right.reasons->len; i++)
      right_heel_pain |= g_str_equal (((PlantarReason *) g_ptr_array_index (advice->right.reasons, i))->rule, "heel-pain");
    g_assert_false (right_heel_pain);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  plantar_gui_destroy (window);
}

/* A question's place on the screen does not move when the suggestion
 * beside it grows: a click meant for it lands on it. */
static void
test_questions_stay_put (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarReportDialog *dialog = open_dialog (window);
  GtkWidget *shoes = plantar_gui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Shoes");
  GtkWidget *knee = plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, "Knee");
  GtkWidget *pains = plantar_gui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_EXPANDER_ROW, "Where It Hurts");
  graphene_point_t before, after;

  g_assert_nonnull (shoes);
  g_assert_nonnull (knee);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (pains), TRUE);
  plantar_gui_wait_painted (GTK_WIDGET (dialog));
  g_assert_true (gtk_widget_compute_point (shoes, GTK_WIDGET (dialog), &GRAPHENE_POINT_INIT (0, 0), &before));
  /* knee pain adds a referral to the suggestion */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (knee), TRUE);
  g_assert_cmpuint (plantar_report_dialog_get_advice (dialog)->referrals->len, >, 0);
  plantar_gui_wait_painted (GTK_WIDGET (dialog));
  g_assert_true (gtk_widget_compute_point (shoes, GTK_WIDGET (dialog), &GRAPHENE_POINT_INIT (0, 0), &after));
  g_assert_cmpfloat (after.x, ==, before.x);
  g_assert_cmpfloat (after.y, ==, before.y);
  gtk_window_destroy (GTK_WINDOW (dialog));
  plantar_gui_destroy (window);
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Exported;

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Exported *exported = user_data;

  exported->ok = plantar_report_dialog_export_finish (result, &exported->error);
  exported->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Exported *) data)->done;
}

/* Exported in a worker: the PDF carries the customer's name and the
 * answers. */
static void
test_export_pdf (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarReportDialog *dialog = open_dialog (window);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  Exported result = { FALSE, FALSE, NULL };

  gtk_check_button_set_active (GTK_CHECK_BUTTON (plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON,
                                                                          "Heel")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (plantar_gui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                                "Customer or Patient")), "Jo Tester");
  plantar_report_dialog_export_async (dialog, pdf, exported_cb, &result);
  plantar_gui_wait_for (is_done, &result, "the PDF");
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Jo Tester"));
  g_assert_nonnull (strstr (text, "Pain at the heel"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* The printer's path: the same pages through GtkPrintOperation. */
static void
test_print_export (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarReportDialog *dialog = open_dialog (window);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *text = NULL;

  gtk_editable_set_text (GTK_EDITABLE (plantar_gui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                                "Customer or Patient")), "Jo Tester");
  plantar_report_dialog_print (dialog, GTK_PRINT_OPERATION_ACTION_EXPORT, printed);
  g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));
  text = pdf_text (printed);
  g_assert_nonnull (strstr (text, "Jo Tester"));
  g_assert_nonnull (strstr (text, "Neutral support insole"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  plantar_test_rm_rf (dir);
  plantar_gui_destroy (window);
}

/* Closed and opened again: as it was left. */
static void
test_keeps_answers (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarReportDialog *dialog = open_dialog (window);
  GtkWidget *customer;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (plantar_gui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON,
                                                                          "Heel")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (plantar_gui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                                "Customer or Patient")), "Jo Tester");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = open_dialog (window);
  customer = plantar_gui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Customer or Patient");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (customer)), ==, "Jo Tester");
  g_assert_cmpstr (plantar_report_dialog_get_advice (dialog)->left.heel_cup, ==, "deep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  plantar_gui_destroy (window);
}

/* Preferences → Products: a product added and named is written into the
 * shop's rules file, and the suggestion it suits lists it; one the rules
 * cannot read is refused with the reason, the file kept. */
static void
test_products_page (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "rules.json", NULL);
  GtkWidget *page = g_object_ref_sink (plantar_products_page_new (path));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *name, *suits;
  g_autoptr(PlantarRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) targets = plantar_rules_get_product_targets (plantar_rules_get_builtin ());
  guint stability = 0;

  gtk_window_set_child (GTK_WINDOW (window), page);
  plantar_products_page_add (PLANTAR_PRODUCTS_PAGE (page));
  name = plantar_gui_find_widget (page, ADW_TYPE_ENTRY_ROW, "Name");
  suits = plantar_gui_find_widget (page, ADW_TYPE_COMBO_ROW, "Suits");
  g_assert_nonnull (name);
  g_assert_nonnull (suits);
  for (guint i = 0; i < targets->len; i++)
    if (g_str_equal (g_array_index (targets, PlantarProductTarget, i).id, "structured-orthotic"))
      stability = i;
  gtk_editable_set_text (GTK_EDITABLE (name), "Clinic Orthotic Pro");
  adw_combo_row_set_selected (ADW_COMBO_ROW (suits), stability);
  g_assert_true (plantar_products_page_save (PLANTAR_PRODUCTS_PAGE (page)));
  rules = plantar_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plantar_rules_get_n_products (rules), ==, 1);
  {
    /* the demo's right foot gets a structured orthotic: the product is named */
    g_autofree char *demo = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "demo-footprint.png", NULL);
    g_autoptr(GPtrArray) scans = plantar_import_file (demo, NULL, NULL);
    g_autoptr(PlantarFitting) fitting = plantar_fitting_new ();
    g_autoptr(PlantarAdvice) advice = NULL;
    plantar_fitting_set_scans (fitting, scans, NULL, NULL);
    advice = plantar_rules_suggest (rules, plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT),
                                    plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT), NULL, NULL);
    g_assert_cmpstr (advice->right.insole, ==, "structured-orthotic");
    g_assert_cmpuint (advice->right.products->len, ==, 1);
    g_assert_cmpstr (((PlantarProduct *) g_ptr_array_index (advice->right.products, 0))->name, ==, "Clinic Orthotic Pro");
    g_assert_cmpuint (advice->left.products->len, ==, 0);
  }
  /* no name: not written, and said */
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  g_assert_false (plantar_products_page_save (PLANTAR_PRODUCTS_PAGE (page)));
  g_assert_nonnull (strstr (plantar_products_page_get_error (PLANTAR_PRODUCTS_PAGE (page)), "name"));
  {
    g_autoptr(PlantarRules) still = plantar_rules_load (path, &error);
    g_assert_cmpuint (plantar_rules_get_n_products (still), ==, 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (page);
  plantar_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  plantar_gui_test_init (&argc, &argv);
  g_test_add_func ("/report-dialog/suggestion-follows-answers", test_suggestion_follows_answers);
  g_test_add_func ("/report-dialog/questions-stay-put", test_questions_stay_put);
  g_test_add_func ("/report-dialog/export-pdf", test_export_pdf);
  g_test_add_func ("/report-dialog/print-export", test_print_export);
  g_test_add_func ("/report-dialog/keeps-answers", test_keeps_answers);
  g_test_add_func ("/report-dialog/products-page", test_products_page);
  status = g_test_run ();
  plantar_gui_test_shutdown ();
  return status;
}

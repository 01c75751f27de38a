/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plantar-cli.h"
#include "plantar-guide.h"

/* report: the suggestion and its reasons, and the fitting report. */

/* The report's own options, checked. */
typedef struct {
  char        *output, *paper_name, *detail, *date, *customer, *fitter, *notes, *shop, *address, *logo, *colormap;
  gboolean     inches;
  PlantarPaper paper;
  GDateTime   *when;
} ReportOptions;

/* The customer's answers and where the rules come from. */
static char *opt_activity, *opt_weekly_km, *opt_mass, *opt_pain, *opt_shoe, *opt_rules, *opt_thresholds;

const GOptionEntry cli_advice_entries[] = {
  { "activity", 0, 0, G_OPTION_ARG_STRING, &opt_activity, N_("running, walking or standing"), N_("WHAT") },
  { "weekly-km", 0, 0, G_OPTION_ARG_STRING, &opt_weekly_km, N_("Distance walked or run a week"), N_("KM") },
  { "mass-kg", 0, 0, G_OPTION_ARG_STRING, &opt_mass, N_("Body mass"), N_("KG") },
  { "pain", 0, 0, G_OPTION_ARG_STRING, &opt_pain, N_("Where it hurts: heel, arch, forefoot, knee, lower_back (comma-separated), each with :left or :right when only one foot hurts"), N_("WHERE") },
  { "shoe", 0, 0, G_OPTION_ARG_STRING, &opt_shoe, N_("running, walking, casual, dress, work or hiking"), N_("TYPE") },
  { "rules", 0, 0, G_OPTION_ARG_FILENAME, &opt_rules, N_("Insole rules from this file (default: ~/.config/plantar/rules.json, else Plantar's own)"), N_("FILE") },
  { "thresholds", 0, 0, G_OPTION_ARG_FILENAME, &opt_thresholds, N_("Categories from this file instead"), N_("FILE") },
  { NULL }
};

static gboolean
load_answers (PlantarAnswers *answers)
{
  const char *questions[] = { "activity", "weekly_km", "body_mass_kg", "pain", "shoe" };
  const char *values[] = { opt_activity, opt_weekly_km, opt_mass, opt_pain, opt_shoe };
  g_autoptr(GError) error = NULL;

  for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
    if (values[q] != NULL && !plantar_answers_set (answers, questions[q], values[q], &error))
      {
        print_error (error->message);
        return FALSE;
      }
  return TRUE;
}

gboolean
cli_load_advice (PlantarAnswers     *answers,
             PlantarRules      **rules,
             PlantarThresholds **thresholds)
{
  g_autoptr(GError) error = NULL;

  if (!load_answers (answers))
    return FALSE;
  if (opt_thresholds != NULL)
    *thresholds = plantar_thresholds_load (opt_thresholds, &error);
  else
    *thresholds = plantar_thresholds_get_default ();
  if (*thresholds == NULL)
    {
      print_error (error->message);
      return FALSE;
    }
  if (opt_rules != NULL)
    *rules = plantar_rules_load (opt_rules, &error);
  else if ((*rules = plantar_rules_get_default (&error)) != NULL && error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s; using Plantar's own rules"), error->message);
      print_error (message);
      g_clear_error (&error);
    }
  if (*rules == NULL)
    {
      print_error (error->message);
      return FALSE;
    }
  return TRUE;
}

/* Reads and measures the files: TRUE when there are feet to report on.
 * A scan that could not be measured is said and fails the command
 * (*status), but the others are still reported on. */
gboolean
cli_measure_files (int                   n_files,
               char                **files,
               const MeasureOptions *m,
               PlantarFitting       *fitting,
               int                  *status)
{
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  PlantarImportOptions options;
  PlantarAnalysisSettings settings;

  *status = 2;
  if (!import_options (&options))
    return FALSE;
  if (!(m->allowance >= 0 && m->allowance <= 40))
    {
      print_error (_("--allowance is 0 to 40 mm"));
      return FALSE;
    }
  *status = EXIT_FAILURE;
  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GPtrArray) file_scans = import_file (files[i], &options, &error);
      if (file_scans == NULL)
        {
          print_error (error->message);
          return FALSE;
        }
      for (guint s = 0; s < file_scans->len; s++)
        {
          g_ptr_array_add (scans, plantar_scan_ref (g_ptr_array_index (file_scans, s)));
          g_ptr_array_add (names, g_strdup (files[i]));
        }
    }
  g_ptr_array_add (names, NULL);

  plantar_analysis_settings_init (&settings);
  settings.threshold = m->threshold;
  settings.shoe_allowance_mm = m->allowance;
  plantar_fitting_set_scans (fitting, scans, (const char * const *) names->pdata, &settings);
  *status = EXIT_SUCCESS;
  for (guint i = 0; i < scans->len; i++)
    {
      const GError *e = plantar_fitting_get_error (fitting, i);
      if (e != NULL)
        {
          g_autofree char *message = g_strdup_printf ("“%s”: %s", (char *) g_ptr_array_index (names, i), e->message);
          print_error (message);
          *status = EXIT_FAILURE;
        }
    }
  if (plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT) == NULL &&
      plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT) == NULL)
    {
      print_error (_("no foot was found to report on"));
      *status = EXIT_FAILURE;
      return FALSE;
    }
  return TRUE;
}

static void
report_options_clear (ReportOptions *o)
{
  g_free (o->output);
  g_free (o->paper_name);
  g_free (o->detail);
  g_free (o->date);
  g_free (o->customer);
  g_free (o->fitter);
  g_free (o->notes);
  g_free (o->shop);
  g_free (o->address);
  g_free (o->logo);
  g_free (o->colormap);
  g_clear_pointer (&o->when, g_date_time_unref);
}

static gboolean
check_report_options (ReportOptions *o)
{
  o->paper = PLANTAR_PAPER_A4;
  /* a user with Letter sheets prints on Letter */
  if (o->paper_name == NULL && opt_paper != NULL && !plantar_paper_from_string (opt_paper, &o->paper))
    o->paper = PLANTAR_PAPER_A4;
  if (o->output == NULL && !opt_json)
    print_error (_("say where the report goes (-o report.pdf), or ask for --json"));
  else if (o->paper_name != NULL && !plantar_paper_from_string (o->paper_name, &o->paper))
    print_error (_("--page-size is a4 or letter"));
  else if (o->detail != NULL && !g_str_equal (o->detail, "store") && !g_str_equal (o->detail, "clinic"))
    print_error (_("--detail is store or clinic"));
  else if (o->colormap != NULL && !g_str_equal (o->colormap, "perceptual") && !g_str_equal (o->colormap, "rainbow"))
    print_error (_("--colormap is perceptual or rainbow"));
  else if (o->date != NULL && (o->when = parse_date (o->date)) == NULL)
    print_error (_("--date is a date such as 2026-11-22"));
  else
    return TRUE;
  return FALSE;
}

static gboolean
write_report (PlantarFitting      *fitting,
              const PlantarAdvice *advice,
              double               body_mass_kg,
              PlantarThresholds   *thresholds,
              const ReportOptions *o,
              double               allowance)
{
  g_autoptr(PlantarReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PlantarReportInfo info;

  plantar_report_info_init (&info);
  info.detail = g_strcmp0 (o->detail, "clinic") == 0 ? PLANTAR_REPORT_CLINIC : PLANTAR_REPORT_STORE;
  info.shop_name = o->shop;
  info.shop_address = o->address;
  info.shop_logo = o->logo;
  info.customer = o->customer;
  info.fitter = o->fitter;
  info.notes = o->notes;
  info.date = o->when;
  info.unit = o->inches ? PLANTAR_LENGTH_INCH : PLANTAR_LENGTH_MM;
  info.shoe_allowance_mm = allowance;
  info.body_mass_kg = body_mass_kg;
  info.colormap = o->colormap ? plantar_colormap_from_string (o->colormap) : PLANTAR_COLORMAP_PERCEPTUAL;
  report = plantar_report_new (fitting, advice, thresholds, &info, &error);
  if (report == NULL || !plantar_report_write_pdf (report, o->paper, o->output, &error))
    {
      print_error (error->message);
      return FALSE;
    }
  return TRUE;
}

int
command_report (int    argc,
                char **argv)
{
  ReportOptions o = { 0 };
  MeasureOptions m = { NAN, 15 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, N_("Write the report to this PDF file"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print the suggestion and its reasons as JSON"), NULL },
    { "page-size", 0, 0, G_OPTION_ARG_STRING, &o.paper_name, N_("The report's pages: a4 or letter (default: as --paper, else a4)"), N_("SIZE") },
    { "detail", 0, 0, G_OPTION_ARG_STRING, &o.detail, N_("store (one page, default) or clinic (every measurement and the sources)"), N_("LEVEL") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &o.customer, N_("The customer's or patient's name"), N_("NAME") },
    { "fitter", 0, 0, G_OPTION_ARG_STRING, &o.fitter, N_("Who did the fitting"), N_("NAME") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &o.notes, N_("Notes printed on the report"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &o.date, N_("The date of the fitting (default today)"), N_("YYYY-MM-DD") },
    { "shop", 0, 0, G_OPTION_ARG_STRING, &o.shop, N_("Shop or clinic name"), N_("NAME") },
    { "shop-address", 0, 0, G_OPTION_ARG_STRING, &o.address, N_("Shop or clinic address"), N_("TEXT") },
    { "logo", 0, 0, G_OPTION_ARG_FILENAME, &o.logo, N_("Shop or clinic logo (PNG, JPEG or SVG)"), N_("FILE") },
    { "colormap", 0, 0, G_OPTION_ARG_STRING, &o.colormap, N_("perceptual (default) or rainbow"), N_("NAME") },
    { "inches", 0, 0, G_OPTION_ARG_NONE, &o.inches, N_("Lengths in inches"), NULL },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &m.threshold, N_("Contact threshold, as for analyze"), N_("T") },
    { "allowance", 0, 0, G_OPTION_ARG_DOUBLE, &m.allowance, N_("Shoe allowance beyond the foot, mm (default 15)"), N_("MM") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context (_("FILE [FILE]"), _("Suggest insoles for the feet in one scan of both feet, or in a scan of "
                                         "each, and write the fitting report as a PDF (-o) or the suggestion "
                                         "with its reasons as JSON (--json)."),
                     entries, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarFitting) fitting = plantar_fitting_new ();
  g_autoptr(PlantarThresholds) thresholds = NULL;
  g_autoptr(PlantarRules) rules = NULL;
  g_autoptr(PlantarAdvice) advice = NULL;
  PlantarAnswers answers;
  gboolean measured = FALSE;
  int status = 2;

  plantar_answers_init (&answers);
  g_option_context_add_main_entries (context, cli_advice_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    print_error (error->message);
  else if (argc < 2 || argc > 3)
    print_error (_("report needs one scan of both feet, or a scan of each (see plantar-cli report --help)"));
  else if (check_report_options (&o) && cli_load_advice (&answers, &rules, &thresholds))
    measured = cli_measure_files (argc - 1, argv + 1, &m, fitting, &status);
  if (!measured)
    goto out;

  advice = plantar_rules_suggest_fitting (rules, fitting, &answers, thresholds);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      PlantarGait gait;
      json_builder_begin_object (builder);
      plantar_advice_build_json (advice, &answers, builder);
      /* a recording's walk or run, as on the report */
      plantar_gait_for_fitting (fitting, thresholds, &gait);
      if (gait.available)
        {
          json_builder_set_member_name (builder, "gait");
          plantar_gait_build_json (&gait, builder);
        }
      plantar_gait_clear (&gait);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  if (o.output != NULL && !write_report (fitting, advice, answers.body_mass_kg, thresholds, &o, m.allowance))
    status = EXIT_FAILURE;

out:
  plantar_answers_clear (&answers);
  report_options_clear (&o);
  return status;
}

/* ------------------------------------------------------------ guide */

int
command_guide (int    argc,
               char **argv)
{
  g_autofree char *output = NULL, *page_size = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the guide to this PDF file"), N_("FILE") },
    { "page-size", 0, 0, G_OPTION_ARG_STRING, &page_size, N_("a4 (default) or letter"), N_("SIZE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context ("", _("Write “Measure your feet at home” as a one-page PDF: how to make a print, "
                           "photograph it and open it in Plantar."), entries, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarGuide) guide = NULL;
  PlantarPaper paper = PLANTAR_PAPER_A4;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error->message);
      return 2;
    }
  if (output == NULL || argc != 1 || (page_size != NULL && !plantar_paper_from_string (page_size, &paper)))
    {
      print_error (_("usage: plantar-cli guide -o FILE.pdf [--page-size a4|letter]"));
      return 2;
    }
  guide = plantar_guide_new ();
  if (!plantar_guide_write_pdf (guide, paper, output, &error))
    {
      print_error (error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}

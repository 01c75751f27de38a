/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "plantar-cli.h"
#include "plantar-json-source.h"
#include "plantar-locale.h"

/*
 * plantar-cli: Plantar without a display. This file holds main() and what
 * the commands share; the commands are in plantar-cli-scans.c (info,
 * formats, generate, render), -analyze.c and -report.c.
 */

typedef int (*CommandFunc) (int argc, char **argv);

double opt_cell_mm;
double opt_cell_width_mm;
double opt_cell_height_mm;
double opt_frame_ms;
char *opt_units;
gboolean opt_bottom_up;
gboolean opt_json;
char *opt_paper;
double opt_scale_top_kpa;
double opt_foot_length_mm;

static const GOptionEntry import_entries[] = {
  { "cell-mm", 0, 0, G_OPTION_ARG_DOUBLE, &opt_cell_mm,
    N_("Cell (or pixel) size in mm, for files that do not give it"), N_("MM") },
  { "cell-width-mm", 0, 0, G_OPTION_ARG_DOUBLE, &opt_cell_width_mm,
    N_("Cell width in mm"), N_("MM") },
  { "cell-height-mm", 0, 0, G_OPTION_ARG_DOUBLE, &opt_cell_height_mm,
    N_("Cell height in mm"), N_("MM") },
  { "units", 0, 0, G_OPTION_ARG_STRING, &opt_units,
    N_("Pressure units of a grid that does not say (kPa, N/cm2, mmHg, PSI, kg/cm2, raw)"), N_("UNITS") },
  { "frame-ms", 0, 0, G_OPTION_ARG_DOUBLE, &opt_frame_ms,
    N_("Frame time in ms, for recordings that do not give it"), N_("MS") },
  { "bottom-up", 0, 0, G_OPTION_ARG_NONE, &opt_bottom_up,
    N_("The file's first row is the bottom of the plate, seen from above"), NULL },
  { "paper", 0, 0, G_OPTION_ARG_STRING, &opt_paper,
    N_("The sheet a photo shows: a4 (default), letter, a3, legal, or WxH in mm"), N_("SIZE") },
  { "foot-length-mm", 0, 0, G_OPTION_ARG_DOUBLE, &opt_foot_length_mm,
    N_("Scale a picture that has none by the length of the foot it shows"), N_("MM") },
  { "scale-top-kpa", 0, 0, G_OPTION_ARG_DOUBLE, &opt_scale_top_kpa,
    N_("The pressure at the top of a colour pressure picture's scale (default: relative pressures)"), N_("KPA") },
  { NULL }
};

void
print_error (const char *message)
{
  g_printerr ("plantar-cli: %s\n", message);
}

gboolean
import_options (PlantarImportOptions *options)
{
  memset (options, 0, sizeof *options);

  if (opt_cell_mm < 0 || opt_cell_width_mm < 0 || opt_cell_height_mm < 0 || opt_frame_ms < 0)
    {
      print_error (_("sizes and times must be positive"));
      return FALSE;
    }
  if (opt_cell_mm > 0)
    options->cell_width_mm = options->cell_height_mm = opt_cell_mm;
  if (opt_cell_width_mm > 0)
    options->cell_width_mm = opt_cell_width_mm;
  if (opt_cell_height_mm > 0)
    options->cell_height_mm = opt_cell_height_mm;
  if ((options->cell_width_mm > 0) != (options->cell_height_mm > 0))
    {
      print_error (_("give both --cell-width-mm and --cell-height-mm, or --cell-mm"));
      return FALSE;
    }
  options->frame_ms = opt_frame_ms;
  options->units = opt_units;
  options->bottom_up = opt_bottom_up;
  if (opt_paper != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!plantar_paper_size_parse (opt_paper, &options->paper_width_mm, &options->paper_height_mm, &error))
        {
          print_error (error->message);
          return FALSE;
        }
    }
  if (opt_scale_top_kpa < 0 || opt_scale_top_kpa > 10000)
    {
      print_error (_("--scale-top-kpa is 0 to 10000 kPa"));
      return FALSE;
    }
  options->scale_top_kpa = opt_scale_top_kpa;
  return TRUE;
}

/* A file's scans; with --foot-length-mm, those without a scale scaled by
 * the foot they show. */
GPtrArray *
import_file (const char                 *path,
             const PlantarImportOptions *options,
             GError                    **error)
{
  g_autoptr(GPtrArray) scans = plantar_import_file (path, options, error);

  for (guint i = 0; scans != NULL && opt_foot_length_mm > 0 && i < scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (scans, i);
      double mm;

      if (plantar_scan_has_scale (scan))
        continue;
      mm = plantar_foot_length_scale (scan, opt_foot_length_mm, NULL, error);
      if (mm <= 0)
        return NULL;
      plantar_scan_set_cell_size (scan, mm, mm);
    }
  return g_steal_pointer (&scans);
}

GOptionContext *
command_context (const char          *parameters,
                 const char          *summary,
                 const GOptionEntry  *entries,
                 gboolean             with_import)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (with_import)
    {
      GOptionGroup *group = g_option_group_new ("import", _("Options for files that leave things out:"),
                                                _("Show import options"), NULL, NULL);
      g_option_group_add_entries (group, import_entries);
      g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
      g_option_context_add_group (context, group);
    }
  return context;
}

const char *
error_code_name (const GError *error)
{
  static const char *names[] = {
    "io", "empty", "unknown-format", "unsupported", "truncated", "parse", "inconsistent",
    "ragged", "too-large", "invalid-value", "unknown-units", "missing-scale",
  };

  static const char *analysis_names[] = { "no-scale", "no-foot", "too-many-feet", "cut-off", "blank" };

  if (error->domain == PLANTAR_IMPORT_ERROR && error->code >= 0 && (guint) error->code < G_N_ELEMENTS (names))
    return names[error->code];
  if (error->domain == PLANTAR_ANALYSIS_ERROR && error->code >= 0 &&
      (guint) error->code < G_N_ELEMENTS (analysis_names))
    return analysis_names[error->code];
  return "error";
}

void
print_json (JsonNode *root)
{
  g_autofree char *text = plantar_json_to_text (root, TRUE, FALSE);

  g_print ("%s\n", text);
}

GDateTime *
parse_date (const char *text)
{
  int y, m, d;
  char end;

  if (sscanf (text, "%d-%d-%d%c", &y, &m, &d, &end) != 3)
    return NULL;
  return g_date_time_new_local (y, m, d, 12, 0, 0);
}

/* ------------------------------------------------------------ main */

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "info", command_info, N_("Print what scan files hold") },
  { "analyze", command_analyze, N_("Find the feet and measure them") },
  { "formats", command_formats, N_("List the formats Plantar reads") },
  { "render", command_render, N_("Draw a scan as a PNG, to scale") },
  { "report", command_report, N_("Suggest insoles and write the fitting report") },
  { "insole", command_insole, N_("Design insoles for the feet: STL, 3MF, SVG and DXF") },
  { "generate", command_generate, N_("Write a synthetic footprint, plate recording or phone photo") },
  { "guide", command_guide, N_("Write the guide to measuring feet at home, as a PDF") },
  { "devices", command_devices, N_("List the scanners and cameras") },
  { "scan", command_scan, N_("Scan a print on a flatbed scanner") },
  { "watch", command_watch, N_("Measure each scan a plate's software exports into a folder") },
  { "records", command_records, N_("List, file, back up, copy and check the customers and fittings kept") },
};

static void
usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: plantar-cli COMMAND [OPTION…] [FILE…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“plantar-cli COMMAND --help” tells more."));
}

int
main (int    argc,
      char **argv)
{
  plantar_locale_init ();
  /* what scripts read is the same in every locale */
  for (int i = 2; i < argc && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--json"))
      plantar_locale_for_machines ();
  g_set_prgname ("plantar-cli");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("plantar-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        /* the command sees itself as argv[0] */
        g_autofree char *name = g_strdup_printf ("plantar-cli %s", argv[1]);
        argv[1] = name;
        g_set_prgname (name);
        return commands[i].func (argc - 1, argv + 1);
      }

  g_printerr (_("plantar-cli: unknown command “%s”\n\n"), argv[1]);
  usage (stderr);
  return 2;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plantar-import.h"
#include "plantar-scan-io.h"
#include "plantar-synth.h"

/*
 * plantar-cli: Plantar without a display.
 *
 *   plantar-cli info [--json] FILE...      what a scan file holds
 *   plantar-cli formats                    the formats Plantar reads
 *   plantar-cli generate ...               synthetic footprints and recordings
 */

typedef int (*CommandFunc) (int argc, char **argv);

static double opt_cell_mm;
static double opt_cell_width_mm;
static double opt_cell_height_mm;
static double opt_frame_ms;
static char *opt_units;
static gboolean opt_json;

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
  { NULL }
};

static void
print_error (const char *message)
{
  g_printerr ("plantar-cli: %s\n", message);
}

static gboolean
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
  return TRUE;
}

static GOptionContext *
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

static const char *
error_code_name (const GError *error)
{
  static const char *names[] = {
    "io", "empty", "unknown-format", "unsupported", "truncated", "parse", "inconsistent",
    "ragged", "too-large", "invalid-value", "unknown-units", "missing-scale",
  };

  if (error->domain == PLANTAR_IMPORT_ERROR && error->code >= 0 && (guint) error->code < G_N_ELEMENTS (names))
    return names[error->code];
  return "error";
}

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* ------------------------------------------------------------ info */

static int
command_info (int    argc,
              char **argv)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context (_("FILE…"), _("Print what a scan file holds: format, grid, cell size, frames, "
                                   "frame time, units, sensors and value range.\n\n"
                                   "With --json, one object per file (an array for several files)."),
                     entries, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  PlantarImportOptions options;
  int status = EXIT_SUCCESS;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error->message);
      return 2;
    }
  if (argc < 2)
    {
      print_error (_("info needs at least one FILE (see plantar-cli info --help)"));
      return 2;
    }
  if (!import_options (&options))
    return 2;

  if (argc > 2)
    json_builder_begin_array (builder);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) scans = NULL;
      g_autoptr(GError) import_error = NULL;

      scans = plantar_import_file (argv[i], &options, &import_error);
      if (scans == NULL)
        {
          print_error (import_error->message);
          status = EXIT_FAILURE;
        }

      if (opt_json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, argv[i]);
          if (scans == NULL)
            {
              json_builder_set_member_name (builder, "error");
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "code");
              json_builder_add_string_value (builder, error_code_name (import_error));
              json_builder_set_member_name (builder, "message");
              json_builder_add_string_value (builder, import_error->message);
              json_builder_end_object (builder);
            }
          else
            {
              json_builder_set_member_name (builder, "scans");
              json_builder_begin_array (builder);
              for (guint s = 0; s < scans->len; s++)
                plantar_scan_build_json (g_ptr_array_index (scans, s), builder);
              json_builder_end_array (builder);
            }
          json_builder_end_object (builder);
        }
      else if (scans != NULL)
        {
          g_print ("%s\n", argv[i]);
          for (guint s = 0; s < scans->len; s++)
            {
              PlantarScan *scan = g_ptr_array_index (scans, s);
              g_autofree char *text = plantar_scan_describe (scan);
              if (scans->len > 1)
                g_print (_("  Scan %u of %u\n"), s + 1, scans->len);
              g_print ("%s", text);
            }
          if (i + 1 < argc)
            g_print ("\n");
        }
    }

  if (argc > 2)
    json_builder_end_array (builder);
  if (opt_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  return status;
}

/* ------------------------------------------------------------ formats */

static int
command_formats (int    argc,
                 char **argv)
{
  guint n;
  const PlantarFormatInfo *formats = plantar_import_get_formats (&n);

  for (guint i = 0; i < n; i++)
    g_print ("%-14s %-34s %s%s\n", formats[i].id, _(formats[i].name), _(formats[i].what),
             formats[i].supported ? "" : _(" (recognised, refused)"));
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------ generate */

static int
command_generate (int    argc,
                  char **argv)
{
  g_autofree char *kind = NULL;
  g_autofree char *side = NULL;
  g_autofree char *output = NULL;
  double length = 260, arch = 0.45, angle = 0, dpi = 150, cell = 5;
  int frames = 1;
  int seed = 1;
  gboolean both = FALSE, podoscope = FALSE, attached = FALSE, demo = FALSE;
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Write the demo scan Plantar ships"), NULL },
    { "side", 0, 0, G_OPTION_ARG_STRING, &side, N_("left or right (default right)"), N_("SIDE") },
    { "both", 0, 0, G_OPTION_ARG_NONE, &both, N_("Both feet on one page or plate"), NULL },
    { "length-mm", 0, 0, G_OPTION_ARG_DOUBLE, &length, N_("Foot length (default 260)"), N_("MM") },
    { "arch", 0, 0, G_OPTION_ARG_DOUBLE, &arch, N_("Arch height: -0.3 very flat, 0 flat, 1 no midfoot contact (default 0.45)"), N_("A") },
    { "angle", 0, 0, G_OPTION_ARG_DOUBLE, &angle, N_("Axis angle from toes-up, degrees clockwise"), N_("DEG") },
    { "toes-attached", 0, 0, G_OPTION_ARG_NONE, &attached, N_("Toe pads touch the ball"), NULL },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, N_("Image resolution (default 150)"), N_("DPI") },
    { "podoscope", 0, 0, G_OPTION_ARG_NONE, &podoscope, N_("Light print on dark, as a podoscope shows it"), NULL },
    { "cell-mm", 0, 0, G_OPTION_ARG_DOUBLE, &cell, N_("Plate cell size (default 5)"), N_("MM") },
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, N_("Plate frames: 1 gives the peak image (default 1)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Noise seed"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write (PNG for footprints, grid CSV for plates)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context (_("footprint|plate"), _("Write a synthetic footprint image (PNG) or pressure plate "
                                             "recording (grid CSV) of a foot with known geometry."),
                     entries, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  PlantarSynthFoot feet[2];
  PlantarSide main_side = PLANTAR_SIDE_RIGHT;
  gboolean plate;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error->message);
      return 2;
    }
  if (argc != 2 || output == NULL ||
      (!g_str_equal (argv[1], "footprint") && !g_str_equal (argv[1], "plate")))
    {
      print_error (_("usage: plantar-cli generate footprint|plate -o FILE [OPTION…]"));
      return 2;
    }
  plate = g_str_equal (argv[1], "plate");
  if (side && g_ascii_strcasecmp (side, "left") == 0)
    main_side = PLANTAR_SIDE_LEFT;
  else if (side && g_ascii_strcasecmp (side, "right") != 0)
    {
      print_error (_("--side must be left or right"));
      return 2;
    }
  if (!(length >= 100 && length <= 400) || !(dpi >= 25 && dpi <= 1200) || !(cell >= 1 && cell <= 20) ||
      frames < 1 || frames > 2000 || !(arch >= -0.3 && arch <= 1))
    {
      print_error (_("out of range: --length-mm 100–400, --dpi 25–1200, --cell-mm 1–20, --frames 1–2000, "
                     "--arch -0.3–1"));
      return 2;
    }

  if (demo)
    scan = plate ? plantar_synth_demo_walk (&error) : plantar_synth_demo_footprint (&error);
  else
    {
      guint n = both ? 2 : 1;
      for (guint i = 0; i < n; i++)
        {
          PlantarSide s = both ? (i == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT) : main_side;
          double half_gap = both ? 0.30 * length : 0;
          double tilt = (s == PLANTAR_SIDE_LEFT ? -1 : 1) * angle;

          plantar_synth_foot_init (&feet[i], s, length);
          feet[i].arch = arch;
          feet[i].toes_separate = !attached;
          feet[i].angle_deg = both ? tilt : angle;
          feet[i].heel_x_mm = 0.30 * length + 15 + (both ? (i == 0 ? 0 : 2 * half_gap) : 0);
          feet[i].heel_y_mm = 0.875 * length + 20;
          feet[i].stance_start_ms = 30 + i * 200;
        }

      if (plate)
        {
          PlantarSynthPlate p;
          plantar_synth_plate_init (&p);
          p.cell_width_mm = p.cell_height_mm = cell;
          p.columns = (guint) ceil ((both ? 1.25 : 0.65) * length / cell + 6);
          p.rows = (guint) ceil ((length + 50) / cell);
          p.n_frames = frames;
          p.frame_ms = 10;
          scan = plantar_synth_render_plate (&p, feet, n, &error);
        }
      else
        {
          PlantarSynthPage page;
          plantar_synth_page_init (&page);
          page.dpi = dpi;
          page.dark_on_light = !podoscope;
          page.seed = seed;
          page.width_mm = MAX (210, (both ? 1.25 : 0.65) * length + 30);
          page.height_mm = MAX (297, length + 50);
          scan = plantar_synth_render_page (&page, feet, n, &error);
        }
    }

  if (scan == NULL ||
      !(plate ? plantar_scan_save_grid (scan, output, &error) : plantar_scan_save_png (scan, output, &error)))
    {
      print_error (error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------ main */

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "info", command_info, N_("Print what scan files hold") },
  { "formats", command_formats, N_("List the formats Plantar reads") },
  { "generate", command_generate, N_("Write a synthetic footprint or plate recording") },
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
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
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
        return commands[i].func (argc - 1, argv + 1);
      }

  g_printerr (_("plantar-cli: unknown command “%s”\n\n"), argv[1]);
  usage (stderr);
  return 2;
}

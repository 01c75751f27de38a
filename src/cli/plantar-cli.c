/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plantar-analysis.h"
#include "plantar-import.h"
#include "plantar-render.h"
#include "plantar-report.h"
#include "plantar-rules.h"
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
static gboolean opt_bottom_up;
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
  { "bottom-up", 0, 0, G_OPTION_ARG_NONE, &opt_bottom_up,
    N_("The file's first row is the bottom of the plate, seen from above"), NULL },
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
  options->bottom_up = opt_bottom_up;
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

  static const char *analysis_names[] = { "no-scale", "no-foot", "too-many-feet", "cut-off", "blank" };

  if (error->domain == PLANTAR_IMPORT_ERROR && error->code >= 0 && (guint) error->code < G_N_ELEMENTS (names))
    return names[error->code];
  if (error->domain == PLANTAR_ANALYSIS_ERROR && error->code >= 0 &&
      (guint) error->code < G_N_ELEMENTS (analysis_names))
    return analysis_names[error->code];
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
    { "arch", 0, 0, G_OPTION_ARG_DOUBLE, &arch, N_("Arch height: -0.15 very flat, 0 flat, 1 no midfoot contact (default 0.45)"), N_("A") },
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
      frames < 1 || frames > 2000 || !(arch >= -0.15 && arch <= 1))
    {
      print_error (_("out of range: --length-mm 100–400, --dpi 25–1200, --cell-mm 1–20, --frames 1–2000, "
                     "--arch -0.15–1"));
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

/* ------------------------------------------------------------ render */

static int
command_render (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *colormap = NULL;
  double px_per_mm = 2;
  int frame = -1;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PNG to write"), N_("FILE") },
    { "frame", 0, 0, G_OPTION_ARG_INT, &frame, N_("Draw this frame (from 0) rather than the peak"), N_("N") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &px_per_mm, N_("Pixels per millimetre (default 2)"), N_("PX") },
    { "colormap", 0, 0, G_OPTION_ARG_STRING, &colormap, N_("perceptual (default) or rainbow"), N_("MAP") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context (_("FILE"), _("Draw a scan as a PNG: a footprint as scanned, a pressure scan in colour "
                                  "(the peak over all frames unless --frame is given), to scale."),
                     entries, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  PlantarImportOptions options;
  PlantarScan *scan;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error->message);
      return 2;
    }
  if (argc != 2 || output == NULL || !(px_per_mm > 0 && px_per_mm <= 50))
    {
      print_error (_("usage: plantar-cli render FILE -o OUT.png [--frame N] [--scale PX]"));
      return 2;
    }
  if (!import_options (&options))
    return 2;

  scans = plantar_import_file (argv[1], &options, &error);
  if (scans == NULL)
    {
      print_error (error->message);
      return EXIT_FAILURE;
    }
  scan = g_ptr_array_index (scans, 0);
  if (frame >= (int) plantar_scan_get_n_frames (scan))
    {
      print_error (_("--frame is beyond the last frame"));
      return 2;
    }

  {
    double cw = plantar_scan_has_scale (scan) ? plantar_scan_get_cell_width_mm (scan) : 1;
    double ch = plantar_scan_has_scale (scan) ? plantar_scan_get_cell_height_mm (scan) : 1;
    int w = MAX (1, (int) round (plantar_scan_get_width (scan) * cw * px_per_mm));
    int h = MAX (1, (int) round (plantar_scan_get_height (scan) * ch * px_per_mm));
    cairo_surface_t *map;
    cairo_surface_t *out;
    cairo_t *cr;
    cairo_status_t status;

    if (!plantar_scan_is_pressure (scan))
      map = plantar_render_image (scan);
    else
      {
        g_autofree float *peak = frame < 0 ? plantar_scan_compute_peak (scan) : NULL;
        double lo, hi;
        plantar_scan_get_value_range (scan, &lo, &hi);
        map = plantar_render_pressure (scan, peak ? peak : plantar_scan_get_frame (scan, frame),
                                       plantar_colormap_from_string (colormap), hi);
      }
    out = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
    cr = cairo_create (out);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_scale (cr, (double) w / plantar_scan_get_width (scan), (double) h / plantar_scan_get_height (scan));
    cairo_set_source_surface (cr, map, 0, 0);
    cairo_pattern_set_filter (cairo_get_source (cr),
                              plantar_scan_is_pressure (scan) ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
    cairo_paint (cr);
    cairo_destroy (cr);
    status = cairo_surface_write_to_png (out, output);
    cairo_surface_destroy (out);
    cairo_surface_destroy (map);
    if (status != CAIRO_STATUS_SUCCESS)
      {
        g_autofree char *message = g_strdup_printf (_("cannot write “%s”: %s"), output, cairo_status_to_string (status));
        print_error (message);
        return EXIT_FAILURE;
      }
  }
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------ analyze */

static const char *
na (double value,
    const char *format,
    char       *buf,
    gsize       size)
{
  if (!isfinite (value))
    return "–";
  g_snprintf (buf, size, format, value);
  return buf;
}

static void
print_feet_table (PlantarAnalysis   *analysis,
                  PlantarThresholds *thresholds)
{
  GPtrArray *feet = analysis->feet;
  char b[64];
#define ROW(label, fmt, field) G_STMT_START { \
    g_print ("  %-22s", label); \
    for (guint i = 0; i < feet->len; i++) \
      { \
        PlantarFoot *f = g_ptr_array_index (feet, i); \
        g_print (" %16s", na (f->field, fmt, b, sizeof b)); \
      } \
    g_print ("\n"); \
  } G_STMT_END
#define CAT(label, index, field) G_STMT_START { \
    g_print ("  %-22s", label); \
    for (guint i = 0; i < feet->len; i++) \
      { \
        PlantarFoot *f = g_ptr_array_index (feet, i); \
        PlantarCategory c; \
        plantar_thresholds_categorize (thresholds, index, f->field, &c); \
        g_print (" %16s", c.category ? c.category : "–"); \
      } \
    g_print ("\n"); \
  } G_STMT_END

  g_print ("  %-22s", "");
  for (guint i = 0; i < feet->len; i++)
    {
      PlantarFoot *f = g_ptr_array_index (feet, i);
      g_autofree char *head = g_strdup_printf ("%s (%s)", plantar_side_to_string (f->side), f->side_source);
      g_print (" %16s", head);
    }
  g_print ("\n");
  ROW (_("Arch index"), "%.3f", arch_index);
  CAT (_("  type"), "arch_index", arch_index);
  if (plantar_scan_is_pressure (analysis->scan))
    ROW (_("Modified arch index"), "%.3f", modified_arch_index);
  ROW (_("Chippaux-Smirak %"), "%.1f", chippaux_smirak);
  CAT (_("  type"), "chippaux_smirak", chippaux_smirak);
  ROW (_("Staheli"), "%.2f", staheli);
  ROW (_("Clarke's angle °"), "%.1f", clarke_angle_deg);
  CAT (_("  type"), "clarke_angle_deg", clarke_angle_deg);
  ROW (_("Hernández-Corvo %X"), "%.1f", hernandez_corvo);
  CAT (_("  type"), "hernandez_corvo", hernandez_corvo);
  ROW (_("Foot length mm"), "%.1f", foot_length_mm);
  ROW (_("Toe-less length mm"), "%.1f", toeless_length_mm);
  ROW (_("Ball width mm"), "%.1f", ball_width_mm);
  ROW (_("Heel width mm"), "%.1f", heel_width_mm);
  ROW (_("Midfoot width mm"), "%.1f", midfoot_width_mm);
  ROW (_("Contact area cm²"), "%.1f", contact_area_mm2 / 100);
  ROW (_("Heel centre x mm"), "%.1f", heel_centre.x);
  ROW (_("Heel centre y mm"), "%.1f", heel_centre.y);
  if (plantar_scan_is_pressure (analysis->scan))
    {
      ROW (_("Heel COP offset mm"), "%+.1f", heel_cop_offset_mm);
      ROW (_("Heel medial load %"), "%.1f", heel_medial_load_pct);
      ROW (_("Heel peak kPa"), "%.0f", heel_peak_kpa);
      ROW (_("Peak pressure kPa"), "%.0f", peak_kpa);
    }
#undef ROW
#undef CAT
}

static void
print_steps_table (PlantarAnalysis   *analysis,
                   PlantarThresholds *thresholds)
{
  char b[8][32];

  g_print (_("  step side   frames      AI  type     CSI  length  ball  heel  CPEI   FPA\n"));
  for (guint i = 0; i < analysis->feet->len; i++)
    {
      PlantarFoot *f = g_ptr_array_index (analysis->feet, i);
      PlantarCategory c;
      plantar_thresholds_categorize (thresholds, "arch_index", f->arch_index, &c);
      g_print ("  %4u %-5s %4u–%-5u %5s %-7s %5s %6s %5s %5s %5s %5s%s\n", i + 1, plantar_side_to_string (f->side),
               f->first_frame, f->last_frame, na (f->arch_index, "%.3f", b[0], 32), c.category ? c.category : "–",
               na (f->chippaux_smirak, "%.1f", b[1], 32), na (f->foot_length_mm, "%.1f", b[2], 32),
               na (f->ball_width_mm, "%.1f", b[3], 32), na (f->heel_width_mm, "%.1f", b[4], 32),
               na (f->cpei_pct, "%.1f", b[5], 32), na (f->progression_angle_deg, "%+.0f", b[6], 32),
               f->complete ? "" : _("  (incomplete)"));
    }
  for (PlantarSide side = PLANTAR_SIDE_LEFT; side <= PLANTAR_SIDE_RIGHT; side++)
    {
      PlantarSideSummary sum;
      if (!plantar_analysis_side_summary (analysis, side, &sum))
        continue;
      g_print (_("  mean of %u %s steps: arch index %s (sd %s), foot length %s mm, CPEI %s %%\n"), sum.n_steps,
               plantar_side_to_string (side), na (sum.mean->arch_index, "%.3f", b[0], 32),
               na (sum.sd_arch_index, "%.3f", b[1], 32), na (sum.mean->foot_length_mm, "%.1f", b[2], 32),
               na (sum.mean->cpei_pct, "%.1f", b[3], 32));
      plantar_side_summary_clear (&sum);
    }
}

static gboolean
write_overlay (PlantarAnalysis  *analysis,
               const char       *path,
               GError          **error)
{
  PlantarScan *scan = analysis->scan;
  double ppm = 2.0;
  double cw = plantar_scan_get_cell_width_mm (scan), ch = plantar_scan_get_cell_height_mm (scan);
  double width_mm, height_mm;
  cairo_surface_t *out;
  cairo_t *cr;
  cairo_status_t status;
  double lo, hi;

  plantar_scan_get_value_range (scan, &lo, &hi);
  if (analysis->is_recording)
    {
      /* the steps side by side, each as its heel struck */
      width_mm = 0;
      height_mm = 0;
      for (guint i = 0; i < analysis->feet->len; i++)
        {
          PlantarFootGrid g;
          plantar_foot_get_grid (g_ptr_array_index (analysis->feet, i), &g);
          width_mm += g.width * g.cell_w + 10;
          height_mm = MAX (height_mm, g.height * g.cell_h);
        }
    }
  else
    {
      width_mm = plantar_scan_get_width (scan) * cw;
      height_mm = plantar_scan_get_height (scan) * ch;
    }
  ppm = MIN (2.0, 4000 / MAX (width_mm, height_mm));

  out = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width_mm * ppm), (int) ceil (height_mm * ppm));
  cr = cairo_create (out);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, ppm, ppm);

  if (analysis->is_recording)
    {
      double x = 0;
      for (guint i = 0; i < analysis->feet->len; i++)
        {
          PlantarFoot *f = g_ptr_array_index (analysis->feet, i);
          PlantarFootGrid g;
          plantar_foot_get_grid (f, &g);
          cairo_save (cr);
          cairo_translate (cr, x - g.x0, -g.y0);
          plantar_render_foot_map (cr, f, PLANTAR_COLORMAP_PERCEPTUAL, hi);
          plantar_render_overlays (cr, f, PLANTAR_OVERLAY_ALL, ppm);
          cairo_restore (cr);
          x += g.width * g.cell_w + 10;
        }
    }
  else
    {
      cairo_surface_t *map;
      if (plantar_scan_is_pressure (scan))
        {
          g_autofree float *peak = plantar_scan_compute_peak (scan);
          map = plantar_render_pressure (scan, peak, PLANTAR_COLORMAP_PERCEPTUAL, hi);
        }
      else
        map = plantar_render_image (scan);
      cairo_save (cr);
      cairo_scale (cr, cw, ch);
      cairo_set_source_surface (cr, map, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr),
                                plantar_scan_is_pressure (scan) ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (map);
      for (guint i = 0; i < analysis->feet->len; i++)
        plantar_render_overlays (cr, g_ptr_array_index (analysis->feet, i), PLANTAR_OVERLAY_ALL, ppm);
    }

  cairo_destroy (cr);
  status = cairo_surface_write_to_png (out, path);
  cairo_surface_destroy (out);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
error_json (const char   *file,
            const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, file);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, error_code_name (error));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
command_analyze (int    argc,
                 char **argv)
{
  double threshold = NAN, allowance = 15;
  g_autofree char *overlay = NULL;
  g_autofree char *thresholds_path = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("Contact threshold: kPa for pressure (default 0), fraction of the ink's contrast for images (default 0.5)"), N_("T") },
    { "allowance", 0, 0, G_OPTION_ARG_DOUBLE, &allowance, N_("Shoe allowance beyond the foot, mm (default 15)"), N_("MM") },
    { "thresholds", 0, 0, G_OPTION_ARG_FILENAME, &thresholds_path, N_("Categories from this file instead"), N_("FILE") },
    { "overlay", 0, 0, G_OPTION_ARG_FILENAME, &overlay, N_("Draw what was measured on the (last) scan as a PNG"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context (_("FILE…"), _("Find every foot (or every step of a walk) and measure it: arch index and its "
                                   "family, lengths and widths, heel position, regions, centre of pressure.\n\n"
                                   "With --json, one object per file (an array for several files)."),
                     entries, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(PlantarThresholds) thresholds = NULL;
  PlantarImportOptions options;
  PlantarAnalysisSettings settings;
  int status = EXIT_SUCCESS;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error->message);
      return 2;
    }
  if (argc < 2)
    {
      print_error (_("analyze needs at least one FILE (see plantar-cli analyze --help)"));
      return 2;
    }
  if (!import_options (&options) || !(allowance >= 0 && allowance <= 40))
    {
      if (!(allowance >= 0 && allowance <= 40))
        print_error (_("--allowance is 0 to 40 mm"));
      return 2;
    }
  if (thresholds_path != NULL)
    {
      thresholds = plantar_thresholds_load (thresholds_path, &error);
      if (thresholds == NULL)
        {
          print_error (error->message);
          return 2;
        }
    }
  else
    thresholds = plantar_thresholds_get_default ();

  plantar_analysis_settings_init (&settings);
  settings.threshold = threshold;
  settings.shoe_allowance_mm = allowance;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) scans = NULL;
      g_autoptr(GError) file_error = NULL;

      scans = plantar_import_file (argv[i], &options, &file_error);
      for (guint s = 0; scans != NULL && s < scans->len; s++)
        {
          g_autoptr(PlantarAnalysis) analysis = NULL;
          g_autoptr(GError) analysis_error = NULL;
          g_autofree char *name = scans->len > 1 ? g_strdup_printf ("%s#%u", argv[i], s + 1) : g_strdup (argv[i]);

          analysis = plantar_analyze (g_ptr_array_index (scans, s), &settings, &analysis_error);
          if (analysis == NULL)
            {
              g_autofree char *message = g_strdup_printf ("“%s”: %s", name, analysis_error->message);
              print_error (message);
              status = EXIT_FAILURE;
              if (opt_json)
                g_ptr_array_add (results, error_json (name, analysis_error));
              continue;
            }
          if (opt_json)
            {
              g_autoptr(JsonBuilder) builder = json_builder_new ();
              plantar_analysis_build_json (analysis, thresholds, name, builder);
              g_ptr_array_add (results, json_builder_get_root (builder));
            }
          else
            {
              g_print (_("%s: %s, %u %s\n"), name, plantar_scan_get_format_name (analysis->scan), analysis->feet->len,
                       analysis->is_recording ? (analysis->feet->len == 1 ? _("step") : _("steps"))
                                              : (analysis->feet->len == 1 ? _("foot") : _("feet")));
              if (analysis->is_recording)
                print_steps_table (analysis, thresholds);
              else
                print_feet_table (analysis, thresholds);
              for (guint w = 0; w < analysis->warnings->len; w++)
                g_print ("  %s\n", (char *) g_ptr_array_index (analysis->warnings, w));
              for (guint f = 0; f < analysis->feet->len; f++)
                {
                  PlantarFoot *foot = g_ptr_array_index (analysis->feet, f);
                  for (guint w = 0; w < foot->warnings->len; w++)
                    g_print ("  %s %u: %s\n", analysis->is_recording ? _("Step") : _("Foot"), f + 1,
                             (char *) g_ptr_array_index (foot->warnings, w));
                }
            }
          if (overlay != NULL && !write_overlay (analysis, overlay, &analysis_error))
            {
              print_error (analysis_error->message);
              status = EXIT_FAILURE;
            }
        }
      if (scans == NULL)
        {
          print_error (file_error->message);
          status = EXIT_FAILURE;
          if (opt_json)
            g_ptr_array_add (results, error_json (argv[i], file_error));
        }
    }

  /* one object for one scan; an array for several (files, or the
   * sensors of one file) */
  if (opt_json && results->len == 1)
    print_json (g_ptr_array_index (results, 0));
  else if (opt_json)
    {
      g_autoptr(JsonArray) array = json_array_sized_new (results->len);
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      for (guint r = 0; r < results->len; r++)
        json_array_add_element (array, json_node_ref (g_ptr_array_index (results, r)));
      json_node_set_array (root, array);
      print_json (root);
    }
  return status;
}

/* ------------------------------------------------------------ report */

static GDateTime *
parse_date (const char *text)
{
  int y, m, d;
  char end;

  if (sscanf (text, "%d-%d-%d%c", &y, &m, &d, &end) != 3)
    return NULL;
  return g_date_time_new_local (y, m, d, 12, 0, 0);
}

static int
command_report (int    argc,
                char **argv)
{
  double threshold = NAN, allowance = 15;
  g_autofree char *output = NULL, *paper_name = NULL, *detail = NULL, *rules_path = NULL;
  g_autofree char *thresholds_path = NULL, *date = NULL, *activity = NULL, *pain = NULL, *shoe = NULL;
  g_autofree char *weekly_km = NULL, *mass = NULL, *customer = NULL, *fitter = NULL, *notes = NULL;
  g_autofree char *shop = NULL, *address = NULL, *logo = NULL, *colormap = NULL;
  gboolean inches = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the report to this PDF file"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print the suggestion and its reasons as JSON"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("a4 (default) or letter"), N_("SIZE") },
    { "detail", 0, 0, G_OPTION_ARG_STRING, &detail, N_("store (one page, default) or clinic (every measurement and the sources)"), N_("LEVEL") },
    { "activity", 0, 0, G_OPTION_ARG_STRING, &activity, N_("running, walking or standing"), N_("WHAT") },
    { "weekly-km", 0, 0, G_OPTION_ARG_STRING, &weekly_km, N_("Distance walked or run a week"), N_("KM") },
    { "mass-kg", 0, 0, G_OPTION_ARG_STRING, &mass, N_("Body mass"), N_("KG") },
    { "pain", 0, 0, G_OPTION_ARG_STRING, &pain, N_("Where it hurts: heel, arch, forefoot, knee, lower_back (comma-separated)"), N_("WHERE") },
    { "shoe", 0, 0, G_OPTION_ARG_STRING, &shoe, N_("running, walking, casual, dress, work or hiking"), N_("TYPE") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("The customer's or patient's name"), N_("NAME") },
    { "fitter", 0, 0, G_OPTION_ARG_STRING, &fitter, N_("Who did the fitting"), N_("NAME") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes printed on the report"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The date of the fitting (default today)"), N_("YYYY-MM-DD") },
    { "shop", 0, 0, G_OPTION_ARG_STRING, &shop, N_("Shop or clinic name"), N_("NAME") },
    { "shop-address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Shop or clinic address"), N_("TEXT") },
    { "logo", 0, 0, G_OPTION_ARG_FILENAME, &logo, N_("Shop or clinic logo (PNG, JPEG or SVG)"), N_("FILE") },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path, N_("Insole rules from this file (default: ~/.config/plantar/rules.json, else Plantar's own)"), N_("FILE") },
    { "thresholds", 0, 0, G_OPTION_ARG_FILENAME, &thresholds_path, N_("Categories from this file instead"), N_("FILE") },
    { "colormap", 0, 0, G_OPTION_ARG_STRING, &colormap, N_("perceptual (default) or rainbow"), N_("NAME") },
    { "inches", 0, 0, G_OPTION_ARG_NONE, &inches, N_("Lengths in inches"), NULL },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold, N_("Contact threshold, as for analyze"), N_("T") },
    { "allowance", 0, 0, G_OPTION_ARG_DOUBLE, &allowance, N_("Shoe allowance beyond the foot, mm (default 15)"), N_("MM") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context (_("FILE [FILE]"), _("Suggest insoles for the feet in one scan of both feet, or in a scan of "
                                         "each, and write the fitting report as a PDF (-o) or the suggestion "
                                         "with its reasons as JSON (--json)."),
                     entries, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PlantarThresholds) thresholds = NULL;
  g_autoptr(PlantarRules) rules = NULL;
  g_autoptr(PlantarFitting) fitting = plantar_fitting_new ();
  g_autoptr(PlantarAdvice) advice = NULL;
  g_autoptr(PlantarReport) report = NULL;
  g_autoptr(GDateTime) when = NULL;
  PlantarImportOptions options;
  PlantarAnalysisSettings settings;
  PlantarAnswers answers;
  PlantarReportInfo info;
  PlantarPaper paper = PLANTAR_PAPER_A4;
  int status = EXIT_SUCCESS;
  gboolean any_foot = FALSE;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error->message);
      return 2;
    }
  if (argc < 2 || argc > 3)
    {
      print_error (_("report needs one scan of both feet, or a scan of each (see plantar-cli report --help)"));
      return 2;
    }
  if (output == NULL && !opt_json)
    {
      print_error (_("say where the report goes (-o report.pdf), or ask for --json"));
      return 2;
    }
  if (!import_options (&options))
    return 2;
  if (!(allowance >= 0 && allowance <= 40))
    {
      print_error (_("--allowance is 0 to 40 mm"));
      return 2;
    }
  if (paper_name != NULL && !plantar_paper_from_string (paper_name, &paper))
    {
      print_error (_("--paper is a4 or letter"));
      return 2;
    }
  plantar_report_info_init (&info);
  if (detail != NULL && !g_str_equal (detail, "store") && !g_str_equal (detail, "clinic"))
    {
      print_error (_("--detail is store or clinic"));
      return 2;
    }
  info.detail = g_strcmp0 (detail, "clinic") == 0 ? PLANTAR_REPORT_CLINIC : PLANTAR_REPORT_STORE;
  if (colormap != NULL && !g_str_equal (colormap, "perceptual") && !g_str_equal (colormap, "rainbow"))
    {
      print_error (_("--colormap is perceptual or rainbow"));
      return 2;
    }
  if (date != NULL && (when = parse_date (date)) == NULL)
    {
      print_error (_("--date is a date such as 2026-11-22"));
      return 2;
    }

  plantar_answers_init (&answers);
  {
    const char *questions[] = { "activity", "weekly_km", "body_mass_kg", "pain", "shoe" };
    const char *values[] = { activity, weekly_km, mass, pain, shoe };
    for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
      if (values[q] != NULL && !plantar_answers_set (&answers, questions[q], values[q], &error))
        {
          print_error (error->message);
          plantar_answers_clear (&answers);
          return 2;
        }
  }

  if (thresholds_path != NULL)
    {
      thresholds = plantar_thresholds_load (thresholds_path, &error);
      if (thresholds == NULL)
        {
          print_error (error->message);
          plantar_answers_clear (&answers);
          return 2;
        }
    }
  else
    thresholds = plantar_thresholds_get_default ();
  if (rules_path != NULL)
    rules = plantar_rules_load (rules_path, &error);
  else
    {
      rules = plantar_rules_get_default (&error);
      if (error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("%s; using Plantar's own rules"), error->message);
          print_error (message);
          g_clear_error (&error);
        }
    }
  if (rules == NULL)
    {
      print_error (error->message);
      plantar_answers_clear (&answers);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) file_scans = plantar_import_file (argv[i], &options, &error);
      if (file_scans == NULL)
        {
          print_error (error->message);
          plantar_answers_clear (&answers);
          return EXIT_FAILURE;
        }
      for (guint s = 0; s < file_scans->len; s++)
        {
          g_ptr_array_add (scans, plantar_scan_ref (g_ptr_array_index (file_scans, s)));
          g_ptr_array_add (names, g_strdup (argv[i]));
        }
    }
  g_ptr_array_add (names, NULL);

  plantar_analysis_settings_init (&settings);
  settings.threshold = threshold;
  settings.shoe_allowance_mm = allowance;
  plantar_fitting_set_scans (fitting, scans, (const char * const *) names->pdata, &settings);
  for (guint i = 0; i < scans->len; i++)
    {
      const GError *e = plantar_fitting_get_error (fitting, i);
      if (e != NULL)
        {
          g_autofree char *message = g_strdup_printf ("“%s”: %s", (char *) g_ptr_array_index (names, i), e->message);
          print_error (message);
          status = EXIT_FAILURE;
        }
    }
  any_foot = plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT) != NULL ||
             plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT) != NULL;
  if (!any_foot)
    {
      print_error (_("no foot was found to report on"));
      plantar_answers_clear (&answers);
      return EXIT_FAILURE;
    }

  advice = plantar_rules_suggest (rules, plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT),
                                  plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT), &answers, thresholds);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      json_builder_begin_object (builder);
      plantar_advice_build_json (advice, &answers, builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }

  if (output != NULL)
    {
      info.shop_name = shop;
      info.shop_address = address;
      info.shop_logo = logo;
      info.customer = customer;
      info.fitter = fitter;
      info.notes = notes;
      info.date = when;
      info.unit = inches ? PLANTAR_LENGTH_INCH : PLANTAR_LENGTH_MM;
      info.shoe_allowance_mm = allowance;
      info.colormap = colormap ? plantar_colormap_from_string (colormap) : PLANTAR_COLORMAP_PERCEPTUAL;
      report = plantar_report_new (fitting, advice, thresholds, &info, &error);
      if (report == NULL || !plantar_report_write_pdf (report, paper, output, &error))
        {
          print_error (error->message);
          status = EXIT_FAILURE;
        }
    }
  plantar_answers_clear (&answers);
  return status;
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plantar-cli.h"

/* What scan files hold, the formats, synthetic scans, and scans drawn to scale. */

/* ------------------------------------------------------------ info */

int
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

int
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

int
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

int
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


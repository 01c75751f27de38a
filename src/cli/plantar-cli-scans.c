/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plantar-cli.h"

/* What scan files hold, the formats, and scans drawn to scale. */

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

      scans = import_file (argv[i], &options, &import_error);
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

  scans = import_file (argv[1], &options, &error);
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


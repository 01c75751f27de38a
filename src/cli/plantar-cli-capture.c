/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plantar-cli.h"
#include "plantar-camera.h"
#include "plantar-scanner.h"
#include "plantar-watch.h"

/* devices, scan, watch: what the fitting station has, a scan straight from
 * its scanner, and the folder its plate exports into. */

/* ------------------------------------------------------------ devices */

int
command_devices (int    argc,
                 char **argv)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context ("", _("List the scanners and cameras Plantar can capture from."), entries, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scanners = NULL;
  g_autoptr(GPtrArray) cameras = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1)
    {
      print_error (error ? error->message : _("devices takes no file"));
      return 2;
    }
  scanners = plantar_scanner_list (&error);
  if (scanners == NULL)
    {
      print_error (error->message);
      g_clear_error (&error);
    }
  cameras = plantar_camera_list (NULL);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "scanners");
      json_builder_begin_array (b);
      for (guint i = 0; scanners != NULL && i < scanners->len; i++)
        {
          PlantarScannerInfo *s = g_ptr_array_index (scanners, i);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, s->name);
          json_builder_set_member_name (b, "vendor");
          json_builder_add_string_value (b, s->vendor);
          json_builder_set_member_name (b, "model");
          json_builder_add_string_value (b, s->model);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, s->type);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "cameras");
      json_builder_begin_array (b);
      for (guint i = 0; cameras != NULL && i < cameras->len; i++)
        {
          PlantarCameraInfo *c = g_ptr_array_index (cameras, i);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, c->id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, c->name);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      print_json (root);
      return EXIT_SUCCESS;
    }
  g_print ("%s\n", _("Scanners"));
  if (scanners == NULL || scanners->len == 0)
    g_print ("  %s\n", _("none found"));
  for (guint i = 0; scanners != NULL && i < scanners->len; i++)
    {
      PlantarScannerInfo *s = g_ptr_array_index (scanners, i);
      g_print ("  %-28s %s %s (%s)\n", s->name, s->vendor, s->model, s->type);
    }
  g_print ("%s\n", _("Cameras"));
  if (cameras == NULL || cameras->len == 0)
    g_print ("  %s\n", _("none found"));
  for (guint i = 0; cameras != NULL && i < cameras->len; i++)
    {
      PlantarCameraInfo *c = g_ptr_array_index (cameras, i);
      g_print ("  %-28s %s\n", c->id, c->name);
    }
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------ scan */

static void
progress_cb (double   fraction,
             gpointer data)
{
  if (*(gboolean *) data && fraction >= 0)
    g_printerr ("\r%s %3.0f %%", _("Scanning…"), fraction * 100);
}

int
command_scan (int    argc,
              char **argv)
{
  g_autofree char *device = NULL, *mode = NULL, *output = NULL;
  g_auto(GStrv) options = NULL;
  double dpi = 150;
  int depth = 0;
  gboolean preview = FALSE, progress = FALSE;
  const GOptionEntry entries[] = {
    { "device", 'd', 0, G_OPTION_ARG_STRING, &device, N_("The scanner (see plantar-cli devices; default the first)"), N_("NAME") },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, N_("Resolution (default 150: 0.17 mm a pixel)"), N_("DPI") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode, N_("gray (default) or color"), N_("MODE") },
    { "depth", 0, 0, G_OPTION_ARG_INT, &depth, N_("Bits a sample: 8, or 16"), N_("BITS") },
    { "preview", 0, 0, G_OPTION_ARG_NONE, &preview, N_("A quick, coarse preview"), NULL },
    { "option", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options, N_("A scanner setting, name=value (repeatable)"), N_("NAME=VALUE") },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress, N_("Say how far the scan is"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PNG to write, its scale in it"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context ("", _("Scan a print on a flatbed scanner into a PNG that carries its scale (pHYs)."),
                     entries, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  PlantarScanRequest request = { 0 };

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error->message);
      return 2;
    }
  if (output == NULL || argc != 1 || !(dpi >= 25 && dpi <= 2400) || (depth != 0 && depth != 8 && depth != 16) ||
      (mode != NULL && g_ascii_strcasecmp (mode, "gray") != 0 && g_ascii_strcasecmp (mode, "grey") != 0 &&
       g_ascii_strcasecmp (mode, "color") != 0 && g_ascii_strcasecmp (mode, "colour") != 0))
    {
      print_error (_("usage: plantar-cli scan -o FILE.png [--device NAME] [--dpi 25–2400] [--mode gray|color] "
                     "[--depth 8|16]"));
      return 2;
    }
  request.device = device;
  request.dpi = dpi;
  request.mode = mode != NULL && (mode[0] == 'c' || mode[0] == 'C') ? PLANTAR_SCAN_COLOUR : PLANTAR_SCAN_GREY;
  request.depth = depth;
  request.preview = preview;
  request.options = (const char * const *) options;
  scan = plantar_scanner_scan (&request, progress_cb, &progress, NULL, &error);
  if (progress)
    g_printerr ("\n");
  if (scan == NULL || !plantar_scan_save_png (scan, output, &error))
    {
      print_error (error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------ watch */

typedef struct {
  GMainLoop *loop;
  int        count;     /* scans to report before stopping; 0: for ever */
  int        reported;
  int        status;
} Watching;

static void
watch_scans_cb (PlantarWatch *watch,
                const char   *path,
                GPtrArray    *scans,
                Watching     *w)
{
  for (guint i = 0; i < scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (scans, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(PlantarAnalysis) analysis = plantar_analyze (scan, NULL, &error);

      if (opt_json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;
          g_autofree char *line = NULL;
          if (analysis != NULL)
            plantar_analysis_build_json (analysis, plantar_thresholds_get_builtin (), path, b);
          else
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "file");
              json_builder_add_string_value (b, path);
              json_builder_set_member_name (b, "error");
              json_builder_add_string_value (b, error->message);
              json_builder_end_object (b);
            }
          root = json_builder_get_root (b);
          line = json_to_string (root, FALSE);
          g_print ("%s\n", line);
        }
      else if (analysis != NULL)
        {
          g_print ("%s: %u %s\n", path, analysis->feet->len, analysis->feet->len == 1 ? _("foot") : _("feet"));
          for (guint f = 0; f < analysis->feet->len; f++)
            {
              PlantarFoot *foot = g_ptr_array_index (analysis->feet, f);
              g_print ("  %-6s  %s %.3f  %s %.1f mm\n", plantar_side_to_string (foot->side), _("arch index"),
                       foot->arch_index, _("length"), foot->foot_length_mm);
            }
        }
      else
        g_print ("%s: %s\n", path, error->message);
    }
  fflush (stdout);
  if (w->count > 0 && ++w->reported >= w->count)
    g_main_loop_quit (w->loop);
}

static void
watch_failed_cb (PlantarWatch *watch,
                 const char   *path,
                 const GError *error,
                 Watching     *w)
{
  g_autofree char *message = g_strdup_printf ("“%s”: %s", path, error->message);

  print_error (message);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *line = NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, path);
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, error->message);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      line = json_to_string (root, FALSE);
      g_print ("%s\n", line);
      fflush (stdout);
    }
  w->status = EXIT_FAILURE;
  if (w->count > 0 && ++w->reported >= w->count)
    g_main_loop_quit (w->loop);
}

static gboolean
stop_cb (gpointer data)
{
  g_main_loop_quit (((Watching *) data)->loop);
  return G_SOURCE_REMOVE;
}

int
command_watch (int    argc,
               char **argv)
{
  int count = 0, settle = 700;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("One JSON object a line for each scan, as analyze --json"), NULL },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, N_("Stop after this many files (default: until interrupted)"), N_("N") },
    { "settle-ms", 0, 0, G_OPTION_ARG_INT, &settle, N_("How long a file must stay unchanged to be complete (default 700)"), N_("MS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context (_("FOLDER"), _("Watch a folder a plate's software exports into, and measure each scan written "
                                    "there as soon as it is complete."), entries, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarWatch) watch = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  PlantarImportOptions options;
  Watching w = { 0 };

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error->message);
      return 2;
    }
  if (argc != 2 || count < 0 || settle < 0 || settle > 60000)
    {
      print_error (_("usage: plantar-cli watch FOLDER [--json] [--count N]"));
      return 2;
    }
  if (!import_options (&options))
    return 2;
  folder = g_file_new_for_commandline_arg (argv[1]);
  watch = plantar_watch_new (folder, &options, &error);
  if (watch == NULL)
    {
      print_error (error->message);
      return EXIT_FAILURE;
    }
  plantar_watch_set_settle (watch, settle);
  loop = g_main_loop_new (NULL, FALSE);
  w.loop = loop;
  w.count = count;
  g_signal_connect (watch, "scans", G_CALLBACK (watch_scans_cb), &w);
  g_signal_connect (watch, "failed", G_CALLBACK (watch_failed_cb), &w);
  g_unix_signal_add (SIGINT, stop_cb, &w);
  g_unix_signal_add (SIGTERM, stop_cb, &w);
  if (!opt_json)
    {
      g_autofree char *name = g_file_get_parse_name (folder);
      g_printerr (_("Watching “%s” (Ctrl+C to stop)…\n"), name);
    }
  g_main_loop_run (loop);
  return w.status;
}

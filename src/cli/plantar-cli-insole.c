/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "plantar-cli.h"
#include "plantar-insole.h"

/* insole: the insoles designed for the feet of a fitting, as files for a
 * lab or a 3D printer. */

typedef struct {
  char     *prefix, *length, *formats, *customer, *fitter;
  char    **set;
  double    shoe_eu;
  gboolean  want[4];   /* stl, 3mf, svg, dxf */
} InsoleOptions;

static const char * const format_names[] = { "stl", "3mf", "svg", "dxf" };

static gboolean
check_insole_options (InsoleOptions *o,
                      JsonObject    *overrides)
{
  g_auto(GStrv) formats = g_strsplit (o->formats ? o->formats : "stl,3mf,svg,dxf", ",", -1);
  g_autoptr(GError) error = NULL;
  PlantarInsoleParams probe = { 0 };

  if (o->prefix == NULL && !opt_json)
    {
      print_error (_("insole needs -o PREFIX (it writes PREFIX-left.stl, PREFIX-right.stl, …) or --json"));
      return FALSE;
    }
  for (guint i = 0; formats[i] != NULL; i++)
    {
      gboolean known = FALSE;
      g_strstrip (formats[i]);
      for (guint f = 0; f < G_N_ELEMENTS (format_names); f++)
        if (g_ascii_strcasecmp (formats[i], format_names[f]) == 0)
          known = o->want[f] = TRUE;
      if (!known)
        {
          g_autofree char *message = g_strdup_printf (_("--format: “%s” is not one of stl, 3mf, svg, dxf"), formats[i]);
          print_error (message);
          return FALSE;
        }
    }
  if (o->want[1] && !plantar_insole_can_write_3mf ())
    {
      print_error (_("--format: this Plantar was built without lib3mf and cannot write 3MF"));
      return FALSE;
    }
  if (o->length != NULL)
    {
      if (g_strcmp0 (o->length, "full") != 0 && g_strcmp0 (o->length, "three-quarter") != 0)
        {
          print_error (_("--length is full or three-quarter"));
          return FALSE;
        }
      json_object_set_string_member (overrides, "length", o->length);
    }
  if (o->shoe_eu != 0)
    {
      /* a shoe's insole is as long as its last: Paris points of 6.667 mm */
      if (!(o->shoe_eu >= 25 && o->shoe_eu <= 55))
        {
          print_error (_("--shoe-eu is an EU size from 25 to 55"));
          return FALSE;
        }
      json_object_set_double_member (overrides, "length_mm", round (o->shoe_eu * 20.0 / 3 * 10) / 10);
    }
  for (guint i = 0; o->set != NULL && o->set[i] != NULL; i++)
    {
      const char *eq = strchr (o->set[i], '=');
      g_autofree char *key = eq ? g_strstrip (g_strndup (o->set[i], eq - o->set[i])) : NULL;
      const PlantarInsoleParamInfo *info = plantar_insole_param_find (key);
      if (!plantar_insole_params_parse_assignment (&probe, o->set[i], &error))
        {
          g_autofree char *message = g_strdup_printf ("--set: %s", error->message);
          print_error (message);
          return FALSE;
        }
      if (info->kind == PLANTAR_PARAM_CHOICE)
        json_object_set_string_member (overrides, key, probe.length == PLANTAR_INSOLE_FULL ? "full" : "three-quarter");
      else
        json_object_set_double_member (overrides, key, plantar_insole_params_get (&probe, info));
    }
  return TRUE;
}

static gboolean
write_files (const PlantarInsole *insole,
             const InsoleOptions *o,
             JsonBuilder         *files)
{
  PlantarInsoleMeta meta = { o->customer, o->fitter };
  const char *side = plantar_side_to_string (insole->side);

  for (guint f = 0; o->prefix != NULL && f < G_N_ELEMENTS (format_names); f++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;
      if (!o->want[f])
        continue;
      path = g_strdup_printf ("%s-%s.%s", o->prefix, side, format_names[f]);
      ok = f == 0 ? plantar_insole_write_stl (insole, path, &error)
           : f == 1 ? plantar_insole_write_3mf (insole, &meta, path, &error)
           : f == 2 ? plantar_insole_write_svg (insole, path, &error)
                    : plantar_insole_write_dxf (insole, path, &error);
      if (!ok)
        {
          g_autofree char *message = g_strdup_printf ("“%s”: %s", path, error->message);
          print_error (message);
          return FALSE;
        }
      json_builder_set_member_name (files, format_names[f]);
      json_builder_add_string_value (files, path);
    }
  return TRUE;
}

int
command_insole (int    argc,
                char **argv)
{
  InsoleOptions o = { 0 };
  MeasureOptions m = { NAN, 15 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.prefix, N_("Write PREFIX-left.stl, PREFIX-right.svg, …"), N_("PREFIX") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print each insole's dimensions, parameters and files as JSON"), NULL },
    { "length", 0, 0, G_OPTION_ARG_STRING, &o.length, N_("full (default) or three-quarter"), N_("LENGTH") },
    { "shoe-eu", 0, 0, G_OPTION_ARG_DOUBLE, &o.shoe_eu, N_("Fit the insole to this EU shoe size (its last's length) instead of the foot"), N_("SIZE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o.formats, N_("Files to write: stl,3mf,svg,dxf (default all)"), N_("LIST") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.set, N_("Change one parameter, as heel_cup_depth_mm=18 (repeatable)"), N_("KEY=VALUE") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &o.customer, N_("The customer's name, kept in the 3MF"), N_("NAME") },
    { "fitter", 0, 0, G_OPTION_ARG_STRING, &o.fitter, N_("Who designed it, kept in the 3MF"), N_("NAME") },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &m.threshold, N_("Contact threshold, as for analyze"), N_("T") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context (_("FILE [FILE]"), _("Design an insole for each foot found, from its footprint and the "
                                         "suggestion (the answers and --rules as for report), and write it as "
                                         "STL and 3MF for a printer or a lab, and its outline as SVG and DXF at "
                                         "true scale. The design is for review by a professional before it is made."),
                     entries, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarFitting) fitting = plantar_fitting_new ();
  g_autoptr(PlantarThresholds) thresholds = NULL;
  g_autoptr(PlantarRules) rules = NULL;
  g_autoptr(PlantarAdvice) advice = NULL;
  g_autoptr(JsonObject) overrides = json_object_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  PlantarAnswers answers;
  gboolean measured = FALSE;
  int status = 2;

  plantar_answers_init (&answers);
  g_option_context_add_main_entries (context, cli_advice_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    print_error (error->message);
  else if (argc < 2 || argc > 3)
    print_error (_("insole needs one scan of both feet, or a scan of each (see plantar-cli insole --help)"));
  else if (check_insole_options (&o, overrides) && cli_load_advice (&answers, &rules, &thresholds))
    measured = cli_measure_files (argc - 1, argv + 1, &m, fitting, &status);
  if (!measured)
    goto out;

  advice = plantar_rules_suggest_fitting (rules, fitting, &answers, thresholds);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "insoles");
  json_builder_begin_array (builder);
  for (PlantarSide side = PLANTAR_SIDE_LEFT; side <= PLANTAR_SIDE_RIGHT; side++)
    {
      g_autoptr(PlantarInsole) insole = NULL;
      g_autoptr(GError) local = NULL;
      if (plantar_fitting_get_shown (fitting, side) == NULL)
        continue;
      insole = plantar_insole_design_for (fitting, side, rules, advice, overrides, &local);
      if (insole == NULL)
        {
          g_autofree char *message = g_strdup_printf (side == PLANTAR_SIDE_LEFT ? _("left foot: %s") : _("right foot: %s"),
                                                      local->message);
          print_error (message);
          status = local->code == PLANTAR_INSOLE_ERROR_PARAMETER ? 2 : EXIT_FAILURE;
          continue;
        }
      json_builder_begin_object (builder);
      plantar_insole_build_json (insole, builder);
      json_builder_set_member_name (builder, "files");
      json_builder_begin_object (builder);
      if (!write_files (insole, &o, builder))
        status = EXIT_FAILURE;
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (opt_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }

out:
  plantar_answers_clear (&answers);
  g_free (o.prefix);
  g_free (o.length);
  g_free (o.formats);
  g_free (o.customer);
  g_free (o.fitter);
  g_strfreev (o.set);
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plantar-cli.h"

/* analyze: every foot, or every step of a walk, measured. */

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

/* @text padded to @width characters (not bytes: "Plattfuß"), to the
 * right of them when @right, into @buf */
static const char *
pad (const char *text,
     int         width,
     gboolean    right,
     char       *buf,
     gsize       size)
{
  int fill = MAX (0, width - (int) g_utf8_strlen (text, -1));
  g_snprintf (buf, size, "%*s%s%*s", right ? fill : 0, "", text, right ? 0 : fill, "");
  return buf;
}

/* the words of the table: a side, where its side was taken from, a category */
static const char *
side_word (PlantarSide side)
{
  return side == PLANTAR_SIDE_LEFT ? C_("side", "left") : side == PLANTAR_SIDE_RIGHT ? C_("side", "right")
                                                                                   : C_("side", "unknown");
}

static const char *
side_source_word (const char *source)
{
  if (g_strcmp0 (source, "shape") == 0)
    return C_("side taken from", "shape");
  if (g_strcmp0 (source, "file") == 0)
    return C_("side taken from", "file");
  if (g_strcmp0 (source, "pair") == 0)
    return C_("side taken from", "pair");
  return source ? source : "";
}

static const char *
strike_word (PlantarStrike strike)
{
  switch (strike)
    {
    case PLANTAR_STRIKE_REARFOOT:
      return C_("category badge", "rearfoot");
    case PLANTAR_STRIKE_MIDFOOT:
      return C_("category badge", "midfoot");
    case PLANTAR_STRIKE_FOREFOOT:
      return C_("category badge", "forefoot");
    case PLANTAR_STRIKE_UNKNOWN:
    default:
      return "–";
    }
}

static void
print_feet_table (PlantarAnalysis   *analysis,
                  PlantarThresholds *thresholds)
{
  GPtrArray *feet = analysis->feet;
  char b[64], p[128];
#define ROW(label, fmt, field) G_STMT_START { \
    g_print ("  %s", pad (label, 22, FALSE, p, sizeof p)); \
    for (guint i = 0; i < feet->len; i++) \
      { \
        PlantarFoot *f = g_ptr_array_index (feet, i); \
        g_print (" %s", pad (na (f->field, fmt, b, sizeof b), 16, TRUE, p, sizeof p)); \
      } \
    g_print ("\n"); \
  } G_STMT_END
#define CAT(label, index, field) G_STMT_START { \
    g_print ("  %s", pad (label, 22, FALSE, p, sizeof p)); \
    for (guint i = 0; i < feet->len; i++) \
      { \
        PlantarFoot *f = g_ptr_array_index (feet, i); \
        PlantarCategory c; \
        g_autofree char *word = NULL; \
        plantar_thresholds_categorize (thresholds, index, f->field, &c); \
        word = plantar_category_badge (c.category); \
        g_print (" %s", pad (word ? word : "–", 16, TRUE, p, sizeof p)); \
      } \
    g_print ("\n"); \
  } G_STMT_END

  g_print ("  %-22s", "");
  for (guint i = 0; i < feet->len; i++)
    {
      PlantarFoot *f = g_ptr_array_index (feet, i);
      g_autofree char *head = g_strdup_printf ("%s (%s)", side_word (f->side), side_source_word (f->side_source));
      g_print (" %s", pad (head, 16, TRUE, p, sizeof p));
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
  char b[8][32], p[2][64];

  g_print (_("  step side   frames      AI  type     CSI  length  ball  heel  CPEI   FPA\n"));
  for (guint i = 0; i < analysis->feet->len; i++)
    {
      PlantarFoot *f = g_ptr_array_index (analysis->feet, i);
      PlantarCategory c;
      g_autofree char *word = NULL;
      plantar_thresholds_categorize (thresholds, "arch_index", f->arch_index, &c);
      word = plantar_category_badge (c.category);
      g_print ("  %4u %s %4u–%-5u %5s %s %5s %6s %5s %5s %5s %5s%s\n", i + 1, pad (side_word (f->side), 5, FALSE, p[0], 64),
               f->first_frame, f->last_frame, na (f->arch_index, "%.3f", b[0], 32),
               pad (word ? word : "–", 7, FALSE, p[1], 64),
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
      g_print (side == PLANTAR_SIDE_LEFT
               ? _("  mean of %u left steps: arch index %s (sd %s), foot length %s mm, CPEI %s %%\n")
               : _("  mean of %u right steps: arch index %s (sd %s), foot length %s mm, CPEI %s %%\n"), sum.n_steps,
               na (sum.mean->arch_index, "%.3f", b[0], 32),
               na (sum.sd_arch_index, "%.3f", b[1], 32), na (sum.mean->foot_length_mm, "%.1f", b[2], 32),
               na (sum.mean->cpei_pct, "%.1f", b[3], 32));
      plantar_side_summary_clear (&sum);
    }
}

/* The walk or run the steps make, under the table of steps */
static void
print_gait (PlantarAnalysis   *analysis,
            PlantarThresholds *thresholds)
{
  PlantarGait g;
  char b[8][32];

  plantar_gait_compute (analysis, thresholds, &g);
  if (!g.available)
    {
      plantar_gait_clear (&g);
      return;
    }
  g_print (_("  %s %s: %s km/h (%s m/s), cadence %s steps/min, step %s mm, stride %s mm, step width %s mm, %s %s ms\n"),
           g.running ? _("running") : _("walking"), g.treadmill ? _("on a treadmill") : _("along a walkway"),
           na (g.speed_mm_s * 3.6 / 1000, "%.2f", b[0], 32), na (g.speed_mm_s / 1000, "%.2f", b[1], 32),
           na (g.cadence_spm, "%.0f", b[2], 32), na (g.step_length_mm.mean, "%.0f", b[3], 32),
           na (g.stride_length_mm.mean, "%.0f", b[4], 32), na (g.step_width_mm.mean, "%.0f", b[5], 32),
           g.running ? _("flight") : _("double support"),
           na (g.running ? g.flight_ms.mean : g.double_support_ms.mean, "%.0f", b[6], 32));
  for (PlantarSide side = PLANTAR_SIDE_LEFT; side <= PLANTAR_SIDE_RIGHT; side++)
    {
      const PlantarGaitSide *s = plantar_gait_get_side (&g, side);
      g_print (_("  %-5s %u steps: stance %s ms (%s %%), swing %s ms, step %s ms, %s mm, peak %s N, %s (index %s %%)\n"),
               side_word (side), s->n_steps, na (s->stance_ms.mean, "%.0f", b[0], 32),
               na (s->stance_pct.mean, "%.1f", b[1], 32), na (s->swing_ms.mean, "%.0f", b[2], 32),
               na (s->step_time_ms.mean, "%.0f", b[3], 32), na (s->step_length_mm.mean, "%.0f", b[4], 32),
               na (s->peak_force_n.mean, "%.0f", b[5], 32),
               strike_word (s->strike),
               na (s->strike_index_pct.mean, "%.0f", b[6], 32));
    }
  g_print ("%s", _("  symmetry, right − left:"));
  for (int i = 0; i < PLANTAR_GAIT_N_SYMMETRIES; i++)
    {
      const char *what = plantar_gait_symmetry_phrase ((PlantarGaitSymmetry) i);
      g_print (" %s %s %%%s%s", what, na (g.symmetry_pct[i], "%+.1f", b[0], 32), g.symmetry_flag[i] ? " !" : "",
               i + 1 < PLANTAR_GAIT_N_SYMMETRIES ? "," : "");
    }
  {
    gboolean flagged = FALSE;
    for (int i = 0; i < PLANTAR_GAIT_N_SYMMETRIES; i++)
      flagged |= g.symmetry_flag[i];
    g_print (flagged ? _("; ! beyond %.0f %%\n") : _("; none beyond %.0f %%\n"), g.symmetry_limit_pct);
  }
  plantar_gait_clear (&g);
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

int
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

      scans = import_file (argv[i], &options, &file_error);
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
                {
                  print_steps_table (analysis, thresholds);
                  print_gait (analysis, thresholds);
                }
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


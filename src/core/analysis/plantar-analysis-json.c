/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-analysis-json"

#include "config.h"

#include "plantar-analysis-private.h"
#include "plantar-gait.h"
#include "plantar-sheet.h"

/*
 * An analysis as JSON, for plantar-cli analyze --json and for records:
 *
 *   { "file", "kind": "image"|"pressure", "capture", "recording",
 *     "sheet": { "photo_px": [w, h], "corners_px": [[x, y] × 4], "size_mm": [w, h] } (a photo),
 *     "feet": [ { "side", "arch_index", "arch_type", ... } ],
 *     "sides": { "left": {...}, "right": {...} }, "asymmetry": {...},
 *     "warnings": [...] }
 *
 * Values that cannot be known are null; lengths are mm, pressures kPa,
 * forces N, times ms, points [x, y] in mm in the scan's frame.
 */

static void
number (JsonBuilder *b,
        const char  *key,
        double       value,
        double       precision)
{
  json_builder_set_member_name (b, key);
  if (isfinite (value))
    json_builder_add_double_value (b, round (value / precision) * precision);
  else
    json_builder_add_null_value (b);
}

static void
text (JsonBuilder *b,
      const char  *key,
      const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
point (JsonBuilder  *b,
       const char   *key,
       PlantarPoint  p,
       gboolean      known)
{
  json_builder_set_member_name (b, key);
  if (!known || !isfinite (p.x) || !isfinite (p.y))
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  json_builder_add_double_value (b, round (p.x * 10) / 10);
  json_builder_add_double_value (b, round (p.y * 10) / 10);
  json_builder_end_array (b);
}

static void
category (JsonBuilder       *b,
          PlantarThresholds *t,
          const char        *key,
          const char        *index,
          double             value)
{
  PlantarCategory c;

  plantar_thresholds_categorize (t, index, value, &c);
  text (b, key, c.category);
}

static void
foot_json (const PlantarFoot       *f,
           PlantarThresholds       *t,
           const PlantarAnalysis   *analysis,
           JsonBuilder             *b)
{
  gboolean pressure = f->has_pressure;
  PlantarShoeSizes sizes;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, f->index);
  text (b, "side", plantar_side_to_string (f->side));
  text (b, "side_source", f->side_source);
  number (b, "side_confidence", f->side_confidence, 0.01);
  json_builder_set_member_name (b, "complete");
  json_builder_add_boolean_value (b, f->complete);

  number (b, "arch_index", f->arch_index, 0.001);
  category (b, t, "arch_type", "arch_index", f->arch_index);
  number (b, "modified_arch_index", pressure ? f->modified_arch_index : NAN, 0.001);
  number (b, "chippaux_smirak", f->chippaux_smirak, 0.1);
  category (b, t, "chippaux_smirak_type", "chippaux_smirak", f->chippaux_smirak);
  number (b, "staheli", f->staheli, 0.01);
  number (b, "clarke_angle_deg", f->clarke_angle_deg, 0.1);
  category (b, t, "clarke_angle_type", "clarke_angle_deg", f->clarke_angle_deg);
  number (b, "hernandez_corvo", f->hernandez_corvo, 0.1);
  category (b, t, "hernandez_corvo_type", "hernandez_corvo", f->hernandez_corvo);

  number (b, "foot_length_mm", f->foot_length_mm, 0.1);
  number (b, "toeless_length_mm", f->toeless_length_mm, 0.1);
  number (b, "ball_width_mm", f->ball_width_mm, 0.1);
  number (b, "heel_width_mm", f->heel_width_mm, 0.1);
  number (b, "midfoot_width_mm", f->midfoot_width_mm, 0.1);
  number (b, "contact_area_mm2", f->contact_area_mm2, 1);
  number (b, "toeless_area_mm2", f->toeless_area_mm2, 1);
  number (b, "axis_deg", f->axis_deg, 0.1);
  point (b, "heel_centre_mm", f->heel_centre, TRUE);
  point (b, "toe_tip_mm", f->toe_tip, f->has_toes);
  point (b, "heel_back_mm", f->heel_back, TRUE);
  point (b, "ball_front_mm", f->ball_front, TRUE);
  json_builder_set_member_name (b, "toe_line_mm");
  if (f->has_toes)
    {
      json_builder_begin_array (b);
      for (int k = 0; k < 2; k++)
        {
          json_builder_begin_array (b);
          json_builder_add_double_value (b, round (f->toe_line[k].x * 10) / 10);
          json_builder_add_double_value (b, round (f->toe_line[k].y * 10) / 10);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);

  plantar_shoe_sizes (f->foot_length_mm, f->ball_width_mm, analysis->settings.shoe_allowance_mm, &sizes);
  json_builder_set_member_name (b, "shoe_sizes");
  if (isfinite (f->foot_length_mm))
    {
      json_builder_begin_object (b);
      number (b, "eu", sizes.eu, 0.5);
      number (b, "uk", sizes.uk, 0.5);
      number (b, "us_men", sizes.us_men, 0.5);
      number (b, "us_women", sizes.us_women, 0.5);
      text (b, "mondopoint", sizes.mondopoint);
      number (b, "allowance_mm", analysis->settings.shoe_allowance_mm, 0.1);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  if (pressure)
    {
      number (b, "heel_cop_offset_mm", f->heel_cop_offset_mm, 0.1);
      number (b, "heel_medial_load_pct", f->heel_medial_load_pct, 0.1);
      number (b, "heel_peak_kpa", f->heel_peak_kpa, 1);
      number (b, "peak_kpa", f->peak_kpa, 1);
      number (b, "medial_load_pct", f->medial_load_pct, 0.1);
      json_builder_set_member_name (b, "regions");
      json_builder_begin_object (b);
      for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
        {
          const PlantarRegionStats *st = &f->regions[r];
          json_builder_set_member_name (b, plantar_region_to_string (r));
          json_builder_begin_object (b);
          number (b, "peak_kpa", st->peak_kpa, 1);
          number (b, "mean_kpa", st->mean_kpa, 1);
          number (b, "area_mm2", st->area_mm2, 1);
          number (b, "force_n", st->force_n, 0.1);
          number (b, "load_pct", st->load_pct, 0.1);
          number (b, "pti_kpa_s", st->pti_kpa_s, 0.1);
          number (b, "contact_ms", st->contact_ms, 1);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }

  if (analysis->is_recording)
    {
      json_builder_set_member_name (b, "frames");
      json_builder_begin_array (b);
      json_builder_add_int_value (b, f->first_frame);
      json_builder_add_int_value (b, f->last_frame);
      json_builder_end_array (b);
      number (b, "start_ms", f->start_ms, 0.1);
      number (b, "contact_ms", f->contact_ms, 0.1);
      number (b, "cpei", f->cpei_pct, 0.1);
      number (b, "progression_angle_deg", f->progression_angle_deg, 0.1);
      json_builder_set_member_name (b, "cop_path_mm");
      json_builder_begin_array (b);
      for (guint i = 0; f->cop_path && i < f->cop_path->len; i++)
        {
          PlantarCopPoint *p = &g_array_index (f->cop_path, PlantarCopPoint, i);
          json_builder_begin_array (b);
          json_builder_add_double_value (b, round (p->x * 10) / 10);
          json_builder_add_double_value (b, round (p->y * 10) / 10);
          json_builder_add_double_value (b, round (p->time_ms * 10) / 10);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (f->warnings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* The sheet of paper a photo was measured on: its corners in the photo's
 * pixels, top-left, top-right, bottom-right, bottom-left. */
static void
sheet_json (JsonBuilder        *b,
            const PlantarScan  *photo,
            const PlantarSheet *sheet)
{
  json_builder_set_member_name (b, "sheet");
  json_builder_begin_object (b);
  /* the photo as decoded: a large one is decoded smaller */
  json_builder_set_member_name (b, "photo_px");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, plantar_scan_get_width (photo));
  json_builder_add_int_value (b, plantar_scan_get_height (photo));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "corners_px");
  json_builder_begin_array (b);
  for (guint i = 0; i < PLANTAR_SHEET_N_CORNERS; i++)
    {
      json_builder_begin_array (b);
      json_builder_add_double_value (b, round (sheet->x[i] * 100) / 100);
      json_builder_add_double_value (b, round (sheet->y[i] * 100) / 100);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "size_mm");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, sheet->width_mm);
  json_builder_add_double_value (b, sheet->height_mm);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * plantar_analysis_build_json:
 * @thresholds: the categories to name
 * @file: the file as the user named it
 */
void
plantar_analysis_build_json (PlantarAnalysis   *analysis,
                             PlantarThresholds *thresholds,
                             const char        *file,
                             JsonBuilder       *b)
{
  PlantarScan *scan = analysis->scan;
  PlantarAsymmetry asym;

  json_builder_begin_object (b);
  text (b, "file", file);
  text (b, "kind", plantar_scan_is_pressure (scan) ? "pressure" : "image");
  text (b, "capture", plantar_capture_mode_to_string (plantar_scan_get_capture_mode (scan)));
  json_builder_set_member_name (b, "recording");
  json_builder_add_boolean_value (b, analysis->is_recording);
  if (analysis->is_recording)
    {
      number (b, "belt_mm_per_s", analysis->belt_mm_per_s, 1);
      number (b, "walk_direction_deg", analysis->walk_direction_deg, 0.1);
      /* sensors that never unloaded, and the most taken off one */
      json_builder_set_member_name (b, "baseline_sensors");
      json_builder_add_int_value (b, analysis->baseline_cells);
      number (b, "baseline_max", analysis->baseline_max, 0.1);
      {
        PlantarGait gait;
        plantar_gait_compute (analysis, thresholds, &gait);
        json_builder_set_member_name (b, "gait");
        plantar_gait_build_json (&gait, b);
        plantar_gait_clear (&gait);
      }
    }
  text (b, "thresholds", plantar_thresholds_get_source (thresholds));
  if (plantar_scan_get_sheet (scan) != NULL)
    sheet_json (b, plantar_scan_get_photo (scan), plantar_scan_get_sheet (scan));

  json_builder_set_member_name (b, "feet");
  json_builder_begin_array (b);
  for (guint i = 0; i < analysis->feet->len; i++)
    foot_json (g_ptr_array_index (analysis->feet, i), thresholds, analysis, b);
  json_builder_end_array (b);

  if (analysis->is_recording)
    {
      json_builder_set_member_name (b, "sides");
      json_builder_begin_object (b);
      for (PlantarSide side = PLANTAR_SIDE_LEFT; side <= PLANTAR_SIDE_RIGHT; side++)
        {
          PlantarSideSummary sum;
          json_builder_set_member_name (b, plantar_side_to_string (side));
          if (!plantar_analysis_side_summary (analysis, side, &sum))
            {
              json_builder_add_null_value (b);
              continue;
            }
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "steps");
          json_builder_add_int_value (b, sum.n_steps);
          number (b, "sd_arch_index", sum.sd_arch_index, 0.001);
          number (b, "sd_foot_length_mm", sum.sd_foot_length_mm, 0.1);
          json_builder_set_member_name (b, "mean");
          foot_json (sum.mean, thresholds, analysis, b);
          json_builder_end_object (b);
          plantar_side_summary_clear (&sum);
        }
      json_builder_end_object (b);
    }

  plantar_analysis_asymmetry (analysis, thresholds, &asym);
  json_builder_set_member_name (b, "asymmetry");
  if (asym.available)
    {
      json_builder_begin_object (b);
      number (b, "arch_index_diff", asym.arch_index_diff, 0.001);
      number (b, "heel_offset_diff_mm", asym.heel_offset_diff_mm, 0.1);
      number (b, "load_diff_pct", asym.load_diff_pct, 0.1);
      json_builder_set_member_name (b, "flag_arch_index");
      json_builder_add_boolean_value (b, asym.flag_arch_index);
      json_builder_set_member_name (b, "flag_heel");
      json_builder_add_boolean_value (b, asym.flag_heel);
      json_builder_set_member_name (b, "flag_load");
      json_builder_add_boolean_value (b, asym.flag_load);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < plantar_scan_get_n_warnings (scan); i++)
    json_builder_add_string_value (b, plantar_scan_get_warning (scan, i));
  for (guint i = 0; i < analysis->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (analysis->warnings, i));
  json_builder_end_array (b);
  number (b, "elapsed_ms", analysis->elapsed_ms, 0.1);
  json_builder_end_object (b);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "plantar-import.h"
#include "plantar-records-private.h"

/* ------------------------------------------------------------ a live fitting */

static void
add_point (JsonBuilder        *b,
           const char         *name,
           gboolean            has,
           const PlantarPoint *p)
{
  json_builder_set_member_name (b, name);
  if (!has)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  json_builder_add_double_value (b, p->x);
  json_builder_add_double_value (b, p->y);
  json_builder_end_array (b);
}

static gboolean
get_point (JsonObject   *o,
           const char   *name,
           PlantarPoint *p)
{
  JsonNode *n = json_object_get_member (o, name);
  JsonArray *a;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n) || json_array_get_length (a = json_node_get_array (n)) != 2)
    return FALSE;
  p->x = plantar_json_element_number (a, 0, NAN);
  p->y = plantar_json_element_number (a, 1, NAN);
  return isfinite (p->x) && isfinite (p->y);
}

/* The sheet each photo was measured on, by the scan's place in the
 * fitting: moved by hand, it is not the one found again on reading. */
static void
add_sheets (JsonBuilder    *b,
            PlantarFitting *fitting)
{
  json_builder_set_member_name (b, "sheets");
  json_builder_begin_array (b);
  for (guint i = 0; i < plantar_fitting_get_n_scans (fitting); i++)
    {
      const PlantarSheet *sheet = plantar_scan_get_sheet (plantar_fitting_get_scan (fitting, i));
      if (sheet == NULL)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "scan");
      json_builder_add_int_value (b, i);
      json_builder_set_member_name (b, "corners_px");
      json_builder_begin_array (b);
      for (guint k = 0; k < PLANTAR_SHEET_N_CORNERS; k++)
        {
          json_builder_begin_array (b);
          json_builder_add_double_value (b, sheet->x[k]);
          json_builder_add_double_value (b, sheet->y[k]);
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
  json_builder_end_array (b);
}

/* The sheet a record kept for the scan at @index, if any. */
static gboolean
get_sheet (const PlantarFittingRecord *record,
           guint                       index,
           PlantarSheet               *sheet)
{
  JsonObject *state = record->state && JSON_NODE_HOLDS_OBJECT (record->state) ? json_node_get_object (record->state) : NULL;
  JsonNode *node = state ? json_object_get_member (state, "sheets") : NULL;
  JsonArray *sheets = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; sheets != NULL && i < json_array_get_length (sheets); i++)
    {
      JsonNode *n = json_array_get_element (sheets, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      JsonNode *corners = o ? json_object_get_member (o, "corners_px") : NULL;
      JsonNode *size = o ? json_object_get_member (o, "size_mm") : NULL;
      JsonArray *c, *z;

      if (o == NULL || plantar_json_int (o, "scan", -1) != index ||
          corners == NULL || !JSON_NODE_HOLDS_ARRAY (corners) || size == NULL || !JSON_NODE_HOLDS_ARRAY (size) ||
          json_array_get_length (c = json_node_get_array (corners)) != PLANTAR_SHEET_N_CORNERS ||
          json_array_get_length (z = json_node_get_array (size)) != 2)
        continue;
      for (guint k = 0; k < PLANTAR_SHEET_N_CORNERS; k++)
        {
          JsonNode *p = json_array_get_element (c, k);
          JsonArray *xy = JSON_NODE_HOLDS_ARRAY (p) ? json_node_get_array (p) : NULL;
          if (xy == NULL || json_array_get_length (xy) != 2)
            return FALSE;
          sheet->x[k] = plantar_json_element_number (xy, 0, NAN);
          sheet->y[k] = plantar_json_element_number (xy, 1, NAN);
        }
      sheet->width_mm = plantar_json_element_number (z, 0, NAN);
      sheet->height_mm = plantar_json_element_number (z, 1, NAN);
      return TRUE;
    }
  return FALSE;
}

/**
 * plantar_fitting_record_capture:
 *
 * Writes what the fitting is now into @record: the analysis settings, the
 * sheet each photo was measured on, each side's choice and the
 * corrections of the foot shown, the measurements,
 * a summary for lists and the suggestion.
 */
void
plantar_fitting_record_capture (PlantarFittingRecord *record,
                                PlantarFitting       *fitting,
                                const PlantarAdvice  *advice,
                                PlantarThresholds    *thresholds)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonBuilder) m = json_builder_new ();
  const PlantarAnalysisSettings *settings = plantar_fitting_get_settings (fitting);
  g_autoptr(GString) summary = g_string_new (NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_double_value (b, isnan (settings->threshold) ? -1 : settings->threshold);
  json_builder_set_member_name (b, "shoe_allowance_mm");
  json_builder_add_double_value (b, settings->shoe_allowance_mm);
  add_sheets (b, fitting);

  json_builder_begin_object (m);
  for (int s = 0; s < 2; s++)
    {
      PlantarSide side = s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      const char *name = s == 0 ? "left" : "right";
      PlantarFoot *shown = plantar_fitting_get_shown (fitting, side);
      PlantarFoot *foot = plantar_fitting_get_foot (fitting, side);
      const PlantarCorrections *c = shown ? &shown->corrections : NULL;

      json_builder_set_member_name (b, name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "choice");
      json_builder_add_int_value (b, plantar_fitting_get_choice (fitting, side));
      add_point (b, "heel_centre", c && c->has_heel_centre, c ? &c->heel_centre : NULL);
      add_point (b, "toe_tip", c && c->has_toe_tip, c ? &c->toe_tip : NULL);
      add_point (b, "toe_line_start", c && c->has_toe_line, c ? &c->toe_line[0] : NULL);
      add_point (b, "toe_line_end", c && c->has_toe_line, c ? &c->toe_line[1] : NULL);
      json_builder_set_member_name (b, "threshold");
      if (c && c->has_threshold)
        json_builder_add_double_value (b, c->threshold);
      else
        json_builder_add_null_value (b);
      /* the insole's parameters changed by hand */
      if (plantar_fitting_get_insole_overrides (fitting, side) != NULL)
        {
          g_autoptr(JsonNode) insole = json_node_init_object (json_node_alloc (),
                                                              plantar_fitting_get_insole_overrides (fitting, side));
          json_builder_set_member_name (b, "insole");
          json_builder_add_value (b, json_node_copy (insole));
        }
      json_builder_end_object (b);

      /* the numbers, for export and comparison */
      json_builder_set_member_name (m, name);
      if (foot == NULL)
        json_builder_add_null_value (m);
      else
        {
          PlantarCategory category;
          json_builder_begin_object (m);
#define NUMBER(key, value) \
          G_STMT_START { json_builder_set_member_name (m, key); \
                         if (isfinite (value)) json_builder_add_double_value (m, value); \
                         else json_builder_add_null_value (m); } G_STMT_END
          NUMBER ("arch_index", foot->arch_index);
          NUMBER ("modified_arch_index", foot->modified_arch_index);
          NUMBER ("chippaux_smirak", foot->chippaux_smirak);
          NUMBER ("staheli", foot->staheli);
          NUMBER ("clarke_angle_deg", foot->clarke_angle_deg);
          NUMBER ("hernandez_corvo", foot->hernandez_corvo);
          NUMBER ("foot_length_mm", foot->foot_length_mm);
          NUMBER ("ball_width_mm", foot->ball_width_mm);
          NUMBER ("heel_width_mm", foot->heel_width_mm);
          NUMBER ("heel_cop_offset_mm", foot->heel_cop_offset_mm);
          NUMBER ("heel_peak_kpa", foot->has_pressure ? foot->heel_peak_kpa : NAN);
          NUMBER ("peak_kpa", foot->has_pressure ? foot->peak_kpa : NAN);
          NUMBER ("medial_load_pct", foot->medial_load_pct);
          NUMBER ("cpei_pct", foot->cpei_pct);
          NUMBER ("progression_angle_deg", foot->progression_angle_deg);
#undef NUMBER
          json_builder_end_object (m);
          if (isfinite (foot->arch_index))
            {
              g_string_append_printf (summary, "%s%s %.3f", summary->len ? " · " : "", s == 0 ? _("L") : _("R"),
                                      foot->arch_index);
              if (plantar_thresholds_categorize (thresholds ? thresholds : plantar_thresholds_get_builtin (),
                                                 "arch_index", foot->arch_index, &category) && category.category)
                g_string_append_printf (summary, " %s", category.category);
            }
        }
    }
  json_builder_end_object (m);
  json_builder_end_object (b);

  g_clear_pointer (&record->state, json_node_unref);
  g_clear_pointer (&record->measurements, json_node_unref);
  record->state = json_builder_get_root (b);
  record->measurements = json_builder_get_root (m);
  g_free (record->summary);
  record->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  g_clear_pointer (&record->suggestion, g_free);
  if (advice != NULL)
    {
      const char *l = advice->left.available ? advice->left.insole_label : NULL;
      const char *r = advice->right.available ? advice->right.insole_label : NULL;
      record->suggestion = l && r && g_strcmp0 (l, r) != 0 ? g_strdup_printf ("%s · %s", l, r) : g_strdup (l ? l : r);
    }
}

/**
 * plantar_fitting_record_load_scans:
 * @names: (out) (optional): the file name of each scan
 *
 * The scans of the record, read again from their stored bytes, with the
 * calibration they were given.
 *
 * Returns: (transfer full) (nullable) (element-type PlantarScan)
 */
GPtrArray *
plantar_fitting_record_load_scans (const PlantarFittingRecord *record,
                                   GStrv                      *names,
                                   GError                    **error)
{
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (record->scans->len == 0)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID, _("The fitting holds no scan"));
      return NULL;
    }
  for (guint i = 0; i < record->scans->len; i++)
    {
      PlantarStoredScan *stored = g_ptr_array_index (record->scans, i);
      g_autoptr(GError) import_error = NULL;
      g_autoptr(GPtrArray) got = plantar_import_bytes (stored->bytes, stored->name, NULL, &import_error);
      if (got == NULL)
        {
          g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT,
                       _("The stored scan “%s” cannot be read: %s"), stored->name, import_error->message);
          return NULL;
        }
      for (guint k = 0; k < got->len; k++)
        {
          PlantarScan *scan = g_ptr_array_index (got, k);
          PlantarSheet sheet;
          if (get_sheet (record, scans->len, &sheet))
            {
              /* the sheet as it was left: rectified again from the photo */
              PlantarScan *photo = plantar_scan_get_photo (scan) ? plantar_scan_get_photo (scan) : scan;
              g_autoptr(GError) sheet_error = NULL;
              PlantarScan *rectified = plantar_sheet_rectify (photo, &sheet, &sheet_error);
              if (rectified == NULL)
                {
                  g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT,
                               _("The sheet kept for “%s” cannot be used: %s"), stored->name, sheet_error->message);
                  return NULL;
                }
              plantar_scan_set_source_file (rectified, plantar_scan_get_source_file (scan));
              g_ptr_array_add (scans, rectified);
              g_strv_builder_add (builder, stored->name);
              continue;
            }
          if (stored->cell_width_mm > 0 && stored->cell_height_mm > 0)
            plantar_scan_set_cell_size (scan, stored->cell_width_mm, stored->cell_height_mm);
          if (stored->frame_ms > 0 && plantar_scan_get_n_frames (scan) > 1)
            plantar_scan_set_frame_ms (scan, stored->frame_ms);
          g_ptr_array_add (scans, plantar_scan_ref (scan));
          g_strv_builder_add (builder, stored->name);
        }
    }
  if (names != NULL)
    *names = g_strv_builder_end (builder);
  return g_steal_pointer (&scans);
}

/* The analysis settings a record was measured with. */
void
plantar_fitting_record_get_settings (const PlantarFittingRecord *record,
                                     PlantarAnalysisSettings    *settings)
{
  JsonObject *state = record->state && JSON_NODE_HOLDS_OBJECT (record->state) ? json_node_get_object (record->state) : NULL;

  plantar_analysis_settings_init (settings);
  if (state != NULL)
    {
      double t = plantar_json_number (state, "threshold", -1);
      settings->threshold = t >= 0 ? t : NAN;
      settings->shoe_allowance_mm = plantar_json_number (state, "shoe_allowance_mm",
                                                                                settings->shoe_allowance_mm);
    }
}

/**
 * plantar_fitting_record_apply_state:
 *
 * Brings @fitting, measured from the record's scans, to where the record
 * left it: each side's choice, threshold and corrections. Where it starts
 * from, not steps to undo.
 */
void
plantar_fitting_record_apply_state (const PlantarFittingRecord *record,
                                    PlantarFitting             *fitting)
{
  JsonObject *state = record->state && JSON_NODE_HOLDS_OBJECT (record->state) ? json_node_get_object (record->state) : NULL;

  for (int s = 0; state != NULL && s < 2; s++)
    {
      PlantarSide side = s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      const char *key = s == 0 ? "left" : "right";
      JsonNode *node = json_object_get_member (state, key);
      JsonObject *o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      PlantarCorrections c;
      JsonNode *threshold;
      gint64 choice;

      if (o == NULL || plantar_fitting_get_n_choices (fitting, side) == 0)
        continue;
      choice = plantar_json_int (o, "choice", 0);
      if (choice >= 0 && choice < plantar_fitting_get_n_choices (fitting, side))
        plantar_fitting_set_choice (fitting, side, choice);
      threshold = json_object_get_member (o, "threshold");
      if (threshold != NULL && JSON_NODE_HOLDS_VALUE (threshold))
        plantar_fitting_set_threshold (fitting, side, json_node_get_double (threshold));
      c = plantar_fitting_get_shown (fitting, side)->corrections;
      c.has_heel_centre = get_point (o, "heel_centre", &c.heel_centre);
      c.has_toe_tip = get_point (o, "toe_tip", &c.toe_tip);
      c.has_toe_line = get_point (o, "toe_line_start", &c.toe_line[0]) && get_point (o, "toe_line_end", &c.toe_line[1]);
      if (c.has_heel_centre || c.has_toe_tip || c.has_toe_line)
        plantar_fitting_correct (fitting, side, &c, FALSE);
      node = json_object_get_member (o, "insole");
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        plantar_fitting_set_insole_overrides (fitting, side, json_node_get_object (node));
    }
  plantar_fitting_forget_history (fitting);
}

/**
 * plantar_fitting_record_restore:
 * @scans: (out) (optional): the scans, read again from the stored bytes
 *
 * Returns: (transfer full) (nullable): the fitting as it was saved
 */
PlantarFitting *
plantar_fitting_record_restore (const PlantarFittingRecord *record,
                                GPtrArray                 **scans_out,
                                GError                    **error)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) scans = plantar_fitting_record_load_scans (record, &names, error);
  g_autoptr(PlantarFitting) fitting = NULL;
  PlantarAnalysisSettings settings;

  if (scans == NULL)
    return NULL;
  fitting = plantar_fitting_new ();
  plantar_fitting_record_get_settings (record, &settings);
  plantar_fitting_set_scans (fitting, scans, (const char * const *) names, &settings);
  plantar_fitting_record_apply_state (record, fitting);
  if (scans_out != NULL)
    *scans_out = g_steal_pointer (&scans);
  return g_steal_pointer (&fitting);
}

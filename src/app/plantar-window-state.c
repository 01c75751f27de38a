/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window-state"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-measurements.h"
#include "plantar-sheet.h"
#include "plantar-window-state.h"

/**
 * plantar_fitting_result:
 *
 * The result of a fitting in a few words, for the header bar: "Left:
 * normal arch · Right: flat arch", or NULL when nothing was measured.
 */
char *
plantar_fitting_result (PlantarFitting    *fitting,
                        PlantarThresholds *thresholds)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean in_shoe = FALSE;

  for (guint i = 0; i < 2; i++)
    {
      PlantarSide side = i == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      PlantarFoot *foot = plantar_fitting_get_foot (fitting, side);
      PlantarScan *scan = plantar_fitting_get_shown_scan (fitting, side);
      PlantarCategory category;
      g_autofree char *title = NULL;

      if (foot == NULL || !plantar_thresholds_categorize (thresholds, "arch_index", foot->arch_index, &category))
        continue;
      in_shoe |= scan != NULL && plantar_scan_get_in_shoe (scan);
      title = plantar_category_phrase ("arch_index", category.category);
      if (title == NULL)
        continue;
      g_ptr_array_add (parts, g_strdup_printf (side == PLANTAR_SIDE_LEFT ? _("Left: %s") : _("Right: %s"), title));
    }
  if (parts->len == 0)
    return NULL;
  /* an insole's load is not a footprint: said with the result */
  if (in_shoe)
    g_ptr_array_add (parts, g_strdup (_("in a shoe, indicative")));
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: between the results of the two feet */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

/**
 * plantar_asymmetry_text:
 *
 * What differs between the feet beyond the thresholds, in a sentence, or
 * NULL when nothing does.
 */
char *
plantar_asymmetry_text (const PlantarAsymmetry *asym)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (!asym->available)
    return NULL;
  if (asym->flag_arch_index)
    g_ptr_array_add (parts, g_strdup_printf (_("the arch indices differ by %.3f"), fabs (asym->arch_index_diff)));
  if (asym->flag_heel)
    g_ptr_array_add (parts, g_strdup_printf (_("the heels’ pressure centres differ by %.1f mm"),
                                             fabs (asym->heel_offset_diff_mm)));
  if (asym->flag_load)
    g_ptr_array_add (parts, g_strdup_printf (_("the %s foot carries %.0f %% more load"),
                                             asym->load_diff_pct > 0 ? _("left") : _("right"),
                                             fabs (asym->load_diff_pct)));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  {
    g_autofree char *list = g_strjoinv (_(", "), (char **) parts->pdata);
    /* TRANSLATORS: %s is a list such as "the arch indices differ by 0.052" */
    return g_strdup_printf (_("Left and right differ: %s."), list);
  }
}

/**
 * plantar_scan_title:
 *
 * How the window names one of the scans it shows: by side when known, by
 * sensor when a file holds several, or by what it is.
 */
char *
plantar_scan_title (const PlantarScan *scan,
                    guint              index,
                    guint              n_scans)
{
  PlantarSide side = plantar_scan_get_side (scan);

  if (side == PLANTAR_SIDE_LEFT)
    return g_strdup (_("Left Foot"));
  if (side == PLANTAR_SIDE_RIGHT)
    return g_strdup (_("Right Foot"));
  if (n_scans > 1 && plantar_scan_get_sensor_name (scan) != NULL)
    return g_strdup (plantar_scan_get_sensor_name (scan));
  if (n_scans > 1)
    return g_strdup_printf (_("Scan %u"), index + 1);
  if (!plantar_scan_is_pressure (scan))
    return g_strdup (_("Footprint"));
  return g_strdup (plantar_scan_get_n_frames (scan) > 1 ? _("Recording") : _("Pressure Image"));
}

/* The timeline of the recordings among the scans. */
static void
compute_timeline (PlantarWindowState *state,
                  GPtrArray          *scans)
{
  for (guint i = 0; i < scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (scans, i);
      double ms = plantar_scan_get_frame_ms (scan);
      guint n = plantar_scan_get_n_frames (scan);

      if (n <= 1 || ms <= 0 || !plantar_scan_is_pressure (scan))
        continue;
      state->duration_ms = MAX (state->duration_ms, (n - 1) * ms);
      if (state->frame_ms == 0)
        state->frame_ms = ms;
    }
  state->is_recording = state->duration_ms > 0;
}

/* What can be done, from what is shown. */
static void
compute_actions (PlantarWindowState       *state,
                 GPtrArray                *scans,
                 const PlantarWindowFacts *facts)
{
  gboolean any = scans != NULL && scans->len > 0;

  state->can_calibrate = any && state->scale_need != PLANTAR_SCALE_KNOWN && !facts->picking;
  state->can_cancel_calibration = facts->picking;
  state->can_undo = facts->fitting != NULL && plantar_fitting_can_undo (facts->fitting);
  state->can_redo = facts->fitting != NULL && plantar_fitting_can_redo (facts->fitting);
  state->can_reset = state->has_feet;
  state->can_report = state->has_feet;
  state->can_add_scan = any;
  state->can_zoom = any;
  state->can_play = state->is_recording;
  state->can_show_sheet = FALSE;
  state->can_change_scale = FALSE;
  for (guint i = 0; any && i < scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (scans, i);
      state->can_change_scale |= !facts->picking && plantar_scan_has_scale (scan) &&
                                 (!plantar_scan_is_pressure (scan) ||
                                  g_strcmp0 (plantar_scan_get_format_id (scan), "colour-picture") == 0);
      state->can_show_sheet |= plantar_scan_get_photo (scan) != NULL ||
                               (!plantar_scan_is_pressure (scan) && !plantar_scan_has_scale (scan));
    }
}

/* The title: the result when there is one, above the file's name. */
static void
compute_title (PlantarWindowState       *state,
               const PlantarWindowFacts *facts)
{
  g_autofree char *result = NULL;

  if (state->has_feet)
    result = plantar_fitting_result (facts->fitting, facts->thresholds ? facts->thresholds
                                                                       : plantar_thresholds_get_builtin ());
  if (result == NULL)
    return;
  g_free (state->subtitle);
  state->subtitle = g_steal_pointer (&state->title);
  state->title = g_steal_pointer (&result);
}

void
plantar_window_state_compute (PlantarWindowState       *state,
                              GPtrArray                *scans,
                              GStrv                     file_names,
                              const PlantarWindowFacts *facts)
{
  static const PlantarWindowFacts none = { NULL, NULL, FALSE };
  guint n_files = file_names ? g_strv_length (file_names) : 0;

  memset (state, 0, sizeof *state);
  if (facts == NULL)
    facts = &none;

  if (scans == NULL || scans->len == 0)
    {
      state->show_welcome = TRUE;
      state->title = g_strdup (_("Plantar"));
      compute_actions (state, scans, facts);
      return;
    }
  state->has_feet = facts->fitting != NULL &&
                    (plantar_fitting_get_foot (facts->fitting, PLANTAR_SIDE_LEFT) != NULL ||
                     plantar_fitting_get_foot (facts->fitting, PLANTAR_SIDE_RIGHT) != NULL);
  compute_timeline (state, scans);

  state->title = g_strdup (n_files == 1 ? file_names[0]
                           : n_files > 1 ? _("Two Scans") : _("Plantar"));
  if (n_files > 2)
    {
      g_free (state->title);
      state->title = g_strdup_printf (_("%u Scans"), n_files);
    }

  {
    PlantarScan *first = g_ptr_array_index (scans, 0);
    state->subtitle = g_strdup (plantar_scan_get_format_name (first));
  }

  for (guint i = 0; i < scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (scans, i);

      if (plantar_scan_is_pressure (scan) && !plantar_scan_has_scale (scan) &&
          g_strcmp0 (plantar_scan_get_format_id (scan), "colour-picture") == 0)
        {
          state->scale_need = PLANTAR_SCALE_PICTURE;
          state->scale_scan = i;
          state->scale_message = g_strdup (_("This pressure picture has no scale. Give the foot’s length, or "
                                             "measure a known distance on it."));
          state->scale_action = g_strdup (_("Set the Scale…"));
          break;
        }
      if (plantar_scan_is_pressure (scan))
        {
          g_autoptr(GPtrArray) missing = g_ptr_array_new ();
          g_autofree char *list = NULL;

          if (!plantar_scan_has_scale (scan))
            g_ptr_array_add (missing, (gpointer) _("the sensor size"));
          if (plantar_scan_get_units_assumed (scan))
            g_ptr_array_add (missing, (gpointer) _("the pressure units"));
          if (plantar_scan_get_n_frames (scan) > 1 && plantar_scan_get_frame_ms (scan) <= 0)
            g_ptr_array_add (missing, (gpointer) _("the frame time"));
          if (missing->len == 0)
            continue;

          g_ptr_array_add (missing, NULL);
          /* Translators: the separator of a list such as "the sensor size, the frame time" */
          list = g_strjoinv (_(", "), (char **) missing->pdata);
          state->scale_need = PLANTAR_SCALE_GRID;
          state->scale_scan = i;
          /* Translators: %s is a list such as "the sensor size, the pressure units" */
          state->scale_message = g_strdup_printf (_("The file does not say %s. Measurements need them."), list);
          state->scale_action = g_strdup (_("Describe the Grid…"));
          break;
        }
      else if (!plantar_scan_has_scale (scan))
        {
          state->scale_need = PLANTAR_SCALE_IMAGE;
          state->scale_scan = i;
          /* a photo in which no sheet was found says why */
          state->scale_message = plantar_scan_get_scale_hint (scan) != NULL
                                 ? g_strdup (plantar_scan_get_scale_hint (scan))
                                 : g_strdup (_("This image has no scale. Calibrate it with the "
                                               "paper size or a known distance, such as a ruler."));
          state->scale_action = g_strdup (_("Calibrate…"));
          break;
        }
    }
  compute_title (state, facts);
  compute_actions (state, scans, facts);
}

void
plantar_window_state_clear (PlantarWindowState *state)
{
  g_clear_pointer (&state->title, g_free);
  g_clear_pointer (&state->subtitle, g_free);
  g_clear_pointer (&state->scale_message, g_free);
  g_clear_pointer (&state->scale_action, g_free);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-analysis"

#include "config.h"

#include <string.h>

#include "plantar-analysis-private.h"
#include "plantar-sheet.h"

/*
 * Finding the feet on a scan and measuring them.
 *
 * A footprint image or a single pressure frame: contact is found (see
 * plantar-contact.c), its connected marks are grouped into feet (the heel,
 * the ball and the toe pads of one print need not touch), rulers and lines
 * are set aside, and each foot is measured on a window of its own.
 * A recording: its steps are found in space and time (plantar-steps.c).
 */

G_DEFINE_QUARK (plantar-analysis-error-quark, plantar_analysis_error)

void
plantar_analysis_settings_init (PlantarAnalysisSettings *settings)
{
  settings->threshold = NAN;
  settings->shoe_allowance_mm = 15;
}

void
plantar_analysis_free (PlantarAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_clear_pointer (&analysis->scan, plantar_scan_unref);
  g_clear_pointer (&analysis->feet, g_ptr_array_unref);
  g_clear_pointer (&analysis->warnings, g_ptr_array_unref);
  g_free (analysis);
}

static void
add_warning (PlantarAnalysis *analysis,
             const char      *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_warning (PlantarAnalysis *analysis,
             const char      *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (analysis->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* A window around @group on the contact map: its cells, and a margin in
 * which a lower threshold may find more of it (but never another mark).
 * Past an edge where the plate goes on, the window goes on too, with
 * sensors that read nothing. */
static PlantarFootprint *
footprint_for_group (const PlantarContactMap *map,
                     const guint32           *labels,
                     guint                    n_labels,
                     const PlantarMark       *group,
                     double                   threshold)
{
  double margin = map->is_pressure ? MAX (map->cell_w, map->cell_h) : 3.0;
  int pad = (int) ceil (margin / MIN (map->cell_w, map->cell_h)) + 1;
  PlantarEdges open = map->open_edges;
  int x0 = (int) floor (group->x0 / map->cell_w) - pad;
  int y0 = (int) floor (group->y0 / map->cell_h) - pad;
  int x1 = (int) ceil (group->x1 / map->cell_w) + pad;
  int y1 = (int) ceil (group->y1 / map->cell_h) + pad;
  int dil = (int) ceil (margin / MIN (map->cell_w, map->cell_h));
  PlantarFootprint *fp;

  /* one row of sensors past an open edge, as far as the plate's own edge otherwise */
  x0 = MAX (x0, open & PLANTAR_EDGE_LEFT ? -1 : 0);
  y0 = MAX (y0, open & PLANTAR_EDGE_TOP ? -1 : 0);
  x1 = MIN (x1, (int) map->width + (open & PLANTAR_EDGE_RIGHT ? 1 : 0));
  y1 = MIN (y1, (int) map->height + (open & PLANTAR_EDGE_BOTTOM ? 1 : 0));
  fp = plantar_footprint_new (x1 - x0, y1 - y0, map->cell_w, map->cell_h, map->is_pressure);
  guint fw = fp->width, fh = fp->height;
  g_autofree guint8 *mine = g_new0 (guint8, n_labels + 1);
  g_autofree guint8 *core = g_new0 (guint8, (gsize) fw * fh);
  g_autofree guint8 *grown = g_new0 (guint8, (gsize) fw * fh);

  for (guint i = 0; i < group->labels->len; i++)
    mine[g_array_index (group->labels, guint32, i)] = 1;

  fp->x0 = x0 * map->cell_w;
  fp->y0 = y0 * map->cell_h;
  fp->threshold = threshold;
  fp->touches_edge = group->touches_edge;
  for (int y = MAX (y0, 0); y < MIN (y1, (int) map->height); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, (int) map->width); x++)
      {
        gsize src = (gsize) y * map->width + x, dst = (gsize) (y - y0) * fw + (x - x0);
        fp->load[dst] = map->load[src];
        core[dst] = mine[labels[src]] && labels[src];
      }

  /* the foot's own cells grown by the margin (a square, rows then
   * columns, with running counts), without other marks' cells */
  for (guint y = 0; y < fh; y++)
    {
      int count = 0;
      for (int x = -dil; x < (int) fw; x++)
        {
          if (x + dil < (int) fw)
            count += core[(gsize) y * fw + x + dil];
          if (x - dil - 1 >= 0)
            count -= core[(gsize) y * fw + x - dil - 1];
          if (x >= 0)
            grown[(gsize) y * fw + x] = count > 0;
        }
    }
  for (guint x = 0; x < fw; x++)
    {
      int count = 0;
      for (int y = -dil; y < (int) fh; y++)
        {
          if (y + dil < (int) fh)
            count += grown[(gsize) (y + dil) * fw + x];
          if (y - dil - 1 >= 0)
            count -= grown[(gsize) (y - dil - 1) * fw + x];
          if (y >= 0)
            {
              int mx = x + x0, my = y + y0;
              gboolean inside = mx >= 0 && my >= 0 && mx < (int) map->width && my < (int) map->height;
              guint32 l = inside ? labels[(gsize) my * map->width + mx] : 0;
              fp->own[(gsize) y * fw + x] = count > 0 && (l == 0 || mine[l]);
            }
        }
    }
  return fp;
}

/* How many cells of each label lie within 12 mm of the image's edges. */
static guint *
border_band_counts (const PlantarContactMap *map,
                    const guint32           *labels,
                    guint                    n_labels)
{
  guint *counts = g_new0 (guint, n_labels + 1);
  guint bx = (guint) ceil (12 / map->cell_w), by = (guint) ceil (12 / map->cell_h);

  for (guint y = 0; y < map->height; y++)
    for (guint x = 0; x < map->width; x++)
      if (x < bx || y < by || x + bx >= map->width || y + by >= map->height)
        counts[labels[(gsize) y * map->width + x]]++;
  counts[0] = 0;
  return counts;
}

/* Where a print meets a closed edge of the scan: how long the run of
 * contact along that edge is, and where its middle lies (mm). */
typedef struct {
  double   chord_mm;
  double   x, y;
} EdgeTouch;

static guint
edge_touches (const PlantarContactMap *map,
              const guint32           *labels,
              guint                    n_labels,
              const PlantarMark       *group,
              EdgeTouch                touches[4])
{
  g_autofree guint8 *mine = g_new0 (guint8, n_labels + 1);
  guint n = 0;

  for (guint i = 0; i < group->labels->len; i++)
    mine[g_array_index (group->labels, guint32, i)] = 1;
  for (guint e = 0; e < 4; e++)
    {
      gboolean vertical = e < 2;   /* left, right; then top, bottom */
      guint length = vertical ? map->height : map->width, count = 0;
      double sum = 0;
      PlantarEdges which = e == 0 ? PLANTAR_EDGE_LEFT : e == 1 ? PLANTAR_EDGE_RIGHT
                           : e == 2 ? PLANTAR_EDGE_TOP : PLANTAR_EDGE_BOTTOM;

      if (map->open_edges & which)
        continue;
      for (guint k = 0; k < length; k++)
        {
          guint x = vertical ? (e == 0 ? 0 : map->width - 1) : k;
          guint y = vertical ? k : (e == 2 ? 0 : map->height - 1);
          if (mine[labels[(gsize) y * map->width + x]] && labels[(gsize) y * map->width + x])
            {
              count++;
              sum += k + 0.5;
            }
        }
      if (count == 0)
        continue;
      touches[n].chord_mm = count * (vertical ? map->cell_h : map->cell_w);
      touches[n].x = vertical ? (e == 0 ? 0 : map->width * map->cell_w) : sum / count * map->cell_w;
      touches[n].y = vertical ? sum / count * map->cell_h : (e == 2 ? 0 : map->height * map->cell_h);
      n++;
    }
  return n;
}

/* How much of a print an image's edge may have cut off: where it meets
 * the edge at the heel or the toes, the depth of the cap a chord that long
 * cuts from a circle as wide as the heel (or the toes); along a side,
 * whether the side is cut for long. FALSE (and why, in @reason) when too
 * much of the foot is missing to measure it. */
static gboolean
judge_cut (PlantarFoot     *foot,
           const EdgeTouch *touches,
           guint            n_touches,
           char           **reason)
{
  double ax = foot->toe_tip.x - foot->heel_centre.x, ay = foot->toe_tip.y - foot->heel_centre.y;
  double len = hypot (ax, ay), worst = 0;
  const char *where = NULL;

  if (!(len > 0))
    return TRUE;
  ax /= len;
  ay /= len;
  for (guint i = 0; i < n_touches; i++)
    {
      double u = ((touches[i].x - foot->heel_centre.x) * ax + (touches[i].y - foot->heel_centre.y) * ay);
      double along = u / MAX (foot->foot_length_mm, 1);
      double half = touches[i].chord_mm / 2;

      if (along < 0.25 || along > 0.8)
        {
          /* the heel, or the toes' front: a cap of the heel's (or a
           * toe's) circle */
          gboolean heel = along < 0.25;
          double r = heel ? MAX (foot->heel_width_mm / 2, 15) : 12;
          double depth = half >= r ? r + (half - r) : r - sqrt (r * r - half * half);
          if (depth > worst)
            {
              worst = depth;
              where = heel ? "heel" : "toes";
            }
        }
      else if (touches[i].chord_mm > 60)
        {
          *reason = g_strdup_printf (_("A print runs off the edge of the image along its side for %.0f mm and "
                                       "was not measured: take the whole foot."), touches[i].chord_mm);
          return FALSE;
        }
      else
        plantar_foot_add_warning (foot, _("The side of the foot touches the edge of the image for %.0f mm: its "
                                          "width may be short."), touches[i].chord_mm);
    }
  if (where == NULL)
    return TRUE;
  if (worst > 5)
    {
      *reason = g_strdup_printf (g_str_equal (where, "heel")
                                 ? _("The heel of a print runs off the edge of the image by about %.0f mm and was "
                                     "not measured: take the whole foot.")
                                 : _("The toes of a print run off the edge of the image by about %.0f mm and were "
                                     "not measured: take the whole foot."), worst);
      return FALSE;
    }
  plantar_foot_add_warning (foot, g_str_equal (where, "heel")
                                  ? _("The heel touches the edge of the image: up to %.0f mm of the foot may be "
                                      "missing, and its length may be that much short.")
                                  : _("The toes touch the edge of the image: up to %.0f mm of the foot may be "
                                      "missing, and its length may be that much short."), MAX (1, ceil (worst)));
  return TRUE;
}

static int
compare_feet_by_x (gconstpointer a,
                   gconstpointer b)
{
  const PlantarFoot *fa = *(PlantarFoot *const *) a, *fb = *(PlantarFoot *const *) b;
  return (fa->heel_centre.x > fb->heel_centre.x) - (fa->heel_centre.x < fb->heel_centre.x);
}

static void
no_print_on_sheet (GError **error)
{
  g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_FOOT,
               _("The sheet of paper was found in the photo, but no print of a foot on it: make the print "
                 "darker (more ink, or a wetter foot on brown paper) and take the photo again."));
}

static gboolean
analyze_static (PlantarAnalysis  *analysis,
                double            threshold,
                GError          **error)
{
  PlantarScan *scan = analysis->scan;
  g_autoptr(PlantarContactMap) map = NULL;
  g_autofree guint32 *labels = NULL;
  g_autofree float *peak = NULL;
  g_autoptr(GArray) marks = NULL;
  g_autoptr(GArray) kept = NULL;
  g_autoptr(GArray) groups = NULL;
  g_autofree char *cut_reason = NULL;
  g_autofree guint *band = NULL;
  guint n_labels, n_cut = 0;
  double min_area;

  if (plantar_scan_is_pressure (scan))
    {
      peak = plantar_scan_compute_peak (scan);
      map = plantar_contact_from_pressure (scan, peak, threshold);
    }
  else
    map = plantar_contact_from_image (scan, threshold, error);
  if (map == NULL)
    {
      if (plantar_scan_get_photo (scan) != NULL && g_error_matches (*error, PLANTAR_ANALYSIS_ERROR,
                                                                    PLANTAR_ANALYSIS_ERROR_BLANK))
        {
          g_clear_error (error);
          no_print_on_sheet (error);
        }
      return FALSE;
    }

  labels = plantar_label_components (map->contact, map->width, map->height, &n_labels);
  marks = plantar_marks_from_labels (labels, n_labels, NULL, map->width, map->height, map->cell_w, map->cell_h,
                                     map->open_edges);

  /* specks of paper grain, and rulers and lines: long and thin */
  min_area = map->is_pressure ? 0 : 4;
  band = map->is_pressure ? NULL : border_band_counts (map, labels, n_labels);
  kept = g_array_new (FALSE, TRUE, sizeof (PlantarMark));
  for (guint i = 0; i < marks->len; i++)
    {
      PlantarMark *m = &g_array_index (marks, PlantarMark, i);
      double length, width;
      plantar_mark_extent (m, &length, &width);
      if (m->area < min_area)
        continue;
      /* the floor past a sheet's edge, a scanner lid's shadow: along the
       * border and nowhere else */
      if (band != NULL && band[i + 1] > 0.7 * m->area / (map->cell_w * map->cell_h))
        continue;
      if (length > 100 && width < 22)
        {
          add_warning (analysis, _("A long, thin mark (%.0f × %.0f mm, a ruler or a line) was left out."),
                       length, width);
          continue;
        }
      g_array_append_val (kept, *m);
    }
  /* the kept marks share their label arrays with @marks, which frees them */
  groups = plantar_marks_group_feet (kept, 80, 0);

  for (guint i = 0; i < groups->len; i++)
    {
      PlantarMark *g = &g_array_index (groups, PlantarMark, i);
      g_autoptr(PlantarFootprint) fp = NULL;
      PlantarFoot *foot;
      double length, width;

      plantar_mark_extent (g, &length, &width);
      if (!plantar_mark_is_foot (g))
        {
          if (g->area > 1500)
            add_warning (analysis, _("A mark of %.0f × %.0f mm at (%.0f, %.0f) mm is not foot-shaped and "
                                     "was left out."), length, width, (g->x0 + g->x1) / 2, (g->y0 + g->y1) / 2);
          continue;
        }
      fp = footprint_for_group (map, labels, n_labels, g, threshold);
      fp->file_side = plantar_scan_get_side (scan);
      fp->uncalibrated = plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_RAW;
      foot = plantar_foot_measure (fp, NULL, threshold);
      if (foot == NULL)
        continue;
      if (g->touches_edge && map->is_pressure)
        plantar_foot_add_warning (foot, _("The foot touches the edge of the plate: part of it may be "
                                          "missing."));
      else if (g->touches_edge)
        {
          EdgeTouch touches[4];
          guint n_touches = edge_touches (map, labels, n_labels, g, touches);
          g_autofree char *reason = NULL;

          if (!judge_cut (foot, touches, n_touches, &reason))
            {
              n_cut++;
              add_warning (analysis, "%s", reason);
              g_free (cut_reason);
              cut_reason = g_steal_pointer (&reason);
              plantar_foot_unref (foot);
              continue;
            }
        }
      if (g->touches_edge)
        foot->complete = FALSE;
      g_ptr_array_add (analysis->feet, foot);
    }

  if (analysis->feet->len == 0)
    {
      if (n_cut > 0)
        g_set_error_literal (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_CUT_OFF,
                             cut_reason ? cut_reason : _("The print runs off the edge of the image; scan the whole foot."));
      else if (plantar_scan_get_photo (scan) != NULL)
        no_print_on_sheet (error);
      else
        g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_FOOT,
                     _("No foot found: nothing on the scan is the size and shape of a foot "
                       "(110 to 380 mm long)."));
      return FALSE;
    }
  if (analysis->feet->len > 2)
    {
      g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_TOO_MANY,
                   _("Found %u foot-shaped prints; a scan holds one foot or a pair."), analysis->feet->len);
      return FALSE;
    }

  g_ptr_array_sort (analysis->feet, compare_feet_by_x);
  if (analysis->feet->len == 2)
    {
      PlantarFoot *a = g_ptr_array_index (analysis->feet, 0), *b = g_ptr_array_index (analysis->feet, 1);
      if (a->side == b->side && g_strcmp0 (a->side_source, "file") != 0)
        {
          /* a pair: the one on the left of the page is the left foot when
           * the toes point up the page; say which the shape doubted */
          PlantarFoot *doubt = a->side_confidence < b->side_confidence ? a : b;
          doubt->side = doubt->side == PLANTAR_SIDE_LEFT ? PLANTAR_SIDE_RIGHT : PLANTAR_SIDE_LEFT;
          doubt->side_source = "pair";
          plantar_foot_add_warning (doubt, _("Both prints looked like the same side; this one was taken "
                                             "as the other foot of the pair."));
        }
    }
  for (guint i = 0; i < analysis->feet->len; i++)
    ((PlantarFoot *) g_ptr_array_index (analysis->feet, i))->index = i;
  return TRUE;
}

/**
 * plantar_analyze:
 * @settings: (nullable): the contact threshold and the shoe allowance
 *
 * Finds every foot on @scan (both feet of a sheet, or every step of a
 * walk) and measures each.
 *
 * Returns: (transfer full): the analysis, or %NULL with an error that says
 *   why nothing can be measured
 */
PlantarAnalysis *
plantar_analyze (PlantarScan                   *scan,
                 const PlantarAnalysisSettings *settings,
                 GError                       **error)
{
  g_autoptr(PlantarAnalysis) analysis = g_new0 (PlantarAnalysis, 1);
  gint64 start = g_get_monotonic_time ();
  double threshold;

  g_return_val_if_fail (scan != NULL, NULL);

  analysis->scan = plantar_scan_ref (scan);
  if (settings)
    analysis->settings = *settings;
  else
    plantar_analysis_settings_init (&analysis->settings);
  analysis->feet = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_foot_unref);
  analysis->warnings = g_ptr_array_new_with_free_func (g_free);
  analysis->walk_direction_deg = NAN;

  if (!plantar_scan_has_scale (scan))
    {
      const char *hint = plantar_scan_get_scale_hint (scan);
      if (hint != NULL)
        g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_SCALE, "%s", hint);
      else
        g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_SCALE,
                     plantar_scan_is_pressure (scan)
                       ? _("The scan has no cell size: give it in millimetres before measuring.")
                       : _("The image has no scale: calibrate it before measuring."));
      return NULL;
    }

  threshold = analysis->settings.threshold;
  if (isnan (threshold))
    threshold = plantar_scan_is_pressure (scan) ? 0.0 : 0.5;

  if (plantar_scan_is_pressure (scan) && plantar_scan_get_n_frames (scan) > 1)
    {
      g_autoptr(GPtrArray) steps = NULL;
      guint n_offset = 0;
      double largest = 0;
      PlantarScan *unloaded = plantar_remove_baseline (scan, threshold, &n_offset, &largest);

      analysis->is_recording = TRUE;
      if (unloaded != NULL)
        {
          /* measured without the offsets; the file's own values stay as they are */
          plantar_scan_unref (analysis->scan);
          analysis->scan = scan = unloaded;
          analysis->baseline_cells = n_offset;
          analysis->baseline_max = largest;
          add_warning (analysis, g_dngettext (GETTEXT_PACKAGE,
                                              "%u sensor read a load even with the foot off it (up to %.0f %s: "
                                              "a preload in the shoe, or a stuck or drifting sensor); it was taken "
                                              "off before the steps were found.",
                                              "%u sensors read a load even with the foot off them (up to %.0f %s: "
                                              "a preload in the shoe, or stuck or drifting sensors); it was taken "
                                              "off each before the steps were found.", n_offset),
                       n_offset, largest, plantar_scan_get_value_unit (scan));
        }
      steps = plantar_find_steps (scan, threshold, &analysis->belt_mm_per_s, &analysis->walk_direction_deg,
                                  analysis->warnings, error);
      if (steps == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (analysis->feet, g_steal_pointer (&steps));
    }
  else if (!analyze_static (analysis, threshold, error))
    return NULL;

  if (plantar_scan_get_in_shoe (scan))
    add_warning (analysis, _("Measured inside a shoe: the outline is the insole's load, so the arch "
                             "indices are indicative only."));
  if (plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_RAW)
    add_warning (analysis, _("The values are uncalibrated: pressures and forces are in raw units."));

  analysis->elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;
  return g_steal_pointer (&analysis);
}

/* ------------------------------------------------------------ summaries */

#define N_MEAN_FIELDS 23

static double *
mean_field (PlantarFoot *foot,
            guint        i)
{
  double *fields[N_MEAN_FIELDS] = {
    &foot->foot_length_mm, &foot->toeless_length_mm, &foot->ball_width_mm, &foot->heel_width_mm,
    &foot->midfoot_width_mm, &foot->contact_area_mm2, &foot->toeless_area_mm2, &foot->arch_index,
    &foot->modified_arch_index, &foot->chippaux_smirak, &foot->staheli, &foot->clarke_angle_deg,
    &foot->hernandez_corvo, &foot->heel_cop_offset_mm, &foot->heel_medial_load_pct, &foot->heel_peak_kpa,
    &foot->peak_kpa, &foot->medial_load_pct, &foot->cpei_pct, &foot->progression_angle_deg,
    &foot->contact_ms, &foot->regions[PLANTAR_REGION_HEEL].peak_kpa,
    &foot->regions[PLANTAR_REGION_FOREFOOT].peak_kpa,
  };
  return fields[i];
}

/**
 * plantar_analysis_side_summary:
 *
 * The mean of the complete steps (or feet) of @side: the "average foot" a
 * fitting reports for a walk.
 *
 * Returns: %FALSE if there is none
 */
gboolean
plantar_analysis_side_summary (PlantarAnalysis    *analysis,
                               PlantarSide         side,
                               PlantarSideSummary *summary)
{
  return plantar_side_summary_compute (analysis->feet, side, summary);
}

/**
 * plantar_side_summary_compute:
 * @feet: (element-type PlantarFoot): feet or steps, of either side
 *
 * The means of the complete feet of @side among @feet.
 */
gboolean
plantar_side_summary_compute (GPtrArray          *feet,
                              PlantarSide         side,
                              PlantarSideSummary *summary)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  PlantarFoot *mean;

  memset (summary, 0, sizeof *summary);
  summary->side = side;
  for (guint i = 0; i < feet->len; i++)
    {
      PlantarFoot *foot = g_ptr_array_index (feet, i);
      if (foot->side == side && foot->complete)
        g_ptr_array_add (chosen, foot);
    }
  if (chosen->len == 0)
    return FALSE;

  mean = plantar_foot_new ();
  {
    PlantarFoot *first = g_ptr_array_index (chosen, 0);
    mean->side = side;
    mean->side_source = first->side_source;
    mean->side_confidence = first->side_confidence;
    mean->heel_centre = first->heel_centre;
    mean->toe_tip = first->toe_tip;
    mean->heel_back = first->heel_back;
    mean->ball_front = first->ball_front;
    mean->toe_line[0] = first->toe_line[0];
    mean->toe_line[1] = first->toe_line[1];
    mean->axis_deg = first->axis_deg;
    mean->has_toes = first->has_toes;
    mean->has_pressure = first->has_pressure;
    mean->complete = TRUE;
    mean->footprint = first->footprint ? plantar_footprint_ref (first->footprint) : NULL;
    memcpy (mean->regions, first->regions, sizeof mean->regions);
  }
  for (guint f = 0; f < N_MEAN_FIELDS; f++)
    {
      double sum = 0;
      guint n = 0;
      for (guint i = 0; i < chosen->len; i++)
        {
          double v = *mean_field (g_ptr_array_index (chosen, i), f);
          if (isfinite (v))
            {
              sum += v;
              n++;
            }
        }
      *mean_field (mean, f) = n ? sum / n : NAN;
    }

  summary->n_steps = chosen->len;
  summary->mean = mean;
  summary->sd_arch_index = summary->sd_foot_length_mm = NAN;
  /* a spread of two steps says nothing: none is given below three */
  if (chosen->len >= 3)
    {
      double sa = 0, sl = 0;
      guint nl = 0;
      for (guint i = 0; i < chosen->len; i++)
        {
          PlantarFoot *foot = g_ptr_array_index (chosen, i);
          sa += pow (foot->arch_index - mean->arch_index, 2);
          if (isfinite (foot->foot_length_mm))
            {
              sl += pow (foot->foot_length_mm - mean->foot_length_mm, 2);
              nl++;
            }
        }
      summary->sd_arch_index = sqrt (sa / (chosen->len - 1));
      if (nl >= 3)
        summary->sd_foot_length_mm = sqrt (sl / (nl - 1));
    }
  return TRUE;
}

void
plantar_side_summary_clear (PlantarSideSummary *summary)
{
  g_clear_pointer (&summary->mean, plantar_foot_unref);
}

/**
 * plantar_analysis_asymmetry:
 *
 * Left against right: arch index, heel position (the heel's centre of
 * pressure across the axis, or the heel width on an image) and load, each
 * flagged by the thresholds file.
 */
void
plantar_analysis_asymmetry (PlantarAnalysis   *analysis,
                            PlantarThresholds *thresholds,
                            PlantarAsymmetry  *asym)
{
  PlantarSideSummary left, right;
  gboolean have_left, have_right;

  have_left = plantar_analysis_side_summary (analysis, PLANTAR_SIDE_LEFT, &left);
  have_right = plantar_analysis_side_summary (analysis, PLANTAR_SIDE_RIGHT, &right);
  plantar_asymmetry_compute (have_left ? left.mean : NULL, have_right ? right.mean : NULL, thresholds, asym);
  if (have_left)
    plantar_side_summary_clear (&left);
  if (have_right)
    plantar_side_summary_clear (&right);
}

/**
 * plantar_asymmetry_compute:
 * @left: (nullable): the left foot's values (a foot, or the mean of steps)
 * @right: (nullable): the right foot's
 *
 * Left minus right, and the flags the thresholds raise.
 */
void
plantar_asymmetry_compute (const PlantarFoot *l,
                           const PlantarFoot *r,
                           PlantarThresholds *thresholds,
                           PlantarAsymmetry  *asym)
{
  memset (asym, 0, sizeof *asym);
  asym->arch_index_diff = asym->heel_offset_diff_mm = asym->load_diff_pct = NAN;
  if (l == NULL || r == NULL)
    return;

  asym->available = TRUE;
  asym->arch_index_diff = l->arch_index - r->arch_index;
  asym->heel_offset_diff_mm = l->heel_cop_offset_mm - r->heel_cop_offset_mm;
  if (l->has_pressure && r->has_pressure)
    {
      double sum_l = 0, sum_r = 0;
      for (int k = PLANTAR_REGION_HEEL; k <= PLANTAR_REGION_TOES; k++)
        {
          if (isfinite (l->regions[k].force_n))
            sum_l += l->regions[k].force_n;
          if (isfinite (r->regions[k].force_n))
            sum_r += r->regions[k].force_n;
        }
      if (sum_l + sum_r > 0)
        asym->load_diff_pct = 100 * (sum_l - sum_r) / ((sum_l + sum_r) / 2);
    }
  asym->flag_arch_index = plantar_thresholds_flag (thresholds, "asymmetry_arch_index",
                                                   fabs (asym->arch_index_diff), NULL);
  asym->flag_heel = plantar_thresholds_flag (thresholds, "asymmetry_heel_offset_mm",
                                             fabs (asym->heel_offset_diff_mm), NULL);
  asym->flag_load = plantar_thresholds_flag (thresholds, "asymmetry_load_pct",
                                             fabs (asym->load_diff_pct), NULL);
}

/* ------------------------------------------------------------ shoe sizes */

/**
 * plantar_shoe_sizes:
 * @allowance_mm: the room a shoe's last gives beyond the foot (15–20 mm)
 *
 * Shoe sizes from foot length F: last length = F + allowance; EU (Paris
 * points) = 1.5 × last in cm; with L the last in inches, UK = 3L − 25,
 * US men = 3L − 24, US women = 3L − 22.5, rounded to half sizes;
 * Mondopoint (ISO 9407) = foot length / ball width in mm.
 */
void
plantar_shoe_sizes (double            foot_length_mm,
                    double            ball_width_mm,
                    double            allowance_mm,
                    PlantarShoeSizes *sizes)
{
  double last = foot_length_mm + allowance_mm;
  double inches = last / 25.4;

  sizes->eu = round (2 * 1.5 * last / 10) / 2;
  sizes->uk = round (2 * (3 * inches - 25)) / 2;
  sizes->us_men = round (2 * (3 * inches - 24)) / 2;
  sizes->us_women = round (2 * (3 * inches - 22.5)) / 2;
  if (isfinite (foot_length_mm) && isfinite (ball_width_mm))
    g_snprintf (sizes->mondopoint, sizeof sizes->mondopoint, "%.0f/%.0f", foot_length_mm, ball_width_mm);
  else
    sizes->mondopoint[0] = '\0';
}

const char *
plantar_region_to_string (PlantarRegion region)
{
  static const char *names[PLANTAR_N_REGIONS] = {
    "heel", "midfoot", "forefoot", "toes", "heel_medial", "heel_lateral", "midfoot_medial",
    "midfoot_lateral", "forefoot_medial", "forefoot_lateral", "hallux", "lesser_toes",
    "mth1", "mth2", "mth3", "mth4", "mth5",
  };
  g_return_val_if_fail (region < PLANTAR_N_REGIONS, "?");
  return names[region];
}

/* ------------------------------------------------------------ scale from a foot */

/* The longest foot of @scan measured at @mm a cell, or NAN. */
static double
longest_foot_at (const PlantarScan             *scan,
                 double                         mm,
                 const PlantarAnalysisSettings *settings)
{
  g_autoptr(PlantarScan) trial = plantar_scan_copy (scan);
  g_autoptr(PlantarAnalysis) analysis = NULL;
  double longest = NAN;

  plantar_scan_set_cell_size (trial, mm, mm);
  analysis = plantar_analyze (trial, settings, NULL);
  for (guint i = 0; analysis != NULL && i < analysis->feet->len; i++)
    {
      PlantarFoot *f = g_ptr_array_index (analysis->feet, i);
      if (isfinite (f->foot_length_mm) && !(f->foot_length_mm <= longest))
        longest = f->foot_length_mm;
    }
  return longest;
}

/**
 * plantar_foot_length_scale:
 * @foot_length_mm: how long the (longer) foot the scan shows is
 *
 * The size of a square cell (or pixel) of @scan at which its foot measures
 * @foot_length_mm: the scale of a picture that says none. @scan is left as
 * it is, and only read: this may run in a worker.
 *
 * Returns: mm a cell, or 0 with @error set when no foot is found
 */
double
plantar_foot_length_scale (const PlantarScan             *scan,
                           double                         foot_length_mm,
                           const PlantarAnalysisSettings *settings,
                           GError                       **error)
{
  /* first guesses: the foot across most of the picture's longer side */
  const double fills[] = { 0.8, 0.6, 1.0, 0.4, 0.25 };
  double side = MAX (plantar_scan_get_width (scan), plantar_scan_get_height (scan));

  if (!(foot_length_mm >= 100 && foot_length_mm <= 400))
    {
      g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_SCALE,
                   _("A foot of %.0f mm is not one to scale by: expected 100 to 400 mm"), foot_length_mm);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fills); i++)
    {
      double mm = foot_length_mm / (fills[i] * side), length = longest_foot_at (scan, mm, settings);
      if (!isfinite (length))
        continue;
      /* lengths scale with the cell, but what counts as contact does not
       * quite: twice more from the better guess */
      for (guint round = 0; round < 2 && isfinite (length); round++)
        {
          mm *= foot_length_mm / length;
          length = longest_foot_at (scan, mm, settings);
        }
      if (isfinite (length) && fabs (length - foot_length_mm) < 0.02 * foot_length_mm)
        return mm * foot_length_mm / length;
    }
  g_set_error_literal (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_FOOT,
                       _("No foot was found to take the scale from: give the cell size, or a known distance, "
                         "instead."));
  return 0;
}

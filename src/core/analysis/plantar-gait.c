/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-gait"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-gait.h"

/*
 * Gait from the steps found (SCIENCE.md, Running and walking form):
 *
 * - A step's time runs from the other foot's initial contact to its own;
 *   a stride's from the same foot's last one. Cadence: 60 000 / the mean
 *   step time. Only steps next to each other in the recording, both
 *   complete, are paired.
 * - Stance: the foot's contact time; swing: its stride less its stance;
 *   stance as % of the stride. Two feet down at once is double support
 *   (walking); neither, flight (running): most pairs with flight is a run.
 * - Speed: a treadmill's belt; on a walkway the heels' progress over the
 *   time between the first and the last step. Step length: speed × step
 *   time on a treadmill, the heels' distance along the walk on a walkway;
 *   step width: their distance across it.
 * - Strike index (Cavanagh & Lafortune 1980): the centre of pressure at
 *   initial contact along the foot from the back of the heel, as % of the
 *   foot's length; its categories are the thresholds file's.
 * - Symmetry index (Robinson et al. 1987): (right − left) over their
 *   mean, %, flagged beyond the thresholds file's limit.
 */

typedef struct {
  double sum, sum2;
  guint  n;
} Acc;

static void
acc_add (Acc   *a,
         double v)
{
  if (!isfinite (v))
    return;
  a->sum += v;
  a->sum2 += v * v;
  a->n++;
}

static PlantarGaitStat
acc_stat (const Acc *a)
{
  PlantarGaitStat s = { a->n, NAN, NAN };

  if (a->n > 0)
    {
      s.mean = a->sum / a->n;
      s.sd = a->n > 1 ? sqrt (MAX (0, (a->sum2 - a->n * s.mean * s.mean) / (a->n - 1))) : 0;
    }
  return s;
}

static int
slot (PlantarSide side)
{
  return side == PLANTAR_SIDE_RIGHT;
}

/* The total force of the step frame by frame, N, resampled at even
 * shares of its stance into @curve; its highest */
static double
step_force (const PlantarFoot *foot,
            float              curve[PLANTAR_GAIT_CURVE_POINTS])
{
  PlantarFootGrid grid;
  g_autofree float *load = NULL;
  g_autofree double *per_frame = NULL;
  guint frames;
  double best = 0;
  gsize n;

  for (guint k = 0; k < PLANTAR_GAIT_CURVE_POINTS; k++)
    curve[k] = NAN;
  if (!foot->has_pressure || foot->pressure_uncalibrated || foot->footprint == NULL ||
      foot->last_frame < foot->first_frame)
    return NAN;
  plantar_foot_get_grid (foot, &grid);
  n = (gsize) grid.width * grid.height;
  load = g_new (float, n);
  frames = foot->last_frame - foot->first_frame + 1;
  per_frame = g_new0 (double, frames);
  for (guint f = 0; f < frames; f++)
    {
      double sum = 0;
      if (!plantar_foot_get_load (foot, foot->first_frame + f, load))
        continue;
      for (gsize i = 0; i < n; i++)
        sum += load[i];
      /* kPa × mm² = mN */
      per_frame[f] = sum * grid.cell_w * grid.cell_h / 1000;
      best = MAX (best, per_frame[f]);
    }
  if (frames >= 2)
    for (guint k = 0; k < PLANTAR_GAIT_CURVE_POINTS; k++)
      {
        double at = (double) k / (PLANTAR_GAIT_CURVE_POINTS - 1) * (frames - 1);
        guint f = MIN ((guint) at, frames - 2);
        curve[k] = (float) (per_frame[f] + (at - f) * (per_frame[f + 1] - per_frame[f]));
      }
  return best > 0 ? best : NAN;
}

static void
strike_of (const PlantarFoot *foot,
           PlantarThresholds *thresholds,
           PlantarGaitStep   *step)
{
  double a = foot->axis_deg * G_PI / 180, u;
  const PlantarCopPoint *first;
  PlantarCategory category;

  step->strike_index_pct = NAN;
  step->strike_across_mm = NAN;
  step->strike = PLANTAR_STRIKE_UNKNOWN;
  step->first_contact.x = step->first_contact.y = NAN;
  if (foot->cop_path == NULL || foot->cop_path->len == 0 || !isfinite (foot->foot_length_mm) ||
      !isfinite (foot->heel_back.x))
    return;
  first = &g_array_index (foot->cop_path, PlantarCopPoint, 0);
  step->first_contact.x = first->x;
  step->first_contact.y = first->y;
  u = (first->x - foot->heel_back.x) * sin (a) - (first->y - foot->heel_back.y) * cos (a);
  step->strike_index_pct = CLAMP (100 * u / foot->foot_length_mm, 0, 100);
  step->strike_across_mm = (first->x - foot->heel_back.x) * cos (a) + (first->y - foot->heel_back.y) * sin (a);
  if (plantar_thresholds_categorize (thresholds, "strike_index_pct", step->strike_index_pct, &category) &&
      category.category != NULL)
    step->strike = g_str_equal (category.category, "rearfoot") ? PLANTAR_STRIKE_REARFOOT
                   : g_str_equal (category.category, "midfoot") ? PLANTAR_STRIKE_MIDFOOT
                   : g_str_equal (category.category, "forefoot") ? PLANTAR_STRIKE_FOREFOOT
                                                                 : PLANTAR_STRIKE_UNKNOWN;
}

typedef struct {
  Acc step_time, stride_time, step_length, stride_length, width, double_support, flight;
  Acc side[2][7];   /* stance, swing, stance %, step time, step length, force, strike index */
  guint strikes[2][4];
  guint pairs, flights;
} Sums;

enum { S_STANCE, S_SWING, S_STANCE_PCT, S_STEP_TIME, S_STEP_LENGTH, S_FORCE, S_STRIKE };

/* Along and across the walk, mm */
static void
walk_components (const PlantarAnalysis *analysis,
                 const PlantarFoot     *from,
                 const PlantarFoot     *to,
                 double                *along,
                 double                *across)
{
  double d = analysis->walk_direction_deg * G_PI / 180, dx = sin (d), dy = -cos (d);
  double ex = to->heel_centre.x - from->heel_centre.x, ey = to->heel_centre.y - from->heel_centre.y;

  *along = ex * dx + ey * dy;
  *across = fabs (ex * dy - ey * dx);
}

/* Pairs each complete step with the complete step before it (the other
 * foot's) and the one two before (its own foot's last), when they are
 * next to it in the recording. */
static void
pair_steps (PlantarAnalysis *analysis,
            PlantarGait     *gait,
            Sums            *s,
            double           frame_ms)
{
  GPtrArray *feet = analysis->feet;

  for (guint i = 0; i < feet->len; i++)
    {
      PlantarFoot *cur = g_ptr_array_index (feet, i);
      PlantarFoot *prev = i >= 1 ? g_ptr_array_index (feet, i - 1) : NULL;
      PlantarFoot *same = i >= 2 ? g_ptr_array_index (feet, i - 2) : NULL;
      PlantarGaitStep *step = (PlantarGaitStep *) (void *) plantar_gait_find_step (gait, i);
      int k;
      double along, across;

      if (step == NULL)
        continue;
      k = slot (step->side);
      if (prev != NULL && prev->complete && prev->side != cur->side && prev->side != PLANTAR_SIDE_UNKNOWN)
        {
          double overlap = prev->start_ms + prev->contact_ms - cur->start_ms;
          step->step_time_ms = cur->start_ms - prev->start_ms;
          walk_components (analysis, prev, cur, &along, &across);
          step->step_length_mm = gait->treadmill ? gait->speed_mm_s * step->step_time_ms / 1000 : along;
          step->step_width_mm = across;
          acc_add (&s->step_time, step->step_time_ms);
          acc_add (&s->step_length, step->step_length_mm);
          acc_add (&s->width, across);
          acc_add (&s->side[k][S_STEP_TIME], step->step_time_ms);
          acc_add (&s->side[k][S_STEP_LENGTH], step->step_length_mm);
          s->pairs++;
          if (overlap < -frame_ms / 2)
            {
              s->flights++;
              acc_add (&s->flight, -overlap);
            }
          else
            acc_add (&s->double_support, MAX (0, overlap));
        }
      if (same != NULL && same->complete && same->side == cur->side && prev != NULL && prev->side != cur->side)
        {
          double stride = cur->start_ms - same->start_ms;
          acc_add (&s->stride_time, stride);
          walk_components (analysis, same, cur, &along, &across);
          acc_add (&s->stride_length, gait->treadmill ? gait->speed_mm_s * stride / 1000 : along);
          acc_add (&s->side[k][S_SWING], stride - same->contact_ms);
          acc_add (&s->side[k][S_STANCE_PCT], 100 * same->contact_ms / stride);
        }
    }
}

/* A walkway's speed: the heels' progress from the first complete step to the last */
static double
walkway_speed (PlantarAnalysis *analysis,
               GArray          *steps)
{
  const PlantarGaitStep *a, *b;
  double along, across;

  if (steps->len < 2)
    return NAN;
  a = &g_array_index (steps, PlantarGaitStep, 0);
  b = &g_array_index (steps, PlantarGaitStep, steps->len - 1);
  if (b->land_ms - a->land_ms <= 0)
    return NAN;
  walk_components (analysis, g_ptr_array_index (analysis->feet, a->foot), g_ptr_array_index (analysis->feet, b->foot),
                   &along, &across);
  return along > 0 ? along / (b->land_ms - a->land_ms) * 1000 : NAN;
}

static void
symmetry (PlantarGait       *gait,
          PlantarThresholds *thresholds)
{
  const PlantarGaitStat *l = &gait->sides[0].stance_ms, *r = &gait->sides[1].stance_ms;
  double pairs[PLANTAR_GAIT_N_SYMMETRIES][2] = {
    { l->mean, r->mean },
    { gait->sides[0].step_length_mm.mean, gait->sides[1].step_length_mm.mean },
    { gait->sides[0].step_time_ms.mean, gait->sides[1].step_time_ms.mean },
    { gait->sides[0].peak_force_n.mean, gait->sides[1].peak_force_n.mean },
    { gait->sides[0].strike_index_pct.mean, gait->sides[1].strike_index_pct.mean },
  };

  gait->symmetry_limit_pct = plantar_thresholds_flag_limit (thresholds, "gait_symmetry_pct");
  for (int i = 0; i < PLANTAR_GAIT_N_SYMMETRIES; i++)
    {
      double m = (pairs[i][0] + pairs[i][1]) / 2;
      gait->symmetry_pct[i] = isfinite (m) && fabs (m) > 1e-9 ? 100 * (pairs[i][1] - pairs[i][0]) / m : NAN;
      gait->symmetry_flag[i] = isfinite (gait->symmetry_pct[i]) && isfinite (gait->symmetry_limit_pct) &&
                               fabs (gait->symmetry_pct[i]) > gait->symmetry_limit_pct;
    }
}

static void
collect_steps (PlantarAnalysis   *analysis,
               PlantarThresholds *thresholds,
               PlantarGait       *gait,
               Sums              *s)
{
  for (guint i = 0; i < analysis->feet->len; i++)
    {
      PlantarFoot *foot = g_ptr_array_index (analysis->feet, i);
      PlantarGaitStep step = { 0 };
      int k;

      if (!foot->complete || (foot->side != PLANTAR_SIDE_LEFT && foot->side != PLANTAR_SIDE_RIGHT) ||
          !isfinite (foot->start_ms) || !isfinite (foot->contact_ms))
        continue;
      k = slot (foot->side);
      step.foot = i;
      step.side = foot->side;
      step.land_ms = foot->start_ms;
      step.stance_ms = foot->contact_ms;
      step.step_time_ms = step.step_length_mm = step.step_width_mm = NAN;
      strike_of (foot, thresholds, &step);
      step.peak_force_n = step_force (foot, step.force_n);
      acc_add (&s->side[k][S_STANCE], step.stance_ms);
      acc_add (&s->side[k][S_FORCE], step.peak_force_n);
      acc_add (&s->side[k][S_STRIKE], step.strike_index_pct);
      s->strikes[k][step.strike]++;
      g_array_append_val (gait->steps, step);
    }
}

/* On a treadmill the feet stay on the plate, so the centre of pressure of
 * the whole plate traces the walk's figure of eight: each foot's stance a
 * wing, double support the crossing between them. */
static GArray *
treadmill_cop (PlantarAnalysis   *analysis,
               const PlantarGait *gait,
               double             frame_ms)
{
  PlantarScan *scan = analysis->scan;
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  guint n = plantar_scan_get_n_frames (scan);
  double cw = plantar_scan_get_cell_width_mm (scan), ch = plantar_scan_get_cell_height_mm (scan);
  double d = isfinite (analysis->walk_direction_deg) ? analysis->walk_direction_deg * G_PI / 180 : 0;
  GArray *cop;

  if (!(cw > 0) || !(ch > 0) || !(frame_ms > 0) || n < 2)
    return NULL;
  cop = g_array_new (FALSE, FALSE, sizeof (PlantarGaitCop));
  for (guint f = 0; f < n; f++)
    {
      const float *v = plantar_scan_get_frame (scan, f);
      double total = 0, sx = 0, sy = 0, t = f * frame_ms, x, y;
      PlantarGaitCop p = { 0 };

      /* by rows: pressures are never negative, so every cell adds */
      for (guint j = 0; j < h; j++)
        {
          const float *row = v + (gsize) j * w;
          float sum4[4] = { 0 }, x4[4] = { 0 }, row_sum, row_x;
          guint i = 0;
          /* four sums at once, none waiting on another */
          for (; i + 4 <= w; i += 4)
            for (guint k = 0; k < 4; k++)
              {
                sum4[k] += row[i + k];
                x4[k] += row[i + k] * (float) (i + k);
              }
          row_sum = sum4[0] + sum4[1] + sum4[2] + sum4[3];
          row_x = x4[0] + x4[1] + x4[2] + x4[3];
          for (; i < w; i++)
            {
              row_sum += row[i];
              row_x += row[i] * (float) i;
            }
          total += row_sum;
          sx += row_x;
          sy += (double) row_sum * j;
        }
      if (!(total > 0))
        continue;
      x = (sx / total + 0.5) * cw;
      y = (sy / total + 0.5) * ch;
      p.across_mm = x * cos (d) + y * sin (d);
      p.along_mm = x * sin (d) - y * cos (d);
      for (guint s = 0; s < gait->steps->len; s++)
        {
          const PlantarGaitStep *step = &g_array_index (gait->steps, PlantarGaitStep, s);
          if (t >= step->land_ms && t <= step->land_ms + step->stance_ms)
            p.loaded |= step->side == PLANTAR_SIDE_RIGHT ? 2 : 1;
        }
      g_array_append_val (cop, p);
    }
  /* the walker drifts on the belt, sideways and back and forth: taken off
   * as the mean over one stride around each frame, so that the strides lie
   * over each other */
  {
    guint n_cop = cop->len;
    guint half = isfinite (gait->stride_time_ms.mean) && gait->stride_time_ms.mean > 0
                   ? (guint) MAX (1, round (gait->stride_time_ms.mean / frame_ms / 2)) : 0;
    double *prefix_x = g_new0 (double, n_cop + 1), *prefix_y = g_new0 (double, n_cop + 1);

    for (guint i = 0; i < n_cop; i++)
      {
        const PlantarGaitCop *p = &g_array_index (cop, PlantarGaitCop, i);
        prefix_x[i + 1] = prefix_x[i] + p->across_mm;
        prefix_y[i + 1] = prefix_y[i] + p->along_mm;
      }
    for (guint i = 0; i < n_cop; i++)
      {
        PlantarGaitCop *p = &g_array_index (cop, PlantarGaitCop, i);
        guint from = half > 0 && i > half ? i - half : 0, to = half > 0 ? MIN (n_cop, i + half + 1) : n_cop;
        p->across_mm -= (prefix_x[to] - prefix_x[from]) / (to - from);
        p->along_mm -= (prefix_y[to] - prefix_y[from]) / (to - from);
      }
    g_free (prefix_x);
    g_free (prefix_y);
  }
  return cop;
}

/**
 * plantar_gait_compute:
 *
 * The gait of @analysis's steps; @gait->available is FALSE for a static
 * scan or a recording without complete steps of both feet.
 */
void
plantar_gait_compute (PlantarAnalysis   *analysis,
                      PlantarThresholds *thresholds,
                      PlantarGait       *gait)
{
  Sums s = { 0 };
  double frame_ms;

  memset (gait, 0, sizeof *gait);
  gait->steps = g_array_new (FALSE, FALSE, sizeof (PlantarGaitStep));
  gait->speed_mm_s = gait->cadence_spm = NAN;
  for (int i = 0; i < PLANTAR_GAIT_N_SYMMETRIES; i++)
    gait->symmetry_pct[i] = NAN;
  if (thresholds == NULL)
    thresholds = plantar_thresholds_get_builtin ();
  if (analysis == NULL || !analysis->is_recording)
    return;
  frame_ms = plantar_scan_get_frame_ms (analysis->scan);
  gait->treadmill = analysis->belt_mm_per_s > 0;

  collect_steps (analysis, thresholds, gait, &s);
  gait->speed_mm_s = gait->treadmill ? analysis->belt_mm_per_s : walkway_speed (analysis, gait->steps);
  pair_steps (analysis, gait, &s, isfinite (frame_ms) ? frame_ms : 10);

  gait->step_time_ms = acc_stat (&s.step_time);
  gait->stride_time_ms = acc_stat (&s.stride_time);
  gait->step_length_mm = acc_stat (&s.step_length);
  gait->stride_length_mm = acc_stat (&s.stride_length);
  gait->step_width_mm = acc_stat (&s.width);
  gait->double_support_ms = acc_stat (&s.double_support);
  gait->flight_ms = acc_stat (&s.flight);
  gait->running = s.pairs > 0 && 2 * s.flights > s.pairs;
  gait->cadence_spm = gait->step_time_ms.n > 0 && gait->step_time_ms.mean > 0 ? 60000 / gait->step_time_ms.mean : NAN;
  for (int k = 0; k < 2; k++)
    {
      PlantarGaitSide *side = &gait->sides[k];
      guint best = 0;
      side->stance_ms = acc_stat (&s.side[k][S_STANCE]);
      side->swing_ms = acc_stat (&s.side[k][S_SWING]);
      side->stance_pct = acc_stat (&s.side[k][S_STANCE_PCT]);
      side->step_time_ms = acc_stat (&s.side[k][S_STEP_TIME]);
      side->step_length_mm = acc_stat (&s.side[k][S_STEP_LENGTH]);
      side->peak_force_n = acc_stat (&s.side[k][S_FORCE]);
      side->strike_index_pct = acc_stat (&s.side[k][S_STRIKE]);
      side->n_steps = side->stance_ms.n;
      for (int c = PLANTAR_STRIKE_REARFOOT; c <= PLANTAR_STRIKE_FOREFOOT; c++)
        if (s.strikes[k][c] > best)
          {
            best = s.strikes[k][c];
            side->strike = c;
          }
    }
  gait->available = gait->sides[0].n_steps > 0 && gait->sides[1].n_steps > 0 && gait->step_time_ms.n > 0;
  symmetry (gait, thresholds);
}

/* The treadmill's butterfly, for the drawings: every frame of the
 * recording read again, so only when it is drawn. */
void
plantar_gait_compute_cop (PlantarAnalysis *analysis,
                          PlantarGait     *gait)
{
  double frame_ms;

  g_clear_pointer (&gait->cop, g_array_unref);
  if (analysis == NULL || !analysis->is_recording || !gait->treadmill || !gait->available)
    return;
  frame_ms = plantar_scan_get_frame_ms (analysis->scan);
  gait->cop = treadmill_cop (analysis, gait, isfinite (frame_ms) ? frame_ms : 10);
}

PlantarAnalysis *
plantar_gait_recording (PlantarFitting *fitting)
{
  for (guint i = 0; i < plantar_fitting_get_n_scans (fitting); i++)
    {
      PlantarAnalysis *analysis = plantar_fitting_get_analysis (fitting, i);
      if (analysis != NULL && analysis->is_recording)
        return analysis;
    }
  return NULL;
}

void
plantar_gait_for_fitting (PlantarFitting    *fitting,
                          PlantarThresholds *thresholds,
                          PlantarGait       *gait)
{
  plantar_gait_compute (plantar_gait_recording (fitting), thresholds, gait);
}

void
plantar_gait_clear (PlantarGait *gait)
{
  g_clear_pointer (&gait->steps, g_array_unref);
  g_clear_pointer (&gait->cop, g_array_unref);
  gait->available = FALSE;
}

const PlantarGaitSide *
plantar_gait_get_side (const PlantarGait *gait,
                       PlantarSide        side)
{
  return &gait->sides[slot (side)];
}

const PlantarGaitStep *
plantar_gait_find_step (const PlantarGait *gait,
                        guint              foot_index)
{
  for (guint i = 0; gait->steps != NULL && i < gait->steps->len; i++)
    if (g_array_index (gait->steps, PlantarGaitStep, i).foot == foot_index)
      return &g_array_index (gait->steps, PlantarGaitStep, i);
  return NULL;
}

const char *
plantar_strike_to_string (PlantarStrike strike)
{
  switch (strike)
    {
    case PLANTAR_STRIKE_REARFOOT: return "rearfoot";
    case PLANTAR_STRIKE_MIDFOOT: return "midfoot";
    case PLANTAR_STRIKE_FOREFOOT: return "forefoot";
    case PLANTAR_STRIKE_UNKNOWN:
    default: return NULL;
    }
}

const char *
plantar_strike_get_label (PlantarStrike strike)
{
  switch (strike)
    {
    case PLANTAR_STRIKE_REARFOOT: return _("Rearfoot strike");
    case PLANTAR_STRIKE_MIDFOOT: return _("Midfoot strike");
    case PLANTAR_STRIKE_FOREFOOT: return _("Forefoot strike");
    case PLANTAR_STRIKE_UNKNOWN:
    default: return _("Strike not known");
    }
}

/* the words of the walk's description, inside its sentences */
static const char * const symmetry_phrases[PLANTAR_GAIT_N_SYMMETRIES] = {
  NC_("in a sentence", "stance time"), NC_("in a sentence", "step length"), NC_("in a sentence", "step time"),
  NC_("in a sentence", "peak force"), NC_("in a sentence", "strike index"),
};

const char *
plantar_gait_symmetry_phrase (PlantarGaitSymmetry which)
{
  return g_dpgettext2 (NULL, "in a sentence", symmetry_phrases[which]);
}

static const char *
strike_phrase (PlantarStrike strike)
{
  switch (strike)
    {
    case PLANTAR_STRIKE_REARFOOT:
      return C_("in a sentence", "rearfoot strike");
    case PLANTAR_STRIKE_MIDFOOT:
      return C_("in a sentence", "midfoot strike");
    case PLANTAR_STRIKE_FOREFOOT:
      return C_("in a sentence", "forefoot strike");
    case PLANTAR_STRIKE_UNKNOWN:
    default:
      return C_("in a sentence", "strike not known");
    }
}

char *
plantar_gait_describe (const PlantarGait *g)
{
  const PlantarGaitSide *l = &g->sides[0], *r = &g->sides[1];
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean even = TRUE;

  g_string_append_printf (s, g->running ? _("Running at %.1f km/h, %.0f steps a minute, steps of %.0f cm. ")
                                        : _("Walking at %.1f km/h, %.0f steps a minute, steps of %.0f cm. "),
                          g->speed_mm_s * 3.6 / 1000, g->cadence_spm, g->step_length_mm.mean / 10);
  if (l->strike == r->strike && l->strike != PLANTAR_STRIKE_UNKNOWN)
    g_string_append_printf (s, _("Both feet land %s. "),
                            l->strike == PLANTAR_STRIKE_REARFOOT ? _("on the heel (a rearfoot strike)")
                            : l->strike == PLANTAR_STRIKE_MIDFOOT ? _("on the middle of the foot (a midfoot strike)")
                                                                  : _("on the ball of the foot (a forefoot strike)"));
  else
    {
      g_string_append_printf (s, _("The left foot lands with a %s, the right with a %s. "),
                              strike_phrase (l->strike), strike_phrase (r->strike));
    }
  for (int i = 0; i < PLANTAR_GAIT_N_SYMMETRIES; i++)
    if (g->symmetry_flag[i])
      {
        const char *what = plantar_gait_symmetry_phrase ((PlantarGaitSymmetry) i);
        g_string_append_printf (s, even ? _("Left and right differ in %s (%+.0f %%)") : _(", %s (%+.0f %%)"), what,
                                g->symmetry_pct[i]);
        even = FALSE;
      }
  g_string_append (s, even ? _("Left and right steps are even.") : ".");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char * const symmetry_keys[PLANTAR_GAIT_N_SYMMETRIES] = {
  "stance_symmetry_pct", "step_length_symmetry_pct", "step_time_symmetry_pct", "peak_force_symmetry_pct",
  "strike_index_symmetry_pct",
};

const char *
plantar_gait_symmetry_key (PlantarGaitSymmetry which)
{
  return symmetry_keys[which];
}

const char *
plantar_gait_symmetry_label (PlantarGaitSymmetry which)
{
  const char *labels[] = { N_("Stance time"), N_("Step length"), N_("Step time"), N_("Peak force"),
                           N_("Strike index") };
  return _(labels[which]);
}

static void
add_number (JsonBuilder *b,
            const char  *key,
            double       v,
            int          decimals)
{
  double scale = pow (10, decimals);
  json_builder_set_member_name (b, key);
  if (isfinite (v))
    json_builder_add_double_value (b, round (v * scale) / scale);
  else
    json_builder_add_null_value (b);
}

static void
add_stat (JsonBuilder           *b,
          const char            *key,
          const PlantarGaitStat *s,
          int                    decimals)
{
  g_autofree char *sd = g_strconcat (key, "_sd", NULL);
  add_number (b, key, s->mean, decimals);
  add_number (b, sd, s->sd, decimals);
}

void
plantar_gait_build_json (const PlantarGait *gait,
                         JsonBuilder       *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "available");
  json_builder_add_boolean_value (b, gait->available);
  json_builder_set_member_name (b, "treadmill");
  json_builder_add_boolean_value (b, gait->treadmill);
  json_builder_set_member_name (b, "running");
  json_builder_add_boolean_value (b, gait->running);
  add_number (b, "speed_kmh", gait->speed_mm_s * 3.6 / 1000, 2);
  add_number (b, "speed_m_s", gait->speed_mm_s / 1000, 2);
  add_number (b, "cadence_spm", gait->cadence_spm, 1);
  add_stat (b, "step_time_ms", &gait->step_time_ms, 0);
  add_stat (b, "stride_time_ms", &gait->stride_time_ms, 0);
  add_stat (b, "step_length_mm", &gait->step_length_mm, 0);
  add_stat (b, "stride_length_mm", &gait->stride_length_mm, 0);
  add_stat (b, "step_width_mm", &gait->step_width_mm, 0);
  add_stat (b, "double_support_ms", &gait->double_support_ms, 0);
  add_stat (b, "flight_ms", &gait->flight_ms, 0);
  for (int k = 0; k < 2; k++)
    {
      const PlantarGaitSide *s = &gait->sides[k];
      json_builder_set_member_name (b, k ? "right" : "left");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "steps");
      json_builder_add_int_value (b, s->n_steps);
      add_stat (b, "stance_ms", &s->stance_ms, 0);
      add_stat (b, "swing_ms", &s->swing_ms, 0);
      add_stat (b, "stance_pct", &s->stance_pct, 1);
      add_stat (b, "step_time_ms", &s->step_time_ms, 0);
      add_stat (b, "step_length_mm", &s->step_length_mm, 0);
      add_stat (b, "peak_force_n", &s->peak_force_n, 0);
      add_stat (b, "strike_index_pct", &s->strike_index_pct, 1);
      json_builder_set_member_name (b, "strike");
      if (plantar_strike_to_string (s->strike))
        json_builder_add_string_value (b, plantar_strike_to_string (s->strike));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "symmetry");
  json_builder_begin_object (b);
  for (int i = 0; i < PLANTAR_GAIT_N_SYMMETRIES; i++)
    add_number (b, symmetry_keys[i], gait->symmetry_pct[i], 1);
  add_number (b, "limit_pct", gait->symmetry_limit_pct, 1);
  json_builder_set_member_name (b, "flagged");
  json_builder_begin_array (b);
  for (int i = 0; i < PLANTAR_GAIT_N_SYMMETRIES; i++)
    if (gait->symmetry_flag[i])
      json_builder_add_string_value (b, symmetry_keys[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint i = 0; gait->steps != NULL && i < gait->steps->len; i++)
    {
      const PlantarGaitStep *st = &g_array_index (gait->steps, PlantarGaitStep, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "foot");
      json_builder_add_int_value (b, st->foot);
      json_builder_set_member_name (b, "side");
      json_builder_add_string_value (b, plantar_side_to_string (st->side));
      add_number (b, "land_ms", st->land_ms, 0);
      add_number (b, "stance_ms", st->stance_ms, 0);
      add_number (b, "step_time_ms", st->step_time_ms, 0);
      add_number (b, "step_length_mm", st->step_length_mm, 0);
      add_number (b, "step_width_mm", st->step_width_mm, 0);
      add_number (b, "strike_index_pct", st->strike_index_pct, 1);
      json_builder_set_member_name (b, "strike");
      if (plantar_strike_to_string (st->strike))
        json_builder_add_string_value (b, plantar_strike_to_string (st->strike));
      else
        json_builder_add_null_value (b);
      add_number (b, "peak_force_n", st->peak_force_n, 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

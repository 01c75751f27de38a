/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-synth"

#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-synth.h"

/*
 * Walks and runs of known gait, for the tests of speed, cadence, step
 * length and width, stance, strike and symmetry. Steps alternate left
 * and right (left first) at the cadence, the left step taking
 * step_time_ratio of the right's time; each foot stands its stance time.
 * On a walkway the heels land a step length (speed × step time) apart,
 * walking up the plate (−y); on a treadmill every foot lands at the same
 * place near the front and the belt carries it back at the speed.
 */

void
plantar_synth_gait_init (PlantarSynthGait *gait,
                         gboolean          running)
{
  memset (gait, 0, sizeof *gait);
  gait->speed_kmh = running ? 10 : 4.5;
  gait->cadence_spm = running ? 170 : 110;
  gait->stance_ms[0] = gait->stance_ms[1] = running ? 250 : 640;
  gait->step_time_ratio = 1;
  gait->step_width_mm = running ? 60 : 100;
  gait->peak_kpa[0] = gait->peak_kpa[1] = running ? 450 : 320;
  gait->n_steps = 8;
  gait->foot_length_mm = 260;
  gait->frame_ms = 10;
  gait->cell_mm = 5;
}

/* The step times: left steps (even) ratio × the right's, averaging the cadence's */
static void
step_times (const PlantarSynthGait *gait,
            double                 *left_ms,
            double                 *right_ms)
{
  double mean = 60000.0 / gait->cadence_spm;
  *right_ms = 2 * mean / (1 + gait->step_time_ratio);
  *left_ms = gait->step_time_ratio * *right_ms;
}

void
plantar_synth_gait_step (const PlantarSynthGait *gait,
                         guint                   step,
                         double                 *land_ms,
                         double                 *heel_x,
                         double                 *heel_y)
{
  double left_ms, right_ms, t = 60, y = 0, speed = gait->speed_kmh / 3.6;   /* mm/ms */
  double start_y = gait->treadmill ? 40 + gait->foot_length_mm
                                   : 100 + gait->foot_length_mm + gait->n_steps * speed * 60000.0 / gait->cadence_spm;

  step_times (gait, &left_ms, &right_ms);
  /* step i lands after the steps before it: each step's time is that of
   * the foot that lands at its end */
  for (guint i = 1; i <= step; i++)
    {
      double dt = i % 2 == 0 ? left_ms : right_ms;
      t += dt;
      y += speed * dt;
    }
  *land_ms = t;
  *heel_x = 200 + (step % 2 == 0 ? -1 : 1) * gait->step_width_mm / 2;
  *heel_y = gait->treadmill ? start_y : start_y - y;
}

PlantarScan *
plantar_synth_render_gait (const PlantarSynthGait *gait,
                           GError                **error)
{
  PlantarSynthPlate plate;
  g_autofree PlantarSynthFoot *feet = g_new0 (PlantarSynthFoot, gait->n_steps);
  double speed = gait->speed_kmh / 3.6, last_land = 0, x, y;
  PlantarScan *scan;

  plantar_synth_plate_init (&plate);
  plate.cell_width_mm = plate.cell_height_mm = gait->cell_mm;
  plate.frame_ms = gait->frame_ms;
  plate.samples = 2;
  plate.columns = (guint) ceil (400 / gait->cell_mm);
  if (gait->treadmill)
    {
      plate.belt_mm_per_s = speed * 1000;
      plate.rows = (guint) ceil ((gait->foot_length_mm + speed * MAX (gait->stance_ms[0], gait->stance_ms[1]) + 160) /
                                 gait->cell_mm);
    }
  else
    {
      plantar_synth_gait_step (gait, 0, &last_land, &x, &y);
      plate.rows = (guint) ceil ((y + 100) / gait->cell_mm);
    }

  for (guint i = 0; i < gait->n_steps; i++)
    {
      int side = i % 2;   /* 0 left, 1 right */
      plantar_synth_foot_init (&feet[i], side ? PLANTAR_SIDE_RIGHT : PLANTAR_SIDE_LEFT, gait->foot_length_mm);
      plantar_synth_gait_step (gait, i, &feet[i].stance_start_ms, &feet[i].heel_x_mm, &feet[i].heel_y_mm);
      feet[i].stance_ms = gait->stance_ms[side];
      feet[i].strike = gait->strike[side];
      feet[i].peak_kpa = gait->peak_kpa[side];
      feet[i].angle_deg = side ? 6 : -6;
      last_land = feet[i].stance_start_ms + feet[i].stance_ms;
    }
  plate.n_frames = (guint) ceil ((last_land + 60) / gait->frame_ms);

  scan = plantar_synth_render_plate (&plate, feet, gait->n_steps, error);
  if (scan != NULL)
    {
      plantar_scan_set_side (scan, PLANTAR_SIDE_UNKNOWN);
      plantar_scan_set_subject (scan, gait->treadmill ? "Synthetic treadmill" : "Synthetic walkway");
    }
  return scan;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-synth"

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "plantar-synth.h"

/* The demo scans Plantar opens on: a footprint of both feet and a walk
 * over a plate, each made from the synthetic feet. */

/**
 * plantar_synth_demo_footprint:
 *
 * The demo footprint: an ink print of both feet of a 41-size adult on an A3
 * sheet (landscape) scanned at 150 dpi, left foot with a normal arch, right foot a little
 * flatter, both slightly toed out.
 */
PlantarScan *
plantar_synth_demo_footprint (GError **error)
{
  PlantarSynthPage page;
  PlantarSynthFoot feet[2];
  PlantarScan *scan;

  plantar_synth_page_init (&page);
  page.width_mm = 420;
  page.height_mm = 297;
  page.dpi = 150;
  page.noise = 2;
  page.seed = 41;

  plantar_synth_foot_init (&feet[0], PLANTAR_SIDE_LEFT, 258);
  feet[0].heel_x_mm = 140;
  feet[0].heel_y_mm = 252;
  feet[0].angle_deg = -6;
  feet[0].arch = 0.42;

  plantar_synth_foot_init (&feet[1], PLANTAR_SIDE_RIGHT, 260);
  feet[1].heel_x_mm = 282;
  feet[1].heel_y_mm = 254;
  feet[1].angle_deg = 7;
  feet[1].arch = 0.22;
  feet[1].medial_shift = 0.4;

  scan = plantar_synth_render_page (&page, feet, G_N_ELEMENTS (feet), error);
  if (scan != NULL)
    plantar_scan_set_subject (scan, "Demo");
  return scan;
}

/**
 * plantar_synth_demo_walk:
 *
 * The demo recording: four steps (left, right, left, right) walked up a
 * 1.85 m plate of 5 mm cells (64 × 370), 116 frames of 20 ms. The left
 * foot has the higher arch; the right one rolls in a little (its load
 * is moved medially), so the two sides differ as a fitting would show.
 */
PlantarScan *
plantar_synth_demo_walk (GError **error)
{
  PlantarSynthPlate plate;
  PlantarSynthFoot feet[4];
  PlantarScan *scan;

  plantar_synth_plate_init (&plate);
  plate.columns = 64;
  plate.rows = 370;
  plate.cell_width_mm = 5;
  plate.cell_height_mm = 5;
  plate.n_frames = 116;
  plate.frame_ms = 20;

  for (guint i = 0; i < G_N_ELEMENTS (feet); i++)
    {
      gboolean left = i % 2 == 0;
      plantar_synth_foot_init (&feet[i], left ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT, left ? 258 : 261);
      /* walking up the plate, toes out a little, 8 cm either side of the line */
      feet[i].heel_x_mm = left ? 118 : 202;
      feet[i].heel_y_mm = 1790 - 510.0 * i;
      feet[i].angle_deg = left ? -7 - (i == 2) : 9;
      feet[i].arch = left ? 0.46 : 0.24;
      feet[i].medial_shift = left ? -0.1 : 0.45;
      feet[i].stance_start_ms = 40 + 530.0 * i;
      feet[i].stance_ms = 650 + 10.0 * i;
      feet[i].peak_kpa = left ? 330 : 360;
    }

  scan = plantar_synth_render_plate (&plate, feet, G_N_ELEMENTS (feet), error);
  if (scan != NULL)
    {
      /* as a plate would write it: which foot is which is for Plantar to find */
      plantar_scan_set_side (scan, PLANTAR_SIDE_UNKNOWN);
      plantar_scan_set_subject (scan, "Demo");
    }
  return scan;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "plantar-analysis.h"
#include "plantar-gait.h"
#include "plantar-thresholds.h"

G_BEGIN_DECLS

/*
 * Where a foot lands: its print drawn upright, heel down, cut into the
 * rearfoot, midfoot and forefoot bands of the thresholds' strike index,
 * with a dot where each of its steps first touched. The window's Gait
 * section and the clinic report draw it; @dark for a dark background.
 */
void plantar_strike_diagram_draw (cairo_t               *cr,
                                  const PlantarFoot     *foot,
                                  const PlantarGaitStep *steps,
                                  guint                  n_steps,
                                  PlantarThresholds     *thresholds,
                                  double                 width,
                                  double                 height,
                                  gboolean               dark);

G_END_DECLS

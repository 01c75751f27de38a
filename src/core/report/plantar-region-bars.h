/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "plantar-analysis.h"

G_BEGIN_DECLS

/*
 * The peak pressure of each region of the foot (heel, midfoot, the five
 * metatarsal heads, the big toe and the others), the left foot's bar beside
 * the right's, in kPa, with the thresholds' flags for the heel and the
 * forefoot drawn across them. Either foot may be NULL; @emphasis (left or
 * right) is drawn over the other, paler; PLANTAR_SIDE_UNKNOWN: both alike.
 * FALSE when neither foot has pressures.
 */
gboolean plantar_region_bars_draw (cairo_t           *cr,
                                   const PlantarFoot *left,
                                   const PlantarFoot *right,
                                   double             heel_flag_kpa,
                                   double             forefoot_flag_kpa,
                                   PlantarSide        emphasis,
                                   double             width,
                                   double             height,
                                   gboolean           dark);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "plantar-gait.h"

G_BEGIN_DECLS

/*
 * The vertical force under each step over its stance, left and right
 * overlaid (the familiar two humps of a walk, one of a run): each step a
 * thin line, each side's mean a thick one. In newtons, or in % of body
 * weight when @mass_kg > 0. @emphasis (left or right) is drawn over the
 * other side, which is paler; PLANTAR_SIDE_UNKNOWN draws both alike.
 * @dark for a dark background.
 * FALSE when the gait has no force to draw (no kPa).
 */
gboolean plantar_force_curve_draw (cairo_t           *cr,
                                   const PlantarGait *gait,
                                   double             mass_kg,
                                   PlantarSide        emphasis,
                                   double             width,
                                   double             height,
                                   gboolean           dark);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "plantar-gait.h"

G_BEGIN_DECLS

/*
 * The centre of pressure of a treadmill walk, frame by frame, seen from
 * above with the walk going up: each foot's stance a wing in its side's
 * colour, double support the crossing in grey, to scale in millimetres.
 * FALSE when the gait has no such path (not a treadmill).
 */
gboolean plantar_cop_butterfly_draw (cairo_t           *cr,
                                     const PlantarGait *gait,
                                     double             width,
                                     double             height,
                                     gboolean           dark);

G_END_DECLS

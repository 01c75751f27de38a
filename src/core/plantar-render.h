/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "plantar-colormap.h"
#include "plantar-scan.h"

G_BEGIN_DECLS

cairo_surface_t *plantar_render_pressure   (const PlantarScan *scan,
                                            const float       *values,
                                            PlantarColormap    map,
                                            double             max_value);
cairo_surface_t *plantar_render_image      (const PlantarScan *scan);

G_END_DECLS

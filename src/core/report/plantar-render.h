/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "plantar-analysis.h"
#include "plantar-colormap.h"
#include "plantar-scan.h"

G_BEGIN_DECLS

cairo_surface_t *plantar_render_pressure   (const PlantarScan *scan,
                                            const float       *values,
                                            PlantarColormap    map,
                                            double             max_value);
cairo_surface_t *plantar_render_image      (const PlantarScan *scan);

typedef enum {
  PLANTAR_OVERLAY_OUTLINE    = 1 << 0,
  PLANTAR_OVERLAY_AXIS       = 1 << 1,
  PLANTAR_OVERLAY_THIRDS     = 1 << 2,
  PLANTAR_OVERLAY_HEEL       = 1 << 3,
  PLANTAR_OVERLAY_TOE_LINE   = 1 << 4,
  PLANTAR_OVERLAY_REGIONS    = 1 << 5,
  PLANTAR_OVERLAY_COP        = 1 << 6,
  PLANTAR_OVERLAY_PEAK       = 1 << 7,
  PLANTAR_OVERLAY_LABELS     = 1 << 8,
  PLANTAR_OVERLAY_HANDLES    = 1 << 9,   /* the ends of the toe line, to drag */
  PLANTAR_OVERLAY_ALL        = 0x1ff,
} PlantarOverlays;

/* A line of text in the drawings' sans at @size_px (cairo units), bold
 * or not, laid out for @cr: to show with pango_cairo_show_layout() */
PangoLayout     *plantar_render_layout     (cairo_t           *cr,
                                            const char        *text,
                                            double             size_px,
                                            gboolean           bold);
/* The charts' pieces: a line of text at (@x, @y), @y its middle and @align
 * 0 its left, 1 its right; the sides' colours (0 left, 1 right), as the
 * maps' borders, the report and the window show left and right; a round
 * step for an axis, 1, 2 or 5 × 10^n, about @target. */
void             plantar_render_chart_text (cairo_t           *cr,
                                            double             x,
                                            double             y,
                                            double             align,
                                            const char        *text,
                                            double             size_px);
void             plantar_render_side_rgba  (cairo_t           *cr,
                                            int                side_index,
                                            double             alpha);
double           plantar_render_nice_step  (double             target);
/* strokes the path of one of a chart's grid lines: the zero line darker */
void             plantar_render_grid_line  (cairo_t           *cr,
                                            gboolean           zero,
                                            gboolean           dark);
void             plantar_render_foot_map   (cairo_t           *cr,
                                            const PlantarFoot *foot,
                                            PlantarColormap    map,
                                            double             max_value);
void             plantar_render_overlays   (cairo_t           *cr,
                                            const PlantarFoot *foot,
                                            PlantarOverlays    overlays,
                                            double             px_per_mm);

G_END_DECLS

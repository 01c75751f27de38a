/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "plantar-analysis.h"
#include "plantar-colormap.h"
#include "plantar-render.h"
#include "plantar-scan.h"

G_BEGIN_DECLS

/*
 * A foot (or a whole scan) drawn for a person: the pressure map or the
 * print, with the overlays of what was measured. The window draws it at
 * any zoom, the report on paper; both through plantar_map_draw().
 */

typedef struct {
  PlantarColormap colormap;
  double          max_kpa;        /* the top of the colour scale; <= 0: the largest value shown */
  gboolean        smooth;         /* cells blended bilinearly, or crisp */
  gboolean        isobars;        /* contour lines of equal pressure */
  PlantarOverlays overlays;
  int             frame;          /* a frame of a recording; < 0: the peak of each cell */
  double          label_px;       /* the size of the labels on the device; 0: 12 */
  double          device_scale;   /* device pixels per unit of the target (2 on a HiDPI screen) */
} PlantarMapStyle;

typedef enum {
  PLANTAR_HANDLE_NONE,
  PLANTAR_HANDLE_HEEL_CENTRE,
  PLANTAR_HANDLE_TOE_TIP,
  PLANTAR_HANDLE_TOE_LINE_START,    /* toe_line[0] */
  PLANTAR_HANDLE_TOE_LINE_END,      /* toe_line[1] */
} PlantarHandle;

typedef struct _PlantarMap PlantarMap;

void           plantar_map_style_init       (PlantarMapStyle       *style);

PlantarMap    *plantar_map_new              (PlantarScan           *scan,
                                             PlantarFoot           *foot);
void           plantar_map_free             (PlantarMap            *map);
void           plantar_map_set_foot         (PlantarMap            *map,
                                             PlantarFoot           *foot);
PlantarScan   *plantar_map_get_scan         (PlantarMap            *map);
PlantarFoot   *plantar_map_get_foot         (PlantarMap            *map);

/* The rectangle worth showing, mm: the foot with a margin, or the scan. */
void           plantar_map_get_bounds       (PlantarMap            *map,
                                             double                *x,
                                             double                *y,
                                             double                *width,
                                             double                *height);
/* The largest value drawn at @frame (the peak for frame < 0). */
double         plantar_map_get_max_value    (PlantarMap            *map,
                                             int                    frame);
/* The scale the colours run to for @style. */
double         plantar_map_get_scale_max    (PlantarMap            *map,
                                             const PlantarMapStyle *style);

/* @cr's user space is mm in the foot's frame; @px_per_mm how many device
 * pixels make a mm, for line widths and text. */
void           plantar_map_draw             (PlantarMap            *map,
                                             cairo_t               *cr,
                                             const PlantarMapStyle *style,
                                             double                 px_per_mm);

/* What is under a point (mm): kPa on a plate, the grey level on a print.
 * FALSE outside the scan or where no sensor is. */
gboolean       plantar_map_value_at         (PlantarMap            *map,
                                             int                    frame,
                                             double                 x_mm,
                                             double                 y_mm,
                                             double                *value);
PlantarHandle  plantar_map_handle_at        (PlantarMap            *map,
                                             double                 x_mm,
                                             double                 y_mm,
                                             double                 reach_mm);
gboolean       plantar_map_get_handle       (PlantarMap            *map,
                                             PlantarHandle          handle,
                                             PlantarPoint          *point);

/* In device units: a colour bar from 0 to @max_kpa with its ticks, and a
 * bar of 50 mm (or what fits) with its length. */
void           plantar_map_draw_legend      (cairo_t               *cr,
                                             PlantarColormap        colormap,
                                             double                 max_kpa,
                                             const char            *unit,
                                             double                 x,
                                             double                 y,
                                             double                 width,
                                             double                 height,
                                             gboolean               dark);
void           plantar_map_draw_scale_bar   (cairo_t               *cr,
                                             double                 px_per_mm,
                                             double                 x,
                                             double                 y,
                                             double                 max_width,
                                             gboolean               dark);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarMap, plantar_map_free)

G_END_DECLS

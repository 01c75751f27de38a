/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PLANTAR_COLORMAP_PERCEPTUAL,  /* viridis: even steps look even, readable in grey */
  PLANTAR_COLORMAP_RAINBOW,     /* the clinical rainbow plate vendors use */
} PlantarColormap;

/* 256 colours from low to high, as 0xRRGGBB. */
const guint32 *plantar_colormap_get_table (PlantarColormap  map);
guint32        plantar_colormap_lookup    (PlantarColormap  map,
                                           double           t);
const char    *plantar_colormap_to_string (PlantarColormap  map);
PlantarColormap plantar_colormap_from_string (const char     *name);

/* The scales a pressure picture may be drawn with, Plantar's own and
 * others' (jet, clinical, hot): read back along them. */
guint          plantar_colour_scale_count     (void);
const char    *plantar_colour_scale_get_id    (guint            scale);
const char    *plantar_colour_scale_get_name  (guint            scale);
void           plantar_colour_scale_get_table (guint            scale,
                                               guint32          table[256]);
int            plantar_colour_scale_find      (const char      *id);

G_END_DECLS

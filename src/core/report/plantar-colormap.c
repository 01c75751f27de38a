/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-colormap"

#include "config.h"

#include <math.h>

#include "plantar-colormap.h"

typedef struct {
  double  t;
  guint8  r, g, b;
} Stop;

/* viridis (van der Walt & Smith, matplotlib; CC0), sampled every eighth */
static const Stop perceptual[] = {
  { 0.000,  68,   1,  84 }, { 0.125,  71,  44, 122 }, { 0.250,  59,  81, 139 },
  { 0.375,  44, 113, 142 }, { 0.500,  33, 144, 141 }, { 0.625,  39, 173, 129 },
  { 0.750,  92, 200,  99 }, { 0.875, 170, 220,  50 }, { 1.000, 253, 231,  37 },
};

/* blue, cyan, green, yellow, red, purple: the plate vendors' scale */
static const Stop rainbow[] = {
  { 0.00,  30,  60, 220 }, { 0.18,   0, 170, 255 }, { 0.36,  20, 200,  80 },
  { 0.54, 250, 230,   0 }, { 0.72, 255, 120,   0 }, { 0.88, 225,   0,  30 },
  { 1.00, 170,   0, 170 },
};

static void
build (guint32    *table,
       const Stop *stops,
       guint       n)
{
  for (guint i = 0; i < 256; i++)
    {
      double t = i / 255.0;
      guint k = 0;
      double f;

      while (k + 2 < n && t > stops[k + 1].t)
        k++;
      f = (t - stops[k].t) / (stops[k + 1].t - stops[k].t);
      f = CLAMP (f, 0, 1);
      table[i] = (guint32) lround (stops[k].r + f * (stops[k + 1].r - stops[k].r)) << 16 |
                 (guint32) lround (stops[k].g + f * (stops[k + 1].g - stops[k].g)) << 8 |
                 (guint32) lround (stops[k].b + f * (stops[k + 1].b - stops[k].b));
    }
}

const guint32 *
plantar_colormap_get_table (PlantarColormap map)
{
  static guint32 tables[2][256];
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      build (tables[0], perceptual, G_N_ELEMENTS (perceptual));
      build (tables[1], rainbow, G_N_ELEMENTS (rainbow));
      g_once_init_leave (&initialised, 1);
    }
  return tables[map == PLANTAR_COLORMAP_RAINBOW ? 1 : 0];
}

/* The colour of @t in 0..1 (clamped). */
guint32
plantar_colormap_lookup (PlantarColormap map,
                         double          t)
{
  if (!(t > 0))
    t = 0;
  return plantar_colormap_get_table (map)[(guint) lround (MIN (t, 1.0) * 255)];
}

const char *
plantar_colormap_to_string (PlantarColormap map)
{
  return map == PLANTAR_COLORMAP_RAINBOW ? "rainbow" : "perceptual";
}

PlantarColormap
plantar_colormap_from_string (const char *name)
{
  return g_strcmp0 (name, "rainbow") == 0 ? PLANTAR_COLORMAP_RAINBOW : PLANTAR_COLORMAP_PERCEPTUAL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-colormap"

#include "config.h"

#include <glib/gi18n-lib.h>
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

/* the scales other software draws pressure pictures with */
static const Stop jet[] = {
  { 0.000,   0,   0, 128 }, { 0.110,   0,   0, 255 }, { 0.125,   0,   0, 255 }, { 0.340,   0, 255, 255 },
  { 0.375,   0, 255, 255 }, { 0.640, 255, 255,   0 }, { 0.660, 255, 255,   0 }, { 0.890, 255,   0,   0 },
  { 0.910, 255,   0,   0 }, { 1.000, 128,   0,   0 },
};

static const Stop clinical[] = {
  { 0.00,   0,   0, 255 }, { 0.25,   0, 255, 255 }, { 0.50,   0, 255,   0 }, { 0.75, 255, 255,   0 },
  { 1.00, 255,   0,   0 },
};

static const Stop hot[] = {
  { 0.000,  10,   0,   0 }, { 0.375, 255,   0,   0 }, { 0.750, 255, 255,   0 }, { 1.000, 255, 255, 255 },
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

static const struct {
  const char *id;
  const char *name;
  const Stop *stops;
  guint       n_stops;
} scales[] = {
  { "rainbow", N_("Plantar’s rainbow (blue to purple)"), rainbow, G_N_ELEMENTS (rainbow) },
  { "viridis", N_("Viridis (purple to yellow)"), perceptual, G_N_ELEMENTS (perceptual) },
  { "jet", N_("Jet (dark blue to dark red)"), jet, G_N_ELEMENTS (jet) },
  { "clinical", N_("Clinical (blue, cyan, green, yellow, red)"), clinical, G_N_ELEMENTS (clinical) },
  { "hot", N_("Hot (black, red, yellow, white)"), hot, G_N_ELEMENTS (hot) },
};

/**
 * plantar_colour_scale_count:
 *
 * The colour scales pressure pictures are read along: Plantar's own two,
 * and those other software draws with.
 */
guint
plantar_colour_scale_count (void)
{
  return G_N_ELEMENTS (scales);
}

const char *
plantar_colour_scale_get_id (guint scale)
{
  g_return_val_if_fail (scale < G_N_ELEMENTS (scales), NULL);
  return scales[scale].id;
}

const char *
plantar_colour_scale_get_name (guint scale)
{
  g_return_val_if_fail (scale < G_N_ELEMENTS (scales), NULL);
  return _(scales[scale].name);
}

/* The scale's 256 colours, low to high, as 0xRRGGBB. */
void
plantar_colour_scale_get_table (guint    scale,
                                guint32  table[256])
{
  g_return_if_fail (scale < G_N_ELEMENTS (scales));
  build (table, scales[scale].stops, scales[scale].n_stops);
}

int
plantar_colour_scale_find (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (g_strcmp0 (scales[i].id, id) == 0)
      return i;
  return -1;
}

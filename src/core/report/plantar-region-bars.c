/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-regions"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "plantar-region-bars.h"
#include "plantar-render.h"

/* the regions a pressure plate's software masks, heel to toes */
static const PlantarRegion regions[] = {
  PLANTAR_REGION_HEEL_MEDIAL, PLANTAR_REGION_HEEL_LATERAL, PLANTAR_REGION_MIDFOOT,
  PLANTAR_REGION_MTH1, PLANTAR_REGION_MTH2, PLANTAR_REGION_MTH3, PLANTAR_REGION_MTH4, PLANTAR_REGION_MTH5,
  PLANTAR_REGION_HALLUX, PLANTAR_REGION_LESSER_TOES,
};

static char *
region_label (PlantarRegion region)
{
  switch (region)
    {
    case PLANTAR_REGION_HEEL_MEDIAL:
      return g_strdup (C_("region", "Heel, medial"));
    case PLANTAR_REGION_HEEL_LATERAL:
      return g_strdup (C_("region", "Heel, lateral"));
    case PLANTAR_REGION_MIDFOOT:
      return g_strdup (C_("region", "Midfoot"));
    case PLANTAR_REGION_HALLUX:
      return g_strdup (C_("region", "Big toe"));
    case PLANTAR_REGION_LESSER_TOES:
      return g_strdup (C_("region", "Other toes"));
    default:
      /* TRANSLATORS: a metatarsal head, 1 (the big toe's) to 5 */
      return g_strdup_printf (C_("region", "MTH %d"), (int) (region - PLANTAR_REGION_MTH1) + 1);
    }
}

static gboolean
is_heel (PlantarRegion region)
{
  return region == PLANTAR_REGION_HEEL_MEDIAL || region == PLANTAR_REGION_HEEL_LATERAL;
}

static gboolean
is_forefoot (PlantarRegion region)
{
  return region >= PLANTAR_REGION_MTH1 && region <= PLANTAR_REGION_MTH5;
}

gboolean
plantar_region_bars_draw (cairo_t           *cr,
                          const PlantarFoot *left,
                          const PlantarFoot *right,
                          double             heel_flag_kpa,
                          double             forefoot_flag_kpa,
                          PlantarSide        emphasis,
                          double             width,
                          double             height,
                          gboolean           dark)
{
  const PlantarFoot *feet[2] = { left != NULL && left->has_pressure ? left : NULL,
                                 right != NULL && right->has_pressure ? right : NULL };
  guint n = G_N_ELEMENTS (regions);
  double size = CLAMP (height / (n * 2.2 + 4), 8, 11), ink = dark ? 0.93 : 0.2, dim = dark ? 0.75 : 0.37;
  double label_w = 0, top_kpa = 0, step, left_x, right_x, upper = size * 2.2, bottom = height - size * 2;
  double row_h;

  if ((feet[0] == NULL && feet[1] == NULL) || width < 120)
    return FALSE;
  for (guint r = 0; r < n; r++)
    {
      g_autofree char *label = region_label (regions[r]);
      g_autoptr(PangoLayout) layout = plantar_render_layout (cr, label, size, FALSE);
      int w, h;
      pango_layout_get_pixel_size (layout, &w, &h);
      label_w = MAX (label_w, w);
      for (int k = 0; k < 2; k++)
        if (feet[k] != NULL && isfinite (feet[k]->regions[regions[r]].peak_kpa))
          top_kpa = MAX (top_kpa, feet[k]->regions[regions[r]].peak_kpa);
    }
  if (!(top_kpa > 0))
    return FALSE;
  step = plantar_render_nice_step (top_kpa / 4);
  top_kpa = ceil (top_kpa / step) * step;
  left_x = label_w + size;
  right_x = width - size * 1.5;
  row_h = (bottom - upper) / n;

  cairo_save (cr);
  /* the grid and its numbers, kPa */
  for (double v = 0; v <= top_kpa + 1e-9; v += step)
    {
      char label[32];
      double x = round (left_x + v / top_kpa * (right_x - left_x)) + 0.5;
      cairo_move_to (cr, x, upper);
      cairo_line_to (cr, x, bottom);
      plantar_render_grid_line (cr, v == 0, dark);
      g_snprintf (label, sizeof label, "%.0f", v);
      cairo_set_source_rgb (cr, dim, dim, dim);
      plantar_render_chart_text (cr, x, bottom + size * 0.9, 0.5, label, size);
    }
  /* TRANSLATORS: the unit of the regions' peak pressures */
  plantar_render_chart_text (cr, left_x, size * 0.8, 0, _("peak kPa"), size);

  for (guint r = 0; r < n; r++)
    {
      g_autofree char *label = region_label (regions[r]);
      double y = upper + r * row_h, bar_h = MIN (row_h * 0.36, 9);
      double flag = is_heel (regions[r]) ? heel_flag_kpa : is_forefoot (regions[r]) ? forefoot_flag_kpa : 0;

      cairo_set_source_rgb (cr, ink, ink, ink);
      plantar_render_chart_text (cr, left_x - size * 0.5, y + row_h / 2, 1, label, size);
      for (int k = 0; k < 2; k++)
        {
          double v, strength = emphasis == PLANTAR_SIDE_UNKNOWN ||
                                 (emphasis == PLANTAR_SIDE_LEFT) == (k == 0) ? 1 : 0.45;
          if (feet[k] == NULL || !isfinite (v = feet[k]->regions[regions[r]].peak_kpa))
            continue;
          cairo_rectangle (cr, left_x, y + row_h / 2 - bar_h + k * bar_h + (k ? 0.5 : -0.5),
                           MAX (v / top_kpa * (right_x - left_x), 1), bar_h);
          plantar_render_side_rgba (cr, k, strength);
          cairo_fill (cr);
        }
      /* the thresholds' flag for the heel and the metatarsal heads */
      if (flag > 0 && flag < top_kpa)
        {
          double x = round (left_x + flag / top_kpa * (right_x - left_x)) + 0.5;
          cairo_move_to (cr, x, y + 1);
          cairo_line_to (cr, x, y + row_h - 1);
          cairo_set_source_rgba (cr, 0.75, 0.11, 0.16, 0.9);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
    }

  /* which is which */
  for (int k = 0; k < 2; k++)
    {
      double x = right_x - (1 - k) * size * 5.5 - size * 4;
      if (feet[k] == NULL)
        continue;
      cairo_rectangle (cr, x, size * 0.4, size * 1.2, size * 0.8);
      plantar_render_side_rgba (cr, k, 1);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, ink, ink, ink);
      plantar_render_chart_text (cr, x + size * 1.6, size * 0.8, 0, k ? _("Right") : _("Left"), size);
    }
  cairo_restore (cr);
  return TRUE;
}

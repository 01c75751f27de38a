/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-strike"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "plantar-measurements.h"
#include "plantar-render.h"
#include "plantar-strike-diagram.h"

/* Along the axis from the back of the heel (u) and across it, to the
 * map's right (v), mm: the frame the gait's first contacts are kept in */
static void
upright (const PlantarFoot *foot,
         double             x,
         double             y,
         double            *u,
         double            *v)
{
  double a = foot->axis_deg * G_PI / 180;

  *u = (x - foot->heel_back.x) * sin (a) - (y - foot->heel_back.y) * cos (a);
  *v = (x - foot->heel_back.x) * cos (a) + (y - foot->heel_back.y) * sin (a);
}

static void
text_at (cairo_t    *cr,
         double      x,
         double      y,
         const char *text,
         double      size_px,
         gboolean    bold,
         double      grey)
{
  g_autoptr(PangoLayout) layout = plantar_render_layout (cr, text, size_px, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, round (x), round (y - h / 2.0));
  cairo_set_source_rgb (cr, grey, grey, grey);
  pango_cairo_show_layout (cr, layout);
}

/* The words of a band: "Forefoot", from the thresholds' "forefoot" */
static const char *
band_label (const char *name)
{
  if (g_strcmp0 (name, "rearfoot") == 0)
    return _("Rearfoot");
  if (g_strcmp0 (name, "midfoot") == 0)
    return _("Midfoot");
  if (g_strcmp0 (name, "forefoot") == 0)
    return _("Forefoot");
  return name;
}

void
plantar_strike_diagram_draw (cairo_t               *cr,
                             const PlantarFoot     *foot,
                             const PlantarGaitStep *steps,
                             guint                  n_steps,
                             PlantarThresholds     *thresholds,
                             double                 width,
                             double                 height,
                             gboolean               dark)
{
  PlantarFootGrid grid;
  g_autofree guint8 *contact = NULL;
  PlantarScaleBand bands[4];
  guint n_bands;
  double len = foot->foot_length_mm, vmin = G_MAXDOUBLE, vmax = -G_MAXDOUBLE, umax = len;
  double scale, ox, oy, label_x, mean_u = 0;
  guint n_mean = 0;
  const double label_w = 72, pad = 6, text_size = CLAMP (height / 15, 8, 11);

  if (!isfinite (len) || len <= 0 || !isfinite (foot->heel_back.x))
    return;
  if (thresholds == NULL)
    thresholds = plantar_thresholds_get_builtin ();
  plantar_foot_get_grid (foot, &grid);
  contact = g_malloc0 ((gsize) grid.width * grid.height);
  plantar_foot_get_contact (foot, contact);
  for (guint j = 0; j < grid.height; j++)
    for (guint i = 0; i < grid.width; i++)
      if (contact[(gsize) j * grid.width + i])
        {
          double u, v;
          upright (foot, grid.x0 + (i + 0.5) * grid.cell_w, grid.y0 + (j + 0.5) * grid.cell_h, &u, &v);
          vmin = MIN (vmin, v - grid.cell_w);
          vmax = MAX (vmax, v + grid.cell_w);
          umax = MAX (umax, u + grid.cell_h);
        }
  if (vmin > vmax)
    vmin = -50, vmax = 50;

  /* heel at the bottom, the bands' words at the right */
  scale = MIN ((height - 2 * pad) / umax, (width - label_w - 3 * pad) / (vmax - vmin));
  if (scale <= 0)
    return;
  {
    /* the print and its words together, centred */
    double used = (vmax - vmin) * scale + 2 * pad + label_w, left = MAX (pad, (width - used) / 2);
    ox = left - vmin * scale;
    label_x = left + (vmax - vmin) * scale + 2 * pad;
  }
  oy = height - pad;

  for (guint k = 0; k < n_steps; k++)
    if (steps[k].side == foot->side && isfinite (steps[k].strike_index_pct))
      {
        mean_u += steps[k].strike_index_pct;
        n_mean++;
      }
  mean_u = n_mean ? mean_u / n_mean : NAN;

  cairo_save (cr);
  /* the bands, the one most steps land in tinted */
  n_bands = plantar_measurements_scale_bands (thresholds, "strike_index_pct", 0, 100, bands, G_N_ELEMENTS (bands));
  for (guint b = 0; b < n_bands; b++)
    {
      double y0 = oy - bands[b].to / 100 * len * scale, y1 = oy - bands[b].from / 100 * len * scale;
      gboolean here = isfinite (mean_u) && mean_u >= bands[b].from && (mean_u < bands[b].to || b + 1 == n_bands);
      if (b + 1 == n_bands)
        y0 = oy - umax * scale;
      if (here)
        {
          cairo_rectangle (cr, 0, y0, width, y1 - y0);
          cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.08);
          cairo_fill (cr);
        }
      text_at (cr, label_x, (y0 + y1) / 2, band_label (bands[b].name), text_size, here, here ? (dark ? 0.95 : 0.12) : (dark ? 0.72 : 0.42));
      if (b > 0)
        {
          static const double dash[] = { 3, 3 };
          cairo_move_to (cr, 0, round (y1) + 0.5);
          cairo_line_to (cr, width, round (y1) + 0.5);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_source_rgba (cr, 0.13, 0.45, 0.80, 0.8);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }

  /* the print: its contact cells, upright */
  cairo_save (cr);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, scale, scale);
  /* (u, v) → (v, −u) on the page: the foot's frame turned by −axis */
  cairo_rotate (cr, -foot->axis_deg * G_PI / 180);
  cairo_translate (cr, -foot->heel_back.x, -foot->heel_back.y);
  for (guint j = 0; j < grid.height; j++)
    for (guint i = 0; i < grid.width; i++)
      if (contact[(gsize) j * grid.width + i])
        cairo_rectangle (cr, grid.x0 + i * grid.cell_w, grid.y0 + j * grid.cell_h, grid.cell_w * 1.02,
                         grid.cell_h * 1.02);
  cairo_restore (cr);
  if (dark)
    cairo_set_source_rgb (cr, 0.50, 0.52, 0.56);
  else
    cairo_set_source_rgb (cr, 0.80, 0.82, 0.85);
  cairo_fill (cr);

  /* where each step touched first */
  for (guint k = 0; k < n_steps; k++)
    {
      const PlantarGaitStep *s = &steps[k];
      double x, y;
      if (s->side != foot->side || !isfinite (s->strike_index_pct) || !isfinite (s->strike_across_mm))
        continue;
      x = ox + s->strike_across_mm * scale;
      y = oy - s->strike_index_pct / 100 * len * scale;
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
    }
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.75);
  cairo_fill (cr);
  cairo_restore (cr);
}

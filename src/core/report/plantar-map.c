/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "plantar-map.h"

/*
 * The base picture (colours of the cells, or the print) is kept as a
 * surface and made again only when the frame, the colours or the scale
 * change; a print is kept as a pyramid of halved copies, so that a 600-dpi
 * page is drawn from the level that matches the zoom. Overlays are drawn
 * fresh every time: they are a few paths.
 */

#define MAX_LEVELS 14
/* a cell without a sensor: a faint neutral, apart from a sensor that felt
 * nothing (transparent); premultiplied ARGB */
#define NO_SENSOR 0x30707070u

struct _PlantarMap
{
  PlantarScan     *scan;
  PlantarFoot     *foot;          /* NULL: the whole scan */

  /* the grid drawn: the foot's, or the scan's */
  guint            width, height;
  double           cell_w, cell_h, x0, y0;
  gboolean         is_pressure;
  const guint8    *mask;          /* sensors, for the scan's own grid (or NULL) */

  float           *values;        /* at values_frame */
  int              values_frame;
  gboolean         have_values;

  cairo_surface_t *base;          /* the cells' colours */
  int              base_frame;
  PlantarColormap  base_colormap;
  double           base_max;

  cairo_path_t    *outline;       /* of the foot's peak contact */

  cairo_surface_t *levels[MAX_LEVELS];   /* a print: inverted grey as alpha, halved each level */

  /* the base layer (cells or print, isobars, outline) as drawn last, in
   * device pixels: the next draw with the same transform blits it */
  cairo_surface_t *layer;
  cairo_matrix_t   layer_matrix;
  int              layer_x, layer_y, layer_w, layer_h;
  PlantarMapStyle  layer_style;
  PlantarFoot     *layer_foot;
};

void
plantar_map_style_init (PlantarMapStyle *style)
{
  memset (style, 0, sizeof *style);
  style->colormap = PLANTAR_COLORMAP_PERCEPTUAL;
  style->max_kpa = 0;
  style->smooth = FALSE;
  style->isobars = FALSE;
  style->overlays = PLANTAR_OVERLAY_OUTLINE | PLANTAR_OVERLAY_AXIS | PLANTAR_OVERLAY_THIRDS |
                    PLANTAR_OVERLAY_HEEL | PLANTAR_OVERLAY_TOE_LINE | PLANTAR_OVERLAY_COP;
  style->frame = -1;
  style->device_scale = 1;
}

static void
drop_caches (PlantarMap *map)
{
  g_clear_pointer (&map->layer, cairo_surface_destroy);
  g_clear_pointer (&map->values, g_free);
  map->have_values = FALSE;
  g_clear_pointer (&map->base, cairo_surface_destroy);
  g_clear_pointer (&map->outline, cairo_path_destroy);
}

static void
set_grid (PlantarMap *map)
{
  if (map->foot != NULL)
    {
      PlantarFootGrid g;
      plantar_foot_get_grid (map->foot, &g);
      map->width = g.width;
      map->height = g.height;
      map->cell_w = g.cell_w;
      map->cell_h = g.cell_h;
      map->x0 = g.x0;
      map->y0 = g.y0;
      map->is_pressure = g.is_pressure;
      map->mask = NULL;
    }
  else
    {
      map->width = plantar_scan_get_width (map->scan);
      map->height = plantar_scan_get_height (map->scan);
      map->cell_w = plantar_scan_has_scale (map->scan) ? plantar_scan_get_cell_width_mm (map->scan) : 1;
      map->cell_h = plantar_scan_has_scale (map->scan) ? plantar_scan_get_cell_height_mm (map->scan) : 1;
      map->x0 = map->y0 = 0;
      map->is_pressure = plantar_scan_is_pressure (map->scan);
      map->mask = plantar_scan_get_mask (map->scan);
    }
}

/**
 * plantar_map_new:
 * @foot: (nullable): the foot to draw; %NULL for the whole scan
 */
PlantarMap *
plantar_map_new (PlantarScan *scan,
                 PlantarFoot *foot)
{
  PlantarMap *map = g_new0 (PlantarMap, 1);

  map->scan = plantar_scan_ref (scan);
  map->foot = foot ? plantar_foot_ref (foot) : NULL;
  map->values_frame = -2;
  set_grid (map);
  return map;
}

void
plantar_map_free (PlantarMap *map)
{
  if (map == NULL)
    return;
  drop_caches (map);
  for (guint i = 0; i < MAX_LEVELS; i++)
    g_clear_pointer (&map->levels[i], cairo_surface_destroy);
  g_clear_pointer (&map->scan, plantar_scan_unref);
  g_clear_pointer (&map->foot, plantar_foot_unref);
  g_free (map);
}

/* A foot measured again (corrected): the cells may be the same, the
 * overlays are new. */
void
plantar_map_set_foot (PlantarMap  *map,
                      PlantarFoot *foot)
{
  if (map->foot == foot)
    return;
  g_clear_pointer (&map->foot, plantar_foot_unref);
  map->foot = foot ? plantar_foot_ref (foot) : NULL;
  drop_caches (map);
  set_grid (map);
}

PlantarScan *
plantar_map_get_scan (PlantarMap *map)
{
  return map->scan;
}

PlantarFoot *
plantar_map_get_foot (PlantarMap *map)
{
  return map->foot;
}

void
plantar_map_get_bounds (PlantarMap *map,
                        double     *x,
                        double     *y,
                        double     *width,
                        double     *height)
{
  double margin = map->foot != NULL ? 12 : 0;

  *x = map->x0 - margin;
  *y = map->y0 - margin;
  *width = map->width * map->cell_w + 2 * margin;
  *height = map->height * map->cell_h + 2 * margin;
}

/* The grid's values at @frame: the foot's own cells, or the scan's. */
static const float *
values_at (PlantarMap *map,
           int         frame)
{
  gsize n = (gsize) map->width * map->height;

  if (!map->is_pressure && map->foot == NULL)
    return NULL;
  if (plantar_scan_get_n_frames (map->scan) <= 1)
    frame = -1;
  if (map->values != NULL && map->values_frame == frame)
    return map->have_values ? map->values : NULL;

  if (map->values == NULL)
    map->values = g_new (float, n);
  map->values_frame = frame;
  if (map->foot != NULL)
    map->have_values = plantar_foot_get_load (map->foot, frame, map->values) || frame < 0;
  else if (frame < 0)
    {
      g_autofree float *peak = plantar_scan_compute_peak (map->scan);
      memcpy (map->values, peak, n * sizeof (float));
      map->have_values = TRUE;
    }
  else
    {
      memcpy (map->values, plantar_scan_get_frame (map->scan, frame), n * sizeof (float));
      map->have_values = TRUE;
    }
  return map->have_values ? map->values : NULL;
}

double
plantar_map_get_max_value (PlantarMap *map,
                           int         frame)
{
  const float *v;
  gsize n = (gsize) map->width * map->height;
  float top = 0;

  if (!map->is_pressure)
    return 0;
  v = values_at (map, frame);
  for (gsize i = 0; v != NULL && i < n; i++)
    top = MAX (top, v[i]);
  return top;
}

double
plantar_map_get_scale_max (PlantarMap            *map,
                           const PlantarMapStyle *style)
{
  double top;

  if (style->max_kpa > 0)
    return style->max_kpa;
  /* auto: the peak of the whole step, so that the colours hold still
   * while a walk plays */
  top = plantar_map_get_max_value (map, -1);
  return top > 0 ? top : 1;
}

/* ------------------------------------------------------------ the base picture */

static cairo_surface_t *
cells_surface (PlantarMap            *map,
               const float           *v,
               const PlantarMapStyle *style,
               double                 max_value)
{
  const guint32 *table = plantar_colormap_get_table (style->colormap);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, map->width, map->height);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  float scale = max_value > 0 ? 255.0f / max_value : 0;

  cairo_surface_flush (surface);
  for (guint y = 0; y < map->height; y++)
    {
      guint32 *row = (guint32 *) (void *) (data + (gsize) y * stride);
      for (guint x = 0; x < map->width; x++)
        {
          gsize i = (gsize) y * map->width + x;
          if (map->mask != NULL && !map->mask[i])
            row[x] = NO_SENSOR;
          else if (v == NULL || v[i] <= 0)
            row[x] = 0;
          else
            row[x] = 0xff000000u | table[(guint) MIN (v[i] * scale + 0.5f, 255.0f)];
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
draw_cells (PlantarMap            *map,
            cairo_t               *cr,
            const PlantarMapStyle *style)
{
  double max_value = plantar_map_get_scale_max (map, style);
  int frame = plantar_scan_get_n_frames (map->scan) <= 1 ? -1 : style->frame;

  if (map->base == NULL || map->base_frame != frame || map->base_colormap != style->colormap ||
      map->base_max != max_value)
    {
      g_clear_pointer (&map->base, cairo_surface_destroy);
      map->base = cells_surface (map, values_at (map, frame), style, max_value);
      map->base_frame = frame;
      map->base_colormap = style->colormap;
      map->base_max = max_value;
    }

  cairo_save (cr);
  cairo_translate (cr, map->x0, map->y0);
  cairo_scale (cr, map->cell_w, map->cell_h);
  cairo_set_source_surface (cr, map->base, 0, 0);
  /* crisp cells are squares; smooth ones blend between the cell centres */
  cairo_pattern_set_filter (cairo_get_source (cr), style->smooth ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_NEAREST);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_NONE);
  cairo_rectangle (cr, 0, 0, map->width, map->height);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Level 0 of a print: the grey levels inverted into an alpha mask. */
static cairo_surface_t *
image_level (PlantarMap *map,
             guint       level)
{
  cairo_surface_t *prev, *surface;
  guint pw, ph, w, h;
  int ps, stride;
  const guint8 *src;
  guint8 *dst;

  if (map->levels[level] != NULL)
    return map->levels[level];

  if (level == 0)
    {
      const guint8 *px = plantar_scan_get_pixels (map->scan);
      w = plantar_scan_get_width (map->scan);
      h = plantar_scan_get_height (map->scan);
      surface = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
      dst = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      cairo_surface_flush (surface);
      for (guint y = 0; y < h; y++)
        {
          const guint8 *s = px + (gsize) y * w;
          guint8 *d = dst + (gsize) y * stride;
          for (guint x = 0; x < w; x++)
            d[x] = 255 - s[x];
        }
      cairo_surface_mark_dirty (surface);
      return map->levels[0] = surface;
    }

  prev = image_level (map, level - 1);
  pw = cairo_image_surface_get_width (prev);
  ph = cairo_image_surface_get_height (prev);
  ps = cairo_image_surface_get_stride (prev);
  src = cairo_image_surface_get_data (prev);
  w = MAX (1, pw / 2);
  h = MAX (1, ph / 2);
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  dst = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  cairo_surface_flush (surface);
  for (guint y = 0; y < h; y++)
    {
      const guint8 *a = src + (gsize) MIN (2 * y, ph - 1) * ps;
      const guint8 *b = src + (gsize) MIN (2 * y + 1, ph - 1) * ps;
      guint8 *d = dst + (gsize) y * stride;
      for (guint x = 0; x < w; x++)
        {
          guint x0 = MIN (2 * x, pw - 1), x1 = MIN (2 * x + 1, pw - 1);
          d[x] = (a[x0] + a[x1] + b[x0] + b[x1] + 2) / 4;
        }
    }
  cairo_surface_mark_dirty (surface);
  return map->levels[level] = surface;
}

static void
draw_print (PlantarMap *map,
            cairo_t    *cr,
            double      px_per_mm)
{
  double cw = plantar_scan_has_scale (map->scan) ? plantar_scan_get_cell_width_mm (map->scan) : 1;
  double ch = plantar_scan_has_scale (map->scan) ? plantar_scan_get_cell_height_mm (map->scan) : 1;
  guint w = plantar_scan_get_width (map->scan), h = plantar_scan_get_height (map->scan);
  double bx, by, bw, bh;
  guint level = 0;
  double pixels_per_device = 1.0 / (px_per_mm * MIN (cw, ch));
  cairo_surface_t *surface;
  double sx, sy;

  /* the level with at least one of its pixels per device pixel */
  while (level + 1 < MAX_LEVELS && pixels_per_device >= 2.0 && (w >> (level + 1)) > 0 && (h >> (level + 1)) > 0)
    {
      pixels_per_device /= 2;
      level++;
    }
  surface = image_level (map, level);
  sx = (double) w / cairo_image_surface_get_width (surface);
  sy = (double) h / cairo_image_surface_get_height (surface);

  plantar_map_get_bounds (map, &bx, &by, &bw, &bh);
  cairo_save (cr);
  cairo_rectangle (cr, bx, by, bw, bh);
  cairo_clip (cr);
  cairo_rectangle (cr, 0, 0, w * cw, h * ch);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_scale (cr, cw * sx, ch * sy);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_mask_surface (cr, surface, 0, 0);
  cairo_restore (cr);
}

/* ------------------------------------------------------------ contours */

/* Lines where the field of cell-centre values crosses @level (marching
 * squares; beyond the grid the field is 0, so a contour closes). */
static void
contour_path (cairo_t     *cr,
              const float *v,
              guint        w,
              guint        h,
              double       cw,
              double       ch,
              double       x0,
              double       y0,
              double       level)
{
#define V(x, y) (((x) < 0 || (y) < 0 || (x) >= (int) w || (y) >= (int) h) ? 0.0 : (double) v[(gsize) (y) * w + (x)])
  for (int y = -1; y < (int) h; y++)
    for (int x = -1; x < (int) w; x++)
      {
        double a = V (x, y), b = V (x + 1, y), c = V (x + 1, y + 1), d = V (x, y + 1);
        int code = (a > level) | (b > level) << 1 | (c > level) << 2 | (d > level) << 3;
        double px[4], py[4];
        /* the crossing on each edge: top, right, bottom, left */
        double cx = x0 + (x + 0.5) * cw, cy = y0 + (y + 0.5) * ch;

        if (code == 0 || code == 15)
          continue;
        px[0] = cx + cw * (level - a) / (b - a); py[0] = cy;
        px[1] = cx + cw;                         py[1] = cy + ch * (level - b) / (c - b);
        px[2] = cx + cw * (level - d) / (c - d); py[2] = cy + ch;
        px[3] = cx;                              py[3] = cy + ch * (level - a) / (d - a);

#define SEG(i, j) G_STMT_START { cairo_move_to (cr, px[i], py[i]); cairo_line_to (cr, px[j], py[j]); } G_STMT_END
        switch (code)
          {
          case 1: case 14: SEG (3, 0); break;
          case 2: case 13: SEG (0, 1); break;
          case 3: case 12: SEG (3, 1); break;
          case 4: case 11: SEG (1, 2); break;
          case 6: case 9:  SEG (0, 2); break;
          case 7: case 8:  SEG (3, 2); break;
          case 5: case 10:
            /* a saddle: the centre decides */
            if (((a + b + c + d) / 4 > level) == (code == 5))
              {
                SEG (3, 2);
                SEG (0, 1);
              }
            else
              {
                SEG (3, 0);
                SEG (1, 2);
              }
            break;
          default:
            break;
          }
#undef SEG
      }
#undef V
}

static void
draw_isobars (PlantarMap            *map,
              cairo_t               *cr,
              const PlantarMapStyle *style,
              double                 px_per_mm)
{
  const float *v = values_at (map, style->frame);
  double top = plantar_map_get_scale_max (map, style);
  double step = top <= 250 ? 25 : top <= 500 ? 50 : top <= 1000 ? 100 : 200;

  if (v == NULL)
    return;
  cairo_save (cr);
  for (double level = step; level < top; level += step)
    contour_path (cr, v, map->width, map->height, map->cell_w, map->cell_h, map->x0, map->y0, level);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.55);
  cairo_set_line_width (cr, 0.9 / px_per_mm);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_outline (PlantarMap *map,
              cairo_t    *cr,
              double      px_per_mm)
{
  if (map->foot == NULL)
    return;
  if (map->outline == NULL)
    {
      g_autofree float *v = g_new (float, (gsize) map->width * map->height);
      /* an image's load is its ink contrast: half of it is the edge */
      double level = map->is_pressure ? 0.01 : 0.5;
      if (map->foot->corrections.has_threshold)
        level = MAX (level, map->foot->corrections.threshold);
      plantar_foot_get_load (map->foot, -1, v);
      cairo_save (cr);
      cairo_new_path (cr);
      cairo_identity_matrix (cr);
      /* the path is in the foot's mm: built without the device transform */
      contour_path (cr, v, map->width, map->height, map->cell_w, map->cell_h, map->x0, map->y0, level);
      map->outline = cairo_copy_path (cr);
      cairo_new_path (cr);
      cairo_restore (cr);
    }
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_append_path (cr, map->outline);
  cairo_set_line_width (cr, 2.6 / px_per_mm);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 1.2 / px_per_mm);
  cairo_set_source_rgb (cr, 0.11, 0.53, 0.33);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ------------------------------------------------------------ labels */

/* A label at (@x, @y) mm, moved @dy_px device pixels down (up if
 * negative). */
/* A label centred on (@x, @y) moved by @dy_px; or, with a direction
 * (@push_x, @push_y: a unit vector on the device), moved that way until
 * its nearer edge touches the point, so it never covers what lies behind
 * the point (the foot). */
static void
label_pushed (cairo_t    *cr,
              double      x,
              double      y,
              double      dy_px,
              double      push_x,
              double      push_y,
              const char *text,
              double      size_px,
              gboolean    bold)
{
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;
  double pad = size_px * 0.35;

  /* upright on the device whatever the map's rotation */
  cairo_user_to_device (cr, &x, &y);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  layout = plantar_render_layout (cr, text, size_px, bold);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (push_x != 0 || push_y != 0)
    {
      /* how far the box reaches from its centre along the push */
      double reach = MIN (fabs (push_x) > 1e-6 ? (w / 2.0 + pad) / fabs (push_x) : G_MAXDOUBLE,
                          fabs (push_y) > 1e-6 ? (h / 2.0 + 1) / fabs (push_y) : G_MAXDOUBLE);
      x += push_x * reach;
      y += push_y * reach;
    }
  {
    /* never cut by the edge of what is drawn on: kept inside the clip */
    double x1, y1, x2, y2, half_w = w / 2.0 + pad, half_h = h / 2.0 + 1;
    cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
    if (x2 - x1 > 2 * half_w && x2 - x1 < 1e6)
      x = CLAMP (x, x1 + half_w, x2 - half_w);
    if (y2 - y1 > 2 * half_h && y2 - y1 < 1e6)
      y = CLAMP (y, y1 + half_h - dy_px, y2 - half_h - dy_px);
  }
  cairo_translate (cr, round (x), round (y + dy_px));

  /* a pale pill under dark text: readable on any colour */
  cairo_new_sub_path (cr);
  cairo_arc (cr, -w / 2.0 - pad + h / 2.0, 0, h / 2.0 + 1, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, w / 2.0 + pad - h / 2.0, 0, h / 2.0 + 1, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.88);
  cairo_fill (cr);
  cairo_move_to (cr, -w / 2.0, -h / 2.0);
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.14);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
label (cairo_t    *cr,
       double      x,
       double      y,
       double      dy_px,
       const char *text,
       double      size_px,
       gboolean    bold)
{
  label_pushed (cr, x, y, dy_px, 0, 0, text, size_px, bold);
}

/* A point of the foot's frame: @u mm from the back of the heel along the
 * axis, @w across it towards the medial side. */
static PlantarPoint
foot_point (const PlantarFoot *foot,
            double             u,
            double             w)
{
  double ax = sin (foot->axis_deg * G_PI / 180), ay = -cos (foot->axis_deg * G_PI / 180);
  /* (ay, -ax) points to the left of "toes up": medial on a right foot */
  double m = foot->side == PLANTAR_SIDE_LEFT ? -1 : 1;
  PlantarPoint p = { foot->heel_back.x + u * ax + m * w * ay, foot->heel_back.y + u * ay - m * w * ax };
  return p;
}

static void
draw_regions (PlantarMap *map,
              cairo_t    *cr,
              double      px_per_mm)
{
  const PlantarFoot *f = map->foot;
  double lt = f->toeless_length_mm, half = 0.5 * MAX (f->ball_width_mm, 60) + 4;
  double toes = isfinite (f->foot_length_mm) ? f->foot_length_mm - lt : 0;
  static const struct {
    PlantarRegion region;
    double        u, w;        /* fractions of the toe-less length and of the ball width */
    gboolean      toe;
  } spots[] = {
    { PLANTAR_REGION_HEEL, 0.21, 0, FALSE },
    { PLANTAR_REGION_MIDFOOT_LATERAL, 0.42, -0.24, FALSE },
    { PLANTAR_REGION_FOREFOOT_MEDIAL, 0.80, 0.22, FALSE },
    { PLANTAR_REGION_FOREFOOT_LATERAL, 0.76, -0.24, FALSE },
    { PLANTAR_REGION_HALLUX, 0.55, 0.26, TRUE },
    { PLANTAR_REGION_LESSER_TOES, 0.40, -0.18, TRUE },
  };

  if (!isfinite (lt))
    return;
  cairo_save (cr);
  /* the boundaries at 27 % and 55 % of the toe-less length, and the axis
   * between medial and lateral */
  for (int k = 0; k < 2; k++)
    {
      PlantarPoint a = foot_point (f, (k == 0 ? 0.27 : 0.55) * lt, -half);
      PlantarPoint b = foot_point (f, (k == 0 ? 0.27 : 0.55) * lt, half);
      cairo_move_to (cr, a.x, a.y);
      cairo_line_to (cr, b.x, b.y);
    }
  {
    PlantarPoint a = foot_point (f, 0, 0), b = foot_point (f, lt, 0);
    cairo_move_to (cr, a.x, a.y);
    cairo_line_to (cr, b.x, b.y);
  }
  cairo_set_source_rgba (cr, 0.15, 0.15, 0.18, 0.55);
  cairo_set_line_width (cr, 1.0 / px_per_mm);
  cairo_stroke (cr);

  for (guint i = 0; i < G_N_ELEMENTS (spots); i++)
    {
      const PlantarRegionStats *r = &f->regions[spots[i].region];
      PlantarPoint p;
      char text[32];
      double bw = isfinite (f->ball_width_mm) ? f->ball_width_mm : 90;

      if (spots[i].toe && (!f->has_toes || toes < 5))
        continue;
      if (!f->has_pressure || !(r->peak_kpa > 0))
        continue;
      p = spots[i].toe ? foot_point (f, lt + spots[i].u * toes, spots[i].w * bw)
                       : foot_point (f, spots[i].u * lt, spots[i].w * bw);
      g_snprintf (text, sizeof text, "%.0f", r->peak_kpa);
      label (cr, p.x, p.y, 0, text, 11, FALSE);
    }
  cairo_restore (cr);
}

static void
draw_peak (PlantarMap            *map,
           cairo_t               *cr,
           const PlantarMapStyle *style,
           double                 px_per_mm)
{
  const float *v = values_at (map, style->frame);
  gsize n = (gsize) map->width * map->height, best = 0;
  double x, y, r = 5 / px_per_mm;
  char text[48];

  if (v == NULL || !map->is_pressure)
    return;
  for (gsize i = 1; i < n; i++)
    if (v[i] > v[best])
      best = i;
  if (!(v[best] > 0))
    return;
  x = map->x0 + (best % map->width + 0.5) * map->cell_w;
  y = map->y0 + (best / map->width + 0.5) * map->cell_h;

  cairo_save (cr);
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r * 0.87, y + r * 0.5);
  cairo_line_to (cr, x - r * 0.87, y + r * 0.5);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
  cairo_set_line_width (cr, 1.5 / px_per_mm);
  cairo_stroke (cr);
  /* TRANSLATORS: the highest pressure and its unit (kPa, raw) */
  g_snprintf (text, sizeof text, _("%.0f %s"), v[best], plantar_scan_get_value_unit (map->scan));
  label (cr, x, y, -(5 + 11), text, 11, TRUE);
  cairo_restore (cr);
}

static void
draw_cop (PlantarMap            *map,
          cairo_t               *cr,
          const PlantarMapStyle *style,
          double                 px_per_mm)
{
  const PlantarFoot *f = map->foot;
  double until = G_MAXDOUBLE;
  guint n = 0;

  if (f->cop_path == NULL || f->cop_path->len < 2)
    return;
  /* while a walk plays, the trail grows */
  if (style->frame >= 0 && plantar_scan_get_n_frames (map->scan) > 1)
    until = plantar_scan_get_frame_time_ms (map->scan, style->frame) - f->start_ms;

  cairo_save (cr);
  for (guint i = 0; i < f->cop_path->len; i++)
    {
      PlantarCopPoint *p = &g_array_index (f->cop_path, PlantarCopPoint, i);
      if (p->time_ms > until + 1e-6)
        break;
      if (n++ == 0)
        cairo_move_to (cr, p->x, p->y);
      else
        cairo_line_to (cr, p->x, p->y);
    }
  if (n >= 2)
    {
      double x, y;
      cairo_get_current_point (cr, &x, &y);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 4.0 / px_per_mm);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 0.08, 0.08, 0.1);
      cairo_set_line_width (cr, 1.6 / px_per_mm);
      cairo_stroke (cr);
      /* where it is now */
      if (until < G_MAXDOUBLE)
        {
          cairo_arc (cr, x, y, 3.5 / px_per_mm, 0, 2 * G_PI);
          cairo_set_source_rgb (cr, 0.08, 0.08, 0.1);
          cairo_fill (cr);
        }
      /* where the foot first touched: the strike */
      {
        PlantarCopPoint *first = &g_array_index (f->cop_path, PlantarCopPoint, 0);
        cairo_new_path (cr);
        cairo_arc (cr, first->x, first->y, 5.0 / px_per_mm, 0, 2 * G_PI);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
        cairo_set_line_width (cr, 4.0 / px_per_mm);
        cairo_stroke_preserve (cr);
        cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
        cairo_set_line_width (cr, 2.0 / px_per_mm);
        cairo_stroke (cr);
      }
    }
  cairo_new_path (cr);
  cairo_restore (cr);
}

static void
draw_handles (PlantarMap *map,
              cairo_t    *cr,
              double      px_per_mm)
{
  const PlantarFoot *f = map->foot;

  if (!f->has_toes)
    return;
  cairo_save (cr);
  for (int i = 0; i < 2; i++)
    {
      double s = 4.5 / px_per_mm;
      cairo_rectangle (cr, f->toe_line[i].x - s, f->toe_line[i].y - s, 2 * s, 2 * s);
    }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.9, 0.38, 0);
  cairo_set_line_width (cr, 1.5 / px_per_mm);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ------------------------------------------------------------ drawing */

/* What does not move with the landmarks: the cells or the print, the
 * isobars, the outline. */
static void
draw_base (PlantarMap            *map,
           cairo_t               *cr,
           const PlantarMapStyle *style,
           double                 px_per_mm)
{
  PlantarFoot *f = map->foot;

  if (map->is_pressure)
    draw_cells (map, cr, style);
  else
    draw_print (map, cr, px_per_mm);
  if (style->isobars && map->is_pressure)
    draw_isobars (map, cr, style, px_per_mm);
  if (f != NULL && isfinite (f->toeless_length_mm) && (style->overlays & PLANTAR_OVERLAY_OUTLINE))
    draw_outline (map, cr, px_per_mm);
}

static gboolean
same_base (const PlantarMapStyle *a,
           const PlantarMapStyle *b)
{
  return a->colormap == b->colormap && a->max_kpa == b->max_kpa && a->smooth == b->smooth &&
         a->isobars == b->isobars && a->frame == b->frame && a->device_scale == b->device_scale &&
         (a->overlays & PLANTAR_OVERLAY_OUTLINE) == (b->overlays & PLANTAR_OVERLAY_OUTLINE);
}

/* The base layer through a device-pixel cache, for raster targets (the
 * window's drawing is replayed to pixels; a PDF keeps its vectors). */
static gboolean
draw_base_cached (PlantarMap            *map,
                  cairo_t               *cr,
                  const PlantarMapStyle *style,
                  double                 px_per_mm)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));
  double bx, by, bw, bh, cx0, cy0, cx1, cy1;
  double xs[4], ys[4], dx0 = G_MAXDOUBLE, dy0 = G_MAXDOUBLE, dx1 = -G_MAXDOUBLE, dy1 = -G_MAXDOUBLE;
  cairo_matrix_t matrix;
  int lx, ly, lw, lh;
  double scale = style->device_scale > 0 ? style->device_scale : 1;

  if (type != CAIRO_SURFACE_TYPE_IMAGE && type != CAIRO_SURFACE_TYPE_RECORDING)
    return FALSE;

  /* the part of the map in view, in device pixels */
  plantar_map_get_bounds (map, &bx, &by, &bw, &bh);
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  cx0 = MAX (cx0, bx);
  cy0 = MAX (cy0, by);
  cx1 = MIN (cx1, bx + bw);
  cy1 = MIN (cy1, by + bh);
  if (cx1 <= cx0 || cy1 <= cy0)
    return TRUE;
  xs[0] = cx0; ys[0] = cy0;
  xs[1] = cx1; ys[1] = cy0;
  xs[2] = cx1; ys[2] = cy1;
  xs[3] = cx0; ys[3] = cy1;
  for (int i = 0; i < 4; i++)
    {
      cairo_user_to_device (cr, &xs[i], &ys[i]);
      dx0 = MIN (dx0, xs[i]);
      dy0 = MIN (dy0, ys[i]);
      dx1 = MAX (dx1, xs[i]);
      dy1 = MAX (dy1, ys[i]);
    }
  lx = (int) floor (dx0);
  ly = (int) floor (dy0);
  lw = (int) ceil (dx1) - lx;
  lh = (int) ceil (dy1) - ly;
  if (lw <= 0 || lh <= 0 || (double) lw * lh * scale * scale > 64e6)
    return FALSE;

  cairo_get_matrix (cr, &matrix);
  if (map->layer == NULL || memcmp (&matrix, &map->layer_matrix, sizeof matrix) != 0 || lx != map->layer_x ||
      ly != map->layer_y || lw != map->layer_w || lh != map->layer_h || map->layer_foot != map->foot ||
      !same_base (style, &map->layer_style))
    {
      cairo_t *lcr;

      g_clear_pointer (&map->layer, cairo_surface_destroy);
      map->layer = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (lw * scale), (int) ceil (lh * scale));
      cairo_surface_set_device_scale (map->layer, scale, scale);
      lcr = cairo_create (map->layer);
      cairo_translate (lcr, -lx, -ly);
      cairo_transform (lcr, &matrix);
      draw_base (map, lcr, style, px_per_mm);
      cairo_destroy (lcr);
      map->layer_matrix = matrix;
      map->layer_x = lx;
      map->layer_y = ly;
      map->layer_w = lw;
      map->layer_h = lh;
      map->layer_style = *style;
      map->layer_foot = map->foot;
    }

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, map->layer, lx, ly);
  cairo_paint (cr);
  cairo_restore (cr);
  return TRUE;
}

void
plantar_map_draw (PlantarMap            *map,
                  cairo_t               *cr,
                  const PlantarMapStyle *style,
                  double                 px_per_mm)
{
  PlantarFoot *f = map->foot;

  cairo_save (cr);
  if (!draw_base_cached (map, cr, style, px_per_mm))
    draw_base (map, cr, style, px_per_mm);

  if (f != NULL && isfinite (f->toeless_length_mm))
    {
      if (style->overlays & PLANTAR_OVERLAY_REGIONS)
        draw_regions (map, cr, px_per_mm);
      /* thirds, axis, toe line, heel */
      plantar_render_overlays (cr, f,
                               style->overlays & (PLANTAR_OVERLAY_THIRDS | PLANTAR_OVERLAY_AXIS |
                                                  PLANTAR_OVERLAY_TOE_LINE),
                               px_per_mm);
      if ((style->overlays & PLANTAR_OVERLAY_THIRDS) && isfinite (f->arch_index))
        {
          char text[32];
          /* beside the midfoot's lateral edge, wholly off the foot */
          double half = 0.5 * (isfinite (f->ball_width_mm) ? MAX (f->ball_width_mm, 60) : 60) + 4;
          PlantarPoint mid = foot_point (f, 0.5 * f->toeless_length_mm, 0);
          PlantarPoint p = foot_point (f, 0.5 * f->toeless_length_mm, -half);
          double mx = mid.x, my = mid.y, px = p.x, py = p.y, len;

          cairo_user_to_device (cr, &mx, &my);
          cairo_user_to_device (cr, &px, &py);
          len = hypot (px - mx, py - my);
          /* TRANSLATORS: the arch index beside the middle third of the print */
          g_snprintf (text, sizeof text, _("AI %.3f"), f->arch_index);
          label_pushed (cr, p.x, p.y, 0, len > 0 ? (px - mx) / len : 0, len > 0 ? (py - my) / len : 0, text,
                        style->label_px > 0 ? style->label_px : 12, TRUE);
        }
      if (style->overlays & PLANTAR_OVERLAY_COP)
        draw_cop (map, cr, style, px_per_mm);
      /* the heel's landmarks over the pressure's path and its first contact,
       * which lie on the heel: the dot the user drags stays in sight */
      plantar_render_overlays (cr, f, style->overlays & PLANTAR_OVERLAY_HEEL, px_per_mm);
      if (style->overlays & PLANTAR_OVERLAY_HANDLES)
        draw_handles (map, cr, px_per_mm);
    }
  if (style->overlays & PLANTAR_OVERLAY_PEAK)
    draw_peak (map, cr, style, px_per_mm);
  cairo_restore (cr);
}

gboolean
plantar_map_value_at (PlantarMap *map,
                      int         frame,
                      double      x_mm,
                      double      y_mm,
                      double     *value)
{
  if (!map->is_pressure)
    {
      /* a print: the scan's own pixel */
      double cw = plantar_scan_has_scale (map->scan) ? plantar_scan_get_cell_width_mm (map->scan) : 1;
      double ch = plantar_scan_has_scale (map->scan) ? plantar_scan_get_cell_height_mm (map->scan) : 1;
      double gx = x_mm / cw, gy = y_mm / ch;
      if (gx < 0 || gy < 0 || gx >= plantar_scan_get_width (map->scan) || gy >= plantar_scan_get_height (map->scan))
        return FALSE;
      *value = plantar_scan_get_pixels (map->scan)[(gsize) gy * plantar_scan_get_width (map->scan) + (gsize) gx];
      return TRUE;
    }
  else
    {
      double gx = (x_mm - map->x0) / map->cell_w, gy = (y_mm - map->y0) / map->cell_h;
      const float *v;
      gsize i;
      if (gx < 0 || gy < 0 || gx >= map->width || gy >= map->height)
        return FALSE;
      i = (gsize) gy * map->width + (gsize) gx;
      if (map->mask != NULL && !map->mask[i])
        return FALSE;
      v = values_at (map, frame);
      *value = v != NULL ? v[i] : 0;
      return TRUE;
    }
}

gboolean
plantar_map_get_handle (PlantarMap    *map,
                        PlantarHandle  handle,
                        PlantarPoint  *point)
{
  const PlantarFoot *f = map->foot;

  if (f == NULL || !isfinite (f->toeless_length_mm))
    return FALSE;
  switch (handle)
    {
    case PLANTAR_HANDLE_HEEL_CENTRE:
      *point = f->heel_centre;
      return TRUE;
    case PLANTAR_HANDLE_TOE_TIP:
      *point = f->toe_tip;
      return f->has_toes;
    case PLANTAR_HANDLE_TOE_LINE_START:
      *point = f->toe_line[0];
      return f->has_toes;
    case PLANTAR_HANDLE_TOE_LINE_END:
      *point = f->toe_line[1];
      return f->has_toes;
    case PLANTAR_HANDLE_NONE:
    default:
      return FALSE;
    }
}

/* The handle nearest to a point, within @reach_mm. */
PlantarHandle
plantar_map_handle_at (PlantarMap *map,
                       double      x_mm,
                       double      y_mm,
                       double      reach_mm)
{
  PlantarHandle best = PLANTAR_HANDLE_NONE;
  double best_d = reach_mm;

  for (PlantarHandle h = PLANTAR_HANDLE_HEEL_CENTRE; h <= PLANTAR_HANDLE_TOE_LINE_END; h++)
    {
      PlantarPoint p;
      double d;
      if (!plantar_map_get_handle (map, h, &p))
        continue;
      d = hypot (p.x - x_mm, p.y - y_mm);
      if (d <= best_d)
        {
          best_d = d;
          best = h;
        }
    }
  return best;
}


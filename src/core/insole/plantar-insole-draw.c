/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-insole"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "plantar-insole-private.h"

/*
 * Drawings of an insole for people: the top view (the footprint, the
 * outline, height contours every 2 mm, the heel centre, the add-ons), the
 * medial side profile, and a shaded view of the solid (a small z-buffer
 * renderer, so the core draws it without a display).
 */

#define CONTOUR_MM 2.0
#define GRID_MM    2.0

static void
draw_label (cairo_t    *cr,
            const char *text,
            double      x,
            double      y,
            double      size,
            double      align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int w, h;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

/* Fits the insole (mm, y up) into w × h: the scale, and the transform set */
static double
fit_top (cairo_t             *cr,
         const PlantarInsole *insole,
         double               w,
         double               h,
         double              *xmin_out)
{
  double xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE, s, ox, oy;

  for (guint i = 0; i < insole->outline->len; i++)
    {
      xmin = MIN (xmin, g_array_index (insole->outline, PlantarPoint, i).x);
      xmax = MAX (xmax, g_array_index (insole->outline, PlantarPoint, i).x);
    }
  s = MIN ((w - 16) / (xmax - xmin), (h - 28) / insole->length_mm);
  ox = (w - s * (xmax - xmin)) / 2 - s * xmin;
  oy = (h - 14 + s * insole->length_mm) / 2;
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, s, -s);
  *xmin_out = xmin;
  return s;
}

static void
outline_path (cairo_t             *cr,
              const PlantarInsole *insole)
{
  for (guint i = 0; i < insole->outline->len; i++)
    {
      const PlantarPoint *q = &g_array_index (insole->outline, PlantarPoint, i);
      if (i == 0)
        cairo_move_to (cr, q->x, q->y);
      else
        cairo_line_to (cr, q->x, q->y);
    }
  cairo_close_path (cr);
}

/* The contour at @level through one cell of the grid (marching squares) */
static void
contour_cell (cairo_t      *cr,
              const double  z[4],
              const double  px[4],
              const double  py[4],
              double        level)
{
  double ex[4], ey[4];
  int n = 0;

  for (int e = 0; e < 4; e++)
    {
      int a = e, b = (e + 1) % 4;
      if (isnan (z[a]) || isnan (z[b]))
        return;
      if ((z[a] < level) != (z[b] < level))
        {
          double t = (level - z[a]) / (z[b] - z[a]);
          ex[n] = px[a] + (px[b] - px[a]) * t;
          ey[n] = py[a] + (py[b] - py[a]) * t;
          n++;
        }
    }
  for (int k = 0; k + 1 < n; k += 2)
    {
      cairo_move_to (cr, ex[k], ey[k]);
      cairo_line_to (cr, ex[k + 1], ey[k + 1]);
    }
}

static void
draw_contours (cairo_t             *cr,
               const PlantarInsole *insole,
               double               xmin,
               double               width)
{
  int nx = (int) ceil (width / GRID_MM) + 1, ny = (int) ceil (insole->length_mm / GRID_MM) + 1;
  g_autofree double *z = g_new (double, (gsize) nx * ny);

  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++)
      z[j * nx + i] = plantar_insole_height_at (insole, xmin + i * GRID_MM, j * GRID_MM);
  for (double level = CONTOUR_MM; level < insole->max_thickness_mm; level += CONTOUR_MM)
    {
      gboolean major = fmod (level + 0.01, 2 * CONTOUR_MM) < 0.1;
      for (int j = 0; j + 1 < ny; j++)
        for (int i = 0; i + 1 < nx; i++)
          {
            double c[4] = { z[j * nx + i], z[j * nx + i + 1], z[(j + 1) * nx + i + 1], z[(j + 1) * nx + i] };
            double px[4] = { xmin + i * GRID_MM, xmin + (i + 1) * GRID_MM, xmin + (i + 1) * GRID_MM, xmin + i * GRID_MM };
            double py[4] = { j * GRID_MM, j * GRID_MM, (j + 1) * GRID_MM, (j + 1) * GRID_MM };
            contour_cell (cr, c, px, py, level);
          }
      cairo_set_source_rgba (cr, 0.11, 0.42, 0.75, major ? 0.95 : 0.55);
      cairo_save (cr);
      cairo_identity_matrix (cr);
      cairo_set_line_width (cr, major ? 1.2 : 0.7);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

void
plantar_insole_draw_top (cairo_t             *cr,
                         const PlantarInsole *insole,
                         double               w,
                         double               h)
{
  double xmin, s, xmax = -G_MAXDOUBLE;
  cairo_matrix_t m, base;
  char text[64];

  cairo_save (cr);
  cairo_get_matrix (cr, &base);
  s = fit_top (cr, insole, w, h, &xmin);
  for (guint i = 0; i < insole->outline->len; i++)
    xmax = MAX (xmax, g_array_index (insole->outline, PlantarPoint, i).x);

  /* the insole, the footprint on it */
  outline_path (cr, insole);
  cairo_set_source_rgb (cr, 0.96, 0.93, 0.86);
  cairo_fill (cr);
  cairo_save (cr);
  outline_path (cr, insole);
  cairo_clip (cr);
  cairo_translate (cr, insole->footprint_x0, insole->footprint_y0);
  cairo_scale (cr, insole->footprint_cell, insole->footprint_cell);
  cairo_set_source_rgba (cr, 0.45, 0.40, 0.36, 0.35);
  cairo_mask_surface (cr, insole->footprint, 0, 0);
  cairo_restore (cr);

  draw_contours (cr, insole, xmin, xmax - xmin);

  outline_path (cr, insole);
  cairo_get_matrix (cr, &m);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.17);
  cairo_set_line_width (cr, 1.6);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* the add-ons, dashed */
  cairo_save (cr);
  cairo_new_path (cr);
  if (insole->params.heel_cushion_mm > 0)
    cairo_arc (cr, insole->heel_centre.x, insole->heel_centre.y, insole->params.heel_cushion_mm / 2, 0, 2 * G_PI);
  if (insole->params.metatarsal_pad_mm > 0)
    {
      cairo_save (cr);
      cairo_translate (cr, insole->metatarsal_pad.x, insole->metatarsal_pad.y);
      cairo_scale (cr, insole->params.metatarsal_pad_width_mm / 2, insole->params.metatarsal_pad_length_mm / 2);
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
    }
  cairo_identity_matrix (cr);
  cairo_set_source_rgb (cr, 0.75, 0.38, 0.0);
  cairo_set_line_width (cr, 1.2);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* the heel centre and the arch's peak, in the box's own units */
  cairo_save (cr);
  cairo_identity_matrix (cr);
  {
    double hx = insole->heel_centre.x, hy = insole->heel_centre.y, ax = insole->arch_peak.x, ay = insole->arch_peak.y;
    cairo_matrix_transform_point (&m, &hx, &hy);
    cairo_matrix_transform_point (&m, &ax, &ay);
    cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
    cairo_arc (cr, hx, hy, 3.5, 0, 2 * G_PI);
    cairo_fill (cr);
    cairo_move_to (cr, ax, ay - 5);
    cairo_line_to (cr, ax + 4.5, ay + 3);
    cairo_line_to (cr, ax - 4.5, ay + 3);
    cairo_close_path (cr);
    cairo_fill (cr);
  }
  /* a 50 mm bar and the side */
  cairo_set_matrix (cr, &base);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.22);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, 8, h - 6);
  cairo_line_to (cr, 8 + 50 * s, h - 6);
  cairo_stroke (cr);
  draw_label (cr, "50 mm", 12 + 50 * s, h - 6, CLAMP (w / 30, 6, 10), 0);
  /* the side, above the toes where the box is narrow */
  g_snprintf (text, sizeof text, "%s", insole->side == PLANTAR_SIDE_RIGHT ? _("Right") : _("Left"));
  if (w > 250)
    draw_label (cr, text, w - 6, h - 6, 11, 1);
  else
    draw_label (cr, text, 4, 9, CLAMP (w / 16, 7, 11), 0);
  cairo_restore (cr);
  cairo_restore (cr);
}

void
plantar_insole_draw_profile (cairo_t             *cr,
                             const PlantarInsole *insole,
                             double               w,
                             double               h)
{
  const InsolePriv *pr = insole->priv;
  double font = CLAMP (w / 70, 6, 9), left = 3.2 * font, bottom = h - 1.8 * font;
  double zmax = MAX (insole->max_thickness_mm, 10);
  double sx = (w - left - 8) / insole->length_mm, sz = MIN ((bottom - 2 * font) / zmax, sx * 8);
  char text[32];

  cairo_save (cr);
  /* grid lines every 5 mm of height */
  cairo_set_line_width (cr, 1);
  for (double z = 0; z <= zmax + 0.01; z += 5)
    {
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, z == 0 ? 0.8 : 0.25);
      cairo_move_to (cr, left, bottom - z * sz);
      cairo_line_to (cr, w - 8, bottom - z * sz);
      cairo_stroke (cr);
      g_snprintf (text, sizeof text, "%.0f", z);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.38);
      draw_label (cr, text, left - 4, bottom - z * sz, font, 1);
    }
  draw_label (cr, _("mm"), left - 4, bottom - zmax * sz - 1.3 * font, font, 1);

  /* the medial edge's profile, filled, and the axis's as a line */
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean started = FALSE;
      for (double y = 0; y <= insole->length_mm; y += 1)
        {
          double xmin, xmax, x, z;
          if (!insole_row_extent (insole, y, &xmin, &xmax))
            continue;
          x = pass == 0 ? (pr->medial > 0 ? xmax - insole->params.arch_inset_mm / 2 : xmin + insole->params.arch_inset_mm / 2)
                        : CLAMP (0, xmin, xmax);
          z = plantar_insole_height_at (insole, x, y);
          if (isnan (z))
            continue;
          if (!started && pass == 0)
            cairo_move_to (cr, left + y * sx, bottom);
          if (!started)
            {
              if (pass == 1)
                cairo_move_to (cr, left + y * sx, bottom - z * sz);
              started = TRUE;
            }
          cairo_line_to (cr, left + y * sx, bottom - z * sz);
        }
      if (pass == 0)
        {
          cairo_line_to (cr, left + insole->length_mm * sx, bottom);
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.30);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.11, 0.42, 0.75);
          cairo_set_line_width (cr, 1.6);
          cairo_stroke (cr);
        }
      else
        {
          cairo_set_source_rgb (cr, 0.45, 0.45, 0.48);
          cairo_set_line_width (cr, 1);
          cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.38);
  draw_label (cr, _("heel"), left, h - font * 0.7, font, 0);
  draw_label (cr, _("toe"), w - 8, h - font * 0.7, font, 1);
  if (w > 420)
    draw_label (cr, _("medial side (solid), along the axis (dashed)"), (left + w) / 2, h - font * 0.7, font, 0.5);
  cairo_restore (cr);
}

/* ------------------------------------------------------------ the solid */

typedef struct {
  double x, y, z;
} Vec;

static void
raster_triangle (guint32     *pixels,
                 float       *depth,
                 int          w,
                 int          h,
                 const Vec    p[3],
                 guint32      colour)
{
  int x0 = MAX (0, (int) floor (MIN (p[0].x, MIN (p[1].x, p[2].x))));
  int x1 = MIN (w - 1, (int) ceil (MAX (p[0].x, MAX (p[1].x, p[2].x))));
  int y0 = MAX (0, (int) floor (MIN (p[0].y, MIN (p[1].y, p[2].y))));
  int y1 = MIN (h - 1, (int) ceil (MAX (p[0].y, MAX (p[1].y, p[2].y))));
  double area = (p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (p[1].y - p[0].y);

  if (fabs (area) < 1e-12)
    return;
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        double px = x + 0.5, py = y + 0.5;
        double w0 = ((p[1].x - px) * (p[2].y - py) - (p[2].x - px) * (p[1].y - py)) / area;
        double w1 = ((p[2].x - px) * (p[0].y - py) - (p[0].x - px) * (p[2].y - py)) / area;
        double w2 = 1 - w0 - w1, z;
        if (w0 < -1e-4 || w1 < -1e-4 || w2 < -1e-4)
          continue;
        z = w0 * p[0].z + w1 * p[1].z + w2 * p[2].z;
        if (z < depth[y * w + x])
          {
            depth[y * w + x] = z;
            pixels[y * w + x] = colour;
          }
      }
}

/**
 * plantar_insole_render_mesh:
 * @yaw_deg: turning about z, from looking along +y
 * @pitch_deg: looking down from the horizontal
 *
 * Returns: (transfer full): an ARGB32 image of the solid, shaded
 */
cairo_surface_t *
plantar_insole_render_mesh (const PlantarInsole *insole,
                            int                  width,
                            int                  height,
                            double               yaw_deg,
                            double               pitch_deg)
{
  const GArray *v = insole->mesh.vertices, *t = insole->mesh.triangles;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guint32 *pixels = (guint32 *) cairo_image_surface_get_data (surface);
  g_autofree float *depth = g_new (float, (gsize) width * height);
  g_autofree Vec *view = g_new (Vec, v->len);
  double cy = cos (yaw_deg * G_PI / 180), syw = sin (yaw_deg * G_PI / 180);
  double cp = cos (pitch_deg * G_PI / 180), sp = sin (pitch_deg * G_PI / 180);
  double xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE, ymin = G_MAXDOUBLE, ymax = -G_MAXDOUBLE, s;
  const double light[3] = { -0.35, -0.45, 0.82 };
  const int stride = cairo_image_surface_get_stride (surface) / 4;

  g_return_val_if_fail (stride == width, surface);
  cairo_surface_flush (surface);
  memset (pixels, 0, (gsize) width * height * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    depth[i] = G_MAXFLOAT;

  /* into the view: x across the screen, y down it, z away */
  for (guint i = 0; i < v->len; i++)
    {
      const PlantarVertex *q = &g_array_index (v, PlantarVertex, i);
      double x1 = q->x * cy - (q->y - insole->length_mm / 2) * syw;
      double y1 = q->x * syw + (q->y - insole->length_mm / 2) * cy;
      view[i].x = x1;
      view[i].y = -(q->z * cp + y1 * sp);
      view[i].z = y1 * cp - q->z * sp;
      xmin = MIN (xmin, view[i].x);
      xmax = MAX (xmax, view[i].x);
      ymin = MIN (ymin, view[i].y);
      ymax = MAX (ymax, view[i].y);
    }
  s = 0.92 * MIN (width / (xmax - xmin), height / (ymax - ymin));
  for (guint i = 0; i < v->len; i++)
    {
      view[i].x = width / 2.0 + (view[i].x - (xmin + xmax) / 2) * s;
      view[i].y = height / 2.0 + (view[i].y - (ymin + ymax) / 2) * s;
    }

  for (guint i = 0; i < t->len; i++)
    {
      const PlantarTriangle *tr = &g_array_index (t, PlantarTriangle, i);
      const PlantarVertex *a = &g_array_index (v, PlantarVertex, tr->v[0]);
      const PlantarVertex *b = &g_array_index (v, PlantarVertex, tr->v[1]);
      const PlantarVertex *c = &g_array_index (v, PlantarVertex, tr->v[2]);
      double ux = b->x - a->x, uy = b->y - a->y, uz = b->z - a->z, wx = c->x - a->x, wy = c->y - a->y, wz = c->z - a->z;
      double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx, l = sqrt (nx * nx + ny * ny + nz * nz);
      double lit, tint, r, g, bl;
      Vec p[3] = { view[tr->v[0]], view[tr->v[1]], view[tr->v[2]] };
      /* facing away: behind the surface that faces the eye */
      if (l <= 0 || (p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (p[1].y - p[0].y) >= 0)
        continue;
      /* tinted by height, from the sand of a base to the blue of a support */
      lit = 0.35 + 0.65 * MAX (0, (nx * light[0] + ny * light[1] + nz * light[2]) / l);
      tint = CLAMP ((a->z + b->z + c->z) / 3 / MAX (1, insole->max_thickness_mm), 0, 1);
      r = lit * (0.94 - 0.66 * tint);
      g = lit * (0.89 - 0.36 * tint);
      bl = lit * (0.80 + 0.08 * tint);
      raster_triangle (pixels, depth, width, height, p,
                       0xff000000u | (guint32) (MIN (1, r) * 255) << 16 | (guint32) (MIN (1, g) * 255) << 8 |
                       (guint32) (MIN (1, bl) * 255));
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

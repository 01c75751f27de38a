/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-insole"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "plantar-insole-private.h"

/* The files a lab or a printer takes: STL (binary) for the solid, SVG and
 * DXF for the outline at true scale. Each is written to a temporary file
 * and renamed over the old one, so a failed write leaves the old file. */

gboolean
insole_write_contents (const char *path,
                       const void *data,
                       gsize       length,
                       GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local))
    return TRUE;
  g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_WRITE, "%s", local->message);
  return FALSE;
}

static void
put_u32 (GByteArray *b,
         guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);
  g_byte_array_append (b, (const guint8 *) &le, 4);
}

static void
put_float (GByteArray *b,
           float       f)
{
  guint32 u;
  memcpy (&u, &f, 4);
  put_u32 (b, u);
}

gboolean
plantar_insole_write_stl (const PlantarInsole *insole,
                          const char          *path,
                          GError             **error)
{
  const GArray *v = insole->mesh.vertices, *t = insole->mesh.triangles;
  g_autoptr(GByteArray) b = g_byte_array_sized_new (84 + 50 * t->len);
  char header[80] = { 0 };
  guint16 attr = 0;

  g_snprintf (header, sizeof header, "Plantar %s insole, mm, %.1f x %.1f mm", plantar_side_to_string (insole->side),
              insole->length_mm, insole->width_mm);
  g_byte_array_append (b, (const guint8 *) header, 80);
  put_u32 (b, t->len);
  for (guint i = 0; i < t->len; i++)
    {
      const PlantarTriangle *tr = &g_array_index (t, PlantarTriangle, i);
      const PlantarVertex *p[3];
      double ax, ay, az, bx, by, bz, nx, ny, nz, l;
      for (int k = 0; k < 3; k++)
        p[k] = &g_array_index (v, PlantarVertex, tr->v[k]);
      ax = p[1]->x - p[0]->x, ay = p[1]->y - p[0]->y, az = p[1]->z - p[0]->z;
      bx = p[2]->x - p[0]->x, by = p[2]->y - p[0]->y, bz = p[2]->z - p[0]->z;
      nx = ay * bz - az * by, ny = az * bx - ax * bz, nz = ax * by - ay * bx;
      l = sqrt (nx * nx + ny * ny + nz * nz);
      if (l > 0)
        nx /= l, ny /= l, nz /= l;
      put_float (b, nx);
      put_float (b, ny);
      put_float (b, nz);
      for (int k = 0; k < 3; k++)
        {
          put_float (b, p[k]->x);
          put_float (b, p[k]->y);
          put_float (b, p[k]->z);
        }
      g_byte_array_append (b, (const guint8 *) &attr, 2);
    }
  return insole_write_contents (path, b->data, b->len, error);
}

static void
outline_bounds (const PlantarInsole *insole,
                double              *xmin,
                double              *ymin,
                double              *xmax,
                double              *ymax)
{
  *xmin = *ymin = G_MAXDOUBLE;
  *xmax = *ymax = -G_MAXDOUBLE;
  for (guint i = 0; i < insole->outline->len; i++)
    {
      const PlantarPoint *q = &g_array_index (insole->outline, PlantarPoint, i);
      *xmin = MIN (*xmin, q->x);
      *xmax = MAX (*xmax, q->x);
      *ymin = MIN (*ymin, q->y);
      *ymax = MAX (*ymax, q->y);
    }
}

/* An SVG in millimetres, y down as SVG has it: the outline to cut, and the
 * add-ons' places in their own layers, drawn but not for cutting. */
gboolean
plantar_insole_write_svg (const PlantarInsole *insole,
                          const char          *path,
                          GError             **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  double xmin, ymin, xmax, ymax, pad = 5, w, h;
  char a[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

  outline_bounds (insole, &xmin, &ymin, &xmax, &ymax);
  w = xmax - xmin + 2 * pad;
  h = ymax - ymin + 2 * pad;
#define X(v) g_ascii_formatd (a, sizeof a, "%.3f", (v) - xmin + pad)
#define Y(v) g_ascii_formatd (c, sizeof c, "%.3f", ymax + pad - (v))
  g_string_append (s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (s, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%smm\" ", g_ascii_formatd (a, sizeof a, "%.3f", w));
  g_string_append_printf (s, "height=\"%smm\" ", g_ascii_formatd (a, sizeof a, "%.3f", h));
  g_string_append_printf (s, "viewBox=\"0 0 %s ", g_ascii_formatd (a, sizeof a, "%.3f", w));
  g_string_append_printf (s, "%s\">\n", g_ascii_formatd (a, sizeof a, "%.3f", h));
  g_string_append_printf (s, "  <title>Plantar %s insole outline, %.1f × %.1f mm, true scale</title>\n",
                          plantar_side_to_string (insole->side), insole->length_mm, insole->width_mm);
  g_string_append (s, "  <path id=\"outline\" fill=\"none\" stroke=\"#000000\" stroke-width=\"0.25\" d=\"");
  for (guint i = 0; i < insole->outline->len; i++)
    {
      const PlantarPoint *q = &g_array_index (insole->outline, PlantarPoint, i);
      X (q->x);
      Y (q->y);
      g_string_append_printf (s, "%s%s %s ", i == 0 ? "M " : "L ", a, c);
    }
  g_string_append (s, "Z\"/>\n");
  g_string_append (s, "  <g id=\"marks\" fill=\"none\" stroke=\"#3584e4\" stroke-width=\"0.25\" stroke-dasharray=\"2 1\">\n");
  X (insole->heel_centre.x);
  Y (insole->heel_centre.y);
  g_string_append_printf (s, "    <circle id=\"heel-centre\" cx=\"%s\" cy=\"%s\" r=\"1.5\"/>\n", a, c);
  if (insole->params.heel_cushion_mm > 0)
    g_string_append_printf (s, "    <circle id=\"heel-cushion\" cx=\"%s\" cy=\"%s\" r=\"%.2f\"/>\n", a, c,
                            insole->params.heel_cushion_mm / 2);
  if (insole->params.metatarsal_pad_mm > 0)
    {
      X (insole->metatarsal_pad.x);
      Y (insole->metatarsal_pad.y);
      g_string_append_printf (s, "    <ellipse id=\"metatarsal-pad\" cx=\"%s\" cy=\"%s\" rx=\"%.2f\" ry=\"%.2f\"/>\n", a, c,
                              insole->params.metatarsal_pad_width_mm / 2, insole->params.metatarsal_pad_length_mm / 2);
    }
  g_string_append (s, "  </g>\n</svg>\n");
#undef X
#undef Y
  return insole_write_contents (path, s->str, s->len, error);
}

static void
dxf_pair (GString    *s,
          int         code,
          const char *value)
{
  g_string_append_printf (s, "%3d\n%s\n", code, value);
}

static void
dxf_number (GString *s,
            int      code,
            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  dxf_pair (s, code, g_ascii_formatd (buf, sizeof buf, "%.4f", value));
}

/* A DXF (R12, read by every cutting and milling program) in millimetres:
 * the outline as one closed polyline on layer OUTLINE, in the insole's
 * frame (heel toward −y). */
gboolean
plantar_insole_write_dxf (const PlantarInsole *insole,
                          const char          *path,
                          GError             **error)
{
  g_autoptr(GString) s = g_string_new (NULL);

  dxf_pair (s, 0, "SECTION");
  dxf_pair (s, 2, "HEADER");
  dxf_pair (s, 9, "$ACADVER");
  dxf_pair (s, 1, "AC1009");
  dxf_pair (s, 9, "$INSUNITS");
  dxf_pair (s, 70, "4");
  dxf_pair (s, 9, "$MEASUREMENT");
  dxf_pair (s, 70, "1");
  dxf_pair (s, 0, "ENDSEC");
  dxf_pair (s, 0, "SECTION");
  dxf_pair (s, 2, "ENTITIES");
  dxf_pair (s, 0, "POLYLINE");
  dxf_pair (s, 8, "OUTLINE");
  dxf_pair (s, 66, "1");
  dxf_pair (s, 70, "1");
  for (guint i = 0; i < insole->outline->len; i++)
    {
      const PlantarPoint *q = &g_array_index (insole->outline, PlantarPoint, i);
      dxf_pair (s, 0, "VERTEX");
      dxf_pair (s, 8, "OUTLINE");
      dxf_number (s, 10, q->x);
      dxf_number (s, 20, q->y);
      dxf_number (s, 30, 0);
    }
  dxf_pair (s, 0, "SEQEND");
  dxf_pair (s, 8, "OUTLINE");
  if (insole->params.heel_cushion_mm > 0)
    {
      dxf_pair (s, 0, "CIRCLE");
      dxf_pair (s, 8, "HEEL_CUSHION");
      dxf_number (s, 10, insole->heel_centre.x);
      dxf_number (s, 20, insole->heel_centre.y);
      dxf_number (s, 30, 0);
      dxf_number (s, 40, insole->params.heel_cushion_mm / 2);
    }
  dxf_pair (s, 0, "ENDSEC");
  dxf_pair (s, 0, "EOF");
  return insole_write_contents (path, s->str, s->len, error);
}

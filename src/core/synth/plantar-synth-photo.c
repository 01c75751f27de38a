/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-synth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>

#include "plantar-synth.h"

/*
 * Phone photos of a print on a sheet of paper lying on a floor, with an
 * exactly known camera: a pinhole looking down at the sheet's middle from
 * a height, tilted and turned. The sheet's true corners in the photo come
 * with the picture, so that the tests can ask how far from them the
 * corners found are, and what the print measures on the sheet found.
 */

void
plantar_synth_photo_init (PlantarSynthPhoto *photo)
{
  memset (photo, 0, sizeof *photo);
  photo->paper_width_mm = 210;
  photo->paper_height_mm = 297;
  photo->paper_rgb = 0xf3f1ec;
  photo->ink_rgb = 0x1e2a52;
  photo->floor = PLANTAR_SYNTH_FLOOR_WOOD;
  photo->width = 2000;
  photo->height = 1500;
  photo->field_of_view_deg = 66;
  photo->fill = 0.6;
  photo->noise = 2;
  photo->blur_px = 0.6;
  photo->seed = 1;
}

typedef struct {
  double c[3];          /* camera centre, world mm (the sheet on z = 0, its middle at the origin) */
  double r[3], d[3], f[3];   /* right, down, forward */
  double focal;         /* px */
  double cx, cy;
} Camera;

/* Looking at the sheet's middle from @distance, tilted @tilt from
 * straight down and turned @turn about the line of sight. */
static void
camera_init (Camera *cam,
             double  distance,
             double  tilt,
             double  turn,
             double  focal,
             double  width,
             double  height)
{
  double s = sin (tilt), c = cos (tilt);
  double r0[3] = { 1, 0, 0 }, d0[3] = { 0, -c, s };

  cam->c[0] = 0;
  cam->c[1] = distance * s;
  cam->c[2] = distance * c;
  cam->f[0] = 0;
  cam->f[1] = -s;
  cam->f[2] = -c;
  for (guint i = 0; i < 3; i++)
    {
      cam->r[i] = cos (turn) * r0[i] + sin (turn) * d0[i];
      cam->d[i] = -sin (turn) * r0[i] + cos (turn) * d0[i];
    }
  cam->focal = focal;
  cam->cx = width / 2;
  cam->cy = height / 2;
}

static void
camera_project (const Camera *cam,
                double        wx,
                double        wy,
                double       *x,
                double       *y)
{
  double p[3] = { wx - cam->c[0], wy - cam->c[1], -cam->c[2] };
  double pr = p[0] * cam->r[0] + p[1] * cam->r[1] + p[2] * cam->r[2];
  double pd = p[0] * cam->d[0] + p[1] * cam->d[1] + p[2] * cam->d[2];
  double pf = p[0] * cam->f[0] + p[1] * cam->f[1] + p[2] * cam->f[2];

  *x = cam->cx + cam->focal * pr / pf;
  *y = cam->cy + cam->focal * pd / pf;
}

/* The floor under the photo pixel's ray: world mm on z = 0. */
static gboolean
camera_ray_floor (const Camera *cam,
                  double        x,
                  double        y,
                  double       *wx,
                  double       *wy)
{
  double a = (x - cam->cx) / cam->focal, b = (y - cam->cy) / cam->focal, dir[3];

  for (guint i = 0; i < 3; i++)
    dir[i] = cam->f[i] + a * cam->r[i] + b * cam->d[i];
  if (dir[2] >= -1e-9)
    return FALSE;
  *wx = cam->c[0] - cam->c[2] / dir[2] * dir[0];
  *wy = cam->c[1] - cam->c[2] / dir[2] * dir[1];
  return TRUE;
}

static guint32
hash (guint32 x)
{
  x ^= x >> 16;
  x *= 0x7feb352d;
  x ^= x >> 15;
  x *= 0x846ca68b;
  x ^= x >> 16;
  return x;
}

/* Value noise in 0..1 at (x, y), smooth over cells of size 1. */
static double
value_noise (double  x,
             double  y,
             guint32 seed)
{
  double fx = floor (x), fy = floor (y), ax = x - fx, ay = y - fy;
  gint32 ix = (gint32) fx, iy = (gint32) fy;
  double v[4];

  for (guint k = 0; k < 4; k++)
    v[k] = (hash ((guint32) (ix + (k & 1)) * 73856093u ^ (guint32) (iy + (k >> 1)) * 19349663u ^ seed) & 0xffff) / 65535.0;
  ax = ax * ax * (3 - 2 * ax);
  ay = ay * ay * (3 - 2 * ay);
  return (v[0] * (1 - ax) + v[1] * ax) * (1 - ay) + (v[2] * (1 - ax) + v[3] * ax) * ay;
}

/* The floor's colour at world (x, y) mm. */
static void
floor_colour (const PlantarSynthPhoto *photo,
              double                   x,
              double                   y,
              double                   rgb[3])
{
  switch (photo->floor)
    {
    case PLANTAR_SYNTH_FLOOR_WOOD:
      {
        /* boards 120 mm wide along y, grain along them */
        double board = floor (x / 120);
        double tone = 0.8 + 0.25 * value_noise (board * 3.1, 0.5, photo->seed);
        double grain = 0.85 + 0.15 * sin ((x + 9 * value_noise (x / 40, y / 300, photo->seed)) * 1.3);
        double k = tone * grain * (fmod (x, 120) < 1.5 ? 0.55 : 1);
        rgb[0] = 150 * k;
        rgb[1] = 98 * k;
        rgb[2] = 58 * k;
        break;
      }
    case PLANTAR_SYNTH_FLOOR_TILE:
      {
        /* 300 mm grey-beige tiles, darker grout */
        gboolean grout = fmod (fabs (x) + 2000, 300) < 4 || fmod (fabs (y) + 2000, 300) < 4;
        double k = grout ? 0.45 : 0.75 + 0.08 * value_noise (x / 25, y / 25, photo->seed);
        rgb[0] = 190 * k;
        rgb[1] = 170 * k;
        rgb[2] = 150 * k;
        break;
      }
    case PLANTAR_SYNTH_FLOOR_CARPET:
      {
        double k = 0.7 + 0.3 * value_noise (x / 1.5, y / 1.5, photo->seed) * value_noise (x / 9, y / 9, photo->seed + 1);
        rgb[0] = 70 * k;
        rgb[1] = 85 * k;
        rgb[2] = 110 * k;
        break;
      }
    case PLANTAR_SYNTH_FLOOR_PLAIN:
    default:
      rgb[0] = rgb[1] = rgb[2] = 85;
      break;
    }
}

/* The page's grey at (u, v) mm, bilinear; white beyond it. */
static double
page_grey (const PlantarScan *page,
           double             u,
           double             v)
{
  guint w = plantar_scan_get_width (page), h = plantar_scan_get_height (page);
  const guint8 *px = plantar_scan_get_pixels (page);
  double fx = u / plantar_scan_get_cell_width_mm (page) - 0.5, fy = v / plantar_scan_get_cell_height_mm (page) - 0.5;
  int x0 = (int) floor (fx), y0 = (int) floor (fy);
  double ax = fx - x0, ay = fy - y0, s = 0;

  for (guint k = 0; k < 4; k++)
    {
      int x = CLAMP (x0 + (int) (k & 1), 0, (int) w - 1), y = CLAMP (y0 + (int) (k >> 1), 0, (int) h - 1);
      s += px[(gsize) y * w + x] * ((k & 1) ? ax : 1 - ax) * ((k >> 1) ? ay : 1 - ay);
    }
  return s;
}

static double
gaussian (guint32 *state)
{
  double u1, u2;

  *state = hash (*state + 0x9e3779b9u);
  u1 = ((*state & 0xffffff) + 1) / 16777217.0;
  *state = hash (*state + 0x9e3779b9u);
  u2 = (*state & 0xffffff) / 16777216.0;
  return sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
}

static void
blur_rgb (guint8  *rgb,
          guint    width,
          guint    height,
          double   sigma)
{
  int radius = (int) ceil (3 * sigma);
  g_autofree double *kernel = NULL;
  g_autofree float *tmp = NULL;
  double sum = 0;

  if (sigma < 0.2)
    return;
  kernel = g_new (double, 2 * radius + 1);
  for (int i = -radius; i <= radius; i++)
    sum += kernel[i + radius] = exp (-0.5 * i * i / (sigma * sigma));
  for (int i = 0; i <= 2 * radius; i++)
    kernel[i] /= sum;
  tmp = g_new (float, (gsize) width * height * 3);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      for (guint c = 0; c < 3; c++)
        {
          double v = 0;
          for (int i = -radius; i <= radius; i++)
            v += kernel[i + radius] * rgb[((gsize) y * width + CLAMP ((int) x + i, 0, (int) width - 1)) * 3 + c];
          tmp[((gsize) y * width + x) * 3 + c] = v;
        }
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      for (guint c = 0; c < 3; c++)
        {
          double v = 0;
          for (int i = -radius; i <= radius; i++)
            v += kernel[i + radius] * tmp[((gsize) CLAMP ((int) y + i, 0, (int) height - 1) * width + x) * 3 + c];
          rgb[((gsize) y * width + x) * 3 + c] = (guint8) CLAMP (lround (v), 0, 255);
        }
}

/**
 * plantar_synth_render_photo:
 * @page: the print on the sheet: an image scan of the sheet's size
 * @truth: (out): where the sheet's corners truly are in the photo
 *
 * A photo of @page lying on a floor. Returns the picture as RGB, width ×
 * height × 3 bytes.
 */
guint8 *
plantar_synth_render_photo (const PlantarSynthPhoto *photo,
                            const PlantarScan       *page,
                            PlantarSheet            *truth)
{
  double W = photo->paper_width_mm, H = photo->paper_height_mm;
  double focal = photo->width / 2.0 / tan (photo->field_of_view_deg * G_PI / 360);
  /* far enough that the sheet's longer side fills @fill of the photo's shorter one */
  double distance = focal * MAX (W, H) / (photo->fill * MIN (photo->width, photo->height));
  const double su[4] = { 0, W, W, 0 }, sv[4] = { 0, 0, H, H };
  double tint_ink[3], tint_paper[3];
  guint32 state = photo->seed * 2654435761u + 1;
  Camera cam;
  guint8 *rgb = g_malloc ((gsize) photo->width * photo->height * 3);

  camera_init (&cam, distance, photo->tilt_deg * G_PI / 180, photo->turn_deg * G_PI / 180, focal, photo->width,
               photo->height);
  for (guint i = 0; i < 4; i++)
    camera_project (&cam, su[i] - W / 2, -(sv[i] - H / 2), &truth->x[i], &truth->y[i]);
  truth->width_mm = W;
  truth->height_mm = H;
  for (guint c = 0; c < 3; c++)
    {
      tint_ink[c] = (photo->ink_rgb >> (16 - 8 * c)) & 0xff;
      tint_paper[c] = (photo->paper_rgb >> (16 - 8 * c)) & 0xff;
    }

  for (guint y = 0; y < photo->height; y++)
    for (guint x = 0; x < photo->width; x++)
      {
        double acc[3] = { 0, 0, 0 };
        /* light falls off across the photo, and in a soft shadow */
        double light = 1 - photo->light_gradient * ((double) x / photo->width * 0.7 + (double) y / photo->height * 0.3);
        for (guint k = 0; k < 4; k++)
          {
            double wx, wy, col[3];
            if (!camera_ray_floor (&cam, x + 0.25 + 0.5 * (k & 1), y + 0.25 + 0.5 * (k >> 1), &wx, &wy))
              continue;
            {
              double u = wx + W / 2, v = -wy + H / 2;
              if (u >= 0 && u <= W && v >= 0 && v <= H)
                {
                  double g = page_grey (page, u, v) / 255;
                  for (guint c = 0; c < 3; c++)
                    col[c] = tint_ink[c] + g * (tint_paper[c] - tint_ink[c]);
                }
              else
                floor_colour (photo, wx, wy, col);
            }
            for (guint c = 0; c < 3; c++)
              acc[c] += col[c] / 4;
          }
        for (guint c = 0; c < 3; c++)
          rgb[((gsize) y * photo->width + x) * 3 + c] =
            (guint8) CLAMP (lround (acc[c] * light + photo->noise * gaussian (&state)), 0, 255);
      }
  blur_rgb (rgb, photo->width, photo->height, photo->blur_px);
  return rgb;
}

typedef struct {
  struct jpeg_destination_mgr pub;
  GByteArray                 *out;
  guint8                      buffer[16384];
} MemDest;

static void
dest_init (j_compress_ptr cinfo)
{
  MemDest *d = (MemDest *) cinfo->dest;
  d->pub.next_output_byte = d->buffer;
  d->pub.free_in_buffer = sizeof d->buffer;
}

static boolean
dest_empty (j_compress_ptr cinfo)
{
  MemDest *d = (MemDest *) cinfo->dest;
  g_byte_array_append (d->out, d->buffer, sizeof d->buffer);
  d->pub.next_output_byte = d->buffer;
  d->pub.free_in_buffer = sizeof d->buffer;
  return TRUE;
}

static void
dest_term (j_compress_ptr cinfo)
{
  MemDest *d = (MemDest *) cinfo->dest;
  g_byte_array_append (d->out, d->buffer, sizeof d->buffer - d->pub.free_in_buffer);
}

/**
 * plantar_synth_encode_jpeg:
 * @orientation: EXIF orientation to write (1: upright, none written)
 *
 * An RGB picture as a JPEG file, as a phone writes one: EXIF with the
 * orientation, 72 dpi, no JFIF density.
 */
GBytes *
plantar_synth_encode_jpeg (const guint8 *rgb,
                           guint         width,
                           guint         height,
                           int           quality,
                           guint         orientation)
{
  struct jpeg_compress_struct cinfo;
  struct jpeg_error_mgr jerr;
  MemDest dest = { { 0 } };
  GByteArray *out = g_byte_array_new ();

  cinfo.err = jpeg_std_error (&jerr);
  jpeg_create_compress (&cinfo);
  dest.out = out;
  dest.pub.init_destination = dest_init;
  dest.pub.empty_output_buffer = dest_empty;
  dest.pub.term_destination = dest_term;
  cinfo.dest = &dest.pub;
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, quality, TRUE);
  cinfo.write_JFIF_header = FALSE;
  jpeg_start_compress (&cinfo, TRUE);
  {
    /* EXIF, big-endian: Orientation, XResolution and YResolution 72/1, ResolutionUnit inch */
    guint8 exif[6 + 8 + 2 + 4 * 12 + 4 + 16] = { 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 4 };
    guint8 *e = exif + 16;
    const guint16 tags[4][3] = { { 0x0112, 3, 0 }, { 0x011A, 5, 0 }, { 0x011B, 5, 0 }, { 0x0128, 3, 2 } };
    guint32 rational = 8 + 2 + 4 * 12 + 4;
    for (guint i = 0; i < 4; i++, e += 12)
      {
        guint32 value = tags[i][0] == 0x0112 ? orientation : tags[i][2];
        e[0] = tags[i][0] >> 8; e[1] = tags[i][0] & 0xff;
        e[2] = 0; e[3] = tags[i][1];
        e[4] = 0; e[5] = 0; e[6] = 0; e[7] = 1;
        if (tags[i][1] == 5)
          {
            guint32 off = rational + (tags[i][0] == 0x011B ? 8 : 0);
            e[8] = off >> 24; e[9] = off >> 16; e[10] = off >> 8; e[11] = off;
          }
        else
          {
            e[8] = value >> 8; e[9] = value & 0xff; e[10] = 0; e[11] = 0;
          }
      }
    memset (e, 0, 4);
    e += 4;
    for (guint i = 0; i < 2; i++, e += 8)
      {
        e[0] = 0; e[1] = 0; e[2] = 0; e[3] = 72;
        e[4] = 0; e[5] = 0; e[6] = 0; e[7] = 1;
      }
    jpeg_write_marker (&cinfo, JPEG_APP0 + 1, exif, sizeof exif);
  }
  for (guint y = 0; y < height; y++)
    {
      JSAMPROW row = (JSAMPROW) (rgb + (gsize) y * width * 3);
      jpeg_write_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
  return g_byte_array_free_to_bytes (out);
}

/**
 * plantar_synth_render_sheet:
 *
 * The print a photo shows: @feet on a sheet of @photo's paper, at
 * @dpi, ink dark on the paper.
 */
PlantarScan *
plantar_synth_render_sheet (const PlantarSynthPhoto *photo,
                            const PlantarSynthFoot  *feet,
                            guint                    n_feet,
                            double                   dpi,
                            GError                 **error)
{
  PlantarSynthPage page;

  plantar_synth_page_init (&page);
  page.width_mm = photo->paper_width_mm;
  page.height_mm = photo->paper_height_mm;
  page.dpi = dpi;
  page.dark_on_light = TRUE;
  page.noise = 0;
  page.blur_mm = 0.2;
  page.seed = photo->seed;
  return plantar_synth_render_page (&page, feet, n_feet, error);
}

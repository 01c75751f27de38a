/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-image"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>

#include "plantar-import-private.h"

/*
 * Footprint images become 8-bit grey (0 black, 255 white), whatever they
 * were: 1 to 16 bits, grey or colour, palette, alpha (composited on white
 * paper), interlaced. PNG goes straight through libpng row by row, so a
 * 600-dpi A4 page costs little more than libpng's own decoding and is held
 * once; the other formats go through gdk-pixbuf.
 */

/* A resolution cameras and screens write by default; it is not a scale. */
static gboolean
is_default_dpi (double dpi)
{
  return fabs (dpi - 72.0) < 0.5 || fabs (dpi - 96.0) < 0.5;
}

/* Sets the scale from a resolution in dots per inch, unless it is one no
 * footprint scan has: a camera's default, or a page over 2 m across. */
static void
set_scale_from_dpi (PlantarScan *scan,
                    double       dpi_x,
                    double       dpi_y,
                    const char  *source)
{
  double page_mm;

  if (!(dpi_x > 0) || !(dpi_y > 0) || !isfinite (dpi_x) || !isfinite (dpi_y))
    return;

  if (is_default_dpi (dpi_x) && is_default_dpi (dpi_y))
    {
      plantar_scan_add_warning (scan, _("The image says %.0f dpi (%s), the default of cameras and "
                                        "screens rather than a measured scale."), dpi_x, source);
      return;
    }

  page_mm = MAX (plantar_scan_get_width (scan) / dpi_x, plantar_scan_get_height (scan) / dpi_y) * 25.4;
  if (page_mm > 2000)
    {
      plantar_scan_add_warning (scan, _("The image's resolution (%.0f × %.0f dpi, %s) would make it "
                                        "%.0f mm across; it was ignored."), dpi_x, dpi_y, source, page_mm);
      return;
    }

  plantar_scan_set_cell_size (scan, 25.4 / dpi_x, 25.4 / dpi_y);
}

/* ---------------------------------------------------------------- PNG */

typedef struct {
  const guint8 *data;
  gsize         length;
  gsize         pos;
  guint         height;       /* for messages after a longjmp */
  gboolean      ended;        /* the data ran out */
  char          message[200];
  jmp_buf       jump;
} PngSource;

static void
png_read_cb (png_structp  png,
             png_bytep    out,
             png_size_t   n)
{
  PngSource *src = png_get_io_ptr (png);

  if (n > src->length - src->pos)
    {
      src->ended = TRUE;
      png_error (png, "the file ends early");
    }
  memcpy (out, src->data + src->pos, n);
  src->pos += n;
}

static void
png_error_cb (png_structp      png,
              png_const_charp  message)
{
  PngSource *src = png_get_error_ptr (png);

  g_strlcpy (src->message, message, sizeof src->message);
  longjmp (src->jump, 1);
}

static void
png_warning_cb (png_structp      png,
                png_const_charp  message)
{
  g_debug ("libpng: %s", message);
}

/* Grey + alpha to grey on white paper. */
static inline void
composite_row (const guint8 *ga,
               guint8       *out,
               guint         width)
{
  for (guint x = 0; x < width; x++)
    {
      guint g = ga[2 * x], a = ga[2 * x + 1];
      out[x] = (g * a + 255 * (255 - a) + 127) / 255;
    }
}

GPtrArray *
plantar_load_png (const PlantarImportContext *ctx,
                  GError                    **error)
{
  PngSource src = { (const guint8 *) ctx->data, ctx->length, 0, 0, FALSE, { 0 } };
  png_structp png;
  png_infop info;
  PlantarScan *volatile scan = NULL;
  guint8 *volatile spare = NULL;
  volatile guint row = 0;
  png_uint_32 width, height, xres = 0, yres = 0;
  int bit_depth, color_type, interlace, unit = 0;
  int passes;
  guint channels;

  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &src, png_error_cb, png_warning_cb);
  if (png == NULL)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_IO, 0, 0, _("cannot start libpng"));
      return NULL;
    }
  info = png_create_info_struct (png);

  if (setjmp (src.jump))
    {
      if (row > 0 || scan != NULL)
        plantar_import_set_error (error, ctx, src.ended ? PLANTAR_IMPORT_ERROR_TRUNCATED
                                                        : PLANTAR_IMPORT_ERROR_PARSE,
                                  0, 0, src.ended ? _("the PNG ends in row %u of %u; it was cut short")
                                                  : _("the PNG is damaged in row %u of %u: %s"),
                                  row + 1, src.height, src.message);
      else
        plantar_import_set_error (error, ctx, src.ended ? PLANTAR_IMPORT_ERROR_TRUNCATED
                                                        : PLANTAR_IMPORT_ERROR_PARSE,
                                  0, 0, src.ended ? _("the PNG header is cut short")
                                                  : _("the PNG header is damaged: %s"), src.message);
      png_destroy_read_struct (&png, &info, NULL);
      g_free (spare);
      if (scan != NULL)
        plantar_scan_unref (scan);
      return NULL;
    }

  png_set_read_fn (png, &src, png_read_cb);
  png_read_info (png, info);
  png_get_IHDR (png, info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
  src.height = height;

  {
    g_autoptr(GError) size_error = NULL;
    if (!plantar_scan_check_size (width, height, 1, 1, &size_error))
      {
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0,
                                  _("the image is %u × %u pixels: %s"), (guint) width, (guint) height,
                                  size_error->message);
        png_destroy_read_struct (&png, &info, NULL);
        return NULL;
      }
  }

  if (color_type == PNG_COLOR_TYPE_PALETTE)
    png_set_palette_to_rgb (png);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8)
    png_set_expand_gray_1_2_4_to_8 (png);
  if (png_get_valid (png, info, PNG_INFO_tRNS))
    png_set_tRNS_to_alpha (png);
  if (bit_depth == 16)
    png_set_scale_16 (png);
  if (color_type & PNG_COLOR_MASK_COLOR)
    png_set_rgb_to_gray_fixed (png, 1, -1, -1);
  passes = png_set_interlace_handling (png);
  png_read_update_info (png, info);
  channels = png_get_channels (png, info);
  g_assert (channels == 1 || channels == 2);

  png_get_pHYs (png, info, &xres, &yres, &unit);

  {
    GError *alloc_error = NULL;
    scan = plantar_scan_new_image (width, height, &alloc_error);
    if (scan == NULL)
      {
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0, "%s", alloc_error->message);
        g_error_free (alloc_error);
        png_destroy_read_struct (&png, &info, NULL);
        return NULL;
      }
  }

  {
    guint8 *pixels = plantar_scan_get_pixels_mutable (scan);

    if (channels == 1 && passes == 1)
      {
        for (row = 0; row < height; row++)
          png_read_row (png, pixels + (gsize) row * width, NULL);
      }
    else if (channels == 1)
      {
        /* interlaced: libpng combines the passes into the rows we give it */
        for (int pass = 0; pass < passes; pass++)
          for (row = 0; row < height; row++)
            png_read_row (png, pixels + (gsize) row * width, NULL);
      }
    else if (passes == 1)
      {
        spare = g_malloc ((gsize) width * 2);
        for (row = 0; row < height; row++)
          {
            png_read_row (png, spare, NULL);
            composite_row (spare, pixels + (gsize) row * width, width);
          }
      }
    else
      {
        /* interlaced with alpha: the whole grey+alpha image, then composite */
        spare = g_try_malloc ((gsize) width * height * 2);
        if (spare == NULL)
          png_error (png, "not enough memory for an interlaced image with transparency");
        for (int pass = 0; pass < passes; pass++)
          for (row = 0; row < height; row++)
            png_read_row (png, spare + (gsize) row * width * 2, NULL);
        for (row = 0; row < height; row++)
          composite_row (spare + (gsize) row * width * 2, pixels + (gsize) row * width, width);
      }
  }

  png_destroy_read_struct (&png, &info, NULL);
  g_free (spare);

  if (unit == PNG_RESOLUTION_METER && xres > 0 && yres > 0)
    set_scale_from_dpi (scan, xres * 0.0254, yres * 0.0254, "pHYs");
  plantar_scan_set_original_units (scan, _("grey level"));

  return plantar_import_single (scan);
}

/* ---------------------------------------------------------------- EXIF */

static guint
exif_u16 (const guint8 *p,
          gboolean      big_endian)
{
  return big_endian ? (p[0] << 8 | p[1]) : (p[1] << 8 | p[0]);
}

static guint32
exif_u32 (const guint8 *p,
          gboolean      big_endian)
{
  return big_endian ? ((guint32) p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3])
                    : ((guint32) p[3] << 24 | p[2] << 16 | p[1] << 8 | p[0]);
}

/* XResolution, YResolution and ResolutionUnit from a JPEG's EXIF block, in
 * dots per inch. Everything is bounds-checked: EXIF comes from cameras. */
static gboolean
exif_dpi (const guint8 *data,
          gsize         length,
          double       *dpi_x,
          double       *dpi_y)
{
  gsize pos = 2;

  while (pos + 4 <= length && data[pos] == 0xFF)
    {
      guint marker = data[pos + 1];
      gsize seg = (gsize) data[pos + 2] << 8 | data[pos + 3];

      if (marker == 0xDA || seg < 2 || pos + 2 + seg > length)
        return FALSE;

      if (marker == 0xE1 && seg >= 16 && memcmp (data + pos + 4, "Exif\0\0", 6) == 0)
        {
          const guint8 *tiff = data + pos + 10;
          gsize tlen = seg - 8;
          gboolean be;
          guint32 ifd;
          guint n;
          double xr = 0, yr = 0;
          guint unit = 2;

          if (tlen < 8)
            return FALSE;
          if (memcmp (tiff, "MM\0*", 4) == 0)
            be = TRUE;
          else if (memcmp (tiff, "II*\0", 4) == 0)
            be = FALSE;
          else
            return FALSE;

          ifd = exif_u32 (tiff + 4, be);
          if (ifd > tlen - 2)
            return FALSE;
          n = exif_u16 (tiff + ifd, be);
          for (guint i = 0; i < n; i++)
            {
              const guint8 *e = tiff + ifd + 2 + 12 * i;
              guint tag, type;
              guint32 off;

              if ((gsize) (e - tiff) + 12 > tlen)
                break;
              tag = exif_u16 (e, be);
              type = exif_u16 (e + 2, be);
              if ((tag == 0x011A || tag == 0x011B) && type == 5)
                {
                  guint32 num, den;
                  off = exif_u32 (e + 8, be);
                  if (off > tlen - 8)
                    continue;
                  num = exif_u32 (tiff + off, be);
                  den = exif_u32 (tiff + off + 4, be);
                  if (den == 0)
                    continue;
                  if (tag == 0x011A)
                    xr = (double) num / den;
                  else
                    yr = (double) num / den;
                }
              else if (tag == 0x0128 && type == 3)
                unit = exif_u16 (e + 8, be);
            }

          if (xr <= 0 || yr <= 0 || (unit != 2 && unit != 3))
            return FALSE;
          *dpi_x = unit == 3 ? xr * 2.54 : xr;
          *dpi_y = unit == 3 ? yr * 2.54 : yr;
          return TRUE;
        }
      pos += 2 + seg;
    }
  return FALSE;
}

/* ---------------------------------------------------------------- gdk-pixbuf */

typedef struct {
  gboolean too_large;
  int      width, height;
} SizeCheck;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  SizeCheck       *check)
{
  check->width = width;
  check->height = height;
  if (width <= 0 || height <= 0 || width > PLANTAR_SCAN_MAX_SIDE || height > PLANTAR_SCAN_MAX_SIDE)
    {
      /* decode to a single pixel rather than allocate the monster */
      check->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
    }
}

GPtrArray *
plantar_load_pixbuf (const PlantarImportContext *ctx,
                     GError                    **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  SizeCheck check = { 0 };
  GdkPixbuf *pixbuf;
  const guint8 *src;
  guint8 *dst;
  int width, height, stride, n_channels;
  gboolean alpha;
  const char *x_dpi, *y_dpi;
  double dx = 0, dy = 0;
  GdkPixbufFormat *format;
  g_autofree char *format_name = NULL;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &check);

  if (!gdk_pixbuf_loader_write (loader, (const guchar *) ctx->data, ctx->length, &local_error) ||
      !gdk_pixbuf_loader_close (loader, local_error ? NULL : &local_error))
    {
      if (check.too_large)
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0,
                                  _("the image is %d × %d pixels, larger than the %u × %u Plantar accepts"),
                                  check.width, check.height, PLANTAR_SCAN_MAX_SIDE, PLANTAR_SCAN_MAX_SIDE);
      else
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, 0, 0,
                                  _("the image cannot be decoded: %s"),
                                  local_error ? local_error->message : _("unknown error"));
      return NULL;
    }

  if (check.too_large)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0,
                                _("the image is %d × %d pixels, larger than the %u × %u Plantar accepts"),
                                check.width, check.height, PLANTAR_SCAN_MAX_SIDE, PLANTAR_SCAN_MAX_SIDE);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0,
                                _("the image holds no picture; it may have been cut short"));
      return NULL;
    }

  format = gdk_pixbuf_loader_get_format (loader);
  if (format != NULL)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (format);
      format_name = g_ascii_strup (name, -1);
    }

  /* the density options are on the loaded pixbuf, not the rotated copy */
  x_dpi = gdk_pixbuf_get_option (pixbuf, "x-dpi");
  y_dpi = gdk_pixbuf_get_option (pixbuf, "y-dpi");
  if (x_dpi && y_dpi)
    {
      dx = g_ascii_strtod (x_dpi, NULL);
      dy = g_ascii_strtod (y_dpi, NULL);
    }

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (oriented == NULL)
    oriented = g_object_ref (pixbuf);

  width = gdk_pixbuf_get_width (oriented);
  height = gdk_pixbuf_get_height (oriented);
  stride = gdk_pixbuf_get_rowstride (oriented);
  n_channels = gdk_pixbuf_get_n_channels (oriented);
  alpha = gdk_pixbuf_get_has_alpha (oriented);
  src = gdk_pixbuf_read_pixels (oriented);

  scan = plantar_scan_new_image (width, height, &local_error);
  if (scan == NULL)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0, "%s", local_error->message);
      return NULL;
    }

  dst = plantar_scan_get_pixels_mutable (scan);
  for (int y = 0; y < height; y++)
    {
      const guint8 *p = src + (gsize) y * stride;
      guint8 *q = dst + (gsize) y * width;
      for (int x = 0; x < width; x++, p += n_channels)
        {
          guint grey = (77 * p[0] + 150 * p[1] + 29 * p[2] + 128) >> 8;
          if (alpha)
            grey = (grey * p[3] + 255 * (255 - p[3]) + 127) / 255;
          q[x] = grey;
        }
    }

  if (dx > 0 && dy > 0)
    set_scale_from_dpi (scan, dx, dy, format_name && g_str_equal (format_name, "JPEG") ? "JFIF" : format_name);
  else if (format_name && g_str_equal (format_name, "JPEG") &&
           exif_dpi ((const guint8 *) ctx->data, ctx->length, &dx, &dy))
    set_scale_from_dpi (scan, dx, dy, "EXIF");

  plantar_scan_set_original_units (scan, _("grey level"));
  if (format_name)
    {
      g_autofree char *name = g_strdup_printf (_("%s image"), format_name);
      plantar_scan_set_format (scan, "image", name);
    }

  return plantar_import_single (g_steal_pointer (&scan));
}

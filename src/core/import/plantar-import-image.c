/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-image"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>

#include "plantar-import-private.h"

/*
 * Footprint images become 8-bit grey (0 black, 255 white), whatever they
 * were: 1 to 16 bits, grey or colour, palette, alpha (composited on white
 * paper), interlaced. A grey PNG goes straight through libpng row by row,
 * so a 600-dpi A4 page costs little more than libpng's own decoding and
 * is held once; JPEG goes through libjpeg-turbo (plantar-import-jpeg.c),
 * the other formats through gdk-pixbuf.
 *
 * A colour picture is first asked what its colours say: a false-colour
 * pressure picture becomes a pressure scan (plantar-import-colour.c). A
 * picture without a scale is looked at for a sheet of paper
 * (plantar-photo.c), and measured on that sheet rectified.
 */

/* A resolution cameras and screens write by default; it is not a scale. */
gboolean
plantar_import_is_default_dpi (double dpi)
{
  return fabs (dpi - 72.0) < 0.5 || fabs (dpi - 96.0) < 0.5;
}

/* Sets the scale from a resolution in dots per inch of a picture decoded
 * at 1 / @decode_scale of the file's size, unless it is one no footprint
 * scan has: a camera's default, or a page over 2 m across. */
static void
set_scale_from_dpi (PlantarScan *scan,
                    double       dpi_x,
                    double       dpi_y,
                    guint        decode_scale,
                    const char  *source)
{
  double page_mm, file_x = dpi_x * decode_scale, file_y = dpi_y * decode_scale;

  if (!(dpi_x > 0) || !(dpi_y > 0) || !isfinite (dpi_x) || !isfinite (dpi_y))
    return;

  if (plantar_import_is_default_dpi (file_x) && plantar_import_is_default_dpi (file_y))
    {
      plantar_scan_add_warning (scan, _("The image says %.0f dpi (%s), the default of cameras and "
                                        "screens rather than a measured scale."), file_x, source);
      return;
    }

  page_mm = MAX (plantar_scan_get_width (scan) / dpi_x, plantar_scan_get_height (scan) / dpi_y) * 25.4;
  if (page_mm > 2000)
    {
      plantar_scan_add_warning (scan, _("The image's resolution (%.0f × %.0f dpi, %s) would make it "
                                        "%.0f mm across; it was ignored."), file_x, file_y, source, page_mm);
      return;
    }

  plantar_scan_set_cell_size (scan, 25.4 / dpi_x, 25.4 / dpi_y);
}

static PlantarScan *measure_on_sheet (const PlantarImportContext *ctx,
                                      PlantarScan                *photo,
                                      const PlantarPicture       *picture);

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

/* No chunk of the PNG claims more than the whole file: libpng allocates
 * a chunk's length before it reads it, so one claiming 2 GiB in a file of
 * a few bytes is refused here, before libpng sees it. (A chunk that runs
 * past the end is libpng's to report, as a file cut short.) */
static gboolean
png_chunks_fit (const PlantarImportContext *ctx,
                GError                    **error)
{
  const guint8 *d = (const guint8 *) ctx->data;
  gsize n = ctx->length, at = 8;

  while (at + 8 <= n)
    {
      guint64 length = (guint64) d[at] << 24 | (guint64) d[at + 1] << 16 | (guint64) d[at + 2] << 8 | d[at + 3];
      if (length > n)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, 0, 0,
                                    _("the PNG is damaged: its chunk at byte %" PRIu64 " says it holds %" PRIu64
                                      " bytes, in a file of %" PRIu64),
                                    (guint64) at, length, (guint64) n);
          return FALSE;
        }
      if (memcmp (d + at + 4, "IEND", 4) == 0)
        break;
      at += length + 12;
    }
  return TRUE;
}

/* What went wrong in the PNG, from libpng's jump: in the header (@row 0)
 * or in row @row, cut short or damaged. */
static void
png_failed (const PlantarImportContext *ctx,
            const PngSource            *src,
            guint                       row,
            GError                    **error)
{
  int code = src->ended ? PLANTAR_IMPORT_ERROR_TRUNCATED : PLANTAR_IMPORT_ERROR_PARSE;

  if (row > 0)
    plantar_import_set_error (error, ctx, code, 0, 0,
                              src->ended ? _("the PNG ends in row %u of %u; it was cut short")
                                         : _("the PNG is damaged in row %u of %u: %s"),
                              row, src->height, src->message);
  else
    plantar_import_set_error (error, ctx, code, 0, 0,
                              src->ended ? _("the PNG header is cut short") : _("the PNG header is damaged: %s"),
                              src->message);
}

/* RGBA pixels laid on white paper, in place, as RGB. */
static void
rgba_on_white (guint8 *pixels,
               gsize   n)
{
  for (gsize i = 0; i < n; i++)
    {
      const guint8 *p = pixels + 4 * i;
      guint8 *q = pixels + 3 * i;
      guint a = p[3];
      for (guint c = 0; c < 3; c++)
        q[c] = (p[c] * a + 255 * (255 - a) + 127) / 255;
    }
}

/* Every PNG read as 8-bit grey, grey+alpha, RGB or RGBA; the passes an
 * interlaced one takes. */
static int
png_to_8_bit (png_structp png,
              png_infop   info,
              int         color_type,
              int         bit_depth)
{
  if (color_type == PNG_COLOR_TYPE_PALETTE)
    png_set_palette_to_rgb (png);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8)
    png_set_expand_gray_1_2_4_to_8 (png);
  if (png_get_valid (png, info, PNG_INFO_tRNS))
    png_set_tRNS_to_alpha (png);
  if (bit_depth == 16)
    png_set_scale_16 (png);
  return png_set_interlace_handling (png);
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

  if (!png_chunks_fit (ctx, error))
    return NULL;
  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &src, png_error_cb, png_warning_cb);
  if (png == NULL)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_IO, 0, 0, _("cannot start libpng"));
      return NULL;
    }
  info = png_create_info_struct (png);

  if (setjmp (src.jump))
    {
      png_failed (ctx, &src, row > 0 || scan != NULL ? row + 1 : 0, error);
      png_destroy_read_struct (&png, &info, NULL);
      g_free (spare);
      if (scan != NULL)
        plantar_scan_unref (scan);
      return NULL;
    }

  /* no ancillary chunk larger than a scan's can be */
  png_set_chunk_malloc_max (png, 16 << 20);
  png_set_chunk_cache_max (png, 1000);
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

  passes = png_to_8_bit (png, info, color_type, bit_depth);
  png_read_update_info (png, info);
  channels = png_get_channels (png, info);
  g_assert (channels >= 1 && channels <= 4);

  png_get_pHYs (png, info, &xres, &yres, &unit);

  if (channels >= 3)
    {
      /* colour: the whole picture, for what its colours say */
      PlantarPicture picture = { width, height, 3, NULL, 0, 0, "pHYs", "PNG", 1 };
      GPtrArray *scans;

      spare = g_try_malloc ((gsize) width * height * channels);
      if (spare == NULL)
        png_error (png, "not enough memory for the picture");
      for (int pass = 0; pass < passes; pass++)
        for (row = 0; row < height; row++)
          png_read_row (png, spare + (gsize) row * width * channels, NULL);
      png_destroy_read_struct (&png, &info, NULL);
      if (channels == 4)
        rgba_on_white (spare, (gsize) width * height);
      picture.pixels = spare;
      if (unit == PNG_RESOLUTION_METER && xres > 0 && yres > 0)
        {
          picture.dpi_x = xres * 0.0254;
          picture.dpi_y = yres * 0.0254;
        }
      scans = plantar_import_picture (ctx, &picture, error);
      g_free (spare);
      return scans;
    }

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
    set_scale_from_dpi (scan, xres * 0.0254, yres * 0.0254, 1, "pHYs");
  plantar_scan_set_original_units (scan, _("grey level"));

  {
    PlantarPicture picture = { width, height, 1, plantar_scan_get_pixels_mutable (scan), 0, 0, NULL, "PNG", 1 };
    g_autoptr(GError) local_error = NULL;
    /* a grey pressure picture, drawn by a plate's software */
    PlantarScan *pressure = plantar_colour_picture_read (ctx, &picture, &local_error);
    if (pressure != NULL)
      {
        /* (as a colour picture: its pixels are no print's dots per inch) */
        plantar_scan_unref (scan);
        return plantar_import_single (pressure);
      }
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        plantar_scan_unref (scan);
        return NULL;
      }
    return plantar_import_single (measure_on_sheet (ctx, scan, &picture));
  }
}

/* ---------------------------------------------------------------- gdk-pixbuf */

typedef struct {
  gboolean too_large;
  int      width, height;
  guint32 *covered;    /* of each row, how many pixels the loader decoded */
} SizeCheck;

/* What the loader decoded, row by row: a file cut short leaves rows it
 * never reached, which gdk-pixbuf would otherwise hand over blank. */
static void
area_updated_cb (GdkPixbufLoader *loader,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 SizeCheck       *check)
{
  if (check->covered == NULL || check->too_large)
    return;
  for (int r = MAX (y, 0); r < MIN (y + height, check->height); r++)
    check->covered[r] = MIN ((gint64) check->covered[r] + MAX (MIN (x + width, check->width) - MAX (x, 0), 0),
                             (gint64) check->width);
}

static int
rows_decoded (const SizeCheck *check)
{
  int n = 0;

  for (int r = 0; check->covered != NULL && r < check->height; r++)
    n += check->covered[r] >= (guint32) check->width;
  return n;
}

/* The first row the loader never finished, or -1 when it decoded all. */
static int
first_missing_row (const SizeCheck *check)
{
  for (int r = 0; check->covered != NULL && r < check->height; r++)
    if (check->covered[r] < (guint32) check->width)
      return r;
  return -1;
}

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
      return;
    }
  g_free (check->covered);
  check->covered = g_new0 (guint32, height);
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

/* BMP and WebP say how long they are: a file shorter than that was cut
 * short, and a BMP whose pixels cannot fit in the file is refused before
 * anything is allocated for them. */
static gboolean
check_declared_length (const PlantarImportContext *ctx,
                       GError                    **error)
{
  const guint8 *d = (const guint8 *) ctx->data;
  gsize n = ctx->length;

  if (n >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    {
      guint64 declared = (guint64) le32 (d + 4) + 8;
      if (n < declared)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0,
                                    _("the WebP holds %" PRIu64 " bytes of the %" PRIu64
                                      " it says it has; it was cut short"), (guint64) n, declared);
          return FALSE;
        }
      return TRUE;
    }
  if (n >= 34 && d[0] == 'B' && d[1] == 'M')
    {
      gint32 width = (gint32) le32 (d + 18), height = (gint32) le32 (d + 22);
      guint bpp = d[28] | d[29] << 8;
      guint32 compression = le32 (d + 30);
      guint64 offset = le32 (d + 10);
      guint64 stride = ((guint64) ABS ((gint64) width) * bpp + 31) / 32 * 4;
      guint64 needed = offset + stride * (guint64) ABS ((gint64) height);

      guint64 declared = le32 (d + 2);
      guint64 pixels = (guint64) ABS ((gint64) width) * (guint64) ABS ((gint64) height);

      if (ABS ((gint64) width) > PLANTAR_SCAN_MAX_SIDE || ABS ((gint64) height) > PLANTAR_SCAN_MAX_SIDE)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0,
                                    _("the image is %d × %d pixels, larger than the %u × %u Plantar accepts"),
                                    ABS (width), ABS (height), PLANTAR_SCAN_MAX_SIDE, PLANTAR_SCAN_MAX_SIDE);
          return FALSE;
        }
      if (declared > n)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0,
                                    _("the BMP holds %" PRIu64 " bytes of the %" PRIu64
                                      " it says it has; it was cut short"), (guint64) n, declared);
          return FALSE;
        }
      /* run-length rows: two bytes give at most 255 pixels */
      if ((compression == 1 || compression == 2) && offset < n && pixels > (n - offset) / 2 * 255)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0,
                                    _("the BMP says it is %d × %d pixels, more than its %" PRIu64
                                      " bytes can hold"), ABS (width), ABS (height), (guint64) n);
          return FALSE;
        }
      /* uncompressed rows: their size is known exactly */
      if ((compression == 0 || compression == 3) && bpp > 0 && n < needed)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0,
                                    _("the BMP holds %" PRIu64 " bytes; its %d × %d pixels need %" PRIu64
                                      ": it was cut short, or its header is wrong"),
                                    (guint64) n, ABS (width), ABS (height), needed);
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
plantar_load_pixbuf (const PlantarImportContext *ctx,
                     GError                    **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;
  SizeCheck check = { 0 };
  g_autofree guint32 *covered = NULL;
  PlantarPicture picture = { 0 };
  GdkPixbuf *pixbuf;
  const guint8 *src;
  int stride, n_channels;
  gboolean alpha;
  const char *x_dpi, *y_dpi;
  GdkPixbufFormat *format;
  g_autofree char *format_name = NULL;
  GPtrArray *scans;

  if (!check_declared_length (ctx, error))
    return NULL;
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &check);
  g_signal_connect (loader, "area-updated", G_CALLBACK (area_updated_cb), &check);

  if (!gdk_pixbuf_loader_write (loader, (const guchar *) ctx->data, ctx->length, &local_error) ||
      !gdk_pixbuf_loader_close (loader, local_error ? NULL : &local_error))
    {
      g_free (check.covered);
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

  covered = check.covered;
  if (check.too_large)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0,
                                _("the image is %d × %d pixels, larger than the %u × %u Plantar accepts"),
                                check.width, check.height, PLANTAR_SCAN_MAX_SIDE, PLANTAR_SCAN_MAX_SIDE);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf != NULL && first_missing_row (&check) >= 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0,
                                _("only %d of the image's %d rows are in the file; it was cut short"),
                                rows_decoded (&check), check.height);
      return NULL;
    }
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
      picture.dpi_x = g_ascii_strtod (x_dpi, NULL);
      picture.dpi_y = g_ascii_strtod (y_dpi, NULL);
      picture.dpi_source = format_name;
    }

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (oriented == NULL)
    oriented = g_object_ref (pixbuf);

  picture.width = gdk_pixbuf_get_width (oriented);
  picture.height = gdk_pixbuf_get_height (oriented);
  picture.channels = 3;
  picture.format_name = format_name;
  picture.decode_scale = 1;
  stride = gdk_pixbuf_get_rowstride (oriented);
  n_channels = gdk_pixbuf_get_n_channels (oriented);
  alpha = gdk_pixbuf_get_has_alpha (oriented);
  src = gdk_pixbuf_read_pixels (oriented);

  picture.pixels = g_try_malloc ((gsize) picture.width * picture.height * 3);
  if (picture.pixels == NULL)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0,
                                _("not enough memory for a picture of %u × %u pixels"), picture.width, picture.height);
      return NULL;
    }
  for (guint y = 0; y < picture.height; y++)
    {
      const guint8 *p = src + (gsize) y * stride;
      guint8 *q = picture.pixels + (gsize) y * picture.width * 3;
      for (guint x = 0; x < picture.width; x++, p += n_channels, q += 3)
        for (guint c = 0; c < 3; c++)
          q[c] = alpha ? (p[c] * p[3] + 255 * (255 - p[3]) + 127) / 255 : p[c];
    }

  scans = plantar_import_picture (ctx, &picture, error);
  g_free (picture.pixels);
  return scans;
}

/* ---------------------------------------------------------------- pictures */

/**
 * plantar_picture_orient:
 * @orientation: as EXIF numbers it (1: upright; 6: turn a quarter clockwise)
 *
 * Turns (and mirrors) a decoded picture upright.
 */
void
plantar_picture_orient (PlantarPicture *picture,
                        guint           orientation)
{
  guint w = picture->width, h = picture->height, c = picture->channels;
  gboolean swap = orientation >= 5 && orientation <= 8;
  guint ow = swap ? h : w, oh = swap ? w : h;
  guint8 *out;

  if (orientation < 2 || orientation > 8)
    return;
  out = g_malloc ((gsize) w * h * c);
  for (guint y = 0; y < oh; y++)
    for (guint x = 0; x < ow; x++)
      {
        guint sx, sy;
        switch (orientation)
          {
          case 2: sx = w - 1 - x; sy = y; break;
          case 3: sx = w - 1 - x; sy = h - 1 - y; break;
          case 4: sx = x; sy = h - 1 - y; break;
          case 5: sx = y; sy = x; break;
          case 6: sx = y; sy = h - 1 - x; break;
          case 7: sx = w - 1 - y; sy = h - 1 - x; break;
          case 8: default: sx = w - 1 - y; sy = x; break;
          }
        memcpy (out + ((gsize) y * ow + x) * c, picture->pixels + ((gsize) sy * w + sx) * c, c);
      }
  g_free (picture->pixels);
  picture->pixels = out;
  picture->width = ow;
  picture->height = oh;
  if (swap)
    {
      double t = picture->dpi_x;
      picture->dpi_x = picture->dpi_y;
      picture->dpi_y = t;
    }
}

/* A photo with no scale of its own: the sheet of paper in it, rectified to
 * millimetres, or the photo as it is, saying why no sheet was found. */
static PlantarScan *
measure_on_sheet (const PlantarImportContext *ctx,
                  PlantarScan                *photo,
                  const PlantarPicture       *picture)
{
  const PlantarImportOptions *opts = ctx->options;
  double paper_w = opts && opts->paper_width_mm > 0 ? opts->paper_width_mm : 210;
  double paper_h = opts && opts->paper_height_mm > 0 ? opts->paper_height_mm : 297;
  g_autofree char *why = NULL;
  g_autoptr(GError) local_error = NULL;
  PlantarSheet sheet;
  PlantarScan *rectified;

  if (plantar_scan_has_scale (photo) || (opts != NULL && opts->cell_width_mm > 0))
    return photo;
  if (!plantar_photo_find_sheet (picture, paper_w, paper_h, &sheet, &why))
    {
      /* a PNG, TIFF or BMP is a scan or an export more often than a
       * camera's photo: it is not told to take the photo again */
      gboolean camera = picture->format_name != NULL && (g_str_equal (picture->format_name, "JPEG") ||
                                                         g_str_equal (picture->format_name, "WEBP"));
      plantar_scan_set_scale_hint (photo, camera ? why
                                          : _("This image has no scale, and no sheet of paper was found in it "
                                              "to take one from. Calibrate it with its paper size, if it shows the "
                                              "whole sheet, or with a known distance, such as a ruler."));
      return photo;
    }
  /* the photo in colour, to show it with its sheet */
  if (picture->channels == 3)
    plantar_scan_take_rgb (photo, g_memdup2 (picture->pixels, (gsize) picture->width * picture->height * 3));
  rectified = plantar_sheet_rectify (photo, &sheet, &local_error);
  if (rectified == NULL)
    {
      plantar_scan_set_scale_hint (photo, local_error->message);
      return photo;
    }
  plantar_scan_unref (photo);
  return rectified;
}

/**
 * plantar_import_picture:
 *
 * What a decoded picture is: a false-colour pressure picture, a photo of
 * a sheet of paper (measured on the sheet), or a print scanned flat.
 */
GPtrArray *
plantar_import_picture (const PlantarImportContext *ctx,
                        PlantarPicture             *picture,
                        GError                    **error)
{
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 *dst;
  gsize n = (gsize) picture->width * picture->height;

  if (picture->channels == 3 || picture->channels == 1)
    {
      PlantarScan *pressure = plantar_colour_picture_read (ctx, picture, &local_error);
      if (pressure != NULL)
        return plantar_import_single (pressure);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  scan = plantar_scan_new_image (picture->width, picture->height, &local_error);
  if (scan == NULL)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0, "%s", local_error->message);
      return NULL;
    }
  dst = plantar_scan_get_pixels_mutable (scan);
  if (picture->channels == 1)
    memcpy (dst, picture->pixels, n);
  else
    for (gsize i = 0; i < n; i++)
      {
        const guint8 *p = picture->pixels + 3 * i;
        dst[i] = (77 * p[0] + 150 * p[1] + 29 * p[2] + 128) >> 8;
      }

  if (picture->dpi_x > 0 && picture->dpi_y > 0)
    set_scale_from_dpi (scan, picture->dpi_x, picture->dpi_y, picture->decode_scale,
                        picture->dpi_source ? picture->dpi_source : "?");
  plantar_scan_set_original_units (scan, _("grey level"));
  /* a PNG is named by its format's own entry */
  if (picture->format_name && g_strcmp0 (picture->format_name, "PNG") != 0)
    {
      g_autofree char *name = g_strdup_printf (_("%s image"), picture->format_name);
      plantar_scan_set_format (scan, "image", name);
    }
  return plantar_import_single (measure_on_sheet (ctx, g_steal_pointer (&scan), picture));
}

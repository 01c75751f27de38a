/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-image"

#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <jpeglib.h>
#include <jerror.h>

#include "plantar-import-private.h"

/*
 * JPEG through libjpeg-turbo itself: a photo is decoded at the size the
 * analysis needs (libjpeg's DCT scaling: a 12-megapixel phone picture at
 * half its size costs a third of decoding it whole), a file cut short is
 * said rather than padded with grey, and the EXIF orientation and density
 * are read here.
 */

/* A photo without a scale is decoded to about this many pixels; a scan
 * with one no coarser than this many dots per inch. */
#define PHOTO_PIXELS (4.5 * 1000 * 1000)
#define SCAN_MIN_DPI 150.0

typedef struct {
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
  gboolean              ended;      /* the data ran out */
  char                  message[JMSG_LENGTH_MAX];
} JpegErrors;

static void
error_exit_cb (j_common_ptr cinfo)
{
  JpegErrors *errors = (JpegErrors *) cinfo->err;

  cinfo->err->format_message (cinfo, errors->message);
  longjmp (errors->jump, 1);
}

static void
emit_message_cb (j_common_ptr cinfo,
                 int          level)
{
  JpegErrors *errors = (JpegErrors *) cinfo->err;

  if (level >= 0)
    return;
  /* a warning: the source ran dry (libjpeg would go on with grey), or
   * damaged data a camera's file may well carry */
  if (cinfo->err->msg_code == JWRN_JPEG_EOF)
    errors->ended = TRUE;
  else if (errors->message[0] == '\0')
    cinfo->err->format_message (cinfo, errors->message);
}

/* ------------------------------------------------------------ EXIF */

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

/* The resolution and orientation of IFD0 of an EXIF block (the TIFF
 * structure after "Exif\0\0"). Every offset is bounds-checked. */
static void
exif_ifd0 (const guint8 *tiff,
           gsize         length,
           PlantarExif  *exif)
{
  gboolean be;
  guint32 ifd;
  guint n, unit = 2;
  double xr = 0, yr = 0;

  if (length < 8)
    return;
  if (memcmp (tiff, "MM\0*", 4) == 0)
    be = TRUE;
  else if (memcmp (tiff, "II*\0", 4) == 0)
    be = FALSE;
  else
    return;
  ifd = exif_u32 (tiff + 4, be);
  if (ifd > length - 2)
    return;
  n = exif_u16 (tiff + ifd, be);
  for (guint i = 0; i < n; i++)
    {
      const guint8 *e = tiff + ifd + 2 + 12 * (gsize) i;
      guint tag, type;

      if ((gsize) (e - tiff) + 12 > length)
        break;
      tag = exif_u16 (e, be);
      type = exif_u16 (e + 2, be);
      if ((tag == 0x011A || tag == 0x011B) && type == 5)
        {
          guint32 off = exif_u32 (e + 8, be), num, den;
          if (off > length - 8)
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
      else if (tag == 0x0112 && type == 3)
        {
          guint o = exif_u16 (e + 8, be);
          exif->orientation = o >= 1 && o <= 8 ? o : 1;
        }
    }
  if (xr > 0 && yr > 0 && (unit == 2 || unit == 3))
    {
      exif->dpi_x = unit == 3 ? xr * 2.54 : xr;
      exif->dpi_y = unit == 3 ? yr * 2.54 : yr;
    }
}

/**
 * plantar_exif_read:
 *
 * The EXIF resolution and orientation of a JPEG, walking its markers up to
 * the first scan. Nothing is trusted: EXIF comes from cameras.
 */
void
plantar_exif_read (const guint8 *data,
                   gsize         length,
                   PlantarExif  *exif)
{
  gsize pos = 2;

  exif->dpi_x = exif->dpi_y = 0;
  exif->orientation = 1;
  while (pos + 4 <= length && data[pos] == 0xFF)
    {
      guint marker = data[pos + 1];
      gsize seg = (gsize) data[pos + 2] << 8 | data[pos + 3];

      if (marker == 0xDA || seg < 2 || pos + 2 + seg > length)
        return;
      if (marker == 0xE1 && seg >= 16 && memcmp (data + pos + 4, "Exif\0\0", 6) == 0)
        {
          exif_ifd0 (data + pos + 10, seg - 8, exif);
          return;
        }
      pos += 2 + seg;
    }
}

/* ------------------------------------------------------------ decoding */

/* 1, 2, 4 or 8: how much smaller than the file the picture is decoded:
 * down to about PHOTO_PIXELS, and a scan with a resolution never below
 * SCAN_MIN_DPI. */
static guint
decode_scale (guint  width,
              guint  height,
              double dpi)
{
  guint scale = 1;

  while (scale < 8 && (double) width * height / ((double) scale * scale) > PHOTO_PIXELS &&
         !(dpi > 0 && dpi / (scale * 2) < SCAN_MIN_DPI))
    scale *= 2;
  return scale;
}

/* Adobe's CMYK is stored inverted. */
static void
cmyk_to_rgb (const guint8 *cmyk,
             guint8       *rgb,
             guint         width)
{
  for (guint x = 0; x < width; x++, cmyk += 4, rgb += 3)
    {
      guint k = cmyk[3];
      rgb[0] = (cmyk[0] * k + 127) / 255;
      rgb[1] = (cmyk[1] * k + 127) / 255;
      rgb[2] = (cmyk[2] * k + 127) / 255;
    }
}

typedef struct {
  struct jpeg_decompress_struct cinfo;
  JpegErrors                    errors;
  guint8                       *pixels;
  guint8                       *row;
} JpegDecoder;

static void
decoder_clear (JpegDecoder *d)
{
  jpeg_destroy_decompress (&d->cinfo);
  g_free (d->pixels);
  g_free (d->row);
}

/**
 * plantar_load_jpeg:
 *
 * A JPEG as a colour picture (or grey, when it is grey), decoded smaller
 * when it is larger than the analysis needs, turned upright by its EXIF
 * orientation.
 */
GPtrArray *
plantar_load_jpeg (const PlantarImportContext *ctx,
                   GError                    **error)
{
  JpegDecoder d = { 0 };
  PlantarExif exif;
  PlantarPicture picture = { 0 };
  volatile guint rows = 0;
  guint channels, out_channels, scale;
  volatile double dpi_x = 0, dpi_y = 0;
  const char *volatile dpi_source = NULL;
  gboolean cmyk;
  GPtrArray *scans;

  d.cinfo.err = jpeg_std_error (&d.errors.pub);
  d.errors.pub.error_exit = error_exit_cb;
  d.errors.pub.emit_message = emit_message_cb;
  if (setjmp (d.errors.jump))
    {
      if (rows > 0)
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, 0, 0,
                                  _("the JPEG is damaged in row %u of %u: %s"), rows + 1,
                                  (guint) d.cinfo.output_height, d.errors.message);
      else
        plantar_import_set_error (error, ctx, d.errors.ended ? PLANTAR_IMPORT_ERROR_TRUNCATED : PLANTAR_IMPORT_ERROR_PARSE,
                                  0, 0, _("the JPEG header is damaged: %s"), d.errors.message);
      decoder_clear (&d);
      return NULL;
    }

  jpeg_create_decompress (&d.cinfo);
  /* a picture of the sizes Plantar accepts never needs more */
  d.cinfo.mem->max_memory_to_use = 1024L * 1024 * 1024;
  jpeg_mem_src (&d.cinfo, (const unsigned char *) ctx->data, ctx->length);
  jpeg_read_header (&d.cinfo, TRUE);
  if (d.errors.ended)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0, _("the JPEG header is cut short"));
      decoder_clear (&d);
      return NULL;
    }
  if (!plantar_import_check_size (ctx, 0, d.cinfo.image_width, d.cinfo.image_height, 1, error))
    {
      decoder_clear (&d);
      return NULL;
    }

  plantar_exif_read ((const guint8 *) ctx->data, ctx->length, &exif);
  if (d.cinfo.saw_JFIF_marker && d.cinfo.X_density > 0 && d.cinfo.Y_density > 0 &&
      (d.cinfo.density_unit == 1 || d.cinfo.density_unit == 2))
    {
      dpi_x = d.cinfo.X_density * (d.cinfo.density_unit == 2 ? 2.54 : 1);
      dpi_y = d.cinfo.Y_density * (d.cinfo.density_unit == 2 ? 2.54 : 1);
      dpi_source = "JFIF";
    }
  else if (exif.dpi_x > 0)
    {
      dpi_x = exif.dpi_x;
      dpi_y = exif.dpi_y;
      dpi_source = "EXIF";
    }

  scale = decode_scale (d.cinfo.image_width, d.cinfo.image_height,
                        dpi_x > 0 && !plantar_import_is_default_dpi (dpi_x) ? MIN (dpi_x, dpi_y) : 0);
  d.cinfo.scale_num = 1;
  d.cinfo.scale_denom = scale;
  cmyk = d.cinfo.jpeg_color_space == JCS_CMYK || d.cinfo.jpeg_color_space == JCS_YCCK;
  if (cmyk)
    d.cinfo.out_color_space = JCS_CMYK;
  else if (d.cinfo.jpeg_color_space == JCS_GRAYSCALE)
    d.cinfo.out_color_space = JCS_GRAYSCALE;
  else
    d.cinfo.out_color_space = JCS_RGB;
  d.cinfo.dct_method = JDCT_ISLOW;
  jpeg_start_decompress (&d.cinfo);

  channels = d.cinfo.output_components;
  out_channels = channels == 1 ? 1 : 3;
  d.pixels = g_try_malloc ((gsize) d.cinfo.output_width * d.cinfo.output_height * out_channels);
  if (d.pixels == NULL)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0,
                                _("not enough memory for a picture of %u × %u pixels"),
                                (guint) d.cinfo.output_width, (guint) d.cinfo.output_height);
      decoder_clear (&d);
      return NULL;
    }
  if (cmyk)
    d.row = g_malloc ((gsize) d.cinfo.output_width * 4);
  while (d.cinfo.output_scanline < d.cinfo.output_height)
    {
      guint8 *dst = d.pixels + (gsize) d.cinfo.output_scanline * d.cinfo.output_width * out_channels;
      JSAMPROW row = cmyk ? d.row : dst;

      jpeg_read_scanlines (&d.cinfo, &row, 1);
      if (cmyk)
        cmyk_to_rgb (d.row, dst, d.cinfo.output_width);
      rows = d.cinfo.output_scanline;
      if (d.errors.ended)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0,
                                    _("the JPEG ends in row %u of %u; it was cut short"),
                                    (guint) (rows * scale), (guint) d.cinfo.image_height);
          decoder_clear (&d);
          return NULL;
        }
    }
  jpeg_finish_decompress (&d.cinfo);

  picture.width = d.cinfo.output_width;
  picture.height = d.cinfo.output_height;
  picture.channels = out_channels;
  picture.pixels = g_steal_pointer (&d.pixels);
  picture.dpi_x = dpi_x / scale;
  picture.dpi_y = dpi_y / scale;
  picture.dpi_source = dpi_source;
  picture.format_name = "JPEG";
  picture.decode_scale = scale;
  decoder_clear (&d);

  plantar_picture_orient (&picture, exif.orientation);
  scans = plantar_import_picture (ctx, &picture, error);
  g_free (picture.pixels);
  return scans;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <png.h>
#include <zlib.h>

#include "plantar-test-util.h"

/* Footprint images: every PNG flavour through libpng, the rest through
 * gdk-pixbuf, all to 8-bit grey with their scale. */

#define W 37
#define H 23

/* The test picture: a dark square (the "foot", grey 40) on light paper
 * (grey 230), its top-left corner at (10, 5), 12 pixels wide. */
static guint
expected_grey (guint x,
               guint y)
{
  return (x >= 10 && x < 22 && y >= 5 && y < 17) ? 40 : 230;
}

typedef struct {
  const char *name;
  int         color_type;
  int         bit_depth;
  gboolean    interlaced;
  guint       tolerance;
} PngKind;

static guint
scale_to (guint grey8,
          int   bits)
{
  return (guint) lround (grey8 * ((1 << bits) - 1) / 255.0);
}

static void
append_cb (png_structp p,
           png_bytep   data,
           png_size_t  n)
{
  g_byte_array_append (png_get_io_ptr (p), data, n);
}

/* Writes the test picture in @kind to memory. */
static GBytes *
write_png (const PngKind *kind,
           double         dpi)
{
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  GByteArray *out = g_byte_array_new ();
  guint channels = kind->color_type == PNG_COLOR_TYPE_GRAY ? 1
                 : kind->color_type == PNG_COLOR_TYPE_GRAY_ALPHA ? 2
                 : kind->color_type == PNG_COLOR_TYPE_RGB ? 3
                 : kind->color_type == PNG_COLOR_TYPE_RGB_ALPHA ? 4 : 1;
  guint bytes_per_sample = kind->bit_depth == 16 ? 2 : 1;
  g_autofree guint8 *rows = g_malloc0 ((gsize) H * W * channels * bytes_per_sample);
  png_bytep row_pointers[H];

  png_set_write_fn (png, out, append_cb, NULL);
  png_set_IHDR (png, info, W, H, kind->bit_depth, kind->color_type,
                kind->interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);

  if (kind->color_type == PNG_COLOR_TYPE_PALETTE)
    {
      png_color palette[2] = { { 40, 40, 40 }, { 230, 230, 230 } };
      png_set_PLTE (png, info, palette, 2);
    }
  if (dpi > 0)
    png_set_pHYs (png, info, (png_uint_32) lround (dpi / 0.0254), (png_uint_32) lround (dpi / 0.0254),
                  PNG_RESOLUTION_METER);
  png_write_info (png, info);
  if (kind->bit_depth < 8)
    png_set_packing (png);

  for (guint y = 0; y < H; y++)
    {
      guint8 *row = rows + (gsize) y * W * channels * bytes_per_sample;
      row_pointers[y] = row;
      for (guint x = 0; x < W; x++)
        {
          guint g = expected_grey (x, y);
          guint values[4];
          guint n = 0;

          switch (kind->color_type)
            {
            case PNG_COLOR_TYPE_PALETTE:
              values[n++] = g == 40 ? 0 : 1;
              break;
            case PNG_COLOR_TYPE_GRAY:
              values[n++] = kind->bit_depth == 16 ? g * 257 : scale_to (g, kind->bit_depth);
              break;
            case PNG_COLOR_TYPE_GRAY_ALPHA:
              /* the paper is transparent: it must come out white-ish paper */
              values[n++] = kind->bit_depth == 16 ? 40 * 257 : 40;
              values[n++] = g == 40 ? (kind->bit_depth == 16 ? 65535 : 255) : 0;
              break;
            case PNG_COLOR_TYPE_RGB:
            case PNG_COLOR_TYPE_RGB_ALPHA:
            default:
              /* a bluish ink, grey 40 by Rec. 601 weights: R 20 G 40 B 110 */
              values[n++] = (g == 40 ? 20 : 230) * (kind->bit_depth == 16 ? 257 : 1);
              values[n++] = (g == 40 ? 40 : 230) * (kind->bit_depth == 16 ? 257 : 1);
              values[n++] = (g == 40 ? 110 : 230) * (kind->bit_depth == 16 ? 257 : 1);
              if (kind->color_type == PNG_COLOR_TYPE_RGB_ALPHA)
                values[n++] = kind->bit_depth == 16 ? 65535 : 255;
              break;
            }
          for (guint c = 0; c < n; c++)
            {
              gsize at = ((gsize) x * channels + c) * bytes_per_sample;
              if (bytes_per_sample == 2)
                {
                  row[at] = values[c] >> 8;
                  row[at + 1] = values[c] & 0xff;
                }
              else
                row[at] = values[c];
            }
        }
    }

  png_write_image (png, row_pointers);
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  return g_byte_array_free_to_bytes (out);
}

static PlantarScan *
import_image (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_import_bytes (bytes, "image", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (scans->len, ==, 1);
  return plantar_scan_ref (g_ptr_array_index (scans, 0));
}

static void
assert_picture (PlantarScan *scan,
                guint        tolerance)
{
  const guint8 *px = plantar_scan_get_pixels (scan);

  g_assert_cmpuint (plantar_scan_get_width (scan), ==, W);
  g_assert_cmpuint (plantar_scan_get_height (scan), ==, H);
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      {
        int want = expected_grey (x, y), got = px[y * W + x];
        if (abs (got - want) > (int) tolerance)
          g_error ("pixel (%u, %u): %d, expected %d ± %u", x, y, got, want, tolerance);
      }
}

static void
test_png_kinds (void)
{
  const PngKind kinds[] = {
    { "grey 8", PNG_COLOR_TYPE_GRAY, 8, FALSE, 0 },
    { "grey 16", PNG_COLOR_TYPE_GRAY, 16, FALSE, 0 },
    { "grey 4", PNG_COLOR_TYPE_GRAY, 4, FALSE, 9 },
    { "grey 2", PNG_COLOR_TYPE_GRAY, 2, FALSE, 45 },
    { "grey 8 interlaced", PNG_COLOR_TYPE_GRAY, 8, TRUE, 0 },
    { "grey+alpha 8", PNG_COLOR_TYPE_GRAY_ALPHA, 8, FALSE, 25 },
    { "grey+alpha 16 interlaced", PNG_COLOR_TYPE_GRAY_ALPHA, 16, TRUE, 25 },
    { "rgb 8", PNG_COLOR_TYPE_RGB, 8, FALSE, 2 },
    { "rgb 16", PNG_COLOR_TYPE_RGB, 16, FALSE, 2 },
    { "rgba 8 interlaced", PNG_COLOR_TYPE_RGB_ALPHA, 8, TRUE, 2 },
    { "palette 1", PNG_COLOR_TYPE_PALETTE, 1, FALSE, 0 },
    { "palette 8", PNG_COLOR_TYPE_PALETTE, 8, TRUE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GBytes) bytes = write_png (&kinds[i], 200);
      g_autoptr(PlantarScan) scan = import_image (bytes);

      g_test_message ("%s", kinds[i].name);
      /* transparent paper comes out white: 255, not the 230 drawn */
      if (kinds[i].color_type == PNG_COLOR_TYPE_GRAY_ALPHA)
        g_assert_cmpuint (plantar_scan_get_pixels (scan)[0], ==, 255);
      assert_picture (scan, kinds[i].tolerance);
      g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 25.4 / 200, 1e-4);
      g_assert_cmpstr (plantar_scan_get_format_id (scan), ==, "png");
    }
}

/* 1-bit grey: black foot, white paper */
static void
test_png_1bit (void)
{
  const PngKind kind = { "grey 1", PNG_COLOR_TYPE_GRAY, 1, FALSE, 0 };
  g_autoptr(GBytes) bytes = write_png (&kind, 0);
  g_autoptr(PlantarScan) scan = import_image (bytes);
  const guint8 *px = plantar_scan_get_pixels (scan);

  g_assert_cmpuint (px[0], ==, 255);
  g_assert_cmpuint (px[10 * W + 15], ==, 0);
  g_assert_false (plantar_scan_has_scale (scan));
  g_assert_cmpuint (plantar_scan_get_n_warnings (scan), ==, 1);
}

static void
test_png_bad (void)
{
  const PngKind kind = { "grey 8", PNG_COLOR_TYPE_GRAY, 8, FALSE, 0 };
  g_autoptr(GBytes) bytes = write_png (&kind, 300);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  g_autofree guint8 *copy = g_memdup2 (data, length);
  guint8 huge[64];

  /* cut short in the image data */
  plantar_test_assert_import_error (data, length - 40, PLANTAR_IMPORT_ERROR_TRUNCATED, "PNG");
  plantar_test_assert_import_error (data, 30, PLANTAR_IMPORT_ERROR_TRUNCATED, "PNG header");

  /* damaged image data: the CRC no longer matches */
  copy[length / 2] ^= 0xff;
  plantar_test_assert_import_error (copy, length, PLANTAR_IMPORT_ERROR_PARSE, "damaged");

  /* a header announcing 20000 × 20000 pixels is refused before decoding */
  memcpy (huge, data, 33);
  huge[16] = 0; huge[17] = 0; huge[18] = 0x4e; huge[19] = 0x20;   /* width 20000 */
  huge[20] = 0; huge[21] = 0; huge[22] = 0x4e; huge[23] = 0x20;   /* height 20000 */
  {
    guint32 crc = crc32 (0, huge + 12, 17);
    huge[29] = crc >> 24; huge[30] = crc >> 16; huge[31] = crc >> 8; huge[32] = crc;
  }
  memcpy (huge + 33, data + 33, 31);
  plantar_test_assert_import_error (huge, sizeof huge, PLANTAR_IMPORT_ERROR_TOO_LARGE, "20000 × 20000");
}

/* ------------------------------------------------------------ gdk-pixbuf */

static GdkPixbuf *
test_pixbuf (gboolean alpha)
{
  GdkPixbuf *pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, W, H);
  guint8 *px = gdk_pixbuf_get_pixels (pb);
  int stride = gdk_pixbuf_get_rowstride (pb), n = gdk_pixbuf_get_n_channels (pb);

  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      {
        guint8 *p = px + y * stride + x * n;
        p[0] = p[1] = p[2] = expected_grey (x, y);
        if (alpha)
          p[3] = 255;
      }
  return pb;
}

static GBytes *
save (GdkPixbuf  *pb,
      const char *type,
      ...)
{
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;
  va_list args;
  char *keys[4] = { NULL }, *values[4] = { NULL };
  guint n = 0;
  const char *key;

  va_start (args, type);
  while ((key = va_arg (args, const char *)) != NULL && n < 3)
    {
      keys[n] = (char *) key;
      values[n++] = va_arg (args, char *);
    }
  va_end (args);

  gdk_pixbuf_save_to_bufferv (pb, &buffer, &size, type, keys, values, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static void
test_jpeg_jfif (void)
{
  g_autoptr(GdkPixbuf) pb = test_pixbuf (FALSE);
  g_autoptr(GBytes) bytes = save (pb, "jpeg", "quality", "100", "x-dpi", "300", "y-dpi", "300", NULL);
  g_autoptr(PlantarScan) scan = import_image (bytes);

  assert_picture (scan, 12);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 25.4 / 300, 1e-6);
  g_assert_cmpstr (plantar_scan_get_format_name (scan), ==, "JPEG image");
}

/* A JPEG without JFIF density, with EXIF XResolution 600/1 per inch. */
static void
test_jpeg_exif (void)
{
  g_autoptr(GdkPixbuf) pb = test_pixbuf (FALSE);
  g_autoptr(GBytes) plain = save (pb, "jpeg", "quality", "95", NULL);
  gsize length;
  const guint8 *data = g_bytes_get_data (plain, &length);
  /* big-endian TIFF: IFD0 with XResolution, YResolution, ResolutionUnit */
  static const guint8 tiff[] = {
    'M', 'M', 0, 42, 0, 0, 0, 8,
    0, 3,
    0x01, 0x1A, 0, 5, 0, 0, 0, 1, 0, 0, 0, 50,
    0x01, 0x1B, 0, 5, 0, 0, 0, 1, 0, 0, 0, 58,
    0x01, 0x28, 0, 3, 0, 0, 0, 1, 0, 2, 0, 0,
    0, 0, 0, 0,
    0, 0, 2, 0x58, 0, 0, 0, 1,
    0, 0, 2, 0x58, 0, 0, 0, 1,
  };
  g_autoptr(GByteArray) jpeg = g_byte_array_new ();
  guint16 seg = 2 + 6 + sizeof tiff;
  g_autoptr(GBytes) with_exif = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  gsize pos = 2;

  /* drop the JFIF APP0 segment (it carries a 1:1 aspect, no density) */
  if (data[2] == 0xFF && data[3] == 0xE0)
    pos = 4 + (data[4] << 8 | data[5]);

  g_byte_array_append (jpeg, data, 2);
  g_byte_array_append (jpeg, (const guint8[]) { 0xFF, 0xE1, seg >> 8, seg & 0xff }, 4);
  g_byte_array_append (jpeg, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (jpeg, tiff, sizeof tiff);
  g_byte_array_append (jpeg, data + pos, length - pos);
  with_exif = g_byte_array_free_to_bytes (g_steal_pointer (&jpeg));

  scan = import_image (with_exif);
  g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 25.4 / 600, 1e-6);
}

static void
test_camera_default_dpi (void)
{
  g_autoptr(GdkPixbuf) pb = test_pixbuf (FALSE);
  g_autoptr(GBytes) bytes = save (pb, "jpeg", "x-dpi", "72", "y-dpi", "72", NULL);
  g_autoptr(PlantarScan) scan = import_image (bytes);

  g_assert_false (plantar_scan_has_scale (scan));
  g_assert_nonnull (strstr (plantar_scan_get_warning (scan, 0), "72 dpi"));
}

static gboolean
format_writable (const char *name)
{
  GSList *formats = gdk_pixbuf_get_formats ();
  gboolean writable = FALSE;

  for (GSList *l = formats; l; l = l->next)
    {
      g_autofree char *format_name = gdk_pixbuf_format_get_name (l->data);
      if (g_str_equal (format_name, name))
        writable = gdk_pixbuf_format_is_writable (l->data);
    }
  g_slist_free (formats);
  return writable;
}

static void
test_other_formats (void)
{
  struct { const char *type; gboolean alpha; guint tolerance; double dpi; } cases[] = {
    { "tiff", FALSE, 0, 400 },
    { "bmp", FALSE, 0, 0 },
    { "png", TRUE, 0, 0 },
    { "webp", FALSE, 24, 0 },   /* lossy: ringing at the edges */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GdkPixbuf) pb = test_pixbuf (cases[i].alpha);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(PlantarScan) scan = NULL;

      if (!format_writable (cases[i].type))
        {
          /* WebP comes from webp-pixbuf-loader, which .ci/run installs */
          g_test_fail_printf ("gdk-pixbuf cannot write %s here", cases[i].type);
          continue;
        }

      bytes = cases[i].dpi > 0 ? save (pb, cases[i].type, "x-dpi", "400", "y-dpi", "400", NULL)
                               : save (pb, cases[i].type, NULL);
      scan = import_image (bytes);
      g_test_message ("%s", cases[i].type);
      assert_picture (scan, cases[i].tolerance);
      if (cases[i].dpi > 0)
        g_assert_cmpfloat_with_epsilon (plantar_scan_get_cell_width_mm (scan), 25.4 / cases[i].dpi, 1e-6);
    }
}

static void
test_pixbuf_bad (void)
{
  g_autoptr(GdkPixbuf) pb = test_pixbuf (FALSE);
  g_autoptr(GBytes) bytes = save (pb, "bmp", NULL);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  g_autofree guint8 *huge = g_memdup2 (data, length);

  /* its header says how long it is: 40 bytes are a file cut short */
  plantar_test_assert_import_error (data, 40, PLANTAR_IMPORT_ERROR_TRUNCATED, "cut short");

  /* BITMAPINFOHEADER width and height: 20000 × 20000 */
  huge[18] = 0x20; huge[19] = 0x4e; huge[20] = 0; huge[21] = 0;
  huge[22] = 0x20; huge[23] = 0x4e; huge[24] = 0; huge[25] = 0;
  plantar_test_assert_import_error (huge, length, PLANTAR_IMPORT_ERROR_TOO_LARGE, "20000");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/images/png-kinds", test_png_kinds);
  g_test_add_func ("/import/images/png-1bit", test_png_1bit);
  g_test_add_func ("/import/images/png-bad", test_png_bad);
  g_test_add_func ("/import/images/jpeg-jfif", test_jpeg_jfif);
  g_test_add_func ("/import/images/jpeg-exif", test_jpeg_exif);
  g_test_add_func ("/import/images/camera-default-dpi", test_camera_default_dpi);
  g_test_add_func ("/import/images/other-formats", test_other_formats);
  g_test_add_func ("/import/images/pixbuf-bad", test_pixbuf_bad);
  return g_test_run ();
}

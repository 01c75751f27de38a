/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import"

#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <zlib.h>

#include "plantar-import-private.h"

/* Text exports are read whole; nothing a plate writes comes near this. */
#define MAX_TEXT_BYTES (G_GUINT64_CONSTANT (4) << 30)
/* Above this a pressure is flagged (the highest peaks under a foot are
 * about 1,500 kPa barefoot, a few thousand in hard shoes) */
#define IMPLAUSIBLE_KPA 10000.0
/* What a compressed export may unpack to: a minute of a 7,000-sensor
 * treadmill at 300 Hz is half of this. More is a bomb, refused before it
 * takes the machine's memory. */
#define MAX_UNPACKED_BYTES (G_GUINT64_CONSTANT (1) << 30)
/* How much of a file the format sniffers look at. */
#define SNIFF_BYTES (64 * 1024)

typedef enum {
  IMAGE_NONE,
  IMAGE_PNG,
  IMAGE_JPEG,
  IMAGE_PIXBUF,
} ImageKind;

static const PlantarFormat formats[] = {
  /* Most specific first: the generic grid takes whatever is a rectangle of numbers. */
  { { "in-shoe", N_("In-shoe pressure recording"),
      N_("novel pedar, Moticon or stappone insoles measure inside a shoe"), FALSE, FALSE },
    plantar_sniff_in_shoe, plantar_load_in_shoe, FALSE },
  { { "tekscan", N_("Tekscan ASCII export"),
      N_("MatScan, HR Mat, F-Scan and other Tekscan sensors, one or many frames"), FALSE, TRUE },
    plantar_sniff_tekscan, plantar_load_tekscan, TRUE },
  { { "novel-emed", N_("novel emed export"),
      N_("emed plate pages (emascii .lst), one frame per page"), FALSE, TRUE },
    plantar_sniff_emed, plantar_load_emed, TRUE },
  { { "novel-pliance", N_("novel pliance export"),
      N_("pliance mat recording (.asc) with its sensor layout"), FALSE, TRUE },
    plantar_sniff_pliance, plantar_load_pliance, FALSE },
  { { "zebris-fdm", N_("Zebris FDM raw export"),
      N_("Zebris FDM and FDM-T platform and treadmill recordings"), FALSE, TRUE },
    plantar_sniff_zebris, plantar_load_zebris, TRUE },
  { { "pedcad", N_("Zebris / footscan pedcad file"),
      N_("pedcad import file (.apd) with one or more pressure images"), FALSE, TRUE },
    plantar_sniff_pedcad, plantar_load_pedcad, TRUE },
  { { "footscan", N_("footscan Entire Plate Roll Off"),
      N_("footscan text export of force per sensor, frame by frame"), FALSE, TRUE },
    plantar_sniff_footscan, plantar_load_footscan, TRUE },
  { { "xsensor", N_("XSENSOR X4 export"),
      N_("XSENSOR X4 Foot & Gait CSV, mats and insoles, every sensor"), FALSE, TRUE },
    plantar_sniff_xsensor, plantar_load_xsensor, TRUE },
  { { "grid", N_("Pressure grid (CSV / TSV)"),
      N_("rows of numbers, frames separated by blank lines, with optional “# cell_mm:” headers"), FALSE, TRUE },
    plantar_sniff_grid, plantar_load_grid, FALSE },
};

static const PlantarFormatInfo image_formats[] = {
  { "png", N_("PNG image"), N_("footprint image; its pHYs chunk gives the scale"), TRUE, TRUE },
  { "image", N_("Footprint image"), N_("JPEG, TIFF, BMP or WebP footprint image"), TRUE, TRUE },
};

const PlantarFormatInfo *
plantar_import_get_formats (guint *n_formats)
{
  static PlantarFormatInfo all[G_N_ELEMENTS (formats) + G_N_ELEMENTS (image_formats)];
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      guint n = 0;
      for (guint i = 0; i < G_N_ELEMENTS (image_formats); i++)
        all[n++] = image_formats[i];
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        all[n++] = formats[i].info;
      g_once_init_leave (&initialised, 1);
    }

  *n_formats = G_N_ELEMENTS (all);
  return all;
}

static ImageKind
image_kind (const guint8 *head,
            gsize         length)
{
  static const guint8 png_sig[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (length >= 8 && memcmp (head, png_sig, 8) == 0)
    return IMAGE_PNG;
  if (length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
    return IMAGE_JPEG;
  if (length >= 4 && (memcmp (head, "II*\0", 4) == 0 || memcmp (head, "MM\0*", 4) == 0))
    return IMAGE_PIXBUF; /* TIFF */
  if (length >= 12 && memcmp (head, "RIFF", 4) == 0 && memcmp (head + 8, "WEBP", 4) == 0)
    return IMAGE_PIXBUF;
  if (length >= 14 && head[0] == 'B' && head[1] == 'M')
    return IMAGE_PIXBUF;
  return IMAGE_NONE;
}

static gboolean
is_gzip (const guint8 *head,
         gsize         length)
{
  return length >= 2 && head[0] == 0x1f && head[1] == 0x8b;
}

/**
 * plantar_import_detect:
 * @head: the start of a file (already decompressed)
 *
 * Which format a file is, by its content alone.
 *
 * Returns: (nullable): the format, or %NULL if Plantar does not know it
 */
const PlantarFormatInfo *
plantar_import_detect (const guint8 *head,
                       gsize         length)
{
  PlantarSpan span = { (const char *) head, (const char *) head + MIN (length, SNIFF_BYTES) };

  switch (image_kind (head, length))
    {
    case IMAGE_PNG:
      return &image_formats[0];
    case IMAGE_JPEG:
    case IMAGE_PIXBUF:
      return &image_formats[1];
    case IMAGE_NONE:
    default:
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].sniff (span))
      return &formats[i].info;

  return NULL;
}

void
plantar_import_set_error (GError                    **error,
                          const PlantarImportContext *ctx,
                          PlantarImportError          code,
                          guint                       line,
                          guint                       column,
                          const char                 *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0 && column > 0)
    /* Translators: file name, line number, column number, what was wrong */
    g_set_error (error, PLANTAR_IMPORT_ERROR, code, _("“%s”, line %u, column %u: %s"),
                 ctx->display_name, line, column, message);
  else if (line > 0)
    g_set_error (error, PLANTAR_IMPORT_ERROR, code, _("“%s”, line %u: %s"),
                 ctx->display_name, line, message);
  else
    g_set_error (error, PLANTAR_IMPORT_ERROR, code, _("“%s”: %s"),
                 ctx->display_name, message);
}

gboolean
plantar_import_check_size (const PlantarImportContext *ctx,
                           guint                       line,
                           guint64                     width,
                           guint64                     height,
                           guint64                     n_frames,
                           GError                    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (plantar_scan_check_size (width, height, n_frames, sizeof (float), &local_error))
    return TRUE;

  plantar_import_set_error (error, ctx,
                            local_error->code == PLANTAR_SCAN_ERROR_EMPTY
                              ? PLANTAR_IMPORT_ERROR_EMPTY : PLANTAR_IMPORT_ERROR_TOO_LARGE,
                            line, 0, "%s", local_error->message);
  return FALSE;
}

/* A header that announces more values than the file could hold (each takes
 * at least a digit and a separator) contradicts the data: refused before
 * anything is allocated for them. */
gboolean
plantar_import_check_fits (const PlantarImportContext *ctx,
                           guint                       line,
                           guint64                     n_values,
                           GError                    **error)
{
  if (n_values <= ctx->length / 2)
    return TRUE;

  plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, line, 0,
                            _("the header announces %" PRIu64 " values, more than the "
                              "file's %zu bytes can hold"),
                            n_values, ctx->length);
  return FALSE;
}

/* The error for a field that is not a usable pressure: not a number at all
 * (@parsed FALSE), or NaN, infinite, negative or absurdly large. */
void
plantar_import_value_error (GError                    **error,
                            const PlantarImportContext *ctx,
                            guint                       line,
                            guint                       column,
                            PlantarSpan                 field,
                            double                      value,
                            gboolean                    parsed)
{
  g_autofree char *text = plantar_span_describe (field);

  if (!parsed && plantar_span_len (field) == 0)
    plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line, column,
                              _("expected a number, found an empty field"));
  else if (!parsed)
    plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line, column,
                              _("expected a number, found “%s”"), text);
  else if (isnan (value))
    plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INVALID_VALUE, line, column,
                              _("“%s” is not a number (NaN); a pressure must be a finite value "
                                "of zero or more"), text);
  else if (isinf (value))
    plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INVALID_VALUE, line, column,
                              _("“%s” is infinite; a pressure must be a finite value of zero or more"),
                              text);
  else if (value < 0)
    plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INVALID_VALUE, line, column,
                              _("negative pressure “%s”; a pressure must be zero or more"), text);
  else
    plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INVALID_VALUE, line, column,
                              _("pressure “%s” is beyond any sensor's range"), text);
}

/* The unit a header names, or an error listing the units Plantar knows. */
const PlantarPressureUnit *
plantar_import_units (const PlantarImportContext *ctx,
                      guint                       line,
                      PlantarSpan                 text,
                      GError                    **error)
{
  const PlantarPressureUnit *unit;

  text = plantar_span_trim (text);
  unit = plantar_pressure_unit_lookup (text.p, plantar_span_len (text));
  if (unit == NULL)
    {
      g_autofree char *known = plantar_pressure_unit_list ();
      g_autofree char *found = plantar_span_dup_utf8 (text);
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_UNKNOWN_UNITS, line, 0,
                                _("unknown pressure unit “%s”; Plantar converts %s"),
                                found, known);
    }
  return unit;
}

GPtrArray *
plantar_import_single (PlantarScan *scan)
{
  GPtrArray *scans = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  g_ptr_array_add (scans, scan);
  return scans;
}

/* Converts every value to kPa (the values were read in @unit). */
void
plantar_import_apply_units (PlantarScan               *scan,
                            const PlantarPressureUnit *unit)
{
  gsize n = (gsize) plantar_scan_get_width (scan) * plantar_scan_get_height (scan);

  plantar_scan_set_original_units (scan, unit->name);
  if (unit->raw)
    {
      plantar_scan_set_value_kind (scan, PLANTAR_VALUE_RAW);
      plantar_scan_add_warning (scan, _("The values are raw sensor readings without calibration: "
                                        "shapes and relative loads are right, kPa are not known."));
      return;
    }

  plantar_scan_set_value_kind (scan, PLANTAR_VALUE_PRESSURE);
  if (unit->to_kpa == 1.0)
    return;

  for (guint f = 0; f < plantar_scan_get_n_frames (scan); f++)
    {
      float *frame = plantar_scan_get_frame_mutable (scan, f);
      float factor = unit->to_kpa;
      for (gsize i = 0; i < n; i++)
        frame[i] *= factor;
    }
}

/* Sets per-frame times and, from their median step, the nominal frame time. */
void
plantar_import_frame_time (PlantarScan  *scan,
                           const double *times_ms,
                           guint         n_times)
{
  g_autofree double *steps = NULL;
  guint n_steps = 0;

  if (n_times < 2)
    return;

  steps = g_new (double, n_times - 1);
  for (guint i = 1; i < n_times; i++)
    if (times_ms[i] > times_ms[i - 1])
      steps[n_steps++] = times_ms[i] - times_ms[i - 1];

  if (n_steps > 0)
    {
      /* median by partial selection: few frames, a simple sort is fine */
      for (guint i = 1; i < n_steps; i++)
        for (guint j = i; j > 0 && steps[j - 1] > steps[j]; j--)
          {
            double t = steps[j];
            steps[j] = steps[j - 1];
            steps[j - 1] = t;
          }
      plantar_scan_set_frame_ms (scan, steps[n_steps / 2]);
    }

  for (guint i = 0; i < n_times; i++)
    plantar_scan_set_frame_time_ms (scan, i, times_ms[i] - times_ms[0]);
}

/* "left", "L", "LF", "Links", "right", "R", "RF", "Rechts" as a side. */
void
plantar_import_set_side_from_text (PlantarScan *scan,
                                   const char  *text)
{
  g_autofree char *lower = NULL;

  if (text == NULL)
    return;
  lower = g_strstrip (g_ascii_strdown (text, -1));
  if (g_str_equal (lower, "l") || g_str_equal (lower, "lf") || g_str_has_prefix (lower, "left") ||
      g_str_has_prefix (lower, "links") || g_str_has_prefix (lower, "gauche"))
    plantar_scan_set_side (scan, PLANTAR_SIDE_LEFT);
  else if (g_str_equal (lower, "r") || g_str_equal (lower, "rf") || g_str_has_prefix (lower, "right") ||
           g_str_has_prefix (lower, "rechts") || g_str_has_prefix (lower, "droit"))
    plantar_scan_set_side (scan, PLANTAR_SIDE_RIGHT);
}

static gboolean
inflate_gzip (PlantarImportContext  *ctx,
              const guint8          *data,
              gsize                  length,
              GBytes               **out,
              GError               **error)
{
  z_stream zs = { 0 };
  guint8 *buffer = NULL;
  gsize capacity;
  gsize used = 0;
  int status;

  /* The gzip trailer holds the size modulo 4 GiB: a good first guess. */
  capacity = length >= 4 ? (gsize) data[length - 4] | (gsize) data[length - 3] << 8 |
                           (gsize) data[length - 2] << 16 | (gsize) data[length - 1] << 24 : 0;
  capacity = CLAMP (capacity + 1, MAX (length * 2, 4096), (gsize) 256 << 20);
  capacity = MIN (capacity, MAX_UNPACKED_BYTES);

  if (inflateInit2 (&zs, 15 + 32) != Z_OK)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_IO, 0, 0,
                                _("cannot start decompressing"));
      return FALSE;
    }

  buffer = g_try_malloc (capacity);
  if (buffer == NULL)
    {
      inflateEnd (&zs);
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0,
                                _("not enough memory to decompress the file"));
      return FALSE;
    }

  zs.next_in = (Bytef *) data;
  do
    {
      gsize chunk_in = MIN (length - (gsize) (zs.next_in - data), (gsize) G_MAXUINT32);

      if (used == capacity)
        {
          guint8 *bigger;
          if (capacity >= MAX_UNPACKED_BYTES)
            {
              inflateEnd (&zs);
              g_free (buffer);
              plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0,
                                        _("the compressed file unpacks to more than 1 GiB, more than any "
                                          "plate's export holds"));
              return FALSE;
            }
          capacity = MIN (capacity * 2, MAX_UNPACKED_BYTES);
          bigger = g_try_realloc (buffer, capacity);
          if (bigger == NULL)
            {
              inflateEnd (&zs);
              g_free (buffer);
              plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TOO_LARGE, 0, 0,
                                        _("not enough memory to decompress the file"));
              return FALSE;
            }
          buffer = bigger;
        }

      zs.avail_in = chunk_in;
      zs.next_out = buffer + used;
      zs.avail_out = MIN (capacity - used, (gsize) G_MAXUINT32);
      status = inflate (&zs, Z_NO_FLUSH);
      used = zs.next_out - buffer;

      if (status == Z_STREAM_END)
        {
          /* several gzip members one after another: carry on with the next */
          gsize consumed = zs.next_in - data;
          if (consumed + 2 <= length && is_gzip (data + consumed, length - consumed))
            {
              inflateReset (&zs);
              status = Z_OK;
            }
        }
    }
  while (status == Z_OK || (status == Z_BUF_ERROR && used == capacity));

  inflateEnd (&zs);

  if (status != Z_STREAM_END)
    {
      g_free (buffer);
      if (status == Z_BUF_ERROR)
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0,
                                  _("the compressed file ends early (after %zu"
                                    " bytes of content); it was cut off while copying"), used);
      else
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, 0, 0,
                                  _("the compressed data is damaged (%s)"),
                                  zs.msg ? zs.msg : "zlib");
      return FALSE;
    }

  *out = g_bytes_new_take (buffer, used);
  return TRUE;
}

/* A file of text and not of binary garbage: no NUL bytes and few control
 * characters in what the sniffer sees. */
static gboolean
looks_like_text (const guint8 *data,
                 gsize         length,
                 gsize        *bad_offset)
{
  gsize n = MIN (length, SNIFF_BYTES);
  gsize control = 0;

  for (gsize i = 0; i < n; i++)
    {
      guint8 c = data[i];
      if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1a))
        {
          if (c == 0 || ++control > n / 200 + 2)
            {
              *bad_offset = i;
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
ends_with_newline (const PlantarImportContext *ctx)
{
  const char *p = ctx->data + ctx->length;

  /* trailing blanks and form feeds after the last newline do not matter */
  while (p > ctx->data && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\f' || p[-1] == 0x1a))
    p--;
  return p > ctx->data && (p[-1] == '\n' || p[-1] == '\r');
}

static void
finish_scans (const PlantarImportContext *ctx,
              const PlantarFormatInfo    *info,
              GPtrArray                  *scans)
{
  const PlantarImportOptions *opts = ctx->options;

  for (guint i = 0; i < scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (scans, i);

      plantar_scan_set_source_file (scan, ctx->path ? ctx->path : ctx->display_name);
      if (plantar_scan_get_format_id (scan) == NULL)
        plantar_scan_set_format (scan, info->id, _(info->name));

      if (opts != NULL && opts->cell_width_mm > 0)
        {
          double h = opts->cell_height_mm > 0 ? opts->cell_height_mm : opts->cell_width_mm;
          if (plantar_scan_has_scale (scan) &&
              (fabs (plantar_scan_get_cell_width_mm (scan) - opts->cell_width_mm) > 1e-6 ||
               fabs (plantar_scan_get_cell_height_mm (scan) - h) > 1e-6))
            plantar_scan_add_warning (scan, _("The file gives cells of %.3g × %.3g mm; "
                                              "%.3g × %.3g mm were used as asked."),
                                      plantar_scan_get_cell_width_mm (scan),
                                      plantar_scan_get_cell_height_mm (scan),
                                      opts->cell_width_mm, h);
          plantar_scan_set_cell_size (scan, opts->cell_width_mm, h);
        }

      if (opts != NULL && opts->bottom_up)
        plantar_scan_flip_rows (scan);

      if (opts != NULL && opts->frame_ms > 0 && plantar_scan_get_n_frames (scan) > 1)
        plantar_scan_set_frame_ms (scan, opts->frame_ms);

      if (plantar_scan_get_n_frames (scan) > 1 && plantar_scan_get_frame_ms (scan) <= 0)
        plantar_scan_add_warning (scan, _("The file does not say how long a frame lasts; "
                                          "times and contact durations are unknown."));

      /* a foot puts at most a few thousand kPa on a plate (a heel strike in
       * a hard shoe); far more is a unit read wrongly or a broken sensor */
      if (plantar_scan_is_pressure (scan) && plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_PRESSURE)
        {
          double lo, hi;
          plantar_scan_get_value_range (scan, &lo, &hi);
          if (hi > IMPLAUSIBLE_KPA)
            plantar_scan_add_warning (scan, _("The highest pressure, %.0f kPa, is far beyond what a foot puts "
                                              "on a plate (a few thousand kPa at most): the file's units may "
                                              "be read wrongly, or a sensor is broken."), hi);
        }

      if (!plantar_scan_has_scale (scan) && plantar_scan_get_scale_hint (scan) != NULL)
        plantar_scan_add_warning (scan, "%s", plantar_scan_get_scale_hint (scan));
      else if (!plantar_scan_has_scale (scan))
        plantar_scan_add_warning (scan, plantar_scan_is_pressure (scan)
                                  ? _("The file does not give the sensor size: give the cell size "
                                      "in millimetres before measuring.")
                                  : _("The image has no scale: calibrate it (two points of a known "
                                      "distance, or the paper size) before measuring."));
    }
}

static GPtrArray *
import_context (PlantarImportContext  *ctx,
                GError               **error)
{
  const guint8 *head = (const guint8 *) ctx->data;
  g_autoptr(GBytes) inflated = NULL;
  const PlantarFormatInfo *info = NULL;
  GPtrArray *scans = NULL;
  gsize bad_offset = 0;

  if (ctx->length == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_EMPTY, 0, 0,
                                _("the file is empty"));
      return NULL;
    }

  if (is_gzip (head, ctx->length))
    {
      if (!inflate_gzip (ctx, head, ctx->length, &inflated, error))
        return NULL;
      ctx->data = g_bytes_get_data (inflated, &ctx->length);
      head = (const guint8 *) ctx->data;
      if (ctx->length == 0)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_EMPTY, 0, 0,
                                    _("the compressed file holds nothing"));
          return NULL;
        }
    }

  /* a byte-order mark, as spreadsheets write it before a CSV: not text */
  if (ctx->length >= 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf)
    {
      ctx->data = (const char *) head + 3;
      ctx->length -= 3;
      head += 3;
    }

  switch (image_kind (head, ctx->length))
    {
    case IMAGE_PNG:
      info = &image_formats[0];
      scans = plantar_load_png (ctx, error);
      break;
    case IMAGE_JPEG:
      info = &image_formats[1];
      scans = plantar_load_jpeg (ctx, error);
      break;
    case IMAGE_PIXBUF:
      info = &image_formats[1];
      scans = plantar_load_pixbuf (ctx, error);
      break;
    case IMAGE_NONE:
    default:
      {
        PlantarSpan span = { ctx->data, ctx->data + MIN (ctx->length, SNIFF_BYTES) };

        if (!looks_like_text (head, ctx->length, &bad_offset))
          {
            plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_UNKNOWN_FORMAT, 0, 0,
                                      _("this is neither an image nor a pressure export Plantar "
                                        "knows: it holds binary data (byte 0x%02X at offset %zu"
                                        ")"), head[bad_offset], bad_offset);
            return NULL;
          }

        if (ctx->length <= SNIFF_BYTES && plantar_span_is_only (span, " \t\r\n\f\v"))
          {
            plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_EMPTY, 0, 0,
                                      _("the file holds only blank lines"));
            return NULL;
          }

        for (guint i = 0; i < G_N_ELEMENTS (formats) && scans == NULL; i++)
          if (formats[i].sniff (span))
            {
              info = &formats[i].info;
              if (formats[i].ends_with_newline && !ends_with_newline (ctx))
                {
                  plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0,
                                            _("the file stops in the middle of a line; %s files "
                                              "end with a complete line, so it was cut short"),
                                            _(info->name));
                  return NULL;
                }
              scans = formats[i].load (ctx, error);
              if (scans == NULL)
                return NULL;
            }

        if (info == NULL)
          {
            plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_UNKNOWN_FORMAT, 0, 0,
                                      _("not a format Plantar knows: expected a footprint image "
                                        "(PNG, JPEG, TIFF, BMP, WebP), a pressure plate export "
                                        "(Tekscan, novel emed or pliance, Zebris, footscan, "
                                        "XSENSOR) or a grid of numbers"));
            return NULL;
          }
      }
    }

  if (scans == NULL)
    return NULL;

  finish_scans (ctx, info, scans);
  return scans;
}

/**
 * plantar_import_pixels:
 * @channels: 1 (grey) or 3 (RGB), 8 bits each
 * @dpi_x: the resolution they were taken at; 0 when unknown
 *
 * Pixels a device gave (a scanner, a camera) read as a picture would be:
 * a print with its scale, a photo of a sheet, or a pressure picture.
 *
 * Returns: (transfer full) (element-type PlantarScan)
 */
GPtrArray *
plantar_import_pixels (guint                       width,
                       guint                       height,
                       guint                       channels,
                       const guint8               *pixels,
                       double                      dpi_x,
                       double                      dpi_y,
                       const char                 *display_name,
                       const PlantarImportOptions *options,
                       GError                    **error)
{
  PlantarImportContext ctx = { NULL, display_name, NULL, 0, NULL, options };
  PlantarPicture picture = { width, height, channels, (guint8 *) pixels, dpi_x, dpi_y, "device", NULL, 1 };
  GPtrArray *scans;

  g_return_val_if_fail (channels == 1 || channels == 3, NULL);
  scans = plantar_import_picture (&ctx, &picture, error);
  if (scans != NULL)
    finish_scans (&ctx, &image_formats[1], scans);
  return scans;
}

/**
 * plantar_import_bytes:
 * @bytes: a whole file
 * @display_name: how messages name it
 *
 * Reads a scan from memory. See plantar_import_file().
 *
 * Returns: (transfer full) (element-type PlantarScan): the scans
 */
GPtrArray *
plantar_import_bytes (GBytes                      *bytes,
                      const char                  *display_name,
                      const PlantarImportOptions  *options,
                      GError                     **error)
{
  PlantarImportContext ctx = { 0 };

  g_return_val_if_fail (bytes != NULL, NULL);

  ctx.display_name = display_name ? display_name : _("scan");
  ctx.bytes = bytes;
  ctx.data = g_bytes_get_data (bytes, &ctx.length);
  ctx.options = options;
  return import_context (&ctx, error);
}

/**
 * plantar_import_file:
 * @path: a file in any format Plantar reads, gzip-compressed or not
 * @options: (nullable): what the user gives where files are silent
 *
 * Reads every scan in a file: usually one, one per sensor for exports that
 * hold several (an XSENSOR pair of insoles). The format is found from the
 * content, never the name.
 *
 * Returns: (transfer full) (element-type PlantarScan): the scans, or %NULL
 *   with @error naming the file, the line and what was expected
 */
GPtrArray *
plantar_import_file (const char                  *path,
                     const PlantarImportOptions  *options,
                     GError                     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display_name = NULL;
  PlantarImportContext ctx = { 0 };

  g_return_val_if_fail (path != NULL, NULL);

  display_name = g_filename_display_basename (path);
  ctx.path = path;
  ctx.display_name = display_name;
  ctx.options = options;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      plantar_import_set_error (error, &ctx, PLANTAR_IMPORT_ERROR_IO, 0, 0,
                                _("this is a folder, not a scan file"));
      return NULL;
    }

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      plantar_import_set_error (error, &ctx, PLANTAR_IMPORT_ERROR_IO, 0, 0,
                                _("cannot read the file: %s"), local_error->message);
      return NULL;
    }

  bytes = g_mapped_file_get_bytes (mapped);
  ctx.bytes = bytes;
  ctx.data = g_bytes_get_data (bytes, &ctx.length);
  if (ctx.data == NULL)
    ctx.length = 0;
  return import_context (&ctx, error);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GFile *file = task_data;
  const PlantarImportOptions *options = g_object_get_data (G_OBJECT (task), "options");
  g_autofree char *path = g_file_get_path (file);
  GError *error = NULL;
  GPtrArray *scans;

  if (path != NULL)
    scans = plantar_import_file (path, options, &error);
  else
    {
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, cancellable, NULL, &error);
      g_autofree char *name = g_file_get_basename (file);
      scans = bytes ? plantar_import_bytes (bytes, name, options, &error) : NULL;
    }

  if (scans == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scans, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * plantar_import_file_async:
 *
 * Imports @file in a worker thread, so that a window never waits on a
 * 50 MB recording.
 */
void
plantar_import_file_async (GFile                      *file,
                           const PlantarImportOptions *options,
                           GCancellable               *cancellable,
                           GAsyncReadyCallback         callback,
                           gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, plantar_import_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  if (options != NULL)
    {
      PlantarImportOptions *copy = g_new0 (PlantarImportOptions, 1);
      *copy = *options;
      copy->units = g_strdup (options->units);
      copy->bottom_up = options->bottom_up;
      g_object_set_data_full (G_OBJECT (task), "units", (gpointer) copy->units, g_free);
      g_object_set_data_full (G_OBJECT (task), "options", copy, g_free);
    }
  g_task_run_in_thread (task, import_thread);
}

GPtrArray *
plantar_import_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

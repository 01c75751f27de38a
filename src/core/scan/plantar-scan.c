/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-scan"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-error.h"
#include "plantar-scan.h"
#include "plantar-sheet.h"
#include "plantar-units.h"

struct _PlantarScan
{
  guint               width;
  guint               height;
  guint               n_frames;
  PlantarValueKind    value_kind;
  PlantarCaptureMode  capture_mode;
  PlantarSide         side;

  double              cell_width_mm;    /* 0 when the scale is unknown */
  double              cell_height_mm;
  double              frame_ms;         /* 0 when unknown */

  float              *values;           /* n_frames * width * height, pressure/raw */
  guint8             *pixels;           /* width * height, intensity */
  guint8             *mask;             /* width * height, 1 = sensor, NULL = all */
  float              *overview;         /* block means of an image, for the analysis */
  guint               overview_factor;
  double             *frame_times;      /* n_frames, ms, NULL = frame index * frame_ms */

  char               *format_id;
  char               *format_name;
  char               *source_file;
  char               *device;
  char               *sensor_name;
  char               *description;
  char               *date;
  char               *subject;
  char               *original_units;
  guint               in_shoe : 1;
  guint               units_assumed : 1;
  PlantarEdges        open_edges;       /* where the plate goes on past the grid */
  PlantarScan        *photo;            /* rectified from this photo, or NULL */
  PlantarSheet       *sheet;            /* with this sheet */
  char               *scale_hint;       /* why an image has no scale, for the user */
  guint8             *rgb;              /* a photo's colours, to show it (width × height × 3), or NULL */

  GPtrArray          *warnings;
};

G_DEFINE_BOXED_TYPE (PlantarScan, plantar_scan, plantar_scan_ref, plantar_scan_unref)

static void
plantar_scan_clear (gpointer data)
{
  PlantarScan *self = data;

  g_free (self->values);
  g_free (self->pixels);
  g_free (self->mask);
  g_free (self->overview);
  g_free (self->frame_times);
  g_free (self->format_id);
  g_free (self->format_name);
  g_free (self->source_file);
  g_free (self->device);
  g_free (self->sensor_name);
  g_free (self->description);
  g_free (self->date);
  g_free (self->subject);
  g_free (self->original_units);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->photo, plantar_scan_unref);
  g_free (self->sheet);
  g_free (self->scale_hint);
  g_free (self->rgb);
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

/**
 * plantar_scan_check_size:
 *
 * Refuses sizes Plantar will not allocate: more than
 * %PLANTAR_SCAN_MAX_SIDE cells in either direction, or more than
 * %PLANTAR_SCAN_MAX_BYTES bytes of values. Importers call it with the sizes
 * a file's header announces, before anything is allocated.
 */
gboolean
plantar_scan_check_size (guint64   width,
                         guint64   height,
                         guint64   n_frames,
                         guint     bytes_per_value,
                         GError  **error)
{
  if (width == 0 || height == 0 || n_frames == 0)
    {
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_EMPTY,
                   _("the scan has no cells (%" PRIu64 " × %" PRIu64
                     ", %" PRIu64 " frames)"),
                   width, height, n_frames);
      return FALSE;
    }

  if (width > PLANTAR_SCAN_MAX_SIDE || height > PLANTAR_SCAN_MAX_SIDE)
    {
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_TOO_LARGE,
                   _("a grid of %" PRIu64 " × %" PRIu64
                     " cells is larger than the %u × %u Plantar accepts"),
                   width, height, PLANTAR_SCAN_MAX_SIDE, PLANTAR_SCAN_MAX_SIDE);
      return FALSE;
    }

  /* width and height are at most 2^14 each, so their product fits easily;
   * check the frame count against what is left before multiplying. */
  if (n_frames > PLANTAR_SCAN_MAX_BYTES / (width * height * bytes_per_value))
    {
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_TOO_LARGE,
                   _("%" PRIu64 " frames of %" PRIu64 " × %" PRIu64
                     " cells need more than the 4 GiB of memory Plantar allows for a scan"),
                   n_frames, width, height);
      return FALSE;
    }

  return TRUE;
}

static PlantarScan *
plantar_scan_alloc (guint width,
                    guint height,
                    guint n_frames)
{
  PlantarScan *self = g_atomic_rc_box_new0 (PlantarScan);

  self->width = width;
  self->height = height;
  self->n_frames = n_frames;
  self->capture_mode = n_frames > 1 ? PLANTAR_CAPTURE_DYNAMIC : PLANTAR_CAPTURE_STATIC;
  return self;
}

static gpointer
try_alloc0 (gsize    n_bytes,
            GError **error)
{
  gpointer mem = g_try_malloc0 (n_bytes);

  if (mem == NULL)
    g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_TOO_LARGE,
                 _("not enough memory for %zu MB of values"),
                 n_bytes >> 20);
  return mem;
}

/**
 * plantar_scan_new_pressure:
 *
 * A pressure scan of @n_frames frames of @width × @height cells, every value
 * 0 kPa and every cell a sensor. The scale is unknown until set.
 */
PlantarScan *
plantar_scan_new_pressure (guint    width,
                           guint    height,
                           guint    n_frames,
                           GError **error)
{
  g_autoptr(PlantarScan) self = NULL;

  if (!plantar_scan_check_size (width, height, n_frames, sizeof (float), error))
    return NULL;

  self = plantar_scan_alloc (width, height, n_frames);
  self->value_kind = PLANTAR_VALUE_PRESSURE;
  self->values = try_alloc0 ((gsize) width * height * n_frames * sizeof (float), error);
  if (self->values == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * plantar_scan_new_pressure_take:
 * @values: (transfer full): @n_frames × @width × @height floats from g_malloc()
 *
 * Like plantar_scan_new_pressure(), adopting values an importer has already
 * read, so that a large recording is never held twice.
 */
PlantarScan *
plantar_scan_new_pressure_take (guint    width,
                                guint    height,
                                guint    n_frames,
                                float   *values,
                                GError **error)
{
  PlantarScan *self;

  if (!plantar_scan_check_size (width, height, n_frames, sizeof (float), error))
    {
      g_free (values);
      return NULL;
    }

  self = plantar_scan_alloc (width, height, n_frames);
  self->value_kind = PLANTAR_VALUE_PRESSURE;
  self->values = values;
  return self;
}

/**
 * plantar_scan_new_image:
 *
 * A footprint image of @width × @height 8-bit grey pixels (all black until
 * filled). The scale is unknown until set.
 */
PlantarScan *
plantar_scan_new_image (guint    width,
                        guint    height,
                        GError **error)
{
  g_autoptr(PlantarScan) self = NULL;

  if (!plantar_scan_check_size (width, height, 1, 1, error))
    return NULL;

  self = plantar_scan_alloc (width, height, 1);
  self->value_kind = PLANTAR_VALUE_INTENSITY;
  self->pixels = g_try_malloc ((gsize) width * height);
  if (self->pixels == NULL)
    {
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_TOO_LARGE,
                   _("not enough memory for an image of %u × %u pixels"), width, height);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * plantar_scan_copy:
 *
 * A scan of its own with the same values and everything said of them, to
 * change (its scale, say) while others go on reading @self.
 */
PlantarScan *
plantar_scan_copy (const PlantarScan *self)
{
  PlantarScan *copy = g_atomic_rc_box_dup (sizeof (PlantarScan), (gpointer) self);
  gsize cells = (gsize) self->width * self->height;

  copy->values = self->values ? g_memdup2 (self->values, cells * self->n_frames * sizeof (float)) : NULL;
  copy->pixels = self->pixels ? g_memdup2 (self->pixels, cells) : NULL;
  copy->mask = self->mask ? g_memdup2 (self->mask, cells) : NULL;
  copy->overview = NULL;
  copy->overview_factor = 0;
  copy->frame_times = self->frame_times ? g_memdup2 (self->frame_times, self->n_frames * sizeof (double)) : NULL;
  copy->format_id = g_strdup (self->format_id);
  copy->format_name = g_strdup (self->format_name);
  copy->source_file = g_strdup (self->source_file);
  copy->device = g_strdup (self->device);
  copy->sensor_name = g_strdup (self->sensor_name);
  copy->description = g_strdup (self->description);
  copy->date = g_strdup (self->date);
  copy->subject = g_strdup (self->subject);
  copy->original_units = g_strdup (self->original_units);
  copy->warnings = self->warnings ? g_ptr_array_copy (self->warnings, (GCopyFunc) g_strdup, NULL) : NULL;
  if (copy->warnings)
    g_ptr_array_set_free_func (copy->warnings, g_free);
  copy->photo = self->photo ? plantar_scan_ref (self->photo) : NULL;
  copy->sheet = self->sheet ? g_memdup2 (self->sheet, sizeof *self->sheet) : NULL;
  copy->scale_hint = g_strdup (self->scale_hint);
  copy->rgb = self->rgb ? g_memdup2 (self->rgb, cells * 3) : NULL;
  return copy;
}

PlantarScan *
plantar_scan_ref (PlantarScan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
plantar_scan_unref (PlantarScan *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, plantar_scan_clear);
}

guint
plantar_scan_get_width (const PlantarScan *self)
{
  return self->width;
}

guint
plantar_scan_get_height (const PlantarScan *self)
{
  return self->height;
}

guint
plantar_scan_get_n_frames (const PlantarScan *self)
{
  return self->n_frames;
}

gboolean
plantar_scan_has_scale (const PlantarScan *self)
{
  return self->cell_width_mm > 0 && self->cell_height_mm > 0;
}

double
plantar_scan_get_cell_width_mm (const PlantarScan *self)
{
  return self->cell_width_mm;
}

double
plantar_scan_get_cell_height_mm (const PlantarScan *self)
{
  return self->cell_height_mm;
}

void
plantar_scan_set_cell_size (PlantarScan *self,
                            double       width_mm,
                            double       height_mm)
{
  g_return_if_fail (isfinite (width_mm) && width_mm > 0);
  g_return_if_fail (isfinite (height_mm) && height_mm > 0);

  self->cell_width_mm = width_mm;
  self->cell_height_mm = height_mm;
}

/* Back to no scale: a calibration undone. */
void
plantar_scan_clear_cell_size (PlantarScan *self)
{
  self->cell_width_mm = 0;
  self->cell_height_mm = 0;
}

/**
 * plantar_scan_flip_rows:
 *
 * Turns the rows upside down, for exports whose first row is the bottom
 * of the plate (as seen from above).
 */
void
plantar_scan_flip_rows (PlantarScan *self)
{
  gsize row = self->pixels ? self->width : self->width * sizeof (float);
  g_autofree guint8 *tmp = g_malloc (row);

  for (guint f = 0; f < self->n_frames; f++)
    {
      guint8 *base = self->pixels ? self->pixels : (guint8 *) (self->values + (gsize) f * self->width * self->height);
      for (guint y = 0; y < self->height / 2; y++)
        {
          guint8 *a = base + (gsize) y * row, *b = base + (gsize) (self->height - 1 - y) * row;
          memcpy (tmp, a, row);
          memcpy (a, b, row);
          memcpy (b, tmp, row);
        }
    }
  if (self->mask != NULL)
    for (guint y = 0; y < self->height / 2; y++)
      {
        guint8 *a = self->mask + (gsize) y * self->width, *b = self->mask + (gsize) (self->height - 1 - y) * self->width;
        memcpy (tmp, a, self->width);
        memcpy (a, b, self->width);
        memcpy (b, tmp, self->width);
      }
  g_clear_pointer (&self->overview, g_free);
  /* the top is the bottom now */
  self->open_edges = (self->open_edges & (PLANTAR_EDGE_LEFT | PLANTAR_EDGE_RIGHT)) |
                     (self->open_edges & PLANTAR_EDGE_TOP ? PLANTAR_EDGE_BOTTOM : 0) |
                     (self->open_edges & PLANTAR_EDGE_BOTTOM ? PLANTAR_EDGE_TOP : 0);
}

void
plantar_scan_clear_scale (PlantarScan *self)
{
  self->cell_width_mm = 0;
  self->cell_height_mm = 0;
}

/**
 * plantar_scan_calibrate_two_points:
 * @x1, @y1, @x2, @y2: two points in cells (pixels)
 * @distance_mm: the real distance between them
 *
 * Sets a square cell size from a known distance, as when the user clicks
 * both ends of a ruler's 100 mm in a scanned image.
 */
gboolean
plantar_scan_calibrate_two_points (PlantarScan  *self,
                                   double        x1,
                                   double        y1,
                                   double        x2,
                                   double        y2,
                                   double        distance_mm,
                                   GError      **error)
{
  double cells = hypot (x2 - x1, y2 - y1);

  if (!isfinite (distance_mm) || distance_mm <= 0)
    {
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
                   _("The distance must be a positive number of millimetres."));
      return FALSE;
    }

  if (!isfinite (cells) || cells < 10)
    {
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
                   _("The two points are only %.1f pixels apart; pick points at least "
                     "10 pixels apart, ideally the ends of a long ruler."), cells);
      return FALSE;
    }

  plantar_scan_set_cell_size (self, distance_mm / cells, distance_mm / cells);
  return TRUE;
}

/**
 * plantar_scan_calibrate_paper:
 *
 * Sets the scale from the paper the whole image shows (a flatbed scan of an
 * A4 sheet, say). Portrait or landscape follows the image. The image must
 * have the paper's proportions within 3 %, otherwise it is not the whole sheet.
 */
gboolean
plantar_scan_calibrate_paper (PlantarScan  *self,
                              double        paper_width_mm,
                              double        paper_height_mm,
                              GError      **error)
{
  double short_mm = MIN (paper_width_mm, paper_height_mm);
  double long_mm = MAX (paper_width_mm, paper_height_mm);
  double short_px = MIN (self->width, self->height);
  double long_px = MAX (self->width, self->height);
  double mm_short, mm_long;

  if (!(short_mm > 0) || !isfinite (long_mm))
    {
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
                   _("The paper size must be positive."));
      return FALSE;
    }

  mm_short = short_mm / short_px;
  mm_long = long_mm / long_px;
  if (fabs (mm_short - mm_long) / mm_long > 0.03)
    {
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
                   _("The image (%u × %u pixels) does not have the proportions of a "
                     "%.0f × %.0f mm sheet; it seems cropped. Calibrate with two points "
                     "of a known distance instead."),
                   self->width, self->height, short_mm, long_mm);
      return FALSE;
    }

  plantar_scan_set_cell_size (self, (mm_short + mm_long) / 2, (mm_short + mm_long) / 2);
  return TRUE;
}

PlantarValueKind
plantar_scan_get_value_kind (const PlantarScan *self)
{
  return self->value_kind;
}

void
plantar_scan_set_value_kind (PlantarScan      *self,
                             PlantarValueKind  kind)
{
  g_return_if_fail ((kind == PLANTAR_VALUE_INTENSITY) == (self->pixels != NULL));
  self->value_kind = kind;
}

gboolean
plantar_scan_is_pressure (const PlantarScan *self)
{
  return self->values != NULL;
}

const float *
plantar_scan_get_frame (const PlantarScan *self,
                        guint              frame)
{
  g_return_val_if_fail (self->values != NULL, NULL);
  g_return_val_if_fail (frame < self->n_frames, NULL);

  return self->values + (gsize) frame * self->width * self->height;
}

float *
plantar_scan_get_frame_mutable (PlantarScan *self,
                                guint        frame)
{
  return (float *) plantar_scan_get_frame (self, frame);
}

/**
 * plantar_scan_get_overview:
 * @factor: the side of the blocks, in pixels
 *
 * An image's mean grey over blocks of @factor × @factor pixels (partial
 * blocks at the right and bottom edges are averaged over what they hold).
 * Computed once and kept; the PNG importer hands it over while decoding.
 */
const float *
plantar_scan_get_overview (PlantarScan *self,
                           guint        factor,
                           guint       *width,
                           guint       *height)
{
  guint ow, oh;

  g_return_val_if_fail (self->pixels != NULL && factor >= 1, NULL);

  ow = (self->width + factor - 1) / factor;
  oh = (self->height + factor - 1) / factor;
  *width = ow;
  *height = oh;
  if (self->overview != NULL && self->overview_factor == factor)
    return self->overview;

  g_free (self->overview);
  self->overview = g_new0 (float, (gsize) ow * oh);
  self->overview_factor = factor;
  {
    /* column sums over a band of rows (one add per pixel into 16 bits,
     * which the compiler vectorises), then the band's blocks */
    g_autofree guint16 *cols = g_new (guint16, self->width);
    guint band = MIN (factor, 255);
    for (guint by = 0; by < oh; by++)
      {
        guint y0 = by * factor, y1 = MIN (y0 + factor, self->height);
        g_autofree guint32 *wide = NULL;
        if (band < factor)
          wide = g_new0 (guint32, self->width);
        memset (cols, 0, self->width * sizeof (guint16));
        for (guint y = y0; y < y1; y++)
          {
            const guint8 *restrict row = self->pixels + (gsize) y * self->width;
            guint16 *restrict c = cols;
            for (guint x = 0; x < self->width; x++)
              c[x] += row[x];
            if (wide != NULL && (y - y0 + 1) % band == 0)
              for (guint x = 0; x < self->width; x++)
                {
                  wide[x] += cols[x];
                  cols[x] = 0;
                }
          }
        for (guint bx = 0; bx < ow; bx++)
          {
            guint x0 = bx * factor, x1 = MIN (x0 + factor, self->width);
            guint32 s = 0;
            for (guint x = x0; x < x1; x++)
              s += cols[x] + (wide ? wide[x] : 0);
            self->overview[(gsize) by * ow + bx] = (float) s / ((x1 - x0) * (y1 - y0));
          }
      }
  }
  return self->overview;
}

/* For importers that computed the overview on the way. */
void
plantar_scan_take_overview (PlantarScan *self,
                            guint        factor,
                            float       *overview)
{
  g_free (self->overview);
  self->overview = overview;
  self->overview_factor = factor;
}

const guint8 *
plantar_scan_get_pixels (const PlantarScan *self)
{
  return self->pixels;
}

guint8 *
plantar_scan_get_pixels_mutable (PlantarScan *self)
{
  return self->pixels;
}

double
plantar_scan_get_value (const PlantarScan *self,
                        guint              frame,
                        guint              x,
                        guint              y)
{
  g_return_val_if_fail (x < self->width && y < self->height, 0);

  if (self->pixels != NULL)
    return self->pixels[(gsize) y * self->width + x];

  g_return_val_if_fail (frame < self->n_frames, 0);
  return self->values[((gsize) frame * self->height + y) * self->width + x];
}

/**
 * plantar_scan_compute_peak:
 *
 * The largest value of each cell over all frames (the peak-pressure map).
 * For an image, a copy of the intensities as floats.
 *
 * Returns: (transfer full): width × height floats, free with g_free()
 */
float *
plantar_scan_compute_peak (const PlantarScan *self)
{
  gsize n = (gsize) self->width * self->height;
  float *peak = g_new (float, n);

  if (self->pixels != NULL)
    {
      for (gsize i = 0; i < n; i++)
        peak[i] = self->pixels[i];
      return peak;
    }

  memcpy (peak, self->values, n * sizeof (float));
  for (guint f = 1; f < self->n_frames; f++)
    {
      const float *frame = self->values + (gsize) f * n;
      for (gsize i = 0; i < n; i++)
        peak[i] = MAX (peak[i], frame[i]);
    }
  return peak;
}

/**
 * plantar_scan_get_value_range:
 *
 * The smallest and largest value over every frame and every sensor cell.
 */
void
plantar_scan_get_value_range (const PlantarScan *self,
                              double            *min_value,
                              double            *max_value)
{
  gsize n = (gsize) self->width * self->height;
  float lo = G_MAXFLOAT, hi = -G_MAXFLOAT;

  if (self->pixels != NULL)
    {
      guint8 plo = 255, phi = 0;
      for (gsize i = 0; i < n; i++)
        {
          plo = MIN (plo, self->pixels[i]);
          phi = MAX (phi, self->pixels[i]);
        }
      lo = plo;
      hi = phi;
    }
  else
    {
      for (guint f = 0; f < self->n_frames; f++)
        {
          const float *frame = self->values + (gsize) f * n;
          for (gsize i = 0; i < n; i++)
            {
              if (self->mask != NULL && !self->mask[i])
                continue;
              lo = MIN (lo, frame[i]);
              hi = MAX (hi, frame[i]);
            }
        }
      if (lo > hi)
        lo = hi = 0;
    }

  if (min_value)
    *min_value = lo;
  if (max_value)
    *max_value = hi;
}

const guint8 *
plantar_scan_get_mask (const PlantarScan *self)
{
  return self->mask;
}

/**
 * plantar_scan_ensure_mask:
 *
 * Returns the sensor mask, creating it (every cell a sensor) if there was
 * none, for an importer to clear the cells that hold no sensor.
 */
guint8 *
plantar_scan_ensure_mask (PlantarScan *self)
{
  if (self->mask == NULL)
    {
      gsize n = (gsize) self->width * self->height;
      self->mask = g_malloc (n);
      memset (self->mask, 1, n);
    }
  return self->mask;
}

gboolean
plantar_scan_cell_present (const PlantarScan *self,
                           guint              x,
                           guint              y)
{
  if (x >= self->width || y >= self->height)
    return FALSE;
  return self->mask == NULL || self->mask[(gsize) y * self->width + x] != 0;
}

guint
plantar_scan_count_sensors (const PlantarScan *self)
{
  gsize n = (gsize) self->width * self->height;
  guint count = 0;

  if (self->mask == NULL)
    return n;
  for (gsize i = 0; i < n; i++)
    count += self->mask[i] != 0;
  return count;
}

/**
 * plantar_scan_count_active:
 *
 * For pressure scans, the number of sensor cells loaded above zero in at
 * least one frame; for images, every pixel.
 */
guint
plantar_scan_count_active (const PlantarScan *self)
{
  gsize n = (gsize) self->width * self->height;
  g_autofree float *peak = NULL;
  guint count = 0;

  if (self->pixels != NULL)
    return n;

  peak = plantar_scan_compute_peak (self);
  for (gsize i = 0; i < n; i++)
    if ((self->mask == NULL || self->mask[i]) && peak[i] > 0)
      count++;
  return count;
}

double
plantar_scan_get_frame_ms (const PlantarScan *self)
{
  return self->frame_ms;
}

void
plantar_scan_set_frame_ms (PlantarScan *self,
                           double       frame_ms)
{
  g_return_if_fail (isfinite (frame_ms) && frame_ms >= 0);
  self->frame_ms = frame_ms;
}

double
plantar_scan_get_frame_time_ms (const PlantarScan *self,
                                guint              frame)
{
  g_return_val_if_fail (frame < self->n_frames, 0);

  if (self->frame_times != NULL)
    return self->frame_times[frame];
  return frame * self->frame_ms;
}

void
plantar_scan_set_frame_time_ms (PlantarScan *self,
                                guint        frame,
                                double       time_ms)
{
  g_return_if_fail (frame < self->n_frames);

  if (self->frame_times == NULL)
    {
      self->frame_times = g_new (double, self->n_frames);
      for (guint i = 0; i < self->n_frames; i++)
        self->frame_times[i] = i * self->frame_ms;
    }
  self->frame_times[frame] = time_ms;
}

PlantarCaptureMode
plantar_scan_get_capture_mode (const PlantarScan *self)
{
  return self->capture_mode;
}

void
plantar_scan_set_capture_mode (PlantarScan        *self,
                               PlantarCaptureMode  mode)
{
  self->capture_mode = mode;
}

const char *
plantar_scan_get_format_id (const PlantarScan *self)
{
  return self->format_id;
}

const char *
plantar_scan_get_format_name (const PlantarScan *self)
{
  return self->format_name;
}

void
plantar_scan_set_format (PlantarScan *self,
                         const char  *format_id,
                         const char  *format_name)
{
  replace_string (&self->format_id, format_id);
  replace_string (&self->format_name, format_name);
}

const char *
plantar_scan_get_source_file (const PlantarScan *self)
{
  return self->source_file;
}

void
plantar_scan_set_source_file (PlantarScan *self,
                              const char  *path)
{
  replace_string (&self->source_file, path);
}

const char *
plantar_scan_get_device (const PlantarScan *self)
{
  return self->device;
}

void
plantar_scan_set_device (PlantarScan *self,
                         const char  *device)
{
  replace_string (&self->device, device);
}

const char *
plantar_scan_get_sensor_name (const PlantarScan *self)
{
  return self->sensor_name;
}

void
plantar_scan_set_sensor_name (PlantarScan *self,
                              const char  *name)
{
  replace_string (&self->sensor_name, name);
}

const char *
plantar_scan_get_description (const PlantarScan *self)
{
  return self->description;
}

void
plantar_scan_set_description (PlantarScan *self,
                              const char  *description)
{
  replace_string (&self->description, description);
}

const char *
plantar_scan_get_date (const PlantarScan *self)
{
  return self->date;
}

void
plantar_scan_set_date (PlantarScan *self,
                       const char  *date)
{
  replace_string (&self->date, date);
}

const char *
plantar_scan_get_subject (const PlantarScan *self)
{
  return self->subject;
}

void
plantar_scan_set_subject (PlantarScan *self,
                          const char  *subject)
{
  replace_string (&self->subject, subject);
}

PlantarSide
plantar_scan_get_side (const PlantarScan *self)
{
  return self->side;
}

void
plantar_scan_set_side (PlantarScan *self,
                       PlantarSide  side)
{
  self->side = side;
}

const char *
plantar_scan_get_original_units (const PlantarScan *self)
{
  return self->original_units;
}

void
plantar_scan_set_original_units (PlantarScan *self,
                                 const char  *units)
{
  replace_string (&self->original_units, units);
}

gboolean
plantar_scan_get_in_shoe (const PlantarScan *self)
{
  return self->in_shoe;
}

void
plantar_scan_set_in_shoe (PlantarScan *self,
                          gboolean     in_shoe)
{
  self->in_shoe = !!in_shoe;
}

/* The edges of the grid that are not the plate's: an export of a window
 * of a larger plate, where a foot that reaches the grid's edge is not cut
 * off by the plate. */
PlantarEdges
plantar_scan_get_open_edges (const PlantarScan *self)
{
  return self->open_edges;
}

void
plantar_scan_set_open_edges (PlantarScan  *self,
                             PlantarEdges  edges)
{
  self->open_edges = edges;
}

gboolean
plantar_scan_get_units_assumed (const PlantarScan *self)
{
  return self->units_assumed;
}

void
plantar_scan_set_units_assumed (PlantarScan *self,
                                gboolean     assumed)
{
  self->units_assumed = !!assumed;
}

/**
 * plantar_scan_set_units:
 * @units: what the file's values really were ("N/cm2", "mmHg", "raw"...)
 *
 * For a scan whose units were assumed (a grid without "# units:"), says
 * what they were: the values are converted from @units to kPa, once.
 */
gboolean
plantar_scan_set_units (PlantarScan  *self,
                        const char   *units,
                        GError      **error)
{
  const PlantarPressureUnit *unit = plantar_pressure_unit_lookup (units, -1);
  gsize n = (gsize) self->width * self->height * self->n_frames;

  if (!self->units_assumed || self->values == NULL)
    {
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_UNITS,
                   _("The file states its units; they cannot be changed."));
      return FALSE;
    }
  if (unit == NULL)
    {
      g_autofree char *known = plantar_pressure_unit_list ();
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_UNITS,
                   _("Unknown pressure unit “%s”; Plantar converts %s"), units, known);
      return FALSE;
    }

  if (unit->raw)
    self->value_kind = PLANTAR_VALUE_RAW;
  else
    for (gsize i = 0; i < n; i++)
      self->values[i] *= unit->to_kpa;

  replace_string (&self->original_units, unit->name);
  self->units_assumed = FALSE;
  return TRUE;
}

void
plantar_scan_add_warning (PlantarScan *self,
                          const char  *format,
                          ...)
{
  va_list args;

  if (self->warnings == NULL)
    self->warnings = g_ptr_array_new_with_free_func (g_free);

  va_start (args, format);
  g_ptr_array_add (self->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

guint
plantar_scan_get_n_warnings (const PlantarScan *self)
{
  return self->warnings ? self->warnings->len : 0;
}

const char *
plantar_scan_get_warning (const PlantarScan *self,
                          guint              index)
{
  g_return_val_if_fail (index < plantar_scan_get_n_warnings (self), NULL);
  return g_ptr_array_index (self->warnings, index);
}

const char *
plantar_side_to_string (PlantarSide side)
{
  switch (side)
    {
    case PLANTAR_SIDE_LEFT:
      return "left";
    case PLANTAR_SIDE_RIGHT:
      return "right";
    case PLANTAR_SIDE_UNKNOWN:
    default:
      return "unknown";
    }
}

const char *
plantar_value_kind_to_string (PlantarValueKind kind)
{
  switch (kind)
    {
    case PLANTAR_VALUE_PRESSURE:
      return "pressure";
    case PLANTAR_VALUE_RAW:
      return "raw";
    case PLANTAR_VALUE_INTENSITY:
    default:
      return "intensity";
    }
}

const char *
plantar_capture_mode_to_string (PlantarCaptureMode mode)
{
  return mode == PLANTAR_CAPTURE_DYNAMIC ? "dynamic" : "static";
}

/* ------------------------------------------------------------ photos */

PlantarScan *
plantar_scan_get_photo (const PlantarScan *self)
{
  return self->photo;
}

const PlantarSheet *
plantar_scan_get_sheet (const PlantarScan *self)
{
  return self->sheet;
}

/* Remembers that @self is the sheet of @photo, rectified. */
void
plantar_scan_set_photo (PlantarScan        *self,
                        PlantarScan        *photo,
                        const PlantarSheet *sheet)
{
  g_return_if_fail (photo != self);
  g_clear_pointer (&self->photo, plantar_scan_unref);
  g_clear_pointer (&self->sheet, g_free);
  if (photo != NULL)
    {
      self->photo = plantar_scan_ref (photo);
      self->sheet = g_memdup2 (sheet, sizeof *sheet);
    }
}

/* Why the scan has no scale, when it was looked for (a photo in which no
 * sheet of paper was found): said with the request to calibrate. */
const char *
plantar_scan_get_scale_hint (const PlantarScan *self)
{
  return self->scale_hint;
}

void
plantar_scan_set_scale_hint (PlantarScan *self,
                             const char  *hint)
{
  replace_string (&self->scale_hint, hint);
}

/* A photo's colours, to show it as it was taken: the measuring goes by its
 * grey. */
const guint8 *
plantar_scan_get_rgb (const PlantarScan *self)
{
  return self->rgb;
}

/* @rgb: (transfer full): width × height × 3 bytes from g_malloc () */
void
plantar_scan_take_rgb (PlantarScan *self,
                       guint8      *rgb)
{
  g_free (self->rgb);
  self->rgb = rgb;
}

/* The unit a pressure scan's values are in, for labels: kPa, or what
 * uncalibrated values are ("% of scale" for a colour picture, "raw"). */
const char *
plantar_scan_get_value_unit (const PlantarScan *self)
{
  if (self->value_kind == PLANTAR_VALUE_PRESSURE)
    return _("kPa");
  if (self->value_kind == PLANTAR_VALUE_RAW && g_strcmp0 (self->format_id, "colour-picture") == 0)
    /* TRANSLATORS: relative pressure, as a share of the top of a picture's colour scale */
    return _("%");
  if (self->value_kind == PLANTAR_VALUE_RAW)
    return _("raw");
  return _("grey level");
}

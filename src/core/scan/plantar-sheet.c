/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-error.h"
#include "plantar-sheet.h"

/* The rectified sheet is sampled no finer than this (mm per pixel): the
 * analysis works on blocks of about 0.3 mm. */
#define FINEST_MM   0.25
/* Left off each side of the rectified sheet: its edge in the photo is
 * half paper, half floor. */
#define INSET_MM    1.0

static double
cross (double ax,
       double ay,
       double bx,
       double by)
{
  return ax * by - ay * bx;
}

/**
 * plantar_sheet_check:
 *
 * Whether @sheet can be a sheet of paper seen in a photo of that size:
 * a known size, four corners in (or just beyond) the photo, clockwise
 * round a convex quadrilateral from its top-left.
 */
gboolean
plantar_sheet_check (const PlantarSheet *sheet,
                     guint               photo_width,
                     guint               photo_height,
                     GError            **error)
{
  double margin = 0.25 * MAX (photo_width, photo_height);

  if (!(sheet->width_mm >= 50 && sheet->width_mm <= 1500 && sheet->height_mm >= 50 && sheet->height_mm <= 1500))
    {
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
                   _("A sheet of %.0f × %.0f mm is not a sheet of paper: expected 50 to 1500 mm a side"),
                   sheet->width_mm, sheet->height_mm);
      return FALSE;
    }
  for (guint i = 0; i < PLANTAR_SHEET_N_CORNERS; i++)
    {
      guint j = (i + 1) % PLANTAR_SHEET_N_CORNERS, k = (i + 2) % PLANTAR_SHEET_N_CORNERS;
      double c;

      if (!isfinite (sheet->x[i]) || !isfinite (sheet->y[i]) ||
          sheet->x[i] < -margin || sheet->y[i] < -margin ||
          sheet->x[i] > photo_width + margin || sheet->y[i] > photo_height + margin)
        {
          g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
                       _("A corner of the sheet lies far outside the photo (%.0f, %.0f)"), sheet->x[i], sheet->y[i]);
          return FALSE;
        }
      c = cross (sheet->x[j] - sheet->x[i], sheet->y[j] - sheet->y[i],
                 sheet->x[k] - sheet->x[j], sheet->y[k] - sheet->y[j]);
      /* round the sheet clockwise as the photo shows it: the other way
       * round, the print would be measured mirrored */
      if (!(c > 1e-6))
        {
          g_set_error_literal (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
                               _("The sheet's corners do not make a four-sided shape: drag each to a corner of the sheet"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Solves the n × n system a · x = b (a row-major, destroyed) by Gaussian
 * elimination with partial pivoting. */
static gboolean
solve (double *a,
       double *b,
       int     n)
{
  for (int col = 0; col < n; col++)
    {
      int pivot = col;
      for (int r = col + 1; r < n; r++)
        if (fabs (a[r * n + col]) > fabs (a[pivot * n + col]))
          pivot = r;
      if (fabs (a[pivot * n + col]) < 1e-12)
        return FALSE;
      if (pivot != col)
        {
          for (int c = 0; c < n; c++)
            {
              double t = a[col * n + c];
              a[col * n + c] = a[pivot * n + c];
              a[pivot * n + c] = t;
            }
          {
            double t = b[col];
            b[col] = b[pivot];
            b[pivot] = t;
          }
        }
      for (int r = col + 1; r < n; r++)
        {
          double f = a[r * n + col] / a[col * n + col];
          for (int c = col; c < n; c++)
            a[r * n + c] -= f * a[col * n + c];
          b[r] -= f * b[col];
        }
    }
  for (int r = n - 1; r >= 0; r--)
    {
      double s = b[r];
      for (int c = r + 1; c < n; c++)
        s -= a[r * n + c] * b[c];
      b[r] = s / a[r * n + r];
    }
  return TRUE;
}

/**
 * plantar_sheet_homography:
 *
 * The homography taking the sheet's millimetres (0,0 its top-left corner,
 * u to the right, v down) to the photo's pixels, through its four corners.
 */
gboolean
plantar_sheet_homography (const PlantarSheet *sheet,
                          PlantarHomography  *h)
{
  const double u[4] = { 0, sheet->width_mm, sheet->width_mm, 0 };
  const double v[4] = { 0, 0, sheet->height_mm, sheet->height_mm };
  double a[64] = { 0 }, b[8];

  for (int i = 0; i < 4; i++)
    {
      double *r0 = a + (2 * i) * 8, *r1 = a + (2 * i + 1) * 8;
      r0[0] = u[i]; r0[1] = v[i]; r0[2] = 1;
      r0[6] = -u[i] * sheet->x[i]; r0[7] = -v[i] * sheet->x[i];
      b[2 * i] = sheet->x[i];
      r1[3] = u[i]; r1[4] = v[i]; r1[5] = 1;
      r1[6] = -u[i] * sheet->y[i]; r1[7] = -v[i] * sheet->y[i];
      b[2 * i + 1] = sheet->y[i];
    }
  if (!solve (a, b, 8))
    return FALSE;
  memcpy (h->h, b, sizeof b);
  h->h[8] = 1;
  return TRUE;
}

void
plantar_homography_apply (const PlantarHomography *h,
                          double                   u,
                          double                   v,
                          double                  *x,
                          double                  *y)
{
  const double *m = h->h;
  double w = m[6] * u + m[7] * v + m[8];

  *x = (m[0] * u + m[1] * v + m[2]) / w;
  *y = (m[3] * u + m[4] * v + m[5]) / w;
}

gboolean
plantar_homography_invert (const PlantarHomography *h,
                           PlantarHomography       *inverse)
{
  const double *m = h->h;
  double *o = inverse->h;
  double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
               m[2] * (m[3] * m[7] - m[4] * m[6]);

  if (fabs (det) < 1e-15)
    return FALSE;
  o[0] = (m[4] * m[8] - m[5] * m[7]) / det;
  o[1] = (m[2] * m[7] - m[1] * m[8]) / det;
  o[2] = (m[1] * m[5] - m[2] * m[4]) / det;
  o[3] = (m[5] * m[6] - m[3] * m[8]) / det;
  o[4] = (m[0] * m[8] - m[2] * m[6]) / det;
  o[5] = (m[2] * m[3] - m[0] * m[5]) / det;
  o[6] = (m[3] * m[7] - m[4] * m[6]) / det;
  o[7] = (m[1] * m[6] - m[0] * m[7]) / det;
  o[8] = (m[0] * m[4] - m[1] * m[3]) / det;
  return TRUE;
}

/* The coarsest the photo sees the sheet: the fewest pixels per millimetre
 * along any of its sides. */
double
plantar_sheet_min_px_per_mm (const PlantarSheet *sheet)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < PLANTAR_SHEET_N_CORNERS; i++)
    {
      guint j = (i + 1) % PLANTAR_SHEET_N_CORNERS;
      double px = hypot (sheet->x[j] - sheet->x[i], sheet->y[j] - sheet->y[i]);
      double mm = i % 2 == 0 ? sheet->width_mm : sheet->height_mm;
      best = MIN (best, px / mm);
    }
  return best;
}

gboolean
plantar_sheet_equal (const PlantarSheet *a,
                     const PlantarSheet *b)
{
  return memcmp (a, b, sizeof *a) == 0;
}

/* Bilinear grey at (x, y) in pixel coordinates (pixel centres at +0.5),
 * white beyond the photo. */
static inline double
sample (const guint8 *pixels,
        guint         width,
        guint         height,
        double        x,
        double        y)
{
  double fx = x - 0.5, fy = y - 0.5;
  int x0 = (int) floor (fx), y0 = (int) floor (fy);
  double ax = fx - x0, ay = fy - y0;
  double v[4];

  for (int k = 0; k < 4; k++)
    {
      int xx = x0 + (k & 1), yy = y0 + (k >> 1);
      v[k] = xx < 0 || yy < 0 || xx >= (int) width || yy >= (int) height
             ? 255 : pixels[(gsize) yy * width + xx];
    }
  return (v[0] * (1 - ax) + v[1] * ax) * (1 - ay) + (v[2] * (1 - ax) + v[3] * ax) * ay;
}

/**
 * plantar_sheet_rectify:
 *
 * The sheet seen in @photo, resampled to square pixels of true millimetres
 * (as fine as the photo allows, never finer than 0.25 mm) and cut 1 mm
 * inside its edges. Refused when the photo sees the sheet coarser than
 * 1 mm a pixel.
 */
PlantarScan *
plantar_sheet_rectify (PlantarScan        *photo,
                       const PlantarSheet *sheet,
                       GError            **error)
{
  guint pw = plantar_scan_get_width (photo), ph = plantar_scan_get_height (photo);
  const guint8 *pixels = plantar_scan_get_pixels (photo);
  PlantarHomography h;
  double px_per_mm, mm, max_px_per_mm = 0;
  guint width, height, n_sub;
  g_autoptr(PlantarScan) scan = NULL;
  guint8 *out;

  g_return_val_if_fail (pixels != NULL, NULL);
  if (!plantar_sheet_check (sheet, pw, ph, error))
    return NULL;
  px_per_mm = plantar_sheet_min_px_per_mm (sheet);
  if (px_per_mm < 1)
    {
      g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
                   _("The sheet is too small in the photo to measure to 1 mm (%.1f pixels a millimetre at its "
                     "narrowest): take the photo closer, with the whole sheet filling the picture"), px_per_mm);
      return NULL;
    }
  if (!plantar_sheet_homography (sheet, &h))
    {
      g_set_error_literal (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
                           _("The sheet's corners do not make a four-sided shape: drag each to a corner of the sheet"));
      return NULL;
    }

  mm = MAX (FINEST_MM, 1 / px_per_mm);
  width = (guint) floor ((sheet->width_mm - 2 * INSET_MM) / mm);
  height = (guint) floor ((sheet->height_mm - 2 * INSET_MM) / mm);
  for (guint i = 0; i < PLANTAR_SHEET_N_CORNERS; i++)
    {
      guint j = (i + 1) % PLANTAR_SHEET_N_CORNERS;
      double sides = hypot (sheet->x[j] - sheet->x[i], sheet->y[j] - sheet->y[i]) /
                     (i % 2 == 0 ? sheet->width_mm : sheet->height_mm);
      max_px_per_mm = MAX (max_px_per_mm, sides);
    }
  /* as many samples a pixel as the photo has pixels in it, up to 3 × 3 */
  n_sub = (guint) CLAMP (round (max_px_per_mm * mm), 1, 3);

  scan = plantar_scan_new_image (width, height, error);
  if (scan == NULL)
    return NULL;
  out = plantar_scan_get_pixels_mutable (scan);
  for (guint j = 0; j < height; j++)
    for (guint i = 0; i < width; i++)
      {
        double sum = 0;
        for (guint sj = 0; sj < n_sub; sj++)
          for (guint si = 0; si < n_sub; si++)
            {
              double u = INSET_MM + (i + (si + 0.5) / n_sub) * mm;
              double v = INSET_MM + (j + (sj + 0.5) / n_sub) * mm;
              double x, y;
              plantar_homography_apply (&h, u, v, &x, &y);
              sum += sample (pixels, pw, ph, x, y);
            }
        out[(gsize) j * width + i] = (guint8) CLAMP (round (sum / (n_sub * n_sub)), 0, 255);
      }

  plantar_scan_set_cell_size (scan, mm, mm);
  plantar_scan_set_format (scan, plantar_scan_get_format_id (photo), plantar_scan_get_format_name (photo));
  plantar_scan_set_source_file (scan, plantar_scan_get_source_file (photo));
  plantar_scan_set_original_units (scan, plantar_scan_get_original_units (photo));
  plantar_scan_set_date (scan, plantar_scan_get_date (photo));
  plantar_scan_set_device (scan, plantar_scan_get_device (photo));
  plantar_scan_set_photo (scan, photo, sheet);
  return g_steal_pointer (&scan);
}

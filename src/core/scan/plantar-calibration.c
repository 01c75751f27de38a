/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-calibration"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "plantar-calibration.h"
#include "plantar-error.h"

static const PlantarPaperSize paper_sizes[] = {
  { N_("A4 (210 × 297 mm)"), "a4", 210, 297 },
  { N_("A3 (297 × 420 mm)"), "a3", 297, 420 },
  { N_("US Letter (8.5 × 11 in)"), "letter", 215.9, 279.4 },
  { N_("US Legal (8.5 × 14 in)"), "legal", 215.9, 355.6 },
};

/* The sheets people print on, the most common first. */
const PlantarPaperSize *
plantar_paper_sizes (guint *n_sizes)
{
  *n_sizes = G_N_ELEMENTS (paper_sizes);
  return paper_sizes;
}

/**
 * plantar_paper_size_parse:
 * @text: "a4", "letter", "a3", "legal" or "WxH" in millimetres ("210x297")
 *
 * The size of a sheet the user names.
 */
gboolean
plantar_paper_size_parse (const char  *text,
                          double      *width_mm,
                          double      *height_mm,
                          GError     **error)
{
  double w, h;
  char *end;

  for (guint i = 0; i < G_N_ELEMENTS (paper_sizes); i++)
    if (g_ascii_strcasecmp (text, paper_sizes[i].id) == 0)
      {
        *width_mm = paper_sizes[i].width_mm;
        *height_mm = paper_sizes[i].height_mm;
        return TRUE;
      }
  w = g_ascii_strtod (text, &end);
  if (end != text && (*end == 'x' || *end == 'X' || g_str_has_prefix (end, "×")))
    {
      const char *rest = *end == 'x' || *end == 'X' ? end + 1 : end + strlen ("×");
      h = g_ascii_strtod (rest, &end);
      if (end != rest && *end == '\0' && w >= 50 && w <= 1500 && h >= 50 && h <= 1500)
        {
          *width_mm = w;
          *height_mm = h;
          return TRUE;
        }
    }
  g_set_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
               _("“%s” is not a paper size: expected a4, letter, a3, legal, or width×height in millimetres "
                 "(50 to 1500) such as 210x297"), text);
  return FALSE;
}

void
plantar_calibration_init (PlantarCalibration *calibration)
{
  memset (calibration, 0, sizeof *calibration);
}

/**
 * plantar_calibration_apply:
 *
 * Gives @scan what @calibration says: its scale, and for a grid its units
 * and frame time. A calibration that makes no sense (points too close, a
 * cropped sheet, an unknown unit) is refused and the scan is unchanged.
 */
gboolean
plantar_calibration_apply (const PlantarCalibration *calibration,
                           PlantarScan              *scan,
                           GError                  **error)
{
  switch (calibration->kind)
    {
    case PLANTAR_CALIBRATION_PAPER:
      return plantar_scan_calibrate_paper (scan, calibration->paper_width_mm, calibration->paper_height_mm, error);
    case PLANTAR_CALIBRATION_DISTANCE:
      return plantar_scan_calibrate_two_points (scan, calibration->x1, calibration->y1, calibration->x2,
                                                calibration->y2, calibration->distance_mm, error);
    case PLANTAR_CALIBRATION_GRID:
      if (calibration->units[0] != '\0' && !plantar_scan_set_units (scan, calibration->units, error))
        return FALSE;
      if (calibration->cell_width_mm > 0 && calibration->cell_height_mm > 0)
        plantar_scan_set_cell_size (scan, calibration->cell_width_mm, calibration->cell_height_mm);
      if (calibration->frame_ms > 0 && plantar_scan_get_n_frames (scan) > 1)
        plantar_scan_set_frame_ms (scan, calibration->frame_ms);
      return TRUE;
    case PLANTAR_CALIBRATION_FOOT_LENGTH:
      /* the analysis finds the scale: the caller measures it first */
      g_set_error_literal (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
                           _("A foot's length gives a scale only once the foot is measured"));
      return FALSE;
    case PLANTAR_CALIBRATION_NONE:
    default:
      return TRUE;
    }
}

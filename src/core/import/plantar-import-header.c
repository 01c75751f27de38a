/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import"

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include "plantar-import-private.h"

/*
 * The numbers of an export's header, read the same way by every format:
 * whole numbers, lengths with or without their unit, times; each checked
 * against what a real plate or mat can have, so that a header that lies
 * (a cell of 9.2e18 mm, a frame of 9.2e21 ms) is an error naming its line
 * rather than a scan measured in nonsense.
 */

/* A pressure sensor is between a twentieth of a millimetre (a high
 * resolution mat) and five centimetres (a coarse floor mat) across. */
#define MIN_CELL_MM 0.05
#define MAX_CELL_MM 50.0
/* Frames come between every tenth of a millisecond and every ten seconds. */
#define MIN_FRAME_MS 0.1
#define MAX_FRAME_MS 10000.0

gboolean
plantar_import_header_uint (const PlantarImportContext *ctx,
                            guint                       line,
                            const char                 *key,
                            PlantarSpan                 value,
                            guint64                    *out,
                            GError                    **error)
{
  PlantarSpan words = value, first;

  if (!plantar_span_next_word (&words, &first) || !plantar_span_to_uint (first, out))
    {
      g_autofree char *text = plantar_span_describe (value);
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line, 0,
                                _("“%s” must be a whole number, found “%s”"), key, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
plantar_import_check_cell (const PlantarImportContext *ctx,
                           guint                       line,
                           const char                 *key,
                           double                      mm,
                           GError                    **error)
{
  if (isfinite (mm) && mm >= MIN_CELL_MM && mm <= MAX_CELL_MM)
    return TRUE;
  plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INVALID_VALUE, line, 0,
                            _("“%s” gives a sensor of %g mm; a plate’s sensors are %g to %g mm"), key, mm,
                            MIN_CELL_MM, MAX_CELL_MM);
  return FALSE;
}

gboolean
plantar_import_check_frame (const PlantarImportContext *ctx,
                            guint                       line,
                            const char                 *key,
                            double                      ms,
                            GError                    **error)
{
  if (isfinite (ms) && ms >= MIN_FRAME_MS && ms <= MAX_FRAME_MS)
    return TRUE;
  plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INVALID_VALUE, line, 0,
                            _("“%s” gives frames of %g ms; recordings have frames of %g ms to %g s"), key, ms,
                            MIN_FRAME_MS, MAX_FRAME_MS / 1000);
  return FALSE;
}

/**
 * plantar_import_header_length:
 * @unit_mm: what a number without a unit is in (1 for mm, 10 for cm)
 *
 * A sensor's size: "5.08 mm", "0.508 cm", "5.08"; within a plate's range.
 */
gboolean
plantar_import_header_length (const PlantarImportContext *ctx,
                              guint                       line,
                              const char                 *key,
                              PlantarSpan                 value,
                              double                      unit_mm,
                              double                     *mm,
                              GError                    **error)
{
  g_autofree char *text = plantar_span_dup (plantar_span_trim (value));
  double number;

  if (plantar_span_to_double (plantar_span_trim (value), &number))
    *mm = number * unit_mm;
  else if (!plantar_length_to_mm (text, mm))
    {
      g_autofree char *shown = plantar_span_describe (value);
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line, 0,
                                _("“%s” must be a length such as “5.08 mm”, found “%s”"), key, shown);
      return FALSE;
    }
  return plantar_import_check_cell (ctx, line, key, *mm, error);
}

/**
 * plantar_import_header_time:
 * @unit_ms: what the number is in (1 for ms, 1000 for s)
 *
 * A frame's length, within a recording's range.
 */
gboolean
plantar_import_header_time (const PlantarImportContext *ctx,
                            guint                       line,
                            const char                 *key,
                            PlantarSpan                 value,
                            double                      unit_ms,
                            double                     *ms,
                            GError                    **error)
{
  double number;

  if (!plantar_span_to_double (plantar_span_trim (value), &number))
    {
      g_autofree char *shown = plantar_span_describe (value);
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line, 0,
                                _("“%s” must be a number, found “%s”"), key, shown);
      return FALSE;
    }
  *ms = number * unit_ms;
  return plantar_import_check_frame (ctx, line, key, *ms, error);
}

/* The lines ahead that @is_frame says start a frame, to allocate a
 * recording once. */
guint64
plantar_import_count_frames (const PlantarLineReader *from,
                             gboolean               (*is_frame) (PlantarSpan line))
{
  PlantarLineReader r = *from;
  PlantarSpan line;
  guint64 n = 0;

  while (plantar_line_reader_next (&r, &line))
    if (is_frame (line))
      n++;
  return n;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-footscan"

#include "config.h"

#include <math.h>

#include "plantar-import-private.h"

/*
 * footscan "Entire Plate Roll Off" text export:
 *
 *   Frame 0 (0.00 ms)
 *   0.0<TAB>0.0<TAB>...        one line per sensor row, force per sensor in N
 *   ...
 *   (blank line)
 *   Frame 1 (7.94 ms)
 *   ...
 *
 * footscan sensors are 5.08 mm across and 7.62 mm along the plate; the
 * force on each is divided by its area to give kPa.
 */

#define FOOTSCAN_CELL_WIDTH_MM  5.08
#define FOOTSCAN_CELL_HEIGHT_MM 7.62

static gboolean
parse_frame_line (PlantarSpan  line,
                  double      *time_ms)
{
  PlantarSpan t = plantar_span_trim (line);
  const char *open, *after;
  double index;

  if (!plantar_span_has_prefix (t, "Frame "))
    return FALSE;
  after = plantar_parse_double (t.p + 6, t.end, '.', &index);
  if (after == NULL)
    return FALSE;
  open = memchr (after, '(', t.end - after);
  if (open == NULL)
    return FALSE;
  after = plantar_parse_double (open + 1, t.end, '.', time_ms);
  return after != NULL && plantar_span_has_prefix_ci (plantar_span_trim ((PlantarSpan) { after, t.end }), "ms");
}

gboolean
plantar_sniff_footscan (PlantarSpan head)
{
  PlantarLineReader r;
  PlantarSpan line;
  double t;

  plantar_line_reader_init (&r, head.p, plantar_span_len (head));
  while (plantar_line_reader_next (&r, &line))
    if (!plantar_span_is_blank (line))
      return parse_frame_line (line, &t);
  return FALSE;
}

GPtrArray *
plantar_load_footscan (const PlantarImportContext *ctx,
                       GError                    **error)
{
  PlantarLineReader r, probe;
  PlantarSpan line;
  g_autoptr(PlantarScan) scan = NULL;
  g_autofree double *times = NULL;
  PlantarRowFormat fmt = { '\t', '.', PLANTAR_ABSENT_NONE, 1, NULL };
  g_autofree char *width_source = NULL;
  guint64 n_frames = 0;
  guint width = 0, height = 0;
  guint first_row_line = 0;
  guint frame = 0;
  double cw = FOOTSCAN_CELL_WIDTH_MM, ch = FOOTSCAN_CELL_HEIGHT_MM;
  double to_kpa;

  /* Count the frames and measure the first one. */
  plantar_line_reader_init (&r, ctx->data, ctx->length);
  probe = r;
  while (plantar_line_reader_next (&probe, &line))
    if (line.p < line.end && line.p[0] == 'F' && plantar_span_has_prefix (line, "Frame "))
      n_frames++;

  probe = r;
  while (plantar_line_reader_next (&probe, &line) && plantar_span_is_blank (line))
    ;
  while (plantar_line_reader_next (&probe, &line) && !plantar_span_is_blank (line) &&
         !plantar_span_has_prefix (line, "Frame "))
    {
      if (height == 0)
        {
          width = plantar_row_count_fields (line, '\t');
          first_row_line = probe.line;
        }
      height++;
    }

  if (height == 0 || width == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, probe.line, 0,
                                _("the first frame holds no rows"));
      return NULL;
    }
  if (!plantar_import_check_size (ctx, first_row_line, width, height, n_frames, error))
    return NULL;
  scan = plantar_scan_new_pressure (width, height, n_frames, error);
  if (scan == NULL)
    return NULL;
  times = g_new0 (double, n_frames);
  width_source = g_strdup_printf (_("as in line %u"), first_row_line);
  fmt.width_source = width_source;

  while (plantar_line_reader_next (&r, &line))
    {
      float *values;

      if (plantar_span_is_blank (line))
        continue;
      if (!parse_frame_line (line, &times[frame]))
        {
          g_autofree char *text = plantar_span_describe (line);
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, r.line, 0,
                                    _("expected “Frame %u (… ms)” after the %u rows of frame %u, found “%s”"),
                                    frame, height, frame == 0 ? 0 : frame - 1, text);
          return NULL;
        }

      values = plantar_scan_get_frame_mutable (scan, frame);
      for (guint row = 0; row < height; row++)
        {
          if (!plantar_line_reader_next (&r, &line) || plantar_span_is_blank (line))
            {
              gboolean at_end = r.pos >= r.end;
              plantar_import_set_error (error, ctx,
                                        at_end ? PLANTAR_IMPORT_ERROR_TRUNCATED : PLANTAR_IMPORT_ERROR_RAGGED,
                                        r.line, 0,
                                        at_end ? _("the file ends in frame %u, after %u of its %u rows")
                                               : _("frame %u has %u rows, the first frame has %u"),
                                        frame, row, height);
              return NULL;
            }
          if (!plantar_row_parse (ctx, r.line, line, &fmt, width, values + (gsize) row * width, NULL, error))
            return NULL;
        }
      frame++;
    }

  if (ctx->options && ctx->options->cell_width_mm > 0)
    {
      cw = ctx->options->cell_width_mm;
      ch = ctx->options->cell_height_mm > 0 ? ctx->options->cell_height_mm : cw;
    }

  /* N per sensor to kPa: N / (mm² × 10⁻⁶ m²/mm²) / 1000 Pa/kPa */
  to_kpa = 1000.0 / (cw * ch);
  for (guint f = 0; f < n_frames; f++)
    {
      float *values = plantar_scan_get_frame_mutable (scan, f);
      for (gsize i = 0; i < (gsize) width * height; i++)
        values[i] *= to_kpa;
    }

  plantar_scan_set_value_kind (scan, PLANTAR_VALUE_PRESSURE);
  plantar_scan_set_original_units (scan, "N per sensor");
  plantar_scan_set_cell_size (scan, cw, ch);
  plantar_import_frame_time (scan, times, n_frames);
  plantar_scan_set_device (scan, "RSscan footscan");
  if (!(ctx->options && ctx->options->cell_width_mm > 0))
    plantar_scan_add_warning (scan, _("footscan exports do not state the sensor size: %.2f × %.2f mm "
                                      "(footscan's own) was used to turn force into pressure."), cw, ch);

  return plantar_import_single (g_steal_pointer (&scan));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-pliance"

#include "config.h"

#include <math.h>

#include "plantar-import-private.h"

/*
 * novel pliance (.asc):
 *
 *   file name: 2112170R_1.mat date/time 17.06.23 15.21
 *   mat type s2160_001
 *   total times [secs]: 44.458 time per frame [secs]: 0.04167 ...
 *   pressure values in kPa
 *
 *   time[secs]   4   5   6 ...            sensor numbers
 *     5.79167  0.000 0.000 ...            one line per frame
 *         MPP  ...                        summaries, not frames
 *
 *   time[secs] force[N] x[cm] y[cm]       a force table, skipped
 *
 *   sensor   4   5   6 ...
 *   corner[cm]
 *   x[0] ... y[3]                         the four corners of each sensor
 *   x[c] y[c]                             its centre
 *   area
 *
 * The sensors are placed on the grid their centres and corners describe.
 */

typedef struct {
  guint   n;
  double *xc, *yc, *x0, *x2, *y0, *y1;
} Layout;

static void
layout_clear (Layout *l)
{
  g_free (l->xc);
  g_free (l->yc);
  g_free (l->x0);
  g_free (l->x2);
  g_free (l->y0);
  g_free (l->y1);
}

gboolean
plantar_sniff_pliance (PlantarSpan head)
{
  return plantar_span_contains_ci (head, "mat type") &&
         (plantar_span_contains_ci (head, "time per frame") ||
          plantar_span_contains_ci (head, "pressure values in"));
}

/* A line of sensor numbers after a label: "time[secs] 4 5 6 ..." */
static gboolean
parse_sensor_ids (PlantarSpan  line,
                  GArray      *ids)
{
  PlantarSpan rest = line, word;

  g_array_set_size (ids, 0);
  plantar_span_next_word (&rest, &word); /* the label */
  while (plantar_span_next_word (&rest, &word))
    {
      guint64 id;
      if (!plantar_span_to_uint (word, &id) || id > G_MAXUINT)
        return FALSE;
      g_array_append_val (ids, (guint) { id });
    }
  return ids->len > 0;
}

/* "x[c]  0.2640  0.7920 ..." into @out (n values). */
static gboolean
parse_layout_row (const PlantarImportContext *ctx,
                  guint                       line_no,
                  PlantarSpan                 line,
                  guint                       n,
                  double                    **out,
                  GError                    **error)
{
  PlantarSpan rest = line, word;
  guint i = 0;

  plantar_span_next_word (&rest, &word);
  g_free (*out);
  *out = g_new (double, n);
  while (plantar_span_next_word (&rest, &word))
    {
      if (i >= n || !plantar_span_to_double (word, &(*out)[i]) || !isfinite ((*out)[i]))
        {
          g_autofree char *text = plantar_span_describe (word);
          if (i >= n)
            plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_RAGGED, line_no, 0,
                                      _("more than the %u sensors of the “sensor” line"), n);
          else
            plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, line_no, i + 2,
                                      _("expected a position in cm, found “%s”"), text);
          return FALSE;
        }
      i++;
    }
  if (i != n)
    {
      if (line.end == ctx->data + ctx->length)
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, line_no, 0,
                                  _("the file ends in the middle of this row, after %u of its %u positions; "
                                    "it was cut short"), i, n);
      else
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_RAGGED, line_no, 0,
                                  _("the row has %u positions for %u sensors"), i, n);
      return FALSE;
    }
  return TRUE;
}

static double
median (const double *a,
        const double *b,
        guint         n)
{
  g_autofree double *d = g_new (double, n);

  for (guint i = 0; i < n; i++)
    d[i] = fabs (a[i] - b[i]);
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && d[j - 1] > d[j]; j--)
      {
        double t = d[j];
        d[j] = d[j - 1];
        d[j - 1] = t;
      }
  return d[n / 2];
}

GPtrArray *
plantar_load_pliance (const PlantarImportContext *ctx,
                      GError                    **error)
{
  PlantarLineReader r, frames_start;
  PlantarSpan line;
  g_autoptr(GArray) frame_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) layout_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PlantarScan) scan = NULL;
  g_autofree guint *cell_of = NULL;
  g_autofree float *row = NULL;
  g_autofree double *times = NULL;
  g_autofree char *mat = NULL;
  g_autofree char *date = NULL;
  const PlantarPressureUnit *unit = NULL;
  const PlantarRowFormat fmt = { ' ', '.', PLANTAR_ABSENT_NONE, 2, NULL };
  Layout layout = { 0 };
  guint frames_line = 0, layout_line = 0;
  guint n_frames = 0;
  double frame_ms = 0;
  double cw, ch, xmin = G_MAXDOUBLE, ymax = -G_MAXDOUBLE;
  guint width = 0, height = 0;
  guint8 *mask;

  /* First walk: header, where the frames are, and the sensor layout. */
  plantar_line_reader_init (&r, ctx->data, ctx->length);
  while (plantar_line_reader_next (&r, &line))
    {
      PlantarSpan t = plantar_span_trim (line);
      PlantarSpan v;

      if (plantar_span_has_prefix_ci (t, "mat type"))
        mat = plantar_span_dup_utf8 (plantar_span_after (t, "mat type"));
      else if (plantar_span_has_prefix_ci (t, "file name:"))
        {
          const char *at = plantar_span_find (t, "date/time");
          if (at)
            date = plantar_span_dup_utf8 (plantar_span_after ((PlantarSpan) { at, t.end }, "date/time"));
        }
      else if (plantar_span_has_prefix_ci (t, "pressure values in"))
        {
          unit = plantar_import_units (ctx, r.line, plantar_span_after (t, "pressure values in"), error);
          if (unit == NULL)
            goto fail;
        }

      if ((v.p = plantar_span_find (t, "time per frame [secs]:")) != NULL)
        {
          v.p += strlen ("time per frame [secs]:");
          v.end = t.end;
          while (v.p < v.end && *v.p == ' ')
            v.p++;
          if (plantar_parse_double (v.p, v.end, '.', &frame_ms) == NULL || !(frame_ms > 0))
            {
              plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, r.line, 0,
                                        _("expected a positive time per frame in seconds"));
              goto fail;
            }
          frame_ms *= 1000.0;
        }

      if (frames_line == 0 && plantar_span_has_prefix_ci (t, "time[secs]") && parse_sensor_ids (t, frame_ids))
        {
          frames_line = r.line;
          frames_start = r;
          /* count the frame lines that follow */
          while (plantar_line_reader_peek (&r, &line))
            {
              double time;
              PlantarSpan word, rest = plantar_span_trim (line);
              if (!plantar_span_next_word (&rest, &word) || !plantar_span_to_double (word, &time))
                break;
              plantar_line_reader_next (&r, &line);
              n_frames++;
            }
        }
      else if (plantar_span_has_prefix_ci (t, "sensor") && !plantar_span_has_prefix_ci (t, "sensor type") &&
               parse_sensor_ids (t, layout_ids))
        layout_line = r.line;
      else if (layout_line > 0)
        {
          PlantarSpan label = t, rest = t;
          double **target = NULL;
          plantar_span_next_word (&rest, &label);
          if (plantar_span_equal (label, "x[c]"))
            target = &layout.xc;
          else if (plantar_span_equal (label, "y[c]"))
            target = &layout.yc;
          else if (plantar_span_equal (label, "x[0]"))
            target = &layout.x0;
          else if (plantar_span_equal (label, "x[2]"))
            target = &layout.x2;
          else if (plantar_span_equal (label, "y[0]"))
            target = &layout.y0;
          else if (plantar_span_equal (label, "y[1]"))
            target = &layout.y1;
          if (target && !parse_layout_row (ctx, r.line, t, layout_ids->len, target, error))
            goto fail;
        }
    }

  if (frames_line == 0 || n_frames == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_EMPTY, frames_line, 0,
                                frames_line == 0 ? _("no “time[secs]” line with sensor numbers: no frames")
                                                 : _("no frame lines follow the sensor numbers"));
      goto fail;
    }
  if (layout_line == 0 || !layout.xc || !layout.yc || !layout.x0 || !layout.x2 || !layout.y0 || !layout.y1)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, r.line, 0,
                                _("the sensor layout (the “sensor”, “x[0]” … “y[c]” lines at the end) "
                                  "is missing; the file may have been cut short"));
      goto fail;
    }
  if (layout_ids->len != frame_ids->len ||
      memcmp (layout_ids->data, frame_ids->data, frame_ids->len * sizeof (guint)) != 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, layout_line, 0,
                                _("the layout lists %u sensors, the frames of line %u hold %u others"),
                                layout_ids->len, frames_line, frame_ids->len);
      goto fail;
    }

  /* Sensor layout to a regular grid (cm to mm, y up to rows down). */
  layout.n = layout_ids->len;
  cw = median (layout.x2, layout.x0, layout.n) * 10.0;
  ch = median (layout.y0, layout.y1, layout.n) * 10.0;
  if (!(cw > 0.5) || !(ch > 0.5))
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, layout_line, 0,
                                _("the sensor corners give no sensor size"));
      goto fail;
    }
  for (guint i = 0; i < layout.n; i++)
    {
      xmin = MIN (xmin, layout.xc[i] * 10.0);
      ymax = MAX (ymax, layout.yc[i] * 10.0);
    }

  cell_of = g_new (guint, layout.n);
  for (guint i = 0; i < layout.n; i++)
    {
      double fx = (layout.xc[i] * 10.0 - xmin) / cw;
      double fy = (ymax - layout.yc[i] * 10.0) / ch;
      double col = round (fx), rw = round (fy);

      if (fabs (fx - col) > 0.25 || fabs (fy - rw) > 0.25 || col >= PLANTAR_SCAN_MAX_SIDE || rw >= PLANTAR_SCAN_MAX_SIDE)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_UNSUPPORTED, layout_line, i + 2,
                                    _("sensor %u at (%.2f, %.2f) cm is off the regular grid of %.1f × %.1f mm "
                                      "sensors; mats with mixed sensor sizes are not supported"),
                                    g_array_index (layout_ids, guint, i), layout.xc[i], layout.yc[i], cw, ch);
          goto fail;
        }
      width = MAX (width, (guint) col + 1);
      height = MAX (height, (guint) rw + 1);
    }

  if (!plantar_import_check_size (ctx, layout_line, width, height, n_frames, error))
    goto fail;
  scan = plantar_scan_new_pressure (width, height, n_frames, error);
  if (scan == NULL)
    goto fail;
  mask = plantar_scan_ensure_mask (scan);
  memset (mask, 0, (gsize) width * height);
  for (guint i = 0; i < layout.n; i++)
    {
      guint col = (guint) round ((layout.xc[i] * 10.0 - xmin) / cw);
      guint rw = (guint) round ((ymax - layout.yc[i] * 10.0) / ch);
      gsize cell = (gsize) rw * width + col;

      if (mask[cell])
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, layout_line, i + 2,
                                    _("sensor %u lies on the same place as another"),
                                    g_array_index (layout_ids, guint, i));
          goto fail;
        }
      mask[cell] = 1;
      cell_of[i] = cell;
    }

  /* Second walk: the frames. */
  row = g_new (float, layout.n);
  times = g_new (double, n_frames);
  r = frames_start;
  for (guint f = 0; f < n_frames; f++)
    {
      PlantarSpan rest, word;
      float *values = plantar_scan_get_frame_mutable (scan, f);

      plantar_line_reader_next (&r, &line);
      rest = plantar_span_trim (line);
      plantar_span_next_word (&rest, &word);
      plantar_span_to_double (word, &times[f]);
      if (!plantar_row_parse (ctx, r.line, rest, &fmt, layout.n, row, NULL, error))
        goto fail;
      for (guint i = 0; i < layout.n; i++)
        values[cell_of[i]] = row[i];
    }

  plantar_import_apply_units (scan, unit ? unit : plantar_pressure_unit_lookup ("kPa", -1));
  plantar_scan_set_cell_size (scan, cw, ch);
  if (frame_ms > 0)
    plantar_scan_set_frame_ms (scan, frame_ms);
  for (guint f = 0; f < n_frames; f++)
    plantar_scan_set_frame_time_ms (scan, f, (times[f] - times[0]) * 1000.0);
  plantar_scan_set_date (scan, date);
  plantar_scan_set_sensor_name (scan, mat);
  plantar_scan_set_device (scan, "novel pliance");

  layout_clear (&layout);
  return plantar_import_single (g_steal_pointer (&scan));

fail:
  layout_clear (&layout);
  return NULL;
}

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

/* What the first walk through the file finds. */
typedef struct {
  char                      *mat;
  char                      *date;
  const PlantarPressureUnit *unit;
  guint                      unit_line;
  double                     frame_ms;
  guint                      frames_line;   /* "time[secs] 4 5 6 ..." */
  PlantarLineReader          frames_start;
  guint                      n_frames;
  GArray                    *frame_ids;
  guint                      layout_line;   /* "sensor 4 5 6 ..." */
  GArray                     *layout_ids;
  Layout                     layout;
} Pliance;

static void
pliance_clear (Pliance *p)
{
  g_free (p->mat);
  g_free (p->date);
  g_clear_pointer (&p->frame_ids, g_array_unref);
  g_clear_pointer (&p->layout_ids, g_array_unref);
  layout_clear (&p->layout);
}

/* A line of the header: the mat, the date, the units, the frame time. A
 * second "mat type" is a second export joined on: refused, not read as
 * more frames of the first. */
static gboolean
header_line (const PlantarImportContext *ctx,
             guint                       line_no,
             PlantarSpan                 t,
             Pliance                    *p,
             GError                    **error)
{
  PlantarSpan v;

  if (plantar_span_has_prefix_ci (t, "mat type"))
    {
      if (p->mat != NULL)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, line_no, 0,
                                    _("a second “mat type” line: two exports joined into one file; "
                                      "open each export on its own"));
          return FALSE;
        }
      p->mat = plantar_span_dup_utf8 (plantar_span_after (t, "mat type"));
    }
  else if (plantar_span_has_prefix_ci (t, "file name:"))
    {
      const char *at = plantar_span_find (t, "date/time");
      if (at != NULL)
        plantar_span_replace_str (plantar_span_after ((PlantarSpan) { at, t.end }, "date/time"), &p->date);
    }
  else if (plantar_span_has_prefix_ci (t, "pressure values in"))
    {
      p->unit = plantar_import_units (ctx, line_no, plantar_span_after (t, "pressure values in"), error);
      p->unit_line = line_no;
      if (p->unit == NULL)
        return FALSE;
    }
  if ((v.p = plantar_span_find (t, "time per frame [secs]:")) != NULL)
    {
      PlantarSpan number;
      v.p += strlen ("time per frame [secs]:");
      v.end = t.end;
      if (!plantar_span_next_word (&v, &number))
        number = v;
      return plantar_import_header_time (ctx, line_no, "time per frame [secs]", number, 1000, &p->frame_ms, error);
    }
  return TRUE;
}

/* A row of the layout ("x[c] 0.264 0.792 ..."), if @t is one. */
static gboolean
layout_line (const PlantarImportContext *ctx,
             guint                       line_no,
             PlantarSpan                 t,
             Pliance                    *p,
             GError                    **error)
{
  static const struct {
    const char *label;
    gsize       offset;
  } rows[] = {
    { "x[c]", G_STRUCT_OFFSET (Layout, xc) }, { "y[c]", G_STRUCT_OFFSET (Layout, yc) },
    { "x[0]", G_STRUCT_OFFSET (Layout, x0) }, { "x[2]", G_STRUCT_OFFSET (Layout, x2) },
    { "y[0]", G_STRUCT_OFFSET (Layout, y0) }, { "y[1]", G_STRUCT_OFFSET (Layout, y1) },
  };
  PlantarSpan label, rest = t;

  plantar_span_next_word (&rest, &label);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (plantar_span_equal (label, rows[i].label))
      return parse_layout_row (ctx, line_no, t, p->layout_ids->len,
                               &G_STRUCT_MEMBER (double *, &p->layout, rows[i].offset), error);
  return TRUE;
}

/* The first walk: the header, where the frames are, and the layout. */
static gboolean
read_file (const PlantarImportContext *ctx,
           Pliance                    *p,
           GError                    **error)
{
  PlantarLineReader r;
  PlantarSpan line;

  plantar_line_reader_init (&r, ctx->data, ctx->length);
  while (plantar_line_reader_next (&r, &line))
    {
      PlantarSpan t = plantar_span_trim (line);

      if (!header_line (ctx, r.line, t, p, error))
        return FALSE;
      if (p->frames_line == 0 && plantar_span_has_prefix_ci (t, "time[secs]") && parse_sensor_ids (t, p->frame_ids))
        {
          p->frames_line = r.line;
          p->frames_start = r;
          /* the frame lines that follow, each starting with its time */
          while (plantar_line_reader_peek (&r, &line))
            {
              double time;
              PlantarSpan word, rest = plantar_span_trim (line);
              if (!plantar_span_next_word (&rest, &word) || !plantar_span_to_double (word, &time))
                break;
              plantar_line_reader_next (&r, &line);
              p->n_frames++;
            }
        }
      else if (plantar_span_has_prefix_ci (t, "sensor") && !plantar_span_has_prefix_ci (t, "sensor type") &&
               parse_sensor_ids (t, p->layout_ids))
        p->layout_line = r.line;
      else if (p->layout_line > 0 && !layout_line (ctx, r.line, t, p, error))
        return FALSE;
    }
  return TRUE;
}

/* The frames and the layout, complete and of the same sensors. */
static gboolean
check_parts (const PlantarImportContext *ctx,
             const Pliance              *p,
             GError                    **error)
{
  const Layout *l = &p->layout;

  if (p->frames_line == 0 || p->n_frames == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_EMPTY, p->frames_line, 0,
                                p->frames_line == 0 ? _("no “time[secs]” line with sensor numbers: no frames")
                                                    : _("no frame lines follow the sensor numbers"));
      return FALSE;
    }
  if (p->layout_line == 0 || !l->xc || !l->yc || !l->x0 || !l->x2 || !l->y0 || !l->y1)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0,
                                _("the sensor layout (the “sensor”, “x[0]” … “y[c]” lines at the end) "
                                  "is missing; the file may have been cut short"));
      return FALSE;
    }
  if (p->layout_ids->len != p->frame_ids->len ||
      memcmp (p->layout_ids->data, p->frame_ids->data, p->frame_ids->len * sizeof (guint)) != 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, p->layout_line, 0,
                                _("the layout lists %u sensors, the frames of line %u hold %u others"),
                                p->layout_ids->len, p->frames_line, p->frame_ids->len);
      return FALSE;
    }
  return TRUE;
}

/* The sensors on a regular grid (cm to mm, y up to rows down): the size
 * of a sensor, the grid's, and the cell of each sensor. */
typedef struct {
  double  cw, ch;
  guint   width, height;
  guint  *cell_of;
} Placement;

static gboolean
place_sensors (const PlantarImportContext *ctx,
               const Pliance              *p,
               Placement                  *pl,
               GError                    **error)
{
  const Layout *l = &p->layout;
  guint n = p->layout_ids->len;
  double xmin = G_MAXDOUBLE, ymax = -G_MAXDOUBLE;

  pl->cw = median (l->x2, l->x0, n) * 10.0;
  pl->ch = median (l->y0, l->y1, n) * 10.0;
  if (!(pl->cw > 0.5) || !(pl->ch > 0.5))
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, p->layout_line, 0,
                                _("the sensor corners give no sensor size"));
      return FALSE;
    }
  if (!plantar_import_check_cell (ctx, p->layout_line, "x[2] − x[0]", pl->cw, error) ||
      !plantar_import_check_cell (ctx, p->layout_line, "y[0] − y[1]", pl->ch, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      xmin = MIN (xmin, l->xc[i] * 10.0);
      ymax = MAX (ymax, l->yc[i] * 10.0);
    }
  pl->cell_of = g_new (guint, n);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        double fx = (l->xc[i] * 10.0 - xmin) / pl->cw, fy = (ymax - l->yc[i] * 10.0) / pl->ch;
        double col = round (fx), rw = round (fy);

        if (pass == 1)
          {
            pl->cell_of[i] = (guint) rw * pl->width + (guint) col;
            continue;
          }
        if (fabs (fx - col) > 0.25 || fabs (fy - rw) > 0.25 || col >= PLANTAR_SCAN_MAX_SIDE || rw >= PLANTAR_SCAN_MAX_SIDE)
          {
            plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_UNSUPPORTED, p->layout_line, i + 2,
                                      _("sensor %u at (%.2f, %.2f) cm is off the regular grid of %.1f × %.1f mm "
                                        "sensors; mats with mixed sensor sizes are not supported"),
                                      g_array_index (p->layout_ids, guint, i), l->xc[i], l->yc[i], pl->cw, pl->ch);
            return FALSE;
          }
        pl->width = MAX (pl->width, (guint) col + 1);
        pl->height = MAX (pl->height, (guint) rw + 1);
      }
  return plantar_import_check_size (ctx, p->layout_line, pl->width, pl->height, p->n_frames, error);
}

/* Which cells hold a sensor; two sensors in one place contradict the
 * layout. */
static gboolean
fill_mask (const PlantarImportContext *ctx,
           const Pliance              *p,
           const Placement            *pl,
           PlantarScan                *scan,
           GError                    **error)
{
  guint8 *mask = plantar_scan_ensure_mask (scan);

  memset (mask, 0, (gsize) pl->width * pl->height);
  for (guint i = 0; i < p->layout_ids->len; i++)
    {
      if (mask[pl->cell_of[i]])
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, p->layout_line, i + 2,
                                    _("sensor %u lies on the same place as another"),
                                    g_array_index (p->layout_ids, guint, i));
          return FALSE;
        }
      mask[pl->cell_of[i]] = 1;
    }
  return TRUE;
}

/* The second walk: every frame line, each with its time. */
static gboolean
read_frames (const PlantarImportContext *ctx,
             const Pliance              *p,
             const Placement            *pl,
             PlantarScan                *scan,
             GError                    **error)
{
  const PlantarRowFormat fmt = { ' ', '.', PLANTAR_ABSENT_NONE, 2, NULL };
  guint n = p->layout_ids->len;
  g_autofree float *row = g_new (float, n);
  g_autofree double *times = g_new (double, p->n_frames);
  PlantarLineReader r = p->frames_start;
  PlantarSpan line;

  for (guint f = 0; f < p->n_frames; f++)
    {
      PlantarSpan rest, word;
      float *values = plantar_scan_get_frame_mutable (scan, f);

      /* counted by the first walk: every one is there */
      if (!plantar_line_reader_next (&r, &line))
        g_assert_not_reached ();
      rest = plantar_span_trim (line);
      plantar_span_next_word (&rest, &word);
      plantar_span_to_double (word, &times[f]);
      if (!plantar_row_parse (ctx, r.line, rest, &fmt, n, row, NULL, error))
        return FALSE;
      for (guint i = 0; i < n; i++)
        values[pl->cell_of[i]] = row[i];
    }
  for (guint f = 0; f < p->n_frames; f++)
    plantar_scan_set_frame_time_ms (scan, f, (times[f] - times[0]) * 1000.0);
  return TRUE;
}

GPtrArray *
plantar_load_pliance (const PlantarImportContext *ctx,
                      GError                    **error)
{
  Pliance p = { 0 };
  Placement pl = { 0 };
  g_autoptr(PlantarScan) scan = NULL;
  gboolean ok;

  p.frame_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  p.layout_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  ok = read_file (ctx, &p, error) && check_parts (ctx, &p, error) && place_sensors (ctx, &p, &pl, error) &&
       (scan = plantar_scan_new_pressure (pl.width, pl.height, p.n_frames, error)) != NULL &&
       fill_mask (ctx, &p, &pl, scan, error) && read_frames (ctx, &p, &pl, scan, error);
  if (ok)
    {
      plantar_import_apply_units (scan, p.unit ? p.unit : plantar_pressure_unit_lookup ("kPa", -1));
      plantar_scan_set_cell_size (scan, pl.cw, pl.ch);
      if (p.frame_ms > 0)
        plantar_scan_set_frame_ms (scan, p.frame_ms);
      plantar_scan_set_date (scan, p.date);
      plantar_scan_set_sensor_name (scan, p.mat);
      plantar_scan_set_device (scan, "novel pliance");
    }
  g_free (pl.cell_of);
  pliance_clear (&p);
  return ok ? plantar_import_single (g_steal_pointer (&scan)) : NULL;
}

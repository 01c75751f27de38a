/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-xsensor"

#include "config.h"

#include <inttypes.h>

#include <math.h>

#include "plantar-import-private.h"

/*
 * XSENSOR X4 CSV (Foot & Gait, mats and insoles). Every line is padded with
 * commas, and an empty ",,,," line follows every line.
 *
 *   File:,"C:\...\justin.XSN"
 *   Units:,mmHg
 *   FRAME,1464
 *   Date, 2022 Aug 16
 *   Time, 08:21:17.982
 *   SENSOR,HX210.11.31.M11-DFM-LF S0073       one block per sensor
 *   Rows,31
 *   Columns,11
 *   Sensel Width (cm),0.86
 *   Sensel Height (cm),0.86
 *   ...statistics...
 *   SENSELS
 *   Rows lines of Columns values
 *   GROUP,1 ... SENSELS ...                   region groups, skipped
 *
 * Each sensor becomes one scan with one frame per FRAME.
 */

typedef struct {
  char    *name;
  guint64  rows, cols;
  double   cell_w, cell_h;
  guint    frames;      /* how many FRAME blocks hold it */
  guint    first_line;
  PlantarScan *scan;
} Sensor;

static void
sensor_clear (gpointer data)
{
  Sensor *s = data;
  g_free (s->name);
  g_clear_pointer (&s->scan, plantar_scan_unref);
}

gboolean
plantar_sniff_xsensor (PlantarSpan head)
{
  return plantar_span_find (head, "SENSOR,") != NULL &&
         (plantar_span_find (head, "SENSELS") != NULL || plantar_span_find (head, "Sensel Width") != NULL);
}

/* "Key,value,,,," -> value, or an empty span if the line is not "Key,..." */
static PlantarSpan
csv_value (PlantarSpan  line,
           const char  *key)
{
  PlantarSpan v = { line.end, line.end };
  gsize n = strlen (key);

  if (plantar_span_len (line) > n && g_ascii_strncasecmp (line.p, key, n) == 0 && line.p[n] == ',')
    {
      PlantarSpan rest = { line.p + n + 1, line.end };
      plantar_span_next_field (&rest, ',', &v);
      if (plantar_span_len (v) >= 2 && *v.p == '"' && v.end[-1] == '"')
        {
          v.p++;
          v.end--;
        }
    }
  return v;
}

static gboolean
is_empty_csv_line (PlantarSpan line)
{
  return plantar_span_is_only (line, ", \t");
}

static Sensor *
find_sensor (GArray     *sensors,
             PlantarSpan name)
{
  for (guint i = 0; i < sensors->len; i++)
    {
      Sensor *s = &g_array_index (sensors, Sensor, i);
      if (plantar_span_equal (name, s->name))
        return s;
    }
  return NULL;
}

/* "08:21:17.982" in ms since midnight */
static gboolean
parse_clock (PlantarSpan  text,
             double      *ms)
{
  double h, m, s;
  const char *p;

  text = plantar_span_trim (text);
  p = plantar_parse_double (text.p, text.end, '.', &h);
  if (p == NULL || p >= text.end || *p != ':')
    return FALSE;
  p = plantar_parse_double (p + 1, text.end, '.', &m);
  if (p == NULL || p >= text.end || *p != ':')
    return FALSE;
  p = plantar_parse_double (p + 1, text.end, '.', &s);
  if (p == NULL)
    return FALSE;
  *ms = ((h * 60 + m) * 60 + s) * 1000.0;
  return TRUE;
}

/* Where a walk through the file is. */
typedef struct {
  const PlantarImportContext *ctx;
  GArray                     *sensors;
  GArray                     *times;
  gboolean                    fill;        /* the second walk */
  PlantarLineReader           r;
  Sensor                     *current;
  guint                       frame;
  gboolean                    in_frame;
  gboolean                    in_group;
  guint                       frame_line;
} Walk;

/* "FRAME,n" starts a frame; a file's own header after it is a second
 * export joined on. */
static gboolean
walk_frame_line (Walk        *w,
                 PlantarSpan  line,
                 GError     **error)
{
  if (csv_value (line, "File:").p != line.end || csv_value (line, "Units:").p != line.end)
    {
      if (!w->in_frame)
        return TRUE;
      plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, w->r.line, 0,
                                _("a second file header after frame %u: two exports joined into one file; "
                                  "open each export on its own"), w->frame + 1);
      return FALSE;
    }
  if (w->in_frame)
    w->frame++;
  w->in_frame = TRUE;
  w->in_group = FALSE;
  w->current = NULL;
  w->frame_line = w->r.line;
  if (!w->fill)
    g_array_append_val (w->times, (double) { NAN });
  return TRUE;
}

/* "SENSOR,name": the block of one sensor in the frame. */
static gboolean
walk_sensor_line (Walk        *w,
                  PlantarSpan  name,
                  GError     **error)
{
  Sensor s = { 0 };

  w->in_group = FALSE;
  if (!w->in_frame)
    {
      plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_PARSE, w->r.line, 0,
                                _("a SENSOR block before any FRAME line"));
      return FALSE;
    }
  w->current = find_sensor (w->sensors, name);
  if (w->current != NULL)
    return TRUE;
  if (w->fill)
    {
      g_autofree char *text = plantar_span_dup_utf8 (name);
      plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, w->r.line, 0,
                                _("sensor “%s” appears only in later frames"), text);
      return FALSE;
    }
  s.name = plantar_span_dup_utf8 (name);
  s.first_line = w->r.line;
  g_array_append_val (w->sensors, s);
  w->current = &g_array_index (w->sensors, Sensor, w->sensors->len - 1);
  return TRUE;
}

/* "Rows,31" or "Columns,11": the same for a sensor in every frame. */
static gboolean
walk_size_line (Walk        *w,
                PlantarSpan  line,
                PlantarSpan  v,
                GError     **error)
{
  gboolean is_rows = g_ascii_strncasecmp (line.p, "Rows", 4) == 0;
  guint64 *field = is_rows ? &w->current->rows : &w->current->cols;
  guint64 n;

  if (!plantar_span_to_uint (v, &n) || n == 0)
    {
      g_autofree char *text = plantar_span_describe (v);
      plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_PARSE, w->r.line, 2,
                                _("expected a number of %s, found “%s”"), is_rows ? _("rows") : _("columns"), text);
      return FALSE;
    }
  if (w->fill)
    return TRUE;
  if (*field != 0 && *field != n)
    {
      plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, w->r.line, 2,
                                _("sensor “%s” had %" PRIu64 " %s in line %u, now %" PRIu64), w->current->name,
                                *field, is_rows ? _("rows") : _("columns"), w->current->first_line, n);
      return FALSE;
    }
  *field = n;
  return TRUE;
}

/* "Sensel Width (cm),0.86" and its height. */
static gboolean
walk_sensel_line (Walk        *w,
                  PlantarSpan  line,
                  PlantarSpan  v,
                  GError     **error)
{
  gboolean is_width = g_ascii_strncasecmp (line.p, "Sensel Width", 12) == 0;
  double cm;

  if (!plantar_span_to_double (v, &cm))
    {
      g_autofree char *text = plantar_span_describe (v);
      plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_PARSE, w->r.line, 2,
                                _("expected a sensel size in cm, found “%s”"), text);
      return FALSE;
    }
  if (!plantar_import_check_cell (w->ctx, w->r.line, is_width ? "Sensel Width (cm)" : "Sensel Height (cm)",
                                  cm * 10.0, error))
    return FALSE;
  if (is_width)
    w->current->cell_w = cm * 10.0;
  else
    w->current->cell_h = cm * 10.0;
  return TRUE;
}

/* "SENSELS" and the Rows lines of the current sensor's grid. */
static gboolean
walk_sensels (Walk    *w,
              GError **error)
{
  const PlantarRowFormat fmt = { ',', '.', PLANTAR_ABSENT_NONE, 1, NULL };
  Sensor *current = w->current;
  float *values = NULL;
  PlantarSpan line;
  guint64 row = 0;

  if (current->rows == 0 || current->cols == 0)
    {
      plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_PARSE, w->r.line, 0,
                                _("SENSELS of sensor “%s” come before its Rows and Columns"), current->name);
      return FALSE;
    }
  if (w->fill)
    values = plantar_scan_get_frame_mutable (current->scan, current->frames);
  while (row < current->rows)
    {
      if (!plantar_line_reader_next (&w->r, &line))
        {
          plantar_import_set_error (error, w->ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, w->r.line, 0,
                                    _("the file ends in frame %u (line %u), after %" PRIu64
                                      " of the %" PRIu64 " rows of sensor “%s”"),
                                    w->frame + 1, w->frame_line, row, current->rows, current->name);
          return FALSE;
        }
      if (is_empty_csv_line (line))
        continue;
      if (w->fill && !plantar_row_parse (w->ctx, w->r.line, line, &fmt, current->cols,
                                         values + row * current->cols, NULL, error))
        return FALSE;
      row++;
    }
  /* a frame counts once its grid is complete */
  current->frames++;
  w->current = NULL;
  return TRUE;
}

/* One line of the file. */
static gboolean
walk_line (Walk        *w,
           PlantarSpan  line,
           GError     **error)
{
  PlantarSpan v;

  if (csv_value (line, "FRAME").p != line.end || csv_value (line, "File:").p != line.end ||
      csv_value (line, "Units:").p != line.end)
    return walk_frame_line (w, line, error);
  if ((v = csv_value (line, "Time")).p != line.end && w->in_frame)
    {
      double ms;
      if (!w->fill && parse_clock (v, &ms))
        g_array_index (w->times, double, w->frame) = ms;
      return TRUE;
    }
  if ((v = csv_value (line, "SENSOR")).p != line.end)
    return walk_sensor_line (w, v, error);
  if (csv_value (line, "GROUP").p != line.end)
    {
      w->in_group = TRUE;
      return TRUE;
    }
  if (w->current == NULL || w->in_group)
    return TRUE;
  if ((v = csv_value (line, "Rows")).p != line.end || (v = csv_value (line, "Columns")).p != line.end)
    return walk_size_line (w, line, v, error);
  if ((v = csv_value (line, "Sensel Width (cm)")).p != line.end ||
      (v = csv_value (line, "Sensel Height (cm)")).p != line.end)
    return walk_sensel_line (w, line, v, error);
  if (plantar_span_has_prefix (line, "SENSELS"))
    return walk_sensels (w, error);
  return TRUE;
}

/* Walks the file. The first walk (@fill FALSE) finds the sensors and their
 * sizes; the second fills their scans. */
static gboolean
walk (const PlantarImportContext *ctx,
      GArray                     *sensors,
      GArray                     *times,
      gboolean                    fill,
      guint                      *n_frames_out,
      GError                    **error)
{
  Walk w = { ctx, sensors, times, fill };
  PlantarSpan line;

  plantar_line_reader_init (&w.r, ctx->data, ctx->length);
  while (plantar_line_reader_next (&w.r, &line))
    if (line.p != line.end && !is_empty_csv_line (line) && !walk_line (&w, line, error))
      return FALSE;
  if (w.in_frame)
    w.frame++;
  *n_frames_out = w.frame;
  return TRUE;
}

GPtrArray *
plantar_load_xsensor (const PlantarImportContext *ctx,
                      GError                    **error)
{
  g_autoptr(GArray) sensors = g_array_new (FALSE, TRUE, sizeof (Sensor));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) scans = NULL;
  const PlantarPressureUnit *unit = NULL;
  PlantarLineReader r;
  PlantarSpan line, v;
  guint n_frames = 0;
  gboolean times_ok = TRUE;

  g_array_set_clear_func (sensors, sensor_clear);

  /* the units, once for the file */
  plantar_line_reader_init (&r, ctx->data, ctx->length);
  while (plantar_line_reader_next (&r, &line) && r.line < 100)
    if ((v = csv_value (line, "Units:")).p != line.end)
      {
        unit = plantar_import_units (ctx, r.line, v, error);
        if (unit == NULL)
          return NULL;
        break;
      }

  if (!walk (ctx, sensors, times, FALSE, &n_frames, error))
    return NULL;
  if (sensors->len == 0 || n_frames == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_EMPTY, 0, 0,
                                _("no FRAME with a SENSOR block"));
      return NULL;
    }

  for (guint i = 0; i < sensors->len; i++)
    {
      Sensor *s = &g_array_index (sensors, Sensor, i);
      if (s->frames + 1 == n_frames && i + 1 == sensors->len)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0,
                                    _("the file ends in frame %u, before the grid of sensor “%s”"),
                                    n_frames, s->name);
          return NULL;
        }
      if (s->frames != n_frames)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, s->first_line, 0,
                                    _("sensor “%s” has a grid in %u of the %u frames"), s->name, s->frames, n_frames);
          return NULL;
        }
      if (s->rows == 0 || s->cols == 0)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, s->first_line, 0,
                                    _("sensor “%s” has no Rows and Columns"), s->name);
          return NULL;
        }
      if (!plantar_import_check_size (ctx, s->first_line, s->cols, s->rows, n_frames, error) ||
          !plantar_import_check_fits (ctx, s->first_line, s->cols * s->rows * n_frames, error))
        return NULL;
      s->scan = plantar_scan_new_pressure (s->cols, s->rows, n_frames, error);
      if (s->scan == NULL)
        return NULL;
      s->frames = 0;
    }

  if (!walk (ctx, sensors, times, TRUE, &n_frames, error))
    return NULL;

  for (guint f = 0; f < times->len; f++)
    {
      double *t = &g_array_index (times, double, f);
      if (isnan (*t))
        times_ok = FALSE;
      else if (f > 0 && *t < t[-1])
        *t += 24 * 3600 * 1000.0; /* past midnight */
    }

  scans = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scan_unref);
  for (guint i = 0; i < sensors->len; i++)
    {
      Sensor *s = &g_array_index (sensors, Sensor, i);
      PlantarScan *scan = g_steal_pointer (&s->scan);
      g_autofree char *lower = g_ascii_strdown (s->name, -1);

      plantar_import_apply_units (scan, unit ? unit : plantar_pressure_unit_lookup ("mmHg", -1));
      if (unit == NULL)
        {
          plantar_scan_set_units_assumed (scan, TRUE);
          plantar_scan_add_warning (scan, _("The file has no “Units:” line; XSENSOR's mmHg was assumed."));
        }
      if (s->cell_w > 0 && s->cell_h > 0)
        plantar_scan_set_cell_size (scan, s->cell_w, s->cell_h);
      if (times_ok)
        plantar_import_frame_time (scan, (double *) (void *) times->data, times->len);
      plantar_scan_set_sensor_name (scan, s->name);
      plantar_scan_set_device (scan, "XSENSOR X4");

      /* insole pairs are named …-LF / …-RF */
      if (strstr (lower, "-lf") || strstr (lower, "left"))
        plantar_scan_set_side (scan, PLANTAR_SIDE_LEFT);
      else if (strstr (lower, "-rf") || strstr (lower, "right"))
        plantar_scan_set_side (scan, PLANTAR_SIDE_RIGHT);
      if (strstr (lower, "-lf") || strstr (lower, "-rf") || strstr (lower, "insole"))
        {
          plantar_scan_set_in_shoe (scan, TRUE);
          plantar_scan_add_warning (scan, _("Sensor “%s” is an insole: the print shows the load inside a "
                                            "shoe, so arch indices are indicative only."), s->name);
        }
      g_ptr_array_add (scans, scan);
    }

  return g_steal_pointer (&scans);
}

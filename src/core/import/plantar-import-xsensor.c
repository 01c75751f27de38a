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
  const PlantarRowFormat fmt = { ',', '.', PLANTAR_ABSENT_NONE, 1, NULL };
  PlantarLineReader r;
  PlantarSpan line, v;
  Sensor *current = NULL;
  guint frame = 0;
  gboolean in_frame = FALSE;
  gboolean in_group = FALSE;
  guint frame_line = 0;

  plantar_line_reader_init (&r, ctx->data, ctx->length);
  while (plantar_line_reader_next (&r, &line))
    {
      if (line.p == line.end || is_empty_csv_line (line))
        continue;

      if ((v = csv_value (line, "FRAME")).p != line.end)
        {
          if (in_frame)
            frame++;
          in_frame = TRUE;
          in_group = FALSE;
          current = NULL;
          frame_line = r.line;
          if (!fill)
            g_array_append_val (times, (double) { NAN });
          continue;
        }
      if ((v = csv_value (line, "Time")).p != line.end && in_frame && !fill)
        {
          double ms;
          if (parse_clock (v, &ms))
            g_array_index (times, double, frame) = ms;
          continue;
        }
      if ((v = csv_value (line, "SENSOR")).p != line.end)
        {
          in_group = FALSE;
          if (!in_frame)
            {
              plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, r.line, 0,
                                        _("a SENSOR block before any FRAME line"));
              return FALSE;
            }
          current = find_sensor (sensors, v);
          if (current == NULL)
            {
              Sensor s = { 0 };
              if (fill)
                {
                  g_autofree char *name = plantar_span_dup_utf8 (v);
                  plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, r.line, 0,
                                            _("sensor “%s” appears only in later frames"), name);
                  return FALSE;
                }
              s.name = plantar_span_dup_utf8 (v);
              s.first_line = r.line;
              g_array_append_val (sensors, s);
              current = &g_array_index (sensors, Sensor, sensors->len - 1);
            }
          continue;
        }
      if ((v = csv_value (line, "GROUP")).p != line.end)
        {
          in_group = TRUE;
          continue;
        }
      if (current == NULL || in_group)
        continue;

      if ((v = csv_value (line, "Rows")).p != line.end || (v = csv_value (line, "Columns")).p != line.end)
        {
          gboolean is_rows = g_ascii_strncasecmp (line.p, "Rows", 4) == 0;
          guint64 n;
          if (!plantar_span_to_uint (v, &n) || n == 0)
            {
              g_autofree char *text = plantar_span_describe (v);
              plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, r.line, 2,
                                        _("expected a number of %s, found “%s”"),
                                        is_rows ? _("rows") : _("columns"), text);
              return FALSE;
            }
          if (!fill)
            {
              guint64 *field = is_rows ? &current->rows : &current->cols;
              if (*field != 0 && *field != n)
                {
                  plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, r.line, 2,
                                            _("sensor “%s” had %" PRIu64 " %s in line %u, "
                                              "now %" PRIu64),
                                            current->name, *field, is_rows ? _("rows") : _("columns"),
                                            current->first_line, n);
                  return FALSE;
                }
              *field = n;
            }
          continue;
        }
      if ((v = csv_value (line, "Sensel Width (cm)")).p != line.end ||
          (v = csv_value (line, "Sensel Height (cm)")).p != line.end)
        {
          gboolean is_width = g_ascii_strncasecmp (line.p, "Sensel Width", 12) == 0;
          double cm;
          if (!plantar_span_to_double (v, &cm) || !(cm > 0) || cm > 100)
            {
              g_autofree char *text = plantar_span_describe (v);
              plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, r.line, 2,
                                        _("expected a sensel size in cm, found “%s”"), text);
              return FALSE;
            }
          if (is_width)
            current->cell_w = cm * 10.0;
          else
            current->cell_h = cm * 10.0;
          continue;
        }
      if (plantar_span_has_prefix (line, "SENSELS"))
        {
          float *values = NULL;
          guint64 row = 0;

          if (current->rows == 0 || current->cols == 0)
            {
              plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, r.line, 0,
                                        _("SENSELS of sensor “%s” come before its Rows and Columns"),
                                        current->name);
              return FALSE;
            }
          if (fill)
            values = plantar_scan_get_frame_mutable (current->scan, current->frames) ;
          while (row < current->rows)
            {
              if (!plantar_line_reader_next (&r, &line))
                {
                  plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, r.line, 0,
                                            _("the file ends in frame %u (line %u), after %" PRIu64
                                              " of the %" PRIu64 " rows of sensor “%s”"),
                                            frame + 1, frame_line, row, current->rows, current->name);
                  return FALSE;
                }
              if (is_empty_csv_line (line))
                continue;
              if (fill && !plantar_row_parse (ctx, r.line, line, &fmt, current->cols,
                                              values + row * current->cols, NULL, error))
                return FALSE;
              row++;
            }
          /* a frame counts once its grid is complete */
          current->frames++;
          current = NULL;
          continue;
        }
    }

  if (in_frame)
    frame++;
  *n_frames_out = frame;
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

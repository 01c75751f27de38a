/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-pedcad"

#include "config.h"

#include <math.h>

#include "plantar-import-private.h"

/*
 * pedcad import file (.apd), written by Zebris and footscan software for
 * insole CAD:
 *
 *   [General]
 *   Description=pedcad Importfile
 *   UnitDistance=mm
 *   UnitPressure=N/cm2
 *   [Customer]
 *   FirstName=...  LastName=...
 *   [Technical]
 *   SensCountX=32      sensors along the plate (the walking direction)
 *   SensCountY=15      sensors across it
 *   LDistX=8.46591     sensor pitch along X
 *   LDistY=8.46591
 *   [Data]             (or [Data1], [Data2] ... one per frame)
 *   SensCountX lines of SensCountY values, -1 = no sensor
 *
 * Each data line runs across the plate, so the lines of the file become the
 * rows of the scan: the foot points down the page.
 */

typedef struct {
  guint        line;    /* of the section title */
  PlantarSpan  body;    /* the lines after it */
} DataSection;

gboolean
plantar_sniff_pedcad (PlantarSpan head)
{
  return (plantar_span_find (head, "[General]") != NULL && plantar_span_contains_ci (head, "pedcad")) ||
         (plantar_span_find (head, "[Technical]") != NULL && plantar_span_find (head, "SensCountX") != NULL);
}

static gboolean
get_number (const PlantarImportContext *ctx,
            GHashTable                 *keys,
            const char                 *key,
            gboolean                    required,
            double                     *out,
            GError                    **error)
{
  PlantarSpan *v = g_hash_table_lookup (keys, key);

  if (v == NULL)
    {
      if (required)
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, 0, 0,
                                  _("the [Technical] section has no “%s”"), key);
      return !required;
    }
  if (!plantar_span_to_double (v[0], out) || !isfinite (*out) || *out <= 0)
    {
      g_autofree char *text = plantar_span_describe (v[0]);
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, GPOINTER_TO_UINT (v[1].p), 0,
                                _("“%s” must be a positive number, found “%s”"), key, text);
      return FALSE;
    }
  return TRUE;
}

static char *
get_string (GHashTable *keys,
            const char *key)
{
  PlantarSpan *v = g_hash_table_lookup (keys, key);
  return v ? plantar_span_dup_utf8 (v[0]) : NULL;
}

GPtrArray *
plantar_load_pedcad (const PlantarImportContext *ctx,
                     GError                    **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) sections = g_array_new (FALSE, FALSE, sizeof (DataSection));
  g_autoptr(PlantarScan) scan = NULL;
  g_autofree char *section = NULL;
  g_autofree char *first = NULL, *last = NULL, *date = NULL, *time = NULL, *source = NULL;
  const PlantarPressureUnit *unit = NULL;
  PlantarLineReader r;
  PlantarSpan line;
  double count_x = 0, count_y = 0, dist_x = 0, dist_y = 0;
  guint width, height;
  gboolean lines_are_x;
  double unit_mm = 1.0;
  guint pad[4] = { 0, 0, 0, 0 };
  guint8 *mask;

  /* Sections and key=value pairs; [Data…] bodies are kept as spans. */
  plantar_line_reader_init (&r, ctx->data, ctx->length);
  while (plantar_line_reader_next (&r, &line))
    {
      PlantarSpan t = plantar_span_trim (line);
      const char *eq;

      if (t.p < t.end && *t.p == '[' && t.end[-1] == ']')
        {
          g_free (section);
          section = g_strndup (t.p + 1, plantar_span_len (t) - 2);
          if (g_ascii_strncasecmp (section, "Data", 4) == 0)
            {
              DataSection d = { r.line, { r.pos, r.pos } };
              g_array_append_val (sections, d);
            }
          continue;
        }

      if (section != NULL && g_ascii_strncasecmp (section, "Data", 4) == 0)
        {
          DataSection *d = &g_array_index (sections, DataSection, sections->len - 1);
          if (t.p < t.end)
            d->body.end = line.end;
          continue;
        }

      eq = memchr (t.p, '=', plantar_span_len (t));
      if (eq != NULL && section != NULL)
        {
          PlantarSpan *v = g_new (PlantarSpan, 2);
          g_autofree char *k = g_strndup (t.p, eq - t.p);
          v[0] = plantar_span_trim ((PlantarSpan) { eq + 1, t.end });
          v[1].p = GUINT_TO_POINTER (r.line); /* where, for messages */
          v[1].end = NULL;
          g_hash_table_insert (keys, g_strdup_printf ("%s/%s", section, g_strstrip (k)), v);
        }
    }

  if (!get_number (ctx, keys, "Technical/SensCountX", TRUE, &count_x, error) ||
      !get_number (ctx, keys, "Technical/SensCountY", TRUE, &count_y, error) ||
      !get_number (ctx, keys, "Technical/LDistX", FALSE, &dist_x, error) ||
      !get_number (ctx, keys, "Technical/LDistY", FALSE, &dist_y, error))
    return NULL;

  if (count_x != floor (count_x) || count_y != floor (count_y) ||
      !plantar_import_check_size (ctx, 0, count_y, count_x, MAX (sections->len, 1), error))
    {
      if (error && *error == NULL)
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, 0, 0,
                                  _("SensCountX and SensCountY must be whole numbers"));
      return NULL;
    }

  if (sections->len == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, r.line, 0,
                                _("no [Data] section: the file holds no pressure image"));
      return NULL;
    }

  {
    g_autofree char *u = get_string (keys, "General/UnitPressure");
    PlantarSpan us = { u ? u : "N/cm2", (u ? u : "N/cm2") + strlen (u ? u : "N/cm2") };
    PlantarSpan *where = g_hash_table_lookup (keys, "General/UnitPressure");
    unit = plantar_import_units (ctx, where ? GPOINTER_TO_UINT (where[1].p) : 0, us, error);
    if (unit == NULL)
      return NULL;
  }
  {
    g_autofree char *ud = get_string (keys, "General/UnitDistance");
    if (ud && g_ascii_strcasecmp (ud, "cm") == 0)
      unit_mm = 10.0;
    else if (ud && g_ascii_strcasecmp (ud, "mm") != 0)
      {
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_UNKNOWN_UNITS, 0, 0,
                                  _("unknown distance unit “%s”; expected mm or cm"), ud);
        return NULL;
      }
  }

  /* Which way do the lines run? Count the first section's data lines. */
  {
    DataSection *d = &g_array_index (sections, DataSection, 0);
    PlantarLineReader dr;
    guint n_lines = 0, n_fields = 0;

    plantar_line_reader_init (&dr, d->body.p, plantar_span_len (d->body));
    while (plantar_line_reader_next (&dr, &line))
      if (!plantar_span_is_blank (line))
        {
          if (n_lines == 0)
            n_fields = plantar_row_count_fields (line, memchr (line.p, '\t', plantar_span_len (line)) ? '\t' : ' ');
          n_lines++;
        }
    lines_are_x = !(n_lines == count_y && n_fields == count_x && count_x != count_y);
  }

  if (!plantar_import_check_fits (ctx, 0, (guint64) count_x * count_y * sections->len, error))
    return NULL;
  /* the image is a window of a larger plate: keep a row of empty sensors
   * around it where the plate goes on, so that a foot is not taken for
   * cut off by the plate's edge */
  {
    double start_x = 0, start_y = 0, max_x = 0, max_y = 0;
    get_number (ctx, keys, "Technical/StartSensX", FALSE, &start_x, NULL);
    get_number (ctx, keys, "Technical/StartSensY", FALSE, &start_y, NULL);
    get_number (ctx, keys, "Technical/MaxSensorsX", FALSE, &max_x, NULL);
    get_number (ctx, keys, "Technical/MaxSensorsY", FALSE, &max_y, NULL);
    pad[0] = start_x > 0;                                  /* before the first X line */
    pad[1] = max_x > 0 && start_x + count_x < max_x;       /* after the last */
    pad[2] = start_y > 0;
    pad[3] = max_y > 0 && start_y + count_y < max_y;
  }
  if (!lines_are_x)
    {
      guint t0 = pad[0], t1 = pad[1];
      pad[0] = pad[2];
      pad[1] = pad[3];
      pad[2] = t0;
      pad[3] = t1;
    }
  /* rows: pad[0] above, pad[1] below; columns: pad[2] left, pad[3] right */
  height = (lines_are_x ? count_x : count_y) + pad[0] + pad[1];
  width = (lines_are_x ? count_y : count_x) + pad[2] + pad[3];
  scan = plantar_scan_new_pressure (width, height, sections->len, error);
  if (scan == NULL)
    return NULL;
  mask = plantar_scan_ensure_mask (scan);
  memset (mask, 1, (gsize) width * height);

  for (guint s = 0; s < sections->len; s++)
    {
      DataSection *d = &g_array_index (sections, DataSection, s);
      PlantarLineReader dr;
      float *values = plantar_scan_get_frame_mutable (scan, s);
      guint inner_w = width - pad[2] - pad[3], inner_h = height - pad[0] - pad[1];
      g_autofree guint8 *row_mask = g_malloc (inner_w);
      guint row = 0;

      plantar_line_reader_init (&dr, d->body.p, plantar_span_len (d->body));
      dr.line = d->line;
      while (plantar_line_reader_next (&dr, &line))
        {
          g_autofree char *width_source = g_strdup_printf (_("SensCount%s %u"), lines_are_x ? "Y" : "X", inner_w);
          PlantarRowFormat fmt = { '\t', '.', PLANTAR_ABSENT_MINUS_ONE, 1, width_source };

          if (plantar_span_is_blank (line))
            continue;
          if (row >= inner_h)
            {
              plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, dr.line, 0,
                                        _("[%s] has more than the %u lines that SensCount%s announces"),
                                        s == 0 && sections->len == 1 ? "Data" : "Data…", inner_h,
                                        lines_are_x ? "X" : "Y");
              return NULL;
            }
          if (!memchr (line.p, '\t', plantar_span_len (line)))
            fmt.separator = ' ';
          memset (row_mask, 1, inner_w);
          if (!plantar_row_parse (ctx, dr.line, line, &fmt, inner_w,
                                  values + (gsize) (row + pad[0]) * width + pad[2], row_mask, error))
            return NULL;
          /* -1 marks a cell without a sensor value; it is absent only if it
           * is absent in every frame */
          for (guint c = 0; c < inner_w; c++)
            {
              gsize cell = (gsize) (row + pad[0]) * width + c + pad[2];
              if (s == 0)
                mask[cell] = row_mask[c];
              else
                mask[cell] |= row_mask[c];
            }
          row++;
        }
      if (row < inner_h)
        {
          plantar_import_set_error (error, ctx, r.pos >= r.end && s == sections->len - 1
                                                  ? PLANTAR_IMPORT_ERROR_TRUNCATED : PLANTAR_IMPORT_ERROR_INCONSISTENT,
                                    dr.line, 0,
                                    _("the data section starting at line %u has %u lines, SensCount%s says %u"),
                                    d->line, row, lines_are_x ? "X" : "Y", inner_h);
          return NULL;
        }
    }

  plantar_import_apply_units (scan, unit);
  if (dist_x > 0 && dist_y > 0)
    plantar_scan_set_cell_size (scan, (lines_are_x ? dist_y : dist_x) * unit_mm,
                                (lines_are_x ? dist_x : dist_y) * unit_mm);

  first = get_string (keys, "Customer/FirstName");
  last = get_string (keys, "Customer/LastName");
  if (first || last)
    {
      g_autofree char *subject = g_strjoin (" ", first ? first : "", last ? last : "", NULL);
      plantar_scan_set_subject (scan, g_strstrip (subject));
    }
  date = get_string (keys, "General/Date");
  time = get_string (keys, "General/Time");
  if (date)
    {
      g_autofree char *when = g_strjoin (" ", date, time ? time : "", NULL);
      plantar_scan_set_date (scan, g_strstrip (when));
    }
  source = get_string (keys, "General/Source");
  if (source)
    {
      g_autofree char *clean = g_strdup (source);
      g_strdelimit (clean, "<>", ' ');
      g_autofree char *device = g_strdup_printf ("%s (pedcad)", g_strstrip (clean));
      plantar_scan_set_device (scan, device);
    }
  if (sections->len == 1)
    plantar_scan_add_warning (scan, _("A pedcad file holds a pressure image prepared for insole "
                                      "design, usually the maximum of a step."));

  return plantar_import_single (g_steal_pointer (&scan));
}

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

/* Sections and key=value pairs; the [Data…] bodies are kept as spans. */
static void
read_sections (const PlantarImportContext *ctx,
               GHashTable                 *keys,
               GArray                     *sections)
{
  g_autofree char *section = NULL;
  PlantarLineReader r;
  PlantarSpan line;

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
}

/* What the file says of its grid: what pedcad calls X and Y, their
 * pitch, its units. */
typedef struct {
  double                     count_x, count_y, dist_x, dist_y;
  double                     unit_mm;
  const PlantarPressureUnit *unit;
  gboolean                   lines_are_x;   /* each data line runs across X */
  guint                      width, height;
} Grid;

static guint
key_line (GHashTable *keys,
          const char *key)
{
  PlantarSpan *v = g_hash_table_lookup (keys, key);
  return v ? GPOINTER_TO_UINT (v[1].p) : 0;
}

static gboolean
read_grid (const PlantarImportContext *ctx,
           GHashTable                 *keys,
           GArray                     *sections,
           Grid                       *g,
           GError                    **error)
{
  g_autofree char *u = get_string (keys, "General/UnitPressure");
  g_autofree char *ud = get_string (keys, "General/UnitDistance");
  PlantarSpan us = { u ? u : "N/cm2", (u ? u : "N/cm2") + strlen (u ? u : "N/cm2") };

  if (!get_number (ctx, keys, "Technical/SensCountX", TRUE, &g->count_x, error) ||
      !get_number (ctx, keys, "Technical/SensCountY", TRUE, &g->count_y, error) ||
      !get_number (ctx, keys, "Technical/LDistX", FALSE, &g->dist_x, error) ||
      !get_number (ctx, keys, "Technical/LDistY", FALSE, &g->dist_y, error))
    return FALSE;
  if (g->count_x != floor (g->count_x) || g->count_y != floor (g->count_y) ||
      !plantar_import_check_size (ctx, 0, g->count_y, g->count_x, MAX (sections->len, 1), error))
    {
      if (error && *error == NULL)
        plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, 0, 0,
                                  _("SensCountX and SensCountY must be whole numbers"));
      return FALSE;
    }
  if (sections->len == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, 0, 0,
                                _("no [Data] section: the file holds no pressure image"));
      return FALSE;
    }
  g->unit = plantar_import_units (ctx, key_line (keys, "General/UnitPressure"), us, error);
  if (g->unit == NULL)
    return FALSE;
  g->unit_mm = 1.0;
  if (ud && g_ascii_strcasecmp (ud, "cm") == 0)
    g->unit_mm = 10.0;
  else if (ud && g_ascii_strcasecmp (ud, "mm") != 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_UNKNOWN_UNITS, 0, 0,
                                _("unknown distance unit “%s”; expected mm or cm"), ud);
      return FALSE;
    }
  if ((g->dist_x > 0 && !plantar_import_check_cell (ctx, key_line (keys, "Technical/LDistX"), "LDistX",
                                                    g->dist_x * g->unit_mm, error)) ||
      (g->dist_y > 0 && !plantar_import_check_cell (ctx, key_line (keys, "Technical/LDistY"), "LDistY",
                                                    g->dist_y * g->unit_mm, error)))
    return FALSE;

  /* which way the lines run: count the first section's data lines */
  {
    DataSection *d = &g_array_index (sections, DataSection, 0);
    PlantarLineReader dr;
    PlantarSpan line;
    guint n_lines = 0, n_fields = 0;

    plantar_line_reader_init (&dr, d->body.p, plantar_span_len (d->body));
    while (plantar_line_reader_next (&dr, &line))
      if (!plantar_span_is_blank (line))
        {
          if (n_lines == 0)
            n_fields = plantar_row_count_fields (line, memchr (line.p, '\t', plantar_span_len (line)) ? '\t' : ' ');
          n_lines++;
        }
    g->lines_are_x = !(n_lines == g->count_y && n_fields == g->count_x && g->count_x != g->count_y);
  }
  g->height = g->lines_are_x ? g->count_x : g->count_y;
  g->width = g->lines_are_x ? g->count_y : g->count_x;
  return plantar_import_check_fits (ctx, 0, (guint64) g->count_x * g->count_y * sections->len, error);
}

/* The image is a window of a larger plate: where the plate goes on past
 * it, a foot at the window's edge is not cut off by the plate. */
static PlantarEdges
open_edges (const PlantarImportContext *ctx,
            GHashTable                 *keys,
            const Grid                 *g)
{
  double start_x = 0, start_y = 0, max_x = 0, max_y = 0;
  gboolean before_x, after_x, before_y, after_y;

  get_number (ctx, keys, "Technical/StartSensX", FALSE, &start_x, NULL);
  get_number (ctx, keys, "Technical/StartSensY", FALSE, &start_y, NULL);
  get_number (ctx, keys, "Technical/MaxSensorsX", FALSE, &max_x, NULL);
  get_number (ctx, keys, "Technical/MaxSensorsY", FALSE, &max_y, NULL);
  before_x = start_x > 0;
  after_x = max_x > 0 && start_x + g->count_x < max_x;
  before_y = start_y > 0;
  after_y = max_y > 0 && start_y + g->count_y < max_y;
  /* the data lines are the scan's rows */
  if (g->lines_are_x)
    return (before_x ? PLANTAR_EDGE_TOP : 0) | (after_x ? PLANTAR_EDGE_BOTTOM : 0) |
           (before_y ? PLANTAR_EDGE_LEFT : 0) | (after_y ? PLANTAR_EDGE_RIGHT : 0);
  return (before_y ? PLANTAR_EDGE_TOP : 0) | (after_y ? PLANTAR_EDGE_BOTTOM : 0) |
         (before_x ? PLANTAR_EDGE_LEFT : 0) | (after_x ? PLANTAR_EDGE_RIGHT : 0);
}

/* One [Data…] section: a frame; -1 marks a cell without a sensor value,
 * absent only if it is absent in every frame. */
static gboolean
read_data (const PlantarImportContext *ctx,
           const DataSection          *d,
           const Grid                 *g,
           guint                       s,
           guint                       n_sections,
           PlantarScan                *scan,
           GError                    **error)
{
  g_autofree char *width_source = g_strdup_printf (_("SensCount%s %u"), g->lines_are_x ? "Y" : "X", g->width);
  g_autofree guint8 *row_mask = g_malloc (g->width);
  float *values = plantar_scan_get_frame_mutable (scan, s);
  guint8 *mask = plantar_scan_ensure_mask (scan);
  PlantarLineReader dr;
  PlantarSpan line;
  guint row = 0;

  plantar_line_reader_init (&dr, d->body.p, plantar_span_len (d->body));
  dr.line = d->line;
  while (plantar_line_reader_next (&dr, &line))
    {
      PlantarRowFormat fmt = { '\t', '.', PLANTAR_ABSENT_MINUS_ONE, 1, width_source };

      if (plantar_span_is_blank (line))
        continue;
      if (row >= g->height)
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, dr.line, 0,
                                    _("[%s] has more than the %u lines that SensCount%s announces"),
                                    s == 0 && n_sections == 1 ? "Data" : "Data…", g->height, g->lines_are_x ? "X" : "Y");
          return FALSE;
        }
      if (!memchr (line.p, '\t', plantar_span_len (line)))
        fmt.separator = ' ';
      memset (row_mask, 1, g->width);
      if (!plantar_row_parse (ctx, dr.line, line, &fmt, g->width, values + (gsize) row * g->width, row_mask, error))
        return FALSE;
      for (guint c = 0; c < g->width; c++)
        {
          gsize cell = (gsize) row * g->width + c;
          mask[cell] = s == 0 ? row_mask[c] : mask[cell] | row_mask[c];
        }
      row++;
    }
  if (row < g->height)
    {
      gboolean at_end = d->body.end >= ctx->data + ctx->length - 2 && s == n_sections - 1;
      plantar_import_set_error (error, ctx, at_end ? PLANTAR_IMPORT_ERROR_TRUNCATED : PLANTAR_IMPORT_ERROR_INCONSISTENT,
                                dr.line, 0, _("the data section starting at line %u has %u lines, SensCount%s says %u"),
                                d->line, row, g->lines_are_x ? "X" : "Y", g->height);
      return FALSE;
    }
  return TRUE;
}

/* Who, when and from which software. */
static void
describe_scan (PlantarScan *scan,
               GHashTable  *keys,
               guint        n_sections)
{
  g_autofree char *first = get_string (keys, "Customer/FirstName");
  g_autofree char *last = get_string (keys, "Customer/LastName");
  g_autofree char *date = get_string (keys, "General/Date");
  g_autofree char *time = get_string (keys, "General/Time");
  g_autofree char *source = get_string (keys, "General/Source");

  if (first || last)
    {
      g_autofree char *subject = g_strjoin (" ", first ? first : "", last ? last : "", NULL);
      plantar_scan_set_subject (scan, g_strstrip (subject));
    }
  if (date)
    {
      g_autofree char *when = g_strjoin (" ", date, time ? time : "", NULL);
      plantar_scan_set_date (scan, g_strstrip (when));
    }
  if (source)
    {
      g_autofree char *clean = g_strdup (source);
      g_autofree char *device = NULL;
      g_strdelimit (clean, "<>", ' ');
      device = g_strdup_printf ("%s (pedcad)", g_strstrip (clean));
      plantar_scan_set_device (scan, device);
    }
  if (n_sections == 1)
    plantar_scan_add_warning (scan, _("A pedcad file holds a pressure image prepared for insole "
                                      "design, usually the maximum of a step."));
}

GPtrArray *
plantar_load_pedcad (const PlantarImportContext *ctx,
                     GError                    **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) sections = g_array_new (FALSE, FALSE, sizeof (DataSection));
  g_autoptr(PlantarScan) scan = NULL;
  Grid g = { 0 };

  read_sections (ctx, keys, sections);
  if (!read_grid (ctx, keys, sections, &g, error))
    return NULL;
  scan = plantar_scan_new_pressure (g.width, g.height, sections->len, error);
  if (scan == NULL)
    return NULL;
  for (guint s = 0; s < sections->len; s++)
    if (!read_data (ctx, &g_array_index (sections, DataSection, s), &g, s, sections->len, scan, error))
      return NULL;

  plantar_import_apply_units (scan, g.unit);
  if (g.dist_x > 0 && g.dist_y > 0)
    plantar_scan_set_cell_size (scan, (g.lines_are_x ? g.dist_y : g.dist_x) * g.unit_mm,
                                (g.lines_are_x ? g.dist_x : g.dist_y) * g.unit_mm);
  plantar_scan_set_open_edges (scan, open_edges (ctx, keys, &g));
  describe_scan (scan, keys, sections->len);
  return plantar_import_single (g_steal_pointer (&scan));
}

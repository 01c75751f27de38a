/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-zebris"

#include "config.h"

#include <inttypes.h>

#include <math.h>

#include "plantar-import-private.h"

/*
 * Zebris FDM / FDM-T raw export (tab separated):
 *
 *   Person  <name>            Creation date  23/05/2008 12:23:17
 *   ...a table of forces per frame, skipped...
 *   Platform {
 *   Columns 128
 *   Lines   56
 *   Cell width,mm   8.47
 *   Cell height,mm  8.46
 *   Units   N/cm^2
 *   Frame count     1472
 *   Frequency       100.00
 *
 *   Frame 1 {
 *   Exercise1
 *   Time, ms  0.00
 *   Center of force (x99,y26)
 *
 *           x1  x2 ... x128
 *   y1  0.00  0.00 ...
 *   ...
 *   y56 ...
 *   }
 */

typedef struct {
  guint64     columns, lines, frame_count;
  guint       platform_line, columns_line, lines_line, count_line;
  double      cell_w, cell_h, frequency;
  PlantarSpan units;
  guint       units_line;
  char       *person;
  char       *created;
  char       *record;
  char       *application;
} ZebrisHeader;

static void
zebris_header_clear (ZebrisHeader *h)
{
  g_free (h->person);
  g_free (h->created);
  g_free (h->record);
  g_free (h->application);
}

gboolean
plantar_sniff_zebris (PlantarSpan head)
{
  return plantar_span_find (head, "Platform {") != NULL ||
         (plantar_span_find (head, "Frame 1 {") != NULL && plantar_span_find (head, "Center of force") != NULL) ||
         (plantar_span_find (head, "Exercises\t{") != NULL && plantar_span_find (head, "Frequency,Hz") != NULL);
}

/* "Key<TAB>value"; the key may hold blanks and commas ("Cell width,mm"). */
static PlantarSpan
tab_value (PlantarSpan  line,
           const char  *key)
{
  PlantarSpan v = { line.end, line.end };
  gsize n = strlen (key);

  if (plantar_span_len (line) > n && memcmp (line.p, key, n) == 0 && line.p[n] == '\t')
    {
      v.p = line.p + n + 1;
      v = plantar_span_trim (v);
    }
  return v;
}

/* One "Key<TAB>value" line of the Platform block. */
static gboolean
parse_platform_line (const PlantarImportContext *ctx,
                     guint                       line_no,
                     PlantarSpan                 line,
                     ZebrisHeader               *h,
                     GError                    **error)
{
  static const struct {
    const char *key;
    gsize       count;      /* offset of a guint64 count, or 0 */
    gsize       where;      /* offset of its guint line number */
  } counts[] = {
    { "Columns", G_STRUCT_OFFSET (ZebrisHeader, columns), G_STRUCT_OFFSET (ZebrisHeader, columns_line) },
    { "Lines", G_STRUCT_OFFSET (ZebrisHeader, lines), G_STRUCT_OFFSET (ZebrisHeader, lines_line) },
    { "Frame count", G_STRUCT_OFFSET (ZebrisHeader, frame_count), G_STRUCT_OFFSET (ZebrisHeader, count_line) },
  };
  PlantarSpan v;

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if ((v = tab_value (line, counts[i].key)).p != line.end)
      {
        G_STRUCT_MEMBER (guint, h, counts[i].where) = line_no;
        return plantar_import_header_uint (ctx, line_no, counts[i].key, v,
                                           &G_STRUCT_MEMBER (guint64, h, counts[i].count), error);
      }
  if ((v = tab_value (line, "Cell width,mm")).p != line.end)
    return plantar_import_header_length (ctx, line_no, "Cell width,mm", v, 1, &h->cell_w, error);
  if ((v = tab_value (line, "Cell height,mm")).p != line.end)
    return plantar_import_header_length (ctx, line_no, "Cell height,mm", v, 1, &h->cell_h, error);
  if ((v = tab_value (line, "Units")).p != line.end)
    {
      h->units = v;
      h->units_line = line_no;
    }
  else if ((v = tab_value (line, "Frequency")).p != line.end && plantar_span_to_double (v, &h->frequency) &&
           h->frequency != 0)
    return plantar_import_check_frame (ctx, line_no, "Frequency", 1000.0 / h->frequency, error);
  return TRUE;
}

static gboolean
parse_header (const PlantarImportContext *ctx,
              PlantarLineReader          *r,
              ZebrisHeader               *h,
              GError                    **error)
{
  PlantarSpan line, v;
  gboolean in_platform = FALSE;

  while (plantar_line_reader_peek (r, &line))
    {
      if (plantar_span_has_prefix (line, "Frame ") && plantar_span_find (line, "{") != NULL &&
          !plantar_span_has_prefix (line, "Frame count"))
        return TRUE;
      plantar_line_reader_next (r, &line);

      if (!in_platform)
        {
          if (plantar_span_has_prefix (plantar_span_trim (line), "Platform {"))
            {
              in_platform = TRUE;
              h->platform_line = r->line;
            }
          else if ((v = tab_value (line, "Person")).p != line.end)
            plantar_span_replace_str (v, &h->person);
          else if ((v = tab_value (line, "Creation date")).p != line.end)
            plantar_span_replace_str (v, &h->created);
          else if ((v = tab_value (line, "Record")).p != line.end)
            plantar_span_replace_str (v, &h->record);
          else if ((v = tab_value (line, "Application")).p != line.end)
            plantar_span_replace_str (v, &h->application);
          continue;
        }

      if (!parse_platform_line (ctx, r->line, line, h, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_frame_line (PlantarSpan line)
{
  return line.p < line.end && line.p[0] == 'F' && plantar_span_has_prefix (line, "Frame ") && line.end[-1] == '{';
}

/* What the Platform block announces, against the frames the file holds. */
static gboolean
check_header (const PlantarImportContext  *ctx,
              const ZebrisHeader          *h,
              guint64                      n_frames,
              guint                        line,
              const PlantarPressureUnit  **unit,
              GError                     **error)
{
  if (h->platform_line == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, line, 0,
                                _("no “Platform {” block: the file holds the force table only, or it was cut short"));
      return FALSE;
    }
  if (h->columns == 0 || h->lines == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, h->platform_line, 0,
                                _("the Platform block must give “Columns” and “Lines” of at least 1"));
      return FALSE;
    }
  if (h->units.p != NULL && (*unit = plantar_import_units (ctx, h->units_line, h->units, error)) == NULL)
    return FALSE;
  if (n_frames == 0)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, line, 0,
                                _("the file ends after the Platform block: no frames"));
      return FALSE;
    }
  if (h->count_line > 0 && n_frames > h->frame_count)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, h->count_line, 0,
                                _("“Frame count” says %" PRIu64 ", but the file holds %" PRIu64 " frames"),
                                h->frame_count, n_frames);
      return FALSE;
    }
  return plantar_import_check_size (ctx, h->columns_line, h->columns, h->lines, MAX (n_frames, h->frame_count),
                                    error) &&
         plantar_import_check_fits (ctx, h->columns_line, h->columns * h->lines * n_frames, error);
}

/* "Frame N {" and the lines before the column titles, with its time. */
static gboolean
read_frame_header (const PlantarImportContext *ctx,
                   PlantarLineReader          *r,
                   PlantarSpan                 line,
                   guint64                     frame,
                   double                     *time_ms,
                   gboolean                   *has_time,
                   GError                    **error)
{
  PlantarSpan num;
  guint64 number;

  if (!plantar_span_has_prefix (line, "Frame "))
    {
      g_autofree char *text = plantar_span_describe (line);
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, r->line, 0,
                                _("expected “Frame %" PRIu64 " {”, found “%s”"), frame + 1, text);
      return FALSE;
    }
  num.p = line.p + 6;
  num.end = memchr (num.p, ' ', line.end - num.p);
  if (num.end == NULL || !plantar_span_to_uint (num, &number) || number != frame + 1)
    {
      g_autofree char *text = plantar_span_describe (line);
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_INCONSISTENT, r->line, 0,
                                _("expected “Frame %" PRIu64 " {”, found “%s”"), frame + 1, text);
      return FALSE;
    }

  *has_time = FALSE;
  for (;;)
    {
      PlantarSpan v;
      if (!plantar_line_reader_next (r, &line))
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, r->line, 0,
                                    _("the file ends in the header of frame %" PRIu64), frame + 1);
          return FALSE;
        }
      if (line.p < line.end && line.p[0] == '\t')
        return TRUE;
      if ((v = tab_value (line, "Time, ms")).p != line.end)
        {
          if (!plantar_span_to_double (v, time_ms) || !isfinite (*time_ms))
            {
              g_autofree char *text = plantar_span_describe (v);
              plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, r->line, 2,
                                        _("expected a time in ms, found “%s”"), text);
              return FALSE;
            }
          *has_time = TRUE;
        }
      if (plantar_span_has_prefix (line, "y1\t") || plantar_span_equal (line, "}"))
        {
          plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_PARSE, r->line, 0,
                                    _("frame %" PRIu64 " has no line of column titles (x1, x2, …)"), frame + 1);
          return FALSE;
        }
    }
}

/* The "yN" lines of cells of a frame, and the "}" that closes it. */
static gboolean
read_frame_cells (const PlantarImportContext *ctx,
                  PlantarLineReader          *r,
                  const ZebrisHeader         *h,
                  const PlantarRowFormat     *fmt,
                  guint64                     frame,
                  float                      *values,
                  GError                    **error)
{
  PlantarSpan line;
  gboolean at_end;

  for (guint64 row = 0; row < h->lines; row++)
    {
      PlantarSpan data;

      if (!plantar_line_reader_next (r, &line) || line.p == line.end || line.p[0] != 'y')
        {
          at_end = r->pos >= r->end && (line.p == line.end || line.p[0] != 'y');
          plantar_import_set_error (error, ctx,
                                    at_end ? PLANTAR_IMPORT_ERROR_TRUNCATED : PLANTAR_IMPORT_ERROR_INCONSISTENT,
                                    r->line, 0,
                                    at_end ? _("the file ends in frame %" PRIu64 ", after %" PRIu64 " of its %" PRIu64
                                               " lines")
                                           : _("frame %" PRIu64 " has %" PRIu64
                                               " lines of cells, but “Lines” says %" PRIu64),
                                    frame + 1, row, h->lines);
          return FALSE;
        }
      data = line;
      if (!plantar_row_skip_label (&data, '\t') ||
          !plantar_row_parse (ctx, r->line, data, fmt, h->columns, values + row * h->columns, NULL, error))
        {
          if (error && *error == NULL)
            plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_RAGGED, r->line, 0,
                                      _("a line of cells holds no values"));
          return FALSE;
        }
    }
  if (plantar_line_reader_next (r, &line) && plantar_span_has_prefix (plantar_span_trim (line), "}"))
    return TRUE;
  at_end = r->pos >= r->end;
  plantar_import_set_error (error, ctx, at_end ? PLANTAR_IMPORT_ERROR_TRUNCATED : PLANTAR_IMPORT_ERROR_INCONSISTENT,
                            r->line, 0,
                            at_end ? _("the file ends before frame %" PRIu64 " is closed by “}”")
                                   : _("frame %" PRIu64 " has more than the %" PRIu64 " lines of cells that “Lines” says"),
                            frame + 1, h->lines);
  return FALSE;
}

/* Every frame; @times gets each one's time when they all have one. */
static gboolean
read_frames (const PlantarImportContext *ctx,
             PlantarLineReader          *r,
             const ZebrisHeader         *h,
             PlantarScan                *scan,
             double                     *times,
             gboolean                   *have_times,
             GError                    **error)
{
  g_autofree char *width_source = g_strdup_printf (_("“Columns” %" PRIu64 ", line %u"), h->columns, h->columns_line);
  PlantarRowFormat fmt = { '\t', '.', PLANTAR_ABSENT_NONE, 2, width_source };
  PlantarSpan line;
  guint64 frame = 0;

  *have_times = TRUE;
  while (plantar_line_reader_next (r, &line))
    {
      gboolean has_time;

      if (line.p == line.end || (line.end - line.p == 1 && line.p[0] == '\r'))
        continue;
      if (!read_frame_header (ctx, r, line, frame, &times[frame], &has_time, error) ||
          !read_frame_cells (ctx, r, h, &fmt, frame, plantar_scan_get_frame_mutable (scan, frame), error))
        return FALSE;
      *have_times = *have_times && has_time;
      frame++;
    }
  if (h->count_line > 0 && frame < h->frame_count)
    {
      plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_TRUNCATED, r->line, 0,
                                _("the file ends after %" PRIu64 " of the %" PRIu64
                                  " frames that “Frame count” announces"), frame, h->frame_count);
      return FALSE;
    }
  return TRUE;
}

/* Units, scale, time and who was measured. */
static void
describe_scan (PlantarScan               *scan,
               const ZebrisHeader        *h,
               const PlantarPressureUnit *unit,
               const double              *times,
               gboolean                   have_times)
{
  if (unit != NULL)
    plantar_import_apply_units (scan, unit);
  else
    {
      /* Zebris platforms measure N/cm²; the export says so when it says anything. */
      plantar_import_apply_units (scan, plantar_pressure_unit_lookup ("N/cm2", -1));
      plantar_scan_set_units_assumed (scan, TRUE);
      plantar_scan_add_warning (scan, _("The Platform block gives no units; Zebris's N/cm² was assumed."));
    }
  if (h->cell_w > 0 && h->cell_h > 0)
    plantar_scan_set_cell_size (scan, h->cell_w, h->cell_h);
  if (h->frequency > 0)
    plantar_scan_set_frame_ms (scan, 1000.0 / h->frequency);
  if (have_times)
    plantar_import_frame_time (scan, times, plantar_scan_get_n_frames (scan));
  plantar_scan_set_subject (scan, h->person);
  plantar_scan_set_date (scan, h->created);
  plantar_scan_set_description (scan, h->record);
  {
    g_autofree char *device = g_strdup_printf ("zebris FDM%s%s", h->application ? " " : "",
                                               h->application ? h->application : "");
    plantar_scan_set_device (scan, device);
  }
}

GPtrArray *
plantar_load_zebris (const PlantarImportContext *ctx,
                     GError                    **error)
{
  PlantarLineReader r;
  ZebrisHeader h = { 0 };
  const PlantarPressureUnit *unit = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  g_autofree double *times = NULL;
  guint64 n_frames = 0;
  gboolean have_times = FALSE;
  gboolean ok;

  plantar_line_reader_init (&r, ctx->data, ctx->length);
  ok = parse_header (ctx, &r, &h, error);
  if (ok)
    n_frames = plantar_import_count_frames (&r, is_frame_line);
  ok = ok && check_header (ctx, &h, n_frames, r.line, &unit, error) &&
       (scan = plantar_scan_new_pressure (h.columns, h.lines, n_frames, error)) != NULL;
  if (ok)
    {
      times = g_new0 (double, n_frames);
      ok = read_frames (ctx, &r, &h, scan, times, &have_times, error);
    }
  if (ok)
    describe_scan (scan, &h, unit, times, have_times);
  zebris_header_clear (&h);
  return ok ? plantar_import_single (g_steal_pointer (&scan)) : NULL;
}

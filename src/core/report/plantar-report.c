/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-report"

#include "config.h"

#include <glib/gstdio.h>

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "plantar-pdf.h"
#include "plantar-report-private.h"

/* The fitting report: one flow of items (the feet, the suggestion, the
 * reasons, the measurements, the notes, the caveat) laid out on pages of
 * any size, drawn with the same code for the printer and for PDF. Text is
 * real text; an item too tall for what is left of a page moves to the
 * next one, and long text is cut between lines, never clipped. */

G_DEFINE_QUARK (plantar-report-error-quark, plantar_report_error)

const ReportFont report_fonts[N_FONTS] = {
  [FONT_BODY] = { 9.5, PANGO_WEIGHT_NORMAL },
  [FONT_SMALL] = { 7.5, PANGO_WEIGHT_NORMAL },
  [FONT_BOLD] = { 9.5, PANGO_WEIGHT_BOLD },
  [FONT_HEADING] = { 12, PANGO_WEIGHT_BOLD },
  [FONT_TITLE] = { 17, PANGO_WEIGHT_BOLD },
};

void
plantar_report_info_init (PlantarReportInfo *info)
{
  memset (info, 0, sizeof *info);
  info->detail = PLANTAR_REPORT_STORE;
  info->unit = PLANTAR_LENGTH_MM;
  info->shoe_allowance_mm = 15;
  info->colormap = PLANTAR_COLORMAP_PERCEPTUAL;
}

void
plantar_paper_get_size (PlantarPaper  paper,
                        double       *width_pt,
                        double       *height_pt)
{
  if (paper == PLANTAR_PAPER_LETTER)
    {
      *width_pt = 612;
      *height_pt = 792;
    }
  else
    {
      *width_pt = 595.276;
      *height_pt = 841.89;
    }
}

gboolean
plantar_paper_from_string (const char   *name,
                           PlantarPaper *paper)
{
  if (g_ascii_strcasecmp (name, "a4") == 0)
    *paper = PLANTAR_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0 || g_ascii_strcasecmp (name, "us-letter") == 0)
    *paper = PLANTAR_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------ text */

void
report_set_rgb (cairo_t *cr,
                guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

PangoLayout *
report_make_layout (PlantarReport *self,
                    const char    *text,
                    Font           font,
                    double         width,
                    PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (self->pango);
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, report_fonts[font].size * PANGO_SCALE);
  pango_font_description_set_weight (desc, report_fonts[font].weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (MAX (1, width) * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

double
report_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

void
report_show_layout (cairo_t     *cr,
                    PangoLayout *layout,
                    double       x,
                    double       y,
                    guint32      rgb)
{
  report_set_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* ------------------------------------------------------------ the flow */

static void
item_clear (Item *item)
{
  for (guint i = 0; i < item->n_cells; i++)
    g_clear_pointer (&item->cells[i].text, g_free);
}

static void
item_free (gpointer data)
{
  item_clear (data);
  g_free (data);
}

static void
placed_clear (gpointer data)
{
  item_clear (&((Placed *) data)->item);
}

/* ------------------------------------------------------------ building */

static cairo_surface_t *
load_logo (const char *path)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  int w, h, n, stride;
  const guchar *src;
  guchar *dst;

  if (path == NULL || *path == '\0')
    return NULL;
  /* a logo is small: a picture of 40000 × 40000 pixels would take minutes
   * and gigabytes to scale down, and is left out at once */
  {
    int fw = 0, fh = 0;
    GStatBuf st;
    if (g_stat (path, &st) != 0 || st.st_size > (20 << 20) ||
        gdk_pixbuf_get_file_info (path, &fw, &fh) == NULL || (gint64) fw * fh > 40000000)
      {
        g_message ("The logo %s is left out of the report: not a picture, or larger than 20 MB or "
                   "40 megapixels (%d × %d)", path, fw, fh);
        return NULL;
      }
  }
  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, 480, 176, TRUE, &error);
  if (pixbuf == NULL)
    {
      g_message ("The logo %s is left out of the report: %s", path, error->message);
      return NULL;
    }
  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  n = gdk_pixbuf_get_n_channels (pixbuf);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  stride = cairo_image_surface_get_stride (surface);
  dst = cairo_image_surface_get_data (surface);
  src = gdk_pixbuf_read_pixels (pixbuf);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guchar *s = src + y * gdk_pixbuf_get_rowstride (pixbuf) + x * n;
        guint a = n == 4 ? s[3] : 255;
        guint32 *d = (guint32 *) (dst + y * stride) + x;
        *d = (a << 24) | ((s[0] * a / 255) << 16) | ((s[1] * a / 255) << 8) | (s[2] * a / 255);
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static char *
key_line (PlantarReport     *self,
          const PlantarFoot *foot)
{
  PlantarCategory c;
  g_autofree char *length = NULL, *title = NULL;

  if (foot == NULL)
    return g_strdup (_("Not measured"));
  length = plantar_format_length (foot->foot_length_mm, self->info.unit);
  if (isfinite (foot->arch_index) &&
      plantar_thresholds_categorize (self->thresholds, "arch_index", foot->arch_index, &c))
    title = plantar_category_title ("arch_index", c.category);
  if (isfinite (foot->arch_index))
    /* TRANSLATORS: under a foot in the report: "Arch index 0.259 · Normal arch · 258.0 mm" */
    return g_strdup_printf (_("Arch index %.3f · %s · %s"), foot->arch_index, title ? title : "", length);
  return g_strdup (length);
}

/* What a report shows of a fitting: its feet, as they were when it was
 * asked for. Feet and scans never change once measured, so a worker can
 * lay the report out while the fitting goes on. */
typedef struct {
  PlantarFoot *feet[2];    /* the numbers: a step, or a side's mean */
  PlantarFoot *shown[2];   /* the step drawn */
  PlantarScan *scans[2];
  JsonObject  *insole[2];  /* the designer's changes to each insole */
  PlantarGait  gait;       /* a recording's */
} ReportFeet;

static void
report_feet_take (ReportFeet        *f,
                  PlantarFitting    *fitting,
                  PlantarThresholds *thresholds)
{
  plantar_gait_for_fitting (fitting, thresholds, &f->gait);
  if (f->gait.treadmill)
    plantar_gait_compute_cop (plantar_gait_recording (fitting), &f->gait);
  for (int s = 0; s < 2; s++)
    {
      PlantarSide side = s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      PlantarFoot *foot = plantar_fitting_get_foot (fitting, side);
      PlantarFoot *shown = plantar_fitting_get_shown (fitting, side);
      PlantarScan *scan = plantar_fitting_get_shown_scan (fitting, side);

      f->feet[s] = foot ? plantar_foot_ref (foot) : NULL;
      f->shown[s] = shown ? plantar_foot_ref (shown) : NULL;
      f->scans[s] = scan && shown ? plantar_scan_ref (scan) : NULL;
      if (plantar_fitting_get_insole_overrides (fitting, side) != NULL)
        {
          /* a copy: the fitting goes on changing while a worker lays out */
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                            plantar_fitting_get_insole_overrides (fitting, side));
          g_autofree char *text = json_to_string (node, FALSE);
          g_autoptr(JsonNode) copy = json_from_string (text, NULL);
          f->insole[s] = copy ? json_object_ref (json_node_get_object (copy)) : NULL;
        }
    }
}

static void
report_feet_clear (ReportFeet *f)
{
  for (int s = 0; s < 2; s++)
    {
      g_clear_pointer (&f->feet[s], plantar_foot_unref);
      g_clear_pointer (&f->shown[s], plantar_foot_unref);
      g_clear_pointer (&f->scans[s], plantar_scan_unref);
      g_clear_pointer (&f->insole[s], json_object_unref);
    }
  plantar_gait_clear (&f->gait);
}

static char *
dup_nonempty (const char *text)
{
  return text && *text ? g_strdup (text) : NULL;
}

/* The report of @f: steals the feet and the scans. */
static PlantarReport *
report_new (ReportFeet              *f,
            const PlantarAdvice     *advice,
            PlantarThresholds       *thresholds,
            const PlantarReportInfo *info,
            GError                 **error)
{
  PlantarReport *self;
  g_autoptr(GDateTime) now = NULL;
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options;

  if (f->feet[0] == NULL && f->feet[1] == NULL)
    {
      report_feet_clear (f);
      g_set_error (error, PLANTAR_REPORT_ERROR, PLANTAR_REPORT_ERROR_NO_FEET,
                   _("There is no measured foot to report on: open a scan of one or both feet"));
      return NULL;
    }

  self = g_new0 (PlantarReport, 1);
  self->thresholds = plantar_thresholds_ref (thresholds ? thresholds : plantar_thresholds_get_builtin ());
  self->info = *info;
  self->info.shop_name = g_strdup (info->shop_name);
  self->info.shop_address = dup_nonempty (info->shop_address);
  self->info.shop_logo = g_strdup (info->shop_logo);
  self->info.customer = g_strdup (info->customer);
  self->info.fitter = info->fitter && *info->fitter
                      /* TRANSLATORS: who did the fitting, in the report */
                      ? g_strdup_printf (_("Fitted by %s"), info->fitter) : NULL;
  self->info.notes = g_strdup (info->notes);
  self->info.date = NULL;
  now = info->date ? g_date_time_ref (info->date) : g_date_time_new_now_local ();
  /* TRANSLATORS: the date of a fitting, see g_date_time_format() */
  self->date = g_date_time_format (now, _("%-d %B %Y"));
  self->logo = load_logo (info->shop_logo);

  /* points, with no hinting: the same layout on paper and in a PDF */
  self->pango = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->pango, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);

  for (int s = 0; s < 2; s++)
    {
      self->feet[s] = g_steal_pointer (&f->feet[s]);
      self->shown[s] = g_steal_pointer (&f->shown[s]);
      self->scans[s] = g_steal_pointer (&f->scans[s]);
      self->keys[s] = key_line (self, self->feet[s]);
      if (self->keys[s] != NULL && self->scans[s] != NULL && plantar_scan_get_in_shoe (self->scans[s]))
        {
          /* TRANSLATORS: after a foot's key line in the report, for an insole's recording */
          char *with = g_strdup_printf (_("%s · measured in a shoe: indicative only"), self->keys[s]);
          g_free (self->keys[s]);
          self->keys[s] = with;
        }
      if (self->scans[s] != NULL && plantar_scan_is_pressure (self->scans[s]))
        {
          g_autoptr(PlantarMap) map = plantar_map_new (self->scans[s], self->shown[s]);
          self->pressure = TRUE;
          self->max_kpa = MAX (self->max_kpa, plantar_map_get_max_value (map, -1));
        }
    }
  /* a clinic's report carries the insoles' order sheet */
  for (int s = 0; info->detail == PLANTAR_REPORT_CLINIC && advice != NULL && s < 2; s++)
    {
      PlantarSide side = s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      g_autoptr(GError) design_error = NULL;
      PlantarInsoleParams params;
      if (self->shown[s] == NULL)
        continue;
      if (plantar_insole_params_for_foot (&params, advice->rules, plantar_advice_get_foot (advice, side), f->insole[s],
                                          &design_error))
        self->insoles[s] = plantar_insole_design (self->shown[s], &params, &design_error);
      if (self->insoles[s] == NULL)
        self->insole_errors[s] = g_strdup (design_error->message);
    }
  /* the gait goes with the report */
  self->gait = f->gait;
  f->gait.steps = NULL;
  f->gait.cop = NULL;
  report_feet_clear (f);
  /* both feet on one scale, in round steps */
  if (info->max_kpa > 0)
    self->max_kpa = info->max_kpa;
  else if (self->max_kpa > 0)
    self->max_kpa = ceil (self->max_kpa / 50) * 50;

  self->items = g_ptr_array_new_with_free_func (item_free);
  self->placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  g_array_set_clear_func (self->placed, placed_clear);
  report_build_flow (self, advice);
  return self;
}

/**
 * plantar_report_new:
 *
 * The report of @fitting as it is now, laid out by the rules' @advice.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL when neither
 *   foot was measured
 */
PlantarReport *
plantar_report_new (PlantarFitting          *fitting,
                    const PlantarAdvice     *advice,
                    PlantarThresholds       *thresholds,
                    const PlantarReportInfo *info,
                    GError                 **error)
{
  ReportFeet f = { { NULL } };

  report_feet_take (&f, fitting, thresholds);
  return report_new (&f, advice, thresholds, info, error);
}

void
plantar_report_free (PlantarReport *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->pango);
  g_clear_pointer (&self->thresholds, plantar_thresholds_unref);
  g_free ((char *) self->info.shop_name);
  g_free ((char *) self->info.shop_address);
  g_free ((char *) self->info.shop_logo);
  g_free ((char *) self->info.customer);
  g_free ((char *) self->info.fitter);
  g_free ((char *) self->info.notes);
  g_free (self->date);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  for (int s = 0; s < 2; s++)
    {
      g_clear_pointer (&self->scans[s], plantar_scan_unref);
      g_clear_pointer (&self->shown[s], plantar_foot_unref);
      g_clear_pointer (&self->feet[s], plantar_foot_unref);
      g_clear_pointer (&self->insoles[s], plantar_insole_free);
      g_free (self->insole_errors[s]);
      g_free (self->keys[s]);
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->placed, g_array_unref);
  plantar_gait_clear (&self->gait);
  g_free (self->gait_line);
  g_free (self);
}

/**
 * plantar_report_write_pdf:
 *
 * Writes the report as a PDF, replacing @path only once it is whole.
 */
static void
draw_page_cb (cairo_t  *cr,
              guint     page,
              gpointer  data)
{
  plantar_report_draw_page (data, cr, page);
}

gboolean
plantar_report_write_pdf (PlantarReport *self,
                          PlantarPaper   paper,
                          const char    *path,
                          GError       **error)
{
  g_autoptr(GError) write_error = NULL;
  double w, h;
  guint pages;

  plantar_paper_get_size (paper, &w, &h);
  pages = plantar_report_paginate (self, w, h);
  if (!plantar_pdf_write (path, w, h, pages, _("Fitting report"), self->info.shop_name, draw_page_cb, self,
                          &write_error))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, PLANTAR_REPORT_ERROR, PLANTAR_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s"), name, write_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ in a worker */

typedef struct {
  ReportFeet         feet;
  PlantarRules      *rules;
  PlantarAnswers     answers;
  PlantarThresholds *thresholds;
  PlantarReportInfo  info;       /* its strings owned */
  PlantarPaper       paper;
  char              *path;
} PdfJob;

static void
pdf_job_free (PdfJob *job)
{
  report_feet_clear (&job->feet);
  g_clear_pointer (&job->rules, plantar_rules_unref);
  plantar_answers_clear (&job->answers);
  g_clear_pointer (&job->thresholds, plantar_thresholds_unref);
  g_free ((char *) job->info.shop_name);
  g_free ((char *) job->info.shop_address);
  g_free ((char *) job->info.shop_logo);
  g_free ((char *) job->info.customer);
  g_free ((char *) job->info.fitter);
  g_free ((char *) job->info.notes);
  g_clear_pointer (&job->info.date, g_date_time_unref);
  g_free (job->path);
  g_free (job);
}

static void
pdf_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PdfJob *job = task_data;
  g_autoptr(PlantarAdvice) advice = plantar_rules_suggest_gait (job->rules, job->feet.feet[0], job->feet.feet[1],
                                                                &job->answers, job->thresholds, &job->feet.gait);
  g_autoptr(PlantarReport) report = NULL;
  GError *error = NULL;

  report = report_new (&job->feet, advice, job->thresholds, &job->info, &error);
  if (report == NULL || !plantar_report_write_pdf (report, job->paper, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * plantar_report_write_pdf_async:
 *
 * The report of @fitting as it is now, suggested by @rules from @answers,
 * laid out and written as a PDF in a worker thread.
 */
void
plantar_report_write_pdf_async (PlantarFitting          *fitting,
                                PlantarRules            *rules,
                                const PlantarAnswers    *answers,
                                PlantarThresholds       *thresholds,
                                const PlantarReportInfo *info,
                                PlantarPaper             paper,
                                const char              *path,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PdfJob *job = g_new0 (PdfJob, 1);

  report_feet_take (&job->feet, fitting, thresholds);
  job->rules = plantar_rules_ref (rules);
  plantar_answers_copy (answers, &job->answers);
  if (!(job->info.body_mass_kg > 0) && answers != NULL)
    job->info.body_mass_kg = answers->body_mass_kg;
  job->thresholds = plantar_thresholds_ref (thresholds ? thresholds : plantar_thresholds_get_builtin ());
  job->info = *info;
  job->info.shop_name = g_strdup (info->shop_name);
  job->info.shop_address = g_strdup (info->shop_address);
  job->info.shop_logo = g_strdup (info->shop_logo);
  job->info.customer = g_strdup (info->customer);
  job->info.fitter = g_strdup (info->fitter);
  job->info.notes = g_strdup (info->notes);
  job->info.date = info->date ? g_date_time_ref (info->date) : g_date_time_new_now_local ();
  job->paper = paper;
  job->path = g_strdup (path);
  g_task_set_source_tag (task, plantar_report_write_pdf_async);
  g_task_set_task_data (task, job, (GDestroyNotify) pdf_job_free);
  g_task_run_in_thread (task, pdf_thread);
}

gboolean
plantar_report_write_pdf_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

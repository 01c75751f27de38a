/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-guide"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "plantar-guide.h"
#include "plantar-pdf.h"
#include "plantar-render.h"
#include "plantar-synth.h"

#define FONT_FAMILY "Cantarell, DejaVu Sans, Sans"
#define INK         0x1f1f1f
#define GREY        0x5e5c64
#define ACCENT      0x1c71d8

typedef struct {
  const char *title;
  const char *text;
} Step;

struct _PlantarGuide
{
  cairo_surface_t *pictures[3];   /* the print, the photo, the photo in Plantar */
  PlantarSheet     sheet;         /* where the sheet lies in the photo */
};

/* ------------------------------------------------------------ the pictures */

/* A right foot in the middle of an A4 sheet. */
static void
guide_foot (PlantarSynthFoot *foot)
{
  plantar_synth_foot_init (foot, PLANTAR_SIDE_RIGHT, 250);
  foot->arch = 0.4;
  foot->heel_x_mm = 105;
  foot->heel_y_mm = 148 + 125 - foot->heel_width_mm / 2;
}

static cairo_surface_t *
surface_from_rgb (const guint8 *rgb,
                  guint         width,
                  guint         height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (guint y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (void *) (data + (gsize) y * stride);
      const guint8 *p = rgb + (gsize) y * width * 3;
      for (guint x = 0; x < width; x++, p += 3)
        row[x] = 0xff000000u | (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The wet print on brown paper, as the sheet is seen from above. */
static cairo_surface_t *
draw_print (const PlantarScan *sheet)
{
  guint w = plantar_scan_get_width (sheet), h = plantar_scan_get_height (sheet);
  const guint8 *grey = plantar_scan_get_pixels (sheet);
  g_autofree guint8 *rgb = g_malloc ((gsize) w * h * 3);
  const double paper[3] = { 0xc4, 0x9a, 0x6c }, wet[3] = { 0x6a, 0x4a, 0x30 };

  for (gsize i = 0; i < (gsize) w * h; i++)
    {
      double t = grey[i] / 255.0;
      for (guint c = 0; c < 3; c++)
        rgb[3 * i + c] = (guint8) (wet[c] + t * (paper[c] - wet[c]));
    }
  return surface_from_rgb (rgb, w, h);
}

/**
 * plantar_guide_new:
 *
 * The guide, its pictures drawn: a print, the phone's photo of it on a
 * wooden floor, and that photo with the sheet Plantar finds outlined.
 */
PlantarGuide *
plantar_guide_new (void)
{
  PlantarGuide *guide = g_new0 (PlantarGuide, 1);
  PlantarSynthPhoto photo;
  PlantarSynthFoot foot;
  g_autoptr(PlantarScan) sheet = NULL;
  g_autofree guint8 *rgb = NULL;
  g_autoptr(GError) error = NULL;

  guide_foot (&foot);
  plantar_synth_photo_init (&photo);
  photo.width = 720;
  photo.height = 540;
  photo.tilt_deg = 12;
  photo.turn_deg = 8;
  photo.fill = 0.8;
  photo.light_gradient = 0.15;
  photo.paper_rgb = 0xc49a6c;
  photo.ink_rgb = 0x6a4a30;
  photo.floor = PLANTAR_SYNTH_FLOOR_TILE;
  sheet = plantar_synth_render_sheet (&photo, &foot, 1, 60, &error);
  if (sheet == NULL)
    {
      g_warning ("The guide's pictures could not be drawn: %s", error->message);
      return guide;
    }
  guide->pictures[0] = draw_print (sheet);
  rgb = plantar_synth_render_photo (&photo, sheet, &guide->sheet);
  guide->pictures[1] = surface_from_rgb (rgb, photo.width, photo.height);
  guide->pictures[2] = surface_from_rgb (rgb, photo.width, photo.height);
  {
    /* as Plantar shows it: the sheet outlined, the floor dimmed */
    cairo_t *cr = cairo_create (guide->pictures[2]);
    cairo_rectangle (cr, 0, 0, photo.width, photo.height);
    cairo_move_to (cr, guide->sheet.x[0], guide->sheet.y[0]);
    for (guint i = 1; i < 4; i++)
      cairo_line_to (cr, guide->sheet.x[i], guide->sheet.y[i]);
    cairo_close_path (cr);
    cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
    cairo_fill (cr);
    cairo_move_to (cr, guide->sheet.x[0], guide->sheet.y[0]);
    for (guint i = 1; i < 4; i++)
      cairo_line_to (cr, guide->sheet.x[i], guide->sheet.y[i]);
    cairo_close_path (cr);
    cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
    cairo_set_line_width (cr, 5);
    cairo_stroke (cr);
    for (guint i = 0; i < 4; i++)
      {
        cairo_arc (cr, guide->sheet.x[i], guide->sheet.y[i], 14, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_fill_preserve (cr);
        cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
        cairo_set_line_width (cr, 4);
        cairo_stroke (cr);
      }
    cairo_destroy (cr);
  }
  return guide;
}

void
plantar_guide_free (PlantarGuide *guide)
{
  for (guint i = 0; i < G_N_ELEMENTS (guide->pictures); i++)
    g_clear_pointer (&guide->pictures[i], cairo_surface_destroy);
  g_free (guide);
}

/* ------------------------------------------------------------ the page */

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* Text in a column of @width points at (@x, @y); the height it took. */
static double
text (cairo_t    *cr,
      const char *markup,
      double      size,
      int         weight,
      guint32     rgb,
      double      x,
      double      y,
      double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);
  PangoRectangle logical;

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  set_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_extents (layout, NULL, &logical);
  g_object_unref (layout);
  return logical.height / (double) PANGO_SCALE;
}

/* A picture fitted into a box, with rounded corners; its height. */
static double
picture (cairo_t         *cr,
         cairo_surface_t *surface,
         double           x,
         double           y,
         double           width,
         double           max_height)
{
  double sw, sh, s, w, h, r = 6;

  if (surface == NULL)
    return 0;
  sw = cairo_image_surface_get_width (surface);
  sh = cairo_image_surface_get_height (surface);
  s = MIN (width / sw, max_height / sh);
  w = sw * s;
  h = sh * s;
  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, s, s);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  return h;
}

/* A numbered circle beside a step's title. */
static void
step_number (cairo_t *cr,
             guint    n,
             double   x,
             double   y)
{
  g_autofree char *label = g_strdup_printf ("%u", n);

  cairo_arc (cr, x + 11, y + 11, 11, 0, 2 * G_PI);
  set_rgb (cr, ACCENT);
  cairo_fill (cr);
  text (cr, label, 13, PANGO_WEIGHT_BOLD, 0xffffff, x + (n == 1 ? 7.5 : 6.5), y + 3, 20);
}

/**
 * plantar_guide_draw_page:
 *
 * The guide on one page of @width × @height points (A4 or Letter, or a
 * window's area at that shape).
 */
void
plantar_guide_draw_page (PlantarGuide *guide,
                         cairo_t      *cr,
                         double        width,
                         double        height)
{
  const Step steps[] = {
    { N_("Make a print"),
      N_("Lay a sheet of paper on the floor: a brown paper bag cut open, or a white sheet. Wet the sole of one "
         "foot (on white paper, a little washable paint or ink instead), stand on the sheet with your weight "
         "on both feet, then lift the foot straight up. Do the other foot on a second sheet.") },
    { N_("Photograph it"),
      N_("Lay the sheet flat on a floor darker or more coloured than the paper. Hold the phone flat above it, "
         "with the whole sheet and all four corners in view, in even light, without the flash. A slight angle "
         "is fine: Plantar undoes it.") },
    { N_("Open the photo in Plantar"),
      N_("Plantar finds the sheet, undoes the angle and measures the print in true millimetres. If a corner of "
         "the outline is off, drag it to the sheet’s corner. The sheet is taken to be A4: choose Letter or "
         "another size beside the photo if yours is.") },
  };
  double margin = width * 0.07, inner = width - 2 * margin, y = margin, pic_w = inner * 0.42;
  double row_h;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  y += text (cr, _("Measure your feet at home"), 22, PANGO_WEIGHT_BOLD, INK, margin, y, inner);
  y += 4;
  y += text (cr, _("A print, a photo and Plantar: foot length and width, the arch and a shoe size, in three steps."),
             11, PANGO_WEIGHT_NORMAL, GREY, margin, y, inner);
  y += 18;
  row_h = (height - y - margin - 40) / G_N_ELEMENTS (steps);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double tx = margin + pic_w + 18, ty = y, pic_h;
      g_autofree char *title = g_markup_escape_text (_(steps[i].title), -1);
      g_autofree char *body = g_markup_escape_text (_(steps[i].text), -1);

      pic_h = picture (cr, guide->pictures[i], margin, y, pic_w, row_h - 18);
      step_number (cr, i + 1, tx, ty);
      ty += text (cr, title, 15, PANGO_WEIGHT_BOLD, INK, tx + 30, ty + 1, inner - pic_w - 48) + 8;
      text (cr, body, 10.5, PANGO_WEIGHT_NORMAL, INK, tx, ty, inner - pic_w - 18);
      y += MAX (pic_h, 0) + 18;
      y = MAX (y, ty + 10);
    }

  cairo_move_to (cr, margin, height - margin - 28);
  cairo_line_to (cr, width - margin, height - margin - 28);
  set_rgb (cr, 0xdeddda);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  text (cr, _("Plantar measures what the print shows. For pain, numbness, a wound or diabetes, see a podiatrist or "
              "a doctor."), 9, PANGO_WEIGHT_NORMAL, GREY, margin, height - margin - 20, inner);
  cairo_restore (cr);
}

typedef struct {
  PlantarGuide *guide;
  double        width, height;
} Page;

static void
draw_guide_cb (cairo_t  *cr,
               guint     page,
               gpointer  data)
{
  Page *p = data;
  plantar_guide_draw_page (p->guide, cr, p->width, p->height);
}

/**
 * plantar_guide_write_pdf:
 *
 * The guide as a one-page PDF, to print and keep beside the paper.
 */
gboolean
plantar_guide_write_pdf (PlantarGuide *guide,
                         PlantarPaper  paper,
                         const char   *path,
                         GError      **error)
{
  g_autoptr(GError) write_error = NULL;
  Page page = { guide, 0, 0 };

  plantar_paper_get_size (paper, &page.width, &page.height);
  if (!plantar_pdf_write (path, page.width, page.height, 1, _("Measure your feet at home"), NULL, draw_guide_cb,
                          &page, &write_error))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, PLANTAR_REPORT_ERROR, PLANTAR_REPORT_ERROR_WRITE,
                   _("Could not write the guide to “%s”: %s"), name, write_error->message);
      return FALSE;
    }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-report-private.h"

/* The report's pages: the flow laid out on pages of any size (an item
 * too tall for what is left of a page moves on, long text is cut between
 * lines), and each page drawn with its header and footer. */

/* A cell laid out in its column: half the column gap on each inner side. */
static PangoLayout *
cell_layout (PlantarReport *self,
             const Cell    *c,
             double         inner,
             double        *x)
{
  double gap = c->x > 0 ? COLUMN_GAP / 2 : 0;
  double right = c->x + c->width < 0.999 ? COLUMN_GAP / 2 : 0;

  if (x != NULL)
    *x = MARGIN + c->x * inner + gap;
  return report_make_layout (self, c->text, c->font, c->width * inner - gap - right, c->align);
}

/* More text than a page can hold in the smallest font: a long cell is
 * measured and cut by its first page's worth, so that pages of notes cost
 * a page each, not the whole rest of the notes each. */
#define PAGE_TEXT_BYTES 48000

/* @c with its text cut to a page's worth when longer (at a character's
 * boundary); NULL when it is short. */
static Cell *
page_of_cell (const Cell *c)
{
  Cell *cut;

  if (strlen (c->text) <= PAGE_TEXT_BYTES)
    return NULL;
  cut = g_new (Cell, 1);
  *cut = *c;
  cut->text = g_utf8_substring (c->text, 0, g_utf8_pointer_to_offset (c->text, g_utf8_find_prev_char (
                                                                        c->text, c->text + PAGE_TEXT_BYTES)));
  return cut;
}

static void
page_of_cell_free (Cell *cut)
{
  if (cut != NULL)
    g_free (cut->text);
  g_free (cut);
}

static double
cells_height (PlantarReport *self,
              const Item    *item,
              double         inner)
{
  double height = 0;

  for (guint i = 0; i < item->n_cells; i++)
    {
      const Cell *c = &item->cells[i];
      Cell *page = page_of_cell (c);
      g_autoptr(PangoLayout) layout = NULL;

      /* a page's worth taller than a page: that is all there is to know */
      if (page != NULL)
        {
          g_autoptr(PangoLayout) first = cell_layout (self, page, inner, NULL);
          double h = report_layout_height (first);
          page_of_cell_free (page);
          if (h >= self->page_h)
            {
              height = MAX (height, h);
              continue;
            }
        }
      layout = cell_layout (self, c, inner, NULL);
      height = MAX (height, *c->text ? report_layout_height (layout) : 0);
    }
  return height + 2 * item->pad;
}

static double
item_height (PlantarReport *self,
             const Item    *item,
             double         inner)
{
  switch (item->kind)
    {
    case ITEM_MAPS:
    case ITEM_INSOLES:
    case ITEM_STRIKES:
    case ITEM_FORCE:
    case ITEM_BUTTERFLY:
    case ITEM_REGIONS: return item->height;
    case ITEM_RULE: return 1;
    case ITEM_CELLS:
    default: return cells_height (self, item, inner);
    }
}

/* Cuts @item so that its first part is at most @room high: the first part
 * stays in @item, the rest goes to @rest. FALSE when not one line fits. */
static gboolean
split_item (PlantarReport *self,
            Item          *item,
            double         inner,
            double         room,
            Item          *rest)
{
  gboolean any = FALSE;

  *rest = *item;
  rest->space_before = 0;
  for (guint i = 0; i < item->n_cells; i++)
    {
      Cell *c = &item->cells[i];
      Cell *page = page_of_cell (c);
      g_autoptr(PangoLayout) layout = cell_layout (self, page ? page : c, inner, NULL);
      PangoLayoutIter *iter;
      int cut = -1;

      /* the cut lies in the first page's worth when that is taller than
       * the room; otherwise the whole text is laid out */
      if (page != NULL && report_layout_height (layout) <= room)
        {
          g_clear_object (&layout);
          layout = cell_layout (self, c, inner, NULL);
        }
      page_of_cell_free (page);
      iter = pango_layout_get_iter (layout);

      do
        {
          PangoRectangle line;
          pango_layout_iter_get_line_extents (iter, NULL, &line);
          if ((line.y + line.height) / (double) PANGO_SCALE > room - 2 * item->pad)
            {
              cut = pango_layout_iter_get_index (iter);
              break;
            }
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);

      if (cut < 0)
        {
          rest->cells[i].text = g_strdup ("");
          any = TRUE;
          continue;
        }
      if (cut > 0)
        any = TRUE;
      rest->cells[i].text = g_strdup (c->text + cut);
      g_strchug (rest->cells[i].text);
      c->text[cut] = '\0';
      g_strchomp (c->text);
    }
  if (!any)
    {
      /* put the texts back together */
      for (guint i = 0; i < item->n_cells; i++)
        {
          char *whole = g_strconcat (item->cells[i].text, rest->cells[i].text, NULL);
          g_free (item->cells[i].text);
          g_free (rest->cells[i].text);
          item->cells[i].text = whole;
        }
      return FALSE;
    }
  return TRUE;
}

static double
header_height (PlantarReport *self,
               guint          page)
{
  return page == 0 ? self->header_h : 34;
}

static double
first_header_height (PlantarReport *self)
{
  double inner = self->page_w - 2 * MARGIN;
  g_autoptr(PangoLayout) left = NULL, address = NULL, right = NULL;
  g_autofree char *who = NULL;
  double lh, rh, logo_h = self->logo ? 44 : 0;

  left = report_make_layout (self, self->info.shop_name && *self->info.shop_name ? self->info.shop_name : _("Fitting report"),
                             FONT_TITLE, inner * 0.55, PANGO_ALIGN_LEFT);
  address = report_make_layout (self, self->info.shop_address, FONT_SMALL, inner * 0.55, PANGO_ALIGN_LEFT);
  who = g_strdup_printf ("%s\n%s\n%s", self->info.customer ? self->info.customer : "", self->date,
                         self->info.fitter ? self->info.fitter : "");
  right = report_make_layout (self, who, FONT_BODY, inner * 0.4, PANGO_ALIGN_RIGHT);
  lh = report_layout_height (left) + (self->info.shop_address ? report_layout_height (address) : 0);
  rh = report_layout_height (right) + 20;
  return MAX (MAX (lh, rh), logo_h) + 12;
}

/**
 * plantar_report_paginate:
 *
 * Returns: the number of pages
 */
static guint paginate (PlantarReport *self,
                        double         width_pt,
                        double         height_pt);

guint
plantar_report_paginate (PlantarReport *self,
                         double         width_pt,
                         double         height_pt)
{
  Item *maps = g_ptr_array_index (self->items, 0);
  guint pages;

  g_assert (maps->kind == ITEM_MAPS);
  if (self->info.detail == PLANTAR_REPORT_CLINIC)
    {
      maps->height = 320;
      return paginate (self, width_pt, height_pt);
    }
  /* a store's report: the feet as large as one page leaves room for (US
   * Letter is 50 pt shorter than A4), but never so small they cannot be
   * read; then two pages with the feet at a readable size */
  maps->height = 300;
  if ((pages = paginate (self, width_pt, height_pt)) == 1)
    return pages;
  maps->height = 170;
  if (paginate (self, width_pt, height_pt) > 1)
    {
      maps->height = 260;
      return paginate (self, width_pt, height_pt);
    }
  /* the largest that keeps one page, by halves: 170 fits, 300 does not */
  {
    double lo = 170, hi = 300;
    while (hi - lo > 10)
      {
        maps->height = floor ((lo + hi) / 20) * 10;
        if (paginate (self, width_pt, height_pt) == 1)
          lo = maps->height;
        else
          hi = maps->height;
      }
    maps->height = lo;
  }
  return paginate (self, width_pt, height_pt);
}

static guint
paginate (PlantarReport *self,
          double         width_pt,
          double         height_pt)
{
  double inner = width_pt - 2 * MARGIN;
  double y, bottom = height_pt - MARGIN - FOOTER;
  guint page = 0;

  g_array_set_size (self->placed, 0);
  self->page_w = width_pt;
  self->page_h = height_pt;
  self->header_h = first_header_height (self);
  y = MARGIN + header_height (self, 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item item = *(Item *) g_ptr_array_index (self->items, i);
      Item rest;
      gboolean more = TRUE;

      for (guint c = 0; c < item.n_cells; c++)
        item.cells[c].text = g_strdup (item.cells[c].text);

      while (more)
        {
          double h = item_height (self, &item, inner);
          double need = h, top = MARGIN + header_height (self, page);
          Placed placed;

          /* a heading goes with the first line of what follows it */
          if (item.keep_with_next && i + 1 < self->items->len)
            {
              const Item *next = g_ptr_array_index (self->items, i + 1);
              need += next->space_before + (next->kind == ITEM_CELLS && next->splittable ? 14 + 2 * next->pad
                                                                                         : item_height (self, next, inner));
            }
          if (y > top)
            y += item.space_before;

          if (y + need > bottom && y > top)
            {
              if (item.splittable && y + 2 * 14 < bottom && split_item (self, &item, inner, bottom - y, &rest))
                {
                  placed = (Placed) { item, page, y, item_height (self, &item, inner) };
                  g_array_append_val (self->placed, placed);
                  item = rest;
                }
              page++;
              y = MARGIN + header_height (self, page);
              continue;
            }
          if (y + h > bottom && item.splittable && split_item (self, &item, inner, bottom - y, &rest))
            {
              /* taller than a whole page */
              placed = (Placed) { item, page, y, item_height (self, &item, inner) };
              g_array_append_val (self->placed, placed);
              item = rest;
              page++;
              y = MARGIN + header_height (self, page);
              continue;
            }
          placed = (Placed) { item, page, y, MIN (h, bottom - y) };
          g_array_append_val (self->placed, placed);
          y += h;
          more = FALSE;
        }
    }
  self->n_pages = page + 1;
  return self->n_pages;
}

static void
draw_header (PlantarReport *self,
             cairo_t       *cr,
             guint          page)
{
  double inner = self->page_w - 2 * MARGIN;
  double x = MARGIN, y = MARGIN;

  if (page == 0)
    {
      g_autoptr(PangoLayout) name = NULL, address = NULL, title = NULL, who = NULL;
      g_autofree char *text = NULL;
      gboolean shop = self->info.shop_name && *self->info.shop_name;

      if (self->logo != NULL)
        {
          double lw = cairo_image_surface_get_width (self->logo), lh = cairo_image_surface_get_height (self->logo);
          double s = MIN (44 / lh, 120 / lw);
          cairo_save (cr);
          cairo_translate (cr, x, y);
          cairo_scale (cr, s, s);
          cairo_set_source_surface (cr, self->logo, 0, 0);
          cairo_paint (cr);
          cairo_restore (cr);
          x += lw * s + 12;
        }
      name = report_make_layout (self, shop ? self->info.shop_name : _("Fitting report"), FONT_TITLE,
                                 inner * 0.55 - (x - MARGIN), PANGO_ALIGN_LEFT);
      report_show_layout (cr, name, x, y, INK);
      if (self->info.shop_address != NULL)
        {
          address = report_make_layout (self, self->info.shop_address, FONT_SMALL, inner * 0.55 - (x - MARGIN), PANGO_ALIGN_LEFT);
          report_show_layout (cr, address, x, y + report_layout_height (name), GREY);
        }

      title = report_make_layout (self, shop ? _("Fitting report") : "", FONT_HEADING, inner * 0.4, PANGO_ALIGN_RIGHT);
      report_show_layout (cr, title, MARGIN + inner * 0.6, y, ACCENT);
      text = g_strdup_printf ("%s\n%s%s%s", self->info.customer && *self->info.customer ? self->info.customer : "",
                              self->date, self->info.fitter && *self->info.fitter ? "\n" : "",
                              self->info.fitter && *self->info.fitter ? self->info.fitter : "");
      who = report_make_layout (self, text, FONT_BODY, inner * 0.4, PANGO_ALIGN_RIGHT);
      report_show_layout (cr, who, MARGIN + inner * 0.6, y + 20, INK);
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%s · %s%s%s", _("Fitting report"), self->date,
                                               self->info.customer && *self->info.customer ? " · " : "",
                                               self->info.customer && *self->info.customer ? self->info.customer : "");
      g_autoptr(PangoLayout) line = report_make_layout (self, text, FONT_SMALL, inner, PANGO_ALIGN_LEFT);
      report_show_layout (cr, line, MARGIN, y, GREY);
    }
  report_set_rgb (cr, 0xd0d0d4);
  cairo_rectangle (cr, MARGIN, MARGIN + header_height (self, page) - 8, inner, 0.75);
  cairo_fill (cr);
}

static void
draw_footer (PlantarReport *self,
             cairo_t       *cr,
             guint          page)
{
  double inner = self->page_w - 2 * MARGIN;
  double y = self->page_h - MARGIN - 10;
  /* TRANSLATORS: the page number at the foot of a report */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  g_autofree char *left = g_strdup_printf (_("Measured with Plantar %s"), PACKAGE_VERSION);
  g_autoptr(PangoLayout) l = report_make_layout (self, left, FONT_SMALL, inner * 0.6, PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) r = report_make_layout (self, number, FONT_SMALL, inner * 0.4, PANGO_ALIGN_RIGHT);

  report_show_layout (cr, l, MARGIN, y, GREY);
  report_show_layout (cr, r, MARGIN + inner * 0.6, y, GREY);
}

static void
draw_cells (PlantarReport *self,
            cairo_t       *cr,
            const Placed  *p)
{
  double inner = self->page_w - 2 * MARGIN;

  if (p->item.background != 0)
    {
      report_set_rgb (cr, p->item.background);
      cairo_rectangle (cr, MARGIN - 4, p->y, inner + 8, p->height);
      cairo_fill (cr);
    }
  for (guint i = 0; i < p->item.n_cells; i++)
    {
      const Cell *c = &p->item.cells[i];
      g_autoptr(PangoLayout) layout = NULL;
      double x;

      if (*c->text == '\0')
        continue;
      layout = cell_layout (self, c, inner, &x);
      report_show_layout (cr, layout, x, p->y + p->item.pad, c->rgb);
    }
}

void
plantar_report_draw_page (PlantarReport *self,
                          cairo_t       *cr,
                          guint          page)
{
  g_return_if_fail (self->n_pages > 0);

  cairo_save (cr);
  draw_header (self, cr, page);
  for (guint i = 0; i < self->placed->len; i++)
    {
      const Placed *p = &g_array_index (self->placed, Placed, i);
      if (p->page != page)
        continue;
      switch (p->item.kind)
        {
        case ITEM_MAPS:
          report_draw_maps (self, cr, p->y, p->height);
          break;
        case ITEM_INSOLES:
          report_draw_insoles (self, cr, p->y, p->height);
          break;
        case ITEM_STRIKES:
          report_draw_strikes (self, cr, p->y, p->height);
          break;
        case ITEM_FORCE:
          report_draw_force (self, cr, p->y, p->height);
          break;
        case ITEM_BUTTERFLY:
        case ITEM_REGIONS:
          report_draw_chart (self, cr, p->item.kind, p->y, p->height);
          break;
        case ITEM_RULE:
          report_set_rgb (cr, 0xd0d0d4);
          cairo_rectangle (cr, MARGIN, p->y, self->page_w - 2 * MARGIN, 0.75);
          cairo_fill (cr);
          break;
        case ITEM_CELLS:
        default:
          draw_cells (self, cr, p);
          break;
        }
    }
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

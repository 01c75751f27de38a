/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "plantar-gait.h"
#include "plantar-insole.h"
#include "plantar-report.h"

G_BEGIN_DECLS

/* What the files of the report share: the flow of items and the report
 * that holds it. The content (plantar-report-content.c) fills the flow,
 * the pages (plantar-report-pages.c) lay it out and draw it, and
 * plantar-report.c builds the report and writes it. */

#define MARGIN       42.0
#define FOOTER       30.0
#define COLUMN_GAP   18.0
#define FONT_FAMILY  "Cantarell, DejaVu Sans, Sans"

typedef enum {
  FONT_BODY,
  FONT_SMALL,
  FONT_BOLD,
  FONT_HEADING,
  FONT_TITLE,
  N_FONTS
} Font;

typedef struct {
  double      size;
  PangoWeight weight;
} ReportFont;

extern const ReportFont report_fonts[N_FONTS];


#define INK      0x1f1f1f
#define GREY     0x5e5c64
#define ACCENT   0x1c71d8
#define STRIPE   0xf2f2f4
#define REFER_BG 0xfdf1dc
#define REFER_FG 0x8a4a00

typedef struct {
  char          *text;
  Font           font;
  double         x, width;     /* fractions of the text column */
  PangoAlignment align;
  guint32        rgb;
} Cell;

typedef enum {
  ITEM_CELLS,
  ITEM_MAPS,
  ITEM_RULE,
  ITEM_INSOLES,
  ITEM_STRIKES,
  ITEM_FORCE,
  ITEM_BUTTERFLY,
  ITEM_REGIONS,
} ItemKind;

typedef struct {
  ItemKind kind;
  Cell     cells[4];
  guint    n_cells;
  double   space_before;
  double   pad;              /* above and below the text, inside the item */
  double   height;           /* ITEM_MAPS, ITEM_INSOLES, ITEM_STRIKES */
  gboolean keep_with_next;   /* a heading stays with what it heads */
  gboolean splittable;       /* may be cut between lines */
  guint32  background;       /* 0: none */
} Item;

typedef struct {
  Item   item;
  guint  page;
  double y, height;
} Placed;

struct _PlantarReport
{
  PangoContext      *pango;
  PlantarThresholds *thresholds;
  PlantarReportInfo  info;
  char              *date;
  cairo_surface_t   *logo;

  PlantarScan       *scans[2];    /* left, right; NULL when not measured */
  PlantarFoot       *shown[2];    /* the step drawn */
  PlantarFoot       *feet[2];     /* the numbers */
  char              *keys[2];     /* "Arch index 0.259 · Normal arch" */
  PlantarInsole     *insoles[2];  /* the order sheet's (clinic reports) */
  PlantarGait        gait;        /* a recording's: the running form */
  char              *gait_line;   /* a store's: the running form in a line, under the feet */
  char              *insole_errors[2];
  double             max_kpa;
  gboolean           pressure;

  GPtrArray         *items;       /* Item, the flow */
  GArray            *placed;      /* Placed */
  guint              n_pages;
  double             page_w, page_h, header_h;
};

/* text (plantar-report.c) */
void         report_set_rgb       (cairo_t        *cr,
                                   guint32         rgb);
PangoLayout *report_make_layout   (PlantarReport  *self,
                                   const char     *text,
                                   Font            font,
                                   double          width,
                                   PangoAlignment  align);
double       report_layout_height (PangoLayout    *layout);
void         report_show_layout   (cairo_t        *cr,
                                   PangoLayout    *layout,
                                   double          x,
                                   double          y,
                                   guint32         rgb);

/* the content (plantar-report-content.c): the flow of items, and the
 * maps of the feet drawn in theirs */
void         report_build_flow    (PlantarReport       *self,
                                   const PlantarAdvice *advice);
void         report_draw_maps     (PlantarReport  *self,
                                   cairo_t        *cr,
                                   double          y,
                                   double          height);
void         report_draw_insoles  (PlantarReport  *self,
                                   cairo_t        *cr,
                                   double          y,
                                   double          height);
void         report_draw_force    (PlantarReport  *self,
                                   cairo_t        *cr,
                                   double          y,
                                   double          height);
void         report_draw_chart    (PlantarReport  *self,
                                   cairo_t        *cr,
                                   ItemKind        kind,
                                   double          y,
                                   double          height);
void         report_draw_strikes  (PlantarReport  *self,
                                   cairo_t        *cr,
                                   double          y,
                                   double          height);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-report"

#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "plantar-report.h"

/* The fitting report: one flow of items (the feet, the suggestion, the
 * reasons, the measurements, the notes, the caveat) laid out on pages of
 * any size, drawn with the same code for the printer and for PDF. Text is
 * real text; an item too tall for what is left of a page moves to the
 * next one, and long text is cut between lines, never clipped. */

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

static const struct {
  double size;
  PangoWeight weight;
} fonts[N_FONTS] = {
  [FONT_BODY] = { 9.5, PANGO_WEIGHT_NORMAL },
  [FONT_SMALL] = { 7.5, PANGO_WEIGHT_NORMAL },
  [FONT_BOLD] = { 9.5, PANGO_WEIGHT_BOLD },
  [FONT_HEADING] = { 12, PANGO_WEIGHT_BOLD },
  [FONT_TITLE] = { 17, PANGO_WEIGHT_BOLD },
};

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
} ItemKind;

typedef struct {
  ItemKind kind;
  Cell     cells[4];
  guint    n_cells;
  double   space_before;
  double   pad;              /* above and below the text, inside the item */
  double   height;           /* ITEM_MAPS */
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
  double             max_kpa;
  gboolean           pressure;

  GPtrArray         *items;       /* Item, the flow */
  GArray            *placed;      /* Placed */
  guint              n_pages;
  double             page_w, page_h, header_h;
};

G_DEFINE_QUARK (plantar-report-error-quark, plantar_report_error)

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

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static PangoLayout *
make_layout (PlantarReport *self,
             const char    *text,
             Font           font,
             double         width,
             PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (self->pango);
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, fonts[font].size * PANGO_SCALE);
  pango_font_description_set_weight (desc, fonts[font].weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (MAX (1, width) * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             guint32      rgb)
{
  set_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* ------------------------------------------------------------ the flow */

static Item *
add_item (PlantarReport *self,
          ItemKind       kind)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  g_ptr_array_add (self->items, item);
  return item;
}

static Cell *
add_cell (Item       *item,
          const char *text,
          Font        font,
          double      x,
          double      width)
{
  Cell *cell = &item->cells[item->n_cells++];

  g_assert (item->n_cells <= G_N_ELEMENTS (item->cells));
  cell->text = g_strdup (text);
  cell->font = font;
  cell->x = x;
  cell->width = width;
  cell->align = PANGO_ALIGN_LEFT;
  cell->rgb = INK;
  return cell;
}

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

static Item *
add_text (PlantarReport *self,
          const char    *text,
          Font           font,
          guint32        rgb,
          double         space_before)
{
  Item *item = add_item (self, ITEM_CELLS);

  add_cell (item, text, font, 0, 1)->rgb = rgb;
  item->space_before = space_before;
  item->splittable = TRUE;
  return item;
}

static void
add_heading (PlantarReport *self,
             const char    *text)
{
  Item *item = add_text (self, text, FONT_HEADING, INK, 10);

  item->keep_with_next = TRUE;
  item->splittable = FALSE;
}

/* Two columns, the left foot's and the right foot's. */
static Item *
add_pair (PlantarReport *self,
          const char    *left,
          const char    *right,
          Font           font,
          guint32        rgb,
          double         space_before)
{
  Item *item = add_item (self, ITEM_CELLS);

  add_cell (item, left, font, 0, 0.5)->rgb = rgb;
  add_cell (item, right, font, 0.5, 0.5)->rgb = rgb;
  item->space_before = space_before;
  item->splittable = TRUE;
  return item;
}

/* ------------------------------------------------------------ content */

static char *
bullets (GPtrArray *lines)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (s, "%s• %s", i ? "\n" : "", (char *) g_ptr_array_index (lines, i));
  return g_string_free (s, FALSE);
}

static char *
suggestion_text (const PlantarFootAdvice *f)
{
  GString *s = g_string_new (NULL);

  if (!f->available)
    return g_string_free (s, FALSE);
  if (f->insole_description != NULL)
    g_string_append_printf (s, "%s\n", f->insole_description);
  g_string_append_printf (s, "%s\n", f->arch_profile_label);
  /* TRANSLATORS: in the report, "Heel cup: 12 mm (standard)" */
  g_string_append_printf (s, _("Heel cup: %.0f mm (%s)"), f->heel_cup_mm, f->heel_cup_label);
  if (f->add_ons->len > 0)
    {
      g_autofree char *list = NULL;
      g_ptr_array_add (f->add_ons, NULL);
      list = g_strjoinv (", ", (char **) f->add_ons->pdata);
      g_ptr_array_remove_index (f->add_ons, f->add_ons->len - 1);
      g_string_append_c (s, '\n');
      /* TRANSLATORS: in the report, "Add-ons: Metatarsal pad, Heel cushion" */
      g_string_append_printf (s, _("Add-ons: %s"), list);
    }
  return g_string_free (s, FALSE);
}

static char *
products_text (const PlantarFootAdvice *f)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; f->available && i < f->products->len; i++)
    {
      const PlantarProduct *p = g_ptr_array_index (f->products, i);
      g_string_append_printf (s, "%s%s", i ? "\n" : "", p->name);
      if (p->code != NULL)
        g_string_append_printf (s, " · %s", p->code);
      if (p->price != NULL)
        g_string_append_printf (s, " · %s", p->price);
      if (p->note != NULL)
        g_string_append_printf (s, " (%s)", p->note);
    }
  return g_string_free (s, FALSE);
}

static char *
reasons_text (const PlantarFootAdvice *f)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  /* the reasons to see a podiatrist have a box of their own */
  for (guint i = 0; f->available && i < f->reasons->len; i++)
    if (!((PlantarReason *) g_ptr_array_index (f->reasons, i))->refer)
      g_ptr_array_add (lines, ((PlantarReason *) g_ptr_array_index (f->reasons, i))->text);
  if (f->available && lines->len == 0)
    g_ptr_array_add (lines, (char *) _("No rule applies: the default suggestion"));
  return bullets (lines);
}

static gboolean
store_row (const char *key)
{
  static const char * const keys[] = {
    "arch_index", "chippaux_smirak", "clarke_angle_deg", "foot_length_mm", "ball_width_mm",
    "shoe_size", "heel_cop_offset_mm", "heel_peak_kpa", "forefoot_medial_peak_kpa",
    "forefoot_lateral_peak_kpa", "cpei", "medial_load_pct",
  };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i], key))
      return TRUE;
  return FALSE;
}

static char *
row_value (const PlantarMeasurementRow *row)
{
  if (row == NULL)
    return g_strdup ("–");
  if (row->category != NULL)
    return g_strdup_printf ("%s  %s", row->value, row->category);
  if (row->flagged)
    /* TRANSLATORS: a measurement beyond its flag, in the report */
    return g_strdup_printf (_("%s  high"), row->value);
  return g_strdup (row->value);
}

static char *
row_reference (const PlantarMeasurementRow *l,
               const PlantarMeasurementRow *r,
               gboolean                     clinic)
{
  const char *hint = l && l->hint ? l->hint : r ? r->hint : NULL;
  const char *newline;

  /* a store's page keeps the ranges; a clinic's says what each number is */
  if (hint == NULL || (!clinic && !(l && (l->category || l->flagged)) && !(r && (r->category || r->flagged))))
    return g_strdup ("");
  /* the rule, not its citation: that goes under Sources */
  newline = strchr (hint, '\n');
  return newline ? g_strndup (hint, newline - hint) : g_strdup (hint);
}

static void
add_sources (GPtrArray  *sources,
             const char *hint)
{
  const char *newline = hint ? strchr (hint, '\n') : NULL;
  const char *citation = newline ? newline + 1 : NULL;

  if (citation == NULL || *citation == '\0')
    return;
  for (guint i = 0; i < sources->len; i++)
    if (g_str_equal (g_ptr_array_index (sources, i), citation))
      return;
  g_ptr_array_add (sources, g_strdup (citation));
}

static void
add_measurements (PlantarReport *self,
                  GPtrArray     *sources)
{
  GPtrArray *rows[2] = { NULL, NULL };
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  gboolean clinic = self->info.detail == PLANTAR_REPORT_CLINIC;
  int section = -1;
  Item *item;
  guint n = 0;

  for (int s = 0; s < 2; s++)
    if (self->feet[s] != NULL)
      {
        PlantarMeasurementOptions options;
        plantar_measurement_options_init (&options);
        options.unit = self->info.unit;
        options.shoe_allowance_mm = self->info.shoe_allowance_mm;
        rows[s] = plantar_measurements_rows (self->feet[s], self->thresholds, &options);
        for (guint i = 0; i < rows[s]->len; i++)
          {
            PlantarMeasurementRow *row = g_ptr_array_index (rows[s], i);
            gboolean known = FALSE;
            for (guint k = 0; k < keys->len; k++)
              known |= g_str_equal (g_ptr_array_index (keys, k), row->key);
            if (!known && (clinic || store_row (row->key)))
              g_ptr_array_add (keys, (gpointer) row->key);
          }
      }
  if (keys->len == 0)
    goto out;

  add_heading (self, _("Measurements"));
  item = add_item (self, ITEM_CELLS);
  add_cell (item, _("Measurement"), FONT_SMALL, 0, 0.3)->rgb = GREY;
  add_cell (item, _("Left"), FONT_SMALL, 0.3, 0.18)->rgb = GREY;
  add_cell (item, _("Right"), FONT_SMALL, 0.48, 0.18)->rgb = GREY;
  add_cell (item, _("Reference"), FONT_SMALL, 0.67, 0.33)->rgb = GREY;
  item->space_before = 4;
  item->keep_with_next = TRUE;

  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = g_ptr_array_index (keys, k);
      const PlantarMeasurementRow *l = rows[0] ? plantar_measurements_find (rows[0], key) : NULL;
      const PlantarMeasurementRow *r = rows[1] ? plantar_measurements_find (rows[1], key) : NULL;
      const PlantarMeasurementRow *any = l ? l : r;
      g_autofree char *lv = row_value (l), *rv = row_value (r), *ref = row_reference (l, r, clinic);

      if (clinic && (int) any->section != section)
        {
          section = any->section;
          item = add_text (self, plantar_section_title (any->section), FONT_BOLD, INK, 6);
          item->keep_with_next = TRUE;
          item->splittable = FALSE;
          n = 0;
        }
      item = add_item (self, ITEM_CELLS);
      add_cell (item, any->label, FONT_BODY, 0, 0.3);
      add_cell (item, lv, FONT_BODY, 0.3, 0.18)->rgb = l && l->flagged ? REFER_FG : INK;
      add_cell (item, rv, FONT_BODY, 0.48, 0.18)->rgb = r && r->flagged ? REFER_FG : INK;
      add_cell (item, ref, FONT_SMALL, 0.67, 0.33)->rgb = GREY;
      item->pad = 2;
      item->background = n++ % 2 == 0 ? STRIPE : 0;
      if (l)
        add_sources (sources, l->hint);
      if (r)
        add_sources (sources, r->hint);
    }
out:
  for (int s = 0; s < 2; s++)
    g_clear_pointer (&rows[s], g_ptr_array_unref);
}

static void
add_reason_sources (GPtrArray               *sources,
                    const PlantarFootAdvice *f)
{
  for (guint i = 0; f->available && i < f->reasons->len; i++)
    {
      PlantarReason *r = g_ptr_array_index (f->reasons, i);
      g_autofree char *hint = r->source ? g_strdup_printf ("\n%s", r->source) : NULL;
      add_sources (sources, hint);
    }
}

static void
build_flow (PlantarReport       *self,
            const PlantarAdvice *advice)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  const PlantarFootAdvice *l = &advice->left, *r = &advice->right;
  g_autofree char *lt = suggestion_text (l), *rt = suggestion_text (r);
  g_autofree char *lp = products_text (l), *rp = products_text (r);
  g_autofree char *lr = reasons_text (l), *rr = reasons_text (r);
  Item *item;

  item = add_item (self, ITEM_MAPS);
  item->height = self->info.detail == PLANTAR_REPORT_CLINIC ? 320 : 215;

  add_heading (self, _("Suggestion"));
  add_pair (self, l->available ? l->insole_label : _("Left foot not measured"),
            r->available ? r->insole_label : _("Right foot not measured"), FONT_BOLD, ACCENT, 2);
  add_pair (self, lt, rt, FONT_BODY, INK, 2);
  if (*lp != '\0' || *rp != '\0')
    {
      item = add_pair (self, _("In store"), _("In store"), FONT_SMALL, GREY, 6);
      item->keep_with_next = TRUE;
      item->splittable = FALSE;
      add_pair (self, lp, rp, FONT_BODY, INK, 1);
    }
  item = add_pair (self, _("Why"), _("Why"), FONT_SMALL, GREY, 6);
  item->keep_with_next = TRUE;
  item->splittable = FALSE;
  add_pair (self, lr, rr, FONT_BODY, INK, 1);

  if (advice->referrals->len > 0)
    {
      g_autofree char *text = bullets (advice->referrals);
      item = add_text (self, _("Worth an assessment by a podiatrist or a physiotherapist"), FONT_BOLD, REFER_FG, 12);
      item->background = REFER_BG;
      item->pad = 4;
      item->keep_with_next = TRUE;
      item->splittable = FALSE;
      item = add_text (self, text, FONT_BODY, INK, 0);
      item->background = REFER_BG;
      item->pad = 4;
    }

  add_measurements (self, sources);

  if (self->info.notes != NULL)
    {
      g_autofree char *notes = g_strstrip (g_strdup (self->info.notes));
      if (*notes != '\0')
        {
          add_heading (self, _("Notes"));
          add_text (self, notes, FONT_BODY, INK, 2);
        }
    }

  add_reason_sources (sources, l);
  add_reason_sources (sources, r);
  if (self->info.detail == PLANTAR_REPORT_CLINIC && sources->len > 0)
    {
      g_autofree char *text = bullets (sources);
      g_autofree char *rules = g_strdup_printf (_("Insole rules: %s"), plantar_rules_get_source (advice->rules));
      add_heading (self, _("Sources"));
      add_text (self, text, FONT_SMALL, GREY, 2);
      add_text (self, rules, FONT_SMALL, GREY, 4);
    }

  add_item (self, ITEM_RULE)->space_before = 10;
  add_text (self, advice->caveat, FONT_SMALL, GREY, 4);
}

/* ------------------------------------------------------------ maps */

static guint
upright_quarter (const PlantarFoot *foot)
{
  if (foot == NULL || !isfinite (foot->axis_deg))
    return 0;
  return ((int) lround (foot->axis_deg / 90.0) % 4 + 4) % 4;
}

static void
draw_map (PlantarReport *self,
          cairo_t       *cr,
          int            s,
          double         x,
          double         y,
          double         w,
          double         h)
{
  g_autoptr(PlantarMap) map = NULL;
  PlantarMapStyle style;
  double bx, by, bw, bh, scale;
  guint quarter = upright_quarter (self->shown[s]);

  if (self->scans[s] == NULL)
    return;
  map = plantar_map_new (self->scans[s], self->shown[s]);
  plantar_map_style_init (&style);
  style.colormap = self->info.colormap;
  style.max_kpa = self->max_kpa;
  style.frame = -1;
  style.overlays = PLANTAR_OVERLAY_OUTLINE | PLANTAR_OVERLAY_AXIS | PLANTAR_OVERLAY_THIRDS |
                   PLANTAR_OVERLAY_HEEL | PLANTAR_OVERLAY_TOE_LINE | PLANTAR_OVERLAY_LABELS |
                   PLANTAR_OVERLAY_COP;
  plantar_map_get_bounds (map, &bx, &by, &bw, &bh);
  scale = quarter % 2 ? MIN (w / bh, h / bw) : MIN (w / bw, h / bh);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x + w / 2, y + h / 2);
  cairo_scale (cr, scale, scale);
  cairo_rotate (cr, -G_PI / 2 * quarter);
  cairo_translate (cr, -(bx + bw / 2), -(by + bh / 2));
  /* prints at about 150 dpi: sharp on paper, a PDF of a few hundred kB */
  plantar_map_draw (map, cr, &style, scale * 2);
  cairo_restore (cr);

  if (plantar_scan_has_scale (self->scans[s]))
    plantar_map_draw_scale_bar (cr, scale, x + w - 44, y + h - 2, 40, FALSE);
}

static void
draw_maps (PlantarReport *self,
           cairo_t       *cr,
           double         y,
           double         height)
{
  double inner = self->page_w - 2 * MARGIN;
  double half = (inner - COLUMN_GAP) / 2;
  double legend = self->pressure ? 34 : 0;

  for (int s = 0; s < 2; s++)
    {
      double x = MARGIN + s * (half + COLUMN_GAP);
      g_autoptr(PangoLayout) title = make_layout (self, s == 0 ? _("Left foot") : _("Right foot"), FONT_HEADING, half,
                                                  PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) key = make_layout (self, self->keys[s], FONT_BODY, half, PANGO_ALIGN_LEFT);
      double th = layout_height (title), kh = layout_height (key);

      show_layout (cr, title, x, y, INK);
      show_layout (cr, key, x, y + th, GREY);
      cairo_save (cr);
      cairo_rectangle (cr, x, y + th + kh + 4, half, height - th - kh - 4 - legend);
      set_rgb (cr, 0xf6f5f4);
      cairo_fill (cr);
      cairo_restore (cr);
      draw_map (self, cr, s, x + 6, y + th + kh + 10, half - 12, height - th - kh - 16 - legend);
    }
  if (self->pressure)
    plantar_map_draw_legend (cr, self->info.colormap, self->max_kpa, _("kPa"),
                             MARGIN, y + height - 28, MIN (260, inner / 2), 24, FALSE);
}

/* ------------------------------------------------------------ pages */

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
  return make_layout (self, c->text, c->font, c->width * inner - gap - right, c->align);
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
      g_autoptr(PangoLayout) layout = cell_layout (self, c, inner, NULL);
      height = MAX (height, *c->text ? layout_height (layout) : 0);
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
    case ITEM_MAPS: return item->height;
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
      g_autoptr(PangoLayout) layout = cell_layout (self, c, inner, NULL);
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      int cut = -1;

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

  left = make_layout (self, self->info.shop_name && *self->info.shop_name ? self->info.shop_name : _("Fitting report"),
                      FONT_TITLE, inner * 0.55, PANGO_ALIGN_LEFT);
  address = make_layout (self, self->info.shop_address, FONT_SMALL, inner * 0.55, PANGO_ALIGN_LEFT);
  who = g_strdup_printf ("%s\n%s\n%s", self->info.customer ? self->info.customer : "", self->date,
                         self->info.fitter ? self->info.fitter : "");
  right = make_layout (self, who, FONT_BODY, inner * 0.4, PANGO_ALIGN_RIGHT);
  lh = layout_height (left) + (self->info.shop_address ? layout_height (address) : 0);
  rh = layout_height (right) + 20;
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
  maps->height = self->info.detail == PLANTAR_REPORT_CLINIC ? 320 : 215;
  pages = paginate (self, width_pt, height_pt);
  /* a store's report is one page if smaller feet make it one (US Letter
   * is 50 pt shorter than A4) */
  while (self->info.detail == PLANTAR_REPORT_STORE && pages > 1 && maps->height > 150)
    {
      maps->height -= 15;
      pages = paginate (self, width_pt, height_pt);
    }
  return pages;
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
              need += next->space_before + (next->kind == ITEM_CELLS ? 14 + 2 * next->pad : item_height (self, next, inner));
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
      name = make_layout (self, shop ? self->info.shop_name : _("Fitting report"), FONT_TITLE,
                          inner * 0.55 - (x - MARGIN), PANGO_ALIGN_LEFT);
      show_layout (cr, name, x, y, INK);
      if (self->info.shop_address != NULL)
        {
          address = make_layout (self, self->info.shop_address, FONT_SMALL, inner * 0.55 - (x - MARGIN), PANGO_ALIGN_LEFT);
          show_layout (cr, address, x, y + layout_height (name), GREY);
        }

      title = make_layout (self, shop ? _("Fitting report") : "", FONT_HEADING, inner * 0.4, PANGO_ALIGN_RIGHT);
      show_layout (cr, title, MARGIN + inner * 0.6, y, ACCENT);
      text = g_strdup_printf ("%s\n%s%s%s", self->info.customer && *self->info.customer ? self->info.customer : "",
                              self->date, self->info.fitter && *self->info.fitter ? "\n" : "",
                              self->info.fitter && *self->info.fitter ? self->info.fitter : "");
      who = make_layout (self, text, FONT_BODY, inner * 0.4, PANGO_ALIGN_RIGHT);
      show_layout (cr, who, MARGIN + inner * 0.6, y + 20, INK);
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%s · %s%s%s", _("Fitting report"), self->date,
                                               self->info.customer && *self->info.customer ? " · " : "",
                                               self->info.customer && *self->info.customer ? self->info.customer : "");
      g_autoptr(PangoLayout) line = make_layout (self, text, FONT_SMALL, inner, PANGO_ALIGN_LEFT);
      show_layout (cr, line, MARGIN, y, GREY);
    }
  set_rgb (cr, 0xd0d0d4);
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
  g_autoptr(PangoLayout) l = make_layout (self, left, FONT_SMALL, inner * 0.6, PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) r = make_layout (self, number, FONT_SMALL, inner * 0.4, PANGO_ALIGN_RIGHT);

  show_layout (cr, l, MARGIN, y, GREY);
  show_layout (cr, r, MARGIN + inner * 0.6, y, GREY);
}

static void
draw_cells (PlantarReport *self,
            cairo_t       *cr,
            const Placed  *p)
{
  double inner = self->page_w - 2 * MARGIN;

  if (p->item.background != 0)
    {
      set_rgb (cr, p->item.background);
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
      show_layout (cr, layout, x, p->y + p->item.pad, c->rgb);
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
          draw_maps (self, cr, p->y, p->height);
          break;
        case ITEM_RULE:
          set_rgb (cr, 0xd0d0d4);
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
} ReportFeet;

static void
report_feet_take (ReportFeet     *f,
                  PlantarFitting *fitting)
{
  for (int s = 0; s < 2; s++)
    {
      PlantarSide side = s == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      PlantarFoot *foot = plantar_fitting_get_foot (fitting, side);
      PlantarFoot *shown = plantar_fitting_get_shown (fitting, side);
      PlantarScan *scan = plantar_fitting_get_shown_scan (fitting, side);

      f->feet[s] = foot ? plantar_foot_ref (foot) : NULL;
      f->shown[s] = shown ? plantar_foot_ref (shown) : NULL;
      f->scans[s] = scan && shown ? plantar_scan_ref (scan) : NULL;
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
    }
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
      if (self->scans[s] != NULL && plantar_scan_is_pressure (self->scans[s]))
        {
          g_autoptr(PlantarMap) map = plantar_map_new (self->scans[s], self->shown[s]);
          self->pressure = TRUE;
          self->max_kpa = MAX (self->max_kpa, plantar_map_get_max_value (map, -1));
        }
    }
  report_feet_clear (f);
  /* both feet on one scale, in round steps */
  if (info->max_kpa > 0)
    self->max_kpa = info->max_kpa;
  else if (self->max_kpa > 0)
    self->max_kpa = ceil (self->max_kpa / 50) * 50;

  self->items = g_ptr_array_new_with_free_func (item_free);
  self->placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  g_array_set_clear_func (self->placed, placed_clear);
  build_flow (self, advice);
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

  report_feet_take (&f, fitting);
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
      g_free (self->keys[s]);
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->placed, g_array_unref);
  g_free (self);
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;
  GError **error = g_object_get_data (G_OBJECT (stream), "plantar-error");

  if (*error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * plantar_report_write_pdf:
 *
 * Writes the report as a PDF, replacing @path only once it is whole.
 */
gboolean
plantar_report_write_pdf (PlantarReport *self,
                          PlantarPaper   paper,
                          const char    *path,
                          GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autofree char *name = g_filename_display_name (path);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double w, h;
  guint pages;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &write_error);
  if (stream == NULL)
    {
      g_set_error (error, PLANTAR_REPORT_ERROR, PLANTAR_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s"), name, write_error->message);
      return FALSE;
    }
  g_object_set_data (G_OBJECT (stream), "plantar-error", &write_error);

  plantar_paper_get_size (paper, &w, &h);
  pages = plantar_report_paginate (self, w, h);
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream, w, h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Fitting report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Plantar " PACKAGE_VERSION);
  if (self->info.shop_name && *self->info.shop_name)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->info.shop_name);
  cr = cairo_create (surface);
  for (guint p = 0; p < pages; p++)
    {
      plantar_report_draw_page (self, cr, p);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || write_error != NULL)
    {
      /* a cancelled close keeps the file that was there */
      g_autoptr(GCancellable) cancel = g_cancellable_new ();
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      g_set_error (error, PLANTAR_REPORT_ERROR, PLANTAR_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s"), name,
                   write_error ? write_error->message : cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &write_error))
    {
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
  g_autoptr(PlantarAdvice) advice = plantar_rules_suggest (job->rules, job->feet.feet[0], job->feet.feet[1],
                                                           &job->answers, job->thresholds);
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

  report_feet_take (&job->feet, fitting);
  job->rules = plantar_rules_ref (rules);
  plantar_answers_copy (answers, &job->answers);
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-report-private.h"
#include "plantar-force-curve.h"
#include "plantar-cop-butterfly.h"
#include "plantar-region-bars.h"
#include "plantar-strike-diagram.h"

/* What the report says, as a flow of items: the feet, the suggestion,
 * its reasons, the measurements, the notes and the sources. */

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
    {
      g_autofree char *badge = plantar_category_badge (row->category);
      return g_strdup_printf ("%s  %s", row->value, badge);
    }
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
  const PlantarMeasurementRow *any = l && l->hint ? l : r;

  /* a store's page keeps the ranges; a clinic's says what each number is */
  if (any == NULL || any->hint == NULL ||
      (!clinic && !(l && (l->category || l->flagged)) && !(r && (r->category || r->flagged))))
    return g_strdup ("");
  /* the rule, not its citation: that goes under Sources */
  if (any->rule != NULL)
    return g_strdup (any->rule);
  return g_strdup (any->source ? any->source : any->hint);
}

static void
add_sources (GPtrArray  *sources,
             const char *citation)
{
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
        add_sources (sources, l->source);
      if (r)
        add_sources (sources, r->source);
    }
  /* a clinic's: the regions' peaks, left against right */
  if (clinic && ((self->feet[0] && self->feet[0]->has_pressure) || (self->feet[1] && self->feet[1]->has_pressure)))
    {
      item = add_text (self, _("The peak pressure of each region, left and right; a red mark is the heel’s or "
                               "the forefoot’s flag"), FONT_SMALL, GREY, 8);
      item->keep_with_next = TRUE;
      item->splittable = FALSE;
      item = add_item (self, ITEM_REGIONS);
      item->height = 210;
    }
out:
  for (int s = 0; s < 2; s++)
    g_clear_pointer (&rows[s], g_ptr_array_unref);
}

/* ------------------------------------------------------------ running form */

static char *
gait_number (double      v,
             const char *format)
{
  return isfinite (v) ? g_strdup_printf (format, v) : g_strdup ("—");
}

static void
add_gait_row (PlantarReport *self,
              const char    *label,
              char          *left,
              char          *right,
              char          *note,
              gboolean       stripe)
{
  Item *item = add_item (self, ITEM_CELLS);

  add_cell (item, label, FONT_BODY, 0, 0.36)->rgb = GREY;
  add_cell (item, left, FONT_BODY, 0.36, 0.16);
  add_cell (item, right, FONT_BODY, 0.52, 0.16);
  add_cell (item, note ? note : "", FONT_SMALL, 0.70, 0.30)->rgb = GREY;
  item->pad = 2;
  item->background = stripe ? STRIPE : 0;
  g_free (left);
  g_free (right);
  g_free (note);
}

static void
add_running_form (PlantarReport *self,
                  GPtrArray     *sources)
{
  const PlantarGait *g = &self->gait;
  const PlantarGaitSide *l = &g->sides[0], *r = &g->sides[1];
  g_autofree char *words = plantar_gait_describe (g);
  double limit = g->symmetry_limit_pct;
  guint row = 0;

  if (self->info.detail != PLANTAR_REPORT_CLINIC)
    {
      /* a store's one page: beside the pressure scale, under the feet */
      g_free (self->gait_line);
      self->gait_line = g_strdup_printf ("%s: %s", g->running ? _("Running form") : _("Walking form"), words);
      return;
    }
  add_heading (self, g->running ? _("Running form") : _("Walking form"));
  /* the walk in words stays with its heading */
  add_text (self, words, FONT_BODY, INK, 2)->splittable = FALSE;

  add_gait_row (self, "", g_strdup (_("Left")), g_strdup (_("Right")), g_strdup (_("Symmetry, right − left")), FALSE);
  /* the walk's own, in the left column */
  add_gait_row (self, _("Speed"), gait_number (g->speed_mm_s * 3.6 / 1000, "%.2f km/h"), g_strdup (""),
                g_strdup (g->treadmill ? _("the treadmill's belt") : _("along the walkway")), row++ % 2);
  add_gait_row (self, _("Cadence"), gait_number (g->cadence_spm, _("%.0f steps/min")), g_strdup (""),
                g_strdup (_("walking about 100-120, running 150-185")), row++ % 2);
#define SYM(i) (isfinite (g->symmetry_pct[i]) ? g_strdup_printf (g->symmetry_flag[i] ? _("%+.1f %% · beyond %.0f %%") : "%+.1f %%", \
                                                               g->symmetry_pct[i], limit) : g_strdup ("—"))
  add_gait_row (self, _("Stance time"), gait_number (l->stance_ms.mean, "%.0f ms"), gait_number (r->stance_ms.mean, "%.0f ms"),
                SYM (PLANTAR_GAIT_SYMMETRY_STANCE), row++ % 2);
  /* xgettext:no-c-format */
  add_gait_row (self, _("Stance, % of the stride"), gait_number (l->stance_pct.mean, "%.1f %%"),
                gait_number (r->stance_pct.mean, "%.1f %%"), g_strdup (g->running ? _("running: under 40 %") : _("walking: about 60 %")),
                row++ % 2);
  add_gait_row (self, _("Swing time"), gait_number (l->swing_ms.mean, "%.0f ms"), gait_number (r->swing_ms.mean, "%.0f ms"),
                NULL, row++ % 2);
  add_gait_row (self, _("Step time (ending on the foot)"), gait_number (l->step_time_ms.mean, "%.0f ms"),
                gait_number (r->step_time_ms.mean, "%.0f ms"), SYM (PLANTAR_GAIT_SYMMETRY_STEP_TIME), row++ % 2);
  add_gait_row (self, _("Step length"), gait_number (l->step_length_mm.mean, "%.0f mm"),
                gait_number (r->step_length_mm.mean, "%.0f mm"), SYM (PLANTAR_GAIT_SYMMETRY_STEP_LENGTH), row++ % 2);
  add_gait_row (self, _("Peak force"), gait_number (l->peak_force_n.mean, "%.0f N"), gait_number (r->peak_force_n.mean, "%.0f N"),
                SYM (PLANTAR_GAIT_SYMMETRY_PEAK_FORCE), row++ % 2);
  add_gait_row (self, _("Strike index"), gait_number (l->strike_index_pct.mean, "%.0f %%"),
                gait_number (r->strike_index_pct.mean, "%.0f %%"), SYM (PLANTAR_GAIT_SYMMETRY_STRIKE_INDEX), row++ % 2);
#undef SYM
  add_gait_row (self, _("Strike"), g_strdup (plantar_strike_get_label (l->strike)), g_strdup (plantar_strike_get_label (r->strike)),
                g_strdup (_("rearfoot < 33 % ≤ midfoot ≤ 67 % < forefoot")), row++ % 2);
  add_gait_row (self, _("Stride time"), gait_number (g->stride_time_ms.mean, "%.0f ms"), g_strdup (""), NULL, row++ % 2);
  add_gait_row (self, _("Stride length"), gait_number (g->stride_length_mm.mean, "%.0f mm"), g_strdup (""), NULL,
                row++ % 2);
  add_gait_row (self, _("Step width"), gait_number (g->step_width_mm.mean, "%.0f mm"), g_strdup (""),
                g_strdup (_("between the heel centres, across the walk")), row++ % 2);
  add_gait_row (self, g->running ? _("Flight between steps") : _("Double support"),
                gait_number (g->running ? g->flight_ms.mean : g->double_support_ms.mean, "%.0f ms"), g_strdup (""), NULL,
                row++ % 2);
  /* where each foot lands, step by step, and the force under each */
  if (g->steps != NULL && g->steps->len > 0)
    {
      Item *item = add_item (self, ITEM_STRIKES);
      item->height = 150;
      item->space_before = 8;
      if (isfinite (g_array_index (g->steps, PlantarGaitStep, 0).force_n[0]))
        {
          add_text (self, _("The force under each step, left and right (a thin line a step, the thick line "
                            "their mean)"), FONT_SMALL, GREY, 2);
          item = add_item (self, ITEM_FORCE);
          item->height = 150;
        }
    }
  /* a treadmill's: the centre of pressure of the whole walk */
  if (g->cop != NULL && g->cop->len > 1)
    {
      Item *item = add_text (self, _("The centre of pressure over the whole walk on the treadmill, seen from "
                                     "above: each foot’s stance a wing, double support where they cross"),
                             FONT_SMALL, GREY, 8);
      item->keep_with_next = TRUE;
      item->splittable = FALSE;
      item = add_item (self, ITEM_BUTTERFLY);
      item->height = 230;
    }
  add_sources (sources, "Cavanagh PR, Lafortune MA. Ground reaction forces in distance running. J Biomech 1980;13:397-406");
  add_sources (sources, "Robinson RO, Herzog W, Nigg BM. Use of force platform variables to quantify the effects of "
                        "chiropractic manipulation on gait symmetry. J Manipulative Physiol Ther 1987;10:172-176");
}

/* One row of the order sheet: what, left, right */
static Item *
add_order_row (PlantarReport *self,
               const char    *label,
               const char    *left,
               const char    *right,
               gboolean       stripe)
{
  Item *item = add_item (self, ITEM_CELLS);

  add_cell (item, label, FONT_BODY, 0, 0.44)->rgb = GREY;
  add_cell (item, left, FONT_BODY, 0.44, 0.28)->align = PANGO_ALIGN_RIGHT;
  add_cell (item, right, FONT_BODY, 0.72, 0.28)->align = PANGO_ALIGN_RIGHT;
  item->pad = 2;
  item->background = stripe ? STRIPE : 0;
  return item;
}

static char *
order_value (const PlantarInsole          *insole,
             const PlantarInsoleParamInfo *info)
{
  double v;

  if (insole == NULL)
    return g_strdup ("—");
  v = plantar_insole_params_get (&insole->params, info);
  if (info->kind == PLANTAR_PARAM_CHOICE)
    return g_strdup (v > 0.5 ? _("three-quarter") : _("full length"));
  if (info->kind == PLANTAR_PARAM_ANGLE)
    return v == 0 ? g_strdup (_("none")) : g_strdup_printf (v > 0 ? _("%.1f° medial") : _("%.1f° lateral"), fabs (v));
  if (v == 0 && (g_str_equal (info->key, "metatarsal_pad_mm") || g_str_equal (info->key, "heel_cushion_mm")))
    return g_strdup (_("none"));
  return g_strdup_printf ("%.1f mm", v);
}

/* The insoles as a lab would make them: the drawing, the parameters as a
 * table, and that a professional reviews them first. */
static void
add_insole_order (PlantarReport *self)
{
  static const char * const keys[] = { "length", "heel_cup_depth_mm", "arch_height_mm", "base_mm", "toe_mm",
                                       "lateral_arch_mm", "post_deg", "metatarsal_pad_mm", "heel_cushion_mm",
                                       "margin_mm" };
  Item *item;

  add_heading (self, _("Insole order"));
  item = add_item (self, ITEM_INSOLES);
  item->height = 250;
  item->space_before = 4;
  item = add_order_row (self, "", _("Left"), _("Right"), FALSE);
  item->cells[1].font = item->cells[2].font = FONT_BOLD;
  item->keep_with_next = TRUE;
  {
    g_autofree char *l = self->insoles[0] ? g_strdup_printf ("%.0f × %.0f mm", self->insoles[0]->length_mm,
                                                             self->insoles[0]->width_mm) : g_strdup ("—");
    g_autofree char *r = self->insoles[1] ? g_strdup_printf ("%.0f × %.0f mm", self->insoles[1]->length_mm,
                                                             self->insoles[1]->width_mm) : g_strdup ("—");
    add_order_row (self, _("Size (length × width)"), l, r, TRUE);
  }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const PlantarInsoleParamInfo *info = plantar_insole_param_find (keys[i]);
      g_autofree char *l = order_value (self->insoles[0], info), *r = order_value (self->insoles[1], info);
      add_order_row (self, _(info->label), l, r, i % 2 == 1);
    }
  for (int s = 0; s < 2; s++)
    if (self->insole_errors[s] != NULL)
      add_text (self, self->insole_errors[s], FONT_SMALL, REFER_FG, 2);
  add_text (self, _("For review by a professional before it is made: a design from a footprint, "
                     "not a prescription."), FONT_BOLD, ACCENT, 6);
}

static void
add_reason_sources (GPtrArray               *sources,
                    const PlantarFootAdvice *f)
{
  for (guint i = 0; f->available && i < f->reasons->len; i++)
    {
      PlantarReason *r = g_ptr_array_index (f->reasons, i);
      add_sources (sources, r->source);
    }
}

void
report_build_flow (PlantarReport       *self,
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
  if (self->gait.available)
    add_running_form (self, sources);
  if (self->info.detail == PLANTAR_REPORT_CLINIC && (self->insoles[0] || self->insoles[1] ||
                                                     self->insole_errors[0] || self->insole_errors[1]))
    add_insole_order (self);

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

  /* the caveat never stands on a page alone: what comes before it goes
   * over with it */
  if (self->items->len > 0)
    ((Item *) g_ptr_array_index (self->items, self->items->len - 1))->keep_with_next = TRUE;
  item = add_item (self, ITEM_RULE);
  item->space_before = 10;
  item->keep_with_next = TRUE;
  add_text (self, advice->caveat, FONT_SMALL, GREY, 4);
}

/* ------------------------------------------------------------ insoles */

/* The left (@s 0) or right column of a page's drawings, on a pale panel
 * @height high from @y: the cairo context moved to its corner, saved */
static double
begin_column (PlantarReport *self,
              cairo_t       *cr,
              int            s,
              double         y,
              double         height)
{
  double half = (self->page_w - 2 * MARGIN - COLUMN_GAP) / 2, x = MARGIN + s * (half + COLUMN_GAP);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, half, height);
  report_set_rgb (cr, 0xfbfaf9);
  cairo_fill (cr);
  cairo_translate (cr, x, y);
  return half;
}

void
report_draw_insoles (PlantarReport *self,
                     cairo_t       *cr,
                     double         y,
                     double         height)
{
  for (int s = 0; s < 2; s++)
    {
      double half, top_w;
      if (self->insoles[s] == NULL)
        continue;
      half = begin_column (self, cr, s, y, height);
      top_w = half * 0.42;
      plantar_insole_draw_top (cr, self->insoles[s], top_w, height);
      cairo_translate (cr, top_w, height * 0.25);
      plantar_insole_draw_profile (cr, self->insoles[s], half - top_w - 4, height * 0.5);
      cairo_restore (cr);
    }
}

/* the customer's body mass when it was asked, else 0: forces in N only */
static double
body_mass (const PlantarReport *self)
{
  return isfinite (self->info.body_mass_kg) && self->info.body_mass_kg > 0 ? self->info.body_mass_kg : 0;
}

/* The force curves of the steps, across the page */
void
report_draw_force (PlantarReport *self,
                   cairo_t       *cr,
                   double         y,
                   double         height)
{
  cairo_save (cr);
  cairo_rectangle (cr, MARGIN, y, self->page_w - 2 * MARGIN, height);
  report_set_rgb (cr, 0xfbfaf9);
  cairo_fill (cr);
  cairo_translate (cr, MARGIN, y);
  plantar_force_curve_draw (cr, &self->gait, body_mass (self), PLANTAR_SIDE_UNKNOWN, self->page_w - 2 * MARGIN, height, FALSE);
  cairo_restore (cr);
}

/* The butterfly of a treadmill walk, or the regions' peaks of both feet,
 * in the middle of the page */
void
report_draw_chart (PlantarReport *self,
                   cairo_t       *cr,
                   ItemKind       kind,
                   double         y,
                   double         height)
{
  double w = kind == ITEM_BUTTERFLY ? MIN (320, self->page_w - 2 * MARGIN) : self->page_w - 2 * MARGIN;

  cairo_save (cr);
  cairo_rectangle (cr, MARGIN, y, self->page_w - 2 * MARGIN, height);
  report_set_rgb (cr, 0xfbfaf9);
  cairo_fill (cr);
  cairo_translate (cr, (self->page_w - w) / 2, y);
  if (kind == ITEM_BUTTERFLY)
    plantar_cop_butterfly_draw (cr, &self->gait, w, height, FALSE);
  else
    plantar_region_bars_draw (cr, self->feet[0], self->feet[1],
                              plantar_thresholds_flag_limit (self->thresholds, "heel_peak_kpa"),
                              plantar_thresholds_flag_limit (self->thresholds, "forefoot_peak_kpa"),
                              PLANTAR_SIDE_UNKNOWN, w, height, FALSE);
  cairo_restore (cr);
}

/* Where each foot's steps first touched, left and right, each under its
 * title */
void
report_draw_strikes (PlantarReport *self,
                     cairo_t       *cr,
                     double         y,
                     double         height)
{
  const double title_h = 12;

  for (int s = 0; s < 2; s++)
    {
      const PlantarFoot *foot = self->feet[s] ? self->feet[s] : self->shown[s];
      g_autoptr(PangoLayout) title = NULL;
      double half;
      if (foot == NULL || self->gait.steps == NULL)
        continue;
      half = begin_column (self, cr, s, y + title_h, height - title_h);
      title = report_make_layout (self, s == 0 ? _("Left: where the foot lands, a dot a step")
                                               : _("Right: where the foot lands, a dot a step"),
                                  FONT_SMALL, half, PANGO_ALIGN_LEFT);
      report_show_layout (cr, title, 0, -title_h, GREY);
      plantar_strike_diagram_draw (cr, foot, (const PlantarGaitStep *) self->gait.steps->data, self->gait.steps->len,
                                   self->thresholds, half, height - title_h, FALSE);
      cairo_restore (cr);
    }
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
  style.label_px = 8;
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

void
report_draw_maps (PlantarReport *self,
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
      g_autoptr(PangoLayout) title = report_make_layout (self, s == 0 ? _("Left foot") : _("Right foot"), FONT_HEADING, half,
                                                         PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) key = report_make_layout (self, self->keys[s], FONT_BODY, half, PANGO_ALIGN_LEFT);
      double th = report_layout_height (title), kh = report_layout_height (key);

      report_show_layout (cr, title, x, y, INK);
      report_show_layout (cr, key, x, y + th, GREY);
      cairo_save (cr);
      cairo_rectangle (cr, x, y + th + kh + 4, half, height - th - kh - 4 - legend);
      report_set_rgb (cr, 0xf6f5f4);
      cairo_fill (cr);
      cairo_restore (cr);
      draw_map (self, cr, s, x + 6, y + th + kh + 10, half - 12, height - th - kh - 16 - legend);
    }
  if (self->pressure)
    plantar_map_draw_legend (cr, self->info.colormap, self->max_kpa,
                             plantar_scan_get_value_unit (self->scans[0] ? self->scans[0] : self->scans[1]),
                             MARGIN, y + height - 28, MIN (260, inner / 2), 24, FALSE);
  if (self->gait_line != NULL)
    {
      double x = MARGIN + MIN (260, inner / 2) + COLUMN_GAP, w = MARGIN + inner - x;
      g_autoptr(PangoLayout) line = report_make_layout (self, self->gait_line, FONT_SMALL, w, PANGO_ALIGN_LEFT);
      pango_layout_set_height (line, -3);
      pango_layout_set_ellipsize (line, PANGO_ELLIPSIZE_END);
      report_show_layout (cr, line, x, y + height - 32, INK);
    }
}

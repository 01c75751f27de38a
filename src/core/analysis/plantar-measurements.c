/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-measurements"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-measurements.h"

void
plantar_measurement_options_init (PlantarMeasurementOptions *options)
{
  memset (options, 0, sizeof *options);
  options->unit = PLANTAR_LENGTH_MM;
  options->shoe_allowance_mm = 15;
  options->sd_arch_index = NAN;
  options->sd_foot_length_mm = NAN;
}

static void
row_free (gpointer data)
{
  PlantarMeasurementRow *row = data;

  g_free (row->label);
  g_free (row->value);
  g_free (row->category);
  g_free (row->hint);
  g_free (row->rule);
  g_free (row->source);
  g_free (row);
}

const char *
plantar_section_title (PlantarSection section)
{
  switch (section)
    {
    case PLANTAR_SECTION_ARCH:
      return _("Arch");
    case PLANTAR_SECTION_SIZE:
      return _("Size");
    case PLANTAR_SECTION_HEEL:
      return _("Heel");
    case PLANTAR_SECTION_PRESSURE:
      return _("Peak Pressures");
    case PLANTAR_SECTION_WALKING:
      return _("Walking");
    case PLANTAR_SECTION_GAIT:
      return _("Gait");
    case PLANTAR_N_SECTIONS:
    default:
      return "";
    }
}

char *
plantar_format_length (double            mm,
                       PlantarLengthUnit unit)
{
  if (!isfinite (mm))
    return g_strdup ("–");
  if (unit == PLANTAR_LENGTH_INCH)
    /* TRANSLATORS: a length in inches */
    return g_strdup_printf (_("%.2f in"), mm / 25.4);
  /* TRANSLATORS: a length in millimetres */
  return g_strdup_printf (_("%.1f mm"), mm);
}

/* "249.5 ± 3.7 mm": a mean and its standard deviation, the unit once */
static char *
format_length_spread (double            mm,
                      double            sd_mm,
                      PlantarLengthUnit unit)
{
  if (!isfinite (sd_mm))
    return plantar_format_length (mm, unit);
  if (unit == PLANTAR_LENGTH_INCH)
    /* TRANSLATORS: a mean length and its standard deviation in inches */
    return g_strdup_printf (_("%.2f ± %.2f in"), mm / 25.4, sd_mm / 25.4);
  /* TRANSLATORS: a mean length and its standard deviation in millimetres */
  return g_strdup_printf (_("%.1f ± %.1f mm"), mm, sd_mm);
}

/* The word a category's badge shows, in the user's language; a
 * combined "normal/cavus" word by word; a clinic's own category as named. */
char *
plantar_category_badge (const char *category)
{
  static const struct { const char *id, *word; } known[] = {
    { "high", NC_("category badge", "high") },
    { "normal", NC_("category badge", "normal") },
    { "flat", NC_("category badge", "flat") },
    { "cavus", NC_("category badge", "cavus") },
    { "typical", NC_("category badge", "typical") },
    { "in-toeing", NC_("category badge", "in-toeing") },
    { "out-toeing", NC_("category badge", "out-toeing") },
    { "rearfoot", NC_("category badge", "rearfoot") },
    { "midfoot", NC_("category badge", "midfoot") },
    { "forefoot", NC_("category badge", "forefoot") },
    { "uneven", NC_("category badge", "uneven") },
  };
  g_auto(GStrv) words = NULL;
  GString *badge;

  if (category == NULL)
    return NULL;
  words = g_strsplit (category, "/", -1);
  badge = g_string_new (NULL);
  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *word = words[w];
      for (guint i = 0; i < G_N_ELEMENTS (known); i++)
        if (g_str_equal (word, known[i].id))
          word = g_dpgettext2 (NULL, "category badge", known[i].word);
      g_string_append_printf (badge, "%s%s", w > 0 ? "/" : "", word);
    }
  return g_string_free (badge, FALSE);
}

/* The arch index's category inside a sentence ("Left: normal arch"). */
char *
plantar_category_phrase (const char *index,
                         const char *category)
{
  if (category != NULL && g_str_equal (index, "arch_index"))
    {
      if (g_str_equal (category, "high"))
        return g_strdup (C_("in a sentence", "high arch"));
      if (g_str_equal (category, "normal"))
        return g_strdup (C_("in a sentence", "normal arch"));
      if (g_str_equal (category, "flat"))
        return g_strdup (C_("in a sentence", "flat arch"));
    }
  return plantar_category_badge (category);
}

char *
plantar_category_title (const char *index,
                        const char *category)
{
  if (category == NULL)
    return NULL;
  if (g_str_equal (index, "arch_index") || g_str_equal (index, "chippaux_smirak") ||
      g_str_equal (index, "clarke_angle_deg"))
    {
      if (g_str_equal (category, "high"))
        return g_strdup (_("High arch"));
      if (g_str_equal (category, "normal"))
        return g_strdup (_("Normal arch"));
      if (g_str_equal (category, "flat"))
        return g_strdup (_("Flat arch"));
    }
  {
    /* the categories of Plantar's own thresholds file; a clinic's own
     * file may name others, shown in its words */
    static const struct { const char *id, *title; } known[] = {
      { "high", NC_("category", "High") },
      { "normal", NC_("category", "Normal") },
      { "flat", NC_("category", "Flat") },
      { "cavus", NC_("category", "Cavus") },
      { "typical", NC_("category", "Typical") },
      { "in-toeing", NC_("category", "In-toeing") },
      { "out-toeing", NC_("category", "Out-toeing") },
      { "rearfoot", NC_("category", "Rearfoot") },
      { "midfoot", NC_("category", "Midfoot") },
      { "forefoot", NC_("category", "Forefoot") },
    };
    g_autofree char *first = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (known); i++)
      if (g_str_equal (category, known[i].id))
        return g_strdup (g_dpgettext2 (NULL, "category", known[i].title));
    first = g_utf8_strup (category, g_utf8_next_char (category) - category);
    return g_strconcat (first, g_utf8_next_char (category), NULL);
  }
}

static PlantarMeasurementRow *
add (GPtrArray      *rows,
     PlantarSection  section,
     const char     *key,
     const char     *label,
     double          number,
     char           *value)
{
  PlantarMeasurementRow *row = g_new0 (PlantarMeasurementRow, 1);

  row->section = section;
  row->key = key;
  row->label = g_strdup (label);
  row->number = number;
  row->value = value;
  g_ptr_array_add (rows, row);
  return row;
}

/* What an index measures, what its categories are and where they come
 * from, for a tooltip. */
static char *
category_hint (const PlantarCategory *c)
{
  GString *hint = g_string_new (NULL);

  if (c->method != NULL)
    /* TRANSLATORS: how an index is measured, from the thresholds file */
    g_string_append_printf (hint, _("Measures: %s"), c->method);
  if (c->rule != NULL)
    {
      if (hint->len > 0)
        g_string_append_c (hint, '\n');
      /* TRANSLATORS: an index's categories, from the thresholds file */
      g_string_append_printf (hint, _("Categories: %s"), c->rule);
    }
  if (c->category != NULL)
    {
      g_string_append_c (hint, '\n');
      g_string_append (hint, _("“High” and “cavus” mean a high arch, “flat” a low one; a category is a "
                               "screening category, never a diagnosis."));
    }
  if (c->citation != NULL)
    {
      if (hint->len > 0)
        g_string_append_c (hint, '\n');
      /* TRANSLATORS: the publication an index's categories come from */
      g_string_append_printf (hint, _("Source: %s"), c->citation);
    }
  return g_string_free (hint, hint->len == 0);
}

/* Where a category lies from a high arch (-1) to a flat one (+1), halves
 * for the bands between ("normal/cavus"); 2 when it is none of these. */
static int
arch_rank2 (const char *category)
{
  static const struct { const char *name; int rank2; } ranks[] = {
    { "extreme cavus", -2 }, { "strong cavus", -2 }, { "cavus", -2 }, { "high", -2 },
    { "normal/cavus", -1 }, { "normal", 0 }, { "flat/normal", 1 }, { "flat", 2 },
  };

  for (guint i = 0; category != NULL && i < G_N_ELEMENTS (ranks); i++)
    if (g_str_equal (category, ranks[i].name))
      return ranks[i].rank2;
  return G_MAXINT;
}

/**
 * plantar_measurements_disagreement:
 *
 * When the arch's indices put one foot in different categories (one says
 * high, another normal or flat), a sentence saying why that happens;
 * bands between two categories agree with both of their neighbours.
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL when they agree
 */
char *
plantar_measurements_disagreement (GPtrArray *rows)
{
  int lo = G_MAXINT, hi = G_MININT;

  for (guint i = 0; i < rows->len; i++)
    {
      const PlantarMeasurementRow *r = g_ptr_array_index (rows, i);
      int rank2 = r->section == PLANTAR_SECTION_ARCH ? arch_rank2 (r->category) : G_MAXINT;
      if (rank2 == G_MAXINT)
        continue;
      lo = MIN (lo, rank2);
      hi = MAX (hi, rank2);
    }
  if (lo == G_MAXINT || hi - lo <= 1)
    return NULL;
  return g_strdup (_("The arch’s indices disagree on this foot. Each reads another part of the "
                     "footprint (the midfoot’s share of the area, its narrowest width, the angle of the "
                     "arch’s edge) against thresholds from different studies, and they agree only "
                     "moderately with each other and with X-rays: read them together, with the foot."));
}

/* The category of @index for @row, and what it measures, its rule and its
 * source as a hint. */
static void
categorize (PlantarMeasurementRow *row,
            PlantarThresholds     *thresholds,
            const char            *index)
{
  PlantarCategory c;

  if (!plantar_thresholds_categorize (thresholds, index, row->number, &c))
    return;
  row->category = g_strdup (c.category);
  g_free (row->hint);
  row->hint = category_hint (&c);
  row->rule = g_strdup (c.rule);
  row->source = g_strdup (c.citation);
}

static void
flag (PlantarMeasurementRow *row,
      PlantarThresholds     *thresholds,
      const char            *name)
{
  PlantarCategory c;

  row->flagged = plantar_thresholds_flag (thresholds, name, row->number, &c);
  if (c.rule != NULL)
    {
      g_free (row->hint);
      row->hint = category_hint (&c);
      g_free (row->rule);
      row->rule = g_strdup (c.rule);
      g_free (row->source);
      row->source = g_strdup (c.citation);
    }
}

static char *
number_with_spread (const char *format,
                    double      value,
                    double      sd)
{
  g_autofree char *v = g_strdup_printf (format, value);

  if (!isfinite (sd))
    return g_steal_pointer (&v);
  {
    g_autofree char *s = g_strdup_printf (format, sd);
    /* TRANSLATORS: a mean and its standard deviation */
    return g_strdup_printf (_("%s ± %s"), v, s);
  }
}

static void
pressure_row (GPtrArray         *rows,
              const PlantarFoot *foot,
              PlantarRegion      region,
              const char        *key,
              const char        *label)
{
  double kpa = foot->regions[region].peak_kpa;

  if (isfinite (kpa) && kpa > 0)
    add (rows, PLANTAR_SECTION_PRESSURE, key, label, kpa, g_strdup_printf (_("%.0f kPa"), kpa));
}

static void
arch_rows (GPtrArray                       *rows,
           const PlantarFoot               *foot,
           PlantarThresholds               *thresholds,
           const PlantarMeasurementOptions *options)
{
  PlantarMeasurementRow *row;

  if (isfinite (foot->arch_index))
    {
      row = add (rows, PLANTAR_SECTION_ARCH, "arch_index", _("Arch index"), foot->arch_index,
                 number_with_spread ("%.3f", foot->arch_index, options->sd_arch_index));
      categorize (row, thresholds, "arch_index");
    }
  if (isfinite (foot->modified_arch_index) && foot->has_pressure)
    {
      row = add (rows, PLANTAR_SECTION_ARCH, "modified_arch_index", _("Pressure-weighted arch index"),
                 foot->modified_arch_index, g_strdup_printf ("%.3f", foot->modified_arch_index));
      categorize (row, thresholds, "modified_arch_index");
    }
  if (isfinite (foot->chippaux_smirak))
    {
      row = add (rows, PLANTAR_SECTION_ARCH, "chippaux_smirak", _("Chippaux-Smirak index"), foot->chippaux_smirak,
                 g_strdup_printf (_("%.1f %%"), foot->chippaux_smirak));
      categorize (row, thresholds, "chippaux_smirak");
    }
  if (isfinite (foot->staheli))
    {
      row = add (rows, PLANTAR_SECTION_ARCH, "staheli", _("Staheli index"), foot->staheli,
                 g_strdup_printf ("%.2f", foot->staheli));
      categorize (row, thresholds, "staheli");
    }
  if (isfinite (foot->clarke_angle_deg))
    {
      row = add (rows, PLANTAR_SECTION_ARCH, "clarke_angle_deg", _("Clarke’s angle"), foot->clarke_angle_deg,
                 g_strdup_printf (_("%.1f°"), foot->clarke_angle_deg));
      categorize (row, thresholds, "clarke_angle_deg");
    }
  if (isfinite (foot->hernandez_corvo))
    {
      row = add (rows, PLANTAR_SECTION_ARCH, "hernandez_corvo", _("Hernández-Corvo %X"), foot->hernandez_corvo,
                 g_strdup_printf (_("%.0f %%"), foot->hernandez_corvo));
      categorize (row, thresholds, "hernandez_corvo");
    }
}

static void
size_rows (GPtrArray                       *rows,
           const PlantarFoot               *foot,
           const PlantarMeasurementOptions *options)
{
  PlantarLengthUnit unit = options->unit;
  PlantarMeasurementRow *row;
  PlantarShoeSizes sizes;

  if (isfinite (foot->foot_length_mm))
    {
      row = add (rows, PLANTAR_SECTION_SIZE, "foot_length_mm", _("Foot length"), foot->foot_length_mm,
                 format_length_spread (foot->foot_length_mm, options->sd_foot_length_mm, unit));
      row->hint = g_strdup (_("From the back of the heel to the tip of the longest toe, along the foot axis"));
    }
  if (isfinite (foot->ball_width_mm))
    {
      row = add (rows, PLANTAR_SECTION_SIZE, "ball_width_mm", _("Ball width"), foot->ball_width_mm,
                 plantar_format_length (foot->ball_width_mm, unit));
      row->hint = g_strdup (_("The widest contact across the forefoot, square to the foot axis"));
    }
  if (isfinite (foot->foot_length_mm))
    {
      plantar_shoe_sizes (foot->foot_length_mm, foot->ball_width_mm, options->shoe_allowance_mm, &sizes);
      /* TRANSLATORS: shoe sizes; M and W are men's and women's US sizes */
      row = add (rows, PLANTAR_SECTION_SIZE, "shoe_size", _("Shoe size"), sizes.eu,
                 g_strdup_printf (_("EU %g · UK %g · US %g M / %g W"), sizes.eu, sizes.uk, sizes.us_men,
                                  sizes.us_women));
      row->hint = g_strdup_printf (_("For a foot of %.0f mm with %.0f mm of room in the shoe"), foot->foot_length_mm,
                                   options->shoe_allowance_mm);
      if (sizes.mondopoint[0] != '\0')
        {
          row = add (rows, PLANTAR_SECTION_SIZE, "mondopoint", _("Mondopoint"), foot->foot_length_mm,
                     g_strdup (sizes.mondopoint));
          row->hint = g_strdup (_("Foot length / ball width in mm (ISO 9407)"));
        }
    }
  if (isfinite (foot->contact_area_mm2))
    add (rows, PLANTAR_SECTION_SIZE, "contact_area_mm2", _("Contact area"), foot->contact_area_mm2,
         g_strdup_printf (_("%.0f cm²"), foot->contact_area_mm2 / 100));
}

static void
heel_rows (GPtrArray                       *rows,
           const PlantarFoot               *foot,
           PlantarThresholds               *thresholds,
           const PlantarMeasurementOptions *options)
{
  PlantarMeasurementRow *row;

  if (isfinite (foot->heel_width_mm))
    {
      row = add (rows, PLANTAR_SECTION_HEEL, "heel_width_mm", _("Heel width"), foot->heel_width_mm,
                 plantar_format_length (foot->heel_width_mm, options->unit));
      row->hint = g_strdup (_("The widest contact across the heel: the heel cup’s width"));
    }
  if (!foot->has_pressure)
    return;
  if (isfinite (foot->heel_cop_offset_mm))
    {
      double off = foot->heel_cop_offset_mm;
      g_autofree char *len = plantar_format_length (fabs (off), options->unit);
      row = add (rows, PLANTAR_SECTION_HEEL, "heel_cop_offset_mm", _("Heel pressure centre"), off,
                 fabs (off) < 0.5 ? g_strdup (_("centred"))
                 : off > 0 ? g_strdup_printf (_("%s medial"), len)
                           : g_strdup_printf (_("%s lateral"), len));
      row->hint = g_strdup (_("Where the heel’s load centres, across the foot axis from the heel centre: "
                              "medial suggests a rearfoot that rolls in (pronation), lateral one that rolls "
                              "out (supination)"));
    }
  if (isfinite (foot->heel_medial_load_pct))
    add (rows, PLANTAR_SECTION_HEEL, "heel_medial_load_pct", _("Medial share of heel load"),
         foot->heel_medial_load_pct, g_strdup_printf (_("%.0f %%"), foot->heel_medial_load_pct));
  if (isfinite (foot->heel_peak_kpa))
    {
      row = add (rows, PLANTAR_SECTION_HEEL, "heel_peak_kpa", _("Heel peak pressure"), foot->heel_peak_kpa,
                 g_strdup_printf (_("%.0f kPa"), foot->heel_peak_kpa));
      flag (row, thresholds, "heel_peak_kpa");
    }
}

/* Where the load lies, lengthwise: what a picture of relative pressures
 * tells as well as a calibrated plate. */
static void
load_share_rows (GPtrArray         *rows,
                 const PlantarFoot *foot)
{
  static const struct {
    PlantarRegion region;
    const char   *key;
    const char   *label;
  } shares[] = {
    { PLANTAR_REGION_HEEL, "heel_load_pct", N_("Heel’s share of the load") },
    { PLANTAR_REGION_MIDFOOT, "midfoot_load_pct", N_("Midfoot’s share of the load") },
    { PLANTAR_REGION_FOREFOOT, "forefoot_load_pct", N_("Forefoot’s share of the load") },
    { PLANTAR_REGION_TOES, "toes_load_pct", N_("Toes’ share of the load") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
    {
      double pct = foot->regions[shares[i].region].load_pct;
      if (isfinite (pct))
        add (rows, PLANTAR_SECTION_PRESSURE, shares[i].key, _(shares[i].label), pct,
             g_strdup_printf (_("%.0f %%"), pct));
    }
}

/* The peak pressures by region; the higher forefoot half flagged. */
static void
pressure_rows (GPtrArray         *rows,
               const PlantarFoot *foot,
               PlantarThresholds *thresholds)
{
  double fore = MAX (foot->regions[PLANTAR_REGION_FOREFOOT_MEDIAL].peak_kpa,
                     foot->regions[PLANTAR_REGION_FOREFOOT_LATERAL].peak_kpa);

  load_share_rows (rows, foot);
  pressure_row (rows, foot, PLANTAR_REGION_MIDFOOT, "midfoot_peak_kpa", _("Midfoot"));
  pressure_row (rows, foot, PLANTAR_REGION_FOREFOOT_MEDIAL, "forefoot_medial_peak_kpa", _("Forefoot, medial"));
  pressure_row (rows, foot, PLANTAR_REGION_FOREFOOT_LATERAL, "forefoot_lateral_peak_kpa", _("Forefoot, lateral"));
  pressure_row (rows, foot, PLANTAR_REGION_HALLUX, "hallux_peak_kpa", _("Big toe"));
  pressure_row (rows, foot, PLANTAR_REGION_LESSER_TOES, "lesser_toes_peak_kpa", _("Other toes"));
  for (guint i = 0; i < rows->len; i++)
    {
      PlantarMeasurementRow *r = g_ptr_array_index (rows, i);
      if (g_str_has_prefix (r->key, "forefoot_") && r->number == fore)
        flag (r, thresholds, "forefoot_peak_kpa");
    }
}

/* A step, or the mean of a side's steps (which keeps no path of its own). */
static void
walking_rows (GPtrArray         *rows,
              const PlantarFoot *foot,
              PlantarThresholds *thresholds)
{
  PlantarMeasurementRow *row;

  if (isfinite (foot->cpei_pct))
    {
      row = add (rows, PLANTAR_SECTION_WALKING, "cpei", _("CPEI"), foot->cpei_pct,
                 g_strdup_printf (_("%.1f %%"), foot->cpei_pct));
      categorize (row, thresholds, "cpei");
    }
  if (isfinite (foot->progression_angle_deg))
    {
      row = add (rows, PLANTAR_SECTION_WALKING, "progression_angle_deg", _("Foot progression angle"),
                 foot->progression_angle_deg, g_strdup_printf (_("%+.0f°"), foot->progression_angle_deg));
      categorize (row, thresholds, "foot_progression_angle_deg");
    }
  if (isfinite (foot->medial_load_pct))
    {
      row = add (rows, PLANTAR_SECTION_WALKING, "medial_load_pct", _("Medial / lateral balance"),
                 foot->medial_load_pct,
                 g_strdup_printf (_("%.0f %% / %.0f %%"), foot->medial_load_pct, 100 - foot->medial_load_pct));
      row->hint = g_strdup (_("The share of the foot’s load carried medially and laterally over the step: "
                              "more medial suggests pronation, more lateral supination"));
    }
  if (isfinite (foot->contact_ms) && foot->contact_ms > 0)
    add (rows, PLANTAR_SECTION_WALKING, "contact_ms", _("Contact time"), foot->contact_ms,
         g_strdup_printf (_("%.0f ms"), foot->contact_ms));
}

/* A side's gait value, its left/right symmetry in the hint, and "uneven"
 * when the symmetry is beyond the thresholds' flag */
static PlantarMeasurementRow *
add_gait (GPtrArray         *rows,
          const PlantarGait *gait,
          const char        *key,
          const char        *label,
          double             number,
          char              *value,
          char              *hint,
          int                symmetry)
{
  PlantarMeasurementRow *row = add (rows, PLANTAR_SECTION_GAIT, key, label, number, value);

  row->hint = hint;
  if (symmetry >= 0 && isfinite (gait->symmetry_pct[symmetry]))
    {
      g_autofree char *before = row->hint;
      char *sym = g_strdup_printf (_("Right − left: %+.1f %% of their mean (uneven beyond %.0f %%)"),
                                   gait->symmetry_pct[symmetry], gait->symmetry_limit_pct);
      row->hint = before ? g_strdup_printf ("%s\n%s", before, sym) : g_strdup (sym);
      g_free (sym);
      if (gait->symmetry_flag[symmetry])
        row->category = g_strdup ("uneven");
    }
  return row;
}

static void
gait_rows (GPtrArray                       *rows,
           const PlantarFoot               *foot,
           PlantarThresholds               *thresholds,
           const PlantarMeasurementOptions *options)
{
  const PlantarGait *g = options->gait;
  const PlantarGaitSide *s;
  PlantarMeasurementRow *row;

  if (g == NULL || !g->available || (foot->side != PLANTAR_SIDE_LEFT && foot->side != PLANTAR_SIDE_RIGHT))
    return;
  s = plantar_gait_get_side (g, foot->side);
  if (isfinite (g->speed_mm_s))
    add_gait (rows, g, "speed_kmh", _("Speed"), g->speed_mm_s * 3.6 / 1000,
              g_strdup_printf (_("%.1f km/h"), g->speed_mm_s * 3.6 / 1000),
              g_strdup (g->treadmill ? _("The treadmill belt’s speed, from how fast the steps move on the plate")
                                     : _("How fast the person went along the walkway, from heel to heel")),
              -1);
  if (isfinite (g->cadence_spm))
    add_gait (rows, g, "cadence_spm", _("Cadence"), g->cadence_spm,
              g_strdup_printf (_("%.0f steps/min"), g->cadence_spm),
              g_strdup (_("Steps a minute, both feet: walking about 100–120, running about 150–185")), -1);
  if (s->stance_ms.n > 0)
    add_gait (rows, g, "stance_ms", _("Stance time"), s->stance_ms.mean,
              isfinite (s->stance_pct.mean) ? g_strdup_printf (_("%.0f ms · %.0f %%"), s->stance_ms.mean, s->stance_pct.mean)
                                            : g_strdup_printf (_("%.0f ms"), s->stance_ms.mean),
              g_strdup (g->running ? _("How long the foot is on the ground, and its share of the stride: "
                                       "under 40 % when running")
                                   : _("How long the foot is on the ground, and its share of the stride: "
                                       "about 60 % when walking")),
              PLANTAR_GAIT_SYMMETRY_STANCE);
  if (s->swing_ms.n > 0)
    add_gait (rows, g, "swing_ms", _("Swing time"), s->swing_ms.mean, g_strdup_printf (_("%.0f ms"), s->swing_ms.mean),
              g_strdup (_("How long the foot is in the air between two of its steps")), -1);
  if (s->step_time_ms.n > 0)
    add_gait (rows, g, "step_time_ms", _("Step time"), s->step_time_ms.mean,
              g_strdup_printf (_("%.0f ms"), s->step_time_ms.mean),
              g_strdup (_("From the other foot’s landing to this foot’s")), PLANTAR_GAIT_SYMMETRY_STEP_TIME);
  if (s->step_length_mm.n > 0)
    add_gait (rows, g, "step_length_mm", _("Step length"), s->step_length_mm.mean,
              plantar_format_length (s->step_length_mm.mean, options->unit),
              g_strdup (_("How far this foot lands ahead of the other")), PLANTAR_GAIT_SYMMETRY_STEP_LENGTH);
  if (g->step_width_mm.n > 0)
    add_gait (rows, g, "step_width_mm", _("Step width"), g->step_width_mm.mean,
              plantar_format_length (g->step_width_mm.mean, options->unit),
              g_strdup (_("Between the left and right heel centres, across the line of walking")), -1);
  if (g->running ? g->flight_ms.n > 0 : g->double_support_ms.n > 0)
    {
      const PlantarGaitStat *t = g->running ? &g->flight_ms : &g->double_support_ms;
      add_gait (rows, g, g->running ? "flight_ms" : "double_support_ms",
                g->running ? _("Flight time") : _("Double support"), t->mean, g_strdup_printf (_("%.0f ms"), t->mean),
                g_strdup (g->running ? _("Both feet in the air, between two steps: the run’s flight")
                                     : _("Both feet on the ground, between two steps")),
                -1);
    }
  if (s->peak_force_n.n > 0)
    add_gait (rows, g, "peak_force_n", _("Peak force"), s->peak_force_n.mean,
              g_strdup_printf (_("%.0f N"), s->peak_force_n.mean),
              g_strdup (_("The highest load of the step: pressure × area, summed over the foot")),
              PLANTAR_GAIT_SYMMETRY_PEAK_FORCE);
  if (s->strike_index_pct.n > 0)
    {
      row = add (rows, PLANTAR_SECTION_GAIT, "strike_index_pct", _("Foot strike"), s->strike_index_pct.mean,
                 g_strdup_printf (_("%.0f %%"), s->strike_index_pct.mean));
      categorize (row, thresholds, "strike_index_pct");
      if (isfinite (g->symmetry_pct[PLANTAR_GAIT_SYMMETRY_STRIKE_INDEX]))
        {
          g_autofree char *before = row->hint;
          row->hint = g_strdup_printf (_("%s\nRight − left: %+.1f %% of their mean"), before ? before : "",
                                       g->symmetry_pct[PLANTAR_GAIT_SYMMETRY_STRIKE_INDEX]);
        }
    }
}

/**
 * plantar_measurements_rows:
 *
 * Returns: (transfer full) (element-type PlantarMeasurementRow): the rows
 *   worth showing for @foot, by section
 */
GPtrArray *
plantar_measurements_rows (const PlantarFoot               *foot,
                           PlantarThresholds               *thresholds,
                           const PlantarMeasurementOptions *options)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);

  arch_rows (rows, foot, thresholds, options);
  size_rows (rows, foot, options);
  heel_rows (rows, foot, thresholds, options);
  if (foot->has_pressure)
    {
      pressure_rows (rows, foot, thresholds);
      walking_rows (rows, foot, thresholds);
      if (options != NULL && options->gait != NULL && options->gait->available)
        {
          /* the stance time of the Gait rows is the contact time's mean */
          for (guint i = 0; i < rows->len; i++)
            if (g_str_equal (((PlantarMeasurementRow *) g_ptr_array_index (rows, i))->key, "contact_ms"))
              g_ptr_array_remove_index (rows, i--);
          gait_rows (rows, foot, thresholds, options);
        }
    }
  return rows;
}

const PlantarMeasurementRow *
plantar_measurements_find (GPtrArray  *rows,
                           const char *key)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const PlantarMeasurementRow *row = g_ptr_array_index (rows, i);
      if (g_str_equal (row->key, key))
        return row;
    }
  return NULL;
}

guint
plantar_measurements_scale_bands (PlantarThresholds *thresholds,
                                  const char        *index,
                                  double             low,
                                  double             high,
                                  PlantarScaleBand  *bands,
                                  guint              max_bands)
{
  guint n = 0;
  double from = low;
  const char *name;
  double upto;

  for (guint i = 0; n < max_bands && plantar_thresholds_get_category (thresholds, index, i, &name, &upto); i++)
    {
      double to = isnan (upto) ? high : MIN (upto, high);
      if (to <= from)
        continue;
      bands[n].name = name;
      bands[n].from = from;
      bands[n].to = to;
      n++;
      from = to;
    }
  return n;
}

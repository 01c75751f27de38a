/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-compare"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "plantar-compare.h"

typedef enum {
  SHAPE,      /* an arch index: its value depends on how contact was seen */
  LENGTH,     /* mm on any scan */
  PRESSURE,   /* needs pressures */
  WALKING,    /* needs a recording of a step */
} Kind;

/* The measures compared, in the panel's order, with how a change is
 * written (the panel's decimals). */
static const struct {
  const char *key;
  Kind        kind;
  const char *change;   /* printf format of the difference; NULL: a length */
} measures[] = {
  { "arch_index", SHAPE, "%+.3f" },
  { "modified_arch_index", PRESSURE, "%+.3f" },
  { "chippaux_smirak", SHAPE, N_("%+.1f points") },
  { "staheli", SHAPE, "%+.2f" },
  { "clarke_angle_deg", SHAPE, N_("%+.1f°") },
  { "hernandez_corvo", SHAPE, N_("%+.0f points") },
  { "foot_length_mm", LENGTH, NULL },
  { "ball_width_mm", LENGTH, NULL },
  { "heel_width_mm", LENGTH, NULL },
  { "heel_cop_offset_mm", PRESSURE, NULL },
  { "heel_peak_kpa", PRESSURE, N_("%+.0f kPa") },
  { "medial_load_pct", WALKING, N_("%+.0f points") },
  { "cpei", WALKING, N_("%+.1f points") },
  { "progression_angle_deg", WALKING, N_("%+.0f°") },
};

static void
comparison_row_free (gpointer data)
{
  PlantarComparisonRow *row = data;

  g_free (row->label);
  g_free (row->before);
  g_free (row->after);
  g_free (row->change);
  g_free (row->note);
  g_free (row);
}

/* Why @foot lacks a measure of @kind. */
static char *
missing_reason (const PlantarFoot *foot,
                Kind               kind)
{
  if (foot == NULL)
    return g_strdup (_("this foot was not measured at that visit"));
  if ((kind == PRESSURE || kind == WALKING) && !foot->has_pressure)
    return g_strdup (_("a footprint image has no pressures"));
  if (kind == WALKING && foot->cop_path == NULL)
    return g_strdup (_("a single pressure image has no walking measures"));
  return g_strdup (_("the scan did not show enough of the foot for it"));
}

/* Why two feet's measures of @kind should not be set against each other. */
static char *
incomparable_reason (const PlantarFoot *a,
                     const PlantarFoot *b,
                     Kind               kind)
{
  if (kind != SHAPE)
    return NULL;
  if (a->has_pressure != b->has_pressure)
    return g_strdup (_("one visit is a pressure scan and the other a footprint image: arch indices are "
                       "measured differently on each"));
  if ((a->cop_path != NULL) != (b->cop_path != NULL))
    return g_strdup (_("one visit is a step while walking and the other a standing print: arch indices "
                       "are higher while walking"));
  return NULL;
}

static char *
format_change (guint             measure,
               double            delta,
               PlantarLengthUnit unit)
{
  g_autofree char *text = NULL;
  const char *format = measures[measure].change;

  if (format == NULL)
    text = unit == PLANTAR_LENGTH_INCH ? g_strdup_printf (_("%+.2f in"), delta / 25.4)
                                       : g_strdup_printf (_("%+.1f mm"), delta);
  else
    {
      /* the formats are the literals of the table above */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      text = g_strdup_printf (_(format), delta);
#pragma GCC diagnostic pop
    }
  /* "+0.0 mm" and "-0.000" say nothing changed: say so */
  for (const char *p = text; *p; p++)
    if (*p >= '1' && *p <= '9')
      return g_steal_pointer (&text);
  return g_strdup (_("no change"));
}

/**
 * plantar_compare_feet:
 *
 * @thresholds: (nullable): the categories; Plantar's own when NULL
 *
 * Returns: (transfer full) (element-type PlantarComparisonRow): a row for
 *   each measure either visit has
 */
GPtrArray *
plantar_compare_feet (const PlantarFoot               *before,
                      const PlantarFoot               *after,
                      PlantarThresholds               *thresholds,
                      const PlantarMeasurementOptions *options)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (comparison_row_free);
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;

  if (thresholds == NULL)
    thresholds = plantar_thresholds_get_builtin ();
  a = before ? plantar_measurements_rows (before, thresholds, options) : NULL;
  b = after ? plantar_measurements_rows (after, thresholds, options) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      const PlantarMeasurementRow *ra = a ? plantar_measurements_find (a, measures[i].key) : NULL;
      const PlantarMeasurementRow *rb = b ? plantar_measurements_find (b, measures[i].key) : NULL;
      PlantarComparisonRow *row;

      if (ra == NULL && rb == NULL)
        continue;
      row = g_new0 (PlantarComparisonRow, 1);
      row->key = measures[i].key;
      row->label = g_strdup (ra ? ra->label : rb->label);
      row->before = ra ? g_strdup (ra->value) : g_strdup (_("not measured"));
      row->after = rb ? g_strdup (rb->value) : g_strdup (_("not measured"));
      if (ra == NULL || rb == NULL)
        row->note = missing_reason (ra ? after : before, measures[i].kind);
      else if ((row->note = incomparable_reason (before, after, measures[i].kind)) == NULL)
        row->change = format_change (i, rb->number - ra->number, options->unit);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

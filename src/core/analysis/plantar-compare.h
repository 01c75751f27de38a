/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-measurements.h"

G_BEGIN_DECLS

/*
 * Two visits of one foot, measure by measure: each value as the
 * measurements panel writes it, the change in the same units and
 * decimals, and where a value is missing or the two were measured too
 * differently to compare, why.
 */

typedef struct {
  const char *key;       /* "arch_index", as in PlantarMeasurementRow */
  char       *label;
  char       *before;    /* "0.252", or "not measured" */
  char       *after;
  char       *change;    /* "+0.008", "no change"; NULL when they do not compare */
  char       *note;      /* why a value is missing, or why they do not compare; NULL */
} PlantarComparisonRow;

/* @before, @after: (nullable): the foot at each visit */
GPtrArray *plantar_compare_feet (const PlantarFoot               *before,
                                 const PlantarFoot               *after,
                                 PlantarThresholds               *thresholds,
                                 const PlantarMeasurementOptions *options);

G_END_DECLS

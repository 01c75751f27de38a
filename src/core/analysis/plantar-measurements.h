/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-analysis.h"
#include "plantar-gait.h"
#include "plantar-thresholds.h"

G_BEGIN_DECLS

/*
 * A foot's measurements as a person reads them: labelled, in the user's
 * units, with their category and where the category comes from. The
 * window's panel and the report show these rows; the tests read them.
 */

typedef enum {
  PLANTAR_LENGTH_MM,
  PLANTAR_LENGTH_INCH,
} PlantarLengthUnit;

typedef enum {
  PLANTAR_SECTION_ARCH,
  PLANTAR_SECTION_SIZE,
  PLANTAR_SECTION_HEEL,
  PLANTAR_SECTION_PRESSURE,
  PLANTAR_SECTION_WALKING,
  PLANTAR_SECTION_GAIT,
  PLANTAR_N_SECTIONS
} PlantarSection;

typedef struct {
  PlantarSection section;
  const char    *key;        /* "arch_index", "foot_length_mm", ... */
  char          *label;      /* "Arch index" */
  char          *value;      /* "0.252", "258.3 mm", "41.5" */
  char          *category;   /* "normal", or NULL */
  char          *hint;       /* for a tooltip: what it measures, its rule and its source,
                              * or what the number is */
  char          *rule;       /* "high ≤ 0.21 < normal < 0.26 ≤ flat", or NULL */
  char          *source;     /* the rule's citation, or NULL */
  gboolean       flagged;    /* beyond a flag of the thresholds */
  double         number;     /* the value in mm, kPa, % or degrees */
} PlantarMeasurementRow;

typedef struct {
  PlantarLengthUnit  unit;
  double             shoe_allowance_mm;
  /* a mean of steps: its spread */
  guint              n_steps;
  double             sd_arch_index;
  double             sd_foot_length_mm;
  /* measured on an insole inside a shoe: indicative only */
  gboolean           in_shoe;
  /* the recording's walk or run, for its Gait rows (nullable) */
  const PlantarGait *gait;
  /* the customer's body mass when asked (> 0): forces also in % of it */
  double             body_mass_kg;
  /* both feet shown (either may be NULL), for the drawings that compare them */
  const PlantarFoot *feet[2];
} PlantarMeasurementOptions;

void        plantar_measurement_options_init (PlantarMeasurementOptions       *options);
GPtrArray  *plantar_measurements_rows        (const PlantarFoot               *foot,
                                              PlantarThresholds               *thresholds,
                                              const PlantarMeasurementOptions *options);
const PlantarMeasurementRow *
            plantar_measurements_find        (GPtrArray                       *rows,
                                              const char                      *key);
char       *plantar_measurements_disagreement (GPtrArray                    *rows);
const char *plantar_section_title            (PlantarSection                   section);
char       *plantar_format_length            (double                           mm,
                                              PlantarLengthUnit                unit);
/* "normal" → "Normal arch"; a category as a sentence start */
char       *plantar_category_badge           (const char                      *category);
char       *plantar_category_phrase          (const char                      *index,
                                              const char                      *category);
char       *plantar_category_title           (const char                      *index,
                                              const char                      *category);

/* Where a value falls on the arch index's scale: each category's share of
 * a bar from @low to @high, for the small scale beside the number. */
typedef struct {
  const char *name;
  double      from, to;
} PlantarScaleBand;

guint       plantar_measurements_scale_bands (PlantarThresholds               *thresholds,
                                              const char                      *index,
                                              double                           low,
                                              double                           high,
                                              PlantarScaleBand                *bands,
                                              guint                            max_bands);

G_END_DECLS

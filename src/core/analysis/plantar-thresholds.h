/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-json-source.h"

G_BEGIN_DECLS

#define PLANTAR_THRESHOLDS_ERROR (plantar_thresholds_error_quark ())

typedef enum {
  PLANTAR_THRESHOLDS_ERROR_SYNTAX,
  PLANTAR_THRESHOLDS_ERROR_FIELD,
} PlantarThresholdsError;

/* Categories and flags from a data file with their citations: Plantar's own
 * (built in, also installed as plantar-thresholds.json) or a clinic's. */
typedef struct _PlantarThresholds PlantarThresholds;

typedef struct {
  const char *category;    /* NULL when the index has no categories */
  const char *label;
  const char *rule;        /* "high ≤ 0.21 < normal < 0.26 ≤ flat" */
  const char *citation;
  const char *method;
} PlantarCategory;

GQuark             plantar_thresholds_error_quark (void);
PlantarThresholds *plantar_thresholds_get_builtin (void);
PlantarThresholds *plantar_thresholds_get_default (void);
PlantarThresholds *plantar_thresholds_load        (const char         *path,
                                                   GError            **error);
PlantarThresholds *plantar_thresholds_parse       (const char         *text,
                                                   gssize              length,
                                                   const char         *name,
                                                   GError            **error);
PlantarThresholds *plantar_thresholds_ref         (PlantarThresholds  *self);
void               plantar_thresholds_unref       (PlantarThresholds  *self);
const char        *plantar_thresholds_get_source  (PlantarThresholds  *self);
gboolean           plantar_thresholds_categorize  (PlantarThresholds  *self,
                                                   const char         *index,
                                                   double              value,
                                                   PlantarCategory    *out);
gboolean           plantar_thresholds_flag        (PlantarThresholds  *self,
                                                   const char         *flag,
                                                   double              value,
                                                   PlantarCategory    *out);
gboolean           plantar_thresholds_get_category (PlantarThresholds *self,
                                                   const char         *index,
                                                   guint               i,
                                                   const char        **name,
                                                   double             *upto);
double             plantar_thresholds_flag_limit  (PlantarThresholds  *self,
                                                   const char         *flag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarThresholds, plantar_thresholds_unref)

G_END_DECLS

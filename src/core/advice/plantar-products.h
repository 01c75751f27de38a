/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-rules.h"

G_BEGIN_DECLS

/*
 * The products a shop stocks, as the shop edits them: read from its rules
 * file and written back into it (the rest of the file kept as it is),
 * checked as a whole before anything is written.
 */

typedef struct {
  char *name;
  char *code;
  char *price;       /* as the shop writes it */
  char *note;
  char *for_key;     /* "insole", "arch_profile", "heel_cup" or "add_on" */
  char *for_id;      /* one of that key's ids */
} PlantarProductSpec;

/* What a product can be for: one of the rules' insoles, arch profiles,
 * heel cups or add-ons. */
typedef struct {
  const char *key;   /* "insole", ... */
  const char *id;
  const char *label;
} PlantarProductTarget;

PlantarProductSpec *plantar_product_spec_new        (void);
void                plantar_product_spec_free       (PlantarProductSpec   *spec);
GArray             *plantar_rules_get_product_targets (PlantarRules       *rules);
GPtrArray          *plantar_products_read           (const char           *path,
                                                     GError              **error);
gboolean            plantar_products_write          (const char           *path,
                                                     GPtrArray            *specs,
                                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarProductSpec, plantar_product_spec_free)

G_END_DECLS

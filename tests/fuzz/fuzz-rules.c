/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a shop's rules file, then as a suggestion for two feet
 * and the insole it designs. */
#include "config.h"

#include "plantar-fuzz.h"
#include "plantar-insole.h"
#include "plantar-rules.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRules) rules = NULL;

  plantar_fuzz_init ();
  rules = plantar_rules_parse ((const char *) data, size, "fuzz.json", &error);
  g_assert ((rules == NULL) != (error == NULL));
  if (rules != NULL)
    {
      PlantarFoot *foot = plantar_fuzz_foot ();
      g_autoptr(PlantarAdvice) advice = plantar_rules_suggest (rules, foot, foot, NULL, NULL);
      g_autoptr(PlantarInsole) insole = NULL;
      PlantarInsoleParams params;
      g_assert_nonnull (advice);
      /* whatever the file's design says, a closed solid or a refusal */
      if (plantar_insole_params_for_foot (&params, rules, &advice->right, NULL, NULL))
        {
          g_autoptr(GError) design_error = NULL;
          insole = plantar_insole_design (foot, &params, &design_error);
          g_assert ((insole == NULL) != (design_error == NULL));
          g_assert (insole == NULL || insole->mesh.triangles->len > 0);
        }
    }
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a shop's rules file, then as a suggestion for two feet. */
#include "config.h"

#include "plantar-fuzz.h"
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
      g_assert_nonnull (advice);
    }
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a clinic's thresholds file, then categorising a foot. */
#include "config.h"

#include "plantar-fuzz.h"
#include "plantar-measurements.h"
#include "plantar-thresholds.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  PlantarThresholds *thresholds;

  plantar_fuzz_init ();
  thresholds = plantar_thresholds_parse ((const char *) data, size, "fuzz.json", &error);
  g_assert ((thresholds == NULL) != (error == NULL));
  if (thresholds != NULL)
    {
      PlantarMeasurementOptions options;
      g_autoptr(GPtrArray) rows = NULL;
      plantar_measurement_options_init (&options);
      rows = plantar_measurements_rows (plantar_fuzz_foot (), thresholds, &options);
      plantar_thresholds_unref (thresholds);
    }
  return 0;
}

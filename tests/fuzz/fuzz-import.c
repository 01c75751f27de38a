/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a scan file: every importer and the image loaders, then
 * the analysis of what they read. An error is fine; a crash, a hang, a
 * leak or an allocation past the limits is a finding. */
#include "config.h"

#include "plantar-analysis.h"
#include "plantar-fuzz.h"
#include "plantar-import.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GError) error = NULL;

  plantar_fuzz_init ();
  scans = plantar_import_bytes (bytes, "fuzz", NULL, &error);
  g_assert ((scans == NULL) != (error == NULL));
  /* measured too, when small enough to stay quick */
  for (guint i = 0; scans != NULL && i < scans->len && i < 2; i++)
    {
      PlantarScan *scan = g_ptr_array_index (scans, i);
      g_autoptr(GError) analysis_error = NULL;
      g_autoptr(PlantarAnalysis) analysis = NULL;
      if ((gsize) plantar_scan_get_width (scan) * plantar_scan_get_height (scan) *
            MAX (plantar_scan_get_n_frames (scan), 1) > 4000000)
        continue;
      analysis = plantar_analyze (scan, NULL, &analysis_error);
    }
  return 0;
}

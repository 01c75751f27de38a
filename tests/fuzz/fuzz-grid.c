/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as the rest of a pressure grid's header and its rows: the
 * header's numbers (cell size, units, frame time, side), the rows and
 * the frames between them, then the analysis of what was read. An error
 * is fine; a crash, a hang, a leak or an allocation past the limits is a
 * finding. */
#include "config.h"

#include <string.h>

#include "plantar-analysis.h"
#include "plantar-fuzz.h"
#include "plantar-import.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char head[] = "# Plantar pressure grid\n# cell_mm: ";
  g_autofree guint8 *text = g_malloc (sizeof head - 1 + size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GError) error = NULL;

  plantar_fuzz_init ();
  memcpy (text, head, sizeof head - 1);
  if (size > 0)
    memcpy (text + sizeof head - 1, data, size);
  bytes = g_bytes_new_take (g_steal_pointer (&text), sizeof head - 1 + size);
  scans = plantar_import_bytes (bytes, "fuzz.csv", NULL, &error);
  g_assert ((scans == NULL) != (error == NULL));
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as the rest of a pressure grid's header and its rows: the
 * header's numbers (cell size, units, frame time, side), the rows and
 * the frames between them, then the analysis of what was read. An error
 * is fine; a crash, a hang, a leak or an allocation past the limits is a
 * finding. */
#include "config.h"

#include <string.h>

#include "plantar-fuzz.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char head[] = "# Plantar pressure grid\n# cell_mm: ";
  guint8 *text = g_malloc (sizeof head - 1 + size);
  g_autoptr(GBytes) bytes = NULL;

  plantar_fuzz_init ();
  memcpy (text, head, sizeof head - 1);
  if (size > 0)
    memcpy (text + sizeof head - 1, data, size);
  bytes = g_bytes_new_take (text, sizeof head - 1 + size);
  plantar_fuzz_import_and_measure (bytes, "fuzz.csv");
  return 0;
}

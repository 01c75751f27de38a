/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a scan file: every importer and the image loaders, then
 * the analysis of what they read. An error is fine; a crash, a hang, a
 * leak or an allocation past the limits is a finding. */
#include "config.h"

#include "plantar-fuzz.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  plantar_fuzz_init ();
  plantar_fuzz_import_and_measure (bytes, "fuzz");
  return 0;
}

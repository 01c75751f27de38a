/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>

#include "plantar-analysis.h"
#include "plantar-import.h"

/* Shared by the fuzz targets: quiet GLib once, and a measured foot for
 * the rules and thresholds to work on. */
void         plantar_fuzz_init (void);
PlantarFoot *plantar_fuzz_foot (void);
/* @bytes imported as a file named @name, then the first scans read
 * measured when small enough to stay quick */
void         plantar_fuzz_import_and_measure (GBytes     *bytes,
                                              const char *name);

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

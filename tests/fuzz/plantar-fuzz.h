/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>

#include "plantar-analysis.h"

/* Shared by the fuzz targets: quiet GLib once, and a measured foot for
 * the rules and thresholds to work on. */
void         plantar_fuzz_init (void);
PlantarFoot *plantar_fuzz_foot (void);

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

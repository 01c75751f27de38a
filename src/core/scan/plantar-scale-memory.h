/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-scan.h"

G_BEGIN_DECLS

/*
 * The scales people gave by hand, remembered by what a scan holds (not by
 * its file's name or place): the same print opened again, renamed or
 * copied, is measured at once with the scale given last time. Kept in
 * the user's data folder, readable by the user alone.
 */

char     *plantar_scan_content_digest   (const PlantarScan *scan);
gboolean  plantar_scale_memory_lookup   (const char        *digest,
                                         double            *cell_width_mm,
                                         double            *cell_height_mm);
gboolean  plantar_scale_memory_store    (const char        *digest,
                                         double             cell_width_mm,
                                         double             cell_height_mm,
                                         GError           **error);
gboolean  plantar_scale_memory_forget   (const char        *digest,
                                         GError           **error);

G_END_DECLS

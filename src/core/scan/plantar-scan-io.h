/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "plantar-scan.h"

G_BEGIN_DECLS

gboolean  plantar_scan_save_png   (const PlantarScan  *scan,
                                   const char         *path,
                                   GError            **error);
GString  *plantar_scan_to_grid    (const PlantarScan  *scan);
gboolean  plantar_scan_save_grid  (const PlantarScan  *scan,
                                   const char         *path,
                                   GError            **error);

void      plantar_scan_build_json (const PlantarScan  *scan,
                                   JsonBuilder        *builder);
char     *plantar_scan_describe   (const PlantarScan  *scan);

G_END_DECLS

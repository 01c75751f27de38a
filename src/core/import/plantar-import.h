/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "plantar-error.h"
#include "plantar-scan.h"

G_BEGIN_DECLS

/* What the user tells Plantar when a file does not say it (a generic grid
 * without "# cell_mm:"), or to correct what a file says. Zero / NULL: not given. */
typedef struct {
  double      cell_width_mm;
  double      cell_height_mm;
  double      frame_ms;
  const char *units;
  gboolean    bottom_up;    /* the first row is the bottom of the plate seen from above */
  double      paper_width_mm;   /* the sheet a photo shows, either way round; 0: A4 */
  double      paper_height_mm;
  double      scale_top_kpa;    /* a colour pressure picture: the top of its scale; 0: relative */
} PlantarImportOptions;

typedef struct {
  const char *id;          /* "zebris-fdm" */
  const char *name;        /* translated: "Zebris FDM raw export" */
  const char *what;        /* translated: what such a file holds */
  gboolean    is_image;
  gboolean    supported;   /* FALSE: recognised and refused (in-shoe systems) */
} PlantarFormatInfo;

const PlantarFormatInfo *plantar_import_get_formats   (guint                       *n_formats);
const PlantarFormatInfo *plantar_import_detect        (const guint8                *head,
                                                       gsize                        length);

GPtrArray               *plantar_import_file          (const char                  *path,
                                                       const PlantarImportOptions  *options,
                                                       GError                     **error);
GPtrArray               *plantar_import_bytes         (GBytes                      *bytes,
                                                       const char                  *display_name,
                                                       const PlantarImportOptions  *options,
                                                       GError                     **error);

GPtrArray               *plantar_import_pixels        (guint                        width,
                                                       guint                        height,
                                                       guint                        channels,
                                                       const guint8                *pixels,
                                                       double                       dpi_x,
                                                       double                       dpi_y,
                                                       const char                  *display_name,
                                                       const PlantarImportOptions  *options,
                                                       GError                     **error);

void                     plantar_import_file_async    (GFile                       *file,
                                                       const PlantarImportOptions  *options,
                                                       GCancellable                *cancellable,
                                                       GAsyncReadyCallback          callback,
                                                       gpointer                     user_data);
GPtrArray               *plantar_import_file_finish   (GAsyncResult                *result,
                                                       GError                     **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "plantar-import.h"

G_BEGIN_DECLS

/*
 * Flatbed scanners, through SANE: the scanners found, and a scan straight
 * into a scan with its true scale (the scanner's resolution), run in a
 * worker with its progress, and cancelled on request.
 */

#define PLANTAR_SCANNER_ERROR (plantar_scanner_error_quark ())

typedef enum {
  PLANTAR_SCANNER_ERROR_NONE_FOUND,   /* no scanner at all */
  PLANTAR_SCANNER_ERROR_NOT_FOUND,    /* not the one asked for */
  PLANTAR_SCANNER_ERROR_BUSY,
  PLANTAR_SCANNER_ERROR_JAMMED,
  PLANTAR_SCANNER_ERROR_NO_PAPER,
  PLANTAR_SCANNER_ERROR_COVER_OPEN,
  PLANTAR_SCANNER_ERROR_IO,           /* stopped answering: unplugged, switched off */
  PLANTAR_SCANNER_ERROR_DENIED,
  PLANTAR_SCANNER_ERROR_OPTION,       /* a setting it does not take */
  PLANTAR_SCANNER_ERROR_FAILED,
} PlantarScannerError;

typedef struct {
  char *name;      /* "test:0", "epson2:libusb:001:004" */
  char *vendor;
  char *model;
  char *type;      /* "flatbed scanner" */
} PlantarScannerInfo;

typedef enum {
  PLANTAR_SCAN_GREY,
  PLANTAR_SCAN_COLOUR,
} PlantarScanMode;

typedef struct {
  const char       *device;      /* NULL: the first scanner found */
  double            dpi;         /* 0: 150 */
  PlantarScanMode   mode;
  int               depth;       /* 0: the scanner's own (8), 16 for a 16-bit scan */
  gboolean          preview;     /* quick and coarse */
  const char *const *options;    /* more, "name=value" ("test-picture=Grid") */
} PlantarScanRequest;

/* How far the scan is, 0..1 (-1 when the scanner does not say how long the
 * page is), called in the worker. */
typedef void (*PlantarScanProgressFunc) (double   fraction,
                                         gpointer data);

GQuark       plantar_scanner_error_quark (void);
GPtrArray   *plantar_scanner_list        (GError                   **error);
void         plantar_scanner_info_free   (PlantarScannerInfo        *info);
PlantarScan *plantar_scanner_scan        (const PlantarScanRequest  *request,
                                          PlantarScanProgressFunc    progress,
                                          gpointer                   progress_data,
                                          GCancellable              *cancellable,
                                          GError                   **error);

void         plantar_scanner_scan_async  (const PlantarScanRequest  *request,
                                          GCancellable              *cancellable,
                                          PlantarScanProgressFunc    progress,
                                          gpointer                   progress_data,
                                          GAsyncReadyCallback        callback,
                                          gpointer                   user_data);
PlantarScan *plantar_scanner_scan_finish (GAsyncResult              *result,
                                          GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarScannerInfo, plantar_scanner_info_free)

G_END_DECLS

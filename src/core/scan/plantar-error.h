/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PLANTAR_SCAN_ERROR (plantar_scan_error_quark ())

typedef enum {
  PLANTAR_SCAN_ERROR_EMPTY,
  PLANTAR_SCAN_ERROR_TOO_LARGE,
  PLANTAR_SCAN_ERROR_CALIBRATION,
  PLANTAR_SCAN_ERROR_UNITS,
} PlantarScanError;

#define PLANTAR_IMPORT_ERROR (plantar_import_error_quark ())

typedef enum {
  PLANTAR_IMPORT_ERROR_IO,             /* the file cannot be read */
  PLANTAR_IMPORT_ERROR_EMPTY,          /* nothing in it */
  PLANTAR_IMPORT_ERROR_UNKNOWN_FORMAT, /* not a scan Plantar knows */
  PLANTAR_IMPORT_ERROR_UNSUPPORTED,    /* known, but cannot give a footprint (in-shoe) */
  PLANTAR_IMPORT_ERROR_TRUNCATED,      /* ends before the data it announces */
  PLANTAR_IMPORT_ERROR_PARSE,          /* a field is not what was expected */
  PLANTAR_IMPORT_ERROR_INCONSISTENT,   /* the header contradicts the data */
  PLANTAR_IMPORT_ERROR_RAGGED,         /* rows of different lengths */
  PLANTAR_IMPORT_ERROR_TOO_LARGE,      /* larger than Plantar allows */
  PLANTAR_IMPORT_ERROR_INVALID_VALUE,  /* NaN, infinite or negative pressure */
  PLANTAR_IMPORT_ERROR_UNKNOWN_UNITS,  /* a unit Plantar cannot convert */
  PLANTAR_IMPORT_ERROR_MISSING_SCALE,  /* a cell size is needed and not given */
} PlantarImportError;

GQuark plantar_scan_error_quark   (void);
GQuark plantar_import_error_quark (void);

G_END_DECLS

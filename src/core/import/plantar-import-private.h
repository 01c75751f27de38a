/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n-lib.h>

#include "plantar-import.h"
#include "plantar-text.h"
#include "plantar-units.h"

G_BEGIN_DECLS

/* Everything an importer needs: the whole (decompressed) file, its name for
 * messages, and what the user said. */
typedef struct {
  const char                 *path;          /* NULL when importing bytes */
  const char                 *display_name;
  const char                 *data;
  gsize                       length;
  GBytes                     *bytes;         /* owns data */
  const PlantarImportOptions *options;
} PlantarImportContext;

typedef gboolean   (*PlantarSniffFunc)  (PlantarSpan                 head);
typedef GPtrArray *(*PlantarLoadFunc)   (const PlantarImportContext *ctx,
                                         GError                    **error);

typedef struct {
  PlantarFormatInfo info;
  PlantarSniffFunc  sniff;
  PlantarLoadFunc   load;
  gboolean          ends_with_newline;  /* the vendor's software always ends the file so */
} PlantarFormat;

void         plantar_import_set_error      (GError                    **error,
                                            const PlantarImportContext *ctx,
                                            PlantarImportError          code,
                                            guint                       line,
                                            guint                       column,
                                            const char                 *format,
                                            ...) G_GNUC_PRINTF (6, 7);
gboolean     plantar_import_check_size     (const PlantarImportContext *ctx,
                                            guint                       line,
                                            guint64                     width,
                                            guint64                     height,
                                            guint64                     n_frames,
                                            GError                    **error);
gboolean     plantar_import_check_fits     (const PlantarImportContext *ctx,
                                            guint                       line,
                                            guint64                     n_values,
                                            GError                    **error);
void         plantar_import_value_error    (GError                    **error,
                                            const PlantarImportContext *ctx,
                                            guint                       line,
                                            guint                       column,
                                            PlantarSpan                 field,
                                            double                      value,
                                            gboolean                    parsed);
const PlantarPressureUnit *
             plantar_import_units          (const PlantarImportContext *ctx,
                                            guint                       line,
                                            PlantarSpan                 text,
                                            GError                    **error);
GPtrArray   *plantar_import_single         (PlantarScan                *scan);

/* Header numbers (plantar-import-header.c) */
gboolean     plantar_import_header_uint    (const PlantarImportContext *ctx,
                                            guint                       line,
                                            const char                 *key,
                                            PlantarSpan                 value,
                                            guint64                    *out,
                                            GError                    **error);
gboolean     plantar_import_header_length  (const PlantarImportContext *ctx,
                                            guint                       line,
                                            const char                 *key,
                                            PlantarSpan                 value,
                                            double                      unit_mm,
                                            double                     *mm,
                                            GError                    **error);
gboolean     plantar_import_header_time    (const PlantarImportContext *ctx,
                                            guint                       line,
                                            const char                 *key,
                                            PlantarSpan                 value,
                                            double                      unit_ms,
                                            double                     *ms,
                                            GError                    **error);
gboolean     plantar_import_check_cell     (const PlantarImportContext *ctx,
                                            guint                       line,
                                            const char                 *key,
                                            double                      mm,
                                            GError                    **error);
gboolean     plantar_import_check_frame    (const PlantarImportContext *ctx,
                                            guint                       line,
                                            const char                 *key,
                                            double                      ms,
                                            GError                    **error);
guint64      plantar_import_count_frames   (const PlantarLineReader    *from,
                                            gboolean                  (*is_frame) (PlantarSpan line));
void         plantar_import_apply_units    (PlantarScan                *scan,
                                            const PlantarPressureUnit  *unit);
void         plantar_import_frame_time     (PlantarScan                *scan,
                                            const double               *times_ms,
                                            guint                       n_times);
void         plantar_import_set_side_from_text (PlantarScan            *scan,
                                            const char                 *text);

/* The formats, one file each. */
#define PLANTAR_DECLARE_FORMAT(name) \
  gboolean   plantar_sniff_##name (PlantarSpan head); \
  GPtrArray *plantar_load_##name  (const PlantarImportContext *ctx, GError **error)

PLANTAR_DECLARE_FORMAT (tekscan);
PLANTAR_DECLARE_FORMAT (emed);
PLANTAR_DECLARE_FORMAT (pliance);
PLANTAR_DECLARE_FORMAT (zebris);
PLANTAR_DECLARE_FORMAT (pedcad);
PLANTAR_DECLARE_FORMAT (footscan);
PLANTAR_DECLARE_FORMAT (xsensor);
PLANTAR_DECLARE_FORMAT (in_shoe);
PLANTAR_DECLARE_FORMAT (grid);

/* Images read from a path (streamed) or from memory. */
GPtrArray   *plantar_load_png              (const PlantarImportContext *ctx,
                                            GError                    **error);
GPtrArray   *plantar_load_pixbuf           (const PlantarImportContext *ctx,
                                            GError                    **error);

G_END_DECLS

G_BEGIN_DECLS

/* How one row of values is written. */
typedef enum {
  PLANTAR_ABSENT_NONE         = 0,
  PLANTAR_ABSENT_B            = 1 << 0,  /* Tekscan: "B" = no sensel */
  PLANTAR_ABSENT_DASH         = 1 << 1,  /* "-" */
  PLANTAR_ABSENT_MINUS_ONE    = 1 << 2,  /* pedcad: -1 = no sensor */
} PlantarAbsentMarkers;

typedef struct {
  char                 separator;   /* ',', '\t', ';', or ' ' for any run of blanks */
  char                 decimal;     /* '.' or ',' */
  PlantarAbsentMarkers absent;
  guint                first_column; /* column number of the first value, for messages */
  const char          *width_source; /* where the expected width comes from, for messages */
} PlantarRowFormat;

guint     plantar_row_count_fields (PlantarSpan                 row,
                                    char                        separator);
gboolean  plantar_row_parse        (const PlantarImportContext *ctx,
                                    guint                       line,
                                    PlantarSpan                 row,
                                    const PlantarRowFormat     *format,
                                    guint                       expected,
                                    float                      *values,
                                    guint8                     *mask,
                                    GError                    **error);
gboolean  plantar_row_skip_label   (PlantarSpan                *row,
                                    char                        separator);

G_END_DECLS

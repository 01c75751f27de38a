/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n-lib.h>

#include "plantar-import.h"
#include "plantar-sheet.h"
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
GPtrArray   *plantar_load_jpeg             (const PlantarImportContext *ctx,
                                            GError                    **error);
GPtrArray   *plantar_load_pixbuf           (const PlantarImportContext *ctx,
                                            GError                    **error);

/* What a JPEG's EXIF block says (plantar-import-jpeg.c). */
typedef struct {
  double dpi_x, dpi_y;    /* 0: not said */
  guint  orientation;     /* 1 to 8, as EXIF numbers them; 1: upright */
} PlantarExif;

void         plantar_exif_read             (const guint8               *data,
                                            gsize                       length,
                                            PlantarExif                *exif);

/* A decoded picture on its way to becoming a scan (plantar-import-image.c):
 * grey or RGB, upright, alpha composited on white paper. */
typedef struct {
  guint       width, height;
  guint       channels;       /* 1 or 3 */
  guint8     *pixels;         /* width × height × channels */
  double      dpi_x, dpi_y;   /* of the decoded picture; 0: not said */
  const char *dpi_source;     /* "JFIF", "EXIF", "pHYs" */
  const char *format_name;    /* "JPEG" */
  guint       decode_scale;   /* decoded at 1 / decode_scale of the file's size */
} PlantarPicture;

gboolean     plantar_import_is_default_dpi (double                      dpi);
void         plantar_picture_orient        (PlantarPicture             *picture,
                                            guint                       orientation);
GPtrArray   *plantar_import_picture        (const PlantarImportContext *ctx,
                                            PlantarPicture             *picture,
                                            GError                    **error);

/* A sheet of paper in a photo (plantar-photo.c): FALSE with the reason
 * in @why, for the user, when none is found. */
gboolean     plantar_photo_find_sheet      (const PlantarPicture       *picture,
                                            double                      paper_width_mm,
                                            double                      paper_height_mm,
                                            PlantarSheet               *sheet,
                                            char                      **why);

/* A false-colour pressure picture (plantar-import-colour.c): NULL without
 * an error when @picture is not one. */
PlantarScan *plantar_colour_picture_read   (const PlantarImportContext *ctx,
                                            const PlantarPicture       *picture,
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

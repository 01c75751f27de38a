/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Limits applied before anything is allocated: a grid or image larger than
 * this in either direction, or more than this many bytes of values, is refused. */
#define PLANTAR_SCAN_MAX_SIDE   16384
#define PLANTAR_SCAN_MAX_BYTES  (G_GUINT64_CONSTANT (4) << 30)

typedef enum {
  PLANTAR_VALUE_PRESSURE,   /* kPa */
  PLANTAR_VALUE_RAW,        /* uncalibrated sensor values, kept as read */
  PLANTAR_VALUE_INTENSITY,  /* 8-bit grey, 0 = black, 255 = white */
} PlantarValueKind;

typedef enum {
  PLANTAR_CAPTURE_STATIC,
  PLANTAR_CAPTURE_DYNAMIC,
} PlantarCaptureMode;

typedef enum {
  PLANTAR_SIDE_UNKNOWN,
  PLANTAR_SIDE_LEFT,
  PLANTAR_SIDE_RIGHT,
} PlantarSide;

typedef enum {
  PLANTAR_EDGE_LEFT   = 1 << 0,
  PLANTAR_EDGE_RIGHT  = 1 << 1,
  PLANTAR_EDGE_TOP    = 1 << 2,
  PLANTAR_EDGE_BOTTOM = 1 << 3,
} PlantarEdges;

typedef struct _PlantarScan PlantarScan;

#define PLANTAR_TYPE_SCAN (plantar_scan_get_type ())

GType             plantar_scan_get_type           (void) G_GNUC_CONST;

gboolean          plantar_scan_check_size         (guint64             width,
                                                   guint64             height,
                                                   guint64             n_frames,
                                                   guint               bytes_per_value,
                                                   GError            **error);
PlantarScan      *plantar_scan_new_pressure       (guint               width,
                                                   guint               height,
                                                   guint               n_frames,
                                                   GError            **error);
PlantarScan      *plantar_scan_new_pressure_take  (guint               width,
                                                   guint               height,
                                                   guint               n_frames,
                                                   float              *values,
                                                   GError            **error);
PlantarScan      *plantar_scan_new_image          (guint               width,
                                                   guint               height,
                                                   GError            **error);
PlantarScan      *plantar_scan_copy               (const PlantarScan  *self);
PlantarScan      *plantar_scan_ref                (PlantarScan        *self);
void              plantar_scan_unref              (PlantarScan        *self);

/* Geometry */
guint             plantar_scan_get_width          (const PlantarScan  *self);
guint             plantar_scan_get_height         (const PlantarScan  *self);
guint             plantar_scan_get_n_frames       (const PlantarScan  *self);
gboolean          plantar_scan_has_scale          (const PlantarScan  *self);
double            plantar_scan_get_cell_width_mm  (const PlantarScan  *self);
double            plantar_scan_get_cell_height_mm (const PlantarScan  *self);
void              plantar_scan_clear_cell_size    (PlantarScan        *self);
void              plantar_scan_set_cell_size      (PlantarScan        *self,
                                                   double              width_mm,
                                                   double              height_mm);
void              plantar_scan_flip_rows          (PlantarScan        *self);
void              plantar_scan_clear_scale        (PlantarScan        *self);
gboolean          plantar_scan_calibrate_two_points (PlantarScan      *self,
                                                   double              x1,
                                                   double              y1,
                                                   double              x2,
                                                   double              y2,
                                                   double              distance_mm,
                                                   GError            **error);
gboolean          plantar_scan_calibrate_paper    (PlantarScan        *self,
                                                   double              paper_width_mm,
                                                   double              paper_height_mm,
                                                   GError            **error);

/* Values */
PlantarValueKind  plantar_scan_get_value_kind     (const PlantarScan  *self);
void              plantar_scan_set_value_kind     (PlantarScan        *self,
                                                   PlantarValueKind    kind);
gboolean          plantar_scan_is_pressure        (const PlantarScan  *self);
const char       *plantar_scan_get_value_unit     (const PlantarScan  *self);
const float      *plantar_scan_get_frame          (const PlantarScan  *self,
                                                   guint               frame);
float            *plantar_scan_get_frame_mutable  (PlantarScan        *self,
                                                   guint               frame);
const float      *plantar_scan_get_overview       (PlantarScan        *self,
                                                   guint               factor,
                                                   guint              *width,
                                                   guint              *height);
void              plantar_scan_take_overview      (PlantarScan        *self,
                                                   guint               factor,
                                                   float              *overview);
const guint8     *plantar_scan_get_pixels         (const PlantarScan  *self);
guint8           *plantar_scan_get_pixels_mutable (PlantarScan        *self);
double            plantar_scan_get_value          (const PlantarScan  *self,
                                                   guint               frame,
                                                   guint               x,
                                                   guint               y);
float            *plantar_scan_compute_peak       (const PlantarScan  *self);
void              plantar_scan_get_value_range    (const PlantarScan  *self,
                                                   double             *min_value,
                                                   double             *max_value);

/* Which cells hold a sensor. NULL means every cell does. */
const guint8     *plantar_scan_get_mask           (const PlantarScan  *self);
guint8           *plantar_scan_ensure_mask        (PlantarScan        *self);
gboolean          plantar_scan_cell_present       (const PlantarScan  *self,
                                                   guint               x,
                                                   guint               y);
guint             plantar_scan_count_sensors      (const PlantarScan  *self);
guint             plantar_scan_count_active       (const PlantarScan  *self);

/* Time */
double            plantar_scan_get_frame_ms       (const PlantarScan  *self);
void              plantar_scan_set_frame_ms       (PlantarScan        *self,
                                                   double              frame_ms);
double            plantar_scan_get_frame_time_ms  (const PlantarScan  *self,
                                                   guint               frame);
void              plantar_scan_set_frame_time_ms  (PlantarScan        *self,
                                                   guint               frame,
                                                   double              time_ms);
PlantarCaptureMode plantar_scan_get_capture_mode  (const PlantarScan  *self);
void              plantar_scan_set_capture_mode   (PlantarScan        *self,
                                                   PlantarCaptureMode  mode);

/* Metadata */
const char       *plantar_scan_get_format_id      (const PlantarScan  *self);
const char       *plantar_scan_get_format_name    (const PlantarScan  *self);
void              plantar_scan_set_format         (PlantarScan        *self,
                                                   const char         *format_id,
                                                   const char         *format_name);
const char       *plantar_scan_get_source_file    (const PlantarScan  *self);
void              plantar_scan_set_source_file    (PlantarScan        *self,
                                                   const char         *path);
const char       *plantar_scan_get_device         (const PlantarScan  *self);
void              plantar_scan_set_device         (PlantarScan        *self,
                                                   const char         *device);
const char       *plantar_scan_get_sensor_name    (const PlantarScan  *self);
void              plantar_scan_set_sensor_name    (PlantarScan        *self,
                                                   const char         *name);
const char       *plantar_scan_get_description    (const PlantarScan  *self);
void              plantar_scan_set_description    (PlantarScan        *self,
                                                   const char         *description);
const char       *plantar_scan_get_date           (const PlantarScan  *self);
void              plantar_scan_set_date           (PlantarScan        *self,
                                                   const char         *date);
const char       *plantar_scan_get_subject        (const PlantarScan  *self);
void              plantar_scan_set_subject        (PlantarScan        *self,
                                                   const char         *subject);
PlantarSide       plantar_scan_get_side           (const PlantarScan  *self);
void              plantar_scan_set_side           (PlantarScan        *self,
                                                   PlantarSide         side);
const char       *plantar_scan_get_original_units (const PlantarScan  *self);
void              plantar_scan_set_original_units (PlantarScan        *self,
                                                   const char         *units);
gboolean          plantar_scan_get_in_shoe        (const PlantarScan  *self);
void              plantar_scan_set_in_shoe        (PlantarScan        *self,
                                                   gboolean            in_shoe);
PlantarEdges      plantar_scan_get_open_edges     (const PlantarScan  *self);
void              plantar_scan_set_open_edges     (PlantarScan        *self,
                                                   PlantarEdges        edges);
const guint8     *plantar_scan_get_rgb            (const PlantarScan  *self);
void              plantar_scan_take_rgb           (PlantarScan        *self,
                                                   guint8             *rgb);
const char       *plantar_scan_get_scale_hint     (const PlantarScan  *self);
void              plantar_scan_set_scale_hint     (PlantarScan        *self,
                                                   const char         *hint);
gboolean          plantar_scan_get_units_assumed  (const PlantarScan  *self);
void              plantar_scan_set_units_assumed  (PlantarScan        *self,
                                                   gboolean            assumed);

gboolean          plantar_scan_set_units          (PlantarScan        *self,
                                                   const char         *units,
                                                   GError            **error);

/* Things the user should know about what was read. */
void              plantar_scan_add_warning        (PlantarScan        *self,
                                                   const char         *format,
                                                   ...) G_GNUC_PRINTF (2, 3);
guint             plantar_scan_get_n_warnings     (const PlantarScan  *self);
const char       *plantar_scan_get_warning        (const PlantarScan  *self,
                                                   guint               index);

const char       *plantar_side_to_string          (PlantarSide         side);
const char       *plantar_value_kind_to_string    (PlantarValueKind    kind);
const char       *plantar_capture_mode_to_string  (PlantarCaptureMode  mode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarScan, plantar_scan_unref)

G_END_DECLS

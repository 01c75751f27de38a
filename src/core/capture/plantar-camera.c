/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-camera"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "plantar-camera.h"

/*
 * "SOURCE ! videoconvert ! RGB ! appsink": the newest frame is kept (the
 * sink drops the rest), and "frame" is emitted on the main context the
 * camera was made on, at most once for each turn of it, so that a preview
 * runs at the camera's rate without ever blocking the window.
 */

G_DEFINE_QUARK (plantar-camera-error-quark, plantar_camera_error)

struct _PlantarCamera
{
  GObject       parent_instance;

  GstElement   *pipeline;
  GstElement   *sink;
  guint         bus_watch;
  GMainContext *context;

  GMutex        lock;
  GstSample    *sample;          /* the newest, under the lock */
  guint         n_frames;
  gint          frame_pending;
  gboolean      mirror;          /* seen from below the glass: turned into a print's view */
};

G_DEFINE_FINAL_TYPE (PlantarCamera, plantar_camera, G_TYPE_OBJECT)

enum {
  FRAME,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
ensure_gst (GError **error)
{
  if (!gst_is_initialized () && !gst_init_check (NULL, NULL, error))
    return FALSE;
  return TRUE;
}

void
plantar_camera_info_free (PlantarCameraInfo *info)
{
  g_free (info->id);
  g_free (info->name);
  g_free (info->source);
  g_free (info);
}

/**
 * plantar_camera_list:
 *
 * The cameras GStreamer sees (V4L2 and PipeWire video sources).
 *
 * Returns: (transfer full) (element-type PlantarCameraInfo)
 */
GPtrArray *
plantar_camera_list (GError **error)
{
  g_autoptr(GstDeviceMonitor) monitor = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_camera_info_free);
  GList *devices;

  if (!ensure_gst (error))
    return found;
  monitor = gst_device_monitor_new ();
  gst_device_monitor_add_filter (monitor, "Video/Source", NULL);
  if (!gst_device_monitor_start (monitor))
    return found;
  devices = gst_device_monitor_get_devices (monitor);
  for (GList *l = devices; l != NULL; l = l->next)
    {
      GstDevice *device = l->data;
      g_autoptr(GstStructure) props = gst_device_get_properties (device);
      const char *path = props ? gst_structure_get_string (props, "device.path") : NULL;
      const char *api = props ? gst_structure_get_string (props, "device.api") : NULL;
      PlantarCameraInfo *info = g_new0 (PlantarCameraInfo, 1);

      info->name = gst_device_get_display_name (device);
      info->id = g_strdup (path != NULL ? path : info->name);
      if (path != NULL && g_strcmp0 (api, "v4l2") == 0)
        info->source = g_strdup_printf ("v4l2src device=%s", path);
      else
        {
          GstElement *element = gst_device_create_element (device, NULL);
          info->source = element ? g_strdup (GST_OBJECT_NAME (gst_element_get_factory (element))) : NULL;
          if (element)
            gst_object_unref (element);
        }
      g_ptr_array_add (found, info);
    }
  g_list_free_full (devices, gst_object_unref);
  gst_device_monitor_stop (monitor);
  return found;
}

/* ------------------------------------------------------------ calibration */

/* As the settings keep it: {"kind": "scale", "mm_per_px": 0.3} or
 * {"kind": "sheet", "corners_px": [[x, y] × 4], "size_mm": [w, h]}, with
 * "mirror" for a camera under the glass. */
char *
plantar_camera_calibration_to_string (const PlantarCameraCalibration *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, c->kind == PLANTAR_CAMERA_SCALE ? "scale"
                                    : c->kind == PLANTAR_CAMERA_SHEET ? "sheet" : "none");
  json_builder_set_member_name (b, "mirror");
  json_builder_add_boolean_value (b, c->mirror);
  if (c->kind == PLANTAR_CAMERA_SCALE)
    {
      json_builder_set_member_name (b, "mm_per_px");
      json_builder_add_double_value (b, c->mm_per_px);
    }
  else if (c->kind == PLANTAR_CAMERA_SHEET)
    {
      json_builder_set_member_name (b, "corners_px");
      json_builder_begin_array (b);
      for (guint i = 0; i < PLANTAR_SHEET_N_CORNERS; i++)
        {
          json_builder_begin_array (b);
          json_builder_add_double_value (b, c->sheet.x[i]);
          json_builder_add_double_value (b, c->sheet.y[i]);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "size_mm");
      json_builder_begin_array (b);
      json_builder_add_double_value (b, c->sheet.width_mm);
      json_builder_add_double_value (b, c->sheet.height_mm);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

gboolean
plantar_camera_calibration_parse (const char               *text,
                                  PlantarCameraCalibration *c,
                                  GError                  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  const char *kind;

  memset (c, 0, sizeof *c);
  if (text == NULL || *text == '\0')
    return TRUE;
  if (!json_parser_load_from_data (parser, text, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto bad;
  o = json_node_get_object (json_parser_get_root (parser));
  kind = json_object_get_string_member_with_default (o, "kind", "none");
  c->mirror = json_object_get_boolean_member_with_default (o, "mirror", FALSE);
  if (g_str_equal (kind, "scale"))
    {
      c->kind = PLANTAR_CAMERA_SCALE;
      c->mm_per_px = json_object_get_double_member_with_default (o, "mm_per_px", 0);
      if (!(c->mm_per_px >= 0.01 && c->mm_per_px <= 10))
        goto bad;
    }
  else if (g_str_equal (kind, "sheet"))
    {
      JsonArray *corners = json_object_has_member (o, "corners_px") ? json_object_get_array_member (o, "corners_px") : NULL;
      JsonArray *size = json_object_has_member (o, "size_mm") ? json_object_get_array_member (o, "size_mm") : NULL;
      if (corners == NULL || size == NULL || json_array_get_length (corners) != 4 || json_array_get_length (size) != 2)
        goto bad;
      c->kind = PLANTAR_CAMERA_SHEET;
      for (guint i = 0; i < 4; i++)
        {
          JsonArray *xy = json_array_get_array_element (corners, i);
          if (xy == NULL || json_array_get_length (xy) != 2)
            goto bad;
          c->sheet.x[i] = json_array_get_double_element (xy, 0);
          c->sheet.y[i] = json_array_get_double_element (xy, 1);
        }
      c->sheet.width_mm = json_array_get_double_element (size, 0);
      c->sheet.height_mm = json_array_get_double_element (size, 1);
    }
  return TRUE;

bad:
  memset (c, 0, sizeof *c);
  g_set_error (error, PLANTAR_CAMERA_ERROR, PLANTAR_CAMERA_ERROR_CALIBRATION,
               _("The camera's calibration kept in the settings is damaged; calibrate the camera again"));
  return FALSE;
}

/* ------------------------------------------------------------ streaming */

static gboolean
frame_idle (gpointer data)
{
  PlantarCamera *self = data;

  g_atomic_int_set (&self->frame_pending, 0);
  if (self->pipeline != NULL)
    g_signal_emit (self, signals[FRAME], 0);
  return G_SOURCE_REMOVE;
}

/* In GStreamer's streaming thread. */
static GstFlowReturn
new_sample_cb (GstAppSink *sink,
               gpointer    data)
{
  PlantarCamera *self = data;
  GstSample *sample = gst_app_sink_pull_sample (sink);

  if (sample == NULL)
    return GST_FLOW_EOS;
  g_mutex_lock (&self->lock);
  if (self->sample != NULL)
    gst_sample_unref (self->sample);
  self->sample = sample;
  self->n_frames++;
  g_mutex_unlock (&self->lock);
  if (g_atomic_int_compare_and_exchange (&self->frame_pending, 0, 1))
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, frame_idle, g_object_ref (self), g_object_unref);
  return GST_FLOW_OK;
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    data)
{
  PlantarCamera *self = data;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;
      g_autofree char *debug = NULL;
      g_autoptr(GError) error = NULL;

      gst_message_parse_error (message, &gst_error, &debug);
      g_debug ("camera: %s (%s)", gst_error->message, debug ? debug : "");
      error = g_error_new (PLANTAR_CAMERA_ERROR, PLANTAR_CAMERA_ERROR_STREAM,
                           _("The camera stopped: %s. Check that it is plugged in and that no other program is "
                             "using it."), gst_error->message);
      plantar_camera_stop (self);
      g_signal_emit (self, signals[ERROR], 0, error);
    }
  return G_SOURCE_CONTINUE;
}

static void
plantar_camera_dispose (GObject *object)
{
  plantar_camera_stop (PLANTAR_CAMERA (object));
  G_OBJECT_CLASS (plantar_camera_parent_class)->dispose (object);
}

static void
plantar_camera_finalize (GObject *object)
{
  PlantarCamera *self = PLANTAR_CAMERA (object);

  g_clear_pointer (&self->sample, gst_sample_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (plantar_camera_parent_class)->finalize (object);
}

static void
plantar_camera_class_init (PlantarCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plantar_camera_dispose;
  object_class->finalize = plantar_camera_finalize;

  /**
   * PlantarCamera::frame:
   *
   * A new frame came (plantar_camera_get_frame()).
   */
  signals[FRAME] = g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
  /**
   * PlantarCamera::error:
   * @error: why the camera stopped
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
plantar_camera_init (PlantarCamera *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
}

/**
 * plantar_camera_new:
 * @source: a GStreamer source: "v4l2src device=/dev/video0", or for a
 *   device Plantar does not know (and the tests) any description, such as
 *   "videotestsrc"
 */
PlantarCamera *
plantar_camera_new (const char  *source,
                    GError     **error)
{
  g_autoptr(PlantarCamera) self = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *description = NULL;
  GstAppSinkCallbacks callbacks = { NULL, NULL, new_sample_cb };

  if (!ensure_gst (error))
    return NULL;
  self = g_object_new (PLANTAR_TYPE_CAMERA, NULL);
  description = g_strdup_printf ("%s ! videoconvert ! video/x-raw,format=RGB ! appsink name=sink "
                                 "max-buffers=1 drop=true sync=false", source);
  self->pipeline = gst_parse_launch (description, &parse_error);
  if (self->pipeline == NULL || parse_error != NULL)
    {
      g_clear_object (&self->pipeline);
      g_set_error (error, PLANTAR_CAMERA_ERROR, PLANTAR_CAMERA_ERROR_PIPELINE,
                   _("The camera “%s” cannot be used: %s"), source,
                   parse_error ? parse_error->message : _("unknown error"));
      return NULL;
    }
  self->sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "sink");
  gst_app_sink_set_callbacks (GST_APP_SINK (self->sink), &callbacks, self, NULL);
  {
    g_autoptr(GstBus) bus = gst_element_get_bus (self->pipeline);
    GSource *watch = gst_bus_create_watch (bus);
    g_source_set_callback (watch, (GSourceFunc) bus_cb, self, NULL);
    self->bus_watch = g_source_attach (watch, self->context);
    g_source_unref (watch);
  }
  return g_steal_pointer (&self);
}

/* A camera the portal opened: its PipeWire remote. */
PlantarCamera *
plantar_camera_new_for_pipewire (int          fd,
                                 const char  *node,
                                 GError     **error)
{
  g_autofree char *source = node ? g_strdup_printf ("pipewiresrc fd=%d path=%s", fd, node)
                                 : g_strdup_printf ("pipewiresrc fd=%d", fd);
  return plantar_camera_new (source, error);
}

gboolean
plantar_camera_start (PlantarCamera  *self,
                      GError        **error)
{
  g_return_val_if_fail (PLANTAR_IS_CAMERA (self), FALSE);
  if (self->pipeline == NULL ||
      gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error_literal (error, PLANTAR_CAMERA_ERROR, PLANTAR_CAMERA_ERROR_PIPELINE,
                           _("The camera would not start: check that it is plugged in and that no other program is "
                             "using it"));
      return FALSE;
    }
  return TRUE;
}

void
plantar_camera_stop (PlantarCamera *self)
{
  g_return_if_fail (PLANTAR_IS_CAMERA (self));
  if (self->pipeline == NULL)
    return;
  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  if (self->bus_watch != 0)
    {
      GSource *watch = g_main_context_find_source_by_id (self->context, self->bus_watch);
      if (watch != NULL)
        g_source_destroy (watch);
      self->bus_watch = 0;
    }
  gst_clear_object (&self->sink);
  gst_clear_object (&self->pipeline);
}

/* A camera under the glass sees the sole from below: mirrored, its
 * frames are what a print shows seen from above. */
void
plantar_camera_set_mirror (PlantarCamera *self,
                           gboolean       mirror)
{
  g_return_if_fail (PLANTAR_IS_CAMERA (self));
  self->mirror = mirror;
}

guint
plantar_camera_get_n_frames (PlantarCamera *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  return self->n_frames;
}

/**
 * plantar_camera_get_frame:
 *
 * Returns: (transfer full) (nullable): the newest frame's RGB rows
 */
GBytes *
plantar_camera_get_frame (PlantarCamera *self,
                          guint         *width,
                          guint         *height,
                          gsize         *stride)
{
  g_autoptr(GstSample) sample = NULL;
  GstVideoInfo info;
  GstBuffer *buffer;
  GstMapInfo map;
  GBytes *bytes;

  g_return_val_if_fail (PLANTAR_IS_CAMERA (self), NULL);
  g_mutex_lock (&self->lock);
  sample = self->sample ? gst_sample_ref (self->sample) : NULL;
  g_mutex_unlock (&self->lock);
  if (sample == NULL || !gst_video_info_from_caps (&info, gst_sample_get_caps (sample)))
    return NULL;
  buffer = gst_sample_get_buffer (sample);
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return NULL;
  *width = GST_VIDEO_INFO_WIDTH (&info);
  *height = GST_VIDEO_INFO_HEIGHT (&info);
  *stride = GST_VIDEO_INFO_PLANE_STRIDE (&info, 0);
  if (map.size < (gsize) *stride * (*height - 1) + *width * 3)
    {
      gst_buffer_unmap (buffer, &map);
      return NULL;
    }
  if (self->mirror)
    {
      guint8 *flipped = g_malloc ((gsize) *stride * *height);
      for (guint y = 0; y < *height; y++)
        for (guint x = 0; x < *width; x++)
          memcpy (flipped + (gsize) y * *stride + 3 * x, map.data + (gsize) y * *stride + 3 * (*width - 1 - x), 3);
      bytes = g_bytes_new_take (flipped, (gsize) *stride * *height);
    }
  else
    bytes = g_bytes_new (map.data, MIN (map.size, (gsize) *stride * *height));
  gst_buffer_unmap (buffer, &map);
  return bytes;
}

/**
 * plantar_camera_capture:
 * @calibration: (nullable): what the camera was calibrated to once
 *
 * The newest frame as a scan: with the calibration's scale, or on the
 * sheet the calibration's corners give; without one, as a photo would be
 * read (a sheet found in it, or no scale).
 */
PlantarScan *
plantar_camera_capture (PlantarCamera                  *self,
                        const PlantarCameraCalibration *calibration,
                        GError                        **error)
{
  guint width, height;
  gsize stride;
  g_autoptr(GBytes) frame = plantar_camera_get_frame (self, &width, &height, &stride);
  g_autofree guint8 *rgb = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  PlantarImportOptions options = { 0 };
  PlantarScan *scan;

  if (frame == NULL)
    {
      g_set_error_literal (error, PLANTAR_CAMERA_ERROR, PLANTAR_CAMERA_ERROR_NO_FRAME,
                           _("The camera has not shown a picture yet"));
      return NULL;
    }
  rgb = g_malloc ((gsize) width * height * 3);
  for (guint y = 0; y < height; y++)
    memcpy (rgb + (gsize) y * width * 3, (const guint8 *) g_bytes_get_data (frame, NULL) + y * stride, width * 3);
  if (calibration != NULL && calibration->kind == PLANTAR_CAMERA_SCALE)
    options.cell_width_mm = options.cell_height_mm = calibration->mm_per_px;
  scans = plantar_import_pixels (width, height, 3, rgb, 0, 0, _("Camera"), &options, error);
  if (scans == NULL)
    return NULL;
  scan = plantar_scan_ref (g_ptr_array_index (scans, 0));
  plantar_scan_set_format (scan, "camera", _("Camera capture"));
  if (calibration != NULL && calibration->kind == PLANTAR_CAMERA_SHEET)
    {
      /* the sheet on the glass, as it was when the camera was calibrated */
      PlantarScan *photo = plantar_scan_get_photo (scan) ? plantar_scan_get_photo (scan) : scan;
      PlantarScan *rectified = plantar_sheet_rectify (photo, &calibration->sheet, error);
      plantar_scan_unref (scan);
      if (rectified == NULL)
        return NULL;
      plantar_scan_set_format (rectified, "camera", _("Camera capture"));
      scan = rectified;
    }
  return scan;
}

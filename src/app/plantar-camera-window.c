/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-camera-window"

#include "config.h"

#include <glib/gi18n.h>
#include <libportal/portal.h>
#include <libportal-gtk4/portal-gtk4.h>
#include <math.h>

#include "plantar-calibration.h"
#include "plantar-camera-window.h"

/*
 * A camera's live picture and Capture. The camera comes through the
 * camera portal and PipeWire in a sandbox, otherwise from the setting
 * camera-source (any GStreamer source) or the first camera found. A fixed
 * camera (a podoscope's) is calibrated once, by a sheet of known size on
 * its glass or two points a known distance apart; the calibration is kept
 * by camera, and every capture after it has its scale.
 */

struct _PlantarCameraWindow
{
  AdwWindow        parent_instance;

  /* template */
  AdwToastOverlay *toasts;
  GtkWidget       *capture_button;
  GtkPicture      *preview;
  AdwStatusPage   *status;
  GtkLabel        *calibration_label;
  GtkCheckButton  *mirror_check;
  GtkWidget       *calibrate_button;

  GSettings       *settings;
  XdpPortal       *portal;
  GCancellable    *cancellable;
  PlantarCamera   *camera;
  char            *camera_id;
  PlantarCameraCalibration calibration;
  guint            n_shown;
  gboolean         picking;          /* two points are being clicked */
  double           picked[4];
  guint            n_picked;
};

G_DEFINE_FINAL_TYPE (PlantarCameraWindow, plantar_camera_window, ADW_TYPE_WINDOW)

enum {
  CAPTURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ calibration */

static void
load_calibration (PlantarCameraWindow *self)
{
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, "camera-calibrations");
  const char *text = NULL;
  g_autoptr(GError) error = NULL;

  memset (&self->calibration, 0, sizeof self->calibration);
  if (g_variant_lookup (all, self->camera_id, "&s", &text) &&
      !plantar_camera_calibration_parse (text, &self->calibration, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static void
save_calibration (PlantarCameraWindow *self)
{
  g_autoptr(GVariant) all = g_settings_get_value (self->settings, "camera-calibrations");
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  g_autofree char *text = plantar_camera_calibration_to_string (&self->calibration);
  GVariantIter iter;
  const char *key, *value;

  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (g_strcmp0 (key, self->camera_id) != 0)
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", self->camera_id, text);
  g_settings_set_value (self->settings, "camera-calibrations", g_variant_builder_end (&builder));
}

static void
show_calibration (PlantarCameraWindow *self)
{
  g_autofree char *text = NULL;

  switch (self->calibration.kind)
    {
    case PLANTAR_CAMERA_SCALE:
      text = g_strdup_printf (_("Calibrated: %.3f mm a pixel. Every capture is measured at once."),
                              self->calibration.mm_per_px);
      break;
    case PLANTAR_CAMERA_SHEET:
      text = g_strdup_printf (_("Calibrated by a sheet of %.0f × %.0f mm on the glass. Every capture is measured at "
                                "once."), self->calibration.sheet.width_mm, self->calibration.sheet.height_mm);
      break;
    case PLANTAR_CAMERA_UNCALIBRATED:
    default:
      text = g_strdup (_("Not calibrated: a capture is measured by the sheet of paper in it. A fixed camera is "
                         "calibrated once."));
      break;
    }
  gtk_label_set_text (self->calibration_label, text);
  gtk_check_button_set_active (self->mirror_check, self->calibration.mirror);
}

/* The sheet on the glass, found in the frame as in a photo. */
static void
calibrate_sheet_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  PlantarCameraWindow *self = PLANTAR_CAMERA_WINDOW (widget);
  PlantarCameraCalibration none = { PLANTAR_CAMERA_UNCALIBRATED, 0, { { 0 } }, self->calibration.mirror };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_camera_capture (self->camera, &none, &error);
  const PlantarSheet *sheet = scan ? plantar_scan_get_sheet (scan) : NULL;

  if (sheet == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts,
                                   adw_toast_new (error ? error->message
                                                        : _("No sheet was found on the glass: lay a whole sheet of "
                                                            "paper flat in view, then calibrate again")));
      return;
    }
  self->calibration.kind = PLANTAR_CAMERA_SHEET;
  self->calibration.sheet = *sheet;
  save_calibration (self);
  show_calibration (self);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("The camera is calibrated")));
}

static void
distance_response_cb (AdwMessageDialog    *dialog,
                      const char          *response,
                      PlantarCameraWindow *self)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (dialog), "spin");
  double px = hypot (self->picked[2] - self->picked[0], self->picked[3] - self->picked[1]);

  if (g_str_equal (response, "apply") && px > 5)
    {
      self->calibration.kind = PLANTAR_CAMERA_SCALE;
      self->calibration.mm_per_px = gtk_spin_button_get_value (spin) / px;
      save_calibration (self);
      show_calibration (self);
    }
}

/* Asks how long the line between the two points clicked is. */
static void
ask_distance (PlantarCameraWindow *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Known Distance"), NULL);
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 2000, 1);
  g_autofree char *body = g_strdup_printf (_("How long is the line between the two points? It is %.0f pixels on "
                                             "the camera's picture."),
                                           hypot (self->picked[2] - self->picked[0], self->picked[3] - self->picked[1]));

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Distance in millimetres"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), spin);
  g_object_set_data (G_OBJECT (dialog), "spin", spin);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("_Set Scale"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  g_signal_connect_object (dialog, "response", G_CALLBACK (distance_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
calibrate_distance_action (GtkWidget  *widget,
                           const char *name,
                           GVariant   *parameter)
{
  PlantarCameraWindow *self = PLANTAR_CAMERA_WINDOW (widget);

  self->picking = TRUE;
  self->n_picked = 0;
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Click both ends of a known distance on the picture, "
                                                              "such as 100 mm of a ruler on the glass")));
}

static void
forget_calibration_action (GtkWidget  *widget,
                           const char *name,
                           GVariant   *parameter)
{
  PlantarCameraWindow *self = PLANTAR_CAMERA_WINDOW (widget);
  gboolean mirror = self->calibration.mirror;

  memset (&self->calibration, 0, sizeof self->calibration);
  self->calibration.mirror = mirror;
  save_calibration (self);
  show_calibration (self);
}

static void
mirror_toggled_cb (PlantarCameraWindow *self)
{
  gboolean mirror = gtk_check_button_get_active (self->mirror_check);

  if (self->camera == NULL || mirror == self->calibration.mirror)
    return;
  self->calibration.mirror = mirror;
  plantar_camera_set_mirror (self->camera, mirror);
  save_calibration (self);
}

/* A click on the picture while two points are asked for: where it lies
 * on the camera's frame. */
static void
preview_pressed_cb (GtkGestureClick     *click,
                    int                  n_press,
                    double               x,
                    double               y,
                    PlantarCameraWindow *self)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (self->preview);
  double w, h, pw, ph, s;

  if (!self->picking || paintable == NULL)
    return;
  w = gtk_widget_get_width (GTK_WIDGET (self->preview));
  h = gtk_widget_get_height (GTK_WIDGET (self->preview));
  pw = gdk_paintable_get_intrinsic_width (paintable);
  ph = gdk_paintable_get_intrinsic_height (paintable);
  s = MIN (w / pw, h / ph);
  self->picked[2 * self->n_picked] = (x - (w - pw * s) / 2) / s;
  self->picked[2 * self->n_picked + 1] = (y - (h - ph * s) / 2) / s;
  if (++self->n_picked == 2)
    {
      self->picking = FALSE;
      ask_distance (self);
    }
}

/* ------------------------------------------------------------ the camera */

static void
frame_cb (PlantarCamera       *camera,
          PlantarCameraWindow *self)
{
  guint width, height;
  gsize stride;
  g_autoptr(GBytes) frame = plantar_camera_get_frame (camera, &width, &height, &stride);
  g_autoptr(GdkTexture) texture = NULL;

  if (frame == NULL)
    return;
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, frame, stride);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  if (self->n_shown++ == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
      gtk_widget_set_sensitive (self->capture_button, TRUE);
      gtk_widget_set_sensitive (self->calibrate_button, TRUE);
    }
}

static void
camera_error_cb (PlantarCamera       *camera,
                 const GError        *error,
                 PlantarCameraWindow *self)
{
  adw_status_page_set_title (self->status, _("The Camera Stopped"));
  adw_status_page_set_description (self->status, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->status), TRUE);
  gtk_widget_set_sensitive (self->capture_button, FALSE);
}

static void
show_failure (PlantarCameraWindow *self,
              const char          *title,
              const char          *message)
{
  adw_status_page_set_icon_name (self->status, "camera-disabled-symbolic");
  adw_status_page_set_title (self->status, title);
  adw_status_page_set_description (self->status, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status), TRUE);
}

static void
use_camera (PlantarCameraWindow *self,
            PlantarCamera       *camera,
            const char          *id)
{
  g_autoptr(GError) error = NULL;

  self->camera = camera;
  g_free (self->camera_id);
  self->camera_id = g_strdup (id);
  load_calibration (self);
  show_calibration (self);
  plantar_camera_set_mirror (camera, self->calibration.mirror);
  g_signal_connect_object (camera, "frame", G_CALLBACK (frame_cb), self, 0);
  g_signal_connect_object (camera, "error", G_CALLBACK (camera_error_cb), self, 0);
  if (!plantar_camera_start (camera, &error))
    show_failure (self, _("The Camera Would Not Start"), error->message);
}

static void
camera_access_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;
  PlantarCameraWindow *self;
  PlantarCamera *camera;
  int fd;

  if (!xdp_portal_access_camera_finish (XDP_PORTAL (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self = PLANTAR_CAMERA_WINDOW (data);
      show_failure (self, _("No Access to the Camera"),
                    error ? error->message : _("The camera was not allowed. Allow it in Settings › Apps."));
      return;
    }
  self = PLANTAR_CAMERA_WINDOW (data);
  fd = xdp_portal_open_pipewire_remote_for_camera (self->portal);
  camera = fd >= 0 ? plantar_camera_new_for_pipewire (fd, NULL, &error) : NULL;
  if (camera == NULL)
    {
      show_failure (self, _("No Camera"), error ? error->message : _("The camera portal gave no camera."));
      return;
    }
  use_camera (self, camera, "portal");
}

/* The camera to use: the one the setting names, the portal's in a
 * sandbox, or the first found. */
static void
open_camera (PlantarCameraWindow *self)
{
  g_autofree char *source = g_settings_get_string (self->settings, "camera-source");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cameras = NULL;
  PlantarCameraInfo *first;
  PlantarCamera *camera;

  if (source != NULL && *source != '\0')
    {
      camera = plantar_camera_new (source, &error);
      if (camera == NULL)
        show_failure (self, _("The Camera Cannot Be Used"), error->message);
      else
        use_camera (self, camera, source);
      return;
    }
  if (xdp_portal_running_under_sandbox ())
    {
      g_autoptr(XdpParent) parent = xdp_parent_new_gtk (GTK_WINDOW (self));
      self->portal = xdp_portal_new ();
      xdp_portal_access_camera (self->portal, parent, XDP_CAMERA_FLAG_NONE, self->cancellable, camera_access_cb, self);
      return;
    }
  cameras = plantar_camera_list (&error);
  if (cameras == NULL || cameras->len == 0 || ((PlantarCameraInfo *) g_ptr_array_index (cameras, 0))->source == NULL)
    {
      show_failure (self, _("No Camera Found"),
                    _("Plug in the podoscope's camera or a webcam, then open this again."));
      return;
    }
  first = g_ptr_array_index (cameras, 0);
  camera = plantar_camera_new (first->source, &error);
  if (camera == NULL)
    show_failure (self, _("The Camera Cannot Be Used"), error->message);
  else
    use_camera (self, camera, first->id);
}

static void
capture_clicked_cb (PlantarCameraWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_camera_capture (self->camera, &self->calibration, &error);

  if (scan == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[CAPTURED], 0, scan);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ------------------------------------------------------------ GObject */

static void
plantar_camera_window_dispose (GObject *object)
{
  PlantarCameraWindow *self = PLANTAR_CAMERA_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->camera != NULL)
    plantar_camera_stop (self->camera);
  g_clear_object (&self->camera);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_CAMERA_WINDOW);
  G_OBJECT_CLASS (plantar_camera_window_parent_class)->dispose (object);
}

static void
plantar_camera_window_finalize (GObject *object)
{
  PlantarCameraWindow *self = PLANTAR_CAMERA_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->portal);
  g_clear_object (&self->cancellable);
  g_free (self->camera_id);
  G_OBJECT_CLASS (plantar_camera_window_parent_class)->finalize (object);
}

static void
plantar_camera_window_class_init (PlantarCameraWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_camera_window_dispose;
  object_class->finalize = plantar_camera_window_finalize;

  /**
   * PlantarCameraWindow::captured:
   * @scan: the frame captured, with the camera's scale when it has one
   */
  signals[CAPTURED] = g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, PLANTAR_TYPE_SCAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-camera-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarCameraWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, PlantarCameraWindow, capture_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarCameraWindow, preview);
  gtk_widget_class_bind_template_child (widget_class, PlantarCameraWindow, status);
  gtk_widget_class_bind_template_child (widget_class, PlantarCameraWindow, calibration_label);
  gtk_widget_class_bind_template_child (widget_class, PlantarCameraWindow, mirror_check);
  gtk_widget_class_bind_template_child (widget_class, PlantarCameraWindow, calibrate_button);
  gtk_widget_class_bind_template_callback (widget_class, capture_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, mirror_toggled_cb);
  gtk_widget_class_install_action (widget_class, "camera.calibrate-sheet", NULL, calibrate_sheet_action);
  gtk_widget_class_install_action (widget_class, "camera.calibrate-distance", NULL, calibrate_distance_action);
  gtk_widget_class_install_action (widget_class, "camera.forget-calibration", NULL, forget_calibration_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
plantar_camera_window_init (PlantarCameraWindow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new ("io.github.plantar.Plantar");
  self->cancellable = g_cancellable_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (preview_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->preview), GTK_EVENT_CONTROLLER (click));
  open_camera (self);
}

GtkWidget *
plantar_camera_window_new (GtkWindow *parent)
{
  return g_object_new (PLANTAR_TYPE_CAMERA_WINDOW, "transient-for", parent, NULL);
}

guint
plantar_camera_window_get_n_shown (PlantarCameraWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_CAMERA_WINDOW (self), 0);
  return self->n_shown;
}

const PlantarCameraCalibration *
plantar_camera_window_get_calibration (PlantarCameraWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_CAMERA_WINDOW (self), NULL);
  return &self->calibration;
}

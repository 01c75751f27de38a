/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-playback-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-playback-bar.h"

struct _PlantarPlaybackBar
{
  GtkWidget        parent_instance;

  /* template */
  GtkWidget       *bar;
  GtkButton       *play_button;
  GtkToggleButton *peak_button;
  GtkScale        *timeline;
  GtkDropDown     *speed_dropdown;
  GtkLabel        *time_label;

  double           time_ms;
  double           duration_ms;
  double           frame_ms;
  guint            tick_id;
  gint64           last_tick_us;
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (PlantarPlaybackBar, plantar_playback_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TIME,
  PROP_PLAYING,
  PROP_SPEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A share of real time; slow by default, so a step can be followed. */
static const double speeds[] = { 0.1, 0.25, 0.5, 1.0 };

/* ------------------------------------------------------------ helpers */

static gboolean
showing_peak (PlantarPlaybackBar *self)
{
  return gtk_toggle_button_get_active (self->peak_button);
}

static void
update_label (PlantarPlaybackBar *self)
{
  g_autofree char *text = NULL;

  if (showing_peak (self))
    text = g_strdup_printf (_("Peak of %.2f s"), self->duration_ms / 1000);
  else
    text = g_strdup_printf (_("%.2f s of %.2f s"), self->time_ms / 1000, self->duration_ms / 1000);
  gtk_label_set_text (self->time_label, text);
}

static void
show_time (PlantarPlaybackBar *self,
           double              time_ms)
{
  self->time_ms = CLAMP (time_ms, 0, self->duration_ms);
  self->updating = TRUE;
  gtk_range_set_value (GTK_RANGE (self->timeline), self->time_ms);
  self->updating = FALSE;
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

/* Frames rather than the peak, without telling twice. */
static void
leave_peak (PlantarPlaybackBar *self)
{
  if (!showing_peak (self))
    return;
  self->updating = TRUE;
  gtk_toggle_button_set_active (self->peak_button, FALSE);
  self->updating = FALSE;
}

static void
set_play_button (PlantarPlaybackBar *self,
                 gboolean            playing)
{
  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"), -1);
}

/* ------------------------------------------------------------ callbacks */

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  PlantarPlaybackBar *self = PLANTAR_PLAYBACK_BAR (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t;

  if (self->last_tick_us == 0)
    self->last_tick_us = now;
  t = self->time_ms + (now - self->last_tick_us) / 1000.0 * plantar_playback_bar_get_speed (self);
  self->last_tick_us = now;
  /* round and round: a fitting station shows the walk while it talks */
  show_time (self, t > self->duration_ms ? 0 : t);
  return G_SOURCE_CONTINUE;
}

static void
timeline_changed_cb (GtkRange           *range,
                     PlantarPlaybackBar *self)
{
  if (self->updating)
    return;
  /* scrubbing shows the frames */
  leave_peak (self);
  show_time (self, gtk_range_get_value (range));
}

static void
peak_toggled_cb (GtkToggleButton    *button,
                 PlantarPlaybackBar *self)
{
  if (self->updating)
    return;
  if (gtk_toggle_button_get_active (button))
    plantar_playback_bar_stop (self);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

static void
speed_selected_cb (GtkDropDown        *dropdown,
                   GParamSpec         *pspec,
                   PlantarPlaybackBar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

static void
play_clicked_cb (PlantarPlaybackBar *self)
{
  plantar_playback_bar_toggle (self);
}

/* ------------------------------------------------------------ GObject */

static void
plantar_playback_bar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PlantarPlaybackBar *self = PLANTAR_PLAYBACK_BAR (object);

  switch (prop_id)
    {
    case PROP_TIME:
      g_value_set_double (value, plantar_playback_bar_get_time (self));
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->tick_id != 0);
      break;
    case PROP_SPEED:
      g_value_set_double (value, plantar_playback_bar_get_speed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plantar_playback_bar_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PlantarPlaybackBar *self = PLANTAR_PLAYBACK_BAR (object);

  switch (prop_id)
    {
    case PROP_SPEED:
      plantar_playback_bar_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plantar_playback_bar_dispose (GObject *object)
{
  PlantarPlaybackBar *self = PLANTAR_PLAYBACK_BAR (object);

  plantar_playback_bar_stop (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_PLAYBACK_BAR);
  G_OBJECT_CLASS (plantar_playback_bar_parent_class)->dispose (object);
}

static void
plantar_playback_bar_class_init (PlantarPlaybackBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = plantar_playback_bar_get_property;
  object_class->set_property = plantar_playback_bar_set_property;
  object_class->dispose = plantar_playback_bar_dispose;

  properties[PROP_TIME] = g_param_spec_double ("time", NULL, NULL, -1, G_MAXDOUBLE, -1,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPEED] = g_param_spec_double ("speed", NULL, NULL, 0.01, 10, 0.25,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-playback-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarPlaybackBar, bar);
  gtk_widget_class_bind_template_child (widget_class, PlantarPlaybackBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarPlaybackBar, peak_button);
  gtk_widget_class_bind_template_child (widget_class, PlantarPlaybackBar, timeline);
  gtk_widget_class_bind_template_child (widget_class, PlantarPlaybackBar, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlantarPlaybackBar, time_label);
  gtk_widget_class_bind_template_callback (widget_class, timeline_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, peak_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, speed_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, play_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
plantar_playback_bar_init (PlantarPlaybackBar *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    {
      g_autofree char *name = speeds[i] == 1 ? g_strdup (_("Real time"))
                                             : g_strdup_printf (_("%g × slower"), 1 / speeds[i]);
      gtk_string_list_append (names, name);
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->speed_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->speed_dropdown, 1);
  self->updating = FALSE;
  set_play_button (self, FALSE);
  update_label (self);
}

/* ------------------------------------------------------------ public API */

/**
 * plantar_playback_bar_set_recording:
 *
 * A new recording (or none, for @duration_ms 0): stopped, on the peak.
 */
void
plantar_playback_bar_set_recording (PlantarPlaybackBar *self,
                                    double              duration_ms,
                                    double              frame_ms)
{
  g_return_if_fail (PLANTAR_IS_PLAYBACK_BAR (self));

  plantar_playback_bar_stop (self);
  self->duration_ms = MAX (duration_ms, 0);
  self->frame_ms = frame_ms;
  self->time_ms = 0;
  self->updating = TRUE;
  if (self->duration_ms > 0)
    {
      gtk_range_set_range (GTK_RANGE (self->timeline), 0, self->duration_ms);
      gtk_range_set_increments (GTK_RANGE (self->timeline), frame_ms, 10 * frame_ms);
    }
  gtk_range_set_value (GTK_RANGE (self->timeline), 0);
  gtk_toggle_button_set_active (self->peak_button, TRUE);
  self->updating = FALSE;
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

/* The time shown, ms, or -1 for the peak. */
double
plantar_playback_bar_get_time (PlantarPlaybackBar *self)
{
  g_return_val_if_fail (PLANTAR_IS_PLAYBACK_BAR (self), -1);
  return showing_peak (self) ? -1 : self->time_ms;
}

/* Shows the frame at @time_ms (leaving the peak). */
void
plantar_playback_bar_set_time (PlantarPlaybackBar *self,
                               double              time_ms)
{
  g_return_if_fail (PLANTAR_IS_PLAYBACK_BAR (self));
  leave_peak (self);
  show_time (self, time_ms);
}

gboolean
plantar_playback_bar_get_playing (PlantarPlaybackBar *self)
{
  g_return_val_if_fail (PLANTAR_IS_PLAYBACK_BAR (self), FALSE);
  return self->tick_id != 0;
}

void
plantar_playback_bar_toggle (PlantarPlaybackBar *self)
{
  g_return_if_fail (PLANTAR_IS_PLAYBACK_BAR (self));

  if (self->tick_id != 0)
    {
      plantar_playback_bar_stop (self);
      return;
    }
  if (self->duration_ms <= 0)
    return;
  leave_peak (self);
  self->last_tick_us = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  set_play_button (self, TRUE);
  show_time (self, self->time_ms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

void
plantar_playback_bar_stop (PlantarPlaybackBar *self)
{
  g_return_if_fail (PLANTAR_IS_PLAYBACK_BAR (self));

  if (self->tick_id == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  set_play_button (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* A frame back (@frames < 0) or forward; from the peak, the frame where
 * the timeline stands. */
void
plantar_playback_bar_step (PlantarPlaybackBar *self,
                           int                 frames)
{
  g_return_if_fail (PLANTAR_IS_PLAYBACK_BAR (self));

  if (self->duration_ms <= 0)
    return;
  plantar_playback_bar_stop (self);
  if (showing_peak (self))
    {
      leave_peak (self);
      frames = 0;
    }
  show_time (self, self->time_ms + frames * self->frame_ms);
}

double
plantar_playback_bar_get_speed (PlantarPlaybackBar *self)
{
  guint i;

  g_return_val_if_fail (PLANTAR_IS_PLAYBACK_BAR (self), 1);
  i = gtk_drop_down_get_selected (self->speed_dropdown);
  return speeds[MIN (i, G_N_ELEMENTS (speeds) - 1)];
}

void
plantar_playback_bar_set_speed (PlantarPlaybackBar *self,
                                double              speed)
{
  g_return_if_fail (PLANTAR_IS_PLAYBACK_BAR (self));

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (fabs (speeds[i] - speed) < 1e-6 && gtk_drop_down_get_selected (self->speed_dropdown) != i)
      gtk_drop_down_set_selected (self->speed_dropdown, i);
}

int
plantar_playback_bar_frame_of (PlantarPlaybackBar *self,
                               guint               n_frames,
                               double              frame_ms)
{
  g_return_val_if_fail (PLANTAR_IS_PLAYBACK_BAR (self), -1);

  if (n_frames <= 1 || frame_ms <= 0 || showing_peak (self))
    return -1;
  return CLAMP ((int) floor (self->time_ms / frame_ms + 1e-6), 0, (int) n_frames - 1);
}

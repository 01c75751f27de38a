/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * The timeline of a recording: play and pause, the peak of every frame or
 * one frame, a frame back or forward, and the speed. It says where it is
 * through its "time" property: the time in ms, or -1 for the peak.
 */

#define PLANTAR_TYPE_PLAYBACK_BAR (plantar_playback_bar_get_type ())

G_DECLARE_FINAL_TYPE (PlantarPlaybackBar, plantar_playback_bar, PLANTAR, PLAYBACK_BAR, GtkWidget)

void      plantar_playback_bar_set_recording (PlantarPlaybackBar *self,
                                              double              duration_ms,
                                              double              frame_ms);
double    plantar_playback_bar_get_time      (PlantarPlaybackBar *self);
void      plantar_playback_bar_set_time      (PlantarPlaybackBar *self,
                                              double              time_ms);
gboolean  plantar_playback_bar_get_playing   (PlantarPlaybackBar *self);
void      plantar_playback_bar_toggle        (PlantarPlaybackBar *self);
void      plantar_playback_bar_stop          (PlantarPlaybackBar *self);
void      plantar_playback_bar_step          (PlantarPlaybackBar *self,
                                              int                 frames);
double    plantar_playback_bar_get_speed     (PlantarPlaybackBar *self);
void      plantar_playback_bar_set_speed     (PlantarPlaybackBar *self,
                                              double              speed);
/* The frame of a recording of @n_frames frames of @frame_ms at the time
 * shown, or -1 for the peak. */
int       plantar_playback_bar_frame_of      (PlantarPlaybackBar *self,
                                              guint               n_frames,
                                              double              frame_ms);

G_END_DECLS

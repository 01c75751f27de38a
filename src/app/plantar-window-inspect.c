/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include "plantar-sheet-view.h"
#include "plantar-window-private.h"

/* What the widget tests read of the window; declared in
 * plantar-window-private.h, not in the window's own header. */

GPtrArray *
plantar_window_get_scans (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return self->scans;
}

/* The map of a side, or for PLANTAR_SIDE_UNKNOWN the first whole scan. */
GtkWidget *
plantar_window_get_map_view (PlantarWindow *self,
                             PlantarSide    side)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  if (side == PLANTAR_SIDE_LEFT || side == PLANTAR_SIDE_RIGHT)
    return GTK_WIDGET (plantar_window_view_of (self, side));
  return self->views->len > 0 ? g_ptr_array_index (self->views, 0) : NULL;
}

GtkWidget *
plantar_window_get_panel (PlantarWindow *self,
                          PlantarSide    side)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->panels[side == PLANTAR_SIDE_LEFT ? 0 : 1]);
}

gboolean
plantar_window_is_showing_feet (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "feet") == 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "scans") == 0;
}

gboolean
plantar_window_is_showing_error (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->error_revealer);
}

const char *
plantar_window_get_error_text (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->error_message);
}

/* An open, an analysis, a fitting being read or a save under way. */
gboolean
plantar_window_is_busy (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), FALSE);
  return self->busy > 0;
}

const char *
plantar_window_get_title_text (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return adw_window_title_get_title (self->window_title);
}

const char *
plantar_window_get_subtitle_text (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return adw_window_title_get_subtitle (self->window_title);
}

/* The time the maps show, ms, or -1 for the peak. */
double
plantar_window_get_time (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), 0);
  return plantar_playback_bar_get_time (self->playback);
}

PlantarRecordsController *
plantar_window_get_records (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return self->records;
}

/* The view of the sheet in the photo of scan @index, or NULL. */
GtkWidget *
plantar_window_get_sheet_view (PlantarWindow *self,
                               guint          index)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  for (guint i = 0; self->sheet.views != NULL && i < self->sheet.views->len; i++)
    if (plantar_sheet_view_get_index (g_ptr_array_index (self->sheet.views, i)) == index)
      return g_ptr_array_index (self->sheet.views, i);
  return NULL;
}

/* The words under the feet: a recording's gait, the feet's asymmetry */
const char *
plantar_window_get_banner_text (PlantarWindow *self)
{
  g_return_val_if_fail (PLANTAR_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->asymmetry_revealer) ? gtk_label_get_text (self->asymmetry_label) : NULL;
}

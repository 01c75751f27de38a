/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include "plantar-window-private.h"

/* Files dropped on the window open as files chosen do. */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PlantarWindow *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  plantar_window_open_files (self, (GFile **) files->pdata, files->len);
  return files->len > 0;
}

void
plantar_window_init_dnd (PlantarWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

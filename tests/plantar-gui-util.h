/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-application.h"
#include "plantar-window-private.h"

G_BEGIN_DECLS

/* What the widget tests share. They wait on conditions and on the frame
 * clock's paints, never on the clock alone. */

typedef gboolean (*PlantarTestCondition) (gpointer data);

PlantarApplication *plantar_gui_test_init      (int         *argc,
                                                char      ***argv);
void                plantar_gui_test_shutdown  (void);
PlantarApplication *plantar_gui_test_app       (void);

void           plantar_gui_wait_for      (PlantarTestCondition  condition,
                                          gpointer              data,
                                          const char           *what);
void           plantar_gui_wait_idle     (PlantarWindow        *window);
void           plantar_gui_wait_painted  (GtkWidget            *widget);
void           plantar_gui_flush         (void);

PlantarWindow *plantar_gui_new_window    (int                   width,
                                          int                   height);
void           plantar_gui_open          (PlantarWindow        *window,
                                          const char           *path);
PlantarWindow *plantar_gui_open_demo     (const char           *name);
void           plantar_gui_destroy       (PlantarWindow        *window);
/* The left heel centre moved, the saves waited for; and saved, its id */
void           plantar_gui_correct       (PlantarWindow        *window,
                                          double                dy,
                                          double               *left_ai);
gint64         plantar_gui_correct_and_save (PlantarWindow     *window,
                                             double            *left_ai);

GdkTexture    *plantar_gui_render        (GtkWidget            *widget);
guint32        plantar_gui_pixel         (GdkTexture           *texture,
                                          int                   x,
                                          int                   y);
guint          plantar_gui_grey          (guint32               argb);

GtkWindow     *plantar_gui_find_toplevel (GType                 type);
void           plantar_gui_respond       (const char           *response);
GtkWidget     *plantar_gui_find_widget   (GtkWidget            *widget,
                                          GType                 type,
                                          const char           *name);
GtkWidget     *plantar_gui_find_scan_view (GtkWidget           *widget);

G_END_DECLS

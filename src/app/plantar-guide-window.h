/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PLANTAR_TYPE_GUIDE_WINDOW (plantar_guide_window_get_type ())

G_DECLARE_FINAL_TYPE (PlantarGuideWindow, plantar_guide_window, PLANTAR, GUIDE_WINDOW, AdwWindow)

/* "Measure at Home": the guide, drawn in a worker, saved as a PDF or
 * printed. */
GtkWidget *plantar_guide_window_new      (GtkWindow          *parent);
gboolean   plantar_guide_window_is_ready (PlantarGuideWindow *self);
void       plantar_guide_window_save_async  (PlantarGuideWindow  *self,
                                             GFile               *file,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean   plantar_guide_window_save_finish (PlantarGuideWindow  *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS

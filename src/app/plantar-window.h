/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-application.h"
#include "plantar-records.h"
#include "plantar-fitting.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_WINDOW (plantar_window_get_type ())

G_DECLARE_FINAL_TYPE (PlantarWindow, plantar_window, PLANTAR, WINDOW, AdwApplicationWindow)

PlantarWindow *plantar_window_new              (PlantarApplication  *application);
void           plantar_window_open_files       (PlantarWindow       *self,
                                                GFile              **files,
                                                int                  n_files);
void           plantar_window_add_files        (PlantarWindow       *self,
                                                GFile              **files,
                                                int                  n_files);
GPtrArray     *plantar_window_get_scans        (PlantarWindow       *self);
PlantarFitting *plantar_window_get_fitting     (PlantarWindow       *self);
GtkWidget     *plantar_window_get_map_view     (PlantarWindow       *self,
                                                PlantarSide          side);
GtkWidget     *plantar_window_get_panel        (PlantarWindow       *self,
                                                PlantarSide          side);
gboolean       plantar_window_is_showing_feet  (PlantarWindow       *self);
const char    *plantar_window_get_title_text   (PlantarWindow       *self);
double         plantar_window_get_time         (PlantarWindow       *self);
gboolean       plantar_window_is_showing_error (PlantarWindow       *self);
const char    *plantar_window_get_error_text   (PlantarWindow       *self);
gboolean       plantar_window_is_busy          (PlantarWindow       *self);

gboolean       plantar_window_open_record      (PlantarWindow       *self,
                                                gint64               id);
PlantarFittingRecord *
               plantar_window_get_record       (PlantarWindow       *self);
void           plantar_window_file_record      (PlantarWindow       *self,
                                                gint64               customer_id,
                                                const char          *customer_name);

G_END_DECLS

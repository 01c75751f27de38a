/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-application.h"
#include "plantar-records.h"
#include "plantar-fitting.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_WINDOW (plantar_window_get_type ())

G_DECLARE_FINAL_TYPE (PlantarWindow, plantar_window, PLANTAR, WINDOW, AdwApplicationWindow)

PlantarWindow  *plantar_window_new          (PlantarApplication  *application);
/* Opens scans (left and right, say) as a new fitting, or adds the other
 * foot's to the fitting at hand; in the background. If any of them cannot
 * be read, the window says why and keeps what it showed. */
void            plantar_window_open_files   (PlantarWindow       *self,
                                             GFile              **files,
                                             int                  n_files);
void            plantar_window_add_files    (PlantarWindow       *self,
                                             GFile              **files,
                                             int                  n_files);
PlantarFitting *plantar_window_get_fitting  (PlantarWindow       *self);

/* The fitting at hand in the records. */
void            plantar_window_open_record  (PlantarWindow       *self,
                                             gint64               id);
PlantarFittingRecord *
                plantar_window_get_record   (PlantarWindow       *self);
void            plantar_window_file_record  (PlantarWindow       *self,
                                             gint64               customer_id,
                                             const char          *customer_name);
void            plantar_window_forget_record (PlantarWindow      *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-fitting.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_STEPS_WINDOW (plantar_steps_window_get_type ())

G_DECLARE_FINAL_TYPE (PlantarStepsWindow, plantar_steps_window, PLANTAR, STEPS_WINDOW, AdwWindow)

PlantarStepsWindow *plantar_steps_window_new        (GtkWindow          *parent,
                                                     PlantarFitting     *fitting);
/* For the tests: the steps as listed, sorted as shown */
GListModel         *plantar_steps_window_get_model  (PlantarStepsWindow *self);
void                plantar_steps_window_sort_by    (PlantarStepsWindow *self,
                                                     const char         *column,
                                                     gboolean            descending);
void                plantar_steps_window_choose     (PlantarStepsWindow *self,
                                                     guint               position);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-fitting.h"
#include "plantar-insole.h"
#include "plantar-rules.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_INSOLE_WINDOW (plantar_insole_window_get_type ())

G_DECLARE_FINAL_TYPE (PlantarInsoleWindow, plantar_insole_window, PLANTAR, INSOLE_WINDOW, AdwWindow)

PlantarInsoleWindow *plantar_insole_window_new          (GtkWindow            *parent,
                                                         PlantarFitting       *fitting,
                                                         const PlantarAnswers *answers,
                                                         const char           *customer);
/* For the tests: what is designed, a slider moved, a side chosen, and the
 * files written without the chooser */
PlantarInsole       *plantar_insole_window_get_insole   (PlantarInsoleWindow  *self,
                                                         PlantarSide           side);
void                 plantar_insole_window_set_parameter (PlantarInsoleWindow *self,
                                                          const char          *key,
                                                          double               value);
void                 plantar_insole_window_set_side     (PlantarInsoleWindow  *self,
                                                         PlantarSide           side);
void                 plantar_insole_window_export_to    (PlantarInsoleWindow  *self,
                                                         const char           *folder,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);

G_END_DECLS

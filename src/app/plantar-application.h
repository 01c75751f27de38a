/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PLANTAR_TYPE_APPLICATION (plantar_application_get_type ())

G_DECLARE_FINAL_TYPE (PlantarApplication, plantar_application, PLANTAR, APPLICATION, AdwApplication)

PlantarApplication *plantar_application_new          (void);
GSettings          *plantar_application_get_settings (PlantarApplication *self);
char               *plantar_application_find_demo    (const char         *name);

G_END_DECLS

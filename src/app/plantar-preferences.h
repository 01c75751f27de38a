/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PLANTAR_TYPE_PREFERENCES (plantar_preferences_get_type ())

G_DECLARE_FINAL_TYPE (PlantarPreferences, plantar_preferences, PLANTAR, PREFERENCES, AdwPreferencesWindow)

GtkWindow *plantar_preferences_new (GtkWindow *parent,
                                    GSettings *settings);

G_END_DECLS

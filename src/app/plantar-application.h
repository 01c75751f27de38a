/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-records.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_APPLICATION (plantar_application_get_type ())

G_DECLARE_FINAL_TYPE (PlantarApplication, plantar_application, PLANTAR, APPLICATION, AdwApplication)

PlantarApplication *plantar_application_new          (void);
GSettings          *plantar_application_get_settings (PlantarApplication *self);
char               *plantar_application_find_demo    (const char         *name);
PlantarRecords     *plantar_application_get_records  (PlantarApplication *self,
                                                      const GError      **error);
gboolean            plantar_application_reset_records (PlantarApplication *self,
                                                       GError            **error);
gboolean            plantar_application_get_records_status (PlantarApplication *self,
                                                            guint              *pending);
void                plantar_application_check_records (PlantarApplication *self);
void                plantar_application_note_saved (PlantarApplication         *self,
                                                    const PlantarFittingRecord *saved);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-records.h"
#include "plantar-window.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_RECORDS_DIALOG (plantar_records_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PlantarRecordsDialog, plantar_records_dialog, PLANTAR, RECORDS_DIALOG, AdwWindow)

PlantarRecordsDialog *plantar_records_dialog_new          (PlantarWindow        *window,
                                                           PlantarRecords       *records);
void                  plantar_records_dialog_search       (PlantarRecordsDialog *self,
                                                           const char           *text);
guint                 plantar_records_dialog_get_n_shown  (PlantarRecordsDialog *self);
void                  plantar_records_dialog_show_customer (PlantarRecordsDialog *self,
                                                            gint64                id);
/* The fittings filed under no customer */
void                  plantar_records_dialog_show_unfiled (PlantarRecordsDialog *self);
gboolean              plantar_records_dialog_file_fitting (PlantarRecordsDialog *self,
                                                           gint64                id,
                                                           const char           *name);
G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "plantar-application.h"
#include "plantar-fitting.h"
#include "plantar-records.h"
#include "plantar-report-dialog.h"

G_BEGIN_DECLS

/*
 * The fitting at hand in the records: kept within a second of each change
 * (the saves run in a worker, one after the other), opened again as it was,
 * filed under a customer; and the records' slow work (backup, restore,
 * import) off the main loop. Says what went wrong through "error".
 */

#define PLANTAR_TYPE_RECORDS_CONTROLLER (plantar_records_controller_get_type ())

G_DECLARE_FINAL_TYPE (PlantarRecordsController, plantar_records_controller, PLANTAR, RECORDS_CONTROLLER, GObject)

PlantarRecordsController *plantar_records_controller_new (PlantarApplication       *application,
                                                          PlantarFitting           *fitting,
                                                          GSettings                *settings);

/* The application's records, or NULL with why. */
PlantarRecords       *plantar_records_controller_get_records (PlantarRecordsController *self,
                                                              const GError            **error);
/* What the fitter types about the fitting at hand. */
PlantarFittingNotes  *plantar_records_controller_get_notes   (PlantarRecordsController *self);
void                  plantar_records_controller_new_notes   (PlantarRecordsController *self);
/* The fitting at hand as the records hold it, or NULL. */
PlantarFittingRecord *plantar_records_controller_get_record  (PlantarRecordsController *self);
gboolean              plantar_records_controller_is_saving   (PlantarRecordsController *self);

/* A new fitting from these scans and their files. */
void     plantar_records_controller_start   (PlantarRecordsController *self,
                                             GPtrArray                *scans,
                                             GPtrArray                *paths);
/* An opened record is the fitting at hand. */
void     plantar_records_controller_adopt   (PlantarRecordsController *self,
                                             PlantarFittingRecord     *record);
void     plantar_records_controller_changed (PlantarRecordsController *self);
/* What is pending is saved; the fitting is no longer the one at hand. */
void     plantar_records_controller_finish  (PlantarRecordsController *self);
/* Waits for the saves: when it returns, every change is on the disk. */
void     plantar_records_controller_flush   (PlantarRecordsController *self);
/* The window closes as it should: nothing to bring back next time. */
void     plantar_records_controller_close   (PlantarRecordsController *self);
void     plantar_records_controller_file    (PlantarRecordsController *self,
                                             gint64                    customer_id,
                                             const char               *customer_name);
/* The fitting's customer was deleted with it: it is not saved again. */
void     plantar_records_controller_forget  (PlantarRecordsController *self);

/* A fitting's record and its scans, read in a worker. */
void       plantar_records_controller_load_async  (PlantarRecordsController *self,
                                                   gint64                    id,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
GPtrArray *plantar_records_controller_load_finish (PlantarRecordsController *self,
                                                   GAsyncResult             *result,
                                                   PlantarFittingRecord    **record,
                                                   GStrv                    *names,
                                                   GError                  **error);

G_END_DECLS

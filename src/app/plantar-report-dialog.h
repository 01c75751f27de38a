/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-fitting.h"
#include "plantar-records.h"
#include "plantar-report.h"
#include "plantar-rules.h"

G_BEGIN_DECLS

/* What the fitter types about a fitting: kept by the window while the
 * fitting is open, so that the dialog opens again as it was left. */
typedef struct {
  PlantarAnswers       answers;
  char                *customer;
  char                *notes;
  PlantarReportDetail  detail;
} PlantarFittingNotes;

void plantar_fitting_notes_init  (PlantarFittingNotes *notes);
void plantar_fitting_notes_clear (PlantarFittingNotes *notes);

#define PLANTAR_TYPE_REPORT_DIALOG (plantar_report_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PlantarReportDialog, plantar_report_dialog, PLANTAR, REPORT_DIALOG, AdwWindow)

PlantarReportDialog *plantar_report_dialog_new          (GtkWindow           *parent,
                                                         PlantarFitting      *fitting,
                                                         GSettings           *settings,
                                                         PlantarFittingNotes *notes);
const PlantarAdvice *plantar_report_dialog_get_advice   (PlantarReportDialog *self);
/* The records the name typed is looked up in, and the fitting's customer
 * (0: none yet): the dialog says whether the name is theirs, another
 * customer's or a new one. */
void                 plantar_report_dialog_set_records  (PlantarReportDialog *self,
                                                         PlantarRecords      *records,
                                                         gint64               customer_id);
const char          *plantar_report_dialog_get_customer_hint (PlantarReportDialog *self);
PlantarReport       *plantar_report_dialog_build_report (PlantarReportDialog *self,
                                                         GError             **error);
void                 plantar_report_dialog_export_async  (PlantarReportDialog *self,
                                                          const char          *path,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean             plantar_report_dialog_export_finish (GAsyncResult        *result,
                                                          GError             **error);

void                 plantar_report_dialog_print        (PlantarReportDialog     *self,
                                                         GtkPrintOperationAction  action,
                                                         const char              *export_path);

G_END_DECLS

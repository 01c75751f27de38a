/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "plantar-fitting.h"
#include "plantar-map.h"
#include "plantar-measurements.h"
#include "plantar-rules.h"

G_BEGIN_DECLS

#define PLANTAR_REPORT_ERROR (plantar_report_error_quark ())

typedef enum {
  PLANTAR_REPORT_ERROR_NO_FEET,   /* neither foot was measured */
  PLANTAR_REPORT_ERROR_WRITE,     /* the PDF could not be written */
} PlantarReportError;

typedef enum {
  PLANTAR_PAPER_A4,
  PLANTAR_PAPER_LETTER,
} PlantarPaper;

typedef enum {
  PLANTAR_REPORT_STORE,    /* one page to hand over */
  PLANTAR_REPORT_CLINIC,   /* every measurement, the sources, more pages */
} PlantarReportDetail;

typedef struct {
  const char          *shop_name;
  const char          *shop_address;   /* lines */
  const char          *shop_logo;      /* a file, PNG, JPEG or SVG */
  const char          *customer;
  const char          *fitter;
  const char          *notes;
  GDateTime           *date;           /* NULL: now */
  PlantarReportDetail  detail;
  PlantarLengthUnit    unit;
  double               shoe_allowance_mm;
  PlantarColormap      colormap;
  double               max_kpa;        /* <= 0: the higher of the two feet */
  double               body_mass_kg;   /* > 0: forces also in % of body weight */
} PlantarReportInfo;

typedef struct _PlantarReport PlantarReport;

GQuark          plantar_report_error_quark (void);
void            plantar_report_info_init   (PlantarReportInfo       *info);
void            plantar_paper_get_size     (PlantarPaper             paper,
                                            double                  *width_pt,
                                            double                  *height_pt);
gboolean        plantar_paper_from_string  (const char              *name,
                                            PlantarPaper            *paper);

PlantarReport  *plantar_report_new         (PlantarFitting          *fitting,
                                            const PlantarAdvice     *advice,
                                            PlantarThresholds       *thresholds,
                                            const PlantarReportInfo *info,
                                            GError                 **error);
void            plantar_report_free        (PlantarReport           *report);
/* Lays the report out on pages of this size (points); the number of pages. */
guint           plantar_report_paginate    (PlantarReport           *report,
                                            double                   width_pt,
                                            double                   height_pt);
/* @cr's user space is points on the page, origin at its top-left corner. */
void            plantar_report_draw_page   (PlantarReport           *report,
                                            cairo_t                 *cr,
                                            guint                    page);
gboolean        plantar_report_write_pdf   (PlantarReport           *report,
                                            PlantarPaper             paper,
                                            const char              *path,
                                            GError                 **error);

/* Laid out and written in a worker thread, from the fitting as it is now. */
void            plantar_report_write_pdf_async  (PlantarFitting          *fitting,
                                                 PlantarRules            *rules,
                                                 const PlantarAnswers    *answers,
                                                 PlantarThresholds       *thresholds,
                                                 const PlantarReportInfo *info,
                                                 PlantarPaper             paper,
                                                 const char              *path,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
gboolean        plantar_report_write_pdf_finish (GAsyncResult            *result,
                                                 GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarReport, plantar_report_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-records.h"

G_BEGIN_DECLS

/* Two visits side by side: the four feet on one scale, and the change of
 * each measurement. The fittings are read and measured in a worker. */

#define PLANTAR_TYPE_COMPARE_WINDOW (plantar_compare_window_get_type ())

G_DECLARE_FINAL_TYPE (PlantarCompareWindow, plantar_compare_window, PLANTAR, COMPARE_WINDOW, AdwWindow)

GtkWidget *plantar_compare_window_new      (GtkWindow            *parent,
                                            PlantarRecords       *records,
                                            gint64                older,
                                            gint64                newer);
/* For the tests: loaded (or failed), and a row's texts. */
gboolean   plantar_compare_window_is_ready (PlantarCompareWindow *self);
gboolean   plantar_compare_window_get_row  (PlantarCompareWindow *self,
                                            PlantarSide           side,
                                            const char           *key,
                                            const char          **values,
                                            const char          **change);

G_END_DECLS

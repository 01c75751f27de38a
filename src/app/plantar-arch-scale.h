/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "plantar-thresholds.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_ARCH_SCALE (plantar_arch_scale_get_type ())

G_DECLARE_FINAL_TYPE (PlantarArchScale, plantar_arch_scale, PLANTAR, ARCH_SCALE, GtkWidget)

GtkWidget *plantar_arch_scale_new       (void);
void       plantar_arch_scale_set_value (PlantarArchScale  *self,
                                         PlantarThresholds *thresholds,
                                         double             value);
double     plantar_arch_scale_get_value (PlantarArchScale  *self);

G_END_DECLS

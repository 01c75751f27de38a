/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "plantar-scan.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_FEET_BOX (plantar_feet_box_get_type ())
G_DECLARE_FINAL_TYPE (PlantarFeetBox, plantar_feet_box, PLANTAR, FEET_BOX, GtkWidget)

void        plantar_feet_box_set_present   (PlantarFeetBox *self,
                                            gboolean        left,
                                            gboolean        right);
gboolean    plantar_feet_box_get_narrow    (PlantarFeetBox *self);
PlantarSide plantar_feet_box_get_shown     (PlantarFeetBox *self);
void        plantar_feet_box_show_side     (PlantarFeetBox *self,
                                            PlantarSide     side);

G_END_DECLS

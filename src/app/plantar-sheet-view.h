/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "plantar-sheet.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_SHEET_VIEW (plantar_sheet_view_get_type ())

G_DECLARE_FINAL_TYPE (PlantarSheetView, plantar_sheet_view, PLANTAR, SHEET_VIEW, GtkWidget)

/*
 * A photo with the sheet of paper found in it: the sheet's outline and
 * its four corners, which the user drags (or moves with the arrow keys)
 * to where the sheet's corners are. "sheet-changed" says each move; the
 * first of a drag with @continued FALSE.
 */

GtkWidget          *plantar_sheet_view_new          (void);
void                plantar_sheet_view_set_photo    (PlantarSheetView   *self,
                                                     PlantarScan        *photo,
                                                     guint               scan_index);
PlantarScan        *plantar_sheet_view_get_photo    (PlantarSheetView   *self);
guint               plantar_sheet_view_get_index    (PlantarSheetView   *self);
void                plantar_sheet_view_set_sheet    (PlantarSheetView   *self,
                                                     const PlantarSheet *sheet);
const PlantarSheet *plantar_sheet_view_get_sheet    (PlantarSheetView   *self);
gboolean            plantar_sheet_view_is_dragging  (PlantarSheetView   *self);

/* Where a photo pixel is drawn; a drag as the pointer does it (widget
 * coordinates), for the tests. */
gboolean            plantar_sheet_view_to_widget    (PlantarSheetView   *self,
                                                     double              px,
                                                     double              py,
                                                     double             *x,
                                                     double             *y);
gboolean            plantar_sheet_view_drag_begin   (PlantarSheetView   *self,
                                                     double              x,
                                                     double              y);
void                plantar_sheet_view_drag_update  (PlantarSheetView   *self,
                                                     double              x,
                                                     double              y);
void                plantar_sheet_view_drag_end     (PlantarSheetView   *self);

G_END_DECLS

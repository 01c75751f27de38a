/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-fitting.h"
#include "plantar-scan.h"

G_BEGIN_DECLS

typedef enum {
  PLANTAR_SCALE_KNOWN,
  PLANTAR_SCALE_IMAGE,   /* an image without a scale: calibrate it */
  PLANTAR_SCALE_GRID,    /* a grid without a cell size: ask for it */
} PlantarScaleNeed;

/* What the window shows for the scans it holds: computed from values, so
 * the tests check it without a display. */
typedef struct {
  gboolean          show_welcome;
  char             *title;
  char             *subtitle;
  PlantarScaleNeed  scale_need;
  guint             scale_scan;      /* which scan needs it */
  char             *scale_message;
  char             *scale_action;
} PlantarWindowState;

void plantar_window_state_compute (PlantarWindowState *state,
                                   GPtrArray          *scans,
                                   GStrv               file_names);
void plantar_window_state_clear   (PlantarWindowState *state);

char *plantar_fitting_result     (PlantarFitting     *fitting,
                                   PlantarThresholds  *thresholds);
char *plantar_asymmetry_text      (const PlantarAsymmetry *asymmetry);

char *plantar_scan_title          (const PlantarScan  *scan,
                                   guint               index,
                                   guint               n_scans);

G_END_DECLS

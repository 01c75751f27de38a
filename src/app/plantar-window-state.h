/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-fitting.h"
#include "plantar-scan.h"

G_BEGIN_DECLS

typedef enum {
  PLANTAR_SCALE_KNOWN,
  PLANTAR_SCALE_IMAGE,   /* an image without a scale: calibrate it */
  PLANTAR_SCALE_GRID,    /* a grid without a cell size: ask for it */
  PLANTAR_SCALE_PICTURE, /* a colour pressure picture: the foot's length, or a distance */
} PlantarScaleNeed;

/* What the window knows beyond its scans. */
typedef struct {
  PlantarFitting    *fitting;      /* nullable: nothing measured yet */
  PlantarThresholds *thresholds;   /* nullable: Plantar's own */
  gboolean           picking;      /* two points are being clicked */
} PlantarWindowFacts;

/* What the window shows for the scans it holds, and which of its actions
 * can be used: computed from values, so the tests check it without a
 * display. */
typedef struct {
  gboolean          show_welcome;
  char             *title;
  char             *subtitle;
  PlantarScaleNeed  scale_need;
  guint             scale_scan;      /* which scan needs it */
  char             *scale_message;
  char             *scale_action;

  gboolean          has_feet;        /* a foot was found: the feet page */
  gboolean          is_recording;    /* a timeline to play */
  double            duration_ms;     /* of the longest recording */
  double            frame_ms;        /* a frame of the first one */

  /* the actions */
  gboolean          can_calibrate;
  gboolean          can_change_scale; /* an image or picture whose scale can be given again */
  gboolean          can_cancel_calibration;
  gboolean          can_undo, can_redo;
  gboolean          can_reset;
  gboolean          can_report;
  gboolean          can_add_scan;
  gboolean          can_zoom;
  gboolean          can_play;
  gboolean          can_show_sheet;  /* a photo's sheet to see and move */
} PlantarWindowState;

void plantar_window_state_compute (PlantarWindowState       *state,
                                   GPtrArray                *scans,
                                   GStrv                     file_names,
                                   const PlantarWindowFacts *facts);
void plantar_window_state_clear   (PlantarWindowState *state);

char *plantar_fitting_result     (PlantarFitting     *fitting,
                                   PlantarThresholds  *thresholds);
char *plantar_asymmetry_text      (const PlantarAsymmetry *asymmetry);

char *plantar_scan_title          (const PlantarScan  *scan,
                                   guint               index,
                                   guint               n_scans);

G_END_DECLS

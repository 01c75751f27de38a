/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-scan.h"
#include "plantar-sheet.h"

G_BEGIN_DECLS

/*
 * Synthetic feet with exactly known geometry: the demo scans shipped with
 * Plantar and the accuracy tests are made from them.
 *
 * A foot is described in its own frame: u runs along the foot axis from the
 * back of the heel (u = 0) to the tip of the longest toe (u = length), v runs
 * across it, positive towards the medial (big-toe) side. The heel centre is
 * the centre of the circle that forms the back of the heel, at
 * (u = heel_width / 2, v = 0); the second toe's tip lies on the axis (v = 0).
 * The foot is placed on the page by its heel centre and the angle of its
 * axis from "toes up", clockwise.
 */

typedef struct {
  PlantarSide side;
  double      length_mm;       /* back of heel to tip of the hallux */
  double      ball_width_mm;
  double      heel_width_mm;
  double      arch;            /* -0.15 very flat (bulging), 0 flat, 1 no midfoot contact */
  gboolean    toes_separate;   /* a gap between the toe pads and the ball */
  double      heel_x_mm;       /* where the heel centre lies on the page or plate */
  double      heel_y_mm;
  double      angle_deg;       /* axis from "toes up", clockwise */
  double      peak_kpa;        /* scale of the pressure pattern (heel peak) */
  double      stance_start_ms; /* for recordings: when the heel strikes */
  double      stance_ms;       /* and how long the foot stays down */
  double      medial_shift;    /* -1..1: load moved lateral (−) or medial (+) */
  double      strike;          /* where the foot lands, 0 (the heel: a rearfoot strike) to 1 (the toes) */
} PlantarSynthFoot;

void     plantar_synth_foot_init        (PlantarSynthFoot       *foot,
                                         PlantarSide             side,
                                         double                  length_mm);
double   plantar_synth_foot_field       (const PlantarSynthFoot *foot,
                                         double                  x_mm,
                                         double                  y_mm);
double   plantar_synth_foot_body_field  (const PlantarSynthFoot *foot,
                                         double                  u,
                                         double                  v);
double   plantar_synth_foot_pressure    (const PlantarSynthFoot *foot,
                                         double                  x_mm,
                                         double                  y_mm,
                                         double                  time_ms);
void     plantar_synth_foot_to_page     (const PlantarSynthFoot *foot,
                                         double                  u,
                                         double                  v,
                                         double                 *x_mm,
                                         double                 *y_mm);
void     plantar_synth_foot_from_page   (const PlantarSynthFoot *foot,
                                         double                  x_mm,
                                         double                  y_mm,
                                         double                 *u,
                                         double                 *v);
void     plantar_synth_foot_bounds      (const PlantarSynthFoot *foot,
                                         double                 *x0,
                                         double                 *y0,
                                         double                 *x1,
                                         double                 *y1);

/* What a foot truly measures, by the definitions Plantar uses (see
 * plantar-measure.c), computed on a 0.1 mm raster in the foot's own frame. */
typedef struct {
  double arch_index;        /* middle third / whole toe-less print (Cavanagh & Rodgers) */
  double chippaux_smirak;   /* narrowest midfoot / widest forefoot contact width × 100 */
  double staheli;           /* narrowest midfoot / widest heel contact width */
  double foot_length_mm;    /* back of the heel to the longest toe, along the axis */
  double toeless_length_mm; /* back of the heel to the front of the ball */
  double ball_width_mm;     /* widest contact across the forefoot (55–100 %) */
  double heel_width_mm;     /* widest contact across the heel (0–27 %) */
  double midfoot_width_mm;  /* narrowest contact across the midfoot (27–55 %) */
  double toeless_area_mm2;
  double heel_centre[2];    /* on the page, mm */
  double toe_tip[2];        /* tip of the second toe, on the page, mm */
  double heel_back[2];
} PlantarSynthTruth;

void     plantar_synth_foot_truth       (const PlantarSynthFoot *foot,
                                         PlantarSynthTruth      *truth);

typedef struct {
  double   width_mm;
  double   height_mm;
  double   dpi;
  gboolean dark_on_light;      /* ink on paper; FALSE: a podoscope, light on dark */
  double   noise;              /* standard deviation of pixel noise, in grey levels */
  double   blur_mm;            /* Gaussian blur of the print */
  double   shading;            /* uneven lighting, grey levels from one corner to the other */
  gboolean ruler;              /* a ruler printed along the left edge */
  double   texture;            /* ink mottle and voids, 0 (even) to 1 (a patchy stamp) */
  guint32  seed;
} PlantarSynthPage;

void         plantar_synth_page_init    (PlantarSynthPage       *page);
PlantarScan *plantar_synth_render_page  (const PlantarSynthPage *page,
                                         const PlantarSynthFoot *feet,
                                         guint                   n_feet,
                                         GError                **error);

typedef struct {
  guint    columns;
  guint    rows;
  double   cell_width_mm;
  double   cell_height_mm;
  guint    n_frames;           /* 1: the peak-pressure image */
  double   frame_ms;
  guint    samples;            /* sub-samples per cell side */
  double   belt_mm_per_s;      /* a treadmill: each foot carried toward +y while it stands */
} PlantarSynthPlate;

void         plantar_synth_plate_init   (PlantarSynthPlate      *plate);
PlantarScan *plantar_synth_render_plate (const PlantarSynthPlate *plate,
                                         const PlantarSynthFoot  *feet,
                                         guint                    n_feet,
                                         GError                 **error);

/* A walk or a run of known gait: alternating steps on a walkway (the
 * heels a step length apart) or on a treadmill (each foot landing near
 * the front and carried back by the belt). */
typedef struct {
  gboolean treadmill;
  double   speed_kmh;
  double   cadence_spm;        /* steps a minute */
  double   stance_ms[2];       /* left, right */
  double   step_time_ratio;    /* the left foot's step time over the right's (1: even) */
  double   step_width_mm;      /* between the heel centres, across the line of walking */
  double   strike[2];          /* where each foot lands: 0 heel … 1 toes */
  double   peak_kpa[2];
  guint    n_steps;
  double   foot_length_mm;
  double   frame_ms;
  double   cell_mm;
} PlantarSynthGait;

void         plantar_synth_gait_init    (PlantarSynthGait        *gait,
                                         gboolean                 running);
PlantarScan *plantar_synth_render_gait  (const PlantarSynthGait  *gait,
                                         GError                 **error);
/* When each step lands (ms) and where its heel centre is then (mm) */
void         plantar_synth_gait_step    (const PlantarSynthGait  *gait,
                                         guint                    step,
                                         double                  *land_ms,
                                         double                  *heel_x,
                                         double                  *heel_y);

guint        plantar_synth_add_preload  (PlantarScan             *scan,
                                         guint                    n_cells,
                                         double                   offset,
                                         double                   drift,
                                         guint32                  seed);

/* A phone photo of a print on a sheet of paper lying on a floor
 * (plantar-synth-photo.c). */
typedef enum {
  PLANTAR_SYNTH_FLOOR_PLAIN,
  PLANTAR_SYNTH_FLOOR_WOOD,
  PLANTAR_SYNTH_FLOOR_TILE,
  PLANTAR_SYNTH_FLOOR_CARPET,
} PlantarSynthFloor;

typedef struct {
  double            paper_width_mm, paper_height_mm;
  guint32           paper_rgb, ink_rgb;   /* 0xRRGGBB */
  PlantarSynthFloor floor;
  guint             width, height;        /* the photo, pixels */
  double            field_of_view_deg;    /* across the photo's width */
  double            fill;                 /* the sheet's long side over the photo's short side */
  double            tilt_deg;             /* the camera from straight down */
  double            turn_deg;             /* the camera about its line of sight */
  double            light_gradient;       /* 0..1: light falling off across the photo */
  double            blur_px;
  double            noise;                /* grey levels */
  guint32           seed;
} PlantarSynthPhoto;

void         plantar_synth_photo_init   (PlantarSynthPhoto       *photo);
PlantarScan *plantar_synth_render_sheet (const PlantarSynthPhoto *photo,
                                         const PlantarSynthFoot  *feet,
                                         guint                    n_feet,
                                         double                   dpi,
                                         GError                 **error);
guint8      *plantar_synth_render_photo (const PlantarSynthPhoto *photo,
                                         const PlantarScan       *page,
                                         PlantarSheet            *truth);
GBytes      *plantar_synth_encode_jpeg  (const guint8            *rgb,
                                         guint                    width,
                                         guint                    height,
                                         int                      quality,
                                         guint                    orientation);

G_END_DECLS

G_BEGIN_DECLS

/* The demo scans shipped in data/: exactly these, every time. */
PlantarScan *plantar_synth_demo_footprint (GError **error);
PlantarScan *plantar_synth_demo_walk      (GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "plantar-analysis.h"
#include "plantar-fitting.h"
#include "plantar-thresholds.h"

G_BEGIN_DECLS

/*
 * How a person walks or runs, from the steps a recording holds (treadmill,
 * walkway or a long plate): speed, cadence, step and stride times and
 * lengths, step width, stance and swing, double support or flight, the
 * foot strike of each step, and the symmetry of the two sides. Only the
 * complete steps count; every value is NAN when the recording cannot say.
 */

typedef struct {
  guint  n;
  double mean, sd;
} PlantarGaitStat;

typedef enum {
  PLANTAR_STRIKE_UNKNOWN,
  PLANTAR_STRIKE_REARFOOT,
  PLANTAR_STRIKE_MIDFOOT,
  PLANTAR_STRIKE_FOREFOOT,
} PlantarStrike;

/* The force under a step, sampled at even shares of its stance */
#define PLANTAR_GAIT_CURVE_POINTS 51

/* One complete step */
typedef struct {
  guint         foot;              /* its index in the analysis's feet */
  PlantarSide   side;
  double        land_ms;           /* initial contact, from the recording's start */
  double        stance_ms;
  double        strike_index_pct;  /* the centre of pressure at initial contact, % of foot length from the heel */
  PlantarStrike strike;
  PlantarPoint  first_contact;     /* mm, in the foot's frame (as its map) */
  double        strike_across_mm;  /* the first contact off the foot's axis, mm, to the map's right */
  double        peak_force_n;
  float         force_n[PLANTAR_GAIT_CURVE_POINTS];  /* 0, 2, … 100 % of the stance; NAN without kPa */
  double        step_time_ms;      /* from the other foot's contact before it; NAN for the first */
  double        step_length_mm;
  double        step_width_mm;
} PlantarGaitStep;

typedef struct {
  guint           n_steps;
  PlantarGaitStat stance_ms, swing_ms, stance_pct, step_time_ms, step_length_mm, peak_force_n, strike_index_pct;
  PlantarStrike   strike;          /* the most common of its steps */
} PlantarGaitSide;

typedef enum {
  PLANTAR_GAIT_SYMMETRY_STANCE,
  PLANTAR_GAIT_SYMMETRY_STEP_LENGTH,
  PLANTAR_GAIT_SYMMETRY_STEP_TIME,
  PLANTAR_GAIT_SYMMETRY_PEAK_FORCE,
  PLANTAR_GAIT_SYMMETRY_STRIKE_INDEX,
  PLANTAR_GAIT_N_SYMMETRIES
} PlantarGaitSymmetry;

/* The centre of pressure of the whole plate in one frame, in the walk's
 * frame: mm across (to the walker's right) and along (forward), from the
 * mean of the walk's */
typedef struct {
  float  across_mm, along_mm;
  guint8 loaded;                   /* 1: the left foot's complete step, 2: the right's, 3: both */
} PlantarGaitCop;

typedef struct {
  gboolean        available;       /* two or more complete steps, of both sides */
  gboolean        treadmill;
  gboolean        running;         /* flight between the steps, no double support */
  double          speed_mm_s;
  double          cadence_spm;
  PlantarGaitStat step_time_ms, stride_time_ms, step_length_mm, stride_length_mm, step_width_mm;
  PlantarGaitStat double_support_ms, flight_ms;
  PlantarGaitSide sides[2];        /* left, right */
  /* (right − left) / their mean, %; NAN without both */
  double          symmetry_pct[PLANTAR_GAIT_N_SYMMETRIES];
  gboolean        symmetry_flag[PLANTAR_GAIT_N_SYMMETRIES];
  double          symmetry_limit_pct;
  GArray         *steps;           /* PlantarGaitStep, in time */
  GArray         *cop;             /* treadmill: PlantarGaitCop for each loaded frame ("butterfly"); else NULL */
} PlantarGait;

void          plantar_gait_compute      (PlantarAnalysis   *analysis,
                                         PlantarThresholds *thresholds,
                                         PlantarGait       *gait);
/* The first recording of a fitting's (NULL: none), and its gait */
PlantarAnalysis *plantar_gait_recording (PlantarFitting    *fitting);
void          plantar_gait_for_fitting  (PlantarFitting    *fitting,
                                         PlantarThresholds *thresholds,
                                         PlantarGait       *gait);
/* gait->cop, a treadmill walk's centre of pressure frame by frame: read
 * from every frame, so computed apart, for what draws it */
void          plantar_gait_compute_cop  (PlantarAnalysis   *analysis,
                                         PlantarGait       *gait);
void          plantar_gait_clear        (PlantarGait       *gait);
const PlantarGaitSide *
              plantar_gait_get_side     (const PlantarGait *gait,
                                         PlantarSide        side);
/* "rearfoot", "midfoot", "forefoot", or NULL */
const char   *plantar_strike_to_string  (PlantarStrike      strike);
const char   *plantar_strike_get_label  (PlantarStrike      strike);
const char   *plantar_gait_symmetry_key (PlantarGaitSymmetry which);
const char   *plantar_gait_symmetry_label (PlantarGaitSymmetry which);
/* the same inside a sentence: "stance time" */
const char   *plantar_gait_symmetry_phrase (PlantarGaitSymmetry which);
/* The step of the analysis's foot @index, or NULL */
const PlantarGaitStep *
              plantar_gait_find_step    (const PlantarGait *gait,
                                         guint              foot_index);
/* How the person walks or runs, in plain words: speed, cadence, step
 * length, where the feet land, and which sides differ */
char         *plantar_gait_describe     (const PlantarGait *gait);
void          plantar_gait_build_json   (const PlantarGait *gait,
                                         JsonBuilder       *builder);

G_END_DECLS

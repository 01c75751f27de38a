/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "plantar-scan.h"
#include "plantar-thresholds.h"

G_BEGIN_DECLS

#define PLANTAR_ANALYSIS_ERROR (plantar_analysis_error_quark ())

typedef enum {
  PLANTAR_ANALYSIS_ERROR_NO_SCALE,    /* the scan has no mm: calibrate it */
  PLANTAR_ANALYSIS_ERROR_NO_FOOT,     /* nothing foot-shaped */
  PLANTAR_ANALYSIS_ERROR_TOO_MANY,    /* more feet than a scan of one person holds */
  PLANTAR_ANALYSIS_ERROR_CUT_OFF,     /* the feet run off the edge */
  PLANTAR_ANALYSIS_ERROR_BLANK,       /* blank, uniform or saturated image */
} PlantarAnalysisError;

/* Every point is in mm in the scan's frame: origin at the top-left corner,
 * x to the right, y down. */
typedef struct {
  double x, y;
} PlantarPoint;

typedef enum {
  PLANTAR_REGION_HEEL,
  PLANTAR_REGION_MIDFOOT,
  PLANTAR_REGION_FOREFOOT,
  PLANTAR_REGION_TOES,
  PLANTAR_REGION_HEEL_MEDIAL,
  PLANTAR_REGION_HEEL_LATERAL,
  PLANTAR_REGION_MIDFOOT_MEDIAL,
  PLANTAR_REGION_MIDFOOT_LATERAL,
  PLANTAR_REGION_FOREFOOT_MEDIAL,
  PLANTAR_REGION_FOREFOOT_LATERAL,
  PLANTAR_REGION_HALLUX,
  PLANTAR_REGION_LESSER_TOES,
  PLANTAR_REGION_MTH1,
  PLANTAR_REGION_MTH2,
  PLANTAR_REGION_MTH3,
  PLANTAR_REGION_MTH4,
  PLANTAR_REGION_MTH5,
  PLANTAR_N_REGIONS
} PlantarRegion;

typedef struct {
  double peak_kpa;      /* highest peak pressure of a cell */
  double mean_kpa;      /* mean of the cells' peak pressures */
  double area_mm2;      /* contact area */
  double force_n;       /* highest force over time (static: the force) */
  double pti_kpa_s;     /* pressure-time integral of the region's peak pressure */
  double contact_ms;    /* how long the region was loaded */
  double load_pct;      /* its share of the foot's load (heel, midfoot, forefoot and toes make 100) */
} PlantarRegionStats;

typedef struct {
  double x, y;          /* mm, in the footprint's frame */
  double time_ms;       /* from the foot's first contact */
} PlantarCopPoint;

typedef struct {
  double threshold;           /* contact: kPa for pressure, fraction of the ink contrast for images;
                                 NAN for the default (0 kPa, 0.5) */
  double shoe_allowance_mm;   /* shoe length beyond the foot (default 15) */
} PlantarAnalysisSettings;

/* What the user corrects by hand on one foot. */
typedef struct {
  gboolean     has_heel_centre;
  PlantarPoint heel_centre;
  gboolean     has_toe_tip;
  PlantarPoint toe_tip;
  gboolean     has_toe_line;
  PlantarPoint toe_line[2];
  gboolean     has_threshold;
  double       threshold;
} PlantarCorrections;

typedef struct _PlantarFootprint PlantarFootprint;

/* One foot of a static scan, or one step of a recording, measured. Values
 * that cannot be known are NAN. */
typedef struct {
  guint              index;
  PlantarSide        side;
  const char        *side_source;        /* "shape", "walk", "file" */
  double             side_confidence;    /* 0..1 */
  gboolean           complete;           /* wholly on the scan, wholly in time */

  /* recordings */
  guint              first_frame, last_frame;
  double             start_ms, contact_ms;

  /* landmarks */
  PlantarPoint       heel_centre;        /* centre of the circle fitted to the back of the heel */
  PlantarPoint       toe_tip;            /* tip of the second toe */
  PlantarPoint       heel_back;          /* on the axis, at the back of the heel */
  PlantarPoint       ball_front;         /* on the axis, at the front of the ball */
  PlantarPoint       toe_line[2];
  gboolean           has_toes;
  double             axis_deg;           /* heel to toe, from "up" (−y), clockwise */

  /* geometry */
  double             foot_length_mm;
  double             toeless_length_mm;
  double             ball_width_mm;
  double             heel_width_mm;
  double             midfoot_width_mm;
  double             contact_area_mm2;
  double             toeless_area_mm2;

  /* indices */
  double             arch_index;
  double             modified_arch_index;
  double             chippaux_smirak;
  double             staheli;
  double             clarke_angle_deg;
  double             hernandez_corvo;

  /* heel position */
  double             heel_cop_offset_mm;  /* medial positive */
  double             heel_medial_load_pct;
  double             heel_peak_kpa;

  /* pressure and walking */
  gboolean           has_pressure;
  gboolean           pressure_uncalibrated;  /* raw values: loads and shares, no kPa */
  PlantarRegionStats regions[PLANTAR_N_REGIONS];
  double             peak_kpa;
  double             medial_load_pct;
  double             cpei_pct;
  double             progression_angle_deg;  /* toe-out positive */
  GArray            *cop_path;               /* PlantarCopPoint */

  GPtrArray         *warnings;
  PlantarCorrections corrections;
  PlantarFootprint  *footprint;              /* what it was measured on, to measure again */
} PlantarFoot;

typedef struct {
  PlantarScan             *scan;
  PlantarAnalysisSettings  settings;
  GPtrArray               *feet;            /* PlantarFoot, in order of time (steps) or of x */
  gboolean                 is_recording;
  double                   belt_mm_per_s;   /* a treadmill's belt speed, 0 on a plate */
  double                   walk_direction_deg;
  guint                    baseline_cells;  /* sensors whose offset was taken off (a preload, stuck) */
  double                   baseline_max;    /* the largest offset taken off */
  GPtrArray               *warnings;
  double                   elapsed_ms;      /* how long finding and measuring took */
} PlantarAnalysis;

/* Mean and spread of the complete steps of one side. */
typedef struct {
  PlantarSide  side;
  guint        n_steps;
  PlantarFoot *mean;      /* means of every value; landmarks of the first step */
  double       sd_arch_index;
  double       sd_foot_length_mm;
} PlantarSideSummary;

typedef struct {
  gboolean available;
  double   arch_index_diff;
  double   heel_offset_diff_mm;
  double   load_diff_pct;
  gboolean flag_arch_index;
  gboolean flag_heel;
  gboolean flag_load;
} PlantarAsymmetry;

GQuark            plantar_analysis_error_quark    (void);
void              plantar_analysis_settings_init  (PlantarAnalysisSettings        *settings);

PlantarAnalysis  *plantar_analyze                 (PlantarScan                    *scan,
                                                   const PlantarAnalysisSettings  *settings,
                                                   GError                        **error);
void              plantar_analysis_free           (PlantarAnalysis                *analysis);
double            plantar_foot_length_scale       (const PlantarScan              *scan,
                                                   double                          foot_length_mm,
                                                   const PlantarAnalysisSettings  *settings,
                                                   GError                        **error);
gboolean          plantar_analysis_side_summary   (PlantarAnalysis                *analysis,
                                                   PlantarSide                     side,
                                                   PlantarSideSummary             *summary);
void              plantar_side_summary_clear      (PlantarSideSummary             *summary);
gboolean          plantar_side_summary_compute    (GPtrArray                      *feet,
                                                   PlantarSide                     side,
                                                   PlantarSideSummary             *summary);
void              plantar_analysis_asymmetry      (PlantarAnalysis                *analysis,
                                                   PlantarThresholds              *thresholds,
                                                   PlantarAsymmetry               *asymmetry);
void              plantar_asymmetry_compute       (const PlantarFoot              *left,
                                                   const PlantarFoot              *right,
                                                   PlantarThresholds              *thresholds,
                                                   PlantarAsymmetry               *asymmetry);

PlantarFoot      *plantar_foot_remeasure          (const PlantarFoot              *foot,
                                                   const PlantarCorrections       *corrections,
                                                   const PlantarAnalysisSettings  *settings);
PlantarFoot      *plantar_foot_ref                (PlantarFoot                    *foot);
void              plantar_foot_unref              (PlantarFoot                    *foot);
/* The grid a foot was measured on: for a print a 0.5 mm overview of the
 * page, for a plate its cells; where it lies in mm in the scan's frame
 * (for a step of a treadmill walk: in the belt's frame, as its heel
 * struck). */
typedef struct {
  guint    width, height;
  double   cell_w, cell_h;
  double   x0, y0;
  gboolean is_pressure;
} PlantarFootGrid;

void              plantar_foot_get_grid           (const PlantarFoot              *foot,
                                                   PlantarFootGrid                *grid);
/* The load of the foot's own cells (kPa, or ink contrast for a print):
 * the peak when @frame < 0 or the scan is static, otherwise the
 * recording's frame @frame (zero outside the step). @out holds width ×
 * height values. FALSE when the foot carries nothing at that frame. */
gboolean          plantar_foot_get_load           (const PlantarFoot              *foot,
                                                   int                             frame,
                                                   float                          *out);
/* The cells the foot was measured on (its own, above its threshold): 1
 * in @out, which holds width × height bytes. */
void              plantar_foot_get_contact        (const PlantarFoot              *foot,
                                                   guint8                         *out);
const char       *plantar_region_to_string        (PlantarRegion                   region);

/* Shoe sizes from foot length and ball width */
typedef struct {
  double eu;
  double uk;
  double us_men;
  double us_women;
  char   mondopoint[24];
} PlantarShoeSizes;

void              plantar_shoe_sizes              (double                          foot_length_mm,
                                                   double                          ball_width_mm,
                                                   double                          allowance_mm,
                                                   PlantarShoeSizes               *sizes);

void              plantar_analysis_build_json     (PlantarAnalysis                *analysis,
                                                   PlantarThresholds              *thresholds,
                                                   const char                     *file,
                                                   JsonBuilder                    *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarAnalysis, plantar_analysis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarFoot, plantar_foot_unref)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n-lib.h>
#include <math.h>

#include "plantar-analysis.h"

G_BEGIN_DECLS

/* A grid of contact: an image's overview or a plate's cells. */
typedef struct {
  guint     width, height;
  double    cell_w, cell_h;    /* mm */
  float    *load;              /* ink contrast (1 = typical ink) or kPa */
  guint8   *contact;           /* 1 where there is contact */
  gboolean  is_pressure;
  double    threshold;
  PlantarEdges open_edges;     /* where the plate goes on past the grid */
} PlantarContactMap;

/* Something on the grid: a connected mark, or several merged into a foot. */
typedef struct {
  double   x0, y0, x1, y1;     /* bounding box, mm */
  double   area;               /* mm² */
  double   m, mx, my, mxx, mxy, myy;  /* area moments, mm */
  int      t0, t1;             /* frames, recordings only */
  gboolean touches_edge;
  GArray  *labels;             /* guint32 component labels it is made of */
} PlantarMark;

/* The frames of one step, mapped into its footprint's grid. */
typedef struct {
  guint    n_frames;
  double   frame_ms;
  GArray  *starts;             /* guint, n_frames + 1 offsets into cells/values */
  GArray  *cells;              /* guint32 cell index in the footprint grid */
  GArray  *values;             /* float kPa */
} PlantarStepFrames;

struct _PlantarFootprint
{
  guint              width, height;
  double             cell_w, cell_h;   /* mm */
  double             x0, y0;           /* mm of the grid's top-left corner in the scan frame */
  gboolean           is_pressure;
  gboolean           uncalibrated;     /* raw values: no kPa is said */
  float             *load;             /* kPa (peak) or ink contrast */
  guint8            *own;              /* cells of this foot: other feet and marks excluded */
  double             threshold;
  PlantarSide        file_side;        /* the side the file states */
  gboolean           touches_edge;
  PlantarStepFrames *frames;           /* recordings */
  double             start_ms;
  double             walk_x, walk_y;   /* the direction of walking, unit; 0 when unknown */
  GPtrArray         *notes;            /* what the recording says of it: every measurement warns of it */
};

/* plantar-measure.c */
void               plantar_foot_set_walk_direction (PlantarFoot       *foot,
                                                    double             dir_x,
                                                    double             dir_y);
/* for qsort () */
int                plantar_compare_doubles        (gconstpointer       a,
                                                   gconstpointer       b);

/* plantar-contact.c */
PlantarContactMap *plantar_contact_from_image     (PlantarScan        *scan,
                                                   double              threshold,
                                                   GError            **error);
PlantarContactMap *plantar_contact_from_pressure  (const PlantarScan  *scan,
                                                   const float        *values,
                                                   double              threshold);
void               plantar_contact_map_free       (PlantarContactMap  *map);
guint32           *plantar_label_components       (const guint8       *contact,
                                                   guint               width,
                                                   guint               height,
                                                   guint              *n_labels);
GArray            *plantar_marks_from_labels      (const guint32      *labels,
                                                   guint               n_labels,
                                                   const float        *weights,
                                                   guint               width,
                                                   guint               height,
                                                   double              cell_w,
                                                   double              cell_h,
                                                   PlantarEdges        open_edges);
/* Whether cell (@x, @y) of a @width × @height grid lies on an edge that
 * is the plate's own (not one where the plate goes on). */
gboolean           plantar_cell_on_closed_edge    (guint               x,
                                                   guint               y,
                                                   guint               width,
                                                   guint               height,
                                                   PlantarEdges        open_edges);
void               plantar_marks_free             (GArray             *marks);
GArray            *plantar_marks_group_feet       (GArray             *marks,
                                                   double              max_gap_mm,
                                                   int                 max_frame_gap);
void               plantar_mark_extent            (const PlantarMark  *mark,
                                                   double             *length,
                                                   double             *width);
gboolean           plantar_mark_is_foot           (const PlantarMark  *mark);

/* plantar-measure.c */
PlantarFootprint  *plantar_footprint_new          (guint               width,
                                                   guint               height,
                                                   double              cell_w,
                                                   double              cell_h,
                                                   gboolean            is_pressure);
PlantarFootprint  *plantar_footprint_ref          (PlantarFootprint   *footprint);
void               plantar_footprint_unref        (PlantarFootprint   *footprint);
PlantarFoot       *plantar_foot_measure           (PlantarFootprint   *footprint,
                                                   const PlantarCorrections *corrections,
                                                   double              threshold);
PlantarFoot       *plantar_foot_new               (void);
void               plantar_foot_add_warning       (PlantarFoot        *foot,
                                                   const char         *format,
                                                   ...) G_GNUC_PRINTF (2, 3);
void               plantar_step_frames_free       (PlantarStepFrames  *frames);

/* plantar-baseline.c */
PlantarScan       *plantar_remove_baseline        (const PlantarScan  *scan,
                                                   double              noise,
                                                   guint              *n_cells,
                                                   double             *largest);

/* plantar-steps.c */
GPtrArray         *plantar_find_steps             (PlantarScan        *scan,
                                                   double              threshold,
                                                   double             *belt_mm_per_s,
                                                   double             *belt_angle_deg,
                                                   GPtrArray          *warnings,
                                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarContactMap, plantar_contact_map_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarFootprint, plantar_footprint_unref)

G_END_DECLS

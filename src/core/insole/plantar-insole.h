/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <json-glib/json-glib.h>

#include "plantar-analysis.h"
#include "plantar-fitting.h"
#include "plantar-rules.h"

G_BEGIN_DECLS

/*
 * The insole itself, designed for one measured foot: its outline (the
 * footprint with the medial arch filled to the foot's border, smoothed and
 * grown by a margin), a height field over it (base, heel cup, medial and
 * lateral arch, metatarsal pad, rearfoot post) and the closed triangle mesh
 * of the solid, in millimetres: z up, the bottom at z = 0, the heel toward
 * −y, x to the right seen from above. Every number is a parameter; the
 * defaults come from the rules file and the suggestion.
 */

#define PLANTAR_INSOLE_ERROR (plantar_insole_error_quark ())

typedef enum {
  PLANTAR_INSOLE_ERROR_NO_HEEL,      /* no heel centre, or a heel cut off */
  PLANTAR_INSOLE_ERROR_PARAMETER,    /* a parameter out of its range: the message names it */
  PLANTAR_INSOLE_ERROR_WRITE,        /* a file could not be written */
  PLANTAR_INSOLE_ERROR_UNSUPPORTED,  /* a format this build cannot write */
} PlantarInsoleError;

typedef enum {
  PLANTAR_INSOLE_FULL,
  PLANTAR_INSOLE_THREE_QUARTER,
} PlantarInsoleLength;

/* Every number of a design. The keys of plantar_insole_param_info () name
 * them in the rules file, the records, the CLI (--set key=value) and the
 * window. */
typedef struct {
  PlantarInsoleLength length;
  double length_mm;              /* 0: the foot's length plus the toe allowance */
  double margin_mm;
  double toe_allowance_mm;
  double smoothing_mm;
  double three_quarter_behind_mth_mm;
  double base_mm;
  double toe_mm;
  double toe_taper_mm;           /* from the metatarsal heads forward, base to toe thickness */
  double heel_cup_depth_mm;
  double heel_cup_wall_mm;
  double heel_cup_length_mm;
  double arch_height_mm;         /* the top surface above the bottom at the arch's peak */
  double arch_width_mm;
  double arch_inset_mm;
  double arch_end_behind_mth_mm; /* where the arch support has run out, behind the heads */
  double lateral_arch_mm;
  double lateral_arch_width_mm;
  double metatarsal_pad_mm;      /* 0: none */
  double metatarsal_pad_length_mm;
  double metatarsal_pad_width_mm;
  double metatarsal_pad_behind_mm;
  double heel_cushion_mm;        /* the cushion's diameter; 0: none */
  double post_deg;               /* rearfoot post: medial positive, lateral negative, 0 none */
} PlantarInsoleParams;

typedef enum {
  PLANTAR_PARAM_LENGTH,      /* millimetres */
  PLANTAR_PARAM_ANGLE,       /* degrees */
  PLANTAR_PARAM_CHOICE,      /* full / three-quarter */
} PlantarParamKind;

typedef struct {
  const char      *key;        /* "heel_cup_depth_mm" */
  const char      *label;      /* "Heel cup depth", translatable */
  const char      *group;      /* "Outline", "Heel", "Arch", "Add-ons" */
  PlantarParamKind kind;
  gsize            offset;     /* into PlantarInsoleParams */
  double           min, max, step;
} PlantarInsoleParamInfo;

const PlantarInsoleParamInfo *plantar_insole_param_info (guint *n_params);
const PlantarInsoleParamInfo *plantar_insole_param_find (const char *key);
double      plantar_insole_params_get      (const PlantarInsoleParams *params,
                                            const PlantarInsoleParamInfo *info);
void        plantar_insole_params_set      (PlantarInsoleParams       *params,
                                            const PlantarInsoleParamInfo *info,
                                            double                     value);
/* "key=value": a number, or full / three-quarter for length */
gboolean    plantar_insole_params_parse_assignment (PlantarInsoleParams *params,
                                                    const char          *assignment,
                                                    GError             **error);
gboolean    plantar_insole_params_validate (const PlantarInsoleParams *params,
                                            GError                   **error);
/* Reads the members of @object that name parameters into @params; an
 * unknown member or a value out of range fails with *bad_key set to it. */
gboolean    plantar_insole_params_read_json (PlantarInsoleParams *params,
                                             JsonObject          *object,
                                             const char         **bad_key,
                                             GError             **error);
void        plantar_insole_params_build_json (const PlantarInsoleParams *params,
                                              JsonBuilder               *builder);

/* The parameters for a foot: the rules' design defaults, the suggestion's
 * heel cup, arch profile and add-ons, then @overrides (nullable: a JSON
 * object of key: value the designer changed for this fitting). */
gboolean    plantar_insole_params_for_foot (PlantarInsoleParams       *params,
                                            PlantarRules              *rules,
                                            const PlantarFootAdvice   *advice,
                                            JsonObject                *overrides,
                                            GError                   **error);

typedef struct {
  float x, y, z;
} PlantarVertex;

typedef struct {
  guint32 v[3];
} PlantarTriangle;

typedef struct {
  GArray *vertices;    /* PlantarVertex, mm */
  GArray *triangles;   /* PlantarTriangle, counter-clockwise seen from outside */
} PlantarMesh;

typedef struct _PlantarInsole PlantarInsole;

struct _PlantarInsole
{
  PlantarSide         side;
  PlantarInsoleParams params;

  /* the outline: closed, counter-clockwise, mm */
  GArray             *outline;          /* PlantarPoint */
  double              length_mm, width_mm;

  /* the foot's landmarks in the insole's frame */
  PlantarPoint        heel_centre;
  PlantarPoint        arch_peak;
  double              mth_y;            /* the metatarsal heads' line */
  PlantarPoint        metatarsal_pad;   /* its centre, when there is one */

  /* as designed (measured on the surface) */
  double              heel_cup_depth_mm;
  double              arch_height_mm;
  double              max_thickness_mm;

  /* the footprint in the insole's frame, for drawings: an A8 mask */
  cairo_surface_t    *footprint;
  double              footprint_x0, footprint_y0, footprint_cell;

  PlantarMesh         mesh;
  GPtrArray          *notes;            /* char *: what the designer should know */

  /*< private >*/
  gpointer            priv;
};

GQuark          plantar_insole_error_quark  (void);
PlantarInsole  *plantar_insole_design       (const PlantarFoot          *foot,
                                             const PlantarInsoleParams  *params,
                                             GError                    **error);
/* The same outline with new surface parameters: for a slider. FALSE (and
 * nothing changed) when @params change the outline, or are out of range. */
gboolean        plantar_insole_redesign     (PlantarInsole              *insole,
                                             const PlantarInsoleParams  *params,
                                             GError                    **error);
void            plantar_insole_free         (PlantarInsole              *insole);
/* The insole for one side of a fitting, as the rules and the suggestion
 * (nullable) make it, with the designer's @overrides (nullable). NULL with
 * an error when that side has no foot or it cannot carry an insole. */
PlantarInsole  *plantar_insole_design_for   (PlantarFitting             *fitting,
                                             PlantarSide                 side,
                                             PlantarRules               *rules,
                                             const PlantarAdvice        *advice,
                                             JsonObject                 *overrides,
                                             GError                    **error);
/* The top surface's height at (x, y), mm; NAN outside the outline */
double          plantar_insole_height_at    (const PlantarInsole        *insole,
                                             double                      x,
                                             double                      y);
/* The outline's medial side: +1 when medial is +x (a left foot) */
int             plantar_insole_medial_sign  (const PlantarInsole        *insole);

/* Outputs (plantar-insole-write.c, plantar-insole-3mf.cc). Files are
 * written whole or not at all, at most 0644. */
typedef struct {
  const char *customer;     /* nullable */
  const char *fitter;       /* nullable */
} PlantarInsoleMeta;

gboolean        plantar_insole_write_stl    (const PlantarInsole        *insole,
                                             const char                 *path,
                                             GError                    **error);
gboolean        plantar_insole_write_3mf    (const PlantarInsole        *insole,
                                             const PlantarInsoleMeta    *meta,
                                             const char                 *path,
                                             GError                    **error);
gboolean        plantar_insole_write_svg    (const PlantarInsole        *insole,
                                             const char                 *path,
                                             GError                    **error);
gboolean        plantar_insole_write_dxf    (const PlantarInsole        *insole,
                                             const char                 *path,
                                             GError                    **error);
gboolean        plantar_insole_can_write_3mf (void);
/* Reads the first mesh of a 3MF file back (tests, checks) */
gboolean        plantar_insole_read_3mf     (const char                 *path,
                                             PlantarMesh                *mesh,
                                             char                      **metadata,
                                             GError                    **error);
void            plantar_mesh_clear          (PlantarMesh                *mesh);

/* Drawings (plantar-insole-draw.c): the top view with height contours
 * over the footprint, and the medial side profile, in a w × h box. */
void            plantar_insole_draw_top     (cairo_t                    *cr,
                                             const PlantarInsole        *insole,
                                             double                      w,
                                             double                      h);
void            plantar_insole_draw_profile (cairo_t                    *cr,
                                             const PlantarInsole        *insole,
                                             double                      w,
                                             double                      h);
/* A shaded view of the mesh, from above the medial side */
cairo_surface_t *plantar_insole_render_mesh (const PlantarInsole        *insole,
                                             int                         width,
                                             int                         height,
                                             double                      yaw_deg,
                                             double                      pitch_deg);

void            plantar_insole_build_json   (const PlantarInsole        *insole,
                                             JsonBuilder                *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarInsole, plantar_insole_free)

G_END_DECLS

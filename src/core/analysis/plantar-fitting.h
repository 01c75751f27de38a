/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "plantar-analysis.h"
#include "plantar-sheet.h"

G_BEGIN_DECLS

/*
 * A fitting: the scans of one person's feet (one scan with both, two scans,
 * or a walk), what the analysis made of them, which step of each side is
 * shown, and the corrections made by hand, with their undo history. The
 * window, the report and the records all work on one.
 */

#define PLANTAR_TYPE_FITTING (plantar_fitting_get_type ())

G_DECLARE_FINAL_TYPE (PlantarFitting, plantar_fitting, PLANTAR, FITTING, GObject)

PlantarFitting  *plantar_fitting_new                (void);

void             plantar_fitting_set_scans          (PlantarFitting                 *self,
                                                     GPtrArray                      *scans,
                                                     const char * const             *names,
                                                     const PlantarAnalysisSettings  *settings);
void             plantar_fitting_set_scans_async    (PlantarFitting                 *self,
                                                     GPtrArray                      *scans,
                                                     const char * const             *names,
                                                     const PlantarAnalysisSettings  *settings,
                                                     GCancellable                   *cancellable,
                                                     GAsyncReadyCallback             callback,
                                                     gpointer                        user_data);
gboolean         plantar_fitting_set_scans_finish   (PlantarFitting                 *self,
                                                     GAsyncResult                   *result,
                                                     GError                        **error);
const PlantarAnalysisSettings *
                 plantar_fitting_get_settings       (PlantarFitting                 *self);
guint            plantar_fitting_get_n_scans        (PlantarFitting                 *self);
PlantarScan     *plantar_fitting_get_scan           (PlantarFitting                 *self,
                                                     guint                           index);
const char      *plantar_fitting_get_name           (PlantarFitting                 *self,
                                                     guint                           index);
PlantarAnalysis *plantar_fitting_get_analysis       (PlantarFitting                 *self,
                                                     guint                           index);
const GError    *plantar_fitting_get_error          (PlantarFitting                 *self,
                                                     guint                           index);

/* Each side's choices: for a walk, the mean of its complete steps first
 * (when there are two or more), then every step; for prints, every foot
 * of that side. */
guint            plantar_fitting_get_n_choices      (PlantarFitting                 *self,
                                                     PlantarSide                     side);
char            *plantar_fitting_get_choice_label   (PlantarFitting                 *self,
                                                     PlantarSide                     side,
                                                     guint                           choice);
/* Whether the first choice of @side is the mean of its steps */
gboolean         plantar_fitting_has_mean           (PlantarFitting                 *self,
                                                     PlantarSide                     side);
/* What the choice measures: the mean, a step, a print's foot */
PlantarFoot     *plantar_fitting_get_choice_foot    (PlantarFitting                 *self,
                                                     PlantarSide                     side,
                                                     guint                           choice);
char            *plantar_fitting_get_choice_note    (PlantarFitting                 *self,
                                                     PlantarSide                     side,
                                                     guint                           choice);
guint            plantar_fitting_get_choice         (PlantarFitting                 *self,
                                                     PlantarSide                     side);
void             plantar_fitting_set_choice         (PlantarFitting                 *self,
                                                     PlantarSide                     side,
                                                     guint                           choice);
gboolean         plantar_fitting_is_mean            (PlantarFitting                 *self,
                                                     PlantarSide                     side);

/* The numbers of a side (the chosen foot or step, or the mean of the
 * steps), and the step drawn for it (for the mean: the complete step
 * closest to it). NULL when no foot of that side was found. */
PlantarFoot     *plantar_fitting_get_foot           (PlantarFitting                 *self,
                                                     PlantarSide                     side);
PlantarFoot     *plantar_fitting_get_shown          (PlantarFitting                 *self,
                                                     PlantarSide                     side);
PlantarScan     *plantar_fitting_get_shown_scan     (PlantarFitting                 *self,
                                                     PlantarSide                     side);
gboolean         plantar_fitting_get_spread         (PlantarFitting                 *self,
                                                     PlantarSide                     side,
                                                     guint                          *n_steps,
                                                     double                         *sd_arch_index,
                                                     double                         *sd_foot_length_mm);

/* Corrections by hand on the step shown for @side: measured again at once,
 * and undoable. A threshold applies to every foot of the side. */
gboolean         plantar_fitting_correct            (PlantarFitting                 *self,
                                                     PlantarSide                     side,
                                                     const PlantarCorrections       *corrections,
                                                     gboolean                        continued);
gboolean         plantar_fitting_set_threshold      (PlantarFitting                 *self,
                                                     PlantarSide                     side,
                                                     double                          threshold);
double           plantar_fitting_get_threshold      (PlantarFitting                 *self,
                                                     PlantarSide                     side);
void             plantar_fitting_reset              (PlantarFitting                 *self,
                                                     PlantarSide                     side);
gboolean         plantar_fitting_is_corrected       (PlantarFitting                 *self,
                                                     PlantarSide                     side);
void             plantar_fitting_forget_history     (PlantarFitting                 *self);
gboolean         plantar_fitting_can_undo           (PlantarFitting                 *self);
gboolean         plantar_fitting_can_redo           (PlantarFitting                 *self);
gboolean         plantar_fitting_undo               (PlantarFitting                 *self);
gboolean         plantar_fitting_redo               (PlantarFitting                 *self);

/* A photo's sheet moved by hand (plantar-fitting-sheet.c): measured again
 * in a worker, and undoable. */
void             plantar_fitting_set_sheet_async    (PlantarFitting                 *self,
                                                     guint                           index,
                                                     const PlantarSheet             *sheet,
                                                     gboolean                        continued,
                                                     GCancellable                   *cancellable,
                                                     GAsyncReadyCallback             callback,
                                                     gpointer                        user_data);
gboolean         plantar_fitting_set_sheet_finish   (PlantarFitting                 *self,
                                                     GAsyncResult                   *result,
                                                     GError                        **error);

/* The designer's changes to each side's insole (JSON key: value, as the
 * rules file names the parameters), kept with the fitting in the records */
JsonObject      *plantar_fitting_get_insole_overrides (PlantarFitting            *self,
                                                       PlantarSide                side);
void             plantar_fitting_set_insole_overrides (PlantarFitting            *self,
                                                       PlantarSide                side,
                                                       JsonObject                *overrides);

void             plantar_fitting_get_asymmetry      (PlantarFitting                 *self,
                                                     PlantarThresholds              *thresholds,
                                                     PlantarAsymmetry               *asymmetry);

G_END_DECLS

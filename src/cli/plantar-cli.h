/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "plantar-analysis.h"
#include "plantar-calibration.h"
#include "plantar-fitting.h"
#include "plantar-gait.h"
#include "plantar-import.h"
#include "plantar-render.h"
#include "plantar-report.h"
#include "plantar-rules.h"
#include "plantar-scan-io.h"
#include "plantar-synth.h"

G_BEGIN_DECLS

/* What the commands of plantar-cli share (plantar-cli.c). */

/* the import options, given to any command that reads scans */
extern double   opt_cell_mm;
extern double   opt_cell_width_mm;
extern double   opt_cell_height_mm;
extern double   opt_frame_ms;
extern char    *opt_units;
extern gboolean opt_bottom_up;
extern gboolean opt_json;
extern char    *opt_paper;       /* the sheet a photo shows, as the user wrote it */

void            print_error      (const char          *message);
gboolean        import_options   (PlantarImportOptions *options);
GPtrArray      *import_file      (const char          *path,
                                  const PlantarImportOptions *options,
                                  GError             **error);
GOptionContext *command_context  (const char          *parameters,
                                  const char          *summary,
                                  const GOptionEntry  *entries,
                                  gboolean             with_import);
const char     *error_code_name  (const GError        *error);
void            print_json       (JsonNode            *root);
GDateTime      *parse_date       (const char          *text);

/* what report and insole share (plantar-cli-report.c): the customer's
 * answers and the rules, and the scans measured as a fitting */
typedef struct {
  double threshold;   /* NAN: the analysis's own */
  double allowance;   /* mm of shoe beyond the foot */
} MeasureOptions;

extern const GOptionEntry cli_advice_entries[];
gboolean        cli_load_advice  (PlantarAnswers      *answers,
                                  PlantarRules       **rules,
                                  PlantarThresholds  **thresholds);
gboolean        cli_measure_files (int                  n_files,
                                   char               **files,
                                   const MeasureOptions *m,
                                   PlantarFitting      *fitting,
                                   int                 *status);

/* the commands */
int command_info     (int argc, char **argv);
int command_formats  (int argc, char **argv);
int command_generate (int argc, char **argv);
int command_render   (int argc, char **argv);
int command_analyze  (int argc, char **argv);
int command_report   (int argc, char **argv);
int command_guide    (int argc, char **argv);
int command_devices  (int argc, char **argv);
int command_scan     (int argc, char **argv);
int command_watch    (int argc, char **argv);
int command_records  (int argc, char **argv);
int command_insole   (int argc, char **argv);

G_END_DECLS

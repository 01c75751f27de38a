/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "plantar-analysis.h"
#include "plantar-fitting.h"
#include "plantar-import.h"
#include "plantar-synth.h"

G_BEGIN_DECLS

char      *plantar_test_fixture        (const char   *name);
char      *plantar_test_tmpdir         (void);
char      *plantar_test_write          (const char   *dir,
                                        const char   *name,
                                        const void   *data,
                                        gssize        length);
GBytes    *plantar_test_read_fixture   (const char   *name);
char      *plantar_test_read_data      (const char   *name);
GPtrArray *plantar_test_import_bytes   (const void   *data,
                                        gsize         length,
                                        const PlantarImportOptions *options,
                                        GError      **error);
PlantarScan *plantar_test_import_one   (const char   *path,
                                        const PlantarImportOptions *options);
void       plantar_test_assert_import_error (const void   *data,
                                        gsize         length,
                                        int           code,
                                        const char   *fragment);
void       plantar_test_rm_rf          (const char   *dir);
char      *plantar_test_sane_config    (void);

/* a page just larger than @foot, the foot 25 mm from its edges, its side
 * left for the analysis to find */
PlantarScan     *plantar_test_render_page (PlantarSynthFoot *foot,
                                           double            dpi,
                                           gboolean          ink,
                                           double            noise,
                                           double            blur_mm,
                                           guint32           seed);
/* the analysis of @scan, which must succeed */
PlantarAnalysis *plantar_test_analyze     (PlantarScan      *scan);
/* a phone photo of a right foot's print on A4, and its sheet's corners */
GBytes          *plantar_test_photo_jpeg  (guint             width,
                                           guint             height,
                                           double            tilt,
                                           PlantarSheet     *truth);
/* a fitting of @scan alone, measured with the default settings */
PlantarFitting  *plantar_test_fitting_of  (PlantarScan      *scan);

/* A throwaway PostgreSQL server (tests/pg-server), on a Unix socket in a
 * temporary folder: NULL, the test skipped, when PostgreSQL is not
 * installed (and failed under CI, where it must be). */
typedef struct {
  char *dir;
  guint databases;
} PlantarTestServer;

PlantarTestServer *plantar_test_server_start (void);
void       plantar_test_server_ctl     (PlantarTestServer *server,
                                        const char        *command);
void       plantar_test_server_free    (PlantarTestServer *server);
/* A new empty database: its address for plantar_records_open() */
char      *plantar_test_server_database (PlantarTestServer *server,
                                         const char        *user);
/* Runs @sql as the server's owner, in @database; its first value or NULL. */
char      *plantar_test_server_sql     (PlantarTestServer *server,
                                        const char        *database,
                                        const char        *sql);
/* The name of the database of @address. */
char      *plantar_test_server_name    (const char        *address);

G_END_DECLS

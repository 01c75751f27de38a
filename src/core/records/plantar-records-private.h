/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "plantar-records.h"

G_BEGIN_DECLS

/* What the files of the records share: the connection and its lock, and
 * the few helpers every query uses. */

struct _PlantarRecords
{
  gatomicrefcount ref;   /* a save in a worker keeps the records open */
  GRecMutex lock;   /* the connection is one thread's at a time */
  sqlite3  *db;
  char    *path;
  char    *migration_backup;
  char    *journal_set_aside;   /* a journal that was not theirs, moved there */
  int      lock_fd;             /* the records file itself, locked */
  int      journal_pages;
};

/* Every public call holds the lock for its whole length: the window's
 * saves run in a worker while a search runs on the main loop. */
#define RECORDS_LOCKED(self) \
  g_autoptr(GRecMutexLocker) G_PASTE (records_locker_, __LINE__) = g_rec_mutex_locker_new (&(self)->lock)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* What a fitting's and a scan's checksums cover: their content, not which
 * customer they are filed under nor when they were last saved. */
#define FITTING_CONTENT_SHA256 \
  "plantar_sha256 (created, fitter, notes, answers, state, measurements, suggestion, summary)"
#define SCAN_CONTENT_SHA256 "plantar_sha256 (position, name, bytes, cell_width_mm, cell_height_mm, frame_ms)"

/* plantar-records-check.c */
void          records_sha256_function (sqlite3_context *context,
                                       int              argc,
                                       sqlite3_value  **argv);
GArray       *records_damaged_fittings (PlantarRecords *self,
                                        gint64          only,
                                        GError        **error);

/* plantar-records-journal.c */
gboolean      records_vouch_journal   (PlantarRecords  *self,
                                       int              fd,
                                       char           **set_aside,
                                       GError         **error);
gboolean      records_restart_journal (PlantarRecords  *self,
                                       GError         **error);
gboolean      records_tend_journal    (PlantarRecords  *self,
                                       GError         **error);

/* Sets @error from an SQLite result code: what failed (@doing) in words a
 * user can act on. Always FALSE. */
gboolean      records_sql_error   (PlantarRecords *self,
                                   int             code,
                                   const char     *doing,
                                   GError        **error);
gboolean      records_exec        (PlantarRecords *self,
                                   const char     *sql,
                                   const char     *doing,
                                   GError        **error);
sqlite3_stmt *records_prepare     (PlantarRecords *self,
                                   const char     *sql,
                                   GError        **error);
void          records_bind_text   (sqlite3_stmt   *stmt,
                                   int             index,
                                   const char     *text);
char         *records_column_text (sqlite3_stmt   *stmt,
                                   int             index);
/* Runs a DELETE of one id: the rows removed, or -1 with @error set. */
int           records_delete_row  (PlantarRecords *self,
                                   const char     *sql,
                                   gint64          id,
                                   const char     *doing,
                                   GError        **error);

/* JSON columns */
char     *records_node_to_text      (JsonNode              *node);
JsonNode *records_text_to_node      (const char            *text);
char     *records_answers_to_text   (const PlantarAnswers  *answers);
void      records_answers_from_text (PlantarAnswers        *answers,
                                     const char            *text);

/* The fitting's row, and its scans when none are stored yet; inside the
 * caller's transaction. */
gboolean  records_write_fitting     (PlantarRecords        *self,
                                     PlantarFittingRecord  *record,
                                     gint64                 now,
                                     GError               **error);

/* A whole database copied to @path (SQLite's online backup). */
gboolean  records_copy_database     (sqlite3               *from,
                                     const char            *path,
                                     GError               **error);
/* Takes the schema to PLANTAR_RECORDS_SCHEMA_VERSION, copying the
 * database aside first. */
gboolean  records_migrate           (PlantarRecords        *self,
                                     GError               **error);

/* plantar-records-bundle.c: a sealed export's files into @dir */
gboolean records_bundle_unpack (const guint8 *data,
                                gsize         size,
                                const char   *dir,
                                GError      **error);

G_END_DECLS

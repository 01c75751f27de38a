/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "plantar-records.h"

G_BEGIN_DECLS

typedef struct _RecordsServer RecordsServer;

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
  RecordsServer *server;        /* a shared server's records, or NULL: the file's */
};

/* Whether the records are a server's: each call that reads or writes
 * begins with it, and the server's own code takes the call. */
#define ON_SERVER(self) ((self)->server != NULL)

/* Every public call holds the lock for its whole length: the window's
 * saves run in a worker while a search runs on the main loop. */
#define RECORDS_LOCKED(self) \
  G_GNUC_UNUSED g_autoptr(GRecMutexLocker) G_PASTE (records_locker_, __LINE__) = g_rec_mutex_locker_new (&(self)->lock)

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

/* A transaction, on either backend. */
gboolean  records_begin             (PlantarRecords        *self,
                                     const char            *doing,
                                     GError               **error);
gboolean  records_commit            (PlantarRecords        *self,
                                     const char            *doing,
                                     GError               **error);
void      records_rollback          (PlantarRecords        *self);
char     *records_name_key          (const char            *name);
char     *records_new_uid           (void);
/* The checksum of a fitting from the texts it is stored as. */
char     *records_content_checksum  (gint64                 created,
                                     const char            *fitter,
                                     const char            *notes,
                                     const char            *answers,
                                     const char            *state,
                                     const char            *measurements,
                                     const char            *suggestion,
                                     const char            *summary,
                                     GPtrArray             *scans);

/* plantar-records-server.c: the same calls on a PostgreSQL server */
void           server_free             (RecordsServer         *server);
gboolean       server_begin            (PlantarRecords        *self,
                                        const char            *doing,
                                        GError               **error);
gboolean       server_commit           (PlantarRecords        *self,
                                        const char            *doing,
                                        GError               **error);
void           server_rollback         (PlantarRecords        *self);
gboolean       server_write_fitting    (PlantarRecords        *self,
                                        PlantarFittingRecord  *record,
                                        gint64                 now,
                                        const char            *token,
                                        GError               **error);
gboolean       server_save_fitting     (PlantarRecords        *self,
                                        PlantarFittingRecord  *record,
                                        GError               **error);
gint64         server_add_customer     (PlantarRecords        *self,
                                        const PlantarCustomer *customer,
                                        const char            *key,
                                        GError               **error);
gint64         server_find_customer    (PlantarRecords        *self,
                                        const char            *column,
                                        const char            *value,
                                        GError               **error);
gboolean       server_update_customer  (PlantarRecords        *self,
                                        const PlantarCustomer *customer,
                                        const char            *key,
                                        GError               **error);
PlantarCustomer *server_get_customer   (PlantarRecords        *self,
                                        gint64                 id,
                                        GError               **error);
GPtrArray     *server_search           (PlantarRecords        *self,
                                        GStrv                  patterns,
                                        guint                  limit,
                                        GError               **error);
int            server_delete_row       (PlantarRecords        *self,
                                        const char            *table,
                                        gint64                 id,
                                        const char            *doing,
                                        GError               **error);
GPtrArray     *server_list_fittings    (PlantarRecords        *self,
                                        gint64                 customer_id,
                                        GError               **error);
PlantarFittingRecord *server_load_fitting (PlantarRecords     *self,
                                        gint64                 id,
                                        gboolean               with_scans,
                                        GError               **error);
gint64         server_find_fitting     (PlantarRecords        *self,
                                        const char            *uid,
                                        GError               **error);
gboolean       server_file_fitting     (PlantarRecords        *self,
                                        gint64                 id,
                                        gint64                 customer_id,
                                        GError               **error);
gint64         server_get_open_fitting (PlantarRecords        *self);
gboolean       server_set_open_fitting (PlantarRecords        *self,
                                        gint64                 id,
                                        GError               **error);
GArray        *server_damaged_fittings (PlantarRecords        *self,
                                        GError               **error);
gboolean       server_check            (PlantarRecords        *self,
                                        GError               **error);
int            server_schema_version   (PlantarRecords        *self);
const char    *server_get_address      (PlantarRecords        *self);

/* plantar-records-outbox.c: fittings kept while the server is away */
gboolean       outbox_keep             (const char            *directory,
                                        const PlantarFittingRecord *record,
                                        const char            *token,
                                        GError               **error);
guint          outbox_count            (const char            *directory);
void           outbox_forget           (const char            *directory,
                                        const char            *uid);
/* Each waiting fitting handed to @send, removed when it returns TRUE. */
int            outbox_send             (const char            *directory,
                                        gboolean             (*send) (PlantarFittingRecord *record,
                                                                      const char           *token,
                                                                      gpointer              data,
                                                                      GError              **error),
                                        gpointer               data,
                                        GError               **error);

/* plantar-records-bundle.c: a sealed export's files into @dir */
gboolean records_bundle_unpack (const guint8 *data,
                                gsize         size,
                                const char   *dir,
                                GError      **error);

G_END_DECLS

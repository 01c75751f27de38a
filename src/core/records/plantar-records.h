/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "plantar-fitting.h"
#include "plantar-rules.h"

G_BEGIN_DECLS

#define PLANTAR_RECORDS_ERROR (plantar_records_error_quark ())

typedef enum {
  PLANTAR_RECORDS_ERROR_IO,         /* cannot open or write: permissions, a full disk */
  PLANTAR_RECORDS_ERROR_READ_ONLY,  /* the file or its folder cannot be written */
  PLANTAR_RECORDS_ERROR_LOCKED,     /* another Plantar has them open */
  PLANTAR_RECORDS_ERROR_CORRUPT,    /* not a database, or a damaged one */
  PLANTAR_RECORDS_ERROR_TOO_NEW,    /* made by a newer Plantar */
  PLANTAR_RECORDS_ERROR_FULL,       /* the disk is full */
  PLANTAR_RECORDS_ERROR_NOT_FOUND,
  PLANTAR_RECORDS_ERROR_INVALID,    /* an export or a backup that is not one */
  PLANTAR_RECORDS_ERROR_UNREACHABLE,  /* the server: no such name, refused, gone */
  PLANTAR_RECORDS_ERROR_DENIED,     /* the server: wrong password, no such user, no right */
} PlantarRecordsError;

#define PLANTAR_RECORDS_SCHEMA_VERSION 4

/* The fittings of a shop or a clinic: in one SQLite file (WAL) on this
 * computer, or in a PostgreSQL database that several stations share. */
typedef struct _PlantarRecords PlantarRecords;

typedef struct {
  gint64  id;
  char   *name;
  char   *birth_date;   /* "1980-04-02", or NULL */
  char   *contact;
  char   *notes;
  gint64  created;      /* unix seconds */
  guint   n_fittings;
  char   *uid;          /* the same customer in every copy of the records; NULL: a new one */
} PlantarCustomer;

/* A scan as it came: the file's bytes, and the calibration it was given. */
typedef struct {
  char   *name;
  GBytes *bytes;
  double  cell_width_mm, cell_height_mm;   /* 0: as the file says */
  double  frame_ms;                        /* 0: as the file says */
} PlantarStoredScan;

typedef struct {
  gint64               id;           /* 0 until saved */
  gint64               customer_id;  /* 0: not filed under a customer yet */
  gint64               created, modified;
  char                *fitter;
  char                *notes;
  PlantarAnswers       answers;
  GPtrArray           *scans;        /* PlantarStoredScan */
  JsonNode            *state;        /* settings, choices, corrections */
  char                *summary;      /* "L 0.259 normal · R 0.306 flat" */
  char                *suggestion;   /* "Neutral support insole · Structured orthotic" */
  JsonNode            *measurements; /* both feet, as plantar-cli analyze --json */
  char                *uid;          /* the same fitting in every copy of the records */
  gint64               version;      /* 1 with the first save, one more with each */
  /* set by a save: */
  gint64               copy_of;      /* another station had changed this fitting: kept as a copy of it */
  gboolean             pending;      /* the server was out of reach: kept on this computer until it is back */
} PlantarFittingRecord;

GQuark           plantar_records_error_quark   (void);
char            *plantar_records_get_default_path (void);

/* @path: a file, or a server's "postgresql://" address (the password
 * from $PGPASSWORD or ~/.pgpass) */
PlantarRecords  *plantar_records_open          (const char        *path,
                                                GError           **error);
gboolean         plantar_records_is_server_address (const char    *path);
/* @password: (nullable): not part of @address, so that it is never written
 * where the address is kept */
PlantarRecords  *plantar_records_open_server   (const char        *address,
                                                const char        *password,
                                                GError           **error);
gboolean         plantar_records_is_server     (PlantarRecords    *self);
/* Whether the server answered the last call (always TRUE for a file). */
gboolean         plantar_records_is_online     (PlantarRecords    *self);
/* Fittings saved while the server was out of reach, waiting to be sent. */
guint            plantar_records_get_pending   (PlantarRecords    *self);
/* Connects again if need be and sends what is waiting: how many were sent,
 * or -1 with @error set (the server still out of reach, say). */
int              plantar_records_send_pending  (PlantarRecords    *self,
                                                GError           **error);
/* Whether the server is there now, connecting again if need be (TRUE for
 * a file). */
gboolean         plantar_records_ping          (PlantarRecords    *self,
                                                GError           **error);
/* As a station opens them: the server out of reach (not a wrong password,
 * nor a schema it does not know) is no error, the records are opened
 * offline and connect when they can. */
PlantarRecords  *plantar_records_open_station  (const char        *address,
                                                const char        *password,
                                                GError           **error);
gboolean         plantar_records_test_server   (const char        *address,
                                                const char        *password,
                                                int               *schema,
                                                guint             *customers,
                                                GError           **error);
/* A server's address from its parts (@port 0, @sslmode NULL: the
 * defaults), and back; the password is never part of it. */
char            *plantar_records_server_address_build (const char *host,
                                                       guint       port,
                                                       const char *database,
                                                       const char *user,
                                                       const char *sslmode);
gboolean         plantar_records_server_address_split (const char *address,
                                                       char      **host,
                                                       guint      *port,
                                                       char      **database,
                                                       char      **user,
                                                       char      **sslmode,
                                                       GError    **error);
/* Where the fittings waiting for the server are kept. */
void             plantar_records_set_outbox    (PlantarRecords    *self,
                                                const char        *directory);
PlantarRecords  *plantar_records_ref           (PlantarRecords    *self);
void             plantar_records_close         (PlantarRecords    *self);
const char      *plantar_records_get_path      (PlantarRecords    *self);
const char      *plantar_records_get_address   (PlantarRecords    *self);
void             plantar_records_set_max_size  (PlantarRecords    *self,
                                                gint64             bytes);
/* The backup made before a migration, or NULL. */
const char      *plantar_records_get_migration_backup (PlantarRecords *self);
const char      *plantar_records_get_journal_set_aside (PlantarRecords *self);
gboolean         plantar_records_check         (PlantarRecords    *self,
                                                GError           **error);
/* Moves a damaged file aside (with its -wal and -shm), keeping it:
 * returns the new name. */
char            *plantar_records_set_aside     (const char        *path,
                                                GError           **error);

/* customers */
gint64           plantar_records_add_customer  (PlantarRecords        *self,
                                                const PlantarCustomer *customer,
                                                GError               **error);
gboolean         plantar_records_update_customer (PlantarRecords        *self,
                                                  const PlantarCustomer *customer,
                                                  GError               **error);
PlantarCustomer *plantar_records_get_customer  (PlantarRecords    *self,
                                                gint64             id,
                                                GError           **error);
/* Customers whose name has words starting with each word of @query, by
 * name; every customer for an empty query. */
GPtrArray       *plantar_records_search        (PlantarRecords    *self,
                                                const char        *query,
                                                guint              limit,
                                                GError           **error);
gint64           plantar_records_find_customer (PlantarRecords    *self,
                                                const char        *name,
                                                GError           **error);
gint64           plantar_records_find_or_add_customer (PlantarRecords *self,
                                                       const char     *name,
                                                       gboolean       *created,
                                                       GError        **error);
/* The customer and everything of theirs, for good. */
gboolean         plantar_records_delete_customer (PlantarRecords  *self,
                                                  gint64           id,
                                                  GError         **error);
void             plantar_customer_free         (PlantarCustomer   *customer);

/* fittings: saved in one transaction each; the scans are written when the
 * record has none stored yet */
gboolean         plantar_records_save_fitting  (PlantarRecords       *self,
                                                PlantarFittingRecord *record,
                                                GError              **error);
/* Newest first; the records hold no scans nor state (a list). */
GPtrArray       *plantar_records_list_fittings (PlantarRecords    *self,
                                                gint64             customer_id,
                                                GError           **error);
PlantarFittingRecord *plantar_records_load_fitting (PlantarRecords *self,
                                                    gint64          id,
                                                    GError        **error);
GArray          *plantar_records_find_damaged  (PlantarRecords    *self,
                                                GError           **error);
gboolean         plantar_records_delete_fitting (PlantarRecords   *self,
                                                 gint64            id,
                                                 GError          **error);
gboolean         plantar_records_file_fitting  (PlantarRecords   *self,
                                                gint64            id,
                                                gint64            customer_id,
                                                GError          **error);
/* The fitting open when Plantar last ran (0 when it closed cleanly). */
gint64           plantar_records_get_open_fitting (PlantarRecords *self);
gboolean         plantar_records_set_open_fitting (PlantarRecords *self,
                                                   gint64          id,
                                                   GError        **error);

PlantarFittingRecord *plantar_fitting_record_new  (void);
void             plantar_fitting_record_free   (PlantarFittingRecord *record);
void             plantar_stored_scan_free      (PlantarStoredScan    *scan);

/* Between a live fitting and its record */
void             plantar_fitting_record_capture (PlantarFittingRecord *record,
                                                 PlantarFitting       *fitting,
                                                 const PlantarAdvice  *advice,
                                                 PlantarThresholds    *thresholds);
GPtrArray       *plantar_fitting_record_load_scans (const PlantarFittingRecord *record,
                                                   GStrv                      *names,
                                                   GError                    **error);
void             plantar_fitting_record_get_settings (const PlantarFittingRecord *record,
                                                      PlantarAnalysisSettings    *settings);
void             plantar_fitting_record_apply_state (const PlantarFittingRecord *record,
                                                     PlantarFitting             *fitting);
PlantarFitting  *plantar_fitting_record_restore (const PlantarFittingRecord *record,
                                                 GPtrArray                 **scans,
                                                 GError                    **error);

/* export, import, backup */
gboolean         plantar_records_export_customer (PlantarRecords  *self,
                                                  gint64           id,
                                                  const char      *directory,
                                                  GError         **error);
gint64           plantar_records_import_customer (PlantarRecords  *self,
                                                  const char      *directory,
                                                  GError         **error);
gboolean         plantar_records_backup        (PlantarRecords    *self,
                                                const char        *path,
                                                GError           **error);
gboolean         plantar_records_restore       (PlantarRecords    *self,
                                                const char        *path,
                                                GError           **error);

/* Every customer and fitting of @self into @to, matched by uid: what @to
 * already holds is left as it is, so that a copy cut short is simply
 * run again. Then checked: counts and each fitting's checksum. */
typedef struct {
  guint customers, fittings, scans;        /* in @self */
  guint customers_added, fittings_added;   /* written to @to */
  guint fittings_differing;                /* the same uid, another content in @to: left */
} PlantarRecordsCopyReport;

typedef void (*PlantarRecordsProgress) (guint done, guint total, gpointer user_data);

gboolean         plantar_records_copy_into     (PlantarRecords           *self,
                                                PlantarRecords           *to,
                                                PlantarRecordsCopyReport *report,
                                                PlantarRecordsProgress    progress,
                                                gpointer                  user_data,
                                                GError                  **error);
/* The SHA-256 of what a fitting holds (not of where it is filed nor when it
 * was last saved): the same in a file and on a server. */
char            *plantar_fitting_record_checksum (const PlantarFittingRecord *record);
/* The records' schema version as stored (on a server: as the server holds it). */
int              plantar_records_get_schema_version (PlantarRecords *self);

/* The slow calls in a worker thread: the window never waits on the disk. */
void             plantar_records_save_fitting_async    (PlantarRecords       *self,
                                                        PlantarFittingRecord *record,
                                                        gboolean              mark_open,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
PlantarFittingRecord *plantar_records_save_fitting_finish (GAsyncResult      *result,
                                                        GError              **error);
void             plantar_records_load_fitting_async    (PlantarRecords       *self,
                                                        gint64                id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
PlantarFittingRecord *plantar_records_load_fitting_finish (GAsyncResult      *result,
                                                        GError              **error);
void             plantar_records_set_open_fitting_async (PlantarRecords      *self,
                                                        gint64                id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         plantar_records_backup_sealed (PlantarRecords    *self,
                                                const char        *path,
                                                const char        *passphrase,
                                                GError           **error);
gboolean         plantar_records_restore_sealed (PlantarRecords   *self,
                                                 const char       *path,
                                                 const char       *passphrase,
                                                 GError          **error);
gboolean         plantar_records_is_sealed     (const char        *path);
/* @passphrase: (nullable): seals the backup, or opens a sealed one */
void             plantar_records_backup_async          (PlantarRecords       *self,
                                                        const char           *path,
                                                        const char           *passphrase,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void             plantar_records_restore_async         (PlantarRecords       *self,
                                                        const char           *path,
                                                        const char           *passphrase,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
/* A customer's export as one file sealed with a passphrase, for one that
 * leaves the computer; import takes a folder or such a file. */
gboolean         plantar_records_export_customer_sealed (PlantarRecords     *self,
                                                         gint64              id,
                                                         const char         *path,
                                                         const char         *passphrase,
                                                         GError            **error);
gint64           plantar_records_import_customer_sealed (PlantarRecords     *self,
                                                         const char         *path,
                                                         const char         *passphrase,
                                                         GError            **error);
void             plantar_records_export_customer_sealed_async (PlantarRecords *self,
                                                               gint64          id,
                                                               const char     *path,
                                                               const char     *passphrase,
                                                               GCancellable   *cancellable,
                                                               GAsyncReadyCallback callback,
                                                               gpointer        user_data);
void             plantar_records_import_customer_sealed_async (PlantarRecords *self,
                                                               const char     *path,
                                                               const char     *passphrase,
                                                               GCancellable   *cancellable,
                                                               GAsyncReadyCallback callback,
                                                               gpointer        user_data);
void             plantar_records_export_customer_async (PlantarRecords       *self,
                                                        gint64                id,
                                                        const char           *directory,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
/* Whether a backup, a restore, an export or a mark of the open fitting
 * was done. */
void             plantar_records_send_pending_async    (PlantarRecords       *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
int              plantar_records_send_pending_finish   (GAsyncResult         *result,
                                                       guint                *pending,
                                                       GError              **error);
gboolean         plantar_records_job_finish            (GAsyncResult         *result,
                                                        GError              **error);
void             plantar_records_import_customer_async (PlantarRecords       *self,
                                                        const char           *directory,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gint64           plantar_records_import_customer_finish (GAsyncResult        *result,
                                                        GError              **error);
PlantarFittingRecord *plantar_fitting_record_copy      (const PlantarFittingRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarRecords, plantar_records_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarCustomer, plantar_customer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarFittingRecord, plantar_fitting_record_free)

G_END_DECLS

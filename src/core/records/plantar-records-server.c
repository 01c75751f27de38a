/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <string.h>

#include "plantar-records-private.h"

/*
 * The records on a PostgreSQL server that several stations share. The
 * same calls as the file's (plantar-records.c), the same schema in the
 * server's words, versioned the same way (the table plantar_schema holds
 * the version; a newer one is refused untouched).
 *
 * What two stations do at once: each fitting has a version; a save names
 * the version it was made on, and if another station saved that fitting
 * meanwhile, the later save is kept as a copy beside it and said, never
 * written over it. Each save carries a token of its own: a save whose
 * answer was lost with the connection (the server killed at the commit) is
 * sent again and is found to have landed, once.
 *
 * The server out of reach: a save is kept on this computer
 * (plantar-records-outbox.c) and sent when the server is back; the other
 * calls say the server is out of reach, at once, without waiting on the
 * network again for a while.
 */

/* Seconds before an unreachable server is tried again by a call that is
 * not a save nor asked to (a search typed letter by letter must not wait
 * on the network each time). */
#define RETRY_AFTER_S 10

struct _RecordsServer
{
  PGconn   *conn;
  char     *address;       /* as given; a password is never in it (see the window) */
  char     *password;      /* or NULL: from $PGPASSWORD or ~/.pgpass */
  char     *station;       /* host and user: whose open fitting is whose */
  char     *outbox;
  int       schema;        /* as read from the server, 0 until it is */
  gboolean  online;
  gboolean  in_transaction;
  gboolean  probe;         /* only looking: the schema is not touched */
  gint64    failed_at;     /* monotonic µs of the last failed connection */
  GHashTable *sent;        /* "uid/version" kept here and sent → where it landed */
};

/* A fitting kept on this computer, once sent: the id, uid and version it
 * has on the server now. The station's next save of it names these. */
typedef struct {
  gint64  id;
  char   *uid;
  gint64  version;
} SentFitting;

static void
sent_fitting_free (SentFitting *sent)
{
  g_free (sent->uid);
  g_free (sent);
}

static char *
sent_key (const char *uid,
          gint64      version)
{
  return g_strdup_printf ("%s/%" G_GINT64_FORMAT, uid, version);
}

/* ------------------------------------------------------------ errors */

/* What the server or libpq said, as one line. */
static char *
pg_message (const char *text)
{
  g_autofree char *line = g_strdup (text ? text : "");

  g_strstrip (line);
  for (char *p = line; *p; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  return g_steal_pointer (&line);
}

/* Where the server is, for messages: "user@host:port/database". */
static char *
describe (PlantarRecords *self)
{
  PQconninfoOption *options = PQconninfoParse (self->server->address, NULL);
  const char *host = NULL, *port = NULL, *db = NULL, *user = NULL;
  char *text;

  for (PQconninfoOption *o = options; o && o->keyword; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (strcmp (o->keyword, "host") == 0)
        host = o->val;
      else if (strcmp (o->keyword, "port") == 0)
        port = o->val;
      else if (strcmp (o->keyword, "dbname") == 0)
        db = o->val;
      else if (strcmp (o->keyword, "user") == 0)
        user = o->val;
    }
  text = g_strdup_printf ("%s%s%s%s%s/%s", user ? user : "", user ? "@" : "", host ? host : "localhost",
                          port ? ":" : "", port ? port : "", db ? db : (user ? user : g_get_user_name ()));
  PQconninfoFree (options);
  return text;
}

/* A connection that could not be made, in words a clinic's IT can act on. */
static void
connect_error (PlantarRecords *self,
               const char     *libpq,
               GError        **error)
{
  g_autofree char *where = describe (self);
  g_autofree char *said = pg_message (libpq);

  if (strstr (said, "could not translate host name") != NULL)
    g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE,
                 _("The server of the records (%s) was not found: no computer has that name (%s)"), where, said);
  else if (strstr (said, "password authentication failed") != NULL || strstr (said, "no password supplied") != NULL)
    g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_DENIED,
                 _("The server of the records (%s) refused the password: it is wrong, or none was given (%s)"),
                 where, said);
  else if (strstr (said, "does not exist") != NULL && strstr (said, "database") != NULL)
    g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND,
                 _("The server of the records (%s) has no such database: ask for it to be created (%s)"), where, said);
  else if (strstr (said, "does not exist") != NULL && strstr (said, "role") != NULL)
    g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_DENIED,
                 _("The server of the records (%s) has no such user (%s)"), where, said);
  else if (strstr (said, "pg_hba.conf") != NULL || strstr (said, "permission denied") != NULL)
    g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_DENIED,
                 _("The server of the records (%s) does not let this user in from here (%s)"), where, said);
  else if (strstr (said, "SSL") != NULL)
    g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_DENIED,
                 _("The server of the records (%s) and Plantar could not agree on encryption (%s)"), where, said);
  else
    g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE,
                 _("The server of the records (%s) cannot be reached: %s"), where, said);
}

/* A statement that failed: the connection lost, or what the server said. */
static gboolean
result_error (PlantarRecords *self,
              PGresult       *res,
              const char     *doing,
              GError        **error)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *where = describe (self);
  g_autofree char *said = pg_message (res && *PQresultErrorMessage (res) ? PQresultErrorMessage (res)
                                                                        : PQerrorMessage (self->server->conn));
  PlantarRecordsError code = PLANTAR_RECORDS_ERROR_IO;

  if (PQstatus (self->server->conn) == CONNECTION_BAD || (state && (g_str_has_prefix (state, "08") ||
                                                                    g_str_has_prefix (state, "57P"))))
    {
      self->server->online = FALSE;
      self->server->failed_at = g_get_monotonic_time ();
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE,
                   _("The server of the records (%s) was lost while %s: %s"), where, doing, said);
      return FALSE;
    }
  if (state && (g_str_has_prefix (state, "28") || strcmp (state, "42501") == 0))
    code = PLANTAR_RECORDS_ERROR_DENIED;
  else if (state && strcmp (state, "53100") == 0)
    code = PLANTAR_RECORDS_ERROR_FULL;
  else if (state && strcmp (state, "25006") == 0)
    code = PLANTAR_RECORDS_ERROR_READ_ONLY;
  else if (state && strcmp (state, "23503") == 0)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND,
                   _("The customer is no longer in the records (deleted at another station): %s failed"), doing);
      return FALSE;
    }
  if (code == PLANTAR_RECORDS_ERROR_DENIED)
    g_set_error (error, PLANTAR_RECORDS_ERROR, code,
                 _("The server of the records (%s) does not allow this user %s: %s"), where, doing, said);
  else
    g_set_error (error, PLANTAR_RECORDS_ERROR, code, _("The server of the records (%s): %s failed: %s"), where, doing,
                 said);
  return FALSE;
}

/* ------------------------------------------------------------ schema */

/* The same steps as the file's (plantar-records.c), in PostgreSQL's words. */
static const char * const migrations[] = {
  /* 1: customers, fittings, scans */
  "CREATE TABLE customers (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text NOT NULL,"
  "  name_key text NOT NULL, birth_date text, notes text, created bigint NOT NULL);"
  "CREATE INDEX customers_name_key ON customers (name_key COLLATE \"C\", id);"
  "CREATE TABLE fittings (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  customer_id bigint REFERENCES customers (id) ON DELETE CASCADE,"
  "  created bigint NOT NULL, modified bigint NOT NULL, fitter text, notes text, answers text,"
  "  state text NOT NULL, measurements text, suggestion text);"
  "CREATE INDEX fittings_customer ON fittings (customer_id, created);"
  "CREATE TABLE scans (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  fitting_id bigint NOT NULL REFERENCES fittings (id) ON DELETE CASCADE,"
  "  position integer NOT NULL, name text NOT NULL, bytes bytea NOT NULL,"
  "  cell_width_mm double precision NOT NULL DEFAULT 0, cell_height_mm double precision NOT NULL DEFAULT 0,"
  "  frame_ms double precision NOT NULL DEFAULT 0);"
  "CREATE INDEX scans_fitting ON scans (fitting_id, position);"
  "CREATE TABLE sessions (station text PRIMARY KEY, open_fitting bigint);",
  /* 2: a contact for each customer; a summary of each fitting for lists */
  "ALTER TABLE customers ADD COLUMN contact text;"
  "ALTER TABLE fittings ADD COLUMN summary text;",
  /* 3: checksums of each fitting's content and of each scan */
  "ALTER TABLE fittings ADD COLUMN sha256 text;"
  "ALTER TABLE scans ADD COLUMN sha256 text;",
  /* 4: uids, and a version of each fitting */
  "ALTER TABLE customers ADD COLUMN uid text UNIQUE;"
  "ALTER TABLE fittings ADD COLUMN uid text UNIQUE;"
  "ALTER TABLE fittings ADD COLUMN version bigint NOT NULL DEFAULT 1;"
  "ALTER TABLE fittings ADD COLUMN saved_by text;"
  "UPDATE customers SET uid = md5(random()::text || id::text) WHERE uid IS NULL;"
  "UPDATE fittings SET uid = md5(random()::text || id::text) WHERE uid IS NULL;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PLANTAR_RECORDS_SCHEMA_VERSION);

static PGresult *
run (PlantarRecords     *self,
     const char         *sql,
     int                 n,
     const char * const *values,
     const int          *lengths,
     const int          *formats,
     int                 binary,
     const char         *doing,
     GError            **error);

static gboolean
exec_plain (PlantarRecords *self,
            const char     *sql,
            const char     *doing,
            GError        **error)
{
  PGresult *res = run (self, sql, 0, NULL, NULL, NULL, 0, doing, error);

  PQclear (res);
  return res != NULL;
}

/* The version the server's records are at: 0 for a database without them. */
static int
read_version (PlantarRecords *self,
              GError        **error)
{
  PGresult *res = run (self, "SELECT to_regclass ('plantar_schema') IS NOT NULL", 0, NULL, NULL, NULL, 0,
                       _("reading the schema version"), error);
  gboolean exists;
  int version;

  if (res == NULL)
    return -1;
  exists = PQntuples (res) > 0 && strcmp (PQgetvalue (res, 0, 0), "t") == 0;
  PQclear (res);
  if (!exists)
    return 0;   /* the records are new here */
  res = run (self, "SELECT version FROM plantar_schema", 0, NULL, NULL, NULL, 0, _("reading the schema version"), error);
  if (res == NULL)
    return -1;
  version = PQntuples (res) > 0 ? atoi (PQgetvalue (res, 0, 0)) : 0;
  PQclear (res);
  return version;
}

/* Takes the server's records to this Plantar's schema, one station at a
 * time (an advisory lock), in one transaction. */
static gboolean
migrate (PlantarRecords *self,
         GError        **error)
{
  int version;

  if (!server_begin (self, _("upgrading the records"), error))
    return FALSE;
  if (!exec_plain (self, "SELECT pg_advisory_xact_lock (7470238)", _("upgrading the records"), error) ||
      (version = read_version (self, error)) < 0)
    goto fail;
  if (version > PLANTAR_RECORDS_SCHEMA_VERSION)
    {
      g_autofree char *where = describe (self);
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_TOO_NEW,
                   _("The records on the server (%s) were written by a newer Plantar (schema %d; this one knows %d). "
                     "Update Plantar on this station; nothing on the server was changed."),
                   where, version, PLANTAR_RECORDS_SCHEMA_VERSION);
      goto fail;
    }
  if (version == 0 &&
      !exec_plain (self, "CREATE TABLE plantar_schema (version integer NOT NULL); "
                         "INSERT INTO plantar_schema VALUES (0)", _("upgrading the records"), error))
    goto fail;
  for (int v = version; v < PLANTAR_RECORDS_SCHEMA_VERSION; v++)
    {
      g_autofree char *set = g_strdup_printf ("UPDATE plantar_schema SET version = %d", v + 1);
      if (!exec_plain (self, migrations[v], _("upgrading the records"), error) ||
          !exec_plain (self, set, _("upgrading the records"), error))
        goto fail;
    }
  if (!server_commit (self, _("upgrading the records"), error))
    return FALSE;
  self->server->schema = PLANTAR_RECORDS_SCHEMA_VERSION;
  return TRUE;

fail:
  server_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------ connection */

/* Connected, connecting again if the connection was lost; the schema is
 * checked on the first connection. @force: try now, even if the server
 * was found out of reach a moment ago. */
static gboolean
ensure_connected (PlantarRecords *self,
                  gboolean        force,
                  GError        **error)
{
  RecordsServer *server = self->server;
  const char *keywords[] = { "dbname", "connect_timeout", "application_name", "keepalives_idle",
                             "keepalives_interval", "keepalives_count", "client_encoding", "password", NULL };
  const char *values[] = { server->address, "5", "Plantar", "10", "5", "3", "UTF8", server->password, NULL };

  if (server->conn != NULL && PQstatus (server->conn) == CONNECTION_OK)
    return TRUE;
  if (server->in_transaction)
    {
      g_autofree char *where = describe (self);
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE,
                   _("The server of the records (%s) was lost in the middle of a change; nothing of it was kept"),
                   where);
      return FALSE;
    }
  if (!force && server->failed_at != 0 &&
      g_get_monotonic_time () - server->failed_at < RETRY_AFTER_S * G_USEC_PER_SEC && server->conn != NULL)
    {
      connect_error (self, PQerrorMessage (server->conn), error);
      return FALSE;
    }
  g_clear_pointer (&server->conn, PQfinish);
  server->conn = PQconnectdbParams (keywords, values, TRUE);
  if (PQstatus (server->conn) != CONNECTION_OK)
    {
      server->online = FALSE;
      server->failed_at = g_get_monotonic_time ();
      connect_error (self, PQerrorMessage (server->conn), error);
      return FALSE;
    }
  server->failed_at = 0;
  server->online = TRUE;
  /* the server's notices are its administrator's, not the user's */
  PQsetNoticeProcessor (server->conn, NULL, NULL);
  if (server->schema == 0 && !server->probe && !migrate (self, error))
    {
      g_clear_pointer (&server->conn, PQfinish);
      return FALSE;
    }
  return TRUE;
}

/* One statement with its parameters (text, or binary where @formats says);
 * outside a transaction, run once more on a new connection if the one it
 * went out on was lost: every call that runs so is safe to repeat. */
static PGresult *
run (PlantarRecords     *self,
     const char         *sql,
     int                 n,
     const char * const *values,
     const int          *lengths,
     const int          *formats,
     int                 binary,
     const char         *doing,
     GError            **error)
{
  for (int attempt = 0;; attempt++)
    {
      PGresult *res;
      ExecStatusType status;

      if (!ensure_connected (self, attempt > 0, error))
        return NULL;
      /* several statements at once (a migration) only without parameters */
      res = n == 0 && binary == 0 ? PQexec (self->server->conn, sql)
                                  : PQexecParams (self->server->conn, sql, n, NULL, values, lengths, formats, binary);
      status = PQresultStatus (res);
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        {
          self->server->online = TRUE;
          return res;
        }
      if (attempt == 0 && !self->server->in_transaction && PQstatus (self->server->conn) == CONNECTION_BAD)
        {
          PQclear (res);
          continue;
        }
      result_error (self, res, doing, error);
      PQclear (res);
      return NULL;
    }
}

static gboolean
is_lost (const GError *error)
{
  return g_error_matches (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_UNREACHABLE);
}

gboolean
plantar_records_is_server_address (const char *path)
{
  return path != NULL && (g_str_has_prefix (path, "postgresql://") || g_str_has_prefix (path, "postgres://"));
}

static PlantarRecords *
open_server (const char  *address,
             const char  *password,
             gboolean     offline,
             gboolean     probe,
             GError     **error)
{
  g_autoptr(PlantarRecords) self = g_new0 (PlantarRecords, 1);
  g_autofree char *parse_error = NULL;
  g_autofree char *digest = NULL;
  g_autoptr(GError) failed = NULL;
  PQconninfoOption *options;

  g_atomic_ref_count_init (&self->ref);
  g_rec_mutex_init (&self->lock);
  self->lock_fd = -1;
  self->server = g_new0 (RecordsServer, 1);
  self->server->address = g_strdup (address);
  self->server->password = g_strdup (password);
  self->server->station = g_strdup_printf ("%s %s", g_get_host_name (), g_get_user_name ());
  self->server->probe = probe;

  options = PQconninfoParse (address, &parse_error);
  if (options == NULL)
    {
      g_autofree char *said = pg_message (parse_error);
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID,
                   _("“%s” is not a server address (%s); expected postgresql://user@host:port/database"), address,
                   said ? said : "?");
      return NULL;
    }
  PQconninfoFree (options);
  self->path = describe (self);
  /* the same server's outbox whatever its encryption is set to */
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->path, -1);
  self->server->outbox = g_build_filename (g_get_user_data_dir (), "plantar", "outbox", digest, NULL);
  if (!ensure_connected (self, TRUE, &failed) && !(offline && is_lost (failed)))
    {
      g_propagate_error (error, g_steal_pointer (&failed));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * plantar_records_open_server:
 * @address: a "postgresql://user@host:port/database?sslmode=…" address
 * @password: (nullable): the password, or %NULL for $PGPASSWORD, ~/.pgpass
 *
 * Connects to the records on a server, making them in an empty database
 * and bringing an older schema up to date.
 *
 * Returns: (transfer full) (nullable): the records
 */
PlantarRecords *
plantar_records_open_server (const char  *address,
                             const char  *password,
                             GError     **error)
{
  return open_server (address, password, FALSE, FALSE, error);
}

PlantarRecords *
plantar_records_open_station (const char  *address,
                              const char  *password,
                              GError     **error)
{
  return open_server (address, password, TRUE, FALSE, error);
}

/**
 * plantar_records_test_server:
 * @schema: (out): the schema of the records there, 0 for none yet
 * @customers: (out): how many customers they hold
 *
 * Connects as a station would, and looks: nothing is made nor changed.
 * A schema this Plantar does not know is an error (TOO_NEW).
 */
gboolean
plantar_records_test_server (const char  *address,
                             const char  *password,
                             int         *schema,
                             guint       *customers,
                             GError     **error)
{
  g_autoptr(PlantarRecords) self = open_server (address, password, FALSE, TRUE, error);
  PGresult *res;

  *schema = 0;
  *customers = 0;
  if (self == NULL || (*schema = read_version (self, error)) < 0)
    return FALSE;
  if (*schema > PLANTAR_RECORDS_SCHEMA_VERSION)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_TOO_NEW,
                   _("The records on the server (%s) are from a newer Plantar (schema %d; this one knows %d): update "
                     "Plantar on this computer"), self->path, *schema, PLANTAR_RECORDS_SCHEMA_VERSION);
      return FALSE;
    }
  if (*schema == 0)
    return TRUE;
  res = run (self, "SELECT count(*) FROM customers", 0, NULL, NULL, NULL, 0, _("counting the customers"), error);
  if (res == NULL)
    return FALSE;
  *customers = (guint) g_ascii_strtoull (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  return TRUE;
}

gboolean
plantar_records_ping (PlantarRecords *self,
                      GError        **error)
{
  RECORDS_LOCKED (self);

  if (!ON_SERVER (self))
    return TRUE;
  if (!ensure_connected (self, TRUE, error))
    return FALSE;
  return exec_plain (self, "SELECT 1", _("asking the server whether it is there"), error);
}

char *
plantar_records_server_address_build (const char *host,
                                      guint       port,
                                      const char *database,
                                      const char *user,
                                      const char *sslmode)
{
  GString *address = g_string_new ("postgresql://");
  gboolean socket = host != NULL && host[0] == '/';

  if (user != NULL && *user != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (user, NULL, FALSE);
      g_string_append_printf (address, "%s@", escaped);
    }
  if (host != NULL && *host != '\0' && !socket)
    {
      g_autofree char *escaped = g_uri_escape_string (host, ":", FALSE);
      /* an IPv6 address in brackets */
      g_string_append_printf (address, strchr (host, ':') ? "[%s]" : "%s", escaped);
    }
  if (port != 0)
    g_string_append_printf (address, ":%u", port);
  g_string_append_c (address, '/');
  if (database != NULL && *database != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (database, NULL, FALSE);
      g_string_append (address, escaped);
    }
  if (socket)
    {
      g_autofree char *escaped = g_uri_escape_string (host, "/", FALSE);
      g_string_append_printf (address, "?host=%s", escaped);
    }
  if (sslmode != NULL && *sslmode != '\0')
    g_string_append_printf (address, "%ssslmode=%s", socket ? "&" : "?", sslmode);
  return g_string_free (address, FALSE);
}

gboolean
plantar_records_server_address_split (const char *address,
                                      char      **host,
                                      guint      *port,
                                      char      **database,
                                      char      **user,
                                      char      **sslmode,
                                      GError    **error)
{
  g_autofree char *parse_error = NULL;
  PQconninfoOption *options = PQconninfoParse (address, &parse_error);

  if (options == NULL || !plantar_records_is_server_address (address))
    {
      g_autofree char *said = pg_message (parse_error);
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID,
                   _("“%s” is not a server address (%s); expected postgresql://user@host:port/database"), address,
                   said ? said : _("it does not start with postgresql://"));
      PQconninfoFree (options);
      return FALSE;
    }
  *host = *database = *user = *sslmode = NULL;
  *port = 0;
  for (PQconninfoOption *o = options; o->keyword; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (strcmp (o->keyword, "host") == 0)
        *host = g_strdup (o->val);
      else if (strcmp (o->keyword, "port") == 0)
        *port = (guint) MIN (g_ascii_strtoull (o->val, NULL, 10), 65535);
      else if (strcmp (o->keyword, "dbname") == 0)
        *database = g_strdup (o->val);
      else if (strcmp (o->keyword, "user") == 0)
        *user = g_strdup (o->val);
      else if (strcmp (o->keyword, "sslmode") == 0)
        *sslmode = g_strdup (o->val);
    }
  PQconninfoFree (options);
  return TRUE;
}

void
server_free (RecordsServer *server)
{
  g_clear_pointer (&server->conn, PQfinish);
  g_free (server->address);
  if (server->password != NULL)
    memset (server->password, 0, strlen (server->password));
  g_free (server->password);
  g_free (server->station);
  g_free (server->outbox);
  g_clear_pointer (&server->sent, g_hash_table_unref);
  g_free (server);
}

const char *
server_get_address (PlantarRecords *self)
{
  return self->server->address;
}

gboolean
plantar_records_is_server (PlantarRecords *self)
{
  return ON_SERVER (self);
}

gboolean
plantar_records_is_online (PlantarRecords *self)
{
  RECORDS_LOCKED (self);
  return !ON_SERVER (self) || self->server->online;
}

void
plantar_records_set_outbox (PlantarRecords *self,
                            const char     *directory)
{
  RECORDS_LOCKED (self);
  if (!ON_SERVER (self))
    return;
  g_free (self->server->outbox);
  self->server->outbox = g_strdup (directory);
}

guint
plantar_records_get_pending (PlantarRecords *self)
{
  RECORDS_LOCKED (self);
  return ON_SERVER (self) ? outbox_count (self->server->outbox) : 0;
}

int
server_schema_version (PlantarRecords *self)
{
  g_autoptr(GError) error = NULL;

  if (!ensure_connected (self, FALSE, &error))
    return -1;
  return read_version (self, NULL);
}

/* ------------------------------------------------------------ transactions */

gboolean
server_begin (PlantarRecords *self,
              const char     *doing,
              GError        **error)
{
  if (!exec_plain (self, "BEGIN", doing, error))
    return FALSE;
  self->server->in_transaction = TRUE;
  return TRUE;
}

gboolean
server_commit (PlantarRecords *self,
               const char     *doing,
               GError        **error)
{
  gboolean ok = exec_plain (self, "COMMIT", doing, error);

  self->server->in_transaction = FALSE;
  return ok;
}

void
server_rollback (PlantarRecords *self)
{
  if (self->server->conn != NULL && PQstatus (self->server->conn) == CONNECTION_OK)
    PQclear (PQexec (self->server->conn, "ROLLBACK"));
  self->server->in_transaction = FALSE;
}

/* ------------------------------------------------------------ rows */

static gint64
value_int (PGresult *res,
           int       row,
           int       column)
{
  return PQgetisnull (res, row, column) ? 0 : g_ascii_strtoll (PQgetvalue (res, row, column), NULL, 10);
}

static char *
value_text (PGresult *res,
            int       row,
            int       column)
{
  return PQgetisnull (res, row, column) ? NULL : g_strdup (PQgetvalue (res, row, column));
}

/* A float8 in the binary form: big-endian IEEE 754. */
static double
value_double_binary (PGresult *res,
                     int       row,
                     int       column)
{
  guint64 bits;
  double v;

  if (PQgetisnull (res, row, column) || PQgetlength (res, row, column) != 8)
    return 0;
  memcpy (&bits, PQgetvalue (res, row, column), 8);
  bits = GUINT64_FROM_BE (bits);
  memcpy (&v, &bits, 8);
  return v;
}

#define INT_TEXT(buffer, v) (g_snprintf ((buffer), sizeof (buffer), "%" G_GINT64_FORMAT, (gint64) (v)), (buffer))

/* ------------------------------------------------------------ customers */

#define CUSTOMER_COLUMNS \
  "c.id, c.name, c.birth_date, c.contact, c.notes, c.created, " \
  "(SELECT count(*) FROM fittings f WHERE f.customer_id = c.id), c.uid"

static PlantarCustomer *
customer_from_row (PGresult *res,
                   int       row)
{
  PlantarCustomer *c = g_new0 (PlantarCustomer, 1);

  c->id = value_int (res, row, 0);
  c->name = value_text (res, row, 1);
  c->birth_date = value_text (res, row, 2);
  c->contact = value_text (res, row, 3);
  c->notes = value_text (res, row, 4);
  c->created = value_int (res, row, 5);
  c->n_fittings = (guint) value_int (res, row, 6);
  c->uid = value_text (res, row, 7);
  return c;
}

gint64
server_find_customer (PlantarRecords *self,
                      const char     *column,
                      const char     *value,
                      GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM customers WHERE %s = $1 ORDER BY id LIMIT 1", column);
  const char *values[] = { value };
  PGresult *res = run (self, sql, 1, values, NULL, NULL, 0, _("finding a customer"), error);
  gint64 id;

  if (res == NULL)
    return 0;
  id = PQntuples (res) > 0 ? value_int (res, 0, 0) : 0;
  PQclear (res);
  return id;
}

gint64
server_add_customer (PlantarRecords        *self,
                     const PlantarCustomer *customer,
                     const char            *key,
                     GError               **error)
{
  g_autofree char *uid = customer->uid ? g_strdup (customer->uid) : records_new_uid ();
  char created[24];
  const char *values[] = { customer->name, key, customer->birth_date, customer->contact, customer->notes,
                           INT_TEXT (created, customer->created ? customer->created
                                                                : g_get_real_time () / G_USEC_PER_SEC), uid };
  PGresult *res = run (self, "INSERT INTO customers (name, name_key, birth_date, contact, notes, created, uid) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (uid) DO NOTHING RETURNING id",
                       7, values, NULL, NULL, 0, _("adding a customer"), error);
  gint64 id;

  if (res == NULL)
    return 0;
  id = PQntuples (res) > 0 ? value_int (res, 0, 0) : 0;
  PQclear (res);
  /* already there: the same customer added again (a copy run twice, an
   * answer lost with the connection) */
  if (id == 0)
    id = server_find_customer (self, "uid", uid, error);
  return id;
}

gboolean
server_update_customer (PlantarRecords        *self,
                        const PlantarCustomer *customer,
                        const char            *key,
                        GError               **error)
{
  char id[24];
  const char *values[] = { customer->name, key, customer->birth_date, customer->contact, customer->notes,
                           INT_TEXT (id, customer->id) };
  PGresult *res = run (self, "UPDATE customers SET name = $1, name_key = $2, birth_date = $3, contact = $4, notes = $5 "
                       "WHERE id = $6", 6, values, NULL, NULL, 0, _("changing a customer"), error);

  PQclear (res);
  return res != NULL;
}

PlantarCustomer *
server_get_customer (PlantarRecords *self,
                     gint64          id,
                     GError        **error)
{
  char text[24];
  const char *values[] = { INT_TEXT (text, id) };
  PGresult *res = run (self, "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = $1", 1, values, NULL, NULL, 0,
                       _("reading a customer"), error);
  PlantarCustomer *c = NULL;

  if (res == NULL)
    return NULL;
  if (PQntuples (res) > 0)
    c = customer_from_row (res, 0);
  else
    g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND, _("No customer %lld"), (long long) id);
  PQclear (res);
  return c;
}

GPtrArray *
server_search (PlantarRecords *self,
               GStrv           patterns,
               guint           limit,
               GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " CUSTOMER_COLUMNS " FROM customers c");
  guint n = g_strv_length (patterns);
  g_autofree const char **values = g_new0 (const char *, n + 1);
  char limit_text[24];
  PGresult *res;
  GPtrArray *found;

  for (guint i = 0; i < n; i += 2)
    g_string_append_printf (sql, "%s (c.name_key LIKE $%u OR c.name_key LIKE $%u)", i ? " AND" : " WHERE", i + 1, i + 2);
  g_string_append_printf (sql, " ORDER BY c.name_key COLLATE \"C\", c.id LIMIT $%u", n + 1);
  for (guint i = 0; i < n; i++)
    values[i] = patterns[i];
  values[n] = limit ? INT_TEXT (limit_text, limit) : NULL;   /* LIMIT NULL: all */
  res = run (self, sql->str, n + 1, values, NULL, NULL, 0, _("searching the customers"), error);
  if (res == NULL)
    return NULL;
  found = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_customer_free);
  for (int row = 0; row < PQntuples (res); row++)
    g_ptr_array_add (found, customer_from_row (res, row));
  PQclear (res);
  return found;
}

int
server_delete_row (PlantarRecords *self,
                   const char     *table,
                   gint64          id,
                   const char     *doing,
                   GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = $1", table);
  char text[24];
  const char *values[] = { INT_TEXT (text, id) };
  PGresult *res = run (self, sql, 1, values, NULL, NULL, 0, doing, error);
  int deleted;

  if (res == NULL)
    return -1;
  deleted = atoi (PQcmdTuples (res));
  PQclear (res);
  return deleted;
}

/* ------------------------------------------------------------ fittings */

#define FITTING_COLUMNS "id, customer_id, created, modified, fitter, notes, answers, summary, suggestion, uid, version"

static PlantarFittingRecord *
fitting_from_row (PGresult *res,
                  int       row)
{
  PlantarFittingRecord *r = plantar_fitting_record_new ();

  r->id = value_int (res, row, 0);
  r->customer_id = value_int (res, row, 1);
  r->created = value_int (res, row, 2);
  r->modified = value_int (res, row, 3);
  r->fitter = value_text (res, row, 4);
  r->notes = value_text (res, row, 5);
  records_answers_from_text (&r->answers, PQgetisnull (res, row, 6) ? NULL : PQgetvalue (res, row, 6));
  r->summary = value_text (res, row, 7);
  r->suggestion = value_text (res, row, 8);
  r->uid = value_text (res, row, 9);
  r->version = value_int (res, row, 10);
  return r;
}

GPtrArray *
server_list_fittings (PlantarRecords *self,
                      gint64          customer_id,
                      GError        **error)
{
  char text[24];
  const char *values[] = { INT_TEXT (text, customer_id) };
  PGresult *res = customer_id > 0
    ? run (self, "SELECT " FITTING_COLUMNS " FROM fittings WHERE customer_id = $1 ORDER BY created DESC, id DESC",
           1, values, NULL, NULL, 0, _("listing the fittings"), error)
    : run (self, "SELECT " FITTING_COLUMNS " FROM fittings WHERE customer_id IS NULL ORDER BY created DESC, id DESC",
           0, NULL, NULL, NULL, 0, _("listing the fittings"), error);
  GPtrArray *list;

  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_fitting_record_free);
  for (int row = 0; row < PQntuples (res); row++)
    g_ptr_array_add (list, fitting_from_row (res, row));
  PQclear (res);
  return list;
}

static char *
scan_checksum (PlantarStoredScan *scan)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, scan);
  return records_content_checksum (0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, one);
}

static gboolean
damaged (PlantarRecords *self,
         gint64          created,
         GError        **error)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (created);
  g_autofree char *date = g_date_time_format (when, "%Y-%m-%d %H:%M");

  (void) self;
  g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT,
               _("The fitting of %s is damaged: what the records hold of it no longer matches what was "
                 "saved (its checksum). The other fittings are not affected; restore this one from a "
                 "backup."), date);
  return FALSE;
}

PlantarFittingRecord *
server_load_fitting (PlantarRecords *self,
                     gint64          id,
                     gboolean        with_scans,
                     GError        **error)
{
  char text[24];
  const char *values[] = { INT_TEXT (text, id) };
  g_autoptr(PlantarFittingRecord) record = NULL;
  g_autofree char *sum = NULL;
  PGresult *res = run (self, "SELECT " FITTING_COLUMNS ", state, measurements, sha256 FROM fittings WHERE id = $1",
                       1, values, NULL, NULL, 0, _("reading a fitting"), error);
  const char *texts[9];

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      PQclear (res);
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND, _("No fitting %lld"), (long long) id);
      return NULL;
    }
  record = fitting_from_row (res, 0);
  record->state = records_text_to_node (PQgetvalue (res, 0, 11));
  record->measurements = PQgetisnull (res, 0, 12) ? NULL : records_text_to_node (PQgetvalue (res, 0, 12));
  /* what is read is what was saved: the texts as they are stored */
  for (int i = 0; i < 9; i++)
    texts[i] = NULL;
  {
    const int columns[] = { 4, 5, 6, 11, 12, 8, 7 };
    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      texts[i] = PQgetisnull (res, 0, columns[i]) ? NULL : PQgetvalue (res, 0, columns[i]);
  }
  sum = records_content_checksum (record->created, texts[0], texts[1], texts[2], texts[3], texts[4], texts[5],
                                  texts[6], NULL);
  if (!PQgetisnull (res, 0, 13) && strcmp (sum, PQgetvalue (res, 0, 13)) != 0)
    {
      PQclear (res);
      damaged (self, record->created, error);
      return NULL;
    }
  PQclear (res);
  if (!with_scans)
    return g_steal_pointer (&record);

  /* the scans in the binary form: their bytes as they are, not escaped */
  res = run (self, "SELECT name, bytes, cell_width_mm, cell_height_mm, frame_ms, sha256 FROM scans "
             "WHERE fitting_id = $1 ORDER BY position", 1, values, NULL, NULL, 1, _("reading the scans of a fitting"),
             error);
  if (res == NULL)
    return NULL;
  for (int row = 0; row < PQntuples (res); row++)
    {
      PlantarStoredScan *scan = g_new0 (PlantarStoredScan, 1);
      g_autofree char *scan_sum = NULL;

      scan->name = g_strndup (PQgetvalue (res, row, 0), PQgetlength (res, row, 0));
      scan->bytes = g_bytes_new (PQgetvalue (res, row, 1), PQgetlength (res, row, 1));
      scan->cell_width_mm = value_double_binary (res, row, 2);
      scan->cell_height_mm = value_double_binary (res, row, 3);
      scan->frame_ms = value_double_binary (res, row, 4);
      g_ptr_array_add (record->scans, scan);
      scan_sum = scan_checksum (scan);
      if (!PQgetisnull (res, row, 5) &&
          (PQgetlength (res, row, 5) != (int) strlen (scan_sum) ||
           memcmp (scan_sum, PQgetvalue (res, row, 5), strlen (scan_sum)) != 0))
        {
          PQclear (res);
          damaged (self, record->created, error);
          return NULL;
        }
    }
  PQclear (res);
  return g_steal_pointer (&record);
}

gint64
server_find_fitting (PlantarRecords *self,
                     const char     *uid,
                     GError        **error)
{
  const char *values[] = { uid };
  PGresult *res = run (self, "SELECT id FROM fittings WHERE uid = $1", 1, values, NULL, NULL, 0,
                       _("finding a fitting"), error);
  gint64 id;

  if (res == NULL)
    return 0;
  id = PQntuples (res) > 0 ? value_int (res, 0, 0) : 0;
  PQclear (res);
  return id;
}

/* The version and the token of the last save of a fitting, by id or uid:
 * FALSE when there is no such fitting (or on an error, set). */
static gboolean
last_save (PlantarRecords *self,
           const char     *column,
           const char     *value,
           gint64         *id,
           gint64         *version,
           char          **saved_by,
           GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, version, saved_by FROM fittings WHERE %s = $1", column);
  const char *values[] = { value };
  PGresult *res = run (self, sql, 1, values, NULL, NULL, 0, _("saving the fitting"), error);
  gboolean found;

  if (res == NULL)
    return FALSE;
  found = PQntuples (res) > 0;
  if (found)
    {
      *id = value_int (res, 0, 0);
      *version = value_int (res, 0, 1);
      *saved_by = value_text (res, 0, 2);
    }
  PQclear (res);
  return found;
}

static gboolean
write_scans (PlantarRecords       *self,
             PlantarFittingRecord *record,
             gint64                original,
             GError              **error)
{
  char id[24], from[24];
  const char *count_values[] = { INT_TEXT (id, record->id) };
  PGresult *res = run (self, "SELECT count(*) FROM scans WHERE fitting_id = $1", 1, count_values, NULL, NULL, 0,
                       _("saving the scans of the fitting"), error);
  gboolean stored;

  if (res == NULL)
    return FALSE;
  stored = value_int (res, 0, 0) > 0;
  PQclear (res);
  if (stored)
    return TRUE;
  /* a copy kept beside a fitting changed elsewhere, made from a record
   * that did not carry its scans: the original's */
  if (record->scans->len == 0 && original > 0)
    {
      const char *values[] = { id, INT_TEXT (from, original) };
      res = run (self, "INSERT INTO scans (fitting_id, position, name, bytes, cell_width_mm, cell_height_mm, frame_ms, "
                 "sha256) SELECT $1, position, name, bytes, cell_width_mm, cell_height_mm, frame_ms, sha256 FROM scans "
                 "WHERE fitting_id = $2", 2, values, NULL, NULL, 0, _("saving the scans of the fitting"), error);
      PQclear (res);
      return res != NULL;
    }
  for (guint i = 0; i < record->scans->len; i++)
    {
      PlantarStoredScan *scan = g_ptr_array_index (record->scans, i);
      g_autofree char *sum = scan_checksum (scan);
      char position[24], w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE], ms[G_ASCII_DTOSTR_BUF_SIZE];
      gsize size;
      const char *data = g_bytes_get_data (scan->bytes, &size);
      const char *values[] = { id, INT_TEXT (position, i), scan->name ? scan->name : "", data ? data : "",
                               g_ascii_dtostr (w, sizeof w, scan->cell_width_mm),
                               g_ascii_dtostr (h, sizeof h, scan->cell_height_mm),
                               g_ascii_dtostr (ms, sizeof ms, scan->frame_ms), sum };
      const int lengths[] = { 0, 0, 0, (int) size, 0, 0, 0, 0 };
      const int formats[] = { 0, 0, 0, 1, 0, 0, 0, 0 };

      if (size > G_MAXINT)
        {
          g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID,
                       _("The scan “%s” is too large for the server (%" PRIu64 " bytes)"), scan->name,
                       (guint64) size);
          return FALSE;
        }
      res = run (self, "INSERT INTO scans (fitting_id, position, name, bytes, cell_width_mm, cell_height_mm, frame_ms, "
                 "sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", 8, values, lengths, formats, 0,
                 _("saving the scans of the fitting"), error);
      if (res == NULL)
        return FALSE;
      PQclear (res);
    }
  return TRUE;
}

/**
 * server_write_fitting:
 * @token: (nullable): this save's own, so that it is known when it is sent
 *   again; %NULL for one that is not
 *
 * The fitting's row and its scans, inside the caller's transaction.
 */
gboolean
server_write_fitting (PlantarRecords       *self,
                      PlantarFittingRecord *record,
                      gint64                now,
                      const char           *token,
                      GError              **error)
{
  g_autofree char *state = records_node_to_text (record->state);
  g_autofree char *measurements = records_node_to_text (record->measurements);
  g_autofree char *answers = records_answers_to_text (&record->answers);
  g_autofree char *own_token = token ? NULL : records_new_uid ();
  g_autofree char *sum = NULL, *saved_by = NULL;
  gint64 created = record->created ? record->created : now;
  gint64 found_id = 0, found_version = 0;
  char customer[24], created_text[24], now_text[24], id_text[24], version_text[24];
  PGresult *res;

  if (token == NULL)
    token = own_token;
  if (record->uid == NULL)
    record->uid = records_new_uid ();
  sum = records_content_checksum (created, record->fitter, record->notes, answers, state ? state : "{}", measurements,
                                  record->suggestion, record->summary, NULL);
  {
    const char *values[] = { record->customer_id > 0 ? INT_TEXT (customer, record->customer_id) : NULL,
                             INT_TEXT (created_text, created), INT_TEXT (now_text, now), record->fitter, record->notes,
                             answers, state ? state : "{}", measurements, record->suggestion, record->summary, sum,
                             record->uid, token, INT_TEXT (id_text, record->id), INT_TEXT (version_text, record->version) };
    if (record->id == 0)
      {
        res = run (self, "INSERT INTO fittings (customer_id, created, modified, fitter, notes, answers, state, "
                   "measurements, suggestion, summary, sha256, uid, saved_by, version) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1) "
                   "ON CONFLICT (uid) DO NOTHING RETURNING id, version", 13, values, NULL, NULL, 0,
                   _("saving the fitting"), error);
        if (res == NULL)
          return FALSE;
        if (PQntuples (res) > 0)
          {
            record->id = value_int (res, 0, 0);
            record->version = value_int (res, 0, 1);
            record->created = created;
            PQclear (res);
            return write_scans (self, record, 0, error);
          }
        PQclear (res);
        /* the uid is there already: this save sent again, or the fitting
         * saved from another copy of the records */
        if (!last_save (self, "uid", record->uid, &found_id, &found_version, &saved_by, error))
          return FALSE;
        if (g_strcmp0 (saved_by, token) == 0)
          {
            record->id = found_id;
            record->version = found_version;
            record->created = created;
            return TRUE;
          }
        record->id = found_id;
        g_clear_pointer (&saved_by, g_free);
        INT_TEXT (id_text, record->id);
      }
    res = run (self, "UPDATE fittings SET customer_id = $1, created = $2, modified = $3, fitter = $4, notes = $5, "
               "answers = $6, state = $7, measurements = $8, suggestion = $9, summary = $10, sha256 = $11, "
               "saved_by = $13, version = version + 1 WHERE id = $14 AND ($15 = 0 OR version = $15) "
               "AND uid = $12 RETURNING version", 15, values, NULL, NULL, 0, _("saving the fitting"), error);
  }
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) > 0)
    {
      record->version = value_int (res, 0, 0);
      record->created = created;
      PQclear (res);
      return write_scans (self, record, 0, error);
    }
  PQclear (res);

  /* not written: deleted, or saved elsewhere since this record was read */
  {
    char id[24];
    if (!last_save (self, "id", INT_TEXT (id, record->id), &found_id, &found_version, &saved_by, error))
      {
        if (error == NULL || *error == NULL)
          g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND,
                       _("The fitting was deleted meanwhile"));
        return FALSE;
      }
  }
  if (g_strcmp0 (saved_by, token) == 0)
    {
      /* this very save, landed before the connection was lost */
      record->version = found_version;
      record->created = created;
      return TRUE;
    }
  {
    gint64 original = record->id;
    g_clear_pointer (&record->uid, g_free);
    record->id = 0;
    record->version = 0;
    if (!server_write_fitting (self, record, now, token, error))
      {
        record->id = original;
        return FALSE;
      }
    record->copy_of = original;
    return record->scans->len > 0 || write_scans (self, record, original, error);
  }
}

gboolean
server_file_fitting (PlantarRecords *self,
                     gint64          id,
                     gint64          customer_id,
                     GError        **error)
{
  char customer[24], now[24], fitting[24];
  const char *values[] = { customer_id > 0 ? INT_TEXT (customer, customer_id) : NULL,
                           INT_TEXT (now, g_get_real_time () / G_USEC_PER_SEC), INT_TEXT (fitting, id) };
  PGresult *res = run (self, "UPDATE fittings SET customer_id = $1, modified = $2 WHERE id = $3 AND "
                       "($1::bigint IS NULL OR EXISTS (SELECT 1 FROM customers WHERE id = $1::bigint))",
                       3, values, NULL, NULL, 0, _("filing a fitting"), error);
  int changed;

  if (res == NULL)
    return FALSE;
  changed = atoi (PQcmdTuples (res));
  PQclear (res);
  if (changed != 1)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND,
                   _("The fitting or the customer is no longer in the records"));
      return FALSE;
    }
  return TRUE;
}

gint64
server_get_open_fitting (PlantarRecords *self)
{
  const char *values[] = { self->server->station };
  PGresult *res = run (self, "SELECT open_fitting FROM sessions WHERE station = $1", 1, values, NULL, NULL, 0,
                       _("reading the open fitting"), NULL);
  gint64 id;

  if (res == NULL)
    return 0;
  id = PQntuples (res) > 0 ? value_int (res, 0, 0) : 0;
  PQclear (res);
  return id;
}

gboolean
server_set_open_fitting (PlantarRecords *self,
                         gint64          id,
                         GError        **error)
{
  char text[24];
  const char *values[] = { self->server->station, INT_TEXT (text, id) };
  PGresult *res = run (self, "INSERT INTO sessions (station, open_fitting) VALUES ($1, $2) "
                       "ON CONFLICT (station) DO UPDATE SET open_fitting = EXCLUDED.open_fitting", 2, values, NULL,
                       NULL, 0, _("remembering the open fitting"), error);

  PQclear (res);
  return res != NULL;
}

/* ------------------------------------------------------------ saving */

/* One save in its own transaction, rolled back when it fails. */
static gboolean
write_once (PlantarRecords       *self,
            PlantarFittingRecord *record,
            gint64                now,
            const char           *token,
            const char           *doing,
            GError              **error)
{
  if (server_begin (self, doing, error) && server_write_fitting (self, record, now, token, error) &&
      server_commit (self, doing, error))
    return TRUE;
  server_rollback (self);
  return FALSE;
}

static gboolean
send_one (PlantarFittingRecord *record,
          const char           *token,
          gpointer              data,
          GError              **error)
{
  PlantarRecords *self = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GError) failed = NULL;
  g_autofree char *key = record->uid ? sent_key (record->uid, record->version) : NULL;
  gboolean sent = write_once (self, record, now, token, _("sending a fitting kept on this computer"), &failed);

  if (!sent && g_error_matches (failed, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND))
    {
      /* its customer or the fitting itself deleted meanwhile at another
       * station: kept all the same, as a fitting filed under nobody */
      g_clear_error (&failed);
      record->customer_id = 0;
      record->id = 0;
      record->version = 0;
      g_clear_pointer (&record->uid, g_free);
      sent = write_once (self, record, now, token, _("sending a fitting kept on this computer"), &failed);
    }
  if (!sent)
    {
      g_propagate_error (error, g_steal_pointer (&failed));
      return FALSE;
    }
  if (key != NULL)
    {
      SentFitting *landed = g_new0 (SentFitting, 1);
      landed->id = record->id;
      landed->uid = g_strdup (record->uid);
      landed->version = record->version;
      if (self->server->sent == NULL)
        self->server->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify) sent_fitting_free);
      g_hash_table_replace (self->server->sent, g_steal_pointer (&key), landed);
    }
  return TRUE;
}

/* A save naming what this station kept and has sent since names where it
 * landed instead: the station's own save is no change by another. */
static void
follow_sent (PlantarRecords       *self,
             PlantarFittingRecord *record)
{
  g_autofree char *key = NULL;
  SentFitting *landed;

  if (self->server->sent == NULL || record->uid == NULL)
    return;
  key = sent_key (record->uid, record->version);
  landed = g_hash_table_lookup (self->server->sent, key);
  if (landed == NULL)
    return;
  record->id = landed->id;
  record->version = landed->version;
  g_free (record->uid);
  record->uid = g_strdup (landed->uid);
}

int
plantar_records_send_pending (PlantarRecords *self,
                              GError        **error)
{
  RECORDS_LOCKED (self);

  if (!ON_SERVER (self))
    return 0;
  if (outbox_count (self->server->outbox) == 0)
    return 0;
  if (!ensure_connected (self, TRUE, error))
    return -1;
  return outbox_send (self->server->outbox, send_one, self, error);
}

gboolean
server_save_fitting (PlantarRecords       *self,
                     PlantarFittingRecord *record,
                     GError              **error)
{
  g_autofree char *token = records_new_uid ();
  g_autofree char *uid = NULL;
  gint64 id, version;
  g_autoptr(GError) failed = NULL;

  follow_sent (self, record);
  id = record->id;
  version = record->version;
  if (record->uid == NULL)
    record->uid = records_new_uid ();
  uid = g_strdup (record->uid);
  /* a save lost with the connection is sent again with the same token:
   * the server holds it once */
  for (int attempt = 0; attempt < 3; attempt++)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      g_clear_error (&failed);
      if (write_once (self, record, now, token, _("saving the fitting"), &failed))
        {
          record->modified = now;
          /* this save is newer than any kept here before of the same fitting */
          outbox_forget (self->server->outbox, record->uid);
          return TRUE;
        }
      record->id = id;
      record->version = version;
      record->copy_of = 0;
      g_free (record->uid);
      record->uid = g_strdup (uid);
      if (!is_lost (failed))
        {
          g_propagate_error (error, g_steal_pointer (&failed));
          return FALSE;
        }
      if (!ensure_connected (self, TRUE, NULL))
        break;
    }
  /* the server out of reach: kept on this computer, sent when it is back */
  g_debug ("kept on this computer: %s", failed ? failed->message : "?");
  if (!outbox_keep (self->server->outbox, record, token, error))
    return FALSE;
  record->pending = TRUE;
  return TRUE;
}

/* ------------------------------------------------------------ checks */

gboolean
server_check (PlantarRecords *self,
              GError        **error)
{
  int version;

  if (!ensure_connected (self, TRUE, error))
    return FALSE;
  version = read_version (self, error);
  if (version < 0)
    return FALSE;
  if (version != PLANTAR_RECORDS_SCHEMA_VERSION)
    {
      g_autofree char *where = describe (self);
      g_set_error (error, PLANTAR_RECORDS_ERROR,
                   version > PLANTAR_RECORDS_SCHEMA_VERSION ? PLANTAR_RECORDS_ERROR_TOO_NEW : PLANTAR_RECORDS_ERROR_CORRUPT,
                   _("The records on the server (%s) are at schema %d; this Plantar knows %d"), where, version,
                   PLANTAR_RECORDS_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

GArray *
server_damaged_fittings (PlantarRecords *self,
                         GError        **error)
{
  PGresult *res = run (self, "SELECT id FROM fittings ORDER BY id", 0, NULL, NULL, NULL, 0, _("checking the fittings"),
                       error);
  GArray *ids;

  if (res == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (int row = 0; row < PQntuples (res); row++)
    {
      gint64 id = value_int (res, row, 0);
      g_autoptr(GError) failed = NULL;
      g_autoptr(PlantarFittingRecord) record = server_load_fitting (self, id, TRUE, &failed);

      if (record != NULL)
        continue;
      if (!g_error_matches (failed, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT) &&
          !g_error_matches (failed, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_NOT_FOUND))
        {
          PQclear (res);
          g_array_unref (ids);
          g_propagate_error (error, g_steal_pointer (&failed));
          return NULL;
        }
      if (g_error_matches (failed, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_CORRUPT))
        g_array_append_val (ids, id);
    }
  PQclear (res);
  return ids;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "plantar-keyring.h"
#include "plantar-records.h"

static const SecretSchema *
records_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Records", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

/* "postgresql://user@host:port/database", whatever its sslmode */
static char *
server_key (const char *address)
{
  g_autofree char *host = NULL, *database = NULL, *user = NULL, *sslmode = NULL;
  guint port;

  if (!plantar_records_server_address_split (address, &host, &port, &database, &user, &sslmode, NULL))
    return g_strdup (address);
  return plantar_records_server_address_build (host, port, database, user, NULL);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error == NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * plantar_keyring_store_async:
 * @password: (nullable): the password, or %NULL or "" to forget it
 */
void
plantar_keyring_store_async (const char          *address,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *key = server_key (address);
  g_autofree char *label = NULL;

  if (password == NULL || *password == '\0')
    {
      secret_password_clear (records_schema (), cancellable, cleared_cb, task, "server", key, NULL);
      return;
    }
  /* TRANSLATORS: the keyring's label of the password; %s is user@host/database */
  label = g_strdup_printf (_("Plantar’s records on %s"), key + strlen ("postgresql://"));
  secret_password_store (records_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable, stored_cb, task,
                         "server", key, NULL);
}

gboolean
plantar_keyring_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
plantar_keyring_lookup (const char  *address,
                        GError     **error)
{
  g_autofree char *key = server_key (address);
  g_autoptr(GError) failed = NULL;
  char *password = secret_password_lookup_sync (records_schema (), NULL, &failed, "server", key, NULL);
  char *copy;

  if (failed != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The password could not be read from the keyring: %s"),
                   failed->message);
      return NULL;
    }
  if (password == NULL)
    return NULL;
  copy = g_strdup (password);
  secret_password_free (password);
  return copy;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The password of the records' server, in the desktop's keyring (the
 * Secret Service: GNOME Keyring, KWallet), never in the settings or a
 * file. Kept under the server's user, host, port and database, so that
 * its encryption setting can change without the password being lost.
 */

void      plantar_keyring_store_async  (const char          *address,
                                        const char          *password,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  plantar_keyring_store_finish (GAsyncResult        *result,
                                        GError             **error);
/* NULL without an error: none is kept (a server that asks for none) */
char     *plantar_keyring_lookup       (const char          *address,
                                        GError             **error);

G_END_DECLS

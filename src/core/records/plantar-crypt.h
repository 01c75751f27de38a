/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A file sealed with a passphrase, for backups that leave the computer:
 * the key is drawn from the passphrase by Argon2id (libsodium's
 * crypto_pwhash, its "moderate" cost), the file encrypted and
 * authenticated by XChaCha20-Poly1305 in chunks (crypto_secretstream),
 * so that a wrong passphrase, a changed byte, a chunk moved or a file cut
 * short is an error, never a wrong backup.
 */

gboolean plantar_crypt_is_sealed  (const char  *path);
gboolean plantar_crypt_seal       (const char  *plain_path,
                                   const char  *sealed_path,
                                   const char  *passphrase,
                                   GError     **error);
gboolean plantar_crypt_open       (const char  *sealed_path,
                                   const char  *plain_path,
                                   const char  *passphrase,
                                   GError     **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>

#include "plantar-crypt.h"
#include "plantar-records.h"

/* The file: MAGIC, the salt, the cost (ops, mem: two little-endian
 * 64-bit numbers), the stream's header, then chunks of a 32-bit
 * little-endian length and that many bytes, the last one tagged final. */
#define MAGIC "PLANTAR-SEALED-1"
#define MAGIC_LEN 16
#define CHUNK (64 * 1024)

gboolean
plantar_crypt_is_sealed (const char *path)
{
  char head[MAGIC_LEN];
  FILE *f = g_fopen (path, "rb");
  gboolean sealed;

  if (f == NULL)
    return FALSE;
  sealed = fread (head, 1, MAGIC_LEN, f) == MAGIC_LEN && memcmp (head, MAGIC, MAGIC_LEN) == 0;
  fclose (f);
  return sealed;
}

static gboolean
crypt_error (GError    **error,
             int         code,
             const char *message)
{
  g_set_error_literal (error, PLANTAR_RECORDS_ERROR, code, message);
  return FALSE;
}

static gboolean
ready (GError **error)
{
  if (sodium_init () < 0)
    return crypt_error (error, PLANTAR_RECORDS_ERROR_IO, _("The encryption library could not start"));
  return TRUE;
}

static gboolean
derive_key (guint8       key[crypto_secretstream_xchacha20poly1305_KEYBYTES],
            const char  *passphrase,
            const guint8 salt[crypto_pwhash_SALTBYTES],
            guint64      ops,
            guint64      mem,
            GError     **error)
{
  if (crypto_pwhash (key, crypto_secretstream_xchacha20poly1305_KEYBYTES, passphrase, strlen (passphrase), salt, ops,
                     mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return crypt_error (error, PLANTAR_RECORDS_ERROR_IO, _("Not enough memory to draw the key from the passphrase"));
  return TRUE;
}

static void
put64 (guint8  *p,
       guint64  v)
{
  for (int i = 0; i < 8; i++)
    p[i] = v >> (8 * i);
}

static guint64
get64 (const guint8 *p)
{
  guint64 v = 0;

  for (int i = 7; i >= 0; i--)
    v = v << 8 | p[i];
  return v;
}

/**
 * plantar_crypt_seal:
 *
 * Writes @plain_path sealed with @passphrase to @sealed_path (0600,
 * through a temporary file renamed into place).
 */
gboolean
plantar_crypt_seal (const char  *plain_path,
                    const char  *sealed_path,
                    const char  *passphrase,
                    GError     **error)
{
  g_autofree char *plain = NULL;
  gsize length = 0;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guint8 salt[crypto_pwhash_SALTBYTES];
  guint8 header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  guint8 head[MAGIC_LEN + crypto_pwhash_SALTBYTES + 16];
  crypto_secretstream_xchacha20poly1305_state state;
  guint64 ops = crypto_pwhash_OPSLIMIT_MODERATE, mem = crypto_pwhash_MEMLIMIT_MODERATE;
  g_autoptr(GByteArray) out = NULL;
  gsize at = 0;
  gboolean ok;

  if (!ready (error))
    return FALSE;
  if (passphrase == NULL || g_utf8_strlen (passphrase, -1) < 8)
    return crypt_error (error, PLANTAR_RECORDS_ERROR_INVALID, _("A passphrase needs 8 characters or more"));
  if (!g_file_get_contents (plain_path, &plain, &length, error))
    return FALSE;
  randombytes_buf (salt, sizeof salt);
  if (!derive_key (key, passphrase, salt, ops, mem, error))
    return FALSE;
  crypto_secretstream_xchacha20poly1305_init_push (&state, header, key);
  sodium_memzero (key, sizeof key);

  out = g_byte_array_sized_new (length + length / CHUNK * 24 + 256);
  memcpy (head, MAGIC, MAGIC_LEN);
  memcpy (head + MAGIC_LEN, salt, sizeof salt);
  put64 (head + MAGIC_LEN + sizeof salt, ops);
  put64 (head + MAGIC_LEN + sizeof salt + 8, mem);
  g_byte_array_append (out, head, sizeof head);
  g_byte_array_append (out, header, sizeof header);
  do
    {
      gsize n = MIN (CHUNK, length - at);
      gboolean last = at + n >= length;
      guint8 size[4];
      guint8 *sealed;
      unsigned long long sealed_len;
      guint32 total = n + crypto_secretstream_xchacha20poly1305_ABYTES;

      for (int i = 0; i < 4; i++)
        size[i] = total >> (8 * i);
      g_byte_array_append (out, size, 4);
      g_byte_array_set_size (out, out->len + total);
      sealed = out->data + out->len - total;
      crypto_secretstream_xchacha20poly1305_push (&state, sealed, &sealed_len, (const guint8 *) plain + at, n, NULL, 0,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      at += n;
    }
  while (at < length);
  sodium_memzero (plain, length);
  ok = g_file_set_contents_full (sealed_path, (const char *) out->data, out->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, error);
  return ok;
}

/**
 * plantar_crypt_open:
 *
 * Writes the contents of @sealed_path, opened with @passphrase, to
 * @plain_path (0600). A wrong passphrase or any change to the file is an
 * error, and nothing is written.
 */
gboolean
plantar_crypt_open (const char  *sealed_path,
                    const char  *plain_path,
                    const char  *passphrase,
                    GError     **error)
{
  g_autofree guint8 *sealed = NULL;
  gsize length = 0, at;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  crypto_secretstream_xchacha20poly1305_state state;
  g_autoptr(GByteArray) plain = NULL;
  const gsize head = MAGIC_LEN + crypto_pwhash_SALTBYTES + 16;
  guint64 ops, mem;
  gboolean final = FALSE;
  gboolean ok;

  if (!ready (error))
    return FALSE;
  if (!g_file_get_contents (sealed_path, (char **) &sealed, &length, error))
    return FALSE;
  if (length < head + crypto_secretstream_xchacha20poly1305_HEADERBYTES || memcmp (sealed, MAGIC, MAGIC_LEN) != 0)
    return crypt_error (error, PLANTAR_RECORDS_ERROR_INVALID, _("This is not a backup Plantar sealed with a passphrase"));
  ops = get64 (sealed + MAGIC_LEN + crypto_pwhash_SALTBYTES);
  mem = get64 (sealed + MAGIC_LEN + crypto_pwhash_SALTBYTES + 8);
  /* a cost no Plantar writes is a damaged or a hostile file */
  if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      mem < crypto_pwhash_MEMLIMIT_MIN || mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
    return crypt_error (error, PLANTAR_RECORDS_ERROR_INVALID, _("The sealed backup is damaged (its header)"));
  if (!derive_key (key, passphrase ? passphrase : "", sealed + MAGIC_LEN, ops, mem, error))
    return FALSE;
  ok = crypto_secretstream_xchacha20poly1305_init_pull (&state, sealed + head, key) == 0;
  sodium_memzero (key, sizeof key);
  if (!ok)
    return crypt_error (error, PLANTAR_RECORDS_ERROR_INVALID, _("The sealed backup is damaged (its header)"));

  plain = g_byte_array_sized_new (length);
  at = head + crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  while (at < length && !final)
    {
      guint32 total;
      unsigned long long n;
      guint8 tag;

      if (length - at < 4)
        break;
      total = sealed[at] | sealed[at + 1] << 8 | sealed[at + 2] << 16 | (guint32) sealed[at + 3] << 24;
      at += 4;
      if (total < crypto_secretstream_xchacha20poly1305_ABYTES || total > CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES ||
          total > length - at)
        break;
      g_byte_array_set_size (plain, plain->len + total);
      if (crypto_secretstream_xchacha20poly1305_pull (&state, plain->data + plain->len - total, &n, &tag, sealed + at,
                                                      total, NULL, 0) != 0)
        {
          sodium_memzero (plain->data, plain->len);
          return crypt_error (error, PLANTAR_RECORDS_ERROR_INVALID,
                              _("Wrong passphrase, or the sealed backup was changed"));
        }
      g_byte_array_set_size (plain, plain->len - total + n);
      at += total;
      final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    }
  if (!final || at != length)
    {
      sodium_memzero (plain->data, plain->len);
      return crypt_error (error, PLANTAR_RECORDS_ERROR_INVALID, _("The sealed backup is cut short or damaged"));
    }
  ok = g_file_set_contents_full (plain_path, (const char *) plain->data, plain->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, error);
  sodium_memzero (plain->data, plain->len);
  return ok;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "plantar-crypt.h"
#include "plantar-records-private.h"

/*
 * A customer's export as one sealed file, for one that leaves the
 * computer: the export's folder (customer.json, measurements.csv, scans/)
 * packed into a bundle and sealed with a passphrase (plantar-crypt.h).
 * Nothing of it is on the disk in the clear but a folder beside the
 * records, readable by the user alone, removed at once.
 *
 * The bundle: "PLANTAR-BUNDLE 1\n", then for each file a 16-bit
 * little-endian name length, the name, a 64-bit length and the bytes;
 * a zero name length ends it. Unpacking takes only the export's own
 * names (customer.json, measurements.csv, scans/NAME), each once, and
 * never more bytes than the bundle holds.
 */

#define BUNDLE_MAGIC "PLANTAR-BUNDLE 1\n"
#define MAX_ENTRIES  100000
#define MAX_NAME     255

static gboolean
bundle_error (GError    **error,
              const char *what)
{
  g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID,
               _("Not a sealed Plantar export: %s"), what);
  return FALSE;
}

static void
put_entry (GByteArray   *out,
           const char   *name,
           const guint8 *data,
           guint64       size)
{
  guint16 n = GUINT16_TO_LE ((guint16) strlen (name));
  guint64 s = GUINT64_TO_LE (size);

  g_byte_array_append (out, (const guint8 *) &n, 2);
  g_byte_array_append (out, (const guint8 *) name, strlen (name));
  g_byte_array_append (out, (const guint8 *) &s, 8);
  g_byte_array_append (out, data, size);
}

static gboolean
pack_file (GByteArray *out,
           const char *dir,
           const char *name,
           GError    **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;
  gsize size;

  if (!g_file_get_contents (path, &data, &size, error))
    return FALSE;
  put_entry (out, name, (const guint8 *) data, size);
  return TRUE;
}

/* The export in @dir as a bundle */
static GByteArray *
pack (const char *dir,
      GError    **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *scans = g_build_filename (dir, "scans", NULL);
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint16 end = 0;

  g_byte_array_append (out, (const guint8 *) BUNDLE_MAGIC, strlen (BUNDLE_MAGIC));
  if (!pack_file (out, dir, "customer.json", error) || !pack_file (out, dir, "measurements.csv", error))
    return NULL;
  d = g_dir_open (scans, 0, error);
  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *entry = g_strdup_printf ("scans/%s", name);
      if (strlen (entry) > MAX_NAME || !pack_file (out, dir, entry, error))
        return NULL;
    }
  g_byte_array_append (out, (const guint8 *) &end, 2);
  return g_steal_pointer (&out);
}

static gboolean
valid_name (const char *name)
{
  const char *base;

  if (g_str_equal (name, "customer.json") || g_str_equal (name, "measurements.csv"))
    return TRUE;
  if (!g_str_has_prefix (name, "scans/"))
    return FALSE;
  base = name + strlen ("scans/");
  return *base != '\0' && strchr (base, '/') == NULL && strchr (base, '\\') == NULL && !g_str_equal (base, ".") &&
         !g_str_equal (base, "..");
}

static gboolean
write_new (const char   *dir,
           const char   *name,
           const guint8 *data,
           gsize         size,
           GError      **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  gsize done = 0;

  if (fd < 0)
    {
      int saved = errno;
      if (saved == EEXIST)
        return bundle_error (error, _("a file is in it twice"));
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO, _("Could not write “%s”: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  while (done < size)
    {
      gssize n = write (fd, data + done, size - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;
          close (fd);
          g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO, _("Could not write “%s”: %s"), path,
                       g_strerror (saved));
          return FALSE;
        }
      done += n;
    }
  return close (fd) == 0 || bundle_error (error, g_strerror (errno));
}

/**
 * records_bundle_unpack:
 * @dir: an empty folder of the user's alone
 *
 * The files of a bundle into @dir, or an error saying what is wrong with it.
 */
gboolean
records_bundle_unpack (const guint8 *data,
                       gsize         size,
                       const char   *dir,
                       GError      **error)
{
  gsize at = strlen (BUNDLE_MAGIC);
  g_autofree char *scans = g_build_filename (dir, "scans", NULL);
  gboolean has_customer = FALSE;

  if (size < at || memcmp (data, BUNDLE_MAGIC, at) != 0)
    return bundle_error (error, _("it does not start as one"));
  if (g_mkdir (scans, 0700) != 0 && errno != EEXIST)
    return bundle_error (error, g_strerror (errno));
  for (guint entries = 0;; entries++)
    {
      guint16 n;
      guint64 length;
      g_autofree char *name = NULL;

      if (size - at < 2)
        return bundle_error (error, _("it stops before its end"));
      memcpy (&n, data + at, 2);
      n = GUINT16_FROM_LE (n);
      at += 2;
      if (n == 0)
        break;
      if (entries >= MAX_ENTRIES)
        return bundle_error (error, _("it holds too many files"));
      if (n > MAX_NAME || size - at < (gsize) n + 8)
        return bundle_error (error, _("a file's name runs past its end"));
      name = g_strndup ((const char *) data + at, n);
      if (strlen (name) != n || !g_utf8_validate (name, -1, NULL) || !valid_name (name))
        return bundle_error (error, _("it holds a file that is not part of an export"));
      at += n;
      memcpy (&length, data + at, 8);
      length = GUINT64_FROM_LE (length);
      at += 8;
      if (length > size - at)
        return bundle_error (error, _("a file runs past its end"));
      if (!write_new (dir, name, data + at, length, error))
        return FALSE;
      has_customer |= g_str_equal (name, "customer.json");
      at += length;
    }
  if (at != size)
    return bundle_error (error, _("there is more after its end"));
  if (!has_customer)
    return bundle_error (error, _("it holds no customer.json"));
  return TRUE;
}

/* A folder beside the records for the export in the clear, 0700 */
static char *
scratch_dir (PlantarRecords *self,
             const char     *what,
             GError        **error)
{
  g_autofree char *parent = g_path_get_dirname (self->path);
  g_autofree char *templ = g_strdup_printf (".%s-XXXXXX", what);
  g_autofree char *pattern = g_build_filename (parent, templ, NULL);
  char *dir = g_mkdtemp_full (pattern, 0700);

  if (dir == NULL)
    {
      int saved = errno;
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO, _("Could not make a folder beside the "
                   "records: %s"), g_strerror (saved));
      return NULL;
    }
  g_steal_pointer (&pattern);
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autofree char *scans = g_build_filename (dir, "scans", NULL);
  const char *names[] = { "customer.json", "measurements.csv", "bundle" };
  g_autoptr(GDir) d = g_dir_open (scans, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (scans, name, NULL);
      g_unlink (path);
    }
  g_rmdir (scans);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/**
 * plantar_records_export_customer_sealed:
 * @path: the file to write, sealed with @passphrase
 *
 * The customer's export (as plantar_records_export_customer() writes it)
 * as one file that only the passphrase opens.
 */
gboolean
plantar_records_export_customer_sealed (PlantarRecords *self,
                                        gint64          id,
                                        const char     *path,
                                        const char     *passphrase,
                                        GError        **error)
{
  g_autofree char *dir = scratch_dir (self, "export", error);
  g_autofree char *bundle_path = NULL;
  g_autoptr(GByteArray) bundle = NULL;
  gboolean ok = FALSE;

  if (dir == NULL)
    return FALSE;
  bundle_path = g_build_filename (dir, "bundle", NULL);
  if (plantar_records_export_customer (self, id, dir, error) && (bundle = pack (dir, error)) != NULL &&
      g_file_set_contents_full (bundle_path, (const char *) bundle->data, bundle->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                0600, error))
    ok = plantar_crypt_seal (bundle_path, path, passphrase, error);
  if (bundle != NULL)
    memset (bundle->data, 0, bundle->len);
  remove_tree (dir);
  return ok;
}

/**
 * plantar_records_import_customer_sealed:
 * @path: an export's folder, or a sealed export's file
 * @passphrase: (nullable): the sealed file's
 *
 * Returns: the new customer's id, or 0 with an error (a sealed file
 *   without its passphrase, or with a wrong one, says so)
 */
gint64
plantar_records_import_customer_sealed (PlantarRecords *self,
                                        const char     *path,
                                        const char     *passphrase,
                                        GError        **error)
{
  g_autofree char *dir = NULL, *plain = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;
  gint64 id = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return plantar_records_import_customer (self, path, error);
  if (!plantar_crypt_is_sealed (path))
    {
      bundle_error (error, _("it is neither an export's folder nor a sealed export"));
      return 0;
    }
  if (passphrase == NULL)
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_INVALID,
                   _("This export is sealed with a passphrase"));
      return 0;
    }
  if ((dir = scratch_dir (self, "import", error)) == NULL)
    return 0;
  plain = g_build_filename (dir, "bundle", NULL);
  if (plantar_crypt_open (path, plain, passphrase, error) && g_file_get_contents (plain, &data, &size, error) &&
      records_bundle_unpack ((const guint8 *) data, size, dir, error))
    id = plantar_records_import_customer (self, dir, error);
  if (data != NULL)
    memset (data, 0, size);
  remove_tree (dir);
  return id;
}

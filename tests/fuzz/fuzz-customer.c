/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Any bytes as a customer's export: a sealed export's bundle (when they
 * start as one) unpacked, or else customer.json, then imported into
 * records of the fuzzer's own. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "plantar-fuzz.h"
#include "plantar-records-private.h"

static PlantarRecords *records;
static char *root;

static void
empty_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          empty_folder (path);
          g_rmdir (path);
        }
      else
        g_unlink (path);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *export = NULL, *json = NULL, *scans = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  plantar_fuzz_init ();
  if (records == NULL)
    {
      g_autofree char *path = NULL;
      root = g_dir_make_tmp ("plantar-fuzz-customer-XXXXXX", NULL);
      g_assert_nonnull (root);
      path = g_build_filename (root, "records.db", NULL);
      records = plantar_records_open (path, &error);
      g_assert_no_error (error);
    }
  export = g_build_filename (root, "export", NULL);
  json = g_build_filename (export, "customer.json", NULL);
  scans = g_build_filename (export, "scans", NULL);
  empty_folder (export);
  g_mkdir_with_parents (scans, 0700);

  if (size >= 14 && memcmp (data, "PLANTAR-BUNDLE", 14) == 0)
    {
      if (!records_bundle_unpack (data, size, export, &error))
        {
          g_assert_nonnull (error);
          return 0;
        }
    }
  else
    g_assert_true (g_file_set_contents (json, (const char *) data, size, NULL));
  id = plantar_records_import_customer (records, export, &error);
  /* a customer, or a refusal that says why: never both, never neither */
  g_assert ((id > 0) != (error != NULL));
  return 0;
}

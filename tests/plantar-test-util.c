/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-test"

#include "config.h"

#include <string.h>

#include "plantar-test-util.h"

/* The real vendor exports live beside the checkout, in ../shared/fixtures/pressure/.
 * They are read from there and never copied into the project. */
char *
plantar_test_fixture (const char *name)
{
  const char *shared = g_getenv ("PLANTAR_SHARED_DIR");
  char *path;

  g_assert_nonnull (shared);
  path = g_build_filename (shared, "fixtures", "pressure", name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("fixture %s is missing: the tests need ../shared/fixtures/pressure beside the checkout", path);
  return path;
}

GBytes *
plantar_test_read_fixture (const char *name)
{
  g_autofree char *path = plantar_test_fixture (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

char *
plantar_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("plantar-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

char *
plantar_test_write (const char *dir,
                    const char *name,
                    const void *data,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

GPtrArray *
plantar_test_import_bytes (const void                 *data,
                           gsize                       length,
                           const PlantarImportOptions *options,
                           GError                    **error)
{
  /* a copy that ends where the data ends, so ASan sees every overread */
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  return plantar_import_bytes (bytes, "test-file", options, error);
}

PlantarScan *
plantar_test_import_one (const char                 *path,
                         const PlantarImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_import_file (path, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scans);
  g_assert_cmpuint (scans->len, ==, 1);
  return plantar_scan_ref (g_ptr_array_index (scans, 0));
}

/* Importing @data must fail with @code and a message holding @fragment. */
void
plantar_test_assert_import_error (const void *data,
                                  gsize       length,
                                  int         code,
                                  const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = plantar_test_import_bytes (data, length, NULL, &error);

  if (scans != NULL)
    g_error ("expected error %d (“%s”), but this was accepted:\n%.*s", code, fragment ? fragment : "",
             (int) MIN (length, 2000), (const char *) data);
  g_assert_error (error, PLANTAR_IMPORT_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in the message: %s", fragment, error->message);
  /* every message names the file */
  g_assert_nonnull (strstr (error->message, "“test-file”"));
}

void
plantar_test_rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        plantar_test_rm_rf (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

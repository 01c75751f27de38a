/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs a fuzz target over files, without libFuzzer: the inputs fuzzing
 * once found stay regression tests in every build. */
#include "config.h"

#include <glib.h>

#include "plantar-fuzz.h"

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *data = NULL;
          gsize length;

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || !g_file_get_contents (path, &data, &length, NULL))
            continue;
          LLVMFuzzerTestOneInput ((const guint8 *) data, length);
          n++;
        }
    }
  g_print ("%u inputs replayed\n", n);
  return n > 0 ? 0 : 1;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-scale-memory"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>

#include "plantar-scale-memory.h"

#define GROUP_PREFIX "scan "
#define MAX_ENTRIES  2000   /* the oldest go first beyond this */

/**
 * plantar_scan_content_digest:
 *
 * SHA-256 of what the scan holds: its size and its pixels (an image) or
 * its values (a grid, every frame). Two files with the same content have
 * the same digest whatever they are called.
 *
 * Returns: (transfer full): the digest in hex
 */
char *
plantar_scan_content_digest (const PlantarScan *scan)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint32 size[3] = { plantar_scan_get_width (scan), plantar_scan_get_height (scan),
                      plantar_scan_get_n_frames (scan) };
  gsize cells = (gsize) size[0] * size[1];

  g_checksum_update (sum, (const guchar *) size, sizeof size);
  if (plantar_scan_get_pixels (scan) != NULL)
    g_checksum_update (sum, plantar_scan_get_pixels (scan), cells);
  else
    for (guint f = 0; f < size[2]; f++)
      g_checksum_update (sum, (const guchar *) plantar_scan_get_frame (scan, f), cells * sizeof (float));
  return g_strdup (g_checksum_get_string (sum));
}

static char *
memory_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "plantar", "scales.ini", NULL);
}

static GKeyFile *
memory_load (void)
{
  g_autofree char *path = memory_path ();
  GKeyFile *file = g_key_file_new ();

  /* a missing or damaged file remembers nothing; it is written anew */
  g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL);
  return file;
}

static gboolean
memory_save (GKeyFile  *file,
             GError   **error)
{
  g_autofree char *path = memory_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  gsize length;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  data = g_key_file_to_data (file, &length, NULL);
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/**
 * plantar_scale_memory_lookup:
 *
 * Returns: whether a scale was given for this content before
 */
gboolean
plantar_scale_memory_lookup (const char *digest,
                             double     *cell_width_mm,
                             double     *cell_height_mm)
{
  g_autoptr(GKeyFile) file = memory_load ();
  g_autofree char *group = g_strconcat (GROUP_PREFIX, digest, NULL);
  double w = g_key_file_get_double (file, group, "cell-width-mm", NULL);
  double h = g_key_file_get_double (file, group, "cell-height-mm", NULL);

  /* what a hand-edited file says is checked like any input */
  if (!isfinite (w) || !isfinite (h) || w <= 0 || h <= 0 || w > 100 || h > 100)
    return FALSE;
  *cell_width_mm = w;
  *cell_height_mm = h;
  return TRUE;
}

gboolean
plantar_scale_memory_store (const char *digest,
                            double      cell_width_mm,
                            double      cell_height_mm,
                            GError    **error)
{
  g_autoptr(GKeyFile) file = memory_load ();
  g_autofree char *group = g_strconcat (GROUP_PREFIX, digest, NULL);
  gsize n_groups = 0;
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (cell_width_mm > 0 && cell_height_mm > 0, FALSE);
  /* the newest last: removed and added again */
  g_key_file_remove_group (file, group, NULL);
  groups = g_key_file_get_groups (file, &n_groups);
  for (gsize i = 0; n_groups >= MAX_ENTRIES && i <= n_groups - MAX_ENTRIES; i++)
    g_key_file_remove_group (file, groups[i], NULL);
  g_key_file_set_double (file, group, "cell-width-mm", cell_width_mm);
  g_key_file_set_double (file, group, "cell-height-mm", cell_height_mm);
  return memory_save (file, error);
}

gboolean
plantar_scale_memory_forget (const char *digest,
                             GError    **error)
{
  g_autoptr(GKeyFile) file = memory_load ();
  g_autofree char *group = g_strconcat (GROUP_PREFIX, digest, NULL);

  if (!g_key_file_remove_group (file, group, NULL))
    return TRUE;
  return memory_save (file, error);
}

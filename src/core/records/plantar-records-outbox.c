/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "plantar-records-private.h"

/*
 * The fittings saved while the server was out of reach: one file each in
 * a folder of the user's alone, named by the fitting's uid (a later save
 * of the same fitting replaces it), written whole and synced before the
 * save is reported, removed only once the server has the fitting. A file
 * that cannot be read is set aside, never removed.
 */

#define OUTBOX_TYPE "(ssxxxxmsmsssmsmsmsa(sayddd))"
#define SUFFIX ".fitting"

static char *
entry_path (const char *directory,
            const char *uid)
{
  g_autofree char *name = g_strconcat (uid, SUFFIX, NULL);

  /* a uid is Plantar's own; anything with a separator in it is not */
  if (strchr (uid, G_DIR_SEPARATOR) != NULL || *uid == '.')
    return NULL;
  return g_build_filename (directory, name, NULL);
}

static GVariant *
record_to_variant (const PlantarFittingRecord *record,
                   const char                 *token)
{
  g_autofree char *answers = records_answers_to_text (&record->answers);
  g_autofree char *state = records_node_to_text (record->state);
  g_autofree char *measurements = records_node_to_text (record->measurements);
  GVariantBuilder scans;

  g_variant_builder_init (&scans, G_VARIANT_TYPE ("a(sayddd)"));
  for (guint i = 0; i < record->scans->len; i++)
    {
      PlantarStoredScan *scan = g_ptr_array_index (record->scans, i);
      g_variant_builder_add (&scans, "(s@ayddd)", scan->name ? scan->name : "",
                             g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, scan->bytes, TRUE),
                             scan->cell_width_mm, scan->cell_height_mm, scan->frame_ms);
    }
  return g_variant_new (OUTBOX_TYPE, record->uid, token, (gint64) record->id, (gint64) record->customer_id,
                        (gint64) record->version, (gint64) record->created, record->fitter, record->notes, answers,
                        state ? state : "{}", measurements, record->summary, record->suggestion, &scans);
}

static PlantarFittingRecord *
record_from_variant (GVariant *v,
                     char    **token)
{
  PlantarFittingRecord *record = plantar_fitting_record_new ();
  g_autofree char *answers = NULL, *state = NULL, *measurements = NULL;
  g_autoptr(GVariantIter) scans = NULL;
  gint64 id, customer_id, version, created;
  const char *name;
  GVariant *bytes;
  double w, h, ms;

  g_variant_get (v, OUTBOX_TYPE, &record->uid, token, &id, &customer_id, &version, &created, &record->fitter,
                 &record->notes, &answers, &state, &measurements, &record->summary, &record->suggestion, &scans);
  record->id = id;
  record->customer_id = customer_id;
  record->version = version;
  record->created = created;
  records_answers_from_text (&record->answers, answers);
  record->state = records_text_to_node (state);
  record->measurements = records_text_to_node (measurements);
  while (g_variant_iter_next (scans, "(&s@ayddd)", &name, &bytes, &w, &h, &ms))
    {
      PlantarStoredScan *scan = g_new0 (PlantarStoredScan, 1);
      scan->name = g_strdup (name);
      scan->bytes = g_variant_get_data_as_bytes (bytes);
      scan->cell_width_mm = w;
      scan->cell_height_mm = h;
      scan->frame_ms = ms;
      g_variant_unref (bytes);
      g_ptr_array_add (record->scans, scan);
    }
  return record;
}

gboolean
outbox_keep (const char                 *directory,
             const PlantarFittingRecord *record,
             const char                 *token,
             GError                    **error)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (record_to_variant (record, token));
  g_autofree char *path = entry_path (directory, record->uid);
  g_autoptr(GError) failed = NULL;

  if (path == NULL || g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO,
                   _("The server is out of reach and the fitting could not be kept on this computer either (%s): %s"),
                   directory, g_strerror (saved));
      return FALSE;
    }
  g_chmod (directory, 0700);
  if (!g_file_set_contents_full (path, g_variant_get_data (v), g_variant_get_size (v),
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, &failed))
    {
      g_set_error (error, PLANTAR_RECORDS_ERROR,
                   g_error_matches (failed, G_FILE_ERROR, G_FILE_ERROR_NOSPC) ? PLANTAR_RECORDS_ERROR_FULL
                                                                             : PLANTAR_RECORDS_ERROR_IO,
                   _("The server is out of reach and the fitting could not be kept on this computer either: %s"),
                   failed->message);
      return FALSE;
    }
  return TRUE;
}

void
outbox_forget (const char *directory,
               const char *uid)
{
  g_autofree char *path = uid ? entry_path (directory, uid) : NULL;

  if (path != NULL)
    g_unlink (path);
}

/* The waiting files, oldest first (the order they were saved in). */
static GPtrArray *
list_entries (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, SUFFIX))
      g_ptr_array_add (paths, g_build_filename (directory, name, NULL));
  /* by modification time, then name */
  for (guint i = 1; i < paths->len; i++)
    for (guint j = i; j > 0; j--)
      {
        GStatBuf a, b;
        const char *pa = g_ptr_array_index (paths, j - 1), *pb = g_ptr_array_index (paths, j);
        if (g_stat (pa, &a) != 0 || g_stat (pb, &b) != 0 ||
            a.st_mtime < b.st_mtime || (a.st_mtime == b.st_mtime && strcmp (pa, pb) <= 0))
          break;
        paths->pdata[j - 1] = (gpointer) pb;
        paths->pdata[j] = (gpointer) pa;
      }
  return paths;
}

guint
outbox_count (const char *directory)
{
  g_autoptr(GPtrArray) paths = list_entries (directory);

  return paths->len;
}

int
outbox_send (const char *directory,
             gboolean  (*send) (PlantarFittingRecord *record,
                                const char           *token,
                                gpointer              data,
                                GError              **error),
             gpointer    data,
             GError    **error)
{
  g_autoptr(GPtrArray) paths = list_entries (directory);
  int sent = 0;

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GVariant) v = NULL;
      g_autoptr(PlantarFittingRecord) record = NULL;
      g_autofree char *token = NULL, *contents = NULL;
      gsize size;

      if (!g_file_get_contents (path, &contents, &size, NULL))
        continue;
      bytes = g_bytes_new_take (g_steal_pointer (&contents), size);
      v = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (OUTBOX_TYPE), bytes, FALSE));
      if (!g_variant_is_normal_form (v))
        {
          g_autofree char *aside = g_strconcat (path, ".unreadable", NULL);
          g_warning ("A fitting kept for the server cannot be read; it is set aside as %s", aside);
          g_rename (path, aside);
          continue;
        }
      record = record_from_variant (v, &token);
      if (!send (record, token, data, error))
        return -1;
      g_unlink (path);
      sent++;
    }
  return sent;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-records"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "plantar-records-private.h"

/*
 * The write-ahead journal (records.db-wal) is replayed into the records
 * when they are opened: after a crash, it holds the last saves. A journal
 * that is not this file's (another SQLite file's, another Plantar's
 * records', an old copy) would be replayed just the same, and could make
 * every customer disappear. So the journal is vouched for: Plantar stamps
 * its records with an id of their own (the header's application id), and
 * keeps beside them, in records.db-walid, that id and the salts of the
 * journal it writes. A journal whose salts or file id do not match is set
 * aside, untouched, never replayed.
 *
 * The salts change only when the journal starts afresh. Plantar starts it
 * itself (checkpoints are its own, not SQLite's automatic ones): it
 * empties the journal, makes one small write that starts the new one, and
 * writes the new salts down before any save goes into it. A crash in
 * between sets aside a journal holding that small write alone.
 */

#define WAL_HEADER 32
#define WALID_SUFFIX "-walid"

static char *
sibling (PlantarRecords *self,
         const char     *suffix)
{
  return g_strconcat (self->path, suffix, NULL);
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* The records' own id, from the header of the file as it is on disk. */
static guint32
file_id (int fd)
{
  guint8 b[4];

  if (pread (fd, b, sizeof b, 68) != (ssize_t) sizeof b)
    return 0;
  return be32 (b);
}

/* The salts of the journal at @path; FALSE when it has no header. */
static gboolean
journal_salts (const char *path,
               guint32    *salt1,
               guint32    *salt2)
{
  guint8 h[WAL_HEADER];
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  ssize_t n;

  if (fd < 0)
    return FALSE;
  n = pread (fd, h, sizeof h, 0);
  close (fd);
  /* 0x377f0682 or 0x377f0683: SQLite's journal */
  if (n != (ssize_t) sizeof h || (be32 (h) & 0xfffffffe) != 0x377f0682)
    return FALSE;
  *salt1 = be32 (h + 16);
  *salt2 = be32 (h + 20);
  return TRUE;
}

/**
 * records_vouch_journal:
 * @fd: the records file, open
 * @set_aside: (out): where a journal that is not theirs went, or %NULL
 *
 * Before SQLite opens the records: a journal beside them that is not
 * theirs is moved aside with its index (-shm), untouched.
 */
gboolean
records_vouch_journal (PlantarRecords  *self,
                       int              fd,
                       char           **set_aside,
                       GError         **error)
{
  g_autofree char *wal = sibling (self, "-wal");
  g_autofree char *shm = sibling (self, "-shm");
  g_autofree char *walid = sibling (self, WALID_SUFFIX);
  g_autofree char *stamp_text = NULL;
  guint32 id = file_id (fd), salt1 = 0, salt2 = 0, known[3] = { 0, 0, 0 };
  gboolean has_header, vouched = FALSE;
  GStatBuf st;

  *set_aside = NULL;
  if (g_lstat (wal, &st) != 0 || (S_ISREG (st.st_mode) && st.st_size == 0))
    return TRUE;
  has_header = S_ISREG (st.st_mode) && journal_salts (wal, &salt1, &salt2);
  if (g_file_get_contents (walid, &stamp_text, NULL, NULL) &&
      sscanf (stamp_text, "%" G_GUINT32_FORMAT " %" G_GUINT32_FORMAT " %" G_GUINT32_FORMAT,
              &known[0], &known[1], &known[2]) == 3)
    vouched = has_header && id != 0 && known[0] == id && known[1] == salt1 && known[2] == salt2;
  else if (id == 0 && has_header)
    /* records of a Plantar that did not stamp them yet, after a crash:
     * their journal is trusted once, then they are stamped */
    vouched = TRUE;
  if (vouched)
    return TRUE;

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *when = g_date_time_format (now, "%Y%m%d-%H%M%S");
    g_autofree char *aside = g_strdup_printf ("%s-wal.not-these-records-%s", self->path, when);
    g_autofree char *shm_aside = g_strdup_printf ("%s-shm.not-these-records-%s", self->path, when);

    if (g_rename (wal, aside) != 0)
      {
        int saved = errno;
        g_set_error (error, PLANTAR_RECORDS_ERROR, PLANTAR_RECORDS_ERROR_IO,
                     _("A journal beside the records is not theirs and could not be moved aside: %s"),
                     g_strerror (saved));
        return FALSE;
      }
    if (g_file_test (shm, G_FILE_TEST_EXISTS))
      g_rename (shm, shm_aside);
    g_message ("The journal beside %s is not theirs: set aside as %s", self->path, aside);
    *set_aside = g_steal_pointer (&aside);
  }
  return TRUE;
}

/* Plantar checkpoints the journal itself: SQLite's automatic checkpoints
 * would start new journals it has not vouched for. */
static int
wal_hook_cb (void       *data,
             sqlite3    *db,
             const char *name,
             int         pages)
{
  PlantarRecords *self = data;

  self->journal_pages = pages;
  return SQLITE_OK;
}

/**
 * records_restart_journal:
 *
 * Empties the journal into the records, starts a new one with a small
 * write, and writes down its salts before any save goes into it. The
 * records are stamped with an id of their own first if they have none.
 */
gboolean
records_restart_journal (PlantarRecords *self,
                         GError        **error)
{
  g_autofree char *wal = sibling (self, "-wal");
  g_autofree char *walid = sibling (self, WALID_SUFFIX);
  g_autofree char *text = NULL;
  guint32 id, salt1, salt2;
  int rc;

  sqlite3_wal_hook (self->db, wal_hook_cb, self);
  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  if (rc != SQLITE_OK)
    /* a reader holds the journal: it is started afresh another time */
    return rc == SQLITE_BUSY || records_sql_error (self, rc, _("writing the records"), error);
  /* the header on the disk now says what the records are (after a
   * restore, the backup's): stamped if it has no id of its own */
  if (file_id (self->lock_fd) == 0)
    {
      /* random, never 0 */
      g_autofree char *set = g_strdup_printf ("PRAGMA application_id = %d",
                                              (int) (g_random_int_range (1, G_MAXINT32)));
      if (!records_exec (self, set, _("opening the records"), error))
        return FALSE;
      rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      if (rc != SQLITE_OK)
        return rc == SQLITE_BUSY || records_sql_error (self, rc, _("writing the records"), error);
    }
  if (!records_exec (self, "INSERT OR REPLACE INTO session (key, value) VALUES ('journal-started', strftime('%s'))",
                     _("writing the records"), error))
    return FALSE;
  id = file_id (self->lock_fd);
  if (!journal_salts (wal, &salt1, &salt2))
    return TRUE;
  text = g_strdup_printf ("%" G_GUINT32_FORMAT " %" G_GUINT32_FORMAT " %" G_GUINT32_FORMAT "\n", id, salt1, salt2);
  self->journal_pages = 0;
  return g_file_set_contents_full (walid, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* After a save: a journal grown past a few megabytes is emptied into the
 * records and started again. */
gboolean
records_tend_journal (PlantarRecords *self,
                      GError        **error)
{
  if (self->journal_pages < 2000)
    return TRUE;
  return records_restart_journal (self, error);
}

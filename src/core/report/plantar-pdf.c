/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "plantar-pdf.h"

typedef struct {
  int     fd;
  GError *error;
} Sink;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  Sink *sink = closure;

  while (sink->error == NULL && length > 0)
    {
      ssize_t n = write (sink->fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;
          g_set_error (&sink->error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
          break;
        }
      data += n;
      length -= n;
    }
  return sink->error == NULL ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * plantar_pdf_write:
 *
 * The file is written beside @path under a name of its own and takes
 * @path's place only once whole: a full disk or a failed write leaves
 * what was there (or nothing, for a new file), never a truncated PDF.
 * A report holds health data: it is made readable by its owner alone.
 */
gboolean
plantar_pdf_write (const char         *path,
                   double              width,
                   double              height,
                   guint               n_pages,
                   const char         *title,
                   const char         *author,
                   PlantarPdfDrawFunc  draw,
                   gpointer            data,
                   GError            **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = NULL;
  Sink sink = { -1, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int fd;

  tmp = g_strdup_printf ("%s%s.%s.XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write in “%s”: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  sink.fd = fd;
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &sink, width, height);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Plantar " PACKAGE_VERSION);
  if (author != NULL && *author != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cr = cairo_create (surface);
  for (guint p = 0; p < n_pages; p++)
    {
      draw (cr, p, data);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* on the disk before it takes the name */
  if (status == CAIRO_STATUS_SUCCESS && sink.error == NULL && fsync (fd) != 0)
    {
      int saved = errno;
      g_set_error (&sink.error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
    }
  if (close (fd) != 0 && sink.error == NULL)
    {
      int saved = errno;
      g_set_error (&sink.error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
    }
  if (status != CAIRO_STATUS_SUCCESS || sink.error != NULL)
    {
      g_unlink (tmp);
      if (sink.error != NULL)
        g_propagate_error (error, sink.error);
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write “%s”: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

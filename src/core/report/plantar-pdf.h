/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Draws page @page of a document on @cr, in points. */
typedef void (*PlantarPdfDrawFunc) (cairo_t  *cr,
                                    guint     page,
                                    gpointer  data);

/* Writes @n_pages drawn by @draw as a PDF at @path, replacing the file
 * only once the PDF is whole; @error says what went wrong, for the caller
 * to say what it was writing. */
gboolean plantar_pdf_write (const char         *path,
                            double              width,
                            double              height,
                            guint               n_pages,
                            const char         *title,
                            const char         *author,
                            PlantarPdfDrawFunc  draw,
                            gpointer            data,
                            GError            **error);

G_END_DECLS

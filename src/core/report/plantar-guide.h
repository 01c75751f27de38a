/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "plantar-report.h"

G_BEGIN_DECLS

/*
 * "Measure at Home": how to make a print, photograph it and open it, on
 * one page, illustrated with pictures the synthetic feet draw. Shown in
 * the window and printed (or saved as a PDF) by the same code.
 */

typedef struct _PlantarGuide PlantarGuide;

PlantarGuide *plantar_guide_new         (void);
void          plantar_guide_free        (PlantarGuide *guide);
void          plantar_guide_draw_page   (PlantarGuide *guide,
                                         cairo_t      *cr,
                                         double        width,
                                         double        height);
gboolean      plantar_guide_write_pdf   (PlantarGuide *guide,
                                         PlantarPaper  paper,
                                         const char   *path,
                                         GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarGuide, plantar_guide_free)

G_END_DECLS

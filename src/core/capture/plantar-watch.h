/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "plantar-import.h"

G_BEGIN_DECLS

/*
 * A folder a plate's own software exports into: each scan file written
 * there is read once it is complete (its size and time have stopped
 * changing), never half-read; one that cannot be read is said once.
 */

typedef enum {
  PLANTAR_WATCH_DEFAULT      = 0,
  PLANTAR_WATCH_LISTING_ONLY = 1 << 0,
} PlantarWatchFlags;

#define PLANTAR_TYPE_WATCH (plantar_watch_get_type ())
G_DECLARE_FINAL_TYPE (PlantarWatch, plantar_watch, PLANTAR, WATCH, GObject)

PlantarWatch *plantar_watch_new         (GFile                      *folder,
                                         const PlantarImportOptions *options,
                                         GError                    **error);
PlantarWatch *plantar_watch_new_full    (GFile                      *folder,
                                         const PlantarImportOptions *options,
                                         PlantarWatchFlags           flags,
                                         GError                    **error);
GFile        *plantar_watch_get_folder  (PlantarWatch               *self);
void          plantar_watch_set_listing (PlantarWatch               *self,
                                         guint                       ms);
void          plantar_watch_set_settle  (PlantarWatch               *self,
                                         guint                       ms);
guint         plantar_watch_get_n_pending (PlantarWatch             *self);

G_END_DECLS

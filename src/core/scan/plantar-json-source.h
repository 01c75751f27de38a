/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * A JSON file a person may have written (a shop's rules, a clinic's
 * thresholds, an exported customer): read whole up to a size, checked to
 * be UTF-8 and no deeper than a few levels before it is parsed, and kept
 * as text so that an error can name the line of a field.
 */

/* Plantar's own files nest four levels; a file far deeper is not one. */
#define PLANTAR_JSON_MAX_DEPTH 32

typedef struct {
  char       *name;     /* how messages name the file */
  char       *text;     /* its text, nul-terminated */
  JsonParser *parser;
} PlantarJsonSource;

gboolean     plantar_json_source_load_data (PlantarJsonSource        *source,
                                            const char               *text,
                                            gssize                    length,
                                            const char               *name,
                                            GQuark                    domain,
                                            int                       code,
                                            GError                  **error);
gboolean     plantar_json_source_load_file (PlantarJsonSource        *source,
                                            const char               *path,
                                            gsize                     max_bytes,
                                            GQuark                    domain,
                                            int                       code,
                                            GError                  **error);
JsonObject  *plantar_json_source_get_root  (const PlantarJsonSource  *source);
/* The line where the last of @anchors is found, each looked for after the
 * one before it (a section, then an entry, then a field). */
guint        plantar_json_source_line      (const PlantarJsonSource  *source,
                                            const char * const       *anchors);
void         plantar_json_source_clear     (PlantarJsonSource        *source);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlantarJsonSource, plantar_json_source_clear)

/* A data file built into the core: "plantar-rules.json", ... */
GBytes      *plantar_core_get_builtin_data (const char               *name);
/* Where a shop's or a clinic's own copy of a data file goes:
 * ~/.config/plantar/@name */
char        *plantar_core_get_user_data_path (const char             *name);

/* @root as JSON text, its numbers in 15 significant digits (82.9, not
 * 82.900000000000006), or @exact: as few as give back the same double. */
char        *plantar_json_to_text          (JsonNode                 *root,
                                            gboolean                  pretty,
                                            gboolean                  exact);

G_END_DECLS

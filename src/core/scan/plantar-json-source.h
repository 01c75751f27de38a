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

/* Members and elements of a file a person may have written, whatever
 * they hold: the value when it is of the kind asked for (a number: an
 * integer or a finite double), else @fallback; never a GLib critical. */
JsonObject  *plantar_json_object           (JsonObject               *object,
                                            const char               *member);
JsonArray   *plantar_json_array            (JsonObject               *object,
                                            const char               *member);
const char  *plantar_json_string           (JsonObject               *object,
                                            const char               *member,
                                            const char               *fallback);
const char  *plantar_json_text             (JsonObject               *object,
                                            const char               *member,
                                            const char               *fallback);
/* "member": the text, or null without one */
void         plantar_json_add_string       (JsonBuilder              *builder,
                                            const char               *member,
                                            const char               *value);
double       plantar_json_number           (JsonObject               *object,
                                            const char               *member,
                                            double                    fallback);
gint64       plantar_json_int              (JsonObject               *object,
                                            const char               *member,
                                            gint64                    fallback);
JsonObject  *plantar_json_element_object   (JsonArray                *array,
                                            guint                     index);
double       plantar_json_element_number   (JsonArray                *array,
                                            guint                     index,
                                            double                    fallback);

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

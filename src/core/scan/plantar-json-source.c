/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-json-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-core-resources.h"
#include "plantar-json-source.h"
#include "plantar-locale.h"

static guint
line_at (const char *text,
         const char *at)
{
  guint line = 1;

  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return line;
}

/* Nesting deeper than PLANTAR_JSON_MAX_DEPTH, found before the parser
 * recurses into it: the line where it goes too deep, or 0. */
static guint
too_deep (const char *text)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        {
          if (++depth > PLANTAR_JSON_MAX_DEPTH)
            return line_at (text, p);
        }
      else if ((*p == '}' || *p == ']') && depth > 0)
        depth--;
    }
  return 0;
}

/**
 * plantar_json_source_load_data:
 * @domain, @code: the error of a file that is not a JSON object
 *
 * Returns: %TRUE when @source holds a JSON object; otherwise @error says
 *   what is wrong and where
 */
gboolean
plantar_json_source_load_data (PlantarJsonSource  *source,
                               const char         *text,
                               gssize              length,
                               const char         *name,
                               GQuark              domain,
                               int                 code,
                               GError            **error)
{
  g_autoptr(GError) json_error = NULL;
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  const char *bad = NULL;
  JsonNode *root;
  guint deep;

  memset (source, 0, sizeof *source);
  source->name = g_strdup (name);
  if (memchr (text, '\0', n) != NULL || !g_utf8_validate_len (text, n, &bad))
    {
      guint line = bad ? line_at (text, bad) : 0;
      g_set_error (error, domain, code, _("“%s”, line %u: not UTF-8 text; expected a JSON file"), name,
                   MAX (line, 1u));
      return FALSE;
    }
  source->text = g_strndup (text, n);
  if ((deep = too_deep (source->text)) > 0)
    {
      g_set_error (error, domain, code,
                   _("“%s”, line %u: nested more than %d levels deep; expected a JSON file of Plantar’s"),
                   name, deep, PLANTAR_JSON_MAX_DEPTH);
      return FALSE;
    }
  source->parser = json_parser_new ();
  if (!json_parser_load_from_data (source->parser, source->text, -1, &json_error))
    {
      g_set_error (error, domain, code, _("“%s”: %s"), name, json_error->message);
      return FALSE;
    }
  root = json_parser_get_root (source->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, domain, code, _("“%s”: expected a JSON object"), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * plantar_json_source_load_file:
 * @max_bytes: what a real file of its kind can be
 */
gboolean
plantar_json_source_load_file (PlantarJsonSource  *source,
                               const char         *path,
                               gsize               max_bytes,
                               GQuark              domain,
                               int                 code,
                               GError            **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) io_error = NULL;
  gsize length;

  memset (source, 0, sizeof *source);
  mapped = g_mapped_file_new (path, FALSE, &io_error);
  if (mapped == NULL)
    {
      g_set_error (error, domain, code, _("“%s” cannot be read: %s"), name, io_error->message);
      return FALSE;
    }
  length = g_mapped_file_get_length (mapped);
  if (length > max_bytes)
    {
      g_set_error (error, domain, code, _("“%s” is %zu bytes; a file of its kind is at most %zu"), name,
                   (size_t) length, (size_t) max_bytes);
      return FALSE;
    }
  return plantar_json_source_load_data (source, length ? g_mapped_file_get_contents (mapped) : "", length, name,
                                        domain, code, error);
}

JsonObject *
plantar_json_source_get_root (const PlantarJsonSource *source)
{
  return json_node_get_object (json_parser_get_root (source->parser));
}

guint
plantar_json_source_line (const PlantarJsonSource *source,
                          const char * const      *anchors)
{
  const char *at = source->text;

  for (guint i = 0; anchors[i] != NULL; i++)
    {
      const char *found = strstr (at, anchors[i]);
      if (found == NULL)
        break;
      at = found;
    }
  return line_at (source->text, at);
}

void
plantar_json_source_clear (PlantarJsonSource *source)
{
  g_clear_pointer (&source->name, g_free);
  g_clear_pointer (&source->text, g_free);
  g_clear_object (&source->parser);
}

/**
 * plantar_core_get_builtin_data:
 * @name: "plantar-thresholds.json", "plantar-rules.json"
 *
 * Returns: (transfer full)
 */
GBytes *
plantar_core_get_builtin_data (const char *name)
{
  g_autofree char *path = g_strconcat ("/io/github/plantar/Plantar/core/", name, NULL);
  GBytes *bytes;

  /* a static library would drop an automatic constructor */
  plantar_core_register_resource ();
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    g_error ("%s is not built into Plantar", name);
  return bytes;
}

char *
plantar_core_get_user_data_path (const char *name)
{
  return g_build_filename (g_get_user_config_dir (), "plantar", name, NULL);
}

/* A number in 15 significant digits, all a double holds for certain:
 * 33.3 rather than the 33.300000000000004 that rounding to a tenth gives;
 * @exact, in as few more as read back as the same double. */
static void
append_number (GString    *out,
               const char *token,
               gsize       length,
               gboolean    exact)
{
  g_autofree char *copy = g_strndup (token, length);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double value = g_ascii_strtod (copy, NULL);

  if (strpbrk (copy, ".eE") == NULL || !isfinite (value))
    {
      g_string_append_len (out, token, length);
      return;
    }
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (exact && g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.16g", value);
  if (exact && g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  g_string_append (out, buffer);
}

char *
plantar_json_to_text (JsonNode *root,
                      gboolean  pretty,
                      gboolean  exact)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *raw = NULL;
  GString *out;
  gboolean in_string = FALSE;

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, root);
  raw = json_generator_to_data (generator, NULL);
  out = g_string_sized_new (strlen (raw));
  for (const char *p = raw; *p != '\0';)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          in_string = *p != '"';
          g_string_append_c (out, *p++);
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p++);
        }
      else if (*p == '-' || g_ascii_isdigit (*p))
        {
          gsize n = strspn (p, "-+0123456789.eE");
          append_number (out, p, n, exact);
          p += n;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ typed access */

static JsonNode *
member_of (JsonObject *object,
           const char *member)
{
  return object != NULL && member != NULL ? json_object_get_member (object, member) : NULL;
}

JsonObject *
plantar_json_object (JsonObject *object,
                     const char *member)
{
  JsonNode *node = member_of (object, member);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
plantar_json_array (JsonObject *object,
                    const char *member)
{
  JsonNode *node = member_of (object, member);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
plantar_json_string (JsonObject *object,
                     const char *member,
                     const char *fallback)
{
  JsonNode *node = member_of (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

/* A text in the user's language: "label[de_DE]", then "label[de]", and so
 * on for each language the user reads, then "label" itself. A data file
 * carries its translations beside the text, as desktop files do. */
const char *
plantar_json_text (JsonObject *object,
                   const char *member,
                   const char *fallback)
{
  const char * const *languages = plantar_locale_languages ();

  for (guint i = 0; languages[i] != NULL && !g_str_equal (languages[i], "C"); i++)
    {
      g_autofree char *key = g_strdup_printf ("%s[%s]", member, languages[i]);
      const char *text = plantar_json_string (object, key, NULL);
      if (text != NULL && *text != '\0')
        return text;
    }
  return plantar_json_string (object, member, fallback);
}

void
plantar_json_add_string (JsonBuilder *builder,
                         const char  *member,
                         const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static gboolean
node_number (JsonNode *node,
             double   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *out = json_node_get_double (node);
  return isfinite (*out);
}

double
plantar_json_number (JsonObject *object,
                     const char *member,
                     double      fallback)
{
  double v;
  return node_number (member_of (object, member), &v) ? v : fallback;
}

gint64
plantar_json_int (JsonObject *object,
                  const char *member,
                  gint64      fallback)
{
  JsonNode *node = member_of (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

JsonObject *
plantar_json_element_object (JsonArray *array,
                             guint      index)
{
  JsonNode *node = array != NULL && index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

double
plantar_json_element_number (JsonArray *array,
                             guint      index,
                             double     fallback)
{
  double v;
  JsonNode *node = array != NULL && index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
  return node_number (node, &v) ? v : fallback;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-thresholds"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "plantar-core-resources.h"
#include "plantar-thresholds.h"

/*
 * plantar-thresholds.json:
 *
 *   { "version": 1,
 *     "indices": { "arch_index": { "label", "citation", "method", "rule",
 *                                  "categories": [ { "category": "high", "upto": 0.21, "inclusive": true },
 *                                                  { "category": "normal", "upto": 0.26 },
 *                                                  { "category": "flat" } ] }, ... },
 *     "flags":   { "heel_peak_kpa": { "label", "above": 470, "citation", "rule" }, ... } }
 *
 * A value falls in the first category whose "upto" it is below (or equal
 * to, when "inclusive"); the last category has no "upto".
 */

typedef struct {
  char    *name;
  double   upto;       /* NAN for the last */
  gboolean inclusive;
} Category;

typedef struct {
  char   *label;
  char   *citation;
  char   *method;
  char   *rule;
  GArray *categories;  /* Category */
  double  above;       /* flags */
} Entry;

struct _PlantarThresholds
{
  char       *source;
  GHashTable *indices;  /* id -> Entry */
  GHashTable *flags;    /* id -> Entry */
};

G_DEFINE_QUARK (plantar-thresholds-error-quark, plantar_thresholds_error)

static void
category_clear (gpointer data)
{
  g_free (((Category *) data)->name);
}

static void
entry_free (gpointer data)
{
  Entry *e = data;
  g_free (e->label);
  g_free (e->citation);
  g_free (e->method);
  g_free (e->rule);
  g_clear_pointer (&e->categories, g_array_unref);
  g_free (e);
}

static void
thresholds_clear (gpointer data)
{
  PlantarThresholds *self = data;
  g_free (self->source);
  g_clear_pointer (&self->indices, g_hash_table_unref);
  g_clear_pointer (&self->flags, g_hash_table_unref);
}

/* The line of "key" in the text, after the line of "after": for messages. */
static guint
line_of (const char *text,
         const char *after,
         const char *key)
{
  g_autofree char *quoted_after = after ? g_strdup_printf ("\"%s\"", after) : NULL;
  g_autofree char *quoted_key = g_strdup_printf ("\"%s\"", key);
  const char *start = quoted_after ? strstr (text, quoted_after) : text;
  const char *at = start ? strstr (start, quoted_key) : NULL;
  guint line = 1;

  if (at == NULL)
    at = start;
  if (at == NULL)
    return 0;
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return line;
}

static gboolean
field_error (GError    **error,
             const char *name,
             const char *text,
             const char *section,
             const char *key,
             const char *field,
             const char *what)
{
  guint line = line_of (text, key, field ? field : key);

  g_set_error (error, PLANTAR_THRESHOLDS_ERROR, PLANTAR_THRESHOLDS_ERROR_FIELD,
               _("“%s”, line %u: %s.%s%s%s: %s"), name, line, section, key,
               field ? "." : "", field ? field : "", what);
  return FALSE;
}

static char *
dup_member (JsonObject *o,
            const char *member)
{
  JsonNode *n = json_object_get_member (o, member);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (n));
}

static gboolean
number_member (JsonObject *o,
               const char *member,
               double     *out)
{
  JsonNode *n = json_object_get_member (o, member);
  GType type;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return FALSE;
  type = json_node_get_value_type (n);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_double (n);
  return isfinite (*out);
}

static gboolean
parse_entry (const char *name,
             const char *text,
             const char *section,
             const char *key,
             JsonNode   *node,
             gboolean    is_flag,
             Entry     **out,
             GError    **error)
{
  JsonObject *o;
  Entry *e;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return field_error (error, name, text, section, key, NULL, _("expected an object"));
  o = json_node_get_object (node);

  e = g_new0 (Entry, 1);
  e->label = dup_member (o, "label");
  e->citation = dup_member (o, "citation");
  e->method = dup_member (o, "method");
  e->rule = dup_member (o, "rule");
  e->categories = g_array_new (FALSE, TRUE, sizeof (Category));
  g_array_set_clear_func (e->categories, category_clear);

  if (e->label == NULL || e->citation == NULL)
    {
      const char *missing = e->label ? "citation" : "label";
      entry_free (e);
      return field_error (error, name, text, section, key, missing,
                          _("a text is required: every threshold says what it is and where it comes from"));
    }

  if (is_flag)
    {
      if (!number_member (o, "above", &e->above))
        {
          entry_free (e);
          return field_error (error, name, text, section, key, "above", _("expected a number"));
        }
    }
  else
    {
      JsonNode *cats = json_object_get_member (o, "categories");
      JsonArray *array;
      double last = -INFINITY;

      if (cats == NULL || !JSON_NODE_HOLDS_ARRAY (cats))
        {
          entry_free (e);
          return field_error (error, name, text, section, key, "categories",
                              _("expected a list of categories (it may be empty)"));
        }
      array = json_node_get_array (cats);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *cn = json_array_get_element (array, i);
          JsonObject *co;
          Category c = { NULL, NAN, FALSE };
          gboolean is_last = i + 1 == json_array_get_length (array);

          if (!JSON_NODE_HOLDS_OBJECT (cn))
            {
              entry_free (e);
              return field_error (error, name, text, section, key, "categories", _("expected objects"));
            }
          co = json_node_get_object (cn);
          c.name = dup_member (co, "category");
          if (c.name == NULL || *c.name == '\0')
            {
              g_free (c.name);
              entry_free (e);
              return field_error (error, name, text, section, key, "category", _("every category needs a name"));
            }
          if (!is_last && !number_member (co, "upto", &c.upto))
            {
              g_free (c.name);
              entry_free (e);
              return field_error (error, name, text, section, key, "upto",
                                  _("every category but the last needs an upper bound “upto”"));
            }
          if (is_last && json_object_has_member (co, "upto"))
            {
              g_free (c.name);
              entry_free (e);
              return field_error (error, name, text, section, key, "upto",
                                  _("the last category takes everything above: it has no “upto”"));
            }
          if (!is_last && c.upto <= last)
            {
              g_free (c.name);
              entry_free (e);
              return field_error (error, name, text, section, key, "upto",
                                  _("the bounds must increase from one category to the next"));
            }
          if (!is_last)
            last = c.upto;
          c.inclusive = json_object_has_member (co, "inclusive") &&
                        json_object_get_boolean_member (co, "inclusive");
          g_array_append_val (e->categories, c);
        }
    }

  *out = e;
  return TRUE;
}

static gboolean
parse_section (const char *name,
               const char *text,
               JsonObject *root,
               const char *section,
               gboolean    is_flag,
               GHashTable *table,
               GError    **error)
{
  JsonNode *node = json_object_get_member (root, section);
  JsonObject *o;
  g_autoptr(GList) members = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PLANTAR_THRESHOLDS_ERROR, PLANTAR_THRESHOLDS_ERROR_FIELD,
                   _("“%s”: expected an object “%s”"), name, section);
      return FALSE;
    }
  o = json_node_get_object (node);
  members = json_object_get_members (o);
  for (GList *l = members; l; l = l->next)
    {
      Entry *e = NULL;
      if (!parse_entry (name, text, section, l->data, json_object_get_member (o, l->data), is_flag, &e, error))
        return FALSE;
      g_hash_table_insert (table, g_strdup (l->data), e);
    }
  return TRUE;
}

/**
 * plantar_thresholds_parse:
 * @name: how messages name the file
 *
 * Returns: (transfer full) (nullable): the thresholds, or %NULL with an
 *   error naming the line and the field
 */
PlantarThresholds *
plantar_thresholds_parse (const char  *text,
                          gssize       length,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) json_error = NULL;
  g_autofree char *copy = g_strndup (text, length < 0 ? strlen (text) : (gsize) length);
  PlantarThresholds *self;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, copy, -1, &json_error))
    {
      g_set_error (error, PLANTAR_THRESHOLDS_ERROR, PLANTAR_THRESHOLDS_ERROR_SYNTAX,
                   _("“%s”: %s"), name, json_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PLANTAR_THRESHOLDS_ERROR, PLANTAR_THRESHOLDS_ERROR_SYNTAX,
                   _("“%s”: expected a JSON object"), name);
      return NULL;
    }

  self = g_atomic_rc_box_new0 (PlantarThresholds);
  self->source = g_strdup (name);
  self->indices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  self->flags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  if (!parse_section (name, copy, json_node_get_object (root), "indices", FALSE, self->indices, error) ||
      !parse_section (name, copy, json_node_get_object (root), "flags", TRUE, self->flags, error))
    {
      plantar_thresholds_unref (self);
      return NULL;
    }
  return self;
}

PlantarThresholds *
plantar_thresholds_load (const char  *path,
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  gsize length;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  return plantar_thresholds_parse (text, length, name, error);
}

/**
 * plantar_core_get_builtin_data:
 * @name: "plantar-thresholds.json", "plantar-rules.json"
 *
 * A data file built into the core library.
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

/**
 * plantar_thresholds_get_builtin:
 *
 * Plantar's own thresholds (data/plantar-thresholds.json, built in).
 *
 * Returns: (transfer none)
 */
PlantarThresholds *
plantar_thresholds_get_builtin (void)
{
  static PlantarThresholds *builtin;
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      PlantarThresholds *t;

      bytes = plantar_core_get_builtin_data ("plantar-thresholds.json");
      t = plantar_thresholds_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    "plantar-thresholds.json", &error);
      if (t == NULL)
        g_error ("the built-in thresholds are malformed: %s", error->message);
      builtin = t;
      g_once_init_leave (&initialised, 1);
    }
  return builtin;
}

/**
 * plantar_thresholds_get_default:
 *
 * The clinic's thresholds from ~/.config/plantar/thresholds.json if that
 * file exists and is valid, otherwise the built-in ones (with a warning in
 * the log naming what is wrong with the file).
 *
 * Returns: (transfer full)
 */
PlantarThresholds *
plantar_thresholds_get_default (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "plantar", "thresholds.json", NULL);
  g_autoptr(GError) error = NULL;
  PlantarThresholds *t;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return plantar_thresholds_ref (plantar_thresholds_get_builtin ());

  t = plantar_thresholds_load (path, &error);
  if (t == NULL)
    {
      g_warning ("%s; using Plantar's own thresholds", error->message);
      return plantar_thresholds_ref (plantar_thresholds_get_builtin ());
    }
  return t;
}

PlantarThresholds *
plantar_thresholds_ref (PlantarThresholds *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
plantar_thresholds_unref (PlantarThresholds *self)
{
  g_atomic_rc_box_release_full (self, thresholds_clear);
}

const char *
plantar_thresholds_get_source (PlantarThresholds *self)
{
  return self->source;
}

static void
fill (const Entry     *e,
      PlantarCategory *out)
{
  out->label = e->label;
  out->rule = e->rule;
  out->citation = e->citation;
  out->method = e->method;
}

/**
 * plantar_thresholds_categorize:
 *
 * The category of @value for @index ("arch_index", ...). @out->category is
 * NULL when the index has no categories (Staheli in adults).
 *
 * Returns: %FALSE if the file does not know @index or @value is not a number
 */
gboolean
plantar_thresholds_categorize (PlantarThresholds *self,
                               const char        *index,
                               double             value,
                               PlantarCategory   *out)
{
  Entry *e = g_hash_table_lookup (self->indices, index);

  memset (out, 0, sizeof *out);
  if (e == NULL || !isfinite (value))
    return FALSE;
  fill (e, out);
  for (guint i = 0; i < e->categories->len; i++)
    {
      Category *c = &g_array_index (e->categories, Category, i);
      if (isnan (c->upto) || value < c->upto || (c->inclusive && value == c->upto))
        {
          out->category = c->name;
          break;
        }
    }
  return TRUE;
}

/**
 * plantar_thresholds_flag:
 *
 * Returns: %TRUE if @value is above the limit of @flag
 */
gboolean
plantar_thresholds_flag (PlantarThresholds *self,
                         const char        *flag,
                         double             value,
                         PlantarCategory   *out)
{
  Entry *e = g_hash_table_lookup (self->flags, flag);

  if (out)
    memset (out, 0, sizeof *out);
  if (e == NULL || !isfinite (value))
    return FALSE;
  if (out)
    fill (e, out);
  return value > e->above;
}

/**
 * plantar_thresholds_get_category:
 * @i: which category, from the lowest
 * @name: (out): its name
 * @upto: (out): its upper bound (NAN for the last)
 *
 * Returns: %FALSE past the last category
 */
gboolean
plantar_thresholds_get_category (PlantarThresholds  *self,
                                 const char         *index,
                                 guint               i,
                                 const char        **name,
                                 double             *upto)
{
  Entry *e = g_hash_table_lookup (self->indices, index);
  Category *c;

  if (e == NULL || i >= e->categories->len)
    return FALSE;
  c = &g_array_index (e->categories, Category, i);
  *name = c->name;
  *upto = c->upto;
  return TRUE;
}

double
plantar_thresholds_flag_limit (PlantarThresholds *self,
                               const char        *flag)
{
  Entry *e = g_hash_table_lookup (self->flags, flag);
  return e ? e->above : NAN;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-thresholds"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "plantar-json-source.h"
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

/* The error of a field, with its line: the entry's, then the field's in it. */
static gboolean
field_error (GError                  **error,
             const PlantarJsonSource  *src,
             const char               *section,
             const char               *key,
             const char               *field,
             const char               *what)
{
  g_autofree char *quoted_key = g_strdup_printf ("\"%s\"", key);
  g_autofree char *quoted_field = field ? g_strdup_printf ("\"%s\"", field) : NULL;
  const char *anchors[] = { quoted_key, quoted_field, NULL };

  g_set_error (error, PLANTAR_THRESHOLDS_ERROR, PLANTAR_THRESHOLDS_ERROR_FIELD,
               _("“%s”, line %u: %s.%s%s%s: %s"), src->name, plantar_json_source_line (src, anchors), section, key,
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
parse_entry (const PlantarJsonSource  *src,
             const char               *section,
             const char               *key,
             JsonNode                 *node,
             gboolean                  is_flag,
             Entry                   **out,
             GError                  **error)
{
  JsonObject *o;
  Entry *e;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return field_error (error, src, section, key, NULL, _("expected an object"));
  o = json_node_get_object (node);

  e = g_new0 (Entry, 1);
  e->label = g_strdup (plantar_json_text (o, "label", NULL));
  e->citation = dup_member (o, "citation");
  e->method = g_strdup (plantar_json_text (o, "method", NULL));
  e->rule = g_strdup (plantar_json_text (o, "rule", NULL));
  e->categories = g_array_new (FALSE, TRUE, sizeof (Category));
  g_array_set_clear_func (e->categories, category_clear);

  if (e->label == NULL || e->citation == NULL)
    {
      const char *missing = e->label ? "citation" : "label";
      entry_free (e);
      return field_error (error, src, section, key, missing,
                          _("a text is required: every threshold says what it is and where it comes from"));
    }

  if (is_flag)
    {
      if (!number_member (o, "above", &e->above))
        {
          entry_free (e);
          return field_error (error, src, section, key, "above", _("expected a number"));
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
          return field_error (error, src, section, key, "categories",
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
              return field_error (error, src, section, key, "categories", _("expected objects"));
            }
          co = json_node_get_object (cn);
          c.name = dup_member (co, "category");
          if (c.name == NULL || *c.name == '\0')
            {
              g_free (c.name);
              entry_free (e);
              return field_error (error, src, section, key, "category", _("every category needs a name"));
            }
          if (!is_last && !number_member (co, "upto", &c.upto))
            {
              g_free (c.name);
              entry_free (e);
              return field_error (error, src, section, key, "upto",
                                  _("every category but the last needs an upper bound “upto”"));
            }
          if (is_last && json_object_has_member (co, "upto"))
            {
              g_free (c.name);
              entry_free (e);
              return field_error (error, src, section, key, "upto",
                                  _("the last category takes everything above: it has no “upto”"));
            }
          if (!is_last && c.upto <= last)
            {
              g_free (c.name);
              entry_free (e);
              return field_error (error, src, section, key, "upto",
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
parse_section (const PlantarJsonSource  *src,
               JsonObject               *root,
               const char               *section,
               gboolean                  is_flag,
               GHashTable               *table,
               GError                  **error)
{
  JsonNode *node = json_object_get_member (root, section);
  JsonObject *o;
  g_autoptr(GList) members = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PLANTAR_THRESHOLDS_ERROR, PLANTAR_THRESHOLDS_ERROR_FIELD,
                   _("“%s”: expected an object “%s”"), src->name, section);
      return FALSE;
    }
  o = json_node_get_object (node);
  members = json_object_get_members (o);
  for (GList *l = members; l; l = l->next)
    {
      Entry *e = NULL;
      if (!parse_entry (src, section, l->data, json_object_get_member (o, l->data), is_flag, &e, error))
        return FALSE;
      g_hash_table_insert (table, g_strdup (l->data), e);
    }
  return TRUE;
}

static PlantarThresholds *
thresholds_from_source (const PlantarJsonSource  *src,
                        GError                  **error)
{
  PlantarThresholds *self = g_atomic_rc_box_new0 (PlantarThresholds);
  JsonObject *root = plantar_json_source_get_root (src);

  self->source = g_strdup (src->name);
  self->indices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  self->flags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  if (!parse_section (src, root, "indices", FALSE, self->indices, error) ||
      !parse_section (src, root, "flags", TRUE, self->flags, error))
    {
      plantar_thresholds_unref (self);
      return NULL;
    }
  return self;
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
  PlantarJsonSource src;
  PlantarThresholds *self = NULL;

  if (plantar_json_source_load_data (&src, text, length, name, PLANTAR_THRESHOLDS_ERROR,
                                     PLANTAR_THRESHOLDS_ERROR_SYNTAX, error))
    self = thresholds_from_source (&src, error);
  plantar_json_source_clear (&src);
  return self;
}

/* A thresholds file is a few kilobytes of JSON. */
#define MAX_THRESHOLDS_BYTES (1024 * 1024)

PlantarThresholds *
plantar_thresholds_load (const char  *path,
                         GError     **error)
{
  PlantarJsonSource src;
  PlantarThresholds *self = NULL;

  if (plantar_json_source_load_file (&src, path, MAX_THRESHOLDS_BYTES, PLANTAR_THRESHOLDS_ERROR,
                                     PLANTAR_THRESHOLDS_ERROR_SYNTAX, error))
    self = thresholds_from_source (&src, error);
  plantar_json_source_clear (&src);
  return self;
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
  g_autofree char *path = plantar_core_get_user_data_path ("thresholds.json");
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-rules"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "plantar-json-source.h"
#include "plantar-products.h"
#include "plantar-rules-private.h"

PlantarProductSpec *
plantar_product_spec_new (void)
{
  return g_new0 (PlantarProductSpec, 1);
}

void
plantar_product_spec_free (PlantarProductSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->name);
  g_free (spec->code);
  g_free (spec->price);
  g_free (spec->note);
  g_free (spec->for_key);
  g_free (spec->for_id);
  g_free (spec);
}

/**
 * plantar_rules_get_product_targets:
 *
 * Returns: (transfer full) (element-type PlantarProductTarget): every
 *   insole, arch profile, heel cup and add-on of @rules, in that order;
 *   the strings are the rules'
 */
GArray *
plantar_rules_get_product_targets (PlantarRules *rules)
{
  GArray *targets = g_array_new (FALSE, TRUE, sizeof (PlantarProductTarget));
  const struct { const char *key; GPtrArray *choices; } kinds[] = {
    { "insole", rules->insoles }, { "arch_profile", rules->profiles },
    { "heel_cup", rules->levels }, { "add_on", rules->add_ons },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint i = 0; i < kinds[k].choices->len; i++)
      {
        Choice *c = g_ptr_array_index (kinds[k].choices, i);
        PlantarProductTarget t = { kinds[k].key, c->id, c->label };
        g_array_append_val (targets, t);
      }
  return targets;
}

/* The text of the shop's file, or of Plantar's own rules when it has none. */
static char *
base_text (const char  *path,
           gsize       *length,
           GError     **error)
{
  char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_file_get_contents (path, &text, length, error) ? text : NULL;
  bytes = plantar_core_get_builtin_data ("plantar-rules.json");
  *length = g_bytes_get_size (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), *length);
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING ? json_node_get_string (n)
                                                                                         : NULL;
}

/**
 * plantar_products_read:
 *
 * The products of the rules file at @path (Plantar's own rules, which
 * list none, when there is no such file). The file is checked as the
 * suggestions read it: a malformed one is an error, not an empty list.
 *
 * Returns: (transfer full) (element-type PlantarProductSpec)
 */
GPtrArray *
plantar_products_read (const char  *path,
                       GError     **error)
{
  gsize length = 0;
  g_autofree char *text = base_text (path, &length, error);
  g_autoptr(PlantarRules) checked = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *products;
  GPtrArray *specs;

  if (text == NULL)
    return NULL;
  if ((checked = plantar_rules_parse (text, length, path, error)) == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, text, length, error))
    return NULL;
  specs = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_product_spec_free);
  products = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "products");
  for (guint i = 0; products != NULL && JSON_NODE_HOLDS_ARRAY (products) &&
                    i < json_array_get_length (json_node_get_array (products)); i++)
    {
      JsonObject *o = json_array_get_object_element (json_node_get_array (products), i);
      JsonObject *when = json_object_has_member (o, "for") ? json_object_get_object_member (o, "for") : NULL;
      g_autoptr(GList) keys = when ? json_object_get_members (when) : NULL;
      PlantarProductSpec *spec = plantar_product_spec_new ();

      spec->name = g_strdup (member_string (o, "name"));
      spec->code = g_strdup (member_string (o, "code"));
      spec->price = g_strdup (member_string (o, "price"));
      spec->note = g_strdup (member_string (o, "note"));
      if (keys != NULL)
        {
          spec->for_key = g_strdup (keys->data);
          spec->for_id = g_strdup (member_string (when, keys->data));
        }
      g_ptr_array_add (specs, spec);
    }
  return specs;
}

static void
add_member (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  g_autofree char *trimmed = value ? g_strstrip (g_strdup (value)) : NULL;

  if (trimmed == NULL || *trimmed == '\0')
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, trimmed);
}

/**
 * plantar_products_write:
 *
 * Writes @specs as the products of the rules file at @path, the rest of
 * the file kept; made from Plantar's own rules when there is none. The
 * new file is checked as a whole first, and replaces the old one at once
 * (never half written).
 */
gboolean
plantar_products_write (const char  *path,
                        GPtrArray   *specs,
                        GError     **error)
{
  gsize length = 0;
  g_autofree char *text = base_text (path, &length, error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) array = NULL;
  g_autoptr(PlantarRules) checked = NULL;
  g_autofree char *out = NULL;
  g_autofree char *dir = NULL;
  JsonObject *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, length, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, PLANTAR_RULES_ERROR, PLANTAR_RULES_ERROR_SYNTAX, _("“%s” is not a rules file"), path);
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  json_builder_begin_array (b);
  for (guint i = 0; i < specs->len; i++)
    {
      PlantarProductSpec *spec = g_ptr_array_index (specs, i);
      json_builder_begin_object (b);
      add_member (b, "name", spec->name);
      add_member (b, "code", spec->code);
      add_member (b, "price", spec->price);
      add_member (b, "note", spec->note);
      json_builder_set_member_name (b, "for");
      json_builder_begin_object (b);
      if (spec->for_key != NULL && spec->for_id != NULL)
        add_member (b, spec->for_key, spec->for_id);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  array = json_builder_get_root (b);
  json_object_set_member (root, "products", g_steal_pointer (&array));
  out = plantar_json_to_text (json_parser_get_root (parser), TRUE, TRUE);

  /* what the suggestions will read: checked before it is written */
  if ((checked = plantar_rules_parse (out, -1, path, error)) == NULL)
    return FALSE;
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Could not make the folder “%s”: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (path, out, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-json-source.h"
#include "plantar-rules-private.h"

/* Reading a rules file: every field checked, with its path and line in the
 * message, before a rule is kept. */

G_DEFINE_QUARK (plantar-rules-error-quark, plantar_rules_error)

static void
choice_free (gpointer data)
{
  Choice *c = data;
  g_free (c->id);
  g_free (c->label);
  g_free (c->description);
  g_free (c);
}

static void
rule_free (gpointer data)
{
  Rule *r = data;
  g_free (r->id);
  g_clear_pointer (&r->when, g_array_unref);
  g_clear_pointer (&r->when_any, g_array_unref);
  g_clear_pointer (&r->add, g_array_unref);
  g_free (r->because);
  g_free (r->source);
  g_free (r);
}

static void
product_free (gpointer data)
{
  Product *p = data;
  g_free (p->public.name);
  g_free (p->public.code);
  g_free (p->public.price);
  g_free (p->public.note);
  g_free (p);
}

static void
rules_clear (gpointer data)
{
  PlantarRules *self = data;
  g_free (self->source);
  g_free (self->caveat);
  g_clear_pointer (&self->insoles, g_ptr_array_unref);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->add_ons, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_pointer (&self->design.arch_heights, g_array_unref);
  g_clear_pointer (&self->design.source, g_free);
}

/* Where a field is, for messages: each anchor is looked for after the one
 * before it ("rules", then the rule's id, then the field, then its value). */
typedef PlantarJsonSource Source;

/* The path of the field in the message ("rules[3] (low-arch).when[0]"),
 * and its line. */
static gboolean G_GNUC_PRINTF (5, 6)
field_error (GError            **error,
             const Source       *src,
             const char * const *anchors,
             const char         *path,
             const char         *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PLANTAR_RULES_ERROR, PLANTAR_RULES_ERROR_FIELD,
               /* TRANSLATORS: “rules.json”, line 40: rules[2].when[0]: what is wrong */
               _("“%s”, line %u: %s: %s"), src->name, plantar_json_source_line (src, anchors), path, what);
  return FALSE;
}

static const char *
get_string (JsonObject *o,
            const char *member)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
get_number (JsonObject *o,
            const char *member,
            double     *out)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;
  GType type;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return FALSE;
  type = json_node_get_value_type (n);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_double (n);
  return isfinite (*out);
}

static int
find_choice (GPtrArray  *choices,
             const char *id)
{
  for (guint i = 0; id != NULL && i < choices->len; i++)
    if (g_str_equal (((Choice *) g_ptr_array_index (choices, i))->id, id))
      return i;
  return -1;
}

static char *
choice_ids (GPtrArray *choices)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < choices->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", ((Choice *) g_ptr_array_index (choices, i))->id);
  return g_string_free (s, FALSE);
}

static gboolean
parse_choices (const Source *src,
               JsonObject   *root,
               const char   *member,
               gboolean      depths,
               GPtrArray    *out,
               GError      **error)
{
  JsonNode *node = json_object_get_member (root, member);
  g_autofree char *quoted_member = g_strdup_printf ("\"%s\"", member);
  const char *anchors[] = { quoted_member, NULL };
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return field_error (error, src, anchors, member, _("expected a list of choices, each with an id and a label"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *id = get_string (o, "id"), *label = get_string (o, "label");
      g_autofree char *path = g_strdup_printf ("%s[%u]", member, i);
      g_autofree char *quoted = id ? g_strdup_printf ("\"%s\"", id) : NULL;
      const char *at[] = { quoted_member, quoted, NULL };
      Choice *c;

      if (id == NULL || *id == '\0' || label == NULL)
        return field_error (error, src, at, path, _("expected an object with a text “id” and a text “label”"));
      if (find_choice (out, id) >= 0)
        return field_error (error, src, at, path, _("“%s” is listed twice"), id);
      c = g_new0 (Choice, 1);
      c->id = g_strdup (id);
      c->label = g_strdup (plantar_json_text (o, "label", label));
      c->description = g_strdup (plantar_json_text (o, "description", NULL));
      g_ptr_array_add (out, c);
      if (depths && (!get_number (o, "depth_mm", &c->depth_mm) || c->depth_mm < 0 || c->depth_mm > 40))
        return field_error (error, src, at, path, _("expected “depth_mm”, a depth between 0 and 40 mm"));
    }
  return TRUE;
}

static GPtrArray *
choices_of (PlantarRules *self,
            Var           var)
{
  switch (var)
    {
    case VAR_INSOLE: return self->insoles;
    case VAR_ARCH_PROFILE: return self->profiles;
    case VAR_HEEL_CUP: return self->levels;
    default: return NULL;
    }
}

/* "arch_index >= 0.26", "pain includes heel", "activity == running" */
static gboolean
parse_condition (PlantarRules       *self,
                 const Source       *src,
                 const char * const *anchors,
                 const char         *path,
                 const char         *text,
                 Condition          *cond,
                 GError            **error)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " \t", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  int var, op = -1;

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (words, parts[i]);
  if (words->len != 3)
    return field_error (error, src, anchors, path,
                        _("“%s” is not a condition; expected “measure operator value”, as in “arch_index >= 0.26”"), text);

  var = rules_find_variable (g_ptr_array_index (words, 0), strlen (g_ptr_array_index (words, 0)));
  if (var < 0)
    {
      g_autofree char *names = rules_variable_names ();
      return field_error (error, src, anchors, path, _("unknown measure or answer “%s”; expected one of %s"),
                          (char *) g_ptr_array_index (words, 0), names);
    }
  for (guint i = 0; i < G_N_ELEMENTS (op_names); i++)
    if (g_str_equal (op_names[i], g_ptr_array_index (words, 1)))
      op = i;
  cond->var = var;
  cond->op = op;

  switch (rules_variables[var].kind)
    {
    case KIND_NUMBER:
      {
        const char *value = g_ptr_array_index (words, 2);
        char *end = NULL;
        if (op < 0 || op > OP_NE)
          return field_error (error, src, anchors, path, _("“%s” compares a number: expected <, <=, >, >=, == or !="),
                              rules_variables[var].name);
        cond->number = g_ascii_strtod (value, &end);
        if (end == value || *end != '\0' || !isfinite (cond->number))
          return field_error (error, src, anchors, path, _("“%s” is not a number"), value);
        return TRUE;
      }
    case KIND_WORD:
      {
        GPtrArray *choices = choices_of (self, var);
        const char *value = g_ptr_array_index (words, 2);
        if (op != OP_EQ && op != OP_NE)
          return field_error (error, src, anchors, path, _("“%s” is a word: expected == or !="), rules_variables[var].name);
        cond->word = choices ? find_choice (choices, value) : rules_find_word (rules_variables[var].words, value);
        if (cond->word < 0)
          {
            g_autofree char *list = choices ? choice_ids (choices) : g_strjoinv (", ", (char **) rules_variables[var].words);
            return field_error (error, src, anchors, path, _("“%s” is not a value of %s; expected one of %s"),
                                value, rules_variables[var].name, list);
          }
        return TRUE;
      }
    case KIND_SET:
    default:
      {
        const char *value = g_ptr_array_index (words, 2);
        if (op != OP_INCLUDES && op != OP_EXCLUDES)
          return field_error (error, src, anchors, path, _("“%s” is a list: expected includes or excludes"), rules_variables[var].name);
        cond->word = rules_find_word (rules_variables[var].words, value);
        if (cond->word < 0)
          {
            g_autofree char *list = g_strjoinv (", ", (char **) rules_variables[var].words);
            return field_error (error, src, anchors, path, _("“%s” is not a value of %s; expected one of %s"),
                                value, rules_variables[var].name, list);
          }
        return TRUE;
      }
    }
}

static gboolean
parse_conditions (PlantarRules *self,
                  const Source *src,
                  JsonObject   *o,
                  const char   *member,
                  const char   *rule_path,
                  const char   *quoted_id,
                  GArray      **out,
                  GError      **error)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autofree char *path = g_strdup_printf ("%s.%s", rule_path, member);
  g_autofree char *quoted_member = g_strdup_printf ("\"%s\"", member);
  const char *anchors[] = { "\"rules\"", quoted_id, quoted_member, NULL };
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return field_error (error, src, anchors, path, _("expected a list of conditions, as in [\"arch_index >= 0.26\"]"));
  array = json_node_get_array (node);
  *out = g_array_new (FALSE, TRUE, sizeof (Condition));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      const char *text = JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING
                         ? json_node_get_string (item) : NULL;
      g_autofree char *quoted_text = text ? g_strdup_printf ("\"%s\"", text) : NULL;
      const char *at[] = { "\"rules\"", quoted_id, quoted_member, quoted_text, NULL };
      Condition cond = { 0 };

      if (text == NULL)
        return field_error (error, src, anchors, item_path, _("expected a condition in quotes"));
      if (!parse_condition (self, src, at, item_path, text, &cond, error))
        return FALSE;
      g_array_append_val (*out, cond);
    }
  return TRUE;
}

/* "{arch_index}" and "{heel_offset_mm|abs}" must name what rules read. */
static gboolean
check_template (const Source       *src,
                const char * const *anchors,
                const char         *path,
                const char         *text,
                GError            **error)
{
  for (const char *p = strchr (text, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *end = strchr (p, '}');
      const char *bar;
      int var;

      if (end == NULL)
        return field_error (error, src, anchors, path, _("a “{” without its “}”"));
      bar = memchr (p, '|', end - p);
      var = rules_find_variable (p + 1, (bar ? bar : end) - p - 1);
      if (var < 0 || (bar != NULL && strncmp (bar, "|abs}", 5) != 0))
        {
          g_autofree char *name = g_strndup (p, end - p + 1);
          g_autofree char *names = rules_variable_names ();
          return field_error (error, src, anchors, path, _("“%s” names nothing Plantar measures; expected one of %s, "
                                                           "optionally with “|abs”"), name, names);
        }
    }
  return TRUE;
}

static gboolean
parse_rule (PlantarRules *self,
            const Source *src,
            JsonNode     *node,
            guint         index,
            GError      **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *id = get_string (o, "id");
  g_autofree char *quoted_id = id ? g_strdup_printf ("\"%s\"", id) : NULL;
  g_autofree char *path = id ? g_strdup_printf ("rules[%u] (%s)", index, id) : g_strdup_printf ("rules[%u]", index);
  const char *anchors[] = { "\"rules\"", quoted_id, NULL };
  const char *because_anchors[] = { "\"rules\"", quoted_id, "\"because\"", NULL };
  g_autofree char *then_path = g_strdup_printf ("%s.then", path);
  JsonObject *then;
  JsonNode *add;
  const char *because;
  Rule *rule;

  if (o == NULL || id == NULL || *id == '\0')
    return field_error (error, src, anchors, path, _("expected an object with a text “id”"));
  for (guint i = 0; i < self->rules->len; i++)
    if (g_str_equal (((Rule *) g_ptr_array_index (self->rules, i))->id, id))
      return field_error (error, src, anchors, path, _("the id “%s” is used twice"), id);

  rule = g_new0 (Rule, 1);
  rule->id = g_strdup (id);
  rule->insole = rule->arch_profile = rule->heel_cup = -1;
  rule->heel_cup_max_mm = NAN;
  rule->add = g_array_new (FALSE, FALSE, sizeof (int));
  g_ptr_array_add (self->rules, rule);

  if (!parse_conditions (self, src, o, "when", path, quoted_id, &rule->when, error) ||
      !parse_conditions (self, src, o, "when_any", path, quoted_id, &rule->when_any, error))
    return FALSE;
  if (rule->when == NULL && rule->when_any == NULL)
    return field_error (error, src, anchors, path, _("a rule needs “when” or “when_any”, a list of conditions"));

  then = json_object_get_member (o, "then") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "then"))
         ? json_object_get_object_member (o, "then") : NULL;
  if (then == NULL)
    return field_error (error, src, anchors, then_path, _("expected an object of what the rule suggests"));
  {
    g_autoptr(GList) members = json_object_get_members (then);
    for (GList *l = members; l != NULL; l = l->next)
      {
        const char *key = l->data;
        g_autofree char *key_path = g_strdup_printf ("%s.%s", then_path, key);
        g_autofree char *quoted_key = g_strdup_printf ("\"%s\"", key);
        const char *at[] = { "\"rules\"", quoted_id, "\"then\"", quoted_key, NULL };
        GPtrArray *choices = g_str_equal (key, "insole") ? self->insoles
                             : g_str_equal (key, "arch_profile") ? self->profiles
                             : g_str_equal (key, "heel_cup") ? self->levels : NULL;
        if (choices != NULL)
          {
            int found = find_choice (choices, get_string (then, key));
            if (found < 0)
              {
                g_autofree char *list = choice_ids (choices);
                return field_error (error, src, at, key_path, _("expected one of %s"), list);
              }
            if (choices == self->insoles)
              rule->insole = found;
            else if (choices == self->profiles)
              rule->arch_profile = found;
            else
              rule->heel_cup = found;
          }
        else if (g_str_equal (key, "refer"))
          {
            JsonNode *n = json_object_get_member (then, key);
            if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
              return field_error (error, src, at, key_path, _("expected true or false"));
            rule->refer = json_node_get_boolean (n);
          }
        else if (g_str_equal (key, "heel_cup_max_mm"))
          {
            if (!get_number (then, key, &rule->heel_cup_max_mm) || rule->heel_cup_max_mm < 0 || rule->heel_cup_max_mm > 40)
              return field_error (error, src, at, key_path, _("expected a depth between 0 and 40 mm"));
          }
        else if (g_str_equal (key, "add"))
          {
            add = json_object_get_member (then, key);
            if (!JSON_NODE_HOLDS_ARRAY (add))
              return field_error (error, src, at, key_path, _("expected a list of add-ons"));
            for (guint i = 0; i < json_array_get_length (json_node_get_array (add)); i++)
              {
                JsonNode *item = json_array_get_element (json_node_get_array (add), i);
                const char *name = JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING
                                   ? json_node_get_string (item) : NULL;
                int found = find_choice (self->add_ons, name);
                if (found < 0)
                  {
                    g_autofree char *list = choice_ids (self->add_ons);
                    return field_error (error, src, at, key_path, _("“%s” is not an add-on; expected one of %s"),
                                        name ? name : "?", list);
                  }
                g_array_append_val (rule->add, found);
              }
          }
        else
          return field_error (error, src, at, key_path,
                              _("unknown field; a rule suggests insole, arch_profile, heel_cup, add, refer or heel_cup_max_mm"));
      }
  }

  because = get_string (o, "because");
  if (because == NULL || *because == '\0')
    return field_error (error, src, because_anchors, path,
                        _("expected “because”, the reason in plain words that the customer reads"));
  {
    g_autofree char *because_path = g_strdup_printf ("%s.because", path);
    if (!check_template (src, because_anchors, because_path, because, error))
      return FALSE;
  }
  {
    /* the reason in the user's language, held to the same placeholders */
    const char *localized = plantar_json_text (o, "because", because);
    g_autofree char *because_path = g_strdup_printf ("%s.because", path);
    if (localized != because && !check_template (src, because_anchors, because_path, localized, error))
      return FALSE;
    rule->because = g_strdup (localized);
  }
  rule->source = g_strdup (get_string (o, "source"));
  return TRUE;
}

static gboolean
parse_product (PlantarRules *self,
               const Source *src,
               JsonNode     *node,
               guint         index,
               GError      **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *name = get_string (o, "name");
  g_autofree char *quoted = name ? g_strdup_printf ("\"%s\"", name) : NULL;
  g_autofree char *path = g_strdup_printf ("products[%u]", index);
  const char *anchors[] = { "\"products\"", quoted, NULL };
  JsonObject *when;
  JsonNode *price;
  Product *p;
  gboolean any = FALSE;

  if (o == NULL || name == NULL || *name == '\0')
    return field_error (error, src, anchors, path, _("expected an object with a text “name”"));
  p = g_new0 (Product, 1);
  g_ptr_array_add (self->products, p);
  p->public.name = g_strdup (name);
  p->public.code = g_strdup (get_string (o, "code"));
  p->public.note = g_strdup (get_string (o, "note"));
  price = json_object_get_member (o, "price");
  if (price != NULL)
    {
      if (JSON_NODE_HOLDS_VALUE (price) && json_node_get_value_type (price) == G_TYPE_STRING)
        p->public.price = g_strdup (json_node_get_string (price));
      else
        {
          const char *at[] = { "\"products\"", quoted, "\"price\"", NULL };
          g_autofree char *price_path = g_strdup_printf ("%s.price", path);
          return field_error (error, src, at, price_path, _("expected the price as text, as the shop writes it: \"39.90 EUR\""));
        }
    }
  p->insole = p->arch_profile = p->heel_cup = p->add_on = -1;

  when = json_object_get_member (o, "for") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "for"))
         ? json_object_get_object_member (o, "for") : NULL;
  if (when == NULL)
    {
      g_autofree char *for_path = g_strdup_printf ("%s.for", path);
      return field_error (error, src, anchors, for_path,
                          _("expected “for”: the suggestion it suits, as in {\"insole\": \"stability-support\"}"));
    }
  {
    g_autoptr(GList) members = json_object_get_members (when);
    for (GList *l = members; l != NULL; l = l->next)
      {
        const char *key = l->data;
        g_autofree char *key_path = g_strdup_printf ("%s.for.%s", path, key);
        g_autofree char *quoted_key = g_strdup_printf ("\"%s\"", key);
        const char *at[] = { "\"products\"", quoted, quoted_key, NULL };
        GPtrArray *choices = g_str_equal (key, "insole") ? self->insoles
                             : g_str_equal (key, "arch_profile") ? self->profiles
                             : g_str_equal (key, "heel_cup") ? self->levels
                             : g_str_equal (key, "add_on") ? self->add_ons : NULL;
        int found;

        if (choices == NULL)
          return field_error (error, src, at, key_path, _("unknown field; a product is for an insole, arch_profile, heel_cup or add_on"));
        found = find_choice (choices, get_string (when, key));
        if (found < 0)
          {
            g_autofree char *list = choice_ids (choices);
            return field_error (error, src, at, key_path, _("expected one of %s"), list);
          }
        if (choices == self->insoles)
          p->insole = found;
        else if (choices == self->profiles)
          p->arch_profile = found;
        else if (choices == self->levels)
          p->heel_cup = found;
        else
          p->add_on = found;
        any = TRUE;
      }
  }
  if (!any)
    {
      g_autofree char *for_path = g_strdup_printf ("%s.for", path);
      return field_error (error, src, anchors, for_path, _("a product must say what it is for"));
    }
  return TRUE;
}

/* Set while the built-in rules are read: they must have their own design. */
static _Thread_local gboolean reading_builtin;

/* A file without an insole design (one written before Plantar designed
 * insoles) takes the built-in one, with the arch heights of the profiles
 * it shares with it. */
static void
design_from_builtin (PlantarRules *self)
{
  PlantarRules *builtin = plantar_rules_get_builtin ();

  self->design.params = builtin->design.params;
  self->design.source = g_strdup (builtin->design.source);
  for (guint i = 0; i < self->profiles->len; i++)
    {
      int j = find_choice (builtin->profiles, ((Choice *) g_ptr_array_index (self->profiles, i))->id);
      double h = g_array_index (builtin->design.arch_heights, double, j >= 0 ? j : builtin->default_profile);
      g_array_append_val (self->design.arch_heights, h);
    }
}

static gboolean
parse_design (PlantarRules *self,
              const Source *src,
              JsonObject   *root,
              GError      **error)
{
  const char *anchors[] = { "\"insole_design\"", NULL };
  JsonNode *node = json_object_get_member (root, "insole_design");
  JsonObject *design, *heights, *params;
  g_autoptr(JsonObject) rest = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GError) local = NULL;
  const char *bad = NULL;
  double highest = 0;

  self->design.arch_heights = g_array_new (FALSE, FALSE, sizeof (double));
  if (node == NULL && !reading_builtin)
    {
      design_from_builtin (self);
      return TRUE;
    }
  design = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (design == NULL)
    return field_error (error, src, anchors, "insole_design", _("expected the insole design's parameters"));
  self->design.source = g_strdup (get_string (design, "source"));

  node = json_object_get_member (design, "arch_height_mm");
  heights = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  for (guint i = 0; i < self->profiles->len; i++)
    {
      const char *id = ((Choice *) g_ptr_array_index (self->profiles, i))->id;
      double h;
      if (!get_number (heights, id, &h) || h < 1 || h > 35)
        {
          g_autofree char *ids = choice_ids (self->profiles);
          return field_error (error, src, anchors, "insole_design.arch_height_mm",
                              _("expected the arch height of each arch profile (%s), 1 to 35 mm"), ids);
        }
      g_array_append_val (self->design.arch_heights, h);
      highest = MAX (highest, h);
    }

  /* the rest are parameters, by their keys */
  rest = json_object_new ();
  members = json_object_get_members (design);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "source") && !g_str_equal (l->data, "arch_height_mm"))
      json_object_set_member (rest, l->data, json_node_copy (json_object_get_member (design, l->data)));
  params = rest;
  self->design.params.arch_height_mm = highest;
  if (!plantar_insole_params_read_json (&self->design.params, params, &bad, &local) ||
      !plantar_insole_params_validate (&self->design.params, &local))
    {
      g_autofree char *path = g_strdup_printf ("insole_design%s%s", bad ? "." : "", bad ? bad : "");
      return field_error (error, src, anchors, path, "%s", local->message);
    }
  return TRUE;
}

static gboolean
parse_all (PlantarRules *self,
           const Source *src,
           JsonObject   *root,
           GError      **error)
{
  JsonNode *node;
  JsonObject *cup, *defaults;
  double version;
  const char *caveat = get_string (root, "caveat");
  const char *version_anchors[] = { "\"version\"", NULL };
  const char *caveat_anchors[] = { "\"caveat\"", NULL };
  const char *cup_anchors[] = { "\"heel_cup\"", NULL };
  const char *defaults_anchors[] = { "\"defaults\"", NULL };

  if (!get_number (root, "version", &version) || version != 1)
    return field_error (error, src, version_anchors, "version", _("expected 1, the version of the rules this Plantar reads"));
  if (caveat == NULL || *caveat == '\0')
    return field_error (error, src, caveat_anchors, "caveat", _("expected the evidence caveat printed on every report"));
  self->caveat = g_strdup (plantar_json_text (root, "caveat", caveat));

  if (!parse_choices (src, root, "insoles", FALSE, self->insoles, error) ||
      !parse_choices (src, root, "arch_profiles", FALSE, self->profiles, error) ||
      !parse_choices (src, root, "add_ons", FALSE, self->add_ons, error))
    return FALSE;

  node = json_object_get_member (root, "heel_cup");
  cup = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (cup == NULL)
    return field_error (error, src, cup_anchors, "heel_cup", _("expected the heel-cup levels and the foot length they are for"));
  if (!parse_choices (src, cup, "levels", TRUE, self->levels, error))
    return FALSE;
  if (!get_number (cup, "reference_foot_length_mm", &self->reference_length_mm) ||
      self->reference_length_mm < 150 || self->reference_length_mm > 350)
    return field_error (error, src, cup_anchors, "heel_cup.reference_foot_length_mm",
                        _("expected the foot length the depths are for, 150-350 mm"));
  self->min_scale = 1;
  self->max_scale = 1;
  if ((json_object_has_member (cup, "min_scale") && !get_number (cup, "min_scale", &self->min_scale)) ||
      (json_object_has_member (cup, "max_scale") && !get_number (cup, "max_scale", &self->max_scale)) ||
      self->min_scale <= 0 || self->max_scale < self->min_scale || self->max_scale > 3)
    return field_error (error, src, cup_anchors, "heel_cup.min_scale",
                        _("expected 0 < min_scale ≤ max_scale ≤ 3"));

  node = json_object_get_member (root, "defaults");
  defaults = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  self->default_insole = find_choice (self->insoles, get_string (defaults, "insole"));
  self->default_profile = find_choice (self->profiles, get_string (defaults, "arch_profile"));
  self->default_cup = find_choice (self->levels, get_string (defaults, "heel_cup"));
  if (self->default_insole < 0 || self->default_profile < 0 || self->default_cup < 0)
    return field_error (error, src, defaults_anchors, "defaults",
                        _("expected the insole, arch_profile and heel_cup suggested when no rule says otherwise, "
                          "each one of those listed above"));

  node = json_object_get_member (root, "rules");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      const char *at[] = { NULL };
      return field_error (error, src, at, "rules", _("expected a list of rules"));
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    if (!parse_rule (self, src, json_array_get_element (json_node_get_array (node), i), i, error))
      return FALSE;

  node = json_object_get_member (root, "products");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    {
      const char *at[] = { "\"products\"", NULL };
      return field_error (error, src, at, "products", _("expected a list of products"));
    }
  for (guint i = 0; node != NULL && i < json_array_get_length (json_node_get_array (node)); i++)
    if (!parse_product (self, src, json_array_get_element (json_node_get_array (node), i), i, error))
      return FALSE;
  return parse_design (self, src, root, error);
}

static PlantarRules *
rules_from_source (const Source  *src,
                   GError       **error)
{
  PlantarRules *self = g_atomic_rc_box_new0 (PlantarRules);

  self->source = g_strdup (src->name);
  self->insoles = g_ptr_array_new_with_free_func (choice_free);
  self->profiles = g_ptr_array_new_with_free_func (choice_free);
  self->add_ons = g_ptr_array_new_with_free_func (choice_free);
  self->levels = g_ptr_array_new_with_free_func (choice_free);
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  self->products = g_ptr_array_new_with_free_func (product_free);
  if (!parse_all (self, src, plantar_json_source_get_root (src), error))
    {
      plantar_rules_unref (self);
      return NULL;
    }
  return self;
}

/**
 * plantar_rules_parse:
 * @name: how messages name the file
 *
 * Returns: (transfer full) (nullable): the rules, or %NULL with an error
 *   naming the file, the line and the field
 */
PlantarRules *
plantar_rules_parse (const char  *text,
                     gssize       length,
                     const char  *name,
                     GError     **error)
{
  PlantarJsonSource src;
  PlantarRules *self = NULL;

  if (plantar_json_source_load_data (&src, text, length, name, PLANTAR_RULES_ERROR, PLANTAR_RULES_ERROR_SYNTAX,
                                     error))
    self = rules_from_source (&src, error);
  plantar_json_source_clear (&src);
  return self;
}

/* A rules file is a few kilobytes of JSON; a shop's catalogue may make it
 * a few hundred. */
#define MAX_RULES_BYTES (4 * 1024 * 1024)

PlantarRules *
plantar_rules_load (const char  *path,
                    GError     **error)
{
  PlantarJsonSource src;
  PlantarRules *self = NULL;

  if (plantar_json_source_load_file (&src, path, MAX_RULES_BYTES, PLANTAR_RULES_ERROR, PLANTAR_RULES_ERROR_SYNTAX,
                                     error))
    self = rules_from_source (&src, error);
  plantar_json_source_clear (&src);
  return self;
}

/**
 * plantar_rules_get_builtin:
 *
 * Plantar's own rules (data/plantar-rules.json, built in).
 *
 * Returns: (transfer none)
 */
PlantarRules *
plantar_rules_get_builtin (void)
{
  static PlantarRules *builtin;
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = plantar_core_get_builtin_data ("plantar-rules.json");
      reading_builtin = TRUE;
      builtin = plantar_rules_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     "plantar-rules.json", &error);
      reading_builtin = FALSE;
      if (builtin == NULL)
        g_error ("the built-in rules are malformed: %s", error->message);
      g_once_init_leave (&initialised, 1);
    }
  return builtin;
}

char *
plantar_rules_get_user_path (void)
{
  return plantar_core_get_user_data_path ("rules.json");
}

/**
 * plantar_rules_get_default:
 * @warning: (nullable): what is wrong with the shop's file, when it is
 *
 * The shop's rules from ~/.config/plantar/rules.json if that file exists
 * and is valid, otherwise the built-in ones.
 *
 * Returns: (transfer full)
 */
PlantarRules *
plantar_rules_get_default (GError **warning)
{
  g_autofree char *path = plantar_rules_get_user_path ();
  g_autoptr(GError) error = NULL;
  PlantarRules *rules;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return plantar_rules_ref (plantar_rules_get_builtin ());
  rules = plantar_rules_load (path, &error);
  if (rules == NULL)
    {
      g_debug ("%s; using Plantar's own rules", error->message);
      if (warning != NULL)
        *warning = g_steal_pointer (&error);
      return plantar_rules_ref (plantar_rules_get_builtin ());
    }
  return rules;
}

PlantarRules *
plantar_rules_ref (PlantarRules *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
plantar_rules_unref (PlantarRules *self)
{
  g_atomic_rc_box_release_full (self, rules_clear);
}

const char *
plantar_rules_get_source (PlantarRules *self)
{
  return self->source;
}

const char *
plantar_rules_get_caveat (PlantarRules *self)
{
  return self->caveat;
}

guint
plantar_rules_get_n_rules (PlantarRules *self)
{
  return self->rules->len;
}

guint
plantar_rules_get_n_products (PlantarRules *self)
{
  return self->products->len;
}

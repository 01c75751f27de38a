/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-json-source.h"
#include "plantar-rules.h"

/* ------------------------------------------------------------ what rules read */

typedef enum {
  KIND_NUMBER,
  KIND_WORD,
  KIND_SET,
} Kind;

typedef enum {
  VAR_ARCH_INDEX,
  VAR_CHIPPAUX_SMIRAK,
  VAR_STAHELI,
  VAR_CLARKE_ANGLE,
  VAR_CPEI,
  VAR_HEEL_OFFSET,
  VAR_HEEL_MEDIAL_LOAD,
  VAR_MEDIAL_LOAD,
  VAR_HEEL_PEAK,
  VAR_FOREFOOT_PEAK,
  VAR_FOOT_LENGTH,
  VAR_BALL_WIDTH,
  VAR_PROGRESSION_ANGLE,
  VAR_ASYMMETRY_ARCH_INDEX,
  VAR_ASYMMETRY_HEEL_OFFSET,
  VAR_ASYMMETRY_LOAD,
  VAR_WEEKLY_KM,
  VAR_BODY_MASS,
  VAR_ACTIVITY,
  VAR_SHOE,
  VAR_ARCH,
  VAR_SIDE,
  VAR_INSOLE,
  VAR_ARCH_PROFILE,
  VAR_HEEL_CUP,
  VAR_PAIN,
  N_VARS
} Var;

static const char * const activities[] = { "running", "walking", "standing", NULL };
static const char * const shoes[] = { "running", "walking", "casual", "dress", "work", "hiking", NULL };
static const char * const arches[] = { "high", "normal", "flat", NULL };
static const char * const sides[] = { "left", "right", NULL };
static const char * const pains[] = { "heel", "arch", "forefoot", "knee", "lower_back", NULL };

static const struct {
  const char         *name;
  Kind                kind;
  int                 decimals;
  const char * const *words;   /* NULL for the suggestion's own, checked against the file */
} variables[N_VARS] = {
  [VAR_ARCH_INDEX]            = { "arch_index", KIND_NUMBER, 3 },
  [VAR_CHIPPAUX_SMIRAK]       = { "chippaux_smirak", KIND_NUMBER, 1 },
  [VAR_STAHELI]               = { "staheli", KIND_NUMBER, 2 },
  [VAR_CLARKE_ANGLE]          = { "clarke_angle_deg", KIND_NUMBER, 1 },
  [VAR_CPEI]                  = { "cpei_pct", KIND_NUMBER, 1 },
  [VAR_HEEL_OFFSET]           = { "heel_offset_mm", KIND_NUMBER, 1 },
  [VAR_HEEL_MEDIAL_LOAD]      = { "heel_medial_load_pct", KIND_NUMBER, 0 },
  [VAR_MEDIAL_LOAD]           = { "medial_load_pct", KIND_NUMBER, 0 },
  [VAR_HEEL_PEAK]             = { "heel_peak_kpa", KIND_NUMBER, 0 },
  [VAR_FOREFOOT_PEAK]         = { "forefoot_peak_kpa", KIND_NUMBER, 0 },
  [VAR_FOOT_LENGTH]           = { "foot_length_mm", KIND_NUMBER, 1 },
  [VAR_BALL_WIDTH]            = { "ball_width_mm", KIND_NUMBER, 1 },
  [VAR_PROGRESSION_ANGLE]     = { "progression_angle_deg", KIND_NUMBER, 1 },
  [VAR_ASYMMETRY_ARCH_INDEX]  = { "asymmetry_arch_index", KIND_NUMBER, 3 },
  [VAR_ASYMMETRY_HEEL_OFFSET] = { "asymmetry_heel_offset_mm", KIND_NUMBER, 1 },
  [VAR_ASYMMETRY_LOAD]        = { "asymmetry_load_pct", KIND_NUMBER, 0 },
  [VAR_WEEKLY_KM]             = { "weekly_km", KIND_NUMBER, 0 },
  [VAR_BODY_MASS]             = { "body_mass_kg", KIND_NUMBER, 0 },
  [VAR_ACTIVITY]              = { "activity", KIND_WORD, 0, activities },
  [VAR_SHOE]                  = { "shoe", KIND_WORD, 0, shoes },
  [VAR_ARCH]                  = { "arch", KIND_WORD, 0, arches },
  [VAR_SIDE]                  = { "side", KIND_WORD, 0, sides },
  [VAR_INSOLE]                = { "insole", KIND_WORD, 0, NULL },
  [VAR_ARCH_PROFILE]          = { "arch_profile", KIND_WORD, 0, NULL },
  [VAR_HEEL_CUP]              = { "heel_cup", KIND_WORD, 0, NULL },
  [VAR_PAIN]                  = { "pain", KIND_SET, 0, pains },
};

static int
find_variable (const char *name,
               gsize       length)
{
  for (int i = 0; i < N_VARS; i++)
    if (strlen (variables[i].name) == length && strncmp (variables[i].name, name, length) == 0)
      return i;
  return -1;
}

static char *
variable_names (void)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < N_VARS; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", variables[i].name);
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------ the file */

typedef enum {
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_EQ,
  OP_NE,
  OP_INCLUDES,
  OP_EXCLUDES,
} Op;

static const char * const op_names[] = { "<", "<=", ">", ">=", "==", "!=", "includes", "excludes" };

typedef struct {
  Var    var;
  Op     op;
  double number;
  int    word;       /* index into the variable's words, or the file's choices */
} Condition;

typedef struct {
  char *id;
  char *label;
  char *description;
  double depth_mm;
} Choice;

typedef struct {
  char      *id;
  GArray    *when;       /* Condition, all of them */
  GArray    *when_any;   /* Condition, one of them (none: no such clause) */
  int        insole, arch_profile, heel_cup;   /* -1: not set */
  GArray    *add;        /* int */
  gboolean   refer;
  double     heel_cup_max_mm;
  char      *because;
  char      *source;
} Rule;

typedef struct {
  PlantarProduct public;
  int insole, arch_profile, heel_cup, add_on;  /* -1: any */
} Product;

struct _PlantarRules
{
  char      *source;
  char      *caveat;
  GPtrArray *insoles, *profiles, *add_ons, *levels;  /* Choice */
  double     reference_length_mm, min_scale, max_scale;
  int        default_insole, default_profile, default_cup;
  GPtrArray *rules;      /* Rule */
  GPtrArray *products;   /* Product */
};

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
      c->label = g_strdup (label);
      c->description = g_strdup (get_string (o, "description"));
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

static int
find_word (const char * const *words,
           const char         *word)
{
  for (int i = 0; words[i] != NULL; i++)
    if (g_str_equal (words[i], word))
      return i;
  return -1;
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

  var = find_variable (g_ptr_array_index (words, 0), strlen (g_ptr_array_index (words, 0)));
  if (var < 0)
    {
      g_autofree char *names = variable_names ();
      return field_error (error, src, anchors, path, _("unknown measure or answer “%s”; expected one of %s"),
                          (char *) g_ptr_array_index (words, 0), names);
    }
  for (guint i = 0; i < G_N_ELEMENTS (op_names); i++)
    if (g_str_equal (op_names[i], g_ptr_array_index (words, 1)))
      op = i;
  cond->var = var;
  cond->op = op;

  switch (variables[var].kind)
    {
    case KIND_NUMBER:
      {
        const char *value = g_ptr_array_index (words, 2);
        char *end = NULL;
        if (op < 0 || op > OP_NE)
          return field_error (error, src, anchors, path, _("“%s” compares a number: expected <, <=, >, >=, == or !="),
                              variables[var].name);
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
          return field_error (error, src, anchors, path, _("“%s” is a word: expected == or !="), variables[var].name);
        cond->word = choices ? find_choice (choices, value) : find_word (variables[var].words, value);
        if (cond->word < 0)
          {
            g_autofree char *list = choices ? choice_ids (choices) : g_strjoinv (", ", (char **) variables[var].words);
            return field_error (error, src, anchors, path, _("“%s” is not a value of %s; expected one of %s"),
                                value, variables[var].name, list);
          }
        return TRUE;
      }
    case KIND_SET:
    default:
      {
        const char *value = g_ptr_array_index (words, 2);
        if (op != OP_INCLUDES && op != OP_EXCLUDES)
          return field_error (error, src, anchors, path, _("“%s” is a list: expected includes or excludes"), variables[var].name);
        cond->word = find_word (variables[var].words, value);
        if (cond->word < 0)
          {
            g_autofree char *list = g_strjoinv (", ", (char **) variables[var].words);
            return field_error (error, src, anchors, path, _("“%s” is not a value of %s; expected one of %s"),
                                value, variables[var].name, list);
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
      var = find_variable (p + 1, (bar ? bar : end) - p - 1);
      if (var < 0 || (bar != NULL && strncmp (bar, "|abs}", 5) != 0))
        {
          g_autofree char *name = g_strndup (p, end - p + 1);
          g_autofree char *names = variable_names ();
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
  rule->because = g_strdup (because);
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
  self->caveat = g_strdup (caveat);

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
  return TRUE;
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
      builtin = plantar_rules_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     "plantar-rules.json", &error);
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

/* ------------------------------------------------------------ answers */

void
plantar_answers_init (PlantarAnswers *answers)
{
  memset (answers, 0, sizeof *answers);
  answers->weekly_km = NAN;
  answers->body_mass_kg = NAN;
}

void
plantar_answers_clear (PlantarAnswers *answers)
{
  g_clear_pointer (&answers->activity, g_free);
  g_clear_pointer (&answers->shoe, g_free);
  plantar_answers_init (answers);
}

void
plantar_answers_copy (const PlantarAnswers *from,
                      PlantarAnswers       *to)
{
  *to = *from;
  to->activity = g_strdup (from->activity);
  to->shoe = g_strdup (from->shoe);
}

const char *
plantar_pain_to_string (PlantarPain pain)
{
  for (guint i = 0; i < PLANTAR_N_PAINS; i++)
    if (pain == (PlantarPain) (1u << i))
      return pains[i];
  return NULL;
}

PlantarPain
plantar_pain_from_string (const char *name)
{
  int i = name ? find_word (pains, name) : -1;
  return i < 0 ? 0 : (PlantarPain) (1u << i);
}

const char *
plantar_pain_get_label (PlantarPain pain)
{
  switch (pain)
    {
    case PLANTAR_PAIN_HEEL: return _("Heel");
    case PLANTAR_PAIN_ARCH: return _("Arch");
    case PLANTAR_PAIN_FOREFOOT: return _("Forefoot");
    case PLANTAR_PAIN_KNEE: return _("Knee");
    case PLANTAR_PAIN_LOWER_BACK: return _("Lower back");
    default: return NULL;
    }
}

const char * const *
plantar_answer_choices (const char *question)
{
  if (g_strcmp0 (question, "activity") == 0)
    return activities;
  if (g_strcmp0 (question, "shoe") == 0)
    return shoes;
  if (g_strcmp0 (question, "pain") == 0)
    return pains;
  return NULL;
}

const char *
plantar_answer_choice_label (const char *question,
                             const char *choice)
{
  static const struct { const char *question, *choice, *label; } labels[] = {
    { "activity", "running", N_("Running") },
    { "activity", "walking", N_("Walking") },
    { "activity", "standing", N_("Standing all day") },
    { "shoe", "running", N_("Running shoes") },
    { "shoe", "walking", N_("Walking shoes") },
    { "shoe", "casual", N_("Casual shoes") },
    { "shoe", "dress", N_("Dress shoes") },
    { "shoe", "work", N_("Work boots") },
    { "shoe", "hiking", N_("Hiking boots") },
  };

  if (g_strcmp0 (question, "pain") == 0)
    return plantar_pain_get_label (plantar_pain_from_string (choice));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].question, question) == 0 && g_strcmp0 (labels[i].choice, choice) == 0)
      return g_dgettext (GETTEXT_PACKAGE, labels[i].label);
  return NULL;
}

/**
 * plantar_answers_set:
 * @question: "activity", "weekly_km", "body_mass_kg", "pain" (a comma
 *   list) or "shoe"
 *
 * Sets an answer from text, as the command line and the files give it.
 */
gboolean
plantar_answers_set (PlantarAnswers *answers,
                     const char     *question,
                     const char     *value,
                     GError        **error)
{
  if (g_str_equal (question, "activity") || g_str_equal (question, "shoe"))
    {
      const char * const *choices = plantar_answer_choices (question);
      if (find_word (choices, value) < 0)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) choices);
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s “%s” is not known; expected one of %s"), question, value, list);
          return FALSE;
        }
      g_free (g_str_equal (question, "activity") ? answers->activity : answers->shoe);
      *(g_str_equal (question, "activity") ? &answers->activity : &answers->shoe) = g_strdup (value);
      return TRUE;
    }
  if (g_str_equal (question, "weekly_km") || g_str_equal (question, "body_mass_kg"))
    {
      gboolean km = g_str_equal (question, "weekly_km");
      double limit = km ? 500 : 400;
      char *end = NULL;
      double v = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0' || !isfinite (v) || v < 0 || v > limit)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       km ? _("weekly distance “%s” is not a number of kilometres between 0 and 500")
                          : _("body mass “%s” is not a number of kilograms between 0 and 400"), value);
          return FALSE;
        }
      *(km ? &answers->weekly_km : &answers->body_mass_kg) = v;
      return TRUE;
    }
  if (g_str_equal (question, "pain"))
    {
      g_auto(GStrv) names = g_strsplit (value, ",", -1);
      PlantarPain pain = 0;
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_strstrip (names[i]);
          if (*names[i] == '\0' || g_str_equal (names[i], "none"))
            continue;
          if (plantar_pain_from_string (names[i]) == 0)
            {
              g_autofree char *list = g_strjoinv (", ", (char **) pains);
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("pain “%s” is not known; expected one or more of %s, separated by commas"), names[i], list);
              return FALSE;
            }
          pain |= plantar_pain_from_string (names[i]);
        }
      answers->pain = pain;
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION, _("“%s” is not a question Plantar asks"), question);
  return FALSE;
}

/* ------------------------------------------------------------ suggesting */

typedef struct {
  double      numbers[N_VARS];
  int         words[N_VARS];     /* -1: not known */
  PlantarPain pain;
} Facts;

static double
forefoot_peak (const PlantarFoot *foot)
{
  static const PlantarRegion regions[] = {
    PLANTAR_REGION_FOREFOOT, PLANTAR_REGION_MTH1, PLANTAR_REGION_MTH2, PLANTAR_REGION_MTH3,
    PLANTAR_REGION_MTH4, PLANTAR_REGION_MTH5,
  };
  double peak = NAN;

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      double v = foot->regions[regions[i]].peak_kpa;
      if (isfinite (v) && v > 0 && !(v <= peak))
        peak = v;
    }
  return peak;
}

static void
facts_init (Facts                  *facts,
            const PlantarFoot      *foot,
            PlantarSide             side,
            const PlantarAnswers   *answers,
            const PlantarAsymmetry *asymmetry,
            PlantarThresholds      *thresholds)
{
  PlantarCategory category;

  for (int i = 0; i < N_VARS; i++)
    {
      facts->numbers[i] = NAN;
      facts->words[i] = -1;
    }
  facts->numbers[VAR_ARCH_INDEX] = foot->arch_index;
  facts->numbers[VAR_CHIPPAUX_SMIRAK] = foot->chippaux_smirak;
  facts->numbers[VAR_STAHELI] = foot->staheli;
  facts->numbers[VAR_CLARKE_ANGLE] = foot->clarke_angle_deg;
  facts->numbers[VAR_CPEI] = foot->cpei_pct;
  facts->numbers[VAR_HEEL_OFFSET] = foot->heel_cop_offset_mm;
  facts->numbers[VAR_HEEL_MEDIAL_LOAD] = foot->heel_medial_load_pct;
  facts->numbers[VAR_MEDIAL_LOAD] = foot->medial_load_pct;
  facts->numbers[VAR_HEEL_PEAK] = foot->has_pressure ? foot->heel_peak_kpa : NAN;
  facts->numbers[VAR_FOREFOOT_PEAK] = foot->has_pressure ? forefoot_peak (foot) : NAN;
  facts->numbers[VAR_FOOT_LENGTH] = foot->foot_length_mm;
  facts->numbers[VAR_BALL_WIDTH] = foot->ball_width_mm;
  facts->numbers[VAR_PROGRESSION_ANGLE] = foot->progression_angle_deg;
  if (asymmetry->available)
    {
      facts->numbers[VAR_ASYMMETRY_ARCH_INDEX] = fabs (asymmetry->arch_index_diff);
      facts->numbers[VAR_ASYMMETRY_HEEL_OFFSET] = fabs (asymmetry->heel_offset_diff_mm);
      facts->numbers[VAR_ASYMMETRY_LOAD] = fabs (asymmetry->load_diff_pct);
    }
  facts->numbers[VAR_WEEKLY_KM] = answers->weekly_km;
  facts->numbers[VAR_BODY_MASS] = answers->body_mass_kg;
  facts->words[VAR_ACTIVITY] = answers->activity ? find_word (activities, answers->activity) : -1;
  facts->words[VAR_SHOE] = answers->shoe ? find_word (shoes, answers->shoe) : -1;
  facts->words[VAR_SIDE] = side == PLANTAR_SIDE_LEFT ? 0 : side == PLANTAR_SIDE_RIGHT ? 1 : -1;
  if (thresholds != NULL && isfinite (foot->arch_index) &&
      plantar_thresholds_categorize (thresholds, "arch_index", foot->arch_index, &category) &&
      category.category != NULL)
    facts->words[VAR_ARCH] = find_word (arches, category.category);
  facts->pain = answers->pain;
}

static gboolean
holds (const Condition *c,
       const Facts     *facts)
{
  if (variables[c->var].kind == KIND_NUMBER)
    {
      double v = facts->numbers[c->var];
      if (!isfinite (v))
        return FALSE;     /* not measured: the rule cannot say */
      switch (c->op)
        {
        case OP_LT: return v < c->number;
        case OP_LE: return v <= c->number;
        case OP_GT: return v > c->number;
        case OP_GE: return v >= c->number;
        case OP_EQ: return v == c->number;
        case OP_NE: return v != c->number;
        default: return FALSE;
        }
    }
  if (variables[c->var].kind == KIND_WORD)
    {
      int w = facts->words[c->var];
      if (w < 0)
        return FALSE;
      return c->op == OP_EQ ? w == c->word : w != c->word;
    }
  {
    gboolean has = (facts->pain & (1u << c->word)) != 0;
    return c->op == OP_INCLUDES ? has : !has;
  }
}

static gboolean
rule_holds (const Rule  *rule,
            const Facts *facts)
{
  gboolean any = FALSE;

  for (guint i = 0; rule->when && i < rule->when->len; i++)
    if (!holds (&g_array_index (rule->when, Condition, i), facts))
      return FALSE;
  if (rule->when_any == NULL)
    return TRUE;
  for (guint i = 0; i < rule->when_any->len && !any; i++)
    any = holds (&g_array_index (rule->when_any, Condition, i), facts);
  return any;
}

/* The number as a person writes it: no trailing zeros, "–" when unknown. */
static void
append_number (GString *s,
               double   v,
               int      decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  if (!isfinite (v))
    {
      g_string_append (s, "–");
      return;
    }
  g_snprintf (buffer, sizeof buffer, "%.*f", decimals, v);
  if (strchr (buffer, '.') != NULL)
    {
      end = buffer + strlen (buffer) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (g_str_equal (buffer, "-0"))
    strcpy (buffer, "0");
  g_string_append (s, buffer);
}

static char *
expand (const char  *text,
        const Facts *facts)
{
  GString *s = g_string_new (NULL);
  const char *p = text;

  for (const char *open = strchr (p, '{'); open != NULL; open = strchr (p, '{'))
    {
      const char *close = strchr (open, '}');
      const char *bar = memchr (open, '|', close - open);
      int var = find_variable (open + 1, (bar ? bar : close) - open - 1);

      g_string_append_len (s, p, open - p);
      if (variables[var].kind == KIND_NUMBER)
        append_number (s, bar ? fabs (facts->numbers[var]) : facts->numbers[var], variables[var].decimals);
      else if (variables[var].kind == KIND_WORD && variables[var].words && facts->words[var] >= 0)
        g_string_append (s, variables[var].words[facts->words[var]]);
      else if (variables[var].kind == KIND_SET)
        {
          gboolean first = TRUE;
          for (guint i = 0; i < PLANTAR_N_PAINS; i++)
            if (facts->pain & (1u << i))
              {
                g_string_append_printf (s, "%s%s", first ? "" : ", ", pains[i]);
                first = FALSE;
              }
        }
      else
        g_string_append (s, "–");
      p = close + 1;
    }
  g_string_append (s, p);
  return g_string_free (s, FALSE);
}

static void
reason_free (gpointer data)
{
  PlantarReason *r = data;
  g_free (r->rule);
  g_free (r->text);
  g_free (r->source);
  g_free (r);
}

static const Choice *
choice_at (GPtrArray *choices,
           int        index)
{
  return g_ptr_array_index (choices, index);
}

static void
suggest_foot (PlantarRules           *self,
              const PlantarFoot      *foot,
              PlantarSide             side,
              const PlantarAnswers   *answers,
              const PlantarAsymmetry *asymmetry,
              PlantarThresholds      *thresholds,
              PlantarFootAdvice      *advice)
{
  Facts facts;
  int insole = -1, profile = -1, cup = -1;
  double cap = INFINITY, scale = 1;
  g_autoptr(GArray) adds = g_array_new (FALSE, FALSE, sizeof (int));
  const Choice *level;

  advice->reasons = g_ptr_array_new_with_free_func (reason_free);
  advice->add_ons = g_ptr_array_new ();
  advice->add_on_ids = g_ptr_array_new ();
  advice->products = g_ptr_array_new ();
  if (foot == NULL)
    return;
  advice->available = TRUE;
  facts_init (&facts, foot, side, answers, asymmetry, thresholds);

  for (guint i = 0; i < self->rules->len; i++)
    {
      const Rule *rule = g_ptr_array_index (self->rules, i);
      PlantarReason *reason;

      /* what the rules above suggested, for the rules below to read */
      facts.words[VAR_INSOLE] = insole >= 0 ? insole : self->default_insole;
      facts.words[VAR_ARCH_PROFILE] = profile >= 0 ? profile : self->default_profile;
      facts.words[VAR_HEEL_CUP] = cup >= 0 ? cup : self->default_cup;
      if (!rule_holds (rule, &facts))
        continue;

      /* the strongest insole and the deepest cup; the first arch profile */
      insole = MAX (insole, rule->insole);
      if (profile < 0)
        profile = rule->arch_profile;
      cup = MAX (cup, rule->heel_cup);
      if (isfinite (rule->heel_cup_max_mm))
        cap = MIN (cap, rule->heel_cup_max_mm);
      for (guint k = 0; k < rule->add->len; k++)
        {
          int add = g_array_index (rule->add, int, k);
          gboolean known = FALSE;
          for (guint j = 0; j < adds->len; j++)
            known |= g_array_index (adds, int, j) == add;
          if (!known)
            g_array_append_val (adds, add);
        }
      reason = g_new0 (PlantarReason, 1);
      reason->rule = g_strdup (rule->id);
      reason->text = expand (rule->because, &facts);
      reason->source = g_strdup (rule->source);
      reason->refer = rule->refer;
      g_ptr_array_add (advice->reasons, reason);
    }

  insole = insole >= 0 ? insole : self->default_insole;
  profile = profile >= 0 ? profile : self->default_profile;
  cup = cup >= 0 ? cup : self->default_cup;
  advice->insole = choice_at (self->insoles, insole)->id;
  advice->insole_label = choice_at (self->insoles, insole)->label;
  advice->insole_description = choice_at (self->insoles, insole)->description;
  advice->arch_profile = choice_at (self->profiles, profile)->id;
  advice->arch_profile_label = choice_at (self->profiles, profile)->label;
  level = choice_at (self->levels, cup);
  advice->heel_cup = level->id;
  advice->heel_cup_label = level->label;
  if (isfinite (foot->foot_length_mm) && foot->foot_length_mm > 0)
    scale = CLAMP (foot->foot_length_mm / self->reference_length_mm, self->min_scale, self->max_scale);
  advice->heel_cup_mm = MIN (round (level->depth_mm * scale), cap);
  for (guint j = 0; j < adds->len; j++)
    {
      const Choice *c = choice_at (self->add_ons, g_array_index (adds, int, j));
      g_ptr_array_add (advice->add_ons, c->label);
      g_ptr_array_add (advice->add_on_ids, c->id);
    }

  /* what the shop stocks for it */
  for (guint i = 0; i < self->products->len; i++)
    {
      Product *p = g_ptr_array_index (self->products, i);
      gboolean fits = (p->insole < 0 || p->insole == insole) &&
                      (p->arch_profile < 0 || p->arch_profile == profile) &&
                      (p->heel_cup < 0 || p->heel_cup == cup);
      if (p->add_on >= 0)
        {
          gboolean has = FALSE;
          for (guint j = 0; j < adds->len; j++)
            has |= g_array_index (adds, int, j) == p->add_on;
          fits &= has;
        }
      if (fits)
        g_ptr_array_add (advice->products, &p->public);
    }
}

static void
foot_advice_clear (PlantarFootAdvice *advice)
{
  g_clear_pointer (&advice->reasons, g_ptr_array_unref);
  g_clear_pointer (&advice->add_ons, g_ptr_array_unref);
  g_clear_pointer (&advice->add_on_ids, g_ptr_array_unref);
  g_clear_pointer (&advice->products, g_ptr_array_unref);
}

/**
 * plantar_rules_suggest:
 *
 * Applies the rules in order to each foot. The reasons to see a podiatrist
 * are gathered once for the fitting: a rule that says the same of both
 * feet says it once, a rule that says something of each foot says it with
 * the side.
 *
 * Returns: (transfer full): the advice
 */
PlantarAdvice *
plantar_rules_suggest (PlantarRules         *self,
                       const PlantarFoot    *left,
                       const PlantarFoot    *right,
                       const PlantarAnswers *answers,
                       PlantarThresholds    *thresholds)
{
  PlantarAdvice *advice = g_new0 (PlantarAdvice, 1);
  PlantarAsymmetry asymmetry = { 0 };
  PlantarAnswers none;

  plantar_answers_init (&none);
  if (thresholds == NULL)
    thresholds = plantar_thresholds_get_builtin ();
  if (answers == NULL)
    answers = &none;
  if (left != NULL && right != NULL)
    plantar_asymmetry_compute (left, right, thresholds, &asymmetry);

  advice->rules = plantar_rules_ref (self);
  advice->caveat = self->caveat;
  suggest_foot (self, left, PLANTAR_SIDE_LEFT, answers, &asymmetry, thresholds, &advice->left);
  suggest_foot (self, right, PLANTAR_SIDE_RIGHT, answers, &asymmetry, thresholds, &advice->right);

  advice->referrals = g_ptr_array_new_with_free_func (g_free);
  for (int s = 0; s < 2; s++)
    {
      PlantarFootAdvice *mine = s == 0 ? &advice->left : &advice->right;
      PlantarFootAdvice *other = s == 0 ? &advice->right : &advice->left;
      for (guint i = 0; i < mine->reasons->len; i++)
        {
          PlantarReason *r = g_ptr_array_index (mine->reasons, i);
          gboolean same = FALSE, said = FALSE;
          if (!r->refer)
            continue;
          for (guint j = 0; j < other->reasons->len; j++)
            {
              PlantarReason *o = g_ptr_array_index (other->reasons, j);
              same |= g_str_equal (o->text, r->text);
            }
          for (guint j = 0; j < advice->referrals->len; j++)
            said |= g_str_equal (g_ptr_array_index (advice->referrals, j), r->text);
          if (same && said)
            continue;
          g_ptr_array_add (advice->referrals,
                           same ? g_strdup (r->text)
                                /* TRANSLATORS: "Left foot: <a reason to see a podiatrist>" */
                                : g_strdup_printf (s == 0 ? _("Left foot: %s") : _("Right foot: %s"), r->text));
        }
    }
  return advice;
}

void
plantar_advice_free (PlantarAdvice *advice)
{
  if (advice == NULL)
    return;
  foot_advice_clear (&advice->left);
  foot_advice_clear (&advice->right);
  g_clear_pointer (&advice->referrals, g_ptr_array_unref);
  g_clear_pointer (&advice->rules, plantar_rules_unref);
  g_free (advice);
}

const PlantarFootAdvice *
plantar_advice_get_foot (const PlantarAdvice *advice,
                         PlantarSide          side)
{
  return side == PLANTAR_SIDE_RIGHT ? &advice->right : &advice->left;
}

static void
add_choice (JsonBuilder *b,
            const char  *member,
            const char  *id,
            const char  *label)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, label);
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_number_or_null (JsonBuilder *b,
                    const char  *member,
                    double       value)
{
  json_builder_set_member_name (b, member);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
build_foot (JsonBuilder             *b,
            const PlantarFootAdvice *f)
{
  if (!f->available)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  add_choice (b, "insole", f->insole, f->insole_label);
  add_string_or_null (b, "description", f->insole_description);
  json_builder_end_object (b);
  add_choice (b, "arch_profile", f->arch_profile, f->arch_profile_label);
  json_builder_end_object (b);
  add_choice (b, "heel_cup", f->heel_cup, f->heel_cup_label);
  json_builder_set_member_name (b, "depth_mm");
  json_builder_add_double_value (b, f->heel_cup_mm);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "add_ons");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->add_ons->len; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, g_ptr_array_index (f->add_on_ids, i));
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, g_ptr_array_index (f->add_ons, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->reasons->len; i++)
    {
      PlantarReason *r = g_ptr_array_index (f->reasons, i);
      json_builder_begin_object (b);
      add_string_or_null (b, "rule", r->rule);
      add_string_or_null (b, "text", r->text);
      add_string_or_null (b, "source", r->source);
      json_builder_set_member_name (b, "refer");
      json_builder_add_boolean_value (b, r->refer);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "products");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->products->len; i++)
    {
      PlantarProduct *p = g_ptr_array_index (f->products, i);
      json_builder_begin_object (b);
      add_string_or_null (b, "name", p->name);
      add_string_or_null (b, "code", p->code);
      add_string_or_null (b, "price", p->price);
      add_string_or_null (b, "note", p->note);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * plantar_advice_build_json:
 *
 * Adds the members "rules", "answers", "left", "right", "referrals" and
 * "caveat" to the object being built.
 */
void
plantar_advice_build_json (const PlantarAdvice  *advice,
                           const PlantarAnswers *answers,
                           JsonBuilder          *b)
{
  add_string_or_null (b, "rules", advice->rules->source);
  json_builder_set_member_name (b, "answers");
  json_builder_begin_object (b);
  add_string_or_null (b, "activity", answers ? answers->activity : NULL);
  add_number_or_null (b, "weekly_km", answers ? answers->weekly_km : NAN);
  add_number_or_null (b, "body_mass_kg", answers ? answers->body_mass_kg : NAN);
  json_builder_set_member_name (b, "pain");
  json_builder_begin_array (b);
  for (guint i = 0; answers && i < PLANTAR_N_PAINS; i++)
    if (answers->pain & (1u << i))
      json_builder_add_string_value (b, pains[i]);
  json_builder_end_array (b);
  add_string_or_null (b, "shoe", answers ? answers->shoe : NULL);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "left");
  build_foot (b, &advice->left);
  json_builder_set_member_name (b, "right");
  build_foot (b, &advice->right);
  json_builder_set_member_name (b, "referrals");
  json_builder_begin_array (b);
  for (guint i = 0; i < advice->referrals->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (advice->referrals, i));
  json_builder_end_array (b);
  add_string_or_null (b, "caveat", advice->caveat);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-insole"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "plantar-insole.h"
#include "plantar-rules-private.h"

/* The parameters of a design: their keys, labels and ranges. The ranges
 * are what a shoe can hold and a foot can stand on; the values themselves
 * come from the rules file. */

#define P(field) offsetof (PlantarInsoleParams, field)

static const PlantarInsoleParamInfo params_info[] = {
  { "length", N_("Length"), N_("Outline"), PLANTAR_PARAM_CHOICE, P (length), 0, 1, 1 },
  { "length_mm", N_("Insole length"), N_("Outline"), PLANTAR_PARAM_LENGTH, P (length_mm), 0, 380, 1 },
  { "margin_mm", N_("Margin around the foot"), N_("Outline"), PLANTAR_PARAM_LENGTH, P (margin_mm), 0, 10, 0.5 },
  { "toe_allowance_mm", N_("Allowance beyond the toes"), N_("Outline"), PLANTAR_PARAM_LENGTH, P (toe_allowance_mm), 0, 30, 0.5 },
  { "smoothing_mm", N_("Outline smoothing"), N_("Outline"), PLANTAR_PARAM_LENGTH, P (smoothing_mm), 0, 15, 0.5 },
  { "three_quarter_behind_mth_mm", N_("Three-quarter end behind the metatarsal heads"), N_("Outline"), PLANTAR_PARAM_LENGTH, P (three_quarter_behind_mth_mm), 0, 30, 0.5 },
  { "base_mm", N_("Base thickness"), N_("Thickness"), PLANTAR_PARAM_LENGTH, P (base_mm), 1, 10, 0.1 },
  { "toe_mm", N_("Thickness under the toes"), N_("Thickness"), PLANTAR_PARAM_LENGTH, P (toe_mm), 0.5, 10, 0.1 },
  { "toe_taper_mm", N_("Taper to the toe thickness"), N_("Thickness"), PLANTAR_PARAM_LENGTH, P (toe_taper_mm), 5, 60, 1 },
  { "heel_cup_depth_mm", N_("Heel cup depth"), N_("Heel"), PLANTAR_PARAM_LENGTH, P (heel_cup_depth_mm), 0, 40, 0.5 },
  { "heel_cup_wall_mm", N_("Heel cup wall run"), N_("Heel"), PLANTAR_PARAM_LENGTH, P (heel_cup_wall_mm), 5, 40, 0.5 },
  { "heel_cup_length_mm", N_("Heel cup length ahead of the heel centre"), N_("Heel"), PLANTAR_PARAM_LENGTH, P (heel_cup_length_mm), 10, 120, 1 },
  { "post_deg", N_("Rearfoot post (medial +, lateral −)"), N_("Heel"), PLANTAR_PARAM_ANGLE, P (post_deg), -15, 15, 0.5 },
  { "heel_cushion_mm", N_("Heel cushion diameter (0: none)"), N_("Heel"), PLANTAR_PARAM_LENGTH, P (heel_cushion_mm), 0, 80, 1 },
  { "arch_height_mm", N_("Medial arch height"), N_("Arch"), PLANTAR_PARAM_LENGTH, P (arch_height_mm), 1, 35, 0.5 },
  { "arch_width_mm", N_("Medial arch width"), N_("Arch"), PLANTAR_PARAM_LENGTH, P (arch_width_mm), 10, 80, 1 },
  { "arch_inset_mm", N_("Medial arch peak from the edge"), N_("Arch"), PLANTAR_PARAM_LENGTH, P (arch_inset_mm), 0, 20, 0.5 },
  { "arch_end_behind_mth_mm", N_("Arch support ends behind the heads"), N_("Arch"), PLANTAR_PARAM_LENGTH, P (arch_end_behind_mth_mm), 0, 40, 1 },
  { "lateral_arch_mm", N_("Lateral arch rise"), N_("Arch"), PLANTAR_PARAM_LENGTH, P (lateral_arch_mm), 0, 15, 0.5 },
  { "lateral_arch_width_mm", N_("Lateral arch width"), N_("Arch"), PLANTAR_PARAM_LENGTH, P (lateral_arch_width_mm), 5, 40, 1 },
  { "metatarsal_pad_mm", N_("Metatarsal pad height (0: none)"), N_("Add-ons"), PLANTAR_PARAM_LENGTH, P (metatarsal_pad_mm), 0, 12, 0.5 },
  { "metatarsal_pad_length_mm", N_("Metatarsal pad length"), N_("Add-ons"), PLANTAR_PARAM_LENGTH, P (metatarsal_pad_length_mm), 10, 60, 1 },
  { "metatarsal_pad_width_mm", N_("Metatarsal pad width"), N_("Add-ons"), PLANTAR_PARAM_LENGTH, P (metatarsal_pad_width_mm), 10, 50, 1 },
  { "metatarsal_pad_behind_mm", N_("Metatarsal pad behind the heads"), N_("Add-ons"), PLANTAR_PARAM_LENGTH, P (metatarsal_pad_behind_mm), 0, 20, 0.5 },
};

#undef P

G_DEFINE_QUARK (plantar-insole-error-quark, plantar_insole_error)

const PlantarInsoleParamInfo *
plantar_insole_param_info (guint *n_params)
{
  *n_params = G_N_ELEMENTS (params_info);
  return params_info;
}

const PlantarInsoleParamInfo *
plantar_insole_param_find (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (params_info); i++)
    if (g_str_equal (params_info[i].key, key))
      return &params_info[i];
  return NULL;
}

double
plantar_insole_params_get (const PlantarInsoleParams    *params,
                           const PlantarInsoleParamInfo *info)
{
  if (info->kind == PLANTAR_PARAM_CHOICE)
    return params->length;
  return *(const double *) ((const char *) params + info->offset);
}

void
plantar_insole_params_set (PlantarInsoleParams          *params,
                           const PlantarInsoleParamInfo *info,
                           double                        value)
{
  if (info->kind == PLANTAR_PARAM_CHOICE)
    params->length = value >= 0.5 ? PLANTAR_INSOLE_THREE_QUARTER : PLANTAR_INSOLE_FULL;
  else
    *(double *) ((char *) params + info->offset) = value;
}

static gboolean
out_of_range (const PlantarInsoleParamInfo *info,
              double                        value,
              GError                      **error)
{
  const char *unit = info->kind == PLANTAR_PARAM_ANGLE ? "°" : " mm";

  g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
               /* TRANSLATORS: “base_mm” is −2 mm: expected 1 to 10 mm */
               _("%s is %g%s: expected %g to %g%s"), info->key, value, unit, info->min, info->max, unit);
  return FALSE;
}

gboolean
plantar_insole_params_validate (const PlantarInsoleParams *params,
                                GError                   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (params_info); i++)
    {
      const PlantarInsoleParamInfo *info = &params_info[i];
      double v = plantar_insole_params_get (params, info);
      if (!isfinite (v) || v < info->min || v > info->max)
        return out_of_range (info, v, error);
    }
  if (params->length_mm != 0 && params->length_mm < 150)
    {
      g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
                   _("length_mm is %g mm: expected 0 (from the foot) or 150 to 380 mm"), params->length_mm);
      return FALSE;
    }
  if (params->toe_mm > params->base_mm)
    {
      g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
                   _("toe_mm is %g mm: expected no more than base_mm (%g mm)"), params->toe_mm, params->base_mm);
      return FALSE;
    }
  if (params->arch_height_mm < params->base_mm)
    {
      g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
                   _("arch_height_mm is %g mm: expected at least base_mm (%g mm), the thickness it rises from"),
                   params->arch_height_mm, params->base_mm);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_value (const PlantarInsoleParamInfo *info,
             const char                   *text,
             double                       *value,
             GError                      **error)
{
  char *end = NULL;

  if (info->kind == PLANTAR_PARAM_CHOICE)
    {
      if (g_str_equal (text, "full") || g_str_equal (text, "three-quarter"))
        {
          *value = g_str_equal (text, "full") ? PLANTAR_INSOLE_FULL : PLANTAR_INSOLE_THREE_QUARTER;
          return TRUE;
        }
      g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
                   _("%s is “%s”: expected full or three-quarter"), info->key, text);
      return FALSE;
    }
  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*value))
    {
      g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
                   _("%s is “%s”: expected a number"), info->key, text);
      return FALSE;
    }
  if (*value < info->min || *value > info->max)
    return out_of_range (info, *value, error);
  return TRUE;
}

static char *
param_keys (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (params_info); i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", params_info[i].key);
  return g_string_free (s, FALSE);
}

static gboolean
unknown_key (const char *key,
             GError    **error)
{
  g_autofree char *keys = param_keys ();

  g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
               _("“%s” is not a parameter of an insole; they are %s"), key, keys);
  return FALSE;
}

gboolean
plantar_insole_params_parse_assignment (PlantarInsoleParams *params,
                                        const char          *assignment,
                                        GError             **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *key = eq ? g_strndup (assignment, eq - assignment) : NULL;
  const PlantarInsoleParamInfo *info;
  double value;

  if (key == NULL)
    {
      g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
                   _("“%s”: expected key=value, as heel_cup_depth_mm=18"), assignment);
      return FALSE;
    }
  g_strstrip (key);
  info = plantar_insole_param_find (key);
  if (info == NULL)
    return unknown_key (key, error);
  if (!parse_value (info, eq + 1, &value, error))
    return FALSE;
  plantar_insole_params_set (params, info, value);
  return TRUE;
}

gboolean
plantar_insole_params_read_json (PlantarInsoleParams *params,
                                 JsonObject          *object,
                                 const char         **bad_key,
                                 GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);
      const PlantarInsoleParamInfo *info = plantar_insole_param_find (key);
      double value;

      *bad_key = key;
      if (info == NULL)
        return unknown_key (key, error);
      if (info->kind == PLANTAR_PARAM_CHOICE)
        {
          const char *text = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                             ? json_node_get_string (node) : "";
          if (!parse_value (info, text, &value, error))
            return FALSE;
        }
      else
        {
          GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
          if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
            {
              g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER,
                           _("%s: expected a number"), key);
              return FALSE;
            }
          value = json_node_get_double (node);
          if (!isfinite (value) || value < info->min || value > info->max)
            return out_of_range (info, value, error);
        }
      plantar_insole_params_set (params, info, value);
    }
  *bad_key = NULL;
  return TRUE;
}

void
plantar_insole_params_build_json (const PlantarInsoleParams *params,
                                  JsonBuilder               *builder)
{
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (params_info); i++)
    {
      const PlantarInsoleParamInfo *info = &params_info[i];
      json_builder_set_member_name (builder, info->key);
      if (info->kind == PLANTAR_PARAM_CHOICE)
        json_builder_add_string_value (builder, params->length == PLANTAR_INSOLE_FULL ? "full" : "three-quarter");
      else
        json_builder_add_double_value (builder, round (plantar_insole_params_get (params, info) * 100) / 100);
    }
  json_builder_end_object (builder);
}

static gboolean
has_add_on (const PlantarFootAdvice *advice,
            const char              *id)
{
  for (guint i = 0; advice->add_on_ids != NULL && i < advice->add_on_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (advice->add_on_ids, i), id))
      return TRUE;
  return FALSE;
}

/**
 * plantar_insole_params_for_foot:
 * @advice: (nullable): the suggestion for the foot; without it the rules'
 *   defaults (medium arch, standard cup, no add-ons)
 */
gboolean
plantar_insole_params_for_foot (PlantarInsoleParams     *params,
                                PlantarRules            *rules,
                                const PlantarFootAdvice *advice,
                                JsonObject              *overrides,
                                GError                 **error)
{
  const RulesDesign *design = &rules->design;
  const char *bad_key = NULL;
  int profile = rules->default_profile;

  *params = design->params;
  if (advice != NULL && advice->available)
    {
      for (guint i = 0; i < rules->profiles->len; i++)
        if (g_strcmp0 (((Choice *) g_ptr_array_index (rules->profiles, i))->id, advice->arch_profile) == 0)
          profile = i;
      params->heel_cup_depth_mm = advice->heel_cup_mm;
      if (!has_add_on (advice, "metatarsal-pad"))
        params->metatarsal_pad_mm = 0;
      if (!has_add_on (advice, "heel-cushion"))
        params->heel_cushion_mm = 0;
      params->post_deg = has_add_on (advice, "medial-post") ? design->params.post_deg
                         : has_add_on (advice, "lateral-post") ? -design->params.post_deg : 0;
    }
  else
    {
      const Choice *cup = g_ptr_array_index (rules->levels, rules->default_cup);
      params->heel_cup_depth_mm = cup->depth_mm;
      params->metatarsal_pad_mm = params->heel_cushion_mm = params->post_deg = 0;
    }
  params->arch_height_mm = g_array_index (design->arch_heights, double, profile);

  if (overrides != NULL && !plantar_insole_params_read_json (params, overrides, &bad_key, error))
    return FALSE;
  return plantar_insole_params_validate (params, error);
}

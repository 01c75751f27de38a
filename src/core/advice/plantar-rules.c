/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-json-source.h"
#include "plantar-rules-private.h"

/* ------------------------------------------------------------ what rules read */

const char * const rules_activities[] = { "running", "walking", "standing", NULL };
const char * const rules_shoes[] = { "running", "walking", "casual", "dress", "work", "hiking", NULL };
const char * const rules_arches[] = { "high", "normal", "flat", NULL };
const char * const rules_sides[] = { "left", "right", NULL };
const char * const rules_pains[] = { "heel", "arch", "forefoot", "knee", "lower_back", NULL };
const char * const rules_strikes[] = { "rearfoot", "midfoot", "forefoot", NULL };
const char * const rules_gaits[] = { "walking", "running", NULL };

const RulesVariable rules_variables[N_VARS] = {
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
  [VAR_ACTIVITY]              = { "activity", KIND_WORD, 0, rules_activities },
  [VAR_SHOE]                  = { "shoe", KIND_WORD, 0, rules_shoes },
  [VAR_ARCH]                  = { "arch", KIND_WORD, 0, rules_arches },
  [VAR_SIDE]                  = { "side", KIND_WORD, 0, rules_sides },
  [VAR_INSOLE]                = { "insole", KIND_WORD, 0, NULL },
  [VAR_ARCH_PROFILE]          = { "arch_profile", KIND_WORD, 0, NULL },
  [VAR_HEEL_CUP]              = { "heel_cup", KIND_WORD, 0, NULL },
  [VAR_PAIN]                  = { "pain", KIND_SET, 0, rules_pains },
  [VAR_SPEED]                 = { "speed_kmh", KIND_NUMBER, 1 },
  [VAR_CADENCE]               = { "cadence_spm", KIND_NUMBER, 0 },
  [VAR_STRIKE_INDEX]          = { "strike_index_pct", KIND_NUMBER, 0 },
  [VAR_STRIKE]                = { "strike", KIND_WORD, 0, rules_strikes },
  [VAR_GAIT]                  = { "gait", KIND_WORD, 0, rules_gaits },
  [VAR_STANCE_SYMMETRY]       = { "stance_symmetry_pct", KIND_NUMBER, 0 },
  [VAR_STEP_LENGTH_SYMMETRY]  = { "step_length_symmetry_pct", KIND_NUMBER, 0 },
  [VAR_STEP_TIME_SYMMETRY]    = { "step_time_symmetry_pct", KIND_NUMBER, 0 },
};

int
rules_find_variable (const char *name,
                     gsize       length)
{
  for (int i = 0; i < N_VARS; i++)
    if (strlen (rules_variables[i].name) == length && strncmp (rules_variables[i].name, name, length) == 0)
      return i;
  return -1;
}

char *
rules_variable_names (void)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < N_VARS; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", rules_variables[i].name);
  return g_string_free (s, FALSE);
}

int
rules_find_word (const char * const *words,
                 const char         *word)
{
  for (int i = 0; words[i] != NULL; i++)
    if (g_str_equal (words[i], word))
      return i;
  return -1;
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
  facts->words[VAR_ACTIVITY] = answers->activity ? rules_find_word (rules_activities, answers->activity) : -1;
  facts->words[VAR_SHOE] = answers->shoe ? rules_find_word (rules_shoes, answers->shoe) : -1;
  facts->words[VAR_SIDE] = side == PLANTAR_SIDE_LEFT ? 0 : side == PLANTAR_SIDE_RIGHT ? 1 : -1;
  if (thresholds != NULL && isfinite (foot->arch_index) &&
      plantar_thresholds_categorize (thresholds, "arch_index", foot->arch_index, &category) &&
      category.category != NULL)
    facts->words[VAR_ARCH] = rules_find_word (rules_arches, category.category);
  /* a pain of one foot counts for that foot's insole only */
  facts->pain = plantar_answers_pain_of (answers, side);
}

/* The gait's facts: the walk's, and this side's strike */
static void
facts_add_gait (Facts             *facts,
                const PlantarGait *gait,
                PlantarSide        side)
{
  const PlantarGaitSide *mine;

  if (gait == NULL || !gait->available)
    return;
  mine = plantar_gait_get_side (gait, side);
  facts->numbers[VAR_SPEED] = gait->speed_mm_s * 3.6 / 1000;
  facts->numbers[VAR_CADENCE] = gait->cadence_spm;
  facts->numbers[VAR_STRIKE_INDEX] = mine->strike_index_pct.mean;
  facts->words[VAR_STRIKE] = plantar_strike_to_string (mine->strike)
                             ? rules_find_word (rules_strikes, plantar_strike_to_string (mine->strike)) : -1;
  facts->words[VAR_GAIT] = gait->running ? 1 : 0;
  facts->numbers[VAR_STANCE_SYMMETRY] = fabs (gait->symmetry_pct[PLANTAR_GAIT_SYMMETRY_STANCE]);
  facts->numbers[VAR_STEP_LENGTH_SYMMETRY] = fabs (gait->symmetry_pct[PLANTAR_GAIT_SYMMETRY_STEP_LENGTH]);
  facts->numbers[VAR_STEP_TIME_SYMMETRY] = fabs (gait->symmetry_pct[PLANTAR_GAIT_SYMMETRY_STEP_TIME]);
}

static gboolean
holds (const Condition *c,
       const Facts     *facts)
{
  if (rules_variables[c->var].kind == KIND_NUMBER)
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
  if (rules_variables[c->var].kind == KIND_WORD)
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
      int var = rules_find_variable (open + 1, (bar ? bar : close) - open - 1);

      g_string_append_len (s, p, open - p);
      if (rules_variables[var].kind == KIND_NUMBER)
        append_number (s, bar ? fabs (facts->numbers[var]) : facts->numbers[var], rules_variables[var].decimals);
      else if (rules_variables[var].kind == KIND_WORD && rules_variables[var].words && facts->words[var] >= 0)
        g_string_append (s, rules_variables[var].words[facts->words[var]]);
      else if (rules_variables[var].kind == KIND_SET)
        {
          gboolean first = TRUE;
          for (guint i = 0; i < PLANTAR_N_PAINS; i++)
            if (facts->pain & (1u << i))
              {
                g_string_append_printf (s, "%s%s", first ? "" : ", ", rules_pains[i]);
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
              const PlantarGait      *gait,
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
  facts_add_gait (&facts, gait, side);

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
  return plantar_rules_suggest_gait (self, left, right, answers, thresholds, NULL);
}

/**
 * plantar_rules_suggest_fitting:
 *
 * The suggestion for the feet of @fitting (the chosen foot or mean of
 * each side), with the gait of its recording, if it has one.
 */
PlantarAdvice *
plantar_rules_suggest_fitting (PlantarRules         *self,
                               PlantarFitting       *fitting,
                               const PlantarAnswers *answers,
                               PlantarThresholds    *thresholds)
{
  PlantarGait gait;
  PlantarAdvice *advice;

  plantar_gait_for_fitting (fitting, thresholds, &gait);
  advice = plantar_rules_suggest_gait (self, plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT),
                                       plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT), answers, thresholds,
                                       &gait);
  plantar_gait_clear (&gait);
  return advice;
}

/**
 * plantar_rules_suggest_gait:
 * @gait: (nullable): the recording's gait, for the rules that read it
 */
PlantarAdvice *
plantar_rules_suggest_gait (PlantarRules         *self,
                            const PlantarFoot    *left,
                            const PlantarFoot    *right,
                            const PlantarAnswers *answers,
                            PlantarThresholds    *thresholds,
                            const PlantarGait    *gait)
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
  suggest_foot (self, left, PLANTAR_SIDE_LEFT, answers, &asymmetry, gait, thresholds, &advice->left);
  suggest_foot (self, right, PLANTAR_SIDE_RIGHT, answers, &asymmetry, gait, thresholds, &advice->right);

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
  plantar_json_add_string (b, "description", f->insole_description);
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
      plantar_json_add_string (b, "rule", r->rule);
      plantar_json_add_string (b, "text", r->text);
      plantar_json_add_string (b, "source", r->source);
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
      plantar_json_add_string (b, "name", p->name);
      plantar_json_add_string (b, "code", p->code);
      plantar_json_add_string (b, "price", p->price);
      plantar_json_add_string (b, "note", p->note);
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
  plantar_json_add_string (b, "rules", advice->rules->source);
  json_builder_set_member_name (b, "answers");
  json_builder_begin_object (b);
  plantar_json_add_string (b, "activity", answers ? answers->activity : NULL);
  add_number_or_null (b, "weekly_km", answers ? answers->weekly_km : NAN);
  add_number_or_null (b, "body_mass_kg", answers ? answers->body_mass_kg : NAN);
  json_builder_set_member_name (b, "pain");
  json_builder_begin_array (b);
  for (guint i = 0; answers && i < PLANTAR_N_PAINS; i++)
    if (answers->pain & (1u << i))
      {
        /* "heel", or "heel:left" when only the left foot hurts there */
        const char *side = answers->pain_left & (1u << i) ? ":left" : answers->pain_right & (1u << i) ? ":right" : "";
        g_autofree char *name = g_strconcat (rules_pains[i], side, NULL);
        json_builder_add_string_value (b, name);
      }
  json_builder_end_array (b);
  plantar_json_add_string (b, "shoe", answers ? answers->shoe : NULL);
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
  plantar_json_add_string (b, "caveat", advice->caveat);
}

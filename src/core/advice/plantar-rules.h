/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "plantar-analysis.h"
#include "plantar-gait.h"
#include "plantar-thresholds.h"

G_BEGIN_DECLS

#define PLANTAR_RULES_ERROR (plantar_rules_error_quark ())

typedef enum {
  PLANTAR_RULES_ERROR_SYNTAX,
  PLANTAR_RULES_ERROR_FIELD,
} PlantarRulesError;

/* The insole rules of a shop or a clinic: Plantar's own (built in, also
 * installed as plantar-rules.json) or a file of their own with the
 * products they stock. */
typedef struct _PlantarRules PlantarRules;

/* What the customer says. */
typedef enum {
  PLANTAR_PAIN_HEEL       = 1 << 0,
  PLANTAR_PAIN_ARCH       = 1 << 1,
  PLANTAR_PAIN_FOREFOOT   = 1 << 2,
  PLANTAR_PAIN_KNEE       = 1 << 3,
  PLANTAR_PAIN_LOWER_BACK = 1 << 4,
} PlantarPain;

#define PLANTAR_N_PAINS 5

typedef struct {
  char        *activity;      /* "running", "walking", "standing" or NULL */
  double       weekly_km;     /* NAN when not asked */
  double       body_mass_kg;  /* NAN when not asked */
  PlantarPain  pain;          /* where it hurts, either foot */
  PlantarPain  pain_left;     /* of those, where only the left foot hurts */
  PlantarPain  pain_right;    /* and where only the right */
  char        *shoe;          /* "running", "walking", "casual", "dress", "work", "hiking" or NULL */
} PlantarAnswers;

void         plantar_answers_init         (PlantarAnswers *answers);
void         plantar_answers_clear        (PlantarAnswers *answers);
void         plantar_answers_copy         (const PlantarAnswers *from,
                                           PlantarAnswers       *to);
/* "heel", "arch", "forefoot", "knee", "lower_back" */
const char  *plantar_pain_to_string       (PlantarPain     pain);
PlantarPain  plantar_pain_from_string     (const char     *name);
const char  *plantar_pain_get_label       (PlantarPain     pain);
/* The answers the rules know, for the choices of a form: NULL-terminated
 * ids, and their labels. */
const char * const *plantar_answer_choices (const char    *question);
const char  *plantar_answer_choice_label  (const char     *question,
                                           const char     *choice);
/* The pains felt by the foot of @side: both feet's and its own. */
PlantarPain  plantar_answers_pain_of      (const PlantarAnswers *answers,
                                           PlantarSide           side);
gboolean     plantar_answers_set          (PlantarAnswers *answers,
                                           const char     *question,
                                           const char     *value,
                                           GError        **error);

typedef struct {
  char *name;
  char *code;
  char *price;        /* as the shop writes it: "39.90 EUR" */
  char *note;
} PlantarProduct;

typedef struct {
  char    *rule;      /* the rule's id */
  char    *text;      /* "Arch index 0.29 is 0.26 or more: flat arch" */
  char    *source;
  gboolean refer;
} PlantarReason;

typedef struct {
  gboolean    available;        /* the foot was measured */
  const char *insole;           /* ids, owned by the rules */
  const char *insole_label;
  const char *insole_description;
  const char *arch_profile;
  const char *arch_profile_label;
  const char *heel_cup;
  const char *heel_cup_label;
  double      heel_cup_mm;      /* scaled with the foot's length, capped by the shoe */
  GPtrArray  *add_ons;          /* const char * labels */
  GPtrArray  *add_on_ids;       /* const char * ids */
  GPtrArray  *reasons;          /* PlantarReason */
  GPtrArray  *products;         /* PlantarProduct, owned by the rules */
} PlantarFootAdvice;

typedef struct {
  PlantarRules      *rules;
  PlantarFootAdvice  left, right;
  GPtrArray         *referrals;  /* char *: the reasons to see a podiatrist, once each */
  const char        *caveat;
} PlantarAdvice;

GQuark             plantar_rules_error_quark (void);
PlantarRules      *plantar_rules_get_builtin (void);
PlantarRules      *plantar_rules_get_default (GError           **warning);
char              *plantar_rules_get_user_path (void);
PlantarRules      *plantar_rules_load        (const char        *path,
                                              GError           **error);
PlantarRules      *plantar_rules_parse       (const char        *text,
                                              gssize             length,
                                              const char        *name,
                                              GError           **error);
PlantarRules      *plantar_rules_ref         (PlantarRules      *self);
void               plantar_rules_unref       (PlantarRules      *self);
const char        *plantar_rules_get_source  (PlantarRules      *self);
const char        *plantar_rules_get_caveat  (PlantarRules      *self);
guint              plantar_rules_get_n_rules (PlantarRules      *self);
guint              plantar_rules_get_n_products (PlantarRules   *self);

/* @left, @right: (nullable): the feet of a fitting (a step, or the mean of
 * a side's steps) */
PlantarAdvice     *plantar_rules_suggest     (PlantarRules         *self,
                                              const PlantarFoot    *left,
                                              const PlantarFoot    *right,
                                              const PlantarAnswers *answers,
                                              PlantarThresholds    *thresholds);
PlantarAdvice     *plantar_rules_suggest_fitting (PlantarRules     *self,
                                                 PlantarFitting       *fitting,
                                                 const PlantarAnswers *answers,
                                                 PlantarThresholds    *thresholds);
PlantarAdvice     *plantar_rules_suggest_gait (PlantarRules        *self,
                                              const PlantarFoot    *left,
                                              const PlantarFoot    *right,
                                              const PlantarAnswers *answers,
                                              PlantarThresholds    *thresholds,
                                              const PlantarGait    *gait);
void               plantar_advice_free       (PlantarAdvice        *advice);
const PlantarFootAdvice *
                   plantar_advice_get_foot   (const PlantarAdvice  *advice,
                                              PlantarSide           side);
void               plantar_advice_build_json (const PlantarAdvice  *advice,
                                              const PlantarAnswers *answers,
                                              JsonBuilder          *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarRules, plantar_rules_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlantarAdvice, plantar_advice_free)

G_END_DECLS

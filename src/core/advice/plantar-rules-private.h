/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-insole.h"
#include "plantar-rules.h"

G_BEGIN_DECLS

/* What the files of the rules share: the variables a rule can read, and
 * the parsed rules file (plantar-rules-file.c) that suggesting
 * (plantar-rules.c) walks. */

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
  /* the gait of a recording */
  VAR_SPEED,
  VAR_CADENCE,
  VAR_STRIKE_INDEX,
  VAR_STRIKE,
  VAR_GAIT,
  VAR_STANCE_SYMMETRY,
  VAR_STEP_LENGTH_SYMMETRY,
  VAR_STEP_TIME_SYMMETRY,
  N_VARS
} Var;

typedef struct {
  const char         *name;
  Kind                kind;
  int                 decimals;
  const char * const *words;   /* NULL for the suggestion's own, checked against the file */
} RulesVariable;

extern const RulesVariable rules_variables[N_VARS];

/* the words the answers and the measures can be, NULL-terminated */
extern const char * const rules_activities[];
extern const char * const rules_shoes[];
extern const char * const rules_arches[];
extern const char * const rules_sides[];
extern const char * const rules_pains[];
extern const char * const rules_strikes[];
extern const char * const rules_gaits[];

/* the variable called @name (@length bytes of it), or -1 */
int   rules_find_variable  (const char         *name,
                            gsize               length);
/* "arch_index, chippaux_smirak, ...", for messages */
char *rules_variable_names (void);
/* the index of @word in @words, or -1 */
int   rules_find_word      (const char * const *words,
                            const char         *word);

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

/* The insole design's defaults: the parameters, with the add-ons at the
 * size they take when suggested, and the arch height of each profile. */
typedef struct {
  PlantarInsoleParams params;
  GArray             *arch_heights;   /* double, one per arch profile */
  char               *source;
} RulesDesign;

struct _PlantarRules
{
  char      *source;
  char      *caveat;
  GPtrArray *insoles, *profiles, *add_ons, *levels;  /* Choice */
  double     reference_length_mm, min_scale, max_scale;
  int        default_insole, default_profile, default_cup;
  GPtrArray *rules;      /* Rule */
  GPtrArray *products;   /* Product */
  RulesDesign design;
};

G_END_DECLS

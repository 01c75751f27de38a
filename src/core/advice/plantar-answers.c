/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-rules-private.h"

/* The customer's answers to the questions the rules can ask: what each
 * question takes, in words a customer reads, and checking a value. */

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

PlantarPain
plantar_answers_pain_of (const PlantarAnswers *answers,
                         PlantarSide           side)
{
  if (side == PLANTAR_SIDE_LEFT)
    return answers->pain & ~answers->pain_right;
  if (side == PLANTAR_SIDE_RIGHT)
    return answers->pain & ~answers->pain_left;
  return answers->pain;
}

const char *
plantar_pain_to_string (PlantarPain pain)
{
  for (guint i = 0; i < PLANTAR_N_PAINS; i++)
    if (pain == (PlantarPain) (1u << i))
      return rules_pains[i];
  return NULL;
}

PlantarPain
plantar_pain_from_string (const char *name)
{
  int i = name ? rules_find_word (rules_pains, name) : -1;
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
    return rules_activities;
  if (g_strcmp0 (question, "shoe") == 0)
    return rules_shoes;
  if (g_strcmp0 (question, "pain") == 0)
    return rules_pains;
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
      if (rules_find_word (choices, value) < 0)
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
      /* "heel,knee:left": a pain of both feet, or of one */
      g_auto(GStrv) names = g_strsplit (value, ",", -1);
      PlantarPain pain = 0, left = 0, right = 0;
      for (guint i = 0; names[i] != NULL; i++)
        {
          char *colon;
          const char *side = NULL;
          PlantarPain one;

          g_strstrip (names[i]);
          if ((colon = strchr (names[i], ':')) != NULL)
            {
              *colon = '\0';
              side = g_strstrip (colon + 1);
              g_strstrip (names[i]);
            }
          if (*names[i] == '\0' || g_str_equal (names[i], "none"))
            continue;
          if ((one = plantar_pain_from_string (names[i])) == 0)
            {
              g_autofree char *list = g_strjoinv (", ", (char **) rules_pains);
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("pain “%s” is not known; expected one or more of %s, separated by commas, "
                             "each with :left or :right when only one foot hurts"), names[i], list);
              return FALSE;
            }
          if (side != NULL && !g_str_equal (side, "left") && !g_str_equal (side, "right") &&
              !g_str_equal (side, "both"))
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("pain “%s:%s”: the side is left, right or both"), names[i], side);
              return FALSE;
            }
          pain |= one;
          if (side != NULL && g_str_equal (side, "left"))
            left |= one;
          else if (side != NULL && g_str_equal (side, "right"))
            right |= one;
        }
      answers->pain = pain;
      /* said of both sides, or of each: both feet */
      answers->pain_left = left & ~right;
      answers->pain_right = right & ~left;
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION, _("“%s” is not a question Plantar asks"), question);
  return FALSE;
}

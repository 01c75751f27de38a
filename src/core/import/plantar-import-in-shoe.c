/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-in-shoe"

#include "config.h"

#include "plantar-import-private.h"

/*
 * In-shoe systems (novel pedar, Moticon, stappone) measure inside a shoe with
 * a few dozen to a hundred sensors per insole, and their exports name the
 * sensors rather than place them on a grid. There is no footprint outline
 * in such a recording, so no arch index or foot shape: Plantar recognises
 * them and says why, instead of misreading them as a plate. (XSENSOR's
 * insole exports hold a grid and are measured, with a caveat.)
 */

typedef enum {
  IN_SHOE_NONE,
  IN_SHOE_PEDAR,
  IN_SHOE_MOTICON,
  IN_SHOE_STAPPONE,
} InShoeKind;

static InShoeKind
detect (PlantarSpan head)
{
  if ((plantar_span_contains_ci (head, "sensor type:") &&
       (plantar_span_contains_ci (head, "insole") || plantar_span_contains_ci (head, "pedar"))) ||
      (plantar_span_contains_ci (head, "left insole:") && plantar_span_contains_ci (head, "right insole:")))
    return IN_SHOE_PEDAR;
  if (plantar_span_contains_ci (head, "moticon"))
    return IN_SHOE_MOTICON;
  if (plantar_span_contains_ci (head, "stappone"))
    return IN_SHOE_STAPPONE;
  return IN_SHOE_NONE;
}

gboolean
plantar_sniff_in_shoe (PlantarSpan head)
{
  /* only the start of a file: a plate export may name them in a comment */
  head.end = MIN (head.end, head.p + 2048);
  return detect (head) != IN_SHOE_NONE;
}

GPtrArray *
plantar_load_in_shoe (const PlantarImportContext *ctx,
                      GError                    **error)
{
  PlantarSpan head = { ctx->data, ctx->data + MIN (ctx->length, 2048) };
  const char *system;
  const char *why;

  switch (detect (head))
    {
    case IN_SHOE_PEDAR:
      system = "novel pedar";
      /* TRANSLATORS: why a pedar export cannot be measured */
      why = _("Its export holds each sensor's pressure by the sensor's number, not where the sensor lies "
              "on the insole, so no picture of the foot can be drawn from it");
      break;
    case IN_SHOE_MOTICON:
      system = "Moticon";
      why = _("Its insoles carry 16 sensors each, too few to draw the foot's outline");
      break;
    case IN_SHOE_STAPPONE:
      system = "stappone";
      why = _("Its insoles carry a handful of sensors each, too few to draw the foot's outline");
      break;
    case IN_SHOE_NONE:
    default:
      system = _("an in-shoe system");
      why = _("It holds no grid of sensors from which the foot's outline could be drawn");
      break;
    }

  /* TRANSLATORS: %s: a system's name; the second %s: why it cannot be
   * measured. XSENSOR insoles are measured: their exports hold a grid. */
  plantar_import_set_error (error, ctx, PLANTAR_IMPORT_ERROR_UNSUPPORTED, 0, 0,
                            _("this is a %s in-shoe recording. %s, so Plantar cannot measure the arch or "
                              "the foot's shape. Insoles whose export holds a sensor grid (XSENSOR) are "
                              "measured, as indicative only. Export the walk from a pressure plate, or "
                              "scan an ink footprint."), system, why);
  return NULL;
}

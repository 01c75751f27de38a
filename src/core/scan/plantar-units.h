/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Pressure units as vendors write them, and the factor to kPa. */
typedef struct {
  const char *name;     /* canonical spelling: "kPa", "N/cm²", ... */
  double      to_kpa;   /* multiply by this to get kPa; 1 for raw values */
  gboolean    raw;      /* uncalibrated sensor values */
} PlantarPressureUnit;

const PlantarPressureUnit *plantar_pressure_unit_lookup  (const char *text,
                                                          gssize      length);
char                      *plantar_pressure_unit_list    (void);
gboolean                   plantar_length_to_mm          (const char *text,
                                                          double     *mm);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "plantar-fitting.h"
#include "plantar-fuzz.h"
#include "plantar-synth.h"

static GLogWriterOutput
quiet_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  /* criticals stay findings: they abort */
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    return g_log_writer_standard_streams (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

void
plantar_fuzz_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_log_set_writer_func (quiet_writer, NULL, NULL);
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
      g_once_init_leave (&done, 1);
    }
}

/* The demo footprint's right foot, measured once. */
PlantarFoot *
plantar_fuzz_foot (void)
{
  static PlantarFoot *foot;

  if (foot == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PlantarScan) scan = plantar_synth_demo_footprint (&error);
      g_autoptr(PlantarAnalysis) analysis = plantar_analyze (scan, NULL, &error);
      g_assert_nonnull (analysis);
      foot = plantar_foot_ref (g_ptr_array_index (analysis->feet, analysis->feet->len - 1));
    }
  return foot;
}

void
plantar_fuzz_import_and_measure (GBytes     *bytes,
                                 const char *name)
{
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GError) error = NULL;

  scans = plantar_import_bytes (bytes, name, NULL, &error);
  g_assert ((scans == NULL) != (error == NULL));
  for (guint i = 0; scans != NULL && i < scans->len && i < 2; i++)
    {
      PlantarScan *scan = g_ptr_array_index (scans, i);
      g_autoptr(GError) analysis_error = NULL;
      g_autoptr(PlantarAnalysis) analysis = NULL;
      if ((gsize) plantar_scan_get_width (scan) * plantar_scan_get_height (scan) *
            MAX (plantar_scan_get_n_frames (scan), 1) > 4000000)
        continue;
      analysis = plantar_analyze (scan, NULL, &analysis_error);
    }
}

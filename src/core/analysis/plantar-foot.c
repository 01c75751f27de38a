/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-analysis"

#include "config.h"

#include <string.h>

#include "plantar-analysis-private.h"

/* The footprint and the foot: what a measure reads and what it finds. */

PlantarFootprint *
plantar_footprint_new (guint    width,
                       guint    height,
                       double   cell_w,
                       double   cell_h,
                       gboolean is_pressure)
{
  PlantarFootprint *fp = g_atomic_rc_box_new0 (PlantarFootprint);

  fp->width = width;
  fp->height = height;
  fp->cell_w = cell_w;
  fp->cell_h = cell_h;
  fp->is_pressure = is_pressure;
  fp->load = g_new0 (float, (gsize) width * height);
  fp->own = g_new0 (guint8, (gsize) width * height);
  return fp;
}

void
plantar_step_frames_free (PlantarStepFrames *frames)
{
  if (frames == NULL)
    return;
  g_array_unref (frames->starts);
  g_array_unref (frames->cells);
  g_array_unref (frames->values);
  g_free (frames);
}

static void
footprint_clear (gpointer data)
{
  PlantarFootprint *fp = data;

  g_free (fp->load);
  g_free (fp->own);
  plantar_step_frames_free (fp->frames);
  g_clear_pointer (&fp->notes, g_ptr_array_unref);
}

PlantarFootprint *
plantar_footprint_ref (PlantarFootprint *footprint)
{
  return g_atomic_rc_box_acquire (footprint);
}

void
plantar_footprint_unref (PlantarFootprint *footprint)
{
  g_atomic_rc_box_release_full (footprint, footprint_clear);
}

/* ------------------------------------------------------------ foot results */

PlantarFoot *
plantar_foot_new (void)
{
  PlantarFoot *foot = g_atomic_rc_box_new0 (PlantarFoot);
  double *nan_fields[] = {
    &foot->foot_length_mm, &foot->toeless_length_mm, &foot->ball_width_mm, &foot->heel_width_mm,
    &foot->midfoot_width_mm, &foot->contact_area_mm2, &foot->toeless_area_mm2, &foot->arch_index,
    &foot->modified_arch_index, &foot->chippaux_smirak, &foot->staheli, &foot->clarke_angle_deg,
    &foot->hernandez_corvo, &foot->heel_cop_offset_mm, &foot->heel_medial_load_pct, &foot->heel_peak_kpa,
    &foot->peak_kpa, &foot->medial_load_pct, &foot->cpei_pct, &foot->progression_angle_deg,
    &foot->axis_deg, &foot->start_ms, &foot->contact_ms,
  };

  for (guint i = 0; i < G_N_ELEMENTS (nan_fields); i++)
    *nan_fields[i] = NAN;
  for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
    foot->regions[r] = (PlantarRegionStats) { NAN, NAN, NAN, NAN, NAN, NAN, NAN };
  foot->warnings = g_ptr_array_new_with_free_func (g_free);
  foot->side_source = "shape";
  foot->complete = TRUE;
  return foot;
}

static void
foot_clear (gpointer data)
{
  PlantarFoot *foot = data;

  g_clear_pointer (&foot->warnings, g_ptr_array_unref);
  g_clear_pointer (&foot->cop_path, g_array_unref);
  g_clear_pointer (&foot->footprint, plantar_footprint_unref);
}

PlantarFoot *
plantar_foot_ref (PlantarFoot *foot)
{
  return g_atomic_rc_box_acquire (foot);
}

void
plantar_foot_unref (PlantarFoot *foot)
{
  g_atomic_rc_box_release_full (foot, foot_clear);
}

/* Remembers the direction of walking with the footprint (so that a
 * measurement again keeps it) and sets the foot progression angle, the
 * angle from it to the foot axis, toe-out positive. */
void
plantar_foot_set_walk_direction (PlantarFoot *foot,
                                 double       dir_x,
                                 double       dir_y)
{
  double ax = sin (foot->axis_deg * G_PI / 180), ay = -cos (foot->axis_deg * G_PI / 180);
  double theta;

  foot->footprint->walk_x = dir_x;
  foot->footprint->walk_y = dir_y;
  if (dir_x == 0 && dir_y == 0)
    return;
  theta = atan2 (dir_x * ay - dir_y * ax, dir_x * ax + dir_y * ay) * 180 / G_PI;
  foot->progression_angle_deg = foot->side == PLANTAR_SIDE_RIGHT ? theta : -theta;
}

void
plantar_foot_get_grid (const PlantarFoot *foot,
                       PlantarFootGrid   *grid)
{
  const PlantarFootprint *fp = foot->footprint;

  grid->width = fp->width;
  grid->height = fp->height;
  grid->cell_w = fp->cell_w;
  grid->cell_h = fp->cell_h;
  grid->x0 = fp->x0;
  grid->y0 = fp->y0;
  grid->is_pressure = fp->is_pressure;
}

gboolean
plantar_foot_get_load (const PlantarFoot *foot,
                       int                frame,
                       float             *out)
{
  const PlantarFootprint *fp = foot->footprint;
  gsize n = (gsize) fp->width * fp->height;
  const PlantarStepFrames *fr = fp->frames;
  gboolean any = FALSE;

  if (frame < 0 || fr == NULL)
    {
      for (gsize i = 0; i < n; i++)
        {
          out[i] = fp->own[i] ? fp->load[i] : 0;
          any |= out[i] > 0;
        }
      return any;
    }

  memset (out, 0, n * sizeof (float));
  if (frame < (int) foot->first_frame || frame - foot->first_frame >= fr->n_frames)
    return FALSE;
  frame -= foot->first_frame;
  for (guint k = g_array_index (fr->starts, guint, frame); k < g_array_index (fr->starts, guint, frame + 1); k++)
    {
      guint32 cell = g_array_index (fr->cells, guint32, k);
      if (fp->own[cell])
        {
          out[cell] = g_array_index (fr->values, float, k);
          any = TRUE;
        }
    }
  return any;
}

void
plantar_foot_get_contact (const PlantarFoot *foot,
                          guint8            *out)
{
  const PlantarFootprint *fp = foot->footprint;
  gsize n = (gsize) fp->width * fp->height;
  double threshold = foot->corrections.has_threshold ? foot->corrections.threshold : fp->threshold;

  for (gsize i = 0; i < n; i++)
    out[i] = fp->own[i] && fp->load[i] > threshold;
}

void
plantar_foot_add_warning (PlantarFoot *foot,
                          const char  *format,
                          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (foot->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

int
plantar_compare_doubles (gconstpointer a,
                         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

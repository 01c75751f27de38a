/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-fitting"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "plantar-fitting-private.h"
#include "plantar-error.h"
#include "plantar-sheet.h"

/*
 * A photo's sheet moved by hand: the photo rectified again to the new
 * corners and measured in a worker, then swapped in for the scan it was.
 * The scan swapped out is kept, with its feet as they were corrected, so
 * that undo swaps it back at once and redo swaps again. The feet of the
 * scan out stay in the list of entries, dead, so that the corrections of
 * the history keep their places.
 */

void
fitting_swap_free (Swap *swap)
{
  fitting_item_clear (&swap->other);
  g_clear_pointer (&swap->slots_out, g_array_unref);
  g_clear_pointer (&swap->slots_in, g_array_unref);
  g_free (swap);
}

static void
set_alive (PlantarFitting *self,
           GArray         *slots,
           gboolean        alive)
{
  for (guint i = 0; i < slots->len; i++)
    fitting_entry_at (self, g_array_index (slots, guint, i))->alive = alive;
}

/* Swaps the item out in and the item in out: the same call undoes and
 * redoes it. */
void
fitting_swap_apply (PlantarFitting *self,
                    Swap           *swap)
{
  Item *item = &g_array_index (self->items, Item, swap->item);
  Item held = *item;
  GArray *slots = swap->slots_in;

  *item = swap->other;
  swap->other = held;
  set_alive (self, swap->slots_in, FALSE);
  set_alive (self, swap->slots_out, TRUE);
  swap->slots_in = swap->slots_out;
  swap->slots_out = slots;
  for (guint i = 0; i < 2; i++)
    {
      guint choice = self->sides[i].choice;
      self->sides[i].choice = swap->choices[i];
      swap->choices[i] = choice;
    }
  fitting_rebuild_sides (self);
}

typedef struct {
  guint                   index;
  PlantarScan            *photo;
  PlantarSheet            sheet;
  gboolean                continued;
  PlantarAnalysisSettings settings;
  char                   *name;
} SheetJob;

/* The photo a scan's sheet is set on: the one it was rectified from, or
 * the scan itself when it is a picture without a scale (no sheet was
 * found in it, and the user places one). */
static PlantarScan *
photo_of (PlantarScan *scan)
{
  if (plantar_scan_get_photo (scan) != NULL)
    return plantar_scan_get_photo (scan);
  if (!plantar_scan_is_pressure (scan) && !plantar_scan_has_scale (scan))
    return scan;
  return NULL;
}

static void
sheet_job_free (SheetJob *job)
{
  g_clear_pointer (&job->photo, plantar_scan_unref);
  g_free (job->name);
  g_free (job);
}

static void
item_free (Item *item)
{
  fitting_item_clear (item);
  g_free (item);
}

static void
sheet_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SheetJob *job = task_data;
  GError *error = NULL;
  Item *item = g_new0 (Item, 1);

  item->scan = plantar_sheet_rectify (job->photo, &job->sheet, &error);
  if (item->scan == NULL)
    {
      g_free (item);
      g_task_return_error (task, error);
      return;
    }
  plantar_scan_set_source_file (item->scan, plantar_scan_get_source_file (job->photo));
  item->name = g_strdup (job->name);
  item->analysis = plantar_analyze (item->scan, &job->settings, &item->error);
  g_task_return_pointer (task, item, (GDestroyNotify) item_free);
}

/**
 * plantar_fitting_set_sheet_async:
 * @index: a scan rectified from a photo (plantar_scan_get_photo()), or a
 *   picture without a scale
 * @continued: the same drag as the last sheet moved: one step of the
 *   history for all of it
 *
 * Moves the corners (or the size) of the sheet scan @index was rectified
 * by: the photo is rectified again and measured in a worker; the fitting
 * changes when plantar_fitting_set_sheet_finish() swaps it in. The scan
 * is measured afresh: corrections made on its feet do not carry over, and
 * undo brings them back with the sheet.
 */
void
plantar_fitting_set_sheet_async (PlantarFitting      *self,
                                 guint                index,
                                 const PlantarSheet  *sheet,
                                 gboolean             continued,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SheetJob *job;
  Item *item;

  g_return_if_fail (PLANTAR_IS_FITTING (self));
  g_return_if_fail (index < self->items->len);
  item = &g_array_index (self->items, Item, index);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, plantar_fitting_set_sheet_async);
  if (photo_of (item->scan) == NULL)
    {
      g_task_return_new_error (task, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION,
                               _("This scan is not a photo of a sheet"));
      return;
    }
  job = g_new0 (SheetJob, 1);
  job->index = index;
  job->photo = plantar_scan_ref (photo_of (item->scan));
  job->sheet = *sheet;
  job->continued = continued;
  job->settings = *plantar_fitting_get_settings (self);
  job->name = g_strdup (item->name);
  g_task_set_task_data (task, job, (GDestroyNotify) sheet_job_free);
  g_task_run_in_thread (task, sheet_thread);
}

/* A drag goes on: the step it started is still the last. */
static Swap *
continued_swap (PlantarFitting *self,
                guint           index)
{
  Step *step;

  if (self->undo->len == 0)
    return NULL;
  step = g_ptr_array_index (self->undo, self->undo->len - 1);
  return step->swap != NULL && step->swap->item == index ? step->swap : NULL;
}

gboolean
plantar_fitting_set_sheet_finish (PlantarFitting  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  SheetJob *job;
  Item *in;
  Item *slot;
  Swap *swap;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  job = g_task_get_task_data (G_TASK (result));
  in = g_task_propagate_pointer (G_TASK (result), error);
  if (in == NULL)
    return FALSE;
  /* the scan it was made for was replaced meanwhile (a new fitting) */
  if (job->index >= self->items->len || photo_of (g_array_index (self->items, Item, job->index).scan) != job->photo)
    {
      item_free (in);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The fitting changed meanwhile"));
      return FALSE;
    }

  slot = &g_array_index (self->items, Item, job->index);
  swap = job->continued ? continued_swap (self, job->index) : NULL;
  if (swap != NULL)
    {
      /* the drag's last sheet goes for good; the step keeps the first */
      set_alive (self, swap->slots_in, FALSE);
      g_array_set_size (swap->slots_in, 0);
      fitting_item_clear (slot);
    }
  else
    {
      Step *step = g_new0 (Step, 1);
      swap = g_new0 (Swap, 1);
      swap->item = job->index;
      swap->other = *slot;
      swap->slots_out = g_array_new (FALSE, FALSE, sizeof (guint));
      swap->slots_in = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint e = 0; e < self->entries->len; e++)
        if (fitting_entry_at (self, e)->alive && fitting_entry_at (self, e)->scan == job->index)
          g_array_append_val (swap->slots_out, e);
      set_alive (self, swap->slots_out, FALSE);
      for (guint i = 0; i < 2; i++)
        swap->choices[i] = self->sides[i].choice;
      step->swap = swap;
      fitting_push_step (self, step);
    }
  *slot = *in;
  g_free (in);
  fitting_collect_entries_of (self, job->index, swap->slots_in);
  fitting_rebuild_sides (self);
  fitting_emit_changed (self);
  return TRUE;
}

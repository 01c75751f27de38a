/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-fitting"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plantar-analysis-private.h"
#include "plantar-fitting-private.h"

G_DEFINE_FINAL_TYPE (PlantarFitting, plantar_fitting, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ helpers */

void
fitting_item_clear (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->scan, plantar_scan_unref);
  g_clear_pointer (&item->name, g_free);
  g_clear_pointer (&item->analysis, plantar_analysis_free);
  g_clear_error (&item->error);
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->original, plantar_foot_unref);
  g_clear_pointer (&entry->current, plantar_foot_unref);
}

static Side *
side_of (PlantarFitting *self,
         PlantarSide     side)
{
  g_return_val_if_fail (side == PLANTAR_SIDE_LEFT || side == PLANTAR_SIDE_RIGHT, NULL);
  return &self->sides[side == PLANTAR_SIDE_LEFT ? 0 : 1];
}

Entry *
fitting_entry_at (PlantarFitting *self,
          guint           index)
{
  return &g_array_index (self->entries, Entry, index);
}

/* The entry drawn for a side: the chosen one, or for the mean the one
 * closest to it. G_MAXUINT when the side has none. */
static guint
shown_entry (PlantarFitting *self,
             Side           *s)
{
  if (s->entries->len == 0)
    return G_MAXUINT;
  if (s->has_mean && s->choice == 0)
    return s->shown_for_mean;
  return g_array_index (s->entries, guint, s->choice - (s->has_mean ? 1 : 0));
}

/* The mean of a side's complete steps, from their current measurements. */
static void
update_mean (PlantarFitting *self,
             PlantarSide     side)
{
  Side *s = side_of (self, side);
  g_autoptr(GPtrArray) feet = g_ptr_array_new ();
  PlantarSideSummary summary;
  double best = G_MAXDOUBLE;

  g_clear_pointer (&s->mean, plantar_foot_unref);
  s->n_mean = 0;
  s->sd_arch_index = s->sd_foot_length_mm = NAN;
  if (!s->has_mean)
    return;

  for (guint i = 0; i < s->entries->len; i++)
    g_ptr_array_add (feet, fitting_entry_at (self, g_array_index (s->entries, guint, i))->current);
  if (!plantar_side_summary_compute (feet, side, &summary))
    return;

  s->mean = plantar_foot_ref (summary.mean);
  s->n_mean = summary.n_steps;
  s->sd_arch_index = summary.sd_arch_index;
  s->sd_foot_length_mm = summary.sd_foot_length_mm;
  s->shown_for_mean = g_array_index (s->entries, guint, 0);
  for (guint i = 0; i < s->entries->len; i++)
    {
      guint e = g_array_index (s->entries, guint, i);
      PlantarFoot *foot = fitting_entry_at (self, e)->current;
      if (foot->complete && fabs (foot->arch_index - summary.mean->arch_index) < best)
        {
          best = fabs (foot->arch_index - summary.mean->arch_index);
          s->shown_for_mean = e;
        }
    }
  plantar_side_summary_clear (&summary);
}

void
fitting_emit_changed (PlantarFitting *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
fitting_step_free (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->changes, g_array_unref);
  g_clear_pointer (&step->swap, fitting_swap_free);
  g_free (step);
}

/* A new step of the history: what could be redone is gone. */
void
fitting_push_step (PlantarFitting *self,
                   Step           *step)
{
  g_ptr_array_add (self->undo, step);
  g_ptr_array_set_size (self->redo, 0);
}

static gboolean
corrections_equal (const PlantarCorrections *a,
                   const PlantarCorrections *b)
{
  return memcmp (a, b, sizeof *a) == 0;
}

/* Measures an entry again with @corrections. */
static gboolean
apply (PlantarFitting           *self,
       guint                     index,
       const PlantarCorrections *corrections)
{
  Entry *entry = fitting_entry_at (self, index);
  PlantarFoot *again;
  PlantarCorrections none = { 0 };

  if (corrections_equal (corrections, &none))
    again = plantar_foot_ref (entry->original);
  else
    again = plantar_foot_remeasure (entry->original, corrections, &self->settings);
  if (again == NULL)
    return FALSE;
  g_clear_pointer (&entry->current, plantar_foot_unref);
  entry->current = again;
  return TRUE;
}

/* The means of the sides @changes touched. */
static void
update_means (PlantarFitting *self,
              GArray         *changes)
{
  gboolean sides[2] = { FALSE, FALSE };

  for (guint i = 0; i < changes->len; i++)
    sides[fitting_entry_at (self, g_array_index (changes, Change, i).entry)->original->side == PLANTAR_SIDE_LEFT ? 0 : 1] = TRUE;
  if (sides[0])
    update_mean (self, PLANTAR_SIDE_LEFT);
  if (sides[1])
    update_mean (self, PLANTAR_SIDE_RIGHT);
}

/* Applies a change (after, or before for an undo) and updates the means. */
static void
apply_changes (PlantarFitting *self,
               GArray         *changes,
               gboolean        forward)
{
  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = &g_array_index (changes, Change, i);
      apply (self, c->entry, forward ? &c->after : &c->before);
    }
  update_means (self, changes);
}

/* Records and applies a change made of @changes; FALSE if it measured
 * nothing new (a correction the analysis cannot follow is refused). */
static gboolean
commit (PlantarFitting *self,
        GArray         *changes)
{
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (Change));

  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = &g_array_index (changes, Change, i);
      if (corrections_equal (&c->before, &c->after))
        continue;
      if (!apply (self, c->entry, &c->after))
        {
          /* undo what this change did so far */
          for (guint j = 0; j < done->len; j++)
            apply (self, g_array_index (done, Change, j).entry, &g_array_index (done, Change, j).before);
          return FALSE;
        }
      g_array_append_val (done, *c);
    }
  if (done->len == 0)
    return FALSE;

  update_means (self, done);
  {
    Step *step = g_new0 (Step, 1);
    step->changes = g_steal_pointer (&done);
    fitting_push_step (self, step);
  }
  fitting_emit_changed (self);
  return TRUE;
}

/* ------------------------------------------------------------ the insoles */

/**
 * plantar_fitting_get_insole_overrides:
 *
 * Returns: (transfer none) (nullable): the parameters of @side's insole the
 *   designer changed for this fitting, key: value
 */
JsonObject *
plantar_fitting_get_insole_overrides (PlantarFitting *self,
                                      PlantarSide     side)
{
  g_return_val_if_fail (side == PLANTAR_SIDE_LEFT || side == PLANTAR_SIDE_RIGHT, NULL);
  return self->insole[side == PLANTAR_SIDE_RIGHT];
}

/* @overrides: (nullable) (transfer none): copied */
void
plantar_fitting_set_insole_overrides (PlantarFitting *self,
                                      PlantarSide     side,
                                      JsonObject     *overrides)
{
  JsonObject **slot;
  g_autoptr(GList) members = NULL;

  g_return_if_fail (side == PLANTAR_SIDE_LEFT || side == PLANTAR_SIDE_RIGHT);
  slot = &self->insole[side == PLANTAR_SIDE_RIGHT];
  if (overrides == *slot)
    return;
  g_clear_pointer (slot, json_object_unref);
  if (overrides == NULL || json_object_get_size (overrides) == 0)
    return;
  /* a copy of the values: the caller's object may change on */
  *slot = json_object_new ();
  members = json_object_get_members (overrides);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (*slot, l->data, json_node_copy (json_object_get_member (overrides, l->data)));
}

/* ------------------------------------------------------------ GObject */

static void
plantar_fitting_finalize (GObject *object)
{
  PlantarFitting *self = PLANTAR_FITTING (object);

  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->sides[i].entries, g_array_unref);
      g_clear_pointer (&self->sides[i].mean, plantar_foot_unref);
      g_clear_pointer (&self->insole[i], json_object_unref);
    }
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (plantar_fitting_parent_class)->finalize (object);
}

static void
plantar_fitting_class_init (PlantarFittingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = plantar_fitting_finalize;

  /**
   * PlantarFitting::changed:
   *
   * The scans, a choice, or a correction changed: the numbers are new.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
plantar_fitting_init (PlantarFitting *self)
{
  plantar_analysis_settings_init (&self->settings);
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, fitting_item_clear);
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  for (guint i = 0; i < 2; i++)
    self->sides[i].entries = g_array_new (FALSE, FALSE, sizeof (guint));
  self->undo = g_ptr_array_new_with_free_func (fitting_step_free);
  self->redo = g_ptr_array_new_with_free_func (fitting_step_free);
}

/* ------------------------------------------------------------ public API */

PlantarFitting *
plantar_fitting_new (void)
{
  return g_object_new (PLANTAR_TYPE_FITTING, NULL);
}

/* Each scan analysed: safe in a worker thread, it touches no fitting. */
static GArray *
analyze_items (GPtrArray                     *scans,
               const char * const            *names,
               const PlantarAnalysisSettings *settings)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));

  g_array_set_clear_func (items, fitting_item_clear);
  for (guint i = 0; scans != NULL && i < scans->len; i++)
    {
      Item item = { 0 };
      item.scan = plantar_scan_ref (g_ptr_array_index (scans, i));
      item.name = g_strdup (names != NULL ? names[i] : NULL);
      item.analysis = plantar_analyze (item.scan, settings, &item.error);
      g_array_append_val (items, item);
    }
  return items;
}

/* The entries of one item's feet, new and alive, appended to the list;
 * their indices into @slots (nullable). */
void
fitting_collect_entries_of (PlantarFitting *self,
                            guint           i,
                            GArray         *slots)
{
  Item *item = &g_array_index (self->items, Item, i);

  for (guint f = 0; item->analysis != NULL && f < item->analysis->feet->len; f++)
    {
      PlantarFoot *foot = g_ptr_array_index (item->analysis->feet, f);
      Entry entry = { i, f, NULL, NULL, TRUE };
      guint index = self->entries->len;

      if (foot->side != PLANTAR_SIDE_LEFT && foot->side != PLANTAR_SIDE_RIGHT)
        continue;
      entry.original = plantar_foot_ref (foot);
      entry.current = plantar_foot_ref (foot);
      g_array_append_val (self->entries, entry);
      if (slots != NULL)
        g_array_append_val (slots, index);
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  PlantarFitting *self = data;
  const Entry *x = fitting_entry_at (self, *(const guint *) a), *y = fitting_entry_at (self, *(const guint *) b);

  if (x->scan != y->scan)
    return x->scan < y->scan ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

/* Each side's entries, in the order of the scans and their feet, from
 * the entries alive; whether it has a mean (a walk's), and its mean. */
void
fitting_rebuild_sides (PlantarFitting *self)
{
  for (guint i = 0; i < 2; i++)
    {
      g_array_set_size (self->sides[i].entries, 0);
      self->sides[i].has_mean = FALSE;
    }
  for (guint e = 0; e < self->entries->len; e++)
    {
      Entry *entry = fitting_entry_at (self, e);
      Side *s;
      if (!entry->alive)
        continue;
      s = side_of (self, entry->original->side);
      g_array_append_val (s->entries, e);
      if (g_array_index (self->items, Item, entry->scan).analysis->is_recording)
        s->has_mean = TRUE;
    }
  for (guint i = 0; i < 2; i++)
    {
      PlantarSide side = i == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      Side *s = &self->sides[i];
      guint complete = 0;
      g_array_sort_with_data (s->entries, compare_entries, self);
      for (guint k = 0; k < s->entries->len; k++)
        complete += fitting_entry_at (self, g_array_index (s->entries, guint, k))->original->complete;
      /* a mean of one step is that step */
      s->has_mean = s->has_mean && complete >= 2;
      s->choice = MIN (s->choice, MAX (plantar_fitting_get_n_choices (self, side), 1) - 1);
      update_mean (self, side);
    }
}

/* What each side shows first: the mean of a walk's complete steps, or
 * its first complete step. */
static void
choose_first (PlantarFitting *self)
{
  for (guint i = 0; i < 2; i++)
    {
      Side *s = &self->sides[i];
      /* a walk's own first step may be cut short: start on a complete one */
      s->choice = 0;
      if (!s->has_mean)
        for (guint k = 0; k < s->entries->len; k++)
          if (fitting_entry_at (self, g_array_index (s->entries, guint, k))->original->complete)
            {
              s->choice = k;
              break;
            }
    }
}

/* The fitting starts again from analysed scans: the corrections and their
 * history go. */
static void
adopt_items (PlantarFitting                *self,
             GArray                        *items,
             const PlantarAnalysisSettings *settings)
{
  if (settings != NULL)
    self->settings = *settings;
  g_clear_pointer (&self->items, g_array_unref);
  self->items = g_array_ref (items);
  g_array_set_size (self->entries, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_array_set_size (self->sides[i].entries, 0);
      self->sides[i].has_mean = FALSE;
      self->sides[i].choice = 0;
      g_clear_pointer (&self->sides[i].mean, plantar_foot_unref);
    }
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  for (guint i = 0; i < self->items->len; i++)
    fitting_collect_entries_of (self, i, NULL);
  fitting_rebuild_sides (self);
  choose_first (self);
  fitting_emit_changed (self);
}

/**
 * plantar_fitting_set_scans:
 * @scans: (element-type PlantarScan): the scans, analysed here
 * @names: (nullable): their file names
 * @settings: (nullable): the analysis settings
 *
 * Starts the fitting again from these scans: the corrections and their
 * history go.
 */
void
plantar_fitting_set_scans (PlantarFitting                *self,
                           GPtrArray                     *scans,
                           const char * const            *names,
                           const PlantarAnalysisSettings *settings)
{
  g_autoptr(GArray) items = NULL;

  g_return_if_fail (PLANTAR_IS_FITTING (self));
  items = analyze_items (scans, names, settings ? settings : &self->settings);
  adopt_items (self, items, settings);
}

typedef struct {
  GPtrArray               *scans;
  GStrv                    names;
  PlantarAnalysisSettings  settings;
} AnalyzeJob;

static void
analyze_job_free (AnalyzeJob *job)
{
  g_clear_pointer (&job->scans, g_ptr_array_unref);
  g_strfreev (job->names);
  g_free (job);
}

static void
analyze_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  AnalyzeJob *job = task_data;
  GArray *items = analyze_items (job->scans, (const char * const *) job->names, &job->settings);

  g_task_return_pointer (task, items, (GDestroyNotify) g_array_unref);
}

/**
 * plantar_fitting_set_scans_async:
 *
 * plantar_fitting_set_scans() with the analysis in a worker thread: the
 * fitting changes when plantar_fitting_set_scans_finish() adopts it, on
 * the caller's main loop. A cancelled call changes nothing.
 */
void
plantar_fitting_set_scans_async (PlantarFitting                *self,
                                 GPtrArray                     *scans,
                                 const char * const            *names,
                                 const PlantarAnalysisSettings *settings,
                                 GCancellable                  *cancellable,
                                 GAsyncReadyCallback            callback,
                                 gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  AnalyzeJob *job;

  g_return_if_fail (PLANTAR_IS_FITTING (self));
  job = g_new0 (AnalyzeJob, 1);
  job->scans = scans ? g_ptr_array_ref (scans) : NULL;
  job->names = g_strdupv ((char **) names);
  job->settings = settings ? *settings : self->settings;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, plantar_fitting_set_scans_async);
  g_task_set_task_data (task, job, (GDestroyNotify) analyze_job_free);
  g_task_run_in_thread (task, analyze_thread);
}

gboolean
plantar_fitting_set_scans_finish (PlantarFitting  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_autoptr(GArray) items = NULL;
  AnalyzeJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  job = g_task_get_task_data (G_TASK (result));
  /* superseded while it was measured (cancelled): the fitting stays as it is */
  items = g_task_propagate_pointer (G_TASK (result), error);
  if (items == NULL)
    return FALSE;
  adopt_items (self, items, &job->settings);
  return TRUE;
}

const PlantarAnalysisSettings *
plantar_fitting_get_settings (PlantarFitting *self)
{
  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NULL);
  return &self->settings;
}

guint
plantar_fitting_get_n_scans (PlantarFitting *self)
{
  g_return_val_if_fail (PLANTAR_IS_FITTING (self), 0);
  return self->items->len;
}

PlantarScan *
plantar_fitting_get_scan (PlantarFitting *self,
                          guint           index)
{
  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_array_index (self->items, Item, index).scan;
}

const char *
plantar_fitting_get_name (PlantarFitting *self,
                          guint           index)
{
  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_array_index (self->items, Item, index).name;
}

PlantarAnalysis *
plantar_fitting_get_analysis (PlantarFitting *self,
                              guint           index)
{
  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_array_index (self->items, Item, index).analysis;
}

const GError *
plantar_fitting_get_error (PlantarFitting *self,
                           guint           index)
{
  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_array_index (self->items, Item, index).error;
}

guint
plantar_fitting_get_n_choices (PlantarFitting *self,
                               PlantarSide     side)
{
  Side *s;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), 0);
  s = side_of (self, side);
  return s->entries->len + (s->has_mean ? 1 : 0);
}

/**
 * plantar_fitting_get_choice_label:
 *
 * Returns: (transfer full): "Mean of 4 steps", "Step 3", "Step 1 (cut
 *   short)", or for prints "Left foot" (with the file when there are
 *   several scans)
 */
char *
plantar_fitting_get_choice_label (PlantarFitting *self,
                                  PlantarSide     side,
                                  guint           choice)
{
  Side *s;
  Entry *entry;
  Item *item;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NULL);
  s = side_of (self, side);
  g_return_val_if_fail (choice < plantar_fitting_get_n_choices (self, side), NULL);

  if (s->has_mean && choice == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mean of %u step", "Mean of %u steps", s->n_mean),
                            s->n_mean);
  entry = fitting_entry_at (self, g_array_index (s->entries, guint, choice - (s->has_mean ? 1 : 0)));
  item = &g_array_index (self->items, Item, entry->scan);
  if (item->analysis->is_recording)
    return entry->original->complete
             ? g_strdup_printf (_("Step %u"), entry->index + 1)
             /* TRANSLATORS: a step the recording or the plate's edge cut short */
             : g_strdup_printf (_("Step %u (partial)"), entry->index + 1);
  if (self->items->len > 1 && item->name != NULL)
    return g_strdup_printf (side == PLANTAR_SIDE_LEFT ? _("Left foot, %s") : _("Right foot, %s"), item->name);
  return g_strdup (side == PLANTAR_SIDE_LEFT ? _("Left foot") : _("Right foot"));
}

gboolean
plantar_fitting_has_mean (PlantarFitting *self,
                          PlantarSide     side)
{
  g_return_val_if_fail (PLANTAR_IS_FITTING (self), FALSE);
  return side_of (self, side)->has_mean;
}

/**
 * plantar_fitting_get_choice_foot:
 *
 * Returns: (transfer none) (nullable): the foot measured for @choice, as
 *   corrected
 */
PlantarFoot *
plantar_fitting_get_choice_foot (PlantarFitting *self,
                                 PlantarSide     side,
                                 guint           choice)
{
  Side *s;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NULL);
  s = side_of (self, side);
  g_return_val_if_fail (choice < plantar_fitting_get_n_choices (self, side), NULL);
  if (s->has_mean && choice == 0)
    return s->mean;
  return fitting_entry_at (self, g_array_index (s->entries, guint, choice - (s->has_mean ? 1 : 0)))->current;
}

/**
 * plantar_fitting_get_choice_note:
 *
 * Why a step is partial ("The recording ends during this step."), or how
 * many steps a mean is of, for beside the choice's label.
 *
 * Returns: (transfer full) (nullable): the note, or %NULL for a whole step
 *   or a print
 */
char *
plantar_fitting_get_choice_note (PlantarFitting *self,
                                 PlantarSide     side,
                                 guint           choice)
{
  Side *s;
  Entry *entry;
  GPtrArray *notes;
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NULL);
  s = side_of (self, side);
  g_return_val_if_fail (choice < plantar_fitting_get_n_choices (self, side), NULL);

  if (s->has_mean && choice == 0)
    return g_strdup (_("Every whole step of this foot"));
  entry = fitting_entry_at (self, g_array_index (s->entries, guint, choice - (s->has_mean ? 1 : 0)));
  if (entry->original->complete || entry->original->footprint == NULL)
    return NULL;
  notes = entry->original->footprint->notes;
  text = g_string_new (NULL);
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    g_string_append_printf (text, "%s%s", text->len ? " " : "", (const char *) g_ptr_array_index (notes, i));
  if (text->len == 0 && entry->original->warnings != NULL && entry->original->warnings->len > 0)
    g_string_append (text, g_ptr_array_index (entry->original->warnings, 0));
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

guint
plantar_fitting_get_choice (PlantarFitting *self,
                            PlantarSide     side)
{
  g_return_val_if_fail (PLANTAR_IS_FITTING (self), 0);
  return side_of (self, side)->choice;
}

void
plantar_fitting_set_choice (PlantarFitting *self,
                            PlantarSide     side,
                            guint           choice)
{
  Side *s;

  g_return_if_fail (PLANTAR_IS_FITTING (self));
  s = side_of (self, side);
  g_return_if_fail (choice < plantar_fitting_get_n_choices (self, side));
  if (s->choice == choice)
    return;
  s->choice = choice;
  fitting_emit_changed (self);
}

gboolean
plantar_fitting_is_mean (PlantarFitting *self,
                         PlantarSide     side)
{
  Side *s;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), FALSE);
  s = side_of (self, side);
  return s->has_mean && s->choice == 0 && s->mean != NULL;
}

PlantarFoot *
plantar_fitting_get_foot (PlantarFitting *self,
                          PlantarSide     side)
{
  Side *s;
  guint e;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NULL);
  s = side_of (self, side);
  if (plantar_fitting_is_mean (self, side))
    return s->mean;
  e = shown_entry (self, s);
  return e == G_MAXUINT ? NULL : fitting_entry_at (self, e)->current;
}

PlantarFoot *
plantar_fitting_get_shown (PlantarFitting *self,
                           PlantarSide     side)
{
  guint e;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NULL);
  e = shown_entry (self, side_of (self, side));
  return e == G_MAXUINT ? NULL : fitting_entry_at (self, e)->current;
}

PlantarScan *
plantar_fitting_get_shown_scan (PlantarFitting *self,
                                PlantarSide     side)
{
  guint e;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NULL);
  e = shown_entry (self, side_of (self, side));
  return e == G_MAXUINT ? NULL : g_array_index (self->items, Item, fitting_entry_at (self, e)->scan).scan;
}

gboolean
plantar_fitting_get_spread (PlantarFitting *self,
                            PlantarSide     side,
                            guint          *n_steps,
                            double         *sd_arch_index,
                            double         *sd_foot_length_mm)
{
  Side *s;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), FALSE);
  s = side_of (self, side);
  if (!plantar_fitting_is_mean (self, side))
    return FALSE;
  if (n_steps)
    *n_steps = s->n_mean;
  if (sd_arch_index)
    *sd_arch_index = s->sd_arch_index;
  if (sd_foot_length_mm)
    *sd_foot_length_mm = s->sd_foot_length_mm;
  return TRUE;
}

/**
 * plantar_fitting_correct:
 *
 * @continued: the same drag as the last correction: it replaces it in the
 *   history rather than adding to it
 *
 * Sets the landmarks by hand on the step shown for @side (the threshold
 * in @corrections is kept as it is; see plantar_fitting_set_threshold()).
 *
 * Returns: %TRUE if the foot was measured again
 */
gboolean
plantar_fitting_correct (PlantarFitting           *self,
                         PlantarSide               side,
                         const PlantarCorrections *corrections,
                         gboolean                  continued)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  Change change;
  guint e;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), FALSE);
  e = shown_entry (self, side_of (self, side));
  if (e == G_MAXUINT)
    return FALSE;

  change.entry = e;
  change.before = fitting_entry_at (self, e)->current->corrections;
  change.after = *corrections;
  change.after.has_threshold = change.before.has_threshold;
  change.after.threshold = change.before.threshold;

  /* a drag goes on: one step of the history for all of it */
  if (continued && self->undo->len > 0)
    {
      Step *step = g_ptr_array_index (self->undo, self->undo->len - 1);
      GArray *last = step->changes;
      if (last != NULL && last->len == 1 && g_array_index (last, Change, 0).entry == e)
        {
          Change *c = &g_array_index (last, Change, 0);
          if (corrections_equal (&change.after, &c->after))
            return FALSE;
          if (!apply (self, e, &change.after))
            return FALSE;
          c->after = change.after;
          update_means (self, last);
          fitting_emit_changed (self);
          return TRUE;
        }
    }

  g_array_append_val (changes, change);
  return commit (self, changes);
}

/**
 * plantar_fitting_set_threshold:
 * @threshold: kPa for pressure, a fraction of the ink's contrast for prints;
 *   NAN for the analysis's own
 *
 * The contact threshold of every foot of @side.
 */
gboolean
plantar_fitting_set_threshold (PlantarFitting *self,
                               PlantarSide     side,
                               double          threshold)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  Side *s;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), FALSE);
  s = side_of (self, side);
  for (guint i = 0; i < s->entries->len; i++)
    {
      guint e = g_array_index (s->entries, guint, i);
      Change change;
      change.entry = e;
      change.before = fitting_entry_at (self, e)->current->corrections;
      change.after = change.before;
      change.after.has_threshold = !isnan (threshold);
      change.after.threshold = isnan (threshold) ? 0 : threshold;
      g_array_append_val (changes, change);
    }
  return commit (self, changes);
}

/* The threshold the side is measured with. */
double
plantar_fitting_get_threshold (PlantarFitting *self,
                               PlantarSide     side)
{
  PlantarFoot *foot;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), NAN);
  foot = plantar_fitting_get_shown (self, side);
  if (foot == NULL)
    return NAN;
  if (foot->corrections.has_threshold)
    return foot->corrections.threshold;
  if (!isnan (self->settings.threshold))
    return self->settings.threshold;
  return foot->has_pressure ? 0 : 0.5;
}

/* Back to what the analysis found, for every foot of @side: undoable. */
void
plantar_fitting_reset (PlantarFitting *self,
                       PlantarSide     side)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  Side *s;

  g_return_if_fail (PLANTAR_IS_FITTING (self));
  s = side_of (self, side);
  for (guint i = 0; i < s->entries->len; i++)
    {
      guint e = g_array_index (s->entries, guint, i);
      Change change = { 0 };
      change.entry = e;
      change.before = fitting_entry_at (self, e)->current->corrections;
      g_array_append_val (changes, change);
    }
  commit (self, changes);
}

gboolean
plantar_fitting_is_corrected (PlantarFitting *self,
                              PlantarSide     side)
{
  Side *s;
  PlantarCorrections none = { 0 };

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), FALSE);
  s = side_of (self, side);
  for (guint i = 0; i < s->entries->len; i++)
    if (!corrections_equal (&fitting_entry_at (self, g_array_index (s->entries, guint, i))->current->corrections, &none))
      return TRUE;
  return FALSE;
}

/* Corrections made when a fitting is reopened are where it starts, not
 * steps to undo. */
void
plantar_fitting_forget_history (PlantarFitting *self)
{
  g_return_if_fail (PLANTAR_IS_FITTING (self));
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
plantar_fitting_can_undo (PlantarFitting *self)
{
  g_return_val_if_fail (PLANTAR_IS_FITTING (self), FALSE);
  return self->undo->len > 0;
}

gboolean
plantar_fitting_can_redo (PlantarFitting *self)
{
  g_return_val_if_fail (PLANTAR_IS_FITTING (self), FALSE);
  return self->redo->len > 0;
}

/* Takes a step of the history back (@forward FALSE) or again. */
static void
step_apply (PlantarFitting *self,
            Step           *step,
            gboolean        forward)
{
  if (step->swap != NULL)
    fitting_swap_apply (self, step->swap);
  else
    apply_changes (self, step->changes, forward);
}

gboolean
plantar_fitting_undo (PlantarFitting *self)
{
  Step *step;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), FALSE);
  if (self->undo->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  step_apply (self, step, FALSE);
  g_ptr_array_add (self->redo, step);
  fitting_emit_changed (self);
  return TRUE;
}

gboolean
plantar_fitting_redo (PlantarFitting *self)
{
  Step *step;

  g_return_val_if_fail (PLANTAR_IS_FITTING (self), FALSE);
  if (self->redo->len == 0)
    return FALSE;
  step = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  step_apply (self, step, TRUE);
  g_ptr_array_add (self->undo, step);
  fitting_emit_changed (self);
  return TRUE;
}

void
plantar_fitting_get_asymmetry (PlantarFitting    *self,
                               PlantarThresholds *thresholds,
                               PlantarAsymmetry  *asymmetry)
{
  g_return_if_fail (PLANTAR_IS_FITTING (self));
  plantar_asymmetry_compute (plantar_fitting_get_foot (self, PLANTAR_SIDE_LEFT),
                             plantar_fitting_get_foot (self, PLANTAR_SIDE_RIGHT),
                             thresholds, asymmetry);
}

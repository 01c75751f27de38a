/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "plantar-fitting.h"

G_BEGIN_DECLS

/* What plantar-fitting.c and plantar-fitting-sheet.c (a photo's sheet
 * moved by hand) share. */

/* A foot or step of one of the scans, as analysed and as corrected. */
typedef struct {
  guint        scan;
  guint        index;       /* in its analysis */
  PlantarFoot *original;
  PlantarFoot *current;
  gboolean     alive;       /* FALSE: of a scan replaced (a sheet moved), kept for its undo */
} Entry;

/* One change by hand: the corrections of some entries before and after. */
typedef struct {
  guint              entry;
  PlantarCorrections before;
  PlantarCorrections after;
} Change;

typedef struct {
  PlantarScan     *scan;
  char            *name;
  PlantarAnalysis *analysis;
  GError          *error;
} Item;

typedef struct {
  GArray      *entries;     /* guint: the entries of this side, in order */
  gboolean     has_mean;    /* choice 0 is the mean of the complete steps */
  guint        choice;
  PlantarFoot *mean;        /* the mean, when chosen */
  guint        n_mean, shown_for_mean;
  double       sd_arch_index, sd_foot_length_mm;
} Side;

struct _PlantarFitting
{
  GObject                  parent_instance;

  PlantarAnalysisSettings  settings;
  GArray                  *items;     /* Item */
  GArray                  *entries;   /* Entry */
  Side                     sides[2];  /* left, right */
  GPtrArray               *undo;      /* Step */
  GPtrArray               *redo;
  JsonObject              *insole[2];  /* the designer's changes to each side's insole */
};

/* A scan replaced by another (its sheet moved): the one out, kept for
 * undo, and which entries are whose. Undone and redone by the same swap. */
typedef struct {
  guint   item;
  Item    other;        /* the item out */
  GArray *slots_out;    /* guint: its entries, dead while it is out */
  GArray *slots_in;     /* guint: the entries of the item in */
  guint   choices[2];   /* the sides' choices with the item out */
} Swap;

/* One step of the history: corrections, or a scan replaced. */
typedef struct {
  GArray *changes;      /* Change */
  Swap   *swap;
} Step;

/* plantar-fitting.c */
void     fitting_item_clear     (gpointer        data);
Entry   *fitting_entry_at       (PlantarFitting *self,
                                 guint           index);
void     fitting_emit_changed   (PlantarFitting *self);
void     fitting_push_step      (PlantarFitting *self,
                                 Step           *step);
void     fitting_step_free      (gpointer        data);
void     fitting_collect_entries_of (PlantarFitting *self,
                                     guint           item,
                                     GArray         *slots);
void     fitting_rebuild_sides  (PlantarFitting *self);

/* plantar-fitting-sheet.c */
void     fitting_swap_apply     (PlantarFitting *self,
                                 Swap           *swap);
void     fitting_swap_free      (Swap           *swap);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-window"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-calibration.h"
#include "plantar-sheet-view.h"
#include "plantar-window-private.h"

/*
 * A photo's sheet: each photo with the sheet outlined on it, its corners
 * dragged to where the sheet's are; the feet are measured again as a
 * corner moves (in a worker, the latest position always the next one
 * measured), and each drag is one step to undo. The paper's size is
 * chosen here too, and remembered.
 */

/* The photo a scan's sheet lies in: what it was rectified from, or a
 * picture without a scale on which the sheet is placed by hand. */
static PlantarScan *
photo_of (PlantarScan *scan)
{
  if (plantar_scan_get_photo (scan) != NULL)
    return plantar_scan_get_photo (scan);
  if (!plantar_scan_is_pressure (scan) && !plantar_scan_has_scale (scan))
    return scan;
  return NULL;
}

/* The paper chosen, as the settings keep it. */
static const PlantarPaperSize *
chosen_paper (PlantarWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "photo-paper");
  guint n;
  const PlantarPaperSize *sizes = plantar_paper_sizes (&n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (sizes[i].id, id) == 0)
      return &sizes[i];
  return &sizes[0];
}

/* The paper size the photos are opened with. */
void
plantar_window_sheet_import_options (PlantarWindow        *self,
                                     PlantarImportOptions *options)
{
  const PlantarPaperSize *paper = chosen_paper (self);

  memset (options, 0, sizeof *options);
  options->paper_width_mm = paper->width_mm;
  options->paper_height_mm = paper->height_mm;
}

/* A sheet to start from on a picture in which none was found: most of the
 * picture, the paper's long side along the picture's. */
static void
default_sheet (PlantarWindow *self,
               PlantarScan   *photo,
               PlantarSheet  *sheet)
{
  const PlantarPaperSize *paper = chosen_paper (self);
  double w = plantar_scan_get_width (photo), h = plantar_scan_get_height (photo);
  double x0 = 0.1 * w, x1 = 0.9 * w, y0 = 0.1 * h, y1 = 0.9 * h;

  sheet->x[0] = x0, sheet->y[0] = y0;
  sheet->x[1] = x1, sheet->y[1] = y0;
  sheet->x[2] = x1, sheet->y[2] = y1;
  sheet->x[3] = x0, sheet->y[3] = y1;
  sheet->width_mm = w >= h ? MAX (paper->width_mm, paper->height_mm) : MIN (paper->width_mm, paper->height_mm);
  sheet->height_mm = w >= h ? MIN (paper->width_mm, paper->height_mm) : MAX (paper->width_mm, paper->height_mm);
}

static void send_sheet (PlantarWindow *self);

static void
sheet_set_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PlantarWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = plantar_fitting_set_sheet_finish (PLANTAR_FITTING (source), result, &error);

  /* the window closed meanwhile */
  if (self->sheet.views == NULL)
    return;
  self->sheet.busy = FALSE;
  plantar_window_set_busy (self, FALSE);
  /* other scans opened meanwhile */
  if (!done && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->sheet.pending = FALSE;
      return;
    }
  if (error == NULL && self->sheet.index < plantar_fitting_get_n_scans (self->fitting) &&
      plantar_fitting_get_error (self->fitting, self->sheet.index) != NULL)
    error = g_error_copy (plantar_fitting_get_error (self->fitting, self->sheet.index));
  if (error != NULL)
    plantar_window_show_error (self, _("Could not measure on that sheet"), error->message);
  else
    plantar_window_hide_error (self);
  if (self->sheet.pending)
    send_sheet (self);
}

/* The latest sheet asked for, measured; one at a time. */
static void
send_sheet (PlantarWindow *self)
{
  if (self->sheet.busy || !self->sheet.pending)
    return;
  self->sheet.pending = FALSE;
  self->sheet.busy = TRUE;
  plantar_window_set_busy (self, TRUE);
  plantar_fitting_set_sheet_async (self->fitting, self->sheet.index, &self->sheet.value, self->sheet.continued,
                                   self->cancellable, sheet_set_cb, g_object_ref (self));
}

static void
ask_sheet (PlantarWindow      *self,
           guint               index,
           const PlantarSheet *sheet,
           gboolean            continued)
{
  /* a first move not yet sent stays the first of its drag */
  if (self->sheet.pending && self->sheet.index == index)
    continued = continued && self->sheet.continued;
  else if (self->sheet.pending)
    send_sheet (self);
  self->sheet.pending = TRUE;
  self->sheet.index = index;
  self->sheet.value = *sheet;
  self->sheet.continued = continued;
  send_sheet (self);
}

static void
sheet_changed_cb (PlantarSheetView   *view,
                  const PlantarSheet *sheet,
                  gboolean            continued,
                  PlantarWindow      *self)
{
  ask_sheet (self, plantar_sheet_view_get_index (view), sheet, continued);
}

/* Each sheet view shows its scan's photo and sheet as the fitting has
 * them now (a view being dragged keeps its own). */
void
plantar_window_sync_sheets (PlantarWindow *self)
{
  for (guint i = 0; i < self->sheet.views->len; i++)
    {
      PlantarSheetView *view = g_ptr_array_index (self->sheet.views, i);
      guint index = plantar_sheet_view_get_index (view);
      PlantarScan *scan = index < plantar_fitting_get_n_scans (self->fitting)
                          ? plantar_fitting_get_scan (self->fitting, index) : NULL;
      const PlantarSheet *sheet = scan ? plantar_scan_get_sheet (scan) : NULL;
      PlantarSheet start;

      if (scan == NULL || photo_of (scan) == NULL)
        continue;
      plantar_sheet_view_set_photo (view, photo_of (scan), index);
      if (sheet == NULL)
        {
          /* a sheet placed by hand is kept as it is being placed */
          if (plantar_sheet_view_get_sheet (view) != NULL)
            continue;
          default_sheet (self, photo_of (scan), &start);
          sheet = &start;
        }
      plantar_sheet_view_set_sheet (view, sheet);
    }
}

/* A sheet view for each scan that is a photo. */
void
plantar_window_rebuild_sheets (PlantarWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sheet_box))) != NULL)
    gtk_box_remove (self->sheet_box, child);
  g_ptr_array_set_size (self->sheet.views, 0);
  for (guint i = 0; self->scans != NULL && i < self->scans->len; i++)
    {
      PlantarScan *scan = g_ptr_array_index (self->scans, i);
      GtkWidget *view;

      if (photo_of (scan) == NULL)
        continue;
      view = plantar_sheet_view_new ();
      plantar_sheet_view_set_photo (PLANTAR_SHEET_VIEW (view), photo_of (scan), i);
      g_signal_connect_object (view, "sheet-changed", G_CALLBACK (sheet_changed_cb), self, 0);
      gtk_box_append (self->sheet_box, view);
      g_ptr_array_add (self->sheet.views, view);
    }
  plantar_window_sync_sheets (self);
}

gboolean
plantar_window_is_showing_sheet (PlantarWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "sheet") == 0;
}

/* The sheets shown, or back to the feet. */
void
plantar_window_show_sheet (PlantarWindow *self,
                           gboolean       show)
{
  if (show && self->sheet.views->len > 0)
    {
      gtk_stack_set_visible_child_name (self->mode_stack, "sheet");
      gtk_widget_grab_focus (g_ptr_array_index (self->sheet.views, 0));
    }
  else
    gtk_stack_set_visible_child_name (self->mode_stack, self->state.has_feet ? "feet" : "scans");
  plantar_window_update_state (self);
}

/* The paper chosen: remembered, and every photo measured on its sheet at
 * that size (the corners stay where they are). */
static void
paper_selected_cb (GtkDropDown   *dropdown,
                   GParamSpec    *pspec,
                   PlantarWindow *self)
{
  guint n, selected = gtk_drop_down_get_selected (dropdown);
  const PlantarPaperSize *sizes = plantar_paper_sizes (&n);

  if (self->updating || selected >= n || g_strcmp0 (chosen_paper (self)->id, sizes[selected].id) == 0)
    return;
  g_settings_set_string (self->settings, "photo-paper", sizes[selected].id);
  for (guint i = 0; i < self->sheet.views->len; i++)
    {
      PlantarSheetView *view = g_ptr_array_index (self->sheet.views, i);
      const PlantarSheet *now = plantar_sheet_view_get_sheet (view);
      PlantarSheet sheet;

      if (now == NULL || plantar_scan_get_sheet (plantar_fitting_get_scan (self->fitting,
                                                                           plantar_sheet_view_get_index (view))) == NULL)
        continue;
      sheet = *now;
      sheet.width_mm = now->width_mm >= now->height_mm ? MAX (sizes[selected].width_mm, sizes[selected].height_mm)
                                                       : MIN (sizes[selected].width_mm, sizes[selected].height_mm);
      sheet.height_mm = now->width_mm >= now->height_mm ? MIN (sizes[selected].width_mm, sizes[selected].height_mm)
                                                        : MAX (sizes[selected].width_mm, sizes[selected].height_mm);
      ask_sheet (self, plantar_sheet_view_get_index (view), &sheet, FALSE);
    }
}

void
plantar_window_init_sheet (PlantarWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const PlantarPaperSize *sizes, *chosen = chosen_paper (self);
  guint n;

  self->sheet.views = g_ptr_array_new ();
  sizes = plantar_paper_sizes (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, _(sizes[i].name));
  gtk_drop_down_set_model (self->sheet_paper, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->sheet_paper, chosen - sizes);
  g_signal_connect_object (self->sheet_paper, "notify::selected", G_CALLBACK (paper_selected_cb), self, 0);
}

void
plantar_window_finish_sheet (PlantarWindow *self)
{
  g_clear_pointer (&self->sheet.views, g_ptr_array_unref);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-calibration-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "plantar-calibration-dialog.h"

struct _PlantarCalibrationDialog
{
  AdwMessageDialog  parent_instance;

  /* template */
  GtkStack         *pages;
  GtkDropDown      *paper;
  GtkSpinButton    *distance;
  GtkWidget        *cell_rows;
  GtkSpinButton    *cell_width;
  GtkSpinButton    *cell_height;
  GtkWidget        *units_row;
  GtkDropDown      *units;
  GtkWidget        *frame_row;
  GtkSpinButton    *frame_ms;
  GtkSpinButton    *foot_length;

  PlantarScan      *scan;
  PlantarCalibrationKind kind;
  double            x1, y1, x2, y2;
};

G_DEFINE_FINAL_TYPE (PlantarCalibrationDialog, plantar_calibration_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The units a grid may be in, as the dropdown lists them. */
static const char * const grid_units[] = { "kPa", "N/cm²", "mmHg", "PSI", "kg/cm²", "raw", NULL };

/* Enter in a number confirms the dialog, as its default response's button. */
static void
activates_default (GtkSpinButton *spin)
{
  g_object_set (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activates-default", TRUE, NULL);
}

static void
plantar_calibration_dialog_dispose (GObject *object)
{
  PlantarCalibrationDialog *self = PLANTAR_CALIBRATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_CALIBRATION_DIALOG);
  G_OBJECT_CLASS (plantar_calibration_dialog_parent_class)->dispose (object);
}

static void
plantar_calibration_dialog_finalize (GObject *object)
{
  PlantarCalibrationDialog *self = PLANTAR_CALIBRATION_DIALOG (object);

  g_clear_pointer (&self->scan, plantar_scan_unref);
  G_OBJECT_CLASS (plantar_calibration_dialog_parent_class)->finalize (object);
}

static void
plantar_calibration_dialog_class_init (PlantarCalibrationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_calibration_dialog_dispose;
  object_class->finalize = plantar_calibration_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/plantar/Plantar/plantar-calibration-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarCalibrationDialog, pages);
  gtk_widget_class_bind_template_child (widget_class, PlantarCalibrationDialog, paper);
  gtk_widget_class_bind_template_child (widget_class, PlantarCalibrationDialog, distance);
  gtk_widget_class_bind_template_child (widget_class, PlantarCalibrationDialog, cell_rows);
  gtk_widget_class_bind_template_child (widget_class, PlantarCalibrationDialog, cell_width);
  gtk_widget_class_bind_template_child (widget_class, PlantarCalibrationDialog, cell_height);
  gtk_widget_class_bind_template_child (widget_class, PlantarCalibrationDialog, units_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarCalibrationDialog, units);
  gtk_widget_class_bind_template_child (widget_class, PlantarCalibrationDialog, frame_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarCalibrationDialog, frame_ms);
  gtk_widget_class_bind_template_child (widget_class, PlantarCalibrationDialog, foot_length);
}

static void
plantar_calibration_dialog_init (PlantarCalibrationDialog *self)
{
  g_autoptr(GtkStringList) papers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) units = gtk_string_list_new ((const char * const *) grid_units);
  const PlantarPaperSize *sizes;
  guint n;

  gtk_widget_init_template (GTK_WIDGET (self));
  sizes = plantar_paper_sizes (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (papers, _(sizes[i].name));
  gtk_drop_down_set_model (self->paper, G_LIST_MODEL (papers));
  gtk_drop_down_set_model (self->units, G_LIST_MODEL (units));
  activates_default (self->distance);
  activates_default (self->cell_width);
  activates_default (self->cell_height);
  activates_default (self->frame_ms);
  activates_default (self->foot_length);
}

static PlantarCalibrationDialog *
dialog_new (GtkWindow   *parent,
            PlantarScan *scan)
{
  PlantarCalibrationDialog *self = g_object_new (PLANTAR_TYPE_CALIBRATION_DIALOG,
                                                 "transient-for", parent,
                                                 "modal", TRUE,
                                                 "destroy-with-parent", TRUE,
                                                 NULL);

  self->scan = plantar_scan_ref (scan);
  return self;
}

/**
 * plantar_calibration_dialog_new:
 * @need: an image without a scale, or a grid that says too little
 */
GtkWidget *
plantar_calibration_dialog_new (GtkWindow        *parent,
                                PlantarScan      *scan,
                                PlantarScaleNeed  need)
{
  PlantarCalibrationDialog *self = dialog_new (parent, scan);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  if (need == PLANTAR_SCALE_PICTURE)
    {
      self->kind = PLANTAR_CALIBRATION_FOOT_LENGTH;
      gtk_stack_set_visible_child_name (self->pages, "foot");
      adw_message_dialog_set_heading (dialog, _("Set the Picture’s Scale"));
      adw_message_dialog_set_body (dialog, _("A pressure picture does not say how large it is. Give the length "
                                             "of the foot it shows, heel to longest toe, or measure a known "
                                             "distance on it, such as the plate’s sensors."));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "measure", _("_Measure a Distance"),
                                        "apply", _("Use Foot _Length"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "apply");
      return GTK_WIDGET (self);
    }

  if (need == PLANTAR_SCALE_IMAGE)
    {
      self->kind = PLANTAR_CALIBRATION_PAPER;
      gtk_stack_set_visible_child_name (self->pages, "paper");
      adw_message_dialog_set_heading (dialog, _("Set the Image Scale"));
      adw_message_dialog_set_body (dialog, _("If the image shows the whole sheet, choose its paper size. "
                                             "Otherwise measure a known distance on it, such as a ruler "
                                             "beside the print."));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "measure", _("_Measure a Distance"),
                                        NULL);
      /* a photo: the sheet's corners placed by hand */
      if (plantar_scan_get_scale_hint (scan) != NULL)
        adw_message_dialog_add_response (dialog, "corners", _("Place the Sheet’s _Corners"));
      adw_message_dialog_add_response (dialog, "paper", _("Use _Paper Size"));
      adw_message_dialog_set_response_appearance (dialog, "paper", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "paper");
      return GTK_WIDGET (self);
    }

  self->kind = PLANTAR_CALIBRATION_GRID;
  gtk_stack_set_visible_child_name (self->pages, "grid");
  gtk_widget_set_visible (self->cell_rows, !plantar_scan_has_scale (scan));
  gtk_widget_set_visible (self->units_row, plantar_scan_get_units_assumed (scan));
  gtk_widget_set_visible (self->frame_row,
                          plantar_scan_get_n_frames (scan) > 1 && plantar_scan_get_frame_ms (scan) <= 0);
  adw_message_dialog_set_heading (dialog, _("Describe the Grid"));
  adw_message_dialog_set_body (dialog, _("The file leaves these out. Take them from the plate's manual or "
                                         "export settings: sensors are 5.08 mm for Tekscan and footscan, "
                                         "5 mm for emed, 8.47 mm for Zebris."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  return GTK_WIDGET (self);
}

/* How long the line between two points picked on @scan is. */
GtkWidget *
plantar_calibration_dialog_new_distance (GtkWindow   *parent,
                                         PlantarScan *scan,
                                         double       x1,
                                         double       y1,
                                         double       x2,
                                         double       y2)
{
  PlantarCalibrationDialog *self = dialog_new (parent, scan);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  g_autofree char *body = g_strdup_printf (_("How long is the line between the two points? "
                                             "It is %.0f pixels on the image."), hypot (x2 - x1, y2 - y1));

  self->kind = PLANTAR_CALIBRATION_DISTANCE;
  self->x1 = x1;
  self->y1 = y1;
  self->x2 = x2;
  self->y2 = y2;
  gtk_stack_set_visible_child_name (self->pages, "distance");
  adw_message_dialog_set_heading (dialog, _("Known Distance"));
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Set Scale"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  return GTK_WIDGET (self);
}

PlantarScan *
plantar_calibration_dialog_get_scan (PlantarCalibrationDialog *self)
{
  g_return_val_if_fail (PLANTAR_IS_CALIBRATION_DIALOG (self), NULL);
  return self->scan;
}

void
plantar_calibration_dialog_get_calibration (PlantarCalibrationDialog *self,
                                            PlantarCalibration       *calibration)
{
  g_return_if_fail (PLANTAR_IS_CALIBRATION_DIALOG (self));

  plantar_calibration_init (calibration);
  calibration->kind = self->kind;
  switch (self->kind)
    {
    case PLANTAR_CALIBRATION_PAPER:
      {
        guint n;
        const PlantarPaperSize *sizes = plantar_paper_sizes (&n);
        guint i = MIN (gtk_drop_down_get_selected (self->paper), n - 1);
        calibration->paper_width_mm = sizes[i].width_mm;
        calibration->paper_height_mm = sizes[i].height_mm;
      }
      break;
    case PLANTAR_CALIBRATION_DISTANCE:
      calibration->x1 = self->x1;
      calibration->y1 = self->y1;
      calibration->x2 = self->x2;
      calibration->y2 = self->y2;
      calibration->distance_mm = gtk_spin_button_get_value (self->distance);
      break;
    case PLANTAR_CALIBRATION_GRID:
      if (gtk_widget_get_visible (self->cell_rows))
        {
          calibration->cell_width_mm = gtk_spin_button_get_value (self->cell_width);
          calibration->cell_height_mm = gtk_spin_button_get_value (self->cell_height);
        }
      if (gtk_widget_get_visible (self->units_row))
        g_strlcpy (calibration->units, grid_units[MIN (gtk_drop_down_get_selected (self->units),
                                                       G_N_ELEMENTS (grid_units) - 2)],
                   sizeof calibration->units);
      if (gtk_widget_get_visible (self->frame_row))
        calibration->frame_ms = gtk_spin_button_get_value (self->frame_ms);
      break;
    case PLANTAR_CALIBRATION_FOOT_LENGTH:
      calibration->foot_length_mm = gtk_spin_button_get_value (self->foot_length);
      break;
    case PLANTAR_CALIBRATION_NONE:
    default:
      break;
    }
}

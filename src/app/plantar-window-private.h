/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The window's rooms share this: plantar-window.c (the state, the feet,
 * showing a fitting), -actions.c (what the window can do and its keys),
 * -open.c (files, choosers, recent scans), -calibration.c (scales),
 * -records.c (customers, backups), -sheet.c (a photo's sheet), -capture.c
 * (scanner, camera, watched folder), -dnd.c (dropped files) and -inspect.c
 * (what the tests read).
 */

#include "plantar-feet-box.h"
#include "plantar-foot-panel.h"
#include "plantar-import.h"
#include "plantar-map-view.h"
#include "plantar-playback-bar.h"
#include "plantar-records-controller.h"
#include "plantar-window.h"
#include "plantar-watch.h"
#include "plantar-window-state.h"

G_BEGIN_DECLS

struct _PlantarWindow
{
  AdwApplicationWindow      parent_instance;

  /* template */
  AdwWindowTitle           *window_title;
  GtkSpinner               *spinner;
  GtkWidget                *records_status;
  AdwButtonContent         *records_status_content;
  GtkLabel                 *records_status_title;
  GtkLabel                 *records_status_text;
  GtkWidget                *view_button;
  GtkToggleButton          *sheet_button;
  GtkWidget                *undo_button;
  GtkWidget                *report_button;
  GtkRevealer              *error_revealer;
  GtkLabel                 *error_title;
  GtkLabel                 *error_message;
  GtkRevealer              *scale_revealer;
  GtkLabel                 *scale_message;
  GtkButton                *scale_button;
  GtkButton                *cancel_pick_button;
  GtkStack                 *stack;
  AdwPreferencesGroup      *recent_group;
  GtkListBox               *recent_list;
  GtkStack                 *mode_stack;
  GtkScrolledWindow        *left_panel_scroller;
  GtkScrolledWindow        *right_panel_scroller;
  GtkDropDown              *left_choice;
  GtkDropDown              *right_choice;
  PlantarFeetBox           *feet_box;
  PlantarMapView           *left_view;
  PlantarMapView           *right_view;
  GtkWidget                *left_missing;
  GtkWidget                *right_missing;
  GtkWidget                *left_threshold_box;
  GtkWidget                *right_threshold_box;
  GtkScale                 *left_threshold;
  GtkScale                 *right_threshold;
  GtkBox                   *views_box;
  GtkRevealer              *asymmetry_revealer;
  GtkLabel                 *asymmetry_label;
  GtkRevealer              *timeline_revealer;
  PlantarPlaybackBar       *playback;
  GtkDropDown              *sheet_paper;
  GtkBox                   *sheet_box;
  AdwToastOverlay          *toast_overlay;
  /* a treadmill walk's centre-of-pressure path: every frame read, so kept
   * while the recording's analysis and its steps are the same (a landmark
   * dragged does not change it) */
  GArray                   *cop;
  gconstpointer             cop_analysis;
  guint                     cop_steps;
  double                    cop_landings;  /* the steps' landing times, summed */
  GtkWindow                *steps_window;   /* weak: the table of steps, when open */

  PlantarFootPanel         *panels[2];

  GSettings                *settings;
  PlantarThresholds        *thresholds;
  PlantarFitting           *fitting;
  PlantarRecordsController *records;
  GPtrArray                *scans;          /* PlantarScan, what is shown */
  GStrv                     file_names;     /* their files, for the title */
  GPtrArray                *scan_paths;     /* the file of each scan, for the record */
  GPtrArray                *views;          /* PlantarMapView of whole scans */
  PlantarWindowState        state;
  GCancellable             *cancellable;    /* the open or the analysis in progress */
  guint                     busy;           /* opens and analyses under way */
  GtkNativeDialog          *chooser;        /* the file chooser shown, one at a time */
  PlantarMapView           *picking;        /* the view taking two clicks */
  gboolean                  updating;       /* the controls follow the fitting */
  gboolean                  showing;        /* a new fitting is being adopted */
  guint                     threshold_timeout[2];
  PlantarWatch             *watch;          /* the folder the plate exports into */
  gboolean                  next_joins;     /* the next scan is the other foot's */
  gboolean                  journal_told;   /* a foreign journal set aside was said */

  /* the last scale given by hand, to undo */
  struct {
    PlantarScan            *scan;
    double                  width_mm, height_mm;  /* before it: 0 for none */
    char                   *digest;
  } scale_undo;

  /* a photo's sheet moved by hand: one measured at a time, the latest next */
  struct {
    GPtrArray              *views;          /* PlantarSheetView */
    gboolean                busy, pending, continued;
    guint                   index;
    PlantarSheet            value;
  } sheet;
};

/* plantar-window.c */
void     plantar_window_show_error       (PlantarWindow  *self,
                                          const char     *title,
                                          const char     *message);
void     plantar_window_hide_error       (PlantarWindow  *self);
void     plantar_window_set_busy         (PlantarWindow  *self,
                                          gboolean        busy);
void     plantar_window_update_state     (PlantarWindow  *self);
void     plantar_window_message          (PlantarWindow  *self,
                                          const char     *heading,
                                          const char     *body);
/* Measures @scans in the background and shows them; @record (transfer
 * full, nullable) is the fitting they were read from. */
void     plantar_window_show_scans       (PlantarWindow        *self,
                                          GPtrArray            *scans,
                                          GStrv                 file_names,
                                          GPtrArray            *paths,
                                          PlantarFittingRecord *record);
/* plantar-window-records.c */
void     plantar_window_report_closed    (PlantarWindow  *self);
/* plantar-window-calibration.c */
gboolean plantar_window_apply_remembered_scales (PlantarWindow *self,
                                                 GPtrArray     *scans);
gboolean plantar_window_can_undo_scale   (PlantarWindow  *self);
void     plantar_window_undo_scale       (PlantarWindow  *self);
void     plantar_window_change_scale     (PlantarWindow  *self);
void     plantar_window_clear_scale_undo (PlantarWindow  *self);
/* A scan learned its scale: measured again. */
void     plantar_window_scale_changed    (PlantarWindow  *self);
PlantarMapView *plantar_window_view_of   (PlantarWindow  *self,
                                          PlantarSide     side);

/* plantar-window-actions.c */
void     plantar_window_class_add_actions (GtkWidgetClass *widget_class);
void     plantar_window_init_actions      (PlantarWindow  *self);
void     plantar_window_actions_update    (PlantarWindow  *self);

/* plantar-window-open.c */
void     plantar_window_open              (PlantarWindow  *self,
                                           GFile         **files,
                                           int             n_files,
                                           gboolean        adding);
void     plantar_window_choose_files      (PlantarWindow  *self,
                                           gboolean        adding);
void     plantar_window_rebuild_recent    (PlantarWindow  *self);
void     plantar_window_show_chooser      (PlantarWindow        *self,
                                           GtkFileChooserNative *chooser);

/* plantar-window-records.c */
void     plantar_window_report_closed    (PlantarWindow  *self);
/* plantar-window-calibration.c */
void     plantar_window_calibrate         (PlantarWindow  *self);
void     plantar_window_stop_picking      (PlantarWindow  *self);
void     plantar_window_points_picked_cb  (PlantarMapView *view,
                                           double          x1,
                                           double          y1,
                                           double          x2,
                                           double          y2,
                                           PlantarWindow  *self);

/* plantar-window-records.c */
void     plantar_window_show_customers    (PlantarWindow  *self);
void     plantar_window_back_up           (PlantarWindow  *self);
void     plantar_window_import_customer   (PlantarWindow  *self);
void     plantar_window_import_sealed_customer (PlantarWindow *self);
void     plantar_window_restore           (PlantarWindow  *self);

/* plantar-window-sheet.c */
void     plantar_window_init_sheet        (PlantarWindow  *self);
void     plantar_window_finish_sheet      (PlantarWindow  *self);
void     plantar_window_rebuild_sheets    (PlantarWindow  *self);
void     plantar_window_sync_sheets       (PlantarWindow  *self);
void     plantar_window_show_sheet        (PlantarWindow  *self,
                                           gboolean        show);
gboolean plantar_window_is_showing_sheet  (PlantarWindow  *self);
void     plantar_window_sheet_import_options (PlantarWindow        *self,
                                              PlantarImportOptions *options);

/* plantar-window-capture.c */
void     plantar_window_scan              (PlantarWindow  *self);
void     plantar_window_camera            (PlantarWindow  *self);
void     plantar_window_take_capture      (PlantarWindow  *self,
                                           PlantarScan    *scan,
                                           const char     *kind);
void     plantar_window_update_watch      (PlantarWindow  *self);

/* plantar-window-dnd.c */
void     plantar_window_init_dnd          (PlantarWindow  *self);

/* plantar-window-inspect.c: what the tests read */
GPtrArray   *plantar_window_get_scans        (PlantarWindow  *self);
GtkWidget   *plantar_window_get_map_view     (PlantarWindow  *self,
                                              PlantarSide     side);
GtkWidget   *plantar_window_get_panel        (PlantarWindow  *self,
                                              PlantarSide     side);
gboolean     plantar_window_is_showing_feet  (PlantarWindow  *self);
const char  *plantar_window_get_title_text   (PlantarWindow  *self);
const char  *plantar_window_get_subtitle_text (PlantarWindow  *self);
double       plantar_window_get_time         (PlantarWindow  *self);
gboolean     plantar_window_is_showing_error (PlantarWindow  *self);
const char  *plantar_window_get_error_text   (PlantarWindow  *self);
const char  *plantar_window_get_banner_text  (PlantarWindow  *self);
gboolean     plantar_window_is_busy          (PlantarWindow  *self);
PlantarRecordsController *
             plantar_window_get_records      (PlantarWindow  *self);
GtkWidget   *plantar_window_get_sheet_view   (PlantarWindow  *self,
                                              guint           index);

G_END_DECLS

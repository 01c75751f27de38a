/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "plantar-gui-util.h"
#include "plantar-insole-window.h"
#include "plantar-records.h"
#include "plantar-test-util.h"

/* The insole window: both insoles designed, a slider redesigning one, the
 * change kept with the fitting, and the files of both feet exported. */

static PlantarInsoleWindow *
open_window (PlantarWindow *window)
{
  PlantarInsoleWindow *insoles;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.insole", NULL);
  insoles = PLANTAR_INSOLE_WINDOW (plantar_gui_find_toplevel (PLANTAR_TYPE_INSOLE_WINDOW));
  g_assert_nonnull (insoles);
  plantar_gui_wait_painted (GTK_WIDGET (insoles));
  return insoles;
}

static void
test_sliders (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarInsoleWindow *insoles = open_window (window);
  PlantarFitting *fitting = plantar_window_get_fitting (window);
  PlantarInsole *left = plantar_insole_window_get_insole (insoles, PLANTAR_SIDE_LEFT);
  PlantarInsole *right = plantar_insole_window_get_insole (insoles, PLANTAR_SIDE_RIGHT);
  JsonObject *overrides;
  GtkWidget *scale;
  double length;

  g_assert_nonnull (left);
  g_assert_nonnull (right);
  /* the suggestion's cups: standard for the left, extra deep for the flat right foot */
  g_assert_cmpfloat_with_epsilon (left->heel_cup_depth_mm, 12, 0.2);
  g_assert_cmpfloat_with_epsilon (right->heel_cup_depth_mm, 24, 0.2);
  g_assert_null (plantar_fitting_get_insole_overrides (fitting, PLANTAR_SIDE_LEFT));

  /* the cup's slider: the same insole redesigned, the change kept */
  scale = plantar_gui_find_widget (GTK_WIDGET (insoles), GTK_TYPE_SCALE, "Heel cup depth");
  g_assert_nonnull (scale);
  gtk_range_set_value (GTK_RANGE (scale), 18);
  g_assert_true (plantar_insole_window_get_insole (insoles, PLANTAR_SIDE_LEFT) == left);
  g_assert_cmpfloat_with_epsilon (left->heel_cup_depth_mm, 18, 0.2);
  overrides = plantar_fitting_get_insole_overrides (fitting, PLANTAR_SIDE_LEFT);
  g_assert_nonnull (overrides);
  g_assert_cmpfloat (json_object_get_double_member (overrides, "heel_cup_depth_mm"), ==, 18);
  g_assert_cmpuint (json_object_get_size (overrides), ==, 1);
  g_assert_null (plantar_fitting_get_insole_overrides (fitting, PLANTAR_SIDE_RIGHT));

  /* an outline's parameter: designed again, longer */
  length = left->length_mm;
  plantar_insole_window_set_parameter (insoles, "toe_allowance_mm", 15);
  left = plantar_insole_window_get_insole (insoles, PLANTAR_SIDE_LEFT);
  g_assert_cmpfloat_with_epsilon (left->length_mm, length + 10, 0.6);
  g_assert_cmpfloat_with_epsilon (left->heel_cup_depth_mm, 18, 0.2);

  /* the right foot's own sliders */
  plantar_insole_window_set_side (insoles, PLANTAR_SIDE_RIGHT);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 24);
  plantar_insole_window_set_parameter (insoles, "length", 1);
  right = plantar_insole_window_get_insole (insoles, PLANTAR_SIDE_RIGHT);
  g_assert_cmpint (right->params.length, ==, PLANTAR_INSOLE_THREE_QUARTER);
  g_assert_cmpfloat (right->length_mm, <, 0.85 * left->length_mm);

  /* the record keeps what was changed */
  {
    g_autoptr(PlantarFittingRecord) record = plantar_fitting_record_new ();
    JsonObject *state, *l, *r;
    plantar_fitting_record_capture (record, fitting, NULL, NULL);
    state = json_node_get_object (record->state);
    l = json_object_get_object_member (json_object_get_object_member (state, "left"), "insole");
    r = json_object_get_object_member (json_object_get_object_member (state, "right"), "insole");
    g_assert_cmpfloat (json_object_get_double_member (l, "heel_cup_depth_mm"), ==, 18);
    g_assert_cmpfloat (json_object_get_double_member (l, "toe_allowance_mm"), ==, 15);
    g_assert_cmpstr (json_object_get_string_member (r, "length"), ==, "three-quarter");
  }

  /* back to the suggestion, for the side shown */
  g_signal_emit_by_name (plantar_gui_find_widget (GTK_WIDGET (insoles), GTK_TYPE_BUTTON,
                                                  "Back to the Suggestion's Parameters"), "clicked");
  g_assert_null (plantar_fitting_get_insole_overrides (fitting, PLANTAR_SIDE_RIGHT));
  g_assert_nonnull (plantar_fitting_get_insole_overrides (fitting, PLANTAR_SIDE_LEFT));
  g_assert_cmpint (plantar_insole_window_get_insole (insoles, PLANTAR_SIDE_RIGHT)->params.length, ==, PLANTAR_INSOLE_FULL);
  gtk_widget_activate_action (GTK_WIDGET (insoles), "window.close", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (g_task_propagate_boolean (G_TASK (result), &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_export (void)
{
  PlantarWindow *window = plantar_gui_open_demo ("demo-footprint.png");
  PlantarInsoleWindow *insoles = open_window (window);
  g_autofree char *dir = plantar_test_tmpdir ();
  const char *names[] = { "insole-left.stl", "insole-left.3mf", "insole-left.svg", "insole-left.dxf",
                          "insole-right.stl", "insole-right.3mf", "insole-right.svg", "insole-right.dxf" };
  gboolean done = FALSE;

  plantar_insole_window_export_to (insoles, dir, export_done, &done);
  plantar_gui_wait_for (is_set, &done, "the insoles written");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      GStatBuf st;
      if (i % 4 == 1 && !plantar_insole_can_write_3mf ())
        continue;
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_size, >, 1000);
    }
  plantar_test_rm_rf (dir);
  gtk_window_destroy (GTK_WINDOW (insoles));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  plantar_gui_test_init (&argc, &argv);
  g_test_add_func ("/insole-window/sliders", test_sliders);
  g_test_add_func ("/insole-window/export", test_export);
  status = g_test_run ();
  plantar_gui_test_shutdown ();
  return status;
}

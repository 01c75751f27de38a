/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-preferences.h"

/*
 * Preferences: how the maps look, the units, the shoe allowance, and who
 * the shop or clinic is (for the report). Every row is bound to a key of
 * the settings, so a change shows at once.
 */

struct _PlantarPreferences
{
  AdwPreferencesWindow  parent_instance;
  GSettings            *settings;
  AdwEntryRow          *logo_row;
};

G_DEFINE_FINAL_TYPE (PlantarPreferences, plantar_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
index_to_string (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char * const *ids = user_data;
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], id))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
string_to_index (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  const char * const *ids = user_data;
  guint i = g_value_get_uint (value);

  return g_variant_new_string (ids[MIN (i, g_strv_length ((char **) ids) - 1)]);
}

static GtkWidget *
choice_row (GSettings          *settings,
            const char         *key,
            const char         *title,
            const char         *subtitle,
            const char * const *ids,
            const char * const *names)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (names);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT, index_to_string,
                                string_to_index, (gpointer) ids, NULL);
  return row;
}

static GtkWidget *
switch_row (GSettings  *settings,
            const char *key,
            const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_settings_bind (settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  return row;
}

static GtkWidget *
spin_row (GSettings  *settings,
          const char *key,
          const char *title,
          const char *subtitle,
          double      low,
          double      high,
          double      step)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_spin_button_new_with_range (low, high, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_settings_bind (settings, key, button, "value", G_SETTINGS_BIND_DEFAULT);
  return row;
}

static GtkWidget *
entry_row (GSettings  *settings,
           const char *key,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_settings_bind (settings, key, row, "text", G_SETTINGS_BIND_DEFAULT);
  return row;
}

static void
logo_chosen_cb (GtkNativeDialog    *dialog,
                int                 response,
                PlantarPreferences *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        g_settings_set_string (self->settings, "shop-logo", path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_logo_cb (GtkButton          *button,
                PlantarPreferences *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose a Logo"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                                               _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (logo_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
plantar_preferences_dispose (GObject *object)
{
  PlantarPreferences *self = PLANTAR_PREFERENCES (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (plantar_preferences_parent_class)->dispose (object);
}

static void
plantar_preferences_class_init (PlantarPreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = plantar_preferences_dispose;
}

static void
plantar_preferences_init (PlantarPreferences *self)
{
}

static void
build (PlantarPreferences *self)
{
  static const char *colormap_ids[] = { "perceptual", "rainbow", NULL };
  static const char *unit_ids[] = { "mm", "inch", NULL };
  const char *colormap_names[] = { _("Perceptual (even steps look even)"), _("Clinical rainbow"), NULL };
  const char *unit_names[] = { _("Millimetres"), _("Inches"), NULL };
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  GtkWidget *row, *button;

  /* the maps */
  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Maps"));
  adw_preferences_page_set_icon_name (page, "color-select-symbolic");
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Pressure Maps"));
  adw_preferences_group_add (group, choice_row (self->settings, "colormap", _("Colours"), NULL, colormap_ids,
                                                colormap_names));
  adw_preferences_group_add (group, spin_row (self->settings, "scale-max", _("Top of the scale"),
                                              _("kPa drawn in the top colour, so feet and visits compare; "
                                                "0 scales each map to its own peak"),
                                              0, 3000, 50));
  adw_preferences_group_add (group, switch_row (self->settings, "smooth", _("Smooth cells"),
                                                _("Blend the plate’s cells rather than draw squares")));
  adw_preferences_group_add (group, switch_row (self->settings, "isobars", _("Isobars"),
                                                _("Lines of equal pressure")));
  adw_preferences_page_add (page, group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);

  /* the numbers */
  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Measurements"));
  adw_preferences_page_set_icon_name (page, "accessories-calculator-symbolic");
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_add (group, choice_row (self->settings, "length-unit", _("Lengths"), NULL, unit_ids,
                                                unit_names));
  adw_preferences_group_add (group, spin_row (self->settings, "shoe-allowance", _("Shoe allowance"),
                                              _("Room in the shoe beyond the foot, mm, for the shoe sizes"),
                                              0, 40, 1));
  adw_preferences_page_add (page, group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);

  /* the shop, for the report */
  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Report"));
  adw_preferences_page_set_icon_name (page, "printer-symbolic");
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Shop or Clinic"));
  adw_preferences_group_set_description (group, _("Printed at the top of every fitting report"));
  adw_preferences_group_add (group, entry_row (self->settings, "shop-name", _("Name")));
  adw_preferences_group_add (group, entry_row (self->settings, "shop-address", _("Address")));
  row = entry_row (self->settings, "shop-logo", _("Logo (PNG or SVG)"));
  self->logo_row = ADW_ENTRY_ROW (row);
  button = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a Logo"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a Logo"), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (choose_logo_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  adw_preferences_group_add (group, row);
  adw_preferences_group_add (group, entry_row (self->settings, "fitter", _("Fitted by")));
  adw_preferences_page_add (page, group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}

GtkWindow *
plantar_preferences_new (GtkWindow *parent,
                         GSettings *settings)
{
  PlantarPreferences *self = g_object_new (PLANTAR_TYPE_PREFERENCES,
                                           "transient-for", parent,
                                           "modal", TRUE,
                                           "search-enabled", FALSE,
                                           "default-width", 640,
                                           "default-height", 620,
                                           NULL);

  self->settings = g_object_ref (settings);
  build (self);
  return GTK_WINDOW (self);
}

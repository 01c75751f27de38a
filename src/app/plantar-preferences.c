/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-preferences.h"
#include "plantar-products-page.h"
#include "plantar-records-page.h"

/*
 * Preferences: how the maps look, the units, the shoe allowance, who
 * the shop or clinic is (for the report), and where the records are. Every row is bound to a key of
 * the settings, so a change shows at once.
 */

struct _PlantarPreferences
{
  AdwPreferencesWindow  parent_instance;

  /* template */
  AdwComboRow          *colormap_row;
  GtkSpinButton        *scale_max;
  GtkSwitch            *smooth;
  GtkSwitch            *isobars;
  AdwComboRow          *length_unit_row;
  GtkSpinButton        *shoe_allowance;
  AdwEntryRow          *shop_name;
  AdwEntryRow          *shop_address;
  AdwEntryRow          *shop_logo;
  AdwEntryRow          *fitter;
  AdwActionRow         *watch_folder;
  GtkWidget            *stop_watching;
  AdwEntryRow          *camera_source;

  GSettings            *settings;
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (PlantarPreferences, plantar_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const colormap_ids[] = { "perceptual", "rainbow", NULL };
static const char * const unit_ids[] = { "mm", "inch", NULL };

static gboolean
index_to_string (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char * const *ids = user_data;
  const char *id = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, 0);
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], id))
      g_value_set_uint (value, i);
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

/* A combo row of @names, bound to the key's ids. */
static void
bind_choice (PlantarPreferences *self,
             AdwComboRow        *row,
             const char         *key,
             const char * const *ids,
             const char * const *names)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (names);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT, index_to_string,
                                string_to_index, (gpointer) ids, NULL);
}

/* A chosen file or folder goes to the settings key the chooser was opened for. */
static void
path_chosen_cb (GtkNativeDialog    *dialog,
                int                 response,
                PlantarPreferences *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        g_settings_set_string (self->settings, g_object_get_data (G_OBJECT (dialog), "plantar-key"), path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_path (PlantarPreferences   *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             GtkFileFilter        *filter,
             const char           *key)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "plantar-key", (gpointer) key);
  g_signal_connect_object (chooser, "response", G_CALLBACK (path_chosen_cb), self, 0);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
choose_logo_cb (PlantarPreferences *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  choose_path (self, _("Choose a Logo"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), filter, "shop-logo");
}

static void
choose_folder_cb (PlantarPreferences *self)
{
  choose_path (self, _("The Folder the Plate Exports Into"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Watch"),
               NULL, "watch-folder");
}

static void
stop_watching_cb (PlantarPreferences *self)
{
  g_settings_set_string (self->settings, "watch-folder", "");
}

static void
camera_source_applied_cb (PlantarPreferences *self)
{
  g_settings_set_string (self->settings, "camera-source", gtk_editable_get_text (GTK_EDITABLE (self->camera_source)));
}

/* The watched folder as the row says it. */
static void
show_watch_folder (PlantarPreferences *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "watch-folder");

  adw_action_row_set_subtitle (self->watch_folder, *folder ? folder : _("None: exports are opened by hand"));
  gtk_widget_set_visible (self->stop_watching, *folder != '\0');
}

static void
plantar_preferences_dispose (GObject *object)
{
  PlantarPreferences *self = PLANTAR_PREFERENCES (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PLANTAR_TYPE_PREFERENCES);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (plantar_preferences_parent_class)->dispose (object);
}

static void
plantar_preferences_class_init (PlantarPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plantar_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plantar/Plantar/plantar-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, colormap_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, scale_max);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, smooth);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, isobars);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, length_unit_row);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, shoe_allowance);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, shop_name);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, shop_address);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, shop_logo);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, fitter);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, watch_folder);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, camera_source);
  gtk_widget_class_bind_template_child (widget_class, PlantarPreferences, stop_watching);
  gtk_widget_class_bind_template_callback (widget_class, stop_watching_cb);
  gtk_widget_class_bind_template_callback (widget_class, camera_source_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_logo_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_folder_cb);
}

static void
plantar_preferences_init (PlantarPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
bind (PlantarPreferences *self)
{
  const char * const colormap_names[] = { _("Perceptual"), _("Clinical rainbow"), NULL };
  const char * const unit_names[] = { _("Millimetres"), _("Inches"), NULL };

  bind_choice (self, self->colormap_row, "colormap", colormap_ids, colormap_names);
  bind_choice (self, self->length_unit_row, "length-unit", unit_ids, unit_names);
  g_settings_bind (self->settings, "scale-max", self->scale_max, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "smooth", self->smooth, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "isobars", self->isobars, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "shoe-allowance", self->shoe_allowance, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "shop-name", self->shop_name, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "shop-address", self->shop_address, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "shop-logo", self->shop_logo, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "fitter", self->fitter, "text", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::watch-folder", G_CALLBACK (show_watch_folder), self,
                           G_CONNECT_SWAPPED);
  show_watch_folder (self);
  {
    g_autofree char *source = g_settings_get_string (self->settings, "camera-source");
    gtk_editable_set_text (GTK_EDITABLE (self->camera_source), source);
  }
}

GtkWindow *
plantar_preferences_new (GtkWindow *parent,
                         GSettings *settings)
{
  PlantarPreferences *self = g_object_new (PLANTAR_TYPE_PREFERENCES,
                                           "transient-for", parent,
                                           "modal", TRUE,
                                           "destroy-with-parent", TRUE,
                                           NULL);

  self->settings = g_object_ref (settings);
  bind (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (plantar_products_page_new (NULL)));
  if (PLANTAR_IS_APPLICATION (g_application_get_default ()))
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (plantar_records_page_new (
                                  PLANTAR_APPLICATION (g_application_get_default ()))));
  return GTK_WINDOW (self);
}

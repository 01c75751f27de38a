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
  g_clear_object (&self->chooser);
}

static void
choose_logo_cb (PlantarPreferences *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Choose a Logo"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (logo_chosen_cb), self, 0);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
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
  gtk_widget_class_bind_template_callback (widget_class, choose_logo_cb);
}

static void
plantar_preferences_init (PlantarPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
bind (PlantarPreferences *self)
{
  const char * const colormap_names[] = { _("Perceptual (even steps look even)"), _("Clinical rainbow"), NULL };
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
  return GTK_WINDOW (self);
}

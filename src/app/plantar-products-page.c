/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-products.h"
#include "plantar-products-page.h"

/*
 * Preferences → Products: what the shop stocks, each with what it suits
 * (an insole type, an arch profile, a heel cup or an add-on), its code,
 * price and a note. The report lists a product beside the suggestion it
 * suits. Written into the shop's rules file a moment after each change,
 * checked first: a product the rules cannot read is said, and the file
 * keeps its last good state.
 */

struct _PlantarProductsPage
{
  AdwPreferencesPage    parent_instance;

  char                 *path;
  GArray               *targets;      /* PlantarProductTarget */
  PlantarRules         *rules;        /* whose targets they are */
  AdwPreferencesGroup  *group;
  GtkWidget            *empty;
  GPtrArray            *products;     /* AdwExpanderRow */
  char                 *error;
  guint                 save_id;
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (PlantarProductsPage, plantar_products_page, ADW_TYPE_PREFERENCES_PAGE)

enum { ENTRY_NAME, ENTRY_CODE, ENTRY_PRICE, ENTRY_NOTE, N_ENTRIES };

static const char *
entry_text (AdwExpanderRow *product,
            guint           which)
{
  GtkEditable **entries = g_object_get_data (G_OBJECT (product), "plantar-entries");
  return gtk_editable_get_text (entries[which]);
}

static void
show_description (PlantarProductsPage *self)
{
  g_autofree char *text = NULL;

  if (self->error != NULL)
    /* TRANSLATORS: the products could not be written; %s says why */
    text = g_strdup_printf (_("Not saved: %s"), self->error);
  else
    text = g_strdup_printf (_("The report lists a product beside the suggestion it suits. Kept in “%s”."), self->path);
  adw_preferences_group_set_description (self->group, text);
}

static void
update_title (AdwExpanderRow      *product,
              PlantarProductsPage *self)
{
  const char *name = entry_text (product, ENTRY_NAME);
  const char *price = entry_text (product, ENTRY_PRICE);
  guint t = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (product), "plantar-suits"));
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (product), *name ? name : _("New product"));
  if (t < self->targets->len)
    {
      const char *label = g_array_index (self->targets, PlantarProductTarget, t).label;
      subtitle = *price ? g_strdup_printf ("%s · %s", label, price) : g_strdup (label);
    }
  adw_expander_row_set_subtitle (product, subtitle ? subtitle : "");
}

gboolean
plantar_products_page_save (PlantarProductsPage *self)
{
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_product_spec_free);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PLANTAR_IS_PRODUCTS_PAGE (self), FALSE);
  g_clear_handle_id (&self->save_id, g_source_remove);
  for (guint i = 0; i < self->products->len; i++)
    {
      AdwExpanderRow *product = g_ptr_array_index (self->products, i);
      PlantarProductSpec *spec = plantar_product_spec_new ();
      guint t = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (product), "plantar-suits"));

      spec->name = g_strdup (entry_text (product, ENTRY_NAME));
      spec->code = g_strdup (entry_text (product, ENTRY_CODE));
      spec->price = g_strdup (entry_text (product, ENTRY_PRICE));
      spec->note = g_strdup (entry_text (product, ENTRY_NOTE));
      if (t < self->targets->len)
        {
          spec->for_key = g_strdup (g_array_index (self->targets, PlantarProductTarget, t).key);
          spec->for_id = g_strdup (g_array_index (self->targets, PlantarProductTarget, t).id);
        }
      g_ptr_array_add (specs, spec);
    }
  g_clear_pointer (&self->error, g_free);
  if (!plantar_products_write (self->path, specs, &error))
    self->error = g_strdup (error->message);
  show_description (self);
  return self->error == NULL;
}

static gboolean
save_timeout_cb (gpointer data)
{
  PlantarProductsPage *self = data;

  self->save_id = 0;
  plantar_products_page_save (self);
  return G_SOURCE_REMOVE;
}

static void
changed_cb (PlantarProductsPage *self,
            GtkWidget           *source)
{
  GtkWidget *product;

  if (self->loading)
    return;
  product = gtk_widget_get_ancestor (source, ADW_TYPE_EXPANDER_ROW);
  if (product != NULL)
    update_title (ADW_EXPANDER_ROW (product), self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (600, save_timeout_cb, self);
}

static void
suits_changed_cb (GtkWidget           *suits,
                  GParamSpec          *pspec,
                  PlantarProductsPage *self)
{
  changed_cb (self, suits);
}

static void
remove_clicked_cb (GtkButton           *button,
                   PlantarProductsPage *self)
{
  GtkWidget *product = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_EXPANDER_ROW);

  g_ptr_array_remove (self->products, product);
  adw_preferences_group_remove (self->group, product);
  gtk_widget_set_visible (self->empty, self->products->len == 0);
  plantar_products_page_save (self);
}

static AdwExpanderRow *
add_product (PlantarProductsPage      *self,
             const PlantarProductSpec *spec)
{
  const char *titles[N_ENTRIES] = { _("Name"), _("Code"), _("Price"), _("Note") };
  const char *values[N_ENTRIES] = { spec ? spec->name : NULL, spec ? spec->code : NULL, spec ? spec->price : NULL,
                                    spec ? spec->note : NULL };
  GtkEditable **entries = g_new0 (GtkEditable *, N_ENTRIES);
  AdwExpanderRow *product = ADW_EXPANDER_ROW (adw_expander_row_new ());
  GtkWidget *suits = adw_combo_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; i < self->targets->len; i++)
    {
      const PlantarProductTarget *t = &g_array_index (self->targets, PlantarProductTarget, i);
      gtk_string_list_append (labels, t->label);
      if (spec != NULL && g_strcmp0 (spec->for_key, t->key) == 0 && g_strcmp0 (spec->for_id, t->id) == 0)
        selected = i;
    }
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      GtkWidget *entry = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), titles[i]);
      gtk_editable_set_text (GTK_EDITABLE (entry), values[i] ? values[i] : "");
      g_signal_connect_object (entry, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (product, entry);
      entries[i] = GTK_EDITABLE (entry);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (suits), _("Suits"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (suits), _("Listed when the suggestion includes it"));
  adw_combo_row_set_model (ADW_COMBO_ROW (suits), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (suits), selected);
  g_signal_connect_object (suits, "notify::selected", G_CALLBACK (suits_changed_cb), self, 0);
  adw_expander_row_add_row (product, suits);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Product"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove This Product"), -1);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_expander_row_add_action (product, remove);

  g_object_set_data_full (G_OBJECT (product), "plantar-entries", entries, g_free);
  g_object_set_data (G_OBJECT (product), "plantar-suits", suits);
  g_ptr_array_add (self->products, product);
  adw_preferences_group_add (self->group, GTK_WIDGET (product));
  gtk_widget_set_visible (self->empty, FALSE);
  update_title (product, self);
  return product;
}

void
plantar_products_page_add (PlantarProductsPage *self)
{
  AdwExpanderRow *product;

  g_return_if_fail (PLANTAR_IS_PRODUCTS_PAGE (self));
  product = add_product (self, NULL);
  adw_expander_row_set_expanded (product, TRUE);
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (product), "plantar-entries") ?
                         GTK_WIDGET (((GtkEditable **) g_object_get_data (G_OBJECT (product), "plantar-entries"))[0])
                         : GTK_WIDGET (product));
}

const char *
plantar_products_page_get_error (PlantarProductsPage *self)
{
  g_return_val_if_fail (PLANTAR_IS_PRODUCTS_PAGE (self), NULL);
  return self->error;
}

static void
plantar_products_page_dispose (GObject *object)
{
  PlantarProductsPage *self = PLANTAR_PRODUCTS_PAGE (object);

  /* a change still waiting is written, not lost */
  if (self->save_id != 0)
    plantar_products_page_save (self);
  G_OBJECT_CLASS (plantar_products_page_parent_class)->dispose (object);
}

static void
plantar_products_page_finalize (GObject *object)
{
  PlantarProductsPage *self = PLANTAR_PRODUCTS_PAGE (object);

  g_free (self->path);
  g_free (self->error);
  g_clear_pointer (&self->targets, g_array_unref);
  g_clear_pointer (&self->rules, plantar_rules_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  G_OBJECT_CLASS (plantar_products_page_parent_class)->finalize (object);
}

static void
plantar_products_page_class_init (PlantarProductsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plantar_products_page_dispose;
  object_class->finalize = plantar_products_page_finalize;
}

static void
plantar_products_page_init (PlantarProductsPage *self)
{
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add a Product"));

  self->products = g_ptr_array_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Products"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "view-list-bullet-symbolic");
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Products the Shop Stocks"));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (plantar_products_page_add), self);
  adw_preferences_group_set_header_suffix (self->group, add);
  self->empty = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty), _("No products yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->empty),
                               _("Add the insoles and pads the shop sells, and the report names them"));
  gtk_widget_add_css_class (self->empty, "dim-label");
  adw_preferences_group_add (self->group, self->empty);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);
}

GtkWidget *
plantar_products_page_new (const char *path)
{
  PlantarProductsPage *self = g_object_new (PLANTAR_TYPE_PRODUCTS_PAGE, NULL);
  g_autoptr(GPtrArray) specs = NULL;
  g_autoptr(GError) error = NULL;

  self->path = path ? g_strdup (path) : plantar_rules_get_user_path ();
  self->rules = plantar_rules_load (self->path, NULL);
  if (self->rules == NULL)
    self->rules = plantar_rules_ref (plantar_rules_get_builtin ());
  self->targets = plantar_rules_get_product_targets (self->rules);
  specs = plantar_products_read (self->path, &error);
  self->loading = TRUE;
  for (guint i = 0; specs != NULL && i < specs->len; i++)
    add_product (self, g_ptr_array_index (specs, i));
  self->loading = FALSE;
  if (error != NULL)
    {
      /* a file the app cannot read is not overwritten by an empty list */
      self->error = g_strdup_printf (_("the rules file cannot be read (%s); correct it or move it away, and "
                                       "open Preferences again"), error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->group), FALSE);
    }
  show_description (self);
  return GTK_WIDGET (self);
}

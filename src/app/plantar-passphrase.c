/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-passphrase"

#include "config.h"

#include <glib/gi18n.h>

#include "plantar-passphrase.h"

/* What a passphrase dialog carries to its answer */
typedef struct {
  PlantarPassphraseFunc func;
  gpointer              user_data;
  GDestroyNotify        destroy;
  GtkEditable          *first, *again;
} Ask;

static void
ask_free (gpointer data)
{
  Ask *ask = data;
  if (ask->destroy)
    ask->destroy (ask->user_data);
  g_free (ask);
}

GtkWidget *
plantar_passphrase_entry_new (const char *placeholder)
{
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  return entry;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Ask              *ask)
{
  if (g_strcmp0 (response, "plain") == 0)
    ask->func (ask->user_data, NULL);
  else if (g_strcmp0 (response, "seal") == 0 || g_strcmp0 (response, "open") == 0)
    ask->func (ask->user_data, gtk_editable_get_text (ask->first));
  /* GTK 4.8's password entry follows the window's focus, and trips over
   * itself when the window goes with the focus still in it */
  gtk_root_set_focus (GTK_ROOT (dialog), NULL);
}

/* Sealing is offered only when both entries say the same, 8 or more. */
static void
changed_cb (GtkEditable      *entry,
            AdwMessageDialog *dialog)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "plantar-ask");
  const char *a, *b;

  /* a password entry wipes its text as it goes: nothing to say then */
  if (ask == NULL || gtk_widget_in_destruction (GTK_WIDGET (dialog)) ||
      gtk_widget_in_destruction (GTK_WIDGET (entry)))
    return;
  a = gtk_editable_get_text (ask->first);
  b = gtk_editable_get_text (ask->again);
  adw_message_dialog_set_response_enabled (dialog, "seal", g_utf8_strlen (a, -1) >= 8 && g_str_equal (a, b));
}

static AdwMessageDialog *
new_dialog (GtkWindow            *parent,
            const char           *heading,
            const char           *body,
            PlantarPassphraseFunc func,
            gpointer              user_data,
            GDestroyNotify        destroy)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  Ask *ask = g_new0 (Ask, 1);

  ask->func = func;
  ask->user_data = user_data;
  ask->destroy = destroy;
  g_object_set_data_full (G_OBJECT (dialog), "plantar-ask", ask, ask_free);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), ask);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

void
plantar_passphrase_seal (GtkWindow            *parent,
                         const char           *heading,
                         const char           *body,
                         PlantarPassphraseFunc func,
                         gpointer              user_data,
                         GDestroyNotify        destroy)
{
  AdwMessageDialog *dialog = new_dialog (parent, heading, body, func, user_data, destroy);
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "plantar-ask");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  ask->first = GTK_EDITABLE (plantar_passphrase_entry_new (_("Passphrase, 8 characters or more")));
  ask->again = GTK_EDITABLE (plantar_passphrase_entry_new (_("The passphrase again")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->first));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->again));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "plain", _("_Without a Passphrase"), "seal",
                                    _("_Seal"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "seal", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "seal", FALSE);
  adw_message_dialog_set_default_response (dialog, "seal");
  g_signal_connect (ask->first, "changed", G_CALLBACK (changed_cb), dialog);
  g_signal_connect (ask->again, "changed", G_CALLBACK (changed_cb), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (ask->first));
}

void
plantar_passphrase_open (GtkWindow            *parent,
                         const char           *heading,
                         const char           *body,
                         const char           *action,
                         PlantarPassphraseFunc func,
                         gpointer              user_data,
                         GDestroyNotify        destroy)
{
  AdwMessageDialog *dialog = new_dialog (parent, heading, body, func, user_data, destroy);
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "plantar-ask");

  ask->first = GTK_EDITABLE (plantar_passphrase_entry_new (_("The passphrase")));
  g_object_set (ask->first, "activates-default", TRUE, NULL);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (ask->first));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "open", action, NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (ask->first));
}

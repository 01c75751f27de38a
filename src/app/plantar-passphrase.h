/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Asking for a passphrase: to seal a file (typed twice, 8 characters or
 * more, or left out for a plain file) or to open one. The callback gets
 * the passphrase, NULL for "without one"; it is not called on Cancel. */
typedef void (*PlantarPassphraseFunc) (gpointer    user_data,
                                       const char *passphrase);

GtkWidget *plantar_passphrase_entry_new (const char           *placeholder);
void       plantar_passphrase_seal      (GtkWindow            *parent,
                                         const char           *heading,
                                         const char           *body,
                                         PlantarPassphraseFunc func,
                                         gpointer              user_data,
                                         GDestroyNotify        destroy);
void       plantar_passphrase_open      (GtkWindow            *parent,
                                         const char           *heading,
                                         const char           *body,
                                         const char           *action,
                                         PlantarPassphraseFunc func,
                                         gpointer              user_data,
                                         GDestroyNotify        destroy);

G_END_DECLS

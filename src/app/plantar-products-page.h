/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PLANTAR_TYPE_PRODUCTS_PAGE (plantar_products_page_get_type ())

G_DECLARE_FINAL_TYPE (PlantarProductsPage, plantar_products_page, PLANTAR, PRODUCTS_PAGE, AdwPreferencesPage)

/* The products of the rules file at @path (the shop's, by default) */
GtkWidget  *plantar_products_page_new       (const char          *path);
void        plantar_products_page_add       (PlantarProductsPage *self);
/* Writes what is shown now, rather than after the short pause a change
 * waits for; FALSE with the reason shown when it cannot be written */
gboolean    plantar_products_page_save      (PlantarProductsPage *self);
const char *plantar_products_page_get_error (PlantarProductsPage *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "plantar-application.h"

G_BEGIN_DECLS

#define PLANTAR_TYPE_RECORDS_PAGE (plantar_records_page_get_type ())

G_DECLARE_FINAL_TYPE (PlantarRecordsPage, plantar_records_page, PLANTAR, RECORDS_PAGE, AdwPreferencesPage)

/* Preferences → Records: on this computer or on a shared server, the
 * server's connection tested, and the records copied between the two. */
GtkWidget *plantar_records_page_new (PlantarApplication *application);

/* The address the rows make, without the password. */
char      *plantar_records_page_get_address (PlantarRecordsPage *self);

G_END_DECLS

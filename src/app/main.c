/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "plantar-locale.h"

#include "plantar-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PlantarApplication) app = NULL;

  plantar_locale_init ();
  g_set_application_name (_("Plantar"));

  app = plantar_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-insole"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "plantar-insole-private.h"

/* Built without lib3mf: STL, SVG and DXF only. */

gboolean
plantar_insole_write_3mf (const PlantarInsole     *insole,
                          const PlantarInsoleMeta *meta,
                          const char              *path,
                          GError                 **error)
{
  g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_UNSUPPORTED,
               _("This Plantar was built without lib3mf and cannot write 3MF: write STL instead"));
  return FALSE;
}

gboolean
plantar_insole_read_3mf (const char  *path,
                         PlantarMesh *mesh,
                         char       **metadata,
                         GError     **error)
{
  g_set_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_UNSUPPORTED,
               _("This Plantar was built without lib3mf and cannot read 3MF"));
  return FALSE;
}

gboolean
plantar_insole_can_write_3mf (void)
{
  return FALSE;
}


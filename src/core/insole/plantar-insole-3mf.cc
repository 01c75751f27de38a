/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-insole"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "plantar-insole-private.h"

/* 3MF through lib3mf: the mesh in millimetres, named by its side, with the
 * customer, the side and every parameter as metadata. lib3mf writes into
 * memory; the file is then replaced whole. */

#include <Model/COM/NMR_DLLInterfaces.h>

using namespace NMR;

static gboolean
lib3mf_failed (PLib3MFBase *instance,
               const char  *what,
               int          code,
               GError     **error)
{
  DWORD errcode = 0;
  LPCSTR message = NULL;

  if (instance != NULL)
    lib3mf_getlasterror (instance, &errcode, &message);
  g_set_error (error, PLANTAR_INSOLE_ERROR, code, _("3MF: %s failed (%s)"), what,
               message != NULL && *message ? message : "lib3mf");
  return FALSE;
}

static char *
params_description (const PlantarInsole *insole)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  plantar_insole_build_json (insole, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
add_metadata (PLib3MFModel *model,
              const char   *key,
              const char   *value,
              GError      **error)
{
  if (value == NULL || *value == '\0')
    return TRUE;
  if (lib3mf_model_addmetadatautf8 (model, key, value) != LIB3MF_OK)
    return lib3mf_failed (model, "metadata", PLANTAR_INSOLE_ERROR_WRITE, error);
  return TRUE;
}

extern "C" gboolean
plantar_insole_write_3mf (const PlantarInsole     *insole,
                          const PlantarInsoleMeta *meta,
                          const char              *path,
                          GError                 **error)
{
  PLib3MFModel *model = NULL;
  PLib3MFModelMeshObject *mesh = NULL;
  PLib3MFModelBuildItem *item = NULL;
  PLib3MFModelWriter *writer = NULL;
  const GArray *v = insole->mesh.vertices, *t = insole->mesh.triangles;
  g_autofree MODELMESHVERTEX *vertices = g_new (MODELMESHVERTEX, v->len);
  g_autofree MODELMESHTRIANGLE *triangles = g_new (MODELMESHTRIANGLE, t->len);
  g_autofree char *title = NULL, *description = NULL, *name = NULL;
  g_autofree BYTE *buffer = NULL;
  ULONG64 size = 0;
  gboolean ok = FALSE;

  for (guint i = 0; i < v->len; i++)
    {
      const PlantarVertex *p = &g_array_index (v, PlantarVertex, i);
      vertices[i].m_fPosition[0] = p->x;
      vertices[i].m_fPosition[1] = p->y;
      vertices[i].m_fPosition[2] = p->z;
    }
  for (guint i = 0; i < t->len; i++)
    for (int k = 0; k < 3; k++)
      triangles[i].m_nIndices[k] = g_array_index (t, PlantarTriangle, i).v[k];

  name = g_strdup_printf ("%s insole", insole->side == PLANTAR_SIDE_RIGHT ? "Right" : "Left");
  title = meta && meta->customer && *meta->customer ? g_strdup_printf ("%s: %s", meta->customer, name) : g_strdup (name);
  description = params_description (insole);

  if (lib3mf_createmodel (&model) != LIB3MF_OK)
    return lib3mf_failed (NULL, "creating the model", PLANTAR_INSOLE_ERROR_WRITE, error);
  if (lib3mf_model_setunit (model, MODELUNIT_MILLIMETER) != LIB3MF_OK ||
      lib3mf_model_addmeshobject (model, &mesh) != LIB3MF_OK)
    {
      lib3mf_failed (model, "the mesh", PLANTAR_INSOLE_ERROR_WRITE, error);
      goto out;
    }
  if (lib3mf_meshobject_setgeometry (mesh, vertices, v->len, triangles, t->len) != LIB3MF_OK ||
      lib3mf_object_setnameutf8 (mesh, name) != LIB3MF_OK ||
      lib3mf_model_addbuilditem (model, mesh, NULL, &item) != LIB3MF_OK)
    {
      lib3mf_failed (model, "the mesh", PLANTAR_INSOLE_ERROR_WRITE, error);
      goto out;
    }
  if (!add_metadata (model, "Title", title, error) ||
      !add_metadata (model, "Designer", meta ? meta->fitter : NULL, error) ||
      !add_metadata (model, "Application", "Plantar", error) ||
      !add_metadata (model, "Description", description, error) ||
      !add_metadata (model, "Copyright", _("For review by a professional before it is made."), error))
    goto out;
  if (lib3mf_model_querywriter (model, "3mf", &writer) != LIB3MF_OK ||
      lib3mf_writer_getstreamsize (writer, &size) != LIB3MF_OK || size == 0)
    {
      lib3mf_failed (writer ? writer : model, "writing", PLANTAR_INSOLE_ERROR_WRITE, error);
      goto out;
    }
  buffer = g_new (BYTE, size);
  if (lib3mf_writer_writetobuffer (writer, buffer, size) != LIB3MF_OK)
    {
      lib3mf_failed (writer, "writing", PLANTAR_INSOLE_ERROR_WRITE, error);
      goto out;
    }
  ok = insole_write_contents (path, buffer, size, error);

out:
  if (writer)
    lib3mf_release (writer);
  if (item)
    lib3mf_release (item);
  if (mesh)
    lib3mf_release (mesh);
  lib3mf_release (model);
  return ok;
}

extern "C" gboolean
plantar_insole_read_3mf (const char  *path,
                         PlantarMesh *out,
                         char       **metadata,
                         GError     **error)
{
  PLib3MFModel *model = NULL;
  PLib3MFModelReader *reader = NULL;
  PLib3MFModelResourceIterator *it = NULL;
  PLib3MFModelResource *resource = NULL;
  BOOL has = FALSE;
  DWORD nv = 0, nt = 0, count = 0;
  gboolean ok = FALSE;
  GString *meta = g_string_new (NULL);

  memset (out, 0, sizeof *out);
  if (lib3mf_createmodel (&model) != LIB3MF_OK)
    return lib3mf_failed (NULL, "creating the model", PLANTAR_INSOLE_ERROR_WRITE, error);
  if (lib3mf_model_queryreader (model, "3mf", &reader) != LIB3MF_OK ||
      lib3mf_reader_readfromfileutf8 (reader, path) != LIB3MF_OK)
    {
      lib3mf_failed (reader ? reader : model, "reading", PLANTAR_INSOLE_ERROR_WRITE, error);
      goto out;
    }
  if (lib3mf_model_getmeshobjects (model, &it) != LIB3MF_OK || lib3mf_resourceiterator_movenext (it, &has) != LIB3MF_OK ||
      !has || lib3mf_resourceiterator_getcurrent (it, &resource) != LIB3MF_OK)
    {
      lib3mf_failed (model, "finding a mesh", PLANTAR_INSOLE_ERROR_WRITE, error);
      goto out;
    }
  lib3mf_meshobject_getvertexcount (resource, &nv);
  lib3mf_meshobject_gettrianglecount (resource, &nt);
  out->vertices = g_array_sized_new (FALSE, FALSE, sizeof (PlantarVertex), nv);
  out->triangles = g_array_sized_new (FALSE, FALSE, sizeof (PlantarTriangle), nt);
  for (DWORD i = 0; i < nv; i++)
    {
      MODELMESHVERTEX mv;
      PlantarVertex pv;
      lib3mf_meshobject_getvertex (resource, i, &mv);
      pv.x = mv.m_fPosition[0];
      pv.y = mv.m_fPosition[1];
      pv.z = mv.m_fPosition[2];
      g_array_append_val (out->vertices, pv);
    }
  for (DWORD i = 0; i < nt; i++)
    {
      MODELMESHTRIANGLE mt;
      PlantarTriangle pt;
      lib3mf_meshobject_gettriangle (resource, i, &mt);
      for (int k = 0; k < 3; k++)
        pt.v[k] = mt.m_nIndices[k];
      g_array_append_val (out->triangles, pt);
    }
  lib3mf_model_getmetadatacount (model, &count);
  for (DWORD i = 0; i < count; i++)
    {
      char key[256] = "", value[65536] = "";
      ULONG needed = 0;
      lib3mf_model_getmetadatakeyutf8 (model, i, key, sizeof key, &needed);
      lib3mf_model_getmetadatavalueutf8 (model, i, value, sizeof value, &needed);
      g_string_append_printf (meta, "%s=%s\n", key, value);
    }
  {
    DWORD unit = 0;
    lib3mf_model_getunit (model, &unit);
    g_string_append_printf (meta, "unit=%s\n", unit == MODELUNIT_MILLIMETER ? "millimeter" : "other");
  }
  ok = TRUE;

out:
  if (resource)
    lib3mf_release (resource);
  if (it)
    lib3mf_release (it);
  if (reader)
    lib3mf_release (reader);
  lib3mf_release (model);
  if (ok && metadata)
    *metadata = g_string_free (meta, FALSE);
  else
    g_string_free (meta, TRUE);
  if (!ok)
    plantar_mesh_clear (out);
  return ok;
}

extern "C" gboolean
plantar_insole_can_write_3mf (void)
{
  return TRUE;
}


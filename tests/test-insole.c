/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "plantar-insole.h"
#include "plantar-report.h"
#include "plantar-test-util.h"

/* The insole designed for a foot: its mesh a closed solid of the design's
 * dimensions, its files true to it, its parameters honoured and refused
 * when absurd. */

typedef struct {
  PlantarFitting *fitting;
  PlantarRules   *rules;
  PlantarAdvice  *advice;
} Fixture;

static void
fixture_of_scan (Fixture     *fx,
                 PlantarScan *scan)
{
  g_autoptr(PlantarThresholds) thresholds = plantar_thresholds_get_default ();
  PlantarAnswers answers;

  plantar_answers_init (&answers);
  fx->fitting = plantar_test_fitting_of (scan);
  fx->rules = plantar_rules_ref (plantar_rules_get_builtin ());
  fx->advice = plantar_rules_suggest (fx->rules, plantar_fitting_get_foot (fx->fitting, PLANTAR_SIDE_LEFT),
                                      plantar_fitting_get_foot (fx->fitting, PLANTAR_SIDE_RIGHT), &answers,
                                      thresholds);
  plantar_answers_clear (&answers);
}

static void
fixture_demo (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = plantar_synth_demo_footprint (&error);

  g_assert_no_error (error);
  fixture_of_scan (fx, scan);
}

static void
fixture_clear (Fixture *fx)
{
  g_clear_object (&fx->fitting);
  g_clear_pointer (&fx->advice, plantar_advice_free);
  g_clear_pointer (&fx->rules, plantar_rules_unref);
}

static PlantarInsole *
design_side (Fixture    *fx,
             PlantarSide side,
             const char *overrides_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = overrides_json ? json_from_string (overrides_json, &error) : NULL;
  PlantarInsole *insole;

  g_assert_no_error (error);
  insole = plantar_insole_design_for (fx->fitting, side, fx->rules, fx->advice,
                                      node ? json_node_get_object (node) : NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (insole);
  return insole;
}

/* ------------------------------------------------------------ the solid */

static const PlantarVertex *
vertex (const PlantarMesh *m,
        guint32            i)
{
  return &g_array_index (m->vertices, PlantarVertex, i);
}

/* signed area of a triangle's projection on z = 0 */
static double
projected_area (const PlantarMesh     *m,
                const PlantarTriangle *t)
{
  const PlantarVertex *a = vertex (m, t->v[0]), *b = vertex (m, t->v[1]), *c = vertex (m, t->v[2]);
  return 0.5 * ((b->x - a->x) * (c->y - a->y) - (c->x - a->x) * (b->y - a->y));
}

static double
outline_area (GArray *outline)
{
  double area = 0;
  for (guint i = 0; i < outline->len; i++)
    {
      const PlantarPoint *a = &g_array_index (outline, PlantarPoint, i);
      const PlantarPoint *b = &g_array_index (outline, PlantarPoint, (i + 1) % outline->len);
      area += a->x * b->y - b->x * a->y;
    }
  return area / 2;
}

/*
 * Every edge in exactly two triangles, once each way (a closed,
 * consistently oriented 2-manifold); no degenerate triangle; a positive
 * volume. No self-intersection: the solid is the region between z = 0
 * and a surface over the outline, so it is enough that the triangles
 * facing up and those facing down each tile the outline once (every one
 * turned the same way, their areas adding up to the outline's), that the
 * rest stand vertically on the outline, and that the top lies above z = 0.
 */
static void
assert_closed_solid (const PlantarMesh *m,
                     GArray            *outline)
{
  g_autoptr(GHashTable) edges = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = g_new (gint64, 3 * m->triangles->len);
  double volume = 0, up = 0, down = 0, area = outline_area (outline);
  guint n_side = 0;

  for (guint i = 0; i < m->triangles->len; i++)
    {
      const PlantarTriangle *t = &g_array_index (m->triangles, PlantarTriangle, i);
      const PlantarVertex *a = vertex (m, t->v[0]), *b = vertex (m, t->v[1]), *c = vertex (m, t->v[2]);
      double ux = b->x - a->x, uy = b->y - a->y, uz = b->z - a->z, wx = c->x - a->x, wy = c->y - a->y, wz = c->z - a->z;
      double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
      double pa = projected_area (m, t);

      g_assert_cmpfloat (sqrt (nx * nx + ny * ny + nz * nz) / 2, >, 1e-6);
      for (int k = 0; k < 3; k++)
        {
          guint32 from = t->v[k], to = t->v[(k + 1) % 3];
          gint64 *key = &keys[3 * i + k];
          g_assert_cmpuint (from, <, m->vertices->len);
          g_assert_cmpuint (from, !=, to);
          *key = ((gint64) from << 32) | to;
          /* a directed edge once only */
          g_assert_false (g_hash_table_contains (edges, key));
          g_hash_table_add (edges, key);
        }
      volume += (a->x * (b->y * c->z - b->z * c->y) - a->y * (b->x * c->z - b->z * c->x) +
                 a->z * (b->x * c->y - b->y * c->x)) / 6;
      if (a->z == 0 && b->z == 0 && c->z == 0)
        {
          g_assert_cmpfloat (pa, <, 0);
          down -= pa;
        }
      else if (fabs (pa) < 1e-9 * (1 + fabs (nz)) || fabs (nz) < 1e-9)
        n_side++;
      else
        {
          g_assert_cmpfloat (pa, >, 0);
          up += pa;
          g_assert_cmpfloat (MIN (a->z, MIN (b->z, c->z)), >, 0.4);
        }
    }
  /* each directed edge's reverse is there: every edge in two triangles */
  for (guint i = 0; i < 3 * m->triangles->len; i++)
    {
      gint64 reverse = ((keys[i] & 0xffffffff) << 32) | (keys[i] >> 32);
      g_assert_true (g_hash_table_contains (edges, &reverse));
    }
  g_assert_cmpfloat (volume, >, 0);
  g_assert_cmpfloat_with_epsilon (up, area, area * 1e-4);
  g_assert_cmpfloat_with_epsilon (down, area, area * 1e-4);
  g_assert_cmpuint (n_side, ==, 2 * outline->len);
}

static void
mesh_bounds (const PlantarMesh *m,
             double            *xmin,
             double            *xmax,
             double            *ymin,
             double            *ymax,
             double            *zmin)
{
  *xmin = *ymin = *zmin = G_MAXDOUBLE;
  *xmax = *ymax = -G_MAXDOUBLE;
  for (guint i = 0; i < m->vertices->len; i++)
    {
      const PlantarVertex *v = vertex (m, i);
      *xmin = MIN (*xmin, v->x);
      *xmax = MAX (*xmax, v->x);
      *ymin = MIN (*ymin, v->y);
      *ymax = MAX (*ymax, v->y);
      *zmin = MIN (*zmin, v->z);
    }
}

/* The height of the mesh's top at (x, y): the upward triangle over it */
static double
mesh_height_at (const PlantarMesh *m,
                double             x,
                double             y)
{
  for (guint i = 0; i < m->triangles->len; i++)
    {
      const PlantarTriangle *t = &g_array_index (m->triangles, PlantarTriangle, i);
      const PlantarVertex *a = vertex (m, t->v[0]), *b = vertex (m, t->v[1]), *c = vertex (m, t->v[2]);
      double area = (b->x - a->x) * (c->y - a->y) - (c->x - a->x) * (b->y - a->y), w0, w1, w2;
      if (area <= 1e-12 || (a->z == 0 && b->z == 0 && c->z == 0))
        continue;
      w0 = ((b->x - x) * (c->y - y) - (c->x - x) * (b->y - y)) / area;
      w1 = ((c->x - x) * (a->y - y) - (a->x - x) * (c->y - y)) / area;
      w2 = 1 - w0 - w1;
      if (w0 >= -1e-9 && w1 >= -1e-9 && w2 >= -1e-9)
        return w0 * a->z + w1 * b->z + w2 * c->z;
    }
  return NAN;
}

/* The rim straight behind the heel centre: where the outline crosses x = 0 */
static double
rim_behind_heel (const PlantarInsole *insole)
{
  double best = G_MAXDOUBLE;
  for (guint i = 0; i < insole->outline->len; i++)
    {
      const PlantarPoint *a = &g_array_index (insole->outline, PlantarPoint, i);
      const PlantarPoint *b = &g_array_index (insole->outline, PlantarPoint, (i + 1) % insole->outline->len);
      if ((a->x <= 0) != (b->x <= 0))
        best = MIN (best, a->y + (b->y - a->y) * (0 - a->x) / (b->x - a->x));
    }
  return best;
}

static void
assert_design_numbers (const PlantarInsole *insole)
{
  const PlantarMesh *m = &insole->mesh;
  double xmin, xmax, ymin, ymax, zmin, floor_z, rim_z, arch_z;

  mesh_bounds (m, &xmin, &xmax, &ymin, &ymax, &zmin);
  g_assert_cmpfloat (zmin, ==, 0);
  g_assert_cmpfloat (ymin, ==, 0);
  g_assert_cmpfloat_with_epsilon (ymax - ymin, insole->length_mm, 0.5);
  g_assert_cmpfloat_with_epsilon (xmax - xmin, insole->width_mm, 0.5);

  /* the cup: rim over floor, on the mesh */
  floor_z = mesh_height_at (m, insole->heel_centre.x, insole->heel_centre.y);
  rim_z = mesh_height_at (m, 0, rim_behind_heel (insole) + 0.02);
  g_assert_false (isnan (floor_z));
  g_assert_false (isnan (rim_z));
  g_assert_cmpfloat_with_epsilon (rim_z - floor_z, insole->params.heel_cup_depth_mm, 0.2);
  g_assert_cmpfloat_with_epsilon (insole->heel_cup_depth_mm, insole->params.heel_cup_depth_mm, 0.2);

  /* the arch's peak */
  arch_z = mesh_height_at (m, insole->arch_peak.x, insole->arch_peak.y);
  g_assert_cmpfloat_with_epsilon (arch_z, insole->params.arch_height_mm, 0.2);
  g_assert_cmpfloat_with_epsilon (insole->arch_height_mm, insole->params.arch_height_mm, 0.2);
}

static void
test_demo_solid (void)
{
  Fixture fx = { 0 };

  fixture_demo (&fx);
  for (PlantarSide side = PLANTAR_SIDE_LEFT; side <= PLANTAR_SIDE_RIGHT; side++)
    {
      g_autoptr(PlantarInsole) insole = design_side (&fx, side, NULL);
      const PlantarFoot *foot = plantar_fitting_get_shown (fx.fitting, side);

      g_assert_cmpint (insole->side, ==, side);
      assert_closed_solid (&insole->mesh, insole->outline);
      assert_design_numbers (insole);
      /* full length: the foot, the margins and the toe allowance */
      g_assert_cmpfloat (insole->length_mm, >, foot->foot_length_mm + 2 * insole->params.margin_mm);
      g_assert_cmpfloat (insole->length_mm, <, foot->foot_length_mm + 2 * insole->params.margin_mm +
                         insole->params.toe_allowance_mm + 3);
      /* the arch filled: wider than the narrowest midfoot contact */
      g_assert_cmpfloat (insole->width_mm, >, foot->ball_width_mm);
      /* the medial side is the arch's */
      g_assert_cmpfloat (insole->arch_peak.x * plantar_insole_medial_sign (insole), >, 0);
    }
  fixture_clear (&fx);
}

/* The suggestion's heel cup and arch profile become the design's */
static void
test_follows_suggestion (void)
{
  Fixture fx = { 0 };
  PlantarRules *rules;

  fixture_demo (&fx);
  rules = fx.rules;
  for (PlantarSide side = PLANTAR_SIDE_LEFT; side <= PLANTAR_SIDE_RIGHT; side++)
    {
      const PlantarFootAdvice *a = plantar_advice_get_foot (fx.advice, side);
      g_autoptr(PlantarInsole) insole = design_side (&fx, side, NULL);
      double expected = g_str_equal (a->arch_profile, "low") ? 9 : g_str_equal (a->arch_profile, "high") ? 16 : 13;

      g_assert_cmpfloat (insole->params.heel_cup_depth_mm, ==, a->heel_cup_mm);
      g_assert_cmpfloat (insole->params.arch_height_mm, ==, expected);
    }
  (void) rules;
  fixture_clear (&fx);
}

static void
test_parameters (void)
{
  Fixture fx = { 0 };
  g_autoptr(PlantarInsole) full = NULL, three = NULL, sized = NULL, posted = NULL, pad = NULL;

  fixture_demo (&fx);
  full = design_side (&fx, PLANTAR_SIDE_LEFT, NULL);

  /* three-quarter: ends just behind the metatarsal heads */
  three = design_side (&fx, PLANTAR_SIDE_LEFT, "{\"length\": \"three-quarter\", \"three_quarter_behind_mth_mm\": 8}");
  assert_closed_solid (&three->mesh, three->outline);
  assert_design_numbers (three);
  g_assert_cmpfloat_with_epsilon (three->length_mm, three->mth_y - 8, 1.0);
  g_assert_cmpfloat (three->length_mm, <, 0.85 * full->length_mm);

  /* a length asked for */
  sized = design_side (&fx, PLANTAR_SIDE_LEFT, "{\"length_mm\": 285}");
  assert_closed_solid (&sized->mesh, sized->outline);
  g_assert_cmpfloat_with_epsilon (sized->length_mm, 285, 0.5);

  /* a 4° medial post: the rear's medial edge that much higher than the lateral */
  posted = design_side (&fx, PLANTAR_SIDE_LEFT, "{\"post_deg\": 4, \"heel_cup_depth_mm\": 0}");
  assert_closed_solid (&posted->mesh, posted->outline);
  {
    double y = posted->heel_centre.y, xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE, zm, zl;
    int medial = plantar_insole_medial_sign (posted);
    for (double x = -80; x <= 80; x += 0.25)
      if (!isnan (plantar_insole_height_at (posted, x, y)))
        {
          xmin = MIN (xmin, x);
          xmax = MAX (xmax, x);
        }
    zm = plantar_insole_height_at (posted, medial > 0 ? xmax - 15 : xmin + 15, y);
    zl = plantar_insole_height_at (posted, medial > 0 ? xmin + 15 : xmax - 15, y);
    g_assert_cmpfloat_with_epsilon (zm - zl, tan (4 * G_PI / 180) * (xmax - xmin - 30), 0.5);
  }

  /* a metatarsal pad: its height over the base, behind the heads */
  pad = design_side (&fx, PLANTAR_SIDE_LEFT, "{\"metatarsal_pad_mm\": 5}");
  assert_closed_solid (&pad->mesh, pad->outline);
  g_assert_cmpfloat_with_epsilon (mesh_height_at (&pad->mesh, pad->metatarsal_pad.x, pad->metatarsal_pad.y) -
                                  mesh_height_at (&full->mesh, pad->metatarsal_pad.x, pad->metatarsal_pad.y), 5, 0.3);
  g_assert_cmpfloat (pad->metatarsal_pad.y + pad->params.metatarsal_pad_length_mm / 2, <=, pad->mth_y);
  fixture_clear (&fx);
}

/* A slider's change: the same outline, the new surface */
static void
test_redesign (void)
{
  Fixture fx = { 0 };
  g_autoptr(PlantarInsole) insole = NULL;
  g_autoptr(GError) error = NULL;
  PlantarInsoleParams p;
  guint n_vertices;

  fixture_demo (&fx);
  insole = design_side (&fx, PLANTAR_SIDE_RIGHT, NULL);
  n_vertices = insole->mesh.vertices->len;
  p = insole->params;
  p.heel_cup_depth_mm = 8;
  p.arch_height_mm = 15;
  g_assert_true (plantar_insole_redesign (insole, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (insole->mesh.vertices->len, ==, n_vertices);
  assert_closed_solid (&insole->mesh, insole->outline);
  assert_design_numbers (insole);
  g_assert_cmpfloat_with_epsilon (insole->heel_cup_depth_mm, 8, 0.2);

  /* the outline's parameters need a new design */
  p.margin_mm = 4;
  g_assert_false (plantar_insole_redesign (insole, &p, &error));
  g_assert_no_error (error);
  fixture_clear (&fx);
}

static void
assert_refused (Fixture    *fx,
                const char *overrides,
                const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (overrides, NULL);
  g_autoptr(PlantarInsole) insole = plantar_insole_design_for (fx->fitting, PLANTAR_SIDE_LEFT, fx->rules, fx->advice,
                                                                json_node_get_object (node), &error);

  g_assert_null (insole);
  g_assert_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_PARAMETER);
  if (strstr (error->message, field) == NULL)
    g_error ("“%s” does not name %s", error->message, field);
}

static void
test_absurd_parameters (void)
{
  Fixture fx = { 0 };

  fixture_demo (&fx);
  assert_refused (&fx, "{\"base_mm\": -2}", "base_mm");
  assert_refused (&fx, "{\"heel_cup_depth_mm\": 400}", "heel_cup_depth_mm");
  assert_refused (&fx, "{\"heel_cup_depth_mm\": 39}", "heel_cup_depth_mm");
  assert_refused (&fx, "{\"length_mm\": 120}", "length_mm");
  assert_refused (&fx, "{\"length_mm\": 200}", "length_mm");
  assert_refused (&fx, "{\"length\": \"half\"}", "length");
  assert_refused (&fx, "{\"arch_height_mm\": 2}", "arch_height_mm");
  assert_refused (&fx, "{\"post_deg\": 30}", "post_deg");
  assert_refused (&fx, "{\"margin_mm\": \"wide\"}", "margin_mm");
  assert_refused (&fx, "{\"cup\": 3}", "cup");
  fixture_clear (&fx);
}

static void
test_no_heel (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  PlantarFoot *shown, copy;
  PlantarInsoleParams params;
  g_autoptr(PlantarInsole) insole = NULL;

  fixture_demo (&fx);
  shown = plantar_fitting_get_shown (fx.fitting, PLANTAR_SIDE_LEFT);
  copy = *shown;
  copy.heel_centre.x = NAN;
  g_assert_true (plantar_insole_params_for_foot (&params, fx.rules, NULL, NULL, &error));
  insole = plantar_insole_design (&copy, &params, &error);
  g_assert_null (insole);
  g_assert_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_NO_HEEL);
  g_assert_nonnull (strstr (error->message, "heel centre"));
  fixture_clear (&fx);
}

/* A plate step whose heel is off the plate's edge: measured, with a
 * warning, but no insole */
static void
test_cut_off_heel (void)
{
  PlantarSynthFoot foot;
  PlantarSynthPlate plate;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(PlantarFitting) fitting = NULL;
  g_autoptr(PlantarInsole) insole = NULL;
  PlantarInsoleParams params;
  PlantarFoot *f;
  double x0, y0, x1, y1;

  plantar_synth_foot_init (&foot, PLANTAR_SIDE_RIGHT, 260);
  plantar_synth_plate_init (&plate);
  plate.cell_width_mm = plate.cell_height_mm = 5;
  foot.heel_x_mm = foot.heel_y_mm = 0;
  plantar_synth_foot_bounds (&foot, &x0, &y0, &x1, &y1);
  plate.columns = (guint) ((x1 - x0 + 40) / 5);
  plate.rows = (guint) ((y1 - y0) / 5);       /* 20 mm short of the heel's back */
  foot.heel_x_mm = 20 - x0;
  foot.heel_y_mm = 20 - y0;
  scan = plantar_synth_render_plate (&plate, &foot, 1, &error);
  g_assert_no_error (error);
  fitting = plantar_test_fitting_of (scan);
  f = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_RIGHT);
  if (f == NULL)
    f = plantar_fitting_get_shown (fitting, PLANTAR_SIDE_UNKNOWN);
  g_assert_nonnull (f);
  g_assert_false (f->complete);
  g_assert_true (plantar_insole_params_for_foot (&params, plantar_rules_get_builtin (), NULL, NULL, &error));
  insole = plantar_insole_design (f, &params, &error);
  g_assert_null (insole);
  g_assert_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_NO_HEEL);
  g_assert_nonnull (strstr (error->message, "edge"));
}

/* ------------------------------------------------------------ files */

static gboolean
near_outline (GArray *outline,
              double  x,
              double  y,
              double  tolerance)
{
  for (guint i = 0; i < outline->len; i++)
    {
      const PlantarPoint *a = &g_array_index (outline, PlantarPoint, i);
      const PlantarPoint *b = &g_array_index (outline, PlantarPoint, (i + 1) % outline->len);
      double ex = b->x - a->x, ey = b->y - a->y, l2 = ex * ex + ey * ey;
      double t = l2 > 0 ? CLAMP (((x - a->x) * ex + (y - a->y) * ey) / l2, 0, 1) : 0;
      if (hypot (a->x + t * ex - x, a->y + t * ey - y) <= tolerance)
        return TRUE;
    }
  return FALSE;
}

/* The mesh's footprint: its bottom's outline, in order */
static GArray *
mesh_footprint (const PlantarMesh *m)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (PlantarPoint));

  /* the bottom's outline vertices: those on a side triangle */
  for (guint i = 0; i < m->triangles->len; i++)
    {
      const PlantarTriangle *t = &g_array_index (m->triangles, PlantarTriangle, i);
      const PlantarVertex *a = vertex (m, t->v[0]), *b = vertex (m, t->v[1]);
      if (a->z == 0 && b->z == 0 && vertex (m, t->v[2])->z > 0)
        {
          PlantarPoint p = { a->x, a->y };
          g_array_append_val (points, p);
        }
    }
  g_assert_cmpuint (points->len, >, 16);
  return points;
}

static void
assert_outline_matches (GArray *file_points,
                        GArray *mesh_points,
                        double  tolerance)
{
  for (guint i = 0; i < file_points->len; i++)
    {
      const PlantarPoint *p = &g_array_index (file_points, PlantarPoint, i);
      g_assert_true (near_outline (mesh_points, p->x, p->y, tolerance));
    }
  for (guint i = 0; i < mesh_points->len; i++)
    {
      const PlantarPoint *p = &g_array_index (mesh_points, PlantarPoint, i);
      g_assert_true (near_outline (file_points, p->x, p->y, tolerance));
    }
}

static GArray *
read_dxf_outline (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *points = g_array_new (FALSE, FALSE, sizeof (PlantarPoint));
  gboolean in_vertex = FALSE, closed = FALSE, insunits = FALSE;
  PlantarPoint p = { 0 };

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] && lines[i + 1]; i += 2)
    {
      int code = atoi (lines[i]);
      const char *value = lines[i + 1];
      if (code == 9 && g_str_equal (value, "$INSUNITS"))
        insunits = atoi (lines[i + 3]) == 4;
      if (code == 0)
        {
          if (in_vertex)
            g_array_append_val (points, p);
          in_vertex = g_str_equal (value, "VERTEX");
        }
      else if (code == 70 && !in_vertex && atoi (value) == 1)
        closed = TRUE;
      else if (in_vertex && code == 10)
        p.x = g_ascii_strtod (value, NULL);
      else if (in_vertex && code == 20)
        p.y = g_ascii_strtod (value, NULL);
    }
  g_assert_true (closed);
  g_assert_true (insunits);
  return points;
}

/* SVG: y down, shifted by the margin of the drawing; mapped back to the
 * insole's frame by its own size */
static GArray *
read_svg_outline (const char *path,
                  double      xmin,
                  double      ymax,
                  double     *width_mm)
{
  g_autofree char *text = NULL;
  const char *d, *w;
  GArray *points = g_array_new (FALSE, FALSE, sizeof (PlantarPoint));

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  w = strstr (text, "width=\"");
  g_assert_nonnull (w);
  *width_mm = g_ascii_strtod (w + 7, NULL);
  g_assert_nonnull (strstr (w, "mm\""));
  d = strstr (text, "id=\"outline\"");
  g_assert_nonnull (d);
  d = strstr (d, " d=\"") + 4;
  while (*d && *d != 'Z')
    {
      char *end;
      PlantarPoint p;
      while (*d == 'M' || *d == 'L' || *d == ' ')
        d++;
      if (*d == 'Z')
        break;
      p.x = g_ascii_strtod (d, &end) - 5 + xmin;
      p.y = ymax + 5 - g_ascii_strtod (end, &end);
      d = end;
      g_array_append_val (points, p);
    }
  return points;
}

static void
test_files (void)
{
  Fixture fx = { 0 };
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autoptr(PlantarInsole) insole = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stl = g_build_filename (dir, "left.stl", NULL);
  g_autofree char *svg = g_build_filename (dir, "left.svg", NULL);
  g_autofree char *dxf = g_build_filename (dir, "left.dxf", NULL);
  g_autoptr(GArray) footprint = NULL, from_dxf = NULL, from_svg = NULL;
  g_autofree char *contents = NULL, *admesh = NULL;
  gsize length;
  double xmin, xmax, ymin, ymax, zmin, svg_width;
  guint32 n;
  GStatBuf st;

  fixture_demo (&fx);
  insole = design_side (&fx, PLANTAR_SIDE_LEFT, "{\"heel_cushion_mm\": 40}");

  /* STL: 80 bytes, the count, 50 bytes a triangle, the mesh's own */
  g_assert_true (plantar_insole_write_stl (insole, stl, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (stl, &contents, &length, NULL));
  memcpy (&n, contents + 80, 4);
  n = GUINT32_FROM_LE (n);
  g_assert_cmpuint (n, ==, insole->mesh.triangles->len);
  g_assert_cmpuint (length, ==, 84 + 50 * (gsize) n);
  g_assert_true (g_str_has_prefix (contents, "Plantar left insole"));
  {
    float v[3];
    const PlantarTriangle *t = &g_array_index (insole->mesh.triangles, PlantarTriangle, 7);
    memcpy (v, contents + 84 + 7 * 50 + 12, 12);
    g_assert_cmpfloat (v[0], ==, vertex (&insole->mesh, t->v[0])->x);
    g_assert_cmpfloat (v[2], ==, vertex (&insole->mesh, t->v[0])->z);
  }
  g_assert_cmpint (g_stat (stl, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0133, ==, 0);   /* never executable, never group- or world-writable */

  /* admesh, as a slicer would check it */
  if ((admesh = g_find_program_in_path ("admesh")) != NULL)
    {
      g_autofree char *out = NULL;
      g_autofree char *cmd = g_strdup_printf ("admesh %s", stl);
      const char *clean[] = { "Total disconnected facets        :     0", "Number of parts       :     1",
                              "Degenerate facets     :     0", "Edges fixed           :     0",
                              "Facets removed        :     0", "Facets added          :     0",
                              "Facets reversed       :     0", "Backwards edges       :     0",
                              "Normals fixed         :     0" };
      int status;
      /* admesh checks and repairs: nothing to repair */
      g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, NULL));
      g_assert_cmpint (status, ==, 0);
      for (guint i = 0; i < G_N_ELEMENTS (clean); i++)
        if (strstr (out, clean[i]) == NULL)
          g_error ("admesh did not say “%s”:\n%s", clean[i], out);
    }
  else if (g_getenv ("CI") != NULL)
    g_error ("admesh is not installed: CI checks every STL with it");

  /* DXF and SVG: the mesh's footprint within 0.1 mm */
  footprint = mesh_footprint (&insole->mesh);
  g_assert_true (plantar_insole_write_dxf (insole, dxf, &error));
  g_assert_no_error (error);
  from_dxf = read_dxf_outline (dxf);
  g_assert_cmpuint (from_dxf->len, ==, insole->outline->len);
  assert_outline_matches (from_dxf, footprint, 0.1);

  g_assert_true (plantar_insole_write_svg (insole, svg, &error));
  g_assert_no_error (error);
  mesh_bounds (&insole->mesh, &xmin, &xmax, &ymin, &ymax, &zmin);
  from_svg = read_svg_outline (svg, xmin, ymax, &svg_width);
  g_assert_cmpfloat_with_epsilon (svg_width, xmax - xmin + 10, 0.01);
  assert_outline_matches (from_svg, footprint, 0.1);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "id=\"heel-cushion\""));
  g_assert_null (strstr (contents, "id=\"metatarsal-pad\""));

  plantar_test_rm_rf (dir);
  fixture_clear (&fx);
}

static void
test_3mf (void)
{
  Fixture fx = { 0 };
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "right.3mf", NULL);
  g_autoptr(PlantarInsole) insole = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *metadata = NULL;
  PlantarInsoleMeta meta = { "Ada Lovelace", "R. Fitter" };
  PlantarMesh back = { 0 };

  if (!plantar_insole_can_write_3mf ())
    {
      g_assert_false (plantar_insole_write_3mf (insole, &meta, path, &error));
      g_test_skip ("built without lib3mf");
      return;
    }
  fixture_demo (&fx);
  insole = design_side (&fx, PLANTAR_SIDE_RIGHT, NULL);
  g_assert_true (plantar_insole_write_3mf (insole, &meta, path, &error));
  g_assert_no_error (error);

  g_assert_true (plantar_insole_read_3mf (path, &back, &metadata, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (back.vertices->len, ==, insole->mesh.vertices->len);
  g_assert_cmpuint (back.triangles->len, ==, insole->mesh.triangles->len);
  for (guint i = 0; i < back.vertices->len; i += 97)
    {
      g_assert_cmpfloat_with_epsilon (vertex (&back, i)->x, vertex (&insole->mesh, i)->x, 1e-3);
      g_assert_cmpfloat_with_epsilon (vertex (&back, i)->z, vertex (&insole->mesh, i)->z, 1e-3);
    }
  assert_closed_solid (&back, insole->outline);
  g_assert_nonnull (strstr (metadata, "unit=millimeter"));
  g_assert_nonnull (strstr (metadata, "Title=Ada Lovelace: Right insole"));
  g_assert_nonnull (strstr (metadata, "Designer=R. Fitter"));
  g_assert_nonnull (strstr (metadata, "\"side\":\"right\""));
  g_assert_nonnull (strstr (metadata, "\"heel_cup_depth_mm\""));
  plantar_mesh_clear (&back);

  /* not a 3MF */
  g_assert_true (g_file_set_contents (path, "PK\003\004 not a zip", -1, NULL));
  g_assert_false (plantar_insole_read_3mf (path, &back, NULL, &error));
  g_assert_nonnull (error);
  plantar_test_rm_rf (dir);
  fixture_clear (&fx);
}

/* Real plates: every foot found gets a closed solid */
static void
test_fixtures (void)
{
  const char *names[] = { "novel-pliance-mat.asc", "xsensor-x4.csv", "zebris-pedcad-walk.apd",
                          "mun104-template-left.csv" };
  guint designed = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = plantar_test_fixture (names[i]);
      g_autoptr(GError) import_error = NULL;
      g_autoptr(GPtrArray) scans = plantar_import_file (path, NULL, &import_error);
      Fixture fx = { 0 };

      g_assert_no_error (import_error);
      fixture_of_scan (&fx, g_ptr_array_index (scans, 0));
      for (PlantarSide side = PLANTAR_SIDE_LEFT; side <= PLANTAR_SIDE_RIGHT; side++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PlantarInsole) insole = NULL;
          if (plantar_fitting_get_shown (fx.fitting, side) == NULL)
            continue;
          insole = plantar_insole_design_for (fx.fitting, side, fx.rules, fx.advice, NULL, &error);
          if (insole == NULL)
            {
              /* a refusal names what is missing */
              g_assert_error (error, PLANTAR_INSOLE_ERROR, PLANTAR_INSOLE_ERROR_NO_HEEL);
              g_test_message ("%s %s: %s", names[i], plantar_side_to_string (side), error->message);
              continue;
            }
          assert_closed_solid (&insole->mesh, insole->outline);
          assert_design_numbers (insole);
          g_assert_cmpfloat (insole->length_mm, >, 150);
          g_assert_cmpfloat (insole->length_mm, <, 340);
          designed++;
        }
      fixture_clear (&fx);
    }
  g_assert_cmpuint (designed, >=, 3);
}

/* The rules file's design: read, and refused with the field's path */
static void
test_rules_design (void)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", "plantar-rules.json", NULL);
  g_autoptr(GString) bad = NULL;
  g_autoptr(PlantarRules) rules = NULL;
  PlantarInsoleParams params;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (plantar_insole_params_for_foot (&params, plantar_rules_get_builtin (), NULL, NULL, &error));
  g_assert_cmpfloat (params.base_mm, ==, 3);
  g_assert_cmpfloat (params.arch_height_mm, ==, 13);
  g_assert_cmpfloat (params.heel_cup_depth_mm, ==, 12);

  bad = g_string_new (text);
  g_string_replace (bad, "\"base_mm\": 3,", "\"base_mm\": -1,", 1);
  rules = plantar_rules_parse (bad->str, bad->len, "rules.json", &error);
  g_assert_null (rules);
  g_assert_error (error, PLANTAR_RULES_ERROR, PLANTAR_RULES_ERROR_FIELD);
  g_assert_nonnull (strstr (error->message, "insole_design.base_mm"));
  g_assert_nonnull (strstr (error->message, "line "));
  g_clear_error (&error);

  g_string_assign (bad, text);
  g_string_replace (bad, "\"high\": 16", "\"tall\": 16", 1);
  rules = plantar_rules_parse (bad->str, bad->len, "rules.json", &error);
  g_assert_null (rules);
  g_assert_nonnull (strstr (error->message, "insole_design.arch_height_mm"));
  g_clear_error (&error);

  /* a file from before insoles were designed takes Plantar's design */
  {
    g_autoptr(JsonNode) root = json_from_string (text, NULL);
    g_autofree char *old = NULL;
    json_object_remove_member (json_node_get_object (root), "insole_design");
    old = json_to_string (root, FALSE);
    rules = plantar_rules_parse (old, -1, "old-rules.json", &error);
    g_assert_no_error (error);
    g_assert_true (plantar_insole_params_for_foot (&params, rules, NULL, NULL, &error));
    g_assert_cmpfloat (params.arch_height_mm, ==, 13);
  }
}

/* The clinic's report carries the order sheet: the drawing, the
 * parameters, and that a professional reviews it; a store's does not. */
static void
test_order_sheet (void)
{
  Fixture fx = { 0 };
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autoptr(JsonObject) overrides = json_object_new ();

  fixture_demo (&fx);
  json_object_set_double_member (overrides, "post_deg", -4);
  plantar_fitting_set_insole_overrides (fx.fitting, PLANTAR_SIDE_LEFT, overrides);
  for (int detail = 0; detail < 2; detail++)
    {
      g_autofree char *pdf = g_build_filename (dir, detail ? "clinic.pdf" : "store.pdf", NULL);
      g_autofree char *text = NULL;
      g_autoptr(PlantarReport) report = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
      PlantarReportInfo info;

      plantar_report_info_init (&info);
      info.detail = detail ? PLANTAR_REPORT_CLINIC : PLANTAR_REPORT_STORE;
      report = plantar_report_new (fx.fitting, fx.advice, NULL, &info, &error);
      g_assert_no_error (error);
      g_assert_true (plantar_report_write_pdf (report, PLANTAR_PAPER_A4, pdf, &error));
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, NULL, &error));
      g_assert_no_error (error);
      if (!detail)
        {
          g_assert_null (strstr (text, "Insole order"));
          continue;
        }
      g_assert_nonnull (strstr (text, "Insole order"));
      g_assert_nonnull (strstr (text, "For review by a professional before it is made"));
      g_assert_true (g_regex_match_simple ("Heel cup depth +12\\.0 mm +24\\.0 mm", text, 0, 0));
      g_assert_true (g_regex_match_simple ("Rearfoot post.* 4\\.0° lateral +none", text, 0, 0));
      g_assert_true (g_regex_match_simple ("Size \\(length × width\\) +26[0-9] × 10[0-9] mm", text, 0, 0));
    }
  plantar_test_rm_rf (dir);
  fixture_clear (&fx);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/insole/demo-solid", test_demo_solid);
  g_test_add_func ("/insole/follows-suggestion", test_follows_suggestion);
  g_test_add_func ("/insole/parameters", test_parameters);
  g_test_add_func ("/insole/redesign", test_redesign);
  g_test_add_func ("/insole/absurd-parameters", test_absurd_parameters);
  g_test_add_func ("/insole/no-heel", test_no_heel);
  g_test_add_func ("/insole/cut-off-heel", test_cut_off_heel);
  g_test_add_func ("/insole/files", test_files);
  g_test_add_func ("/insole/3mf", test_3mf);
  g_test_add_func ("/insole/fixtures", test_fixtures);
  g_test_add_func ("/insole/rules-design", test_rules_design);
  g_test_add_func ("/insole/order-sheet", test_order_sheet);
  return g_test_run ();
}

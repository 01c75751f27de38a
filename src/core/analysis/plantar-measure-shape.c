/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-measure"

#include "config.h"

#include <string.h>

#include "plantar-measure-private.h"

/* The shape of a foot along its axis: the profile bin by bin, the arch
 * indices and widths it gives, the regions, and the centre of pressure
 * over a step. */

/* ------------------------------------------------------------ profiles */


void
measure_profile_clear (Profile *p)
{
  g_free (p->area);
  g_free (p->load);
  g_free (p->vmed);
  g_free (p->vlat);
}

/* Each cell in s × s sub-samples of at most 1 mm, so that band boundaries
 * cut through coarse plate cells in proportion. */
void
measure_build_profile (const PlantarFootprint *fp,
                       GArray                 *cells,
                       const Frame            *f,
                       double                  medial,
                       double                  u_back,
                       double                  u_front,
                       Profile                *p)
{
  int s = fp->is_pressure ? (int) ceil (MAX (fp->cell_w, fp->cell_h) / 1.0) : 1;
  double sub_area = fp->cell_w * fp->cell_h / (s * s);

  p->du = fp->is_pressure ? 1.0 : 0.5;
  p->u0 = u_back;
  p->n = (guint) ceil ((u_front - u_back) / p->du) + 1;
  p->area = g_new0 (double, p->n);
  p->load = g_new0 (double, p->n);
  p->vmed = g_new (double, p->n);
  p->vlat = g_new (double, p->n);
  for (guint b = 0; b < p->n; b++)
    p->vmed[b] = p->vlat[b] = NAN;

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      if (c->toe)
        continue;
      for (int j = 0; j < s; j++)
        for (int k = 0; k < s; k++)
          {
            double ox = ((k + 0.5) / s - 0.5) * fp->cell_w;
            double oy = ((j + 0.5) / s - 0.5) * fp->cell_h;
            double u = c->u + ox * f->ax + oy * f->ay;
            double v = medial * (c->w + ox * f->lx + oy * f->ly);
            double wgt = c->cov;
            /* on the outline the covered part lies towards the print */
            if (c->cov < 1 && (c->nx != 0 || c->ny != 0))
              {
                double h = 0.5 * (fabs (c->nx) * fp->cell_w + fabs (c->ny) * fp->cell_h);
                if (ox * c->nx + oy * c->ny < h * (1 - 2 * c->cov))
                  continue;
                wgt = 1;
              }
            /* the sample covers [u - e, u + e] along the axis: its area goes
             * to the bins it overlaps, so that a grid aligned with the axis
             * does not alias with the bins */
            double e = 0.5 * (fabs (f->ax) * fp->cell_w + fabs (f->ay) * fp->cell_h) / s;
            double a0 = (u - e - p->u0) / p->du, a1 = (u + e - p->u0) / p->du;
            int b0 = CLAMP ((int) floor (a0), 0, (int) p->n - 1);
            int b1 = CLAMP ((int) floor (a1), 0, (int) p->n - 1);
            for (int b = b0; b <= b1; b++)
              {
                double lo = MAX (a0, b), hi = MIN (a1, b + 1);
                double share = a1 > a0 ? MAX (0, hi - lo) / (a1 - a0) : 1;
                if (b0 == b1)
                  share = 1;
                p->area[b] += sub_area * share * wgt;
                p->load[b] += sub_area * share * c->load;
              }
            {
              int b = CLAMP ((int) floor ((u - p->u0) / p->du), 0, (int) p->n - 1);
              if (isnan (p->vmed[b]) || v > p->vmed[b])
                p->vmed[b] = v;
              if (isnan (p->vlat[b]) || v < p->vlat[b])
                p->vlat[b] = v;
            }
          }
    }
}

/* Contact width at each bin, smoothed over three bins. */
static double
width_at (const Profile *p,
          guint          b)
{
  double sum = 0;
  guint n = 0;

  for (guint k = b > 0 ? b - 1 : 0; k <= MIN (p->n - 1, b + 1); k++)
    {
      sum += p->area[k];
      n++;
    }
  return sum / (n * p->du);
}

/* Clarke's angle, and the medial and lateral border lines (v = a + b u). */
static double
clarke_angle (const Profile *p,
              double         lt,
              double        *med_a,
              double        *med_b,
              double        *lat_a,
              double        *lat_b)
{
  g_autofree double *us = g_new (double, p->n);
  g_autofree double *vs = g_new (double, p->n);
  g_autofree guint *hull = g_new (guint, p->n);
  guint n = 0, h = 0;
  double arch_u = p->u0 + 0.40 * lt;
  double lowest = G_MAXDOUBLE;
  guint e0 = 0, e1 = 0;
  double best_depth = 0, deep_u = NAN, deep_v = NAN;
  gboolean found = FALSE;

  for (guint b = 0; b < p->n; b++)
    if (!isnan (p->vlat[b]))
      lowest = MIN (lowest, p->vlat[b]);

  /* the medial border; where the midfoot has no contact, the border is as
   * deep as the print's lateral edge */
  for (guint b = 0; b < p->n; b++)
    {
      us[n] = p->u0 + (b + 0.5) * p->du;
      vs[n] = isnan (p->vmed[b]) ? lowest : p->vmed[b];
      n++;
    }

  /* upper convex hull (monotone chain) of (u, v) */
  for (guint i = 0; i < n; i++)
    {
      while (h >= 2)
        {
          guint a = hull[h - 2], b = hull[h - 1];
          double cross = (us[b] - us[a]) * (vs[i] - vs[a]) - (vs[b] - vs[a]) * (us[i] - us[a]);
          if (cross >= 0)
            h--;
          else
            break;
        }
      hull[h++] = i;
    }

  /* the hull edge spanning the arch: the medial tangent line */
  for (guint k = 0; k + 1 < h; k++)
    if (us[hull[k]] <= arch_u && us[hull[k + 1]] >= arch_u)
      {
        e0 = hull[k];
        e1 = hull[k + 1];
        found = TRUE;
        break;
      }
  if (!found || us[e1] - us[e0] < 1e-6)
    return NAN;

  *med_b = (vs[e1] - vs[e0]) / (us[e1] - us[e0]);
  *med_a = vs[e0] - *med_b * us[e0];

  /* the deepest point of the concavity under it */
  for (guint i = e0; i <= e1; i++)
    {
      double depth = (*med_a + *med_b * us[i]) - vs[i];
      if (depth > best_depth)
        {
          best_depth = depth;
          deep_u = us[i];
          deep_v = vs[i];
        }
    }

  /* the lateral border line: the lower hull edge under the midfoot */
  {
    guint lh = 0;
    double ls[2] = { NAN, NAN };
    g_autofree guint *lower = g_new (guint, p->n);
    g_autofree double *lv = g_new (double, p->n);
    g_autofree double *lu = g_new (double, p->n);
    guint ln = 0;
    for (guint b = 0; b < p->n; b++)
      if (!isnan (p->vlat[b]))
        {
          lu[ln] = p->u0 + (b + 0.5) * p->du;
          lv[ln] = p->vlat[b];
          ln++;
        }
    for (guint i = 0; i < ln; i++)
      {
        while (lh >= 2)
          {
            guint a = lower[lh - 2], b = lower[lh - 1];
            double cross = (lu[b] - lu[a]) * (lv[i] - lv[a]) - (lv[b] - lv[a]) * (lu[i] - lu[a]);
            if (cross <= 0)
              lh--;
            else
              break;
          }
        lower[lh++] = i;
      }
    for (guint k = 0; k + 1 < lh; k++)
      if (lu[lower[k]] <= arch_u && lu[lower[k + 1]] >= arch_u)
        {
          ls[1] = (lv[lower[k + 1]] - lv[lower[k]]) / (lu[lower[k + 1]] - lu[lower[k]]);
          ls[0] = lv[lower[k]] - ls[1] * lu[lower[k]];
          break;
        }
    *lat_a = ls[0];
    *lat_b = ls[1];
  }

  if (best_depth <= 0)
    return 0;

  /* at the forefoot's tangent point, between the tangent line (towards the
   * heel) and the line to the deepest point */
  {
    double ax = us[e0] - us[e1], ay = vs[e0] - vs[e1];
    double bx = deep_u - us[e1], by = deep_v - vs[e1];
    double c = (ax * bx + ay * by) / (hypot (ax, ay) * hypot (bx, by));
    return acos (CLAMP (c, -1, 1)) * 180 / G_PI;
  }
}

/* The arch indices and the widths, from the profile along the axis; the
 * border lines go to @rf for the regions. */
void
measure_shape (PlantarFoot            *foot,
               const PlantarFootprint *fp,
               const Profile          *profile,
               RegionFrame            *rf)
{
  double lt = foot->toeless_length_mm, total = 0, thirds[3] = { 0 }, ltot = 0, lthirds[3] = { 0 };
  double hw = 0, bw = 0, mw = G_MAXDOUBLE;

  for (guint b = 0; b < profile->n; b++)
    {
      double uc = (b + 0.5) * profile->du, fr = uc / lt;
      int t = CLAMP ((int) floor (3 * fr), 0, 2);
      double width = width_at (profile, b);
      total += profile->area[b];
      thirds[t] += profile->area[b];
      ltot += profile->load[b];
      lthirds[t] += profile->load[b];
      if (fr < 0.27)
        hw = MAX (hw, width);
      else if (fr < 0.55)
        mw = MIN (mw, width);
      else if (fr <= 1)
        bw = MAX (bw, width);
    }
  foot->toeless_area_mm2 = total;
  foot->arch_index = thirds[1] / total;
  if (fp->is_pressure && ltot > 0)
    foot->modified_arch_index = lthirds[1] / ltot;
  foot->heel_width_mm = hw;
  foot->ball_width_mm = bw;
  foot->midfoot_width_mm = mw == G_MAXDOUBLE ? NAN : mw;
  foot->chippaux_smirak = 100 * foot->midfoot_width_mm / bw;
  foot->staheli = foot->midfoot_width_mm / hw;
  foot->hernandez_corvo = 100 * (bw - foot->midfoot_width_mm) / bw;
  foot->clarke_angle_deg = clarke_angle (profile, lt, &rf->med_a, &rf->med_b, &rf->lat_a, &rf->lat_b);
  if (mw == 0 || mw == G_MAXDOUBLE)
    plantar_foot_add_warning (foot, _("Nothing touched under the midfoot: a very high arch, or a foot that did "
                                      "not bear its full weight."));
}

/* ------------------------------------------------------------ regions */


/* Which of the five metatarsal sectors (0..4), or the hallux (fraction <
 * 0.30) for toes: the fraction of the way from the medial border line to
 * the lateral one, turning about the point where they meet behind the
 * heel, or across if they do not. */
static double
sector_fraction (const RegionFrame *r,
                 double             u,
                 double             v)
{
  double db = r->med_b - r->lat_b;

  if (isnan (r->med_a) || isnan (r->lat_a))
    return NAN;
  if (fabs (db) > 1e-6)
    {
      double uo = (r->lat_a - r->med_a) / db;
      double vo = r->med_a + r->med_b * uo;
      if (uo < r->u_back)
        {
          double am = atan2 (r->med_b, 1), al = atan2 (r->lat_b, 1);
          double ap = atan2 (v - vo, u - uo);
          if (fabs (am - al) > 1e-6)
            return (am - ap) / (am - al);
        }
    }
  {
    double vm = r->med_a + r->med_b * u, vl = r->lat_a + r->lat_b * u;
    return fabs (vm - vl) > 1e-6 ? (vm - v) / (vm - vl) : NAN;
  }
}

static void
region_of (const RegionFrame *r,
           const Cell        *c,
           double             v,
           int                out[3])
{
  double f = (c->u - r->u_back) / r->lt;
  double t;

  out[0] = out[1] = out[2] = -1;
  if (c->toe)
    {
      out[0] = PLANTAR_REGION_TOES;
      t = sector_fraction (r, c->u, v);
      out[1] = isnan (t) ? (v > 0 ? PLANTAR_REGION_HALLUX : PLANTAR_REGION_LESSER_TOES)
                         : (t < 0.30 ? PLANTAR_REGION_HALLUX : PLANTAR_REGION_LESSER_TOES);
      return;
    }
  if (f < 0.27)
    {
      out[0] = PLANTAR_REGION_HEEL;
      out[1] = v > 0 ? PLANTAR_REGION_HEEL_MEDIAL : PLANTAR_REGION_HEEL_LATERAL;
    }
  else if (f < 0.55)
    {
      out[0] = PLANTAR_REGION_MIDFOOT;
      out[1] = v > 0 ? PLANTAR_REGION_MIDFOOT_MEDIAL : PLANTAR_REGION_MIDFOOT_LATERAL;
    }
  else
    {
      out[0] = PLANTAR_REGION_FOREFOOT;
      out[1] = v > 0 ? PLANTAR_REGION_FOREFOOT_MEDIAL : PLANTAR_REGION_FOREFOOT_LATERAL;
      t = sector_fraction (r, c->u, v);
      if (!isnan (t))
        out[2] = t < 0.30 ? PLANTAR_REGION_MTH1 : t < 0.47 ? PLANTAR_REGION_MTH2 : t < 0.64 ? PLANTAR_REGION_MTH3
                 : t < 0.81 ? PLANTAR_REGION_MTH4 : PLANTAR_REGION_MTH5;
    }
}

void
measure_regions (PlantarFoot            *foot,
                 const PlantarFootprint *fp,
                 GArray                 *cells,
                 const RegionFrame      *rf,
                 double                  threshold)
{
  double cell_area = fp->cell_w * fp->cell_h;
  g_autofree gint8 *region = g_new (gint8, (gsize) fp->width * fp->height * 3);
  double sum[PLANTAR_N_REGIONS] = { 0 };
  guint count[PLANTAR_N_REGIONS] = { 0 };
  PlantarRegionStats *st = foot->regions;

  memset (region, -1, (gsize) fp->width * fp->height * 3);
  for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
    st[r] = (PlantarRegionStats) { 0, NAN, 0, 0, NAN, NAN, NAN };

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      double v = rf->medial * c->w;
      int rs[3];
      region_of (rf, c, v, rs);
      for (int k = 0; k < 3; k++)
        {
          region[(gsize) c->index * 3 + k] = rs[k];
          if (rs[k] < 0)
            continue;
          st[rs[k]].peak_kpa = MAX (st[rs[k]].peak_kpa, c->load);
          st[rs[k]].area_mm2 += cell_area;
          sum[rs[k]] += c->load;
          count[rs[k]]++;
          if (fp->frames == NULL)
            st[rs[k]].force_n += c->load * cell_area * 1e-3;
        }
    }
  for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
    if (count[r] > 0)
      st[r].mean_kpa = sum[r] / count[r];

  /* over time: force, pressure-time integral, contact time */
  if (fp->frames != NULL)
    {
      PlantarStepFrames *fr = fp->frames;
      double dt = fr->frame_ms / 1000.0;
      guint contact_frames[PLANTAR_N_REGIONS] = { 0 };

      for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
        st[r].pti_kpa_s = 0;
      for (guint f = 0; f < fr->n_frames; f++)
        {
          double force[PLANTAR_N_REGIONS] = { 0 }, peak[PLANTAR_N_REGIONS] = { 0 };
          guint s0 = g_array_index (fr->starts, guint, f), s1 = g_array_index (fr->starts, guint, f + 1);
          for (guint k = s0; k < s1; k++)
            {
              guint32 cell = g_array_index (fr->cells, guint32, k);
              float p = g_array_index (fr->values, float, k);
              for (int j = 0; j < 3; j++)
                {
                  int r = region[(gsize) cell * 3 + j];
                  if (r < 0)
                    continue;
                  force[r] += p * cell_area * 1e-3;
                  peak[r] = MAX (peak[r], p);
                }
            }
          for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
            {
              st[r].force_n = MAX (st[r].force_n, force[r]);
              st[r].pti_kpa_s += peak[r] * dt;
              contact_frames[r] += peak[r] > threshold;
            }
        }
      for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
        st[r].contact_ms = contact_frames[r] * fr->frame_ms;
    }

  /* each region's share of the load the four lengthwise regions carry */
  {
    const PlantarRegion whole[] = { PLANTAR_REGION_HEEL, PLANTAR_REGION_MIDFOOT, PLANTAR_REGION_FOREFOOT,
                                    PLANTAR_REGION_TOES };
    double total = 0;
    for (guint k = 0; k < G_N_ELEMENTS (whole); k++)
      total += st[whole[k]].force_n;
    for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
      st[r].load_pct = total > 0 ? 100 * st[r].force_n / total : NAN;
  }
  for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
    if (st[r].area_mm2 == 0)
      st[r] = (PlantarRegionStats) { NAN, NAN, 0, NAN, NAN, NAN, NAN };
}

/* ------------------------------------------------------------ walking */

void
measure_walking (PlantarFoot            *foot,
                 const PlantarFootprint *fp,
                 const Frame            *f,
                 double                  medial,
                 double                  u_back,
                 const Profile          *profile)
{
  PlantarStepFrames *fr = fp->frames;
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (PlantarCopPoint));
  double first_u = NAN, first_v = NAN, last_u = NAN, last_v = NAN;

  for (guint k = 0; k < fr->n_frames; k++)
    {
      guint s0 = g_array_index (fr->starts, guint, k), s1 = g_array_index (fr->starts, guint, k + 1);
      double sp = 0, sx = 0, sy = 0;
      for (guint j = s0; j < s1; j++)
        {
          guint32 cell = g_array_index (fr->cells, guint32, j);
          float p = g_array_index (fr->values, float, j);
          double x = fp->x0 + (cell % fp->width + 0.5) * fp->cell_w;
          double y = fp->y0 + (cell / fp->width + 0.5) * fp->cell_h;
          sp += p;
          sx += p * x;
          sy += p * y;
        }
      if (sp > 0)
        {
          PlantarCopPoint pt = { sx / sp, sy / sp, k * fr->frame_ms };
          g_array_append_val (path, pt);
        }
    }
  if (path->len >= 2)
    {
      PlantarCopPoint *a = &g_array_index (path, PlantarCopPoint, 0);
      PlantarCopPoint *b = &g_array_index (path, PlantarCopPoint, path->len - 1);
      first_u = (a->x - f->cx) * f->ax + (a->y - f->cy) * f->ay;
      first_v = medial * ((a->x - f->cx) * f->lx + (a->y - f->cy) * f->ly);
      last_u = (b->x - f->cx) * f->ax + (b->y - f->cy) * f->ay;
      last_v = medial * ((b->x - f->cx) * f->lx + (b->y - f->cy) * f->ly);
    }

  /* CPEI (Song 1996): at two thirds of the foot length, how far the path
   * runs lateral of the line from its first to its last point, over the
   * foot's width there */
  if (path->len >= 3 && isfinite (foot->foot_length_mm) && last_u - first_u > 20)
    {
      double uc = u_back + 2.0 / 3.0 * foot->foot_length_mm;
      double line_v = first_v + (uc - first_u) / (last_u - first_u) * (last_v - first_v);
      for (guint k = 0; k + 1 < path->len; k++)
        {
          PlantarCopPoint *a = &g_array_index (path, PlantarCopPoint, k);
          PlantarCopPoint *b = &g_array_index (path, PlantarCopPoint, k + 1);
          double ua = (a->x - f->cx) * f->ax + (a->y - f->cy) * f->ay;
          double ub = (b->x - f->cx) * f->ax + (b->y - f->cy) * f->ay;
          if ((ua - uc) * (ub - uc) <= 0 && ua != ub)
            {
              double va = medial * ((a->x - f->cx) * f->lx + (a->y - f->cy) * f->ly);
              double vb = medial * ((b->x - f->cx) * f->lx + (b->y - f->cy) * f->ly);
              double v = va + (uc - ua) / (ub - ua) * (vb - va);
              int bin = (int) floor ((uc - profile->u0) / profile->du);
              double width = bin >= 0 && bin < (int) profile->n ? width_at (profile, bin) : NAN;
              if (width > 10)
                foot->cpei_pct = 100 * (line_v - v) / width;
              break;
            }
        }
    }

  foot->cop_path = g_steal_pointer (&path);
  foot->contact_ms = fr->n_frames * fr->frame_ms;
}

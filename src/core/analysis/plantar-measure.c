/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-measure"

#include "config.h"

#include <string.h>

#include "plantar-measure-private.h"

/*
 * Measuring one foot, by the constructions of SCIENCE.md:
 *
 * - Heel centre: the centre of the circle fitted (least squares) to the
 *   outline of the back of the heel, the part of the outline within 40 % of
 *   the heel's width from its back. It lies where the heel cup's centre goes.
 * - Toes: beyond the toe line, the gap (or, on pressure, the lowest-pressure
 *   valley) between the ball and the toe pads, found strip by strip along
 *   the foot. The toe line shown is the straight line fitted through it.
 * - Tip of the second toe: the second toe from the medial side on the
 *   front outline of the toes.
 * - Foot axis: heel centre to the tip of the second toe (Cavanagh & Rodgers).
 * - Back of the heel and front of the ball: the furthest contact along the
 *   axis, behind and in front, of the toe-less print.
 * - Regions, as fractions of the toe-less length from the back of the heel:
 *   heel 0–27 %, midfoot 27–55 %, forefoot 55–100 %, then the toes; medial
 *   and lateral halves on either side of the axis.
 * - Widths are contact widths perpendicular to the axis: ball width the
 *   largest in the forefoot, heel width the largest in the heel, midfoot
 *   width the smallest in the midfoot.
 * - Side: the arch is medial (midfoot contact lies lateral of the axis) and
 *   the big toe is medial (the toes reach further and weigh more there).
 *
 * Landmarks and the axis are found together, three times over, each time
 * from the last axis.
 */


/* ------------------------------------------------------------ geometry helpers */

/* ------------------------------------------------------------ the cells */

static GArray *
collect_cells (const PlantarFootprint *fp,
               double                  threshold)
{
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  guint w = fp->width, h = fp->height;

#define IN(x, y) ((x) < w && (y) < h && fp->own[(gsize) (y) * w + (x)] && fp->load[(gsize) (y) * w + (x)] > threshold)
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        Cell c = { 0 };
        if (!IN (x, y))
          continue;
        c.x = fp->x0 + (x + 0.5) * fp->cell_w;
        c.y = fp->y0 + (y + 0.5) * fp->cell_h;
        c.load = fp->load[i];
        c.index = i;
        c.edge = x == 0 || y == 0 || !IN (x - 1, y) || !IN (x + 1, y) || !IN (x, y - 1) || !IN (x, y + 1);
        c.cov = 1;
        g_array_append_val (cells, c);
      }

  /* A plate cell on the outline is partly covered, and reads about that
   * part of what its inner neighbours read. */
  if (fp->is_pressure)
    {
      g_autofree guint8 *edge = g_new0 (guint8, (gsize) w * h);
      for (guint i = 0; i < cells->len; i++)
        {
          Cell *c = &g_array_index (cells, Cell, i);
          edge[c->index] = c->edge ? 2 : 1;
        }
      for (guint i = 0; i < cells->len; i++)
        {
          Cell *c = &g_array_index (cells, Cell, i);
          guint x = c->index % w, y = c->index / w;
          float inner = 0, any = 0, inner_sum = 0, nx = 0, ny = 0, nn;
          guint n_inner = 0;
          if (!c->edge)
            continue;
          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
              {
                int xx = (int) x + dx, yy = (int) y + dy;
                gsize j;
                if ((dx == 0 && dy == 0) || xx < 0 || yy < 0 || xx >= (int) w || yy >= (int) h)
                  continue;
                j = (gsize) yy * w + xx;
                if (edge[j] == 1)
                  {
                    inner_sum += fp->load[j];
                    n_inner++;
                  }
                if (edge[j])
                  {
                    any = MAX (any, fp->load[j]);
                    nx += dx * fp->cell_w;
                    ny += dy * fp->cell_h;
                  }
              }
          if (n_inner > 0)
            inner = inner_sum / n_inner;
          else
            {
              /* a band too thin for a cell inside it (a high arch's
               * midfoot): what cells inside the print read nearby */
              float near_sum = 0;
              guint near_n = 0;
              for (int dy = -3; dy <= 3; dy++)
                for (int dx = -3; dx <= 3; dx++)
                  {
                    int xx = (int) x + dx, yy = (int) y + dy;
                    gsize j;
                    if (xx < 0 || yy < 0 || xx >= (int) w || yy >= (int) h)
                      continue;
                    j = (gsize) yy * w + xx;
                    if (edge[j] == 1)
                      {
                        near_sum += fp->load[j];
                        near_n++;
                      }
                  }
              if (near_n > 0)
                inner = near_sum / near_n;
            }
          if (inner <= 0)
            inner = any;
          /* Soft tissue bears less towards the edge of the contact, so
           * a partly covered cell reads less than its covered share of
           * what the cells inside read. sqrt (1.5 r) recovers the share
           * when the pressure falls off as the square root of the depth
           * over the outer 8 mm (what the generator draws); a whole-cell
           * count would overstate a midfoot's width by half a cell each
           * side. */
          if (inner > 0)
            c->cov = CLAMP (sqrtf (1.5f * c->load / inner), 0.05f, 1.0f);
          nn = hypotf (nx, ny);
          if (nn > 0)
            {
              c->nx = nx / nn;
              c->ny = ny / nn;
            }
        }
    }
#undef IN
  return cells;
}

/* The main axis of the print and its direction, heel to toe: the forefoot
 * end is the wider one. */
static double
initial_axis (const PlantarFootprint *fp,
              GArray                 *cells,
              Frame                  *f)
{
  double mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0, theta;
  double tmin = G_MAXDOUBLE, tmax = -G_MAXDOUBLE;
  double rear = 0, front = 0;
  guint n = cells->len;
  g_autofree double *wmin = NULL, *wmax = NULL;
  const guint nb = 20;

  for (guint i = 0; i < n; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      mx += c->x;
      my += c->y;
    }
  mx /= n;
  my /= n;
  for (guint i = 0; i < n; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      sxx += (c->x - mx) * (c->x - mx);
      sxy += (c->x - mx) * (c->y - my);
      syy += (c->y - my) * (c->y - my);
    }
  theta = 0.5 * atan2 (2 * sxy, sxx - syy);
  frame_set (f, mx, my, cos (theta), sin (theta));
  project (f, cells);

  /* widths across the axis in 20 slices */
  wmin = g_new (double, nb);
  wmax = g_new (double, nb);
  for (guint b = 0; b < nb; b++)
    {
      wmin[b] = G_MAXDOUBLE;
      wmax[b] = -G_MAXDOUBLE;
    }
  for (guint i = 0; i < n; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      tmin = MIN (tmin, c->u);
      tmax = MAX (tmax, c->u);
    }
  for (guint i = 0; i < n; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      guint b = MIN (nb - 1, (guint) ((c->u - tmin) / (tmax - tmin + 1e-9) * nb));
      wmin[b] = MIN (wmin[b], c->w);
      wmax[b] = MAX (wmax[b], c->w);
    }
  for (guint b = 1; b < 6; b++)
    rear = MAX (rear, wmax[b] - wmin[b]);
  for (guint b = 11; b < 17; b++)
    front = MAX (front, wmax[b] - wmin[b]);

  if (rear > front)
    frame_set (f, mx, my, -f->ax, -f->ay);
  project (f, cells);
  (void) fp;
  /* how sure: the narrower end over the wider */
  return MIN (rear, front) / MAX (MAX (rear, front), 1e-9);
}

/* ------------------------------------------------------------ side */

/* Positive for a right foot. Medial is the walker's left on a right foot:
 * the toes reach further and weigh more on the medial side, and the
 * midfoot's contact lies lateral. */
static double
side_score (GArray *cells,
            double  umin,
            double  length)
{
  double toe_left = 0, toe_right = 0, mid_w = 0, mid_n = 0;
  double front_left = -G_MAXDOUBLE, front_right = -G_MAXDOUBLE;
  double score = 0;
  double lo = umin + 0.33 * length, hi = umin + 0.5 * length;

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      if (c->toe)
        {
          if (c->w > 0)
            {
              toe_left += c->load > 0 ? c->load : 1;
              front_left = MAX (front_left, c->u);
            }
          else
            {
              toe_right += c->load > 0 ? c->load : 1;
              front_right = MAX (front_right, c->u);
            }
        }
      else if (c->u > lo && c->u < hi)
        {
          mid_w += c->w;
          mid_n++;
        }
    }

  /* the midfoot's contact is lateral: on the walker's right for a right foot */
  if (mid_n > 0)
    score += -(mid_w / mid_n) / 10.0;
  /* the toes are heavier and longer medially */
  if (toe_left + toe_right > 0)
    score += 2.0 * (toe_left - toe_right) / (toe_left + toe_right);
  if (front_left > -G_MAXDOUBLE && front_right > -G_MAXDOUBLE)
    score += (front_left - front_right) / 15.0;
  return score;
}

/* ------------------------------------------------------------ the whole */

/* What the search for the landmarks settles on, in the final frame. */
typedef struct {
  double   ext;                       /* half a cell along the axis */
  double   umin, umax;                /* the print's extent along the axis */
  double   line_a, line_b;            /* the toe line, u = a + b w */
  double   line_w0, line_w1;
  guint    n_toe_strips;
  double   heel_w, ball_w;            /* rough widths, for the fits */
  double   medial;                    /* +1: medial is the walker's left */
  gboolean have_tip;
  double   u_tip;
} Landmarks;

/* The print's extent along the axis, outline cells counted for their
 * covered part. */
static void
extent_along (GArray *cells,
              double  ext,
              double *umin,
              double *umax)
{
  *umin = G_MAXDOUBLE;
  *umax = -G_MAXDOUBLE;
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      *umin = MIN (*umin, c->u + ext - 2 * ext * c->cov);
      *umax = MAX (*umax, c->u - ext + 2 * ext * c->cov);
    }
}

/* The toes tell the front better than the widths do when the ends are
 * alike (on a very flat foot the midfoot is as wide as the ball): then
 * look for them at both ends. */
static void
choose_front (const PlantarFootprint   *fp,
              GArray                   *cells,
              const PlantarCorrections *cor,
              Frame                    *f)
{
  double a = NAN, b = NAN, w0 = 0, w1 = 0, lo, hi;
  guint here, there;

  if (initial_axis (fp, cells, f) <= 0.8 || cor->has_heel_centre || cor->has_toe_tip)
    return;
  extent_along (cells, 0, &lo, &hi);
  here = measure_find_toes (fp, cells, f, lo, hi, &a, &b, &w0, &w1);
  frame_set (f, f->cx, f->cy, -f->ax, -f->ay);
  project (f, cells);
  there = measure_find_toes (fp, cells, f, -hi, -lo, &a, &b, &w0, &w1);
  if (!(there >= 3 && there > 2 * here))
    {
      frame_set (f, f->cx, f->cy, -f->ax, -f->ay);
      project (f, cells);
    }
}

/* Widths near the heel and across the ball, for the fits. */
static void
rough_widths (GArray    *cells,
              Landmarks *lm)
{
  double lt = lm->umax - lm->umin;
  double wl[2] = { G_MAXDOUBLE, G_MAXDOUBLE }, wh[2] = { -G_MAXDOUBLE, -G_MAXDOUBLE };

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      int k = c->u < lm->umin + 0.2 * lt ? 0 : (c->u > lm->umin + 0.6 * lt && !c->toe) ? 1 : -1;
      if (k < 0)
        continue;
      wl[k] = MIN (wl[k], c->w);
      wh[k] = MAX (wh[k], c->w);
    }
  if (wh[0] > wl[0])
    lm->heel_w = wh[0] - wl[0];
  if (wh[1] > wl[1])
    lm->ball_w = wh[1] - wl[1];
}

/* The heel centre (plantar-measure-heel.c), from a start half the heel's
 * width in front of its back, midway across it; that start when the back
 * of the heel shows no curve. */
static void
fit_heel_centre (const PlantarFootprint *fp,
                 GArray                 *cells,
                 const Frame            *f,
                 const Landmarks        *lm,
                 double                 *hx,
                 double                 *hy)
{
  double wl = G_MAXDOUBLE, wh = -G_MAXDOUBLE, cu, cw;
  PlantarPoint p;

  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      if (c->u < lm->umin + 0.2 * (lm->umax - lm->umin))
        {
          wl = MIN (wl, c->w);
          wh = MAX (wh, c->w);
        }
    }
  cu = lm->umin + 0.5 * lm->heel_w;
  cw = 0.5 * (wl + wh);
  measure_heel_centre (fp, cells, lm->heel_w, &cu, &cw);
  p = to_scan (f, cu, cw);
  *hx = p.x;
  *hy = p.y;
}

/* One round of the search: the toes, the side, the heel centre and the
 * tip of the second toe in the frame @f, which becomes the axis through
 * them. */
static void
landmarks_round (const PlantarFootprint   *fp,
                 GArray                   *cells,
                 const PlantarCorrections *cor,
                 Frame                    *f,
                 Landmarks                *lm)
{
  double tip_u = NAN, tip_w = NAN, hx, hy;

  lm->ext = half_extent (fp, f);
  extent_along (cells, lm->ext, &lm->umin, &lm->umax);
  if (cor->has_toe_line)
    {
      measure_cut_toes_by_line (cells, f, cor->toe_line, &lm->line_a, &lm->line_b, &lm->line_w0, &lm->line_w1);
      lm->n_toe_strips = 2;
    }
  else
    lm->n_toe_strips = measure_find_toes (fp, cells, f, lm->umin, lm->umax, &lm->line_a, &lm->line_b, &lm->line_w0,
                                  &lm->line_w1);
  rough_widths (cells, lm);

  lm->medial = side_score (cells, lm->umin, lm->umax - lm->umin) >= 0 ? 1 : -1;
  if (fp->file_side != PLANTAR_SIDE_UNKNOWN)
    lm->medial = fp->file_side == PLANTAR_SIDE_RIGHT ? 1 : -1;

  if (cor->has_heel_centre)
    {
      hx = cor->heel_centre.x;
      hy = cor->heel_centre.y;
    }
  else
    fit_heel_centre (fp, cells, f, lm, &hx, &hy);

  if (cor->has_toe_tip)
    {
      tip_u = (cor->toe_tip.x - f->cx) * f->ax + (cor->toe_tip.y - f->cy) * f->ay;
      tip_w = (cor->toe_tip.x - f->cx) * f->lx + (cor->toe_tip.y - f->cy) * f->ly;
      lm->have_tip = TRUE;
    }
  else
    lm->have_tip = measure_second_toe_tip (fp, cells, lm->medial, lm->ext, lm->ball_w, &tip_u, &tip_w);

  if (lm->have_tip)
    {
      PlantarPoint t = to_scan (f, tip_u, tip_w);
      frame_set (f, hx, hy, t.x - hx, t.y - hy);
      lm->u_tip = hypot (t.x - hx, t.y - hy);
    }
  else
    frame_set (f, hx, hy, f->ax, f->ay);
  project (f, cells);
}

/* Landmarks and the axis found together, each round from the last axis,
 * until the heel centre moves less than 0.05 mm and the axis turns less
 * than 0.02° (five rounds at most). */
static void
find_landmarks (const PlantarFootprint   *fp,
                GArray                   *cells,
                const PlantarCorrections *cor,
                Frame                    *f,
                Landmarks                *lm)
{
  choose_front (fp, cells, cor, f);
  for (int round = 0; round < 5; round++)
    {
      Frame before = *f;
      landmarks_round (fp, cells, cor, f, lm);
      if (round > 0 && hypot (f->cx - before.cx, f->cy - before.cy) < 0.05 &&
          fabs (f->ax * before.ay - f->ay * before.ax) < 3.5e-4)
        break;
    }
}

/* Which foot: from the file when it says, from the shape otherwise. */
static void
decide_side (PlantarFoot            *foot,
             const PlantarFootprint *fp,
             GArray                 *cells,
             double                  u_back,
             double                  umax)
{
  double side = side_score (cells, u_back, umax - u_back);

  if (fp->file_side != PLANTAR_SIDE_UNKNOWN)
    {
      foot->side = fp->file_side;
      foot->side_source = "file";
      foot->side_confidence = 1;
      if ((side >= 0) != (fp->file_side == PLANTAR_SIDE_RIGHT) && fabs (side) > 0.5)
        plantar_foot_add_warning (foot, fp->file_side == PLANTAR_SIDE_LEFT
                                            ? _("The file says left foot, the shape looks like the other.")
                                            : _("The file says right foot, the shape looks like the other."));
    }
  else
    {
      foot->side = side >= 0 ? PLANTAR_SIDE_RIGHT : PLANTAR_SIDE_LEFT;
      foot->side_confidence = CLAMP (fabs (side) / 2.0, 0, 1);
    }
}

/* The landmarks in the scan's frame, the lengths and the contact area. */
static void
place_landmarks (PlantarFoot            *foot,
                 const PlantarFootprint *fp,
                 GArray                 *cells,
                 const Frame            *f,
                 const Landmarks        *lm,
                 double                  u_back,
                 double                  u_front,
                 double                  umax)
{
  foot->heel_centre = to_scan (f, 0, 0);
  foot->heel_back = to_scan (f, u_back, 0);
  foot->ball_front = to_scan (f, u_front, 0);
  foot->axis_deg = fmod (atan2 (f->ax, -f->ay) * 180 / G_PI + 360, 360);
  foot->toe_tip = lm->have_tip ? to_scan (f, lm->u_tip, 0) : foot->ball_front;
  if (!isnan (lm->line_a))
    {
      foot->toe_line[0] = to_scan (f, lm->line_a + lm->line_b * lm->line_w0, lm->line_w0);
      foot->toe_line[1] = to_scan (f, lm->line_a + lm->line_b * lm->line_w1, lm->line_w1);
    }
  else
    foot->toe_line[0] = foot->toe_line[1] = foot->ball_front;

  foot->has_toes = lm->n_toe_strips > 0;
  foot->toeless_length_mm = u_front - u_back;
  foot->foot_length_mm = foot->has_toes ? umax - u_back : NAN;
  foot->contact_area_mm2 = 0;
  for (guint i = 0; i < cells->len; i++)
    foot->contact_area_mm2 += g_array_index (cells, Cell, i).cov * fp->cell_w * fp->cell_h;
  if (!foot->has_toes)
    plantar_foot_add_warning (foot, _("No toes show in the print: the foot length is unknown, "
                                      "and the axis runs from the heel along the print."));
}

/* The heel's position and load, the medial share of the whole foot's,
 * the peak: over the step's time (its impulse) on a recording. */
static void
measure_heel_and_balance (PlantarFoot            *foot,
                          const PlantarFootprint *fp,
                          GArray                 *cells,
                          const RegionFrame      *rf)
{
  double hsum = 0, hv = 0, hmed = 0, all = 0, all_med = 0, peak = 0;
  g_autofree float *impulse = NULL;

  if (fp->frames != NULL)
    {
      PlantarStepFrames *fr = fp->frames;
      impulse = g_new0 (float, (gsize) fp->width * fp->height);
      for (guint k = 0; k < fr->cells->len; k++)
        impulse[g_array_index (fr->cells, guint32, k)] += g_array_index (fr->values, float, k) * fr->frame_ms / 1000;
    }
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      double v = rf->medial * c->w, load = impulse ? impulse[c->index] : c->load;
      peak = MAX (peak, c->load);
      all += load;
      if (v > 0)
        all_med += load;
      if (!c->toe && (c->u - rf->u_back) / rf->lt < 0.27)
        {
          hsum += load;
          hv += load * v;
          if (v > 0)
            hmed += load;
          foot->heel_peak_kpa = isnan (foot->heel_peak_kpa) ? c->load : MAX (foot->heel_peak_kpa, c->load);
        }
    }
  foot->peak_kpa = peak;
  if (hsum > 0)
    {
      foot->heel_cop_offset_mm = hv / hsum;
      foot->heel_medial_load_pct = 100 * hmed / hsum;
    }
  if (all > 0)
    foot->medial_load_pct = 100 * all_med / all;
}

/**
 * plantar_foot_measure:
 * @corrections: (nullable): landmarks and threshold set by hand
 *
 * Finds the landmarks of one foot (unless corrected) and measures it.
 *
 * Returns: (transfer full) (nullable): NULL when the footprint holds no
 *   contact above the threshold
 */
/* Raw values measure shapes, loads and shares of the load, not kPa. */
static void
forget_pressures (PlantarFoot *foot)
{
  foot->pressure_uncalibrated = TRUE;
  foot->heel_peak_kpa = NAN;
  foot->peak_kpa = NAN;
  for (guint r = 0; r < PLANTAR_N_REGIONS; r++)
    {
      foot->regions[r].peak_kpa = NAN;
      foot->regions[r].mean_kpa = NAN;
      foot->regions[r].pti_kpa_s = NAN;
      foot->regions[r].force_n = NAN;
    }
}

PlantarFoot *
plantar_foot_measure (PlantarFootprint         *fp,
                      const PlantarCorrections *corrections,
                      double                    threshold)
{
  PlantarCorrections none = { 0 };
  const PlantarCorrections *cor = corrections ? corrections : &none;
  double thr = cor->has_threshold ? cor->threshold : threshold;
  g_autoptr(GArray) cells = collect_cells (fp, thr);
  g_autoptr(PlantarFoot) foot = NULL;
  Landmarks lm = { 0 };
  Frame f;
  RegionFrame rf;
  Profile profile = { 0 };
  double u_back = G_MAXDOUBLE, u_front = -G_MAXDOUBLE, umax = -G_MAXDOUBLE, ext;

  if (cells->len < 8)
    return NULL;

  foot = plantar_foot_new ();
  foot->footprint = plantar_footprint_ref (fp);
  foot->corrections = *cor;
  foot->has_pressure = fp->is_pressure;
  for (guint i = 0; fp->notes != NULL && i < fp->notes->len; i++)
    g_ptr_array_add (foot->warnings, g_strdup (g_ptr_array_index (fp->notes, i)));

  lm.line_a = lm.line_b = lm.u_tip = NAN;
  lm.heel_w = 60;
  lm.ball_w = 90;
  lm.medial = 1;
  find_landmarks (fp, cells, cor, &f, &lm);

  /* the final extents along the axis: the covered part of an outline
   * cell lies towards the print */
  ext = half_extent (fp, &f);
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *c = &g_array_index (cells, Cell, i);
      u_back = MIN (u_back, c->u + ext - 2 * ext * c->cov);
      umax = MAX (umax, c->u - ext + 2 * ext * c->cov);
      if (!c->toe)
        u_front = MAX (u_front, c->u - ext + 2 * ext * c->cov);
    }
  decide_side (foot, fp, cells, u_back, umax);
  place_landmarks (foot, fp, cells, &f, &lm, u_back, u_front, umax);

  rf = (RegionFrame) { u_back, foot->toeless_length_mm, NAN, NAN, NAN, NAN,
                       foot->side == PLANTAR_SIDE_RIGHT ? 1 : -1 };
  measure_build_profile (fp, cells, &f, rf.medial, u_back, u_front, &profile);
  measure_shape (foot, fp, &profile, &rf);
  if (fp->is_pressure)
    {
      measure_heel_and_balance (foot, fp, cells, &rf);
      measure_regions (foot, fp, cells, &rf, thr);
      if (fp->frames != NULL)
        measure_walking (foot, fp, &f, rf.medial, u_back, &profile);
    }
  measure_profile_clear (&profile);
  if (fp->uncalibrated)
    forget_pressures (foot);
  return g_steal_pointer (&foot);
}

PlantarFoot *
plantar_foot_remeasure (const PlantarFoot             *foot,
                        const PlantarCorrections      *corrections,
                        const PlantarAnalysisSettings *settings)
{
  PlantarFoot *again;
  double threshold = foot->footprint->threshold;

  g_return_val_if_fail (foot->footprint != NULL, NULL);

  again = plantar_foot_measure (foot->footprint, corrections, threshold);
  if (again == NULL)
    return NULL;
  again->index = foot->index;
  again->complete = foot->complete;
  again->first_frame = foot->first_frame;
  again->last_frame = foot->last_frame;
  again->start_ms = foot->start_ms;
  if (g_strcmp0 (foot->side_source, "walk") == 0)
    {
      /* the walk knew better than the shape */
      again->side = foot->side;
      again->side_source = foot->side_source;
      again->side_confidence = foot->side_confidence;
    }
  plantar_foot_set_walk_direction (again, foot->footprint->walk_x, foot->footprint->walk_y);
  (void) settings;
  return again;
}

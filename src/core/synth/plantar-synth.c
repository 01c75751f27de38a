/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-synth"

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "plantar-synth.h"

/*
 * The shape. The toe-less print ("body") is, at each u, the band
 * v_lat(u) <= v <= v_med(u), closed at the back by the heel circle and at
 * the front by the rounded front edge of the ball. The toes are five
 * ellipses. Every border is a smooth function of the foot's three sizes and
 * its arch parameter, so that tests can compute the true arch index on a
 * raster far finer than any scan.
 */

#define N_CTRL 8
#define N_TOES 5

typedef struct {
  double u[N_CTRL];
  double v[N_CTRL];
  double m[N_CTRL];   /* tangents (monotone cubic Hermite) */
  guint  n;
} Profile;

typedef struct {
  double u, v, a, b, peak;
} Toe;

typedef struct {
  double  L, rh, vbm, vbl;    /* length, heel radius, ball medial / lateral edges */
  double  front_med, front_lat, corner;
  double  arch_depth;
  Profile lateral;
  Profile medial;
  Toe     toes[N_TOES];
  double  ax, ay, mx, my;     /* axis and medial unit vectors on the page */
} Shape;

/* ------------------------------------------------------------ profiles */

static void
profile_init (Profile      *p,
              const double *u,
              const double *v,
              guint         n)
{
  double d[N_CTRL];

  g_assert (n <= N_CTRL && n >= 2);
  p->n = n;
  memcpy (p->u, u, n * sizeof (double));
  memcpy (p->v, v, n * sizeof (double));

  /* Fritsch–Carlson: no overshoot between control points */
  for (guint i = 0; i + 1 < n; i++)
    d[i] = (v[i + 1] - v[i]) / (u[i + 1] - u[i]);
  p->m[0] = d[0];
  p->m[n - 1] = d[n - 2];
  for (guint i = 1; i + 1 < n; i++)
    p->m[i] = (d[i - 1] * d[i] <= 0) ? 0 : (d[i - 1] + d[i]) / 2;
  for (guint i = 0; i + 1 < n; i++)
    {
      if (d[i] == 0)
        {
          p->m[i] = p->m[i + 1] = 0;
          continue;
        }
      {
        double a = p->m[i] / d[i], b = p->m[i + 1] / d[i], s = a * a + b * b;
        if (s > 9)
          {
            double t = 3 / sqrt (s);
            p->m[i] = t * a * d[i];
            p->m[i + 1] = t * b * d[i];
          }
      }
    }
}

static double
profile_eval (const Profile *p,
              double         u)
{
  guint i = 0;
  double h, t, t2, t3;

  if (u <= p->u[0])
    return p->v[0];
  if (u >= p->u[p->n - 1])
    return p->v[p->n - 1];
  while (i + 2 < p->n && u > p->u[i + 1])
    i++;
  h = p->u[i + 1] - p->u[i];
  t = (u - p->u[i]) / h;
  t2 = t * t;
  t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * p->v[i] + (t3 - 2 * t2 + t) * h * p->m[i] +
         (-2 * t3 + 3 * t2) * p->v[i + 1] + (t3 - t2) * h * p->m[i + 1];
}

/* ------------------------------------------------------------ the shape */

static double
arch_bump (const Shape *s,
           double       u)
{
  /* a long, shallow curve: steeper towards the heel than towards the ball */
  double c = 0.43, x = u / s->L - c;

  x = x < 0 ? x / 0.25 : x / 0.29;
  if (fabs (x) >= 1)
    return 0;
  x = cos (G_PI_2 * x);
  return pow (x, 1.6);
}

static double
medial_border (const Shape *s,
               double       u)
{
  return profile_eval (&s->medial, u) - s->arch_depth * arch_bump (s, u);
}

static double
front_edge (const Shape *s,
            double       v)
{
  double span = s->vbm - s->vbl;
  double t = (v - s->vbl) / span;
  double u = s->front_lat + t * (s->front_med - s->front_lat);
  double d_med = s->vbm - v, d_lat = v - s->vbl;
  double r = s->corner;

  /* a convex front, rounded into both borders */
  u += 0.028 * s->L * (1 - (2 * t - 1) * (2 * t - 1));
  if (d_med < r)
    u -= r - sqrt (MAX (0, r * r - (r - d_med) * (r - d_med)));
  if (d_lat < r)
    u -= r - sqrt (MAX (0, r * r - (r - d_lat) * (r - d_lat)));
  return u;
}

static double
back_edge (const Shape *s,
           double       v)
{
  if (fabs (v) >= s->rh)
    return s->rh;
  return s->rh - sqrt (s->rh * s->rh - v * v);
}

static void
shape_init (Shape                  *s,
            const PlantarSynthFoot *foot)
{
  double L = foot->length_mm, Wb = foot->ball_width_mm, rh = foot->heel_width_mm / 2;
  double vbm = 0.44 * Wb, vbl = -0.56 * Wb;
  double theta = foot->angle_deg * G_PI / 180.0;
  static const struct { double tip, v, a, b, peak; } toes[N_TOES] = {
    /* tip (×L), centre v (×Wb), half length (×L), half width (×Wb), peak (×heel) */
    { 1.000,  0.27, 0.075, 0.130, 0.95 },
    { 0.985,  0.00, 0.045, 0.085, 0.45 },
    { 0.950, -0.16, 0.040, 0.080, 0.40 },
    { 0.905, -0.30, 0.037, 0.075, 0.35 },
    { 0.855, -0.43, 0.035, 0.070, 0.30 },
  };

  memset (s, 0, sizeof *s);
  s->L = L;
  s->rh = rh;
  s->vbm = vbm;
  s->vbl = vbl;
  s->front_med = 0.785 * L;
  s->front_lat = 0.685 * L;
  s->corner = 0.24 * Wb;

  {
    double dl = -vbl - rh;
    const double u[] = { 0, rh, 0.30 * L, 0.45 * L, 0.58 * L, 0.66 * L, L };
    const double v[] = { -rh, -rh, -(rh + 0.22 * dl), -(rh + 0.52 * dl), -(rh + 0.84 * dl), vbl, vbl };
    profile_init (&s->lateral, u, v, G_N_ELEMENTS (u));
  }
  {
    double dm = vbm - rh;
    const double u[] = { 0, rh, 0.25 * L, 0.42 * L, 0.58 * L, 0.68 * L, 0.74 * L, L };
    const double v[] = { rh, rh, rh - 0.04 * dm, rh - 0.22 * dm, rh + 0.22 * dm, rh + 0.83 * dm, vbm, vbm };
    profile_init (&s->medial, u, v, G_N_ELEMENTS (u));
  }

  /* at arch = 1 the midfoot has no contact at all: the cut reaches 3 % of
   * the length past the lateral border at the bump's centre */
  s->arch_depth = foot->arch * (profile_eval (&s->medial, 0.43 * L) - profile_eval (&s->lateral, 0.43 * L) + 0.03 * L);

  for (guint i = 0; i < N_TOES; i++)
    {
      Toe *t = &s->toes[i];
      double tip = toes[i].tip * L;
      t->v = toes[i].v * Wb;
      t->b = toes[i].b * Wb;
      t->a = toes[i].a * L;
      t->peak = toes[i].peak;
      if (!foot->toes_separate)
        {
          /* the pads reach back into the ball; the tips stay where they are */
          double reach = tip - front_edge (s, t->v) + 0.01 * L;
          t->a = MAX (t->a, reach / 2);
        }
      t->u = tip - t->a;
    }

  s->ax = sin (theta);
  s->ay = -cos (theta);
  if (foot->side == PLANTAR_SIDE_LEFT)
    {
      s->mx = -s->ay;
      s->my = s->ax;
    }
  else
    {
      s->mx = s->ay;
      s->my = -s->ax;
    }
}

static double
body_field (const Shape *s,
            double       u,
            double       v)
{
  double f = profile_eval (&s->lateral, u) - v;

  f = MAX (f, v - medial_border (s, u));
  f = MAX (f, back_edge (s, v) - u);
  f = MAX (f, u - front_edge (s, v));
  return f;
}

static double
toe_field (const Toe *t,
           double     u,
           double     v)
{
  double du = (u - t->u) / t->a, dv = (v - t->v) / t->b;
  return (sqrt (du * du + dv * dv) - 1) * MIN (t->a, t->b);
}

static double
shape_field (const Shape *s,
             double       u,
             double       v)
{
  double f = body_field (s, u, v);

  for (guint i = 0; i < N_TOES; i++)
    f = MIN (f, toe_field (&s->toes[i], u, v));
  return f;
}

static void
to_foot (const Shape            *s,
         const PlantarSynthFoot *foot,
         double                  x,
         double                  y,
         double                 *u,
         double                 *v)
{
  double dx = x - foot->heel_x_mm, dy = y - foot->heel_y_mm;

  *u = dx * s->ax + dy * s->ay + s->rh;
  *v = dx * s->mx + dy * s->my;
}

static double
gauss2 (double u,
        double v,
        double cu,
        double cv,
        double su,
        double sv)
{
  double a = (u - cu) / su, b = (v - cv) / sv;
  return exp (-0.5 * (a * a + b * b));
}

/* The peak pressure pattern in kPa, relative to the heel peak. */
static double
shape_pressure (const Shape *s,
                double       u,
                double       v,
                double       medial_shift)
{
  double L = s->L, W = s->vbm - s->vbl;
  double p = 0.13;   /* every contact carries some load */

  /* a rearfoot that rolls in (medial_shift > 0) loads the heel's medial side */
  p += 1.00 * gauss2 (u, v, 0.11 * L, 0.07 * W * medial_shift, 0.055 * L, 0.09 * W);  /* heel */
  p += 0.22 * gauss2 (u, v, 0.45 * L, -0.30 * W, 0.10 * L, 0.12 * W);          /* lateral midfoot */
  p += 0.80 * gauss2 (u, v, 0.72 * L, 0.30 * W, 0.035 * L, 0.09 * W);          /* MTH1 */
  p += 1.05 * gauss2 (u, v, 0.74 * L, 0.06 * W, 0.035 * L, 0.08 * W);          /* MTH2 */
  p += 0.95 * gauss2 (u, v, 0.72 * L, -0.12 * W, 0.035 * L, 0.08 * W);         /* MTH3 */
  p += 0.70 * gauss2 (u, v, 0.69 * L, -0.29 * W, 0.035 * L, 0.08 * W);         /* MTH4 */
  p += 0.55 * gauss2 (u, v, 0.66 * L, -0.44 * W, 0.035 * L, 0.08 * W);         /* MTH5 */
  for (guint i = 0; i < N_TOES; i++)
    {
      const Toe *t = &s->toes[i];
      p += t->peak * gauss2 (u, v, t->u + 0.2 * t->a, t->v, 0.45 * t->a, 0.55 * t->b);
    }
  p *= CLAMP (1 + 0.35 * medial_shift * v / (0.5 * W), 0.2, 2.0);
  return MIN (p, 1.4);
}

/* Soft tissue bears less towards the edge of the contact: the pressure
 * falls to nothing at the outline, over the outer 8 mm. */
static double
edge_falloff (const Shape *s,
              double       u,
              double       v)
{
  double depth = -shape_field (s, u, v);

  return depth <= 0 ? 0 : sqrt (MIN (1.0, depth / 8.0));
}

/* How much of the pattern is loaded at stance phase t (0..1): the load rolls
 * from the heel to the toes. */
static double
rollover (const Shape *s,
          double       u,
          double       t,
          double       strike)
{
  /* the load spreads from where the foot lands (the heel, for most) */
  double f = CLAMP (u / s->L, 0, 1), st = CLAMP (strike, 0, 1);
  double peak_t = 0.13 + 0.74 * fabs (f - st) / MAX (st, 1 - st);
  double d = (t - peak_t) / 0.17;
  double envelope = sin (G_PI * CLAMP (t, 0, 1));

  return exp (-0.5 * d * d) * pow (envelope, 0.25);
}

/* ------------------------------------------------------------ public API */

/**
 * plantar_synth_foot_init:
 *
 * An average adult foot of @length_mm (ball width 38.5 %, heel width 25 %
 * of the length), normal arch, toes apart from the ball, toes up.
 */
void
plantar_synth_foot_init (PlantarSynthFoot *foot,
                         PlantarSide       side,
                         double            length_mm)
{
  memset (foot, 0, sizeof *foot);
  foot->side = side == PLANTAR_SIDE_LEFT ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
  foot->length_mm = length_mm;
  foot->ball_width_mm = 0.385 * length_mm;
  foot->heel_width_mm = 0.25 * length_mm;
  foot->arch = 0.45;
  foot->toes_separate = TRUE;
  foot->peak_kpa = 320;
  foot->stance_ms = 650;
}

/**
 * plantar_synth_foot_body_field:
 * @u: along the axis from the back of the heel, mm
 * @v: across, medial positive, mm
 *
 * Negative inside the toe-less print, positive outside, roughly the distance
 * to its border in mm.
 */
double
plantar_synth_foot_body_field (const PlantarSynthFoot *foot,
                               double                  u,
                               double                  v)
{
  Shape s;

  shape_init (&s, foot);
  return body_field (&s, u, v);
}

/**
 * plantar_synth_foot_field:
 *
 * Negative inside the whole print (toes included) at a page point, roughly
 * the distance to its border in mm.
 */
double
plantar_synth_foot_field (const PlantarSynthFoot *foot,
                          double                  x_mm,
                          double                  y_mm)
{
  Shape s;
  double u, v;

  shape_init (&s, foot);
  to_foot (&s, foot, x_mm, y_mm, &u, &v);
  return shape_field (&s, u, v);
}

/**
 * plantar_synth_foot_pressure:
 * @time_ms: when; negative for the peak over the whole step
 *
 * The pressure in kPa under a page point.
 */
double
plantar_synth_foot_pressure (const PlantarSynthFoot *foot,
                             double                  x_mm,
                             double                  y_mm,
                             double                  time_ms)
{
  Shape s;
  double u, v;

  shape_init (&s, foot);
  to_foot (&s, foot, x_mm, y_mm, &u, &v);
  if (shape_field (&s, u, v) > 0)
    return 0;
  if (time_ms < 0)
    return foot->peak_kpa * shape_pressure (&s, u, v, foot->medial_shift) * edge_falloff (&s, u, v);
  return foot->peak_kpa * shape_pressure (&s, u, v, foot->medial_shift) * edge_falloff (&s, u, v) *
         rollover (&s, u, (time_ms - foot->stance_start_ms) / foot->stance_ms, foot->strike);
}

void
plantar_synth_foot_to_page (const PlantarSynthFoot *foot,
                            double                  u,
                            double                  v,
                            double                 *x_mm,
                            double                 *y_mm)
{
  Shape s;

  shape_init (&s, foot);
  *x_mm = foot->heel_x_mm + (u - s.rh) * s.ax + v * s.mx;
  *y_mm = foot->heel_y_mm + (u - s.rh) * s.ay + v * s.my;
}

void
plantar_synth_foot_from_page (const PlantarSynthFoot *foot,
                              double                  x_mm,
                              double                  y_mm,
                              double                 *u,
                              double                 *v)
{
  Shape s;

  shape_init (&s, foot);
  to_foot (&s, foot, x_mm, y_mm, u, v);
}

/* The page rectangle the print fits in (with a 2 mm margin). */
void
plantar_synth_foot_bounds (const PlantarSynthFoot *foot,
                           double                 *x0,
                           double                 *y0,
                           double                 *x1,
                           double                 *y1)
{
  const double corners[4][2] = {
    { -2, -0.62 * foot->ball_width_mm }, { -2, 0.55 * foot->ball_width_mm },
    { foot->length_mm + 2, -0.62 * foot->ball_width_mm }, { foot->length_mm + 2, 0.55 * foot->ball_width_mm },
  };

  *x0 = *y0 = G_MAXDOUBLE;
  *x1 = *y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < 4; i++)
    {
      double x, y;
      plantar_synth_foot_to_page (foot, corners[i][0], corners[i][1], &x, &y);
      *x0 = MIN (*x0, x);
      *y0 = MIN (*y0, y);
      *x1 = MAX (*x1, x);
      *y1 = MAX (*y1, y);
    }
}

/**
 * plantar_synth_foot_truth:
 *
 * The true measurements of @foot, by the definitions of SCIENCE.md as
 * Plantar applies them: regions are fractions of the toe-less length from
 * the back of the heel (heel 0–27 %, midfoot 27–55 %, forefoot 55–100 %),
 * widths are contact widths perpendicular to the axis (heel centre to the
 * tip of the second toe), the toe-less print is the print without the toe
 * pads. Computed by counting 0.1 mm squares of the exact shape.
 */
void
plantar_synth_foot_truth (const PlantarSynthFoot *foot,
                          PlantarSynthTruth      *truth)
{
  const double step = 0.1;
  Shape s;
  guint n_u;
  g_autofree double *width = NULL;
  double total = 0, front = 0, toe_front = 0;
  double third[3] = { 0, 0, 0 };

  shape_init (&s, foot);
  memset (truth, 0, sizeof *truth);
  n_u = (guint) ceil (s.L / step) + 1;
  width = g_new0 (double, n_u);

  for (guint i = 0; i < n_u; i++)
    {
      double u = (i + 0.5) * step;
      guint count = 0;
      gboolean toe = FALSE;

      for (double v = s.vbl - 5; v <= s.vbm + 5; v += step)
        {
          if (body_field (&s, u, v + step / 2) < 0)
            count++;
          else if (!toe && shape_field (&s, u, v + step / 2) < 0)
            toe = TRUE;
        }
      width[i] = count * step;
      if (count > 0)
        front = u + step / 2;
      if (toe || count > 0)
        toe_front = u + step / 2;
    }

  for (guint i = 0; i < n_u; i++)
    {
      double u = (i + 0.5) * step;
      int t = (int) floor (3 * u / front);
      total += width[i] * step;
      if (t >= 0 && t < 3)
        third[t] += width[i] * step;
    }

  truth->toeless_length_mm = front;
  truth->foot_length_mm = toe_front;
  truth->toeless_area_mm2 = total;
  truth->arch_index = third[1] / total;
  truth->midfoot_width_mm = G_MAXDOUBLE;
  for (guint i = 0; i < n_u; i++)
    {
      double f = (i + 0.5) * step / front;
      if (f < 0.27)
        truth->heel_width_mm = MAX (truth->heel_width_mm, width[i]);
      else if (f < 0.55)
        truth->midfoot_width_mm = MIN (truth->midfoot_width_mm, width[i]);
      else if (f <= 1)
        truth->ball_width_mm = MAX (truth->ball_width_mm, width[i]);
    }
  truth->chippaux_smirak = 100 * truth->midfoot_width_mm / truth->ball_width_mm;
  truth->staheli = truth->midfoot_width_mm / truth->heel_width_mm;

  plantar_synth_foot_to_page (foot, s.rh, 0, &truth->heel_centre[0], &truth->heel_centre[1]);
  plantar_synth_foot_to_page (foot, s.toes[1].u + s.toes[1].a, s.toes[1].v,
                              &truth->toe_tip[0], &truth->toe_tip[1]);
  plantar_synth_foot_to_page (foot, 0, 0, &truth->heel_back[0], &truth->heel_back[1]);
}

/* ------------------------------------------------------------ rendering */

void
plantar_synth_page_init (PlantarSynthPage *page)
{
  memset (page, 0, sizeof *page);
  page->width_mm = 210;
  page->height_mm = 297;
  page->dpi = 150;
  page->dark_on_light = TRUE;
  page->noise = 4;
  page->blur_mm = 0.15;
  page->shading = 12;
  page->seed = 1;
}

/* A small, fast, seeded generator: the same seed gives the same page on
 * every machine. */
static inline guint32
xorshift (guint32 *state)
{
  guint32 x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static inline double
uniform (guint32 *state)
{
  return (xorshift (state) >> 8) * (1.0 / 16777216.0);
}

/* Standard normal deviates: a table of 4096 quantiles, one picked at
 * random per call (as good as Box-Muller for pixel noise, and cheap
 * enough for a 600-dpi page). */
static double
gaussian (guint32 *state)
{
  static double table[4096];
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      /* the quantiles by bisection on erf, at the bins' midpoints */
      for (guint i = 0; i < G_N_ELEMENTS (table); i++)
        {
          double p = (i + 0.5) / G_N_ELEMENTS (table), lo = -8, hi = 8;
          for (int k = 0; k < 60; k++)
            {
              double mid = 0.5 * (lo + hi);
              if (0.5 * (1 + erf (mid / G_SQRT2)) < p)
                lo = mid;
              else
                hi = mid;
            }
          table[i] = 0.5 * (lo + hi);
        }
      g_once_init_leave (&once, 1);
    }
  return table[xorshift (state) >> 20];
}

/* Fraction of pixel (px, py) inside the print, and the ink's pressure
 * weight there. */
static double
pixel_coverage (const Shape            *s,
                const PlantarSynthFoot *foot,
                double                  x,
                double                  y,
                double                  pixel_mm)
{
  double u, v, f;
  int inside = 0;

  to_foot (s, foot, x, y, &u, &v);
  f = shape_field (s, u, v);
  if (f > 1.5 * pixel_mm)
    return 0;
  if (f < -1.5 * pixel_mm)
    return 1;

  for (int j = 0; j < 4; j++)
    for (int i = 0; i < 4; i++)
      {
        double sx = x + (i - 1.5) * pixel_mm / 4, sy = y + (j - 1.5) * pixel_mm / 4;
        to_foot (s, foot, sx, sy, &u, &v);
        inside += shape_field (s, u, v) < 0;
      }
  return inside / 16.0;
}

/* The ink of one foot over pixels [px0, px1] × [py0, py1], in tiles of
 * about a millimetre: a tile well inside or outside the outline needs no
 * pixel of its own tested, and the ink's weight (the pressure pattern,
 * smooth over millimetres) is interpolated from the tiles' corners. */
static void
render_foot_ink (const Shape            *s,
                 const PlantarSynthFoot *foot,
                 float                  *ink,
                 guint                   width,
                 int                     px0,
                 int                     py0,
                 int                     px1,
                 int                     py1,
                 double                  pixel_mm)
{
  int t = MAX (1, (int) floor (1.0 / pixel_mm));
  int ntx = (px1 - px0) / t + 1, nty = (py1 - py0) / t + 1;
  g_autofree double *corner = g_new (double, (gsize) (ntx + 1) * (nty + 1));
  double reach = 3 * (t * pixel_mm * G_SQRT2 / 2) + 2 * pixel_mm;

  for (int j = 0; j <= nty; j++)
    for (int i = 0; i <= ntx; i++)
      {
        double u, v;
        to_foot (s, foot, (px0 + i * t) * pixel_mm, (py0 + j * t) * pixel_mm, &u, &v);
        corner[(gsize) j * (ntx + 1) + i] = shape_pressure (s, u, v, foot->medial_shift);
      }

  for (int j = 0; j < nty; j++)
    for (int i = 0; i < ntx; i++)
      {
        int x0 = px0 + i * t, y0 = py0 + j * t;
        int x1 = MIN (px1, x0 + t - 1), y1 = MIN (py1, y0 + t - 1);
        double u, v, field;
        const double *c = corner + (gsize) j * (ntx + 1) + i;
        gboolean inside;

        to_foot (s, foot, (x0 + t * 0.5) * pixel_mm, (y0 + t * 0.5) * pixel_mm, &u, &v);
        field = shape_field (s, u, v);
        if (field > reach)
          continue;
        inside = field < -reach;
        for (int y = y0; y <= y1; y++)
          for (int x = x0; x <= x1; x++)
            {
              double cx = (x + 0.5) * pixel_mm, cy = (y + 0.5) * pixel_mm;
              double cov = inside ? 1 : pixel_coverage (s, foot, cx, cy, pixel_mm);
              double fx = (x + 0.5 - x0) / t, fy = (y + 0.5 - y0) / t;
              double load;
              gsize k = (gsize) y * width + x;
              if (cov <= 0)
                continue;
              /* ink is heavier where the foot pressed harder */
              load = (1 - fy) * ((1 - fx) * c[0] + fx * c[1]) + fy * ((1 - fx) * c[ntx + 1] + fx * c[ntx + 2]);
              ink[k] = MAX (ink[k], cov * (0.72 + 0.2 * load));
            }
      }
}

/* Value noise in [0, 1] on a lattice @scale mm apart, seeded. */
static double
lattice (int     i,
         int     j,
         guint32 seed)
{
  guint32 h = (guint32) i * 73856093u ^ (guint32) j * 19349663u ^ seed * 83492791u;
  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return (h & 0xffffff) / 16777215.0;
}

static double
value_noise (double  x,
             double  y,
             double  scale,
             guint32 seed)
{
  double gx = x / scale, gy = y / scale;
  int i = (int) floor (gx), j = (int) floor (gy);
  double fx = gx - i, fy = gy - j;
  double sx = fx * fx * (3 - 2 * fx), sy = fy * fy * (3 - 2 * fy);
  double a = lattice (i, j, seed), b = lattice (i + 1, j, seed);
  double c = lattice (i, j + 1, seed), d = lattice (i + 1, j + 1, seed);

  return (a + (b - a) * sx) * (1 - sy) + (c + (d - c) * sx) * sy;
}

/* The mottle of a real ink print: ink laid unevenly, lighter in patches,
 * and small voids where the paper took none, at the outline too, so that
 * the print's edge is ragged as a stamped one is. */
static void
texture_ink (float   *ink,
             guint    width,
             guint    height,
             double   pixel_mm,
             double   texture,
             guint32  seed)
{
  double voids = 0.3 * texture;

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        gsize k = (gsize) y * width + x;
        double mx = (x + 0.5) * pixel_mm, my = (y + 0.5) * pixel_mm, density;

        if (ink[k] <= 0)
          continue;
        density = 0.55 * value_noise (mx, my, 2.4, seed) + 0.3 * value_noise (mx, my, 0.9, seed + 1) +
                  0.15 * value_noise (mx, my, 0.35, seed + 2);
        if (density < voids)
          ink[k] = 0;
        else
          ink[k] *= 1 - 0.45 * texture * (1 - density);
      }
}

/* A Gaussian blur of the ink, rows then columns. Only where there is ink:
 * a page is mostly paper. */
static void
blur_ink (float  *img,
          guint   width,
          guint   height,
          double  sigma_px)
{
  int radius = (int) ceil (3 * sigma_px);
  int wk = 2 * radius + 1;
  g_autofree float *kernel = NULL;
  g_autofree float *line = NULL;
  g_autofree float *ring = NULL;
  g_autofree guint8 *used = NULL;
  int xa = (int) width, xb = -1;
  double sum = 0;

  if (radius < 1)
    return;
  kernel = g_new (float, wk);
  for (int i = -radius; i <= radius; i++)
    sum += kernel[i + radius] = exp (-0.5 * i * i / (sigma_px * sigma_px));
  for (int i = 0; i < wk; i++)
    kernel[i] /= sum;

  /* rows */
  line = g_new (float, width);
  used = g_new0 (guint8, height);
  for (guint y = 0; y < height; y++)
    {
      float *row = img + (gsize) y * width;
      int a = -1, b = -1;
      for (guint x = 0; x < width; x++)
        if (row[x] != 0)
          {
            if (a < 0)
              a = x;
            b = x;
          }
      if (a < 0)
        continue;
      used[y] = 1;
      memcpy (line, row, width * sizeof (float));
      a = MAX (0, a - radius);
      b = MIN ((int) width - 1, b + radius);
      xa = MIN (xa, a);
      xb = MAX (xb, b);
      for (int x = a; x <= b; x++)
        {
          float acc = 0;
          for (int k = -radius; k <= radius; k++)
            acc += kernel[k + radius] * line[CLAMP (x + k, 0, (int) width - 1)];
          row[x] = acc;
        }
    }
  if (xb < xa)
    return;

  /* columns, a row at a time: the rows around the current one are kept
   * as they were before it was overwritten */
  {
    int span = xb - xa + 1;
    ring = g_new0 (float, (gsize) wk * span);
    for (int y = 0; y < (int) height; y++)
      {
        gboolean any = FALSE;
        float *out = img + (gsize) y * width + xa;

        /* keep the original of rows y .. y + radius; rows before y are
         * in the ring already */
        for (int k = (y == 0 ? -radius : radius); k <= radius; k++)
          {
            int src = CLAMP (y + k, 0, (int) height - 1);
            int slot = ((y + k) % wk + wk) % wk;
            memcpy (ring + (gsize) slot * span, img + (gsize) src * width + xa, span * sizeof (float));
          }
        for (int k = -radius; k <= radius && !any; k++)
          any = used[CLAMP (y + k, 0, (int) height - 1)];
        if (!any)
          continue;
        for (int x = 0; x < span; x++)
          out[x] = 0;
        for (int k = -radius; k <= radius; k++)
          {
            const float *in = ring + (gsize) (((y + k) % wk + wk) % wk) * span;
            float kv = kernel[k + radius];
            for (int x = 0; x < span; x++)
              out[x] += kv * in[x];
          }
      }
  }
}

/* Ruler ticks along the left edge: 1 mm, longer every 5 and 10 mm. */
static double
ruler_ink (double x,
           double y,
           double height_mm)
{
  double mm = y - 10;
  double frac, len;

  if (x < 3 || x > 16 || mm < 0 || mm > height_mm - 20)
    return 0;
  if (x < 4)
    return 1; /* the ruler's edge */
  frac = mm - floor (mm);
  if (frac > 0.15)
    return 0;
  len = fmod (floor (mm + 0.5), 10) == 0 ? 12 : fmod (floor (mm + 0.5), 5) == 0 ? 8 : 5;
  return x < 4 + len ? 1 : 0;
}

/**
 * plantar_synth_render_page:
 *
 * An ink print (or podoscope capture) of @feet on a page, as a scan of the
 * page's size at @page's resolution, with its scale set.
 */
PlantarScan *
plantar_synth_render_page (const PlantarSynthPage *page,
                           const PlantarSynthFoot *feet,
                           guint                   n_feet,
                           GError                **error)
{
  double pixel_mm = 25.4 / page->dpi;
  guint width = (guint) round (page->width_mm / pixel_mm);
  guint height = (guint) round (page->height_mm / pixel_mm);
  g_autoptr(PlantarScan) scan = NULL;
  g_autofree float *ink = NULL;
  guint8 *pixels;
  guint32 state = page->seed * 2654435761u + 12345u;

  if (!plantar_scan_check_size (width, height, 1, 4, error))
    return NULL;
  scan = plantar_scan_new_image (width, height, error);
  if (scan == NULL)
    return NULL;

  ink = g_try_new0 (float, (gsize) width * height);
  if (ink == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "not enough memory to render the page");
      return NULL;
    }

  for (guint f = 0; f < n_feet; f++)
    {
      const PlantarSynthFoot *foot = &feet[f];
      Shape s;
      double bx0, by0, bx1, by1;
      int px0, py0, px1, py1;

      shape_init (&s, foot);
      plantar_synth_foot_bounds (foot, &bx0, &by0, &bx1, &by1);
      px0 = MAX (0, (int) floor (bx0 / pixel_mm));
      py0 = MAX (0, (int) floor (by0 / pixel_mm));
      px1 = MIN ((int) width - 1, (int) ceil (bx1 / pixel_mm));
      py1 = MIN ((int) height - 1, (int) ceil (by1 / pixel_mm));
      if (px1 < px0 || py1 < py0)
        continue;
      render_foot_ink (&s, foot, ink, width, px0, py0, px1, py1, pixel_mm);
    }

  if (page->ruler)
    for (guint y = 0; y < height; y++)
      for (guint x = 0; x < MIN (width, (guint) (20 / pixel_mm)); x++)
        ink[(gsize) y * width + x] = MAX (ink[(gsize) y * width + x],
                                          0.9 * ruler_ink ((x + 0.5) * pixel_mm, (y + 0.5) * pixel_mm, page->height_mm));

  if (page->texture > 0)
    texture_ink (ink, width, height, pixel_mm, page->texture, page->seed);
  if (page->blur_mm > 0)
    blur_ink (ink, width, height, page->blur_mm / pixel_mm);

  pixels = plantar_scan_get_pixels_mutable (scan);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        gsize i = (gsize) y * width + x;
        double shade = page->shading * ((double) x / width + (double) y / height - 1) / 2;
        double value;

        if (page->dark_on_light)
          {
            double paper = 238 + shade;
            value = paper - ink[i] * (paper - 28);
          }
        else
          {
            double dark = 26 + shade / 2;
            value = dark + ink[i] * (228 - dark);
          }
        if (page->noise > 0)
          value += page->noise * gaussian (&state);
        pixels[i] = (guint8) CLAMP (lround (value), 0, 255);
      }

  plantar_scan_set_cell_size (scan, pixel_mm, pixel_mm);
  plantar_scan_set_format (scan, "synthetic", "Synthetic footprint");
  plantar_scan_set_device (scan, "Plantar synthetic foot generator");
  plantar_scan_set_original_units (scan, "grey level");
  if (n_feet == 1)
    plantar_scan_set_side (scan, feet[0].side);
  return g_steal_pointer (&scan);
}

void
plantar_synth_plate_init (PlantarSynthPlate *plate)
{
  memset (plate, 0, sizeof *plate);
  plate->columns = 64;
  plate->rows = 96;
  plate->cell_width_mm = 5.0;
  plate->cell_height_mm = 5.0;
  plate->n_frames = 1;
  plate->frame_ms = 10;
  plate->samples = 4;
}

/**
 * plantar_synth_add_preload:
 * @n_cells: how many of the loaded cells carry an offset
 * @offset: the offset, each cell between half and one and a half of it
 * @drift: how far each of them drifts further, from the first frame to
 *   the last
 *
 * What an in-shoe sensor pressed by the shoe, or a plate with sensors
 * that stick or drift, records: the cells (chosen by @seed among those the
 * feet load at some time) never read less than their offset. Works on any
 * recording, a real one too.
 *
 * Returns: how many cells were given an offset.
 */
guint
plantar_synth_add_preload (PlantarScan *scan,
                           guint        n_cells,
                           double       offset,
                           double       drift,
                           guint32      seed)
{
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  guint n = plantar_scan_get_n_frames (scan);
  gsize cells = (gsize) w * h;
  g_autofree float *peak = plantar_scan_compute_peak (scan);
  g_autoptr(GArray) loaded = g_array_new (FALSE, FALSE, sizeof (guint));
  guint32 state = seed * 2654435761u + 977u;
  guint given = 0;

  for (gsize c = 0; c < cells; c++)
    if (peak[c] > 0)
      {
        guint i = (guint) c;
        g_array_append_val (loaded, i);
      }
  while (given < n_cells && loaded->len > 0)
    {
      guint pick = xorshift (&state) % loaded->len;
      guint c = g_array_index (loaded, guint, pick);
      double own = offset * (0.5 + uniform (&state)), own_drift = drift * (0.5 + uniform (&state));

      g_array_remove_index_fast (loaded, pick);
      for (guint f = 0; f < n; f++)
        plantar_scan_get_frame_mutable (scan, f)[c] += (float) (own + own_drift * f / MAX (1, n - 1));
      given++;
    }
  return given;
}

/**
 * plantar_synth_render_plate:
 *
 * What a pressure plate records of @feet: each cell the mean pressure over
 * its area. One frame gives the peak-pressure image; several frames a
 * recording in which each foot rolls from heel to toe during its stance.
 */
PlantarScan *
plantar_synth_render_plate (const PlantarSynthPlate *plate,
                            const PlantarSynthFoot  *feet,
                            guint                    n_feet,
                            GError                 **error)
{
  g_autoptr(PlantarScan) scan = NULL;
  guint k = MAX (plate->samples, 1);
  gsize n_cells = (gsize) plate->columns * plate->rows;

  scan = plantar_scan_new_pressure (plate->columns, plate->rows, plate->n_frames, error);
  if (scan == NULL)
    return NULL;

  for (guint f = 0; f < n_feet; f++)
    {
      const PlantarSynthFoot *foot = &feet[f];
      Shape s;
      double bx0, by0, bx1, by1;
      int c0, r0, c1, r1;
      g_autofree float *pattern = NULL;
      g_autofree float *position = NULL;

      shape_init (&s, foot);
      plantar_synth_foot_bounds (foot, &bx0, &by0, &bx1, &by1);
      c0 = MAX (0, (int) floor (bx0 / plate->cell_width_mm));
      r0 = MAX (0, (int) floor (by0 / plate->cell_height_mm));
      c1 = MIN ((int) plate->columns - 1, (int) ceil (bx1 / plate->cell_width_mm));
      r1 = MIN ((int) plate->rows - 1, (int) ceil (by1 / plate->cell_height_mm));

      /* per sub-sample: its load pattern and its position along the foot */
      pattern = g_new0 (float, n_cells * k * k);
      position = g_new0 (float, n_cells * k * k);
      for (int r = r0; r <= r1; r++)
        for (int c = c0; c <= c1; c++)
          for (guint j = 0; j < k; j++)
            for (guint i = 0; i < k; i++)
              {
                double x = (c + (i + 0.5) / k) * plate->cell_width_mm;
                double y = (r + (j + 0.5) / k) * plate->cell_height_mm;
                double u, v;
                gsize idx = ((gsize) r * plate->columns + c) * k * k + j * k + i;

                to_foot (&s, foot, x, y, &u, &v);
                if (shape_field (&s, u, v) < 0)
                  {
                    pattern[idx] = foot->peak_kpa * shape_pressure (&s, u, v, foot->medial_shift) *
                                   edge_falloff (&s, u, v);
                    position[idx] = u;
                  }
              }

      for (guint fr = 0; fr < plate->n_frames; fr++)
        {
          float *values = plantar_scan_get_frame_mutable (scan, fr);
          double t = plate->n_frames == 1 ? -1
                     : (fr * plate->frame_ms - foot->stance_start_ms) / foot->stance_ms;

          if (plate->n_frames > 1 && (t <= 0 || t >= 1))
            continue;

          /* a treadmill's belt carries the foot toward +y as it stands:
           * the pattern shifted by a fraction of cells, linearly */
          double shift = plate->n_frames > 1 ? plate->belt_mm_per_s * (fr * plate->frame_ms - foot->stance_start_ms) /
                                                 1000 / plate->cell_height_mm : 0;
          int whole = (int) floor (shift);
          double part = shift - whole;

          for (int r = r0; r <= r1; r++)
            for (int c = c0; c <= c1; c++)
              {
                gsize cell = (gsize) r * plate->columns + c;
                double sum = 0;
                for (guint q = 0; q < k * k; q++)
                  {
                    float p = pattern[cell * k * k + q];
                    if (p > 0)
                      sum += t < 0 ? p : p * rollover (&s, position[cell * k * k + q], t, foot->strike);
                  }
                sum /= k * k;
                for (int d = 0; d < 2; d++)
                  {
                    int to = r + whole + d;
                    double v = sum * (shift == 0 ? (d == 0) : d == 0 ? 1 - part : part);
                    gsize dest = (gsize) to * plate->columns + c;
                    if (to < 0 || to >= (int) plate->rows || v <= 0)
                      continue;
                    if (shift == 0)
                      values[dest] = MAX (values[dest], (float) v);
                    else
                      values[dest] += (float) v;
                  }
              }
          /* plates do not report a few kPa */
          for (int r = MAX (0, r0 + whole); plate->n_frames > 1 && r <= MIN ((int) plate->rows - 1, r1 + whole + 1); r++)
            for (int c = c0; c <= c1; c++)
              if (values[(gsize) r * plate->columns + c] < 1.0)
                values[(gsize) r * plate->columns + c] = 0;
        }
    }

  plantar_scan_set_cell_size (scan, plate->cell_width_mm, plate->cell_height_mm);
  if (plate->n_frames > 1)
    plantar_scan_set_frame_ms (scan, plate->frame_ms);
  plantar_scan_set_format (scan, "synthetic", "Synthetic pressure plate");
  plantar_scan_set_device (scan, "Plantar synthetic foot generator");
  plantar_scan_set_original_units (scan, "kPa");
  if (n_feet == 1)
    plantar_scan_set_side (scan, feet[0].side);
  return g_steal_pointer (&scan);
}


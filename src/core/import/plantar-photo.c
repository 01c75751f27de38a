/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-photo"

#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-import-private.h"

/*
 * A sheet of paper in a photo of it lying on a floor.
 *
 * 1. The photo is seen small (about 512 pixels across). The paper's colour
 *    is the commonest smooth colour near the middle, brightest first; each
 *    pixel's distance from it weighs chromaticity (a floor is more coloured
 *    than paper) above brightness (light falls unevenly on both).
 * 2. The pixels near that colour that join the middle are the sheet; its
 *    holes (the print) are filled, and the four-sided shape of largest
 *    area in its convex hull gives the corners roughly.
 * 3. On the photo itself, each edge is found across its length to a
 *    fraction of a pixel (the steepest change from paper to floor), a line
 *    is fitted through those points (dropping the ones a shadow or the
 *    print disturbs), and the corners are where the lines meet.
 */

#define SMALL_SIDE     512
#define EDGE_SAMPLES   48

typedef struct {
  double l, c1, c2;       /* log brightness; chromaticity, brightness-free */
} Colour;

/* The colour model of the paper, and the photo it is read on. */
typedef struct {
  const PlantarPicture *picture;
  Colour                paper;
} Model;

static inline Colour
colour_of (double r,
           double g,
           double b)
{
  double l = (r + g + b) / 3;
  Colour c = { log (l + 8), (r - g) / (l + 16), ((r + g) / 2 - b) / (l + 16) };
  return c;
}

/* How far a colour is from the paper's: chromaticity counts four times
 * brightness, so that a shadow on the paper stays paper and a wooden
 * floor of the same brightness does not. */
static inline double
distance (const Colour *c,
          const Colour *paper)
{
  double dc1 = c->c1 - paper->c1, dc2 = c->c2 - paper->c2;
  return 4 * sqrt (dc1 * dc1 + dc2 * dc2) + fabs (c->l - paper->l);
}

/* The picture's colour at (x, y) (pixel centres at +0.5), bilinear. */
static Colour
picture_colour (const PlantarPicture *p,
                double                x,
                double                y)
{
  double fx = CLAMP (x - 0.5, 0, p->width - 1.001), fy = CLAMP (y - 0.5, 0, p->height - 1.001);
  guint x0 = (guint) fx, y0 = (guint) fy;
  double ax = fx - x0, ay = fy - y0;
  double v[3] = { 0, 0, 0 };

  for (guint k = 0; k < 4; k++)
    {
      guint xx = MIN (x0 + (k & 1), p->width - 1), yy = MIN (y0 + (k >> 1), p->height - 1);
      double w = ((k & 1) ? ax : 1 - ax) * ((k >> 1) ? ay : 1 - ay);
      const guint8 *px = p->pixels + ((gsize) yy * p->width + xx) * p->channels;
      for (guint c = 0; c < 3; c++)
        v[c] += w * px[p->channels == 3 ? c : 0];
    }
  return colour_of (v[0], v[1], v[2]);
}

/* ------------------------------------------------------------ the photo, small */

typedef struct {
  guint   width, height;
  double  scale;            /* picture pixels per small pixel */
  float  *rgb;              /* width × height × 3 */
  Colour *colours;
  float  *dist;
  guint8 *sheet;            /* 1: the sheet */
} Small;

static void
small_clear (Small *s)
{
  g_free (s->rgb);
  g_free (s->colours);
  g_free (s->dist);
  g_free (s->sheet);
}

/* Block means of the picture, about SMALL_SIDE pixels across. */
static void
small_make (Small                *s,
            const PlantarPicture *p)
{
  guint f = MAX (1, (MAX (p->width, p->height) + SMALL_SIDE - 1) / SMALL_SIDE);

  s->width = MAX (1, p->width / f);
  s->height = MAX (1, p->height / f);
  s->scale = f;
  s->rgb = g_new0 (float, (gsize) s->width * s->height * 3);
  for (guint y = 0; y < s->height * f; y++)
    {
      const guint8 *row = p->pixels + (gsize) y * p->width * p->channels;
      float *out = s->rgb + (gsize) (y / f) * s->width * 3;
      for (guint x = 0; x < s->width * f; x++)
        for (guint c = 0; c < 3; c++)
          out[(x / f) * 3 + c] += row[x * p->channels + (p->channels == 3 ? c : 0)];
    }
  for (gsize i = 0; i < (gsize) s->width * s->height * 3; i++)
    s->rgb[i] /= f * f;

  s->colours = g_new (Colour, (gsize) s->width * s->height);
  for (gsize i = 0; i < (gsize) s->width * s->height; i++)
    s->colours[i] = colour_of (s->rgb[3 * i], s->rgb[3 * i + 1], s->rgb[3 * i + 2]);
}

#define L_BINS 24
#define C_BINS 20

static guint
colour_bin (const Colour *c)
{
  int l = (int) CLAMP ((c->l - log (8)) / (log (263) - log (8)) * L_BINS, 0, L_BINS - 1);
  int a = (int) CLAMP ((c->c1 + 0.5) * C_BINS, 0, C_BINS - 1);
  int b = (int) CLAMP ((c->c2 + 0.5) * C_BINS, 0, C_BINS - 1);
  return ((guint) l * C_BINS + a) * C_BINS + b;
}

#define N_CANDIDATES 3

static gboolean
bins_near (guint a,
           guint b)
{
  int la = a / (C_BINS * C_BINS), lb = b / (C_BINS * C_BINS);
  int ca = (a / C_BINS) % C_BINS, cb = (b / C_BINS) % C_BINS, da = a % C_BINS, db = b % C_BINS;
  return abs (la - lb) <= 2 && abs (ca - cb) <= 1 && abs (da - db) <= 1;
}

/* What the paper's colour may be: the commonest colours of the smooth
 * pixels in the middle half of the photo (brighter ones weighing more: the
 * ink of the print is smooth too), each the mean of the pixels of its
 * colour; the most likely first. */
static guint
paper_colours (const Small *s,
               Colour       candidates[N_CANDIDATES])
{
  g_autofree guint *counts = g_new0 (guint, L_BINS * C_BINS * C_BINS);
  g_autofree double *scores = g_new0 (double, L_BINS * C_BINS * C_BINS);
  guint x0 = s->width / 4, x1 = s->width - s->width / 4, y0 = s->height / 4, y1 = s->height - s->height / 4;
  guint chosen[N_CANDIDATES], n = 0;

  for (guint y = MAX (y0, 1); y < MIN (y1, s->height - 1); y++)
    for (guint x = MAX (x0, 1); x < MIN (x1, s->width - 1); x++)
      {
        const Colour *c = &s->colours[(gsize) y * s->width + x];
        const Colour *r = c + 1, *d = c + s->width;
        if (fabs (r->l - c->l) + fabs (d->l - c->l) < 0.12)
          counts[colour_bin (c)]++;
      }
  for (guint bin = 0; bin < L_BINS * C_BINS * C_BINS; bin++)
    {
      guint l = bin / (C_BINS * C_BINS), rest = bin % (C_BINS * C_BINS);
      double score = counts[bin];
      /* light falls unevenly: a bin's neighbours in brightness count too */
      if (l > 0)
        score += counts[(l - 1) * C_BINS * C_BINS + rest];
      if (l + 1 < L_BINS)
        score += counts[(l + 1) * C_BINS * C_BINS + rest];
      scores[bin] = score * (0.5 + (double) l / L_BINS);
    }
  while (n < N_CANDIDATES)
    {
      double best = 0, sum_l = 0, sum_1 = 0, sum_2 = 0;
      guint best_bin = 0, k = 0;
      for (guint bin = 0; bin < L_BINS * C_BINS * C_BINS; bin++)
        {
          gboolean taken = FALSE;
          for (guint j = 0; j < n; j++)
            taken |= bins_near (bin, chosen[j]);
          if (!taken && scores[bin] > best)
            {
              best = scores[bin];
              best_bin = bin;
            }
        }
      if (best < 50)
        break;
      for (guint y = y0; y < y1; y++)
        for (guint x = x0; x < x1; x++)
          {
            const Colour *c = &s->colours[(gsize) y * s->width + x];
            guint bin = colour_bin (c);
            if (bin % (C_BINS * C_BINS) == best_bin % (C_BINS * C_BINS) &&
                abs ((int) (bin / (C_BINS * C_BINS)) - (int) (best_bin / (C_BINS * C_BINS))) <= 1)
              {
                sum_l += c->l;
                sum_1 += c->c1;
                sum_2 += c->c2;
                k++;
              }
          }
      candidates[n].l = sum_l / k;
      candidates[n].c1 = sum_1 / k;
      candidates[n].c2 = sum_2 / k;
      chosen[n++] = best_bin;
    }
  return n;
}

/* Otsu's threshold of the distances, between 0.2 and 1.2. */
static double
distance_threshold (const Small *s)
{
  enum { BINS = 128 };
  const double top = 3.0;
  double hist[BINS] = { 0 }, total = 0, sum = 0, sum_b = 0, w_b = 0, best = -1, t = 0.5;

  for (gsize i = 0; i < (gsize) s->width * s->height; i++)
    {
      hist[(guint) CLAMP (s->dist[i] / top * BINS, 0, BINS - 1)]++;
      total++;
    }
  for (guint i = 0; i < BINS; i++)
    sum += i * hist[i];
  for (guint i = 0; i < BINS; i++)
    {
      double w_f, between;
      w_b += hist[i];
      if (w_b == 0)
        continue;
      w_f = total - w_b;
      if (w_f == 0)
        break;
      sum_b += i * hist[i];
      between = w_b * w_f * pow (sum_b / w_b - (sum - sum_b) / w_f, 2);
      if (between > best)
        {
          best = between;
          t = (i + 1) * top / BINS;
        }
    }
  return CLAMP (t, 0.2, 1.2);
}

/* The pixels near the paper's colour that join the middle of the photo,
 * with their holes (the print) filled. The number of sheet pixels. */
static gsize
grow_sheet (Small  *s,
            double  threshold)
{
  gsize n = (gsize) s->width * s->height, count = 0, best_count = 0;
  g_autofree guint32 *stack = g_new (guint32, n);
  g_autofree guint8 *seen = g_new0 (guint8, n);
  guint32 best_seed = G_MAXUINT32;

  s->sheet = g_new0 (guint8, n);
  /* the largest region of paper colour touching the middle half */
  for (guint y = s->height / 4; y < s->height - s->height / 4; y++)
    for (guint x = s->width / 4; x < s->width - s->width / 4; x++)
      {
        guint32 seed = y * s->width + x;
        gsize top = 0, size = 0;
        if (seen[seed] || s->dist[seed] >= threshold)
          continue;
        stack[top++] = seed;
        seen[seed] = 1;
        while (top > 0)
          {
            guint32 i = stack[--top];
            guint px = i % s->width, py = i / s->width;
            guint32 next[4];
            guint k = 0;
            size++;
            if (px > 0) next[k++] = i - 1;
            if (px + 1 < s->width) next[k++] = i + 1;
            if (py > 0) next[k++] = i - s->width;
            if (py + 1 < s->height) next[k++] = i + s->width;
            for (guint j = 0; j < k; j++)
              if (!seen[next[j]] && s->dist[next[j]] < threshold)
                {
                  seen[next[j]] = 1;
                  stack[top++] = next[j];
                }
          }
        if (size > best_count)
          {
            best_count = size;
            best_seed = seed;
          }
      }
  if (best_seed == G_MAXUINT32)
    return 0;

  /* that region again, as the sheet */
  {
    gsize top = 0;
    stack[top++] = best_seed;
    s->sheet[best_seed] = 1;
    while (top > 0)
      {
        guint32 i = stack[--top];
        guint px = i % s->width, py = i / s->width;
        guint32 next[4];
        guint k = 0;
        if (px > 0) next[k++] = i - 1;
        if (px + 1 < s->width) next[k++] = i + 1;
        if (py > 0) next[k++] = i - s->width;
        if (py + 1 < s->height) next[k++] = i + s->width;
        for (guint j = 0; j < k; j++)
          if (!s->sheet[next[j]] && s->dist[next[j]] < threshold)
            {
              s->sheet[next[j]] = 1;
              stack[top++] = next[j];
            }
      }
  }

  /* its holes: whatever the outside cannot reach */
  memset (seen, 0, n);
  {
    gsize top = 0;
    for (guint x = 0; x < s->width; x++)
      for (guint e = 0; e < 2; e++)
        {
          guint32 i = (e ? s->height - 1 : 0) * s->width + x;
          if (!s->sheet[i] && !seen[i])
            seen[i] = 1, stack[top++] = i;
        }
    for (guint y = 0; y < s->height; y++)
      for (guint e = 0; e < 2; e++)
        {
          guint32 i = y * s->width + (e ? s->width - 1 : 0);
          if (!s->sheet[i] && !seen[i])
            seen[i] = 1, stack[top++] = i;
        }
    while (top > 0)
      {
        guint32 i = stack[--top];
        guint px = i % s->width, py = i / s->width;
        guint32 next[4];
        guint k = 0;
        if (px > 0) next[k++] = i - 1;
        if (px + 1 < s->width) next[k++] = i + 1;
        if (py > 0) next[k++] = i - s->width;
        if (py + 1 < s->height) next[k++] = i + s->width;
        for (guint j = 0; j < k; j++)
          if (!s->sheet[next[j]] && !seen[next[j]])
            {
              seen[next[j]] = 1;
              stack[top++] = next[j];
            }
      }
  }
  for (gsize i = 0; i < n; i++)
    if (!seen[i])
      {
        s->sheet[i] = 1;
        count++;
      }
  return count;
}

/* ------------------------------------------------------------ the rough corners */

typedef struct {
  double x, y;
} Pt;

static double
turn (Pt o,
      Pt a,
      Pt b)
{
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

static int
compare_pts (gconstpointer a,
             gconstpointer b)
{
  const Pt *p = a, *q = b;
  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  return p->y < q->y ? -1 : p->y > q->y;
}

/* The convex hull (Andrew's monotone chain) of the sheet's outline pixels,
 * as the monotone chain turns it. */
static GArray *
sheet_hull (const Small *s)
{
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (Pt));
  GArray *hull = g_array_new (FALSE, FALSE, sizeof (Pt));
  guint n, k = 0;

  for (guint y = 0; y < s->height; y++)
    for (guint x = 0; x < s->width; x++)
      {
        gsize i = (gsize) y * s->width + x;
        if (!s->sheet[i])
          continue;
        if (x == 0 || y == 0 || x + 1 == s->width || y + 1 == s->height ||
            !s->sheet[i - 1] || !s->sheet[i + 1] || !s->sheet[i - s->width] || !s->sheet[i + s->width])
          {
            /* the pixel's outer corners, so that the hull is the region's */
            for (guint c = 0; c < 4; c++)
              {
                Pt p = { x + (c & 1), y + (c >> 1) };
                g_array_append_val (pts, p);
              }
          }
      }
  n = pts->len;
  if (n < 3)
    return hull;
  g_array_sort (pts, compare_pts);
  g_array_set_size (hull, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      Pt p = g_array_index (pts, Pt, i);
      while (k >= 2 && turn (g_array_index (hull, Pt, k - 2), g_array_index (hull, Pt, k - 1), p) <= 0)
        k--;
      g_array_index (hull, Pt, k++) = p;
    }
  for (guint i = n - 1, t = k + 1; i > 0; i--)
    {
      Pt p = g_array_index (pts, Pt, i - 1);
      while (k >= t && turn (g_array_index (hull, Pt, k - 2), g_array_index (hull, Pt, k - 1), p) <= 0)
        k--;
      g_array_index (hull, Pt, k++) = p;
    }
  g_array_set_size (hull, k - 1);
  return hull;
}

static double
polygon_area (const Pt *p,
              guint     n)
{
  double a = 0;
  for (guint i = 0; i < n; i++)
    a += p[i].x * p[(i + 1) % n].y - p[(i + 1) % n].x * p[i].y;
  return fabs (a) / 2;
}

/* The hull's four vertices enclosing the most area: the two furthest
 * apart (a diagonal), the furthest from it on either side, then each
 * corner in turn moved to the vertex that makes the area largest, until
 * none moves. */
static gboolean
largest_quad (GArray *hull,
              Pt      quad[4])
{
  const Pt *p = (const Pt *) hull->data;
  guint n = hull->len, at[4] = { 0, 0, 0, 0 };
  double best = 0;
  gboolean moved = TRUE;

  if (n < 4)
    return FALSE;
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        double d = hypot (p[i].x - p[j].x, p[i].y - p[j].y);
        if (d > best)
          {
            best = d;
            at[0] = i;
            at[2] = j;
          }
      }
  {
    double left = 0, right = 0;
    at[1] = at[3] = at[0];
    for (guint k = 0; k < n; k++)
      {
        double t = turn (p[at[0]], p[at[2]], p[k]);
        if (t > left)
          left = t, at[1] = k;
        if (-t > right)
          right = -t, at[3] = k;
      }
    if (left == 0 || right == 0)
      return FALSE;
  }
  for (guint round = 0; round < 20 && moved; round++)
    {
      moved = FALSE;
      for (guint c = 0; c < 4; c++)
        {
          Pt q[4];
          double area;
          for (guint k = 0; k < 4; k++)
            q[k] = p[at[k]];
          area = polygon_area (q, 4);
          for (guint k = 0; k < n; k++)
            {
              double a2;
              q[c] = p[k];
              a2 = polygon_area (q, 4);
              /* a quadrilateral still convex, in the same turn */
              if (a2 > area + 1e-9 && turn (q[(c + 3) % 4], q[c], q[(c + 1) % 4]) * turn (q[0], q[1], q[2]) > 0)
                {
                  area = a2;
                  at[c] = k;
                  moved = TRUE;
                }
              q[c] = p[at[c]];
            }
        }
    }
  for (guint k = 0; k < 4; k++)
    quad[k] = p[at[k]];
  return TRUE;
}

/* ------------------------------------------------------------ the edges, exactly */

typedef struct {
  double a, b, c;    /* a x + b y = c, (a, b) a unit normal */
} Line;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Total least squares through points, dropping those far from the line
 * (a shadow, the print reaching the edge) three times over. */
static gboolean
fit_line (GArray *points,
          Line   *line)
{
  g_autofree double *res = g_new (double, MAX (points->len, 1));
  g_autofree guint8 *keep = g_new (guint8, MAX (points->len, 1));

  memset (keep, 1, points->len);
  for (guint round = 0; round < 4; round++)
    {
      double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0, angle, cut;
      guint n = 0, k = 0;
      for (guint i = 0; i < points->len; i++)
        if (keep[i])
          {
            Pt p = g_array_index (points, Pt, i);
            mx += p.x;
            my += p.y;
            n++;
          }
      if (n < 6)
        return FALSE;
      mx /= n;
      my /= n;
      for (guint i = 0; i < points->len; i++)
        if (keep[i])
          {
            Pt p = g_array_index (points, Pt, i);
            sxx += (p.x - mx) * (p.x - mx);
            syy += (p.y - my) * (p.y - my);
            sxy += (p.x - mx) * (p.y - my);
          }
      /* the direction of least spread is the normal */
      angle = 0.5 * atan2 (2 * sxy, sxx - syy) + G_PI / 2;
      line->a = cos (angle);
      line->b = sin (angle);
      line->c = line->a * mx + line->b * my;
      if (round == 3)
        break;
      for (guint i = 0; i < points->len; i++)
        {
          Pt p = g_array_index (points, Pt, i);
          double r = fabs (line->a * p.x + line->b * p.y - line->c);
          if (keep[i])
            res[k++] = r;
        }
      qsort (res, k, sizeof (double), compare_doubles);
      cut = MAX (0.75, 3 * res[k / 2]);
      for (guint i = 0; i < points->len; i++)
        {
          Pt p = g_array_index (points, Pt, i);
          keep[i] = fabs (line->a * p.x + line->b * p.y - line->c) <= cut;
        }
    }
  return TRUE;
}

static gboolean
intersect (const Line *l,
           const Line *m,
           double     *x,
           double     *y)
{
  double det = l->a * m->b - l->b * m->a;

  if (fabs (det) < 1e-9)
    return FALSE;
  *x = (l->c * m->b - l->b * m->c) / det;
  *y = (l->a * m->c - l->c * m->a) / det;
  return TRUE;
}

static double
segment_distance (Pt p,
                  Pt a,
                  Pt b)
{
  double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0, 1) : 0;
  return hypot (p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/* The quadrilateral's sides fitted to the sheet's outline pixels near
 * each (the largest inscribed quadrilateral cuts the corners a little),
 * and the corners where they meet. */
static gboolean
fit_rough_sides (const Small *s,
                 Pt           quad[4])
{
  GArray *side_points[4];
  Line lines[4];
  Pt out[4];
  gboolean ok = TRUE;

  for (guint i = 0; i < 4; i++)
    side_points[i] = g_array_new (FALSE, FALSE, sizeof (Pt));
  for (guint y = 1; y + 1 < s->height; y++)
    for (guint x = 1; x + 1 < s->width; x++)
      {
        gsize i = (gsize) y * s->width + x;
        Pt p = { x + 0.5, y + 0.5 };
        double best = 6;
        int side = -1;
        if (!s->sheet[i] || (s->sheet[i - 1] && s->sheet[i + 1] && s->sheet[i - s->width] && s->sheet[i + s->width]))
          continue;
        for (guint k = 0; k < 4; k++)
          {
            double d = segment_distance (p, quad[k], quad[(k + 1) % 4]);
            if (d < best && hypot (p.x - quad[k].x, p.y - quad[k].y) > 4 &&
                hypot (p.x - quad[(k + 1) % 4].x, p.y - quad[(k + 1) % 4].y) > 4)
              {
                best = d;
                side = k;
              }
          }
        if (side >= 0)
          g_array_append_val (side_points[side], p);
      }
  for (guint k = 0; k < 4; k++)
    ok = ok && fit_line (side_points[k], &lines[k]);
  for (guint k = 0; k < 4; k++)
    {
      ok = ok && intersect (&lines[(k + 3) % 4], &lines[k], &out[k].x, &out[k].y) &&
           hypot (out[k].x - quad[k].x, out[k].y - quad[k].y) <= 16;
      g_array_unref (side_points[k]);
    }
  if (ok)
    memcpy (quad, out, sizeof out);
  return ok;
}

/* Points of one edge (from @a to @b, the sheet on the side opposite
 * @outward) where the colour changes fastest from paper to floor, to a
 * fraction of a pixel; and how wide that change is, in pixels. */
static void
edge_points (const Model *m,
             Pt           a,
             Pt           b,
             Pt           outward,
             double       reach,
             GArray      *points,
             GArray      *widths)
{
  double len = hypot (b.x - a.x, b.y - a.y);
  guint steps = (guint) ceil (2 * reach) * 2 + 1;
  g_autofree double *g = g_new (double, steps);

  if (len < 1)
    return;
  for (guint k = 0; k < EDGE_SAMPLES; k++)
    {
      double t = 0.08 + 0.84 * (k + 0.5) / EDGE_SAMPLES;
      double px = a.x + t * (b.x - a.x), py = a.y + t * (b.y - a.y);
      double best = 0, step, inside = 0, outside = 0;
      guint at = 0, n_in = 0, n_out = 0;

      for (guint i = 0; i < steps; i++)
        {
          double s = -reach + i * (2 * reach) / (steps - 1);
          Colour c = picture_colour (m->picture, px + s * outward.x, py + s * outward.y);
          g[i] = distance (&c, &m->paper);
        }
      for (guint i = 1; i + 1 < steps; i++)
        if (g[i + 1] - g[i - 1] > best)
          {
            best = g[i + 1] - g[i - 1];
            at = i;
          }
      if (at == 0)
        continue;
      for (guint i = 0; i < steps; i++)
        {
          if (i + 3 < at)
            inside += g[i], n_in++;
          else if (i > at + 3)
            outside += g[i], n_out++;
        }
      if (n_in == 0 || n_out == 0)
        continue;
      step = outside / n_out - inside / n_in;
      if (step < 0.15)
        continue;
      {
        /* the peak of the gradient, by a parabola through three */
        double ds = (2 * reach) / (steps - 1);
        double gm = at >= 2 ? g[at] - g[at - 2] : best, gp = at + 2 < steps ? g[at + 2] - g[at] : best;
        double denom = gm - 2 * best + gp, off = fabs (denom) > 1e-12 ? 0.5 * (gm - gp) / denom : 0;
        double s = -reach + (at + CLAMP (off, -0.5, 0.5)) * ds;
        Pt p = { px + s * outward.x, py + s * outward.y };
        /* a ramp as steep as the steepest slope: its width */
        double width = step / (best / (2 * ds));
        g_array_append_val (points, p);
        g_array_append_val (widths, width);
      }
    }
}

/* How wide the sheet's edges are in the photo, in pixels: across each
 * side, the distance over which the colour goes from a tenth to nine
 * tenths of the way from paper to floor; the median of them. */
static double
edge_width (const Model *m,
            const Pt     corners[4],
            double       reach)
{
  enum { PER_SIDE = 12 };
  guint steps = (guint) ceil (reach) * 2 + 1;
  g_autofree double *g = g_new (double, steps);
  double widths[4 * PER_SIDE];
  guint n = 0;
  Pt centre = { 0, 0 };

  for (guint i = 0; i < 4; i++)
    {
      centre.x += corners[i].x / 4;
      centre.y += corners[i].y / 4;
    }
  for (guint i = 0; i < 4; i++)
    {
      Pt a = corners[i], b = corners[(i + 1) % 4];
      double len = hypot (b.x - a.x, b.y - a.y);
      Pt normal = { (b.y - a.y) / len, -(b.x - a.x) / len };
      if (normal.x * ((a.x + b.x) / 2 - centre.x) + normal.y * ((a.y + b.y) / 2 - centre.y) < 0)
        normal.x = -normal.x, normal.y = -normal.y;
      for (guint k = 0; k < PER_SIDE; k++)
        {
          double t = 0.15 + 0.7 * (k + 0.5) / PER_SIDE, inside, outside, lo, hi;
          double px = a.x + t * (b.x - a.x), py = a.y + t * (b.y - a.y);
          int from = -1, to = -1;
          for (guint j = 0; j < steps; j++)
            {
              double sft = -reach + j * (2 * reach) / (steps - 1);
              Colour c = picture_colour (m->picture, px + sft * normal.x, py + sft * normal.y);
              g[j] = distance (&c, &m->paper);
            }
          inside = g[0];
          outside = g[steps - 1];
          if (outside - inside < 0.3)
            continue;
          lo = inside + 0.1 * (outside - inside);
          hi = inside + 0.9 * (outside - inside);
          for (guint j = 0; j < steps; j++)
            {
              if (from < 0 && g[j] > lo)
                from = j;
              if (to < 0 && g[j] > hi)
                to = j;
            }
          if (from >= 0 && to >= from)
            widths[n++] = (to - from) * (2 * reach) / (steps - 1);
        }
    }
  if (n == 0)
    return 0;
  qsort (widths, n, sizeof (double), compare_doubles);
  return widths[n / 2];
}

/* ------------------------------------------------------------ the sheet */

/* Corners in the turn the screen calls clockwise, the top-left first. */
static void
order_corners (Pt corners[4])
{
  Pt tmp[4];
  guint first = 0;
  double area = 0;

  for (guint i = 0; i < 4; i++)
    area += corners[i].x * corners[(i + 1) % 4].y - corners[(i + 1) % 4].x * corners[i].y;
  if (area < 0)
    {
      Pt t = corners[1];
      corners[1] = corners[3];
      corners[3] = t;
    }
  for (guint i = 1; i < 4; i++)
    if (corners[i].x + corners[i].y < corners[first].x + corners[first].y)
      first = i;
  for (guint i = 0; i < 4; i++)
    tmp[i] = corners[(first + i) % 4];
  memcpy (corners, tmp, sizeof tmp);
}

static gboolean
refine_corners (const Model *m,
                const Pt     rough[4],
                double       reach,
                Pt           corners[4],
                double      *edge_width_px)
{
  Line lines[4];
  Pt centre = { 0, 0 };
  g_autoptr(GArray) all_widths = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < 4; i++)
    {
      centre.x += rough[i].x / 4;
      centre.y += rough[i].y / 4;
    }
  for (guint i = 0; i < 4; i++)
    {
      Pt a = rough[i], b = rough[(i + 1) % 4];
      double len = hypot (b.x - a.x, b.y - a.y);
      Pt normal = { (b.y - a.y) / len, -(b.x - a.x) / len };
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Pt));
      g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));

      /* outward: away from the middle of the sheet */
      if (normal.x * ((a.x + b.x) / 2 - centre.x) + normal.y * ((a.y + b.y) / 2 - centre.y) < 0)
        {
          normal.x = -normal.x;
          normal.y = -normal.y;
        }
      edge_points (m, a, b, normal, reach, points, widths);
      if (!fit_line (points, &lines[i]))
        {
          g_debug ("edge %u: %u points, no line", i, points->len);
          return FALSE;
        }
      g_array_append_vals (all_widths, widths->data, widths->len);
    }
  for (guint i = 0; i < 4; i++)
    if (!intersect (&lines[(i + 3) % 4], &lines[i], &corners[i].x, &corners[i].y) ||
        hypot (corners[i].x - rough[i].x, corners[i].y - rough[i].y) > 3 * reach)
      {
        g_debug ("corner %u: (%.1f, %.1f), roughly (%.1f, %.1f)", i, corners[i].x, corners[i].y, rough[i].x, rough[i].y);
        return FALSE;
      }
  g_array_sort (all_widths, compare_doubles);
  *edge_width_px = all_widths->len ? g_array_index (all_widths, double, all_widths->len / 2) : 0;
  return TRUE;
}

static gboolean
sheet_fail (char       **why,
            const char  *message)
{
  if (why != NULL)
    *why = g_strdup (message);
  return FALSE;
}

/* What a colour gave. */
typedef enum {
  NO_SHEET,
  OFF_EDGE,
  NOT_FOUR_SIDED,
  NO_EDGES,
  FOUND,
} Trial;

/* The sheet of one candidate colour, roughly: its four corners in the
 * small photo. */
static Trial
try_colour (Small        *s,
            const Colour *paper,
            Pt            rough[4])
{
  g_autoptr(GArray) hull = NULL;
  double threshold;
  gsize area, border = 0, sides[4] = { 0, 0, 0, 0 };
  guint n_sides = 0;

  g_clear_pointer (&s->sheet, g_free);
  for (gsize i = 0; i < (gsize) s->width * s->height; i++)
    s->dist[i] = distance (&s->colours[i], paper);
  threshold = distance_threshold (s);
  area = grow_sheet (s, threshold);
  g_debug ("paper colour %.2f %.3f %.3f, threshold %.2f, %zu pixels of sheet", paper->l, paper->c1, paper->c2,
           threshold, area);
  for (guint x = 0; x < s->width; x++)
    {
      sides[0] += s->sheet[x];
      sides[1] += s->sheet[(gsize) (s->height - 1) * s->width + x];
    }
  for (guint y = 0; y < s->height; y++)
    {
      sides[2] += s->sheet[(gsize) y * s->width];
      sides[3] += s->sheet[(gsize) y * s->width + s->width - 1];
    }
  for (guint k = 0; k < 4; k++)
    {
      border += sides[k];
      n_sides += sides[k] > (k < 2 ? s->width : s->height) / 50;
    }

  /* too little to be the sheet; or the floor, all round the photo */
  if (area < (gsize) s->width * s->height / 12 || n_sides >= 3)
    return NO_SHEET;
  if (border > (s->width + s->height) / 20)
    return OFF_EDGE;
  hull = sheet_hull (s);
  if (!largest_quad (hull, rough) || polygon_area (rough, 4) < 0.93 * polygon_area ((Pt *) hull->data, hull->len) ||
      area < 0.85 * polygon_area (rough, 4))
    {
      g_debug ("not four-sided: quadrilateral %.0f, hull %.0f, area %zu", polygon_area (rough, 4),
               hull->len > 2 ? polygon_area ((Pt *) hull->data, hull->len) : 0, area);
      return NOT_FOUR_SIDED;
    }
  if (!fit_rough_sides (s, rough))
    g_debug ("the outline's sides could not be fitted; the largest quadrilateral it holds is used");
  return FOUND;
}

static const char *
trial_message (Trial trial)
{
  switch (trial)
    {
    case OFF_EDGE:
      return _("The sheet runs off the edge of the photo: take it again with all four corners of the sheet in "
               "view, or calibrate the photo by hand.");
    case NOT_FOUR_SIDED:
      return _("No sheet of paper was found in the photo: what looks like paper is not four-sided. Take it again "
               "on a plain floor, darker or more coloured than the paper, with all four corners of the sheet in "
               "view; or calibrate the photo by hand.");
    case NO_EDGES:
      return _("The sheet's edges could not be followed in the photo. Take it again on a plain floor, darker or "
               "more coloured than the paper, with all four corners in view; or calibrate the photo by hand.");
    case NO_SHEET:
    case FOUND:
    default:
      return _("No sheet of paper was found in the photo. Take it again with all four corners of the sheet in "
               "view, on a floor darker or more coloured than the paper, in even light; or calibrate the photo "
               "by hand.");
    }
}

/* The sheet from its corners found exactly, which way round it lies
 * found from its sides. */
static void
set_sheet (PlantarSheet *sheet,
           const Pt      corners[4],
           double        paper_width_mm,
           double        paper_height_mm)
{
  double top = hypot (corners[1].x - corners[0].x, corners[1].y - corners[0].y) +
               hypot (corners[2].x - corners[3].x, corners[2].y - corners[3].y);
  double side = hypot (corners[3].x - corners[0].x, corners[3].y - corners[0].y) +
                hypot (corners[2].x - corners[1].x, corners[2].y - corners[1].y);
  double long_mm = MAX (paper_width_mm, paper_height_mm), short_mm = MIN (paper_width_mm, paper_height_mm);

  for (guint i = 0; i < 4; i++)
    {
      sheet->x[i] = corners[i].x;
      sheet->y[i] = corners[i].y;
    }
  sheet->width_mm = top >= side ? long_mm : short_mm;
  sheet->height_mm = top >= side ? short_mm : long_mm;
}

/**
 * plantar_photo_find_sheet:
 * @paper_width_mm: the paper's size, either way round (the photo says
 *   which way it lies)
 *
 * Finds the sheet of paper the photo shows, to a fraction of a pixel.
 */
gboolean
plantar_photo_find_sheet (const PlantarPicture *picture,
                          double                paper_width_mm,
                          double                paper_height_mm,
                          PlantarSheet         *sheet,
                          char                **why)
{
  Small s = { 0 };
  Model model = { picture };
  Colour candidates[N_CANDIDATES];
  Pt rough[4], corners[4];
  Trial first = NO_SHEET, trial = NO_SHEET;
  double edge_px = 0, blur_mm;
  guint n;

  small_make (&s, picture);
  n = s.width < 32 || s.height < 32 ? 0 : paper_colours (&s, candidates);
  if (n == 0)
    {
      small_clear (&s);
      return sheet_fail (why, _("The photo is too small to find a sheet of paper in it."));
    }
  s.dist = g_new (float, (gsize) s.width * s.height);
  /* the commonest colour first; the next when it is not a sheet's (a
   * floor as light as brown paper) */
  for (guint i = 0; i < n && trial != FOUND; i++)
    {
      trial = try_colour (&s, &candidates[i], rough);
      if (trial == FOUND)
        {
          model.paper = candidates[i];
          for (guint k = 0; k < 4; k++)
            {
              rough[k].x *= s.scale;
              rough[k].y *= s.scale;
            }
          order_corners (rough);
          /* twice: the second time from the first's corners, closer */
          if (!refine_corners (&model, rough, 2 * s.scale + 6, corners, &edge_px) ||
              (memcpy (rough, corners, sizeof rough),
               !refine_corners (&model, rough, 0.75 * s.scale + 4, corners, &edge_px)))
            trial = NO_EDGES;
        }
      if (i == 0)
        first = trial;
    }
  small_clear (&s);
  if (trial != FOUND)
    return sheet_fail (why, trial_message (first));

  set_sheet (sheet, corners, paper_width_mm, paper_height_mm);
  /* across 12 mm of paper and of floor either side of the edge */
  edge_px = edge_width (&model, corners, MIN (120, 12 * plantar_sheet_min_px_per_mm (sheet)));
  blur_mm = edge_px / MAX (plantar_sheet_min_px_per_mm (sheet), 1e-6);
  g_debug ("the sheet's edges are %.1f pixels wide, %.2f mm", edge_px, blur_mm);
  /* an edge 4 mm wide from paper to floor is a blur of 1.6 mm (sigma) */
  if (blur_mm > 4)
    {
      g_autofree char *message =
        g_strdup_printf (_("The photo is too blurred to measure to 1 mm (the sheet's edges are %.1f mm wide): hold "
                           "the phone still, let it focus, and take it again."), blur_mm);
      return sheet_fail (why, message);
    }
  return TRUE;
}

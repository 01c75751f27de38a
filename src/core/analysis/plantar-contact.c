/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-contact"

#include "config.h"

#include <string.h>

#include "plantar-analysis-private.h"

/*
 * Where the foot touched.
 *
 * Images: the analysis works on block means of about 0.3 mm ("overview").
 * The paper's own level is estimated everywhere, uneven lighting included,
 * by a smooth surface fitted to the medians of 6 mm blocks that look like
 * paper; the print is what departs from it, darker (ink on paper) or
 * lighter (a podoscope), whichever covers more. Its contrast is scaled so
 * that typical ink is 1, and contact is where it exceeds the threshold
 * (0.5: the edge of the print lies where half of the ink's contrast is).
 *
 * Pressure: contact is a sensor whose peak pressure is above the
 * threshold (0 kPa by default, as pressuRe does for plates).
 */

#define OVERVIEW_MM 0.5
#define BLOCK_MM    6.0

void
plantar_contact_map_free (PlantarContactMap *map)
{
  if (map == NULL)
    return;
  g_free (map->load);
  g_free (map->contact);
  g_free (map);
}

/* Median and spread of one block, through a histogram of grey levels. */
static void
block_stats (const float *img,
             guint        width,
             guint        x0,
             guint        y0,
             guint        x1,
             guint        y1,
             double      *median,
             double      *spread)
{
  guint hist[256] = { 0 };
  guint n = 0, acc = 0;
  int q1 = -1, q2 = -1, q3 = -1;

  for (guint y = y0; y < y1; y++)
    for (guint x = x0; x < x1; x++)
      {
        int v = (int) (img[(gsize) y * width + x] + 0.5f);
        hist[CLAMP (v, 0, 255)]++;
        n++;
      }
  for (int v = 0; v < 256; v++)
    {
      acc += hist[v];
      if (q1 < 0 && acc * 4 >= n)
        q1 = v;
      if (q2 < 0 && acc * 2 >= n)
        q2 = v;
      if (q3 < 0 && acc * 4 >= 3 * n)
        q3 = v;
    }
  *median = q2;
  *spread = (q3 - q1) / 1.349;
}

/* Least squares of a quadratic surface through (x, y, z) with weights. */
static gboolean
fit_quadratic (const double *x,
               const double *y,
               const double *z,
               const gboolean *use,
               guint         n,
               double        c[6])
{
  double a[6][7] = { { 0 } };

  for (guint i = 0; i < n; i++)
    {
      double f[6] = { 1, x[i], y[i], x[i] * x[i], x[i] * y[i], y[i] * y[i] };
      if (!use[i])
        continue;
      for (int r = 0; r < 6; r++)
        {
          for (int k = 0; k < 6; k++)
            a[r][k] += f[r] * f[k];
          a[r][6] += f[r] * z[i];
        }
    }
  /* Gauss–Jordan with partial pivoting */
  for (int col = 0; col < 6; col++)
    {
      int pivot = col;
      for (int r = col + 1; r < 6; r++)
        if (fabs (a[r][col]) > fabs (a[pivot][col]))
          pivot = r;
      if (fabs (a[pivot][col]) < 1e-9)
        return FALSE;
      for (int k = 0; k < 7; k++)
        {
          double t = a[col][k];
          a[col][k] = a[pivot][k];
          a[pivot][k] = t;
        }
      for (int r = 0; r < 6; r++)
        if (r != col)
          {
            double f = a[r][col] / a[col][col];
            for (int k = col; k < 7; k++)
              a[r][k] -= f * a[col][k];
          }
    }
  for (int r = 0; r < 6; r++)
    c[r] = a[r][6] / a[r][r];
  return TRUE;
}

/* The paper seen in blocks about 6 mm square: each block's median and
 * spread, where it lies (-1 .. 1 across the image), and whether it looks
 * like paper (near the commonest grey, and even). */
typedef struct {
  guint     n;
  double   *x, *y, *median, *spread, *resid;
  gboolean *use;
} Blocks;

static void
blocks_clear (Blocks *b)
{
  g_free (b->x);
  g_free (b->y);
  g_free (b->median);
  g_free (b->spread);
  g_free (b->resid);
  g_free (b->use);
}

/* The commonest grey of the image, by threes: the paper's level. */
static int
paper_mode (const float *img,
            gsize        n)
{
  guint hist[256] = { 0 };
  int mode = 0;

  for (gsize i = 0; i < n; i++)
    hist[CLAMP ((int) (img[i] + 0.5f), 0, 255)]++;
  for (int v = 1; v < 255; v++)
    if (hist[v - 1] + hist[v] + hist[v + 1] > hist[MAX (mode - 1, 0)] + hist[mode] + hist[MIN (mode + 1, 255)])
      mode = v;
  return mode;
}

static void
paper_blocks (const float *img,
              guint        ow,
              guint        oh,
              double       cell_w,
              int          mode,
              Blocks      *b)
{
  guint bs = MAX (4, (guint) lround (BLOCK_MM / cell_w));
  guint nbx = (ow + bs - 1) / bs, nby = (oh + bs - 1) / bs;

  b->n = nbx * nby;
  b->x = g_new (double, b->n);
  b->y = g_new (double, b->n);
  b->median = g_new (double, b->n);
  b->spread = g_new (double, b->n);
  b->resid = g_new (double, b->n);
  b->use = g_new (gboolean, b->n);
  for (guint j = 0; j < nby; j++)
    for (guint i = 0; i < nbx; i++)
      {
        guint k = j * nbx + i;
        guint x0 = i * bs, y0 = j * bs, x1 = MIN (x0 + bs, ow), y1 = MIN (y0 + bs, oh);
        block_stats (img, ow, x0, y0, x1, y1, &b->median[k], &b->spread[k]);
        b->x[k] = 2.0 * ((x0 + x1) / 2.0) / ow - 1;
        b->y[k] = 2.0 * ((y0 + y1) / 2.0) / oh - 1;
        b->use[k] = fabs (b->median[k] - mode) < 30 && b->spread[k] < 20;
      }
}

/* The paper's surface, a quadratic fitted three times, each time without
 * the blocks that are not paper; flat at the paper's level when too few
 * blocks are. */
static void
fit_paper (Blocks *b,
           int     mode,
           double  coef[6])
{
  for (int iter = 0; iter < 3; iter++)
    {
      g_autofree double *sorted = NULL;
      guint n_used = 0, k = 0;
      double mad;

      for (guint i = 0; i < b->n; i++)
        n_used += b->use[i];
      if (n_used < 12 || !fit_quadratic (b->x, b->y, b->median, b->use, b->n, coef))
        {
          memset (coef, 0, 6 * sizeof (double));
          coef[0] = mode;
          return;
        }
      for (guint i = 0; i < b->n; i++)
        {
          double f = coef[0] + coef[1] * b->x[i] + coef[2] * b->y[i] + coef[3] * b->x[i] * b->x[i] +
                     coef[4] * b->x[i] * b->y[i] + coef[5] * b->y[i] * b->y[i];
          b->resid[i] = fabs (b->median[i] - f);
        }
      sorted = g_memdup2 (b->resid, b->n * sizeof (double));
      for (guint i = 0; i < b->n; i++)
        if (b->use[i])
          sorted[k++] = b->resid[i];
      qsort (sorted, k, sizeof (double), plantar_compare_doubles);
      mad = k ? sorted[k / 2] : 0;
      for (guint i = 0; i < b->n; i++)
        b->use[i] = b->resid[i] < MAX (4.5 * 1.4826 * mad, 5) && b->spread[i] < 25;
    }
}

/* The paper's grain after averaging: the median spread of its blocks. */
static double
paper_noise (const Blocks *b)
{
  g_autofree double *spreads = g_new (double, b->n);
  guint k = 0;

  for (guint i = 0; i < b->n; i++)
    if (b->use[i])
      spreads[k++] = b->spread[i];
  qsort (spreads, k, sizeof (double), plantar_compare_doubles);
  return k ? spreads[k / 2] : 2;
}

/* Each cell's departure from the paper surface into map->load, and how
 * many depart darker and brighter than @t0: which way the print goes. */
static void
departures (PlantarContactMap *map,
            const float       *img,
            const double       coef[6],
            double             t0,
            gsize             *dark,
            gsize             *bright)
{
  guint ow = map->width, oh = map->height;

  *dark = *bright = 0;
  /* the surface is a quadratic in x along each row */
  for (guint y = 0; y < oh; y++)
    {
      double ny = 2.0 * (y + 0.5) / oh - 1;
      float a0 = coef[0] + coef[2] * ny + coef[5] * ny * ny;
      float a1 = coef[1] + coef[4] * ny;
      float a2 = coef[3];
      const float *src = img + (gsize) y * ow;
      float *dst = map->load + (gsize) y * ow;
      float sx = 2.0f / ow, ft0 = t0;
      guint nd = 0, nbr = 0;
      for (guint x = 0; x < ow; x++)
        {
          float nx = (x + 0.5f) * sx - 1;
          float d = src[x] - (a0 + nx * (a1 + nx * a2));
          dst[x] = d;
          nd += d < -ft0;
          nbr += d > ft0;
        }
      *dark += nd;
      *bright += nbr;
    }
}

static void
nothing_to_see (double   marks,
                int      mode,
                GError **error)
{
  gboolean saturated = mode <= 3 || mode >= 252;

  /* a foot's print covers 80 cm² and more; writing, a ruler's ticks or
   * specks are no print */
  if (!saturated && marks >= 50)
    g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_FOOT,
                 _("No foot found: only small marks stand out from the paper (%.0f mm² in all; "
                   "a foot's print covers at least 8000 mm²)."), marks);
  else
    g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_BLANK,
                 saturated ? _("The image is saturated (almost all %s): no print can be told from the paper.")
                           : _("The image is blank: nothing on it stands out from the paper."),
                 mode <= 3 ? _("black") : _("white"));
}

/* The typical contrast of the print: the 85th percentile of what departs
 * more than @t0 the way the print goes (@sign). */
static double
print_contrast (const PlantarContactMap *map,
                double                   sign,
                double                   t0)
{
  guint chist[512] = { 0 };
  gsize n = 0, acc = 0;

  for (gsize i = 0; i < (gsize) map->width * map->height; i++)
    {
      double d = sign * map->load[i];
      if (d > t0)
        {
          chist[MIN ((guint) d, 511)]++;
          n++;
        }
    }
  for (guint v = 0; v < 512; v++)
    {
      acc += chist[v];
      if (acc >= n * 0.85)
        return MAX (v, t0 * 1.5);
    }
  return t0;
}

/**
 * plantar_contact_from_image:
 * @threshold: fraction of the ink's contrast that counts as contact
 */
PlantarContactMap *
plantar_contact_from_image (PlantarScan  *scan,
                            double        threshold,
                            GError      **error)
{
  double px = plantar_scan_get_cell_width_mm (scan);
  double py = plantar_scan_get_cell_height_mm (scan);
  guint factor = MAX (1, (guint) lround (OVERVIEW_MM / MAX (px, py)));
  guint ow, oh;
  const float *img = plantar_scan_get_overview (scan, factor, &ow, &oh);
  Blocks blocks = { 0 };
  double coef[6] = { 0 }, t0, sign;
  gsize dark, bright, n = (gsize) ow * oh;
  PlantarContactMap *map;
  int mode = paper_mode (img, n);

  paper_blocks (img, ow, oh, px * factor, mode, &blocks);
  fit_paper (&blocks, mode, coef);
  t0 = MAX (20, 6 * paper_noise (&blocks));
  blocks_clear (&blocks);

  map = g_new0 (PlantarContactMap, 1);
  map->width = ow;
  map->height = oh;
  map->cell_w = px * factor;
  map->cell_h = py * factor;
  map->load = g_new (float, n);
  map->contact = g_new0 (guint8, n);
  map->threshold = threshold;
  departures (map, img, coef, t0, &dark, &bright);
  if (MAX (dark, bright) * map->cell_w * map->cell_h < 1500)
    {
      nothing_to_see (MAX (dark, bright) * map->cell_w * map->cell_h, mode, error);
      plantar_contact_map_free (map);
      return NULL;
    }

  /* the load: the departure the print's way, in its typical contrasts */
  sign = dark >= bright ? -1 : 1;
  {
    float scale = sign / print_contrast (map, sign, t0), thr = threshold;
    float *load = map->load;
    guint8 *contact = map->contact;
    for (gsize i = 0; i < n; i++)
      {
        float v = load[i] * scale;
        v = v > 0 ? v : 0;
        load[i] = v;
        contact[i] = v > thr;
      }
  }
  return map;
}

PlantarContactMap *
plantar_contact_from_pressure (const PlantarScan *scan,
                               const float       *values,
                               double             threshold)
{
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  const guint8 *mask = plantar_scan_get_mask (scan);
  PlantarContactMap *map = g_new0 (PlantarContactMap, 1);

  map->width = w;
  map->height = h;
  map->cell_w = plantar_scan_get_cell_width_mm (scan);
  map->cell_h = plantar_scan_get_cell_height_mm (scan);
  map->is_pressure = TRUE;
  map->threshold = threshold;
  map->open_edges = plantar_scan_get_open_edges (scan);
  map->load = g_memdup2 (values, (gsize) w * h * sizeof (float));
  map->contact = g_new (guint8, (gsize) w * h);
  for (gsize i = 0; i < (gsize) w * h; i++)
    map->contact[i] = (mask == NULL || mask[i]) && values[i] > threshold;
  return map;
}

gboolean
plantar_cell_on_closed_edge (guint        x,
                             guint        y,
                             guint        width,
                             guint        height,
                             PlantarEdges open_edges)
{
  return (x == 0 && !(open_edges & PLANTAR_EDGE_LEFT)) || (x + 1 == width && !(open_edges & PLANTAR_EDGE_RIGHT)) ||
         (y == 0 && !(open_edges & PLANTAR_EDGE_TOP)) || (y + 1 == height && !(open_edges & PLANTAR_EDGE_BOTTOM));
}

/* ------------------------------------------------------------ components */

static guint32
find (guint32 *parent,
      guint32  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static void
unite (guint32 *parent,
       guint32  a,
       guint32  b)
{
  a = find (parent, a);
  b = find (parent, b);
  if (a != b)
    parent[MAX (a, b)] = MIN (a, b);
}

/**
 * plantar_label_components:
 *
 * Labels 8-connected regions of contact 1..n (0 = none).
 */
guint32 *
plantar_label_components (const guint8 *contact,
                          guint         width,
                          guint         height,
                          guint        *n_labels)
{
  g_autoptr(GArray) parent = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 *labels = g_new0 (guint32, (gsize) width * height);
  guint32 next = 1;
  g_autofree guint32 *final = NULL;

  g_array_append_val (parent, (guint32) { 0 });
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        gsize i = (gsize) y * width + x;
        guint32 nb[4];
        guint n = 0;

        if (!contact[i])
          continue;
        if (x > 0 && labels[i - 1])
          nb[n++] = labels[i - 1];
        if (y > 0)
          {
            if (labels[i - width])
              nb[n++] = labels[i - width];
            if (x > 0 && labels[i - width - 1])
              nb[n++] = labels[i - width - 1];
            if (x + 1 < width && labels[i - width + 1])
              nb[n++] = labels[i - width + 1];
          }
        if (n == 0)
          {
            labels[i] = next;
            g_array_append_val (parent, next);
            next++;
          }
        else
          {
            guint32 m = nb[0];
            for (guint k = 1; k < n; k++)
              m = MIN (m, nb[k]);
            labels[i] = m;
            /* neighbours mostly carry the same label: unite only where not */
            for (guint k = 0; k < n; k++)
              if (nb[k] != m)
                unite ((guint32 *) (void *) parent->data, m, nb[k]);
          }
      }

  /* compact the labels to 1..n */
  final = g_new0 (guint32, next);
  *n_labels = 0;
  for (guint32 l = 1; l < next; l++)
    {
      guint32 root = find ((guint32 *) (void *) parent->data, l);
      if (root == l)
        final[l] = ++*n_labels;
    }
  for (guint32 l = 1; l < next; l++)
    final[l] = final[find ((guint32 *) (void *) parent->data, l)];
  for (gsize i = 0; i < (gsize) width * height; i++)
    if (labels[i])
      labels[i] = final[labels[i]];
  return labels;
}

static void
mark_clear (gpointer data)
{
  PlantarMark *m = data;
  g_clear_pointer (&m->labels, g_array_unref);
}

void
plantar_marks_free (GArray *marks)
{
  g_array_unref (marks);
}

/**
 * plantar_marks_from_labels:
 * @weights: (nullable): area weight of each cell (coverage), 1 when NULL
 *
 * One mark per label, with its box, area and moments in mm.
 */
GArray *
plantar_marks_from_labels (const guint32 *labels,
                           guint          n_labels,
                           const float   *weights,
                           guint          width,
                           guint          height,
                           double         cell_w,
                           double         cell_h,
                           PlantarEdges   open_edges)
{
  GArray *marks = g_array_sized_new (FALSE, TRUE, sizeof (PlantarMark), n_labels);
  double cell_area = cell_w * cell_h;

  g_array_set_clear_func (marks, mark_clear);
  g_array_set_size (marks, n_labels);
  for (guint k = 0; k < n_labels; k++)
    {
      PlantarMark *m = &g_array_index (marks, PlantarMark, k);
      guint32 label = k + 1;
      m->x0 = m->y0 = G_MAXDOUBLE;
      m->x1 = m->y1 = -G_MAXDOUBLE;
      m->t0 = m->t1 = -1;
      m->labels = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val (m->labels, label);
    }

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        gsize i = (gsize) y * width + x;
        PlantarMark *m;
        double cx, cy, a;

        if (!labels[i])
          continue;
        m = &g_array_index (marks, PlantarMark, labels[i] - 1);
        cx = (x + 0.5) * cell_w;
        cy = (y + 0.5) * cell_h;
        a = cell_area * (weights ? weights[i] : 1);
        m->x0 = MIN (m->x0, x * cell_w);
        m->y0 = MIN (m->y0, y * cell_h);
        m->x1 = MAX (m->x1, (x + 1) * cell_w);
        m->y1 = MAX (m->y1, (y + 1) * cell_h);
        m->area += cell_area;
        m->m += a;
        m->mx += a * cx;
        m->my += a * cy;
        m->mxx += a * cx * cx;
        m->mxy += a * cx * cy;
        m->myy += a * cy * cy;
        if (plantar_cell_on_closed_edge (x, y, width, height, open_edges))
          m->touches_edge = TRUE;
      }
  return marks;
}

/* Length and width of a mark from its second moments, as for a rectangle:
 * sqrt(12 × variance) along and across its main axis. */
void
plantar_mark_extent (const PlantarMark *m,
                     double            *length,
                     double            *width)
{
  double cx, cy, vxx, vxy, vyy, tr, det, disc;

  if (m->m <= 0)
    {
      *length = *width = 0;
      return;
    }
  cx = m->mx / m->m;
  cy = m->my / m->m;
  vxx = m->mxx / m->m - cx * cx;
  vyy = m->myy / m->m - cy * cy;
  vxy = m->mxy / m->m - cx * cy;
  tr = vxx + vyy;
  det = vxx * vyy - vxy * vxy;
  disc = sqrt (MAX (0, tr * tr / 4 - det));
  *length = sqrt (12 * MAX (0, tr / 2 + disc));
  *width = sqrt (12 * MAX (0, tr / 2 - disc));
}

/* A foot, barefoot or in a shoe, child or adult: 110 to 380 mm long. */
gboolean
plantar_mark_is_foot (const PlantarMark *m)
{
  double length, width;

  plantar_mark_extent (m, &length, &width);
  return m->area >= 2500 && length >= 110 && length <= 380 && width >= 30 && width <= 170 &&
         width / length >= 0.15 && width / length <= 0.75;
}

static void
merge_into (PlantarMark       *a,
            const PlantarMark *b)
{
  a->x0 = MIN (a->x0, b->x0);
  a->y0 = MIN (a->y0, b->y0);
  a->x1 = MAX (a->x1, b->x1);
  a->y1 = MAX (a->y1, b->y1);
  a->area += b->area;
  a->m += b->m;
  a->mx += b->mx;
  a->my += b->my;
  a->mxx += b->mxx;
  a->mxy += b->mxy;
  a->myy += b->myy;
  a->touches_edge |= b->touches_edge;
  if (b->t0 >= 0)
    {
      a->t0 = a->t0 < 0 ? b->t0 : MIN (a->t0, b->t0);
      a->t1 = MAX (a->t1, b->t1);
    }
  g_array_append_vals (a->labels, b->labels->data, b->labels->len);
}

static double
box_gap (const PlantarMark *a,
         const PlantarMark *b)
{
  double dx = MAX (0, MAX (a->x0 - b->x1, b->x0 - a->x1));
  double dy = MAX (0, MAX (a->y0 - b->y1, b->y0 - a->y1));
  return sqrt (dx * dx + dy * dy);
}

static gboolean
may_merge (const PlantarMark *a,
           const PlantarMark *b,
           double             max_gap,
           int                max_frame_gap)
{
  PlantarMark both;
  double length, width;

  if (box_gap (a, b) > max_gap)
    return FALSE;
  if (a->t0 >= 0 && b->t0 >= 0 &&
      (b->t0 > a->t1 + max_frame_gap || a->t0 > b->t1 + max_frame_gap))
    return FALSE;

  both = *a;
  both.m += b->m;
  both.mx += b->mx;
  both.my += b->my;
  both.mxx += b->mxx;
  both.mxy += b->mxy;
  both.myy += b->myy;
  plantar_mark_extent (&both, &length, &width);
  return length <= 370 && width <= 165;
}

/**
 * plantar_marks_group_feet:
 * @max_frame_gap: for recordings, how many frames apart two marks of one
 *   step may be; ignored for static marks (t0 < 0)
 *
 * Merges marks into feet, nearest first: the heel, the ball and the toe pads
 * of a print, which need not touch (a high arch leaves 60 mm and more
 * between heel and ball), join as long as together they stay foot-shaped
 * (at most 370 × 165 mm), so that two feet never do.
 *
 * Returns: (transfer full): the groups
 */
typedef struct
{
  double gap;
  guint i, j;       /* i < j */
  guint vi, vj;     /* the groups' versions when the pair was weighed */
} MarkPair;

static gboolean
pair_before (const MarkPair *p,
             const MarkPair *q)
{
  if (p->gap != q->gap)
    return p->gap < q->gap;
  if (p->i != q->i)
    return p->i < q->i;
  return p->j < q->j;
}

static void
pairs_push (GArray   *heap,
            MarkPair  pair)
{
  guint k = heap->len;

  g_array_append_val (heap, pair);
  while (k > 0)
    {
      guint up = (k - 1) / 2;
      MarkPair *a = &g_array_index (heap, MarkPair, k), *b = &g_array_index (heap, MarkPair, up), t;
      if (!pair_before (a, b))
        break;
      t = *a, *a = *b, *b = t;
      k = up;
    }
}

static MarkPair
pairs_pop (GArray *heap)
{
  MarkPair top = g_array_index (heap, MarkPair, 0);
  guint k = 0, n = heap->len - 1;

  g_array_index (heap, MarkPair, 0) = g_array_index (heap, MarkPair, n);
  g_array_set_size (heap, n);
  for (;;)
    {
      guint l = 2 * k + 1, r = l + 1, m = k;
      MarkPair t;
      if (l < n && pair_before (&g_array_index (heap, MarkPair, l), &g_array_index (heap, MarkPair, m)))
        m = l;
      if (r < n && pair_before (&g_array_index (heap, MarkPair, r), &g_array_index (heap, MarkPair, m)))
        m = r;
      if (m == k)
        break;
      t = g_array_index (heap, MarkPair, k);
      g_array_index (heap, MarkPair, k) = g_array_index (heap, MarkPair, m);
      g_array_index (heap, MarkPair, m) = t;
      k = m;
    }
  return top;
}

/* Weighs groups i and j and keeps them as a candidate when they may ever
 * merge as they stand. */
static void
pairs_consider (GArray      *heap,
                GArray      *groups,
                const guint *version,
                guint        i,
                guint        j,
                double       max_gap,
                int          max_frame_gap)
{
  const PlantarMark *a, *b;
  MarkPair pair;

  if (i > j)
    {
      guint t = i;
      i = j, j = t;
    }
  a = &g_array_index (groups, PlantarMark, i);
  b = &g_array_index (groups, PlantarMark, j);
  if (a->t0 >= 0 && b->t0 >= 0 &&
      (b->t0 > a->t1 + max_frame_gap || a->t0 > b->t1 + max_frame_gap))
    return;
  pair.gap = box_gap (a, b);
  if (pair.gap > max_gap)
    return;
  pair.i = i;
  pair.j = j;
  pair.vi = version[i];
  pair.vj = version[j];
  pairs_push (heap, pair);
}

/**
 * plantar_marks_group_feet:
 * @max_frame_gap: for recordings, how many frames apart two marks of one
 *   step may be; ignored for static marks (t0 < 0)
 *
 * Merges marks into feet, nearest first: the heel, the ball and the toe pads
 * of a print, which need not touch (a high arch leaves 60 mm and more
 * between heel and ball), join as long as together they stay foot-shaped
 * (at most 370 × 165 mm), so that two feet never do.
 *
 * The candidates wait in a heap, nearest first (then by index, so that
 * ties go as a scan from the top would take them); a pair whose group has
 * grown since it was weighed is dropped, and the grown group weighed again
 * against the rest. Thousands of specks of noise group in milliseconds.
 *
 * Returns: (transfer full): the groups
 */
GArray *
plantar_marks_group_feet (GArray *marks,
                          double  max_gap_mm,
                          int     max_frame_gap)
{
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (PlantarMark));
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (MarkPair));
  g_autofree gboolean *alive = NULL;
  g_autofree guint *version = NULL;

  g_array_set_clear_func (groups, mark_clear);
  for (guint i = 0; i < marks->len; i++)
    {
      PlantarMark copy = g_array_index (marks, PlantarMark, i);
      copy.labels = g_array_copy (copy.labels);
      g_array_append_val (groups, copy);
    }
  alive = g_new (gboolean, groups->len);
  version = g_new0 (guint, groups->len);
  for (guint i = 0; i < groups->len; i++)
    alive[i] = TRUE;

  for (guint i = 0; i < groups->len; i++)
    for (guint j = i + 1; j < groups->len; j++)
      pairs_consider (heap, groups, version, i, j, max_gap_mm, max_frame_gap);

  while (heap->len > 0)
    {
      MarkPair pair = pairs_pop (heap);
      PlantarMark *a, *b;

      if (!alive[pair.i] || !alive[pair.j] ||
          pair.vi != version[pair.i] || pair.vj != version[pair.j])
        continue;
      a = &g_array_index (groups, PlantarMark, pair.i);
      b = &g_array_index (groups, PlantarMark, pair.j);
      if (!may_merge (a, b, max_gap_mm, max_frame_gap))
        continue;
      merge_into (a, b);
      alive[pair.j] = FALSE;
      version[pair.i]++;
      for (guint k = 0; k < groups->len; k++)
        if (alive[k] && k != pair.i)
          pairs_consider (heap, groups, version, pair.i, k, max_gap_mm, max_frame_gap);
    }

  for (guint i = groups->len; i-- > 0;)
    if (!alive[i])
      g_array_remove_index (groups, i);
  return groups;
}

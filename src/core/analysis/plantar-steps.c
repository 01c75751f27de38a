/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-steps"

#include "config.h"

#include <string.h>

#include "plantar-analysis-private.h"

/*
 * The steps of a walk.
 *
 * 1. On a treadmill the belt carries each foot backwards while it stands:
 *    the belt's speed is the shift that best lines up each frame with the
 *    frame four later (the median over the recording). On a plate it is 0.
 * 2. In every frame, contact falls into connected regions. A region that
 *    overlaps (after the belt's shift) a region of the frame before is the
 *    same piece of foot: chained over time, they make tracks.
 * 3. Tracks that overlap in time and lie together foot-shaped (the heel and
 *    the forefoot of a high arch never touch) are one step.
 * 4. Each step is laid out in the belt's frame as it was when the heel
 *    struck: its peak pressures are its footprint, its frames stay with it
 *    for the centre of pressure and the pressure-time integrals.
 * 5. Its side comes from where it lies across the line of walking when the
 *    walk shows one, and from its shape otherwise.
 */

typedef struct {
  guint   frame;
  guint   start, end;    /* its cells in the shared cell list */
  guint32 track;         /* union-find parent */
} Region;

#define SHIFT_GAP 4      /* frames between the pair compared for the belt speed */

/* ------------------------------------------------------------ belt speed */

/* How far (cells, + is towards higher x) the content of profile @b lies
 * from @a, with the correlation of the match. */
static double
best_shift (const double *a,
            const double *b,
            guint         n,
            int           max_shift,
            double       *quality)
{
  double best = -1, at = 0, scores[3] = { 0 };
  double na = 0, nb = 0;

  for (guint i = 0; i < n; i++)
    {
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
  if (na <= 0 || nb <= 0)
    {
      *quality = 0;
      return 0;
    }

  for (int s = -max_shift; s <= max_shift; s++)
    {
      double c = 0;
      for (int i = 0; i < (int) n; i++)
        {
          int j = i + s;
          if (j >= 0 && j < (int) n)
            c += a[i] * b[j];
        }
      c /= sqrt (na * nb);
      if (c > best)
        {
          best = c;
          at = s;
        }
    }

  /* to a fraction of a cell: a parabola through the peak and its neighbours */
  for (int k = -1; k <= 1; k++)
    {
      int s = (int) at + k;
      double c = 0;
      for (int i = 0; i < (int) n; i++)
        {
          int j = i + s;
          if (j >= 0 && j < (int) n)
            c += a[i] * b[j];
        }
      scores[k + 1] = c / sqrt (na * nb);
    }
  {
    double d = scores[0] - 2 * scores[1] + scores[2];
    if (d < 0)
      at += 0.5 * (scores[0] - scores[2]) / d;
  }
  *quality = best;
  return at;
}

/* The shift most pairs agree on, or 0: at least half of the @n_pairs
 * with a load, within a quarter of the median, and at least 0.3 cells a
 * frame. */
static double
steady_shift (GArray *shifts,
              guint   n_pairs)
{
  double median;
  guint agree = 0;

  if (shifts->len == 0 || shifts->len < n_pairs / 2)
    return 0;
  g_array_sort (shifts, plantar_compare_doubles);
  median = g_array_index (shifts, double, shifts->len / 2);
  if (fabs (median) < 0.3 * SHIFT_GAP)
    return 0;
  for (guint i = 0; i < shifts->len; i++)
    agree += fabs (g_array_index (shifts, double, i) - median) < 0.25 * fabs (median);
  return agree >= 0.5 * n_pairs ? median : 0;
}

/* The belt's velocity in cells per frame, along x and y. */
static void
belt_velocity (const PlantarScan *scan,
               double            *vx,
               double            *vy)
{
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  guint n = plantar_scan_get_n_frames (scan);
  g_autofree double *cols = g_new0 (double, (gsize) n * w);
  g_autofree double *rows = g_new0 (double, (gsize) n * h);
  g_autoptr(GArray) sx = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sy = g_array_new (FALSE, FALSE, sizeof (double));
  guint loaded = 0;

  *vx = *vy = 0;
  for (guint f = 0; f < n; f++)
    {
      const float *v = plantar_scan_get_frame (scan, f);
      for (guint y = 0; y < h; y++)
        for (guint x = 0; x < w; x++)
          {
            double p = v[(gsize) y * w + x];
            cols[(gsize) f * w + x] += p;
            rows[(gsize) f * h + y] += p;
          }
    }

  for (guint f = 0; f + SHIFT_GAP < n; f++)
    {
      double qx, qy, dx, dy;
      dx = best_shift (cols + (gsize) f * w, cols + (gsize) (f + SHIFT_GAP) * w, w, 6 * SHIFT_GAP, &qx);
      dy = best_shift (rows + (gsize) f * h, rows + (gsize) (f + SHIFT_GAP) * h, h, 6 * SHIFT_GAP, &qy);
      if (qx > 0.9)
        g_array_append_val (sx, dx);
      if (qy > 0.9)
        g_array_append_val (sy, dy);
      /* a pair with a foot on the plate in both frames: a run's flights
       * and the empty ends of a recording have nothing to agree on */
      loaded += qx > 0 || qy > 0;
    }

  /* a belt moves the whole recording at one speed: most pairs must agree
   * on it (a foot rolling from heel to toe shifts its load too, but only
   * while it stands, and not evenly) */
  *vx = steady_shift (sx, loaded) / SHIFT_GAP;
  *vy = steady_shift (sy, loaded) / SHIFT_GAP;
  /* a belt runs one way */
  if (*vx != 0 && *vy != 0)
    {
      if (fabs (*vx) > fabs (*vy))
        *vy = 0;
      else
        *vx = 0;
    }
}

/* ------------------------------------------------------------ tracking */

static guint32
track_find (GArray  *regions,
            guint32  i)
{
  Region *r = (Region *) (void *) regions->data;

  while (r[i].track != i)
    {
      r[i].track = r[r[i].track].track;
      i = r[i].track;
    }
  return i;
}

/* ------------------------------------------------------------ the steps */

typedef struct {
  guint32  track;
  double   x0, y0, x1, y1;   /* box in the belt frame, cells */
} TrackBox;

static PlantarFootprint *
step_footprint (const PlantarScan *scan,
                GArray            *regions,
                GArray            *cells,
                const guint8      *in_step,     /* per region */
                int                t0,
                int                t1,
                double             vx,
                double             vy,
                double             threshold,
                gboolean          *touches_edge)
{
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  double cw = plantar_scan_get_cell_width_mm (scan), ch = plantar_scan_get_cell_height_mm (scan);
  double bx0 = G_MAXDOUBLE, by0 = G_MAXDOUBLE, bx1 = -G_MAXDOUBLE, by1 = -G_MAXDOUBLE;
  int gx0, gy0, gw, gh;
  PlantarFootprint *fp;
  PlantarStepFrames *fr;
  g_autofree float *acc = NULL;
  g_autofree guint8 *touched = NULL;

  *touches_edge = FALSE;

  /* the step's box in the belt frame as it was at frame t0 */
  for (guint r = 0; r < regions->len; r++)
    {
      Region *reg = &g_array_index (regions, Region, r);
      double sx, sy;
      if (!in_step[r])
        continue;
      sx = vx * ((int) reg->frame - t0);
      sy = vy * ((int) reg->frame - t0);
      for (guint k = reg->start; k < reg->end; k++)
        {
          guint32 cell = g_array_index (cells, guint32, k);
          double x = cell % w - sx, y = cell / w - sy;
          bx0 = MIN (bx0, x);
          by0 = MIN (by0, y);
          bx1 = MAX (bx1, x);
          by1 = MAX (by1, y);
          if (plantar_cell_on_closed_edge (cell % w, cell / w, w, h, plantar_scan_get_open_edges (scan)))
            *touches_edge = TRUE;
        }
    }

  gx0 = (int) floor (bx0) - 2;
  gy0 = (int) floor (by0) - 2;
  gw = (int) ceil (bx1) + 3 - gx0;
  gh = (int) ceil (by1) + 3 - gy0;
  fp = plantar_footprint_new (gw, gh, cw, ch, TRUE);
  fp->x0 = gx0 * cw;
  fp->y0 = gy0 * ch;
  fp->threshold = threshold;
  fp->file_side = plantar_scan_get_side (scan);
  fp->uncalibrated = plantar_scan_get_value_kind (scan) == PLANTAR_VALUE_RAW;
  fp->start_ms = plantar_scan_get_frame_time_ms (scan, t0);

  fr = g_new0 (PlantarStepFrames, 1);
  fr->n_frames = t1 - t0 + 1;
  fr->frame_ms = plantar_scan_get_frame_ms (scan);
  fr->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  fr->cells = g_array_new (FALSE, FALSE, sizeof (guint32));
  fr->values = g_array_new (FALSE, FALSE, sizeof (float));
  fp->frames = fr;

  acc = g_new0 (float, (gsize) gw * gh);
  touched = g_new0 (guint8, (gsize) gw * gh);

  for (int f = t0; f <= t1; f++)
    {
      const float *values = plantar_scan_get_frame (scan, f);
      double sx = vx * (f - t0), sy = vy * (f - t0);
      guint start = fr->cells->len;

      g_array_append_val (fr->starts, start);
      memset (acc, 0, (gsize) gw * gh * sizeof (float));
      for (guint r = 0; r < regions->len; r++)
        {
          Region *reg = &g_array_index (regions, Region, r);
          if (!in_step[r] || (int) reg->frame != f)
            continue;
          for (guint k = reg->start; k < reg->end; k++)
            {
              guint32 cell = g_array_index (cells, guint32, k);
              double x = cell % w - sx - gx0, y = cell / w - sy - gy0;
              int ix = (int) floor (x), iy = (int) floor (y);
              double fx = x - ix, fy = y - iy;
              float p = values[cell];
              /* a belt's fraction of a cell: the value splits between cells */
              for (int dy = 0; dy <= 1; dy++)
                for (int dx = 0; dx <= 1; dx++)
                  {
                    double wgt = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy);
                    int xx = ix + dx, yy = iy + dy;
                    if (wgt <= 1e-6 || xx < 0 || yy < 0 || xx >= gw || yy >= gh)
                      continue;
                    acc[(gsize) yy * gw + xx] += wgt * p;
                  }
            }
        }
      for (int i = 0; i < gw * gh; i++)
        if (acc[i] > 0)
          {
            guint32 cell = i;
            g_array_append_val (fr->cells, cell);
            g_array_append_val (fr->values, acc[i]);
            fp->load[i] = MAX (fp->load[i], acc[i]);
            touched[i] = 1;
          }
    }
  {
    guint end = fr->cells->len;
    g_array_append_val (fr->starts, end);
  }

  /* the step's own cells, and one around them */
  for (int y = 0; y < gh; y++)
    for (int x = 0; x < gw; x++)
      {
        gboolean near = FALSE;
        for (int dy = -1; dy <= 1 && !near; dy++)
          for (int dx = -1; dx <= 1 && !near; dx++)
            {
              int xx = x + dx, yy = y + dy;
              near = xx >= 0 && yy >= 0 && xx < gw && yy < gh && touched[(gsize) yy * gw + xx];
            }
        fp->own[(gsize) y * gw + x] = near;
      }
  return fp;
}

static double
step_load (const PlantarFootprint *fp,
           guint                   frame)
{
  PlantarStepFrames *fr = fp->frames;
  double sum = 0;

  for (guint k = g_array_index (fr->starts, guint, frame); k < g_array_index (fr->starts, guint, frame + 1); k++)
    sum += g_array_index (fr->values, float, k);
  return sum;
}

static double
step_peak_load (const PlantarFootprint *fp)
{
  double peak = 0;

  for (guint f = 0; f < fp->frames->n_frames; f++)
    peak = MAX (peak, step_load (fp, f));
  return peak;
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  const PlantarFoot *fa = *(PlantarFoot *const *) a, *fb = *(PlantarFoot *const *) b;
  return (fa->first_frame > fb->first_frame) - (fa->first_frame < fb->first_frame);
}

/* Which foot each step is, from where it lies across the line of walking:
 * a left step lies to the walker's left of the line. Only when the walk
 * shows it: three steps or more, mostly well apart across the line. */
static gboolean
sides_from_walk (GPtrArray *steps,
                 double     dx,
                 double     dy,
                 GPtrArray *warnings)
{
  double lx = dy, ly = -dx;    /* the walker's left */
  double mx = 0, my = 0;
  guint n = 0, apart = 0, disagree = 0;

  for (guint i = 0; i < steps->len; i++)
    {
      PlantarFoot *s = g_ptr_array_index (steps, i);
      mx += s->heel_centre.x;
      my += s->heel_centre.y;
      n++;
    }
  if (n < 3)
    return FALSE;
  mx /= n;
  my /= n;

  for (guint i = 0; i < steps->len; i++)
    {
      PlantarFoot *s = g_ptr_array_index (steps, i);
      double off = (s->heel_centre.x - mx) * lx + (s->heel_centre.y - my) * ly;
      apart += fabs (off) > 20;
    }
  if (apart < 0.7 * n)
    return FALSE;

  for (guint i = 0; i < steps->len; i++)
    {
      PlantarFoot *s = g_ptr_array_index (steps, i);
      double off = (s->heel_centre.x - mx) * lx + (s->heel_centre.y - my) * ly;
      PlantarSide side = off > 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      if (g_strcmp0 (s->side_source, "file") == 0)
        continue;
      if (side != s->side && s->side_confidence > 0.5)
        disagree++;
      s->side = side;
      s->side_source = "walk";
      s->side_confidence = MIN (1.0, fabs (off) / 60.0);
    }
  if (disagree > 0)
    g_ptr_array_add (warnings, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u step looked like the other foot by its shape; "
                                                              "its place in the walk decided.",
                                                              "%u steps looked like the other foot by their shape; "
                                                              "their place in the walk decided.", disagree),
                                                disagree));
  return TRUE;
}

/* Walking, the feet take turns: when most steps' shapes agree with one
 * way of alternating, that way decides the rest (a step cut short, a foot
 * landing crossed over). */
static gboolean
sides_from_alternation (GPtrArray *steps,
                        GPtrArray *warnings)
{
  guint agree[2] = { 0, 0 }, n = 0, flipped = 0;
  int best;

  for (guint i = 0; i < steps->len; i++)
    {
      PlantarFoot *s = g_ptr_array_index (steps, i);
      if (g_strcmp0 (s->side_source, "file") == 0 || s->side == PLANTAR_SIDE_UNKNOWN)
        return FALSE;
      n++;
      /* parity 0: the first step is a left one */
      agree[0] += s->side == (i % 2 == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT);
      agree[1] += s->side == (i % 2 == 0 ? PLANTAR_SIDE_RIGHT : PLANTAR_SIDE_LEFT);
    }
  if (n < 3)
    return FALSE;
  best = agree[0] >= agree[1] ? 0 : 1;
  if (agree[best] < 0.7 * n)
    return FALSE;
  for (guint i = 0; i < steps->len; i++)
    {
      PlantarFoot *s = g_ptr_array_index (steps, i);
      PlantarSide side = (i % 2 == 0) == (best == 0) ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
      if (side != s->side)
        {
          flipped++;
          s->side = side;
          s->side_confidence = 0.5;
        }
      s->side_source = "walk";
    }
  if (flipped > 0)
    g_ptr_array_add (warnings, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u step looked like the other foot by its shape; "
                                                              "its place in the walk decided.",
                                                              "%u steps looked like the other foot by their shape; "
                                                              "their place in the walk decided.", flipped),
                                                flipped));
  return TRUE;
}

/* The cells of each region of @labels, grouped by label, as regions of
 * frame @f: regions->len grows by @n_labels. */
static void
add_frame_regions (GArray         *regions,
                   GArray         *cells,
                   const guint32  *labels,
                   gsize           n_cells,
                   guint           n_labels,
                   guint           f)
{
  g_autofree guint *count = g_new0 (guint, n_labels + 1);
  g_autofree guint *first = g_new0 (guint, n_labels + 2);
  g_autofree guint *cursor = g_new0 (guint, n_labels + 2);
  guint start = cells->len, total = 0;

  for (gsize i = 0; i < n_cells; i++)
    if (labels[i])
      {
        count[labels[i]]++;
        total++;
      }
  /* the cells of label l go to first[l] .. first[l] + count[l] */
  for (guint l = 1; l <= n_labels; l++)
    first[l + 1] = first[l] + count[l];
  memcpy (cursor, first, (n_labels + 2) * sizeof (guint));
  g_array_set_size (cells, start + total);
  for (gsize i = 0; i < n_cells; i++)
    if (labels[i])
      g_array_index (cells, guint32, start + cursor[labels[i]]++) = i;
  for (guint l = 1; l <= n_labels; l++)
    {
      Region reg = { f, start + first[l], start + first[l] + count[l], regions->len };
      g_array_append_val (regions, reg);
    }
}

/* Regions of contact in every frame, each chained to the regions of the
 * frame before it that it overlaps after the belt's shift. */
static void
track_regions (const PlantarScan *scan,
               double             threshold,
               double             vx,
               double             vy,
               GArray            *regions,
               GArray            *cells)
{
  guint w = plantar_scan_get_width (scan), h = plantar_scan_get_height (scan);
  const guint8 *mask = plantar_scan_get_mask (scan);
  g_autofree guint8 *contact = g_new (guint8, (gsize) w * h);
  g_autofree guint32 *prev_labels = NULL;
  int sx = (int) lround (vx), sy = (int) lround (vy);
  guint prev_base = 0;

  for (guint f = 0; f < plantar_scan_get_n_frames (scan); f++)
    {
      const float *values = plantar_scan_get_frame (scan, f);
      g_autofree guint32 *labels = NULL;
      guint n_labels, base = regions->len;

      for (gsize i = 0; i < (gsize) w * h; i++)
        contact[i] = (mask == NULL || mask[i]) && values[i] > threshold;
      labels = plantar_label_components (contact, w, h, &n_labels);
      add_frame_regions (regions, cells, labels, (gsize) w * h, n_labels, f);

      for (guint y = 0; prev_labels != NULL && y < h; y++)
        for (guint x = 0; x < w; x++)
          {
            guint32 l = labels[(gsize) y * w + x];
            int px = (int) x - sx, py = (int) y - sy;
            guint32 pl;
            if (!l || px < 0 || py < 0 || px >= (int) w || py >= (int) h)
              continue;
            pl = prev_labels[(gsize) py * w + px];
            if (pl)
              {
                guint32 a = track_find (regions, base + l - 1);
                guint32 b = track_find (regions, prev_base + pl - 1);
                if (a != b)
                  g_array_index (regions, Region, MAX (a, b)).track = MIN (a, b);
              }
          }
      g_free (prev_labels);
      prev_labels = g_steal_pointer (&labels);
      prev_base = base;
    }
}

/* Each track as a mark in the belt's frame (at frame 0), mm. */
static GArray *
tracks_to_marks (const PlantarScan *scan,
                 GArray            *regions,
                 GArray            *cells,
                 double             vx,
                 double             vy)
{
  guint w = plantar_scan_get_width (scan);
  double cw = plantar_scan_get_cell_width_mm (scan), ch = plantar_scan_get_cell_height_mm (scan);
  g_autoptr(GHashTable) track_index = g_hash_table_new (NULL, NULL);
  GArray *marks = g_array_new (FALSE, TRUE, sizeof (PlantarMark));

  for (guint r = 0; r < regions->len; r++)
    {
      Region *reg = &g_array_index (regions, Region, r);
      guint32 t = track_find (regions, r);
      gpointer found;
      PlantarMark *m;
      double sx = vx * reg->frame, sy = vy * reg->frame;

      if (!g_hash_table_lookup_extended (track_index, GUINT_TO_POINTER (t), NULL, &found))
        {
          PlantarMark nm = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE, 0, 0, 0, 0, 0, 0, 0,
                             (int) reg->frame, (int) reg->frame, FALSE, g_array_new (FALSE, FALSE, sizeof (guint32)) };
          g_array_append_val (nm.labels, t);
          g_array_append_val (marks, nm);
          found = GUINT_TO_POINTER (marks->len - 1);
          g_hash_table_insert (track_index, GUINT_TO_POINTER (t), found);
        }
      m = &g_array_index (marks, PlantarMark, GPOINTER_TO_UINT (found));
      m->t0 = MIN (m->t0, (int) reg->frame);
      m->t1 = MAX (m->t1, (int) reg->frame);
      for (guint k = reg->start; k < reg->end; k++)
        {
          guint32 cell = g_array_index (cells, guint32, k);
          double x = ((cell % w) - sx + 0.5) * cw, y = ((cell / w) - sy + 0.5) * ch;
          double a = cw * ch;
          m->x0 = MIN (m->x0, x - cw / 2);
          m->y0 = MIN (m->y0, y - ch / 2);
          m->x1 = MAX (m->x1, x + cw / 2);
          m->y1 = MAX (m->y1, y + ch / 2);
          /* moments of the footprint, not of every frame: weigh each frame's
           * cell by one over the region's duration later; area by frame here */
          m->m += a;
          m->mx += a * x;
          m->my += a * y;
          m->mxx += a * x * x;
          m->mxy += a * x * y;
          m->myy += a * y * y;
        }
    }
  for (guint i = 0; i < marks->len; i++)
    {
      PlantarMark *m = &g_array_index (marks, PlantarMark, i);
      m->area = (m->x1 - m->x0) * (m->y1 - m->y0);
    }
  return marks;
}

/* What was seen that is not a step, for the error when nothing is. */
typedef struct {
  guint  n_odd;          /* prints not shaped like a foot */
  double odd_length, odd_width;
  double largest;        /* the longest contact, mm */
} NotSteps;

/* The group of tracks @grp laid out and measured as a step, or NULL
 * when it is no step (too short, not foot-sized, a paw). */
static PlantarFoot *
measure_group (PlantarScan       *scan,
               GArray            *regions,
               GArray            *cells,
               const PlantarMark *grp,
               double             vx,
               double             vy,
               double             threshold,
               NotSteps          *seen)
{
  double frame_ms = plantar_scan_get_frame_ms (scan) > 0 ? plantar_scan_get_frame_ms (scan) : 10;
  guint n = plantar_scan_get_n_frames (scan);
  g_autofree guint8 *in_step = NULL;
  g_autoptr(PlantarFootprint) fp = NULL;
  gboolean edge, cut_start, cut_end;
  PlantarFoot *step;
  double size = MAX (grp->x1 - grp->x0, grp->y1 - grp->y0), len;

  seen->largest = MAX (seen->largest, size);
  /* a step lasts at least 100 ms and is foot-sized */
  if ((grp->t1 - grp->t0 + 1) * frame_ms < 100 || size < 110 || size > 400)
    return NULL;

  in_step = g_new0 (guint8, regions->len);
  for (guint r = 0; r < regions->len; r++)
    {
      guint32 t = track_find (regions, r);
      for (guint k = 0; k < grp->labels->len && !in_step[r]; k++)
        in_step[r] = g_array_index (grp->labels, guint32, k) == t;
    }

  fp = step_footprint (scan, regions, cells, in_step, grp->t0, grp->t1, vx, vy, threshold, &edge);
  /* an insole's edge is the shoe's: the foot always reaches it, and
   * nothing of the foot lies beyond it to be missed */
  if (plantar_scan_get_in_shoe (scan))
    edge = FALSE;
  /* cut off by the recording: already carrying a tenth of its heaviest
   * load in the first frame, or still in the last */
  cut_start = grp->t0 == 0 && step_load (fp, 0) > 0.1 * step_peak_load (fp);
  cut_end = grp->t1 == (int) n - 1 && step_load (fp, fp->frames->n_frames - 1) > 0.1 * step_peak_load (fp);
  fp->notes = g_ptr_array_new_with_free_func (g_free);
  if (cut_start)
    g_ptr_array_add (fp->notes, g_strdup (_("The recording starts during this step.")));
  if (cut_end)
    g_ptr_array_add (fp->notes, g_strdup (_("The recording ends during this step.")));
  if (edge)
    g_ptr_array_add (fp->notes, g_strdup (_("The foot touches the edge of the plate: part of it may be missing.")));
  step = plantar_foot_measure (fp, NULL, threshold);
  if (step == NULL)
    return NULL;

  /* two marks in a line with nothing between them and narrow for their
   * length are paws, or two objects: a foot without midfoot contact (a
   * high arch) still has a ball a third as wide as it is long */
  len = isnan (step->foot_length_mm) ? step->toeless_length_mm : step->foot_length_mm;
  if (!edge && step->arch_index < 0.02 && step->ball_width_mm < 0.30 * len)
    {
      seen->n_odd++;
      seen->odd_length = len;
      seen->odd_width = step->ball_width_mm;
      plantar_foot_unref (step);
      return NULL;
    }
  step->first_frame = grp->t0;
  step->last_frame = grp->t1;
  step->start_ms = plantar_scan_get_frame_time_ms (scan, grp->t0);
  step->complete = !cut_start && !cut_end && !edge;
  return step;
}

static void
no_steps_error (const NotSteps  *seen,
                double           threshold,
                GError         **error)
{
  if (seen->n_odd == 1)
    g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_FOOT,
                 _("No steps found: the one print is not shaped like a human foot (%.0f mm long, "
                   "%.0f mm wide, nothing under the midfoot): paws, or separate objects."),
                 seen->odd_length, seen->odd_width);
  else if (seen->n_odd > 1)
    g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_FOOT,
                 _("No steps found: the %u prints are not shaped like a human foot (the last %.0f mm long, "
                   "%.0f mm wide, nothing under the midfoot): paws, or separate objects."),
                 seen->n_odd, seen->odd_length, seen->odd_width);
  else if (seen->largest > 0)
    g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_FOOT,
                 _("No steps found: the contacts are at most %.0f mm long, too small for a human foot, "
                   "or too short to be a step."), seen->largest);
  else
    g_set_error (error, PLANTAR_ANALYSIS_ERROR, PLANTAR_ANALYSIS_ERROR_NO_FOOT,
                 _("No steps found: nothing touched the plate above %.3g kPa."), threshold);
}

/* The direction of walking, mm: against the belt, or along the steps of
 * one foot; (0, 0) when the walk shows none. */
static void
walk_direction (GPtrArray *steps,
                double     belt_x,
                double     belt_y,
                double    *dirx,
                double    *diry)
{
  *dirx = *diry = 0;
  if (belt_x != 0 || belt_y != 0)
    {
      *dirx = -belt_x;
      *diry = -belt_y;
    }
  else if (steps->len >= 3)
    {
      /* every second step is the same foot: the line of walking runs
       * along them, not from a left heel to a right one */
      for (guint i = 0; i + 2 < steps->len; i++)
        {
          PlantarFoot *a = g_ptr_array_index (steps, i), *b = g_ptr_array_index (steps, i + 2);
          *dirx += b->heel_centre.x - a->heel_centre.x;
          *diry += b->heel_centre.y - a->heel_centre.y;
        }
      if (hypot (*dirx, *diry) < 150 * (steps->len - 2))
        *dirx = *diry = 0;   /* in place: a shoe, or stepping on the spot */
    }
  else if (steps->len == 2)
    {
      PlantarFoot *a = g_ptr_array_index (steps, 0), *b = g_ptr_array_index (steps, 1);
      *dirx = b->heel_centre.x - a->heel_centre.x;
      *diry = b->heel_centre.y - a->heel_centre.y;
      if (hypot (*dirx, *diry) < 150)
        *dirx = *diry = 0;
    }
}

/* Which foot each step is, from the walk: where it lands across the line
 * of walking, or else the feet taking turns. On a treadmill the heel
 * centres are in the belt's frame at their own heel strikes: they are
 * brought to one frame first (@belt_x, @belt_y: mm a frame). */
static void
decide_sides (GPtrArray *steps,
              double     dirx,
              double     diry,
              double     belt_x,
              double     belt_y,
              GPtrArray *warnings)
{
  g_autoptr(GPtrArray) placed = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_foot_unref);
  gboolean decided;

  for (guint i = 0; i < steps->len; i++)
    {
      PlantarFoot *s = g_ptr_array_index (steps, i);
      PlantarFoot *copy = plantar_foot_new ();
      copy->heel_centre.x = s->heel_centre.x - belt_x * s->first_frame;
      copy->heel_centre.y = s->heel_centre.y - belt_y * s->first_frame;
      copy->side = s->side;
      copy->side_confidence = s->side_confidence;
      copy->side_source = s->side_source;
      g_ptr_array_add (placed, copy);
    }
  decided = sides_from_walk (placed, dirx, diry, warnings);
  for (guint i = 0; decided && i < steps->len; i++)
    {
      PlantarFoot *s = g_ptr_array_index (steps, i), *p = g_ptr_array_index (placed, i);
      s->side = p->side;
      s->side_source = p->side_source;
      s->side_confidence = p->side_confidence;
    }
  /* feet that land close to the line of walking: the steps still alternate */
  if (!decided)
    sides_from_alternation (steps, warnings);
}

/**
 * plantar_find_steps:
 * @belt_mm_per_s: (out): the treadmill's speed, 0 on a plate
 * @walk_angle_deg: (out): the direction of walking, from "up", clockwise
 *
 * Returns: (transfer full) (element-type PlantarFoot): the steps, measured,
 *   in order of time
 */
GPtrArray *
plantar_find_steps (PlantarScan  *scan,
                    double        threshold,
                    double       *belt_mm_per_s,
                    double       *walk_angle_deg,
                    GPtrArray    *warnings,
                    GError      **error)
{
  double cw = plantar_scan_get_cell_width_mm (scan), ch = plantar_scan_get_cell_height_mm (scan);
  double frame_ms = plantar_scan_get_frame_ms (scan) > 0 ? plantar_scan_get_frame_ms (scan) : 10;
  g_autoptr(GArray) regions = g_array_new (FALSE, FALSE, sizeof (Region));
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_foot_unref);
  g_autoptr(GArray) marks = NULL;
  g_autoptr(GArray) groups = NULL;
  NotSteps seen = { 0 };
  double vx = 0, vy = 0, dirx, diry;

  /* an insole goes with the foot: no belt under it */
  if (!plantar_scan_get_in_shoe (scan))
    belt_velocity (scan, &vx, &vy);
  *belt_mm_per_s = hypot (vx * cw, vy * ch) / (frame_ms / 1000.0);
  *walk_angle_deg = NAN;

  track_regions (scan, threshold, vx, vy, regions, cells);
  marks = tracks_to_marks (scan, regions, cells, vx, vy);
  groups = plantar_marks_group_feet (marks, 80, MAX (1, (int) ceil (40.0 / frame_ms)));
  for (guint i = 0; i < marks->len; i++)
    g_array_unref (g_array_index (marks, PlantarMark, i).labels);
  for (guint g = 0; g < groups->len; g++)
    {
      PlantarFoot *step = measure_group (scan, regions, cells, &g_array_index (groups, PlantarMark, g), vx, vy,
                                         threshold, &seen);
      if (step != NULL)
        g_ptr_array_add (steps, step);
    }
  if (steps->len == 0)
    {
      no_steps_error (&seen, threshold, error);
      return NULL;
    }
  g_ptr_array_sort (steps, compare_by_start);

  walk_direction (steps, vx * cw, vy * ch, &dirx, &diry);
  if (dirx != 0 || diry != 0)
    {
      double norm = hypot (dirx, diry);
      dirx /= norm;
      diry /= norm;
      *walk_angle_deg = fmod (atan2 (dirx, -diry) * 180 / G_PI + 360, 360);
      decide_sides (steps, dirx, diry, vx * cw, vy * ch, warnings);
      for (guint i = 0; i < steps->len; i++)
        plantar_foot_set_walk_direction (g_ptr_array_index (steps, i), dirx, diry);
    }
  for (guint i = 0; i < steps->len; i++)
    ((PlantarFoot *) g_ptr_array_index (steps, i))->index = i;
  return g_steal_pointer (&steps);
}

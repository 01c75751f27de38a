/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-import-colour"

#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-colormap.h"
#include "plantar-import-private.h"

/*
 * False-colour pressure pictures: a screenshot or a picture cut from a
 * plate's own report. Recognised by content: a uniform background all
 * round, and most of what is not background on one of the known colour
 * scales. Read along that scale: contact is every pixel that is not
 * background (dark blue is low pressure, and still contact), the pressure
 * is the colour's place on the scale, relative, or in kPa when the user
 * gives the top of the scale. Text, outlines and the legend's colour bar
 * are left out. Grey pictures are read by their shade's distance from
 * the background's (below).
 */

#define BG_TOLERANCE     40.0   /* RGB distance: the background, antialiased */
#define ON_SCALE         36.0   /* a colour this close to the scale is on it */
#define NEAR_SCALE       64.0   /* read along the scale up to this far (JPEG, antialiasing) */
#define MIN_ON_SCALE     0.85   /* of the foreground, for a pressure picture */
#define LUT_BITS         6

typedef struct {
  guint32 table[256];
  guint   index;
} Scale;

static inline double
rgb_distance (const guint8 *p,
              guint32       rgb)
{
  double dr = p[0] - (double) (rgb >> 16 & 0xff), dg = p[1] - (double) (rgb >> 8 & 0xff);
  double db = p[2] - (double) (rgb & 0xff);
  return sqrt (dr * dr + dg * dg + db * db);
}

/* The nearest colour of the scale: its place 0..255, and how far. */
static guint
nearest (const Scale  *scale,
         const guint8 *p,
         double       *dist)
{
  double best = G_MAXDOUBLE;
  guint at = 0;

  for (guint i = 0; i < 256; i++)
    {
      double d = rgb_distance (p, scale->table[i]);
      if (d < best)
        {
          best = d;
          at = i;
        }
    }
  *dist = best;
  return at;
}

/* Calls @visit on every pixel of the picture's frame, 2 % of its size
 * wide. */
static void
each_frame_pixel (const PlantarPicture *p,
                  void                (*visit) (const guint8 *px, gpointer data),
                  gpointer              data)
{
  guint frame = MAX (1, MIN (p->width, p->height) / 50);

  for (guint y = 0; y < p->height; y++)
    {
      gboolean whole = y < frame || y >= p->height - frame;
      for (guint x = 0; x < p->width; x++)
        {
          if (!whole && x == frame)
            x = p->width - frame;
          visit (p->pixels + ((gsize) y * p->width + x) * 3, data);
        }
    }
}

typedef struct {
  guint   *counts;
  guint    total, bin, n, near;
  double   sum[3];
  guint32  colour;
} Frame;

static inline guint
frame_bin (const guint8 *px)
{
  return (px[0] >> 4) << 8 | (px[1] >> 4) << 4 | px[2] >> 4;
}

static void
count_cb (const guint8 *px,
          gpointer      data)
{
  Frame *f = data;
  f->counts[frame_bin (px)]++;
  f->total++;
}

static void
mean_cb (const guint8 *px,
         gpointer      data)
{
  Frame *f = data;
  if (frame_bin (px) == f->bin)
    {
      for (guint c = 0; c < 3; c++)
        f->sum[c] += px[c];
      f->n++;
    }
}

static void
near_cb (const guint8 *px,
         gpointer      data)
{
  Frame *f = data;
  f->near += rgb_distance (px, f->colour) < BG_TOLERANCE / 2;
}

/* The background: the commonest colour of the picture's frame, when most
 * of the frame is that colour. */
static gboolean
find_background (const PlantarPicture *p,
                 guint32              *background)
{
  g_autofree guint *counts = g_new0 (guint, 4096);
  Frame f = { counts };
  guint best = 0;

  each_frame_pixel (p, count_cb, &f);
  for (guint b = 0; b < 4096; b++)
    if (counts[b] > best)
      {
        best = counts[b];
        f.bin = b;
      }
  each_frame_pixel (p, mean_cb, &f);
  if (f.n == 0)
    return FALSE;
  f.colour = (guint32) lround (f.sum[0] / f.n) << 16 | (guint32) lround (f.sum[1] / f.n) << 8 |
             (guint32) lround (f.sum[2] / f.n);
  each_frame_pixel (p, near_cb, &f);
  *background = f.colour;
  return f.near >= 0.6 * f.total;
}

/* Which scale the picture is drawn with, from a sample of its pixels; -1
 * when it is not a pressure picture. */
static int
find_scale (const PlantarPicture *p,
            guint32               background,
            Scale                *scales,
            guint                 n_scales)
{
  gsize n = (gsize) p->width * p->height;
  gsize step = MAX (1, n / 200000);
  g_autofree guint *counts = g_new0 (guint, 1 << 15);
  g_autofree double *on = g_new0 (double, n_scales);
  g_autofree double *low = g_new0 (double, n_scales);
  g_autofree double *high = g_new0 (double, n_scales);
  guint fg = 0, coloured = 0, sampled = 0;
  int best = -1;

  for (gsize i = 0; i < n; i += step)
    {
      const guint8 *px = p->pixels + 3 * i;
      sampled++;
      if (rgb_distance (px, background) <= BG_TOLERANCE)
        continue;
      fg++;
      coloured += MAX (px[0], MAX (px[1], px[2])) - MIN (px[0], MIN (px[1], px[2])) > 50;
      counts[(px[0] >> 3) << 10 | (px[1] >> 3) << 5 | px[2] >> 3]++;
    }
  /* a print or a photo is grey, or has no background of its own */
  if (fg < 0.01 * sampled || fg > 0.9 * sampled || coloured < 0.4 * fg)
    return -1;

  for (guint s = 0; s < n_scales; s++)
    {
      g_autofree guint *at = g_new0 (guint, 256);
      double seen = 0, acc = 0;
      for (guint c = 0; c < (1u << 15); c++)
        {
          guint8 px[3] = { (guint8) ((c >> 10) << 3 | 4), (guint8) (((c >> 5) & 31) << 3 | 4),
                           (guint8) ((c & 31) << 3 | 4) };
          double d;
          guint t;
          if (counts[c] == 0)
            continue;
          t = nearest (&scales[s], px, &d);
          if (d < ON_SCALE)
            {
              on[s] += counts[c];
              at[t] += counts[c];
            }
        }
      /* how much of the scale the picture uses: 5th to 95th percentile */
      low[s] = high[s] = 0;
      for (guint t = 0; t < 256; t++)
        seen += at[t];
      for (guint t = 0; t < 256 && seen > 0; t++)
        {
          acc += at[t];
          if (acc < 0.05 * seen)
            low[s] = t / 255.0;
          if (acc <= 0.95 * seen)
            high[s] = t / 255.0;
        }
      on[s] /= fg;
    }
  for (guint s = 0; s < n_scales; s++)
    if (on[s] >= MIN_ON_SCALE && high[s] - low[s] >= 0.2 && (best < 0 || on[s] > on[best]))
      best = s;
  return best;
}

/* Bars of even colour (a legend's colour bar): rectangles filled with
 * contact, three or more times as long as wide. */
static void
drop_bars (float *values,
           guint  width,
           guint  height)
{
  gsize n = (gsize) width * height;
  g_autofree guint32 *stack = g_new (guint32, n);
  g_autofree guint32 *members = g_new (guint32, n);
  g_autofree guint8 *seen = g_new0 (guint8, n);

  for (gsize start = 0; start < n; start++)
    {
      gsize top = 0, count = 0;
      guint x0 = G_MAXUINT, y0 = G_MAXUINT, x1 = 0, y1 = 0;
      double box, w, h;

      if (seen[start] || values[start] <= 0)
        continue;
      stack[top++] = start;
      seen[start] = 1;
      while (top > 0)
        {
          guint32 i = stack[--top];
          guint x = i % width, y = i / width;
          guint32 next[4];
          guint k = 0;
          members[count++] = i;
          x0 = MIN (x0, x);
          x1 = MAX (x1, x);
          y0 = MIN (y0, y);
          y1 = MAX (y1, y);
          if (x > 0) next[k++] = i - 1;
          if (x + 1 < width) next[k++] = i + 1;
          if (y > 0) next[k++] = i - width;
          if (y + 1 < height) next[k++] = i + width;
          for (guint j = 0; j < k; j++)
            if (!seen[next[j]] && values[next[j]] > 0)
              {
                seen[next[j]] = 1;
                stack[top++] = next[j];
              }
        }
      w = x1 - x0 + 1;
      h = y1 - y0 + 1;
      box = w * h;
      if (count > 0.9 * box && MAX (w, h) >= 3 * MIN (w, h))
        for (gsize k = 0; k < count; k++)
          values[members[k]] = 0;
    }
}

/* What every pressure picture gets once its values are read: the legend's
 * bars left out, its name, its units, and what it still lacks. */
static void
finish_picture (PlantarScan          *scan,
                const PlantarPicture *picture,
                double                top,
                const char           *name)
{
  drop_bars (plantar_scan_get_frame_mutable (scan, 0), picture->width, picture->height);
  plantar_scan_set_capture_mode (scan, PLANTAR_CAPTURE_STATIC);
  plantar_scan_set_format (scan, "colour-picture", name);
  if (top > 0)
    {
      plantar_scan_set_value_kind (scan, PLANTAR_VALUE_PRESSURE);
      plantar_scan_set_original_units (scan, "kPa");
      plantar_scan_add_warning (scan, _("Read as a pressure picture along its colour scale, the top of the scale "
                                        "taken as %.0f kPa as asked."), top);
    }
  else
    {
      plantar_scan_set_value_kind (scan, PLANTAR_VALUE_RAW);
      /* xgettext:no-c-format */
      plantar_scan_set_original_units (scan, _("% of the colour scale"));
      plantar_scan_add_warning (scan, _("Read as a pressure picture along its colour scale: pressures are "
                                        "relative (%% of the top of the scale); give the top of the scale in "
                                        "kPa for pressures."));
    }
  plantar_scan_set_scale_hint (scan, _("A pressure picture has no scale: give the plate's cell size (the "
                                       "sensor pitch), two points a known distance apart, or the foot's "
                                       "length."));
}

/* ------------------------------------------------------------ grey pictures */

static inline guint8
grey_at (const PlantarPicture *p,
         gsize                 i)
{
  const guint8 *px = p->pixels + p->channels * i;
  return p->channels == 1 ? px[0] : (guint8) ((77 * px[0] + 150 * px[1] + 29 * px[2] + 128) >> 8);
}

#define GREY_BG_NEAR   3     /* a rendered background: every pixel within this of its level */
#define GREY_CONTACT   23    /* levels from the background: contact (BG_TOLERANCE in grey) */

/*
 * A pressure picture in shades of grey, as some plate software prints:
 * told from a print (ink or podoscope, scanned or photographed) by a
 * background that is one exact level all round, as only software draws
 * it, and by pressures spread over the shades rather than an ink's one
 * dark tone with its mottle. The pressure is the distance from the
 * background's level. @background_level is set; FALSE when it is not.
 */
static gboolean
is_grey_picture (const PlantarPicture *p,
                 guint8               *background_level)
{
  gsize n = (gsize) p->width * p->height, step = MAX (1, n / 200000);
  guint frame = MAX (1, MIN (p->width, p->height) / 50);
  guint hist[256] = { 0 }, frame_total = 0, near = 0, best = 0, fg = 0, sampled = 0, coloured = 0;
  guint dist[256] = { 0 };
  guint8 bg = 0;
  double far, acc = 0, d5 = -1, d95 = -1, dmax;
  guint top_share = 0;

  /* the frame: one level, exactly */
  for (guint y = 0; y < p->height; y += MAX (1, frame / 4))
    for (guint x = 0; x < p->width; x++)
      {
        if (!(y < frame || y >= p->height - frame || x < frame || x >= p->width - frame))
          x = p->width - frame;
        hist[grey_at (p, (gsize) y * p->width + x)]++;
        frame_total++;
      }
  for (guint l = 0; l < 256; l++)
    if (hist[l] > best)
      {
        best = hist[l];
        bg = (guint8) l;
      }
  for (int l = MAX (0, bg - GREY_BG_NEAR); l <= MIN (255, bg + GREY_BG_NEAR); l++)
    near += hist[l];
  if (frame_total == 0 || near < 0.97 * frame_total)
    return FALSE;

  /* the foreground: grey, and spread over the shades */
  for (gsize i = 0; i < n; i += step)
    {
      guint8 l = grey_at (p, i);
      guint d = (guint) abs ((int) l - bg);
      sampled++;
      if (d <= GREY_CONTACT)
        continue;
      fg++;
      dist[d]++;
      if (p->channels == 3)
        {
          const guint8 *px = p->pixels + 3 * i;
          coloured += MAX (px[0], MAX (px[1], px[2])) - MIN (px[0], MIN (px[1], px[2])) > 24;
        }
    }
  if (fg < 0.01 * sampled || fg > 0.9 * sampled || coloured > 0.05 * fg)
    return FALSE;
  dmax = bg >= 128 ? bg : 255 - bg;
  for (guint d = 0; d < 256; d++)
    {
      acc += dist[d];
      if (d5 < 0 && acc >= 0.05 * fg)
        d5 = d;
      if (d95 < 0 && acc >= 0.95 * fg)
        d95 = d;
    }
  /* an ink's tone: most of the print within a few shades of its darkest */
  far = d95 - 0.12 * dmax;
  for (guint d = 0; d < 256; d++)
    if (d >= far)
      top_share += dist[d];
  if (d95 - d5 < 0.3 * dmax || top_share > 0.5 * fg)
    return FALSE;
  *background_level = bg;
  return TRUE;
}

static PlantarScan *
grey_picture_read (const PlantarPicture *picture,
                   guint8                bg,
                   double                top,
                   GError              **error)
{
  gsize n = (gsize) picture->width * picture->height;
  double dmax = bg >= 128 ? bg : 255 - bg;
  g_autoptr(PlantarScan) scan = plantar_scan_new_pressure (picture->width, picture->height, 1, error);
  float *values;

  if (scan == NULL)
    return NULL;
  values = plantar_scan_get_frame_mutable (scan, 0);
  for (gsize i = 0; i < n; i++)
    {
      guint d = (guint) abs ((int) grey_at (picture, i) - bg);
      values[i] = d <= GREY_CONTACT ? 0 : (float) (MIN (d, dmax) / dmax * (top > 0 ? top : 100));
    }
  finish_picture (scan, picture, top,
                  bg >= 128 ? _("Grey pressure picture, darker is more pressure")
                            : _("Grey pressure picture, lighter is more pressure"));
  return g_steal_pointer (&scan);
}

/**
 * plantar_colour_picture_read:
 *
 * @picture as a pressure scan, when it is a false-colour or a grey
 * pressure picture; NULL (without an error) when it is not.
 */
PlantarScan *
plantar_colour_picture_read (const PlantarImportContext *ctx,
                             const PlantarPicture       *picture,
                             GError                    **error)
{
  const PlantarImportOptions *opts = ctx->options;
  guint n_scales = plantar_colour_scale_count ();
  g_autofree Scale *scales = g_new0 (Scale, n_scales);
  g_autofree gint16 *lut = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  guint32 background;
  gsize n = (gsize) picture->width * picture->height;
  double top = opts != NULL && opts->scale_top_kpa > 0 ? opts->scale_top_kpa : 0;
  float *values;
  int best;

  if ((picture->channels != 1 && picture->channels != 3) || picture->width < 16 || picture->height < 16)
    return NULL;
  {
    guint8 level;
    if (is_grey_picture (picture, &level))
      return grey_picture_read (picture, level, top, error);
  }
  if (picture->channels != 3 || !find_background (picture, &background))
    return NULL;
  for (guint s = 0; s < n_scales; s++)
    plantar_colour_scale_get_table (s, scales[s].table);
  best = find_scale (picture, background, scales, n_scales);
  if (best < 0)
    return NULL;

  scan = plantar_scan_new_pressure (picture->width, picture->height, 1, error);
  if (scan == NULL)
    return NULL;
  values = plantar_scan_get_frame_mutable (scan, 0);
  /* each colour's place on the scale, found once: -1 not yet, -2 off it */
  lut = g_new (gint16, 1 << (3 * LUT_BITS));
  memset (lut, 0xff, sizeof (gint16) << (3 * LUT_BITS));
  for (gsize i = 0; i < n; i++)
    {
      const guint8 *px = picture->pixels + 3 * i;
      guint cell = (px[0] >> (8 - LUT_BITS)) << (2 * LUT_BITS) | (px[1] >> (8 - LUT_BITS)) << LUT_BITS |
                   px[2] >> (8 - LUT_BITS);
      if (rgb_distance (px, background) <= BG_TOLERANCE)
        {
          values[i] = 0;
          continue;
        }
      if (lut[cell] == -1)
        {
          double d;
          guint t = nearest (&scales[best], px, &d);
          lut[cell] = d <= NEAR_SCALE ? (gint16) t : -2;
        }
      /* the lowest colour is the lowest pressure, and still contact */
      values[i] = lut[cell] < 0 ? 0 : (lut[cell] + 1) / 256.0f * (top > 0 ? top : 100);
    }
  {
    g_autofree char *name = g_strdup_printf (_("Colour pressure picture, scale: %s"),
                                             plantar_colour_scale_get_name (best));
    finish_picture (scan, picture, top, name);
  }
  return g_steal_pointer (&scan);
}

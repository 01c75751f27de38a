/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "plantar-calibration.h"
#include "plantar-test-util.h"

/*
 * Phone photos of a print on a sheet of paper, with an exactly known
 * camera: the sheet's corners found against their true place in the
 * photo, and the print measured on the rectified sheet against the foot's
 * true geometry.
 */

#define PHOTO_W 1600
#define PHOTO_H 1200

typedef struct {
  double            tilt, turn;
  PlantarSynthFloor floor;
  double            light;
  gboolean          brown;
  const char       *paper;      /* NULL: A4 */
  guint             orientation;
  double            fill, blur;
  gboolean          blank;      /* no print on the sheet */
} PhotoCase;

typedef struct {
  GBytes            *jpeg;
  PlantarSheet       truth;     /* in the upright photo */
  PlantarSynthTruth  foot;
} Photo;

static void
photo_clear (Photo *p)
{
  g_clear_pointer (&p->jpeg, g_bytes_unref);
}

/* Turns an upright picture so that EXIF @orientation 6 turns it back: a
 * quarter turn anticlockwise. */
static guint8 *
turn_for_orientation_6 (const guint8 *rgb,
                        guint         width,
                        guint         height)
{
  guint8 *out = g_malloc ((gsize) width * height * 3);

  /* stored: height wide, width high; shown (orientation 6): turned clockwise */
  for (guint y = 0; y < width; y++)
    for (guint x = 0; x < height; x++)
      memcpy (out + ((gsize) y * height + x) * 3, rgb + ((gsize) x * width + (width - 1 - y)) * 3, 3);
  return out;
}

static void
make_photo (const PhotoCase *c,
            Photo           *out)
{
  PlantarSynthPhoto photo;
  PlantarSynthFoot foot;
  g_autoptr(PlantarScan) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *rgb = NULL;

  plantar_synth_photo_init (&photo);
  photo.width = PHOTO_W;
  photo.height = PHOTO_H;
  photo.tilt_deg = c->tilt;
  photo.turn_deg = c->turn;
  photo.floor = c->floor;
  photo.light_gradient = c->light;
  photo.seed = 7 + (guint32) c->tilt;
  if (c->fill > 0)
    photo.fill = c->fill;
  if (c->blur > 0)
    photo.blur_px = c->blur;
  if (c->paper != NULL)
    g_assert_true (plantar_paper_size_parse (c->paper, &photo.paper_width_mm, &photo.paper_height_mm, NULL));
  if (c->brown)
    {
      photo.paper_rgb = 0xb48c62;
      photo.ink_rgb = 0x4a3422;
    }
  plantar_synth_foot_init (&foot, PLANTAR_SIDE_LEFT, 250);
  foot.arch = 0.4;
  foot.heel_x_mm = photo.paper_width_mm / 2;
  foot.heel_y_mm = photo.paper_height_mm / 2 + foot.length_mm / 2 - foot.heel_width_mm / 2;
  plantar_synth_foot_truth (&foot, &out->foot);
  sheet = plantar_synth_render_sheet (&photo, &foot, c->blank ? 0 : 1, 200, &error);
  g_assert_no_error (error);
  rgb = plantar_synth_render_photo (&photo, sheet, &out->truth);
  if (c->orientation == 6)
    {
      g_autofree guint8 *turned = turn_for_orientation_6 (rgb, photo.width, photo.height);
      out->jpeg = plantar_synth_encode_jpeg (turned, photo.height, photo.width, 88, 6);
    }
  else
    out->jpeg = plantar_synth_encode_jpeg (rgb, photo.width, photo.height, 88, 1);
}

static PlantarScan *
import_photo (const Photo *photo,
              const char  *paper)
{
  PlantarImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = NULL;

  if (paper != NULL)
    g_assert_true (plantar_paper_size_parse (paper, &options.paper_width_mm, &options.paper_height_mm, NULL));
  scans = plantar_import_bytes (photo->jpeg, "photo.jpg", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scans->len, ==, 1);
  return plantar_scan_ref (g_ptr_array_index (scans, 0));
}

/* The same corner, whichever of the four the sheet found calls first. */
static double
corner_error (const PlantarSheet *found,
              const PlantarSheet *truth)
{
  double best = G_MAXDOUBLE;

  for (guint shift = 0; shift < 4; shift++)
    {
      double worst = 0;
      for (guint i = 0; i < 4; i++)
        worst = MAX (worst, hypot (found->x[i] - truth->x[(i + shift) % 4], found->y[i] - truth->y[(i + shift) % 4]));
      best = MIN (best, worst);
    }
  return best;
}

static void
check_photo (const PhotoCase *c)
{
  Photo photo = { 0 };
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(PlantarAnalysis) analysis = NULL;
  const PlantarSheet *sheet;
  PlantarFoot *f;
  double err;

  make_photo (c, &photo);
  scan = import_photo (&photo, c->paper);
  sheet = plantar_scan_get_sheet (scan);
  g_assert_nonnull (sheet);
  g_assert_nonnull (plantar_scan_get_photo (scan));
  g_assert_true (plantar_scan_has_scale (scan));
  err = corner_error (sheet, &photo.truth);
  g_assert_cmpfloat (fabs (sheet->width_mm * sheet->height_mm - photo.truth.width_mm * photo.truth.height_mm), <, 1);
  analysis = plantar_test_analyze (scan);
  g_assert_cmpuint (analysis->feet->len, ==, 1);
  f = g_ptr_array_index (analysis->feet, 0);
  g_test_message ("tilt %.0f° turn %.0f° floor %d: corners within %.2f px; length %.1f mm (true %.1f), "
                  "arch index %.3f (true %.3f)", c->tilt, c->turn, c->floor, err, f->foot_length_mm,
                  photo.foot.foot_length_mm, f->arch_index, photo.foot.arch_index);
  g_assert_cmpfloat (err, <, 2);
  g_assert_cmpfloat (fabs (f->foot_length_mm - photo.foot.foot_length_mm), <=, 3);
  g_assert_cmpfloat (fabs (f->arch_index - photo.foot.arch_index), <=, 0.015);
  g_assert_cmpint (f->side, ==, PLANTAR_SIDE_LEFT);
  photo_clear (&photo);
}

/* Straight down to 35 degrees, the sheet turned any way, on every floor. */
static void
test_tilts (void)
{
  const PhotoCase cases[] = {
    { 0, 0, PLANTAR_SYNTH_FLOOR_PLAIN },
    { 12, 30, PLANTAR_SYNTH_FLOOR_WOOD },
    { 20, -50, PLANTAR_SYNTH_FLOOR_TILE },
    { 28, 75, PLANTAR_SYNTH_FLOOR_CARPET },
    { 35, 10, PLANTAR_SYNTH_FLOOR_WOOD },
    { 35, 130, PLANTAR_SYNTH_FLOOR_TILE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_photo (&cases[i]);
}

/* Light falling off by half across the photo. */
static void
test_uneven_light (void)
{
  const PhotoCase c = { 25, 20, PLANTAR_SYNTH_FLOOR_WOOD, 0.5 };
  check_photo (&c);
}

/* A wet foot on a brown paper bag: a dark print on a mid-tone sheet. */
static void
test_brown_paper (void)
{
  const PhotoCase c = { 20, -15, PLANTAR_SYNTH_FLOOR_TILE, 0, TRUE };
  check_photo (&c);
}

/* The phone held sideways: the picture stored turned, EXIF says how. */
static void
test_orientation (void)
{
  const PhotoCase c = { 18, 25, PLANTAR_SYNTH_FLOOR_WOOD, 0, FALSE, NULL, 6 };
  check_photo (&c);
}

/* A Letter sheet, said so. */
static void
test_letter (void)
{
  const PhotoCase c = { 22, 40, PLANTAR_SYNTH_FLOOR_CARPET, 0, FALSE, "letter" };
  check_photo (&c);
}

static void
assert_photo_error (const PhotoCase *c,
                    const char      *fragment)
{
  Photo photo = { 0 };
  g_autoptr(PlantarScan) scan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarAnalysis) analysis = NULL;

  make_photo (c, &photo);
  scan = import_photo (&photo, NULL);
  analysis = plantar_analyze (scan, NULL, &error);
  g_assert_null (analysis);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
  photo_clear (&photo);
}

/* What to do, when the photo cannot be measured. */
static void
test_no_sheet (void)
{
  const PhotoCase tiny = { 10, 0, PLANTAR_SYNTH_FLOOR_WOOD, .fill = 0.15 };
  assert_photo_error (&tiny, "No sheet of paper was found");
}

static void
test_off_edge (void)
{
  const PhotoCase near = { 10, 35, PLANTAR_SYNTH_FLOOR_WOOD, .fill = 1.3 };
  assert_photo_error (&near, "all four corners");
}

static void
test_blurred (void)
{
  const PhotoCase blurred = { 10, 20, PLANTAR_SYNTH_FLOOR_PLAIN, .blur = 14 };
  assert_photo_error (&blurred, "too blurred");
}

static void
test_no_print (void)
{
  const PhotoCase blank = { 15, 20, PLANTAR_SYNTH_FLOOR_WOOD, .blank = TRUE };
  assert_photo_error (&blank, "no print of a foot");
}

/* Rectifying by hand: the true corners give the sheet in true mm; corners
 * that do not go round a sheet are refused, and so is a sheet seen too
 * small for 1 mm. */
static void
test_rectify (void)
{
  const PhotoCase c = { 25, 20, PLANTAR_SYNTH_FLOOR_WOOD };
  Photo photo = { 0 };
  g_autoptr(PlantarScan) found = NULL;
  g_autoptr(PlantarScan) again = NULL;
  g_autoptr(GError) error = NULL;
  PlantarSheet crossed, tiny;
  PlantarScan *picture;
  double mm;

  make_photo (&c, &photo);
  found = import_photo (&photo, NULL);
  picture = plantar_scan_get_photo (found);
  g_assert_cmpuint (plantar_scan_get_width (picture), ==, PHOTO_W);
  again = plantar_sheet_rectify (picture, &photo.truth, &error);
  g_assert_no_error (error);
  mm = plantar_scan_get_cell_width_mm (again);
  g_assert_cmpfloat_with_epsilon (mm, MAX (0.25, 1 / plantar_sheet_min_px_per_mm (&photo.truth)), 1e-9);
  g_assert_cmpuint (plantar_scan_get_width (again), ==, (guint) floor ((210 - 2) / mm));
  g_assert_cmpuint (plantar_scan_get_height (again), ==, (guint) floor ((297 - 2) / mm));
  g_assert_true (plantar_sheet_equal (plantar_scan_get_sheet (again), &photo.truth));

  crossed = photo.truth;
  crossed.x[1] = photo.truth.x[2];
  crossed.y[1] = photo.truth.y[2];
  crossed.x[2] = photo.truth.x[1];
  crossed.y[2] = photo.truth.y[1];
  g_clear_pointer (&again, plantar_scan_unref);
  g_assert_null (plantar_sheet_rectify (picture, &crossed, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION);
  g_assert_nonnull (strstr (error->message, "four-sided"));
  g_clear_error (&error);

  /* a sheet 100 pixels across for 210 mm */
  tiny = photo.truth;
  for (guint i = 0; i < 4; i++)
    {
      tiny.x[i] = 500 + (photo.truth.x[i] - photo.truth.x[0]) * 0.15;
      tiny.y[i] = 500 + (photo.truth.y[i] - photo.truth.y[0]) * 0.15;
    }
  g_assert_null (plantar_sheet_rectify (picture, &tiny, &error));
  g_assert_nonnull (strstr (error->message, "too small"));
  photo_clear (&photo);
}

static void
test_paper_sizes (void)
{
  double w, h;
  g_autoptr(GError) error = NULL;

  g_assert_true (plantar_paper_size_parse ("a4", &w, &h, NULL));
  g_assert_cmpfloat (w, ==, 210);
  g_assert_cmpfloat (h, ==, 297);
  g_assert_true (plantar_paper_size_parse ("Letter", &w, &h, NULL));
  g_assert_cmpfloat (w, ==, 215.9);
  g_assert_true (plantar_paper_size_parse ("250x353", &w, &h, NULL));
  g_assert_cmpfloat (h, ==, 353);
  g_assert_true (plantar_paper_size_parse ("200×300", &w, &h, NULL));
  g_assert_cmpfloat (w, ==, 200);
  g_assert_false (plantar_paper_size_parse ("12x5", &w, &h, &error));
  g_assert_error (error, PLANTAR_SCAN_ERROR, PLANTAR_SCAN_ERROR_CALIBRATION);
  g_assert_nonnull (strstr (error->message, "a4, letter"));
  g_clear_error (&error);
  g_assert_false (plantar_paper_size_parse ("210x", &w, &h, &error));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/photo/tilts", test_tilts);
  g_test_add_func ("/photo/uneven-light", test_uneven_light);
  g_test_add_func ("/photo/brown-paper", test_brown_paper);
  g_test_add_func ("/photo/orientation", test_orientation);
  g_test_add_func ("/photo/letter", test_letter);
  g_test_add_func ("/photo/no-sheet", test_no_sheet);
  g_test_add_func ("/photo/off-edge", test_off_edge);
  g_test_add_func ("/photo/blurred", test_blurred);
  g_test_add_func ("/photo/no-print", test_no_print);
  g_test_add_func ("/photo/rectify", test_rectify);
  g_test_add_func ("/photo/paper-sizes", test_paper_sizes);

  return g_test_run ();
}

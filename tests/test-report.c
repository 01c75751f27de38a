/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include <sys/resource.h>

#include <signal.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plantar-guide.h"
#include "plantar-report.h"
#include "plantar-rules.h"
#include "plantar-synth.h"
#include "plantar-test-util.h"

/* The fitting report: its text as pdftotext reads it, its pages and
 * paper, every word inside the margins and none on another, pixels of a
 * rendered page. */

static char *config_dir;

/* ------------------------------------------------------------ the report */

static char *
run (const char *const *argv,
     int               *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &wait, &error))
    g_error ("%s: %s (poppler-utils is one of the test dependencies)", argv[0], error->message);
  if (status)
    *status = g_spawn_check_wait_status (wait, NULL) ? 0 : 1;
  return out;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  return run (argv, NULL);
}

static guint
pdf_pages (const char *pdf,
           double     *w,
           double     *h)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv, NULL);
  const char *pages = strstr (info, "Pages:");
  const char *size = strstr (info, "Page size:");

  g_assert_nonnull (pages);
  g_assert_nonnull (size);
  g_assert_cmpint (sscanf (size, "Page size: %lf x %lf", w, h), ==, 2);
  return (guint) g_ascii_strtoull (pages + 6, NULL, 10);
}

/* Every word of every page inside the margins, and no two words on one
 * another: what pdftotext -bbox says of each. */
static void
assert_words_placed (const char *pdf,
                     double      margin)
{
  const char *argv[] = { "pdftotext", "-bbox", pdf, "-", NULL };
  g_autofree char *html = run (argv, NULL);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (double) * 4);
  double page_w = 0, page_h = 0;
  const char *p = html;
  guint words = 0;

  while ((p = strstr (p, "<page ")) != NULL)
    {
      const char *end = strstr (p + 1, "</page>");
      g_assert_cmpint (sscanf (p, "<page width=\"%lf\" height=\"%lf\"", &page_w, &page_h), ==, 2);
      g_array_set_size (boxes, 0);
      for (const char *w = strstr (p, "<word "); w && w < end; w = strstr (w + 1, "<word "))
        {
          double b[4];
          g_assert_cmpint (sscanf (w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &b[0], &b[1], &b[2], &b[3]), ==, 4);
          if (b[0] < margin - 1 || b[2] > page_w - margin + 1 || b[1] < margin - 1 || b[3] > page_h - margin + 3)
            g_error ("a word off the printable page at %.1f,%.1f–%.1f,%.1f of %.0f × %.0f", b[0], b[1], b[2], b[3],
                     page_w, page_h);
          for (guint k = 0; k < boxes->len; k++)
            {
              const double *o = &g_array_index (boxes, double, 4 * k);
              double ix = MIN (b[2], o[2]) - MAX (b[0], o[0]), iy = MIN (b[3], o[3]) - MAX (b[1], o[1]);
              if (ix > 1.0 && iy > 2.0)
                {
                  g_autofree char *word = g_strndup (strchr (w, '>') + 1, 40);
                  g_error ("words overlap at %.1f,%.1f: %s", b[0], b[1], word);
                }
            }
          g_array_append_vals (boxes, b, 1);
          words++;
        }
      p = end;
    }
  g_assert_cmpuint (words, >, 50);
}

static PlantarFitting *
fitting_for (const char *path)
{
  PlantarFitting *fitting = plantar_fitting_new ();
  g_autoptr(GPtrArray) scans = plantar_import_file (path, NULL, NULL);
  const char *names[] = { path, NULL };

  g_assert_nonnull (scans);
  plantar_fitting_set_scans (fitting, scans, names, NULL);
  return fitting;
}

/* The built-in rules' suggestion for a fitting, no questions asked. */
static PlantarAdvice *
builtin_advice (PlantarFitting *fitting)
{
  return plantar_rules_suggest (plantar_rules_get_builtin (), plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT),
                                plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT), NULL, NULL);
}

static char *
demo_path (const char *name)
{
  return g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "data", name, NULL);
}

static void
test_report_footprint (void)
{
  g_autofree char *demo = demo_path ("demo-footprint.png");
  g_autoptr(PlantarFitting) fitting = fitting_for (demo);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *letter = g_build_filename (dir, "letter.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(PlantarAdvice) advice = NULL;
  g_autoptr(PlantarReport) report = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 11, 22, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  PlantarAnswers answers;
  PlantarReportInfo info;
  double w, h;

  plantar_answers_init (&answers);
  answers.pain = PLANTAR_PAIN_HEEL;
  advice = plantar_rules_suggest (plantar_rules_get_builtin (), plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT),
                                  plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT), &answers, NULL);
  plantar_report_info_init (&info);
  info.shop_name = "Stride Running Co.";
  info.shop_address = "12 Harbour Street\nLeith";
  info.customer = "Jane Runner";
  info.fitter = "Sam";
  info.notes = "Tried two pairs.";
  info.date = date;
  report = plantar_report_new (fitting, advice, NULL, &info, &error);
  g_assert_no_error (error);
  g_assert_true (plantar_report_write_pdf (report, PLANTAR_PAPER_A4, pdf, &error));
  g_assert_no_error (error);

  /* a store's report: one A4 page */
  g_assert_cmpuint (pdf_pages (pdf, &w, &h), ==, 1);
  g_assert_cmpfloat_with_epsilon (w, 595.28, 0.1);
  g_assert_cmpfloat_with_epsilon (h, 841.89, 0.1);
  text = pdf_text (pdf);
  {
    const char *expected[] = {
      "Stride Running Co.", "Leith", "Fitting report", "Jane Runner", "22 November 2026", "Fitted by Sam",
      "Left foot", "Right foot", "Arch index 0.259", "Normal arch", "Arch index 0.306", "Flat arch",
      "Neutral support insole", "Structured orthotic", "Heel cup: 18 mm (deep)", "Heel cup: 24 mm (extra deep)",
      "Heel cushion", "Pain at the heel", "Worth an assessment", "differ by 0.047",
      "Right foot: Arch index 0.306 is 0.30 or more", "Measurements", "258.0 mm", "260.3 mm",
      "high ≤ 0.21 < normal < 0.26 ≤ flat", "Tried two pairs.", "Knapik", "Page 1 of 1",
    };
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      if (strstr (text, expected[i]) == NULL)
        g_error ("the report does not say “%s”:\n%s", expected[i], text);
  }
  assert_words_placed (pdf, 40);

  /* US Letter */
  g_assert_true (plantar_report_write_pdf (report, PLANTAR_PAPER_LETTER, letter, &error));
  g_assert_cmpuint (pdf_pages (letter, &w, &h), ==, 1);
  g_assert_cmpfloat (w, ==, 612);
  g_assert_cmpfloat (h, ==, 792);
  assert_words_placed (letter, 40);

  /* a folder that is not there: an error, and nothing written */
  {
    g_autofree char *nowhere = g_build_filename (dir, "missing", "report.pdf", NULL);
    g_assert_false (plantar_report_write_pdf (report, PLANTAR_PAPER_A4, nowhere, &error));
    g_assert_error (error, PLANTAR_REPORT_ERROR, PLANTAR_REPORT_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "report.pdf"));
    g_clear_error (&error);
  }

  plantar_answers_clear (&answers);
  plantar_test_rm_rf (dir);
}

/* The page as drawn: the header rule, the print of each foot in its half,
 * the accent title on the right, white margins. */
static void
test_report_pixels (void)
{
  g_autofree char *demo = demo_path ("demo-footprint.png");
  g_autoptr(PlantarFitting) fitting = fitting_for (demo);
  g_autoptr(PlantarAdvice) advice = builtin_advice (fitting);
  g_autoptr(PlantarReport) report = NULL;
  PlantarReportInfo info;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint dark[2] = { 0, 0 }, blue = 0, margin_ink = 0, logo = 0;
  g_autofree char *icon = g_build_filename (g_getenv ("PLANTAR_SOURCE_DIR"), "icons", "hicolor", "scalable", "apps",
                                            "io.github.plantar.Plantar.svg", NULL);

  plantar_report_info_init (&info);
  info.shop_name = "Stride";
  info.shop_logo = icon;
  report = plantar_report_new (fitting, advice, NULL, &info, NULL);
  g_assert_cmpuint (plantar_report_paginate (report, 595, 842), ==, 1);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  plantar_report_draw_page (report, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (g_getenv ("PLANTAR_TEST_KEEP"))
    cairo_surface_write_to_png (surface, g_getenv ("PLANTAR_TEST_KEEP"));
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < 842; y++)
    for (int x = 0; x < 595; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + 4 * x);
        int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
        gboolean ink = r + g + b < 600;
        /* the prints: dark ink in each half, under the header */
        if (y > 140 && y < 320 && r + g + b < 250)
          dark[x < 297]++;
        /* the accent title, top right */
        if (y < 70 && x > 400 && b > 150 && r < 90)
          blue++;
        if (ink && (x < 30 || x > 565 || y < 30 || y > 815))
          margin_ink++;
        /* the logo, top left, in colour */
        if (x >= 42 && x < 100 && y >= 42 && y < 86 && (abs (r - g) > 30 || abs (g - b) > 30))
          logo++;
      }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (dark[1], >, 2000);
  g_assert_cmpuint (dark[0], >, 2000);
  g_assert_cmpuint (blue, >, 30);
  g_assert_cmpuint (margin_ink, ==, 0);
  g_assert_cmpuint (logo, >, 200);
}

/* A recording, for the clinic: both feet on one pressure scale with its
 * legend, every measurement, the regions' peaks left against right, the
 * walking form with the treadmill's butterfly, the insoles' order sheet,
 * the sources. */
static void
test_report_recording_clinic (void)
{
  g_autofree char *zebris = plantar_test_fixture ("zebris-fdmt-treadmill-walk.txt.gz");
  g_autoptr(PlantarFitting) fitting = fitting_for (zebris);
  g_autoptr(PlantarAdvice) advice = builtin_advice (fitting);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "clinic.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(PlantarReport) report = NULL;
  PlantarReportInfo info;
  double w, h;

  plantar_report_info_init (&info);
  info.detail = PLANTAR_REPORT_CLINIC;
  info.customer = "A. Patient";
  report = plantar_report_new (fitting, advice, NULL, &info, NULL);
  g_assert_true (plantar_report_write_pdf (report, PLANTAR_PAPER_A4, pdf, NULL));
  g_assert_cmpuint (pdf_pages (pdf, &w, &h), ==, 5);
  text = pdf_text (pdf);
  {
    const char *expected[] = {
      "The peak pressure of each region", "MTH 3", "Big toe", "peak kPa",
      "The centre of pressure over the whole walk on the treadmill", "Both feet", "walking",
      "kPa", "Arch index 0.246", "Arch index 0.220", "Pressure-weighted arch index", "Hernández-Corvo",
      "Heel peak pressure", "CPEI", "Foot progression angle", "Sources", "Cavanagh", "Insole rules: plantar-rules.json",
      "Insole order", "Heel cup depth", "For review by a professional before it is made",
      "Walking form", "Walking at 4.0 km/h", "Cadence", "Rearfoot strike", "Lafortune",
      "Left: where the foot lands", "Right: where the foot lands", "The force under each step",
      "Page 1 of 5", "Page 5 of 5",
    };
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      if (strstr (text, expected[i]) == NULL)
        g_error ("the clinic's report does not say “%s”:\n%s", expected[i], text);
  }
  assert_words_placed (pdf, 40);
  plantar_test_rm_rf (dir);
}

/* A PDF that cannot be written whole (the disk full, here a file size
 * limit) leaves no truncated file: a new one is not made, an old one is
 * kept as it was, and nothing half-written stays beside it. */
static void
test_report_full_disk (void)
{
  g_autofree char *demo = demo_path ("demo-footprint.png");
  g_autoptr(PlantarFitting) fitting = fitting_for (demo);
  g_autoptr(PlantarAdvice) advice = builtin_advice (fitting);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *fresh = g_build_filename (dir, "new.pdf", NULL);
  g_autofree char *old = g_build_filename (dir, "old.pdf", NULL);
  g_autoptr(PlantarReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  PlantarReportInfo info;
  struct rlimit before, small;
  void (*handler) (int);
  guint n = 0;

  plantar_report_info_init (&info);
  report = plantar_report_new (fitting, advice, NULL, &info, NULL);
  g_assert_true (g_file_set_contents (old, "the report of last week", -1, NULL));
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &before), ==, 0);
  /* the soft limit only: it is raised again below */
  small.rlim_cur = 20000;
  small.rlim_max = before.rlim_max;
  handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  g_assert_false (plantar_report_write_pdf (report, PLANTAR_PAPER_A4, fresh, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (plantar_report_write_pdf (report, PLANTAR_PAPER_A4, old, &error));
  g_clear_error (&error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &before), ==, 0);
  signal (SIGXFSZ, handler);

  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (old, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "the report of last week");
  }
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);

  /* and written whole when it can be: the owner's alone */
  g_assert_true (plantar_report_write_pdf (report, PLANTAR_PAPER_A4, fresh, &error));
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (fresh, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_cmpint (st.st_size, >, 20000);
  }
  plantar_test_rm_rf (dir);
}

/* A walk for the store: one A4 page; on Letter a second page, but never
 * one holding the caveat alone; the feet drawn at a readable size. */
static void
test_report_walk_store (void)
{
  g_autofree char *demo = demo_path ("demo-walk.csv.gz");
  g_autoptr(PlantarFitting) fitting = fitting_for (demo);
  g_autoptr(PlantarAdvice) advice = builtin_advice (fitting);
  g_autofree char *dir = plantar_test_tmpdir ();
  PlantarPaper papers[] = { PLANTAR_PAPER_A4, PLANTAR_PAPER_LETTER };
  g_autoptr(PlantarReport) report = NULL;
  PlantarReportInfo info;

  plantar_report_info_init (&info);
  report = plantar_report_new (fitting, advice, NULL, &info, NULL);
  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    {
      g_autofree char *pdf = g_build_filename (dir, p == 0 ? "a4.pdf" : "letter.pdf", NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) pages = NULL;
      guint n;
      double w, h;

      g_assert_true (plantar_report_write_pdf (report, papers[p], pdf, NULL));
      n = pdf_pages (pdf, &w, &h);
      if (p == 0)
        g_assert_cmpuint (n, ==, 1);
      text = pdf_text (pdf);
      pages = g_strsplit (text, "\f", -1);
      g_assert_cmpuint (g_strv_length (pages), >=, n);
      /* the last page says more than the caveat and the footer */
      g_assert_nonnull (strstr (pages[n - 1], "Knapik"));
      g_assert_nonnull (strstr (pages[n - 1], "kPa"));
      assert_words_placed (pdf, 40);
    }
  plantar_test_rm_rf (dir);
}

/* A logo that is not a picture is left out, said in the log, and the
 * report is still made. */
static void
test_report_bad_logo (void)
{
  g_autofree char *demo = demo_path ("demo-footprint.png");
  g_autoptr(PlantarFitting) fitting = fitting_for (demo);
  g_autoptr(PlantarAdvice) advice = builtin_advice (fitting);
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *logo = plantar_test_write (dir, "logo.png", "not a picture", -1);
  g_autoptr(PlantarReport) report = NULL;
  PlantarReportInfo info;

  plantar_report_info_init (&info);
  info.shop_name = "Stride";
  info.shop_logo = logo;
  g_test_expect_message ("plantar-report", G_LOG_LEVEL_MESSAGE, "The logo */logo.png is left out of the report:*");
  report = plantar_report_new (fitting, advice, NULL, &info, NULL);
  g_test_assert_expected_messages ();
  g_assert_nonnull (report);
  g_assert_cmpuint (plantar_report_paginate (report, 595, 842), ==, 1);

  /* a 40000 × 40000 picture as a logo: left out at once by its header
   * (decoding it took 20 s and 4.7 GB) */
  {
    static const guint8 head[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                   0, 0, 0x9c, 0x40, 0, 0, 0x9c, 0x40, 8, 0, 0, 0, 0, 0xa1, 0x3b, 0x5f, 0x25 };
    g_autofree char *huge = g_build_filename (dir, "huge.png", NULL);
    g_autoptr(PlantarReport) again = NULL;
    gint64 start = g_get_monotonic_time ();
    g_assert_true (g_file_set_contents (huge, (const char *) head, sizeof head, NULL));
    info.shop_logo = huge;
    g_test_expect_message ("plantar-report", G_LOG_LEVEL_MESSAGE, "The logo */huge.png is left out*");
    again = plantar_report_new (fitting, advice, NULL, &info, NULL);
    g_test_assert_expected_messages ();
    g_assert_nonnull (again);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  }
  plantar_test_rm_rf (dir);
}

/* Text that does not fit wraps or moves on: a long name, a long list of
 * products, pages of notes. */
static void
test_report_overflow (void)
{
  g_autofree char *demo = demo_path ("demo-footprint.png");
  g_autoptr(PlantarFitting) fitting = fitting_for (demo);
  g_autofree char *shop_rules = plantar_test_read_data ("shop-rules.json");
  g_autoptr(GString) rules_text = g_string_new (shop_rules);
  g_autoptr(GString) products = g_string_new (NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(PlantarRules) rules = NULL;
  g_autoptr(PlantarAdvice) advice = NULL;
  g_autoptr(PlantarReport) report = NULL;
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "long.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  PlantarReportInfo info;
  double w, h;
  guint pages;

  for (int i = 0; i < 40; i++)
    g_string_append_printf (products, "{ \"name\": \"Insole model number %d with a very long descriptive name\", "
                                      "\"code\": \"CODE-%04d\", \"price\": \"%d.90 EUR\", \"for\": { \"insole\": \"firm\" } },\n",
                            i, i, 30 + i);
  g_string_prepend (products, "\"products\": [\n");
  g_string_replace (rules_text, "\"products\": [\n", products->str, 1);
  rules = plantar_rules_parse (rules_text->str, -1, "long.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plantar_rules_get_n_products (rules), ==, 43);
  advice = plantar_rules_suggest (rules, plantar_fitting_get_foot (fitting, PLANTAR_SIDE_LEFT),
                                  plantar_fitting_get_foot (fitting, PLANTAR_SIDE_RIGHT), NULL, NULL);
  g_assert_cmpuint (advice->right.products->len, ==, 42);

  for (int i = 0; i < 900; i++)
    g_string_append_printf (notes, "word%d ", i);
  g_string_append (notes, "\n\nTHE-END-OF-THE-NOTES");
  name = g_strnfill (30, 'X');
  {
    g_autofree char *long_name = g_strdup_printf ("Maximiliana Alexandra %s-Montgomery-Fitzgerald de la Cruz y Sánchez", name);
    plantar_report_info_init (&info);
    info.customer = long_name;
    info.shop_name = "The Extraordinarily Long-Named Orthopaedic Footwear and Running Emporium of Greater Edinburgh";
    info.notes = notes->str;
    report = plantar_report_new (fitting, advice, NULL, &info, NULL);
    g_assert_true (plantar_report_write_pdf (report, PLANTAR_PAPER_A4, pdf, NULL));
  }
  pages = pdf_pages (pdf, &w, &h);
  g_assert_cmpuint (pages, >=, 3);
  text = pdf_text (pdf);
  /* nothing lost: the first and last words, the last product */
  g_assert_nonnull (strstr (text, "word0"));
  g_assert_nonnull (strstr (text, "word899"));
  g_assert_nonnull (strstr (text, "THE-END-OF-THE-NOTES"));
  g_assert_nonnull (strstr (text, "CODE-0039"));
  g_assert_nonnull (strstr (text, "Emporium"));
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", pages, pages);
    g_assert_nonnull (strstr (text, last));
  }
  assert_words_placed (pdf, 40);
  plantar_test_rm_rf (dir);
}

static void
test_report_cli (void)
{
  const char *cli = g_getenv ("PLANTAR_CLI");
  g_autofree char *demo = demo_path ("demo-footprint.png");
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "cli.pdf", NULL);
  g_autofree char *bad = plantar_test_write (dir, "bad.json", "{ \"version\": 1,\n\n \"caveat\": \"x\" }", -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  JsonObject *root, *left;
  int status;
  double w, h;

  {
    const char *argv[] = { cli, "report", demo, "--json", "-o", pdf, "--pain", "knee", "--activity", "walking",
                           "--customer", "Jo", "--paper", "letter", NULL };
    out = run (argv, &status);
  }
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  left = json_object_get_object_member (root, "left");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (left, "insole"), "id"), ==,
                   "neutral-support");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (left, "heel_cup"), "depth_mm"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "answers"), "activity"), ==, "walking");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "referrals")), ==, 3);
  g_assert_nonnull (strstr (json_object_get_string_member (root, "caveat"), "Knapik"));
  g_assert_cmpuint (pdf_pages (pdf, &w, &h), ==, 1);
  g_assert_cmpfloat (w, ==, 612);
  g_clear_pointer (&out, g_free);

  /* what is wrong, and exit status 2 */
  {
    const char *argv[] = { cli, "report", demo, "--json", "--activity", "swimming", NULL };
    out = run (argv, &status);
    g_assert_cmpint (status, !=, 0);
    g_clear_pointer (&out, g_free);
  }
  {
    const char *argv[] = { cli, "report", demo, NULL };
    out = run (argv, &status);
    g_assert_cmpint (status, !=, 0);
    g_clear_pointer (&out, g_free);
  }
  {
    const char *argv[] = { cli, "report", demo, "--json", "--rules", bad, NULL };
    g_autofree char *err = NULL;
    int wait;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &wait, NULL));
    g_assert_false (g_spawn_check_wait_status (wait, NULL));
    g_assert_nonnull (strstr (err, "bad.json"));
    g_assert_nonnull (strstr (err, "line"));
    g_clear_pointer (&out, g_free);
  }
  plantar_test_rm_rf (dir);
}

/* The guide to measuring at home: one page, its three steps, every word
 * inside the margins, in A4 and in Letter; an unwritable place is said. */
static void
test_guide (void)
{
  g_autoptr(PlantarGuide) guide = plantar_guide_new ();
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "guide.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  double w, h;

  g_assert_true (plantar_guide_write_pdf (guide, PLANTAR_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (pdf, &w, &h), ==, 1);
  g_assert_cmpfloat_with_epsilon (w, 595.28, 1);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Measure your feet at home"));
  g_assert_nonnull (strstr (text, "Make a print"));
  g_assert_nonnull (strstr (text, "Photograph it"));
  g_assert_nonnull (strstr (text, "Open the photo in Plantar"));
  assert_words_placed (pdf, 36);
  g_assert_true (plantar_guide_write_pdf (guide, PLANTAR_PAPER_LETTER, pdf, &error));
  g_assert_cmpuint (pdf_pages (pdf, &w, &h), ==, 1);
  g_assert_cmpfloat_with_epsilon (w, 612, 1);
  assert_words_placed (pdf, 36);

  g_assert_false (plantar_guide_write_pdf (guide, PLANTAR_PAPER_A4, "/nonexistent/folder/guide.pdf", &error));
  g_assert_error (error, PLANTAR_REPORT_ERROR, PLANTAR_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "guide.pdf"));
  plantar_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  /* a config directory of the test's own, before GLib reads it */
  config_dir = g_dir_make_tmp ("plantar-config-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/footprint", test_report_footprint);
  g_test_add_func ("/report/pixels", test_report_pixels);
  g_test_add_func ("/report/recording-clinic", test_report_recording_clinic);
  g_test_add_func ("/report/walk-store", test_report_walk_store);
  g_test_add_func ("/report/full-disk", test_report_full_disk);
  g_test_add_func ("/report/bad-logo", test_report_bad_logo);
  g_test_add_func ("/report/overflow", test_report_overflow);
  g_test_add_func ("/report/cli", test_report_cli);
  g_test_add_func ("/report/guide", test_guide);

  {
    int status = g_test_run ();
    plantar_test_rm_rf (config_dir);
    g_free (config_dir);
    return status;
  }
}

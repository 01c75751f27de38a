/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plantar-cli.h"

/* generate: synthetic scans of feet with known geometry, the demo scans,
 * and phone photos of a print on a sheet of paper. */

typedef struct {
  char    *side, *output, *floor, *paper, *photo_size;
  double   length, arch, angle, dpi, cell, tilt, turn, light, blur, texture, preload_kpa, drift_kpa;
  int      frames, seed, quality, orientation, preload;
  gboolean both, podoscope, attached, demo, brown;
  /* gait */
  gboolean treadmill, running;
  double   speed, cadence, strike_left, strike_right, stance_left, stance_right, step_width, step_ratio, frame;
  int      steps;
} GenerateOptions;

/* A walk or a run of known gait, as a grid recording */
static gboolean
write_gait (const GenerateOptions *o,
            GError               **error)
{
  PlantarSynthGait g;
  g_autoptr(PlantarScan) scan = NULL;

  plantar_synth_gait_init (&g, o->running);
  g.treadmill = o->treadmill;
  g.cell_mm = o->cell;
  g.foot_length_mm = o->length;
  if (o->speed > 0)
    g.speed_kmh = o->speed;
  if (o->cadence > 0)
    g.cadence_spm = o->cadence;
  if (o->stance_left > 0)
    g.stance_ms[0] = o->stance_left;
  if (o->stance_right > 0)
    g.stance_ms[1] = o->stance_right;
  if (o->step_width > 0)
    g.step_width_mm = o->step_width;
  if (o->step_ratio > 0)
    g.step_time_ratio = o->step_ratio;
  if (o->steps > 0)
    g.n_steps = o->steps;
  if (o->frame > 0)
    g.frame_ms = o->frame;
  g.strike[0] = o->strike_left;
  g.strike[1] = o->strike_right;
  if (!(g.speed_kmh <= 30 && g.cadence_spm >= 30 && g.cadence_spm <= 260 && g.n_steps >= 2 && g.n_steps <= 60 &&
        g.strike[0] >= 0 && g.strike[0] <= 1 && g.strike[1] >= 0 && g.strike[1] <= 1 && g.step_time_ratio <= 3 &&
        g.stance_ms[0] <= 3000 && g.stance_ms[1] <= 3000 && g.frame_ms >= 1 && g.frame_ms <= 100))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("gait: --speed-kmh up to 30, --cadence 30 to 260, --steps 2 to 60, --strike-* 0 to 1, "
                             "--step-ratio up to 3, --stance-ms-* up to 3000, --frame-ms 1 to 100"));
      return FALSE;
    }
  scan = plantar_synth_render_gait (&g, error);
  return scan != NULL && plantar_scan_save_grid (scan, o->output, error);
}

static void
generate_options_clear (GenerateOptions *o)
{
  g_free (o->side);
  g_free (o->output);
  g_free (o->floor);
  g_free (o->paper);
  g_free (o->photo_size);
}

static gboolean
check_generate_options (const GenerateOptions *o,
                        PlantarSide           *side)
{
  *side = o->side && g_ascii_strcasecmp (o->side, "left") == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT;
  if (o->side && g_ascii_strcasecmp (o->side, "left") != 0 && g_ascii_strcasecmp (o->side, "right") != 0)
    print_error (_("--side must be left or right"));
  else if (!(o->length >= 100 && o->length <= 400) || !(o->dpi >= 25 && o->dpi <= 1200) ||
           !(o->cell >= 1 && o->cell <= 20) || o->frames < 1 || o->frames > 2000 || o->preload < 0 ||
           !(o->preload_kpa >= 0 && o->preload_kpa <= 1000) || !(fabs (o->drift_kpa) <= 1000) ||
           !(o->arch >= -0.15 && o->arch <= 1))
    print_error (_("out of range: --length-mm 100–400, --dpi 25–1200, --cell-mm 1–20, --frames 1–2000, "
                   "--arch -0.15–1, --preload 0 or more, --preload-kpa 0–1000, --drift-kpa -1000–1000"));
  else if (!(fabs (o->tilt) <= 60) || !(o->light >= 0 && o->light <= 0.9) || !(o->blur >= 0 && o->blur <= 20) ||
           o->quality < 10 || o->quality > 100 || o->orientation < 1 || o->orientation > 8)
    print_error (_("out of range: --tilt -60–60, --light 0–0.9, --blur-px 0–20, --quality 10–100, "
                   "--orientation 1–8"));
  else
    return TRUE;
  return FALSE;
}

/* One foot, or a pair, placed as a page or plate of their size wants. */
static guint
make_feet (const GenerateOptions *o,
           PlantarSide            main_side,
           PlantarSynthFoot       feet[2])
{
  guint n = o->both ? 2 : 1;

  for (guint i = 0; i < n; i++)
    {
      PlantarSide s = o->both ? (i == 0 ? PLANTAR_SIDE_LEFT : PLANTAR_SIDE_RIGHT) : main_side;
      double half_gap = o->both ? 0.30 * o->length : 0;
      double tilt = (s == PLANTAR_SIDE_LEFT ? -1 : 1) * o->angle;

      plantar_synth_foot_init (&feet[i], s, o->length);
      feet[i].arch = o->arch;
      feet[i].toes_separate = !o->attached;
      feet[i].angle_deg = o->both ? tilt : o->angle;
      feet[i].heel_x_mm = 0.30 * o->length + 15 + (o->both ? (i == 0 ? 0 : 2 * half_gap) : 0);
      feet[i].heel_y_mm = 0.875 * o->length + 20;
      feet[i].stance_start_ms = 30 + i * 200;
    }
  return n;
}

static PlantarScan *
make_plate (const GenerateOptions  *o,
            const PlantarSynthFoot *feet,
            guint                   n,
            GError                **error)
{
  PlantarSynthPlate p;
  PlantarScan *scan;

  plantar_synth_plate_init (&p);
  p.cell_width_mm = p.cell_height_mm = o->cell;
  p.columns = (guint) ceil ((o->both ? 1.25 : 0.65) * o->length / o->cell + 6);
  p.rows = (guint) ceil ((o->length + 50) / o->cell);
  p.n_frames = o->frames;
  p.frame_ms = 10;
  scan = plantar_synth_render_plate (&p, feet, n, error);
  if (scan != NULL && o->preload > 0)
    plantar_synth_add_preload (scan, o->preload, o->preload_kpa, o->drift_kpa, o->seed);
  return scan;
}

static PlantarScan *
make_page (const GenerateOptions  *o,
           const PlantarSynthFoot *feet,
           guint                   n,
           GError                **error)
{
  PlantarSynthPage page;

  plantar_synth_page_init (&page);
  page.dpi = o->dpi;
  page.dark_on_light = !o->podoscope;
  page.seed = o->seed;
  page.texture = o->texture;
  page.width_mm = MAX (210, (o->both ? 1.25 : 0.65) * o->length + 30);
  page.height_mm = MAX (297, o->length + 50);
  return plantar_synth_render_page (&page, feet, n, error);
}

/* A phone photo of the foot's print in the middle of a sheet, and the
 * sheet's true corners in it (printed as JSON with --json). */
static gboolean
write_photo (const GenerateOptions *o,
             PlantarSynthFoot      *foot,
             GError               **error)
{
  const char *floors[] = { "plain", "wood", "tile", "carpet" };
  PlantarSynthPhoto photo;
  PlantarSheet truth;
  g_autoptr(PlantarScan) sheet = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autofree guint8 *rgb = NULL;
  guint width = 4000, height = 3000;
  int floor_kind = -1;

  plantar_synth_photo_init (&photo);
  if (o->paper != NULL &&
      !plantar_paper_size_parse (o->paper, &photo.paper_width_mm, &photo.paper_height_mm, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (floors); i++)
    if (g_strcmp0 (o->floor ? o->floor : "wood", floors[i]) == 0)
      floor_kind = i;
  if (floor_kind < 0 ||
      (o->photo_size != NULL && (sscanf (o->photo_size, "%ux%u", &width, &height) != 2 || width < 200 ||
                                 height < 200 || width > 8000 || height > 8000)))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--floor is plain, wood, tile or carpet; --photo-size is WxH, 200 to 8000 pixels"));
      return FALSE;
    }
  photo.floor = floor_kind;
  photo.width = width;
  photo.height = height;
  photo.tilt_deg = o->tilt;
  photo.turn_deg = o->turn;
  photo.light_gradient = o->light;
  photo.blur_px = o->blur;
  photo.seed = o->seed;
  if (o->brown)
    {
      photo.paper_rgb = 0xb48c62;
      photo.ink_rgb = 0x4a3422;
    }
  /* the foot in the middle of the sheet, toes up */
  foot->heel_x_mm = photo.paper_width_mm / 2;
  foot->heel_y_mm = photo.paper_height_mm / 2 + foot->length_mm / 2 - foot->heel_width_mm / 2;
  sheet = plantar_synth_render_sheet (&photo, foot, 1, 200, error);
  if (sheet == NULL)
    return FALSE;
  rgb = plantar_synth_render_photo (&photo, sheet, &truth);
  jpeg = plantar_synth_encode_jpeg (rgb, photo.width, photo.height, o->quality, o->orientation);
  if (!g_file_set_contents (o->output, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), error))
    return FALSE;
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sheet_corners_px");
      json_builder_begin_array (b);
      for (guint i = 0; i < PLANTAR_SHEET_N_CORNERS; i++)
        {
          json_builder_begin_array (b);
          json_builder_add_double_value (b, truth.x[i]);
          json_builder_add_double_value (b, truth.y[i]);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "sheet_mm");
      json_builder_begin_array (b);
      json_builder_add_double_value (b, truth.width_mm);
      json_builder_add_double_value (b, truth.height_mm);
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      print_json (root);
    }
  return TRUE;
}

int
command_generate (int    argc,
                  char **argv)
{
  GenerateOptions o = { .length = 260, .arch = 0.45, .dpi = 150, .cell = 5, .frames = 1, .preload_kpa = 40, .seed = 1,
                        .quality = 88, .orientation = 1, .blur = 0.6 };
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &o.demo, N_("Write the demo scan Plantar ships"), NULL },
    { "side", 0, 0, G_OPTION_ARG_STRING, &o.side, N_("left or right (default right)"), N_("SIDE") },
    { "both", 0, 0, G_OPTION_ARG_NONE, &o.both, N_("Both feet on one page or plate"), NULL },
    { "length-mm", 0, 0, G_OPTION_ARG_DOUBLE, &o.length, N_("Foot length (default 260)"), N_("MM") },
    { "arch", 0, 0, G_OPTION_ARG_DOUBLE, &o.arch, N_("Arch height: -0.15 very flat, 0 flat, 1 no midfoot contact (default 0.45)"), N_("A") },
    { "angle", 0, 0, G_OPTION_ARG_DOUBLE, &o.angle, N_("Axis angle from toes-up, degrees clockwise"), N_("DEG") },
    { "toes-attached", 0, 0, G_OPTION_ARG_NONE, &o.attached, N_("Toe pads touch the ball"), NULL },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &o.dpi, N_("Image resolution (default 150)"), N_("DPI") },
    { "podoscope", 0, 0, G_OPTION_ARG_NONE, &o.podoscope, N_("Light print on dark, as a podoscope shows it"), NULL },
    { "texture", 0, 0, G_OPTION_ARG_DOUBLE, &o.texture, N_("Ink mottle and voids, 0 (even, the default) to 1 (a patchy stamp)"), N_("T") },
    { "cell-mm", 0, 0, G_OPTION_ARG_DOUBLE, &o.cell, N_("Plate cell size (default 5)"), N_("MM") },
    { "frames", 0, 0, G_OPTION_ARG_INT, &o.frames, N_("Plate frames: 1 gives the peak image (default 1)"), N_("N") },
    { "preload", 0, 0, G_OPTION_ARG_INT, &o.preload, N_("Plate: this many loaded cells never unload (a shoe's preload, stuck sensors)"), N_("N") },
    { "preload-kpa", 0, 0, G_OPTION_ARG_DOUBLE, &o.preload_kpa, N_("Plate: their offset (default 40)"), N_("KPA") },
    { "drift-kpa", 0, 0, G_OPTION_ARG_DOUBLE, &o.drift_kpa, N_("Plate: how far the offset drifts over the recording"), N_("KPA") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &o.seed, N_("Noise seed"), N_("N") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &o.paper, N_("Photo: the sheet, a4 (default), letter, a3, legal or WxH mm"), N_("SIZE") },
    { "floor", 0, 0, G_OPTION_ARG_STRING, &o.floor, N_("Photo: wood (default), tile, carpet or plain"), N_("KIND") },
    { "tilt", 0, 0, G_OPTION_ARG_DOUBLE, &o.tilt, N_("Photo: the camera's tilt from straight down, degrees"), N_("DEG") },
    { "turn", 0, 0, G_OPTION_ARG_DOUBLE, &o.turn, N_("Photo: the camera turned about its line of sight, degrees"), N_("DEG") },
    { "light", 0, 0, G_OPTION_ARG_DOUBLE, &o.light, N_("Photo: light falling off across it, 0–0.9"), N_("F") },
    { "blur-px", 0, 0, G_OPTION_ARG_DOUBLE, &o.blur, N_("Photo: blur, pixels (default 0.6)"), N_("PX") },
    { "photo-size", 0, 0, G_OPTION_ARG_STRING, &o.photo_size, N_("Photo: pixels (default 4000x3000)"), N_("WxH") },
    { "quality", 0, 0, G_OPTION_ARG_INT, &o.quality, N_("Photo: JPEG quality (default 88)"), N_("Q") },
    { "orientation", 0, 0, G_OPTION_ARG_INT, &o.orientation, N_("Photo: EXIF orientation written (default 1)"), N_("N") },
    { "brown-paper", 0, 0, G_OPTION_ARG_NONE, &o.brown, N_("Photo: a wet foot on brown paper"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Photo: print the sheet's true corners as JSON"), NULL },
    { "treadmill", 0, 0, G_OPTION_ARG_NONE, &o.treadmill, N_("Gait: on a treadmill (default a walkway)"), NULL },
    { "running", 0, 0, G_OPTION_ARG_NONE, &o.running, N_("Gait: a run (default a walk)"), NULL },
    { "speed-kmh", 0, 0, G_OPTION_ARG_DOUBLE, &o.speed, N_("Gait: speed (default 4.5, running 10)"), N_("KMH") },
    { "cadence", 0, 0, G_OPTION_ARG_DOUBLE, &o.cadence, N_("Gait: steps a minute (default 110, running 170)"), N_("SPM") },
    { "strike-left", 0, 0, G_OPTION_ARG_DOUBLE, &o.strike_left, N_("Gait: where the left foot lands, 0 heel to 1 toes"), N_("F") },
    { "strike-right", 0, 0, G_OPTION_ARG_DOUBLE, &o.strike_right, N_("Gait: where the right foot lands"), N_("F") },
    { "stance-ms-left", 0, 0, G_OPTION_ARG_DOUBLE, &o.stance_left, N_("Gait: the left foot's contact time"), N_("MS") },
    { "stance-ms-right", 0, 0, G_OPTION_ARG_DOUBLE, &o.stance_right, N_("Gait: the right foot's contact time"), N_("MS") },
    { "step-width-mm", 0, 0, G_OPTION_ARG_DOUBLE, &o.step_width, N_("Gait: between the heels, across"), N_("MM") },
    { "step-ratio", 0, 0, G_OPTION_ARG_DOUBLE, &o.step_ratio, N_("Gait: the left step's time over the right's (default 1)"), N_("R") },
    { "steps", 0, 0, G_OPTION_ARG_INT, &o.steps, N_("Gait: how many steps (default 8)"), N_("N") },
    { "frame-ms", 0, 0, G_OPTION_ARG_DOUBLE, &o.frame, N_("Gait: the plate's frame time (default 10)"), N_("MS") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, N_("Where to write (PNG for footprints, grid CSV for plates, JPEG for photos)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context (_("footprint|plate|photo|gait"), _("Write a synthetic footprint image (PNG), pressure plate "
                                                        "recording (grid CSV), phone photo of a print on a sheet "
                                                        "(JPEG) of a foot with known geometry, or a walk or run of "
                                                        "known gait on a walkway or a treadmill (grid CSV)."),
                     entries, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarScan) scan = NULL;
  PlantarSynthFoot feet[2];
  PlantarSide main_side;
  int status = 2;
  guint n;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    print_error (error->message);
  else if (argc != 2 || o.output == NULL ||
           (!g_str_equal (argv[1], "footprint") && !g_str_equal (argv[1], "plate") && !g_str_equal (argv[1], "photo") &&
            !g_str_equal (argv[1], "gait")))
    print_error (_("usage: plantar-cli generate footprint|plate|photo|gait -o FILE [OPTION…]"));
  else if (check_generate_options (&o, &main_side))
    {
      n = make_feet (&o, main_side, feet);
      status = EXIT_SUCCESS;
      if (g_str_equal (argv[1], "photo") || g_str_equal (argv[1], "gait"))
        {
          if (!(g_str_equal (argv[1], "photo") ? write_photo (&o, &feet[0], &error) : write_gait (&o, &error)))
            status = EXIT_FAILURE;
        }
      else
        {
          gboolean plate = g_str_equal (argv[1], "plate");
          if (o.demo)
            scan = plate ? plantar_synth_demo_walk (&error) : plantar_synth_demo_footprint (&error);
          else
            scan = plate ? make_plate (&o, feet, n, &error) : make_page (&o, feet, n, &error);
          if (scan == NULL || !(plate ? plantar_scan_save_grid (scan, o.output, &error)
                                      : plantar_scan_save_png (scan, o.output, &error)))
            status = EXIT_FAILURE;
        }
      if (status != EXIT_SUCCESS)
        print_error (error->message);
    }
  generate_options_clear (&o);
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plantar-products.h"
#include "plantar-rules.h"
#include "plantar-test-util.h"

/* The insole rules: the suggestion with its reasons from Plantar's own
 * rules, a shop's file, a user's file, and files that are wrong. */

static char *config_dir;

/* ------------------------------------------------------------ feet made to order */

static void
foot_init (PlantarFoot *foot,
           PlantarSide  side,
           double       arch_index)
{
  memset (foot, 0, sizeof *foot);
  foot->side = side;
  foot->arch_index = arch_index;
  foot->modified_arch_index = foot->chippaux_smirak = foot->staheli = foot->clarke_angle_deg = NAN;
  foot->hernandez_corvo = foot->cpei_pct = foot->progression_angle_deg = NAN;
  foot->heel_cop_offset_mm = foot->heel_medial_load_pct = foot->medial_load_pct = NAN;
  foot->heel_peak_kpa = foot->peak_kpa = NAN;
  foot->foot_length_mm = 258;
  foot->ball_width_mm = 95;
  for (int r = 0; r < PLANTAR_N_REGIONS; r++)
    foot->regions[r].peak_kpa = foot->regions[r].force_n = NAN;
}

static gboolean
has_reason (const PlantarFootAdvice *f,
            const char              *rule,
            const char              *fragment)
{
  for (guint i = 0; i < f->reasons->len; i++)
    {
      PlantarReason *r = g_ptr_array_index (f->reasons, i);
      if (g_str_equal (r->rule, rule) && (fragment == NULL || strstr (r->text, fragment) != NULL))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_add_on (const PlantarFootAdvice *f,
            const char              *id)
{
  for (guint i = 0; i < f->add_on_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (f->add_on_ids, i), id))
      return TRUE;
  return FALSE;
}

static void
test_rules_arch (void)
{
  PlantarRules *rules = plantar_rules_get_builtin ();
  PlantarFoot l, r;
  g_autoptr(PlantarAdvice) a = NULL;

  g_assert_cmpuint (plantar_rules_get_n_rules (rules), >=, 15);
  g_assert_nonnull (strstr (plantar_rules_get_caveat (rules), "Knapik"));
  g_assert_nonnull (strstr (plantar_rules_get_caveat (rules), "Nielsen"));

  /* normal left, low right, equal lengths */
  foot_init (&l, PLANTAR_SIDE_LEFT, 0.23);
  foot_init (&r, PLANTAR_SIDE_RIGHT, 0.28);
  l.foot_length_mm = r.foot_length_mm = 258;
  a = plantar_rules_suggest (rules, &l, &r, NULL, NULL);
  g_assert_cmpstr (a->left.insole, ==, "neutral-support");
  g_assert_cmpstr (a->left.arch_profile, ==, "medium");
  g_assert_cmpstr (a->left.heel_cup, ==, "standard");
  g_assert_cmpfloat (a->left.heel_cup_mm, ==, 12);
  g_assert_true (has_reason (&a->left, "normal-arch", "Arch index 0.23 is between 0.21 and 0.26"));
  g_assert_cmpstr (a->right.insole, ==, "stability-support");
  g_assert_cmpstr (a->right.arch_profile, ==, "low");
  g_assert_cmpfloat (a->right.heel_cup_mm, ==, 18);
  g_assert_true (has_reason (&a->right, "low-arch", "0.28 is 0.26 or more"));
  /* 0.05 apart: worth an assessment, said once */
  g_assert_cmpuint (a->referrals->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (a->referrals, 0), "differ by 0.05"));
  g_clear_pointer (&a, plantar_advice_free);

  /* a high arch; the heel cup follows the foot's length */
  foot_init (&l, PLANTAR_SIDE_LEFT, 0.18);
  l.foot_length_mm = 300;
  a = plantar_rules_suggest (rules, &l, NULL, NULL, NULL);
  g_assert_true (a->left.available);
  g_assert_false (a->right.available);
  g_assert_cmpstr (a->left.insole, ==, "cushioned-neutral");
  g_assert_cmpstr (a->left.arch_profile, ==, "high");
  g_assert_cmpstr (a->left.heel_cup, ==, "deep");
  g_assert_cmpfloat (a->left.heel_cup_mm, ==, round (18 * 300 / 258.0));
  g_assert_cmpuint (a->referrals->len, ==, 0);
  g_clear_pointer (&a, plantar_advice_free);

  /* a child's foot: scaled down, but not below the file's min_scale */
  foot_init (&l, PLANTAR_SIDE_LEFT, 0.23);
  l.foot_length_mm = 150;
  a = plantar_rules_suggest (rules, &l, NULL, NULL, NULL);
  g_assert_cmpfloat (a->left.heel_cup_mm, ==, round (12 * 0.8));
  g_clear_pointer (&a, plantar_advice_free);

  /* markedly low on one side only: said with the side */
  foot_init (&l, PLANTAR_SIDE_LEFT, 0.25);
  foot_init (&r, PLANTAR_SIDE_RIGHT, 0.31);
  a = plantar_rules_suggest (rules, &l, &r, NULL, NULL);
  g_assert_cmpstr (a->right.insole, ==, "structured-orthotic");
  g_assert_cmpstr (a->right.heel_cup, ==, "extra-deep");
  g_assert_cmpfloat (a->right.heel_cup_mm, ==, 24);
  g_assert_cmpuint (a->referrals->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (a->referrals, 1), "Right foot: Arch index 0.31"));
}

static void
test_rules_pressure_and_answers (void)
{
  PlantarRules *rules = plantar_rules_get_builtin ();
  PlantarFoot l, r;
  PlantarAnswers answers;
  g_autoptr(PlantarAdvice) a = NULL;
  g_autoptr(GError) error = NULL;

  foot_init (&l, PLANTAR_SIDE_LEFT, 0.22);
  foot_init (&r, PLANTAR_SIDE_RIGHT, 0.22);
  l.has_pressure = r.has_pressure = TRUE;
  l.heel_peak_kpa = 520;
  r.heel_peak_kpa = 300;
  r.regions[PLANTAR_REGION_MTH2].peak_kpa = 760;
  l.heel_cop_offset_mm = 5;    /* rolls in */
  r.heel_cop_offset_mm = 4.5;

  plantar_answers_init (&answers);
  g_assert_true (plantar_answers_set (&answers, "pain", "knee, forefoot", &error));
  g_assert_true (plantar_answers_set (&answers, "shoe", "dress", &error));
  g_assert_true (plantar_answers_set (&answers, "activity", "running", &error));
  g_assert_true (plantar_answers_set (&answers, "weekly_km", "50", &error));
  a = plantar_rules_suggest (rules, &l, &r, &answers, NULL);

  g_assert_true (has_reason (&a->left, "heel-pressure", "Heel pressure 520 kPa is above 470 kPa"));
  g_assert_true (has_add_on (&a->left, "heel-cushion"));
  g_assert_false (has_reason (&a->right, "heel-pressure", NULL));
  g_assert_true (has_reason (&a->right, "forefoot-pressure", "760 kPa"));
  g_assert_true (has_add_on (&a->right, "metatarsal-pad"));
  g_assert_true (has_add_on (&a->left, "metatarsal-pad"));   /* the pain is in both forefeet */
  g_assert_cmpstr (a->left.insole, ==, "stability-support");
  g_assert_true (has_reason (&a->left, "heel-medial", "5 mm to the inside"));
  g_assert_true (has_reason (&a->left, "runner-distance", "Running 50 km a week"));
  /* dress shoes: the deep cup capped at 10 mm */
  g_assert_cmpstr (a->left.heel_cup, ==, "deep");
  g_assert_cmpfloat (a->left.heel_cup_mm, ==, 10);
  /* the knees: one line for the fitting, not one per foot */
  g_assert_cmpuint (a->referrals->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (a->referrals, 0), "knees or the lower back"));

  /* a pain of one foot: that foot's insole, and the referral says which */
  g_clear_pointer (&a, plantar_advice_free);
  g_assert_true (plantar_answers_set (&answers, "pain", "forefoot:right, knee:left", &error));
  g_assert_cmpuint (answers.pain, ==, PLANTAR_PAIN_FOREFOOT | PLANTAR_PAIN_KNEE);
  g_assert_cmpuint (answers.pain_right, ==, PLANTAR_PAIN_FOREFOOT);
  g_assert_cmpuint (answers.pain_left, ==, PLANTAR_PAIN_KNEE);
  a = plantar_rules_suggest (rules, &l, &r, &answers, NULL);
  g_assert_true (has_add_on (&a->right, "metatarsal-pad"));
  g_assert_false (has_reason (&a->left, "forefoot-pain", NULL));
  g_assert_true (has_reason (&a->right, "forefoot-pain", NULL));
  g_assert_cmpuint (a->referrals->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (a->referrals, 0), ==, "Left foot: Pain in the knees or the lower back");
  /* said once, not "worth an assessment" again under the heading that says it */
  g_assert_null (strstr (g_ptr_array_index (a->referrals, 0), "assess"));
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *text = NULL;
    json_builder_begin_object (b);
    plantar_advice_build_json (a, &answers, b);
    json_builder_end_object (b);
    node = json_builder_get_root (b);
    text = json_to_string (node, FALSE);
    g_assert_nonnull (strstr (text, "\"pain\":[\"forefoot:right\",\"knee:left\"]"));
  }
  /* both sides said: both feet */
  g_assert_true (plantar_answers_set (&answers, "pain", "heel:left,heel:right", &error));
  g_assert_cmpuint (answers.pain_left | answers.pain_right, ==, 0);
  g_assert_false (plantar_answers_set (&answers, "pain", "heel:top", &error));
  g_assert_nonnull (strstr (error->message, "left, right or both"));
  g_clear_error (&error);

  /* the answers are checked */
  g_assert_false (plantar_answers_set (&answers, "activity", "swimming", &error));
  g_assert_nonnull (strstr (error->message, "running, walking, standing"));
  g_clear_error (&error);
  g_assert_false (plantar_answers_set (&answers, "pain", "elbow", &error));
  g_clear_error (&error);
  g_assert_false (plantar_answers_set (&answers, "body_mass_kg", "-3", &error));
  g_clear_error (&error);
  g_assert_false (plantar_answers_set (&answers, "weekly_km", "12abc", &error));
  g_clear_error (&error);
  plantar_answers_clear (&answers);

  /* a heavy customer with a high arch: support rather than softness */
  g_clear_pointer (&a, plantar_advice_free);
  foot_init (&l, PLANTAR_SIDE_LEFT, 0.19);
  plantar_answers_init (&answers);
  answers.body_mass_kg = 110;
  a = plantar_rules_suggest (rules, &l, NULL, &answers, NULL);
  g_assert_cmpstr (a->left.insole, ==, "neutral-support");
  g_assert_true (has_reason (&a->left, "heavy", "110 kg"));
  plantar_answers_clear (&answers);
}

/* ------------------------------------------------------------ the rules file */

/* A shop's rules (tests/data/shop-rules.json): two insoles, one rule,
 * products. */
static char *shop_rules;

static void
test_rules_shop_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRules) rules = plantar_rules_parse (shop_rules, -1, "rules.json", &error);
  g_autoptr(PlantarAdvice) a = NULL;
  PlantarFoot l, r;

  g_assert_no_error (error);
  g_assert_cmpuint (plantar_rules_get_n_products (rules), ==, 3);
  foot_init (&l, PLANTAR_SIDE_LEFT, 0.27);
  foot_init (&r, PLANTAR_SIDE_RIGHT, 0.2);
  a = plantar_rules_suggest (rules, &l, &r, NULL, NULL);
  g_assert_cmpstr (a->left.insole_label, ==, "Firm insole");
  g_assert_cmpuint (a->left.products->len, ==, 2);
  g_assert_cmpstr (((PlantarProduct *) g_ptr_array_index (a->left.products, 0))->code, ==, "FS-2");
  g_assert_cmpstr (((PlantarProduct *) g_ptr_array_index (a->left.products, 1))->name, ==, "Metatarsal Dot");
  g_assert_cmpstr (a->right.insole, ==, "soft");
  g_assert_cmpuint (a->right.products->len, ==, 1);
  g_assert_cmpstr (((PlantarProduct *) g_ptr_array_index (a->right.products, 0))->name, ==, "Cloud");
  /* the shop's cup of 15 mm is for a 250 mm foot */
  g_assert_cmpfloat (a->left.heel_cup_mm, ==, round (15 * 258 / 250.0));
  g_assert_cmpstr (a->caveat, ==, "Guidance for comfort and fit only.");
}

/* A broken file names its line and its field. */
static void
assert_bad_rules (const char *from,
                  const char *to,
                  guint       line,
                  const char *fragment)
{
  g_autoptr(GString) text = g_string_new (shop_rules);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRules) rules = NULL;
  g_autofree char *where = g_strdup_printf ("line %u:", line);

  g_assert_nonnull (strstr (text->str, from));
  g_string_replace (text, from, to, 1);
  rules = plantar_rules_parse (text->str, -1, "rules.json", &error);
  if (rules != NULL)
    g_error ("“%s” → “%s” was taken", from, to);
  if (strstr (error->message, fragment) == NULL || (line > 0 && strstr (error->message, where) == NULL))
    g_error ("“%s” → “%s”: expected line %u and “%s”, got: %s", from, to, line, fragment, error->message);
}

static void
test_rules_bad (void)
{
  assert_bad_rules ("\"arch_index >= 0.26\"", "\"arch_indx >= 0.26\"", 13, "rules[0] (flat-feet).when[0]: unknown measure or answer “arch_indx”");
  assert_bad_rules ("\"arch_index >= 0.26\"", "\"arch_index >= low\"", 13, "“low” is not a number");
  assert_bad_rules ("\"arch_index >= 0.26\"", "\"arch_index\"", 13, "not a condition");
  assert_bad_rules ("\"arch_index >= 0.26\"", "\"activity == swimming\"", 13, "expected one of running, walking, standing");
  assert_bad_rules ("\"arch_index >= 0.26\"", "\"pain >= 3\"", 13, "expected includes or excludes");
  assert_bad_rules ("\"insole\": \"firm\", \"arch", "\"insole\": \"rigid\", \"arch", 14, "rules[0] (flat-feet).then.insole: expected one of soft, firm");
  assert_bad_rules ("\"add\": [\"pad\"]", "\"add\": [\"wedge\"]", 14, "“wedge” is not an add-on");
  assert_bad_rules ("\"add\": [\"pad\"]", "\"colour\": \"red\"", 14, "unknown field");
  assert_bad_rules ("\"because\": \"AI {arch_index}\"", "\"because\": \"AI {arch_idx}\"", 15, "names nothing Plantar measures");
  assert_bad_rules ("\"because\": \"AI {arch_index}\"", "\"because\": \"\"", 15, "expected “because”");
  assert_bad_rules ("\"price\": \"49.90 EUR\"", "\"price\": 49.9", 19, "products[0].price: expected the price as text");
  assert_bad_rules ("\"for\": { \"insole\": \"soft\" }", "\"for\": { \"insole\": \"hard\" }", 21, "products[2].for.insole");
  assert_bad_rules ("\"depth_mm\": 15", "\"depth_mm\": 400", 8, "depth between 0 and 40 mm");
  assert_bad_rules ("\"version\": 1", "\"version\": 7", 2, "version: expected 1");
  assert_bad_rules ("\"defaults\": { \"insole\": \"soft\"", "\"defaults\": { \"insole\": \"none\"", 9, "defaults:");
  assert_bad_rules ("\"id\": \"flat-feet\"", "\"name\": \"flat-feet\"", 0, "rules[0]: expected an object with a text “id”");
  assert_bad_rules ("\"rules\": [", "\"rules\": [[", 0, "rules.json");   /* not JSON */
  assert_bad_rules ("{\n  \"version\"", "\xff\xfe{\n  \"version\"", 0, "not UTF-8");
}

/* A shop's file in the user's config directory, good or bad. */
static void
test_rules_user_file (void)
{
  g_autofree char *dir = g_build_filename (config_dir, "plantar", NULL);
  g_autofree char *path = g_build_filename (dir, "rules.json", NULL);
  g_autoptr(GError) warning = NULL;
  g_autoptr(PlantarRules) rules = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, shop_rules, -1, NULL));
  rules = plantar_rules_get_default (&warning);
  g_assert_no_error (warning);
  g_assert_cmpuint (plantar_rules_get_n_products (rules), ==, 3);
  g_clear_pointer (&rules, plantar_rules_unref);

  g_assert_true (g_file_set_contents (path, "{ \"version\": 1,\n \"caveat\": 3 }", -1, NULL));
  rules = plantar_rules_get_default (&warning);
  g_assert_true (rules == plantar_rules_get_builtin ());
  g_assert_error (warning, PLANTAR_RULES_ERROR, PLANTAR_RULES_ERROR_FIELD);
  g_assert_nonnull (strstr (warning->message, "line 2: caveat"));
  g_unlink (path);
}

/* The shop's products edited in the app: written into its rules file, the
 * rest kept, checked first, read back as the suggestions read them. */
static void
test_products_file (void)
{
  g_autofree char *dir = plantar_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "plantar", "rules.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_product_spec_free);
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(PlantarRules) rules = NULL;
  g_autoptr(GArray) targets = plantar_rules_get_product_targets (plantar_rules_get_builtin ());
  PlantarProductSpec *p;
  g_autofree char *before = NULL;
  gboolean has_pad = FALSE;

  for (guint i = 0; i < targets->len; i++)
    has_pad |= g_str_equal (g_array_index (targets, PlantarProductTarget, i).id, "metatarsal-pad");
  g_assert_true (has_pad);

  /* no file yet: none listed */
  read = plantar_products_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 0);
  g_clear_pointer (&read, g_ptr_array_unref);

  p = plantar_product_spec_new ();
  p->name = g_strdup ("Stride Support 3/4");
  p->code = g_strdup ("SS-34");
  p->price = g_strdup ("39.90 EUR");
  p->for_key = g_strdup ("insole");
  p->for_id = g_strdup ("stability-support");
  g_ptr_array_add (specs, p);
  g_assert_true (plantar_products_write (path, specs, &error));
  g_assert_no_error (error);
  rules = plantar_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plantar_rules_get_n_products (rules), ==, 1);
  g_assert_cmpuint (plantar_rules_get_n_rules (rules), ==, plantar_rules_get_n_rules (plantar_rules_get_builtin ()));
  read = plantar_products_read (path, &error);
  g_assert_cmpuint (read->len, ==, 1);
  p = g_ptr_array_index (read, 0);
  g_assert_cmpstr (p->code, ==, "SS-34");
  g_assert_cmpstr (p->for_id, ==, "stability-support");
  g_clear_pointer (&read, g_ptr_array_unref);
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* a product for what the rules do not know: refused, the file as it was */
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  p = plantar_product_spec_new ();
  p->name = g_strdup ("Mystery pad");
  p->for_key = g_strdup ("add_on");
  p->for_id = g_strdup ("moon-boot");
  g_ptr_array_add (specs, p);
  g_assert_false (plantar_products_write (path, specs, &error));
  g_assert_error (error, PLANTAR_RULES_ERROR, PLANTAR_RULES_ERROR_FIELD);
  g_assert_nonnull (strstr (error->message, "products[1]"));
  g_clear_error (&error);
  {
    g_autofree char *after = NULL;
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, before);
  }
  /* a product without a name: refused too */
  g_free (p->name);
  p->name = g_strdup ("  ");
  g_free (p->for_id);
  p->for_id = g_strdup ("heel-cushion");
  g_assert_false (plantar_products_write (path, specs, &error));
  g_clear_error (&error);
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
  shop_rules = plantar_test_read_data ("shop-rules.json");

  g_test_add_func ("/rules/arch", test_rules_arch);
  g_test_add_func ("/rules/pressure-and-answers", test_rules_pressure_and_answers);
  g_test_add_func ("/rules/shop-file", test_rules_shop_file);
  g_test_add_func ("/rules/bad", test_rules_bad);
  g_test_add_func ("/rules/user-file", test_rules_user_file);
  g_test_add_func ("/rules/products-file", test_products_file);

  {
    int status = g_test_run ();
    plantar_test_rm_rf (config_dir);
    g_free (config_dir);
    g_free (shop_rules);
    return status;
  }
}

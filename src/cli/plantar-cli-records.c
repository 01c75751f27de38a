/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plantar-cli records: the customers and fittings the window keeps, for a
 * clinic's IT and for batch work: list and search them, bring an archive
 * of old scans in as fittings, back them up, copy them, check them. */
#define G_LOG_DOMAIN "plantar-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plantar-cli.h"
#include "plantar-json-source.h"
#include "plantar-records.h"

static char *opt_records;
static char *opt_search;
static char *opt_customer;
static char *opt_fitter;

static PlantarRecords *
open_records (int *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = opt_records ? g_strdup (opt_records) : plantar_records_get_default_path ();
  PlantarRecords *records;

  /* a server's address: its password from $PGPASSWORD or ~/.pgpass */
  records = plantar_records_open (path, &error);
  if (records == NULL)
    {
      print_error (error->message);
      *status = EXIT_FAILURE;
    }
  return records;
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (unix_seconds);
  return t ? g_date_time_format (t, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static char *
format_time_iso (gint64 unix_seconds)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (unix_seconds);
  return t ? g_date_time_format_iso8601 (t) : g_strdup ("");
}

static int
list_customers (PlantarRecords *records)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = plantar_records_search (records, opt_search ? opt_search : "", 0, &error);

  if (found == NULL)
    {
      print_error (error->message);
      return EXIT_FAILURE;
    }
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      json_builder_begin_array (b);
      for (guint i = 0; i < found->len; i++)
        {
          PlantarCustomer *c = g_ptr_array_index (found, i);
          g_autofree char *created = format_time_iso (c->created);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, c->id);
          plantar_json_add_string (b, "name", c->name);
          plantar_json_add_string (b, "birth_date", c->birth_date);
          plantar_json_add_string (b, "contact", c->contact);
          plantar_json_add_string (b, "notes", c->notes);
          plantar_json_add_string (b, "created", created);
          json_builder_set_member_name (b, "fittings");
          json_builder_add_int_value (b, c->n_fittings);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      print_json (root);
      return EXIT_SUCCESS;
    }
  if (found->len == 0)
    g_print ("%s\n", opt_search ? _("No customer of that name") : _("No customers yet"));
  for (guint i = 0; i < found->len; i++)
    {
      PlantarCustomer *c = g_ptr_array_index (found, i);
      g_autofree char *fittings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fitting", "%u fittings",
                                                                c->n_fittings), c->n_fittings);
      g_print ("%-32s %-12s %s\n", c->name, c->birth_date ? c->birth_date : "", fittings);
    }
  return EXIT_SUCCESS;
}

static gint64
customer_named (PlantarRecords *records,
                const char     *name,
                int            *status)
{
  g_autoptr(GError) error = NULL;
  gint64 id = plantar_records_find_customer (records, name, &error);

  if (id == 0)
    {
      g_autofree char *message = error ? g_strdup (error->message)
                                       : g_strdup_printf (_("no customer is named “%s”"), name);
      print_error (message);
      *status = EXIT_FAILURE;
    }
  return id;
}

static gboolean
is_damaged (GArray *damaged,
            gint64  id)
{
  for (guint i = 0; damaged != NULL && i < damaged->len; i++)
    if (g_array_index (damaged, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static int
list_fittings (PlantarRecords *records,
               const char     *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fittings = NULL;
  g_autoptr(GArray) damaged = NULL;
  int status = EXIT_SUCCESS;
  gint64 customer = customer_named (records, name, &status);

  if (customer == 0)
    return status;
  fittings = plantar_records_list_fittings (records, customer, &error);
  if (fittings == NULL)
    {
      print_error (error->message);
      return EXIT_FAILURE;
    }
  damaged = plantar_records_find_damaged (records, NULL);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      json_builder_begin_array (b);
      for (guint i = 0; i < fittings->len; i++)
        {
          PlantarFittingRecord *f = g_ptr_array_index (fittings, i);
          g_autofree char *created = format_time_iso (f->created);
          g_autofree char *modified = format_time_iso (f->modified);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, f->id);
          plantar_json_add_string (b, "created", created);
          plantar_json_add_string (b, "modified", modified);
          plantar_json_add_string (b, "fitter", f->fitter);
          plantar_json_add_string (b, "summary", f->summary);
          plantar_json_add_string (b, "suggestion", f->suggestion);
          json_builder_set_member_name (b, "damaged");
          json_builder_add_boolean_value (b, is_damaged (damaged, f->id));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      print_json (root);
      return EXIT_SUCCESS;
    }
  if (fittings->len == 0)
    g_print ("%s\n", _("No fittings yet"));
  for (guint i = 0; i < fittings->len; i++)
    {
      PlantarFittingRecord *f = g_ptr_array_index (fittings, i);
      g_autofree char *when = format_time (f->created);
      g_print ("%6" G_GINT64_FORMAT "  %s  %s", f->id, when, f->summary ? f->summary : "");
      if (f->suggestion != NULL && *f->suggestion != '\0')
        g_print ("  →  %s", f->suggestion);
      if (is_damaged (damaged, f->id))
        g_print ("  [%s]", _("damaged"));
      g_print ("\n");
    }
  return EXIT_SUCCESS;
}

/* The scans measured as one fitting and kept, the files' own bytes with
 * it, under the customer named (created when new). */
static int
file_scans (PlantarRecords *records,
            int             n_files,
            char          **files)
{
  g_autoptr(PlantarFitting) fitting = plantar_fitting_new ();
  g_autoptr(PlantarThresholds) thresholds = NULL;
  g_autoptr(PlantarRules) rules = NULL;
  g_autoptr(PlantarAdvice) advice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = opt_customer ? g_strstrip (g_strdup (opt_customer)) : NULL;
  PlantarFittingRecord *record = NULL;
  MeasureOptions m = { NAN, 15 };
  PlantarAnswers answers;
  gboolean created = FALSE;
  gint64 customer;
  int status = 2;

  plantar_answers_init (&answers);
  if (name == NULL || *name == '\0')
    {
      print_error (_("records file needs --customer NAME: the fitting is kept under that customer"));
      goto out;
    }
  if (!cli_load_advice (&answers, &rules, &thresholds) || !cli_measure_files (n_files, files, &m, fitting, &status))
    goto out;

  status = EXIT_FAILURE;
  record = plantar_fitting_record_new ();
  for (int i = 0; i < n_files; i++)
    {
      PlantarScan *scan = NULL;
      PlantarStoredScan *stored = g_new0 (PlantarStoredScan, 1);
      char *contents = NULL;
      gsize length = 0;

      /* the file's first scan gives the scale it was read with */
      for (guint k = 0; k < plantar_fitting_get_n_scans (fitting) && scan == NULL; k++)
        if (g_strcmp0 (plantar_fitting_get_name (fitting, k), files[i]) == 0)
          scan = plantar_fitting_get_scan (fitting, k);
      if (!g_file_get_contents (files[i], &contents, &length, &error))
        {
          print_error (error->message);
          plantar_stored_scan_free (stored);
          goto out;
        }
      stored->name = g_path_get_basename (files[i]);
      stored->bytes = g_bytes_new_take (contents, length);
      if (scan != NULL && plantar_scan_has_scale (scan))
        {
          stored->cell_width_mm = plantar_scan_get_cell_width_mm (scan);
          stored->cell_height_mm = plantar_scan_get_cell_height_mm (scan);
        }
      if (scan != NULL)
        stored->frame_ms = plantar_scan_get_frame_ms (scan);
      g_ptr_array_add (record->scans, stored);
    }
  advice = plantar_rules_suggest_fitting (rules, fitting, &answers, thresholds);
  plantar_fitting_record_capture (record, fitting, advice, thresholds);
  plantar_answers_copy (&answers, &record->answers);
  record->fitter = g_strdup (opt_fitter);

  customer = plantar_records_find_or_add_customer (records, name, &created, &error);
  if (customer == 0)
    {
      print_error (error->message);
      goto out;
    }
  record->customer_id = customer;
  {
    /* as the records spell the name */
    g_autoptr(PlantarCustomer) stored = plantar_records_get_customer (records, customer, NULL);
    if (stored != NULL && stored->name != NULL)
      {
        g_free (name);
        name = g_strdup (stored->name);
      }
  }
  if (!plantar_records_save_fitting (records, record, &error))
    {
      print_error (error->message);
      goto out;
    }
  if (opt_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "fitting");
      json_builder_add_int_value (b, record->id);
      json_builder_set_member_name (b, "customer");
      json_builder_add_int_value (b, customer);
      json_builder_set_member_name (b, "new_customer");
      json_builder_add_boolean_value (b, created);
      plantar_json_add_string (b, "summary", record->summary);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      print_json (root);
    }
  else
    g_print (created ? _("Fitting %" PRId64 " filed under %s, a new customer: %s\n")
                     : _("Fitting %" PRId64 " filed under %s: %s\n"),
             (int64_t) record->id, name, record->summary ? record->summary : "");
  status = EXIT_SUCCESS;

out:
  if (record != NULL)
    plantar_fitting_record_free (record);
  plantar_answers_clear (&answers);
  return status;
}

static int
check_records (PlantarRecords *records)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) damaged = NULL;

  if (!plantar_records_check (records, &error))
    {
      print_error (error->message);
      return EXIT_FAILURE;
    }
  damaged = plantar_records_find_damaged (records, &error);
  if (damaged == NULL)
    {
      print_error (error->message);
      return EXIT_FAILURE;
    }
  if (damaged->len == 0)
    {
      g_print (_("%s: whole, every fitting as it was saved\n"), plantar_records_get_path (records));
      return EXIT_SUCCESS;
    }
  for (guint i = 0; i < damaged->len; i++)
    {
      gint64 id = g_array_index (damaged, gint64, i);
      g_print (_("fitting %" PRId64 " is damaged: what is stored no longer matches what was saved\n"), (int64_t) id);
    }
  return EXIT_FAILURE;
}

/* A whole copy: into a server (what it lacks, matched by uid, checked
 * fitting by fitting; run again after an interruption), or written beside
 * a new file and put in place when complete. */
static int
copy_records (PlantarRecords *records,
              const char     *to,
              gboolean        must_be_new)
{
  g_autoptr(GError) error = NULL;

  if (plantar_records_is_server_address (to))
    {
      g_autoptr(PlantarRecords) server = plantar_records_open (to, &error);
      PlantarRecordsCopyReport report;

      if (server == NULL || !plantar_records_copy_into (records, server, &report, NULL, NULL, &error))
        {
          print_error (error->message);
          return EXIT_FAILURE;
        }
      g_print (_("%u customers and %u fittings (%u scans) are on the server: %u customers and %u fittings "
                 "added, each read back and checked.\n"), report.customers, report.fittings, report.scans,
               report.customers_added, report.fittings_added);
      if (report.fittings_differing > 0)
        g_print (_("%u fittings were on the server already with other content and were left as they are.\n"),
                 report.fittings_differing);
      return EXIT_SUCCESS;
    }
  if (must_be_new && g_file_test (to, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” exists: records are copied into a new file"), to);
      print_error (message);
      return EXIT_FAILURE;
    }
  if (!plantar_records_backup (records, to, &error))
    {
      print_error (error->message);
      return EXIT_FAILURE;
    }
  g_print (_("Every customer and fitting is in “%s”.\n"), to);
  return EXIT_SUCCESS;
}

int
command_records (int    argc,
                 char **argv)
{
  const GOptionEntry entries[] = {
    { "records", 0, 0, G_OPTION_ARG_FILENAME, &opt_records,
      N_("The records file, or a server's postgresql:// address (default: the window's records)"), N_("PATH") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &opt_search, N_("customers: those whose name has words starting so"),
      N_("TEXT") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &opt_customer,
      N_("file: the customer the fitting is kept under, created when new"), N_("NAME") },
    { "fitter", 0, 0, G_OPTION_ARG_STRING, &opt_fitter, N_("file: who did the fitting"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context (_("customers | fittings NAME | file SCAN… | backup FILE | copy TO | check"),
                     _("The customers and fittings the window keeps: list and search them (customers, fittings), "
                       "keep scans as a fitting of a customer (file: how an archive of old scans comes in), write "
                       "a backup or a whole copy to a new file or to a server, and check that nothing is damaged."),
                     entries, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlantarRecords) records = NULL;
  const char *what;
  int status = 2;

  g_option_context_add_main_entries (context, cli_advice_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error->message);
      return 2;
    }
  what = argc >= 2 ? argv[1] : "";
  if (!((g_str_equal (what, "customers") && argc == 2) || (g_str_equal (what, "fittings") && argc == 3) ||
        (g_str_equal (what, "file") && argc >= 3) || (g_str_equal (what, "backup") && argc == 3) ||
        (g_str_equal (what, "copy") && argc == 3) || (g_str_equal (what, "check") && argc == 2)))
    {
      print_error (_("usage: plantar-cli records [--records PATH] customers [--search TEXT] | fittings NAME | "
                     "file SCAN… --customer NAME | backup FILE | copy TO | check"));
      return 2;
    }
  if ((records = open_records (&status)) == NULL)
    return status;

  if (g_str_equal (what, "customers"))
    status = list_customers (records);
  else if (g_str_equal (what, "fittings"))
    status = list_fittings (records, argv[2]);
  else if (g_str_equal (what, "file"))
    status = file_scans (records, argc - 2, argv + 2);
  else if (g_str_equal (what, "backup"))
    status = copy_records (records, argv[2], FALSE);
  else if (g_str_equal (what, "copy"))
    status = copy_records (records, argv[2], TRUE);
  else
    status = check_records (records);
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-scanner"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sane/sane.h>
#include <sane/saneopts.h>
#include <string.h>

#include "plantar-scanner.h"

/*
 * SANE is initialised once for the process and used by one scan at a time
 * (SANE makes no promise for threads), always in a worker: opening a
 * scanner can take seconds. Cancel calls sane_cancel(), which SANE lets
 * any thread call while another is reading.
 */

#define DEFAULT_DPI 150.0

G_DEFINE_QUARK (plantar-scanner-error-quark, plantar_scanner_error)

static GMutex sane_lock;
static gboolean sane_ready;

static gboolean
ensure_sane (GError **error)
{
  SANE_Int version;
  SANE_Status status;

  if (sane_ready)
    return TRUE;
  status = sane_init (&version, NULL);
  if (status != SANE_STATUS_GOOD)
    {
      g_set_error (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_FAILED,
                   _("Scanners cannot be used: SANE did not start (%s)"), sane_strstatus (status));
      return FALSE;
    }
  sane_ready = TRUE;
  return TRUE;
}

/* What a SANE status means for the person at the scanner. */
static void
set_status_error (GError     **error,
                  SANE_Status  status,
                  const char  *device,
                  const char  *doing)
{
  PlantarScannerError code;
  const char *what;

  switch (status)
    {
    case SANE_STATUS_DEVICE_BUSY:
      code = PLANTAR_SCANNER_ERROR_BUSY;
      what = _("the scanner is busy; another program may be using it");
      break;
    case SANE_STATUS_JAMMED:
      code = PLANTAR_SCANNER_ERROR_JAMMED;
      what = _("the paper is jammed in the scanner");
      break;
    case SANE_STATUS_NO_DOCS:
      code = PLANTAR_SCANNER_ERROR_NO_PAPER;
      what = _("there is no paper in the document feeder");
      break;
    case SANE_STATUS_COVER_OPEN:
      code = PLANTAR_SCANNER_ERROR_COVER_OPEN;
      what = _("the scanner's cover is open");
      break;
    case SANE_STATUS_IO_ERROR:
      code = PLANTAR_SCANNER_ERROR_IO;
      what = _("the scanner stopped answering; check that it is plugged in and switched on");
      break;
    case SANE_STATUS_ACCESS_DENIED:
      code = PLANTAR_SCANNER_ERROR_DENIED;
      what = _("Plantar may not use the scanner; check its permissions");
      break;
    case SANE_STATUS_INVAL:
      code = PLANTAR_SCANNER_ERROR_NOT_FOUND;
      what = _("there is no such scanner");
      break;
    default:
      code = PLANTAR_SCANNER_ERROR_FAILED;
      what = sane_strstatus (status);
      break;
    }
  /* TRANSLATORS: "Scanning with “test:0”: the paper is jammed in the scanner" */
  g_set_error (error, PLANTAR_SCANNER_ERROR, code, _("%s with “%s”: %s"), doing, device, what);
}

void
plantar_scanner_info_free (PlantarScannerInfo *info)
{
  g_free (info->name);
  g_free (info->vendor);
  g_free (info->model);
  g_free (info->type);
  g_free (info);
}

/**
 * plantar_scanner_list:
 *
 * The scanners SANE finds (none is not an error).
 *
 * Returns: (transfer full) (element-type PlantarScannerInfo)
 */
GPtrArray *
plantar_scanner_list (GError **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sane_lock);
  const SANE_Device **devices = NULL;
  GPtrArray *found;
  SANE_Status status;

  if (!ensure_sane (error))
    return NULL;
  status = sane_get_devices (&devices, SANE_FALSE);
  if (status != SANE_STATUS_GOOD)
    {
      set_status_error (error, status, "SANE", _("Looking for scanners"));
      return NULL;
    }
  found = g_ptr_array_new_with_free_func ((GDestroyNotify) plantar_scanner_info_free);
  for (guint i = 0; devices[i] != NULL; i++)
    {
      PlantarScannerInfo *info = g_new0 (PlantarScannerInfo, 1);
      info->name = g_strdup (devices[i]->name);
      info->vendor = g_strdup (devices[i]->vendor);
      info->model = g_strdup (devices[i]->model);
      info->type = g_strdup (devices[i]->type);
      g_ptr_array_add (found, info);
    }
  return found;
}

/* ------------------------------------------------------------ options */

static int
find_option (SANE_Handle  handle,
             const char  *name,
             const SANE_Option_Descriptor **descriptor)
{
  for (int i = 1;; i++)
    {
      const SANE_Option_Descriptor *d = sane_get_option_descriptor (handle, i);
      if (d == NULL)
        return -1;
      if (d->name != NULL && g_strcmp0 (d->name, name) == 0)
        {
          *descriptor = d;
          return i;
        }
    }
}

/* Sets option @name from text, as its type wants it. FALSE (with @error)
 * for an option the scanner does not have or a value it refuses;
 * @optional options it does not have are passed over. */
static gboolean
set_option (SANE_Handle  handle,
            const char  *device,
            const char  *name,
            const char  *value,
            gboolean     optional,
            GError     **error)
{
  const SANE_Option_Descriptor *d = NULL;
  int index = find_option (handle, name, &d);
  SANE_Status status;
  SANE_Int info = 0;

  if (index < 0 || !SANE_OPTION_IS_ACTIVE (d->cap) || !SANE_OPTION_IS_SETTABLE (d->cap))
    {
      if (optional)
        return TRUE;
      g_set_error (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_OPTION,
                   _("The scanner “%s” has no setting “%s” that can be changed"), device, name);
      return FALSE;
    }
  switch (d->type)
    {
    case SANE_TYPE_BOOL:
      {
        SANE_Bool b = g_ascii_strcasecmp (value, "yes") == 0 || g_ascii_strcasecmp (value, "true") == 0 ||
                      g_strcmp0 (value, "1") == 0;
        status = sane_control_option (handle, index, SANE_ACTION_SET_VALUE, &b, &info);
        break;
      }
    case SANE_TYPE_INT:
      {
        SANE_Int v = (SANE_Int) lround (g_ascii_strtod (value, NULL));
        status = sane_control_option (handle, index, SANE_ACTION_SET_VALUE, &v, &info);
        break;
      }
    case SANE_TYPE_FIXED:
      {
        SANE_Fixed v = SANE_FIX (g_ascii_strtod (value, NULL));
        status = sane_control_option (handle, index, SANE_ACTION_SET_VALUE, &v, &info);
        break;
      }
    case SANE_TYPE_STRING:
      {
        g_autofree char *text = g_malloc0 (MAX ((gsize) d->size, strlen (value) + 1));
        g_strlcpy (text, value, MAX ((gsize) d->size, 1));
        status = sane_control_option (handle, index, SANE_ACTION_SET_VALUE, text, &info);
        break;
      }
    case SANE_TYPE_BUTTON:
    case SANE_TYPE_GROUP:
    default:
      status = SANE_STATUS_UNSUPPORTED;
      break;
    }
  if (status != SANE_STATUS_GOOD)
    {
      g_set_error (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_OPTION,
                   _("The scanner “%s” does not take %s = %s (%s)"), device, name, value, sane_strstatus (status));
      return FALSE;
    }
  return TRUE;
}

/* The resolution the scanner will really scan at: it may round. */
static double
get_resolution (SANE_Handle handle,
                double      asked)
{
  const SANE_Option_Descriptor *d = NULL;
  int index = find_option (handle, SANE_NAME_SCAN_RESOLUTION, &d);

  if (index < 0)
    return asked;
  if (d->type == SANE_TYPE_FIXED)
    {
      SANE_Fixed v;
      if (sane_control_option (handle, index, SANE_ACTION_GET_VALUE, &v, NULL) == SANE_STATUS_GOOD)
        return SANE_UNFIX (v);
    }
  else if (d->type == SANE_TYPE_INT)
    {
      SANE_Int v;
      if (sane_control_option (handle, index, SANE_ACTION_GET_VALUE, &v, NULL) == SANE_STATUS_GOOD)
        return v;
    }
  return asked;
}

/* ------------------------------------------------------------ reading */

/* The page as it is read: 8-bit grey or RGB. */
typedef struct {
  guint   width, height, channels;
  guint8 *pixels;
} Page;

typedef struct {
  SANE_Handle             handle;
  const char             *device;
  PlantarScanProgressFunc progress;
  gpointer                progress_data;
} Reading;

static void
cancelled_cb (GCancellable *cancellable,
              SANE_Handle   handle)
{
  sane_cancel (handle);
}

/* One frame's bytes, as long as the scanner sends them. */
static GByteArray *
read_frame (Reading          *r,
            const SANE_Parameters *p,
            GCancellable     *cancellable,
            GError          **error)
{
  GByteArray *bytes = g_byte_array_new ();
  guint8 buffer[65536];
  gsize expected = p->lines > 0 ? (gsize) p->bytes_per_line * p->lines : 0;

  for (;;)
    {
      SANE_Int got = 0;
      SANE_Status status = sane_read (r->handle, buffer, sizeof buffer, &got);

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The scan was cancelled"));
          g_byte_array_unref (bytes);
          return NULL;
        }
      if (status == SANE_STATUS_EOF)
        break;
      if (status != SANE_STATUS_GOOD)
        {
          set_status_error (error, status, r->device, _("Scanning"));
          g_byte_array_unref (bytes);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, got);
      if (bytes->len > (gsize) 1 << 31)
        {
          g_set_error (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_FAILED,
                       _("The scanner “%s” sent more than 2 GB for one page"), r->device);
          g_byte_array_unref (bytes);
          return NULL;
        }
      if (r->progress != NULL)
        r->progress (expected > 0 ? MIN (1.0, (double) bytes->len / expected) : -1, r->progress_data);
    }
  return bytes;
}

/* A frame's samples as 8 bits, grey or one channel of three. */
static void
put_samples (const SANE_Parameters *p,
             const guint8          *data,
             guint                  lines,
             guint8                *out,
             guint                  channels,
             guint                  channel)
{
  guint width = p->pixels_per_line, in_channels = p->format == SANE_FRAME_RGB ? 3 : 1;

  for (guint y = 0; y < lines; y++)
    {
      const guint8 *row = data + (gsize) y * p->bytes_per_line;
      for (guint x = 0; x < width; x++)
        for (guint c = 0; c < in_channels; c++)
          {
            guint value;
            gsize s = (gsize) x * in_channels + c;
            if (p->depth == 1)
              /* one bit a pixel, set for black */
              value = row[s / 8] & (0x80 >> (s % 8)) ? 0 : 255;
            else if (p->depth == 16)
              value = ((const guint16 *) (const void *) row)[s] >> 8;
            else
              value = row[s];
            out[((gsize) y * width + x) * channels + (in_channels == 3 ? c : channel)] = value;
          }
    }
}

/* Every frame of the page (three for a three-pass colour scanner) into
 * @picture. */
static gboolean
read_page (Reading         *r,
           Page            *picture,
           GCancellable    *cancellable,
           GError         **error)
{
  gboolean last = FALSE;

  while (!last)
    {
      SANE_Parameters p;
      g_autoptr(GByteArray) bytes = NULL;
      SANE_Status status;
      guint lines, channel = 0;

      if (picture->pixels != NULL)
        {
          status = sane_start (r->handle);
          if (status != SANE_STATUS_GOOD)
            {
              set_status_error (error, status, r->device, _("Scanning"));
              return FALSE;
            }
        }
      status = sane_get_parameters (r->handle, &p);
      if (status != SANE_STATUS_GOOD)
        {
          set_status_error (error, status, r->device, _("Scanning"));
          return FALSE;
        }
      if (p.pixels_per_line <= 0 || p.bytes_per_line <= 0 ||
          (p.depth != 1 && p.depth != 8 && p.depth != 16))
        {
          g_set_error (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_FAILED,
                       _("The scanner “%s” sends pages Plantar cannot read (%d bits, %d pixels a line)"),
                       r->device, p.depth, p.pixels_per_line);
          return FALSE;
        }
      bytes = read_frame (r, &p, cancellable, error);
      if (bytes == NULL)
        return FALSE;
      /* a hand scanner says how long the page is only at its end */
      lines = bytes->len / p.bytes_per_line;
      if (lines == 0)
        {
          g_set_error (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_FAILED,
                       _("The scanner “%s” sent an empty page"), r->device);
          return FALSE;
        }
      if (picture->pixels == NULL)
        {
          if (!plantar_scan_check_size (p.pixels_per_line, lines, 1, 3, error))
            return FALSE;
          picture->width = p.pixels_per_line;
          picture->height = lines;
          picture->channels = p.format == SANE_FRAME_GRAY ? 1 : 3;
          picture->pixels = g_malloc0 ((gsize) picture->width * picture->height * picture->channels);
        }
      lines = MIN (lines, picture->height);
      if (p.format == SANE_FRAME_GREEN)
        channel = 1;
      else if (p.format == SANE_FRAME_BLUE)
        channel = 2;
      put_samples (&p, bytes->data, lines, picture->pixels, picture->channels, channel);
      last = p.last_frame || p.format == SANE_FRAME_GRAY || p.format == SANE_FRAME_RGB;
    }
  return TRUE;
}

/* ------------------------------------------------------------ scanning */

static gboolean
open_device (const char   *device,
             SANE_Handle  *handle,
             char        **name,
             GError      **error)
{
  SANE_Status status;

  if (device == NULL)
    {
      const SANE_Device **devices = NULL;
      status = sane_get_devices (&devices, SANE_FALSE);
      if (status != SANE_STATUS_GOOD || devices[0] == NULL)
        {
          g_set_error_literal (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_NONE_FOUND,
                               _("No scanner was found: check that it is plugged in and switched on"));
          return FALSE;
        }
      device = devices[0]->name;
    }
  *name = g_strdup (device);
  status = sane_open (device, handle);
  if (status != SANE_STATUS_GOOD)
    {
      set_status_error (error, status, device, _("Opening the scanner"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_request (SANE_Handle               handle,
               const char               *device,
               const PlantarScanRequest *request,
               double                    dpi,
               GError                  **error)
{
  g_autofree char *dpi_text = g_strdup_printf ("%.0f", dpi);

  if (!set_option (handle, device, SANE_NAME_SCAN_MODE,
                   request->mode == PLANTAR_SCAN_COLOUR ? SANE_VALUE_SCAN_MODE_COLOR : SANE_VALUE_SCAN_MODE_GRAY,
                   TRUE, error) ||
      !set_option (handle, device, SANE_NAME_SCAN_RESOLUTION, dpi_text, FALSE, error))
    return FALSE;
  if (request->depth > 0)
    {
      g_autofree char *depth = g_strdup_printf ("%d", request->depth);
      if (!set_option (handle, device, SANE_NAME_BIT_DEPTH, depth, FALSE, error))
        return FALSE;
    }
  if (!set_option (handle, device, SANE_NAME_PREVIEW, request->preview ? "yes" : "no", TRUE, error))
    return FALSE;
  for (guint i = 0; request->options != NULL && request->options[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (request->options[i], "=", 2);
      if (pair[0] == NULL || pair[1] == NULL)
        {
          g_set_error (error, PLANTAR_SCANNER_ERROR, PLANTAR_SCANNER_ERROR_OPTION,
                       _("“%s” is not a scanner setting: expected name=value"), request->options[i]);
          return FALSE;
        }
      if (!set_option (handle, device, pair[0], pair[1], FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * plantar_scanner_scan:
 *
 * Scans a page: an image scan with the scale of the resolution the
 * scanner used. Blocks until the page is read: call it in a worker (or
 * use plantar_scanner_scan_async()).
 */
PlantarScan *
plantar_scanner_scan (const PlantarScanRequest *request,
                      PlantarScanProgressFunc   progress,
                      gpointer                  progress_data,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sane_lock);
  g_autofree char *device = NULL;
  SANE_Handle handle = NULL;
  Page picture = { 0 };
  Reading reading = { 0 };
  double dpi = request->dpi > 0 ? request->dpi : DEFAULT_DPI;
  gulong cancel_id = 0;
  GPtrArray *scans = NULL;
  PlantarScan *scan = NULL;
  SANE_Status status;

  if (!ensure_sane (error) || !open_device (request->device, &handle, &device, error))
    return NULL;
  if (!apply_request (handle, device, request, dpi, error))
    goto out;
  dpi = get_resolution (handle, dpi);

  reading = (Reading) { handle, device, progress, progress_data };
  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), handle, NULL);
  status = g_cancellable_is_cancelled (cancellable) ? SANE_STATUS_CANCELLED : sane_start (handle);
  if (status == SANE_STATUS_CANCELLED)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The scan was cancelled"));
  else if (status != SANE_STATUS_GOOD)
    set_status_error (error, status, device, _("Scanning"));
  else if (read_page (&reading, &picture, cancellable, error))
    {
      g_autofree char *name = g_strdup_printf (_("Scanner %s"), device);
      scans = plantar_import_pixels (picture.width, picture.height, picture.channels, picture.pixels, dpi, dpi,
                                     name, NULL, error);
      if (scans != NULL)
        {
          scan = plantar_scan_ref (g_ptr_array_index (scans, 0));
          plantar_scan_set_device (scan, device);
          plantar_scan_set_format (scan, "scanner", _("Scan from a scanner"));
          g_ptr_array_unref (scans);
        }
    }
  g_cancellable_disconnect (cancellable, cancel_id);
  sane_cancel (handle);

out:
  g_free (picture.pixels);
  sane_close (handle);
  return scan;
}

typedef struct {
  PlantarScanRequest      request;
  char                   *device;
  GStrv                   options;
  GMainContext           *context;
  PlantarScanProgressFunc progress;
  gpointer                progress_data;
  gint                    progress_pending;
  double                  fraction;
} ScanJob;

static void
scan_job_free (ScanJob *job)
{
  g_free (job->device);
  g_strfreev (job->options);
  g_main_context_unref (job->context);
  g_free (job);
}

static gboolean
progress_idle (gpointer data)
{
  ScanJob *job = g_task_get_task_data (data);

  g_atomic_int_set (&job->progress_pending, 0);
  if (!g_task_get_completed (data))
    job->progress (job->fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: the progress said on the caller's main context, at most
 * one waiting at a time; the task is held until it is said. */
static void
worker_progress (double   fraction,
                 gpointer data)
{
  ScanJob *job = g_task_get_task_data (data);

  job->fraction = fraction;
  if (job->progress != NULL && g_atomic_int_compare_and_exchange (&job->progress_pending, 0, 1))
    g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_idle, g_object_ref (data),
                                g_object_unref);
}

static void
scan_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  ScanJob *job = data;
  GError *error = NULL;
  PlantarScan *scan = plantar_scanner_scan (&job->request, worker_progress, task, cancellable, &error);

  if (scan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scan, (GDestroyNotify) plantar_scan_unref);
}

/**
 * plantar_scanner_scan_async:
 * @progress: (nullable): called on the caller's main context as the page
 *   comes in
 *
 * plantar_scanner_scan() in a worker.
 */
void
plantar_scanner_scan_async (const PlantarScanRequest *request,
                            GCancellable             *cancellable,
                            PlantarScanProgressFunc   progress,
                            gpointer                  progress_data,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ScanJob *job = g_new0 (ScanJob, 1);

  job->request = *request;
  job->device = g_strdup (request->device);
  job->options = g_strdupv ((char **) request->options);
  job->request.device = job->device;
  job->request.options = (const char * const *) job->options;
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->progress_data = progress_data;
  g_task_set_source_tag (task, plantar_scanner_scan_async);
  g_task_set_task_data (task, job, (GDestroyNotify) scan_job_free);
  g_task_run_in_thread (task, scan_thread);
}

PlantarScan *
plantar_scanner_scan_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The user's language and number formats, and the plain C locale for
 * output read by programs.
 *
 * Screens and reports follow the user's locale: German gets decimal commas
 * and German words. JSON and CSV are read by scripts, which must get the
 * same bytes whatever locale the person who ran them uses, so the CLI
 * switches to the C locale for numbers and texts when it writes them. */

#include "config.h"

#include "plantar-locale.h"

#include <glib/gi18n.h>
#include <locale.h>

/* PLANTAR_LOCALEDIR points at translations not yet installed, as the
 * build tree's po/ folder for the tests. */
void
plantar_locale_init (void)
{
  const char *dir = g_getenv ("PLANTAR_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
plantar_locale_for_machines (void)
{
  setlocale (LC_NUMERIC, "C");
  setlocale (LC_MESSAGES, "C");
}

static gboolean
messages_are_c (void)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);
  return messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX");
}

/* The languages texts are looked up in, most wanted first, ending in "C".
 * gettext ignores LANGUAGE when the messages locale is C; so does this, so
 * a data file's texts and the program's own agree. */
const char * const *
plantar_locale_languages (void)
{
  static const char * const c_only[] = { "C", NULL };
  return messages_are_c () ? c_only : g_get_language_names ();
}

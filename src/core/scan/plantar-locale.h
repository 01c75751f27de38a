/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void                plantar_locale_init              (void);
void                plantar_locale_for_machines      (void);
const char * const *plantar_locale_languages         (void);

G_END_DECLS

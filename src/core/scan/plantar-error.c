/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "plantar-error"

#include "config.h"

#include "plantar-error.h"

G_DEFINE_QUARK (plantar-scan-error-quark, plantar_scan_error)
G_DEFINE_QUARK (plantar-import-error-quark, plantar_import_error)

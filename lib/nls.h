/* gettext, as every tool uses it. */
#ifndef NSTOOLS_NLS_H
#define NSTOOLS_NLS_H

#include <libintl.h>
#include <locale.h>

/* NOLINTNEXTLINE(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): gettext's own name */
#define _(s) gettext(s)
#define N_(s) (s)

#endif

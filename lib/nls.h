/* gettext, as every tool uses it. */
#ifndef NSTOOLS_NLS_H
#define NSTOOLS_NLS_H

#include <libintl.h>
#include <locale.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif

/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * lazy.c: libraries loaded at their first use rather than at start.
 *
 * libcurl with the libraries it needs (TLS, Kerberos, LDAP, SSH: 40 of
 * them), libxml2 (with ICU and the C++ runtime) and the image stack
 * (gdk-pixbuf, GLib, chafa) took most of the time to start tidings,
 * mapping and relocating libraries that `tidings search`, `list` and the
 * first screen never call (doc/design-changes.md, Dependencies); ncursesw,
 * cmark-gfm, jansson and libyaml another millisecond of a search.  The
 * lazy-*.c files define the functions tidings calls under their own names,
 * each loading its library (once, on any thread; the file configure found,
 * NAME_SONAME) and calling the real one.
 */
#include "config.h"

#include <dlfcn.h>

#include "tidings.h"
#include "lazy.h"

/*
 * Load a library by its soname.  Its absence is a broken installation,
 * as it would be had it been linked: the program stops, naming it.
 */
void *
lazy_open(const char *soname)
{
	void *h;

	if ((h = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) == NULL)
		fatal(_("cannot load %s: %s"), soname, dlerror());
	return h;
}

/*
 * A function of a library lazy_open loaded; the same if it is missing
 * (dlerror names the library).
 */
void *
lazy_sym(void *h, const char *name)
{
	void *f;

	if ((f = dlsym(h, name)) == NULL)
		fatal(_("cannot load %s: %s"), name, dlerror());
	return f;
}

/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * lazy.h: what the lazy-*.c files make their functions with (lazy.c says
 * why).  Each lists its library's functions as
 * X(return type, name, parameters, arguments), or V(name, parameters,
 * arguments) for those returning nothing, then expands the lists with
 * these: a pointer for each, the lookup (in a function holding the
 * library's handle in h), and the function under the library's own name,
 * which first runs the file's LAZY_READY() (load once, on any thread) and
 * then calls the real one.  The parentheses around the name keep a
 * library's function-like macros (curl's type checks) out of it.
 */

void *lazy_open(const char *);
void *lazy_sym(void *, const char *);

#define LAZY_POINTER(ret, name, params, args) static ret(*p_##name) params;
#define LAZY_POINTER_VOID(name, params, args) static void(*p_##name) params;

#define LAZY_FIND(ret, name, params, args) \
	p_##name = (ret(*) params)lazy_sym(h, #name);
#define LAZY_FIND_VOID(name, params, args) \
	p_##name = (void(*) params)lazy_sym(h, #name);

#define LAZY_CALL(ret, name, params, args) \
	ret(name) params \
	{ \
		LAZY_READY(); \
		return p_##name args; \
	}
#define LAZY_CALL_VOID(name, params, args) \
	void(name) params \
	{ \
		LAZY_READY(); \
		p_##name args; \
	}

/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * lazy-json.c: the jansson functions JSON Feed and the sync clients call,
 * under their own names, loading jansson at the first of them: lazy.c
 * says why.  json_pack takes its arguments as json_vpack_ex, as jansson's
 * own does.
 */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>

#include <jansson.h>

#include "tidings.h"
#include "lazy.h"

/*
 * X(return type, name, parameters, arguments), V(name, parameters,
 * arguments) for those returning nothing.
 */
#define LAZY_JSON_FIXED(X) \
	X(json_t *, json_array_get, (const json_t *a, size_t i), (a, i)) \
	X(size_t, json_array_size, (const json_t *a), (a)) \
	X(char *, json_dumps, (const json_t *j, size_t flags), (j, flags)) \
	X(json_int_t, json_integer_value, (const json_t *j), (j)) \
	X(json_t *, json_loadb, \
	    (const char *buf, size_t len, size_t flags, json_error_t *error), \
	    (buf, len, flags, error)) \
	X(double, json_number_value, (const json_t *j), (j)) \
	X(json_t *, json_object_get, (const json_t *o, const char *key), \
	    (o, key)) \
	X(int, json_object_set_new, \
	    (json_t * o, const char *key, json_t *value), (o, key, value)) \
	X(json_t *, json_string, (const char *s), (s)) \
	X(const char *, json_string_value, (const json_t *j), (j)) \
	X(json_t *, json_vpack_ex, \
	    (json_error_t * error, size_t flags, const char *fmt, va_list ap), \
	    (error, flags, fmt, ap))

#define LAZY_JSON_VOID(V) V(json_delete, (json_t * j), (j))

LAZY_JSON_FIXED(LAZY_POINTER)
LAZY_JSON_VOID(LAZY_POINTER_VOID)

static pthread_once_t lazy_json_once = PTHREAD_ONCE_INIT;

static void
lazy_json_load(void)
{
	void *h = lazy_open(JANSSON_SONAME);

	LAZY_JSON_FIXED(LAZY_FIND)
	LAZY_JSON_VOID(LAZY_FIND_VOID)
}

#define LAZY_READY() pthread_once(&lazy_json_once, lazy_json_load)
LAZY_JSON_FIXED(LAZY_CALL)
LAZY_JSON_VOID(LAZY_CALL_VOID)

json_t *
json_pack(const char *fmt, ...)
{
	va_list ap;
	json_t *v;

	va_start(ap, fmt);
	v = json_vpack_ex(NULL, 0, fmt, ap);
	va_end(ap);
	return v;
}

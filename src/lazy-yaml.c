/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * lazy-yaml.c: the libyaml functions yamldoc.c calls, under their own
 * names, loading libyaml at the first of them: lazy.c says why.
 */
#include "config.h"

#include <pthread.h>

#include <yaml.h>

#include "tidings.h"
#include "lazy.h"

/*
 * X(return type, name, parameters, arguments), V(name, parameters,
 * arguments) for those returning nothing.
 */
#define LAZY_YAML_FIXED(X) \
	X(int, yaml_parser_initialize, (yaml_parser_t * p), (p)) \
	X(int, yaml_parser_parse, (yaml_parser_t * p, yaml_event_t * e), (p, e))

#define LAZY_YAML_VOID(V) \
	V(yaml_event_delete, (yaml_event_t * e), (e)) \
	V(yaml_parser_delete, (yaml_parser_t * p), (p)) \
	V(yaml_parser_set_encoding, (yaml_parser_t * p, yaml_encoding_t enc), \
	    (p, enc)) \
	V(yaml_parser_set_input_string, \
	    (yaml_parser_t * p, const unsigned char *input, size_t size), \
	    (p, input, size))

LAZY_YAML_FIXED(LAZY_POINTER)
LAZY_YAML_VOID(LAZY_POINTER_VOID)

static pthread_once_t lazy_yaml_once = PTHREAD_ONCE_INIT;

static void
lazy_yaml_load(void)
{
	void *h = lazy_open(YAML_SONAME);

	LAZY_YAML_FIXED(LAZY_FIND)
	LAZY_YAML_VOID(LAZY_FIND_VOID)
}

#define LAZY_READY() pthread_once(&lazy_yaml_once, lazy_yaml_load)
LAZY_YAML_FIXED(LAZY_CALL)
LAZY_YAML_VOID(LAZY_CALL_VOID)

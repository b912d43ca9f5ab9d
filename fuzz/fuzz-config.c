/* SPDX-License-Identifier: ISC */
/*
 * Copyright (c) 2026 The tidings authors
 *
 * fuzz-config.c: the config file parser on arbitrary bytes.
 *
 * The config file is often pasted from elsewhere (a Newsboat config, a web
 * page): each line goes through config_parse_line with a keymap, as
 * config_load does, and every error must come back as a reason.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Apply each line of one input to a fresh config and keymap. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*cfg;
	struct keymap	*km;
	char		*text, *line, *next, *cause;
	int		 key;

	if (size > MAX_CONFIG_LINE * 16)
		return 0;
	text = xstrndup((const char *)data, size);
	cfg = config_create();
	km = keymap_create();
	for (line = text; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		cause = NULL;
		if (config_parse_line(cfg, km, line, &cause) != 0) {
			if (cause == NULL)
				abort();	/* a failure must say why */
			free(cause);
		} else if (cause != NULL)
			abort();
	}
	for (key = 0; key < 256; key++)
		(void)keymap_lookup(km, key);
	(void)config_get_string(cfg, "browser");
	keymap_free(km);
	config_free(cfg);
	free(text);
	return 0;
}

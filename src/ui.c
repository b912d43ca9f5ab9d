/* ui.c: placeholder until the interface lands. */
#include "config.h"

#include "ui.h"

int
ui_main(struct cache *cache, const struct cli_env *env)
{
	return 0;
}

/*
 * asset: fingerprinted static files and media URLs (see asset.h).
 * The manifest is read once per process; lookups are a linear scan of a
 * few dozen entries.
 */
#include "asset.h"
#include "cfg.h"
#include "log.h"
#include "tmpl.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSET_MAX 256

struct asset_entry {
	char *name;
	char *url;
};

static struct asset_entry asset_table[ASSET_MAX];
static size_t asset_count;

static void
asset_clear(void)
{
	size_t i;

	for (i = 0; i < asset_count; i++) {
		free(asset_table[i].name);
		free(asset_table[i].url);
	}
	asset_count = 0;
}

/* ASSET_CSS_SITE_CSS for "css/site.css". */
static void
asset_global_name(const char *name, char *out, size_t n)
{
	size_t o = snprintf(out, n, "ASSET_");

	for (; *name && o + 1 < n; name++)
		out[o++] = isalnum((unsigned char)*name) ? (char)toupper((unsigned char)*name) : '_';
	out[o] = '\0';
}

int
asset_init(void)
{
	const char *path = cfg_str("BAZAAR_STATIC_MANIFEST", "build/static/manifest.txt");
	const char *base = cfg_str("BAZAAR_ASSET_BASE_URL", "");
	char line[1024], src[512], dst[512], global[600], *url;
	FILE *f;

	asset_clear();
	tmpl_set_global("ASSET_BASE", base);
	url = asset_media_url("");
	tmpl_set_global("MEDIA_BASE", url);
	free(url);
	if ((f = fopen(path, "r")) == NULL) {
		log_error("asset.manifest", "path=%s msg=%s", log_quote(path), log_quote(strerror(errno)));
		return -1;
	}
	while (fgets(line, sizeof line, f) && asset_count < ASSET_MAX) {
		if (sscanf(line, "%511s %511s", src, dst) != 2)
			continue;
		if (asprintf(&url, "%s/static/%s", base, dst) < 0)
			break;
		asset_table[asset_count].name = strdup(src);
		asset_table[asset_count].url = url;
		asset_count++;
		asset_global_name(src, global, sizeof global);
		tmpl_set_global(global, url);
	}
	fclose(f);
	return 0;
}

const char *
asset_url(const char *name)
{
	size_t i;

	for (i = 0; i < asset_count; i++)
		if (strcmp(asset_table[i].name, name) == 0)
			return asset_table[i].url;
	return NULL;
}

char *
asset_media_url(const char *path)
{
	char *url;

	if (asprintf(&url, "%s/media/%s", cfg_str("BAZAAR_ASSET_BASE_URL", ""), path) < 0)
		abort();
	return url;
}

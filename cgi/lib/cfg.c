/*
 * cfg: settings from an INI file and the environment (see cfg.h and
 * docs/configuration.md). The table is small and read often, so lookups are a
 * linear scan of at most CFG_MAX entries; the environment is consulted first.
 */
#include "cfg.h"
#include "log.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CFG_MAX 128
#define CFG_FILE_MAX (64 * 1024)

struct cfg_entry {
	char *key;
	char *value;
};

struct cfg_set {
	struct cfg_entry entries[CFG_MAX];
	size_t count;
};

static struct cfg_set cfg_current;

static void
cfg_set_free(struct cfg_set *t)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		free(t->entries[i].key);
		free(t->entries[i].value);
	}
	t->count = 0;
}

void
cfg_clear(void)
{
	cfg_set_free(&cfg_current);
}

static char *
cfg_trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int
cfg_put(struct cfg_set *t, const char *key, const char *value)
{
	size_t i;
	char *v;

	for (i = 0; i < t->count; i++) {
		if (strcmp(t->entries[i].key, key) == 0) {
			if ((v = strdup(value)) == NULL)
				return -1;
			free(t->entries[i].value);
			t->entries[i].value = v;
			return 0;
		}
	}
	if (t->count == CFG_MAX)
		return -1;
	t->entries[t->count].key = strdup(key);
	t->entries[t->count].value = strdup(value);
	t->count++;
	if (!t->entries[t->count - 1].key || !t->entries[t->count - 1].value)
		return -1;
	return 0;
}

/* Parses into a new set and swaps it in only when every line parsed, so a
 * bad file on reload leaves the settings in force untouched. */
int
cfg_load_string(const char *text)
{
	static struct cfg_set parsed;
	char *copy, *line, *save = NULL, *eq, *key, *value;
	int lineno = 0, rc = 0;
	size_t vlen;

	if ((copy = strdup(text)) == NULL)
		return -1;
	cfg_set_free(&parsed);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		line = cfg_trim(line);
		if (*line == '\0' || *line == '#' || *line == ';' || *line == '[')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			log_error("cfg.parse", "line=%d msg=\"expected key = value\"", lineno);
			rc = -1;
			continue;
		}
		*eq = '\0';
		key = cfg_trim(line);
		value = cfg_trim(eq + 1);
		vlen = strlen(value);
		if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
			value[vlen - 1] = '\0';
			value++;
		}
		if (*key == '\0' || cfg_put(&parsed, key, value) != 0) {
			log_error("cfg.parse", "line=%d msg=\"bad or too many keys\"", lineno);
			rc = -1;
		}
	}
	free(copy);
	if (rc != 0) {
		cfg_set_free(&parsed);
		return rc;
	}
	cfg_clear();
	cfg_current = parsed;
	parsed.count = 0;
	return 0;
}

int
cfg_load(void)
{
	const char *path = getenv("BAZAAR_CONFIG");
	char *text;
	size_t n;
	FILE *f;
	int rc;

	if (path == NULL || *path == '\0') {
		cfg_clear();
		return 0;
	}
	if ((f = fopen(path, "r")) == NULL) {
		log_error("cfg.open", "path=%s msg=%s", log_quote(path), log_quote(strerror(errno)));
		return -1;
	}
	if ((text = malloc(CFG_FILE_MAX + 1)) == NULL) {
		fclose(f);
		return -1;
	}
	n = fread(text, 1, CFG_FILE_MAX + 1, f);
	fclose(f);
	if (n > CFG_FILE_MAX) {
		log_error("cfg.open", "path=%s msg=\"file larger than 64 KiB\"", log_quote(path));
		free(text);
		return -1;
	}
	text[n] = '\0';
	rc = cfg_load_string(text);
	free(text);
	return rc;
}

const char *
cfg_str(const char *key, const char *fallback)
{
	const char *env = getenv(key);
	size_t i;

	if (env != NULL)
		return env;
	for (i = 0; i < cfg_current.count; i++)
		if (strcmp(cfg_current.entries[i].key, key) == 0)
			return cfg_current.entries[i].value;
	return fallback;
}

long long
cfg_int(const char *key, long long fallback)
{
	const char *s = cfg_str(key, NULL);
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return fallback;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *cfg_trim(end) != '\0') {
		log_warn("cfg.value", "key=%s msg=\"not a whole number, using default\"", key);
		return fallback;
	}
	return v;
}

long long
cfg_int_in(const char *key, long long fallback, long long min, long long max)
{
	long long v = cfg_int(key, fallback);

	if (v < min || v > max) {
		log_warn("cfg.value", "key=%s min=%lld max=%lld msg=\"out of range, using the default\"", key,
			 min, max);
		return fallback;
	}
	return v;
}

int
cfg_bool(const char *key, int fallback)
{
	const char *s = cfg_str(key, NULL);

	if (s == NULL || *s == '\0')
		return fallback;
	if (!strcasecmp(s, "1") || !strcasecmp(s, "yes") || !strcasecmp(s, "true") || !strcasecmp(s, "on"))
		return 1;
	if (!strcasecmp(s, "0") || !strcasecmp(s, "no") || !strcasecmp(s, "false") || !strcasecmp(s, "off"))
		return 0;
	return fallback;
}

int
cfg_is_development(void)
{
	return strcmp(cfg_str("BAZAAR_ENV", "production"), "development") == 0;
}

int
cfg_developer_pages(void)
{
	const char *env = cfg_str("BAZAAR_ENV", "production");

	return strcmp(env, "development") == 0 || strcmp(env, "test") == 0;
}

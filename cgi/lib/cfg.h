/*
 * cfg: configuration. Settings come from an optional INI file (BAZAAR_CONFIG,
 * "key = value" lines, '#' comments, [sections] ignored) and from the
 * environment; the environment wins. Every key is documented in
 * docs/configuration.md. Keys are the environment names, e.g. BAZAAR_WORKERS.
 */
#ifndef BAZAAR_CFG_H
#define BAZAAR_CFG_H

#include <limits.h>	/* LLONG_MAX, for cfg_int_in's max when there is none */
#ifdef __cplusplus
extern "C" {
#endif

/* Loads the file named by BAZAAR_CONFIG, if any. Returns 0, or -1 when the
 * file is named but unreadable or malformed (the reason is logged). Safe to
 * call again (SIGHUP): the old values are replaced. */
int cfg_load(void);
/* Parses INI text into the table (used by cfg_load and the tests). */
int cfg_load_string(const char *text);
void cfg_clear(void);
const char *cfg_str(const char *key, const char *fallback);
long long cfg_int(const char *key, long long fallback);
/* cfg_int for a setting that makes sense only in min..max: a value outside
 * is the fallback, with a warning naming the key, so a typo cannot make a
 * limit zero, negative or absurd. */
long long cfg_int_in(const char *key, long long fallback, long long min, long long max);
int cfg_bool(const char *key, int fallback);
/* True when BAZAAR_ENV is "development" (enables developer-only pages). */
int cfg_is_development(void);
/* True in development and on the test stack: pages for developers only
 * (/dev/mail) exist; in production they are 404. */
int cfg_developer_pages(void);

#ifdef __cplusplus
}
#endif
#endif

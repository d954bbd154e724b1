/*
 * Tests for cache: against the live memcached named by BAZAAR_MEMCACHED
 * (set, get, delete, generations, the client-side namespace), and against a
 * dead server and a bad configuration, where every call must be a quick miss.
 * Without BAZAAR_MEMCACHED the live tests fail, saying why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "check_util.h"
#include "cache.h"

#define NEED_MC "BAZAAR_MEMCACHED is not set: check_cache needs a live memcached " \
	"(run it through `make test`, or set BAZAAR_MEMCACHED to a libmemcached " \
	"config string such as --SERVER=127.0.0.1:11211 --NAMESPACE=\"bz:\")"
#define DEAD_MC "--SERVER=127.0.0.1:1 --CONNECT-TIMEOUT=100 --POLL-TIMEOUT=100 --RETRY-TIMEOUT=5"

static char *saved_config;	/* BAZAAR_MEMCACHED as the test run found it */
static char key[128];		/* unique to this process, so runs never collide */

static const char *test_key(const char *name)
{
	snprintf(key, sizeof key, "check_cache:%ld:%s", (long)getpid(), name);
	return key;
}

static double now_seconds(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void restore_config(void)
{
	if (saved_config)
		setenv("BAZAAR_MEMCACHED", saved_config, 1);
	else
		unsetenv("BAZAAR_MEMCACHED");
}

static void live_setup(void)
{
	const char *config = getenv("BAZAAR_MEMCACHED");
	ck_assert_msg(config && *config, NEED_MC);
	ck_assert_int_eq(cache_init(), 0);
	ck_assert(cache_enabled());
	/* Prove the server answers, or every test below would pass as misses. */
	ck_assert_msg(cache_set(test_key("ping"), "1", 1, 60) == 0,
		      "memcached at %s does not answer", config);
}

static void teardown(void)
{
	cache_close();
	restore_config();
}

START_TEST(test_set_get_delete)
{
	size_t len = 99;
	const char *k = test_key("page");
	ck_assert_ptr_null(cache_get(k, &len));
	ck_assert_uint_eq(len, 0);

	const char html[] = "<p>Red shoe 👟</p>";
	ck_assert_int_eq(cache_set(k, html, strlen(html), 60), 0);
	char *v = cache_get(k, &len);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(len, strlen(html));
	ck_assert_str_eq(v, html);
	free(v);

	/* Values may hold NUL bytes; an empty value is a hit, not a miss. */
	static const char bin[] = { 'a', 0, 'b', 0 };
	ck_assert_int_eq(cache_set(k, bin, sizeof bin, 60), 0);
	v = cache_get(k, &len);
	ck_assert_uint_eq(len, sizeof bin);
	ck_assert_mem_eq(v, bin, sizeof bin);
	ck_assert_int_eq(v[len], '\0');
	free(v);
	ck_assert_int_eq(cache_set(k, "", 0, 60), 0);
	v = cache_get(k, &len);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(len, 0);
	free(v);

	ck_assert_int_eq(cache_delete(k), 0);
	ck_assert_ptr_null(cache_get(k, NULL));
	ck_assert_int_eq(cache_delete(k), 0);	/* already gone is fine */
}
END_TEST

START_TEST(test_bad_keys_refused)
{
	ck_assert_int_eq(cache_set("two words", "x", 1, 60), -1);
	ck_assert_int_eq(cache_set("line\r\nflush_all", "x", 1, 60), -1);
	ck_assert_ptr_null(cache_get("two words", NULL));
	ck_assert_ptr_null(cache_get("", NULL));
	ck_assert_ptr_null(cache_get(NULL, NULL));
	char longkey[300];
	memset(longkey, 'k', sizeof longkey - 1);
	longkey[sizeof longkey - 1] = '\0';
	ck_assert_int_eq(cache_set(longkey, "x", 1, 60), -1);
	ck_assert_int_eq(cache_delete(longkey), -1);
}
END_TEST

START_TEST(test_generations)
{
	char family[64];
	snprintf(family, sizeof family, "check%ld", (long)getpid());
	struct timeval tv;
	gettimeofday(&tv, NULL);
	unsigned long long before = (unsigned long long)tv.tv_sec * 1000000ULL;

	unsigned long long g1 = cache_gen(family);
	ck_assert_msg(g1 >= before, "a new generation is seeded from the clock");
	ck_assert_uint_eq(cache_gen(family), g1);

	char k1[128], k2[128];
	snprintf(k1, sizeof k1, "%s:p:1:g%llu", family, g1);
	ck_assert_int_eq(cache_set(k1, "old", 3, 60), 0);
	cache_bump(family);
	unsigned long long g2 = cache_gen(family);
	ck_assert_uint_eq(g2, g1 + 1);
	snprintf(k2, sizeof k2, "%s:p:1:g%llu", family, g2);
	ck_assert_str_ne(k1, k2);
	ck_assert_ptr_null(cache_get(k2, NULL));

	/* A lost counter comes back above every value it had. */
	char genkey[128];
	snprintf(genkey, sizeof genkey, "gen:%s", family);
	ck_assert_int_eq(cache_delete(genkey), 0);
	usleep(1000);
	unsigned long long g3 = cache_gen(family);
	ck_assert_uint_gt(g3, g2);

	/* Bumping a family nobody asked about yet seeds it too. */
	ck_assert_int_eq(cache_delete(genkey), 0);
	cache_bump(family);
	ck_assert_uint_gt(cache_gen(family), g3);
	cache_delete(genkey);
	cache_delete(k1);
}
END_TEST

/* Generations prefetched in one round trip are what cache_gen answers for
 * the request, until forgotten or bumped; a family memcached does not have
 * is seeded by cache_gen as before. */
START_TEST(test_generations_prefetched)
{
	char a[64], b[64], none[64], genkey[128];
	snprintf(a, sizeof a, "checka%ld", (long)getpid());
	snprintf(b, sizeof b, "checkb%ld", (long)getpid());
	snprintf(none, sizeof none, "checkn%ld", (long)getpid());
	unsigned long long ga = cache_gen(a), gb = cache_gen(b);
	const char *families[] = { a, b, none };

	cache_gen_prefetch(families, 3);
	/* Changed behind the memo's back: the memo still answers, so the
	 * values came from the one fetch. */
	snprintf(genkey, sizeof genkey, "gen:%s", a);
	ck_assert_int_eq(cache_set(genkey, "7", 1, 0), 0);
	snprintf(genkey, sizeof genkey, "gen:%s", b);
	ck_assert_int_eq(cache_set(genkey, "8", 1, 0), 0);
	ck_assert_uint_eq(cache_gen(a), ga);
	ck_assert_uint_eq(cache_gen(b), gb);
	ck_assert_uint_gt(cache_gen(none), 0);
	/* A bump is seen at once. */
	ck_assert_int_eq(cache_bump(b), 0);
	ck_assert_uint_eq(cache_gen(b), 9);
	ck_assert_uint_eq(cache_gen(a), ga);
	cache_gen_forget();
	ck_assert_uint_eq(cache_gen(a), 7);
	/* A new prefetch replaces the memo. */
	cache_gen_prefetch(families, 1);
	snprintf(genkey, sizeof genkey, "gen:%s", a);
	ck_assert_int_eq(cache_set(genkey, "70", 2, 0), 0);
	ck_assert_uint_eq(cache_gen(a), 7);
	cache_gen_forget();
	ck_assert_uint_eq(cache_gen(a), 70);
	for (size_t i = 0; i < 3; i++) {
		snprintf(genkey, sizeof genkey, "gen:%s", families[i]);
		cache_delete(genkey);
	}
}
END_TEST

/* Within a request (cache_gen_keep) a family is read once: the first
 * generation asked for brings the program's families with it, a family
 * read alone is kept too, a bump is seen at once, and cache_gen_forget
 * ends it (outside a request every cache_gen asks memcached). */
START_TEST(test_generations_kept_for_a_request)
{
	char a[64], b[64], c[64], genkey[128];
	snprintf(a, sizeof a, "checkka%ld", (long)getpid());
	snprintf(b, sizeof b, "checkkb%ld", (long)getpid());
	snprintf(c, sizeof c, "checkkc%ld", (long)getpid());
	const char *const program[] = { a, b, NULL };
	const char *all[] = { a, b, c };

	for (size_t i = 0; i < 3; i++) {
		snprintf(genkey, sizeof genkey, "gen:%s", all[i]);
		ck_assert_int_eq(cache_set(genkey, "5", 1, 0), 0);
	}
	cache_gen_forget();
	cache_gen_keep(program);
	ck_assert_uint_eq(cache_gen(c), 5);	/* c, with a and b */
	for (size_t i = 0; i < 3; i++) {
		snprintf(genkey, sizeof genkey, "gen:%s", all[i]);
		ck_assert_int_eq(cache_set(genkey, "6", 1, 0), 0);
	}
	ck_assert_uint_eq(cache_gen(a), 5);
	ck_assert_uint_eq(cache_gen(b), 5);
	ck_assert_uint_eq(cache_gen(c), 5);
	ck_assert_int_eq(cache_bump(b), 0);
	ck_assert_uint_eq(cache_gen(b), 7);
	ck_assert_uint_eq(cache_gen(a), 5);
	cache_gen_forget();
	/* Outside a request: read afresh every time. */
	ck_assert_uint_eq(cache_gen(a), 6);
	snprintf(genkey, sizeof genkey, "gen:%s", a);
	ck_assert_int_eq(cache_set(genkey, "9", 1, 0), 0);
	ck_assert_uint_eq(cache_gen(a), 9);
	/* A request without families keeps what it reads alone. */
	cache_gen_keep(NULL);
	ck_assert_uint_eq(cache_gen(a), 9);
	ck_assert_int_eq(cache_set(genkey, "10", 2, 0), 0);
	ck_assert_uint_eq(cache_gen(a), 9);
	cache_gen_forget();
	ck_assert_uint_eq(cache_gen(a), 10);
	for (size_t i = 0; i < 3; i++) {
		snprintf(genkey, sizeof genkey, "gen:%s", all[i]);
		cache_delete(genkey);
	}
}
END_TEST

/* A value read with the generations answers the request's next get of
 * it, a miss included; a set or delete of the key in between, or the end
 * of the request, drops it. */
START_TEST(test_prefetched_value)
{
	char fam[64], k[128];
	const char *families[] = { fam };
	size_t len = 0;
	char *v;

	snprintf(fam, sizeof fam, "checkpv%ld", (long)getpid());
	snprintf(k, sizeof k, "hd:check%ld", (long)getpid());
	ck_assert_int_eq(cache_set(k, "frag", 4, 60), 0);
	cache_gen_prefetch_value(families, 1, k);
	v = cache_get(k, &len);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, "frag");
	ck_assert_uint_eq(len, 4);
	free(v);
	ck_assert_uint_gt(cache_gen(fam), 0);
	/* A set in between wins. */
	cache_gen_prefetch_value(families, 1, k);
	ck_assert_int_eq(cache_set(k, "new!", 4, 60), 0);
	v = cache_get(k, NULL);
	ck_assert_str_eq(v, "new!");
	free(v);
	/* A delete too. */
	cache_gen_prefetch_value(families, 1, k);
	ck_assert_int_eq(cache_delete(k), 0);
	ck_assert_ptr_null(cache_get(k, NULL));
	/* A miss is remembered as one. */
	cache_gen_prefetch_value(families, 1, k);
	ck_assert_ptr_null(cache_get(k, NULL));
	/* Forgotten with the generations. */
	cache_gen_prefetch_value(families, 1, k);
	ck_assert_int_eq(cache_set(k, "late", 4, 60), 0);
	cache_gen_forget();
	v = cache_get(k, NULL);
	ck_assert_str_eq(v, "late");
	free(v);
	cache_delete(k);
	snprintf(k, sizeof k, "gen:%s", fam);
	cache_delete(k);
}
END_TEST

/* nginx reads pages by the server-side key, which carries the namespace. */
START_TEST(test_namespace_on_server)
{
	const char *ns = "--NAMESPACE=\"bz:\"";
	const char *config = getenv("BAZAAR_MEMCACHED");
	char *hit = strstr(config, ns);
	if (!hit)
		return;	/* a config without the shop's namespace: nothing to compare */
	char k[128];
	snprintf(k, sizeof k, "pg:/check/%ld", (long)getpid());
	ck_assert_int_eq(cache_set(k, "page", 4, 60), 0);
	cache_close();

	char bare[1024];
	snprintf(bare, sizeof bare, "%.*s%s", (int)(hit - config), config, hit + strlen(ns));
	setenv("BAZAAR_MEMCACHED", bare, 1);
	ck_assert_int_eq(cache_init(), 0);
	char full[160];
	snprintf(full, sizeof full, "bz:%s", k);
	char *v = cache_get(full, NULL);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, "page");
	free(v);
	cache_delete(full);
}
END_TEST

START_TEST(test_dead_server_fast_miss)
{
	setenv("BAZAAR_MEMCACHED", DEAD_MC, 1);
	ck_assert_int_eq(cache_init(), 0);
	ck_assert(cache_enabled());
	double start = now_seconds();
	for (int i = 0; i < 50; i++) {
		ck_assert_ptr_null(cache_get("pg:/p/1", NULL));
		ck_assert_int_eq(cache_set("pg:/p/1", "x", 1, 60), -1);
		ck_assert_int_eq(cache_delete("pg:/p/1"), -1);
		ck_assert_uint_gt(cache_gen("cat"), 0);
		cache_bump("cat");
	}
	double took = now_seconds() - start;
	ck_assert_msg(took < 2.0, "250 calls to a dead server took %.2f s", took);
}
END_TEST

START_TEST(test_disabled_and_bad_config)
{
	unsetenv("BAZAAR_MEMCACHED");
	ck_assert_int_eq(cache_init(), 0);
	ck_assert(!cache_enabled());
	ck_assert_ptr_null(cache_get("pg:/p/1", NULL));
	ck_assert_int_eq(cache_set("pg:/p/1", "x", 1, 60), -1);
	cache_bump("cat");
	cache_gen("cat");

	setenv("BAZAAR_MEMCACHED", "--NO-SUCH-OPTION=1 --SERVER", 1);
	ck_assert_int_eq(cache_init(), -1);
	ck_assert(!cache_enabled());
	ck_assert_ptr_null(cache_get("pg:/p/1", NULL));
}
END_TEST

static Suite *check_cache_suite(void)
{
	const char *config = getenv("BAZAAR_MEMCACHED");
	saved_config = config ? strdup(config) : NULL;

	Suite *s = suite_create("cache");
	TCase *live = tcase_create("live");
	tcase_add_checked_fixture(live, live_setup, teardown);
	tcase_add_test(live, test_set_get_delete);
	tcase_add_test(live, test_bad_keys_refused);
	tcase_add_test(live, test_generations);
	tcase_add_test(live, test_generations_prefetched);
	tcase_add_test(live, test_generations_kept_for_a_request);
	tcase_add_test(live, test_prefetched_value);
	tcase_add_test(live, test_namespace_on_server);
	suite_add_tcase(s, live);

	TCase *down = tcase_create("down");
	tcase_add_checked_fixture(down, NULL, teardown);
	tcase_set_timeout(down, 10);
	tcase_add_test(down, test_dead_server_fast_miss);
	tcase_add_test(down, test_disabled_and_bad_config);
	suite_add_tcase(s, down);
	return s;
}

CHECK_MAIN(check_cache_suite)

/* promotion: see promotion.h. */
#include "promotion.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "catalog.h"
#include "clock.h"
#include "db.h"
#include "log.h"

/* What this process knows: the next change after `from`, read while the
 * listing generation was `gen`. */
static struct {
	int known;
	unsigned long long gen;
	time_t from;
	long long next;
} promotion_memo;

void
promotion_forget(void)
{
	promotion_memo.known = 0;
}

/* Parses "YYYY-MM-DD HH:MM:SS" (UTC) into seconds; -1 when it does not. */
static long long
promotion_parse_datetime(const char *s)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof tm);
	if (s == NULL || (end = strptime(s, "%Y-%m-%d %H:%M:%S", &tm)) == NULL || *end != '\0')
		return -1;
	return (long long)timegm(&tm);
}

long long
promotion_next_change(time_t now)
{
	unsigned long long gen = cache_gen(CATALOG_FAMILY_LIST);
	char at[24];
	struct db_result *r;
	long long next = 0, t;

	if (promotion_memo.known && promotion_memo.gen == gen && now >= promotion_memo.from &&
	    (promotion_memo.next == 0 || now < promotion_memo.next))
		return promotion_memo.next;
	clock_datetime(now, at, sizeof at);
	r = db_query("SELECT (SELECT MIN(starts_at) FROM promotions WHERE status = 'active' AND starts_at > ?),"
		     " (SELECT MIN(ends_at) FROM promotions WHERE status = 'active' AND ends_at > ?)",
		     "ss", at, at);
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		for (unsigned c = 0; c < 2; c++) {
			if (db_null(r, c) || (t = promotion_parse_datetime(db_str(r, c))) <= 0)
				continue;
			if (next == 0 || t < next)
				next = t;
		}
	}
	db_free(r);
	promotion_memo.known = 1;
	promotion_memo.gen = gen;
	promotion_memo.from = now;
	promotion_memo.next = next;
	return next;
}

int
promotion_changed(void)
{
	int stale = 0;

	promotion_forget();
	stale |= cache_bump(CATALOG_FAMILY_LIST) != 0 && cache_bump(CATALOG_FAMILY_LIST) != 0;
	stale |= cache_bump(CATALOG_FAMILY_HOME) != 0 && cache_bump(CATALOG_FAMILY_HOME) != 0;
	if (stale) {
		log_error("promotion.stale", "msg=%s", log_quote("cached listings could not be invalidated"));
		return -1;
	}
	return 0;
}

long long
promotion_fee(long long daily_rate, long long days)
{
	if (daily_rate < 0 || days < 0 || (days > 0 && daily_rate > LLONG_MAX / days))
		return -1;
	return daily_rate * days;
}

time_t
promotion_parse_day(const char *day)
{
	struct tm tm;
	char *end, back[11];
	time_t t;

	memset(&tm, 0, sizeof tm);
	if (day == NULL || strlen(day) != 10 || (end = strptime(day, "%Y-%m-%d", &tm)) == NULL || *end != '\0')
		return -1;
	t = timegm(&tm);
	/* strptime takes 2026-02-31: a real date prints back the same */
	if (gmtime_r(&t, &tm) == NULL || strftime(back, sizeof back, "%Y-%m-%d", &tm) != 10 ||
	    strcmp(back, day) != 0)
		return -1;
	return t;
}

/*
 * promotion: paid promotions, as the storefront shows them and the vendor
 * portal sells them (schema/0011_promotions.sql).
 *
 * A promotion is live while starts_at <= now < ends_at by the shop's clock
 * (clock_now(), bound as a parameter: a test can move it). The storefront
 * caches its listing pages (home, categories, search) in memcached; a page
 * with Sponsored slots must never outlive the promotions it shows, nor miss
 * one that has started. So every such page's cache key names the next
 * moment at which any promotion starts or ends (promotion_next_change): at
 * that moment the key changes and the next request draws the page afresh,
 * whichever worker answers and however far a test moved the clock. The
 * moment is read from the database once per worker and kept until it
 * passes or the listing generation changes (a promotion bought or cancelled
 * bumps it, as any catalogue change does), so a cached page costs no query.
 * Promotions start and end at midnight UTC, so all listing pages are drawn
 * again about once a day.
 */
#ifndef BAZAAR_PROMOTION_H
#define BAZAAR_PROMOTION_H
#include <stddef.h>
#include <time.h>

/* The longest promotion a vendor can buy, in days. */
#define PROMOTION_DAYS_MAX	30
/* How far ahead a promotion may start, in days. */
#define PROMOTION_AHEAD_MAX	365

/* "pr" is live at the shop's time bound twice (starts_at <= ? AND ends_at > ?). */
#define PROMOTION_LIVE \
	" pr.status = 'active' AND pr.starts_at <= ? AND pr.ends_at > ?"

/*
 * The first moment after now at which a promotion starts or ends, in
 * seconds since the epoch; 0 when none is to come; -1 when the database
 * could not say (nothing is remembered then).
 */
long long promotion_next_change(time_t now);

/* Forgets the moment kept in this process (after a promotion changed here). */
void promotion_forget(void);

/* Tells the caches that a promotion was bought or cancelled: the listing
 * pages' generations move on. 0, or -1 when memcached could not be told. */
int promotion_changed(void);

/* The fee of days at daily_rate minor units, or -1 when it would overflow. */
long long promotion_fee(long long daily_rate, long long days);

/* Parses "YYYY-MM-DD" into midnight UTC of that day; -1 when it is not a
 * real date of that form. */
time_t promotion_parse_day(const char *day);

#endif

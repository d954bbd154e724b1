/*
 * clickstream: nginx's clickstream log, loaded into the clickstream table.
 *
 * nginx writes one JSON object a line (log_format bazaar_click in
 * nginx/nginx.conf.in) for every GET of a storefront page answered 200,
 * every Sponsored impression beacon (/_i?p=<promotion>) and every product
 * page reached from a Sponsored slot (/p/<id>-<slug>?sp=<promotion>). Cached
 * pages never reach a program, so this log is the only place where every
 * view is seen. Its members:
 *   t  $msec (seconds since the epoch, with milliseconds)
 *   u  $uri (the path, decoded, without the query string)
 *   s  $status      p  $arg_p      sp  $arg_sp
 *   ip $remote_addr  ua $http_user_agent  (only to be hashed, never stored)
 *   r  the referrer (one-time tokens cut off, as in the access log)
 * No cookie and no session is ever in it.
 *
 * clickstream_load() reads the lines written since the last call and
 * inserts one row per line, a batch of lines in one INSERT statement (the
 * rows as one JSON array that MariaDB unpacks with JSON_TABLE); the position it reached (the file's
 * device:inode and the byte offset after the last whole line) is written in
 * the transaction of each batch, so a line is loaded exactly once however
 * often the loader runs: two copies at once (the second finds the position
 * locked and leaves), or a crash half way (the batch is rolled back with
 * its position and read again). A rotated log (renamed to <path>.1, then
 * nginx told to reopen its logs) is read to its end before the new one;
 * a log truncated in place is read again from its start.
 */
#ifndef BAZAAR_CLICKSTREAM_H
#define BAZAAR_CLICKSTREAM_H
#include <stddef.h>

#define CLICKSTREAM_PATH_MAX	500	/* characters kept of a path or referrer */
#define CLICKSTREAM_UA_MAX	1000	/* bytes of user agent hashed */
#define CLICKSTREAM_VISITOR_LEN	16	/* bytes of the visitor hash */

/* One log line, as a row of clickstream. */
struct clickstream_hit {
	char at[32];		/* "YYYY-MM-DD HH:MM:SS.mmm", UTC */
	char day[11];		/* "YYYY-MM-DD": the day of the visitor salt */
	const char *kind;	/* "view", "impression" or "click" */
	char path[CLICKSTREAM_PATH_MAX * 4 + 1];
	long long product_id;	/* 0: none */
	long long promotion_id;	/* 0: none */
	char ip[64];
	char ua[CLICKSTREAM_UA_MAX + 1];
	char referrer[CLICKSTREAM_PATH_MAX * 4 + 1];	/* "" when none */
};

/*
 * Reads one line (without its newline). Returns 1 and fills *hit when the
 * line is a row (a 200 for a storefront page, an impression with a
 * promotion id, a click with a product and a promotion id), 0 when it is a
 * line that counts nothing (another status), -1 when it is not a line of
 * this format. Paths and referrers are cut to CLICKSTREAM_PATH_MAX
 * characters at a character boundary.
 */
int clickstream_parse(const char *line, size_t len, struct clickstream_hit *hit);

/* The visitor hash: BLAKE2b of address and user agent keyed with the
 * day's salt (32 bytes). */
void clickstream_visitor(const unsigned char *salt, const char *ip, const char *ua,
			 unsigned char out[CLICKSTREAM_VISITOR_LEN]);

/* A log to load. */
struct clickstream_source {
	const char *name;	/* clickstream_sources.name */
	const char *path;	/* the log; its rotated copy is <path>.1 */
	long long batch;	/* lines a transaction, 0: 500 */
	/*
	 * Test hook, NULL in the programs: called after each row is inserted,
	 * before the batch commits, with the rows inserted so far in this call
	 * of clickstream_load. A non-zero return stops the load as a crash
	 * would: the batch is rolled back and -1 returned.
	 */
	int (*after_row)(long long rows, void *arg);
	void *arg;
};

struct clickstream_stats {
	long long rows;		/* rows inserted */
	long long skipped;	/* lines that count nothing, or malformed */
	long long batches;	/* transactions committed */
	int busy;		/* another loader held the position: nothing done */
};

/*
 * Loads what is new in src until the end of the log (or until the runner
 * stops, job_stopping()). Returns 0 (with *st filled; st->busy when another
 * copy was loading), or -1 on a database or file error (logged; the batch
 * in progress is rolled back).
 */
int clickstream_load(const struct clickstream_source *src, struct clickstream_stats *st);

/* Impressions and clicks of one promotion per UTC day: columns 0 the day
 * ("YYYY-MM-DD"), 1 impressions, 2 clicks, oldest day first. NULL on error. */
struct db_result *clickstream_promotion_days(long long promotion_id);

#endif

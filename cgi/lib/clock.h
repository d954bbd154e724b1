/*
 * clock: the shop's idea of "now", in whole seconds since the epoch (UTC).
 *
 * Everything that decides by the date (a promotion running or not, the
 * month a plan fee belongs to) asks clock_now() and passes the value to SQL
 * as a bound parameter, never UTC_TIMESTAMP(), so that a test can move the
 * shop's time without touching the machine's.
 *
 * On the test stack only (BAZAAR_ENV=test), BAZAAR_CLOCK_OFFSET seconds
 * (an integer, may be negative, at most ten years either way) are added to
 * the real time. In every other environment the setting is ignored:
 * production always runs on the real clock. The setting is read on every
 * call, so a test may change it between calls of a long-lived process that
 * reads its settings again (a job started with the variable set, a program
 * reloaded with SIGHUP).
 */
#ifndef BAZAAR_CLOCK_H
#define BAZAAR_CLOCK_H
#include <stddef.h>
#include <time.h>

/* The largest offset honoured, in seconds either way (ten years). */
#define CLOCK_OFFSET_MAX (10LL * 366 * 86400)

/* time(NULL), plus BAZAAR_CLOCK_OFFSET when BAZAAR_ENV=test. */
time_t clock_now(void);
/*
 * For a tool that writes the past through the modules (the demo data's
 * ledger history): until it is called again with 0, clock_now() in this
 * process answers at, so what the modules stamp with the shop's time
 * carries the moment it stands for. The programs and jobs never call it.
 */
void clock_history(time_t at);
/* The offset clock_now() adds right now: 0 outside the test stack. */
long long clock_offset(void);
/* Writes t as "YYYY-MM-DD HH:MM:SS" in UTC (MariaDB's DATETIME text) into
 * out (at least 20 bytes); returns out, or "" if it does not fit. */
char *clock_datetime(time_t t, char *out, size_t outsz);
/* Writes t's calendar month as "YYYY-MM" in UTC into out (at least 8 bytes). */
char *clock_month(time_t t, char *out, size_t outsz);

#endif

/* clock: see clock.h. */
#include "clock.h"
#include "cfg.h"

#include <stdio.h>
#include <string.h>

long long
clock_offset(void)
{
	if (strcmp(cfg_str("BAZAAR_ENV", "production"), "test") != 0)
		return 0;
	return cfg_int_in("BAZAAR_CLOCK_OFFSET", 0, -CLOCK_OFFSET_MAX, CLOCK_OFFSET_MAX);
}

/* The moment clock_history set for this process, 0 for none. */
static time_t clock_history_at;

void
clock_history(time_t at)
{
	clock_history_at = at;
}

time_t
clock_now(void)
{
	if (clock_history_at != 0)
		return clock_history_at;
	return time(NULL) + (time_t)clock_offset();
}

/* t in UTC through strftime's fmt; "" when it does not fit. */
static char *
clock_format(time_t t, const char *fmt, char *out, size_t outsz)
{
	struct tm tm;

	if (outsz == 0)
		return out;
	if (!gmtime_r(&t, &tm) || strftime(out, outsz, fmt, &tm) == 0)
		out[0] = '\0';
	return out;
}

char *
clock_datetime(time_t t, char *out, size_t outsz)
{
	return clock_format(t, "%Y-%m-%d %H:%M:%S", out, outsz);
}

char *
clock_month(time_t t, char *out, size_t outsz)
{
	return clock_format(t, "%Y-%m", out, outsz);
}

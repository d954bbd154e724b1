/*
 * money: formatting of integer minor units (see money.h). Currencies with
 * two decimal places only; the symbol comes from a small table. Arithmetic
 * (add, percentage, split, commission) is exact integer arithmetic: products
 * are formed in 128 bits, so amount * rate never overflows before the division.
 */
#include "money.h"
#include "cfg.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

static const char *
money_symbol(const char *currency)
{
	if (strcmp(currency, "EUR") == 0)
		return "€";
	if (strcmp(currency, "USD") == 0)
		return "$";
	if (strcmp(currency, "GBP") == 0)
		return "£";
	return NULL;
}

long long
money_parse(const char *s)
{
	long long units = 0, cents = 0;
	int digits = 0, decimals = 0;

	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 12)
			return -1;
		units = units * 10 + (*s - '0');
	}
	if (digits == 0)
		return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (++decimals > 2)
				return -1;
			cents = cents * 10 + (*s - '0');
		}
		if (decimals == 0)
			return -1;
		if (decimals == 1)
			cents *= 10;
	}
	if (*s != '\0')
		return -1;
	return units * 100 + cents;
}

char *
money_plain(long long minor, char *out, size_t outsz)
{
	unsigned long long abs = minor < 0 ? 0ULL - (unsigned long long)minor : (unsigned long long)minor;

	snprintf(out, outsz, "%s%llu.%02llu", minor < 0 ? "-" : "", abs / 100, abs % 100);
	return out;
}

char *
money_format(long long minor, char *out, size_t outsz)
{
	const char *currency = cfg_str("BAZAAR_CURRENCY", "EUR");
	const char *symbol = money_symbol(currency);
	unsigned long long abs = minor < 0 ? 0ULL - (unsigned long long)minor : (unsigned long long)minor;
	unsigned long long units = abs / 100;
	char digits[32], grouped[48];
	size_t n, i, g = 0;

	n = (size_t)snprintf(digits, sizeof digits, "%llu", units);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	if (symbol)
		snprintf(out, outsz, "%s%s%s.%02llu", minor < 0 ? "-" : "", symbol, grouped, abs % 100);
	else
		snprintf(out, outsz, "%s%s.%02llu %s", minor < 0 ? "-" : "", grouped, abs % 100, currency);
	return out;
}

/* ---- arithmetic ---------------------------------------------------------- */

int
money_add(long long a, long long b, long long *sum)
{
	long long r;

	if (__builtin_add_overflow(a, b, &r))
		return -1;
	*sum = r;
	return 0;
}

/* n / d rounded half away from zero; d > 0. */
static __int128
money_div_round(__int128 n, __int128 d)
{
	__int128 q = n / d, r = n % d; /* C truncates toward zero */

	if (r < 0)
		r = -r;
	if (2 * r >= d)
		q += n < 0 ? -1 : 1;
	return q;
}

int
money_percent(long long amount, long long bp, long long *out)
{
	__int128 r = money_div_round((__int128)amount * bp, 10000);

	if (r > LLONG_MAX || r < LLONG_MIN)
		return -1;
	*out = (long long)r;
	return 0;
}

int
money_split(long long total, const long long *weights, size_t n, long long *parts)
{
	/* Work on the magnitude of total, then mirror: splitting -x gives the
	 * negated parts of x, so a refund undoes a charge line for line. */
	__int128 mag = total < 0 ? -(__int128)total : (__int128)total;
	__int128 given = 0, leftover;
	long long wsum = 0;
	size_t i, j;

	if (n == 0 || weights == NULL || parts == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (weights[i] < 0 || __builtin_add_overflow(wsum, weights[i], &wsum))
			return -1;
	if (wsum == 0)
		return -1;
	for (i = 0; i < n; i++)
		given += mag * weights[i] / wsum;
	leftover = mag - given; /* < n: each line lost less than one cent */
	for (i = 0; i < n; i++) {
		__int128 rem = mag * weights[i] % wsum;
		__int128 share = mag * weights[i] / wsum;
		__int128 ahead = 0;

		/* The lines ranked ahead of this one: a larger remainder, or the
		 * same remainder earlier in the list. */
		if (rem > 0)
			for (j = 0; j < n && ahead < leftover; j++) {
				__int128 other = mag * weights[j] % wsum;
				if (other > rem || (other == rem && j < i))
					ahead++;
			}
		if (rem > 0 && ahead < leftover)
			share++;
		parts[i] = (long long)(total < 0 ? -share : share);
	}
	return 0;
}

int
money_commission(long long amount, long long bp, long long *fee, long long *vendor)
{
	long long f;

	if (bp < 0 || bp > 10000 || money_percent(amount, bp, &f) != 0)
		return -1;
	/* |f| <= |amount| and both have the same sign: the difference fits. */
	*fee = f;
	*vendor = amount - f;
	return 0;
}

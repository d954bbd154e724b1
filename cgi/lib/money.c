/*
 * money: formatting of integer minor units (see money.h). Currencies with
 * two decimal places only; the symbol comes from a small table.
 */
#include "money.h"
#include "cfg.h"

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

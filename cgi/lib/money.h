/*
 * money: amounts are integer minor units (cents) of the shop currency.
 */
#ifndef BAZAAR_MONEY_H
#define BAZAAR_MONEY_H
#include <stddef.h>

/* Formats minor units as "€1,234.50" style text for the shop currency
 * (BAZAAR_CURRENCY, default EUR) into out; returns out. */
char *money_format(long long minor, char *out, size_t outsz);
/* Formats as a plain decimal "1234.50" (for form fields). */
char *money_plain(long long minor, char *out, size_t outsz);

#endif

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

/*
 * Arithmetic. Every function works on whole minor units, never on floating
 * point, returns 0 on success and -1 when the exact result does not fit in a
 * long long (or the arguments are invalid); on -1 the outputs are untouched.
 *
 * Rounding rule, the only one in the shop: HALF AWAY FROM ZERO. A share that
 * falls exactly between two cents goes to the cent farther from zero
 * (0.5 -> 1, 2.5 -> 3, -0.5 -> -1), so a refund rounds like the sale it undoes.
 */

/* *sum = a + b. */
int money_add(long long a, long long b, long long *sum);

/* *out = amount * bp / 10000 rounded half away from zero: bp is a rate in
 * basis points (1 bp = 0.01 %, 10000 = 100 %; negative rates are allowed). */
int money_percent(long long amount, long long bp, long long *out);

/* Splits total over n weighted lines (largest remainder method): every part is
 * total * weights[i] / sum(weights), rounded down in magnitude, and the cents
 * left over go one each to the lines with the largest remainders; between equal
 * remainders the earlier line wins. The parts always add up to total exactly,
 * no part is off its exact share by a cent or more, a zero weight gets 0, and a
 * negative total is split as the mirror image of the positive one. weights must
 * be >= 0 with a sum > 0 that fits in a long long; n >= 1. parts has n places. */
int money_split(long long total, const long long *weights, size_t n, long long *parts);

/* A commission on amount at bp basis points: the marketplace's *fee is
 * money_percent(amount, bp) and the vendor gets the exact remainder
 * (*vendor = amount - *fee), so fee + vendor == amount always: no cent is
 * lost or invented. bp must be 0..10000. */
int money_commission(long long amount, long long bp, long long *fee, long long *vendor);

/* Parses a plain decimal amount "12", "12.5", "12.50" (at most 12 digits
 * before the point, at most 2 after, no sign) into minor units; -1 if malformed. */
long long money_parse(const char *s);

#endif

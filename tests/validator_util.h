/*
 * validator_util: calling form-field validators (cgi/lib/validate.h,
 * cgi/lib/listing.h) directly in a unit test, as the router calls them: on
 * an empty POST request, with the value they may tidy.
 */
#ifndef BAZAAR_VALIDATOR_UTIL_H
#define BAZAAR_VALIDATOR_UTIL_H
#include <check.h>

#include "req.h"

static struct req validator_rq;

static void
validator_setup(void)
{
	char *env[] = { "REQUEST_METHOD=POST", "REQUEST_URI=/form", NULL };

	ck_assert_int_eq(req_init(&validator_rq, env, "", 0, &req_default_limits), 0);
}

static void
validator_teardown(void)
{
	req_free(&validator_rq);
}

/* Runs validator v on text; returns its message (NULL when the value is
 * good) and the value, tidied, in *out. */
static const char *
run(const char *(*v)(struct req *, const char **), const char *text, const char **out)
{
	const char *value = text, *problem = v(&validator_rq, &value);

	if (out)
		*out = value;
	return problem;
}
#endif

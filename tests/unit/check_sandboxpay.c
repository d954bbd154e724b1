/*
 * Tests for cgi/lib/sandboxpay.c: reading the sandbox's webhook bodies (the
 * fields Bazaar acts on, and bodies it must refuse), the webhook check with
 * the configured secrets, and, against the test stack's sandbox program, a
 * hosted payment created and asked about through its API.
 */
#include "check_util.h"
#include "payment.h"
#include "sandboxpay.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

START_TEST(test_parse_event)
{
	static const char body[] = "{\"id\":\"evt-abc\",\"type\":\"payment.declined\",\"created\":1,"
				   "\"data\":{\"ref\":\"sbp-1\",\"merchant_ref\":\"42\",\"amount\":1999,"
				   "\"failure\":\"Your card was declined.\"}}";
	struct payment_event ev;
	const char *why = NULL;

	ck_assert_int_eq(sandboxpay_parse_event(body, strlen(body), &ev, &why), 0);
	ck_assert_str_eq(ev.id, "evt-abc");
	ck_assert_str_eq(ev.type, PAYMENT_EVENT_DECLINED);
	ck_assert_str_eq(ev.payment_ref, "sbp-1");
	ck_assert_int_eq(ev.payment_id, 42);
	ck_assert_int_eq(ev.amount_minor, 1999);
	ck_assert_str_eq(ev.failure, "Your card was declined.");
}
END_TEST

START_TEST(test_parse_event_refused)
{
	static const char *const bad[] = {
		"", "[]", "{}", "not json",
		"{\"id\":\"\",\"type\":\"x\",\"data\":{\"ref\":\"r\",\"amount\":1}}",
		"{\"id\":\"e\",\"type\":\"x\",\"data\":{\"ref\":\"r\"}}",
		"{\"id\":\"e\",\"type\":\"x\",\"data\":{\"ref\":\"r\",\"amount\":1,\"merchant_ref\":\"12x\"}}",
		"{\"id\":\"e\",\"type\":\"x\",\"data\":{\"ref\":\"r\",\"amount\":1,\"merchant_ref\":\"-3\"}}",
		"{\"id\":\"e\",\"id\":\"f\",\"type\":\"x\",\"data\":{\"ref\":\"r\",\"amount\":1}}",
	};
	struct payment_event ev;
	const char *why;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		ck_assert_msg(sandboxpay_parse_event(bad[i], strlen(bad[i]), &ev, &why) == -1, "%s", bad[i]);
		ck_assert_ptr_nonnull(why);
	}
}
END_TEST

START_TEST(test_webhook_checks_the_signature_first)
{
	static const char body[] = "{\"id\":\"e\",\"type\":\"payment.succeeded\",\"data\":{\"ref\":\"r\",\"amount\":1}}";
	char header[PAYMENT_SIGNATURE_MAX + 1];
	struct payment_event ev;
	const char *why;
	time_t now = time(NULL);

	setenv("BAZAAR_PAYMENT_WEBHOOK_SECRETS", "check-secret", 1);
	ck_assert_int_eq(payment_signature_make("check-secret", now, body, strlen(body), header, sizeof header), 0);
	ck_assert_int_eq(sandboxpay_provider.webhook(header, body, strlen(body), now, &ev, &why), 0);
	ck_assert_str_eq(ev.id, "e");
	ck_assert_int_eq(sandboxpay_provider.webhook(header, body, strlen(body) - 1, now, &ev, &why), 401);
	ck_assert_int_eq(sandboxpay_provider.webhook(header, body, strlen(body), now + 301, &ev, &why), 401);
	ck_assert_int_eq(payment_signature_make("check-secret", now, "{}", 2, header, sizeof header), 0);
	ck_assert_int_eq(sandboxpay_provider.webhook(header, "{}", 2, now, &ev, &why), 400);
	unsetenv("BAZAAR_PAYMENT_WEBHOOK_SECRETS");
}
END_TEST

/* Needs the test stack's sandbox program (BAZAAR_SANDBOX_URL). */
START_TEST(test_create_and_status)
{
	struct payment_request pr = { 7, "card", 1234, "EUR", "Check order", "http://127.0.0.1/r", "http://127.0.0.1/c" };
	char ref[PAYMENT_REF_MAX + 1], url[PAYMENT_URL_MAX + 1], failure[PAYMENT_FAILURE_MAX + 1];
	enum payment_state state;
	long long amount = 0;

	ck_assert_msg(getenv("BAZAAR_SANDBOX_URL") != NULL, "needs the test stack (BAZAAR_SANDBOX_URL)");
	ck_assert_int_eq(sandboxpay_provider.create(&pr, ref, sizeof ref, url, sizeof url, failure, sizeof failure), 0);
	ck_assert(strncmp(ref, "sbp-", 4) == 0);
	ck_assert_ptr_nonnull(strstr(url, ref));
	ck_assert_int_eq(sandboxpay_provider.status(ref, &state, &amount), 0);
	ck_assert_int_eq(state, PAYMENT_STATE_OPEN);
	ck_assert_int_eq(amount, 1234);
	/* Nothing to refund on an open payment. */
	ck_assert_int_eq(sandboxpay_provider.refund(ref, 100, "check-sandboxpay-refund", url, sizeof url, failure,
						    sizeof failure), PAYMENT_REFUSED);
	ck_assert_str_eq(failure, "The payment has not succeeded.");
	ck_assert_int_eq(sandboxpay_provider.status("sbp-nosuchpayment", &state, &amount), -1);
}
END_TEST

static Suite *
sandboxpay_suite(void)
{
	Suite *s = suite_create("sandboxpay");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_parse_event);
	tcase_add_test(tc, test_parse_event_refused);
	tcase_add_test(tc, test_webhook_checks_the_signature_first);
	tcase_add_test(tc, test_create_and_status);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(sandboxpay_suite)

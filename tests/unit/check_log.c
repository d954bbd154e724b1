/* Tests for cgi/lib/log.c: one key=value line per event, quoted safely. */
#include "check_util.h"
#include "log.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char *
capture(void (*fn)(void))
{
	static char out[4096];
	int fds[2], saved;
	ssize_t n;

	ck_assert_int_eq(pipe(fds), 0);
	saved = dup(STDERR_FILENO);
	dup2(fds[1], STDERR_FILENO);
	fn();
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(fds[1]);
	n = read(fds[0], out, sizeof out - 1);
	close(fds[0]);
	out[n > 0 ? n : 0] = '\0';
	return out;
}

static void
emit(void)
{
	log_init("testprog");
	log_set_request("abcdef0123456789");
	log_error("test.event", "path=%s", log_quote("/p/1\"\n<x>"));
	log_set_request(NULL);
	log_event(LOG_DEBUG, "test.hidden", "x=1");
}

START_TEST(test_line_format)
{
	char *out = capture(emit);

	ck_assert_ptr_nonnull(strstr(out, "level=error prog=testprog"));
	ck_assert_ptr_nonnull(strstr(out, "rid=abcdef0123456789 event=test.event"));
	ck_assert_ptr_nonnull(strstr(out, "path=\"/p/1\\\"\\x0a<x>\""));
	ck_assert_ptr_null(strstr(out, "test.hidden"));
	ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1);	/* exactly one line */
}
END_TEST

START_TEST(test_quote_long)
{
	char big[2000];
	const char *q;

	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	q = log_quote(big);
	ck_assert_uint_lt(strlen(q), 512);
	ck_assert_str_eq(log_quote(NULL), "-");
	/* Escapes near the end of the buffer never write past it. */
	for (size_t at = 490; at < 512; at++) {
		memset(big, 'a', sizeof big - 1);
		big[at] = '\x01';
		big[at + 1] = '\x02';
		q = log_quote(big);
		ck_assert_uint_lt(strlen(q), 512);
		ck_assert_str_eq(q + strlen(q) - 3, "..\"");
	}
}
END_TEST

static Suite *
check_log_suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_line_format);
	tcase_add_test(tc, test_quote_long);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_log_suite)

/* Tests for cgi/lib/csv.c */
#include "check_util.h"
#include "csv.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The records read, as "line:field|field|..." lines. */
struct collect {
	struct buf out;
	long stop_at;	/* stop (return 7) at this record index; 0: never */
};

static int
collect_record(const struct csv_record *rec, void *arg)
{
	struct collect *c = arg;
	size_t i;

	buf_printf(&c->out, "%ld:", rec->line);
	for (i = 0; i < rec->n; i++) {
		ck_assert_uint_eq(strlen(rec->fields[i]), rec->lens[i]);
		buf_printf(&c->out, "%s%s", i ? "|" : "", rec->fields[i]);
	}
	buf_addc(&c->out, '\n');
	return rec->index == c->stop_at ? 7 : 0;
}

/* Reads s whole; returns the reader's answer, the records in c->out. */
static int
read_all(struct collect *c, const char *s, size_t len, const struct csv_limits *lim,
	 struct csv_error *err)
{
	buf_init(&c->out);
	buf_adds(&c->out, "");
	return csv_read_buffer(s, len, lim, collect_record, c, err);
}

START_TEST(test_read_plain_and_quoted)
{
	static const char in[] = "sku,name,price\r\nA-1,\"Mug, blue\",12.50\r\n"
				 "A-2,\"She said \"\"hi\"\"\",3\nA-3,  spaced  ,";
	struct collect c = { .stop_at = 0 };
	struct csv_error err;

	ck_assert_int_eq(read_all(&c, in, sizeof in - 1, NULL, &err), 0);
	ck_assert_str_eq(c.out.data, "1:sku|name|price\n2:A-1|Mug, blue|12.50\n"
				     "3:A-2|She said \"hi\"|3\n4:A-3|  spaced  |\n");
	buf_free(&c.out);
}
END_TEST

START_TEST(test_read_multiline_line_numbers)
{
	static const char in[] = "a,b\n\"x\ny\nz\",1\n\n2,\"p\r\nq\"\n3,4\n";
	struct collect c = { .stop_at = 0 };

	ck_assert_int_eq(read_all(&c, in, sizeof in - 1, NULL, NULL), 0);
	/* A record begins on its first line; blank lines are skipped but counted. */
	ck_assert_str_eq(c.out.data, "1:a|b\n2:x\ny\nz|1\n6:2|p\r\nq\n8:3|4\n");
	buf_free(&c.out);
	/* Lines ended by a CR alone count as lines too. */
	ck_assert_int_eq(read_all(&c, "a\rb\r\r\"c\rd\"\re", 12, NULL, NULL), 0);
	ck_assert_str_eq(c.out.data, "1:a\n2:b\n4:c\rd\n6:e\n");
	buf_free(&c.out);
}
END_TEST

START_TEST(test_read_bom_any_split)
{
	static const char in[] = "\xEF\xBB\xBFname,qty\r\nCaf\xC3\xA9,2\r\n";
	size_t cut, len = sizeof in - 1;

	/* The mark is skipped however the input arrives. */
	for (cut = 0; cut <= len; cut++) {
		struct collect c = { .stop_at = 0 };
		struct csv_reader r;

		buf_init(&c.out);
		buf_adds(&c.out, "");
		ck_assert_int_eq(csv_reader_init(&r, NULL, collect_record, &c), 0);
		ck_assert_int_eq(csv_reader_feed(&r, in, cut), 0);
		ck_assert_int_eq(csv_reader_feed(&r, in + cut, len - cut), 0);
		ck_assert_int_eq(csv_reader_finish(&r), 0);
		ck_assert_str_eq(c.out.data, "1:name|qty\n2:Caf\xC3\xA9|2\n");
		csv_reader_free(&r);
		buf_free(&c.out);
	}
}
END_TEST

START_TEST(test_read_errors)
{
	struct csv_limits lim = { 10, 20, 3, 3 };
	struct collect c;
	struct csv_error err;

#define READ_FAILS(text, line_, words)                                                   \
	do {                                                                              \
		c.stop_at = 0;                                                            \
		ck_assert_int_eq(read_all(&c, text, sizeof text - 1, &lim, &err), -1);    \
		ck_assert_int_eq(err.line, line_);                                        \
		ck_assert_msg(strstr(err.message, words), "%s: %s", text, err.message);   \
		buf_free(&c.out);                                                         \
	} while (0)
	READ_FAILS("a,b\nc,\"open\n", 2, "not closed");
	READ_FAILS("a,b\nc,d\"e\n", 2, "quote");
	READ_FAILS("a\nb\n0123456789x\n", 3, "longer than 10 bytes");
	READ_FAILS("a,b\n123456789,123456789,1\n", 2, "longer than 20 bytes");
	READ_FAILS("a,b,c,d\n", 1, "more than 3 fields");
	READ_FAILS("a\nb\nc\nd\n", 4, "more than 3 lines");
	READ_FAILS("a\n\xC3(\n", 2, "not UTF-8");
	READ_FAILS("a\nb\xEF\xBB\xBF\xFF\n", 2, "not UTF-8");
	READ_FAILS("a\n\"b\0c\"\n", 2, "not UTF-8");
	/* A field growing without end is refused before it is whole. */
	{
		static char big[100000];

		memset(big, 'x', sizeof big);
		big[sizeof big - 1] = '\0';
		c.stop_at = 0;
		ck_assert_int_eq(read_all(&c, big, sizeof big - 1, &lim, &err), -1);
		ck_assert_ptr_nonnull(strstr(err.message, "longer than 10 bytes"));
		buf_free(&c.out);
	}
	/* Records before the error were delivered, none after it. */
	c.stop_at = 0;
	ck_assert_int_eq(read_all(&c, "a\n\"b\n", 5, &lim, &err), -1);
	ck_assert_str_eq(c.out.data, "1:a\n");
	buf_free(&c.out);
#undef READ_FAILS
}
END_TEST

START_TEST(test_read_stop_and_fd)
{
	static const char in[] = "1\n2\n3\n4\n";
	struct collect c = { .stop_at = 2 };
	char path[] = "/tmp/check_csv_XXXXXX";
	int fd;

	ck_assert_int_eq(read_all(&c, in, sizeof in - 1, NULL, NULL), 7);
	ck_assert_str_eq(c.out.data, "1:1\n2:2\n");
	buf_free(&c.out);

	ck_assert_int_ge(fd = mkstemp(path), 0);
	unlink(path);
	ck_assert_int_eq(write(fd, in, sizeof in - 1), (ssize_t)(sizeof in - 1));
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	c.stop_at = 0;
	buf_init(&c.out);
	buf_adds(&c.out, "");
	ck_assert_int_eq(csv_read_fd(fd, NULL, collect_record, &c, NULL), 0);
	ck_assert_str_eq(c.out.data, "1:1\n2:2\n3:3\n4:4\n");
	buf_free(&c.out);
	close(fd);
}
END_TEST

START_TEST(test_write_quoting_and_guard)
{
	struct buf out;
	struct csv_writer w;

	buf_init(&out);
	csv_writer_init(&w, &out, CSV_WRITE_BOM);
	csv_write_text(&w, "sku");
	csv_write_text(&w, "Mug, \"blue\"");
	csv_write_int(&w, -5);
	csv_write_text(&w, NULL);
	csv_write_text(&w, " lead");
	csv_write_end(&w);
	csv_write_text(&w, "=HYPERLINK(\"http://x\")");
	csv_write_text(&w, "+1");
	csv_write_text(&w, "-2");
	csv_write_text(&w, "@SUM(A1)");
	csv_write_text(&w, "a\nb");
	csv_write_plain(&w, "-3.50");
	csv_write_end(&w);
	ck_assert_str_eq(out.data, "\xEF\xBB\xBFsku,\"Mug, \"\"blue\"\"\",-5,,\" lead\"\r\n"
				   "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),\"a\nb\",-3.50\r\n");
	ck_assert_str_eq(csv_cell_unguard("'=1+1"), "=1+1");
	ck_assert_str_eq(csv_cell_unguard("'-2"), "-2");
	ck_assert_str_eq(csv_cell_unguard("'quoted'"), "'quoted'");
	ck_assert_str_eq(csv_cell_unguard("plain"), "plain");
	ck_assert_ptr_null(csv_cell_unguard(NULL));
	buf_free(&out);
}
END_TEST

/* What is written reads back as it was (after unguarding). */
static int
roundtrip_record(const struct csv_record *rec, void *arg)
{
	const char *const *want = arg;
	size_t i;

	ck_assert_uint_eq(rec->n, 6);
	for (i = 0; i < rec->n; i++)
		ck_assert_str_eq(csv_cell_unguard(rec->fields[i]), want[i]);
	return 0;
}

START_TEST(test_roundtrip)
{
	static const char *const cells[] = {
		"=cmd|' /C calc'!A0", "x,y", "\"quoted\"", "line\r\nbreak", "  both  ", "Zoë ☕",
	};
	struct buf out;
	struct csv_writer w;
	size_t i;

	buf_init(&out);
	csv_writer_init(&w, &out, CSV_WRITE_BOM);
	for (i = 0; i < 6; i++)
		csv_write_text(&w, cells[i]);
	csv_write_end(&w);
	ck_assert_int_eq(csv_read_buffer(out.data, out.len, NULL, roundtrip_record, (void *)cells, NULL), 0);
	buf_free(&out);
}
END_TEST

static Suite *
csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_read_plain_and_quoted);
	tcase_add_test(tc, test_read_multiline_line_numbers);
	tcase_add_test(tc, test_read_bom_any_split);
	tcase_add_test(tc, test_read_errors);
	tcase_add_test(tc, test_read_stop_and_fd);
	tcase_add_test(tc, test_write_quoting_and_guard);
	tcase_add_test(tc, test_roundtrip);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(csv_suite)

/*
 * Tests for cgi/lib/multipart.c: the boundary, well-formed and malformed
 * bodies, every way of cutting a body into pieces, each limit, and the
 * temporary files (made 0600, removed whatever happens). Then the route
 * level through fcgi_loop_handle: an R_UPLOAD route gets fields and a file,
 * another route refuses a multipart body.
 */
#include "check_util.h"
#include "fcgi_loop.h"
#include "multipart.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CT "multipart/form-data; boundary=XyZ"

static char tmpdir[64];

static void
setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/check_multipart.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

/* Files left in the temporary directory. */
static int
tmp_count(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void
teardown(void)
{
	ck_assert_int_eq(tmp_count(), 0);
	rmdir(tmpdir);
}

/* Appends a file's content to b. */
static void
add_file(struct buf *b, const char *path)
{
	char chunk[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(b, chunk, (size_t)n);
	close(fd);
}

/*
 * Parses body cut at the given offsets (ascending) and describes the
 * outcome in out: the code, then each field and file with its content.
 * The temporary files are removed before it returns.
 */
static enum multipart_code
parse_cut(const char *ct, const char *body, size_t len, const size_t *cuts, size_t ncuts,
	  const struct multipart_limits *lim, struct buf *out)
{
	struct arena a;
	struct kvlist fields = { 0 };
	struct multipart *p;
	struct multipart_file *f;
	enum multipart_code code;
	size_t i, from = 0, to;

	arena_init(&a);
	buf_reset(out);
	p = multipart_new(&a, ct, lim ? lim : &multipart_default_limits, tmpdir, &fields, &code);
	if (p == NULL) {
		arena_free(&a);
		buf_printf(out, "code=%d", code);
		return code;
	}
	code = MULTIPART_OK;
	for (i = 0; i <= ncuts && code == MULTIPART_OK; i++) {
		to = i < ncuts ? cuts[i] : len;
		code = multipart_feed(p, body + from, to - from);
		from = to;
	}
	if (code == MULTIPART_OK)
		code = multipart_finish(p);
	buf_printf(out, "code=%d", code);
	if (code == MULTIPART_OK) {
		for (i = 0; i < fields.n; i++)
			buf_printf(out, "|%s=[%s]", fields.items[i].key, fields.items[i].val);
		for (i = 0; (f = multipart_file_at(p, i)) != NULL; i++) {
			struct stat st;

			ck_assert_int_eq(stat(f->path, &st), 0);
			ck_assert_int_eq(st.st_mode & 0777, 0600);
			ck_assert_uint_eq((size_t)st.st_size, f->size);
			ck_assert_int_eq(strncmp(f->path, tmpdir, strlen(tmpdir)), 0);
			buf_printf(out, "|file %s %s (%s) %zu [", f->field, f->filename, f->content_type, f->size);
			add_file(out, f->path);
			buf_adds(out, "]");
		}
	}
	multipart_cleanup(p);
	ck_assert_int_eq(tmp_count(), 0);
	arena_free(&a);
	return code;
}

static enum multipart_code
parse(const char *body, struct buf *out)
{
	return parse_cut(CT, body, strlen(body), NULL, 0, NULL, out);
}

static enum multipart_code
parse_lim(const char *body, const struct multipart_limits *lim)
{
	struct buf out;
	enum multipart_code code;

	buf_init(&out);
	code = parse_cut(CT, body, strlen(body), NULL, 0, lim, &out);
	buf_free(&out);
	return code;
}

/* A file holding a NUL and text like the boundary, and ending with the
 * start of a delimiter just before the real one. */
#define FILE_DATA "\xff\xd8\xff\0 jpeg bytes\r\n--Xy not yet\r\r\n\r\n-x--XyZ--\r\n--Xy"

static const char form[] =
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"title\"\r\n"
	"\r\n"
	"Red lamp\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"alt\"\r\n"
	"\r\n"
	"line one\r\nline two\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"image\"; filename=\"C:\\photos\\lamp.jpg\"\r\n"
	"Content-Type: image/jpeg\r\n"
	"\r\n"
	FILE_DATA
	"\r\n--XyZ--\r\n"
	"epilogue, ignored\r\n";

START_TEST(test_boundary)
{
	char b[MULTIPART_BOUNDARY_MAX + 1];
	char ct[200];

	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary=abc", b), MULTIPART_OK);
	ck_assert_str_eq(b, "abc");
	ck_assert_int_eq(multipart_boundary("Multipart/Form-Data;BOUNDARY=\"a b:c\"", b), MULTIPART_OK);
	ck_assert_str_eq(b, "a b:c");
	ck_assert_int_eq(multipart_boundary("multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW", b), MULTIPART_OK);
	ck_assert_str_eq(b, "----WebKitFormBoundary7MA4YWxkTrZu0gW");
	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary=\"x\" ; charset=utf-8", b), MULTIPART_OK);
	ck_assert_str_eq(b, "x");
	snprintf(ct, sizeof ct, "multipart/form-data; boundary=%.*s", 70,
		 "1234567890123456789012345678901234567890123456789012345678901234567890");
	ck_assert_int_eq(multipart_boundary(ct, b), MULTIPART_OK);
	ck_assert_uint_eq(strlen(b), 70);

	/* 71 characters, empty, bad characters, a trailing space, two of them */
	snprintf(ct, sizeof ct, "multipart/form-data; boundary=%.*s", 71,
		 "12345678901234567890123456789012345678901234567890123456789012345678901");
	ck_assert_int_eq(multipart_boundary(ct, b), MULTIPART_E_BOUNDARY);
	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary=", b), MULTIPART_E_BOUNDARY);
	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary=\"\"", b), MULTIPART_E_BOUNDARY);
	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary=a\rb", b), MULTIPART_E_BOUNDARY);
	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary=\"a\r\nb\"", b), MULTIPART_E_BOUNDARY);
	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary=a*b", b), MULTIPART_E_BOUNDARY);
	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary=\"ab \"", b), MULTIPART_E_BOUNDARY);
	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary=a; boundary=b", b), MULTIPART_E_BOUNDARY);
	/* no boundary, another type, malformed parameters */
	ck_assert_int_eq(multipart_boundary("multipart/form-data", b), MULTIPART_E_CONTENT_TYPE);
	ck_assert_int_eq(multipart_boundary("multipart/form-data; charset=utf-8", b), MULTIPART_E_CONTENT_TYPE);
	ck_assert_int_eq(multipart_boundary("multipart/mixed; boundary=a", b), MULTIPART_E_CONTENT_TYPE);
	ck_assert_int_eq(multipart_boundary("multipart/form-datax; boundary=a", b), MULTIPART_E_CONTENT_TYPE);
	ck_assert_int_eq(multipart_boundary("application/x-www-form-urlencoded", b), MULTIPART_E_CONTENT_TYPE);
	ck_assert_int_eq(multipart_boundary("", b), MULTIPART_E_CONTENT_TYPE);
	ck_assert_int_eq(multipart_boundary(NULL, b), MULTIPART_E_CONTENT_TYPE);
	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary", b), MULTIPART_E_CONTENT_TYPE);
	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary=\"abc", b), MULTIPART_E_CONTENT_TYPE);
	ck_assert_int_eq(multipart_boundary("multipart/form-data; boundary=\"abc\"x", b), MULTIPART_E_CONTENT_TYPE);
	ck_assert(multipart_is_form_data(" multipart/form-data ; boundary=x"));
	ck_assert(!multipart_is_form_data("multipart/form-data-x"));
}
END_TEST

START_TEST(test_fields_and_file)
{
	struct buf out;

	struct buf want;

	buf_init(&out);
	buf_init(&want);
	ck_assert_int_eq(parse_cut(CT, form, sizeof form - 1, NULL, 0, NULL, &out), MULTIPART_OK);
	buf_printf(&want, "code=0|title=[Red lamp]|alt=[line one\r\nline two]"
		   "|file image lamp.jpg (image/jpeg) %zu [", sizeof FILE_DATA - 1);
	buf_add(&want, FILE_DATA, sizeof FILE_DATA - 1);
	buf_adds(&want, "]");
	ck_assert_uint_eq(out.len, want.len);
	ck_assert_int_eq(memcmp(out.data, want.data, want.len), 0);
	buf_free(&out);
	buf_free(&want);
}
END_TEST

/* The same body cut in two at every offset, then fed byte by byte, gives
 * exactly what the whole body gives. */
static void
check_every_cut(const char *body, size_t len, const struct multipart_limits *lim)
{
	struct buf whole, cut;
	size_t k, *cuts;

	buf_init(&whole);
	buf_init(&cut);
	parse_cut(CT, body, len, NULL, 0, lim, &whole);
	for (k = 0; k <= len; k++) {
		parse_cut(CT, body, len, &k, 1, lim, &cut);
		ck_assert_msg(cut.len == whole.len && memcmp(cut.data, whole.data, whole.len) == 0,
			      "cut at %zu: %s", k, cut.data);
	}
	cuts = malloc(len * sizeof *cuts);
	for (k = 0; k < len; k++)
		cuts[k] = k;
	parse_cut(CT, body, len, cuts, len, lim, &cut);
	ck_assert_msg(cut.len == whole.len && memcmp(cut.data, whole.data, whole.len) == 0,
		      "byte by byte: %s", cut.data);
	/* and in threes, every starting offset */
	for (k = 0; k + 3 <= len; k++) {
		size_t three[2] = { k, k + 3 };

		parse_cut(CT, body, len, three, 2, lim, &cut);
		ck_assert_msg(cut.len == whole.len && memcmp(cut.data, whole.data, whole.len) == 0,
			      "three bytes at %zu: %s", k, cut.data);
	}
	free(cuts);
	buf_free(&whole);
	buf_free(&cut);
}

START_TEST(test_every_cut)
{
	static const char *bodies[] = {
		/* a preamble, data full of delimiter prefixes, CRs and LFs */
		"preamble\r\n--XyZ\r\n"
		"Content-Disposition: form-data; name=\"a\"\r\n\r\n"
		"\r\r\n\r\n-\r\n--\r\n--X\r\n--Xy\r\n--XyZ--\r\n",
		/* an empty value, transport padding after a boundary */
		"--XyZ  \t\r\n"
		"Content-Disposition: form-data; name=\"a\"\r\n\r\n"
		"\r\n--XyZ\r\n"
		"content-disposition: FORM-DATA; NAME=b; filename=\"x.bin\"\r\n\r\n"
		"\r\n\r\n"
		"\r\n--XyZ--",
		/* a body that is only the final boundary */
		"--XyZ--",
		/* a cut-off body: the same error wherever it is cut */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--XyZ",
		/* a malformed header, found wherever it is cut */
		"--XyZ\r\nContent-Disposition form-data\r\n\r\nx\r\n--XyZ--",
	};
	/* Two problems: whichever comes first in the body is the one
	 * reported, however it is cut (the fuzzer's finding). */
#define FIELD_PART "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n123456\0\r\n"
#define FILE_PARTS "--XyZ\r\nContent-Disposition: form-data; name=f; filename=a\r\n\r\n123456\r\n" \
		   "--XyZ\r\nContent-Disposition: form-data; name=f; filename=b\r\n\r\n1\r\n--XyZ--"
	static const char two_problems[] = FIELD_PART FILE_PARTS;
	static const char files_only[] = FILE_PARTS;
	struct multipart_limits lim = multipart_default_limits;
	struct buf out;
	size_t i;

	check_every_cut(form, sizeof form - 1, NULL);
	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
		check_every_cut(bodies[i], strlen(bodies[i]), NULL);
	buf_init(&out);
	lim.max_field = 4;	/* before the NUL */
	check_every_cut(two_problems, sizeof two_problems - 1, &lim);
	ck_assert_int_eq(parse_cut(CT, two_problems, sizeof two_problems - 1, NULL, 0, &lim, &out),
			 MULTIPART_E_FIELD_SIZE);
	lim = multipart_default_limits;
	lim.max_files = 1;
	lim.max_file = 3;	/* the first file too large before the second one */
	check_every_cut(files_only, sizeof files_only - 1, &lim);
	ck_assert_int_eq(parse_cut(CT, files_only, sizeof files_only - 1, NULL, 0, &lim, &out),
			 MULTIPART_E_FILE_SIZE);
	lim = multipart_default_limits;
	lim.max_body = 70;	/* the NUL comes before the end of the allowed bytes */
	check_every_cut(two_problems, sizeof two_problems - 1, &lim);
	ck_assert_int_eq(parse_cut(CT, two_problems, sizeof two_problems - 1, NULL, 0, &lim, &out),
			 MULTIPART_E_NUL);
	buf_free(&out);
}
END_TEST

START_TEST(test_crlf_edges)
{
	struct buf out;

	buf_init(&out);
	/* the first boundary at the very start, the last without CRLF after it */
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ--", &out),
			 MULTIPART_OK);
	ck_assert_str_eq(out.data, "code=0|a=[1]");
	/* a value ending in CR, a value of CRLF */
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\r\n"
			       "--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\n\r\n\r\n--XyZ--\r\n", &out),
			 MULTIPART_OK);
	ck_assert_str_eq(out.data, "code=0|a=[1\r]|b=[\r\n]");
	/* the boundary without CRLF before it is data */
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx--XyZ\r\n--XyZ--", &out),
			 MULTIPART_OK);
	ck_assert_str_eq(out.data, "code=0|a=[x--XyZ]");
	/* bare LF line ends are not CRLF: the headers never end properly */
	ck_assert_int_eq(parse("--XyZ\nContent-Disposition: form-data; name=a\n\n1\n--XyZ--\n", &out),
			 MULTIPART_E_SYNTAX);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=a\n\r\n1\r\n--XyZ--", &out),
			 MULTIPART_E_HEADER);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\n--XyZ--", &out),
			 MULTIPART_E_TRUNCATED);
	/* a CR alone inside a header */
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data;\r name=a\r\n\r\n1\r\n--XyZ--", &out),
			 MULTIPART_E_HEADER);
	buf_free(&out);
}
END_TEST

START_TEST(test_malformed)
{
	static const char nul_body[] = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\na\0b\r\n--XyZ--";
	struct buf out;

	buf_init(&out);
	/* boundary lines: something after the boundary, a single dash */
	ck_assert_int_eq(parse("--XyZx\r\n", &out), MULTIPART_E_SYNTAX);
	ck_assert_int_eq(parse("--XyZ-\r\n", &out), MULTIPART_E_SYNTAX);
	ck_assert_int_eq(parse("--XyZ \tx\r\n", &out), MULTIPART_E_SYNTAX);
	ck_assert_int_eq(parse("--XyZ\rx", &out), MULTIPART_E_SYNTAX);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZZ\r\n--XyZ--", &out),
			 MULTIPART_E_SYNTAX);
	/* missing and malformed headers */
	ck_assert_int_eq(parse("--XyZ\r\n\r\nvalue\r\n--XyZ--", &out), MULTIPART_E_DISPOSITION);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--XyZ--", &out),
			 MULTIPART_E_DISPOSITION);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--", &out),
			 MULTIPART_E_DISPOSITION);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nv\r\n--XyZ--", &out),
			 MULTIPART_E_DISPOSITION);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--XyZ--", &out),
			 MULTIPART_E_DISPOSITION);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
			       "Content-Disposition: form-data; name=b\r\n\r\nv\r\n--XyZ--", &out),
			 MULTIPART_E_DISPOSITION);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n--XyZ--", &out),
			 MULTIPART_E_DISPOSITION);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--XyZ--", &out),
			 MULTIPART_E_HEADER);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name\r\n\r\nv\r\n--XyZ--", &out),
			 MULTIPART_E_HEADER);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data name=a\r\n\r\nv\r\n--XyZ--", &out),
			 MULTIPART_E_HEADER);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nv\r\n--XyZ--", &out),
			 MULTIPART_E_HEADER);
	ck_assert_int_eq(parse("--XyZ\r\nno colon here\r\n\r\nv\r\n--XyZ--", &out), MULTIPART_E_HEADER);
	ck_assert_int_eq(parse("--XyZ\r\n: empty name\r\n\r\nv\r\n--XyZ--", &out), MULTIPART_E_HEADER);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\x01\"\r\n\r\nv\r\n--XyZ--", &out),
			 MULTIPART_E_NAME);
	/* missing final boundary: nothing at all, no boundary, cut in a part,
	 * cut in the headers, cut just after a boundary */
	ck_assert_int_eq(parse("", &out), MULTIPART_E_TRUNCATED);
	ck_assert_int_eq(parse("just text", &out), MULTIPART_E_TRUNCATED);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue", &out),
			 MULTIPART_E_TRUNCATED);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-da", &out), MULTIPART_E_TRUNCATED);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ", &out),
			 MULTIPART_E_TRUNCATED);
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ-", &out),
			 MULTIPART_E_TRUNCATED);
	/* a NUL in a text field (a file may hold any byte) */
	ck_assert_int_eq(parse_cut(CT, nul_body, sizeof nul_body - 1, NULL, 0, NULL, &out), MULTIPART_E_NUL);
	/* a Content-Type that is not multipart/form-data at all */
	ck_assert_int_eq(parse_cut("text/plain", "x", 1, NULL, 0, NULL, &out), MULTIPART_E_CONTENT_TYPE);
	buf_free(&out);
}
END_TEST

START_TEST(test_files)
{
	struct buf out;

	buf_init(&out);
	/* a file input left empty is no file; an empty named file is one */
	ck_assert_int_eq(parse("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
			       "Content-Type: application/octet-stream\r\n\r\n\r\n"
			       "--XyZ\r\nContent-Disposition: form-data; name=\"g\"; filename=\"empty.txt\"\r\n\r\n\r\n"
			       "--XyZ\r\nContent-Disposition: form-data; name=\"h\"; filename=\"../../etc/passwd\"\r\n\r\nx\r\n"
			       "--XyZ\r\nContent-Disposition: form-data; name=\"i\"; filename=\"q\\\"uote\\\\.txt\"\r\n\r\ny\r\n"
			       "--XyZ--", &out), MULTIPART_OK);
	ck_assert_str_eq(out.data, "code=0|file g empty.txt () 0 []|file h passwd () 1 [x]|file i .txt () 1 [y]");
	buf_free(&out);
}
END_TEST

START_TEST(test_limits)
{
	struct multipart_limits lim = multipart_default_limits;
	char body[4096];

	/* each limit hit by one more than it allows, and not by exactly it */
	lim.max_body = 60;
	snprintf(body, sizeof body, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n12\r\n--XyZ--");
	ck_assert_uint_eq(strlen(body), 60);
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_OK);
	lim.max_body = 59;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_E_BODY_SIZE);

	lim = multipart_default_limits;
	lim.max_field = 2;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_OK);
	lim.max_field = 1;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_E_FIELD_SIZE);

	lim = multipart_default_limits;
	lim.max_name = 1;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_OK);
	ck_assert_int_eq(parse_lim("--XyZ\r\nContent-Disposition: form-data; name=ab\r\n\r\n1\r\n--XyZ--", &lim),
			 MULTIPART_E_NAME);

	lim = multipart_default_limits;
	lim.max_header = 42;	/* "Content-Disposition: form-data; name=a\r\n\r\n" */
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_OK);
	lim.max_header = 41;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_E_HEADER_SIZE);

	snprintf(body, sizeof body,
		 "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
		 "--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\n2\r\n"
		 "--XyZ\r\nContent-Disposition: form-data; name=f; filename=a.bin\r\n\r\n123\r\n"
		 "--XyZ\r\nContent-Disposition: form-data; name=f; filename=b.bin\r\n\r\n4567\r\n--XyZ--");
	lim = multipart_default_limits;
	lim.max_parts = 4;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_OK);
	lim.max_parts = 3;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_E_PARTS);
	lim = multipart_default_limits;
	lim.max_fields = 2;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_OK);
	lim.max_fields = 1;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_E_FIELDS);
	lim = multipart_default_limits;
	lim.max_files = 2;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_OK);
	lim.max_files = 1;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_E_FILES);	/* the first file is removed */
	lim = multipart_default_limits;
	lim.max_file = 4;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_OK);
	lim.max_file = 3;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_E_FILE_SIZE);
	lim = multipart_default_limits;
	lim.max_filename = 5;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_OK);
	lim.max_filename = 4;
	ck_assert_int_eq(parse_lim(body, &lim), MULTIPART_E_NAME);
}
END_TEST

/* A large file goes to disk in pieces; the limit stops it part way, and
 * what was written is removed. */
START_TEST(test_large_file_streamed)
{
	struct multipart_limits lim = multipart_default_limits;
	static const char head[] = "--XyZ\r\nContent-Disposition: form-data; name=f; filename=big.bin\r\n\r\n";
	struct arena a;
	struct kvlist fields = { 0 };
	struct multipart *p;
	enum multipart_code code;
	char chunk[1000];
	size_t i;
	struct stat st;

	memset(chunk, 'q', sizeof chunk);
	lim.max_file = 300 * 1000;
	arena_init(&a);
	p = multipart_new(&a, CT, &lim, tmpdir, &fields, &code);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(multipart_feed(p, head, sizeof head - 1), MULTIPART_OK);
	for (i = 0; i < 300; i++)
		ck_assert_int_eq(multipart_feed(p, chunk, sizeof chunk), MULTIPART_OK);
	/* Most of it is on disk already: the parser keeps at most a piece. */
	ck_assert_int_eq(tmp_count(), 1);
	ck_assert_int_eq(stat(multipart_file_at(p, 0)->path, &st), 0);
	ck_assert_int_ge(st.st_size, 300 * 1000 - 64 * 1024);
	ck_assert_int_eq(multipart_feed(p, "x", 1), MULTIPART_E_FILE_SIZE);
	/* An error is sticky. */
	ck_assert_int_eq(multipart_feed(p, "\r\n--XyZ--", 9), MULTIPART_E_FILE_SIZE);
	ck_assert_int_eq(multipart_finish(p), MULTIPART_E_FILE_SIZE);
	ck_assert_int_eq(multipart_http_status(MULTIPART_E_FILE_SIZE), 413);
	ck_assert_str_eq(multipart_message(p, MULTIPART_E_FILE_SIZE),
			 "A file is larger than the 300000 bytes allowed for one file.");
	multipart_cleanup(p);
	multipart_cleanup(p);
	ck_assert_int_eq(tmp_count(), 0);
	arena_free(&a);
}
END_TEST

START_TEST(test_messages)
{
	ck_assert_int_eq(multipart_http_status(MULTIPART_E_BODY_SIZE), 413);
	ck_assert_int_eq(multipart_http_status(MULTIPART_E_PARTS), 400);
	ck_assert_int_eq(multipart_http_status(MULTIPART_E_STORAGE), 500);
	ck_assert_int_eq(multipart_http_status(MULTIPART_OK), 0);
	ck_assert_str_eq(multipart_message(NULL, MULTIPART_E_PARTS), "The form has too many parts.");
	ck_assert_ptr_nonnull(strstr(multipart_message(NULL, MULTIPART_E_TRUNCATED), "final boundary"));
}
END_TEST

START_TEST(test_storage_failure)
{
	struct arena a;
	struct kvlist fields = { 0 };
	struct multipart *p;
	enum multipart_code code;
	static const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=f; filename=a\r\n\r\nx\r\n--XyZ--";

	arena_init(&a);
	p = multipart_new(&a, CT, &multipart_default_limits, "/nonexistent/dir", &fields, &code);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(multipart_feed(p, body, sizeof body - 1), MULTIPART_E_STORAGE);
	multipart_cleanup(p);
	arena_free(&a);
}
END_TEST

/* ---- the route level --------------------------------------------------------- */

static const struct param upload_params[] = {
	{ "title", PARAM_TEXT, 1, 20, NULL, PARAM_REQUIRED, "Title", NULL, NULL },
	{ "image", PARAM_FILE, 0, 2, NULL, PARAM_REQUIRED, "Image", NULL, NULL },
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};

static char seen_path[4096];

/* Writes what it received: the title, each image's name, size and content. */
static int
h_upload(struct req *rq, struct resp *rs)
{
	const struct multipart_file *f;
	struct buf content;
	size_t i;

	rs->content_type = "text/plain";
	buf_printf(&rs->body, "title=%s files=%zu", req_str(rq, "title"), req_file_count(rq, "image"));
	for (i = 0; (f = req_file(rq, "image", i)) != NULL; i++) {
		buf_init(&content);
		add_file(&content, f->path);
		buf_printf(&rs->body, " [%s %zu %s]", f->filename, f->size, content.data ? content.data : "");
		buf_free(&content);
		snprintf(seen_path, sizeof seen_path, "%s", f->path);
	}
	/* An undeclared file field is not handed out. */
	if (req_file(rq, "other", 0) != NULL)
		buf_adds(&rs->body, " LEAK");
	return 200;
}

static int
h_plain(struct req *rq, struct resp *rs)
{
	(void)rq;
	rs->content_type = "text/plain";
	buf_adds(&rs->body, "plain");
	return 200;
}

static int
h_fails(struct req *rq, struct resp *rs)
{
	(void)rq;
	(void)rs;
	return 500;
}

static const struct route routes[] = {
	{ "POST", "/upload", h_upload, NULL, R_UPLOAD, upload_params, NULL },
	{ "POST", "/upload-fails", h_fails, NULL, R_UPLOAD, upload_params, NULL },
	{ "POST", "/plain", h_plain, NULL, 0, NULL, NULL },
};
static const struct multipart_limits small_uploads = {
	.max_body = 2000, .max_parts = 5, .max_fields = 10, .max_files = 3, .max_field = 100,
	.max_file = 500, .max_header = 500, .max_name = 20, .max_filename = 50,
};
static const struct app upload_app = { .name = "multipart-test", .routes = routes, .nroutes = 3,
				       .upload_limits = &small_uploads };

static const char upload_body[] =
	"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nLamp\r\n"
	"--XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n\r\nAAA\r\n"
	"--XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"b.png\"\r\n\r\nBB\r\n"
	"--XyZ\r\nContent-Disposition: form-data; name=\"other\"; filename=\"c.txt\"\r\n\r\nC\r\n"
	"--XyZ--\r\n";

/* Posts body (len bytes, 0: up to its NUL) to uri through fcgi_loop_handle;
 * returns the status, the response in out. */
static int
post(const char *uri, const char *ct, const char *body, size_t len, struct buf *out)
{
	char u[256], c[256], l[64];
	char *env[] = { "REQUEST_METHOD=POST", u, c, l, NULL };

	if (len == 0)
		len = strlen(body);
	snprintf(u, sizeof u, "REQUEST_URI=%s", uri);
	snprintf(c, sizeof c, "CONTENT_TYPE=%s", ct);
	snprintf(l, sizeof l, "CONTENT_LENGTH=%zu", len);
	buf_reset(out);
	return fcgi_loop_handle(&upload_app, env, body, len, out);
}

START_TEST(test_route_upload)
{
	struct buf out;
	char big[3000];

	setenv("BAZAAR_UPLOAD_TMP", tmpdir, 1);
	setenv("BAZAAR_TEMPLATES", "tests/unit/fixtures/templates", 1);
	buf_init(&out);
	seen_path[0] = '\0';
	ck_assert_int_eq(post("/upload", CT, upload_body, sizeof upload_body - 1, &out), 200);
	ck_assert_ptr_nonnull(strstr(out.data, "title=Lamp files=2 [a.jpg 3 AAA] [b.png 2 BB]"));
	ck_assert_ptr_null(strstr(out.data, "LEAK"));
	/* The files were there for the handler and are gone after it. */
	ck_assert(seen_path[0] != '\0');
	ck_assert_int_ne(access(seen_path, F_OK), 0);
	ck_assert_int_eq(tmp_count(), 0);

	/* A handler that fails: the files go all the same. */
	ck_assert_int_eq(post("/upload-fails", CT, upload_body, sizeof upload_body - 1, &out), 500);
	ck_assert_int_eq(tmp_count(), 0);

	/* A declared field's rules apply to the multipart text fields. */
	ck_assert_int_eq(post("/upload", CT,
			      "--XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n\r\nA\r\n--XyZ--",
			      0, &out), 400);
	ck_assert_ptr_nonnull(strstr(out.data, "Title"));
	ck_assert_int_eq(post("/upload", CT,
			      "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nLamp\r\n--XyZ--", 0, &out), 400);
	ck_assert_ptr_nonnull(strstr(out.data, "choose a file"));

	/* The program's limits: too many parts is 400, too large 413. */
	ck_assert_int_eq(post("/upload", CT,
			      "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
			      "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
			      "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
			      "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
			      "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
			      "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ--", 0, &out), 400);
	ck_assert_ptr_nonnull(strstr(out.data, "more than 5 parts"));
	memset(big, 'x', sizeof big);
	ck_assert_int_eq(post("/upload", CT, big, sizeof big, &out), 413);
	ck_assert_ptr_nonnull(strstr(out.data, "larger than the 2000 bytes"));
	ck_assert_int_eq(tmp_count(), 0);
	/* A bad boundary is 400. */
	ck_assert_int_eq(post("/upload", "multipart/form-data; boundary=", "x", 1, &out), 400);

	/* Every other route refuses a multipart body, and nothing is stored. */
	ck_assert_int_eq(post("/plain", CT, upload_body, sizeof upload_body - 1, &out), 415);
	ck_assert_ptr_nonnull(strstr(out.data, "does not accept file uploads"));
	ck_assert_int_eq(tmp_count(), 0);
	/* An urlencoded form to the upload route keeps the 1 MiB limit. */
	ck_assert_int_eq(post("/upload", "application/x-www-form-urlencoded", "title=x", 2 * 1024 * 1024, &out), 413);
	ck_assert_int_eq(post("/plain", "application/x-www-form-urlencoded", "a=1", 3, &out), 200);
	buf_free(&out);
	unsetenv("BAZAAR_UPLOAD_TMP");
}
END_TEST

static Suite *
multipart_suite(void)
{
	Suite *s = suite_create("multipart");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_boundary);
	tcase_add_test(tc, test_fields_and_file);
	tcase_add_test(tc, test_every_cut);
	tcase_add_test(tc, test_crlf_edges);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_files);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_large_file_streamed);
	tcase_add_test(tc, test_messages);
	tcase_add_test(tc, test_storage_failure);
	tcase_add_test(tc, test_route_upload);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(multipart_suite)

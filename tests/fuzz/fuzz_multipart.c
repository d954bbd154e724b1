/*
 * libFuzzer target for cgi/lib/multipart.c. The first byte chooses how the
 * body is cut into pieces and, with its high bit set, that the
 * Content-Type is the input's first line (else a fixed boundary "b0").
 * Small limits, so every one of them is reachable.
 *
 * Beyond the sanitizers, it checks what must hold for any input: the body
 * fed whole and fed in pieces gives the same outcome (code, fields, files
 * and their content's size); every file on the list exists with its size
 * and mode 0600 while the parser holds it; after multipart_cleanup no file
 * is left in the directory.
 */
#include "buf.h"
#include "multipart.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir[64];

static const struct multipart_limits fuzz_limits = {
	.max_body = 256 * 1024, .max_parts = 12, .max_fields = 8, .max_files = 4,
	.max_field = 512, .max_file = 8192, .max_header = 512, .max_name = 32,
	.max_filename = 64,
};

static void
fuzz_remove_dir(void)
{
	rmdir(fuzz_dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *base = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/fuzz_multipart.XXXXXX",
		 base && *base && strlen(base) < 30 ? base : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL) {
		perror("fuzz_multipart: mkdtemp");
		abort();
	}
	atexit(fuzz_remove_dir);
	return 0;
}

static int
fuzz_dir_empty(void)
{
	DIR *d = opendir(fuzz_dir);
	struct dirent *e;
	int empty = 1;

	if (d == NULL)
		abort();
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			empty = 0;
	closedir(d);
	return empty;
}

/* Parses body in pieces of step bytes (0: whole) and describes the outcome. */
static void
fuzz_parse(const char *ct, const char *body, size_t len, size_t step, struct buf *out)
{
	struct arena a;
	struct kvlist fields = { 0 };
	struct multipart *p;
	struct multipart_file *f;
	enum multipart_code code;
	struct stat st;
	size_t i, n;

	arena_init(&a);
	p = multipart_new(&a, ct, &fuzz_limits, fuzz_dir, &fields, &code);
	if (p != NULL) {
		if (step == 0)
			step = len ? len : 1;
		for (i = 0; i < len && code == MULTIPART_OK; i += n) {
			n = len - i < step ? len - i : step;
			code = multipart_feed(p, body + i, n);
		}
		if (code == MULTIPART_OK)
			code = multipart_finish(p);
	}
	buf_printf(out, "code=%d", code);
	if (code == MULTIPART_OK) {
		if (fields.n > fuzz_limits.max_fields)
			abort();
		for (i = 0; i < fields.n; i++) {
			if (strlen(fields.items[i].val) != fields.items[i].len ||
			    fields.items[i].len > fuzz_limits.max_field)
				abort();
			buf_printf(out, "|%s=", fields.items[i].key);
			buf_add(out, fields.items[i].val, fields.items[i].len);
		}
		for (i = 0; (f = multipart_file_at(p, i)) != NULL; i++) {
			if (stat(f->path, &st) != 0 || (size_t)st.st_size != f->size ||
			    (st.st_mode & 0777) != 0600 || f->size > fuzz_limits.max_file ||
			    strchr(f->filename, '/') != NULL || strchr(f->filename, '\\') != NULL)
				abort();
			buf_printf(out, "|file %s %s %zu", f->field, f->filename, f->size);
		}
		if (i > fuzz_limits.max_files)
			abort();
	}
	multipart_cleanup(p);
	arena_free(&a);
	if (!fuzz_dir_empty())
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t steps[] = { 1, 2, 3, 5, 7, 13, 64, 4096 };
	char ct[256] = "multipart/form-data; boundary=b0";
	const char *body;
	const uint8_t *nl;
	struct buf whole, cut;
	size_t len, step;

	if (size == 0)
		return 0;
	step = steps[data[0] & 7];
	body = (const char *)data + 1;
	len = size - 1;
	if (data[0] & 0x80) {
		nl = memchr(body, '\n', len < sizeof ct - 1 ? len : sizeof ct - 1);
		if (nl == NULL)
			return 0;
		memcpy(ct, body, (size_t)(nl - (const uint8_t *)body));
		ct[nl - (const uint8_t *)body] = '\0';
		len -= (size_t)(nl - (const uint8_t *)body) + 1;
		body = (const char *)nl + 1;
	}
	buf_init(&whole);
	buf_init(&cut);
	fuzz_parse(ct, body, len, 0, &whole);
	fuzz_parse(ct, body, len, step, &cut);
	/* Where the body is cut never changes the outcome. */
	if (whole.len != cut.len || (whole.len && memcmp(whole.data, cut.data, whole.len) != 0)) {
		fprintf(stderr, "whole: %s\ncut every %zu: %s\n", whole.data, step, cut.data);
		abort();
	}
	buf_free(&whole);
	buf_free(&cut);
	return 0;
}

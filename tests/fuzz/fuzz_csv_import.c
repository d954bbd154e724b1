/*
 * libFuzzer target: the CSV import's reading and checking
 * (listing_csv_read: csv.c's reader under its limits, the header, every
 * line through the router's field checks). Needs no database: the
 * database's checks come after, in listing_csv_apply.
 *
 * Besides not crashing (ASan, UBSan), what it holds to: a read that reports
 * no problem kept at least one line and every kept line is complete; every
 * problem has a sentence; a line number is within the input's lines.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "listing_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct listing_csv c;
	size_t i, problems;
	long lines = 1;

	/* Lines end with LF, CRLF or a CR alone (csv.h). */
	for (i = 0; i < size; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')))
			lines++;
	arena_init(&a);
	listing_csv_init(&c, &a);
	problems = listing_csv_read(&c, data, size);
	if (problems == 0 && c.nlines == 0)
		abort();
	for (i = 0; i < c.nproblems; i++)
		if (c.problems[i].message == NULL || c.problems[i].message[0] == '\0' ||
		    c.problems[i].line < 0 || c.problems[i].line > lines)
			abort();
	if (problems == 0)
		for (i = 0; i < c.nlines; i++)
			if (!c.lines[i].sku[0] || !c.lines[i].name[0] || !c.lines[i].category[0] ||
			    c.lines[i].price_minor < 0 || c.lines[i].stock < 0 || c.lines[i].line < 2 ||
			    c.lines[i].line > lines)
				abort();
	arena_free(&a);
	return 0;
}

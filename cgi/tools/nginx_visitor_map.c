/*
 * bazaar-nginx_visitor_map: prints the nginx map that tells personal
 * visitors from anonymous ones ($bz_personal), made from the list the
 * programs use (cgi/lib/visitor.c). scripts/stack writes it to
 * VAR/nginx/visitor_map.conf at every start, where nginx.conf includes it.
 *
 *   bazaar-nginx_visitor_map           the map
 *   bazaar-nginx_visitor_map --names   the cookie names, one a line
 *
 * Exit status: 0 done; 1 the list holds a name that cannot be put in the
 * map; 2 bad arguments.
 */
#include "buf.h"
#include "visitor.h"

#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	const char *const *name;
	struct buf out;
	int rc = 0;

	if (argc == 2 && strcmp(argv[1], "--names") == 0) {
		for (name = visitor_personal_cookies; *name != NULL; name++)
			puts(*name);
		return 0;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: %s [--names]\n", argv[0]);
		return 2;
	}
	buf_init(&out);
	if (visitor_nginx_map(&out, visitor_personal_cookies) != 0) {
		fprintf(stderr, "%s: a cookie name in cgi/lib/visitor.c cannot be put in the map\n", argv[0]);
		rc = 1;
	} else {
		fputs(out.data, stdout);
	}
	buf_free(&out);
	return rc;
}

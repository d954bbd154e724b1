/*
 * fcgi_loop: the process model. A master opens the FastCGI socket (or takes
 * the listener inherited on fd 0), forks BAZAAR_WORKERS workers, restarts a
 * worker that dies (logging why), forwards SIGTERM for a graceful stop (each
 * worker finishes its request in flight) and answers SIGHUP by reloading the
 * configuration and replacing the workers one by one.
 */
#ifndef BAZAAR_FCGI_LOOP_H
#define BAZAAR_FCGI_LOOP_H
#include <stddef.h>
#include "buf.h"
#include "route.h"
#include "tmpl.h"

/*
 * Parts of the site header (layout/base.tpl) a program may leave out of its
 * pages, for struct app's header_omit.
 */
enum app_header_part {
	APP_HEADER_SEARCH = 1u << 0,	/* the shop's search box */
	/* The account links: log in and sign up for a visitor without a
	 * session; the name, the portal links and log out for one with. */
	APP_HEADER_ACCOUNT = 1u << 1,
};

/*
 * One program, described in one place: its route table and everything the
 * core needs to know about it. The core names no URL of any program; it
 * reads them here. Every request carries its program's description
 * (rq->app), so the guard and the views can read it.
 */
struct app {
	const char *name;		/* "storefront" */
	const struct route *routes;
	size_t nroutes;
	/* Optional: per-worker setup after the core has connected (may be NULL). */
	int (*worker_init)(void);
	/*
	 * Called for every matched route before its parameters are validated:
	 * loads the visitor's session and enforces the access flags. Returns 0
	 * to go on, or the status to answer with (a redirect when it set
	 * Location). NULL: no checks. The programs use auth_guard (auth.h).
	 */
	int (*guard)(const struct route *r, struct req *rq, struct resp *rs);
	/* Fills layout-wide values only the program knows (the storefront: the
	 * category navigation) into every page's layout. NULL: none. */
	void (*layout_hook)(tmpl_dict *layout, struct req *rq);
	/* The header parts its pages leave out (app_header_part bits). 0: the
	 * shop's whole header. A program with a navigation and a log-out of its
	 * own leaves out the account links, so a page has one log-out. */
	unsigned header_omit;
	/* Where the guard sends a visitor without a session (with ?next=). */
	const char *login_path;
	/* Where the guard sends an admin who has not passed the second factor
	 * in this session yet. NULL: such an admin gets 403 instead. */
	const char *second_factor_path;
	/* Cache generations (cache.h) that most of its pages read, NULL-ended:
	 * a logged-in visitor's session check fetches them together with the
	 * user's own, in one memcached round trip. NULL: none. */
	const char *const *gen_families;
	/* The limits of its R_UPLOAD routes (route.h). NULL:
	 * multipart_default_limits (multipart.h). */
	const struct multipart_limits *upload_limits;
	/* Draws the visitor's own header fragment into out (the part of a
	 * shared page nginx would otherwise fill by SSI, hdr.h): the program
	 * fills it into the shared pages it sends. NULL: pages are sent as
	 * they are. */
	int (*shared_header)(struct req *rq, struct buf *out);
	/* Fills the visitor's own parts of a shared page it sends, other than
	 * the header (the storefront: recently viewed, "for you", Sponsored
	 * products chosen for them; personal.h), after the shared copy was
	 * stored. NULL: none. */
	void (*personal_fill)(struct req *rq, struct resp *rs);
	/* Called after every request the program answered, before the
	 * response is sent (the storefront: the cart count cookie, hdr.h).
	 * NULL: none. */
	void (*after_request)(struct req *rq, struct resp *rs);
};

/* Per-worker setup: configuration, log, templates, assets, database, cache,
 * then app->worker_init. Used by the workers and by the page tests. */
int fcgi_loop_init_worker(const struct app *app);
int fcgi_loop_main(const struct app *app, int argc, char **argv);
/* Serves one request already read into memory (used by fcgi_loop and the
 * page tests): dispatches and serializes the full response into out. */
int fcgi_loop_handle(const struct app *app, char **envp, const char *body,
		     size_t body_len, struct buf *out);

#endif

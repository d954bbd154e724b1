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
#include "route.h"

struct app {
	const char *name;		/* "storefront" */
	const struct route *routes;
	size_t nroutes;
	/* Optional: per-worker setup after the core has connected (may be NULL). */
	int (*worker_init)(void);
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

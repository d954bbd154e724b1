/*
 * bazaar-wishlist: tells shoppers when a product they saved gets cheaper or
 * comes back in stock. An events consumer ("wishlist.alerts") of
 * product.changed: each event is handled by wishlist_product_changed
 * (cgi/lib/wishlist.h) in the batch's transaction, so a notification and its
 * mail exist exactly when the event is recorded as handled, once. At most
 * one such mail a person a day; the others are lines of their notification
 * centre.
 *
 * A job runner (cgi/lib/job.h) that reads new events every
 * BAZAAR_WISHLIST_INTERVAL seconds (default 5). `--once` reads what is new
 * and exits. Exit status: 0, 1 when the database cannot be reached, 2 on bad
 * arguments.
 */
#include "cfg.h"
#include "events.h"
#include "job.h"
#include "log.h"
#include "tmpl.h"
#include "wishlist.h"

static long long
wishlist_interval_ms(void)
{
	return cfg_int_in("BAZAAR_WISHLIST_INTERVAL", 5, 1, 3600) * 1000;
}

/* The mails are rendered from templates/mail/. */
static int
wishlist_init(void)
{
	return tmpl_init(cfg_str("BAZAAR_TEMPLATES", "templates"), 0) == 0 ? 0 : -1;
}

static const struct events_consumer wishlist_alerts = {
	.name = WISHLIST_CONSUMER,
	.type = EVENTS_PRODUCT_CHANGED,
	.handle = wishlist_product_changed,
};

static const struct events_consumer *const wishlist_consumers[] = { &wishlist_alerts };

static const struct job_runner wishlist_runner = {
	.name = "wishlist",
	.usage = "bazaar-wishlist [--once]",
	.consumers = wishlist_consumers, .nconsumers = 1,
	.interval_ms = wishlist_interval_ms,
	.init = wishlist_init,
};

int
main(int argc, char **argv)
{
	log_init("wishlist");
	return job_runner_main(&wishlist_runner, argc, argv);
}

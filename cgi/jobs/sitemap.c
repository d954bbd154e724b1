/*
 * bazaar-sitemap: draws the sitemap index and every sitemap file
 * (cgi/lib/sitemap.h) and stores them in memcached, where nginx serves
 * /sitemap.xml and /sitemaps/<kind>-<n>.xml from.
 *
 * A job runner (cgi/lib/job.h) with one schedule, "sitemap", every
 * BAZAAR_SITEMAP_INTERVAL seconds (default 3600): a new page shows in the
 * sitemaps, and a changed one with its new lastmod, within that long.
 * Each document is kept for two periods, so a file that a smaller
 * catalogue no longer has ages out, and one missed pass changes nothing;
 * the storefront draws a missing one itself. `--once` runs one pass now
 * and exits. Exit status: 0, 1 when the database cannot be reached or the
 * pass failed, 2 on bad arguments.
 */
#include "cache.h"
#include "cfg.h"
#include "job.h"
#include "log.h"
#include "mail.h"
#include "sitemap.h"

/* As the storefront's routes and nginx's location name them. */
#define SITEMAP_JOB_INDEX	"/sitemap.xml"
#define SITEMAP_JOB_DIR		"/sitemaps"

static long long
sitemap_job_period(void)
{
	return cfg_int_in("BAZAAR_SITEMAP_INTERVAL", 3600, 1, 7 * 86400);
}

static void
sitemap_job_pass(const struct job *job, struct job_result *res)
{
	struct sitemap_site site = { mail_base_url(), SITEMAP_JOB_INDEX, SITEMAP_JOB_DIR, sitemap_urls_per_file() };
	struct sitemap_counts c;
	int status;

	(void)job;
	if (!cache_enabled()) {
		job_fail(res, "no cache to write to (BAZAAR_MEMCACHED)");
		return;
	}
	status = sitemap_publish(&site, (time_t)(2 * sitemap_job_period()), &c);
	job_detail(res, "products=%lld/%lld categories=%lld/%lld shops=%lld/%lld largest=%zu",
		   c.urls[SITEMAP_PRODUCTS], c.files[SITEMAP_PRODUCTS], c.urls[SITEMAP_CATEGORIES],
		   c.files[SITEMAP_CATEGORIES], c.urls[SITEMAP_SHOPS], c.files[SITEMAP_SHOPS], c.largest);
	if (status == -1)
		job_fail(res, "the sitemaps could not be read from the database");
	else if (status == -2)
		job_fail(res, "memcached refused a sitemap (largest %zu bytes)", c.largest);
	else
		res->ok = 1;
}

/* How often the schedule is looked at: often enough for short periods. */
static long long
sitemap_job_interval_ms(void)
{
	long long period = sitemap_job_period();

	return period < 60 ? period * 1000 : 60000;
}

/* The documents go to memcached: without it there is nothing to do. */
static int
sitemap_job_init(void)
{
	return cache_init();
}

static const struct job_kind sitemap_job_kinds[] = {
	{ "sitemap", sitemap_job_pass, { 5, 60, 3600 } },
};

static const struct job_schedule sitemap_job_schedules[] = {
	{ "sitemap", sitemap_job_period },
};

static const struct job_runner sitemap_job_runner = {
	.name = "sitemap",
	.usage = "bazaar-sitemap [--once]",
	.kinds = sitemap_job_kinds, .nkinds = 1,
	.schedules = sitemap_job_schedules, .nschedules = 1,
	.interval_ms = sitemap_job_interval_ms,
	.init = sitemap_job_init,
	.fini = cache_close,
};

int
main(int argc, char **argv)
{
	log_init("sitemap");
	return job_runner_main(&sitemap_job_runner, argc, argv);
}

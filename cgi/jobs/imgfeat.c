/*
 * bazaar-imgfeat: keeps search by picture up to date (cgi/lib/imgfeat.h).
 * An events consumer ("imgfeat.features") of product.changed: a vendor's new
 * or replaced image emits one in the same transaction, and the handler
 * describes the product's pictures that have no descriptor yet, in the
 * batch's transaction. A schedule, imgfeat.train (every
 * BAZAAR_IMGFEAT_TRAIN_INTERVAL seconds, default 600), trains the index's
 * cells again once the pictures have doubled since the last training.
 *
 * A job runner (cgi/lib/job.h) that reads new events every
 * BAZAAR_IMGFEAT_INTERVAL seconds (default 5). `--once` reads what is new
 * and exits. Exit status: 0, 1 when the database cannot be reached, 2 on bad
 * arguments. The pictures already stored when it starts are described by
 * `bazaar-imgindex backfill` (cgi/tools/imgindex.c).
 */
#include "cfg.h"
#include "events.h"
#include "imgfeat.h"
#include "job.h"
#include "log.h"
#include "media.h"

static long long
imgfeat_job_interval_ms(void)
{
	return cfg_int_in("BAZAAR_IMGFEAT_INTERVAL", 5, 1, 3600) * 1000;
}

static long long
imgfeat_job_train_period(void)
{
	return cfg_int_in("BAZAAR_IMGFEAT_TRAIN_INTERVAL", 600, 1, 86400);
}

static int
imgfeat_job_init(void)
{
	return media_init() == 0 ? 0 : -1;
}

static void
imgfeat_job_train(const struct job *job, struct job_result *res)
{
	int cells;

	(void)job;
	cells = imgfeat_train(0);
	if (cells < 0) {
		job_fail(res, "training the picture index failed");
		return;
	}
	job_detail(res, "cells=%d", cells);
	res->ok = 1;
}

static const struct events_consumer imgfeat_job_features = {
	.name = IMGFEAT_CONSUMER,
	.type = EVENTS_PRODUCT_CHANGED,
	.handle = imgfeat_product_changed,
};

static const struct events_consumer *const imgfeat_job_consumers[] = { &imgfeat_job_features };

static const struct job_kind imgfeat_job_kinds[] = {
	{ "imgfeat.train", imgfeat_job_train, { 3, 60, 600 } },
};

static const struct job_schedule imgfeat_job_schedules[] = {
	{ "imgfeat.train", imgfeat_job_train_period },
};

static const struct job_runner imgfeat_job_runner = {
	.name = "imgfeat",
	.usage = "bazaar-imgfeat [--once]",
	.kinds = imgfeat_job_kinds, .nkinds = 1,
	.schedules = imgfeat_job_schedules, .nschedules = 1,
	.consumers = imgfeat_job_consumers, .nconsumers = 1,
	.interval_ms = imgfeat_job_interval_ms,
	.init = imgfeat_job_init,
};

int
main(int argc, char **argv)
{
	log_init("imgfeat");
	return job_runner_main(&imgfeat_job_runner, argc, argv);
}

/*
 * report: reported content and the moderators' decisions (report.h).
 */
#include "report.h"

#include <string.h>

#include "audit.h"
#include "chat.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "review.h"
#include "sess.h"

/* What a decision does to an object of each kind, inside the decision's
 * transaction: 0 done, a positive value when the object is gone, -1. */
struct report_kind {
	const char *name;
	int (*decide)(long long object_id, int hide, const char *reason);
};

static const struct report_kind report_kinds[] = {
	{ REPORT_REVIEW, review_moderate },
	{ REPORT_MESSAGE, chat_moderate },
};

static const struct report_kind *
report_kind_find(const char *kind)
{
	for (size_t i = 0; i < sizeof report_kinds / sizeof report_kinds[0]; i++)
		if (kind && strcmp(kind, report_kinds[i].name) == 0)
			return &report_kinds[i];
	return NULL;
}

int
report_kind_known(const char *kind)
{
	return report_kind_find(kind) != NULL;
}

int
report_add(const char *kind, long long object_id, long long reporter_id, const char *reason)
{
	char now[24];
	long long n;

	if (report_kind_find(kind) == NULL || object_id <= 0 || reason == NULL || *reason == '\0')
		return -1;
	clock_datetime(clock_now(), now, sizeof now);
	n = db_exec("INSERT IGNORE INTO content_reports (kind, object_id, reporter_id, reason, created_at)"
		    " VALUES (?, ?, NULLIF(?, 0), ?, ?)", "siiss", kind, object_id, reporter_id > 0 ? reporter_id : 0, reason, now);
	if (n < 0)
		return -1;
	if (n > 0)
		log_info("report.added", "kind=%s object=%lld", kind, object_id);
	return n > 0;
}

int
report_decide(const struct req *rq, const char *kind, long long object_id, int hide, const char *reason)
{
	const struct report_kind *k = report_kind_find(kind);
	char now[24];
	long long n;
	int rc;

	if (k == NULL || (hide && (reason == NULL || *reason == '\0')))
		return -1;
	if (db_begin() < 0)
		return -1;
	clock_datetime(clock_now(), now, sizeof now);
	n = db_exec("UPDATE content_reports SET status = ?, decided_by = NULLIF(?, 0), decided_at = ?, decision_reason = ?"
		    " WHERE kind = ? AND object_id = ? AND status = 'open'", "sisssi", hide ? "hidden" : "kept",
		    rq && rq->sess ? rq->sess->user_id : 0, now, reason && *reason ? reason : NULL, kind, object_id);
	if (n <= 0) {
		db_rollback();
		return n == 0 ? REPORT_NOT_FOUND : -1;
	}
	rc = k->decide ? k->decide(object_id, hide, reason) : 0;
	if (rc != 0 || audit_log(rq, hide ? "report.hide" : "report.keep", kind, object_id,
				 reason && *reason ? reason : "kept") < 0 || db_commit() < 0) {
		db_rollback();
		return -1;
	}
	log_info("report.decided", "kind=%s object=%lld hide=%d", kind, object_id, hide);
	return 0;
}

/*
 * report: content people reported as abuse, and the moderators' decisions
 * (table content_reports, schema/0021_reviews.sql).
 *
 * Anyone with an account may report a review or a chat message once (a
 * second report of the same object by the same person changes nothing); a
 * review held for a banned word is put in the same queue by the review code
 * (reporter 0). The admin's queue (/admin/reports) shows one line per
 * reported object, oldest first. A decision closes every open report of the
 * object in one transaction with what it does to the object (the kind's
 * handler below: a review is hidden, or published when it was held), and an
 * audit log entry ("report.hide" / "report.keep", the object, the reason).
 *
 * Kinds: REPORT_REVIEW (review.h) and REPORT_MESSAGE (the buyer-vendor
 * chat). Each kind has a row in report.c's table: the function that applies
 * a decision to its object. A kind without a function (yet) only records
 * the decision.
 */
#ifndef BAZAAR_REPORT_H
#define BAZAAR_REPORT_H
#include "req.h"

#define REPORT_REVIEW	"review"
#define REPORT_MESSAGE	"message"
#define REPORT_REASON_MAX 500	/* characters of a report's or a decision's reason */

#define REPORT_NOT_FOUND 1	/* no open report of that object */

/* Records reporter_id's report of (kind, object_id) with a reason, inside
 * the caller's transaction when there is one; reporter_id 0: the system (a
 * hold). Returns 1 when recorded, 0 when this person had reported it
 * already, -1 on error. The caller checks the object may be seen by the
 * reporter. */
int report_add(const char *kind, long long object_id, long long reporter_id, const char *reason);

/* True when kind is one report_add takes. */
int report_kind_known(const char *kind);

/* An admin (rq's user) decides the open reports of (kind, object_id): hide
 * (reason required: the author is told it) or keep. Runs its own
 * transaction. Returns 0, REPORT_NOT_FOUND (nothing open: decided already),
 * or -1. */
int report_decide(const struct req *rq, const char *kind, long long object_id, int hide, const char *reason);

#endif

/*
 * sess: logged-in sessions. The browser holds a random token in a cookie
 * (bz_session; __Host-bz_session with Secure under HTTPS), HttpOnly and
 * SameSite=Lax; the database holds only its hash (sessions.token_hash).
 *
 * A session ends at logout, after BAZAAR_SESSION_IDLE seconds without a
 * request (default 2 h), after BAZAAR_SESSION_MAX seconds in all (default
 * 14 days), when its user is blocked or deleted, or when the user ends it
 * from "your sessions". Logging in always starts a new session (new token,
 * new id), and so does passing the second factor or confirming the email
 * address in the session, so a token planted or seen before is worthless.
 */
#ifndef BAZAAR_SESS_H
#define BAZAAR_SESS_H
#include "req.h"
#include "resp.h"

#define SESS_COOKIE		"bz_session"
#define SESS_COOKIE_SECURE	"__Host-bz_session"

struct sess {
	long long id;		/* sessions.id */
	long long user_id;
	char role[16];		/* "customer", "vendor" or "admin" */
	char email[255];
	char name[101];
	int verified;		/* the email address is verified */
	int mfa;		/* the second factor was passed in this session */
	char csrf[65];		/* the forms' token: hex of sessions.csrf */
	int personalise;	/* users.personalise: the shop may personalise (personal.h) */
};

/* Seconds without a request after which a session ends
 * (BAZAAR_SESSION_IDLE, default 2 h). */
long long sess_idle_seconds(void);
/* Name of the session cookie for this request (Secure variant under HTTPS). */
const char *sess_cookie_name(const struct req *rq);
/*
 * Finds the visitor's session from the cookie and puts it in rq->sess
 * (arena memory). Returns 1 when there is a live session, 0 when none. A
 * cookie naming an ended, expired or unknown session is cleared; when the
 * user has been blocked meanwhile, every session of theirs is deleted and
 * rq->blocked_reason is set (the guard tells them why); when the session
 * was ended by a change to the account (sess_end_others_because), the
 * sentence that says so is put in rq->logged_out_why, once. last_seen_at is
 * written at most once a minute. A GET or HEAD may be answered from the
 * worker's own copy of the session, read from the database at most
 * BAZAAR_SESSION_CACHE seconds ago and unchanged since (sess_user_changed).
 * -1 when the database fails.
 */
int sess_load(struct req *rq, struct resp *rs);
/*
 * Starts a session for user_id (after a successful login): ends the
 * visitor's current session if any, creates a new one and sets the cookie.
 * mfa = 1 when a second factor was already passed. Fills rq->sess.
 * Returns 0 or -1.
 */
int sess_start(struct req *rq, struct resp *rs, long long user_id, int mfa);
/*
 * Gives the current session a new token (cookie), a new id and a new form
 * token, keeping its user, its second factor, its age and its expiry; the
 * old token stops working at once. Call whenever a session gains rights, so
 * that a token seen or planted before is worth nothing after. Returns 0, or
 * -1 (no session, or the database failed: the old one is left as it was).
 */
int sess_rotate(struct req *rq, struct resp *rs);
/* Marks the current session as having passed the second factor and renews
 * it as sess_rotate does, at once: the old token never has the second
 * factor. Returns 0 or -1. */
int sess_set_mfa(struct req *rq, struct resp *rs);
/* Ends the current session (logout): deletes the row, clears the cookie. */
int sess_end(struct req *rq, struct resp *rs);
/* Ends every session of user_id except keep_id (0: all). Returns the
 * number ended or -1. */
long long sess_end_others(long long user_id, long long keep_id);
/*
 * Why sessions were ended by a change to the account. The next request with
 * the cookie of such a session is told once, in rq->logged_out_why (which
 * the guard shows, as it does for a blocked account):
 *   SESS_ENDED_PASSWORD_RESET   "You were logged out because the password was reset."
 *   SESS_ENDED_PASSWORD_CHANGE  "You were logged out because the password was changed."
 *   SESS_ENDED_EMAIL_CHANGE     "You were logged out because the email address of the
 *                                account was changed."
 */
enum sess_ended_why {
	SESS_ENDED_PASSWORD_RESET,
	SESS_ENDED_PASSWORD_CHANGE,
	SESS_ENDED_EMAIL_CHANGE,
};
/* sess_end_others, remembering why for each session ended (table
 * sessions_ended). Call inside the transaction of the change. Returns the
 * number ended or -1. */
long long sess_end_others_because(long long user_id, long long keep_id, enum sess_ended_why why);
/* Ends one session of user_id by id (from "your sessions"). Returns 1 when
 * ended, 0 when it is not theirs or gone. */
int sess_end_one(long long user_id, long long session_id);
/*
 * Call after any change to user_id's row (status, role, name, email, its
 * verification, password) or to their sessions, once it is written: every
 * session of theirs that a worker keeps (see BAZAAR_SESSION_CACHE) is read
 * from the database again on its next request. The sess_ functions that
 * change sessions call it themselves. Returns 0, or -1 when memcached could
 * not be told even on a new connection (logged as session.cache_stale): the
 * change stands, and a kept session may then serve GET pages for at most
 * BAZAAR_SESSION_CACHE seconds; a POST never uses a kept session.
 */
int sess_user_changed(long long user_id);

#endif

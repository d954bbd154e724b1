/*
 * sess: sessions kept in MariaDB, known to the browser by a random token
 * whose hash is the row's key (see sess.h).
 */
#include "sess.h"
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define SESS_IDLE_DEFAULT	(2 * 3600)
#define SESS_MAX_DEFAULT	(14 * 24 * 3600)

/* last_seen_at is written at most once a minute (column 4). */
static const char sess_load_sql[] =
	"SELECT s.id, s.user_id, s.csrf, s.mfa_at IS NOT NULL,"
	" s.last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND,"
	" u.role, u.email, u.name, u.email_verified_at IS NOT NULL, u.status,"
	" COALESCE(u.status_reason, '')"
	" FROM sessions s JOIN users u ON u.id = s.user_id"
	" WHERE s.token_hash = ? AND s.expires_at > UTC_TIMESTAMP()"
	" AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? SECOND";

long long
sess_idle_seconds(void)
{
	long long v = cfg_int("BAZAAR_SESSION_IDLE", SESS_IDLE_DEFAULT);
	return v > 0 ? v : SESS_IDLE_DEFAULT;
}

static long long
sess_max(void)
{
	long long v = cfg_int("BAZAAR_SESSION_MAX", SESS_MAX_DEFAULT);
	return v > 0 ? v : SESS_MAX_DEFAULT;
}

const char *
sess_cookie_name(const struct req *rq)
{
	return rq->https ? SESS_COOKIE_SECURE : SESS_COOKIE;
}

static void
sess_clear_cookie(const struct req *rq, struct resp *rs)
{
	resp_cookie(rs, sess_cookie_name(rq), "", 0,
		    RESP_COOKIE_HTTPONLY | (rq->https ? RESP_COOKIE_SECURE : 0));
}

static void
sess_copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

int
sess_load(struct req *rq, struct resp *rs)
{
	const char *cookie = req_cookie(rq, sess_cookie_name(rq));
	unsigned char hash[TOKEN_HASH_BYTES];
	struct db_result *r;
	struct sess *s;
	long long user_id;

	rq->sess = NULL;
	if (cookie == NULL || *cookie == '\0')
		return 0;
	if (token_hash(cookie, hash) != 0) {
		sess_clear_cookie(rq, rs);
		return 0;
	}
	r = db_query(sess_load_sql, "bi", hash, sizeof hash, sess_idle_seconds());
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		sess_clear_cookie(rq, rs);
		return 0;
	}
	user_id = db_int(r, 1);
	if (strcmp(db_str(r, 9), "active") != 0) {
		/* Blocked (or deleted) since the session began: end them all. */
		if (strcmp(db_str(r, 9), "blocked") == 0)
			rq->blocked_reason = arena_strdup(&rq->arena, db_str(r, 10));
		db_free(r);
		sess_end_others(user_id, 0);
		sess_clear_cookie(rq, rs);
		log_info("session.ended", "user=%lld why=status", user_id);
		return 0;
	}
	s = arena_alloc(&rq->arena, sizeof *s);
	s->id = db_int(r, 0);
	s->user_id = user_id;
	if (db_len(r, 2) == 32)
		token_hex((const unsigned char *)db_str(r, 2), 32, s->csrf);
	s->mfa = (int)db_int(r, 3);
	sess_copy(s->role, sizeof s->role, db_str(r, 5));
	sess_copy(s->email, sizeof s->email, db_str(r, 6));
	sess_copy(s->name, sizeof s->name, db_str(r, 7));
	s->verified = (int)db_int(r, 8);
	if (db_int(r, 4))
		db_exec("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() WHERE id = ?", "i", s->id);
	db_free(r);
	rq->sess = s;
	return 1;
}

int
sess_start(struct req *rq, struct resp *rs, long long user_id, int mfa)
{
	char token[TOKEN_TEXT_SIZE], ua[256];
	unsigned char hash[TOKEN_HASH_BYTES], csrf[32];
	struct db_result *r;
	long long id;
	int status = -1;

	/* A token planted before login dies with the old session. */
	if (rq->sess != NULL)
		db_exec("DELETE FROM sessions WHERE id = ?", "i", rq->sess->id);
	rq->sess = NULL;
	token_new(token);
	token_hash(token, hash);
	randombytes_buf(csrf, sizeof csrf);
	snprintf(ua, sizeof ua, "%s", rq->user_agent ? rq->user_agent : "");
	if (db_exec("INSERT INTO sessions (token_hash, user_id, csrf, expires_at, mfa_at, ip, user_agent)"
		    " VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? SECOND,"
		    " IF(? = 1, UTC_TIMESTAMP(), NULL), ?, ?)",
		    "bibiiss", hash, sizeof hash, user_id, csrf, sizeof csrf, sess_max(),
		    (long long)(mfa != 0), rq->ip ? rq->ip : "", ua) != 1)
		goto out;
	id = (long long)db_insert_id();
	resp_cookie(rs, sess_cookie_name(rq), token, (int)sess_max(),
		    RESP_COOKIE_HTTPONLY | (rq->https ? RESP_COOKIE_SECURE : 0));
	/* Read it back the way every later request will. */
	r = db_query("SELECT u.role, u.email, u.name, u.email_verified_at IS NOT NULL"
		     " FROM users u WHERE u.id = ?", "i", user_id);
	if (r == NULL || !db_next(r)) {
		db_free(r);
		goto out;
	}
	rq->sess = arena_alloc(&rq->arena, sizeof *rq->sess);
	rq->sess->id = id;
	rq->sess->user_id = user_id;
	rq->sess->mfa = mfa != 0;
	token_hex(csrf, sizeof csrf, rq->sess->csrf);
	sess_copy(rq->sess->role, sizeof rq->sess->role, db_str(r, 0));
	sess_copy(rq->sess->email, sizeof rq->sess->email, db_str(r, 1));
	sess_copy(rq->sess->name, sizeof rq->sess->name, db_str(r, 2));
	rq->sess->verified = (int)db_int(r, 3);
	db_free(r);
	log_info("session.start", "user=%lld session=%lld", user_id, id);
	status = 0;
out:
	sodium_memzero(token, sizeof token);
	sodium_memzero(csrf, sizeof csrf);
	return status;
}

int
sess_set_mfa(struct req *rq)
{
	if (rq->sess == NULL)
		return -1;
	if (db_exec("UPDATE sessions SET mfa_at = UTC_TIMESTAMP() WHERE id = ?", "i", rq->sess->id) < 0)
		return -1;
	rq->sess->mfa = 1;
	return 0;
}

int
sess_end(struct req *rq, struct resp *rs)
{
	int status = 0;

	if (rq->sess != NULL) {
		if (db_exec("DELETE FROM sessions WHERE id = ?", "i", rq->sess->id) < 0)
			status = -1;
		log_info("session.end", "user=%lld session=%lld", rq->sess->user_id, rq->sess->id);
		rq->sess = NULL;
	}
	sess_clear_cookie(rq, rs);
	return status;
}

long long
sess_end_others(long long user_id, long long keep_id)
{
	return db_exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?", "ii", user_id, keep_id);
}

int
sess_end_one(long long user_id, long long session_id)
{
	long long n = db_exec("DELETE FROM sessions WHERE user_id = ? AND id = ?", "ii",
			      user_id, session_id);
	return n > 0 ? 1 : 0;
}

/*
 * sess: sessions kept in MariaDB, known to the browser by a random token
 * whose hash is the row's key (see sess.h).
 *
 * The session cache. Each worker keeps the sessions it has read in a small
 * table of its own (SESS_CACHE_SLOTS, by token hash), each stamped with the
 * generation of its user ("gen:sess:<user id>" in memcached, cache_gen) as it
 * was BEFORE the row was read. A GET or HEAD may use a kept session only
 * while that generation is unchanged and for BAZAAR_SESSION_CACHE seconds at
 * most; every change to a user or to their sessions bumps the generation
 * (sess_user_changed) after it is written, so a row read before the change
 * carries an older generation and is read again. The user of a token is
 * learnt on its first read, so a session is kept from its third request on:
 * the first read finds the user, the second reads the generation and then
 * the row. Without memcached every generation is new, so nothing kept is
 * ever used; a POST always reads the database.
 */
#include "sess.h"
#include "cache.h"
#include "cart.h"
#include "cfg.h"
#include "db.h"
#include "fcgi_loop.h"
#include "hdr.h"
#include "log.h"
#include "personal.h"
#include "token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SESS_IDLE_DEFAULT	(2 * 3600)
#define SESS_MAX_DEFAULT	(14 * 24 * 3600)
#define SESS_CACHE_DEFAULT	5
#define SESS_CACHE_SLOTS	256

/* last_seen_at is written at most once a minute (column 4); column 11 is
 * how many seconds the session has left, by either limit. */
static const char sess_load_sql[] =
	"SELECT s.id, s.user_id, s.csrf, s.mfa_at IS NOT NULL,"
	" s.last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND,"
	" u.role, u.email, u.name, u.email_verified_at IS NOT NULL, u.status,"
	" COALESCE(u.status_reason, ''),"
	" LEAST(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), s.expires_at),"
	" TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), s.last_seen_at + INTERVAL ? SECOND)),"
	" u.personalise"
	" FROM sessions s JOIN users u ON u.id = s.user_id"
	" WHERE s.token_hash = ? AND s.expires_at > UTC_TIMESTAMP()"
	" AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? SECOND";

struct sess_kept {
	unsigned char hash[TOKEN_HASH_BYTES];
	long long user_id;		/* 0: an empty slot */
	unsigned long long gen;		/* the user's generation before the read; 0: only the user is known */
	long long until;		/* monotonic seconds */
	struct sess s;
};

/* This worker's sessions; a worker serves one request at a time. */
static struct sess_kept sess_kept[SESS_CACHE_SLOTS];

long long
sess_idle_seconds(void)
{
	return cfg_int_in("BAZAAR_SESSION_IDLE", SESS_IDLE_DEFAULT, 1, LLONG_MAX);
}

static long long
sess_max(void)
{
	return cfg_int_in("BAZAAR_SESSION_MAX", SESS_MAX_DEFAULT, 1, LLONG_MAX);
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
	/* The account's header key goes with the session. */
	hdr_clear_cookie(rq, rs);
}

static void
sess_copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* Seconds a session read from the database may be used again without
 * reading it (BAZAAR_SESSION_CACHE, default 5; 0 turns the cache off). */
static long long
sess_cache_seconds(void)
{
	long long v = cfg_int("BAZAAR_SESSION_CACHE", SESS_CACHE_DEFAULT);
	return v > 0 ? v : 0;
}

static long long
sess_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

static void
sess_gen_family(char *out, size_t n, long long user_id)
{
	snprintf(out, n, "sess:%lld", user_id);
}

/* The slot a token hash may be kept in (the hash is uniformly random). */
static struct sess_kept *
sess_slot(const unsigned char hash[TOKEN_HASH_BYTES])
{
	unsigned i = (unsigned)hash[0] | (unsigned)hash[1] << 8;

	return &sess_kept[i % SESS_CACHE_SLOTS];
}

/* Forgets what this worker keeps of user_id. */
static void
sess_forget(long long user_id)
{
	size_t i;

	for (i = 0; i < SESS_CACHE_SLOTS; i++)
		if (sess_kept[i].user_id == user_id)
			sodium_memzero(&sess_kept[i], sizeof sess_kept[i]);
}

/* Bumps the user's generation; 0, or -1 when memcached could not be told. */
static int
sess_bump(long long user_id)
{
	char family[40], key[48];

	sess_gen_family(family, sizeof family, user_id);
	if (cache_bump(family) == 0)
		return 0;
	/* This process may have given the server up for a while after an
	 * earlier error while the other programs still reach it: try again on
	 * a new connection, then by removing the generation, which makes the
	 * next reader start a new one. */
	cache_init();
	if (cache_bump(family) == 0)
		return 0;
	snprintf(key, sizeof key, "gen:%s", family);
	if (cache_delete(key) == 0)
		return 0;
	log_error("session.cache_stale", "user=%lld seconds=%lld", user_id, sess_cache_seconds());
	return -1;
}

static void
sess_changed_now(long long user_id)
{
	cart_user_changed(user_id);
	sess_forget(user_id);
	if (cache_enabled())
		sess_bump(user_id);
}

int
sess_user_changed(long long user_id)
{
	if (user_id <= 0)
		return 0;
	/* A bump before the commit would let a reader take the old row under
	 * the new generation. */
	if (db_in_transaction()) {
		db_after_commit(sess_changed_now, user_id);
		return 0;
	}
	cart_user_changed(user_id);
	sess_forget(user_id);
	return cache_enabled() ? sess_bump(user_id) : 0;
}

/* The words for each sess_ended_why, as the column names them. */
static const struct {
	const char *column;
	const char *sentence;
} sess_ended_words[] = {
	[SESS_ENDED_PASSWORD_RESET] = { "password_reset",
		"You were logged out because the password was reset." },
	[SESS_ENDED_PASSWORD_CHANGE] = { "password_change",
		"You were logged out because the password was changed." },
	[SESS_ENDED_EMAIL_CHANGE] = { "email_change",
		"You were logged out because the email address of the account was changed." },
};

/* A cookie that names no live session: was it ended by a change to the
 * account? Says so once (rq->logged_out_why). 0, or -1 on a database error. */
static int
sess_ended_load(struct req *rq, const unsigned char hash[TOKEN_HASH_BYTES])
{
	struct db_result *r;
	size_t i;

	r = db_query("SELECT why FROM sessions_ended WHERE token_hash = ?"
		     " AND ended_at > UTC_TIMESTAMP() - INTERVAL ? SECOND", "bi", hash, (size_t)TOKEN_HASH_BYTES,
		     sess_max());
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		for (i = 0; i < sizeof sess_ended_words / sizeof sess_ended_words[0]; i++)
			if (strcmp(db_str(r, 0), sess_ended_words[i].column) == 0)
				rq->logged_out_why = sess_ended_words[i].sentence;
		db_free(r);
		return db_exec("DELETE FROM sessions_ended WHERE token_hash = ?", "b", hash,
			       (size_t)TOKEN_HASH_BYTES) < 0 ? -1 : 0;
	}
	db_free(r);
	return 0;
}

long long
sess_end_others_because(long long user_id, long long keep_id, enum sess_ended_why why)
{
	db_exec("DELETE FROM sessions_ended WHERE ended_at < UTC_TIMESTAMP() - INTERVAL ? SECOND LIMIT 100",
		"i", sess_max());
	if (db_exec("INSERT INTO sessions_ended (token_hash, user_id, why, ended_at)"
		    " SELECT token_hash, user_id, ?, UTC_TIMESTAMP() FROM sessions WHERE user_id = ? AND id <> ?"
		    " ON DUPLICATE KEY UPDATE why = VALUES(why), ended_at = VALUES(ended_at)", "sii",
		    sess_ended_words[why].column, user_id, keep_id) < 0)
		return -1;
	return sess_end_others(user_id, keep_id);
}

/* Reads the user's generation and those of rq->app's gen_families at once,
 * and, for a program whose shared pages carry the visitor's header, the
 * visitor's header fragment (hdr_fill reads it then without a round trip
 * of its own). */
static void
sess_prefetch(const struct req *rq, const char *family)
{
	const char *families[4] = { family };
	size_t n = 1;
	const char *const *f = rq->app != NULL ? rq->app->gen_families : NULL;
	char hd[8 + HDR_KEY_LEN];

	while (f != NULL && *f != NULL && n < sizeof families / sizeof families[0])
		families[n++] = *f++;
	if (rq->app != NULL && rq->app->shared_header != NULL && hdr_fragment_key(rq, hd) == 0)
		cache_gen_prefetch_value(families, n, hd);
	else
		cache_gen_prefetch(families, n);
}

int
sess_load(struct req *rq, struct resp *rs)
{
	const char *cookie = req_cookie(rq, sess_cookie_name(rq));
	unsigned char hash[TOKEN_HASH_BYTES];
	struct sess_kept *k = NULL;
	unsigned long long gen = 0;
	long long keep = 0, left;
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
	/* Only pages that change nothing may use a kept session. */
	if ((strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0) &&
	    cache_enabled() && (keep = sess_cache_seconds()) > 0) {
		k = sess_slot(hash);
		if (k->user_id != 0 && sodium_memcmp(k->hash, hash, sizeof hash) == 0) {
			char family[40];

			/* Read before the row: a change after this bumps it. The
			 * program's own generations come in the same round trip. */
			sess_gen_family(family, sizeof family, k->user_id);
			sess_prefetch(rq, family);
			gen = cache_gen(family);
			if (k->gen != 0 && k->gen == gen && sess_now() < k->until) {
				s = arena_alloc(&rq->arena, sizeof *s);
				*s = k->s;
				rq->sess = s;
				return 1;
			}
		}
	}
	r = db_query(sess_load_sql, "ibi", sess_idle_seconds(), hash, sizeof hash, sess_idle_seconds());
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		if (k != NULL && sodium_memcmp(k->hash, hash, sizeof hash) == 0)
			sodium_memzero(k, sizeof *k);
		sess_clear_cookie(rq, rs);
		return sess_ended_load(rq, hash) < 0 ? -1 : 0;
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
	s->personalise = db_int(r, 12) != 0;
	left = db_int(r, 11);
	if (db_int(r, 4))
		db_exec("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() WHERE id = ?", "i", s->id);
	db_free(r);
	rq->sess = s;
	if (k != NULL) {
		/* Without a generation read before the row (the user was not
		 * known yet), only the user is kept, for the next request. */
		if (k->user_id != user_id || sodium_memcmp(k->hash, hash, sizeof hash) != 0)
			gen = 0;
		memcpy(k->hash, hash, sizeof hash);
		k->user_id = user_id;
		k->gen = gen;
		k->until = sess_now() + (left < keep ? left : keep);
		k->s = *s;
	}
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
	if (rq->sess != NULL) {
		db_exec("DELETE FROM sessions WHERE id = ?", "i", rq->sess->id);
		sess_user_changed(rq->sess->user_id);
	}
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
	r = db_query("SELECT u.role, u.email, u.name, u.email_verified_at IS NOT NULL, u.personalise"
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
	rq->sess->personalise = db_int(r, 4) != 0;
	db_free(r);
	log_info("session.start", "user=%lld session=%lld", user_id, id);
	/* The visitor's cart joins the account's, whose header key the
	 * browser takes; the login stands even if that fails. */
	cart_login(rq, rs, user_id);
	/* The browser's recently viewed and the account's, merged (personal.h). */
	personal_login(rq, rs, user_id);
	status = 0;
out:
	sodium_memzero(token, sizeof token);
	sodium_memzero(csrf, sizeof csrf);
	return status;
}

struct sess_renewal {
	long long old_id;
	long long mfa;		/* 1: the new row has passed the second factor now */
	long long new_id;
	unsigned char hash[TOKEN_HASH_BYTES];
	unsigned char csrf[32];
};

/* The new row takes everything of the old but its keys; the old goes. */
static int
sess_rotate_tx(void *arg)
{
	struct sess_renewal *n = arg;

	if (db_exec("INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen_at, expires_at,"
		    " mfa_at, ip, user_agent)"
		    " SELECT ?, user_id, ?, created_at, UTC_TIMESTAMP(), expires_at,"
		    " IF(? = 1, UTC_TIMESTAMP(), mfa_at), ip, user_agent FROM sessions WHERE id = ?", "bbii",
		    n->hash, sizeof n->hash, n->csrf, sizeof n->csrf, n->mfa, n->old_id) != 1)
		return -1;
	n->new_id = (long long)db_insert_id();
	return db_exec("DELETE FROM sessions WHERE id = ?", "i", n->old_id) == 1 ? 0 : -1;
}

/* sess_rotate, and when mfa the second factor passed, in one transaction:
 * on failure the old token keeps exactly what it had. */
static int
sess_renew(struct req *rq, struct resp *rs, int mfa)
{
	struct sess_renewal n;
	char token[TOKEN_TEXT_SIZE];
	int status = -1;

	if (rq->sess == NULL)
		return -1;
	memset(&n, 0, sizeof n);
	n.old_id = rq->sess->id;
	n.mfa = mfa != 0;
	token_new(token);
	token_hash(token, n.hash);
	randombytes_buf(n.csrf, sizeof n.csrf);
	if (db_tx(sess_rotate_tx, &n) != 0)
		goto out;
	resp_cookie(rs, sess_cookie_name(rq), token, (int)sess_max(),
		    RESP_COOKIE_HTTPONLY | (rq->https ? RESP_COOKIE_SECURE : 0));
	rq->sess->id = n.new_id;
	if (mfa)
		rq->sess->mfa = 1;
	token_hex(n.csrf, sizeof n.csrf, rq->sess->csrf);
	sess_user_changed(rq->sess->user_id);	/* the old row is gone */
	log_info("session.renewed", "user=%lld session=%lld was=%lld", rq->sess->user_id, n.new_id, n.old_id);
	status = 0;
out:
	sodium_memzero(token, sizeof token);
	sodium_memzero(&n, sizeof n);
	return status;
}

int
sess_rotate(struct req *rq, struct resp *rs)
{
	return sess_renew(rq, rs, 0);
}

int
sess_set_mfa(struct req *rq, struct resp *rs)
{
	/* Rights gained: the token that had none stops working. */
	return sess_renew(rq, rs, 1);
}

int
sess_end(struct req *rq, struct resp *rs)
{
	int status = 0;

	if (rq->sess != NULL) {
		if (db_exec("DELETE FROM sessions WHERE id = ?", "i", rq->sess->id) < 0)
			status = -1;
		sess_user_changed(rq->sess->user_id);
		log_info("session.end", "user=%lld session=%lld", rq->sess->user_id, rq->sess->id);
		rq->sess = NULL;
	}
	sess_clear_cookie(rq, rs);
	return status;
}

long long
sess_end_others(long long user_id, long long keep_id)
{
	long long n = db_exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?", "ii", user_id, keep_id);

	sess_user_changed(user_id);
	return n;
}

int
sess_end_one(long long user_id, long long session_id)
{
	long long n = db_exec("DELETE FROM sessions WHERE user_id = ? AND id = ?", "ii",
			      user_id, session_id);

	sess_user_changed(user_id);
	return n > 0 ? 1 : 0;
}

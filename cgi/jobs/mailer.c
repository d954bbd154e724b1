/*
 * bazaar-mailer: delivers the mail the pages queue in mail_outbox.
 *
 *   bazaar-mailer           run until SIGTERM or SIGINT, looking for due mail
 *                           every BAZAAR_MAILER_INTERVAL ms (1000)
 *   bazaar-mailer --once    deliver what is due now and exit (tests, cron)
 *
 * Delivery: with BAZAAR_SMTP_URL set (smtp://host:port, or smtps://host:465
 * for TLS from the start; smtp:// upgrades with STARTTLS when the server
 * offers it, and insists on it when BAZAAR_SMTP_USER is set, so a password
 * never crosses the network in clear) each message goes to that relay, with
 * BAZAAR_SMTP_USER / BAZAAR_SMTP_PASSWORD when set. Without it, each
 * message is written as an RFC 5322 file "<outbox id>.eml" (mode 0640) into
 * mail_dir() (BAZAAR_MAIL_DIR, else <BAZAAR_VAR>/mail), through a temporary
 * file renamed into place, so a reader never sees half a message; the
 * development site shows that directory at /dev/mail. The sender is
 * BAZAAR_MAIL_FROM ("Bazaar <no-reply@bazaar.example>").
 *
 * The outbox as a queue (no transaction is held while a message is sent):
 *  - due: status 'queued' and next_attempt_at <= NOW();
 *  - a mailer claims a due row with one conditional UPDATE (status 'queued'
 *    -> 'sending'); only one of several mailers can win it. While a row is
 *    'sending', next_attempt_at is the end of the claim (10 minutes): a row
 *    still 'sending' after that belongs to a mailer that died, and is queued
 *    again (counted as an attempt). A message may then go out twice; none is
 *    lost;
 *  - sent: status 'sent', sent_at set;
 *  - failed attempt: attempts + 1, last_error (never a password), and
 *    next_attempt_at 30 s, 1, 2, 4 ... minutes later (at most an hour, plus
 *    up to a fifth of random spread); the 8th failed attempt, or a relay
 *    that refuses the recipient for good (5xx), makes it 'failed' for good.
 * Messages hold addresses and single-use links: a week after a message was
 * sent (or gave up) its row and its .eml file are deleted.
 *
 * Settings as for the other programs (environment, BAZAAR_CONFIG; SIGHUP
 * reads them again). Exit status: 0 after a clean stop or a --once run
 * (even if some messages wait for a retry); 1 when the database or the
 * settings are unusable; 2 for bad arguments.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "buf.h"
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "mail.h"

#define MAILER_MAX_ATTEMPTS	8
#define MAILER_CLAIM_SECONDS	600	/* a 'sending' row older than this is retried */
#define MAILER_BACKOFF_FIRST	30	/* seconds after the first failure */
#define MAILER_BACKOFF_MAX	3600
#define MAILER_BATCH		20	/* due rows read at a time */
#define MAILER_ONCE_MAX		10000	/* messages handled by one --once run */
#define MAILER_KEEP_DAYS	7	/* then the message is deleted */
#define MAILER_SWEEP_SECONDS	60	/* how often stale claims are looked for */
#define MAILER_EXPIRE_SECONDS	3600	/* how often old messages are deleted */
#define MAILER_ERROR_MAX	480	/* bytes of last_error (VARCHAR(500)) */
#define MAILER_DEFAULT_FROM	"Bazaar <no-reply@bazaar.example>"

static const char mailer_due_sql[] =
	"SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= NOW()"
	" ORDER BY next_attempt_at, id LIMIT ?";
static const char mailer_claim_sql[] =
	"UPDATE mail_outbox SET status = 'sending', next_attempt_at = NOW() + INTERVAL ? SECOND"
	" WHERE id = ? AND status = 'queued' AND next_attempt_at <= NOW()";
static const char mailer_row_sql[] =
	"SELECT to_addr, subject, body, template, attempts FROM mail_outbox WHERE id = ?";
static const char mailer_sent_sql[] =
	"UPDATE mail_outbox SET status = 'sent', sent_at = NOW(), attempts = attempts + 1,"
	" last_error = '' WHERE id = ? AND status = 'sending'";
/* status first: it must see attempts before the increment. */
static const char mailer_failed_sql[] =
	"UPDATE mail_outbox SET status = IF(attempts + 1 >= ?, 'failed', 'queued'),"
	" next_attempt_at = NOW() + INTERVAL ? SECOND, last_error = ?, attempts = attempts + 1"
	" WHERE id = ? AND status = 'sending'";
static const char mailer_recover_sql[] =
	"UPDATE mail_outbox SET status = IF(attempts + 1 >= ?, 'failed', 'queued'),"
	" last_error = 'delivery interrupted: the mailer stopped while sending',"
	" attempts = attempts + 1"
	" WHERE status = 'sending' AND next_attempt_at <= NOW()";
/* Messages past their retention: the row and its .eml file go (they hold an
 * address and, often, a one-time link). */
static const char mailer_expire_sql[] =
	"SELECT id FROM mail_outbox WHERE"
	" (status = 'sent' AND sent_at < NOW() - INTERVAL ? DAY) OR"
	" (status = 'failed' AND created_at < NOW() - INTERVAL ? DAY)"
	" LIMIT 1000";

static volatile sig_atomic_t mailer_stop;
static volatile sig_atomic_t mailer_reload;

/* The outcome of one delivery. */
struct mailer_result {
	int ok;
	int permanent;		/* retrying cannot help */
	char error[MAILER_ERROR_MAX];
};

static void
mailer_on_signal(int sig)
{
	if (sig == SIGHUP)
		mailer_reload = 1;
	else
		mailer_stop = 1;
}

static void
mailer_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = mailer_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: the pause between rounds ends at once */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void
mailer_log_level(void)
{
	const char *level = cfg_str("BAZAAR_LOG_LEVEL", "info");

	log_set_level(strcmp(level, "debug") == 0 ? LOG_DEBUG :
		      strcmp(level, "warn") == 0 ? LOG_WARN :
		      strcmp(level, "error") == 0 ? LOG_ERROR : LOG_INFO);
}

static const char *
mailer_smtp_url(void)
{
	const char *url = cfg_str("BAZAAR_SMTP_URL", NULL);

	return url && *url ? url : NULL;
}

/* The relay's address must be smtp:// or smtps://; anything else is a
 * mistake in the settings, reported without the URL (it may hold a password). */
static int
mailer_smtp_url_ok(const char *url)
{
	return strncmp(url, "smtp://", 7) == 0 || strncmp(url, "smtps://", 8) == 0;
}

static int
mailer_settings_ok(void)
{
	const char *url = mailer_smtp_url();
	char addr[MAIL_ADDRESS_MAX + 1];

	if (url && !mailer_smtp_url_ok(url)) {
		log_error("mailer.config", "msg=%s",
			  log_quote("BAZAAR_SMTP_URL must begin with smtp:// or smtps://"));
		return 0;
	}
	if (mail_address_of(cfg_str("BAZAAR_MAIL_FROM", MAILER_DEFAULT_FROM), addr, sizeof addr) == NULL) {
		log_error("mailer.config", "msg=%s",
			  log_quote("BAZAAR_MAIL_FROM must be an address or \"Name <address>\""));
		return 0;
	}
	return 1;
}

static void
mailer_fail(struct mailer_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
mailer_fail(struct mailer_result *res, const char *fmt, ...)
{
	va_list ap;

	res->ok = 0;
	va_start(ap, fmt);
	vsnprintf(res->error, sizeof res->error, fmt, ap);
	va_end(ap);
}

/* ---- delivery into files ------------------------------------------------------ */

static int
mailer_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void
mailer_deliver_file(long long id, const struct buf *msg, struct mailer_result *res)
{
	const char *dir = mail_dir();
	char tmp[4200], path[4200];
	int fd;

	if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
		mailer_fail(res, "cannot create the mail directory: %s", strerror(errno));
		return;
	}
	if ((size_t)snprintf(tmp, sizeof tmp, "%s/.%lld.eml.%ld.tmp", dir, id, (long)getpid()) >= sizeof tmp ||
	    (size_t)snprintf(path, sizeof path, "%s/%lld.eml", dir, id) >= sizeof path) {
		mailer_fail(res, "the mail directory's path is too long");
		return;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd < 0) {
		mailer_fail(res, "cannot write in the mail directory: %s", strerror(errno));
		return;
	}
	/* The umask must not take the group's read permission away. */
	if (fchmod(fd, 0640) != 0 || mailer_write_all(fd, msg->data, msg->len) != 0 ||
	    fsync(fd) != 0) {
		mailer_fail(res, "cannot write the message file: %s", strerror(errno));
		close(fd);
		unlink(tmp);
		return;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		mailer_fail(res, "cannot store the message file: %s", strerror(errno));
		unlink(tmp);
		return;
	}
	res->ok = 1;
}

/* ---- delivery over SMTP --------------------------------------------------------- */

struct mailer_upload {
	const char *data;
	size_t len, off;
};

static size_t
mailer_read(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct mailer_upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(dst, u->data + u->off, n);
	u->off += n;
	return n;
}

static void
mailer_deliver_smtp(const char *from_addr, const char *to, const struct buf *msg,
		    struct mailer_result *res)
{
	const char *url = mailer_smtp_url(), *user = cfg_str("BAZAAR_SMTP_USER", NULL);
	const char *password = cfg_str("BAZAAR_SMTP_PASSWORD", NULL);
	struct mailer_upload up = { msg->data, msg->len, 0 };
	struct curl_slist *rcpt = NULL;
	char from_path[MAIL_ADDRESS_MAX + 3], to_path[MAIL_ADDRESS_MAX + 3];
	char errbuf[CURL_ERROR_SIZE] = "";
	long code = 0, timeout = (long)cfg_int("BAZAAR_SMTP_TIMEOUT", 60);
	CURLcode rc;
	CURL *c;

	if (!mailer_smtp_url_ok(url)) {
		mailer_fail(res, "BAZAAR_SMTP_URL must begin with smtp:// or smtps://");
		return;
	}
	if ((c = curl_easy_init()) == NULL) {
		mailer_fail(res, "libcurl could not start");
		return;
	}
	if (timeout < 5 || timeout > 600)
		timeout = 60;
	snprintf(from_path, sizeof from_path, "<%s>", from_addr);
	snprintf(to_path, sizeof to_path, "<%s>", to);
	rcpt = curl_slist_append(NULL, to_path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_path);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, mailer_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg->len);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout < 15 ? timeout : 15L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	if (user && *user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, password ? password : "");
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	} else {
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OK) {
		res->ok = 1;
	} else {
		/* libcurl's messages name the step and the server's code, never
		 * the credentials. */
		mailer_fail(res, "smtp: %s%s%s", curl_easy_strerror(rc), errbuf[0] ? ": " : "", errbuf);
		/* The relay refused this recipient for good ("RCPT failed: 550"). */
		res->permanent = code >= 500 && code <= 599 && strncmp(errbuf, "RCPT failed", 11) == 0;
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
}

/* ---- the queue ------------------------------------------------------------------ */

/* Seconds to wait after the attempts-th failed attempt. */
static long long
mailer_backoff(long long attempts)
{
	long long delay = MAILER_BACKOFF_FIRST;

	while (--attempts > 0 && delay < MAILER_BACKOFF_MAX)
		delay *= 2;
	if (delay > MAILER_BACKOFF_MAX)
		delay = MAILER_BACKOFF_MAX;
	return delay + (long long)randombytes_uniform((uint32_t)(delay / 5 + 1));
}

/* Delivers one claimed row and records the outcome. Returns 0, or -1 when
 * the database could not be told (the claim then lapses and it is retried). */
static int
mailer_send(long long id)
{
	struct mailer_result res = { 0, 0, "" };
	char from_addr[MAIL_ADDRESS_MAX + 1];
	const char *from = cfg_str("BAZAAR_MAIL_FROM", MAILER_DEFAULT_FROM);
	const char *template = "";
	struct db_result *r;
	struct buf msg;
	long long attempts = 0, n;
	int via_smtp = mailer_smtp_url() != NULL;

	buf_init(&msg);
	if ((r = db_query(mailer_row_sql, "i", id)) == NULL || !db_next(r)) {
		db_free(r);
		return -1;
	}
	template = db_str(r, 3);
	attempts = db_int(r, 4);
	if (mail_address_of(from, from_addr, sizeof from_addr) == NULL) {
		mailer_fail(&res, "BAZAAR_MAIL_FROM is not an address");
	} else if (mail_message(&msg, id, from, db_str(r, 0), db_str(r, 1), db_str(r, 2),
				time(NULL)) != 0) {
		mailer_fail(&res, "not an acceptable recipient address or subject");
		res.permanent = 1;
	} else if (via_smtp) {
		mailer_deliver_smtp(from_addr, db_str(r, 0), &msg, &res);
	} else {
		mailer_deliver_file(id, &msg, &res);
	}

	if (res.ok) {
		n = db_exec(mailer_sent_sql, "i", id);
		if (n >= 0)
			log_info("mail.sent", "id=%lld template=%s via=%s attempt=%lld", id,
				 log_quote(template), via_smtp ? "smtp" : "file", attempts + 1);
	} else {
		long long delay = mailer_backoff(attempts + 1);
		int final = res.permanent || attempts + 1 >= MAILER_MAX_ATTEMPTS;

		n = db_exec(mailer_failed_sql, "iisi", res.permanent ? 0LL : (long long)MAILER_MAX_ATTEMPTS,
			    delay, res.error, id);
		if (n >= 0 && final)
			log_error("mail.failed", "id=%lld template=%s attempts=%lld error=%s", id,
				  log_quote(template), attempts + 1, log_quote(res.error));
		else if (n >= 0)
			log_warn("mail.retry", "id=%lld template=%s attempts=%lld retry_in=%llds error=%s",
				 id, log_quote(template), attempts + 1, delay, log_quote(res.error));
	}
	db_free(r);
	buf_free(&msg);
	return n < 0 ? -1 : 0;
}

/* Claims and delivers due rows until none is left (or max handled, or a
 * stop). Returns the number handled, or -1 on a database error. */
static long
mailer_deliver_due(long max)
{
	long handled = 0;

	while (!mailer_stop && handled < max) {
		struct db_result *r = db_query(mailer_due_sql, "i", (long long)MAILER_BATCH);
		long claimed = 0;

		if (r == NULL)
			return -1;
		while (!mailer_stop && handled < max && db_next(r)) {
			long long id = db_int(r, 0), n;

			n = db_exec(mailer_claim_sql, "ii", (long long)MAILER_CLAIM_SECONDS, id);
			if (n < 0) {
				db_free(r);
				return -1;
			}
			if (n == 0)
				continue;	/* another mailer took it */
			claimed++;
			handled++;
			if (mailer_send(id) != 0) {
				db_free(r);
				return -1;
			}
		}
		db_free(r);
		if (claimed == 0)
			break;
	}
	return handled;
}

/* Rows whose mailer died while sending go back to the queue. */
static int
mailer_recover(void)
{
	long long n = db_exec(mailer_recover_sql, "i", (long long)MAILER_MAX_ATTEMPTS);

	if (n > 0)
		log_warn("mail.recovered", "rows=%lld msg=%s", n,
			 log_quote("claims older than 10 minutes returned to the queue"));
	return n < 0 ? -1 : 0;
}

/* Old bodies hold single-use links that serve nobody any more. */
static int
mailer_expire(void)
{
	struct db_result *r;
	char path[4096];
	long long n = 0, id;

	r = db_query(mailer_expire_sql, "ii", (long long)MAILER_KEEP_DAYS, (long long)MAILER_KEEP_DAYS);
	if (r == NULL)
		return -1;
	while (db_next(r)) {
		id = db_int(r, 0);
		if ((size_t)snprintf(path, sizeof path, "%s/%lld.eml", mail_dir(), id) < sizeof path &&
		    unlink(path) != 0 && errno != ENOENT)
			log_warn("mail.expire", "id=%lld msg=%s", id, log_quote(strerror(errno)));
		if (db_exec("DELETE FROM mail_outbox WHERE id = ?", "i", id) == 1)
			n++;
	}
	db_free(r);
	if (n > 0)
		log_info("mail.expired", "rows=%lld", n);
	return 0;
}

static double
mailer_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
mailer_pause(long long ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	/* A signal ends the pause early; the loop then looks at the flags. */
	nanosleep(&ts, NULL);
}

static int
mailer_usage(void)
{
	fprintf(stderr, "usage: bazaar-mailer [--once]\n"
			"  Delivers the queued mail (see docs/configuration.md for the settings).\n");
	return 2;
}

static int
mailer_loop(void)
{
	double last_sweep = -1e9, last_expire = -1e9;
	long long failures = 0;

	log_info("mailer.start", "via=%s interval_ms=%lld", mailer_smtp_url() ? "smtp" : "file",
		 cfg_int("BAZAAR_MAILER_INTERVAL", 1000));
	while (!mailer_stop) {
		long long interval = cfg_int("BAZAAR_MAILER_INTERVAL", 1000);
		double now = mailer_now();
		int ok = 1;

		if (mailer_reload) {
			mailer_reload = 0;
			if (cfg_load() == 0 && mailer_settings_ok()) {
				mailer_log_level();
				log_info("mailer.reload", "via=%s", mailer_smtp_url() ? "smtp" : "file");
			}
		}
		if (interval < 50 || interval > 600000)
			interval = 1000;
		if (now - last_sweep >= MAILER_SWEEP_SECONDS) {
			ok = mailer_recover() == 0;
			if (ok)
				last_sweep = now;
		}
		if (ok && now - last_expire >= MAILER_EXPIRE_SECONDS) {
			ok = mailer_expire() == 0;
			if (ok)
				last_expire = now;
		}
		if (ok)
			ok = mailer_deliver_due(MAILER_ONCE_MAX) >= 0;
		if (ok) {
			failures = 0;
		} else {
			/* The database is away: wait longer each time, up to 30 s. */
			if (failures < 5)
				failures++;
			interval = interval << failures;
			if (interval > 30000)
				interval = 30000;
		}
		if (!mailer_stop)
			mailer_pause(interval);
	}
	log_info("mailer.stop", "msg=%s", log_quote("stopped by a signal"));
	return 0;
}

int
main(int argc, char **argv)
{
	int once = 0, rc;

	log_init("mailer");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else
			return mailer_usage();
	}
	if (cfg_load() != 0)
		return 1;
	mailer_log_level();
	if (sodium_init() < 0) {
		log_error("mailer.sodium", "msg=%s", log_quote("libsodium failed to initialise"));
		return 1;
	}
	if (!mailer_settings_ok())
		return 1;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		log_error("mailer.curl", "msg=%s", log_quote("libcurl failed to initialise"));
		return 1;
	}
	mailer_signals();
	if (once) {
		rc = db_connect() == 0 && mailer_recover() == 0 && mailer_expire() == 0 &&
		     mailer_deliver_due(MAILER_ONCE_MAX) >= 0 ? 0 : 1;
	} else {
		/* A database that is not up yet is waited for in the loop. */
		db_connect();
		rc = mailer_loop();
	}
	db_close();
	curl_global_cleanup();
	return rc;
}

/*
 * fcgi_loop: master and workers (see fcgi_loop.h).
 *
 * The master never serves a request: it loads configuration and templates
 * (so a broken template stops the start, and the workers share the pages
 * copy-on-write), opens the socket, forks the workers and watches them.
 * Signals: TERM/INT stop gracefully, HUP reloads and replaces the workers,
 * CHLD restarts a worker that died. Workers install their TERM handler
 * without SA_RESTART so a worker blocked in accept wakes up and leaves.
 */
#include "fcgi_loop.h"
#include "crypt.h"
#include "asset.h"
#include "cache.h"
#include "hdr.h"
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "multipart.h"
#include "tmpl.h"

#include <errno.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <poll.h>
#include <sys/epoll.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FCGI_LOOP_MAX_WORKERS 64

static volatile sig_atomic_t fcgi_loop_stop;
static volatile sig_atomic_t fcgi_loop_reload;
static volatile sig_atomic_t fcgi_loop_child;
static int fcgi_loop_core_ready;

static void
fcgi_loop_on_signal(int sig)
{
	if (sig == SIGTERM || sig == SIGINT)
		fcgi_loop_stop = 1;
	else if (sig == SIGHUP)
		fcgi_loop_reload = 1;
	else if (sig == SIGCHLD)
		fcgi_loop_child = 1;
	/* SIGALRM only wakes the master to fill empty worker slots. */
}

static void
fcgi_loop_signal(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a blocked accept must return */
	sigaction(sig, &sa, NULL);
}

/* What every process needs before it can render a page. */
static int
fcgi_loop_init_core(const struct app *app)
{
	const char *why;
	int bad;

	if (fcgi_loop_core_ready)
		return 0;
	log_init(app->name);
	if ((bad = route_table_check(app->routes, app->nroutes, &why)) >= 0) {
		log_error("core.routes", "pattern=%s msg=%s", log_quote(app->routes[bad].pattern), log_quote(why));
		return -1;
	}
	if (cfg_load() != 0)
		return -1;
	log_set_level(log_level_named(cfg_str("BAZAAR_LOG_LEVEL", "info")));
	if (sodium_init() < 0) {
		log_error("core.sodium", "msg=\"libsodium failed to initialise\"");
		return -1;
	}
	if (tmpl_init(cfg_str("BAZAAR_TEMPLATES", "templates"),
		      !cfg_is_development() && strcmp(cfg_str("BAZAAR_ENV", ""), "test") != 0) != 0)
		return -1;
	asset_init();	/* a missing manifest is logged; pages still render */
	/* Personal data cannot be read or written without the keys. */
	if (crypt_init() != 0)
		return -1;
	fcgi_loop_core_ready = 1;
	return 0;
}

int
fcgi_loop_init_worker(const struct app *app)
{
	if (fcgi_loop_init_core(app) != 0)
		return -1;
	/* Memory freed by a request stays with the worker for the next one:
	 * a search over a large catalogue gathers some megabytes of ids, and
	 * given back to the system after each request (glibc's defaults)
	 * they cost a page fault per page again at the next. A worker keeps
	 * at most what its largest request needed. */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
	/* A database that is down now is retried on the next query. */
	if (db_connect() != 0)
		log_error("worker.db", "msg=\"no database connection yet\"");
	cache_init();
	if (app->worker_init && app->worker_init() != 0)
		return -1;
	return 0;
}

/* Takes the one-shot flash message out of its cookie. */
static void
fcgi_loop_take_flash(struct req *rq, struct resp *rs)
{
	const char *raw = req_cookie(rq, "bz_flash");
	char *msg;
	size_t len, i;

	if (raw == NULL)
		return;
	len = strlen(raw);
	if (len == 0 || len > 900)
		return;
	msg = strdup(raw);
	if (msg == NULL || req_url_decode(msg, &len, 1) != 0) {
		free(msg);
		return;
	}
	for (i = 0; i < len; i++)
		if ((unsigned char)msg[i] < 0x20)
			msg[i] = ' ';
	rs->flash = msg;
}

/* Reads the body as the route allows: a multipart form streamed through the
 * parser only for an R_UPLOAD route, with the program's upload limits. */
static int
fcgi_loop_read_request(const struct app *app, struct req *rq, char **envp, struct req_body *body)
{
	const struct route *r = NULL;
	const struct multipart_limits *upload = NULL;
	int status;

	if ((status = req_begin(rq, envp, &req_default_limits)) != 0)
		return status;
	/* Only a multipart form needs the route before its body is read. */
	if (strcmp(rq->method, "POST") == 0 && multipart_is_form_data(rq->content_type) &&
	    (r = route_find(app, rq)) != NULL && (r->flags & R_UPLOAD))
		upload = app->upload_limits ? app->upload_limits : &multipart_default_limits;
	status = req_read_body(rq, body, &req_default_limits, upload, multipart_tmpdir());
	/* A file too large for a form that can show its own problems: the
	 * form again (route_dispatch), the message at the file's field. */
	if (status == 413 && rq->upload_field != NULL && upload != NULL && (r->flags & R_FORM))
		return 0;
	rq->upload_field = NULL;
	return status;
}

/* Stores the page under rs->cache_key, after its stamp line when it has
 * one (view_to_cache_stamped). */
static void
fcgi_loop_store(const struct resp *rs)
{
	struct buf b;

	if (rs->cache_stamp == NULL) {
		cache_set(rs->cache_key, rs->body.data, rs->body.len, rs->cache_ttl);
		return;
	}
	buf_init(&b);
	buf_add(&b, rs->cache_stamp, strlen(rs->cache_stamp));
	buf_add(&b, "\n", 1);
	buf_add(&b, rs->body.data, rs->body.len);
	cache_set(rs->cache_key, b.data, b.len, rs->cache_ttl);
	buf_free(&b);
}

/* Serves one request whose body is read from body, as the route allows. */
static int
fcgi_loop_serve(const struct app *app, char **envp, struct req_body *body, struct buf *out)
{
	struct req rq;
	struct resp rs;
	struct timespec t0, t1;
	double ms;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	cache_gen_forget();	/* generations are read afresh by every request */
	cache_gen_keep(app->gen_families);	/* and once */
	resp_init(&rs);
	status = fcgi_loop_read_request(app, &rq, envp, body);
	rq.app = app;
	log_set_request(rq.id);
	if (status != 0) {
		log_info("http.bad_request", "path=%s msg=%s", log_quote(rq.path), log_quote(rq.error));
		route_error_page(&rq, &rs, status, rq.error);
	} else {
		fcgi_loop_take_flash(&rq, &rs);
		status = route_dispatch(app, &rq, &rs);
		if (status == 200 && rs.cache_key)
			fcgi_loop_store(&rs);
		if (app->after_request != NULL)
			app->after_request(&rq, &rs);
		/* Stored as shared, sent with the visitor's own header (an
		 * error page or a form shown again has its header filled the same way). */
		if (app->shared_header != NULL)
			hdr_fill(&rq, &rs.body, app->shared_header);
		if (status == 200 && app->personal_fill != NULL)
			app->personal_fill(&rq, &rs);
	}
	/* The message has been shown: clear its cookie, unless the handler
	 * queued a new one (the error page resets headers, so this comes last). */
	if (req_cookie(&rq, "bz_flash") &&
	    (rs.headers.data == NULL || strstr(rs.headers.data, "Set-Cookie: bz_flash=") == NULL))
		resp_cookie(&rs, "bz_flash", "", 0, 1);
	resp_header(&rs, "X-Request-Id", rq.id);
	resp_serialize(&rs, out);
	if (strcmp(rq.method, "HEAD") == 0) {
		/* Same headers, no body. */
		out->len -= rs.body.len;
		out->data[out->len] = '\0';
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	if (ms >= (double)cfg_int("BAZAAR_SLOW_MS", 500))
		log_warn("http.slow", "method=%s path=%s status=%d ms=%.1f", rq.method,
			 log_quote(rq.path), rs.status, ms);
	else
		log_event(LOG_DEBUG, "http.request", "method=%s path=%s status=%d ms=%.2f",
			  rq.method, log_quote(rq.path), rs.status, ms);
	log_set_request(NULL);
	cache_gen_forget();
	status = rs.status;
	resp_free(&rs);
	/* Removes the request's temporary files (uploads), whatever happened. */
	req_free(&rq);
	return status;
}

int
fcgi_loop_handle(const struct app *app, char **envp, const char *body, size_t body_len,
		 struct buf *out)
{
	struct req_memory_body m;
	struct req_body src;

	req_body_from_memory(&src, &m, body, body_len);
	return fcgi_loop_serve(app, envp, &src, out);
}

static long
fcgi_loop_stream_read(void *ctx, char *buf, size_t size)
{
	FCGX_Request *r = ctx;

	return FCGX_GetStr(buf, size > INT_MAX ? INT_MAX : (int)size, r->in);
}

/* CONTENT_LENGTH, 0 when absent or malformed (nginx always sends it). */
static size_t
fcgi_loop_content_length(FCGX_Request *r)
{
	const char *cl = FCGX_GetParam("CONTENT_LENGTH", r->envp);
	unsigned long long want;
	char *end;

	if (cl == NULL || *cl < '0' || *cl > '9')
		return 0;
	errno = 0;
	want = strtoull(cl, &end, 10);
	if (*end != '\0' || errno != 0 || want > SIZE_MAX / 2)
		return SIZE_MAX / 2;	/* absurd: refused as too large */
	return (size_t)want;
}

/* Reads whatever is left of the request's input (the closing empty STDIN
 * record), so the connection can be closed at once without the peer seeing
 * a reset. */
static void
fcgi_loop_drain(FCGX_Request *r)
{
	char scratch[512];

	while (FCGX_GetStr(scratch, sizeof scratch, r->in) > 0)
		;
}

static void
fcgi_loop_worker(const struct app *app, int listen_fd)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	int unix_listener;
	FCGX_Request r;
	struct buf out;
	struct req_body body;
	int unread;

	sigset_t none, term;

	fcgi_loop_signal(SIGTERM, fcgi_loop_on_signal);
	fcgi_loop_signal(SIGINT, SIG_IGN);	/* the master decides */
	fcgi_loop_signal(SIGHUP, SIG_IGN);
	fcgi_loop_signal(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	/*
	 * SIGTERM stays blocked except while waiting for a connection (epoll_pwait):
	 * libfcgi gives up on a connection whose first read or wait is
	 * interrupted, so a stop or reload arriving between accept and the end
	 * of a request must wait until the request has been answered.
	 */
	sigemptyset(&none);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_SETMASK, &term, NULL);
	if (fcgi_loop_init_worker(app) != 0) {
		log_error("worker.init", "msg=\"worker could not start\"");
		_exit(3);
	}
	unix_listener = getsockname(listen_fd, (struct sockaddr *)&ss, &sl) == 0 &&
			ss.ss_family == AF_UNIX;
	FCGX_Init();
	FCGX_InitRequest(&r, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	buf_init(&out);
	/*
	 * Each worker waits on an epoll set of its own holding the listener
	 * with EPOLLEXCLUSIVE: a new connection wakes one idle worker, not
	 * all of them (with poll every idle worker woke, tried accept and all
	 * but one went back to sleep: three wasted wake-ups a request with
	 * four workers, which a virtual machine makes dear). ppoll remains
	 * where epoll is missing.
	 */
	int ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep >= 0) {
		struct epoll_event ev = { .events = EPOLLIN | EPOLLEXCLUSIVE, .data.fd = listen_fd };

		if (epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &ev) != 0) {
			close(ep);
			ep = -1;
		}
	}
	while (!fcgi_loop_stop) {
		struct pollfd pfd = { .fd = listen_fd, .events = POLLIN };
		struct epoll_event got;

		if ((ep >= 0 ? epoll_pwait(ep, &got, 1, -1, &none) : ppoll(&pfd, 1, NULL, &none)) <= 0 ||
		    fcgi_loop_stop)
			continue;	/* a signal (the flag decides) */
		/* The listener is non-blocking: another worker may have taken it. */
		if (FCGX_Accept_r(&r) < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ||
			    errno == ECONNABORTED)
				continue;
			log_error("worker.accept", "msg=%s", log_quote(strerror(errno)));
			break;
		}
		/* The body is read by the request as its route allows (req.h). */
		body.length = fcgi_loop_content_length(&r);
		body.read = fcgi_loop_stream_read;
		body.ctx = &r;
		body.consumed = 0;
		buf_reset(&out);
		fcgi_loop_serve(app, r.envp, &body, &out);
		/* A refused body left mostly unread is not read to its end. */
		unread = body.length - body.consumed > req_default_limits.max_body;
		if (FCGX_PutStr(out.data, (int)out.len, r.out) < 0 || FCGX_GetError(r.out) != 0)
			log_info("worker.write", "msg=\"client went away\"");
		/*
		 * On a unix socket, with the input read to its end, the socket can
		 * be closed outright: libfcgi's default is a shutdown() and a wait
		 * for nginx to close first, which costs three system calls and a
		 * round trip per request and protects only TCP peers from a reset.
		 */
		if (unix_listener && !unread) {
			fcgi_loop_drain(&r);
			FCGX_Detach(&r);
		}
		FCGX_Finish_r(&r);
	}
	if (ep >= 0)
		close(ep);
	buf_free(&out);
	db_close();
	cache_close();
	_exit(0);
}

/* The socket: inherited on fd 0, or a unix socket at BAZAAR_SOCKET. */
static int
fcgi_loop_listen(int *created)
{
	const char *path = cfg_str("BAZAAR_SOCKET", NULL);
	const char *group = cfg_str("BAZAAR_SOCKET_GROUP", NULL);
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	struct group *gr;
	mode_t old;
	int fd;

	*created = 0;
	if (path == NULL || *path == '\0') {
		if (getsockname(0, (struct sockaddr *)&ss, &sl) == 0)
			return 0;
		log_error("master.socket", "msg=\"set BAZAAR_SOCKET or pass a listening socket on fd 0\"");
		return -1;
	}
	if (strchr(path, '/') == NULL) {
		log_error("master.socket", "msg=\"BAZAAR_SOCKET must be a unix socket path\"");
		return -1;
	}
	unlink(path);
	old = umask(0117);
	fd = FCGX_OpenSocket(path, 1024);
	umask(old);
	if (fd < 0) {
		log_error("master.socket", "path=%s msg=%s", log_quote(path), log_quote(strerror(errno)));
		return -1;
	}
	chmod(path, 0660);
	if (group && *group) {
		if ((gr = getgrnam(group)) == NULL || chown(path, (uid_t)-1, gr->gr_gid) != 0)
			log_warn("master.socket", "group=%s msg=\"could not give the socket to the group\"",
				 log_quote(group));
	}
	*created = 1;
	return fd;
}

/* Seconds on a clock that never steps back (the wall clock may). */
static time_t
fcgi_loop_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + 1;	/* never 0: 0 means "never started" */
}

static pid_t
fcgi_loop_spawn(const struct app *app, int fd)
{
	pid_t pid = fork();

	if (pid == 0)
		fcgi_loop_worker(app, fd);
	if (pid < 0)
		log_error("master.fork", "msg=%s", log_quote(strerror(errno)));
	return pid;
}

static void
fcgi_loop_describe_exit(pid_t pid, int st)
{
	if (WIFSIGNALED(st))
		log_error("master.worker_died", "worker=%ld signal=%d", (long)pid, WTERMSIG(st));
	else if (WEXITSTATUS(st) != 0)
		log_error("master.worker_exit", "worker=%ld status=%d", (long)pid, WEXITSTATUS(st));
	else
		log_info("master.worker_exit", "worker=%ld status=0", (long)pid);
}

int
fcgi_loop_main(const struct app *app, int argc, char **argv)
{
	pid_t workers[FCGI_LOOP_MAX_WORKERS] = { 0 }, pid;
	time_t started[FCGI_LOOP_MAX_WORKERS] = { 0 };	/* monotonic seconds, 0 = never */
	long long nworkers;
	int fd, created, st, i, alive;
	char *sock;
	sigset_t block, old;
	time_t deadline;

	(void)argc;
	(void)argv;
	if (fcgi_loop_init_core(app) != 0) {
		fprintf(stderr, "%s: could not start (see the log lines above)\n", app->name);
		return 1;
	}
	nworkers = cfg_int("BAZAAR_WORKERS", 4);
	if (nworkers < 1 || nworkers > FCGI_LOOP_MAX_WORKERS) {
		log_error("master.config", "msg=\"BAZAAR_WORKERS must be 1..64\"");
		return 1;
	}
	if ((fd = fcgi_loop_listen(&created)) < 0)
		return 1;
	/* A copy: a reload replaces the settings this points into. */
	if ((sock = strdup(cfg_str("BAZAAR_SOCKET", "fd 0"))) == NULL)
		return 1;
	/* Workers wait (epoll, ppoll) and then accept: whoever loses the
	 * race must get EAGAIN, not block. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcgi_loop_signal(SIGTERM, fcgi_loop_on_signal);
	fcgi_loop_signal(SIGINT, fcgi_loop_on_signal);
	fcgi_loop_signal(SIGHUP, fcgi_loop_on_signal);
	fcgi_loop_signal(SIGCHLD, fcgi_loop_on_signal);
	fcgi_loop_signal(SIGALRM, fcgi_loop_on_signal);
	signal(SIGPIPE, SIG_IGN);

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);

	log_info("master.start", "socket=%s workers=%lld", log_quote(sock), nworkers);
	for (;;) {
		/*
		 * Fill every empty slot. A slot whose worker died within a second of
		 * starting, or whose fork failed, waits for the next pass, which an
		 * alarm guarantees: a broken deployment must not fork in a loop, and
		 * a failed fork must not leave the slot empty for good.
		 */
		int waiting = 0;

		for (i = 0; i < nworkers && !fcgi_loop_stop; i++) {
			if (workers[i] > 0)
				continue;
			if (started[i] != 0 && fcgi_loop_now() - started[i] < 1) {
				waiting = 1;
				continue;
			}
			started[i] = fcgi_loop_now();
			if ((workers[i] = fcgi_loop_spawn(app, fd)) <= 0)
				waiting = 1;
		}
		if (waiting)
			alarm(1);
		if (fcgi_loop_stop)
			break;
		sigsuspend(&old);	/* wait for a signal, atomically unblocking */
		if (fcgi_loop_reload) {
			fcgi_loop_reload = 0;
			log_info("master.reload", "msg=\"reloading configuration and templates\"");
			/* Templates first: if they fail, nothing has changed. */
			if (tmpl_reload() != 0 || cfg_load() != 0) {
				log_error("master.reload", "msg=\"reload failed; keeping the running workers\"");
			} else {
				asset_init();
				/* Each old worker finishes its request and is replaced below. */
				for (i = 0; i < nworkers; i++)
					if (workers[i] > 0)
						kill(workers[i], SIGTERM);
			}
		}
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
			fcgi_loop_describe_exit(pid, st);
			for (i = 0; i < nworkers; i++) {
				if (workers[i] != pid)
					continue;
				workers[i] = 0;
				/* A worker that left cleanly (a reload asked it to) is
				 * replaced at once; only a crash waits out the second. */
				if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
					started[i] = 0;
			}
		}
		fcgi_loop_child = 0;
	}

	log_info("master.stop", "msg=\"stopping: workers finish their requests\"");
	alarm(0);
	deadline = fcgi_loop_now() + cfg_int("BAZAAR_STOP_TIMEOUT", 10);
	for (int tick = 0;; tick++) {
		/* Again every second: a worker that was between its check of the
		 * stop flag and accept() when the first signal came is woken by the
		 * next. A worker busy with a request holds the signal until done. */
		if (tick % 20 == 0)
			for (i = 0; i < nworkers; i++)
				if (workers[i] > 0)
					kill(workers[i], SIGTERM);
		alive = 0;
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
			for (i = 0; i < nworkers; i++)
				if (workers[i] == pid)
					workers[i] = 0;
		for (i = 0; i < nworkers; i++)
			if (workers[i] > 0)
				alive++;
		if (alive == 0)
			break;
		if (fcgi_loop_now() >= deadline) {
			for (i = 0; i < nworkers; i++)
				if (workers[i] > 0)
					kill(workers[i], SIGKILL);
			deadline = fcgi_loop_now() + 5;
		}
		usleep(50000);
	}
	if (created)
		unlink(sock);
	free(sock);
	log_info("master.stopped", "msg=\"all workers stopped\"");
	return 0;
}

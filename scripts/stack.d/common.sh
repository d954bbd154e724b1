# shellcheck shell=bash
# Sourced by scripts/stack: the settings, the bookkeeping of processes (PID
# files, start and stop, waiting) and the runtime directory. Each service has
# its own file beside this one (mariadb.sh, memcached.sh, programs.sh,
# nginx.sh) with its start_<service> and, where it needs one, stop_<service>.

# ---- settings ---------------------------------------------------------------

# The FastCGI programs, in start order. Adding a program is one word here
# plus its location in nginx/nginx.conf.in.
PROGRAMS="storefront vendor admin"
# Background jobs that run as long as the stack (cgi/jobs/, build/bin/bazaar-<job>).
JOBS="mailer cleanup accesslog planfees payouts orderexpiry refundsettle wishlist imgfeat recommend searchindex sitemap"

var_setting=${BAZAAR_VAR:-var/dev}
VAR=$var_setting
[[ $VAR == /* ]] || VAR=$repo/$VAR
VAR=${VAR%/}
RUN=$VAR/run
FCGI_DIR=$RUN/fcgi	# the programs' sockets
LOG=$VAR/log
HTTP_PORT=${BAZAAR_HTTP_PORT:-8080}
MEMCACHED_PORT=${BAZAAR_MEMCACHED_PORT:-11311}
DB_PORT=${BAZAAR_DB_PORT:-3316}
WORKERS=${BAZAAR_WORKERS:-4}
APP_ENV=${BAZAAR_ENV:-development}
# The sandbox payment provider (cgi/sandbox/) and its webhook sender run on
# development and test stacks only; a production stack uses a real provider.
if [[ $APP_ENV != production ]]; then
	PROGRAMS+=" sandbox"
	JOBS+=" sandbox_webhooks"
fi
PRODUCTS=${BAZAAR_PRODUCTS:-2000}
DB_NAME=${BAZAAR_DB_NAME:-bazaar}
DB_USER=${BAZAAR_DB_USER:-bazaar}
ASSET_BASE_URL=${BAZAAR_ASSET_BASE_URL:-}
BIN_DIR=${BAZAAR_BIN_DIR:-build/bin}
[[ $BIN_DIR == /* ]] || BIN_DIR=$repo/$BIN_DIR
URL=http://127.0.0.1:$HTTP_PORT
MEMCACHED_CONFIG="--SERVER=127.0.0.1:$MEMCACHED_PORT --TCP-NODELAY --CONNECT-TIMEOUT=100 --POLL-TIMEOUT=100 --RETRY-TIMEOUT=5 --DISTRIBUTION=consistent --NAMESPACE=\"bz:\""

# Seconds to wait for a service to come up.
START_TIMEOUT=${BAZAAR_START_TIMEOUT:-30}

IS_ROOT=0
((EUID == 0)) && IS_ROOT=1

say() { echo "stack: $*"; }
die() { echo "stack: $*" >&2; exit 1; }

for v in HTTP_PORT MEMCACHED_PORT DB_PORT WORKERS PRODUCTS; do
	[[ ${!v} =~ ^[0-9]+$ ]] || die "BAZAAR_$v must be a number, not '${!v}'"
done
[[ $DB_NAME =~ ^[A-Za-z0-9_]+$ && $DB_USER =~ ^[A-Za-z0-9_]+$ ]] ||
	die "BAZAAR_DB_NAME and BAZAAR_DB_USER may hold letters, digits and _ only"
# Empty (assets from the site itself) or the origin of a CDN, which the CSP
# then allows: https://cdn.example.com (pages link <it>/static/... and <it>/media/...).
asset_url_re='^(https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[^[:space:]"'"'"';]*)?)?$'
[[ $ASSET_BASE_URL =~ $asset_url_re ]] ||
	die "BAZAAR_ASSET_BASE_URL must be empty or an http(s) origin such as https://cdn.example.com, not '$ASSET_BASE_URL'"

# How to tell the user to stop this stack.
if [[ $var_setting == var/dev ]]; then
	STOP_HINT="make stop"
else
	STOP_HINT="BAZAAR_VAR=$var_setting make stop"
fi

# ---- processes --------------------------------------------------------------
# Components in start order; stop goes the other way. Each has a PID file:
# MariaDB and nginx write their own, the others are written here.

components() { echo "mariadb memcached $PROGRAMS $JOBS nginx"; }

pid_file() {
	case $1 in
	mariadb) echo "$RUN/mysqld.pid" ;;
	*) echo "$RUN/$1.pid" ;;
	esac
}

# The process name a live PID of the component must have, so that a stale
# PID file pointing at a reused PID is not mistaken for a running service.
process_name() {
	case $1 in
	mariadb) echo mariadbd ;;
	mailer) echo bazaar-mailer ;;
	cleanup) echo bazaar-cleanup ;;
	accesslog) echo bazaar-accesslo ;;	# comm keeps 15 characters
	*)	# a job runs as bazaar-<name>; the kernel keeps 15 characters
		local name=$1
		is_job "$1" && name=bazaar-$1
		echo "${name:0:15}" ;;
	esac
}

# True while the process exists and is not a zombie.
alive() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	[[ ${stat%% *} != Z ]]
}

# Prints the PID of a running component, or fails.
running_pid() {
	local file pid comm
	file=$(pid_file "$1")
	[[ -r $file ]] || return 1
	read -r pid <"$file" 2>/dev/null || return 1
	[[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 1
	comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
	[[ $comm == "$(process_name "$1")" ]] || return 1
	echo "$pid"
}

# Waits up to $2 seconds for PID $1 to exit.
wait_exit() {
	local pid=$1 i
	for ((i = 0; i < $2 * 10; i++)); do
		alive "$pid" || return 0
		sleep 0.1
	done
	! alive "$pid"
}

# Stops one component gracefully, forcefully if it does not listen. A
# service with its own way to stop has a stop_<name> function; the programs
# and jobs get TERM: a program's master forwards it to its workers, which
# finish the request in flight.
stop_component() {
	local name=$1 pid=$2
	if declare -F "stop_$name" >/dev/null; then
		"stop_$name" "$pid"
	else
		kill -TERM "$pid" 2>/dev/null || true
		wait_exit "$pid" 15 || true
	fi
	if alive "$pid"; then
		echo "stack: $name (pid $pid) did not stop in time; killing it" >&2
		# Programs were started as process group leaders: take the workers too.
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
		wait_exit "$pid" 5 || true
	fi
	case $name in
	mariadb | nginx) ;;	# they remove their own PID file
	*) rm -f "$(pid_file "$name")" "$FCGI_DIR/$name.sock" ;;
	esac
}

# Components started by this invocation, for the cleanup trap.
STARTED_NAMES=()
STARTED_PIDS=()
started() {
	STARTED_NAMES+=("$1")
	STARTED_PIDS+=("$2")
}

# Stops what this invocation started, newest first. A service restarted
# since (stack restart SERVICE) is found through its PID file.
stop_started() {
	local i pid
	for ((i = ${#STARTED_PIDS[@]} - 1; i >= 0; i--)); do
		pid=$(running_pid "${STARTED_NAMES[i]}") || pid=${STARTED_PIDS[i]}
		if alive "$pid"; then
			echo "stack: stopping ${STARTED_NAMES[i]}"
			stop_component "${STARTED_NAMES[i]}" "$pid"
		fi
	done
	STARTED_NAMES=()
	STARTED_PIDS=()
}

is_component() { [[ " $(components) " == *" $1 "* ]]; }
is_job() { [[ " $JOBS " == *" $1 "* ]]; }

# A service stopped on purpose (stack stop/restart SERVICE) is held until it
# is started again: `run` does not take its exit for a failure.
hold() { : >"$RUN/$1.held"; }
held() { [[ -e $RUN/$1.held ]]; }
release() { rm -f "$RUN/$1.held"; }

# The log a component writes to.
component_log() {
	case $1 in
	mariadb) echo "$LOG/mariadb.err" ;;
	nginx) echo "$LOG/nginx-error.log" ;;
	*) echo "$LOG/$1.log" ;;
	esac
}

# Shows why a service failed: the end of its log.
show_log() {
	if [[ -s $1 ]]; then
		echo "---- last lines of $1:" >&2
		tail -n "${2:-20}" "$1" | sed 's/^/  /' >&2
	fi
}

port_in_use() {
	[[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]
}

# Says which program holds a port, when we may know.
port_owner() {
	local users
	users=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:.*' | head -n 1) || true
	[[ -n $users ]] && echo "stack:   held by $users" >&2
	return 0
}

check_ports() {
	local port name
	while read -r port name; do
		if port_in_use "$port"; then
			echo "stack: port $port ($name) is in use by another program" >&2
			port_owner "$port"
			return 1
		fi
	done <<-EOF
		$DB_PORT MariaDB
		$MEMCACHED_PORT memcached
		$HTTP_PORT nginx HTTP
	EOF
}

# Waits up to START_TIMEOUT seconds for `$2...` to succeed while PID $1 lives.
wait_for() {
	local pid=$1 i
	shift
	for ((i = 0; i < START_TIMEOUT * 10; i++)); do
		"$@" && return 0
		alive "$pid" || return 1
		sleep 0.1
	done
	return 1
}

tcp_open() { (: >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---- the runtime directory --------------------------------------------------

# Wipes VAR, but only if it is one of ours (the marker file) or empty.
wipe_var() {
	[[ -e $VAR ]] || return 0
	if [[ ! -e $VAR/.bazaar-var && -n $(ls -A "$VAR") ]]; then
		die "BAZAAR_FRESH: $VAR is not a Bazaar runtime directory; not wiping it"
	fi
	rm -rf "$VAR"
}

# As root, the FastCGI programs run as this unprivileged system user, with
# nginx's group (www-data) as its group; it is created on first start.
PROGRAM_USER=${BAZAAR_PROGRAM_USER:-bazaar}

ensure_program_user() {
	id -u "$PROGRAM_USER" >/dev/null 2>&1 && return 0
	say "creating the system user $PROGRAM_USER (group www-data) for the programs"
	useradd --system --gid www-data --no-create-home --home-dir /nonexistent \
		--shell /usr/sbin/nologin "$PROGRAM_USER" ||
		die "could not create the system user $PROGRAM_USER"
}

setup_dirs() {
	local d
	mkdir -p "$VAR"/{db,binlog,dbtmp,run,log,media,keys,mail,tmp,secrets,clickstream,nginx/html}
	touch "$VAR/.bazaar-var"
	chmod 0755 "$VAR" "$VAR/media" "$VAR/nginx" "$VAR/nginx/html"
	chmod 0700 "$VAR/keys" "$VAR/secrets" "$VAR/tmp"
	chmod 0750 "$VAR/mail" "$VAR/clickstream"
	mkdir -p "$FCGI_DIR"
	chmod 0750 "$VAR/db" "$VAR/binlog" "$VAR/dbtmp" "$LOG" "$RUN" "$FCGI_DIR"
	touch "$LOG/mariadb.err"
	chmod 0640 "$LOG/mariadb.err"
	if ((IS_ROOT)); then
		# mariadbd runs as mysql: it owns its data and writes its socket and
		# PID file in VAR/run, which nginx's workers (www-data) must cross to
		# reach the program sockets. Nobody else gets in.
		chown -R mysql:mysql "$VAR/db" "$VAR/binlog" "$VAR/dbtmp"
		# The programs run as PROGRAM_USER, whose group is www-data: they
		# create their sockets in RUN/fcgi, which only they can write and only
		# nginx's workers can enter.
		ensure_program_user
		chown mysql:www-data "$RUN"
		chown "$PROGRAM_USER:www-data" "$FCGI_DIR"
		# The programs own the data key, the outgoing mail and the
		# directory their uploads are streamed to while a request runs.
		chown "$PROGRAM_USER" "$VAR/keys" "$VAR/mail" "$VAR/tmp"
		# They write the pictures vendors send; nginx's workers only read them.
		chown "$PROGRAM_USER:www-data" "$VAR/media"
		[[ -d $VAR/media/m ]] && chown -R "$PROGRAM_USER:www-data" "$VAR/media/m"
		[[ -d $VAR/media/.tmp ]] && chown -R "$PROGRAM_USER:www-data" "$VAR/media/.tmp"
		[[ -e $VAR/keys/data.key ]] && chown "$PROGRAM_USER" "$VAR/keys/data.key"
		chown root:mysql "$LOG"
		# nginx's clickstream log: its workers (www-data) open it again when
		# told to reopen their logs, and bazaar-accesslog reads it.
		chown root:www-data "$VAR/clickstream"
		chown mysql:mysql "$LOG/mariadb.err"
		runuser -u mysql -- test -w "$VAR/db" 2>/dev/null ||
			die "the mysql user cannot write $VAR/db: make its parent directories searchable (chmod o+x)"
		runuser -u www-data -- test -x "$FCGI_DIR" 2>/dev/null ||
			die "the www-data user cannot reach $FCGI_DIR: make its parent directories searchable (chmod o+x)"
		runuser -u "$PROGRAM_USER" -- test -r "$repo/templates/layout/base.tpl" -a -x "$BIN_DIR" 2>/dev/null ||
			die "the $PROGRAM_USER user cannot read $repo/templates or run $BIN_DIR: make their parent directories searchable (chmod o+x)"
	fi
	# Unix socket paths are limited to 107 bytes.
	for d in $PROGRAMS mysqld; do
		((${#FCGI_DIR} + ${#d} + 6 <= 107)) || die "$FCGI_DIR/$d.sock is too long for a unix socket; use a shorter BAZAAR_VAR"
	done
}


# shellcheck shell=bash
# Sourced by scripts/stack: the environment of the programs (VAR/env), the
# FastCGI programs, the background jobs and the data key.

# ---- the environment of the programs ----------------------------------------

# Single-quotes a value for the shell.
shell_quote() {
	local q="'\\''"
	printf "'%s'" "${1//\'/$q}"
}

print_env() {
	local password= webhook_secret= api_key=
	[[ -r $VAR/secrets/db_password ]] && password=$(<"$VAR/secrets/db_password")
	[[ -r $VAR/secrets/sandbox_webhook_secret ]] && webhook_secret=$(<"$VAR/secrets/sandbox_webhook_secret")
	[[ -r $VAR/secrets/sandbox_api_key ]] && api_key=$(<"$VAR/secrets/sandbox_api_key")
	echo "# Bazaar stack environment, written by scripts/stack: . $VAR/env"
	local name value
	while read -r name value; do
		printf 'export %s=%s\n' "$name" "$(shell_quote "$value")"
	done <<-EOF
		BAZAAR_ENV $APP_ENV
		BAZAAR_ROOT $repo
		BAZAAR_VAR $VAR
		BAZAAR_HTTP_PORT $HTTP_PORT
		BAZAAR_HTTP_URL $URL
		BAZAAR_SOCKET $FCGI_DIR/storefront.sock
		BAZAAR_WORKERS $WORKERS
		BAZAAR_DB_SOCKET $RUN/mysqld.sock
		BAZAAR_DB_HOST 127.0.0.1
		BAZAAR_DB_PORT $DB_PORT
		BAZAAR_DB_NAME $DB_NAME
		BAZAAR_DB_USER $DB_USER
		BAZAAR_DB_PASSWORD $password
		BAZAAR_MEMCACHED $MEMCACHED_CONFIG
		BAZAAR_MEMCACHED_PORT $MEMCACHED_PORT
		BAZAAR_TEMPLATES $repo/templates
		BAZAAR_STATIC_MANIFEST $repo/build/static/manifest.txt
		BAZAAR_ASSET_BASE_URL $ASSET_BASE_URL
		BAZAAR_MEDIA_DIR $VAR/media
		BAZAAR_NCHAN_SOCKET $RUN/nchan.sock
		BAZAAR_CURRENCY ${BAZAAR_CURRENCY:-EUR}
		BAZAAR_BASE_URL ${BAZAAR_BASE_URL:-$URL}
		BAZAAR_MAIL_DIR $VAR/mail
		BAZAAR_KEY_FILE $VAR/keys/data.key
		BAZAAR_PRODUCTS $PRODUCTS
		BAZAAR_SEARCH_DIR $VAR/search
	EOF
	# The sandbox payment provider and Bazaar's side of it (payment.h):
	# the provider signs webhooks with the secret Bazaar checks them with.
	if [[ $APP_ENV != production ]]; then
		while read -r name value; do
			printf 'export %s=%s\n' "$name" "$(shell_quote "$value")"
		done <<-EOF
			BAZAAR_PAYMENT_PROVIDER sandbox
			BAZAAR_SANDBOX_URL $URL/sandbox
			BAZAAR_SANDBOX_API_KEY $api_key
			BAZAAR_SANDBOX_WEBHOOK_SECRETS $webhook_secret
			BAZAAR_PAYMENT_WEBHOOK_SECRETS $webhook_secret
		EOF
	fi
	# Only the nginx workers' group may connect to the program sockets.
	((IS_ROOT)) && echo "export BAZAAR_SOCKET_GROUP=www-data"
	# Optional program settings (docs/configuration.md): passed on when set.
	for name in BAZAAR_CONFIG BAZAAR_SITE_NAME BAZAAR_LOG_LEVEL BAZAAR_SLOW_MS \
		BAZAAR_STOP_TIMEOUT BAZAAR_DB_TIMEOUT BAZAAR_SUPPORT_EMAIL \
		BAZAAR_SMTP_URL BAZAAR_SMTP_USER BAZAAR_SMTP_PASSWORD BAZAAR_SMTP_TIMEOUT BAZAAR_MAIL_FROM BAZAAR_MAILER_INTERVAL \
		BAZAAR_ARGON2_OPSLIMIT BAZAAR_ARGON2_MEMLIMIT BAZAAR_SESSION_IDLE BAZAAR_SESSION_MAX BAZAAR_SESSION_CACHE \
		BAZAAR_LOGIN_WINDOW BAZAAR_LOGIN_MAX_FAILURES BAZAAR_CLEANUP_INTERVAL BAZAAR_MEDIA_GRACE BAZAAR_MEDIA_PURGE_INTERVAL \
		BAZAAR_EVENTS_KEEP_DAYS BAZAAR_EVENTS_HORIZON BAZAAR_ACCESSLOG_INTERVAL BAZAAR_CLICKSTREAM_LOG \
		BAZAAR_ORDER_EXPIRY_INTERVAL BAZAAR_WISHLIST_INTERVAL BAZAAR_IMGFEAT_INTERVAL BAZAAR_SEARCH_LANGUAGE BAZAAR_SEARCHINDEX_INTERVAL \
		BAZAAR_BANK_ACCOUNT_NAME BAZAAR_BANK_NAME BAZAAR_BANK_IBAN BAZAAR_BANK_BIC; do
		[[ -n ${!name:-} ]] && echo "export $name=$(shell_quote "${!name}")"
	done
	return 0
}

write_env() {
	(
		umask 077	# it holds the database password
		print_env >"$VAR/env.tmp"
		mv -f "$VAR/env.tmp" "$VAR/env"
	)
}

# ---- the programs -----------------------------------------------------------

check_programs() {
	local p missing=()
	for p in $PROGRAMS; do
		[[ -x $BIN_DIR/$p ]] || missing+=("${BIN_DIR#"$repo"/}/$p")
	done
	((${#missing[@]} == 0)) && return 0
	if [[ ${BAZAAR_ALLOW_MISSING:-0} == 1 ]]; then
		say "warning: not built, not started: ${missing[*]}"
		return 0
	fi
	die "not built: ${missing[*]} (run make all, or set BAZAAR_ALLOW_MISSING=1)"
}

# spawn_program NAME BIN [SOCKET]: starts BIN in the background with the
# stack's environment (as PROGRAM_USER when root), in its own session,
# logging to LOG/NAME.log, and records its PID; $! is that PID.
spawn_program() {
	local name=$1 bin=$2 sock=${3:-}
	(
		set -a
		. "$VAR/env"
		[[ -n $sock ]] && export BAZAAR_SOCKET="$sock"
		set +a
		if ((IS_ROOT)); then
			exec setsid setpriv --reuid="$PROGRAM_USER" --regid=www-data --init-groups "$bin"
		fi
		exec setsid "$bin"
	) >>"$LOG/$name.log" 2>&1 </dev/null &
	started "$name" "$!"
	echo "$!" >"$(pid_file "$name")"
}

start_program() {
	local name=$1 bin=$BIN_DIR/$1 sock=$FCGI_DIR/$1.sock
	[[ -x $bin ]] || return 0	# allowed missing (check_programs)
	rm -f "$sock"
	# The program creates its socket (BAZAAR_SOCKET) itself and forks its
	# workers; it leads its own process group so that Ctrl-C in a terminal
	# reaches only this script, which stops everything in order.
	spawn_program "$name" "$bin" "$sock"
	local pid=$!
	if ! wait_for "$pid" test -S "$sock"; then
		show_log "$LOG/$name.log"
		die "$name did not create $sock (see $LOG/$name.log)"
	fi
	say "$name is up on $sock ($WORKERS workers)"
}

# A background job: runs until stopped, logs to LOG/<job>.log.
start_job() {
	local name=$1 bin=$BIN_DIR/bazaar-$1
	if [[ ! -x $bin ]]; then
		[[ ${BAZAAR_ALLOW_MISSING:-0} == 1 ]] || die "not built: ${bin#"$repo"/} (run make all)"
		say "warning: not built, not started: ${bin#"$repo"/}"
		return 0
	fi
	spawn_program "$name" "$bin"
	local pid=$!
	sleep 0.2
	if ! alive "$pid"; then
		show_log "$LOG/$name.log"
		die "$name did not start (see $LOG/$name.log)"
	fi
	say "$name is running (pid $pid)"
}

# The sandbox payment provider's API key and webhook secret (development
# and test stacks): made on the first start, kept in VAR/secrets.
ensure_sandbox_secrets() {
	[[ $APP_ENV == production ]] && return 0
	local name
	for name in sandbox_api_key sandbox_webhook_secret; do
		[[ -s $VAR/secrets/$name ]] && continue
		(
			umask 077
			head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$VAR/secrets/$name.tmp"
			mv -f "$VAR/secrets/$name.tmp" "$VAR/secrets/$name"
		)
	done
}

# The key that seals personal data at rest (cgi/lib/crypt.h): created on the
# first start, readable by the programs' user only. Losing it loses the
# encrypted personal data: back it up apart from the database.
ensure_data_key() {
	local key=$VAR/keys/data.key
	[[ -s $key ]] && return 0
	(
		umask 077
		printf '1 %s\n' "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$key.tmp"
		mv -f "$key.tmp" "$key"
	)
	((IS_ROOT)) && chown "$PROGRAM_USER" "$key"
	say "created the data key $key (mode 0600): back it up apart from the database"
}


# ---- the search index -------------------------------------------------------

# Builds the search index (cgi/lib/search.h) when there is none: a fresh
# shop, or a var directory from before it. Later changes reach it through
# the searchindex job; `bazaar-searchindex --rebuild` rebuilds it live.
build_search_index() {
	local tool=$BIN_DIR/bazaar-searchindex
	if [[ ! -x $tool ]]; then
		say "no search index: ${tool#"$repo"/} is not built (search uses MariaDB FULLTEXT)"
		return 0
	fi
	mkdir -p "$VAR/search"
	((IS_ROOT)) && chown "$PROGRAM_USER" "$VAR/search"
	if ((IS_ROOT)); then
		( set -a; . "$VAR/env"; setpriv --reuid="$PROGRAM_USER" --regid=www-data --init-groups "$tool" --if-missing ) >>"$LOG/searchindex.log" 2>&1 ||
			die "building the search index failed (see $LOG/searchindex.log)"
	else
		( set -a; . "$VAR/env"; "$tool" --if-missing ) >>"$LOG/searchindex.log" 2>&1 ||
			die "building the search index failed (see $LOG/searchindex.log)"
	fi
}

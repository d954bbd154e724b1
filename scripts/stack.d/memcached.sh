# shellcheck shell=bash
# Sourced by scripts/stack: memcached, the cache of pages and generations.

# ---- memcached --------------------------------------------------------------

start_memcached() {
	local args=(-l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0 -m "${BAZAAR_MEMCACHED_MB:-64}" -c 1024 -t "${BAZAAR_MEMCACHED_THREADS:-2}")
	((IS_ROOT)) && args+=(-u memcache)
	setsid memcached "${args[@]}" >>"$LOG/memcached.log" 2>&1 </dev/null &
	local pid=$!
	started memcached "$pid"
	echo "$pid" >"$(pid_file memcached)"
	if ! wait_for "$pid" tcp_open "$MEMCACHED_PORT"; then
		show_log "$LOG/memcached.log"
		die "memcached did not start (see $LOG/memcached.log)"
	fi
	say "memcached is up on 127.0.0.1:$MEMCACHED_PORT"
}


stop_memcached() {
	kill -TERM "$1" 2>/dev/null || true
	wait_exit "$1" 5 || true
}

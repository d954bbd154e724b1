# shellcheck shell=bash
# Sourced by scripts/stack: nginx, its configuration rendered from nginx/*.in.

# ---- nginx ------------------------------------------------------------------

# How nginx finds its files: everything under VAR/nginx, errors in VAR/log.
NGINX_ARGS=(-p "$VAR/nginx/" -c "$VAR/nginx/nginx.conf" -e "$LOG/nginx-error.log")

# The scheme://host[:port] of an absolute asset URL, for the CSP.
asset_origin() {
	if [[ $ASSET_BASE_URL =~ ^(https?://[^/]+) ]]; then
		echo "${BASH_REMATCH[1]}"
	fi
}

# Replaces @NAME@ placeholders; sed's special characters in values are escaped.
render() {
	local src=$1 dst=$2 user_line=""
	((IS_ROOT)) && user_line="user www-data;"
	local -a subst=(
		ROOT "$repo" VAR "$VAR" NGINX "$VAR/nginx"
		HTTP_PORT "$HTTP_PORT" MEMCACHED_PORT "$MEMCACHED_PORT"
		USER_LINE "$user_line" ASSET_ORIGIN "$(asset_origin)"
	)
	local script="" i value
	for ((i = 0; i < ${#subst[@]}; i += 2)); do
		value=${subst[i + 1]}
		value=${value//\\/\\\\}
		value=${value//|/\\|}
		value=${value//&/\\&}
		script+="s|@${subst[i]}@|$value|g;"
	done
	sed "$script" "$src" >"$dst.tmp"
	if grep -n '@[A-Z_]*@' "$dst.tmp" >&2; then
		rm -f "$dst.tmp"
		die "$src: unknown placeholder (above)"
	fi
	mv -f "$dst.tmp" "$dst"
}

# Which visitors get personal pages: the map made from the programs' own list
# (cgi/lib/visitor.c), so that nginx and the programs cannot disagree.
write_visitor_map() {
	local tool=$BIN_DIR/bazaar-nginx_visitor_map
	[[ -x $tool ]] || die "not built: ${tool#"$repo"/} (run make all)"
	"$tool" >"$VAR/nginx/visitor_map.conf.tmp" || die "${tool#"$repo"/} failed"
	mv -f "$VAR/nginx/visitor_map.conf.tmp" "$VAR/nginx/visitor_map.conf"
}

start_nginx() {
	local f
	for f in nginx/*.in; do
		f=${f#nginx/}
		render "nginx/$f" "$VAR/nginx/${f%.in}"
	done
	cp nginx/50x.html nginx/429.html nginx/413.html "$VAR/nginx/html/"
	# The sandbox payment provider's location, outside production only.
	if [[ $APP_ENV == production ]]; then
		: >"$VAR/nginx/sandbox_enabled.conf"
	else
		cp "$VAR/nginx/sandbox.conf" "$VAR/nginx/sandbox_enabled.conf"
	fi
	write_visitor_map
	if ! nginx -t -q "${NGINX_ARGS[@]}" -g "daemon off;" 2>"$LOG/nginx-check.log"; then
		cat "$LOG/nginx-check.log" >&2
		die "the nginx configuration $VAR/nginx/nginx.conf is not valid"
	fi
	setsid nginx "${NGINX_ARGS[@]}" -g "daemon off;" >>"$LOG/nginx-error.log" 2>&1 </dev/null &
	local pid=$!
	started nginx "$pid"
	if ! wait_for "$pid" tcp_open "$HTTP_PORT"; then
		show_log "$LOG/nginx-error.log"
		die "nginx did not start (see $LOG/nginx-error.log)"
	fi
	say "nginx is up on $URL"
}


# QUIT: finish the requests in flight, then exit.
stop_nginx() {
	kill -QUIT "$1" 2>/dev/null || true
	wait_exit "$1" 10 || { kill -TERM "$1" 2>/dev/null || true; wait_exit "$1" 5; } || true
}

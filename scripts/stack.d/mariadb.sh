# shellcheck shell=bash
# Sourced by scripts/stack: MariaDB (configuration, first start, the database
# and its application user) and the demo data loaded into an empty shop.

# ---- MariaDB ----------------------------------------------------------------

admin_user() {
	if ((IS_ROOT)); then echo root; else id -un; fi
}

write_mariadb_config() {
	{
		echo "# Written by scripts/stack on every start."
		echo "[mariadbd]"
		((IS_ROOT)) && echo "user = mysql"
		cat <<-EOF
			datadir = $VAR/db
			# Sorts and temporary tables in a directory of the stack's own,
			# not the machine's /tmp, which cleaners may empty under it.
			tmpdir = $VAR/dbtmp
			socket = $RUN/mysqld.sock
			pid-file = $RUN/mysqld.pid
			port = $DB_PORT
			bind-address = 127.0.0.1
			skip-name-resolve
			log-error = $LOG/mariadb.err
			character-set-server = utf8mb4
			collation-server = utf8mb4_unicode_ci
			# Durable commits, and a binary log for point-in-time recovery
			# (restore a backup, then replay the log up to the bad moment).
			innodb_flush_log_at_trx_commit = 1
			log_bin = $VAR/binlog/mariadb-bin
			binlog_format = ROW
			sync_binlog = 1
			server_id = 1
			binlog_expire_logs_seconds = 604800
			innodb_buffer_pool_size = ${BAZAAR_DB_BUFFER_POOL_MB:-256}M
		EOF
	} >"$VAR/my.cnf"
	# The administrator's client settings (scripts/migrate, the demo loader):
	# over the socket, authenticated by the operating system user.
	(
		umask 077
		cat >"$VAR/client.cnf" <<-EOF
			[client]
			socket = $RUN/mysqld.sock
			user = $(admin_user)
			default-character-set = utf8mb4
		EOF
	)
}

init_mariadb() {
	[[ -d $VAR/db/mysql ]] && return 0
	say "creating a new MariaDB database in $VAR/db"
	local args=(--no-defaults --datadir="$VAR/db" --skip-test-db --auth-root-authentication-method=socket)
	if ((IS_ROOT)); then
		args+=(--user=mysql)
	else
		args+=(--auth-root-socket-user="$(id -un)")
	fi
	if ! mariadb-install-db "${args[@]}" >"$LOG/mariadb-install.log" 2>&1; then
		show_log "$LOG/mariadb-install.log"
		die "mariadb-install-db failed"
	fi
}

start_mariadb() {
	write_mariadb_config
	init_mariadb
	setsid mariadbd --defaults-file="$VAR/my.cnf" >>"$LOG/mariadb.err" 2>&1 </dev/null &
	local pid=$!
	started mariadb "$pid"
	if ! wait_for "$pid" mariadb-admin --defaults-file="$VAR/client.cnf" --connect-timeout=1 ping >/dev/null 2>&1; then
		show_log "$LOG/mariadb.err"
		die "MariaDB did not start (see $LOG/mariadb.err)"
	fi
	say "MariaDB is up on $RUN/mysqld.sock and 127.0.0.1:$DB_PORT"
	setup_database
}

stop_mariadb() {
	mariadb-admin --defaults-file="$VAR/client.cnf" --connect-timeout=2 shutdown >/dev/null 2>&1 ||
		kill -TERM "$1" 2>/dev/null || true
	wait_exit "$1" 60 || true
}

# Creates the database and the application user, whose password lives in
# VAR/secrets/db_password. Runs on every start: it only changes what is
# missing or different.
setup_database() {
	local pwfile=$VAR/secrets/db_password password
	if [[ ! -s $pwfile ]]; then
		(
			umask 077
			head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$pwfile"
		)
	fi
	chmod 0600 "$pwfile"
	password=$(<"$pwfile")
	[[ $password =~ ^[0-9a-f]+$ ]] || die "$pwfile: expected a hex password"
	local host sql="CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
	for host in localhost 127.0.0.1; do
		sql+="
			CREATE USER IF NOT EXISTS '$DB_USER'@'$host' IDENTIFIED BY '$password';
			ALTER USER '$DB_USER'@'$host' IDENTIFIED BY '$password';
			REVOKE ALL PRIVILEGES, GRANT OPTION FROM '$DB_USER'@'$host';
			GRANT SELECT, INSERT, UPDATE, DELETE ON \`$DB_NAME\`.* TO '$DB_USER'@'$host';"
	done
	# On stdin, not in the arguments: ps shows arguments to every user.
	mariadb --defaults-file="$VAR/client.cnf" <<<"$sql" || die "could not create database $DB_NAME and user $DB_USER"
}

# One value from the database (admin client), or nothing.
db_value() {
	mariadb --defaults-file="$VAR/client.cnf" --batch --skip-column-names "$DB_NAME" -e "$1" 2>/dev/null || true
}

table_exists() {
	[[ $(db_value "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '$1'") == 1 ]]
}

# Fills an empty shop with the demo catalog.
load_demo_data() {
	table_exists products || return 0
	[[ $(db_value "SELECT EXISTS (SELECT 1 FROM products)") == 0 ]] || return 0
	local gen=$BIN_DIR/bazaar-demo_catalog
	if [[ ! -x $gen ]]; then
		say "no demo data: ${gen#"$repo"/} is not built"
		return 0
	fi
	say "loading the demo catalog ($PRODUCTS products)"
	if ! ( set -a; . "$VAR/env"; "$gen" --products "$PRODUCTS" --media "$VAR/media" ) |
		mariadb --defaults-file="$VAR/client.cnf" "$DB_NAME" >/dev/null; then
		die "loading the demo catalog failed"
	fi
	# The pictures it wrote are the programs' to keep (and to delete).
	if ((IS_ROOT)); then
		chown -R "$PROGRAM_USER:www-data" "$VAR/media"
	fi
}

# The demo shops' ledger history and the listing awaiting review
# (cgi/tools/demo_history.c), through the ledger and moderation modules,
# right after the catalogue. Does nothing once the ledger has an entry.
load_demo_history() {
	table_exists vendor_ledger || return 0
	[[ $(db_value "SELECT EXISTS (SELECT 1 FROM products) AND NOT EXISTS (SELECT 1 FROM vendor_ledger)") == 1 ]] ||
		return 0
	local tool=$BIN_DIR/bazaar-demo_history
	if [[ ! -x $tool ]]; then
		say "no demo ledger history: ${tool#"$repo"/} is not built"
		return 0
	fi
	say "writing the demo shops' ledger history"
	( set -a; . "$VAR/env"; "$tool" ) || die "writing the demo ledger history failed"
}

# Demo people (cgi/tools/demo_accounts.c): a customer, an account for each
# catalogue vendor, a pending and a rejected vendor, an admin. Runs once, on
# a database without users. Prints the logins to VAR/demo-logins.txt.
load_demo_accounts() {
	table_exists users || return 0
	[[ $(db_value "SELECT EXISTS (SELECT 1 FROM users)") == 0 ]] || return 0
	local tool=$BIN_DIR/bazaar-demo_accounts
	if [[ ! -x $tool ]]; then
		say "no demo accounts: ${tool#"$repo"/} is not built"
		return 0
	fi
	say "creating the demo accounts"
	( set -a; . "$VAR/env"; umask 077; "$tool" >"$VAR/demo-logins.txt" ) ||
		die "creating the demo accounts failed"
}

# The demo shops' shipping, payment and return terms and the categories' tax
# rates (cgi/tools/demo_shipping.c), through the pages' own code. Does
# nothing once any shop has terms, so a shop's own changes stay.
load_demo_shipping() {
	table_exists vendor_shipping || return 0
	[[ $(db_value "SELECT EXISTS (SELECT 1 FROM products) AND NOT EXISTS (SELECT 1 FROM vendor_shipping)") == 1 ]] ||
		return 0
	local tool=$BIN_DIR/bazaar-demo_shipping
	if [[ ! -x $tool ]]; then
		say "no demo shipping terms: ${tool#"$repo"/} is not built"
		return 0
	fi
	say "setting the demo shops' shipping terms and tax rates"
	( set -a; . "$VAR/env"; "$tool" ) || die "setting the demo shipping terms failed"
}

# A few demo coupons (cgi/tools/demo_coupons.c), through the pages' own
# code, on a database with the demo shops and no coupon yet; they are added
# to VAR/demo-logins.txt, printed with the logins.
load_demo_coupons() {
	table_exists coupons || return 0
	[[ $(db_value "SELECT EXISTS (SELECT 1 FROM vendors) AND NOT EXISTS (SELECT 1 FROM coupons)") == 1 ]] ||
		return 0
	local tool=$BIN_DIR/bazaar-demo_coupons
	if [[ ! -x $tool ]]; then
		say "no demo coupons: ${tool#"$repo"/} is not built"
		return 0
	fi
	say "creating the demo coupons"
	( set -a; . "$VAR/env"; umask 077; "$tool" >>"$VAR/demo-logins.txt" ) ||
		die "creating the demo coupons failed"
}

# The demo catalogue's search synonyms (cgi/tools/demo_synonyms.c), as
# /admin/synonyms adds them, on a database with products and no synonym
# group yet; the search index gets them from their events.
load_demo_synonyms() {
	table_exists synonym_groups || return 0
	[[ $(db_value "SELECT EXISTS (SELECT 1 FROM products) AND NOT EXISTS (SELECT 1 FROM synonym_groups)") == 1 ]] ||
		return 0
	local tool=$BIN_DIR/bazaar-demo_synonyms
	if [[ ! -x $tool ]]; then
		say "no demo synonyms: ${tool#"$repo"/} is not built"
		return 0
	fi
	say "adding the demo search synonyms"
	( set -a; . "$VAR/env"; "$tool" ) || die "adding the demo search synonyms failed"
}

# Demo orders, deliveries and reviews (cgi/tools/demo_reviews.c), through
# the pages' own code, on a development database with the demo shops and no
# order yet, so every rating shown is backed by reviews one can read. Not on
# the test stack: its tests start from a shop without orders.
load_demo_reviews() {
	[[ $APP_ENV == development ]] || return 0
	table_exists reviews || return 0
	[[ $(db_value "SELECT EXISTS (SELECT 1 FROM vendor_shipping) AND NOT EXISTS (SELECT 1 FROM orders)") == 1 ]] ||
		return 0
	local tool=$BIN_DIR/bazaar-demo_reviews
	if [[ ! -x $tool ]]; then
		say "no demo reviews: ${tool#"$repo"/} is not built"
		return 0
	fi
	say "placing, delivering and reviewing the demo orders"
	( set -a; . "$VAR/env"; umask 077; "$tool" >>"$VAR/demo-logins.txt" ) ||
		die "the demo orders and reviews failed"
}

# Search by picture's descriptors of the pictures already stored (the demo
# catalogue is loaded without events; cgi/tools/imgindex.c). The features
# job (bazaar-imgfeat) keeps them up to date from then on. Does nothing once
# every product picture has one.
load_image_features() {
	table_exists image_features || return 0
	[[ $(db_value "SELECT EXISTS (SELECT 1 FROM product_images i LEFT JOIN image_features f ON f.media_id = i.media_id WHERE i.media_id IS NOT NULL AND f.media_id IS NULL)") == 1 ]] ||
		return 0
	local tool=$BIN_DIR/bazaar-imgindex
	if [[ ! -x $tool ]]; then
		say "no picture index: ${tool#"$repo"/} is not built"
		return 0
	fi
	say "describing the product pictures for search by picture"
	( set -a; . "$VAR/env"; "$tool" backfill >/dev/null ) ||
		die "describing the product pictures failed"
}

# The demo shoppers' paid orders with co-purchase patterns
# (cgi/tools/demo_orders.c, cgi/lib/demoorders.h), through the pages' own
# code, after the demo reviews, so the recommendations have baskets to learn
# from. Development stacks only, once. The test stack plans the same orders
# in memory for its offline measure (tests/unit/check_demoorders.c).
load_demo_orders() {
	[[ $APP_ENV == development ]] || return 0
	table_exists recs_rules || return 0
	[[ $(db_value "SELECT EXISTS (SELECT 1 FROM vendor_shipping) AND NOT EXISTS (SELECT 1 FROM users WHERE email = 'shopper001@demo.bazaar.test')") == 1 ]] ||
		return 0
	local tool=$BIN_DIR/bazaar-demo_orders
	if [[ ! -x $tool ]]; then
		say "no demo orders: ${tool#"$repo"/} is not built"
		return 0
	fi
	say "placing the demo shoppers' orders"
	( set -a; . "$VAR/env"; umask 077; "$tool" >>"$VAR/demo-logins.txt" ) ||
		die "the demo orders failed"
}

# The demo customer's wishlists (cgi/tools/demo_wishlists.c), through the
# wishlist module as the pages make them, on a development database once
# the demo customer exists and has no list yet; the shared list's address
# is added to VAR/demo-logins.txt. Not on the test stack, whose tests start
# from accounts without lists.
load_demo_wishlists() {
	[[ $APP_ENV == development ]] || return 0
	table_exists wishlists || return 0
	[[ $(db_value "SELECT EXISTS (SELECT 1 FROM users u WHERE u.email = 'customer@demo.bazaar.test'
		AND NOT EXISTS (SELECT 1 FROM wishlists w WHERE w.user_id = u.id))") == 1 ]] || return 0
	local tool=$BIN_DIR/bazaar-demo_wishlists
	if [[ ! -x $tool ]]; then
		say "no demo wishlists: ${tool#"$repo"/} is not built"
		return 0
	fi
	say "saving the demo customer's wishlists"
	( set -a; . "$VAR/env"; umask 077; "$tool" >>"$VAR/demo-logins.txt" ) ||
		die "the demo wishlists failed"
}

demo_summary() {
	local products vendors
	if ! table_exists products; then
		echo "Demo data: none yet (no products table)"
		return
	fi
	products=$(db_value "SELECT COUNT(*) FROM products")
	if table_exists vendors; then
		vendors=$(db_value "SELECT COUNT(*) FROM vendors")
		echo "Demo data: ${products:-0} products from ${vendors:-0} vendors"
	else
		echo "Demo data: ${products:-0} products"
	fi
	# The logins (with the admin's TOTP secret) only on a development stack.
	if [[ $APP_ENV == development && -r $VAR/demo-logins.txt ]]; then
		echo
		cat "$VAR/demo-logins.txt"
	fi
}


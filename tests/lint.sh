#!/usr/bin/env bash
# Static checks of house rules that a compiler cannot see:
#  - every template starts with the AUTOESCAPE pragma (partials do not inherit it);
#  - a raw {{X:none}} carries a {{! comment }} on its line saying why it is safe;
#  - every route in a program's table has a handler with a ROUTE: header comment,
#    and every template a route names exists;
#  - every POST route carries R_CSRF (or R_SIGNED: a machine's request the
#    handler authenticates itself, route.h);
#  - docs/routes.md and the route tables agree both ways: every route is listed
#    with its method, pattern and access (the first word of the access column:
#    anyone, login, vendor, admin or support, from the route's flags), and every listed
#    route exists;
#  - every statement given to the db module is a literal, a constant table of
#    literals or a parameter passed through, with as many ? placeholders as
#    bind letters, as many arguments as the letters take, and each argument of
#    the type its letter reads (tests/lint/sqlcheck.c, on the preprocessed
#    sources; the compiler then checks the argument types);
#  - every cgi/lib module (.c, .cc) has its unit test file tests/unit/check_<module>.c;
#  - no SQL is formatted with printf;
#  - a POST form with a field to fill in carries novalidate, so the site's own
#    messages (checked by the server) show instead of the browser's tooltips;
#  - no string in cgi/lib names a URL of a program (they belong in the program's
#    struct app or its own files): a string starting with the literal part of a
#    route pattern ("/admin/2fa", "/login", "/vendor/...") is refused.
# Prints one line per failure and "N passed, N failed" last. It also checks
# itself: a copy of the tree with one fault of each kind must fail with each
# message (LINT_ROOT points a run at that copy; LINT_SQLCHECK names the
# checker, built by make test-build).
set -u
here=$(cd "$(dirname "$0")" && pwd)
sqlcheck=${LINT_SQLCHECK:-$here/../build/tests/lint/sqlcheck}
cd "${LINT_ROOT:-$here/..}"
passed=0
failed=0
ok()   { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }

while IFS= read -r -d '' tpl; do
	if head -n 1 "$tpl" | grep -q '^{{%AUTOESCAPE context="HTML"}}'; then ok
	else fail "$tpl does not begin with {{%AUTOESCAPE context=\"HTML\"}}"; fi
	if grep -n ':none}}' "$tpl" | grep -v '{{!' >/dev/null; then
		fail "$tpl uses :none without a {{! comment }} saying why the value is safe"
	else ok; fi
done < <(find templates -name '*.tpl' -print0 | sort -z)

unchecked=$(perl -0777 -ne '
	while (/(<form\b[^>]*>)(.*?)<\/form>/sg) {
		my ($tag, $body, $fields) = ($1, $2, 0);
		next unless $tag =~ /method="post"/i;
		while ($body =~ /<(input|textarea|select)\b([^>]*)>/g) {
			$fields = 1 unless $1 eq "input" && $2 =~ /type="(hidden|submit)"/;
		}
		print "$ARGV: $tag\n" if $fields && $tag !~ /\bnovalidate\b/;
	}' $(find templates -name '*.tpl' | sort))
if [ -z "$unchecked" ]; then ok
else
	while IFS= read -r line; do
		fail "${line%%: *}: a POST form with fields lacks novalidate (the browser's tooltips would hide the site's messages): ${line#*: }"
	done <<<"$unchecked"
fi

routes=$(mktemp)
for main in cgi/*/*_main.c; do
	[ -f "$main" ] || continue
	dir=$(dirname "$main")
	# Route rows look like: { "GET", "/p/{id}-{slug}", handler, "tpl" or NULL, ...
	while IFS='|' read -r method pattern handler template flags; do
		[ -n "$handler" ] || continue
		printf '%s %s\n' "$method" "$pattern" >>"$routes"
		case $flags in
		*R_ADMIN*) access=admin ;;
		*R_SUPPORT*) access=support ;;
		*R_VENDOR*) access=vendor ;;
		*R_LOGIN*) access=login ;;
		*) access=anyone ;;
		esac
		row=$(grep -F "| $method | \`$pattern\` |" docs/routes.md 2>/dev/null | head -n 1)
		if [ -z "$row" ]; then
			fail "docs/routes.md does not list $method $pattern"
		elif [ "$(awk -F'|' '{ print $4 }' <<<"$row" | grep -oE '[a-z]+' | head -n 1)" = "$access" ]; then ok
		else fail "docs/routes.md: $method $pattern: the access column does not begin with '$access'"; fi
		if [ "$method" = POST ]; then
			case $flags in
			*R_CSRF*|*R_SIGNED*) ok ;;
			*) fail "$main: route POST $pattern lacks R_CSRF" ;;
			esac
		fi
		file=$(grep -lE "^${handler}\(" "$dir"/*.c 2>/dev/null | head -n 1)
		if [ -z "$file" ]; then
			fail "$main: route $method $pattern: handler $handler not found in $dir"
			continue
		fi
		# The comment block that ends just before "int" + "handler(" must name the route.
		if awk -v h="$handler" -v want="ROUTE: $method $pattern" '
			/^\/\*/ { block = ""; inblock = 1 }
			inblock { block = block "\n" $0 }
			/\*\// { inblock = 0; last = block; since = 0; next }
			{ since++ }
			$0 ~ "^" h "\\(" { found = (since <= 2 && index(last, want) > 0); exit }
			END { exit found ? 0 : 1 }' "$file"; then ok
		else fail "$file: $handler lacks a header comment with 'ROUTE: $method $pattern'"; fi
		if [ "$template" != "NULL" ]; then
			if [ -f "templates/$template" ]; then ok
			else fail "$main: route $method $pattern names missing template templates/$template"; fi
		fi
	# Rows may span lines: read the table as one line.
	done < <(tr '\n\t' '  ' <"$main" |
		 grep -oE '\{ *"(GET|POST)", *"[^"]+", *[a-z_0-9]+, *("[^"]*"|NULL), *[^,]+' |
		 sed -E 's/\{ *"([A-Z]+)", *"([^"]+)", *([a-z_0-9]+), *"?([^",]*)"?, *(.*)/\1|\2|\3|\4|\5/')
done

# Nothing listed that no table has.
while IFS= read -r listed; do
	if grep -qxF "$listed" "$routes"; then ok
	else fail "docs/routes.md lists $listed, which no route table has"; fi
done < <(sed -nE 's/^\| *(GET|POST|PUT|PATCH|DELETE|HEAD) *\| *`([^`]+)` *\|.*/\1 \2/p' docs/routes.md 2>/dev/null)
rm -f "$routes"

# Every library module has its unit test file.
for src in cgi/lib/*.c cgi/lib/*.cc; do
	[ -f "$src" ] || continue
	module=$(basename "${src%.*}")
	if [ -f "tests/unit/check_$module.c" ]; then ok
	else fail "$src has no unit test file tests/unit/check_$module.c"; fi
done

# The statements given to the db module, on the sources as the compiler sees them.
if [ ! -x "$sqlcheck" ]; then
	fail "$sqlcheck is missing (make test-build builds it)"
else
	work=$(mktemp -d)
	mkdir "$work/typed"
	flags=$(pkg-config --cflags $(sed -n 's/^PKGS *:= *//p' "$here/../Makefile") 2>/dev/null)
	export flags work
	if find cgi -name '*.c' -print0 | sort -z | xargs -0 -r -P 2 -n 8 sh -c '
		for src; do
			cc -E -std=c11 -D_GNU_SOURCE -iquote cgi/lib $flags "$src" \
				-o "$work/$(printf %s "$src" | tr / _).i" || exit 1
		done' sh; then ok
	else fail "the preprocessor failed on cgi/ (see above)"; fi
	out=$("$sqlcheck" -o "$work/typed" "$work"/*.i 2>&1)
	if [ -z "$out" ]; then ok
	else while IFS= read -r line; do fail "$line"; done <<<"$out"; fi
	# Each bind argument was wrapped in a _Generic selection accepting only its letter's type.
	typed=0
	for t in "$work"/typed/*.i; do
		[ -f "$t" ] || continue
		while IFS= read -r line; do
			typed=1
			fail "$(sed -E -e "s/^([^:]+:[0-9]+):[0-9]+: error: '?_Generic'? selector of type '?([^']*)'? is not compatible.*/\1: a bind argument of type '\2', not the type its letter reads (db.h)/" \
				-e "s/^([^:]+:[0-9]+):[0-9]+: error: invalid type argument of unary '\*' \(have '([^']*)'\).*/\1: a blob bind of type '\2', not a pointer (db.h)/" <<<"$line")"
		done < <(cc -fsyntax-only -w -std=c11 "$t" 2>&1 | grep -E '^[^ ]+:[0-9]+:[0-9]+: error:' |
			 sed -E "s/[‘’]/'/g")
	done
	[ "$typed" -eq 0 ] && ok
	rm -rf "$work"
fi

if grep -rnE 'printf\([^;]*"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE)[[:space:]]' cgi >/dev/null 2>&1; then
	fail "SQL built with printf in cgi/ (use constant SQL with ? placeholders)"
else ok; fi

# The literal start of every route pattern (up to its first capture), except
# the root. Shared on purpose: /p/ is the product page's canonical address,
# which the catalogue module builds because every program that changes a
# product must drop that page from the cache (catalog.h).
shared_urls='/p/'
prefixes=$(tr '\n\t' '  ' <<<"$(cat cgi/*/*_main.c 2>/dev/null)" |
	   grep -oE '\{ *"(GET|POST)", *"/[^"{]+' | sed -E 's/.*"(\/[^"{]*)$/\1/' | sort -u)
# Strings in the library's code (not its comments), as FILE:LINE:TEXT; a
# leading "%s" (a base address) is dropped.
lib_urls=$(grep -nE '"(%s)?/[^"]*"' cgi/lib/*.c cgi/lib/*.h cgi/lib/*.cc 2>/dev/null |
	   grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)' |
	   grep -oE '^[^:]+:[0-9]+:|"(%s)?/[^"]*"' |
	   awk '/^[^"]/ { where = $0; next } { t = substr($0, 2, length($0) - 2); sub(/^%s/, "", t); print where t }')
named=0
while IFS= read -r hit; do
	[ -n "$hit" ] || continue
	text=${hit#*:*:}
	while IFS= read -r prefix; do
		[ -n "$prefix" ] || continue
		case " $shared_urls " in *" $prefix "*) continue ;; esac
		case $text in
		"$prefix"*) fail "${hit%"$text"} cgi/lib names the program URL \"$text\" (route $prefix...): put it in the program's struct app or pass it in"
			    named=1
			    break ;;
		esac
	done <<<"$prefixes"
done <<<"$lib_urls"
[ "$named" -eq 0 ] && ok

if [ -z "${LINT_ROOT:-}" ]; then
	copy=$(mktemp -d)
	cp -R templates cgi docs "$copy"/
	mkdir -p "$copy/tests"
	cp -R tests/unit "$copy/tests/"
	tpl=$(find "$copy/templates" -name '*.tpl' | sort | head -n 1)
	sed -i '1d' "$tpl"
	main=$(ls "$copy"/cgi/*/*_main.c | head -n 1)
	handler=$(grep -oE '\{ *"GET", *"[^"]+", *[a-z_0-9]+' "$main" | head -n 1 | sed -E 's/.*, *//')
	file=$(grep -lE "^${handler}\(" "$(dirname "$main")"/*.c | head -n 1)
	sed -i 's/ROUTE: /R0UTE: /' "$file"
	# A POST route without its CSRF flag.
	sed -i -E '0,/"POST",(.*)R_CSRF/s//"POST",\1 0/' "$main"
	# routes.md: a route that does not exist, and an admin route said to be open to anyone.
	printf '| GET | `/no/such/route` | anyone | nothing |\n' >>"$copy/docs/routes.md"
	sed -i -E '0,/^(\| GET \| `\/admin\/[^`]*` \|) admin /s//\1 anyone /' "$copy/docs/routes.md"
	# A form that lets the browser check its fields.
	sed -i 's/ novalidate>/>/' "$copy/templates/admin/vendors_view.tpl"
	# A library file that knows where the admin site's second-factor page is.
	printf 'static const char *lint_mfa_page = "/admin/2fa";\n' >>"$copy/cgi/lib/auth.c"
	# A library module without its test file.
	rm "$copy/tests/unit/check_buf.c"
	# Statements with every fault the SQL check knows (tests/lint/bad_sql.c says which).
	cp "$here/lint/bad_sql.c" "$copy/cgi/lib/lint_bad_sql.c"
	touch "$copy/tests/unit/check_lint_bad_sql.c"
	out=$(LINT_ROOT=$copy LINT_SQLCHECK=$sqlcheck bash "$here/lint.sh" 2>&1)
	rm -rf "$copy"
	missed=
	for want in "does not begin with" "lacks a header comment" "lacks R_CSRF" \
		'names the program URL "/admin/2fa"' \
		'vendors_view.tpl: a POST form with fields lacks novalidate' \
		"lists GET /no/such/route, which no route table has" "the access column does not begin with 'admin'" \
		"cgi/lib/buf.c has no unit test file" \
		"lint_bad_sql.c:[0-9]+: db_exec: the SQL text is not a string literal" \
		"lint_bad_sql.c:[0-9]+: db_exec: 2 placeholders for 1 bind" \
		"lint_bad_sql.c:[0-9]+: db_query: 1 placeholder for 2 binds" \
		"lint_bad_sql.c:[0-9]+: db_scalar: bind types \"is\" need 2 arguments, the call gives 1" \
		"lint_bad_sql.c:[0-9]+: db_exec: the bind types are not a string literal" \
		"lint_bad_sql.c:[0-9]+: lint_bad_sql_wrapper passes its SQL parameter to statements with 1 and 2 binds" \
		"lint_bad_sql.c:[0-9]+: lint_bad_sql_delete: 0 placeholders for 1 bind" \
		"lint_bad_sql.c:[0-9]+: db_exec: 0 placeholders for 1 bind: \"DELETE FROM u\"" \
		"lint_bad_sql.c:$(grep -n 'db_exec(q.lint_other_sql' "$here/lint/bad_sql.c" | cut -d: -f1): db_exec: the SQL text is not a string literal" \
		"lint_bad_sql.c:[0-9]+: a bind argument of type 'int', not the type its letter reads" \
		"lint_bad_sql.c:[0-9]+: a bind argument of type 'long int', not the type its letter reads" \
		"lint_bad_sql.c:[0-9]+: a bind argument of type 'long long int', not the type its letter reads" \
		"lint_bad_sql.c:[0-9]+: a bind argument of type 'unsigned int', not the type its letter reads" \
		"lint_bad_sql.c:[0-9]+: a blob bind of type 'int', not a pointer"; do
		grep -qE -- "$want" <<<"$out" || missed="$missed [$want]"
	done
	if [ -z "$missed" ]; then ok
	else fail "lint.sh did not catch a fault of its own sample:$missed"; fi
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]

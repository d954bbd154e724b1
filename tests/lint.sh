#!/usr/bin/env bash
# Static checks of house rules that a compiler cannot see:
#  - every template starts with the AUTOESCAPE pragma (partials do not inherit it);
#  - a raw {{X:none}} carries a {{! comment }} on its line saying why it is safe;
#  - every route in a program's table has a handler with a ROUTE: header comment,
#    and every template a route names exists;
#  - every POST route carries R_CSRF, and docs/routes.md lists every route;
#  - no SQL is formatted with printf;
#  - no string in cgi/lib names a URL of a program (they belong in the program's
#    struct app or its own files): a string starting with the literal part of a
#    route pattern ("/admin/2fa", "/login", "/vendor/...") is refused.
# Prints one line per failure and "N passed, N failed" last. It also checks
# itself: a copy of the tree with a template lacking the pragma and a handler
# lacking its comment must fail (LINT_ROOT points a run at that copy).
set -u
here=$(cd "$(dirname "$0")" && pwd)
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

for main in cgi/*/*_main.c; do
	[ -f "$main" ] || continue
	dir=$(dirname "$main")
	# Route rows look like: { "GET", "/p/{id}-{slug}", handler, "tpl" or NULL, ...
	while IFS='|' read -r method pattern handler template flags; do
		[ -n "$handler" ] || continue
		if grep -qF "| $method | \`$pattern\` |" docs/routes.md 2>/dev/null; then ok
		else fail "docs/routes.md does not list $method $pattern"; fi
		if [ "$method" = POST ]; then
			case $flags in
			*R_CSRF*) ok ;;
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
	cp -R templates cgi "$copy"/
	tpl=$(find "$copy/templates" -name '*.tpl' | sort | head -n 1)
	sed -i '1d' "$tpl"
	main=$(ls "$copy"/cgi/*/*_main.c | head -n 1)
	handler=$(grep -oE '\{ *"GET", *"[^"]+", *[a-z_0-9]+' "$main" | head -n 1 | sed -E 's/.*, *//')
	file=$(grep -lE "^${handler}\(" "$(dirname "$main")"/*.c | head -n 1)
	sed -i 's/ROUTE: /R0UTE: /' "$file"
	# A POST route without its CSRF flag.
	sed -i -E '0,/"POST",(.*)R_CSRF/s//"POST",\1 0/' "$main"
	# A library file that knows where the admin site's second-factor page is.
	printf 'static const char *lint_mfa_page = "/admin/2fa";\n' >>"$copy/cgi/lib/auth.c"
	out=$(LINT_ROOT=$copy bash "$here/lint.sh" 2>&1)
	rm -rf "$copy"
	if grep -q "does not begin with" <<<"$out" && grep -q "lacks a header comment" <<<"$out" &&
		grep -q "lacks R_CSRF" <<<"$out" && grep -q 'names the program URL "/admin/2fa"' <<<"$out"; then ok
	else fail "lint.sh did not catch a template without the pragma, a handler without its comment, a POST route without R_CSRF and a program URL in cgi/lib"; fi
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]

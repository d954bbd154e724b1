// Shared helpers for the HTTP and browser tests. They run against a stack
// started by scripts/stack; its environment file (VAR/env) provides
// BAZAAR_HTTP_URL, BAZAAR_VAR, BAZAAR_DB_* and BAZAAR_MEMCACHED_PORT.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** Reads a required setting from the environment, or fails loudly. */
export function env(name) {
	const v = process.env[name];
	if (v === undefined || v === '') {
		throw new Error(`${name} is not set: start a stack (scripts/stack start) and load its VAR/env`);
	}
	return v;
}

export const BASE_URL = env('BAZAAR_HTTP_URL').replace(/\/+$/, '');

/** The absolute URL of a path on the stack (absolute URLs pass through). */
export function url(path) {
	if (/^https?:\/\//.test(path)) return path;
	return BASE_URL + path;
}

/**
 * fetch() against the stack, never following redirects. Returns the
 * Response with its body already read into `res.text`.
 */
export async function get(path, init = {}) {
	const res = await fetch(url(path), { redirect: 'manual', ...init });
	res.text = await res.text();
	return res;
}

/** The same for another method (POST with a body, HEAD ...). */
export async function request(method, path, init = {}) {
	return get(path, { method, ...init });
}

// ---- the database ---------------------------------------------------------

/** Validates a value used as an SQL parameter: a safe integer only. */
export function sqlInt(v) {
	const n = typeof v === 'string' && /^-?[0-9]+$/.test(v) ? Number(v) : v;
	if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${v}`);
	return n;
}

// Undoes the escaping of mariadb --batch output.
function unescapeField(s) {
	if (s === 'NULL') return null;
	return s.replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', 0: '\0', '\\': '\\' })[c] ?? c);
}

/**
 * Runs constant SQL with the mariadb client and returns the rows as objects
 * (column name -> string or null). Integer parameters are bound as user
 * variables @p1, @p2 ... after validation; the SQL text itself never
 * contains data.
 */
export function sql(query, params = []) {
	const set = params.map((p, i) => `SET @p${i + 1} = ${sqlInt(p)};`).join('\n');
	const out = execFileSync('mariadb', [
		'--no-defaults',
		`--socket=${env('BAZAAR_DB_SOCKET')}`,
		`--user=${env('BAZAAR_DB_USER')}`,
		'--batch',
		'--default-character-set=utf8mb4',
		env('BAZAAR_DB_NAME'),
	], {
		input: `${set}\n${query}\n`,
		env: { ...process.env, MYSQL_PWD: env('BAZAAR_DB_PASSWORD') },
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const lines = out.split('\n').filter((l) => l !== '');
	if (lines.length === 0) return [];
	const cols = lines[0].split('\t');
	return lines.slice(1).map((line) => {
		const f = line.split('\t');
		return Object.fromEntries(cols.map((c, i) => [c, unescapeField(f[i] ?? '')]));
	});
}

/** The first row of sql(), failing when there is none. */
export function sqlRow(query, params = []) {
	const rows = sql(query, params);
	assert.ok(rows.length > 0, `no row for: ${query.trim().split('\n')[0]}`);
	return rows[0];
}

// ---- the catalogue as the pages should show it ------------------------------

const CURRENCY_SYMBOLS = { EUR: '€', USD: '$', GBP: '£' };

/**
 * Formats minor units the way the storefront does (money_format): symbol,
 * thousands separated by commas, two decimals: 123450 -> "€1,234.50".
 */
export function money(minor) {
	const n = BigInt(minor);
	const neg = n < 0n;
	const abs = neg ? -n : n;
	const units = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	const cents = (abs % 100n).toString().padStart(2, '0');
	const cur = process.env.BAZAAR_CURRENCY || 'EUR';
	const sym = CURRENCY_SYMBOLS[cur];
	if (sym === undefined) return `${neg ? '-' : ''}${units}.${cents} ${cur}`;
	return `${neg ? '-' : ''}${sym}${units}.${cents}`;
}

/**
 * Waits (up to 20 s) until the search index's writer (bazaar-searchindex) has
 * applied every product.changed event written so far: search and category
 * pages list from the index, which follows a change within about a second.
 */
export async function searchSettled() {
	for (let i = 0; i < 200; i++) {
		const left = Number(sqlRow(`SELECT COUNT(*) AS n FROM events e WHERE e.type = 'product.changed'
			AND e.id > COALESCE((SELECT position FROM event_consumers WHERE consumer = 'search.index'), 0)
			AND NOT EXISTS (SELECT 1 FROM event_handled h WHERE h.consumer = 'search.index' AND h.event_id = e.id)`).n);
		if (left === 0) return;
		await sleep(100);
	}
	assert.fail('the search index\'s writer did not apply the changes within 20 s');
}

/**
 * For a test that compares a listing with the database: earlier tests (the
 * page tests among them) change and delete products with SQL and no event,
 * which the application never does, so the search index may still hold their
 * old state. Writes a product.changed event for every product id ever given
 * out (ids deleted since are taken out of the index), then waits as
 * searchSettled does.
 */
export async function searchResynced() {
	const next = Number(sqlRow(`SELECT AUTO_INCREMENT AS n FROM information_schema.tables
		WHERE table_schema = DATABASE() AND table_name = 'products'`).n);
	const last = Math.max(1, Number.isSafeInteger(next) ? next - 1 : 1);
	sql(`INSERT INTO events (type, subject_id) SELECT 'product.changed', seq FROM seq_1_to_${last}`);
	await searchSettled();
}

/**
 * After memcached was stopped or restarted and one page came back from it:
 * that was one worker. Each worker's connection, after a failure, waits out
 * its own retry time (--RETRY-TIMEOUT of BAZAAR_MEMCACHED) before it tries
 * the server again; this waits until every worker got there, so that the
 * test files that follow find the page cache working.
 */
export async function memcachedRetried() {
	const retry = Number(/--RETRY-TIMEOUT=([0-9]+)/.exec(process.env.BAZAAR_MEMCACHED ?? '')?.[1] ?? 5);
	await sleep(retry * 1000 + 500);
}

/** The text as ctemplate's HTML escaping writes it. */
export function htmlEscape(s) {
	return s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** Decodes the entities ctemplate writes (enough to compare text). */
export function htmlUnescape(s) {
	return s
		.replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
		.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

/** Asserts that the page's HTML shows `text` (HTML-escaped or not). */
export function assertShows(html, text, what = 'page') {
	const plain = htmlUnescape(html);
	assert.ok(plain.includes(text), `${what} should show ${JSON.stringify(text)}`);
}

/** Asserts that the page's HTML does not show `text`. */
export function assertNotShows(html, text, what = 'page') {
	const plain = htmlUnescape(html);
	assert.ok(!plain.includes(text), `${what} should not show ${JSON.stringify(text)}`);
}

/** The `<h1>` text of a page, decoded, or null. */
export function h1(html) {
	const m = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
	return m ? htmlUnescape(m[1].replace(/<[^>]+>/g, '')).trim() : null;
}

/** The canonical path of a product page. */
export function productPath(p) {
	return `/p/${sqlInt(p.id)}-${p.slug}`;
}

/**
 * A product the storefront lists: active, of a verified vendor, in stock,
 * with a slug, with its category and vendor. `offset` picks another one.
 */
export function activeProduct(offset = 0) {
	return sqlRow(`
		SELECT p.id, p.slug, p.name, p.price_minor, p.compare_at_minor, p.stock,
		       p.category_id, p.top_category_id,
		       c.slug AS category_slug, c.name AS category_name,
		       t.slug AS top_slug, t.name AS top_name,
		       v.slug AS vendor_slug, v.trading_name AS vendor_name
		  FROM products p
		  JOIN categories c ON c.id = p.category_id
		  JOIN categories t ON t.id = p.top_category_id
		  JOIN vendors v ON v.id = p.vendor_id
		 WHERE p.status = 'active' AND v.status = 'verified' AND p.stock > 0
		 ORDER BY p.id
		 LIMIT 1 OFFSET ${sqlInt(offset)}`);
}

// ---- security headers --------------------------------------------------------

/** Asserts the headers nginx adds to every response, errors included. */
export function assertSecurityHeaders(res, what) {
	const h = (name) => res.headers.get(name);
	const csp = h('content-security-policy');
	assert.ok(csp, `${what}: Content-Security-Policy missing`);
	const directives = Object.fromEntries(
		csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
			const [name, ...values] = d.split(/\s+/);
			return [name.toLowerCase(), values];
		}));
	const scriptSrc = directives['script-src'] ?? directives['default-src'];
	assert.ok(scriptSrc, `${what}: CSP has neither script-src nor default-src: ${csp}`);
	assert.ok(!scriptSrc.includes("'unsafe-inline'"), `${what}: CSP script-src allows 'unsafe-inline': ${csp}`);
	assert.ok(!scriptSrc.includes("'unsafe-eval'"), `${what}: CSP script-src allows 'unsafe-eval': ${csp}`);
	assert.equal(h('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
	const fa = directives['frame-ancestors'];
	const xfo = h('x-frame-options');
	assert.ok((fa && fa.join(' ') === "'none'") || (xfo && /^(deny|sameorigin)$/i.test(xfo)),
		`${what}: neither frame-ancestors 'none' nor X-Frame-Options (CSP: ${csp}; XFO: ${xfo})`);
	assert.ok(h('referrer-policy'), `${what}: Referrer-Policy missing`);
	const server = h('server');
	if (server !== null) {
		assert.ok(!/\d/.test(server), `${what}: Server header reveals a version: ${server}`);
	}
}

/**
 * Asserts that a page carries the site layout (header, search, footer).
 * search: false for a program whose header leaves the shop's search box out
 * (the admin site): then the header must have none (an error page may still
 * offer a search of its own).
 */
export function assertLayout(html, what, { search = true } = {}) {
	assert.match(html, /<!DOCTYPE html>/i, `${what}: not an HTML document`);
	assert.match(html, /<header class="site-header"/, `${what}: no site header`);
	if (search) {
		assert.match(html, /<form class="site-search"[^>]*action="\/search"/, `${what}: no search box`);
	} else {
		assert.doesNotMatch(html, /<form class="site-search"/, `${what}: the shop's search box`);
	}
	assert.match(html, /<footer class="site-footer"/, `${what}: no site footer`);
	assert.match(html, /<link rel="stylesheet" href="[^"]*\/css\/site\.[0-9a-f]+\.css"/, `${what}: no stylesheet`);
}

// ---- memcached ---------------------------------------------------------------

/**
 * Sends one text-protocol command to the stack's memcached and returns the
 * reply up to its terminator (END, DELETED, NOT_FOUND, STORED, a number ...).
 */
export function memcached(command, { timeoutMs = 2000 } = {}) {
	const port = Number(env('BAZAAR_MEMCACHED_PORT'));
	return new Promise((resolve, reject) => {
		const sock = net.createConnection({ host: '127.0.0.1', port });
		let data = '';
		const timer = setTimeout(() => {
			sock.destroy();
			reject(new Error(`memcached: no answer to ${command.split(' ')[0]}`));
		}, timeoutMs);
		sock.setEncoding('utf8');
		sock.on('connect', () => sock.write(`${command}\r\n`));
		sock.on('data', (chunk) => {
			data += chunk;
			if (/(^|\r\n)(END|DELETED|NOT_FOUND|STORED|NOT_STORED|OK|ERROR|VERSION [^\r]*|CLIENT_ERROR [^\r]*|SERVER_ERROR [^\r]*)\r\n$/.test(data)
				|| /^[0-9]+\r\n$/.test(data)) {
				clearTimeout(timer);
				sock.end();
				resolve(data);
			}
		});
		sock.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
	});
}

/** Deletes the cached copy of a page ("bz:pg:<path>"). */
export async function forgetPage(path) {
	if (!/^\/[\x21-\x7e]{1,230}$/.test(path)) throw new Error(`not a cacheable path: ${path}`);
	const reply = await memcached(`delete bz:pg:${path}`);
	assert.match(reply, /^(DELETED|NOT_FOUND)\r\n$/, `memcached delete: ${reply}`);
}

/** The copy of a page memcached holds, or null. */
export async function cachedPage(path) {
	const reply = await memcached(`get bz:pg:${path}`);
	const m = /^VALUE \S+ \d+ (\d+)\r\n/.exec(reply);
	if (!m) return null;
	const start = m[0].length;
	return Buffer.from(reply.slice(start), 'utf8').subarray(0, Number(m[1])).toString('utf8');
}

/** Asks for a product page as client (a Client of accounts.mjs) until nginx
 * serves it from memcached; that answer. */
export async function cachedProductPage(client, product) {
	for (let i = 0; i < 40; i++) {
		const res = await client.get(productPath(product));
		assert.equal(res.status, 200);
		if (res.headers.get('x-cache') === 'HIT') return res;
		await sleep(100);
	}
	assert.fail('the product page never came from nginx\'s cache');
}

/** True when memcached holds a copy of the page. */
export async function pageIsCached(path) {
	return (await cachedPage(path)) !== null;
}

/** The PID of a stack component from its PID file (VAR/run/<name>.pid). */
export function componentPid(name) {
	const file = `${env('BAZAAR_VAR')}/run/${name}.pid`;
	const pid = Number(readFileSync(file, 'utf8').trim());
	assert.ok(Number.isSafeInteger(pid) && pid > 1, `${file}: not a PID`);
	return pid;
}

/**
 * Asks for a page until it is in memcached (after a restart of memcached,
 * the programs' client waits a few seconds before trying it again).
 */
export async function waitCached(path) {
	for (let i = 0; i < 60; i++) {
		await get(path);
		if (await pageIsCached(path)) return;
		await sleep(250);
	}
	assert.fail(`${path} did not get into memcached`);
}

/**
 * Runs scripts/stack on the stack under test, e.g. stackCommand('restart',
 * 'memcached'), and returns its output; throws if it fails.
 */
export function stackCommand(...args) {
	return execFileSync(`${env('BAZAAR_ROOT')}/scripts/stack`, args, {
		env: { ...process.env, BAZAAR_VAR: env('BAZAAR_VAR') },
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

/** Waits for `ms` milliseconds. */
export function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/**
 * The product cards of a listing page, in page order: path, id, name and
 * price text. Sponsored cards are marked (they come before the listing) with
 * the promotion their link names.
 */
export function parseCards(html) {
	const cards = [];
	const re = /<article class="card">([\s\S]*?)<\/article>/g;
	let m;
	while ((m = re.exec(html)) !== null) {
		const card = m[1];
		const link = /<a class="card-link" href="(\/p\/(\d+)-[a-z0-9-]+)(?:\?sp=(\d+))?"/.exec(card);
		const name = /<h3 class="card-title">([\s\S]*?)<\/h3>/.exec(card);
		const price = /<p class="price">(?:<span class="visually-hidden">[^<]*<\/span>)?([^<]+)/.exec(card);
		cards.push({
			path: link ? link[1] : null,
			id: link ? Number(link[2]) : null,
			name: name ? htmlUnescape(name[1]).trim() : null,
			price: price ? htmlUnescape(price[1]).trim() : null,
			sponsored: card.includes('class="sponsored-tag"'),
			// a Sponsored card's promotion (its link's ?sp=)
			promotion: link && link[3] ? Number(link[3]) : null,
		});
	}
	return cards;
}

/** The listing's own cards (sponsored placements left out). */
export function listingCards(html) {
	return parseCards(html).filter((c) => !c.sponsored);
}

/** Thousands separated by commas, as the pages write counts. */
export function groupDigits(n) {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

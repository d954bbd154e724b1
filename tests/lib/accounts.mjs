// Helpers for the account tests (tests/http/*.test.mjs, tests/e2e/accounts):
// an HTTP client with a cookie jar that can speak from another loopback
// address, CSRF tokens from forms, logins of the demo people, admin second
// factor codes (RFC 6238), the mail the mailer writes as <id>.eml files, and
// the list of secrets the tests saw, which zz_log_secrets checks the logs
// against.
//
// Login failures count per address and per client IP (10 in 15 minutes lock
// them): tests that fail a login on purpose do it for a throwaway account
// and from a spare loopback address (spareClient), never for a demo account
// and never from 127.0.0.1, which every other test uses.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { BASE_URL, env, htmlUnescape, sleep, sql, sqlInt, sqlRow } from './stack.mjs';

const BASE = new URL(BASE_URL);
export const ORIGIN = BASE.origin;

// ---- the demo people (cgi/tools/demo_accounts.c) ------------------------------

export const DEMO = {
	customer: { email: 'customer@demo.bazaar.test', password: 'demo customer password' },
	vendor: { email: 'northwind-home@demo.bazaar.test', password: 'demo vendor password' },
	pendingVendor: { email: 'copper-kettle-crafts@demo.bazaar.test', password: 'demo vendor password' },
	rejectedVendor: { email: 'rejected@demo.bazaar.test', password: 'demo vendor password' },
	admin: { email: 'admin@demo.bazaar.test', password: 'demo admin password' },
};
export const DEMO_PASSWORDS = ['demo customer password', 'demo vendor password', 'demo admin password'];

/** The stack's demo-logins.txt (written by scripts/stack). */
export function demoLogins() {
	return readFileSync(join(env('BAZAAR_VAR'), 'demo-logins.txt'), 'utf8');
}

/** The demo admin's TOTP secret (base32) from demo-logins.txt. */
export function demoAdminSecret() {
	const m = /TOTP secret ([A-Z2-7]{16,})/.exec(demoLogins());
	assert.ok(m, 'demo-logins.txt names the admin\'s TOTP secret');
	rememberSecret('totp-secret', m[1]);
	return m[1];
}

// ---- SQL with string parameters ---------------------------------------------------

/**
 * sql() with parameters that may be strings: every parameter becomes @p1,
 * @p2 ... (strings are passed hex-encoded, so the query text stays constant
 * and no typed value can change it).
 */
export function q(query, params = []) {
	const sets = params.map((p, i) => {
		if (typeof p === 'string') {
			return `SET @p${i + 1} = CONVERT(UNHEX('${Buffer.from(p, 'utf8').toString('hex')}') USING utf8mb4) COLLATE utf8mb4_unicode_ci;`;
		}
		return `SET @p${i + 1} = ${sqlInt(p)};`;
	}).join('\n');
	return sql(`${sets}\n${query}`);
}

/** The first row of q(), failing when there is none. */
export function qRow(query, params = []) {
	const rows = q(query, params);
	assert.ok(rows.length > 0, `no row for: ${query.trim().split('\n')[0]}`);
	return rows[0];
}

/** One value of the first row (or null when there is no row). */
export function qValue(query, params = []) {
	const rows = q(query, params);
	if (rows.length === 0) return null;
	return Object.values(rows[0])[0];
}

/**
 * Runs SQL that should fail, as the application's database user, and
 * returns the error the server gave (null when it did not fail).
 */
export function sqlError(query) {
	try {
		execFileSync('mariadb', [
			'--no-defaults', `--socket=${env('BAZAAR_DB_SOCKET')}`, `--user=${env('BAZAAR_DB_USER')}`,
			'--batch', env('BAZAAR_DB_NAME'),
		], {
			input: `${query}\n`,
			env: { ...process.env, MYSQL_PWD: env('BAZAAR_DB_PASSWORD') },
			encoding: 'utf8',
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		return null;
	} catch (e) {
		return String(e.stderr || e.message);
	}
}

/** The users row of an address, or null. */
export function userByEmail(email) {
	return q(`SELECT id, email, name, role, status, status_reason, email_verified_at, password_hash,
		phone_enc IS NOT NULL AS has_phone, HEX(phone_enc) AS phone_hex, totp_last_step
		FROM users WHERE email = @p1`, [email])[0] ?? null;
}

/** The ids of a user's sessions, oldest first. */
export function sessionIds(userId) {
	return sql('SELECT id FROM sessions WHERE user_id = @p1 ORDER BY id', [userId]).map((r) => Number(r.id));
}

/** Audit entries of an action about an object, oldest first. */
export function auditEntries(action, objectType, objectId) {
	return q(`SELECT id, actor_id, actor_role, action, object_type, object_id, ip, detail
		FROM audit_log WHERE action = @p1 AND object_type = @p2 AND object_id = @p3 ORDER BY id`,
	[action, objectType, objectId]);
}

// ---- secrets the tests saw (checked against the logs) -----------------------------

function secretsFile() {
	const dir = join(env('BAZAAR_VAR'), 'tmp');
	mkdirSync(dir, { recursive: true });
	return join(dir, 'test-secrets.tsv');
}

const remembered = new Set();

/** Notes a secret the logs must never contain ("kind<TAB>value" lines). */
export function rememberSecret(kind, value) {
	if (typeof value !== 'string' || value === '' || /[\t\n]/.test(value)) return;
	const key = `${kind}\t${value}`;
	if (remembered.has(key)) return;
	remembered.add(key);
	appendFileSync(secretsFile(), `${key}\n`, { mode: 0o600 });
}

/** Every secret noted so far, by any test file: [{ kind, value }]. */
export function rememberedSecrets() {
	const file = secretsFile();
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
		const at = line.indexOf('\t');
		return { kind: line.slice(0, at), value: line.slice(at + 1) };
	});
}

// ---- unique throwaway identities -------------------------------------------------

/** A new address nobody has: t-<random>@example.test. */
export function uniqueEmail(tag = 't') {
	return `${tag}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}@example.test`;
}

/** A new acceptable password (noted as a secret). */
export function newPassword() {
	const words = ['amber', 'lantern', 'orchard', 'pebble', 'quartz', 'saddle', 'thistle', 'walnut', 'cobalt', 'meadow'];
	const pick = () => words[randomInt(words.length)];
	const pw = `${pick()} ${pick()} ${pick()} ${randomBytes(3).toString('hex')}`;
	rememberSecret('password', pw);
	return pw;
}

/** A spare loopback address for deliberate failures and rate limits. */
export function spareAddress() {
	return `127.${randomInt(10, 250)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;
}

// ---- HTML ---------------------------------------------------------------------------

/** Text of an HTML fragment: tags dropped, entities decoded, spaces folded. */
export function textOf(html) {
	return htmlUnescape(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** Attributes of one start tag as an object (names lower-cased). */
export function attrs(tag) {
	const out = {};
	const re = /([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
	const inner = tag.replace(/^<[A-Za-z0-9]+/, '').replace(/\/?>$/, '');
	let m;
	while ((m = re.exec(inner)) !== null) {
		out[m[1].toLowerCase()] = htmlUnescape(m[2] ?? m[3] ?? m[4] ?? '');
	}
	return out;
}

/** Every <form> of a page: { action, method, fields: {name: value}, html }. */
export function forms(html) {
	const out = [];
	const re = /<form\b[^>]*>[\s\S]*?<\/form>/gi;
	let m;
	while ((m = re.exec(html)) !== null) {
		const open = /^<form\b[^>]*>/i.exec(m[0])[0];
		const a = attrs(open);
		const fields = {};
		for (const input of m[0].match(/<input\b[^>]*>/gi) ?? []) {
			const ia = attrs(input);
			if (!ia.name) continue;
			if ((ia.type === 'checkbox' || ia.type === 'radio') && !('checked' in ia)) continue;
			if (ia.type === 'submit' || ia.type === 'button') continue;
			fields[ia.name] = ia.value ?? '';
		}
		for (const ta of m[0].matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
			const ia = attrs(`<textarea${ta[1]}>`);
			if (ia.name) fields[ia.name] = htmlUnescape(ta[2]);
		}
		out.push({ action: a.action ?? '', method: (a.method ?? 'get').toLowerCase(), fields, html: m[0] });
	}
	return out;
}

/** The form posting to action (a path), or undefined. */
export function formFor(html, action) {
	return forms(html).find((f) => f.action === action);
}

/** The csrf hidden field's value of the first form that has one, or null. */
export function csrfOf(html) {
	const m = /<input\b[^>]*\bname="csrf"[^>]*>/i.exec(html);
	if (!m) return null;
	const v = attrs(m[0]).value;
	return v && /^[0-9a-f]{64}$/.test(v) ? v : null;
}

/**
 * The error shown next to a form field: the text of the element with id
 * "<field>-error" (or "<prefix>-<field>-error"), without the hidden "Error:"
 * prefix; null when there is none.
 */
export function fieldError(html, field) {
	const id = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const re = new RegExp(`<([a-z]+)\\b[^>]*\\bid="(?:[^"]*-)?${id}-error"[^>]*>([\\s\\S]*?)</\\1>`, 'i');
	const m = re.exec(html);
	return m ? textOf(m[2]).replace(/^Error:\s*/, '') : null;
}

/**
 * Asserts the form shows `expected` next to `field`: the error element, and
 * the control itself marked aria-invalid and described by it.
 */
export function assertFieldError(html, field, expected, what = field) {
	const err = fieldError(html, field);
	assert.ok(err !== null, `${what}: no error shown next to the field "${field}"`);
	if (expected instanceof RegExp) assert.match(err, expected, `${what}: error next to "${field}"`);
	else if (expected !== undefined) assert.ok(err.includes(expected), `${what}: error next to "${field}" is "${err}", expected "${expected}"`);
	const controls = [...html.matchAll(/<(input|textarea|select)\b[^>]*>/gi)].map((c) => attrs(c[0]))
		.filter((a) => a.name === field);
	assert.ok(controls.length > 0, `${what}: no control named "${field}"`);
	const c = controls[0];
	assert.equal(c['aria-invalid'], 'true', `${what}: the "${field}" control is not marked aria-invalid`);
	assert.ok((c['aria-describedby'] ?? '').split(/\s+/).some((id) => id.endsWith(`${field}-error`)),
		`${what}: the "${field}" control is not described by its error (aria-describedby="${c['aria-describedby'] ?? ''}")`);
	return err;
}

/** The value a form control named `field` shows. */
export function fieldValue(html, field) {
	for (const c of html.matchAll(/<input\b[^>]*>/gi)) {
		const a = attrs(c[0]);
		if (a.name === field) return a.value ?? '';
	}
	const ta = new RegExp(`<textarea\\b[^>]*\\bname="${field}"[^>]*>([\\s\\S]*?)</textarea>`, 'i').exec(html);
	return ta ? htmlUnescape(ta[1]) : null;
}

/** The flash message of a page (layout's role="status" box), or null. */
export function flashOf(html) {
	const m = /<div class="flash"[^>]*>([\s\S]*?)<\/div>/.exec(html);
	return m ? textOf(m[1]) : null;
}

// ---- HTTP with a cookie jar -----------------------------------------------------

/** A parsed Set-Cookie header. */
export function parseSetCookie(line) {
	const parts = line.split(';').map((s) => s.trim());
	const [nv, ...rest] = parts;
	const eq = nv.indexOf('=');
	const cookie = { name: nv.slice(0, eq), value: nv.slice(eq + 1), attrs: {}, raw: line };
	for (const p of rest) {
		const i = p.indexOf('=');
		const k = (i < 0 ? p : p.slice(0, i)).toLowerCase();
		cookie.attrs[k] = i < 0 ? true : p.slice(i + 1);
	}
	return cookie;
}

/**
 * A visitor: a cookie jar and the CSRF token of the last form seen. Speaks
 * through nginx from 127.0.0.1, or from another loopback address
 * (localAddress) so that rate limits and failure counts of 127.0.0.1 stay
 * untouched. Never follows redirects.
 */
export class Client {
	constructor({ localAddress, userAgent = 'bazaar-tests' } = {}) {
		this.localAddress = localAddress;
		this.userAgent = userAgent;
		this.cookies = new Map();
		this.csrf = null;
	}

	/** The value of a cookie in the jar, or undefined. */
	cookie(name) {
		return this.cookies.get(name);
	}

	/** The session cookie's token, or undefined. */
	get session() {
		return this.cookies.get('bz_session');
	}

	setCookie(name, value) {
		if (value === undefined || value === null) this.cookies.delete(name);
		else this.cookies.set(name, value);
	}

	/** A copy of this visitor (same cookies), e.g. to replay an old cookie. */
	clone(options = {}) {
		const c = new Client({ localAddress: this.localAddress, userAgent: this.userAgent, ...options });
		c.cookies = new Map(this.cookies);
		c.csrf = this.csrf;
		return c;
	}

	/**
	 * One request. Returns { status, headers (Headers), setCookies (parsed),
	 * location, text }. The jar takes the cookies set; a page's csrf field
	 * becomes this.csrf.
	 */
	request(method, path, { body, headers = {}, timeoutMs = 20_000 } = {}) {
		const h = {
			Host: BASE.host,
			'User-Agent': this.userAgent,
			Accept: 'text/html,application/json;q=0.9,*/*;q=0.8',
			...headers,
		};
		if (this.cookies.size && !('Cookie' in h)) {
			h.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		}
		if (h.Cookie === null) delete h.Cookie;
		let payload;
		if (body !== undefined) {
			payload = Buffer.from(body, 'utf8');
			h['Content-Length'] = String(payload.length);
		}
		return new Promise((resolve, reject) => {
			const req = http.request({
				host: BASE.hostname,
				port: Number(BASE.port || 80),
				method,
				path,
				headers: h,
				localAddress: this.localAddress,
				agent: false,
			}, (res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const out = {
						status: res.statusCode,
						headers: new Headers(),
						setCookies: [],
						text: Buffer.concat(chunks).toString('utf8'),
					};
					for (let i = 0; i < res.rawHeaders.length; i += 2) {
						out.headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
					}
					for (const line of res.headers['set-cookie'] ?? []) {
						const c = parseSetCookie(line);
						out.setCookies.push(c);
						const gone = c.value === '' || c.attrs['max-age'] === '0'
							|| (c.attrs.expires && Date.parse(c.attrs.expires) < Date.now());
						if (gone) this.cookies.delete(c.name);
						else this.cookies.set(c.name, c.value);
						if (c.name.endsWith('bz_session') && c.value) rememberSecret('session-token', c.value);
						if (c.name === 'bz_csrf' && c.value) rememberSecret('csrf-token', c.value);
					}
					out.location = res.headers.location ?? null;
					if (/text\/html/.test(res.headers['content-type'] ?? '')) {
						const t = csrfOf(out.text);
						if (t) {
							this.csrf = t;
							rememberSecret('csrf-token', t);
						}
					}
					resolve(out);
				});
				res.on('error', reject);
			});
			req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)));
			req.on('error', reject);
			if (payload) req.write(payload);
			req.end();
		});
	}

	get(path, options = {}) {
		return this.request('GET', path, options);
	}

	/**
	 * A form POST: urlencoded fields and the csrf field (this.csrf unless
	 * csrf is given; csrf: null leaves it out). No Origin header unless
	 * origin is given (ORIGIN is the site's own, as a browser sends it).
	 */
	post(path, fields = {}, { csrf, origin = null, headers = {} } = {}) {
		const params = new URLSearchParams();
		const entries = Array.isArray(fields) ? fields : Object.entries(fields);
		for (const [k, v] of entries) {
			if (v !== undefined && v !== null) params.append(k, String(v));
		}
		const token = csrf === undefined ? this.csrf : csrf;
		if (token !== null && token !== undefined && !params.has('csrf')) params.append('csrf', token);
		const h = { 'Content-Type': 'application/x-www-form-urlencoded', ...headers };
		if (origin !== null) h.Origin = origin;
		return this.request('POST', path, { body: params.toString(), headers: h });
	}

	/** GETs a page with a form, asserting 200 and a csrf token in it. */
	async form(path) {
		const res = await this.get(path);
		assert.equal(res.status, 200, `GET ${path}: ${res.status}\n${res.text.slice(0, 300)}`);
		const token = csrfOf(res.text);
		assert.ok(token, `GET ${path}: the page has no csrf hidden field`);
		this.csrf = token;
		return res;
	}
}

/** A visitor speaking from a spare loopback address (see spareAddress). */
export function spareClient(options = {}) {
	return new Client({ localAddress: spareAddress(), ...options });
}

/** The path (with query) of an absolute link to the site. */
export function pathOf(link) {
	const u = new URL(link, BASE_URL);
	return u.pathname + u.search;
}

/** Asserts a redirect (303 unless given) and returns the path it points to. */
export function assertRedirect(res, status = 303, what = 'response') {
	assert.equal(res.status, status, `${what}: status ${res.status}, expected ${status}\n${res.text.slice(0, 500)}`);
	assert.ok(res.location, `${what}: no Location`);
	return pathOf(res.location);
}

// ---- logging in ---------------------------------------------------------------------

/**
 * Logs in at /login with email and password; asserts the redirect and a new
 * session cookie. Returns the path it redirects to.
 */
export async function login(client, email, password, { next } = {}) {
	await client.form(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
	rememberSecret('password', password);
	const before = client.session;
	const res = await client.post('/login', { email, password, next });
	const to = assertRedirect(res, 303, `POST /login as ${email}`);
	assert.ok(client.session, `POST /login as ${email}: no session cookie`);
	assert.notEqual(client.session, before, 'login starts a new session');
	return to;
}

/** A new visitor logged in as one of the DEMO people (not the admin). */
export async function loginAs(who, options = {}) {
	const client = new Client(options);
	const d = typeof who === 'string' ? DEMO[who] : who;
	await login(client, d.email, d.password);
	return client;
}

/**
 * Signs up a new customer at /signup; returns { client (logged in), email,
 * password, name, user (users row) }.
 */
export async function signupCustomer({ client = new Client(), name = 'Tess Tester', email = uniqueEmail(), password = newPassword() } = {}) {
	await client.form('/signup');
	const res = await client.post('/signup', { name, email, password });
	assertRedirect(res, 303, `POST /signup ${email}`);
	assert.ok(client.session, 'signing up logs the customer in');
	const user = userByEmail(email);
	assert.ok(user, `users row for ${email}`);
	return { client, email, password, name, user };
}

/** A complete, valid vendor sign-up form (the business profile included). */
export function vendorSignupFields({ name = 'Val Vendor', email = uniqueEmail('v'), password = newPassword(), trading } = {}) {
	const tag = randomBytes(3).toString('hex');
	return {
		name,
		email,
		password,
		legal_name: `Test Trading ${tag} Ltd`,
		trading_name: trading ?? `Test Shop ${tag}`,
		registration_number: `HRB ${randomInt(100000, 999999)}`,
		tax_id: `DE${randomInt(100000000, 999999999)}`,
		address: `1 Test Street\n10115 Berlin\nDE`,
		phone: '+49 30 5550 1234',
		website: 'https://shop.example.test',
		description: 'Hand-made test goods of every kind.',
		bank_holder: `Test Trading ${tag} Ltd`,
		bank_account: 'DE89 3704 0044 0532 0130 00',
	};
}

/** Signs up a new vendor at /vendor/signup; returns { client, fields, user, vendor }. */
export async function signupVendor({ client = new Client(), ...options } = {}) {
	const fields = vendorSignupFields(options);
	await client.form('/vendor/signup');
	const res = await client.post('/vendor/signup', fields);
	const to = assertRedirect(res, 303, `POST /vendor/signup ${fields.email}`);
	assert.equal(to, '/vendor/');
	const user = userByEmail(fields.email);
	assert.ok(user, 'users row of the new vendor');
	const vendor = sqlRow('SELECT id, slug, status, trading_name FROM vendors WHERE user_id = @p1', [user.id]);
	return { client, fields, user, vendor, email: fields.email, password: fields.password };
}

// ---- the admin's second factor (RFC 6238) -----------------------------------

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Bytes of a base32 text (RFC 4648; case, spaces and padding ignored). */
export function base32Decode(text) {
	const clean = text.toUpperCase().replace(/[\s=-]/g, '');
	let bits = 0;
	let value = 0;
	const out = [];
	for (const ch of clean) {
		const v = B32.indexOf(ch);
		if (v < 0) throw new Error(`not base32: ${ch}`);
		value = (value << 5) | v;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/** The 30-second step of a time (ms). */
export function totpStep(ms = Date.now()) {
	return Math.floor(ms / 1000 / 30);
}

/** The 6-digit code of a base32 secret (or raw key Buffer) for a step. */
export function totpCode(secret, step = totpStep()) {
	const key = Buffer.isBuffer(secret) ? secret : base32Decode(secret);
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(step));
	const h = createHmac('sha1', key).update(msg).digest();
	const off = h[h.length - 1] & 0x0f;
	const bin = ((h[off] & 0x7f) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3];
	return String(bin % 1_000_000).padStart(6, '0');
}

const usedSteps = new Map();	// secret -> last step this process used

/**
 * A code the server will accept now for an admin: a step after the one the
 * account last used (users.totp_last_step, so other test files count too)
 * and after any this process used; waits for the next step when needed.
 */
export async function freshTotp(secret, userId) {
	const stored = userId ? Number(sqlRow('SELECT totp_last_step FROM users WHERE id = @p1', [userId]).totp_last_step) : 0;
	const last = Math.max(stored, usedSteps.get(secret) ?? 0);
	let step = totpStep();
	if (step <= last) {
		// The server allows one step of clock drift: the code of the step
		// after the last one used works from the start of the step before
		// it. Wait for that when it is still ahead.
		const target = last + 1;
		const wait = (target - 1) * 30_000 - Date.now() + 250;
		if (wait > 0) await sleep(wait);
		step = target;
	}
	usedSteps.set(secret, step);
	const code = totpCode(secret, step);
	rememberSecret('totp-code', code);
	return { code, step };
}

/**
 * Logs an admin in at /admin/login and passes the second factor. admin:
 * { email, password, secret, id }. Returns the path it lands on.
 */
export async function adminLogin(client, admin, { next } = {}) {
	rememberSecret('password', admin.password);
	await client.form(next ? `/admin/login?next=${encodeURIComponent(next)}` : '/admin/login');
	let res = await client.post('/admin/login', { email: admin.email, password: admin.password, next });
	const to = assertRedirect(res, 303, `POST /admin/login as ${admin.email}`);
	assert.match(to, /^\/admin\/2fa(\?|$)/, 'the password step leads to the second factor');
	await client.form(to);
	for (let attempt = 0; attempt < 2; attempt++) {
		const { code } = await freshTotp(admin.secret, admin.id);
		res = await client.post('/admin/2fa', { code, next });
		if (res.status === 303) return pathOf(res.location);
		// Used a moment ago by another request: the next step will do.
		assert.equal(res.status, 422, `POST /admin/2fa: ${res.status}\n${res.text.slice(0, 500)}`);
		usedSteps.set(admin.secret, totpStep());
	}
	assert.fail('the second factor was refused twice');
}

/** The path of a tool of the build (bazaar-<name>). */
export function toolPath(name) {
	const root = process.env.BAZAAR_ROOT || new URL('../..', import.meta.url).pathname;
	let dir = process.env.BAZAAR_BIN_DIR || 'build/bin';
	if (!dir.startsWith('/')) dir = join(root, dir);
	return join(dir, `bazaar-${name}`);
}

/**
 * A new admin made with `bazaar-admin create` (as `make admin` does), or with
 * support set a support user (`bazaar-admin create-support`): returns
 * { email, name, link } where link is the one-time enrolment link.
 */
export function createAdmin({ email = uniqueEmail('admin'), name = 'Ann Admin', support = false } = {}) {
	const tool = toolPath('admin');
	assert.ok(existsSync(tool), `${tool} is not built (make all)`);
	const out = execFileSync(tool, [support ? 'create-support' : 'create', email, name],
		{ encoding: 'utf8', env: process.env, timeout: 30_000 });
	const m = /https?:\/\/\S+\/admin\/enrol\?token=[A-Za-z0-9_-]{43}/.exec(out);
	assert.ok(m, `bazaar-admin create printed no enrolment link:\n${out}`);
	rememberSecret('mail-token', new URL(m[0]).searchParams.get('token'));
	return { email, name, link: m[0] };
}

/** The TOTP secret (base32) an enrolment page shows. */
export function secretOnPage(html) {
	const el = /<(code|span)\b[^>]*class="[^"]*\bsecret\b[^"]*"[^>]*>([\s\S]*?)<\/\1>/.exec(html);
	const text = el ? textOf(el[2]) : textOf(html);
	const m = /\b([A-Z2-7]{4}(?: ?[A-Z2-7]{4}){7})\b/.exec(text);
	assert.ok(m, 'the enrolment page shows the secret in base32');
	const secret = m[1].replace(/ /g, '');
	rememberSecret('totp-secret', secret);
	rememberSecret('totp-secret', m[1]);
	return secret;
}

/**
 * Completes an enrolment link in client: sets the password and passes a
 * code of the secret shown. Returns the admin { email, password, secret, id }.
 */
export async function enrolAdmin(client, created, password = newPassword()) {
	const res = await client.form(pathOf(created.link));
	const secret = secretOnPage(res.text);
	const token = new URL(created.link).searchParams.get('token');
	const user = userByEmail(created.email);
	const { code } = await freshTotp(secret, user.id);
	const done = await client.post('/admin/enrol', { token, password, password2: password, code });
	assert.equal(assertRedirect(done, 303, 'POST /admin/enrol'), '/admin/');
	return { email: created.email, password, secret, id: Number(user.id) };
}

/** The demo admin with its secret and id. */
export function demoAdmin() {
	const id = Number(sqlRow("SELECT id FROM users WHERE email = 'admin@demo.bazaar.test'").id);
	return { ...DEMO.admin, secret: demoAdminSecret(), id };
}

// ---- admins of a test file's own ------------------------------------------------
//
// A code works once and the server accepts at most the step after the
// current one, so one account can pass the second factor about twice a
// minute: test files that all signed in as the demo admin waited up to 30 s
// for each other's steps. Each test file (each node process) signs in as
// admins it made itself instead; the demo admin is left to the tests that
// are about it (bad_input's digests of the demo accounts, zz_log_secrets).

const ownAdmins = [];	// admins this process enrolled, oldest first

/** True when an admin's next code is accepted now, without waiting for a step. */
function codeReadyNow(admin) {
	const stored = Number(sqlRow('SELECT totp_last_step FROM users WHERE id = @p1', [admin.id]).totp_last_step);
	return Math.max(stored, usedSteps.get(admin.secret) ?? 0) <= totpStep();
}

/**
 * An admin of this test file's own ({ email, password, secret, id }, made
 * with `bazaar-admin create` and enrolled) whose next code the server takes
 * at once: one already made when its codes allow, else a new one.
 */
export async function ownAdmin() {
	let admin = ownAdmins.find(codeReadyNow);
	if (!admin) {
		admin = await enrolAdmin(new Client(), createAdmin({ name: 'Test Admin' }));
		ownAdmins.push(admin);
	}
	return admin;
}

/** A new visitor logged in as an admin of this test file's own, second factor passed. */
export async function loginAdmin(options = {}) {
	const client = new Client(options);
	await adminLogin(client, await ownAdmin());
	return client;
}

// ---- mail -------------------------------------------------------------------------

export function mailDir() {
	return process.env.BAZAAR_MAIL_DIR || join(env('BAZAAR_VAR'), 'mail');
}

/** The newest outbox id: mail queued after an action has a larger one. */
export function outboxMark() {
	return Number(sqlRow('SELECT COALESCE(MAX(id), 0) AS id FROM mail_outbox').id);
}

function decodeQuotedPrintable(s) {
	const bytes = [];
	const text = s.replace(/=\r?\n/g, '');
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
			bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			for (const b of Buffer.from(text[i], 'utf8')) bytes.push(b);
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

function decodeWords(s) {
	return s.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_, cs, enc, data) => {
		if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
		return decodeQuotedPrintable(data.replace(/_/g, ' '));
	});
}

/** Parses a message file: { headers (lower-case names), subject, to, body }. */
export function parseMail(raw) {
	const at = raw.search(/\r?\n\r?\n/);
	const head = raw.slice(0, at < 0 ? raw.length : at);
	let body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
	const headers = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const m = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
		if (m && !(m[1].toLowerCase() in headers)) headers[m[1].toLowerCase()] = m[2];
	}
	const cte = (headers['content-transfer-encoding'] ?? '').toLowerCase();
	if (cte === 'quoted-printable') body = decodeQuotedPrintable(body);
	else if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	body = body.replace(/\r\n/g, '\n');
	return { headers, subject: decodeWords(headers.subject ?? ''), to: headers.to ?? '', body };
}

/** The links of a mail body (absolute http(s) URLs). */
export function mailLinks(body) {
	return [...body.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0].replace(/[.,;)]+$/, ''));
}

/** The first link of a mail whose path starts with pathPrefix. */
export function mailLink(mail, pathPrefix) {
	const link = mailLinks(mail.body).find((l) => new URL(l).pathname === pathPrefix || new URL(l).pathname.startsWith(pathPrefix));
	assert.ok(link, `the mail "${mail.subject}" has no link to ${pathPrefix}:\n${mail.body}`);
	return link;
}

/** The 6-digit code of a mail body. */
export function mailCode(body) {
	const m = /(?<![0-9A-Za-z])([0-9]{6})(?![0-9A-Za-z])/.exec(body);
	return m ? m[1] : null;
}

/** Notes the tokens and codes of a mail as secrets. */
function rememberMailSecrets(mail) {
	for (const link of mailLinks(mail.body)) {
		const token = new URL(link).searchParams.get('token');
		if (token) rememberSecret('mail-token', token);
	}
	// The 6-digit code of a verification mail ("enter this code").
	const code = /\bcode\b/i.test(mail.body) ? mailCode(mail.body) : null;
	if (code) rememberSecret('mail-code', code);
}

/** The messages the mailer wrote with an outbox id above `after`. */
export function mailsSince(after = 0) {
	const dir = mailDir();
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.map((f) => /^([1-9][0-9]*)\.eml$/.exec(f))
		.filter((m) => m && Number(m[1]) > after)
		.map((m) => ({ id: Number(m[1]), file: join(dir, m[0]) }))
		.sort((a, b) => a.id - b.id)
		.map(({ id, file }) => ({ id, file, ...parseMail(readFileSync(file, 'utf8')) }));
}

/**
 * Waits (polling the mail directory, ~10 s at most) for a message to `to`
 * with an outbox id above `after` (and a subject matching `subject`, when
 * given). Fails with what the outbox says about that address.
 */
export async function waitForMail(to, { after = 0, subject, timeoutMs = 10_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	const want = to.toLowerCase();
	for (;;) {
		const found = mailsSince(after).find((m) => m.to.toLowerCase().includes(want)
			&& (subject === undefined || (subject instanceof RegExp ? subject.test(m.subject) : m.subject.includes(subject))));
		if (found) {
			rememberMailSecrets(found);
			return found;
		}
		if (Date.now() > deadline) break;
		await sleep(200);
	}
	const queued = q(`SELECT id, subject, status, attempts, last_error FROM mail_outbox
		WHERE to_addr = @p1 AND id > @p2 ORDER BY id`, [want, after]);
	assert.fail(`no mail to ${to}${subject ? ` about "${subject}"` : ''} in ${mailDir()} within ${timeoutMs} ms; `
		+ `outbox rows for it: ${JSON.stringify(queued)}`);
}

/** Outbox rows to an address queued after `after`. */
export function outboxTo(to, after = 0) {
	return q('SELECT id, subject, template, status FROM mail_outbox WHERE to_addr = @p1 AND id > @p2 ORDER BY id',
		[to.toLowerCase(), after]);
}

// ---- the logs ----------------------------------------------------------------------

/** Every log file of the stack (VAR/log, without the test runner's own logs). */
export function logFiles() {
	const root = join(env('BAZAAR_VAR'), 'log');
	const out = [];
	const walk = (dir) => {
		for (const e of readdirSync(dir, { withFileTypes: true })) {
			const p = join(dir, e.name);
			if (e.isDirectory()) {
				if (p === join(root, 'tests')) continue;	// scripts/test's reports of the suites
				walk(p);
			} else if (e.isFile()) {
				out.push(p);
			}
		}
	};
	walk(root);
	return out;
}

/** The data key's secret parts as the file holds them (hex) and as base64. */
export function dataKeySecrets() {
	const file = process.env.BAZAAR_KEY_FILE || join(env('BAZAAR_VAR'), 'keys', 'data.key');
	const out = [];
	for (const line of readFileSync(file, 'utf8').split('\n')) {
		for (const hex of line.match(/[0-9a-fA-F]{32,}/g) ?? []) {
			out.push({ kind: 'data-key-hex', value: hex.toLowerCase() });
			out.push({ kind: 'data-key-hex', value: hex.toUpperCase() });
			out.push({ kind: 'data-key-base64', value: Buffer.from(hex, 'hex').toString('base64').replace(/=+$/, '') });
		}
	}
	return out;
}

/** The ways a secret may be written into a log: as is, URL- or form-encoded. */
function secretForms(value) {
	const enc = encodeURIComponent(value);
	return [...new Set([value, enc, value.replace(/ /g, '+'), enc.replace(/%20/g, '+')])];
}

/**
 * Looks for every secret in every log file. Returns the findings:
 * [{ file, kind, excerpt }]; the excerpt (one line, cut to 300 characters)
 * shows <kind> in place of the secret.
 */
export function findSecretsInLogs(secrets) {
	const findings = [];
	for (const file of logFiles()) {
		const text = readFileSync(file, 'latin1');
		for (const { kind, value } of secrets) {
			if (typeof value !== 'string' || value.length < 6) continue;
			let at = -1;
			let needle = null;
			for (const form of secretForms(value)) {
				const latin = Buffer.from(form, 'utf8').toString('latin1');
				if (/^[0-9]{6}$/.test(form)) {
					// A code: only as a number of its own, not inside a longer one.
					const m = new RegExp(`(?<![0-9A-Za-z])${form}(?![0-9A-Za-z])`).exec(text);
					at = m ? m.index : -1;
				} else {
					at = text.indexOf(latin);
				}
				if (at >= 0) {
					needle = latin;
					break;
				}
			}
			if (at < 0) continue;
			const start = text.lastIndexOf('\n', at) + 1;
			let end = text.indexOf('\n', at);
			if (end < 0) end = text.length;
			const line = text.slice(start, end).split(needle).join(`<${kind}>`);
			findings.push({ file, kind, excerpt: line.length > 300 ? `${line.slice(0, 300)}...` : line });
		}
	}
	return findings;
}

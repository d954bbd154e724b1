// Bad input never crashes a worker nor shows internals.
//
// For every route of docs/routes.md, as the visitor the route is for, every
// parameter the route table declares (cgi/storefront/sf_main.c,
// cgi/vendor/vp_main.c, cgi/admin/adm_main.c, cgi/sandbox/sbx_main.c) is sent
// hostile values: empty,
// 10 KB, bad UTF-8, NUL, control characters, markup, SQL-ish text, numbers
// out of range, format strings, off-site and javascript: addresses, one
// past the declared length; then duplicated, unknown and array fields, too
// many fields, a too long name or value, a 2 MB body, other content types,
// and the wrong methods. Path placeholders get a real object of the visitor
// (or another visitor's, which must be 404) and nonsense.
//
// Each answer must be a status of the allowed set (never 5xx), must not
// carry a payload unescaped nor anything of the implementation (SQL errors,
// errno, crashes), must keep redirects on the site, and an HTML page of a
// program keeps the site layout. Afterwards no worker has died (same worker
// PIDs; no master.worker_died / master.worker_exit with an error; no
// http.handler 5xx or other error line in the programs' logs; nginx saw no
// upstream fail) and the demo accounts' rows are unchanged.
//
// Safety: demo accounts only ever GET (their logins succeed, nothing of
// theirs is changed); what writes goes to fresh sign-ups and throwaway
// admins. Requests that count as a failed login (a wrong password at
// /login, /admin/login or a current-password field) come from a spare
// loopback address each (one request per address: below nginx's burst),
// so neither 127.0.0.1 nor a demo address is ever locked. No code of
// six digits is ever sent to a second-factor form.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, openSync, readSync, closeSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
	Client, DEMO, adminLogin, createAdmin, demoAdmin, enrolAdmin, loginAs, pathOf, q, qValue,
	signupCustomer, signupVendor, spareAddress, vendorSignupFields,
} from '../lib/accounts.mjs';
import {
	SECOND_VENDOR, makeOrder, openConversations, paidOrder, placeOrder, productsOfVendors, sandboxApi, vendorProducts,
} from '../lib/orders.mjs';
import { BASE_URL, activeProduct, assertLayout, componentPid, env, sql, sqlRow } from '../lib/stack.mjs';

const ROOT = process.env.BAZAAR_ROOT || new URL('../..', import.meta.url).pathname;
const BASE = new URL(BASE_URL);

// ---- what an answer may be -------------------------------------------------

const ALLOWED = new Set([200, 301, 302, 303, 400, 403, 404, 405, 410, 413, 415, 422, 429]);
// Also correct, and accepted: 409 is the admin site's answer to a change the
// account's state does not allow (unblocking an active account); 414 is
// nginx's own answer to a request line over its 8 KB header buffer (a 10 KB
// value in a query string), given before any program sees the request.
const ALSO_409 = 409;
// A machine's request (R_SIGNED: a provider's webhook, the sandbox's API)
// may also be refused for its signature or key (401), be a refund the
// sandbox refuses (402), or create (201).
const SIGNED_ALSO = new Set([201, 401, 402]);
const NGINX_URI_TOO_LONG = 414;

/** Text that only an implementation leak would put into a page. */
const INTERNALS = [
	/\bSQL\b/, /MariaDB/i, /\bmysql/i, /errno/i, /Segmentation/i, /core dumped/i, /Traceback/,
	/\bstack trace\b/i, /\b[a-z_]+\.(?:c|cc|h):\d+\b/, /\bSIGSEGV\b|\bSIGABRT\b/, /\bassertion\b.*\bfailed\b/i,
];

/** What a payload would look like if it reached the page unescaped. */
const RAW_MARKERS = ['<script>alert(1)', '<svg onload', 'onload=x>'];

// ---- the hostile values (already form-encoded) -----------------------------

const enc = encodeURIComponent;
const SCRIPT = '<script>alert(1)</script>';
const SVG = '"><svg onload=x>';
const PAYLOADS = [
	['empty', ''],
	['10 KB', 'A'.repeat(10 * 1024)],
	['invalid UTF-8', '%FF%FE'],
	['overlong UTF-8', '%C0%AF'],
	['UTF-16 surrogate as UTF-8', '%ED%A0%80'],
	['NUL', 'a%00b'],
	['control characters', '%01%02%1B%7F'],
	['CR LF and a header', 'x%0D%0AX-Injected:%20yes'],
	['script element', enc(SCRIPT)],
	['attribute break-out', enc(SVG)],
	['SQL-ish', enc("' OR 1=1 --")],
	['-1', '-1'],
	['0', '0'],
	['20 digits', '99999999999999999999'],
	['1e9', '1e9'],
	['0x10', '0x10'],
	['format string', enc('%s%s%s%n%x%p')],
	['template markers', enc('{{CSRF}}{{#X}}{{/X}}')],
	['javascript: address', enc('javascript:alert(1)')],
	['off-site address', enc('//evil.example/x')],
	['off-site, backslash', enc('/\\evil.example/x')],
	['off-site, absolute', enc('https://evil.example/x')],
	['off-site, three slashes', enc('///evil.example/x')],
	['path traversal', enc('../../../../etc/passwd')],
	['broken percent escape', '%zz%'],
	['pluses', '+++'],
	['unicode', enc('Zoë 😀 \u202e مرحبا')],
];

/** Nonsense for {id}: out of range, not digits, encoded bytes, markup. */
const BAD_IDS = [
	'0', '-1', '99999999999999999999', '999999999999999999', '1e9', '0x10', '007', '%00', '%FF%FE',
	enc(SCRIPT), enc("' OR 1=1 --"), '1%2F2', '..', 'A'.repeat(10 * 1024),
];
/** Nonsense for {slug}. */
const BAD_SLUGS = [
	'no-such-slug-zz', 'UPPER', 'a'.repeat(121), '%2e%2e', enc(SCRIPT), '%FF%FE', '%00', enc("' OR 1=1 --"),
	'-', 'x%2Fy', 'A'.repeat(10 * 1024),
];

// ---- the routes: docs/routes.md, with the parameters of the C tables -----

/** Every route of docs/routes.md: { method, path, access, program }. */
function docRoutes() {
	const md = readFileSync(join(ROOT, 'docs/routes.md'), 'utf8');
	const out = [];
	for (const m of md.matchAll(/^\|\s*(GET|POST|PUT|DELETE|PATCH|HEAD)\s*\|\s*`([^`]+)`\s*\|\s*([^|]*)\|/gm)) {
		const path = m[2];
		const program = path.startsWith('/vendor') ? 'vendor' : path.startsWith('/admin') ? 'admin'
			: path.startsWith('/sandbox/') ? 'sandbox' : 'storefront';
		out.push({ method: m[1], path, access: m[3].trim(), program });
	}
	return out;
}

/** Numeric #defines of the program headers (SF_PAGE_MAX ...). */
function numericDefines() {
	const out = {};
	for (const dir of ['cgi/lib', 'cgi/storefront', 'cgi/vendor', 'cgi/admin']) {
		for (const f of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.h'))) {
			const src = readFileSync(join(ROOT, dir, f), 'utf8');
			for (const m of src.matchAll(/^#define\s+([A-Z_0-9]+)\s+\(?\s*(-?[0-9]+)(?:LL|L|U)?\s*\)?\s*(?:\/\*.*)?$/gm)) {
				out[m[1]] = Number(m[2]);
			}
		}
	}
	return out;
}

/**
 * The route table of a program's <prog>_main.c: [{ method, pattern, flags,
 * params: [{ name, type, min, max }] }] (a row may end with its form page). Parameter macros (SF_FIELD(...),
 * SF_PARAM_PAGE, VP_PROFILE_PARAMS ...) are expanded from the file's own
 * #defines.
 */
function cRoutes(file, defines) {
	const src = readFileSync(join(ROOT, file), 'utf8')
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/\\\n/g, ' ');
	const macros = {};
	for (const m of src.matchAll(/^#define\s+([A-Z_0-9]+)(\([^)]*\))?[ \t]+(.*)$/gm)) {
		macros[m[1]] = { fn: Boolean(m[2]), body: m[3] };
	}
	const num = (s) => {
		const t = s.trim().replace(/(?<=[0-9])(LL|L|U)$/, '');
		if (/^-?[0-9]+$/.test(t)) return Number(t);
		return defines[t] ?? null;
	};
	const expand = (text) => {
		let out = text;
		for (let i = 0; i < 5; i++) {
			out = out.replace(/\b([A-Z][A-Z_0-9]+)\b(?!\s*\()/g, (w) => (macros[w] && !macros[w].fn && /[{"]/.test(macros[w].body) ? macros[w].body : w));
		}
		return out;
	};
	const params = (body) => {
		const text = expand(body);
		const out = [];
		const re = /([A-Z_]+)\(\s*"([a-z0-9_]+)"\s*,\s*([^,]+),|\{\s*"([a-z0-9_]+)"\s*,\s*(PARAM_[A-Z]+)\s*,\s*([^,]+),\s*([^,]+),/g;
		let m;
		while ((m = re.exec(text)) !== null) {
			if (m[1]) {
				const mac = macros[m[1]];
				const type = mac && /PARAM_([A-Z]+)/.exec(mac.body);
				out.push({ name: m[2], type: type ? type[1] : 'TEXT', min: 0, max: num(m[3]) });
			} else {
				out.push({ name: m[4], type: m[5].replace('PARAM_', ''), min: num(m[6]), max: num(m[7]) });
			}
		}
		return out;
	};
	const arrays = {};
	for (const m of src.matchAll(/static const struct param\s+(\w+)\[\]\s*=\s*\{([\s\S]*?)\n\};/g)) arrays[m[1]] = params(m[2]);
	const table = /static const struct route\s+\w+\[\]\s*=\s*\{([\s\S]*?)\n\};/.exec(src);
	assert.ok(table, `${file}: no route table found`);
	const routes = [];
	for (const m of table[1].matchAll(/\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"\s*,\s*(\w+)\s*,\s*(?:NULL|"[^"]*")\s*,\s*([^,]+?)\s*,\s*(\w+)\s*(?:,\s*\w+\s*)?\}/g)) {
		const flags = m[4].split('|').map((s) => s.trim()).filter((s) => s !== '0');
		const p = m[5] === 'NULL' ? [] : arrays[m[5]];
		assert.ok(p, `${file}: the parameters ${m[5]} of ${m[1]} ${m[2]} were not found`);
		routes.push({ method: m[1], pattern: m[2], handler: m[3], flags, params: p });
	}
	return routes;
}

const C_FILES = {
	storefront: 'cgi/storefront/sf_main.c', vendor: 'cgi/vendor/vp_main.c', admin: 'cgi/admin/adm_main.c',
	sandbox: 'cgi/sandbox/sbx_main.c',
};

// ---- the visitors and their objects -----------------------------------------

const ctx = {};		// visitors (Client) and ids, filled by before()
let snapshotBefore;
let logMarks;
let workersBefore;
let failureMark;

/** Rows of a table as digests (every column, hex), to compare before/after. */
function rowDigests(table, where, params = [], skip = []) {
	const cols = sql(`SELECT column_name AS c FROM information_schema.columns
		WHERE table_schema = DATABASE() AND table_name = '${table}' ORDER BY ordinal_position`)
		.map((r) => r.c).filter((c) => !skip.includes(c));
	assert.ok(cols.length > 0, `no columns for ${table}`);
	const expr = cols.map((c) => `IFNULL(HEX(\`${c}\`), 'NULL')`).join(", '|', ");
	return sql(`SELECT id, CONCAT(${expr}) AS h FROM ${table} WHERE ${where} ORDER BY id`, params);
}

/** Everything of the demo accounts that bad input must leave alone. */
function demoSnapshot() {
	const demo = "email LIKE '%@demo.bazaar.test'";
	// The demo admin's second factor moves totp_last_step (and updated_at) at each login.
	const admin = rowDigests('users', `${demo} AND role = 'admin'`, [], ['totp_last_step', 'updated_at']);
	return {
		users: rowDigests('users', `${demo} AND role <> 'admin'`),
		admin,
		addresses: rowDigests('addresses', `user_id IN (SELECT id FROM users WHERE ${demo})`),
		vendors: rowDigests('vendors', `user_id IN (SELECT id FROM users WHERE ${demo})`),
	};
}

/** The worker PIDs of a program (children of its master). */
function workerPids(program) {
	const master = componentPid(program);
	const out = [];
	for (const d of readdirSync('/proc')) {
		if (!/^[0-9]+$/.test(d)) continue;
		let stat;
		try {
			stat = readFileSync(`/proc/${d}/stat`, 'utf8');
		} catch {
			continue;
		}
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[1]) === master) out.push(Number(d));
	}
	return out.sort((a, b) => a - b);
}

const PROGRAM_LOGS = ['storefront.log', 'vendor.log', 'admin.log', 'sandbox.log'];

function logPath(name) {
	return join(env('BAZAAR_VAR'), 'log', name);
}

function logSize(name) {
	const p = logPath(name);
	return existsSync(p) ? statSync(p).size : 0;
}

/** What was appended to a log since `from` bytes. */
function logSince(name, from) {
	const p = logPath(name);
	if (!existsSync(p)) return '';
	const size = statSync(p).size;
	if (size <= from) return '';
	const buf = Buffer.alloc(size - from);
	const fd = openSync(p, 'r');
	try {
		readSync(fd, buf, 0, buf.length, from);
	} finally {
		closeSync(fd);
	}
	return buf.toString('latin1');
}

before(async () => {
	const admin = demoAdmin();
	// The demo admin's second factor may have to wait for the next 30-second
	// step: it runs while the rest is set up.
	ctx.adminReady = (async () => {
		const c = new Client();
		assert.equal(await adminLogin(c, admin), '/admin/');
		await c.form('/admin/');
		return c;
	})();

	ctx.anon = new Client();
	await ctx.anon.form('/login');

	ctx.demoCustomer = await loginAs('customer');
	await ctx.demoCustomer.form('/account');
	ctx.demoCustomerId = Number(qValue('SELECT id FROM users WHERE email = @p1', [DEMO.customer.email]));
	ctx.demoAddressId = Number(qValue('SELECT id FROM addresses WHERE user_id = @p1 ORDER BY id LIMIT 1', [ctx.demoCustomerId]) ?? 0);
	ctx.demoSessionId = Number(qValue('SELECT MAX(id) FROM sessions WHERE user_id = @p1', [ctx.demoCustomerId]));

	ctx.demoVendor = await loginAs('vendor');
	await ctx.demoVendor.form('/vendor/profile');
	ctx.demoVendorId = Number(sqlRow(`SELECT v.id FROM vendors v JOIN users u ON u.id = v.user_id
		WHERE u.email = '${DEMO.vendor.email}'`).id);

	// The customer whose account the POSTs may change, with an address.
	const fresh = await signupCustomer({ name: 'Sweep Tester' });
	ctx.fresh = fresh.client;
	ctx.freshUser = fresh;
	await ctx.fresh.form('/account/addresses');
	const added = await ctx.fresh.post('/account/addresses', {
		label: 'Sweep', name: 'Sweep Tester', line1: '1 Test Street', line2: '', city: 'Berlin',
		postcode: '10115', country: 'DE', phone: '', is_default: '',
	});
	assert.equal(added.status, 303, `adding the fresh customer's address: ${added.status}\n${added.text.slice(0, 300)}`);
	ctx.freshAddressId = Number(qValue('SELECT MAX(id) FROM addresses WHERE user_id = @p1', [Number(fresh.user.id)]));
	await ctx.fresh.form('/account');

	// A customer whose right password logs in while `next` is swept (apart
	// from ctx.fresh, whose address collects failures of the password sweeps).
	ctx.loginUser = await signupCustomer({ name: 'Sweep Login' });

	// A customer the admin's block form points at (never confirmed).
	ctx.target = await signupCustomer({ name: 'Sweep Target' });

	ctx.freshVendorAll = await signupVendor();
	ctx.freshVendor = ctx.freshVendorAll.client;
	ctx.freshVendorId = Number(ctx.freshVendorAll.vendor.id);
	await ctx.freshVendor.form('/vendor/profile');
	// A draft of the fresh shop's own, and one of the demo shop's, for the
	// listing pages.
	q(`INSERT INTO products (vendor_id, category_id, top_category_id, name, slug, description, price_minor, stock)
		SELECT @p1, id, parent_id, 'Sweep Listing', 'sweep-listing', 'Plain.', 1000, 1 FROM categories
		WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1`, [ctx.freshVendorId]);
	ctx.freshListingId = Number(qValue('SELECT MAX(id) FROM products WHERE vendor_id = @p1', [ctx.freshVendorId]));
	ctx.sweepCategory = Number(qValue('SELECT category_id FROM products WHERE id = @p1', [ctx.freshListingId]));
	ctx.demoListingId = Number(qValue(`SELECT MIN(p.id) FROM products p JOIN vendors v ON v.id = p.vendor_id
		JOIN users u ON u.id = v.user_id WHERE u.email = @p1`, [DEMO.vendor.email]));

	// Throwaway admins: one enrolled, signed in with the password only (the
	// second-factor forms); one with an unused enrolment link.
	const enrolled = await enrolAdmin(new Client(), createAdmin({ name: 'Sweep Admin' }));
	ctx.adminNo2fa = new Client();
	await ctx.adminNo2fa.form('/admin/login');
	const pw = await ctx.adminNo2fa.post('/admin/login', { email: enrolled.email, password: enrolled.password });
	assert.equal(pw.status, 303, `throwaway admin's password step: ${pw.status}`);
	await ctx.adminNo2fa.form('/admin/2fa');
	const link = createAdmin({ name: 'Sweep Enrol' });
	ctx.enrolToken = new URL(link.link).searchParams.get('token');
	ctx.enrolAnon = new Client();
	await ctx.enrolAnon.form(pathOf(link.link));

	// A plan of the sweep's own, for the plan forms to change.
	q('INSERT INTO plans (name, commission_bp, monthly_fee_minor) VALUES (@p1, 1000, 0)', [`Sweep plan ${process.pid}`]);
	ctx.sweepPlanId = Number(qValue('SELECT id FROM plans WHERE name = @p1', [`Sweep plan ${process.pid}`]));
	// The tax form changes the rate of the fresh listing's category: put back after.
	ctx.taxCategoryRate = qValue('SELECT tax_bp FROM categories WHERE id = @p1', [ctx.sweepCategory]);

	// Coupons: one of the sweep's own for the admin's forms, one of the
	// demo shop's (its pages) and one of the fresh shop's (its changes).
	const couponSql = `INSERT INTO coupons (code, owner, kind, percent_bp, vendor_id, borne_by)
		VALUES (@p1, @p2, 'percent', 1000, NULLIF(@p3, 0), IF(@p2 = 'vendor', 'vendor', 'marketplace'))`;
	const coupon = (code, owner, vendor) => {
		q(couponSql, [code, owner, vendor]);
		return Number(qValue('SELECT id FROM coupons WHERE code = @p1', [code]));
	};
	ctx.sweepCouponId = coupon(`SWEEP-${process.pid}`, 'admin', 0);
	ctx.demoVendorCouponId = coupon(`SWEEP-DEMO-${process.pid}`, 'vendor', ctx.demoVendorId);
	ctx.freshVendorCouponId = coupon(`SWEEP-FRESH-${process.pid}`, 'vendor', ctx.freshVendorId);

	ctx.product = activeProduct(0);
	ctx.demoVendorProductId = Number(qValue('SELECT MIN(id) FROM products WHERE vendor_id = @p1', [ctx.demoVendorId]));
	ctx.otherVendorProductId = Number(qValue('SELECT MIN(id) FROM products WHERE vendor_id <> @p1', [ctx.demoVendorId]));
	// a promotion of the demo vendor's that has ended (cancelling it is refused,
	// so the sweep changes nothing), and one of another vendor's
	ctx.demoVendorPromotionId = Number(qValue(`SELECT COALESCE(MIN(CASE WHEN ends_at < UTC_TIMESTAMP() THEN id END), MIN(id))
		FROM promotions WHERE vendor_id = @p1`, [ctx.demoVendorId]));
	ctx.otherVendorPromotionId = Number(qValue('SELECT MIN(id) FROM promotions WHERE vendor_id <> @p1', [ctx.demoVendorId]));
	// Orders of the demo customer from the demo shop: a delivered one with a
	// return waiting for the shop (the admin's moves on it are refused, so the
	// sweep changes nothing), an unpaid one (refunding it is refused), and
	// another customer's.
	{
		const [p1] = vendorProducts(ctx.demoVendorId, 1);
		const delivered = makeOrder({ userId: ctx.demoCustomerId, vendorId: ctx.demoVendorId, lines: [{ product: p1, qty: 1 }] });
		const unpaid = makeOrder({ userId: ctx.demoCustomerId, vendorId: ctx.demoVendorId, status: 'awaiting_payment',
			lines: [{ product: p1, qty: 1 }] });
		ctx.demoOrderId = delivered.orderId;
		ctx.demoVoId = delivered.voId;
		ctx.unpaidVoNumber = unpaid.voNumber;
		ctx.demoReturnId = Number(qValue(`INSERT INTO returns (order_id, vendor_order_id, user_id, reason, amount_minor,
			requested_at) VALUES (@p1, @p2, @p3, 'Sweep', 0, NOW());
			SELECT LAST_INSERT_ID()`, [delivered.orderId, delivered.voId, ctx.demoCustomerId]));
		const stranger = Number(qValue(`SELECT MIN(id) FROM users WHERE role = 'customer' AND id <> @p1`, [ctx.demoCustomerId]));
		ctx.otherOrderId = makeOrder({ userId: stranger, vendorId: ctx.demoVendorId, lines: [{ product: p1, qty: 1 }] }).orderId;
		// Support tickets: the demo customer's, another customer's, the demo shop's.
		const ticket = (userId, vendorId) => Number(qValue(`INSERT INTO tickets (side, user_id, vendor_id, subject,
			category, status, created_at, updated_at) VALUES (IF(@p2 = 0, 'customer', 'vendor'), @p1, NULLIF(@p2, 0),
			'Sweep', 'other', 'open', NOW(), NOW()); SELECT LAST_INSERT_ID()`, [userId, vendorId]));
		ctx.demoTicketId = ticket(ctx.demoCustomerId, 0);
		ctx.otherTicketId = ticket(stranger, 0);
		ctx.demoVendorTicketId = ticket(Number(qValue('SELECT user_id FROM vendors WHERE id = @p1', [ctx.demoVendorId])),
			ctx.demoVendorId);
	}
	ctx.categorySlug = ctx.product.category_slug;
	ctx.vendorSlug = ctx.product.vendor_slug;
	ctx.outboxId = Number(qValue('SELECT MAX(id) FROM mail_outbox') ?? 1);
	// A picture of one of the demo vendor's listings: the demo vendor's own
	// page of pictures; the picture forms, sent by another vendor, are 404.
	const picture = sqlRow(`SELECT i.product_id, i.id FROM product_images i JOIN products p ON p.id = i.product_id
		WHERE p.vendor_id = @p1 ORDER BY i.product_id, i.position LIMIT 1`, [ctx.demoVendorId]);
	ctx.picture = { id: Number(picture.product_id), image: Number(picture.id) };

	ctx.admin = await ctx.adminReady;
	ctx.demoAdminId = admin.id;

	// Listing moderation: a review decided already (its page shows, a
	// decision is refused with 409), and a prohibited word to delete.
	// Words the sweep adds go in the end (a word "0" would hold listings).
	ctx.wordMark = Number(qValue('SELECT COALESCE(MAX(id), 0) FROM prohibited_words'));
	q(`INSERT INTO listing_reviews (product_id, vendor_id, status, cause, name, description, price_minor, category_id,
		images, reason, decided_at) SELECT id, vendor_id, 'rejected', 'Sweep.', name, description, price_minor,
		category_id, '', 'Sweep: decided already.', NOW() FROM products WHERE id = @p1`, [ctx.product.id]);
	ctx.reviewId = Number(qValue('SELECT MAX(id) FROM listing_reviews WHERE product_id = @p1', [ctx.product.id]));
	q("INSERT INTO prohibited_words (word, folded) VALUES ('sweepwordzz', 'sweepwordzz')");
	ctx.wordId = Number(qValue("SELECT id FROM prohibited_words WHERE folded = 'sweepwordzz'"));
	// A search synonym group to delete (the groups the sweep adds are
	// removed after it, by their words).
	q("INSERT INTO synonym_groups (words) VALUES ('sweepsynzz, sweepsynzy')");
	ctx.synonymId = Number(qValue("SELECT MAX(id) FROM synonym_groups WHERE words = 'sweepsynzz, sweepsynzy'"));
	q("INSERT INTO synonym_words (folded, group_id) VALUES ('sweepsynzz', @p1), ('sweepsynzy', @p1)", [ctx.synonymId]);

	// Orders: one of the demo customer's with a part of the demo shop's and
	// one of another shop's, one of another customer's, and a guest's (whose
	// link the sweep never has: its pages answer 404).
	{
		const own = paidOrder(DEMO.customer.email, [DEMO.vendor.email, SECOND_VENDOR]);
		const other = paidOrder(ctx.loginUser.email, [SECOND_VENDOR]);
		const guest = paidOrder(ctx.loginUser.email, [DEMO.vendor.email]);
		q("UPDATE orders SET user_id = NULL, guest_token_hash = UNHEX(SHA2('sweep', 256)) WHERE id = @p1", [guest.id]);
		ctx.order = { id: own.id, vo: own.parts[0].id, otherVo: own.parts[1].id };
		ctx.otherOrder = { id: other.id, vo: other.parts[0].id };
		ctx.guestOrder = { id: guest.id, vo: guest.parts[0].id };
		// Their conversations: the demo customer's with the demo shop, and
		// another customer's with another shop.
		ctx.conversation = openConversations(own.id)[own.parts[0].id];
		ctx.otherConversation = openConversations(other.id)[other.parts[0].id];
	}
	// Payments: an order of nobody's (a guest's: every customer's 404), and
	// two hosted payments of the sandbox provider (one the sweep may cancel).
	const [orderProduct] = productsOfVendors(1, 3);
	ctx.guestOrderId = placeOrder({ email: 'sweep-guest@example.test', method: 'card', lines: [{ product: orderProduct, qty: 1 }] }).id;
	for (const name of ['sandboxRef', 'sandboxRefCancel']) {
		const made = await sandboxApi('POST', '/v1/payments', {
			method: 'card', amount: '100', currency: 'EUR', description: 'Sweep', merchant_ref: '',
			return_url: `${BASE_URL}/`, cancel_url: `${BASE_URL}/`,
		});
		assert.equal(made.status, 201, 'a sandbox payment for the sweep');
		ctx[name] = made.json.ref;
	}

	snapshotBefore = demoSnapshot();
	failureMark = Number(sqlRow('SELECT COALESCE(MAX(id), 0) AS id FROM login_failures').id);
});

after(async () => {
	if (ctx.wordMark !== undefined) q('DELETE FROM prohibited_words WHERE id > @p1', [ctx.wordMark]);
	q("DELETE g FROM synonym_groups g JOIN synonym_words w ON w.group_id = g.id WHERE w.folded LIKE 'sweepsyn%'");
	if (ctx.reviewId) q('DELETE FROM listing_reviews WHERE id = @p1', [ctx.reviewId]);
	for (const id of [ctx.demoTicketId, ctx.otherTicketId, ctx.demoVendorTicketId])
		if (id) q('DELETE FROM tickets WHERE id = @p1', [id]);
	if (ctx.sweepCategory) {
		if (ctx.taxCategoryRate === null || ctx.taxCategoryRate === undefined) {
			q('UPDATE categories SET tax_bp = NULL WHERE id = @p1', [ctx.sweepCategory]);
		} else {
			q('UPDATE categories SET tax_bp = @p1 WHERE id = @p2', [Number(ctx.taxCategoryRate), ctx.sweepCategory]);
		}
	}
	// The demo people leave as visitors would: logged out.
	if (ctx.admin?.session) {
		await ctx.admin.form('/admin/');
		await ctx.admin.post('/admin/logout', {});
	}
	for (const [c, page] of [[ctx.demoCustomer, '/account'], [ctx.demoVendor, '/vendor/']]) {
		if (c?.session) {
			await c.form(page);
			await c.post('/logout', {});
		}
	}
});

// ---- who sends each route, with which values ------------------------------

const R = (method, path) => `${method} ${path}`;

/** Visitor per route where the route flags alone do not say it. */
const VISITOR = {
	[R('POST', '/logout')]: 'anon',
	[R('POST', '/verify')]: 'fresh',
	[R('GET', '/admin/2fa')]: 'adminNo2fa',
	[R('POST', '/admin/2fa')]: 'adminNo2fa',
	[R('POST', '/admin/logout')]: 'fresh',		// not an admin: 404, nobody logged out
	[R('GET', '/admin/enrol')]: 'enrolAnon',
	[R('POST', '/admin/enrol')]: 'enrolAnon',
};

/** Routes whose requests may count as a failed login: one spare address per request. */
const SPARE = new Set([
	R('POST', '/login'), R('POST', '/admin/login'),
	R('POST', '/account/password'), R('POST', '/account/email'), R('POST', '/account/delete'),
]);

/**
 * The values sent with the field under test: a form as a person would fill
 * it, made so that nothing of consequence happens (no account is created, no
 * block or rejection is confirmed, no password is right where it would be
 * counted). Keyed by route; a function of the field under test.
 */
const BASE_VALUES = {
	[R('POST', '/signup')]: (f) => ({
		name: 'Sweep Tester', email: '', password: f === 'email' ? '' : 'a long enough password 42', next: '/account',
	}),
	// A wrong password for an address nobody has; `next` alone is swept with
	// the right password of ctx.loginUser (from 127.0.0.1: success clears it).
	[R('POST', '/login')]: (f) => (f === 'next'
		? { email: ctx.loginUser.email, password: ctx.loginUser.password, next: '/account' }
		: { email: `nobody-${Math.random().toString(36).slice(2)}@example.test`, password: 'not the password 42', next: '/account' }),
	[R('POST', '/verify')]: () => ({ token: '', code: '' }),
	[R('POST', '/reset')]: () => ({ email: '' }),
	[R('POST', '/reset/new')]: () => ({ token: 'x', password: '' }),
	[R('POST', '/account/profile')]: () => ({ name: 'Sweep Tester', phone: '' }),
	[R('POST', '/account/password')]: () => ({ current_password: '', password: '' }),
	[R('POST', '/account/email')]: () => ({ email: '', current_password: '' }),
	[R('POST', '/account/email/confirm')]: () => ({ token: 'x' }),
	[R('POST', '/account/addresses')]: () => ({
		label: 'Work', name: 'Sweep Tester', line1: '2 Test Street', line2: '', city: 'Berlin', postcode: '10115',
		country: 'DE', phone: '', is_default: '',
	}),
	[R('POST', '/account/addresses/{id}')]: () => ({
		label: 'Sweep', name: 'Sweep Tester', line1: '1 Test Street', line2: '', city: 'Berlin', postcode: '10115',
		country: 'DE', phone: '', is_default: '',
	}),
	[R('POST', '/account/addresses/{id}/delete')]: () => ({ confirm: '' }),
	[R('POST', '/account/delete')]: () => ({ current_password: '', confirm: '' }),
	[R('POST', '/vendor/signup')]: (f) => {
		const v = vendorSignupFields({ password: 'a long enough password 42' });
		return { ...v, email: '', password: f === 'email' ? '' : v.password };
	},
	[R('POST', '/vendor/profile')]: () => {
		const { name, email, password, ...profile } = ctx.freshVendorAll.fields;
		return profile;
	},
	[R('POST', '/admin/login')]: () => ({
		email: `nobody-${Math.random().toString(36).slice(2)}@example.test`, password: 'not the password 42', next: '/admin/',
	}),
	[R('POST', '/admin/2fa')]: () => ({ code: '', next: '/admin/' }),
	[R('GET', '/admin/enrol')]: () => ({ token: ctx.enrolToken }),
	[R('POST', '/admin/enrol')]: () => ({ token: ctx.enrolToken, password: '', password2: '', code: '' }),
	[R('POST', '/vendor/listings/{id}/edit')]: () => ({
		name: 'Sweep Listing', description: 'Plain.', category: String(ctx.sweepCategory), price: '10.00',
		compare_at: '', sku: '', stock: '1', low_stock_threshold: '5', weight_grams: '', publish: '',
	}),
	[R('POST', '/vendor/listings/bulk')]: () => ({ action: 'restore', id: String(ctx.freshListingId), stock: '', confirm: '' }),
	// A guest's order link with a token of the right shape that is not its own.
	[R('GET', '/orders/{id}/guest')]: () => ({ token: 'sweepSweepSweepSweepSweepSweepSweepSweep123' }),
	[R('GET', '/orders/{id}/guest/invoice/{vo:id}')]: () => ({ token: 'sweepSweepSweepSweepSweepSweepSweepSweep123' }),
	[R('GET', '/orders/{id}/guest/invoice/{vo:id}.pdf')]: () => ({ token: 'sweepSweepSweepSweepSweepSweepSweepSweep123' }),
	[R('POST', '/vendor/orders/{id}/ship')]: () => ({ carrier: 'DHL', tracking: 'SWEEP1' }),
	// A product nobody sells; a visitor not logged in is sent to log in.
	[R('POST', '/wishlist/save')]: () => ({ product: '999999999999' }),
	[R('POST', '/account/wishlists/{id}/share')]: () => ({ share: 'on' }),
	[R('POST', '/account/wishlists/{id}/items/{product:id}/move')]: () => ({ to: '999999999999' }),
	[R('POST', '/admin/vendors/{id}/check')]: () => ({ item: 'registration', result: 'fail', note: 'Sweep note.' }),
	[R('POST', '/admin/vendors/{id}/checks')]: () => ({ pass_registration: 'yes', note: 'Sweep note.' }),
	[R('POST', '/admin/vendors/{id}/reject')]: () => ({ reason: 'Sweep: the papers do not match.', confirm: '' }),
	[R('POST', '/admin/users/{id}/block')]: () => ({ reason: 'Sweep reason.', confirm: '' }),
	[R('POST', '/admin/users/{id}/unblock')]: () => ({ reason: 'Sweep reason.' }),
	// A fresh vendor changing the demo vendor's stock: found by nobody (404).
	[R('POST', '/vendor/listings/{id}/stock')]: () => ({ change: '1', reason: 'received', note: 'Sweep note.' }),
	// A fresh vendor's shop is not verified: the import is refused (422).
	[R('POST', '/vendor/listings/import')]: () => ({ csv: 'sku,name\r\nSWEEP-1,Sweep' }),
	[R('POST', '/vendor/listings/{id}/images')]: () => ({ alt: 'Sweep picture' }),
	[R('POST', '/vendor/listings/{id}/images/{image:id}/alt')]: () => ({ image_alt: 'Sweep picture' }),
	[R('POST', '/vendor/listings/{id}/images/{image:id}/move')]: () => ({ direction: 'down' }),
	[R('POST', '/admin/listings/{id}/approve')]: () => ({ review: ctx.reviewId, revision: 1 }),
	[R('POST', '/admin/listings/{id}/reject')]: () => ({ review: ctx.reviewId, revision: 1, reason: 'Sweep: not allowed here.' }),
	[R('POST', '/admin/vendors/{id}/listing-review')]: () => ({ mode: 'first', first: '2' }),
	[R('POST', '/admin/prohibited-words')]: () => ({ word: `sweepword${Math.random().toString(36).slice(2)}` }),
	[R('POST', '/admin/prohibited-words/{id}/delete')]: () => ({ confirm: '' }),
	[R('POST', '/admin/synonyms')]: () => {
		const r = Math.random().toString(36).slice(2);
		return { words: `sweepsyn${r}a, sweepsyn${r}b` };
	},
	[R('POST', '/admin/synonyms/{id}/delete')]: () => ({ confirm: '' }),
	[R('POST', '/admin/plans')]: () => ({
		name: '', commission: '10', commission_min: '', commission_max: '', listing_limit: '',
		promotion_daily_rate: '1', monthly_fee: '0',
	}),
	[R('POST', '/admin/plans/{id}')]: () => ({
		name: `Sweep plan ${process.pid}`, commission: '10', commission_min: '', commission_max: '', listing_limit: '',
		promotion_daily_rate: '1', monthly_fee: '0',
	}),
	[R('POST', '/admin/vendors/{id}/plan')]: () => ({ plan: ctx.sweepPlanId }),
	// The sweep's visitor has an empty cart: back to the cart (303).
	[R('POST', '/checkout/review')]: () => ({
		email: 'sweep@example.test', address_id: '0', name: 'Sweep Tester', line1: '1 Test Street', line2: '',
		city: 'Berlin', postcode: '10115', country: 'DE', phone: '', save_address: '', method: 'card', coupon: '',
	}),
	[R('POST', '/checkout/place')]: () => ({
		email: 'sweep@example.test', address_id: '0', name: 'Sweep Tester', line1: '1 Test Street', line2: '',
		city: 'Berlin', postcode: '10115', country: 'DE', phone: '', save_address: '', method: 'card', coupon: '',
		key: 'A'.repeat(43), quote: '0'.repeat(64),
	}),
	// A new coupon without its code: the form again, nothing made.
	[R('POST', '/admin/coupons')]: () => ({ code: '', kind: 'percent', percent: '10', borne_by: 'marketplace' }),
	[R('POST', '/admin/coupons/{id}')]: () => ({ kind: 'percent', percent: '10', borne_by: 'marketplace' }),
	[R('POST', '/admin/coupons/{id}/deactivate')]: () => ({ confirm: '' }),
	[R('POST', '/vendor/coupons')]: () => ({ code: '', kind: 'percent', percent: '10' }),
	[R('POST', '/vendor/coupons/{id}')]: () => ({ kind: 'fixed', amount: '2.50' }),
	[R('POST', '/vendor/coupons/{id}/deactivate')]: () => ({ confirm: '' }),
	[R('POST', '/admin/tax/{id}')]: () => ({ rate: '7' }),
	// The sandbox's API, with its key (send()): a payment of its own.
	[R('POST', '/sandbox/v1/payments')]: () => ({
		method: 'card', amount: '100', currency: 'EUR', description: 'Sweep', merchant_ref: '',
		return_url: `${BASE_URL}/`, cancel_url: `${BASE_URL}/`,
	}),
	// A refund of an open payment: refused (402).
	[R('POST', '/sandbox/v1/refunds')]: () => ({ payment: ctx.sandboxRef, amount: '1', idempotency_key: 'sweep-refund' }),
	[R('GET', '/sandbox/test/events')]: () => ({ payment: ctx.sandboxRef }),
	[R('POST', '/sandbox/test/redeliver')]: () => ({ payment: ctx.sandboxRef, copies: '1' }),
	// Cards that are not test cards: the form again (422), nothing paid.
	[R('POST', '/sandbox/pay/{ref:slug}/card')]: () => ({ number: '4111 1111 1111 1111', expiry: '12/39', cvc: '123', name: 'Sweep' }),
	[R('POST', '/sandbox/pay/{ref:slug}/confirm')]: () => ({ outcome: 'fail' }),
	// A transfer that names no order (kept to be assigned).
	[R('POST', '/admin/payments/bank')]: () => ({ received_on: '2026-12-01', amount: '0.01', reference: 'Sweep', payer: 'Sweep', order: '' }),
	[R('POST', '/admin/payments/bank/{id}/assign')]: () => ({ order: 'BZ-NOSUCH' }),
	// A debit unconfirmed: the confirmation page, nothing booked.
	[R('POST', '/admin/vendors/{id}/ledger')]: () => ({
		entry_kind: 'debit', amount: '1.00', reason: 'Sweep reason.', key: '0123456789abcdef0123456789abcdef',
	}),
	// No such payout: nothing to mark or cancel (303, nothing changed).
	[R('POST', '/admin/payouts/{id}/sent')]: () => ({ reference: 'Sweep transfer' }),
	[R('POST', '/admin/payouts/{id}/cancel')]: () => ({ reason: 'Sweep reason.' }),
	[R('GET', '/orders/{id}/returns/new')]: () => ({ vendor_order: ctx.demoVoId }),
	[R('POST', '/orders/{id}/cancel')]: () => ({ vendor_order: ctx.demoVoId }),
	[R('POST', '/orders/{id}/returns')]: () => ({ vendor_order: ctx.demoVoId, item: '1', qty: '1', reason: 'Sweep' }),
	[R('POST', '/returns/{id}/escalate')]: () => ({ note: 'Sweep' }),
	[R('POST', '/vendor/returns/{id}/accept')]: () => ({ instructions: 'Sweep' }),
	[R('POST', '/vendor/returns/{id}/refuse')]: () => ({ refusal: 'Sweep' }),
	[R('POST', '/vendor/orders/{id}/cancel')]: () => ({ reason: 'Sweep' }),
	[R('POST', '/messages/{id}/{message:id}/report')]: () => ({ reason: 'Sweep' }),
	[R('POST', '/vendor/messages/{id}/{message:id}/report')]: () => ({ reason: 'Sweep' }),
	[R('GET', '/admin/refunds/new')]: () => ({ number: ctx.unpaidVoNumber }),
	// An unpaid order: refunding it is refused (422), nothing paid back.
	[R('POST', '/admin/refunds')]: () => ({
		number: ctx.unpaidVoNumber, amount: '1.00', reason: 'Sweep', manual: 'yes',
		key: 'sweep0000000000000000000000000000000000000',
	}),
	[R('POST', '/admin/returns/{id}/accept')]: () => ({ instructions: 'Sweep' }),
	[R('POST', '/admin/returns/{id}/close')]: () => ({ note: 'Sweep' }),
	// No such order: the form again (422), no ticket opened.
	[R('POST', '/account/tickets')]: () => ({ subject: 'Sweep', category: 'other', order: 'BZ-NOSUCH', body: 'Sweep' }),
	[R('POST', '/vendor/tickets')]: () => ({ subject: 'Sweep', category: 'other', order: 'BZ-NOSUCH', body: 'Sweep' }),
	[R('POST', '/account/tickets/{id}/reply')]: () => ({ body: 'Sweep' }),
	[R('POST', '/vendor/tickets/{id}/reply')]: () => ({ body: 'Sweep' }),
	[R('POST', '/admin/tickets/{id}/answer')]: () => ({ answer: 'Sweep', status: 'waiting' }),
	[R('POST', '/admin/tickets/{id}/note')]: () => ({ note: 'Sweep' }),
	[R('POST', '/admin/tickets/{id}/assign')]: () => ({ assignee: '0' }),
	[R('POST', '/admin/tickets/{id}/status')]: () => ({ status: 'open' }),
	[R('POST', '/p/{id}/review')]: () => ({ item: '1', rating: '5', title: 'Sweep', body: 'Sweep' }),
	[R('POST', '/reviews/{id}/edit')]: () => ({ rating: '5', title: 'Sweep', body: 'Sweep' }),
	[R('POST', '/reviews/{id}/report')]: () => ({ reason: 'Sweep' }),
	[R('POST', '/vendor/reviews/{id}/reply')]: () => ({ reply: 'Sweep' }),
	[R('POST', '/admin/reports/{kind:slug}/{id}/hide')]: () => ({ reason: 'Sweep' }),
	[R('POST', '/account/personalisation')]: () => ({ personalise: 'on' }),
};

/**
 * Real values for a route's placeholders, the first one the visitor's own
 * (the field sweep uses it); later ones someone else's. `expect`: what the
 * route answers to them as filled in (else PLAIN_OK): the sweep must reach
 * the handlers, not stop at the door.
 */
function realFills(key) {
	const p = ctx.product;
	switch (key) {
	case R('GET', '/c/{slug}'): return [{ slug: ctx.categorySlug }];
	case R('GET', '/p/{id}-{slug}'): return [{ id: p.id, slug: p.slug }, { id: p.id, slug: 'not-its-slug', expect: 301 }];
	case R('GET', '/p/{id}'): return [{ id: p.id }];
	case R('GET', '/v/{slug}'): return [{ slug: ctx.vendorSlug }];
	case R('GET', '/account/addresses/{id}'): return [{ id: ctx.demoAddressId }, { id: ctx.freshAddressId, expect: 404 }];
	case R('POST', '/account/addresses/{id}'): return [{ id: ctx.freshAddressId }, { id: ctx.demoAddressId, expect: 404 }];
	case R('POST', '/account/addresses/{id}/delete'): return [{ id: ctx.freshAddressId }, { id: ctx.demoAddressId, expect: 404 }];
	// Never the visitor's own session: that would log it out.
	case R('POST', '/account/sessions/{id}/end'): return [{ id: ctx.demoSessionId, expect: 404 }];
	case R('GET', '/dev/mail/{id}'): return [{ id: ctx.outboxId }];
	// An order nobody here placed.
	case R('GET', '/checkout/placed/{id}'): return [{ id: 999999999999, expect: 404 }];
	// The demo shop's listing for the page; the fresh (not yet verified)
	// shop's own for the changes, and someone else's (404).
	case R('GET', '/vendor/listings/{id}/edit'): return [{ id: ctx.demoListingId }, { id: ctx.freshListingId, expect: 404 }];
	case R('POST', '/vendor/listings/{id}/edit'):
	case R('POST', '/vendor/listings/{id}/archive'):
	case R('POST', '/vendor/listings/{id}/restore'):
	case R('POST', '/vendor/listings/{id}/duplicate'): return [{ id: ctx.freshListingId }, { id: ctx.demoListingId, expect: 404 }];
	// A shop we have not verified may not publish: 403 with the reason.
	case R('POST', '/vendor/listings/{id}/publish'): return [{ id: ctx.freshListingId, expect: 403 }];
	case R('GET', '/admin/vendors/{id}'): return [{ id: ctx.freshVendorId }, { id: ctx.demoVendorId, expect: 200 }];
	case R('POST', '/admin/vendors/{id}/check'):
	case R('POST', '/admin/vendors/{id}/checks'):
	case R('POST', '/admin/vendors/{id}/approve'):
	case R('POST', '/admin/vendors/{id}/reject'): return [{ id: ctx.freshVendorId }];
	case R('GET', '/admin/plans/{id}'): return [{ id: ctx.sweepPlanId }];
	case R('POST', '/admin/plans/{id}'): return [{ id: ctx.sweepPlanId }];
	case R('POST', '/admin/vendors/{id}/plan'): return [{ id: ctx.freshVendorId }];
	case R('POST', '/admin/tax/{id}'): return [{ id: ctx.sweepCategory }];
	case R('GET', '/admin/vendors/{id}/ledger'): return [{ id: ctx.freshVendorId }, { id: ctx.demoVendorId, expect: 200 }];
	case R('POST', '/admin/vendors/{id}/ledger'): return [{ id: ctx.freshVendorId, expect: 200 }];
	case R('GET', '/admin/users/{id}'): return [{ id: ctx.demoCustomerId }, { id: Number(ctx.target.user.id), expect: 200 }];
	// The target (never confirmed), and the admin's own account (refused).
	case R('POST', '/admin/users/{id}/block'):
	case R('POST', '/admin/users/{id}/unblock'): return [{ id: Number(ctx.target.user.id) }, { id: ctx.demoAdminId, expect: [409, 422] }];
	case R('GET', '/vendor/listings/{id}/stock'): return [{ id: ctx.demoVendorProductId }, { id: ctx.otherVendorProductId, expect: 404 }];
	case R('POST', '/vendor/listings/{id}/stock'): return [{ id: ctx.demoVendorProductId, expect: 404 }];
	case R('GET', '/vendor/listings/{id}/images'): return [ctx.picture];
	case R('POST', '/vendor/listings/{id}/images'):
	case R('POST', '/vendor/listings/{id}/images/{image:id}/alt'):
	case R('POST', '/vendor/listings/{id}/images/{image:id}/move'):
	case R('POST', '/vendor/listings/{id}/images/{image:id}/delete'): return [{ ...ctx.picture, expect: 404 }];
	case R('GET', '/admin/listings/{id}'):
	case R('POST', '/admin/listings/{id}/approve'):
	case R('POST', '/admin/listings/{id}/reject'): return [{ id: ctx.product.id }];
	case R('POST', '/admin/vendors/{id}/listing-review'): return [{ id: ctx.freshVendorId }];
	case R('GET', '/admin/prohibited-words/{id}/delete'):
	case R('POST', '/admin/prohibited-words/{id}/delete'): return [{ id: ctx.wordId }];
	case R('GET', '/admin/synonyms/{id}/delete'):
	case R('POST', '/admin/synonyms/{id}/delete'): return [{ id: ctx.synonymId }];
	case R('GET', '/vendor/promotions/{id}/report'): return [{ id: ctx.demoVendorPromotionId }, { id: ctx.otherVendorPromotionId, expect: 404 }];
	case R('POST', '/vendor/promotions/{id}/cancel'): return [{ id: ctx.demoVendorPromotionId }, { id: ctx.otherVendorPromotionId, expect: 404 }];
	case R('POST', '/admin/payouts/{id}/sent'):
	case R('POST', '/admin/payouts/{id}/cancel'): return [{ id: 999999999999 }];
	case R('GET', '/admin/coupons/{id}'): return [{ id: ctx.sweepCouponId }, { id: ctx.demoVendorCouponId, expect: 200 }];
	case R('POST', '/admin/coupons/{id}'): return [{ id: ctx.sweepCouponId }, { id: ctx.demoVendorCouponId, expect: 404 }];
	case R('GET', '/admin/coupons/{id}/deactivate'):
	case R('POST', '/admin/coupons/{id}/deactivate'): return [{ id: ctx.sweepCouponId }];
	case R('GET', '/vendor/coupons/{id}'):
	case R('GET', '/vendor/coupons/{id}/deactivate'): return [{ id: ctx.demoVendorCouponId }, { id: ctx.freshVendorCouponId, expect: 404 }];
	case R('POST', '/vendor/coupons/{id}'):
	case R('POST', '/vendor/coupons/{id}/deactivate'): return [{ id: ctx.freshVendorCouponId }, { id: ctx.demoVendorCouponId, expect: 404 }];
	case R('GET', '/orders/{id}'): return [{ id: ctx.order.id }, { id: ctx.otherOrder.id, expect: 404 }];
	case R('GET', '/orders/{id}/invoice/{vo:id}'):
	case R('GET', '/orders/{id}/invoice/{vo:id}.pdf'):
		return [{ id: ctx.order.id, vo: ctx.order.vo }, { id: ctx.otherOrder.id, vo: ctx.otherOrder.vo, expect: 404 },
			{ id: ctx.order.id, vo: ctx.otherOrder.vo, expect: 404 }];
	case R('GET', '/orders/{id}/guest'): return [{ id: ctx.guestOrder.id, expect: 404 }];
	case R('GET', '/orders/{id}/guest/invoice/{vo:id}'):
	case R('GET', '/orders/{id}/guest/invoice/{vo:id}.pdf'): return [{ id: ctx.guestOrder.id, vo: ctx.guestOrder.vo, expect: 404 }];
	case R('GET', '/vendor/orders/{id}'):
	case R('GET', '/vendor/orders/{id}/slip'):
	case R('GET', '/vendor/orders/{id}/invoice'):
	case R('GET', '/vendor/orders/{id}/invoice.pdf'): return [{ id: ctx.order.vo }, { id: ctx.order.otherVo, expect: 404 }];
	// The fresh shop sends them: the demo shop's part is not its own.
	case R('POST', '/vendor/orders/{id}/ship'):
	case R('POST', '/vendor/orders/{id}/deliver'): return [{ id: ctx.order.vo, expect: 404 }];
	case R('GET', '/admin/orders/{id}'): return [{ id: ctx.order.id }, { id: ctx.guestOrder.id, expect: 200 }];
	// A line of no cart of the visitor's: not found.
	case R('POST', '/cart/items/{id}/quantity'):
	case R('POST', '/cart/items/{id}/remove'):
	case R('POST', '/cart/items/{id}/save'):
	case R('POST', '/cart/items/{id}/move'): return [{ id: 999999999999, expect: [404, 422] }];
	case R('GET', '/orders/{id}/returns'):
	case R('GET', '/orders/{id}/returns/new'): return [{ id: ctx.demoOrderId }, { id: ctx.otherOrderId, expect: 404 }];
	// A fresh customer's: the demo customer's order and return are not theirs.
	case R('POST', '/orders/{id}/cancel'):
	case R('POST', '/orders/{id}/returns'): return [{ id: ctx.demoOrderId, expect: 404 }];
	case R('POST', '/returns/{id}/escalate'): return [{ id: ctx.demoReturnId, expect: 404 }];
	case R('GET', '/vendor/returns/{id}'): return [{ id: ctx.demoReturnId }];
	case R('GET', '/vendor/orders/{id}/cancel'): return [{ id: ctx.demoVoId }];
	case R('POST', '/vendor/returns/{id}/accept'):
	case R('POST', '/vendor/returns/{id}/refuse'):
	case R('POST', '/vendor/returns/{id}/receive'): return [{ id: ctx.demoReturnId, expect: 404 }];
	case R('POST', '/vendor/orders/{id}/cancel'): return [{ id: ctx.demoVoId, expect: 404 }];
	// The return waits for its shop: an admin's moves are refused (303, nothing changed).
	// No such refund: its retry and its settling are 404, after the router let them through.
	case R('POST', '/admin/refunds/{id}/retry'): return [{ id: 999999999 }];
	case R('POST', '/admin/refunds/{id}/settle'): return [{ id: 999999999 }];
	case R('GET', '/admin/returns/{id}'):
	case R('POST', '/admin/returns/{id}/accept'):
	case R('POST', '/admin/returns/{id}/close'):
	case R('POST', '/admin/returns/{id}/receive'):
	case R('POST', '/admin/returns/{id}/pay'): return [{ id: ctx.demoReturnId }];
	case R('GET', '/account/tickets/{id}'): return [{ id: ctx.demoTicketId }, { id: ctx.otherTicketId, expect: 404 }];
	case R('GET', '/vendor/tickets/{id}'): return [{ id: ctx.demoVendorTicketId }, { id: ctx.demoTicketId, expect: 404 }];
	// A fresh customer's and a fresh shop's: the demo ones are not theirs.
	case R('POST', '/account/tickets/{id}/reply'): return [{ id: ctx.demoTicketId, expect: 404 }];
	case R('POST', '/vendor/tickets/{id}/reply'): return [{ id: ctx.demoVendorTicketId, expect: 404 }];
	case R('GET', '/admin/tickets/{id}'): return [{ id: ctx.demoTicketId }, { id: ctx.demoVendorTicketId }];
	// No such ticket: the router lets the fields through, the handler answers 404.
	case R('POST', '/admin/tickets/{id}/answer'):
	case R('POST', '/admin/tickets/{id}/note'):
	case R('POST', '/admin/tickets/{id}/assign'):
	case R('POST', '/admin/tickets/{id}/status'): return [{ id: 999999999 }];
	case R('GET', '/orders/{id}/payment'):
	case R('POST', '/orders/{id}/payment'): return [{ id: ctx.guestOrderId, expect: 404 }];
	case R('GET', '/payments/{id}/return'):
	case R('GET', '/payments/{id}/cancel'): return [{ id: 999999999, expect: 404 }];
	// A plain form is not JSON (415); signed events are payments.test.mjs's.
	case R('POST', '/payments/webhook/{provider:slug}'): return [{ provider: 'sandbox', expect: 415 }, { provider: 'nobody', expect: 404 }];
	case R('POST', '/sandbox/v1/payments'): return [{ expect: 201 }];
	case R('GET', '/sandbox/v1/payments/{ref:slug}'): return [{ ref: ctx.sandboxRef }];
	case R('POST', '/sandbox/v1/refunds'): return [{ expect: 402 }];
	case R('POST', '/sandbox/test/redeliver'): return [{ expect: 200 }];
	case R('GET', '/sandbox/pay/{ref:slug}'):
	case R('POST', '/sandbox/pay/{ref:slug}/card'):
	case R('POST', '/sandbox/pay/{ref:slug}/approve'): return [{ ref: ctx.sandboxRef }];
	// Not waiting for a confirmation: back to the payment's page.
	case R('GET', '/sandbox/pay/{ref:slug}/confirm'):
	case R('POST', '/sandbox/pay/{ref:slug}/confirm'): return [{ ref: ctx.sandboxRef, expect: 303 }];
	case R('POST', '/sandbox/pay/{ref:slug}/cancel'): return [{ ref: ctx.sandboxRefCancel }];
	case R('POST', '/admin/payments/bank/{id}/assign'): return [{ id: 999999999 }];
	// Reviews: the product's list; the form and the post refuse whoever did
	// not buy it (403, the only-buyers answer); no such review: 404; nothing
	// reported: the queue again (303).
	case R('GET', '/p/{id}/reviews'): return [{ id: ctx.product.id }];
	// Search by picture: a product's "similar looking" page.
	case R('GET', '/p/{id}/similar'): return [{ id: ctx.product.id }];
	case R('GET', '/p/{id}/review'):
	case R('POST', '/p/{id}/review'): return [{ id: ctx.product.id, expect: 403 }];
	case R('GET', '/reviews/{id}/edit'):
	case R('POST', '/reviews/{id}/edit'):
	case R('POST', '/reviews/{id}/helpful'):
	case R('POST', '/reviews/{id}/report'):
	case R('POST', '/vendor/reviews/{id}/reply'): return [{ id: 999999999, expect: 404 }];
	case R('POST', '/admin/reports/{kind:slug}/{id}/hide'):
	case R('POST', '/admin/reports/{kind:slug}/{id}/keep'): return [{ kind: 'review', id: 999999999 }];
	// Conversations: the demo customer's and the demo shop's own, another's 404;
	// the fresh customer and shop that send the forms are not its sides (404).
	case R('GET', '/messages/{id}'):
	case R('GET', '/vendor/messages/{id}'): return [{ id: ctx.conversation }, { id: ctx.otherConversation, expect: 404 }];
	case R('POST', '/messages/{id}'):
	case R('POST', '/vendor/messages/{id}'): return [{ id: ctx.conversation, expect: 404 }];
	case R('POST', '/messages/{id}/{message:id}/report'):
	case R('POST', '/vendor/messages/{id}/{message:id}/report'): return [{ id: ctx.conversation, message: 999999999, expect: 404 }];
	// No report or dispute brings the admin there: 404.
	case R('GET', '/admin/conversations/{id}'): return [{ id: ctx.conversation, expect: 404 }];
	// nginx asks it; asked through nginx without a session: 403.
	case R('GET', '/live/chat/{id}'): return [{ id: ctx.conversation, expect: 403 }];
	// nginx asks it for the header's live counts; the sweep's visitor has no session: 403.
	case R('GET', '/live/unread'): return [{ expect: 403 }];
	// A form without its file: 400 naming the field.
	case R('POST', '/admin/payments/bank/import'): return [{ expect: 400 }];
	// Without a signed link's fields: not found (notifications.test.mjs sends real ones).
	case R('GET', '/unsubscribe'):
	case R('POST', '/unsubscribe'): return [{ expect: 404 }];
	// No notification of the visitor's: not found.
	case R('POST', '/account/notifications/{id}/open'):
	case R('POST', '/vendor/notifications/{id}/open'): return [{ id: 999999999999, expect: 404 }];
	// No list of the visitor's (a fresh sign-up has none): not found.
	case R('POST', '/account/wishlists/{id}/delete'):
	case R('POST', '/account/wishlists/{id}/share'): return [{ id: 999999999999, expect: 404 }];
	case R('POST', '/account/wishlists/{id}/items/{product:id}/remove'):
	case R('POST', '/account/wishlists/{id}/items/{product:id}/move'):
	case R('POST', '/account/wishlists/{id}/items/{product:id}/cart'):
		return [{ id: 999999999999, product: 999999999999, expect: 404 }];
	// An address no list has.
	case R('GET', '/w/{token:slug}'): return [{ token: '0'.repeat(32), expect: 404 }];
	// No such promotion.
	case R('GET', '/sponsored/{id}/why'): return [{ id: 999999999999, expect: 404 }];
	// The recently viewed image of a product the shop shows, and of none.
	case R('GET', '/recent/add/{id}'): return [{ id: p.id }, { id: 999999999999, expect: 404 }];
	// The first file of each kind, and one past the last.
	case R('GET', '/sitemaps/products-{id}.xml'):
	case R('GET', '/sitemaps/categories-{id}.xml'):
	case R('GET', '/sitemaps/shops-{id}.xml'): return [{ id: 1 }, { id: 999999, expect: 404 }];
	default: return [{}];
	}
}

/** What a route answers its own visitor's plain request: a page, a redirect,
 * a form sent back, a spent link, a state that does not allow it. Never 403
 * (the visitor or the CSRF token would be wrong) nor 5xx. */
const PLAIN_OK = { GET: [200, 301, 410], POST: [303, 404, 409, 410, 422] };

function visitorFor(route) {
	const key = R(route.method, route.path);
	if (VISITOR[key]) return VISITOR[key];
	if (route.flags.includes('R_ADMIN') || route.flags.includes('R_SUPPORT')) return 'admin';
	if (route.flags.includes('R_VENDOR')) return route.method === 'GET' ? 'demoVendor' : 'freshVendor';
	if (route.flags.includes('R_LOGIN')) return route.method === 'GET' ? 'demoCustomer' : 'fresh';
	return 'anon';
}

function fillPath(pattern, fill) {
	return pattern.replace('{id}', String(fill.id ?? '')).replace('{slug}', String(fill.slug ?? ''))
		.replace('{image:id}', String(fill.image ?? '')).replace('{vo:id}', String(fill.vo ?? ''))
		.replace('{message:id}', String(fill.message ?? ''))
		.replace('{ref:slug}', String(fill.ref ?? '')).replace('{provider:slug}', String(fill.provider ?? ''))
		.replace('{product:id}', String(fill.product ?? '')).replace('{token:slug}', String(fill.token ?? ''))
		.replace('{kind:slug}', String(fill.kind ?? ''));
}

/** A form body / query string: [name, already-encoded value] pairs. */
function encodePairs(pairs) {
	return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function basePairs(values, except) {
	return Object.entries(values).filter(([k]) => k !== except).map(([k, v]) => [enc(k), enc(String(v ?? ''))]);
}

/** A code a second-factor form would count: six digits once spaces and dashes go. */
function looksLikeCode(raw) {
	let s;
	try {
		s = decodeURIComponent(raw.replace(/\+/g, ' '));
	} catch {
		return false;
	}
	return /^[0-9]{6}$/.test(s.replace(/[\s-]/g, ''));
}

// ---- the requests ---------------------------------------------------------------

/**
 * All requests of the sweep: { who, spare, method, path, body, headers,
 * expect (a status or a list), label }.
 */
function buildJobs(routes) {
	const jobs = [];
	const seenPaths = new Set();
	const postOnly = new Set();
	const getOnly = new Set();
	const byPath = new Map();
	for (const r of routes) {
		if (!byPath.has(r.path)) byPath.set(r.path, new Set());
		byPath.get(r.path).add(r.method);
	}
	for (const [path, methods] of byPath) {
		if (methods.has('POST') && !methods.has('GET')) postOnly.add(path);
		if (methods.has('GET') && !methods.has('POST')) getOnly.add(path);
	}

	for (const route of routes) {
		const key = R(route.method, route.path);
		const who = visitorFor(route);
		const spare = SPARE.has(key);
		const isPost = route.method === 'POST';
		if (isPost && (who === 'demoCustomer' || who === 'demoVendor')) {
			throw new Error(`${key}: a demo account would POST (pick a fresh visitor)`);
		}
		const baseFor = BASE_VALUES[key] ?? (() => ({}));
		const fills = realFills(key);
		// nginx answers /vendor itself (301 to /vendor/), whatever is sent.
		const nginxFixed = route.path === '/vendor';
		// nginx serves /live/chat/{id} and /live/unread (nchan) once the
		// storefront's route says yes: for the sweep's visitor it says no
		// (403) before anything is parsed, a malformed query included.
		const nginxAsks = route.path === '/live/chat/{id}' || route.path === '/live/unread';
		// A machine's POST (R_SIGNED) has no CSRF token to miss: the
		// handler's own check (a signature, an API key) answers instead.
		const signed = route.flags.includes('R_SIGNED');
		const mk = (label, path, pairs, extra = {}) => {
			const body = encodePairs(pairs);
			if (nginxFixed && extra.expect !== undefined) extra = { ...extra, expect: 301 };
			if (nginxAsks && extra.expect === 400) extra = { ...extra, expect: 403 };
			if (signed && extra.expect === 403) extra = { ...extra, expect: undefined };
			const job = { who, spare, signed, method: route.method, route: key, label: `${key} ${label}`, ...extra };
			if (extra.as) {
				job.who = extra.as;
				job.spare = false;
				job.label = `${key} ${label} as ${extra.as}`;
			}
			if (isPost) {
				job.path = extra.query ? `${path}?${extra.query}` : path;
				job.body = extra.rawBody ?? (extra.noCsrf ? body : `${body}${body ? '&' : ''}csrf=${'{CSRF}'}`);
				job.headers = { 'Content-Type': 'application/x-www-form-urlencoded', ...(extra.headers ?? {}) };
			} else {
				job.path = body ? `${path}?${body}` : path;
				job.headers = extra.headers ?? {};
			}
			jobs.push(job);
		};
		const path0 = fillPath(route.path, fills[0]);

		// As filled in, then every declared field with every hostile value.
		for (const [i, fill] of fills.entries()) {
			mk(`plain (fill ${i})`, fillPath(route.path, fill), basePairs(baseFor(null)),
				{ expect: fill.expect ?? PLAIN_OK[route.method] });
		}
		for (const p of route.params) {
			const base = baseFor(p.name);
			const rest = basePairs(base, p.name);
			const values = [...PAYLOADS];
			if (p.type === 'TEXT' && Number.isFinite(p.max) && p.max > 0) {
				values.push([`${p.max} bytes (the limit)`, 'x'.repeat(p.max)], [`${p.max + 1} bytes`, 'x'.repeat(p.max + 1)]);
			}
			if (p.type === 'INT' && Number.isFinite(p.min) && Number.isFinite(p.max)) {
				values.push([`min-1 (${p.min - 1})`, String(p.min - 1)], [`max+1 (${p.max + 1})`, String(p.max + 1)]);
			}
			if (p.type === 'MONEY') values.push(['three decimals', '1.005'], ['two points', '1.2.3']);
			for (const [name, raw] of values) {
				if ((key.endsWith(' /admin/2fa') || key.endsWith(' /admin/enrol')) && p.name === 'code' && looksLikeCode(raw)) continue;
				// Base values per request: a throwaway address is used once.
				mk(`${p.name}=${name}`, path0, [...basePairs(baseFor(p.name), p.name), [p.name, raw]]);
			}
			// Duplicated: the base value and markup, in both orders. A valid
			// one-time token is never repeated (nginx's log masks one token= only).
			const b = enc(String(p.name === 'token' ? 'x' : (base[p.name] ?? '')));
			mk(`${p.name} twice (markup last)`, path0, [...rest, [p.name, b], [p.name, enc(SCRIPT)]]);
			mk(`${p.name} twice (markup first)`, path0, [...rest, [p.name, enc(SVG)], [p.name, b]]);
			mk(`${p.name}[]`, path0, [...rest, [`${p.name}%5B%5D`, enc(SCRIPT)]]);
		}

		// Someone else's object and nonsense in the placeholders.
		const base0 = basePairs(baseFor(null));
		if (route.path.includes('{id}')) {
			const real = fills[0];
			for (const bad of BAD_IDS) mk(`{id}=${bad.slice(0, 24)}`, fillPath(route.path, { ...real, id: bad }), base0);
		}
		if (route.path.includes('{slug}')) {
			const real = fills[0];
			for (const bad of BAD_SLUGS) mk(`{slug}=${bad.slice(0, 24)}`, fillPath(route.path, { ...real, slug: bad }), base0);
		}

		// The wrong kind of visitor: a visitor without a session (sent to the
		// login page, or 403), a customer on the vendor and admin sites (404).
		if (who !== 'anon' && who !== 'enrolAnon') mk('plain', path0, base0, { as: 'anon' });
		if (route.flags.includes('R_VENDOR') || route.flags.includes('R_ADMIN') || route.flags.includes('R_SUPPORT')) {
			mk('plain', path0, base0, { as: 'fresh', expect: 404 });
			if (route.method === 'GET' && (route.flags.includes('R_ADMIN') || route.flags.includes('R_SUPPORT'))) mk('plain', path0, base0, { as: 'demoVendor', expect: 404 });
		}

		// Whatever the route does not declare.
		mk('unknown fields', path0, [...base0, ['zz_unknown', enc(SCRIPT)], ['x.y', enc(SVG)], [enc('a[b]'), '1'], ['novalue', '']]);
		mk('too many fields', path0, [...base0, ...Array.from({ length: 70 }, (_, i) => [`f${i}`, '1'])], { expect: 400 });
		mk('a 100-byte field name', path0, [...base0, ['k'.repeat(100), '1']], { expect: 400 });
		mk('nameless fields', path0, [...base0, ['', 'empty-name'], ['', '']]);
		if (isPost) {
			const first = route.params[0]?.name ?? 'zz';
			mk('a 70 KB value', path0, [...base0.filter(([k]) => k !== first), [first, 'B'.repeat(70 * 1024)]], { expect: 400 });
			mk('a 2 MB body', path0, [], { rawBody: `zz=${'C'.repeat(2 * 1024 * 1024)}`, expect: 413 });
			mk('a query string too', path0, base0, { query: `zz=${enc(SCRIPT)}&csrf=0` });
			mk('no csrf', path0, base0, { noCsrf: true, expect: 403 });
			mk('JSON body', path0, [], { rawBody: JSON.stringify({ csrf: '{CSRF}', x: SCRIPT }), headers: { 'Content-Type': 'application/json' } });
			mk('multipart body', path0, [], {
				rawBody: `--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{CSRF}\r\n--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n${SCRIPT}\r\n--b--\r\n`,
				headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
				// Only an upload route reads a multipart form (route.h, R_UPLOAD).
				...(route.flags.includes('R_UPLOAD') ? {} : { expect: 415 }),
			});
			mk('Origin: null', path0, base0, { headers: { Origin: 'null' }, expect: 403 });
			mk('cross-site fetch', path0, base0, { headers: { 'Sec-Fetch-Site': 'cross-site' }, expect: 403 });
		} else {
			mk('hostile cookies', path0, base0, {
				headers: { Cookie: `bz_flash=${enc(SCRIPT + SVG)}; bz_csrf=${enc(SCRIPT)}; bz_session=%FF%FE%00; x=${'y'.repeat(2000)}` },
			});
			mk('40 cookies', path0, base0, { headers: { Cookie: Array.from({ length: 40 }, (_, i) => `c${i}=1`).join('; ') } });
			mk('hostile User-Agent and Referer', path0, base0, { headers: { 'User-Agent': `${SCRIPT}${SVG}`, Referer: `javascript:${SCRIPT}` } });
		}

		// The wrong methods, once per address.
		if (!seenPaths.has(path0)) {
			seenPaths.add(path0);
			const m405 = nginxFixed ? [301] : 405;
			const wrong = (method, extra = {}) => jobs.push({
				who, spare, method, path: path0, route: key, label: `${method} ${route.path} (wrong method)`,
				headers: {}, ...extra,
			});
			if (postOnly.has(route.path)) {
				wrong('GET', { expect: 405 });
				wrong('HEAD', { expect: 405 });
			}
			if (getOnly.has(route.path)) {
				wrong('POST', {
					expect: m405, body: 'csrf={CSRF}&zz=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				});
			}
			for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) wrong(method, { expect: m405, body: 'zz=1' });
		}
	}
	return jobs;
}

/** One request; the answer, or { error } when there was none. */
async function send(job) {
	const base = ctx[job.who];
	const client = job.spare ? base.clone({ localAddress: spareAddress() }) : base.clone();
	const csrf = base.csrf ?? '';
	const body = job.body === undefined ? undefined : job.body.replaceAll('{CSRF}', csrf);
	// The sandbox's API is called with its key, so that the sweep reaches its handlers.
	const headers = /^\/sandbox\/(v1|test)\//.test(job.path)
		? { Authorization: `Bearer ${env('BAZAAR_SANDBOX_API_KEY')}`, ...job.headers } : job.headers;
	try {
		return await client.request(job.method, job.path, { body, headers, timeoutMs: 30_000 });
	} catch (e) {
		return { error: e };
	}
}

/** What is wrong with an answer: a list of sentences (empty when fine). */
function problemsOf(job, res) {
	if (res.error) return [`no answer: ${res.error.message}`];
	const out = [];
	const rid = res.headers.get('x-request-id');
	const type = res.headers.get('content-type') ?? '';
	const requestLine = job.method.length + job.path.length + 10;
	const allowed = ALLOWED.has(res.status) || res.status === ALSO_409 || (job.signed && SIGNED_ALSO.has(res.status))
		|| (res.status === NGINX_URI_TOO_LONG && !rid && requestLine > 8000);
	if (!allowed) out.push(`status ${res.status}`);
	if (job.expect !== undefined) {
		const want = Array.isArray(job.expect) ? job.expect : [job.expect];
		if (!want.includes(res.status)) out.push(`status ${res.status}, expected ${want.join(' or ')}`);
	}
	const text = res.text ?? '';
	if (!/application\/json/.test(type)) {
		for (const m of RAW_MARKERS) {
			if (text.includes(m)) out.push(`the body carries ${JSON.stringify(m)} unescaped`);
		}
		if (/\b(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/i.test(text)) out.push('the body links a javascript: address');
		if (/\b(?:href|src|action|formaction)\s*=\s*["']?\s*(?:https?:)?[/\\]{2,}\s*evil\.example/i.test(text)) out.push('the body links off-site (evil.example)');
	} else if (res.status === 200) {
		try {
			JSON.parse(text);
		} catch {
			out.push('a JSON answer that does not parse');
		}
	}
	for (const re of INTERNALS) {
		const m = re.exec(text);
		if (m) out.push(`the body shows internals: ${JSON.stringify(text.slice(Math.max(0, m.index - 60), m.index + 60))}`);
	}
	if (res.headers.get('x-injected') !== null) out.push('a header was injected (X-Injected)');
	if (res.location) {
		let loc;
		try {
			loc = new URL(res.location, BASE_URL);
		} catch {
			loc = null;
		}
		if (!loc || loc.origin !== BASE.origin) out.push(`redirects off the site: ${res.location}`);
		if (/[\r\n]/.test(res.location)) out.push('a Location with a line break');
	}
	// The header fragment and the recently viewed strip of shared pages
	// (nginx's SSI puts them into a page) are parts of a page, not pages.
	const fragment = /^\/(cart\/header|recent\/strip)(\?|$)/.test(job.path) && res.status === 200;
	if (rid && /text\/html/.test(type) && res.status >= 200 && (res.status < 300 || res.status >= 400) && job.method !== 'HEAD'
		&& !fragment) {
		try {
			// The admin site's pages leave the shop's search box out.
			assertLayout(text, job.label, { search: !job.path.startsWith('/admin/') && !job.path.startsWith('/sandbox/') });
		} catch (e) {
			out.push(`no site layout (${e.message.split('\n')[0]})`);
		}
	}
	return out;
}

async function runPool(jobs, width, onResult) {
	let next = 0;
	const worker = async () => {
		while (next < jobs.length) {
			const job = jobs[next++];
			onResult(job, await send(job));
		}
	};
	await Promise.all(Array.from({ length: width }, worker));
}

// ---- the tests -------------------------------------------------------------------

const stats = { routes: 0, fields: 0, requests: 0, ms: 0, byStatus: {} };

describe('bad input', () => {
	test('the sweep covers every route of docs/routes.md with the parameters of the route tables', () => {
		const defines = numericDefines();
		const docs = docRoutes();
		assert.ok(docs.length >= 60, `docs/routes.md lists only ${docs.length} routes`);
		const tables = Object.fromEntries(Object.entries(C_FILES).map(([p, f]) => [p, cRoutes(f, defines)]));
		ctx.routes = docs.map((d) => {
			const c = tables[d.program].find((r) => r.method === d.method && r.pattern === d.path);
			assert.ok(c, `${d.method} ${d.path} (docs/routes.md) is not in ${C_FILES[d.program]}`);
			return { ...d, flags: c.flags, params: c.params };
		});
		for (const [program, rows] of Object.entries(tables)) {
			for (const r of rows) {
				assert.ok(docs.some((d) => d.method === r.method && d.path === r.pattern),
					`${r.method} ${r.pattern} of ${C_FILES[program]} is not in docs/routes.md`);
			}
		}
		// The parser found the parameters (a sample that must be there).
		const fieldsOf = (m, p) => ctx.routes.find((r) => r.method === m && r.path === p).params.map((x) => x.name);
		assert.deepEqual(fieldsOf('GET', '/search'), ['q', 'page', 'sort', 'min_price', 'max_price', 'in_stock',
			'category', 'vendor', 'band', 'rating', 'sale']);
		assert.ok(fieldsOf('POST', '/vendor/profile').includes('bank_account'));
		assert.ok(fieldsOf('GET', '/admin/audit').includes('object_id'));
		assert.equal(ctx.routes.find((r) => r.path === '/search').params[0].max, 100, 'SF_QUERY_MAX resolved');
	});

	test('hostile values in every field of every route: no 5xx, nothing unescaped, no internals, the layout kept', async () => {
		assert.ok(ctx.routes, 'the routes were read');
		const jobs = buildJobs(ctx.routes);
		stats.routes = ctx.routes.length;
		stats.fields = ctx.routes.reduce((n, r) => n + r.params.length, 0);
		stats.requests = jobs.length;

		logMarks = Object.fromEntries([...PROGRAM_LOGS, 'nginx-error.log'].map((n) => [n, logSize(n)]));
		workersBefore = Object.fromEntries(['storefront', 'vendor', 'admin', 'sandbox'].map((p) => [p, workerPids(p)]));

		const failures = [];
		const t0 = Date.now();
		await runPool(jobs, 6, (job, res) => {
			stats.byStatus[res.status ?? 'none'] = (stats.byStatus[res.status ?? 'none'] ?? 0) + 1;
			if (process.env.BAD_INPUT_TRACE) console.log(`TRACE ${res.status} ${job.label}${res.location ? ` -> ${res.location}` : ''}`);
			const p = problemsOf(job, res);
			if (p.length) failures.push(`${job.label} [${job.method} ${job.path.slice(0, 120)}] -> ${res.status ?? 'no answer'}: ${p.join('; ')}`);
		});
		stats.ms = Date.now() - t0;
		console.log(`bad input: ${stats.routes} routes, ${stats.fields} declared fields, ${stats.requests} requests in ${stats.ms} ms; statuses ${JSON.stringify(stats.byStatus)}`);
		assert.equal(failures.length, 0, `${failures.length} of ${jobs.length} answers were wrong:\n${failures.slice(0, 60).join('\n')}`);
	});

	test('stored hostile text is shown escaped wherever it comes back', async () => {
		const fresh = ctx.fresh;
		const name = `${SCRIPT}${SVG}`.slice(0, 100);
		await fresh.form('/account');
		const saved = await fresh.post('/account/profile', { name, phone: '' });
		assert.equal(saved.status, 303, `saving a name with markup: ${saved.status}`);
		await fresh.form(`/account/addresses/${ctx.freshAddressId}`);
		const addr = await fresh.post(`/account/addresses/${ctx.freshAddressId}`, {
			label: SCRIPT.slice(0, 25), name, line1: SVG, line2: "' OR 1=1 --", city: SCRIPT, postcode: '10115',
			country: 'DE', phone: '', is_default: '',
		});
		assert.equal(addr.status, 303, `saving an address with markup: ${addr.status}\n${addr.text.slice(0, 300)}`);
		const { name: _n, email: _e, password: _p, ...profile } = ctx.freshVendorAll.fields;
		await ctx.freshVendor.form('/vendor/profile');
		const vsaved = await ctx.freshVendor.post('/vendor/profile', {
			...profile, trading_name: `Shop ${SCRIPT}`, legal_name: `Legal ${SVG}`, description: `${SCRIPT}\n${SVG}`,
		});
		assert.ok([303, 422].includes(vsaved.status), `saving a vendor profile with markup: ${vsaved.status}`);

		// The same browser, with markup in its User-Agent, shows up on the sessions page.
		const uaClient = new Client({ userAgent: `${SCRIPT}${SVG}` });
		await uaClient.form('/login');
		const li = await uaClient.post('/login', { email: ctx.loginUser.email, password: ctx.loginUser.password });
		assert.equal(li.status, 303, `login with a hostile User-Agent: ${li.status}`);
		ctx.ua = uaClient;

		const pages = [
			['fresh', '/'], ['fresh', '/account'], ['fresh', '/account/addresses'],
			['fresh', `/account/addresses/${ctx.freshAddressId}`], ['fresh', '/account/sessions'], ['ua', '/account/sessions'],
			['fresh', '/account/delete'], ['fresh', '/account/data.json'],
			['freshVendor', '/vendor/'], ['freshVendor', '/vendor/profile'], ['freshVendor', '/vendor/listings'],
			['admin', `/admin/users/${Number(ctx.freshUser.user.id)}`],
			['admin', `/admin/users?q=${enc('Sweep')}`], ['admin', `/admin/users?q=${enc(SCRIPT.slice(0, 20))}`],
			['admin', `/admin/vendors/${ctx.freshVendorId}`], ['admin', '/admin/vendors?status=pending'],
			['admin', '/admin/vendors?status=all'], ['admin', '/admin/audit'],
			['admin', `/admin/audit?object_type=vendor&object_id=${ctx.freshVendorId}`],
		];
		const failures = [];
		for (const [who, path] of pages) {
			const job = { who, method: 'GET', path, label: `stored: ${who} GET ${path}`, headers: {} };
			const res = await send(job);
			const p = problemsOf(job, res);
			if (res.status !== 200) p.push(`status ${res.status}, expected 200`);
			if (path.endsWith('.json') && !/application\/json/.test(res.headers?.get('content-type') ?? '')) p.push('not served as JSON');
			if (p.length) failures.push(`${job.label} -> ${res.status}: ${p.join('; ')}`);
		}
		assert.equal(failures.length, 0, failures.join('\n'));
	});

	test('no worker died and no program logged an error during the sweep', () => {
		assert.ok(logMarks, 'the sweep ran');
		const problems = [];
		for (const name of PROGRAM_LOGS) {
			for (const line of logSince(name, logMarks[name]).split('\n')) {
				if (/event=master\.worker_died\b/.test(line)) problems.push(`${name}: a worker died: ${line}`);
				else if (/level=error\b.*event=master\.worker_exit\b/.test(line)) problems.push(`${name}: a worker exited with an error: ${line}`);
				else if (/event=worker\.init\b/.test(line)) problems.push(`${name}: a worker could not start: ${line}`);
				else if (/level=error\b.*event=http\.handler\b.*status=5[0-9][0-9]/.test(line)) problems.push(`${name}: a handler answered 5xx: ${line}`);
				else if (/level=error\b/.test(line)) problems.push(`${name}: error: ${line}`);
			}
		}
		for (const line of logSince('nginx-error.log', logMarks['nginx-error.log']).split('\n')) {
			if (/upstream|connect\(\) to unix:|recv\(\) failed/.test(line)) problems.push(`nginx-error.log: ${line}`);
		}
		for (const [program, pids] of Object.entries(workersBefore)) {
			const now = workerPids(program);
			if (JSON.stringify(now) !== JSON.stringify(pids)) {
				problems.push(`${program}: workers ${pids.join(' ')} before the sweep, ${now.join(' ')} after (one was replaced)`);
			}
		}
		assert.equal(problems.length, 0, problems.slice(0, 40).join('\n'));
	});

	test('the demo accounts are as they were, and nothing counted against them or 127.0.0.1', async () => {
		assert.ok(snapshotBefore, 'the snapshot was taken');
		const now = demoSnapshot();
		assert.deepEqual(now.users, snapshotBefore.users, 'users rows of the demo accounts changed');
		assert.deepEqual(now.admin, snapshotBefore.admin, 'the demo admin\'s users row changed');
		assert.deepEqual(now.addresses, snapshotBefore.addresses, 'addresses of the demo accounts changed');
		assert.deepEqual(now.vendors, snapshotBefore.vendors, 'vendors rows of the demo accounts changed');
		const demoEmails = Object.values(DEMO).map((d) => d.email);
		const counted = q(`SELECT email, ip FROM login_failures WHERE id > @p1
			AND (ip = '127.0.0.1' OR email IN (@p2, @p3, @p4, @p5, @p6) OR email = CONCAT('mfa:', @p7))`,
		[failureMark, ...demoEmails, ctx.demoAdminId]);
		assert.deepEqual(counted, [], 'failed logins were counted against a demo account or 127.0.0.1');
		// The demo customer's session survived the attempts to end it.
		const still = await ctx.demoCustomer.clone().get('/account');
		assert.equal(still.status, 200, 'the demo customer is still logged in');
		const addr = await ctx.demoCustomer.clone().get(`/account/addresses/${ctx.demoAddressId}`);
		assert.equal(addr.status, 200, 'the demo customer still has the address');
	});
});

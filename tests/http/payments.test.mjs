// Payments through nginx: a card order paid on the sandbox provider's hosted
// page, its webhook delivered 10 times at once and shuffled while the
// browser comes back (one state change, one event, one mail, stock taken
// once); forged, edited and old webhooks refused with nothing changed; a
// declined card and the extra confirmation step; PayPal's cancel cancels
// the order and puts the stock back; duplicate and out-of-order deliveries
// by the sandbox's own sender; and the card number found nowhere: not in the database, the logs or the cache.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertRedirect, csrfOf, loginAs, q, qValue, signupCustomer } from '../lib/accounts.mjs';
import {
	deliver, orderStatus, paymentOf, placeOrder, productsOfVendors, sandboxApi, sandboxEvents, sign, stockOf, until,
} from '../lib/orders.mjs';
import { assertShows, env } from '../lib/stack.mjs';

const CARD_OK = '4242 4242 4242 4242';
const CARD_DECLINED = '4000000000000002';
const CARD_CONFIRM = '4000002760003184';

/** One memcached command's whole answer, up to its last line (END, or an error). */
function memcachedAsk(command) {
	return new Promise((resolve, reject) => {
		const sock = net.connect(Number(env('BAZAAR_MEMCACHED_PORT')), '127.0.0.1');
		const chunks = [];
		const timer = setTimeout(() => sock.destroy(new Error(`memcached: no answer to ${command.slice(0, 20)}`)), 20000);
		sock.on('data', (c) => {
			chunks.push(c);
			const text = Buffer.concat(chunks).toString('latin1');
			if (/(^|\n)(END|BUSY[^\r]*|ERROR[^\r]*)\r\n$/.test(text)) sock.end();
		});
		sock.on('end', () => {
			clearTimeout(timer);
			resolve(Buffer.concat(chunks).toString('latin1'));
		});
		sock.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		sock.write(`${command}\r\n`);
	});
}

/** Every value memcached holds, as one text, and how many keys. */
async function memcachedText() {
	let meta = await memcachedAsk('lru_crawler metadump all');
	for (let i = 0; i < 50 && /^BUSY/.test(meta); i++) {
		await new Promise((r) => setTimeout(r, 200));
		meta = await memcachedAsk('lru_crawler metadump all');
	}
	assert.match(meta, /END\r\n$/, `memcached's key dump: ${meta.slice(0, 100)}`);
	const keys = [...meta.matchAll(/key=(\S+)/g)].map((m) => decodeURIComponent(m[1]));
	let text = '';
	for (let i = 0; i < keys.length; i += 50) text += await memcachedAsk(`get ${keys.slice(i, i + 50).join(' ')}`);
	return { keys: keys.length, text };
}

function shuffle(a) {
	for (let i = a.length - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[a[i], a[j]] = [a[j], a[i]];
	}
	return a;
}

function counts(orderId) {
	return {
		paidEvents: Number(qValue("SELECT COUNT(*) FROM events WHERE type = 'order.paid' AND subject_id = @p1", [orderId])),
		history: Number(qValue("SELECT COUNT(*) FROM order_history WHERE order_id = @p1 AND to_status = 'paid'", [orderId])),
		processing: Number(qValue("SELECT COUNT(*) FROM vendor_orders WHERE order_id = @p1 AND status = 'processing'", [orderId])),
		mails: Number(qValue("SELECT COUNT(*) FROM mail_outbox WHERE template = 'order_paid' AND subject LIKE CONCAT('%', (SELECT number FROM orders WHERE id = @p1))", [orderId])),
	};
}

/** A customer with an order of two vendors' products, sent to the sandbox's card page. */
async function orderAtSandbox(method = 'card') {
	const s = await signupCustomer();
	const products = productsOfVendors(2, 5);
	const order = placeOrder({ userId: Number(s.user.id), email: s.email, method, lines: products.map((product) => ({ product, qty: 1 })) });
	const page = await s.client.form(`/orders/${order.id}/payment`);
	assertShows(page.text, order.number);
	const res = await s.client.post(`/orders/${order.id}/payment`, {});
	const to = assertRedirect(res, 303, 'pay now');
	assert.match(to, /^\/sandbox\/pay\/sbp-[0-9a-f]+$/);
	const pay = paymentOf(order.id);
	assert.equal(pay.status, 'pending');
	assert.equal(Number(pay.amount_minor), order.total);
	return { ...s, order, products, payPath: to, ref: to.split('/').pop(), payment: pay };
}

/** Pays on the sandbox's card page; returns the response of the card form. */
async function payByCard(client, payPath, number) {
	const page = await client.get(payPath);
	assert.equal(page.status, 200);
	const token = csrfOf(page.text);
	return client.post(`${payPath}/card`, { number, expiry: '12/39', cvc: '123', name: 'Tess Tester' }, { csrf: token });
}

describe('payments', () => {
	test('the webhook 10 times at once, shuffled, racing the browser\'s return: paid once', async () => {
		const o = await orderAtSandbox();
		const stockBefore = o.products.map((p) => stockOf(p.id));
		// The sandbox's own sender must not deliver first: hold it back by
		// paying, then racing everything at once right away.
		const res = await payByCard(o.client, o.payPath, CARD_OK);
		const back = assertRedirect(res, 303, 'card approved');
		assert.equal(back, `/payments/${o.payment.id}/return`);
		const [event] = (await sandboxEvents(o.ref)).filter((e) => e.type === 'payment.succeeded');
		assert.ok(event, 'a payment.succeeded event');
		const jobs = [];
		for (let i = 0; i < 10; i++) jobs.push(() => deliver(event.body, sign(event.body)));
		jobs.push(() => o.client.get(back));
		const answers = await Promise.all(shuffle(jobs).map((f) => f()));
		for (const a of answers) assert.equal(a.status, 200, `every answer is 200: ${a.text?.slice(0, 200)}`);
		await until(() => Number(qValue('SELECT COUNT(*) FROM sandbox_webhooks WHERE payment_ref = @p1 AND status = \'queued\'', [o.ref])) === 0, 'the sandbox sender');
		assert.equal(orderStatus(o.order.id), 'paid');
		assert.equal(paymentOf(o.order.id).status, 'succeeded');
		assert.deepEqual(counts(o.order.id), { paidEvents: 1, history: 1, processing: 2, mails: 1 });
		assert.equal(Number(qValue('SELECT COUNT(*) FROM payment_events WHERE provider = \'sandbox\' AND event_id = @p1', [event.id])), 1);
		assert.deepEqual(o.products.map((p) => stockOf(p.id)), stockBefore, 'stock taken once, at the order');
		const page = await o.client.get(back);
		assertShows(page.text, 'Thank you for your order');
		assertShows(page.text, o.order.number);
	});

	test('forged signature, edited body, old or future timestamp, no signature: 4xx and nothing changed', async () => {
		const o = await orderAtSandbox();
		// The event as the provider would send it, written here: the
		// sandbox's own sender has nothing to deliver for this payment.
		const event = { id: `evt-test-${o.payment.id}` };
		event.body = JSON.stringify({ id: event.id, type: 'payment.succeeded', created: Math.floor(Date.now() / 1000),
			data: { ref: o.ref, merchant_ref: String(o.payment.id), amount: o.order.total, failure: null } });
		const now = Math.floor(Date.now() / 1000);
		const edited = event.body.replace(/"amount":(\d+)/, (_, n) => `"amount":${Number(n) - 100}`);
		assert.notEqual(edited, event.body);
		const tries = [
			['forged secret', event.body, sign(event.body, { secrets: ['not-the-secret'] }), 401],
			['edited body', edited, sign(event.body), 401],
			['old timestamp', event.body, sign(event.body, { t: now - 301 }), 401],
			['future timestamp', event.body, sign(event.body, { t: now + 400 }), 401],
			['no signature', event.body, null, 401],
			['malformed header', event.body, 'v1=abc', 401],
			['not JSON, signed', 'hello', sign('hello'), 400],
		];
		for (const [what, body, sig, status] of tries) {
			const r = await deliver(body, sig);
			assert.equal(r.status, status, `${what}: ${r.status} ${r.text}`);
		}
		const bad = await fetch(`${env('BAZAAR_HTTP_URL')}/payments/webhook/sandbox`, {
			method: 'POST', headers: { 'Content-Type': 'text/plain', 'Sandbox-Signature': sign(event.body) }, body: event.body,
		});
		assert.equal(bad.status, 415, 'a body that is not application/json');
		assert.equal(orderStatus(o.order.id), 'awaiting_payment');
		assert.equal(paymentOf(o.order.id).status, 'pending');
		assert.equal(Number(qValue('SELECT COUNT(*) FROM payment_events WHERE event_id = @p1', [event.id])), 0);
		assert.deepEqual(counts(o.order.id), { paidEvents: 0, history: 0, processing: 0, mails: 0 });
		// Two v1 values (a secret being rotated): one good one is enough.
		const rotated = await deliver(event.body, sign(event.body, { secrets: ['the-old-secret', env('BAZAAR_PAYMENT_WEBHOOK_SECRETS')] }));
		assert.equal(rotated.status, 200);
		assert.equal(orderStatus(o.order.id), 'paid');
	});

	test('a declined card stays on the page with the reason; another card pays; the sandbox sends duplicates shuffled', async () => {
		const o = await orderAtSandbox();
		let res = await payByCard(o.client, o.payPath, '4242 4242 4242 4241');
		assert.equal(res.status, 422, 'a number that fails the check digit');
		assertShows(res.text, 'Enter a valid card number.');
		res = await payByCard(o.client, o.payPath, CARD_DECLINED);
		assert.equal(res.status, 402);
		assertShows(res.text, 'Your card was declined.');
		await until(() => paymentOf(o.order.id).failure === 'Your card was declined.', 'the declined webhook');
		assert.equal(orderStatus(o.order.id), 'awaiting_payment');
		const mine = await o.client.get(`/orders/${o.order.id}/payment`);
		assertShows(mine.text, 'Your card was declined.');
		res = await payByCard(o.client, o.payPath, CARD_OK);
		assertRedirect(res, 303);
		// The sandbox's own sender: every event again, three times, shuffled.
		const redo = await sandboxApi('POST', '/test/redeliver', { payment: o.ref, copies: '3', shuffle: '1' });
		assert.equal(redo.status, 200);
		assert.equal(redo.json.queued, 6);
		await until(() => Number(qValue("SELECT COUNT(*) FROM sandbox_webhooks WHERE payment_ref = @p1 AND status = 'sent'", [o.ref])) === 8, 'eight deliveries');
		assert.equal(orderStatus(o.order.id), 'paid');
		assert.deepEqual(counts(o.order.id), { paidEvents: 1, history: 1, processing: 2, mails: 1 });
		assert.equal(Number(qValue("SELECT COUNT(*) FROM payment_events WHERE payment_id = @p1", [o.payment.id])), 2, 'declined and succeeded, once each');
	});

	test('a card that asks for confirmation; PayPal cancel cancels the order and releases its stock once', async () => {
		const o = await orderAtSandbox();
		let res = await payByCard(o.client, o.payPath, CARD_CONFIRM);
		const confirm = assertRedirect(res, 303);
		assert.equal(confirm, `${o.payPath}/confirm`);
		let page = await o.client.get(confirm);
		assertShows(page.text, 'Confirm your payment');
		res = await o.client.post(confirm, { outcome: 'complete' }, { csrf: csrfOf(page.text) });
		const back = assertRedirect(res, 303);
		page = await o.client.get(back);
		assertShows(page.text, 'Thank you for your order');
		assert.equal(orderStatus(o.order.id), 'paid');

		const p = await orderAtSandbox('paypal');
		const before = p.products.map((x) => stockOf(x.id));
		page = await p.client.get(p.payPath);
		assertShows(page.text, 'Approve and pay');
		res = await p.client.post(`${p.payPath}/cancel`, {}, { csrf: csrfOf(page.text) });
		const cancelled = assertRedirect(res, 303);
		assert.equal(cancelled, `/payments/${p.payment.id}/cancel`);
		page = await p.client.get(cancelled);
		assertShows(page.text, 'Payment cancelled');
		await until(() => Number(qValue("SELECT COUNT(*) FROM sandbox_webhooks WHERE payment_ref = @p1 AND status = 'sent'", [p.ref])) === 1, 'the cancel webhook');
		assert.equal(orderStatus(p.order.id), 'cancelled');
		assert.deepEqual(p.products.map((x) => stockOf(x.id)), before.map((n) => n + 1), 'stock back once');
		assert.equal(Number(qValue("SELECT COUNT(*) FROM events WHERE type = 'order.cancelled' AND subject_id = @p1", [p.order.id])), 1);
		await p.client.form('/account');	// the session's token (the last page was the provider's)
		res = await p.client.post(`/orders/${p.order.id}/payment`, {});
		assertRedirect(res, 303, 'a cancelled order cannot be paid');
		assert.equal(paymentOf(p.order.id).id, p.payment.id, 'no new payment');
	});

	test('someone else\'s order, a missing CSRF token, an unknown provider', async () => {
		const o = await orderAtSandbox();
		const other = await loginAs('customer');
		await other.form('/account');
		assert.equal((await other.get(`/orders/${o.order.id}/payment`)).status, 404);
		assert.equal((await other.post(`/orders/${o.order.id}/payment`, {}, { csrf: other.csrf })).status, 404);
		assert.equal((await o.client.post(`/orders/${o.order.id}/payment`, {}, { csrf: null })).status, 403);
		const r = await fetch(`${env('BAZAAR_HTTP_URL')}/payments/webhook/nobody`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
		assert.equal(r.status, 404);
		assert.equal((await sandboxApi('GET', `/v1/payments/${o.ref}`)).json.status, 'open');
		const noKey = await fetch(`${env('BAZAAR_HTTP_URL')}/sandbox/v1/payments/${o.ref}`);
		assert.equal(noKey.status, 401);
	});

	test('the card number reaches neither the database, the logs nor the cache', async () => {
		const o = await orderAtSandbox();
		const res = await payByCard(o.client, o.payPath, CARD_OK);
		assertRedirect(res, 303);
		await until(() => orderStatus(o.order.id) === 'paid', 'the payment');
		assert.equal(qValue('SELECT card_last4 FROM sandbox_payments WHERE ref = @p1', [o.ref]), '4242');
		const needles = ['4242424242424242', '4242 4242 4242 4242', '4242+4242+4242+4242', '4242%204242'];
		const dump = execFileSync('mariadb-dump', ['--no-defaults', `--socket=${env('BAZAAR_DB_SOCKET')}`, `--user=${env('BAZAAR_DB_USER')}`,
			'--skip-extended-insert', '--skip-triggers', '--no-tablespaces', '--single-transaction', env('BAZAAR_DB_NAME')],
		{ env: { ...process.env, MYSQL_PWD: env('BAZAAR_DB_PASSWORD') }, maxBuffer: 1 << 30, encoding: 'utf8' });
		assert.ok(dump.includes('sandbox_payments'), 'the dump has the tables');
		for (const n of needles) assert.ok(!dump.includes(n), `the database holds ${n}`);
		const logDir = join(env('BAZAAR_VAR'), 'log');
		for (const f of readdirSync(logDir, { recursive: true })) {
			if (!statSync(join(logDir, f)).isFile()) continue;
			const text = readFileSync(join(logDir, f), 'latin1');
			for (const n of needles) assert.ok(!text.includes(n), `${f} holds ${n}`);
		}
		const dumped = await memcachedText();
		assert.ok(dumped.keys > 0, 'memcached holds pages');
		for (const n of needles) assert.ok(!dumped.text.includes(n), `memcached holds ${n}`);
	});

	test('the expiry job ends unpaid orders past their time: stock and coupon use back once, the customer told', async () => {
		const s = await signupCustomer();
		const products = productsOfVendors(2, 5);
		const before = products.map((p) => stockOf(p.id));
		// A card order an hour old and a bank transfer with days left.
		const late = placeOrder({ userId: Number(s.user.id), email: s.email, method: 'card', lines: products.map((product) => ({ product, qty: 2 })), expiresInSeconds: 3600 });
		const bank = placeOrder({ userId: Number(s.user.id), email: s.email, method: 'bank_transfer', lines: [{ product: products[0], qty: 1 }], expiresInSeconds: 7 * 86400 });
		const code = `EXPIRY${Date.now() % 1000000}`;
		q(`INSERT INTO coupons (code, owner, kind, percent_bp, max_uses, uses) VALUES (@p1, 'admin', 'percent', 1000, 1, 1);
			INSERT INTO coupon_uses (coupon_id, order_id, customer, slot, held_at)
			SELECT id, @p2, CONCAT('u:', @p3), 1, UTC_TIMESTAMP(3) FROM coupons WHERE code = @p1`, [code, late.id, s.user.id]);
		const tool = join(env('BAZAAR_ROOT'), 'build/bin/bazaar-orderexpiry');
		const run = (offset) => execFileSync(tool, ['--once'], { env: { ...process.env, BAZAAR_CLOCK_OFFSET: String(offset) }, encoding: 'utf8', stdio: 'pipe' });
		run(0);
		assert.equal(orderStatus(late.id), 'awaiting_payment', 'not yet');
		// Two hours on: the card order expires, the bank transfer waits.
		run(7200);
		run(7200);
		assert.equal(orderStatus(late.id), 'expired');
		assert.equal(orderStatus(bank.id), 'awaiting_payment');
		assert.deepEqual(products.map((p) => stockOf(p.id)), [before[0] - 1, before[1]], 'stock of the card order back once; the bank transfer holds its unit');
		assert.equal(qValue('SELECT uses FROM coupons WHERE code = @p1', [code]), '0', 'the coupon use released');
		assert.equal(Number(qValue('SELECT COUNT(*) FROM coupon_uses WHERE order_id = @p1 AND released_at IS NOT NULL', [late.id])), 1);
		assert.equal(Number(qValue("SELECT COUNT(*) FROM vendor_orders WHERE order_id = @p1 AND status = 'cancelled' AND cancelled_by = 'system'", [late.id])), 2);
		assert.equal(Number(qValue("SELECT COUNT(*) FROM events WHERE type = 'order.expired' AND subject_id = @p1", [late.id])), 1);
		assert.equal(Number(qValue("SELECT COUNT(*) FROM mail_outbox WHERE template = 'order_expired' AND to_addr = @p1", [s.email])), 1);
		// A webhook for the expired order's payment changes nothing but the payment.
		// Eight days on, the bank transfer expires too.
		run(8 * 86400);
		assert.equal(orderStatus(bank.id), 'expired');
		assert.deepEqual(products.map((p) => stockOf(p.id)), before, 'all stock back, once');
		assert.equal(Number(qValue("SELECT COUNT(*) FROM mail_outbox WHERE template = 'order_expired' AND to_addr = @p1", [s.email])), 2);
		assert.equal(Number(qValue("SELECT COUNT(*) FROM stock_adjustments WHERE product_id = @p1 AND reason = 'return' AND note LIKE CONCAT('%', @p2, '%')", [products[0].id, late.number])), 1);
	});
});

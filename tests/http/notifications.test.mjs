// The notification centre and its mails: a shipped order is a line in the
// customer's /account/notifications (unread, then read once opened) and a
// mail with the one-click unsubscribe link and the RFC 8058 headers; the
// link works without logging in (GET asks, POST stops that kind only) and
// only for its account and kind; the mail choices; another's line is 404;
// the vendor portal's centre; text shown escaped; no change without the form
// token.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	Client, DEMO, assertRedirect, loginAs, outboxMark, pathOf, q, qValue, signupCustomer, waitForMail,
} from '../lib/accounts.mjs';
import { makeOrder, vendorProducts } from '../lib/orders.mjs';
import { assertShows, assertNotShows } from '../lib/stack.mjs';

const XSS = '<script>alert("n")</script><img src=x onerror=alert(1)>';

function demoVendorId() {
	return Number(qValue('SELECT v.id FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email = @p1',
		[DEMO.vendor.email]));
}

function mailChoice(userId, audience, kind) {
	return qValue('SELECT mail FROM notification_prefs WHERE user_id = @p1 AND audience = @p2 AND kind = @p3',
		[userId, audience, kind]);
}

describe('notification centre', () => {
	let shopper;	// { client, email, user }
	let order;
	let mail;

	test('a shipped order: a line in the centre and a mail with the unsubscribe headers', async () => {
		shopper = await signupCustomer();
		const vendorId = demoVendorId();
		const [p] = vendorProducts(vendorId, 1);
		order = makeOrder({ userId: Number(shopper.user.id), vendorId, lines: [{ product: p, qty: 1 }], status: 'processing' });
		const mark = outboxMark();
		const vendor = await loginAs('vendor');
		await vendor.form(`/vendor/orders/${order.voId}`);
		let res = await vendor.post(`/vendor/orders/${order.voId}/ship`, { carrier: 'DHL', tracking: 'NOTE1' });
		assertRedirect(res, 303, 'ship');

		mail = await waitForMail(shopper.email, { after: mark, subject: order.voNumber });
		assert.match(mail.headers['list-unsubscribe'], /^<https?:\/\/[^>]+\/unsubscribe\?u=\d+&a=shopper&k=order&s=[0-9a-f]{64}>$/);
		assert.equal(mail.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
		const link = mail.headers['list-unsubscribe'].slice(1, -1);
		assert.ok(mail.body.includes(link), 'the body has the same link');
		assert.ok(mail.body.includes('/account/notifications'), 'and the centre');
		assert.equal(outboxTo(shopper.email, mark), 1, 'one mail for one shipment');

		res = await shopper.client.get('/account/notifications');
		assert.equal(res.status, 200);
		assertShows(res.text, `has sent your parcel ${order.voNumber}`);
		assertShows(res.text, '1 unread');
		const id = Number(qValue('SELECT id FROM notifications WHERE user_id = @p1 AND kind = \'order\'', [shopper.user.id]));
		assert.ok(id > 0);

		// Opening it: read, and off to the order.
		res = await shopper.client.post(`/account/notifications/${id}/open`, {});
		assert.equal(assertRedirect(res, 303, 'open'), `/orders/${order.orderId}`);
		assert.ok(qValue('SELECT read_at FROM notifications WHERE id = @p1', [id]) !== null, 'read');
		res = await shopper.client.get('/account/notifications');
		assertNotShows(res.text, 'unread');
	});

	test('the unsubscribe link works without logging in, for its account and kind only', async () => {
		const link = pathOf(mail.headers['list-unsubscribe'].slice(1, -1));
		const anon = new Client();
		let res = await anon.get(link);
		assert.equal(res.status, 200);
		assertShows(res.text, 'Stop mails about');
		assert.equal(mailChoice(shopper.user.id, 'shopper', 'order'), null, 'opening the link changes nothing');

		// Tampered: another kind, another account, another audience, a bad signature.
		const u = new URL(link, 'http://x');
		const bad = [
			link.replace('k=order', 'k=price_drop'),
			link.replace(`u=${u.searchParams.get('u')}`, `u=${Number(u.searchParams.get('u')) + 1}`),
			link.replace('a=shopper', 'a=vendor'),
			link.replace(/s=([0-9a-f])/, (m, c) => `s=${c === '0' ? '1' : '0'}`),
			link.replace(/&s=[0-9a-f]+/, ''),
			'/unsubscribe?u=1&a=shopper&k=nope&s=' + '0'.repeat(64),
		];
		for (const b of bad) {
			res = await anon.get(b);
			assert.equal(res.status, 404, `GET ${b}`);
			res = await anon.post(b, { 'List-Unsubscribe': 'One-Click' }, { csrf: null });
			assert.equal(res.status, 404, `POST ${b}`);
		}
		assert.equal(mailChoice(shopper.user.id, 'shopper', 'order'), null);

		// RFC 8058: a POST of List-Unsubscribe=One-Click, no cookie, no token.
		res = await anon.post(link, { 'List-Unsubscribe': 'One-Click' }, { csrf: null });
		assert.equal(res.status, 200);
		assertShows(res.text, 'you will get no more mails about');
		assert.equal(Number(mailChoice(shopper.user.id, 'shopper', 'order')), 0);
		assert.equal(mailChoice(shopper.user.id, 'shopper', 'message'), null, 'other kinds untouched');
		// Again: fine.
		res = await anon.post(link, { 'List-Unsubscribe': 'One-Click' }, { csrf: null });
		assert.equal(res.status, 200);

		// The centre shows the choice; the next shipment is a line without a mail.
		res = await shopper.client.get('/account/notifications');
		assert.match(res.text, /name="mail" value="order">/);
		assert.match(res.text, /name="mail" value="message" checked>/);
		const mark = outboxMark();
		const vendor = await loginAs('vendor');
		const [p] = vendorProducts(demoVendorId(), 1);
		const second = makeOrder({ userId: Number(shopper.user.id), vendorId: demoVendorId(), lines: [{ product: p, qty: 1 }], status: 'processing' });
		await vendor.form(`/vendor/orders/${second.voId}`);
		assertRedirect(await vendor.post(`/vendor/orders/${second.voId}/ship`, { carrier: 'DHL', tracking: 'NOTE2' }), 303);
		assert.equal(Number(qValue('SELECT COUNT(*) FROM notifications WHERE user_id = @p1 AND kind = \'order\'', [shopper.user.id])), 2);
		assert.equal(outboxTo(shopper.email, mark), 0, 'no mail after unsubscribing');
	});

	test('mail choices: saved with the form token, refused without it or for an unknown kind', async () => {
		const c = shopper.client;
		await c.form('/account/notifications');
		let res = await c.post('/account/notifications/settings', [['mail', 'order'], ['mail', 'price_drop']], { csrf: null });
		assert.equal(res.status, 403);
		res = await c.post('/account/notifications/settings', [['mail', 'order'], ['mail', 'price_drop']]);
		assertRedirect(res, 303, 'settings');
		assert.equal(Number(mailChoice(shopper.user.id, 'shopper', 'order')), 1);
		assert.equal(Number(mailChoice(shopper.user.id, 'shopper', 'price_drop')), 1);
		assert.equal(Number(mailChoice(shopper.user.id, 'shopper', 'message')), 0);
		res = await c.post('/account/notifications/settings', [['mail', 'spam']]);
		assert.equal(res.status, 400);
		assert.equal(Number(mailChoice(shopper.user.id, 'shopper', 'order')), 1, 'nothing changed');
		res = await new Client().post('/account/notifications/settings', [['mail', 'order']], { csrf: null });
		assert.notEqual(res.status, 200);
	});

	test("another account's line is 404; read-all; text is escaped; CSRF", async () => {
		const other = await signupCustomer();
		const id = Number(q(`INSERT INTO notifications (user_id, audience, kind, text, url, created_at)
			VALUES (@p1, 'shopper', 'message', @p2, '/orders', NOW()); SELECT LAST_INSERT_ID() AS id`,
		[other.user.id, XSS])[0].id);
		await shopper.client.form('/account/notifications');
		let res = await shopper.client.post(`/account/notifications/${id}/open`, {});
		assert.equal(res.status, 404);
		res = await other.client.get('/account/notifications');
		assert.ok(!res.text.includes(XSS), "markup printed raw");
		assert.ok(res.text.includes('&lt;script&gt;alert('), 'shown escaped');
		res = await other.client.post(`/account/notifications/${id}/open`, {}, { csrf: null });
		assert.equal(res.status, 403);
		res = await other.client.post('/account/notifications/read-all', {}, { csrf: null });
		assert.equal(res.status, 403);
		assert.equal(Number(qValue('SELECT COUNT(*) FROM notifications WHERE user_id = @p1 AND read_at IS NULL', [other.user.id])), 1);
		await other.client.form('/account/notifications');
		assertRedirect(await other.client.post('/account/notifications/read-all', {}), 303);
		assert.equal(Number(qValue('SELECT COUNT(*) FROM notifications WHERE user_id = @p1 AND read_at IS NULL', [other.user.id])), 0);
		res = await new Client().get('/account/notifications');
		assert.equal(res.status, 303, 'login first');
	});

	test("the vendor portal's centre: the shop's lines only, not the owner's shopper lines", async () => {
		const ownerId = Number(qValue('SELECT id FROM users WHERE email = @p1', [DEMO.vendor.email]));
		const text = `New order ${Date.now()} ${XSS}`;
		q(`INSERT INTO notifications (user_id, audience, kind, text, url, created_at)
			VALUES (@p1, 'vendor', 'order', @p2, '/vendor/orders', NOW()),
			(@p1, 'shopper', 'order', 'A shopper line of the owner', '/orders', NOW())`, [ownerId, text]);
		const vendor = await loginAs('vendor');
		let res = await vendor.get('/vendor/notifications');
		assert.equal(res.status, 200);
		assertShows(res.text, `New order ${text.split(' ')[2]}`);
		assert.ok(!res.text.includes(XSS), "markup printed raw");
		assertNotShows(res.text, 'A shopper line of the owner');
		assertNotShows(res.text, 'Price drops', 'no shopper-only kinds in the vendor choices');
		const id = Number(qValue('SELECT id FROM notifications WHERE user_id = @p1 AND audience = \'vendor\' ORDER BY id DESC LIMIT 1', [ownerId]));
		res = await vendor.post(`/vendor/notifications/${id}/open`, {});
		assert.equal(assertRedirect(res, 303), '/vendor/orders');
		res = await vendor.post('/vendor/notifications/settings', [['mail', 'message']]);
		assertRedirect(res, 303);
		assert.equal(Number(mailChoice(ownerId, 'vendor', 'order')), 0);
		assert.equal(Number(mailChoice(ownerId, 'vendor', 'message')), 1);
		assert.equal(mailChoice(ownerId, 'shopper', 'order'), null, 'the shopper side is its own');
		q('DELETE FROM notification_prefs WHERE user_id = @p1', [ownerId]);
		// A customer is no vendor.
		res = await shopper.client.get('/vendor/notifications');
		assert.ok([303, 403, 404].includes(res.status), `customer: ${res.status}`);
	});
});

function outboxTo(email, after) {
	return Number(qValue('SELECT COUNT(*) FROM mail_outbox WHERE to_addr = @p1 AND id > @p2', [email.toLowerCase(), after]));
}

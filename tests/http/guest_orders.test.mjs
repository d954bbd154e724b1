// A guest's order (placed without an account) through the link of its
// confirmation mail (?token=...): the same pages and forms as a customer's
// for cancelling a part before it ships, returning items and escalating a
// refusal, and paying an unpaid order again (card on the provider's page,
// bank transfer details). Without the token, with a wrong one or another
// order's: 404 (no token and no session: the login page); a form without
// its CSRF token or sent from another site: 403. Each action works once.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';

import {
	Client, DEMO, assertRedirect, csrfOf, flashOf, formFor, loginAs, q, qValue, textOf, uniqueEmail,
} from '../lib/accounts.mjs';
import {
	makeOrder, orderStatus, paymentOf, placeOrder, productsOfVendors, stockOf, userIdOf, vendorIdOf, vendorOrder,
	vendorProducts,
} from '../lib/orders.mjs';

const vendorId = () => vendorIdOf(DEMO.vendor.email);
const customerId = () => userIdOf(DEMO.customer.email);

/** Makes the order a guest's (no account, its own address) with a link token, as checkout does. */
function asGuest(orderId) {
	const token = randomBytes(32).toString('base64url');
	const hash = execFileSync('b2sum', ['-l', '256'], { input: token, encoding: 'utf8' }).split(' ')[0];
	const email = uniqueEmail('guest');
	q('UPDATE orders SET user_id = NULL, email = @p1, guest_token_hash = UNHEX(@p2) WHERE id = @p3', [email, hash, orderId]);
	return { token, email };
}

/** A guest's order of the demo vendor in a state (makeOrder, tests/lib/orders.mjs), with its link. */
function guestOrder(status) {
	const [p1, p2] = vendorProducts(vendorId());
	const o = makeOrder({ userId: customerId(), vendorId: vendorId(), status,
		lines: [{ product: p1, qty: 2 }, { product: p2, qty: 1 }] });
	return { ...o, ...asGuest(o.orderId), p1 };
}

const withToken = (path, token) => `${path}${path.includes('?') ? '&' : '?'}token=${token}`;

describe('a guest\'s order through its link', () => {
	test('cancel before shipping: the link\'s token only, once, with the form\'s CSRF token', async () => {
		const o = guestOrder('processing');
		const other = guestOrder('processing');
		const guest = new Client();
		const page = `/orders/${o.orderId}/returns`;

		// The order's page links to cancelling, with the token.
		let res = await guest.get(withToken(`/orders/${o.orderId}/guest`, o.token));
		assert.equal(res.status, 200);
		assert.ok(res.text.includes(`href="${withToken(page, o.token)}"`), 'the link carries the token');
		// Missing, wrong, another order's token; this order's token on another order.
		res = await guest.get(page);
		assertRedirect(res, 303, 'no token, no session');
		assert.match(res.location, /^\/login\?next=/);
		for (const [what, path] of [
			['a wrong token', withToken(page, randomBytes(32).toString('base64url'))],
			['a malformed token', withToken(page, 'x')],
			['an empty token', withToken(page, '')],
			['another order\'s token', withToken(page, other.token)],
			['the token on another order', withToken(`/orders/${other.orderId}/returns`, o.token)],
		]) {
			res = await guest.get(path);
			assert.equal(res.status, 404, what);
		}
		// A logged-in customer is not the guest.
		const customer = await loginAs('customer');
		res = await customer.get(page);
		assert.equal(res.status, 404, 'an account without the token');

		res = await guest.form(withToken(page, o.token));
		const form = formFor(res.text, `/orders/${o.orderId}/cancel`);
		assert.ok(form, 'a cancel form');
		assert.equal(form.fields.token, o.token, 'the form carries the token');
		const stock = stockOf(o.p1.id);
		const cancel = `/orders/${o.orderId}/cancel`;
		const fields = { vendor_order: o.voId, token: o.token };
		// Refused: no CSRF token, another site's form, another order's token, no token.
		res = await guest.post(cancel, fields, { csrf: null });
		assert.equal(res.status, 403, 'no CSRF token');
		res = await guest.post(cancel, fields, { headers: { 'Sec-Fetch-Site': 'cross-site' } });
		assert.equal(res.status, 403, 'a cross-site form');
		res = await guest.post(cancel, { vendor_order: o.voId, token: other.token });
		assert.equal(res.status, 404, 'another order\'s token');
		res = await guest.post(cancel, { vendor_order: other.voId, token: o.token });
		assert.equal(res.status, 404, 'another order\'s part');
		res = await guest.post(cancel, { vendor_order: o.voId });
		assert.equal(res.status, 403, 'no token, no session');
		assert.equal(vendorOrder(o.voId).status, 'processing', 'nothing changed');
		assert.equal(stockOf(o.p1.id), stock);

		res = await guest.post(cancel, fields);
		assert.equal(assertRedirect(res, 303, 'cancel'), withToken(page, o.token));
		assert.equal(vendorOrder(o.voId).status, 'cancelled');
		assert.equal(vendorOrder(o.voId).refunded, o.total, 'what was paid is paid back');
		assert.equal(stockOf(o.p1.id), stock + 2);
		res = await guest.get(res.location);
		assert.match(flashOf(res.text) ?? '', /^Cancelled/);
		assert.equal(Number(qValue(`SELECT COUNT(*) FROM mail_outbox WHERE to_addr = @p1 AND subject LIKE '%cancelled%'`,
			[o.email])), 1, 'the guest is mailed once');
		// Again: nothing more.
		res = await guest.post(cancel, fields);
		assertRedirect(res, 303, 'cancel again');
		res = await guest.get(res.location);
		assert.match(flashOf(res.text) ?? '', /cannot be cancelled/);
		assert.equal(stockOf(o.p1.id), stock + 2);
		assert.equal(vendorOrder(o.voId).refunded, o.total);
		assert.equal(vendorOrder(other.voId).status, 'processing', 'the other order is untouched');
	});

	test('a return asked through the link, refused by the shop, escalated once', async () => {
		const o = guestOrder('delivered');
		const other = guestOrder('delivered');
		const guest = new Client();
		const newPage = withToken(`/orders/${o.orderId}/returns/new?vendor_order=${o.voId}`, o.token);
		let res = await guest.get(withToken(`/orders/${o.orderId}/returns`, o.token));
		assert.equal(res.status, 200);
		assert.ok(res.text.includes(`href="${newPage.replace(/&/g, '&amp;')}"`), 'the return link carries the token');
		res = await guest.get(withToken(`/orders/${o.orderId}/returns/new?vendor_order=${o.voId}`, other.token));
		assert.equal(res.status, 404, 'another order\'s token');
		res = await guest.form(newPage);
		const ask = [['vendor_order', o.voId], ['item', o.items[0].id], ['qty', 1], ['item', o.items[1].id], ['qty', 0],
			['reason', 'Too big']];
		res = await guest.post(`/orders/${o.orderId}/returns`, [...ask, ['token', other.token]]);
		assert.equal(res.status, 404);
		res = await guest.post(`/orders/${o.orderId}/returns`, ask, { csrf: null });
		assert.equal(res.status, 403);
		res = await guest.post(`/orders/${o.orderId}/returns`, [...ask, ['token', o.token]]);
		assertRedirect(res, 303, 'the return');
		res = await guest.post(`/orders/${o.orderId}/returns`, [...ask, ['token', o.token]]);
		assert.equal(res.status, 422, 'asked twice: the form again');
		assert.ok(textOf(res.text).includes('already open'));
		assert.equal(formFor(res.text, `/orders/${o.orderId}/returns`).fields.token, o.token,
			'the form shown again is still the guest\'s');
		const returns = q('SELECT id, user_id FROM returns WHERE vendor_order_id = @p1', [o.voId]);
		assert.equal(returns.length, 1, 'one return');
		assert.equal(returns[0].user_id, null, 'a guest\'s');
		const id = Number(returns[0].id);

		const vendor = await loginAs('vendor');
		await vendor.form(`/vendor/returns/${id}`);
		res = await vendor.post(`/vendor/returns/${id}/refuse`, { refusal: 'Worn' });
		assertRedirect(res, 303, 'refuse');
		res = await guest.form(withToken(`/orders/${o.orderId}/returns`, o.token));
		assert.match(textOf(res.text), /The shop refused: Worn/);
		const escalate = `/returns/${id}/escalate`;
		assert.equal(formFor(res.text, escalate).fields.token, o.token);
		res = await guest.post(escalate, { note: 'Never worn', token: other.token });
		assert.equal(res.status, 404, 'another order\'s token');
		res = await guest.post(escalate, { note: 'Never worn' }, { csrf: null });
		assert.equal(res.status, 403);
		assert.equal(qValue('SELECT status FROM returns WHERE id = @p1', [id]), 'refused');
		res = await guest.post(escalate, { note: 'Never worn', token: o.token });
		assert.equal(assertRedirect(res, 303, 'escalate'), withToken(`/orders/${o.orderId}/returns`, o.token));
		assert.equal(qValue('SELECT status FROM returns WHERE id = @p1', [id]), 'escalated');
		res = await guest.post(escalate, { note: 'Never worn', token: o.token });
		res = await guest.get(res.location);
		assert.match(flashOf(res.text) ?? '', /no longer refused/);
		assert.equal(Number(qValue('SELECT COUNT(*) FROM returns WHERE vendor_order_id = @p1', [other.voId])), 0);
	});

	test('paying again: a card through /orders/{id}/payment and the provider\'s page, a bank transfer\'s details', {
		skip: process.env.BAZAAR_SANDBOX_URL ? false : 'no payment sandbox on this stack',
	}, async () => {
		const products = productsOfVendors(1, 5);
		const lines = products.map((product) => ({ product, qty: 1 }));
		const card = placeOrder({ email: uniqueEmail('guest'), method: 'card', lines });
		const bank = placeOrder({ email: uniqueEmail('guest'), method: 'bank_transfer', lines });
		Object.assign(card, asGuest(card.id));
		Object.assign(bank, asGuest(bank.id));
		const guest = new Client();
		const pay = `/orders/${card.id}/payment`;

		let res = await guest.get(withToken(`/orders/${card.id}/guest`, card.token));
		assert.ok(res.text.includes(`href="${withToken(pay, card.token)}"`), 'the order\'s page links to paying');
		res = await guest.get(pay);
		assertRedirect(res, 303, 'no token: the login page');
		res = await guest.get(withToken(pay, bank.token));
		assert.equal(res.status, 404, 'another order\'s token');
		res = await guest.form(withToken(pay, card.token));
		assert.equal(formFor(res.text, pay).fields.token, card.token);
		// The order placed page of the browser that placed it (its bz_order cookie) pays too.
		const placer = new Client();
		placer.setCookie('bz_order', card.token);
		res = await placer.get(`/checkout/placed/${card.id}`);
		assert.equal(res.status, 200);
		assert.equal(formFor(res.text, pay)?.fields.token, card.token, 'its "Pay now" carries the token');
		placer.setCookie('bz_order', bank.token);
		res = await placer.get(`/checkout/placed/${card.id}`);
		assert.equal(res.status, 404, 'another order\'s cookie');
		res = await guest.post(pay, { token: bank.token });
		assert.equal(res.status, 404);
		res = await guest.post(pay, { token: card.token }, { csrf: null });
		assert.equal(res.status, 403);
		assert.equal(Number(qValue('SELECT COUNT(*) FROM payments WHERE order_id = @p1', [card.id])), 0, 'nothing started');
		res = await guest.post(pay, { token: card.token });
		const to = assertRedirect(res, 303, 'pay now');
		assert.match(to, /^\/sandbox\/pay\/sbp-[0-9a-f]+$/);
		// Left the provider's page; back later with the link: the same payment, on the provider's page again.
		res = await guest.post(pay, { token: card.token });
		assert.equal(assertRedirect(res, 303, 'pay again'), to);
		const sandbox = await guest.get(to);
		assert.equal(sandbox.status, 200);
		res = await guest.post(`${to}/card`, { number: '4242 4242 4242 4242', expiry: '12/39', cvc: '123', name: 'Gus Guest' },
			{ csrf: csrfOf(sandbox.text) });
		res = await guest.get(assertRedirect(res, 303, 'card approved'));
		assert.equal(res.status, 200);
		assert.equal(orderStatus(card.id), 'paid');
		assert.equal(paymentOf(card.id).status, 'succeeded');
		res = await guest.get(withToken(pay, card.token));
		assert.match(textOf(res.text), /Paid on/);
		// (the provider's page had its own form token: the guest's is its cookie's)
		res = await guest.post(pay, { token: card.token }, { csrf: guest.cookie('bz_csrf') });
		res = await guest.get(assertRedirect(res, 303, 'paid already'));
		assert.match(flashOf(res.text) ?? '', /not waiting for a payment/);

		// A bank transfer: where to send it, the reference; "pay" goes back to the details.
		res = await guest.get(withToken(`/orders/${bank.id}/payment`, bank.token));
		assert.equal(res.status, 200);
		assert.ok(textOf(res.text).includes(bank.number), 'the order\'s reference');
		assert.match(textOf(res.text), /IBAN/);
	});
});

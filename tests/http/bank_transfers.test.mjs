// The admin's bank reconciliation through nginx: a statement with a problem
// records nothing and says which line; a partial payment and an
// over-payment; a transfer naming no order assigned by hand; non-admins,
// a missing CSRF token and bad input refused with nothing changed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertRedirect, flashOf, loginAdmin, loginAs, qValue, signupCustomer } from '../lib/accounts.mjs';
import { orderStatus, placeOrder, productsOfVendors } from '../lib/orders.mjs';
import { assertShows, money } from '../lib/stack.mjs';

const PAGE = '/admin/payments/bank';

async function bankOrder() {
	const s = await signupCustomer();
	const [product] = productsOfVendors(1, 5);
	return placeOrder({ userId: Number(s.user.id), email: s.email, method: 'bank_transfer', lines: [{ product, qty: 2 }], expiresInSeconds: 7 * 86400 });
}

function transfers(orderId) {
	return Number(qValue('SELECT COUNT(*) FROM bank_transfers WHERE order_id = @p1', [orderId]));
}

async function upload(admin, csv) {
	await admin.form(PAGE);
	const boundary = '----bankTestBoundary';
	const part = (head, body) => `--${boundary}\r\nContent-Disposition: form-data; ${head}\r\n\r\n${body}\r\n`;
	const body = part('name="csrf"', admin.csrf)
		+ part('name="statement"; filename="statement.csv"\r\nContent-Type: text/csv', csv) + `--${boundary}--\r\n`;
	return admin.request('POST', `${PAGE}/import`, { body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } });
}

describe('bank reconciliation', () => {
	test('a partial transfer typed, then an over-payment; a statement line counted once', async () => {
		const order = await bankOrder();
		const admin = await loginAdmin();
		let page = await admin.form(PAGE);
		assertShows(page.text, order.number);
		const part = Math.floor(order.total / 2);
		let res = await admin.post(PAGE, { received_on: '2026-12-01', amount: (part / 100).toFixed(2), reference: order.number, payer: 'T. Tester' });
		assertRedirect(res, 303, 'partial');
		page = await admin.get(PAGE);
		assert.equal(flashOf(page.text), `Order ${order.number} received ${money(part)}; ${money(order.total - part)} is still missing.`);
		assert.equal(orderStatus(order.id), 'awaiting_payment');
		const over = order.total - part + 250;
		const csv = `date,amount,reference\n2026-12-02,${(over / 100).toFixed(2)},REF ${order.number}\n`;
		res = await upload(admin, csv);
		assert.equal(res.status, 200);
		assertShows(res.text, `Order ${order.number} is paid. It was over-paid by ${money(250)}: pay that back by hand.`);
		assert.equal(orderStatus(order.id), 'paid');
		res = await upload(admin, csv);
		assertShows(res.text, '1 recorded before');
		assert.equal(transfers(order.id), 2);
		assert.equal(Number(qValue("SELECT COUNT(*) FROM events WHERE type = 'order.paid' AND subject_id = @p1", [order.id])), 1);
		assert.equal(qValue('SELECT SUM(excess_minor) FROM bank_transfers WHERE order_id = @p1', [order.id]), '250');
	});

	test('a statement with a problem records nothing; a transfer naming no order is assigned by hand', async () => {
		const order = await bankOrder();
		const admin = await loginAdmin();
		let res = await upload(admin, `date,amount,reference\n2026-12-02,${(order.total / 100).toFixed(2)},${order.number}\n02/12/2026,5.00,x\n2026-12-02,abc,y\n`);
		assert.equal(res.status, 422);
		assertShows(res.text, 'Line 3: the date must be written YYYY-MM-DD.');
		assertShows(res.text, 'Line 4: the amount must be a positive amount such as 125.50.');
		assert.equal(transfers(order.id), 0);
		res = await upload(admin, 'when,how much\n2026-12-02,5.00\n');
		assert.equal(res.status, 422);
		assertShows(res.text, 'the first line must name the columns date, amount and reference');

		const anonymous = `gift ${Date.now()}`;
		res = await admin.post(PAGE, { received_on: '2026-12-03', amount: (order.total / 100).toFixed(2), reference: anonymous });
		assertRedirect(res, 303);
		let page = await admin.get(PAGE);
		assert.equal(flashOf(page.text), 'No order matches this transfer\'s reference: assign it below.');
		const id = Number(qValue("SELECT id FROM bank_transfers WHERE reference = @p1 AND status = 'unmatched'", [anonymous]));
		assert.ok(id > 0);
		page = await admin.form(PAGE);
		res = await admin.post(`${PAGE}/${id}/assign`, { order: 'BZ-NOSUCH' });
		assertRedirect(res, 303);
		assert.equal(orderStatus(order.id), 'awaiting_payment');
		res = await admin.post(`${PAGE}/${id}/assign`, { order: order.number });
		assertRedirect(res, 303);
		page = await admin.get(PAGE);
		assert.equal(flashOf(page.text), `Order ${order.number} is paid.`);
		assert.equal(orderStatus(order.id), 'paid');
		res = await admin.post(`${PAGE}/${id}/assign`, { order: order.number });
		assert.equal(res.status, 404, 'assigned once');
	});

	test('bad input, no token, not an admin: refused and nothing recorded', async () => {
		const order = await bankOrder();
		const admin = await loginAdmin();
		await admin.form(PAGE);
		let res = await admin.post(PAGE, { received_on: '2026-13-01', amount: '-5', reference: order.number });
		assert.equal(res.status, 422);
		assertShows(res.text, 'Date received');
		res = await admin.post(PAGE, { received_on: '2026-12-01', amount: '5.00', reference: order.number, order: 'BZ-000000000' });
		assert.equal(res.status, 422);
		assertShows(res.text, 'No order has this number.');
		res = await admin.post(PAGE, { received_on: '2026-12-01', amount: '5.00', reference: order.number }, { csrf: null });
		assert.equal(res.status, 403);
		const customer = await loginAs('customer');
		assert.equal((await customer.get(PAGE)).status, 404);
		await customer.form('/account');
		res = await customer.post(PAGE, { received_on: '2026-12-01', amount: '5.00', reference: order.number });
		assert.equal(res.status, 404);
		assert.equal(transfers(order.id), 0);
	});
});

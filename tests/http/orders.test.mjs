// Orders through nginx: a paid order of the demo customer with a part from
// each of two demo shops. Each shop sees only its own part (the other's is a
// 404 on every page and form), cannot ship an unpaid part, marks its part
// shipped with carrier and tracking number (one mail to the customer); the
// customer's history and order page show both parts with their status and
// tracking; the invoice prints as a page and a PDF; every response carries
// the security headers and is never stored by a cache.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO, flashOf, loginAs, qValue, textOf } from '../lib/accounts.mjs';
import { SECOND_VENDOR, paidOrder } from '../lib/orders.mjs';
import { assertSecurityHeaders, assertShows, assertNotShows } from '../lib/stack.mjs';

const second = { email: SECOND_VENDOR, password: DEMO.vendor.password };

describe('orders', () => {
	test('each shop its own part; shipped with tracking; the customer sees it; invoices', async () => {
		const order = paidOrder(DEMO.customer.email, [DEMO.vendor.email, SECOND_VENDOR]);
		const [a, b] = order.parts;
		const va = await loginAs('vendor');
		const vb = await loginAs(second);

		let res = await va.form('/vendor/orders');
		assertSecurityHeaders(res, 'GET /vendor/orders');
		assert.match(res.headers.get('cache-control') ?? '', /no-store/);
		assertShows(res.text, a.number);
		assertNotShows(res.text, b.number);
		for (const path of [`/vendor/orders/${b.id}`, `/vendor/orders/${b.id}/slip`, `/vendor/orders/${b.id}/invoice`,
			`/vendor/orders/${b.id}/invoice.pdf`]) {
			res = await va.get(path);
			assert.equal(res.status, 404, `${path} of another shop`);
		}
		res = await va.post(`/vendor/orders/${b.id}/ship`, { carrier: 'DHL', tracking: 'X1' });
		assert.equal(res.status, 404);
		res = await va.post('/vendor/orders/ship', [['id', b.id], ['row', b.id], ['tracking', 'X2'], ['carrier', 'DHL']]);
		assert.equal(res.status, 404);
		assert.equal(qValue('SELECT status FROM vendor_orders WHERE id = @p1', [b.id]), 'processing');

		// Shipped from the order's page, then shown with its tracking number.
		await va.form(`/vendor/orders/${a.id}`);
		res = await va.post(`/vendor/orders/${a.id}/ship`, { carrier: 'DPD', tracking: '0150 1234 5678' });
		assert.equal(res.status, 303);
		res = await va.get(res.location);
		assert.equal(flashOf(res.text), `${a.number} is marked shipped; the customer has been told.`);
		assertShows(res.text, '0150 1234 5678');
		// The second shop in bulk.
		await vb.form('/vendor/orders');
		res = await vb.post('/vendor/orders/ship', [['id', b.id], ['row', b.id], ['tracking', 'GLS-77'], ['carrier', 'GLS']]);
		assert.equal(res.status, 303);
		for (const part of order.parts) {
			assert.equal(Number(qValue(`SELECT COUNT(*) FROM mail_outbox WHERE to_addr = @p1
				AND subject = CONCAT('Your order ', @p2, ' is on its way')`, [DEMO.customer.email, part.number])), 1);
		}

		const c = await loginAs('customer');
		res = await c.get('/orders');
		assert.equal(res.status, 200);
		assertSecurityHeaders(res, 'GET /orders');
		const history = textOf(res.text);
		assert.match(history, new RegExp(`${a.number}\\): Shipped\\s*, DPD 0150 1234 5678`));
		assert.match(history, new RegExp(`${b.number}\\): Shipped\\s*, GLS GLS-77`));
		res = await c.get(`/orders/${order.id}`);
		assert.equal(res.status, 200);
		assertShows(res.text, 'GLS-77');
		assertShows(res.text, '0150 1234 5678');

		// The invoice: a page and a PDF, for the customer and the shop.
		res = await c.get(`/orders/${order.id}/invoice/${a.id}`);
		assert.equal(res.status, 200);
		assert.match(textOf(res.text), /Invoice INV-\d+-\d{6}/);
		res = await c.get(`/orders/${order.id}/invoice/${a.id}.pdf`);
		assert.equal(res.status, 200);
		assert.equal(res.headers.get('content-type'), 'application/pdf');
		assertSecurityHeaders(res, 'the invoice PDF');
		assert.match(res.headers.get('cache-control') ?? '', /no-store/);
		res = await va.get(`/vendor/orders/${a.id}/invoice.pdf`);
		assert.equal(res.status, 200);
		assert.equal(res.headers.get('content-type'), 'application/pdf');
		// Another customer: not found.
		const other = await loginAs(DEMO.vendor);
		res = await other.get(`/orders/${order.id}`);
		assert.equal(res.status, 404);
	});

	test('an unpaid part cannot be shipped', async () => {
		const order = paidOrder(DEMO.customer.email, [DEMO.vendor.email], { paid: false });
		const [a] = order.parts;
		const va = await loginAs('vendor');
		await va.form(`/vendor/orders/${a.id}`);
		const res = await va.post(`/vendor/orders/${a.id}/ship`, { carrier: 'DHL', tracking: 'EARLY' });
		assert.equal(res.status, 303);
		const page = await va.get(res.location);
		assert.equal(flashOf(page.text), 'This order is not paid yet: it cannot be sent before it is.');
		assert.equal(qValue('SELECT status FROM vendor_orders WHERE id = @p1', [a.id]), 'awaiting_payment');
		assert.equal(Number(qValue('SELECT COUNT(*) FROM order_history WHERE vendor_order_id = @p1', [a.id])), 0);
	});
});

// Orders for the HTTP and browser tests, written into the tables as placing
// and paying an order leave them (schema/0012_orders.sql); and the sandbox
// payment provider's side: its API, its hosted pages and its events.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { q, qRow, qValue } from './accounts.mjs';
import { env, url } from './stack.mjs';

/** A second demo shop (the first is DEMO.vendor), same password. */
export const SECOND_VENDOR = 'voltaic-audio@demo.bazaar.test';

let made = 0;

/** A paid order of the customer with one part from each shop (two units of
 * one of its products each), as placing and paying leave it; with paid:
 * false, as placing leaves it. */
export function paidOrder(customerEmail, vendorEmails, { paid = true } = {}) {
	// Unique and short: it is the order's number until the real one is set.
	const tag = `t${process.pid}-${Date.now() % 100000000}-${++made}`;
	const customer = qRow('SELECT id FROM users WHERE email = @p1', [customerEmail]);
	q(`INSERT INTO orders (number, user_id, email, status, payment_method, items_minor, total_minor, ship_name,
		ship_country, idempotency_key, cart_hash, placed_at, expires_at, paid_at)
		VALUES (@p1, @p2, @p3, IF(@p4 = 1, 'paid', 'awaiting_payment'), 'card', 0, 0, 'Dana Demo', 'GB', @p1,
		UNHEX(SHA2(@p1, 256)), NOW(3), NOW() + INTERVAL 1 HOUR, IF(@p4 = 1, NOW(), NULL))`,
	[tag, customer.id, customerEmail, paid ? 1 : 0]);
	const order = qRow('SELECT id FROM orders WHERE idempotency_key = @p1', [tag]);
	const number = `BZ-${String(order.id).padStart(6, '0')}`;
	const parts = [];
	let items = 0;
	vendorEmails.forEach((email, i) => {
		const v = qRow(`SELECT v.id, v.trading_name, v.plan_id FROM vendors v JOIN users u ON u.id = v.user_id
			WHERE u.email = @p1`, [email]);
		const p = qRow(`SELECT id, name, price_minor FROM products WHERE vendor_id = @p1 AND status = 'active'
			ORDER BY id LIMIT 1`, [v.id]);
		const line = Number(p.price_minor) * 2;
		const voNumber = `${number}-${i + 1}`;
		q(`INSERT INTO vendor_orders (order_id, vendor_id, number, status, items_minor, shipping_minor, tax_minor,
			total_minor, plan_id, handling_days) VALUES (@p1, @p2, @p3, IF(@p7 = 1, 'processing', 'awaiting_payment'),
			@p4, 495, 0, @p5, @p6, 2)`, [order.id, v.id, voNumber, line, line + 495, v.plan_id, paid ? 1 : 0]);
		const vo = qRow('SELECT id FROM vendor_orders WHERE number = @p1', [voNumber]);
		q(`INSERT INTO order_items (order_id, vendor_order_id, product_id, name, unit_price_minor, quantity, line_minor)
			VALUES (@p1, @p2, @p3, @p4, @p5, 2, @p6)`, [order.id, vo.id, p.id, p.name, p.price_minor, line]);
		items += line;
		parts.push({ id: vo.id, number: voNumber, shop: v.trading_name });
	});
	q(`UPDATE orders SET number = @p1, items_minor = @p2, shipping_minor = @p3, total_minor = @p2 + @p3
		WHERE id = @p4`, [number, items, 495 * vendorEmails.length, order.id]);
	return { id: order.id, number, parts };
}

/** Products on sale with at least `stock` units, from `vendors` different vendors. */
export function productsOfVendors(vendors = 2, stock = 5) {
	const rows = q(`SELECT id, vendor_id, price_minor, name FROM products
		WHERE status = 'active' AND stock >= @p1 ORDER BY RAND() LIMIT 500`, [stock]);
	const picked = [];
	for (const r of rows) {
		if (picked.some((p) => p.vendorId === Number(r.vendor_id))) continue;
		picked.push({ id: Number(r.id), vendorId: Number(r.vendor_id), price: Number(r.price_minor), name: r.name });
		if (picked.length === vendors) break;
	}
	assert.equal(picked.length, vendors, `${vendors} vendors with a product in stock`);
	return picked.sort((a, b) => a.vendorId - b.vendorId);
}

export function stockOf(productId) {
	return Number(qValue('SELECT stock FROM products WHERE id = @p1', [productId]));
}

/**
 * Places an order as checkout does: lines [{ product, qty }], method card,
 * paypal or bank_transfer. Stock is taken conditionally. Returns
 * { id, number, total }.
 */
export function placeOrder({ userId = null, email, method = 'card', lines, expiresInSeconds = 3600 }) {
	const key = randomBytes(16).toString('hex');
	let items = 0;
	for (const l of lines) items += l.product.price * l.qty;
	q(`INSERT INTO orders (number, user_id, email, payment_method, items_minor, total_minor, ship_name, ship_country,
		idempotency_key, cart_hash, placed_at, expires_at)
		VALUES (CONCAT('T', LEFT(@p1, 20)), NULLIF(@p2, 0), @p3, @p4, @p5, @p5, 'Tess Tester', 'GB', @p1, UNHEX(SHA2(@p1, 256)),
		UTC_TIMESTAMP(3), UTC_TIMESTAMP() + INTERVAL @p6 SECOND)`, [key, userId ?? 0, email, method, items, expiresInSeconds]);
	const id = Number(qValue('SELECT id FROM orders WHERE idempotency_key = @p1', [key]));
	// As checkout does: the number, and a bank transfer's reference is the number.
	q(`UPDATE orders SET number = CONCAT('BZ-', LPAD(id, 6, '0')),
		bank_reference = IF(payment_method = 'bank_transfer', CONCAT('BZ-', LPAD(id, 6, '0')), NULL) WHERE id = @p1`, [id]);
	const vendors = [...new Set(lines.map((l) => l.product.vendorId))];
	vendors.forEach((vendorId, i) => {
		const mine = lines.filter((l) => l.product.vendorId === vendorId);
		const sub = mine.reduce((s, l) => s + l.product.price * l.qty, 0);
		q(`INSERT INTO vendor_orders (order_id, vendor_id, number, items_minor, total_minor, plan_id)
			SELECT @p1, @p2, CONCAT('BZ-', LPAD(@p1, 6, '0'), '-', @p3), @p4, @p4, plan_id FROM vendors WHERE id = @p2`,
		[id, vendorId, i + 1, sub]);
		const vo = Number(qValue('SELECT id FROM vendor_orders WHERE order_id = @p1 AND vendor_id = @p2', [id, vendorId]));
		for (const l of mine) {
			const taken = q(`UPDATE products SET stock = stock - @p1 WHERE id = @p2 AND stock >= @p1;
				SELECT ROW_COUNT() AS n`, [l.qty, l.product.id]);
			assert.equal(taken[0].n, '1', `stock of product ${l.product.id}`);
			q(`INSERT INTO order_items (order_id, vendor_order_id, product_id, name, unit_price_minor, quantity, line_minor)
				VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7)`, [id, vo, l.product.id, l.product.name, l.product.price, l.qty, l.product.price * l.qty]);
		}
	});
	const o = qRow('SELECT number, total_minor FROM orders WHERE id = @p1', [id]);
	return { id, number: o.number, total: Number(o.total_minor) };
}

export function orderStatus(id) {
	return qRow('SELECT status FROM orders WHERE id = @p1', [id]).status;
}

// ---- the sandbox provider -----------------------------------------------------------

export const WEBHOOK_PATH = '/payments/webhook/sandbox';

/** The signature header of body at time t (seconds) with the given secrets. */
export function sign(body, { t = Math.floor(Date.now() / 1000), secrets = [env('BAZAAR_PAYMENT_WEBHOOK_SECRETS')] } = {}) {
	return `t=${t},` + secrets.map((s) => `v1=${createHmac('sha256', s).update(`${t}.${body}`).digest('hex')}`).join(',');
}

/** POSTs a webhook body with a signature header (as given). */
export async function deliver(body, signature) {
	const res = await fetch(url(WEBHOOK_PATH), {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...(signature === null ? {} : { 'Sandbox-Signature': signature }) },
		body,
		redirect: 'manual',
	});
	res.text = await res.text();
	return res;
}

/** A call of the sandbox's API with its key. */
export async function sandboxApi(method, path, form = null) {
	const res = await fetch(url(`/sandbox${path}`), {
		method,
		headers: { Authorization: `Bearer ${env('BAZAAR_SANDBOX_API_KEY')}`, ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
		body: form ? new URLSearchParams(form).toString() : undefined,
		redirect: 'manual',
	});
	const text = await res.text();
	return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** The sandbox's events of a payment (oldest first), each with body and a fresh signature. */
export async function sandboxEvents(ref) {
	const res = await sandboxApi('GET', `/test/events?payment=${encodeURIComponent(ref)}`);
	assert.equal(res.status, 200);
	return res.json.events;
}

/** The payment row of an order (the newest). */
export function paymentOf(orderId) {
	return qRow('SELECT id, provider, provider_ref, status, amount_minor, received_minor, failure FROM payments WHERE order_id = @p1 ORDER BY id DESC LIMIT 1', [orderId]);
}

/** Waits until fn() is true (polling), failing after timeoutMs. */
export async function until(fn, what, timeoutMs = 15000) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		if (await fn()) return;
		if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

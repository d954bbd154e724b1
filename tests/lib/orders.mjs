// Orders for the HTTP and browser tests, written into the tables as placing,
// paying and fulfilling an order leave them (schema/0012_orders.sql), every
// row through insertRow; and the sandbox payment provider's side: its API,
// its hosted pages and its events.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { q, qRow, qValue } from './accounts.mjs';
import { env, sqlInt, url } from './stack.mjs';

/** A second demo shop (the first is DEMO.vendor), same password. */
export const SECOND_VENDOR = 'voltaic-audio@demo.bazaar.test';

/** A value of insertRow written as this SQL (NOW(), a subquery). */
export const sqlValue = (text) => ({ sql: text });

/** BINARY bytes given in hex, for insertRow. */
const hexBytes = (hex) => {
	assert.match(hex, /^[0-9a-f]*$/);
	return sqlValue(`UNHEX('${hex}')`);
};

/** The cart_hash an order's idempotency key stands for (SHA-256 of it). */
export const cartHash = (key) => hexBytes(createHash('sha256').update(key).digest('hex'));

/**
 * Inserts one row of table: values by column, each a string or an integer
 * (a parameter), null, or sqlValue(...) written as that SQL. Returns the new
 * row's id.
 */
export function insertRow(table, values) {
	assert.match(table, /^[a-z_]+$/);
	const params = [];
	const columns = Object.keys(values);
	const exprs = columns.map((c) => {
		assert.match(c, /^[a-z_]+$/);
		const v = values[c];
		if (v === null || v === undefined) return 'NULL';
		if (typeof v === 'object') return v.sql;
		params.push(v);
		return `@p${params.length}`;
	});
	return Number(qRow(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${exprs.join(', ')});
		SELECT LAST_INSERT_ID() AS id`, params).id);
}

/** The id of the user with this address. */
export const userIdOf = (email) => Number(qValue('SELECT id FROM users WHERE email = @p1', [email]));

/** The id of the shop whose owner has this address. */
export const vendorIdOf = (email) => Number(qValue(`SELECT v.id FROM vendors v JOIN users u ON u.id = v.user_id
	WHERE u.email = @p1`, [email]));

let made = 0;

/** A paid order of the customer with one part from each shop (two units of
 * one of its products each), as placing and paying leave it; with paid:
 * false, as placing leaves it. */
export function paidOrder(customerEmail, vendorEmails, { paid = true } = {}) {
	// Unique and short: it is the order's number until the real one is set.
	const tag = `t${process.pid}-${Date.now() % 100000000}-${++made}`;
	const customer = qRow('SELECT id FROM users WHERE email = @p1', [customerEmail]);
	const orderId = insertRow('orders', {
		number: tag, user_id: customer.id, email: customerEmail, status: paid ? 'paid' : 'awaiting_payment',
		payment_method: 'card', items_minor: 0, total_minor: 0, ship_name: 'Dana Demo', ship_country: 'GB',
		idempotency_key: tag, cart_hash: cartHash(tag), placed_at: sqlValue('NOW(3)'),
		expires_at: sqlValue('NOW() + INTERVAL 1 HOUR'), paid_at: sqlValue(paid ? 'NOW()' : 'NULL'),
	});
	const order = { id: String(orderId) };
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
		const voId = insertRow('vendor_orders', {
			order_id: order.id, vendor_id: v.id, number: voNumber, status: paid ? 'processing' : 'awaiting_payment',
			items_minor: line, shipping_minor: 495, tax_minor: 0, total_minor: line + 495, plan_id: v.plan_id,
			handling_days: 2,
		});
		const vo = { id: String(voId) };
		insertRow('order_items', {
			order_id: order.id, vendor_order_id: vo.id, product_id: p.id, name: p.name, unit_price_minor: p.price_minor,
			quantity: 2, line_minor: line,
		});
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
	const id = insertRow('orders', {
		number: `T${key.slice(0, 20)}`, user_id: userId || null, email, payment_method: method, items_minor: items,
		total_minor: items, ship_name: 'Tess Tester', ship_country: 'GB', idempotency_key: key, cart_hash: cartHash(key),
		placed_at: sqlValue('UTC_TIMESTAMP(3)'),
		expires_at: sqlValue(`UTC_TIMESTAMP() + INTERVAL ${sqlInt(expiresInSeconds)} SECOND`),
	});
	// As checkout does: the number, and a bank transfer's reference is the number.
	q(`UPDATE orders SET number = CONCAT('BZ-', LPAD(id, 6, '0')),
		bank_reference = IF(payment_method = 'bank_transfer', CONCAT('BZ-', LPAD(id, 6, '0')), NULL) WHERE id = @p1`, [id]);
	const vendors = [...new Set(lines.map((l) => l.product.vendorId))];
	vendors.forEach((vendorId, i) => {
		const mine = lines.filter((l) => l.product.vendorId === vendorId);
		const sub = mine.reduce((s, l) => s + l.product.price * l.qty, 0);
		const vo = insertRow('vendor_orders', {
			order_id: id, vendor_id: vendorId, number: `BZ-${String(id).padStart(6, '0')}-${i + 1}`, items_minor: sub,
			total_minor: sub, plan_id: sqlValue(`(SELECT plan_id FROM vendors WHERE id = ${sqlInt(vendorId)})`),
		});
		for (const l of mine) {
			const taken = q(`UPDATE products SET stock = stock - @p1 WHERE id = @p2 AND stock >= @p1;
				SELECT ROW_COUNT() AS n`, [l.qty, l.product.id]);
			assert.equal(taken[0].n, '1', `stock of product ${l.product.id}`);
			insertRow('order_items', {
				order_id: id, vendor_order_id: vo, product_id: l.product.id, name: l.product.name,
				unit_price_minor: l.product.price, quantity: l.qty, line_minor: l.product.price * l.qty,
			});
		}
	});
	const o = qRow('SELECT number, total_minor FROM orders WHERE id = @p1', [id]);
	return { id, number: o.number, total: Number(o.total_minor) };
}


/** Two active products of the vendor with stock of at least 20, cheapest first. */
export function vendorProducts(vendorId, n = 2) {
	const rows = q(`SELECT id, name, price_minor FROM products WHERE vendor_id = @p1 AND status = 'active'
		AND stock >= 20 AND price_minor BETWEEN 100 AND 100000 ORDER BY id LIMIT ${Number(n)}`, [vendorId]);
	if (rows.length < n) throw new Error(`vendor ${vendorId} has fewer than ${n} products in stock`);
	return rows.map((r) => ({ id: Number(r.id), name: r.name, price: Number(r.price_minor) }));
}

/**
 * Makes an order of userId from vendorId: lines [{ product, qty }] at the
 * products' prices, shipping 500, status one of awaiting_payment,
 * processing, shipped, delivered (paid unless awaiting_payment), paid by
 * method 'card' (a succeeded sandbox payment) or 'bank_transfer';
 * deliveredDaysAgo for a delivered one; the stock taken as placing it
 * would. Returns { orderId, voId, number, voNumber, total, items: [{ id,
 * product, qty, line }] }.
 */
export function makeOrder({ userId, vendorId, lines, status = 'delivered', method = 'bank_transfer',
	deliveredDaysAgo = 1 }) {
	const tag = randomBytes(6).toString('hex');
	const number = `T${tag}`.slice(0, 20);
	const items = lines.map((l) => ({ product: l.product, qty: l.qty, line: l.product.price * l.qty }));
	const itemsMinor = items.reduce((s, i) => s + i.line, 0);
	const total = itemsMinor + 500;
	const paid = status !== 'awaiting_payment';
	const planId = Number(qValue('SELECT plan_id FROM vendors WHERE id = @p1', [vendorId]));
	const orderId = insertRow('orders', {
		number, user_id: userId, email: sqlValue(`(SELECT email FROM users WHERE id = ${sqlInt(userId)})`),
		status: paid ? 'paid' : 'awaiting_payment', payment_method: method, items_minor: itemsMinor, shipping_minor: 500,
		total_minor: total, ship_country: 'GB', idempotency_key: `fixture-${tag}`, cart_hash: cartHash(`fixture-${tag}`),
		placed_at: sqlValue('NOW(3)'), expires_at: sqlValue('NOW() + INTERVAL 1 DAY'),
		paid_at: sqlValue(paid ? 'NOW()' : 'NULL'),
	});
	const voNumber = `${number}-1`;
	const sent = status === 'shipped' || status === 'delivered';
	const voId = insertRow('vendor_orders', {
		order_id: orderId, vendor_id: vendorId, number: voNumber, status, items_minor: itemsMinor, shipping_minor: 500,
		total_minor: total, plan_id: planId, shipped_at: sqlValue(sent ? 'NOW()' : 'NULL'),
		delivered_at: sqlValue(status === 'delivered' ? `NOW() - INTERVAL ${sqlInt(deliveredDaysAgo)} DAY` : 'NULL'),
	});
	for (const i of items) {
		i.id = insertRow('order_items', {
			order_id: orderId, vendor_order_id: voId, product_id: i.product.id, name: i.product.name,
			unit_price_minor: i.product.price, quantity: i.qty, line_minor: i.line,
		});
		q('UPDATE products SET stock = stock - @p1 WHERE id = @p2', [i.qty, i.product.id]);
	}
	if (paid) {
		insertRow('payments', {
			order_id: orderId, provider: method === 'bank_transfer' ? 'bank' : 'sandbox', provider_ref: `fixture-${tag}`,
			method, status: 'succeeded', amount_minor: total, received_minor: total,
		});
	}
	return { orderId, voId, number, voNumber, total, items };
}

/** The vendor order's refunded_minor and status. */
export function vendorOrder(voId) {
	const r = qRow('SELECT status, refunded_minor, total_minor FROM vendor_orders WHERE id = @p1', [voId]);
	return { status: r.status, refunded: Number(r.refunded_minor), total: Number(r.total_minor) };
}

/** How many 'return' rows the stock history has for the product. */
export function returnRows(productId) {
	return Number(qValue(`SELECT COUNT(*) FROM stock_adjustments WHERE product_id = @p1 AND reason = 'return'`,
		[productId]));
}

/** The conversations placing the order makes (cgi/lib/chat.c, chat_open):
 * one per vendor order of a customer with an account. Returns
 * { <vendor order id>: conversation id }. */
export function openConversations(orderId) {
	q(`INSERT IGNORE INTO conversations (vendor_order_id, order_id, user_id, vendor_id)
		SELECT vo.id, vo.order_id, o.user_id, vo.vendor_id FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id
		WHERE o.id = @p1 AND o.user_id IS NOT NULL`, [orderId]);
	const out = {};
	for (const r of q('SELECT id, vendor_order_id FROM conversations WHERE order_id = @p1', [orderId])) {
		out[Number(r.vendor_order_id)] = Number(r.id);
	}
	return out;
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

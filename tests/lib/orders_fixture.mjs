// Orders written straight into the test database, for the tests of what
// follows an order (cancellations, refunds, returns): one vendor order of a
// demo vendor's products for a customer, in a given state, the stock taken
// as placing it would. Mirrors tests/order_fixture.h.
import { randomBytes } from 'node:crypto';

import { q, qRow, qValue } from './accounts.mjs';

/** Two active products of the vendor with stock of at least 20, cheapest first. */
export function vendorProducts(vendorId, n = 2) {
	const rows = q(`SELECT id, name, price_minor FROM products WHERE vendor_id = @p1 AND status = 'active'
		AND stock >= 20 AND price_minor BETWEEN 100 AND 100000 ORDER BY id LIMIT ${Number(n)}`, [vendorId]);
	if (rows.length < n) throw new Error(`vendor ${vendorId} has fewer than ${n} products in stock`);
	return rows.map((r) => ({ id: Number(r.id), name: r.name, price: Number(r.price_minor) }));
}

export function stockOf(productId) {
	return Number(qValue('SELECT stock FROM products WHERE id = @p1', [productId]));
}

/**
 * Makes an order of userId from vendorId: lines [{ product, qty }] at the
 * products' prices, shipping 500, status one of awaiting_payment,
 * processing, shipped, delivered (paid unless awaiting_payment), paid by
 * method 'card' (a succeeded sandbox payment) or 'bank_transfer';
 * deliveredDaysAgo for a delivered one. Returns { orderId, voId, number,
 * voNumber, total, items: [{ id, product, qty, line }] }.
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
	const orderId = Number(qRow(`INSERT INTO orders (number, user_id, email, status, payment_method, items_minor,
		shipping_minor, total_minor, ship_country, idempotency_key, cart_hash, placed_at, expires_at, paid_at)
		SELECT @p1, @p2, email, @p3, @p4, @p5, 500, @p6, 'GB', @p7, UNHEX(SHA2(@p7, 256)), NOW(3),
		NOW() + INTERVAL 1 DAY, IF(@p8, NOW(), NULL) FROM users WHERE id = @p2;
		SELECT LAST_INSERT_ID() AS id`, [number, userId, paid ? 'paid' : 'awaiting_payment', method, itemsMinor, total,
		`fixture-${tag}`, paid ? 1 : 0]).id);
	const voNumber = `${number}-1`;
	const voId = Number(qRow(`INSERT INTO vendor_orders (order_id, vendor_id, number, status, items_minor,
		shipping_minor, total_minor, plan_id, shipped_at, delivered_at) VALUES (@p1, @p2, @p3, @p4, @p5, 500, @p6,
		@p7, IF(@p4 IN ('shipped', 'delivered'), NOW(), NULL),
		IF(@p4 = 'delivered', NOW() - INTERVAL @p8 DAY, NULL));
		SELECT LAST_INSERT_ID() AS id`, [orderId, vendorId, voNumber, status, itemsMinor, total, planId,
		deliveredDaysAgo]).id);
	for (const i of items) {
		i.id = Number(qRow(`INSERT INTO order_items (order_id, vendor_order_id, product_id, name, unit_price_minor,
			quantity, line_minor) VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7);
			UPDATE products SET stock = stock - @p6 WHERE id = @p3;
			SELECT LAST_INSERT_ID() AS id`, [orderId, voId, i.product.id, i.product.name, i.product.price, i.qty,
			i.line]).id);
	}
	if (paid) {
		q(`INSERT INTO payments (order_id, provider, provider_ref, method, status, amount_minor, received_minor)
			VALUES (@p1, @p2, @p3, @p4, 'succeeded', @p5, @p5)`,
		[orderId, method === 'bank_transfer' ? 'bank' : 'sandbox', `fixture-${tag}`, method, total]);
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

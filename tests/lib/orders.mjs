// Orders for the HTTP and browser tests, written into the tables as placing
// and paying an order leave them (schema/0012_orders.sql).
import { q, qRow } from './accounts.mjs';

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


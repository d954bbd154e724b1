-- 0033_gaps9: orders keep only a hash of their checkout form's key, and refunds say who
-- asked for them.
--
-- orders.idempotency_key held the form's key in clear, and a guest's order
-- link is derived from that key (order_guest_token): anyone reading the
-- database, or a copy of it, could make any guest's link. The column now
-- holds the SHA-256 of the key in lower-case hex (order_key_hash, the same
-- as SHA2(key, 256) here), which still finds the order a form made when it
-- is sent again, while the link can only be made from the key itself (the
-- customer's form). Links already sent keep working: the order stores the
-- hash of the link's token (guest_token_hash), not the key.
UPDATE orders SET idempotency_key = SHA2(idempotency_key, 256);

-- refunds.created_role: who asked for the refund (a cancelling customer, a
-- shop cancelling or receiving a return, an admin, or the system). The
-- history row of a vendor order paid back in full names this role; until
-- now it said 'admin' whenever a user asked. Refunds made before are given
-- their role from who asked: the order's customer, the shop's owner, else
-- an admin.
ALTER TABLE refunds
	ADD COLUMN created_role ENUM('customer','vendor','admin','system') NOT NULL DEFAULT 'system' AFTER created_by;

UPDATE refunds f
	JOIN orders o ON o.id = f.order_id
	JOIN vendor_orders vo ON vo.id = f.vendor_order_id
	JOIN vendors v ON v.id = vo.vendor_id
SET f.created_role = CASE
	WHEN f.created_by IS NULL THEN 'system'
	WHEN f.created_by = o.user_id THEN 'customer'
	WHEN f.created_by = v.user_id THEN 'vendor'
	ELSE 'admin' END;

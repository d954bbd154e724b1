// The demo coupons a new stack gets (cgi/tools/demo_coupons.c, README):
// made through the coupon module as the admin's and a shop's forms make
// them, printed with the demo logins, and shown on the admin's and the
// demo vendor's coupon pages with what they are.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { DEMO, loginAdmin, loginAs, qRow, textOf } from '../lib/accounts.mjs';
import { env } from '../lib/stack.mjs';

const coupon = (code) => qRow(`SELECT c.owner, c.kind, c.percent_bp, c.amount_minor, c.min_order_minor,
	c.per_customer, c.borne_by, IFNULL(v.slug, '') AS shop, c.ends_at IS NOT NULL AND c.ends_at < UTC_TIMESTAMP() AS ended
	FROM coupons c LEFT JOIN vendors v ON v.id = c.vendor_id WHERE c.code = @p1`, [code]);

test('the demo coupons: the marketplace\'s, a shop\'s own and an expired one, printed with the logins', async () => {
	const welcome = coupon('WELCOME10');
	assert.deepEqual([welcome.owner, welcome.kind, Number(welcome.percent_bp), Number(welcome.min_order_minor),
		Number(welcome.per_customer), welcome.borne_by, welcome.shop, Number(welcome.ended)],
	['admin', 'percent', 1000, 2000, 1, 'marketplace', '', 0]);
	const shop = coupon('NORTHWIND5');
	const demoShop = DEMO.vendor.email.split('@')[0];
	assert.deepEqual([shop.owner, shop.kind, Number(shop.amount_minor), shop.borne_by, shop.shop, Number(shop.ended)],
		['vendor', 'fixed', 500, 'vendor', demoShop, 0]);
	const expired = coupon('EXPIRED20');
	assert.deepEqual([expired.owner, Number(expired.percent_bp), expired.borne_by, Number(expired.ended)],
		['admin', 2000, 'marketplace', 1]);

	const printed = readFileSync(join(env('BAZAAR_VAR'), 'demo-logins.txt'), 'utf8');
	assert.match(printed, /Demo logins:/);
	assert.match(printed, /Demo coupons[^\n]*\n/);
	assert.match(printed, /WELCOME10 +10% off from €20\.00;[^\n]*once per customer; the marketplace bears it \(Active\)/);
	assert.match(printed, /NORTHWIND5 +€5\.00 off from €25\.00;[^\n]*the shop bears it/);
	assert.match(printed, /EXPIRED20 +20% off;[^\n]*\(Expired\)/);

	const admin = await loginAdmin();
	let res = await admin.get('/admin/coupons');
	assert.equal(res.status, 200);
	const text = textOf(res.text);
	for (const code of ['WELCOME10', 'NORTHWIND5', 'EXPIRED20']) assert.ok(text.includes(code), code);
	assert.match(text, /EXPIRED20[^]*?Expired/);
	const vendor = await loginAs('vendor');
	res = await vendor.get('/vendor/coupons');
	assert.equal(res.status, 200);
	assert.ok(textOf(res.text).includes('NORTHWIND5'));
	assert.ok(!textOf(res.text).includes('WELCOME10'), 'a shop sees its own coupons only');
});

// The vendor ledger through nginx: an admin's credit and debit (a reason
// required, a debit confirmed first, audited), the vendor's ledger with its
// filters and a CSV export whose amounts add up, nobody else's entries
// visible, and the monthly plan fee job: run twice, one entry a month; with
// the shop's clock moved to the next month, a second one.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
	assertFieldError, assertRedirect, auditEntries, fieldValue, loginAdmin, q, qValue, signupVendor, textOf, toolPath,
} from '../lib/accounts.mjs';
import { assertNotShows, assertShows, sql } from '../lib/stack.mjs';

const tag = `${process.pid}-${Date.now() % 100000}`;

/** Records of a CSV text (RFC 4180: quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
	const rows = [];
	let row = [], field = '', quoted = false;
	const s = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (quoted) {
			if (c === '"' && s[i + 1] === '"') { field += '"'; i++; }
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') { row.push(field); field = ''; }
		else if (c === '\r' && s[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
		else field += c;
	}
	if (field !== '' || row.length) { row.push(field); rows.push(row); }
	return rows;
}

/** Minor units of a plain decimal such as "-19.00". */
function minor(text) {
	const m = /^(-?)(\d+)\.(\d\d)$/.exec(text);
	assert.ok(m, `not an amount: ${text}`);
	return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

function balance(vendorId) {
	return Number(qValue('SELECT IFNULL(SUM(amount_minor), 0) FROM vendor_ledger WHERE vendor_id = @p1', [vendorId]));
}

async function verifiedVendor() {
	const v = await signupVendor();
	sql("UPDATE vendors SET status = 'verified' WHERE id = @p1", [v.vendor.id]);
	return v;
}

describe('vendor ledger', () => {
	test('admin credit and debit, the vendor\'s filters and CSV export, nobody else\'s entries', async () => {
		const v = await verifiedVendor();
		const other = await verifiedVendor();
		const admin = await loginAdmin();
		const path = `/admin/vendors/${v.vendor.id}/ledger`;

		let page = await admin.form(path);
		const key1 = fieldValue(page.text, 'key');
		assert.match(key1, /^[0-9a-f]{32}$/);
		let res = await admin.post(path, { entry_kind: 'credit', amount: '50', reason: '', key: key1 });
		assert.equal(res.status, 422, 'an empty reason is refused');
		assertFieldError(res.text, 'reason', 'Write the reason');
		res = await admin.post(path, { entry_kind: 'credit', amount: '50', reason: 'Welcome credit' }, { csrf: null });
		assert.equal(res.status, 403, 'no CSRF token');
		assert.equal(balance(v.vendor.id), 0);

		res = await admin.post(path, { entry_kind: 'credit', amount: '50', reason: 'Welcome credit', key: key1 });
		assert.equal(assertRedirect(res, 303, 'credit'), path);
		res = await admin.post(path, { entry_kind: 'credit', amount: '50', reason: 'Welcome credit', key: key1 });
		assertRedirect(res, 303, 'the same form again');
		assert.equal(balance(v.vendor.id), 5000, 'booked once');
		assert.equal(auditEntries('ledger.credit', 'vendor', v.vendor.id).length, 1);

		page = await admin.form(path);
		const key2 = fieldValue(page.text, 'key');
		res = await admin.post(path, { entry_kind: 'debit', amount: '12.34', reason: 'Returned parcel, order 9', key: key2 });
		assert.equal(res.status, 200, 'a debit is confirmed first');
		assertShows(res.text, 'Confirm the debit');
		assertShows(res.text, '€37.66');
		assert.equal(balance(v.vendor.id), 5000, 'nothing yet');
		res = await admin.post(path, {
			entry_kind: 'debit', amount: '12.34', reason: 'Returned parcel, order 9', key: key2, confirm: 'yes',
		});
		assertRedirect(res, 303, 'confirmed debit');
		assert.equal(balance(v.vendor.id), 3766);
		const audit = auditEntries('ledger.debit', 'vendor', v.vendor.id);
		assert.equal(audit.length, 1);
		assert.match(audit[0].detail, /Returned parcel, order 9/);

		// Someone else's entry, which the vendor must never see.
		sql(`INSERT INTO vendor_ledger (vendor_id, kind, amount_minor, reference, note, created_at)
			VALUES (@p1, 'credit', 999, 'test:${tag}', 'Other vendor ${tag}', UTC_TIMESTAMP())`, [other.vendor.id]);

		page = await v.client.get('/vendor/ledger');
		assert.equal(page.status, 200);
		assert.match(textOf(page.text), /Balance: €37\.66/);
		assertShows(page.text, 'Welcome credit');
		assertShows(page.text, 'Returned parcel, order 9');
		assertNotShows(page.text, `Other vendor ${tag}`);
		page = await v.client.get('/vendor/ledger?kind=debit');
		assertShows(page.text, '1 entry, totalling -€12.34');
		assertNotShows(page.text, 'Welcome credit');
		const today = new Date().toISOString().slice(0, 10);
		page = await v.client.get(`/vendor/ledger?from=${today}&to=${today}`);
		assertShows(page.text, '2 entries');
		page = await v.client.get('/vendor/ledger?from=2001-01-01&to=2001-01-31');
		assertShows(page.text, 'No entry matches.');
		assert.equal((await v.client.get('/vendor/ledger?to=2026-13-01')).status, 400);

		const csv = await v.client.get('/vendor/ledger.csv');
		assert.equal(csv.status, 200);
		assert.match(csv.headers.get('content-type'), /^text\/csv/);
		const rows = parseCsv(csv.text);
		assert.deepEqual(rows[0], ['date', 'kind', 'reference', 'note', 'amount']);
		assert.equal(rows.length, 3);
		assert.equal(rows.slice(1).reduce((sum, r) => sum + minor(r[4]), 0), balance(v.vendor.id));
		assert.ok(rows.some((r) => r[3] === 'Returned parcel, order 9'), 'a note with a comma comes back whole');
		assert.ok(!csv.text.includes(`Other vendor ${tag}`));
		const debits = parseCsv((await v.client.get('/vendor/ledger.csv?kind=debit')).text);
		assert.equal(debits.length, 2);

		// Another vendor's ledger is not reachable: their own, or 404 on the admin's.
		page = await other.client.get('/vendor/ledger');
		assertNotShows(page.text, 'Welcome credit');
		assert.equal((await other.client.get(path)).status, 404);
	});

	test('the monthly plan fee: once a month even when the job runs twice, again in the next month', async () => {
		const v = await verifiedVendor();
		const name = `Fee Plan ${tag}`;
		q(`INSERT INTO plans (name, commission_bp, monthly_fee_minor, promotion_daily_rate_minor)
			VALUES (@p1, 1000, 2900, 100)`, [name]);
		q('UPDATE vendors SET plan_id = (SELECT id FROM plans WHERE name = @p1) WHERE id = @p2', [name, v.vendor.id]);
		const run = (offset) => execFileSync(toolPath('planfees'), ['--once'], {
			env: { ...process.env, BAZAAR_ENV: 'test', BAZAAR_CLOCK_OFFSET: String(offset) },
			stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000,
		});
		const fees = () => sql(`SELECT reference, amount_minor FROM vendor_ledger WHERE vendor_id = @p1
			AND kind = 'plan_fee' ORDER BY id`, [v.vendor.id]);

		run(0);
		run(0);
		const now = new Date();
		const month = now.toISOString().slice(0, 7);
		assert.deepEqual(fees().map((r) => [r.reference, Number(r.amount_minor)]), [[`plan:${month}`, -2900]]);

		// Into the next month (its second day, whatever the time of day now).
		const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2);
		const offset = Math.ceil((next - now.getTime()) / 1000);
		run(offset);
		run(offset);
		const nextMonth = new Date(next).toISOString().slice(0, 7);
		assert.deepEqual(fees().map((r) => r.reference), [`plan:${month}`, `plan:${nextMonth}`]);
		assert.equal(balance(v.vendor.id), -5800);

		// The vendor sees them.
		const page = await v.client.get('/vendor/ledger?kind=plan_fee');
		assertShows(page.text, `plan:${nextMonth}`);
		assertShows(page.text, '2 entries, totalling -€58.00');
	});

	test('bad arguments are refused', () => {
		assert.throws(() => execFileSync(toolPath('planfees'), ['--twice'], { env: process.env, stdio: 'pipe' }),
			(e) => e.status === 2);
	});
});

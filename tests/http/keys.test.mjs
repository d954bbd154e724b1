// Key rotation on a running shop: bazaar-keys adds a key and re-seals every
// value sealed with an older one; the running programs keep reading all of
// them without a restart, and the key file stays private.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loginAs, qValue } from '../lib/accounts.mjs';
import { env } from '../lib/stack.mjs';

const bin = join(env('BAZAAR_ROOT'), 'build/bin/bazaar-keys');
const keyFile = env('BAZAAR_KEY_FILE');

function keys(...args) {
	return execFileSync(bin, args, { env: process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Values of every sealed column whose key id (bytes 2-5) is not id. */
function sealedWithOtherThan(id) {
	const cols = [['users', 'phone_enc'], ['users', 'totp_secret_enc'], ['vendors', 'address_enc'],
		['vendors', 'phone_enc'], ['vendors', 'bank_holder_enc'], ['vendors', 'bank_account_enc'],
		['addresses', 'body_enc']];
	let n = 0;
	for (const [t, c] of cols) {
		n += Number(qValue(`SELECT COUNT(*) FROM ${t} WHERE ${c} IS NOT NULL AND
			CAST(CONV(HEX(SUBSTRING(${c}, 2, 4)), 16, 10) AS UNSIGNED) <> @p1`, [id]));
	}
	return n;
}

test('rotate: a new current key, every value re-sealed, pages still read them', async () => {
	const before = readFileSync(keyFile, 'utf8').trim().split('\n');
	const status = keys('status');
	assert.match(status, /key/i);
	const customer = await loginAs('customer');
	const page = await customer.get('/account');
	assert.equal(page.status, 200);
	assert.ok(page.text.includes('+49 30 5550 0100'), 'the phone number opens before');

	keys('rotate');
	const lines = readFileSync(keyFile, 'utf8').trim().split('\n');
	assert.equal(lines.length, before.length + 1, 'one key added');
	assert.deepEqual(lines.slice(0, before.length), before, 'old keys kept, for backups');
	const newId = Number(lines.at(-1).split(' ')[0]);
	assert.ok(newId > Number(before.at(-1).split(' ')[0]));
	assert.equal(sealedWithOtherThan(newId), 0, 'nothing left under an older key');
	assert.equal(statSync(keyFile).mode & 0o777, 0o600, 'the key file stays 0600');
	assert.ok(!keys('status').includes(lines.at(-1).split(' ')[1]), 'status never prints key material');

	// The running storefront opens values sealed with the new key.
	const again = await customer.get('/account');
	assert.ok(again.text.includes('+49 30 5550 0100'), 'the phone number opens after');
	const book = await customer.get('/account/addresses');
	assert.ok(book.text.includes('12 Harbour Road'), 'the address book opens after');
});

test('bad arguments are refused', () => {
	assert.throws(() => keys('spin'), (e) => e.status === 2);
});

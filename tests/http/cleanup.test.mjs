// bazaar-cleanup: expired sessions, old one-time tokens and old failed-login
// records go; live ones stay.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { env, sql, sqlRow } from '../lib/stack.mjs';

const bin = join(env('BAZAAR_ROOT'), 'build/bin/bazaar-cleanup');

test('one pass deletes what can no longer be used and keeps the rest', () => {
	const tag = `cleanup-${process.pid}-${Date.now()}`;
	sql(`INSERT INTO users (email, name, role) VALUES (CONCAT('${tag}', '@example.test'), 'Cleanup Test', 'customer')`);
	const { id } = sqlRow(`SELECT id FROM users WHERE email = CONCAT('${tag}', '@example.test')`);
	try {
		// Sessions: expired, idle for a day, live. Tokens: used two days ago, expired
		// two days ago, used an hour ago, live. Failures: a day old, a minute old.
		sql(`INSERT INTO sessions (token_hash, user_id, csrf, expires_at, last_seen_at, ip) VALUES
			(RANDOM_BYTES(32), @p1, RANDOM_BYTES(32), UTC_TIMESTAMP() - INTERVAL 1 SECOND, UTC_TIMESTAMP(), 'expired'),
			(RANDOM_BYTES(32), @p1, RANDOM_BYTES(32), UTC_TIMESTAMP() + INTERVAL 1 DAY, UTC_TIMESTAMP() - INTERVAL 1 DAY, 'idle'),
			(RANDOM_BYTES(32), @p1, RANDOM_BYTES(32), UTC_TIMESTAMP() + INTERVAL 1 DAY, UTC_TIMESTAMP(), 'live')`, [id]);
		sql(`INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at, used_at) VALUES
			(@p1, 'verify', RANDOM_BYTES(32), UTC_TIMESTAMP() + INTERVAL 1 DAY, UTC_TIMESTAMP() - INTERVAL 2 DAY),
			(@p1, 'reset', RANDOM_BYTES(32), UTC_TIMESTAMP() - INTERVAL 2 DAY, NULL),
			(@p1, 'reset', RANDOM_BYTES(32), UTC_TIMESTAMP() + INTERVAL 1 HOUR, UTC_TIMESTAMP() - INTERVAL 1 HOUR),
			(@p1, 'verify', RANDOM_BYTES(32), UTC_TIMESTAMP() + INTERVAL 1 DAY, NULL)`, [id]);
		sql(`INSERT INTO login_failures (email, ip, at) VALUES
			(CONCAT('${tag}', '@example.test'), '192.0.2.200', UTC_TIMESTAMP(6) - INTERVAL 1 DAY),
			(CONCAT('${tag}', '@example.test'), '192.0.2.200', UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE)`);

		execFileSync(bin, ['--once'], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });

		assert.deepEqual(sql('SELECT ip FROM sessions WHERE user_id = @p1 ORDER BY ip', [id]).map((r) => r.ip), ['live']);
		assert.equal(sql('SELECT id FROM user_tokens WHERE user_id = @p1', [id]).length, 2);
		assert.equal(sql('SELECT id FROM user_tokens WHERE user_id = @p1 AND used_at IS NULL AND expires_at > UTC_TIMESTAMP()', [id]).length, 1);
		assert.equal(sql(`SELECT id FROM login_failures WHERE email = CONCAT('${tag}', '@example.test')`).length, 1);
	} finally {
		sql(`DELETE FROM login_failures WHERE email = CONCAT('${tag}', '@example.test')`);
		sql('DELETE FROM users WHERE id = @p1', [id]);
	}
});

test('bad arguments are refused', () => {
	assert.throws(() => execFileSync(bin, ['--twice'], { env: process.env, stdio: 'pipe' }), (e) => e.status === 2);
});

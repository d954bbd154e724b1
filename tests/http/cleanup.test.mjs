// bazaar-cleanup: expired sessions, old one-time tokens, old failed-login
// records and old clickstream rows go; live ones stay; unused pictures go
// with their files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
		// Clickstream: a view of 401 days ago goes (BAZAAR_CLICKSTREAM_KEEP_DAYS, 400), one of 399 stays.
		sql(`INSERT INTO clickstream (at, kind, path, referrer) VALUES
			(UTC_TIMESTAMP(3) - INTERVAL 401 DAY, 'view', '/', '${tag}-old'),
			(UTC_TIMESTAMP(3) - INTERVAL 399 DAY, 'view', '/', '${tag}-kept')`);

		execFileSync(bin, ['--once'], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });

		assert.deepEqual(sql('SELECT ip FROM sessions WHERE user_id = @p1 ORDER BY ip', [id]).map((r) => r.ip), ['live']);
		assert.equal(sql('SELECT id FROM user_tokens WHERE user_id = @p1', [id]).length, 2);
		assert.equal(sql('SELECT id FROM user_tokens WHERE user_id = @p1 AND used_at IS NULL AND expires_at > UTC_TIMESTAMP()', [id]).length, 1);
		assert.equal(sql(`SELECT id FROM login_failures WHERE email = CONCAT('${tag}', '@example.test')`).length, 1);
		assert.deepEqual(sql(`SELECT referrer FROM clickstream WHERE referrer LIKE '${tag}-%'`).map((r) => r.referrer), [`${tag}-kept`]);
	} finally {
		sql(`DELETE FROM clickstream WHERE referrer LIKE '${tag}-%'`);
		sql(`DELETE FROM login_failures WHERE email = CONCAT('${tag}', '@example.test')`);
		sql('DELETE FROM users WHERE id = @p1', [id]);
	}
});

test('bad arguments are refused', () => {
	assert.throws(() => execFileSync(bin, ['--twice'], { env: process.env, stdio: 'pipe' }), (e) => e.status === 2);
});

test('unused pictures go with their files after the grace period; pictures in use and young ones stay', () => {
	const dir = env('BAZAAR_MEDIA_DIR');
	const tag = process.pid * 1000 + (Date.now() % 1000);
	// The hash as the SQL below builds it from the tag: 'a1' / 'a2' / 'a3' + 30 digits.
	const hash = (k) => `a${k}${String(tag).padStart(30, '0')}`;
	const hashSql = (k) => `CONCAT('a${k}', LPAD(@p1, 30, '0'))`;
	const files = (h) => [200, 600, 1200].flatMap((s) => ['webp', 'jpg'].map((e) => join(dir, 'm', h.slice(0, 2), `${h}-${s}.${e}`)));
	// Made as the programs' user would (the owner of the media directory), so
	// that the directories stay theirs to write in.
	const owner = statSync(dir);
	const made = [join(dir, 'm'), ...[1, 2, 3].map((k) => join(dir, 'm', `a${k}`))];
	for (const d of made) {
		if (!existsSync(d)) {
			mkdirSync(d);
			chownSync(d, owner.uid, owner.gid);
		}
	}
	for (const k of [1, 2, 3]) for (const f of files(hash(k))) writeFileSync(f, 'x');
	// 1: unused for an hour; 2: unused, stored just now; 3: an hour old, a shop's logo.
	// One transaction: the stack's own cleanup job, running meanwhile, never
	// sees the logo before the shop uses it.
	const vendor = sqlRow('SELECT id FROM vendors WHERE logo_media_id IS NULL ORDER BY id LIMIT 1');
	sql(`START TRANSACTION;
		INSERT INTO media (hash, type, bytes, width, height, created_at, last_used_at) VALUES
		(${hashSql(1)}, 'jpeg', 1, 1, 1, UTC_TIMESTAMP() - INTERVAL 1 HOUR, UTC_TIMESTAMP() - INTERVAL 1 HOUR),
		(${hashSql(2)}, 'jpeg', 1, 1, 1, UTC_TIMESTAMP(), UTC_TIMESTAMP()),
		(${hashSql(3)}, 'jpeg', 1, 1, 1, UTC_TIMESTAMP() - INTERVAL 1 HOUR, UTC_TIMESTAMP() - INTERVAL 1 HOUR);
		UPDATE vendors SET logo_media_id = (SELECT id FROM media WHERE hash = ${hashSql(3)}) WHERE id = @p2;
		COMMIT`, [tag, vendor.id]);
	try {
		execFileSync(bin, ['--once'], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
		assert.deepEqual(sql(`SELECT hash FROM media WHERE hash IN (${hashSql(1)}, ${hashSql(2)}, ${hashSql(3)}) ORDER BY hash`,
			[tag]).map((r) => r.hash), [hash(2), hash(3)]);
		assert.ok(files(hash(1)).every((f) => !existsSync(f)), 'the unused picture\'s files are gone');
		assert.ok(files(hash(2)).every((f) => existsSync(f)), 'a young picture is kept');
		assert.ok(files(hash(3)).every((f) => existsSync(f)), 'a logo is kept');
	} finally {
		sql('UPDATE vendors SET logo_media_id = NULL WHERE id = @p1', [vendor.id]);
		sql(`DELETE FROM media WHERE hash IN (${hashSql(1)}, ${hashSql(2)}, ${hashSql(3)})`, [tag]);
		for (const k of [1, 2, 3]) for (const f of files(hash(k))) rmSync(f, { force: true });
	}
});

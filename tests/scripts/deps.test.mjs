// scripts/deps --tests on a machine whose Node.js is too old (Debian 12's
// 18) or missing: it fetches Node.js 20 from the npm registry (the package
// node-linux-<arch>, install scripts off) into BAZAAR_NODE_DIR, with npm and
// nothing else. Here `node` and `npm` are stand-ins on PATH that record what
// they are asked, so nothing is downloaded.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const scratch = mkdtempSync(join(tmpdir(), 'bazaar-deps-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];

function script(path, text) {
	writeFileSync(path, `#!/bin/sh\n${text}`);
	chmodSync(path, 0o755);
}

/**
 * A bin directory holding every program scripts/deps may run, from the real
 * PATH, except node and npm: `node` says `version` (or is absent), `npm`
 * logs its arguments and installs a stand-in binary that says v20.20.2.
 */
function fakeBin(name, nodeVersion) {
	const bin = join(scratch, name);
	mkdirSync(bin);
	for (const p of ['bash', 'sed', 'dpkg-query', 'uname', 'rm', 'mkdir', 'ln', 'cat', 'env', 'touch', 'dirname', 'chmod']) {
		const real = execFileSync('sh', ['-c', `command -v ${p}`], { encoding: 'utf8' }).trim();
		execFileSync('ln', ['-s', real, join(bin, p)]);
	}
	if (nodeVersion) script(join(bin, 'node'), `echo ${nodeVersion}\n`);
	script(join(bin, 'npm'), `echo "npm $*" >>"${bin}/npm.log"
prefix=
while [ $# -gt 0 ]; do
	case $1 in --prefix) prefix=$2; shift ;; node-linux-*) pkg=$1 ;; esac
	shift
done
[ -n "$pkg" ] || exit 0
mkdir -p "$prefix/node_modules/\${pkg%@*}/bin"
printf '#!/bin/sh\\necho v%s\\n' "\${pkg#*@}" >"$prefix/node_modules/\${pkg%@*}/bin/node"
chmod 755 "$prefix/node_modules/\${pkg%@*}/bin/node"
`);
	return bin;
}

function deps(bin, extraEnv = {}) {
	const nodeDir = join(scratch, `${bin.split('/').pop()}-node`);
	const res = spawnSync(join(bin, 'bash'), [join(root, 'scripts/deps'), '--tests'], {
		cwd: root,
		env: { PATH: bin, HOME: scratch, BAZAAR_NODE_DIR: nodeDir, ...extraEnv },
		encoding: 'utf8',
	});
	const log = existsSync(join(bin, 'npm.log')) ? readFileSync(join(bin, 'npm.log'), 'utf8') : '';
	return { ...res, nodeDir, npm: log };
}

describe('scripts/deps --tests sets Node.js up by itself', { skip: !arch && 'no npm build for this machine' }, () => {
	test('Node.js 18 (Debian 12): Node.js 20 from the npm registry, install scripts off', () => {
		const r = deps(fakeBin('debian12', 'v18.19.0'));
		assert.equal(r.status, 0, `deps failed:\n${r.stdout}\n${r.stderr}`);
		assert.match(r.stdout, /Node\.js 20\.20\.2 from the npm registry/);
		const install = r.npm.split('\n').find((l) => l.includes(' install '));
		assert.ok(install, `npm install was run:\n${r.npm}`);
		assert.match(install, new RegExp(`node-linux-${arch}@20\\.20\\.2`));
		assert.match(install, /--ignore-scripts/);
		assert.doesNotMatch(r.npm, /https?:\/\//, 'npm is given no other address than its registry');
		assert.equal(execFileSync(join(r.nodeDir, 'bin', 'node'), { encoding: 'utf8' }).trim(), 'v20.20.2');

		// A second run finds it in place and fetches nothing.
		const again = deps(join(scratch, 'debian12'));
		assert.equal(again.status, 0, again.stderr);
		assert.equal(again.npm.split('\n').filter((l) => l.includes(' install ')).length, 1);
	});

	test('no node at all: the same', () => {
		const r = deps(fakeBin('nonode', null));
		assert.equal(r.status, 0, `deps failed:\n${r.stdout}\n${r.stderr}`);
		assert.match(r.npm, new RegExp(`install .*node-linux-${arch}@20\\.20\\.2`));
	});

	test('Node.js 20 or later: nothing is fetched', () => {
		const r = deps(fakeBin('recent', 'v22.1.0'));
		assert.equal(r.status, 0, r.stderr);
		assert.doesNotMatch(r.npm, / install /);
		assert.ok(!existsSync(r.nodeDir));
	});
});

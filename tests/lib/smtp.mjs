// A small SMTP server for the tests: it listens on 127.0.0.1, speaks enough
// of RFC 5321 for a mail client (EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET,
// NOOP, QUIT), keeps every message it accepts in memory and can be told to
// refuse the next messages with a temporary (4xx) or permanent (5xx) answer.
//
//   const smtp = await startSmtp();          // a free port: smtp.port
//   smtp.failNext(1);                        // next message: "451" to RCPT TO
//   smtp.failNext(1, { code: 550, rcpt: 'a@b.example' });
//   await smtp.waitFor((m) => m.rcpt.includes('a@b.example'));
//   await smtp.close();
//
// A message is { from, rcpt: [addresses], data (text, dot-stuffing undone,
// CRLF kept), headers (lower-case name -> first value, folded lines joined),
// body (after the blank line) }.

import net from 'node:net';

const MAX_LINE = 4096;		// bytes of a command line
const MAX_DATA = 10 * 1024 * 1024;	// bytes of one message

/** Splits a message into its header fields and its body. */
export function parseMessage(data) {
	const at = data.search(/\r?\n\r?\n/);
	const head = at < 0 ? data : data.slice(0, at);
	const body = at < 0 ? '' : data.slice(at).replace(/^\r?\n\r?\n/, '');
	const headers = {};
	for (const line of head.replace(/\r?\n[ \t]/g, ' ').split(/\r?\n/)) {
		const m = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
		if (m && !(m[1].toLowerCase() in headers)) headers[m[1].toLowerCase()] = m[2];
	}
	return { headers, body };
}

export async function startSmtp({ host = '127.0.0.1', port = 0, name = 'smtp.test' } = {}) {
	const messages = [];
	const waiters = [];
	const sockets = new Set();
	let failures = [];	// [{ code, rcpt }] in order, one per refused message

	function deliver(msg) {
		messages.push(msg);
		for (const w of [...waiters]) {
			if (w.match(msg)) {
				waiters.splice(waiters.indexOf(w), 1);
				clearTimeout(w.timer);
				w.resolve(msg);
			}
		}
	}

	// The failure planned for a message to this recipient, taken off the list.
	function takeFailure(rcpt) {
		const i = failures.findIndex((f) => f.rcpt === undefined || f.rcpt === rcpt);
		if (i < 0) return null;
		return failures.splice(i, 1)[0];
	}

	const server = net.createServer((sock) => {
		sockets.add(sock);
		sock.on('close', () => sockets.delete(sock));
		sock.on('error', () => {});
		let buffered = Buffer.alloc(0);
		let inData = false;
		let dataLines = [];
		let dataBytes = 0;
		let tx = null;	// { from, rcpt: [] }
		let refused = false;	// this transaction had a planned failure

		const reply = (text) => {
			if (!sock.destroyed) sock.write(`${text}\r\n`);
		};

		function command(line) {
			const verb = line.slice(0, 4).toUpperCase();
			const arg = line.slice(4).trim();
			switch (verb) {
			case 'EHLO':
				tx = null;
				reply(`250-${name} greets ${arg || 'you'}`);
				reply('250-8BITMIME');
				reply(`250 SIZE ${MAX_DATA}`);
				return;
			case 'HELO':
				tx = null;
				reply(`250 ${name}`);
				return;
			case 'MAIL': {
				const m = /^FROM:\s*<([^>]*)>/i.exec(arg);
				if (!m) return reply('501 5.5.4 Syntax: MAIL FROM:<address>');
				if (tx) return reply('503 5.5.1 Nested MAIL command');
				tx = { from: m[1], rcpt: [] };
				refused = false;
				return reply('250 2.1.0 Ok');
			}
			case 'RCPT': {
				const m = /^TO:\s*<([^>]*)>/i.exec(arg);
				if (!m) return reply('501 5.5.4 Syntax: RCPT TO:<address>');
				if (!tx) return reply('503 5.5.1 Need MAIL before RCPT');
				const fail = refused ? null : takeFailure(m[1]);
				if (fail) {
					refused = true;
					return reply(fail.code >= 500
						? `${fail.code} 5.1.1 <${m[1]}>: Recipient address rejected (test)`
						: `${fail.code} 4.3.0 <${m[1]}>: Try again later (test)`);
				}
				tx.rcpt.push(m[1]);
				return reply('250 2.1.5 Ok');
			}
			case 'DATA':
				if (!tx || tx.rcpt.length === 0) return reply('554 5.5.1 No valid recipients');
				inData = true;
				dataLines = [];
				dataBytes = 0;
				return reply('354 End data with <CR><LF>.<CR><LF>');
			case 'RSET':
				tx = null;
				return reply('250 2.0.0 Ok');
			case 'NOOP':
				return reply('250 2.0.0 Ok');
			case 'QUIT':
				reply('221 2.0.0 Bye');
				sock.end();
				return;
			default:
				return reply('502 5.5.2 Command not recognised');
			}
		}

		function dataLine(line) {
			if (line === '.') {
				inData = false;
				const data = dataLines.join('\r\n') + (dataLines.length ? '\r\n' : '');
				if (dataBytes > MAX_DATA) {
					tx = null;
					return reply('552 5.3.4 Message too big');
				}
				const msg = { from: tx.from, rcpt: tx.rcpt, data, ...parseMessage(data) };
				tx = null;
				reply(`250 2.0.0 Ok: queued as ${messages.length + 1}`);
				deliver(msg);
				return;
			}
			dataBytes += line.length + 2;
			if (dataBytes <= MAX_DATA) dataLines.push(line.startsWith('.') ? line.slice(1) : line);
		}

		sock.on('data', (chunk) => {
			buffered = Buffer.concat([buffered, chunk]);
			let nl;
			while ((nl = buffered.indexOf(10)) >= 0) {
				let line = buffered.subarray(0, nl).toString('utf8');
				buffered = buffered.subarray(nl + 1);
				if (line.endsWith('\r')) line = line.slice(0, -1);
				if (inData) dataLine(line);
				else command(line);
			}
			if (!inData && buffered.length > MAX_LINE) {
				reply('500 5.5.2 Line too long');
				sock.destroy();
			}
		});
		reply(`220 ${name} ESMTP test server`);
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});

	return {
		port: server.address().port,
		url: `smtp://${host}:${server.address().port}`,
		messages,
		/**
		 * The next n messages (to rcpt only, when given) are refused at RCPT TO
		 * with code: 4xx temporary (451 by default) or 5xx permanent.
		 */
		failNext(n, { code = 451, rcpt } = {}) {
			for (let i = 0; i < n; i++) failures.push({ code, rcpt });
		},
		/** Forgets planned failures. */
		clearFailures() {
			failures = [];
		},
		/** The first message (already received or still to come) for which match is true. */
		waitFor(match = () => true, timeoutMs = 5000) {
			const found = messages.find(match);
			if (found) return Promise.resolve(found);
			return new Promise((resolve, reject) => {
				const w = { match, resolve };
				w.timer = setTimeout(() => {
					waiters.splice(waiters.indexOf(w), 1);
					reject(new Error(`smtp: no matching message within ${timeoutMs} ms`));
				}, timeoutMs);
				waiters.push(w);
			});
		},
		close() {
			for (const s of sockets) s.destroy();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

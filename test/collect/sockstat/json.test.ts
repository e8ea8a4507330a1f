import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseSockstatJson} from '../../../source/collect/sockstat/json.js';
import {formatForeign} from '../../../source/format/address.js';
import {isListening} from '../../../source/model/filter.js';

const constructed = readFileSync(new URL('../../fixtures/sockstat/freebsd15-libxo-constructed.json', import.meta.url), 'utf8');

describe('parseSockstatJson', () => {
	it('reads libxo rows: numbers, conn-state, unix paths and holder lists', () => {
		const {sockets, malformedLines} = parseSockstatJson(constructed);
		// The sctp4 row has no name in the model.
		expect(malformedLines).toBe(1);
		expect(sockets.map(socket => [socket.user, socket.command, socket.pid, socket.fd, socket.proto, socket.localAddress, socket.localPort, socket.foreignAddress, socket.foreignPort, socket.path, socket.peerPath, socket.state])).toEqual([
			['root', 'sshd', 705, 3, 'tcp6', '*', 22, '*', null, null, null, 'LISTEN'],
			['root', 'sshd', 705, 4, 'tcp4', '*', 22, '*', null, null, null, 'LISTEN'],
			['zeebsd', 'sshd', 60028, 3, 'tcp4', '10.0.2.15', 22, '10.0.2.2', 44246, null, null, 'ESTABLISHED'],
			['root', 'syslogd', 572, 6, 'udp6', 'fe80::1%lo0', 514, '*', null, null, null, 'UNCONN'],
			// A datagram server with a client (devd's fd 7): not connected itself, as the text form's '<- [405 7]' reads (text.test.ts).
			['root', 'syslogd', 572, 4, 'dgram', null, null, null, null, '/var/run/log', null, null],
			['root', 'devd', 405, 7, 'dgram', null, null, null, null, null, '/var/run/logpriv', 'ESTABLISHED'],
			['root', 'devd', 405, 5, 'seqpacket', null, null, null, null, '/var/run/devd.seqpacket.pipe', null, null],
			['?', null, null, null, 'tcp4', '*', 895, '*', null, null, null, 'LISTEN'],
		]);
		// So -l shows syslogd's /var/run/log, as sockstat -l does.
		expect(isListening(sockets[4]!)).toBe(true);
	});

	it('keeps connections of a stream socket with a path (an accepted one, its client unnamed) connected', () => {
		const {sockets} = parseSockstatJson(
			'{"sockstat":{"socket":[{"user":"root","command":"devd","pid":405,"fd":9,"proto":"stream","local":{"path":"/var/run/devd.pipe"},"foreign":{"connections":[{"pid":1,"fd":2}]}},' +
				'{"user":"root","command":"a","pid":7,"fd":3,"proto":"dgram","foreign":{"connections":[{"pid":7,"fd":4}]}}]}}',
		);
		expect(sockets.map(socket => [socket.proto, socket.path, socket.state])).toEqual([
			['stream', '/var/run/devd.pipe', 'ESTABLISHED'],
			// An unnamed datagram socket with a peer: one end of a socketpair.
			['dgram', null, 'ESTABLISHED'],
		]);
	});

	it('names a stream peer without a path by its holder (the text\'s -> [pid fd]), from the other rows where they hold its PID', () => {
		const entry = (command: string, pid: number, fd: number, proto: string, foreign: string) =>
			`{"user":"root","command":"${command}","pid":${pid},"fd":${fd},"proto":"${proto}","local":{"path":"/var/run/app.sock"},"foreign":${foreign}}`;
		const {sockets} = parseSockstatJson(
			`{"__version": "1", "sockstat": {"socket": [${[
				entry('sshd', 922, 8, 'stream', '{"connections":[{"pid":1204,"fd":3}]}'),
				entry('python3.11', 1204, 3, 'stream', '{"path":"/var/run/app.sock"}'),
				entry('Xorg', 810, 9, 'seqpac', '{"connections":[{"pid":4242,"fd":7}]}'),
				// A bound datagram socket's list is who connected to it (the text's '<- [1204 4]'): a server, no peer.
				entry('syslogd', 572, 4, 'dgram', '{"connections":[{"pid":1204,"fd":4}]}'),
			].join(', ')}]}}`,
		);
		expect(sockets.map(socket => formatForeign(socket))).toEqual(['-> python3.11[1204]', '-> /var/run/app.sock', '-> [4242 7]', '(not connected)']);
	});

	it('accepts numbers written as strings, as older libxo versions do', () => {
		const {sockets} = parseSockstatJson(
			'{"sockstat":{"socket":[{"user":"1001","command":"nc","pid":"77","fd":"3","proto":"tcp46","local":{"address":"*","port":"8000"},"foreign":{"address":"*","port":"0"}}]}}',
		);
		expect(sockets[0]).toMatchObject({user: '1001', uid: 1001, pid: 77, fd: 3, proto: 'tcp6', localPort: 8000, state: null});
		// tcp46: it takes IPv4 too, so it is not IPv6-only.
		expect(sockets[0]?.isV6Only).toBe(false);
	});

	it('declines text that is not sockstat\'s JSON at all: not its format, so no problem of its own', () => {
		for (const other of ['USER COMMAND', 'Netid State Recv-Q', '{"foo": 1}', '[1, 2]']) {
			expect(parseSockstatJson(other)).toEqual({sockets: [], malformedLines: 1});
		}

		expect(parseSockstatJson(' \n')).toEqual({sockets: [], malformedLines: 0});
	});

	it('counts broken JSON, wrong shapes and bad ports without throwing', () => {
		expect(parseSockstatJson('{"sockstat": USER COMMAND')).toMatchObject({sockets: [], malformedLines: 1, problem: expect.stringMatching(/^it is not valid JSON( \(at character \d+\))?: expected the output of sockstat --libxo json$/)});
		expect(parseSockstatJson('{"sockstat": {"socket": "x"}}')).toMatchObject({sockets: [], malformedLines: 1, problem: 'the JSON has no sockstat.socket list: expected the output of sockstat --libxo json'});
		expect(parseSockstatJson(constructed.slice(0, 200))).toMatchObject({sockets: [], malformedLines: 1, problem: 'the JSON stops before its end (cut short?): expected the output of sockstat --libxo json'});
		const {sockets, malformedLines} = parseSockstatJson(
			'{"sockstat":{"socket":[null, 3, {"proto":"tcp4","local":{"address":"*","port":70000}}, {"proto":"udp4","local":{"address":"*","port":-1}}]}}',
		);
		expect(sockets).toEqual([]);
		expect(malformedLines).toBe(4);
	});
});

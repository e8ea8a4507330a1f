import {describe, expect, it} from 'vitest';
import type {Socket} from '../../source/model/types.js';
import {explainSocket, listeningKey} from '../../source/services/explain.js';
import {ephemeralNote} from '../../source/services/ephemeral-note.js';
import {createStaticServiceTable, ephemeralSettingOf} from '../../source/services/index.js';
import type {PortRange} from '../../source/options.js';
import {socket} from './helpers.js';

const services = createStaticServiceTable([{name: 'https', port: 443, protocol: 'tcp', aliases: [], comment: null, source: '/etc/services'}]);
const linuxRange: PortRange = [32_768, 60_999];

/** The note for `fields`, explained as the PID view explains it. */
function noteOf(fields: Partial<Socket>, ephemeral: PortRange | null = linuxRange, listening: readonly string[] = [], setting: string | null = 'net.ipv4.ip_local_port_range'): string | null {
	const each = socket({proto: 'tcp4', localAddress: '10.0.0.5', state: 'ESTABLISHED', command: 'curl', ...fields});
	const hints = {services, ephemeral, listening: new Set(listening)};
	const {local, foreign} = explainSocket(each, hints);
	return ephemeralNote(each, local, foreign, hints, setting);
}

describe('ephemeralNote: what "ephemeral" means, for the port a sentence calls so', () => {
	it('says the kernel picked an outgoing connection\'s local port from this system\'s range, and where the range is set', () => {
		expect(noteOf({localPort: 41_276, foreignAddress: '93.184.216.34', foreignPort: 443})).toBe(
			'41276: an ephemeral port, most likely picked by the kernel for this connection from 32768-60999 (net.ipv4.ip_local_port_range), unless the program bound it; no service is named for it',
		);
		// A range given with --ephemeral (a FreeBSD capture's of 2001) is not this system's setting.
		expect(noteOf({localPort: 4472, foreignAddress: '209.225.2.218', foreignPort: 443}, [1024, 5000], [], null)).toBe(
			'4472: an ephemeral port, most likely picked by the kernel for this connection from 1024-5000, unless the program bound it; no service is named for it',
		);
	});

	it('does not claim the kernel picked a port in the range: the program may have bound it', () => {
		// socat TCP:host:443,sourceport=45999 looks the same as a port the kernel picked.
		expect(noteOf({localPort: 45_999, foreignAddress: '93.184.216.34', foreignPort: 443}, linuxRange, [], null)).toBe(
			'45999: an ephemeral port, most likely picked by the kernel for this connection from 32768-60999, unless the program bound it; no service is named for it',
		);
	});

	it('hedges a capture\'s client port, whose system\'s range is not known', () => {
		expect(noteOf({localPort: 41_276, foreignAddress: '93.184.216.34', foreignPort: 443}, null)).toBe(
			'41276: most likely an ephemeral port, picked by the kernel for this connection (the capture does not say from which range); no service is named for it',
		);
	});

	it('says an accepted connection\'s client port was most likely picked by the client\'s kernel', () => {
		expect(noteOf({localPort: 22, foreignAddress: '203.0.113.9', foreignPort: 50_022}, linuxRange, [listeningKey('tcp4', 22)])).toBe(
			"50022: an ephemeral port, most likely picked by the client's kernel from its range (here 32768-60999, net.ipv4.ip_local_port_range); no service is named for it",
		);
	});

	it('does not cite this range for a client port outside it: the client\'s kernel picked it from another', () => {
		expect(noteOf({localPort: 22, foreignAddress: '203.0.113.9', foreignPort: 50_022}, [20_000, 29_999], [listeningKey('tcp4', 22)])).toBe(
			"50022: an ephemeral port, most likely picked by the client's kernel from a range other than this machine's (20000-29999, net.ipv4.ip_local_port_range): the client is on another machine or in another network namespace; no service is named for it",
		);
		// A server in another network namespace has that namespace's range.
		expect(noteOf({localPort: 8080, foreignAddress: '10.77.0.1', foreignPort: 45_674, netns: 'uatctr-a'}, [50_000, 51_000], [listeningKey('tcp4', 8080)])).toBe(
			"45674: an ephemeral port, most likely picked by the client's kernel from a range other than network namespace uatctr-a's (50000-51000, net.ipv4.ip_local_port_range): the client is on another machine or in another network namespace; no service is named for it",
		);
	});

	it('speaks of the server\'s port as the server\'s when this socket is the client', () => {
		// socat from 1023 (privileged, its own choice) to a socat listening on 127.0.0.1:47002, in the range.
		const client = {localAddress: '127.0.0.1', localPort: 1023, foreignAddress: '127.0.0.1', foreignPort: 47_002, command: 'socat'};
		expect(noteOf(client, linuxRange, [listeningKey('tcp4', 47_002)])).toBe(
			"47002: the server's port, in the ephemeral range 32768-60999 (net.ipv4.ip_local_port_range), but bound by the server (its choice, or a bind to port 0), not picked for this connection; no service is named for it",
		);
		// The listener's end of the same connection: 1023 is the client's port, privileged, no ephemeral note about it.
		const accepted = {...client, localPort: 47_002, foreignPort: 1023};
		expect(noteOf(accepted, linuxRange, [listeningKey('tcp4', 47_002)])).toMatch(/^47002: in the ephemeral range /);
	});

	it('says an unnamed listener\'s port in the range is where the kernel picks ports', () => {
		expect(noteOf({localAddress: '127.0.0.1', localPort: 41_000, state: 'LISTEN'})).toBe(
			'41000: in the ephemeral range 32768-60999 (net.ipv4.ip_local_port_range), where the kernel picks ports for outgoing connections and for binds to port 0; no service is named for it',
		);
	});

	it('names the setting only for a range read from this system', () => {
		const given = {ephemeral: [1024, 5000] as const, importFile: null};
		expect(ephemeralSettingOf({ephemeral: null, importFile: null}, 'linux')).toBe('net.ipv4.ip_local_port_range');
		expect(ephemeralSettingOf({ephemeral: null, importFile: null}, 'freebsd')).toBe('net.inet.ip.portrange.first/last');
		expect(ephemeralSettingOf(given, 'linux')).toBeNull();
		expect(ephemeralSettingOf({ephemeral: null, importFile: 'capture.txt'}, 'linux')).toBeNull();
		expect(ephemeralSettingOf({ephemeral: null, importFile: null}, 'openbsd')).toBeNull();
	});

	it('says nothing when no end is ephemeral', () => {
		expect(noteOf({localPort: 22, state: 'LISTEN', localAddress: '*'})).toBeNull();
		// A client that bound its own port below the range.
		expect(noteOf({localPort: 2000, foreignAddress: '93.184.216.34', foreignPort: 443}, linuxRange, [])).toBeNull();
		expect(noteOf({proto: 'stream', localPort: null})).toBeNull();
	});
});

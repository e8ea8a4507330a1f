import {describe, expect, it} from 'vitest';
import {explainSocket, listeningKey, toldDirection} from '../../source/services/explain.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {socket} from './helpers.js';

describe('explainSocket: an accepted connection whose both ports have a listener here', () => {
	// Listeners on 8080 and 40000; 127.0.0.1:8080 <-> 127.0.0.1:40000. The listeners tell nothing (the
	// peer is here, and a socket may dial out from a listener's port), so the ephemeral range decides.
	const listening = new Set([listeningKey('tcp4', 8080), listeningKey('tcp4', 40_000)]);
	const held = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 8080, foreignAddress: '127.0.0.1', foreignPort: 40_000, state: 'ESTABLISHED', command: 'node'});
	const sentence = explainSocket(held, {services: createStaticServiceTable([]), ephemeral: [32_768, 60_999], listening}).sentence;

	it('does not say no listener on its port was found', () => {
		expect(sentence).toMatch(/^node most likely accepted a connection on port 8080 /);
		expect(sentence).not.toContain('no listener');
		expect(sentence).toMatch(/, told by its ports alone: both its ports have a listener on this host, so the listeners do not tell which end is the server$/);
	});
});

describe('toldDirection: whether the local port has a listener here, which the sentence of a connection most likely accepted reads', () => {
	const connection = socket({proto: 'tcp4', localAddress: '127.0.0.1', localPort: 8080, foreignAddress: '127.0.0.1', foreignPort: 40_000, state: 'ESTABLISHED'});
	const hints = (ports: number[]) => ({ephemeral: [32_768, 60_999] as const, listening: new Set(ports.map(port => listeningKey('tcp4', port)))});

	it('is true where a listener tells it, and where both ports have one and the ports alone tell', () => {
		expect(toldDirection(connection, hints([8080]))).toEqual({direction: 'incoming', basis: 'listener', isLocalListened: true});
		expect(toldDirection(connection, hints([8080, 40_000]))).toEqual({direction: 'incoming', basis: 'range', isLocalListened: true});
	});

	it('is false where no port has a listener, or only the foreign one', () => {
		expect(toldDirection(connection, hints([]))).toEqual({direction: 'incoming', basis: 'range', isLocalListened: false});
		expect(toldDirection(connection, hints([40_000]))).toEqual({direction: 'outgoing', basis: 'listener', isLocalListened: false});
	});
});

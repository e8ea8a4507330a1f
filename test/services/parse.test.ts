import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {indexServices, parseServices} from '../../source/services/parse.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/services/${name}`, import.meta.url), 'utf8');
const lineCount = (text: string) => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

describe('parseServices on Debian netbase 6.4', () => {
	const text = fixture('debian-services');
	const parsed = parseServices(text, '/etc/services');
	const index = indexServices(parsed.entries);

	it('accounts for every line: entries, blanks and comments, none malformed', () => {
		expect(parsed.malformedLines).toEqual([]);
		expect(parsed.entries.length + parsed.blankLines + parsed.commentLines).toBe(lineCount(text));
		expect(parsed.entries.length).toBe(318);
	});

	it('reads name, aliases and the trailing comment as written', () => {
		expect(index.get('80/tcp')).toEqual({
			name: 'http',
			port: 80,
			protocol: 'tcp',
			aliases: ['www'],
			comment: 'WorldWideWeb HTTP',
			source: '/etc/services',
		});
		expect(index.get('22/tcp')?.comment).toBe('SSH Remote Login Protocol');
		expect(index.get('88/udp')?.aliases).toEqual(['kerberos5', 'krb5', 'kerberos-sec']);
	});

	it('does not give a group heading to the entries under it', () => {
		// '# UNIX specific services' stands above exec; exec has no comment of its own.
		expect(index.get('512/tcp')).toMatchObject({name: 'exec', comment: null});
	});

	it('keeps tcp and udp entries of one port apart', () => {
		expect(index.get('512/tcp')?.name).toBe('exec');
		expect(index.get('512/udp')).toMatchObject({name: 'biff', aliases: ['comsat']});
		expect(index.get('514/tcp')?.name).toBe('shell');
		expect(index.get('514/udp')?.name).toBe('syslog');
	});

	it('keeps entries of other protocols (sctp, ddp) under their own keys', () => {
		expect(index.get('5672/sctp')?.name).toBe('amqp');
		expect(index.get('1/ddp')?.name).toBe('rtmp');
	});
});

describe('parseServices on FreeBSD etc/services', () => {
	const text = fixture('freebsd-services');
	const parsed = parseServices(text, 'freebsd');
	const index = indexServices(parsed.entries);

	it('accounts for every line', () => {
		expect(parsed.malformedLines).toEqual([]);
		expect(parsed.entries.length + parsed.blankLines + parsed.commentLines).toBe(lineCount(text));
		expect(parsed.entries.length).toBe(1961);
	});

	it('takes names containing a slash and ports after leading blanks', () => {
		expect(index.get('172/tcp')?.name).toBe('cl/1');
		expect(index.get('211/udp')?.name).toBe('914c/g');
		expect(index.get('1/tcp')?.name).toBe('tcpmux');
	});

	it('keeps a second # inside the comment as written', () => {
		expect(index.get('88/tcp')).toMatchObject({name: 'kerberos-sec', aliases: ['kerberos'], comment: 'krb5 # Kerberos (v5)'});
	});

	it('joins a comment continued on the following lines', () => {
		expect(index.get('512/tcp')?.comment).toBe(
			'remote process execution; authentication performed using passwords and UNIX login names',
		);
		expect(index.get('512/udp')?.comment).toBe(
			'used by mail system to notify users of new mail received; currently receives messages only from processes on the same machine',
		);
	});

	it('does not take commented-out entries as continuations or entries', () => {
		// '#\t\t 35/tcp\t   any private printer server' follows dsp 33/udp's comment.
		expect(index.get('33/udp')?.comment).toBe('Display Support Protocol');
		expect(index.has('24/tcp')).toBe(false);
		// '#\t\t283-307    unassigned' follows cableport-ax's comment.
		expect(index.get('282/udp')?.comment).toBe('cable port a/x');
	});

	it('returns the first of two entries for one key, as getservbyport does', () => {
		// '#PROBLEMS!' pairs: mdqs and doom both claim 666/tcp.
		expect(index.get('666/tcp')?.name).toBe('mdqs');
		expect(parsed.entries.filter(entry => entry.port === 666 && entry.protocol === 'tcp')).toHaveLength(2);
	});

	it('reads the article-era entries the 2001 sockstat rows need', () => {
		expect(index.get('6000/tcp')?.comment).toBe('6000-6063 are assigned to X Window System');
		expect(index.get('587/tcp')).toMatchObject({name: 'submission', comment: null});
		expect(index.get('8668/divert')?.name).toBe('natd');
	});
});

describe('parseServices on garbage', () => {
	it('counts malformed lines by number and keeps the good ones', () => {
		const text = [
			'ssh 22/tcp # fine',
			'80/tcp',
			'nameonly',
			'bad 22',
			'bad 22/',
			'bad /tcp',
			'bad 70000/tcp',
			'bad -1/tcp',
			'bad 1e3/tcp',
			'bad 22/tcp/x',
			'\u0000\u0001\u00ff binary',
			'   ',
			'\t# indented comment',
			'crlf 25/tcp mail # Simple Mail\r',
			'esc 99/tcp # \u001b]0;pwned\u0007',
		].join('\n');
		const parsed = parseServices(text, 'x');
		expect(parsed.malformedLines).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
		expect(parsed.blankLines).toBe(1);
		expect(parsed.commentLines).toBe(1);
		expect(parsed.entries.map(entry => entry.name)).toEqual(['ssh', 'crlf', 'esc']);
		expect(parsed.entries[1]).toMatchObject({port: 25, aliases: ['mail'], comment: 'Simple Mail'});
		// Raw: the view sanitizes; the parser must not hide what the file says.
		expect(parsed.entries[2]?.comment).toBe('\u001b]0;pwned\u0007');
	});

	it('takes empty text and text without a final newline', () => {
		expect(parseServices('', 'x')).toEqual({entries: [], blankLines: 0, commentLines: 0, malformedLines: []});
		expect(parseServices('a 1/tcp', 'x').entries).toHaveLength(1);
	});

	it('never throws and accounts for every line of any text', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 400}), text => {
				const parsed = parseServices(text, 'x');
				const total = parsed.entries.length + parsed.blankLines + parsed.commentLines + parsed.malformedLines.length;
				expect(total).toBe(lineCount(text));
				for (const entry of parsed.entries) {
					expect(entry.port).toBeGreaterThanOrEqual(0);
					expect(entry.port).toBeLessThanOrEqual(65_535);
				}
			}),
			{numRuns: 300},
		);
	});
});

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {UserError} from '../../source/collect/collector.js';
import {detectFormat, FORMATS} from '../../source/collect/import/detect.js';
import {parsePort, splitEndpoint} from '../../source/collect/import/endpoint.js';
import {importSnapshot} from '../../source/collect/import/index.js';
import {parseNetstat} from '../../source/collect/import/netstat.js';
import {parseSs} from '../../source/collect/import/ss.js';
import {parseLsofFields} from '../../source/collect/lsof/fields.js';
import {parseLsofPlain} from '../../source/collect/lsof/plain.js';
import {lsofProcessDetail} from '../../source/collect/lsof/process.js';
import {parseLsofF} from '../../source/collect/lsof/sockets.js';
import {parseSockstatJson} from '../../source/collect/sockstat/json.js';
import {parseSockstatText} from '../../source/collect/sockstat/text.js';
import {FD_TYPES} from '../../source/model/process.js';
import {parseServices} from '../../source/services/parse.js';
import {RUNS, ensure, expectCount, expectFiniteNumbers, expectSaneSocket, fixtureTexts, inputsLike} from './arbitraries.js';

/**
 * The parsers of other tools' output (lsof, sockstat, ss, netstat, services
 * files, and --import's detection in front of them) survive random, truncated
 * and corrupted input: no exception, only sane sockets, non-negative counts.
 */
type ParseResult = {readonly sockets: ReadonlyArray<Record<string, unknown>>; readonly malformedLines: number};

function expectSaneResult(result: ParseResult): void {
	expectCount(result.malformedLines);
	for (const socket of result.sockets) {
		expectSaneSocket(socket);
	}
}

const allCaptures = ['lsof', 'sockstat', 'ss', 'netstat'].flatMap(folder => fixtureTexts(folder));

describe.each([
	['lsof -F', parseLsofF, fixtureTexts('lsof', /-F/)],
	['lsof -i -n -P', parseLsofPlain, fixtureTexts('lsof')],
	['sockstat', parseSockstatText, fixtureTexts('sockstat', /\.txt$/)],
	['sockstat --libxo json', parseSockstatJson, fixtureTexts('sockstat')],
	['ss', parseSs, fixtureTexts('ss')],
	['netstat', parseNetstat, fixtureTexts('netstat')],
] as const)('%s', (_name, parse, samples) => {
	it('turns any text into sane sockets and a count of malformed lines', () => {
		fc.assert(
			fc.property(inputsLike(samples), text => {
				expectSaneResult(parse(text));
			}),
			RUNS,
		);
	});

	it('survives other tools\' output too', () => {
		fc.assert(
			fc.property(inputsLike(allCaptures), text => {
				expectSaneResult(parse(text));
			}),
			{numRuns: 500},
		);
	});
});

describe('lsof fields and the lsof PID view', () => {
	it('groups fields into processes with positive PIDs', () => {
		fc.assert(
			fc.property(inputsLike(fixtureTexts('lsof', /-F/)), text => {
				const fields = parseLsofFields(text);
				expectCount(fields.malformedLines);
				for (const process of fields.processes) {
					ensure(Number.isSafeInteger(process.pid) && process.pid > 0, () => `pid ${process.pid}`);
				}

				const detail = lsofProcessDetail(text, 1, 0, null, true);
				expectFiniteNumbers(detail);
				for (const descriptor of detail.fds) {
					ensure(FD_TYPES.includes(descriptor.type), () => `type ${descriptor.type}`);
					ensure(descriptor.fd !== null && Number.isSafeInteger(descriptor.fd) && descriptor.fd >= 0, () => `fd ${descriptor.fd}`);
					if (descriptor.socket !== null) {
						expectSaneSocket(descriptor.socket);
					}
				}
			}),
			RUNS,
		);
	});
});

describe('--import', () => {
	it('either recognises a capture and returns sane sockets or says which formats it reads', () => {
		fc.assert(
			fc.property(inputsLike(allCaptures), text => {
				let snapshot;
				try {
					snapshot = importSnapshot(text, 'capture.txt');
				} catch (error) {
					// The one expected failure: a one-line message for the user, never a crash.
					expect(error).toBeInstanceOf(UserError);
					expect((error as Error).message).not.toContain('\n');
					return;
				}

				expect(FORMATS.map(format => format.id)).toContain(detectFormat(text.replace(/^\uFEFF/, '')));
				expectCount(snapshot.skipped.malformedLines);
				for (const socket of snapshot.sockets) {
					expectSaneSocket(socket);
				}
			}),
			RUNS,
		);
	});

	it('reads endpoints and ports to sane values or says it cannot', () => {
		const endpoints = fc.oneof(
			inputsLike(['127.0.0.1:22', '[::1]:8080', '*:*', '*.53', 'fe80::1%eth0.123', '0.0.0.0:65535', '[::]:0']),
			fc.tuple(fc.ipV4(), fc.integer({min: -5, max: 70_000})).map(([address, port]) => `${address}:${port}`),
			fc.tuple(fc.ipV6(), fc.integer({min: -5, max: 70_000})).map(([address, port]) => `[${address}]:${port}`),
		);
		fc.assert(
			fc.property(endpoints, fc.constantFrom(':' as const, '.' as const), (text, separator) => {
				const endpoint = splitEndpoint(text, separator);
				if (endpoint !== null) {
					expect(typeof endpoint.address).toBe('string');
					expect(endpoint.port === null || (Number.isInteger(endpoint.port) && endpoint.port >= 0 && endpoint.port <= 65_535)).toBe(true);
				}

				const port = parsePort(text);
				expect(port === undefined || port === null || (Number.isInteger(port) && port > 0 && port <= 65_535)).toBe(true);
			}),
			RUNS,
		);
	});
});

describe('services files', () => {
	it('give entries with a name, a port 0-65535 and a protocol, and valid line numbers', () => {
		// Windows of 150 lines: the FreeBSD file is 72 KB, and damaging it whole thousands of times is slow.
		const samples = fixtureTexts('services').flatMap(text => {
			const lines = text.split('\n');
			return Array.from({length: Math.ceil(lines.length / 150)}, (_, index) => lines.slice(index * 150, (index + 1) * 150).join('\n'));
		});
		fc.assert(
			fc.property(inputsLike(samples), text => {
				const parsed = parseServices(text, '/etc/services');
				expectCount(parsed.blankLines);
				expectCount(parsed.commentLines);
				const lineCount = text.split('\n').length;
				for (const line of parsed.malformedLines) {
					ensure(Number.isInteger(line) && line >= 1 && line <= lineCount, () => `malformed line ${line} of ${lineCount}`);
				}

				for (const entry of parsed.entries) {
					const isSane = entry.name.length > 0 && Number.isInteger(entry.port) && entry.port >= 0 && entry.port <= 65_535 && entry.protocol.length > 0 && entry.aliases.every(alias => alias.length > 0);
					ensure(isSane, () => JSON.stringify(entry));
				}
			}),
			RUNS,
		);
	});
});

import {parseLsofPlain, looksLikeLsofPlain} from '../lsof/plain.js';
import {parseLsofF} from '../lsof/sockets.js';
import {looksLikeSockstatJson, parseSockstatJson} from '../sockstat/json.js';
import {looksLikeSockstat, parseSockstatText} from '../sockstat/text.js';
import {looksLikeNetstat, parseNetstat} from './netstat.js';
import type {IpProtocolNumbers} from '../../services/ip-protocols.js';
import type {PortNames} from '../../services/names.js';
import type {ParseResult, Parser} from './socket-row.js';
import {looksLikeSs, parseSs} from './ss.js';

/** Every capture format --import reads, with the command that produces it. */
const formatIds = ['sockstat', 'sockstat-json', 'lsof-F', 'lsof', 'ss', 'netstat'] as const;
export type FormatId = (typeof formatIds)[number];

export const FORMATS: ReadonlyArray<{readonly id: FormatId; readonly command: string; readonly parse: Parser}> = [
	{id: 'sockstat', command: 'sockstat', parse: parseSockstatText},
	{id: 'sockstat-json', command: 'sockstat --libxo json', parse: parseSockstatJson},
	{id: 'lsof-F', command: 'lsof -F', parse: parseLsofF},
	{id: 'lsof', command: 'lsof -i -n -P', parse: parseLsofPlain},
	{id: 'ss', command: 'ss -tunap', parse: parseSs},
	{id: 'netstat', command: 'netstat -tunap', parse: parseNetstat},
];

/** One line naming every understood format, for the error message. */
export const understoodFormats = FORMATS.map(format => format.command).join(', ');

/** The first non-empty line, enough to recognise a field stream (found without splitting a 100 MB text). */
const firstLine = (text: string): string => /[^\r\n]*\S[^\r\n]*/.exec(text)?.[0].trim() ?? '';

/**
 * lsof -F starts with its first process record: `p1234` alone on the line, or with
 * `-F0` followed by a NUL (`p1234\0cnode\0...`). A NUL elsewhere (a damaged ss or
 * netstat capture, random bytes) says nothing about the format.
 */
const isLsofFields = (first: string): boolean => /^p\d+(\0|$)/.test(first);

/** Lines a headerless capture is judged on: plenty to tell the formats apart. */
const SAMPLE_LINES = 2000;

/** The text up to the end of its `count`th line. */
function firstLines(text: string, count: number): string {
	let end = -1;
	for (let line = 0; line < count; line++) {
		end = text.indexOf('\n', end + 1);
		if (end === -1) return text;
	}

	return text.slice(0, end + 1);
}

/**
 * Which format the text is. Headers decide first (each tool's header is
 * distinctive); a capture without one (ss -H, sockstat -q, grep output) is
 * given to every parser and the one that understands the most of its first
 * 2,000 lines wins.
 * null when no parser finds a single socket nor knows the text for its own format that it
 * cannot read (ss without its State column, lsof -F without its type fields), which is said.
 */
export function detectFormat(text: string, ports?: PortNames, ipProtocols?: IpProtocolNumbers): FormatId | null {
	if (looksLikeSockstatJson(text)) {
		return 'sockstat-json';
	}

	if (isLsofFields(firstLine(text))) {
		return 'lsof-F';
	}

	const byHeader: Array<[FormatId, (text: string) => boolean]> = [
		['sockstat', looksLikeSockstat],
		['lsof', looksLikeLsofPlain],
		['netstat', looksLikeNetstat],
		['ss', looksLikeSs],
	];
	const headed = byHeader.find(([, looksLike]) => looksLike(text));
	if (headed !== undefined) {
		return headed[0];
	}

	// Scored on the first lines only: six parsers over a whole 250 MB capture took 51 s and 3 GB.
	const sample = firstLines(text, SAMPLE_LINES);
	let best: {id: FormatId; score: number} | null = null;
	// A capture a parser knows but cannot read (`ss -Htn state established`: no State column), to
	// say why. Each parser says a problem only of its own format, and declines other text.
	let known: FormatId | null = null;
	for (const format of FORMATS) {
		const result: ParseResult = format.parse(sample, ports, ipProtocols);
		const score = result.sockets.length - result.malformedLines;
		if (result.sockets.length > 0 && (best === null || score > best.score)) {
			best = {id: format.id, score};
		}

		if (result.problem !== undefined) known ??= format.id;
	}

	return best?.id ?? known;
}

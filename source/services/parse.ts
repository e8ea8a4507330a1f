import type {ServiceEntry} from './types.js';

/** What a services(5) file held: its entries in file order, and what was skipped. */
export type ParsedServices = {
	readonly entries: readonly ServiceEntry[];
	/** Empty or whitespace-only lines. */
	readonly blankLines: number;
	/** Lines holding only a comment (including commented-out entries such as FreeBSD's `#\t\t 24/tcp`). */
	readonly commentLines: number;
	/** 1-based numbers of lines that have text but no valid `name port/proto`. */
	readonly malformedLines: readonly number[];
};

// `name port/proto`: glibc (nss_files) and FreeBSD's getservent take the first two fields
// this way; the name may itself hold a slash (FreeBSD's `cl/1 172/tcp`), the port may not.
const portProto = /^(\d{1,5})\/([^\s/]+)$/u;

// FreeBSD continues a long comment on the next lines, indented under it:
//     exec		512/tcp	   #remote process execution;
//     #			   authentication performed using
// A continuation is a '#' then at least two tabs, then text not starting with a digit:
// that keeps out the commented-out entries and ranges ('#\t\t 24/tcp', '#\t\t249-255').
const continuationLine = /^#[ \t]*\t[ \t]*\t[ \t]*([^\s\d].*)$/u;

type Mutable<T> = {-readonly [K in keyof T]: T[K]};

const collapse = (text: string): string => text.replaceAll(/[ \t]+/gu, ' ').trim();

/**
 * Parse services(5) text, e.g. Debian netbase's
 *
 *     http		80/tcp		www		# WorldWideWeb HTTP
 *
 * or FreeBSD's
 *
 *     kerberos-sec	 88/tcp    kerberos	# krb5	# Kerberos (v5)
 *
 * The comment is the text after the line's first `#` (runs of blanks collapsed to one
 * space, since they only align columns), joined with FreeBSD-style continuation lines; a
 * comment on a line of its own above a group of entries (Debian's `# UNIX specific
 * services`) is not any entry's comment. Names, aliases and comments are returned raw:
 * callers sanitize them before drawing.
 *
 * @param source Recorded in each entry, normally the file's path.
 */
export function parseServices(text: string, source: string): ParsedServices {
	const entries: ServiceEntry[] = [];
	const malformedLines: number[] = [];
	let blankLines = 0;
	let commentLines = 0;

	const lines = text.split('\n');
	// A final newline leaves one empty string that is not a line.
	if (lines.at(-1) === '') {
		lines.pop();
	}

	// The entry whose comment the next line may continue (FreeBSD's exec, biff, talk).
	let continued: Mutable<ServiceEntry> | null = null;
	for (const [index, rawLine] of lines.entries()) {
		const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
		const hash = line.indexOf('#');
		const body = hash === -1 ? line : line.slice(0, hash);
		const fields = body.split(/[ \t]+/u).filter(field => field !== '');
		if (fields.length === 0) {
			if (hash === -1) {
				blankLines++;
			} else {
				commentLines++;
				const continuation = continued === null ? null : continuationLine.exec(line);
				if (continued !== null && continuation) {
					continued.comment = `${continued.comment ?? ''} ${collapse(continuation[1]!)}`;
					continue;
				}
			}

			continued = null;
			continue;
		}

		continued = null;
		const [name, spec, ...aliases] = fields;
		const match = spec === undefined ? null : portProto.exec(spec);
		const port = match ? Number(match[1]) : Number.NaN;
		if (name === undefined || !match || port > 65_535) {
			malformedLines.push(index + 1);
			continue;
		}

		const comment = hash === -1 ? '' : collapse(line.slice(hash + 1));
		const entry: Mutable<ServiceEntry> = {
			name,
			port,
			protocol: match[2]!,
			aliases,
			comment: comment === '' ? null : comment,
			source,
		};
		entries.push(entry);
		if (entry.comment !== null) {
			continued = entry;
		}
	}

	return {entries, blankLines, commentLines, malformedLines};
}

/** `80/tcp`: the key services are looked up by. */
export const serviceKey = (port: number, protocol: string): string => `${port}/${protocol}`;

/**
 * Index entries by port and protocol. The first entry for a key wins, as getservbyport(3)
 * returns the first match in file order.
 */
export function indexServices(entries: readonly ServiceEntry[]): ReadonlyMap<string, ServiceEntry> {
	const index = new Map<string, ServiceEntry>();
	// Files comment one line of a pair ('domain 53/tcp # Domain Name Server', then 'domain 53/udp'):
	// an entry without a comment borrows the one of the same name and port in another protocol.
	const comments = new Map<string, string>();
	for (const entry of entries) {
		const key = serviceKey(entry.port, entry.protocol);
		if (!index.has(key)) {
			index.set(key, entry);
		}

		const named = `${entry.port} ${entry.name}`;
		if (entry.comment !== null && !comments.has(named)) comments.set(named, entry.comment);
	}

	for (const [key, entry] of index) {
		const comment = entry.comment === null ? comments.get(`${entry.port} ${entry.name}`) : undefined;
		if (comment !== undefined) index.set(key, {...entry, comment});
	}

	return index;
}

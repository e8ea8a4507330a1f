/**
 * Packet (AF_PACKET) sockets as table rows, from /proc/net/packet (other-sockets.ts parses it;
 * test/fixtures/proc/packet.txt is a capture). As `ss -0` lists them: PROTO p_raw or p_dgr, the
 * interface bound to as the local address ('*' for every interface) and the EtherType received
 * as its "port", no peer, state UNCONN; Recv-Q is the table's Rmem. The table has no send queue.
 */
import {packetEnds} from '../../model/other-socket.js';
import type {RawSocket} from './tables.js';
import {parsePacketLines} from './other-sockets.js';

/**
 * Push a row per packet socket of `text` onto `into`, each interface named by `nameOf` (an index
 * it does not know is written as ss writes it); returns how many lines did not parse.
 */
export function parsePacketRows(text: string, into: RawSocket[], nameOf: (indexes: readonly number[]) => ReadonlyMap<number, string>): number {
	const {lines, malformed} = parsePacketLines(text);
	const names = nameOf(lines.map(line => line.ifindex));
	for (const {type, protocol, ifindex, rmem, uid, inode} of lines) {
		into.push({...packetEnds({type, protocol, ifindex, ifname: names.get(ifindex)}), uid, inode, rxQueue: rmem, txQueue: null});
	}

	return malformed;
}

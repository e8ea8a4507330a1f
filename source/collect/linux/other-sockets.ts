/**
 * Parsers for the socket tables the PID view reads besides inet and unix ones:
 * /proc/net/netlink and /proc/net/packet. Take text, never paths. Lines (kernel 6.x):
 *
 *   sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode
 *   00000000a0122a48 0   25563      00000000 0        0        0     2        0        22612911
 *
 *   sk               RefCnt Type Proto  Iface R Rmem   User   Inode
 *   0000000072a7ba69 3      2    0806   1     1 0      0      22612915
 *
 * Eth is the netlink protocol (NETLINK_ROUTE = 0, ...), Pid its port id; a packet
 * socket's Type is SOCK_RAW (3) or SOCK_DGRAM (2), Proto the EtherType in hex
 * (0003: every protocol), Iface an interface index (0: any). Only bound netlink
 * sockets are listed, so an unbound one stays unknown.
 */
import type {OtherSocket} from '../../model/process.js';

/** Fields of each line after the header, or null for a header or short line. */
function fieldsOf(line: string, count: number): string[] | null {
	const fields = line.trim().split(/\s+/);
	return fields.length < count || !/^[\da-f]+$/i.test(fields[0]!) ? null : fields;
}

const decimal = (text: string | undefined): number | null => (text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : null);

/** Netlink sockets by inode. */
export function parseNetlinkTable(text: string, into = new Map<number, OtherSocket>()): Map<number, OtherSocket> {
	for (const line of text.split('\n')) {
		const fields = fieldsOf(line, 10);
		const protocol = decimal(fields?.[1]);
		const portId = decimal(fields?.[2]);
		const inode = decimal(fields?.[9]);
		if (protocol === null || portId === null || inode === null || inode === 0) continue;
		into.set(inode, {family: 'netlink', protocol, portId});
	}

	return into;
}

/** One line of /proc/net/packet: Type, Proto, Iface, Rmem (bytes queued to read), User and Inode. */
export type PacketLine = {
	readonly type: number;
	readonly protocol: number;
	readonly ifindex: number;
	readonly rmem: number;
	readonly uid: number;
	readonly inode: number;
};

/**
 * Each entry of a /proc/net/packet text (a socket's inode is never 0 there), and how many lines
 * were neither an entry nor the header.
 */
export function parsePacketLines(text: string): {readonly lines: PacketLine[]; readonly malformed: number} {
	const lines: PacketLine[] = [];
	let malformed = 0;
	for (const line of text.split('\n')) {
		if (line.trim() === '' || line.startsWith('sk ')) continue;
		const fields = fieldsOf(line, 9);
		const type = decimal(fields?.[2]);
		const protocol = fields?.[3] !== undefined && /^[\da-f]{1,4}$/i.test(fields[3]) ? Number.parseInt(fields[3], 16) : null;
		const ifindex = decimal(fields?.[4]);
		const rmem = decimal(fields?.[6]);
		const uid = decimal(fields?.[7]);
		const inode = decimal(fields?.[8]);
		if (type === null || protocol === null || ifindex === null || rmem === null || uid === null || inode === null || inode === 0) {
			malformed++;
			continue;
		}

		lines.push({type, protocol, ifindex, rmem, uid, inode});
	}

	return {lines, malformed};
}

/** Packet sockets by inode. */
export function parsePacketTable(text: string, into = new Map<number, OtherSocket>()): Map<number, OtherSocket> {
	for (const {type, protocol, ifindex, inode} of parsePacketLines(text).lines) into.set(inode, {family: 'packet', type, protocol, ifindex});
	return into;
}

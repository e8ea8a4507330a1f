import {sanitize} from '../format/escape.js';
import type {FileDescriptor, OtherSocket, ProcessInfo} from './process.js';
import type {PacketProto, Socket} from './types.js';

/**
 * Names for sockets outside the inet and unix tables (netlink, packet): the
 * kernel's own constants, so the PID view can say what such a socket is for.
 */

/** Netlink protocols (include/uapi/linux/netlink.h) and what a program talks to the kernel about over each. */
const netlinkProtocols: Partial<Record<number, readonly [name: string, about: string]>> = {
	0: ['ROUTE', 'routes, addresses, links and neighbours (what ip(8) uses)'],
	2: ['USERSOCK', 'a protocol of its own in user space'],
	3: ['FIREWALL', 'the old IPv4 firewall queue'],
	4: ['SOCK_DIAG', 'the sockets of the machine (what ss(8) uses)'],
	5: ['NFLOG', 'netfilter packet logging'],
	6: ['XFRM', 'IPsec policies and security associations'],
	7: ['SELINUX', 'SELinux events'],
	8: ['ISCSI', 'iSCSI sessions'],
	9: ['AUDIT', 'the audit system (what auditd uses)'],
	10: ['FIB_LOOKUP', 'routing table lookups'],
	11: ['CONNECTOR', 'kernel connector events, such as processes starting and exiting'],
	12: ['NETFILTER', 'netfilter: nftables rules, connection tracking, packet queues'],
	13: ['IP6_FW', 'the old IPv6 firewall queue'],
	14: ['DNRTMSG', 'DECnet routing'],
	15: ['KOBJECT_UEVENT', 'devices appearing and going (what udev listens to)'],
	16: ['GENERIC', 'a family of generic netlink, such as nl80211 (Wi-Fi), WireGuard or taskstats'],
	18: ['SCSITRANSPORT', 'SCSI transport events'],
	19: ['ECRYPTFS', 'eCryptfs'],
	20: ['RDMA', 'RDMA (InfiniBand) devices'],
	21: ['CRYPTO', 'the kernel crypto API'],
	22: ['SMC', 'SMC sockets'],
};

/** Name and subject of a netlink protocol number, if it is one the kernel defines. */
export const netlinkProtocol = (protocol: number): readonly [name: string, about: string] | undefined => netlinkProtocols[protocol];

/** The number of a netlink protocol by its name (`ROUTE`, as lsof prints it), if the kernel defines one so named. */
export function netlinkProtocolNumber(name: string): number | undefined {
	const found = Object.entries(netlinkProtocols).find(([, known]) => known?.[0] === name);
	return found === undefined ? undefined : Number(found[0]);
}

/**
 * EtherTypes (include/uapi/linux/if_ether.h) a packet socket commonly asks for: the name a sentence
 * gives, and the short one of the table's LOCAL ADDRESS cell (`eth0:arp`): ss -0's (iproute2's
 * ll_proto_n2a), `all` where ss writes `*` for ETH_P_ALL (the interface is what `*` means in that cell).
 */
const etherTypes: Partial<Record<number, readonly [name: string, short: string]>> = {
	0x00_03: ['every protocol', 'all'],
	0x08_00: ['IPv4', 'ip'],
	0x08_06: ['ARP', 'arp'],
	0x81_00: ['802.1Q VLAN', '802.1Q'],
	0x86_dd: ['IPv6', 'ipv6'],
	0x88_8e: ['802.1X (EAPOL)', 'eapol'],
	0x88_cc: ['LLDP', 'lldp'],
};

const etherHex = (protocol: number) => `0x${protocol.toString(16).padStart(4, '0')}`;
/** The table's short name of an EtherType; 0x-hex for the rest, as tcpdump writes one. */
export const etherShortName = (protocol: number) => etherTypes[protocol]?.[1] ?? etherHex(protocol);
export const etherName = (protocol: number) => etherTypes[protocol]?.[0] ?? `EtherType ${etherHex(protocol)}`;
/** 'interface eth0', 'every interface'; null where the backend does not say (lsof). */
export const interfaceName = (ifindex: number | null, ifname?: string): string | null =>
	ifindex === null ? null : ifindex === 0 ? 'every interface' : ifname === undefined ? `interface ${ifindex}` : `interface ${ifname}`;

/** The PID view's TYPE and TARGET cells for a netlink or packet socket. */
export function otherSocketCells(other: OtherSocket): {readonly type: string; readonly target: string} {
	if (other.family === 'netlink') {
		return {type: 'netlink', target: netlinkProtocol(other.protocol)?.[0] ?? `protocol ${other.protocol}`};
	}

	const where = interfaceName(other.ifindex, other.ifname === undefined ? undefined : sanitize(other.ifname));
	return {type: 'packet', target: where === null ? etherName(other.protocol) : `${etherName(other.protocol)}, ${where}`};
}

/** SOCK_RAW in /proc/net/packet's Type column; anything else (SOCK_DGRAM, 2) is cooked, as ss tells them. */
const sockRaw = 3;

/** A packet socket's PROTO by its type, as `ss -0` names it. */
export const packetProto = (type: number): PacketProto => (type === sockRaw ? 'p_raw' : 'p_dgr');

/**
 * A packet socket's LOCAL address: its interface, '*' for every one, and one not named as ss writes
 * it (iproute2's ll_index_to_name: `if3`); null where the backend does not say (lsof).
 */
export const packetInterface = (ifindex: number | null, ifname?: string): string | null =>
	ifindex === null ? null : ifindex === 0 ? '*' : (ifname ?? `if${ifindex}`);

/** What a packet socket's table row says of it beyond its holder and queues: as `ss -0` lists it, no peer, UNCONN. */
export function packetEnds(other: Pick<Extract<OtherSocket, {family: 'packet'}>, 'type' | 'protocol' | 'ifindex' | 'ifname'>) {
	return {
		proto: packetProto(other.type),
		localAddress: packetInterface(other.ifindex, other.ifname),
		localPort: other.protocol,
		foreignAddress: null,
		foreignPort: null,
		path: null,
		peerInode: null,
		peerPath: null,
		state: 'UNCONN',
	} as const satisfies Partial<Socket>;
}

/**
 * The table row of a packet fd of the PID view (whose `other` it is), held by `holder`: what the
 * table's filters judge it by, as they judge the table's own row of it. Null for any other fd.
 */
export function packetRowOf(fd: FileDescriptor, holder: Pick<ProcessInfo, 'user' | 'uid' | 'command' | 'pid'> | null): Socket | null {
	const {other} = fd;
	if (fd.socket !== null || other?.family !== 'packet') return null;
	return {
		...packetEnds(other),
		user: holder?.user ?? '?',
		uid: holder?.uid ?? null,
		command: holder?.command ?? null,
		pid: holder?.pid ?? null,
		fd: fd.fd,
		inode: null,
		rxQueue: null,
		txQueue: null,
		netns: null,
	};
}

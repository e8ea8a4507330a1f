import {etherName, interfaceName, netlinkProtocol} from '../model/other-socket.js';
import type {OtherSocket} from '../model/process.js';
import type {Socket} from '../model/types.js';
import {ipVersion} from '../model/types.js';
import {isWildcard} from '../model/mapped-ipv4.js';
import {foreignAddressPhrase} from './phrases.js';

// The PID view's sentences for sockets without ports: raw (an IP protocol), ping (an echo identifier), netlink and packet.

/** IP protocol numbers raw sockets commonly carry (IANA protocol numbers, not ports). */
const ipProtocols: Partial<Record<number, string>> = {
	1: 'ICMP',
	2: 'IGMP',
	6: 'TCP',
	17: 'UDP',
	58: 'ICMPv6',
	89: 'OSPF',
	112: 'VRRP',
	255: 'IPPROTO_RAW',
};

/**
 * A raw socket's "port" is the IP protocol number it was opened for. It is handed a copy of each
 * incoming packet of that protocol (raw_local_deliver), while the kernel goes on handling the packet
 * itself (a raw ICMP socket does not take ping replies from the kernel, nor a raw UDP one datagrams
 * from UDP sockets). A connected one sends to its peer by default and, as the kernel matches raw
 * sockets (raw_v4_match, raw_v6_match), is handed only the packets that come from it.
 */
export function rawSentence(socket: Socket, actor: string): string {
	const version = ipVersion(socket.proto) === 6 ? 'IPv6' : 'IPv4';
	const number = socket.localPort;
	const protocol =
		number === null
			? 'every IP protocol'
			: `IP protocol ${number}${ipProtocols[number] === undefined ? '' : ` (${ipProtocols[number]})`}`;
	const peer = isWildcard(socket.foreignAddress) ? null : socket.foreignAddress!;
	const connected = peer === null ? '' : ` connected to ${foreignAddressPhrase(peer)}`;
	// raw(7): an IPPROTO_RAW socket is send-only (no packet carries protocol 255 to it).
	if (number === 255) {
		return `${actor} has a raw ${version} socket for ${protocol}${connected}: it only sends whole IP packets it builds itself, header included, and receives nothing (raw(7))`;
	}

	const fromPeer = peer === null ? '' : ` from ${peer}`;
	return `${actor} has a raw ${version} socket for ${protocol}${connected}: it gets a copy of each such packet that arrives${fromPeer} and may send its own, without ports`;
}

/**
 * An ICMP echo socket (SOCK_DGRAM, IPPROTO_ICMP or IPPROTO_ICMPV6): ping without CAP_NET_RAW,
 * for the groups in net.ipv4.ping_group_range (which governs ICMPv6 too). Its "port" is the
 * echo identifier the kernel writes into each request and matches replies by.
 */
export function pingSentence(socket: Socket, actor: string): string {
	// Linux lists some ping sockets alike in /proc/net/icmp and icmp6 (collect/linux/ping-tables.ts).
	const isGuessed = socket.isFamilyGuessed === true;
	const kind = isGuessed ? 'ICMP or ICMPv6' : ipVersion(socket.proto) === 6 ? 'ICMPv6' : 'ICMP';
	const allows = isGuessed
		? 'net.ipv4.ping_group_range allows it; which of the two is not known: /proc/net/icmp and icmp6 list it alike'
		: 'net.ipv4.ping_group_range allows it';
	const from = isWildcard(socket.localAddress) ? '' : ` from ${socket.localAddress}`;
	const to = isWildcard(socket.foreignAddress) ? '' : ` to ${foreignAddressPhrase(socket.foreignAddress!)} only`;
	const identifier =
		socket.localPort === null
			? 'it has no echo identifier yet (the kernel picks one at its first send)'
			: `the kernel matches replies by identifier ${socket.localPort}, the echo id it sends with (not a port)`;
	return `${actor} has a ping socket: an unprivileged ${kind} echo socket (${allows})${from}${to}; ${identifier}`;
}

/** What a netlink or packet socket is for, in the words of the PID view's sentences (no actor, as for files). */
export function otherSocketSentence(other: OtherSocket): string {
	if (other.family === 'netlink') {
		const known = netlinkProtocol(other.protocol);
		return known === undefined
			? `a netlink socket (protocol ${other.protocol}): it talks to the kernel, not over the network`
			: `a netlink socket (${known[0]}): it talks to the kernel about ${known[1]}, not over the network`;
	}

	// SOCK_DGRAM (cooked): frames come without their link-layer header, and the kernel writes it on what is sent.
	const isCooked = other.type === 2;
	const sends = isCooked ? 'frames whose link-layer header the kernel adds' : 'whole link-layer frames it builds itself';
	const where = interfaceName(other.ifindex, other.ifname);
	const on = where === null ? '' : ` on ${where}`;
	// packet(7): with protocol 0 no frames are received, only sent (until a bind names a protocol).
	if (other.protocol === 0) return `a packet socket for protocol 0${on}: it receives no frames (packet(7): none until a bind names a protocol) and may send ${sends}, below IP`;
	// Copies, as a raw socket's: the kernel goes on handling each frame (dev_queue_xmit_nit, deliver_skb).
	const copies = isCooked ? 'without its link-layer header (cooked)' : 'link-layer header included';
	return `a packet socket for ${etherName(other.protocol)}${on}: it gets a copy of each such frame, ${copies}, and may send ${sends}, below IP, as tcpdump and DHCP clients do`;
}

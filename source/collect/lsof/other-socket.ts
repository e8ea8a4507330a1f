import {netlinkProtocolNumber} from '../../model/other-socket.js';
import type {OtherSocket} from '../../model/process.js';
import type {LsofFile} from './fields.js';

/**
 * Linux lsof's netlink and packet sockets as the proc backend reads them (OtherSocket):
 * test/fixtures/lsof/linux-4.95-packet-netlink-pid-E-F0.txt. lsof 4.95 prints a netlink socket
 * as TYPE `netlink`, NAME its protocol's name (`ROUTE`, `KOBJECT_UEVENT`) and its inode in `i`;
 * a packet socket as TYPE `pack`, NAME `type=SOCK_RAW` or `type=SOCK_DGRAM`, its EtherType in
 * the protocol field by lsof's name (`ALL`, `IP`) or in decimal (`34958`), and its inode as the
 * DEVICE (`d`). Neither says the netlink port id or the packet socket's interface.
 */

/** lsof's names (dialects/linux/dsock.c, Packpr) of the EtherTypes other-socket.ts names. */
const etherTypes: Readonly<Record<string, number>> = {ALL: 0x00_03, IP: 0x08_00, ARP: 0x08_06, '8021Q': 0x81_00, IPV6: 0x86_dd};
const socketTypes: Readonly<Record<string, number>> = {'type=SOCK_DGRAM': 2, 'type=SOCK_RAW': 3};

/** A number lsof printed in decimal, or by a name of `names`; undefined for any other. */
const numberOf = (text: string | null, names: (name: string) => number | undefined): number | undefined =>
	text === null ? undefined : /^\d{1,10}$/u.test(text) ? Number(text) : names(text);

/** The socket and its inode (what /proc/PID/fd names it by), or undefined when `file` is neither or lsof's words are not known. */
export function lsofOtherSocket(file: LsofFile): {readonly other: OtherSocket; readonly inode: string | null} | undefined {
	if (file.type === 'netlink') {
		const protocol = numberOf(file.name, netlinkProtocolNumber);
		return protocol === undefined ? undefined : {other: {family: 'netlink', protocol, portId: null}, inode: file.inode};
	}

	if (file.type !== 'pack') return undefined;
	const protocol = numberOf(file.protocol, name => etherTypes[name]);
	const type = socketTypes[file.name ?? ''];
	return protocol === undefined || type === undefined ? undefined : {other: {family: 'packet', type, protocol, ifindex: null}, inode: file.device};
}

/**
 * `--netns NAME` on this machine: does any network namespace have that label
 * now, sockets or not? A snapshot only finds namespaces that hold sockets, so
 * this walks /proc/PID/ns/net itself (one readlink per process), labels each
 * namespace as a snapshot would (labelNamespace), and adds the ones pinned in
 * /run/netns that no process is in. Run once, before the first snapshot.
 *
 * A process whose ns/net link is hidden (another user's without root; PID 1 of
 * some sandboxes even for root) is in a namespace socktop can label only when
 * it is a container (the cgroup file is readable by anyone) or one already
 * known (countHiddenNamespaces); otherwise only its `netns:[INODE]` may be the
 * label asked for, and the answer is "cannot tell". So is every answer when
 * /proc hides other users' processes altogether (hidepid).
 */
import type {NamespaceSearch} from '../collector.js';
import {parseContainerLabel} from './cgroup.js';
import {readProcHidden} from './hidepid.js';
import {countHiddenNamespaces, labelNamespace, namespaceInode, readNamespaceContext, type NamespaceContext} from './netns.js';
import {isFailure, readDirectory, readLink, readText} from './read.js';

/**
 * The inode a namespace is spelled by, as the tools print it: the table's `netns:[4026532202]`,
 * `net:[4026532202]` (readlink /proc/PID/ns/net), `4026532202` (lsns) and `[4026532202]` (the live
 * NETNS column where it is narrow); null for any other label.
 */
export function inodeOfLabel(label: string): number | null {
	const spelled = /^(?:netns:|net:)?\[(\d+)\]$|^(\d+)$/u.exec(label);
	return spelled === null ? null : namespaceInode(`net:[${spelled[1] ?? spelled[2]}]`);
}

/** Every namespace a process is in (by inode, with its first process) and whether some process hid its link. */
export function walkNamespaces(): {members: Map<number, number>; deniedPids: number[]; isProcUnreadable: boolean} {
	const members = new Map<number, number>();
	const deniedPids: number[] = [];
	const entries = readDirectory('/proc');
	if (isFailure(entries)) return {members, deniedPids, isProcUnreadable: true};
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		const pid = Number(entry);
		const link = readLink(`/proc/${pid}/ns/net`);
		if (isFailure(link)) {
			// A process gone since the listing is no namespace of ours to find.
			if (link.kind !== 'gone') deniedPids.push(pid);
			continue;
		}

		const inode = namespaceInode(link);
		if (inode !== null && !members.has(inode)) members.set(inode, pid);
	}

	return {members, deniedPids, isProcUnreadable: false};
}

/** Search every namespace of this machine for `label`; `context` is passed in by tests. */
export function searchNamespaces(label: string, context: NamespaceContext = readNamespaceContext()): NamespaceSearch {
	const {members, deniedPids, isProcUnreadable} = walkNamespaces();
	const inodes = new Set<number>([...members.keys(), ...context.names.keys()]);
	if (context.hostInode !== null) inodes.add(context.hostInode);
	const labels = new Set<string>(['host']);
	for (const inode of inodes) labels.add(labelNamespace(inode, context, members.get(inode)));
	// A pinned name is taken even where a snapshot shows the container label instead (a runtime's UUID).
	const accepted = new Set<string>([...labels, ...context.names.values()]);
	// A name first (`ip netns add 4026532202` is one), then an inode, by the label the table gives that namespace.
	const wanted = accepted.has(label) ? null : inodeOfLabel(label);
	if (wanted !== null && inodes.has(wanted)) return {isFound: true, labels: listed(labels), label: labelNamespace(wanted, context, members.get(wanted))};
	let isFound = accepted.has(label);
	if (!isFound && wanted === null) {
		// A container of a process whose namespace link was hidden from us: its cgroup still names it.
		isFound = deniedPids.some(pid => {
			const cgroup = readText(`/proc/${pid}/cgroup`);
			return !isFailure(cgroup) && parseContainerLabel(cgroup) === label;
		});
	}

	const found = listed(labels);
	if (isFound) return {isFound: true, labels: found};
	const isHidden = wanted !== null && countHiddenNamespaces(deniedPids, new Map([...members].map(([inode, pid]) => [inode, [pid]]))) > 0;
	// A hidden one is looked for by the label the table would give it: unnamed, its inode.
	return {isFound: isHidden || isProcUnreadable || readProcHidden() ? null : false, labels: found, ...(wanted === null ? {} : {label: `netns:[${wanted}]`})};
}

/** The labels found, host first, then the others in text order. */
const listed = (labels: ReadonlySet<string>): string[] => ['host', ...[...labels].filter(label => label !== 'host').sort()];

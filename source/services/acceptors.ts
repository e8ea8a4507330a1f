/**
 * Who calls accept() for a connection waiting in a listener's accept queue, in words. A listener
 * is often held by several processes (systemd with Accept=no and its service, a prefork server's
 * master and workers), of which only some accept: the sentences name the holders known to wait
 * in accept() or an epoll wait on it (ListenerHolder.waitsToAccept), and where none is known, all
 * of them as "one of" its holders, rather than pick one that may never accept.
 */

/** A process holding a listener, as FdPeer and the table's rows give it. */
export type ListenerHolder = {
	readonly command: string | null;
	readonly pid: number;
	/** Whether it waits to accept from the listener now (collect/linux/accept-waiters.ts); null or absent: not known. */
	readonly waitsToAccept?: boolean | null;
};

/** A holder as the no-holder reasons name it: 'sshd (PID 812)'. */
export const byPid = (holder: ListenerHolder): string => `${holder.command ?? '?'} (PID ${holder.pid})`;

/** A holder as the PID view's sentences name it: 'python3[1234]'. */
export const byBracket = (holder: ListenerHolder): string => `${holder.command ?? '?'}[${holder.pid}]`;

/** More PIDs of one command than this are cut to these and '…'. */
const SHOWN_PIDS = 3;

/** Holders by command, in the order given; a process listed twice (two fds) once. */
function byCommand(holders: readonly ListenerHolder[]): ListenerHolder[][] {
	const groups = new Map<string | null, ListenerHolder[]>();
	const seen = new Set<number>();
	for (const holder of holders) {
		if (seen.has(holder.pid)) continue;
		seen.add(holder.pid);
		groups.set(holder.command, [...(groups.get(holder.command) ?? []), holder]);
	}

	return [...groups.values()];
}

/** A group of holders of one command: `name` for one, 'N nginx processes (PIDs 12, 13, 14, …)' for more. */
function groupPhrase(group: readonly ListenerHolder[], name: (holder: ListenerHolder) => string): string {
	if (group.length === 1) return name(group[0]!);
	const pids = group.slice(0, SHOWN_PIDS).map(holder => holder.pid);
	return `${group.length} ${group[0]!.command ?? '?'} processes (PIDs ${pids.join(', ')}${group.length > SHOWN_PIDS ? ', …' : ''})`;
}

/** The number of processes among `holders` (one listed on two fds counts once). */
export const holderCount = (holders: readonly ListenerHolder[]): number => new Set(holders.map(holder => holder.pid)).size;

/**
 * The subject of '… calls accept()' for a listener `holders` hold (at least one): `name` formats a
 * process ('sshd (PID 812)', 'sshd[812]'); `listening`, where given, says where it listens
 * ('listening on port 22'). One holder is named as before ('python3 (PID 700), listening on port
 * 9600,'). Of several, those known to wait are named ('sshd (PID 812), listening on port 22,';
 * 'one of 4 nginx processes (PIDs 12, 13, 14, …)'), then as 'or perhaps …' those socktop could not see
 * into; where none is known to, those not known not to, as 'one of the processes listening on port
 * 22 — systemd (PID 1), sshd (PID 812) —', or every one, saying so, when each is known not to wait
 * now. Raw: callers sanitize.
 */
export function acceptorPhrase(holders: readonly ListenerHolder[], name: (holder: ListenerHolder) => string, listening: string | null): string {
	const where = listening === null ? '' : `, ${listening},`;
	const groups = byCommand(holders);
	if (groups.length === 1 && groups[0]!.length === 1) return `${name(groups[0]![0]!)}${where}`;
	const waiting = byCommand(holders.filter(holder => holder.waitsToAccept === true));
	// Those socktop could not see into may accept too: named after the ones known to wait, as perhaps.
	const unknown = byCommand(holders.filter(holder => holder.waitsToAccept !== true && holder.waitsToAccept !== false));
	const phrase = (group: readonly ListenerHolder[]) => `${group.length === 1 ? '' : 'one of '}${groupPhrase(group, name)}`;
	if (waiting.length > 0) return `${waiting.map(phrase).join(' or ')}${unknown.length === 0 ? '' : ` or perhaps ${unknown.map(phrase).join(' or ')}`}${where}`;
	// None known to wait: those not known to wait elsewhere, or, where every one was read, all of them, saying so.
	const isNoneWaiting = unknown.length === 0;
	const none = isNoneWaiting ? `, none of which waits in accept() or an epoll wait on it now` : '';
	return `one of ${listening === null ? "the listener's holders" : `the processes ${listening}`} — ${(isNoneWaiting ? groups : unknown).map(group => groupPhrase(group, name)).join(', ')}${none} —`;
}

type RowFields = {
	readonly proto: string;
	readonly state: string | null;
	readonly inode: number | null;
	readonly localAddress: string | null;
	readonly localPort: number | null;
	readonly path: string | null;
	readonly netns?: string | null;
	readonly pid: number | null;
	readonly command: string | null;
};

/**
 * The holders of `listener` among a snapshot's rows, which list one row per holder of a socket (as
 * sockstat): the rows of its inode, or where the source gives none (null: sockstat, some captures),
 * of its protocol, address, port or path and namespace. `waiters`: what each holder's PID is known
 * to do (collect/linux/accept-waiters.ts), where asked.
 */
export function rowHolders(listener: RowFields, rows: readonly RowFields[], waiters?: ReadonlyMap<number, boolean | null>): ListenerHolder[] {
	const isSame = (row: RowFields) =>
		listener.inode === null
			? row.inode === null && row.proto === listener.proto && row.localAddress === listener.localAddress && row.localPort === listener.localPort && row.path === listener.path && row.netns === listener.netns
			: row.inode === listener.inode;
	const held = rows.filter(row => row.state === 'LISTEN' && row.pid !== null && isSame(row));
	const all = held.length === 0 && listener.pid !== null ? [listener] : held;
	return all.map(row => ({command: row.command, pid: row.pid!, waitsToAccept: waiters?.get(row.pid!) ?? null}));
}

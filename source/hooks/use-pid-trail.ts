import {useRef, useState} from 'react';
import {formatPeer, hiddenPeerPhrase} from '../model/pid-rows.js';
import {isConnected, isListening} from '../model/filter.js';
import {isConnectionless, isUnixProto, type Socket} from '../model/types.js';
import {sanitize} from '../format/escape.js';
import {aKind, type FdKind} from '../format/fd-sentence.js';
import type {ProcessReads} from './use-process-detail.js';
import {type FdPeer, fdLabel, type FdType, type FileDescriptor} from '../model/process.js';

/** Where a PID view was: its process, selection, scroll and filter, to come back to. */
export type PidPlace = {
	readonly pid: number;
	/** The selected fd (null: a capture's row without one, found by `index`). */
	readonly fd: number | null;
	/** The selected row, for when that fd has closed since. */
	readonly index: number;
	/** The first row shown. */
	readonly offset: number;
	/** The `/` filter's text, kept. */
	readonly filter: string;
	/** The process's start, so that a PID taken by another process since is told apart; null when not known. */
	readonly startToken: string | null;
	/** What the view had read when it was left, shown again at once on coming back; absent: nothing yet. */
	readonly reads?: ProcessReads | null;
};

/** The PID view on screen: a place, and a new `visit` each time the view moves to one. */
export type PidVisit = PidPlace & {readonly visit: number};

type Trail = {readonly root: number; readonly current: PidVisit; readonly earlier: readonly PidPlace[]};

/** The PID views Enter went through, for Esc to come back along them. */
export type PidTrail = {
	readonly current: PidVisit;
	/** How many views Esc comes back through before it leaves. */
	readonly depth: number;
	/** Enter on an fd whose other end is another process: open that process's view, at that fd. */
	readonly follow: (from: PidPlace, to: {readonly pid: number; readonly fd: number | null}) => PidVisit;
	/** Come back to the view before, as it was; null on the first view (Esc then leaves). */
	readonly back: () => PidVisit | null;
};

/**
 * The PID view's small stack of places, as a browser's history: Enter on a peer pushes the
 * place left, Esc pops it. Read and changed through a ref as well as state, so the keys of
 * one chunk ('\r\u001B', Enter then Esc) each see the place the key before left.
 */
export function usePidTrail(pid: number, initialFd: number | null): PidTrail {
	// `pid` and `initialFd`: the first view's, as the table's Enter or --pid N opened it.
	const start = (visit: number): PidVisit => ({pid, fd: initialFd, index: 0, offset: 0, filter: '', startToken: null, visit});
	const [state, setState] = useState<Trail>({root: pid, current: start(0), earlier: []});
	const latest = useRef(state);
	latest.current = state;
	const change = (next: Trail) => {
		latest.current = next;
		setState(next);
		return next.current;
	};

	// The view handed another PID starts a trail of its own.
	if (state.root !== pid) change({root: pid, current: start(state.current.visit + 1), earlier: []});

	const follow = (from: PidPlace, to: {readonly pid: number; readonly fd: number | null}) => {
		const {root, current, earlier} = latest.current;
		return change({root, current: {pid: to.pid, fd: to.fd, index: 0, offset: 0, filter: '', startToken: null, visit: current.visit + 1}, earlier: [...earlier, from]});
	};

	const back = () => {
		const {root, current, earlier} = latest.current;
		const last = earlier.at(-1);
		return last === undefined ? null : change({root, current: {...last, visit: current.visit + 1}, earlier: earlier.slice(0, -1)});
	};

	return {current: state.current, depth: state.earlier.length, follow, back};
}

/** The fds with no other end, by their type: files, not connections. */
const endless: readonly FdKind[] = ['file', 'dir', 'memfd'];

/**
 * The fds that may have an other end socktop does not follow: a terminal's /dev/pts/N has
 * its master held by sshd or tmux, a kernel object (eventfd, pidfd) may be shared.
 */
const unfollowed: readonly FdKind[] = ['char', 'block', 'anon'];

/** `type` said with its article where it is one of `kinds`. */
const kindAmong = (kinds: readonly FdKind[], type: FdType): string | undefined => {
	const kind = kinds.find(each => each === type);
	return kind === undefined ? undefined : aKind(kind);
};

/**
 * The process Enter opens from the selected fd: the other end its FOREIGN / PEER names (the
 * first of its holders), or why there is none to open, said to the user: a file has no other
 * end at all, a socket or pipe one socktop knows no process at.
 */
export function peerToFollow(descriptor: FileDescriptor | undefined, pid: number): FdPeer | string {
	if (descriptor === undefined) return 'Enter opens the PID view of the selected fd\'s peer: no fd is selected.';
	const peer = descriptor.peer ?? null;
	const name = `fd ${fdLabel(descriptor.fd)}`;
	if (peer === null && descriptor.hiddenPeer !== undefined) return `${name}'s other end is ${hiddenPeerPhrase(descriptor.hiddenPeer)}: run as root to see which process holds it.`;
	const kind = kindAmong(endless, descriptor.type);
	if (peer === null && kind !== undefined) return `${name} is ${kind}, not a connection: there is no other end to follow.`;
	const other = kindAmong(unfollowed, descriptor.type);
	if (peer === null && other !== undefined) return `${name} is ${other} (${sanitize(descriptor.target)}): socktop follows sockets and pipes only.`;
	const alone = peer === null && descriptor.socket !== null ? endlessSocket(descriptor.socket) : null;
	if (alone !== null) return `${name} is ${alone}`;
	if (peer === null) return `${name} has no process known at its other end: no PID view to open.`;
	return peer.pid === pid ? `${name}'s other end is ${formatPeer(peer, pid)}: already in this view.` : peer;
}

/**
 * What a socket with no other end at all is, in the words after 'fd N is ', or null when it may
 * have one socktop knows no process at (a connection; a unix socket whose backend gives no state).
 */
function endlessSocket(socket: Socket): string | null {
	if (isConnected(socket)) return null;
	const proto = isUnixProto(socket.proto) ? `unix ${socket.proto}` : socket.proto;
	if (isConnectionless(socket.proto)) {
		return socket.state === null && isUnixProto(socket.proto) ? null : `a ${proto} socket with no peer: it sends to and receives from any address, so there is no other end to follow.`;
	}

	if (isListening(socket)) {
		const waiting = socket.rxQueue === null ? '' : ` (${socket.rxQueue === 0 ? 'none' : socket.rxQueue} waiting to be accepted)`;
		return `a listening socket: it has no other end; each connection it accepts is a new socket${waiting}.`;
	}

	return socket.state === null ? null : `a ${proto} socket neither listening nor connected: it has no other end.`;
}

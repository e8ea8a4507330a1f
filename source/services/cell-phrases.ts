/**
 * How the table writes its cells, in one line each for the `?` help's Cells section
 * (components/cell-lines.ts). Each notation is one the README's "How cells are written"
 * table explains at length (test/docs/readme-keys.test.ts keeps the two together).
 */
export const CELL_MEANINGS: ReadonlyArray<readonly [notation: string, meaning: string]> = [
	['*:22', 'port 22 on every local address (0.0.0.0 or ::)'],
	['*:*', 'no foreign end: a listener, an unconnected UDP socket'],
	['[::1]:8080', 'an IPv6 address, bracketed as ss and URLs write it'],
	['[::ffff:1.2.3.4]', "an IPv4 address on an IPv6 socket (a dual-stack listener's or client's)"],
	['*:id=43294', 'a ping socket (icmp4, icmp6): its echo identifier, not a port'],
	['@name', 'an abstract unix name, which no file holds'],
	['-', 'a unix socket with no bound name'],
	['-> /run/app.sock', "a unix socket's peer, by the peer's bound name"],
	['-> python3[5055]', 'a unix peer without a name, by the process holding it'],
	// Its own row may be there, held by no process: a socket in flight (sent with SCM_RIGHTS, not yet received).
	['-> socket:[9876]', "an unnamed unix peer held by no process socktop can read (another user's; one in flight), by its inode"],
	['-> ?', 'a connected unix socket whose peer is not known'],
	['(not connected)', "a unix socket with no peer, in sockstat's words"],
	['(deleted)', 'a unix listener or dgram receiver whose path no longer reaches it'],
	// Root sees every holder there is: its `?` rows are sockets no process holds; without root, also other users'.
	[
		'?',
		"not known: no process holds it (TIME_WAIT, a connection not accepted yet, an orphaned close, a kernel socket), or socktop may not read the one that does (another user's, when not root); Enter on it says which",
	],
];

/** What the header's Sockets count counts, and the filter line's "showing X of Y", after the cells. */
export const COUNT_MEANING: readonly [notation: string, meaning: string] = [
	'Sockets N',
	'counts sockets, where "showing X of Y" counts rows, one per holder: a socket forked workers share is one socket and several rows',
];

/**
 * How the table writes its cells, in one line each for the `?` help's Cells section
 * (components/cell-lines.ts). Each notation is one the README's "How cells are written"
 * table explains at length (test/docs/readme-keys.test.ts keeps the two together).
 */
export const CELL_MEANINGS: ReadonlyArray<readonly [notation: string, meaning: string]> = [
	['*:22', 'port 22 on every local address (0.0.0.0 or ::)'],
	['*:*', 'no foreign end: a listener, an unconnected UDP socket'],
	['[::1]:8080', 'an IPv6 address, bracketed as ss and URLs write it'],
	['@name', 'an abstract unix name, which no file holds'],
	['-', 'a unix socket with no bound name'],
	['-> /run/app.sock', "a unix socket's peer, by the peer's bound name"],
	['-> python3[5055]', 'a unix peer without a name, by the process holding it'],
	['-> ?', 'a connected unix socket whose peer is not known'],
	['(deleted)', 'a unix listener whose file is gone: no client can connect'],
	['?', "not known: another user's process (run as root to see it), or no process holds it (TIME_WAIT)"],
];

/** What the header's Sockets count counts, and the filter line's "showing X of Y", after the cells. */
export const COUNT_MEANING: readonly [notation: string, meaning: string] = [
	'Sockets N',
	'counts sockets, where "showing X of Y" counts rows, one per holder: a socket forked workers share is one socket and several rows',
];

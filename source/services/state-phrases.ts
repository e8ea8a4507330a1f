import type {SocketState} from '../model/types.js';

/**
 * What each socket state means, who is waiting for whom, in one wording: the PID view's
 * sentences say it after a connection in that state (explain.ts: "(CLOSE_WAIT: the other
 * side has closed; …)"), and the `?` help lists it for the states the table shows (the
 * States section, components/state-lines.ts), one line each at 80 columns.
 */
export const STATE_MEANINGS: Readonly<Partial<Record<SocketState, string>>> = {
	LISTEN: 'a server waits for clients to connect',
	SYN_SENT: 'this end asked to connect and waits for an answer',
	SYN_RECV: 'this end answered a SYN and waits for the final ACK',
	// A connected UDP socket is ESTABLISHED too: connect() only fixed its peer, nothing was exchanged.
	ESTABLISHED: 'connected: both may send (UDP: a fixed peer, no handshake)',
	// Closed, or shut down for writing (shutdown(SHUT_WR), a half-close): either sends a FIN.
	FIN_WAIT1: 'this end is done sending (close or shutdown); waits for an ack',
	FIN_WAIT2: 'this end is done sending (close or shutdown); the other is not',
	// Linux's TCP_TIMEWAIT_LEN (RFC 9293's 2*MSL), for the connection's late segments to die out and its last ACK to be sent again
	// if lost; restarted by a FIN the peer re-sends; a bind() of its port fails meanwhile unless SO_REUSEADDR (services/close-reasons.ts).
	TIME_WAIT: 'this end closed first; 60 s for late packets; bind() may fail',
	CLOSE_WAIT: 'the other side has closed; the program has not closed its end',
	// The other side's FIN came first (LAST_ACK) or crossed this end's (CLOSING); this end closed or shut down too.
	LAST_ACK: 'both are done sending (close or shutdown); waits for an ack',
	CLOSING: 'both are done sending, at once; each waits for an ack',
	CLOSE: 'the connection is over',
	// Not only datagram sockets: a unix stream socket unbound, or bound and not listening, is UNCONN too,
	// and an unbound datagram socket cannot be sent to at all.
	UNCONN: 'no peer and not listening; bound UDP takes what anyone sends',
	// Unix only (SS_CONNECTING): /proc/net/unix shows it for the server's end of a connection still in the accept queue.
	CONNECTING: "unix: the server's end of a connection not accepted yet",
	DISCONNECTING: 'unix: the socket is being disconnected',
};

/** The states the `?` help explains, in a connection's life: those the table shows most. */
export const HELP_STATES = ['LISTEN', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSING', 'UNCONN', 'CONNECTING', 'DISCONNECTING'] as const satisfies readonly SocketState[];

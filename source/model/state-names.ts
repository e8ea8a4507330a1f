import type {SocketState} from './types.js';

/**
 * Every spelling of a socket state, in one table, so that the STATE column's
 * short forms and the `/` filter cannot disagree.
 *
 * The model's own name is the kernel's (include/net/tcp_states.h), as
 * /proc/net, Linux netstat and lsof print it and --json writes it. Besides it:
 * - short: the STATE column's spelling when the column is too narrow for the
 *   name (ss's ESTAB, then the rest in the same style), so that 80 columns fit.
 * - ss: iproute2 ss's, where its rule (the name hyphenated, a last digit set
 *   apart: FIN-WAIT-1, CLOSE-WAIT) does not give it; ss prints TCP's CLOSE as
 *   UNCONN (misc/ss.c sstate_name).
 * - tools: other tools' words, where they differ: FreeBSD sockstat's and
 *   netstat's (netinet/tcp_fsm.h: SYN_RCVD, FIN_WAIT_1, CLOSED), Linux netstat's
 *   LISTENING for a unix listener. Its CONNECTED for a unix connection is left
 *   out: `/connected` would find every TCP connection beside the
 *   `(not connected)` sockets it finds now.
 */
type Spellings = {readonly short?: string; readonly ss?: string; readonly tools?: readonly string[]};

const spellings: Readonly<Record<SocketState, Spellings>> = {
	ESTABLISHED: {short: 'ESTAB', ss: 'ESTAB'},
	SYN_SENT: {short: 'SYN-S'},
	SYN_RECV: {short: 'SYN-R', tools: ['SYN_RCVD']},
	NEW_SYN_RECV: {short: 'SYN-R'},
	FIN_WAIT1: {short: 'FIN-W1', tools: ['FIN_WAIT_1']},
	FIN_WAIT2: {short: 'FIN-W2', tools: ['FIN_WAIT_2']},
	TIME_WAIT: {short: 'TIME-W'},
	CLOSE: {ss: 'UNCONN', tools: ['CLOSED']},
	CLOSE_WAIT: {short: 'CLOSE-W'},
	LAST_ACK: {short: 'LAST-A'},
	LISTEN: {tools: ['LISTENING']},
	CLOSING: {short: 'CLOSNG'},
	BOUND_INACTIVE: {short: 'BOUND'},
	UNCONN: {},
	CONNECTING: {short: 'CONN'},
	DISCONNECTING: {short: 'DISCON'},
};

/** ss's spelling: its own word, else the name hyphenated with a last digit set apart (FIN_WAIT1 -> FIN-WAIT-1). */
const ssSpelling = (state: SocketState): string =>
	spellings[state].ss ?? state.replaceAll('_', '-').replace(/(\D)(\d)$/u, '$1-$2');

/** The STATE cell's short spelling of a cell text ('ESTABLISHED' -> 'ESTAB'); other text as it is. */
export function shortState(text: string): string {
	return (spellings as Readonly<Record<string, Spellings | undefined>>)[text]?.short ?? text;
}

const all = new Map<SocketState, readonly string[]>(
	(Object.keys(spellings) as SocketState[]).map(state => {
		const {short, tools = []} = spellings[state];
		const names = [state, short, ssSpelling(state), ...tools].filter((name): name is string => name !== undefined);
		return [state, [...new Set(names)]];
	}),
);

/**
 * Every spelling of a state a user may type: the model's (kernel's) name, the
 * STATE column's short form, ss's and the other tools'; each once, the name first.
 */
export function stateSpellings(state: SocketState): readonly string[] {
	return all.get(state) ?? [state];
}

/**
 * The live view's writes to a terminal that may stop reading: an SSH link that stalls without
 * dropping (the client's laptop asleep, a saturated uplink) fills the pty, and Node writes to a
 * terminal blocking, so socktop hung in write(), deaf to SIGTERM, SIGINT and SIGHUP (Node handles
 * them on its event loop) and to its keys, until the terminal read again. The live view writes
 * without blocking instead: libuv queues what the terminal does not take yet, in order.
 */

/** Bytes the terminal may leave unread before frames are dropped (and drawn whole once it reads again). */
export const BACKLOG_BYTES = 64 * 1024;

/** How long an exit waits for the terminal to read the last frame and the restored screen. */
export const FLUSH_MS = 1000;

/** The terminal's stream (tests pass a fake); `_handle` is Node's, whose setBlocking a terminal's stream has. */
type Output = {
	write(text: string): boolean;
	readonly writableLength: number;
	once(event: 'drain', listener: () => void): unknown;
	on(event: 'error', listener: () => void): unknown;
	readonly _handle?: {setBlocking?: (isBlocking: boolean) => unknown};
};

/**
 * Make `stdout` write without blocking where it `isOwnFile` (a pseudo-terminal, which Node writes
 * through a file of its own: on the shell's, the shell would be left non-blocking too, as it would be
 * after a SIGKILL), and return its frame writes: while more than BACKLOG_BYTES wait to be read,
 * frames are dropped rather than queued (a stall of hours would otherwise queue every refresh), and
 * once the terminal has read it all (drain), `onCaughtUp` draws the whole frame again.
 */
export function unblockedWrites(stdout: Output, isOwnFile: boolean, onCaughtUp: () => void): (text: string) => boolean {
	if (isOwnFile) stdout._handle?.setBlocking?.(false);
	let isBehind = false;
	return text => {
		if (isBehind) return true;
		if (stdout.writableLength > BACKLOG_BYTES) {
			// More than the high-water mark waits, so the stream will say when it has gone.
			isBehind = true;
			stdout.once('drain', () => {
				isBehind = false;
				onCaughtUp();
			});
			return true;
		}

		return stdout.write(text);
	};
}

/**
 * Resolves once `stdout` has written everything queued (the restored screen after the last frame),
 * or after `ms` if the terminal will not read it: socktop is ending and does not wait longer for a
 * stalled link. Looked at every few milliseconds ('drain' comes only after a write past the
 * high-water mark). A write failing meanwhile (the link dropped) is no crash.
 */
export async function flushed(stdout: Output, ms = FLUSH_MS): Promise<void> {
	const ignore = () => undefined;
	stdout.on('error', ignore);
	const deadline = Date.now() + ms;
	while (stdout.writableLength > 0 && Date.now() < deadline) {
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 10);
		});
	}

	// Blocking again, as Node leaves a terminal's stream.
	stdout._handle?.setBlocking?.(true);
}

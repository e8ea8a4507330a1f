import type {Dispatch, SetStateAction} from 'react';
import type {Collector} from '../collect/collector.js';
import {sanitize} from '../format/escape.js';
import type {Socket} from '../model/types.js';
import {holderCount, rowHolders} from '../services/acceptors.js';
import {acceptQueueOf, noHolderReason, type RowSource} from '../services/phrases.js';

type Asker = {
	readonly source: RowSource;
	readonly acceptWaiters?: Collector['acceptWaiters'];
	readonly setMessage: Dispatch<SetStateAction<string | null>>;
};

/**
 * For a row waiting in the accept queue of a listener several processes hold, whose reason
 * (`shown`, on screen now) names every holder: asks the backend which of them waits to accept
 * (Collector.acceptWaiters, I/O on /proc: only here, on Enter, never on a refresh), then names
 * those, if the reason is still on screen. Nothing to ask of one holder, or where the backend cannot tell.
 */
export function askWhoAccepts(selected: Socket, sockets: readonly Socket[], {source, acceptWaiters, setMessage}: Asker, shown: string): void {
	const listener = acceptWaiters === undefined ? null : acceptQueueOf(selected, sockets);
	if (listener === null || listener.inode === null || listener.inode === 0) return;
	const holders = rowHolders(listener, sockets);
	if (holderCount(holders) < 2) return;
	void acceptWaiters!(
		holders.map(holder => holder.pid),
		listener.inode,
	).then(
		waiters => {
			const reason = sanitize(noHolderReason(selected, source, sockets, waiters));
			setMessage(current => (current === shown ? reason : current));
		},
		// Unknown stays said as it is: every holder named.
		() => undefined,
	);
}

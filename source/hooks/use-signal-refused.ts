import {useEffect, useState} from 'react';
import type {SignalAccess} from '../model/signal.js';

/**
 * Whether kill(pid, 0) refuses socktop for `pid` (Collector.checkSignal: another user's process),
 * asked once per PID and only while `isAsked`: the PID view asks when it was denied the process's
 * fds, the one sign it may be another user's, and then does not offer `k` in its title. Its euid
 * alone cannot tell: a set-uid program a user started is theirs to signal, and unreadable.
 * False until answered, and when the check fails.
 */
export function useSignalRefused(check: ((pid: number) => Promise<SignalAccess>) | undefined, pid: number, isAsked: boolean): boolean {
	const [refused, setRefused] = useState<{readonly pid: number; readonly isRefused: boolean} | null>(null);
	useEffect(() => {
		if (!isAsked || check === undefined) return;
		let isCurrent = true;
		check(pid).then(
			access => {
				if (isCurrent) setRefused({pid, isRefused: access.kind === 'denied'});
			},
			() => undefined,
		);
		return () => {
			isCurrent = false;
		};
	}, [check, pid, isAsked]);
	return isAsked && refused?.pid === pid && refused.isRefused;
}

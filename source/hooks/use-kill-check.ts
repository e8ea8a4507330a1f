import {useEffect, useState} from 'react';
import {sanitize} from '../format/escape.js';
import {compareWithShown, unsureText} from '../model/shown-process.js';
import {deniedText, exitedText, type ProcessIdentity, type SignalAccess, zombieText} from '../model/signal.js';

/** Why the kill dialog sends nothing: the line it shows, and the one it reports when closed. */
export type KillProblem = {readonly shown: string; readonly done: string};

/** A refusal in the dialog's usual words: 'Not sending: …' on screen, 'Not sent: …' once closed. */
export const notSending = (reason: string): KillProblem => ({shown: `Not sending: ${reason}`, done: `Not sent: ${reason}`});

/** A line that says it all by itself ('socktop may not signal …'), the same on screen and once closed. */
const saying = (line: string): KillProblem => ({shown: line, done: line});

type Options = {
	readonly pid: number;
	/** Command name as the user saw it. */
	readonly command: string | null;
	/** The start token of the frame the user acted on; absent (the table), it is read here. */
	readonly startToken?: string | null;
	/** When that frame was scanned: a process younger than it took the PID since. */
	readonly shownAt?: number | null;
	readonly identify?: (pid: number) => Promise<ProcessIdentity | null>;
	readonly check?: (pid: number) => Promise<SignalAccess>;
	/** A problem known before asking anything (a capture cannot signal); then nothing is asked. */
	readonly initialProblem: KillProblem | null;
};

/** What the dialog knows of the process before it offers a signal. */
export type KillCheck = {
	/** Still asking: the dialog offers nothing yet (a few ms: one kill(pid, 0) and a /proc read). */
	readonly isChecking: boolean;
	readonly problem: KillProblem | null;
	/** The start token to send with: the frame's, or the one read here; undefined until known. */
	readonly token: string | null | undefined;
	/**
	 * The name the process calls itself now, when it is not the one shown but the process is (it
	 * started before the frame was scanned): it renamed itself (prctl PR_SET_NAME) or ran another
	 * program since. Null otherwise.
	 */
	readonly renamedTo: string | null;
};

/**
 * Ask, as the kill dialog opens, whether the PID is still the process the user saw (when the
 * frame carried no start token) and whether socktop may signal it, so that an exited
 * process, a reused PID, a zombie or another user's process is said at once, before any menu.
 * In that order: a process that exited is not a permission problem, and a PID reused by another
 * user's process is a reused PID first.
 */
export function useKillCheck({pid, command, startToken, shownAt, identify, check, initialProblem}: Options): KillCheck {
	const hasToken = startToken !== undefined && startToken !== null;
	const needsIdentity = !hasToken && identify !== undefined;
	const [state, setState] = useState<KillCheck>({
		isChecking: initialProblem === null && (needsIdentity || check !== undefined),
		problem: initialProblem,
		token: hasToken ? startToken : undefined,
		renamedTo: null,
	});

	useEffect(() => {
		if (initialProblem !== null || (!needsIdentity && check === undefined)) return;
		let isCurrent = true;
		const name = sanitize(command ?? '?');
		// The age is read at about this moment, so it is compared with the frame's age then: the answer may come
		// much later on a loaded machine, and the process would seem younger than the frame by that delay.
		const askedAt = Date.now();
		void Promise.all([needsIdentity ? identify!(pid) : undefined, check?.(pid)]).then(([now, access]) => {
			if (!isCurrent) return;
			let problem: KillProblem | null = null;
			let token = hasToken ? startToken : undefined;
			let renamedTo: string | null = null;
			if (now === null || access?.kind === 'exited') {
				problem = saying(exitedText(pid));
			} else if (now !== undefined) {
				const sameness = compareWithShown(now, {command, shownAt: shownAt ?? null}, askedAt);
				if (sameness.kind === 'younger') {
					problem = notSending(`PID ${pid} started after the table showed it: another process took the PID.`);
				} else if (sameness.kind === 'renamed') {
					problem = notSending(`${unsureText(pid, sanitize(now.command!), name, sameness)}.`);
				} else {
					// Here since before the frame: the process shown, whatever it calls itself now. Its token is sent with.
					token = now.startToken;
					renamedTo = sameness.renamedTo;
				}
			}

			if (problem === null && access?.kind === 'zombie') {
				const parent = access.parent === null ? null : {pid: access.parent.pid, command: access.parent.command === null ? null : sanitize(access.parent.command)};
				problem = saying(zombieText(pid, name, parent));
			}

			if (problem === null && access?.kind === 'denied') {
				problem = saying(deniedText(pid, name, access.owner === null ? null : sanitize(access.owner), access.isRoot));
			}

			setState({isChecking: false, problem, token, renamedTo});
		}, (error: unknown) => {
			// A check that failed (a collector's own, a tool gone) must not leave the dialog checking, holding every key.
			if (!isCurrent) return;
			setState({isChecking: false, problem: notSending(`could not check PID ${pid}: ${sanitize(error instanceof Error ? error.message : String(error))}`), token: undefined, renamedTo: null});
		});
		return () => {
			isCurrent = false;
		};
		// Asked once, for the process the dialog opened on.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	return state;
}

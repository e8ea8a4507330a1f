import {useInput} from 'ink';
import {type Dispatch, type SetStateAction, useEffect, useRef, useState} from 'react';
import {actionFor} from '../keymap.js';
import type {LiveMode} from './live-mode.js';

/** A message from outside the view, worded for the screen it is said on: whether q quits there. */
export type ScreenSaying = (isQuitKey: boolean) => string;

/** q quits on the table and on a PID view socktop started on; elsewhere it goes back (help, kill dialog, a PID view Enter opened) or is typed (prompts). */
const isQuitKeyOn = (mode: LiveMode): boolean => mode.kind === 'table' || (mode.kind === 'pid' && mode.isStart === true);

/**
 * Where a message from outside the view (job control's: Ctrl-Z where no shell can stop socktop) is
 * said: on the screen open when it comes. The table's footer (the kill dialog's too) takes it as
 * its own message; any other screen (the PID view, the help, a filter prompt) gets it back here,
 * to draw on its own line, until the next key (Ctrl-L, which repaints, aside) or another screen:
 * it never turns up later in the table's footer after Esc.
 */
export function useScreenMessage(
	mode: LiveMode,
	subscribeMessages: ((show: (say: ScreenSaying) => void) => () => void) | undefined,
	setMessage: Dispatch<SetStateAction<string | null>>,
): string | null {
	const modeNow = useRef(mode);
	modeNow.current = mode;
	const [aside, setAside] = useState<{text: string; mode: LiveMode} | null>(null);
	useEffect(
		() =>
			subscribeMessages?.(say => {
				const now = modeNow.current;
				const text = say(isQuitKeyOn(now));
				if (now.kind === 'table' || now.kind === 'kill') setMessage(text);
				else setAside({text, mode: now});
			}),
		[subscribeMessages, setMessage],
	);
	useInput(
		(input, key) => {
			if (actionFor(input, key) !== 'redraw') setAside(null);
		},
		{isActive: aside !== null},
	);
	return aside !== null && aside.mode === mode ? aside.text : null;
}

/** The kill dialog with fake OS calls, as the PID view and the table open it. */
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {vi} from 'vitest';
import {KillDialog} from '../../source/components/kill-dialog.js';
import {createTheme} from '../../source/theme.js';
import type {ProcessIdentity, SignalAccess} from '../../source/model/signal.js';

export {waitFor} from '../helpers/wait.js';

export type Options = {
	readonly width?: number;
	readonly isCompact?: boolean;
	readonly check?: (pid: number) => Promise<SignalAccess>;
	readonly shared?: string | null;
	readonly handed?: string;
	/** Told the lines the dialog takes whenever a key changes them (KillDialog's onLines). */
	readonly onLines?: (lines: number) => void;
	/** Told the keys the dialog hands on to the screen underneath (KillDialog's onForwardKey). */
	readonly onForwardKey?: (input: string) => void;
	/** The terminal has colours (the theme's isColor, true unless told). */
	readonly isColor?: boolean;
	/** As the table opens it: no start token, but the time of the frame; identify answers for the process then. */
	readonly fromTable?: {readonly shownAt: number; readonly identify: (pid: number) => Promise<ProcessIdentity | null>};
};

/** The dialog for python3[986], as the PID view opens it (with the start token it read), with fake OS calls. */
export function dialog({width = 80, isCompact = false, check, shared = null, handed, fromTable, onLines, onForwardKey, isColor = true}: Options) {
	const onDone = vi.fn();
	const send = vi.fn(async () => ({isSent: true, message: 'Sent SIGTERM to PID 986.'}));
	const identify = vi.fn(async () => ({startToken: '100', command: 'python3'}));
	const instance = render(
		<Box width={width} flexDirection="column">
			<KillDialog
				isCompact={isCompact}
				theme={createTheme(isColor)}
				width={width}
				pid={986}
				command="python3"
				startToken={fromTable === undefined ? '100' : undefined}
				shownAt={fromTable?.shownAt}
				shared={shared}
				onDone={onDone}
				send={send}
				identify={fromTable?.identify ?? identify}
				check={check}
				takeHandedKeys={() => (handed === undefined ? [] : [{input: handed, key: {} as never}])}
				onLines={onLines}
				onForwardKey={onForwardKey}
			/>
		</Box>,
	);
	return {instance, onDone, send};
}

/** The dialog checking until `answer` is called, as on a loaded host where the check takes 1-2 s. */
export function slowCheck(options: Omit<Options, 'check'> = {}) {
	let answer: (access: SignalAccess) => void = () => undefined;
	const check = async () =>
		new Promise<SignalAccess>(resolve => {
			answer = resolve;
		});
	return {...dialog({...options, check}), answer: (access: SignalAccess) => answer(access)};
}

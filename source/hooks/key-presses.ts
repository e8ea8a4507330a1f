import type {Key} from 'ink';

/**
 * The single keys in one read from the terminal. Keys typed while a refresh
 * held the event loop, or sent quickly over SSH, arrive as one chunk ('jjj',
 * 'qq'): each counts, in order. A chunk with Ctrl or Meta is one key (Ink
 * reports an escape sequence or a control key that way), so it is not split.
 */
export function keyPresses(input: string, key: Key): readonly string[] {
	return input.length > 1 && !key.ctrl && !key.meta ? [...input] : [input];
}

/** Hands keys on to whatever screen is in front once this one has closed. */
export type ForwardKey = (input: string, key: Key) => void;

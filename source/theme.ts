import type {RowMark} from './model/diff.js';
import type {SocketState} from './model/types.js';
import type {ColorChoice} from './options.js';

/** The Ink <Text> props a style sets. */
export type TextStyle = {
	readonly color?: string;
	readonly bold?: boolean;
	readonly dimColor?: boolean;
	readonly inverse?: boolean;
};

/**
 * Colours that carry meaning: a socket's state, rows new or gone since the
 * last refresh, the selection, warnings. Without colour (NO_COLOR,
 * --no-color) the meaning stays in attributes: inverse selection, bold new,
 * dim gone (whose STATE, or last cell where STATE is left out, also says `closed`: rowSegments), as the NO_COLOR convention allows.
 */
export type Theme = {
	readonly isColor: boolean;
	/** The locale is not UTF-8 (glyphs.ts): arrow keys are named in words (keyNames). */
	readonly isAscii: boolean;
	/** The STATE cell. */
	readonly state: (state: SocketState | null) => TextStyle;
	/** A whole row, by its mark and whether it is selected. */
	readonly row: (mark: RowMark, isSelected: boolean) => TextStyle;
	readonly tableHeader: TextStyle;
	readonly sortHeader: TextStyle;
	readonly label: TextStyle;
	readonly warning: TextStyle;
	/** What went wrong or was refused: an exited process, a signal not sent. */
	readonly alarm: TextStyle;
	readonly paused: TextStyle;
	readonly key: TextStyle;
	readonly muted: TextStyle;
};

const stateColors: Partial<Record<SocketState, string>> = {
	LISTEN: 'green',
	ESTABLISHED: 'cyan',
	SYN_SENT: 'yellow',
	SYN_RECV: 'yellow',
	NEW_SYN_RECV: 'yellow',
	TIME_WAIT: 'gray',
	FIN_WAIT1: 'gray',
	FIN_WAIT2: 'gray',
	CLOSING: 'gray',
	LAST_ACK: 'gray',
	CLOSE: 'gray',
	// A CLOSE_WAIT that lingers is an application that forgot to close: worth seeing.
	CLOSE_WAIT: 'red',
};

const none: TextStyle = {};

/**
 * A warning's colour where the terminal has colours, else bold: the meaning stays without them
 * (NO_COLOR, --no-color, a vt100), as the theme's other styles keep theirs.
 */
const tint = (isColor: boolean, color: 'yellow' | 'red'): TextStyle => (isColor ? {color} : {bold: true});

/**
 * Colours for --color; none for --no-color; else colours unless NO_COLOR is set to a non-empty
 * value (https://no-color.org), FORCE_COLOR is 0 or the terminal has none.
 */
export function isColorAllowed(env: NodeJS.ProcessEnv, choice: ColorChoice): boolean {
	if (choice !== 'auto') return choice === 'always';
	// FORCE_COLOR=0 (chalk's and Node's way to say no colour) counts as NO_COLOR.
	const isForcedOff = env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false';
	// Terminals that have no colours at all (terminfo's monochrome entries, the DEC VTs).
	const isMonochrome = /-(mono|m)$|^vt(52|100|102|220)$/.test(env['TERM'] ?? '');
	return !isForcedOff && !isMonochrome && (env['NO_COLOR'] === undefined || env['NO_COLOR'] === '');
}

/** The theme for a terminal with or without colour, in a UTF-8 locale or not (`isAscii`). */
export function createTheme(isColor: boolean, isAscii = false): Theme {
	return {
		isColor,
		isAscii,
		state: state => {
			const color = state === null ? undefined : stateColors[state];
			return isColor && color !== undefined ? {color} : none;
		},
		row(mark, isSelected) {
			if (isSelected) {
				return {inverse: true, bold: mark === 'new', dimColor: mark === 'gone'};
			}

			if (mark === 'new') {
				return isColor ? {color: 'greenBright', bold: true} : {bold: true};
			}

			return mark === 'gone' ? {dimColor: true} : none;
		},
		tableHeader: isColor ? {bold: true, color: 'blue'} : {bold: true},
		sortHeader: isColor ? {bold: true, color: 'cyanBright'} : {bold: true, inverse: true},
		label: {bold: true},
		warning: tint(isColor, 'yellow'),
		alarm: tint(isColor, 'red'),
		paused: isColor ? {color: 'yellow', inverse: true, bold: true} : {inverse: true, bold: true},
		key: isColor ? {color: 'cyan', bold: true} : {bold: true},
		muted: {dimColor: true},
	};
}

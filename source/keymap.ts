import type {Key} from 'ink';
import {fkey} from './function-keys.js';

/**
 * The live table's keys as data: input handling looks actions up here and the
 * `?` help screen lists this same array, so the two cannot disagree.
 * Letters follow htop (`<` `>` sort, Space pause, `k` kill, `h` help), and so do its function keys
 * (F1 help, F3 search and F4 filter, both `/` here, F9 kill, F10 quit; function-keys.ts), and sockstat's
 * flags (`l` `c` `4` `6` `u` `L`, and `p` `P` for the lists -p and -P take); `n` steps through
 * network namespaces (ss -N names one); `t` counts the rows by the sort column (model/tally.ts).
 * The PID view takes the Move and Sort keys (for its fd rows), `/`, Enter, `k`, Space, and `back` (pidActionFor),
 * and `quit` where socktop started on it (--pid N).
 */
/** The Move group's actions: the table's row moves, the PID view's fd moves (use-table-state.ts). */
const MOVES = ['up', 'down', 'pageUp', 'pageDown', 'top', 'bottom'] as const;
export type Move = (typeof MOVES)[number];
export const isMove = (action: Action): action is Move => (MOVES as readonly Action[]).includes(action);

/** The Sort group's actions: the table's sort, the PID view's (fd-sort.ts). */
const SORTS = ['sortPrevious', 'sortNext', 'reverse'] as const;
export type SortAction = (typeof SORTS)[number];
export const isSortAction = (action: Action): action is SortAction => (SORTS as readonly Action[]).includes(action);

const ACTIONS = [
	...MOVES,
	...SORTS,
	'tally',
	'filter',
	'clearFilter',
	'listening',
	'connected',
	'ipv4',
	'ipv6',
	'unix',
	'noLoopback',
	'netns',
	'ports',
	'protocols',
	'pause',
	'longer',
	'shorter',
	'open',
	'kill',
	'back',
	'help',
	'quit',
	'interrupt',
	'suspend',
	'redraw',
] as const;
export type Action = (typeof ACTIONS)[number];

export const KEY_GROUPS = ['Move', 'Sort', 'Filter', 'Refresh', 'Process', 'Other'] as const;
export type KeyGroup = (typeof KEY_GROUPS)[number];

export type Binding = {
	readonly action: Action;
	/** How the keys are written in the help screen and footer. */
	readonly keys: string;
	readonly description: string;
	readonly group: KeyGroup;
	/** Keys and a short word for the footer; bindings without it are only in `?`. */
	readonly footer?: readonly [keys: string, word: string];
	/** What the key does in the PID view, where it says something else than `description` (see PID_VIEW_KEYMAP). */
	readonly pidDescription?: string;
	readonly matches: (input: string, key: Key) => boolean;
};

const plain = (key: Key) => !key.ctrl && !key.meta;
/** Esc and Backspace: the PID view's way back to the table, whichever screen socktop started on. */
const isBackKey = (key: Key) => key.escape || key.backspace || key.delete;
const char =
	(...chars: string[]) =>
	(input: string, key: Key) =>
		plain(key) && chars.includes(input);

export const KEYMAP: readonly Binding[] = [
	{
		action: 'up',
		keys: '↑',
		description: 'select the previous socket (an fd in the PID view)',
		pidDescription: 'select the previous fd',
		group: 'Move',
		footer: ['↑↓', 'move'],
		matches: (_, key) => key.upArrow,
	},
	{
		action: 'down',
		keys: '↓ j',
		description: 'select the next socket (an fd in the PID view)',
		pidDescription: 'select the next fd',
		group: 'Move',
		matches: (input, key) => key.downArrow || char('j')(input, key),
	},
	{action: 'pageUp', keys: 'PgUp', description: 'one screen up', group: 'Move', matches: (_, key) => key.pageUp},
	{action: 'pageDown', keys: 'PgDn', description: 'one screen down', group: 'Move', matches: (_, key) => key.pageDown},
	{
		action: 'top',
		keys: 'g Home',
		description: 'first socket (or fd)',
		pidDescription: 'first fd',
		group: 'Move',
		matches: (input, key) => key.home || char('g')(input, key),
	},
	{
		action: 'bottom',
		keys: 'G End',
		description: 'last socket (or fd)',
		pidDescription: 'last fd',
		group: 'Move',
		matches: (input, key) => key.end || char('G')(input, key),
	},
	{action: 'sortPrevious', keys: '<', description: 'sort by the column to the left', group: 'Sort', footer: ['<>', 'sort'], matches: char('<', ',')},
	{action: 'sortNext', keys: '>', description: 'sort by the column to the right', group: 'Sort', matches: char('>', '.')},
	{action: 'reverse', keys: 'r', description: 'reverse the sort order', group: 'Sort', matches: char('r')},
	// `sort | uniq -c | sort -rn` by the sort column; htop's t (its tree) has no meaning here.
	{action: 'tally', keys: 't', description: 'count rows by the sort column', group: 'Sort', matches: char('t')},
	{
		action: 'filter',
		keys: '/ F3 F4',
		description: 'filter: words, !word, column:value (Esc clears)',
		pidDescription: 'filter the fds: words, !word, column:value',
		group: 'Filter',
		footer: ['/', 'filter'],
		matches: char('/', fkey(3), fkey(4)),
	},
	{
		action: 'clearFilter',
		keys: 'Esc',
		description: 'clear the group or text filter',
		pidDescription: 'clear the text filter (then Esc goes back)',
		group: 'Filter',
		matches: (_, key) => key.escape,
	},
	{action: 'listening', keys: 'l', description: 'listening sockets only', group: 'Filter', matches: char('l')},
	{action: 'connected', keys: 'c', description: 'connected sockets only', group: 'Filter', matches: char('c')},
	{action: 'ipv4', keys: '4', description: 'IPv4 sockets (toggle)', group: 'Filter', matches: char('4')},
	{action: 'ipv6', keys: '6', description: 'IPv6 sockets (toggle)', group: 'Filter', matches: char('6')},
	{action: 'unix', keys: 'u', description: 'unix sockets (toggle)', group: 'Filter', matches: char('u')},
	// Ink reports a capital as its letter with shift: 'L' is not 'l' (listening).
	{action: 'noLoopback', keys: 'L', description: 'hide loopback sockets (toggle)', group: 'Filter', matches: char('L')},
	{action: 'netns', keys: 'n', description: 'network namespace: all, host, then each one present', group: 'Filter', matches: char('n')},
	// -p and -P, which no toggle can express: edited as the flag's text (empty clears).
	{action: 'ports', keys: 'p', description: 'ports: edit the -p list (empty shows all)', group: 'Filter', matches: char('p')},
	{action: 'protocols', keys: 'P', description: 'protocols: edit the -P list (empty shows all)', group: 'Filter', matches: char('P')},
	{action: 'pause', keys: 'Space', description: 'pause or resume refreshing', group: 'Refresh', footer: ['Space', 'pause'], matches: char(' ')},
	{action: 'longer', keys: '+', description: 'longer refresh interval', group: 'Refresh', matches: char('+', '=')},
	{action: 'shorter', keys: '-', description: 'shorter refresh interval', group: 'Refresh', matches: char('-', '_')},
	{
		action: 'open',
		keys: 'Enter',
		description: "open the process's PID view (there: the peer's)",
		pidDescription: "open the PID view of the fd's peer (FOREIGN / PEER)",
		group: 'Process',
		footer: ['Enter', 'pid'],
		matches: (_, key) => key.return,
	},
	{action: 'kill', keys: 'k F9', description: 'send a signal to the process (asks first)', group: 'Process', footer: ['k', 'kill'], matches: char('k', fkey(9))},
	{action: 'help', keys: '? h F1', description: 'this help (in the PID view, its own keys)', pidDescription: 'this help', group: 'Other', footer: ['?', 'help'], matches: char('?', 'h', fkey(1))},
	{action: 'quit', keys: 'q F10', description: 'quit', group: 'Other', footer: ['q', 'quit'], matches: char('q', fkey(10))},
	{action: 'interrupt', keys: 'Ctrl-C', description: 'quit (exit code 130)', group: 'Other', matches: (input, key) => key.ctrl && input === 'c'},
	{action: 'suspend', keys: 'Ctrl-Z', description: 'suspend (fg resumes)', group: 'Other', matches: (input, key) => key.ctrl && input === 'z'},
	// As in htop, top, less and vim: what another program wrote over the screen (wall, a background job) goes.
	{action: 'redraw', keys: 'Ctrl-L', description: 'redraw the whole screen', group: 'Other', matches: (input, key) => key.ctrl && input === 'l'},
	{
		action: 'back',
		keys: 'Esc q',
		// F10 in words: in the key column it would widen every line of the help by three columns.
		description: 'leave the PID view: for the one before, or the table (Backspace, F10 too)',
		pidDescription: 'back to the PID view before, or the table (Backspace, F10 too)',
		group: 'Process',
		// Last, so Esc, q and F10 keep their table meanings there (actionFor takes the first match). ESC q
		// typed fast, which Ink reports as Meta+q, is Escape then q by then (keyPresses).
		matches: (input, key) => isBackKey(key) || char('q', fkey(10))(input, key),
	},
];

/** Ctrl-C, Ctrl-Z and Ctrl-L: the live view's on every screen, whatever keys the screen in front has (useQuitKeys). */
const EVERY_SCREEN: ReadonlySet<Action> = new Set(['interrupt', 'suspend', 'redraw']);

/** Whether a key is one of EVERY_SCREEN's, which a screen with keys of its own leaves to the live view. */
export const isEveryScreenKey = (input: string, key: Key): boolean => KEYMAP.some(binding => EVERY_SCREEN.has(binding.action) && binding.matches(input, key));

/**
 * What a capture (--import) cannot do: it never refreshes, and it does not say which network
 * namespace its sockets are in (n would filter on a `host` it never named).
 */
const inertInCapture: ReadonlySet<Action> = new Set(['pause', 'longer', 'shorter', 'netns']);

/**
 * What a capture's help and footer leave out: those, and k, with no process here to
 * signal. A k pressed all the same is still taken, and answered with why nothing is sent.
 */
const liveOnly: ReadonlySet<Action> = new Set([...inertInCapture, 'kill']);

const CAPTURE_KEYMAP = KEYMAP.filter(binding => !liveOnly.has(binding.action));

/** The table's keys as its help and footer offer them: a capture's leave out the live-only ones. */
export const keymapFor = (isLive: boolean): readonly Binding[] => (isLive ? KEYMAP : CAPTURE_KEYMAP);

/** The PID view's keys as its `?` list offers them: no k without a process to signal, no Space for a capture; q quits on the screen socktop started on. */
export const pidKeymapFor = (isLive: boolean, canSignal: boolean, isStart = false): readonly Binding[] =>
	(isStart ? START_PID_VIEW_KEYMAP : PID_VIEW_KEYMAP).filter(binding => (binding.action !== 'kill' || canSignal) && (isLive || !liveOnly.has(binding.action)));

/** The action a key press means in the table, or null; a capture's (not `isLive`) never refreshes nor steps the netns. */
export function actionFor(input: string, key: Key, isLive = true): Action | null {
	const action = KEYMAP.find(binding => binding.matches(input, key))?.action ?? null;
	return action !== null && !isLive && inertInCapture.has(action) ? null : action;
}

/** What the PID view does: go back, move its fd cursor with the table's Move keys, sort its fd rows (`<` `>` `r`), `/` (its fd rows), Enter (the peer's view), k, Space (pause), or `?`. */
const pidActions: ReadonlySet<Action> = new Set([...MOVES, ...SORTS, 'filter', 'open', 'kill', 'pause', 'help']);

/**
 * `back` in a PID view socktop started on (--pid N), where q and F10 quit as in the table (and top):
 * leaving for the table is a step further in, not the way out.
 */
const startBack = (binding: Binding): Binding => ({...binding, keys: 'Esc', pidDescription: 'back to the PID view before, or the table (Backspace too)', matches: (_, key) => isBackKey(key)});

/**
 * The PID view's keys, for its `?` screen: the bindings it acts on (pidActionFor), said as
 * they apply there, and Ctrl-C, Ctrl-Z and Ctrl-L, which work on every screen. Opened from the table,
 * q goes back to it, as q leaves htop's lsof screen; on the screen socktop started on (`isStart`), q quits.
 */
const pidViewKeymap = (isStart: boolean): readonly Binding[] =>
	KEYMAP.filter(
		binding =>
			pidActions.has(binding.action) || binding.action === 'clearFilter' || binding.action === 'back' || EVERY_SCREEN.has(binding.action) || (isStart && binding.action === 'quit'),
	)
		.map(binding => (isStart && binding.action === 'back' ? startBack(binding) : binding))
		.map(binding => (binding.pidDescription === undefined ? binding : {...binding, description: binding.pidDescription}));

/** The PID view's keys when Enter opened it from the table. */
const PID_VIEW_KEYMAP = pidViewKeymap(false);
/** The PID view's keys when socktop started on it (--pid N). */
const START_PID_VIEW_KEYMAP = pidViewKeymap(true);

/**
 * The action a key press means in the PID view, or null: `back` first (in the table Esc
 * clears the filter and q quits, bindings listed before it), then the table's own bindings
 * for the Move keys and `k`, so the two views cannot disagree on them, and q's quit on the
 * screen socktop started on (`isStart`: --pid N).
 */
export function pidActionFor(input: string, key: Key, isLive = true, isStart = false): Action | null {
	const keymap = isStart ? START_PID_VIEW_KEYMAP : PID_VIEW_KEYMAP;
	if (keymap.some(binding => binding.action === 'back' && binding.matches(input, key))) {
		return 'back';
	}

	const action = actionFor(input, key, isLive);
	return action !== null && (pidActions.has(action) || (isStart && action === 'quit')) ? action : null;
}

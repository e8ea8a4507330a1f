import type {Dispatch, SetStateAction} from 'react';
import {netnsHint, toggleHint} from '../key-hints.js';
import type {Action} from '../keymap.js';
import type {ColumnId} from '../model/columns.js';
import {listText} from '../model/list-filter.js';
import {nextNamespace} from '../model/netns.js';
import {outlivingInSnapshot} from '../model/reuse-port.js';
import type {Socket} from '../model/types.js';
import type {Filters} from '../options.js';
import {sanitize} from '../format/escape.js';
import {noHolderReason, type RowSource} from '../services/phrases.js';
import type {Collector} from '../collect/collector.js';
import {askWhoAccepts} from './who-accepts.js';
import type {LiveMode} from './live-mode.js';
import type {TableView} from './use-table-state.js';
import {runTallyAction} from './tally-actions.js';
import type {TallyView} from './use-tally.js';

/** Round steps, so + and - land on round values, up to -d's own limit of an hour. */
const INTERVALS = [0.1, 0.2, 0.5, 1, 2, 3, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600] as const;

/** The next interval up (+) or down (-) from any value, even one given with -d that is not a step. */
export function stepInterval(current: number, step: 1 | -1): number {
	if (step === 1) {
		return INTERVALS.find(value => value > current + 1e-9) ?? current;
	}

	return [...INTERVALS].reverse().find(value => value < current - 1e-9) ?? current;
}

const toggles: Partial<Record<Action, keyof Filters>> = {
	listening: 'listening',
	connected: 'connected',
	ipv4: 'ipv4',
	ipv6: 'ipv6',
	unix: 'unix',
	noLoopback: 'noLoopback',
};

/** What the table's keys act on: the live view's state as drawn, and its setters. */
export type TableControls = {
	/** Scan times of the snapshots on screen (a gone row comes from the previous one). */
	readonly snapshotTimes: {readonly current: number | null; readonly previous: number | null};
	/** The sockets of those snapshots, filters aside: a connection not accepted yet is told by its listener's row. */
	readonly snapshotSockets: {readonly current: readonly Socket[]; readonly previous: readonly Socket[]};
	/** Where the rows come from, to say why a row has no process. */
	readonly source: RowSource;
	/** Who of a listener's holders waits to accept (Collector.acceptWaiters), for that reason; absent where the backend cannot tell. */
	readonly acceptWaiters?: Collector['acceptWaiters'];
	readonly table: TableView;
	/** The tally (t), whose keys come first while it is shown; absent: t does nothing. */
	readonly tally?: TallyView;
	/** Ids of the columns a wide enough screen shows, in order: < and > step among them (the sort column is always on screen). */
	readonly sortColumns: readonly ColumnId[];
	/** The network namespaces of the current snapshot, host first: `n` steps through them. */
	readonly namespaces: readonly string[];
	/** The filters as drawn: p and P open on their list. */
	readonly filters: Filters;
	readonly setFilters: Dispatch<SetStateAction<Filters>>;
	readonly setIsPaused: Dispatch<SetStateAction<boolean>>;
	readonly setIntervalSeconds: Dispatch<SetStateAction<number>>;
	readonly setMessage: Dispatch<SetStateAction<string | null>>;
	readonly onExit: (code: number) => void;
	readonly onSuspend?: () => void;
	/** Ctrl-L: clear the screen and draw the whole frame again (absent: the key does nothing). */
	readonly onRedraw?: () => void;
};

/** The screens a table key opens, as useLiveKeys tracks them between frames. */
export type TableScreens = {
	readonly setMode: (mode: LiveMode) => void;
	readonly setHelpTop: (top: number) => void;
	/** Enter is opening the PID view, or k a kill dialog (useKeyHandoff's start). */
	readonly onOpenScreen: () => void;
};

/** Do what one of the table's keys (an action of the keymap) does. */
export function runTableAction(action: Action, controls: TableControls, {setMode, setHelpTop, onOpenScreen}: TableScreens): void {
	const {setFilters, setMessage} = controls;
	if (controls.tally !== undefined && runTallyAction(action, {...controls, tally: controls.tally})) return;
	const toggle = toggles[action];
	if (toggle !== undefined) {
		// The state set and the hint that names it come from the same filters (useLiveKeys': as of the last key
		// handled), so that 'll' in one read ends off and says off.
		const isOn = !controls.filters[toggle];
		setFilters(current => ({...current, [toggle]: isOn}));
		// l, c and u mean something else in htop and top: say what they hid, and how to undo it.
		const hint = toggleHint(toggle, isOn);
		if (hint !== null) setMessage(hint);
		return;
	}

	const {table} = controls;
	const selected = table.selected?.socket ?? null;
	switch (action) {
		case 'up':
		case 'down':
		case 'pageUp':
		case 'pageDown':
		case 'top':
		case 'bottom': {
			table.move(action);
			break;
		}

		case 'sortPrevious':
		case 'sortNext': {
			table.stepSort(action === 'sortNext' ? 1 : -1, controls.sortColumns);
			break;
		}

		case 'reverse': {
			table.reverse();
			break;
		}

		case 'filter': {
			setMode({kind: 'filter'});
			break;
		}

		case 'ports':
		case 'protocols': {
			setMode({kind: 'list', list: action, draft: listText(controls.filters, action), error: null});
			break;
		}

		case 'netns': {
			const {namespaces} = controls;
			// The namespace set is the one the hint names (as the toggles above).
			const next = nextNamespace(controls.filters.netns, namespaces);
			// Without another namespace to show, n would flip between two views of the same sockets.
			if (namespaces.length > 1) setFilters(current => ({...current, netns: next}));
			setMessage(netnsHint(next, namespaces, controls.source.isRoot === true));
			break;
		}

		case 'clearFilter': {
			// A tally's group first (the last narrowing asked for), then the text typed.
			setFilters(current => (current.group === undefined || current.group === null ? {...current, text: ''} : {...current, group: null}));
			break;
		}

		case 'pause': {
			controls.setIsPaused(current => !current);
			break;
		}

		case 'longer':
		case 'shorter': {
			controls.setIntervalSeconds(current => stepInterval(current, action === 'longer' ? 1 : -1));
			break;
		}

		case 'open':
		case 'kill': {
			if (selected === null) {
				break;
			}

			if (selected.pid === null) {
				const isGone = table.selected?.mark === 'gone';
				const sockets = isGone ? controls.snapshotSockets.previous : controls.snapshotSockets.current;
				const reason = sanitize(noHolderReason(selected, controls.source, sockets));
				setMessage(reason);
				// A gone row's sentence is of the last scan: who waits to accept now is not asked of its holders, whose PIDs may be others' since.
				if (!isGone) askWhoAccepts(selected, sockets, controls, reason);
			} else {
				const isGone = table.selected?.mark === 'gone';
				const shownAt = isGone ? controls.snapshotTimes.previous : controls.snapshotTimes.current;
				if (action === 'open') {
					onOpenScreen();
					// A row without an fd number (a netstat capture) is found by its socket.
					setMode({kind: 'pid', pid: selected.pid, fd: selected.fd, shown: {command: selected.command, shownAt}, ...(selected.fd === null ? {socket: selected} : {})});
					break;
				}

				// The snapshot the row came from has a row per holder of each socket: the others holding one of its sockets,
				// and the other sockets on one of its ports (SO_REUSEPORT).
				const shared = outlivingInSnapshot(selected.pid, isGone ? controls.snapshotSockets.previous : controls.snapshotSockets.current, selected);
				onOpenScreen();
				setMode({kind: 'kill', pid: selected.pid, command: selected.command, shownAt, shared});
			}

			break;
		}

		case 'back': {
			// Backspace in the table: only the PID view goes back.
			break;
		}

		case 'help': {
			setHelpTop(0);
			setMode({kind: 'help'});
			break;
		}

		case 'quit': {
			controls.onExit(0);
			break;
		}

		case 'interrupt': {
			controls.onExit(130);
			break;
		}

		case 'suspend': {
			controls.onSuspend?.();
			break;
		}

		case 'redraw': {
			controls.onRedraw?.();
			break;
		}

		default: {
			break;
		}
	}
}

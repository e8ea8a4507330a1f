import {Box, useInput} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {Collector} from '../collect/collector.js';
import {sanitize} from '../format/escape.js';
import {useRows} from '../hooks/use-rows.js';
import {useSnapshots} from '../hooks/use-snapshots.js';
import {useTableState, useTableView} from '../hooks/use-table-state.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {type Action, actionFor} from '../keymap.js';
import {layoutColumns} from '../model/layout.js';
import {defaultSort, type SortOrder} from '../model/sort.js';
import type {Filters, PortRange} from '../options.js';
import type {ServiceTable} from '../services/types.js';
import {createTheme, type Theme} from '../theme.js';
import {FilterPrompt, filterKey} from './filter-prompt.js';
import {Footer} from './footer.js';
import {HEADER_LINES, Header} from './header.js';
import {Help, helpKey, helpLines} from './help.js';
import {KillDialog} from './kill-dialog.js';
import {PidView} from './pid-view.js';
import {SocketTable} from './table.js';
import {MIN_COLUMNS, MIN_ROWS, TooSmall} from './too-small.js';

type Props = {
	readonly collector: Collector;
	readonly services: ServiceTable;
	readonly ephemeral: PortRange | null;
	readonly filters: Filters;
	/** Seconds. */
	readonly interval: number;
	/** --pid N: open this PID's view first. */
	readonly pidView: number | null;
	readonly theme: Theme;
	readonly initialSort?: SortOrder;
	/** Quit with this exit code (0 for q, 130 for Ctrl-C). */
	readonly onExit: (code: number) => void;
};

type Mode =
	| {readonly kind: 'table'}
	| {readonly kind: 'help'}
	| {readonly kind: 'filter'}
	| {readonly kind: 'pid'; readonly pid: number}
	| {readonly kind: 'kill'; readonly pid: number; readonly command: string};

/** top's steps, so + and - land on round values. */
const INTERVALS = [0.1, 0.2, 0.5, 1, 2, 3, 5, 10, 15, 30, 60] as const;

/** The next interval up (+) or down (-) from any value, even one given with -d that is not a step. */
export function stepInterval(current: number, step: 1 | -1): number {
	if (step === 1) {
		return INTERVALS.find(value => value > current + 1e-9) ?? current;
	}

	return [...INTERVALS].reverse().find(value => value < current - 1e-9) ?? current;
}

/** Lines besides the table body: header, column header, footer. */
const CHROME = HEADER_LINES + 2;
const helpLineCount = helpLines(createTheme(false)).length;
/** What the kill dialog may take at the bottom. */
const DIALOG_LINES = 8;

const toggles: Partial<Record<Action, keyof Filters>> = {
	listening: 'listening',
	connected: 'connected',
	ipv4: 'ipv4',
	ipv6: 'ipv6',
	unix: 'unix',
};

/**
 * The live view: header, socket table and footer, with help, filter prompt,
 * kill dialog and PID view on top. The frame is at most rows - 1 lines tall:
 * at full height Ink 6.8 clears the whole screen on every frame.
 */
export function LiveView({collector, services, ephemeral, filters: initialFilters, interval: initialInterval, pidView, theme, initialSort = defaultSort, onExit}: Props) {
	const {columns, rows: terminalRows} = useTerminalSize();
	const [mode, setMode] = useState<Mode>(pidView === null ? {kind: 'table'} : {kind: 'pid', pid: pidView});
	const [filters, setFilters] = useState(initialFilters);
	const [interval, setInterval] = useState(initialInterval);
	const [isPaused, setIsPaused] = useState(false);
	const [message, setMessage] = useState<string | null>(null);
	const [servicesVersion, setServicesVersion] = useState(0);
	const [helpTop, setHelpTop] = useState(0);

	useEffect(() => {
		// After the first frame: reading /etc/services and the IANA registry must not delay it.
		let isCurrent = true;
		services.load().then(
			() => {
				if (isCurrent) {
					setServicesVersion(version => version + 1);
				}
			},
			(error: unknown) => {
				if (isCurrent) {
					setMessage(sanitize(error instanceof Error ? error.message : String(error)));
				}
			},
		);
		return () => {
			isCurrent = false;
		};
	}, [services]);

	const isTooSmall = columns < MIN_COLUMNS || terminalRows < MIN_ROWS;
	const frameHeight = terminalRows - 1;
	const bodyHeight = Math.max(0, frameHeight - CHROME - (mode.kind === 'kill' ? DIALOG_LINES : 0));

	const snapshots = useSnapshots(collector, interval, isPaused);
	const store = useTableState(initialSort);
	const {rows, shown, summary, context, needs} = useRows(snapshots.current, snapshots.previous, filters, store.state.sort, services, ephemeral, servicesVersion);
	const table = useTableView(store, rows, bodyHeight);
	const layout = useMemo(() => layoutColumns(columns, needs), [columns, needs]);

	const run = useCallback(
		(action: Action) => {
			const toggle = toggles[action];
			if (toggle !== undefined) {
				setFilters(current => ({...current, [toggle]: !current[toggle]}));
				return;
			}

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
					table.stepSort(action === 'sortNext' ? 1 : -1, layout.map(placed => placed.column.id));
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

				case 'clearFilter': {
					setFilters(current => ({...current, text: ''}));
					break;
				}

				case 'pause': {
					setIsPaused(current => !current);
					break;
				}

				case 'longer':
				case 'shorter': {
					setInterval(current => stepInterval(current, action === 'longer' ? 1 : -1));
					break;
				}

				case 'open':
				case 'kill': {
					if (selected === null) {
						break;
					}

					if (selected.pid === null) {
						setMessage('The owner of this socket is not known (another user\'s process: run as root to see it).');
					} else if (action === 'open') {
						setMode({kind: 'pid', pid: selected.pid});
					} else {
						setMode({kind: 'kill', pid: selected.pid, command: selected.command ?? '?'});
					}

					break;
				}

				case 'help': {
					setHelpTop(0);
					setMode({kind: 'help'});
					break;
				}

				case 'quit': {
					onExit(0);
					break;
				}

				case 'interrupt': {
					onExit(130);
					break;
				}

				default: {
					break;
				}
			}
		},
		[table, layout, onExit],
	);

	// Ink re-subscribes input handlers in an effect after each render; a key pressed before that
	// reaches the previous render's handler. So one handler serves the table and the filter prompt
	// (no key is lost when the prompt opens) and reads the latest state through a ref.
	const latest = useRef({run, isTooSmall, mode, helpTop});
	latest.current = {run, isTooSmall, mode, helpTop};
	useInput(
		(input, key) => {
			const now = latest.current;
			if (now.mode.kind === 'help' && !now.isTooSmall) {
				const top = helpKey(key, now.helpTop, frameHeight, helpLineCount);
				if (key.ctrl && input === 'c') {
					onExit(130);
				} else if (top === null) {
					setMode({kind: 'table'});
				} else {
					setHelpTop(top);
				}

				return;
			}

			if (now.mode.kind === 'filter' && !now.isTooSmall) {
				const typed = filterKey(input, key);
				if (typed.type === 'edit') {
					setFilters(current => ({...current, text: typed.edit(current.text)}));
				} else if (typed.type === 'cancel') {
					setFilters(current => ({...current, text: ''}));
					setMode({kind: 'table'});
				} else if (typed.type === 'submit') {
					setMode({kind: 'table'});
				} else if (key.ctrl && input === 'c') {
					onExit(130);
				}

				return;
			}

			// Keys typed while a refresh held the event loop arrive as one chunk ('jjj'): each counts.
			const presses = input.length > 1 && !key.ctrl && !key.meta ? [...input] : [input];
			for (const press of presses) {
				const action = actionFor(press, key);
				if (action === null) {
					continue;
				}

				setMessage(null);
				if (now.isTooSmall && action !== 'quit' && action !== 'interrupt') {
					continue;
				}

				now.run(action);
			}
		},
		{isActive: mode.kind === 'table' || mode.kind === 'filter' || mode.kind === 'help' || isTooSmall},
	);

	// Ctrl-C quits from every other screen; Ink's own handler is off so that the exit code and terminal are ours.
	useInput(
		(input, key) => {
			if (key.ctrl && input === 'c') {
				onExit(130);
			}
		},
		{isActive: (mode.kind === 'pid' || mode.kind === 'kill') && !isTooSmall},
	);

	const back = useCallback(() => {
		setMode({kind: 'table'});
	}, []);

	if (isTooSmall) {
		return <TooSmall columns={columns} rows={terminalRows} />;
	}

	if (mode.kind === 'pid') {
		return (
			<Box height={frameHeight} overflow="hidden" flexDirection="column">
				<PidView pid={mode.pid} collector={collector} services={services} ephemeral={ephemeral} interval={interval} isPaused={isPaused} width={columns} height={frameHeight} onBack={back} />
			</Box>
		);
	}

	if (mode.kind === 'help') {
		return <Help width={columns} height={frameHeight} theme={theme} top={helpTop} />;
	}

	const emptyText = snapshots.current === null ? 'Reading sockets…' : 'No sockets match the filters (Esc clears the text filter; l c 4 6 u toggle).';
	return (
		<Box flexDirection="column" height={frameHeight} overflow="hidden">
			<Header
				snapshot={snapshots.current}
				summary={summary}
				shown={shown}
				interval={interval}
				isPaused={isPaused}
				sort={table.sort}
				filters={filters}
				error={snapshots.error}
				width={columns}
				theme={theme}
			/>
			<SocketTable
				rows={rows}
				layout={layout}
				top={table.top}
				height={bodyHeight}
				selectedIndex={table.index}
				sort={table.sort}
				width={columns}
				theme={theme}
				context={context}
				emptyText={emptyText}
			/>
			{mode.kind === 'kill' && (
				<Box height={Math.min(DIALOG_LINES, frameHeight - CHROME)} overflow="hidden" flexDirection="column">
					<KillDialog
						pid={mode.pid}
						command={mode.command}
						onDone={done => {
							setMessage(sanitize(done));
							back();
						}}
					/>
				</Box>
			)}
			{mode.kind === 'filter' ? (
				<FilterPrompt text={filters.text} width={columns} theme={theme} />
			) : (
				<Footer width={columns} theme={theme} message={message} />
			)}
		</Box>
	);
}

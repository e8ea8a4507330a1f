import {Box, Text} from 'ink';
import {useCallback, useEffect, useMemo, useState} from 'react';
import {type Collector, isCapture as isCaptureOf} from '../collect/collector.js';
import {sanitize} from '../format/escape.js';
import type {LiveMode} from '../hooks/live-mode.js';
import {useLiveKeys} from '../hooks/use-live-keys.js';
import {useKillDialogLines} from '../hooks/use-kill-dialog-lines.js';
import {useRawMode} from '../hooks/use-raw-mode.js';
import {useRows} from '../hooks/use-rows.js';
import {type ScreenSaying, useScreenMessage} from '../hooks/use-screen-message.js';
import {useSnapshots} from '../hooks/use-snapshots.js';
import {useTableLayout} from '../hooks/use-table-layout.js';
import {useTableState, useTableView} from '../hooks/use-table-state.js';
import {useTally} from '../hooks/use-tally.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {columnsFor} from '../model/columns.js';
import {socketQuery} from '../model/text-filter.js';
import {columnsAtAnyWidth} from '../model/layout.js';
import {type OwnUser, unseenNote} from '../model/unseen.js';
import {defaultSort, type SortOrder} from '../model/sort.js';
import type {Filters, PortRange} from '../options.js';
import type {ServiceTable} from '../services/types.js';
import type {PidRequest} from '../format/pid.js';
import type {Socket} from '../model/types.js';
import type {Theme} from '../theme.js';
import {FilterPrompt, LIST_HINT} from './filter-prompt.js';
import {emptyTableText} from './filter-line.js';
import {hiddenByStateNote} from '../model/socket-tally.js';
import {Footer, messageLines} from './footer.js';
import {scrollPosition} from '../model/scroll-position.js';
import {HEADER_LINES, Header, describeSlowScan} from './header.js';
import {deniedHelpLines} from './denied-lines.js';
import {stateHelpLines} from './state-lines.js';
import {cellHelpLines} from './cell-lines.js';
import {Help, helpLayout} from './help.js';
import {KILL_DIALOG_LINES, KillDialog} from './kill-dialog.js';
import {PidView} from './pid-view.js';
import {SocketTable} from './table.js';
import {TallyTable} from './tally-table.js';
import {isTooSmallFor, UnlessTooSmall} from './too-small.js';
import {keymapFor} from '../keymap.js';

type Props = {
	readonly collector: Collector;
	readonly services: ServiceTable;
	readonly ephemeral: PortRange | null;
	/** Where this system sets that range (ephemeralSettingOf), which the PID view names; null when given or a capture's. */
	readonly ephemeralSetting?: string | null;
	/** net.ipv4.tcp_fin_timeout (readFinTimeout), which Enter on an orphaned FIN_WAIT2 row names; null where not known. */
	readonly finTimeout?: number | null;
	readonly filters: Filters;
	/** What an unset --netns means (resolveNamespaceFilter: all as root, else socktop's own): no filter the user set. */
	readonly defaultNetns?: string;
	/** Seconds. */
	readonly interval: number;
	/** --pid N: open this PID's view first. */
	readonly pidView: number | null;
	/** What that first view says besides its process (the thread --pid named); not a view opened from the table. */
	readonly pidRequest?: PidRequest;
	/** -n: USER shows the uid. */
	readonly isNumericUser?: boolean;
	readonly theme: Theme;
	readonly initialSort?: SortOrder;
	/** --tally COLUMN: open on the tally (t), counting by the sort column. */
	readonly isTally?: boolean;
	/** Quit with this exit code (0 for q, 130 for Ctrl-C). */
	readonly onExit: (code: number) => void;
	/** Ctrl-Z: give the terminal back to the shell until `fg` (absent: the key does nothing). */
	readonly onSuspend?: () => void;
	/** Ctrl-L: clear the screen and draw the whole frame again, on every screen (absent: the key does nothing). */
	readonly onRedraw?: () => void;
	/** Where a message for the footer comes from outside the view (job control's); returns the unsubscribe. */
	readonly subscribeMessages?: (show: (say: ScreenSaying) => void) => () => void;
	/** socktop runs as root: a row without a process is then not a permission problem. */
	readonly isRoot?: boolean;
	/** Who socktop runs as: --user naming it is told of no unseen owners (unseenNote). */
	readonly ownUser?: OwnUser | null;
	/** When a scan counts as slow and the header says so (tests shorten it). */
	readonly slowScanAfterMs?: number;
};

const noSockets: readonly Socket[] = [];

/** Lines besides the table body: header, column header, footer. */
const CHROME = HEADER_LINES + 2;

/**
 * The live view: header, socket table and footer, with help, filter prompt,
 * kill dialog and PID view on top. The frame is at most rows - 1 lines tall,
 * so the terminal's last row is never written and nothing can scroll (and
 * Ink's own full-height path, which clears the screen every frame, is never hit).
 */
export function LiveView({collector, services, ephemeral, ephemeralSetting = null, finTimeout = null, filters: initialFilters, defaultNetns, interval: initialInterval, pidView, pidRequest, isNumericUser = false, theme, initialSort = defaultSort, isTally = false, onExit, onSuspend, onRedraw, subscribeMessages, isRoot = false, ownUser = null, slowScanAfterMs}: Props) {
	const {columns, rows: terminalRows} = useTerminalSize();
	useRawMode();
	const [mode, setMode] = useState<LiveMode>(pidView === null ? {kind: 'table'} : {kind: 'pid', pid: pidView, isStart: true});
	const [filters, setFilters] = useState(initialFilters);
	const [interval, setIntervalSeconds] = useState(initialInterval);
	const [isPaused, setIsPaused] = useState(false);
	const [message, setMessage] = useState<string | null>(null);
	const [servicesVersion, setServicesVersion] = useState(0);
	// What the services' load waits for (a --services FIFO without a writer), said where stderr would say it: null once read.
	const [servicesWait, setServicesWait] = useState<string | null>(null);
	const [helpTop, setHelpTop] = useState(0);

	useEffect(() => {
		// After the first frame: reading /etc/services and the IANA registry must not delay it.
		let isCurrent = true;
		const unwatch = services.watchWait?.(setServicesWait);
		services.load().then(
			() => {
				if (isCurrent) {
					setServicesVersion(version => version + 1);
				}
			},
			(error: unknown) => {
				if (isCurrent) {
					// The file failed, but the IANA registry loaded: its names are drawn, the failure is said.
					setServicesVersion(version => version + 1);
					setMessage(sanitize(error instanceof Error ? error.message : String(error)));
				}
			},
		);
		return () => {
			isCurrent = false;
			unwatch?.();
		};
	}, [services]);

	// Job control's message, said on the screen open when it comes (the table's own footer message, or screenMessage).
	const screenMessage = useScreenMessage(mode, subscribeMessages, setMessage);

	const isTooSmall = isTooSmallFor(columns, terminalRows);
	// A capture is not refreshed, and its rows name no process of this machine.
	const isCapture = isCaptureOf(collector);
	const frameHeight = terminalRows - 1;
	// The kill dialog takes its box from the table's rows, or, where a row would not be left, three plain lines.
	const isCompactDialog = frameHeight - CHROME < KILL_DIALOG_LINES + 1;
	const killLines = useKillDialogLines(mode.kind === 'kill', isCompactDialog);
	const dialogLines = killLines.lines;
	// A message wraps over the lines it needs, those past the footer's own taken from the table,
	// which keeps one row (the table scrolls to keep the selection on screen): at 60 or 50 columns
	// a TIME_WAIT's or FIN_WAIT2's reason takes five to seven, and cut it would lose what to do.
	const spareLines = Math.max(0, frameHeight - CHROME - dialogLines - 1);
	// A prompt takes the footer's line: job control's message goes above it, the table's own waits for the footer.
	const isPrompt = mode.kind === 'filter' || mode.kind === 'list';
	const shownMessage = isPrompt ? screenMessage : (message ?? servicesWait);
	const footerMessage = shownMessage === null ? null : messageLines(shownMessage, columns, (isPrompt ? 0 : 1) + spareLines);
	const bodyHeight = Math.max(0, frameHeight - CHROME - dialogLines - (footerMessage === null ? 0 : footerMessage.length - (isPrompt ? 0 : 1)));

	const snapshots = useSnapshots(collector, interval, isPaused, slowScanAfterMs, filters.netns);
	const store = useTableState(initialSort);
	const {rows, shown, summary, context, needs, namespaces, rowNamespaces} = useRows(snapshots.current, snapshots.previous, filters, store.state.sort, services, ephemeral, servicesVersion, isNumericUser);
	const table = useTableView(store, rows, bodyHeight, filters);
	const tally = useTally(isTally, rows, store.state.sort.column, context, bodyHeight);
	// Every header keeps the arrow's room, so < and > move no column where all fit; the sort column is kept, blank or narrow.
	const sorted = table.sort.column;
	const page = useMemo(() => rows.slice(table.top, table.top + bodyHeight), [rows, table.top, bodyHeight]);
	const layout = useTableLayout({width: columns, needs, namespaces, sorted, page, context, time: snapshots.current?.time ?? 0, filters});
	// What < and > step through: every column a wide enough screen shows, not only those that fit this one
	// (at 50 columns USER is dropped, and would never be sorted by again); the sort column is always shown.
	const sortColumns = useMemo(() => columnsAtAnyWidth(columnsFor(namespaces), {telling: needs.telling, sorted}).map(column => column.id), [needs, namespaces, sorted]);

	// After the keys in the help: what the states mean, then the processes not read (the header has room to name one or two at most).
	// The help's States, wrapped to the width when the help is shown (see helpSize); the processes not read, each refresh.
	const stateLines = useMemo(() => {
		let lines: ReturnType<typeof stateHelpLines> | undefined;
		return () => (lines ??= [...stateHelpLines(theme, columns), ...cellHelpLines(theme, columns)]);
	}, [theme, columns]);
	const deniedLines = useMemo(() => deniedHelpLines(snapshots.current?.skipped, theme, columns), [snapshots.current?.skipped, theme, columns]);
	// The help's layout at this size, for its scroll keys: the list may wrap, or sit in two columns, and the lines above follow the keys.
	// Laid out when the help is first asked for, not on every start: ~5 ms of the first frame
	// for a screen most runs never open.
	const helpSize = useMemo(() => {
		let layout: ReturnType<typeof helpLayout> | undefined;
		return () => (layout ??= helpLayout(keymapFor(!isCapture), columns, frameHeight, theme.isAscii, stateLines().length + deniedLines.length));
	}, [isCapture, columns, frameHeight, theme.isAscii, stateLines, deniedLines.length]);
	const {forwardKey, takeHandedKeys, back} = useLiveKeys({
		mode,
		// When each scan ended, not began: a process that started during a slow scan is the row's.
		snapshotTimes: snapshots.endedAt,
		snapshotSockets: {current: snapshots.current?.sockets ?? noSockets, previous: snapshots.previous?.sockets ?? noSockets},
		isTooSmall,
		source: {isCapture, isRoot, unreadableAsRoot: snapshots.current?.skipped.deniedAsRoot === true ? snapshots.current.skipped.deniedProcesses : 0, ephemeral, finTimeout},
		acceptWaiters: collector.acceptWaiters,
		helpTop,
		hasMessage: footerMessage !== null && !isPrompt,
		helpSize,
		table,
		tally,
		sortColumns,
		namespaces,
		filters,
		setMode,
		setFilters,
		setIsPaused,
		setIntervalSeconds,
		setMessage,
		setHelpTop,
		interval,
		onExit,
		onSuspend,
		onRedraw,
	});

	const togglePause = useCallback(() => {
		setIsPaused(current => !current);
	}, []);
	const quit = useCallback(() => {
		onExit(0);
	}, [onExit]);

	// What the filters asked for that socktop could not read, looked for only when no row shows.
	// Once a snapshot, not each key: unseenNote filters every socket.
	const unseen = useMemo(() => (shown === 0 && snapshots.current !== null ? unseenNote(filters, snapshots.current, isRoot, ownUser) : null), [shown, filters, snapshots.current, isRoot, ownUser]);
	// What -l or -c hides of the sockets the other filters pass (TIME_WAITs on a port asked about with -l -p).
	const hidden = useMemo(() => (shown === 0 && snapshots.current !== null ? hiddenByStateNote(filters, snapshots.current.sockets) : null), [shown, filters, snapshots.current]);
	const emptyText = snapshots.current === null ? 'Reading sockets…' : emptyTableText(filters, defaultNetns, unseen, hidden);
	// Each screen stays mounted (hidden, taking no keys) while the terminal is too small: the PID view
	// goes on reading (a PID reused meanwhile is still caught), and it or a kill dialog comes back as it was.
	return (
		<UnlessTooSmall columns={columns} rows={terminalRows}>
			{mode.kind === 'pid' ? (
				<Box height={frameHeight} overflow="hidden" flexDirection="column">
					<PidView key={mode.opening} pid={mode.pid} request={mode.isStart === true ? pidRequest : undefined} initialFd={mode.fd ?? null} initialSocket={mode.socket ?? null} row={mode.shown ?? null} collector={collector} services={services} ephemeral={ephemeral} ephemeralSetting={ephemeralSetting} interval={interval} isPaused={isPaused} isActive={!isTooSmall} width={columns} height={frameHeight} onBack={back} onQuit={mode.isStart === true ? quit : undefined} onTogglePause={togglePause} onForwardKey={forwardKey} takeHandedKeys={takeHandedKeys} theme={theme} message={screenMessage ?? servicesWait} />
				</Box>
			) : mode.kind === 'help' ? (
				<Help width={columns} height={frameHeight} theme={theme} top={helpTop} keymap={keymapFor(!isCapture)} more={[...stateLines(), ...deniedLines]} message={screenMessage} />
			) : (
				// The table's box clips vertically only: every line is already cut to the width, and clipping across
				// as well makes Ink re-slice each line of every frame (slice-ansi), a third of its drawing time.
				<Box flexDirection="column" height={frameHeight} overflowY="hidden">
					<Header
						snapshot={snapshots.current}
						summary={summary}
						shown={shown}
						closed={rows.length - shown}
						interval={interval}
						isPaused={isPaused}
						sort={table.sort}
						filters={filters}
						defaultNetns={defaultNetns}
						unlabelledNetns={layout.some(placed => placed.column.id === 'netns') ? undefined : rowNamespaces}
						error={snapshots.error}
						slowScan={snapshots.slowScanSeconds === null ? null : describeSlowScan(collector.name, snapshots.slowScanSeconds)}
						backend={collector.name}
						isLive={!isCapture}
						width={columns}
						theme={theme}
					/>
					{tally.tally === null ? (
						<SocketTable rows={rows} layout={layout} top={table.top} height={bodyHeight} selectedIndex={table.index} sort={table.sort} width={columns} theme={theme} context={context} emptyText={emptyText} />
					) : (
						<TallyTable tally={tally.tally} top={tally.view.top} height={bodyHeight} selectedIndex={tally.view.index} width={columns} theme={theme} emptyText={emptyText} />
					)}
					{mode.kind === 'kill' && (
						<Box height={dialogLines} flexShrink={0} overflow="hidden" flexDirection="column">
							<KillDialog
								key={mode.opening}
								isCompact={isCompactDialog}
								theme={theme}
								width={columns}
								isActive={!isTooSmall}
								pid={mode.pid}
								command={mode.command}
								send={collector.signal}
								identify={collector.identify}
								check={collector.checkSignal}
								shownAt={mode.shownAt}
								shared={mode.shared}
								onDone={done => {
									setMessage(sanitize(done));
									killLines.onClose();
									back();
								}}
								onLines={killLines.onLines}
								onForwardKey={forwardKey}
								takeHandedKeys={takeHandedKeys}
							/>
						</Box>
					)}
					{isPrompt && footerMessage?.map((line, index) => (
						// eslint-disable-next-line react/no-array-index-key
						<Text key={index}>{line}</Text>
					))}
					{mode.kind === 'filter' ? (
						<FilterPrompt text={filters.text} error={socketQuery(filters.text).hint} width={columns} theme={theme} />
					) : mode.kind === 'list' ? (
						<FilterPrompt text={mode.draft} label={`${mode.list}: `} hint={LIST_HINT} error={mode.error} width={columns} theme={theme} />
					) : (
						<Footer width={columns} theme={theme} message={footerMessage} isLive={!isCapture} isPaused={isPaused} isTally={tally.tally !== null} position={tally.tally === null ? scrollPosition(table.top, bodyHeight, rows.length) : scrollPosition(tally.view.top, bodyHeight, tally.tally.groups.length)} />
					)}
				</Box>
			)}
		</UnlessTooSmall>
	);
}

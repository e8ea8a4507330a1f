import {Box, Text} from 'ink';
import {useMemo, useRef, useState} from 'react';
import {type Collector, isCapture} from '../collect/collector.js';
import {fit, sanitize} from '../format/escape.js';
import {requestNotes, type PidRequest} from '../format/pid.js';
import type {ForwardKey, TypedKey} from '../hooks/key-presses.js';
import {useFdExplanations} from '../hooks/use-fd-explanations.js';
import {useKillDialogLines} from '../hooks/use-kill-dialog-lines.js';
import {usePidCursor} from '../hooks/use-pid-cursor.js';
import {usePidSort} from '../hooks/use-pid-sort.js';
import {peerToFollow, usePidTrail} from '../hooks/use-pid-trail.js';
import {type Followed, type PidFilter, usePidKeys} from '../hooks/use-pid-keys.js';
import {type ProcessReads, useProcessDetail} from '../hooks/use-process-detail.js';
import {useSignalRefused} from '../hooks/use-signal-refused.js';
import {fdQuery, passedRows} from '../model/fd-filter.js';
import {exitedFacts} from '../model/exited-facts.js';
import {sliceOf} from '../model/lazy-list.js';
import {fdCountOf, fdRow, processFacts} from '../model/pid-rows.js';
import type {FileDescriptor} from '../model/process.js';
import {pidKeymapFor} from '../keymap.js';
import {hasExited} from '../model/process.js';
import {outlivingInFds} from '../model/reuse-port.js';
import type {ShownProcess} from '../model/shown-process.js';
import type {PortRange} from '../options.js';
import type {ServiceTable} from '../services/types.js';
import type {Socket} from '../model/types.js';
import {createTheme, type Theme} from '../theme.js';
import {FilterPrompt} from './filter-prompt.js';
import {Help, helpLayout} from './help.js';
import {describeSlowScan} from './header.js';
import {KILL_DIALOG_LINES, KillDialog} from './kill-dialog.js';
import {FD_TABLE_CHROME, PidFdTable} from './pid-fd-table.js';
import {cmdlineLineCount, hasSocketsLine, PidHeader} from './pid-header.js';
import {CMDLINE_MAX_LINES, explanationLineCount, explanationLines, layoutPidView, SELECTED_MAX_LINES, wrapText} from './pid-layout.js';
import {selectedBlock, selectedLineCount} from './selected-lines.js';
import {killGoneText, noticeStyle, pidNotices} from './pid-notices.js';
import {pidTitle} from './pid-title.js';

type Props = {
	readonly pid: number;
	/** What the command line asked of this view (--pid's, the one socktop started on): said above the table. Absent for a view opened from the table. */
	readonly request?: PidRequest;
	/** The fd to select first: the table row's, when Enter opened the view from one. */
	readonly initialFd?: number | null;
	/**
	 * The row's socket when it has no fd number (a netstat capture gives none): the view
	 * selects the fd row of that socket first instead.
	 */
	readonly initialSocket?: Socket | null;
	readonly collector: Collector;
	readonly services: ServiceTable;
	readonly ephemeral: PortRange | null;
	/** Where this system sets that range (services/load.ts ephemeralSettingOf), which the ephemeral note names; null when given or a capture's. */
	readonly ephemeralSetting?: string | null;
	/** Seconds between reads, as the table refreshes. */
	readonly interval: number;
	readonly isPaused: boolean;
	readonly width: number;
	readonly height: number;
	readonly onBack: () => void;
	/**
	 * q quits: the view is the screen socktop started on (--pid N), as q quits top. Absent (Enter
	 * opened the view from the table), q goes back to the table, as it leaves htop's lsof screen.
	 */
	readonly onQuit?: () => void;
	/** Space: pause or resume refreshing, for this view and the table alike. */
	readonly onTogglePause?: () => void;
	/**
	 * False while the view is mounted but not shown (the terminal is too small): it
	 * goes on reading, and it and its kill dialog drop every key.
	 */
	readonly isActive?: boolean;
	/** When a read counts as slow and "Reading…" says what it waits for (tests shorten it). */
	readonly slowReadAfterMs?: number;
	/**
	 * Keys that reach this view after it called onBack (Ink re-subscribes input
	 * handlers only after the next render, which a scan can delay) or that came
	 * in the same chunk as the key that left: they were typed at the table.
	 */
	readonly onForwardKey?: ForwardKey;
	/** Keys typed after the Enter that opened this view, before it listened (see useLiveKeys); replayed once. */
	readonly takeHandedKeys?: () => ReadonlyArray<TypedKey>;
	/** For the `?` screen (the rest of the view colours by meaning itself). */
	readonly theme?: Theme;
	/** A message from outside the view (job control's, useScreenMessage): a notice, or the help's last line. */
	readonly message?: string | null;
	/** The table's row Enter opened the view from: its process, not one that took the PID since (useProcessDetail). */
	readonly row?: ShownProcess | null;
};

const plainTheme = createTheme(false);
/** A view opened from the table: nothing asked but the PID. One object, so the fds derived from it are kept across frames. */
const noRequest: PidRequest = {};
const noFds: readonly FileDescriptor[] = [];

/**
 * Every fd of one process, each socket explained. Esc/Backspace/q returns (q quits where
 * socktop started on the view: onQuit), `k` opens
 * the kill dialog, the table's Move keys (↑ ↓/j PgUp PgDn g/Home G/End) move the
 * selected fd row, its Sort keys (< > r) order the rows, and the table scrolls to keep it shown; the selected fd is explained
 * in full under the table. When the process exits the last known fds stay, dimmed, under a banner.
 */
export function PidView({pid: firstPid, request = noRequest, initialFd = null, initialSocket = null, collector, services, ephemeral, ephemeralSetting = null, interval, isPaused, width, height, onBack, onQuit, onTogglePause, isActive = true, onForwardKey, takeHandedKeys, slowReadAfterMs, theme = plainTheme, message = null, row = null}: Props) {
	// Enter on an fd's peer opens that process here; Esc comes back along the trail.
	const trail = usePidTrail(firstPid, initialFd);
	const {pid} = trail.current;
	const {detail, lastAlive, lastSeen, exitSeen, error, reusedBy, unsure, slowReadSeconds, reads} = useProcessDetail(collector, pid, interval, isPaused, slowReadAfterMs, trail.current.startToken, trail.current.reads, trail.depth === 0 ? row : null);

	const isGone = detail !== null && hasExited(detail);
	// A zombie opened as such has nothing older to show: its own entry (state Z, parent) is what there is, also once reaped.
	const shown = isGone ? (lastAlive ?? lastSeen) : detail;
	const zombieOf = isGone ? (detail.process?.ppid ?? undefined) : undefined;
	const info = shown?.process ?? null;
	// Once it has exited, what the last read said (a zombie's state Z), not the FDs' read alive's "S (sleeping)".
	const facts = info === null ? null : isGone ? exitedFacts({latest: detail, lastAlive, lastSeen, exitSeen}) : processFacts(info, fdCountOf(shown!), shown!.time, shown!.netns ?? null);
	// k only where it can do something: a live process, from a source that can signal.
	const canSignal = info !== null && !isGone && collector.signal !== undefined;
	// Denied its fds, it is likely another user's: the title offers k only if kill(pid, 0) allows it (k still says why not).
	const isSignalRefused = useSignalRefused(collector.checkSignal, pid, canSignal && shown?.denied !== null && shown?.denied !== undefined);
	// The `?` list offers what works here, as the title does: no k without something to signal or where kill(pid, 0)
	// refuses it, no Space for a capture (never refreshed).
	const isStart = onQuit !== undefined;
	const canSignalNow = canSignal && !isSignalRefused;
	const helpKeymap = useMemo(() => pidKeymapFor(!isCapture(collector), canSignalNow, isStart), [canSignalNow, collector, isStart]);
	const helpSize = useMemo(() => helpLayout(helpKeymap, width, height, theme.isAscii), [helpKeymap, width, height, theme.isAscii]);
	// The command line's filters narrow the fds listed (--pid's view only, not a peer's Enter opened from it);
	// what it asked is said above the table. The rows they leave are every row of the `/` filter's: it filters within them.
	const viewRequest = trail.depth === 0 ? request : noRequest;
	const {notes: asked, fds: allFds} = useMemo(() => requestNotes(shown?.fds ?? noFds, viewRequest, shown?.process ?? null), [shown, viewRequest]);
	const allRows = useMemo(() => allFds.map(fd => fdRow(fd, pid)), [allFds, pid]);
	// The rows in the order `<`, `>` and `r` choose (--sort's on the view socktop started on), and whether RECV-Q and SEND-Q show.
	const sorted = usePidSort({pid, fds: allFds, rows: allRows, initial: request.sort});
	// The `/` filter (usePidKeys types it; --filter's text first): the table shows the rows it passes.
	const [filter, setFilterState] = useState<PidFilter>({text: request.filters?.text ?? '', isFiltering: false});
	const {fds, rows} = useMemo(() => passedRows(sorted.fds, sorted.rows, filter.text), [sorted.fds, sorted.rows, filter.text]);
	const {visit, fd: visitFd, index: visitIndex, offset: visitOffset} = trail.current;
	const cursor = usePidCursor({pid, initialFd: visitFd, initialSocket, fds, allFds: sorted.fds, visit, initialIndex: visitIndex, initialOffset: visitOffset});
	const {selected, selectedFd} = cursor;
	// As of the last key, for the keys of one chunk after it (Enter then Esc).
	const now = useRef({pid, filter, startToken: info?.startToken ?? null, reads: reads as ProcessReads | null});
	now.current = {pid, filter, startToken: info?.startToken ?? null, reads};
	const setFilter = (next: PidFilter) => {
		now.current = {...now.current, filter: next};
		setFilterState(next);
	};

	const follow = (): Followed => {
		const here = cursor.where();
		const peer = peerToFollow(here.descriptor, now.current.pid);
		if (typeof peer === 'string') return {refused: peer, fd: here.fd};
		cursor.restart();
		const {pid: from, filter: fromFilter, startToken, reads: fromReads} = now.current;
		now.current = {...now.current, pid: peer.pid, startToken: null, reads: null};
		trail.follow({pid: from, fd: here.fd, index: here.index, offset: here.offset, filter: fromFilter.text, startToken, reads: fromReads}, {pid: peer.pid, fd: peer.fd});
		return {filter: {text: '', isFiltering: false}};
	};

	const pop = (): PidFilter | null => {
		const earlier = trail.back();
		if (earlier === null) return null;
		cursor.restart();
		now.current = {...now.current, pid: earlier.pid, startToken: earlier.startToken, reads: earlier.reads ?? null};
		return {text: earlier.filter, isFiltering: false};
	};

	const {helpTop, isKilling, status, handleKey, takeKillKeys, onKillDone} = usePidKeys({
		pid,
		isLive: !isCapture(collector),
		helpSize,
		canKill: info !== null && !isGone,
		// As the banner says it: a PID never seen alive may never have had a process, and one that may be the row's after exec has not exited.
		goneText: killGoneText(pid, shown === null, reusedBy, unsure === null ? null : {of: row?.command ?? '?', renamed: unsure}),
		isReading: detail === null,
		isActive,
		move: cursor.move,
		onSort: sorted.onSort,
		filter,
		onFilter: setFilter,
		onFollow: follow,
		selectedFd: selectedFd?.fd ?? null,
		onPop: pop,
		onBack,
		onQuit,
		onTogglePause,
		onForwardKey,
		takeHandedKeys,
	});
	// For the kill dialog: a socket other processes hold too stays bound when this one is killed, and a port other sockets share stays served.
	const sharedText = useMemo(() => outlivingInFds(pid, allFds, selectedFd?.fd ?? null), [pid, allFds, selectedFd]);
	// Each fd in words, the selected one in full (a socket's sentence, or any other fd's type and
	// whole target), and what "ephemeral" means under it when its sentence calls a port so.
	const {sentences, selectedText, selectedNote} = useFdExplanations({pid, services, ephemeral, ephemeralSetting, shown, fds, selectedFd, selected, isGone});
	const selectedWanted = selectedText === null ? 0 : selectedLineCount(selectedText, selectedNote, width, SELECTED_MAX_LINES);
	// The filter prompt takes the bottom line while it is open.
	const bodyHeight = filter.isFiltering ? height - 1 : height;
	// Whole, for the lines left blank when everything fits (only then: no more rows than lines).
	const canSpare = rows.length < bodyHeight;
	const selectedWhole = selectedText === null || !canSpare ? selectedWanted : selectedLineCount(selectedText, selectedNote, width, bodyHeight);
	const [explanationCount, explanationsWhole] = useMemo(() => {
		// Past the body's height the layout is the same: counted no further.
		const others = {skip: selected, enough: bodyHeight};
		const two = explanationLineCount(sentences, width, 2, others);
		return [two, canSpare ? explanationLineCount(sentences, width, bodyHeight, others) : two];
	}, [sentences, selected, width, canSpare, bodyHeight]);

	const notices = pidNotices({pid, width, isGone, shown, lastAlive, reusedBy, zombieOf, error, status, asked, message, rowCommand: trail.depth === 0 && row !== null ? (row.command ?? '?') : null, unsure});
	// Notices say what went wrong and what would help: up to three lines each, never cut short on a normal screen.
	const wrapped = notices.map(notice => ({...notice, lines: wrapText(notice.text, width, 3)}));
	const wrappedLines = wrapped.reduce((sum, notice) => sum + notice.lines.length, 0);
	// The kill dialog needs its lines whatever else is on screen: a bordered box, else three plain
	// lines, and on the shortest screens the notices make way for it.
	const roomForDialog = bodyHeight - 1 - (rows.length > 0 ? FD_TABLE_CHROME + 1 : 1) - wrappedLines;
	const isCompactDialog = roomForDialog < KILL_DIALOG_LINES;
	const killLines = useKillDialogLines(isKilling, isCompactDialog);
	const dialogLines = killLines.lines;
	const noticeLines = isKilling && roomForDialog < dialogLines ? [] : wrapped;
	const layout = layoutPidView({
		height: bodyHeight,
		hasProcess: info !== null,
		noticeLines: noticeLines.reduce((sum, notice) => sum + notice.lines.length, 0),
		dialogLines,
		rows: rows.length,
		selected: selectedWanted,
		explanations: explanationCount,
		selectedWhole,
		explanationsWhole,
		cmdline: facts === null ? 1 : cmdlineLineCount(facts, width, CMDLINE_MAX_LINES),
		socketsLine: facts !== null && hasSocketsLine(facts, width),
	});
	const top = cursor.place(layout.tableRows);

	const selectedLines = selectedText === null ? [] : selectedBlock(selectedText, selectedNote, width, layout.selectedLines);
	const lines = [
		...selectedLines,
		...explanationLines(
			sliceOf(sentences, top, top + layout.tableRows).filter((each, index): each is string => each !== null && top + index !== selected),
			layout.explainLines,
			width,
		),
	];

	// Enter's own rule: the title offers it where Enter would open a view.
	const canFollow = typeof peerToFollow(selectedFd, pid) !== 'string';
	// Rows by position, not fd numbers (fd 0 is row 1), out of the rows read; Open FDs may count more.
	const title = pidTitle({pid, command: info === null ? null : info.command, isPaused, canSignal: canSignalNow, canFollow, isAscii: theme.isAscii, filter: filter.text, top, page: layout.tableRows, shown: rows.length, total: allRows.length}, width);

	if (helpTop !== null) {
		return <Help width={width} height={height} theme={theme} top={helpTop} keymap={helpKeymap} title={`PID ${pid}: keys`} message={message} />;
	}

	return (
		<Box flexDirection="column" width={width} height={filter.isFiltering ? height : undefined}>
			<Text inverse>{title}</Text>
			{facts !== null && <PidHeader facts={facts} lines={layout.factLines} cmdlineLines={layout.cmdlineLines} width={width} isDim={isGone} />}
			{noticeLines.flatMap(notice =>
				notice.lines.map((line, index) => (
					<Text key={`${notice.text}:${index}`} {...noticeStyle(notice.kind, theme)}>
						{line}
					</Text>
				)),
			)}
			{detail === null && error === null ? (
				<Text dimColor>{fit(slowReadSeconds === null ? 'Reading…' : `Reading… ${describeSlowScan(collector.name, slowReadSeconds)}`, width)}</Text>
			) : allRows.length === 0 ? (
				<Text dimColor>{fit(shown?.denied ? 'No open files readable.' : (shown?.fds.length ?? 0) > 0 ? 'No fd passes the filters.' : 'No open files.', width)}</Text>
			) : rows.length === 0 ? (
				<Text dimColor>{fit(`No fd matches "${sanitize(filter.text)}" (Esc clears the filter).`, width)}</Text>
			) : (
				<PidFdTable rows={rows} widthRows={allRows} offset={top} count={layout.tableRows} selected={selected} width={width} isDim={isGone} hasQueues={sorted.hasQueues} sort={sorted.sort} />
			)}
			{lines.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} dimColor={isGone}>
					{line}
				</Text>
			))}
			{isKilling && info !== null && (
				<KillDialog
					isCompact={isCompactDialog}
					theme={theme}
					width={width}
					isActive={isActive}
					pid={pid}
					command={info.command}
					send={collector.signal}
					identify={collector.identify}
					check={collector.checkSignal}
					startToken={info.startToken}
					shared={sharedText}
					onDone={message => {
						killLines.onClose();
						onKillDone(message);
					}}
					onLines={killLines.onLines}
					onForwardKey={handleKey}
					takeHandedKeys={takeKillKeys}
				/>
			)}
			{filter.isFiltering && (
				<>
					{/* On the bottom line, as the table's prompt. */}
					<Box flexGrow={1} />
					<FilterPrompt text={filter.text} error={fdQuery(filter.text).hint} width={width} theme={theme} />
				</>
			)}
		</Box>
	);
}

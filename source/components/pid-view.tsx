import {Box, type Key, Text, useInput} from 'ink';
import {useEffect, useMemo, useRef, useState} from 'react';
import {type Collector, isCapture} from '../collect/collector.js';
import {displayWidth, fit, sanitize} from '../format/escape.js';
import {describeFd, explainFd, listeningOf} from '../format/pid.js';
import {type ForwardKey, keyPresses, restOf} from '../hooks/key-presses.js';
import {useProcessDetail} from '../hooks/use-process-detail.js';
import {fdCountOf, fdRow, fdSentenceLabel, processFacts} from '../model/pid-rows.js';
import {type Action, isMove, pidActionFor, pidKeymapFor} from '../keymap.js';
import {type FileDescriptor, hasExited} from '../model/process.js';
import type {PortRange} from '../options.js';
import type {ServiceTable} from '../services/types.js';
import type {Socket} from '../model/types.js';
import {socketKey} from '../model/diff.js';
import {createTheme, type Theme} from '../theme.js';
import {Help, helpKey} from './help.js';
import {describeSlowScan} from './header.js';
import {COMPACT_KILL_DIALOG_LINES, KILL_DIALOG_LINES, KillDialog} from './kill-dialog.js';
import {FD_TABLE_CHROME, PidFdTable} from './pid-fd-table.js';
import {PidHeader} from './pid-header.js';
import {explanationLineCount, explanationLines, layoutPidView, SELECTED_MAX_LINES, wrapKeepingEnd, wrapText} from './pid-layout.js';

type Props = {
	readonly pid: number;
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
	/** Seconds between reads, as the table refreshes. */
	readonly interval: number;
	readonly isPaused: boolean;
	readonly width: number;
	readonly height: number;
	readonly onBack: () => void;
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
	readonly takeHandedKeys?: () => ReadonlyArray<{readonly input: string; readonly key: Key}>;
	/** For the `?` screen (the rest of the view colours by meaning itself). */
	readonly theme?: Theme;
};

const plainTheme = createTheme(false);

/**
 * A missing tool's line ('unix peers: ss (iproute2) is not installed') for a width: as it is where it
 * fits, else without the package ('unix peers: ss is not installed', one line at 40 columns).
 */
const missingToolNote = (line: string, width: number) => (displayWidth(line) <= width ? line : line.replace(/ \([^)]*\)/u, ''));

/** Said when k comes before the first read; it goes once the read is shown. */
const stillReading = (pid: number) => `Still reading PID ${pid}; press k again once it is shown.`;

/**
 * The selected row by the fd it shows, so it stays on that fd across refreshes; `index`
 * is where it was, for when that fd closes (the row now there is selected).
 */
type Cursor = {readonly fd: number | null; readonly index: number};

/** The row of `cursor` among `fds`: its fd's row, else the nearest row to where it was; -1 without rows. */
function cursorRow(cursor: Cursor, fds: readonly FileDescriptor[]): number {
	const found = cursor.fd === null ? -1 : fds.findIndex(fd => fd.fd === cursor.fd);
	return found === -1 ? Math.min(cursor.index, fds.length - 1) : found;
}

/** The first row shown: `offset` (where the table was scrolled), moved just enough to show row `selected`. */
function topRow(offset: number, selected: number, page: number, count: number): number {
	const top = Math.max(0, Math.min(offset, count - page));
	return selected < top ? selected : selected >= top + page ? selected - page + 1 : top;
}


/**
 * Every fd of one process, each socket explained. Esc/Backspace/q returns, `k` opens
 * the kill dialog, the table's Move keys (↑ ↓/j PgUp PgDn g/Home G/End) move the
 * selected fd row, and the table scrolls to keep it shown; the selected fd is explained
 * in full under the table. When the process exits the last known fds stay, dimmed, under a banner.
 */
export function PidView({pid, initialFd = null, initialSocket = null, collector, services, ephemeral, interval, isPaused, width, height, onBack, onTogglePause, isActive = true, onForwardKey, takeHandedKeys, slowReadAfterMs, theme = plainTheme}: Props) {
	const {detail, lastAlive, error, reusedBy, slowReadSeconds} = useProcessDetail(collector, pid, interval, isPaused, slowReadAfterMs);
	const [offset, setOffset] = useState(0);
	const [cursor, setCursor] = useState<Cursor>({fd: initialFd, index: 0});
	const [isKilling, setIsKilling] = useState(false);
	// The `?` screen's first line, or null while it is closed; the view goes on reading under it.
	const [helpTop, setHelpTop] = useState<number | null>(null);
	const [status, setStatus] = useState<string | null>(null);
	const [servicesVersion, setServicesVersion] = useState(0);

	useEffect(() => {
		// Another PID: start at the fd it was opened on, else its first.
		setOffset(0);
		setCursor({fd: initialFd, index: 0});
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [pid]);

	useEffect(() => {
		let isCurrent = true;
		// lookup() answers null until the table is loaded; draw again once it is, or once it failed
		// (IANA then answers alone). A load error is the table view's to show.
		const redraw = () => isCurrent && setServicesVersion(version => version + 1);
		services.load().then(redraw, redraw);
		return () => {
			isCurrent = false;
		};
	}, [services]);

	useEffect(() => {
		if (detail !== null) setStatus(current => (current === stillReading(pid) ? null : current));
	}, [detail, pid]);

	const isGone = detail !== null && hasExited(detail);
	// A zombie opened as such has nothing older to show: its own entry (state Z, parent) is what there is.
	const shown = isGone ? (lastAlive ?? (detail.process === null ? null : detail)) : detail;
	const zombieOf = isGone ? (detail.process?.ppid ?? undefined) : undefined;
	const info = shown?.process ?? null;
	// k only where it can do something: a live process, from a source that can signal.
	const canSignal = info !== null && !isGone && collector.signal !== undefined;
	// The `?` list offers what works here: no k without something to signal, no Space for a capture (never refreshed).
	const helpKeymap = useMemo(() => pidKeymapFor(!isCapture(collector), canSignal), [canSignal, collector]);
	// The help has a line per key.
	const helpLineCount = helpKeymap.length;
	const fds = shown?.fds ?? [];
	const rows = useMemo(() => fds.map(fd => fdRow(fd, pid)), [fds, pid]);
	// A process in another network namespace uses that namespace's range (when it could be read).
	const ctx = useMemo(() => ({services, ephemeral: shown?.ephemeral ?? ephemeral}), [services, shown, ephemeral]);
	const listening = useMemo(() => (shown === null ? undefined : listeningOf(shown)), [shown]);
	const explained = useMemo(
		() => fds.map(fd => explainFd(fd, ctx, listening)),
		// servicesVersion: the same table answers differently once loaded.
		[fds, ctx, listening, servicesVersion],
	);
	const sentences = useMemo(
		() => explained.map((each, index) => (each === null ? null : `${fdSentenceLabel(fds[index]!, pid)}: ${each.sentence}`)),
		[explained, fds, pid],
	);
	const selected = cursorRow(cursor, fds);
	const selectedFd = fds[selected];
	useEffect(() => {
		// The selected fd has closed: the row that took its place is the selection from now on, so
		// later closes and opens do not move it (the cursor would go on looking for the closed fd).
		if (selectedFd !== undefined && cursor.fd !== null && cursor.fd !== selectedFd.fd) setCursor({fd: selectedFd.fd, index: selected});
	}, [cursor, selectedFd, selected]);
	// The selected fd in full: a socket's sentence, or any other fd's type and whole target.
	const selectedText = useMemo(
		() => (selectedFd === undefined ? null : `${fdSentenceLabel(selectedFd, pid)}: ${describeFd(selectedFd, ctx, listening, pid)}`),
		[selectedFd, ctx, listening, pid, servicesVersion],
	);
	const selectedWanted = selectedText === null ? 0 : wrapText(selectedText, width, SELECTED_MAX_LINES).length;
	const explanationCount = useMemo(
		() => explanationLineCount(sentences.filter((each, index): each is string => each !== null && index !== selected), width),
		[sentences, selected, width],
	);

	const notices = [
		isGone
			? {
					// Never seen alive (--pid of a PID no process has): it may never have existed.
					text: shown === null && reusedBy === null ? `No process ${pid}: it has exited or never existed.` : `Process ${pid} has exited${zombieOf === undefined ? '' : `; its parent${zombieOf === null ? '' : ` (PID ${zombieOf})`} has not collected its exit status yet (a zombie)`}${reusedBy === null ? '' : `; PID ${pid} now belongs to another process (${sanitize(reusedBy)})`}${lastAlive === null ? '' : '; its last known FDs are shown dimmed'}.`,
					color: 'red',
				}
			: null,
		shown?.denied ? {text: sanitize(shown.denied), color: 'yellow'} : null,
		// Why unix peers go unnamed ("a peer socktop cannot name"), in the words of the table's header.
		...(shown?.missingTools ?? []).map(line => ({text: missingToolNote(sanitize(line), width), color: 'yellow'})),
		error === null ? null : {text: `Could not read PID ${pid}: ${sanitize(error)}`, color: 'red'},
		status === null ? null : {text: sanitize(status), color: undefined},
	].filter(each => each !== null);

	// Notices say what went wrong and what would help: up to three lines each, never cut short on a normal screen.
	const wrapped = notices.map(notice => ({...notice, lines: wrapText(notice.text, width, 3)}));
	const wrappedLines = wrapped.reduce((sum, notice) => sum + notice.lines.length, 0);
	// The kill dialog needs its lines whatever else is on screen: a bordered box, else three plain
	// lines, and on the shortest screens the notices make way for it.
	const roomForDialog = height - 1 - (rows.length > 0 ? FD_TABLE_CHROME + 1 : 1) - wrappedLines;
	const isCompactDialog = roomForDialog < KILL_DIALOG_LINES;
	const dialogLines = !isKilling ? 0 : isCompactDialog ? COMPACT_KILL_DIALOG_LINES : KILL_DIALOG_LINES;
	const noticeLines = isKilling && roomForDialog < dialogLines ? [] : wrapped;
	const layout = layoutPidView({
		height,
		hasProcess: info !== null,
		noticeLines: noticeLines.reduce((sum, notice) => sum + notice.lines.length, 0),
		dialogLines,
		rows: rows.length,
		selected: selectedWanted,
		explanations: explanationCount,
	});
	const top = topRow(offset, selected, layout.tableRows, rows.length);
	// Ink may deliver a key to the handler of an earlier render; the handler reads the current numbers from here.
	const current = {fds, selected, top, page: layout.tableRows, canKill: info !== null && !isGone, isReading: detail === null, isKilling, helpTop, helpLineCount, isActive};
	const scroll = useRef(current);
	scroll.current = current;

	const pendingMoves = useRef<Action[]>([]);
	// One Move key: select a row (clamped), the table scrolled as little as shows it; a page key
	// moves the selection and the rows by a screen, as in the table.
	const move = (action: Action) => {
		const {fds, selected, top, page} = scroll.current;
		if (fds.length === 0) return;
		const steps: Partial<Record<Action, readonly [row: number, offset: number]>> = {
			up: [selected - 1, top],
			down: [selected + 1, top],
			pageUp: [selected - page, top - page],
			pageDown: [selected + page, top + page],
			top: [0, 0],
			bottom: [fds.length - 1, fds.length],
		};
		const [next, offset] = steps[action] ?? [selected, top];
		const row = Math.max(0, Math.min(fds.length - 1, next));
		const shownTop = topRow(offset, row, page, fds.length);
		setCursor({fd: fds[row]!.fd, index: row});
		setOffset(shownTop);
		scroll.current = {...scroll.current, selected: row, top: shownTop};
	};

	// The socket Enter was pressed on, when it had no fd to select by: found once the rows are there.
	const socketToSelect = useRef(initialFd === null ? initialSocket : null);
	useEffect(() => {
		const wanted = socketToSelect.current;
		if (fds.length === 0 || wanted === null) return;
		socketToSelect.current = null;
		// The diff's identity: for a socket without an inode (a capture's), its ends and holder.
		const key = socketKey(wanted);
		const row = fds.findIndex(fd => fd.socket !== null && socketKey(fd.socket) === key);
		if (row > 0) {
			setCursor({fd: fds[row]!.fd, index: row});
			scroll.current = {...scroll.current, selected: row};
		}
	}, [fds]);

	useEffect(() => {
		if (fds.length === 0 || pendingMoves.current.length === 0) return;
		for (const action of pendingMoves.current.splice(0)) move(action);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [fds]);

	const hasLeft = useRef(false);
	// One key of a chunk; false once the rest of the chunk no longer belongs to this view.
	const press = (input: string, key: Key, rest: string): boolean => {
		const action = pidActionFor(input, key, !isCapture(collector));
		if (action === 'back' && scroll.current.helpTop === null) {
			hasLeft.current = true;
			onBack();
			if (rest !== '') {
				onForwardKey?.(rest, key);
			}

			return false;
		}

		const {canKill, isReading, helpTop} = scroll.current;
		if (helpTop !== null) {
			// The help's keys scroll it; any other closes it and does nothing else (as the table's help).
			// Ctrl-C and Ctrl-Z are the live view's, on every screen.
			if (key.ctrl && (input === 'c' || input === 'z')) return true;
			const next = helpKey(key, helpTop, height, scroll.current.helpLineCount, input);
			setHelpTop(next);
			scroll.current = {...scroll.current, helpTop: next};
			return true;
		}

		if (action === 'help') {
			setHelpTop(0);
			scroll.current = {...scroll.current, helpTop: 0};
		} else if (action === 'pause') {
			onTogglePause?.();
		} else if (action === 'kill') {
			if (canKill) {
				setStatus(null);
				setIsKilling(true);
				scroll.current = {...scroll.current, isKilling: true};
				// Like the table's k: the rest of the chunk was not typed at the dialog.
				return false;
			}

			setStatus(isReading ? stillReading(pid) : `Process ${pid} is not running; there is nothing to signal.`);
		} else if (action !== null && isMove(action)) {
			// Typed while the view still reads (G before the rows are there): done once they are.
			if (scroll.current.fds.length === 0) pendingMoves.current.push(action);
			else move(action);
		}

		return true;
	};

	const handleKey = (input: string, key: Key) => {
		if (hasLeft.current) {
			onForwardKey?.(input, key);
			return;
		}

		// Hidden (too small): the live view's too-small keys take it. The handler stays subscribed, so that
		// the first key after the terminal grows back is this view's, before React's effects run again.
		if (!scroll.current.isActive) {
			return;
		}

		// A handler of an earlier render can still be subscribed for a moment after `k`; the dialog owns the keys then.
		if (scroll.current.isKilling) {
			return;
		}

		const presses = keyPresses(input, key);
		for (const [index, each] of presses.entries()) {
			if (!press(each.input, each.key, restOf(presses, index))) {
				return;
			}
		}
	};

	useInput(handleKey, {isActive: !isKilling});

	useEffect(() => {
		// Listening from now on: first the keys typed while this view was opening (dropped if it opened
		// hidden, the terminal too small: taken all the same, so the next keys are the too-small screen's).
		for (const {input, key} of takeHandedKeys?.() ?? []) handleKey(input, key);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	const selectedLines = selectedText === null ? [] : wrapKeepingEnd(selectedText, width, layout.selectedLines);
	const lines = [
		...selectedLines,
		...explanationLines(
			sentences.slice(top, top + layout.tableRows).filter((each, index): each is string => each !== null && top + index !== selected),
			layout.explainLines,
			width,
		),
	];

	// Rows by position, not fd numbers (fd 0 is row 1), out of the rows read; Open FDs may count more.
	const range = rows.length > layout.tableRows ? ` · rows ${top + 1}-${top + layout.tableRows} of ${rows.length}` : '';
	// Cut from the right on a narrow screen: paused (a state, said nowhere else on this screen) right
	// after the process, then how to leave and ? (which lists every key), then the rest.
	const who = ` PID ${pid}${info === null ? '' : ` ${sanitize(info.command)}`}`;
	const head = `${who}${isPaused ? ' · paused' : ''} · Esc back · ? help`;
	const title = `${head}${canSignal ? ' · k kill' : ''} · ↑↓ select${range}`;

	if (helpTop !== null) {
		return <Help width={width} height={height} theme={theme} top={helpTop} keymap={helpKeymap} title={`PID ${pid}: keys`} />;
	}

	return (
		<Box flexDirection="column" width={width}>
			<Text inverse>{fit(title, width)}</Text>
			{info !== null && (
				<PidHeader facts={processFacts(info, fdCountOf(shown!), shown!.time)} lines={layout.factLines} width={width} isDim={isGone} />
			)}
			{noticeLines.flatMap(notice =>
				notice.lines.map((line, index) => (
					<Text key={`${notice.text}:${index}`} color={notice.color}>
						{line}
					</Text>
				)),
			)}
			{detail === null && error === null ? (
				<Text dimColor>{fit(slowReadSeconds === null ? 'Reading…' : `Reading… ${describeSlowScan(collector.name, slowReadSeconds)}`, width)}</Text>
			) : rows.length === 0 ? (
				<Text dimColor>{fit(shown?.denied ? 'No open files readable.' : 'No open files.', width)}</Text>
			) : (
				<PidFdTable rows={rows} offset={top} count={layout.tableRows} selected={selected} width={width} isDim={isGone} />
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
					isActive={isActive}
					pid={pid}
					command={info.command}
					send={collector.signal}
					identify={collector.identify}
					startToken={info.startToken}
					onDone={message => {
						setIsKilling(false);
						scroll.current = {...scroll.current, isKilling: false};
						setStatus(message);
					}}
					onForwardKey={handleKey}
				/>
			)}
		</Box>
	);
}

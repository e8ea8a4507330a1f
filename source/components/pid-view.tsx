import {Box, Text, useInput} from 'ink';
import {useEffect, useMemo, useState} from 'react';
import type {Collector} from '../collect/collector.js';
import {fit, sanitize} from '../format/escape.js';
import {useProcessDetail} from '../hooks/use-process-detail.js';
import {fdCountOf, fdRow, processFacts} from '../model/pid-rows.js';
import type {PortRange} from '../options.js';
import type {ServiceTable} from '../services/types.js';
import {KillDialog} from './kill-dialog.js';
import {FD_TABLE_CHROME, PidFdTable} from './pid-fd-table.js';

type Props = {
	readonly pid: number;
	readonly collector: Collector;
	readonly services: ServiceTable;
	readonly ephemeral: PortRange | null;
	/** Seconds between reads, as the table refreshes. */
	readonly interval: number;
	readonly isPaused: boolean;
	readonly width: number;
	readonly height: number;
	readonly onBack: () => void;
};

/**
 * Every fd of one process, each inet port explained. Esc/Backspace returns,
 * `k` opens the kill dialog, j/↓ ↑ PgUp PgDn Home End scroll the FD table.
 */
export function PidView({pid, collector, interval, isPaused, width, height, onBack}: Props) {
	const {detail, lastAlive, error} = useProcessDetail(collector, pid, interval, isPaused);
	const [offset, setOffset] = useState(0);
	const [isKilling, setIsKilling] = useState(false);
	const [status, setStatus] = useState<string | null>(null);

	const isGone = detail !== null && detail.process === null;
	const shown = isGone ? lastAlive : detail;
	const info = shown?.process ?? null;
	const rows = useMemo(() => (shown?.fds ?? []).map(fd => fdRow(fd)), [shown]);

	const facts = info === null ? [] : processFacts(info, shown === null ? null : fdCountOf(shown), shown?.time ?? Date.now());
	const headerLines = 1 + (facts.length > 0 ? 4 : 0);
	const noticeLines = (isGone ? 1 : 0) + (shown?.denied ? 1 : 0) + (error === null ? 0 : 1) + (status === null ? 0 : 1);
	const dialogLines = isKilling ? 8 : 0;
	const tableRows = Math.max(1, height - headerLines - noticeLines - dialogLines - FD_TABLE_CHROME - 1);
	const maxOffset = Math.max(0, rows.length - tableRows);

	useEffect(() => {
		setOffset(current => Math.min(current, maxOffset));
	}, [maxOffset]);

	useInput(
		(input, key) => {
			if (key.escape || key.backspace || key.delete) {
				onBack();
			} else if (input === 'k' && info !== null && !isGone) {
				setStatus(null);
				setIsKilling(true);
			} else if (key.downArrow || input === 'j') {
				setOffset(current => Math.min(maxOffset, current + 1));
			} else if (key.upArrow) {
				setOffset(current => Math.max(0, current - 1));
			} else if (key.pageDown || input === ' ') {
				setOffset(current => Math.min(maxOffset, current + tableRows));
			} else if (key.pageUp) {
				setOffset(current => Math.max(0, current - tableRows));
			} else if (key.home || input === 'g') {
				setOffset(0);
			} else if (key.end || input === 'G') {
				setOffset(maxOffset);
			}
		},
		{isActive: !isKilling},
	);

	const line = (text: string) => fit(text, width);
	const factText = (labels: readonly string[]) =>
		facts
			.filter(fact => labels.includes(fact.label))
			.map(fact => `${fact.label} ${fact.value}`)
			.join('  ');

	return (
		<Box flexDirection="column" width={width}>
			<Text inverse>{line(` PID ${pid}${info === null ? '' : ` · ${sanitize(info.command)}`} · Esc back · k kill · ↑/↓ scroll${isPaused ? ' · paused' : ''}`)}</Text>
			{facts.length > 0 && (
				<>
					<Text>{line(factText(['PID', 'PPID', 'User', 'State', 'Threads']))}</Text>
					<Text>{line(factText(['Cmdline']))}</Text>
					<Text>{line(factText(['Started', 'Open FDs']))}</Text>
					<Text>{line(factText(['Cwd', 'Exe']))}</Text>
				</>
			)}
			{isGone && <Text color="red">{line(`Process ${pid} has exited; its last known FDs are shown dimmed.`)}</Text>}
			{shown?.denied ? <Text color="yellow">{line(shown.denied)}</Text> : null}
			{error !== null && <Text color="red">{line(`Could not read PID ${pid}: ${sanitize(error)}`)}</Text>}
			{status !== null && <Text>{line(status)}</Text>}
			{detail === null ? (
				<Text dimColor>{line('Reading…')}</Text>
			) : (
				<PidFdTable rows={rows} offset={offset} count={tableRows} width={width} isDim={isGone} />
			)}
			{isKilling && info !== null && (
				<KillDialog
					pid={pid}
					command={info.command}
					startToken={info.startToken}
					onDone={message => {
						setIsKilling(false);
						setStatus(message);
					}}
				/>
			)}
		</Box>
	);
}

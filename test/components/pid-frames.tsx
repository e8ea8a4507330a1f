import {render} from 'ink-testing-library';
import {expect} from 'vitest';
import type {Collector} from '../../source/collect/collector.js';
import {PidView} from '../../source/components/pid-view.js';
import type {ServiceTable} from '../../source/services/types.js';
import type {Theme} from '../../source/theme.js';
import {waitFor} from '../helpers/wait.js';
import {sshServices} from './pid-fixtures.js';

/**
 * Rendering the PID view for its tests (the view's, its cursor's and its keys'), and reading
 * its frames. A test file that reads dim or inverse must set FORCE_COLOR before Ink loads
 * (vi.hoisted): without a colour level Ink drops every attribute.
 */

/** Generous: the suite runs beside others on two busy cores. */
export {waitFor};

export const ESC = '\u001B';
export const stripAnsi = (text: string) => text.replaceAll(/\u001B\[[\d;]*m/g, '');

type Options = {
	readonly collector: Collector;
	readonly width?: number;
	readonly height?: number;
	readonly interval?: number;
	readonly isPaused?: boolean;
	readonly onBack?: () => void;
	readonly table?: ServiceTable;
	/** The fd to open on; fd 0 unless told, as Enter on a table row of fd 0 (null: as --pid N, on the first socket). */
	readonly initialFd?: number | null;
	readonly onTogglePause?: () => void;
	readonly theme?: Theme;
};

/** PID 812's view, with this machine's ephemeral range and a fast refresh unless told. */
export const view = ({collector, width = 100, height = 30, interval = 0.05, isPaused = false, onBack = () => undefined, table = sshServices, initialFd = 0, onTogglePause, theme}: Options) =>
	render(
		<PidView
			pid={812}
			initialFd={initialFd}
			onTogglePause={onTogglePause}
			collector={collector}
			services={table}
			ephemeral={[32_768, 60_999]}
			ephemeralSetting="net.ipv4.ip_local_port_range"
			interval={interval}
			isPaused={isPaused}
			width={width}
			height={height}
			onBack={onBack}
			theme={theme}
		/>,
	);

export type Instance = ReturnType<typeof view>;

/** The last frame without escapes, each line's trailing blanks dropped. */
export const frameOf = (instance: Instance) =>
	stripAnsi(instance.lastFrame() ?? '')
		.split('\n')
		.map(line => line.trimEnd())
		.join('\n');

/** Wait until the first read is drawn. */
export const loaded = async (instance: Instance) =>
	waitFor(() => {
		expect(frameOf(instance)).not.toMatch(/Reading…|^$/);
	});

/** Press `keys` and wait until the line under the FD table (the selected fd's explanation) starts with `line`. */
export async function press(instance: Instance, keys: string, line: string) {
	instance.stdin.write(keys);
	await waitFor(() => {
		const lines = frameOf(instance).split('\n');
		expect(lines[lines.findIndex(each => each.startsWith('└')) + 1]?.startsWith(line), lines.join('\n')).toBe(true);
	});
}

/** Type `keys` and wait until the frame shows `text`; returns its lines (as frameOf). */
export async function typeUntil(instance: Instance, keys: string, text: string): Promise<string[]> {
	instance.stdin.write(keys);
	await waitFor(() => {
		expect(frameOf(instance)).toContain(text);
	});
	return frameOf(instance).split('\n');
}

/** The frame's wrapped lines joined again (continuation lines are indented by two). */
export const joined = (frame: string) => frame.replaceAll('\n  ', ' ');

/** The FD rows drawn in inverse video, as their cells' words. */
export function inverseRows(instance: Instance): string[] {
	return (instance.lastFrame() ?? '')
		.split('\n')
		.filter(line => line.includes('\u001B[7m') && line.includes('│'))
		.map(line => stripAnsi(line).replaceAll('│', ' ').trim().replaceAll(/\s+/g, ' '));
}

/** Box-drawing rules and blanks: the table draws its rules dim whatever its rows are. */
const RULES = /[\s│┌┐└┘├┤┬┴┼─]/gu;

/**
 * The text of one raw frame line, split by whether it is drawn dim, leaving out the table's
 * rules and blanks: what the line's own cells look like, not its borders.
 */
export function dimText(raw: string): {readonly dim: string; readonly plain: string} {
	let isDim = false;
	let dim = '';
	let plain = '';
	for (const part of raw.split(/(\u001B\[[\d;]*m)/u)) {
		const sgr = /^\u001B\[([\d;]*)m$/u.exec(part);
		if (sgr === null) {
			const text = part.replaceAll(RULES, '');
			if (isDim) dim += text;
			else plain += text;
			continue;
		}

		// 2 is dim; 22 ends dim (and bold), 0 or nothing ends every attribute.
		for (const code of sgr[1]!.split(';')) {
			if (code === '2') isDim = true;
			else if (code === '22' || code === '0' || code === '') isDim = false;
		}
	}

	return {dim, plain};
}

/** The raw line of the last frame that shows `text` (once escapes are dropped). */
export function rawLineWith(instance: Instance, text: string): string {
	const line = (instance.lastFrame() ?? '').split('\n').find(each => stripAnsi(each).includes(text));
	expect(line, `a line with ${text}`).toBeDefined();
	return line!;
}

/**
 * Issue 8: how fast socktop starts, next to `node -e 0` in the same run.
 * First frame = from spawning `script` until the pty shows the table header;
 * the baseline is a node that prints that header at once, under the same pty.
 */
import process from 'node:process';
import {cli, median, ms, ratio, table, timeProcess} from './lib/measure.mjs';
import {scriptPty} from './lib/pty.mjs';

/** The column header row: on screen only once a frame with the table is drawn. */
export const TABLE_HEADER = /COMMAND/;
const COLS = 120;
const ROWS = 40;

/** Milliseconds until the first output byte and until the table header, in a fresh pty. */
const firstFrame = async (argv) => {
	const pty = scriptPty({argv, cols: COLS, rows: ROWS});
	try {
		const header = await pty.waitFor(TABLE_HEADER);
		return {firstByte: pty.chunks[0][0], header};
	} finally {
		await pty.close();
	}
};

export const benchStartup = async ({runs}) => {
	process.stderr.write('startup...\n');
	const node = process.execPath;
	const names = ['frame', 'frameBaseline', 'json', 'version', 'node'];
	const times = Object.fromEntries(names.map((name) => [name, []]));
	const firstBytes = [];
	for (let round = 0; round < runs; round++) {
		const steps = {
			frame: async () => {
				const result = await firstFrame([node, cli]);
				firstBytes.push(result.firstByte);
				return result.header;
			},
			frameBaseline: async () => (await firstFrame([node, '-e', 'process.stdout.write("COMMAND\\n")'])).header,
			json: () => timeProcess([node, cli, '--once', '--json']),
			version: () => timeProcess([node, cli, '--version']),
			node: () => timeProcess([node, '-e', '0']),
		};
		for (let i = 0; i < names.length; i++) {
			const name = names[(round + i) % names.length];
			times[name].push(await steps[name]());
		}
	}
	const base = median(times.node);
	const row = (label, values, target) => [label, ms(median(values)), ratio(median(values), base), target];
	const frame = median(times.frame);
	console.log(`\n### Startup (median wall ms of ${runs} runs, ${COLS}x${ROWS} pty via script(1))\n`);
	console.log(table(['what', 'median ms', 'x node -e 0', 'target'], [
		row('node -e 0', times.node, ''),
		row('pty baseline: node printing the header under script', times.frameBaseline, ''),
		row('live view: first output byte', firstBytes, ''),
		row('live view: first frame with the table header', times.frame, `${frame <= 3 * base ? 'met' : 'MISSED'} (<= 3x node -e 0)`),
		row('socktop --once --json (stdout /dev/null)', times.json, ''),
		row('socktop --version', times.version, ''),
	]));
	return {times, firstBytes};
};

import {describe, expect, it} from 'vitest';
import {writeBigCapture} from './helpers/big-capture.js';
import {runCli} from './helpers/run-cli.js';
import {tempDirectory} from './helpers/temp-directory.js';

/**
 * A one-shot run ends with process.exit (hangup.ts: so that Node puts back no terminal mode),
 * which drops what is still queued for a pipe: it must wait until its output has gone out,
 * even to a reader slower than socktop, and say its errors in full.
 */
const directory = tempDirectory('one-shot');

const capture = writeBigCapture(directory, 3000);

describe('one-shot output to a slow reader', () => {
	it.each([[['--once']], [['--json']], [['--pid', '4242', '--once']]])('%j: every byte arrives', async flags => {
		const whole = await runCli(['--import', capture, ...flags]);
		expect(whole.code).toBe(0);
		const args = ['--import', capture, ...flags].join(' ');
		const slow = await runCli([], {command: ['bash', '-c', `set -o pipefail; "${process.execPath}" dist/cli.js ${args} | (sleep 1; cat)`]});
		expect(slow.code).toBe(0);
		// --json's first field is the time of the scan.
		const timeless = (text: string) => text.replace(/^\{"time":"[^"]*"/, '');
		expect(timeless(slow.stdout)).toBe(timeless(whole.stdout));
	});
});

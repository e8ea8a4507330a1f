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
		// --json's second field is the time of the scan.
		const timeless = (text: string) => text.replace(/^\{"formatVersion":1,"time":"[^"]*"/, '');
		expect(timeless(slow.stdout)).toBe(timeless(whole.stdout));
	});
});

describe('one-shot output with no reader', () => {
	const shell = async (line: string) => runCli([], {command: ['bash', '-c', `set -o pipefail; ${line}`]});
	const socktop = `"${process.execPath}" dist/cli.js --import ${capture}`;

	it('exits 0 with stdout discarded however it was opened (>/dev/null, 1<>/dev/null as a parent\'s stdio "ignore" gives it)', async () => {
		const quiet = {code: 0, stdout: '', stderr: ''};
		expect(await shell(`${socktop} --once >/dev/null`)).toEqual(quiet);
		expect(await shell(`${socktop} --json 1<>/dev/null`)).toEqual(quiet);
	});

	it('fails with one line when the output cannot be written (>/dev/full)', async () => {
		expect(await shell(`${socktop} --once >/dev/full`)).toEqual({code: 1, stdout: '', stderr: 'socktop: ENOSPC: no space left on device, write\n'});
	});

	it('ends quietly with 0 when the reader stops early (--json | head -c 10: EPIPE, no stack)', async () => {
		const result = await shell(`${socktop} --json | head -c 10`);
		expect(result).toEqual({code: 0, stdout: '{"formatVe', stderr: ''});
	});
});

import {EventEmitter} from 'node:events';
import {describe, expect, it, vi} from 'vitest';
import {BACKGROUND_GRACE_MS, ENTER_SCREEN, LEAVE_SCREEN, describeCrash, enterScreen, handleExits, handleJobControl} from '../source/terminal.js';

class FakeTerminal {
	written = '';
	rawMode: boolean[] = [];
	isTTY = true;
	stdout = {
		write: (text: string) => {
			this.written += text;
			return true;
		},
	};

	stdin = {
		isTTY: true,
		setRawMode: (mode: boolean) => {
			this.rawMode.push(mode);
		},
	};
}

describe('enterScreen', () => {
	it('switches to the alternate screen with a hidden cursor and restores both, and raw mode, once', () => {
		const terminal = new FakeTerminal();
		const screen = enterScreen(terminal);
		expect(terminal.written).toBe(ENTER_SCREEN);
		expect(ENTER_SCREEN).toContain('\u001B[?1049h');
		expect(ENTER_SCREEN).toContain('\u001B[?25l');
		screen.restore();
		screen.restore();
		expect(terminal.written).toBe(ENTER_SCREEN + LEAVE_SCREEN);
		expect(LEAVE_SCREEN).toBe('\u001B[?2004l\u001B[?25h\u001B[0m\u001B[H\u001B[2J\u001B[?1049l');
		expect(terminal.rawMode).toEqual([false]);
	});

	it('restores without throwing when the terminal is gone (EIO after an SSH drop)', () => {
		const screen = enterScreen({
			stdout: {
				write() {
					throw Object.assign(new Error('write EIO'), {code: 'EIO'});
				},
			},
			stdin: {
				isTTY: true,
				setRawMode() {
					throw new Error('setRawMode EIO');
				},
			},
		});
		expect(() => {
			screen.restore();
		}).not.toThrow();
	});
});

describe('suspend and resume (Ctrl-Z, fg)', () => {
	it('lends the terminal back in line mode and takes it again in raw mode; restore after suspend touches it no more', () => {
		const terminal = new FakeTerminal();
		const screen = enterScreen(terminal);
		screen.suspend();
		screen.suspend();
		expect(terminal.written).toBe(ENTER_SCREEN + LEAVE_SCREEN);
		expect(terminal.rawMode).toEqual([false]);
		screen.resume();
		expect(terminal.written).toBe(ENTER_SCREEN + LEAVE_SCREEN + ENTER_SCREEN);
		expect(terminal.rawMode).toEqual([false, true]);
		screen.suspend();
		screen.restore();
		screen.resume();
		expect(terminal.written).toBe(ENTER_SCREEN + LEAVE_SCREEN + ENTER_SCREEN + LEAVE_SCREEN);
		// Not even raw mode: the shell set the terminal's mode when socktop stopped, and a background job setting it is stopped (SIGTTOU).
		expect(terminal.rawMode).toEqual([false, true, false]);
		expect(screen.isLent()).toBe(true);
	});

	/** handleJobControl over fake events, saying in `calls` what it did; `foreground.is` is what isForeground answers. */
	function jobControl() {
		const events = new EventEmitter();
		const calls: string[] = [];
		const foreground: {is: boolean | null} = {is: true};
		const jobs = handleJobControl(events, {
			suspend: () => calls.push('suspend'),
			resume: () => calls.push('resume'),
			// Sent with socktop's own SIGTSTP listener off: Node then puts back the default action, which stops it.
			stopProcess: target => calls.push(events.listenerCount('SIGTSTP') === 0 ? `stop ${target}` : `stop ${target}, SIGTSTP still caught`),
			isForeground: () => foreground.is,
			onNotStopped: () => calls.push('not stopped'),
		});
		return {events, calls, foreground, jobs};
	}

	/** Let the event loop go round `count` times, as it does before a SIGCONT that followed a stop would be reported. */
	async function turns(count = 3): Promise<void> {
		for (let turn = 0; turn < count; turn++) {
			await new Promise(resolve => {
				setImmediate(resolve);
			});
		}
	}

	it('stops after giving the terminal back: Ctrl-Z its process group, SIGTSTP socktop alone; resumes on SIGCONT', async () => {
		const {events, calls, jobs} = jobControl();
		jobs.stop();
		events.emit('SIGCONT');
		events.emit('SIGTSTP');
		events.emit('SIGCONT');
		await turns();
		expect(calls).toEqual(['suspend', 'stop group', 'resume', 'suspend', 'stop self', 'resume']);
		expect(events.listenerCount('SIGTSTP')).toBe(1);
		jobs.remove();
		expect(events.listenerCount('SIGTSTP') + events.listenerCount('SIGCONT')).toBe(0);
	});

	it('takes the terminal back and says so when the stop stopped nothing (no SIGCONT came: an orphaned process group)', async () => {
		const {events, calls, foreground, jobs} = jobControl();
		jobs.stop();
		expect(calls).toEqual(['suspend', 'stop group']);
		await turns();
		expect(calls).toEqual(['suspend', 'stop group', 'resume', 'not stopped']);
		events.emit('SIGTSTP');
		await turns();
		expect(calls.slice(4)).toEqual(['suspend', 'stop self', 'resume', 'not stopped']);
		// In the background the terminal stays the shell's; once socktop is ending, nothing is taken or said.
		foreground.is = false;
		calls.length = 0;
		jobs.stop();
		await turns();
		foreground.is = true;
		jobs.stop();
		jobs.remove();
		await turns();
		expect(calls).toEqual(['suspend', 'stop group', 'suspend', 'stop group']);
	});

	it('continued in the background (bg, kill %1) keeps the terminal lent and stops again, unless it ends first', () => {
		vi.useFakeTimers();
		try {
			const {events, calls, foreground, jobs} = jobControl();
			foreground.is = false;
			jobs.stop();
			// bg: no resume; stopped again once the grace is over.
			events.emit('SIGCONT');
			vi.advanceTimersByTime(BACKGROUND_GRACE_MS);
			expect(calls).toEqual(['suspend', 'stop group', 'stop group']);
			// fg: resumed. Where the foreground cannot be told, as before: resumed.
			foreground.is = true;
			events.emit('SIGCONT');
			foreground.is = null;
			events.emit('SIGCONT');
			expect(calls).toEqual(['suspend', 'stop group', 'stop group', 'resume', 'resume']);
			// kill %1: its SIGTERM ends socktop (and removes the handlers) before the grace is over.
			foreground.is = false;
			calls.length = 0;
			events.emit('SIGCONT');
			jobs.remove();
			vi.advanceTimersByTime(BACKGROUND_GRACE_MS * 2);
			expect(calls).toEqual([]);
		} finally {
			vi.useRealTimers();
		}
	});
});

describe('handleExits', () => {
	it.each([
		['SIGINT', 130],
		['SIGTERM', 143],
		['SIGHUP', 129],
		['SIGQUIT', 131],
		['SIGUSR2', 140],
		['SIGALRM', 142],
	] as const)('%s exits with %i', (signal, code) => {
		const events = new EventEmitter();
		const codes: number[] = [];
		const remove = handleExits(events, exitCode => codes.push(exitCode));
		events.emit(signal);
		expect(codes).toEqual([code]);
		remove();
		expect(events.listenerCount(signal)).toBe(0);
	});

	it('turns an uncaught exception or an unhandled rejection into exit code 1 with the error', () => {
		const events = new EventEmitter();
		const seen: Array<[number, unknown]> = [];
		handleExits(events, (code, error) => seen.push([code, error]));
		const crash = new Error('boom');
		events.emit('uncaughtException', crash);
		events.emit('unhandledRejection', 'nope');
		expect(seen).toEqual([
			[1, crash],
			[1, 'nope'],
		]);
	});
});

describe('describeCrash', () => {
	it('prints one line, or the stack with SOCKTOP_DEBUG=1', () => {
		const error = new Error('bad\nthing');
		expect(describeCrash(error, false)).toBe('socktop: internal error: bad thing (SOCKTOP_DEBUG=1 shows the stack)\n');
		expect(describeCrash(error, true)).toContain('at ');
		expect(describeCrash('text', false)).toBe('socktop: internal error: text\n');
	});
});

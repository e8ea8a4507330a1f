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
		// Off, then on: Node sets no mode it believes the terminal is in (see the SIGSTOP test below).
		expect(terminal.rawMode).toEqual([false, false, true]);
		screen.suspend();
		screen.restore();
		screen.resume();
		expect(terminal.written).toBe(ENTER_SCREEN + LEAVE_SCREEN + ENTER_SCREEN + LEAVE_SCREEN);
		// Not even raw mode: the shell set the terminal's mode when socktop stopped, and a background job setting it is stopped (SIGTTOU).
		expect(terminal.rawMode).toEqual([false, false, true, false]);
		expect(screen.isLent()).toBe(true);
	});

	// kill -STOP gives socktop no say: the shell takes the terminal back in line mode while Node still
	// believes it raw, and ignores setRawMode(true) then. Had fg left it so, keys echoed and waited for Enter.
	it('after a SIGSTOP it did not see coming, takes the terminal again in raw mode even where Node believes it raw', () => {
		const terminal = new FakeTerminal();
		let isRaw = false;
		terminal.stdin.setRawMode = (mode: boolean) => {
			// As libuv does: a mode it believes set already is not set again.
			if (mode !== isRaw) terminal.rawMode.push(mode);
			isRaw = mode;
		};

		const screen = enterScreen(terminal);
		terminal.stdin.setRawMode(true);
		// SIGSTOP; the shell sets line mode (which Node never hears of), then kill -CONT in the background: nothing written.
		screen.lend();
		expect(screen.isLent()).toBe(true);
		// fg
		screen.resume();
		expect(terminal.rawMode).toEqual([true, false, true]);
		expect(terminal.written).toBe(ENTER_SCREEN + ENTER_SCREEN);
	});

	it('started in the background, writes nothing until resumed; ending lent, touches the terminal no more', () => {
		const terminal = new FakeTerminal();
		const screen = enterScreen(terminal, true);
		expect(screen.isLent()).toBe(true);
		screen.restore();
		expect(terminal.written).toBe('');
		expect(terminal.rawMode).toEqual([]);
		const resumed = enterScreen(terminal, true);
		resumed.resume();
		expect(terminal.written).toBe(ENTER_SCREEN);
		expect(resumed.isLent()).toBe(false);
	});

	/** handleJobControl over fake events, saying in `calls` what it did; `foreground.is` is what isForeground answers. */
	function jobControl() {
		const events = new EventEmitter();
		const calls: string[] = [];
		const foreground: {is: boolean | null} = {is: true};
		const jobs = handleJobControl(events, {
			suspend: () => calls.push('suspend'),
			lend: () => calls.push('lend'),
			resume: () => calls.push('resume'),
			// Sent with socktop's own SIGTSTP listener off: Node then puts back the default action, which stops it.
			stopProcess: target => calls.push(events.listenerCount('SIGTSTP') === 0 ? `stop ${target}` : `stop ${target}, SIGTSTP still caught`),
			isForeground: () => foreground.is,
			onNotStopped: () => calls.push('not stopped'),
			onStuckInBackground: () => calls.push('stuck in background'),
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
		// In the background the terminal stays the shell's, and no fg can come; once socktop is ending, nothing is taken or said.
		foreground.is = false;
		calls.length = 0;
		jobs.stop();
		await turns();
		foreground.is = true;
		jobs.stop();
		jobs.remove();
		await turns();
		expect(calls).toEqual(['suspend', 'stop group', 'stuck in background', 'suspend', 'stop group']);
	});

	it('started in the background (socktop &), stops before it draws; fg resumes; an orphaned job cannot stop and is told', async () => {
		const {events, calls, foreground, jobs} = jobControl();
		foreground.is = false;
		jobs.stopInBackground();
		events.emit('SIGCONT');
		await turns();
		expect(calls).toEqual(['stop group', 'lend']);
		foreground.is = true;
		events.emit('SIGCONT');
		expect(calls).toEqual(['stop group', 'lend', 'resume']);
		// `(socktop &)`: the subshell is gone, so the kernel discards the stop and no SIGCONT comes.
		foreground.is = false;
		calls.length = 0;
		jobs.stopInBackground();
		await turns();
		expect(calls).toEqual(['stop group', 'stuck in background']);
		jobs.remove();
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
			expect(calls).toEqual(['suspend', 'stop group', 'lend', 'stop group']);
			// fg: resumed. Where the foreground cannot be told, as before: resumed.
			foreground.is = true;
			events.emit('SIGCONT');
			foreground.is = null;
			events.emit('SIGCONT');
			expect(calls).toEqual(['suspend', 'stop group', 'lend', 'stop group', 'resume', 'resume']);
			// kill %1: its SIGTERM ends socktop (and removes the handlers) before the grace is over.
			foreground.is = false;
			calls.length = 0;
			events.emit('SIGCONT');
			jobs.remove();
			vi.advanceTimersByTime(BACKGROUND_GRACE_MS * 2);
			expect(calls).toEqual(['lend']);
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

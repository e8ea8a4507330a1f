import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {ENTER_SCREEN, LEAVE_SCREEN, describeCrash, enterScreen, handleExits} from '../source/terminal.js';

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

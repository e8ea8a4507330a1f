import {execFileSync, spawnSync} from 'node:child_process';
import {rmSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterAll} from 'vitest';
import {WAIT_MS} from './wait.js';

/** True when tmux is installed (the terminal-level tests need it). */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

let counter = 0;

/** A config that keeps a pane (and its last screen) after its command exits, so tests can read it. */
const configFile = (): string => fileURLToPath(new URL('tmux.conf', import.meta.url));

/**
 * One tmux server (own socket, no user config) with one pane of a fixed size,
 * running `command` under `sh -c`. Each test gets its own server, so parallel
 * test files and other users of tmux never see each other.
 */
export class TmuxPane {
	readonly socket = `socktop-test-${process.pid}-${++counter}`;

	constructor(
		command: string,
		readonly width = 100,
		readonly height = 30,
		environment: Record<string, string> = {},
	) {
		const variables = Object.entries({LANG: 'C.UTF-8', TERM: 'xterm-256color', ...environment}).flatMap(
			([key, value]) => ['-e', `${key}=${value}`],
		);
		this.tmux(['-f', configFile(), 'new-session', '-d', '-x', String(width), '-y', String(height), ...variables, command]);
		this.socketPath = this.tmux(['display-message', '-p', '#{socket_path}']).trim();
	}

	/** The server's socket file, which tmux 3.3 leaves behind after kill-server. */
	private readonly socketPath: string;

	/** Run a tmux command against this server; returns its stdout. */
	tmux(args: readonly string[]): string {
		return execFileSync('tmux', ['-u', '-L', this.socket, ...args], {
			encoding: 'utf8',
			env: {...process.env, LANG: 'C.UTF-8', TMUX: ''},
		});
	}

	/** The visible screen as text; with `escapes`, including the SGR/escape sequences tmux would redraw. */
	capture(escapes = false): string {
		return this.tmux(['capture-pane', '-p', '-J', ...(escapes ? ['-e'] : []), '-t', '0']);
	}

	/** A tmux format variable of the pane, e.g. 'alternate_on', 'cursor_flag', 'pane_dead_status'. */
	variable(name: string): string {
		return this.tmux(['display-message', '-p', '-t', '0', `#{${name}}`]).trim();
	}

	/** Send keys by tmux name ('q', 'C-c', 'Enter', 'Down'). */
	keys(...keys: string[]): void {
		this.tmux(['send-keys', '-t', '0', ...keys]);
	}

	/** Send literal text. */
	type(text: string): void {
		this.tmux(['send-keys', '-t', '0', '-l', '--', text]);
	}

	/** PID of the pane's first process (the shell running `command`). */
	get panePid(): number {
		return Number(this.variable('pane_pid'));
	}

	/** Whether the pane's tty is in raw (non-canonical) mode, as a TUI sets it once it reads keys. */
	get isRawMode(): boolean {
		const settings = spawnSync('stty', ['-a', '-F', this.variable('pane_tty')], {encoding: 'utf8'}).stdout;
		return /(^|\s)-icanon(\s|$)/.test(settings);
	}

	get isDead(): boolean {
		return this.variable('pane_dead') === '1';
	}

	/** Poll the screen until `predicate` holds; returns that screen or throws with the last one. */
	async waitFor(predicate: (screen: string) => boolean, timeoutMs = WAIT_MS, escapes = false): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let screen = '';
		while (Date.now() < deadline) {
			screen = this.capture(escapes);
			if (predicate(screen)) {
				return screen;
			}

			await sleep(50);
		}

		throw new Error(`timed out after ${timeoutMs} ms waiting for the screen; last screen:\n${screen}`);
	}

	kill(): void {
		spawnSync('tmux', ['-L', this.socket, 'kill-server']);
		if (this.socketPath !== '') rmSync(this.socketPath, {force: true});
	}
}

export const sleep = async (ms: number) =>
	new Promise<void>(resolve => {
		setTimeout(resolve, ms);
	});

/** The panes a test file opens: push each, and it is killed (its tmux server with it) after the file's tests. */
export function panesKilledAfterAll(): TmuxPane[] {
	const panes: TmuxPane[] = [];
	afterAll(() => {
		for (const pane of panes) pane.kill();
	});
	return panes;
}

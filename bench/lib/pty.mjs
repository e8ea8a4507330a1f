/**
 * Running the live view in a real pseudo-terminal, two ways:
 * - `script` (util-linux): we see every byte the app writes, with arrival
 *   times, exactly what would cross an SSH link;
 * - tmux: we can press keys and read the rendered screen back.
 */
import {spawn, execFileSync} from 'node:child_process';
import {once} from 'node:events';
import fs from 'node:fs';
import process from 'node:process';
import {findDescendant, sleep} from './measure.mjs';
import {inNetns} from './netns.mjs';

const shellQuote = (word) => `'${word.replaceAll("'", "'\\''")}'`;

/** TERM as an xterm-compatible SSH client sends it; colours on unless the caller says otherwise. */
const ptyEnv = (env) => ({...process.env, TERM: 'xterm-256color', ...env});

/**
 * Starts argv in a cols x rows pty under `script` (inside network namespace
 * `netns` when given). `chunks` collects
 * [milliseconds since spawn, byte count] for every write the app makes.
 */
export const scriptPty = ({argv, cols, rows, env = {}, netns = null}) => {
	const command = `stty cols ${cols} rows ${rows} && exec ${argv.map(shellQuote).join(' ')}`;
	const started = performance.now();
	const script = inNetns(netns, ['script', '-q', '-f', '-e', '-c', command, '/dev/null']);
	const child = spawn(script[0], script.slice(1), {
		stdio: ['pipe', 'pipe', 'pipe'],
		env: ptyEnv(env),
	});
	const chunks = [];
	let text = '';
	const waiters = new Set();
	child.stdout.on('data', (data) => {
		const at = performance.now() - started;
		chunks.push([at, data.length]);
		// Only the recent tail is searched, so a long run does not grow memory or get slower.
		text = (text + data.toString('latin1')).slice(-65_536);
		for (const waiter of waiters) waiter(at);
	});
	child.stderr.resume();
	const exited = once(child, 'exit');

	/** Milliseconds from spawn until the output matches `pattern`. */
	const waitFor = (pattern, timeoutMs = 30_000) =>
		new Promise((resolve, reject) => {
			const check = (at) => {
				if (!pattern.test(text)) return;
				waiters.delete(check);
				clearTimeout(timer);
				resolve(at);
			};
			const timer = setTimeout(() => {
				waiters.delete(check);
				reject(new Error(`no ${pattern} in the pty after ${timeoutMs} ms: ${JSON.stringify(text.slice(-300))}`));
			}, timeoutMs);
			waiters.add(check);
			check(performance.now() - started);
		});

	/** The app's pid (not script's, not the shell's): the process whose CPU and memory we read. */
	const appPid = async (isApp) => {
		for (let i = 0; i < 200; i++) {
			const pid = findDescendant(child.pid, isApp);
			if (pid !== null) return pid;
			await sleep(10);
		}
		throw new Error('the app did not start under script');
	};

	/** Quits with `q`; if that fails within 3 s, hangs up like a dropped SSH session. */
	const close = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.stdin.write('q');
		const timer = setTimeout(() => child.kill('SIGHUP'), 3000);
		const killer = setTimeout(() => child.kill('SIGKILL'), 6000);
		await exited;
		clearTimeout(timer);
		clearTimeout(killer);
	};

	return {child, chunks, waitFor, appPid, close, exited, send: (data) => child.stdin.write(data)};
};

/** A tmux server of our own (-L), so the benchmark never touches the user's sessions. */
const TMUX = ['tmux', '-L', `socktop-bench-${process.pid}`, '-f', '/dev/null'];
const tmux = (...args) => execFileSync(TMUX[0], [...TMUX.slice(1), ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});

/** Starts argv in a detached cols x rows tmux pane (in `netns` when given); returns helpers to drive and read it. */
export const tmuxPane = ({argv, cols, rows, env = {}, netns = null}) => {
	const exports = Object.entries({TERM: 'xterm-256color', ...env}).map(([key, value]) => `${key}=${shellQuote(value)}`);
	const command = `exec env ${exports.join(' ')} ${argv.map(shellQuote).join(' ')}`;
	// The first command starts the server; started inside `netns`, its panes are there too.
	const start = inNetns(netns, [...TMUX, 'new-session', '-d', '-s', 'bench', '-x', String(cols), '-y', String(rows), command]);
	execFileSync(start[0], start.slice(1));
	tmux('set-option', '-t', 'bench', 'remain-on-exit', 'on');
	const pid = Number(tmux('display-message', '-p', '-t', 'bench', '#{pane_pid}').trim());
	const socketPath = tmux('display-message', '-p', '-t', 'bench', '#{socket_path}').trim();
	const capture = () => tmux('capture-pane', '-p', '-t', 'bench');
	/** Milliseconds until `isDone(screen)`, polling every few ms. */
	const waitScreen = async (isDone, timeoutMs = 30_000) => {
		const start = performance.now();
		while (performance.now() - start < timeoutMs) {
			if (isDone(capture())) return performance.now() - start;
			await sleep(5);
		}
		throw new Error(`screen did not change as expected within ${timeoutMs} ms:\n${capture()}`);
	};
	const sendKeys = (...keys) => tmux('send-keys', '-t', 'bench', ...keys);
	const kill = () => {
		try {
			tmux('kill-server');
		} catch {
			// Already gone.
		}
		// kill-server can leave the socket file behind.
		fs.rmSync(socketPath, {force: true});
	};
	process.once('exit', kill);
	return {pid, capture, waitScreen, sendKeys, kill};
};

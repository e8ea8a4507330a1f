#!/usr/bin/env node
/**
 * Regenerates media/live.svg, media/pid-view.svg and media/help.svg from a
 * real run: builds socktop, starts a small scene of real servers and clients
 * in a network namespace and PID namespace of their own (so the picture
 * holds only them, whatever else the machine runs), opens the live view in a
 * detached tmux pane, drives it with keys, and renders each captured screen
 * with scripts/ansi-svg.mjs. `--png` also writes PNGs (needs rsvg-convert).
 *
 * Needs root (ip netns, unshare), tmux, python3, perl, curl and openssl.
 * Usage: npm run screenshots [-- --png] [-- --captures DIR]
 */
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {chmodSync, closeSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseAnsi, renderSvg} from './ansi-svg.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const media = path.join(root, 'media');
const COLUMNS = 110;
const ROWS = 24;
const HELP_ROWS = 35;
const NETNS = `socktop-media-${process.pid}`;
const TMUX_SOCKET = `socktop-media-${process.pid}`;
const fail = (message) => {
	console.error(`screenshots: ${message}`);
	process.exit(2);
};

const isPng = process.argv.includes('--png');
// --captures DIR keeps each screen as tmux gave it (NAME.ansi) and as plain text (NAME.txt).
const capturesIndex = process.argv.indexOf('--captures');
const captures = capturesIndex === -1 ? undefined : path.resolve(process.argv[capturesIndex + 1] ?? fail('--captures needs a folder'));
// The system's python: a per-user one (pyenv under /root) is out of reach of `nobody`.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

const sleep = async (ms) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

if (process.getuid?.() !== 0) fail('needs root, for its own network and PID namespaces (ip netns, unshare)');

// Descriptors this script inherited without close-on-exec (a job runner's pipe, say) would be
// inherited by every scene process too, and show up in the PID view picture: close them.
// Node's own descriptors are all close-on-exec.
for (const name of readdirSync('/proc/self/fd')) {
	const fd = Number(name);
	if (fd < 3) continue;
	try {
		const flags = Number.parseInt(/^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1] ?? '2000000', 8);
		if ((flags & 0o2_000_000) === 0) closeSync(fd);
	} catch {}
}
for (const command of ['ip', 'unshare', 'nsenter', 'setpriv', 'tmux', 'python3', 'perl', 'curl', 'openssl']) {
	if (!has(command)) fail(`needs ${command} on PATH`);
}

if (isPng && !has('rsvg-convert')) fail('--png needs rsvg-convert (apt-get install librsvg2-bin)');

/** Everything the scene started, undone in reverse order however the run ends. */
const cleanups = [];

/** PID (on the host) of the PID namespace's first process; killing it ends every process in the namespace. */
async function startNamespaces() {
	execFileSync('ip', ['netns', 'add', NETNS]);
	cleanups.push(() => spawnSync('ip', ['netns', 'delete', NETNS]));
	execFileSync('ip', ['-n', NETNS, 'link', 'set', 'lo', 'up']);
	const holder = spawn('ip', ['netns', 'exec', NETNS, 'unshare', '--pid', '--fork', '--mount-proc', '--kill-child', 'sleep', 'infinity'], {stdio: 'ignore'});
	cleanups.push(() => holder.kill('SIGKILL'));
	// `ip netns exec` execs unshare (same PID); unshare forks `sleep`, PID 1 inside.
	const children = `/proc/${holder.pid}/task/${holder.pid}/children`;
	for (let tries = 0; tries < 200; tries++) {
		const pid = existsSync(children) ? readFileSync(children, 'utf8').trim() : '';
		if (pid !== '' && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sleep') return Number(pid);
		await sleep(25);
	}

	throw new Error('the PID namespace did not start');
}

/** The argv that runs `command` inside both namespaces. */
const inside = (initPid, command) => ['nsenter', '-t', String(initPid), '--net', '--pid', '--mount', '--', ...command];

const quote = (arg) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * A shell inside the namespaces that starts each scene process in the
 * background, so they have a real parent (not PPID 0) and ordinary PIDs:
 * the namespace's next PID is set to 4000 first.
 */
function startLauncher(initPid) {
	const [nsenter, ...setNextPid] = inside(initPid, ['sh', '-c', 'echo 3999 > /proc/sys/kernel/ns_last_pid']);
	execFileSync(nsenter, setNextPid);
	const [file, ...args] = inside(initPid, ['sh']);
	const debug = process.env.SCREENSHOTS_DEBUG ? 'inherit' : 'ignore';
	const launcher = spawn(file, args, {stdio: ['pipe', debug, debug]});
	cleanups.push(() => launcher.kill('SIGKILL'));
	return (command, {user = 'root', hasOpenStdin = false} = {}) => {
		const drop = user === 'root' ? [] : ['setpriv', `--reuid=${user}`, '--regid=nogroup', '--clear-groups', '--'];
		// openssl s_server and s_client end the session at end of input: give them one that never ends.
		// (Other background jobs of a non-interactive shell read /dev/null.)
		const input = hasOpenStdin ? 'tail -f /dev/null | ' : '';
		launcher.stdin.write(`${input}${[...drop, ...command].map(quote).join(' ')} &\n`);
	};
}

/** Waits until the namespace's /proc/net/FILE has a line matching `pattern` (a local hex port, a path). */
async function waitForSocket(initPid, file, pattern) {
	for (let tries = 0; tries < 400; tries++) {
		if (pattern.test(readFileSync(`/proc/${initPid}/net/${file}`, 'utf8'))) return;
		await sleep(25);
	}

	throw new Error(`no socket matching ${pattern} in /proc/net/${file}`);
}

const hexPort = (port) => port.toString(16).toUpperCase().padStart(4, '0');
const listening = (port) => new RegExp(`:${hexPort(port)} [0-9A-F]+:0000 0A `);
// A /proc/net/unix line's St column: 01 unconnected (a listener), 03 connected.
const unixSocket = (state, file) => new RegExp(` ${state} [0-9]+ ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm');
const established = (port) => new RegExp(`:${hexPort(port)} [0-9A-F]+:[0-9A-F]{4} 01 `);

/**
 * The scene: a web server (as nobody) with a slow download in progress, a TLS
 * server on IPv6 with a client connected, a syslog-style UDP listener, and a
 * unix socket service with one client.
 */
async function startScene(initPid, work) {
	const run = startLauncher(initPid);
	const www = path.join(work, 'www');
	mkdirSync(www);
	writeFileSync(path.join(www, 'index.html'), '<h1>socktop</h1>\n');
	writeFileSync(path.join(www, 'backup.tar'), Buffer.alloc(16 * 1024 * 1024));
	chmodSync(work, 0o755);
	chmodSync(www, 0o755);
	run([PYTHON, '-m', 'http.server', '8080', '--bind', '127.0.0.1', '--directory', www], {user: 'nobody'});
	await waitForSocket(initPid, 'tcp', listening(8080));
	run(['curl', '-s', '--limit-rate', '8k', '-o', '/dev/null', 'http://127.0.0.1:8080/backup.tar']);
	await waitForSocket(initPid, 'tcp', established(8080));

	execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
		'-subj', '/CN=localhost', '-keyout', path.join(work, 'key.pem'), '-out', path.join(work, 'cert.pem')], {stdio: 'ignore'});
	run(['openssl', 's_server', '-quiet', '-accept', '[::1]:8443', '-cert', path.join(work, 'cert.pem'), '-key', path.join(work, 'key.pem')], {hasOpenStdin: true});
	await waitForSocket(initPid, 'tcp6', listening(8443));
	run(['openssl', 's_client', '-quiet', '-connect', '[::1]:8443'], {hasOpenStdin: true});
	await waitForSocket(initPid, 'tcp6', established(8443));

	run(['perl', '-MIO::Socket::INET', '-e', 'my $s = IO::Socket::INET->new(Proto => "udp", LocalAddr => "127.0.0.1:514") or die $!; sleep']);
	await waitForSocket(initPid, 'udp', /:0202 00000000:0000 07 /);

	const socketPath = path.join(work, 'api.sock');
	run([PYTHON, '-c', [
		'import os, socket, sys',
		'p = sys.argv[1]',
		'os.path.exists(p) and os.unlink(p)',
		's = socket.socket(socket.AF_UNIX); s.bind(p); s.listen()',
		'clients = []',
		'while True: clients.append(s.accept())',
	].join('\n'), socketPath]);
	await waitForSocket(initPid, 'unix', unixSocket('01', socketPath));
	run(['perl', '-MIO::Socket::UNIX', '-e', `my $s = IO::Socket::UNIX->new(Peer => "${socketPath}") or die $!; sleep`]);
	await waitForSocket(initPid, 'unix', unixSocket('03', socketPath));
}

const tmux = (...args) => execFileSync('tmux', ['-u', '-L', TMUX_SOCKET, ...args], {encoding: 'utf8', env: {...process.env, TMUX: ''}});
const capture = (isEscaped = false) => tmux('capture-pane', '-p', ...(isEscaped ? ['-e'] : []), '-t', '0');

/** Polls the pane until `predicate` holds for its text; returns the capture with colours. */
async function waitForScreen(predicate, what, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (predicate(capture())) return capture(true);
		await sleep(100);
	}

	throw new Error(`timed out waiting for ${what}; the screen was:\n${capture()}`);
}

/** Waits until the clock in the live view's header has moved `count` times, i.e. `count` refreshes. */
async function waitForRefreshes(count) {
	const clock = () => /\b\d\d:\d\d:\d\d\b/.exec(capture().split('\n')[0] ?? '')?.[0];
	let last = clock();
	for (let seen = 0; seen < count;) {
		await waitForScreen(() => clock() !== last, 'the next refresh');
		last = clock();
		seen++;
	}
}

/** The text of the selected (inverse) row of a coloured capture, or ''. */
const selectedRow = (escaped) =>
	parseAnsi(escaped).find(spans => spans.some(span => span.isInverse && span.text.trim() !== ''))?.map(span => span.text).join('') ?? '';

/** The PID view's selected fd row (the title bar is inverse too). */
const selectedFdRow = (escaped) =>
	parseAnsi(escaped)
		.filter(spans => spans.some(span => span.isInverse && span.text.trim() !== ''))
		.map(spans => spans.map(span => span.text).join(''))
		.find(line => line.startsWith('│')) ?? '';

function save(name, escaped, title, rows = ROWS) {
	const file = path.join(media, `${name}.svg`);
	writeFileSync(file, renderSvg(escaped, {columns: COLUMNS, rows, title}));
	if (captures !== undefined) {
		mkdirSync(captures, {recursive: true});
		writeFileSync(path.join(captures, `${name}.ansi`), escaped);
		writeFileSync(path.join(captures, `${name}.txt`), capture());
	}

	if (isPng) execFileSync('rsvg-convert', ['-z', '2', '-o', path.join(media, `${name}.png`), file]);
	console.log(`wrote ${path.relative(root, file)}`);
}

async function main() {
	execFileSync('npm', ['run', 'build', '--silent'], {cwd: root, stdio: 'inherit'});
	mkdirSync(media, {recursive: true});
	// A fixed folder, so paths in the pictures (the served folder, the unix socket) do not change between runs.
	const work = '/run/socktop-demo';
	rmSync(work, {recursive: true, force: true});
	mkdirSync(work, {recursive: true});
	cleanups.push(() => rmSync(work, {recursive: true, force: true}));
	const initPid = await startNamespaces();
	await startScene(initPid, work);

	const config = path.join(work, 'tmux.conf');
	writeFileSync(config, 'set -g status off\n');
	const command = inside(initPid, ['node', path.join(root, 'dist/cli.js')]).map(quote).join(' ');
	tmux('-f', config, 'new-session', '-d', '-x', String(COLUMNS), '-y', String(ROWS),
		'-e', 'TERM=xterm-256color', '-e', 'LANG=C.UTF-8', '-e', 'COLORTERM=', command);
	const socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
	cleanups.push(() => {
		spawnSync('tmux', ['-L', TMUX_SOCKET, 'kill-server']);
		// tmux 3.3 leaves its socket file behind after kill-server.
		rmSync(socketPath, {force: true});
	});

	// Two refreshes after the scene shows, so every row is settled (none drawn as new or gone).
	const isScene = (screen) => ['nobody', 'curl', 'openssl', '[::1]:8443', 'syslog', 'api.sock'].every(word => screen.includes(word));
	await waitForScreen(isScene, 'the scene in the live view');
	await waitForRefreshes(2);

	// Select the web server's row: the live view shows it selected, and its PID view explains port 8080 and its client.
	for (let tries = 0; !/nobody.*8080.*LISTEN/.test(selectedRow(capture(true))); tries++) {
		if (tries > 40) throw new Error(`could not select the web server's row:\n${capture()}`);
		tmux('send-keys', '-t', '0', 'Down');
		await sleep(150);
	}

	save('live', await waitForScreen(isScene, 'the live view'), 'socktop');

	// The help is taller than the table: give it the rows it needs, then put them back.
	tmux('resize-window', '-t', '0', '-y', String(HELP_ROWS));
	tmux('send-keys', '-t', '0', '?');
	save('help', await waitForScreen(screen => screen.includes('this help') && screen.includes('Ctrl-Z'), 'the help screen'), 'socktop — help (?)', HELP_ROWS);
	tmux('send-keys', '-t', '0', 'Escape');
	tmux('resize-window', '-t', '0', '-y', String(ROWS));
	await waitForScreen(isScene, 'the live view again');

	tmux('send-keys', '-t', '0', 'Enter');
	await waitForScreen(screen => /^Cwd /m.test(screen) && /^fd 3: .*8080/m.test(screen), 'the PID view');
	// Select the connection from curl: its sentence is shown whole under the table.
	for (let tries = 0; !/│.*ESTAB/.test(selectedFdRow(capture(true))); tries++) {
		if (tries > 20) throw new Error(`could not select the connection in the PID view:\n${capture()}`);
		tmux('send-keys', '-t', '0', 'Down');
		await sleep(150);
	}

	await waitForScreen(screen => /the other end is curl/.test(screen), 'the PID view with the connection selected');
	save('pid-view', capture(true), 'socktop — PID view (Enter)');
	tmux('send-keys', '-t', '0', 'q');
}

function cleanUp() {
	for (const cleanup of cleanups.splice(0).reverse()) {
		try {
			cleanup();
		} catch {}
	}
}

// Ctrl-C or a kill mid-run still removes the namespaces, processes and folder.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
	process.on(signal, () => {
		cleanUp();
		process.exit(code);
	});
}

try {
	await main();
} finally {
	cleanUp();
}

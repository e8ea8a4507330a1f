import {EventEmitter} from 'node:events';
import {render} from 'ink';
import type {ReactElement} from 'react';
import {afterEach} from 'vitest';
import type {Collector} from '../../source/collect/collector.js';
import {emptySkipped, type Skipped, type Snapshot, type Socket} from '../../source/model/types.js';
import {socket as emptySocket} from '../helpers/socket.js';
import {WAIT_MS} from '../helpers/wait.js';
import {LiveView} from '../../source/components/live-view.js';
import type {ScreenSaying} from '../../source/hooks/use-screen-message.js';
import type {PidRequest} from '../../source/format/pid.js';
import type {SortOrder} from '../../source/model/sort.js';
import {defaultFilters, type Filters} from '../../source/options.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import type {ServiceTable} from '../../source/services/types.js';
import {createTheme} from '../../source/theme.js';
import {ScriptedCollector} from './scripted-collector.js';

export {RealProcessCollector, ScriptedCollector} from './scripted-collector.js';

/**
 * Fixed snapshots for the live view's tests. The sockets are hand-made, shaped
 * like what `ss -tuanp` shows on a Debian server with sshd, nginx, a resolver
 * and a browser: PIDs chosen so that numeric and text order differ (95 < 812 <
 * 1204 < 23001), addresses so that 10.0.0.10 sorts after 10.0.0.2.
 */
export function socket(overrides: Partial<Socket> & Pick<Socket, 'proto' | 'inode'>): Socket {
	return emptySocket({localAddress: '*', foreignAddress: '*', rxQueue: 0, txQueue: 0, ...overrides});
}

export const sshd4 = socket({proto: 'tcp4', inode: 1001, localPort: 22, state: 'LISTEN', command: 'sshd', pid: 812, fd: 3});
export const sshd6 = socket({proto: 'tcp6', inode: 1002, localPort: 22, state: 'LISTEN', command: 'sshd', pid: 812, fd: 4});
export const nginx = socket({proto: 'tcp4', inode: 1003, localAddress: '10.0.0.10', localPort: 80, state: 'LISTEN', user: 'www-data', uid: 33, command: 'nginx', pid: 1204, fd: 6});
export const resolver = socket({proto: 'udp4', inode: 1004, localAddress: '127.0.0.53', localPort: 53, foreignPort: null, state: 'UNCONN', user: 'systemd-resolve', uid: 991, command: 'systemd-resolve', pid: 95, fd: 12});
export const browser = socket({
	proto: 'tcp4',
	inode: 1005,
	localAddress: '10.0.0.2',
	localPort: 51_234,
	foreignAddress: '93.184.216.34',
	foreignPort: 443,
	state: 'ESTABLISHED',
	user: 'alice',
	uid: 1000,
	command: 'firefox',
	pid: 23_001,
	fd: 87,
});
export const dbus = socket({proto: 'stream', inode: 1006, localAddress: null, foreignAddress: null, path: '/run/dbus/system_bus_socket', state: 'LISTEN', user: 'messagebus', uid: 101, command: 'dbus-daemon', pid: 640, fd: 9});
/** A connection whose holder could not be seen (another user's process, not root). */
export const hidden = socket({proto: 'tcp4', inode: 0, localAddress: '10.0.0.2', localPort: 40_000, foreignAddress: '10.0.0.10', foreignPort: 5432, state: 'TIME_WAIT', user: '?', uid: null});

export const baseSockets: readonly Socket[] = [sshd4, sshd6, nginx, resolver, browser, dbus];

/** A services file naming the fixtures' ports. */
export const liveServices = createStaticServiceTable([
	{name: 'ssh', port: 22, protocol: 'tcp', aliases: [], comment: 'The Secure Shell (SSH) Protocol', source: '/etc/services'},
	{name: 'http', port: 80, protocol: 'tcp', aliases: ['www'], comment: 'WorldWideWeb HTTP', source: '/etc/services'},
	{name: 'https', port: 443, protocol: 'tcp', aliases: [], comment: 'http protocol over TLS/SSL', source: '/etc/services'},
	{name: 'domain', port: 53, protocol: 'udp', aliases: [], comment: 'Domain Name Server', source: '/etc/services'},
]);

export function snapshotOf(sockets: readonly Socket[], time = Date.UTC(2026, 10, 27, 3, 30, 0), skipped: Skipped = emptySkipped): Snapshot {
	return {time, hostname: 'web1', backend: 'proc', sockets, skipped};
}

export class FakeStdout extends EventEmitter {
	isTTY = true;
	frames: string[] = [];
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}

	write = (frame: string) => {
		this.frames.push(frame);
		return true;
	};
}

export class FakeStdin extends EventEmitter {
	isTTY = true;
	/** Each setRawMode call's argument, in order: the terminal's raw and cooked switches. */
	readonly rawModes: boolean[] = [];
	private data: string | null = null;
	setEncoding() {}
	setRawMode(mode: boolean) {
		this.rawModes.push(mode);
	}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	write(data: string) {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	}
}

const stripAnsi = (text: string) => text.replaceAll(/\u001B\[[\d;]*m/g, '');

export type Rendered = {
	/** The last frame without colours, lines right-trimmed. */
	frame(): string;
	/** The last frame with its escape sequences. */
	rawFrame(): string;
	press(keys: string): Promise<void>;
	/** Send keys as one read, without waiting for a render (press waits). */
	write(keys: string): void;
	resize(columns: number, rows: number): void;
	waitFor(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
	unmount(): void;
	readonly stdout: FakeStdout;
	readonly stdin: FakeStdin;
};

export const tick = async (ms = 15) =>
	new Promise<void>(resolve => {
		setTimeout(resolve, ms);
	});

/** How long press waits for the frame a key draws. */
const PRESS_FRAME_MS = 250;

/** Render at a fixed terminal size, as ink-testing-library does but with rows and resizes. */
export function renderAt(node: ReactElement, columns = 100, rows = 30): Rendered {
	let isUnmounted = false;
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const instance = render(node, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const rawFrame = () => stdout.frames.at(-1) ?? '';
	const frame = () =>
		stripAnsi(rawFrame())
			.split('\n')
			.map(line => line.trimEnd())
			.join('\n');
	return {
		frame,
		rawFrame,
		async press(keys) {
			// Until the key's frame is drawn (a loaded machine may take longer than a tick), then a
			// tick for what its effects draw next; a key that draws nothing costs the cap.
			const drawn = stdout.frames.length;
			stdin.write(keys);
			const deadline = Date.now() + PRESS_FRAME_MS;
			while (stdout.frames.length === drawn && Date.now() < deadline) {
				// eslint-disable-next-line no-await-in-loop
				await tick(5);
			}

			await tick();
		},
		write(keys) {
			stdin.write(keys);
		},
		resize(newColumns, newRows) {
			stdout.columns = newColumns;
			stdout.rows = newRows;
			stdout.emit('resize');
		},
		async waitFor(predicate, timeoutMs = WAIT_MS) {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				if (predicate(frame())) {
					return frame();
				}

				// eslint-disable-next-line no-await-in-loop
				await tick(10);
			}

			throw new Error(`timed out waiting for the frame; last frame:\n${frame()}`);
		},
		unmount() {
			// Once: a test may unmount what its file's afterEach unmounts again (liveMounter).
			if (isUnmounted) return;
			isUnmounted = true;
			instance.unmount();
			instance.cleanup();
		},
		stdout,
		stdin,
	};
}

/** Key sequences as a terminal sends them. */
export const KEYS = {
	up: '\u001B[A',
	down: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

export type LiveSetup = {
	readonly collector: Collector;
	readonly services: ServiceTable;
	readonly columns?: number;
	readonly rows?: number;
	readonly interval?: number;
	readonly filters?: Partial<Filters>;
	readonly pidView?: number | null;
	readonly pidRequest?: PidRequest;
	readonly isNumericUser?: boolean;
	readonly onExit?: (code: number) => void;
	readonly isColor?: boolean;
	readonly isRoot?: boolean;
	readonly slowScanAfterMs?: number;
	readonly onSuspend?: () => void;
	readonly onRedraw?: () => void;
	readonly initialSort?: SortOrder;
	readonly isTally?: boolean;
	readonly ephemeralSetting?: string | null;
	readonly finTimeout?: number | null;
	readonly subscribeMessages?: (show: (say: ScreenSaying) => void) => () => void;
};

/** The live view over a collector, at a fixed size, refreshing every 50 ms unless told. */
export function renderLiveView({collector, services, columns = 100, rows = 30, interval = 0.05, filters = {}, pidView = null, pidRequest, isNumericUser, onExit = () => undefined, isColor = false, isRoot, slowScanAfterMs, onSuspend, onRedraw, initialSort, isTally, ephemeralSetting, finTimeout, subscribeMessages}: LiveSetup): Rendered {
	return renderAt(
		<LiveView
			collector={collector}
			services={services}
			ephemeral={[32_768, 60_999]}
			ephemeralSetting={ephemeralSetting}
			finTimeout={finTimeout}
			filters={{...defaultFilters, ...filters}}
			interval={interval}
			pidView={pidView}
			pidRequest={pidRequest}
			isNumericUser={isNumericUser}
			theme={createTheme(isColor)}
			onExit={onExit}
			isRoot={isRoot}
			slowScanAfterMs={slowScanAfterMs}
			onSuspend={onSuspend}
			onRedraw={onRedraw}
			initialSort={initialSort}
			isTally={isTally}
			subscribeMessages={subscribeMessages}
		/>,
		columns,
		rows,
	);
}

export type LiveMountSetup = Omit<Partial<LiveSetup>, 'collector' | 'services'> & {readonly collector?: ScriptedCollector};

/**
 * A test file's mount(): the live view over the base sockets (or `collector`) with the
 * fixtures' services. What it renders, and what `keep` is handed, is unmounted after each test.
 */
export function liveMounter() {
	const rendered: Rendered[] = [];
	afterEach(() => {
		for (const view of rendered.splice(0)) view.unmount();
	});
	const keep = (view: Rendered): Rendered => {
		rendered.push(view);
		return view;
	};

	const mount = ({collector = new ScriptedCollector(snapshotOf(baseSockets)), ...setup}: LiveMountSetup = {}) => ({
		view: keep(renderLiveView({collector, services: liveServices, ...setup})),
		collector,
	});
	return {mount, keep};
}

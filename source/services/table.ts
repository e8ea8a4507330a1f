import {type IanaRegistry, type IanaTable, ianaTable, loadIanaRegistry} from './iana.js';
import type {Telling} from '../collect/read-limited.js';
import {readServicesText} from './load.js';
import type {PortNames} from './names.js';
import {indexServices, parseServices, serviceKey} from './parse.js';
import {serviceProtocol} from './protocol.js';
import type {ServiceEntry, ServiceTable} from './types.js';

/** What a loaded table is made of; no view shows it, the tests check the lazy load with it. */
export type ServiceTableInfo = {
	readonly isLoaded: boolean;
	/** The services file read; null when none was (the default is missing) or not yet loaded. */
	readonly file: string | null;
	readonly entries: number;
	readonly malformedLines: number;
	readonly hasIana: boolean;
};

export type LoadedServiceTable = ServiceTable & {
	info(): ServiceTableInfo;
	/**
	 * The name index over the same file and registry (getservbyname(3)'s question: `https` ->
	 * 443), for captures taken without -n. Loads the table if it is not yet (once, as load()),
	 * and rejects as load() does.
	 */
	portNames(): Promise<PortNames>;
};

/** Where a capture's port names come from: the table the views explain ports with. */
export type PortNamesSource = Pick<LoadedServiceTable, 'portNames'>;

type Parts = {
	/** The file's entries in file order (the name index wants its first entry for a name), and indexed by port. */
	readonly entries: readonly ServiceEntry[];
	readonly file: ReadonlyMap<string, ServiceEntry>;
	readonly registry: IanaRegistry | null;
	readonly iana: IanaTable | null;
};

function lookupIn(parts: Parts | null, port: number, proto: string): ServiceEntry | null {
	const protocol = serviceProtocol(proto);
	if (parts === null || protocol === null || !Number.isInteger(port)) {
		return null;
	}

	return parts.file.get(serviceKey(port, protocol)) ?? parts.iana?.lookup(port, protocol) ?? null;
}

/**
 * The services table the views use: the services file first, then the IANA registry.
 *
 * @param opts.file `--services FILE` / SOCKTOP_SERVICES; null reads /etc/services.
 * load() reads once (later calls return the same promise) and rejects with a UserError
 * only when an explicitly given file is missing, unreadable or too large, so a CLI that
 * wants that error before drawing awaits load() up front. lookup() is synchronous and
 * answers null until load() has settled; after a rejection it answers from IANA.
 */
export function createServiceTable(opts: {
	readonly file: string | null;
	/** Where the default lives; tests point it at a missing file to act as a minimal container. */
	readonly defaultFile?: string;
	/** Where a FIFO's wait for a writer is told (readServicesText): stderr, null while it may not be written to (then watchWait). */
	readonly stderr?: () => Telling | null;
	/** How long a FIFO waits before that is told (FIFO_NOTICE_MS); tests shorten it. */
	readonly fifoNoticeMs?: number;
}): LoadedServiceTable {
	let parts: Parts | null = null;
	let loading: Promise<void> | null = null;
	let naming: Promise<PortNames> | null = null;
	let info: ServiceTableInfo = {isLoaded: false, file: null, entries: 0, malformedLines: 0, hasIana: false};
	// What the load waits for, said on the screen (watchWait): a FIFO's writer, where stderr is the screen's.
	let waiting: string | null = null;
	const watchers = new Set<(line: string | null) => void>();
	const setWaiting = (line: string | null) => {
		waiting = line;
		for (const watcher of watchers) watcher(line);
	};

	const load = async (): Promise<void> => {
		let failure: unknown = null;
		const [text, registry] = await Promise.all([
			// A file that cannot be read leaves the registry to answer alone; load() still rejects, to say why.
			readServicesText(opts.file, opts.defaultFile, undefined, opts.stderr, opts.fifoNoticeMs, line => {
				setWaiting(`port names: ${line}`);
			}).catch((error: unknown) => {
				failure = error;
				return null;
			}),
			// Without the registry the file still answers; a broken install must not stop the view.
			loadIanaRegistry().catch(() => null),
		]);
		const parsed = text === null ? null : parseServices(text.text, text.path);
		const entries = parsed?.entries ?? [];
		parts = {entries, file: indexServices(entries), registry, iana: registry === null ? null : ianaTable(registry)};
		info = {
			isLoaded: true,
			file: text?.path ?? null,
			entries: entries.length,
			malformedLines: parsed?.malformedLines.length ?? 0,
			hasIana: registry !== null,
		};
		if (waiting !== null) setWaiting(null);
		if (failure !== null) {
			throw failure;
		}
	};

	const table: LoadedServiceTable = {
		load() {
			loading ??= load();
			return loading;
		},
		lookup: (port, protocol) => lookupIn(parts, port, protocol),
		info: () => info,
		watchWait(listener) {
			watchers.add(listener);
			if (waiting !== null) listener(waiting);
			return () => {
				watchers.delete(listener);
			};
		},
		portNames() {
			// names.ts is its own chunk: only a capture taken without -n needs it.
			naming ??= Promise.all([table.load(), import('./names.js')]).then(([, {portNames}]) =>
				portNames(parts!.entries, parts!.registry),
			);
			return naming;
		},
	};
	return table;
}

/**
 * A table over given entries (and optionally a registry), already loaded: for imports of
 * another machine's services file already parsed, and for tests.
 */
export function createStaticServiceTable(entries: readonly ServiceEntry[], iana: IanaTable | null = null): ServiceTable {
	const parts: Parts = {entries, file: indexServices(entries), registry: null, iana};
	return {
		load: async () => undefined,
		lookup: (port, protocol) => lookupIn(parts, port, protocol),
	};
}

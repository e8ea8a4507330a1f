import {type IanaTable, loadIana} from './iana.js';
import {readServicesText} from './load.js';
import {indexServices, parseServices, serviceKey} from './parse.js';
import {serviceProtocol} from './protocol.js';
import type {ServiceEntry, ServiceTable} from './types.js';

export {connectionDirection, explainPort, explainSocket, listeningKey, rangeClass, servicePortOf} from './explain.js';
export type {DirectionHints, ExplainContext, PortRole, SocketExplanation} from './explain.js';
export {serviceProtocol} from './protocol.js';
export {readEphemeralRange, resolveEphemeralRange} from './load.js';

/** What a loaded table is made of, for the PID view's footer and --json. */
export type ServiceTableInfo = {
	readonly isLoaded: boolean;
	/** The services file read; null when none was (the default is missing) or not yet loaded. */
	readonly file: string | null;
	readonly entries: number;
	readonly malformedLines: number;
	readonly hasIana: boolean;
};

export type LoadedServiceTable = ServiceTable & {info(): ServiceTableInfo};

type Parts = {
	readonly file: ReadonlyMap<string, ServiceEntry>;
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
}): LoadedServiceTable {
	let parts: Parts | null = null;
	let loading: Promise<void> | null = null;
	let info: ServiceTableInfo = {isLoaded: false, file: null, entries: 0, malformedLines: 0, hasIana: false};

	const load = async (): Promise<void> => {
		let failure: unknown = null;
		const [text, iana] = await Promise.all([
			// A file that cannot be read leaves the registry to answer alone; load() still rejects, to say why.
			readServicesText(opts.file, opts.defaultFile).catch((error: unknown) => {
				failure = error;
				return null;
			}),
			// Without the registry the file still answers; a broken install must not stop the view.
			loadIana().catch(() => null),
		]);
		const parsed = text === null ? null : parseServices(text.text, text.path);
		parts = {file: indexServices(parsed?.entries ?? []), iana};
		info = {
			isLoaded: true,
			file: text?.path ?? null,
			entries: parsed?.entries.length ?? 0,
			malformedLines: parsed?.malformedLines.length ?? 0,
			hasIana: iana !== null,
		};
		if (failure !== null) {
			throw failure;
		}
	};

	return {
		load() {
			loading ??= load();
			return loading;
		},
		lookup: (port, protocol) => lookupIn(parts, port, protocol),
		info: () => info,
	};
}

/**
 * A table over given entries (and optionally a registry), already loaded: for imports of
 * another machine's services file already parsed, and for tests.
 */
export function createStaticServiceTable(entries: readonly ServiceEntry[], iana: IanaTable | null = null): ServiceTable {
	const parts: Parts = {file: indexServices(entries), iana};
	return {
		load: async () => undefined,
		lookup: (port, protocol) => lookupIn(parts, port, protocol),
	};
}


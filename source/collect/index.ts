import {existsSync} from 'node:fs';
import process from 'node:process';
import type {Options} from '../options.js';
import type {BackendName} from '../model/types.js';
import {withUnixPeerHolders} from '../model/unix-peer-holders.js';
import type {CaptureNames} from './import/index.js';
import {type Collector, UserError} from './collector.js';

type LiveBackend = Exclude<BackendName, 'import'>;

/** The one platform switch: which backend a platform gets when --backend is not given. */
const platformBackends: Readonly<Partial<Record<NodeJS.Platform, LiveBackend>>> = {
	linux: 'proc',
	darwin: 'lsof',
	freebsd: 'sockstat',
};

const supported = 'socktop supports Linux (/proc), macOS (lsof) and FreeBSD (sockstat); elsewhere try --backend lsof or --import FILE';

/** The backend --backend auto picks on this platform, or null when there is none. */
export function defaultBackend(platform: NodeJS.Platform = process.platform): LiveBackend | null {
	return platformBackends[platform] ?? null;
}

/**
 * Build the collector the options ask for. Backend modules are imported here,
 * on demand, so the first frame never loads the ones it does not use. `names` reads the
 * names of a capture taken without -n: its services table is the one the views use, loaded
 * once for both. Throws UserError (one line for the user) when the choice cannot work here.
 */
export async function createCollector(options: Options, names: CaptureNames, platform: NodeJS.Platform = process.platform): Promise<Collector> {
	return namingUnixPeers(await createBackend(options, names, platform));
}

/**
 * Every backend's snapshots with each unix peer's holder found among their rows
 * (withUnixPeerHolders): the table names an unnamed peer by its process, whichever backend read it.
 */
function namingUnixPeers(collector: Collector): Collector {
	const {snapshot} = collector;
	return {...collector, snapshot: async request => {
		const taken = await snapshot(request);
		return {...taken, sockets: withUnixPeerHolders(taken.sockets)};
	}};
}

async function createBackend(options: Options, names: CaptureNames, platform: NodeJS.Platform): Promise<Collector> {
	if (options.importFile !== null) {
		const {importCollector} = await import('./import/index.js');
		return importCollector({...names, importFile: options.importFile});
	}

	const backend = options.backend === 'auto' ? defaultBackend(platform) : options.backend;
	switch (backend) {
		case 'proc': {
			if (!existsSync('/proc/net/tcp') && !existsSync('/proc/net/unix')) {
				throw new UserError(`no /proc/net on this system (${platform}); ${supported}`);
			}

			const {createLinuxCollector} = await import('./linux/index.js');
			return createLinuxCollector();
		}

		case 'lsof': {
			const {createLsofCollector} = await import('./lsof/index.js');
			return createLsofCollector();
		}

		case 'sockstat': {
			const {createSockstatCollector} = await import('./sockstat/index.js');
			// The PID view takes unix ends from the table's sockstat answer of this same refresh interval.
			return createSockstatCollector({tableMaxAgeMs: options.interval * 1000});
		}

		case 'import': {
			throw new UserError('--backend import needs --import FILE (or - for stdin)');
		}

		case null: {
			throw new UserError(`no backend for platform ${platform}; ${supported}`);
		}
	}
}

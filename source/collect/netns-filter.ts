/**
 * `--netns NAME`: a name no network namespace has is a typo, and an empty
 * table would hide it in a pipe or a script (as --user's check does for
 * accounts). A namespace that exists but holds no sockets now is not one:
 * its table is empty and the exit is 0. Backends that see only their own
 * namespace are told apart, so the message does not blame the name.
 */
import process from 'node:process';
import {ALL_NAMESPACES, HOST_NAMESPACE} from '../model/netns.js';
import {type Collector, UserError} from './collector.js';
import {inodeOfLabel} from './linux/netns-search.js';

/** Why a backend without namespaces can show no other namespace's sockets. */
function onlyOwnNamespace(collector: Pick<Collector, 'name'>, label: string, platform: NodeJS.Platform): string {
	if (collector.name === 'import') return `--netns ${label}: a capture does not say which network namespace its sockets are in`;
	// Only Linux has the proc backend, which reads every namespace.
	const remedy = platform === 'linux' ? ' (use --backend proc)' : '';
	return `--netns ${label}: the ${collector.name} backend sees only its own network namespace${remedy}`;
}

/**
 * Throw a UserError when `--netns` names no namespace the collector can find, or
 * any namespace but the host's for a backend that sees only its own. all, host and
 * unset ('' or auto) are always taken, and so is a name the backend cannot rule out.
 * Resolves to the label the rows carry: `netns` itself, or for an inode spelled as another tool
 * prints it (`net:[N]`, `N`, `[N]`), the label the table gives that namespace (NamespaceSearch.label).
 */
export async function checkNamespaceFilter(
	netns: string,
	collector: Pick<Collector, 'name' | 'findNamespace'>,
	platform: NodeJS.Platform = process.platform,
): Promise<string> {
	if (netns === '' || netns === 'auto' || netns === ALL_NAMESPACES || netns === HOST_NAMESPACE) return netns;
	if (collector.findNamespace === undefined) throw new UserError(onlyOwnNamespace(collector, netns, platform));
	const search = await collector.findNamespace(netns);
	if (search.isFound === false) {
		// An inode spelled as a tool prints it is no name (a name that is one was found as a name).
		const inode = inodeOfLabel(netns);
		const wanted = inode === null ? `named '${netns}'` : `with inode ${inode}`;
		throw new UserError(`--netns: no network namespace ${wanted} (namespaces now: ${search.labels.join(', ')})`);
	}

	return search.label ?? netns;
}

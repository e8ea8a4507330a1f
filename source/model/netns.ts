import type {Socket} from './types.js';

/**
 * Network namespaces as the views see them: which labels a snapshot spans,
 * what the live view's `n` key steps through, and what `--netns` means when
 * it is not given.
 */

/** The filter value that shows every namespace. */
export const ALL_NAMESPACES = 'all';
/** The label of the namespace of pid 1 (and of sockets whose backend cannot tell). */
export const HOST_NAMESPACE = 'host';

/** A socket's namespace label; backends without namespaces (lsof, sockstat, imports) are the host's. */
export const namespaceOf = (socket: Pick<Socket, 'netns'>): string => socket.netns ?? HOST_NAMESPACE;

/**
 * Every namespace label the sockets carry, host first, then the others in
 * text order, so the `n` key steps through them in the same order each refresh.
 */
export const namespacesOf = (sockets: readonly Socket[]): readonly string[] => withHost(rowNamespaces(sockets));

/** namespacesOf from the sockets' rowNamespaces: the host's is always there. */
export const withHost = (labels: readonly string[]): readonly string[] => (labels[0] === HOST_NAMESPACE ? labels : [HOST_NAMESPACE, ...labels]);

/** The namespace labels the sockets carry and no other: the host's first where one of them is the host's, then the rest in text order. */
export function rowNamespaces(sockets: readonly Socket[]): readonly string[] {
	const labels = new Set<string>();
	for (const socket of sockets) {
		labels.add(namespaceOf(socket));
	}

	const others = [...labels].filter(label => label !== HOST_NAMESPACE).sort();
	return labels.has(HOST_NAMESPACE) ? [HOST_NAMESPACE, ...others] : others;
}

/**
 * Whether a table shows the NETNS column, given the namespaces its sockets
 * span: when any is not the host's. The live table asks it of its whole
 * snapshot (columnsFor) and hides the column where the rows shown are all the host's;
 * `--once` of the namespaces `--netns` lets in (hasNamespaceColumn). A table whose rows are all in one other namespace
 * keeps the column too: without it `udp6 *:53` in a container reads as the
 * host serving DNS. That holds for `--netns NAME` as well: the live header
 * names the filter, but a printed table carries no command line (it is
 * piped, saved, pasted), so only the column says where its rows are.
 */
export const hasOtherNamespace = (namespaces: readonly string[]): boolean => namespaces.some(label => label !== HOST_NAMESPACE);

/**
 * Whether the one-shot table has the NETNS column, by hasOtherNamespace over the namespaces
 * `--netns` (resolved: resolveNamespaceFilter) lets rows come from, never over the rows the other
 * filters pass: a script's `awk '{print $6}'` must not read PROTO in one run and an address in the
 * next because `-l -4` kept only the host's rows this time, or `-p` none. For `all`, every
 * namespace the snapshot has sockets in (as columnsFor); for a name,
 * that one, so `--netns host` never has the column and `--netns NAME` always has it.
 */
export const hasNamespaceColumn = (netns: string, sockets: readonly Socket[]): boolean =>
	hasOtherNamespace(netns === ALL_NAMESPACES ? namespacesOf(sockets) : [netns]);

/**
 * The `n` key: all → host → each other namespace present → all. A filter
 * naming a namespace that is gone (or was never there) goes back to all.
 */
export function nextNamespace(current: string, namespaces: readonly string[]): string {
	const cycle = [ALL_NAMESPACES, ...namespaces.filter(label => label !== ALL_NAMESPACES)];
	const index = cycle.indexOf(current === '' ? ALL_NAMESPACES : current);
	return index === -1 ? ALL_NAMESPACES : (cycle[(index + 1) % cycle.length] ?? ALL_NAMESPACES);
}

/**
 * What `--netns` means when the command line leaves it out ('' or 'auto'):
 * every namespace for root, who can read them all; otherwise `own`, the one
 * socktop runs in (the host's, unless started inside another, as with `ip netns
 * exec blue`), since a user sees only the namespaces of their own processes and
 * a partial "all" would read as the whole machine.
 */
export function resolveNamespaceFilter(netns: string, isRoot: boolean, own: string = HOST_NAMESPACE): string {
	if (netns === '' || netns === 'auto') {
		return isRoot ? ALL_NAMESPACES : own;
	}

	return netns;
}

import {sanitize} from '../format/escape.js';
import type {Filters} from '../options.js';
import {formatPorts} from './list-filter.js';
import {ALL_NAMESPACES} from './netns.js';
import {groupWords} from './tally.js';
import {quotedQuery} from './query.js';

/**
 * The active filters in words, as the live header and the PID view's filter note show them; [] when none. Sanitized.
 * The namespace is one only when it is not `defaultNetns`, what an unset --netns means (resolveNamespaceFilter):
 * a user who set no filter has none, though socktop shows its own namespace's sockets without root.
 */
export function describeFilters(filters: Filters, defaultNetns: string = ALL_NAMESPACES): string[] {
	const parts: string[] = [];
	if (filters.listening) {
		parts.push('listening');
	}

	if (filters.connected) {
		parts.push('connected');
	}

	const families = [filters.ipv4 && 'IPv4', filters.ipv6 && 'IPv6', filters.unix && 'unix'].filter(Boolean);
	if (families.length > 0) {
		parts.push(families.join('+'));
	}

	if (filters.noLoopback) {
		parts.push('no loopback');
	}

	if (filters.protocols.length > 0) {
		parts.push(filters.protocols.join(','));
	}

	if (filters.ports.length > 0) {
		parts.push(`port ${formatPorts(filters.ports)}`);
	}

	if (filters.user !== null) {
		parts.push(`user ${sanitize(filters.user)}`);
	}

	if (isNamespaceFilter(filters, defaultNetns)) {
		parts.push(`netns ${sanitize(filters.netns)}`);
	}

	if (filters.text !== '') {
		parts.push(quotedQuery(filters.text));
	}

	// Its label is a sanitized cell already.
	if (filters.group !== undefined && filters.group !== null) {
		parts.push(groupWords(filters.group));
	}

	return parts;
}

/** Whether the table shows the one namespace socktop chose unasked (a user who is not root: socktop's own), no filter the user set. */
export const isUnaskedNamespace = (filters: Pick<Filters, 'netns'>, defaultNetns: string): boolean =>
	filters.netns === defaultNetns && defaultNetns !== ALL_NAMESPACES;

/** `filters` narrow the namespace beyond what socktop shows unasked (`defaultNetns`: all as root, else its own). */
export const isNamespaceFilter = (filters: Pick<Filters, 'netns'>, defaultNetns: string = ALL_NAMESPACES): boolean =>
	filters.netns !== ALL_NAMESPACES && filters.netns !== '' && filters.netns !== defaultNetns;

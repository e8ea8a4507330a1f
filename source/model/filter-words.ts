import {sanitize} from '../format/escape.js';
import type {Filters} from '../options.js';
import {formatPorts} from './list-filter.js';

/** The active filters in words, as the live header and the PID view's filter note show them; [] when none. Sanitized. */
export function describeFilters(filters: Filters): string[] {
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

	if (filters.netns !== 'all' && filters.netns !== '') {
		parts.push(`netns ${sanitize(filters.netns)}`);
	}

	if (filters.text !== '') {
		parts.push(`"${sanitize(filters.text)}"`);
	}

	return parts;
}

import type {DeniedProcess, Skipped} from '../model/types.js';
import {sanitize} from './escape.js';

/**
 * One denied process as the notes name it, `sshd[812]`, as peers are named elsewhere
 * (`nginx[100]`); `pid 1340` when its command is not known. Sanitized: another user chose it.
 */
const deniedName = ({pid, command}: Pick<DeniedProcess, 'pid' | 'command'>): string =>
	command === null ? `pid ${pid}` : `${sanitize(command)}[${pid}]`;

/**
 * The first `count` denied processes by name and how many more there are:
 * `process_api[1], sshd[812] and 5 more`. null when none is named (count 0, or a
 * backend that cannot name them), so the notes keep their counts alone.
 */
export function deniedNames(skipped: Pick<Skipped, 'deniedProcesses' | 'deniedProcessList'>, count: number): string | null {
	const named = (skipped.deniedProcessList ?? []).slice(0, Math.max(0, count));
	if (named.length === 0) return null;
	const names = named.map(each => deniedName(each)).join(', ');
	const more = skipped.deniedProcesses - named.length;
	return more > 0 ? `${names} and ${more} more` : names;
}

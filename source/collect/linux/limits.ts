/**
 * Parser of /proc/PID/limits (proc(5)). Takes text.
 *
 * Real lines (Debian 12, kernel 6.1); columns are fixed-width, names contain spaces:
 *   Limit                     Soft Limit           Hard Limit           Units
 *   Max open files            20000                20000                files
 */

export type Limit = {
	/** null = 'unlimited'. */
	readonly soft: number | null;
	readonly hard: number | null;
};

const value = (text: string): number | null | undefined =>
	text === 'unlimited' ? null : /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;

/** One limit by its name as the file writes it ('Max open files'); undefined when absent or malformed. */
export function parseLimit(text: string, name: string): Limit | undefined {
	for (const line of text.split('\n')) {
		if (!line.startsWith(name)) {
			continue;
		}

		const [softText = '', hardText = ''] = line.slice(name.length).trim().split(/\s+/);
		const soft = value(softText);
		const hard = value(hardText);
		return soft === undefined || hard === undefined ? undefined : {soft, hard};
	}

	return undefined;
}

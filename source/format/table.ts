import type {Socket} from '../model/types.js';
import {displayWidth, sanitize} from './escape.js';
import {formatCommand, formatForeign, formatLocal, formatOptionalNumber, formatState, formatUser} from './address.js';
import {hasOtherNamespace, namespaceOf, namespacesOf} from '../model/netns.js';
import {protoCell} from '../model/mapped-ipv4.js';

/**
 * The one-shot table, in sockstat's shape (`sockstat -s`: its columns plus STATE):
 *
 *   USER     COMMAND    PID   FD PROTO  LOCAL ADDRESS  FOREIGN ADDRESS  STATE
 *   root     sshd       812   3  tcp4   *:22           *:*              LISTEN
 *
 * Columns are left-aligned and as wide as their widest cell, one space apart, as
 * sockstat prints them; nothing is cut, since pipes and scripts want whole values.
 * Widths count terminal columns (displayWidth), so a wide or zero-width character
 * in a command or path cannot shift the columns after it. A NETNS column after FD says
 * whose network namespace each row is in: where the caller says (once.ts asks
 * hasNamespaceColumn, so the columns do not follow the filters), else when any row is
 * outside the host's (hasOtherNamespace); a table of the host's rows keeps sockstat's shape.
 */

const TABLE_HEADERS = ['USER', 'COMMAND', 'PID', 'FD', 'PROTO', 'LOCAL ADDRESS', 'FOREIGN ADDRESS', 'STATE'] as const;

/** The header with NETNS after FD, for tables with rows outside the host's namespace. */
const TABLE_HEADERS_NETNS = [...TABLE_HEADERS.slice(0, 4), 'NETNS', ...TABLE_HEADERS.slice(4)] as const;

/** The cells of one row, each sanitized, in TABLE_HEADERS (or TABLE_HEADERS_NETNS) order. */
function tableCells(socket: Socket, hasNamespace = false, isNumericUser = false): string[] {
	return [
		formatUser(socket, isNumericUser),
		formatCommand(socket.command),
		formatOptionalNumber(socket.pid),
		formatOptionalNumber(socket.fd),
		...(hasNamespace ? [sanitize(namespaceOf(socket))] : []),
		// sockstat's tcp46 and udp46 for a listener on :: that takes IPv4 too, as the live table says it.
		protoCell(socket),
		formatLocal(socket),
		formatForeign(socket),
		formatState(socket.state),
	];
}

/**
 * Align rows of cells into lines; the last column is not padded, so no line
 * ends in spaces. One pass measures, one pass builds: at 50k sockets this runs
 * on every `--once`, so it avoids per-row arrays.
 */
function alignColumns(rows: ReadonlyArray<readonly string[]>): string[] {
	const columns = rows.reduce((most, row) => Math.max(most, row.length), 0);
	const cellWidths = new Int32Array(rows.length * columns);
	const widths = new Array<number>(columns).fill(0);
	for (const [rowIndex, row] of rows.entries()) {
		for (let column = 0; column < row.length; column++) {
			const width = displayWidth(row[column]!);
			cellWidths[rowIndex * columns + column] = width;
			widths[column] = Math.max(widths[column]!, width);
		}
	}

	return rows.map((row, rowIndex) => {
		let line = '';
		for (let column = 0; column < row.length - 1; column++) {
			line += row[column]! + ' '.repeat(widths[column]! - cellWidths[rowIndex * columns + column]! + 1);
		}

		return (line + (row.at(-1) ?? '')).trimEnd();
	});
}

/** How the one-shot table is printed. */
export type TableStyle = {
	/** -q (sockstat's): no header line; the rows keep the widths the header would give them. */
	readonly isQuiet?: boolean;
	/** -n: USER as the uid (formatUser). */
	readonly isNumericUser?: boolean;
	/** The NETNS column (hasNamespaceColumn); default: when any row is outside the host's namespace. */
	readonly hasNamespace?: boolean;
};

/** Header (unless -q) plus one line per socket, newline-terminated; nothing at all for -q and no sockets. */
export function formatTable(sockets: readonly Socket[], {isQuiet = false, isNumericUser = false, hasNamespace = hasOtherNamespace(namespacesOf(sockets))}: TableStyle = {}): string {
	const rows: string[][] = [
		[...(hasNamespace ? TABLE_HEADERS_NETNS : TABLE_HEADERS)],
		...sockets.map(socket => tableCells(socket, hasNamespace, isNumericUser)),
	];
	// Aligned with the header, then dropped: `socktop -q` lines up with `socktop`'s, as sockstat -q's do.
	const lines = alignColumns(rows).slice(isQuiet ? 1 : 0);
	return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

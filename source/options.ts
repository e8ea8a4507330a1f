import type {FdSortOrder} from './model/fd-sort.js';
import type {SortOrder} from './model/sort.js';
import type {BackendName} from './model/types.js';
import type {GroupFilter, TallyColumn} from './model/tally.js';

/** A port set from `-p 22,80,8000-8100`: inclusive ranges. */
export type PortRange = readonly [low: number, high: number];

/** The socket filters sockstat's flags express (also the live view's toggles). */
export type Filters = {
	/** -4 / -6 / -u: which families to show; all three false means "all". */
	readonly ipv4: boolean;
	readonly ipv6: boolean;
	readonly unix: boolean;
	/** -l: listening sockets only. */
	readonly listening: boolean;
	/** -c: connected sockets only. */
	readonly connected: boolean;
	/** -L: hide Internet sockets with a loopback end (local or foreign), as sockstat -L. */
	readonly noLoopback: boolean;
	/** -p: local or foreign port in one of these ranges; empty = any. */
	readonly ports: readonly PortRange[];
	/** -P tcp,udp,...: protocol names without the 4/6 suffix; empty = any. */
	readonly protocols: readonly string[];
	/** --user NAME|UID */
	readonly user: string | null;
	/** Free text from the live view's `/` prompt, matched against every column. */
	readonly text: string;
	/** --netns all|host|LABEL; '' when not given (resolveNamespaceFilter: all for root, host otherwise) */
	readonly netns: string;
	/** The live view's drill-in from a tally's group (Enter there): the rows of exactly that group; Esc clears it. */
	readonly group?: GroupFilter | null;
};

/** Everything the command line decides, validated. cli.tsx builds it; nothing else parses argv. */
export type Options = {
	readonly filters: Filters;
	/** Refresh interval in seconds (-d/--interval). */
	readonly interval: number;
	readonly once: boolean;
	readonly json: boolean;
	/** -q: the one-shot table, and --pid N --once's fd table, without its header line (sockstat -q); --json and the live view ignore it. */
	readonly quiet: boolean;
	/** --sort [-]COLUMN: the live view's first sort, and the printed table's and --json's order; null: the kernel's order (the live view: by command). */
	readonly sort: SortOrder | null;
	/** --sort with --pid: the PID view's first sort, and --pid N --once's fd table's order (not --json's); null: by FD. */
	readonly pidSort: FdSortOrder | null;
	/** --tally COLUMN: the rows counted by that column (the printed counts, --json's `tally`, the live view's tally); null: none. */
	readonly tally: TallyColumn | null;
	/** -n: USER as the uid, not the name (FreeBSD 14 sockstat -n); --json keeps the name, uid has its own field. */
	readonly numericUsers: boolean;
	/** --pid N: the PID view of process N, opened in the live view or printed once. */
	readonly pid: number | null;
	/** 'auto' picks by platform. */
	readonly backend: BackendName | 'auto';
	/** --import FILE ('-' for stdin). */
	readonly importFile: string | null;
	/** --services FILE (or SOCKTOP_SERVICES). null = /etc/services. */
	readonly servicesFile: string | null;
	/** Where servicesFile came from, for messages about it. */
	readonly servicesFrom: '--services' | 'SOCKTOP_SERVICES';
	/** --ephemeral LOW-HIGH; null = the system's range. */
	readonly ephemeral: PortRange | null;
	/**
	 * --color ('always': a per-run choice, which no-color.org lets override NO_COLOR), --no-color
	 * ('never'), or neither ('auto': the environment and the terminal decide: isColorAllowed).
	 */
	readonly color: ColorChoice;
};

export type ColorChoice = 'always' | 'auto' | 'never';

export const defaultFilters: Filters = {
	ipv4: false,
	ipv6: false,
	unix: false,
	listening: false,
	connected: false,
	noLoopback: false,
	ports: [],
	protocols: [],
	user: null,
	text: '',
	netns: 'all',
};

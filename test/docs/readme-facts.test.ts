import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {cutListenersLine} from '../../source/collect/linux/ss-cut.js';
import {parseSsUnix} from '../../source/collect/linux/ss-unix.js';
import {MISSING_NSENTER, MISSING_SS, ssTroubleLine} from '../../source/collect/linux/tools.js';
import {LSOF_CAPTURE} from '../../source/collect/lsof/sockets.js';
import {hiddenWarning} from '../../source/components/hidden-warning.js';
import {helpLayout} from '../../source/components/help-layout.js';
import {KEPT_TABLE_ROWS, SELECTED_MAX_LINES} from '../../source/components/pid-layout.js';
import {toJsonDocument, toJsonSocket} from '../../source/format/json.js';
import {formatUnixPeer} from '../../source/format/address.js';
import {formatProcessJson} from '../../source/format/pid.js';
import {stepInterval} from '../../source/hooks/table-actions.js';
import {KEYMAP} from '../../source/keymap.js';
import {columnsFor} from '../../source/model/columns.js';
import {layoutColumns} from '../../source/model/layout.js';
import {emptySkipped} from '../../source/model/types.js';
import {MAX_INTERVAL, MIN_INTERVAL} from '../../source/parse-options.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {makeSocket} from '../format/sockets.js';
import {detailOf} from '../components/pid-fixtures.js';

/** The README, with line breaks inside paragraphs read as spaces. */
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const prose = readme.replaceAll(/\s*\n\s*/g, ' ');

/** The README's text from `heading` to the next heading of any level. */
const section = (heading: string) => {
	const start = prose.indexOf(heading);
	expect(start).toBeGreaterThan(-1);
	const end = prose.indexOf(' #', start + heading.length);
	return prose.slice(start, end === -1 ? undefined : end);
};

/** Every key of an object and its nested objects (arrays: their first element), as a.b paths. */
function keyPaths(value: unknown, prefix = ''): string[] {
	const item = Array.isArray(value) ? value[0] : value;
	if (item === null || typeof item !== 'object' || Array.isArray(item)) {
		return [];
	}

	return Object.entries(item).flatMap(([key, child]) => [`${prefix}${key}`, ...keyPaths(child, `${prefix}${key}.`)]);
}

describe('README: JSON', () => {
	const document = toJsonDocument({time: 0, hostname: 'box', backend: 'proc', sockets: [makeSocket()], skipped: {...emptySkipped, deniedProcessList: [{pid: 1, command: 'systemd', user: 'root', uid: 0}], unreadableTables: ['/proc/net/raw6: ENOENT']}});

	it('shows an example with exactly the keys --json prints', () => {
		const example = /## JSON[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
		expect(keyPaths(JSON.parse(example!))).toEqual(keyPaths(document));
	});

	it('describes every key of the document and of a socket in the field table', () => {
		const start = readme.indexOf('## JSON');
		const fields = [...readme.slice(start, readme.indexOf('\n## ', start)).matchAll(/^\| ([^|]*) \|/gmu)].map(match => match[1]!);
		for (const key of [...Object.keys(document), ...Object.keys(document.sockets[0]!)]) {
			expect(fields.some(field => new RegExp(`[\`.]${key}[\`.[]`, 'u').test(field)), key).toBe(true);
		}
	});

	it('describes every skipped key in the field table', () => {
		const table = section('## JSON');
		for (const key of Object.keys(document.skipped)) {
			expect(table).toMatch(new RegExp(`[\`.]${key}\``));
		}
	});

	it('quotes the lines naming a missing tool as the /proc backend writes them', () => {
		const table = section('## JSON');
		expect(table).toContain(`"${MISSING_SS}"`);
		expect(table).toContain(`"${MISSING_NSENTER}"`);
		expect(table).toContain(`"${ssTroubleLine('timeout', false)}"`);
		expect(table).toContain(`"${ssTroubleLine('too long', false)}"`);
		expect(table).toContain(`"${ssTroubleLine('timeout', false, 'v6only')}"`);
		// What a long accept queue kept ss from telling (ss-cut.ts): the README's example, 3 listeners behind a queue of 1000.
		const cut = {...parseSsUnix(''), unlisted: [1, 2, 3], rxQueues: new Map([[1, 1000], [2, 0], [3, 0]])};
		expect(table).toContain(`"${cutListenersLine(cut, false)}"`);
	});

	it('names every key of --pid N --json', () => {
		const services = createStaticServiceTable([]);
		const pidJson = JSON.parse(formatProcessJson(detailOf(), {services, ephemeral: null})) as Record<string, unknown>;
		const paragraph = section('## PID view');
		const keys = new Set(keyPaths(pidJson).map(path => path.split('.').at(-1)!));
		// A socket's own keys are --json's, documented there; 'service' and 'detail' belong to each explained port.
		for (const key of Object.keys(toJsonSocket(makeSocket()))) keys.delete(key);
		for (const key of keys) {
			if (!['port', 'class', 'service', 'text', 'detail'].includes(key)) expect(paragraph).toContain(`\`${key}\``);
		}
	});
});

describe('README: PID view', () => {
	it('gives the lines the PID view\'s selected fd may take and the rows its table keeps', () => {
		const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
		const paragraph = section('## PID view');
		expect(paragraph).toContain(`wrapped over up to ${words[SELECTED_MAX_LINES]} lines`);
		expect(paragraph).toContain(`the table keeps at least ${words[KEPT_TABLE_ROWS]} rows`);
	});
});

describe('README: live view', () => {
	it('quotes the header\'s hidden-process warnings as they are printed', () => {
		for (const skipped of [
			{deniedProcesses: 3},
			{deniedNamespaces: 2},
			{deniedProcesses: 3, deniedNamespaces: 2},
			{deniedProcesses: 1, deniedAsRoot: true},
			{procHidden: true},
		]) {
			const warning = hiddenWarning({...emptySkipped, ...skipped})!;
			expect(prose.includes(`"${warning}"`), warning).toBe(true);
		}

		// And as they name processes where the line has room.
		const named = (pid: number, command: string) => ({pid, command, user: 'root', uid: 0});
		for (const [skipped, count] of [
			[{deniedProcesses: 1, deniedAsRoot: true, deniedProcessList: [named(1, 'process_api')]}, 1],
			[{deniedProcesses: 3, deniedProcessList: [named(1, 'systemd'), named(812, 'sshd'), named(900, 'cron')]}, 2],
		] as const) {
			const warning = hiddenWarning({...emptySkipped, ...skipped}, 'sentence', count)!;
			expect(warning).toContain('[1]');
			expect(prose.includes(`"${warning}"`), warning).toBe(true);
		}
	});

	it('lists the columns narrow terminals drop, in the order they go', () => {
		// Two namespaces, so NETNS is shown too.
		const columns = columnsFor(['host', 'docker:3f4e5a6b7c8d']);
		const dropped: string[] = [];
		const ids = new Set(columns.map(column => column.id));
		for (let width = 300; width >= 40; width--) {
			// Addresses whole at their floor (12): the columns that give way to a cut one go sooner, as the README says next.
			const kept = new Set(layoutColumns(width, {local: 12, foreign: 12}, columns).map(placed => placed.column.id));
			for (const id of ids) {
				if (!kept.has(id)) {
					dropped.push(columns.find(column => column.id === id)!.header);
					ids.delete(id);
				}
			}
		}

		// The README names them up to STATE.
		const named = dropped.slice(0, dropped.indexOf('STATE') + 1);
		expect(/narrow terminals drop ([^.]*)\./.exec(prose)?.[1]).toBe(`${named.slice(0, -1).join(', ')}, then STATE`);
	});

	it('gives the + and - steps and -d\'s range', () => {
		const steps = [MIN_INTERVAL];
		while (stepInterval(steps.at(-1)!, 1) !== steps.at(-1)) steps.push(stepInterval(steps.at(-1)!, 1));
		expect(/in round steps: ([^.]*(?:\.\d[^.]*)*) seconds/.exec(prose)?.[1]).toBe(`${steps.slice(0, -1).join(', ')} and ${steps.at(-1)!}`);
		// The steps reach -d's limits.
		expect(/the range `-d` allows \(([^;]*);/.exec(prose)?.[1]).toBe(`${MIN_INTERVAL} to ${MAX_INTERVAL}`);
		expect([steps[0], steps.at(-1)]).toEqual([MIN_INTERVAL, MAX_INTERVAL]);
	});
});

describe('README: browsing a capture', () => {
	it('recommends the lsof command a capture that cannot be read is told to use', () => {
		expect(section('### Browsing a capture')).toContain(`\`${LSOF_CAPTURE}\``);
	});
});

describe('README: layout', () => {
	it('names every file outside source/collect/ that does I/O (what test/layers.test.ts allows), and says collect/ is not alone', () => {
		const sourceDir = new URL('../../source/', import.meta.url);
		const doingIo = readdirSync(sourceDir, {recursive: true, encoding: 'utf8'})
			.filter(file => /\.tsx?$/.test(file) && !file.startsWith('collect/'))
			.filter(file => /from 'node:(fs|fs\/promises|child_process|worker_threads|net|dgram|https?|http2|cluster|os|readline)'/.test(readFileSync(new URL(file, sourceDir), 'utf8')))
			.map(file => `source/${file}`)
			.sort();
		expect(doingIo).toContain('source/services/load.ts');
		const named = /Only `source\/collect\/`, (.*?) do I\/O/.exec(prose)?.[1] ?? '';
		expect([...named.matchAll(/`([^`]+)`/g)].map(match => match[1]).sort()).toEqual(doingIo);
		expect(prose).not.toContain('the only code that does I/O');
	});
});

describe('README: the ? screen\'s columns', () => {
	it('takes two columns at 100x24, and keeps them, scrolled, when the states and unread processes follow the keys', () => {
		expect(prose).toContain('in two side by side where it is wide enough, as 100x24');
		expect(prose).toContain('where the keys fit in two columns but what follows them does not, the two columns scroll');
		expect(helpLayout(KEYMAP, 100, 24).columns).toHaveLength(2);
		// 20 unread processes after the keys and the states: still two columns, which scroll.
		expect(helpLayout(KEYMAP, 100, 24, false, 24).columns).toHaveLength(2);
		expect(helpLayout(KEYMAP, 80, 24).columns).toHaveLength(1);
	});
});

describe('README: the cells', () => {
	it('explains -> ?, which a stream socket whose peer closed shows (peer inode 0, as ss -x prints it)', () => {
		expect(prose).toContain('| `-> ?` | a connected unix socket whose other end cannot be named');
		expect(formatUnixPeer({peerPath: null, peerInode: 0, state: 'ESTABLISHED'})).toBe('-> ?');
	});
});

describe('README: CI', () => {
	it('names every system tool .ci/run installs', () => {
		const run = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
		const tools = [...run.matchAll(/^\t\[([\w-]+)\]=/gmu)].map(match => match[1]);
		expect(tools.length).toBeGreaterThan(5);
		const named = /installs the system tools the tests use that are missing \(([^)]*)\)/u.exec(prose)?.[1]?.split(', ');
		expect(named?.sort()).toEqual(tools.sort());
	});
});

describe('README: paths', () => {
	it('names only files and folders of the repository that exist', () => {
		const named = [...readme.matchAll(/[`(]((?:source|scripts|bench|test|media|\.ci)\/[^`) ]+)[`)]/gu)].map(match => match[1]!);
		expect(named.length).toBeGreaterThan(10);
		for (const file of named) expect(existsSync(new URL(`../../${file}`, import.meta.url)), file).toBe(true);
	});
});

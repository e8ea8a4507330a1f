/**
 * The PID view's words are made once each and only where shown: the selected fd's sentence is
 * the one its row already has (not explained a second time every refresh), and what "ephemeral"
 * means (ephemeralNote) is worked out only for the fds that show it: the selected one in the
 * view, each socket in --once, none in --json. Counted by the services table's lookups, which
 * both the sentence and the note's reading of the connection's direction ask.
 */
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {formatProcessJson, formatProcessText} from '../../source/format/pid.js';
import {explainFd} from '../../source/format/fd-sentence.js';
import {type FdExplanations, useFdExplanations} from '../../source/hooks/use-fd-explanations.js';
import type {FileDescriptor} from '../../source/model/process.js';
import type {PortRange} from '../../source/options.js';
import {ephemeralNote} from '../../source/services/ephemeral-note.js';
import {explainSocket} from '../../source/services/explain.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import type {ServiceTable} from '../../source/services/types.js';
import {detailOf, inetSocket} from '../components/pid-fixtures.js';
import {unmountAfterEach} from '../helpers/unmount.js';

unmountAfterEach();

const ephemeral: PortRange = [32_768, 60_999];
// Both ports in the ephemeral range and neither listened on: only the services table can tell the direction, so the note asks it too.
const connection = (fd: number): FileDescriptor => {
	const socket = inetSocket({proto: 'tcp4', localAddress: '10.0.0.1', localPort: 41_000 + fd, foreignAddress: '10.0.0.2', foreignPort: 42_000, state: 'ESTABLISHED', fd, inode: 50_000 + fd});
	return {fd, type: 'socket', target: `socket:[${50_000 + fd}]`, socket};
};

const fds = [connection(3), connection(4)];

/** A services table that counts its lookups; its load never ends, so the hook renders once. */
function countingTable(): {table: ServiceTable; count: () => number} {
	const inner = createStaticServiceTable([]);
	let lookups = 0;
	const table: ServiceTable = {
		load: async () => new Promise<void>(() => undefined),
		lookup(port, protocol) {
			lookups++;
			return inner.lookup(port, protocol);
		},
	};
	return {table, count: () => lookups};
}

/** The lookups of explaining `fd`'s socket, and of its note besides. */
function costOf(fd: FileDescriptor): {sentence: number; note: number} {
	const {table, count} = countingTable();
	const hints = {services: table, ephemeral};
	const explanation = explainSocket(fd.socket!, hints);
	const sentence = count();
	expect(ephemeralNote(fd.socket!, explanation.local, explanation.foreign, hints)).not.toBeNull();
	return {sentence, note: count() - sentence};
}

function Probe({services, onWords}: {readonly services: ServiceTable; readonly onWords: (words: FdExplanations) => void}) {
	const words = useFdExplanations({pid: 812, services, ephemeral, ephemeralSetting: null, shown: detailOf(fds), fds, selectedFd: fds[0], selected: 0});
	onWords(words);
	return <Text>{[words.sentences.at(0), words.sentences.at(1), words.selectedText, words.selectedNote].join('\n')}</Text>;
}

describe('the PID view\'s explanations', () => {
	const cost = costOf(fds[0]!);

	it('asks the services table for the note, and for a connection\'s sentence', () => {
		expect(cost.sentence).toBeGreaterThan(0);
		expect(cost.note).toBeGreaterThan(0);
	});

	it('explain the selected fd once, its row\'s sentence serving as its full text, and note only it', () => {
		const {table, count} = countingTable();
		let words: FdExplanations | undefined;
		render(<Probe services={table} onWords={each => (words = each)} />);
		expect(words?.selectedText).toBe(words?.sentences.at(0));
		expect(words?.selectedNote).toMatch(/^41003: in the ephemeral range 32768-60999/);
		// Two rows' sentences and one note (the selected fd's): not the selected fd twice, nor the other row's note.
		expect(count()).toBe(2 * cost.sentence + cost.note);
	});

	it('work a note out once, a null one too, however often it is asked for (the view asks each frame)', () => {
		const {table, count} = countingTable();
		const plain = {...connection(5), socket: inetSocket({proto: 'tcp4', localAddress: '10.0.0.1', localPort: 5000, foreignAddress: '10.0.0.2', foreignPort: 6000, state: 'ESTABLISHED'})};
		for (const [fd, note] of [[fds[0]!, /^41003: /], [plain, null]] as const) {
			const explained = explainFd(fd, {services: table, ephemeral})!;
			const made = count();
			expect(explained.ephemeralNote?.() ?? null).toEqual(note === null ? null : expect.stringMatching(note));
			expect(count()).toBeGreaterThan(made);
			const asked = count();
			explained.ephemeralNote?.();
			expect(count()).toBe(asked);
		}
	});

	it('note each socket in --once, and none in --json, which has no notes', () => {
		const json = countingTable();
		formatProcessJson(detailOf(fds), {services: json.table, ephemeral});
		expect(json.count()).toBe(2 * cost.sentence);
		const text = countingTable();
		expect(formatProcessText(detailOf(fds), {services: text.table, ephemeral})).toContain('    41003: in the ephemeral range 32768-60999');
		expect(text.count()).toBeGreaterThanOrEqual(2 * (cost.sentence + cost.note));
	});
});

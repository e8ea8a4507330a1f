import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {normalizeState} from '../../source/collect/import/endpoint.js';
import {shortState, stateSpellings} from '../../source/model/state-names.js';
import {OTHER_STATES, TCP_STATES} from '../../source/model/types.js';

const states = [...TCP_STATES, ...OTHER_STATES];

describe('stateSpellings', () => {
	it.each([
		['CLOSE_WAIT', ['CLOSE_WAIT', 'CLOSE-W', 'CLOSE-WAIT']],
		['TIME_WAIT', ['TIME_WAIT', 'TIME-W', 'TIME-WAIT']],
		['FIN_WAIT1', ['FIN_WAIT1', 'FIN-W1', 'FIN-WAIT-1', 'FIN_WAIT_1']],
		['FIN_WAIT2', ['FIN_WAIT2', 'FIN-W2', 'FIN-WAIT-2', 'FIN_WAIT_2']],
		['SYN_SENT', ['SYN_SENT', 'SYN-S', 'SYN-SENT']],
		['SYN_RECV', ['SYN_RECV', 'SYN-R', 'SYN-RECV', 'SYN_RCVD']],
		['LAST_ACK', ['LAST_ACK', 'LAST-A', 'LAST-ACK']],
		['ESTABLISHED', ['ESTABLISHED', 'ESTAB']],
		['CLOSE', ['CLOSE', 'UNCONN', 'CLOSED']],
		['LISTEN', ['LISTEN', 'LISTENING']],
		['UNCONN', ['UNCONN']],
	] as const)('%s: the name, the short form, ss\'s, the other tools\'', (state, expected) => {
		expect(stateSpellings(state)).toEqual(expected);
	});

	it('holds the STATE column\'s short form of every state', () => {
		for (const state of states) {
			expect(stateSpellings(state)).toContain(shortState(state));
		}
	});

	it('leaves text that is no state as it is', () => {
		expect(shortState('?')).toBe('?');
		expect(shortState('LISTEN')).toBe('LISTEN');
	});
});

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

/** The state words of real captures: every token a state parser reads as a state. */
function stateWords(folder: string): Set<string> {
	const words = new Set<string>();
	for (const file of readdirSync(path.join(fixtures, folder)).filter(name => name.endsWith('.txt'))) {
		for (const token of readFileSync(path.join(fixtures, folder, file), 'utf8').split(/\s+/)) {
			// netstat -x's CONNECTED is left out on purpose (see state-names.ts).
			if (/^[A-Z][A-Z\d_-]+$/.test(token) && token !== 'CONNECTED' && normalizeState(token) !== null) {
				words.add(token);
			}
		}
	}

	return words;
}

describe('the spellings of real tools', () => {
	it.each([
		['ss', ['ESTAB', 'UNCONN', 'TIME-WAIT', 'CLOSE-WAIT', 'FIN-WAIT-2', 'LISTEN']],
		['netstat', ['ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT', 'FIN_WAIT2', 'LISTENING']],
	] as const)('every state word in the %s captures is a spelling of the state it is read as', (folder, expected) => {
		const words = stateWords(folder);
		expect([...words]).toEqual(expect.arrayContaining([...expected]));
		for (const word of words) {
			const state = normalizeState(word);
			expect(state === null ? [] : stateSpellings(state), word).toContain(word);
		}
	});
});

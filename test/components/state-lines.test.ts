import {describe, expect, it} from 'vitest';
import {stateHelpLines} from '../../source/components/state-lines.js';
import {displayWidth} from '../../source/format/escape.js';
import {explainSocket} from '../../source/services/explain.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {createTheme} from '../../source/theme.js';
import {socket} from '../services/helpers.js';

const text = (width: number) => stateHelpLines(createTheme(false), width).map(segments => segments.map(segment => segment.text).join('').trimEnd());

describe('stateHelpLines', () => {
	it('says each state the table shows in one line at 80 columns, after a blank line, named as the STATE column spells it', () => {
		const lines = text(80);
		expect(lines[0]).toBe('');
		expect(lines.slice(1).map(line => line.slice(9).split(/\s+/)[0])).toEqual(['LISTEN', 'ESTAB', 'SYN-S', 'SYN-R', 'FIN-W1', 'FIN-W2', 'TIME-W', 'CLOSE-W', 'LAST-A', 'CLOSNG', 'UNCONN', 'CONN', 'DISCON']);
		expect(lines.every(line => displayWidth(line) <= 80)).toBe(true);
	});

	it('wraps a meaning under itself where the terminal is narrow, never past its width', () => {
		const lines = text(40);
		expect(lines.length).toBeGreaterThan(12);
		expect(lines.every(line => displayWidth(line) <= 40)).toBe(true);
		expect(lines).toContain('         CLOSE-W  the other side has');
	});

	it("uses the PID view's words: a CLOSE_WAIT connection's sentence says what the help says", () => {
		const meaning = text(Number.POSITIVE_INFINITY).find(line => line.includes('CLOSE-W'))!.replace(/^\s+CLOSE-W\s+/, '');
		const connection = socket({proto: 'tcp4', inode: 7, localAddress: '10.0.0.2', localPort: 41_234, foreignAddress: '93.184.216.34', foreignPort: 443, state: 'CLOSE_WAIT', command: 'firefox', pid: 1, fd: 3});
		const {sentence} = explainSocket(connection, {services: createStaticServiceTable([]), ephemeral: [32_768, 60_999]});
		expect(sentence).toContain(`(CLOSE_WAIT: ${meaning})`);
	});
});

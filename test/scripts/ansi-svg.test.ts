import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {DEFAULT_BG, DEFAULT_FG, PALETTE, parseAnsi, renderSvg, type Span} from '../../scripts/ansi-svg.mjs';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/scripts/${name}`, import.meta.url), 'utf8');

/** The line as the terminal showed it: each span's text at its column. */
function plainLine(spans: readonly Span[]): string {
	let line = '';
	for (const span of spans) {
		line = line.padEnd(span.column) + span.text;
	}

	return line.trimEnd();
}

describe('parseAnsi', () => {
	it.each(['live', 'pid-view'])('puts every character of a real tmux capture (%s) at the column tmux shows it', name => {
		const lines = parseAnsi(fixture(`${name}.ansi`));
		const plain = fixture(`${name}.txt`).replace(/\n$/, '').split('\n');
		expect(lines.map(plainLine)).toEqual(plain.map(line => line.trimEnd()));
	});

	it('reads the live view colours: blue bold headers, the sort column bright, the selected row inverse, LISTEN green', () => {
		const lines = parseAnsi(fixture('live.ansi'));
		const header = lines[3]!;
		expect(header.find(span => span.text.startsWith('USER'))).toMatchObject({fg: PALETTE[4], isBold: true});
		expect(header.find(span => span.text.startsWith('COMMAND▲'))).toMatchObject({fg: PALETTE[14], isBold: true});
		const selected = lines.filter(spans => spans.some(span => span.isInverse));
		expect(selected).toHaveLength(1);
		expect(plainLine(selected[0]!)).toMatch(/^nobody +python3 +4001 +3 tcp4 +127\.0\.0\.1:8080 .*LISTEN +http-alt$/);
		expect(selected[0]!.find(span => span.text.startsWith('LISTEN'))).toMatchObject({fg: PALETTE[2], isInverse: true});
	});

	it('applies 256-colour, true-colour, reset and attribute-off codes', () => {
		const [spans] = parseAnsi('\u001B[1;38;5;208mA\u001B[22;48;2;1;2;3mB\u001B[2;7mC\u001B[mD');
		expect(spans).toEqual([
			{text: 'A', column: 0, width: 1, fg: '#ff8700', bg: null, isBold: true, isDim: false, isItalic: false, isUnderline: false, isInverse: false},
			{text: 'B', column: 1, width: 1, fg: '#ff8700', bg: '#010203', isBold: false, isDim: false, isItalic: false, isUnderline: false, isInverse: false},
			{text: 'C', column: 2, width: 1, fg: '#ff8700', bg: '#010203', isBold: false, isDim: true, isItalic: false, isUnderline: false, isInverse: true},
			{text: 'D', column: 3, width: 1, fg: null, bg: null, isBold: false, isDim: false, isItalic: false, isUnderline: false, isInverse: false},
		]);
	});

	it('counts wide characters as two columns and drops escapes that are not colours', () => {
		const [spans] = parseAnsi('日本\u001B]0;title\u0007\u001B[2K\u001B[31mx');
		expect(spans).toMatchObject([
			{text: '日本', column: 0, width: 4},
			{text: 'x', column: 4, width: 1, fg: PALETTE[1]},
		]);
	});
});

describe('renderSvg', () => {
	it('escapes text and places each word at its cell', () => {
		const svg = renderSvg('a <b> & "c"\n  \u001B[32mLISTEN\u001B[0m', {columns: 20, rows: 2, title: 'x<y'});
		expect(svg).toContain('>&lt;b&gt;</text>');
		expect(svg).toContain('>&amp;</text>');
		expect(svg).toContain('>&quot;c&quot;</text>');
		expect(svg).toContain('aria-label="x&lt;y"');
		expect(svg).not.toMatch(/[\u0000-\u0008\u001B]/);
		const x = (word: string) => Number(new RegExp(`<text x="([0-9.]+)"[^>]*>${word}</text>`).exec(svg)?.[1]);
		const cell = x('&lt;b&gt;') - x('a');
		expect(cell).toBeCloseTo(2 * 14 * 0.602, 2);
		expect(x('LISTEN') - x('a')).toBeCloseTo(cell, 2);
		expect(svg).toMatch(new RegExp(`<text [^>]*fill="${PALETTE[2]}"[^>]*>LISTEN</text>`));
	});

	it('draws an inverse span as a default-foreground block with background-coloured text', () => {
		const svg = renderSvg('\u001B[7msel\u001B[0m', {columns: 10, rows: 1});
		expect(svg).toMatch(new RegExp(`<rect x="14" y="[0-9.]+" width="[0-9.]+" height="17" fill="${DEFAULT_FG}"/>`));
		expect(svg).toMatch(new RegExp(`<text [^>]*fill="${DEFAULT_BG}"[^>]*>sel</text>`));
	});
});

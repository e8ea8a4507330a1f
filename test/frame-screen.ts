/**
 * A small terminal model for the frame writer's tests, written apart from
 * source/frame-cells.ts so the two can disagree: a grid of cells (text and SGR
 * attributes), driven by CSI row;col H, CSI n C, CSI 2J, CSI K, SGR, a scrolling
 * region (CSI top;bottom r) with lines inserted and deleted in it (CSI n L,
 * CSI n M), and text, with
 * wide characters taking two cells and a half-overwritten wide character
 * blanked as xterm does. As in xterm, a character written to the last column
 * leaves the cursor there with a wrap pending: CSI K then erases that
 * character, and the next character wraps to the next row. As xterm, tmux and
 * the linux console do (BCE, back colour erase), cells that CSI K, 2J, L and M
 * blank take the current background colour. Anything else throws.
 */
const wide = new Set(['日', '本', '語']);

type Cell = {text: string; style: string};

export class Screen {
	private readonly grid: Cell[][];
	private row = 0;
	private column = 0;
	private isWrapPending = false;
	private attributes = new Map<string, string>();
	// The scrolling region's first and last rows (CSI top;bottom r).
	private top = 0;
	private bottom: number;

	/** `wideAlso`: characters this terminal draws two columns wide besides CJK (an East Asian ambiguous-width setting). */
	constructor(
		readonly rows: number,
		readonly columns: number,
		private readonly wideAlso: readonly string[] = [],
	) {
		this.grid = Array.from({length: rows}, () => this.blankRow());
		this.bottom = rows - 1;
	}

	/** Feed terminal output. */
	write(output: string): this {
		// eslint-disable-next-line no-control-regex
		for (const token of output.split(/(\u001B\[[\d;]*[A-Za-z])/u)) {
			if (token === '') {
				continue;
			}

			// eslint-disable-next-line no-control-regex
			const match = /^\u001B\[([\d;]*)([A-Za-z])$/u.exec(token);
			if (match === null) {
				for (const character of token) {
					this.put(character);
				}
			} else {
				this.control(match[1] ?? '', match[2] ?? '');
			}
		}

		return this;
	}

	/** Each row's text, trailing blanks trimmed. */
	lines(): string[] {
		return this.grid.map(cells => cells.map(cell => cell.text).join('').trimEnd());
	}

	/** Each row as text and style per cell, blank cells of no style dropped at the end. */
	styled(): string[] {
		return this.grid.map(cells =>
			cells
				.map(cell => (cell.text === '' ? '' : `${cell.text}${cell.style === '' ? '' : `{${cell.style}}`}`))
				.join('')
				.replace(/ +$/u, ''),
		);
	}

	private blankRow(): Cell[] {
		return Array.from({length: this.columns}, () => this.blank());
	}

	/** A blank cell as an erase leaves it: in the current background colour (BCE). */
	private blank(): Cell {
		const background = this.attributes.get('bg');
		return {text: ' ', style: background === undefined ? '' : `bg=${background}`};
	}

	private style(): string {
		return [...this.attributes.entries()]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([key, value]) => `${key}=${value}`)
			.join(',');
	}

	private control(parameters: string, command: string) {
		// Cursor moves and erases end a pending wrap (DEC STD 070); SGR does not.
		if (command !== 'm') this.isWrapPending = false;
		if (command === 'H') {
			// Beyond the screen, to its last row or column, as terminals do.
			const [row, column] = parameters.split(';');
			this.row = Math.min(Number(row || '1'), this.rows) - 1;
			this.column = Math.min(Number(column || '1'), this.columns) - 1;
		} else if (command === 'J' && parameters === '2') {
			this.grid.splice(0, this.rows, ...Array.from({length: this.rows}, () => this.blankRow()));
		} else if (command === 'K' && parameters === '') {
			this.blankHalfOf(this.column);
			for (let column = this.column; column < this.columns; column++) {
				this.grid[this.row]![column] = this.blank();
			}
		} else if (command === 'r') {
			const [top, bottom] = parameters.split(';');
			this.top = Number(top || '1') - 1;
			this.bottom = Number(bottom || String(this.rows)) - 1;
			this.row = 0;
			this.column = 0;
		} else if ((command === 'L' || command === 'M') && this.row >= this.top && this.row <= this.bottom) {
			const count = Math.min(Number(parameters || '1'), this.bottom - this.row + 1);
			const blank = Array.from({length: count}, () => this.blankRow());
			if (command === 'L') {
				this.grid.splice(this.bottom - count + 1, count);
				this.grid.splice(this.row, 0, ...blank);
			} else {
				this.grid.splice(this.row, count);
				this.grid.splice(this.bottom - count + 1, 0, ...blank);
			}

			this.column = 0;
		} else if (command === 'C') {
			this.column = Math.min(this.column + Number(parameters || '1'), this.columns - 1);
		} else if (command === 'm') {
			this.sgr(parameters);
		} else {
			throw new Error(`unexpected escape ${command} ${parameters}`);
		}
	}

	private sgr(parameters: string) {
		const codes = parameters === '' ? [0] : parameters.split(';').map(Number);
		const names: Record<number, string> = {1: 'bold', 2: 'dim', 3: 'italic', 4: 'underline', 7: 'inverse', 9: 'strike'};
		for (let index = 0; index < codes.length; index++) {
			const code = codes[index]!;
			if (code === 0) {
				this.attributes.clear();
			} else if (names[code] !== undefined) {
				this.attributes.set(names[code], 'on');
			} else if (code === 22) {
				this.attributes.delete('bold');
				this.attributes.delete('dim');
			} else if ([23, 24, 27, 29].includes(code)) {
				this.attributes.delete(names[code - 20]!);
			} else if (code === 39 || code === 49) {
				this.attributes.delete(code === 39 ? 'fg' : 'bg');
			} else if (code === 38 || code === 48) {
				this.attributes.set(code === 38 ? 'fg' : 'bg', `5:${codes[index + 2]}`);
				index += 2;
			} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
				this.attributes.set('fg', String(code));
			} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
				this.attributes.set('bg', String(code));
			} else {
				throw new Error(`unexpected SGR ${code}`);
			}
		}
	}

	/** Writing over either half of a wide character blanks the other half. */
	private blankHalfOf(column: number) {
		const cells = this.grid[this.row]!;
		if (cells[column]?.text === '' && column > 0) {
			cells[column - 1] = {text: ' ', style: cells[column - 1]!.style};
		}
	}

	private put(character: string) {
		if (character.codePointAt(0)! < 0x20) {
			throw new Error(`control character ${JSON.stringify(character)} in text`);
		}

		const width = wide.has(character) || this.wideAlso.includes(character) ? 2 : 1;
		if (this.isWrapPending || this.column + width > this.columns) {
			this.row++;
			this.column = 0;
			this.isWrapPending = false;
			if (this.row >= this.rows) throw new Error('text wrapped past the last row');
		}

		const cells = this.grid[this.row]!;
		this.blankHalfOf(this.column);
		const last = this.column + width - 1;
		if (cells[last + 1]?.text === '') {
			cells[last + 1] = {text: ' ', style: cells[last + 1]!.style};
		}

		const style = this.style();
		cells[this.column] = {text: character, style};
		if (width === 2) {
			cells[this.column + 1] = {text: '', style};
		}

		this.column += width;
		if (this.column === this.columns) {
			this.column--;
			this.isWrapPending = true;
		}
	}
}

/**
 * Turns a terminal screen captured with colours (`tmux capture-pane -e -p`)
 * into an SVG picture of that terminal, for the README's screenshots.
 * Only SGR (colour and attribute) sequences matter in a capture; any other
 * escape sequence is dropped. No dependency beyond string-width, so
 * `scripts/screenshots.mjs` and its test can use it as it is.
 */
import stringWidth from 'string-width';

/**
 * A dark palette for the 16 ANSI colours (GitHub's dark terminal theme), so
 * the pictures read well on both README backgrounds.
 */
export const PALETTE = [
	'#484f58', '#ff7b72', '#3fb950', '#d29922', '#58a6ff', '#bc8cff', '#39c5cf', '#b1bac4',
	'#6e7681', '#ffa198', '#56d364', '#e3b341', '#79c0ff', '#d2a8ff', '#56d4dd', '#f0f6fc',
];
export const DEFAULT_FG = '#c9d1d9';
export const DEFAULT_BG = '#0d1117';

/** @typedef {{fg: string | null, bg: string | null, isBold: boolean, isDim: boolean, isItalic: boolean, isUnderline: boolean, isInverse: boolean}} Style */
/** @typedef {Style & {text: string, column: number, width: number}} Span */

const plainStyle = () => ({fg: null, bg: null, isBold: false, isDim: false, isItalic: false, isUnderline: false, isInverse: false});

const hex = (value) => value.toString(16).padStart(2, '0');

/** The colour of xterm-256 colour `n`: the 16 ANSI colours, the 6x6x6 cube, then 24 greys. */
export function color256(n) {
	if (n < 16) return PALETTE[n];
	if (n < 232) {
		const levels = [0, 95, 135, 175, 215, 255];
		const index = n - 16;
		return `#${hex(levels[Math.floor(index / 36)])}${hex(levels[Math.floor(index / 6) % 6])}${hex(levels[index % 6])}`;
	}

	const grey = 8 + (n - 232) * 10;
	return `#${hex(grey)}${hex(grey)}${hex(grey)}`;
}

/**
 * Applies one SGR sequence's parameters (`1;38;5;208`) to `style`.
 * Unknown parameters are ignored, as terminals ignore them.
 */
export function applySgr(style, parameters) {
	const codes = parameters === '' ? [0] : parameters.split(/[;:]/).map(code => (code === '' ? 0 : Number(code)));
	let next = {...style};
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index];
		if (code === 0) next = plainStyle();
		else if (code === 1) next.isBold = true;
		else if (code === 2) next.isDim = true;
		else if (code === 3) next.isItalic = true;
		else if (code === 4) next.isUnderline = true;
		else if (code === 7) next.isInverse = true;
		else if (code === 22) {
			next.isBold = false;
			next.isDim = false;
		} else if (code === 23) next.isItalic = false;
		else if (code === 24) next.isUnderline = false;
		else if (code === 27) next.isInverse = false;
		else if (code >= 30 && code <= 37) next.fg = PALETTE[code - 30];
		else if (code >= 90 && code <= 97) next.fg = PALETTE[code - 90 + 8];
		else if (code >= 40 && code <= 47) next.bg = PALETTE[code - 40];
		else if (code >= 100 && code <= 107) next.bg = PALETTE[code - 100 + 8];
		else if (code === 39) next.fg = null;
		else if (code === 49) next.bg = null;
		else if (code === 38 || code === 48) {
			// 38;5;N (256 colours) or 38;2;R;G;B (true colour).
			let value = null;
			if (codes[index + 1] === 5) {
				value = color256(codes[index + 2] ?? 0);
				index += 2;
			} else if (codes[index + 1] === 2) {
				value = `#${hex(codes[index + 2] ?? 0)}${hex(codes[index + 3] ?? 0)}${hex(codes[index + 4] ?? 0)}`;
				index += 4;
			}

			if (code === 38) next.fg = value;
			else next.bg = value;
		}
	}

	return next;
}

const sameStyle = (a, b) =>
	a.fg === b.fg && a.bg === b.bg && a.isBold === b.isBold && a.isDim === b.isDim
	&& a.isItalic === b.isItalic && a.isUnderline === b.isUnderline && a.isInverse === b.isInverse;

// CSI sequences (SGR is the one ending in `m`), OSC strings, and two-byte escapes.
const escapePattern = /\u001B\[([0-9;:?<=>]*)([ -\/]*[@-~])|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[@-Z\\-_]/g;

/**
 * Splits a captured screen into lines of styled spans, each placed at its
 * terminal column (wide characters take two). Styles carry over from one
 * line to the next, as in the terminal; other control characters are dropped.
 */
export function parseAnsi(text) {
	let style = plainStyle();
	return text.replace(/\n$/, '').split('\n').map(line => {
		/** @type {Span[]} */
		const spans = [];
		let column = 0;
		const push = (chunk) => {
			const clean = chunk.replace(/[\u0000-\u001F\u007F]/g, '');
			if (clean === '') return;
			const width = stringWidth(clean);
			const last = spans.at(-1);
			if (last !== undefined && sameStyle(last, style)) {
				last.text += clean;
				last.width += width;
			} else {
				spans.push({...style, text: clean, column, width});
			}

			column += width;
		};

		let start = 0;
		for (const match of line.matchAll(escapePattern)) {
			push(line.slice(start, match.index));
			if (match[2] === 'm') style = applySgr(style, match[1]);
			start = match.index + match[0].length;
		}

		push(line.slice(start));
		return spans;
	});
}

/** Escapes text for SVG element content and attribute values. */
export const escapeXml = (text) =>
	text.replace(/[&<>"']/g, char => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;'})[char]);

/** The colours a span is drawn with, inverse applied. */
export function spanColors(span) {
	const fg = span.fg ?? DEFAULT_FG;
	const bg = span.bg;
	return span.isInverse ? {fg: bg ?? DEFAULT_BG, bg: fg} : {fg, bg};
}

/**
 * An SVG of the screen: a terminal window of `columns` x `rows` cells with a
 * title bar. Each word is placed at its cell and fitted to its cell width
 * (textLength), so columns stay aligned whatever monospace font the viewer
 * substitutes.
 */
export function renderSvg(text, {columns, rows, title = '', fontSize = 14} = {}) {
	const lines = parseAnsi(text);
	// DejaVu Sans Mono's advance (1233/2048 em); Menlo and SF Mono are close, and
	// textLength fits each word to its cells in viewers with other fonts.
	const cellWidth = Math.round(fontSize * 0.602 * 1000) / 1000;
	const lineHeight = Math.round(fontSize * 1.2);
	const cols = columns ?? Math.max(1, ...lines.map(spans => spans.reduce((end, span) => Math.max(end, span.column + span.width), 0)));
	const height = rows ?? lines.length;
	const pad = 14;
	const bar = 30;
	const width = Math.ceil(cols * cellWidth + pad * 2);
	const totalHeight = bar + height * lineHeight + pad * 2 - 4;
	const out = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${totalHeight}" viewBox="0 0 ${width} ${totalHeight}" role="img" aria-label="${escapeXml(title)}">`,
		`<rect width="100%" height="100%" rx="8" fill="${DEFAULT_BG}"/>`,
		`<rect x="0.5" y="0.5" width="${width - 1}" height="${totalHeight - 1}" rx="8" fill="none" stroke="#30363d"/>`,
		`<circle cx="18" cy="15" r="5.5" fill="#ff5f57"/><circle cx="36" cy="15" r="5.5" fill="#febc2e"/><circle cx="54" cy="15" r="5.5" fill="#28c840"/>`,
		`<text x="${width / 2}" y="19.5" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12" fill="#8b949e">${escapeXml(title)}</text>`,
		`<g font-family="ui-monospace, 'DejaVu Sans Mono', 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace" font-size="${fontSize}">`,
	];
	const top = bar + pad - 6;
	const round = (value) => Math.round(value * 1000) / 1000;
	for (const [row, spans] of lines.slice(0, height).entries()) {
		const y = top + row * lineHeight;
		for (const span of spans) {
			const {fg, bg} = spanColors(span);
			const x = round(pad + span.column * cellWidth);
			const spanWidth = round(span.width * cellWidth);
			if (bg !== null) {
				out.push(`<rect x="${x}" y="${y}" width="${spanWidth}" height="${lineHeight}" fill="${bg}"/>`);
			}

			// Each word is placed at its own cell: a viewer whose font is a little
			// wider or narrower than 0.6em, or that ignores textLength, still keeps
			// every column where the terminal had it.
			for (const word of span.text.matchAll(/[^ ]+/g)) {
				const column = span.column + stringWidth(span.text.slice(0, word.index));
				const attributes = [
					`x="${round(pad + column * cellWidth)}"`,
					`y="${round(y + lineHeight * 0.77)}"`,
					`textLength="${round(stringWidth(word[0]) * cellWidth)}"`,
					'lengthAdjust="spacingAndGlyphs"',
					`fill="${fg}"`,
					span.isBold ? 'font-weight="bold"' : '',
					span.isDim ? 'fill-opacity="0.6"' : '',
					span.isItalic ? 'font-style="italic"' : '',
					span.isUnderline ? 'text-decoration="underline"' : '',
				].filter(Boolean);
				out.push(`<text ${attributes.join(' ')}>${escapeXml(word[0])}</text>`);
			}
		}
	}

	out.push('</g>', '</svg>', '');
	return out.join('\n');
}

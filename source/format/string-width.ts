import {stripVTControlCharacters} from 'node:util';
import {displayWidth} from './escape.js';

/**
 * Stands in for the string-width package (both copies: Ink, widest-line and cli-truncate
 * use 8, wrap-ansi 7): scripts/build.mjs and vitest.config.ts alias it here, so Ink lays
 * text out by the same measure socktop fits it with, `displayWidth`, per code point as
 * xterm, VTE, tmux, screen and htop advance the cursor.
 *
 * string-width measures grapheme clusters instead ('☺️' 2, '👍🏽' 2, Thai 'ทำ' 1, where those
 * terminals draw 1, 4 and 2): Ink then cut or wrapped a line socktop had already fitted,
 * or misplaced a table border, by the difference. Escaping the disagreeing code points
 * (sanitize) was the alternative; it would misshow names (emoji with a skin tone or VS16)
 * and could not cover letters such as Thai SARA AM, which string-width counts as 0.
 */
export default function stringWidth(text: string): number {
	// Ink measures styled text; its escape sequences take no columns.
	return displayWidth(text.includes('\u001b') || text.includes('\u009b') ? stripVTControlCharacters(text) : text);
}

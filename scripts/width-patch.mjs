// slice-ansi (Ink clips a box's text with it, cli-truncate cuts with it) counts columns by
// grapheme cluster on its own, 2 for any emoji-style one ('☺️'), where Ink now measures
// per code point (source/format/string-width.ts): a clipped line lost its last character
// ('(hrt❤️x' for '(hrt❤️x)' in the kill dialog). Count each cluster as Ink does. An exact text
// replacement, applied by scripts/build.mjs to the bundle and by vitest.config.ts to the
// tests; the import resolves to the same stand-in there as every 'string-width'.
export const sliceAnsiWidthPatch = {
	file: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/,
	from: 'function getGraphemeWidth(grapheme) {\n',
	to: "import socktopStringWidth from 'string-width';\n\nfunction getGraphemeWidth(grapheme) {\n\treturn socktopStringWidth(grapheme);\n}\n\nfunction graphemeWidthByCluster(grapheme) {\n",
};

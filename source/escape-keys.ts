/**
 * Escape, then a punctuation key, typed fast (or sent by tmux send-keys Escape /, or in
 * one SSH packet) reaches socktop as one read: ESC /. Ink 6.8 reads ESC and a letter,
 * digit or Space as Meta and that key, which keyPresses (hooks/key-presses.ts) splits
 * again; but ESC and punctuation it reports as the punctuation alone, Escape dropped
 * and no Meta flag left to tell. A second ESC before the first makes Ink read the pair
 * as Escape (ESC ESC, Meta+Escape) and the punctuation as its own key, so this
 * doubles such an ESC before Ink reads the chunk (app.tsx).
 *
 * Not doubled, so that no sequence changes: ESC [ (CSI: arrows, function keys, mouse
 * reports, bracketed paste), ESC O (SS3: arrows and F1-F4 in application mode, a letter
 * anyway), ESC ] ESC P ESC _ ESC ^ ESC \ (the string sequences a terminal answers
 * queries with), an ESC that follows another (ESC ESC [A is Meta+Up; ESC ESC / already
 * reads as Escape, then /), and letters, digits and Space (keyPresses splits those).
 */
const lonePunctuation = /(?<!\u001B)\u001B(?=[!-/:-@{-~`])/g;

/** One read from the terminal with each ESC that precedes a punctuation key doubled (see above). */
export const splitEscapes = (chunk: string): string => chunk.replaceAll(lonePunctuation, '\u001B\u001B');

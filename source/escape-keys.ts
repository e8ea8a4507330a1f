/**
 * Escape, then a punctuation key, typed fast (or sent by tmux send-keys Escape /, or in
 * one SSH packet) reaches socktop as one read: ESC /. Ink 6.8 reads ESC and a letter,
 * digit or Space as Meta and that key, which keyPresses (hooks/key-presses.ts) splits
 * again; but ESC and punctuation it reports as the punctuation alone, Escape dropped
 * and no Meta flag left to tell. A second ESC before the first makes Ink read the pair
 * as Escape (ESC ESC, Meta+Escape) and the punctuation as its own key, so this
 * doubles such an ESC before Ink reads the chunk (app.tsx).
 *
 * Escape, then Enter, Tab or Backspace in one read (Esc then Enter, typed fast: back to
 * the table, then the PID view of its row) Ink reads as that key alone, or as nothing
 * (ESC Tab), the Escape lost; such an ESC is doubled too.
 *
 * Escape twice in one read (ESC ESC, tmux send-keys Escape Escape) Ink reads as one key,
 * Meta+Escape; socktop binds no Alt keys, so an ESC followed by another that starts no
 * sequence is doubled too: ESC ESC ESC reads as two Escapes (the last ESC, alone, Ink
 * flushes as Escape after its timeout).
 *
 * Not doubled, so that no sequence changes: ESC [ (CSI: arrows, function keys, mouse
 * reports, bracketed paste, ESC [[A), ESC O (SS3: arrows and F1-F4 in application mode),
 * ESC ] ESC P ESC _ ESC ^ ESC \ (the string sequences a terminal answers queries with),
 * an ESC before one of those (ESC ESC [A is Meta+Up, ESC ESC O P Meta+F1), and letters,
 * digits and Space (keyPresses splits those).
 */
const loneEscape = /\u001B(?=[!-/:-@{-~`\t\n\r\b\u007F]|\u001B(?![[O\]P_^\\]))/g;

/** One read from the terminal with each ESC that precedes a punctuation key, Enter, Tab, Backspace or a lone ESC doubled (see above). */
export const splitEscapes = (chunk: string): string => chunk.replaceAll(loneEscape, '\u001B\u001B');

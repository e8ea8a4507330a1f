import {displayWidth, fit} from '../format/escape.js';
import {keyNames} from '../glyphs.js';
import {SIGNALS, type SignalName} from '../model/signal.js';

/** What each signal does, in words for someone choosing one. */
export const SIGNAL_HELP: Record<SignalName, string> = {
	SIGTERM: 'ask it to exit (default)',
	SIGINT: 'interrupt, as Ctrl-C does',
	SIGHUP: 'hang up; many daemons reload',
	SIGKILL: 'kill at once; cannot be caught',
};

/**
 * `before`, the command name and `after`, cut to `width` in the name alone, so the PID and
 * the question mark stay: 'Send SIGTERM to PID 4242 (postgres: chec…)?'. The name is
 * left out when not even one character of it fits.
 */
function aboutProcess(before: string, name: string, after: string, width: number): string {
	const room = width - displayWidth(`${before} ()${after}`);
	if (displayWidth(name) <= room) return `${before} (${name})${after}`;
	return room >= 2 ? `${before} (${fit(name, room)})${after}` : `${before}${after}`;
}

/** The menu's title, 'Send a signal to PID 4242 (sleep)', in fewer words where it does not fit `width`. */
export function signalTitle(pid: number, name: string, width: number): string {
	const full = `Send a signal to PID ${pid} (${name})`;
	return displayWidth(full) <= width ? full : aboutProcess(`Signal PID ${pid}`, name, '', width);
}

/** The question, 'Send SIGTERM to PID 4242 (sleep)?' and `after` (' y/N'), its command cut first. */
export function signalQuestion(signal: SignalName, pid: number, name: string, width: number, after = ''): string {
	return aboutProcess(`Send ${signal} to PID ${pid}`, name, `?${after}`, width);
}

/** One signal of the one-line menu: '>1 TERM ' for the chosen one, ' 2 INT ' for the others. */
export type Choice = {readonly text: string; readonly isChosen: boolean};

/**
 * Every signal on one line, for a terminal too short for the boxed menu (40x10): the chosen
 * one marked, its words after them where they fit whole ('>1 TERM  2 INT  3 HUP  4 KILL  ask
 * it to exit (default)'), since a cut explanation says nothing.
 */
export function signalChoices(choice: number, width: number): Choice[] {
	const choices = SIGNALS.map((signal, index) => ({text: `${index === choice ? '>' : ' '}${index + 1} ${signal.slice(3)} `, isChosen: index === choice}));
	const help = ` ${SIGNAL_HELP[SIGNALS[choice] ?? 'SIGTERM']}`;
	const used = choices.reduce((sum, each) => sum + displayWidth(each.text), 0);
	return used + displayWidth(help) <= width ? [...choices, {text: help, isChosen: false}] : choices;
}

/** The menu's keys: all of them where they fit, else the arrows or the digits alone (either chooses; Enter goes on). */
export function menuHint(isOneLine: boolean, isAscii: boolean, width: number): string {
	const arrows = keyNames(isOneLine ? '←/→' : '↑/↓', isAscii);
	const hints = [`${arrows} 1-4 choose · Enter next · Esc cancel`, `${arrows} choose · Enter next · Esc cancel`, '1-4 choose · Enter next · Esc cancel'];
	return hints.find(hint => displayWidth(hint) <= width) ?? hints.at(-1)!;
}

/**
 * Said under the question when a `y` typed before it was on screen (while the process was
 * checked) was dropped: a y never answers a question it came before, and without this line
 * the user would take the question for answered. Its longest form that fits `width`.
 */
export function earlyAnswerLine(width: number): string {
	const lines = ['y ignored: it came before this question was shown; press y again', 'y ignored: typed before this question; press y again', 'y came too early, ignored: press y again', 'early y ignored: press y again'];
	return lines.find(line => displayWidth(line) <= width) ?? lines.at(-1)!;
}

import type {Snapshot} from '../model/types.js';
import {displayWidth, fit, sanitize} from './escape.js';

/** How much of the first unread line the note quotes. */
const EXAMPLE_WIDTH = 60;

/**
 * A capture's lines socktop could not read, said rather than dropped silently:
 * `3 lines of web1.txt could not be read (e.g. 'tcp 0 0 *:nosuchname ...')`, the first
 * one's spaces collapsed, sanitized and cut. 'header' leaves out the file (the header
 * names it); 'terse' is `3 lines unread`. A capture of no row says that it has a header and no
 * rows. null when nothing was dropped or this is no capture.
 */
export function droppedLinesNote(snapshot: Pick<Snapshot, 'backend' | 'hostname' | 'skipped'> & Partial<Pick<Snapshot, 'sockets'>>, form: 'full' | 'header' | 'terse' = 'full'): string | null {
	const {malformedLines, malformedExample} = snapshot.skipped;
	if (snapshot.backend !== 'import') return null;
	// A header and nothing under it (a capture of a machine without such sockets, or cut after its first line): an empty table, said.
	if (malformedLines === 0 && snapshot.sockets?.length === 0) return form === 'terse' ? 'no rows' : `${form === 'full' ? sanitize(snapshot.hostname) : 'the capture'} has a header and no rows`;
	if (malformedLines === 0) return null;
	const lines = malformedLines === 1 ? '1 line' : `${malformedLines} lines`;
	if (form === 'terse') return `${lines} unread`;
	const what = form === 'full' ? `${lines} of ${sanitize(snapshot.hostname)}` : lines;
	return `${what} could not be read${quotedExample(malformedExample)}`;
}

/**
 * The first unread line as a note quotes it, ` (e.g. 'tcp 0 0 *:nosuchname ...')`: its spaces
 * collapsed (columns' alignment runs, so more of the line fits), sanitized and cut; '' for none.
 */
export function quotedExample(raw: string | undefined): string {
	const shown = raw === undefined ? '' : sanitize(raw.trim().replaceAll(/ {2,}/g, ' '));
	return shown === '' ? '' : ` (e.g. '${displayWidth(shown) > EXAMPLE_WIDTH ? fit(shown, EXAMPLE_WIDTH) : shown}')`;
}

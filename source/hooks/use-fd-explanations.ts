import {useEffect, useMemo, useState} from 'react';
import {describeFdLine, explainFd, listeningOf, namespaceFacts} from '../format/fd-sentence.js';
import {lazyList, type LazyList} from '../model/lazy-list.js';
import {fdSentenceLine} from '../model/pid-rows.js';
import type {FileDescriptor, ProcessDetail} from '../model/process.js';
import type {PortRange} from '../options.js';
import type {ServiceTable} from '../services/types.js';

type Options = {
	readonly pid: number;
	readonly services: ServiceTable;
	/** The viewer's ephemeral port range; a process in another network namespace uses that one's, when read. */
	readonly ephemeral: PortRange | null;
	/** Where this system sets that range (ephemeralSettingOf), which the ephemeral note names; null when given or a capture's. */
	readonly ephemeralSetting: string | null;
	/** The read shown (the last alive one once the process has exited); null before the first. */
	readonly shown: ProcessDetail | null;
	/** The fds the table shows, in its order. */
	readonly fds: readonly FileDescriptor[];
	readonly selectedFd: FileDescriptor | undefined;
	/** selectedFd's index in `fds`. */
	readonly selected: number;
	/** The process has exited: `shown` is its last read alive, and each line says its fd was so then. */
	readonly isGone?: boolean;
};

/** What the PID view says under its table. */
export type FdExplanations = {
	/** One line per fd of `fds` ('fd 3: sshd listens …'), null for an fd with nothing to explain; each made when first asked for. */
	readonly sentences: LazyList<string | null>;
	/** The selected fd in full: a socket's sentence, or any other fd's type and whole target; null for none. */
	readonly selectedText: string | null;
	/** What "ephemeral" means, for the selected fd when its sentence calls a port so; null otherwise. */
	readonly selectedNote: string | null;
};

/**
 * Before the colon of each line once the process has exited: its sentences are in the present
 * ('python3 listens for …'), true of the fds when they were last read, not now.
 */
const WHEN_GONE = ' when last read';

/**
 * The PID view's words for its fds, from the services table: the table loads in the background,
 * so the words are made again once it has (or once it failed: IANA then answers alone). A load
 * error is the table view's to show.
 */
export function useFdExplanations({pid, services, ephemeral, ephemeralSetting, shown, fds, selectedFd, selected, isGone = false}: Options): FdExplanations {
	const [servicesVersion, setServicesVersion] = useState(0);
	useEffect(() => {
		let isCurrent = true;
		// lookup() answers null until the table is loaded; draw again once it is, or once it failed.
		const redraw = () => isCurrent && setServicesVersion(version => version + 1);
		services.load().then(redraw, redraw);
		return () => {
			isCurrent = false;
		};
	}, [services]);

	// A process in another network namespace uses that namespace's range (when it could be read).
	// Its namespace tells a socket of another one (one it held before a setns()).
	const ctx = useMemo(() => ({services, ephemeral: shown?.ephemeral ?? ephemeral, viewerEphemeral: ephemeral, ...(shown === null ? {netns: null} : namespaceFacts(shown)), ephemeralSetting}), [services, shown, ephemeral, ephemeralSetting]);
	const listening = useMemo(() => (shown === null ? undefined : listeningOf(shown)), [shown]);
	// Made for the fds asked about (the rows on screen, the selected one, those the layout counts), not all of a big process's each refresh.
	const explained = useMemo(
		() => lazyList(fds.length, index => explainFd(fds[index]!, ctx, listening)),
		// servicesVersion: the same table answers differently once loaded.
		[fds, ctx, listening, servicesVersion],
	);
	const when = isGone ? WHEN_GONE : '';
	const sentences = useMemo(
		() =>
			lazyList(fds.length, index => {
				const each = explained.at(index) ?? null;
				return each === null ? null : fdSentenceLine(fds[index]!, each.sentence, pid, when);
			}),
		[explained, fds, pid, when],
	);
	// The selected fd's explanation is its row's (selectedFd is fds[selected]): made once, and its note only for it.
	const selectedText = useMemo(
		() => (selectedFd === undefined ? null : describeFdLine(selectedFd, explained.at(selected) ?? null, pid, when)),
		[selectedFd, explained, selected, pid, when],
	);
	const selectedNote = (selectedFd === undefined ? null : explained.at(selected)?.ephemeralNote?.()) ?? null;
	return {sentences, selectedText, selectedNote};
}

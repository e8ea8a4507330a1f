/**
 * lsof's field output (`-F`), the format lsof documents as stable for programs.
 * Each field is one identifier character and a value; `p` starts a process set,
 * `f` starts a file set inside it. With `-F ...0` fields end in NUL and each set
 * ends in a newline (Linux lsof 4.95, -F pcuLRftaPnTdi0):
 *
 *   p5689\0R1\0cnode\0u0\0Lroot\0\n
 *   f20\0au\0tIPv4\0d8351\0PTCP\0n127.0.0.1:38627\0TST=LISTEN\0TQR=0\0TQS=0\0\n
 *
 * Without `0` each field is on its own line (macOS users paste it this way):
 *
 *   p1190  g644  R644  cGoogle Chrome Helper  u501  Lsiky  f29  au  tIPv4 ...
 *
 * Splitting on both NUL and newline reads either form: lsof escapes control
 * characters in values (`\n`, `\x1b`), so neither occurs inside a field.
 */
export type LsofFile = {
	/** 'cwd', 'txt', 'mem', 'rtd', 'DEL' ... or a number. */
	readonly fd: string;
	readonly access: string | null;
	/** TYPE: REG DIR CHR FIFO PIPE unix IPv4 IPv6 a_inode KQUEUE sock ... */
	readonly type: string | null;
	/** TCP, UDP, UDPLITE for inet files. */
	readonly protocol: string | null;
	readonly name: string | null;
	readonly device: string | null;
	readonly inode: string | null;
	/** T fields: ST=LISTEN, QR=0, QS=0 (the 'T' stripped). */
	readonly tcp: Readonly<Record<string, string>>;
};

export type LsofProcess = {
	readonly pid: number;
	readonly command: string | null;
	readonly uid: number | null;
	readonly login: string | null;
	readonly ppid: number | null;
	readonly files: LsofFile[];
};

export type LsofFields = {
	readonly processes: LsofProcess[];
	/** Fields that made no sense where they were (a file before any process, a bad PID). */
	readonly malformedLines: number;
	/** The first such field, raw. */
	readonly firstMalformed?: string;
};

type MutableFile = {-readonly [K in keyof LsofFile]: LsofFile[K]} & {tcp: Record<string, string>};
type MutableProcess = {-readonly [K in keyof LsofProcess]: LsofProcess[K]};

const numberOrNull = (value: string): number | null => (/^\d{1,10}$/.test(value) ? Number(value) : null);

const newFile = (fd: string): MutableFile => ({
	fd,
	access: null,
	type: null,
	protocol: null,
	name: null,
	device: null,
	inode: null,
	tcp: {},
});

/** Set one file field; false when the identifier is not a file field. */
function setFileField(file: MutableFile, id: string, value: string): boolean {
	switch (id) {
		case 'a': {
			file.access = value;
			return true;
		}

		case 't': {
			file.type = value;
			return true;
		}

		case 'P': {
			file.protocol = value;
			return true;
		}

		case 'n': {
			file.name = value;
			return true;
		}

		case 'd': {
			file.device = value;
			return true;
		}

		case 'i': {
			file.inode = value;
			return true;
		}

		case 'T': {
			const at = value.indexOf('=');
			if (at > 0) {
				file.tcp[value.slice(0, at)] = value.slice(at + 1);
			}

			return true;
		}

		default: {
			// D (device), s (size), o (offset), l (lock), k (links), G (flags): not used.
			return 'DsolkGN'.includes(id);
		}
	}
}

/** Set one process field; false when the identifier is not a process field. */
function setProcessField(process: MutableProcess, id: string, value: string): boolean {
	switch (id) {
		case 'c': {
			process.command = value;
			return true;
		}

		case 'u': {
			process.uid = numberOrNull(value);
			return true;
		}

		case 'L': {
			process.login = value;
			return true;
		}

		case 'R': {
			process.ppid = numberOrNull(value);
			return true;
		}

		default: {
			// G (pgid), K (task id), M (task command): not used.
			return 'gKM'.includes(id);
		}
	}
}

/** Read lsof -F output (NUL- or newline-separated). Never throws. */
export function parseLsofFields(text: string): LsofFields {
	const processes: MutableProcess[] = [];
	let process: MutableProcess | null = null;
	let file: MutableFile | null = null;
	let malformedLines = 0;
	let firstMalformed: string | undefined;
	for (const field of text.split(/[\0\r\n]/)) {
		if (field === '') {
			continue;
		}

		const id = field[0]!;
		const value = field.slice(1);
		if (id === 'p') {
			const pid = numberOrNull(value);
			file = null;
			// PID 0 (the kernel's swapper) never holds files; a 'p0' record is damage.
			process = pid === null || pid <= 0 ? null : {pid, command: null, uid: null, login: null, ppid: null, files: []};
			if (process === null) {
				malformedLines++;
				firstMalformed ??= field;
			} else {
				processes.push(process);
			}
		} else if (process === null) {
			malformedLines++;
			firstMalformed ??= field;
		} else if (id === 'f') {
			file = newFile(value);
			process.files.push(file);
		} else if (file === null ? !setProcessField(process, id, value) : !setFileField(file, id, value)) {
			malformedLines++;
			firstMalformed ??= field;
		}
	}

	return {processes, malformedLines, firstMalformed};
}

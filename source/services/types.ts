/** One services(5) line, or the IANA registry's record for a port. */
export type ServiceEntry = {
	readonly name: string;
	readonly port: number;
	/** 'tcp', 'udp', 'sctp', 'ddp', ... as written. */
	readonly protocol: string;
	readonly aliases: readonly string[];
	/** The trailing '# comment' text (or the IANA description); null if none. */
	readonly comment: string | null;
	/** Where it came from: the services file's path, or 'IANA'. */
	readonly source: string;
};

/** Port lookups for the views. Implementations load lazily and cache. */
export type ServiceTable = {
	/**
	 * Read the services file and the IANA fallback (once; later calls return the same promise).
	 * Until it resolves, lookup() returns null, so a first frame never waits for it.
	 */
	load(): Promise<void>;
	/** protocol: 'tcp' | 'udp' (tcp6 etc. are reduced by the caller or the implementation). */
	lookup(port: number, protocol: string): ServiceEntry | null;
	/**
	 * Tells `listener` what load() waits for, for the screen, once it has waited a while ('port names: /tmp/fifo is
	 * a FIFO: waiting for a writer (cat /etc/services > /tmp/fifo)': a --services FIFO no one writes to yet, which
	 * the live view's stderr cannot say), and null once it no longer waits; returns the unsubscribe. Absent for a
	 * table that never waits.
	 */
	watchWait?(listener: (line: string | null) => void): () => void;
};

export type PortClass = 'service' | 'ephemeral' | 'well-known' | 'registered' | 'dynamic' | 'wildcard';

export type PortExplanation = {
	readonly port: number | null;
	readonly class: PortClass;
	readonly service: ServiceEntry | null;
	/** A short phrase, e.g. 'port 22 (ssh — The Secure Shell (SSH) Protocol)' or 'ephemeral port 4472'. */
	readonly text: string;
	/**
	 * One or two sentences for the PID view's explanation line, e.g. 'ephemeral port 4472: a client
	 * port most likely picked by the kernel for this connection (unless the program bound it), which is why no services file names it (…)'.
	 */
	readonly detail: string;
};

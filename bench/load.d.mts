/** Types for bench/load.mjs, so tests can drive the load generator. */
export type LoadCounts = {
	/** Established TCP sockets, both ends counted. */
	readonly tcpEstablished: number;
	readonly tcpListen: number;
	readonly udp: number;
	readonly unix: number;
	/** Holder processes: one per requested process, one for the extras, and the forked workers. */
	readonly processes: number;
	/** Holders that hold only the first listener (`forked`), as a pre-fork server's workers. */
	readonly forkedWorkers: number;
};

export type Load = {
	readonly ready: true;
	/** The generator's own pid. */
	readonly pid: number;
	/** Holder processes (tail), each keeping its share of sockets open. */
	readonly holders: readonly number[];
	/** The TCP listeners every connection goes to. */
	readonly listeners: ReadonlyArray<{readonly host: string; readonly port: number}>;
	readonly counts: LoadCounts;
	readonly setupMs: number;
	/** Tears everything down (RST, no TIME_WAIT) and resolves when the generator exited. */
	stop(): Promise<void>;
};

/** Starts a loopback load and resolves once every socket is up. */
export function startLoad(options: {
	readonly sockets: number;
	readonly procs: number;
	readonly netns?: string | null;
	readonly churn?: number;
	/** Extra holders of the first listener (default 0). */
	readonly forked?: number;
}): Promise<Load>;

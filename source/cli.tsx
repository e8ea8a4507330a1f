import process from 'node:process';
import meow from 'meow';
import {wrapHelp} from './format/help-wrap.js';
import packageJson from '../package.json' with {type: 'json'};
import {UserError} from './collect/collector.js';
import {sanitize} from './format/escape.js';
import {exitLeavingTerminal, HANGUP_EXIT} from './hangup.js';
import {findFlagMistake, findRepeatedFlag, findUnknownFlag, keepingQuotes, LONG_FLAGS, normalizeArgv, strayArgumentHint, withoutColorFlags} from './argv.js';
import {parseOptions, type RawFlags} from './parse-options.js';
import {unknownFlagMessage} from './flag-suggestion.js';

const helpText = `
	Usage
	  $ socktop [options]

	Every socket on this machine in a live table (like top), with sockstat's
	columns: USER COMMAND PID FD PROTO LOCAL ADDRESS FOREIGN ADDRESS STATE.
	When stdout is not a terminal it prints the table once and exits.
	Keys: press ? in the live view (q quits).

	Filters (sockstat's letters; -46luL can be grouped)
	  -4, --ipv4              IPv4 sockets
	  -6, --ipv6              IPv6 sockets
	  -u, --unix              unix sockets (-4, -6, -u combine; none = all)
	  -l, --listening         listening: LISTEN, or a bound UDP, raw or unix
	                          dgram socket without a peer
	  -c, --connected         connected: has a peer (-l -c shows both)
	  -L, --no-loopback       hide Internet sockets with a loopback end
	                          (127.0.0.0/8 or ::1, local or foreign)
	  -p, --ports LIST        local or foreign port in LIST: 22,80,8000-8100
	  -P, --protocols LIST    tcp, udp, udplite, icmp (ping), raw, packet,
	                          unix, or a unix type: stream, dgram, seqpacket
	      --pid N             PID view of process N (--once/--json print it)
	      --user NAME|UID     sockets of one user
	      --netns all|host|NAME  network namespace (default: all as root,
	                          else the one socktop runs in)
	      --filter TEXT       the / filter's text: words that must all match,
	                          !word excludes, COLUMN:value one column
	                          ("state:listen lport:443 !sshd"; README)

	Output
	  -d, --interval SECONDS  seconds between refreshes, as top -d (default 2)
	      --once              print the table once and exit
	      --json              print one JSON document and exit
	  -q, --quiet             no header line in the printed table (as sockstat
	                          -q); no effect on --json and the live view
	  -n, --numeric-users     USER shows the uid, not the name (--json keeps both)
	      --sort COLUMN       sort by user, command, pid, fd, netns, proto,
	                          local, foreign, state or service; -COLUMN sorts
	                          descending (default: as the kernel lists them;
	                          the live view by command); with --pid: fd,
	                          type, target, foreign, state, recv-q, send-q
	      --tally COLUMN      count the rows by a column, most first, as
	                          sort | uniq -c | sort -rn: foreign counts remote
	                          hosts, local listening addresses (client ports
	                          as one group); any column --sort takes but fd
	  -s, -w                  accepted for sockstat habits (-4ls), no effect:
	                          STATE is always shown and columns always fit
	      --no-color          no colours (NO_COLOR=1 does the same)
	      --color             colours even under NO_COLOR or FORCE_COLOR=0

	Sources
	      --backend NAME      proc, lsof or sockstat (default: proc on Linux,
	                          lsof on macOS, sockstat on FreeBSD)
	      --import FILE       show a saved sockstat, lsof, ss or netstat output
	                          (- reads stdin)
	      --services FILE     port names from FILE (default /etc/services;
	                          also SOCKTOP_SERVICES)
	      --ephemeral LOW-HIGH  client port range used to explain ports
	                          (default: this system's; none with --import)

	  -h, --help              this help
	      --version           socktop's version

	Examples
	  $ socktop -l4                 IPv4 listeners, live
	  $ socktop -p 22,443 --once    who uses ssh and https, printed once
	  $ socktop --filter lport:443  this https server and its clients
	  $ socktop --pid 1234 --json   every fd of process 1234, as JSON
	  $ socktop --tally foreign -c  connections per remote host
	  $ socktop --json | jq '.sockets[] | select(.state == "LISTEN")'
`;

/** Print one `socktop:` line; stacks only when SOCKTOP_DEBUG=1 asks for them. */
function report(error: unknown): number {
	const isUserError = error instanceof UserError;
	const message = error instanceof Error ? error.message : String(error);
	// Messages can quote file names and captured text: keep them one inert line.
	process.stderr.write(`socktop: ${sanitize(message)}\n`);
	if (process.env['SOCKTOP_DEBUG'] === '1' && error instanceof Error && error.stack) {
		process.stderr.write(`${error.stack}\n`);
	}

	return isUserError ? 2 : 1;
}

function parseCommandLine() {
	const argv = normalizeArgv(process.argv.slice(2));
	const unknown = findUnknownFlag(argv);
	if (unknown !== null) {
		throw new UserError(unknownFlagMessage(unknown, LONG_FLAGS));
	}

	const mistake = findFlagMistake(argv) ?? findRepeatedFlag(argv);
	if (mistake !== null) {
		throw new UserError(mistake);
	}

	try {
		return meow(helpText, {
			importMeta: import.meta,
			// Handed in, so meow neither searches the disk for it nor, on --version, runs
			// normalize-package-data over it (~14 ms of spdx and semver tables).
			pkg: packageJson,
			argv: keepingQuotes(argv),
			description: false,
			autoHelp: false,
			autoVersion: false,
			allowUnknownFlags: true,
			flags: {
				ipv4: {type: 'boolean', default: false},
				ipv6: {type: 'boolean', default: false},
				unix: {type: 'boolean', shortFlag: 'u', default: false},
				listening: {type: 'boolean', shortFlag: 'l', default: false},
				connected: {type: 'boolean', shortFlag: 'c', default: false},
				// --no-loopback; -L is expanded to it by normalizeArgv.
				loopback: {type: 'boolean', default: true},
				ports: {type: 'string', shortFlag: 'p', isMultiple: true},
				protocols: {type: 'string', shortFlag: 'P', isMultiple: true},
				pid: {type: 'string'},
				user: {type: 'string'},
				interval: {type: 'string', shortFlag: 'd'},
				once: {type: 'boolean', default: false},
				json: {type: 'boolean', default: false},
				quiet: {type: 'boolean', shortFlag: 'q', default: false},
				numericUsers: {type: 'boolean', shortFlag: 'n', default: false},
				sort: {type: 'string'},
				tally: {type: 'string'},
				filter: {type: 'string'},
				backend: {type: 'string'},
				import: {type: 'string'},
				services: {type: 'string'},
				ephemeral: {type: 'string'},
				netns: {type: 'string'},
				// No default: --color given (colours even under NO_COLOR) differs from neither given.
				color: {type: 'boolean'},
				help: {type: 'boolean', shortFlag: 'h', default: false},
				version: {type: 'boolean', default: false},
			},
		});
	} catch (error) {
		// meow throws plain Errors for usage mistakes; findRepeatedFlag has already caught a flag given twice.
		throw new UserError(error instanceof Error ? error.message.replace(/^The flag/, 'the flag') : String(error));
	}
}

async function main(): Promise<number> {
	const cli = parseCommandLine();
	if (cli.flags.help) {
		// Re-wrapped to a terminal narrower than it, never where piped (the README's copy, a pager).
		const {columns, isTTY} = process.stdout;
		process.stdout.write(`${isTTY && columns > 0 ? wrapHelp(cli.help, columns) : cli.help}\n`);
		return 0;
	}

	if (cli.flags.version) {
		process.stdout.write(`${packageJson.version}\n`);
		return 0;
	}

	// Flags first: in `-pl 22`, -p took 'l', and that is what to say, not that 22 is left over.
	const options = parseOptions(cli.flags as RawFlags, process.env);
	if (cli.input.length > 0) {
		const stray = cli.input[0]!;
		throw new UserError(`unexpected argument '${stray}' (${strayArgumentHint(process.argv.slice(2), stray) ?? 'socktop takes only flags; see --help'})`);
	}

	// Before the chunks that bundle chalk load: options.color alone decides.
	process.argv = withoutColorFlags(process.argv);
	const {route} = await import('./route.js');
	return route(options);
}

// SIGUSR1 would start Node's inspector on 127.0.0.1:9229, for a root socktop a way for any
// local user to run code as root; socktop has no use for it, so it is ignored.
process.on('SIGUSR1', () => undefined);

/**
 * Resolves once everything written to `stream` has gone out: pipes are written asynchronously, and
 * process.exit drops what is still queued. Where `isErrorHandled`, a write that failed (even one
 * whose 'error' is still to be emitted, on a later tick) never resolves it: the stream's 'error'
 * listener decides the exit.
 */
async function flushed(stream: NodeJS.WriteStream, isErrorHandled: boolean): Promise<void> {
	if (isErrorHandled && stream.errored !== null) return new Promise(() => undefined);
	if (stream.writableLength === 0) return;
	return new Promise(resolve => {
		// Queued behind what is waiting: its callback comes once all of it has gone.
		stream.write('', error => {
			if (!error || !isErrorHandled) resolve();
		});
	});
}

// `socktop | head` closes the pipe early; that is a normal end, not an error. EIO is a
// terminal that went away (an SSH drop): a hangup. A tool may be running then (the live view
// waits on lsof), and nothing ends it with socktop: it is stopped first. The live view's own
// listener, after this one, restores what it can meanwhile.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EIO') {
		void import('./collect/run-to-files.js').then(async tools => tools.stopRunningTools()).finally(() => exitLeavingTerminal(HANGUP_EXIT));
		return;
	}

	const code = error.code === 'EPIPE' ? 0 : report(error);
	// Where stdout is a terminal the live view may be up: Node's reset at exit is its safety net.
	if (process.stdout.isTTY) process.exit(code);
	// One-shot output to a pipe or a file: `socktop | less`, whose q ends socktop here (see hangup.ts).
	void flushed(process.stderr, false).then(() => exitLeavingTerminal(code));
});

let exitCode: number;
try {
	exitCode = await main();
} catch (error) {
	exitCode = report(error);
}

// Only a one-shot run comes back here (the table, --json, --help, an error): the live view exits in
// route.ts. It changed no terminal mode, so Node is to put none back (hangup.ts), once what it
// wrote has gone out.
await Promise.all([flushed(process.stdout, true), flushed(process.stderr, false)]);
exitLeavingTerminal(exitCode);

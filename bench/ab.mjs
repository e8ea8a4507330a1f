#!/usr/bin/env node
/**
 * A/B of whole commands: runs each in turn (rotating which goes first), N
 * rounds, and prints each one's median and minimum wall time. For comparing two
 * builds of socktop, or socktop with ss, under whatever load is running
 * (`node bench/load.mjs --sockets N --procs P` in another terminal).
 *
 *   node bench/ab.mjs --runs 30 "node dist/cli.js --once --json" "node /tmp/old/cli.js --once --json" "node -e 0"
 *
 * Each command is split on spaces (no shell); its output goes nowhere.
 */
import process from 'node:process';
import {alternate, median, ms, table} from './lib/measure.mjs';

const USAGE = 'usage: node bench/ab.mjs [--runs N] "COMMAND ARGS" "COMMAND ARGS" ...';
const args = process.argv.slice(2);
let runs = 20;
if (args[0] === '--runs') {
	runs = Number(args[1]);
	args.splice(0, 2);
}

if (!Number.isInteger(runs) || runs < 1 || args.length === 0 || args.some((command) => command.trim() === '')) {
	console.error(USAGE);
	process.exit(2);
}

const commands = args.map((command) => ({name: command, argv: command.trim().split(/\s+/)}));
const times = await alternate(commands, runs);
console.log(
	table(
		['command', 'median ms', 'min ms', 'runs'],
		commands.map(({name}) => [name, ms(median(times[name])), ms(Math.min(...times[name])), String(times[name].length)]),
	),
);

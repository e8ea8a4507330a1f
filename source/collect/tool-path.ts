/**
 * The PATH socktop's tools run with (ss, nsenter, lsof, sockstat, procstat, ps, id, sysctl): the
 * user's, then /usr/sbin and /sbin where it lacks them. ss is /usr/sbin/ss on RHEL-like systems
 * (lsof is /usr/sbin/lsof on macOS, sysctl /sbin/sysctl on FreeBSD), and cron's PATH
 * (/usr/bin:/bin), or a user's own, need not have them. The tools get it too: nsenter looks for
 * the ss it is to run on it.
 */
import path from 'node:path';
import process from 'node:process';

/** Where a tool is looked for when PATH does not hold it. */
const SYSTEM_DIRECTORIES = ['/usr/sbin', '/sbin'];

/** How socktop says a tool is nowhere it looked (not "not installed": it may be elsewhere). */
export const NOT_FOUND = 'not found on PATH or in /usr/sbin, /sbin';

/** `searchPath` (PATH; execvp's /usr/bin:/bin when unset) with the system directories it lacks after it. */
export function toolSearchPath(searchPath = process.env['PATH'] ?? '/usr/bin:/bin'): string {
	const directories = searchPath.split(path.delimiter);
	return [...directories, ...SYSTEM_DIRECTORIES.filter(directory => !directories.includes(directory))].join(path.delimiter);
}

/** The environment a tool is started with: this process's, with toolSearchPath as PATH. */
export const toolEnvironment = (): NodeJS.ProcessEnv => ({...process.env, PATH: toolSearchPath()});

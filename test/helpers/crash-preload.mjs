/**
 * Crash injection for the exit-path tests, loaded with `node --import` before
 * the built socktop, so the shipped bundle stays untouched. On SIGURG (sent by
 * the test once the view is on screen), SOCKTOP_TEST_CRASH makes the running
 * live view fail in one of three ways:
 * - 'throw': an uncaught exception from a timer;
 * - 'reject': an unhandled promise rejection;
 * - 'render': an exception inside a component's render (the header's clock
 *   calls Date#getHours on every refresh).
 */
const mode = process.env.SOCKTOP_TEST_CRASH;

const crashes = {
	throw() {
		throw new Error('injected crash');
	},
	reject() {
		void Promise.reject(new Error('injected rejection'));
	},
	render() {
		Date.prototype.getHours = function () {
			throw new Error('injected render crash');
		};
	},
};

if (mode !== undefined && mode in crashes) {
	process.on('SIGURG', crashes[mode]);
}

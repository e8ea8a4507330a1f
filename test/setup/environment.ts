/**
 * The environment every test file runs in, and so every socktop a test starts (piped, or in a
 * tmux pane: tmux hands its panes the environment of the process that started its server). The
 * runner's own would decide what socktop prints: a CI shell has no LANG, or LC_ALL=C (ASCII
 * glyphs, '>' for '→'), may export NO_COLOR or FORCE_COLOR, COLUMNS and LINES, or CI=true (Ink
 * then neither follows resizes nor synchronises its output). So these are what a developer's
 * UTF-8 terminal has, the same on every machine; a test about one of them sets it itself.
 */
const unset = ['LC_ALL', 'LC_CTYPE', 'LC_MESSAGES', 'NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'LINES', 'CI', 'CONTINUOUS_INTEGRATION', 'SOCKTOP_SERVICES', 'SOCKTOP_DEBUG'];
for (const name of unset) delete process.env[name];
process.env['LANG'] = 'C.UTF-8';

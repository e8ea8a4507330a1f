# stale.py WINDOW WAIT: rows (not dimmed = not "just closed") whose PID was already gone WAIT s before the capture
import os, re, subprocess, sys, time
win, wait = sys.argv[1], float(sys.argv[2])
def rows():
    text = subprocess.run(['tmux', '-L', 'soak', 'capture-pane', '-e', '-p', '-t', 'soak:' + win], capture_output=True, text=True).stdout
    out, dim = [], False
    for line in text.split('\n')[4:-2]:
        plain, first_dim = '', None
        for part in re.split(r'(\x1b\[[0-9;]*m)', line):
            if part.startswith('\x1b['):
                codes = part[2:-1].split(';')
                for c in codes:
                    if c in ('0', '', '22'): dim = False
                    if c == '2': dim = True
            elif part:
                if first_dim is None and part.strip(): first_dim = dim
                plain += part
        f = plain.split()
        if len(f) > 3 and f[2].isdigit(): out.append((int(f[2]), f[1], bool(first_dim), plain))
    return out
before = rows()
dead = {pid: cmd for pid, cmd, _, _ in before if not os.path.exists('/proc/%d' % pid)}
time.sleep(wait)
after = rows()
def comm(pid):
    try: return open('/proc/%d/comm' % pid).read().strip()
    except OSError: return None
stale = [(pid, cmd, line) for pid, cmd, d, line in after if pid in dead and not d]
print('rows', len(before), len(after), 'dead-at-first', len(dead), 'stale-after-%ss' % wait, len(stale), 'dimmed-now', sum(1 for r in after if r[2]))
for pid, cmd, line in stale: print('STALE', pid, cmd, 'now:', comm(pid), '|', line.rstrip())

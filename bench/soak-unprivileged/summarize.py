# summarize.py samples.log PID=INTERVAL_S...: per 5-minute window and socktop PID, the median RSS (and its
# lowest sample: what is left after a GC) and anonymous memory, the largest fd count, and CPU per refresh (own + reaped children, USER_HZ 100)
import re, statistics, sys
from collections import defaultdict
intervals = dict(arg.split('=') for arg in sys.argv[2:])
rows = defaultdict(list)
for line in open(sys.argv[1]):
    m = dict(re.findall(r'(\w+)=(\d+)', line))
    if 'rss' not in m: continue
    h, mi, s = map(int, line[:8].split(':'))
    rows[m['pid']].append((h * 3600 + mi * 60 + s, m))
for pid, samples in rows.items():
    t0 = samples[0][0]
    interval = float(intervals.get(pid, 2))
    print('pid', pid, 'at', interval, 's')
    windows = defaultdict(list)
    for t, m in samples: windows[(t - t0) // 300].append((t, m))
    for w, ws in sorted(windows.items()):
        (ta, a), (tb, b) = ws[0], ws[-1]
        cpu = (int(b['cpu']) + int(b['childcpu']) - int(a['cpu']) - int(a['childcpu'])) * 10
        per = cpu / max(1, (tb - ta) / interval) if tb > ta else float('nan')
        med = lambda k: statistics.median(int(m[k]) for _, m in ws) / 1024
        print(f"  min {w*5:2d}-{w*5+5:2d}: RSS median {med('rss'):.0f} MiB (lowest {min(int(m['rss']) for _, m in ws) / 1024:.0f}), anon {med('anon'):.0f} MiB, fds max {max(int(m['fds']) for _, m in ws)}, CPU {per:.0f} ms/refresh, samples {len(ws)}")

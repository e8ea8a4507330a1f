#!/bin/bash
# The live PID view of one process holding 19,800 fds (9,900 unix socketpairs, as the scale
# review's generator made them), at 120x40: first frame, CPU over 20 s at the 2 s interval,
# peak RSS, and how long keys take to change the screen. Needs python3, tmux and a hard fd
# limit of 19,900+. Run it in its own namespaces, so the load dies with it:
#   unshare -fpn --mount-proc bash -c 'ip link set lo up; bench/pid-scale.sh dist'
# usage: pid-scale.sh DISTDIR (a build: node scripts/build.mjs; copy dist away to compare two)
dist=$1
out=$(mktemp -d)
python3 -c '
import resource, socket, signal
hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]; resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
keep = [end for _ in range(9900) for end in socket.socketpair()]
print("ready", len(keep), flush=True); signal.pause()' > $out/gen 2>&1 &
py=$!
for i in $(seq 900); do grep -q ready $out/gen && break; sleep 0.2; done
echo "load: $(cat $out/gen)"
tk=$(getconf CLK_TCK)
/usr/bin/time -f "  once --pid: wall %e s cpu %U u %S s rss %M KB" node $dist/cli.js --once --pid $py > $out/once; wc -l < $out/once
tmux -L pidscale new-session -d -s s -x 120 -y 40 "node $dist/cli.js --pid $py"
sleep 0.5; np=$(pgrep -x socktop | head -1)
t0=$(date +%s%N); until tmux -L pidscale capture-pane -p | grep -q 'FD'; do sleep 0.05; done; echo "pid view first frame: $(( ($(date +%s%N)-t0)/1000000 + 500 )) ms"
sleep 3
c0=$(awk '{print $14+$15+$16+$17}' /proc/$np/stat); sleep 20; c1=$(awk '{print $14+$15+$16+$17}' /proc/$np/stat)
echo "PID view cpu over 20 s: $(( (c1-c0)*100/tk/20 ))% ($(( (c1-c0)*1000/tk )) ms)"; grep VmHWM /proc/$np/status
lat() { before=$(tmux -L pidscale capture-pane -p -e | md5sum); t=$(date +%s%N); tmux -L pidscale send-keys "$1"
  while [ "$(tmux -L pidscale capture-pane -p -e | md5sum)" = "$before" ]; do sleep 0.01; [ $(( ($(date +%s%N)-t)/1000000 )) -gt 30000 ] && break; done
  echo "key $1: $(( ($(date +%s%N)-t)/1000000 )) ms"; }
for k in j j j G g / x Escape; do lat "$k"; sleep 0.6; done
tmux -L pidscale capture-pane -p | head -14
tmux -L pidscale kill-server
kill $py; wait $py 2>/dev/null
rm -rf $out

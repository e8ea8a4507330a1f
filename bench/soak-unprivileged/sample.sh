#!/bin/bash
# sample.sh PID... : every 60 s, one line per PID
tck=$(getconf CLK_TCK)
echo "CLK_TCK $tck (summarize.py assumes 100)"
while true; do
  for p in "$@"; do
    [ -d /proc/$p ] || { echo "$(date +%T) $p GONE"; continue; }
    rss=$(awk '/VmRSS/{print $2}' /proc/$p/status); hwm=$(awk '/VmHWM/{print $2}' /proc/$p/status)
    anon=$(awk '/RssAnon/{print $2}' /proc/$p/status)
    fds=$(ls /proc/$p/fd | wc -l); thr=$(awk '/Threads/{print $2}' /proc/$p/status)
    kids=$(ps --ppid $p -o comm= | sort | uniq -c | tr -s ' ' | tr '\n' ';')
    read ut st cut cst < <(awk '{print $14, $15, $16, $17}' /proc/$p/stat)
    socks=$(ss -s | awk '/^Total/{print $2}')
    echo "$(date +%T) pid=$p rss=$rss hwm=$hwm anon=$anon fds=$fds threads=$thr cpu=$((ut+st)) childcpu=$((cut+cst)) kids=[$kids] host_socks=$socks"
  done
  sleep 60
done

# Churn: every ~100 ms fork+exec a short-lived process (one of several command names) that
# opens TCP (a connection to a listener, client closes first -> TIME_WAIT), UDP and unix sockets,
# lives 50-600 ms and exits. Usage: python3 churn.py TAG PORT
# Each child is exec'd as bin/NAME next to this file, so that it shows under that command name; make them first:
#   mkdir -p bin && for n in cc1 ld vitest-worker ssh jest-runner; do ln -sf "$(command -v python3)" bin/$n; done
import os, random, socket, sys, time
tag, port = sys.argv[1], int(sys.argv[2])
here = os.path.dirname(os.path.abspath(__file__))
names = ['cc1', 'ld', 'vitest-worker', 'ssh', 'jest-runner']
if len(sys.argv) > 3 and sys.argv[3] == 'child':
    socks = []
    try:
        c = socket.create_connection(('127.0.0.1', port), timeout=1); socks.append(c)
    except OSError: pass
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0)); socks.append(u)
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.connect(('::1', 9)); socks.append(u6)
    a, b = socket.socketpair(); socks += [a, b]
    l = socket.socket(socket.AF_UNIX); l.bind('\0soak-%s-%d' % (tag, os.getpid())); l.listen(); socks.append(l)
    time.sleep(random.uniform(0.05, 0.6))
    os._exit(0)
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(('127.0.0.1', port)); srv.listen(512); srv.setblocking(False)
held = []
n = 0
while True:
    try:
        while True:
            conn, _ = srv.accept(); held.append(conn)
    except BlockingIOError: pass
    # server ends: close after the client did (client closes first -> client TIME_WAIT)
    keep = []
    for conn in held:
        try:
            conn.setblocking(False)
            if conn.recv(1) == b'': conn.close(); continue
        except BlockingIOError: pass
        except OSError: conn.close(); continue
        keep.append(conn)
    held = keep
    name = names[n % len(names)]; n += 1
    pid = os.fork()
    if pid == 0:
        os.execv(os.path.join(here, 'bin', name), [name, __file__, tag, str(port), 'child'])
    # a burst of bare forks every 2 s, to move PIDs along (pid_max is 32768: they wrap)
    if n % 20 == 0:
        for _ in range(30):
            if os.fork() == 0: os._exit(0)
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0: pass
    except ChildProcessError: pass
    time.sleep(0.1)

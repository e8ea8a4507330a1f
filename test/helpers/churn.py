"""Process churn: fork short-lived children that open and close sockets.

Started by churn.ts as:  python3 churn.py RATE DURATION DIR
Forks RATE children per second for DURATION seconds. Each child names itself
churnN, opens a TCP connection to a loopback listener the parent holds, a UDP
socket and a bound unix socket, lives 20-600 ms, and exits. The parent accepts
and closes the connections, reaps children, stops on its own after DURATION
or as soon as its parent or its stdin goes away, and prints one JSON line.
"""
import ctypes
import json
import os
import random
import select
import signal
import socket
import sys
import time

PR_SET_NAME = 15
PR_SET_PDEATHSIG = 1


def child(number, port, directory):
    libc = ctypes.CDLL(None)
    libc.prctl(PR_SET_NAME, ctypes.c_char_p(b'churn%d' % number), 0, 0, 0)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    held = []
    try:
        held.append(socket.create_connection(('127.0.0.1', port), timeout=1))
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(('127.0.0.1', 0))
        held.append(udp)
        unix = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        path = os.path.join(directory, 'c%d' % number)
        unix.bind(path)
        held.append(unix)
        time.sleep(random.uniform(0.02, 0.6))
        os.unlink(path)
    except OSError:
        pass
    for s in held:
        s.close()


def main():
    rate = float(sys.argv[1])
    duration = float(sys.argv[2])
    directory = sys.argv[3]
    parent = os.getppid()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(('127.0.0.1', 0))
    listener.listen(4096)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    sys.stdout.write(json.dumps({'pid': os.getpid(), 'port': port}) + '\n')
    sys.stdout.flush()

    start = time.monotonic()
    spawned = 0
    failed = 0
    while True:
        elapsed = time.monotonic() - start
        if elapsed >= duration or os.getppid() != parent:
            break
        while spawned + failed < int(elapsed * rate):
            try:
                pid = os.fork()
            except OSError:
                failed += 1
                continue
            if pid == 0:
                listener.close()
                child(spawned, port, directory)
                os._exit(0)
            spawned += 1
        readable, _, _ = select.select([listener, sys.stdin], [], [], 0.005)
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 4096):
            break
        while True:
            try:
                connection, _ = listener.accept()
                connection.close()
            except (BlockingIOError, InterruptedError):
                break
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
    listener.close()
    while True:
        try:
            os.wait()
        except ChildProcessError:
            break
    sys.stdout.write(json.dumps({'spawned': spawned, 'failed': failed, 'seconds': time.monotonic() - start}) + '\n')
    sys.stdout.flush()


main()

# Reuses its own fd numbers at random, the way a busy server does, for the
# remembered fd walk's test (test/collect/linux/walk-memory.test.ts).
# Each "churn N SEED" line makes N changes to a pool of fd numbers and answers
# "done" once they are all made; then it waits, so a scan sees a still picture.
# A change puts on one pool number (with dup2, closing what it held) a new TCP
# listener, a new UDP socket, /dev/null, or nothing. Every socket has this one
# holder: an fd moved off a socket another process still holds is the one case
# the memory cannot see (it is read again within 20 s), so it is not made here.
import os
import random
import socket
import sys

POOL = 24
# Numbers well above what Python opens itself, so dup2 never hits one of its fds.
pool = list(range(200, 200 + POOL))


def make(kind):
    if kind == "tcp":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.1", 0))
        s.listen()
        return s.detach()
    if kind == "udp":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", 0))
        return s.detach()
    return os.open("/dev/null", os.O_RDONLY)


def change(rng, number):
    kind = rng.choice(["tcp", "udp", "file", "none"])
    if kind == "none":
        try:
            os.close(number)
        except OSError:
            pass
        return
    fd = make(kind)
    os.dup2(fd, number)
    os.close(fd)


print(os.getpid(), flush=True)
for line in sys.stdin:
    words = line.split()
    if words[:1] != ["churn"]:
        break
    rng = random.Random(int(words[2]))
    for _ in range(int(words[1])):
        change(rng, rng.choice(pool))
    print("done", flush=True)

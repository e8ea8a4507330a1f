# Puts new sockets on fd numbers that held something else, the cases a
# remembered fd walk (source/collect/linux/fds.ts, WalkMemory) must notice.
# Driven line by line over stdin/stdout by test/collect/linux/walk-memory.test.ts:
#   start          -> "<fd-a> <port-a> <fd-b> <fd-c>": a TCP listener on fd-a, /dev/null open on fd-b and fd-c
#   reuse-socket   -> "<port>": a new listener moved onto fd-a (its old socket closes)
#   reuse-file     -> "<port>": a new listener moved onto fd-b (which held /dev/null)
#   close-file     -> "closed": fd-c closed
#   exit           -> exits
import os
import socket
import sys


def listener():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen()
    return s


def move(s, fd):
    # dup2 closes whatever fd held; the listener then lives on fd only.
    port = s.getsockname()[1]
    os.dup2(s.fileno(), fd)
    s.close()
    return port


first = listener()
fd_a = first.fileno()
fd_b = os.open("/dev/null", os.O_RDONLY)
fd_c = os.open("/dev/null", os.O_RDONLY)
for line in sys.stdin:
    command = line.strip()
    if command == "start":
        print(fd_a, first.getsockname()[1], fd_b, fd_c, flush=True)
    elif command == "reuse-socket":
        print(move(listener(), fd_a), flush=True)
    elif command == "reuse-file":
        print(move(listener(), fd_b), flush=True)
    elif command == "close-file":
        os.close(fd_c)
        print("closed", flush=True)
    else:
        break

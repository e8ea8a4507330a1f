# A process whose main thread exits while another thread runs on and holds its sockets (a
# "zombie leader": /proc/PID/fd lists nothing, /proc/PID/task/TID/fd holds them), the case
# source/collect/linux/zombie-leader.ts reads. Driven line by line over stdin/stdout by
# test/collect/linux/zombie-leader.test.ts; it prints "<fd> <port>" of a TCP listener at once.
#   exit-main     -> "exiting": the main thread exits (pthread_exit, so only it); the test
#                    waits for /proc/PID/status to say Z with 2 threads
#   reuse-socket  -> "<port>": a new listener moved onto the first one's fd (its old socket closes)
#   dup-stdin     -> "<fd>": a second fd on stdin's socket
#   private       -> "<fd> <port> <read fd> <write fd>": a new thread unshares its fd table
#                    (CLONE_FILES) and opens a listener and a pipe only that table holds
# Anything else, or the end of stdin, ends the process.
import ctypes
import os
import socket
import sys
import threading

CLONE_FILES = 0x400
libc = ctypes.CDLL(None, use_errno=True)


def listener():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen()
    return s


def in_private_table(held):
    if libc.unshare(CLONE_FILES) != 0:
        print("unshare failed:", os.strerror(ctypes.get_errno()), flush=True)
        return
    held.append(listener())
    read_end, write_end = os.pipe()
    print(held[-1].fileno(), held[-1].getsockname()[1], read_end, write_end, flush=True)
    threading.Event().wait()


def serve(held, main_may_exit):
    for line in sys.stdin:
        command = line.strip()
        if command == "exit-main":
            print("exiting", flush=True)
            main_may_exit.set()
        elif command == "reuse-socket":
            new = listener()
            port = new.getsockname()[1]
            os.dup2(new.fileno(), held[0].fileno())
            # Closed before answering: the listener then lives on the first one's fd only.
            new.close()
            print(port, flush=True)
        elif command == "dup-stdin":
            print(os.dup(0), flush=True)
        elif command == "private":
            threading.Thread(target=in_private_table, args=(held,), daemon=True).start()
        else:
            break
    os._exit(0)


held = [listener()]
print(held[0].fileno(), held[0].getsockname()[1], flush=True)
main_may_exit = threading.Event()
threading.Thread(target=serve, args=(held, main_may_exit)).start()
main_may_exit.wait()
# Ends the main thread alone; the process lives on in the serving thread.
libc.pthread_exit(None)

"""A process whose name, command line and unix socket path are hostile to terminals.

Started by hostile.ts as:  python3 hostile.py COMM_HEX DIR PATHNAME_HEX
It re-execs itself once so that its argv can carry bytes node cannot pass
(invalid UTF-8), sets its comm with prctl(PR_SET_NAME) (the kernel keeps 15
bytes), then holds a TCP listener, an established loopback connection to it and
a listening unix socket bound at DIR/PATHNAME. It prints one JSON line and
lives until its stdin closes (so it cannot outlive the test that started it).
"""
import ctypes
import json
import os
import socket
import sys

PR_SET_NAME = 15

# Everything a terminal could be tricked by: OSC title, clear screen + home,
# a UTF-8 encoded C1 CSI, newline/CR/tab, invalid UTF-8, a right-to-left
# override, wide CJK/emoji, zero-width characters and other invisible ones
# (word joiner, an Arabic number sign, a Hangul filler, a tag character).
HOSTILE_ARGV = [
    b'\x1b]0;pwned\x07',
    b'\x1b[2J\x1b[H',
    '\u009b31m'.encode(),
    b'line1\nline2\rx\ty',
    b'bad\xff\xfeutf8',
    '\u202eevil'.encode(),
    '\u4e2d\u6587\U0001f600'.encode(),
    'zero\u200bwidth\u200d\ufeff'.encode(),
    'hide\u2060\u0600\u3164\U000e0041'.encode(),
]


def main():
    comm = bytes.fromhex(sys.argv[1])
    directory = sys.argv[2].encode()
    name = bytes.fromhex(sys.argv[3])
    if os.environ.get('SOCKTOP_HOSTILE_EXECED') != '1':
        os.environ['SOCKTOP_HOSTILE_EXECED'] = '1'
        script = os.path.abspath(__file__).encode()
        os.execv(sys.executable, [b'python3', script, *[a.encode() for a in sys.argv[1:4]], *HOSTILE_ARGV])

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NAME, ctypes.c_char_p(comm), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), 'prctl(PR_SET_NAME)')

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(('127.0.0.1', 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    client = socket.create_connection(('127.0.0.1', port))
    accepted, _ = listener.accept()

    path = os.path.join(directory, name)
    unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    unix.bind(path)
    unix.listen(8)

    sys.stdout.write(json.dumps({
        'pid': os.getpid(),
        'port': port,
        'clientPort': client.getsockname()[1],
        'path': path.hex(),
    }) + '\n')
    sys.stdout.flush()
    try:
        sys.stdin.buffer.read()
    finally:
        for s in (accepted, client, listener, unix):
            s.close()
        try:
            os.unlink(path)
        except OSError:
            pass


main()

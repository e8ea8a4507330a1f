#!/usr/bin/env python3
"""Open one of each kind of socket socktop lists, print 'ready', then wait.

Used by the backends tests (test/collect/lsof/live.test.ts) and to capture the
test/fixtures/{lsof,ss,netstat} outputs on Linux. Loopback only.
Kinds: TCP listener + connected pair (IPv4), TCP listener (IPv6), a TCP
connection left in CLOSE_WAIT, UDP unconnected and connected, unix stream
listener + connected pair, unix dgram, unix seqpacket, an abstract unix name.
With an argument, the process renames itself (prctl PR_SET_NAME) to it.
"""
import ctypes
import os
import socket
import sys
import tempfile

if len(sys.argv) > 1:
    ctypes.CDLL(None).prctl(15, sys.argv[1].encode(), 0, 0, 0)

keep = []
tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
tcp.bind(('127.0.0.1', 0))
tcp.listen()
client = socket.create_connection(tcp.getsockname())
server, _ = tcp.accept()
keep += [tcp, client, server]

tcp6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
tcp6.bind(('::1', 0))
tcp6.listen()
keep.append(tcp6)

# The peer closes its end: the client side sits in CLOSE_WAIT.
closer = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
closer.bind(('127.0.0.1', 0))
closer.listen()
waiting = socket.create_connection(closer.getsockname())
accepted, _ = closer.accept()
accepted.close()
keep += [closer, waiting]

udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.bind(('127.0.0.1', 0))
udp6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
udp6.bind(('::1', 0))
udp6.connect(('::1', 53))
keep += [udp, udp6]

directory = tempfile.mkdtemp(prefix='socktop-backends-')
path = os.path.join(directory, 'stream.sock')
unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
unix.bind(path)
unix.listen()
unix_client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
unix_client.connect(path)
unix_server, _ = unix.accept()
dgram = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
dgram.bind(os.path.join(directory, 'dgram.sock'))
seqpacket = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
seqpacket.bind(os.path.join(directory, 'seqpacket.sock'))
seqpacket.listen()
abstract = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
abstract.bind('\0socktop-backends-%d' % os.getpid())
abstract.listen()
keep += [unix, unix_client, unix_server, dgram, seqpacket, abstract]

print('ready', directory, flush=True)
try:
    sys.stdin.read()
finally:
    for name in os.listdir(directory):
        os.unlink(os.path.join(directory, name))
    os.rmdir(directory)

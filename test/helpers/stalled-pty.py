"""Run socktop's live view on a pty whose reader stops reading (an SSH link stalled, not dropped).

Usage: stalled-pty.py SIGNAL NODE CLI [ARGS...]. Once the first frame is in, the pty is no longer read,
and Ctrl-L is typed 40 times (each draws a whole 200x60 frame) to fill it. Then SIGNAL is sent (or q
typed, for SIGNAL q), and one line of JSON says whether socktop ended within 5 s ("code", null if
not, and "seconds"), where it was waiting then ("wchan": wait_woken is a tty write), and whether a
reader then finds the screen left ("left": ESC[?1049l).
"""
import fcntl, json, os, pty, signal, struct, subprocess, sys, termios, time

master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 60, 200, 0, 0))


def controlling_terminal():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


env = dict(os.environ, TERM='xterm-256color', LANG='C.UTF-8')
child = subprocess.Popen(sys.argv[2:], stdin=slave, stdout=slave, stderr=slave, env=env, preexec_fn=controlling_terminal)
os.close(slave)
fcntl.fcntl(master, fcntl.F_SETFL, os.O_NONBLOCK)
seen = b''
deadline = time.time() + 60
while b'PROTO' not in seen and time.time() < deadline:
    try:
        seen = (seen + os.read(master, 65536))[-100000:]
    except BlockingIOError:
        time.sleep(0.05)

for _ in range(40):
    os.write(master, b'\x0c')
    time.sleep(0.02)
time.sleep(1)
wchan = open(f'/proc/{child.pid}/wchan').read()
started = time.time()
if sys.argv[1] == 'q':
    os.write(master, b'q')
else:
    os.kill(child.pid, getattr(signal, sys.argv[1]))
try:
    code = child.wait(timeout=5)
except subprocess.TimeoutExpired:
    code = None
seconds = round(time.time() - started, 2)
tail = b''
deadline = time.time() + 3
while time.time() < deadline:
    try:
        tail = (tail + os.read(master, 65536))[-100000:]
    except BlockingIOError:
        if child.poll() is not None:
            break
        time.sleep(0.05)
    except OSError:
        break
if child.poll() is None:
    child.kill()
    child.wait()
print(json.dumps({'code': code, 'seconds': seconds, 'wchan': wchan, 'left': b'\x1b[?1049l' in tail}))

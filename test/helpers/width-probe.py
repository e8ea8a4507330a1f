"""Ask the terminal how wide strings are: run inside a tmux pane.

Usage: python3 width-probe.py SAMPLES.json RESULT.json
For each string, draws 'X' + string at the top left, asks the terminal for the
cursor position (DSR, ESC [ 6 n) and records how many columns the string moved
it. The samples must already be sanitized (no control characters).
"""
import json
import os
import sys
import termios
import tty


def main():
    with open(sys.argv[1], encoding='utf-8') as source:
        samples = json.load(source)
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setraw(fd)
    widths = []
    try:
        for sample in samples:
            os.write(1, b'\x1b[H\x1b[2KX' + sample.encode('utf-8') + b'\x1b[6n')
            answer = b''
            while not answer.endswith(b'R'):
                answer += os.read(fd, 1)
            column = int(answer[answer.rindex(b';') + 1:-1])
            widths.append(column - 2)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    with open(sys.argv[2] + '.tmp', 'w', encoding='utf-8') as result:
        json.dump(widths, result)
    os.rename(sys.argv[2] + '.tmp', sys.argv[2])


main()

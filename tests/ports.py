"""A free loopback port for a test server (SMTP, Varnish, the HTML checker).

The system hands out a port nobody holds; fixed ranges per module clashed when two test
runs, or two checkouts, shared a machine.
"""

import contextlib
import socket


def free_port():
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

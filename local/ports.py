"""Free TCP ports for a stack started beside others (tests, benchmarks).

Ports are drawn below the kernel's ephemeral range: a port the kernel handed out for `bind(0)` and that we close
again is free only until the next outbound connection takes it, and a stack opens hundreds of connections (to moto,
between its servers) while it starts — the next server to bind then finds its port in use."""
import random
import socket
from pathlib import Path

EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
LOWEST = 10_000


def free_ports(count: int, host: str = "127.0.0.1") -> list[int]:
    """`count` distinct ports that nothing listens on now, none of which the kernel gives to outbound connections."""
    below = _ephemeral_start()
    held: list[socket.socket] = []
    try:
        while len(held) < count:
            probe = socket.socket()
            try:
                probe.bind((host, random.randrange(LOWEST, below)))
            except OSError:
                probe.close()
                continue
            held.append(probe)
        return [probe.getsockname()[1] for probe in held]
    finally:
        for probe in held:
            probe.close()


def _ephemeral_start() -> int:
    try:
        return int(EPHEMERAL_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32_768

import random
import socket

from local.ports import _ephemeral_start, free_ports


def test_ports_are_distinct_free_and_below_the_range_outbound_connections_take():
    ports = free_ports(5)

    assert len(set(ports)) == 5
    assert all(port < _ephemeral_start() for port in ports)
    for port in ports:
        with socket.socket() as server:
            server.bind(("127.0.0.1", port))


def test_a_port_something_listens_on_is_not_handed_out(monkeypatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        draws, usual = [], random.randrange

        def draw(low, high):  # the busy port twice, then ports as usual
            draws.append(busy if len(draws) < 2 else usual(low, high))
            return draws[-1]

        monkeypatch.setattr("local.ports.random.randrange", draw)

        assert free_ports(1) != [busy] and draws[:2] == [busy, busy] and len(draws) >= 3

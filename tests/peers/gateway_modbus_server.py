#!/usr/bin/python3
"""Modbus TCP test peer with a register map given as JSON (Debian python3-pymodbus 3.0).

Usage: /usr/bin/python3 gateway_modbus_server.py PORT MAP.json

MAP.json: {"holding": {"0": [17096, 0], ...}, "input": {...}, "coils": {"0": [1, 0]}, "discrete": {...}}
Keys are 0-based PDU start addresses; values are lists of 16-bit registers or bits. Every table holds 200
entries (zero_mode=True, so address 0 is the first); anything not given is 0. Any unit id is answered.
Binds 127.0.0.1 only. Prints READY when listening.
"""
import asyncio
import json
import logging
import sys

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                ModbusSlaveContext)
from pymodbus.server import StartAsyncTcpServer
from pymodbus.transaction import ModbusSocketFramer

logging.getLogger("pymodbus").setLevel(logging.CRITICAL)
SIZE = 200


def block(spec):
    values = [0] * SIZE
    for start, items in (spec or {}).items():
        for i, v in enumerate(items):
            values[int(start) + i] = int(v)
    return ModbusSequentialDataBlock(0, values)


async def main():
    port = int(sys.argv[1])
    with open(sys.argv[2]) as f:
        spec = json.load(f)
    store = ModbusSlaveContext(
        co=block(spec.get("coils")), di=block(spec.get("discrete")),
        hr=block(spec.get("holding")), ir=block(spec.get("input")), zero_mode=True)
    context = ModbusServerContext(slaves=store, single=True)
    server = await StartAsyncTcpServer(context=context, address=("127.0.0.1", port),
                                       framer=ModbusSocketFramer, defer_start=True,
                                       allow_reuse_address=True)
    # READY only once the socket listens (serve_forever() binds it): a client connecting earlier would be refused.
    serving = asyncio.create_task(server.serve_forever())
    await server.serving
    print(f"READY {port}", flush=True)
    await serving


if __name__ == "__main__":
    asyncio.run(main())

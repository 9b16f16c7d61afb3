#!/usr/bin/python3
"""Independent Modbus TCP server for `edgetwin bench e2e --server pymodbus` (Debian's python3-pymodbus 3.0).

Usage: /usr/bin/python3 modbus_time_server.py PORT REGISTERS INTERVAL_MS

Every INTERVAL_MS it writes the current Unix time in milliseconds modulo 2^32 as uint32 ABCD into every pair of
holding registers 0..REGISTERS-1 (every unit id is answered). A subscriber that receives such a value computes the
end-to-end latency from the change on this server to the message. Binds 127.0.0.1 only. Prints "READY ..." once
serving.
"""
import asyncio
import logging
import sys
import time

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncTcpServer
from pymodbus.transaction import ModbusSocketFramer

logging.getLogger("pymodbus").setLevel(logging.CRITICAL)


async def updater(store, registers, interval):
    while True:
        ms = int(time.time() * 1000) & 0xFFFFFFFF
        store.setValues(3, 0, [ms >> 16, ms & 0xFFFF] * (registers // 2))
        await asyncio.sleep(interval / 1000.0)


async def main():
    port, registers, interval = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    store = ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, [0] * max(registers, 2)), zero_mode=True)
    context = ModbusServerContext(slaves=store, single=True)
    server = await StartAsyncTcpServer(context=context, address=("127.0.0.1", port), framer=ModbusSocketFramer,
                                       defer_start=True, allow_reuse_address=True)
    asyncio.create_task(updater(store, registers, interval))
    # READY only once the socket listens (serve_forever() binds it): a client connecting earlier would be refused.
    serving = asyncio.create_task(server.serve_forever())
    await server.serving
    print(f"READY Modbus TCP time server on 127.0.0.1:{port}, {registers} registers every {interval} ms", flush=True)
    await serving


if __name__ == "__main__":
    asyncio.run(main())

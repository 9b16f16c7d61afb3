#!/usr/bin/python3
"""Modbus test peer for EdgeTwin: Debian's python3-pymodbus 3.0 (run it with /usr/bin/python3).

Usage:
  /usr/bin/python3 modbus_server.py tcp PORT [--units 1,2]   # Modbus TCP on 127.0.0.1:PORT
  /usr/bin/python3 modbus_server.py rtu PTY  [--units 1,2]   # RTU on a serial device or socat pty, 9600 8N1

--units: answer only these unit ids (others get no answer at all, like an absent slave);
         default: every unit id is answered.

Data map (0-based PDU addresses; zero_mode=True):
  coils            0..15  : 1,0,1,0,...
  discrete inputs  0..15  : 0,1,0,1,...
  holding          0..199 : HR0=1234, HR1=counter (+1 every 100 ms), HR2..3=float32 21.5 ABCD,
                            HR4..5=float32 21.5 CDAB, HR6..7=int32 -123456 ABCD, HR10..199 = own address,
                            except HR150, which does not exist (exception 2: a hole inside a block)
  input            0..99  : IR0=counter*10 % 65536, IRn=1000+n
Anything beyond these answers exception 2 (IllegalDataAddress).
Prints "READY ..." on stdout once serving.
"""
import argparse
import asyncio
import logging
import struct

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                ModbusSlaveContext, ModbusSparseDataBlock)
from pymodbus.server import StartAsyncSerialServer, StartAsyncTcpServer
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer

# pymodbus installs its own root handler and logs harmless errors on every disconnect.
logging.getLogger("pymodbus").setLevel(logging.CRITICAL)

HOLE = 150


def make_store():
    hr = {i: i for i in range(200)}
    hr[0] = 1234
    hr[1] = 0
    hr[2], hr[3] = struct.unpack(">HH", struct.pack(">f", 21.5))
    hr[5], hr[4] = struct.unpack(">HH", struct.pack(">f", 21.5))
    hr[6], hr[7] = struct.unpack(">HH", struct.pack(">i", -123456))
    hr[8], hr[9] = 0, 0
    del hr[HOLE]
    return ModbusSlaveContext(
        co=ModbusSequentialDataBlock(0, [1 if i % 2 == 0 else 0 for i in range(16)]),
        di=ModbusSequentialDataBlock(0, [0 if i % 2 == 0 else 1 for i in range(16)]),
        hr=ModbusSparseDataBlock(hr, mutable=False),
        ir=ModbusSequentialDataBlock(0, [1000 + i for i in range(100)]),
        zero_mode=True,  # the default shifts every address by +1
    )


async def updater(stores):
    n = 0
    while True:
        await asyncio.sleep(0.1)
        n = (n + 1) & 0xFFFF
        for store in stores:
            store.setValues(3, 1, [n])
            store.setValues(4, 0, [(n * 10) & 0xFFFF])


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["tcp", "rtu"])
    parser.add_argument("where", help="TCP port, or serial device path")
    parser.add_argument("--units", default="", help="comma-separated unit ids to answer (default: all)")
    parser.add_argument("--baud", type=int, default=9600)
    args = parser.parse_args()

    if args.units:
        slaves = {int(u): make_store() for u in args.units.split(",")}
        context = ModbusServerContext(slaves=slaves, single=False)
        stores = list(slaves.values())
    else:
        store = make_store()
        context = ModbusServerContext(slaves=store, single=True)
        stores = [store]

    if args.mode == "tcp":
        port = int(args.where)
        server = await StartAsyncTcpServer(context=context, address=("127.0.0.1", port),
                                           framer=ModbusSocketFramer, defer_start=True,
                                           allow_reuse_address=True, ignore_missing_slaves=True)
        # READY only once the socket listens: serve_forever() binds it, and a client connecting before would be
        # refused (seen as "Cannot connect ... Connection refused" in a test's first poll).
        serving = asyncio.create_task(server.serve_forever())
        await server.serving
        print(f"READY Modbus TCP server on 127.0.0.1:{port}", flush=True)
    else:
        # StartAsyncSerialServer defaults to the ASCII framer in 3.0: pass RTU explicitly.
        server = await StartAsyncSerialServer(context=context, framer=ModbusRtuFramer, port=args.where,
                                              baudrate=args.baud, bytesize=8, parity="N", stopbits=1,
                                              timeout=1, defer_start=True, ignore_missing_slaves=True)
        await server.start()
        print(f"READY Modbus RTU server on {args.where} ({args.baud} 8N1)", flush=True)
    asyncio.create_task(updater(stores))
    if args.mode == "tcp":
        await serving
    else:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())

// Modbus TCP test peer for EdgeTwin: the npm modbus-serial package (8.0.25) ServerTCP.
//   node modbus_server_node.js PORT
// Answers unit 1 only (other unit ids get no answer at all). Binds 127.0.0.1.
// Data map (0-based): holding 0..99 = own address except HR0=1234 and HR1=counter (+1 every 100 ms);
//   HR99 answers exception 6 (ServerDeviceBusy); HR>=100 answers exception 2 (IllegalDataAddress).
//   input n = 1000+n; coils 0..63 writable, initially 1,0,1,0...; discrete inputs n = n odd.
// Run with NODE_PATH pointing at the node_modules folder that holds modbus-serial.
const ModbusRTU = require("modbus-serial");

const port = parseInt(process.argv[2] || "5021", 10);
const hr = new Uint16Array(100).map((_, i) => i);
hr[0] = 1234;
const coils = new Array(64).fill(false).map((_, i) => i % 2 === 0);
let counter = 0;
setInterval(() => { counter = (counter + 1) & 0xffff; hr[1] = counter; }, 100);

const holding = (addr) => {
  if (addr >= hr.length) throw { modbusErrorCode: 2, msg: "Illegal data address" };
  if (addr === 99) throw { modbusErrorCode: 6, msg: "Server device busy" };
  return hr[addr];
};
const vector = {
  getHoldingRegister: (addr) => holding(addr),
  getInputRegister: (addr) => {
    if (addr >= 100) throw { modbusErrorCode: 2, msg: "Illegal data address" };
    return 1000 + addr;
  },
  getCoil: (addr) => {
    if (addr >= coils.length) throw { modbusErrorCode: 2, msg: "Illegal data address" };
    return coils[addr];
  },
  getDiscreteInput: (addr) => addr % 2 === 1,
  setRegister: (addr, value) => {
    if (addr >= hr.length) throw { modbusErrorCode: 2, msg: "Illegal data address" };
    hr[addr] = value;
  },
  setCoil: (addr, value) => {
    if (addr >= coils.length) throw { modbusErrorCode: 2, msg: "Illegal data address" };
    coils[addr] = value;
  },
};

const server = new ModbusRTU.ServerTCP(vector, { host: "127.0.0.1", port, debug: false, unitID: 1 });
server.on("initialized", () => console.log(`READY modbus-serial ServerTCP on 127.0.0.1:${port}`));
server.on("socketError", (err) => console.error("socketError", err.message));
server.on("serverError", (err) => console.error("serverError", err.message));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

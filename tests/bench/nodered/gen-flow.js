// Writes a Node-RED flow doing the job of `edgetwin bench e2e`: DEVICES Modbus TCP clients polling POINTS uint32
// points (holding registers 0..2*POINTS-1) every POLL_MS, each poll turned into one JSON telemetry message
// (the gateway's shape) published QoS 1 to mosquitto. Usage: node gen-flow.js DEVICES POINTS POLL_MS MODBUS_PORT MQTT_PORT > flows.json
const [devices, points, pollMs, modbusPort, mqttPort] = process.argv.slice(2).map(Number);
const flow = [{ id: "tab", type: "tab", label: "bench" },
  { id: "broker", type: "mqtt-broker", name: "mosquitto", broker: "127.0.0.1", port: String(mqttPort), clientid: "",
    autoConnect: true, usetls: false, protocolVersion: "4", keepalive: "60", cleansession: true }];
// A Modbus read carries at most 125 registers: 62 uint32 points per read node (EdgeTwin plans such reads itself).
const perRead = 62;
const convert = (first, count) => `
const r = msg.payload, samples = new Array(${count}), ts = new Date().toISOString();
for (let i = 0; i < ${count}; i++) {
  samples[i] = { point: 'p' + String(${first} + i).padStart(4, '0'), ts, value: ((r[2 * i] << 16) | r[2 * i + 1]) >>> 0, quality: 'good' };
}
msg.payload = JSON.stringify({ device: msg.topic, samples });
return msg;`;
for (let d = 0; d < devices; d++) {
  const id = "d" + String(d).padStart(3, "0");
  flow.push({ id: "client-" + id, type: "modbus-client", name: id, clienttype: "tcp", bufferCommands: true,
    stateLogEnabled: false, queueLogEnabled: false, failureLogEnabled: false, tcpHost: "127.0.0.1", tcpPort: String(modbusPort),
    tcpType: "DEFAULT", serialPort: "", serialType: "RTU-BUFFERD", serialBaudrate: "9600", serialDatabits: "8",
    serialStopbits: "1", serialParity: "none", serialConnectionDelay: "100", serialAsciiResponseStartDelimiter: "0x3A",
    unit_id: "1", commandDelay: "1", clientTimeout: "2000", reconnectOnTimeout: true, reconnectTimeout: "2000",
    parallelUnitIdsAllowed: true });
  for (let first = 0; first < points; first += perRead) {
    const count = Math.min(perRead, points - first), part = id + "-" + first;
    flow.push({ id: "read-" + part, z: "tab", type: "modbus-read", name: part, topic: id, showStatusActivities: false,
      logIOActivities: false, showErrors: false, unitid: "1", dataType: "HoldingRegister", adr: String(first * 2),
      quantity: String(count * 2), rate: String(pollMs), rateUnit: "ms", delayOnStart: false, startDelayTime: "",
      server: "client-" + id, useIOFile: false, ioFile: "", useIOForPayload: false, emptyMsgOnFail: false,
      x: 100, y: 40 * d, wires: [["fn-" + part], []] });
    flow.push({ id: "fn-" + part, z: "tab", type: "function", name: "to telemetry", func: convert(first, count), outputs: 1,
      x: 300, y: 40 * d, wires: [["out-" + part]] });
    flow.push({ id: "out-" + part, z: "tab", type: "mqtt out", name: "", topic: "nodered/bench/telemetry/" + id, qos: "1",
      retain: "false", broker: "broker", x: 500, y: 40 * d, wires: [] });
  }
}
process.stdout.write(JSON.stringify(flow, null, 1));

// node-opcua test peer for EdgeTwin.OpcUa integration tests.
//   node opcua_server.js <port> <pkiRoot>        (or OPCUA_PORT / OPCUA_PKI env vars)
// Binds 127.0.0.1 only. Prints "READY <endpointUrl>" when listening. OPCUA_AUTO_ACCEPT=0 rejects unknown client certs.
const path = require("path");
// node-opcua is installed in tests/peers/node (npm install there); resolve it from that folder.
const requireFromPeers = require("module").createRequire(path.join(__dirname, "node", "package.json"));
const { OPCUAServer, OPCUACertificateManager, Variant, DataType, StatusCodes,
        SecurityPolicy, MessageSecurityMode } = requireFromPeers("node-opcua");

const port = parseInt(process.argv[2] || process.env.OPCUA_PORT || "4840", 10);
const pkiRoot = path.resolve(process.argv[3] || process.env.OPCUA_PKI || "./opcua-pki");

(async () => {
  const serverCertificateManager = new OPCUACertificateManager({
    rootFolder: path.join(pkiRoot, "server"),
    automaticallyAcceptUnknownCertificate: process.env.OPCUA_AUTO_ACCEPT !== "0",
  });
  await serverCertificateManager.initialize();
  const userCertificateManager = new OPCUACertificateManager({
    rootFolder: path.join(pkiRoot, "user"), automaticallyAcceptUnknownCertificate: true });
  await userCertificateManager.initialize();

  const users = { user1: "password1", operator: "op123" };
  const server = new OPCUAServer({
    port,
    host: "127.0.0.1",
    hostname: "localhost",
    resourcePath: "/UA/TestServer",
    alternateHostname: ["localhost", "127.0.0.1"],
    serverCertificateManager,
    userCertificateManager,
    securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep, SecurityPolicy.Aes256_Sha256_RsaPss],
    securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
    allowAnonymous: true,
    userManager: { isValidUser: (u, p) => users[u] !== undefined && users[u] === p },
    buildInfo: { productName: "EdgeTwinTestPeer", buildNumber: "1" },
    maxConnectionsPerEndpoint: 100,
    serverCapabilities: { operationLimits: { maxNodesPerRead: 50, maxNodesPerBrowse: 20, maxMonitoredItemsPerCall: 500 } },
  });
  await server.initialize();

  const addressSpace = server.engine.addressSpace;
  const ns = addressSpace.getOwnNamespace();
  const plant = ns.addObject({ organizedBy: addressSpace.rootFolder.objects, browseName: "Plant" });

  let temperature = 20.0, counter = 0, running = true, setpoint = 50.0, level = 0;
  let buffer = new Float64Array(0);
  const vTemp = ns.addVariable({ componentOf: plant, browseName: "Temperature", nodeId: "s=Plant.Temperature",
    dataType: "Double", minimumSamplingInterval: 50, value: new Variant({ dataType: DataType.Double, value: temperature }) });
  const vCnt = ns.addVariable({ componentOf: plant, browseName: "Counter", nodeId: "s=Plant.Counter",
    dataType: "Int32", value: new Variant({ dataType: DataType.Int32, value: counter }) });
  const vRun = ns.addVariable({ componentOf: plant, browseName: "Running", nodeId: "s=Plant.Running",
    dataType: "Boolean", value: new Variant({ dataType: DataType.Boolean, value: running }) });
  ns.addVariable({ componentOf: plant, browseName: "Setpoint", nodeId: "s=Plant.Setpoint", dataType: "Double", minimumSamplingInterval: 100,
    accessLevel: "CurrentRead | CurrentWrite", userAccessLevel: "CurrentRead | CurrentWrite",
    value: { get: () => new Variant({ dataType: DataType.Double, value: setpoint }),
             set: (v) => { setpoint = v.value; return StatusCodes.Good; } } });
  const vLevel = ns.addAnalogDataItem({ componentOf: plant, browseName: "Level", nodeId: "s=Plant.Level",
    dataType: "Double", engineeringUnitsRange: { low: 0, high: 100 }, minimumSamplingInterval: 0, // 0: changes are reported as they happen
    value: new Variant({ dataType: DataType.Double, value: level }) });
  ns.addVariable({ componentOf: plant, browseName: "Buffer", nodeId: "s=Plant.Buffer", dataType: "Double", valueRank: 1,
    minimumSamplingInterval: 100, accessLevel: "CurrentRead | CurrentWrite", userAccessLevel: "CurrentRead | CurrentWrite",
    value: { get: () => new Variant({ dataType: DataType.Double, arrayType: 1, value: buffer }),
             set: (v) => { buffer = Float64Array.from(v.value); return StatusCodes.Good; } } });
  const many = ns.addObject({ componentOf: plant, browseName: "Many", nodeId: "s=Plant.Many" });
  for (let i = 0; i < 120; i++) {
    ns.addVariable({ componentOf: many, browseName: `Item${String(i).padStart(3, "0")}`, nodeId: `s=Plant.Many.Item${i}`,
      dataType: "UInt32", value: new Variant({ dataType: DataType.UInt32, value: i }) });
  }

  let tick = 0;
  setInterval(() => {
    tick++;
    temperature = 20 + 5 * Math.sin(tick / 10);
    vTemp.setValueFromSource(new Variant({ dataType: DataType.Double, value: temperature }));
    level = tick % 100;
    vLevel.setValueFromSource(new Variant({ dataType: DataType.Double, value: level }));
    if (tick % 10 === 0) {
      counter++;
      vCnt.setValueFromSource(new Variant({ dataType: DataType.Int32, value: counter }));
      if (counter % 5 === 0) {
        running = !running;
        vRun.setValueFromSource(new Variant({ dataType: DataType.Boolean, value: running }));
      }
    }
  }, 100);

  await server.start();
  console.log(`READY ${server.getEndpointUrl()} cert=${server.certificateFile}`);
  const stop = async () => { await server.shutdown(0); process.exit(0); };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
})().catch((e) => { console.error("FAILED", e); process.exit(1); });

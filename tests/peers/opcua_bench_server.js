// node-opcua load peer for `edgetwin bench opcua`: N Double variables that all change every interval.
//   node opcua_bench_server.js <port> <items> <intervalMs> [pkiRoot]
// Binds 127.0.0.1 only, security None only. Variables are ns=1;s=Bench.<i> (i = 0..items-1) under Objects/Bench.
// Monitored items should ask for sampling interval 0: every change is then reported as it is written.
// Prints "READY <endpointUrl>" when listening and, every 5 s, "STATS updates=<n> cpu=<seconds>" (its own load, so the
// benchmark can tell a saturated server from a slow client).
const path = require("path");
const os = require("os");
// node-opcua is installed in tests/peers/node (npm ci there); resolve it from that folder.
const requireFromPeers = require("module").createRequire(path.join(__dirname, "node", "package.json"));
const { OPCUAServer, OPCUACertificateManager, Variant, DataType, DataValue, StatusCodes,
        SecurityPolicy, MessageSecurityMode } = requireFromPeers("node-opcua");

const port = parseInt(process.argv[2] || "4840", 10);
const items = parseInt(process.argv[3] || "10000", 10);
const intervalMs = parseInt(process.argv[4] || "100", 10);
const pkiRoot = path.resolve(process.argv[5] || path.join(os.tmpdir(), "edgetwin-bench-opcua-pki"));
if (!(items > 0) || !(intervalMs > 0)) {
  console.error(`FAILED usage: node opcua_bench_server.js <port> <items> <intervalMs> [pkiRoot] (got items=${process.argv[3]} interval=${process.argv[4]})`);
  process.exit(2);
}

(async () => {
  const serverCertificateManager = new OPCUACertificateManager({
    rootFolder: path.join(pkiRoot, "server"), automaticallyAcceptUnknownCertificate: true });
  await serverCertificateManager.initialize();
  const server = new OPCUAServer({
    port,
    host: "127.0.0.1",
    hostname: "localhost",
    resourcePath: "/UA/Bench",
    alternateHostname: ["localhost", "127.0.0.1"],
    serverCertificateManager,
    securityPolicies: [SecurityPolicy.None],
    securityModes: [MessageSecurityMode.None],
    allowAnonymous: true,
    buildInfo: { productName: "EdgeTwinBenchPeer", buildNumber: "1" },
    serverCapabilities: {
      // 0: an item that asks for sampling interval 0 gets every change as it is written, without a timer per item
      // (node-opcua's sampling timers cost more CPU than the gateway under test).
      minSupportedSampleRate: 0,
      maxMonitoredItems: Math.max(100000, items),
      maxMonitoredItemsPerSubscription: Math.max(100000, items),
      operationLimits: { maxMonitoredItemsPerCall: 5000, maxNodesPerRead: 5000 },
    },
  });
  await server.initialize();

  const addressSpace = server.engine.addressSpace;
  const ns = addressSpace.getOwnNamespace();
  const folder = ns.addObject({ organizedBy: addressSpace.rootFolder.objects, browseName: "Bench", nodeId: "s=Bench" });
  const variables = new Array(items);
  for (let i = 0; i < items; i++) {
    // minimumSamplingInterval 0: exception-based, the server reports changes as they are written.
    variables[i] = ns.addVariable({ componentOf: folder, browseName: `V${i}`, nodeId: `s=Bench.${i}`,
      dataType: "Double", minimumSamplingInterval: 0, value: new Variant({ dataType: DataType.Double, value: i }) });
  }

  let tick = 0;
  let updates = 0;
  setInterval(() => {
    tick++;
    const now = new Date();
    for (let i = 0; i < items; i++) {
      variables[i].setValueFromSource(new Variant({ dataType: DataType.Double, value: i + tick * 0.001 }), StatusCodes.Good, now);
    }
    updates += items;
  }, intervalMs);

  setInterval(() => {
    const usage = process.cpuUsage();
    console.log(`STATS updates=${updates} cpu=${((usage.user + usage.system) / 1e6).toFixed(3)}`);
  }, 5000);

  await server.start();
  console.log(`READY ${server.getEndpointUrl()}`);
  const stop = async () => { await server.shutdown(0); process.exit(0); };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
})().catch((e) => { console.error("FAILED", e); process.exit(1); });

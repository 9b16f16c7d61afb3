// Encodes a Sparkplug B payload with the Eclipse Tahu reference library (npm sparkplug-payload), for EdgeTwin's tests.
//   node sparkplug_encode.js '{"timestamp":1700000000000,"metrics":[{"name":"Node Control/Rebirth","type":"Boolean","value":true}]}'
// Prints the payload as hex. Integer metric values of 64-bit types may be given as decimal strings.
// The npm packages live in tests/peers/node (installed by tests/run.sh).
const requireFromPeers = require("module").createRequire(require("path").join(__dirname, "node", "package.json"));
const sp = requireFromPeers("sparkplug-payload").get("spBv1.0");
const Long = requireFromPeers("long");

const input = JSON.parse(process.argv[2]);
for (const m of input.metrics || []) {
  if (["Int64", "UInt64", "UInt32", "DateTime"].includes(m.type) && typeof m.value === "string") {
    m.value = Long.fromString(m.value, m.type !== "Int64");
  }
}
console.log(Buffer.from(sp.encodePayload(input)).toString("hex"));

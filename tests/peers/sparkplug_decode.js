// Decodes Sparkplug B payloads with the Eclipse Tahu reference library (npm sparkplug-payload), for EdgeTwin's tests.
//   node sparkplug_decode.js < lines      each line "TOPIC HEX" (as mosquitto_sub -F '%t %x' prints) or just "HEX"
//   node sparkplug_decode.js FILE...      each file one binary payload
// Prints one JSON object per input: {"topic":...,"payload":{...}} with 64-bit numbers as decimal strings, or
// {"topic":...,"error":"..."} for a payload the library cannot decode (exit code 2 at the end).
// The npm packages live in tests/peers/node (installed by tests/run.sh).
const requireFromPeers = require("module").createRequire(require("path").join(__dirname, "node", "package.json"));
const sp = requireFromPeers("sparkplug-payload").get("spBv1.0");
const Long = requireFromPeers("long");
const fs = require("fs");

const replacer = (key, value) => {
  if (Long.isLong(value)) return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  return value;
};

const show = (topic, bytes) => {
  try {
    const payload = sp.decodePayload(new Uint8Array(bytes));
    console.log(JSON.stringify({ topic, payload }, replacer));
  } catch (e) {
    console.log(JSON.stringify({ topic, error: e.message }));
    process.exitCode = 2;
  }
};

if (process.argv.length > 2) {
  for (const file of process.argv.slice(2)) show(file, fs.readFileSync(file));
} else {
  const lines = require("readline").createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    const text = line.trim();
    if (!text) return;
    const space = text.lastIndexOf(" ");
    const topic = space < 0 ? null : text.slice(0, space);
    show(topic, Buffer.from(space < 0 ? text : text.slice(space + 1), "hex"));
  });
}

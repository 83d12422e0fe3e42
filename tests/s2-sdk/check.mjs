// Drives an S2-compatible endpoint with the official S2 TypeScript SDK; run by S2SdkTests with
// S2_BASIN_ENDPOINT (the endpoint URL), S2_ACCESS_TOKEN and S2_STREAM_PREFIX set. Prints one line per check
// passed and exits non-zero with the reason at the first failure.
import assert from "node:assert/strict";
import { AppendInput, AppendRecord, S2, S2Endpoints, S2Error, SeqNumMismatchError, RangeNotSatisfiableError } from "@s2-dev/streamstore";

const endpoint = process.env.S2_BASIN_ENDPOINT;
const prefix = process.env.S2_STREAM_PREFIX;
assert.ok(endpoint && prefix, "S2_BASIN_ENDPOINT and S2_STREAM_PREFIX must be set");

const s2 = new S2({
  accessToken: process.env.S2_ACCESS_TOKEN ?? "unused",
  endpoints: new S2Endpoints({ account: endpoint, basin: endpoint }),
  retry: { maxAttempts: 1 },
});
const basin = s2.basin("mailstreams-local");
const name = `${prefix}inbox/reverser`;
const stream = basin.stream(name, { forceTransport: "fetch" });
const passed = (what) => console.log(`ok ${what}`);
const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms));

const created = await basin.streams.create({ stream: name, config: { retentionPolicy: { infinite: {} } } });
assert.equal(created.name, name);
passed("create");

const listed = await basin.streams.list({ prefix });
assert.deepEqual(listed.streams.map((s) => s.name), [name]);
passed("list by prefix");

const first = await stream.append(AppendInput.create([
  AppendRecord.string({ body: "hello", headers: [["content-type", "text/plain"]] }),
  AppendRecord.string({ body: "Grüße ☕" }),
]));
assert.deepEqual([first.start.seqNum, first.end.seqNum], [0, 2]);
const second = await stream.append(AppendInput.create([AppendRecord.string({ body: "world" })], { matchSeqNum: 2 }));
assert.deepEqual([second.start.seqNum, second.end.seqNum, second.tail.seqNum], [2, 3, 3]);
passed("append batches (one with match_seq_num)");

const batch = await stream.read({ start: { from: { seqNum: 0 } }, stop: { limits: { count: 10 } } });
assert.deepEqual(batch.records.map((r) => r.body), ["hello", "Grüße ☕", "world"]);
assert.deepEqual(batch.records[0].headers, [["content-type", "text/plain"]]);
const lastOne = await stream.read({ start: { from: { tailOffset: 1 } } });
assert.deepEqual(lastOne.records.map((r) => [r.seqNum, r.body]), [[2, "world"]]);
passed("read (from a seq_num with a count, and from a tail offset)");

const tail = await stream.checkTail();
assert.equal(tail.tail.seqNum, 3);
passed("check tail");

await assert.rejects(stream.append(AppendInput.create([AppendRecord.string({ body: "late" })], { matchSeqNum: 1 })), (e) => {
  assert.ok(e instanceof SeqNumMismatchError, `expected SeqNumMismatchError, got ${e}`);
  assert.equal(e.expectedSeqNum, 3);
  return true;
});
passed("match_seq_num conflict (412)");

await assert.rejects(stream.read({ start: { from: { seqNum: 99 } } }), (e) => {
  assert.ok(e instanceof RangeNotSatisfiableError, `expected RangeNotSatisfiableError, got ${e}`);
  assert.equal(e.tail?.seqNum, 3);
  return true;
});
await assert.rejects(basin.stream(`${prefix}missing`, { forceTransport: "fetch" }).checkTail(), (e) => {
  assert.ok(e instanceof S2Error);
  assert.deepEqual([e.status, e.code], [404, "stream_not_found"]);
  return true;
});
await assert.rejects(basin.streams.create({ stream: name }), (e) => {
  assert.deepEqual([e.status, e.code], [409, "resource_already_exists"]);
  return true;
});
passed("error shapes (416, 404, 409)");

const session = await stream.readSession({ start: { from: { seqNum: 1 } } });
const seen = [];
const following = (async () => {
  for await (const record of session) {
    seen.push([record.seqNum, record.body]);
    if (seen.length === 4) break;
  }
})();
await new Promise((resolve) => setTimeout(resolve, 300));
await stream.append(AppendInput.create([AppendRecord.string({ body: "live-1" }), AppendRecord.string({ body: "live-2" })]));
await Promise.race([following, timeout(10000, "the read session did not deliver the live appends")]);
assert.deepEqual(seen.map(([seq]) => seq), [1, 2, 3, 4]);
assert.deepEqual(seen.slice(1).map(([, body]) => body), ["world", "live-1", "live-2"]);
passed("read session follows new appends");

await basin.streams.delete({ stream: name });
await assert.rejects(stream.checkTail(), (e) => e.status === 404);
passed("delete");
await stream.close();
console.log("all checks passed");
process.exit(0);

#!/usr/bin/env node
// Benchmark only (scripts/bench-hours.sh): Azurite's Table service, in memory, plus a loopback control port that
// copies rows inside the emulator. The hours benchmark writes a few template volunteers through the real Table API,
// then asks this process to copy every row of a template to thousands of other volunteers. Azurite itself checks each
// insert by scanning all rows that share its RowKey, and the product's RowKeys repeat in every volunteer's partition
// ("y-2026", "s-balance", "r-…"), so writing 10,000 volunteers over HTTP is quadratic and takes hours here; the
// copies land in the same LokiJS collections the HTTP path writes, with the exact stored format of the templates.
//
// Usage: node azurite-table-bulk.cjs <tablePort> <controlPort>
// POST http://127.0.0.1:<controlPort>/clone  {"prefix":"b1234abcd","clones":[{"template":"<id>","copies":[[["a","b"],…],…]},…]}
//   → {"inserted":n,"updated":n,"ms":n}. Rows of the prefix's tables whose PartitionKey or RowKey contains the template
//   id are copied once per entry of `copies`, with that entry's replace pairs applied to all their strings; a copy that
//   already exists gets the template's new properties.
"use strict";
const http = require("http");
const path = require("path");
const dist = path.join(__dirname, "..", "..", "node_modules", "azurite", "dist", "src", "table");
const TableConfiguration = require(path.join(dist, "TableConfiguration")).default;
const TableServer = require(path.join(dist, "TableServer")).default;

const [tablePort, controlPort] = process.argv.slice(2).map(Number);
if (!tablePort || !controlPort) {
  console.error("usage: azurite-table-bulk.cjs <tablePort> <controlPort>");
  process.exit(2);
}

const account = "devstoreaccount1";

function substitute(value, pairs) {
  let text = value;
  for (const [from, to] of pairs) text = text.split(from).join(to);
  return text;
}

// The stored row without LokiJS's own fields ($loki, meta), as JSON; replace pairs are applied to that text.
function storedJson(doc) {
  return JSON.stringify({ PartitionKey: doc.PartitionKey, RowKey: doc.RowKey, properties: doc.properties,
    lastModifiedTime: doc.lastModifiedTime, eTag: doc.eTag });
}

const jsonText = value => JSON.stringify(value).slice(1, -1);

function clone(db, request) {
  const started = Date.now();
  let inserted = 0, updated = 0;
  const collections = db.listCollections().map(c => db.getCollection(c.name))
    .filter(c => c.name.startsWith(`${account}$${request.prefix}`));
  for (const coll of collections) {
    const byKey = new Map(coll.data.map(d => [d.PartitionKey + "\u0000" + d.RowKey, d]));
    const fresh = [];
    for (const { template, copies } of request.clones) {
      const rows = coll.data.filter(d => d.PartitionKey.includes(template) || d.RowKey.includes(template));
      const texts = rows.map(storedJson);
      for (const text of texts) for (const replace of copies) {
        const copy = JSON.parse(substitute(text, replace.map(([a, b]) => [jsonText(a), jsonText(b)])));
        const existing = byKey.get(copy.PartitionKey + "\u0000" + copy.RowKey);
        if (existing) {
          // Same keys, so the binary indices stay valid; only the stored properties change.
          existing.properties = copy.properties;
          existing.lastModifiedTime = copy.lastModifiedTime;
          existing.eTag = copy.eTag;
          updated++;
        } else {
          fresh.push(copy);
          byKey.set(copy.PartitionKey + "\u0000" + copy.RowKey, copy);
        }
      }
    }
    if (fresh.length > 0) {
      // One sort per index after the bulk insert instead of one array splice per row.
      coll.adaptiveBinaryIndices = false;
      coll.insert(fresh);
      coll.ensureAllIndexes(true);
      coll.adaptiveBinaryIndices = true;
      inserted += fresh.length;
    }
  }
  return { inserted, updated, ms: Date.now() - started };
}

async function main() {
  const config = new TableConfiguration("127.0.0.1", tablePort, undefined, path.join(require("os").tmpdir(), "bench-table.json"),
    false, false, undefined, undefined, false, true, "", "", "", undefined, false, true);
  const server = new TableServer(config);
  await server.start();
  const db = server.metadataStore.db;
  const control = http.createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/clone") {
      res.writeHead(404).end();
      return;
    }
    const chunks = [];
    req.on("data", c => chunks.push(c));
    req.on("end", () => {
      try {
        const result = clone(db, JSON.parse(Buffer.concat(chunks).toString("utf8")));
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
      } catch (err) {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(err && err.stack || err));
      }
    });
  });
  control.listen(controlPort, "127.0.0.1");
  console.log(`Azurite Table (in memory, bulk copy) on 127.0.0.1:${tablePort}, control on 127.0.0.1:${controlPort}`);
  const stop = () => { control.close(); server.close().then(() => process.exit(0)); };
  process.once("SIGINT", stop).once("SIGTERM", stop);
}

main().catch(err => { console.error(err); process.exit(1); });

// Loads .heapsnapshot files with the real consumers (the DevTools front-end's snapshot code, as
// repackaged by heap-snapshot-toolkit, and memlab) and prints what they make of them as JSON.
//   node heapsnapshot-facts.mjs facts FILE [--nodes]   per-consumer node count, classes, (nodes)
//   node heapsnapshot-facts.mjs diff BASE FILE         DevTools' Comparison of FILE against BASE
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { parse, diff } from 'heap-snapshot-toolkit';

const require = createRequire(import.meta.url);

async function devtools(file, withNodes) {
  const s = await parse(createReadStream(file, 'utf-8'));
  const classes = {};
  const aggregates = s.aggregatesWithFilter({});
  for (const key in aggregates) {
    const a = aggregates[key];
    classes[a.name] = { count: a.count, self: a.self, retained: a.maxRet };
  }
  const out = { nodeCount: s.nodeCount, totalSize: s.totalSize, classes };
  // the Allocation view: functions by bytes allocated (only when the file has allocation traces)
  const traced = s.profile && s.profile.snapshot && s.profile.snapshot.trace_function_count;
  out.allocationTops = traced ? s.allocationTracesTops().map(t => ({
    name: t.name, script: t.scriptName, line: t.line, count: t.count, size: t.size,
    liveCount: t.liveCount, liveSize: t.liveSize })) : null;
  if (withNodes) {
    out.nodes = [];
    for (let ordinal = 0; ordinal < s.nodeCount; ordinal++) {
      const index = ordinal * s.nodeFieldCount;
      const n = s.createNode(index);
      const retainers = [];
      for (const it = n.retainers(); it.hasNext(); it.next()) {
        const r = it.item();
        retainers.push({ id: r.node().id(), type: r.type(), name: r.name() });
      }
      const stack = s.allocationStack(index);
      out.nodes.push({
        id: n.id(), name: n.name(), className: n.className(), type: n.type(),
        self: n.selfSize(), retained: n.retainedSize(), distance: n.distance(),
        dominator: s.createNode(n.dominatorIndex()).id(), retainers,
        stack: stack ? stack.map(f => `${f.functionName} ${f.scriptName}:${f.line}`) : null,
      });
    }
  }
  return out;
}

async function memlab(file, withNodes) {
  const { getFullHeapFromFile } = require('@memlab/heap-analysis');
  const heap = await getFullHeapFromFile(file);
  const out = { nodeCount: heap.nodes.length, edgeCount: heap.edges.length };
  if (withNodes) {
    out.nodes = [];
    heap.nodes.forEach(n => {
      out.nodes.push({
        id: n.id, name: n.name, type: n.type, self: n.self_size, retained: n.retainedSize,
        dominator: n.dominatorNode ? n.dominatorNode.id : null,
        references: n.references.map(e => ({ type: e.type, name: String(e.name_or_index), to: e.toNode.id })),
      });
    });
  }
  return out;
}

async function main() {
  const [command, a, b] = process.argv.slice(2);
  const withNodes = process.argv.includes('--nodes');
  let result;
  if (command === 'facts') {
    result = { devtools: await devtools(a, withNodes), memlab: await memlab(a, withNodes) };
  } else if (command === 'diff') {
    const base = await parse(createReadStream(a, 'utf-8'));
    const next = await parse(createReadStream(b, 'utf-8'));
    const d = await diff(base, next);
    result = {};
    for (const key in d) {
      const c = d[key];
      const addedIds = c.addedIndexes.map(i => next.createNode(i).id());
      const removedIds = c.deletedIndexes.map(i => base.createNode(i).id());
      result[c.name] = { added: c.addedCount, removed: c.removedCount, addedSize: c.addedSize,
        removedSize: c.removedSize, addedIds, removedIds };
    }
  } else {
    throw new Error('usage: facts FILE [--nodes] | diff BASE FILE');
  }
  return result;
}

// memlab prints progress on stdout: the result is the one line after the marker. Exit only once
// it is flushed (a pipe is written asynchronously), since memlab can leave handles open.
main().then(
  result => process.stdout.write('\nHEAPREEL-RESULT ' + JSON.stringify(result) + '\n', () => process.exit(0)),
  e => { console.error(e && e.stack ? e.stack : e); process.exit(1); });

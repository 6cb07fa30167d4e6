#!/usr/bin/env node
// Node port of the seed's leaking MySQL program (workload/go/main.go):
//
//   - 100 concurrent async loops (queryLoop): sleep 1 ms, build a new User,
//     run `SELECT nickname, uid, forbidden FROM users WHERE login_name = ?`
//     through mysql2 (prepared statement, like the Go driver), fill the User
//     and send it on a channel;
//   - the collector appends every User to allUsers, which only grows: the leak;
//   - @datadog/pprof's sampling heap profiler runs from launch
//     (heap.start(intervalBytes, stackDepth));
//   - on SIGINT/SIGTERM, saveHeapProfile runs a full GC and writes
//     heap_<prog>_<pid>_<2006_01_02_03_04_05>.pb.gz (heap.profile() -> encode,
//     gzipped protobuf);
//   - GET /debug/pprof/heap on 127.0.0.1 serves the current profile.
//
// Options: --dsn (or $WORKLOAD_DSN), --interval BYTES, --stack-depth N,
// --pprof ADDR, --fixed, --snapshot-every N, --outdir DIR, --quiet,
// --max-prepared N (mysql2's maxPreparedStatements, default 16).
// Run with --expose-gc (run.mjs does) so profiles follow a full GC, as Go's do.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import * as pprof from '@datadog/pprof';
import mysql from 'mysql2/promise';

const progname = 'userleak-node';
const pid = process.pid;

const { values: opts } = parseArgs({
  options: {
    dsn: { type: 'string', default: process.env.WORKLOAD_DSN || 'mysql://mytest:mytest@127.0.0.1:3306/mytest' },
    interval: { type: 'string', default: '1024' },
    'stack-depth': { type: 'string', default: '64' },
    pprof: { type: 'string', default: '127.0.0.1:6789' },
    fixed: { type: 'boolean', default: false },
    'snapshot-every': { type: 'string', default: '0' },
    outdir: { type: 'string', default: '.' },
    quiet: { type: 'boolean', default: false },
    'max-prepared': { type: 'string', default: '16' },
  },
});
const intervalBytes = Number(opts.interval);
const stackDepth = Number(opts['stack-depth']);
const snapshotEvery = Number(opts['snapshot-every']);

// Started at launch, before anything the workload allocates.
pprof.heap.start(intervalBytes, stackDepth);

let stopping = false;
let received = 0;

class User {
  constructor(cid, name) {
    this.uid = 0;
    this.name = name;
    this.nick = '';
    this.forbidden = 0;
    this.cid = cid;
  }
}

// Go's `make(chan *User, 100)`: a bounded queue the collector drains.
class Channel {
  constructor(capacity) {
    this.capacity = capacity;
    this.items = [];
    this.takers = [];
    this.senders = [];
  }
  async send(v) {
    while (this.items.length >= this.capacity) await new Promise((r) => this.senders.push(r));
    const taker = this.takers.shift();
    if (taker) taker(v);
    else this.items.push(v);
  }
  async receive() {
    if (this.items.length > 0) {
      const v = this.items.shift();
      this.senders.shift()?.();
      return v;
    }
    return new Promise((r) => this.takers.push(r));
  }
}

function timeStamp(d = new Date()) {
  // Go's layout 2006_01_02_03_04_05 (03 = 12-hour clock), local time.
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}_${p(d.getMonth() + 1)}_${p(d.getDate())}_${p(d.getHours() % 12 || 12)}_${p(d.getMinutes())}_${p(d.getSeconds())}`;
}

/** The current heap profile as gzipped protobuf, after a full GC. */
async function heapProfile(gc = true) {
  if (gc && typeof globalThis.gc === 'function') globalThis.gc();
  return pprof.encode(pprof.heap.profile());
}

async function writeHeap(base) {
  const file = path.join(opts.outdir, `${base}.pb.gz`);
  fs.writeFileSync(file, await heapProfile());
  process.stderr.write(`wrote ${file}\n`);
}

async function saveHeapProfile() {
  await writeHeap(`heap_${progname}_${pid}_${timeStamp()}`);
}

function snapshotLoop(seconds) {
  let n = 0;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy || stopping) return;
    busy = true;
    n++;
    try {
      await writeHeap(`heap_${progname}_${pid}_snap${String(n).padStart(3, '0')}`);
    } finally {
      busy = false;
    }
  }, seconds * 1000);
  return timer;
}

function servePprof(addr) {
  const i = addr.lastIndexOf(':');
  const host = addr.slice(0, i) || '127.0.0.1';
  const port = Number(addr.slice(i + 1));
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    try {
      if (url.pathname === '/debug/pprof/heap') {
        if (url.searchParams.get('debug') && url.searchParams.get('debug') !== '0') {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end('debug=1 (legacy text) is Go-only; this endpoint serves protobuf\n');
          return;
        }
        const body = await heapProfile(url.searchParams.get('gc') === '1');
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-disposition': 'attachment; filename="heap"',
        });
        res.end(body);
      } else if (url.pathname === '/debug/pprof/' || url.pathname === '/debug/pprof') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('/debug/pprof/heap\n');
      } else {
        res.writeHead(404).end();
      }
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  server.on('error', (e) => {
    process.stderr.write(`pprof server on ${addr}: ${e.message}\n`);
    process.exit(3);
  });
  server.listen(port, host);
  server.unref();
  return server;
}

async function connect(dsn) {
  // mysql2 pre-allocates its prepared-statement LRU: four arrays of
  // maxPreparedStatements slots per connection (default 16000: ~0.5 MB each,
  // 50 MB for 100 connections), which would bury an 8-second leak. The
  // workload prepares one statement, so keep the cache small (--max-prepared).
  const pool = mysql.createPool({
    uri: dsn,
    connectionLimit: 100,
    charset: 'utf8_general_ci',
    maxPreparedStatements: Number(opts['max-prepared']),
  });
  try {
    const conn = await pool.getConnection();
    await conn.ping();
    conn.release();
  } catch (e) {
    process.stderr.write(`connect: ${e.message}\n`);
    await pool.end().catch(() => {});
    return null;
  }
  return pool;
}

async function queryLoop(pool, name, id, dataChan) {
  while (!stopping) {
    await sleep(1);
    const user = new User(id, name);
    try {
      const [rows] = await pool.execute('SELECT nickname, uid, forbidden FROM users WHERE login_name = ?', [name]);
      const row = rows[0];
      if (!row) continue;
      user.nick = row.nickname;
      user.uid = row.uid;
      user.forbidden = row.forbidden;
    } catch {
      if (stopping) return;
      continue;
    }
    await dataChan.send(user);
  }
}

async function collector(dataChan, allUsers) {
  const out = opts.quiet ? null : process.stdout;
  for (;;) {
    const user = await dataChan.receive();
    out?.write(`routine[${user.cid}] get user {uid:${user.uid} name:${user.name} nick:${user.nick} forbidden:${user.forbidden} cid:${user.cid}}\n`);
    received++;
    if (opts.fixed) continue; // fixed variant: the user is dropped, nothing grows
    allUsers.push(user);
  }
}

function waitForSignal() {
  return new Promise((resolve) => {
    const on = (s) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

async function main() {
  const pool = await connect(opts.dsn);
  if (!pool) process.exit(2);
  if (opts.pprof) servePprof(opts.pprof);
  const userChan = new Channel(100);
  for (let i = 0; i < 100; i++) queryLoop(pool, 'Alex', i + 1, userChan);
  const allUsers = new Array(1 << 12).fill(null); // the seed's make([]*User, 1<<12)
  collector(userChan, allUsers);
  const timer = snapshotEvery > 0 ? snapshotLoop(snapshotEvery) : null;
  process.stderr.write(
    `${progname} pid ${pid}: intervalBytes=${intervalBytes} stackDepth=${stackDepth} fixed=${opts.fixed} pprof="${opts.pprof}" snapshot-every=${snapshotEvery}s gc=${typeof globalThis.gc === 'function'}\n`,
  );
  const s = await waitForSignal();
  stopping = true;
  if (timer) clearInterval(timer);
  process.stdout.write(`signal got: ${s}, all users: ${allUsers.length}\n`);
  process.stderr.write(`signal got: ${s}, users received: ${received}, all users: ${allUsers.length}\n`);
  await saveHeapProfile();
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});

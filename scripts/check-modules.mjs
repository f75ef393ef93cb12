#!/usr/bin/env node
/**
 * The api's module rules, checked over its import statements (run by `npm test`, and alone with
 * `node scripts/check-modules.mjs`; `--graph` prints the domain graph):
 * - plumbing (auth/, common/, graphql/, config/, database/, queue/, health/) imports no domain under modules/;
 * - no content domain imports the moderation workflow (modules/moderation/); they call
 *   modules/screening/ while writing, and moderation sits above them;
 * - screening imports no domain but accounts (it sits below the content domains);
 * - the domains' imports form no cycle (no two domains import each other, directly or round about).
 * Tests (*.spec.ts, *.int-spec.ts) may reach anywhere; the composition roots (app.module.ts,
 * worker.module.ts, database/entities.ts, queue/all-jobs.ts, cli/) list every domain by design.
 * `--root <dir>` checks another source tree laid out the same way (the rules' own test does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const rootArg = process.argv.indexOf('--root');
const root =
  rootArg > 0 ? resolve(process.argv[rootArg + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), '..', 'api', 'src');
const PLUMBING = ['auth', 'common', 'graphql', 'config', 'database', 'queue', 'health'];
const CONTENT = ['discussions', 'events', 'resources', 'milestones', 'recovery', 'conversations', 'mentors'];
const ROOTS = [/^app\.module\.ts$/, /^worker\.module\.ts$/, /^database\/entities\.ts$/, /^queue\/all-jobs\.ts$/, /^cli\//, /^main\.ts$/, /^worker\.ts$/];
const isTest = (file) => /\.(int-)?spec\.ts$/.test(file);

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** The place of a file in the layout: a domain under modules/, or a top-level folder. */
function placeOf(file) {
  const parts = relative(root, file).split(sep);
  if (parts[0] === 'modules' && parts.length > 2) return { kind: 'domain', name: parts[1] };
  return { kind: 'top', name: parts.length > 1 ? parts[0] : parts[0].replace(/\.ts$/, '') };
}

const importPattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
const problems = [];
const graph = new Map();

for (const file of sources(root)) {
  const rel = relative(root, file).split(sep).join('/');
  if (isTest(rel) || ROOTS.some((r) => r.test(rel))) continue;
  const from = placeOf(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(importPattern)) {
    const spec = match[1] ?? match[2];
    const target = resolve(dirname(file), spec);
    if (!target.startsWith(root)) continue;
    const to = placeOf(target);
    if (to.kind !== 'domain') continue;
    const where = `${rel} imports ${spec}`;
    if (from.kind === 'top' && PLUMBING.includes(from.name)) {
      problems.push(`plumbing imports a domain: ${where}`);
    }
    if (from.kind !== 'domain' || from.name === to.name) continue;
    if (CONTENT.includes(from.name) && to.name === 'moderation') {
      problems.push(`a content domain imports the moderation workflow (use modules/screening): ${where}`);
    }
    if (from.name === 'screening' && to.name !== 'accounts') {
      problems.push(`screening sits below the content domains and imports ${to.name}: ${where}`);
    }
    if (!graph.has(from.name)) graph.set(from.name, new Map());
    const edges = graph.get(from.name);
    if (!edges.has(to.name)) edges.set(to.name, where);
  }
}

// Cycles between domains: a depth-first walk reporting each back edge's loop once.
const state = new Map();
const stack = [];
const seen = new Set();
function visit(node) {
  state.set(node, 'open');
  stack.push(node);
  for (const [next, where] of graph.get(node) ?? []) {
    if (state.get(next) === 'open') {
      const loop = [...stack.slice(stack.indexOf(next)), next];
      const key = [...loop].slice(0, -1).sort().join(',');
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(`domains import each other: ${loop.join(' -> ')} (for one: ${where})`);
      }
    } else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(node, 'done');
}
for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);

if (process.argv.includes('--graph')) {
  for (const [from, edges] of [...graph].sort()) console.log(`${from} -> ${[...edges.keys()].sort().join(', ')}`);
}
if (problems.length > 0) {
  console.error(`Module rules broken (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`Module rules hold: ${graph.size} domains, ${[...graph.values()].reduce((n, e) => n + e.size, 0)} dependencies, no cycle.`);

// A local lint rule: no cycle of relative imports inside a package, type-only imports included.
// (import-x/no-cycle, also on, skips `import type`: a type cycle still ties modules into one knot
// that cannot be read, tested or moved apart, so it is refused here too.)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const SPEC = /(?:^|[\n;])\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const edgesCache = new Map();

function resolveSpec(from, spec) {
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(c|m)?js$/, '');
  for (const c of [`${stem}.ts`, `${stem}.tsx`, `${stem}.cts`, `${stem}.mts`, `${base}/index.ts`, base]) {
    if (/\.(c|m)?tsx?$/.test(c) && existsSync(c)) return c;
  }
  return null;
}

function edgesOf(file) {
  let e = edgesCache.get(file);
  if (e) return e;
  e = [];
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // unreadable: no edges
  }
  for (const m of text.matchAll(SPEC)) {
    const target = resolveSpec(file, m[1]);
    if (target) e.push({ spec: m[1], target });
  }
  edgesCache.set(file, e);
  return e;
}

/** A path of files from `start` back to `goal`, or null. */
function pathBack(start, goal) {
  const seen = new Set([start]);
  const queue = [[start]];
  while (queue.length > 0) {
    const path = queue.shift();
    for (const { target } of edgesOf(path[path.length - 1])) {
      if (target === goal) return path;
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push([...path, target]);
    }
  }
  return null;
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'no cycle of relative imports, type-only imports included' },
    messages: { cycle: 'Import cycle: {{path}}' },
    schema: [],
  },
  create(context) {
    const file = context.physicalFilename;
    // The file as it is being linted, not as it was on disk.
    edgesCache.delete(file);
    function check(node) {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolveSpec(file, spec);
      if (!target || target === file) return;
      const back = pathBack(target, file);
      if (back) {
        const cwd = context.cwd ?? process.cwd();
        const names = [file, ...back, file].map((f) => f.replace(`${cwd}/`, ''));
        context.report({ node, messageId: 'cycle', data: { path: names.join(' → ') } });
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };

// The engine (everything in src/ but src/cli/, src/io/ and the entry files src/*.ts) runs in the
// command, the library and a browser page: it may import nothing from Node, nor the folders that
// do Node's I/O, nor use Node's globals. What it needs from the machine comes through
// src/util/platform.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, dirname } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const SRC = join(ROOT, 'src');
/** Node's globals (and the timers: the engine gets data and returns data, nothing runs later). */
const NODE_GLOBALS = new Set(['Buffer', 'process', 'require', '__dirname', '__filename', 'global', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'clearImmediate']);
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** src/errors.ts is the engine's too: its typed errors carry the exit codes (it imports nothing). */
const isEngine = (rel: string) => (rel.includes('/') && !/^(cli|io)\//.test(rel)) || rel === 'errors.ts';
const isEngineModule = (rel: string) => isEngine(rel.replace(/\.js$/, '.ts'));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** What in `file` reaches Node: imports (static, dynamic, require) of Node's modules or of src/cli, src/io and the entries, and Node's globals. */
export function nodeUses(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (n: ts.Node) => `${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const checkSpecifier = (spec: string, n: ts.Node) => {
    if (BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]!)) found.push(`${at(n)} imports ${spec}`);
    else if (spec.startsWith('.')) {
      const target = relative(SRC, resolve(dirname(file), spec));
      if (!isEngineModule(target.replace(/\\/g, '/'))) found.push(`${at(n)} imports ${spec} (src/${target}, not engine)`);
    }
  };
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) checkSpecifier(n.moduleSpecifier.text, n);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression)) {
      checkSpecifier(n.moduleReference.expression.text, n);
    } else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) {
      const a = n.arguments[0];
      if (a && ts.isStringLiteralLike(a)) checkSpecifier(a.text, n);
      else found.push(`${at(n)} imports a computed module name`);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      checkSpecifier(n.argument.literal.text, n);
    } else if (ts.isMetaProperty(n) && n.keywordToken === ts.SyntaxKind.ImportKeyword) {
      found.push(`${at(n)} uses import.meta (a module's own location is the host's business)`);
    } else if (ts.isIdentifier(n) && NODE_GLOBALS.has(n.text)) {
      const p = n.parent;
      const isName =
        (ts.isPropertyAccessExpression(p) && p.name === n) ||
        ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isMethodSignature(p)) && p.name === n) ||
        (ts.isQualifiedName(p) && p.right === n) ||
        (n.text === 'require' && ts.isCallExpression(p) && p.expression === n);
      if (!isName) found.push(`${at(n)} uses Node's global ${n.text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('the engine imports nothing from Node', () => {
  const engine = files(SRC).filter((f) => isEngine(relative(SRC, f).replace(/\\/g, '/')));

  it('covers the engine folders', () => {
    const folders = new Set(engine.map((f) => relative(SRC, f).split(/[\\/]/)[0]));
    expect([...folders].sort()).toEqual(['budget', 'compare', 'config', 'errors.ts', 'graph', 'ingest', 'measurement', 'model', 'page', 'profile', 'report', 'util']);
  });

  it('no engine file imports a Node module, src/cli, src/io or an entry file, or uses a Node global', () => {
    expect(engine.flatMap((f) => nodeUses(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('the scan sees each way of reaching Node', () => {
    const f = join(SRC, 'report', 'probe.ts');
    const uses = (code: string) => nodeUses(f, code).map((u) => u.replace(/^[^ ]+ /, ''));
    expect(uses(`import { readFileSync } from 'node:fs';`)).toEqual(['imports node:fs']);
    expect(uses(`import type { Worker } from 'worker_threads';`)).toEqual(['imports worker_threads']);
    expect(uses(`export * from 'node:zlib';`)).toEqual(['imports node:zlib']);
    expect(uses(`const z = await import('node:zlib');`)).toEqual(['imports node:zlib']);
    expect(uses(`const z = require('zlib');`)).toEqual(['imports zlib']);
    expect(uses(`import { run } from '../cli/run.js';`)).toEqual(['imports ../cli/run.js (src/cli/run.js, not engine)']);
    expect(uses(`const p = import('../io/png.js');`)).toEqual(['imports ../io/png.js (src/io/png.js, not engine)']);
    expect(uses(`import { x } from '../api.js';`)).toEqual(['imports ../api.js (src/api.js, not engine)']);
    expect(uses(`const b = Buffer.from('x');`)).toEqual(["uses Node's global Buffer"]);
    expect(uses(`const d = process.cwd();`)).toEqual(["uses Node's global process"]);
    expect(uses(`setTimeout(() => {}, 1);`)).toEqual(["uses Node's global setTimeout"]);
    expect(uses(`const u = new URL('.', import.meta.url);`)).toEqual(['uses import.meta (a module\'s own location is the host\'s business)']);
    expect(uses(`import { x } from './context.js'; const o = { process: 1 }; o.process; import('pprof-format');`)).toEqual([]);
  });
});

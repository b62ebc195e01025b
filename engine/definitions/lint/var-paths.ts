// Rules that read a path the definition does not have evaluate to null and
// quietly pass or fail; this check names every such path.
import type { Finding, JsonSchema } from '../types';
import { finding, type Check } from './finding';
import { walkLogic } from './logic-walker';
import { ruleSites } from './rule-sites';
import { resolvePath } from './schema-paths';

const RULE = 'unknown-var';

function rootsOf(scope: JsonSchema): string[] {
  const props = scope.properties;
  return typeof props === 'object' && props !== null ? Object.keys(props) : [];
}

function checkPath(path: string, at: string, scope: JsonSchema): Finding | undefined {
  if (path === '') return undefined;
  const segments = path.split('.');
  const r = resolvePath(scope, segments);
  if (r.ok) return undefined;
  const [root, name] = segments;
  if (r.missingAt === 0) {
    const roots = rootsOf(scope).join(', ');
    return finding(
      RULE,
      'error',
      at,
      `规则引用了 “${path}”，但 “${root}” 不可用；可用的有：${roots}`,
      `the rule reads "${path}" but "${root}" is not available here; available: ${roots}`,
    );
  }
  if (root === 'related' && r.missingAt === 1) {
    return finding(
      RULE,
      'error',
      at,
      `规则引用了 “${path}”，但 related 中没有声明 “${name}”；请在 related 中添加它`,
      `the rule reads "${path}" but "${name}" is not declared in related; add it there`,
    );
  }
  const missing = segments.slice(0, r.missingAt + 1).join('.');
  const zh = missing === path ? `该字段不存在` : `其中 “${missing}” 不存在`;
  const en = missing === path ? 'which does not exist' : `but "${missing}" does not exist`;
  return finding(
    RULE,
    'error',
    at,
    `规则引用了 “${path}”，${zh}；请检查拼写或先添加该字段`,
    `the rule reads "${path}", ${en}; check the spelling or add the field first`,
  );
}

export const checkVarPaths: Check = (ctx) => {
  const out: Finding[] = [];
  for (const site of ruleSites(ctx)) {
    walkLogic(site.logic, site.at, site.scope, {
      onVar: (use) => {
        const f = checkPath(use.path, use.pointer, use.scope);
        if (f) out.push(f);
      },
    });
  }
  return out;
};

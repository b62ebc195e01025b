// Declared lookups (engine/documents/lookups.ts, lookup-counters.ts): a bounded
// lookup that is full, and a counter changed by too many requests at once.
import type { Entry } from './entry';

export const lookups = {
  'RULE_FAILED.lookup_capacity': {
    'zh-CN': '{lookup}「{key}」已满：容量 {capacity}，已有 {current}',
    en: '{lookup} {key} is full: capacity {capacity}, {current} taken',
  },
  'VERSION_CONFLICT.lookup_contended': {
    'zh-CN': '该名额正被大量并发修改，请稍后重试',
    en: 'This figure is changing too fast; retry shortly',
  },
} as const satisfies Record<string, Entry>;

// The audit log's details as readable lines (designer/src/screens/admin/audit-details.tsx):
// changes as "label: before → after" in the reader's language, names for roles and
// document types, what the row already says left out, unknown keys kept.
import { describe, expect, it } from 'vitest';
import { detailLines, type DetailNames } from '../../designer/src/screens/admin/audit-details';

const names = (locale: 'zh-CN' | 'en'): DetailNames => ({
  locale,
  role: (key) => ({ sales_manager: locale === 'en' ? 'Sales manager' : '销售经理' })[key] ?? key,
  definition: (key) => ({ sales_order: locale === 'en' ? 'Sales order' : '销售订单' })[key] ?? key,
});

describe('audit details', () => {
  it('reads a role change as one before → after line, without the user id', () => {
    const lines = detailLines(
      'user.roles_changed',
      { userId: 'u1', from: ['sales_clerk'], to: ['sales_clerk', 'sales_manager'] },
      names('zh-CN'),
    );
    expect(lines).toEqual([{ label: '角色', before: 'sales_clerk', value: 'sales_clerk、销售经理' }]);
  });

  it('reads an account edit key by key, in English, leaving unchanged keys out', () => {
    const lines = detailLines(
      'finance.account.save',
      {
        code: '1001',
        before: { name: { 'zh-CN': '库存现金', en: 'Cash' }, role: 'cash' },
        after: { name: { 'zh-CN': '现金', en: 'Cash on hand' }, role: 'cash' },
      },
      names('en'),
    );
    expect(lines).toEqual([
      { label: 'Name', before: 'Cash', value: 'Cash on hand' },
      { label: 'Account code', value: '1001' },
    ]);
  });

  it('shows a republished definition as its version change, and a first one by its source only', () => {
    const details = { key: 'sales_order', version: 5, previousVersion: 4, source: 'api', warnings: 0 };
    expect(detailLines('definition.published', details, names('zh-CN'))).toEqual([
      { label: '版本', before: '4', value: '5' },
      { label: '来源', value: '表单设计器' },
    ]);
    const first = { ...details, version: 1, previousVersion: null, source: 'builtin', warnings: 2 };
    expect(detailLines('definition.published', first, names('en'))).toEqual([
      { label: 'Source', value: 'built in' },
      { label: 'Warnings', value: '2' },
    ]);
  });

  it('keeps a key it has no words for, as recorded', () => {
    expect(detailLines('custom.thing', { colour: 'red' }, names('en'))).toEqual([{ label: 'colour', value: 'red' }]);
  });
});

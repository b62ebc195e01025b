import { describe, expect, it } from 'vitest';
import { guardRefusal, renderGuardMessage } from '../../engine/documents/guard-message';
import type { TransitionDef } from '../../engine/definitions/types';

const context = { data: { total: 12345.5, note: 'rush' }, related: { customer: { creditLimit: 10000, name: '明亮' } } };

describe('guard messages', () => {
  it('fills {{path}} placeholders from the rule context, amounts with two places and separators', () => {
    const out = renderGuardMessage(
      '{{related.customer.name}}: {{ data.total }} > {{related.customer.creditLimit}} ({{data.note}})',
      context,
    );
    expect(out.text).toBe('明亮: 12,345.50 > 10,000.00 (rush)');
    expect(out.values).toEqual({
      'related.customer.name': '明亮',
      'data.total': 12345.5,
      'related.customer.creditLimit': 10000,
      'data.note': 'rush',
    });
  });

  it('shows a missing value as a dash, and never reads inherited members', () => {
    expect(renderGuardMessage('{{related.supplier.rating}} {{data.constructor}}', context).text).toBe('— —');
  });

  it('leaves a message without placeholders as it is, with no values in the problem', () => {
    const transition = {
      key: 'submit',
      guard: { logic: false, message: { 'zh-CN': '不行', en: 'No' } },
    } as unknown as TransitionDef;
    const err = guardRefusal(transition, context, 'en');
    expect(err).toMatchObject({
      code: 'RULE_FAILED',
      message: 'No',
      extra: { transition: 'submit', rule: 'guard', i18n: { 'zh-CN': '不行', en: 'No' } },
    });
    expect(err.extra).not.toHaveProperty('values');
  });
});

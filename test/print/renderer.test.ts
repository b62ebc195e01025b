import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import type { TemplateDef } from '../../engine/definitions/types';
import { createPrintRenderer, type RenderContext } from '../../engine/print/renderer';

const DELIVERY_NOTE = `<h1>{{label labels.title}} {{doc.number}}</h1>
<p>{{related.customer.name}} · {{date data.orderDate}} · {{data.remark}}</p>
<table>{{#each data.lines}}
<tr><td>{{inc @index}}</td><td>{{product}}</td><td>{{qty qty}}</td><td>{{money price}}</td><td>{{money amount}}</td></tr>{{/each}}
</table>
<p>{{money data.total symbol="¥"}} {{rmbUpper data.total}}</p>`;

function context(overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    doc: { number: 'SO-20240501-0007', state: 'approved', createdAt: '2024-05-01T16:30:00.000Z' },
    data: {
      orderDate: '2024-05-01',
      remark: '',
      lines: [
        { product: '镜架 A', qty: 2.5, price: 1999.9, amount: 4999.75 },
        { product: '镜片 B', qty: 3, price: 2448.64, amount: 7345.92 },
      ],
      total: 12345.67,
    },
    related: { customer: { name: '明亮眼镜店' } },
    locale: 'zh-CN',
    labels: { title: { 'zh-CN': '发货单', en: 'Delivery note' } },
    ...overrides,
  };
}

const renderer = createPrintRenderer();

describe('print renderer', () => {
  it('renders a delivery note with the print helpers', () => {
    const html = renderer.compile(DELIVERY_NOTE)(context());
    expect(html).toContain('<h1>发货单 SO-20240501-0007</h1>');
    expect(html).toContain('明亮眼镜店 · 2024-05-01');
    expect(html).toContain('<tr><td>1</td><td>镜架 A</td><td>2.5</td><td>1,999.90</td><td>4,999.75</td></tr>');
    expect(html).toContain('<tr><td>2</td><td>镜片 B</td><td>3</td><td>2,448.64</td><td>7,345.92</td></tr>');
    expect(html).toContain('¥12,345.67 壹万贰仟叁佰肆拾伍元陆角柒分');
  });

  it('escapes a <script> in a customer name', () => {
    const html = renderer.compile(DELIVERY_NOTE)(
      context({ related: { customer: { name: '<script>alert("x")</script>' } } }),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('escapes what helpers return', () => {
    const html = renderer.compile('{{label labels.x}}|{{date data.when}}')(
      context({ labels: { x: { 'zh-CN': '<b>', en: '<b>' } }, data: { when: '<img src=x>' } }),
    );
    expect(html).toBe('&lt;b&gt;|&lt;img src&#x3D;x&gt;');
  });

  it('refuses unescaped output', () => {
    expect(() => renderer.compile('{{{data.remark}}}', { path: '/templates/0/body' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ path: '/templates/0/body' })],
      }),
    );
    expect(() => renderer.compile('{{& data.remark}}')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('prints the label in the render locale', () => {
    const fn = renderer.compile('{{label labels.title}}');
    expect(fn(context({ locale: 'en' }))).toBe('Delivery note');
    expect(fn(context({ locale: 'en', labels: { title: { 'zh-CN': '发货单' } } }))).toBe('发货单');
    expect(fn(context({ labels: { title: 'plain' } }))).toBe('plain');
  });

  it('formats money with a symbol given either way, and blanks as empty', () => {
    const fn = renderer.compile('{{money data.a "¥"}}|{{money data.b symbol="$"}}|{{money data.c}}|{{money data.d}}');
    expect(fn(context({ data: { a: -1234.5, b: '0.005', c: null, d: 'n/a' } }))).toBe('-¥1,234.50|$0.01||');
  });

  it('prints quantities with up to 3 places', () => {
    const fn = renderer.compile('{{qty data.a}} {{qty data.b}} {{qty data.c}}');
    expect(fn(context({ data: { a: 2, b: 1.2345, c: '0.500' } }))).toBe('2 1.235 0.5');
  });

  it('prints dates and date-times in Asia/Shanghai by default', () => {
    const fn = renderer.compile(
      '{{date doc.createdAt}}|{{date doc.createdAt "datetime"}}|{{datetime doc.createdAt}}|{{date data.d format="datetime"}}',
    );
    expect(fn(context({ data: { d: '2024-05-01' } }))).toBe('2024-05-02|2024-05-02 00:30|2024-05-02 00:30|2024-05-01');
  });

  it('prints date-times in the configured zone', () => {
    const utc = createPrintRenderer({ timeZone: 'UTC' });
    expect(utc.compile('{{datetime doc.createdAt}}')(context())).toBe('2024-05-01 16:30');
  });

  it('numbers rows with inc and add', () => {
    const fn = renderer.compile('{{#each data.rows}}{{inc @index}}{{add @index 10}};{{/each}}');
    expect(fn(context({ data: { rows: ['a', 'b'] } }))).toBe('110;211;');
  });

  it('keeps its helpers out of the global Handlebars', () => {
    expect(Handlebars.helpers.money).toBeUndefined();
  });
});

describe('compileTemplates', () => {
  const templates: TemplateDef[] = [
    { key: 'delivery_note', label: { 'zh-CN': '发货单', en: 'Delivery note' }, kind: 'print', body: DELIVERY_NOTE },
    {
      key: 'approved',
      label: { 'zh-CN': '审核通过', en: 'Approved' },
      kind: 'message',
      subject: '{{doc.number}} 已审核',
      body: '订单 {{doc.number}} 金额 {{money data.total symbol="¥"}}',
    },
  ];

  it('compiles every template of a version by key', () => {
    const compiled = renderer.compileTemplates({ templates });
    expect([...compiled.keys()]).toEqual(['delivery_note', 'approved']);
    const message = compiled.get('approved');
    expect(message?.kind).toBe('message');
    expect(message?.subject?.(context())).toBe('SO-20240501-0007 已审核');
    expect(message?.(context())).toBe('订单 SO-20240501-0007 金额 ¥12,345.67');
  });

  it('fails with 422 naming the template on a syntax error', () => {
    const broken = [...templates, { ...templates[0], key: 'invoice', body: '{{#each data.lines}}{{qty}}{{/if}}' }];
    let caught: unknown;
    try {
      renderer.compileTemplates({ templates: broken });
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'VALIDATION_FAILED', status: 422 });
    const { errors, message } = caught as { errors: Array<{ path: string; message: string }>; message: string };
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('/templates/2/body');
    expect(errors[0].message).toMatch(/each doesn't match if/);
    expect(message).toContain('"invoice"');
  });

  it('fails on an unknown helper when publishing, not when printing', () => {
    const typo = [{ ...templates[0], body: '{{mony data.total}}' }];
    expect(() => renderer.compileTemplates({ templates: typo })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ path: '/templates/0/body' })],
      }),
    );
  });

  it('refuses partials and the log helper', () => {
    expect(() => renderer.compile('{{> header}}')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => renderer.compile('{{log data}}')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('names the subject line in its error', () => {
    const bad = [{ ...templates[1], subject: '{{#if}}' }];
    expect(() => renderer.compileTemplates({ templates: bad })).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: '/templates/0/subject' })] }),
    );
  });
});

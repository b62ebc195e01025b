import { expect, it } from 'vitest';
import { describeShop, prescription, RX } from './eyewear-harness';

describeShop('prescription (验光单) validation', (shop) => {
  const refused = async (change: Record<string, unknown>) => {
    const { optometrist, customer } = shop();
    const res = await optometrist.req(
      'POST',
      '/api/documents/prescription',
      { data: { ...RX, customer: customer.id, ...change } },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode, res.body).toBe(422);
    return (res.json().errors as Array<{ path: string; message: string }>).map((e) => e.path);
  };

  it('stores a valid prescription, valid for two years by default', async () => {
    const rx = await prescription(shop().optometrist, shop().customer.id);
    expect(rx.data).toMatchObject({
      od: { sphere: -3.25, cylinder: -0.75, axis: 180 },
      pd: 63,
      validUntil: '2028-11-19',
    });
  });

  it('refuses a cylinder without an axis, naming /od/axis', async () => {
    expect(await refused({ od: { sphere: -1, cylinder: -1.5 } })).toContain('/od/axis');
  });

  it('refuses an axis when the cylinder is 0, naming /os/axis', async () => {
    expect(await refused({ os: { sphere: -1, cylinder: 0, axis: 90 } })).toContain('/os/axis');
  });

  it('refuses an axis outside 0…180 or not whole', async () => {
    expect(await refused({ od: { sphere: -1, cylinder: -1, axis: 181 } })).toContain('/od/axis');
    expect(await refused({ od: { sphere: -1, cylinder: -1, axis: 90.5 } })).toContain('/od/axis');
  });

  it('refuses out-of-range and off-step sphere and cylinder values', async () => {
    expect(await refused({ od: { sphere: -20.25, cylinder: 0 } })).toContain('/od/sphere');
    expect(await refused({ os: { sphere: 1.1, cylinder: 0 } })).toContain('/os/sphere');
    expect(await refused({ os: { sphere: 1, cylinder: -8.25, axis: 10 } })).toContain('/os/cylinder');
    expect(await refused({ od: { sphere: 1, cylinder: -0.3, axis: 10 } })).toContain('/od/cylinder');
  });

  it('stores cylinders in minus form only: a plus cylinder is refused', async () => {
    expect(await refused({ od: { sphere: -1, cylinder: 0.75, axis: 90 } })).toContain('/od/cylinder');
  });

  it('refuses a PD outside 50–80 mm', async () => {
    expect(await refused({ pd: 49 })).toContain('/pd');
    expect(await refused({ pd: 80.5 })).toContain('/pd');
  });

  it('needs an addition on both eyes for a progressive prescription, within +0.75…+3.50', async () => {
    expect(await refused({ visionType: 'progressive' })).toEqual(expect.arrayContaining(['/od/add', '/os/add']));
    expect(
      await refused({ visionType: 'progressive', od: { ...RX.od, add: 3.75 }, os: { ...RX.os, add: 2 } }),
    ).toContain('/od/add');
    const ok = await prescription(shop().optometrist, shop().customer.id, {
      visionType: 'progressive',
      od: { ...RX.od, add: 2 },
      os: { ...RX.os, add: 2 },
    });
    expect(ok.data.visionType).toBe('progressive');
  });

  it('takes a prism with its base, and refuses a prism without one', async () => {
    expect(await refused({ od: { ...RX.od, prism: 1 } })).toContain('/od/base');
    const ok = await prescription(shop().optometrist, shop().customer.id, { od: { ...RX.od, prism: 1, base: 'in' } });
    expect(ok.data.od).toMatchObject({ prism: 1, base: 'in' });
  });
});

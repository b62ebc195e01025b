// The eyewear-retail plugin's handlers: effects, alert kinds and report kinds,
// contributed to the engine through its plugin API.
import { alertKinds, prescriptionValidity } from './alerts';
import { requireBatch } from './batches';
import { lensRange } from './lens-range';
import { pointsEffects } from './points';
import { reportKinds } from './reports';
import { slotEffects } from './slots';
import { storedValueCharge } from './stored-value';
import type { PluginModule } from './types';

const eyewear: PluginModule = (api) => ({
  effects: {
    'eyewear.lens_range': lensRange(api),
    'eyewear.prescription_validity': prescriptionValidity(api),
    ...pointsEffects(api),
    'eyewear.stored_value.charge': storedValueCharge(api),
    'eyewear.require_batch': requireBatch(api),
    ...slotEffects(api),
  },
  alerts: alertKinds(api),
  reports: reportKinds(api),
});

export default eyewear;

// The core as the extension's sources import it (`./core/sp_outreach.js`, copied there by
// scripts/build-extension.mjs): the checked-in contract, tests/js/sp_outreach.d.ts.
export * from '../../sp_outreach.js';
export { default } from '../../sp_outreach.js';

// Inputs shared by the benchmarks: a typical message, its schema, and a typical messaging
// actions response with an embedded schema for every action (the shape of the tutorial seed 001).
export const ORDER = '902-3159896-1390916';
export const US = 'ATVPDKIKX0DER';
export const TEXT = 'Hello Anna, thank you for your order. Your parcel left our warehouse this morning and the carrier expects to deliver it on Tuesday between 9:00 and 12:00. If nobody is at home, the driver will leave it with a neighbour or at the nearest pickup point. Reply to this message if you need a different delivery day.';
export const SCHEMA = {
  type: 'object', $schema: 'http://json-schema.org/draft-04/schema#',
  properties: { text: { type: 'string', minLength: 1, maxLength: 2000 } },
  additionalProperties: false, required: ['text'],
};
const KINDS = ['confirmCustomizationDetails', 'confirmDeliveryDetails', 'legalDisclosure', 'confirmOrderDetails', 'confirmServiceDetails', 'warranty', 'digitalAccessKey', 'unexpectedProblem', 'invoice', 'attributes'];
const href = (k) => `/messaging/v1/orders/${ORDER}/messages/${k}?marketplaceIds=${US}`;
export const ACTIONS = JSON.stringify({
  _links: { actions: KINDS.map((k) => ({ href: href(k), name: k })), self: { href: `/messaging/v1/orders/${ORDER}?marketplaceIds=${US}` } },
  _embedded: {
    actions: KINDS.map((k) => ({
      _links: { self: { href: href(k), name: k }, schema: { href: `${href(k)}/schema`, name: k } },
      _embedded: { schema: { ...SCHEMA, name: k, title: k } },
      name: k, title: k,
    })),
  },
});

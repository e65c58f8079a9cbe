// The shapes of Amazon's ids, as the background checks them in every message.
export const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;
export const MARKETPLACE_ID = /^[A-Z0-9]{9,14}$/;

/** Codes of departments, categories and price items (contracts `Code`): checked before sending. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

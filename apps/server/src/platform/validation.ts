import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats ships CommonJS; its default export sits one level down under ESM.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    removeAdditional: false,
    allErrors: true,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    strict: false,
    // multipleOf: 0.01 (areas to the cent of a m²) divides floats: without a tolerance 0.07 and
    // 1.13 fail. Six digits keeps 89.123 refused.
    multipleOfPrecision: 6,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * Query strings, path params and headers arrive as text, so they are coerced to the declared
 * types; JSON bodies are not: `"username": 1` is a wrong type and gets a 400, never a silent "1".
 */
export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const textual = makeAjv(true);
  const json = makeAjv(false);
  return ({ schema, httpPart }) =>
    (httpPart === 'body' ? json : textual).compile(schema as object) as ValidateFunction;
}

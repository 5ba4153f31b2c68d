/**
 * Input validation against the AWS models, with AWS's own messages. The pieces live in
 * `./validation/`; this is the one import the rest of the gateway uses.
 */
export { validateInput, validationMessage } from './validation/validate.js';
export { validationErrorCode } from './validation/codes.js';
export { validationFailure } from './validation/failure.js';
export {
  compilePattern,
  translateJavaPattern,
  type TranslatedPattern,
} from './validation/pattern.js';

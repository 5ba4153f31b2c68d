/** Secrets Manager's errors: the model's (generated), and ValidationException it answers unmodelled. */
import { ServiceError } from '../error.js';

export * from './generated/errors.js';

export class ValidationException extends ServiceError {
  constructor(message: string) {
    super({ code: 'ValidationException', message });
  }
}

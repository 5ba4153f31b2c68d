/**
 * SSM's errors: the model's (generated) and the two it answers without modelling them for
 * Parameter Store operations, ValidationException and AccessDeniedException.
 */
import { ServiceError } from '../error.js';

export * from './generated/errors.js';

export class ValidationException extends ServiceError {
  constructor(message: string) {
    super({ code: 'ValidationException', message });
  }
}

export class AccessDeniedException extends ServiceError {
  constructor(message: string) {
    super({ code: 'AccessDeniedException', message });
  }
}

/**
 * StartReplay and CancelReplay errors. The wordings for an unknown archive, an existing
 * replay, an end time not after the start, an unknown bus and a cross-bus replay are
 * recorded against AWS (LocalStack's snapshots); the others follow a peer
 * implementation's record and are not confirmed here.
 */
import { validationError } from '../errors.js';
import {
  IllegalStatusException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '../generated/errors.js';

export function replayNotFound(name: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Replay ${name} does not exist.`);
}

export function replayExists(name: string): ResourceAlreadyExistsException {
  return new ResourceAlreadyExistsException(`Replay ${name} already exists.`);
}

export const notAnArchiveArn = () =>
  validationError('Parameter EventSourceArn is not valid. Reason: Must contain an archive ARN.');

export const archiveMissing = (name: string) =>
  validationError(`Parameter EventSourceArn is not valid. Reason: Archive ${name} does not exist.`);

export const notABusArn = () =>
  validationError('Parameter Destination.Arn is not valid. Reason: Must contain an event bus ARN.');

export const crossBus = () =>
  validationError(
    'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
  );

export const endNotAfterStart = () =>
  validationError(
    'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
  );

export const filterNotOnBus = () =>
  validationError(
    'Parameter Destination.FilterArns is not valid. Reason: Rule must be on the destination event bus.',
  );

export function notCancellable(name: string): IllegalStatusException {
  return new IllegalStatusException(`Replay ${name} is not in a valid state for this operation.`);
}

export const ARCHIVE_GONE_REASON = 'Archive resource not found.';

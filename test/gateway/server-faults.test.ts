/**
 * The server-side error each service answers a storage fault with: its model's own where
 * it declares one (so its SDK raises the typed exception and retries), else the common
 * one of its protocol.
 */
import { describe, expect, it } from 'vitest';
import { ec2Schema } from '../../src/gateway/generated/ec2.js';
import { ecsSchema } from '../../src/gateway/generated/ecs.js';
import { eventsSchema } from '../../src/gateway/generated/events.js';
import { iamSchema } from '../../src/gateway/generated/iam.js';
import { logsSchema } from '../../src/gateway/generated/logs.js';
import { schedulerSchema } from '../../src/gateway/generated/scheduler.js';
import { secretsmanagerSchema } from '../../src/gateway/generated/secretsmanager.js';
import { ssmSchema } from '../../src/gateway/generated/ssm.js';
import { stsSchema } from '../../src/gateway/generated/sts.js';
import type { ServiceSchema } from '../../src/gateway/schema/types.js';
import { storageFaultError } from '../../src/gateway/server-faults.js';

describe('storage faults on the wire', () => {
  const cases: Array<[ServiceSchema, string, number]> = [
    [ecsSchema, 'ServerException', 500],
    [logsSchema, 'ServiceUnavailableException', 500],
    [eventsSchema, 'InternalException', 500],
    [schedulerSchema, 'InternalServerException', 500],
    [iamSchema, 'ServiceFailure', 500],
    [ssmSchema, 'InternalServerError', 500],
    [secretsmanagerSchema, 'InternalServiceError', 500],
    [stsSchema, 'ServiceUnavailable', 503],
    [ec2Schema, 'ServiceUnavailable', 503],
    [{ ...ecsSchema, name: 'newjson' }, 'InternalFailure', 500],
    [{ ...stsSchema, name: 'newquery' }, 'ServiceUnavailable', 503],
  ];
  for (const [schema, code, status] of cases) {
    it(`${schema.name} (${schema.protocol}) answers ${code} ${status}, a server fault`, () => {
      const error = storageFaultError(schema, 'the data directory /d is full (x).');
      expect({ code: error.code, status: error.status, fault: error.fault }).toEqual({
        code,
        status,
        fault: 'receiver',
      });
      expect(error.message).toBe('the data directory /d is full (x).');
      // A modeled answer is an error shape the service's operations declare.
      if (code !== 'InternalFailure' && code !== 'ServiceUnavailable') {
        const declared = new Set(Object.values(schema.operations).flatMap((op) => op.errors));
        expect(declared.has(code) || declared.has(`${code}Exception`)).toBe(true);
      }
    });
  }
});

/** The Parameter Store part of SSM's operation table. */
import type { OperationTable } from '../../operation.js';
import type { SsmDeps } from '../deps.js';
import type { SsmOperations } from '../generated/types.js';
import { getParametersByPath } from './by-path.js';
import { deleteParameter, deleteParameters } from './delete.js';
import { describeParameters } from './describe.js';
import { getParameter, getParameters } from './get.js';
import { getParameterHistory } from './history.js';
import { labelParameterVersion, unlabelParameterVersion } from './labels.js';
import { putParameter } from './put.js';

export function parametersOperations(deps: SsmDeps): OperationTable<SsmOperations> {
  return {
    PutParameter: (input, ctx) => putParameter(deps, input, ctx),
    GetParameter: (input, ctx) => getParameter(deps, input, ctx),
    GetParameters: (input, ctx) => getParameters(deps, input, ctx),
    GetParametersByPath: (input, ctx) => getParametersByPath(deps, input, ctx),
    DescribeParameters: (input, ctx) => describeParameters(deps, input, ctx),
    GetParameterHistory: (input, ctx) => getParameterHistory(deps, input, ctx),
    DeleteParameter: (input, ctx) => deleteParameter(deps, input, ctx),
    DeleteParameters: (input, ctx) => deleteParameters(deps, input, ctx),
    LabelParameterVersion: (input, ctx) => labelParameterVersion(deps, input, ctx),
    UnlabelParameterVersion: (input, ctx) => unlabelParameterVersion(deps, input, ctx),
  };
}

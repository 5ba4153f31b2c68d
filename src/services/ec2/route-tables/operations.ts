import type { OperationTable } from '../../operation.js';
import type { Ec2Deps } from '../deps.js';
import type { Ec2Operations } from '../generated/types.js';
import {
  createRouteTable,
  describeRouteTables,
  deleteRouteTable,
  associateRouteTable,
  disassociateRouteTable,
} from './lifecycle.js';
import { createRoute, replaceRoute, deleteRoute } from './routes.js';

export function routeTablesOperations(deps: Ec2Deps): OperationTable<Ec2Operations> {
  return {
    CreateRouteTable: (input, ctx) => createRouteTable(deps, input, ctx),
    DescribeRouteTables: (input, ctx) => describeRouteTables(deps, input, ctx),
    DeleteRouteTable: (input, ctx) => deleteRouteTable(deps, input, ctx),
    AssociateRouteTable: (input, ctx) => associateRouteTable(deps, input, ctx),
    DisassociateRouteTable: (input, ctx) => disassociateRouteTable(deps, input, ctx),
    CreateRoute: (input, ctx) => createRoute(deps, input, ctx),
    ReplaceRoute: (input, ctx) => replaceRoute(deps, input, ctx),
    DeleteRoute: (input, ctx) => deleteRoute(deps, input, ctx),
  };
}

/**
 * What each Parameter Store operation needs permission for: a parameter by its ARN
 * (`parameter/NAME`, a version or label selector left out; `foo` and `/foo` are one
 * parameter), GetParametersByPath on the path's ARN with `ssm:Recursive`, PutParameter with
 * `ssm:Overwrite` and the tags it sets, DescribeParameters on `*`.
 */
import type { Store } from '../../store/types.js';
import {
  anyResource,
  tagMap,
  type AuthorizationTable,
  type Permission,
  type Tags,
} from '../authorization/permission.js';
import { arnOf } from '../authorization/reference.js';
import { scopeOf, type RequestContext } from '../context.js';
import type { SsmOperations } from './generated/types.js';
import { parameters } from './parameters/lookup.js';
import { parameterKey } from './parameters/names.js';

const PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:[^:]*:\d{12}:parameter\/([^:]+)/;

export function ssmAuthorization(store: Store): AuthorizationTable<SsmOperations> {
  /** A parameter's name (or ARN, with or without a selector) as its name. */
  const nameOf = (reference: string) => {
    const text = reference.trim();
    const arn = PARAMETER_ARN.exec(text)?.[1];
    if (arn !== undefined) return arn.includes('/') ? `/${arn}` : arn;
    return text.split(':')[0] ?? text;
  };
  const onParameter = (action: string, ctx: RequestContext, reference: string): Permission => {
    const name = nameOf(reference);
    return {
      action,
      resource: arnOf('ssm:parameter', scopeOf(ctx), {
        ParameterNameWithoutLeadingSlash: name.replace(/^\//, ''),
      }),
      resourceTags: async (): Promise<Tags | undefined> =>
        tagMap((await parameters(store).get(scopeOf(ctx), parameterKey(name)))?.tags),
    };
  };
  const one = (action: string) => (input: { Name: string }, ctx: RequestContext) => [
    onParameter(action, ctx, input.Name),
  ];
  const each = (action: string) => (input: { Names: string[] }, ctx: RequestContext) =>
    input.Names.map((name) => onParameter(action, ctx, name));
  /** The tagging operations name a resource by type and id; teiki has parameters only. */
  const tagged = (action: string, ctx: RequestContext, type: string, id: string): Permission =>
    type === 'Parameter' ? onParameter(action, ctx, id) : { action, resource: '*' };

  return {
    DescribeParameters: anyResource('ssm:DescribeParameters'),

    PutParameter(input, ctx) {
      const tags = tagMap(input.Tags);
      return [
        {
          ...onParameter('ssm:PutParameter', ctx, input.Name),
          context: {
            'ssm:Overwrite': String(input.Overwrite ?? false),
            'ssm:Policies': input.Policies,
          },
          ...(tags ? { requestTags: tags } : {}),
        },
      ];
    },
    GetParameter: one('ssm:GetParameter'),
    GetParameters: each('ssm:GetParameters'),
    GetParametersByPath(input, ctx) {
      return [
        {
          ...onParameter('ssm:GetParametersByPath', ctx, input.Path),
          context: { 'ssm:Recursive': String(input.Recursive ?? false) },
        },
      ];
    },
    DeleteParameter: one('ssm:DeleteParameter'),
    DeleteParameters: each('ssm:DeleteParameters'),
    GetParameterHistory: one('ssm:GetParameterHistory'),
    LabelParameterVersion: one('ssm:LabelParameterVersion'),
    UnlabelParameterVersion: one('ssm:UnlabelParameterVersion'),

    AddTagsToResource(input, ctx) {
      return [
        {
          ...tagged('ssm:AddTagsToResource', ctx, input.ResourceType, input.ResourceId),
          requestTags: tagMap(input.Tags) ?? {},
        },
      ];
    },
    RemoveTagsFromResource(input, ctx) {
      return [
        {
          ...tagged('ssm:RemoveTagsFromResource', ctx, input.ResourceType, input.ResourceId),
          context: { 'aws:TagKeys': input.TagKeys },
        },
      ];
    },
    ListTagsForResource(input, ctx) {
      return [tagged('ssm:ListTagsForResource', ctx, input.ResourceType, input.ResourceId)];
    },
  };
}

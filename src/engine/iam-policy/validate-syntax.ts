/**
 * The first pass of AWS's policy parser: the document's shape. Any failure here is
 * reported by AWS as one message ("Syntax errors in policy." for identity policies),
 * so these checks only answer yes or no.
 */
import {
  BASE_OPERATORS,
  STATEMENT_ELEMENTS,
  TOP_LEVEL_ELEMENTS,
  VALID_VERSIONS,
  isJsonObject,
  splitOperator,
  type Json,
  type JsonObject,
} from './grammar.js';

export interface ShapedDocument {
  document: JsonObject;
  statements: JsonObject[];
}

/** The document's statements when its shape is acceptable, else undefined. */
export function checkShape(document: Json): ShapedDocument | undefined {
  if (!isJsonObject(document)) return undefined;
  if (!Object.keys(document).every((k) => TOP_LEVEL_ELEMENTS.includes(k))) return undefined;
  const version = document['Version'];
  if (version !== undefined && !(typeof version === 'string' && VALID_VERSIONS.includes(version))) {
    return undefined;
  }
  const id = document['Id'];
  if (id !== undefined && typeof id !== 'string') return undefined;
  const raw = document['Statement'];
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  if (!isJsonObject(raw) && !Array.isArray(raw)) return undefined;
  if (list.length === 0) return undefined;
  const statements: JsonObject[] = [];
  for (const statement of list) {
    if (!isJsonObject(statement) || !statementShapeOk(statement)) return undefined;
    statements.push(statement);
  }
  return { document, statements };
}

function statementShapeOk(statement: JsonObject): boolean {
  if (!Object.keys(statement).every((k) => STATEMENT_ELEMENTS.includes(k))) return false;
  if ('Resource' in statement && 'NotResource' in statement) return false;
  if ('Action' in statement && 'NotAction' in statement) return false;
  const effect = statement['Effect'];
  if (typeof effect !== 'string') return false;
  if (!['allow', 'deny'].includes(effect.toLowerCase())) return false;
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    if (!stringOrStringListOk(statement[key])) return false;
  }
  if (!conditionShapeOk(statement['Condition'])) return false;
  const sid = statement['Sid'];
  if (sid !== undefined && typeof sid !== 'string') return false;
  return principalShapeOk(statement['Principal']) && principalShapeOk(statement['NotPrincipal']);
}

function stringOrStringListOk(value: Json | undefined): boolean {
  if (value === undefined || typeof value === 'string') return true;
  if (!Array.isArray(value)) return false;
  return value.every((v) => v === null || typeof v === 'string');
}

function conditionShapeOk(condition: Json | undefined): boolean {
  if (condition === undefined) return true;
  if (!isJsonObject(condition)) return false;
  for (const [operator, block] of Object.entries(condition)) {
    if (!isJsonObject(block)) return false;
    for (const value of Object.values(block)) {
      if (!conditionValueOk(value)) return false;
    }
    // An unknown operator is tolerated only when it names no key.
    if (!BASE_OPERATORS.includes(splitOperator(operator).base) && Object.keys(block).length > 0) {
      return false;
    }
  }
  return true;
}

function conditionValueOk(value: Json): boolean {
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
    return true;
  }
  if (!Array.isArray(value)) return false;
  return value.every((v) => ['string', 'boolean', 'number'].includes(typeof v));
}

/** `"*"` or a map of principal types to one string or a list of strings. */
function principalShapeOk(principal: Json | undefined): boolean {
  if (principal === undefined || typeof principal === 'string') return true;
  if (!isJsonObject(principal)) return false;
  return Object.values(principal).every(
    (v) => typeof v === 'string' || (Array.isArray(v) && v.every((e) => typeof e === 'string')),
  );
}

// The Orders function behind GET /orders/{id} and GET /iam/orders/{id}: reads the order from DynamoDB and returns it only to its customer.

import { DYNAMODB_CONTENT_TYPE, DYNAMODB_TARGET_PREFIX, itemToPlain, type Item } from '../dynamodb';
import type { ProxyEvent, ProxyResult } from '../api-gateway/proxy-event';
import type { LambdaFunction } from './runtime';

export const GET_ORDER_FUNCTION_NAME = 'GetOrder';

function json(statusCode: number, body: unknown): ProxyResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

type MaybeEvent = {
  pathParameters?: ProxyEvent['pathParameters'];
  requestContext?: {
    authorizer?: { claims?: Record<string, unknown> };
    identity?: { cognitoIdentityId?: unknown; cognitoAuthenticationProvider?: unknown };
  };
};

/**
 * The user pool `sub` of a caller who signed with identity-pool credentials: the last part of
 * `cognitoAuthenticationProvider`, `cognito-idp.{region}.amazonaws.com/{poolId}:CognitoSignIn:{sub}`. Only the
 * identity pool puts it there (from the ID token it verified), so the function may trust it as it trusts claims.
 */
function signedInSub(provider: unknown): string | undefined {
  if (typeof provider !== 'string') return undefined;
  return /:CognitoSignIn:([^,:]+)$/.exec(provider)?.[1];
}

/**
 * API Gateway has already verified the ID token; the function trusts the claims it was handed.
 * Authentication said who the caller is; this is authorization: is this *their* order? It decides by
 * `sub`, never by `cognito:username`: a username can be freed and taken by someone else, and depending on
 * the pool's settings differ only in case, while a user's sub is unique and never reassigned.
 */
export const getOrder: LambdaFunction = async (event, runtime) => {
  const { pathParameters, requestContext } = (
    typeof event === 'object' && event !== null ? event : {}
  ) as MaybeEvent;
  const orderId = pathParameters?.id;
  if (typeof orderId !== 'string' || orderId === '') {
    runtime.check('get-order.order-id', false);
    return json(400, { message: 'No order id in the path' });
  }
  const claims = requestContext?.authorizer?.claims;
  // Behind AWS_IAM there are no claims: the signer's identity says who it is.
  const identity = claims === undefined ? requestContext?.identity : undefined;
  const sub = claims === undefined ? signedInSub(identity?.cognitoAuthenticationProvider) : claims.sub;
  const username = claims?.['cognito:username'];
  const known = typeof sub === 'string' && sub !== '';
  runtime.check(
    'get-order.caller-known',
    known,
    known
      ? identity === undefined
        ? `sub ${sub}${typeof username === 'string' ? ` (${username})` : ''}`
        : `sub ${sub} from cognitoAuthenticationProvider (identity ${String(identity.cognitoIdentityId)})`
      : claims === undefined
        ? 'no claims, and no user pool sign-in in requestContext.identity'
        : 'no sub claim'
  );
  if (!known) return json(403, { message: 'Forbidden' });

  const { region, table } = runtime.config;
  const response = await runtime.callAws(
    new Request(`https://dynamodb.${region}.amazonaws.com/`, {
      method: 'POST',
      headers: { 'content-type': DYNAMODB_CONTENT_TYPE, 'x-amz-target': `${DYNAMODB_TARGET_PREFIX}GetItem` },
      body: JSON.stringify({ TableName: table.name, Key: { [table.partitionKey]: { S: orderId } } })
    })
  );
  if (!runtime.check('get-order.dynamodb-answered', response.ok, `HTTP ${response.status}`)) {
    return json(500, { message: 'Could not read the order' });
  }
  const { Item: item } = (await response.json()) as { Item?: Item };
  runtime.check('get-order.order-exists', item !== undefined, `order ${orderId}`);
  if (!item) return json(404, { message: `Order ${orderId} not found` });
  const owner = item.customerSub && 'S' in item.customerSub ? item.customerSub.S : undefined;
  const name = item.customer && 'S' in item.customer ? ` (${item.customer.S})` : '';
  const caller = typeof username === 'string' ? ` (${username})` : '';
  if (
    !runtime.check(
      'get-order.owner',
      owner === sub,
      `customerSub ${owner ?? '?'}${name}, caller sub ${sub}${caller}`
    )
  ) {
    return json(403, { message: 'This order belongs to another customer' });
  }
  return json(200, itemToPlain(item));
};

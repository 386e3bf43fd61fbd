// A Lambda function's resource-based policy: which AWS services may invoke it, and on behalf of which resource.

// When a REST API is wired to a function, API Gateway (or `aws lambda add-permission`) adds one statement to the
// function's policy: principal `apigateway.amazonaws.com`, action `lambda:InvokeFunction`, and a condition
// `ArnLike AWS:SourceArn` naming the API's methods (`arn:aws:execute-api:{region}:{account}:{apiId}/*/GET/orders/*`,
// any stage). API Gateway invokes as that service principal and says which method it is serving; the condition
// keeps another API, or another route of this one, from borrowing the permission.

import type { WorldConfig } from '../../config';
import type { PolicyDocument } from '../../iam/policy';
import type { ParticipantId } from '../../trace';

export function functionArn(config: Pick<WorldConfig, 'region' | 'accountId'>, functionName: string): string {
  return `arn:aws:lambda:${config.region}:${config.accountId}:function:${functionName}`;
}

/** The policy a function gets when API Gateway routes (`sourceArns`, execute-api ARN patterns) are wired to it. */
export function apiGatewayInvokePolicy(
  functionArnValue: string,
  sourceArns: readonly string[]
): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowApiGatewayInvoke',
        Effect: 'Allow',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: functionArnValue,
        Condition: {
          ArnLike: { 'AWS:SourceArn': sourceArns.length === 1 ? (sourceArns[0] ?? '') : [...sourceArns] }
        }
      }
    ]
  };
}

/** The service principal each simulated AWS service acts as when it calls another service itself. */
export const SERVICE_PRINCIPALS: Partial<Record<ParticipantId, string>> = {
  'api-gateway': 'apigateway.amazonaws.com',
  lambda: 'lambda.amazonaws.com',
  dynamodb: 'dynamodb.amazonaws.com',
  sts: 'sts.amazonaws.com',
  'user-pool': 'cognito-idp.amazonaws.com',
  'identity-pool': 'cognito-identity.amazonaws.com'
};

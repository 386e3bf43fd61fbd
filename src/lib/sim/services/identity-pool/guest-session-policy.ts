// The scope-down session policy Cognito passes to STS for guests (unauthenticated identities, enhanced flow).

/*
 * AWS's managed policy `AmazonCognitoUnAuthedIdentitiesSessionPolicy` (version v3): when the identity pool gets
 * credentials for an unauthenticated identity in the enhanced flow, it hands this document to STS as the session
 * policy, so a guest may do only what both the guest role's policies and this list allow. It names no DynamoDB,
 * S3 or Lambda action: through the enhanced flow a guest can never reach DynamoDB, whatever the role allows.
 * The basic (classic) flow has no such scope-down: there the app calls STS itself, with whatever Policy it passes.
 */

import type { PolicyDocument } from '../../iam/policy';

export const GUEST_SESSION_POLICY_NAME = 'AmazonCognitoUnAuthedIdentitiesSessionPolicy';

export const GUEST_SESSION_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'CognitoUnAuthedIdentitiesSessionPolicy',
      Effect: 'Allow',
      Action: [
        'rum:PutRumEvents',
        'sagemaker:InvokeEndpoint',
        'polly:*',
        'comprehend:*',
        'translate:*',
        'transcribe:*',
        'rekognition:*',
        'mobiletargeting:*',
        'firehose:*',
        'personalize:*',
        'geo:GetMap*',
        'geo:SearchPlaceIndex*',
        'geo:GetPlace',
        'geo:CalculateRoute*',
        'geo:*Geofence',
        'geo:*Geofences',
        'geo:*DevicePosition*',
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncryptTo',
        'kms:ReEncryptFrom',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyPair',
        'kms:GenerateDataKeyPairWithoutPlaintext',
        'kms:GenerateDataKeyWithoutPlaintext'
      ],
      Resource: '*'
    }
  ]
};

// The simulated REST API (API Gateway): its service factory, the Cognito authorizer and the proxy event format.
export { createApiGateway, type ApiGatewayAdmin, type ApiGatewayService } from './service';
export {
  createUserPoolAuthorizer,
  TOKEN_EXPIRED,
  UNAUTHORIZED,
  type AuthorizerVerdict,
  type UserPoolAuthorizer
} from './cognito-authorizer';
export { flattenClaims, javaDateString, type ProxyEvent, type ProxyResult } from './proxy-event';

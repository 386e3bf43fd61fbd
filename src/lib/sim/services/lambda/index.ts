// The simulated Lambda: its service factory, the Orders and Profile functions and the functions' resource-based policies.
export { createLambda, invokeUrl, type LambdaService } from './service';
export { getOrder, GET_ORDER_FUNCTION_NAME } from './get-order';
export { getProfile, GET_PROFILE_FUNCTION_NAME } from './get-profile';
export type { FunctionRuntime, LambdaFunction } from './runtime';
export { apiGatewayInvokePolicy, functionArn } from './resource-policy';

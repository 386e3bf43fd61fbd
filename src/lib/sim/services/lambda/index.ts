// The simulated Lambda: its service factory, the Orders function and the functions' resource-based policies.
export { createLambda, invokeUrl, type LambdaService } from './service';
export { getOrder, GET_ORDER_FUNCTION_NAME } from './get-order';
export type { FunctionRuntime, LambdaFunction } from './runtime';
export { apiGatewayInvokePolicy, functionArn } from './resource-policy';

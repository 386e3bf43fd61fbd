// What a simulated Lambda function is: code that takes an event and a runtime, and returns a result.

import type { CheckId } from '../../checks';
import type { WorldConfig } from '../../config';

/** What the function's code can use while it runs, besides its event. */
export interface FunctionRuntime {
  readonly functionName: string;
  readonly awsRequestId: string;
  readonly config: WorldConfig;
  /** Simulated time (epoch ms). */
  now(): number;
  /**
   * Calls another AWS service from the function: a traced hop from `lambda`, signed (SigV4, with
   * `X-Amz-Security-Token`) with the execution role's temporary credentials, as the SDK in a function does.
   */
  callAws(request: Request): Promise<Response>;
  /** Records one decision the function made (an id from CHECKS), so the diagram can show why it answered as it did. */
  check(id: CheckId, ok: boolean, detail?: string): boolean;
}

/** A function's handler: the JSON it returns is the Invoke response's body. */
export type LambdaFunction = (event: unknown, runtime: FunctionRuntime) => Promise<unknown>;

import { CustomErrorBase } from '@backstage/errors';

/**
 * The request is well-formed but names something Flightdeck does not know,
 * such as a service missing from the catalog. Answered with 422.
 *
 * @public
 */
export class UnprocessableEntityError extends CustomErrorBase {
  name = 'UnprocessableEntityError' as const;
  statusCode = 422;
}

/**
 * The body is larger than the route accepts. Answered with 413.
 *
 * @public
 */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/**
 * The body is not in a media type the route accepts. Answered with 415.
 *
 * @public
 */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415;
}

/**
 * A system Flightdeck called on the caller's behalf (GitHub, a CD system)
 * answered with a failure. Answered with 502; the upstream error is kept as
 * the cause.
 *
 * @public
 */
export class BadGatewayError extends CustomErrorBase {
  name = 'BadGatewayError' as const;
  statusCode = 502;
}

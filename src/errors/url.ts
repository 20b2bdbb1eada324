/**
 * The public `redactUrl`: the URL redaction of ./redact, total for any input an untyped caller
 * may pass (only a string can hold a URL to redact; anything else reports as the empty string).
 */
import { redactUrl as redactUrlText } from './redact'

/**
 * Removes credentials from a URL (the user-info and every `sign` value); anything but a string gives `''`.
 *
 * @example
 * redactUrl('https://u:p@cvat.example/api/invitations?sign=s3cret') // 'https://[redacted]@cvat.example/api/invitations?sign=[redacted]'
 */
export const redactUrl = (url: string): string => (typeof url === 'string' ? redactUrlText(url) : '')

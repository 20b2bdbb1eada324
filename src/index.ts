// The one barrel: re-exports only. Every module is side-effect free, so a bundler keeps only
// what an application imports.
export type { Client, ClientOptions, Middleware } from './http/client'
export { createClient } from './http/client'
export type { HttpRequest, HttpResponse, Method, QueryValue } from './http/request'
export { request, withQuery, withHeader, withJsonBody } from './http/request'
export { tokenAuth, bearerAuth, basicAuth, sessionAuth, signatureAuth } from './middleware/auth'
export { retry, type RetryPolicy } from './middleware/retry'
export { timeout, withSignal } from './middleware/timeout'
export { organization } from './middleware/organization'
export type {
  CvatError,
  DecodeError,
  ErrorBody,
  ListChangedError,
  RedirectError,
  RequestError,
  ResponseTooLargeError,
  StatusError,
  TimeoutError,
  TransportError,
} from './errors'
export { formatError, matchError, matchErrorOr, type ErrorHandlers, describeBody, redactUrl } from './errors'
export { parseRetryAfter } from './http/retryAfter'
export { RoleEnum, BasicUser, BasicOrganization } from './codecs/common'
export {
  InvitationRead,
  InvitationWrite,
  InvitationWriteRequest,
  PatchedInvitationWriteRequest,
  AcceptInvitationRead,
  PaginatedInvitationReadList,
} from './codecs/invitations'
export type { OrgParams, KeyParams, IdParams, PageParams } from './endpoint/params'
export { invitationsCreate, type InvitationsCreateParams } from './invitations/create'
export { invitationsList, type InvitationsListParams } from './invitations/list'
export { invitationsRetrieve, type InvitationsRetrieveParams } from './invitations/retrieve'
export { invitationsPartialUpdate, type InvitationsPartialUpdateParams } from './invitations/partialUpdate'
export { invitationsDestroy, type InvitationsDestroyParams } from './invitations/destroy'
export { invitationsAccept, type InvitationsAcceptParams } from './invitations/accept'
export { invitationsDecline, type InvitationsDeclineParams } from './invitations/decline'
export { invitationsResend, type InvitationsResendParams } from './invitations/resend'
export { invitationsListAll, type ListAllOptions } from './invitations/listAll'
export { invitationsPages } from './invitations/pages'
export { inviteMany, type InviteManyParams, type InviteOutcome } from './invitations/inviteMany'

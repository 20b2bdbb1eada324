// The one barrel: re-exports only. Every module is side-effect free, so a bundler keeps only
// what an application imports.
export type { Client, ClientOptions, Middleware } from './http/client'
export { createClient } from './http/client'
export type { HttpRequest, HttpResponse, Method, QueryValue, RequestBody } from './http/request'
export { type Download, readDownload, filenameOf, isSafeFilename } from './endpoint/download'
export { request, withQuery, withHeader, withJsonBody } from './http/request'
export { tokenAuth, bearerAuth, basicAuth, sessionAuth, signatureAuth } from './middleware/auth'
export { retry, type RetryPolicy, type RetryEvent } from './middleware/retry'
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
export { User, MetaUser, PaginatedMetaUserList, PatchedUserRequest } from './codecs/users'
export { OrganizationRead, PaginatedOrganizationReadList, OrganizationWriteRequest, PatchedOrganizationWriteRequest } from './codecs/organizations'
export { MembershipRead, PaginatedMembershipReadList, PatchedMembershipWriteRequest } from './codecs/memberships'
export {
  LoginSerializerExRequest,
  Token,
  RegisterSerializerEx,
  RegisterSerializerExRequest,
  PasswordChangeRequest,
  PasswordResetSerializerExRequest,
  PasswordResetConfirmRequest,
  RestAuthDetail,
  SigningRequest,
} from './codecs/auth'
export { AccessTokenRead, PaginatedAccessTokenReadList, AccessTokenWriteRequest, PatchedAccessTokenWriteRequest } from './codecs/accessTokens'
export type { OrgParams, OrgSlugParams, OrgIdParams, KeyParams, IdParams, PageParams } from './endpoint/params'
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
export { type Filter, type FilterField, eq, lt, lte, gt, gte, between, oneOf, contains, and, or, not, filterString } from './filters/filter'
export { invitationFields, membershipFields, organizationFields, userFields, pendingInvitations } from './filters/fields'
export { observe, type ObserveOptions, type RequestEvent } from './middleware/observe'
export { listAll, pages, type ListFunction, type Page, type PagesOptions } from './endpoint/pagination'
export { inviteMany, type InviteManyParams, type InviteOutcome } from './invitations/inviteMany'
export { resendMany, type KeysParams, type KeyOutcome } from './invitations/resendMany'
export { destroyMany } from './invitations/destroyMany'
export type { BulkOutcome, BulkOptions, BulkProgress, PlannedRequest } from './bulk/run'
export { login, type LoginCredentials } from './auth/login'
export { authCreateLogin, type AuthCreateLoginParams } from './auth/createLogin'
export { authCreateLogout } from './auth/createLogout'
export { authCreateRegister, type AuthCreateRegisterParams } from './auth/createRegister'
export { authCreatePasswordChange, type AuthCreatePasswordChangeParams } from './auth/createPasswordChange'
export { authCreatePasswordReset, type AuthCreatePasswordResetParams } from './auth/createPasswordReset'
export { authCreatePasswordResetConfirm, type AuthCreatePasswordResetConfirmParams } from './auth/createPasswordResetConfirm'
export { authCreateSigning, type AuthCreateSigningParams } from './auth/createSigning'
export { authRetrieveRules } from './auth/retrieveRules'
export { authListAccessTokens, type AuthListAccessTokensParams } from './accessTokens/list'
export { authCreateAccessTokens, type AuthCreateAccessTokensParams } from './accessTokens/create'
export { authRetrieveAccessTokens, type AuthRetrieveAccessTokensParams } from './accessTokens/retrieve'
export { authRetrieveAccessTokensSelf } from './accessTokens/retrieveSelf'
export { authPartialUpdateAccessTokens, type AuthPartialUpdateAccessTokensParams } from './accessTokens/partialUpdate'
export { authDestroyAccessTokens, type AuthDestroyAccessTokensParams } from './accessTokens/destroy'
export { usersList, type UsersListParams } from './users/list'
export { usersRetrieve, type UsersRetrieveParams } from './users/retrieve'
export { usersRetrieveSelf } from './users/retrieveSelf'
export { usersPartialUpdate, type UsersPartialUpdateParams } from './users/partialUpdate'
export { usersDestroy, type UsersDestroyParams } from './users/destroy'
export { organizationsList, type OrganizationsListParams } from './organizations/list'
export { organizationsCreate, type OrganizationsCreateParams } from './organizations/create'
export { organizationsRetrieve, type OrganizationsRetrieveParams } from './organizations/retrieve'
export { organizationsPartialUpdate, type OrganizationsPartialUpdateParams } from './organizations/partialUpdate'
export { organizationsDestroy, type OrganizationsDestroyParams } from './organizations/destroy'
export { membershipsList, type MembershipsListParams } from './memberships/list'
export { membershipsRetrieve, type MembershipsRetrieveParams } from './memberships/retrieve'
export { membershipsPartialUpdate, type MembershipsPartialUpdateParams } from './memberships/partialUpdate'
export { membershipsDestroy, type MembershipsDestroyParams } from './memberships/destroy'
// Workflows (issue 18): waiting for background requests, tasks from data, exports, imports, backups.
export type { BackgroundRequestError } from './errors'
export { waitForRequest } from './workflows/backgroundRequest'
export type { Progress, WorkflowOptions, WorkflowStep, WorkflowError } from './workflows/run'
export type { UploadFile } from './workflows/files'
export { tasksCreateFromData, type TasksCreateFromDataParams, type TasksCreateFromDataOptions } from './workflows/taskCreation'
export { tasksExportDataset, projectsExportDataset, jobsExportDataset, projectsImportDataset, type ExportDatasetParams, type ImportDatasetParams } from './workflows/datasets'
export { tasksImportAnnotations, jobsImportAnnotations, type ImportAnnotationsParams } from './workflows/annotations'
export { tasksDownloadBackup, projectsDownloadBackup, tasksCreateFromBackup, projectsCreateFromBackup, type DownloadBackupParams, type CreateFromBackupParams } from './workflows/backups'
// TEMPORARY until the generated models land (branch gen): the models the workflows resolve to.
export { TaskRead, ProjectRead, Request, RqId } from './workflows/ops'

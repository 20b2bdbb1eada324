// Every deliberate deviation from CVAT's schemas, as data, each with a one-line reason. The
// generator reads nothing else that is hand-chosen: where a schema is silent or ambiguous (an
// answer it leaves undeclared, two versions that disagree) and no entry here decides, it stops
// and says so. CVAT's source is the authority each reason cites (cvat-ai/cvat 2.73.0, ac6e63b9,
// unless it says otherwise).
import type { Schema } from './schema'

interface Reasoned {
  /** Why the schema is not followed here, in one line. */
  readonly reason: string
}

/** How an operation's success answer is read, where the schema does not say it plainly. */
export type AnswerOverride = Reasoned &
  (
    | { readonly kind: 'model' | 'modelOrNothing'; readonly component: string }
    | { readonly kind: 'json'; readonly schema: Schema }
    | { readonly kind: 'nothing' | 'file' | 'fileOrNothing' }
  )

const LEGACY_EXPORT = 'CVAT 2.26–2.3x export by polling: 202 while it runs, 201 when ready, then 200 with the file for action=download'

/** Answers the schema leaves undeclared or declares differently per version, by operation id. */
export const answers: Readonly<Record<string, AnswerOverride>> = {
  assets_retrieve: { kind: 'file', reason: 'the schema declares 200 without a body; CVAT sends the asset file (engine/views.py AssetsViewSet.retrieve, sendfile)' },
  auth_retrieve_rules: { kind: 'nothing', reason: 'the OPA rules bundle (a tar.gz for the policy engine): kept as before, only its presence is checked, like the Python SDK' },
  cloudstorages_retrieve_preview: { kind: 'file', reason: 'the schema declares 200 without a body; CVAT sends the preview image (engine/views.py CloudStorageViewSet.preview)' },
  jobs_retrieve_preview: { kind: 'file', reason: 'the schema declares 200 without a body; CVAT sends the preview image (204 with `Prefer: handling=empty` and no preview: an empty file)' },
  projects_retrieve_preview: { kind: 'file', reason: 'the schema declares 200 without a body; CVAT sends the preview image (204 with `Prefer: handling=empty` and no preview: an empty file)' },
  tasks_retrieve_preview: { kind: 'file', reason: 'the schema declares 200 without a body; CVAT sends the preview image (204 with `Prefer: handling=empty` and no preview: an empty file)' },
  tasks_retrieve_data: { kind: 'file', reason: 'the schema declares 200/206 without a body; CVAT sends a frame, chunk or context image (engine/views.py _get_data_response)' },
  events_list: { kind: 'fileOrNothing', reason: 'the CSV log: 202 while it is made, 201 when ready (no body), 200 with the file for action=download (events/views.py)' },
  projects_retrieve_backup: { kind: 'fileOrNothing', reason: LEGACY_EXPORT },
  tasks_retrieve_backup: { kind: 'fileOrNothing', reason: LEGACY_EXPORT },
  projects_retrieve_annotations: { kind: 'fileOrNothing', reason: `${LEGACY_EXPORT} (2.26 declares AnnotationsRead, but format is required: the answer is always the export)` },
  jobs_retrieve_annotations: { kind: 'model', component: 'LabeledData', reason: '2.26 adds AnnotationsRead and 201/202 for its `format` export (newer servers answer it with 410 Gone, engine/views.py); without it every server answers LabeledData' },
  tasks_retrieve_annotations: { kind: 'model', component: 'LabeledData', reason: '2.26 adds AnnotationsRead and 201/202 for its `format` export (newer servers answer it with 410 Gone, engine/views.py); without it every server answers LabeledData' },
  jobs_update_annotations: { kind: 'model', component: 'LabeledData', reason: 'the schema declares no body (2.73) or 201/202 (2.26 import by format); CVAT answers the saved annotations (engine/views.py annotations PUT)' },
  tasks_update_annotations: { kind: 'model', component: 'LabeledData', reason: 'the schema declares no body (2.73) or 201/202 (2.26 import by format); CVAT answers the saved annotations (engine/views.py annotations PUT)' },
  jobs_partial_update_annotations: { kind: 'model', component: 'LabeledData', reason: 'the schema declares 200 without a body; CVAT answers the patched annotations (engine/views.py annotations PATCH)' },
  tasks_create_data: { kind: 'modelOrNothing', component: 'RqId', reason: 'Upload-Start and Upload-Multiple answer 202/200 without a body (engine/mixins.py upload_data); DataResponse\'s other member, a file, is never sent' },
  projects_create_backup: { kind: 'modelOrNothing', component: 'RqId', reason: '2.26 also declares 201 without a body (a finished import); 2.73 only 202 with the request id' },
  tasks_create_backup: { kind: 'modelOrNothing', component: 'RqId', reason: '2.26 also declares 201 without a body (a finished import); 2.73 only 202 with the request id' },
  lambda_list_functions: { kind: 'json', schema: { type: 'array', items: { type: 'object' } }, reason: 'the schema declares no body; CVAT answers a list of function descriptions (lambda_manager/views.py FunctionViewSet.list)' },
  lambda_create_functions: { kind: 'json', schema: {}, reason: "the schema declares no body; CVAT answers the function's results, whose shape depends on the function (lambda_manager/views.py call)" },
  requests_create_cancel: { kind: 'nothing', reason: 'the schema declares 200 without a body, which CVAT sends (redis_handler/views.py cancel)' },
  webhooks_create_deliveries_redelivery: { kind: 'nothing', reason: 'the schema declares 200 without a body; CVAT sends `{}`, which says nothing (webhooks/views.py redelivery)' },
  quality_retrieve_report_data: { kind: 'file', reason: '2.26 declares a JSON object, 2.73 a file (JSON or CSV by `format`): read as a file on both' },
  schema_retrieve: { kind: 'file', reason: 'YAML by default, JSON by `format` or content negotiation: not always JSON, so read as a file' },
}

/** Operations whose request body two versions declare differently: the newer one is taken. */
export const bodies: Readonly<Record<string, Reasoned>> = {
  assets_create: { reason: '2.26 declares an inline `{ file }`; 2.73 names it AssetWriteRequest with the `guide_id` every server requires' },
  jobs_update_annotations: { reason: "2.26's JobAnnotationsUpdateRequest adds an annotation file, whose import by PUT newer servers answer with 410 Gone (engine/views.py annotations PUT)" },
  tasks_update_annotations: { reason: "2.26's TaskAnnotationsUpdateRequest adds an annotation file, whose import by PUT newer servers answer with 410 Gone (engine/views.py annotations PUT)" },
  tasks_create_annotations: { reason: "2.26's TaskAnnotationsWriteRequest is a oneOf wrapper of AnnotationFileRequest" },
  projects_create_dataset: { reason: "2.26's DatasetWriteRequest is a oneOf wrapper of DatasetFileRequest" },
  projects_create_backup: { reason: "2.26's BackupWriteRequest is a oneOf wrapper of ProjectFileRequest" },
}

const RENDERED_ID = 'every server renders it (a read-only model field) and the object cannot be addressed without it'

/** Properties a response model requires although its schema leaves them optional (read-only fields every server sends). */
export const requiredToo: Readonly<Record<string, Reasoned & { readonly fields: ReadonlyArray<string> }>> = {
  InvitationRead: { fields: ['key'], reason: `${RENDERED_ID}: the key is its path` },
  OrganizationRead: { fields: ['id', 'slug'], reason: `${RENDERED_ID}: by id, and by slug as a context` },
  MembershipRead: { fields: ['id'], reason: RENDERED_ID },
  AccessTokenRead: { fields: ['id'], reason: RENDERED_ID },
  ProjectRead: { fields: ['id'], reason: RENDERED_ID },
  TaskRead: { fields: ['id'], reason: RENDERED_ID },
  JobRead: { fields: ['id'], reason: RENDERED_ID },
  Label: { fields: ['id'], reason: RENDERED_ID },
  IssueRead: { fields: ['id'], reason: RENDERED_ID },
  CommentRead: { fields: ['id'], reason: RENDERED_ID },
  CloudStorageRead: { fields: ['id'], reason: RENDERED_ID },
  WebhookRead: { fields: ['id'], reason: RENDERED_ID },
  WebhookDeliveryRead: { fields: ['id'], reason: RENDERED_ID },
  AnnotationGuideRead: { fields: ['id'], reason: RENDERED_ID },
  QualityReport: { fields: ['id'], reason: RENDERED_ID },
  QualitySettings: { fields: ['id'], reason: RENDERED_ID },
  ConsensusSettings: { fields: ['id'], reason: RENDERED_ID },
  AssetRead: { fields: ['uuid'], reason: `${RENDERED_ID}: the uuid is its path` },
}

/** Properties a response model leaves optional although its schema requires them. */
export const optionalToo: Readonly<Record<string, Reasoned & { readonly fields: ReadonlyArray<string> }>> = {
  InvitationRead: { fields: ['organization_info'], reason: 'seed-era (2.2) servers omit it; the client still reads their invitations' },
}

/** Fields that carry secrets, per component: scrubbed from errors and logs; a request's are decoded with `secret()`, whose failure never shows the value. */
export const secrets: Readonly<Record<string, Reasoned & { readonly fields: ReadonlyArray<string> }>> = {
  LoginSerializerExRequest: { fields: ['password'], reason: 'a password' },
  Token: { fields: ['key'], reason: 'the API token a login mints' },
  RegisterSerializerExRequest: { fields: ['password1', 'password2'], reason: 'passwords' },
  RegisterSerializerEx: { fields: ['key'], reason: 'the API token a registration mints' },
  PasswordChangeRequest: { fields: ['old_password', 'new_password1', 'new_password2'], reason: 'passwords' },
  PasswordResetConfirmRequest: { fields: ['new_password1', 'new_password2', 'uid', 'token'], reason: 'passwords, and the uid and token of a reset link that set one' },
  AccessTokenRead: { fields: ['value'], reason: 'the personal access token, sent once when it is created' },
  CloudStorageWriteRequest: { fields: ['key', 'secret_key', 'session_token', 'connection_string'], reason: "a cloud provider's credentials (an access key, its secret, a session token, an Azure connection string)" },
  PatchedCloudStorageWriteRequest: { fields: ['key', 'secret_key', 'session_token', 'connection_string'], reason: "a cloud provider's credentials (an access key, its secret, a session token, an Azure connection string)" },
  WebhookWriteRequest: { fields: ['secret'], reason: "the webhook's signing secret" },
  PatchedWebhookWriteRequest: { fields: ['secret'], reason: "the webhook's signing secret" },
}

/** Schema patterns written for Python's `re`, as JavaScript must write them. */
export const patterns: Readonly<Record<string, Reasoned & { readonly source: string; readonly flags: string }>> = {
  '^[\\w.@+-]+$': { source: '^[\\p{L}\\p{M}\\p{N}_.@+-]+$', flags: 'u', reason: "Django's username validator: Python's `\\w` matches letters and digits of every script" },
}

/** Components that are a union the client reads otherwise than member by member. */
export const unions: Readonly<Record<string, Reasoned & ({ readonly decidedBy: string } | { readonly only: string })>> = {
  MetaUser: { decidedBy: 'BasicUser', reason: 'every valid User is a valid BasicUser (objects allow more fields): BasicUser decides, and a full user passes through whole' },
  DataResponse: { only: 'RqId', reason: 'its other member, a file, is never a JSON body' },
  AnnotationsRead: { only: 'LabeledData', reason: 'its other member, a file, is never a JSON body (2.26 only)' },
}

/** Where an integer names a resource, which one: how the generator brands ids (src/codecs/ids.ts). */
export const ids = {
  reason: 'the schema types every id as a plain integer; a branded id makes passing one resource\'s id for another a compile error',
  /** A model's own `id`, by component. */
  models: {
    BasicUser: 'UserId', User: 'UserId', UserIdentifiers: 'UserId',
    BasicOrganization: 'OrganizationId', OrganizationRead: 'OrganizationId',
    MembershipRead: 'MembershipId',
    ProjectRead: 'ProjectId', TaskRead: 'TaskId', JobRead: 'JobId',
    Label: 'LabelId', PatchedLabelRequest: 'LabelId', Sublabel: 'LabelId', SublabelRequest: 'LabelId',
    Attribute: 'AttributeId', AttributeRequest: 'AttributeId',
    IssueRead: 'IssueId', CommentRead: 'CommentId', CloudStorageRead: 'CloudStorageId',
    WebhookRead: 'WebhookId', WebhookDeliveryRead: 'WebhookDeliveryId', AccessTokenRead: 'AccessTokenId',
    AnnotationGuideRead: 'AnnotationGuideId', QualityReport: 'QualityReportId', QualitySettings: 'QualitySettingsId',
    ConsensusSettings: 'ConsensusSettingsId', AnnotationConflict: 'AnnotationConflictId',
    LabeledShape: 'ShapeId', LabeledShapeRequest: 'ShapeId', SubLabeledShape: 'ShapeId', SubLabeledShapeRequest: 'ShapeId',
    LabeledTrack: 'TrackId', LabeledTrackRequest: 'TrackId', SubLabeledTrack: 'TrackId', SubLabeledTrackRequest: 'TrackId',
    LabeledImage: 'TagId', LabeledImageRequest: 'TagId',
  } as Readonly<Record<string, string>>,
  /** An integer field or parameter by its name, wherever it appears (`Component.field` or `operation_id.param` entries decide first). */
  names: {
    user_id: 'UserId', owner_id: 'UserId', assignee_id: 'UserId', assignee: 'UserId',
    organization: 'OrganizationId', organization_id: 'OrganizationId', org_id: 'OrganizationId',
    project_id: 'ProjectId', task_id: 'TaskId', task: 'TaskId', job_id: 'JobId', job: 'JobId', parent_job_id: 'JobId',
    label_id: 'LabelId', spec_id: 'AttributeId', issue_id: 'IssueId',
    cloud_storage_id: 'CloudStorageId', data_cloud_storage_id: 'CloudStorageId',
    webhook_id: 'WebhookId', guide_id: 'AnnotationGuideId', report_id: 'QualityReportId',
  } as Readonly<Record<string, string>>,
  /** Names whose meaning depends on where they are. */
  contexts: {
    'Label.parent_id': 'LabelId',
    'labels_list.parent_id': 'LabelId',
    'QualityReport.parent_id': 'QualityReportId',
    'quality_list_reports.parent_id': 'QualityReportId',
  } as Readonly<Record<string, string>>,
  /** A path's integer parameters, by the path's resource (the longest matching prefix); `{delivery_id}` by name. */
  paths: {
    '/api/users/': 'UserId', '/api/organizations/': 'OrganizationId', '/api/memberships/': 'MembershipId',
    '/api/projects/': 'ProjectId', '/api/tasks/': 'TaskId', '/api/jobs/': 'JobId', '/api/labels/': 'LabelId',
    '/api/issues/': 'IssueId', '/api/comments/': 'CommentId', '/api/cloudstorages/': 'CloudStorageId',
    '/api/webhooks/': 'WebhookId', '/api/auth/access_tokens/': 'AccessTokenId', '/api/guides/': 'AnnotationGuideId',
    '/api/quality/reports/': 'QualityReportId', '/api/quality/settings/': 'QualitySettingsId',
    '/api/consensus/settings/': 'ConsensusSettingsId', 'delivery_id': 'WebhookDeliveryId',
  } as Readonly<Record<string, string>>,
}

/** Sentences for operations whose schema gives no summary to make one of. */
export const sentences: Readonly<Record<string, Reasoned & { readonly text: string }>> = {
  auth_create_login: { text: 'Exchanges a username (or e-mail) and password for an API token, the same key on every login until logout.', reason: 'no summary; the description is dj-rest-auth\'s' },
  auth_create_logout: { text: "Logs out: deletes the caller's API token (every client using it stops working) and ends the session.", reason: 'no summary; the description is dj-rest-auth\'s' },
  auth_create_password_change: { text: "Changes the caller's password (the old one, and the new one twice).", reason: 'no summary; the description is dj-rest-auth\'s' },
  auth_create_password_reset: { text: 'Asks CVAT to e-mail a password-reset link to an address.', reason: 'no summary; the description is dj-rest-auth\'s' },
  auth_create_password_reset_confirm: { text: 'Sets a new password with the `uid` and `token` from a reset e-mail.', reason: 'no summary; the description is dj-rest-auth\'s' },
  auth_create_register: { text: 'Creates an account (servers with basic IAM only); `key` is its token, or null while the e-mail awaits verification.', reason: 'no summary; the description is dj-rest-auth\'s' },
  auth_retrieve_rules: { text: 'Checks that the server serves its access-rule (OPA) bundle; the bundle itself is not read (no authentication needed).', reason: 'no summary or description' },
  lambda_create_functions: { text: 'Runs a serverless function at once on one frame and answers its results (for interactive use).', reason: 'no summary; the description starts "Allows to execute"' },
  schema_retrieve: { text: "Downloads the server's own OpenAPI schema (YAML, or JSON with `format: 'json'`).", reason: 'no summary; the description is not a sentence about the call' },
}

/** Operations that take the organisation context although their schema does not declare it. */
export const orgContext: Readonly<Record<string, Reasoned>> = {
  invitations_retrieve: { reason: "an invitation's visibility is the context's list filter (organizations/views.py InvitationViewSet.get_queryset): owners and maintainers reach others' invitations only in it" },
  invitations_partial_update: { reason: "an invitation's visibility is the context's list filter (organizations/views.py InvitationViewSet.get_queryset)" },
  invitations_destroy: { reason: "an invitation's visibility is the context's list filter (organizations/views.py InvitationViewSet.get_queryset)" },
  invitations_accept: { reason: "an invitation's visibility is the context's list filter (organizations/views.py InvitationViewSet.get_queryset)" },
  invitations_decline: { reason: "an invitation's visibility is the context's list filter (organizations/views.py InvitationViewSet.get_queryset)" },
  invitations_resend: { reason: "an invitation's visibility is the context's list filter (organizations/views.py InvitationViewSet.get_queryset)" },
}

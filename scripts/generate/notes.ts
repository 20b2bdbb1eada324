// What the schema cannot say about an operation and a user should read in its JSDoc: CVAT's
// rules, read from its source (../shared/cvat/SERVER.md cites the files), and hand-written
// examples. Documentation only: nothing here changes what an operation sends or reads.

/** A paragraph for an operation's JSDoc, and optionally its example. */
export interface Note {
  readonly text: string
  readonly example?: string
}

export const notes: Readonly<Record<string, Note>> = {
  invitations_list: {
    text: 'The invitations visible in the context, newest first; `filter` is JSON Logic over `owner`, `user_id` and `accepted` (see `invitationFields`).',
    example: `invitationsList(cvat, { org: 'my-org', pageSize: 50, filter: '{"==":[{"var":"accepted"},false]}' })`,
  },
  invitations_create: {
    text: 'Invites an e-mail address into the organisation named by the context (never the body); an existing member or a pending invitation is a 400.',
    example: `invitationsCreate(cvat, { invitationWriteRequest: { role: 'worker', email: 'ann@example.com' }, org: 'my-org' })`,
  },
  invitations_retrieve: { text: 'Fetches one invitation by its key; owners and maintainers reach other people\'s invitations only with the organisation context.', example: `invitationsRetrieve(cvat, { key: inv.key, org: 'my-org' })` },
  invitations_partial_update: {
    text: "Do not use it: servers never change the role or the e-mail here (a PATCH without `?accepted` may even answer 500; organizations/views.py perform_update), and CVAT 2.70 and later answer 405. Use `invitationsAccept` to accept and `membershipsPartialUpdate` to change a role.",
    example: `invitationsPartialUpdate(cvat, { key, patchedInvitationWriteRequest: { role: 'supervisor' } })`,
  },
  invitations_destroy: {
    text: "Deleting an invitation keeps its membership (CVAT's cascade: models.py, SERVER.md \"Cascades\"): a pending membership stays inactive, so inviting the same address again fails with a 400 until `membershipsDestroy` removes it.",
    example: `invitationsDestroy(cvat, { key, org: 'my-org' })`,
  },
  invitations_accept: { text: "Accepts an invitation as its invitee; answers the organisation's slug. An expired or already accepted one is a 400.", example: 'invitationsAccept(inviteeClient, { key })' },
  invitations_decline: { text: 'Declines an invitation as its invitee: deletes the membership, and with it the invitation; 204.', example: 'invitationsDecline(inviteeClient, { key })' },
  invitations_resend: { text: 'Sends the invitation e-mail again and restarts its expiry; 204. Throttled at 5 an hour per user (429 with `Retry-After`).', example: `invitationsResend(cvat, { key, org: 'my-org' })` },
  memberships_list: {
    text: 'Without a context your own memberships; in an organisation its members (owners and maintainers also see pending ones).',
    example: `membershipsList(cvat, { org: 'my-org', role: 'worker' })`,
  },
  memberships_retrieve: { text: 'Checked against the membership\'s own organisation: 403 when you may not see it.', example: 'membershipsRetrieve(cvat, { id: 12 })' },
  memberships_partial_update: {
    text: "This, not an invitation's PATCH, is how a role changes: owners may change anyone but themselves and the owner, maintainers supervisors and workers.",
    example: `membershipsPartialUpdate(cvat, { id: 12, patchedMembershipWriteRequest: { role: 'maintainer' } })`,
  },
  memberships_destroy: { text: 'Removes a member from an organisation (or leaves it, for your own membership), with its invitation; 204. Pass a membership id, never a user id.', example: 'membershipsDestroy(cvat, { id: 12 })' },
  organizations_list: { text: 'Lists the organisations you own or are an active member of (admins: all).', example: `organizationsList(cvat, { slug: 'my-org' })` },
  organizations_create: { text: 'The caller becomes its owner and `owner` member; needs the IAM group `user` or `admin`.', example: `organizationsCreate(cvat, { organizationWriteRequest: { slug: 'my-org', name: 'My organisation' } })` },
  organizations_retrieve: { text: 'One you cannot see is a 404.', example: 'organizationsRetrieve(cvat, { id: 1 })' },
  organizations_partial_update: { text: 'Its owner, a maintainer or an admin may change the slug, name, description or contact.', example: `organizationsPartialUpdate(cvat, { id: 1, patchedOrganizationWriteRequest: { description: 'Road scenes' } })` },
  organizations_destroy: { text: 'Deletes its memberships and invitations too (its owner or an admin); projects and tasks stay, with no organisation.', example: 'organizationsDestroy(cvat, { id: 1 })' },
  users_list: { text: 'Without a context only yourself (admins: everyone), in an organisation its members; other people come back as `BasicUser`.', example: `usersList(cvat, { org: 'my-org', search: 'ann' })` },
  users_retrieve: { text: 'Yourself, or (as an active member of the context organisation, or an admin) anyone; the context comes from the `organization` middleware.', example: `usersRetrieve(pipe(cvat, organization('my-org')), { id: 7 })` },
  users_retrieve_self: { text: 'The full `User` for yourself.', example: 'usersRetrieveSelf(cvat)' },
  users_partial_update: { text: 'Yourself: username and names only; staff: every writable field.', example: `usersPartialUpdate(cvat, { id: 7, patchedUserRequest: { first_name: 'Ann', last_name: 'Lee' } })` },
  users_destroy: { text: 'Yourself, or anyone as an admin; deletes the memberships too.', example: 'usersDestroy(cvat, { id: 7 })' },
  auth_create_login: { text: 'Bad credentials: a 400 `StatusError`, never carrying the password. See `login` for a ready client.', example: `authCreateLogin(cvat, { loginSerializerExRequest: { username: 'ann', password: 's3cret' } })` },
  auth_create_logout: { text: 'Anonymous callers get the same 200.', example: 'authCreateLogout(cvat)' },
  auth_create_password_change: {
    text: 'The old password, and the new one twice.',
    example: `authCreatePasswordChange(cvat, { passwordChangeRequest: { old_password: 'old one', new_password1: 'new and long', new_password2: 'new and long' } })`,
  },
  auth_create_password_reset_confirm: {
    text: 'The `uid` and `token` come from the reset e-mail; they are scrubbed from errors like the passwords.',
    example: `authCreatePasswordResetConfirm(cvat, { passwordResetConfirmRequest: { uid: 'MTA', token: 'c2a-6f1e', new_password1: 'new and long', new_password2: 'new and long' } })`,
  },
  auth_create_signing: { text: 'Answers the URL with a `sign` parameter valid for 30 seconds (for `signatureAuth`).', example: `authCreateSigning(cvat, { signingRequest: { url: 'https://cvat.example/api/tasks/1/data' } })` },
  auth_create_access_tokens: {
    text: 'The answer carries the secret `value` this once: send it with `bearerAuth`.',
    example: `authCreateAccessTokens(cvat, { accessTokenWriteRequest: { name: 'nightly import', read_only: true } })`,
  },
  auth_list_access_tokens: { text: 'Your own tokens, never their secret values.', example: `authListAccessTokens(cvat, { search: 'ci' })` },
  auth_retrieve_access_tokens_self: {
    text: 'Only with `bearerAuth`: the token this request is authenticated with.',
    example: `authRetrieveAccessTokensSelf(pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), bearerAuth('my-personal-access-token')))`,
  },
  auth_partial_update_access_tokens: { text: 'Renames a token or changes its expiry or read-only flag.', example: `authPartialUpdateAccessTokens(cvat, { id: 3, patchedAccessTokenWriteRequest: { expiry_date: '2027-01-01T00:00:00Z' } })` },
  tasks_create: { text: 'The task has no data yet: attach images or video with `tasksCreateData` (or use the `tasksCreateFromData` workflow).' },
  tasks_create_data: {
    text: "Without Upload headers the files travel in this request (multipart when it holds a `Blob`); CVAT's own protocol sends `uploadStart`, the files, then `uploadFinish`. The answer's `rq_id` is the background request to wait for (`requestsRetrieve`).",
  },
  requests_retrieve: { text: 'Poll it until `status` is `finished` (then `result_url` or `result_id`) or `failed` (`message`).' },
  jobs_retrieve_data: { text: 'A chunk may answer 206 with part of it; a `Download` either way.' },
}

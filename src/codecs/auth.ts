// The organisation domain's codecs under the names they had before the generator: each is the
// generated model (src/generated/models, `npm run generate`), re-exported.
export { LoginSerializerExRequest } from '../generated/models/LoginSerializerExRequest'
export { Token, TokenGuard, TokenDecoder } from '../generated/models/Token'
export { RegisterSerializerEx, RegisterSerializerExGuard, RegisterSerializerExDecoder } from '../generated/models/RegisterSerializerEx'
export { RegisterSerializerExRequest } from '../generated/models/RegisterSerializerExRequest'
export { PasswordChangeRequest } from '../generated/models/PasswordChangeRequest'
export { PasswordResetSerializerExRequest } from '../generated/models/PasswordResetSerializerExRequest'
export { PasswordResetConfirmRequest } from '../generated/models/PasswordResetConfirmRequest'
export { RestAuthDetail, RestAuthDetailGuard, RestAuthDetailDecoder } from '../generated/models/RestAuthDetail'
export { SigningRequest } from '../generated/models/SigningRequest'

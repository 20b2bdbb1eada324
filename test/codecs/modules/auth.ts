// The organisation domain's codecs under the names they had before the generator: each is the
// generated model (src/generated/models, `npm run generate`), re-exported.
export { LoginSerializerExRequest } from '../../../src/generated/models/LoginSerializerExRequest'
export { Token, TokenGuard, TokenDecoder } from '../../../src/generated/models/Token'
export { RegisterSerializerEx, RegisterSerializerExGuard, RegisterSerializerExDecoder } from '../../../src/generated/models/RegisterSerializerEx'
export { RegisterSerializerExRequest } from '../../../src/generated/models/RegisterSerializerExRequest'
export { PasswordChangeRequest } from '../../../src/generated/models/PasswordChangeRequest'
export { PasswordResetSerializerExRequest } from '../../../src/generated/models/PasswordResetSerializerExRequest'
export { PasswordResetConfirmRequest } from '../../../src/generated/models/PasswordResetConfirmRequest'
export { RestAuthDetail, RestAuthDetailGuard, RestAuthDetailDecoder } from '../../../src/generated/models/RestAuthDetail'
export { SigningRequest } from '../../../src/generated/models/SigningRequest'

// `npm run generate`: writes src/generated from CVAT's schemas in ../shared/cvat (or
// $CVAT_SHARED). `--out <dir>` writes elsewhere (the currency test compares the two).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate } from './generate'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const shared = process.env['CVAT_SHARED'] ?? resolve(root, '../shared/cvat')
const at = process.argv.indexOf('--out')
const out = at >= 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]!) : join(root, 'src/generated')

if (!existsSync(join(shared, 'full/cvat-schema.2.73.0.yml'))) {
  console.error(`generate: CVAT's schemas not found at ${shared}/full (set CVAT_SHARED)`)
  process.exit(1)
}

const started = Date.now()
const { files, operations, components } = generate(shared)
rmSync(out, { recursive: true, force: true })
for (const [path, text] of files) {
  mkdirSync(dirname(join(out, path)), { recursive: true })
  writeFileSync(join(out, path), text)
}
console.log(`generate: ${operations.length} operations, ${Object.keys(components).length} components, ${files.size} files in ${out} (${Date.now() - started} ms)`)

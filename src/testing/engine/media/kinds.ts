/**
 * What CVAT takes a file for, from its name alone (media_extractors.py get_mime: Python's
 * `mimetypes.guess_type` extended by engine/media.mimetypes), and the orders a task's files can
 * be sorted in (media_extractors.py sort).
 */
import { isJpeg, jpegInfo } from './jpeg'
import { type Size, isPng, pngSize } from './png'

/** CVAT's media types (media_extractors.py MEDIA_TYPES), plus the manifest and what it skips. */
export type MediaKind = 'image' | 'video' | 'archive' | 'zip' | 'pdf' | 'manifest' | 'unknown'

const IMAGE = /\.(png|jpe?g|jpe|jfif|jng|bmp|dib|gif|tiff?|webp|pbm|pgm|ppm|pnm|ras|rgb|xbm|xpm|xwd|ief|ico|jp2|jpf|jpx|pcx|tga|sgi|hdr|pic|pcd|bin|heic|heif|avif|dng|nef|raf|orf|pef|cr2|arw|sr2)$/i
const VIDEO = /\.(mp4|m4v|f4v|lrv|avi|divx|mov|qt|qtvr|mkv|webm|mpeg|mpg|mpe|m1v|m2v|flv|wmv|wmp|3gp|3gpp|3g2|3gp2|ts|mts|m2ts|mpls|ogv|vob|dv|rv|vivo|fli|flc|mxu|movie)$/i
const ARCHIVE = /\.(tar|tgz|gz|tbz2?|bz2?|7z|rar|cpio)$/i

/** Classifies a file by its extension, case-insensitively as mimetypes.guess_type does. */
export const kindOf = (path: string): MediaKind =>
  /\.jsonl$/i.test(path)
    ? 'manifest'
    : /\.svgz?$/i.test(path)
      ? 'unknown' // vector images are excluded: Pillow cannot open them (_is_image)
      : IMAGE.test(path)
        ? 'image'
        : VIDEO.test(path)
          ? 'video'
          : /\.zip$/i.test(path)
            ? 'zip'
            : /\.pdf$/i.test(path)
              ? 'pdf'
              : ARCHIVE.test(path)
                ? 'archive'
                : 'unknown'

/** A decodable picture: its size as CVAT reports it, and the content type it is served with. */
export interface Picture extends Size {
  readonly mime: 'image/png' | 'image/jpeg'
}

/**
 * Reads a picture's header: PNG or JPEG, whatever its name says (Pillow sniffs too). A JPEG
 * whose Exif orientation is 5–8 is reported turned, width and height swapped.
 */
export const readPicture = (b: Uint8Array): Picture | undefined => {
  if (isPng(b)) {
    const s = pngSize(b)
    return s && { ...s, mime: 'image/png' }
  }
  if (isJpeg(b)) {
    const j = jpegInfo(b)
    return j && (j.orientation > 4 ? { width: j.height, height: j.width, mime: 'image/jpeg' } : { width: j.width, height: j.height, mime: 'image/jpeg' })
  }
  return undefined
}

/** Compares strings by code point, as Python's `sorted` does (JavaScript's default compares UTF-16 units). */
export const byCodePoint = (a: string, b: string): number => {
  const x = Array.from(a)
  const y = Array.from(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!
    if (d !== 0) return d
  }
  return x.length - y.length
}

// natsort's os_sorted on Linux without ICU: ns.LOCALE | ns.PATH | ns.IGNORECASE — paths compared
// component by component, the extension apart, digit runs as numbers, letters case-folded.
const natKey = (path: string): ReadonlyArray<ReadonlyArray<string | number>> =>
  path.split('/').flatMap((part) => {
    const dot = part.lastIndexOf('.')
    const pieces = dot > 0 ? [part.slice(0, dot), part.slice(dot)] : [part]
    return pieces.map((p) => (p.toLowerCase().match(/\d+|\D+/g) ?? ['']).map((t) => (/^\d/.test(t) ? Number(t) : t)))
  })

const compareKeys = (a: ReadonlyArray<ReadonlyArray<string | number>>, b: ReadonlyArray<ReadonlyArray<string | number>>): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as ReadonlyArray<string | number>
    const y = b[i] as ReadonlyArray<string | number>
    for (let j = 0; j < Math.min(x.length, y.length); j++) {
      const p = x[j] as string | number
      const q = y[j] as string | number
      if (p === q) continue
      // natsort puts numbers before strings in the same position.
      if (typeof p !== typeof q) return typeof p === 'number' ? -1 : 1
      return typeof p === 'number' ? p - (q as number) : byCodePoint(p, q as string)
    }
    if (x.length !== y.length) return x.length - y.length
  }
  return a.length - b.length
}

/** Names the sorting methods of DataRequest (models.py SortingMethod). */
export type SortingMethod = 'lexicographical' | 'natural' | 'predefined' | 'random'

/**
 * Orders file names per `sorting_method`; `random` shuffles with the emulator's seeded generator
 * (CVAT's is unseeded: random.shuffle), so runs repeat.
 */
export const sortFiles = (files: ReadonlyArray<string>, method: SortingMethod, random: () => number): string[] => {
  const out = [...files]
  if (method === 'lexicographical') return out.sort(byCodePoint)
  if (method === 'natural') return out.sort((a, b) => compareKeys(natKey(a), natKey(b)) || byCodePoint(a, b))
  if (method === 'random')
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[out[i], out[j]] = [out[j] as string, out[i] as string]
    }
  return out
}

/**
 * Builds dist/customer-modules-wordpress.zip from wordpress/customer-modules/
 * (run by `npm run build`); the admin's "Website" page offers it for download.
 * A plain zip (deflate) written with Node's zlib: no dependency.
 */
const fs = require("fs")
const path = require("path")
const zlib = require("zlib")

const root = path.join(__dirname, "..", "wordpress")
const out = path.join(__dirname, "..", "dist", "customer-modules-wordpress.zip")

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)])).sort()
}

const local = []
const central = []
let offset = 0
// A fixed date (2026-01-01 00:00): the same sources give the same zip.
const time = 0
const date = ((2026 - 1980) << 9) | (1 << 5) | 1
for (const file of files(root)) {
  const name = Buffer.from(path.relative(root, file).split(path.sep).join("/"))
  const data = fs.readFileSync(file)
  const packed = zlib.deflateRawSync(data, { level: 9 })
  const crc = zlib.crc32(data)
  const header = Buffer.alloc(30)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(20, 4)
  header.writeUInt16LE(0x0800, 6)
  header.writeUInt16LE(8, 8)
  header.writeUInt16LE(time, 10)
  header.writeUInt16LE(date, 12)
  header.writeUInt32LE(crc, 14)
  header.writeUInt32LE(packed.length, 18)
  header.writeUInt32LE(data.length, 22)
  header.writeUInt16LE(name.length, 26)
  header.writeUInt16LE(0, 28)
  local.push(header, name, packed)
  const entry = Buffer.alloc(46)
  entry.writeUInt32LE(0x02014b50, 0)
  entry.writeUInt16LE(20, 4)
  entry.writeUInt16LE(20, 6)
  entry.writeUInt16LE(0x0800, 8)
  entry.writeUInt16LE(8, 10)
  entry.writeUInt16LE(time, 12)
  entry.writeUInt16LE(date, 14)
  entry.writeUInt32LE(crc, 16)
  entry.writeUInt32LE(packed.length, 20)
  entry.writeUInt32LE(data.length, 24)
  entry.writeUInt16LE(name.length, 28)
  entry.writeUInt32LE(offset, 42)
  central.push(entry, name)
  offset += header.length + name.length + packed.length
}
const centralSize = central.reduce((n, b) => n + b.length, 0)
const end = Buffer.alloc(22)
end.writeUInt32LE(0x06054b50, 0)
end.writeUInt16LE(central.length / 2, 8)
end.writeUInt16LE(central.length / 2, 10)
end.writeUInt32LE(centralSize, 12)
end.writeUInt32LE(offset, 16)
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, Buffer.concat([...local, ...central, end]))
console.log(`zip-wordpress: ${path.relative(process.cwd(), out)} (${central.length / 2} files)`)

// Copies the repository's fazhi.v1 protos into proto/ before `npm pack`, so that the package
// works installed anywhere; `--remove` deletes the copy afterwards (postpack), so that a checkout
// always loads the repository's protos rather than a stale copy.
'use strict';

const fs = require('fs');
const path = require('path');

const target = path.join(__dirname, '..', 'proto');
fs.rmSync(target, { recursive: true, force: true });
if (!process.argv.includes('--remove')) {
  const source = path.join(__dirname, '..', '..', '..', 'proto', 'fazhi', 'v1');
  fs.mkdirSync(path.join(target, 'fazhi', 'v1'), { recursive: true });
  for (const name of fs.readdirSync(source).filter((file) => file.endsWith('.proto'))) {
    fs.copyFileSync(path.join(source, name), path.join(target, 'fazhi', 'v1', name));
  }
}

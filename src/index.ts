// Library API of m3di: the CLI is a thin layer over these exports.
export { InputError } from './errors.js';
export { writeFileAtomic, writeFileAtomicAsync } from './io/atomic.js';

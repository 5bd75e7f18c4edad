import { adversarySuite } from './adversary-suite.js';

adversarySuite('pglite');
